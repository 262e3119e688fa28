import { describe, expect, it } from 'vitest'
import {
  clockStatusText,
  clockTagStyle,
  daysLeftText,
  deadlineAlertType,
  deadlineLevelLabel,
  deadlineStatusText,
  deadlineTagType,
  dutyStatusText,
  isOverdue,
} from './deadline'

describe('daysLeftText', () => {
  it('says how many days are left, due today, or overdue', () => {
    expect(daysLeftText(3)).toBe('剩3天')
    expect(daysLeftText(1)).toBe('剩1天')
    expect(daysLeftText(0)).toBe('今天到期')
    expect(daysLeftText(-1)).toBe('超期1天')
    expect(daysLeftText(-5)).toBe('超期5天')
    expect(daysLeftText(30)).toBe('剩30天')
  })

  it('marks only negative days as overdue', () => {
    expect(isOverdue(-1)).toBe(true)
    expect(isOverdue(0)).toBe(false)
    expect(isOverdue(2)).toBe(false)
  })
})

describe('deadline levels', () => {
  it('labels and colours', () => {
    expect(deadlineLevelLabel('overdue')).toBe('已超期')
    expect(deadlineLevelLabel('warning')).toBe('即将到期')
    expect(deadlineLevelLabel('upcoming')).toBe('未到期')
    expect(deadlineTagType('overdue')).toBe('danger')
    expect(deadlineTagType('warning')).toBe('warning')
    expect(deadlineTagType('upcoming')).toBe('info')
    expect(deadlineAlertType('overdue')).toBe('error')
    expect(deadlineAlertType('warning')).toBe('warning')
    expect(deadlineAlertType('upcoming')).toBe('info')
  })
})

describe('paused deadlines (legal aid: materials being supplemented)', () => {
  it('says the clock stands still and what remains', () => {
    expect(daysLeftText(3, 'paused')).toBe('已暂停（剩3天）')
    expect(daysLeftText(0, 'paused')).toBe('已暂停（今天到期）')
    expect(daysLeftText(-2, 'paused')).toBe('已暂停（超期2天）')
    expect(daysLeftText(3, 'warning')).toBe('剩3天')
    expect(daysLeftText(-1, 'overdue')).toBe('超期1天')
    expect(deadlineLevelLabel('paused')).toBe('已暂停')
    expect(deadlineTagType('paused')).toBe('info')
    expect(deadlineAlertType('paused')).toBe('info')
  })
})

describe('legal-aid clock status', () => {
  it('words every status', () => {
    expect(clockStatusText({ status: 'overdue', daysLeft: -3 })).toBe('已超期3天')
    expect(clockStatusText({ status: 'warning', daysLeft: 2 })).toBe('剩2天')
    expect(clockStatusText({ status: 'warning', daysLeft: 0 })).toBe('今天到期')
    expect(clockStatusText({ status: 'upcoming', daysLeft: 6 })).toBe('剩6天')
    expect(clockStatusText({ status: 'paused', daysLeft: 4 })).toBe('已暂停（剩4天）')
    expect(clockStatusText({ status: 'on_time', daysLeft: null })).toBe('按时完成')
    expect(clockStatusText({ status: 'late', daysLeft: null })).toBe('超期完成')
  })

  it('colours every status', () => {
    expect(clockTagStyle('overdue')).toEqual({ type: 'danger', effect: 'light' })
    expect(clockTagStyle('late')).toEqual({ type: 'danger', effect: 'light' })
    expect(clockTagStyle('warning')).toEqual({ type: 'warning', effect: 'light' })
    expect(clockTagStyle('upcoming')).toEqual({ type: 'info', effect: 'plain' })
    expect(clockTagStyle('paused')).toEqual({ type: 'info', effect: 'light' })
    expect(clockTagStyle('on_time')).toEqual({ type: 'success', effect: 'light' })
  })
})

describe('deadlineStatusText', () => {
  it('words a deadline for its tag', () => {
    expect(deadlineStatusText({ daysLeft: -4, level: 'overdue' })).toBe('已超期4天')
    expect(deadlineStatusText({ daysLeft: 2, level: 'warning' })).toBe('剩2天')
    expect(deadlineStatusText({ daysLeft: 0, level: 'warning' })).toBe('今天到期')
    expect(deadlineStatusText({ daysLeft: 20, level: 'upcoming' })).toBe('剩20天')
    expect(deadlineStatusText({ daysLeft: 3, level: 'paused' })).toBe('已暂停（剩3天）')
  })
})

describe('dutyStatusText', () => {
  it('says overdue, due today or days left, as the correction screens word it', () => {
    expect(dutyStatusText(-3)).toBe('已逾期3天')
    expect(dutyStatusText(-1)).toBe('已逾期1天')
    expect(dutyStatusText(0)).toBe('今日到期')
    expect(dutyStatusText(5)).toBe('剩5天')
  })
})
