//! The monthly batch (月度报送, format v1; DESIGN.md "The monthly batch"): one office, one period,
//! one `.xlsx` for people and machines at once. This module builds the workbook as plain data
//! (`grid::Sheet`), seals it with a digest over every cell, writes it safely, and reads any file
//! back to verify it. The desk supplies the records; nothing here touches the database.

use crate::codes;
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

pub mod fields;
pub mod grid;
pub mod ledger;
pub mod stats;
pub mod verify;
pub mod xlsx;

pub use stats::{StatColumn, StatRow, StatTable};
pub use verify::{verify_file, VerifyReport};

/// The format this build writes and reads. A district refuses other versions by name.
pub const FORMAT: &str = "sifa-batch";
/// 1.1: the sheets' digests read values in the canonical form that survives a spreadsheet
/// program's save (`grid::Canon`); files of format 1 are still read.
pub const FORMAT_VERSION: &str = "1.1";
/// Name of the very hidden manifest sheet.
pub const META_SHEET: &str = "_meta";
const COVER_CONTENT: &str = "报送单位、期间、各表行数和校验码";
const STATISTICS_CONTENT: &str = "统计表，口径见表下说明";

/// The cover row that shows the digest; the one cell the digest cannot cover.
pub const COVER_DIGEST_LABEL: &str = "数据校验码（SHA-256）";
pub const CONFIDENTIAL: &str = "内部资料 注意保密";
pub const COVER_SHEET: &str = "封面";

/// Which export: the district's internal ledger, a masked copy to share, or figures only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "BatchProfile")]
pub enum Profile {
    Full,
    Masked,
    Summary,
}

impl Profile {
    pub fn parse(s: &str) -> Result<Profile> {
        match s.trim() {
            "full" => Ok(Profile::Full),
            "masked" => Ok(Profile::Masked),
            "summary" => Ok(Profile::Summary),
            _ => Err(Error::field("profile", "validation.batch_profile", "报送类型应为完整台账（full）、脱敏台账（masked）或统计汇总（summary）")),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Profile::Full => "full",
            Profile::Masked => "masked",
            Profile::Summary => "summary",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Profile::Full => "完整台账",
            Profile::Masked => "脱敏台账",
            Profile::Summary => "统计汇总",
        }
    }

    pub fn has_ledgers(self) -> bool {
        self != Profile::Summary
    }
}

/// A reporting month: the calendar month (the cut-off day of DOMAIN.md §7 is not used yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// `YYYY-MM`, not after the month of `today`.
    pub fn parse(s: &str, today: NaiveDate) -> Result<Period> {
        let bad = || Error::field("period", "validation.batch_period", "报送月份格式应为“年-月”，例如 2026-10");
        let s = crate::validate::to_half_width(s.trim());
        let (y, m) = s.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(bad());
        }
        let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        let start = NaiveDate::from_ymd_opt(y, m, 1).filter(|_| y >= 2000).ok_or_else(bad)?;
        if start > today {
            return Err(Error::field("period", "validation.batch_period_future", "报送月份不能晚于本月"));
        }
        Ok(Period { start, end: month_end(start) })
    }

    pub fn key(&self) -> String {
        format!("{:04}-{:02}", self.start.year(), self.start.month())
    }

    /// For file names: `YYYYMM`.
    pub fn compact(&self) -> String {
        format!("{:04}{:02}", self.start.year(), self.start.month())
    }

    pub fn label(&self) -> String {
        format!("{}年{}月", self.start.year(), self.start.month())
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.start <= d && d <= self.end
    }

    /// 1 January of the period's year: the start of 本年累计.
    pub fn year_start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start.year(), 1, 1).expect("1 January")
    }
}

pub fn month_end(first: NaiveDate) -> NaiveDate {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.expect("valid month").pred_opt().expect("valid day")
}

/// `{office_code}_{YYYYMM}_{profile}_{sequence:03}.xlsx`: ASCII only, never a person's name.
pub fn file_name(office_code: &str, period: &Period, profile: Profile, sequence: i64) -> String {
    format!("{office_code}_{}_{}_{sequence:03}.xlsx", period.compact(), profile.code())
}

