// One typed function per command of the core. Tauri maps the camelCase argument keys below to the
// snake_case parameters of the Rust commands. Every function rejects with an ApiError (normalised).
import { Channel, invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import { AUTH_REQUIRED_CODE, PASSWORD_CHANGE_REQUIRED_CODE, SESSION_LOCKED_CODE, normaliseError } from './errors'
import type {
  ApiError,
  AppStatus,
  AuditCheck,
  AuditFilter,
  AuditListItem,
  BackupFile,
  BackupOverview,
  BatchPreview,
  BatchProfile,
  BatchProgress,
  BatchRecord,
  CodeTables,
  Consultation,
  ConsultationFilter,
  CorrectionEventInput,
  CorrectionFilter,
  CorrectionListItem,
  CorrectionSubject,
  CorrectionState,
  CorrectionSubjectInput,
  SupervisionLevel,
  ConsultationInput,
  Dashboard,
  DistrictDashboard,
  DistrictOffice,
  DistrictStatistics,
  DuplicateItem,
  HolidayEntry,
  HolidayImport,
  ImportPreview,
  ImportProgress,
  LegalAidApplication,
  LegalAidFilter,
  LegalAidInput,
  LegalAidListItem,
  LegalAidState,
  MediationCase,
  MediationCaseInput,
  MediationFilter,
  MediationListItem,
  NewUserInput,
  Office,
  OfficeProfileInput,
  Page,
  ReceivedBatch,
  ReportResult,
  Restored,
  SetupInput,
  Settings,
  SubmissionGrid,
  User,
  UserSummary,
  UserUpdateInput,
} from './generated'

export type * from './generated'
export { normaliseError, isApiError } from './errors'

/** The shell's event when the window is closed with unsaved work (src-tauri commands::CLOSE_REQUESTED_EVENT). */
export const CLOSE_REQUESTED_EVENT = 'close-requested'

type ErrorHandler = (err: ApiError) => void
let authRequiredHandler: ErrorHandler | null = null
let sessionLockedHandler: ErrorHandler | null = null
let passwordChangeRequiredHandler: ErrorHandler | null = null

/** Called whenever a command answers "auth.required" (the session ended): the app goes to login. */
export function onAuthRequired(handler: ErrorHandler | null): void {
  authRequiredHandler = handler
}

/** Called whenever a command answers "auth.session_locked" (the core locked the screen): the app
 * shows the lock screen. */
export function onSessionLocked(handler: ErrorHandler | null): void {
  sessionLockedHandler = handler
}

/** Called whenever a command answers "auth.password_change_required": the app asks for a new password. */
export function onPasswordChangeRequired(handler: ErrorHandler | null): void {
  passwordChangeRequiredHandler = handler
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    const err = normaliseError(e)
    if (err.code === AUTH_REQUIRED_CODE) authRequiredHandler?.(err)
    else if (err.code === SESSION_LOCKED_CODE) sessionLockedHandler?.(err)
    else if (err.code === PASSWORD_CHANGE_REQUIRED_CODE) passwordChangeRequiredHandler?.(err)
    throw err
  }
}

export function appStatus(): Promise<AppStatus> {
  return call('app_status')
}

/** The file dialog for the backup that is to replace a damaged database. */
export function damagedPickFile(start: string | null): Promise<string | null> {
  return call('damaged_pick_file', { start })
}

/** Replaces a damaged database with `file`; an administrator account of that backup confirms it. */
export function damagedRestore(file: string, username: string, password: string): Promise<Restored> {
  return call('damaged_restore', { file, username, password })
}

export function setupOffice(input: SetupInput): Promise<Office> {
  return call('setup_office', { input })
}

export function login(username: string, password: string): Promise<User> {
  return call('login', { username, password })
}

export function logout(): Promise<null> {
  return call('logout')
}

export function codeTables(): Promise<CodeTables> {
  return call('code_tables')
}

export function dashboard(): Promise<Dashboard> {
  return call('dashboard')
}

export function mediationList(filter: MediationFilter): Promise<Page<MediationListItem>> {
  return call('mediation_list', { filter })
}

export function mediationGet(id: string): Promise<MediationCase> {
  return call('mediation_get', { id })
}

export function mediationCreate(input: MediationCaseInput): Promise<MediationCase> {
  return call('mediation_create', { input })
}

/** The `amendReason` argument of an update, only when one is given: a closed record (结案) is changed
 * only with a reason, which the audit keeps (修改已结案记录); without one the core refuses the save with
 * a field error on "amendReason". An open record's update ignores it. */
function withAmendReason<A extends Record<string, unknown>>(args: A, amendReason: string | undefined): A & { amendReason?: string } {
  return amendReason === undefined ? args : { ...args, amendReason }
}

