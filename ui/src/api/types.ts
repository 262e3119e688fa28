// Types that cross the IPC boundary. They mirror the serde types of the core (`sifa`), camelCase.
// Dates are ISO strings "YYYY-MM-DD"; instants are RFC 3339 strings; money is a decimal string "1234.50".

export interface FieldError {
  /** Path of the field in the submitted input, e.g. "acceptedOn", "parties.0.idNo", "sessions.1.date". */
  field: string
  code: string
  message: string
}

/** Every failed command rejects with this object. `message` is Chinese, for the user. */
export interface ApiError {
  /** Stable code, e.g. "validation.id_number", "auth.wrong_password", "store.foreign_file". */
  code: string
  message: string
  /** Field-level errors of a validation failure (empty otherwise). */
  fields: FieldError[]
}

export interface CodeItem {
  code: string
  label: string
}

/** Code tables by name. Names: committee, source, disputeType, risk, mediationState, notAcceptedReason,
 * agreementForm, performMode, performance, judicialConfirm, failRoute, prevention, partyRole, partyKind,
 * sex, ethnicity, idType, followUpMode, satisfaction, officeMode, role. */
export type CodeTables = Record<string, CodeItem[]>

export interface Office {
  code: string
  name: string
  shortName: string
  district: string
  mode: 'township' | 'district'
}

export interface User {
  id: string
  username: string
  displayName: string
  role: string
}

export interface AppStatus {
  /** "error": the database could not be opened (error says why); "needs_setup": first run; "ready". */
  state: 'ready' | 'needs_setup' | 'error'
  error: ApiError | null
  office: Office | null
  /** The logged-in user, or null. */
  user: User | null
  /** The business date "today" as the core sees it (tests may inject it). */
  today: string
  dbPath: string
  version: string
}

export interface SetupInput {
  officeCode: string
  officeName: string
  shortName: string
  district: string
  mode: 'township' | 'district'
  adminUsername: string
  adminDisplayName: string
  adminPassword: string
}

export interface Party {
  role: string
  kind: string
  name: string
  sex: string | null
  ethnicity: string | null
  birthDate: string | null
  idType: string | null
  idNo: string
  occupation: string
  address: string
  phone: string
  agent: string
}

export interface MediationSession {
  date: string
  place: string
  attendees: string
  summary: string
  signed: boolean
}

export interface FollowUp {
  date: string
  visitor: string
  mode: string
  performance: string | null
  satisfaction: string | null
  escalationRisk: boolean
  measures: string
}

export interface Prevention {
  /** code of table "prevention" */
  kind: string
  persons: number
}

export interface MediationCaseInput {
  state: string
  committee: string
  acceptedOn: string
  source: string
  disputeType: string
  occurredOn: string | null
  place: string
  personsInvolved: number
  amount: string | null
  summary: string
  risk: string | null
  /** The first mediator presides (主持). */
  mediators: string[]
  recorder: string
  rightsNoticeOn: string | null
  notAcceptedReason: string | null
  agreementForm: string | null
  agreementNo: string
  agreementOn: string | null
  terms: string
  performMode: string | null
  performBy: string | null
  agreedAmount: string | null
  performance: string | null
  judicialConfirm: string
  judicialCourt: string
  judicialOn: string | null
  failRoute: string | null
  prevention: Prevention[]
  closedOn: string | null
  parties: Party[]
  sessions: MediationSession[]
  followUps: FollowUp[]
}

export interface Deadline {
  /** What the deadline is, in Chinese, e.g. "调解期限", "司法确认申请期限", "回访". */
  title: string
  dueOn: string
  /** Negative when overdue. */
  daysLeft: number
  level: 'overdue' | 'warning' | 'upcoming'
}

export interface MediationCase extends MediationCaseInput {
  id: string
  officeCode: string
  caseNo: string
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  /** Open deadlines of this case, computed by the core for "today". */
  deadlines: Deadline[]
}

export interface MediationFilter {
  query: string | null
  state: string | null
  disputeType: string | null
  acceptedFrom: string | null
  acceptedTo: string | null
  mediator: string | null
  overdueOnly: boolean
  /** 1-based */
  page: number
  pageSize: number
}

export interface MediationListItem {
  id: string
  caseNo: string
  acceptedOn: string
  disputeType: string
  state: string
  /** e.g. "张三 与 李四" */
  partiesText: string
  hostMediator: string
  summary: string
  version: number
  updatedAt: string
  /** The most urgent open deadline, if any. */
  deadline: Deadline | null
}

export interface Page<T> {
  items: T[]
  /** Number of matching rows, counted up to a cap; `totalCapped` is true when there are more. */
  total: number
  totalCapped: boolean
}

export interface DueItem {
  recordKind: 'mediation'
  recordId: string
  caseNo: string
  partiesText: string
  deadline: Deadline
}

export interface DashboardCounts {
  activeCases: number
  acceptedThisMonth: number
  mediating: number
  overdue: number
  warning: number
  agreedThisYear: number
  closedThisYear: number
  /** agreed ÷ (agreed + failed) this year, 0..1, or null when nothing was concluded. */
  successRateThisYear: number | null
}

export interface Dashboard {
  today: string
  counts: DashboardCounts
  dueItems: DueItem[]
}

/** One exception to Monday–Friday in the office's holiday calendar. */
export interface HolidayEntry {
  /** "YYYY-MM-DD" */
  day: string
  /** "holiday" (法定节假日) or "workday" (调休上班, a weekend day worked) */
  kind: 'holiday' | 'workday'
  name: string
}
