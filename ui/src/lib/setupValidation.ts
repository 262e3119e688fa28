// Early checks of the first-run form, for instant feedback. The core re-checks every one of them.
import type { Mode, SetupInput } from '../api/generated'
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

/** The words of the office fields for each mode: a 司法所 has a 9-digit township code, a 区司法局 the 6-digit
 * code of its county. */
export interface SetupWording {
  nameLabel: string
  namePlaceholder: string
  nameRequired: string
  codeLabel: string
  codePlaceholder: string
  codeLength: number
  codeRequired: string
  codeInvalid: string
  shortHelp: string
}

const WORDING: Record<Mode, SetupWording> = {
  township: {
    nameLabel: '司法所名称',
    namePlaceholder: '如：某某镇司法所',
    nameRequired: '请填写司法所名称',
    codeLabel: '9位乡镇代码',
    codePlaceholder: '9位数字',
    codeLength: 9,
    codeRequired: '请填写乡镇代码',
    codeInvalid: '乡镇代码应为9位数字',
    shortHelp: '用于案件编号，如“石”→（2026）石调字第1号',
  },
  district: {
    nameLabel: '单位名称',
    namePlaceholder: '如：某某区司法局',
    nameRequired: '请填写单位名称',
    codeLabel: '单位代码',
    codePlaceholder: '6位区县代码',
    codeLength: 6,
    codeRequired: '请填写单位代码',
    codeInvalid: '单位代码应为6位区县代码（纯数字）',
    shortHelp: '用于区级汇总表，如“某某区”',
  },
}

function isMode(mode: string): mode is Mode {
  return Object.hasOwn(WORDING, mode)
}

/** The wording of `mode` (SetupInput's mode is a plain string): a 司法所's for anything else. */
export function setupWording(mode: SetupInput['mode']): SetupWording {
  return isMode(mode) ? WORDING[mode] : WORDING.township
}

export function validateSetup(f: SetupForm): FieldErrorMap {
  const e: FieldErrorMap = {}
  const w = setupWording(f.mode)
  if (!f.officeName.trim()) e.officeName = w.nameRequired
  if (!f.shortName.trim()) e.shortName = '请填写简称'
  if (!f.officeCode.trim()) e.officeCode = w.codeRequired
  else if (!new RegExp(`^\\d{${w.codeLength}}$`).test(f.officeCode.trim())) e.officeCode = w.codeInvalid
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
