//! District mode (区司法局): the register of the district's offices, the import of their
//! monthly batches (read, checked, classified row by row, merged by version), what was
//! received (报送情况), the district statistics and the consolidated workbook.
//!
//! The merge rule that makes the result independent of the order of import: a record id is
//! held in one copy, and a copy with a higher version always replaces a lower one; a deletion
//! is a version too and is kept as a tombstone, so an older copy arriving late cannot bring a
//! deleted record back.

pub mod report;

use crate::batch::grid::Cell;
use crate::batch::ledger::{self, Meta};
use crate::batch::xlsx::ReadBook;
use crate::batch::{self, Period};
use crate::correction::{CorrectionEventInput, CorrectionSubjectInput, SubjectFacts};
use crate::error::{Error, FieldError, Result};
use crate::legal_aid::{ConsultationFacts, ConsultationInput, LegalAidFacts, LegalAidInput};
use crate::mediation::{CaseFacts, MediationCaseInput};
use crate::validate::{normalize_id_number, to_half_width};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// An office in the district's register (司法所名册).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct DistrictOffice {
    /// 9-digit township code.
    pub code: String,
    pub name: String,
    pub short_name: String,
}

/// Checks and normalises an office of the register.
pub fn validate_office(o: &DistrictOffice) -> Result<DistrictOffice> {
    let mut errors = Vec::new();
    let code: String = to_half_width(&o.code).chars().filter(|c| !c.is_whitespace()).collect();
    if !(code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())) {
        errors.push(FieldError::new("code", "validation.office_code", "单位代码应为9位乡镇代码（纯数字）"));
    }
    let name = crate::office::required_text(&mut errors, "name", "司法所名称", &o.name, 40);
    let short_name = crate::office::required_text(&mut errors, "shortName", "简称", &o.short_name, 6);
    crate::office::check_short_name(&mut errors, "shortName", &short_name);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(DistrictOffice { code, name, short_name })
}

// ── Record kinds ────────────────────────────────────────────────────────────────────────────

pub use crate::record::RecordKind;

// ── What the preview and the import report ──────────────────────────────────────────────────

/// Rows of one kind in one file, by what importing them does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct KindCounts {
    pub kind: String,
    pub label: String,
    /// Not yet at the district.
    pub new: i64,
    /// A newer version of a record the district holds (or its deletion).
    pub updated: i64,
    /// The same version (or an older one) as the district holds: nothing changes.
    pub unchanged: i64,
    /// The same version with other content, or an id held by another office: kept as it was,
    /// for a person to look into.
    pub conflict: i64,
    /// New, and likely the same person or matter as a record already here.
    pub duplicate: i64,
}