/// One sheet of a batch as the preview and the history list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SheetCount {
    pub name: String,
    pub content: String,
    /// Data rows of a ledger; 0 for the cover and the statistics sheets.
    pub rows: i64,
    pub confidential: bool,
    /// cover | ledger | statistics
    #[serde(default)]
    pub kind: String,
}

/// What an export of `period` and `profile` would contain, before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchPreview {
    pub office_code: String,
    pub office_name: String,
    pub period: String,
    pub period_label: String,
    pub period_start: String,
    pub period_end: String,
    pub profile: Profile,
    pub sequence: i64,
    pub file_name: String,
    pub previous_digest: Option<String>,
    pub since: Option<String>,
    pub sheets: Vec<SheetCount>,
    pub statistics: Vec<StatTable>,
    pub last_folder: Option<String>,
}

/// A batch that was written: the history entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchRecord {
    pub id: String,
    pub office_code: String,
    pub period: String,
    pub profile: Profile,
    pub sequence: i64,
    pub digest: String,
    pub previous_digest: Option<String>,
    pub file_name: String,
    pub folder: String,
    pub path: String,
    pub rows: i64,
    pub sheets: Vec<SheetCount>,
    pub created_by: String,
    pub created_at: String,
}

/// How far an export has come, for a progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

/// The manifest: ordered key/value pairs, as they stand in `_meta`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifest(pub Vec<(String, String)>);

impl Manifest {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(e) => e.1 = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    /// The sheets it lists, with their rows, as the history keeps them.
    pub fn sheet_counts(&self) -> Vec<SheetCount> {
        let specs = ledger::specs();
        let listed: Vec<&str> = self.get("sheets").unwrap_or("").split(',').filter(|s| !s.is_empty()).collect();
        let has_ledgers = listed.iter().any(|n| self.get(&format!("rows.{n}")).is_some());
        listed
            .into_iter()
            .map(|name| {
                let rows = self.get(&format!("rows.{name}"));
                let (kind, content, confidential) = match (rows, specs.iter().find(|s| s.name == name)) {
                    (Some(_), spec) => ("ledger", spec.map_or("", |s| s.content), true),
                    (None, _) if name == COVER_SHEET => ("cover", COVER_CONTENT, has_ledgers),
                    (None, _) => ("statistics", STATISTICS_CONTENT, false),
                };
                SheetCount {
                    name: name.to_string(),
                    content: content.to_string(),
                    rows: rows.and_then(|v| v.parse().ok()).unwrap_or(0),
                    confidential,
                    kind: kind.to_string(),
                }
            })
            .collect()
    }

    /// The seal: SHA-256 over every entry but the seal itself (which includes each sheet's
    /// digest), so a changed cell anywhere, or a changed manifest, breaks it.
    pub fn seal(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut entries: Vec<&(String, String)> = self.0.iter().filter(|(k, _)| k != "digest").collect();
        entries.sort();
        let mut h = Sha256::new();
        for (k, v) in entries {
            h.update(grid::escape(k).as_bytes());
            h.update(b"=");
            h.update(grid::escape(v).as_bytes());
            h.update(b"\n");
        }
        hex::encode(h.finalize())
    }
}

/// A label of a code table for a sheet; a code the table does not know is shown as it is, so a
/// row is never silently emptied.
pub(crate) fn code_label(table: &str, code: &str) -> String {
    codes::label(table, code).map(str::to_string).unwrap_or_else(|| code.to_string())
}

