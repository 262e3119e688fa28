// A closed 矫正对象 (解除矫正, 终止矫正, 迁出): its 对象信息 shows read-only until 修改 with a reason, whose
// save sends the reason; the events (事项记录) stay open (useAmendClosed, RecordEditorNotices).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

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
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmLeaveUnsaved', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { CorrectionEvent, CorrectionSubject, CorrectionSubjectInput } from '../api/generated'
import CorrectionSubjectView from './CorrectionSubjectView.vue'
import { resetUnsavedChanges } from '../composables/useUnsavedChanges'
import { emptyCorrectionEventInput } from '../lib/emptyCorrectionEventInput'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { STAFF, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const ID = '0193a0b0-0000-7000-8000-0000000000c1'
const CLOSED_NOTICE = '本案已结案，对象信息为只读。如需更正，请点击「修改」并写明原因（将记入操作日志）。'

function released(over: Partial<CorrectionSubjectInput> = {}): CorrectionSubjectInput {
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
    docNo: '（2025）鄂0204刑初12号',
    effectiveOn: '2025-01-05',
    charge: '盗窃罪',
    chargeClass: '05',
    sentence: '有期徒刑十个月，缓刑一年十个月',
    corrStart: '2025-01-10',
    corrEnd: '2026-11-09',
    reportedOn: '2025-01-12',
    announcedOn: '2025-01-12',
    state: 'released',
    exitType: 'expired',
    exitOn: '2026-11-09',
    ...over,
  }
}

function subjectFrom(input: CorrectionSubjectInput, over: Partial<CorrectionSubject> = {}): CorrectionSubject {
  return {
    ...structuredClone(input),
    id: ID,
    officeCode: '420204100',
    isMinor: false,
    version: 5,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 },
    events: [],
    closed: ['released', 'terminated', 'transferred_out'].includes(input.state),
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

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/correction', name: 'correction', component: { render: () => h('div') } },
    { path: '/correction/:id', name: 'correction-subject', component: CorrectionSubjectView },
  ])
  return { w: await mountScreen(CorrectionSubjectView, { router }), router }
}

const page = (w: VueWrapper) => w.get('[data-testid="correction-form"]')
const disabled = (w: VueWrapper, selector: string) => w.get(selector).attributes('disabled') !== undefined
const nameOff = (w: VueWrapper) => page(w).get('[data-testid="field-name"] input').attributes('disabled') !== undefined
const notice = (w: VueWrapper) => w.get('[data-testid="record-closed-notice"]')

async function amendWith(w: VueWrapper, reason: string) {
  await w.get('[data-testid="record-amend"]').trigger('click')
  await flushPromises()
  await w.get('[data-testid="amend-reason"]').setValue(reason)
  await w.get('[data-testid="amend-confirm"]').trigger('click')
  await flushPromises()
}

/** 登记事项: an education event, saved; the core answers `answer`. */
async function registerEducation(w: VueWrapper, answer: CorrectionSubject) {
  m.correctionEventCreate.mockResolvedValueOnce(answer)
  await w.get('[data-testid="correction-event-new"]').trigger('click')
  await flushPromises()
  const kind = w.getComponent('[data-testid="correction-event-dialog"] [data-testid="field-kind"] .el-select') as unknown as VueWrapper
  kind.vm.$emit('update:modelValue', 'education')
  kind.vm.$emit('change', 'education')
  await flushPromises()
  await w.get('[data-testid="correction-event-save"]').trigger('click')
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  logIn(STAFF)
  m.codeTables.mockResolvedValue(realCodeTables())
  m.correctionStates.mockImplementation(async (from) => (from ? [from] : ['assessing', 'awaiting_report']))
  m.correctionUpdate.mockImplementation(async (_id, version, input) => subjectFrom(input, { version: version + 1 }))
})

afterEach(() => {
  unmountScreen()
  resetUnsavedChanges()
})

