// Presentation of deadlines (and legal-aid clocks) computed by the core.
import type { Deadline, LegalAidClock } from '../api/generated'

/** "剩3天", "今天到期", "超期5天"; a paused clock (level "paused"): "已暂停（剩3天）". */
export function daysLeftText(daysLeft: number, level?: Deadline['level']): string {
  if (level === 'paused') return `已暂停（${daysLeftText(daysLeft)}）`
  if (daysLeft > 0) return `剩${daysLeft}天`
  if (daysLeft === 0) return '今天到期'
  return `超期${-daysLeft}天`
}

/** A deadline's standing in words, for tags: "已超期4天", "剩2天", "今天到期", "已暂停（剩3天）". */
export function deadlineStatusText(d: Pick<Deadline, 'daysLeft' | 'level'>): string {
  if (d.level === 'overdue' && d.daysLeft < 0) return `已超期${-d.daysLeft}天`
  return daysLeftText(d.daysLeft, d.level)
}

export function isOverdue(daysLeft: number): boolean {
  return daysLeft < 0
}

export function deadlineLevelLabel(level: Deadline['level']): string {
  switch (level) {
    case 'overdue':
      return '已超期'
    case 'warning':
      return '即将到期'
    case 'paused':
      return '已暂停'
    default:
      return '未到期'
  }
}

/** Element Plus tag type for a deadline level: red, orange, grey (paused and upcoming). */
export function deadlineTagType(level: Deadline['level']): 'danger' | 'warning' | 'info' {
  switch (level) {
    case 'overdue':
      return 'danger'
    case 'warning':
      return 'warning'
    default:
      return 'info'
  }
}

/** Element Plus alert type for a deadline level. */
export function deadlineAlertType(level: Deadline['level']): 'error' | 'warning' | 'info' {
  switch (level) {
    case 'overdue':
      return 'error'
    case 'warning':
      return 'warning'
    default:
      return 'info'
  }
}

/** The status of a legal-aid clock in words: "已超期3天", "剩2天", "今天到期", "已暂停（剩4天）",
 * "按时完成", "超期完成". */
export function clockStatusText(clock: Pick<LegalAidClock, 'status' | 'daysLeft'>): string {
  const n = clock.daysLeft ?? 0
  switch (clock.status) {
    case 'on_time':
      return '按时完成'
    case 'late':
      return '超期完成'
    case 'overdue':
      return n < 0 ? `已超期${-n}天` : '已超期'
    case 'paused':
      return daysLeftText(n, 'paused')
    default:
      return daysLeftText(n)
  }
}

export interface TagStyle {
  type: 'danger' | 'warning' | 'info' | 'success' | 'primary'
  effect: 'light' | 'plain'
}

/** Element Plus tag look for a legal-aid clock status. */
export function clockTagStyle(status: LegalAidClock['status']): TagStyle {
  switch (status) {
    case 'overdue':
    case 'late':
      return { type: 'danger', effect: 'light' }
    case 'warning':
      return { type: 'warning', effect: 'light' }
    case 'on_time':
      return { type: 'success', effect: 'light' }
    case 'paused':
      return { type: 'info', effect: 'light' }
    default:
      return { type: 'info', effect: 'plain' }
  }
}

/** A 社区矫正 duty's standing in words: "已逾期3天", "今日到期", "剩5天". */
export function dutyStatusText(daysLeft: number): string {
  if (daysLeft < 0) return `已逾期${-daysLeft}天`
  if (daysLeft === 0) return '今日到期'
  return `剩${daysLeft}天`
}
