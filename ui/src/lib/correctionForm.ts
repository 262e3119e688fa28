// The 社区矫正对象 form: which fields show for a state, which are marked required, the defaults that
// follow a change, and the input sent to the core. As in the legal-aid form, a field that depends on
// the state also shows while it holds a value, so the form never hides something it would save. The
// core decides what is really required.
import type { CodeItem, CorrectionSubjectInput, CorrectionTask, EMonitoringPeriod } from '../api/generated'
import { fillFromIdNo, hasValue } from './legalAidForm'

type Key = keyof CorrectionSubjectInput
type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The states of a subject who left supervision (解除矫正, 终止矫正, 迁出). */
export const EXITED_STATES: readonly string[] = ['released', 'terminated', 'transferred_out']
/** The states before the exit, in order. */
const STATE_ORDER: readonly string[] = ['assessing', 'awaiting_report', 'reported', 'announced', 'supervising']
/** Flags the core derives (外出中, 电子定位中): shown, never entered. */
export const DERIVED_FLAGS: readonly string[] = ['away', 'e_monitoring']

export function isExitedState(state: string | null | undefined): boolean {
  return !!state && EXITED_STATES.includes(state)
}

/** Position of a state in the life cycle; the exit states come after 在矫. */
export function stateRank(state: string): number {
  const i = STATE_ORDER.indexOf(state)
  if (i >= 0) return i
  return isExitedState(state) ? STATE_ORDER.length : -1
}

/** The 状态标记 that may be entered: the table without the derived flags. */
export function enteredFlagOptions(options: readonly CodeItem[]): CodeItem[] {
  return options.filter((o) => !DERIVED_FLAGS.includes(o.code))
}

const EXIT_FIELDS: readonly Key[] = ['exitType', 'exitOn', 'exitDocNo']

/** 解除/终止: for the exit states, and while it holds a value. */
export function exitSectionVisible(form: CorrectionSubjectInput): boolean {
  return isExitedState(form.state) || EXIT_FIELDS.some((k) => hasValue(form[k]))
}

/** Fields that show only in some cases (every other field always shows). */
export function correctionFieldVisible(field: Key, form: CorrectionSubjectInput): boolean {
  switch (field) {
    case 'temporaryKind':
      return form.correctionType === 'temporary'
    case 'reportedOn':
      return stateRank(form.state) >= stateRank('reported') || hasValue(form.reportedOn)
    case 'announcedOn':
      return stateRank(form.state) >= stateRank('announced') || hasValue(form.announcedOn)
    case 'flags':
      return !isExitedState(form.state) || hasValue(form.flags)
    case 'abscondedSince':
    case 'abscondReason':
    case 'abscondMeasures':
      return form.flags.includes('absconded') || hasValue(form[field])
    case 'missedReason':
    case 'missedMeasures':
      return form.flags.includes('missed') || hasValue(form[field])
    case 'newCharge':
      return form.reoffended || hasValue(form.newCharge)
    case 'exitType':
    case 'exitOn':
    case 'exitDocNo':
      return exitSectionVisible(form)
    default:
      return true
  }
}

/** Fields required except while the subject is being assessed (调查评估: no ruling yet). */
const RULED_FIELDS: readonly Key[] = [
  'decidingOrganName',
  'docNo',
  'effectiveOn',
  'sentence',
  'corrStart',
  'corrEnd',
  'intakeMode',
  'team',
]

/** The fields marked required for the current state (a hint: the core decides). */
export function correctionRequiredFields(form: CorrectionSubjectInput): Set<Key> {
  const out = new Set<Key>([
    'subjectCode',
    'name',
    'idNo',
    'sex',
    'birthDate',
    'ethnicity',
    'phone',
    'domicile',
    'residence',
    'correctionType',
    'decidingOrgan',
    'charge',
    'chargeClass',
    'state',
    'supervisionLevel',
  ])
  const s = form.state
  if (s !== 'assessing') for (const k of RULED_FIELDS) out.add(k)
  if (form.correctionType === 'temporary') out.add('temporaryKind')
  if (hasValue(form.prohibitionOrder)) out.add('prohibitionFrom').add('prohibitionTo')
  if (['reported', 'announced', 'supervising', 'released'].includes(s)) out.add('reportedOn')
  if (['announced', 'supervising', 'released'].includes(s)) out.add('announcedOn')
  if (form.flags.includes('absconded')) out.add('abscondedSince').add('abscondReason')
  if (form.flags.includes('missed')) out.add('missedReason')
  if (isExitedState(s)) out.add('exitType').add('exitOn').add('exitDocNo')
  if (form.reoffended) out.add('newCharge')
  return out
}

