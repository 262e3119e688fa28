import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElTooltip } from 'element-plus'

vi.mock('../api', () => ({ submissions: vi.fn(), receivedBatches: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showError']))

import * as api from '../api'
import type { ReceivedBatch, SubmissionCell, SubmissionGrid, SubmissionStatus } from '../api/generated'
import SubmissionsView from './SubmissionsView.vue'
import { resetSession, session } from '../store/session'
import { mountScreen, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const NOTES: Record<SubmissionStatus, string> = {
  received: '2026-02-03 生成',
  late: '2026-03-14 生成，截止日为 2026-03-10',
  resent: '共收到 2 份（第 3、4 次），首份 2026-04-03 生成',
  rejected: '「调解台账」的内容在导出后被修改过（校验码不符）。',
  missing: '截止日 2026-06-10 已过，尚未收到',
  notDue: '截止日 2026-12-10',
  notStarted: '该所第 1 次报送为2026年2月，此前未使用本系统',
}

const cell = (month: number, status: SubmissionStatus): SubmissionCell => ({
  period: `2026-${String(month).padStart(2, '0')}`,
  status,
  label: '',
  sequences: [],
  rejected: status === 'rejected' ? 1 : 0,
  note: NOTES[status],
})

const ORDER: SubmissionStatus[] = ['received', 'late', 'resent', 'rejected', 'missing', 'notDue']

function grid(year = 2026): SubmissionGrid {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
  return {
    year,
    months,
    monthLabels: months.map((_, i) => `${year}年${i + 1}月`),
    rows: [
      {
        office: { code: '420202001', name: '石港镇司法所', shortName: '石港' },
        cells: months.map((_, i) => cell(i + 1, ORDER[Math.min(i, 5)]!)),
        missingSequences: [2, 3],
      },
      {
        office: { code: '420202002', name: '花湖司法所', shortName: '花湖' },
        cells: months.map((_, i) => cell(i + 1, i < 10 ? 'received' : 'notDue')),
        missingSequences: [],
      },
    ],
    unmatched: [],
  }
}

function batch(over: Partial<ReceivedBatch> = {}): ReceivedBatch {
  return {
    status: 'accepted',
    reason: null,
    officeCode: '420202001',
    officeName: '石港镇司法所',
    period: '2026-10',
    profile: 'full',
    sequence: 5,
    digest: 'abc',
    previousDigest: null,
    generatedAt: '2026-11-03T09:00:00+08:00',
    generatedBy: '王所长',
    fileName: '420202001_202610_full_005.xlsx',
    rows: 128,
    counts: [],
    warnings: [],
    importedAt: '2026-11-27T10:15:00+08:00',
    importedBy: '李科长',
    ...over,
  }
}

const mountView = () => mountScreen(SubmissionsView)

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  session.status = readyStatus({ office: DISTRICT, version: '' })
  m.submissions.mockImplementation(async (y) => grid(y ?? 2026))
  m.receivedBatches.mockResolvedValue([])
})

afterEach(unmountScreen)

describe('SubmissionsView', () => {
  it('asks for the default year and shows one row per office with twelve months', async () => {
    const w = await mountView()
    expect(m.submissions).toHaveBeenCalledWith(null)
    expect((w.get('[data-testid="submissions-year"] input').element as HTMLInputElement).value).toBe('2026年')
    const table = w.get('[data-testid="submissions-grid"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual([
      '司法所',
      '1月',
      '2月',
      '3月',
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
      '缺少次序',
    ])
    expect(w.findAll('[data-testid="submissions-office"]').map((e) => e.text())).toEqual(['石港镇司法所', '花湖司法所'])
    expect(w.findAll('[data-testid="submissions-missing"]').map((e) => e.text())).toEqual(['第2、3次', '—'])
  })

  it('shows each status as its coloured tag with the note as a tooltip', async () => {
    const w = await mountView()
    const body = w.get('[data-testid="submissions-grid"] .el-table__body-wrapper')
    const first = body.findAll('tbody tr')[0]!.findAll('[data-testid="submission-cell"]')
    expect(first.slice(0, 6).map((c) => [c.attributes('data-status'), c.text()])).toEqual([
      ['received', '已报'],
      ['late', '逾期'],
      ['resent', '重报'],
      ['rejected', '退回'],
      ['missing', '缺报'],
      ['notDue', '未到期'],
    ])
    const colours = first.slice(0, 6).map((c) => (c.element as HTMLElement).style.getPropertyValue('--el-tag-bg-color'))
    expect(colours).toEqual(['#2b8a3e', '#e8590c', '#1971c2', '#7b1d1d', '#e03131', '#e9ecef'])
    // the notes travel in the tooltips, in the order of the cells (grid body, first row first)
    const tooltips = body.findAllComponents(ElTooltip).map((t: VueWrapper) => (t.props() as { content?: string }).content)
    expect(tooltips.slice(0, 6)).toEqual(ORDER.map((s) => NOTES[s]))
    // the legend names every status
    const legend = w.get('[data-testid="submissions-legend"]').text()
    for (const label of ['已报', '逾期', '重报', '退回', '缺报', '未到期', '未启用']) expect(legend).toContain(label)
  })

  it('moves to another year with the picker and the buttons', async () => {
    const w = await mountView()
    w.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2025')
    await flushPromises()
    expect(m.submissions).toHaveBeenLastCalledWith(2025)
    expect((w.get('[data-testid="submissions-year"] input').element as HTMLInputElement).value).toBe('2025年')
    await w.get('[data-testid="submissions-prev-year"]').trigger('click')
    await flushPromises()
    expect(m.submissions).toHaveBeenLastCalledWith(2024)
    await w.get('[data-testid="submissions-next-year"]').trigger('click')
    await flushPromises()
    expect(m.submissions).toHaveBeenLastCalledWith(2025)
    await w.get('[data-testid="submissions-next-year"]').trigger('click')
    await flushPromises()
    expect(m.submissions).toHaveBeenLastCalledWith(2026)
    // no year after this one
    expect(w.get('[data-testid="submissions-next-year"]').attributes('disabled')).toBeDefined()
  })

  it('lists the files received in the year, with the reason of a rejection or the warnings', async () => {
    m.receivedBatches.mockResolvedValue([
      batch(),
      batch({
        status: 'rejected',
        reason: '「调解台账」的内容在导出后被修改过（校验码不符）。',
        officeName: '金湖司法所',
        fileName: '420202012_202610_full_005.xlsx',
        rows: 0,
      }),
      batch({ warnings: ['该所第 4 次报送尚未收到'], officeName: '陈家湾司法所', sequence: 5 }),
      batch({ period: '2025-12', fileName: 'old.xlsx' }),
    ])
    const w = await mountView()
    const list = w.get('[data-testid="received-list"]')
    expect(list.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual([
      '导入时间',
      '文件名',
      '司法所',
      '月份',
      '次序',
      '结果',
      '原因或提示',
      '行数',
    ])
    const rows = list.findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td').map((td) => td.text()))
    expect(rows.length).toBe(3)
    expect(rows[0]).toEqual(['2026-11-27 10:15', '420202001_202610_full_005.xlsx', '石港镇司法所', '2026年10月', '第5次', '已接收', '—', '128'])
    expect(rows[1]!.slice(5)).toEqual(['已退回', '「调解台账」的内容在导出后被修改过（校验码不符）。', '0'])
    expect(rows[2]![6]).toBe('该所第 4 次报送尚未收到')
    expect(w.find('[data-testid="submissions-unmatched"]').exists()).toBe(false)
  })

  it('lists the files of offices not in the register apart', async () => {
    m.submissions.mockResolvedValue({
      ...grid(),
      unmatched: [batch({ status: 'rejected', officeCode: '420299001', officeName: null, reason: '单位代码 420299001 不在本区司法所名册中' })],
    })
    const w = await mountView()
    const table = w.get('[data-testid="submissions-unmatched"]')
    expect(w.text()).toContain('名册外或无法识别的文件')
    expect(table.text()).toContain('420299001')
    expect(table.text()).toContain('单位代码 420299001 不在本区司法所名册中')
  })
})
