import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'

vi.mock('../api', () => ({
  holidaysList: vi.fn(),
  holidaySet: vi.fn(),
  holidayRemove: vi.fn(),
  holidaysExport: vi.fn(),
  holidaysPickFolder: vi.fn(),
  holidaysPickFile: vi.fn(),
  holidaysImportPreview: vi.fn(),
  holidaysImport: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { HolidayImport } from '../api/generated'
import HolidayCalendarView from './HolidayCalendarView.vue'
import { resetSession } from '../store/session'
import { choose, errorOf, settle } from '../test/formItems'
import { expectLimits } from '../test/textLimits'
import { HOLIDAY_LIMITS } from '../lib/fieldLimits'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { HEAD, STAFF, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const FILE = 'E:\\2027年节假日安排-黄石港区司法局-20261120.json'

/** What the core answers for the district's file of 2027 read against a calendar that has a day of it. */
const preview = (over: Partial<HolidayImport> = {}): HolidayImport => ({
  file: FILE,
  year: 2027,
  issuedBy: { code: '420202', name: '黄石港区司法局' },
  exportedAt: '2026-11-20T09:30:00+08:00',
  days: [
    { day: '2027-01-01', kind: 'holiday', name: '元旦' },
    { day: '2027-02-06', kind: 'workday', name: '春节' },
  ],
  added: 1,
  changed: 1,
  removed: [{ day: '2027-01-04', kind: 'holiday', name: '元旦' }],
  digest: 'digest-1',
  applied: false,
  ...over,
})

const inputOf = (w: VueWrapper, testid: string) => w.get(`[data-testid="${testid}"]`).element as HTMLInputElement
/** The value chosen in the select with test id `testid`. */
const selected = (w: VueWrapper, testid: string) =>
  ((w.getComponent(`[data-testid="${testid}"]`) as unknown as VueWrapper).props() as { modelValue?: unknown }).modelValue

async function mountView(): Promise<VueWrapper> {
  return mountScreen(HolidayCalendarView)
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  logIn(HEAD)
  m.holidaysList.mockResolvedValue([{ day: '2026-10-01', kind: 'holiday', name: '国庆节' }])
})

afterEach(unmountScreen)

describe('HolidayCalendarView', () => {
  it('adds a day with its kind and name', async () => {
    const w = await mountView()
    expect(w.get('[data-testid="holiday-row-day"]').text()).toBe('2026年10月1日')
    w.getComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-10-02')
    await w.get('[data-testid="field-name"] input').setValue(' 国庆节 ')
    m.holidaySet.mockImplementation(async (entry) => entry)
    await w.get('[data-testid="holiday-add"]').trigger('click')
    await flushPromises()
    expect(m.holidaySet).toHaveBeenCalledWith({ day: '2026-10-02', kind: 'holiday', name: '国庆节' })
    expect(m.holidaysList).toHaveBeenCalledTimes(2)
  })

  it('shows the limit of the name as it is typed', async () => {
    const w = await mountView()
    expectLimits(w, HOLIDAY_LIMITS)
  })

  it("shows the core's error on its field and takes it away when that field is changed", async () => {
    const w = await mountView()
    w.getComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-10-05')
    await w.get('[data-testid="field-kind"] input[value="workday"]').setValue(true)
    m.holidaySet.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'kind', code: 'validation.workday', message: '调休上班日应为周六或周日' },
        { field: 'name', code: 'validation.too_long', message: '名称不能超过20个字符' },
      ],
    })
    await w.get('[data-testid="holiday-add"]').trigger('click')
    await settle()
    expect(errorOf(w, 'kind')).toBe('调休上班日应为周六或周日')
    expect(errorOf(w, 'name')).toBe('名称不能超过20个字符')
    await w.get('[data-testid="field-kind"] input[value="holiday"]').setValue(true)
    await settle()
    expect(errorOf(w, 'kind')).toBe('')
    expect(errorOf(w, 'name')).toBe('名称不能超过20个字符')
  })

  it('lets only the office head change the calendar', async () => {
    logIn(STAFF)
    const w = await mountView()
    expect(w.get('[data-testid="holiday-row-day"]').text()).toBe('2026年10月1日')
    expect(w.find('[data-testid="holiday-add"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-remove-2026-10-01"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-open-export"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-open-import"]').exists()).toBe(false)
  })
})

