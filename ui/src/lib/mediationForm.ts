// The editing model of the mediation case form and its conversion to and from MediationCaseInput.
// What the form shows is what is saved: fields hidden for the chosen state or party kind are sent empty.
import type { FollowUp, MediationCaseInput, MediationSession, MediationState, Party } from '../api/generated'
import { fillFromIdNo } from './legalAidForm'
import { formatMediators, parseMediators } from './mediators'

/** One row of the 防止激化 section: one per code of table "prevention". */
export interface PreventionRow {
  kind: string
  checked: boolean
  persons: number | null
}

export interface MediationForm extends Omit<MediationCaseInput, 'mediators' | 'prevention' | 'personsInvolved'> {
  /** Names separated by 、 ， , or spaces; the first presides. */
  mediators: string
  prevention: PreventionRow[]
  personsInvolved: number | null
}

/** Result fields whose visibility depends on the state. */
export const RESULT_FIELDS = [
  'notAcceptedReason',
  'agreementForm',
  'agreementNo',
  'agreementOn',
  'terms',
  'performMode',
  'performBy',
  'agreedAmount',
  'performance',
  'judicialConfirm',
  'judicialCourt',
  'judicialOn',
  'failRoute',
  'closedOn',
] as const
export type ResultField = (typeof RESULT_FIELDS)[number]

const AGREEMENT_FIELDS: ResultField[] = [
  'agreementForm',
  'agreementNo',
  'agreementOn',
  'terms',
  'performMode',
  'performBy',
  'agreedAmount',
  'performance',
  'judicialConfirm',
]

/** The states that close a case (调解不成功, 撤回, 结案归档): the core requires 结案日期 for them. */
export const CLOSING_STATES: readonly MediationState[] = ['failed', 'withdrawn', 'archived']

export function closesCase(state: string): boolean {
  return (CLOSING_STATES as readonly string[]).includes(state)
}

/** The result fields shown for a state (and, for the court fields, the judicial confirmation status). */
export function visibleResultFields(state: string, judicialConfirm: string | null | undefined): ResultField[] {
  const out: ResultField[] = []
  if (state === 'not_accepted') out.push('notAcceptedReason')
  if (state === 'agreed' || state === 'archived') {
    out.push(...AGREEMENT_FIELDS)
    if (judicialConfirm && judicialConfirm !== 'none') out.push('judicialCourt', 'judicialOn')
  }
  if (state === 'failed') out.push('failRoute')
  if (closesCase(state)) out.push('closedOn')
  return out
}

/** Follow-up visits belong to a successful mediation. */
export function followUpsVisible(state: string): boolean {
  return state === 'agreed' || state === 'archived'
}

/** After the user changes the state: closing the case brings `today` into 结案日期 while it is empty (a date
 * already there stays). */
export function applyStateChange(form: MediationForm, today: string): void {
  if (closesCase(form.state) && !(form.closedOn ?? '').trim() && today) form.closedOn = today
}

/** After the user typed a party's ID number: 出生日期 and 性别 of a natural person are read from a resident ID
 * while they are empty, as on the legal-aid form (the core fills and checks them the same way on saving). */
export function fillPartyFromIdNo(party: Party): void {
  if (partyShowsPersonFields(party.kind)) fillFromIdNo(party)
}

/** What a follow-up's 履行情况 asks of the agreement's (both are codes of table "performance"). */
export type AgreementPerformanceUpdate =
  /** The agreement's is empty: it takes the follow-up's. */
  | { action: 'fill'; value: string }
  /** The agreement's says something else (`current`): the user is asked whether it should change. */
  | { action: 'ask'; value: string; current: string }

/** The follow-up whose 履行情况 tells how the agreement stands now: the latest visit (by date, then by
 * order) that recorded one; null when none did. */
export function latestPerformanceFollowUp(followUps: readonly FollowUp[]): number | null {
  let latest: number | null = null
  for (let i = 0; i < followUps.length; i++) {
    if (!(followUps[i].performance ?? '').trim()) continue
    if (latest === null || str(followUps[i].date) >= str(followUps[latest].date)) latest = i
  }
  return latest
}

/** After the user set the 履行情况 of follow-up `index`: whether the agreement's 履行情况 should follow it.
 * Nothing when it was cleared, when the agreement already says the same, or when a later visit recorded
 * its own (that one tells how things stand). */
export function agreementPerformanceUpdate(form: MediationForm, index: number): AgreementPerformanceUpdate | null {
  const value = (form.followUps[index]?.performance ?? '').trim()
  if (!value) return null
  if (!visibleResultFields(form.state, form.judicialConfirm).includes('performance')) return null
  if (latestPerformanceFollowUp(form.followUps) !== index) return null
  const current = (form.performance ?? '').trim()
  if (current === value) return null
  return current ? { action: 'ask', value, current } : { action: 'fill', value }
}

/** 群体性纠纷: five or more persons involved. */
export function isGroupDispute(personsInvolved: number | null | undefined): boolean {
  return typeof personsInvolved === 'number' && personsInvolved >= 5
}

