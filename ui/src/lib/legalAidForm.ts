// The legal-aid application form: which sections and fields show for a state, which are marked
// required, the defaults that follow a change of channel or state, and the input sent to the core.
// A section (or a field) shows when its state asks for it, and always while it holds a value, so the
// form never hides something it would save. The core decides what is really required and clears what
// does not belong to the state.
import type { LegalAidInput, LegalAidState } from '../api/generated'

export type LaSection = 'supplement' | 'decision' | 'objection' | 'assignment' | 'closing' | 'filing'

export const SECTION_FIELDS: Readonly<Record<LaSection, readonly (keyof LegalAidInput)[]>> = {
  supplement: ['suppNoticeOn', 'suppItems', 'suppDueOn', 'suppDoneOn'],
  decision: ['decision', 'decisionOn', 'decisionNo', 'refusalReason', 'provisionalReason'],
  objection: ['objectionOn', 'objectionResult', 'objectionDecidedOn'],
  assignment: ['assignedOn', 'provider', 'handler', 'handlerType'],
  closing: ['closedOn', 'closeMode', 'recovered', 'terminatedOn', 'terminationGround'],
  filing: ['fileSubmittedOn', 'recipientVisitOn', 'satisfaction'],
}

// The state groups of the core (src/legal_aid.rs).
/** States with an assignment (required). */
const ASSIGNED = ['assigned', 'handling', 'closed', 'filed', 'visited'] as const
/** States after an assignment or a termination (a provisional aid may be terminated before assignment). */
const ASSIGNED_ON = [...ASSIGNED, 'terminated'] as const
const ENDED = ['closed', 'terminated', 'filed', 'visited'] as const
const FILED = ['filed', 'visited'] as const
const OBJECTION = ['objecting', 'objection_upheld', 'objection_corrected'] as const
/** States whose application carries a review decision (not for notified cases). */
const DECIDED = ['granted', 'provisional', 'refused', ...OBJECTION, ...ASSIGNED_ON] as const

/** The states in which a section belongs (the supplement section: every state but "received"). */
const SECTION_STATES: Readonly<Record<Exclude<LaSection, 'supplement'>, ReadonlySet<string>>> = {
  decision: new Set(['reviewing', 'withdrawn_deemed', ...DECIDED]),
  objection: new Set(OBJECTION),
  assignment: new Set([...ASSIGNED_ON, 'granted', 'provisional', 'notified', 'objection_corrected']),
  closing: new Set(ENDED),
  // The visit may come before the file is submitted, so the section opens with the closing.
  filing: new Set(ENDED),
}

/** Whether a value counts as filled in (false, 0-length texts and lists, null do not). */
export function hasValue(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false
  if (typeof v === 'string') return v.trim() !== ''
  if (Array.isArray(v)) return v.length > 0
  return true
}

function anyValue(form: LegalAidInput, keys: readonly (keyof LegalAidInput)[]): boolean {
  return keys.some((k) => hasValue(form[k]))
}

export function sectionVisible(section: LaSection, form: LegalAidInput): boolean {
  if (anyValue(form, SECTION_FIELDS[section])) return true
  if (section === 'supplement') return form.state !== 'received'
  // Notified cases (通知辩护/代理) have no review decision: they go straight to assignment.
  if (section === 'decision' && form.aidChannel === 'notified') return false
  return SECTION_STATES[section].has(form.state)
}

export const SECTIONS: readonly LaSection[] = ['supplement', 'decision', 'objection', 'assignment', 'closing', 'filing']

export function visibleSections(form: LegalAidInput): LaSection[] {
  return SECTIONS.filter((s) => sectionVisible(s, form))
}

const CLOSE_FIELDS = ['closedOn', 'closeMode', 'recovered'] as const
const TERMINATE_FIELDS = ['terminatedOn', 'terminationGround'] as const
const inList = (list: readonly string[], v: string | null | undefined) => !!v && list.includes(v)

