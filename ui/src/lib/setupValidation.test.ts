import { describe, expect, it } from 'vitest'
import { emptySetupForm, passwordProblem, setupFormToInput, setupWording, validateSetup } from './setupValidation'

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

  it('checks the 6-digit county code of a district bureau', () => {
    const district = { ...good(), mode: 'district' as const, officeName: '黄石港区司法局', officeCode: '420202' }
    expect(validateSetup(district)).toEqual({})
    expect(validateSetup({ ...district, officeCode: '420202001' }).officeCode).toBe('单位代码应为6位区县代码（纯数字）')
    expect(validateSetup({ ...district, officeCode: '' }).officeCode).toBe('请填写单位代码')
    expect(validateSetup({ ...district, officeName: ' ' }).officeName).toBe('请填写单位名称')
    // a township keeps its 9 digits
    expect(validateSetup({ ...good(), officeCode: '420202' }).officeCode).toBe('乡镇代码应为9位数字')
    expect(validateSetup({ ...good(), officeName: '' }).officeName).toBe('请填写司法所名称')
  })

  it('words the office fields for the mode', () => {
    expect(setupWording('township')).toMatchObject({ nameLabel: '司法所名称', namePlaceholder: '如：某某镇司法所', codeLabel: '9位乡镇代码', codeLength: 9 })
    expect(setupWording('district')).toMatchObject({ nameLabel: '单位名称', namePlaceholder: '如：某某区司法局', codePlaceholder: '6位区县代码', codeLength: 6 })
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
