import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h, ref } from 'vue'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  correctionEventCreate: vi.fn(),
  correctionEventUpdate: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError', 'confirmDiscardUnsaved']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { CorrectionEvent, CorrectionEventInput, CorrectionSubject } from '../api/generated'
import CorrectionEventDialog from './CorrectionEventDialog.vue'
import { emptyCorrectionEventInput } from '../lib/emptyCorrectionEventInput'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { loadCodeTables, resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, errorOf, settle } from '../test/formItems'
import { STAFF, TODAY, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const subjectAnswer = (over: Partial<CorrectionSubject> = {}): CorrectionSubject => ({
  ...emptyCorrectionSubjectInput(),
  id: 's1',
  officeCode: '420204100',
  isMinor: false,
  version: 5,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  updatedBy: '',
  supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 },
  events: [],
  closed: false,
  ...over,
})

let wrapper: VueWrapper | null = null

interface MountOpts {
  correctionType?: string
  event?: CorrectionEvent | null
  prefill?: Partial<CorrectionEventInput> | null
}

async function mountDialog(opts: MountOpts = {}) {
  const open = ref(true)
  const saved: CorrectionSubject[] = []
  const conflicts: number[] = []
  await loadCodeTables()
  wrapper = mount(
    {
      render: () =>
        h('div', [
          h(CorrectionEventDialog, {
            modelValue: open.value,
            'onUpdate:modelValue': (v: boolean) => (open.value = v),
            subject: { id: 's1', correctionType: opts.correctionType ?? 'probation' },
            event: opts.event ?? null,
            prefill: opts.prefill ?? null,
            onSaved: (s: CorrectionSubject) => saved.push(s),
            onConflict: () => conflicts.push(1),
          }),
        ]),
    },
    { attachTo: document.body },
  )
  await flushPromises()
  return { w: wrapper, open, saved, conflicts }
}

const dialog = (w: VueWrapper) => w.get('[data-testid="correction-event-dialog"]')
const has = (w: VueWrapper, path: string) => dialog(w).find(`[data-testid="field-${path}"]`).exists()
const fieldText = (w: VueWrapper, path: string) => dialog(w).get(`[data-testid="field-${path}"]`).text()
const inputValue = (w: VueWrapper, path: string) =>
  (dialog(w).get(`[data-testid="field-${path}"] input`).element as HTMLInputElement).value
const savedEvent = (kind: string, over: Partial<CorrectionEvent> = {}): CorrectionEvent => ({
  ...emptyCorrectionEventInput(kind, '2026-11-20', '李四'),
  id: 'e9',
  subjectId: 's1',
  version: 2,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  updatedBy: '',
  lateDays: null,
  ...over,
})
const leaveEvent = (over: Partial<CorrectionEvent> = {}) =>
  savedEvent('leave', {
    leaveReason: 'family',
    destination: '武汉市',
    leaveFrom: '2026-11-21',
    leaveTo: '2026-11-30',
    leaveDays: 10,
    approvalLevel: 'county',
    approvalNote: '本次外出10日，超过7日，由县级社区矫正机构审批',
    decision: 'approved',
    decidedOn: '2026-11-20',
    ...over,
  })
async function setDate(w: VueWrapper, path: string, value: string) {
  const input = dialog(w).get(`[data-testid="field-${path}"] input`)
  await input.setValue(value)
  await input.trigger('change')
  await flushPromises()
}
/** Closed with × or Esc: Element Plus hides the dialog at once and reports the model after the leave
 * transition (stubbed in tests). */
