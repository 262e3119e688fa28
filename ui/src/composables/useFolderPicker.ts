import { ref, type Ref } from 'vue'
import * as api from '../api'
import { showError } from '../lib/notify'

/** Opens a system dialog starting at the folder typed so far (when the dialog can); null: cancelled. */
export type FolderPick = (start: string | null) => Promise<string | null>

/** The native folder dialog for a target-folder field: opens at the folder typed so far, fills in
 * the choice, and ignores clicks while the dialog is open. `pick` is the batch export's dialog unless
 * another is given (the backup screen's, the audit log's export). */
export function useFolderPicker(folder: Ref<string>, pick: FolderPick = (start) => api.batchPickFolder(start)) {
  const picking = ref(false)
  async function pickFolder() {
    if (picking.value) return
    picking.value = true
    try {
      const chosen = await pick(folder.value.trim() || null)
      if (chosen !== null) folder.value = chosen
    } catch (e) {
      showError(e)
    } finally {
      picking.value = false
    }
  }
  return { picking, pickFolder }
}
