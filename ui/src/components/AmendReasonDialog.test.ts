import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { h, ref } from 'vue'
import AmendReasonDialog from './AmendReasonDialog.vue'
import { settle } from '../test/formItems'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

async function mountDialog(props: { reason?: string | null; error?: string } = {}) {
  const open = ref(true)
  const error = ref(props.error ?? '')
  const confirmed: string[] = []
  const w = mount(
    {
      render: () =>
        h('div', [
          h(AmendReasonDialog, {
            modelValue: open.value,
            'onUpdate:modelValue': (v: boolean) => (open.value = v),
            reason: props.reason ?? null,
            error: error.value,
            onConfirm: (r: string) => confirmed.push(r),
          }),
        ]),
    },
    { attachTo: document.body },
  )
  await flushPromises()
  return { w, open, error, confirmed }
}

const problemOf = (w: ReturnType<typeof mount>) => {
  const el = w.find('[data-testid="amend-dialog"] .el-form-item__error')
  return el.exists() ? el.text() : ''
}
const reasonBox = (w: ReturnType<typeof mount>) => w.get('[data-testid="amend-reason"]')

describe('AmendReasonDialog', () => {
  it('asks for the reason, with its limit and a counter, and hands it on trimmed', async () => {
    const { w, confirmed, open } = await mountDialog()
    const d = w.get('[data-testid="amend-dialog"]')
    expect(d.text()).toContain('修改已结案记录')
    expect(d.text()).toContain('本案已结案。请写明修改原因，确定后即可修改；保存时，原因将与修改内容一起记入操作日志。')
    expect(d.get('.el-form-item').classes()).toContain('is-required')
    expect(d.get('.el-form-item__label').text()).toBe('修改原因')
    const box = reasonBox(w)
    expect(box.element.tagName).toBe('TEXTAREA')
    expect(box.attributes('maxlength')).toBe('200')
    await box.setValue('  当事人姓名录入有误  ')
    expect(d.get('.el-input__count').text()).toBe('13 / 200')
    expect(w.get('[data-testid="amend-cancel"]').text()).toBe('取消')
    expect(w.get('[data-testid="amend-confirm"]').text()).toBe('确定')
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    expect(confirmed).toEqual(['当事人姓名录入有误'])
    // Closing is the caller's (it starts the editing).
    expect(open.value).toBe(true)
  })

  it('refuses an empty reason, and takes the error away once the reason is typed', async () => {
    const { w, confirmed } = await mountDialog()
    await reasonBox(w).setValue('   ')
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    await settle()
    expect(confirmed).toEqual([])
    expect(problemOf(w)).toBe('请填写修改原因')
    await reasonBox(w).setValue('更正')
    await settle()
    expect(problemOf(w)).toBe('')
  })

  it('refuses a reason longer than 200 characters (one pasted past the limit)', async () => {
    const { w, confirmed } = await mountDialog({ reason: '字'.repeat(201) })
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    await settle()
    expect(confirmed).toEqual([])
    expect(problemOf(w)).toBe('修改原因不能超过200个字（当前201个字）')
  })

  it('shows the reason given before with the core\'s error about it', async () => {
    const { w, error } = await mountDialog({ reason: '原因', error: '该记录已结案，修改前请填写修改原因' })
    expect((reasonBox(w).element as HTMLTextAreaElement).value).toBe('原因')
    await settle()
    expect(problemOf(w)).toBe('该记录已结案，修改前请填写修改原因')
    await reasonBox(w).setValue('原因补充')
    await settle()
    expect(problemOf(w)).toBe('')
    // An error that comes while the dialog shows.
    error.value = '修改原因不能超过200个字（当前201个字）'
    await settle()
    expect(problemOf(w)).toBe('修改原因不能超过200个字（当前201个字）')
  })

  it('取消 closes without a reason, and opens again empty', async () => {
    const { w, open, confirmed } = await mountDialog()
    await reasonBox(w).setValue('写了一半')
    await w.get('[data-testid="amend-cancel"]').trigger('click')
    await flushPromises()
    expect(open.value).toBe(false)
    expect(confirmed).toEqual([])
    open.value = true
    await flushPromises()
    expect((reasonBox(w).element as HTMLTextAreaElement).value).toBe('')
    expect(problemOf(w)).toBe('')
  })
})