/// Mobile numbers as 138****5678; other numbers keep their first 3 and last 2 digits.
pub fn mask_phone(phone: &str) -> String {
    phone
        .split(['、', ',', '，', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let c: Vec<char> = p.chars().collect();
            let (head, tail) = if c.len() == 11 { (3, 4) } else if c.len() > 5 { (3, 2) } else { (0, 0) };
            if head == 0 {
                "*".repeat(c.len())
            } else {
                c[..head].iter().collect::<String>() + &"*".repeat(c.len() - head - tail) + &c[c.len() - tail..].iter().collect::<String>()
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

// ── Which rows, and the workbook ─────────────────────────────────────────────────────────────

/// A stored ISO date, required or optional, as a date.
pub(crate) trait StoredDate {
    fn day(&self) -> Option<NaiveDate>;
}

impl StoredDate for str {
    fn day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self, "%Y-%m-%d").ok()
    }
}

impl StoredDate for String {
    fn day(&self) -> Option<NaiveDate> {
        self.as_str().day()
    }
}

impl StoredDate for Option<String> {
    fn day(&self) -> Option<NaiveDate> {
        self.as_deref().and_then(str::day)
    }
}

fn date<D: StoredDate + ?Sized>(s: &D) -> Option<NaiveDate> {
    s.day()
}

fn any_in(p: &Period, dates: &[&dyn StoredDate]) -> bool {
    dates.iter().any(|d| d.day().is_some_and(|d| p.contains(d)))
}

fn case_active(c: &crate::mediation::MediationCaseInput, p: &Period) -> bool {
    let open = date(&c.accepted_on).is_some_and(|a| a <= p.end) && c.state != "not_accepted" && date(&c.closed_on).is_none_or(|x| x >= p.start);
    open || any_in(p, &[&c.accepted_on, &c.agreement_on, &c.judicial_on, &c.closed_on]) || c.follow_ups.iter().any(|f| any_in(p, &[&f.date]))
}

/// States after which an application has nothing left to do.
const APPLICATION_DONE: &[&str] = &["withdrawn_deemed", "refused", "objection_upheld", "filed", "visited"];

fn application_active(a: &crate::legal_aid::LegalAidInput, p: &Period) -> bool {
    let open = date(&a.received_on).is_some_and(|r| r <= p.end) && !APPLICATION_DONE.contains(&a.state.as_str());
    open || any_in(
        p,
        &[
            &a.received_on,
            &a.forwarded_on,
            &a.accepted_on,
            &a.supp_notice_on,
            &a.supp_done_on,
            &a.decision_on,
            &a.objection_on,
            &a.objection_decided_on,
            &a.assigned_on,
            &a.terminated_on,
            &a.closed_on,
            &a.file_submitted_on,
            &a.recipient_visit_on,
        ],
    )
}

fn subject_active(s: &crate::correction::CorrectionSubjectInput, p: &Period) -> bool {
    let started = date(&s.reported_on).or(date(&s.corr_start)).or(date(&s.effective_on));
    let on_register = started.is_none_or(|d| d <= p.end) && date(&s.exit_on).is_none_or(|x| x >= p.start);
    on_register || any_in(p, &[&s.effective_on, &s.reported_on, &s.announced_on, &s.exit_on])
}

fn event_active(e: &crate::correction::CorrectionEventInput, p: &Period) -> bool {
    any_in(p, &[&e.event_on, &e.decided_on, &e.returned_on, &e.leave_from, &e.leave_to])
}

/// What changed since the previous batch of a profile: the records the audit log names after
/// it (immune to a PC clock set back), and anything stamped later than it.
pub struct Since<'a> {
    pub instant: &'a str,
    pub changed: &'a std::collections::HashSet<String>,
}

/// The rows of a batch: every live record with business activity in the period, plus every
/// record changed or deleted since the previous batch of the profile, so that late corrections
/// reach the district. Without a previous batch, every record goes.
pub fn select(all: ledger::Records, p: &Period, since: Option<&Since<'_>>) -> ledger::Records {
    fn pick<T>(v: Vec<ledger::Rec<T>>, since: Option<&Since<'_>>, active: impl Fn(&T) -> bool) -> Vec<ledger::Rec<T>> {
        v.into_iter()
            .filter(|r| match since {
                // A first batch: every record there is; one deleted before any batch never
                // reached the district and goes nowhere.
                None => r.meta.deleted_at.is_none(),
                Some(s) => {
                    s.changed.contains(&r.meta.id) || r.meta.updated_at.as_str() > s.instant || (r.meta.deleted_at.is_none() && active(&r.input))
                }
            })
            .collect()
    }
    let subject_names = all.subjects.iter().map(|s| (s.meta.id.clone(), (s.input.subject_code.clone(), s.input.name.clone()))).collect();
    ledger::Records {
        office_code: all.office_code,
        cases: pick(all.cases, since, |c| case_active(c, p)),
        consultations: pick(all.consultations, since, |c| any_in(p, &[&c.consulted_on])),
        applications: pick(all.applications, since, |a| application_active(a, p)),
        subjects: pick(all.subjects, since, |s| subject_active(s, p)),
        events: pick(all.events, since, |e| event_active(e, p)),
        subject_names,
        as_of: Some(p.end),
    }
}

/// Who, what and when: the parts of the manifest that do not come from the rows.
#[derive(Debug, Clone)]
pub struct Header {
    pub office: crate::office::Office,
    pub period: Period,
    pub profile: Profile,
    pub sequence: i64,
    pub previous_digest: Option<String>,
    pub since: Option<String>,
    pub generated_at: String,
    pub generated_by: String,
    /// The database's schema version, recorded in the manifest for the reader.
    pub schema_version: i64,
    /// The last audit entry before the records were read: the next batch carries every record
    /// changed after it. In the manifest too, so that a file whose export was interrupted before
    /// the history recorded it can be recorded later, exactly (`Desk::batch_export`).
    pub audit_seq: i64,
}

/// A sealed workbook, ready to write.
#[derive(Debug, Clone)]
pub struct Built {
    pub sheets: Vec<grid::Sheet>,
    pub manifest: Manifest,
}

impl Built {
    pub fn counts(&self) -> Vec<SheetCount> {
        self.sheets
            .iter()
            .map(|s| SheetCount {
                name: s.name.clone(),
                content: s.content.clone(),
                rows: s.data_rows(),
                confidential: s.confidential,
                kind: s.role.code().to_string(),
            })
            .collect()
    }

    pub fn rows(&self) -> i64 {
        self.sheets.iter().map(grid::Sheet::data_rows).sum()
    }

    pub fn digest(&self) -> &str {
        self.manifest.get("digest").unwrap_or("")
    }
}

/// A narrow header keeps its unit on a line of its own: 书面 / （件）.
fn header_lines(label: &str) -> String {
    match label.find('（') {
        Some(i) if i > 0 => format!("{}\n{}", &label[..i], &label[i..]),
        _ => label.to_string(),
    }
}

pub(crate) fn stat_sheet(t: &StatTable, office_name: &str) -> grid::Sheet {
    use grid::{Cell, Look};
    let look = |f: &str| match f {
        "percent" => Look::Percent,
        "wan" => Look::Wan,
        "hours" => Look::Hours,
        _ => Look::Integer,
    };
    let n = t.columns.len() + 1;
    let mut group_row = vec![Cell::text(t.row_header.clone())];
    let mut label_row = vec![Cell::Empty];
    let mut merges = vec![(2u32, 0u16, 3u32, 0u16)];
    let mut i = 0;
    while i < t.columns.len() {
        let c = &t.columns[i];
        let x = (i + 1) as u16;
        match &c.group {
            None => {
                group_row.push(Cell::text(header_lines(&c.label)));
                label_row.push(Cell::Empty);
                merges.push((2, x, 3, x));
                i += 1;
            }
            Some(g) => {
                let len = t.columns[i..].iter().take_while(|k| k.group.as_ref() == Some(g)).count();
                for (j, k) in t.columns[i..i + len].iter().enumerate() {
                    group_row.push(if j == 0 { Cell::text(g.clone()) } else { Cell::Empty });
                    label_row.push(Cell::text(header_lines(&k.label)));
                }
                if len > 1 {
                    merges.push((2, x, 2, x + len as u16 - 1));
                }
                i += len;
            }
        }
    }
    let mut rows = vec![vec![Cell::text(t.title.clone())], vec![Cell::text(format!("填报单位：{office_name}"))], group_row, label_row];
    for r in &t.rows {
        let mut row = vec![Cell::text(r.label.clone())];
        row.extend(r.values.iter().map(|v| match v {
            Some(x) => Cell::Number(*x),
            None => Cell::text("—"),
        }));
        rows.push(row);
    }
    rows.push(Vec::new());
    rows.push(vec![Cell::text("口径说明：")]);
    rows.extend(t.notes.iter().map(|n| vec![Cell::text(n.clone())]));
    let mut looks = vec![Look::Text];
    looks.extend(t.columns.iter().map(|c| look(&c.format)));
    debug_assert_eq!(looks.len(), n);
    grid::Sheet {
        name: t.sheet.clone(),
        title: t.title.clone(),
        content: STATISTICS_CONTENT.into(),
        role: grid::Role::Statistics,
        confidential: false,
        headers: Vec::new(),
        ids: Vec::new(),
        looks,
        rows,
        merges,
        header_rows: 4,
    }
}

fn cover(h: &Header, sheets: &[grid::Sheet], confidential: bool) -> grid::Sheet {
    use grid::Cell;
    let kv = |k: &str, v: String| vec![Cell::text(k), Cell::text(v)];
    let generated = h.generated_at.get(..16).unwrap_or(&h.generated_at).replace('T', " ");
    let mut rows = vec![
        vec![Cell::text(format!("{}　{}　月度报送", h.office.name, h.period.label()))],
        Vec::new(),
        kv("报送单位", h.office.name.clone()),
        kv("单位代码", h.office.code.clone()),
        kv("所属区县", h.office.district.clone()),
        kv("报送月份", h.period.label()),
        kv("统计期间", format!("{} 至 {}", h.period.start, h.period.end)),
        kv("报送类型", h.profile.label().to_string()),
        kv("报送次序", format!("本类型第 {} 次报送", h.sequence)),
        kv(
            "收录范围",
            match (&h.since, h.profile) {
                (_, Profile::Summary) => "只含统计表，不含个人信息".to_string(),
                (None, _) => "首次报送：本所全部记录".to_string(),
                (Some(s), _) => format!("本月有业务活动的记录，以及 {} 以来修改或删除的记录", s.get(..16).unwrap_or(s).replace('T', " ")),
            },
        ),
        kv("上次报送校验码", h.previous_digest.clone().unwrap_or_else(|| "无（首次报送）".into())),
        kv("生成时间", generated),
        kv("填报人", h.generated_by.clone()),
        vec![Cell::text("审核人（签字）")],
        Vec::new(),
        vec![Cell::text("工作表"), Cell::text("内容"), Cell::text("行数")],
    ];
    for s in sheets {
        rows.push(vec![
            Cell::text(s.name.clone()),
            Cell::text(s.content.clone()),
            if s.role == grid::Role::Ledger { Cell::Number(s.rows.len() as f64) } else { Cell::Empty },
        ]);
    }
    rows.push(Vec::new());
    rows.push(vec![Cell::text(COVER_DIGEST_LABEL), Cell::Empty]);
    rows.push(kv("说明", "本文件由司法所工作台生成。改动任何单元格、删除任何行，校验都不会通过；需要更正时请在工作台中修改后重新导出。".into()));
    if confidential {
        rows.push(vec![Cell::text(CONFIDENTIAL)]);
    }
    grid::Sheet::cover(COVER_CONTENT, confidential, rows)
}

/// The whole batch as data, sealed: the cover, each kind's ledgers followed by its statistics,
/// and the manifest with each sheet's digest and the seal over all of it.
pub fn build(h: &Header, rows: &ledger::Records, stats: &[StatTable], mut progress: impl FnMut(&str, usize)) -> Built {
    let ledgers = if h.profile.has_ledgers() { ledger::sheets(rows, h.profile, &h.period.label(), &h.office.name, &mut progress) } else { Vec::new() };
    let stat_of = |kind: &str| stats.iter().find(|t| t.kind == kind).map(|t| stat_sheet(t, &h.office.name));
    let mut body: Vec<grid::Sheet> = Vec::new();
    let mut ledgers = ledgers.into_iter().peekable();
    for (kind, prefix) in [("mediation", "调解"), ("legalAid", "法援"), ("correction", "矫正")] {
        // The ledgers come in the order of the kinds: move, never copy, their rows.
        while let Some(s) = ledgers.next_if(|s| s.name.starts_with(prefix)) {
            body.push(s);
        }
        body.extend(stat_of(kind));
    }
    debug_assert!(ledgers.next().is_none(), "every ledger belongs to a kind");
    let mut sheets = vec![cover(h, &body, h.profile.has_ledgers())];
    sheets.extend(body);

    let mut m = Manifest::default();
    m.set("format", FORMAT);
    m.set("formatVersion", FORMAT_VERSION);
    m.set("officeCode", h.office.code.clone());
    m.set("officeName", h.office.name.clone());
    m.set("period", h.period.key());
    m.set("periodStart", h.period.start.to_string());
    m.set("periodEnd", h.period.end.to_string());
    m.set("profile", h.profile.code());
    m.set("sequence", h.sequence.to_string());
    m.set("previousDigest", h.previous_digest.clone().unwrap_or_default());
    m.set("since", h.since.clone().unwrap_or_default());
    m.set("generatedAt", h.generated_at.clone());
    m.set("generatedBy", h.generated_by.clone());
    m.set("application", format!("司法所工作台 {}", crate::VERSION));
    m.set("schemaVersion", h.schema_version.to_string());
    m.set("auditSeq", h.audit_seq.to_string());
    m.set("sheets", sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(","));
    for s in sheets.iter().filter(|s| s.role == grid::Role::Ledger) {
        m.set(&format!("rows.{}", s.name), s.rows.len().to_string());
    }
    for s in &sheets {
        m.set(&format!("digest.{}", s.name), s.digest());
    }
    let seal = m.seal();
    m.set("digest", seal.clone());
    let cover = &mut sheets[0];
    if let Some(row) = cover.rows.iter_mut().find(|r| r.first().and_then(grid::Cell::as_text) == Some(COVER_DIGEST_LABEL)) {
        row[1] = grid::Cell::text(seal);
    }
    Built { sheets, manifest: m }
}

// ── Writing safely ───────────────────────────────────────────────────────────────────────────

fn folder_error(code: &str, message: String) -> Error {
    Error::field("folder", code, message)
}

/// The target folder exists and is a folder (a USB stick may have been pulled out).
pub fn check_folder(folder: &Path) -> Result<()> {
    if folder.as_os_str().is_empty() {
        return Err(folder_error("validation.required", "请选择保存报送文件的文件夹".into()));
    }
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(folder_error("batch.not_a_folder", format!("“{}”不是文件夹，请重新选择", folder.display()))),
        Err(_) => Err(folder_error("batch.no_folder", format!("找不到文件夹“{}”（U 盘是否已拔出？）", folder.display()))),
    }
}

