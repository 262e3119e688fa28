import { describe, expect, it } from 'vitest'
import type { DistrictDashboard, KindCounts } from '../api/generated'
import {
  KIND_LABEL,
  NOTHING_TO_DO_TEXT,
  SUBMISSION_LABEL,
  SUBMISSION_STATUSES,
  addPaths,
  correctionOption,
  decidedByText,
  decisionText,
  disputesOption,
  doneSummary,
  fileResult,
  formatNumber,
  hasNamedData,
  hasSeriesData,
  isFutureQuarter,
  kindLabel,
  monthText,
  officesOption,
  periodKey,
  previewSummary,
  progressStageLabel,
  progressText,
  quarterOf,
  receivedNote,
  receivedResult,
  rowStatusLabel,
  rowStatusTagType,
  sequenceText,
  sequencesText,
  seriesHeader,
  seriesTable,
  shareText,
  shortMonth,
  showsDiffs,
  submissionLabel,
  submissionTagStyle,
  sumCounts,
  trendOption,
  versionText,
} from './district'

const counts = (kind: string, label: string, over: Partial<KindCounts> = {}): KindCounts => ({
  kind,
  label,
  new: 0,
  updated: 0,
  unchanged: 0,
  conflict: 0,
  duplicate: 0,
  ...over,
})

describe('record kinds and row results', () => {
  it('labels the five kinds in Chinese, never showing a code', () => {
    expect(Object.keys(KIND_LABEL).sort()).toEqual(
      ['correction_event', 'correction_subject', 'legal_aid_application', 'legal_aid_consultation', 'mediation_case'].sort(),
    )
    expect(kindLabel('mediation_case')).toBe('调解案件')
    expect(kindLabel('legal_aid_consultation')).toBe('法援咨询')
    expect(kindLabel('legal_aid_application')).toBe('法援申请')
    expect(kindLabel('correction_subject')).toBe('矫正对象')
    expect(kindLabel('correction_event')).toBe('矫正事件')
    expect(kindLabel('something_else')).toBe('其他记录')
    expect(kindLabel(null)).toBe('其他记录')
  })

  it('labels and colours the row results', () => {
    expect(['new', 'updated', 'unchanged', 'conflict', 'duplicate'].map(rowStatusLabel)).toEqual([
      '新增',
      '更新',
      '未变',
      '冲突',
      '疑似重复',
    ])
    expect(rowStatusLabel('x')).toBe('其他')
    expect(rowStatusTagType('new')).toBe('success')
    expect(rowStatusTagType('updated')).toBe('primary')
    expect(rowStatusTagType('unchanged')).toBe('info')
    expect(rowStatusTagType('conflict')).toBe('danger')
    expect(rowStatusTagType('duplicate')).toBe('warning')
  })

  it('adds up the counts of several kinds', () => {
    expect(
      sumCounts([
        counts('mediation_case', '调解案件', { new: 3, updated: 1, unchanged: 5 }),
        counts('correction_subject', '矫正对象', { new: 1, conflict: 2, duplicate: 1 }),
      ]),
    ).toEqual({ new: 4, updated: 1, unchanged: 5, conflict: 2, duplicate: 1 })
    expect(sumCounts([])).toEqual({ new: 0, updated: 0, unchanged: 0, conflict: 0, duplicate: 0 })
  })

  it('shows the version a row brings after the one held', () => {
    expect(versionText({ version: 1, heldVersion: null, deleted: false })).toBe('1')
    expect(versionText({ version: 3, heldVersion: 2, deleted: false })).toBe('2→3')
    expect(versionText({ version: 4, heldVersion: 3, deleted: true })).toBe('3→4（已删除）')
  })

  it('shows the differences of updated and conflicting rows only', () => {
    const diffs = [{ field: '案件状态', before: '调解中', after: '调解成功' }]
    expect(showsDiffs({ status: 'updated', diffs })).toBe(true)
    expect(showsDiffs({ status: 'conflict', diffs })).toBe(true)
    expect(showsDiffs({ status: 'conflict', diffs: [] })).toBe(false)
    expect(showsDiffs({ status: 'duplicate', diffs })).toBe(false)
  })
})

