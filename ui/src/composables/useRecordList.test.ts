import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../api', () => ({
  mediationList: vi.fn(),
  mediationDelete: vi.fn(),
  legalAidDelete: vi.fn(),
  consultationList: vi.fn(),
}))
vi.mock('../lib/notify', () => ({
  confirmDelete: vi.fn(),
  showError: vi.fn((e: unknown) => e),
  showSuccess: vi.fn(),
}))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { Consultation, ConsultationFilter, MediationFilter, MediationListItem, Page } from '../api/generated'
import { defaultConsultationFilter, normaliseConsultationFilter } from '../lib/consultationForm'
import { defaultFilter, mediationQueryCodec } from '../lib/filterQuery'
import { resetSession, session } from '../store/session'
import { useRecordList, type RecordListOptions } from './useRecordList'

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
  deadline: null,
  ...over,
})

const pageOf = <T>(items: T[], total = items.length, totalCapped = false): Page<T> => ({ items, total, totalCapped })

const mediationOptions = (
  over: Partial<RecordListOptions<MediationFilter, MediationListItem>> = {},
): RecordListOptions<MediationFilter, MediationListItem> => ({
  list: (f) => api.mediationList(f),
  defaultFilter,
  route: { name: 'mediation', codec: mediationQueryCodec, rememberIn: 'lastMediationQuery' },
  dateRange: ['acceptedFrom', 'acceptedTo'],
  deletion: {
    name: (r) => r.caseNo,
    delete: (r) => api.mediationDelete(r.id, r.version),
  },
  ...over,
} as RecordListOptions<MediationFilter, MediationListItem>)

let wrapper: VueWrapper | null = null

/** Mounts a list outside the router view, as the screens' tests do, so it stays mounted when the route
 * changes. */
async function mountList<F extends { page: number; pageSize: number }, T>(
  options: RecordListOptions<F, T>,
  path = '/mediation',
): Promise<{ list: ReturnType<typeof useRecordList<F, T>>; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/mediation', name: 'mediation', component: { render: () => h('div') } },
      { path: '/mediation/:id', name: 'mediation-case', component: { render: () => h('div') } },
      { path: '/legal-aid/consultations', name: 'consultations', component: { render: () => h('div') } },
    ],
  })
  await router.push(path)
  await router.isReady()
  let list: ReturnType<typeof useRecordList<F, T>> | null = null
  const Host = defineComponent({
    setup() {
      list = useRecordList(options)
      return () => h('div')
    },
  })
  wrapper = mount(Host, { global: { plugins: [router] } })
  await flushPromises()
  return { list: list!, router }
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
  m.mediationList.mockResolvedValue(pageOf([row(1), row(2)], 42))
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

