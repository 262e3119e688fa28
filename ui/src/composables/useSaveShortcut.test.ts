import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { isSaveShortcut, useSaveShortcut } from './useSaveShortcut'
import { resetSession, session } from '../store/session'

const save = vi.fn()
const active = ref(true)
let wrapper: VueWrapper | null = null

/** A form using the shortcut, with a field that keeps its keys to itself (as a date picker does while a
 * date is typed into it). */
function mountForm() {
  wrapper = mount(
    defineComponent({
      setup() {
        useSaveShortcut(save, () => active.value)
        return () =>
          h('div', [
            h('input', { 'data-testid': 'greedy', onKeydown: (e: KeyboardEvent) => e.stopPropagation() }),
            h('input', { 'data-testid': 'plain' }),
          ])
      },
    }),
    { attachTo: document.body },
  )
  return wrapper
}

function press(target: EventTarget, init: KeyboardEventInit): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(e)
  return e
}

beforeEach(() => {
  resetSession()
  save.mockReset()
  active.value = true
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('isSaveShortcut', () => {
  it('is Ctrl+S or ⌘S, without Alt', () => {
    const k = (init: KeyboardEventInit) => isSaveShortcut(new KeyboardEvent('keydown', init))
    expect(k({ key: 's', ctrlKey: true })).toBe(true)
    expect(k({ key: 'S', ctrlKey: true, shiftKey: true })).toBe(true)
    expect(k({ key: 's', metaKey: true })).toBe(true)
    expect(k({ key: 's' })).toBe(false)
    expect(k({ key: 's', ctrlKey: true, altKey: true })).toBe(false)
    expect(k({ key: 'Enter', ctrlKey: true })).toBe(false)
  })
})

describe('useSaveShortcut', () => {
  it('saves on Ctrl+S wherever the focus is, and keeps the browser from acting on it', () => {
    const w = mountForm()
    const e = press(w.get('[data-testid="plain"]').element, { key: 's', ctrlKey: true })
    expect(save).toHaveBeenCalledTimes(1)
    expect(e.defaultPrevented).toBe(true)
    press(window, { key: 's', ctrlKey: true })
    expect(save).toHaveBeenCalledTimes(2)
    press(window, { key: 's' })
    expect(save).toHaveBeenCalledTimes(2)
  })

  it('is not swallowed by a field that stops its keys', () => {
    const w = mountForm()
    press(w.get('[data-testid="greedy"]').element, { key: 's', ctrlKey: true })
    expect(save).toHaveBeenCalledTimes(1)
  })

  it('does nothing while inactive or while the screen is locked, and leaves the key alone then', () => {
    mountForm()
    active.value = false
    expect(press(window, { key: 's', ctrlKey: true }).defaultPrevented).toBe(false)
    active.value = true
    session.user = { id: 'u1', username: 'wang', displayName: '王五', role: 'staff' }
    session.locked = true
    press(window, { key: 's', ctrlKey: true })
    expect(save).not.toHaveBeenCalled()
  })

  it('stops with its component', () => {
    mountForm()
    wrapper!.unmount()
    wrapper = null
    press(window, { key: 's', ctrlKey: true })
    expect(save).not.toHaveBeenCalled()
  })
})
