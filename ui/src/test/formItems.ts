// Reading and driving the form items of a screen as the user sees them.
import { flushPromises, type VueWrapper } from '@vue/test-utils'

/** A whole screen, or a part of it (a dialog, a form). */
export type Scope = VueWrapper | ReturnType<VueWrapper['get']>

/** Element Plus shows a form item's error 100 ms after its state changes. */
export async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
}

/** The error shown under the form item `field-<path>` ('' for none). */
export function errorOf(scope: Scope, path: string): string {
  const el = scope.find(`[data-testid="field-${path}"] .el-form-item__error`)
  return el.exists() ? el.text() : ''
}

/** Choose `value` in the Element Plus select at `selector`, as the user would (its change follows). */
async function chooseAt(scope: Scope, selector: string, value: string | null) {
  const select = scope.getComponent(selector) as unknown as VueWrapper
  select.vm.$emit('update:modelValue', value)
  select.vm.$emit('change', value)
  await flushPromises()
}

/** Choose in the select with test id `testid`. */
export function choose(scope: Scope, testid: string, value: string | null) {
  return chooseAt(scope, `[data-testid="${testid}"]`, value)
}

/** Choose in the select of the form item `field-<path>`. */
export function chooseField(scope: Scope, path: string, value: string | null) {
  return chooseAt(scope, `[data-testid="field-${path}"] .el-select`, value)
}
