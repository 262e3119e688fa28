import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { RouterView, type Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  correctionGet: vi.fn(),
  correctionStates: vi.fn(),
  correctionCreate: vi.fn(),
  correctionUpdate: vi.fn(),
  correctionDelete: vi.fn(),
  correctionEventCreate: vi.fn(),
  correctionEventUpdate: vi.fn(),
  correctionEventDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmDelete', 'confirmLeaveUnsaved', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { CorrectionEvent, CorrectionState, CorrectionSubject, CorrectionSubjectInput } from '../api/generated'
import CorrectionSubjectView from './CorrectionSubjectView.vue'
import { emptyCorrectionEventInput } from '../lib/emptyCorrectionEventInput'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { FIELD_HELP, type FieldHelpKey } from '../help/fields'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, errorOf, settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { STAFF, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const ID = '0193a0b0-0000-7000-8000-0000000000c1'
const STATES: CorrectionState[] = ['assessing', 'awaiting_report', 'reported', 'announced', 'supervising', 'released', 'terminated', 'transferred_out']

function subjectFrom(input: CorrectionSubjectInput, over: Partial<CorrectionSubject> = {}): CorrectionSubject {
  return {
    ...structuredClone(input),
    id: ID,
    officeCode: '420204100',
    isMinor: false,
    version: 1,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 },
    events: [],
    closed: false,
    ...over,
  }
}

const event = (kind: string, over: Partial<CorrectionEvent> = {}): CorrectionEvent => ({
  ...emptyCorrectionEventInput(kind, '2026-11-20', '王五'),
  id: `e-${kind}`,
  subjectId: ID,
  version: 1,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  updatedBy: '',
  lateDays: null,
  ...over,
})

function supervising(over: Partial<CorrectionSubjectInput> = {}): CorrectionSubjectInput {
  return {
    ...emptyCorrectionSubjectInput(),
    subjectCode: '420204-2026-001',
    name: '张三',
    sex: 'male',
    birthDate: '1980-01-01',
    idNo: '420204198001011234',
    domicile: '湖北省黄石市',
    residence: '黄石市西塞山区某路1号',
    phone: '13900000000',
    correctionType: 'probation',
    decidingOrganName: '西塞山区人民法院',
    docNo: '（2026）鄂0204刑初12号',
    effectiveOn: '2026-01-05',
    charge: '盗窃罪',
    chargeClass: '05',
    sentence: '有期徒刑一年，缓刑二年',
    corrStart: '2026-01-10',
    corrEnd: '2028-01-09',
    reportedOn: '2026-01-12',
    announcedOn: '2026-01-12',
    state: 'supervising',
    ...over,
  }
}

async function mountAt(path: string, inRouterView = false): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/correction', name: 'correction', component: { render: () => h('div', { 'data-testid': 'list' }) } },
    { path: '/correction/:id', name: 'correction-subject', component: CorrectionSubjectView },
  ])
  return { w: await mountScreen(inRouterView ? RouterView : CorrectionSubjectView, { router }), router }
}

const page = (w: VueWrapper) => w.get('[data-testid="correction-form"]')
const has = (w: VueWrapper, path: string) => page(w).find(`[data-testid="field-${path}"]`).exists()
const isRequired = (w: VueWrapper, path: string) => page(w).get(`[data-testid="field-${path}"]`).classes().includes('is-required')
const inputValue = (w: VueWrapper, path: string) =>
  (page(w).get(`[data-testid="field-${path}"] input`).element as HTMLInputElement).value
const dialog = (w: VueWrapper) => w.get('[data-testid="correction-event-dialog"]')

async function check(w: VueWrapper, path: string, label: string, on = true) {
  const box = page(w)
    .findAll(`[data-testid="field-${path}"] .el-checkbox`)
    .find((b) => b.text() === label)
  if (!box) throw new Error(`no checkbox ${label} in ${path}`)
  await box.get('input').setValue(on)
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  logIn(STAFF)
  m.codeTables.mockResolvedValue(realCodeTables())
  m.correctionStates.mockImplementation(async (from) => (from ? STATES.slice(STATES.indexOf(from)) : STATES))
})

afterEach(unmountScreen)

