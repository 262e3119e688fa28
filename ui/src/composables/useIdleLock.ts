// The window's side of the idle lock: it notices the user's activity, tells the core now and then
// (session_touch, so the core's own idle check does not lock a session in use), and locks the screen
// after the configured idle time without activity. Times are read from the clock, not counted by the
// timer, so a machine that slept or a throttled background window still locks on time.
import { computed, onBeforeUnmount, onMounted, watch } from 'vue'
import * as api from '../api'
import { PASSWORD_CHANGE_REQUIRED_CODE, SESSION_LOCKED_CODE, normaliseError } from '../api/errors'
import { lockSession, markLocked, requirePasswordChange, session } from '../store/session'

/** What counts as the user doing something. */
export const ACTIVITY_EVENTS = ['mousemove', 'keydown', 'click', 'wheel'] as const

/** The core hears of activity at most once per this many milliseconds: a third of the idle time, at
 * most a minute. */
export function touchIntervalMs(idleSeconds: number): number {
  return Math.min(60, idleSeconds / 3) * 1000
}

export function useIdleLock() {
  /** A logged-in, unlocked session with a known idle time. */
  const watching = computed(() => !!session.user && !session.locked && session.idleSeconds > 0)
  let lastActivity = 0
  let lastTouch = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  function stopTimer() {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule() {
    stopTimer()
    if (!watching.value) return
    const wait = Math.max(0, lastActivity + session.idleSeconds * 1000 - Date.now())
    timer = setTimeout(check, wait)
  }

  function check() {
    timer = null
    if (!watching.value) return
    if (Date.now() - lastActivity >= session.idleSeconds * 1000) void lockSession()
    else schedule()
  }

  async function touch() {
    try {
      await api.sessionTouch()
    } catch (e) {
      const err = normaliseError(e)
      // The core locked the session first (its idle time ran from the last command it saw).
      if (err.code === SESSION_LOCKED_CODE) markLocked()
      else if (err.code === PASSWORD_CHANGE_REQUIRED_CODE) requirePasswordChange()
      // "auth.required" goes to login through the command layer; anything else waits for the next touch.
    }
  }

  function onActivity() {
    if (!watching.value) return
    const now = Date.now()
    // The idle time ran out while no timer could run (the machine slept): the activity comes too late.
    if (now - lastActivity >= session.idleSeconds * 1000) {
      void lockSession()
      return
    }
    lastActivity = now
    if (now - lastTouch >= touchIntervalMs(session.idleSeconds)) {
      lastTouch = now
      void touch()
    }
  }

  // Logging in, unlocking or a new idle time starts the count afresh (the core counts from then too).
  watch(
    () => [watching.value, session.idleSeconds] as const,
    ([on]) => {
      if (!on) {
        stopTimer()
        return
      }
      lastActivity = Date.now()
      lastTouch = lastActivity
      schedule()
    },
    { immediate: true },
  )

  onMounted(() => {
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true })
  })

  onBeforeUnmount(() => {
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true })
    stopTimer()
  })
}
