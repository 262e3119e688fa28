//! The desk: the one entry point the shell and the CLI use. It owns the store and the clock,
//! checks every input, enforces roles and writes the audit entry of every change in the change's
//! own transaction.

use crate::accounts::{self, User};
use crate::audit::{self, Change};
use crate::calendar::{Calendar, DayKind};
use crate::clock::{instant_string, Clock};
use crate::error::{Error, FieldError, Result};
use crate::mediation::{self, Deadline, MediationCase, MediationCaseInput, MediationFilter, MediationListItem};
use crate::page::Page;
use crate::office::{self, Office, SetupInput};
use crate::store::{self, mediation::CaseMeta, Store};
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;

mod audit_log;
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub record_kind: String,
    pub record_id: String,
    pub case_no: String,
    pub parties_text: String,
    pub deadline: Deadline,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub today: String,
    pub counts: DashboardCounts,
    pub legal_aid: LegalAidCounts,
    /// Mediation and legal-aid items together, most urgent first.
    pub due_items: Vec<DueItem>,
    /// 社区矫正 今日任务.
    pub correction: crate::correction::CorrectionToday,
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
    if actor.can_write_records() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
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

/// A stored record whose body no longer reads: named, never silently skipped when opened.
fn corrupt(what: &str, e: serde_json::Error) -> Error {
    Error::Corrupt { detail: format!("{what}的内容无法读取：{e}") }
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("records serialise")
}