describe('HolidayCalendarView: 导出节假日安排', () => {
  async function openExport(): Promise<VueWrapper> {
    const w = await mountView()
    await w.get('[data-testid="holiday-open-export"]').trigger('click')
    await flushPromises()
    return w
  }

  it('writes the shown year into the folder chosen in the dialog and says where', async () => {
    m.holidaysPickFolder.mockResolvedValue('E:\\U盘')
    m.holidaysExport.mockResolvedValue('E:\\U盘\\2026年节假日安排-石灰窑司法所-20261127.json')
    const w = await openExport()
    expect(selected(w, 'holiday-export-year')).toBe('2026')
    expect(w.get('[data-testid="holiday-export-dialog"]').text()).toContain('保存到文件夹')
    await w.get('[data-testid="holiday-export-pick-folder"]').trigger('click')
    await flushPromises()
    expect(inputOf(w, 'holiday-export-folder').value).toBe('E:\\U盘')
    await w.get('[data-testid="holiday-export"]').trigger('click')
    await flushPromises()
    expect(m.holidaysExport).toHaveBeenCalledWith(2026, 'E:\\U盘')
    expect(w.get('[data-testid="holiday-export-result"]').text()).toBe(
      '已导出：E:\\U盘\\2026年节假日安排-石灰窑司法所-20261127.json',
    )
    expect(n.showSuccess).toHaveBeenCalledWith('2026年节假日安排已导出')
  })

  it('offers next year, and takes a folder typed by hand', async () => {
    m.holidaysExport.mockResolvedValue('F:\\节假日\\2027年节假日安排.json')
    const w = await openExport()
    await choose(w, 'holiday-export-year', '2027')
    await w.get('[data-testid="holiday-export-folder"]').setValue('  F:\\节假日  ')
    await w.get('[data-testid="holiday-export"]').trigger('click')
    await flushPromises()
    expect(m.holidaysExport).toHaveBeenCalledWith(2027, 'F:\\节假日')
    expect(m.holidaysPickFolder).not.toHaveBeenCalled()
  })

  it('asks for a folder before calling the core', async () => {
    const w = await openExport()
    await w.get('[data-testid="holiday-export"]').trigger('click')
    await settle()
    expect(errorOf(w, 'folder')).toBe('请选择或填写保存文件的文件夹')
    expect(m.holidaysExport).not.toHaveBeenCalled()
  })

  it("shows the core's refusals at the year and at the folder, and writes nothing", async () => {
    const w = await openExport()
    await choose(w, 'holiday-export-year', '2027')
    await w.get('[data-testid="holiday-export-folder"]').setValue('E:\\')
    m.holidaysExport.mockRejectedValueOnce({
      code: 'holidays.empty_year',
      message: '2027年还没有录入节假日，不能导出。请先录入国务院公布的2027年节假日安排。',
      fields: [
        {
          field: 'year',
          code: 'holidays.empty_year',
          message: '2027年还没有录入节假日，不能导出。请先录入国务院公布的2027年节假日安排。',
        },
      ],
    })
    await w.get('[data-testid="holiday-export"]').trigger('click')
    await settle()
    expect(errorOf(w, 'year')).toBe('2027年还没有录入节假日，不能导出。请先录入国务院公布的2027年节假日安排。')
    expect(errorOf(w, 'folder')).toBe('')
    expect(w.find('[data-testid="holiday-export-result"]').exists()).toBe(false)
    expect(n.showError).toHaveBeenCalledTimes(1)
    // Another year: that error goes.
    await choose(w, 'holiday-export-year', '2026')
    await settle()
    expect(errorOf(w, 'year')).toBe('')

    const exists = '文件夹中已有同名文件“2026年节假日安排-石灰窑司法所-20261127.json”，为免覆盖已停止。请换一个文件夹。'
    m.holidaysExport.mockRejectedValueOnce({ code: 'batch.exists', message: exists, fields: [{ field: 'folder', code: 'batch.exists', message: exists }] })
    await w.get('[data-testid="holiday-export"]').trigger('click')
    await settle()
    expect(errorOf(w, 'folder')).toBe(exists)
    expect(w.find('[data-testid="holiday-export-result"]').exists()).toBe(false)
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(m.holidaysList).toHaveBeenCalledTimes(1)
  })
})