impl KindCounts {
    pub fn of(kind: RecordKind) -> KindCounts {
        KindCounts { kind: kind.code().into(), label: kind.label().into(), ..Default::default() }
    }
    pub fn add(&mut self, status: RowStatus) {
        match status {
            RowStatus::New => self.new += 1,
            RowStatus::Updated => self.updated += 1,
            RowStatus::Unchanged => self.unchanged += 1,
            RowStatus::Conflict => self.conflict += 1,
            RowStatus::Duplicate => self.duplicate += 1,
        }
    }
    pub fn total(&self) -> i64 {
        self.new + self.updated + self.unchanged + self.conflict + self.duplicate
    }
    fn merge(&mut self, o: &KindCounts) {
        self.new += o.new;
        self.updated += o.updated;
        self.unchanged += o.unchanged;
        self.conflict += o.conflict;
        self.duplicate += o.duplicate;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RowStatus {
    New,
    Updated,
    Unchanged,
    Conflict,
    Duplicate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldDiff {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One row of a file that changes something or needs a look (unchanged rows are only counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    pub kind: String,
    pub kind_label: String,
    pub id: String,
    /// Number and name, e.g. （2026）石港调字第3号 张三、李四.
    pub label: String,
    pub status: RowStatus,
    pub version: i64,
    pub held_version: Option<i64>,
    pub deleted: bool,
    /// Why a row is a conflict or a likely duplicate.
    pub note: Option<String>,
    pub diffs: Vec<FieldDiff>,
}

code_enum! {
    /// Whether a received batch file was taken in or turned back.
    pub enum FileVerdict {
        Accepted => "accepted",
        Rejected => "rejected",
    }
}

code_enum! {
    /// One office's month on 报送情况.
    pub enum SubmissionStatus {
        Received => "received",
        /// Arrived after the due day.
        Late => "late",
        /// More than one batch of the month was accepted.
        Resent => "resent",
        /// The due day has passed and nothing arrived.
        Missing => "missing",
        /// Only turned-back files arrived.
        Rejected => "rejected",
        NotDue => "notDue",
        /// Before the office's first batch: it did not use the application yet.
        NotStarted => "notStarted",
    }
}

/// One file of an import: checked, and what importing it does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FilePreview {
    pub path: String,
    pub file_name: String,
    pub status: FileVerdict,
    pub reason: Option<String>,
    /// Accepted, with something to follow up (a gap in the sequence, a broken chain).
    pub warnings: Vec<String>,
    /// Accepted earlier: importing it again changes nothing.
    pub already_imported: bool,
    pub office_code: Option<String>,
    pub office_name: Option<String>,
    pub period: Option<String>,
    pub sequence: Option<i64>,
    pub generated_at: Option<String>,
    pub counts: Vec<KindCounts>,
    pub rows: Vec<ImportRow>,
    /// Rows to show left out of `rows` (they are all counted).
    pub rows_left_out: i64,
}

impl FilePreview {
    pub fn accepted(&self) -> bool {
        self.status == FileVerdict::Accepted
    }
}

/// Rows listed per file at most; the counts cover every row.
pub const ROWS_SHOWN_PER_FILE: usize = 500;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// Hands the confirmed preview back to the import (the files are not read again).
    pub token: String,
    pub files: Vec<FilePreview>,
    pub accepted: i64,
    pub rejected: i64,
    pub totals: Vec<KindCounts>,
    /// Correction events still waiting for their subject after this import.
    pub pending_events: i64,
    /// Nothing would change: every accepted file was imported before.
    pub nothing_to_do: bool,
}

impl ImportPreview {
    pub fn new(token: String, files: Vec<FilePreview>, pending_events: i64) -> ImportPreview {
        let mut totals: Vec<KindCounts> = RecordKind::ALL.iter().map(|k| KindCounts::of(*k)).collect();
        for f in files.iter().filter(|f| f.accepted()) {
            for c in &f.counts {
                if let Some(t) = totals.iter_mut().find(|t| t.kind == c.kind) {
                    t.merge(c);
                }
            }
        }
        let accepted = files.iter().filter(|f| f.accepted()).count() as i64;
        let rejected = files.len() as i64 - accepted;
        // A rejected file is still worth confirming: it is then kept in 报送情况 (退回) and the audit.
        let nothing_to_do = rejected == 0 && totals.iter().all(|t| t.new + t.updated + t.duplicate == 0) && files.iter().all(|f| f.already_imported);
        ImportPreview { token, accepted, rejected, files, totals, pending_events, nothing_to_do }
    }
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    /// reading | checking | writing
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

/// A batch file as the district received it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedBatch {
    pub status: FileVerdict,
    pub reason: Option<String>,
    pub office_code: Option<String>,
    pub office_name: Option<String>,
    pub period: Option<String>,
    pub profile: Option<String>,
    pub sequence: Option<i64>,
    pub digest: Option<String>,
    pub previous_digest: Option<String>,
    pub generated_at: Option<String>,
    pub generated_by: Option<String>,
    pub file_name: String,
    pub rows: i64,
    pub counts: Vec<KindCounts>,
    pub warnings: Vec<String>,
    pub imported_at: String,
    pub imported_by: String,
}

/// A pair of likely duplicates for a person to decide.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateItem {
    pub first_id: String,
    pub second_id: String,
    pub kind: String,
    pub reason: String,
    /// same | different, or none yet.
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub found_at: String,
    pub first: Option<DuplicateSide>,
    pub second: Option<DuplicateSide>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateSide {
    pub office_code: String,
    pub office_name: String,
    pub label: String,
}

// ── Reading a batch into records ────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
pub enum Payload {
    Case(MediationCaseInput),
    Consultation(ConsultationInput),
    Application(LegalAidInput),
    Subject(CorrectionSubjectInput),
    Event(CorrectionEventInput),
}

/// One record as a batch carries it; `payload` is `None` for a deletion.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub kind: RecordKind,
    pub meta: Meta,
    pub payload: Option<Payload>,
    /// Where it was read: sheet and row number as Excel shows it.
    pub sheet: &'static str,
    pub row: usize,
}

impl Arrival {
    /// Number and name, for a person reading the preview.
    pub fn label(&self) -> String {
        let name = match &self.payload {
            Some(Payload::Case(c)) => c.parties.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("、"),
            Some(Payload::Consultation(c)) => format!("{} {}", c.consulted_on, c.name),
            Some(Payload::Application(a)) => a.name.clone(),
            Some(Payload::Subject(s)) => s.name.clone(),
            Some(Payload::Event(e)) => format!("{} {}", e.event_on, batch::code_label("corrEventKind", &e.kind)),
            None => String::new(),
        };
        [self.meta.number.as_str(), name.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ")
    }
}

fn sheet<'a>(book: &'a ReadBook, name: &str) -> Option<&'a Vec<Vec<Cell>>> {
    book.sheets.iter().find(|(n, _)| n == name).map(|(_, r)| r)
}

