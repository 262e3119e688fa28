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

/** The one session of the desktop application, as app_status reports it. */
export interface SessionStatus {
  user: User | null
  /** The screen is locked (by the user, or by the core after `idleSeconds` without a command): only
   * unlocking with the password, or logging out, is possible. */
  locked: boolean
  /** The password was set by an administrator and must be changed before anything else. */
  mustChangePassword: boolean
  /** Seconds without activity after which the screen locks (系统设置 → 自动锁屏时间). */
  idleSeconds: number
}

/** The audit log's hash chain, checked from the first entry. */
export interface AuditCheck {
  /** Entries in the log. */
  entries: number
  /** Sequence number (序号) of the first entry that was changed or deleted; null: intact. */
  firstBroken: number | null
  /** What is wrong with it, in Chinese. */
  reason: string | null
}

export interface AppStatus {
  /** "error": the database could not be opened (error says why); "needs_setup": first run; "ready". */
  state: 'ready' | 'needs_setup' | 'error'
  error: ApiError | null
  office: Office | null
  /** The logged-in user, or null. */
  user: User | null
  /** The session (lock, forced password change, idle limit); null when the database is not open. */
  session?: SessionStatus | null
  /** The audit chain as checked when the database was opened; null before setup or when unreadable. */
  audit?: AuditCheck | null
  /** A database that failed its start-up check: what was found and the backups that can replace it. */
  damaged?: DamagedDatabase | null
  /** The computer's clock was behind the audit log, or far ahead of it, at start-up. */
  clock?: ClockAnomaly | null
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
  /** `paused`: the clock stands still (materials being supplemented); `daysLeft` is what remains. */
  level: 'overdue' | 'warning' | 'upcoming' | 'paused'
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
  /** "mediation" → /mediation/:id; "legal_aid" → /legal-aid/applications/:id */
  recordKind: 'mediation' | 'legal_aid'
  recordId: string
  /** Case number or application number. */
  caseNo: string
  /** Parties (mediation) or the applicant's name and matter (legal aid). */
  partiesText: string
  deadline: Deadline
}

export interface LegalAidCounts {
  consultationsThisMonth: number
  applicationsThisMonth: number
  /** Applications received or under review, not yet decided (supplementing included). */
  awaitingDecision: number
  supplementing: number
  /** Granted (or notified) but not yet assigned. */
  awaitingAssignment: number
  /** Applications with at least one overdue open clock. */
  overdue: number
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
  legalAid: LegalAidCounts
  /** Mediation and legal-aid items together, most urgent first. */
  dueItems: DueItem[]
  /** 社区矫正 今日任务. */
  correction: CorrectionToday
}

/** One exception to Monday–Friday in the office's holiday calendar. */
export interface HolidayEntry {
  /** "YYYY-MM-DD" */
  day: string
  /** "holiday" (法定节假日) or "workday" (调休上班, a weekend day worked) */
  kind: 'holiday' | 'workday'
  name: string
}

// ── Legal aid (法律援助, DOMAIN.md §2) ───────────────────────────────────────────────────────────

/** 咨询登记: one consultation (or document drafted) at the office. */
export interface ConsultationInput {
  consultedOn: string
  /** table "consultChannel" */
  channel: string
  /** table "consultService": answer (解答咨询) | draft (代写法律文书) */
  service: string
  /** 人次, ≥ 1 */
  persons: number
  /** codes of table "laGroup" */
  groups: string[]
  /** table "consultMatter" */
  matter: string
  /** 咨询人 (optional) */
  name: string
  phone: string
  /** 咨询事项 */
  question: string
  /** 答复摘要 */
  answer: string
  /** 是否引导申请法律援助 */
  guided: boolean
  /** 接待人 */
  staff: string
}

export interface Consultation extends ConsultationInput {
  id: string
  officeCode: string
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
}

export interface ConsultationFilter {
  query: string | null
  channel: string | null
  matter: string | null
  from: string | null
  to: string | null
  page: number
  pageSize: number
}