/** The exit types that fit a state and correction type (the current one always included). */
export function exitTypeChoices(
  state: string,
  correctionType: string,
  options: readonly CodeItem[],
  current: string | null,
): CodeItem[] {
  const byState: Record<string, readonly string[]> = {
    released: ['expired', 'pardoned'],
    terminated: ['probation_revoked', 'parole_revoked', 'recommitted', 'died'],
    transferred_out: ['moved'],
  }
  const fits = (code: string) => {
    if (code === 'probation_revoked') return correctionType === 'probation'
    if (code === 'parole_revoked') return correctionType === 'parole'
    if (code === 'recommitted') return correctionType === 'temporary'
    return true
  }
  const allowed = byState[state]
  return options.filter((o) => o.code === current || !allowed || (allowed.includes(o.code) && fits(o.code)))
}

/** After the user changes 矫正类别: 暂予监外执行情形 belongs only to 暂予监外执行. */
export function applyCorrectionTypeChange(form: CorrectionSubjectInput): void {
  if (form.correctionType !== 'temporary') form.temporaryKind = null
}

/** After the user changes the state: an exit type the state implies, when empty (期满解除, 迁出);
 * an exit type of another exit state is taken away. */
export function applyCorrectionStateChange(form: CorrectionSubjectInput, options: readonly CodeItem[]): void {
  if (!isExitedState(form.state)) return
  if (form.exitType) {
    const fits = exitTypeChoices(form.state, form.correctionType, options, null).some((o) => o.code === form.exitType)
    if (!fits) form.exitType = null
  }
  if (!form.exitType) {
    if (form.state === 'released') form.exitType = 'expired'
    else if (form.state === 'transferred_out') form.exitType = 'moved'
  }
}

/** After the user changes 状态标记: no 脱管/失联 date, reason and measures without that flag, no 漏管
 * reason and measures without that one. */
export function applyFlagsChange(form: CorrectionSubjectInput): void {
  if (!form.flags.includes('absconded')) {
    form.abscondedSince = null
    form.abscondReason = ''
    form.abscondMeasures = ''
  }
  if (!form.flags.includes('missed')) {
    form.missedReason = ''
    form.missedMeasures = ''
  }
}

/** After the user changes 重新犯罪: no new charge without it. */
export function applyReoffendedChange(form: CorrectionSubjectInput): void {
  if (!form.reoffended) form.newCharge = ''
}

/** Fill 出生日期 and 性别 from a resident ID number when they are still empty (the core does the same). */
export function fillCorrectionFromIdNo(form: CorrectionSubjectInput): void {
  fillFromIdNo(form)
}

function str(v: string | null | undefined): string {
  return (v ?? '').trim()
}

function orNull(v: string | null | undefined): string | null {
  const s = str(v)
  return s === '' ? null : s
}

function codes(v: readonly string[] | null | undefined): string[] {
  return [...new Set((v ?? []).map((c) => c.trim()).filter((c) => c !== ''))]
}

function period(p: EMonitoringPeriod): EMonitoringPeriod {
  return { start: orNull(p.start), end: orNull(p.end), reason: orNull(p.reason) }
}

/** The input sent to the core: texts trimmed, empty selects and dates null, code lists without
 * duplicates, derived flags left out. */
