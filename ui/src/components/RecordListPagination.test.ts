import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { computed } from 'vue'
import { ElPagination } from 'element-plus'
import RecordListPagination from './RecordListPagination.vue'

enableAutoUnmount(afterEach)

function list(total: number, capped: boolean) {
  return {
    filter: computed(() => ({ page: 3, pageSize: 50 })),
    total: computed(() => total),
    totalCapped: computed(() => capped),
    totalText: computed(() => (capped ? `超过${total}条，请缩小筛选范围` : `共 ${total} 条`)),
    pageSizes: [20, 50, 100],
    changePage: vi.fn(),
    changePageSize: vi.fn(),
  }
}

describe('RecordListPagination', () => {
  it('says how many rows match and pages as the list says', () => {
    const l = list(123, false)
    const wrapper = mount(RecordListPagination, { props: { list: l, totalTestid: 'mediation-total' } })
    expect(wrapper.classes()).toEqual(['pagination-bar'])
    const total = wrapper.get('[data-testid="mediation-total"]')
    expect(total.text()).toBe('共 123 条')
    expect(total.classes()).toEqual(['pagination-total'])
    const pager = wrapper.getComponent(ElPagination)
    expect(pager.props()).toMatchObject({
      background: true,
      layout: 'sizes, prev, pager, next, jumper',
      pageSizes: [20, 50, 100],
      total: 123,
      currentPage: 3,
      pageSize: 50,
    })
    pager.vm.$emit('current-change', 4)
    pager.vm.$emit('size-change', 100)
    expect(l.changePage).toHaveBeenCalledWith(4)
    expect(l.changePageSize).toHaveBeenCalledWith(100)
  })

  it('marks a count the core stopped at', () => {
    const wrapper = mount(RecordListPagination, { props: { list: list(10000, true), totalTestid: 'audit-total' } })
    const total = wrapper.get('[data-testid="audit-total"]')
    expect(total.text()).toBe('超过10000条，请缩小筛选范围')
    expect(total.classes()).toContain('text-warning')
  })
})
