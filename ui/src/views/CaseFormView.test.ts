import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  mediationGet: vi.fn(),
  mediationCreate: vi.fn(),
  mediationUpdate: vi.fn(),
  mediationDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmChoice', 'showInfo']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { MediationCase, MediationCaseInput } from '../api/generated'
import CaseFormView from './CaseFormView.vue'
import { hasUnsavedWork, resetUnsavedChanges } from '../composables/useUnsavedChanges'
import { emptyFollowUp, emptyMediationInput } from '../lib/emptyMediationInput'
import { FIELD_HELP, type FieldHelpKey } from '../help/fields'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, errorOf, settle } from '../test/formItems'
import { expectLimits, limitOf } from '../test/textLimits'
import { FOLLOW_UP_LIMITS, MEDIATION_LIMITS, PARTY_LIMITS, SESSION_LIMITS } from '../lib/fieldLimits'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { HEAD, STAFF, TODAY, logIn, startReady } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

function caseFrom(input: MediationCaseInput, over: Partial<MediationCase> = {}): MediationCase {
  return {
    ...structuredClone(input),
    id: '0193a0b0-0000-7000-8000-000000000001',
    officeCode: '420204100',
    caseNo: '（2026）石调字第3号',
    version: 1,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    deadlines: [],
    closed: false,
    ...over,
  }
}

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/mediation', name: 'mediation', component: { render: () => h('div', { 'data-testid': 'list' }) } },
    { path: '/mediation/:id', name: 'mediation-case', component: CaseFormView },
  ])
  return { w: await mountScreen(CaseFormView, { router }), router }
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  startReady({ user: HEAD })
  for (const f of Object.values(m)) (f as ReturnType<typeof vi.fn>).mockReset()
  n.confirmChoice.mockReset()
  n.showInfo.mockReset()
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(() => {
  unmountScreen()
  resetUnsavedChanges()
})

const valueOf = (w: VueWrapper, path: string) =>
  (w.get(`[data-testid="field-${path}"] input`).element as HTMLInputElement).value