describe('useRecordList with the filter in the route query', () => {
  it('loads the filter of the route query, fills the filter bar and remembers the query', async () => {
    const { list } = await mountList(
      mediationOptions(),
      '/mediation?q=张三&state=mediating&from=2026-11-01&to=2026-11-30&overdue=1&page=2&size=50',
    )
    const expected: MediationFilter = {
      query: '张三',
      state: 'mediating',
      disputeType: null,
      acceptedFrom: '2026-11-01',
      acceptedTo: '2026-11-30',
      mediator: null,
      overdueOnly: true,
      page: 2,
      pageSize: 50,
    }
    expect(m.mediationList).toHaveBeenCalledTimes(1)
    expect(m.mediationList).toHaveBeenCalledWith(expected)
    expect(list.filter.value).toEqual(expected)
    expect({ ...list.draft }).toEqual(expected)
    expect(list.dateRange.value).toEqual(['2026-11-01', '2026-11-30'])
    expect(list.rows.value.map((r) => r.id)).toEqual(['id-1', 'id-2'])
    expect(list.total.value).toBe(42)
    expect(list.totalCapped.value).toBe(false)
    expect(list.totalText.value).toBe('共 42 条')
    expect(list.loading.value).toBe(false)
    expect(list.loadedFilter.value).toEqual(expected)
    expect(list.pageSizes).toEqual([20, 50, 100])
    expect(session.lastMediationQuery).toEqual({
      q: '张三',
      state: 'mediating',
      from: '2026-11-01',
      to: '2026-11-30',
      overdue: '1',
      page: '2',
      size: '50',
    })
  })

  it('says when there are more rows than were counted', async () => {
    m.mediationList.mockResolvedValue(pageOf([row(1)], 10000, true))
    const { list } = await mountList(mediationOptions())
    expect(list.totalCapped.value).toBe(true)
    expect(list.totalText.value).toBe('超过10000条，请缩小筛选范围')
  })

  it('searches from the filter bar on page 1, keeping the page size, through the route query', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation?page=3&size=50')
    list.draft.query = ' 李四 '
    list.draft.disputeType = 'neighbour'
    list.dateRange.value = ['2026-10-01', '2026-10-31']
    list.search()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({
      q: '李四',
      type: 'neighbour',
      from: '2026-10-01',
      to: '2026-10-31',
      size: '50',
    })
    expect(m.mediationList).toHaveBeenCalledTimes(2)
    expect(m.mediationList).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: '李四', disputeType: 'neighbour', acceptedFrom: '2026-10-01', page: 1, pageSize: 50 }),
    )
    // the filter bar shows the filter as the route query has it
    expect(list.draft.query).toBe('李四')
    expect(session.lastMediationQuery).toEqual(router.currentRoute.value.query)
  })

  it('searches by both ends of the date range or neither', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation?from=2026-11-01')
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ acceptedFrom: '2026-11-01', acceptedTo: null }))
    expect(list.dateRange.value).toBeNull()
    list.draft.query = '张三'
    list.search()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '张三' })
  })

  it('reloads when a search asks for the query already shown', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation?q=张三')
    const before = router.currentRoute.value.fullPath
    list.draft.query = '张三 '
    list.search()
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe(before)
    expect(m.mediationList).toHaveBeenCalledTimes(2)
    list.reload()
    await flushPromises()
    expect(m.mediationList).toHaveBeenCalledTimes(3)
  })

  it('changes the page, and the page size from page 1', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation?q=张三')
    list.changePage(4)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '张三', page: '4' })
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '张三', page: 4 }))
    list.changePageSize(100)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '张三', size: '100' })
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, pageSize: 100 }))
  })

  it('resets the filter bar and the route query', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation?q=张三&from=2026-11-01&to=2026-11-30&size=50')
    list.draft.mediator = '王五'
    list.reset()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect({ ...list.draft }).toEqual(defaultFilter())
    expect(list.dateRange.value).toBeNull()
    expect(m.mediationList).toHaveBeenLastCalledWith(defaultFilter())
    expect(session.lastMediationQuery).toEqual({})
  })

  it('follows the route query when it changes (back, 返回列表)', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation')
    await router.push({ path: '/mediation', query: { state: 'agreed', page: '2' } })
    await flushPromises()
    expect(list.draft.state).toBe('agreed')
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'agreed', page: 2 }))
    expect(session.lastMediationQuery).toEqual({ state: 'agreed', page: '2' })
  })

  it('leaves the list alone when another route shows', async () => {
    const { router } = await mountList(mediationOptions(), '/mediation?q=张三')
    await router.push({ path: '/mediation/id-1', query: { tab: 'sessions' } })
    await flushPromises()
    expect(m.mediationList).toHaveBeenCalledTimes(1)
    expect(session.lastMediationQuery).toEqual({ q: '张三' })
  })

  it('empties the list when the core refuses the filter (a one-character search), and says why in its place', async () => {
    const { list, router } = await mountList(mediationOptions(), '/mediation')
    const refusal = {
      code: 'validation',
      message: '搜索内容每个词至少两个字',
      fields: [{ field: 'query', code: 'validation.query_too_short', message: '搜索内容每个词至少两个字' }],
    }
    m.mediationList.mockRejectedValueOnce(refusal)
    list.draft.query = '张'
    list.search()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '张' })
    expect(n.showError).toHaveBeenCalledWith(refusal)
    expect(list.rows.value).toEqual([])
    expect(list.total.value).toBe(0)
    expect(list.loadError.value).toBe('搜索内容每个词至少两个字')
    expect(list.loadedFilter.value?.query).toBeNull()
    // A search the core answers shows its rows again.
    list.draft.query = '张三'
    list.search()
    await flushPromises()
    expect(list.rows.value.map((r) => r.id)).toEqual(['id-1', 'id-2'])
    expect(list.loadError.value).toBeNull()
    expect(list.loading.value).toBe(false)
  })

  it('shows only the answer of the last load', async () => {
    const { list } = await mountList(mediationOptions(), '/mediation')
    let answerEarlier: (p: Page<MediationListItem>) => void = () => {}
    let failEarlier: (e: unknown) => void = () => {}
    m.mediationList.mockImplementationOnce(() => new Promise((resolve) => (answerEarlier = resolve)))
    m.mediationList.mockImplementationOnce(() => new Promise((_, reject) => (failEarlier = reject)))
    m.mediationList.mockResolvedValueOnce(pageOf([row(9)]))
    list.changePage(2)
    await flushPromises()
    expect(list.loading.value).toBe(true)
    list.changePage(3)
    await flushPromises()
    list.changePage(4)
    await flushPromises()
    expect(list.rows.value.map((r) => r.id)).toEqual(['id-9'])
    expect(list.loading.value).toBe(false)
    answerEarlier(pageOf([row(8)]))
    failEarlier(new Error('late'))
    await flushPromises()
    expect(list.rows.value.map((r) => r.id)).toEqual(['id-9'])
    expect(list.loadedFilter.value?.page).toBe(4)
    expect(list.loading.value).toBe(false)
    expect(n.showError).not.toHaveBeenCalled()
  })
})

