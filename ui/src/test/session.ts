// The app as start-up leaves it for a screen's tests: ready at an office on the tests' day.
import type { AppStatus, Office, User } from '../api/generated'
import { session } from '../store/session'

export const TODAY = '2026-11-27'
export const TOWNSHIP: Office = { code: '420204100', name: '石灰窑司法所', shortName: '石', district: '西塞山区', mode: 'township' }
export const DISTRICT: Office = { code: '420202', name: '黄石港区司法局', shortName: '黄石港区', district: '黄石港区', mode: 'district' }
export const STAFF: User = { id: 'u1', username: 'wang', displayName: '王五', role: 'staff' }
export const HEAD: User = { id: 'u1', username: 'admin', displayName: '管理员', role: 'head' }

/** The status the core reports once ready at 石灰窑司法所, nobody logged in, unless `over` says. Its office
 * and user are copies: a test that changes them leaves the next test's alone. */
export function readyStatus(over: Partial<AppStatus> = {}): AppStatus {
  const status: AppStatus = {
    state: 'ready',
    error: null,
    office: TOWNSHIP,
    user: null,
    session: null,
    audit: null,
    damaged: null,
    clock: null,
    today: TODAY,
    dbPath: '',
    version: '0.1.0',
    ...over,
  }
  return { ...status, office: status.office && { ...status.office }, user: status.user && { ...status.user } }
}

/** Started and ready (`over` as in readyStatus). */
export function startReady(over: Partial<AppStatus> = {}) {
  session.booted = true
  session.status = readyStatus(over)
}

/** Started, ready, and `user` logged in. */
export function logIn(user: User, over: Partial<AppStatus> = {}) {
  startReady({ user, ...over })
  session.user = session.status!.user
}
