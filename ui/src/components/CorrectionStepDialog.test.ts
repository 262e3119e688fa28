import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { h, ref } from 'vue'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  correctionUpdate: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError', 'confirmDiscardUnsaved']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { CorrectionSubject } from '../api/generated'
import CorrectionStepDialog from './CorrectionStepDialog.vue'
import type { CorrectionStep } from '../lib/correctionSteps'
import { emptyCorrectionSubjectInput } from '../lib/emptyCorrectionSubjectInput'
import { loadCodeTables, resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, errorOf, settle } from '../test/formItems'
import { STAFF, TODAY, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const subject = (over: Partial<CorrectionSubject> = {}): CorrectionSubject => ({
  ...emptyCorrectionSubjectInput(),
  subjectCode: 'SQ2026031',
  name: '赵强',
  correctionType: 'probation',
  effectiveOn: '2026-11-25',
  state: 'awaiting_report',
  id: 's1',
  officeCode: '420204100',
  isMinor: false,
  version: 1,
  createdAt: '',
  updatedAt: '',
  createdBy: '',
  updatedBy: '',
  supervision: {
    duties: [{ kind: 'report_in', title: '报到', dueOn: '2026-12-07', daysLeft: 10, level: 'upcoming', detail: '判决生效之日（2026-11-25）起10日内报到' }],
    hints: [],
    away: null,
    flags: [],
    lateDays: 0,
  },
  events: [],
  closed: false,
  ...over,
})

let wrapper: VueWrapper | null = null

async function mountDialog(step: CorrectionStep, s: CorrectionSubject = subject(), formDirty = false) {
  const open = ref(true)
  const saved: CorrectionSubject[] = []
  const conflicts: number[] = []
  await loadCodeTables()
  wrapper = mount(
    {
      render: () =>
        h('div', [
          h(CorrectionStepDialog, {
            modelValue: open.value,
            'onUpdate:modelValue': (v: boolean) => (open.value = v),
            subject: s,
            step,
            formDirty,
            onSaved: (x: CorrectionSubject) => saved.push(x),
            onConflict: () => conflicts.push(1),
          }),
        ]),
    },
    { attachTo: document.body },
  )
  await flushPromises()
  return { w: wrapper, open, saved, conflicts }
}

const dialog = (w: VueWrapper) => w.get('[data-testid="correction-step-dialog"]')
const inputValue = (w: VueWrapper, path: string) =>
  (dialog(w).get(`[data-testid="field-${path}"] input`).element as HTMLInputElement).value

async function setDate(w: VueWrapper, path: string, value: string) {
  const input = dialog(w).get(`[data-testid="field-${path}"] input`)
  await input.setValue(value)
  await input.trigger('change')
  await flushPromises()
}

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

describe('CorrectionStepDialog', () => {
  it('登记报到 asks the date (today) and the 接收方式, with the deadline', async () => {
    const { w } = await mountDialog('report')
    const d = dialog(w)
    expect(d.text()).toContain('登记报到')
    expect(d.get('[data-testid="field-reportedOn"]').text()).toContain('报到日期')
    expect(d.get('[data-testid="field-reportedOn"]').classes()).toContain('is-required')
    expect(inputValue(w, 'reportedOn')).toBe(TODAY)
    expect(d.get('[data-testid="field-intakeMode"]').text()).toContain('接收方式')
    expect(d.get('[data-testid="field-intakeMode"]').text()).toContain('自行报到')
    expect(d.get('[data-testid="correction-step-deadline"]').text()).toBe('报到期限：2026-12-07；判决生效之日（2026-11-25）起10日内报到')
    expect(d.text()).toContain('保存后矫正状态改为“已报到”')
    expect(d.find('[data-testid="correction-step-dirty-note"]').exists()).toBe(false)
    expect(d.get('[data-testid="correction-step-save"]').text()).toBe('登记报到')
    expect(d.text()).not.toContain('self')
  })

  it('saves the subject as saved with the new state, date and 接收方式, at its version', async () => {
    const s = subject({ version: 4, notes: '已存备注' })
    const answer = subject({ version: 5, state: 'reported', reportedOn: '2026-11-26', intakeMode: 'escorted' })
    m.correctionUpdate.mockResolvedValue(answer)
    const { w, open, saved } = await mountDialog('report', s)
    await setDate(w, 'reportedOn', '2026-11-26')
    await chooseField(dialog(w), 'intakeMode', 'escorted')
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input] = m.correctionUpdate.mock.calls[0]
    expect(id).toBe('s1')
    expect(version).toBe(4)
    expect(input).toMatchObject({ state: 'reported', reportedOn: '2026-11-26', intakeMode: 'escorted', notes: '已存备注', name: '赵强' })
    expect('supervision' in input).toBe(false)
    expect(n.showSuccess).toHaveBeenCalledWith('已登记报到（版本 5）')
    expect(saved).toEqual([answer])
    expect(open.value).toBe(false)
  })

  it('shows the core field errors on its fields, others above them, and stays open', async () => {
    m.correctionUpdate.mockRejectedValue({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'reportedOn', code: 'validation.date_order', message: '报到日期不能早于判决生效日期' },
        { field: 'team', code: 'validation.required', message: '请选择矫正小组成员' },
      ],
    })
    const { w, open, saved } = await mountDialog('report')
    await setDate(w, 'reportedOn', '2026-11-20')
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await settle()
    expect(open.value).toBe(true)
    expect(saved).toHaveLength(0)
    expect(errorOf(dialog(w), 'reportedOn')).toBe('报到日期不能早于判决生效日期')
    expect(dialog(w).get('[data-testid="correction-step-unmatched-errors"]').text()).toContain('请选择矫正小组成员')
    // Changing the date takes its error away.
    await setDate(w, 'reportedOn', '2026-11-26')
    await settle()
    expect(errorOf(dialog(w), 'reportedOn')).toBe('')
  })

  it('closes and reports a version conflict', async () => {
    m.correctionUpdate.mockRejectedValue({ code: 'conflict.version', message: '已被他人修改，请重新加载', fields: [] })
    const { w, open, saved, conflicts } = await mountDialog('report')
    await w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(n.showError).toHaveBeenCalled()
    expect(open.value).toBe(false)
    expect(conflicts).toHaveLength(1)
    expect(saved).toHaveLength(0)
  })

  it('登记宣告 asks only the 宣告日期; 转为在矫 asks nothing', async () => {
    const reported = subject({ state: 'reported', reportedOn: '2026-11-27', supervision: { duties: [], hints: [], away: null, flags: [], lateDays: 0 } })
    m.correctionUpdate.mockResolvedValue(subject({ state: 'announced', version: 2 }))
    const a = await mountDialog('announce', reported)
    expect(dialog(a.w).get('[data-testid="field-announcedOn"]').text()).toContain('宣告日期')
    expect(inputValue(a.w, 'announcedOn')).toBe(TODAY)
    expect(dialog(a.w).find('[data-testid="field-intakeMode"]').exists()).toBe(false)
    expect(dialog(a.w).find('[data-testid="correction-step-deadline"]').exists()).toBe(false)
    await a.w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionUpdate.mock.calls[0][2]).toMatchObject({ state: 'announced', reportedOn: '2026-11-27', announcedOn: TODAY })
    expect(n.showSuccess).toHaveBeenCalledWith('已登记宣告（版本 2）')
    a.w.unmount()
    wrapper = null
    document.body.innerHTML = ''

    const announced = subject({ state: 'announced', reportedOn: '2026-11-27', announcedOn: '2026-11-27' })
    const b = await mountDialog('supervise', announced)
    expect(dialog(b.w).find('.el-form-item').exists()).toBe(false)
    expect(dialog(b.w).text()).toContain('保存后矫正状态改为“在矫”')
    await b.w.get('[data-testid="correction-step-save"]').trigger('click')
    await flushPromises()
    expect(m.correctionUpdate.mock.calls[1][2]).toMatchObject({ state: 'supervising', announcedOn: '2026-11-27' })
  })

  it('says the form’s unsaved edits are not saved with it', async () => {
    const { w } = await mountDialog('report', subject(), true)
    expect(dialog(w).get('[data-testid="correction-step-dirty-note"]').text()).toContain('尚未保存的修改不随本次登记保存')
  })

  it('saves with Ctrl+S while open', async () => {
    m.correctionUpdate.mockResolvedValue(subject({ state: 'reported', version: 2 }))
    const { open } = await mountDialog('report')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.correctionUpdate).toHaveBeenCalledTimes(1)
    expect(open.value).toBe(false)
  })

  it('取消 closes at once when untouched; a changed date asks first', async () => {
    const { w, open } = await mountDialog('report')
    await w.get('[data-testid="correction-step-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).not.toHaveBeenCalled()
    expect(open.value).toBe(false)

    open.value = true
    await flushPromises()
    await setDate(w, 'reportedOn', '2026-11-26')
    n.confirmDiscardUnsaved.mockResolvedValue(false)
    await w.get('[data-testid="correction-step-cancel"]').trigger('click')
    await flushPromises()
    expect(n.confirmDiscardUnsaved).toHaveBeenCalledTimes(1)
    expect(open.value).toBe(true)
    expect(m.correctionUpdate).not.toHaveBeenCalled()
  })
})
