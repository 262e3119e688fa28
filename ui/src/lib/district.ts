// 区司法局模式: the texts, labels, colours, period keys and chart options of the district screens
// (导入报送, 报送情况, 区级统计, 疑似重复, 工作台). Pure functions, tested in district.test.ts.
import type {
  ChartSeries,
  DistrictDashboard,
  DuplicateItem,
  FilePreview,
  ImportPreview,
  ImportProgress,
  ImportRow,
  KindCounts,
  NamedValue,
  ReceivedBatch,
  RecordKind,
  RowStatus,
  SubmissionStatus,
} from '../api/generated'
import { periodLabel } from './batch'
import { formatInstant } from './format'

// --- record kinds and row results ---------------------------------------------------------------------

export const KIND_LABEL: Record<RecordKind, string> = {
  mediation_case: '调解案件',
  legal_aid_consultation: '法援咨询',
  legal_aid_application: '法援申请',
  correction_subject: '矫正对象',
  correction_event: '矫正事件',
}

/** mediation_case -> 调解案件 (never the code itself). */
export function kindLabel(code: string | null | undefined): string {
  return KIND_LABEL[code as RecordKind] ?? '其他记录'
}

export const ROW_STATUSES: readonly RowStatus[] = ['new', 'updated', 'unchanged', 'conflict', 'duplicate']

export const ROW_STATUS_LABEL: Record<RowStatus, string> = {
  new: '新增',
  updated: '更新',
  unchanged: '未变',
  conflict: '冲突',
  duplicate: '疑似重复',
}

export type TagType = 'success' | 'primary' | 'info' | 'warning' | 'danger'

export function rowStatusLabel(status: string): string {
  return ROW_STATUS_LABEL[status as RowStatus] ?? '其他'
}

export function rowStatusTagType(status: string): TagType {
  switch (status) {
    case 'new':
      return 'success'
    case 'updated':
      return 'primary'
    case 'conflict':
      return 'danger'
    case 'duplicate':
      return 'warning'
    default:
      return 'info'
  }
}

export type StatusCounts = Pick<KindCounts, RowStatus>

/** The counts of several kinds added up (a file's rows by result). */
export function sumCounts(counts: readonly KindCounts[]): StatusCounts {
  const out: StatusCounts = { new: 0, updated: 0, unchanged: 0, conflict: 0, duplicate: 0 }
  for (const c of counts) for (const s of ROW_STATUSES) out[s] += c[s] ?? 0
  return out
}

/** The version a row brings, after the one the district holds: "2→3", or "1" for a new record. */
export function versionText(row: Pick<ImportRow, 'version' | 'heldVersion' | 'deleted'>): string {
  const v = row.heldVersion !== null && row.heldVersion !== undefined ? `${row.heldVersion}→${row.version}` : String(row.version)
  return row.deleted ? `${v}（已删除）` : v
}

/** Updated and conflicting rows show their field differences. */
export function showsDiffs(row: Pick<ImportRow, 'status' | 'diffs'>): boolean {
  return (row.status === 'updated' || row.status === 'conflict') && row.diffs.length > 0
}

// --- files ------------------------------------------------------------------------------------------------

/** 3 -> 第3次; null -> —. */
export function sequenceText(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `第${n}次`
}

/** [2, 3] -> 第2、3次; [] -> —. */
export function sequencesText(list: readonly number[] | null | undefined): string {
  return list && list.length > 0 ? `第${list.join('、')}次` : '—'
}

/** "2026-10" -> 2026年10月; null -> —. */
export function monthText(period: string | null | undefined): string {
  return period ? periodLabel(period) : '—'
}

export interface FileResult {
  label: '接收' | '退回' | '已导入过'
  type: TagType
}

/** What becomes of a file: 退回 (rejected), 已导入过 (accepted before: changes nothing), 接收. */
export function fileResult(f: Pick<FilePreview, 'status' | 'alreadyImported'>): FileResult {
  if (f.status !== 'accepted') return { label: '退回', type: 'danger' }
  if (f.alreadyImported) return { label: '已导入过', type: 'info' }
  return { label: '接收', type: 'success' }
}

