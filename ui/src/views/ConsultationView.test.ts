import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'

vi.mock('../api', () => ({
  codeTables: vi.fn(),
  consultationList: vi.fn(),
  consultationCreate: vi.fn(),
  consultationUpdate: vi.fn(),
  consultationDelete: vi.fn(),
}))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['confirmDelete', 'showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import type { Consultation, ConsultationInput } from '../api/generated'
import ConsultationView from './ConsultationView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession, session } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { errorOf, settle } from '../test/formItems'
import { expectLimits, limitOf } from '../test/textLimits'
import { CONSULTATION_LIMITS } from '../lib/fieldLimits'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { HEAD, TODAY, logIn } from '../test/session'

const m = vi.mocked(api)
const n = vi.mocked(notify)

const saved = (input: ConsultationInput, over: Partial<Consultation> = {}): Consultation => ({
  ...structuredClone(input),
  id: 'c-1',
  officeCode: '420204100',
  version: 1,
  createdAt: '2026-11-27T09:00:00+08:00',
  updatedAt: '2026-11-27T09:00:00+08:00',
  createdBy: '管理员',
  updatedBy: '管理员',
  ...over,
})

const row = (i: number, over: Partial<Consultation> = {}): Consultation =>
  saved(
    {
      consultedOn: '2026-11-26',
      channel: 'hotline',
      service: 'answer',
      persons: 1,
      groups: ['migrant_worker'],
      matter: 'wages',
      name: '张三',
      phone: '',
      question: '老板拖欠三个月工资不给，应该去哪里投诉，能不能申请法律援助帮忙打官司',
      answer: '可向劳动保障监察投诉或申请劳动仲裁',
      guided: true,
      staff: '王五',
    },
    { id: `c-${i}`, version: 2, ...over },
  )

async function mountView(): Promise<VueWrapper> {
  const router = await routerAt('/legal-aid/consultations', [{ path: '/legal-aid/consultations', component: ConsultationView }])
  return mountScreen(ConsultationView, { router })
}

const entry = (w: VueWrapper) => w.get('[data-testid="consultation-entry"]')

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  logIn(HEAD)
  m.codeTables.mockResolvedValue(realCodeTables())
  m.consultationList.mockResolvedValue({ items: [row(1), row(2, { guided: false, name: '', answer: '' })], total: 42, totalCapped: false })
})

afterEach(unmountScreen)

