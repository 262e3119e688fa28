// 月度报送: the texts and number formats of the batch screen.
import type { BatchProfile, BatchProgress, StatColumn } from '../api/generated'
import { formatInstant } from './format'

export const BATCH_PROFILES: readonly BatchProfile[] = ['full', 'masked', 'summary']

const PROFILE_LABEL: Record<BatchProfile, string> = {
  full: '完整台账',
  masked: '脱敏台账',
  summary: '统计汇总',
}

/** The choice as the radio buttons name it. */
const PROFILE_CHOICE: Record<BatchProfile, string> = {
  full: '完整台账（报区司法局）',
  masked: '脱敏台账（对外共享）',
  summary: '仅统计汇总',
}

const PROFILE_DESCRIPTION: Record<BatchProfile, string> = {
  full: '含全部字段和个人信息，供区司法局汇总入库；请妥善保管 U 盘，报送后及时删除',
  masked: '姓名、身份证号、手机号已遮盖，敏感字段已删除，未成年人只计入统计',
  summary: '只含统计表，不含个人信息',
}

/** full -> 完整台账 (the history's 类型). */
export function profileLabel(profile: BatchProfile | string): string {
  return PROFILE_LABEL[profile as BatchProfile] ?? profile
}

/** full -> 完整台账（报区司法局） (the radio button). */
export function profileChoice(profile: BatchProfile): string {
  return PROFILE_CHOICE[profile]
}

/** The line under the choice that says what the file holds. */
export function profileDescription(profile: BatchProfile): string {
  return PROFILE_DESCRIPTION[profile] ?? ''
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** The month before the one of `today`, as "YYYY-MM" (the month usually reported). */
export function defaultPeriod(today: Date): string {
  const y = today.getFullYear()
  const m = today.getMonth() // 0-based: the previous month, 1-based
  return m === 0 ? `${y - 1}-12` : `${y}-${pad2(m)}`
}

/** "2026-11-27" (the core's today) as a local date; null when it is not such a date. */
export function parseIsoDate(iso: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null
}

/** Whether the month of `month` (any day of it) is later than the month of `today`. */
export function isFutureMonth(month: Date, today: Date): boolean {
  const index = (d: Date) => d.getFullYear() * 12 + d.getMonth()
  return index(month) > index(today)
}

/** "2026-10" -> "2026年10月"; anything else unchanged. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  return m ? `${m[1]}年${Number(m[2])}月` : period
}

/** The warning before exporting a month that has not ended on `today` ("2026-11" on 2026-11-27): what is
 * registered later this month is not in the file, so it is exported again after the month's end. Null
 * for a month that is over (or a period that is no month). */
export function unfinishedMonthWarning(period: string, today: Date): string | null {
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (!m) return null
  const year = Number(m[1])
  const month = Number(m[2]) // 1-based
  const lastDay = new Date(year, month, 0) // day 0 of the next month
  const todayStart = new Date(today.getFullYear(), today.getMonth(), today.getDate())
  if (lastDay < todayStart) return null
  const dayText = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日`
  return (
    `${periodLabel(period)}尚未结束（今天是${dayText(todayStart)}），现在导出的月报不含此后登记的记录。` +
    `请在月末（${dayText(lastDay)}）之后再导出一次。`
  )
}

/** The first 16 characters of a digest (the whole one goes into a tooltip). */
export function shortDigest(digest: string | null | undefined): string {
  return (digest ?? '').slice(0, 16)
}

/** A number with at most `digits` decimals, rounded half away from zero (not by binary accident). */
function round(value: number, digits: number): number {
  const f = 10 ** digits
  return (Math.sign(value) * Math.round(Math.abs(value) * f + 1e-9)) / f
}

/** A value of a statistics table as shown: count 12 · percent 0.875 -> 87.5% · wan 3.5 -> 3.50 ·
 * hours 12.25 -> 12.3, 12 -> 12 · null -> —. */
export function formatStat(value: number | null | undefined, format: StatColumn['format']): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  switch (format) {
    case 'percent':
      return `${round(value * 100, 1).toFixed(1)}%`
    case 'wan':
      return round(value, 2).toFixed(2)
    case 'hours':
      return String(round(value, 1))
    case 'count':
    default:
      return String(round(value, 0))
  }
}

export interface ColumnGroup {
  /** The shared header, or null for a column that stands alone. */
  group: string | null
  /** Index in the table's `columns` (and in each row's `values`) of the first column. */
  start: number
  columns: StatColumn[]
}

/** The columns in order, consecutive ones of the same (non-null) group together; a column without a
 * group is a group of its own with `group` null. */
export function groupColumns(columns: readonly StatColumn[]): ColumnGroup[] {
  const out: ColumnGroup[] = []
  columns.forEach((c, i) => {
    const last = out[out.length - 1]
    if (c.group !== null && last && last.group === c.group) last.columns.push(c)
    else out.push({ group: c.group, start: i, columns: [c] })
  })
  return out
}

/** The progress bar's percentage (0 while the total is not known). */
export function progressPercent(p: BatchProgress | null | undefined): number {
  if (!p || !(p.total > 0)) return 0
  return Math.min(100, Math.max(0, Math.round((p.done / p.total) * 100)))
}

/** What the next file includes besides the month's records (`since`: the previous batch of the profile,
 * or null). A statistics-only file holds no records: it only says when the previous one was made. */
export function previewScope(since: string | null, profile: BatchProfile = 'full'): string {
  if (profile === 'summary') return since ? `上次报送于${formatInstant(since)}` : '首次报送'
  return since ? `自上次报送（${formatInstant(since)}）以来修改的记录也将一并报送` : '首次报送：包含全部记录'
}

/** The line of the preview that says what the next file is. */
export function previewSummary(p: { fileName: string; sequence: number; since: string | null; profile?: BatchProfile }): string {
  return `文件名 ${p.fileName} · 第${p.sequence}次报送 · ${previewScope(p.since, p.profile)}`
}

/** The width in pixels a one-line text takes at `fontPx` (CJK and full-width signs a whole em, others
 * about half), for sizing table columns to their headers. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0
  for (const ch of text) em += /[\u0000-\u00ff]/.test(ch) ? 0.56 : 1
  return Math.ceil(em * fontPx)
}

/** Cell padding of an el-table cell (12 px each side) plus a border. */
const CELL_PADDING = 26

/** The minimum width of each column of a statistics table (its values are short numbers): its header on
 * one line, and the columns of a group wide enough together for the group's header. */
export function statColumnWidths(columns: readonly StatColumn[], fontPx: number): number[] {
  const widths = columns.map((c) => Math.max(64, textWidth(c.label, fontPx) + CELL_PADDING))
  for (const g of groupColumns(columns)) {
    if (g.group === null) continue
    const need = textWidth(g.group, fontPx) + CELL_PADDING
    const have = g.columns.reduce((sum, _c, i) => sum + widths[g.start + i], 0)
    if (need > have) {
      const extra = Math.ceil((need - have) / g.columns.length)
      for (let i = 0; i < g.columns.length; i++) widths[g.start + i] += extra
    }
  }
  return widths
}
