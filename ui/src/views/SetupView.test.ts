import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import type { Router } from 'vue-router'

vi.mock('../api', () => ({ setupOffice: vi.fn(), codeTables: vi.fn(), appStatus: vi.fn() }))
vi.mock('../lib/notify', async (orig) => (await import('../test/notify')).mockNotify(orig, ['showSuccess', 'showError']))

import * as api from '../api'
import * as notify from '../lib/notify'
import SetupView from './SetupView.vue'
import { resetCodeTables } from '../store/codeTables'
import { resetSession } from '../store/session'
import { realCodeTables } from '../test/codeTables'
import { settle } from '../test/formItems'
import { expectLimits } from '../test/textLimits'
import { OFFICE_LIMITS } from '../lib/fieldLimits'
import { mountScreen, routerAt, unmountScreen } from '../test/mountScreen'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)

async function mountSetup(): Promise<{ w: VueWrapper; router: Router }> {
  const router = await routerAt('/setup', [
    { path: '/setup', component: SetupView },
    { path: '/login', component: { render: () => h('div', 'login') } },
  ])
  return { w: await mountScreen(SetupView, { router }), router }
}

async function fill(w: VueWrapper, values: Record<string, string>) {
  for (const [path, v] of Object.entries(values)) await w.get(`[data-testid="field-${path}"] input`).setValue(v)
}

const GOOD = {
  officeName: '石灰窑街道司法所',
  shortName: '石',
  officeCode: '420204100',
  district: '西塞山区',
  adminUsername: 'admin',
  adminDisplayName: '张红梅',
  adminPassword: 'abcd1234',
  adminPasswordConfirm: 'abcd1234',
}

beforeEach(() => {
  resetSession()
  resetCodeTables()
  vi.clearAllMocks()
  m.codeTables.mockResolvedValue(realCodeTables())
})
afterEach(unmountScreen)

describe('SetupView', () => {
  it('offers the two modes by their labels, township first', async () => {
    const { w } = await mountSetup()
    const radios = w.findAll('[data-testid="field-mode"] .el-radio')
    expect(radios.map((r) => r.text())).toEqual(['司法所', '区司法局'])
    expect(w.get('[data-testid="field-mode"] .el-radio.is-checked').text()).toBe('司法所')
    expect(w.text()).toContain('用于案件编号，如“石”→（2026）石调字第1号')
  })

  it('shows the limits of the office and account texts as they are typed', async () => {
    const { w } = await mountSetup()
    expectLimits(w, OFFICE_LIMITS)
    await fill(w, { shortName: '石灰窑' })
    expect(w.get('[data-testid="field-shortName"] .el-input__count').text().replace(/\s+/g, ' ')).toBe(`3 / ${OFFICE_LIMITS.shortName}`)
  })

  it('checks that the passwords match before calling the core', async () => {
    const { w } = await mountSetup()
    await fill(w, { ...GOOD, adminPasswordConfirm: 'abcd12345' })
    await w.get('form').trigger('submit')
    await settle()
    expect(m.setupOffice).not.toHaveBeenCalled()
    expect(w.get('[data-testid="field-adminPasswordConfirm"] .el-form-item__error').text()).toBe('两次输入的密码不一致')
  })

  it('sets up the office and goes to the login screen', async () => {
    m.setupOffice.mockResolvedValue({ code: '420204100', name: GOOD.officeName, shortName: '石', district: '西塞山区', mode: 'township' })
    m.appStatus.mockResolvedValue(readyStatus({ office: null, version: '' }))
    const { w, router } = await mountSetup()
    await fill(w, GOOD)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(m.setupOffice).toHaveBeenCalledWith({
      officeCode: '420204100',
      officeName: '石灰窑街道司法所',
      shortName: '石',
      district: '西塞山区',
      mode: 'township',
      adminUsername: 'admin',
      adminDisplayName: '张红梅',
      adminPassword: 'abcd1234',
    })
    expect(vi.mocked(notify.showSuccess)).toHaveBeenCalledWith('设置完成，请登录')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('puts the core field errors on the form', async () => {
    m.setupOffice.mockRejectedValue({
      code: 'validation',
      message: '请检查输入',
      fields: [{ field: 'officeCode', code: 'validation.area_code', message: '乡镇代码不存在' }],
    })
    const { w, router } = await mountSetup()
    await fill(w, GOOD)
    await w.get('form').trigger('submit')
    await settle()
    expect(w.get('[data-testid="field-officeCode"] .el-form-item__error').text()).toBe('乡镇代码不存在')
    expect(router.currentRoute.value.path).toBe('/setup')
    await w.get('[data-testid="field-officeCode"] input').setValue('420204101')
    await settle()
    expect(w.find('[data-testid="field-officeCode"] .el-form-item__error').exists()).toBe(false)
  })

  it('words the office fields for a district bureau when 区司法局 is chosen', async () => {
    const { w } = await mountSetup()
    const label = (path: string) => w.get(`[data-testid="field-${path}"] .el-form-item__label`).text()
    const placeholder = (path: string) => w.get(`[data-testid="field-${path}"] input`).attributes('placeholder')
    expect(label('officeName')).toBe('司法所名称')
    expect(placeholder('officeName')).toBe('如：某某镇司法所')
    expect(label('officeCode')).toBe('9位乡镇代码')
    expect(placeholder('officeCode')).toBe('9位数字')

    const district = w.findAll('[data-testid="field-mode"] .el-radio').find((r) => r.text() === '区司法局')!
    await district.get('input').setValue(true)
    await flushPromises()
    expect(label('officeName')).toBe('单位名称')
    expect(placeholder('officeName')).toBe('如：某某区司法局')
    expect(label('officeCode')).toBe('单位代码')
    expect(placeholder('officeCode')).toBe('6位区县代码')
    expect(w.get('[data-testid="field-officeCode"] input').attributes('maxlength')).toBe('6')
    expect(w.text()).not.toContain('用于案件编号')
  })

  it('sets up a district bureau with its 6-digit code', async () => {
    m.setupOffice.mockResolvedValue({ code: '420202', name: '黄石港区司法局', shortName: '黄石港区', district: '黄石港区', mode: 'district' })
    m.appStatus.mockResolvedValue(readyStatus({ office: null, version: '' }))
    const { w, router } = await mountSetup()
    const district = w.findAll('[data-testid="field-mode"] .el-radio').find((r) => r.text() === '区司法局')!
    await district.get('input').setValue(true)
    await fill(w, { ...GOOD, officeName: '黄石港区司法局', shortName: '黄石港区', officeCode: '420202', district: '黄石港区' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(m.setupOffice).toHaveBeenCalledWith(expect.objectContaining({ officeCode: '420202', officeName: '黄石港区司法局', mode: 'district' }))
    expect(router.currentRoute.value.path).toBe('/login')
  })
})
