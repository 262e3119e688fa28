import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('../api', async (orig) => ({
  ...(await orig<typeof import('../api')>()),
  appStatus: vi.fn(),
  sessionLock: vi.fn(),
}))

import * as api from '../api'
import type { AppStatus, SessionStatus, User } from '../api/generated'
import {
  auditCheckResult,
  boot,
  isAdmin,
  lockSession,
  markLocked,
  office,
  passwordChanged,
  refreshStatus,
  requirePasswordChange,
  resetSession,
  session,
  setAuditCheck,
  setOffice,
  setUser,
  unlocked,
} from './session'
import { readyStatus } from '../test/session'

const m = vi.mocked(api)
const user: User = { id: 'u1', username: 'wang', displayName: '王所长', role: 'head' }

function status(s: Partial<SessionStatus> | null, over: Partial<AppStatus> = {}): AppStatus {
  return readyStatus({
    office: { code: '420202001', name: '石港镇司法所', shortName: '石港', district: '黄石港区', mode: 'township' },
    user,
    session: s === null ? null : { user, locked: false, mustChangePassword: false, idleSeconds: 600, ...s },
    audit: { entries: 9, firstBroken: null, reason: null },
    version: '',
    ...over,
  })
}

beforeEach(() => {
  resetSession()
  vi.clearAllMocks()
})
afterEach(resetSession)

describe('session store', () => {
  it('takes the lock, the forced password change and the idle time from app_status', async () => {
    m.appStatus.mockResolvedValue(status({ locked: true, mustChangePassword: true, idleSeconds: 300 }))
    await boot()
    expect(session.user).toEqual(user)
    expect(session.locked).toBe(true)
    expect(session.mustChangePassword).toBe(true)
    expect(session.idleSeconds).toBe(300)
    expect(auditCheckResult()).toEqual({ entries: 9, firstBroken: null, reason: null })
  })

  it('has no lock without a user, and no idle time without a session', async () => {
    m.appStatus.mockResolvedValue(status(null, { user: null }))
    await refreshStatus()
    expect(session.locked).toBe(false)
    expect(session.mustChangePassword).toBe(false)
    expect(session.idleSeconds).toBe(0)
    m.appStatus.mockResolvedValue(status({ user: null, locked: true }, { user: null }))
    await refreshStatus()
    expect(session.locked).toBe(false)
  })

  it('knows the administrators', () => {
    expect(isAdmin()).toBe(false)
    setUser(user)
    expect(isAdmin()).toBe(true)
    setUser({ ...user, role: 'district_admin' })
    expect(isAdmin()).toBe(true)
    setUser({ ...user, role: 'staff' })
    expect(isAdmin()).toBe(false)
  })

  it('locks at once and tells the core; unlocking gives the screen back', async () => {
    m.sessionLock.mockResolvedValue(null)
    setUser(user)
    const pending = lockSession()
    expect(session.locked).toBe(true)
    await pending
    expect(m.sessionLock).toHaveBeenCalledTimes(1)
    await lockSession()
    expect(m.sessionLock).toHaveBeenCalledTimes(1)
    unlocked({ ...user, displayName: '王所长（新）' })
    expect(session.locked).toBe(false)
    expect(session.user?.displayName).toBe('王所长（新）')
  })

  it('stays locked when the core cannot be told', async () => {
    m.sessionLock.mockRejectedValue(new Error('ipc down'))
    setUser(user)
    await lockSession()
    expect(session.locked).toBe(true)
  })

  it('does not lock or force anything without a user', async () => {
    markLocked()
    requirePasswordChange()
    await lockSession()
    expect(session.locked).toBe(false)
    expect(session.mustChangePassword).toBe(false)
    expect(m.sessionLock).not.toHaveBeenCalled()
  })

  it('forgets the lock and the forced change when the user leaves', () => {
    setUser(user)
    markLocked()
    requirePasswordChange()
    setUser(null)
    expect(session.locked).toBe(false)
    expect(session.mustChangePassword).toBe(false)
  })

  it('draws the screens afresh after a forced password change only', () => {
    setUser(user)
    passwordChanged()
    expect(session.viewEpoch).toBe(0)
    requirePasswordChange()
    passwordChanged()
    expect(session.mustChangePassword).toBe(false)
    expect(session.viewEpoch).toBe(1)
  })

  it('keeps the latest audit check', async () => {
    m.appStatus.mockResolvedValue(status({}))
    await boot()
    setAuditCheck({ entries: 10, firstBroken: 4, reason: '第4条操作日志已被删除' })
    expect(auditCheckResult()?.firstBroken).toBe(4)
  })

  it('takes the office as saved, keeping the rest of the status', async () => {
    m.appStatus.mockResolvedValue(status({}))
    await boot()
    setOffice({ code: '420202001', name: '石港街道司法所', shortName: '石街', district: '黄石港区', mode: 'township' })
    expect(office()?.name).toBe('石港街道司法所')
    expect(office()?.shortName).toBe('石街')
    expect(session.user).toEqual(user)
    expect(session.status?.audit?.entries).toBe(9)
  })
})
