import { describe, expect, it } from 'vitest'
import {
  correctionFilterToQuery,
  correctionQueryCodec,
  defaultCorrectionFilter,
  queryToCorrectionFilter,
  stateChoiceOf,
  stateOfChoice,
} from './correctionFilterQuery'
import { sameFilterQuery } from './filterQuery'
import type { CorrectionFilter } from '../api/generated'

describe('correction filter <-> route query', () => {
  it('the default filter (未解除) is an empty query', () => {
    expect(defaultCorrectionFilter().state).toBe('active')
    expect(correctionFilterToQuery(defaultCorrectionFilter())).toEqual({})
    expect(queryToCorrectionFilter({})).toEqual(defaultCorrectionFilter())
  })

  it('round-trips a full filter', () => {
    const f: CorrectionFilter = {
      query: '张三',
      correctionType: 'probation',
      supervisionLevel: 'strict',
      state: 'supervising',
      lateOnly: true,
      page: 3,
      pageSize: 50,
    }
    const q = correctionFilterToQuery(f)
    expect(q).toEqual({ q: '张三', type: 'probation', level: 'strict', state: 'supervising', late: '1', page: '3', size: '50' })
    expect(queryToCorrectionFilter(q)).toEqual(f)
  })

  it('writes 全部 (null) as "all" and reads it back', () => {
    const all = { ...defaultCorrectionFilter(), state: null }
    expect(correctionFilterToQuery(all)).toEqual({ state: 'all' })
    expect(queryToCorrectionFilter({ state: 'all' }).state).toBeNull()
    expect(queryToCorrectionFilter({ state: 'exited' }).state).toBe('exited')
    expect(correctionFilterToQuery({ ...all, state: 'exited' })).toEqual({ state: 'exited' })
  })

  it('ignores junk and trims texts', () => {
    const f = queryToCorrectionFilter({ q: '  李四 ', type: ['parole', 'control'], state: '  ', page: '0', size: '7', late: 'no' })
    expect(f).toEqual({ ...defaultCorrectionFilter(), query: '李四', correctionType: 'parole' })
  })

  it('maps the 状态 select value to the filter state and back', () => {
    expect(stateChoiceOf(null)).toBe('all')
    expect(stateChoiceOf('active')).toBe('active')
    expect(stateOfChoice('all')).toBeNull()
    expect(stateOfChoice('released')).toBe('released')
    expect(stateOfChoice('')).toBe('active')
  })

  it('compares queries by the filter they name', () => {
    expect(sameFilterQuery(correctionQueryCodec, { q: '张三', page: '1', state: 'active' }, { q: ' 张三 ' })).toBe(true)
    expect(sameFilterQuery(correctionQueryCodec, { q: '张三' }, { q: '张三', late: '1' })).toBe(false)
    expect(sameFilterQuery(correctionQueryCodec, {}, { state: 'all' })).toBe(false)
  })
})
