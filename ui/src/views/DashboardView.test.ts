import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

vi.mock('../api', () => ({ dashboard: vi.fn(), codeTables: vi.fn(), correctionEventCreate: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import type { CorrectionSubject, CorrectionTask, CorrectionToday, Dashboard } from '../api/generated'
import DashboardView from './DashboardView.vue'
import { emptyCorrectionEventInput } from '../lib/emptyCorrectionEventInput'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { correctionQueryCodec, defaultCorrectionFilter } from '../lib/correctionFilterQuery'
import { defaultFilter, mediationQueryCodec, type RawQuery } from '../lib/filterQuery'
import { defaultLegalAidFilter, legalAidQueryCodec } from '../lib/legalAidFilterQuery'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { STAFF, TODAY, logIn } from '../test/session'

const m = vi.mocked(api)

const noCorrection = (): CorrectionToday => ({
  registered: 0,
  awaitingReport: 0,
  dueToday: 0,
  late: 0,
  away: 0,
  endingSoon: 0,
  tasks: [],
})

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  logIn(STAFF)
  m.codeTables.mockResolvedValue(realCodeTables())
})

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
      correction: noCorrection(),
      holidayYearsMissing: [],
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/', component: DashboardView },
        { path: '/mediation/:id', component: { render: () => h('div', 'case') } },
        { path: '/legal-aid/applications/:id', component: { render: () => h('div', 'application') } },
        { path: '/mediation', component: { render: () => h('div', 'mediation list') } },
        { path: '/legal-aid/applications', component: { render: () => h('div', 'application list') } },
        { path: '/correction', component: { render: () => h('div', 'subject list') } },
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

const task = (over: Partial<CorrectionTask>): CorrectionTask => ({
  group: 'today',
  subjectId: 's1',
  subjectCode: '420204-2026-001',
  name: '张三',
  correctionType: 'probation',
  duty: null,
  away: null,
  hint: null,
  ...over,
})

const duty = (kind: string, title: string, daysLeft: number, level: 'overdue' | 'warning' | 'upcoming', detail = '') => ({
  kind,
  title,
  dueOn: '2026-11-27',
  daysLeft,
  level,
  detail,
})

function dashboardWith(correction: CorrectionToday): Dashboard {
  return {
    today: TODAY,
    counts: {
      activeCases: 0,
      acceptedThisMonth: 0,
      mediating: 0,
      overdue: 0,
      warning: 0,
      agreedThisYear: 0,
      closedThisYear: 0,
      successRateThisYear: null,
    },
    legalAid: {
      consultationsThisMonth: 0,
      applicationsThisMonth: 0,
      awaitingDecision: 0,
      supplementing: 0,
      awaitingAssignment: 0,
      overdue: 0,
    },
    dueItems: [],
    correction,
    holidayYearsMissing: [],
  }
}

let view: VueWrapper | null = null

async function mountDashboard(): Promise<{ w: VueWrapper; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: DashboardView },
      { path: '/correction/:id', component: { render: () => h('div', { 'data-testid': 'subject' }) } },
      { path: '/mediation', component: { render: () => h('div', 'mediation list') } },
      { path: '/legal-aid/applications', component: { render: () => h('div', 'application list') } },
      { path: '/correction', component: { render: () => h('div', 'subject list') } },
      { path: '/settings/holidays', component: { render: () => h('div', { 'data-testid': 'holidays' }) } },
    ],
  })
  await router.push('/')
  await router.isReady()
  view = mount({ render: () => h('div', [h(DashboardView)]) }, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { w: view, router }
}

afterEach(() => {
  view?.unmount()
  view = null
})