describe('files and import texts', () => {
  it('names sequences and months', () => {
    expect(sequenceText(3)).toBe('第3次')
    expect(sequenceText(null)).toBe('—')
    expect(sequencesText([2, 3])).toBe('第2、3次')
    expect(sequencesText([])).toBe('—')
    expect(monthText('2026-10')).toBe('2026年10月')
    expect(monthText('2026-03')).toBe('2026年3月')
    expect(monthText(null)).toBe('—')
  })

  it('says what becomes of a file', () => {
    expect(fileResult({ status: 'accepted', alreadyImported: false })).toEqual({ label: '接收', type: 'success' })
    expect(fileResult({ status: 'accepted', alreadyImported: true })).toEqual({ label: '已导入过', type: 'info' })
    expect(fileResult({ status: 'rejected', alreadyImported: false })).toEqual({ label: '退回', type: 'danger' })
  })

  it('adds chosen paths without blanks or repeats', () => {
    expect(addPaths(['E:\\10月'], ['  E:\\10月 ', '', 'F:\\a.xlsx', 'F:\\a.xlsx'])).toEqual(['E:\\10月', 'F:\\a.xlsx'])
    expect(addPaths([], ['   '])).toEqual([])
  })

  it('names the stages of the progress', () => {
    expect(progressStageLabel('reading')).toBe('读取文件')
    expect(progressStageLabel('checking')).toBe('核对记录')
    expect(progressStageLabel('writing')).toBe('写入数据')
    expect(progressStageLabel('other')).toBe('处理中')
    expect(progressText({ stage: 'reading', done: 3, total: 14 })).toBe('读取文件 3/14')
    expect(progressText({ stage: 'checking', done: 0, total: 0 })).toBe('核对记录')
    expect(progressText(null)).toBe('')
  })

  it('sums up a preview and a finished import', () => {
    const files = new Array(14).fill(null).map(() => ({}) as never)
    expect(previewSummary({ files, accepted: 13, rejected: 1 })).toBe('共 14 个文件：可接收 13 个，退回 1 个')
    const totals = [
      counts('mediation_case', '调解案件', { new: 100, updated: 4, unchanged: 30 }),
      counts('legal_aid_consultation', '法援咨询', { new: 20 }),
    ]
    expect(doneSummary({ accepted: 13, rejected: 0, totals })).toBe('导入完成：接收 13 个文件，新增 120 条、更新 4 条、未变 30 条')
    const more = [...totals, counts('correction_subject', '矫正对象', { conflict: 1, duplicate: 2 })]
    expect(doneSummary({ accepted: 13, rejected: 1, totals: more })).toBe(
      '导入完成：接收 13 个文件，新增 120 条、更新 4 条、未变 30 条、冲突 1 条、疑似重复 2 条；退回 1 个文件',
    )
    expect(doneSummary({ accepted: 0, rejected: 2, totals })).toBe('已登记退回的 2 个文件，未导入任何记录')
    expect(NOTHING_TO_DO_TEXT).toBe('这些文件都已导入过，再次导入不会改变任何数据')
  })

  it('describes a received file', () => {
    expect(receivedResult({ status: 'accepted' })).toBe('已接收')
    expect(receivedResult({ status: 'rejected' })).toBe('已退回')
    expect(receivedNote({ reason: '校验码不符', warnings: ['x'] })).toBe('校验码不符')
    expect(receivedNote({ reason: null, warnings: ['第 2 次报送尚未收到', '链不符'] })).toBe('第 2 次报送尚未收到；链不符')
    expect(receivedNote({ reason: null, warnings: [] })).toBe('—')
  })
})

describe('submission statuses', () => {
  it('labels every status and gives each its own colour', () => {
    expect(SUBMISSION_STATUSES.map(submissionLabel)).toEqual(['已报', '逾期', '重报', '退回', '缺报', '未到期', '未启用'])
    expect(SUBMISSION_LABEL.notDue).toBe('未到期')
    expect(submissionLabel('unknown')).toBe('—')
    const colours = SUBMISSION_STATUSES.map((s) => submissionTagStyle(s)['--el-tag-bg-color'])
    expect(new Set(colours).size).toBe(7)
    expect(submissionTagStyle('notStarted')['--el-tag-border-color']).toBe('#ced4da')
    expect(submissionTagStyle('received')['--el-tag-bg-color']).toBe('#2b8a3e')
    expect(submissionTagStyle('missing')['--el-tag-bg-color']).toBe('#e03131')
    expect(submissionTagStyle('rejected')['--el-tag-text-color']).toBe('#ffffff')
  })
})

describe('statistics periods', () => {
  it('builds the keys of a month, a quarter and a year', () => {
    expect(periodKey('month', '2026-10', '2026', 4)).toBe('2026-10')
    expect(periodKey('quarter', '2026-10', '2026', 4)).toBe('2026-Q4')
    expect(periodKey('quarter', '2026-10', '2025', 1)).toBe('2025-Q1')
    expect(periodKey('year', '2026-10', '2026', 4)).toBe('2026')
  })

  it('finds the quarter of a month', () => {
    expect(['2026-01', '2026-03', '2026-04', '2026-09', '2026-10', '2026-12'].map(quarterOf)).toEqual([1, 1, 2, 3, 4, 4])
  })

  it('knows which quarters have not begun', () => {
    const today = new Date(2026, 10, 27)
    expect(isFutureQuarter('2026', 4, today)).toBe(false)
    expect(isFutureQuarter('2026', 3, today)).toBe(false)
    expect(isFutureQuarter('2027', 1, today)).toBe(true)
    expect(isFutureQuarter('2026', 4, new Date(2026, 8, 30))).toBe(true)
  })
})

describe('duplicates', () => {
  it('states a decision and who made it', () => {
    expect(decisionText({ decision: null })).toBe('')
    expect(decisionText({ decision: 'same' })).toBe('已判断：是同一人/同一事项')
    expect(decisionText({ decision: 'different' })).toBe('已判断：不是重复')
    expect(decidedByText({ decidedBy: '王所长', decidedAt: '2026-11-27T10:05:33+08:00' })).toBe('王所长 2026-11-27 10:05')
    expect(decidedByText({ decidedBy: null, decidedAt: null })).toBe('')
  })
})

