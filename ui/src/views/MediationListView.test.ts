import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  mediationList: vi.fn(),
  mediationDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmDelete', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { MediationListItem } from '../api/generated'
import MediationListView from './MediationListView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const row = (i: number, over: Partial<MediationListItem> = {}): MediationListItem => ({
  id: `id-${i}`,
  caseNo: `（2026）石调字第${i}号`,
  acceptedOn: '2026-11-02',
  disputeType: 'neighbour',
  state: 'mediating',
  partiesText: '张三 与 李四',
  hostMediator: '王五',
  summary: '',
  version: 2,
  updatedAt: '2026-11-20T10:00:00+08:00',
  deadline: { title: '调解期限', dueOn: '2026-11-22', daysLeft: -5, level: 'overdue' },
  ...over,
})

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/mediation', name: 'mediation', component: MediationListView },
    { path: '/mediation/:id', name: 'mediation-case', component: { render: () => h('div', 'case') } },
  ])
  return { w: await mountScreen(MediationListView, { router }), router }
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(unmountScreen)

describe('MediationListView', () => {
  it('loads with the filter from the route query and shows labels', async () => {
    m.mediationList.mockResolvedValue({ items: [row(1), row(2, { state: 'agreed', deadline: null })], total: 123, totalCapped: false })
    const { w } = await mountAt('/mediation?q=张三&state=mediating&overdue=1&page=2')
    expect(m.mediationList).toHaveBeenCalledWith({
      query: '张三',
      state: 'mediating',
      disputeType: null,
      acceptedFrom: null,
      acceptedTo: null,
      mediator: null,
      overdueOnly: true,
      page: 2,
      pageSize: 20,
    })
    expect(w.findAll('[data-testid="mediation-row-caseno"]').map((x) => x.text())).toEqual([
      '（2026）石调字第1号',
      '（2026）石调字第2号',
    ])
    expect(w.findAll('[data-testid="mediation-row-state"]').map((x) => x.text())).toEqual(['调解中', '调解成功'])
    expect(w.get('[data-testid="mediation-row-parties"]').text()).toBe('张三 与 李四')
    expect(w.text()).toContain('邻里')
    expect(w.text()).toContain('超期5天')
    expect(w.text()).not.toContain('neighbour')
    expect(w.get('[data-testid="mediation-total"]').text()).toBe('共 123 条')
    expect((w.get('[data-testid="mediation-search"]').element as HTMLInputElement).value).toBe('张三')
    expect(session.lastMediationQuery).toEqual({ q: '张三', state: 'mediating', overdue: '1', page: '2' })
  })

  it('searches with Enter and puts the filter in the route query', async () => {
    m.mediationList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const { w, router } = await mountAt('/mediation?page=3')
    const search = w.get('[data-testid="mediation-search"]')
    await search.setValue('李四')
    await search.trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '李四' })
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '李四', page: 1 }))
    expect(w.text()).toContain('没有符合条件的案件')
  })

  it('says when the total is capped', async () => {
    m.mediationList.mockResolvedValue({ items: [row(1)], total: 10000, totalCapped: true })
    const { w } = await mountAt('/mediation')
    expect(w.get('[data-testid="mediation-total"]').text()).toBe('超过10000条，请缩小筛选范围')
  })

  it('deletes a row after confirmation, with the row version, then reloads', async () => {
    m.mediationList.mockResolvedValue({ items: [row(3)], total: 1, totalCapped: false })
    m.mediationDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    const { w, router } = await mountAt('/mediation')
    await w.get('[data-testid="mediation-delete-id-3"]').trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石调字第3号')
    expect(m.mediationDelete).toHaveBeenCalledWith('id-3', 2)
    expect(n.showSuccess).toHaveBeenCalledWith('已删除')
    expect(m.mediationList).toHaveBeenCalledTimes(2)
    expect(router.currentRoute.value.path).toBe('/mediation')
  })

  it('does nothing when the deletion is cancelled', async () => {
    m.mediationList.mockResolvedValue({ items: [row(3)], total: 1, totalCapped: false })
    n.confirmDelete.mockResolvedValue(false)
    const { w } = await mountAt('/mediation')
    await w.get('[data-testid="mediation-delete-id-3"]').trigger('click')
    await flushPromises()
    expect(m.mediationDelete).not.toHaveBeenCalled()
  })

  it('opens a case when its row is clicked', async () => {
    m.mediationList.mockResolvedValue({ items: [row(7)], total: 1, totalCapped: false })
    const { w, router } = await mountAt('/mediation')
    await w.get('[data-testid="mediation-row-caseno"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mediation/id-7')
  })
})

describe('delete confirmation text', () => {
  it('names the case', () => {
    expect(notify.deleteConfirmText('（2026）石调字第3号')).toBe(
      '确定删除案件（2026）石调字第3号吗？删除后将不在台账中显示，删除记录会保留在操作日志中。',
    )
  })

  it('offers 新建调解案件 in an office, but not at a district (records arrive by import)', async () => {
    m.mediationList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const first = await mountAt('/mediation')
    expect(first.w.find('[data-testid="mediation-new"]').exists()).toBe(true)
    unmountScreen()
    session.status = readyStatus({ office: DISTRICT, version: '' })
    const second = await mountAt('/mediation')
    expect(second.w.find('[data-testid="mediation-new"]').exists()).toBe(false)
  })
})