describe('DashboardView: 社区矫正 今日任务', () => {
  const today = (): CorrectionToday => ({
    registered: 37,
    awaitingReport: 2,
    dueToday: 4,
    late: 3,
    away: 1,
    endingSoon: 5,
    tasks: [
      task({
        group: 'late',
        subjectId: 's-late',
        subjectCode: '420204-2026-003',
        name: '李*',
        duty: duty('report', '定期报告', -12, 'overdue', '普管每月报告2次；上次2026-10-31'),
        hint: { sanction: 'warning', level: null, text: '未按规定报告，已逾期12日（超过十日），建议提请警告' },
      }),
      task({ group: 'today', subjectId: 's-edu', duty: duty('education', '教育学习', 0, 'warning', '本月教育学习已完成2小时，应完成8小时') }),
      task({
        group: 'away',
        subjectId: 's-away',
        name: '王强',
        correctionType: 'parole',
        away: { destination: '武汉市', leaveFrom: '2026-11-25', leaveTo: '2026-11-30' },
      }),
      task({ group: 'ending', subjectId: 's-end', correctionType: 'control', duty: duty('term_end', '矫正期满', 5, 'warning', '矫正期满日2026-12-02') }),
    ],
  })

  it('shows the counts and every group of tasks', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(today()))
    const { w } = await mountDashboard()
    const section = w.get('[data-testid="correction-today"]')
    const count = (k: string) => section.get(`[data-testid="dashboard-corr-count-${k}"]`).text()
    expect(count('registered')).toBe('37')
    expect(count('awaitingReport')).toBe('2')
    expect(count('dueToday')).toBe('4')
    expect(count('late')).toBe('3')
    expect(count('away')).toBe('1')
    expect(count('endingSoon')).toBe('5')
    for (const t of ['在册', '待报到', '今日应办', '已逾期', '外出中', '即将期满']) expect(section.text()).toContain(t)
    expect(w.get('[data-testid="correction-count-note"]').text()).toBe('人数按对象计')

    expect(section.findAll('[data-testid="correction-task"]')).toHaveLength(4)
    expect(section.findAll('[data-testid="correction-task-group"]').map((x) => x.text())).toEqual([
      '已逾期',
      '今日应办',
      '外出中',
      '即将期满',
    ])
    const names = section.findAll('[data-testid="correction-task-name"]')
    expect(names[0].text()).toBe('420204-2026-003 李*')
    const duties = section.findAll('[data-testid="correction-task-duty"]').map((x) => x.text())
    expect(duties[0]).toContain('定期报告')
    expect(duties[0]).toContain('普管每月报告2次')
    expect(duties[2]).toBe('外出至武汉市（2026-11-25至2026-11-30）')
    const due = section.findAll('[data-testid="correction-task-due"]').map((x) => x.text())
    expect(due[0]).toContain('已逾期12天')
    expect(due[1]).toContain('今日到期')
    expect(due[3]).toContain('剩5天')
    expect(section.findAll('[data-testid="correction-task-hint"]').map((x) => x.text())).toEqual([
      '未按规定报告，已逾期12日（超过十日），建议提请警告',
      '—',
      '—',
      '—',
    ])
    expect(section.text()).toContain('缓刑')
    expect(section.text()).toContain('假释')
    expect(section.text()).toContain('管制')
    // 登记 for duties met by an event, 查看 for the others and for leave
    expect(section.findAll('[data-testid="correction-task-record"]')).toHaveLength(2)
    expect(section.findAll('[data-testid="correction-task-open"]')).toHaveLength(2)
    for (const raw of ['probation', 'term_end', 'overdue', 'late', 'education']) expect(section.text()).not.toContain(raw)
    expect(section.find('[data-testid="correction-today-empty"]').exists()).toBe(false)
  })

  it('a 交付接收 task is looked at on the subject page, like 报到', async () => {
    m.dashboard.mockResolvedValue(
      dashboardWith({
        ...today(),
        tasks: [
          task({ group: 'today', subjectId: 's-in', duty: duty('report_in', '报到', 0, 'warning', '判决生效后10日内报到') }),
          task({
            group: 'late',
            subjectId: 's-hand',
            correctionType: 'temporary',
            duty: duty('handover', '交付接收', -2, 'overdue', '暂予监外执行决定后交付接收'),
          }),
        ],
      }),
    )
    const { w, router } = await mountDashboard()
    const rows = w.findAll('[data-testid="correction-task"]')
    expect(rows).toHaveLength(2)
    expect(w.findAll('[data-testid="correction-task-record"]')).toHaveLength(0)
    expect(rows[1].get('[data-testid="correction-task-duty"]').text()).toContain('交付接收')
    expect(rows[1].get('[data-testid="correction-task-open"]').text()).toBe('查看')
    expect(rows[1].text()).not.toContain('handover')
    await rows[1].get('[data-testid="correction-task-open"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-hand')
    expect(w.find('[data-testid="correction-event-dialog"] [data-testid="field-kind"]').exists()).toBe(false)
  })

  it('opens the subject from 查看 and from the name', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(today()))
    const { w, router } = await mountDashboard()
    const rows = w.findAll('[data-testid="correction-task"]')
    await rows[2].get('[data-testid="correction-task-open"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-away')
    await router.push('/')
    await flushPromises()
    await w.findAll('[data-testid="correction-task-name"]')[3].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-end')
  })

  it('records a task in the event dialog, prefilled, and reloads', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(today()))
    const answer: CorrectionSubject = {
      ...emptyCorrectionSubjectInput(),
      id: 's-edu',
      officeCode: '420204100',
      isMinor: false,
      version: 2,
      createdAt: '',
      updatedAt: '',
      createdBy: '',
      updatedBy: '',
      supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 },
      events: [],
      closed: false,
    }
    m.correctionEventCreate.mockResolvedValue(answer)
    const { w } = await mountDashboard()
    const rows = w.findAll('[data-testid="correction-task"]')
    await rows[1].get('[data-testid="correction-task-record"]').trigger('click')
    await flushPromises()
    const dialog = w.get('[data-testid="correction-event-dialog"]')
    expect(dialog.get('[data-testid="field-kind"]').text()).toContain('教育学习')
    expect((dialog.get('[data-testid="field-eventOn"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect((dialog.get('[data-testid="field-hours"] input').element as HTMLInputElement).value).toBe('2.0')
    expect((dialog.get('[data-testid="field-staff"] input').element as HTMLInputElement).value).toBe('王五')
    await dialog.get('[data-testid="field-content"] textarea').setValue('法治教育讲座')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionEventCreate).toHaveBeenCalledWith('s-edu', {
      ...emptyCorrectionEventInput('education', TODAY, '王五'),
      hours: 2,
      content: '法治教育讲座',
    })
    expect(m.dashboard).toHaveBeenCalledTimes(2)
  })

  it('a report task opens the dialog as 当面报告', async () => {
    const t = today()
    t.tasks = [task({ subjectId: 's-r', duty: duty('report', '定期报告', 0, 'warning') })]
    m.dashboard.mockResolvedValue(dashboardWith(t))
    const { w } = await mountDashboard()
    await w.get('[data-testid="correction-task-record"]').trigger('click')
    await flushPromises()
    const dialog = w.get('[data-testid="correction-event-dialog"]')
    expect(dialog.get('[data-testid="field-kind"]').text()).toContain('报告')
    expect(dialog.get('[data-testid="field-reportMode"]').text()).toContain('当面报告')
  })

  it('labels a 社区矫正 due item and opens its subject', async () => {
    m.dashboard.mockResolvedValue({
      ...dashboardWith(noCorrection()),
      dueItems: [
        {
          recordKind: 'correction',
          recordId: 's-due',
          caseNo: '420204-2026-007',
          partiesText: '赵六',
          deadline: { title: '矫正期满', dueOn: '2026-11-30', daysLeft: 3, level: 'warning' },
        },
      ],
    })
    const { w, router } = await mountDashboard()
    expect(w.get('[data-testid="due-item-kind"]').text()).toBe('社区矫正')
    await w.get('[data-testid="due-item"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/correction/s-due')
  })

  it('says when there is nothing to do today', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(noCorrection()))
    const { w } = await mountDashboard()
    expect(w.get('[data-testid="correction-today-empty"]').text()).toBe('今日无社区矫正任务')
    expect(w.findAll('[data-testid="correction-task"]')).toHaveLength(0)
    expect(w.get('[data-testid="dashboard-corr-count-registered"]').text()).toBe('0')
  })
})

