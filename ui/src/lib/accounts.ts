// Accounts: who administers (所长, 区局管理员), which roles an office's mode allows, and how 账号管理 shows
// an account's state.
import type { Mode, Role, UserSummary } from '../api/generated'

/** Roles that manage accounts, settings, the audit log and backups (the core checks it again). */
export const ADMIN_ROLES: readonly Role[] = ['head', 'district_admin']

export function isAdminRole(role: Role | null | undefined): boolean {
  return !!role && ADMIN_ROLES.includes(role)
}

/** Whether an account of `role` may create and change records (every role but 只读; nobody when no one is
 * logged in). The core checks every change again (User::can_write_records). */
export function canWriteRecordsRole(role: Role | null | undefined): boolean {
  return !!role && role !== 'readonly'
}

/** The roles an account may have in an office of `mode` (the core refuses any other). */
export function rolesForMode(mode: Mode | null | undefined): Role[] {
  return mode === 'district' ? ['district_admin', 'staff', 'readonly'] : ['head', 'staff', 'readonly']
}

/** The wall-clock time "HH:mm" of an RFC 3339 instant, in the core's (China) time; '' when unreadable. */
export function clockTime(rfc3339: string | null | undefined): string {
  const m = /T(\d{2}:\d{2})/.exec(rfc3339 ?? '')
  return m ? m[1]! : ''
}

export interface AccountState {
  text: string
  /** Element Plus tag type */
  type: 'success' | 'info' | 'danger'
}

/** 正常 / 已停用 / 已锁定至 HH:mm (after repeated wrong passwords; the core no longer reports a lock once it
 * has run out). */
export function accountState(u: Pick<UserSummary, 'active' | 'lockedUntil'>): AccountState {
  if (!u.active) return { text: '已停用', type: 'info' }
  if (u.lockedUntil) {
    const t = clockTime(u.lockedUntil)
    return { text: t ? `已锁定至 ${t}` : '已锁定', type: 'danger' }
  }
  return { text: '正常', type: 'success' }
}

/** Whether 解除锁定 applies. */
export function isLockedOut(u: Pick<UserSummary, 'lockedUntil'>): boolean {
  return !!u.lockedUntil
}