/// The file steps of a safe write, in order; tests make any of them fail (`write_safely_with_faults`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Creating the file under its temporary name.
    CreateTemp,
    /// Writing the bytes into it.
    Write,
    /// Flushing it to the disk.
    SyncFile,
    /// Giving it its final name (a hard link, or a rename where the disk has no links).
    Place,
    /// Removing the temporary name once the final one holds the file.
    RemoveTemp,
    /// Flushing the folder, so that the final name itself survives a power cut.
    SyncFolder,
    /// Recording the batch in the history (the file is complete under its final name).
    Record,
}

impl Step {
    pub const ALL: [Step; 7] = [Step::CreateTemp, Step::Write, Step::SyncFile, Step::Place, Step::RemoveTemp, Step::SyncFolder, Step::Record];

    /// What was being done, for the message of a failure.
    pub fn label(self) -> &'static str {
        match self {
            Step::CreateTemp => "创建临时文件",
            Step::Write => "写入文件内容",
            Step::SyncFile => "把文件写入磁盘",
            Step::Place => "改为正式文件名",
            Step::RemoveTemp => "删除临时文件",
            Step::SyncFolder => "把文件夹写入磁盘",
            Step::Record => "记入报送历史",
        }
    }
}

pub type Faults<'a> = &'a dyn Fn(Step) -> std::io::Result<()>;

