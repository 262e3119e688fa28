// Application-wide state: the status from app_status, the logged-in user and the startup outcome.
import { reactive } from 'vue'
import * as api from '../api'
import type { ApiError, AppStatus, Office, User } from '../api/types'
import type { FilterQuery } from '../lib/filterQuery'

interface SessionState {
  /** True once app_status has answered (or failed). */
  booted: boolean
  /** A failure that makes the application unusable (database could not be opened …). */
  fatal: ApiError | null
  status: AppStatus | null
  user: User | null
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
  lastMediationQuery: {},
  lastLegalAidQuery: {},
  lastCorrectionQuery: {},
})

let bootPromise: Promise<void> | null = null

function apply(status: AppStatus) {
  session.status = status
  session.user = status.user
  session.fatal = status.state === 'error' ? api.normaliseError(status.error ?? {}) : null
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

/** Ask again (after setup, to learn the office). */
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

export function today(): string {
  return session.status?.today ?? ''
}

export function setUser(user: User | null) {
  session.user = user
}

/** Test helper: forget everything. */
export function resetSession() {
  bootPromise = null
  session.booted = false
  session.fatal = null
  session.status = null
  session.user = null
  session.lastMediationQuery = {}
  session.lastLegalAidQuery = {}
  session.lastCorrectionQuery = {}
}
