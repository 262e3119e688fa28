// The core's field errors of one form: placed on the FormField items under `root` (by their
// data-testid paths), listed above the form when no item matches, and taken away as soon as the user
// changes the field they are about: when its value changes (a select, a date picked in the calendar), or
// when the user types or ticks inside its FormField (`dismiss`, called by FormField itself). Every form
// that shows the core's field errors works this way.
import { nextTick, ref, watch, type Ref } from 'vue'
import type { FieldError } from '../api/generated'
import {
  assignFieldErrors,
  knownPathsIn,
  pruneFieldErrors,
  snapshotErrorValues,
  type FieldErrorMap,
} from '../lib/fieldErrors'

export function useFormErrors<T>(root: Ref<HTMLElement | null>, value: () => T | null | undefined, toInput: (v: T) => unknown) {
  const errors = ref<FieldErrorMap>({})
  const unmatched = ref<string[]>([])
  let snapshot: Record<string, string> = {}

  function clear() {
    errors.value = {}
    unmatched.value = []
    snapshot = {}
  }

  /** The user edited the field at `path`: its error goes. */
  function dismiss(path: string) {
    if (!(path in errors.value)) return
    const next = { ...errors.value }
    delete next[path]
    errors.value = next
    delete snapshot[path]
  }

  watch(
    value,
    (v) => {
      if (!v || Object.keys(errors.value).length === 0) return
      const pruned = pruneFieldErrors(errors.value, snapshot, toInput(v))
      if (Object.keys(pruned).length !== Object.keys(errors.value).length) errors.value = pruned
    },
    { deep: true },
  )

  /** Show the errors of a failed save of `submitted`, and bring the first one into view. */
  async function place(fields: FieldError[], submitted: unknown) {
    await nextTick()
    const el = root.value
    if (!el) {
      unmatched.value = [...new Set(fields.map((f) => f.message))]
      return
    }
    const assigned = assignFieldErrors(fields, knownPathsIn(el))
    errors.value = assigned.byPath
    unmatched.value = assigned.unmatched
    snapshot = snapshotErrorValues(assigned.byPath, submitted)
    await nextTick()
    const first =
      el.querySelector<HTMLElement>('.el-form-item.is-error') ?? el.querySelector<HTMLElement>('.form-unmatched')
    first?.scrollIntoView?.({ block: 'center' })
    first?.querySelector<HTMLElement>('input:not([type="hidden"]), textarea')?.focus({ preventScroll: true })
  }

  return { errors, unmatched, clear, place, dismiss }
}

/** Let an input being typed in (a date typed by hand …) commit its value before a save. */
export async function commitActiveInput(root: HTMLElement | null) {
  const active = document.activeElement
  if (active instanceof HTMLElement && root?.contains(active)) {
    active.blur()
    await nextTick()
  }
}
