// Work typed but not yet saved, wherever it is open (a record's form, an event dialog, 监管等级). Each
// place registers how to tell whether it holds unsaved changes; then
// - leaving its route asks first (继续编辑 keeps the work),
// - 退出登录, 切换用户 and closing the window ask before the session or the window ends, and only a
//   user's explicit 放弃 lets the work go (the session is never ended while the form stays on screen).
import { computed, onBeforeUnmount, shallowReactive } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { confirmLeaveUnsaved } from '../lib/notify'

interface UnsavedEntry {
  /** Whether the place holds changes that are not saved. */
  isDirty: () => boolean
  /** The record it is about, as the question names it: 本案件, 本申请 … */
  subject: string
}

const entries = shallowReactive(new Set<UnsavedEntry>())

const dirtySubjects = computed(() => [...entries].filter((e) => e.isDirty()).map((e) => e.subject))

/** Whether anything open on screen holds unsaved changes (reactive). */
export function hasUnsavedWork(): boolean {
  return dirtySubjects.value.length > 0
}

/** What holds unsaved changes, for a question: 本案件, or 本矫正对象和正在登记的事项. */
export function unsavedWorkText(): string {
  const names = [...new Set(dirtySubjects.value)]
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`
}

/** The user chose to give up every unsaved change (logging out, switching user, closing the window): the
 * places let go without asking again. */
export function discardUnsavedWork() {
  entries.clear()
}

/** Before `action` (退出登录 …) ends the session: true when nothing is unsaved or the user chose to give it
 * up (the places then let go); false when the user keeps editing (nothing happens). */
export async function confirmEndingWithUnsavedWork(action: string): Promise<boolean> {
  if (!hasUnsavedWork()) return true
  const ok = await confirmLeaveUnsaved(unsavedWorkText(), action)
  if (ok) discardUnsavedWork()
  return ok
}

export interface UnsavedChangesOptions {
  /** Ask before the route changes (a page; a dialog's own closing asks for itself). Default true. */
  guardRoute?: boolean
  /** Runs before the route guard looks (e.g. to commit an input that is still being typed in). */
  beforeLeave?: () => Promise<void> | void
}

/** Registers the calling component's unsaved changes for as long as it is mounted. `allowLeave()` lets
 * the next navigation through without asking (after a deletion, the record is gone). */
export function useUnsavedChanges(isDirty: () => boolean, subject: string, options: UnsavedChangesOptions = {}) {
  const entry: UnsavedEntry = { isDirty, subject }
  entries.add(entry)
  onBeforeUnmount(() => {
    entries.delete(entry)
  })
  if (options.guardRoute !== false) {
    onBeforeRouteLeave(async () => {
      await options.beforeLeave?.()
      // Let go when the work was given up, or nothing is unsaved.
      if (!entries.has(entry) || !isDirty()) return true
      return await confirmLeaveUnsaved(subject)
    })
  }
  return {
    allowLeave() {
      entries.delete(entry)
    },
  }
}

/** Test helper: forget every registration. */
export function resetUnsavedChanges() {
  entries.clear()
}