fn text(m: &Map<String, Value>, k: &str) -> String {
    m.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

/// The records of a verified full batch of `office_code`. `Err` is the reason to reject the
/// file, in Chinese, naming the sheet and row.
pub fn arrivals(book: &ReadBook, office_code: &str) -> std::result::Result<Vec<Arrival>, String> {
    let mut decoded: HashMap<&'static str, Vec<Map<String, Value>>> = HashMap::new();
    for spec in ledger::specs() {
        let Some(rows) = sheet(book, spec.name) else { continue };
        if rows.len() < 3 {
            return Err(format!("「{}」缺少表头行。", spec.name));
        }
        let ids: Vec<String> = rows[2].iter().map(|c| c.as_text().unwrap_or("").to_string()).collect();
        let maps = ledger::decode(&spec, &ids, &rows[3..])
            .map_err(|e| format!("「{}」第 {} 行“{}”无法读取：{}。", spec.name, e.row + 4, e.header, e.reason))?;
        // A case's parties, sessions and follow-ups carry the case's id instead of their own.
        let child = matches!(spec.source, ledger::Source::Parties | ledger::Source::Sessions | ledger::Source::FollowUps);
        for (n, m) in maps.iter().enumerate() {
            if child {
                if text(m, "_parentId").is_empty() {
                    return Err(format!("「{}」第 {} 行缺少所属案件的记录编号。", spec.name, n + 4));
                }
                continue;
            }
            let code = text(m, "_officeCode");
            if code != office_code {
                return Err(format!("「{}」第 {} 行的单位代码“{code}”与报送单位“{office_code}”不符：文件混入了其他单位的记录。", spec.name, n + 4));
            }
            if text(m, "_id").is_empty() {
                return Err(format!("「{}」第 {} 行缺少记录编号。", spec.name, n + 4));
            }
        }
        decoded.insert(spec.name, maps);
    }
    let meta_of = |m: &Map<String, Value>| Meta {
        id: text(m, "_id"),
        number: text(m, "_number"),
        parent_id: text(m, "_parentId"),
        version: m.get("_version").and_then(Value::as_i64).unwrap_or(0),
        created_at: text(m, "_createdAt"),
        updated_at: text(m, "_updatedAt"),
        deleted_at: Some(text(m, "_deletedAt")).filter(|s| !s.is_empty()),
    };
    // The record's own fields: what is left once the record columns are taken out.
    let fields = |mut m: Map<String, Value>| -> Map<String, Value> {
        m.retain(|k, _| !k.starts_with('_'));
        m
    };
    let unreadable = |sheet: &str, row: usize, e: serde_json::Error| format!("「{sheet}」第 {row} 行的内容无法读取（{e}）。");

    // A case's parties, sessions and follow-ups, by case id and in their order.
    let mut children: HashMap<(&str, String), Vec<(i64, i64, Value)>> = HashMap::new();
    for (sheet_name, key) in [("调解当事人", "parties"), ("调解过程", "sessions"), ("调解回访", "followUps")] {
        for m in decoded.remove(sheet_name).unwrap_or_default() {
            let index = m.get("_index").and_then(Value::as_i64).unwrap_or(0);
            let version = m.get("_parentVersion").and_then(Value::as_i64).unwrap_or(0);
            children.entry((key, text(&m, "_parentId"))).or_default().push((index, version, Value::Object(fields(m))));
        }
    }
    let mut out = Vec::new();
    for (n, m) in decoded.remove("调解台账").unwrap_or_default().into_iter().enumerate() {
        let meta = meta_of(&m);
        let row = n + 4;
        if meta.deleted_at.is_some() {
            out.push(Arrival { kind: RecordKind::MediationCase, meta, payload: None, sheet: "调解台账", row });
            continue;
        }
        let mut f = fields(m);
        for key in ["parties", "sessions", "followUps"] {
            let mut list = children.remove(&(key, meta.id.clone())).unwrap_or_default();
            if let Some((_, v, _)) = list.iter().find(|(_, v, _)| *v != meta.version) {
                return Err(format!("「调解台账」第 {row} 行案件 {} 的版本为 {}，其明细行的版本为 {v}：台账与明细不一致。", meta.number, meta.version));
            }
            list.sort_by_key(|(i, _, _)| *i);
            f.insert(key.into(), Value::Array(list.into_iter().map(|(_, _, v)| v).collect()));
        }
        let input = serde_json::from_value(Value::Object(f)).map_err(|e| unreadable("调解台账", row, e))?;
        out.push(Arrival { kind: RecordKind::MediationCase, meta, payload: Some(Payload::Case(input)), sheet: "调解台账", row });
    }
    if let Some(((key, id), _)) = children.iter().next() {
        let sheet = match *key {
            "parties" => "调解当事人",
            "sessions" => "调解过程",
            _ => "调解回访",
        };
        return Err(format!("「{sheet}」中有案件记录编号 {id} 的明细，但「调解台账」中没有该案件。"));
    }
    type Make = fn(Map<String, Value>) -> std::result::Result<Payload, serde_json::Error>;
    let kinds: [(&'static str, RecordKind, Make); 4] = [
        ("法援咨询", RecordKind::LegalAidConsultation, |f| serde_json::from_value(Value::Object(f)).map(Payload::Consultation)),
        ("法援申请台账", RecordKind::LegalAidApplication, |f| serde_json::from_value(Value::Object(f)).map(Payload::Application)),
        ("矫正对象台账", RecordKind::CorrectionSubject, |f| serde_json::from_value(Value::Object(f)).map(Payload::Subject)),
        ("矫正事件", RecordKind::CorrectionEvent, |f| serde_json::from_value(Value::Object(f)).map(Payload::Event)),
    ];
    for (sheet_name, kind, make) in kinds {
        for (n, m) in decoded.remove(sheet_name).unwrap_or_default().into_iter().enumerate() {
            let mut meta = meta_of(&m);
            let row = n + 4;
            if kind == RecordKind::CorrectionSubject {
                meta.number = text(&m, "subjectCode");
            }
            let payload = if meta.deleted_at.is_some() { None } else { Some(make(fields(m)).map_err(|e| unreadable(sheet_name, row, e))?) };
            out.push(Arrival { kind, meta, payload, sheet: sheet_name, row });
        }
    }
    Ok(out)
}

/// `（2026）石港调字第12号` → (2026, 12).
pub fn number_parts(number: &str) -> Option<(i32, i64)> {
    let year = number.strip_prefix('（')?.split_once('）')?.0.parse().ok()?;
    let seq = number.rsplit_once('第')?.1.strip_suffix('号')?.parse().ok()?;
    Some((year, seq))
}

// ── Checking and normalising a record ───────────────────────────────────────────────────────

/// What the store keeps beside a record's body, computed by the same rules as at the office.
#[derive(Debug, Clone)]
pub enum Facts {
    Case(CaseFacts),
    Consultation(ConsultationFacts),
    Application(LegalAidFacts),
    Subject(SubjectFacts),
    Event,
}

/// Re-checks a record by the office's own rules (the core is the authority at the district
/// too) and returns its normalised body and facts. `today` is the day the batch was made.
pub fn prepare(a: &mut Arrival, cal: &crate::calendar::Calendar, today: NaiveDate) -> std::result::Result<(String, Facts), String> {
    let problem = |e: Error| format!("「{}」第 {} 行（{}）未通过检查：{}", a.sheet, a.row, a.meta.number, e);
    let json = |v: &dyn erased::Json| v.to_json();
    match a.payload.as_mut() {
        None => Err(String::new()),
        Some(Payload::Case(c)) => {
            let f = crate::mediation::validate(c, today).map_err(problem)?;
            Ok((json(c), Facts::Case(f)))
        }
        Some(Payload::Consultation(c)) => {
            let f = crate::legal_aid::validate_consultation(c, today).map_err(problem)?;
            Ok((json(c), Facts::Consultation(f)))
        }
        Some(Payload::Application(x)) => {
            let mut f = crate::legal_aid::validate(x, today).map_err(problem)?;
            f.due_on = crate::legal_aid::running_due_on(x, cal, today);
            Ok((json(x), Facts::Application(f)))
        }
        Some(Payload::Subject(s)) => {
            let f = crate::correction::validate_subject(s, today).map_err(problem)?;
            Ok((json(s), Facts::Subject(f)))
        }
        Some(Payload::Event(e)) => {
            if !crate::codes::is_code("corrEventKind", &e.kind) {
                return Err(format!("「{}」第 {} 行的事项类型不是代码表中的值。", a.sheet, a.row));
            }
            if crate::validate::parse_date(&e.event_on).is_err() {
                return Err(format!("「{}」第 {} 行的日期“{}”不是有效日期。", a.sheet, a.row, e.event_on));
            }
            Ok((json(e), Facts::Event))
        }
    }
}

mod erased {
    pub trait Json {
        fn to_json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            serde_json::to_string(self).expect("records serialise")
        }
    }
}

/// Keys under which two records are likely the same person or matter, with the reason shown.
pub fn person_keys(p: &Payload) -> Vec<(String, &'static str)> {
    let id = |s: &str| Some(normalize_id_number(s)).filter(|n| !n.is_empty());
    match p {
        Payload::Subject(s) => id(&s.id_no).map(|n| vec![(format!("id:{n}"), "身份证号相同的矫正对象")]).unwrap_or_default(),
        Payload::Application(a) => id(&a.id_no).map(|n| vec![(format!("app:{n}|{}", a.received_on), "同一申请人同日提出的法律援助申请")]).unwrap_or_default(),
        Payload::Case(c) if !c.parties.is_empty() => {
            let mut parties: Vec<String> = c.parties.iter().map(|p| id(&p.id_no).unwrap_or_else(|| format!("name:{}", p.name.trim()))).collect();
            parties.sort();
            vec![(format!("case:{}|{}", c.accepted_on, parties.join(",")), "当事人和受理日期相同的调解案件")]
        }
        _ => Vec::new(),
    }
}

pub fn key_reason(key: &str) -> &'static str {
    match key.split_once(':').map(|(k, _)| k) {
        Some("id") => "身份证号相同的矫正对象",
        Some("app") => "同一申请人同日提出的法律援助申请",
        _ => "当事人和受理日期相同的调解案件",
    }
}

