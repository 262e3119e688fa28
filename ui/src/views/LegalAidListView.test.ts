import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  legalAidList: vi.fn(),
  legalAidDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmDelete', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { LegalAidListItem } from '../api/generated'
import LegalAidListView from './LegalAidListView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { DISTRICT, readyStatus } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const row = (i: number, over: Partial<LegalAidListItem> = {}): LegalAidListItem => ({
  id: `la-${i}`,
  applicationNo: `（2026）石援申字第${i}号`,
  receivedOn: '2026-11-20',
  name: '王芳',
  caseNature: 'civil',
  matter: 'wages',
  state: 'reviewing',
  competentOrg: '西塞山区法律援助中心',
  version: 3,
  updatedAt: '2026-11-20T10:00:00+08:00',
  deadline: { title: '审查决定期限', dueOn: '2026-11-25', daysLeft: -2, level: 'overdue' },
  ...over,
})

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/legal-aid/applications', name: 'legal-aid-applications', component: LegalAidListView },
    { path: '/legal-aid/applications/:id', name: 'legal-aid-application', component: { render: () => h('div', 'form') } },
  ])
  return { w: await mountScreen(LegalAidListView, { router }), router }
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(unmountScreen)

describe('LegalAidListView', () => {
  it('loads with the filter from the route query and shows labels and deadlines', async () => {
    m.legalAidList.mockResolvedValue({
      items: [
        row(1),
        row(2, {
          name: '李强',
          state: 'supplementing',
          caseNature: 'criminal',
          matter: 'criminal_defense',
          deadline: { title: '审查决定期限', dueOn: '2026-12-02', daysLeft: 4, level: 'paused' },
        }),
        row(3, { state: 'closed', deadline: null }),
      ],
      total: 57,
      totalCapped: false,
    })
    const { w } = await mountAt('/legal-aid/applications?q=王芳&state=reviewing&nature=civil&group=women&overdue=1&page=2')
    expect(m.legalAidList).toHaveBeenCalledWith({
      query: '王芳',
      state: 'reviewing',
      caseNature: 'civil',
      matter: null,
      group: 'women',
      receivedFrom: null,
      receivedTo: null,
      overdueOnly: true,
      page: 2,
      pageSize: 20,
    })
    expect(w.findAll('[data-testid="legal-aid-row"]')).toHaveLength(3)
    expect(w.findAll('[data-testid="legal-aid-row-no"]').map((x) => x.text())).toEqual([
      '（2026）石援申字第1号',
      '（2026）石援申字第2号',
      '（2026）石援申字第3号',
    ])
    expect(w.findAll('[data-testid="legal-aid-row-name"]').map((x) => x.text())).toEqual(['王芳', '李强', '王芳'])
    expect(w.findAll('[data-testid="legal-aid-row-state"]').map((x) => x.text())).toEqual(['审查中', '补充材料中', '结案'])
    const deadlines = w.findAll('[data-testid="legal-aid-row-deadline"]').map((x) => x.text())
    expect(deadlines[0]).toContain('审查决定期限')
    expect(deadlines[0]).toContain('已超期2天')
    expect(deadlines[1]).toContain('已暂停（剩4天）')
    const text = w.text()
    for (const s of ['民事', '追索劳动报酬', '刑事辩护']) expect(text).toContain(s)
    for (const s of ['civil', 'wages', 'reviewing', 'paused']) expect(text).not.toContain(s)
    expect(w.get('[data-testid="legal-aid-total"]').text()).toBe('共 57 条')
    expect((w.get('[data-testid="legal-aid-search"]').element as HTMLInputElement).value).toBe('王芳')
    expect(w.get('[data-testid="legal-aid-search"]').attributes('placeholder')).toContain('姓名、证件号、电话、申请编号')
    expect((w.get('[data-testid="legal-aid-overdue-only"] input').element as HTMLInputElement).checked).toBe(true)
    expect(session.lastLegalAidQuery).toEqual({ q: '王芳', state: 'reviewing', nature: 'civil', group: 'women', overdue: '1', page: '2' })
  })

  it('searches and puts the filter in the route query', async () => {
    m.legalAidList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const { w, router } = await mountAt('/legal-aid/applications?page=3')
    await w.get('[data-testid="legal-aid-search"]').setValue('4202041980')
    await w.get('[data-testid="legal-aid-search-button"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '4202041980' })
    expect(m.legalAidList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '4202041980', page: 1 }))
    expect(w.text()).toContain('没有符合条件的申请')
    await w.get('[data-testid="legal-aid-overdue-only"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '4202041980', overdue: '1' })
  })

  it('opens the form from a row and from 登记申请', async () => {
    m.legalAidList.mockResolvedValue({ items: [row(7)], total: 1, totalCapped: false })
    const { w, router } = await mountAt('/legal-aid/applications')
    await w.get('[data-testid="legal-aid-row-no"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications/la-7')
    await router.push('/legal-aid/applications')
    await flushPromises()
    await w.get('[data-testid="legal-aid-new"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications/new')
  })

  it('deletes a row after confirmation, with the row version', async () => {
    m.legalAidList.mockResolvedValue({ items: [row(3)], total: 1, totalCapped: false })
    m.legalAidDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    const { w } = await mountAt('/legal-aid/applications')
    await w.get('[data-testid="legal-aid-delete-la-3"]').trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石援申字第3号', '法律援助申请')
    expect(m.legalAidDelete).toHaveBeenCalledWith('la-3', 3)
    expect(m.legalAidList).toHaveBeenCalledTimes(2)
  })

  it('offers 登记申请 in an office, but not at a district (records arrive by import)', async () => {
    m.legalAidList.mockResolvedValue({ items: [], total: 0, totalCapped: false })
    const first = await mountAt('/legal-aid/applications')
    expect(first.w.find('[data-testid="legal-aid-new"]').exists()).toBe(true)
    unmountScreen()
    session.status = readyStatus({ office: DISTRICT, version: '' })
    const second = await mountAt('/legal-aid/applications')
    expect(second.w.find('[data-testid="legal-aid-new"]').exists()).toBe(false)
  })
})
