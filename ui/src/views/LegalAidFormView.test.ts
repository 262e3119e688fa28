import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { h } from 'vue'
import { RouterView, type Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  legalAidGet: vi.fn(),
  legalAidStates: vi.fn(),
  legalAidCreate: vi.fn(),
  legalAidUpdate: vi.fn(),
  legalAidDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmDelete', 'confirmLeaveUnsaved']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { LegalAidApplication, LegalAidInput } from '../api/generated'
import LegalAidFormView from './LegalAidFormView.vue'
import { emptyLegalAidInput } from '../lib/emptyLegalAidInput'
import { FIELD_HELP, type FieldHelpKey } from '../help/fields'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, errorOf, settle } from '../test/formItems'
import { expectLimits, limitOf } from '../test/textLimits'
import { LEGAL_AID_LIMITS } from '../lib/fieldLimits'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { HEAD, TODAY, startReady } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const ID = '0193a0b0-0000-7000-8000-0000000000a1'
const OFFICE = { code: '420204100', name: '石灰窑司法所', shortName: '石', district: '西塞山区', mode: 'township' as const }

function applicationFrom(input: LegalAidInput, over: Partial<LegalAidApplication> = {}): LegalAidApplication {
  return {
    ...structuredClone(input),
    id: ID,
    officeCode: '420204100',
    applicationNo: '（2026）石援申字第5号',
    version: 1,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    deadlines: [],
    clocks: [],
    closed: false,
    ...over,
  }
}

async function mountAt(path: string, inRouterView = false): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/legal-aid/applications', name: 'legal-aid-applications', component: { render: () => h('div', { 'data-testid': 'list' }) } },
    { path: '/legal-aid/applications/:id', name: 'legal-aid-application', component: LegalAidFormView },
  ])
  return { w: await mountScreen(inRouterView ? RouterView : LegalAidFormView, { router }), router }
}

const inputValue = (w: VueWrapper, path: string) =>
  (w.get(`[data-testid="field-${path}"] input`).element as HTMLInputElement).value
const has = (w: VueWrapper, path: string) => w.find(`[data-testid="field-${path}"]`).exists()

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  startReady({ office: OFFICE, user: HEAD })
  m.codeTables.mockResolvedValue(realCodeTables())
  m.legalAidStates.mockImplementation(async (from, channel) => {
    if (channel === 'notified') return from ? [from, 'assigned'] : ['notified']
    if (!from) return ['received', 'supplementing', 'reviewing']
    return [from, 'handling', 'closed', 'terminated']
  })
})

afterEach(unmountScreen)