// ── Field-by-field differences ──────────────────────────────────────────────────────────────

fn labels(kind: RecordKind) -> Vec<(String, String, ledger::Kind)> {
    let names: &[&str] = match kind {
        RecordKind::MediationCase => &["调解台账"],
        RecordKind::LegalAidConsultation => &["法援咨询"],
        RecordKind::LegalAidApplication => &["法援申请台账"],
        RecordKind::CorrectionSubject => &["矫正对象台账"],
        RecordKind::CorrectionEvent => &["矫正事件"],
    };
    let mut out: Vec<(String, String, ledger::Kind)> = Vec::new();
    for spec in ledger::specs().into_iter().filter(|s| names.contains(&s.name)) {
        for c in spec.columns {
            if !c.id.starts_with('_') && !c.derived && !out.iter().any(|(id, _, _)| id == c.id) {
                out.push((c.id.to_string(), c.header.to_string(), c.kind));
            }
        }
    }
    out
}

fn show(v: &Value, kind: Option<ledger::Kind>) -> String {
    match (v, kind) {
        (Value::Null, _) => "（空）".into(),
        (Value::String(s), _) if s.is_empty() => "（空）".into(),
        (Value::String(s), Some(ledger::Kind::Code(t))) => batch::code_label(t, s),
        (Value::String(s), _) => s.clone(),
        (Value::Bool(b), _) => if *b { "是" } else { "否" }.into(),
        (Value::Number(n), _) => n.to_string(),
        (Value::Array(a), _) if a.is_empty() => "（空）".into(),
        (Value::Array(a), Some(ledger::Kind::Codes(t))) => a.iter().filter_map(Value::as_str).map(|s| batch::code_label(t, s)).collect::<Vec<_>>().join("、"),
        (Value::Array(a), _) if a.iter().all(Value::is_string) => a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("、"),
        (Value::Array(a), _) => {
            let names: Vec<&str> = a.iter().filter_map(|x| x.get("name").and_then(Value::as_str)).collect();
            if names.is_empty() { format!("共 {} 项", a.len()) } else { format!("共 {} 人：{}", a.len(), names.join("、")) }
        }
        (Value::Object(_), _) => v.to_string(),
    }
}

