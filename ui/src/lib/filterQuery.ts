// The mediation list keeps its filter in the route query, so going back restores it.
import type { MediationFilter } from '../api/generated'

export const PAGE_SIZES = [20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

/** Route query as vue-router gives it (values may be arrays or null). */
export type RawQuery = Record<string, string | null | undefined | (string | null)[]>
/** Route query as we write it: only non-default values. */
export type FilterQuery = Record<string, string>

export function defaultFilter(): MediationFilter {
  return {
    query: null,
    state: null,
    disputeType: null,
    acceptedFrom: null,
    acceptedTo: null,
    mediator: null,
    overdueOnly: false,
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function first(v: RawQuery[string]): string | null {
  if (Array.isArray(v)) return first(v[0])
  return typeof v === 'string' ? v : null
}

function text(v: RawQuery[string]): string | null {
  const s = first(v)
  if (s === null) return null
  const t = s.trim()
  return t === '' ? null : t
}

function date(v: RawQuery[string]): string | null {
  const s = text(v)
  return s !== null && DATE.test(s) ? s : null
}

function positiveInt(v: RawQuery[string]): number | null {
  const s = text(v)
  if (s === null || !/^\d+$/.test(s)) return null
  const n = Number(s)
  return n >= 1 ? n : null
}

/** Normalise a filter: trimmed texts, empty -> null, valid page and page size. */
export function normaliseFilter(f: MediationFilter): MediationFilter {
  const t = (s: string | null) => {
    if (s === null) return null
    const x = s.trim()
    return x === '' ? null : x
  }
  return {
    query: t(f.query),
    state: t(f.state),
    disputeType: t(f.disputeType),
    acceptedFrom: t(f.acceptedFrom),
    acceptedTo: t(f.acceptedTo),
    mediator: t(f.mediator),
    overdueOnly: !!f.overdueOnly,
    page: Number.isInteger(f.page) && f.page >= 1 ? f.page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(f.pageSize) ? f.pageSize : DEFAULT_PAGE_SIZE,
  }
}

export function filterToQuery(filter: MediationFilter): FilterQuery {
  const f = normaliseFilter(filter)
  const q: FilterQuery = {}
  if (f.query !== null) q.q = f.query
  if (f.state !== null) q.state = f.state
  if (f.disputeType !== null) q.type = f.disputeType
  if (f.acceptedFrom !== null) q.from = f.acceptedFrom
  if (f.acceptedTo !== null) q.to = f.acceptedTo
  if (f.mediator !== null) q.mediator = f.mediator
  if (f.overdueOnly) q.overdue = '1'
  if (f.page !== 1) q.page = String(f.page)
  if (f.pageSize !== DEFAULT_PAGE_SIZE) q.size = String(f.pageSize)
  return q
}

export function queryToFilter(query: RawQuery): MediationFilter {
  const size = positiveInt(query.size)
  return normaliseFilter({
    query: text(query.q),
    state: text(query.state),
    disputeType: text(query.type),
    acceptedFrom: date(query.from),
    acceptedTo: date(query.to),
    mediator: text(query.mediator),
    overdueOnly: first(query.overdue) === '1' || first(query.overdue) === 'true',
    page: positiveInt(query.page) ?? 1,
    pageSize: size ?? DEFAULT_PAGE_SIZE,
  })
}

/** A list's filter and its route query, both ways (each list has its own names in the query). */
export interface FilterQueryCodec<F> {
  toQuery: (filter: F) => FilterQuery
  fromQuery: (query: RawQuery) => F
}

export const mediationQueryCodec: FilterQueryCodec<MediationFilter> = { toQuery: filterToQuery, fromQuery: queryToFilter }

/** Whether two route queries name the same filter of a list. */
export function sameFilterQuery<F>(codec: FilterQueryCodec<F>, a: RawQuery, b: RawQuery): boolean {
  return JSON.stringify(codec.toQuery(codec.fromQuery(a))) === JSON.stringify(codec.toQuery(codec.fromQuery(b)))
}

/** Readers of route query values, shared with the other lists' filters. */
export { first as queryFirst, text as queryText, date as queryDate, positiveInt as queryPositiveInt }
