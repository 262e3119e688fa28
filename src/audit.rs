//! The audit log: one entry per change, written in the same transaction as the change, each
//! hash-chained to the one before so that an edited or deleted entry is detected. The entries and
//! their hash are here; the chain itself (appending, the head, checking) is kept by `store::audit`.

mod changes;
pub use changes::{field_changes, unlabelled_keys, FieldChange};

use crate::error::{Error, FieldError, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user_id: Option<String>,
    pub username: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.seq.to_string().as_str(),
            &self.at,
            self.user_id.as_deref().unwrap_or(""),
            &self.username,
            &self.action,
            &self.record_kind,
            self.record_id.as_deref().unwrap_or(""),
            self.before_json.as_deref().unwrap_or(""),
            self.after_json.as_deref().unwrap_or(""),
            &self.prev_hash,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// What happened, to what; `append` fills in sequence, time and hashes.
pub struct Change<'a> {
    pub action: &'a str,
    pub record_kind: &'a str,
    pub record_id: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditCheck {
    /// Entries in the log.
    pub entries: i64,
    /// Sequence number of the first entry that was changed or deleted.
    pub first_broken: Option<i64>,
    /// What is wrong with it, in Chinese.
    pub reason: Option<String>,
}

impl AuditCheck {
    pub fn intact(&self) -> bool {
        self.first_broken.is_none()
    }

    pub(crate) fn broken(entries: i64, seq: i64, reason: String) -> AuditCheck {
        AuditCheck { entries, first_broken: Some(seq), reason: Some(reason) }
    }
}

/// What 操作日志 filters by; every part optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub record_kind: Option<String>,
    /// Part of a record's id (or an office code, a batch digest…).
    pub record_id: Option<String>,
    /// First and last day, YYYY-MM-DD, China time.
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: i64,
    pub page_size: i64,
}

/// One entry as 操作日志 lists it, with Chinese labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditListItem {
    pub seq: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub action_label: String,
    pub record_kind: String,
    pub record_kind_label: String,
    pub record_id: Option<String>,
    /// What a clerk knows the record by (案号, 申请编号, 矫正对象编号, 用户名, 文件名, 姓名), read from the
    /// record as it was; `None` when the entry carries none.
    pub record_label: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    /// The record before and after, field by field in Chinese (查看).
    pub changes: Vec<FieldChange>,
}

/// The keys, in order of preference, whose value names a record for people.
const RECORD_LABEL_KEYS: [&str; 7] = ["caseNo", "applicationNo", "subjectCode", "username", "fileName", "officeName", "name"];

/// A record's copy is `{caseNo?, version, record}`: its own fields name it too (a subject's code, a
/// consulting person's name); a correction event is named by its kind and day.
fn record_label(after: Option<&str>, before: Option<&str>) -> Option<String> {
    let objects: Vec<serde_json::Value> =
        [after, before].into_iter().flatten().filter_map(|j| serde_json::from_str(j).ok()).filter(|v: &serde_json::Value| v.is_object()).collect();
    let text = |o: &serde_json::Value, key: &str| o.get(key).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let records: Vec<&serde_json::Value> = objects.iter().filter_map(|o| o.get("record")).filter(|r| r.is_object()).collect();
    RECORD_LABEL_KEYS
        .iter()
        .find_map(|key| objects.iter().chain(records.iter().copied()).find_map(|o| text(o, key)))
        .or_else(|| {
            records.iter().find_map(|r| {
                let kind = text(r, "kind")?;
                let label = crate::codes::label("corrEventKind", &kind)?;
                Some(format!("{label} {}", text(r, "eventOn").unwrap_or_default()).trim_end().to_string())
            })
        })
}

impl From<AuditEntry> for AuditListItem {
    fn from(e: AuditEntry) -> Self {
        AuditListItem {
            record_label: record_label(e.after_json.as_deref(), e.before_json.as_deref()),
            changes: field_changes(&e.record_kind, e.before_json.as_deref(), e.after_json.as_deref()),
            action_label: crate::codes::label("auditAction", &e.action).unwrap_or(&e.action).to_string(),
            record_kind_label: crate::codes::label("auditRecordKind", &e.record_kind).unwrap_or(&e.record_kind).to_string(),
            seq: e.seq,
            at: e.at,
            username: e.username,
            action: e.action,
            record_kind: e.record_kind,
            record_id: e.record_id,
            before_json: e.before_json,
            after_json: e.after_json,
        }
    }
}

