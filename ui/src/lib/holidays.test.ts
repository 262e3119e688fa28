import { describe, expect, it } from 'vitest'
import { kindLabel, weekdayOf, yearsOf } from './holidays'

describe('holiday calendar helpers', () => {
  it('names the weekday of a calendar date whatever the time zone', () => {
    expect(weekdayOf('2026-10-01')).toBe('星期四')
    expect(weekdayOf('2026-09-27')).toBe('星期日')
    expect(weekdayOf('not a date')).toBe('')
  })

  it('labels the kinds in Chinese', () => {
    expect(kindLabel('holiday')).toBe('节假日')
    expect(kindLabel('workday')).toBe('调休上班')
  })

  it('lists the years present plus this year, newest first', () => {
    const e = [
      { day: '2025-10-01', kind: 'holiday' as const, name: '' },
      { day: '2027-01-01', kind: 'holiday' as const, name: '' },
    ]
    expect(yearsOf(e, '2026-11-27')).toEqual(['2027', '2026', '2025'])
  })
})
