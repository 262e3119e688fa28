import { describe, expect, it } from 'vitest'
import { formatActor, formatChineseDate, formatInstant, formatPercent, truncate } from './format'
import { codeLabel, codeOptions } from './codes'
import { realCodeTables } from '../test/codeTables'

describe('format', () => {
  it('formats a business date in Chinese', () => {
    expect(formatChineseDate('2026-11-27')).toBe('2026年11月27日')
    expect(formatChineseDate('2026-01-05')).toBe('2026年1月5日')
    expect(formatChineseDate('')).toBe('')
    expect(formatChineseDate(null)).toBe('')
  })

  it('formats an instant in the China time it was written in', () => {
    expect(formatInstant('2026-11-27T14:05:09.123+08:00')).toBe('2026-11-27 14:05')
    expect(formatInstant('')).toBe('')
    expect(formatInstant('garbage')).toBe('garbage')
  })

  it('formats the success rate', () => {
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(undefined)).toBe('—')
    expect(formatPercent(0)).toBe('0%')
    expect(formatPercent(1)).toBe('100%')
    expect(formatPercent(2 / 3)).toBe('66.7%')
    expect(formatPercent(0.5)).toBe('50%')
  })
})

describe('code labels', () => {
  const tables = realCodeTables()
  it('shows labels, never raw codes', () => {
    expect(codeLabel(tables, 'disputeType', 'neighbour')).toBe('邻里')
    expect(codeLabel(tables, 'mediationState', 'agreed')).toBe('调解成功')
    expect(codeLabel(tables, 'ethnicity', '01')).toBe('汉族')
    expect(codeLabel(tables, 'disputeType', 'no_such_code')).toBe('未知')
    expect(codeLabel(tables, 'no_such_table', 'x')).toBe('未知')
    expect(codeLabel(tables, 'disputeType', '')).toBe('—')
    expect(codeLabel(tables, 'disputeType', null)).toBe('—')
    expect(codeLabel(null, 'disputeType', 'neighbour')).toBe('未知')
  })

  it('lists options of a table', () => {
    expect(codeOptions(tables, 'sex').map((o) => o.label)).toEqual(['男', '女'])
    expect(codeOptions(tables, 'missing')).toEqual([])
    expect(codeOptions(null, 'sex')).toEqual([])
  })
})

describe('truncate', () => {
  it('cuts long texts and keeps short ones', () => {
    expect(truncate('工资拖欠怎么办', 4)).toBe('工资拖欠…')
    expect(truncate('工资拖欠', 4)).toBe('工资拖欠')
    expect(truncate('  一\n二  三 ', 10)).toBe('一 二 三')
    expect(truncate(null, 5)).toBe('')
  })
})

describe('formatActor', () => {
  it('names the demo generator in Chinese and keeps user names', () => {
    expect(formatActor('system')).toBe('系统')
    expect(formatActor('admin')).toBe('admin')
  })
})
