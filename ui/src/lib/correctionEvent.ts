// 社区矫正 events (报告, 查访, 谈话, 教育学习, 公益活动, 外出请假, 奖惩, 考核 …): the fields each kind shows
// and requires, the labels that change with the kind, the input sent to the core, and the one-line
// summary of the event register.
import type { CodeItem, CorrectionEvent, CorrectionEventInput } from '../api/generated'
import { emptyCorrectionEventInput } from './emptyCorrectionEventInput'
import { truncate } from './format'
import { hasValue } from './legalAidForm'

type Key = keyof CorrectionEventInput
type LabelOf = (table: string, code: string | null | undefined) => string

/** The approval rule of leave (社区矫正法实施办法 Art 27–28). */
export const LEAVE_RULE_TEXT =
  '7日以内司法所审批，超过7日报县级社区矫正机构，超过30日或两个月内累计超过30日报上一级'

/** Duties of 今日任务 recorded by an event of the same kind. The others are looked at on the subject page:
 * 报到 (report_in) and its 暂予监外执行 counterpart 交付接收 (handover) are recorded on the subject's
 * form, 销假 on the leave, the ends of the term and of e-positioning need no event. */
const RECORDABLE_DUTIES: readonly string[] = [
  'report',
  'talk',
  'visit',
  'education',
  'service',
  'health_report',
  'medical_review',
]

/** The event kind that fulfils a duty, or null when the duty is not met by recording an event. */
export function dutyEventKind(dutyKind: string | null | undefined): string | null {
  return dutyKind && RECORDABLE_DUTIES.includes(dutyKind) ? dutyKind : null
}

/** Kinds only for 暂予监外执行 subjects. */
const TEMPORARY_KINDS: readonly string[] = ['health_report', 'medical_review']

/** The event kinds offered for a subject of a correction type (the current kind always included). */
export function eventKindChoices(correctionType: string, options: readonly CodeItem[], current?: string | null): CodeItem[] {
  return options.filter((o) => o.code === current || correctionType === 'temporary' || !TEMPORARY_KINDS.includes(o.code))
}

/** The sanctions offered for a correction type: a revocation only for its own type (the current one
 * always included). */
export function sanctionChoices(correctionType: string, options: readonly CodeItem[], current?: string | null): CodeItem[] {
  const fits = (code: string) => {
    if (code === 'revoke_probation') return correctionType === 'probation'
    if (code === 'revoke_parole') return correctionType === 'parole'
    if (code === 'recommit') return correctionType === 'temporary'
    return true
  }
  return options.filter((o) => o.code === current || fits(o.code))
}

export function eventOnLabel(kind: string): string {
  if (kind === 'leave') return '申请日期'
  if (kind === 'sanction') return '提请日期'
  return '日期'
}

const CONTENT_LABEL: Readonly<Record<string, string>> = {
  report: '报告内容',
  visit: '查访情况',
  talk: '谈话内容',
  education: '学习内容',
  service: '活动内容',
  health_report: '身体状况',
  medical_review: '复查结论',
  leave: '事由说明',
  sanction: '事实和理由',
  assessment: '考核意见',
}

export function contentLabel(kind: string): string {
  return CONTENT_LABEL[kind] ?? '内容'
}

export function placeLabel(kind: string): string {
  if (kind === 'visit') return '查访地点'
  if (kind === 'medical_review') return '复查医院'
  return '谈话地点'
}

/** The code table of 决定 for a kind: 审批结果 of leave, 决定情况 of a sanction. */
export function decisionTable(kind: string): 'corrLeaveDecision' | 'corrSanctionDecision' {
  return kind === 'leave' ? 'corrLeaveDecision' : 'corrSanctionDecision'
}

export function decidedOnLabel(kind: string): string {
  return kind === 'leave' ? '审批日期' : '决定日期'
}