/** Fields that show only in some cases within their section (every other field shows with its section). */
export function fieldVisible(field: keyof LegalAidInput, form: LegalAidInput): boolean {
  switch (field) {
    case 'refusalReason':
      return form.decision === 'refuse' || hasValue(form.refusalReason)
    case 'provisionalReason':
      return form.decision === 'provisional' || hasValue(form.provisionalReason)
    case 'meansSubReason':
      return meansSubReasonTable(form.meansBasis) !== null || hasValue(form.meansSubReason)
    case 'householdSize':
    case 'monthlyIncome':
      return form.meansBasis === 'pledge' || hasValue(form[field])
    case 'closedOn':
    case 'closeMode':
    case 'recovered':
      return inList(['closed', 'filed', 'visited'], form.state) || anyValue(form, CLOSE_FIELDS)
    case 'terminatedOn':
    case 'terminationGround':
      return inList(['terminated', 'filed', 'visited'], form.state) || anyValue(form, TERMINATE_FIELDS)
    case 'fileSubmittedOn':
      return inList(FILED, form.state) || hasValue(form.fileSubmittedOn)
    default:
      return true
  }
}

/** The code table of 经济状况 sub-reasons for a basis: 免予核查 or 不受经济困难条件限制; null otherwise. */
export function meansSubReasonTable(basis: string | null | undefined): 'laMeansExempt' | 'laMeansUnrestricted' | null {
  if (basis === 'exempt') return 'laMeansExempt'
  if (basis === 'unrestricted') return 'laMeansUnrestricted'
  return null
}

/** 受理日期, or for a notified case the date the notice was received. */
export function acceptedOnLabel(aidChannel: string): string {
  return aidChannel === 'notified' ? '收到通知日期' : '受理日期'
}

/** A notified case takes no means test: its basis is fixed to 通知辩护(代理). */
export function meansBasisFixed(aidChannel: string): boolean {
  return aidChannel === 'notified'
}

/** After the user changes 申请类型: a notified case gets the basis "notified"; leaving it goes back to the pledge. */
export function applyChannelChange(form: LegalAidInput): void {
  if (form.aidChannel === 'notified') {
    if (form.meansBasis !== 'notified') {
      form.meansBasis = 'notified'
      form.meansSubReason = null
    }
  } else if (form.meansBasis === 'notified') {
    form.meansBasis = 'pledge'
    form.meansSubReason = null
  }
}

/** 决定日期, or for a deemed withdrawal the date it took effect. */
export function decisionOnLabel(state: string): string {
  return state === 'withdrawn_deemed' ? '视为撤回日期' : '决定日期'
}

/** After the user changes 经济状况依据: a sub-reason of the old basis does not belong to the new one. */
export function applyMeansBasisChange(form: LegalAidInput): void {
  form.meansSubReason = null
}

const STATE_DECISION: Readonly<Record<string, string>> = {
  granted: 'grant',
  provisional: 'provisional',
  refused: 'refuse',
  withdrawn_deemed: 'withdrawn',
  objecting: 'refuse',
  objection_upheld: 'refuse',
  objection_corrected: 'refuse',
}
const DECISION_STATE: Readonly<Record<string, LegalAidState>> = {
  grant: 'granted',
  provisional: 'provisional',
  refuse: 'refused',
  withdrawn: 'withdrawn_deemed',
}
const STATE_OBJECTION_RESULT: Readonly<Record<string, string>> = {
  objection_upheld: 'upheld',
  objection_corrected: 'corrected',
}

/** After the user changes the state: fill the decision or objection result the state implies, when empty. */
export function applyStateChange(form: LegalAidInput): void {
  const decision = STATE_DECISION[form.state]
  if (decision && !hasValue(form.decision) && form.aidChannel !== 'notified') form.decision = decision
  const result = STATE_OBJECTION_RESULT[form.state]
  if (result && !hasValue(form.objectionResult)) form.objectionResult = result
}

/** After the user picks a decision while the application is 审查中: move to the state of that decision
 * when the core allows it (the core keeps a decision only in a decided state). */