describe('ConsultationView', () => {
  it('starts the entry with today, 来访, 解答咨询, one person and the current user', async () => {
    const w = await mountView()
    expect(w.find('[data-testid="consultation-page"]').exists()).toBe(true)
    const e = entry(w)
    expect((e.get('[data-testid="field-consultedOn"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect(e.get('[data-testid="field-channel"]').text()).toContain('来访')
    expect(e.get('[data-testid="field-service"]').text()).toContain('解答咨询')
    expect((e.get('[data-testid="field-persons"] input').element as HTMLInputElement).value).toBe('1')
    expect((e.get('[data-testid="field-staff"] input').element as HTMLInputElement).value).toBe('管理员')
    for (const p of ['groups', 'matter', 'name', 'phone', 'question', 'answer', 'guided']) {
      expect(e.find(`[data-testid="field-${p}"]`).exists(), p).toBe(true)
    }
    expect(w.get('[data-testid="consultation-save"]').text()).toBe('保存并继续登记')
  })

  it('shows the limit of every text field of the entry, and lets every select be narrowed by typing', async () => {
    const w = await mountView()
    expectLimits(entry(w), CONSULTATION_LIMITS)
    expect(limitOf(entry(w), 'staff').counter).toBe(`3 / ${CONSULTATION_LIMITS.staff}`)
    const selects = entry(w).findAllComponents(ElSelect)
    expect(selects.length).toBe(4)
    for (const s of selects) expect(s.props('filterable')).toBe(true)
  })

  it('lists consultations with labels, truncated texts and the total', async () => {
    const w = await mountView()
    expect(m.consultationList).toHaveBeenCalledWith({
      query: null,
      channel: null,
      matter: null,
      from: null,
      to: null,
      page: 1,
      pageSize: 20,
    })
    const rows = w.findAll('[data-testid="consultation-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('2026-11-26')
    expect(rows[0].text()).toContain('12348热线')
    expect(rows[0].text()).toContain('劳动报酬')
    expect(rows[0].text()).toContain('张三')
    expect(rows[0].text()).toContain('王五')
    expect(w.findAll('[data-testid="consultation-row-guided"]').map((x) => x.text())).toEqual(['是', '否'])
    expect(w.findAll('[data-testid="consultation-row-name"]').map((x) => x.text())).toEqual(['张三', '—'])
    const q = w.get('[data-testid="consultation-row-question"]')
    expect(q.text().endsWith('…')).toBe(true)
    expect(q.attributes('title')).toContain('能不能申请法律援助帮忙打官司')
    expect(w.get('[data-testid="consultation-total"]').text()).toBe('共 42 条')
    expect(w.text()).not.toContain('hotline')
    expect(w.text()).not.toContain('wages')
  })

  it('saves with Ctrl+Enter, keeps date, channel, service and staff, clears the rest and reloads', async () => {
    const w = await mountView()
    const e = entry(w)
    await e.get('[data-testid="field-name"] input').setValue('李四')
    await e.get('[data-testid="field-question"] textarea').setValue('  离婚后孩子抚养费怎么算 ')
    await e.get('[data-testid="field-answer"] textarea').setValue('按收入比例')
    await e.get('[data-testid="field-guided"] input').setValue(true)
    m.consultationCreate.mockImplementation(async (input) => saved(input))
    await e.get('[data-testid="field-question"] textarea').trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(m.consultationCreate).toHaveBeenCalledTimes(1)
    const sent = m.consultationCreate.mock.calls[0][0]
    expect(sent).toEqual({
      consultedOn: TODAY,
      channel: 'visit',
      service: 'answer',
      persons: 1,
      groups: [],
      matter: '',
      name: '李四',
      phone: '',
      question: '离婚后孩子抚养费怎么算',
      answer: '按收入比例',
      guided: true,
      staff: '管理员',
    })
    expect(n.showSuccess).toHaveBeenCalled()
    expect(m.consultationList).toHaveBeenCalledTimes(2)
    expect((e.get('[data-testid="field-name"] input').element as HTMLInputElement).value).toBe('')
    expect((e.get('[data-testid="field-question"] textarea').element as HTMLTextAreaElement).value).toBe('')
    expect((e.get('[data-testid="field-consultedOn"] input').element as HTMLInputElement).value).toBe(TODAY)
    expect((e.get('[data-testid="field-staff"] input').element as HTMLInputElement).value).toBe('管理员')
    expect(document.activeElement).toBe(e.get('[data-testid="field-question"] textarea').element)
  })

  it('saves the entry with Ctrl+S, as the other forms do', async () => {
    const w = await mountView()
    const e = entry(w)
    expect(w.text()).toContain('也可按 Ctrl+S 或 Ctrl+Enter')
    await e.get('[data-testid="field-question"] textarea').setValue('工伤认定')
    await e.get('[data-testid="field-answer"] textarea').setValue('向人社局申请')
    m.consultationCreate.mockImplementation(async (input) => saved(input))
    const key = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true })
    e.get('[data-testid="field-answer"] textarea').element.dispatchEvent(key)
    await flushPromises()
    expect(key.defaultPrevented).toBe(true)
    expect(m.consultationCreate).toHaveBeenCalledTimes(1)
    expect(m.consultationCreate.mock.calls[0][0]).toMatchObject({ question: '工伤认定', answer: '向人社局申请' })
    expect(m.consultationUpdate).not.toHaveBeenCalled()
    expect((e.get('[data-testid="field-question"] textarea').element as HTMLTextAreaElement).value).toBe('')
  })

  it('saves the edit dialog with Ctrl+S while it is open, not the entry behind it', async () => {
    const w = await mountView()
    m.consultationUpdate.mockImplementation(async (id, version, input) => saved(input, { id, version: version + 1 }))
    await w.get('[data-testid="consultation-edit-c-1"]').trigger('click')
    await flushPromises()
    const dialog = w.get('[data-testid="consultation-edit-dialog"]')
    await dialog.get('[data-testid="field-answer"] textarea').setValue('建议申请劳动仲裁')
    dialog.get('[data-testid="field-answer"] textarea').element.dispatchEvent(
      new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true }),
    )
    await flushPromises()
    expect(m.consultationUpdate).toHaveBeenCalledTimes(1)
    expect(m.consultationUpdate.mock.calls[0][2].answer).toBe('建议申请劳动仲裁')
    expect(m.consultationCreate).not.toHaveBeenCalled()
  })

  it('shows the core field errors on the entry fields', async () => {
    const w = await mountView()
    m.consultationCreate.mockRejectedValueOnce({
      code: 'validation',
      message: '请检查标红的项目',
      fields: [
        { field: 'question', code: 'required', message: '请填写咨询内容' },
        { field: 'matter', code: 'required', message: '请选择咨询事项类别' },
      ],
    })
    await w.get('[data-testid="consultation-save"]').trigger('click')
    await settle()
    expect(errorOf(entry(w), 'question')).toBe('请填写咨询内容')
    expect(errorOf(entry(w), 'matter')).toBe('请选择咨询事项类别')
    await entry(w).get('[data-testid="field-question"] textarea').setValue('工伤认定')
    await settle()
    expect(errorOf(entry(w), 'question')).toBe('')
    expect(errorOf(entry(w), 'matter')).toBe('请选择咨询事项类别')
  })

  it('edits a row in a dialog and saves it with its version', async () => {
    const w = await mountView()
    m.consultationUpdate.mockImplementation(async (id, version, input) => saved(input, { id, version: version + 1 }))
    await w.get('[data-testid="consultation-edit-c-1"]').trigger('click')
    await flushPromises()
    const dialog = w.get('[data-testid="consultation-edit-dialog"]')
    expect((dialog.get('[data-testid="field-name"] input').element as HTMLInputElement).value).toBe('张三')
    await dialog.get('[data-testid="field-answer"] textarea').setValue('建议申请劳动仲裁')
    await w.get('[data-testid="consultation-edit-save"]').trigger('click')
    await flushPromises()
    expect(m.consultationUpdate).toHaveBeenCalledTimes(1)
    const [id, version, input] = m.consultationUpdate.mock.calls[0]
    expect(id).toBe('c-1')
    expect(version).toBe(2)
    expect(input.answer).toBe('建议申请劳动仲裁')
    expect(input.channel).toBe('hotline')
    expect('id' in input).toBe(false)
    expect(m.consultationList).toHaveBeenCalledTimes(2)
  })

  it('deletes a row after confirmation', async () => {
    const w = await mountView()
    n.confirmDelete.mockResolvedValue(true)
    m.consultationDelete.mockResolvedValue(null)
    await w.get('[data-testid="consultation-delete-c-2"]').trigger('click')
    await flushPromises()
    expect(n.confirmDelete).toHaveBeenCalledWith('（2026-11-26）', '咨询登记')
    expect(m.consultationDelete).toHaveBeenCalledWith('c-2', 2)
    expect(m.consultationList).toHaveBeenCalledTimes(2)
  })

  it('searches with the filter', async () => {
    const w = await mountView()
    await w.get('[data-testid="consultation-search"]').setValue('工资')
    await w.get('[data-testid="consultation-search-button"]').trigger('click')
    await flushPromises()
    expect(m.consultationList).toHaveBeenLastCalledWith(expect.objectContaining({ query: '工资', page: 1 }))
  })

  it('has no quick entry at a district (consultations arrive by import), only the register', async () => {
    session.status = { ...session.status!, office: { code: '420202', name: '黄石港区司法局', shortName: '黄石港区', district: '黄石港区', mode: 'district' } }
    const w = await mountView()
    expect(w.find('[data-testid="consultation-entry"]').exists()).toBe(false)
    expect(w.find('[data-testid="consultation-save"]').exists()).toBe(false)
    expect(m.consultationList).toHaveBeenCalled()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(m.consultationCreate).not.toHaveBeenCalled()
  })
})
