// A record list (台账): filter bar, table, pagination and 删除, written once for every list screen.
// The filter is kept in the route query, so "返回列表" and the browser's back button restore it; only the
// 咨询台账 keeps it on the screen, as it sits below the quick entry, whose saves must not change the address.
import { computed, onMounted, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { Page } from '../api/generated'
import {
  PAGE_SIZES,
  sameFilterQuery,
  type FilterQuery,
  type FilterQueryCodec,
  type RawQuery,
} from '../lib/filterQuery'
import { normaliseError } from '../api/errors'
import { confirmDelete, showError, showSuccess } from '../lib/notify'
import { session } from '../store/session'

/** What every list filter has: the 1-based page and the page size. */
export interface PagedFilter {
  page: number
  pageSize: number
}

/** The session's fields that remember a list's last query (lastMediationQuery …). */
export type LastListQuery = {
  [K in keyof typeof session]: (typeof session)[K] extends FilterQuery ? K : never
}[keyof typeof session]

/** The filter's fields that hold a date (or nothing): the two ends of the filter bar's date range. */
type DateField<F> = { [K in keyof F]: F[K] extends string | null ? K : never }[keyof F]

/** A list whose filter is the route query of its route. */
export interface ListRoute<F> {
  /** The route's name; a change of query while another route shows (leaving the list) is not the list's. */
  name: string
  codec: FilterQueryCodec<F>
  /** Where "返回列表" finds the last query. */
  rememberIn: LastListQuery
}

/** 删除 of a row: asked first with the record's number, then the core's delete command. */
export interface ListDeletion<T> {
  /** The record as the question names it: a case number, an application number … */
  name: (row: T) => string
  /** What is deleted (案件 unless said: 法律援助申请, 咨询登记 …). */
  kind?: string
  delete: (row: T) => Promise<unknown>
}

interface CommonOptions<F extends PagedFilter, T> {
  /** The core's list command. */
  list: (filter: F) => Promise<Page<T>>
  /** The filter of a first visit and of 重置; it carries the default page size. */
  defaultFilter: () => F
  /** The filter's date fields edited by one date-range picker (both ends or neither). */
  dateRange?: readonly [DateField<F>, DateField<F>]
  deletion?: ListDeletion<T>
  /** The page sizes offered (the route query's conversion accepts only these). */
  pageSizes?: readonly number[]
  /** Rows arrived for the filter (a refusal shown before is over). */
  onLoaded?: (page: Page<T>) => void
  /** How a failed load is told; a message unless said (操作日志 shows a refusal in place of the list and
   * places field errors on its filter's fields). */
  onLoadFailed?: (e: unknown) => void
}

/** A list's filter is its route's query, or is kept on the screen and normalised by `normalise` (as the
 * route query's conversion normalises the others'). */
export type RecordListOptions<F extends PagedFilter, T> = CommonOptions<F, T> &
  ({ route: ListRoute<F>; normalise?: never } | { route?: never; normalise: (filter: F) => F })

export function useRecordList<F extends PagedFilter, T>(options: RecordListOptions<F, T>) {
  const listRoute = options.route
  const route = listRoute ? useRoute() : null
  const router = listRoute ? useRouter() : null
  /** The filter of a list without a route. */
  const kept = shallowRef<F>(options.defaultFilter())

  /** The filter of the list shown (or being loaded). */
  const filter = computed<F>(() =>
    listRoute && route ? listRoute.codec.fromQuery(route.query as RawQuery) : kept.value,
  )
  /** What the user is editing in the filter bar; applied on 查询 / Enter / change of a select. */
  const draft = reactive(options.defaultFilter()) as F
  const dateRange = ref<[string, string] | null>(null)

  const page = shallowRef<Page<T>>({ items: [], total: 0, totalCapped: false })
  const loading = ref(false)
  /** Why the last load found nothing to show (a refused search …); null after a load that answered. */
  const loadError = ref<string | null>(null)
  /** The filter the rows shown were found with (null until the first answer). */
  const loadedFilter = shallowRef<F | null>(null)
  let loadSeq = 0

  function field(f: F, key: DateField<F>): string | null {
    return (f as Record<DateField<F>, string | null>)[key]
  }

  function syncDraft(f: F) {
    Object.assign(draft, f)
    if (options.dateRange) {
      const from = field(f, options.dateRange[0])
      const to = field(f, options.dateRange[1])
      dateRange.value = from && to ? [from, to] : null
    }
  }

  /** Load the rows of the current filter; an answer overtaken by a later load is dropped. A refused
   * filter (a one-character search …) says why, and the list is emptied with the reason in its
   * place: rows of an earlier filter under the new one would look like its result. */
  async function reload() {
    const seq = ++loadSeq
    loading.value = true
    const f = filter.value
    try {
      const result = await options.list(f)
      if (seq === loadSeq) {
        page.value = result
        loadedFilter.value = f
        loadError.value = null
        options.onLoaded?.(result)
      }
    } catch (e) {
      if (seq === loadSeq) {
        page.value = { items: [], total: 0, totalCapped: false }
        loadError.value = normaliseError(e).message
        ;(options.onLoadFailed ?? showError)(e)
      }
    } finally {
      if (seq === loadSeq) loading.value = false
    }
  }

  function remember() {
    if (listRoute) session[listRoute.rememberIn] = listRoute.codec.toQuery(filter.value)
  }

  if (listRoute && route) {
    watch(
      () => route.query,
      () => {
        if (route.name !== listRoute.name) return
        syncDraft(filter.value)
        remember()
        void reload()
      },
    )
  }

  onMounted(() => {
    if (listRoute) {
      syncDraft(filter.value)
      remember()
    }
    void reload()
  })

  /** Show the list for `next`. The same query again (查询 without a change) reloads, as pushing it would
   * not. */
  function applyFilter(next: F) {
    if (listRoute && route && router) {
      const query = listRoute.codec.toQuery(next)
      if (sameFilterQuery(listRoute.codec, query, route.query as RawQuery)) void reload()
      else void router.push({ name: listRoute.name, query })
    } else {
      kept.value = options.normalise ? options.normalise(next) : next
      void reload()
    }
  }

  function search() {
    // The page size is the pager's: the filter bar does not hold it.
    const next = { ...draft, page: 1, pageSize: filter.value.pageSize } as F
    if (options.dateRange) {
      const [from, to] = dateRange.value ?? [null, null]
      Object.assign(next, { [options.dateRange[0]]: from, [options.dateRange[1]]: to })
    }
    applyFilter(next)
  }

  function reset() {
    syncDraft(options.defaultFilter())
    applyFilter(options.defaultFilter())
  }

  function changePage(p: number) {
    applyFilter({ ...filter.value, page: p })
  }

  function changePageSize(size: number) {
    applyFilter({ ...filter.value, pageSize: size, page: 1 })
  }

  async function remove(row: T) {
    const deletion = options.deletion
    if (!deletion) throw new Error('useRecordList: remove() without a deletion')
    const name = deletion.name(row)
    // Without a kind, confirmDelete's own default (案件) names the record.
    const confirmed = deletion.kind === undefined ? confirmDelete(name) : confirmDelete(name, deletion.kind)
    if (!(await confirmed)) return
    try {
      await deletion.delete(row)
      showSuccess('已删除')
    } catch (e) {
      showError(e)
    }
    await reload()
  }

  const rows = computed(() => page.value.items)
  const total = computed(() => page.value.total)
  /** More rows match than were counted: the total is a lower bound. */
  const totalCapped = computed(() => page.value.totalCapped)
  const totalText = computed(() =>
    totalCapped.value ? `超过${total.value}条，请缩小筛选范围` : `共 ${total.value} 条`,
  )

  return {
    filter,
    draft,
    dateRange,
    rows,
    total,
    totalCapped,
    totalText,
    loading,
    loadError,
    loadedFilter,
    pageSizes: [...(options.pageSizes ?? PAGE_SIZES)],
    applyFilter,
    search,
    reset,
    reload,
    changePage,
    changePageSize,
    remove,
  }
}

/** A record list as a screen holds it (what the list's shared parts are given). */
export type RecordList<F extends PagedFilter, T> = ReturnType<typeof useRecordList<F, T>>

/** What the pager below a list needs of it. */
export type RecordListPaging = Pick<
  RecordList<PagedFilter, unknown>,
  'filter' | 'total' | 'totalCapped' | 'totalText' | 'pageSizes' | 'changePage' | 'changePageSize'
>

/** What the table of a list shows of it: rows told apart by their id. */
export type RecordListRows = Pick<RecordList<PagedFilter, { id: string }>, 'rows' | 'loading' | 'loadError'>

/** What the search row of a filter bar needs of a list whose filter has a search text. */
export interface RecordListSearch {
  draft: { query: string | null }
  search: () => void
  reset: () => void
}
