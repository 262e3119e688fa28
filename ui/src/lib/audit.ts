// 操作日志: the filter, its categories of actions, and the texts of the list.
import type { AuditCheck, AuditFilter, AuditListItem, FieldChange } from '../api/generated'

export const AUDIT_PAGE_SIZES = [50, 100, 200] as const
export const AUDIT_DEFAULT_PAGE_SIZE = 50

/** Categories of actions for the filter: the core matches the code itself and every action below it
 * ("login" also finds "login.failed", "user" finds "user.create" …). */
export const AUDIT_CATEGORIES: readonly { code: string; label: string }[] = [
  { code: 'login', label: '登录' },
  { code: 'logout', label: '退出登录' },
  { code: 'session', label: '锁屏' },
  { code: 'password', label: '密码' },
  { code: 'user', label: '账号管理' },
  { code: 'create', label: '新增记录' },
  { code: 'update', label: '修改记录' },
  { code: 'delete', label: '删除记录' },
  { code: 'holiday', label: '节假日设置' },
  { code: 'supervision_level', label: '监管等级' },
  { code: 'export', label: '月度报送导出' },
  { code: 'district', label: '区级导入等' },
  { code: 'backup', label: '备份与恢复' },
  { code: 'settings', label: '系统设置' },
  { code: 'audit', label: '操作日志导出' },
]

export function defaultAuditFilter(): AuditFilter {
  return {
    username: null,
    action: null,
    recordKind: null,
    recordId: null,
    from: null,
    to: null,
    page: 1,
    pageSize: AUDIT_DEFAULT_PAGE_SIZE,
  }
}

function clean(v: string | null | undefined): string | null {
  const t = (v ?? '').trim()
  return t === '' ? null : t
}

/** Blank parts as null, texts trimmed; every key present (what the command is sent). */
export function normaliseAuditFilter(f: AuditFilter): AuditFilter {
  return {
    username: clean(f.username),
    action: clean(f.action),
    recordKind: clean(f.recordKind),
    recordId: clean(f.recordId),
    from: clean(f.from),
    to: clean(f.to),
    page: Math.max(1, Math.floor(f.page) || 1),
    pageSize: f.pageSize,
  }
}

/** An entry's instant as "2026-11-27 14:05:09" (China time, as the core wrote it). */
export function formatAuditTime(at: string | null | undefined): string {
  if (!at) return ''
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(at)
  return m ? `${m[1]} ${m[2]}` : at
}

/** JSON text indented for reading; other text as it is; '' for none. */
/** An entry that changed a record or setting that was there before: its changed rows are marked. */
export function isChange(item: AuditListItem): boolean {
  return item.beforeJson !== null && item.afterJson !== null
}

/** The rows 查看 shows: of a change, only the changed ones when asked (all when none changed). */
export function shownChanges(item: AuditListItem, onlyChanged: boolean): FieldChange[] {
  if (!onlyChanged || !isChange(item)) return item.changes
  const changed = item.changes.filter((c) => c.changed)
  return changed.length > 0 ? changed : item.changes
}

export function chainIntact(check: AuditCheck): boolean {
  return check.firstBroken === null
}

/** 日志链校验通过，共 N 条 / 日志链校验未通过：<reason> */
export function chainText(check: AuditCheck): string {
  if (chainIntact(check)) return `日志链校验通过，共 ${check.entries} 条`
  return `日志链校验未通过：${check.reason ?? `第${check.firstBroken}条操作日志异常`}`
}

/** The 工作台 warning when the chain checked at start-up is broken; null when it is intact or unknown. */
export function auditWarningText(check: AuditCheck | null | undefined): string | null {
  if (!check || check.firstBroken === null) return null
  const reason = check.reason ?? `第${check.firstBroken}条操作日志异常`
  return `操作日志校验未通过：${reason}。请所长在“操作日志”中核查。`
}
