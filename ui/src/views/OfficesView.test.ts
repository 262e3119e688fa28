import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'

vi.mock('../api', () => ({ districtOffices: vi.fn(), districtOfficeSave: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import OfficesView from './OfficesView.vue'
import { errorOf, settle } from '../test/formItems'
import { expectLimits } from '../test/textLimits'
import { DISTRICT_OFFICE_LIMITS } from '../lib/fieldLimits'
import { mountScreen, unmountScreen } from '../test/mountScreen'

const m = vi.mocked(api)
const n = vi.mocked(notify)
const OFFICES = [
  { code: '420202001', name: '石港镇司法所', shortName: '石港' },
  { code: '420202002', name: '花湖司法所', shortName: '花湖' },
]

const mountView = () => mountScreen(OfficesView)

const input = (w: VueWrapper, id: string) => w.get(`input[data-testid="${id}"]`)
const value = (w: VueWrapper, id: string) => (input(w, id).element as HTMLInputElement).value

beforeEach(() => {
  vi.clearAllMocks()
  m.districtOffices.mockResolvedValue(OFFICES)
})

afterEach(unmountScreen)

describe('OfficesView', () => {
  it('lists the register', async () => {
    const w = await mountView()
    const table = w.get('[data-testid="offices-table"]')
    expect(table.findAll('.el-table__header-wrapper th').map((t) => t.text())).toEqual(['单位代码', '名称', '简称', '操作'])
    expect(table.findAll('.el-table__body-wrapper tbody tr').map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['420202001', '石港镇司法所', '石港', '修改'],
      ['420202002', '花湖司法所', '花湖', '修改'],
    ])
  })

  it('shows the limits of name and short name as they are typed', async () => {
    const w = await mountView()
    expectLimits(w, DISTRICT_OFFICE_LIMITS)
  })

  it('registers an office and reloads the register', async () => {
    const saved = { code: '420202003', name: '胜阳港司法所', shortName: '胜阳港' }
    m.districtOfficeSave.mockResolvedValue(saved)
    const w = await mountView()
    await input(w, 'offices-code').setValue(' 420202003 ')
    await input(w, 'offices-name').setValue('胜阳港司法所')
    await input(w, 'offices-short-name').setValue('胜阳港')
    await w.get('[data-testid="offices-save"]').trigger('click')
    await flushPromises()
    expect(m.districtOfficeSave).toHaveBeenCalledWith(saved, true)
    expect(n.showSuccess).toHaveBeenCalledWith('已登记：胜阳港司法所')
    expect(m.districtOffices).toHaveBeenCalledTimes(2)
    expect(value(w, 'offices-code')).toBe('')
    expect(value(w, 'offices-name')).toBe('')
  })

  it('shows the core\'s field errors on their fields, and takes one away when its field is changed', async () => {
    m.districtOfficeSave.mockRejectedValue({
      code: 'validation',
      message: '请检查输入',
      fields: [
        { field: 'code', code: 'validation.office_code', message: '单位代码应为9位乡镇代码（纯数字）' },
        { field: 'shortName', code: 'validation.required', message: '请填写简称' },
      ],
    })
    const w = await mountView()
    await input(w, 'offices-code').setValue('4202')
    await input(w, 'offices-name').setValue('胜阳港司法所')
    await w.get('[data-testid="offices-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'code')).toBe('单位代码应为9位乡镇代码（纯数字）')
    expect(errorOf(w, 'shortName')).toBe('请填写简称')
    expect(errorOf(w, 'name')).toBe('')
    expect(n.showSuccess).not.toHaveBeenCalled()
    await input(w, 'offices-short-name').setValue('胜阳港')
    await settle()
    expect(errorOf(w, 'shortName')).toBe('')
    expect(errorOf(w, 'code')).toBe('单位代码应为9位乡镇代码（纯数字）')
  })

  it('corrects an office: its code is filled in and cannot be changed', async () => {
    m.districtOfficeSave.mockResolvedValue({ code: '420202002', name: '花湖街道司法所', shortName: '花湖' })
    const w = await mountView()
    await w.findAll('[data-testid="offices-edit"]')[1]!.trigger('click')
    expect(value(w, 'offices-code')).toBe('420202002')
    expect(input(w, 'offices-code').attributes('disabled')).toBeDefined()
    expect(value(w, 'offices-name')).toBe('花湖司法所')
    expect(w.get('[data-testid="offices-form-title"]').text()).toContain('修改司法所')
    await input(w, 'offices-name').setValue('花湖街道司法所')
    await w.get('[data-testid="offices-save"]').trigger('click')
    await flushPromises()
    expect(m.districtOfficeSave).toHaveBeenCalledWith({ code: '420202002', name: '花湖街道司法所', shortName: '花湖' }, false)
    expect(n.showSuccess).toHaveBeenCalledWith('已修改：花湖街道司法所')
    expect(input(w, 'offices-code').attributes('disabled')).toBeUndefined()
  })

  it('shows a name taken by another office on the name', async () => {
    m.districtOfficeSave.mockRejectedValue({
      code: 'validation',
      message: '名称已被使用',
      fields: [{ field: 'name', code: 'validation.duplicate', message: '名称“花湖司法所”已被名册中的另一单位（420202002）使用' }],
    })
    const w = await mountView()
    await input(w, 'offices-code').setValue('420202009')
    await input(w, 'offices-name').setValue('花湖司法所')
    await input(w, 'offices-short-name').setValue('花')
    await w.get('[data-testid="offices-save"]').trigger('click')
    await settle()
    expect(errorOf(w, 'name')).toContain('已被名册中的另一单位')
  })
})
