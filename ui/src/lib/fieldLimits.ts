// The length limits of the forms' free-text fields, in characters: the inputs carry them as `maxlength`
// with a counter (`show-word-limit`), so the clerk sees the limit while typing instead of at 保存.
//
// The core checks the same limits when it saves (it trims first, then counts characters); it is the
// authority, and these numbers must follow it. Where the core defines them:
//   人民调解 (case, parties, sessions, follow-ups)  src/mediation.rs   `c.text(…, max, …)` in validate
//   咨询登记 and 援助申请                           src/legal_aid.rs   `c.text(…, max, …)`
//   社区矫正 (subject, events)                      src/correction.rs  `c.text(…, max, …)`
//   证件号码 of other kinds of ID                   src/check.rs       `Checker::person_id` (30)
//   office profile (首次设置)                       src/office.rs      `required_text(…, max)`
//   司法所名册 (district)                           src/district.rs    `validate_office`
//   accounts (用户名, 姓名)                         src/accounts.rs    `check_username`, `check_display_name`
//   节假日 name                                     src/holiday_file.rs `check_text(&entry.name, 20)`
// Each table is checked against the generated input type, so a renamed field fails the type check.
import type {
  ConsultationInput,
  CorrectionEventInput,
  CorrectionSubjectInput,
  DistrictOffice,
  FollowUp,
  HolidayEntry,
  LegalAidInput,
  MediationCaseInput,
  MediationSession,
  NewUserInput,
  Party,
  SetupInput,
} from '../api/generated'

type Limits<T> = Readonly<Partial<Record<keyof T, number>>>

/** 证件号码 of a kind other than the resident ID (which is 18) or the credit code (18). */
export const ID_NO_MAX = 30

/** 调解案件 (src/mediation.rs). 调解员 is a list: each name at most 20 characters, checked one by one. */
export const MEDIATION_LIMITS = {
  place: 100,
  summary: 2000,
  recorder: 20,
  agreementNo: 40,
  terms: 4000,
  judicialCourt: 50,
} as const satisfies Limits<MediationCaseInput>

/** 当事人 of a case (src/mediation.rs). */
export const PARTY_LIMITS = {
  name: 50,
  occupation: 50,
  address: 200,
  agent: 100,
  idNo: ID_NO_MAX,
} as const satisfies Limits<Party>

/** 调解记录 of a case (src/mediation.rs). */
export const SESSION_LIMITS = {
  place: 100,
  attendees: 200,
  summary: 2000,
} as const satisfies Limits<MediationSession>

/** 回访 of a case (src/mediation.rs). */
export const FOLLOW_UP_LIMITS = {
  visitor: 20,
  measures: 500,
} as const satisfies Limits<FollowUp>

/** 咨询登记 (src/legal_aid.rs, validate_consultation). */
export const CONSULTATION_LIMITS = {
  name: 50,
  question: 1000,
  answer: 2000,
  staff: 20,
} as const satisfies Limits<ConsultationInput>

/** 法律援助申请 (src/legal_aid.rs, validate). */
export const LEGAL_AID_LIMITS = {
  receivingOrg: 50,
  competentOrg: 50,
  name: 50,
  idNo: ID_NO_MAX,
  domicile: 200,
  residence: 200,
  employer: 100,
  occupation: 50,
  agentName: 50,
  agentIdNo: ID_NO_MAX,
  handlingOrgan: 100,
  opponent: 100,
  reason: 2000,
  suppItems: 500,
  decisionNo: 50,
  refusalReason: 500,
  provisionalReason: 500,
  provider: 100,
  handler: 50,
  notes: 1000,
} as const satisfies Limits<LegalAidInput>

/** 矫正对象 (src/correction.rs, validate_subject). */
export const CORRECTION_SUBJECT_LIMITS = {
  subjectCode: 30,
  name: 20,
  idNo: ID_NO_MAX,
  domicile: 100,
  residence: 100,
  decidingOrganName: 50,
  docNo: 50,
  charge: 50,
  sentence: 50,
  termText: 30,
  prohibitionOrder: 500,
  detentionPlace: 50,
  abscondReason: 1000,
  abscondMeasures: 1000,
  missedReason: 1000,
  missedMeasures: 1000,
  exitDocNo: 50,
  newCharge: 50,
  notes: 1000,
} as const satisfies Limits<CorrectionSubjectInput>

/** 矫正事项 (src/correction.rs, validate_event): `content` is 报告内容, 查访情况, 谈话内容, 考核意见 … by kind,
 * `place` 查访地点, 谈话地点 or 复查医院. */
export const CORRECTION_EVENT_LIMITS = {
  staff: 20,
  content: 1000,
  place: 100,
  people: 100,
  destination: 100,
  docNo: 50,
  period: 30,
  notes: 500,
} as const satisfies Limits<CorrectionEventInput>

/** 首次设置: the office (src/office.rs). */
export const OFFICE_LIMITS = {
  officeName: 40,
  shortName: 6,
  district: 40,
  adminUsername: 32,
  adminDisplayName: 20,
} as const satisfies Limits<SetupInput>

/** 司法所名册 of a district (src/district.rs). */
export const DISTRICT_OFFICE_LIMITS = {
  name: 40,
  shortName: 6,
} as const satisfies Limits<DistrictOffice>

/** 账号 (src/accounts.rs). */
export const ACCOUNT_LIMITS = {
  username: 32,
  displayName: 20,
} as const satisfies Limits<NewUserInput>

/** 节假日 (src/holiday_file.rs). */
export const HOLIDAY_LIMITS = {
  name: 20,
} as const satisfies Limits<HolidayEntry>
