import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FormUnmatchedErrors from './FormUnmatchedErrors.vue'

describe('FormUnmatchedErrors', () => {
  it('shows nothing while every error has its field', () => {
    const w = mount(FormUnmatchedErrors, { props: { messages: [] } })
    expect(w.find('.form-unmatched').exists()).toBe(false)
  })

  it('lists the errors no field shows, under the line that asks to fix them', () => {
    const w = mount(FormUnmatchedErrors, {
      props: { messages: ['结束日期不能早于开始日期', '至少填写一名当事人'] },
      attrs: { 'data-testid': 'case-unmatched-errors' },
    })
    const box = w.get('[data-testid="case-unmatched-errors"]')
    expect(box.classes()).toEqual(['form-unmatched'])
    expect(box.attributes('role')).toBe('alert')
    expect(box.element.firstElementChild!.outerHTML).toBe('<div>请修改以下问题后再保存：</div>')
    expect(box.findAll('li').map((li) => li.text())).toEqual(['结束日期不能早于开始日期', '至少填写一名当事人'])
  })

  it('lists them alone where the form has no line above', () => {
    const w = mount(FormUnmatchedErrors, { props: { messages: ['用户名已被使用'], heading: null } })
    expect(w.get('.form-unmatched').element.children).toHaveLength(1)
    expect(w.get('.form-unmatched > ul').text()).toBe('用户名已被使用')
  })
})