/** 法律援助申请 (DOMAIN.md §2.3). Codes refer to the "la…" tables. */
export interface LegalAidInput {
  /** table "laState" */
  state: string
  /** table "laChannel" */
  aidChannel: string
  /** table "laReceivedVia" */
  receivedVia: string
  receivingOrg: string
  competentOrg: string
  /** 申请人被羁押: forwarding within 24 hours */
  applicantDetained: boolean
  /** 市域通办转出: forwarded to a competent institution outside the office's county */
  cityTransferOut: boolean
  receivedOn: string
  forwardedOn: string | null
  /** 受理日期; for notified cases the date the notice was received */
  acceptedOn: string | null
  name: string
  sex: string | null
  birthDate: string | null
  ethnicity: string | null
  idType: string | null
  idNo: string
  domicile: string
  residence: string
  phone: string
  employer: string
  occupation: string
  /** table "education" */
  education: string | null
  /** table "laHealth" */
  health: string | null
  /** codes of "laGroup"; 未成年人/老年人/妇女 are added by the core from the ID number */
  groups: string[]
  agentName: string
  /** table "laAgentType" */
  agentType: string | null
  agentIdNo: string
  /** table "laNature" */
  caseNature: string
  /** table "laMatter" */
  matter: string
  /** table "laRole" */
  role: string
  /** table "laStage" */
  stage: string
  handlingOrgan: string
  opponent: string
  reason: string
  /** table "laServiceForm" */
  serviceForm: string
  /** table "laMeansBasis" */
  meansBasis: string
  /** table "laMeansExempt" (basis exempt) or "laMeansUnrestricted" (basis unrestricted) */
  meansSubReason: string | null
  householdSize: number | null
  monthlyIncome: string | null
  suppNoticeOn: string | null
  suppItems: string
  /** 补充期限 (defaults to notice + 15 days when empty) */
  suppDueOn: string | null
  suppDoneOn: string | null
  /** table "laDecision" */
  decision: string | null
  decisionOn: string | null
  decisionNo: string
  refusalReason: string
  provisionalReason: string
  objectionOn: string | null
  /** table "laObjectionResult" */
  objectionResult: string | null
  objectionDecidedOn: string | null
  assignedOn: string | null
  provider: string
  handler: string
  /** table "laHandlerType" */
  handlerType: string | null
  terminatedOn: string | null
  /** table "laTerminationGround" */
  terminationGround: string | null
  closedOn: string | null
  /** table "laCloseMode" */
  closeMode: string | null
  recovered: string | null
  fileSubmittedOn: string | null
  recipientVisitOn: string | null
  /** table "satisfaction" */
  satisfaction: string | null
  notes: string
}

/** One legal clock of an application, met or open. */
export interface LegalAidClock {
  /** e.g. "legal_aid.decide" */
  rule: string
  /** e.g. "审查决定期限" */
  title: string
  /** e.g. "受理之日起7日（补充材料期间不计）" */
  ruleText: string
  dueOn: string
  /** When the duty was done; null while open. */
  doneOn: string | null
  /** open clocks: overdue | warning | upcoming | paused; met clocks: on_time | late */
  status: 'overdue' | 'warning' | 'upcoming' | 'paused' | 'on_time' | 'late'
  /** open clocks only; negative when overdue */
  daysLeft: number | null
}

export interface LegalAidApplication extends LegalAidInput {
  id: string
  officeCode: string
  /** （2026）X援申字第N号 */
  applicationNo: string
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  /** Open deadlines, most urgent first. */
  deadlines: Deadline[]
  /** Every clock of the application, met or open, in legal order. */
  clocks: LegalAidClock[]
}

export interface LegalAidFilter {
  query: string | null
  state: string | null
  caseNature: string | null
  matter: string | null
  group: string | null
  receivedFrom: string | null
  receivedTo: string | null
  overdueOnly: boolean
  page: number
  pageSize: number
}

export interface LegalAidListItem {
  id: string
  applicationNo: string
  receivedOn: string
  name: string
  caseNature: string
  matter: string
  state: string
  competentOrg: string
  version: number
  updatedAt: string
  deadline: Deadline | null
}

// ── Community correction (社区矫正, DOMAIN.md §3) ────────────────────────────────────────────────

/** One supervision level and its cadence (table "corrLevel"); edited by the office head. */
export interface SupervisionLevel {
  /** strict (严管) | normal (普管) | lenient (宽管) */
  code: string
  reportsPerMonth: number
  talksPerMonth: number
  educationHours: number
  serviceHours: number
  /** 0: no scheduled visit */
  visitEveryDays: number
}