/** The paths chosen so far with `more` added: trimmed, without blanks and repeats, in order. */
export function addPaths(list: readonly string[], more: readonly string[]): string[] {
  const out = [...list]
  for (const p of more) {
    const t = p.trim()
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

const STAGE_LABEL: Record<string, string> = {
  reading: '读取文件',
  checking: '核对记录',
  writing: '写入数据',
}

export function progressStageLabel(stage: string | null | undefined): string {
  return STAGE_LABEL[stage ?? ''] ?? '处理中'
}

/** "读取文件 3/14" (the stage alone while the total is not known). */
export function progressText(p: ImportProgress | null | undefined): string {
  if (!p) return ''
  const stage = progressStageLabel(p.stage)
  return p.total > 0 ? `${stage} ${p.done}/${p.total}` : stage
}

/** The summary line of a preview: 共 14 个文件：可接收 13 个，退回 1 个. */
export function previewSummary(p: Pick<ImportPreview, 'files' | 'accepted' | 'rejected'>): string {
  return `共 ${p.files.length} 个文件：可接收 ${p.accepted} 个，退回 ${p.rejected} 个`
}

/** The result line of a confirmed import: 导入完成：接收 13 个文件，新增 120 条、更新 4 条、未变 30 条… */
export function doneSummary(p: Pick<ImportPreview, 'accepted' | 'rejected' | 'totals'>): string {
  if (p.accepted === 0) return `已登记退回的 ${p.rejected} 个文件，未导入任何记录`
  const t = sumCounts(p.totals)
  const parts = [`新增 ${t.new} 条`, `更新 ${t.updated} 条`, `未变 ${t.unchanged} 条`]
  if (t.conflict > 0) parts.push(`冲突 ${t.conflict} 条`)
  if (t.duplicate > 0) parts.push(`疑似重复 ${t.duplicate} 条`)
  let text = `导入完成：接收 ${p.accepted} 个文件，${parts.join('、')}`
  if (p.rejected > 0) text += `；退回 ${p.rejected} 个文件`
  return text
}

export const NOTHING_TO_DO_TEXT = '这些文件都已导入过，再次导入不会改变任何数据'

/** 已接收 / 已退回 of a received file. */
export function receivedResult(b: Pick<ReceivedBatch, 'status'>): string {
  return b.status === 'accepted' ? '已接收' : '已退回'
}

/** The reason a file was rejected, or its warnings; — when none. */
export function receivedNote(b: Pick<ReceivedBatch, 'reason' | 'warnings'>): string {
  if (b.reason) return b.reason
  if (b.warnings.length > 0) return b.warnings.join('；')
  return '—'
}

// --- 报送情况 ------------------------------------------------------------------------------------------------

export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['received', 'late', 'resent', 'rejected', 'missing', 'notDue', 'notStarted']

export const SUBMISSION_LABEL: Record<SubmissionStatus, string> = {
  received: '已报',
  late: '逾期',
  resent: '重报',
  rejected: '退回',
  missing: '缺报',
  notDue: '未到期',
  notStarted: '未启用',
}

/** What each status means, for the legend. */
export const SUBMISSION_MEANING: Record<SubmissionStatus, string> = {
  received: '按时报送',
  late: '截止日后才报送',
  resent: '同月收到多份',
  rejected: '只收到被退回的文件',
  missing: '截止日已过仍未收到',
  notDue: '尚未到报送截止日',
  notStarted: '该所首次报送之前的月份',
}

/** Tag colours: green, orange, blue, dark red, red, grey, white. */
export const SUBMISSION_COLOR: Record<SubmissionStatus, { background: string; color: string; border?: string }> = {
  received: { background: '#2b8a3e', color: '#ffffff' },
  late: { background: '#e8590c', color: '#ffffff' },
  resent: { background: '#1971c2', color: '#ffffff' },
  rejected: { background: '#7b1d1d', color: '#ffffff' },
  missing: { background: '#e03131', color: '#ffffff' },
  notDue: { background: '#e9ecef', color: '#495057' },
  notStarted: { background: '#ffffff', color: '#868e96', border: '#ced4da' },
}

export function submissionLabel(status: string): string {
  return SUBMISSION_LABEL[status as SubmissionStatus] ?? '—'
}

/** The el-tag's colours as CSS variables. */
export function submissionTagStyle(status: string): Record<string, string> {
  const c = SUBMISSION_COLOR[status as SubmissionStatus] ?? SUBMISSION_COLOR.notDue
  return {
    '--el-tag-bg-color': c.background,
    '--el-tag-border-color': c.border ?? c.background,
    '--el-tag-text-color': c.color,
  }
}

// --- statistics periods ---------------------------------------------------------------------------------

export type PeriodKind = 'month' | 'quarter' | 'year'

export const PERIOD_KINDS: readonly { kind: PeriodKind; label: string }[] = [
  { kind: 'month', label: '月' },
  { kind: 'quarter', label: '季度' },
  { kind: 'year', label: '年' },
]

export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'] as const

/** "2026-10" -> 4. */
export function quarterOf(month: string): number {
  const m = /^\d{4}-(\d{2})$/.exec(month)
  return m ? Math.ceil(Number(m[1]) / 3) : 1
}

/** The key the core takes: month "2026-10", quarter "2026-Q4", year "2026". */
export function periodKey(kind: PeriodKind, month: string, year: string, quarter: number): string {
  switch (kind) {
    case 'quarter':
      return `${year}-Q${quarter}`
    case 'year':
      return year
    case 'month':
    default:
      return month
  }
}

/** Whether the quarter starts after the month of `today`. */
export function isFutureQuarter(year: string, quarter: number, today: Date): boolean {
  const first = Number(year) * 12 + (quarter - 1) * 3
  return first > today.getFullYear() * 12 + today.getMonth()
}

export function isFutureYear(d: Date, today: Date): boolean {
  return d.getFullYear() > today.getFullYear()
}

// --- 疑似重复 ---------------------------------------------------------------------------------------------

export const DECISION_SAME = '是同一人/同一事项'
export const DECISION_DIFFERENT = '不是重复'

/** 已判断：是同一人/同一事项 · 已判断：不是重复 · '' while undecided. */
export function decisionText(d: Pick<DuplicateItem, 'decision'>): string {
  if (d.decision === 'same') return `已判断：${DECISION_SAME}`
  if (d.decision === 'different') return `已判断：${DECISION_DIFFERENT}`
  return ''
}

/** Who decided and when: 王所长 2026-11-27 10:05. */
export function decidedByText(d: Pick<DuplicateItem, 'decidedBy' | 'decidedAt'>): string {
  return [d.decidedBy ?? '', formatInstant(d.decidedAt)].filter((s) => s).join(' ')
}

// --- 工作台 charts -----------------------------------------------------------------------------------------

export const EMPTY_CHART_TEXT = '暂无数据，请先导入报送文件'

/** A chart's figure as its table shows it: 12, 3.5. */
export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10)
}

