// Looking up labels in the code tables served by the core (the UI keeps no copy of them).
import type { CodeItem, CodeTables } from '../api/generated'

export const EMPTY_LABEL = '—'
export const UNKNOWN_LABEL = '未知'

export function codeOptions(tables: CodeTables | null | undefined, name: string): CodeItem[] {
  return tables?.[name] ?? []
}

/** The label of `code` in table `name`; "—" for an empty code, "未知" for a code the table lacks
 * (a raw code is never shown). */
export function codeLabel(tables: CodeTables | null | undefined, name: string, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return EMPTY_LABEL
  const item = codeOptions(tables, name).find((c) => c.code === code)
  return item ? item.label : UNKNOWN_LABEL
}

/** Element Plus tag type for a mediation state code. */
export function mediationStateTagType(state: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case 'accepted':
    case 'registered':
      return 'primary'
    case 'mediating':
      return 'warning'
    case 'agreed':
      return 'success'
    case 'failed':
    case 'not_accepted':
      return 'danger'
    default:
      return 'info'
  }
}