/** One e-positioning (电子定位) period, at most three months. */
export interface EMonitoringPeriod {
  start: string | null
  end: string | null
  /** table "corrEMonReason" */
  reason: string | null
}

/** 社区矫正对象 as entered. Codes refer to the "corr*" tables (and sex / ethnicity / idType / education). */
export interface CorrectionSubjectInput {
  subjectCode: string
  name: string
  sex: string | null
  ethnicity: string | null
  birthDate: string | null
  idType: string | null
  idNo: string
  domicile: string
  residence: string
  phone: string
  education: string | null
  /** table "corrMarital" */
  marital: string | null
  /** table "corrEmployment" */
  employment: string | null
  /** table "corrHealth" */
  health: string | null
  /** table "corrType" */
  correctionType: string
  /** table "corrTemporaryKind"; only for correctionType "temporary" */
  temporaryKind: string | null
  /** table "corrDecidingOrgan" */
  decidingOrgan: string
  decidingOrganName: string
  docNo: string
  effectiveOn: string | null
  charge: string
  /** table "corrChargeClass" */
  chargeClass: string
  sentence: string
  termText: string
  origStart: string | null
  origEnd: string | null
  /** table "corrSupplementary" */
  supplementary: string[]
  prohibitionOrder: string
  prohibitionFrom: string | null
  prohibitionTo: string | null
  corrStart: string | null
  /** inclusive */
  corrEnd: string | null
  detentionPlace: string
  /** table "corrIntakeMode" */
  intakeMode: string
  reportedOn: string | null
  announcedOn: string | null
  isRecidivist: boolean
  /** table "corrThreeInvolved" */
  threeInvolved: string[]
  /** table "corrFourHistories" */
  fourHistories: string[]
  /** table "corrTeam" */
  team: string[]
  /** table "corrLevel" */
  supervisionLevel: string
  /** table "corrRisk" */
  riskLevel: string | null
  eMonitoring: EMonitoringPeriod[]
  /** table "corrState" */
  state: string
  /** table "corrFlag" minus the derived "away" and "e_monitoring" */
  flags: string[]
  /** required when flags contains "absconded" */
  abscondedSince: string | null
  /** 脱管/失联原因; required when flags contains "absconded", empty otherwise */
  abscondReason: string
  /** 脱管/失联后的查找和纠正措施; empty without the flag "absconded" */
  abscondMeasures: string
  /** 漏管原因; required when flags contains "missed", empty otherwise */
  missedReason: string
  /** 漏管的核查和纠正措施; empty without the flag "missed" */
  missedMeasures: string
  /** table "corrExitType"; required in released | terminated | transferred_out */
  exitType: string | null
  exitOn: string | null
  exitDocNo: string
  reoffended: boolean
  newCharge: string
  notes: string
}

/** One event of a subject's supervision; fields not used by its kind are cleared on save. */
export interface CorrectionEventInput {
  /** table "corrEventKind": report | visit | talk | education | service | health_report | medical_review | leave | sanction | assessment */
  kind: string
  eventOn: string
  staff: string
  content: string
  /** table "corrReportMode" (report) */
  reportMode: string | null
  /** visit / talk place, medical-review hospital */
  place: string
  /** people met on a visit */
  people: string
  /** education / service hours, 0.5 steps */
  hours: number | null
  /** table "corrLeaveReason" */
  leaveReason: string | null
  destination: string
  leaveFrom: string | null
  leaveTo: string | null
  /** computed by the core */
  leaveDays: number | null
  /** computed by the core; table "corrApprovalLevel" */
  approvalLevel: string | null
  /** computed by the core: why the approval level is what it is */
  approvalNote: string
  /** computed by the core for leave reported back (销假) late: days after the day the report back was
   * due; null when on time or not yet back */
  overdueDays: number | null
  /** leave: table "corrLeaveDecision"; sanction: table "corrSanctionDecision" */
  decision: string | null
  decidedOn: string | null
  /** leave: 销假 date */
  returnedOn: string | null
  /** table "corrSanction" */
  sanction: string | null
  docNo: string
  /** assessment period, e.g. 2026年第三季度 */
  period: string
  score: number | null
  /** table "corrLevel"; on a new assessment, moves the subject to this level */
  newLevel: string | null
  notes: string
}

