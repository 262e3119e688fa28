import { describe, expect, it } from 'vitest'
import { daysLeftText, deadlineAlertType, deadlineLevelLabel, deadlineTagType, isOverdue } from './deadline'

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