export function applyDecisionChange(form: LegalAidInput, allowedStates: readonly string[]): void {
  if (form.state !== 'reviewing' || !form.decision) return
  const target = DECISION_STATE[form.decision]
  if (target && allowedStates.includes(target)) form.state = target
}

/** Dates that the core takes only in a later state (its "已填写…，请先将状态改为…" error, `state_ahead` in
 * src/legal_aid.rs): the form offers that state next to the date instead. */
export const STATE_OFFER_FIELDS = [
  'suppNoticeOn',
  'suppDoneOn',
  'decisionOn',
  'objectionDecidedOn',
  'assignedOn',
  'closedOn',
  'terminatedOn',
  'fileSubmittedOn',
] as const
export type StateOfferField = (typeof STATE_OFFER_FIELDS)[number]

const DECIDED_BY_REVIEW: readonly LegalAidState[] = ['granted', 'provisional', 'refused']
const OBJECTION_DECIDED: Readonly<Record<string, LegalAidState>> = {
  upheld: 'objection_upheld',
  corrected: 'objection_corrected',
}

/** The states in which the core would take `field` as filled, when the form's state is not one of them:
 * what the date asks the state to become (the decision or objection result already chosen narrows it). */
function statesForDate(field: StateOfferField, form: LegalAidInput): readonly LegalAidState[] {
  const s = form.state
  switch (field) {
    case 'suppNoticeOn':
      return s === 'received' ? ['supplementing'] : []
    case 'suppDoneOn':
      return s === 'supplementing' || s === 'withdrawn_deemed' ? ['reviewing'] : []
    case 'decisionOn': {
      if (form.aidChannel === 'notified' || inList(DECIDED, s) || s === 'withdrawn_deemed') return []
      const chosen = form.decision ? DECISION_STATE[form.decision] : undefined
      return chosen ? [chosen] : DECIDED_BY_REVIEW
    }
    case 'objectionDecidedOn': {
      if (s !== 'objecting') return []
      const chosen = form.objectionResult ? OBJECTION_DECIDED[form.objectionResult] : undefined
      return chosen ? [chosen] : ['objection_upheld', 'objection_corrected']
    }
    case 'assignedOn':
      return inList(ASSIGNED_ON, s) ? [] : ['assigned']
    case 'closedOn':
      return inList(ENDED, s) ? [] : ['closed']
    case 'terminatedOn':
      return inList(ENDED, s) ? [] : ['terminated']
    case 'fileSubmittedOn':
      return inList(FILED, s) ? [] : ['filed']
  }
}

/** For each date filled in while the state is not yet the one it belongs to, the states the form can
 * move to right there (those the core allows from the saved state, `allowedStates`). A date whose state
 * cannot be reached from here gets no offer: the core's error on saving says what is wrong. */
export function stateOffers(
  form: LegalAidInput,
  allowedStates: readonly string[],
): Partial<Record<StateOfferField, LegalAidState[]>> {
  const out: Partial<Record<StateOfferField, LegalAidState[]>> = {}
  for (const field of STATE_OFFER_FIELDS) {
    if (!hasValue(form[field])) continue
    const targets = statesForDate(field, form).filter((t) => t !== form.state && allowedStates.includes(t))
    if (targets.length > 0) out[field] = targets
  }
  return out
}

/** The user took an offered state: the form moves to it, with the defaults that state brings. */
export function acceptStateOffer(form: LegalAidInput, state: LegalAidState): void {
  form.state = state
  applyStateChange(form)
}

