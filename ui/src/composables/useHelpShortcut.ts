// F1 opens the help of the screen on display, wherever the focus is in the window. The key is caught on
// its way down (capture), so that a field that keeps its keys to itself cannot swallow it, and its default
// is always prevented: the WebView's own F1 behaviour never runs. Nothing opens while the screen is locked
// or a new password is being forced: the lock screen and that dialog lie above everything.
import { onBeforeUnmount, onMounted } from 'vue'
import { session } from '../store/session'

/** Whether a key press is the help key (F1, with or without modifiers). */
export function isHelpKey(e: KeyboardEvent): boolean {
  return e.key === 'F1'
}

/** While the calling component is mounted, F1 calls `open`. */
export function useHelpShortcut(open: () => unknown) {
  function onKeydown(e: KeyboardEvent) {
    if (!isHelpKey(e)) return
    e.preventDefault()
    if (session.locked || session.mustChangePassword) return
    void open()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown, true))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown, true))
}