describe('CaseFormView (new case)', () => {
  it('starts from emptyMediationInput(today) and shows labels', async () => {
    const { w } = await mountAt('/mediation/new')
    expect(w.text()).toContain('新建调解案件')
    expect((w.get('[data-testid="field-acceptedOn"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect((w.get('[data-testid="field-rightsNoticeOn"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect(w.find('[data-testid="field-parties.0.name"] input').exists()).toBe(true)
    expect(w.find('[data-testid="field-parties.1.idNo"] input').exists()).toBe(true)
    expect(w.find('[data-testid="field-parties.2.name"]').exists()).toBe(false)
    expect(w.get('[data-testid="field-state"]').text()).toContain('已受理')
    expect(w.get('[data-testid="field-parties.0.idType"]').text()).toContain('居民身份证')
    expect(w.get('[data-testid="party-remove-0"]').attributes('disabled')).toBeDefined()
    // no result fields for an accepted case, no follow-ups
    expect(w.find('[data-testid="field-closedOn"]').exists()).toBe(false)
    expect(w.find('[data-testid="followup-add"]').exists()).toBe(false)
  })

  it('places field errors on their form items, clears them on edit, then saves', async () => {
    const { w, router } = await mountAt('/mediation/new')
    await w.get('[data-testid="field-summary"] textarea').setValue('邻里排水沟纠纷')
    await w.get('[data-testid="field-parties.0.name"] input').setValue('张三')
    await w.get('[data-testid="field-parties.0.idNo"] input').setValue('420204198001011235')
    await w.get('[data-testid="field-parties.1.name"] input').setValue('李四')
    await w.get('[data-testid="field-mediators"] input').setValue('王五、赵六 钱七')

    m.mediationCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'parties.0.idNo', code: 'validation.id_number', message: '身份证号码校验位不正确' },
        { field: 'disputeType', code: 'required', message: '请选择纠纷类型' },
        { field: 'closedOn', code: 'required', message: '请填写结案日期' },
      ],
    })
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()

    const sent = m.mediationCreate.mock.calls[0][0]
    expect(sent.mediators).toEqual(['王五', '赵六', '钱七'])
    expect(sent.parties[0]).toMatchObject({ name: '张三', idNo: '420204198001011235', idType: 'resident_id' })
    expect(sent.acceptedOn).toBe(TODAY)
    expect(sent.disputeType).toBe('')
    expect(sent.occurredOn).toBeNull()
    await settle()

    expect(errorOf(w, 'parties.0.idNo')).toBe('身份证号码校验位不正确')
    expect(errorOf(w, 'disputeType')).toBe('请选择纠纷类型')
    expect(errorOf(w, 'summary')).toBe('')
    expect(w.get('[data-testid="case-unmatched-errors"]').text()).toContain('请填写结案日期')

    await w.get('[data-testid="field-parties.0.idNo"] input').setValue('42020419800101123X')
    await settle()
    expect(errorOf(w, 'parties.0.idNo')).toBe('')
    expect(errorOf(w, 'disputeType')).toBe('请选择纠纷类型')

    m.mediationCreate.mockImplementationOnce(async (input) => caseFrom(input))
    await w.get('[data-testid="case-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'disputeType')).toBe('')
    expect(w.find('[data-testid="case-unmatched-errors"]').exists()).toBe(false)
    expect(w.get('[data-testid="case-caseno"]').text()).toBe('（2026）石调字第3号')
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 1')
    expect(router.currentRoute.value.path).toBe('/mediation/0193a0b0-0000-7000-8000-000000000001')
    expect(m.mediationGet).not.toHaveBeenCalled()
    expect((w.get('[data-testid="field-mediators"] input').element as HTMLInputElement).value).toBe('王五、赵六、钱七')
  })

  it('makes the logged-in user the mediator of a new case, without counting that as a change', async () => {
    logIn(STAFF)
    const { w } = await mountAt('/mediation/new')
    expect(valueOf(w, 'mediators')).toBe('王五')
    expect(hasUnsavedWork()).toBe(false)
    await w.get('[data-testid="field-mediators"] input').setValue('赵六、王五')
    m.mediationCreate.mockImplementationOnce(async (input) => caseFrom(input))
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationCreate.mock.calls[0][0].mediators).toEqual(['赵六', '王五'])
  })

  it('fills 出生日期 and 性别 from a resident ID as soon as the number is typed', async () => {
    const { w } = await mountAt('/mediation/new')
    const idNo = w.get('[data-testid="field-parties.0.idNo"] input')
    await idNo.setValue('420204201203041240')
    await idNo.trigger('blur')
    await flushPromises()
    expect(valueOf(w, 'parties.0.birthDate')).toBe('2012-03-04')
    expect(w.get('[data-testid="field-parties.0.sex"]').text()).toContain('女')
    // What the user entered stays.
    await chooseField(w, 'parties.1.sex', 'male')
    const second = w.get('[data-testid="field-parties.1.idNo"] input')
    await second.setValue('420204198001011224')
    await second.trigger('blur')
    await flushPromises()
    expect(valueOf(w, 'parties.1.birthDate')).toBe('1980-01-01')
    expect(w.get('[data-testid="field-parties.1.sex"]').text()).toContain('男')
  })

  it('brings today into 结案日期 when the state closes the case', async () => {
    const { w } = await mountAt('/mediation/new')
    await chooseField(w, 'state', 'withdrawn')
    expect(valueOf(w, 'closedOn')).toBe(TODAY)
    m.mediationCreate.mockImplementationOnce(async (input) => caseFrom(input))
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationCreate.mock.calls[0][0]).toMatchObject({ state: 'withdrawn', closedOn: TODAY })
  })

  it('adds parties and sessions with their own field paths', async () => {
    const { w } = await mountAt('/mediation/new')
    await w.get('[data-testid="party-add"]').trigger('click')
    await w.get('[data-testid="session-add"]').trigger('click')
    expect(w.find('[data-testid="field-parties.2.name"] input').exists()).toBe(true)
    expect((w.get('[data-testid="field-sessions.0.date"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect(w.get('[data-testid="party-remove-0"]').attributes('disabled')).toBeUndefined()
    await w.get('[data-testid="party-remove-2"]').trigger('click')
    expect(w.find('[data-testid="field-parties.2.name"]').exists()).toBe(false)
  })

  it('shows the limit of every text field as it is typed, as the core checks it', async () => {
    const { w } = await mountAt('/mediation/new')
    await chooseField(w, 'state', 'agreed')
    await chooseField(w, 'judicialConfirm', 'applied')
    await w.get('[data-testid="session-add"]').trigger('click')
    await w.get('[data-testid="followup-add"]').trigger('click')
    expectLimits(w, {
      place: MEDIATION_LIMITS.place,
      recorder: MEDIATION_LIMITS.recorder,
      summary: MEDIATION_LIMITS.summary,
      agreementNo: MEDIATION_LIMITS.agreementNo,
      judicialCourt: MEDIATION_LIMITS.judicialCourt,
      terms: MEDIATION_LIMITS.terms,
      'parties.1.name': PARTY_LIMITS.name,
      'parties.1.occupation': PARTY_LIMITS.occupation,
      'parties.1.agent': PARTY_LIMITS.agent,
      'parties.1.address': PARTY_LIMITS.address,
      'sessions.0.place': SESSION_LIMITS.place,
      'sessions.0.attendees': SESSION_LIMITS.attendees,
      'sessions.0.summary': SESSION_LIMITS.summary,
      'followUps.0.visitor': FOLLOW_UP_LIMITS.visitor,
      'followUps.0.measures': FOLLOW_UP_LIMITS.measures,
    })
    await w.get('[data-testid="field-summary"] textarea').setValue('邻里因排水沟发生争执')
    expect(limitOf(w, 'summary').counter).toBe(`10 / ${MEDIATION_LIMITS.summary}`)
    // An ID number stops at the longest kind of ID, without a counter.
    expect(limitOf(w, 'parties.0.idNo')).toEqual({ max: String(PARTY_LIMITS.idNo), counter: '' })
  })

  it('lets the user type to narrow every select', async () => {
    const { w } = await mountAt('/mediation/new')
    await chooseField(w, 'state', 'agreed')
    const selects = w.findAllComponents(ElSelect)
    expect(selects.length).toBeGreaterThan(15)
    for (const s of selects) expect(s.props('filterable'), s.attributes('class')).toBe(true)
  })
})

describe('CaseFormView (existing case)', () => {
  const base = () => {
    const input = emptyMediationInput('2026-10-20')
    input.state = 'agreed'
    input.disputeType = 'neighbour'
    input.summary = '邻里纠纷'
    input.mediators = ['王五', '赵六']
    input.agreementForm = 'written'
    input.judicialConfirm = 'applied'
    input.judicialCourt = '西塞山区人民法院'
    input.prevention = [{ kind: 'group_fight', persons: 7 }]
    input.parties[0].name = '张三'
    input.parties[1].name = '李四'
    return caseFrom(input, {
      version: 3,
      deadlines: [{ title: '调解期限', dueOn: '2026-11-19', daysLeft: -8, level: 'overdue' }],
    })
  }

  it('loads the case, shows its version, deadlines and state-specific fields', async () => {
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    const { w } = await mountAt(`/mediation/${c.id}`)
    expect(m.mediationGet).toHaveBeenCalledWith(c.id)
    expect(w.get('[data-testid="case-caseno"]').text()).toBe('（2026）石调字第3号')
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 3')
    expect(w.get('[data-testid="case-deadlines"]').text()).toContain('调解期限：2026-11-19 到期，超期8天')
    expect((w.get('[data-testid="field-mediators"] input').element as HTMLInputElement).value).toBe('王五、赵六')
    expect(w.find('[data-testid="field-agreementForm"]').exists()).toBe(true)
    expect(w.find('[data-testid="field-judicialCourt"]').exists()).toBe(true)
    expect(w.find('[data-testid="field-failRoute"]').exists()).toBe(false)
    expect(w.find('[data-testid="followup-add"]').exists()).toBe(true)
    // the checked prevention row carries the core's path
    expect(w.find('[data-testid="field-prevention.0.persons"]').exists()).toBe(true)
    expect(w.get('[data-testid="prevention-group_fight"]').text()).toContain('防止群体性械斗')
  })

  it('updates with the loaded version and shows the new one', async () => {
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    m.mediationUpdate.mockImplementation(async (id, version, input) =>
      caseFrom(input, { id, version: version + 1, deadlines: [] }),
    )
    const { w } = await mountAt(`/mediation/${c.id}`)
    await w.get('[data-testid="field-summary"] textarea').setValue('邻里纠纷，已调解')
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input] = m.mediationUpdate.mock.calls[0]
    expect(id).toBe(c.id)
    expect(version).toBe(3)
    expect(input.summary).toBe('邻里纠纷，已调解')
    expect(input.prevention).toEqual([{ kind: 'group_fight', persons: 7 }])
    expect(input.mediators).toEqual(['王五', '赵六'])
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 4')
  })

  it('saves with Ctrl+S', async () => {
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    m.mediationUpdate.mockImplementation(async (id, version, input) => caseFrom(input, { id, version: version + 1 }))
    await mountAt(`/mediation/${c.id}`)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.mediationUpdate).toHaveBeenCalledTimes(1)
  })

  it('keeps a 结案日期 already entered when the case is archived', async () => {
    const c = base()
    c.closedOn = '2026-11-25'
    c.followUps = [{ ...emptyFollowUp('2026-11-24', 'phone', '王五'), performance: 'performed' }]
    m.mediationGet.mockResolvedValue(c)
    const { w } = await mountAt(`/mediation/${c.id}`)
    await chooseField(w, 'state', 'archived')
    expect(valueOf(w, 'closedOn')).toBe('2026-11-25')
  })

  it('makes the logged-in user the visitor of a new follow-up', async () => {
    logIn(STAFF)
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    const { w } = await mountAt(`/mediation/${c.id}`)
    expect(valueOf(w, 'mediators')).toBe('王五、赵六')
    await w.get('[data-testid="followup-add"]').trigger('click')
    expect(valueOf(w, 'followUps.0.visitor')).toBe('王五')
    expect(valueOf(w, 'followUps.0.date')).toBe(TODAY)
  })

  it('fills the agreement\'s empty 履行情况 from a follow-up\'s', async () => {
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    const { w } = await mountAt(`/mediation/${c.id}`)
    await w.get('[data-testid="followup-add"]').trigger('click')
    await chooseField(w, 'followUps.0.performance', 'performed')
    expect(w.get('[data-testid="field-performance"]').text()).toContain('已履行')
    expect(n.showInfo).toHaveBeenCalledWith('协议的履行情况已填为“已履行”')
    expect(n.confirmChoice).not.toHaveBeenCalled()
  })

  it('asks before changing the agreement\'s 履行情况 to a follow-up\'s', async () => {
    const c = base()
    c.performance = 'performing'
    m.mediationGet.mockResolvedValue(c)
    const { w } = await mountAt(`/mediation/${c.id}`)
    await w.get('[data-testid="followup-add"]').trigger('click')
    n.confirmChoice.mockResolvedValueOnce(false)
    await chooseField(w, 'followUps.0.performance', 'partial')
    expect(n.confirmChoice).toHaveBeenCalledWith(
      '第 1 次回访的履行情况为“部分履行”，协议的履行情况为“履行中”。是否将协议的履行情况改为“部分履行”？',
      '协议履行情况',
      '改为“部分履行”',
      '不改',
    )
    expect(w.get('[data-testid="field-performance"]').text()).toContain('履行中')
    n.confirmChoice.mockResolvedValueOnce(true)
    await chooseField(w, 'followUps.0.performance', 'performed')
    expect(w.get('[data-testid="field-performance"]').text()).toContain('已履行')
    expect(n.showInfo).not.toHaveBeenCalled()
    m.mediationUpdate.mockImplementation(async (id, version, input) => caseFrom(input, { id, version: version + 1 }))
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationUpdate.mock.calls[0][2]).toMatchObject({ performance: 'performed' })
    expect(m.mediationUpdate.mock.calls[0][2].followUps[0]).toMatchObject({ performance: 'performed' })
  })

  it('shows the conflict notice when the version is stale', async () => {
    const c = base()
    m.mediationGet.mockResolvedValue(c)
    m.mediationUpdate.mockRejectedValue({ code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] })
    const { w } = await mountAt(`/mediation/${c.id}`)
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="case-conflict"]').exists()).toBe(true)
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 3')
  })
})

describe('CaseFormView (legal help beside the labels)', () => {
  const tipOf = (w: VueWrapper, path: string) => w.find(`[data-testid="field-${path}"] [data-testid="field-help"]`)
  const expectTip = (w: VueWrapper, path: string, key: FieldHelpKey) =>
    expect(tipOf(w, path).attributes('aria-label'), path).toBe(FIELD_HELP[key].text)

  it('explains 受理日期 and the dates the mediation deadlines run from', async () => {
    const { w } = await mountAt('/mediation/new')
    expectTip(w, 'acceptedOn', 'mediation.acceptedOn')
    expectTip(w, 'rightsNoticeOn', 'mediation.rightsNoticeOn')
    expect(w.get('[data-testid="field-acceptedOn"] .el-form-item__label').text()).toBe('受理日期')
    expect(tipOf(w, 'summary').exists()).toBe(false)
    await chooseField(w, 'state', 'agreed')
    await chooseField(w, 'performMode', 'instalments')
    await chooseField(w, 'judicialConfirm', 'applied')
    expectTip(w, 'agreementOn', 'mediation.agreementOn')
    expectTip(w, 'performBy', 'mediation.performBy')
    expectTip(w, 'judicialOn', 'mediation.judicialOn')
  })
})
