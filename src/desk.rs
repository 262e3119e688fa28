//! The desk: the one entry point the shell and the CLI use. It owns the store and the clock,
//! checks every input, enforces roles and writes the audit entry of every change in the change's
//! own transaction.

use crate::accounts::{self, User};
use crate::audit::Change;
use crate::calendar::Calendar;
use crate::clock::{instant_string, Clock};
use crate::error::{Error, FieldError, Result};
use crate::mediation::{Deadline, MediationCaseInput};
use crate::office::{self, Office, SetupInput};
use crate::record::{Actor, WorkArea};
use crate::store::{self, Store};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

mod audit_log;
mod change;
mod mediation;
mod backups;
pub use backups::{damaged_database, BackupOverview, DamagedDatabase};
mod users;
pub use users::{SessionStatus, Settings};
mod batch;
pub use batch::BatchPlan;
mod correction;
mod district;
pub use district::ImportPlan;
mod legal_aid;
mod holidays;
pub use crate::holiday_file::HolidayEntry;
pub use holidays::HolidayImport;

pub struct Desk {
    store: Store,
    clock: Arc<dyn Clock>,
    /// Batch files read for an import preview, kept until the user confirms or starts over.
    import_plan: Option<district::ImportPlan>,
    /// Who is logged in at this desk, if anyone (the desktop application has one session).
    session: Option<users::Session>,
    /// A shorter idle limit than the settings' minutes, for tests of the idle lock.
    idle_override: Option<Duration>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk").field("store", &self.store).field("today", &self.today()).finish()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    /// Whose deadline: 人民调解 (a case) or 法律援助 (an application).
    pub record_kind: WorkArea,
    pub record_id: String,
    pub case_no: String,
    pub parties_text: String,
    pub deadline: Deadline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardCounts {
    pub active_cases: i64,
    pub accepted_this_month: i64,
    pub mediating: i64,
    pub overdue: i64,
    pub warning: i64,
    pub agreed_this_year: i64,
    pub closed_this_year: i64,
    pub success_rate_this_year: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LegalAidCounts {
    /// 人次 this month.
    pub consultations_this_month: i64,
    pub applications_this_month: i64,
    /// Received, supplementing or under review: not yet decided.
    pub awaiting_decision: i64,
    pub supplementing: i64,
    /// Granted or notified but not yet assigned.
    pub awaiting_assignment: i64,
    /// Applications with an overdue running clock.
    pub overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub today: String,
    pub counts: DashboardCounts,
    pub legal_aid: LegalAidCounts,
    /// Mediation and legal-aid items together, most urgent first.
    pub due_items: Vec<DueItem>,
    /// 社区矫正 今日任务.
    pub correction: crate::correction::CorrectionToday,
    /// Years the legal clocks need whose holiday calendar is empty (`Desk::holiday_years_missing`).
    pub holiday_years_missing: Vec<i32>,
}

/// Live records of each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordCounts {
    pub mediation_cases: i64,
    pub consultations: i64,
    pub legal_aid_applications: i64,
    pub correction_subjects: i64,
    /// Subjects on the register: reported, announced or under supervision.
    pub correction_registered: i64,
    pub correction_events: i64,
}

/// Page sizes the list accepts, and where counting stops.
const MAX_PAGE_SIZE: i64 = 200;
const COUNT_CAP: i64 = 10_000;
/// How far ahead 工作台 looks for deadlines.
const DASHBOARD_HORIZON_DAYS: i64 = 7;
/// Overdue items listed on 工作台 (all are counted); the rest are one click away in the list.
const DASHBOARD_OVERDUE_ITEMS: i64 = 300;
/// Where counting stops when a search or a text filter makes counting expensive.
const COUNT_CAP_TEXT: i64 = 1_000;

fn require_writer(actor: &User) -> Result<()> {
    change::require_writer(Actor::User(actor))
}

fn require_head(actor: &User) -> Result<()> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// A filter value as typed: trimmed, `None` when empty.
fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Search terms as typed: half-width, brackets normalised, at most 8 words of 50 characters; a
/// one-character word is refused with `too_short`.
fn search_terms(query: &Option<String>, too_short: &str) -> Result<Vec<String>> {
    let q = clean(query).map(|q| crate::validate::normalize_doc_brackets(&crate::validate::to_half_width(&q))).unwrap_or_default();
    let terms: Vec<String> = q.split_whitespace().take(8).map(|t| t.chars().take(50).collect()).collect();
    if terms.iter().any(|t| t.chars().count() < 2) {
        return Err(Error::field("query", "validation.query_too_short", too_short));
    }
    Ok(terms)
}

/// A date filter as ISO, or a field error in `errors`.
fn filter_date(errors: &mut Vec<FieldError>, field: &str, label: &str, v: &Option<String>) -> Option<String> {
    match clean(v) {
        None => None,
        Some(s) => match crate::validate::parse_date(&s) {
            Ok(d) => Some(d.to_string()),
            Err(e) => {
                errors.push(FieldError::new(field, "validation.date", format!("{label}：{e}")));
                None
            }
        },
    }
}

/// A list filter's date range, each end optional and given as (field, label, value): the ISO
/// dates, or the field errors of both ends.
fn filter_dates(from: (&str, &str, &Option<String>), to: (&str, &str, &Option<String>)) -> Result<(Option<String>, Option<String>)> {
    let mut errors = Vec::new();
    let from = filter_date(&mut errors, from.0, from.1, from.2);
    let to = filter_date(&mut errors, to.0, to.1, to.2);
    if errors.is_empty() {
        Ok((from, to))
    } else {
        Err(Error::Validation(errors))
    }
}

/// (limit, offset) of list page `page` (from 1) of `page_size` rows, both kept in bounds.
fn page_window(page: i64, page_size: i64) -> (i64, i64) {
    let page_size = page_size.clamp(1, MAX_PAGE_SIZE);
    (page_size, (page.clamp(1, 1_000_000) - 1) * page_size)
}

/// A stored record whose body no longer reads: named, never silently skipped when opened.
fn corrupt(what: &str, e: serde_json::Error) -> Error {
    Error::Corrupt { detail: format!("{what}的内容无法读取：{e}") }
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("records serialise")
}

impl Desk {
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        let mut store = Store::open_unmigrated(path)?;
        if let Some(office) = store.office_before_migration()? {
            // A migration changes the structure of the office's data: a verified copy first.
            let folder = crate::backup::default_folder(path);
            crate::backup::create(store.conn(), &folder, &office.code, crate::backup::BackupKind::Premigration, clock.now(), usize::MAX, &crate::backup::no_faults)?;
        }
        store.migrate()?;
        legal_aid::refresh_due_dates_if_rules_changed(&mut store, clock.today())?;
        Ok(Desk { store, clock, import_plan: None, session: None, idle_override: None })
    }

