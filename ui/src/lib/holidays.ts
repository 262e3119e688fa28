// Pure helpers of the holiday calendar screen.
import type { HolidayEntry } from '../api/generated'

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
