import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  correctionList: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showError']))

import * as api from '../api'
import type { CorrectionListItem } from '../api/generated'
import CorrectionListView from './CorrectionListView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { choose } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)

const row = (i: number, over: Partial<CorrectionListItem> = {}): CorrectionListItem => ({
  id: `s-${i}`,
  subjectCode: `420204-2026-00${i}`,
  name: '张三',
  idNo: '420204198001011234',
  isMinor: false,
  correctionType: 'probation',
  supervisionLevel: 'normal',
  state: 'supervising',
  corrStart: '2026-01-10',
  corrEnd: '2029-01-09',
  flags: [],
  next: { kind: 'report', title: '定期报告', dueOn: '2026-11-24', daysLeft: -3, level: 'overdue', detail: '' },
  lateDays: 3,
  version: 4,
  ...over,
})

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/correction', name: 'correction', component: CorrectionListView },
    { path: '/correction/:id', name: 'correction-subject', component: { render: () => h('div', 'subject') } },
  ])
  return { w: await mountScreen(CorrectionListView, { router }), router }
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(unmountScreen)

describe('CorrectionListView', () => {
  it('loads 未解除 by default and shows labels, flags and the next duty', async () => {
    m.correctionList.mockResolvedValue({
      items: [
        row(1, { flags: ['away', 'e_monitoring'] }),
        row(2, {
          name: '李*',
          isMinor: true,
          correctionType: 'temporary',
          supervisionLevel: 'strict',
          state: 'awaiting_report',
          flags: ['absconded'],
          next: { kind: 'report_in', title: '报到', dueOn: '2026-11-27', daysLeft: 0, level: 'warning', detail: '' },
        }),
        row(3, { state: 'released', flags: [], next: null, corrStart: null, corrEnd: null, supervisionLevel: 'lenient' }),
        row(4, { flags: ['missed'], next: { kind: 'talk', title: '个别谈话', dueOn: '2026-12-02', daysLeft: 5, level: 'upcoming', detail: '' } }),
      ],
      total: 37,
      totalCapped: false,
    })
    const { w } = await mountAt('/correction')
    expect(w.find('[data-testid="correction-list-page"]').exists()).toBe(true)
    expect(m.correctionList).toHaveBeenCalledWith({
      query: null,
      correctionType: null,
      supervisionLevel: null,
      state: 'active',
      lateOnly: false,
      page: 1,
      pageSize: 20,
    })
    expect(w.findAll('[data-testid="correction-row"]')).toHaveLength(4)
    expect(w.findAll('[data-testid="correction-row-code"]').map((x) => x.text())).toEqual([
      '420204-2026-001',
      '420204-2026-002',
      '420204-2026-003',
      '420204-2026-004',
    ])
    expect(w.findAll('[data-testid="correction-row-name"]').map((x) => x.text())).toEqual(['张三', '李*', '张三', '张三'])
    const rows = w.findAll('[data-testid="correction-row"]')
    expect(rows[1].text()).toContain('未成年')
    expect(rows[0].text()).not.toContain('未成年')
    const states = w.findAll('[data-testid="correction-row-state"]').map((x) => x.text())
    expect(states[0]).toContain('在矫')
    expect(states[0]).toContain('外出中')
    expect(states[0]).toContain('电子定位中')
    expect(states[1]).toContain('待报到')
    expect(states[1]).toContain('脱管/失联')
    expect(states[2]).toBe('解除矫正')
    expect(states[3]).toContain('漏管')
    const next = w.findAll('[data-testid="correction-row-next"]').map((x) => x.text())
    expect(next[0]).toContain('定期报告')
    expect(next[0]).toContain('已逾期3天')
    expect(next[1]).toContain('报到')
    expect(next[1]).toContain('今日到期')
    expect(next[2]).toBe('—')
    expect(next[3]).toContain('剩5天')
    expect(rows[0].text()).toContain('2026-01-10')
    expect(rows[0].text()).toContain('至 2029-01-09')
    const text = w.text()
    for (const s of ['缓刑', '暂予监外执行', '普管', '严管', '宽管']) expect(text).toContain(s)
    for (const s of ['probation', 'temporary', 'supervising', 'absconded', 'missed', 'overdue', 'e_monitoring']) {
      expect(text).not.toContain(s)
    }
    expect(w.get('[data-testid="correction-total"]').text()).toBe('共 37 条')
    expect(w.get('[data-testid="correction-search"]').attributes('placeholder')).toContain('姓名、身份证号、对象编号、电话、罪名')
    expect(w.get('[data-testid="correction-filter-state"]').text()).toContain('未解除')
    expect(w.find('[data-testid="correction-search-elsewhere"]').exists()).toBe(false)
    expect(session.lastCorrectionQuery).toEqual({})
  })

  it('reads the filter from the route query', async () => {
    m.correctionList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const { w } = await mountAt('/correction?q=张三&type=parole&level=strict&state=all&late=1&page=2')
    expect(m.correctionList).toHaveBeenCalledWith({
      query: '张三',
      correctionType: 'parole',
      supervisionLevel: 'strict',
      state: null,
      lateOnly: true,
      page: 2,
      pageSize: 20,
    })
    expect((w.get('[data-testid="correction-search"]').element as HTMLInputElement).value).toBe('张三')
    expect(w.get('[data-testid="correction-filter-type"]').text()).toContain('假释')
    expect(w.get('[data-testid="correction-filter-level"]').text()).toContain('严管')
    expect(w.get('[data-testid="correction-filter-state"]').text()).toContain('全部')
    expect((w.get('[data-testid="correction-late-only"] input').element as HTMLInputElement).checked).toBe(true)
    expect(w.text()).toContain('没有符合条件的矫正对象')
    expect(session.lastCorrectionQuery).toEqual({ q: '张三', type: 'parole', level: 'strict', state: 'all', late: '1', page: '2' })
  })

  it('searches with the button and with Enter, and filters by the selects and 只看逾期', async () => {
    m.correctionList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const { w, router } = await mountAt('/correction?page=3')
    await w.get('[data-testid="correction-search"]').setValue('盗窃')
    await w.get('[data-testid="correction-search-button"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '盗窃' })
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '盗窃', page: 1 }))

    await w.get('[data-testid="correction-search"]').setValue('张三')
    await w.get('[data-testid="correction-search"]').trigger('keyup', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '张三' })

    await choose(w, 'correction-filter-type', 'probation')
    expect(router.currentRoute.value.query).toEqual({ q: '张三', type: 'probation' })
    await choose(w, 'correction-filter-level', 'strict')
    expect(router.currentRoute.value.query).toEqual({ q: '张三', type: 'probation', level: 'strict' })
    await choose(w, 'correction-filter-state', 'exited')
    expect(router.currentRoute.value.query).toEqual({ q: '张三', type: 'probation', level: 'strict', state: 'exited' })
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'exited' }))
    await choose(w, 'correction-filter-state', 'all')
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ state: null }))
    await choose(w, 'correction-filter-state', 'supervising')
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'supervising' }))
    await w.get('[data-testid="correction-late-only"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({
      q: '张三',
      type: 'probation',
      level: 'strict',
      state: 'supervising',
      late: '1',
    })
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ lateOnly: true }))

    await w.get('[data-testid="correction-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ state: 'active', query: null }))
  })

  it('offers the state groups and every state', async () => {
    m.correctionList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const { w } = await mountAt('/correction')
    const select = w.getComponent('[data-testid="correction-filter-state"]') as unknown as VueWrapper
    const labels = select.findAllComponents({ name: 'ElOption' }).map((o) => (o.props() as { label: string }).label)
    expect(labels.slice(0, 3)).toEqual(['未解除', '已解除/终止/迁出', '全部'])
    expect(labels.slice(3)).toEqual(realCodeTables().corrState.map((s) => s.label))
  })

  it('opens a subject from its code and from 登记矫正对象, keeping the filter to come back to', async () => {
    m.correctionList.mockResolvedValue({ items: [row(7)], total: 1, totalCapped: false })
    const { w, router } = await mountAt('/correction?type=parole&state=exited')
    await w.get('[data-testid="correction-row-code"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-7')
    expect(session.lastCorrectionQuery).toEqual({ type: 'parole', state: 'exited' })
    await router.push({ path: '/correction', query: session.lastCorrectionQuery })
    await flushPromises()
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ correctionType: 'parole', state: 'exited' }))
    await w.get('[data-testid="correction-view-s-7"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-7')
    await router.push('/correction')
    await flushPromises()
    await w.get('[data-testid="correction-new"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/new')
  })

  it('a search that finds nobody among 未解除 offers to search every state', async () => {
    m.correctionList.mockImplementation(async (f) =>
      f.state === null
        ? { items: [row(5, { state: 'released', next: null, name: '王五' })], total: 1, totalCapped: false }
        : { items: [], total: 0, totalCapped: false },
    )
    const { w, router } = await mountAt('/correction?type=probation')
    // no search text: nothing to look for elsewhere
    expect(w.find('[data-testid="correction-search-elsewhere"]').exists()).toBe(false)

    await w.get('[data-testid="correction-search"]').setValue('王五')
    await w.get('[data-testid="correction-search-button"]').trigger('click')
    await flushPromises()
    expect(m.correctionList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '王五', state: 'active' }))
    const line = w.get('[data-testid="correction-search-elsewhere"]')
    expect(line.text()).toContain('未解除的对象中未找到；已解除、终止或迁出的对象请在全部状态中查找')
    expect(line.get('[data-testid="correction-search-all"]').text()).toBe('在全部状态中查找')

    await w.get('[data-testid="correction-search-all"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '王五', type: 'probation', state: 'all' })
    expect(m.correctionList).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: '王五', correctionType: 'probation', state: null, page: 1 }),
    )
    expect(w.get('[data-testid="correction-filter-state"]').text()).toContain('全部')
    expect(w.findAll('[data-testid="correction-row-name"]').map((x) => x.text())).toEqual(['王五'])
    expect(w.find('[data-testid="correction-search-elsewhere"]').exists()).toBe(false)
  })

  it('does not offer it when the search found someone or another state was chosen', async () => {
    m.correctionList.mockResolvedValue({ items: [row(1)], total: 1, totalCapped: false })
    const found = await mountAt('/correction?q=张三')
    expect(found.w.find('[data-testid="correction-search-elsewhere"]').exists()).toBe(false)
    unmountScreen()

    m.correctionList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    for (const state of ['exited', 'all', 'supervising']) {
      const { w } = await mountAt(`/correction?q=张三&state=${state}`)
      expect(w.find('[data-testid="correction-search-elsewhere"]').exists(), state).toBe(false)
      unmountScreen()
    }
    const { w } = await mountAt('/correction?q=张三')
    expect(w.find('[data-testid="correction-search-elsewhere"]').exists()).toBe(true)
  })

  it('offers 登记矫正对象 in an office, but not at a district (records arrive by import)', async () => {
    m.correctionList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const first = await mountAt('/correction')
    expect(first.w.find('[data-testid="correction-new"]').exists()).toBe(true)
    unmountScreen()
    session.status = readyStatus({ office: DISTRICT, version: '' })
    const second = await mountAt('/correction')
    expect(second.w.find('[data-testid="correction-new"]').exists()).toBe(false)
  })
})
