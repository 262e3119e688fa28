import { describe, expect, it } from 'vitest'
import { SHORTCUTS } from './shortcuts'
import { isHelpKey } from '../composables/useHelpShortcut'
import { isSaveShortcut } from '../composables/useSaveShortcut'

const press = (key: string, over: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key, ...over })

describe('the keyboard shortcuts listed on 关于', () => {
  it('are the ones the window has, each explained in Chinese', () => {
    expect(SHORTCUTS.map((s) => s.keys)).toEqual(['Ctrl+S', 'Ctrl+Enter', 'F1', 'Esc', 'Enter'])
    for (const s of SHORTCUTS) {
      expect(s.action, s.keys).toMatch(/^[^A-Za-z]+$/)
    }
  })

  it('name keys that their handlers answer', () => {
    expect(isSaveShortcut(press('s', { ctrlKey: true }))).toBe(true)
    expect(isHelpKey(press('F1'))).toBe(true)
    expect(isHelpKey(press('F2'))).toBe(false)
  })
})
