// Messages to the user (Element Plus ElMessage / ElMessageBox).
import { ElMessage, ElMessageBox } from 'element-plus'
import { PASSWORD_CHANGE_REQUIRED_CODE, SESSION_LOCKED_CODE, normaliseError } from '../api/errors'
import type { ApiError } from '../api/generated'

/** Failures the whole window answers (the lock screen, the forced password change): no message of
 * their own. */
/** Messages open below the 60 px header, so they never cover the office, the user or its buttons. */
export const MESSAGE_OFFSET = 72

const ANSWERED_BY_THE_WINDOW: readonly string[] = [SESSION_LOCKED_CODE, PASSWORD_CHANGE_REQUIRED_CODE]

/** Show the Chinese message of a failure and return it normalised. */
export function showError(e: unknown): ApiError {
  const err = normaliseError(e)
  if (ANSWERED_BY_THE_WINDOW.includes(err.code)) return err
  ElMessage({ type: 'error', message: err.message, showClose: true, duration: 6000, grouping: true, offset: MESSAGE_OFFSET })
  return err
}

export function showSuccess(message: string) {
  // An earlier failure is answered by this success: do not leave its message standing.
  ElMessage.closeAll('error')
  ElMessage({ type: 'success', message, duration: 3000, offset: MESSAGE_OFFSET })
}

/** A change the window made for the user (a field filled in elsewhere on the form …). */
export function showInfo(message: string) {
  ElMessage({ type: 'info', message, duration: 4000, offset: MESSAGE_OFFSET })
}

/** `kind` names what is deleted: 案件 (default), 法律援助申请, 咨询登记 … */
export function deleteConfirmText(caseNo: string, kind = '案件'): string {
  return `确定删除${kind}${caseNo}吗？删除后将不在台账中显示，删除记录会保留在操作日志中。`
}

/** Ask before deleting a case (or another record, named by `kind`); resolves true when the user chose 删除. */
export async function confirmDelete(caseNo: string, kind = '案件'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(deleteConfirmText(caseNo, kind), `删除${kind}`, {
      confirmButtonText: '删除',
      cancelButtonText: '取消',
      type: 'warning',
      confirmButtonClass: 'el-button--danger',
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}

/** Ask before leaving a form with unsaved changes; resolves true when the user chose to give them up.
 * `subject` names the record (本案件 by default, 本申请 …); `action` what would lose them (离开,
 * 退出登录, 关闭窗口 …). */
export async function confirmLeaveUnsaved(subject = '本案件', action = '离开'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(`${subject}有尚未保存的修改，${action}后这些修改将丢失。确定${action}吗？`, '未保存的修改', {
      confirmButtonText: action === '离开' ? '离开' : `放弃修改并${action}`,
      cancelButtonText: '继续编辑',
      type: 'warning',
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}

export const DISCARD_UNSAVED_TEXT = '当前填写的内容尚未保存，确定放弃吗？'

/** Ask before closing a dialog whose form was changed; resolves true when the user chose 放弃 (closing
 * the question with × or Esc keeps the dialog open). */
export async function confirmDiscardUnsaved(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(DISCARD_UNSAVED_TEXT, '未保存的内容', {
      confirmButtonText: '放弃',
      cancelButtonText: '继续填写',
      type: 'warning',
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}

/** Ask before a destructive action; resolves true when the user chose `confirmText`. */
export async function confirmAction(message: string, title: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      type: 'warning',
      confirmButtonClass: 'el-button--danger',
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}

/** Offer a change that is not destructive (the form's own fields); resolves true when the user chose
 * `confirmText`, false for `cancelText`, × or Esc. `type` 'warning' when going on has a drawback the
 * message explains (an export of a month not yet over …). */
export async function confirmChoice(
  message: string,
  title: string,
  confirmText: string,
  cancelText: string,
  type: 'info' | 'warning' = 'info',
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      confirmButtonText: confirmText,
      cancelButtonText: cancelText,
      type,
      autofocus: false,
    })
    return true
  } catch {
    return false
  }
}