describe('CorrectionSubjectView (new subject)', () => {
  it('starts from the core defaults with the required marks of 待报到', async () => {
    const { w } = await mountAt('/correction/new')
    expect(w.find('[data-testid="correction-page"]').exists()).toBe(true)
    expect(w.get('[data-testid="correction-title"]').text()).toBe('登记矫正对象')
    expect(w.find('[data-testid="correction-version"]').exists()).toBe(false)
    expect(w.find('[data-testid="correction-delete"]').exists()).toBe(false)
    expect(w.find('[data-testid="correction-duties"]').exists()).toBe(false)
    expect(w.find('[data-testid="correction-events"]').exists()).toBe(false)
    expect(m.correctionStates).toHaveBeenCalledWith(null)
    expect(page(w).get('[data-testid="field-state"]').text()).toContain('待报到')
    expect(page(w).get('[data-testid="field-ethnicity"]').text()).toContain('汉族')
    expect(page(w).get('[data-testid="field-idType"]').text()).toContain('居民身份证')
    expect(page(w).get('[data-testid="field-decidingOrgan"]').text()).toContain('人民法院')
    expect(page(w).get('[data-testid="field-intakeMode"]').text()).toContain('自行报到')
    expect(page(w).get('[data-testid="field-supervisionLevel"]').text()).toContain('普管')
    expect((page(w).get('[data-testid="field-team"] input[value="office"]').element as HTMLInputElement).checked).toBe(true)
    expect(page(w).get('[data-testid="field-birthDate"]').text()).toContain('由身份证号码自动填写')
    expect(page(w).get('[data-testid="field-corrEnd"]').text()).toContain('含当日')
    expect(page(w).get('[data-testid="field-sentence"] input').attributes('placeholder')).toBe('如：有期徒刑三年，缓刑四年')
    for (const p of ['subjectCode', 'name', 'idNo', 'sex', 'birthDate', 'ethnicity', 'phone', 'domicile', 'residence',
      'correctionType', 'decidingOrgan', 'decidingOrganName', 'docNo', 'effectiveOn', 'charge', 'chargeClass', 'sentence',
      'state', 'corrStart', 'corrEnd', 'intakeMode', 'team', 'supervisionLevel']) {
      expect(isRequired(w, p), p).toBe(true)
    }
    for (const p of ['idType', 'education', 'marital', 'employment', 'health', 'termText', 'detentionPlace', 'riskLevel',
      'prohibitionFrom', 'notes']) {
      expect(isRequired(w, p), p).toBe(false)
    }
    for (const p of ['temporaryKind', 'reportedOn', 'announcedOn', 'abscondedSince', 'exitType', 'newCharge']) {
      expect(has(w, p), p).toBe(false)
    }
    expect(w.find('[data-testid="section-exit"]').exists()).toBe(false)
    const flagLabels = page(w).findAll('[data-testid="field-flags"] .el-checkbox').map((b) => b.text())
    expect(flagLabels).toEqual(['脱管/失联', '被采取强制措施', '提请撤销中', '迁出中', '漏管'])
    expect(w.text()).not.toContain('resident_id')
  })

  it('in 调查评估 the ruling fields are not marked required', async () => {
    const { w } = await mountAt('/correction/new')
    await chooseField(page(w), 'state', 'assessing')
    for (const p of ['decidingOrganName', 'docNo', 'effectiveOn', 'sentence', 'corrStart', 'corrEnd', 'intakeMode', 'team']) {
      expect(isRequired(w, p), p).toBe(false)
    }
    expect(isRequired(w, 'charge')).toBe(true)
    await page(w).get('[data-testid="field-prohibitionOrder"] textarea').setValue('禁止进入夜总会、酒吧')
    expect(isRequired(w, 'prohibitionFrom')).toBe(true)
    expect(isRequired(w, 'prohibitionTo')).toBe(true)
  })

  it('shows 暂予监外执行情形 only for 暂予监外执行, and clears it otherwise', async () => {
    const { w } = await mountAt('/correction/new')
    await chooseField(page(w), 'correctionType', 'temporary')
    expect(has(w, 'temporaryKind')).toBe(true)
    expect(isRequired(w, 'temporaryKind')).toBe(true)
    await chooseField(page(w), 'temporaryKind', 'medical')
    await chooseField(page(w), 'correctionType', 'probation')
    expect(has(w, 'temporaryKind')).toBe(false)
    m.correctionCreate.mockRejectedValueOnce({ code: 'validation', message: '请检查', fields: [] })
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionCreate.mock.calls[0][0].temporaryKind).toBeNull()
    expect(m.correctionCreate.mock.calls[0][0].correctionType).toBe('probation')
  })

  it('shows the report, announcement and exit fields by state; no flags once exited', async () => {
    const { w } = await mountAt('/correction/new')
    await chooseField(page(w), 'state', 'reported')
    expect(has(w, 'reportedOn')).toBe(true)
    expect(isRequired(w, 'reportedOn')).toBe(true)
    expect(has(w, 'announcedOn')).toBe(false)
    await chooseField(page(w), 'state', 'supervising')
    expect(has(w, 'announcedOn')).toBe(true)
    expect(w.find('[data-testid="section-exit"]').exists()).toBe(false)
    await chooseField(page(w), 'state', 'released')
    expect(w.find('[data-testid="section-exit"]').exists()).toBe(true)
    for (const p of ['exitType', 'exitOn', 'exitDocNo']) expect(isRequired(w, p), p).toBe(true)
    expect(page(w).get('[data-testid="field-exitType"]').text()).toContain('期满解除')
    expect(has(w, 'flags')).toBe(false)
    await chooseField(page(w), 'state', 'transferred_out')
    expect(page(w).get('[data-testid="field-exitType"]').text()).toContain('变更执行地（迁出）')
    await chooseField(page(w), 'state', 'terminated')
    expect(w.find('[data-testid="section-exit"]').exists()).toBe(true)
    await chooseField(page(w), 'state', 'supervising')
    expect(has(w, 'flags')).toBe(true)
  })

  it('脱管/失联起始日 with the flag, 新罪名 with 重新犯罪', async () => {
    const { w } = await mountAt('/correction/new')
    await check(w, 'flags', '脱管/失联')
    expect(has(w, 'abscondedSince')).toBe(true)
    expect(isRequired(w, 'abscondedSince')).toBe(true)
    await check(w, 'flags', '脱管/失联', false)
    expect(has(w, 'abscondedSince')).toBe(false)
    await page(w).get('[data-testid="field-reoffended"] input').setValue(true)
    await flushPromises()
    expect(has(w, 'newCharge')).toBe(true)
    expect(isRequired(w, 'newCharge')).toBe(true)
  })

  it('脱管/失联 and 漏管 bring their reason (required) and measures, cleared when unticked', async () => {
    const { w } = await mountAt('/correction/new')
    for (const p of ['abscondReason', 'abscondMeasures', 'missedReason', 'missedMeasures']) expect(has(w, p), p).toBe(false)

    await check(w, 'flags', '脱管/失联')
    expect(page(w).get('[data-testid="field-abscondReason"]').text()).toContain('脱管/失联原因')
    expect(page(w).get('[data-testid="field-abscondMeasures"]').text()).toContain('脱管/失联后的查找和纠正措施')
    expect(isRequired(w, 'abscondReason')).toBe(true)
    expect(isRequired(w, 'abscondMeasures')).toBe(false)
    expect(page(w).find('[data-testid="field-abscondReason"] textarea').exists()).toBe(true)
    expect(page(w).find('[data-testid="field-abscondMeasures"] textarea').exists()).toBe(true)
    expect(has(w, 'missedReason')).toBe(false)
    await page(w).get('[data-testid="field-abscondReason"] textarea').setValue('外出务工失去联系')
    await page(w).get('[data-testid="field-abscondMeasures"] textarea').setValue('联系家属查找')

    await check(w, 'flags', '漏管')
    expect(page(w).get('[data-testid="field-missedReason"]').text()).toContain('漏管原因')
    expect(page(w).get('[data-testid="field-missedMeasures"]').text()).toContain('漏管的核查和纠正措施')
    expect(isRequired(w, 'missedReason')).toBe(true)
    expect(isRequired(w, 'missedMeasures')).toBe(false)
    await page(w).get('[data-testid="field-missedReason"] textarea').setValue(' 未按时交付 ')
    await page(w).get('[data-testid="field-missedMeasures"] textarea').setValue('已核查')

    m.correctionCreate.mockRejectedValue({ code: 'validation', message: '请检查', fields: [] })
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionCreate.mock.calls[0][0]).toMatchObject({
      flags: ['absconded', 'missed'],
      abscondReason: '外出务工失去联系',
      abscondMeasures: '联系家属查找',
      missedReason: '未按时交付',
      missedMeasures: '已核查',
    })

    await check(w, 'flags', '脱管/失联', false)
    for (const p of ['abscondedSince', 'abscondReason', 'abscondMeasures']) expect(has(w, p), p).toBe(false)
    expect(has(w, 'missedReason')).toBe(true)
    await check(w, 'flags', '漏管', false)
    expect(has(w, 'missedReason')).toBe(false)
    expect(has(w, 'missedMeasures')).toBe(false)
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionCreate.mock.calls[1][0]).toMatchObject({
      flags: [],
      abscondReason: '',
      abscondMeasures: '',
      missedReason: '',
      missedMeasures: '',
    })
  })

  it('fills birth date and sex from a resident ID', async () => {
    const { w } = await mountAt('/correction/new')
    const id = page(w).get('[data-testid="field-idNo"] input')
    await id.setValue('420204200801011268')
    await id.trigger('blur')
    await flushPromises()
    expect(inputValue(w, 'birthDate')).toBe('2008-01-01')
    expect(page(w).get('[data-testid="field-sex"]').text()).toContain('女')
  })

  it('adds and removes 电子定位 rows, and places their errors', async () => {
    const { w } = await mountAt('/correction/new')
    expect(w.find('[data-testid="emon-0"]').exists()).toBe(false)
    expect(page(w).get('[data-testid="field-eMonitoring"]').text()).toContain('每次不超过三个月')
    await w.get('[data-testid="emon-add"]').trigger('click')
    await w.get('[data-testid="emon-add"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="emon-1"]').exists()).toBe(true)
    for (const p of ['eMonitoring.0.start', 'eMonitoring.0.end', 'eMonitoring.0.reason', 'eMonitoring.1.reason']) {
      expect(has(w, p), p).toBe(true)
    }
    await w.get('[data-testid="emon-remove-1"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="emon-1"]').exists()).toBe(false)
    await page(w).get('[data-testid="field-eMonitoring.0.start"] input').setValue('2026-11-01')
    await page(w).get('[data-testid="field-eMonitoring.0.start"] input').trigger('change')
    await page(w).get('[data-testid="field-eMonitoring.0.end"] input').setValue('2027-03-01')
    await page(w).get('[data-testid="field-eMonitoring.0.end"] input').trigger('change')
    await chooseField(page(w), 'eMonitoring.0.reason', 'left_area')
    m.correctionCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [{ field: 'eMonitoring.0.end', code: 'validation.e_monitoring', message: '第1段电子定位超过三个月（最晚至2027-01-31），续期请另起一段' }],
    })
    await w.get('[data-testid="correction-save"]').trigger('click')
    await settle()
    expect(m.correctionCreate.mock.calls[0][0].eMonitoring).toEqual([{ start: '2026-11-01', end: '2027-03-01', reason: 'left_area' }])
    expect(errorOf(page(w), 'eMonitoring.0.end')).toBe('第1段电子定位超过三个月（最晚至2027-01-31），续期请另起一段')
  })

  it('places field errors, then saves and moves to the id route keeping the page', async () => {
    const { w, router } = await mountAt('/correction/new')
    await page(w).get('[data-testid="field-name"] input').setValue('  张三 ')
    await page(w).get('[data-testid="field-subjectCode"] input').setValue('420204-2026-001')
    m.correctionCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'idNo', code: 'validation.required', message: '请填写证件号码' },
        { field: 'team', code: 'validation.required', message: '请选择矫正小组成员' },
        { field: 'exitType', code: 'validation.state_ahead', message: '已填写解除或终止信息，请先将状态改为“解除矫正、终止矫正或迁出”' },
      ],
    })
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    const sent = m.correctionCreate.mock.calls[0][0]
    expect(sent.name).toBe('张三')
    expect(sent.state).toBe('awaiting_report')
    expect(sent.team).toEqual(['office'])
    expect(sent.effectiveOn).toBeNull()
    await settle()
    expect(errorOf(page(w), 'idNo')).toBe('请填写证件号码')
    expect(errorOf(page(w), 'team')).toBe('请选择矫正小组成员')
    expect(w.get('[data-testid="correction-unmatched-errors"]').text()).toContain('请先将状态改为')

    await page(w).get('[data-testid="field-idNo"] input').setValue('420204198001011234')
    await settle()
    expect(errorOf(page(w), 'idNo')).toBe('')
    expect(errorOf(page(w), 'team')).toBe('请选择矫正小组成员')

    m.correctionCreate.mockImplementationOnce(async (input) => subjectFrom(input))
    await w.get('[data-testid="correction-save"]').trigger('click')
    await settle()
    expect(errorOf(page(w), 'team')).toBe('')
    expect(w.get('[data-testid="correction-title"]').text()).toBe('420204-2026-001 张三')
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 1')
    expect(router.currentRoute.value.path).toBe(`/correction/${ID}`)
    expect(m.correctionGet).not.toHaveBeenCalled()
    expect(m.correctionStates).toHaveBeenLastCalledWith('awaiting_report')
    expect(w.find('[data-testid="correction-delete"]').exists()).toBe(true)
    expect(w.find('[data-testid="correction-duties"]').exists()).toBe(true)
    expect(w.find('[data-testid="correction-events"]').exists()).toBe(true)
  })

  it('asks before leaving with unsaved changes, not when untouched', async () => {
    const { w, router } = await mountAt('/correction/new', true)
    await page(w).get('[data-testid="field-name"] input').setValue('张三')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await w.get('[data-testid="correction-back"]').trigger('click')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本矫正对象')
    expect(router.currentRoute.value.path).toBe('/correction/new')
    await page(w).get('[data-testid="field-name"] input').setValue('')
    await w.get('[data-testid="correction-back"]').trigger('click')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.path).toBe('/correction')
  })
})