/// No injected faults: what the application runs with.
pub fn no_faults(_: Step) -> std::io::Result<()> {
    Ok(())
}

/// What a write failure at `step` means to the clerk.
fn write_error(folder: &Path, step: Step, e: std::io::Error) -> Error {
    use std::io::ErrorKind::*;
    match e.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => {
            folder_error("batch.disk_full", "目标盘空间不足，报送文件未生成。请换一个 U 盘或清理空间后重试。".into())
        }
        PermissionDenied | ReadOnlyFilesystem => folder_error(
            "batch.read_only",
            format!("不能写入文件夹“{}”：没有写入权限，或该盘是只读的（U 盘写保护开关是否打开？）", folder.display()),
        ),
        NotFound => folder_error("batch.no_folder", format!("找不到文件夹“{}”（U 盘是否已拔出？）", folder.display())),
        _ => folder_error(
            "batch.write",
            match e.raw_os_error() {
                Some(n) => format!("写入报送文件失败（{}时出错，系统错误代码 {n}），报送文件未生成。请检查 U 盘或文件夹后重试。", step.label()),
                None => format!("写入报送文件失败（{}时出错），报送文件未生成。请检查 U 盘或文件夹后重试。", step.label()),
            },
        ),
    }
}

/// A file being written: the parts of `File` that safe writing needs (a test puts a full disk
/// in its place).
pub trait SinkFile: Write {
    fn sync(&mut self) -> std::io::Result<()>;
}

