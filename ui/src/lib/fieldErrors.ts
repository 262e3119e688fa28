// Placing the core's field errors (FieldError.field = "parties.0.idNo" …) on the form items that carry
// data-testid="field-<path>", and taking them away again once the user edits the field.
import type { FieldError } from '../api/generated'

export const FIELD_TESTID_PREFIX = 'field-'

export function fieldTestId(path: string): string {
  return FIELD_TESTID_PREFIX + path
}

/** Path -> message for the form items. */
export type FieldErrorMap = Record<string, string>

export interface AssignedErrors {
  byPath: FieldErrorMap
  /** Messages whose path matches no form item at all (shown in a list above the form). */
  unmatched: string[]
}

/** The form item a path belongs to: the path itself when an item has it, otherwise the nearest ancestor
 * that has one ("parties.0" -> "parties", "prevention.1.kind" -> "prevention"); null when none. */
export function formItemFor(path: string, known: ReadonlySet<string>): string | null {
  const parts = path.split('.')
  while (parts.length > 0) {
    const candidate = parts.join('.')
    if (known.has(candidate)) return candidate
    parts.pop()
  }
  return null
}

/** Assign each field error to a form item; several messages on one item are joined with "；". */
export function assignFieldErrors(fields: readonly FieldError[], knownPaths: Iterable<string>): AssignedErrors {
  const known = new Set(knownPaths)
  const byPath: FieldErrorMap = {}
  const unmatched: string[] = []
  for (const f of fields) {
    const item = formItemFor(f.field, known)
    if (item === null) {
      if (!unmatched.includes(f.message)) unmatched.push(f.message)
      continue
    }
    const prev = byPath[item]
    if (!prev) byPath[item] = f.message
    else if (!prev.split('；').includes(f.message)) byPath[item] = `${prev}；${f.message}`
  }
  return { byPath, unmatched }
}

/** Form item paths present in a DOM subtree (from their data-testid). */
export function knownPathsIn(root: ParentNode): string[] {
  return Array.from(root.querySelectorAll<HTMLElement>(`[data-testid^="${FIELD_TESTID_PREFIX}"]`)).map((el) =>
    (el.dataset.testid ?? '').slice(FIELD_TESTID_PREFIX.length),
  )
}

/** The value at a dotted path ("parties.0.idNo"); undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

function fingerprint(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v)
}

/** Remember the value of each erroneous path, to notice later when the user changes it. */
export function snapshotErrorValues(errors: FieldErrorMap, value: unknown): Record<string, string> {
  const snap: Record<string, string> = {}
  for (const path of Object.keys(errors)) snap[path] = fingerprint(getPath(value, path))
  return snap
}

/** The errors that still stand: those whose field the user has not changed since they were shown. */
export function pruneFieldErrors(errors: FieldErrorMap, snapshot: Record<string, string>, value: unknown): FieldErrorMap {
  const out: FieldErrorMap = {}
  for (const [path, msg] of Object.entries(errors)) {
    if (snapshot[path] === undefined || snapshot[path] === fingerprint(getPath(value, path))) out[path] = msg
  }
  return out
}