describe('CorrectionSubjectView (saved subject)', () => {
  const saved = (over: Partial<CorrectionSubject> = {}) =>
    subjectFrom(supervising(), {
      version: 3,
      supervision: {
        duties: [
          { kind: 'report', title: '定期报告', dueOn: '2026-11-15', daysLeft: -12, level: 'overdue', detail: '普管每月报告2次；上次2026-10-31' },
          { kind: 'talk', title: '个别谈话', dueOn: '2026-11-27', daysLeft: 0, level: 'warning', detail: '普管每月谈话1次；尚无记录' },
          { kind: 'term_end', title: '矫正期满', dueOn: '2028-01-09', daysLeft: 408, level: 'upcoming', detail: '矫正期满日2028-01-09' },
        ],
        hints: [
          { sanction: 'warning', level: null, text: '未按规定报告，已逾期12日（超过十日），建议提请警告' },
          { sanction: null, level: 'strict', text: '受到警告或两次训诫，建议调整为严管' },
        ],
        away: { destination: '武汉市', leaveFrom: '2026-11-25', leaveTo: '2026-11-30' },
        flags: ['away'],
        lateDays: 12,
      },
      events: [
        event('report', { id: 'e1', eventOn: '2026-10-31', reportMode: 'in_person', lateDays: 0 }),
        event('leave', {
          id: 'e2',
          eventOn: '2026-11-24',
          destination: '武汉市',
          leaveFrom: '2026-11-25',
          leaveTo: '2026-11-30',
          leaveDays: 6,
          approvalLevel: 'office',
          decision: 'approved',
          decidedOn: '2026-11-24',
        }),
        event('education', { id: 'e3', eventOn: '2026-11-10', hours: 2, content: '法治教育' }),
      ],
      ...over,
    })

  it('loads the subject with its version, duties, leave, hints and events', async () => {
    const s = saved({ isMinor: true })
    s.events.push(
      event('leave', {
        id: 'e0',
        eventOn: '2026-10-01',
        destination: '黄冈市',
        leaveFrom: '2026-10-02',
        leaveTo: '2026-10-05',
        leaveDays: 4,
        approvalLevel: 'office',
        decision: 'approved',
        decidedOn: '2026-10-01',
        returnedOn: '2026-10-09',
        overdueDays: 3,
      }),
    )
    m.correctionGet.mockResolvedValue(s)
    const { w } = await mountAt(`/correction/${ID}`)
    expect(m.correctionGet).toHaveBeenCalledWith(ID)
    expect(m.correctionStates).toHaveBeenCalledWith('supervising')
    expect(w.get('[data-testid="correction-title"]').text()).toBe('420204-2026-001 张三')
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 3')
    expect(w.get('[data-testid="correction-minor"]').text()).toBe('未成年人 信息保密')
    expect(has(w, 'reportedOn')).toBe(true)
    expect(has(w, 'announcedOn')).toBe(true)
    expect(page(w).get('[data-testid="field-chargeClass"]').text()).toContain('侵犯财产罪')

    const duties = w.findAll('[data-testid="correction-duty"]')
    expect(duties).toHaveLength(3)
    expect(duties[0].text()).toContain('定期报告')
    expect(duties[0].text()).toContain('普管每月报告2次；上次2026-10-31')
    expect(duties[0].text()).toContain('2026-11-15')
    expect(duties[0].text()).toContain('已逾期12天')
    expect(duties[0].find('.el-tag--danger').exists()).toBe(true)
    expect(duties[1].text()).toContain('今日到期')
    expect(duties[1].find('.el-tag--warning').exists()).toBe(true)
    expect(duties[2].text()).toContain('剩408天')
    expect(duties[2].find('.el-tag--info').exists()).toBe(true)
    expect(w.get('[data-testid="correction-away"]').text()).toBe('外出中：武汉市（2026-11-25至2026-11-30）')
    expect(w.get('[data-testid="correction-duties"]').text()).toContain('以下为系统提示，需经核实后由工作人员决定是否提请')
    const hints = w.findAll('[data-testid="correction-hint"]')
    expect(hints).toHaveLength(2)
    expect(hints[0].find('[data-testid="correction-hint-propose"]').exists()).toBe(true)
    expect(hints[1].find('[data-testid="correction-hint-propose"]').exists()).toBe(false)
    expect(hints[1].find('[data-testid="correction-hint-assess"]').text()).toBe('登记考核')

    const rows = w.findAll('[data-testid="correction-event-row"]')
    expect(rows).toHaveLength(4)
    expect(w.findAll('[data-testid="correction-event-date"]').map((x) => x.text())).toEqual([
      '2026-11-24',
      '2026-11-10',
      '2026-10-31',
      '2026-10-01',
    ])
    expect(w.findAll('[data-testid="correction-event-kind"]').map((x) => x.text())).toEqual(['外出请假', '教育学习', '报告', '外出请假'])
    const summaries = w.findAll('[data-testid="correction-event-summary"]').map((x) => x.text())
    expect(summaries[0]).toBe('武汉市 2026-11-25至2026-11-30 共6天 · 司法所 · 批准 · 未销假')
    expect(summaries[1]).toBe('2小时·法治教育')
    expect(summaries[2]).toBe('当面报告 按时')
    expect(summaries[3]).toBe('黄冈市 2026-10-02至2026-10-05 共4天 · 司法所 · 批准 · 已销假 · 销假逾期3天')
    expect(rows[0].text()).toContain('王五')
    for (const raw of ['in_person', 'approved', 'overdue', 'supervising']) expect(w.text()).not.toContain(raw)
  })

  it('a hint opens the event dialog prefilled to propose the sanction, or to record an assessment', async () => {
    m.correctionGet.mockResolvedValue(saved())
    const { w } = await mountAt(`/correction/${ID}`)
    await w.get('[data-testid="correction-hint-propose"]').trigger('click')
    await flushPromises()
    const d = dialog(w)
    expect(d.text()).toContain('登记事项')
    expect(d.get('[data-testid="field-kind"]').text()).toContain('奖惩')
    expect(d.get('[data-testid="field-sanction"]').text()).toContain('警告')
    expect(d.get('[data-testid="field-decision"]').text()).toContain('已提请，待决定')
    expect((d.get('[data-testid="field-content"] textarea').element as HTMLTextAreaElement).value).toBe(
      '未按规定报告，已逾期12日（超过十日），建议提请警告',
    )
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="correction-hint-assess"]').trigger('click')
    await flushPromises()
    expect(dialog(w).get('[data-testid="field-kind"]').text()).toContain('考核评估')
    expect(dialog(w).get('[data-testid="field-newLevel"]').text()).toContain('严管')
  })

  it('an event saved brings the new events, duties, version and level, keeping unsaved edits', async () => {
    const s = saved()
    m.correctionGet.mockResolvedValue(s)
    const { w } = await mountAt(`/correction/${ID}`)
    await page(w).get('[data-testid="field-notes"] textarea').setValue('正在写的备注')
    const answer = subjectFrom(supervising({ supervisionLevel: 'strict', notes: '' }), {
      version: 4,
      supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 },
      events: [...s.events, event('assessment', { id: 'e4', eventOn: '2026-11-27', period: '2026年第四季度', newLevel: 'strict' })],
    })
    m.correctionEventCreate.mockResolvedValue(answer)
    await w.get('[data-testid="correction-event-new"]').trigger('click')
    await flushPromises()
    const kind = w.getComponent('[data-testid="correction-event-dialog"] [data-testid="field-kind"] .el-select') as unknown as VueWrapper
    kind.vm.$emit('update:modelValue', 'assessment')
    kind.vm.$emit('change', 'assessment')
    await flushPromises()
    await dialog(w).get('[data-testid="field-period"] input').setValue('2026年第四季度')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionEventCreate).toHaveBeenCalledWith(ID, expect.objectContaining({ kind: 'assessment', period: '2026年第四季度', staff: '王五' }))
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 4')
    expect(w.findAll('[data-testid="correction-event-row"]')).toHaveLength(4)
    expect(w.findAll('[data-testid="correction-duty"]')).toHaveLength(0)
    expect(page(w).get('[data-testid="field-supervisionLevel"]').text()).toContain('严管')
    expect((page(w).get('[data-testid="field-notes"] textarea').element as HTMLTextAreaElement).value).toBe('正在写的备注')

    m.correctionUpdate.mockImplementation(async (_id, version, input) => subjectFrom(input, { version: version + 1 }))
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    const [, version, input] = m.correctionUpdate.mock.calls[0]
    expect(version).toBe(4)
    expect(input.notes).toBe('正在写的备注')
    expect(input.supervisionLevel).toBe('strict')
  })

  it('edits and deletes an event after confirmation', async () => {
    const s = saved()
    m.correctionGet.mockResolvedValue(s)
    const { w } = await mountAt(`/correction/${ID}`)
    // newest first: e2 (11-24), e3 (11-10), e1 (10-31)
    await w.findAll('[data-testid="correction-event-edit"]')[1].trigger('click')
    await flushPromises()
    expect(dialog(w).text()).toContain('编辑事项')
    expect((dialog(w).get('[data-testid="field-content"] textarea').element as HTMLTextAreaElement).value).toBe('法治教育')
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()

    n.confirmDelete.mockResolvedValue(true)
    m.correctionEventDelete.mockResolvedValue({ ...s, version: 4, events: s.events.filter((e) => e.id !== 'e3') })
    await w.findAll('[data-testid="correction-event-delete"]')[1].trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026-11-10 教育学习）', '事项记录')
    expect(m.correctionEventDelete).toHaveBeenCalledWith('e3', 1)
    expect(w.findAll('[data-testid="correction-event-row"]')).toHaveLength(2)
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 4')
  })

  it('updates with the loaded version; a stale version shows the conflict notice', async () => {
    m.correctionGet.mockResolvedValue(saved())
    m.correctionUpdate.mockRejectedValue({ code: 'conflict.version', message: '已被他人修改，请重新加载', fields: [] })
    const { w } = await mountAt(`/correction/${ID}`)
    await chooseField(page(w), 'state', 'released')
    expect(w.find('[data-testid="section-exit"]').exists()).toBe(true)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.correctionUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input] = m.correctionUpdate.mock.calls[0]
    expect(id).toBe(ID)
    expect(version).toBe(3)
    expect(input.state).toBe('released')
    expect(input.exitType).toBe('expired')
    expect('supervision' in input).toBe(false)
    expect(w.find('[data-testid="correction-conflict"]').exists()).toBe(true)
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 3')

    m.correctionGet.mockResolvedValue(saved({ version: 5 }))
    await w.get('[data-testid="correction-reload"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="correction-conflict"]').exists()).toBe(false)
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 5')
  })

  it('deletes after confirmation and goes back to the list with its filter', async () => {
    m.correctionGet.mockResolvedValue(saved())
    m.correctionDelete.mockResolvedValue(null)
    n.confirmDelete.mockResolvedValue(true)
    session.lastCorrectionQuery = { state: 'all' }
    const { w, router } = await mountAt(`/correction/${ID}`, true)
    await w.get('[data-testid="correction-delete"]').trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('420204-2026-001（张三）', '矫正对象')
    expect(m.correctionDelete).toHaveBeenCalledWith(ID, 3)
    expect(router.currentRoute.value.path).toBe('/correction')
    expect(router.currentRoute.value.query).toEqual({ state: 'all' })
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
  })
})