/// What differs between two bodies of a record, labelled as in the ledger.
pub fn diff(kind: RecordKind, before: &str, after: &str) -> Vec<FieldDiff> {
    let parse = |s: &str| serde_json::from_str::<Map<String, Value>>(s).unwrap_or_default();
    let (b, a) = (parse(before), parse(after));
    let known = labels(kind);
    let extra = [("parties", "当事人"), ("sessions", "调解过程"), ("followUps", "回访记录"), ("prevention", "防止激化")];
    let mut keys: Vec<(String, String, Option<ledger::Kind>)> = known.into_iter().map(|(id, h, k)| (id, h, Some(k))).collect();
    for (id, h) in extra {
        if let Some(k) = keys.iter_mut().find(|(i, _, _)| i == id) {
            k.1 = h.to_string();
        } else {
            keys.push((id.to_string(), h.to_string(), None));
        }
    }
    for k in b.keys().chain(a.keys()) {
        if !keys.iter().any(|(i, _, _)| i == k) {
            keys.push((k.clone(), k.clone(), None));
        }
    }
    let null = Value::Null;
    keys.into_iter()
        .filter_map(|(id, header, kind)| {
            let (x, y) = (b.get(&id).unwrap_or(&null), a.get(&id).unwrap_or(&null));
            let empty = |v: &Value| matches!(v, Value::Null) || v.as_str() == Some("") || v.as_array().is_some_and(Vec::is_empty);
            if x == y || (empty(x) && empty(y)) {
                return None;
            }
            let (before, after) = (show(x, kind), show(y, kind));
            // Lists of records (parties, sessions) that differ inside while their summary reads the same.
            let after = if before == after { format!("{after}（内容有改动）") } else { after };
            Some(FieldDiff { field: header, before, after })
        })
        .collect()
}

