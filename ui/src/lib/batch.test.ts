import { describe, expect, it } from 'vitest'
import type { StatColumn } from '../api/generated'
import {
  defaultPeriod,
  formatStat,
  groupColumns,
  isFutureMonth,
  parseIsoDate,
  periodLabel,
  previewScope,
  previewSummary,
  profileChoice,
  profileDescription,
  profileLabel,
  progressPercent,
  shortDigest,
  statColumnWidths,
  textWidth,
  unfinishedMonthWarning,
} from './batch'

const col = (key: string, group: string | null, format: StatColumn['format'] = 'count'): StatColumn => ({
  key,
  label: key,
  group,
  format,
})

describe('formatStat', () => {
  it('shows counts as whole numbers', () => {
    expect(formatStat(0, 'count')).toBe('0')
    expect(formatStat(12, 'count')).toBe('12')
    expect(formatStat(12345, 'count')).toBe('12345')
  })

  it('shows rates as percentages with one decimal', () => {
    expect(formatStat(0.875, 'percent')).toBe('87.5%')
    expect(formatStat(1, 'percent')).toBe('100.0%')
    expect(formatStat(0, 'percent')).toBe('0.0%')
    expect(formatStat(2 / 3, 'percent')).toBe('66.7%')
    expect(formatStat(0.12345, 'percent')).toBe('12.3%')
  })

  it('shows 万元 with two decimals, rounding halves up', () => {
    expect(formatStat(3.5, 'wan')).toBe('3.50')
    expect(formatStat(0, 'wan')).toBe('0.00')
    expect(formatStat(1.005, 'wan')).toBe('1.01')
    expect(formatStat(12.3456, 'wan')).toBe('12.35')
  })

  it('shows hours with at most one decimal', () => {
    expect(formatStat(12, 'hours')).toBe('12')
    expect(formatStat(12.5, 'hours')).toBe('12.5')
    expect(formatStat(12.25, 'hours')).toBe('12.3')
    expect(formatStat(0.04, 'hours')).toBe('0')
  })

  it('shows a missing value as —', () => {
    for (const f of ['count', 'percent', 'wan', 'hours'] as const) {
      expect(formatStat(null, f)).toBe('—')
      expect(formatStat(undefined, f)).toBe('—')
      expect(formatStat(Number.NaN, f)).toBe('—')
    }
  })
})

describe('groupColumns', () => {
  it('puts consecutive columns of one group together, in order', () => {
    const cols = [col('a', null), col('b', '受理'), col('c', '受理'), col('d', '结案'), col('e', null), col('f', null)]
    expect(groupColumns(cols)).toEqual([
      { group: null, start: 0, columns: [cols[0]] },
      { group: '受理', start: 1, columns: [cols[1], cols[2]] },
      { group: '结案', start: 3, columns: [cols[3]] },
      { group: null, start: 4, columns: [cols[4]] },
      { group: null, start: 5, columns: [cols[5]] },
    ])
  })

  it('does not join a group interrupted by another', () => {
    const cols = [col('a', 'X'), col('b', 'Y'), col('c', 'X')]
    expect(groupColumns(cols).map((g) => [g.group, g.start, g.columns.length])).toEqual([
      ['X', 0, 1],
      ['Y', 1, 1],
      ['X', 2, 1],
    ])
  })

  it('answers nothing for no columns', () => {
    expect(groupColumns([])).toEqual([])
  })
})

describe('periods', () => {
  it('defaults to the month before today', () => {
    expect(defaultPeriod(new Date(2026, 10, 27))).toBe('2026-10')
    expect(defaultPeriod(new Date(2026, 9, 1))).toBe('2026-09')
    expect(defaultPeriod(new Date(2027, 0, 15))).toBe('2026-12')
    expect(defaultPeriod(new Date(2026, 11, 31))).toBe('2026-11')
  })

  it('reads the core today as a local date', () => {
    const d = parseIsoDate('2026-11-27')!
    expect([d.getFullYear(), d.getMonth(), d.getDate()]).toEqual([2026, 10, 27])
    expect(parseIsoDate('')).toBeNull()
    expect(parseIsoDate(null)).toBeNull()
    expect(parseIsoDate('2026-11')).toBeNull()
  })

  it('knows which months lie ahead (this month does not)', () => {
    const today = new Date(2026, 10, 27)
    expect(isFutureMonth(new Date(2026, 10, 1), today)).toBe(false)
    expect(isFutureMonth(new Date(2026, 9, 1), today)).toBe(false)
    expect(isFutureMonth(new Date(2026, 11, 1), today)).toBe(true)
    expect(isFutureMonth(new Date(2027, 0, 1), today)).toBe(true)
    expect(isFutureMonth(new Date(2025, 11, 1), today)).toBe(false)
  })

  it('names a period in Chinese', () => {
    expect(periodLabel('2026-10')).toBe('2026年10月')
    expect(periodLabel('2026-03')).toBe('2026年3月')
    expect(periodLabel('x')).toBe('x')
  })

  it('warns before exporting a month that has not ended', () => {
    expect(unfinishedMonthWarning('2026-11', new Date(2026, 10, 27))).toBe(
      '2026年11月尚未结束（今天是11月27日），现在导出的月报不含此后登记的记录。请在月末（11月30日）之后再导出一次。',
    )
    // the last day is not over either; February of a leap year
    expect(unfinishedMonthWarning('2026-11', new Date(2026, 10, 30, 23, 59))).toContain('（今天是11月30日）')
    expect(unfinishedMonthWarning('2028-02', new Date(2028, 1, 3))).toContain('月末（2月29日）')
    expect(unfinishedMonthWarning('2026-12', new Date(2026, 11, 1))).toContain('2026年12月尚未结束')
    // months that are over
    expect(unfinishedMonthWarning('2026-10', new Date(2026, 10, 1))).toBeNull()
    expect(unfinishedMonthWarning('2026-10', new Date(2026, 10, 27))).toBeNull()
    expect(unfinishedMonthWarning('2025-12', new Date(2026, 0, 1))).toBeNull()
    expect(unfinishedMonthWarning('', new Date(2026, 10, 27))).toBeNull()
  })
})