describe('LegalAidFormView (new application)', () => {
  it('starts from the defaults and offers the states the core allows', async () => {
    const { w } = await mountAt('/legal-aid/applications/new')
    expect(w.find('[data-testid="legal-aid-form"]').exists()).toBe(true)
    expect(w.text()).toContain('登记法律援助申请')
    expect(m.legalAidStates).toHaveBeenCalledWith(null, 'application')
    expect(w.get('[data-testid="field-state"]').text()).toContain('申请接收')
    expect(w.get('[data-testid="field-aidChannel"]').text()).toContain('依申请')
    expect(w.get('[data-testid="field-receivedVia"]').text()).toContain('当面申请')
    expect(inputValue(w, 'receivedOn')).toBe(TODAY)
    expect(inputValue(w, 'receivingOrg')).toBe('石灰窑司法所')
    expect(inputValue(w, 'competentOrg')).toBe('西塞山区法律援助中心')
    expect(w.get('[data-testid="field-acceptedOn"]').text()).toContain('受理日期')
    expect(w.get('[data-testid="field-meansBasis"]').text()).toContain('个人诚信承诺')
    expect(w.get('[data-testid="field-groups"]').text()).toContain('未成年人、老年人、妇女 按身份证号自动标记')
    for (const p of ['name', 'idNo', 'agentName', 'caseNature', 'reason', 'householdSize', 'monthlyIncome', 'notes']) {
      expect(has(w, p), p).toBe(true)
    }
    // nothing of the later stages yet
    for (const p of ['suppNoticeOn', 'decision', 'objectionOn', 'assignedOn', 'closedOn', 'fileSubmittedOn', 'meansSubReason']) {
      expect(has(w, p), p).toBe(false)
    }
    expect(w.find('[data-testid="legal-aid-clocks"]').exists()).toBe(false)
    expect(w.find('[data-testid="legal-aid-delete"]').exists()).toBe(false)
  })

  it('a notified case: states asked again, basis fixed, the notice date label', async () => {
    const { w } = await mountAt('/legal-aid/applications/new')
    await chooseField(w, 'aidChannel', 'notified')
    expect(m.legalAidStates).toHaveBeenLastCalledWith(null, 'notified')
    expect(w.get('[data-testid="field-state"]').text()).toContain('收到通知')
    expect(w.get('[data-testid="field-meansBasis"]').text()).toContain('通知辩护(代理)')
    expect(w.get('[data-testid="field-meansBasis"] .el-select__wrapper').classes()).toContain('is-disabled')
    expect(w.get('[data-testid="field-acceptedOn"]').text()).toContain('收到通知日期')
    expect(has(w, 'assignedOn')).toBe(true)
    expect(has(w, 'decision')).toBe(false)
  })

  it('shows the sections of a chosen state and the sub-reason of a basis', async () => {
    const { w } = await mountAt('/legal-aid/applications/new')
    await chooseField(w, 'state', 'supplementing')
    expect(has(w, 'suppNoticeOn')).toBe(true)
    expect(w.get('[data-testid="field-suppDueOn"] input').attributes('placeholder')).toBe('不填则按通知之日起15日')
    await chooseField(w, 'meansBasis', 'exempt')
    expect(has(w, 'meansSubReason')).toBe(true)
    expect(w.get('[data-testid="field-meansSubReason"]').text()).toContain('免予核查的情形')
    expect(has(w, 'householdSize')).toBe(false)
  })

  it('fills birth date and sex from a resident ID', async () => {
    const { w } = await mountAt('/legal-aid/applications/new')
    const id = w.get('[data-testid="field-idNo"] input')
    await id.setValue('420204198001011268')
    await id.trigger('blur')
    await flushPromises()
    expect(inputValue(w, 'birthDate')).toBe('1980-01-01')
    expect(w.get('[data-testid="field-sex"]').text()).toContain('女')
  })

  it('places field errors, then saves and moves to the id route keeping the form', async () => {
    const { w, router } = await mountAt('/legal-aid/applications/new')
    await w.get('[data-testid="field-name"] input').setValue('王芳')
    await w.get('[data-testid="field-reason"] textarea').setValue('  被拖欠工资三个月 ')
    m.legalAidCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'idNo', code: 'validation.id_number', message: '身份证号码校验位不正确' },
        { field: 'groups', code: 'required', message: '请选择人群类别' },
        { field: 'decisionOn', code: 'required', message: '请填写决定日期' },
      ],
    })
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await flushPromises()
    const sent = m.legalAidCreate.mock.calls[0][0]
    expect(sent.name).toBe('王芳')
    expect(sent.reason).toBe('被拖欠工资三个月')
    expect(sent.receivedOn).toBe(TODAY)
    expect(sent.forwardedOn).toBeNull()
    expect(sent.state).toBe('received')
    await settle()
    expect(errorOf(w, 'idNo')).toBe('身份证号码校验位不正确')
    expect(errorOf(w, 'groups')).toBe('请选择人群类别')
    expect(w.get('[data-testid="legal-aid-unmatched-errors"]').text()).toContain('请填写决定日期')

    await w.get('[data-testid="field-idNo"] input').setValue('420204198001011268')
    await settle()
    expect(errorOf(w, 'idNo')).toBe('')
    expect(errorOf(w, 'groups')).toBe('请选择人群类别')

    m.legalAidCreate.mockImplementationOnce(async (input) => applicationFrom(input))
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'groups')).toBe('')
    expect(w.get('[data-testid="legal-aid-no"]').text()).toBe('（2026）石援申字第5号')
    expect(w.get('[data-testid="legal-aid-version"]').text()).toBe('版本 1')
    expect(router.currentRoute.value.path).toBe(`/legal-aid/applications/${ID}`)
    expect(m.legalAidGet).not.toHaveBeenCalled()
    expect(m.legalAidStates).toHaveBeenLastCalledWith('received', 'application')
    expect(w.find('[data-testid="legal-aid-delete"]').exists()).toBe(true)
  })

  it('leaves an untouched new form without asking', async () => {
    const { router } = await mountAt('/legal-aid/applications/new', true)
    await router.push('/legal-aid/applications')
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications')
  })

  it('asks before leaving with unsaved changes', async () => {
    const { w, router } = await mountAt('/legal-aid/applications/new', true)
    await w.get('[data-testid="field-name"] input').setValue('王芳')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await router.push('/legal-aid/applications')
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本申请')
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications/new')
    n.confirmLeaveUnsaved.mockResolvedValue(true)
    await router.push('/legal-aid/applications')
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications')
  })
})

