// 咨询登记: the blank entry, what stays for the next entry, and the input sent to the core.
import type { Consultation, ConsultationFilter, ConsultationInput } from '../api/generated'
import { DEFAULT_PAGE_SIZE } from './filterQuery'

/** A blank entry: today, 来访, 解答咨询, one person, received by the current user. */
export function emptyConsultationInput(today: string, staff: string): ConsultationInput {
  return {
    consultedOn: today,
    channel: 'visit',
    service: 'answer',
    persons: 1,
    groups: [],
    matter: '',
    name: '',
    phone: '',
    question: '',
    answer: '',
    guided: false,
    staff,
  }
}

/** The entry after a save: date, channel, service and staff stay (many are logged in a row), the rest is blank. */
export function nextConsultationInput(prev: ConsultationInput): ConsultationInput {
  return {
    ...emptyConsultationInput(prev.consultedOn, prev.staff),
    channel: prev.channel,
    service: prev.service,
  }
}

/** The editable copy of a saved consultation (only the input fields). */
export function consultationToForm(c: Consultation | ConsultationInput): ConsultationInput {
  return consultationFormToInput(c)
}

/** The input sent to the core: texts trimmed, 人次 a whole number. */
export function consultationFormToInput(f: ConsultationInput): ConsultationInput {
  const persons = typeof f.persons === 'number' && Number.isFinite(f.persons) ? Math.trunc(f.persons) : 0
  return {
    consultedOn: (f.consultedOn ?? '').trim(),
    channel: (f.channel ?? '').trim(),
    service: (f.service ?? '').trim(),
    persons,
    groups: [...new Set(f.groups ?? [])],
    matter: (f.matter ?? '').trim(),
    name: (f.name ?? '').trim(),
    phone: (f.phone ?? '').trim(),
    question: (f.question ?? '').trim(),
    answer: (f.answer ?? '').trim(),
    guided: !!f.guided,
    staff: (f.staff ?? '').trim(),
  }
}

export function defaultConsultationFilter(): ConsultationFilter {
  return { query: null, channel: null, matter: null, from: null, to: null, page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** Normalise a filter: trimmed texts, empty -> null. */
export function normaliseConsultationFilter(f: ConsultationFilter): ConsultationFilter {
  const t = (s: string | null) => {
    if (s === null || s === undefined) return null
    const x = s.trim()
    return x === '' ? null : x
  }
  return {
    query: t(f.query),
    channel: t(f.channel),
    matter: t(f.matter),
    from: t(f.from),
    to: t(f.to),
    page: Number.isInteger(f.page) && f.page >= 1 ? f.page : 1,
    pageSize: Number.isInteger(f.pageSize) && f.pageSize >= 1 ? f.pageSize : DEFAULT_PAGE_SIZE,
  }
}
