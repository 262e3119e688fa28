// Ctrl+S (⌘S on a Mac keyboard) saves the form on screen, wherever the focus is in the window: every
// record form, 咨询登记 and the 事项 dialog use this one shortcut.
// The key is caught on its way down (capture): a field that keeps its keys to itself (a date being typed
// into a date picker stops their propagation) must not swallow it. Nothing is saved while the screen is
// locked: the lock screen lies above the form.
import { onBeforeUnmount, onMounted } from 'vue'
import { session } from '../store/session'

/** Whether a key press is the save shortcut: Ctrl+S or ⌘S, without Alt. */
export function isSaveShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 's' || e.key === 'S')
}

/** While the calling component is mounted, Ctrl+S calls `save`, as long as `active` says so (e.g. not
 * while a dialog above the form has the shortcut for itself). */
export function useSaveShortcut(save: () => unknown, active: () => boolean = () => true) {
  function onKeydown(e: KeyboardEvent) {
    if (!isSaveShortcut(e) || session.locked || !active()) return
    e.preventDefault()
    void save()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown, true))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown, true))
}
