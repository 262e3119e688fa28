// The mediators are edited as one line of text ("王五、赵六") and sent as a list; the first presides.

/** Separators accepted between names: 、 ， , and any whitespace (including the full-width space). */
const SEPARATORS = /[、，,\s]+/u

export function parseMediators(text: string | null | undefined): string[] {
  if (!text) return []
  return text
    .split(SEPARATORS)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

export function formatMediators(list: readonly string[] | null | undefined): string {
  if (!list) return ''
  return list
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .join('、')
}
