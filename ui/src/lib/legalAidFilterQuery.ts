// The legal-aid application list keeps its filter in the route query (like the mediation list), so
// going back to the list restores it.
import type { LegalAidFilter } from '../api/generated'
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  queryDate,
  queryFirst,
  queryPositiveInt,
  queryText,
  type FilterQuery,
  type FilterQueryCodec,
  type RawQuery,
} from './filterQuery'

export function defaultLegalAidFilter(): LegalAidFilter {
  return {
    query: null,
    state: null,
    caseNature: null,
    matter: null,
    group: null,
    receivedFrom: null,
    receivedTo: null,
    overdueOnly: false,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
  }
}

function t(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null
  const x = s.trim()
  return x === '' ? null : x
}

/** Normalise a filter: trimmed texts, empty -> null, valid page and page size. */
export function normaliseLegalAidFilter(f: LegalAidFilter): LegalAidFilter {
  return {
    query: t(f.query),
    state: t(f.state),
    caseNature: t(f.caseNature),
    matter: t(f.matter),
    group: t(f.group),
    receivedFrom: t(f.receivedFrom),
    receivedTo: t(f.receivedTo),
    overdueOnly: !!f.overdueOnly,
    page: Number.isInteger(f.page) && f.page >= 1 ? f.page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(f.pageSize) ? f.pageSize : DEFAULT_PAGE_SIZE,
  }
}

export function legalAidFilterToQuery(filter: LegalAidFilter): FilterQuery {
  const f = normaliseLegalAidFilter(filter)
  const q: FilterQuery = {}
  if (f.query !== null) q.q = f.query
  if (f.state !== null) q.state = f.state
  if (f.caseNature !== null) q.nature = f.caseNature
  if (f.matter !== null) q.matter = f.matter
  if (f.group !== null) q.group = f.group
  if (f.receivedFrom !== null) q.from = f.receivedFrom
  if (f.receivedTo !== null) q.to = f.receivedTo
  if (f.overdueOnly) q.overdue = '1'
  if (f.page !== 1) q.page = String(f.page)
  if (f.pageSize !== DEFAULT_PAGE_SIZE) q.size = String(f.pageSize)
  return q
}

export function queryToLegalAidFilter(query: RawQuery): LegalAidFilter {
  const overdue = queryFirst(query.overdue)
  return normaliseLegalAidFilter({
    query: queryText(query.q),
    state: queryText(query.state),
    caseNature: queryText(query.nature),
    matter: queryText(query.matter),
    group: queryText(query.group),
    receivedFrom: queryDate(query.from),
    receivedTo: queryDate(query.to),
    overdueOnly: overdue === '1' || overdue === 'true',
    page: queryPositiveInt(query.page) ?? 1,
    pageSize: queryPositiveInt(query.size) ?? DEFAULT_PAGE_SIZE,
  })
}

export const legalAidQueryCodec: FilterQueryCodec<LegalAidFilter> = {
  toQuery: legalAidFilterToQuery,
  fromQuery: queryToLegalAidFilter,
}
