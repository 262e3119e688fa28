import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import FieldHelp from './FieldHelp.vue'

const TEXT = '应自受理之日起7日内作出决定（《法律援助法》第四十三条）。'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('FieldHelp', () => {
  it('is a small question mark that names its text, out of the Tab order', () => {
    const w = mount(FieldHelp, { props: { text: TEXT }, attachTo: document.body })
    const icon = w.get('[data-testid="field-help"]')
    expect(icon.attributes('aria-label')).toBe(TEXT)
    expect(icon.attributes('tabindex')).toBeUndefined()
    expect(icon.find('svg').exists()).toBe(true)
    // no text of its own: a label it stands beside reads as before
    expect(icon.text()).toBe('')
    w.unmount()
  })

  it('shows its text when pointed at', async () => {
    const w = mount(FieldHelp, { props: { text: TEXT }, attachTo: document.body })
    await w.get('[data-testid="field-help"]').trigger('mouseenter')
    await new Promise((r) => setTimeout(r, 250))
    await flushPromises()
    const tip = document.body.querySelector('.field-help-popper')
    expect(tip?.textContent).toContain(TEXT)
    w.unmount()
  })

  it('does not put the cursor into the field when clicked inside its label', async () => {
    const w = mount(
      {
        render: () =>
          h('div', [h('label', { for: 'day' }, ['受理日期', h(FieldHelp, { text: TEXT })]), h('input', { id: 'day', 'data-testid': 'day' })]),
      },
      { attachTo: document.body },
    )
    const click = new MouseEvent('click', { bubbles: true, cancelable: true })
    w.get('[data-testid="field-help"]').element.dispatchEvent(click)
    expect(click.defaultPrevented).toBe(true)
    expect(document.activeElement).not.toBe(w.get('[data-testid="day"]').element)
    w.unmount()
  })
})
