//! Verifying a batch file: is it a batch of this format, complete, and unchanged since export?
//! The answer names what is wrong in Chinese, for a clerk or a district officer to act on.

use super::grid::{sheet_digest, Canon, Cell, LEDGER_HEADER_ROWS};
use super::xlsx::{self, ReadBook};
use super::{Manifest, SheetCount, COVER_DIGEST_LABEL, FORMAT, FORMAT_VERSION, META_SHEET};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    pub ok: bool,
    /// Why the file is not an intact batch.
    pub reason: Option<String>,
    pub file: String,
    pub office_code: Option<String>,
    pub office_name: Option<String>,
    pub period: Option<String>,
    pub profile: Option<String>,
    pub sequence: Option<i64>,
    pub generated_at: Option<String>,
    pub generated_by: Option<String>,
    pub digest: Option<String>,
    pub previous_digest: Option<String>,
    pub sheets: Vec<SheetCount>,
}

/// A batch that passed every check: its manifest and its sheets as read.
pub struct Verified {
    pub manifest: Manifest,
    pub book: ReadBook,
}

/// Keys every manifest of format v1 has.
const REQUIRED: &[&str] = &["format", "formatVersion", "officeCode", "officeName", "period", "profile", "sequence", "generatedAt", "sheets", "digest"];

fn manifest_of(book: &ReadBook) -> Option<Manifest> {
    let (_, rows) = book.sheets.iter().find(|(n, _)| n == META_SHEET)?;
    Some(Manifest(
        rows.iter()
            .filter_map(|r| {
                let k = r.first()?.as_text()?.to_string();
                let v = match r.get(1) {
                    Some(Cell::Text(t)) => t.clone(),
                    Some(Cell::Number(n)) => super::grid::format_number(*n),
                    _ => String::new(),
                };
                Some((k, v))
            })
            .collect(),
    ))
}

/// Ledger data rows as a reader finds them.
fn data_rows(rows: &[Vec<Cell>]) -> i64 {
    rows.len().saturating_sub(LEDGER_HEADER_ROWS as usize) as i64
}

/// Reads and checks a batch; `Err` carries the reason, in Chinese, with the manifest when one
/// was found (so a report can still say whose file it claims to be).
pub fn open(path: &Path) -> Result<Verified, (String, Option<Manifest>)> {
    if !path.is_file() {
        return Err((format!("找不到文件“{}”。", path.display()), None));
    }
    let book = xlsx::read(path).map_err(|e| (e.to_string(), None))?;
    let not_batch = "这不是司法所工作台导出的月度报送文件（没有报送清单 _meta）。".to_string();
    let m = manifest_of(&book).ok_or((not_batch.clone(), None))?;
    if m.get("format") != Some(FORMAT) {
        return Err((not_batch, None));
    }
    let fail = |reason: String| Err((reason, Some(m.clone())));
    // Format 1 files, written before 1.1, keep verifying as they were sealed.
    let canon = match m.get("formatVersion") {
        Some("1") => Canon::AsWritten,
        Some(FORMAT_VERSION) => Canon::Saved,
        other => return fail(format!("报送文件格式版本为“{}”，本程序只能读取版本 1 和 {FORMAT_VERSION}，请升级司法所工作台。", other.unwrap_or(""))),
    };
    if let Some(k) = REQUIRED.iter().find(|k| m.get(k).is_none_or(str::is_empty)) {
        return fail(format!("报送清单（_meta）不完整，缺少“{k}”：文件在导出后被修改过。"));
    }
    let listed: Vec<&str> = m.get("sheets").unwrap_or("").split(',').filter(|s| !s.is_empty()).collect();
    let present: Vec<&str> = book.sheets.iter().map(|(n, _)| n.as_str()).filter(|n| *n != META_SHEET).collect();
    if let Some(missing) = listed.iter().find(|n| !present.contains(n)) {
        return fail(format!("缺少工作表「{missing}」：文件在导出后被修改过。"));
    }
    if let Some(extra) = present.iter().find(|n| !listed.contains(n)) {
        return fail(format!("多出工作表「{extra}」：文件在导出后被修改过。"));
    }
    for (name, rows) in book.sheets.iter().filter(|(n, _)| n != META_SHEET) {
        if let Some(expected) = m.get(&format!("rows.{name}")) {
            let found = data_rows(rows);
            if expected != found.to_string() {
                return fail(format!("「{name}」应有 {expected} 行记录，文件中有 {found} 行：行在导出后被删除或增加。"));
            }
        }
        if m.get(&format!("digest.{name}")) != Some(sheet_digest(name, rows, canon).as_str()) {
            return fail(format!("「{name}」的内容在导出后被修改过（校验码不符）。"));
        }
    }
    if m.get("digest") != Some(m.seal().as_str()) {
        return fail("报送清单（_meta）在导出后被修改过（校验码不符）。".to_string());
    }
    let cover_digest = book
        .sheets
        .first()
        .and_then(|(_, rows)| rows.iter().find(|r| r.first().and_then(Cell::as_text) == Some(COVER_DIGEST_LABEL)))
        .and_then(|r| r.get(1).and_then(Cell::as_text).map(str::to_string));
    if cover_digest.as_deref() != m.get("digest") {
        return fail("封面上的校验码与报送清单不符：文件在导出后被修改过。".to_string());
    }
    Ok(Verified { manifest: m, book })
}

/// The report of `sifa verify` and of the district's first check.
pub fn verify_file(path: &Path) -> VerifyReport {
    let (ok, reason, m) = match open(path) {
        Ok(v) => (true, None, Some(v.manifest)),
        Err((reason, m)) => (false, Some(reason), m),
    };
    let get = |k: &str| m.as_ref().and_then(|m| m.get(k)).filter(|v| !v.is_empty()).map(str::to_string);
    let sheets = m.as_ref().map(Manifest::sheet_counts).unwrap_or_default();
    VerifyReport {
        ok,
        reason,
        file: path.display().to_string(),
        office_code: get("officeCode"),
        office_name: get("officeName"),
        period: get("period"),
        profile: get("profile"),
        sequence: get("sequence").and_then(|s| s.parse().ok()),
        generated_at: get("generatedAt"),
        generated_by: get("generatedBy"),
        digest: get("digest"),
        previous_digest: get("previousDigest"),
        sheets,
    }
}
