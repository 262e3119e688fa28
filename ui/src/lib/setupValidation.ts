// Early checks of the first-run form, for instant feedback. The core re-checks every one of them.
import type { SetupInput } from '../api/types'
import type { FieldErrorMap } from './fieldErrors'

export interface SetupForm extends SetupInput {
  adminPasswordConfirm: string
}

export function emptySetupForm(): SetupForm {
  return {
    officeName: '',
    shortName: '',
    officeCode: '',
    district: '',
    mode: 'township',
    adminUsername: '',
    adminDisplayName: '',
    adminPassword: '',
    adminPasswordConfirm: '',
  }
}

/** At least 8 characters, with letters and digits. */
export function passwordProblem(pw: string): string | null {
  if (pw.length < 8) return '密码至少8位'
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '密码须同时包含字母和数字'
  return null
}

export function validateSetup(f: SetupForm): FieldErrorMap {
  const e: FieldErrorMap = {}
  if (!f.officeName.trim()) e.officeName = '请填写司法所名称'
  if (!f.shortName.trim()) e.shortName = '请填写简称'
  if (!f.officeCode.trim()) e.officeCode = '请填写乡镇代码'
  else if (!/^\d{9}$/.test(f.officeCode.trim())) e.officeCode = '乡镇代码应为9位数字'
  if (!f.district.trim()) e.district = '请填写所属区县'
  if (!f.adminUsername.trim()) e.adminUsername = '请填写用户名'
  if (!f.adminDisplayName.trim()) e.adminDisplayName = '请填写姓名'
  const pw = passwordProblem(f.adminPassword)
  if (pw) e.adminPassword = pw
  if (!f.adminPasswordConfirm) e.adminPasswordConfirm = '请再次输入密码'
  else if (f.adminPasswordConfirm !== f.adminPassword) e.adminPasswordConfirm = '两次输入的密码不一致'
  return e
}

export function setupFormToInput(f: SetupForm): SetupInput {
  return {
    officeCode: f.officeCode.trim(),
    officeName: f.officeName.trim(),
    shortName: f.shortName.trim(),
    district: f.district.trim(),
    mode: f.mode,
    adminUsername: f.adminUsername.trim(),
    adminDisplayName: f.adminDisplayName.trim(),
    adminPassword: f.adminPassword,
  }
}
