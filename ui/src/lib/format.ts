// Formatting of dates, instants and numbers for display.

/** "2026-11-27" -> "2026年11月27日"; anything else is returned unchanged. */
export function formatChineseDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** An RFC 3339 instant in local time, "2026-11-27 14:05". */
export function formatInstant(rfc3339: string | null | undefined): string {
  if (!rfc3339) return ''
  const d = new Date(rfc3339)
  if (Number.isNaN(d.getTime())) return rfc3339
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** 0.6667 -> "66.7%", null -> "—". */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  const pct = Math.round(rate * 1000) / 10
  return `${pct}%`
}
