//! Thin IPC commands: take the state, call the core, map the error. No SQL, no rules.
//! Commands are `async` so database work never blocks the main (UI) thread.

use serde::Serialize;
use sifa::accounts::User;
use sifa::clock::{Clock, ClockAnomaly};
use sifa::codes::CodeTables;
use sifa::correction::{CorrectionEventInput, CorrectionState, CorrectionFilter, CorrectionListItem, CorrectionSubject, CorrectionSubjectInput, SupervisionLevel};
use sifa::desk::{Dashboard, HolidayEntry, HolidayImport};
use sifa::legal_aid::{
    Consultation, ConsultationFilter, ConsultationInput, LegalAidApplication, LegalAidState, LegalAidFilter, LegalAidInput, LegalAidListItem,
};
use sifa::mediation::{MediationCase, MediationCaseInput, MediationFilter, MediationListItem};
use sifa::page::Page;
use sifa::office::{Office, OfficeProfileInput, SetupInput};
use sifa::accounts::{NewUserInput, UserSummary, UserUpdateInput};
use sifa::audit::{AuditCheck, AuditFilter, AuditListItem};
use sifa::backup::{BackupFile, Restored};
use sifa::desk::{damaged_database, BackupOverview, DamagedDatabase, SessionStatus, Settings};
use sifa::{Desk, Error, FieldError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use sifa::batch::{BatchPreview, BatchProgress, BatchRecord};
use sifa::district::report::ReportResult;
use sifa::district::{
    DistrictDashboard, DistrictOffice, DistrictStatistics, DuplicateItem, ImportPreview, ImportProgress, ReceivedBatch, SubmissionGrid,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// What crosses the IPC boundary when a command fails.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ApiError {
    code: String,
    message: String,
    fields: Vec<FieldError>,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError { code: e.code(), message: e.to_string(), fields: e.fields().to_vec() }
    }
}

type Reply<T> = Result<T, ApiError>;

pub struct AppState {
    desk: Mutex<Result<Desk, ApiError>>,
    /// The audit chain as checked when the database was opened (工作台 warns when it is broken).
    audit_at_start: Mutex<Option<AuditCheck>>,
    /// What the start-up check found when the database is damaged; nothing is written to it then,
    /// and the window offers a restore from its backups instead.
    damage: Mutex<Option<String>>,
    /// The computer's clock against the audit log, checked before start-up writes anything (the
    /// daily backup and every login add entries at the new time, which would hide it).
    clock_at_start: Option<ClockAnomaly>,
    db_path: PathBuf,
    clock: Arc<dyn Clock>,
    /// The window holds changes the user has not saved (it says so through `window_set_unsaved`):
    /// closing the window then asks first. A page that never answers never keeps the window open.
    unsaved_work: AtomicBool,
}

/// A shorter idle lock for end-to-end tests (`SIFA_IDLE_SECONDS`), honoured by debug builds only.
fn idle_override() -> Option<i64> {
    if !cfg!(debug_assertions) {
        return None;
    }
    std::env::var("SIFA_IDLE_SECONDS").ok().and_then(|v| v.parse().ok())
}

/// Opens the desk; for a damaged database also what the check found.
fn open_desk(db_path: &std::path::Path, clock: Arc<dyn Clock>) -> (Result<Desk, ApiError>, Option<String>) {
    match Desk::open(db_path, clock) {
        Ok(mut desk) => {
            if let Some(s) = idle_override() {
                desk.override_idle_limit(s);
            }
            (Ok(desk), None)
        }
        Err(Error::Corrupt { detail }) => (Err(Error::Corrupt { detail: detail.clone() }.into()), Some(detail)),
        Err(e) => (Err(e.into()), None),
    }
}