// ── Report periods ──────────────────────────────────────────────────────────────────────────

/// A month, a quarter or a year of district statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPeriod {
    /// `2026-10`, `2026-Q4` or `2026`.
    pub key: String,
    pub label: String,
    pub period: Period,
    /// The months it covers, as `YYYY-MM`.
    pub months: Vec<String>,
}

impl ReportPeriod {
    pub fn is_month(&self) -> bool {
        self.months.len() == 1
    }
}

/// `YYYY-MM`, `YYYY-Qn` or `YYYY`, not starting after the month of `today`.
pub fn parse_report_period(s: &str, today: NaiveDate) -> Result<ReportPeriod> {
    let bad = || Error::field("period", "validation.report_period", "统计期间格式应为“年-月”“年-Q季度”或“年”，例如 2026-10、2026-Q4、2026");
    let s = to_half_width(s.trim()).to_uppercase();
    let (year, first, count, label) = if let Some((y, q)) = s.split_once("-Q") {
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        let y: i32 = y.parse().map_err(|_| bad())?;
        (y, 3 * q - 2, 3, format!("{y}年第{}季度", ["一", "二", "三", "四"][q as usize - 1]))
    } else if let Some((y, m)) = s.split_once('-') {
        let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        if !(1..=12).contains(&m) {
            return Err(bad());
        }
        (y, m, 1, format!("{y}年{m}月"))
    } else {
        let y: i32 = s.parse().map_err(|_| bad())?;
        (y, 1, 12, format!("{y}年"))
    };
    if !(2000..=2100).contains(&year) || s.split('-').next().map(str::len) != Some(4) {
        return Err(bad());
    }
    let start = NaiveDate::from_ymd_opt(year, first, 1).ok_or_else(bad)?;
    if start > today {
        return Err(Error::field("period", "validation.report_period_future", "统计期间不能晚于本月"));
    }
    let last = NaiveDate::from_ymd_opt(year, first + count - 1, 1).ok_or_else(bad)?;
    let months = (0..count).map(|i| format!("{year:04}-{:02}", first + i)).collect();
    let key = match count {
        1 => format!("{year:04}-{first:02}"),
        3 => format!("{year:04}-Q{}", first.div_ceil(3)),
        _ => format!("{year:04}"),
    };
    Ok(ReportPeriod { key, label, period: Period { start, end: batch::month_end(last) }, months })
}

/// The day a month's batch is due at the district (`district.batch_due` days after month end).
pub fn due_day(period: &str) -> Option<NaiveDate> {
    let start = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").ok()?;
    Some(batch::month_end(start) + chrono::Duration::days(crate::codes::time_limit("district.batch_due").days))
}

pub fn month_label(period: &str) -> String {
    NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").map(|d| format!("{}年{}月", d.year(), d.month())).unwrap_or_else(|_| period.to_string())
}

// ── 报送情况 ─────────────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionCell {
    pub period: String,
    pub status: SubmissionStatus,
    pub label: String,
    /// Accepted batches of the month, by sequence.
    pub sequences: Vec<i64>,
    pub rejected: i64,
    /// What a person should know, e.g. the date it was made, the reason a file was rejected.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionRow {
    pub office: DistrictOffice,
    pub cells: Vec<SubmissionCell>,
    /// Sequence numbers below the highest received that never arrived.
    pub missing_sequences: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionGrid {
    pub year: i32,
    pub months: Vec<String>,
    pub month_labels: Vec<String>,
    pub rows: Vec<SubmissionRow>,
    /// Received files of unknown offices or unreadable ones, newest first.
    pub unmatched: Vec<ReceivedBatch>,
}

