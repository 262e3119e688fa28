import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElInput } from 'element-plus'
import { defineComponent, h, ref } from 'vue'
import DateInput from './DateInput.vue'

enableAutoUnmount(afterEach)

/** A form's date field as the user reaches it; `attrs` go to the date field. */
function mountDate(start: string | null, attrs: Record<string, unknown> = {}) {
  const value = ref<string | null>(start)
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h('div', [
          h(DateInput, { modelValue: value.value, 'onUpdate:modelValue': (v: string | null) => (value.value = v), ...attrs }),
        ]),
    }),
    { attachTo: document.body },
  )
  return { wrapper, value }
}

type Wrapper = VueWrapper
/** Whether the calendar is open (the picker marks its field while it is). */
const open = (w: Wrapper) => w.get('.el-date-editor').classes().includes('is-focus')
/** The field gets the focus (Tab): its input tells the picker, as in the browser. */
const focus = (w: Wrapper) => w.getComponent(ElInput).vm.$emit('focus', new FocusEvent('focus'))

describe('DateInput', () => {
  it('is a YYYY-MM-DD date picker whose calendar does not open on focus', () => {
    const { wrapper } = mountDate('2026-11-20')
    expect(wrapper.getComponent(ElDatePicker).props()).toMatchObject({
      modelValue: '2026-11-20',
      type: 'date',
      format: 'YYYY-MM-DD',
      valueFormat: 'YYYY-MM-DD',
      placeholder: '如 2026-11-20',
      automaticDropdown: false,
    })
    expect((wrapper.get('input').element as HTMLInputElement).value).toBe('2026-11-20')
  })

  it('lets Tab reach the field without opening the calendar; a click opens it', async () => {
    const { wrapper } = mountDate(null)
    focus(wrapper)
    await flushPromises()
    expect(open(wrapper)).toBe(false)
    await wrapper.get('input').trigger('mousedown')
    await flushPromises()
    expect(open(wrapper)).toBe(true)
  })

  it('differs from Element Plus\'s own date picker, which opens as soon as it has the focus', async () => {
    const wrapper = mount({ render: () => h('div', [h(ElDatePicker, { modelValue: null, type: 'date' })]) }, { attachTo: document.body })
    focus(wrapper)
    await flushPromises()
    expect(open(wrapper)).toBe(true)
  })

  it('takes a typed date', async () => {
    const { wrapper, value } = mountDate(null)
    const input = wrapper.get('input')
    await input.trigger('focus')
    await input.setValue('2026-11-27')
    await input.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await flushPromises()
    expect(value.value).toBe('2026-11-27')
  })

  it('hands other settings to the picker: its own placeholder, not clearable', () => {
    const { wrapper } = mountDate(null, { placeholder: '如 1980-01-31', clearable: false })
    expect(wrapper.getComponent(ElDatePicker).props()).toMatchObject({ placeholder: '如 1980-01-31', clearable: false })
    expect(wrapper.get('input').attributes('placeholder')).toBe('如 1980-01-31')
  })
})