export function correctionFormToInput(f: CorrectionSubjectInput): CorrectionSubjectInput {
  return {
    subjectCode: str(f.subjectCode),
    name: str(f.name),
    sex: orNull(f.sex),
    ethnicity: orNull(f.ethnicity),
    birthDate: orNull(f.birthDate),
    idType: orNull(f.idType),
    idNo: str(f.idNo),
    domicile: str(f.domicile),
    residence: str(f.residence),
    phone: str(f.phone),
    education: orNull(f.education),
    marital: orNull(f.marital),
    employment: orNull(f.employment),
    health: orNull(f.health),
    correctionType: str(f.correctionType),
    temporaryKind: orNull(f.temporaryKind),
    decidingOrgan: str(f.decidingOrgan),
    decidingOrganName: str(f.decidingOrganName),
    docNo: str(f.docNo),
    effectiveOn: orNull(f.effectiveOn),
    charge: str(f.charge),
    chargeClass: str(f.chargeClass),
    sentence: str(f.sentence),
    termText: str(f.termText),
    origStart: orNull(f.origStart),
    origEnd: orNull(f.origEnd),
    supplementary: codes(f.supplementary),
    prohibitionOrder: str(f.prohibitionOrder),
    prohibitionFrom: orNull(f.prohibitionFrom),
    prohibitionTo: orNull(f.prohibitionTo),
    corrStart: orNull(f.corrStart),
    corrEnd: orNull(f.corrEnd),
    detentionPlace: str(f.detentionPlace),
    intakeMode: str(f.intakeMode),
    reportedOn: orNull(f.reportedOn),
    announcedOn: orNull(f.announcedOn),
    isRecidivist: !!f.isRecidivist,
    threeInvolved: codes(f.threeInvolved),
    fourHistories: codes(f.fourHistories),
    team: codes(f.team),
    supervisionLevel: f.supervisionLevel,
    riskLevel: orNull(f.riskLevel),
    eMonitoring: (f.eMonitoring ?? []).map(period),
    state: f.state,
    flags: codes(f.flags).filter((c) => !DERIVED_FLAGS.includes(c)),
    abscondedSince: orNull(f.abscondedSince),
    abscondReason: str(f.abscondReason),
    abscondMeasures: str(f.abscondMeasures),
    missedReason: str(f.missedReason),
    missedMeasures: str(f.missedMeasures),
    exitType: orNull(f.exitType),
    exitOn: orNull(f.exitOn),
    exitDocNo: str(f.exitDocNo),
    reoffended: !!f.reoffended,
    newCharge: str(f.newCharge),
    notes: str(f.notes),
  }
}

/** The editable copy of a saved subject (only the input fields). */
export function subjectToForm(s: CorrectionSubjectInput): CorrectionSubjectInput {
  return correctionFormToInput(s)
}

/**
 * The form after the core answered a new version of the subject while the user may have unsaved
 * edits (an event saved: the level may have changed with an assessment). A field the user has not
 * edited (still equal to `oldSaved`) takes the new saved value; an edited one keeps the edit.
 */
export function mergeUnedited(
  form: CorrectionSubjectInput,
  oldSaved: CorrectionSubjectInput,
  newSaved: CorrectionSubjectInput,
): CorrectionSubjectInput {
  const edited = correctionFormToInput(form)
  const before = correctionFormToInput(oldSaved)
  const after = correctionFormToInput(newSaved)
  const out = { ...form } as Record<Key, unknown>
  for (const k of Object.keys(after) as Key[]) {
    if (JSON.stringify(edited[k]) === JSON.stringify(before[k])) out[k] = structuredClone(after[k])
  }
  return out as unknown as CorrectionSubjectInput
}

/** Element Plus tag type for a subject's state. */
export function correctionStateTagType(state: string): TagType {
  switch (state) {
    case 'assessing':
    case 'awaiting_report':
      return 'warning'
    case 'reported':
    case 'announced':
    case 'supervising':
      return 'primary'
    case 'released':
      return 'success'
    case 'terminated':
      return 'danger'
    default:
      return 'info'
  }
}

/** Element Plus tag type for a 状态标记. */
export function correctionFlagTagType(flag: string): TagType {
  switch (flag) {
    case 'absconded':
    case 'missed':
    case 'coercive':
      return 'danger'
    case 'revocation_pending':
    case 'away':
      return 'warning'
    default:
      return 'info'
  }
}

/** The groups of 今日任务 (CorrectionTask's `group`, a plain string in the core's types). */
export type TaskGroup = 'today' | 'late' | 'away' | 'ending'

/** 今日任务 groups: label and tag type. */
export const TASK_GROUP_LABEL: Readonly<Record<TaskGroup, string>> = {
  today: '今日应办',
  late: '已逾期',
  away: '外出中',
  ending: '即将期满',
}

function isTaskGroup(group: string): group is TaskGroup {
  return Object.hasOwn(TASK_GROUP_LABEL, group)
}

/** A group's label; '其他' for a group this screen does not know. */
export function taskGroupLabel(group: CorrectionTask['group']): string {
  return isTaskGroup(group) ? TASK_GROUP_LABEL[group] : '其他'
}

export function taskGroupTagType(group: CorrectionTask['group']): TagType {
  switch (group) {
    case 'late':
      return 'danger'
    case 'today':
      return 'primary'
    case 'ending':
      return 'warning'
    default:
      return 'info'
  }
}

/** "外出至北京（2026-11-20至2026-11-30）" or the subject page's "外出中：北京（…）". */
export function awayText(away: { destination: string; leaveFrom: string; leaveTo: string }, prefix = '外出中：'): string {
  return `${prefix}${away.destination}（${away.leaveFrom}至${away.leaveTo}）`
}
