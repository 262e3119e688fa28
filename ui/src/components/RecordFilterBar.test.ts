import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { h, reactive } from 'vue'
import RecordFilterBar from './RecordFilterBar.vue'

enableAutoUnmount(afterEach)

function list() {
  return { draft: reactive({ query: null as string | null }), search: vi.fn(), reset: vi.fn() }
}

describe('RecordFilterBar', () => {
  it('searches the text on Enter and 查询, resets on 重置, and shows the screen’s filters below', async () => {
    const l = list()
    const wrapper = mount(RecordFilterBar, {
      props: { list: l, name: 'legal-aid', placeholder: '搜索姓名、证件号' },
      slots: { default: () => h('span', { 'data-testid': 'own-filter' }, '状态') },
    })
    const rows = wrapper.findAll('.filter-bar > .filter-bar__row')
    expect(rows).toHaveLength(2)
    expect(rows[1]!.find('[data-testid="own-filter"]').exists()).toBe(true)

    const input = wrapper.get('input[data-testid="legal-aid-search"]')
    expect(input.attributes('placeholder')).toBe('搜索姓名、证件号')
    expect(rows[0]!.find('.filter-search').exists()).toBe(true)
    await input.setValue('王芳')
    expect(l.draft.query).toBe('王芳')
    await input.trigger('keyup', { key: 'Enter' })
    expect(l.search).toHaveBeenCalledTimes(1)

    const search = wrapper.get('[data-testid="legal-aid-search-button"]')
    expect(search.text()).toBe('查询')
    expect(search.classes()).toContain('el-button--primary')
    await search.trigger('click')
    expect(l.search).toHaveBeenCalledTimes(2)

    const reset = wrapper.get('[data-testid="legal-aid-reset"]')
    expect(reset.text()).toBe('重置')
    await reset.trigger('click')
    expect(l.reset).toHaveBeenCalledTimes(1)
  })
})
