// A closed 法律援助申请 (结案) shows read-only; 修改 with a reason makes it editable, and the save sends the
// reason (useAmendClosed, AmendReasonDialog, RecordEditorNotices).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  legalAidGet: vi.fn(),
  legalAidStates: vi.fn(),
  legalAidCreate: vi.fn(),
  legalAidUpdate: vi.fn(),
  legalAidDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showError', 'showSuccess']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { LegalAidApplication, LegalAidInput } from '../api/generated'
import LegalAidFormView from './LegalAidFormView.vue'
import { resetUnsavedChanges } from '../composables/useUnsavedChanges'
import { emptyLegalAidInput } from '../lib/emptyLegalAidInput'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { chooseField, settle } from '../test/formItems'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { STAFF, TOWNSHIP, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const ID = '0193a0b0-0000-7000-8000-0000000000a1'
const CLOSED_STATES = ['withdrawn_deemed', 'objection_upheld', 'visited']
const CLOSED_NOTICE = '本案已结案，内容为只读。如需更正，请点击「修改」并写明原因（将记入操作日志）。'

function applicationFrom(input: LegalAidInput, over: Partial<LegalAidApplication> = {}): LegalAidApplication {
  return {
    ...structuredClone(input),
    id: ID,
    officeCode: '420204100',
    applicationNo: '（2026）石援申字第5号',
    version: 2,
    createdAt: '2026-11-27T09:00:00+08:00',
    updatedAt: '2026-11-27T09:00:00+08:00',
    createdBy: '管理员',
    updatedBy: '管理员',
    deadlines: [],
    clocks: [],
    closed: CLOSED_STATES.includes(input.state),
    ...over,
  }
}

function application(state: LegalAidInput['state']): LegalAidApplication {
  const input = emptyLegalAidInput('2026-11-10', TOWNSHIP)
  Object.assign(input, {
    state,
    name: '王芳',
    idNo: '420204198001011268',
    caseNature: 'civil',
    matter: 'wages',
    reason: '被拖欠工资',
    suppNoticeOn: '2026-11-11',
  })
  return applicationFrom(input)
}

async function mountAt(path: string): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt(path, [
    { path: '/legal-aid/applications', name: 'legal-aid-applications', component: { render: () => h('div') } },
    { path: '/legal-aid/applications/:id', name: 'legal-aid-application', component: LegalAidFormView },
  ])
  return { w: await mountScreen(LegalAidFormView, { router }), router }
}

const disabled = (w: VueWrapper, selector: string) => w.get(selector).attributes('disabled') !== undefined
const selectOff = (w: VueWrapper, path: string) =>
  w.get(`[data-testid="field-${path}"] .el-select__wrapper`).classes().includes('is-disabled')
const notice = (w: VueWrapper) => w.get('[data-testid="record-closed-notice"]')

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
  vi.clearAllMocks()
  logIn(STAFF, { office: TOWNSHIP })
  m.codeTables.mockResolvedValue(realCodeTables())
  m.legalAidStates.mockImplementation(async (from) => (from === 'handling' ? ['handling', 'closed', 'terminated'] : from ? [from] : ['received']))
  m.legalAidUpdate.mockImplementation(async (id, version, input) => applicationFrom(input, { id, version: version + 1 }))
})

afterEach(() => {
  unmountScreen()
  resetUnsavedChanges()
})

describe('LegalAidFormView (a closed application)', () => {
  it('is read-only until 修改 with a reason; the save sends the reason and it is read-only again', async () => {
    m.legalAidGet.mockResolvedValue(application('withdrawn_deemed'))
    const { w } = await mountAt(`/legal-aid/applications/${ID}`)
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(disabled(w, '[data-testid="field-name"] input')).toBe(true)
    expect(selectOff(w, 'state')).toBe(true)
    // A select the form's rules leave enabled is off too.
    expect(selectOff(w, 'meansBasis')).toBe(true)
    expect(disabled(w, '[data-testid="legal-aid-save"]')).toBe(true)
    expect(disabled(w, '[data-testid="legal-aid-back"]')).toBe(false)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.legalAidUpdate).not.toHaveBeenCalled()

    await amendWith(w, '申请人姓名有误')
    expect(notice(w).text()).toContain('正在修改已结案记录，原因：申请人姓名有误')
    expect(disabled(w, '[data-testid="field-name"] input')).toBe(false)
    expect(selectOff(w, 'meansBasis')).toBe(false)
    await w.get('[data-testid="field-name"] input').setValue('王芳芳')
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await flushPromises()
    const [id, version, input, reason] = m.legalAidUpdate.mock.calls[0]
    expect([id, version, reason]).toEqual([ID, 2, '申请人姓名有误'])
    expect(input.name).toBe('王芳芳')
    expect(w.get('[data-testid="legal-aid-version"]').text()).toBe('版本 3')
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(disabled(w, '[data-testid="field-name"] input')).toBe(true)
  })

  it('a reason the core refuses opens the dialog again with its error', async () => {
    m.legalAidGet.mockResolvedValue(application('visited'))
    const { w } = await mountAt(`/legal-aid/applications/${ID}`)
    await amendWith(w, '补录')
    const message = '该记录已结案，修改前请填写修改原因'
    m.legalAidUpdate.mockRejectedValueOnce({ code: 'validation.amend_reason', message, fields: [{ field: 'amendReason', code: 'validation.amend_reason', message }] })
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await settle()
    expect(n.showError).toHaveBeenCalled()
    const dialog = w.get('[data-testid="amend-dialog"]')
    expect(dialog.isVisible()).toBe(true)
    expect(dialog.get('.el-form-item__error').text()).toBe(message)
    expect(w.find('[data-testid="legal-aid-unmatched-errors"]').exists()).toBe(false)
  })

  it('offers no 修改 to a 只读 account', async () => {
    logIn({ ...STAFF, role: 'readonly' }, { office: TOWNSHIP })
    m.legalAidGet.mockResolvedValue(application('objection_upheld'))
    const { w } = await mountAt(`/legal-aid/applications/${ID}`)
    expect(notice(w).text()).toBe('本案已结案，内容为只读。')
    expect(w.find('[data-testid="record-amend"]').exists()).toBe(false)
    expect(disabled(w, '[data-testid="field-name"] input')).toBe(true)
  })
})

describe('LegalAidFormView (an application closed by this save)', () => {
  it('an open application is editable, and its save into a closing state sends no reason', async () => {
    m.legalAidGet.mockResolvedValue(application('handling'))
    // The answer is stored closed (as a closing state would be).
    m.legalAidUpdate.mockImplementationOnce(async (id, version, input) => applicationFrom(input, { id, version: version + 1, closed: true }))
    const { w } = await mountAt(`/legal-aid/applications/${ID}`)
    expect(w.find('[data-testid="record-closed-notice"]').exists()).toBe(false)
    await chooseField(w, 'state', 'closed')
    await w.get('[data-testid="legal-aid-save"]').trigger('click')
    await flushPromises()
    const call = m.legalAidUpdate.mock.calls[0]
    expect(call[2].state).toBe('closed')
    expect(call[3]).toBeUndefined()
    expect(notice(w).text()).toContain(CLOSED_NOTICE)
    expect(disabled(w, '[data-testid="field-name"] input')).toBe(true)
  })
})
