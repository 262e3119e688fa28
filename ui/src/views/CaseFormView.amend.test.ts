// A closed 调解案件 (结案) shows read-only; 修改 with a reason makes it editable, and the save sends the
// reason (useAmendClosed, AmendReasonDialog, RecordEditorNotices).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { RouterView, type Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  mediationGet: vi.fn(),
  mediationCreate: vi.fn(),
  mediationUpdate: vi.fn(),
  mediationDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) =>
  (await import('../test/notify')).mockNotify(orig, ['confirmLeaveUnsaved', 'showError', 'showSuccess']),
)

import * as api from '../api'
import * as notify from '../lib/notify'
import type { MediationCase, MediationCaseInput } from '../api/generated'
import CaseFormView from './CaseFormView.vue'
import { resetUnsavedChanges } from '../composables/useUnsavedChanges'
import { RECORD_CLOSED_CODE } from '../composables/useAmendClosed'
import { emptyFollowUp, emptyMediationInput } from '../lib/emptyMediationInput'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { HEAD, STAFF, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const ID = '0193a0b0-0000-7000-8000-000000000001'
const CLOSED_NOTICE = '本案已结案，内容为只读。如需更正，请点击「修改」并写明原因（将记入操作日志）。'

function caseFrom(input: MediationCaseInput, over: Partial<MediationCase> = {}): MediationCase {
  return {
    ...structuredClone(input),
    id: ID,
    officeCode: '420204100',
    caseNo: '（2026）石调字第3号',
    version: 3,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    deadlines: [],
    closed: false,
    ...over,
  }
}

/** A case mediated to an agreement, `state` (archived: 结案归档, closed). */
function agreed(state: MediationCaseInput['state'] = 'archived'): MediationCaseInput {
  const input = emptyMediationInput('2026-10-20')
  input.state = state
  input.disputeType = 'neighbour'
  input.summary = '邻里纠纷'
  input.mediators = ['王五', '赵六']
  input.agreementForm = 'written'
  input.agreementOn = '2026-10-25'
  input.terms = '赔偿损失'
  input.performMode = 'immediate'
  input.performance = 'performed'
  input.prevention = [{ kind: 'group_fight', persons: 7 }]
  input.parties[0].name = '张三'
  input.parties[1].name = '李四'
  input.parties.push({ ...structuredClone(input.parties[1]), role: 'third_party', name: '王二' })
  input.followUps = [{ ...emptyFollowUp('2026-11-20', 'phone', '王五'), performance: 'performed' }]
  if (state === 'archived') input.closedOn = '2026-11-25'
  return input
}

const closedCase = () => caseFrom(agreed('archived'), { closed: true })

async function mountAt(path: string, inRouterView = false): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/mediation', name: 'mediation', component: { render: () => h('div', { 'data-testid': 'list' }) } },
    { path: '/mediation/:id', name: 'mediation-case', component: CaseFormView },
  ])
  return { w: await mountScreen(inRouterView ? RouterView : CaseFormView, { router }), router }
}

const disabled = (w: VueWrapper, selector: string) => w.get(selector).attributes('disabled') !== undefined
const summaryBox = (w: VueWrapper) => w.get('[data-testid="field-summary"] textarea')
const notice = (w: VueWrapper) => w.get('[data-testid="record-closed-notice"]')
const dialogShown = (w: VueWrapper) => {
  const d = w.find('[data-testid="amend-dialog"]')
  return d.exists() && d.isVisible()
}

async function amendWith(w: VueWrapper, reason: string) {
  await w.get('[data-testid="record-amend"]').trigger('click')
  await flushPromises()
  await w.get('[data-testid="amend-reason"]').setValue(reason)
  await w.get('[data-testid="amend-confirm"]').trigger('click')
  await flushPromises()
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  logIn(STAFF)
  for (const f of Object.values(m)) (f as ReturnType<typeof vi.fn>).mockReset()
  n.confirmLeaveUnsaved.mockReset()
  n.showError.mockClear()
  m.codeTables.mockResolvedValue(realCodeTables())
  m.mediationUpdate.mockImplementation(async (id, version, input) =>
    caseFrom(input, { id, version: version + 1, closed: ['not_accepted', 'failed', 'withdrawn', 'archived'].includes(input.state) }),
  )
})