describe('LegalAidFormView (existing application)', () => {
  const assigned = () => {
    const input = emptyLegalAidInput('2026-11-10', OFFICE)
    Object.assign(input, {
      state: 'assigned',
      acceptedOn: '2026-11-10',
      name: '王芳',
      idNo: '420204198001011268',
      caseNature: 'civil',
      matter: 'wages',
      role: 'applicant',
      stage: 'arbitration',
      serviceForm: 'labor_arbitration',
      reason: '被拖欠工资',
      groups: ['women', 'migrant_worker'],
      decision: 'grant',
      decisionOn: '2026-11-14',
      assignedOn: '2026-11-16',
      provider: '某某律师事务所',
      handler: '赵律师',
      handlerType: 'lawyer',
    })
    return applicationFrom(input, {
      version: 3,
      deadlines: [{ title: '指派期限', dueOn: '2026-11-17', daysLeft: -10, level: 'overdue' }],
      clocks: [
        {
          rule: 'legal_aid.decide',
          title: '审查决定期限',
          ruleText: '受理之日起7日（补充材料期间不计）',
          dueOn: '2026-11-17',
          doneOn: '2026-11-14',
          status: 'on_time',
          daysLeft: null,
        },
        {
          rule: 'legal_aid.assign',
          title: '指派期限',
          ruleText: '决定给予之日起3日',
          dueOn: '2026-11-17',
          doneOn: '2026-11-18',
          status: 'late',
          daysLeft: null,
        },
        {
          rule: 'legal_aid.supplement',
          title: '补充材料期限',
          ruleText: '通知之日起15日',
          dueOn: '2026-12-01',
          doneOn: null,
          status: 'paused',
          daysLeft: 4,
        },
        {
          rule: 'legal_aid.objection',
          title: '异议审查期限',
          ruleText: '收到异议之日起5日',
          dueOn: '2026-11-24',
          doneOn: null,
          status: 'overdue',
          daysLeft: -3,
        },
      ],
    })
  }

  it('loads the application, its version, clocks and the sections of its state', async () => {
    const a = assigned()
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    expect(m.legalAidGet).toHaveBeenCalledWith(a.id)
    expect(m.legalAidStates).toHaveBeenCalledWith('assigned', 'application')
    expect(w.get('[data-testid="legal-aid-no"]').text()).toBe('（2026）石援申字第5号')
    expect(w.get('[data-testid="legal-aid-version"]').text()).toBe('版本 3')
    expect(w.get('[data-testid="legal-aid-deadlines"]').text()).toContain('指派期限：2026-11-17 到期，超期10天')
    const clocks = w.findAll('[data-testid="legal-aid-clock"]')
    expect(clocks).toHaveLength(4)
    expect(clocks[0].text()).toContain('审查决定期限')
    expect(clocks[0].text()).toContain('受理之日起7日（补充材料期间不计）')
    expect(clocks[0].text()).toContain('按时完成')
    expect(clocks[1].text()).toContain('超期完成')
    expect(clocks[2].text()).toContain('已暂停（剩4天）')
    expect(clocks[3].text()).toContain('已超期3天')
    expect(w.get('[data-testid="field-state"]').text()).toContain('已指派')
    for (const p of ['decision', 'decisionOn', 'assignedOn', 'provider', 'handler', 'handlerType', 'suppNoticeOn']) {
      expect(has(w, p), p).toBe(true)
    }
    for (const p of ['refusalReason', 'objectionOn', 'closedOn', 'fileSubmittedOn']) expect(has(w, p), p).toBe(false)
    expect(w.get('[data-testid="field-decision"]').text()).toContain('给予法律援助')
    expect(w.get('[data-testid="field-handlerType"]').text()).toContain('律师')
    expect(w.text()).not.toContain('migrant_worker')
  })

  it('updates with the loaded version and shows the new one', async () => {
    const a = assigned()
    m.legalAidGet.mockResolvedValue(a)
    m.legalAidUpdate.mockImplementation(async (id, version, input) => applicationFrom(input, { id, version: version + 1 }))
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    await chooseField(w, 'state', 'closed')
    expect(has(w, 'closedOn')).toBe(true)
    expect(has(w, 'closeMode')).toBe(true)
    expect(has(w, 'terminatedOn')).toBe(false)
    await w.get('[data-testid="field-recovered"] input').setValue('18000.00')
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await flushPromises()
    const [id, version, input] = m.legalAidUpdate.mock.calls[0]
    expect(id).toBe(a.id)
    expect(version).toBe(3)
    expect(input.state).toBe('closed')
    expect(input.recovered).toBe('18000.00')
    expect(input.groups).toEqual(['women', 'migrant_worker'])
    expect('clocks' in input).toBe(false)
    expect(w.get('[data-testid="legal-aid-version"]').text()).toBe('版本 4')
  })

  it('saves with Ctrl+S and shows the conflict notice when the version is stale', async () => {
    const a = assigned()
    m.legalAidGet.mockResolvedValue(a)
    m.legalAidUpdate.mockRejectedValue({ code: 'conflict.version', message: '申请已被他人修改，请重新加载', fields: [] })
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.legalAidUpdate).toHaveBeenCalledTimes(1)
    expect(w.find('[data-testid="legal-aid-conflict"]').exists()).toBe(true)
    expect(w.get('[data-testid="legal-aid-version"]').text()).toBe('版本 3')
  })

  it('deletes after confirmation and goes back to the list', async () => {
    const a = assigned()
    m.legalAidGet.mockResolvedValue(a)
    m.legalAidDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    const { w, router } = await mountAt(`/legal-aid/applications/${a.id}`)
    await w.get('[data-testid="legal-aid-delete"]').trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026）石援申字第5号', '法律援助申请')
    expect(m.legalAidDelete).toHaveBeenCalledWith(a.id, 3)
    expect(router.currentRoute.value.path).toBe('/legal-aid/applications')
  })

  it('never hides a field that holds a value', async () => {
    const a = assigned()
    a.state = 'handling'
    a.objectionOn = '2026-11-12'
    a.refusalReason = '旧的理由'
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    expect(has(w, 'objectionOn')).toBe(true)
    expect(has(w, 'refusalReason')).toBe(true)
  })

  /** A granted application, not yet assigned; the core lets it move on to 已指派. */
  const granted = () => {
    const a = assigned()
    Object.assign(a, { state: 'granted', assignedOn: null, provider: '', handler: '', handlerType: null, deadlines: [], clocks: [] })
    m.legalAidStates.mockImplementation(async (from) => [from ?? 'received', 'assigned', 'handling', 'closed', 'terminated'])
    return a
  }
  const typeDate = async (w: VueWrapper, path: string, value: string) => {
    const input = w.get(`[data-testid="field-${path}"] input`)
    await input.setValue(value)
    await input.trigger('change')
    await flushPromises()
  }

  it('offers 已指派 under a 指派日期 entered while the application waits for its assignment', async () => {
    const a = granted()
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    expect(w.find('[data-testid="state-offer-assignedOn"]').exists()).toBe(false)
    await typeDate(w, 'assignedOn', '2026-11-16')
    const offer = w.get('[data-testid="field-assignedOn"] [data-testid="state-offer-assignedOn"]')
    expect(offer.text().replace(/\s+/g, '')).toBe('状态仍为「给予(待指派)」。改为已指派')
    await offer.get('[data-testid="state-offer-assignedOn-assigned"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="field-state"]').text()).toContain('已指派')
    expect(w.find('[data-testid="state-offer-assignedOn"]').exists()).toBe(false)
    // 承办机构 … are now required with the date
    expect(w.get('[data-testid="field-provider"]').classes()).toContain('is-required')

    m.legalAidUpdate.mockImplementation(async (id, version, input) => applicationFrom(input, { id, version: version + 1 }))
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await flushPromises()
    expect(m.legalAidUpdate.mock.calls[0]![2]).toMatchObject({ state: 'assigned', assignedOn: '2026-11-16' })
  })

  it('answers the core\'s "请先将状态改为" on the date when the offered state is taken', async () => {
    const a = granted()
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    await typeDate(w, 'assignedOn', '2026-11-16')
    const message = '已填写指派日期，请先将状态改为“已指派”'
    m.legalAidUpdate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [{ field: 'assignedOn', code: 'validation.state_ahead', message }],
    })
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'assignedOn')).toBe(message)
    await w.get('[data-testid="state-offer-assignedOn-assigned"]').trigger('click')
    await settle()
    expect(errorOf(w, 'assignedOn')).toBe('')
  })

  it('offers no state the core does not allow from the saved one', async () => {
    const a = granted()
    m.legalAidStates.mockImplementation(async (from) => [from ?? 'received'])
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    await typeDate(w, 'assignedOn', '2026-11-16')
    expect(w.find('[data-testid="state-offer-assignedOn"]').exists()).toBe(false)
  })

  it('offers the decided states under a 决定日期 entered during the review', async () => {
    const a = granted()
    Object.assign(a, { state: 'reviewing', decision: null, decisionOn: null })
    m.legalAidStates.mockImplementation(async () => ['reviewing', 'granted', 'provisional', 'refused'])
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    await typeDate(w, 'decisionOn', '2026-11-14')
    const offer = w.get('[data-testid="state-offer-decisionOn"]')
    expect(offer.text().replace(/\s+/g, '')).toBe('状态仍为「审查中」。改为给予(待指派)改为先行提供改为不予')
    await offer.get('[data-testid="state-offer-decisionOn-refused"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="field-state"]').text()).toContain('不予')
    expect(w.get('[data-testid="field-decision"]').text()).toContain('不予法律援助')
    expect(has(w, 'refusalReason')).toBe(true)
    expect(w.find('[data-testid="state-offer-decisionOn"]').exists()).toBe(false)
  })

  it('shows the limit of every text field as it is typed, and lets every select be narrowed by typing', async () => {
    const a = assigned()
    a.decision = 'provisional'
    a.state = 'provisional'
    a.refusalReason = '旧的理由'
    a.suppNoticeOn = '2026-11-11'
    m.legalAidGet.mockResolvedValue(a)
    const { w } = await mountAt(`/legal-aid/applications/${a.id}`)
    const texts = Object.fromEntries(Object.entries(LEGAL_AID_LIMITS).filter(([k]) => k !== 'idNo' && k !== 'agentIdNo'))
    expectLimits(w, texts)
    expect(limitOf(w, 'handler').counter).toBe(`3 / ${LEGAL_AID_LIMITS.handler}`)
    expect(limitOf(w, 'idNo')).toEqual({ max: String(LEGAL_AID_LIMITS.idNo), counter: '' })
    expect(limitOf(w, 'agentIdNo')).toEqual({ max: String(LEGAL_AID_LIMITS.agentIdNo), counter: '' })
    const selects = w.findAllComponents(ElSelect)
    expect(selects.length).toBeGreaterThan(15)
    for (const s of selects) expect(s.props('filterable')).toBe(true)
  })
})