describe('profiles', () => {
  it('names the three kinds of batch', () => {
    expect(profileLabel('full')).toBe('完整台账')
    expect(profileLabel('masked')).toBe('脱敏台账')
    expect(profileLabel('summary')).toBe('统计汇总')
    expect(profileLabel('other')).toBe('other')
    expect(profileChoice('full')).toBe('完整台账（报区司法局）')
    expect(profileChoice('masked')).toBe('脱敏台账（对外共享）')
    expect(profileChoice('summary')).toBe('仅统计汇总')
  })

  it('explains what each holds', () => {
    expect(profileDescription('full')).toBe('含全部字段和个人信息，供区司法局汇总入库；请妥善保管 U 盘，报送后及时删除')
    expect(profileDescription('masked')).toBe('姓名、身份证号、手机号已遮盖，敏感字段已删除，未成年人只计入统计')
    expect(profileDescription('summary')).toBe('只含统计表，不含个人信息')
  })
})

describe('digest, progress and summary', () => {
  it('shortens a digest to its first 16 characters', () => {
    expect(shortDigest('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef')
    expect(shortDigest('abc')).toBe('abc')
    expect(shortDigest(null)).toBe('')
  })

  it('computes the progress percentage, 0 while the total is unknown', () => {
    expect(progressPercent({ stage: '', done: 0, total: 0 })).toBe(0)
    expect(progressPercent({ stage: '', done: 1, total: 3 })).toBe(33)
    expect(progressPercent({ stage: '', done: 2, total: 3 })).toBe(67)
    expect(progressPercent({ stage: '', done: 3, total: 3 })).toBe(100)
    expect(progressPercent({ stage: '', done: 5, total: 3 })).toBe(100)
    expect(progressPercent(null)).toBe(0)
  })

  it('says which file comes next and what it includes', () => {
    expect(
      previewSummary({ fileName: '420202001_202610_full_003.xlsx', sequence: 3, since: '2026-10-31T17:02:11+08:00' }),
    ).toBe('文件名 420202001_202610_full_003.xlsx · 第3次报送 · 自上次报送（2026-10-31 17:02）以来修改的记录也将一并报送')
    expect(previewSummary({ fileName: '420202001_202610_full_001.xlsx', sequence: 1, since: null })).toBe(
      '文件名 420202001_202610_full_001.xlsx · 第1次报送 · 首次报送：包含全部记录',
    )
    expect(
      previewSummary({ fileName: 'a_masked_002.xlsx', sequence: 2, since: '2026-10-31T17:02:11+08:00', profile: 'masked' }),
    ).toBe('文件名 a_masked_002.xlsx · 第2次报送 · 自上次报送（2026-10-31 17:02）以来修改的记录也将一并报送')
  })

  it('does not speak of records for a statistics-only file', () => {
    expect(previewScope('2026-10-31T17:02:11+08:00', 'summary')).toBe('上次报送于2026-10-31 17:02')
    expect(previewScope(null, 'summary')).toBe('首次报送')
    expect(previewScope(null, 'masked')).toBe('首次报送：包含全部记录')
  })
})

describe('column widths', () => {
  it('measures CJK as a whole em and ASCII as about half', () => {
    expect(textWidth('成功率', 14)).toBe(42)
    expect(textWidth('2026', 10)).toBe(23)
    expect(textWidth('', 14)).toBe(0)
  })

  it('fits each header on one line, and a group header over its columns', () => {
    const cols = [col('a', null), col('b', '调解结果'), col('c', '防止纠纷激化（件、人）'), col('d', null)]
    cols[0]!.label = '调解不成功（件）'
    cols[1]!.label = '率'
    cols[2]!.label = '件'
    cols[3]!.label = '合'
    const w = statColumnWidths(cols, 14)
    expect(w[0]).toBe(8 * 14 + 26)
    // short labels still leave room for a number
    expect(w[3]).toBe(64)
    expect(w[1]).toBe(4 * 14 + 26)
    // the group header needs more than its one column
    expect(w[2]).toBe(11 * 14 + 26)
  })

  it('shares the extra width of a group header among its columns', () => {
    const cols = [col('a', '一个很长很长很长的分组标题'), col('b', '一个很长很长很长的分组标题')]
    const w = statColumnWidths(cols, 10)
    expect(w[0]! + w[1]!).toBeGreaterThanOrEqual(13 * 10 + 26)
    expect(w[0]).toBe(w[1])
  })
})