export interface CorrectionEvent extends CorrectionEventInput {
  id: string
  subjectId: string
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  /** reports only: days after the report fell due (0: on time) */
  lateDays: number | null
}

/** One thing a subject (or the office: talks, visits) owes, and by when. */
export interface Duty {
  /** table "corrDuty": report_in (报到), handover (交付接收, 暂予监外执行), report, talk, visit … */
  kind: string
  /** Chinese title, e.g. 定期报告 */
  title: string
  dueOn: string
  /** negative when overdue */
  daysLeft: number
  level: 'overdue' | 'warning' | 'upcoming'
  /** Chinese explanation, e.g. 普管每月报告2次；上次2026-11-01 */
  detail: string
}

/** A suggestion for staff to confirm; never applied by itself. */
export interface Hint {
  /** table "corrSanction": the sanction to propose */
  sanction: string | null
  /** table "corrLevel": the level to move to */
  level: string | null
  text: string
}

export interface Away {
  destination: string
  leaveFrom: string
  leaveTo: string
}

export interface Supervision {
  /** most urgent first */
  duties: Duty[]
  hints: Hint[]
  away: Away | null
  /** table "corrFlag" (entered plus derived "away" / "e_monitoring") */
  flags: string[]
  /** days the most overdue of the subject's own duties is late; 0 when none */
  lateDays: number
}

export interface CorrectionSubject extends CorrectionSubjectInput {
  id: string
  officeCode: string
  isMinor: boolean
  version: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  supervision: Supervision
  /** newest first */
  events: CorrectionEvent[]
}

export interface CorrectionFilter {
  query: string | null
  correctionType: string | null
  supervisionLevel: string | null
  /** a "corrState" code, or "active" (not exited) or "exited"; null: all */
  state: string | null
  /** only subjects with an overdue duty, most overdue first */
  lateOnly: boolean
  page: number
  pageSize: number
}

export interface CorrectionListItem {
  id: string
  subjectCode: string
  /** masked for minors (张**) */
  name: string
  /** masked for minors */
  idNo: string
  isMinor: boolean
  correctionType: string
  supervisionLevel: string
  state: string
  corrStart: string | null
  corrEnd: string | null
  flags: string[]
  next: Duty | null
  lateDays: number
  version: number
}

/** One row of 今日任务. */
export interface CorrectionTask {
  /** today: due today · late: overdue · away: on approved leave · ending: term or e-positioning ends soon */
  group: 'today' | 'late' | 'away' | 'ending'
  subjectId: string
  subjectCode: string
  /** masked for minors */
  name: string
  correctionType: string
  duty: Duty | null
  away: Away | null
  /** the first suggestion, if any */
  hint: Hint | null
}

/** The counts of 今日应办, 已逾期 and 即将期满 are people (distinct subjects), not duties. */
export interface CorrectionToday {
  /** 在册: reported, announced or supervising */
  registered: number
  awaitingReport: number
  /** subjects with a duty due today */
  dueToday: number
  /** subjects with an overdue duty */
  late: number
  away: number
  /** subjects whose term or e-positioning ends soon */
  endingSoon: number
  tasks: CorrectionTask[]
}

// --- 月度报送 (monthly batch) -----------------------------------------------------------------------------

/** full: every field, for the district office · masked: names, id numbers and phones masked, sensitive
 * fields left out, minors only counted · summary: the statistics alone. */
export type BatchProfile = 'full' | 'masked' | 'summary'

export interface StatColumn {
  key: string
  label: string
  /** Consecutive columns with the same group share a header above theirs; null: none. */
  group: string | null
  /** count: a number · percent: a rate (0.875 = 87.5%) · wan: 万元 · hours */
  format: 'count' | 'percent' | 'wan' | 'hours'
}

export interface StatRow {
  label: string
  /** One per column, in the order of `columns`; null: not applicable. */
  values: (number | null)[]
  total: boolean
}

export interface StatTable {
  kind: 'mediation' | 'legalAid' | 'correction'
  sheet: string
  /** e.g. 调解统计 */
  title: string
  /** The header of the first column (the row labels). */
  rowHeader: string
  columns: StatColumn[]
  rows: StatRow[]
  /** 口径说明 */
  notes: string[]
}