describe('LegalAidFormView (legal help beside the labels)', () => {
  const tipOf = (w: VueWrapper, path: string) => w.find(`[data-testid="field-${path}"] [data-testid="field-help"]`)
  const expectTip = (w: VueWrapper, path: string, key: FieldHelpKey) =>
    expect(tipOf(w, path).attributes('aria-label'), path).toBe(FIELD_HELP[key].text)

  it('explains 转交日期, 先行提供 and the dates that start a legal clock', async () => {
    const input = emptyLegalAidInput('2026-11-20', OFFICE)
    Object.assign(input, {
      state: 'provisional',
      acceptedOn: '2026-11-20',
      decision: 'provisional',
      decisionOn: '2026-11-21',
      provisionalReason: '距诉讼时效届满不足7日',
    })
    m.legalAidGet.mockResolvedValue(applicationFrom(input))
    const { w } = await mountAt(`/legal-aid/applications/${ID}`)
    expectTip(w, 'receivedOn', 'legalAid.receivedOn')
    expectTip(w, 'forwardedOn', 'legalAid.forwardedOn')
    expectTip(w, 'acceptedOn', 'legalAid.acceptedOn')
    expectTip(w, 'meansBasis', 'legalAid.meansBasis')
    expectTip(w, 'decision', 'legalAid.decision')
    expectTip(w, 'decisionOn', 'legalAid.decisionOn')
    expectTip(w, 'provisionalReason', 'legalAid.provisional')
    expectTip(w, 'assignedOn', 'legalAid.assignedOn')
    // the labels read as before; a field of no legal clock has no question mark
    expect(w.get('[data-testid="field-forwardedOn"] .el-form-item__label').text()).toBe('转交日期')
    expect(w.get('[data-testid="field-provisionalReason"] .el-form-item__label').text()).toBe('先行提供法律援助的理由')
    expect(tipOf(w, 'name').exists()).toBe(false)
  })

  it('explains 收到通知日期 of a notified case instead of 受理日期', async () => {
    const { w } = await mountAt('/legal-aid/applications/new')
    expectTip(w, 'acceptedOn', 'legalAid.acceptedOn')
    await chooseField(w, 'aidChannel', 'notified')
    expect(w.get('[data-testid="field-acceptedOn"] .el-form-item__label').text()).toBe('收到通知日期')
    expectTip(w, 'acceptedOn', 'legalAid.notifiedOn')
  })
})
