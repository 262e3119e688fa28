// Closing the window (its ×, Alt+F4, the taskbar) while work is unsaved. The shell knows whether there is
// any (it is told whenever that changes); then it keeps the window open and says so, and the window asks
// the user: 继续编辑 keeps everything, 放弃修改并关闭窗口 closes it. Without unsaved work the window closes at
// once, and a page that cannot answer never keeps it open.
import { onBeforeUnmount, onMounted, watch } from 'vue'
import * as api from '../api'
import { confirmEndingWithUnsavedWork, hasUnsavedWork } from './useUnsavedChanges'

export function useWindowCloseGuard() {
  watch(
    hasUnsavedWork,
    (unsaved) => {
      api.windowSetUnsaved(unsaved).catch((e) => console.error('window_set_unsaved failed', e))
    },
    { immediate: true },
  )

  let asking = false
  async function closeRequested() {
    if (asking) return
    asking = true
    try {
      if (await confirmEndingWithUnsavedWork('关闭窗口')) await api.windowClose()
    } finally {
      asking = false
    }
  }

  let stopListening: (() => void) | null = null
  let unmounted = false
  onMounted(async () => {
    try {
      const stop = await api.onCloseRequested(() => void closeRequested())
      if (unmounted) stop()
      else stopListening = stop
    } catch (e) {
      // Without the event the window still closes (the shell only holds it when told of unsaved work).
      console.error('listening for close-requested failed', e)
    }
  })
  onBeforeUnmount(() => {
    unmounted = true
    stopListening?.()
  })
}