export interface SheetCount {
  name: string
  content: string
  /** Data rows (封面: 0). */
  rows: number
  confidential: boolean
  /** cover | ledger | statistics */
  kind: 'cover' | 'ledger' | 'statistics'
}

export interface BatchPreview {
  officeCode: string
  officeName: string
  /** "2026-10" */
  period: string
  /** "2026年10月" */
  periodLabel: string
  periodStart: string
  periodEnd: string
  profile: BatchProfile
  /** The sequence number the next export of this profile will get. */
  sequence: number
  /** e.g. "420202001_202610_full_003.xlsx" */
  fileName: string
  previousDigest: string | null
  /** The instant of the previous batch of this profile (records changed since then are included);
   * null: the first batch, everything included. */
  since: string | null
  /** The sheets the file will have, with their data row counts. */
  sheets: SheetCount[]
  /** mediation, legalAid, correction */
  statistics: StatTable[]
  /** The folder of the previous export (prefills the target folder). */
  lastFolder: string | null
}

export interface BatchRecord {
  id: string
  officeCode: string
  period: string
  profile: BatchProfile
  sequence: number
  digest: string
  previousDigest: string | null
  fileName: string
  folder: string
  path: string
  rows: number
  sheets: SheetCount[]
  /** display name */
  createdBy: string
  createdAt: string
}

export interface BatchProgress {
  /** Chinese, e.g. 写入「调解台账」 */
  stage: string
  done: number
  total: number
}

// --- 区司法局模式 (district mode) ---------------------------------------------------------------------------

/** An office in the district's register (司法所名册). */
export interface DistrictOffice {
  /** 9-digit township code. */
  code: string
  name: string
  shortName: string
}

/** Record kind codes of the district's import, duplicates and audit. */
export type RecordKindCode =
  | 'mediation_case'
  | 'legal_aid_consultation'
  | 'legal_aid_application'
  | 'correction_subject'
  | 'correction_event'

/** Rows of one kind in one file, by what importing them does. */
export interface KindCounts {
  /** A RecordKindCode, e.g. "mediation_case". */
  kind: string
  /** e.g. 调解案件 */
  label: string
  /** Not yet at the district. */
  new: number
  /** A newer version of a record the district holds (or its deletion). */
  updated: number
  /** The same version (or an older one) as the district holds: nothing changes. */
  unchanged: number
  /** The same version with other content, or an id held by another office: kept as it was. */
  conflict: number
  /** New, and likely the same person or matter as a record already here. */
  duplicate: number
}

/** 新增 / 更新 / 未变 / 冲突 / 疑似重复 */
export type RowStatus = 'new' | 'updated' | 'unchanged' | 'conflict' | 'duplicate'

export interface FieldDiff {
  /** The ledger's header of the field, e.g. 案件状态. */
  field: string
  before: string
  after: string
}

/** One row of a file that changes something or needs a look (unchanged rows are only counted). */
export interface ImportRow {
  kind: string
  kindLabel: string
  id: string
  /** Number and name, e.g. （2026）石港调字第3号 张三、李四. */
  label: string
  status: RowStatus
  version: number
  heldVersion: number | null
  deleted: boolean
  /** Why a row is a conflict or a likely duplicate. */
  note: string | null
  diffs: FieldDiff[]
}

/** One file of an import: checked, and what importing it does. */
export interface FilePreview {
  path: string
  fileName: string
  status: 'accepted' | 'rejected'
  /** Why the file is rejected (Chinese). */
  reason: string | null
  /** Accepted, with something to follow up (a gap in the sequence, a broken chain). */
  warnings: string[]
  /** Accepted earlier: importing it again changes nothing. */
  alreadyImported: boolean
  officeCode: string | null
  officeName: string | null
  /** "2026-10" */
  period: string | null
  sequence: number | null
  generatedAt: string | null
  counts: KindCounts[]
  rows: ImportRow[]
  /** Rows left out of `rows` (they are all counted). */
  rowsLeftOut: number
}

export interface ImportPreview {
  /** Hands the confirmed preview back to the import (the files are not read again). */
  token: string
  files: FilePreview[]
  accepted: number
  rejected: number
  /** Per kind, over the accepted files. */
  totals: KindCounts[]
  /** Correction events still waiting for their subject after this import. */
  pendingEvents: number
  /** Nothing would change: every accepted file was imported before. */
  nothingToDo: boolean
}

