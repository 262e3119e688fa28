// Pure helpers of the holiday calendar screen.
import type { HolidayEntry, HolidayImport } from '../api/generated'

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** "2026-10-01" -> "星期四" (the date is read as a calendar date, not an instant). */
export function weekdayOf(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return ''
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return WEEKDAYS[d.getUTCDay()]
}

export function kindLabel(kind: HolidayEntry['kind']): string {
  return kind === 'workday' ? '调休上班' : '节假日'
}

/** The years present, newest first, for the year filter. */
export function yearsOf(entries: HolidayEntry[], today: string): string[] {
  const years = new Set(entries.map((e) => e.day.slice(0, 4)))
  years.add(today.slice(0, 4))
  return [...years].sort().reverse()
}

/** The kinds as a holiday file (节假日安排文件) names them: the State Council's 法定节假日 and the weekends
 * worked instead (调休上班). */
export function fileKindLabel(kind: HolidayEntry['kind']): string {
  return kind === 'workday' ? '调休上班' : '法定节假日'
}

/** The years a holiday file can be written for: those present, this year and next year (entered in the
 * autumn, when the State Council publishes it), newest first. */
export function exportYearsOf(entries: HolidayEntry[], today: string): string[] {
  const years = new Set(yearsOf(entries, today))
  const year = Number(today.slice(0, 4))
  if (Number.isInteger(year) && year > 0) years.add(String(year + 1))
  return [...years].sort().reverse()
}

/** What an import changes: "新增 3 天 / 修改 1 天 / 将删除 2 天". */
export function importChangesText(imp: Pick<HolidayImport, 'added' | 'changed' | 'removed'>): string {
  return `新增 ${imp.added} 天 / 修改 ${imp.changed} 天 / 将删除 ${imp.removed.length} 天`
}

/** 工作台's warning for years whose calendar is empty although the legal clocks need them; null when none. */
export function missingHolidaysText(years: readonly number[]): string | null {
  if (years.length === 0) return null
  const named = [...years].sort((a, b) => a - b).map((y) => `${y}年`).join('、')
  return `尚未录入${named}的节假日安排。法定期限按工作日计算，缺少节假日会算错期限。`
}
