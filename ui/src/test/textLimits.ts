// The length limits of a form's text fields as the user sees them: the maxlength of the input (or
// textarea) of the form item `field-<path>`, and the counter under it.
import { expect } from 'vitest'
import type { Scope } from './formItems'

/** The maxlength of the field's input or textarea, and the text of its counter ('' without one). */
export function limitOf(scope: Scope, path: string): { max: string | undefined; counter: string } {
  const item = scope.get(`[data-testid="field-${path}"]`)
  const control = item.find('textarea').exists() ? item.get('textarea') : item.get('input')
  const counter = item.find('.el-input__count')
  return { max: control.attributes('maxlength'), counter: counter.exists() ? counter.text().replace(/\s+/g, ' ') : '' }
}

/** Each field of `limits` (path → characters) stops at its limit and counts the characters typed. */
export function expectLimits(scope: Scope, limits: Record<string, number>) {
  for (const [path, max] of Object.entries(limits)) {
    const shown = limitOf(scope, path)
    expect(shown.max, path).toBe(String(max))
    expect(shown.counter, path).toMatch(new RegExp(`^\\d+ / ${max}$`))
  }
}