afterEach(() => {
  unmountScreen()
  resetUnsavedChanges()
})

describe('CaseFormView (a closed case)', () => {
  it('shows the closed case read-only, with the notice and 修改 at the top', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w, router } = await mountAt(`/mediation/${ID}`)
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(w.get('[data-testid="record-amend"]').text()).toBe('修改')
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(true)
    expect(disabled(w, '[data-testid="field-parties.0.name"] input')).toBe(true)
    expect(w.get('[data-testid="field-state"] .el-select__wrapper').classes()).toContain('is-disabled')
    // Buttons of the form that the form's own rules would enable are off too.
    expect(disabled(w, '[data-testid="party-add"]')).toBe(true)
    expect(disabled(w, '[data-testid="party-remove-2"]')).toBe(true)
    expect(disabled(w, '[data-testid="followup-remove-0"]')).toBe(true)
    expect(disabled(w, '[data-testid="field-prevention.0.persons"] input')).toBe(true)
    // Nothing to save; the way back stays, above and below the form.
    expect(disabled(w, '[data-testid="case-save"]')).toBe(true)
    expect(disabled(w, '[data-testid="case-back"]')).toBe(false)
    const bottom = w.get('.case-bottom-actions').findAll('button')
    expect(bottom.map((b) => [b.text(), b.attributes('disabled') !== undefined])).toEqual([
      ['保存', true],
      ['返回列表', false],
    ])
    await bottom[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/mediation')
  })

  it('Ctrl+S saves nothing while the case is read-only', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    await mountAt(`/mediation/${ID}`)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.mediationUpdate).not.toHaveBeenCalled()
  })

  it('修改 asks for the reason; then the case is editable, its save sends the reason, and it is read-only again', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    await w.get('[data-testid="record-amend"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="amend-dialog"]').text()).toContain('修改原因')
    // Ctrl+S while the dialog asks does not save the form behind it.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.mediationUpdate).not.toHaveBeenCalled()
    await w.get('[data-testid="amend-reason"]').setValue('  当事人姓名录入有误  ')
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    await flushPromises()

    expect(notice(w).text()).toContain('正在修改已结案记录，原因：当事人姓名录入有误')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(false)
    expect(disabled(w, '[data-testid="party-remove-2"]')).toBe(false)
    expect(disabled(w, '[data-testid="case-save"]')).toBe(false)

    await w.get('[data-testid="field-parties.1.name"] input').setValue('李四四')
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input, reason] = m.mediationUpdate.mock.calls[0]
    expect([id, version, reason]).toEqual([ID, 3, '当事人姓名录入有误'])
    expect(input.parties[1].name).toBe('李四四')

    // The case as answered: version 4, still closed, read-only again.
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 4')
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(true)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(true)
    expect(disabled(w, '[data-testid="case-save"]')).toBe(true)
  })

  it('取消 in the dialog leaves the case read-only', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    await w.get('[data-testid="record-amend"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="amend-reason"]').setValue('算了')
    await w.get('[data-testid="amend-cancel"]').trigger('click')
    await flushPromises()
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(true)
  })

  it('a reason the core refuses opens the dialog again with its error; the corrected reason saves', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    await amendWith(w, '更正')
    await summaryBox(w).setValue('邻里排水纠纷')
    m.mediationUpdate.mockRejectedValueOnce({
      code: 'validation.too_long',
      message: '修改原因不能超过200个字（当前201个字）',
      fields: [{ field: 'amendReason', code: 'validation.too_long', message: '修改原因不能超过200个字（当前201个字）' }],
    })
    await w.get('[data-testid="case-save"]').trigger('click')
    await settle()
    expect(n.showError).toHaveBeenCalledTimes(1)
    expect(dialogShown(w)).toBe(true)
    const dialog = w.get('[data-testid="amend-dialog"]')
    expect(dialog.get('.el-form-item__error').text()).toBe('修改原因不能超过200个字（当前201个字）')
    expect((w.get('[data-testid="amend-reason"]').element as HTMLTextAreaElement).value).toBe('更正')
    // Not listed above the form as well: the dialog says it.
    expect(w.find('[data-testid="case-unmatched-errors"]').exists()).toBe(false)
    // The edit stays, and so does the editing.
    expect((summaryBox(w).element as HTMLTextAreaElement).value).toBe('邻里排水纠纷')

    await w.get('[data-testid="amend-reason"]').setValue('依据调解协议书更正简要情况')
    await w.get('[data-testid="amend-confirm"]').trigger('click')
    await flushPromises()
    expect(m.mediationUpdate).toHaveBeenCalledTimes(2)
    expect(m.mediationUpdate.mock.calls[1][3]).toBe('依据调解协议书更正简要情况')
    expect(m.mediationUpdate.mock.calls[1][2].summary).toBe('邻里排水纠纷')
    expect(w.get('[data-testid="case-version"]').text()).toBe('版本 4')
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
  })

  it('a refused save for another reason keeps the editing and shows the error as usual', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    await amendWith(w, '更正')
    m.mediationUpdate.mockRejectedValueOnce({ code: 'conflict.version', message: '案件已被他人修改，请重新加载', fields: [] })
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="case-conflict"]').exists()).toBe(true)
    expect(dialogShown(w)).toBe(false)
    expect(notice(w).text()).toContain('正在修改已结案记录，原因：更正')
  })

  it('asks before leaving with unsaved edits of a closed case', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w, router } = await mountAt(`/mediation/${ID}`, true)
    await amendWith(w, '更正')
    await summaryBox(w).setValue('邻里排水纠纷')
    n.confirmLeaveUnsaved.mockResolvedValue(false)
    await w.get('[data-testid="case-back"]').trigger('click')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).toHaveBeenCalledWith('本案件')
    expect(router.currentRoute.value.path).toBe(`/mediation/${ID}`)
    expect(notice(w).text()).toContain('正在修改已结案记录，原因：更正')
  })

  it('leaves a read-only case without asking', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w, router } = await mountAt(`/mediation/${ID}`, true)
    await w.get('[data-testid="case-back"]').trigger('click')
    await flushPromises()
    expect(n.confirmLeaveUnsaved).not.toHaveBeenCalled()
    expect(router.currentRoute.value.path).toBe('/mediation')
  })

  it('offers no 修改 to a 只读 account', async () => {
    logIn({ ...HEAD, role: 'readonly' })
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    expect(notice(w).text()).toBe('本案已结案，内容为只读。')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(true)
  })
})

