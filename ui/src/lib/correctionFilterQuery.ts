// The 矫正对象 list keeps its filter in the route query (like the other lists), so going back to the
// list restores it. The state filter defaults to "active" (未解除: 调查评估 to 在矫); 全部 (null) is written
// "all".
import type { CorrectionFilter } from '../api/generated'
import {
  DEFAULT_PAGE_SIZE,
  PAGE_SIZES,
  queryFirst,
  queryPositiveInt,
  queryText,
  type FilterQuery,
  type FilterQueryCodec,
  type RawQuery,
} from './filterQuery'

/** The default state filter: subjects not yet released, terminated or transferred out. */
export const CORRECTION_STATE_ACTIVE = 'active'
export const CORRECTION_STATE_EXITED = 'exited'
/** How "all states" (filter state null) is written in the query and chosen in the select. */
export const CORRECTION_STATE_ALL = 'all'

export function defaultCorrectionFilter(): CorrectionFilter {
  return {
    query: null,
    correctionType: null,
    supervisionLevel: null,
    state: CORRECTION_STATE_ACTIVE,
    lateOnly: false,
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
export function normaliseCorrectionFilter(f: CorrectionFilter): CorrectionFilter {
  const state = t(f.state)
  return {
    query: t(f.query),
    correctionType: t(f.correctionType),
    supervisionLevel: t(f.supervisionLevel),
    state: state === CORRECTION_STATE_ALL ? null : state,
    lateOnly: !!f.lateOnly,
    page: Number.isInteger(f.page) && f.page >= 1 ? f.page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(f.pageSize) ? f.pageSize : DEFAULT_PAGE_SIZE,
  }
}

/** The value of the 状态 select for a filter state (null, 全部, becomes "all"). */
export function stateChoiceOf(state: string | null): string {
  return state ?? CORRECTION_STATE_ALL
}

/** The filter state for a value of the 状态 select. */
export function stateOfChoice(choice: string | null | undefined): string | null {
  const c = t(choice)
  if (c === null) return CORRECTION_STATE_ACTIVE
  return c === CORRECTION_STATE_ALL ? null : c
}

export function correctionFilterToQuery(filter: CorrectionFilter): FilterQuery {
  const f = normaliseCorrectionFilter(filter)
  const q: FilterQuery = {}
  if (f.query !== null) q.q = f.query
  if (f.correctionType !== null) q.type = f.correctionType
  if (f.supervisionLevel !== null) q.level = f.supervisionLevel
  if (f.state === null) q.state = CORRECTION_STATE_ALL
  else if (f.state !== CORRECTION_STATE_ACTIVE) q.state = f.state
  if (f.lateOnly) q.late = '1'
  if (f.page !== 1) q.page = String(f.page)
  if (f.pageSize !== DEFAULT_PAGE_SIZE) q.size = String(f.pageSize)
  return q
}

export function queryToCorrectionFilter(query: RawQuery): CorrectionFilter {
  const late = queryFirst(query.late)
  return normaliseCorrectionFilter({
    query: queryText(query.q),
    correctionType: queryText(query.type),
    supervisionLevel: queryText(query.level),
    state: stateOfChoice(queryText(query.state)),
    lateOnly: late === '1' || late === 'true',
    page: queryPositiveInt(query.page) ?? 1,
    pageSize: queryPositiveInt(query.size) ?? DEFAULT_PAGE_SIZE,
  })
}

export const correctionQueryCodec: FilterQueryCodec<CorrectionFilter> = {
  toQuery: correctionFilterToQuery,
  fromQuery: queryToCorrectionFilter,
}