describe('useRecordList 删除', () => {
  it('deletes after the confirmation naming the record, then reloads', async () => {
    m.mediationDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    const { list, router } = await mountList(mediationOptions(), '/mediation?page=2')
    await list.remove(row(3))
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石调字第3号')
    expect(m.mediationDelete).toHaveBeenCalledWith('id-3', 2)
    expect(n.showSuccess).toHaveBeenCalledWith('已删除')
    expect(m.mediationList).toHaveBeenCalledTimes(2)
    expect(m.mediationList).toHaveBeenLastCalledWith(expect.objectContaining({ page: 2 }))
    expect(router.currentRoute.value.query).toEqual({ page: '2' })
  })

  it('names the kind of record when told', async () => {
    m.legalAidDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    const { list } = await mountList(
      mediationOptions({
        deletion: { name: (r) => r.caseNo, kind: '法律援助申请', delete: (r) => api.legalAidDelete(r.id, r.version) },
      }),
    )
    await list.remove(row(4))
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石调字第4号', '法律援助申请')
    expect(m.legalAidDelete).toHaveBeenCalledWith('id-4', 2)
  })

  it('does nothing when the user says no', async () => {
    n.confirmDelete.mockResolvedValue(false)
    const { list } = await mountList(mediationOptions())
    await list.remove(row(3))
    expect(m.mediationDelete).not.toHaveBeenCalled()
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(m.mediationList).toHaveBeenCalledTimes(1)
  })

  it('says why a deletion failed and shows the list as it is now', async () => {
    const conflict = { code: 'conflict.version', message: '该记录已被他人修改，请刷新后重试', fields: [] }
    m.mediationDelete.mockRejectedValue(conflict)
    n.confirmDelete.mockResolvedValue(true)
    const { list } = await mountList(mediationOptions())
    await list.remove(row(3))
    expect(n.showError).toHaveBeenCalledWith(conflict)
    expect(n.showSuccess).not.toHaveBeenCalled()
    expect(m.mediationList).toHaveBeenCalledTimes(2)
  })

  it('has no 删除 for a list without one', async () => {
    const { list } = await mountList(mediationOptions({ deletion: undefined }))
    await expect(list.remove(row(3))).rejects.toThrow()
    expect(n.confirmDelete).not.toHaveBeenCalled()
  })
})