describe('CorrectionSubjectView (a closed subject)', () => {
  it('shows 对象信息 read-only, while the events stay open', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(released(), { events: [event('talk', { id: 'e1' })] }))
    const { w } = await mountAt(`/correction/${ID}`)
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    // The notice is at the top, above what is done daily.
    const html = w.html()
    expect(html.indexOf('data-testid="record-closed-notice"')).toBeLessThan(html.indexOf('data-testid="correction-events"'))
    expect(nameOff(w)).toBe(true)
    expect(page(w).get('[data-testid="field-state"] .el-select__wrapper').classes()).toContain('is-disabled')
    expect(disabled(w, '[data-testid="correction-save"]')).toBe(true)
    expect(disabled(w, '[data-testid="correction-back"]')).toBe(false)
    expect(disabled(w, '[data-testid="correction-event-new"]')).toBe(false)
    expect(disabled(w, '[data-testid="correction-event-edit"]')).toBe(false)
    expect(disabled(w, '[data-testid="correction-event-delete"]')).toBe(false)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.correctionUpdate).not.toHaveBeenCalled()

    // An event registered: the subject as answered shows, its 对象信息 still read-only.
    await registerEducation(w, subjectFrom(released(), { version: 6, events: [event('talk', { id: 'e1' }), event('education', { id: 'e2' })] }))
    expect(m.correctionEventCreate).toHaveBeenCalledWith(ID, expect.objectContaining({ kind: 'education' }))
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 6')
    expect(w.findAll('[data-testid="correction-event-row"]')).toHaveLength(2)
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(nameOff(w)).toBe(true)
  })

  it('修改 with a reason: 对象信息 editable, its save sends the reason, then read-only again', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(released()))
    const { w } = await mountAt(`/correction/${ID}`)
    await amendWith(w, '依据判决书更正罪名')
    expect(notice(w).text()).toContain('正在修改已结案记录，原因：依据判决书更正罪名')
    expect(nameOff(w)).toBe(false)
    await page(w).get('[data-testid="field-charge"] input').setValue('诈骗罪')
    // An event saved meanwhile keeps the editing, its reason and the edit.
    await registerEducation(w, subjectFrom(released(), { version: 6, events: [event('education', { id: 'e2' })] }))
    expect(notice(w).text()).toContain('正在修改已结案记录，原因：依据判决书更正罪名')
    expect((page(w).get('[data-testid="field-charge"] input').element as HTMLInputElement).value).toBe('诈骗罪')

    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    const [id, version, input, reason] = m.correctionUpdate.mock.calls[0]
    expect([id, version, reason]).toEqual([ID, 6, '依据判决书更正罪名'])
    expect(input.charge).toBe('诈骗罪')
    expect(w.get('[data-testid="correction-version"]').text()).toBe('版本 7')
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(nameOff(w)).toBe(true)
  })

  it('a reason the core refuses opens the dialog again with its error', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(released({ state: 'transferred_out', exitType: 'moved' })))
    const { w } = await mountAt(`/correction/${ID}`)
    await amendWith(w, '更正')
    const message = '修改原因不能超过200个字（当前201个字）'
    m.correctionUpdate.mockRejectedValueOnce({ code: 'validation.too_long', message, fields: [{ field: 'amendReason', code: 'validation.too_long', message }] })
    await w.get('[data-testid="correction-save"]').trigger('click')
    await settle()
    expect(n.showError).toHaveBeenCalled()
    const dialog = w.get('[data-testid="amend-dialog"]')
    expect(dialog.isVisible()).toBe(true)
    expect(dialog.get('.el-form-item__error').text()).toBe(message)
  })

  it('offers no 修改 to a 只读 account', async () => {
    logIn({ ...STAFF, role: 'readonly' })
    m.correctionGet.mockResolvedValue(subjectFrom(released({ state: 'terminated', exitType: 'died' })))
    const { w } = await mountAt(`/correction/${ID}`)
    expect(notice(w).text()).toBe('本案已结案，对象信息为只读。')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    expect(nameOff(w)).toBe(true)
  })

  it('a subject under supervision is editable without a notice; closing it needs no reason', async () => {
    m.correctionGet.mockResolvedValue(subjectFrom(released({ state: 'supervising', exitType: null, exitOn: null })))
    m.correctionStates.mockResolvedValue(['supervising', 'released', 'terminated', 'transferred_out'])
    const { w } = await mountAt(`/correction/${ID}`)
    expect(w.find('[data-testid="record-closed-notice"]').exists()).toBe(false)
    expect(nameOff(w)).toBe(false)
    const state = w.getComponent('[data-testid="correction-form"] [data-testid="field-state"] .el-select') as unknown as VueWrapper
    state.vm.$emit('update:modelValue', 'released')
    state.vm.$emit('change', 'released')
    await flushPromises()
    await w.get('[data-testid="correction-save"]').trigger('click')
    await flushPromises()
    const call = m.correctionUpdate.mock.calls[0]
    expect(call[2].state).toBe('released')
    expect(call[3]).toBeUndefined()
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(nameOff(w)).toBe(true)
  })
})
