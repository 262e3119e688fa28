import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { isHelpKey, useHelpShortcut } from './useHelpShortcut'
import { resetSession, session } from '../store/session'
import { STAFF, logIn } from '../test/session'

const open = vi.fn()

function mountWithShortcut() {
  return mount(
    defineComponent({
      setup() {
        useHelpShortcut(open)
        // A field that keeps its keys to itself (as a date picker does).
        return () => h('input', { 'data-testid': 'field', onKeydown: (e: KeyboardEvent) => e.stopPropagation() })
      },
    }),
    { attachTo: document.body },
  )
}

function press(target: EventTarget, key: string): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  target.dispatchEvent(e)
  return e
}

beforeEach(() => {
  resetSession()
  logIn(STAFF)
  open.mockReset()
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('useHelpShortcut', () => {
  it('opens the help on F1, even from a field that stops its keys, and keeps the WebView’s own F1 from running', () => {
    const w = mountWithShortcut()
    const e = press(w.get('[data-testid="field"]').element, 'F1')
    expect(open).toHaveBeenCalledTimes(1)
    expect(e.defaultPrevented).toBe(true)
    w.unmount()
  })

  it('leaves other keys alone', () => {
    const w = mountWithShortcut()
    const e = press(window, 'F2')
    expect(open).not.toHaveBeenCalled()
    expect(e.defaultPrevented).toBe(false)
    expect(isHelpKey(new KeyboardEvent('keydown', { key: 'F1' }))).toBe(true)
    w.unmount()
  })

  it('opens nothing while the screen is locked or a new password is forced (F1 still does nothing else)', () => {
    const w = mountWithShortcut()
    session.locked = true
    expect(press(window, 'F1').defaultPrevented).toBe(true)
    session.locked = false
    session.mustChangePassword = true
    press(window, 'F1')
    expect(open).not.toHaveBeenCalled()
    w.unmount()
  })

  it('stops listening once its component is gone', () => {
    const w = mountWithShortcut()
    w.unmount()
    expect(press(window, 'F1').defaultPrevented).toBe(false)
    expect(open).not.toHaveBeenCalled()
  })
})