impl SinkFile for File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

fn create_new(p: &Path) -> std::io::Result<Box<dyn SinkFile>> {
    Ok(Box::new(File::create_new(p)?))
}

/// Writes `bytes` as `folder/name`: first under a temporary name, flushed to the disk, then
/// renamed, so a half-written file never carries the final name. Never overwrites a file.
pub fn write_safely(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    write_safely_with_faults(folder, name, bytes, &no_faults)
}

/// `write_safely` with a fault hook called before each step.
pub fn write_safely_with_faults(folder: &Path, name: &str, bytes: &[u8], faults: Faults<'_>) -> Result<PathBuf> {
    write_steps(folder, name, bytes, &create_new, faults)
}

pub fn write_safely_with(folder: &Path, name: &str, bytes: &[u8], create: &dyn Fn(&Path) -> std::io::Result<Box<dyn SinkFile>>) -> Result<PathBuf> {
    write_steps(folder, name, bytes, create, &no_faults)
}

fn exists_error(name: &str) -> Error {
    folder_error("batch.exists", format!("文件夹中已有同名文件“{name}”，为免覆盖已停止。请换一个文件夹。"))
}

/// Every failure leaves the folder as it was: neither the temporary nor the final name remains.
fn write_steps(
    folder: &Path,
    name: &str,
    bytes: &[u8],
    create: &dyn Fn(&Path) -> std::io::Result<Box<dyn SinkFile>>,
    faults: Faults<'_>,
) -> Result<PathBuf> {
    check_folder(folder)?;
    let target = folder.join(name);
    if target.exists() {
        return Err(exists_error(name));
    }
    let temp = folder.join(format!(".~{name}.part"));
    let _ = std::fs::remove_file(&temp);
    let at = |step: Step, op: &mut dyn FnMut() -> std::io::Result<()>| faults(step).and_then(|_| op()).map_err(|e| (step, e));
    let written = (|| {
        let mut f = None;
        at(Step::CreateTemp, &mut || {
            f = Some(create(&temp)?);
            Ok(())
        })?;
        let mut f = f.expect("created");
        at(Step::Write, &mut || {
            f.write_all(bytes)?;
            f.flush()
        })?;
        at(Step::SyncFile, &mut || f.sync())
    })();
    if let Err((step, e)) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(folder, step, e));
    }
    // A hard link never replaces an existing file; FAT-formatted USB sticks have no hard links,
    // and there the check just before the rename is the best the file system allows.
    let mut linked = false;
    let placed = at(Step::Place, &mut || match std::fs::hard_link(&temp, &target) {
        Ok(()) => {
            linked = true;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists || target.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(&temp, &target),
    });
    if let Err((step, e)) = placed {
        let _ = std::fs::remove_file(&temp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(exists_error(name));
        }
        return Err(write_error(folder, step, e));
    }
    // From here the final name holds a complete file; a failure takes it away again, so that no
    // file exists that the caller was told was not written.
    let finished = (|| {
        if linked {
            at(Step::RemoveTemp, &mut || std::fs::remove_file(&temp))?;
        }
        // The rename itself must reach the disk before the history says the batch exists. Some
        // file systems cannot open or flush a folder at all; that is no failure of this write.
        #[cfg(unix)]
        if let Ok(dir) = File::open(folder) {
            at(Step::SyncFolder, &mut || match dir.sync_all() {
                Err(e) if matches!(e.kind(), std::io::ErrorKind::InvalidInput | std::io::ErrorKind::Unsupported) => Ok(()),
                r => r,
            })?;
        }
        Ok(())
    })();
    if let Err((step, e)) = finished {
        let _ = std::fs::remove_file(&target);
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(folder, step, e));
    }
    Ok(target)
}

#[cfg(test)]
mod tests;