export interface ImportProgress {
  /** reading | checking | writing */
  stage: 'reading' | 'checking' | 'writing' | string
  done: number
  total: number
}

/** A batch file as the district received it (accepted or rejected). */
export interface ReceivedBatch {
  status: 'accepted' | 'rejected' | string
  reason: string | null
  officeCode: string | null
  officeName: string | null
  period: string | null
  profile: string | null
  sequence: number | null
  digest: string | null
  previousDigest: string | null
  generatedAt: string | null
  generatedBy: string | null
  fileName: string
  rows: number
  counts: KindCounts[]
  warnings: string[]
  importedAt: string
  importedBy: string
}

/** received 已报 · late 逾期 · resent 重报 · missing 缺报 · rejected 退回 · notDue 未到期 · notStarted 未启用 */
export type SubmissionStatus = 'received' | 'late' | 'resent' | 'missing' | 'rejected' | 'notDue' | 'notStarted'

export interface SubmissionCell {
  period: string
  status: SubmissionStatus
  label: string
  /** Accepted batches of the month, by sequence. */
  sequences: number[]
  rejected: number
  /** What a person should know, e.g. the date it was made, the reason a file was rejected. */
  note: string
}

export interface SubmissionRow {
  office: DistrictOffice
  cells: SubmissionCell[]
  /** Sequence numbers below the highest received that never arrived. */
  missingSequences: number[]
}

export interface SubmissionGrid {
  year: number
  months: string[]
  monthLabels: string[]
  rows: SubmissionRow[]
  /** Received files of unknown offices or unreadable ones, newest first. */
  unmatched: ReceivedBatch[]
}

export interface DuplicateSide {
  officeCode: string
  officeName: string
  label: string
}

/** A pair of likely duplicates for a person to decide. */
export interface DuplicateItem {
  firstId: string
  secondId: string
  /** A RecordKindCode. */
  kind: string
  reason: string
  /** same | different, or null while undecided. */
  decision: 'same' | 'different' | null
  decidedBy: string | null
  decidedAt: string | null
  foundAt: string
  first: DuplicateSide | null
  second: DuplicateSide | null
}

/** A figure of an office's own statistics sheet that its rows do not give. */
export interface StatMismatch {
  officeCode: string
  officeName: string
  period: string
  sheet: string
  row: string
  column: string
  sheetValue: string
  rowsValue: string
}

export interface OfficeStatistics {
  office: DistrictOffice
  tables: StatTable[]
}

export interface DistrictStatistics {
  /** "2026-10", "2026-Q4" or "2026" */
  period: string
  periodLabel: string
  districtName: string
  /** The district's tables: every figure the sum of the offices' (rates from the sums). */
  district: StatTable[]
  offices: OfficeStatistics[]
  /** Per kind: one row per office (its 合计 row) and the district's, side by side. */
  byOffice: StatTable[]
  /** Months only: figures of an office's own sheet that differ from its rows here. */
  mismatches: StatMismatch[]
  /** Months only: offices whose sheet of the month has not arrived. */
  withoutSheet: string[]
}

/** The consolidated district workbook written. */
export interface ReportResult {
  path: string
  period: string
  offices: number
}

/** One line or bar series of a chart; the chart's data table shows the same numbers. */
export interface ChartSeries {
  key: string
  name: string
  /** 件, 次, 人 */
  unit: string
  values: number[]
}

export interface NamedValue {
  name: string
  value: number
}

export interface SubmissionSummary {
  period: string
  periodLabel: string
  received: number
  late: number
  resent: number
  rejected: number
  missing: number
  notDue: number
  notStarted: number
}

export interface DistrictDashboard {
  districtName: string
  offices: number
  /** The last twelve months, oldest first, as "YYYY-MM", with their labels. */
  months: string[]
  monthLabels: string[]
  /** Per month: cases accepted, consultations, applications received, subjects in register at month end. */
  trend: ChartSeries[]
  /** This year so far (subjects: at the end of the last month), one value per office. */
  officeNames: string[]
  byOffice: ChartSeries[]
  /** e.g. 2026年 */
  yearLabel: string
  /** Cases accepted this year by dispute type. */
  disputeMix: NamedValue[]
  /** Subjects in register at the end of the last month, by correction type. */
  correctionTypes: NamedValue[]
  /** e.g. 2026年10月 */
  correctionAsOf: string
  submissions: SubmissionSummary
  undecidedDuplicates: number
  pendingEvents: number
}