/// A checked filter: values trimmed, dates valid and in order (field errors in Chinese otherwise).
pub fn clean_filter(f: &AuditFilter) -> Result<AuditFilter> {
    let clean = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let mut errors = Vec::new();
    let mut date = |field: &str, label: &str, v: &Option<String>| match clean(v) {
        None => None,
        Some(s) => match crate::validate::parse_date(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(FieldError::new(field, "validation.date", format!("{label}：{e}")));
                None
            }
        },
    };
    let from = date("from", "开始日期", &f.from);
    let to = date("to", "结束日期", &f.to);
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            errors.push(FieldError::new("to", "validation.date_order", "结束日期不能早于开始日期"));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    Ok(AuditFilter {
        username: clean(&f.username),
        action: clean(&f.action),
        record_kind: clean(&f.record_kind),
        record_id: clean(&f.record_id),
        from: from.map(|d| d.to_string()),
        to: to.map(|d| d.to_string()),
        page: f.page.max(1),
        page_size: f.page_size.clamp(1, 200),
    })
}

/// The change in words, a line a field: of a change the changed fields (before → after), of a new
/// or deleted record or a single event every field.
fn changes_text(e: &AuditListItem) -> String {
    let change = e.before_json.is_some() && e.after_json.is_some();
    e.changes
        .iter()
        .filter(|c| !change || c.changed)
        .map(|c| match (change, c.before.is_empty(), c.after.is_empty()) {
            (true, _, _) => format!("{}：{} → {}", c.label, if c.before.is_empty() { "（空）" } else { &c.before }, if c.after.is_empty() { "（空）" } else { &c.after }),
            (false, false, true) => format!("{}：{}", c.label, c.before),
            _ => format!("{}：{}", c.label, c.after),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Excel's limit on one cell's text.
const CELL_MAX_CHARS: usize = 32_000;

fn cell_text(s: &str) -> String {
    if s.chars().count() > CELL_MAX_CHARS {
        let mut t: String = s.chars().take(CELL_MAX_CHARS).collect();
        t.push_str("…（已截断）");
        t
    } else {
        s.to_string()
    }
}

/// The exported 操作日志: a title, the chain's state, one row per entry (text cells only, so nothing
/// in an entry can become a formula), printable on A4 landscape with the header repeated.
pub fn workbook(office_name: &str, entries: &[AuditListItem], check: &AuditCheck, generated_at: &str) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let xerr = |e: rust_xlsxwriter::XlsxError| Error::Io(std::io::Error::other(e.to_string()));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("操作日志").map_err(xerr)?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#EEF3FA");
    let body = Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.write_string_with_format(0, 0, format!("{office_name} 操作日志"), &title).map_err(xerr)?;
    let state = match &check.reason {
        None => format!("日志链校验：完整（共{}条）", check.entries),
        Some(r) => format!("日志链校验：未通过，{r}"),
    };
    sheet.write_string(1, 0, format!("导出时间：{generated_at}；本表{}条；{state}", entries.len())).map_err(xerr)?;
    let headers = [("序号", 8.0), ("时间", 26.0), ("用户", 14.0), ("操作", 24.0), ("对象类型", 14.0), ("记录", 24.0), ("对象编号", 40.0), ("改动内容", 50.0), ("变更前", 50.0), ("变更后", 50.0)];
    for (c, (h, w)) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, c as u16, *h, &head).map_err(xerr)?;
        sheet.set_column_width(c as u16, *w).map_err(xerr)?;
    }
    for (i, e) in entries.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_number_with_format(r, 0, e.seq as f64, &body).map_err(xerr)?;
        let texts = [
            e.at.as_str(),
            &e.username,
            &e.action_label,
            &e.record_kind_label,
            e.record_label.as_deref().unwrap_or(""),
            e.record_id.as_deref().unwrap_or(""),
            &changes_text(e),
            e.before_json.as_deref().unwrap_or(""),
            e.after_json.as_deref().unwrap_or(""),
        ];
        for (c, t) in texts.iter().enumerate() {
            sheet.write_string_with_format(r, 1 + c as u16, cell_text(t), &body).map_err(xerr)?;
        }
    }
    sheet.set_freeze_panes(3, 0).map_err(xerr)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(2, 2).map_err(xerr)?;
    sheet.set_print_fit_to_pages(1, 0);
    book.save_to_buffer().map_err(xerr)
}