/** The fields of each kind besides kind, eventOn, staff and notes (which every kind has). */
const KIND_FIELDS: Readonly<Record<string, readonly Key[]>> = {
  report: ['reportMode', 'content'],
  visit: ['place', 'people', 'content'],
  talk: ['place', 'content'],
  education: ['hours', 'content'],
  service: ['hours', 'content'],
  health_report: ['content'],
  medical_review: ['place', 'content'],
  leave: [
    'leaveReason',
    'destination',
    'leaveFrom',
    'leaveTo',
    'content',
    'decision',
    'decidedOn',
    'returnedOn',
    'leaveDays',
    'approvalLevel',
    'approvalNote',
    'overdueDays',
  ],
  sanction: ['sanction', 'content', 'decision', 'decidedOn', 'docNo'],
  assessment: ['period', 'score', 'newLevel', 'content'],
}
const COMMON_FIELDS: readonly Key[] = ['kind', 'eventOn', 'staff', 'notes']

function kindHas(kind: string, field: Key): boolean {
  return COMMON_FIELDS.includes(field) || (KIND_FIELDS[kind] ?? []).includes(field)
}

/** Whether a field shows for the event's kind (and its decision), or because it holds a value. */
export function eventFieldVisible(field: Key, form: CorrectionEventInput): boolean {
  if (!kindHas(form.kind, field)) return false
  switch (field) {
    case 'decidedOn':
      return (!!form.decision && form.decision !== 'pending') || hasValue(form.decidedOn)
    case 'returnedOn':
      return form.decision === 'approved' || hasValue(form.returnedOn)
    default:
      return true
  }
}

/** The fields marked required for the kind (a hint: the core decides). */
export function eventRequiredFields(form: CorrectionEventInput): Set<Key> {
  const out = new Set<Key>(['kind', 'eventOn', 'staff'])
  const decided = !!form.decision && form.decision !== 'pending'
  switch (form.kind) {
    case 'report':
      out.add('reportMode')
      break
    case 'visit':
      out.add('place').add('content')
      break
    case 'talk':
    case 'health_report':
      out.add('content')
      break
    case 'education':
    case 'service':
      out.add('hours').add('content')
      break
    case 'medical_review':
      out.add('place').add('content')
      break
    case 'leave':
      out.add('leaveReason').add('destination').add('leaveFrom').add('leaveTo').add('decision')
      if (decided) out.add('decidedOn')
      break
    case 'sanction':
      out.add('sanction').add('content').add('decision')
      if (decided) out.add('decidedOn')
      break
    case 'assessment':
      out.add('period')
      break
  }
  return out
}

/** After the user changes the kind: the fields of the new kind start from its defaults; date, staff,
 * notes and the text already written stay. */
export function applyEventKindChange(form: CorrectionEventInput): CorrectionEventInput {
  return {
    ...emptyCorrectionEventInput(form.kind, form.eventOn, form.staff),
    content: form.content,
    notes: form.notes,
  }
}

/** After the user changes a decision: no decision date while pending when it was never entered,
 * no 销假 of leave that is not approved. */
export function applyEventDecisionChange(form: CorrectionEventInput): void {
  if (form.kind === 'leave' && form.decision !== 'approved') form.returnedOn = null
}

/** Whether the approval level computed by the core when the leave was saved still applies to the form:
 * only while 外出起日 and 外出止日 are those it was computed for (a new leave has none). */
export function savedApprovalApplies(
  form: Pick<CorrectionEventInput, 'leaveFrom' | 'leaveTo' | 'approvalLevel'>,
  saved: Pick<CorrectionEventInput, 'leaveFrom' | 'leaveTo'> | null | undefined,
): boolean {
  if (!saved || !form.approvalLevel) return false
  return (form.leaveFrom ?? null) === (saved.leaveFrom ?? null) && (form.leaveTo ?? null) === (saved.leaveTo ?? null)
}

/** The days a saved leave was reported back late (销假逾期), while the dates it was computed from (外出止日,
 * 销假日期) are unchanged; null when on time, not yet back or changed. */
export function savedOverdueDays(
  form: Pick<CorrectionEventInput, 'leaveTo' | 'returnedOn'>,
  saved: Pick<CorrectionEventInput, 'leaveTo' | 'returnedOn' | 'overdueDays'> | null | undefined,
): number | null {
  if (!saved || saved.overdueDays === null || saved.overdueDays === undefined || saved.overdueDays <= 0) return null
  const same = (form.leaveTo ?? null) === (saved.leaveTo ?? null) && (form.returnedOn ?? null) === (saved.returnedOn ?? null)
  return same ? saved.overdueDays : null
}