/** The fields marked required for the current state (a hint: the core decides). */
export function requiredFields(form: LegalAidInput): Set<keyof LegalAidInput> {
  const out = new Set<keyof LegalAidInput>([
    'state',
    'aidChannel',
    'receivedVia',
    'receivingOrg',
    'competentOrg',
    'receivedOn',
    'name',
    'ethnicity',
    'idNo',
    'domicile',
    'residence',
    'groups',
    'caseNature',
    'matter',
    'role',
    'stage',
    'serviceForm',
    'reason',
    'meansBasis',
  ])
  const s = form.state
  const notified = form.aidChannel === 'notified'
  // A detained applicant has no phone of his own.
  if (!form.applicantDetained) out.add('phone')
  if (s !== 'received') {
    out.add('acceptedOn')
    if (str(form.receivingOrg) !== str(form.competentOrg)) out.add('forwardedOn')
  }
  if (hasValue(form.agentName)) out.add('agentType')
  if (hasValue(form.agentType)) out.add('agentName')
  if (form.stage && form.stage !== 'not_started') out.add('handlingOrgan')
  if (meansSubReasonTable(form.meansBasis)) out.add('meansSubReason')
  if (form.meansBasis === 'pledge') out.add('householdSize').add('monthlyIncome')
  if (s === 'supplementing' || s === 'withdrawn_deemed') out.add('suppNoticeOn')
  if (s === 'withdrawn_deemed') out.add('decisionOn')
  if (hasValue(form.suppNoticeOn)) {
    out.add('suppItems')
    if (!inList(['received', 'supplementing', 'withdrawn_deemed'], s)) out.add('suppDoneOn')
  }
  if (inList(DECIDED, s) && !notified) out.add('decision').add('decisionOn')
  if (form.decision === 'refuse') out.add('refusalReason')
  if (form.decision === 'provisional') out.add('provisionalReason')
  if (inList(OBJECTION, s)) out.add('objectionOn')
  if (s === 'objection_upheld' || s === 'objection_corrected') out.add('objectionResult').add('objectionDecidedOn')
  // A case terminated before assignment (先行提供 ended early) is filed without one.
  const terminated = s === 'terminated' || (inList(FILED, s) && hasValue(form.terminatedOn))
  if (inList(ASSIGNED, s) && !terminated) out.add('assignedOn')
  if (inList(ASSIGNED_ON, s) && ((inList(ASSIGNED, s) && !terminated) || hasValue(form.assignedOn))) {
    out.add('provider').add('handler').add('handlerType')
  }
  if (terminated) out.add('terminatedOn').add('terminationGround')
  else if (inList(['closed', ...FILED], s)) out.add('closedOn').add('closeMode')
  if (inList(FILED, s)) out.add('fileSubmittedOn')
  if (s === 'visited') out.add('recipientVisitOn')
  if (s === 'visited' || (inList(ENDED, s) && hasValue(form.recipientVisitOn))) out.add('satisfaction')
  return out
}

function str(v: string | null | undefined): string {
  return (v ?? '').trim()
}

function orNull(v: string | null | undefined): string | null {
  const t = str(v)
  return t === '' ? null : t
}

function intOrNull(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(String(v).trim())
  return Number.isFinite(n) ? Math.trunc(n) : null
}

