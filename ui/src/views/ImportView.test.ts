import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'

vi.mock('../api', () => ({
  importPickFiles: vi.fn(),
  batchPickFolder: vi.fn(),
  importPreview: vi.fn(),
  importConfirm: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { FilePreview, ImportPreview, ImportProgress, KindCounts } from '../api/generated'
import ImportView from './ImportView.vue'
import { settle } from '../test/formItems'
import { deferred } from '../test/deferred'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const kc = (kind: string, label: string, over: Partial<KindCounts> = {}): KindCounts => ({
  kind,
  label,
  new: 0,
  updated: 0,
  unchanged: 0,
  conflict: 0,
  duplicate: 0,
  ...over,
})

function file(over: Partial<FilePreview> = {}): FilePreview {
  return {
    path: 'E:\\U盘-10月\\420202001_202610_full_005.xlsx',
    fileName: '420202001_202610_full_005.xlsx',
    status: 'accepted',
    reason: null,
    warnings: [],
    alreadyImported: false,
    officeCode: '420202001',
    officeName: '石港镇司法所',
    period: '2026-10',
    sequence: 5,
    generatedAt: '2026-11-03T09:00:00+08:00',
    counts: [kc('mediation_case', '调解案件', { new: 6, updated: 1, unchanged: 20 }), kc('correction_subject', '矫正对象', { duplicate: 1 })],
    rows: [
      {
        kind: 'mediation_case',
        kindLabel: '调解案件',
        id: 'c-1',
        label: '（2026）石港调字第3号 张三、李四',
        status: 'updated',
        version: 3,
        heldVersion: 2,
        deleted: false,
        note: null,
        diffs: [{ field: '案件状态', before: '调解中', after: '调解成功' }],
      },
      {
        kind: 'correction_subject',
        kindLabel: '矫正对象',
        id: 's-1',
        label: '420202001-2026-003 王五',
        status: 'duplicate',
        version: 1,
        heldVersion: null,
        deleted: false,
        note: '身份证号相同的矫正对象（花湖司法所）',
        diffs: [],
      },
    ],
    rowsLeftOut: 12,
    ...over,
  }
}

const REJECTED = file({
  path: 'E:\\U盘-10月\\420202012_202610_full_005.xlsx',
  fileName: '420202012_202610_full_005.xlsx',
  status: 'rejected',
  reason: '「调解台账」的内容在导出后被修改过（校验码不符）。',
  officeCode: '420202012',
  officeName: '金湖司法所',
  counts: [],
  rows: [],
  rowsLeftOut: 0,
})

const WARNED = file({
  path: 'E:\\U盘-10月\\420202010_202610_full_005.xlsx',
  fileName: '420202010_202610_full_005.xlsx',
  officeName: '陈家湾司法所',
  warnings: ['该所第 4 次报送尚未收到：已先导入本文件，请向该所索取缺少的文件。'],
  counts: [kc('mediation_case', '调解案件', { new: 2 })],
  rows: [],
  rowsLeftOut: 0,
})

function preview(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    token: 'tok-1',
    files: [file(), WARNED, REJECTED],
    accepted: 2,
    rejected: 1,
    totals: [
      kc('mediation_case', '调解案件', { new: 8, updated: 1, unchanged: 20 }),
      kc('legal_aid_consultation', '法援咨询'),
      kc('legal_aid_application', '法援申请'),
      kc('correction_subject', '矫正对象', { duplicate: 1 }),
      kc('correction_event', '矫正事件'),
    ],
    pendingEvents: 0,
    nothingToDo: false,
    ...over,
  }
}

async function mountView(): Promise<VueWrapper> {
  const router = await routerAt('/district/import', [{ path: '/:p(.*)*', component: { render: () => null } }])
  return mountScreen(ImportView, { router })
}

const pathInput = (w: VueWrapper) => w.get('[data-testid="import-path"] input')
const tags = (w: VueWrapper) => w.findAll('[data-testid="import-path-tag"]').map((t) => t.text())
const button = (w: VueWrapper, id: string) => w.get(`[data-testid="${id}"]`)
const disabled = (w: VueWrapper, id: string) => button(w, id).attributes('disabled') !== undefined

async function previewWith(w: VueWrapper, p: ImportPreview) {
  m.importPreview.mockResolvedValue(p)
  await pathInput(w).setValue('E:\\U盘-10月')
  await button(w, 'import-add-path').trigger('click')
  await button(w, 'import-preview').trigger('click')
  await flushPromises()
}

beforeEach(() => {
  vi.clearAllMocks()
})

afterEach(unmountScreen)

describe('ImportView: choosing files', () => {
  it('adds typed paths with Enter or 添加, files and folders from the dialogs, and removes them', async () => {
    const w = await mountView()
    expect(disabled(w, 'import-preview')).toBe(true)
    expect(w.get('[data-testid="import-paths"]').text()).toContain('尚未选择文件')

    await pathInput(w).setValue('E:\\U盘-10月')
    await pathInput(w).trigger('keydown', { key: 'Enter' })
    expect(tags(w)).toEqual(['E:\\U盘-10月'])
    expect((pathInput(w).element as HTMLInputElement).value).toBe('')

    await pathInput(w).setValue('  F:\\a.xlsx ')
    await button(w, 'import-add-path').trigger('click')
    // the same path twice is added once
    await pathInput(w).setValue('F:\\a.xlsx')
    await button(w, 'import-add-path').trigger('click')
    expect(tags(w)).toEqual(['E:\\U盘-10月', 'F:\\a.xlsx'])

    m.importPickFiles.mockResolvedValueOnce(['G:\\b.xlsx', 'G:\\c.xlsx'])
    await button(w, 'import-pick-files').trigger('click')
    await flushPromises()
    m.importPickFiles.mockResolvedValueOnce([])
    await button(w, 'import-pick-files').trigger('click')
    await flushPromises()
    m.batchPickFolder.mockResolvedValueOnce('H:\\报送')
    await button(w, 'import-pick-folder').trigger('click')
    await flushPromises()
    expect(m.batchPickFolder).toHaveBeenLastCalledWith(null)
    m.batchPickFolder.mockResolvedValueOnce(null)
    await button(w, 'import-pick-folder').trigger('click')
    await flushPromises()
    expect(tags(w)).toEqual(['E:\\U盘-10月', 'F:\\a.xlsx', 'G:\\b.xlsx', 'G:\\c.xlsx', 'H:\\报送'])
    expect(disabled(w, 'import-preview')).toBe(false)

    await w.findAll('[data-testid="import-path-tag"] .el-tag__close')[1]!.trigger('click')
    expect(tags(w)).toEqual(['E:\\U盘-10月', 'G:\\b.xlsx', 'G:\\c.xlsx', 'H:\\报送'])
  })

  it('shows a refusal of the files on their field', async () => {
    const refusal = {
      code: 'validation',
      message: '所选文件夹中没有报送文件（.xlsx）',
      fields: [{ field: 'files', code: 'validation.import_empty', message: '所选文件夹中没有报送文件（.xlsx）' }],
    }
    m.importPreview.mockRejectedValue(refusal)
    const w = await mountView()
    await pathInput(w).setValue('E:\\空文件夹')
    await button(w, 'import-preview').trigger('click')
    await settle()
    // the typed path is taken without 添加
    expect(m.importPreview).toHaveBeenCalledWith(['E:\\空文件夹'], expect.any(Function))
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(w.get('[data-testid="field-files"] .el-form-item__error').text()).toBe('所选文件夹中没有报送文件（.xlsx）')
    expect(w.find('[data-testid="import-preview-result"]').exists()).toBe(false)
  })
})

describe('ImportView: preview and confirm', () => {
  it('previews with progress, showing totals, files, and why a file is rejected', async () => {
    const w = await mountView()
    const done = deferred<ImportPreview>()
    let report: (p: ImportProgress) => void = () => {}
    m.importPreview.mockImplementation((_paths, onProgress) => {
      report = onProgress
      return done.promise
    })
    await pathInput(w).setValue('E:\\U盘-10月')
    await button(w, 'import-add-path').trigger('click')
    await button(w, 'import-preview').trigger('click')
    await flushPromises()
    expect(m.importPreview).toHaveBeenCalledWith(['E:\\U盘-10月'], expect.any(Function))
    expect(w.find('[data-testid="import-progress"]').exists()).toBe(true)
    report({ stage: 'reading', done: 3, total: 14 })
    await flushPromises()
    expect(w.get('[data-testid="import-progress-stage"]').text()).toBe('读取文件 3/14')
    expect(w.get('[data-testid="import-progress"]').text()).toContain('21%')
    report({ stage: 'checking', done: 14, total: 14 })
    await flushPromises()
    expect(w.get('[data-testid="import-progress-stage"]').text()).toBe('核对记录 14/14')

    done.resolve(preview())
    await flushPromises()
    expect(w.find('[data-testid="import-progress"]').exists()).toBe(false)
    expect(w.get('[data-testid="import-summary"]').text()).toBe('共 3 个文件：可接收 2 个，退回 1 个')

    const totals = w.get('[data-testid="import-totals"]')
    expect(totals.findAll('th').map((t) => t.text())).toEqual(['类别', '新增', '更新', '未变', '冲突', '疑似重复'])
    const totalRows = totals.findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td').map((td) => td.text()))
    expect(totalRows[0]).toEqual(['调解案件', '8', '1', '20', '0', '0'])
    expect(totalRows[3]).toEqual(['矫正对象', '0', '0', '0', '0', '1'])
    expect(totalRows[5]).toEqual(['合计', '8', '1', '20', '0', '1'])

    const files = w.get('[data-testid="import-files"]')
    const rows = files.findAll('.el-table__body-wrapper tbody tr.el-table__row')
    expect(rows.length).toBe(3)
    const cellsOf = (i: number) => rows[i]!.findAll('td').map((td) => td.text())
    expect(cellsOf(0).slice(1)).toEqual(['420202001_202610_full_005.xlsx', '石港镇司法所', '2026年10月', '第5次', '接收', '6', '1', '20', '0', '1'])
    // the rejected file says why without being opened, in red
    expect(cellsOf(2).slice(2, 6)).toEqual(['金湖司法所', '2026年10月', '第5次', '退回'])
    expect(cellsOf(2).slice(6)).toEqual(['—', '—', '—', '—', '—'])
    const reason = rows[2]!.get('[data-testid="import-file-reason"]')
    expect(reason.text()).toBe('「调解台账」的内容在导出后被修改过（校验码不符）。')
    expect(reason.classes()).toContain('import-file-reason')
    // a warning shows too
    expect(rows[1]!.get('[data-testid="import-file-warning"]').text()).toContain('第 4 次报送尚未收到')
    expect(w.findAll('[data-testid="import-file-result"]').map((t) => t.text())).toEqual(['接收', '接收', '退回'])
    expect(disabled(w, 'import-confirm')).toBe(false)
    expect(m.importConfirm).not.toHaveBeenCalled()
  })

  it('opens a file to show its rows, their differences and what is left out', async () => {
    const w = await mountView()
    await previewWith(w, preview())
    await w.findAll('[data-testid="import-files"] .el-table__expand-icon')[0]!.trigger('click')
    await flushPromises()
    const detail = w.get('[data-testid="import-file-detail"]')
    const counts = detail.get('[data-testid="import-file-counts"]')
    expect(counts.findAll(':scope > tbody > tr').map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['调解案件', '6', '1', '20', '0', '0'],
      ['矫正对象', '0', '0', '0', '0', '1'],
    ])
    const rows = detail.findAll('[data-testid="import-row"]')
    expect(rows.length).toBe(2)
    const first = rows[0]!.findAll(':scope > td').map((td) => td.text())
    expect(first.slice(0, 4)).toEqual(['调解案件', '（2026）石港调字第3号 张三、李四', '2→3', '更新'])
    const diffs = rows[0]!.get('[data-testid="import-row-diffs"]')
    expect(diffs.findAll('th').map((t) => t.text())).toEqual(['字段', '原值', '新值'])
    expect(diffs.findAll(':scope > tbody td').map((t) => t.text())).toEqual(['案件状态', '调解中', '调解成功'])
    const second = rows[1]!.findAll(':scope > td').map((td) => td.text())
    expect(second).toEqual(['矫正对象', '420202001-2026-003 王五', '1', '疑似重复', '身份证号相同的矫正对象（花湖司法所）'])
    expect(rows[1]!.find('[data-testid="import-row-diffs"]').exists()).toBe(false)
    expect(detail.get('[data-testid="import-rows-left-out"]').text()).toBe('另有 12 行未列出')

    // a rejected file's details give the reason
    await w.findAll('[data-testid="import-files"] .el-table__expand-icon')[2]!.trigger('click')
    await flushPromises()
    const details = w.findAll('[data-testid="import-file-detail"]')
    expect(details[details.length - 1]!.text()).toContain('退回原因：「调解台账」的内容在导出后被修改过（校验码不符）。')
  })

  it('imports the previewed files on 确认导入, with progress, and reports what was done', async () => {
    const w = await mountView()
    await previewWith(w, preview())
    const done = deferred<ImportPreview>()
    let report: (p: ImportProgress) => void = () => {}
    m.importConfirm.mockImplementation((_token, onProgress) => {
      report = onProgress
      return done.promise
    })
    await button(w, 'import-confirm').trigger('click')
    await flushPromises()
    expect(m.importConfirm).toHaveBeenCalledWith('tok-1', expect.any(Function))
    expect(disabled(w, 'import-confirm')).toBe(true)
    report({ stage: 'checking', done: 1, total: 3 })
    await flushPromises()
    expect(w.get('[data-testid="import-progress-stage"]').text()).toBe('核对记录 1/3')

    done.resolve(preview({ pendingEvents: 2 }))
    await flushPromises()
    expect(w.find('[data-testid="import-preview-result"]').exists()).toBe(false)
    const result = w.get('[data-testid="import-done"]')
    expect(result.text()).toContain('导入完成：接收 2 个文件，新增 8 条、更新 1 条、未变 20 条、疑似重复 1 条；退回 1 个文件')
    expect(result.text()).toContain('有 2 条矫正事件的矫正对象尚未收到')
    expect(w.get('[data-testid="import-go-submissions"]').attributes('href')).toContain('/district/submissions')
    expect(w.find('[data-testid="import-go-dashboard"]').exists()).toBe(true)
    const rejected = w.get('[data-testid="import-done-rejected"]')
    expect(rejected.text()).toContain('420202012_202610_full_005.xlsx')
    expect(rejected.text()).toContain('「调解台账」的内容在导出后被修改过（校验码不符）。')
    expect(n.showSuccess).toHaveBeenCalled()

    // start over
    await button(w, 'import-reset').trigger('click')
    expect(w.find('[data-testid="import-done"]').exists()).toBe(false)
    expect(tags(w)).toEqual([])
  })

  it('has nothing to confirm when every file was imported before', async () => {
    const w = await mountView()
    const again = [file({ alreadyImported: true, counts: [kc('mediation_case', '调解案件', { unchanged: 27 })], rows: [], rowsLeftOut: 0 })]
    await previewWith(
      w,
      preview({ files: again, accepted: 1, rejected: 0, totals: [kc('mediation_case', '调解案件', { unchanged: 27 })], nothingToDo: true }),
    )
    expect(w.get('[data-testid="import-nothing-to-do"]').text()).toContain('这些文件都已导入过，再次导入不会改变任何数据')
    expect(w.findAll('[data-testid="import-file-result"]').map((t) => t.text())).toEqual(['已导入过'])
    expect(disabled(w, 'import-confirm')).toBe(true)
    await button(w, 'import-confirm').trigger('click')
    expect(m.importConfirm).not.toHaveBeenCalled()
  })

  it('records the rejection when every file is rejected', async () => {
    const w = await mountView()
    await previewWith(w, preview({ files: [REJECTED], accepted: 0, rejected: 1 }))
    expect(w.get('[data-testid="import-summary"]').text()).toBe('共 1 个文件：可接收 0 个，退回 1 个')
    expect(w.find('[data-testid="import-none-accepted"]').exists()).toBe(true)
    expect(w.get('[data-testid="import-file-reason"]').text()).toContain('校验码不符')
    expect(disabled(w, 'import-confirm')).toBe(false)
    expect(button(w, 'import-confirm').text()).toBe('登记退回')
    m.importConfirm.mockResolvedValue(preview({ files: [REJECTED], accepted: 0, rejected: 1, totals: [] }))
    await button(w, 'import-confirm').trigger('click')
    await settle()
    expect(m.importConfirm).toHaveBeenCalledTimes(1)
    expect(n.showSuccess).toHaveBeenCalledWith('已登记 1 个退回的文件')
    expect(w.get('[data-testid="import-done"]').text()).toContain('已登记退回的 1 个文件，未导入任何记录')
  })

  it('asks to preview again when the preview has expired', async () => {
    const w = await mountView()
    await previewWith(w, preview())
    const expired = {
      code: 'validation',
      message: '导入预览已失效，请重新选择文件并预览',
      fields: [{ field: 'token', code: 'district.preview_expired', message: '导入预览已失效，请重新选择文件并预览' }],
    }
    m.importConfirm.mockRejectedValue(expired)
    await button(w, 'import-confirm').trigger('click')
    await settle()
    expect(n.showError).toHaveBeenCalledWith(expired)
    expect(w.find('[data-testid="import-preview-result"]').exists()).toBe(false)
    expect(w.find('[data-testid="import-done"]').exists()).toBe(false)
    expect(w.get('[data-testid="field-files"] .el-form-item__error').text()).toBe('导入预览已失效，请重新选择文件并预览')
    // the files are still chosen: preview again
    expect(tags(w)).toEqual(['E:\\U盘-10月'])
    expect(disabled(w, 'import-preview')).toBe(false)
  })

  it('forgets the preview when the chosen files change', async () => {
    const w = await mountView()
    await previewWith(w, preview())
    expect(w.find('[data-testid="import-preview-result"]').exists()).toBe(true)
    await pathInput(w).setValue('F:\\另一个.xlsx')
    await button(w, 'import-add-path').trigger('click')
    expect(w.find('[data-testid="import-preview-result"]').exists()).toBe(false)
  })
})
