// Presentation of deadlines computed by the core.
import type { Deadline } from '../api/types'

/** "剩3天", "今天到期", "超期5天". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `剩${daysLeft}天`
  if (daysLeft === 0) return '今天到期'
  return `超期${-daysLeft}天`
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
    default:
      return '未到期'
  }
}

/** Element Plus tag type for a deadline level: red, orange, grey. */
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
