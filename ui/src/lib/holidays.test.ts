import { describe, expect, it } from 'vitest'
import { exportYearsOf, fileKindLabel, importChangesText, kindLabel, missingHolidaysText, weekdayOf, yearsOf } from './holidays'

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

  it("labels a holiday file's kinds as the State Council's notice does", () => {
    expect(fileKindLabel('holiday')).toBe('法定节假日')
    expect(fileKindLabel('workday')).toBe('调休上班')
  })

  it('offers next year for export as well', () => {
    const e = [{ day: '2025-10-01', kind: 'holiday' as const, name: '' }]
    expect(exportYearsOf(e, '2026-11-27')).toEqual(['2027', '2026', '2025'])
    expect(exportYearsOf([], '2026-03-02')).toEqual(['2027', '2026'])
  })

  it('counts what an import changes', () => {
    const removed = [
      { day: '2027-01-02', kind: 'holiday', name: '元旦' },
      { day: '2027-01-03', kind: 'holiday', name: '元旦' },
    ]
    expect(importChangesText({ added: 27, changed: 1, removed })).toBe('新增 27 天 / 修改 1 天 / 将删除 2 天')
    expect(importChangesText({ added: 0, changed: 0, removed: [] })).toBe('新增 0 天 / 修改 0 天 / 将删除 0 天')
  })

  it('names the years without a calendar, and nothing when none is missing', () => {
    expect(missingHolidaysText([2027])).toBe('尚未录入2027年的节假日安排。法定期限按工作日计算，缺少节假日会算错期限。')
    expect(missingHolidaysText([2027, 2026])).toBe('尚未录入2026年、2027年的节假日安排。法定期限按工作日计算，缺少节假日会算错期限。')
    expect(missingHolidaysText([])).toBeNull()
  })
})
