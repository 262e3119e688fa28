import { afterEach, describe, expect, it } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'
import FilterDateRange from './FilterDateRange.vue'

enableAutoUnmount(afterEach)

describe('FilterDateRange', () => {
  it('names both ends after the date it filters by and hands on both or neither', () => {
    const wrapper = mount(FilterDateRange, { props: { modelValue: ['2026-11-01', '2026-11-30'], what: '受理日期' } })
    const editor = wrapper.get('.el-range-editor')
    expect(editor.classes()).toContain('filter-dates')
    expect(editor.findAll('input').map((i) => i.attributes('placeholder'))).toEqual(['受理日期起', '受理日期止'])
    const picker = wrapper.getComponent(ElDatePicker)
    expect(picker.props()).toMatchObject({
      modelValue: ['2026-11-01', '2026-11-30'],
      type: 'daterange',
      rangeSeparator: '至',
      startPlaceholder: '受理日期起',
      endPlaceholder: '受理日期止',
      format: 'YYYY-MM-DD',
      valueFormat: 'YYYY-MM-DD',
      clearable: true,
      // Like the forms' dates: the calendar opens on a click, not when Tab reaches the filter.
      automaticDropdown: false,
    })
    picker.vm.$emit('update:modelValue', null)
    picker.vm.$emit('change', null)
    expect(wrapper.emitted('update:modelValue')).toEqual([[null]])
    expect(wrapper.emitted('change')).toEqual([[null]])
  })
})
