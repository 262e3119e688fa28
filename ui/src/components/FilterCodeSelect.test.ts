import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils'
import { ElOption, ElSelect } from 'element-plus'

vi.mock('../api', () => ({ codeTables: vi.fn() }))

import * as api from '../api'
import FilterCodeSelect from './FilterCodeSelect.vue'
import { loadCodeTables, resetCodeTables } from '../store/codeTables'
import { realCodeTables } from '../test/codeTables'

enableAutoUnmount(afterEach)

beforeEach(async () => {
  resetCodeTables()
  vi.mocked(api.codeTables).mockResolvedValue(realCodeTables())
  await loadCodeTables()
})

describe('FilterCodeSelect', () => {
  it('offers the codes of its table and filters nothing when cleared', async () => {
    const wrapper = mount(FilterCodeSelect, {
      props: { modelValue: 'mediating', table: 'mediationState', placeholder: '全部状态' },
      attrs: { 'data-testid': 'mediation-filter-state', class: 'filter-select--wide' },
    })
    const select = wrapper.getComponent(ElSelect)
    expect(select.classes()).toEqual(expect.arrayContaining(['filter-select', 'filter-select--wide']))
    expect(select.attributes('data-testid')).toBe('mediation-filter-state')
    expect(select.props()).toMatchObject({
      modelValue: 'mediating',
      placeholder: '全部状态',
      clearable: true,
      filterable: true,
      emptyValues: [null, undefined, ''],
      valueOnClear: null,
    })
    const options = wrapper.findAllComponents(ElOption).map((o) => [o.props('value'), o.props('label')])
    expect(options).toEqual(realCodeTables().mediationState!.map((c) => [c.code, c.label]))

    select.vm.$emit('update:modelValue', 'agreed')
    select.vm.$emit('change', 'agreed')
    select.vm.$emit('update:modelValue', null)
    select.vm.$emit('change', null)
    expect(wrapper.emitted('update:modelValue')).toEqual([['agreed'], [null]])
    expect(wrapper.emitted('change')).toEqual([['agreed'], [null]])
  })

  it('narrows its options to the labels holding what the user types', async () => {
    const wrapper = mount(FilterCodeSelect, {
      props: { modelValue: null, table: 'disputeType', placeholder: '全部纠纷类型' },
      attachTo: document.body,
    })
    const input = wrapper.get('input')
    expect(input.attributes('readonly')).toBeUndefined()
    await input.trigger('click')
    await input.setValue('婚姻')
    await flushPromises()
    const shown = wrapper.findAllComponents(ElOption).filter((o) => o.isVisible()).map((o) => o.props('label'))
    expect(shown).toEqual(['婚姻家庭'])
    expect(wrapper.findAllComponents(ElOption).length).toBeGreaterThan(1)
  })
})
