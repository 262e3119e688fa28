// Closing a dialog that edits something: at once when nothing was changed, else only when the user
// chooses 放弃 (Esc, × and 取消 alike). A second Esc while the question is open is ignored.
import type { Ref } from 'vue'
import { confirmDiscardUnsaved } from '../lib/notify'

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