/** `version` is the version the form was loaded with; a stale one is rejected with "conflict.version".
 * `amendReason`: why a closed case is changed (see withAmendReason). */
export function mediationUpdate(id: string, version: number, input: MediationCaseInput, amendReason?: string): Promise<MediationCase> {
  return call('mediation_update', withAmendReason({ id, version, input }, amendReason))
}

export function mediationDelete(id: string, version: number): Promise<null> {
  return call('mediation_delete', { id, version })
}

export function holidaysList(): Promise<HolidayEntry[]> {
  return call('holidays_list')
}

/** Adds or changes one day (office head only). */
export function holidaySet(entry: HolidayEntry): Promise<HolidayEntry> {
  return call('holiday_set', { entry })
}

export function holidayRemove(day: string): Promise<null> {
  return call('holiday_remove', { day })
}

/** Writes the calendar of `year` as a holiday file (节假日安排文件) into `folder`; answers the file's path
 * (office head only). Field errors on "year" (nothing entered for that year) and "folder" (missing folder,
 * or "batch.exists": a file of that name is already there). */
export function holidaysExport(year: number, folder: string): Promise<string> {
  return call('holidays_export', { year, folder })
}

/** The system's folder dialog for where a holiday file goes; null when the user cancelled. */
export function holidaysPickFolder(): Promise<string | null> {
  return call('holidays_pick_folder')
}

/** The system's open dialog for a holiday file (.json); null when the user cancelled. */
export function holidaysPickFile(): Promise<string | null> {
  return call('holidays_pick_file')
}

/** Reads a holiday file and says what importing it would change (changes nothing). Rejects with
 * "holidays.invalid_file" (the message says why) for a damaged or foreign file. */
export function holidaysImportPreview(file: string): Promise<HolidayImport> {
  return call('holidays_import_preview', { file })
}

/** Replaces the calendar of the file's year with its days, if the file is still the one previewed
 * (`digest`); answers the import with `applied` true. */
export function holidaysImport(file: string, digest: string): Promise<HolidayImport> {
  return call('holidays_import', { file, digest })
}

export function consultationList(filter: ConsultationFilter): Promise<Page<Consultation>> {
  return call('consultation_list', { filter })
}

export function consultationCreate(input: ConsultationInput): Promise<Consultation> {
  return call('consultation_create', { input })
}

export function consultationUpdate(id: string, version: number, input: ConsultationInput): Promise<Consultation> {
  return call('consultation_update', { id, version, input })
}

export function consultationDelete(id: string, version: number): Promise<null> {
  return call('consultation_delete', { id, version })
}

export function legalAidList(filter: LegalAidFilter): Promise<Page<LegalAidListItem>> {
  return call('legal_aid_list', { filter })
}

export function legalAidGet(id: string): Promise<LegalAidApplication> {
  return call('legal_aid_get', { id })
}

/**
 * States the application may be saved in: from `from` (null for a new application) under the
 * channel `aidChannel`, the current state included. The core refuses any other.
 */
export function legalAidStates(from: LegalAidState | null, aidChannel: string): Promise<LegalAidState[]> {
  return call('legal_aid_states', { from, aidChannel })
}

export function legalAidCreate(input: LegalAidInput): Promise<LegalAidApplication> {
  return call('legal_aid_create', { input })
}

/** `amendReason`: why a closed application is changed (see withAmendReason). */
export function legalAidUpdate(id: string, version: number, input: LegalAidInput, amendReason?: string): Promise<LegalAidApplication> {
  return call('legal_aid_update', withAmendReason({ id, version, input }, amendReason))
}

export function legalAidDelete(id: string, version: number): Promise<null> {
  return call('legal_aid_delete', { id, version })
}

export function correctionList(filter: CorrectionFilter): Promise<Page<CorrectionListItem>> {
  return call('correction_list', { filter })
}

export function correctionGet(id: string): Promise<CorrectionSubject> {
  return call('correction_get', { id })
}

/** The states a subject may be saved in: all for a new one (from null), else the current and later ones. */
export function correctionStates(from: CorrectionState | null): Promise<CorrectionState[]> {
  return call('correction_states', { from })
}

export function correctionCreate(input: CorrectionSubjectInput): Promise<CorrectionSubject> {
  return call('correction_create', { input })
}

/** `amendReason`: why a closed subject's registration is changed (see withAmendReason). */
export function correctionUpdate(
  id: string,
  version: number,
  input: CorrectionSubjectInput,
  amendReason?: string,
): Promise<CorrectionSubject> {
  return call('correction_update', withAmendReason({ id, version, input }, amendReason))
}

export function correctionDelete(id: string, version: number): Promise<null> {
  return call('correction_delete', { id, version })
}