describe('HolidayCalendarView: 导入节假日安排', () => {
  async function openImport(): Promise<VueWrapper> {
    const w = await mountView()
    await w.get('[data-testid="holiday-open-import"]').trigger('click')
    await flushPromises()
    return w
  }

  async function previewFile(w: VueWrapper) {
    await w.get('[data-testid="holiday-import-file"]').setValue(FILE)
    await w.get('[data-testid="holiday-import-preview"]').trigger('click')
    await flushPromises()
  }

  it('previews the file, then replaces the year with it and shows that year', async () => {
    m.holidaysPickFile.mockResolvedValue(FILE)
    m.holidaysImportPreview.mockResolvedValue(preview())
    m.holidaysImport.mockResolvedValue(preview({ applied: true }))
    const w = await openImport()
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(false)
    await w.get('[data-testid="holiday-import-pick-file"]').trigger('click')
    await flushPromises()
    expect(inputOf(w, 'holiday-import-file').value).toBe(FILE)
    await w.get('[data-testid="holiday-import-preview"]').trigger('click')
    await flushPromises()
    expect(m.holidaysImportPreview).toHaveBeenCalledWith(FILE)
    expect(w.get('[data-testid="holiday-import-issuer"]').text()).toBe('黄石港区司法局')
    expect(w.get('[data-testid="holiday-import-year"]').text()).toBe('2027年')
    expect(w.get('[data-testid="holiday-import-detail"]').text()).toContain('2026-11-20 09:30')
    expect(w.findAll('[data-testid="holiday-import-day"]').map((x) => x.text())).toEqual([
      '2027年1月1日（星期五）',
      '2027年2月6日（星期六）',
    ])
    expect(w.findAll('[data-testid="holiday-import-kind"]').map((x) => x.text())).toEqual(['法定节假日', '调休上班'])
    expect(w.get('[data-testid="holiday-import-summary"]').text()).toBe('新增 1 天 / 修改 1 天 / 将删除 1 天')
    expect(w.get('[data-testid="holiday-import-removed"]').text()).toContain('2027年1月4日（星期一） 法定节假日 元旦')
    expect(w.find('[data-testid="holiday-import-same"]').exists()).toBe(false)
    // The preview changed nothing.
    expect(m.holidaysImport).not.toHaveBeenCalled()
    expect(m.holidaysList).toHaveBeenCalledTimes(1)

    m.holidaysList.mockResolvedValue([
      { day: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
      { day: '2027-02-06', kind: 'workday', name: '春节' },
    ])
    expect(w.get('[data-testid="holiday-import-dialog"]').isVisible()).toBe(true)
    await w.get('[data-testid="holiday-import-confirm"]').trigger('click')
    await flushPromises()
    expect(m.holidaysImport).toHaveBeenCalledWith(FILE, 'digest-1')
    expect(n.showSuccess).toHaveBeenCalledWith('已导入2027年节假日安排，共2天')
    const dialog = w.find('[data-testid="holiday-import-dialog"]')
    expect(dialog.exists() && dialog.isVisible()).toBe(false)
    expect(m.holidaysList).toHaveBeenCalledTimes(2)
    expect(selected(w, 'holiday-year')).toBe('2027')
    expect(w.findAll('[data-testid="holiday-row-day"]').map((x) => x.text())).toEqual(['2027年1月1日', '2027年2月6日'])
  })

  it('says when the calendar already equals the file, and offers no import', async () => {
    m.holidaysImportPreview.mockResolvedValue(preview({ added: 0, changed: 0, removed: [], applied: true }))
    const w = await openImport()
    await previewFile(w)
    expect(w.get('[data-testid="holiday-import-same"]').text()).toBe('本机日历与文件一致，无需导入')
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-import-summary"]').exists()).toBe(false)
  })

  it('shows why a damaged or foreign file cannot be imported, at the file', async () => {
    const bad = '“a.json”不能导入：文件已损坏或被改动过（校验码不符），请向发文单位重新索取'
    m.holidaysImportPreview.mockRejectedValue({ code: 'holidays.invalid_file', message: bad, fields: [] })
    const w = await openImport()
    await previewFile(w)
    await settle()
    expect(errorOf(w, 'file')).toBe(bad)
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ message: bad }))
    expect(w.find('[data-testid="holiday-import-detail"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(false)
    expect(m.holidaysImport).not.toHaveBeenCalled()
    // Typing another path takes the error away.
    await w.get('[data-testid="holiday-import-file"]').setValue('E:\\b.json')
    await settle()
    expect(errorOf(w, 'file')).toBe('')
  })

  it('asks for a file before calling the core', async () => {
    const w = await openImport()
    await w.get('[data-testid="holiday-import-preview"]').trigger('click')
    await settle()
    expect(errorOf(w, 'file')).toBe('请选择或填写节假日安排文件')
    expect(m.holidaysImportPreview).not.toHaveBeenCalled()
  })

  it('forgets the preview when another file is named', async () => {
    m.holidaysImportPreview.mockResolvedValue(preview())
    const w = await openImport()
    await previewFile(w)
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(true)
    await w.get('[data-testid="holiday-import-file"]').setValue('E:\\另一个.json')
    await flushPromises()
    expect(w.find('[data-testid="holiday-import-detail"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(false)
  })

  it('changes nothing when the import is refused', async () => {
    m.holidaysImportPreview.mockResolvedValue(preview())
    const w = await openImport()
    await previewFile(w)
    const forbidden = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }
    m.holidaysImport.mockRejectedValueOnce(forbidden)
    await w.get('[data-testid="holiday-import-confirm"]').trigger('click')
    await settle()
    expect(n.showError).toHaveBeenCalledWith(forbidden)
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(m.holidaysList).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="holiday-import-summary"]').exists()).toBe(true)

    // The file was replaced after its preview: preview again.
    const changed = '“2027年节假日安排.json”不能导入：文件在预览之后被换过，请重新预览'
    m.holidaysImport.mockRejectedValueOnce({ code: 'holidays.invalid_file', message: changed, fields: [] })
    await w.get('[data-testid="holiday-import-confirm"]').trigger('click')
    await settle()
    expect(errorOf(w, 'file')).toBe(changed)
    expect(w.find('[data-testid="holiday-import-detail"]').exists()).toBe(false)
    expect(w.find('[data-testid="holiday-import-confirm"]').exists()).toBe(false)
    expect(m.holidaysList).toHaveBeenCalledTimes(1)
    expect(selected(w, 'holiday-year')).toBe('2026')
  })
})
