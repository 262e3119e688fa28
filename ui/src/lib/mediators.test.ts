import { describe, expect, it } from 'vitest'
import { formatMediators, parseMediators } from './mediators'

describe('parseMediators', () => {
  it('splits on 、 ， , and spaces', () => {
    expect(parseMediators('王五、赵六')).toEqual(['王五', '赵六'])
    expect(parseMediators('王五，赵六')).toEqual(['王五', '赵六'])
    expect(parseMediators('王五,赵六')).toEqual(['王五', '赵六'])
    expect(parseMediators('王五 赵六')).toEqual(['王五', '赵六'])
    expect(parseMediators('王五\u3000赵六\t钱七')).toEqual(['王五', '赵六', '钱七'])
    expect(parseMediators('王五、赵六，钱七, 孙八 李九')).toEqual(['王五', '赵六', '钱七', '孙八', '李九'])
  })

  it('trims and drops empties', () => {
    expect(parseMediators('  王五 、、 赵六 ，, ')).toEqual(['王五', '赵六'])
    expect(parseMediators('、，, ')).toEqual([])
    expect(parseMediators('')).toEqual([])
    expect(parseMediators(null)).toEqual([])
    expect(parseMediators(undefined)).toEqual([])
  })

  it('keeps the order (the first presides)', () => {
    expect(parseMediators('赵六、王五')[0]).toBe('赵六')
  })
})

describe('formatMediators', () => {
  it('joins with 、', () => {
    expect(formatMediators(['王五', '赵六'])).toBe('王五、赵六')
    expect(formatMediators(['王五'])).toBe('王五')
    expect(formatMediators([])).toBe('')
    expect(formatMediators(null)).toBe('')
    expect(formatMediators([' 王五 ', '', '赵六'])).toBe('王五、赵六')
  })

  it('round-trips', () => {
    const list = ['欧阳娜娜', '王五', '赵六']
    expect(parseMediators(formatMediators(list))).toEqual(list)
  })
})