/// The cell of one office and month from what was received. `first_period` is the month of the
/// office's first batch (sequence 1) when it has arrived: nothing was due before it.
pub fn submission_cell(period: &str, received: &[&ReceivedBatch], today: NaiveDate, first_period: Option<&str>) -> SubmissionCell {
    let accepted: Vec<&&ReceivedBatch> = received.iter().filter(|b| b.status == FileVerdict::Accepted).collect();
    let rejected: Vec<&&ReceivedBatch> = received.iter().filter(|b| b.status == FileVerdict::Rejected).collect();
    let due = due_day(period);
    let mut sequences: Vec<i64> = accepted.iter().filter_map(|b| b.sequence).collect();
    sequences.sort();
    let made = |b: &ReceivedBatch| b.generated_at.as_deref().and_then(|g| NaiveDate::parse_from_str(g.get(..10)?, "%Y-%m-%d").ok());
    let first = accepted.iter().filter_map(|b| made(b)).min();
    let (status, label, note) = if let Some(first) = first {
        let late = due.is_some_and(|d| first > d);
        let when = format!("{} 生成", first);
        match (accepted.len() > 1, late) {
            (true, _) => (SubmissionStatus::Resent, "重报", format!("共收到 {} 份（第 {} 次），首份 {when}", accepted.len(), sequences.iter().map(i64::to_string).collect::<Vec<_>>().join("、"))),
            (false, true) => (SubmissionStatus::Late, "逾期", format!("{when}，截止日为 {}", due.map(|d| d.to_string()).unwrap_or_default())),
            (false, false) => (SubmissionStatus::Received, "已报", when),
        }
    } else if let Some(r) = rejected.last() {
        (SubmissionStatus::Rejected, "退回", r.reason.clone().unwrap_or_default())
    } else if let Some(first) = first_period.filter(|f| period < *f) {
        (SubmissionStatus::NotStarted, "未启用", format!("该所第 1 次报送为{}，此前未使用本系统", month_label(first)))
    } else if due.is_some_and(|d| today > d) {
        (SubmissionStatus::Missing, "缺报", format!("截止日 {} 已过，尚未收到", due.map(|d| d.to_string()).unwrap_or_default()))
    } else {
        (SubmissionStatus::NotDue, "未到期", due.map(|d| format!("截止日 {d}")).unwrap_or_default())
    };
    SubmissionCell { period: period.into(), status, label: label.into(), sequences, rejected: rejected.len() as i64, note }
}

// ── Statistics: per office and for the district ─────────────────────────────────────────────

/// A figure of an office's own statistics sheet that its rows do not give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatMismatch {
    pub office_code: String,
    pub office_name: String,
    pub period: String,
    pub sheet: String,
    pub row: String,
    pub column: String,
    pub sheet_value: String,
    pub rows_value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct OfficeStatistics {
    pub office: DistrictOffice,
    pub tables: Vec<batch::StatTable>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DistrictStatistics {
    pub period: String,
    pub period_label: String,
    pub district_name: String,
    /// The district's tables: every figure the sum of the offices' (rates from the sums).
    pub district: Vec<batch::StatTable>,
    pub offices: Vec<OfficeStatistics>,
    /// Per kind: one row per office (its 合计 row) and the district's, for the side-by-side view.
    pub by_office: Vec<batch::StatTable>,
    /// Months only: figures of an office's own sheet that differ from its rows here.
    pub mismatches: Vec<StatMismatch>,
    /// Months only: offices whose sheet of the month has not arrived.
    pub without_sheet: Vec<String>,
}

/// The district's tables: the union's layout and rates, with every other figure the sum of
/// the offices' figures, so the district always equals the sum of its offices.
pub fn district_tables(union: Vec<batch::StatTable>, offices: &[OfficeStatistics]) -> Vec<batch::StatTable> {
    union
        .into_iter()
        .enumerate()
        .map(|(k, mut t)| {
            for (r, row) in t.rows.iter_mut().enumerate() {
                for (c, col) in t.columns.iter().enumerate() {
                    if col.format == "percent" {
                        continue;
                    }
                    let parts: Vec<f64> = offices.iter().filter_map(|o| o.tables.get(k)?.rows.get(r)?.values.get(c).copied().flatten()).collect();
                    row.values[c] = if parts.is_empty() { row.values[c] } else { Some(round(parts.iter().sum())) };
                }
            }
            t
        })
        .collect()
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Per kind, one row per office (its 合计) and the district's 全区合计.
pub fn by_office(district: &[batch::StatTable], offices: &[OfficeStatistics]) -> Vec<batch::StatTable> {
    district
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let total_of = |t: &batch::StatTable| t.rows.iter().find(|r| r.total).cloned().or_else(|| t.rows.last().cloned());
            let mut rows: Vec<batch::StatRow> = offices
                .iter()
                .filter_map(|o| {
                    let mut r = total_of(o.tables.get(k)?)?;
                    r.label = o.office.name.clone();
                    r.total = false;
                    Some(r)
                })
                .collect();
            if let Some(mut r) = total_of(d) {
                r.label = "全区合计".into();
                r.total = true;
                rows.push(r);
            }
            batch::StatTable {
                kind: d.kind.clone(),
                sheet: format!("分所{}", d.sheet),
                title: d.title.replacen("统计表", "分所汇总表", 1),
                row_header: "司法所".into(),
                columns: d.columns.clone(),
                rows,
                notes: d.notes.clone(),
            }
        })
        .collect()
}