const dashboard = (): DistrictDashboard => ({
  districtName: '黄石港区司法局',
  offices: 2,
  months: ['2025-12', '2026-01', '2026-02'],
  monthLabels: ['2025年12月', '2026年1月', '2026年2月'],
  trend: [
    { key: 'case', name: '调解受理', unit: '件', values: [3, 5, 0] },
    { key: 'correction', name: '社区矫正在册', unit: '人', values: [10, 11, 12] },
  ],
  officeNames: ['石港', '花湖'],
  byOffice: [{ key: 'case', name: '调解受理', unit: '件', values: [8, 4] }],
  yearLabel: '2026年',
  disputeMix: [
    { name: '婚姻家庭纠纷', value: 2 },
    { name: '邻里纠纷', value: 6 },
  ],
  correctionTypes: [{ name: '缓刑', value: 9 }],
  correctionAsOf: '2026年1月',
  submissions: { period: '2026-01', periodLabel: '2026年1月', received: 1, late: 0, resent: 0, rejected: 0, missing: 1, notDue: 0, notStarted: 0 },
  undecidedDuplicates: 0,
  pendingEvents: 0,
})

describe('dashboard charts', () => {
  it('formats figures and shares', () => {
    expect(formatNumber(12)).toBe('12')
    expect(formatNumber(3.25)).toBe('3.3')
    expect(formatNumber(null)).toBe('—')
    expect(shareText(1, 4)).toBe('25.0%')
    expect(shareText(1, 0)).toBe('—')
    expect(seriesHeader({ name: '调解受理', unit: '件' })).toBe('调解受理（件）')
    expect(seriesHeader({ name: '合计', unit: '' })).toBe('合计')
  })

  it('knows when there is nothing to draw', () => {
    expect(hasSeriesData([])).toBe(false)
    expect(hasSeriesData([{ key: 'a', name: 'a', unit: '', values: [0, 0] }])).toBe(false)
    expect(hasSeriesData([{ key: 'a', name: 'a', unit: '', values: [0, 1] }])).toBe(true)
    expect(hasNamedData([])).toBe(false)
    expect(hasNamedData([{ name: 'x', value: 0 }])).toBe(false)
    expect(hasNamedData([{ name: 'x', value: 2 }])).toBe(true)
  })

  it('lays out a series table with a row per category', () => {
    const d = dashboard()
    expect(seriesTable(d.monthLabels, d.trend)).toEqual([
      { label: '2025年12月', values: [3, 10] },
      { label: '2026年1月', values: [5, 11] },
      { label: '2026年2月', values: [0, 12] },
    ])
  })

  it('shortens month labels under the chart, keeping the year of January', () => {
    expect(shortMonth('2025年12月')).toBe('12月')
    expect(shortMonth('2026年1月')).toBe('2026年1月')
    expect(shortMonth('其他')).toBe('其他')
  })

  it('builds a line chart of the trend and bars of the offices', () => {
    const d = dashboard()
    const trend = trendOption(d) as { xAxis: { data: string[] }; series: { type: string; name: string; data: number[] }[] }
    expect(trend.xAxis.data).toEqual(d.monthLabels)
    expect(trend.series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['line', '调解受理', [3, 5, 0]],
      ['line', '社区矫正在册', [10, 11, 12]],
    ])
    const offices = officesOption(d) as { xAxis: { data: string[] }; series: { type: string; data: number[] }[] }
    expect(offices.xAxis.data).toEqual(['石港', '花湖'])
    expect(offices.series).toEqual([expect.objectContaining({ type: 'bar', name: '调解受理', data: [8, 4] })])
  })

  it('draws named values as bars, the largest on top', () => {
    const d = dashboard()
    const disputes = disputesOption(d) as { yAxis: { data: string[] }; series: { type: string; data: number[] }[] }
    // a horizontal bar chart draws its first category at the bottom
    expect(disputes.yAxis.data).toEqual(['婚姻家庭纠纷', '邻里纠纷'])
    expect(disputes.series[0]!.data).toEqual([2, 6])
    expect(disputes.series[0]!.type).toBe('bar')
    const corr = correctionOption(d) as { yAxis: { data: string[] }; series: { data: number[] }[] }
    expect(corr.yAxis.data).toEqual(['缓刑'])
    expect(corr.series[0]!.data).toEqual([9])
  })

  it('gives the tooltip the figures with their units', () => {
    const d = dashboard()
    const trend = trendOption(d) as { tooltip: { formatter: (p: unknown) => string } }
    const text = trend.tooltip.formatter([
      { axisValueLabel: '2026年1月', seriesName: '调解受理', value: 5, seriesIndex: 0, marker: '' },
      { axisValueLabel: '2026年1月', seriesName: '社区矫正在册', value: 11, seriesIndex: 1, marker: '' },
    ])
    expect(text).toBe('2026年1月<br/>调解受理：5件<br/>社区矫正在册：11人')
  })
})