    /// Where the database is: `--db` wins, then `SIFA_DB`, then the app-data folder.
    pub fn database_path(flag: Option<std::path::PathBuf>) -> std::path::PathBuf {
        store::resolve_database_path(flag)
    }

    /// Creates a new database at `path` and sets it up; refuses a path that already holds a file.
    pub fn create(path: &Path, clock: Arc<dyn Clock>, input: SetupInput) -> Result<(Desk, Office)> {
        if path.exists() && std::fs::metadata(path)?.len() > 0 {
            return Err(Error::DatabaseExists { path: path.display().to_string() });
        }
        let mut desk = Desk::open(path, clock)?;
        match desk.setup(input) {
            Ok(office) => Ok((desk, office)),
            Err(e) => {
                // Leave nothing behind, so that a corrected retry is not refused as "exists".
                drop(desk);
                for suffix in ["", "-wal", "-shm", ".lock"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
                Err(e)
            }
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    fn now(&self) -> String {
        instant_string(self.clock.now())
    }

    pub fn office(&self) -> Result<Option<Office>> {
        store::office::get(self.store.conn())
    }

    fn require_office(&self) -> Result<Office> {
        self.office()?.ok_or(Error::NotSetUp)
    }

    /// First run: the office profile and its first administrator (role 所长).
    pub fn setup(&mut self, input: SetupInput) -> Result<Office> {
        if self.office()?.is_some() {
            return Err(Error::AlreadySetUp);
        }
        let mut errors = Vec::new();
        let office = office::validate_office(&input).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        let username = accounts::check_username("adminUsername", &input.admin_username)
            .map_err(|e| errors.extend(e.fields().to_vec()))
            .ok();
        let display_name = input.admin_display_name.trim().to_string();
        if display_name.is_empty() || display_name.chars().count() > 20 {
            errors.push(FieldError::new("adminDisplayName", "validation.required", "请填写管理员姓名（不超过20个字）"));
        }
        if let Err(e) = accounts::check_password("adminPassword", &input.admin_password) {
            errors.extend(e.fields().to_vec());
        }
        let (Some(office), Some(username), true) = (office, username, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let hash = accounts::hash_password(&input.admin_password)?;
        let role = accounts::admin_role_for_mode(office.mode);
        let user = User { id: uuid::Uuid::now_v7().to_string(), username, display_name, role };
        let now = self.now();
        self.store.write(|tx| {
            store::office::insert(tx, &office, &now)?;
            store::accounts::insert(tx, &user, &hash, &now)?;
            store::audit::append(tx, Actor::User(&user), &now, Change {
                action: "setup",
                record_kind: "office",
                record_id: Some(&office.code),
                before: None,
                after: Some(to_json(&office)),
            })?;
            store::audit::append(tx, Actor::User(&user), &now, Change {
                action: "user.create",
                record_kind: "user",
                record_id: Some(&user.id),
                before: None,
                after: Some(to_json(&user)),
            })?;
            Ok(())
        })?;
        Ok(office)
    }

    /// An administrator corrects the office profile (name, 简称, 所属区县); audited. Case numbers
    /// already given keep the 简称 they were given with.
    pub fn update_office(&mut self, actor: &User, input: office::OfficeProfileInput) -> Result<Office> {
        require_head(actor)?;
        let before = self.require_office()?;
        let after = office::validate_profile(&before, &input)?;
        if after == before {
            return Ok(after);
        }
        let now = self.now();
        self.store.write(|tx| {
            store::office::update_profile(tx, &after)?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "office.update",
                record_kind: "office",
                record_id: Some(&after.code),
                before: Some(to_json(&before)),
                after: Some(to_json(&after)),
            })?;
            Ok(())
        })?;
        Ok(after)
    }

    /// 工作台: counts and every overdue or soon-due item, most urgent first.
    pub fn dashboard(&self) -> Result<Dashboard> {
        let today = self.today();
        let conn = self.store.conn();
        let month_start = today.with_day(1).expect("day 1");
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("jan 1");
        let c = store::mediation::counts(conn, &today.to_string(), &month_start.to_string(), &year_start.to_string())?;
        let horizon = (today + Duration::days(DASHBOARD_HORIZON_DAYS)).to_string();
        let judicial_horizon = (today + Duration::days(crate::codes::time_limit("mediation.judicial_confirm").warn_days)).to_string();
        let mut due_items = Vec::new();
        for (id, case_no, parties_text, body) in store::mediation::due_cases(conn, &today.to_string(), &horizon, &judicial_horizon, DASHBOARD_OVERDUE_ITEMS)? {
            let Ok(input) = serde_json::from_str::<MediationCaseInput>(&body) else { continue };
            for d in crate::mediation::deadlines(&input, today) {
                if d.level != "upcoming" || d.days_left <= DASHBOARD_HORIZON_DAYS {
                    due_items.push(DueItem {
                        record_kind: WorkArea::Mediation,
                        record_id: id.clone(),
                        case_no: case_no.clone(),
                        parties_text: parties_text.clone(),
                        deadline: d,
                    });
                }
            }
        }
        let cal = self.calendar()?;
        for (id, number, body) in store::legal_aid::application_due(conn, &today.to_string(), &horizon, DASHBOARD_OVERDUE_ITEMS)? {
            let Ok(input) = serde_json::from_str::<crate::legal_aid::LegalAidInput>(&body) else { continue };
            for d in crate::legal_aid::deadlines(&input, &cal, today) {
                if d.level != "upcoming" || d.days_left <= DASHBOARD_HORIZON_DAYS {
                    due_items.push(DueItem {
                        record_kind: WorkArea::LegalAid,
                        record_id: id.clone(),
                        case_no: number.clone(),
                        parties_text: crate::legal_aid::display_text(&input),
                        deadline: d,
                    });
                }
            }
        }
        // Most urgent first; a clock standing still after every running one.
        due_items.sort_by(|a, b| {
            (a.deadline.level == "paused", a.deadline.days_left, &a.case_no).cmp(&(b.deadline.level == "paused", b.deadline.days_left, &b.case_no))
        });
        let la = store::legal_aid::counts(conn, &month_start.to_string(), &today.to_string())?;
        let warning = due_items.iter().filter(|d| d.record_kind == WorkArea::Mediation && d.deadline.level == "warning").count() as i64;
        let concluded = c.agreed_in_year + c.failed_in_year;
        Ok(Dashboard {
            today: today.to_string(),
            counts: DashboardCounts {
                active_cases: c.active,
                accepted_this_month: c.accepted_between,
                mediating: c.mediating,
                overdue: c.overdue,
                warning,
                agreed_this_year: c.agreed_in_year,
                closed_this_year: c.closed_in_year,
                success_rate_this_year: (concluded > 0).then(|| c.agreed_in_year as f64 / concluded as f64),
            },
            legal_aid: LegalAidCounts {
                consultations_this_month: la.consultations_between,
                applications_this_month: la.applications_between,
                awaiting_decision: la.awaiting_decision,
                supplementing: la.supplementing,
                awaiting_assignment: la.awaiting_assignment,
                overdue: la.overdue,
            },
            due_items,
            correction: self.correction_today(&cal)?,
            holiday_years_missing: self.holiday_years_missing()?,
        })
    }

    /// The office's holiday calendar, for counting legal time limits.
    pub fn calendar(&self) -> Result<Calendar> {
        Ok(Calendar::new(store::holidays::all(self.store.conn())?.into_iter().map(|(d, k, _)| (d, k))))
    }

    /// How many live records of each kind the office keeps (the command line's `status`).
    pub fn record_counts(&self) -> Result<RecordCounts> {
        let conn = self.store.conn();
        let mediation_cases = store::mediation::count_live(conn)?;
        let (consultations, legal_aid_applications) = store::legal_aid::count_live(conn)?;
        let (correction_subjects, correction_registered, correction_events) = store::correction::count_live(conn)?;
        Ok(RecordCounts { mediation_cases, consultations, legal_aid_applications, correction_subjects, correction_registered, correction_events })
    }

    /// The sequence number of the first broken audit entry, or None when the chain is intact.
    pub fn verify_audit(&self) -> Result<Option<i64>> {
        store::audit::verify(self.store.conn())
    }

    /// Demo data never mixes with records entered by people (of any kind, deleted ones included).
    fn refuse_demo_on_real_data(&self) -> Result<()> {
        let generator = User::system().username;
        let conn = self.store.conn();
        let entered = store::mediation::count_entered_by_users(conn, &generator)?
            + store::legal_aid::count_entered_by_users(conn, &generator)?
            + store::correction::count_entered_by_users(conn, &generator)?;
        if entered > 0 {
            return Err(Error::DemoOnRealData);
        }
        Ok(())
    }

}

/// The audit copy of a record: its number (when it has one), version and body.
fn audit_record(number: &str, version: i64, body: &str) -> String {
    if number.is_empty() {
        format!("{{\"version\":{version},\"record\":{body}}}")
    } else {
        format!("{{\"caseNo\":{},\"version\":{version},\"record\":{body}}}", serde_json::Value::String(number.to_string()))
    }
}
