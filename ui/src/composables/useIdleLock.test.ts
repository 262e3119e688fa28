import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, nextTick } from 'vue'

vi.mock('../api', async (orig) => ({
  ...(await orig<typeof import('../api')>()),
  sessionTouch: vi.fn(),
  sessionLock: vi.fn(),
}))

import * as api from '../api'
import type { User } from '../api/generated'
import { touchIntervalMs, useIdleLock } from './useIdleLock'
import { resetSession, session } from '../store/session'

const m = vi.mocked(api)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }
let wrapper: VueWrapper | null = null

const Host = defineComponent({
  setup() {
    useIdleLock()
    return () => h('div')
  },
})

function start(idleSeconds: number) {
  session.user = user
  session.idleSeconds = idleSeconds
  wrapper = mount(Host, { attachTo: document.body })
}

const move = () => window.dispatchEvent(new MouseEvent('mousemove'))
const seconds = async (s: number) => {
  await vi.advanceTimersByTimeAsync(s * 1000)
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  vi.setSystemTime(new Date('2026-11-27T09:00:00+08:00'))
  resetSession()
  vi.clearAllMocks()
  m.sessionTouch.mockResolvedValue(null)
  m.sessionLock.mockResolvedValue(null)
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('touchIntervalMs', () => {
  it('is a third of the idle time, at most a minute', () => {
    expect(touchIntervalMs(600)).toBe(60_000)
    expect(touchIntervalMs(180)).toBe(60_000)
    expect(touchIntervalMs(90)).toBe(30_000)
    expect(touchIntervalMs(6)).toBe(2_000)
  })
})

describe('useIdleLock', () => {
  it('locks after idleSeconds without activity', async () => {
    start(300)
    await seconds(299)
    expect(session.locked).toBe(false)
    expect(m.sessionLock).not.toHaveBeenCalled()
    await seconds(1)
    expect(session.locked).toBe(true)
    expect(m.sessionLock).toHaveBeenCalledTimes(1)
  })

  it('counts from the last activity', async () => {
    start(300)
    await seconds(200)
    move()
    await seconds(200)
    expect(session.locked).toBe(false)
    await seconds(99)
    expect(session.locked).toBe(false)
    await seconds(1)
    expect(session.locked).toBe(true)
  })

  it('every kind of activity counts: mouse, keys, clicks, the wheel', async () => {
    start(60)
    for (const e of [new MouseEvent('mousemove'), new KeyboardEvent('keydown', { key: 'a' }), new MouseEvent('click'), new WheelEvent('wheel')]) {
      await seconds(50)
      window.dispatchEvent(e)
    }
    await seconds(59)
    expect(session.locked).toBe(false)
    await seconds(1)
    expect(session.locked).toBe(true)
  })

  it('tells the core of activity at most once a minute (a third of the idle time when shorter)', async () => {
    start(600)
    move() // the login itself was activity: nothing to tell yet
    expect(m.sessionTouch).not.toHaveBeenCalled()
    await seconds(30)
    move()
    expect(m.sessionTouch).not.toHaveBeenCalled()
    await seconds(30)
    move()
    move()
    move()
    expect(m.sessionTouch).toHaveBeenCalledTimes(1)
    await seconds(59)
    move()
    expect(m.sessionTouch).toHaveBeenCalledTimes(1)
    await seconds(1)
    move()
    expect(m.sessionTouch).toHaveBeenCalledTimes(2)
  })

  it('touches every idleSeconds/3 with a short idle time', async () => {
    start(9)
    for (let i = 0; i < 8; i++) {
      await seconds(1)
      move()
    }
    // at 3 s and 6 s
    expect(m.sessionTouch).toHaveBeenCalledTimes(2)
    expect(session.locked).toBe(false)
  })

  it('does not touch without activity', async () => {
    start(600)
    await seconds(590)
    expect(m.sessionTouch).not.toHaveBeenCalled()
  })

  it('shows the lock screen when the core has locked the session already', async () => {
    m.sessionTouch.mockRejectedValue({ code: 'auth.session_locked', message: '屏幕已锁定，请输入密码解锁。', fields: [] })
    start(300)
    await seconds(100)
    move()
    await flushPromises()
    expect(m.sessionTouch).toHaveBeenCalledTimes(1)
    expect(session.locked).toBe(true)
    // the core is locked already: the window does not lock it again
    await seconds(400)
    expect(m.sessionLock).not.toHaveBeenCalled()
  })

  it('asks for a new password when the core demands it', async () => {
    m.sessionTouch.mockRejectedValue({ code: 'auth.password_change_required', message: '请先修改密码', fields: [] })
    start(300)
    await seconds(100)
    move()
    await flushPromises()
    expect(session.mustChangePassword).toBe(true)
    expect(session.locked).toBe(false)
  })

  it('ignores other failures of a touch', async () => {
    m.sessionTouch.mockRejectedValue(new Error('ipc down'))
    start(300)
    await seconds(100)
    move()
    await flushPromises()
    expect(session.locked).toBe(false)
    expect(session.user).toEqual(user)
  })

  it('does nothing while locked, and starts afresh after the unlock', async () => {
    start(300)
    await seconds(300)
    expect(session.locked).toBe(true)
    await seconds(200)
    move()
    expect(m.sessionTouch).not.toHaveBeenCalled()
    expect(m.sessionLock).toHaveBeenCalledTimes(1)
    session.locked = false
    await nextTick()
    await seconds(299)
    expect(session.locked).toBe(false)
    await seconds(1)
    expect(session.locked).toBe(true)
    expect(m.sessionLock).toHaveBeenCalledTimes(2)
  })

  it('does nothing without a user or without a known idle time', async () => {
    session.idleSeconds = 300
    wrapper = mount(Host, { attachTo: document.body })
    await seconds(1000)
    move()
    expect(m.sessionLock).not.toHaveBeenCalled()
    expect(m.sessionTouch).not.toHaveBeenCalled()
    wrapper.unmount()
    session.user = user
    session.idleSeconds = 0
    wrapper = mount(Host, { attachTo: document.body })
    await seconds(1000)
    expect(m.sessionLock).not.toHaveBeenCalled()
  })

  it('takes a new idle time at once', async () => {
    start(600)
    await seconds(100)
    session.idleSeconds = 120
    await nextTick()
    await seconds(119)
    expect(session.locked).toBe(false)
    await seconds(1)
    expect(session.locked).toBe(true)
  })

  it('stops when unmounted', async () => {
    start(300)
    wrapper!.unmount()
    wrapper = null
    await seconds(1000)
    move()
    expect(m.sessionLock).not.toHaveBeenCalled()
    expect(m.sessionTouch).not.toHaveBeenCalled()
  })

  it('locks at the first activity after the machine slept, before any timer ran', async () => {
    start(300)
    await seconds(100)
    // The clock jumps an hour while no timer runs (a sleeping machine); then the mouse moves.
    vi.setSystemTime(Date.now() + 3600_000)
    move()
    expect(session.locked).toBe(true)
    expect(m.sessionLock).toHaveBeenCalledTimes(1)
    expect(m.sessionTouch).not.toHaveBeenCalled()
  })
})