/** Records an event; answers the subject with its events and what is due, recomputed. */
export function correctionEventCreate(subjectId: string, input: CorrectionEventInput): Promise<CorrectionSubject> {
  return call('correction_event_create', { subjectId, input })
}

export function correctionEventUpdate(id: string, version: number, input: CorrectionEventInput): Promise<CorrectionSubject> {
  return call('correction_event_update', { id, version, input })
}

export function correctionEventDelete(id: string, version: number): Promise<CorrectionSubject> {
  return call('correction_event_delete', { id, version })
}

export function supervisionLevels(): Promise<SupervisionLevel[]> {
  return call('supervision_levels')
}

/** Office head only. */
export function supervisionLevelSet(level: SupervisionLevel): Promise<SupervisionLevel> {
  return call('supervision_level_set', { level })
}

/** What the batch of `period` ("2026-10") and `profile` will hold, and the statistics of the month. */
export function batchPreview(period: string, profile: BatchProfile): Promise<BatchPreview> {
  return call('batch_preview', { period, profile })
}

/** Writes the batch file into `folder`; `onProgress` hears each stage while it is written. */
export function batchExport(
  period: string,
  profile: BatchProfile,
  folder: string,
  onProgress: (p: BatchProgress) => void,
): Promise<BatchRecord> {
  const channel = new Channel<BatchProgress>()
  channel.onmessage = onProgress
  return call('batch_export', { period, profile, folder, onProgress: channel })
}

/** The batches written so far, newest first. */
export function batchHistory(): Promise<BatchRecord[]> {
  return call('batch_history')
}

/** Opens the system's folder dialog at `start`; null when the user cancelled. */
export function batchPickFolder(start: string | null): Promise<string | null> {
  return call('batch_pick_folder', { start })
}

/** Opens the file manager at the file of batch `id`. */
export function batchReveal(id: string): Promise<void> {
  return call('batch_reveal', { id })
}

// --- 区司法局模式 (district mode) ---------------------------------------------------------------------------

/** The district's register of its offices (司法所名册). */
export function districtOffices(): Promise<DistrictOffice[]> {
  return call('district_offices')
}

/** Registers an office (`adding`: the code must be new), or corrects the name and short name of one
 * registered (same code); office head or district administrator. Field errors on "code", "name", "shortName". */
export function districtOfficeSave(office: DistrictOffice, adding: boolean): Promise<DistrictOffice> {
  return call('district_office_save', { office, adding })
}

/** Opens the system's dialog to choose batch files (several at once); [] when the user cancelled. */
export function importPickFiles(): Promise<string[]> {
  return call('import_pick_files')
}

/** Reads and checks the files (folders stand for their .xlsx files) and answers what importing them
 * would do; writes nothing. `onProgress` hears the stages (reading, checking). Field error "files" when
 * nothing was chosen or a folder holds no batch file. */
export function importPreview(paths: string[], onProgress: (p: ImportProgress) => void): Promise<ImportPreview> {
  const channel = new Channel<ImportProgress>()
  channel.onmessage = onProgress
  return call('import_preview', { paths, onProgress: channel })
}

/** Imports the files of the preview with `token` (the preview is the confirmation) and answers what was
 * done. A stale token is refused with field error "token" (code "district.preview_expired"). */
export function importConfirm(token: string, onProgress: (p: ImportProgress) => void): Promise<ImportPreview> {
  const channel = new Channel<ImportProgress>()
  channel.onmessage = onProgress
  return call('import_confirm', { token, onProgress: channel })
}

/** Every batch file received, accepted or rejected, newest first. */
export function receivedBatches(): Promise<ReceivedBatch[]> {
  return call('received_batches')
}

/** 报送情况 of `year` (null: the year of last month): every registered office × month. */
export function submissions(year: number | null): Promise<SubmissionGrid> {
  return call('submissions', { year })
}

/** The pairs of likely duplicates, decided or not. */
export function duplicates(): Promise<DuplicateItem[]> {
  return call('duplicates')
}

/** A person's decision on a pair of likely duplicates (audited). */
export function duplicateDecide(firstId: string, secondId: string, decision: 'same' | 'different'): Promise<null> {
  return call('duplicate_decide', { firstId, secondId, decision })
}

/** The district statistics of `period`: "2026-10" (month), "2026-Q4" (quarter) or "2026" (year).
 * Field error "period" for a malformed or future period. */
export function districtStatistics(period: string): Promise<DistrictStatistics> {
  return call('district_statistics', { period })
}

/** Writes the consolidated district workbook of `period` into `folder` under its standard name
 * (never replacing a file). Field errors on "folder" and "period". */
export function districtReport(period: string, folder: string): Promise<ReportResult> {
  return call('district_report', { period, folder })
}