/** Sex, ethnicity, birth date and occupation apply to natural persons only (ID type and number to every kind). */
export function partyShowsPersonFields(kind: string): boolean {
  return kind === 'natural'
}

function orNull(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null
  const t = v.trim()
  return t === '' ? null : t
}

function str(v: string | null | undefined): string {
  return (v ?? '').trim()
}

function int(v: number | null | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : fallback
}

export function inputToForm(input: MediationCaseInput, preventionCodes: readonly string[]): MediationForm {
  const copy = structuredClone(input) as MediationCaseInput
  const prevention: PreventionRow[] = preventionCodes.map((kind) => {
    const found = copy.prevention.find((p) => p.kind === kind)
    return { kind, checked: !!found, persons: found ? found.persons : 1 }
  })
  // Keep any kind the table does not list (should not happen), so nothing is lost silently.
  for (const p of copy.prevention) {
    if (!preventionCodes.includes(p.kind)) prevention.push({ kind: p.kind, checked: true, persons: p.persons })
  }
  return { ...copy, mediators: formatMediators(copy.mediators), prevention }
}

function partyToInput(p: Party): Party {
  const natural = partyShowsPersonFields(p.kind)
  return {
    role: str(p.role),
    kind: str(p.kind),
    name: str(p.name),
    sex: natural ? orNull(p.sex) : null,
    ethnicity: natural ? orNull(p.ethnicity) : null,
    birthDate: natural ? orNull(p.birthDate) : null,
    idType: orNull(p.idType),
    idNo: str(p.idNo),
    occupation: natural ? str(p.occupation) : '',
    address: str(p.address),
    phone: str(p.phone),
    agent: str(p.agent),
  }
}

function sessionToInput(s: MediationSession): MediationSession {
  return {
    date: str(s.date),
    place: str(s.place),
    attendees: str(s.attendees),
    summary: str(s.summary),
    signed: !!s.signed,
  }
}

function followUpToInput(f: FollowUp): FollowUp {
  return {
    date: str(f.date),
    visitor: str(f.visitor),
    mode: str(f.mode),
    performance: orNull(f.performance),
    satisfaction: orNull(f.satisfaction),
    escalationRisk: !!f.escalationRisk,
    measures: str(f.measures),
  }
}

/** Build the input sent to the core. Optional selects and dates that are empty become null; empty text
 * stays "". Result fields not shown for the state are sent empty. */
export function formToInput(form: MediationForm): MediationCaseInput {
  const shown = new Set<ResultField>(visibleResultFields(form.state, form.judicialConfirm))
  const sel = (f: ResultField, v: string | null | undefined) => (shown.has(f) ? orNull(v) : null)
  const txt = (f: ResultField, v: string | null | undefined) => (shown.has(f) ? str(v) : '')
  return {
    state: form.state,
    committee: str(form.committee),
    acceptedOn: str(form.acceptedOn),
    source: str(form.source),
    disputeType: str(form.disputeType),
    occurredOn: orNull(form.occurredOn),
    place: str(form.place),
    personsInvolved: int(form.personsInvolved, 0),
    amount: orNull(form.amount),
    summary: str(form.summary),
    risk: orNull(form.risk),
    mediators: parseMediators(form.mediators),
    recorder: str(form.recorder),
    rightsNoticeOn: orNull(form.rightsNoticeOn),
    notAcceptedReason: sel('notAcceptedReason', form.notAcceptedReason),
    agreementForm: sel('agreementForm', form.agreementForm),
    agreementNo: txt('agreementNo', form.agreementNo),
    agreementOn: sel('agreementOn', form.agreementOn),
    terms: txt('terms', form.terms),
    performMode: sel('performMode', form.performMode),
    performBy: sel('performBy', form.performBy),
    agreedAmount: sel('agreedAmount', form.agreedAmount),
    performance: sel('performance', form.performance),
    judicialConfirm: shown.has('judicialConfirm') ? str(form.judicialConfirm) || 'none' : 'none',
    judicialCourt: txt('judicialCourt', form.judicialCourt),
    judicialOn: sel('judicialOn', form.judicialOn),
    failRoute: sel('failRoute', form.failRoute),
    prevention: form.prevention
      .filter((p) => p.checked)
      .map((p) => ({ kind: p.kind, persons: int(p.persons, 0) })),
    closedOn: sel('closedOn', form.closedOn),
    parties: form.parties.map(partyToInput),
    sessions: form.sessions.map(sessionToInput),
    followUps: followUpsVisible(form.state) ? form.followUps.map(followUpToInput) : [],
  }
}

/** The path the core uses for a 防止激化 row: its index among the checked rows, or null when unchecked. */
export function preventionPath(rows: readonly PreventionRow[], kind: string): string | null {
  const checked = rows.filter((r) => r.checked)
  const i = checked.findIndex((r) => r.kind === kind)
  return i < 0 ? null : `prevention.${i}.persons`
}