/** A share of the total: 0.25 -> 25.0%. */
export function shareText(value: number, total: number): string {
  if (!(total > 0)) return '—'
  return `${(Math.round((value / total) * 1000) / 10).toFixed(1)}%`
}

export function hasSeriesData(series: readonly ChartSeries[]): boolean {
  return series.some((s) => s.values.some((v) => v !== 0))
}

export function hasNamedData(values: readonly NamedValue[]): boolean {
  return values.some((v) => v.value !== 0)
}

/** A series' name with its unit, for a table header: 调解受理（件）. */
export function seriesHeader(s: Pick<ChartSeries, 'name' | 'unit'>): string {
  return s.unit ? `${s.name}（${s.unit}）` : s.name
}

/** Rows of a chart's data table: one per category (month or office), a value per series. */
export interface SeriesTableRow {
  label: string
  values: number[]
}

export function seriesTable(categories: readonly string[], series: readonly ChartSeries[]): SeriesTableRow[] {
  return categories.map((label, i) => ({ label, values: series.map((s) => s.values[i] ?? 0) }))
}

/** Colours of the series, in order (readable on white and in print). */
export const CHART_COLORS = ['#1f4e8c', '#e8590c', '#2b8a3e', '#9c36b5', '#0c8599', '#c92a2a', '#5c940d', '#495057']