// --- 账号、系统设置、操作日志、数据备份 (accounts, settings, audit log, backups) ----------------------------------

/** One account as 账号管理 lists it (never the password). */
export interface UserSummary {
  id: string
  username: string
  displayName: string
  /** table "role": head 所长 · staff 工作人员 · readonly 只读 · district_admin 区局管理员 */
  role: string
  roleLabel: string
  /** false: 已停用 (cannot log in) */
  active: boolean
  /** RFC 3339 instant while the account is locked after repeated wrong passwords; null otherwise. */
  lockedUntil: string | null
  /** The password was set by an administrator and must be changed at the next login. */
  mustChangePassword: boolean
  lastLoginAt: string | null
  createdAt: string
}

/** A new account; its first password must be changed at the first login. Field errors: username,
 * displayName, role, password. */
export interface NewUserInput {
  username: string
  displayName: string
  role: string
  password: string
}

/** What an administrator may change of an account. Field errors: displayName, role, active. */
export interface UserUpdateInput {
  displayName: string
  role: string
  active: boolean
}

/** 系统设置. Field errors: idleMinutes (1–120), backupKeep (3–100). */
export interface Settings {
  /** Minutes without activity before the screen locks. */
  idleMinutes: number
  /** Backups kept in each backup folder (older ones are removed). */
  backupKeep: number
}

/** What 操作日志 filters by; every part optional. `action` matches the code or any sub-action below it
 * ("login" also matches "login.failed"). Dates "YYYY-MM-DD" (field errors "from", "to"). */
export interface AuditFilter {
  username?: string | null
  action?: string | null
  /** table "auditRecordKind" */
  recordKind?: string | null
  /** Part of a record's id (or an office code, a file's digest …). */
  recordId?: string | null
  from?: string | null
  to?: string | null
  page: number
  pageSize: number
}

/** One audit entry with its Chinese labels. */
export interface AuditListItem {
  /** 序号: the entry's place in the chain. */
  seq: number
  /** RFC 3339, China time (+08:00). */
  at: string
  username: string
  /** table "auditAction" */
  action: string
  actionLabel: string
  /** table "auditRecordKind" */
  recordKind: string
  recordKindLabel: string
  recordId: string | null
  /** What people know the record by (案号, 申请编号, 用户名, 文件名, 姓名); null when the entry names none. */
  recordLabel: string | null
  /** The record before and after the change, as JSON text. */
  beforeJson: string | null
  afterJson: string | null
}

/** daily 每日自动备份 · manual 手动备份 · premigration 升级前备份 · prerestore 恢复前的数据 */
export type BackupKind = 'daily' | 'manual' | 'premigration' | 'prerestore'

export interface BackupFile {
  path: string
  fileName: string
  officeCode: string
  kind: BackupKind
  kindLabel: string
  /** China time, "YYYY-MM-DD HH:MM:SS". */
  madeAt: string
  sizeBytes: number
}

export interface BackupOverview {
  /** The folder of automatic backups (beside the database file). */
  folder: string
  /** Backups kept in each folder. */
  keep: number
  /** Newest first. */
  files: BackupFile[]
}

/** A restore done: the database is the backup now; nobody is logged in any more. */
export interface Restored {
  /** The backup restored. */
  from: string
  /** Where the replaced database was kept; null when there was none. */
  keptAside: string | null
  officeCode: string
  officeName: string
  schemaVersion: number
}

/** A database that failed the start-up check: nothing is written to it; a backup can replace it. */
export interface DamagedDatabase {
  /** What the check found (SQLite's words). */
  damage: string
  dbPath: string
  officeCode: string | null
  officeName: string | null
  /** The automatic backup folder beside the database. */
  folder: string
  /** Its backups, newest first. */
  files: BackupFile[]
}

/** The computer's clock disagrees with the audit log (checked at start-up, before anything is written). */
export interface ClockAnomaly {
  kind: 'behind' | 'ahead'
  /** The clock's time, RFC 3339 with +08:00. */
  now: string
  lastEntrySeq: number
  lastEntryAt: string
  /** What to tell the user, in Chinese. */
  message: string
}
