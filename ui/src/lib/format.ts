// Formatting of dates, instants and numbers for display.

/** "2026-11-27" -> "2026年11月27日"; anything else is returned unchanged. */
export function formatChineseDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** An RFC 3339 instant as "2026-11-27 14:05". */
export function formatInstant(rfc3339: string | null | undefined): string {
  if (!rfc3339) return ''
  // The core writes instants in China time (+08:00); show that wall-clock time whatever the
  // machine's own time zone is set to.
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(rfc3339)
  return m ? `${m[1]} ${m[2]}` : rfc3339
}

/** 0.6667 -> "66.7%", null -> "—". */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  const pct = Math.round(rate * 1000) / 10
  return `${pct}%`
}

/** A long text cut to `max` characters with "…" (line breaks shown as spaces). */
export function truncate(text: string | null | undefined, max: number): string {
  const s = (text ?? '').replace(/\s+/g, ' ').trim()
  const chars = Array.from(s)
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : s
}

/** Who made a change, as the record names them: user names as they are, the generator of demo data as 系统. */
export function formatActor(username: string): string {
  return username === 'system' ? '系统' : username
}