type Option = Record<string, unknown>

const AXIS_LABEL = { fontSize: 14, color: '#333' }

function tooltipFormatter(units: readonly string[]) {
  return (params: unknown): string => {
    const list = (Array.isArray(params) ? params : [params]) as { axisValueLabel?: string; name?: string; seriesName?: string; value?: number; seriesIndex?: number; marker?: string }[]
    const head = list[0]?.axisValueLabel ?? list[0]?.name ?? ''
    const lines = list.map((p) => `${p.marker ?? ''}${p.seriesName ?? ''}：${formatNumber(p.value)}${units[p.seriesIndex ?? 0] ?? ''}`)
    return [head, ...lines].join('<br/>')
  }
}

/** 月度趋势: a line per series over the months. */
export function trendOption(d: Pick<DistrictDashboard, 'monthLabels' | 'trend'>): Option {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', formatter: tooltipFormatter(d.trend.map((s) => s.unit)) },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 56, right: 24, top: 44, bottom: 36 },
    xAxis: { type: 'category', data: [...d.monthLabels], axisLabel: { ...AXIS_LABEL, interval: 0, formatter: shortMonth } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: d.trend.map((s) => ({ type: 'line', name: s.name, data: [...s.values], symbolSize: 7, lineStyle: { width: 3 } })),
  }
}

/** 2026年10月 -> 10月 (January keeps its year: 2026年1月), so twelve labels fit under the chart. */
export function shortMonth(label: string): string {
  const m = /^(\d{4})年(\d{1,2})月$/.exec(label)
  if (!m) return label
  return m[2] === '1' ? label : `${m[2]}月`
}

/** 各所对比: bars per office, a bar per series. */
export function officesOption(d: Pick<DistrictDashboard, 'officeNames' | 'byOffice'>): Option {
  const many = d.officeNames.length > 8
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipFormatter(d.byOffice.map((s) => s.unit)) },
    legend: { top: 0, textStyle: { fontSize: 14 } },
    grid: { left: 56, right: 24, top: 44, bottom: many ? 64 : 36 },
    xAxis: { type: 'category', data: [...d.officeNames], axisLabel: { ...AXIS_LABEL, interval: 0, rotate: many ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    series: d.byOffice.map((s) => ({ type: 'bar', name: s.name, data: [...s.values], barMaxWidth: 18 })),
  }
}

/** Horizontal bars of named values, largest at the top. */
function namedBarOption(values: readonly NamedValue[], seriesName: string, unit: string, color: string): Option {
  const sorted = [...values].sort((a, b) => a.value - b.value)
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipFormatter([unit]) },
    grid: { left: 16, right: 48, top: 12, bottom: 24, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: AXIS_LABEL },
    yAxis: { type: 'category', data: sorted.map((v) => v.name), axisLabel: AXIS_LABEL },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: sorted.map((v) => v.value),
        barMaxWidth: 22,
        label: { show: true, position: 'right', fontSize: 14, color: '#333' },
      },
    ],
  }
}

/** 纠纷类型构成: cases accepted this year by dispute type. */
export function disputesOption(d: Pick<DistrictDashboard, 'disputeMix'>): Option {
  return namedBarOption(d.disputeMix, '受理案件', '件', CHART_COLORS[0]!)
}

/** 社区矫正在册 by correction type. */
export function correctionOption(d: Pick<DistrictDashboard, 'correctionTypes'>): Option {
  return namedBarOption(d.correctionTypes, '在册人数', '人', CHART_COLORS[2]!)
}

/** A chart's height that gives each bar of a horizontal bar chart room for its label. */
export function namedChartHeight(count: number): number {
  return Math.max(200, Math.min(520, 40 + count * 34))
}