/** The district 工作台: counts, trends, offices side by side, dispute and correction types. */
export function districtDashboard(): Promise<DistrictDashboard> {
  return call('district_dashboard')
}

// --- 会话与账号 (session and accounts) -----------------------------------------------------------------------

/** The user did something in the window: keeps the session from locking. Rejects with
 * "auth.session_locked" when the core has locked it meanwhile. */
export function sessionTouch(): Promise<null> {
  return call('session_touch')
}

/** Locks the screen now (锁定, or the window's idle timer). */
/** Tells the shell whether the window holds unsaved work (closing the window then asks first). */
export function windowSetUnsaved(unsaved: boolean): Promise<null> {
  return call('window_set_unsaved', { unsaved })
}

/** The shell's `close-requested` event: the user closed the window while it holds unsaved work (the shell
 * keeps it open until `windowClose`). Resolves to the function that stops listening. */
export function onCloseRequested(handler: () => void): Promise<() => void> {
  return listen(CLOSE_REQUESTED_EVENT, handler)
}

/** Closes the window, giving up the unsaved work (the user chose to). */
export function windowClose(): Promise<null> {
  return call('window_close')
}

export function sessionLock(): Promise<null> {
  return call('session_lock')
}

/** Unlocks with the session user's password ("auth.wrong_password"; "auth.locked_out" after repeated
 * wrong passwords). */
export function sessionUnlock(password: string): Promise<User> {
  return call('session_unlock', { password })
}

/** The session user changes their own password. Field errors on "oldPassword" and "newPassword". */
export function changePassword(oldPassword: string, newPassword: string): Promise<null> {
  return call('change_password', { oldPassword, newPassword })
}

/** Every account (administrators only). */
export function usersList(): Promise<UserSummary[]> {
  return call('users_list')
}

export function userCreate(input: NewUserInput): Promise<UserSummary> {
  return call('user_create', { input })
}

export function userUpdate(id: string, input: UserUpdateInput): Promise<UserSummary> {
  return call('user_update', { id, input })
}

/** Sets a new password for another account (to be changed at its next login); lifts a lockout. */
export function userResetPassword(id: string, password: string): Promise<UserSummary> {
  return call('user_reset_password', { id, password })
}

/** Lifts a lockout after repeated wrong passwords. */
export function userUnlock(id: string): Promise<UserSummary> {
  return call('user_unlock', { id })
}

/** Changes the office's name, 简称 and 所属区县 (administrators only; the code and the mode stay). Field
 * errors on "officeName", "shortName" and "district". */
export function officeUpdate(input: OfficeProfileInput): Promise<Office> {
  return call('office_update', { input })
}

export function settingsGet(): Promise<Settings> {
  return call('settings_get')
}

/** Administrators only. Field errors on "idleMinutes" and "backupKeep". */
export function settingsSave(input: Settings): Promise<Settings> {
  return call('settings_save', { input })
}

// --- 操作日志 (audit log) ----------------------------------------------------------------------------------

/** One page of the audit log, newest first. Field errors on "from" and "to". */
export function auditList(filter: AuditFilter): Promise<Page<AuditListItem>> {
  return call('audit_list', { filter })
}

/** The user names found in the log (the filter's choices). */
export function auditUsernames(): Promise<string[]> {
  return call('audit_usernames')
}

/** Checks the hash chain of the log again. */
export function auditCheck(): Promise<AuditCheck> {
  return call('audit_check')
}

/** Writes the entries matching `filter` into a new workbook in `folder`; answers its path. Field error
 * "folder". */
export function auditExport(filter: AuditFilter, folder: string): Promise<string> {
  return call('audit_export', { filter, folder })
}

// --- 数据备份 (backups) -----------------------------------------------------------------------------------

/** The automatic backup folder, how many backups are kept, and the backups found there. */
export function backupsOverview(): Promise<BackupOverview> {
  return call('backups_overview')
}

/** Backs up into `folder` (a USB stick …), or into the automatic folder when null. Field error "folder". */
export function backupCreate(folder: string | null): Promise<BackupFile> {
  return call('backup_create', { folder })
}

/** The system's folder dialog for a backup's target folder; null when the user cancelled. */
export function backupPickFolder(): Promise<string | null> {
  return call('backup_pick_folder')
}

/** The system's file dialog for a backup to restore from, opened at `start`; null when cancelled. */
export function backupPickFile(start: string | null): Promise<string | null> {
  return call('backup_pick_file', { start })
}

/** Replaces the database with the backup `file` (the current one is kept aside). Afterwards nobody is
 * logged in. Rejects with "backup.invalid" (the message says why) for a file that cannot be used. */
export function backupRestore(file: string): Promise<Restored> {
  return call('backup_restore', { file })
}
