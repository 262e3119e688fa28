import { describe, expect, it } from 'vitest'
import { emptySetupForm, passwordProblem, setupFormToInput, validateSetup } from './setupValidation'

const good = () => ({
  ...emptySetupForm(),
  officeName: '石灰窑司法所',
  shortName: '石',
  officeCode: '420204100',
  district: '西塞山区',
  adminUsername: 'admin',
  adminDisplayName: '管理员',
  adminPassword: 'abcd1234',
  adminPasswordConfirm: 'abcd1234',
})

describe('setup form checks', () => {
  it('accepts a complete form', () => {
    expect(validateSetup(good())).toEqual({})
  })

  it('defaults to township mode', () => {
    expect(emptySetupForm().mode).toBe('township')
  })

  it('requires every field', () => {
    const e = validateSetup(emptySetupForm())
    expect(Object.keys(e).sort()).toEqual(
      [
        'officeName',
        'shortName',
        'officeCode',
        'district',
        'adminUsername',
        'adminDisplayName',
        'adminPassword',
        'adminPasswordConfirm',
      ].sort(),
    )
  })

  it('checks the office code', () => {
    expect(validateSetup({ ...good(), officeCode: '42020410' }).officeCode).toBe('乡镇代码应为9位数字')
    expect(validateSetup({ ...good(), officeCode: '42020410a' }).officeCode).toBe('乡镇代码应为9位数字')
  })

  it('checks password strength and confirmation', () => {
    expect(passwordProblem('abc123')).toBe('密码至少8位')
    expect(passwordProblem('abcdefgh')).toBe('密码须同时包含字母和数字')
    expect(passwordProblem('12345678')).toBe('密码须同时包含字母和数字')
    expect(passwordProblem('abcd1234')).toBeNull()
    expect(validateSetup({ ...good(), adminPasswordConfirm: 'abcd12345' }).adminPasswordConfirm).toBe(
      '两次输入的密码不一致',
    )
  })

  it('builds the SetupInput without the confirmation', () => {
    const input = setupFormToInput({ ...good(), officeName: ' 石灰窑司法所 ' })
    expect(input).toEqual({
      officeCode: '420204100',
      officeName: '石灰窑司法所',
      shortName: '石',
      district: '西塞山区',
      mode: 'township',
      adminUsername: 'admin',
      adminDisplayName: '管理员',
      adminPassword: 'abcd1234',
    })
  })
})