const hidden = (w: VueWrapper, open: { value: boolean }) =>
  !open.value || (w.get('.el-overlay').element as HTMLElement).style.display === 'none'

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  logIn(STAFF)
  m.codeTables.mockResolvedValue(realCodeTables())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('CorrectionEventDialog', () => {
  it('starts a report today, by the logged-in user, 当面报告', async () => {
    const { w } = await mountDialog()
    expect(dialog(w).text()).toContain('登记事项')
    expect(fieldText(w, 'kind')).toContain('报告')
    expect(inputValue(w, 'eventOn')).toBe(TODAY)
    expect(inputValue(w, 'staff')).toBe('王五')
    expect(fieldText(w, 'reportMode')).toContain('当面报告')
    expect(fieldText(w, 'content')).toContain('报告内容')
    for (const p of ['place', 'hours', 'leaveReason', 'sanction', 'period', 'decision']) expect(has(w, p), p).toBe(false)
    expect(has(w, 'notes')).toBe(true)
  })

  it('switches the fields with the kind', async () => {
    const { w } = await mountDialog()
    await chooseField(w, 'kind', 'visit')
    expect(fieldText(w, 'place')).toContain('查访地点')
    expect(has(w, 'people')).toBe(true)
    expect(fieldText(w, 'content')).toContain('查访情况')
    expect(has(w, 'reportMode')).toBe(false)

    await chooseField(w, 'kind', 'education')
    expect(fieldText(w, 'hours')).toContain('时长（小时）')
    expect(fieldText(w, 'content')).toContain('学习内容')

    await chooseField(w, 'kind', 'leave')
    expect(fieldText(w, 'eventOn')).toContain('申请日期')
    for (const p of ['leaveReason', 'destination', 'leaveFrom', 'leaveTo', 'decision']) expect(has(w, p), p).toBe(true)
    expect(fieldText(w, 'decision')).toContain('待审批')
    expect(has(w, 'decidedOn')).toBe(false)
    expect(has(w, 'returnedOn')).toBe(false)
    expect(dialog(w).text()).toContain('7日以内司法所审批，超过7日报县级社区矫正机构，超过30日或两个月内累计超过30日报上一级')
    await dialog(w).get('[data-testid="field-leaveFrom"] input').setValue('2026-11-28')
    await dialog(w).get('[data-testid="field-leaveFrom"] input').trigger('change')
    await dialog(w).get('[data-testid="field-leaveTo"] input').setValue('2026-12-05')
    await dialog(w).get('[data-testid="field-leaveTo"] input').trigger('change')
    await flushPromises()
    expect(dialog(w).get('[data-testid="correction-leave-days"]').text()).toBe('共8天')
    await chooseField(w, 'decision', 'approved')
    expect(fieldText(w, 'decidedOn')).toContain('审批日期')
    expect(has(w, 'returnedOn')).toBe(true)

    await chooseField(w, 'kind', 'sanction')
    expect(fieldText(w, 'eventOn')).toContain('提请日期')
    expect(fieldText(w, 'decision')).toContain('已提请，待决定')
    expect(has(w, 'docNo')).toBe(true)
    expect(fieldText(w, 'content')).toContain('事实和理由')

    await chooseField(w, 'kind', 'assessment')
    for (const p of ['period', 'score', 'newLevel', 'content']) expect(has(w, p), p).toBe(true)
    expect(fieldText(w, 'content')).toContain('考核意见')
  })

  it('offers the health kinds and 提请收监执行 only for 暂予监外执行', async () => {
    const names = (w: VueWrapper, path: string) =>
      (w.getComponent(`[data-testid="field-${path}"] .el-select`) as unknown as VueWrapper)
        .findAllComponents({ name: 'ElOption' })
        .map((o) => (o.props() as { label: string }).label)
    const probation = await mountDialog({ correctionType: 'probation' })
    expect(names(probation.w, 'kind')).not.toContain('身体状况报告')
    expect(names(probation.w, 'kind')).not.toContain('病情复查')
    await chooseField(probation.w, 'kind', 'sanction')
    expect(names(probation.w, 'sanction')).toContain('提请撤销缓刑')
    expect(names(probation.w, 'sanction')).not.toContain('提请撤销假释')
    expect(names(probation.w, 'sanction')).not.toContain('提请收监执行')
    probation.w.unmount()
    wrapper = null
    document.body.innerHTML = ''

    const temporary = await mountDialog({ correctionType: 'temporary' })
    expect(names(temporary.w, 'kind')).toContain('身体状况报告')
    expect(names(temporary.w, 'kind')).toContain('病情复查')
    await chooseField(temporary.w, 'kind', 'medical_review')
    expect(fieldText(temporary.w, 'place')).toContain('复查医院')
    expect(fieldText(temporary.w, 'content')).toContain('复查结论')
    await chooseField(temporary.w, 'kind', 'sanction')
    expect(names(temporary.w, 'sanction')).toContain('提请收监执行')
    expect(names(temporary.w, 'sanction')).not.toContain('提请撤销缓刑')
  })

  it('starts from a prefill (a hint to propose a sanction)', async () => {
    const { w } = await mountDialog({
      prefill: { kind: 'sanction', sanction: 'warning', decision: 'pending', content: '未按规定报告，已逾期12日（超过十日），建议提请警告' },
    })
    expect(fieldText(w, 'kind')).toContain('奖惩')
    expect(fieldText(w, 'sanction')).toContain('警告')
    expect(fieldText(w, 'decision')).toContain('已提请，待决定')
    expect((dialog(w).get('[data-testid="field-content"] textarea').element as HTMLTextAreaElement).value).toContain('建议提请警告')
    expect(inputValue(w, 'eventOn')).toBe(TODAY)
  })

  it('creates the event, hands on the subject and closes', async () => {
    const answer = subjectAnswer()
    m.correctionEventCreate.mockResolvedValue(answer)
    const { w, open, saved } = await mountDialog({ prefill: { kind: 'talk' } })
    await dialog(w).get('[data-testid="field-place"] input').setValue('司法所')
    await dialog(w).get('[data-testid="field-content"] textarea').setValue('  思想稳定，按时报告 ')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionEventCreate).toHaveBeenCalledWith('s1', {
      ...emptyCorrectionEventInput('talk', TODAY, '王五'),
      place: '司法所',
      content: '思想稳定，按时报告',
    })
    expect(saved).toEqual([answer])
    expect(open.value).toBe(false)
  })

  it('shows the core field errors on the fields', async () => {
    m.correctionEventCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'hours', code: 'validation.hours', message: '时长应为0.5至24小时，以0.5小时为单位' },
        { field: 'content', code: 'validation.required', message: '请填写活动内容' },
        { field: 'subject', code: 'x', message: '该对象已解除矫正' },
      ],
    })
    const { w, open, saved } = await mountDialog({ prefill: { kind: 'service', hours: 2 } })
    expect(inputValue(w, 'hours')).toBe('2.0')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await settle()
    expect(errorOf(dialog(w), 'hours')).toBe('时长应为0.5至24小时，以0.5小时为单位')
    expect(errorOf(dialog(w), 'content')).toBe('请填写活动内容')
    expect(w.get('[data-testid="correction-event-unmatched-errors"]').text()).toContain('该对象已解除矫正')
    expect(open.value).toBe(true)
    expect(saved).toEqual([])
  })

  it('takes a field\'s error away as soon as the user types in that field', async () => {
    m.correctionEventCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'hours', code: 'validation.hours', message: '时长应为0.5至24小时，以0.5小时为单位' },
        { field: 'content', code: 'validation.required', message: '请填写活动内容' },
      ],
    })
    const { w } = await mountDialog({ prefill: { kind: 'service', hours: 30 } })
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await settle()
    expect(errorOf(dialog(w), 'hours')).toBe('时长应为0.5至24小时，以0.5小时为单位')
    // The number is being typed: it is not taken until the field is left, the error goes at once.
    const hours = dialog(w).get('[data-testid="field-hours"] input').element as HTMLInputElement
    hours.value = '3'
    hours.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    expect(errorOf(dialog(w), 'hours')).toBe('')
    expect(errorOf(dialog(w), 'content')).toBe('请填写活动内容')
  })

  it('saves with Ctrl+S while open; closed, it leaves the key to the page', async () => {
    m.correctionEventCreate.mockResolvedValue(subjectAnswer())
    const { w, open, saved } = await mountDialog({ prefill: { kind: 'talk' } })
    const place = dialog(w).get('[data-testid="field-place"] input')
    await place.setValue('司法所')
    const key = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
    place.element.dispatchEvent(key)
    await flushPromises()
    expect(key.defaultPrevented).toBe(true)
    expect(m.correctionEventCreate).toHaveBeenCalledTimes(1)
    expect(m.correctionEventCreate.mock.calls[0][1]).toMatchObject({ kind: 'talk', place: '司法所' })
    expect(saved).toHaveLength(1)
    expect(open.value).toBe(false)
    const later = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
    window.dispatchEvent(later)
    await flushPromises()
    expect(later.defaultPrevented).toBe(false)
    expect(m.correctionEventCreate).toHaveBeenCalledTimes(1)
  })

  it('edits an event with its version, the kind fixed, showing the computed approval', async () => {
    const event: CorrectionEvent = {
      ...emptyCorrectionEventInput('leave', '2026-11-20', '李四'),
      leaveReason: 'family',
      destination: '武汉市',
      leaveFrom: '2026-11-21',
      leaveTo: '2026-11-30',
      leaveDays: 10,
      approvalLevel: 'county',
      approvalNote: '本次外出10日，超过7日，由县级社区矫正机构审批',
      decision: 'approved',
      decidedOn: '2026-11-20',
      id: 'e9',
      subjectId: 's1',
      version: 2,
      createdAt: '',
      updatedAt: '',
      createdBy: '',
      updatedBy: '',
      lateDays: null,
    }
    m.correctionEventUpdate.mockResolvedValue(subjectAnswer())
    const { w } = await mountDialog({ event })
    expect(dialog(w).text()).toContain('编辑事项')
    expect(dialog(w).get('[data-testid="field-kind"] .el-select__wrapper').classes()).toContain('is-disabled')
    expect(dialog(w).get('[data-testid="correction-leave-approval"]').text()).toBe(
      '审批层级：县级社区矫正机构（本次外出10日，超过7日，由县级社区矫正机构审批）',
    )
    expect(inputValue(w, 'staff')).toBe('李四')
    await dialog(w).get('[data-testid="field-returnedOn"] input').setValue('2026-11-30')
    await dialog(w).get('[data-testid="field-returnedOn"] input').trigger('change')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    const [id, version, input] = m.correctionEventUpdate.mock.calls[0]
    expect(id).toBe('e9')
    expect(version).toBe(2)
    expect(input.returnedOn).toBe('2026-11-30')
    expect(input.destination).toBe('武汉市')
    expect('lateDays' in input).toBe(false)
  })

  it('closes and reports a version conflict', async () => {
    m.correctionEventCreate.mockRejectedValueOnce({ code: 'conflict.version', message: '已被他人修改', fields: [] })
    const { w, open, conflicts } = await mountDialog({ prefill: { kind: 'report' } })
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    expect(open.value).toBe(false)
    expect(conflicts).toHaveLength(1)
  })

  it('editing an assessment: the new level is fixed, with where to change the level', async () => {
    const { w } = await mountDialog({
      event: savedEvent('assessment', { period: '2026年第三季度', score: 85, newLevel: 'lenient' }),
    })
    expect(fieldText(w, 'newLevel')).toContain('宽管')
    expect(dialog(w).get('[data-testid="field-newLevel"] .el-select__wrapper').classes()).toContain('is-disabled')
    expect(fieldText(w, 'newLevel')).toContain('管理等级调整随新登记的考核生效；如需更改请在对象信息中修改管理等级')
    expect(fieldText(w, 'newLevel')).not.toContain('不调整的不选')
    // the other fields stay editable
    expect(dialog(w).get('[data-testid="field-period"] input').attributes('disabled')).toBeUndefined()
  })

  it('a new assessment may move the level', async () => {
    const { w } = await mountDialog({ prefill: { kind: 'assessment' } })
    expect(dialog(w).get('[data-testid="field-newLevel"] .el-select__wrapper').classes()).not.toContain('is-disabled')
    expect(fieldText(w, 'newLevel')).toContain('不调整的不选')
    expect(fieldText(w, 'newLevel')).not.toContain('管理等级调整随新登记的考核生效')
  })

  it('editing leave: the saved approval shows only while the dates are unchanged', async () => {
    const { w } = await mountDialog({ event: leaveEvent() })
    const info = () => dialog(w).get('.leave-info').text()
    expect(dialog(w).get('[data-testid="correction-leave-days"]').text()).toBe('共10天')
    expect(dialog(w).find('[data-testid="correction-leave-approval"]').exists()).toBe(true)

    await setDate(w, 'leaveTo', '2026-11-25')
    expect(dialog(w).get('[data-testid="correction-leave-days"]').text()).toBe('共5天')
    expect(dialog(w).find('[data-testid="correction-leave-approval"]').exists()).toBe(false)
    expect(info()).not.toContain('县级社区矫正机构审批）')
    expect(info()).toContain('审批权限：7日以内司法所审批，超过7日报县级社区矫正机构，超过30日或两个月内累计超过30日报上一级')

    await setDate(w, 'leaveTo', '2026-11-30')
    expect(dialog(w).find('[data-testid="correction-leave-approval"]').exists()).toBe(true)
    await setDate(w, 'leaveFrom', '2026-11-22')
    expect(dialog(w).get('[data-testid="correction-leave-days"]').text()).toBe('共9天')
    expect(dialog(w).find('[data-testid="correction-leave-approval"]').exists()).toBe(false)
  })

  it('editing leave reported back late shows 销假逾期N天, read-only', async () => {
    const late = await mountDialog({ event: leaveEvent({ returnedOn: '2026-12-04', overdueDays: 3 }) })
    const line = dialog(late.w).get('[data-testid="correction-leave-overdue"]')
    expect(line.text()).toBe('销假逾期3天')
    expect(line.find('input').exists()).toBe(false)
    await setDate(late.w, 'returnedOn', '2026-12-01')
    expect(dialog(late.w).find('[data-testid="correction-leave-overdue"]').exists()).toBe(false)
    late.w.unmount()
    wrapper = null
    document.body.innerHTML = ''

    const onTime = await mountDialog({ event: leaveEvent({ returnedOn: '2026-12-01', overdueDays: null }) })
    expect(dialog(onTime.w).find('[data-testid="correction-leave-overdue"]').exists()).toBe(false)
    expect(dialog(onTime.w).text()).not.toContain('逾期')
  })

  it('closes at once when nothing was changed', async () => {
    const { w, open } = await mountDialog({ prefill: { kind: 'service', hours: 2, content: '清扫街道' } })
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    expect(open.value).toBe(false)
    expect(n.confirmDiscardUnsaved).not.toHaveBeenCalled()
  })

  it('closes an unchanged edited event at once', async () => {
    const { w, open } = await mountDialog({ event: leaveEvent({ returnedOn: '2026-12-04', overdueDays: 3 }) })
    await w.get('.el-dialog__headerbtn').trigger('click')
    await flushPromises()
    expect(hidden(w, open)).toBe(true)
    expect(n.confirmDiscardUnsaved).not.toHaveBeenCalled()
  })

  it('asks before 取消 or × throws away what was entered', async () => {
    const { w, open } = await mountDialog({ prefill: { kind: 'talk' } })
    await dialog(w).get('[data-testid="field-content"] textarea').setValue('思想稳定')
    n.confirmDiscardUnsaved.mockResolvedValue(false)
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(1)
    expect(open.value).toBe(true)
    expect((dialog(w).get('[data-testid="field-content"] textarea').element as HTMLTextAreaElement).value).toBe('思想稳定')

    await w.get('.el-dialog__headerbtn').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(2)
    expect(hidden(w, open)).toBe(false)

    n.confirmDiscardUnsaved.mockResolvedValue(true)
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(3)
    expect(open.value).toBe(false)
    expect(m.correctionEventCreate).not.toHaveBeenCalled()
  })

  it('asks before Esc throws away what was entered', async () => {
    const { w, open } = await mountDialog({ prefill: { kind: 'talk' } })
    const place = dialog(w).get('[data-testid="field-place"] input')
    await place.setValue('司法所')
    n.confirmDiscardUnsaved.mockResolvedValue(false)
    await place.trigger('keydown', { key: 'Escape', code: 'Escape' })
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(1)
    expect(hidden(w, open)).toBe(false)
    n.confirmDiscardUnsaved.mockResolvedValue(true)
    await place.trigger('keydown', { key: 'Escape', code: 'Escape' })
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(2)
    expect(hidden(w, open)).toBe(true)
  })

  it('a changed kind counts as a change; changing back does not', async () => {
    const { w, open } = await mountDialog()
    await chooseField(w, 'kind', 'talk')
    n.confirmDiscardUnsaved.mockResolvedValue(false)
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(1)
    await chooseField(w, 'kind', 'report')
    await w.get('[data-testid="correction-event-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(1)
    expect(open.value).toBe(false)
  })

  it('saving closes without asking', async () => {
    m.correctionEventCreate.mockResolvedValue(subjectAnswer())
    const { w, open } = await mountDialog({ prefill: { kind: 'talk' } })
    await dialog(w).get('[data-testid="field-content"] textarea').setValue('思想稳定')
    await w.get('[data-testid="correction-event-save"]').trigger('click')
    await flushPromises()
    expect(open.value).toBe(false)
    expect(n.confirmDiscardUnsaved).not.toHaveBeenCalled()
  })

  it('every free-text input carries the core’s limit with a counter, by kind', async () => {
    const { CORRECTION_EVENT_LIMITS: MAX } = await import('../lib/fieldLimits')
    const { w } = await mountDialog()
    const checkLimits = (paths: (keyof typeof MAX)[]) => {
      for (const path of paths) {
        const item = dialog(w).get(`[data-testid="field-${path}"]`)
        const control = item.find('textarea').exists() ? item.get('textarea') : item.get('input')
        expect(control.attributes('maxlength'), path).toBe(String(MAX[path]))
        expect(item.find('.el-input__count').exists(), path).toBe(true)
      }
    }
    checkLimits(['staff', 'content', 'notes'])
    expect(dialog(w).get('[data-testid="field-staff"] .el-input__count').text()).toBe('2 / 20')
    await chooseField(w, 'kind', 'visit')
    checkLimits(['place', 'people'])
    await chooseField(w, 'kind', 'leave')
    checkLimits(['destination'])
    await chooseField(w, 'kind', 'sanction')
    checkLimits(['docNo'])
    await chooseField(w, 'kind', 'assessment')
    checkLimits(['period'])
  })

  it('every code-table select can be typed into', async () => {
    const { w } = await mountDialog()
    const filterable = () =>
      dialog(w)
        .findAllComponents({ name: 'ElSelect' })
        .map((s: VueWrapper) => (s.props() as { filterable: boolean }).filterable)
    expect(filterable()).toEqual([true, true])
    await chooseField(w, 'kind', 'leave')
    expect(filterable()).toEqual([true, true, true])
    await chooseField(w, 'kind', 'sanction')
    expect(filterable()).toEqual([true, true, true])
    await chooseField(w, 'kind', 'assessment')
    expect(filterable()).toEqual([true, true])
  })
})
