import { afterEach, describe, expect, it, vi } from 'vitest'
import { enableAutoUnmount, flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { computed, h, ref } from 'vue'
import { ElTableColumn } from 'element-plus'
import RecordListTable from './RecordListTable.vue'

enableAutoUnmount(afterEach)

const ROWS = [
  { id: 'a', name: '张三' },
  { id: 'b', name: '李四' },
]

async function mountTable(rows: { id: string; name: string }[], extra: Record<string, unknown> = {}) {
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const list = { rows: computed(() => rows), loading: computed(() => loading.value), loadError }
  const onRowClick = vi.fn()
  const wrapper = mount(
    {
      render: () =>
        h('div', [
          h(
            RecordListTable,
            { list, emptyText: '没有符合条件的申请', onRowClick, ...extra },
            { default: () => h(ElTableColumn, { label: '姓名', prop: 'name' }) },
          ),
        ]),
    },
    { attachTo: document.body },
  )
  await flushPromises()
  return { w: wrapper, loading, loadError, onRowClick }
}

const bodyRows = (w: VueWrapper) => w.findAll('.el-table__body tr.el-table__row')

describe('RecordListTable', () => {
  it('shows the rows in the screen’s columns; a row opens its record', async () => {
    const { w, onRowClick } = await mountTable(ROWS)
    expect(w.get('.el-table').classes()).toContain('clickable-table')
    expect(w.findAll('.el-table__header th').map((th) => th.text())).toEqual(['姓名'])
    expect(bodyRows(w).map((r) => r.text())).toEqual(['张三', '李四'])
    expect(bodyRows(w)[0]!.attributes('data-testid')).toBeUndefined()
    await bodyRows(w)[1]!.find('td').trigger('click')
    expect(onRowClick).toHaveBeenCalledTimes(1)
    expect(onRowClick.mock.calls[0]![0]).toEqual(ROWS[1])
  })

  it('names its rows for the end-to-end tests when told', async () => {
    const { w } = await mountTable(ROWS, { rowTestid: 'legal-aid-row' })
    expect(bodyRows(w).map((r) => r.attributes('data-testid'))).toEqual(['legal-aid-row', 'legal-aid-row'])
  })

  it('says when nothing matches, and shows a load under way', async () => {
    const { w, loading } = await mountTable([])
    expect(w.get('.el-table__empty-text').text()).toBe('没有符合条件的申请')
    loading.value = true
    await flushPromises()
    expect(w.find('.el-loading-mask').exists()).toBe(true)
  })

  it('says why in place of the rows when the filter was refused', async () => {
    const { w, loadError } = await mountTable([])
    loadError.value = '搜索内容每个词至少两个字'
    await flushPromises()
    expect(w.get('.el-table__empty-text').text()).toBe('搜索内容每个词至少两个字')
  })
})
