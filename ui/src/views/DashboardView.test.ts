import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'

vi.mock('../api', () => ({ dashboard: vi.fn() }))

import * as api from '../api'
import DashboardView from './DashboardView.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('DashboardView', () => {
  it('shows every count, the success rate and the due items', async () => {
    vi.mocked(api.dashboard).mockResolvedValue({
      today: '2026-11-27',
      counts: {
        activeCases: 18,
        acceptedThisMonth: 7,
        mediating: 9,
        overdue: 3,
        warning: 2,
        agreedThisYear: 41,
        closedThisYear: 52,
        successRateThisYear: 0.8723,
      },
      legalAid: {
        consultationsThisMonth: 64,
        applicationsThisMonth: 11,
        awaitingDecision: 4,
        supplementing: 2,
        awaitingAssignment: 1,
        overdue: 5,
      },
      dueItems: [
        {
          recordKind: 'mediation',
          recordId: 'id-1',
          caseNo: '（2026）石调字第1号',
          partiesText: '张三 与 李四',
          deadline: { title: '调解期限', dueOn: '2026-11-22', daysLeft: -5, level: 'overdue' },
        },
        {
          recordKind: 'mediation',
          recordId: 'id-2',
          caseNo: '（2026）石调字第2号',
          partiesText: '王一 与 赵二',
          deadline: { title: '回访', dueOn: '2026-11-27', daysLeft: 0, level: 'warning' },
        },
        {
          recordKind: 'legal_aid',
          recordId: 'la-1',
          caseNo: '（2026）石援申字第4号',
          partiesText: '王芳 追索劳动报酬',
          deadline: { title: '审查决定期限', dueOn: '2026-12-03', daysLeft: 3, level: 'paused' },
        },
      ],
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: DashboardView },
        { path: '/mediation/:id', component: { render: () => h('div', 'case') } },
        { path: '/legal-aid/applications/:id', component: { render: () => h('div', 'application') } },
      ],
    })
    await router.push('/')
    await router.isReady()
    const w = mount({ render: () => h('div', [h(DashboardView)]) }, { global: { plugins: [router] }, attachTo: document.body })
    await flushPromises()
    const count = (k: string) => w.get(`[data-testid="dashboard-count-${k}"]`).text()
    expect(count('activeCases')).toBe('18')
    expect(count('acceptedThisMonth')).toBe('7')
    expect(count('mediating')).toBe('9')
    expect(count('overdue')).toBe('3')
    expect(count('warning')).toBe('2')
    expect(count('agreedThisYear')).toBe('41')
    expect(count('closedThisYear')).toBe('52')
    expect(count('successRateThisYear')).toBe('87.2%')
    expect(w.text()).toContain('本年调解成功率')
    const items = w.findAll('[data-testid="due-item"]')
    expect(items.map((x) => x.text())).toEqual(['（2026）石调字第1号', '（2026）石调字第2号', '（2026）石援申字第4号'])
    expect(w.findAll('[data-testid="due-item-kind"]').map((x) => x.text())).toEqual(['人民调解', '人民调解', '法律援助'])
    expect(w.findAll('[data-testid="due-item-deadline"]').map((x) => x.text())).toEqual([
      '已超期5天',
      '今天到期',
      '已暂停（剩3天）',
    ])
    expect(w.text()).toContain('已超期')
    expect(w.text()).toContain('即将到期')
    expect(w.text()).not.toContain('legal_aid')
    expect(w.text()).not.toContain('paused')

    const la = (k: string) => w.get(`[data-testid="dashboard-la-count-${k}"]`).text()
    expect(la('consultationsThisMonth')).toBe('64')
    expect(la('applicationsThisMonth')).toBe('11')
    expect(la('awaitingDecision')).toBe('4')
    expect(la('supplementing')).toBe('2')
    expect(la('awaitingAssignment')).toBe('1')
    expect(la('overdue')).toBe('5')
    for (const t of ['本月咨询', '本月申请', '待审查决定', '补充材料中', '待指派']) expect(w.text()).toContain(t)

    await items[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mediation/id-2')
    await router.push('/')
    await flushPromises()
    await w.findAll('[data-testid="due-item"]')[2].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications/la-1')
    w.unmount()
  })
})