impl Desk {
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Desk> {
        let mut store = Store::open(path)?;
        legal_aid::refresh_due_dates_if_rules_changed(&mut store, clock.today())?;
        Ok(Desk { store, clock, import_plan: None, session: None, idle_override: None })
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
        let role = accounts::admin_role_for_mode(&office.mode).to_string();
        let user = User { id: uuid::Uuid::now_v7().to_string(), username, display_name, role };
        let now = self.now();
        self.store.write(|tx| {
            store::office::insert(tx, &office, &now)?;
            store::accounts::insert(tx, &user, &hash, &now)?;
            audit::append(tx, Some(&user), "", &now, Change {
                action: "setup",
                record_kind: "office",
                record_id: Some(&office.code),
                before: None,
                after: Some(to_json(&office)),
            })?;
            audit::append(tx, Some(&user), "", &now, Change {
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

    fn to_case(&self, meta: CaseMeta, body: &str) -> Result<MediationCase> {
        let input: MediationCaseInput = serde_json::from_str(body)
            .map_err(|e| Error::Corrupt { detail: format!("案件{}的内容无法读取：{e}", meta.case_no) })?;
        let deadlines = mediation::deadlines(&input, self.today());
        Ok(MediationCase {
            input,
            id: meta.id,
            office_code: meta.office_code,
            case_no: meta.case_no,
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            created_by: meta.created_by,
            updated_by: meta.updated_by,
            deadlines,
        })
    }

    pub fn mediation_get(&self, id: &str) -> Result<MediationCase> {
        let (meta, body) = store::mediation::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: "调解案件" })?;
        self.to_case(meta, &body)
    }

    /// Registers a new case; the case number is assigned here and never reused.
    pub fn mediation_create(&mut self, actor: &User, mut input: MediationCaseInput) -> Result<MediationCase> {
        require_writer(actor)?;
        let office = self.require_office()?;
        let facts = mediation::validate(&mut input, self.today())?;
        let now = self.now();
        let year = mediation::case_year(facts.accepted_on);
        let id = uuid::Uuid::now_v7().to_string();
        let body = to_json(&input);
        let meta = self.store.write(|tx| {
            let mut meta = numbered_meta(tx, &office, year, id.clone(), &now, actor)?;
            meta.rid = store::mediation::insert(tx, &store::mediation::CaseRow { meta: &meta, input: &input, facts: &facts, body: &body })?;
            audit::append(tx, Some(actor), "", &now, Change {
                action: "create",
                record_kind: "mediation_case",
                record_id: Some(&id),
                before: None,
                after: Some(audit_body(&meta, &body)),
            })?;
            Ok(meta)
        })?;
        self.to_case(meta, &body)
    }

    /// Saves a new version of a case. `version` is the version the user edited; if someone
    /// saved in between, the save is refused rather than overwriting their work.
    pub fn mediation_update(&mut self, actor: &User, id: &str, version: i64, mut input: MediationCaseInput) -> Result<MediationCase> {
        require_writer(actor)?;
        let today = self.today();
        let now = self.now();
        let (old_meta, old_body) = store::mediation::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: "调解案件" })?;
        if old_meta.version != version {
            return Err(Error::VersionConflict { current: old_meta.version });
        }
        let old: MediationCaseInput = serde_json::from_str(&old_body).map_err(|e| Error::Corrupt { detail: e.to_string() })?;
        let facts = mediation::validate(&mut input, today)?;
        if !mediation::can_move(&old.state, &input.state) {
            let label = |s: &str| crate::codes::label("mediationState", s).unwrap_or("未知").to_string();
            return Err(Error::field(
                "state",
                "validation.state_transition",
                format!("案件状态不能从“{}”改为“{}”", label(&old.state), label(&input.state)),
            ));
        }
        if mediation::case_year(facts.accepted_on) != old_meta.case_year {
            return Err(Error::field(
                "acceptedOn",
                "validation.case_year",
                format!("受理日期的年份须与案件编号的年份（{}年）一致", old_meta.case_year),
            ));
        }
        if input == old {
            return self.to_case(old_meta, &old_body);
        }
        let body = to_json(&input);
        let mut meta = old_meta.clone();
        meta.version += 1;
        meta.updated_at = now.clone();
        meta.updated_by = actor.username.clone();
        self.store.write(|tx| {
            store::mediation::update(tx, &store::mediation::CaseRow { meta: &meta, input: &input, facts: &facts, body: &body })?;
            audit::append(tx, Some(actor), "", &now, Change {
                action: "update",
                record_kind: "mediation_case",
                record_id: Some(id),
                before: Some(audit_body(&old_meta, &old_body)),
                after: Some(audit_body(&meta, &body)),
            })?;
            Ok(())
        })?;
        self.to_case(meta, &body)
    }

    /// Tombstones a case: it leaves the lists, keeps its number, and the deletion is audited.
    pub fn mediation_delete(&mut self, actor: &User, id: &str, version: i64) -> Result<()> {
        require_writer(actor)?;
        let now = self.now();
        let (meta, body) = store::mediation::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: "调解案件" })?;
        if meta.version != version {
            return Err(Error::VersionConflict { current: meta.version });
        }
        self.store.write(|tx| {
            store::mediation::tombstone(tx, meta.rid, meta.version + 1, &now, &actor.username)?;
            audit::append(tx, Some(actor), "", &now, Change {
                action: "delete",
                record_kind: "mediation_case",
                record_id: Some(id),
                before: Some(audit_body(&meta, &body)),
                after: None,
            })?;
            Ok(())
        })
    }

    pub fn mediation_list(&self, filter: &MediationFilter) -> Result<Page<MediationListItem>> {
        let q = self.list_query(filter)?;
        let page = store::mediation::list(self.store.conn(), &q)?;
        let today = self.today();
        let items = page
            .items
            .into_iter()
            .map(|(mut item, body)| {
                if let Ok(input) = serde_json::from_str::<MediationCaseInput>(&body) {
                    item.deadline = mediation::deadlines(&input, today).into_iter().next();
                }
                item
            })
            .collect();
        Ok(Page { items, total: page.total, total_capped: page.total_capped })
    }

    fn list_query(&self, f: &MediationFilter) -> Result<store::mediation::ListQuery> {
        let mut errors = Vec::new();
        let accepted_from = filter_date(&mut errors, "acceptedFrom", "受理日期起", &f.accepted_from);
        let accepted_to = filter_date(&mut errors, "acceptedTo", "受理日期止", &f.accepted_to);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let terms = search_terms(&f.query, "搜索内容每个词至少两个字（两个字时按姓名查找）")?;
        let page_size = f.page_size.clamp(1, MAX_PAGE_SIZE);
        let page = f.page.clamp(1, 1_000_000);
        let terms_present = !terms.is_empty() || clean(&f.mediator).is_some();
        Ok(store::mediation::ListQuery {
            terms,
            state: clean(&f.state),
            dispute_type: clean(&f.dispute_type),
            accepted_from,
            accepted_to,
            mediator: clean(&f.mediator),
            overdue_before: f.overdue_only.then(|| self.today().to_string()),
            limit: page_size,
            offset: (page - 1) * page_size,
            count_cap: if terms_present { COUNT_CAP_TEXT } else { COUNT_CAP },
        })
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
            for d in mediation::deadlines(&input, today) {
                if d.level != "upcoming" || d.days_left <= DASHBOARD_HORIZON_DAYS {
                    due_items.push(DueItem {
                        record_kind: "mediation".into(),
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
                        record_kind: "legal_aid".into(),
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
        let warning = due_items.iter().filter(|d| d.record_kind == "mediation" && d.deadline.level == "warning").count() as i64;
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
        })
    }

    /// The office's holiday calendar, for counting legal time limits.
    pub fn calendar(&self) -> Result<Calendar> {
        Ok(Calendar::new(store::holidays::all(self.store.conn())?.into_iter().map(|(d, k, _)| (d, k))))
    }

    pub fn holidays(&self) -> Result<Vec<HolidayEntry>> {
        Ok(store::holidays::all(self.store.conn())?
            .into_iter()
            .map(|(day, kind, name)| HolidayEntry {
                day: day.to_string(),
                kind: if kind == DayKind::Workday { "workday" } else { "holiday" }.into(),
                name,
            })
            .collect())
    }

    /// Adds or changes a day of the holiday calendar (office head only: it moves legal deadlines).
    pub fn holiday_set(&mut self, actor: &User, entry: HolidayEntry) -> Result<HolidayEntry> {
        require_head(actor)?;
        let mut errors = Vec::new();
        let day = crate::validate::parse_date(&entry.day)
            .map_err(|e| errors.push(FieldError::new("day", "validation.date", format!("日期：{e}"))))
            .ok();
        let kind = match entry.kind.as_str() {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => {
                errors.push(FieldError::new("kind", "validation.code", "请选择“节假日”或“调休上班”"));
                None
            }
        };
        if let (Some(d), Some(DayKind::Workday)) = (day, kind) {
            if !matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
                errors.push(FieldError::new("kind", "validation.workday", "调休上班日应为周六或周日"));
            }
        }
        let name = crate::validate::check_text(&entry.name, 20)
            .map_err(|e| errors.push(FieldError::new("name", "validation.too_long", format!("名称{e}"))))
            .unwrap_or_default();
        let (Some(day), Some(kind), true) = (day, kind, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let saved = HolidayEntry { day: day.to_string(), kind: entry.kind.clone(), name };
        let now = self.now();
        let today = self.today();
        self.store.write(|tx| {
            let before = store::holidays::get(tx, day)?.map(|(k, n)| to_json(&HolidayEntry { day: day.to_string(), kind: k, name: n }));
            store::holidays::put(tx, day, kind, &saved.name)?;
            legal_aid::recompute_due_dates(tx, today)?;
            audit::append(tx, Some(actor), "", &now, Change {
                action: "holiday.set",
                record_kind: "holiday",
                record_id: Some(&saved.day),
                before,
                after: Some(to_json(&saved)),
            })?;
            Ok(())
        })?;
        Ok(saved)
    }

    pub fn holiday_remove(&mut self, actor: &User, day: &str) -> Result<()> {
        require_head(actor)?;
        let day = crate::validate::parse_date(day).map_err(|e| Error::field("day", "validation.date", format!("日期：{e}")))?;
        let now = self.now();
        let today = self.today();
        self.store.write(|tx| {
            let Some((k, n)) = store::holidays::get(tx, day)? else {
                return Err(Error::NotFound { what: "该日期的节假日设置" });
            };
            store::holidays::remove(tx, day)?;
            legal_aid::recompute_due_dates(tx, today)?;
            audit::append(tx, Some(actor), "", &now, Change {
                action: "holiday.remove",
                record_kind: "holiday",
                record_id: Some(&day.to_string()),
                before: Some(to_json(&HolidayEntry { day: day.to_string(), kind: k, name: n })),
                after: None,
            })?;
            Ok(())
        })
    }

    /// The sequence number of the first broken audit entry, or None when the chain is intact.
    pub fn verify_audit(&self) -> Result<Option<i64>> {
        audit::verify(self.store.conn())
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

    /// Bulk insert used by the demo generator: one transaction per call, one audit entry for it.
    /// Refused on a database that holds cases entered by people, so demo data never mixes with
    /// real records.
    pub fn import_generated(&mut self, cases: Vec<MediationCaseInput>, what: &str) -> Result<usize> {
        let office = self.require_office()?;
        self.refuse_demo_on_real_data()?;
        let now = self.now();
        let today = self.today();
        let actor = User::system();
        let n = cases.len();
        self.store.write(|tx| {
            for mut input in cases {
                let facts = mediation::validate(&mut input, today)?;
                let year = mediation::case_year(facts.accepted_on);
                let meta = numbered_meta(tx, &office, year, uuid::Uuid::now_v7().to_string(), &now, &actor)?;
                let body = to_json(&input);
                store::mediation::insert(tx, &store::mediation::CaseRow { meta: &meta, input: &input, facts: &facts, body: &body })?;
            }
            audit::append(tx, Some(&actor), "", &now, Change {
                action: "demo.generate",
                record_kind: "mediation_case",
                record_id: None,
                before: None,
                after: Some(format!("{{\"count\":{n},\"what\":{}}}", serde_json::Value::String(what.into()))),
            })?;
            Ok(())
        })?;
        Ok(n)
    }
}

/// One exception to Monday–Friday in the office's holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HolidayEntry {
    /// "YYYY-MM-DD"
    pub day: String,
    /// `holiday` (法定节假日) or `workday` (调休上班).
    pub kind: String,
    /// e.g. 国庆节
    pub name: String,
}

/// The metadata of a new case, with the next number of its office and year (inside `tx`).
fn numbered_meta(tx: &rusqlite::Transaction<'_>, office: &Office, year: i32, id: String, now: &str, actor: &User) -> Result<CaseMeta> {
    let seq = store::office::next_sequence(tx, &office.code, mediation::CASE_NO_KIND, year)?;
    Ok(CaseMeta {
        rid: 0,
        id,
        office_code: office.code.clone(),
        case_no: mediation::format_case_no(year, &office.short_name, seq),
        case_year: year,
        case_seq: seq,
        version: 1,
        created_at: now.to_string(),
        updated_at: now.to_string(),
        created_by: actor.username.clone(),
        updated_by: actor.username.clone(),
        deleted_at: None,
    })
}

/// The audit copy of a case: its body plus the identifying metadata.
fn audit_body(meta: &CaseMeta, body: &str) -> String {
    audit_record(&meta.case_no, meta.version, body)
}

/// The audit copy of a record: its number (when it has one), version and body.
fn audit_record(number: &str, version: i64, body: &str) -> String {
    if number.is_empty() {
        format!("{{\"version\":{version},\"record\":{body}}}")
    } else {
        format!("{{\"caseNo\":{},\"version\":{version},\"record\":{body}}}", serde_json::Value::String(number.to_string()))
    }
}
