import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { StatTable } from '../api/generated'
import StatTableView from './StatTableView.vue'

const TABLE: StatTable = {
  kind: 'mediation',
  sheet: '分所调解统计',
  title: '人民调解工作分所汇总表（2026年第四季度）',
  rowHeader: '司法所',
  columns: [
    { key: 'accepted', label: '合计', group: '受理（件）', format: 'count' },
    { key: 'proactive', label: '主动调解', group: '受理（件）', format: 'count' },
    { key: 'successRate', label: '成功率', group: null, format: 'percent' },
    { key: 'amount', label: '涉及金额（万元）', group: null, format: 'wan' },
  ],
  rows: [
    { label: '石港镇司法所', values: [30, 4, 0.9, 12.5], total: false },
    { label: '全区合计', values: [52, 6, null, 20], total: true },
  ],
  notes: ['全区数字为各所之和。'],
}

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('StatTableView', () => {
  it('shows the title, grouped headers, formatted values, the total row and the notes under its test ids', async () => {
    wrapper = mount(StatTableView, { props: { table: TABLE, testidPrefix: 'stats-offices' }, attachTo: document.body })
    await flushPromises()
    const w = wrapper
    expect(w.get('[data-testid="stats-offices-title-mediation"]').text()).toBe('人民调解工作分所汇总表（2026年第四季度）')
    const t = w.get('[data-testid="stats-offices-mediation"]')
    const headerRows = t.findAll('.el-table__header-wrapper thead tr')
    expect(headerRows[0]!.findAll('th').map((th) => th.text())).toEqual(['司法所', '受理（件）', '成功率', '涉及金额（万元）'])
    expect(headerRows[1]!.findAll('th').map((th) => th.text())).toEqual(['合计', '主动调解'])
    const rows = t.findAll('.el-table__body-wrapper tbody tr')
    expect(rows[0]!.findAll('td').map((td) => td.text())).toEqual(['石港镇司法所', '30', '4', '90.0%', '12.50'])
    expect(rows[1]!.findAll('td').map((td) => td.text())).toEqual(['全区合计', '52', '6', '—', '20.00'])
    expect(rows[1]!.classes()).toContain('stat-row--total')
    expect(w.get('[data-testid="stats-offices-notes-mediation"]').findAll('li').map((l) => l.text())).toEqual(['全区数字为各所之和。'])
  })

  it('leaves out the title when asked and the notes when there are none', () => {
    wrapper = mount(StatTableView, { props: { table: { ...TABLE, notes: [] }, testidPrefix: 'x', showTitle: false } })
    expect(wrapper.find('[data-testid="x-title-mediation"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="x-notes-mediation"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="x-mediation"]').exists()).toBe(true)
  })
})