describe('DashboardView: a count opens its list, filtered', () => {
  const LINKED: { card: string; path: string; query: Record<string, string> }[] = [
    { card: 'acceptedThisMonth', path: '/mediation', query: { from: '2026-11-01', to: TODAY } },
    { card: 'mediating', path: '/mediation', query: { state: 'mediating' } },
    { card: 'overdue', path: '/mediation', query: { overdue: '1' } },
    { card: 'la-applicationsThisMonth', path: '/legal-aid/applications', query: { from: '2026-11-01', to: TODAY } },
    { card: 'la-supplementing', path: '/legal-aid/applications', query: { state: 'supplementing' } },
    { card: 'la-overdue', path: '/legal-aid/applications', query: { overdue: '1' } },
    { card: 'corr-awaitingReport', path: '/correction', query: { state: 'awaiting_report' } },
    { card: 'corr-late', path: '/correction', query: { late: '1' } },
  ]

  for (const { card, path, query } of LINKED) {
    it(`${card} opens ${path} with its filter`, async () => {
      m.dashboard.mockResolvedValue(dashboardWith(noCorrection()))
      const { w, router } = await mountDashboard()
      const link = w.get(`[data-testid="dashboard-card-${card}"]`)
      // A real link: reached by Tab, opened by Enter, and its address is the list's.
      expect(link.element.tagName).toBe('A')
      expect(link.attributes('href')).toBe(router.resolve({ path, query }).href)
      expect(link.attributes('title')).toMatch(/^查看/)
      await link.trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.path).toBe(path)
      expect(router.currentRoute.value.query).toEqual(query)
    })
  }

  it('the filters are those of the lists themselves', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(noCorrection()))
    const { w, router } = await mountDashboard()
    const open = async (card: string) => {
      await router.push('/')
      await flushPromises()
      await w.get(`[data-testid="dashboard-card-${card}"]`).trigger('click')
      await flushPromises()
      return router.currentRoute.value.query as RawQuery
    }
    expect(mediationQueryCodec.fromQuery(await open('acceptedThisMonth'))).toEqual({
      ...defaultFilter(),
      acceptedFrom: '2026-11-01',
      acceptedTo: TODAY,
    })
    expect(legalAidQueryCodec.fromQuery(await open('la-overdue'))).toEqual({ ...defaultLegalAidFilter(), overdueOnly: true })
    // 已逾期 counts the subjects not yet out of correction: the list's default 未解除.
    expect(correctionQueryCodec.fromQuery(await open('corr-late'))).toEqual({ ...defaultCorrectionFilter(), lateOnly: true })
  })

  it('leaves a figure no filter expresses as plain text', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(noCorrection()))
    const { w } = await mountDashboard()
    const unlinked = [
      'dashboard-count-activeCases',
      'dashboard-count-warning',
      'dashboard-count-agreedThisYear',
      'dashboard-count-closedThisYear',
      'dashboard-count-successRateThisYear',
      'dashboard-la-count-consultationsThisMonth',
      'dashboard-la-count-awaitingDecision',
      'dashboard-la-count-awaitingAssignment',
      'dashboard-corr-count-registered',
      'dashboard-corr-count-dueToday',
      'dashboard-corr-count-away',
      'dashboard-corr-count-endingSoon',
    ]
    for (const id of unlinked) {
      const value = w.get(`[data-testid="${id}"]`).element
      expect(value.closest('a, button, [role="button"], [role="link"], [tabindex]'), id).toBeNull()
    }
    expect(w.find('[data-testid="dashboard-card-activeCases"]').exists()).toBe(false)
    expect(w.findAll('[data-testid^="dashboard-card-"]')).toHaveLength(LINKED.length)
    expect(w.findAll('a.stat-card')).toHaveLength(LINKED.length)
  })

  it('links nothing before the counts are shown', async () => {
    m.dashboard.mockReturnValue(new Promise(() => {}))
    const { w } = await mountDashboard()
    expect(w.get('[data-testid="dashboard-count-mediating"]').text()).toBe('—')
    expect(w.find('[data-testid="dashboard-card-mediating"]').exists()).toBe(false)
    expect(w.findAll('a.stat-card')).toHaveLength(0)
  })
})

