import { describe, expect, it } from 'vitest'
import { defaultFilter, filterToQuery, mediationQueryCodec, queryToFilter, sameFilterQuery } from './filterQuery'
import type { MediationFilter } from '../api/generated'

describe('filter <-> route query', () => {
  it('the default filter is an empty query', () => {
    expect(filterToQuery(defaultFilter())).toEqual({})
    expect(queryToFilter({})).toEqual(defaultFilter())
  })

  it('round-trips a full filter', () => {
    const f: MediationFilter = {
      query: '张三',
      state: 'mediating',
      disputeType: 'neighbour',
      acceptedFrom: '2026-01-01',
      acceptedTo: '2026-11-30',
      mediator: '王五',
      overdueOnly: true,
      page: 3,
      pageSize: 50,
    }
    const q = filterToQuery(f)
    expect(q).toEqual({
      q: '张三',
      state: 'mediating',
      type: 'neighbour',
      from: '2026-01-01',
      to: '2026-11-30',
      mediator: '王五',
      overdue: '1',
      page: '3',
      size: '50',
    })
    expect(queryToFilter(q)).toEqual(f)
  })

  it('round-trips every single field on its own', () => {
    const variants: Partial<MediationFilter>[] = [
      { query: '42020419800101' },
      { state: 'archived' },
      { disputeType: 'traffic' },
      { acceptedFrom: '2026-02-01' },
      { acceptedTo: '2026-02-28' },
      { mediator: '赵六' },
      { overdueOnly: true },
      { page: 2 },
      { pageSize: 100 },
    ]
    for (const v of variants) {
      const f = { ...defaultFilter(), ...v }
      expect(queryToFilter(filterToQuery(f))).toEqual(f)
    }
  })

  it('normalises blanks and whitespace', () => {
    const f = { ...defaultFilter(), query: '  李四 ', mediator: '   ', state: '' }
    expect(filterToQuery(f)).toEqual({ q: '李四' })
  })

  it('ignores bad values in a hand-edited query', () => {
    expect(
      queryToFilter({ page: '-2', size: '33', from: '2026/01/01', to: 'x', overdue: 'no', q: '' }),
    ).toEqual(defaultFilter())
    expect(queryToFilter({ page: 'abc' }).page).toBe(1)
    expect(queryToFilter({ page: '0' }).page).toBe(1)
  })

  it('takes the first of repeated query values', () => {
    expect(queryToFilter({ q: ['张三', '李四'], state: [null, 'agreed'] })).toMatchObject({ query: '张三', state: null })
  })

  it('compares queries by the filter they name', () => {
    expect(sameFilterQuery(mediationQueryCodec, {}, { page: '1', size: '20' })).toBe(true)
    expect(sameFilterQuery(mediationQueryCodec, { q: '张三' }, { q: ' 张三 ' })).toBe(true)
    expect(sameFilterQuery(mediationQueryCodec, { q: '张三' }, { q: '李四' })).toBe(false)
  })
})