/** The input sent to the core: texts trimmed, empty optional selects, dates and amounts null. */
export function legalAidFormToInput(f: LegalAidInput): LegalAidInput {
  return {
    state: f.state,
    aidChannel: str(f.aidChannel),
    receivedVia: str(f.receivedVia),
    receivingOrg: str(f.receivingOrg),
    competentOrg: str(f.competentOrg),
    applicantDetained: !!f.applicantDetained,
    cityTransferOut: !!f.cityTransferOut,
    receivedOn: str(f.receivedOn),
    forwardedOn: orNull(f.forwardedOn),
    acceptedOn: orNull(f.acceptedOn),
    name: str(f.name),
    sex: orNull(f.sex),
    birthDate: orNull(f.birthDate),
    ethnicity: orNull(f.ethnicity),
    idType: orNull(f.idType),
    idNo: str(f.idNo),
    domicile: str(f.domicile),
    residence: str(f.residence),
    phone: str(f.phone),
    employer: str(f.employer),
    occupation: str(f.occupation),
    education: orNull(f.education),
    health: orNull(f.health),
    groups: [...new Set(f.groups ?? [])],
    agentName: str(f.agentName),
    agentType: orNull(f.agentType),
    agentIdNo: str(f.agentIdNo),
    caseNature: str(f.caseNature),
    matter: str(f.matter),
    role: str(f.role),
    stage: str(f.stage),
    handlingOrgan: str(f.handlingOrgan),
    opponent: str(f.opponent),
    reason: str(f.reason),
    serviceForm: str(f.serviceForm),
    meansBasis: str(f.meansBasis),
    meansSubReason: orNull(f.meansSubReason),
    householdSize: intOrNull(f.householdSize),
    monthlyIncome: orNull(f.monthlyIncome),
    suppNoticeOn: orNull(f.suppNoticeOn),
    suppItems: str(f.suppItems),
    suppDueOn: orNull(f.suppDueOn),
    suppDoneOn: orNull(f.suppDoneOn),
    decision: orNull(f.decision),
    decisionOn: orNull(f.decisionOn),
    decisionNo: str(f.decisionNo),
    refusalReason: str(f.refusalReason),
    provisionalReason: str(f.provisionalReason),
    objectionOn: orNull(f.objectionOn),
    objectionResult: orNull(f.objectionResult),
    objectionDecidedOn: orNull(f.objectionDecidedOn),
    assignedOn: orNull(f.assignedOn),
    provider: str(f.provider),
    handler: str(f.handler),
    handlerType: orNull(f.handlerType),
    terminatedOn: orNull(f.terminatedOn),
    terminationGround: orNull(f.terminationGround),
    closedOn: orNull(f.closedOn),
    closeMode: orNull(f.closeMode),
    recovered: orNull(f.recovered),
    fileSubmittedOn: orNull(f.fileSubmittedOn),
    recipientVisitOn: orNull(f.recipientVisitOn),
    satisfaction: orNull(f.satisfaction),
    notes: str(f.notes),
  }
}

/** The editable copy of a saved application (only the input fields). */
export function applicationToForm(a: LegalAidInput): LegalAidInput {
  return legalAidFormToInput(a)
}

/** Birth date and sex read from an 18-character resident ID number (null when it is not one). The core
 * checks the number itself; this only saves typing. */
export function birthAndSexFromId(idNo: string): { birthDate: string; sex: 'male' | 'female' } | null {
  const id = idNo.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(id)) return null
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  return { birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' }
}

/** A person with an ID number whose 出生日期 and 性别 can be read from it: the legal-aid applicant, a
 * mediation party, a 矫正对象. */
export interface PersonWithId {
  idType: string | null
  idNo: string
  birthDate: string | null
  sex: string | null
}

/** Fill 出生日期 and 性别 from a resident ID number when they are still empty (what the user typed stays;
 * the core checks that both agree with the number). */
export function fillFromIdNo(person: PersonWithId): void {
  if (person.idType !== 'resident_id') return
  const found = birthAndSexFromId(person.idNo)
  if (!found) return
  if (!hasValue(person.birthDate)) person.birthDate = found.birthDate
  if (!hasValue(person.sex)) person.sex = found.sex
}

/** Element Plus tag type for a legal-aid state. */
export function legalAidStateTagType(state: string): 'primary' | 'success' | 'warning' | 'danger' | 'info' {
  switch (state) {
    case 'supplementing':
    case 'objecting':
    case 'granted':
    case 'provisional':
    case 'objection_corrected':
      return 'warning'
    case 'closed':
      return 'success'
    case 'refused':
    case 'terminated':
      return 'danger'
    case 'withdrawn_deemed':
    case 'objection_upheld':
    case 'filed':
    case 'visited':
      return 'info'
    default:
      return 'primary'
  }
}

/** The states offered in the 状态 select: those the core allows, the current one always included, in
 * the order of the code table. */
export function stateChoices(allowed: readonly string[], current: string, tableOrder: readonly string[]): string[] {
  const set = new Set(allowed)
  if (current) set.add(current)
  const ordered = tableOrder.filter((c) => set.has(c))
  for (const c of set) if (!ordered.includes(c)) ordered.push(c)
  return ordered
}