describe('DashboardView: 节假日安排', () => {
  it('warns when a year the legal clocks need has no holidays, and leads to the calendar', async () => {
    m.dashboard.mockResolvedValue({ ...dashboardWith(noCorrection()), holidayYearsMissing: [2027] })
    const { w, router } = await mountDashboard()
    const alert = w.get('[data-testid="dashboard-holiday-missing"]')
    expect(alert.get('[data-testid="dashboard-holiday-missing-text"]').text()).toBe(
      '尚未录入2027年的节假日安排。法定期限按工作日计算，缺少节假日会算错期限。',
    )
    expect(alert.text()).toContain('导入区司法局下发的节假日安排文件')
    await alert.get('[data-testid="dashboard-holiday-link"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/settings/holidays')
  })

  it('names every missing year', async () => {
    m.dashboard.mockResolvedValue({ ...dashboardWith(noCorrection()), holidayYearsMissing: [2026, 2027] })
    const { w } = await mountDashboard()
    expect(w.get('[data-testid="dashboard-holiday-missing-text"]').text()).toBe(
      '尚未录入2026年、2027年的节假日安排。法定期限按工作日计算，缺少节假日会算错期限。',
    )
  })

  it('says nothing when the calendar has every year needed, or before the answer', async () => {
    m.dashboard.mockResolvedValue(dashboardWith(noCorrection()))
    const { w } = await mountDashboard()
    expect(w.find('[data-testid="dashboard-holiday-missing"]').exists()).toBe(false)
    view?.unmount()
    m.dashboard.mockReturnValue(new Promise(() => {}))
    const again = await mountDashboard()
    expect(again.w.find('[data-testid="dashboard-holiday-missing"]').exists()).toBe(false)
  })
})