/// Compares an office's own statistics sheet (as read) with the table computed from its rows.
pub fn compare_sheet(office: &DistrictOffice, period: &str, sheet_rows: &[Vec<Value>], computed: &batch::StatTable) -> Vec<StatMismatch> {
    let mut out = Vec::new();
    const HEADER_ROWS: usize = 4;
    for (r, row) in computed.rows.iter().enumerate() {
        let got = sheet_rows.get(HEADER_ROWS + r);
        for (c, col) in computed.columns.iter().enumerate() {
            let want = row.values[c];
            let cell = got.and_then(|g| g.get(c + 1)).cloned().unwrap_or(Value::Null);
            let same = match (&cell, want) {
                // Format 1 sheets carry rates and hours unrounded; compare what the sheet shows.
                (Value::Number(n), Some(w)) => n.as_f64().is_some_and(|n| (batch::stats::as_shown(&col.format, n) - w).abs() < 1e-6),
                (Value::String(s), None) => s == "—",
                _ => false,
            };
            if !same {
                out.push(StatMismatch {
                    office_code: office.code.clone(),
                    office_name: office.name.clone(),
                    period: period.to_string(),
                    sheet: computed.sheet.clone(),
                    row: row.label.clone(),
                    column: match &col.group {
                        Some(g) => format!("{g}·{}", col.label),
                        None => col.label.clone(),
                    },
                    sheet_value: match &cell {
                        Value::Number(n) => n.as_f64().map(batch::grid::format_number).unwrap_or_else(|| n.to_string()),
                        Value::String(s) => s.clone(),
                        _ => "（空）".into(),
                    },
                    rows_value: want.map(|w| batch::grid::format_number(w)).unwrap_or_else(|| "—".into()),
                });
            }
        }
    }
    out
}

/// A statistics sheet as kept at the district: its cells as JSON (text, number or null).
pub fn sheet_values(rows: &[Vec<Cell>]) -> Vec<Vec<Value>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(s) => Value::from(s.clone()),
                    Cell::Number(n) => Value::from(*n),
                    Cell::Date(d) => Value::from(d.to_string()),
                    Cell::Empty => Value::Null,
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;

// ── The district 工作台 ─────────────────────────────────────────────────────────────────────

/// One line or bar series of a chart; the chart's data table shows the same numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartSeries {
    pub key: String,
    pub name: String,
    pub unit: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NamedValue {
    pub name: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionSummary {
    pub period: String,
    pub period_label: String,
    pub received: i64,
    pub late: i64,
    pub resent: i64,
    pub rejected: i64,
    pub missing: i64,
    pub not_due: i64,
    pub not_started: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DistrictDashboard {
    pub district_name: String,
    pub offices: i64,
    /// The last twelve months, oldest first, as `YYYY-MM`, with their labels.
    pub months: Vec<String>,
    pub month_labels: Vec<String>,
    /// Per month: cases accepted, consultations, applications received, subjects in register at month end.
    pub trend: Vec<ChartSeries>,
    /// This year so far (subjects: at the end of the last month), one value per office.
    pub office_names: Vec<String>,
    pub by_office: Vec<ChartSeries>,
    pub year_label: String,
    /// Cases accepted this year by dispute type.
    pub dispute_mix: Vec<NamedValue>,
    /// Subjects in register at the end of the last month, by correction type.
    pub correction_types: Vec<NamedValue>,
    pub correction_as_of: String,
    pub submissions: SubmissionSummary,
    pub undecided_duplicates: i64,
    pub pending_events: i64,
}