impl AppState {
    pub fn open(db_path: PathBuf, clock: Arc<dyn Clock>) -> Self {
        let (mut desk, damage) = open_desk(&db_path, clock.clone());
        let audit = desk.as_ref().ok().and_then(|d| d.audit_check().ok());
        let clock_at_start = desk.as_ref().ok().and_then(|d| d.clock_anomaly().ok().flatten());
        if let Ok(d) = desk.as_mut() {
            // The day's automatic backup; a failure is audited and shown on the backup screen, and
            // must not keep the office from working.
            if let Err(e) = d.backup_daily_if_due() {
                eprintln!("每日自动备份未完成：{e}");
            }
        }
        AppState {
            desk: Mutex::new(desk),
            audit_at_start: Mutex::new(audit),
            damage: Mutex::new(damage),
            clock_at_start,
            db_path,
            clock,
            unsaved_work: AtomicBool::new(false),
        }
    }

    /// Whether closing the window must ask the user first.
    pub fn has_unsaved_work(&self) -> bool {
        self.unsaved_work.load(Ordering::SeqCst)
    }

    fn with_desk<T>(&self, f: impl FnOnce(&mut Desk) -> sifa::Result<T>) -> Reply<T> {
        let mut guard = self.desk.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(desk) => f(desk).map_err(ApiError::from),
            Err(e) => Err(ApiError { code: e.code.clone(), message: e.message.clone(), fields: Vec::new() }),
        }
    }

    fn current_user(&self) -> Reply<User> {
        self.with_desk(|d| d.session_user())
    }

    /// Runs `f` for the session's user; no record is read or changed without an unlocked session.
    fn as_user<T>(&self, f: impl FnOnce(&mut Desk, &User) -> sifa::Result<T>) -> Reply<T> {
        self.with_desk(|d| {
            let user = d.session_user()?;
            f(d, &user)
        })
    }
}

/// Where the application stands when the window asks.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StartState {
    Ready,
    /// First run: the office and its first administrator are not set up yet.
    NeedsSetup,
    /// The database could not be opened (`AppStatus.error` says why).
    Error,
}

#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    state: StartState,
    error: Option<ApiError>,
    office: Option<Office>,
    user: Option<User>,
    session: Option<SessionStatus>,
    /// The audit chain's check at start-up; `None` before setup or when the database is unreadable.
    audit: Option<AuditCheck>,
    /// A damaged database: what was found and the backups that can replace it.
    damaged: Option<DamagedDatabase>,
    /// The computer's clock is behind the audit log, or far ahead of it (checked at start-up).
    clock: Option<ClockAnomaly>,
    today: String,
    db_path: String,
    version: &'static str,
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    let office = state.with_desk(|d| d.office());
    let session = state.with_desk(|d| d.session_status()).ok();
    let user = session.as_ref().and_then(|s| s.user.clone());
    let audit = state.audit_at_start.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let damaged = state.damage.lock().unwrap_or_else(|p| p.into_inner()).clone().map(|d| damaged_database(&state.db_path, &d));
    let (status, error, office) = match office {
        Ok(Some(o)) => (StartState::Ready, None, Some(o)),
        Ok(None) => (StartState::NeedsSetup, None, None),
        Err(e) => (StartState::Error, Some(e), None),
    };
    Ok(AppStatus {
        state: status,
        error,
        office,
        user,
        session,
        audit,
        damaged,
        clock: state.clock_at_start.clone(),
        today: state.clock.today().to_string(),
        db_path: state.db_path.display().to_string(),
        version: sifa::VERSION,
    })
}

#[tauri::command]
pub async fn setup_office(state: State<'_, AppState>, input: SetupInput) -> Reply<Office> {
    state.with_desk(|d| d.setup(input))
}