/** Days of leave, both ends included; null when a date is missing or the end is before the start. */
export function leaveDaysBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  const parse = (s: string | null | undefined) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s ?? '')
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null
  }
  const a = parse(from)
  const b = parse(to)
  if (a === null || b === null || b < a) return null
  return Math.round((b - a) / 86_400_000) + 1
}

function str(v: string | null | undefined): string {
  return (v ?? '').trim()
}

function orNull(v: string | null | undefined): string | null {
  const s = str(v)
  return s === '' ? null : s
}

function num(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === '') return null
  const n = typeof v === 'number' ? v : Number(String(v).trim())
  return Number.isFinite(n) ? n : null
}

/** The input sent to the core: texts trimmed, empties null, and only the fields of the kind. */
export function eventFormToInput(f: CorrectionEventInput): CorrectionEventInput {
  const kind = str(f.kind)
  const all: CorrectionEventInput = {
    kind,
    eventOn: str(f.eventOn),
    staff: str(f.staff),
    content: str(f.content),
    reportMode: orNull(f.reportMode),
    place: str(f.place),
    people: str(f.people),
    hours: num(f.hours),
    leaveReason: orNull(f.leaveReason),
    destination: str(f.destination),
    leaveFrom: orNull(f.leaveFrom),
    leaveTo: orNull(f.leaveTo),
    leaveDays: num(f.leaveDays),
    approvalLevel: orNull(f.approvalLevel),
    approvalNote: str(f.approvalNote),
    overdueDays: num(f.overdueDays),
    decision: orNull(f.decision),
    decidedOn: orNull(f.decidedOn),
    returnedOn: orNull(f.returnedOn),
    sanction: orNull(f.sanction),
    docNo: str(f.docNo),
    period: str(f.period),
    score: num(f.score) === null ? null : Math.trunc(num(f.score)!),
    newLevel: f.newLevel || null,
    notes: str(f.notes),
  }
  const blank = emptyCorrectionEventInput(kind, all.eventOn, all.staff)
  const out = { ...blank } as Record<Key, unknown>
  for (const k of Object.keys(all) as Key[]) if (kindHas(kind, k)) out[k] = all[k]
  return out as unknown as CorrectionEventInput
}

/** The editable copy of a saved event (only the input fields). */
export function eventToForm(e: CorrectionEventInput): CorrectionEventInput {
  return eventFormToInput(e)
}

function hoursText(h: number | null): string {
  if (h === null) return ''
  return `${Number.isInteger(h) ? h : h.toFixed(1)}小时`
}

/** The one-line summary of an event in the register. */
export function eventSummary(e: CorrectionEvent, label: LabelOf): string {
  const join = (parts: (string | null | undefined | false)[], sep = ' · ') =>
    parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(sep)
  const content = truncate(e.content, 40)
  switch (e.kind) {
    case 'report': {
      const mode = e.reportMode ? label('corrReportMode', e.reportMode) : ''
      const timing = e.lateDays === null ? '' : e.lateDays > 0 ? `逾期${e.lateDays}天` : '按时'
      return join([mode, timing], ' ')
    }
    case 'visit':
      return join([e.place, content], '·')
    case 'talk':
    case 'health_report':
    case 'medical_review':
      return content
    case 'education':
    case 'service':
      return join([hoursText(e.hours), content], '·')
    case 'leave': {
      const days = e.leaveDays ?? leaveDaysBetween(e.leaveFrom, e.leaveTo)
      const trip = join([e.destination, `${e.leaveFrom ?? ''}至${e.leaveTo ?? ''}`, days !== null && `共${days}天`], ' ')
      return join([
        trip,
        e.approvalLevel && label('corrApprovalLevel', e.approvalLevel),
        e.decision && label('corrLeaveDecision', e.decision),
        e.decision === 'approved' && (e.returnedOn ? '已销假' : '未销假'),
        e.decision === 'approved' && !!e.returnedOn && (e.overdueDays ?? 0) > 0 && `销假逾期${e.overdueDays}天`,
      ])
    }
    case 'sanction':
      return join([
        e.sanction && label('corrSanction', e.sanction),
        e.decision && label('corrSanctionDecision', e.decision),
        e.docNo,
      ])
    case 'assessment':
      return join([
        e.period,
        e.score !== null && `得分${e.score}`,
        e.newLevel && `调整为${label('corrLevel', e.newLevel)}`,
      ])
    default:
      return content
  }
}
