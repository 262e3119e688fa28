import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElCheckbox, ElInput } from 'element-plus'
import { defineComponent, h, reactive, ref } from 'vue'
import DateInput from './DateInput.vue'
import FieldErrorsScope from './FieldErrorsScope.vue'
import FormField from './FormField.vue'
import { provideFieldErrors } from './formErrors'
import { useFormErrors } from './useFormErrors'
import type { FieldError } from '../api/generated'
import { FIELD_HELP } from '../help/fields'
import { errorOf, settle } from '../test/formItems'

interface Entry {
  name: string
  day: string | null
  guided: boolean
  kind: string
}

let wrapper: VueWrapper | null = null
let formErrors!: ReturnType<typeof useFormErrors<Entry>>
let dialogErrors!: ReturnType<typeof useFormErrors<Entry>>
let entry!: Entry

const fields = (e: Entry) => [
  h(FormField, { path: 'name', label: '姓名' }, () =>
    h(ElInput, { modelValue: e.name, 'onUpdate:modelValue': (v: string) => (e.name = v) }),
  ),
  h(FormField, { path: 'day', label: '日期' }, () =>
    h(DateInput, { modelValue: e.day, 'onUpdate:modelValue': (v: string | null) => (e.day = v) }),
  ),
  h(FormField, { path: 'guided', label: '引导' }, () =>
    h(ElCheckbox, { modelValue: e.guided, 'onUpdate:modelValue': (v: unknown) => (e.guided = !!v) }, () => '已引导'),
  ),
  h(FormField, { path: 'kind', label: '类别' }, () => h('span', e.kind)),
]

/** A form (and a dialog's form inside it, with its own errors) whose fields show the core's errors. */
function mountForm() {
  wrapper = mount(
    defineComponent({
      setup() {
        entry = reactive<Entry>({ name: '张三', day: null, guided: false, kind: 'a' })
        const dialog = reactive<Entry>({ name: '', day: null, guided: false, kind: 'a' })
        const root = ref<HTMLElement | null>(null)
        const dialogRoot = ref<HTMLElement | null>(null)
        formErrors = useFormErrors(root, () => entry, (v) => ({ ...v }))
        dialogErrors = useFormErrors(dialogRoot, () => dialog, (v) => ({ ...v }))
        provideFieldErrors(formErrors)
        return () =>
          h('div', [
            h('div', { ref: root, 'data-testid': 'form' }, fields(entry)),
            h('div', { ref: dialogRoot, 'data-testid': 'dialog' }, [
              h(FieldErrorsScope, { form: dialogErrors }, () => fields(dialog)),
            ]),
          ])
      },
    }),
    { attachTo: document.body },
  )
  return wrapper
}

const coreErrors: FieldError[] = [
  { field: 'name', code: 'validation.required', message: '请填写姓名' },
  { field: 'day', code: 'validation.date', message: '日期格式不正确' },
  { field: 'guided', code: 'validation.guided', message: '请确认是否已引导' },
  { field: 'kind', code: 'validation.code', message: '类别不存在' },
]

/** Keys typed into an input: its input event only (nothing committed yet). */
function typeInto(el: Element, text: string) {
  ;(el as HTMLInputElement).value = text
  el.dispatchEvent(new Event('input', { bubbles: true }))
}

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('FormField', () => {
  it('drops its error as soon as the user types in it, before the value is committed', async () => {
    const w = mountForm()
    await formErrors.place(coreErrors, { ...entry })
    await settle()
    const form = w.get('[data-testid="form"]')
    expect(errorOf(form, 'day')).toBe('日期格式不正确')
    // A date being typed reaches the model only on Enter or when the field is left.
    typeInto(form.get('[data-testid="field-day"] input').element, '2026-11')
    await settle()
    expect(entry.day).toBeNull()
    expect(errorOf(form, 'day')).toBe('')
    expect(errorOf(form, 'name')).toBe('请填写姓名')
    expect(errorOf(form, 'guided')).toBe('请确认是否已引导')
    expect(formErrors.errors.value).not.toHaveProperty('day')
  })

  it('drops it on typing in a text field and on ticking a checkbox', async () => {
    const w = mountForm()
    await formErrors.place(coreErrors, { ...entry })
    await settle()
    const form = w.get('[data-testid="form"]')
    await form.get('[data-testid="field-name"] input').setValue('张三丰')
    await form.get('[data-testid="field-guided"] input').setValue(true)
    await settle()
    expect(errorOf(form, 'name')).toBe('')
    expect(errorOf(form, 'guided')).toBe('')
    expect(errorOf(form, 'kind')).toBe('类别不存在')
  })

  it('still drops an error when its value changes some other way (a select, the calendar)', async () => {
    const w = mountForm()
    await formErrors.place(coreErrors, { ...entry })
    await settle()
    entry.kind = 'b'
    await settle()
    expect(errorOf(w.get('[data-testid="form"]'), 'kind')).toBe('')
  })

  it('keeps the errors of each form of a screen apart', async () => {
    const w = mountForm()
    await formErrors.place(coreErrors, { ...entry })
    await dialogErrors.place([{ field: 'day', code: 'validation.date', message: '请填写对话框中的日期' }], {})
    await settle()
    const dialog = w.get('[data-testid="dialog"]')
    const form = w.get('[data-testid="form"]')
    expect(errorOf(dialog, 'day')).toBe('请填写对话框中的日期')
    expect(errorOf(dialog, 'name')).toBe('')
    typeInto(dialog.get('[data-testid="field-day"] input').element, '2026')
    await settle()
    expect(errorOf(dialog, 'day')).toBe('')
    expect(errorOf(form, 'day')).toBe('日期格式不正确')
  })

  it('shows nothing outside a form that has errors, and typing there is harmless', async () => {
    const value = ref('')
    wrapper = mount(
      { render: () => h(FormField, { path: 'name', label: '姓名' }, () => h(ElInput, { modelValue: value.value, 'onUpdate:modelValue': (v: string) => (value.value = v) })) },
      { attachTo: document.body },
    )
    await wrapper.get('input').setValue('王五')
    await flushPromises()
    expect(value.value).toBe('王五')
    expect(wrapper.find('.el-form-item__error').exists()).toBe(false)
  })
})

describe('FormField tip', () => {
  it('puts the legal help it names beside its label, which reads as before', async () => {
    wrapper = mount(
      {
        render: () =>
          h('div', [
            h(FormField, { path: 'forwardedOn', label: '转交日期', required: true, tip: 'legalAid.forwardedOn' }, () => h(ElInput, { modelValue: '' })),
            h(FormField, { path: 'name', label: '姓名' }, () => h(ElInput, { modelValue: '' })),
          ]),
      },
      { attachTo: document.body },
    )
    await flushPromises()
    const item = wrapper.get('[data-testid="field-forwardedOn"]')
    expect(item.get('.el-form-item__label').text()).toBe('转交日期')
    expect(item.classes()).toContain('is-required')
    expect(item.get('[data-testid="field-help"]').attributes('aria-label')).toBe(FIELD_HELP['legalAid.forwardedOn'].text)
    // a field without a tip has no question mark
    expect(wrapper.find('[data-testid="field-name"] [data-testid="field-help"]').exists()).toBe(false)
  })
})