#[tauri::command]
pub async fn login(state: State<'_, AppState>, username: String, password: String) -> Reply<User> {
    // Whoever was logged in is logged out by any attempt, successful or not (in the core).
    state.with_desk(|d| d.login(&username, &password))
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Reply<()> {
    state.with_desk(|d| d.session_logout())
}

#[tauri::command]
pub async fn code_tables() -> Reply<&'static CodeTables> {
    Ok(sifa::codes::code_tables())
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> Reply<Dashboard> {
    state.as_user(|d, _| d.dashboard())
}

#[tauri::command]
pub async fn mediation_list(state: State<'_, AppState>, filter: MediationFilter) -> Reply<Page<MediationListItem>> {
    state.as_user(|d, _| d.mediation_list(&filter))
}

#[tauri::command]
pub async fn mediation_get(state: State<'_, AppState>, id: String) -> Reply<MediationCase> {
    state.as_user(|d, _| d.mediation_get(&id))
}

#[tauri::command]
pub async fn mediation_create(state: State<'_, AppState>, input: MediationCaseInput) -> Reply<MediationCase> {
    state.as_user(|d, u| d.mediation_create(u, input))
}

/// A closed record (结案) changes only with `amend_reason`, which the audit keeps.
#[tauri::command]
pub async fn mediation_update(state: State<'_, AppState>, id: String, version: i64, input: MediationCaseInput, amend_reason: Option<String>) -> Reply<MediationCase> {
    state.as_user(|d, u| match amend_reason.as_deref() {
        Some(reason) => d.mediation_amend(u, &id, version, input, reason),
        None => d.mediation_update(u, &id, version, input),
    })
}

#[tauri::command]
pub async fn mediation_delete(state: State<'_, AppState>, id: String, version: i64) -> Reply<()> {
    state.as_user(|d, u| d.mediation_delete(u, &id, version))
}

#[tauri::command]
pub async fn holidays_list(state: State<'_, AppState>) -> Reply<Vec<HolidayEntry>> {
    state.as_user(|d, _| d.holidays())
}

#[tauri::command]
pub async fn holiday_set(state: State<'_, AppState>, entry: HolidayEntry) -> Reply<HolidayEntry> {
    state.as_user(|d, u| d.holiday_set(u, entry))
}

#[tauri::command]
pub async fn holiday_remove(state: State<'_, AppState>, day: String) -> Reply<()> {
    state.as_user(|d, u| d.holiday_remove(u, &day))
}

/// Writes a year's calendar as a holiday file into `folder`; answers the file's path.
#[tauri::command]
pub async fn holidays_export(state: State<'_, AppState>, year: i32, folder: String) -> Reply<String> {
    state.as_user(|d, u| d.holidays_export(u, year, std::path::Path::new(folder.trim()))).map(|p| p.display().to_string())
}

#[tauri::command]
pub async fn holidays_import_preview(state: State<'_, AppState>, file: String) -> Reply<HolidayImport> {
    state.as_user(|d, u| d.holidays_import_preview(u, std::path::Path::new(file.trim())))
}

#[tauri::command]
pub async fn holidays_import(state: State<'_, AppState>, file: String, digest: String) -> Reply<HolidayImport> {
    state.as_user(|d, u| d.holidays_import(u, std::path::Path::new(file.trim()), &digest))
}

/// The open dialog for a holiday file (节假日安排文件).
#[tauri::command]
pub async fn holidays_pick_file(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    state.current_user()?;
    let dialog = app.dialog().file().set_title("选择节假日安排文件").add_filter("节假日安排文件", &["json"]);
    pick_one_file(dialog).await
}

/// The folder dialog for where a holiday file goes.
#[tauri::command]
pub async fn holidays_pick_folder(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    state.current_user()?;
    let dialog = app.dialog().file().set_title("选择保存节假日安排文件的文件夹（U 盘）");
    pick_one_folder(dialog).await
}

#[tauri::command]
pub async fn consultation_list(state: State<'_, AppState>, filter: ConsultationFilter) -> Reply<Page<Consultation>> {
    state.as_user(|d, _| d.consultation_list(&filter))
}

#[tauri::command]
pub async fn consultation_create(state: State<'_, AppState>, input: ConsultationInput) -> Reply<Consultation> {
    state.as_user(|d, u| d.consultation_create(u, input))
}

#[tauri::command]
pub async fn consultation_update(state: State<'_, AppState>, id: String, version: i64, input: ConsultationInput) -> Reply<Consultation> {
    state.as_user(|d, u| d.consultation_update(u, &id, version, input))
}

#[tauri::command]
pub async fn consultation_delete(state: State<'_, AppState>, id: String, version: i64) -> Reply<()> {
    state.as_user(|d, u| d.consultation_delete(u, &id, version))
}

#[tauri::command]
pub async fn legal_aid_list(state: State<'_, AppState>, filter: LegalAidFilter) -> Reply<Page<LegalAidListItem>> {
    state.as_user(|d, _| d.legal_aid_list(&filter))
}

#[tauri::command]
pub async fn legal_aid_get(state: State<'_, AppState>, id: String) -> Reply<LegalAidApplication> {
    state.as_user(|d, _| d.legal_aid_get(&id))
}

#[tauri::command]
pub async fn legal_aid_states(state: State<'_, AppState>, from: Option<String>, aid_channel: String) -> Reply<Vec<LegalAidState>> {
    state.as_user(|d, _| Ok(d.legal_aid_states(from.as_deref(), &aid_channel)))
}

#[tauri::command]
pub async fn legal_aid_create(state: State<'_, AppState>, input: LegalAidInput) -> Reply<LegalAidApplication> {
    state.as_user(|d, u| d.legal_aid_create(u, input))
}

/// A closed record (结案) changes only with `amend_reason`, which the audit keeps.
#[tauri::command]
pub async fn legal_aid_update(state: State<'_, AppState>, id: String, version: i64, input: LegalAidInput, amend_reason: Option<String>) -> Reply<LegalAidApplication> {
    state.as_user(|d, u| match amend_reason.as_deref() {
        Some(reason) => d.legal_aid_amend(u, &id, version, input, reason),
        None => d.legal_aid_update(u, &id, version, input),
    })
}

#[tauri::command]
pub async fn legal_aid_delete(state: State<'_, AppState>, id: String, version: i64) -> Reply<()> {
    state.as_user(|d, u| d.legal_aid_delete(u, &id, version))
}

#[tauri::command]
pub async fn correction_list(state: State<'_, AppState>, filter: CorrectionFilter) -> Reply<Page<CorrectionListItem>> {
    state.as_user(|d, _| d.correction_list(&filter))
}

#[tauri::command]
pub async fn correction_get(state: State<'_, AppState>, id: String) -> Reply<CorrectionSubject> {
    state.as_user(|d, _| d.correction_get(&id))
}

#[tauri::command]
pub async fn correction_states(state: State<'_, AppState>, from: Option<String>) -> Reply<Vec<CorrectionState>> {
    state.as_user(|d, _| Ok(d.correction_states(from.as_deref())))
}

#[tauri::command]
pub async fn correction_create(state: State<'_, AppState>, input: CorrectionSubjectInput) -> Reply<CorrectionSubject> {
    state.as_user(|d, u| d.correction_create(u, input))
}

/// A closed record (结案) changes only with `amend_reason`, which the audit keeps.
#[tauri::command]
pub async fn correction_update(state: State<'_, AppState>, id: String, version: i64, input: CorrectionSubjectInput, amend_reason: Option<String>) -> Reply<CorrectionSubject> {
    state.as_user(|d, u| match amend_reason.as_deref() {
        Some(reason) => d.correction_amend(u, &id, version, input, reason),
        None => d.correction_update(u, &id, version, input),
    })
}

#[tauri::command]
pub async fn correction_delete(state: State<'_, AppState>, id: String, version: i64) -> Reply<()> {
    state.as_user(|d, u| d.correction_delete(u, &id, version))
}

#[tauri::command]
pub async fn correction_event_create(state: State<'_, AppState>, subject_id: String, input: CorrectionEventInput) -> Reply<CorrectionSubject> {
    state.as_user(|d, u| d.correction_event_create(u, &subject_id, input))
}

#[tauri::command]
pub async fn correction_event_update(state: State<'_, AppState>, id: String, version: i64, input: CorrectionEventInput) -> Reply<CorrectionSubject> {
    state.as_user(|d, u| d.correction_event_update(u, &id, version, input))
}

#[tauri::command]
pub async fn correction_event_delete(state: State<'_, AppState>, id: String, version: i64) -> Reply<CorrectionSubject> {
    state.as_user(|d, u| d.correction_event_delete(u, &id, version))
}

#[tauri::command]
pub async fn supervision_levels(state: State<'_, AppState>) -> Reply<Vec<SupervisionLevel>> {
    state.as_user(|d, _| d.supervision_levels())
}

#[tauri::command]
pub async fn supervision_level_set(state: State<'_, AppState>, level: SupervisionLevel) -> Reply<SupervisionLevel> {
    state.as_user(|d, u| d.supervision_level_set(u, level))
}

#[tauri::command]
pub async fn batch_preview(state: State<'_, AppState>, period: String, profile: String) -> Reply<BatchPreview> {
    state.as_user(|d, _| d.batch_preview(&period, &profile))
}

#[tauri::command]
pub async fn batch_export(
    state: State<'_, AppState>,
    period: String,
    profile: String,
    folder: String,
    on_progress: Channel<BatchProgress>,
) -> Reply<BatchRecord> {
    state.as_user(|d, u| {
        d.batch_export(u, &period, &profile, std::path::Path::new(folder.trim()), &mut |p| {
            // A window closed mid-export must not stop the export.
            let _ = on_progress.send(p);
        })
    })
}

#[tauri::command]
pub async fn batch_history(state: State<'_, AppState>) -> Reply<Vec<BatchRecord>> {
    state.as_user(|d, _| d.batch_history())
}

/// The native folder dialog, opened from here so the window needs no dialog permission.
#[tauri::command]
pub async fn batch_pick_folder(app: AppHandle, state: State<'_, AppState>, start: Option<String>) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    state.current_user()?;
    let mut dialog = app.dialog().file().set_title("选择保存报送文件的文件夹（U 盘）");
    if let Some(dir) = start.filter(|s| std::path::Path::new(s).is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    pick_one_folder(dialog).await
}

/// Shows a batch file in the system's file manager (only files in the history).
#[tauri::command]
pub async fn batch_reveal(state: State<'_, AppState>, id: String) -> Reply<()> {
    let path = state.as_user(|d, _| d.batch_file(&id))?;
    tauri_plugin_opener::reveal_item_in_dir(&path)
        .map_err(|e| ApiError { code: "batch.reveal".into(), message: format!("无法打开文件夹：{e}"), fields: Vec::new() })
}

// ── District mode ───────────────────────────────────────────────────────────────────────────

#[tauri::command]
pub async fn district_offices(state: State<'_, AppState>) -> Reply<Vec<DistrictOffice>> {
    state.as_user(|d, _| d.district_offices())
}

#[tauri::command]
pub async fn district_office_save(state: State<'_, AppState>, office: DistrictOffice, adding: bool) -> Reply<DistrictOffice> {
    state.as_user(|d, u| d.district_office_save(u, &office, adding))
}

/// The native open dialog for batch files (several at once), opened from here like the folder dialog.
#[tauri::command]
pub async fn import_pick_files(app: AppHandle, state: State<'_, AppState>) -> Reply<Vec<String>> {
    use tauri_plugin_dialog::DialogExt;
    state.current_user()?;
    let dialog = app.dialog().file().set_title("选择各司法所的报送文件（可多选）").add_filter("报送文件（Excel）", &["xlsx"]);
    let picked = run_dialog("文件", move || dialog.blocking_pick_files()).await?;
    Ok(picked.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).map(|p| p.display().to_string()).collect())
}

#[tauri::command]
pub async fn import_preview(state: State<'_, AppState>, paths: Vec<String>, on_progress: Channel<ImportProgress>) -> Reply<ImportPreview> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| PathBuf::from(p.trim())).filter(|p| !p.as_os_str().is_empty()).collect();
    state.as_user(|d, u| {
        d.import_preview(u, &paths, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
}

#[tauri::command]
pub async fn import_confirm(state: State<'_, AppState>, token: String, on_progress: Channel<ImportProgress>) -> Reply<ImportPreview> {
    state.as_user(|d, u| {
        d.import_confirm(u, &token, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
}

#[tauri::command]
pub async fn received_batches(state: State<'_, AppState>) -> Reply<Vec<ReceivedBatch>> {
    state.as_user(|d, _| d.received_batches())
}

#[tauri::command]
pub async fn submissions(state: State<'_, AppState>, year: Option<i32>) -> Reply<SubmissionGrid> {
    state.as_user(|d, _| {
        let year = year.unwrap_or_else(|| d.default_submission_year());
        d.submissions(year)
    })
}

#[tauri::command]
pub async fn duplicates(state: State<'_, AppState>) -> Reply<Vec<DuplicateItem>> {
    state.as_user(|d, _| d.duplicates())
}

#[tauri::command]
pub async fn duplicate_decide(state: State<'_, AppState>, first_id: String, second_id: String, decision: String) -> Reply<()> {
    state.as_user(|d, u| d.duplicate_decide(u, &first_id, &second_id, &decision))
}

#[tauri::command]
pub async fn district_statistics(state: State<'_, AppState>, period: String) -> Reply<DistrictStatistics> {
    state.as_user(|d, _| d.district_statistics(&period))
}

#[tauri::command]
pub async fn district_report(state: State<'_, AppState>, period: String, folder: String) -> Reply<ReportResult> {
    state.as_user(|d, u| d.district_report_into(u, &period, std::path::Path::new(folder.trim())))
}

#[tauri::command]
pub async fn district_dashboard(state: State<'_, AppState>) -> Reply<DistrictDashboard> {
    state.as_user(|d, _| d.district_dashboard())
}

// ── Session, accounts, settings ─────────────────────────────────────────────────────────────

/// The event the window hears when the user closes it while it holds unsaved work; it asks, then
/// calls `window_close` if the user gives the work up.
pub const CLOSE_REQUESTED_EVENT: &str = "close-requested";

/// The window tells whether it holds unsaved work (a form, a dialog), so that closing it asks first.
#[tauri::command]
pub async fn window_set_unsaved(state: State<'_, AppState>, unsaved: bool) -> Reply<()> {
    state.unsaved_work.store(unsaved, Ordering::SeqCst);
    Ok(())
}

/// The user chose to close the window and give up the unsaved work.
#[tauri::command]
pub async fn window_close(state: State<'_, AppState>, window: tauri::Window) -> Reply<()> {
    state.unsaved_work.store(false, Ordering::SeqCst);
    window.destroy().map_err(|e| ApiError { code: "window.close".into(), message: format!("无法关闭窗口：{e}"), fields: Vec::new() })
}

/// The window saw the user do something: keeps the session from locking (and tells whether it has).
#[tauri::command]
pub async fn session_touch(state: State<'_, AppState>) -> Reply<()> {
    state.current_user().map(|_| ())
}

#[tauri::command]
pub async fn session_lock(state: State<'_, AppState>) -> Reply<()> {
    state.with_desk(|d| d.session_lock())
}

#[tauri::command]
pub async fn session_unlock(state: State<'_, AppState>, password: String) -> Reply<User> {
    state.with_desk(|d| d.session_unlock(&password))
}

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, old_password: String, new_password: String) -> Reply<()> {
    state.with_desk(|d| d.change_password(&old_password, &new_password))
}

#[tauri::command]
pub async fn users_list(state: State<'_, AppState>) -> Reply<Vec<UserSummary>> {
    state.as_user(|d, u| d.users(u))
}

#[tauri::command]
pub async fn user_create(state: State<'_, AppState>, input: NewUserInput) -> Reply<UserSummary> {
    state.as_user(|d, u| d.user_create(u, input))
}

#[tauri::command]
pub async fn user_update(state: State<'_, AppState>, id: String, input: UserUpdateInput) -> Reply<UserSummary> {
    state.as_user(|d, u| d.user_update(u, &id, input))
}

#[tauri::command]
pub async fn user_reset_password(state: State<'_, AppState>, id: String, password: String) -> Reply<UserSummary> {
    state.as_user(|d, u| d.user_reset_password(u, &id, &password))
}

#[tauri::command]
pub async fn user_unlock(state: State<'_, AppState>, id: String) -> Reply<UserSummary> {
    state.as_user(|d, u| d.user_unlock(u, &id))
}

#[tauri::command]
pub async fn settings_get(state: State<'_, AppState>) -> Reply<Settings> {
    state.as_user(|d, _| d.settings())
}

#[tauri::command]
pub async fn settings_save(state: State<'_, AppState>, input: Settings) -> Reply<Settings> {
    state.as_user(|d, u| d.settings_save(u, input))
}

#[tauri::command]
pub async fn office_update(state: State<'_, AppState>, input: OfficeProfileInput) -> Reply<Office> {
    state.as_user(|d, u| d.update_office(u, input))
}

// ── 操作日志 ─────────────────────────────────────────────────────────────────────────────────

#[tauri::command]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> Reply<Page<AuditListItem>> {
    state.as_user(|d, u| d.audit_list(u, &filter))
}

#[tauri::command]
pub async fn audit_usernames(state: State<'_, AppState>) -> Reply<Vec<String>> {
    state.as_user(|d, u| d.audit_usernames(u))
}

#[tauri::command]
pub async fn audit_check(state: State<'_, AppState>) -> Reply<AuditCheck> {
    let check = state.as_user(|d, _| d.audit_check())?;
    *state.audit_at_start.lock().unwrap_or_else(|p| p.into_inner()) = Some(check.clone());
    Ok(check)
}

#[tauri::command]
pub async fn audit_export(state: State<'_, AppState>, filter: AuditFilter, folder: String) -> Reply<String> {
    state.as_user(|d, u| d.audit_export(u, &filter, std::path::Path::new(folder.trim()))).map(|p| p.display().to_string())
}

// ── Backups ─────────────────────────────────────────────────────────────────────────────────

#[tauri::command]
pub async fn backups_overview(state: State<'_, AppState>) -> Reply<BackupOverview> {
    state.as_user(|d, u| d.backups(u))
}

/// A backup into the typed or chosen folder, or the automatic folder when none is given.
#[tauri::command]
pub async fn backup_create(state: State<'_, AppState>, folder: Option<String>) -> Reply<BackupFile> {
    let folder = folder.map(|f| PathBuf::from(f.trim())).filter(|f| !f.as_os_str().is_empty());
    state.as_user(|d, u| d.backup_create(u, folder.as_deref()))
}

/// The native open dialog for a backup file to restore from.
#[tauri::command]
pub async fn backup_pick_file(app: AppHandle, state: State<'_, AppState>, start: Option<String>) -> Reply<Option<String>> {
    state.as_user(|d, u| d.backups(u))?;
    pick_backup_file(app, start).await
}

/// The open dialog for a backup file, starting in `start` when it is a folder.
async fn pick_backup_file(app: AppHandle, start: Option<String>) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app.dialog().file().set_title("选择要恢复的备份文件").add_filter("司法所工作台备份", &["db"]);
    if let Some(dir) = start.filter(|s| std::path::Path::new(s).is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    pick_one_file(dialog).await
}

/// The native folder dialog for a backup's target folder.
#[tauri::command]
pub async fn backup_pick_folder(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    state.as_user(|d, u| d.backups(u))?;
    let dialog = app.dialog().file().set_title("选择保存备份的文件夹（U 盘）");
    pick_one_folder(dialog).await
}

/// Replaces the database with a backup. The desk is closed for it and opened again on the restored
/// (or, if the restore failed, the untouched) database; everyone has to log in again.
#[tauri::command]
pub async fn backup_restore(state: State<'_, AppState>, file: String) -> Reply<Restored> {
    let file = PathBuf::from(file.trim());
    let mut guard = state.desk.lock().unwrap_or_else(|p| p.into_inner());
    let user = match guard.as_mut() {
        Ok(d) => {
            let u = d.session_user()?;
            d.restore_check(&u, &file)?;
            u
        }
        Err(e) => return Err(ApiError { code: e.code.clone(), message: e.message.clone(), fields: Vec::new() }),
    };
    let closed = std::mem::replace(&mut *guard, Err(ApiError { code: "store.restoring".into(), message: "正在从备份恢复，请稍候。".into(), fields: Vec::new() }));
    drop(closed);
    match Desk::restore(&state.db_path, state.clock.clone(), &user, &file) {
        Ok((mut desk, restored)) => {
            if let Some(s) = idle_override() {
                desk.override_idle_limit(s);
            }
            *state.audit_at_start.lock().unwrap_or_else(|p| p.into_inner()) = desk.audit_check().ok();
            *guard = Ok(desk);
            Ok(restored)
        }
        Err(e) => {
            let (desk, damage) = open_desk(&state.db_path, state.clock.clone());
            *guard = desk;
            *state.damage.lock().unwrap_or_else(|p| p.into_inner()) = damage;
            Err(e.into())
        }
    }
}

impl AppState {
    /// What the start-up check found, when the database is damaged; otherwise the refusal.
    fn damage(&self) -> Reply<String> {
        self.damage.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| ApiError {
            code: "store.not_damaged".into(),
            message: "数据库完好，无需在此恢复；如需恢复备份，请登录后在“数据备份”中操作。".into(),
            fields: Vec::new(),
        })
    }
}

/// The native file dialog for the backup that is to replace a damaged database.
#[tauri::command]
pub async fn damaged_pick_file(app: AppHandle, state: State<'_, AppState>, start: Option<String>) -> Reply<Option<String>> {
    state.damage()?;
    pick_backup_file(app, start).await
}

/// Replaces a damaged database with a backup; an administrator of the backup confirms it with
/// their password there. Nobody is logged in afterwards.
#[tauri::command]
pub async fn damaged_restore(state: State<'_, AppState>, file: String, username: String, password: String) -> Reply<Restored> {
    let damage = state.damage()?;
    let mut guard = state.desk.lock().unwrap_or_else(|p| p.into_inner());
    let (mut desk, restored) =
        Desk::restore_damaged(&state.db_path, state.clock.clone(), &PathBuf::from(file.trim()), &username, &password, &damage)?;
    if let Some(s) = idle_override() {
        desk.override_idle_limit(s);
    }
    *state.audit_at_start.lock().unwrap_or_else(|p| p.into_inner()) = desk.audit_check().ok();
    *guard = Ok(desk);
    *state.damage.lock().unwrap_or_else(|p| p.into_inner()) = None;
    Ok(restored)
}

/// Runs a native dialog off the async runtime's threads (it blocks until the user answers).
async fn run_dialog<T: Send + 'static>(what: &str, show: impl FnOnce() -> T + Send + 'static) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(show)
        .await
        .map_err(|e| ApiError { code: "dialog".into(), message: format!("无法打开选择{what}的窗口：{e}"), fields: Vec::new() })
}

/// The chosen file of an open dialog, or None when the user cancelled.
async fn pick_one_file(dialog: tauri_plugin_dialog::FileDialogBuilder<tauri::Wry>) -> Reply<Option<String>> {
    let picked = run_dialog("文件", move || dialog.blocking_pick_file()).await?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}

/// The chosen folder of a folder dialog, or None when the user cancelled.
async fn pick_one_folder(dialog: tauri_plugin_dialog::FileDialogBuilder<tauri::Wry>) -> Reply<Option<String>> {
    let picked = run_dialog("文件夹", move || dialog.blocking_pick_folder()).await?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
}