describe('useRecordList with the filter kept on the screen', () => {
  const consultationOptions = (): RecordListOptions<ConsultationFilter, Consultation> => ({
    list: (f) => api.consultationList(f),
    defaultFilter: defaultConsultationFilter,
    normalise: normaliseConsultationFilter,
    dateRange: ['from', 'to'],
    pageSizes: [10, 30],
  })

  beforeEach(() => {
    m.consultationList.mockResolvedValue(pageOf<Consultation>([], 0))
  })

  it('loads, searches, pages and resets without touching the route', async () => {
    const { list, router } = await mountList(consultationOptions(), '/legal-aid/consultations')
    expect(m.consultationList).toHaveBeenCalledWith(defaultConsultationFilter())
    expect(list.pageSizes).toEqual([10, 30])
    expect(session.lastMediationQuery).toEqual({})

    list.changePageSize(30)
    await flushPromises()
    expect(m.consultationList).toHaveBeenLastCalledWith(expect.objectContaining({ page: 1, pageSize: 30 }))

    list.draft.query = ' 工资 '
    list.draft.channel = ''
    list.dateRange.value = ['2026-11-01', '2026-11-27']
    list.search()
    await flushPromises()
    expect(m.consultationList).toHaveBeenLastCalledWith({
      query: '工资',
      channel: null,
      matter: null,
      from: '2026-11-01',
      to: '2026-11-27',
      page: 1,
      pageSize: 30,
    })
    expect(list.filter.value.query).toBe('工资')

    list.changePage(2)
    await flushPromises()
    expect(m.consultationList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '工资', page: 2, pageSize: 30 }))

    list.reset()
    await flushPromises()
    expect(m.consultationList).toHaveBeenLastCalledWith(defaultConsultationFilter())
    expect({ ...list.draft }).toEqual(defaultConsultationFilter())
    expect(list.dateRange.value).toBeNull()
    expect(router.currentRoute.value.fullPath).toBe('/legal-aid/consultations')
    expect(m.consultationList).toHaveBeenCalledTimes(5)
  })
})

describe('useRecordList telling the screen how a load went', () => {
  it('tells each answer, and a failure in its own way instead of the message', async () => {
    const loaded = vi.fn()
    const failed = vi.fn()
    const { list } = await mountList(mediationOptions({ onLoaded: loaded, onLoadFailed: failed }), '/mediation')
    expect(loaded).toHaveBeenCalledTimes(1)
    expect(loaded).toHaveBeenCalledWith(pageOf([row(1), row(2)], 42))

    const refusal = { code: 'auth.forbidden', message: '当前账号没有执行此操作的权限。', fields: [] }
    m.mediationList.mockRejectedValueOnce(refusal)
    list.changePage(2)
    await flushPromises()
    expect(failed).toHaveBeenCalledWith(refusal)
    expect(n.showError).not.toHaveBeenCalled()
    expect(loaded).toHaveBeenCalledTimes(1)
    expect(list.rows.value).toEqual([])
    expect(list.loadError.value).toBe('当前账号没有执行此操作的权限。')
    expect(list.loading.value).toBe(false)
  })

  it('tells nothing of an answer overtaken by a later load', async () => {
    const loaded = vi.fn()
    const failed = vi.fn()
    const { list } = await mountList(mediationOptions({ onLoaded: loaded, onLoadFailed: failed }), '/mediation')
    loaded.mockClear()
    let failEarlier: (e: unknown) => void = () => {}
    m.mediationList.mockImplementationOnce(() => new Promise((_, reject) => (failEarlier = reject)))
    m.mediationList.mockResolvedValueOnce(pageOf([row(9)]))
    list.changePage(2)
    await flushPromises()
    list.changePage(3)
    await flushPromises()
    failEarlier(new Error('late'))
    await flushPromises()
    expect(loaded).toHaveBeenCalledTimes(1)
    expect(loaded).toHaveBeenCalledWith(pageOf([row(9)]))
    expect(failed).not.toHaveBeenCalled()
  })
})
