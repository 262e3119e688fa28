import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'

vi.mock('../api', () => ({
  batchPreview: vi.fn(),
  batchExport: vi.fn(),
  batchHistory: vi.fn(),
  batchPickFolder: vi.fn(),
  batchReveal: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) =>
  (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError', 'confirmChoice']),
)

import * as api from '../api'
import * as notify from '../lib/notify'
import type { BatchPreview, BatchProfile, BatchProgress, BatchRecord, StatTable } from '../api/generated'
import BatchView from './BatchView.vue'
import { resetSession } from '../store/session'
import { deferred } from '../test/deferred'
import { errorOf, settle } from '../test/formItems'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { HEAD, TOWNSHIP, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const DIGEST = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'

const MEDIATION: StatTable = {
  kind: 'mediation',
  sheet: '调解统计',
  title: '人民调解工作统计表（2026年10月）',
  rowHeader: '调委会',
  columns: [
    { key: 'accepted', label: '合计', group: '受理（件）', format: 'count' },
    { key: 'proactive', label: '主动调解', group: '受理（件）', format: 'count' },
    { key: 'success', label: '调解成功（件）', group: '调解结果', format: 'count' },
    { key: 'successRate', label: '成功率', group: '调解结果', format: 'percent' },
    { key: 'agreedAmount', label: '涉及金额（万元）', group: null, format: 'wan' },
    { key: 'overdue', label: '超期未结（件）', group: null, format: 'count' },
  ],
  rows: [
    { label: '石灰窑村调委会', values: [8, 3, 7, 0.875, 3.5, 1], total: false },
    { label: '黄思湾调委会', values: [0, 0, 0, null, 0, 0], total: false },
    { label: '合计', values: [8, 3, 7, 0.875, 3.5, 1], total: true },
  ],
  notes: ['受理：本月受理的案件（不含不予受理）。', '成功率＝成功÷（成功＋不成功）。'],
}

const LEGAL_AID: StatTable = {
  kind: 'legalAid',
  sheet: '法援统计',
  title: '法律援助工作统计表（2026年10月）',
  rowHeader: '期间',
  columns: [
    { key: 'consult', label: '合计', group: '法律咨询（人次）', format: 'count' },
    { key: 'recovered', label: '挽回损失（万元）', group: null, format: 'wan' },
  ],
  rows: [
    { label: '本月', values: [12, 1.2], total: false },
    { label: '本年累计', values: [130, 15.25], total: true },
  ],
  notes: ['法律咨询：解答咨询的人次。'],
}

const CORRECTION: StatTable = {
  kind: 'correction',
  sheet: '矫正统计',
  title: '社区矫正工作统计表（2026年10月）',
  rowHeader: '矫正类别',
  columns: [
    { key: 'opening', label: '上月末在册', group: null, format: 'count' },
    { key: 'education.hours', label: '教育学习（小时）', group: '教育帮扶', format: 'hours' },
    { key: 'reoffendRate', label: '再犯罪率', group: null, format: 'percent' },
  ],
  rows: [
    { label: '缓刑', values: [10, 42.5, 0], total: false },
    { label: '合计', values: [12, 50, null], total: true },
  ],
  notes: [],
}

function preview(profile: BatchProfile = 'full', over: Partial<BatchPreview> = {}): BatchPreview {
  return {
    officeCode: '420202001',
    officeName: '石灰窑司法所',
    period: '2026-10',
    periodLabel: '2026年10月',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    profile,
    sequence: 3,
    fileName: `420202001_202610_${profile}_003.xlsx`,
    previousDigest: DIGEST,
    since: '2026-10-31T17:02:45+08:00',
    sheets: [
      { name: '封面', content: '报送单位、月份、校验码', rows: 0, confidential: false, kind: 'cover' },
      { name: '调解台账', content: '人民调解案件（含当事人）', rows: 42, confidential: true, kind: 'ledger' },
      { name: '调解统计', content: '人民调解工作统计表', rows: 0, confidential: false, kind: 'statistics' },
    ],
    statistics: [MEDIATION, LEGAL_AID, CORRECTION],
    lastFolder: null,
    ...over,
  }
}

function record(over: Partial<BatchRecord> = {}): BatchRecord {
  return {
    id: 'b-3',
    officeCode: '420202001',
    period: '2026-10',
    profile: 'full',
    sequence: 3,
    digest: DIGEST,
    previousDigest: null,
    fileName: '420202001_202610_full_003.xlsx',
    folder: 'E:\\报送',
    path: 'E:\\报送\\420202001_202610_full_003.xlsx',
    rows: 128,
    sheets: [],
    createdBy: '管理员',
    createdAt: '2026-11-02T09:15:30+08:00',
    ...over,
  }
}

const mountView = () => mountScreen(BatchView)

const folderInput = (w: VueWrapper) => w.get('input[data-testid="batch-folder"]')
const exportButton = (w: VueWrapper) => w.get('[data-testid="batch-export"]')

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  logIn(HEAD, { office: { ...TOWNSHIP, code: '420202001' } })
  m.batchPreview.mockImplementation(async (_period, profile) => preview(profile))
  m.batchHistory.mockResolvedValue([])
  m.batchReveal.mockResolvedValue(undefined)
})

afterEach(unmountScreen)

describe('BatchView', () => {
  it('loads the preview of the previous month as a full batch', async () => {
    const w = await mountView()
    expect(m.batchPreview).toHaveBeenCalledTimes(1)
    expect(m.batchPreview).toHaveBeenCalledWith('2026-10', 'full')
    expect((w.get('[data-testid="batch-period"] input').element as HTMLInputElement).value).toBe('2026年10月')
    expect(w.get('[data-testid="batch-profile-full"]').classes()).toContain('is-active')
    expect(w.get('[data-testid="batch-profile-full"]').text()).toBe('完整台账（报区司法局）')
    expect(w.get('[data-testid="batch-profile-masked"]').text()).toBe('脱敏台账（对外共享）')
    expect(w.get('[data-testid="batch-profile-summary"]').text()).toBe('仅统计汇总')
    expect(w.get('[data-testid="batch-profile-help"]').text()).toBe('含全部字段和个人信息，供区司法局汇总入库；请妥善保管 U 盘，报送后及时删除')

    expect(w.get('[data-testid="batch-summary"]').text().replace(/\s+/g, ' ')).toBe(
      '文件名 420202001_202610_full_003.xlsx · 第3次报送 · 自上次报送（2026-10-31 17:02）以来修改的记录也将一并报送',
    )
    const sheets = w.get('[data-testid="batch-sheets"]')
    expect(sheets.findAll('[data-testid="batch-sheet-name"]').map((e) => e.text())).toEqual(['封面', '调解台账', '调解统计'])
    expect(sheets.findAll('[data-testid="batch-sheet-rows"]').map((e) => e.text())).toEqual(['—', '42', '—'])
    const rows = sheets.findAll('.el-table__body tr')
    expect(rows[1]!.text()).toContain('保密')
    expect(rows[1]!.text()).toContain('人民调解案件（含当事人）')
    expect(rows[0]!.text()).not.toContain('保密')
    expect(rows[2]!.text()).not.toContain('保密')
    expect(m.batchHistory).toHaveBeenCalledTimes(1)
  })

  it('says so when it is the first batch', async () => {
    m.batchPreview.mockResolvedValue(preview('full', { since: null, sequence: 1, fileName: '420202001_202610_full_001.xlsx' }))
    const w = await mountView()
    expect(w.get('[data-testid="batch-summary"]').text().replace(/\s+/g, ' ')).toBe(
      '文件名 420202001_202610_full_001.xlsx · 第1次报送 · 首次报送：包含全部记录',
    )
  })

  it('reloads the preview when the kind of batch changes, and explains the choice', async () => {
    const w = await mountView()
    await w.get('[data-testid="batch-profile-masked"] input').setValue(true)
    await flushPromises()
    expect(m.batchPreview).toHaveBeenLastCalledWith('2026-10', 'masked')
    expect(w.get('[data-testid="batch-profile-help"]').text()).toBe(
      '姓名、身份证号、手机号已遮盖，敏感字段已删除，未成年人只计入统计',
    )
    expect(w.get('[data-testid="batch-file-name"]').text()).toBe('420202001_202610_masked_003.xlsx')

    await w.get('[data-testid="batch-profile-summary"] input').setValue(true)
    await flushPromises()
    expect(m.batchPreview).toHaveBeenLastCalledWith('2026-10', 'summary')
    expect(w.get('[data-testid="batch-profile-help"]').text()).toBe('只含统计表，不含个人信息')
    expect(w.get('[data-testid="batch-summary"]').text().replace(/\s+/g, ' ')).toBe(
      '文件名 420202001_202610_summary_003.xlsx · 第3次报送 · 上次报送于2026-10-31 17:02',
    )
    expect(m.batchPreview).toHaveBeenCalledTimes(3)
  })

  it('reloads the preview for another month, and shows a refused month on its field', async () => {
    const w = await mountView()
    const refusal = {
      code: 'validation.batch_period_future',
      message: '报送月份不能晚于本月',
      fields: [{ field: 'period', code: 'validation.batch_period_future', message: '报送月份不能晚于本月' }],
    }
    m.batchPreview.mockRejectedValueOnce(refusal)
    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-12')
    await settle()
    expect(m.batchPreview).toHaveBeenLastCalledWith('2026-12', 'full')
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(errorOf(w, 'period')).toBe('报送月份不能晚于本月')
    expect(w.find('[data-testid="batch-sheets"]').exists()).toBe(false)

    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-09')
    await settle()
    expect(m.batchPreview).toHaveBeenLastCalledWith('2026-09', 'full')
    expect(errorOf(w, 'period')).toBe('')
    expect(w.find('[data-testid="batch-sheets"]').exists()).toBe(true)
  })

  it('disables the months after this one', async () => {
    const w = await mountView()
    const disabled = w.findComponent(ElDatePicker).props('disabledDate') as (d: Date) => boolean
    expect(disabled(new Date(2026, 10, 1))).toBe(false)
    expect(disabled(new Date(2026, 9, 1))).toBe(false)
    expect(disabled(new Date(2026, 11, 1))).toBe(true)
  })

  it('shows the statistics in tabs, with grouped headers and formatted values', async () => {
    const w = await mountView()
    const tabs = w.get('[data-testid="batch-stats"]')
    expect(tabs.findAll('.el-tabs__item').map((t) => t.text())).toEqual(['调解统计', '法援统计', '矫正统计'])
    expect(w.get('[data-testid="batch-stats-title-mediation"]').text()).toBe('人民调解工作统计表（2026年10月）')

    const table = w.get('[data-testid="batch-stats-mediation"]')
    const headerRows = table.findAll('.el-table__header-wrapper thead tr')
    expect(headerRows.length).toBe(2)
    const top = headerRows[0]!.findAll('th').map((th) => th.text())
    expect(top).toEqual(['调委会', '受理（件）', '调解结果', '涉及金额（万元）', '超期未结（件）'])
    // a group spans its columns; a column of its own spans both header rows
    const groupTh = headerRows[0]!.findAll('th')[1]!
    expect(groupTh.attributes('colspan')).toBe('2')
    expect(headerRows[0]!.findAll('th')[3]!.attributes('rowspan')).toBe('2')
    expect(headerRows[1]!.findAll('th').map((th) => th.text())).toEqual(['合计', '主动调解', '调解成功（件）', '成功率'])

    const bodyRows = table.findAll('.el-table__body-wrapper tbody tr')
    const cells = (i: number) => bodyRows[i]!.findAll('td').map((td) => td.text())
    expect(cells(0)).toEqual(['石灰窑村调委会', '8', '3', '7', '87.5%', '3.50', '1'])
    expect(cells(1)).toEqual(['黄思湾调委会', '0', '0', '0', '—', '0.00', '0'])
    expect(bodyRows[2]!.classes()).toContain('stat-row--total')
    expect(bodyRows[0]!.classes()).not.toContain('stat-row--total')
    expect(w.get('[data-testid="batch-stats-notes-mediation"]').text()).toContain('口径说明')
    expect(w.get('[data-testid="batch-stats-notes-mediation"]').findAll('li').map((l) => l.text())).toEqual(MEDIATION.notes)

    await tabs.get('#tab-correction').trigger('click')
    await flushPromises()
    const corr = w.get('[data-testid="batch-stats-correction"]')
    const corrRows = corr.findAll('.el-table__body-wrapper tbody tr')
    expect(corrRows[0]!.findAll('td').map((td) => td.text())).toEqual(['缓刑', '10', '42.5', '0.0%'])
    expect(corrRows[1]!.findAll('td').map((td) => td.text())).toEqual(['合计', '12', '50', '—'])
    expect(w.find('[data-testid="batch-stats-notes-correction"]').exists()).toBe(false)

    await tabs.get('#tab-legalAid').trigger('click')
    await flushPromises()
    const la = w.get('[data-testid="batch-stats-legalAid"]')
    expect(la.findAll('.el-table__body-wrapper tbody tr')[1]!.findAll('td').map((td) => td.text())).toEqual([
      '本年累计',
      '130',
      '15.25',
    ])
  })

  it('cannot export without a folder; the folder of the last export is filled in', async () => {
    const w = await mountView()
    expect((folderInput(w).element as HTMLInputElement).value).toBe('')
    expect(folderInput(w).attributes('placeholder')).toBe('选择U盘或文件夹')
    expect(exportButton(w).attributes('disabled')).toBeDefined()
    await exportButton(w).trigger('click')
    expect(m.batchExport).not.toHaveBeenCalled()
    await folderInput(w).setValue('   ')
    expect(exportButton(w).attributes('disabled')).toBeDefined()
    await folderInput(w).setValue('F:\\')
    expect(exportButton(w).attributes('disabled')).toBeUndefined()

    w.unmount()
    m.batchPreview.mockImplementation(async (_p, profile) => preview(profile, { lastFolder: 'E:\\报送' }))
    const w2 = await mountView()
    expect((folderInput(w2).element as HTMLInputElement).value).toBe('E:\\报送')
    expect(exportButton(w2).attributes('disabled')).toBeUndefined()
    // another kind of batch keeps what is in the field
    await folderInput(w2).setValue('G:\\共享')
    await w2.get('[data-testid="batch-profile-masked"] input').setValue(true)
    await flushPromises()
    expect((folderInput(w2).element as HTMLInputElement).value).toBe('G:\\共享')
  })

  it('fills the folder chosen in the dialog, and keeps it when the dialog is cancelled', async () => {
    const w = await mountView()
    m.batchPickFolder.mockResolvedValueOnce('E:\\')
    await w.get('[data-testid="batch-pick-folder"]').trigger('click')
    await flushPromises()
    expect(m.batchPickFolder).toHaveBeenLastCalledWith(null)
    expect((folderInput(w).element as HTMLInputElement).value).toBe('E:\\')

    m.batchPickFolder.mockResolvedValueOnce(null)
    await w.get('[data-testid="batch-pick-folder"]').trigger('click')
    await flushPromises()
    expect(m.batchPickFolder).toHaveBeenLastCalledWith('E:\\')
    expect((folderInput(w).element as HTMLInputElement).value).toBe('E:\\')
  })

  it('warns that this month has not ended, and exports it only when the user says so', async () => {
    m.batchPreview.mockImplementation(async (period, profile) => preview(profile, { lastFolder: 'E:\\报送', period }))
    m.batchExport.mockResolvedValue(record({ period: '2026-11', fileName: '420202001_202611_full_001.xlsx' }))
    const w = await mountView()
    const WARNING =
      '2026年11月尚未结束（今天是11月27日），现在导出的月报不含此后登记的记录。请在月末（11月30日）之后再导出一次。'
    // last month (the default) is over: no warning, no question
    expect(w.find('[data-testid="batch-unfinished-warning"]').exists()).toBe(false)
    await exportButton(w).trigger('click')
    await flushPromises()
    expect(n.confirmChoice).not.toHaveBeenCalled()
    expect(m.batchExport).toHaveBeenLastCalledWith('2026-10', 'full', 'E:\\报送', expect.any(Function))
    m.batchExport.mockClear()

    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2026-11')
    await flushPromises()
    expect(w.get('[data-testid="batch-unfinished-warning"]').text()).toBe(WARNING)

    n.confirmChoice.mockResolvedValueOnce(false)
    await exportButton(w).trigger('click')
    await flushPromises()
    expect(n.confirmChoice).toHaveBeenCalledWith(`${WARNING}仍要现在导出吗？`, '本月尚未结束', '仍然导出', '取消', 'warning')
    expect(m.batchExport).not.toHaveBeenCalled()

    n.confirmChoice.mockResolvedValueOnce(true)
    await exportButton(w).trigger('click')
    await flushPromises()
    expect(n.confirmChoice).toHaveBeenCalledTimes(2)
    expect(m.batchExport).toHaveBeenCalledTimes(1)
    expect(m.batchExport).toHaveBeenLastCalledWith('2026-11', 'full', 'E:\\报送', expect.any(Function))
  })

  it('exports with progress, then shows the file and reloads the history and the preview', async () => {
    m.batchPreview.mockImplementation(async (_p, profile) => preview(profile, { lastFolder: 'E:\\报送' }))
    const done = deferred<BatchRecord>()
    let report: (p: BatchProgress) => void = () => {}
    m.batchExport.mockImplementation((_period, _profile, _folder, onProgress) => {
      report = onProgress
      return done.promise
    })
    const w = await mountView()
    expect(m.batchPreview).toHaveBeenCalledTimes(1)
    expect(m.batchHistory).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="batch-progress"]').exists()).toBe(false)

    await exportButton(w).trigger('click')
    await flushPromises()
    expect(m.batchExport).toHaveBeenCalledWith('2026-10', 'full', 'E:\\报送', expect.any(Function))
    expect(exportButton(w).attributes('disabled')).toBeDefined()
    expect(w.find('[data-testid="batch-progress"]').exists()).toBe(true)
    expect(w.get('[data-testid="batch-progress"]').text()).toContain('0%')

    report({ stage: '写入「调解台账」', done: 1, total: 3 })
    await flushPromises()
    expect(w.get('[data-testid="batch-progress"]').text()).toContain('33%')
    expect(w.get('[data-testid="batch-progress-stage"]').text()).toBe('写入「调解台账」')
    report({ stage: '计算校验码', done: 3, total: 3 })
    await flushPromises()
    expect(w.get('[data-testid="batch-progress"]').text()).toContain('100%')
    expect(w.get('[data-testid="batch-progress-stage"]').text()).toBe('计算校验码')
    expect(w.find('[data-testid="batch-result"]').exists()).toBe(false)

    m.batchHistory.mockResolvedValue([record()])
    m.batchPreview.mockImplementation(async (_p, profile) =>
      preview(profile, { lastFolder: 'E:\\报送', sequence: 4, fileName: '420202001_202610_full_004.xlsx' }),
    )
    done.resolve(record())
    await flushPromises()
    expect(w.find('[data-testid="batch-progress"]').exists()).toBe(false)
    const result = w.get('[data-testid="batch-result"]')
    expect(result.text()).toContain('已生成')
    expect(result.text()).toContain('420202001_202610_full_003.xlsx')
    expect(w.get('[data-testid="batch-result-path"]').text()).toBe('E:\\报送\\420202001_202610_full_003.xlsx')
    const digest = w.get('[data-testid="batch-result-digest"]')
    expect(digest.text()).toBe('9f86d081884c7d65')
    expect(digest.attributes('title')).toBe(DIGEST)
    expect(w.get('[data-testid="batch-result-rows"]').text()).toBe('128')
    expect(n.showSuccess).toHaveBeenCalled()
    expect(m.batchHistory).toHaveBeenCalledTimes(2)
    expect(m.batchPreview).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="batch-file-name"]').text()).toBe('420202001_202610_full_004.xlsx')
    expect(w.findAll('[data-testid="batch-history-file"]').map((e) => e.text())).toEqual(['420202001_202610_full_003.xlsx'])
    expect(exportButton(w).attributes('disabled')).toBeUndefined()

    await w.get('[data-testid="batch-reveal"]').trigger('click')
    await flushPromises()
    expect(m.batchReveal).toHaveBeenCalledWith('b-3')
  })

  it('shows a refused folder on its field and keeps the form', async () => {
    const refusal = {
      code: 'batch.folder',
      message: '无法写入所选文件夹，请检查U盘是否已插好',
      fields: [{ field: 'folder', code: 'batch.folder', message: '无法写入所选文件夹，请检查U盘是否已插好' }],
    }
    m.batchExport.mockRejectedValue(refusal)
    const w = await mountView()
    await w.get('[data-testid="batch-profile-masked"] input').setValue(true)
    await flushPromises()
    await folderInput(w).setValue('Z:\\')
    await exportButton(w).trigger('click')
    await settle()
    expect(m.batchExport).toHaveBeenCalledWith('2026-10', 'masked', 'Z:\\', expect.any(Function))
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(errorOf(w, 'folder')).toBe('无法写入所选文件夹，请检查U盘是否已插好')
    expect(w.find('[data-testid="batch-result"]').exists()).toBe(false)
    expect(w.find('[data-testid="batch-progress"]').exists()).toBe(false)
    expect((folderInput(w).element as HTMLInputElement).value).toBe('Z:\\')
    expect(w.get('[data-testid="batch-profile-masked"]').classes()).toContain('is-active')
    expect(exportButton(w).attributes('disabled')).toBeUndefined()
    expect(m.batchHistory).toHaveBeenCalledTimes(1)

    // the message goes once the folder is changed
    await folderInput(w).setValue('E:\\')
    await settle()
    expect(errorOf(w, 'folder')).toBe('')
  })

  it('lists the batches written, newest first, each with a way to its folder', async () => {
    m.batchHistory.mockResolvedValue([
      record(),
      record({
        id: 'b-2',
        profile: 'masked',
        sequence: 2,
        rows: 96,
        digest: 'abcdef0123456789abcdef',
        fileName: '420202001_202610_masked_002.xlsx',
        createdBy: '李四',
        createdAt: '2026-11-01T16:40:00+08:00',
      }),
      record({ id: 'b-1', period: '2026-09', profile: 'summary', sequence: 1, rows: 0, fileName: '420202001_202609_summary_001.xlsx' }),
    ])
    const w = await mountView()
    const table = w.get('[data-testid="batch-history"]')
    const rows = table.findAll('.el-table__body-wrapper tbody tr')
    expect(rows.length).toBe(3)
    const cells = (i: number) => rows[i]!.findAll('td').map((td) => td.text())
    expect(cells(0)).toEqual([
      '2026年10月',
      '第3次',
      '完整台账',
      '128',
      '9f86d081884c7d65',
      '420202001_202610_full_003.xlsx',
      '管理员',
      '2026-11-02 09:15',
      '打开文件夹',
    ])
    expect(cells(1).slice(0, 8)).toEqual([
      '2026年10月',
      '第2次',
      '脱敏台账',
      '96',
      'abcdef0123456789',
      '420202001_202610_masked_002.xlsx',
      '李四',
      '2026-11-01 16:40',
    ])
    expect(cells(2).slice(0, 3)).toEqual(['2026年9月', '第1次', '统计汇总'])
    expect(table.findAll('[data-testid="batch-history-digest"]')[0]!.attributes('title')).toBe(DIGEST)

    await table.findAll('[data-testid="batch-history-reveal"]')[1]!.trigger('click')
    await flushPromises()
    expect(m.batchReveal).toHaveBeenCalledWith('b-2')
  })

  it('says when no batch was written yet, and shows a failure to open a folder', async () => {
    m.batchHistory.mockResolvedValue([record()])
    const failure = { code: 'batch.missing', message: '报送文件已被移动或删除', fields: [] }
    m.batchReveal.mockRejectedValue(failure)
    const w = await mountView()
    await w.get('[data-testid="batch-history-reveal"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalledWith(failure)

    w.unmount()
    m.batchHistory.mockResolvedValue([])
    const w2 = await mountView()
    expect(w2.get('[data-testid="batch-history"]').text()).toContain('尚未生成过报送文件')
  })
})
