// Application-wide state: the status from app_status, the logged-in user and the startup outcome; the
// session's lock and forced password change.
import { reactive } from 'vue'
import * as api from '../api'
import { AUTH_REQUIRED_CODE } from '../api/errors'
import type { ApiError, AppStatus, AuditCheck, Office, User } from '../api/generated'
import { isAdminRole } from '../lib/accounts'
import type { FilterQuery } from '../lib/filterQuery'

interface SessionState {
  /** True once app_status has answered (or failed). */
  booted: boolean
  /** A failure that makes the application unusable (database could not be opened …). */
  fatal: ApiError | null
  status: AppStatus | null
  user: User | null
  /** The screen is locked: the lock screen covers everything until the password is given. */
  locked: boolean
  /** The password must be changed before anything else (set by an administrator). */
  mustChangePassword: boolean
  /** Seconds without activity after which the screen locks; 0: unknown (no idle lock in the window). */
  idleSeconds: number
  /** Changes when the screens must be drawn afresh (after a forced password change, their data could
   * not be read before). */
  viewEpoch: number
  /** The last mediation list query, so "返回列表" restores the filter. */
  lastMediationQuery: FilterQuery
  /** The last legal-aid application list query, so "返回列表" restores the filter. */
  lastLegalAidQuery: FilterQuery
  /** The last 矫正对象 list query, so "返回列表" restores the filter. */
  lastCorrectionQuery: FilterQuery
}

export const session = reactive<SessionState>({
  booted: false,
  fatal: null,
  status: null,
  user: null,
  locked: false,
  mustChangePassword: false,
  idleSeconds: 0,
  viewEpoch: 0,
  lastMediationQuery: {},
  lastLegalAidQuery: {},
  lastCorrectionQuery: {},
})

let bootPromise: Promise<void> | null = null

function apply(status: AppStatus) {
  session.status = status
  session.user = status.user
  session.fatal = status.state === 'error' ? api.normaliseError(status.error ?? {}) : null
  const s = status.session ?? null
  session.locked = !!status.user && !!s?.locked
  session.mustChangePassword = !!status.user && !!s?.mustChangePassword
  session.idleSeconds = s?.idleSeconds ?? 0
}

/** Ask the core for its status once (later calls share the answer). */
export function boot(): Promise<void> {
  if (!bootPromise) {
    bootPromise = api
      .appStatus()
      .then(apply)
      .catch((e) => {
        session.fatal = api.normaliseError(e)
      })
      .finally(() => {
        session.booted = true
      })
  }
  return bootPromise
}

/** Ask again (after setup, to learn the office; after login, to learn the session's state). */
export async function refreshStatus(): Promise<void> {
  apply(await api.appStatus())
}

export function office(): Office | null {
  return session.status?.office ?? null
}

/** Whether the application runs as a 区司法局 (district mode): it imports its offices' batches. */
export function isDistrict(): boolean {
  return office()?.mode === 'district'
}

/** Whether the logged-in user administers the office (所长, 区局管理员): accounts, settings, the audit log
 * and backups. The core checks every such command again. */
export function isAdmin(): boolean {
  return isAdminRole(session.user?.role)
}

export function today(): string {
  return session.status?.today ?? ''
}

/** The audit chain as last checked (at start-up, or again on 操作日志). */
export function auditCheckResult(): AuditCheck | null {
  return session.status?.audit ?? null
}

export function setAuditCheck(check: AuditCheck) {
  if (session.status) session.status = { ...session.status, audit: check }
}

/** The office's profile as just saved (系统设置 → 单位信息): the header, the lock screen and every other
 * place that shows the office take it at once. */
export function setOffice(saved: Office) {
  if (session.status) session.status = { ...session.status, office: saved }
}

export function setUser(user: User | null) {
  session.user = user
  if (!user) {
    session.locked = false
    session.mustChangePassword = false
  }
}

/** Show the lock screen (the core has locked the session, or is being told to). */
export function markLocked() {
  if (session.user) session.locked = true
}

/** Lock the screen now: the lock screen shows at once, and the core is told. */
export async function lockSession(): Promise<void> {
  if (!session.user || session.locked) return
  markLocked()
  try {
    await api.sessionLock()
  } catch (e) {
    // "auth.required" is handled where every command's is (back to login). Otherwise the lock screen
    // stays: unlocking checks the password whatever the core's state.
    if (api.normaliseError(e).code !== AUTH_REQUIRED_CODE && import.meta.env.MODE !== 'test') {
      console.error('session_lock failed', e)
    }
  }
}

/** The session's user unlocked the screen. */
export function unlocked(user: User) {
  session.user = user
  session.locked = false
}

/** The core demands a new password before anything else. */
export function requirePasswordChange() {
  if (session.user) session.mustChangePassword = true
}

/** The password was changed; after a forced change the screens are drawn afresh (nothing could be read
 * before). */
export function passwordChanged() {
  if (session.mustChangePassword) {
    session.mustChangePassword = false
    session.viewEpoch += 1
  }
}

/** Test helper: forget everything. */
export function resetSession() {
  bootPromise = null
  session.booted = false
  session.fatal = null
  session.status = null
  session.user = null
  session.locked = false
  session.mustChangePassword = false
  session.idleSeconds = 0
  session.viewEpoch = 0
  session.lastMediationQuery = {}
  session.lastLegalAidQuery = {}
  session.lastCorrectionQuery = {}
}
