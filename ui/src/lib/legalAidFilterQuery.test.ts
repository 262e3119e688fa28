import { describe, expect, it } from 'vitest'
import {
  defaultLegalAidFilter,
  legalAidFilterToQuery,
  legalAidQueryCodec,
  queryToLegalAidFilter,
} from './legalAidFilterQuery'
import { sameFilterQuery } from './filterQuery'
import type { LegalAidFilter } from '../api/generated'

describe('legal-aid filter <-> route query', () => {
  it('the default filter is an empty query', () => {
    expect(legalAidFilterToQuery(defaultLegalAidFilter())).toEqual({})
    expect(queryToLegalAidFilter({})).toEqual(defaultLegalAidFilter())
  })

  it('round-trips a full filter', () => {
    const f: LegalAidFilter = {
      query: '张三',
      state: 'reviewing',
      caseNature: 'civil',
      matter: 'wages',
      group: 'migrant_worker',
      receivedFrom: '2026-01-01',
      receivedTo: '2026-11-30',
      overdueOnly: true,
      page: 2,
      pageSize: 50,
    }
    const q = legalAidFilterToQuery(f)
    expect(q).toEqual({
      q: '张三',
      state: 'reviewing',
      nature: 'civil',
      matter: 'wages',
      group: 'migrant_worker',
      from: '2026-01-01',
      to: '2026-11-30',
      overdue: '1',
      page: '2',
      size: '50',
    })
    expect(queryToLegalAidFilter(q)).toEqual(f)
  })

  it('ignores junk and trims texts', () => {
    const f = queryToLegalAidFilter({
      q: '  李四 ',
      state: ['granted', 'refused'],
      from: '2026-13',
      to: null,
      page: '-3',
      size: '7',
      overdue: 'no',
    })
    expect(f).toEqual({ ...defaultLegalAidFilter(), query: '李四', state: 'granted' })
  })

  it('compares queries by the filter they name', () => {
    expect(sameFilterQuery(legalAidQueryCodec, { q: '张三', page: '1' }, { q: ' 张三 ' })).toBe(true)
    expect(sameFilterQuery(legalAidQueryCodec, { q: '张三' }, { q: '张三', overdue: '1' })).toBe(false)
  })
})