describe('CorrectionSubjectView (the next step and what is done daily, first)', () => {
  const reportIn = { kind: 'report_in', title: '报到', dueOn: '2026-12-07', daysLeft: 10, level: 'upcoming', detail: '判决生效之日（2026-11-25）起10日内报到' }
  const awaiting = (over: Partial<CorrectionSubject> = {}) =>
    subjectFrom(supervising({ state: 'awaiting_report', effectiveOn: '2026-11-25', corrStart: '2026-11-25', reportedOn: null, announcedOn: null }), {
      supervision: { duties: [reportIn], hints: [], away: null, flags: [], lateDays: 0 },
      ...over,
    })
  const stepDialog = (w: VueWrapper) => w.get('[data-testid="correction-step-dialog"]')
  const answerWithNextVersion = () =>
    m.correctionUpdate.mockImplementation(async (_id, version, input) =>
      subjectFrom(input, { version: version + 1, supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 } }),
    )

  it('a subject awaiting the report-in offers 登记报到 at the top; it saves state and date, keeping unsaved edits', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    answerWithNextVersion()
    const { w } = await mountAt(`/correction/${ID}`)
    expect(w.get('[data-testid="correction-step"]').text()).toContain('对象尚未报到')
    expect(w.get('[data-testid="correction-step-report"]').text()).toBe('登记报到')
    await page(w).get('[data-testid="field-notes"] textarea').setValue('正在写的备注')

    await w.get('[data-testid="correction-step-report"]').trigger('click')
    await flushPromises()
    const d = stepDialog(w)
    expect(d.text()).toContain('报到期限：2026-12-07')
    expect((d.get('[data-testid="field-reportedOn"] input').element as HTMLInputElement).value).toBe('2026-11-27')
    expect(d.find('[data-testid="correction-step-dirty-note"]').exists()).toBe(true)
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()

    expect(m.correctionUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input] = m.correctionUpdate.mock.calls[0]
    expect([id, version]).toEqual([ID, 1])
    expect(input).toMatchObject({ state: 'reported', reportedOn: '2026-11-27', intakeMode: 'self', notes: '' })
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 2')
    expect(w.get('[data-testid="correction-state"]').text()).toBe('已报到')
    expect(m.correctionStates).toHaveBeenLastCalledWith('reported')
    expect(w.find('[data-testid="correction-step-report"]').exists()).toBe(false)
    expect(w.get('[data-testid="correction-step-announce"]').text()).toBe('登记宣告')
    // The form shows the new state and date, and still holds the edit being written.
    expect(page(w).get('[data-testid="field-state"]').text()).toContain('已报到')
    expect(inputValue(w, 'reportedOn')).toBe('2026-11-27')
    expect((page(w).get('[data-testid="field-notes"] textarea').element as HTMLTextAreaElement).value).toBe('正在写的备注')

    // Saving the form then goes on from the new version.
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    const [, v2, input2] = m.correctionUpdate.mock.calls[1]
    expect(v2).toBe(2)
    expect(input2).toMatchObject({ state: 'reported', reportedOn: '2026-11-27', notes: '正在写的备注' })
  })

  it('after 登记宣告 comes 转为在矫; nothing is offered while supervised or for a new subject', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(supervising({ state: 'reported', announcedOn: null })))
    answerWithNextVersion()
    const { w } = await mountAt(`/correction/${ID}`)
    await w.get('[data-testid="correction-step-announce"]').trigger('click')
    await flushPromises()
    expect(stepDialog(w).get('[data-testid="field-announcedOn"]').text()).toContain('宣告日期')
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionUpdate.mock.calls[0][2]).toMatchObject({ state: 'announced', announcedOn: '2026-11-27' })
    expect(w.get('[data-testid="correction-state"]').text()).toBe('已宣告')
    expect(w.get('[data-testid="correction-step-supervise"]').text()).toBe('转为在矫')
    await w.get('[data-testid="correction-step-supervise"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionUpdate.mock.calls[1][2]).toMatchObject({ state: 'supervising' })
    expect(w.get('[data-testid="correction-state"]').text()).toBe('在矫')
    expect(w.find('[data-testid="correction-step"]').exists()).toBe(false)
    unmountScreen()

    const fresh = await mountAt('/correction/new')
    expect(fresh.w.find('[data-testid="correction-step"]').exists()).toBe(false)
    expect(fresh.w.find('[data-testid="correction-jump"]').exists()).toBe(false)
  })

  it('offers no step the core does not allow', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    m.correctionStates.mockResolvedValue(['awaiting_report', 'terminated'])
    const { w } = await mountAt(`/correction/${ID}`)
    expect(w.find('[data-testid="correction-step"]').exists()).toBe(false)
  })

  it('a step refused for a stale version shows the form’s conflict notice', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    m.correctionUpdate.mockRejectedValue({ code: 'conflict.version', message: '已被他人修改，请重新加载', fields: [] })
    const { w } = await mountAt(`/correction/${ID}`)
    await w.get('[data-testid="correction-step-report"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="correction-conflict"]').exists()).toBe(true)
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 1')
    m.correctionGet.mockResolvedValue(awaiting({ version: 2 }))
    await w.get('[data-testid="correction-reload"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="correction-conflict"]').exists()).toBe(false)
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 2')
  })

  it('Ctrl+S while the step dialog is open saves the step, not the form', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    answerWithNextVersion()
    const { w } = await mountAt(`/correction/${ID}`)
    await page(w).get('[data-testid="field-notes"] textarea').setValue('正在写的备注')
    await w.get('[data-testid="correction-step-report"]').trigger('click')
    await flushPromises()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.correctionUpdate).toHaveBeenCalledTimes(1)
    expect(m.correctionUpdate.mock.calls[0][2]).toMatchObject({ state: 'reported', notes: '' })
    // Closed, the key saves the form again (with its unsaved edit).
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.correctionUpdate).toHaveBeenCalledTimes(2)
    expect(m.correctionUpdate.mock.calls[1][2]).toMatchObject({ notes: '正在写的备注' })
  })

  it('the step, 监管提醒 and 事项记录 come before the form; the form’s sections are one click away', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    const { w } = await mountAt(`/correction/${ID}`)
    const order = ['correction-step', 'correction-jump', 'correction-duties', 'correction-events', 'correction-form-title', 'correction-form']
    const els = order.map((t) => w.get(`[data-testid="${t}"]`).element)
    for (let i = 1; i < els.length; i++) {
      expect(els[i - 1].compareDocumentPosition(els[i]) & Node.DOCUMENT_POSITION_FOLLOWING, order[i]).toBeTruthy()
    }
    // 登记事项 sits in the head of the register.
    expect(w.get('[data-testid="correction-events"] .el-card__header [data-testid="correction-event-new"]').text()).toBe('登记事项')
    const jump = w.get('[data-testid="correction-jump"]')
    expect(jump.findAll('button').map((b) => b.text())).toEqual(['基本信息', '判决与刑罚', '矫正执行', '监管措施', '其他'])
    const scrolled: string[] = []
    const proto = Element.prototype as unknown as { scrollIntoView?: unknown }
    const before = proto.scrollIntoView
    proto.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this.dataset.testid ?? '')
    }
    try {
      await w.get('[data-testid="correction-jump-execution"]').trigger('click')
    } finally {
      proto.scrollIntoView = before
    }
    expect(scrolled).toEqual(['section-execution'])
  })

  it('asks before leaving with unsaved edits after a step', async () => {
    m.correctionGet.mockResolvedValue(awaiting())
    answerWithNextVersion()
    const { w, router } = await mountAt(`/correction/${ID}`, true)
    await w.get('[data-testid="correction-step-report"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    // The step saved: nothing is unsaved, leaving does not ask.
    await w.get('[data-testid="correction-back"]').trigger('click')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe('/correction')
  })
})