describe('CaseFormView (a case closed by this save)', () => {
  it('an open case is editable without a notice, and closing it needs no reason', async () => {
    m.mediationGet.mockResolvedValue(caseFrom(agreed('agreed')))
    const { w } = await mountAt(`/mediation/${ID}`)
    expect(w.find('[data-testid="record-closed-notice"]').exists()).toBe(false)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(false)
    await chooseField(w, 'state', 'archived')
    await w.get('[data-testid="case-save"]').trigger('click')
    await flushPromises()
    expect(m.mediationUpdate).toHaveBeenCalledTimes(1)
    const call = m.mediationUpdate.mock.calls[0]
    expect(call[2].state).toBe('archived')
    expect(call[3]).toBeUndefined()
    // Saved closed: read-only from now on.
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(disabled(w, '[data-testid="field-summary"] textarea')).toBe(true)
  })

  it('a save of a read-only case reaching the editor is refused without calling the core', async () => {
    m.mediationGet.mockResolvedValue(closedCase())
    const { w } = await mountAt(`/mediation/${ID}`)
    // The button is off; its click handler is what a stray call would reach.
    const save = w.getComponent('[data-testid="case-save"]') as unknown as VueWrapper
    save.vm.$emit('click', new MouseEvent('click'))
    await flushPromises()
    expect(m.mediationUpdate).not.toHaveBeenCalled()
    expect(n.showError).toHaveBeenCalledWith(expect.objectContaining({ code: RECORD_CLOSED_CODE }))
  })
})
