// Turning whatever a command rejects with into an ApiError the UI can show.
import type { ApiError, FieldError } from './generated'

/** Code used for failures that did not come from the core as an ApiError. */
export const UNEXPECTED_CODE = 'ui.unexpected'
export const UNEXPECTED_MESSAGE = '操作未能完成，请重试。如仍失败，请联系区司法局信息管理员。'
export const AUTH_REQUIRED_CODE = 'auth.required'
export const VERSION_CONFLICT_CODE = 'conflict.version'
/** A wrong password (the core says 用户名或密码错误, fit for the login page). */
export const WRONG_PASSWORD_CODE = 'auth.wrong_password'
/** The screen is locked (by the user or after the idle time): the lock screen asks for the password. */
export const SESSION_LOCKED_CODE = 'auth.session_locked'
/** The password set by an administrator must be changed first: the change-password dialog is forced. */
export const PASSWORD_CHANGE_REQUIRED_CODE = 'auth.password_change_required'
/** The account's role does not allow the command (当前账号没有执行此操作的权限。). */
export const FORBIDDEN_CODE = 'auth.forbidden'
/** A file that cannot be restored from (the message says why). */
export const BACKUP_INVALID_CODE = 'backup.invalid'

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function isFieldError(x: unknown): x is FieldError {
  return isRecord(x) && typeof x.field === 'string' && typeof x.message === 'string'
}

/** A text is shown to the user only when it is Chinese; anything else (English from the IPC layer,
 * JavaScript errors) is replaced by a generic Chinese message and logged for developers. */
function chineseOr(text: unknown, fallback: string): string {
  if (typeof text === 'string' && CJK.test(text)) return text
  return fallback
}

export function isApiError(x: unknown): x is ApiError {
  return (
    isRecord(x) &&
    typeof x.code === 'string' &&
    typeof x.message === 'string' &&
    Array.isArray(x.fields) &&
    x.fields.every(isFieldError)
  )
}

/** Normalise a rejection (ApiError, partial object, string, Error, anything) into an ApiError whose
 * message is Chinese. */
export function normaliseError(e: unknown): ApiError {
  if (isApiError(e)) {
    return {
      code: e.code,
      message: chineseOr(e.message, UNEXPECTED_MESSAGE),
      fields: e.fields.map((f) => ({ field: f.field, code: String(f.code ?? ''), message: f.message })),
    }
  }
  if (isRecord(e) && !(e instanceof Error)) {
    const code = typeof e.code === 'string' && e.code ? e.code : UNEXPECTED_CODE
    const fields = Array.isArray(e.fields)
      ? e.fields
          .filter(isFieldError)
          .map((f) => ({ field: f.field, code: String(f.code ?? ''), message: f.message }))
      : []
    logUnexpected(e)
    return { code, message: chineseOr(e.message, UNEXPECTED_MESSAGE), fields }
  }
  if (typeof e === 'string') {
    // Tauri rejects with a plain string for IPC-level failures (unknown command, bad arguments).
    // The core may also have sent a JSON-encoded ApiError.
    const trimmed = e.trim()
    if (trimmed.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(trimmed)
        if (isRecord(parsed)) return normaliseError(parsed)
      } catch {
        // not JSON: fall through
      }
    }
    logUnexpected(e)
    return { code: UNEXPECTED_CODE, message: chineseOr(e, UNEXPECTED_MESSAGE), fields: [] }
  }
  if (e instanceof Error) {
    logUnexpected(e)
    return { code: UNEXPECTED_CODE, message: chineseOr(e.message, UNEXPECTED_MESSAGE), fields: [] }
  }
  logUnexpected(e)
  return { code: UNEXPECTED_CODE, message: UNEXPECTED_MESSAGE, fields: [] }
}

function logUnexpected(e: unknown) {
  if (import.meta.env.MODE !== 'test') console.error('unexpected error from command', e)
}
