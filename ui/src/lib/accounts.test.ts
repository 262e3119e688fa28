import { describe, expect, it } from 'vitest'
import { accountState, canWriteRecordsRole, clockTime, isAdminRole, isLockedOut, rolesForMode } from './accounts'

describe('accounts', () => {
  it('knows the administrators: 所长 and 区局管理员', () => {
    expect(isAdminRole('head')).toBe(true)
    expect(isAdminRole('district_admin')).toBe(true)
    expect(isAdminRole('staff')).toBe(false)
    expect(isAdminRole('readonly')).toBe(false)
    expect(isAdminRole(null)).toBe(false)
    expect(isAdminRole(undefined)).toBe(false)
  })

  it('lets every role but 只读 change records, and nobody when no one is logged in', () => {
    expect(canWriteRecordsRole('head')).toBe(true)
    expect(canWriteRecordsRole('district_admin')).toBe(true)
    expect(canWriteRecordsRole('staff')).toBe(true)
    expect(canWriteRecordsRole('readonly')).toBe(false)
    expect(canWriteRecordsRole(null)).toBe(false)
    expect(canWriteRecordsRole(undefined)).toBe(false)
  })

  it('offers the roles of the office mode', () => {
    expect(rolesForMode('township')).toEqual(['head', 'staff', 'readonly'])
    expect(rolesForMode('district')).toEqual(['district_admin', 'staff', 'readonly'])
    expect(rolesForMode(null)).toEqual(['head', 'staff', 'readonly'])
  })

  it('reads the China wall-clock time of an instant', () => {
    expect(clockTime('2026-11-27T14:05:09+08:00')).toBe('14:05')
    expect(clockTime('2026-11-27T14:05:09.123+08:00')).toBe('14:05')
    expect(clockTime('')).toBe('')
    expect(clockTime(null)).toBe('')
  })

  it('names the state of an account: 正常, 已停用, 已锁定至 HH:mm', () => {
    expect(accountState({ active: true, lockedUntil: null })).toEqual({ text: '正常', type: 'success' })
    expect(accountState({ active: false, lockedUntil: null })).toEqual({ text: '已停用', type: 'info' })
    expect(accountState({ active: true, lockedUntil: '2026-11-27T09:41:00+08:00' })).toEqual({
      text: '已锁定至 09:41',
      type: 'danger',
    })
    // a disabled account cannot log in anyway: that is what it says
    expect(accountState({ active: false, lockedUntil: '2026-11-27T09:41:00+08:00' }).text).toBe('已停用')
    expect(accountState({ active: true, lockedUntil: 'soon' }).text).toBe('已锁定')
  })

  it('offers 解除锁定 for locked accounts only', () => {
    expect(isLockedOut({ lockedUntil: '2026-11-27T09:41:00+08:00' })).toBe(true)
    expect(isLockedOut({ lockedUntil: null })).toBe(false)
  })
})