describe('CorrectionSubjectView (length counters and type-ahead)', () => {
  it('every free-text input carries the core’s limit with a counter', async () => {
    const { CORRECTION_SUBJECT_LIMITS } = await import('../lib/fieldLimits')
    // A subject that shows every limited field: both flags, a new charge, released.
    m.correctionGet.mockResolvedValue(
      subjectFrom(
        supervising({
          flags: ['absconded', 'missed'],
          abscondedSince: '2026-11-01',
          reoffended: true,
          newCharge: '盗窃罪',
          state: 'released',
          exitType: 'expired',
          exitOn: '2028-01-09',
          exitDocNo: '黄西矫解字（2028）1号',
        }),
      ),
    )
    const { w } = await mountAt(`/correction/${ID}`)
    for (const [path, max] of Object.entries(CORRECTION_SUBJECT_LIMITS)) {
      const item = page(w).get(`[data-testid="field-${path}"]`)
      const control = item.find('textarea').exists() ? item.get('textarea') : item.get('input')
      expect(control.attributes('maxlength'), path).toBe(String(max))
      // 证件号码 is a number, not text: its limit without a counter.
      expect(item.find('.el-input__count').exists(), path).toBe(path !== 'idNo')
    }
    expect(page(w).get('[data-testid="field-name"] .el-input__count').text()).toBe('2 / 20')
  })

  it('every code-table select can be typed into', async () => {
    m.correctionGet.mockResolvedValue(
      subjectFrom(supervising({ correctionType: 'temporary', temporaryKind: 'medical', state: 'released', exitType: 'expired', eMonitoring: [{ start: '2026-02-01', end: '2026-04-30', reason: 'left_area' }] })),
    )
    const { w } = await mountAt(`/correction/${ID}`)
    const selects = page(w).findAllComponents({ name: 'ElSelect' })
    expect(selects.length).toBeGreaterThanOrEqual(17)
    for (const s of selects) expect((s.props() as { filterable: boolean }).filterable).toBe(true)
  })
})

describe('CorrectionSubjectView (legal help beside the labels)', () => {
  const tipOf = (w: VueWrapper, path: string) => page(w).find(`[data-testid="field-${path}"] [data-testid="field-help"]`)
  const expectTip = (w: VueWrapper, path: string, key: FieldHelpKey) =>
    expect(tipOf(w, path).attributes('aria-label'), path).toBe(FIELD_HELP[key].text)

  it('explains 判决生效日期, 报到日期 (within 10 days), 宣告日期, 矫正期满日 and 管理等级', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(supervising()))
    const { w } = await mountAt(`/correction/${ID}`)
    expectTip(w, 'effectiveOn', 'correction.effectiveOn')
    expectTip(w, 'reportedOn', 'correction.reportedOn')
    expectTip(w, 'announcedOn', 'correction.announcedOn')
    expectTip(w, 'corrEnd', 'correction.corrEnd')
    expectTip(w, 'supervisionLevel', 'correction.supervisionLevel')
    expect(FIELD_HELP['correction.reportedOn'].text).toContain('10日')
    expect(page(w).get('[data-testid="field-supervisionLevel"] .el-form-item__label').text()).toBe('管理等级')
    expect(tipOf(w, 'name').exists()).toBe(false)
  })
})
