// Closing a dialog that edits something: at once when nothing was changed, else only when the user
// chooses 放弃 (Esc, × and 取消 alike). A second Esc while the question is open is ignored.
import type { Ref } from 'vue'
import { VERSION_CONFLICT_CODE } from '../api/errors'
import type { FieldError } from '../api/generated'
import { confirmDiscardUnsaved, showError } from '../lib/notify'

export function useDialogCloseGuard(isDirty: Readonly<Ref<boolean>>, open: Ref<boolean>) {
  let asking = false
  /** Whether the dialog may close now. */
  async function mayClose(): Promise<boolean> {
    if (!isDirty.value) return true
    if (asking) return false
    asking = true
    try {
      return await confirmDiscardUnsaved()
    } finally {
      asking = false
    }
  }
  /** The dialog's `before-close` (Esc and ×). */
  async function beforeClose(done: () => void) {
    if (await mayClose()) done()
  }
  /** 取消. */
  async function cancel() {
    if (await mayClose()) open.value = false
  }
  /** Whether the question about discarding the changes is open. */
  const isAsking = () => asking
  return { mayClose, beforeClose, cancel, isAsking }
}

/** Shows why a dialog's save was refused: a record changed meanwhile closes the dialog (the page
 *  reloads it); field errors go on the dialog's own fields. */
export async function showRefusedSave(
  e: unknown,
  submitted: unknown,
  place: (fields: FieldError[], submitted: unknown) => Promise<void>,
  onConflict: () => void,
) {
  const err = showError(e)
  if (err.code === VERSION_CONFLICT_CODE) onConflict()
  else if (err.fields.length > 0) await place(err.fields, submitted)
}
