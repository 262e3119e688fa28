//! The desk in district mode: the register of offices, the import of batches (read once,
//! rehearsed for the preview, then applied by the same code in one transaction), 报送情况,
//! likely duplicates, statistics and the consolidated workbook.

use super::{require_head, require_writer, Desk};
use crate::accounts::User;
use crate::audit::Change;
use crate::record::{Actor, RecordHeader};
use super::change;
use crate::batch::ledger::Records;
use crate::batch::{self, verify, Manifest, Profile};
use crate::calendar::Calendar;
use crate::district::{
    self, Arrival, DistrictOffice, DistrictStatistics, DuplicateItem, DuplicateSide, Facts, FilePreview, FileVerdict, ImportPreview, ImportProgress,
    ImportRow, KindCounts, OfficeStatistics, Payload, ReceivedBatch, RecordKind, RowStatus, SubmissionGrid, SubmissionRow, SubmissionStatus,
    ROWS_SHOWN_PER_FILE,
};
use crate::error::{Error, Result};
use crate::office::Office;
use crate::store::{self, district::Held};
use chrono::{Datelike, NaiveDate};
use rusqlite::Transaction;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// A record of a file, checked and normalised: its body and facts (`None` for a deletion).
struct Prepared {
    arrival: Arrival,
    body: Option<(String, Facts)>,
}

/// A batch file read and checked on its own (before it meets the district's records).
struct Loaded {
    manifest: Manifest,
    records: Vec<Prepared>,
    statistics: Vec<(String, Vec<Vec<Value>>)>,
    rows: i64,
}

struct ReadFile {
    path: PathBuf,
    file_name: String,
    loaded: std::result::Result<Loaded, (String, Option<Manifest>)>,
}

/// Files read for a preview, waiting for the user's confirmation.
pub struct ImportPlan {
    token: String,
    files: Vec<ReadFile>,
}

/// The `.xlsx` files named, a folder standing for the batch files in it (not its subfolders).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file())
                .filter(|f| {
                    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    // Half-written exports (.~name.part) and Excel's lock files (~$name) are not batches.
                    name.to_ascii_lowercase().ends_with(".xlsx") && !name.starts_with('.') && !name.starts_with("~$")
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        return Err(Error::field("files", "validation.import_empty", "所选文件夹中没有报送文件（.xlsx）"));
    }
    let mut seen = BTreeSet::new();
    out.retain(|p| seen.insert(p.canonicalize().unwrap_or_else(|_| p.clone())));
    Ok(out)
}

fn generated_day(m: &Manifest) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(m.get("generatedAt")?.get(..10)?, "%Y-%m-%d").ok()
}

/// Reads one file: verified, a full batch, every row decoded and re-checked.
fn load(path: &Path, cal: &Calendar, today: NaiveDate) -> std::result::Result<Loaded, (String, Option<Manifest>)> {
    let v = verify::open(path)?;
    let m = v.manifest;
    let fail = |reason: String| Err((reason, Some(m.clone())));
    if m.get("profile") != Some(Profile::Full.code()) {
        let label = Profile::parse(m.get("profile").unwrap_or("")).map(Profile::label).unwrap_or("未知类型");
        return fail(format!("这是“{label}”报送文件；区司法局汇总需要“完整版”，请该所重新导出完整版。"));
    }
    let office_code = m.get("officeCode").unwrap_or("").to_string();
    let mut records = match district::arrivals(&v.book, &office_code) {
        Ok(a) => a,
        Err(reason) => return fail(reason),
    };
    let day = generated_day(&m).unwrap_or(today);
    // Deletions first: a record deleted and entered again under the same number in one month
    // must leave before its successor arrives.
    records.sort_by_key(|a| (a.payload.is_some(), a.kind));
    let mut prepared = Vec::with_capacity(records.len());
    for mut a in records {
        if matches!(a.kind, RecordKind::MediationCase | RecordKind::LegalAidApplication) && a.payload.is_some() && district::number_parts(&a.meta.number).is_none() {
            return fail(format!("「{}」第 {} 行的编号“{}”格式不对。", a.sheet, a.row, a.meta.number));
        }
        let body = match a.payload {
            None => None,
            Some(_) => match district::prepare(&mut a, cal, day) {
                Ok(b) => Some(b),
                Err(reason) => return fail(reason),
            },
        };
        prepared.push(Prepared { arrival: a, body });
    }
    let listed: Vec<&str> = m.get("sheets").unwrap_or("").split(',').collect();
    let statistics = v
        .book
        .sheets
        .iter()
        .filter(|(n, _)| listed.contains(&n.as_str()) && n != batch::COVER_SHEET && m.get(&format!("rows.{n}")).is_none())
        .map(|(n, rows)| (n.clone(), district::sheet_values(rows)))
        .collect();
    let rows = listed.iter().filter_map(|n| m.get(&format!("rows.{n}"))?.parse::<i64>().ok()).sum();
    Ok(Loaded { manifest: m, records: prepared, statistics, rows })
}

/// Reads the files on two cores (reading and decoding is most of an import's time).
fn load_all(paths: Vec<PathBuf>, cal: &Calendar, today: NaiveDate, progress: &mut dyn FnMut(ImportProgress)) -> Vec<ReadFile> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let total = paths.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<ReadFile>>> = paths.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = paths.get(i) else { break };
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let loaded = load(path, cal, today);
        *slots[i].lock().expect("slot") = Some(ReadFile { path: path.clone(), file_name, loaded });
        done.fetch_add(1, Ordering::Relaxed);
    };
    // Two readers; this thread only reports progress, so the bar moves while files are read.
    std::thread::scope(|s| {
        let readers = [s.spawn(work), s.spawn(work)];
        while !readers.iter().all(|r| r.is_finished()) {
            progress(ImportProgress { stage: "reading", done: done.load(Ordering::Relaxed), total });
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        for r in readers {
            r.join().expect("reading batch files does not panic");
        }
    });
    progress(ImportProgress { stage: "reading", done: total, total });
    slots.into_iter().map(|s| s.into_inner().expect("slot").expect("every file read")).collect()
}

/// What the merge of one file found and did.
struct FileOutcome {
    counts: Vec<KindCounts>,
    rows: Vec<ImportRow>,
    left_out: i64,
}

impl FileOutcome {
    fn new() -> FileOutcome {
        FileOutcome { counts: RecordKind::ALL.iter().map(|k| KindCounts::of(*k)).collect(), rows: Vec::new(), left_out: 0 }
    }
    fn note(&mut self, a: &Arrival, status: RowStatus, held: Option<&Held>, note: Option<String>, diffs: Vec<district::FieldDiff>) {
        if let Some(c) = self.counts.iter_mut().find(|c| c.kind == a.kind.code()) {
            c.add(status);
        }
        if status == RowStatus::Unchanged {
            return;
        }
        if self.rows.len() >= ROWS_SHOWN_PER_FILE {
            self.left_out += 1;
            return;
        }
        self.rows.push(ImportRow {
            kind: a.kind.code().into(),
            kind_label: a.kind.label().into(),
            id: a.meta.id.clone(),
            label: a.label(),
            status,
            version: a.meta.version,
            held_version: held.map(|h| h.version),
            deleted: a.payload.is_none(),
            note,
            diffs,
        });
    }
}

/// Who the district's copy of a record names as its author: the office it came from.
fn author(office_code: &str) -> String {
    format!("office:{office_code}")
}

/// Inserts or replaces the district's copy of a live record.
fn put(tx: &Transaction<'_>, office_code: &str, a: &Arrival, body: &str, facts: &Facts, held: Option<&Held>) -> Result<()> {
    let m = &a.meta;
    let by = author(office_code);
    let update = held.is_some_and(|h| h.body.is_some());
    let rid = if update && !held.is_some_and(|h| h.pending) { store::district::rid(tx, a.kind, &m.id)?.unwrap_or(0) } else { 0 };
    // The district's copy keeps the office's identity, number and version; its author is the office.
    let header = |number: String| {
        let (year, seq) = district::number_parts(&number).unwrap_or_default();
        RecordHeader {
            rid,
            id: m.id.clone(),
            office_code: office_code.to_string(),
            parent_id: m.parent_id.clone(),
            number,
            year,
            seq,
            version: m.version,
            created_at: m.created_at.clone(),
            updated_at: m.updated_at.clone(),
            created_by: by.clone(),
            updated_by: by.clone(),
            deleted_at: None,
        }
    };
    match (&a.payload, facts) {
        (Some(Payload::Case(input)), Facts::Case(f)) => {
            let meta = header(m.number.clone());
            let row = store::mediation::CaseRow { meta: &meta, input, facts: f, body };
            if update { store::mediation::update(tx, &row) } else { store::mediation::insert(tx, &row).map(|_| ()) }
        }
        (Some(Payload::Consultation(input)), Facts::Consultation(f)) => {
            let meta = header(String::new());
            if update { store::legal_aid::consultation_update(tx, &meta, input, f, body) } else { store::legal_aid::consultation_insert(tx, &meta, input, f, body).map(|_| ()) }
        }
        (Some(Payload::Application(input)), Facts::Application(f)) => {
            let meta = header(m.number.clone());
            let row = store::legal_aid::ApplicationRow { meta: &meta, input, facts: f, body };
            if update { store::legal_aid::application_update(tx, &row) } else { store::legal_aid::application_insert(tx, &row).map(|_| ()) }
        }
        (Some(Payload::Subject(input)), Facts::Subject(f)) => {
            let meta = header(input.subject_code.clone());
            let row = store::correction::SubjectRow { meta: &meta, input, facts: f, body };
            if update { store::correction::subject_update(tx, &row) } else { store::correction::subject_insert(tx, &row).map(|_| ()) }
        }
        (Some(Payload::Event(input)), Facts::Event) => {
            if held.is_some_and(|h| h.pending) || !store::district::subject_exists(tx, &m.parent_id)? {
                store::district::pending_put(
                    tx,
                    &store::district::PendingEvent {
                        id: &m.id,
                        subject_id: &m.parent_id,
                        office_code,
                        kind: &input.kind,
                        event_on: &input.event_on,
                        version: m.version,
                        created_at: &m.created_at,
                        updated_at: &m.updated_at,
                        body,
                    },
                )
            } else {
                let meta = header(String::new());
                if update { store::correction::event_update(tx, &meta, &input.event_on, body) } else { store::correction::event_insert(tx, &meta, &input.kind, &input.event_on, body).map(|_| ()) }
            }
        }
        _ => unreachable!("facts are computed from the payload"),
    }
}

/// Everything an import run needs besides the files.
struct Run<'a> {
    tx: &'a Transaction<'a>,
    now: &'a str,
    actor: Actor<'a>,
    today: NaiveDate,
    offices: &'a HashMap<String, DistrictOffice>,
}

impl Run<'_> {
    fn audit(&self, action: &str, kind: &str, id: Option<&str>, before: Option<String>, after: Option<String>) -> Result<()> {
        store::audit::append(self.tx, self.actor, self.now, Change { action, record_kind: kind, record_id: id, before, after })?;
        Ok(())
    }

    /// Merges one record: the higher version wins; the same version must have the same content.
    fn merge(&self, office_code: &str, p: &Prepared, out: &mut FileOutcome) -> Result<()> {
        let a = &p.arrival;
        let tx = self.tx;
        let held = store::district::held(tx, a.kind, &a.meta.id)?;
        let foreign = held.as_ref().filter(|h| h.office_code != office_code);
        if let Some(h) = foreign {
            let note = format!("记录编号已属于另一单位（{}）的记录，未导入", self.office_name(&h.office_code));
            out.note(a, RowStatus::Conflict, held.as_ref(), Some(note), Vec::new());
            return Ok(());
        }
        let newer = held.as_ref().is_none_or(|h| a.meta.version > h.version);
        match (&p.body, &held) {
            // A deletion.
            (None, None) => {
                store::district::tombstone_put(tx, a.kind, &a.meta.id, office_code, a.meta.version, a.meta.deleted_at.as_deref().unwrap_or(""))?;
                out.note(a, RowStatus::New, None, Some("该记录已在司法所删除".into()), Vec::new());
            }
            (None, Some(h)) if h.body.is_none() || !newer => {
                if newer {
                    store::district::tombstone_put(tx, a.kind, &a.meta.id, office_code, a.meta.version, a.meta.deleted_at.as_deref().unwrap_or(""))?;
                }
                out.note(a, RowStatus::Unchanged, Some(h), None, Vec::new());
            }
            (None, Some(h)) => {
                for (event, version) in store::district::remove(tx, a.kind, &a.meta.id)? {
                    store::district::tombstone_put(tx, RecordKind::CorrectionEvent, &event, office_code, version, a.meta.deleted_at.as_deref().unwrap_or(""))?;
                    store::district::keys_drop(tx, &event)?;
                }
                store::district::tombstone_put(tx, a.kind, &a.meta.id, office_code, a.meta.version, a.meta.deleted_at.as_deref().unwrap_or(""))?;
                store::district::keys_drop(tx, &a.meta.id)?;
                store::district::review_drop_undecided(tx, &a.meta.id)?;
                self.audit("district.delete", a.kind.code(), Some(&a.meta.id), h.body.clone(), None)?;
                let diffs = vec![district::FieldDiff { field: "记录".into(), before: format!("有效（第 {} 版）", h.version), after: "已在司法所删除".into() }];
                out.note(a, RowStatus::Updated, Some(h), None, diffs);
            }
            // A live record.
            (Some((body, facts)), held) => {
                let live = held.as_ref().filter(|h| h.body.is_some());
                if !newer {
                    let h = held.as_ref().expect("not newer than something held");
                    match &h.body {
                        Some(b) if a.meta.version == h.version && b != body => {
                            let note = format!("与已导入的第 {} 版编号、版本相同而内容不同，保留已导入的内容，请与该所核实", h.version);
                            out.note(a, RowStatus::Conflict, Some(h), Some(note), district::diff(a.kind, b, body));
                        }
                        _ => out.note(a, RowStatus::Unchanged, Some(h), None, Vec::new()),
                    }
                    return Ok(());
                }
                let number = match &a.payload {
                    Some(Payload::Subject(s)) => s.subject_code.as_str(),
                    _ => a.meta.number.as_str(),
                };
                if let Some((_, taken)) = store::district::number_holder(tx, a.kind, office_code, number, &a.meta.id)? {
                    let note = format!(
                        "编号“{taken}”在本区已属于该所另一条记录，本条未导入：该所可能删除后又用了这个编号（请先导入该所更早的报送文件，再导入本文件），或重装、从备份恢复过（请与该所核实）"
                    );
                    out.note(a, RowStatus::Conflict, held.as_ref(), Some(note), Vec::new());
                    return Ok(());
                }
                if held.as_ref().is_some_and(|h| h.body.is_none()) {
                    store::district::tombstone_drop(tx, &a.meta.id)?;
                }
                put(tx, office_code, a, body, facts, live)?;
                let keys = a.payload.as_ref().map(district::person_keys).unwrap_or_default();
                let key_names: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
                let others = store::district::keys_put(tx, &a.meta.id, &key_names)?;
                for (other, key) in &others {
                    store::district::review_put(tx, &a.meta.id, other, a.kind, district::key_reason(key), self.now)?;
                }
                match live {
                    Some(h) => {
                        let before = h.body.clone().unwrap_or_default();
                        let diffs = district::diff(a.kind, &before, body);
                        self.audit("district.update", a.kind.code(), Some(&a.meta.id), Some(before), Some(body.clone()))?;
                        out.note(a, RowStatus::Updated, Some(h), None, diffs);
                    }
                    None if !others.is_empty() => {
                        let note = others
                            .iter()
                            .map(|(other, key)| format!("{}：{}", district::key_reason(key), self.describe(a.kind, other)))
                            .collect::<Vec<_>>()
                            .join("；");
                        out.note(a, RowStatus::Duplicate, held.as_ref(), Some(format!("疑似重复（已导入，待人工判断）——{note}")), Vec::new());
                    }
                    None => out.note(a, RowStatus::New, held.as_ref(), None, Vec::new()),
                }
            }
        }
        Ok(())
    }

    fn office_name(&self, code: &str) -> String {
        self.offices.get(code).map(|o| o.name.clone()).unwrap_or_else(|| code.to_string())
    }

    fn describe(&self, kind: RecordKind, id: &str) -> String {
        match store::district::describe(self.tx, kind, id) {
            Ok(Some((office, number, _))) => format!("{} {}", self.office_name(&office), number).trim().to_string(),
            _ => id.to_string(),
        }
    }

    /// Checks a file against what the district already has, then merges its records.
    fn file(&self, f: &ReadFile, progress: &mut dyn FnMut(usize)) -> Result<FilePreview> {
        let mut preview = FilePreview {
            path: f.path.display().to_string(),
            file_name: f.file_name.clone(),
            status: FileVerdict::Rejected,
            reason: None,
            warnings: Vec::new(),
            already_imported: false,
            office_code: None,
            office_name: None,
            period: None,
            sequence: None,
            generated_at: None,
            counts: RecordKind::ALL.iter().map(|k| KindCounts::of(*k)).collect(),
            rows: Vec::new(),
            rows_left_out: 0,
        };
        let manifest = match &f.loaded {
            Ok(l) => Some(&l.manifest),
            Err((_, m)) => m.as_ref(),
        };
        if let Some(m) = manifest {
            let get = |k: &str| m.get(k).filter(|v| !v.is_empty()).map(str::to_string);
            preview.office_code = get("officeCode");
            preview.office_name = get("officeName");
            preview.period = get("period");
            preview.sequence = get("sequence").and_then(|s| s.parse().ok());
            preview.generated_at = get("generatedAt");
        }
        let reason = match &f.loaded {
            Err((reason, _)) => Some(reason.clone()),
            Ok(l) => self.refusal(l)?,
        };
        if let Some(reason) = reason {
            preview.reason = Some(reason.clone());
            self.record(&preview, manifest, FileVerdict::Rejected, 0, "[]")?;
            self.audit("district.import_rejected", "batch", None, None, Some(serde_json::json!({ "file": f.file_name, "reason": reason }).to_string()))?;
            return Ok(preview);
        }
        let l = f.loaded.as_ref().ok().expect("accepted files were read");
        let m = &l.manifest;
        let office_code = m.get("officeCode").unwrap_or("");
        let digest = m.get("digest").unwrap_or("");
        preview.status = FileVerdict::Accepted;
        if let Some(earlier) = store::district::received_by_digest(self.tx, digest)? {
            preview.already_imported = true;
            preview.warnings.push(format!("此文件已于 {} 导入过，再次导入不会改变任何数据。", earlier.imported_at.get(..16).unwrap_or(&earlier.imported_at).replace('T', " ")));
        }
        let mut out = FileOutcome::new();
        for (i, p) in l.records.iter().enumerate() {
            self.merge(office_code, p, &mut out)?;
            if i % 1000 == 999 {
                progress(1000);
            }
        }
        progress(l.records.len() % 1000);
        preview.counts = out.counts;
        preview.rows = out.rows;
        preview.rows_left_out = out.left_out;
        if !preview.already_imported {
            let sequence = preview.sequence.unwrap_or(0);
            let mut sequences = store::district::sequences(self.tx, office_code, Profile::Full.code())?;
            sequences.push(sequence);
            let max = sequences.iter().copied().max().unwrap_or(0);
            let missing: Vec<String> = (1..max).filter(|n| !sequences.contains(n)).map(|n| n.to_string()).collect();
            if !missing.is_empty() {
                preview.warnings.push(format!("该所第 {} 次报送尚未收到：已先导入本文件，请向该所索取缺少的文件。", missing.join("、")));
            }
            if let Some(prev) = store::district::received_by_sequence(self.tx, office_code, Profile::Full.code(), sequence - 1)? {
                if prev.digest.as_deref() != m.get("previousDigest") {
                    preview.warnings.push(format!("文件记载的上次报送校验码与已收到的第 {} 次报送不符：该所可能重装或从备份恢复过，请核实。", sequence - 1));
                }
            }
            let statistics = serde_json::to_string(&l.statistics).unwrap_or_else(|_| "[]".into());
            self.record(&preview, Some(m), FileVerdict::Accepted, l.rows, &statistics)?;
            let after = serde_json::json!({ "file": f.file_name, "officeCode": office_code, "period": preview.period, "sequence": preview.sequence, "digest": digest, "counts": preview.counts });
            self.audit("district.import", "batch", Some(digest), None, Some(after.to_string()))?;
        }
        Ok(preview)
    }

    /// Why a readable batch cannot be imported here, if it cannot.
    fn refusal(&self, l: &Loaded) -> Result<Option<String>> {
        let m = &l.manifest;
        let code = m.get("officeCode").unwrap_or("");
        let Some(office) = self.offices.get(code) else {
            return Ok(Some(format!(
                "单位代码 {code}（{}）不在本区司法所名册中：请先在“司法所名册”中登记该所，或核实文件来源。",
                m.get("officeName").unwrap_or("")
            )));
        };
        let period = m.get("period").unwrap_or("");
        let start = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d");
        match start {
            Err(_) => return Ok(Some(format!("报送月份“{period}”无法识别。"))),
            Ok(s) if s > self.today => return Ok(Some(format!("报送月份 {} 晚于本月：请核对该所电脑的日期。", district::month_label(period)))),
            _ => {}
        }
        let digest = m.get("digest").unwrap_or("");
        let sequence: i64 = m.get("sequence").and_then(|s| s.parse().ok()).unwrap_or(0);
        if sequence < 1 {
            return Ok(Some("报送清单中的报送次序无效。".into()));
        }
        if let Some(other) = store::district::received_by_sequence(self.tx, code, Profile::Full.code(), sequence)? {
            if other.digest.as_deref() != Some(digest) {
                return Ok(Some(format!(
                    "{}第 {sequence} 次报送已于 {} 收到（文件 {}），本文件使用同一序号但内容不同：可能是从旧备份恢复后重新导出的，请与该所核实。",
                    office.name,
                    other.imported_at.get(..10).unwrap_or(&other.imported_at),
                    other.file_name
                )));
            }
        }
        Ok(None)
    }

    fn record(&self, p: &FilePreview, m: Option<&Manifest>, status: FileVerdict, rows: i64, statistics: &str) -> Result<()> {
        let get = |k: &str| m.and_then(|m| m.get(k)).filter(|v| !v.is_empty()).map(str::to_string);
        let b = ReceivedBatch {
            status,
            reason: p.reason.clone(),
            office_code: p.office_code.clone(),
            office_name: p.office_name.clone(),
            period: p.period.clone(),
            profile: get("profile"),
            sequence: p.sequence,
            digest: get("digest"),
            previous_digest: get("previousDigest"),
            generated_at: p.generated_at.clone(),
            generated_by: get("generatedBy"),
            file_name: p.file_name.clone(),
            rows,
            counts: p.counts.clone(),
            warnings: p.warnings.clone(),
            imported_at: self.now.to_string(),
            imported_by: self.actor.display_name().to_string(),
        };
        store::district::received_insert(self.tx, &b, statistics)
    }

    /// Every file in a fixed order (office, sequence, seal), so the run does not depend on the
    /// order the files were chosen in; events whose subject arrived leave the waiting table.
    fn all(&self, files: &[ReadFile], progress: &mut dyn FnMut(ImportProgress)) -> Result<Vec<FilePreview>> {
        let key = |f: &ReadFile| match &f.loaded {
            Ok(l) => {
                let m = &l.manifest;
                (0, m.get("officeCode").unwrap_or("").to_string(), m.get("sequence").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0), m.get("digest").unwrap_or("").to_string())
            }
            Err(_) => (1, f.file_name.clone(), 0, String::new()),
        };
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by_key(|&i| key(&files[i]));
        let total: usize = files.iter().map(|f| f.loaded.as_ref().map_or(0, |l| l.records.len())).sum();
        let mut done = 0;
        let mut out: Vec<Option<FilePreview>> = vec![None; files.len()];
        let mut seen_digests = BTreeSet::new();
        for i in order {
            let f = &files[i];
            // The same file chosen twice in one import (e.g. from the folder and by name).
            if let Ok(l) = &f.loaded {
                if !seen_digests.insert(l.manifest.get("digest").unwrap_or("").to_string()) {
                    let mut p = self.file(f, &mut |_| {})?;
                    p.warnings.push("同一文件在本次导入中出现了不止一次。".into());
                    out[i] = Some(p);
                    continue;
                }
            }
            out[i] = Some(self.file(f, &mut |n| {
                done += n;
                progress(ImportProgress { stage: "checking", done, total });
            })?);
        }
        for (id, subject_id, office_code, kind, event_on, version, created_at, updated_at, body) in store::district::pending_take_ready(self.tx)? {
            let by = author(&office_code);
            let meta = RecordHeader { id, parent_id: subject_id, office_code, version, created_at, updated_at, created_by: by.clone(), updated_by: by, ..Default::default() };
            store::correction::event_insert(self.tx, &meta, &kind, &event_on, &body)?;
        }
        Ok(out.into_iter().map(|p| p.expect("every file has a preview")).collect())
    }
}

impl Desk {
    fn require_district(&self) -> Result<Office> {
        let office = self.require_office()?;
        if office.mode != "district" {
            return Err(Error::field("mode", "district.mode_required", "此功能只在区司法局模式下使用"));
        }
        Ok(office)
    }

    pub fn district_offices(&self) -> Result<Vec<DistrictOffice>> {
        self.require_district()?;
        store::district::offices(self.store.conn())
    }

    /// Registers an office of the district (or corrects its name and short name).
    /// Registers an office (`adding`: its code must be new) or corrects the name and short name of
    /// one registered (its code must be there): a mistyped code never renames another office.
    /// Administrators only (the command line may too).
    pub fn district_office_save<'a>(&mut self, actor: impl Into<Actor<'a>>, input: &DistrictOffice, adding: bool) -> Result<DistrictOffice> {
        let actor = actor.into();
        if let Some(u) = actor.user() {
            require_head(u)?;
        }
        self.require_district()?;
        let o = district::validate_office(input)?;
        let now = self.now();
        self.store.write(|tx| {
            if let Some((code, name, short)) = store::district::office_name_taken(tx, &o)? {
                let (field, what) = if name == o.name { ("name", format!("名称“{name}”")) } else { ("shortName", format!("简称“{short}”")) };
                return Err(Error::field(field, "validation.duplicate", format!("{what}已被名册中的另一单位（{code}）使用")));
            }
            let existing = store::district::offices(tx)?.into_iter().find(|x| x.code == o.code);
            let (action, before) = match (&existing, adding) {
                (Some(x), true) => {
                    return Err(Error::field("code", "validation.duplicate", format!("单位代码“{}”已在名册中（{}），如需修改名称请在名册中点“修改”", o.code, x.name)));
                }
                (None, false) => return Err(Error::field("code", "validation.not_found", format!("名册中没有单位代码“{}”", o.code))),
                (Some(x), false) => {
                    store::district::office_update(tx, &o)?;
                    ("district.office_update", Some(serde_json::to_string(x).unwrap_or_default()))
                }
                (None, true) => {
                    store::district::office_insert(tx, &o, &now)?;
                    ("district.office_add", None)
                }
            };
            store::audit::append(tx, actor, &now, Change { action, record_kind: "district_office", record_id: Some(&o.code), before, after: Some(serde_json::to_string(&o).unwrap_or_default()) })?;
            Ok(())
        })?;
        Ok(o)
    }

    fn read_for_import(&self, paths: &[PathBuf], progress: &mut dyn FnMut(ImportProgress)) -> Result<Vec<ReadFile>> {
        self.require_district()?;
        if paths.is_empty() {
            return Err(Error::field("files", "validation.required", "请选择要导入的报送文件或文件夹"));
        }
        let files = expand(paths)?;
        Ok(load_all(files, &self.calendar()?, self.today(), progress))
    }

    /// The previews of the files, and the correction events still waiting for their subject.
    fn run_import(&mut self, files: &[ReadFile], actor: Actor<'_>, apply: bool, progress: &mut dyn FnMut(ImportProgress)) -> Result<(Vec<FilePreview>, i64)> {
        let offices: HashMap<String, DistrictOffice> = store::district::offices(self.store.conn())?.into_iter().map(|o| (o.code.clone(), o)).collect();
        let (now, today) = (self.now(), self.today());
        let body = |tx: &Transaction<'_>| {
            let run = Run { tx, now: &now, actor, today, offices: &offices };
            let previews = run.all(files, progress)?;
            Ok((previews, store::district::pending_count(tx)?))
        };
        if apply { self.store.write(body) } else { self.store.rehearse(body) }
    }

    /// Reads and checks the files and shows what importing them would do; writes nothing.
    /// The files stay read until [`Desk::import_confirm`] or the next preview.
    pub fn import_preview(&mut self, actor: &User, paths: &[PathBuf], progress: &mut dyn FnMut(ImportProgress)) -> Result<ImportPreview> {
        require_writer(actor)?;
        self.import_plan = None;
        let files = self.read_for_import(paths, progress)?;
        let (previews, pending) = self.run_import(&files, Actor::User(actor), false, progress)?;
        let token = uuid::Uuid::now_v7().to_string();
        let preview = ImportPreview::new(token.clone(), previews, pending);
        self.import_plan = Some(ImportPlan { token, files });
        Ok(preview)
    }

    /// Imports the files of the preview with `token`, in one transaction: rejected files
    /// import nothing, and the result says what was done.
    pub fn import_confirm(&mut self, actor: &User, token: &str, progress: &mut dyn FnMut(ImportProgress)) -> Result<ImportPreview> {
        require_writer(actor)?;
        let plan = match self.import_plan.take() {
            Some(p) if p.token == token => p,
            other => {
                self.import_plan = other;
                return Err(Error::field("token", "district.preview_expired", "导入预览已失效，请重新选择文件并预览"));
            }
        };
        let previews = match self.run_import(&plan.files, Actor::User(actor), true, progress) {
            Ok(p) => p,
            Err(e) => {
                // A failed write (e.g. disk full) changed nothing; the preview can be confirmed again.
                self.import_plan = Some(plan);
                return Err(e);
            }
        };
        Ok(ImportPreview::new(plan.token, previews.0, previews.1))
    }

    /// `sifa import`: read, check and (unless `dry_run`) import in one go, without a preview to
    /// confirm.
    pub fn import_at_once<'a>(&mut self, actor: impl Into<Actor<'a>>, paths: &[PathBuf], dry_run: bool, progress: &mut dyn FnMut(ImportProgress)) -> Result<ImportPreview> {
        let actor = actor.into();
        change::require_writer(actor)?;
        let files = self.read_for_import(paths, progress)?;
        let (previews, pending) = self.run_import(&files, actor, !dry_run, progress)?;
        Ok(ImportPreview::new(String::new(), previews, pending))
    }

    pub fn received_batches(&self) -> Result<Vec<ReceivedBatch>> {
        self.require_district()?;
        let mut v = store::district::received(self.store.conn())?;
        v.reverse();
        Ok(v)
    }

    /// 报送情况 of a year: every registered office × month.
    pub fn submissions(&self, year: i32) -> Result<SubmissionGrid> {
        self.require_district()?;
        let conn = self.store.conn();
        let offices = store::district::offices(conn)?;
        let received = store::district::received(conn)?;
        let months: Vec<String> = (1..=12).map(|m| format!("{year:04}-{m:02}")).collect();
        let today = self.today();
        let rows = offices
            .iter()
            .map(|o| {
                let mine: Vec<&ReceivedBatch> = received.iter().filter(|b| b.office_code.as_deref() == Some(&o.code)).collect();
                let first_period = mine.iter().find(|b| b.status == FileVerdict::Accepted && b.sequence == Some(1)).and_then(|b| b.period.as_deref());
                let cells = months
                    .iter()
                    .map(|p| {
                        let of_month: Vec<&ReceivedBatch> = mine.iter().copied().filter(|b| b.period.as_deref() == Some(p)).collect();
                        district::submission_cell(p, &of_month, today, first_period)
                    })
                    .collect();
                let seqs: BTreeSet<i64> = mine.iter().filter(|b| b.status == FileVerdict::Accepted).filter_map(|b| b.sequence).collect();
                let max = seqs.iter().next_back().copied().unwrap_or(0);
                SubmissionRow { office: o.clone(), cells, missing_sequences: (1..max).filter(|n| !seqs.contains(n)).collect() }
            })
            .collect();
        let known: BTreeSet<&str> = offices.iter().map(|o| o.code.as_str()).collect();
        let unmatched = received.iter().rev().filter(|b| b.office_code.as_deref().is_none_or(|c| !known.contains(c))).cloned().collect();
        Ok(SubmissionGrid { year, month_labels: months.iter().map(|m| district::month_label(m)).collect(), months, rows, unmatched })
    }

    pub fn duplicates(&self) -> Result<Vec<DuplicateItem>> {
        self.require_district()?;
        let conn = self.store.conn();
        let names: HashMap<String, String> = store::district::offices(conn)?.into_iter().map(|o| (o.code, o.name)).collect();
        let side = |kind: RecordKind, id: &str| -> Result<Option<DuplicateSide>> {
            Ok(store::district::describe(conn, kind, id)?.map(|(office_code, number, body)| {
                let name = serde_json::from_str::<Value>(&body).ok().map(|b| match kind {
                    RecordKind::MediationCase => b["parties"].as_array().map(|p| p.iter().filter_map(|x| x["name"].as_str()).collect::<Vec<_>>().join("、")).unwrap_or_default(),
                    _ => b["name"].as_str().unwrap_or("").to_string(),
                });
                DuplicateSide {
                    office_name: names.get(&office_code).cloned().unwrap_or_else(|| office_code.clone()),
                    office_code,
                    label: format!("{} {}", number, name.unwrap_or_default()).trim().to_string(),
                }
            }))
        };
        let mut items = store::district::reviews(conn)?;
        for i in &mut items {
            if let Some(kind) = RecordKind::from_code(&i.kind) {
                i.first = side(kind, &i.first_id)?;
                i.second = side(kind, &i.second_id)?;
            }
        }
        Ok(items)
    }

    /// A person's decision on a pair of likely duplicates: `same` or `different` (audited).
    pub fn duplicate_decide(&mut self, actor: &User, first_id: &str, second_id: &str, decision: &str) -> Result<()> {
        require_head(actor)?;
        self.require_district()?;
        if !matches!(decision, "same" | "different") {
            return Err(Error::field("decision", "validation.code", "请选择“是同一人/同一事项”或“不是重复”"));
        }
        let now = self.now();
        self.store.write(|tx| {
            if store::district::review_decide(tx, first_id, second_id, decision, &actor.display_name, &now)? != 1 {
                return Err(Error::NotFound { what: "疑似重复记录" });
            }
            let after = serde_json::json!({ "firstId": first_id, "secondId": second_id, "decision": decision }).to_string();
            store::audit::append(tx, Actor::User(actor), &now, Change { action: "district.duplicate_decide", record_kind: "duplicate_review", record_id: Some(first_id), before: None, after: Some(after) })?;
            Ok(())
        })
    }

    /// Every statistics table of a month, quarter or year, per office and for the district; for a
    /// month, the figures of each office's own sheet that its rows here do not give.
    pub fn district_statistics(&self, period: &str) -> Result<DistrictStatistics> {
        let district_office = self.require_district()?;
        let rp = district::parse_report_period(period, self.today())?;
        let cal = self.calendar()?;
        let today = self.today();
        let offices = store::district::offices(self.store.conn())?;
        let fix_title = |mut t: batch::StatTable| {
            t.title = t.title.replace(&rp.period.label(), &rp.label);
            t
        };
        let mut union = Records::default();
        let mut per_office = Vec::new();
        let mut mismatches = Vec::new();
        let mut without_sheet = Vec::new();
        for o in &offices {
            let records = self.batch_records(&o.code)?;
            let tables: Vec<batch::StatTable> = batch::stats::all(&records, &rp.period, &cal, today).into_iter().map(fix_title).collect();
            if rp.is_month() {
                match store::district::office_statistics(self.store.conn(), &o.code, &rp.key)? {
                    Some((json, _, _)) => {
                        let sheets: Vec<(String, Vec<Vec<Value>>)> = serde_json::from_str(&json).unwrap_or_default();
                        for t in &tables {
                            match sheets.iter().find(|(n, _)| *n == t.sheet) {
                                Some((_, rows)) => mismatches.extend(district::compare_sheet(o, &rp.key, rows, t)),
                                None => without_sheet.push(format!("{}（{}）", o.name, t.sheet)),
                            }
                        }
                    }
                    None => without_sheet.push(o.name.clone()),
                }
            }
            union.cases.extend(records.cases);
            union.consultations.extend(records.consultations);
            union.applications.extend(records.applications);
            union.subjects.extend(records.subjects);
            union.events.extend(records.events);
            per_office.push(OfficeStatistics { office: o.clone(), tables });
        }
        let district_tables: Vec<batch::StatTable> = batch::stats::all(&union, &rp.period, &cal, today).into_iter().map(fix_title).collect();
        let district_tables = district::district_tables(district_tables, &per_office);
        let by_office = district::by_office(&district_tables, &per_office);
        Ok(DistrictStatistics {
            period: rp.key.clone(),
            period_label: rp.label.clone(),
            district_name: district_office.name,
            district: district_tables,
            offices: per_office,
            by_office,
            mismatches,
            without_sheet,
        })
    }

    /// The consolidated workbook of a period: the district's tables, the offices side by side,
    /// each office's tables, and the combined ledgers; written safely into `out`'s folder.
    pub fn district_report<'a>(&mut self, actor: impl Into<Actor<'a>>, period: &str, out: &Path) -> Result<district::report::ReportResult> {
        let actor = actor.into();
        change::require_writer(actor)?;
        let office = self.require_district()?;
        let stats = self.district_statistics(period)?;
        let rp = district::parse_report_period(period, self.today())?;
        let offices = store::district::offices(self.store.conn())?;
        let mut ledgers = Vec::new();
        for o in &offices {
            let all = self.batch_records(&o.code)?;
            // Records with activity in the period: a "since" later than any change picks only those.
            let since = batch::Since { instant: "~", changed: &Default::default() };
            ledgers.push((o.clone(), batch::select(all, &rp.period, Some(&since))));
        }
        let generated_at = self.now();
        let bytes = district::report::build(&office, &rp, &stats, &ledgers, &generated_at, actor.display_name())?;
        let (folder, name) = district::report::target(out)?;
        let path = batch::write_safely(&folder, &name, &bytes)?;
        let result = district::report::ReportResult { path: path.display().to_string(), period: rp.key.clone(), offices: offices.len() as i64 };
        let now = self.now();
        self.store.write(|tx| {
            let after = serde_json::json!({ "path": result.path, "period": rp.key }).to_string();
            store::audit::append(tx, actor, &now, Change { action: "district.report", record_kind: "report", record_id: None, before: None, after: Some(after) })?;
            Ok(())
        })?;
        Ok(result)
    }

    /// The year of 报送情况 shown by default: the year of last month.
    pub fn default_submission_year(&self) -> i32 {
        let t = self.today();
        if t.month() == 1 { t.year() - 1 } else { t.year() }
    }
}

impl Desk {
    /// The district 工作台: trends, offices side by side, dispute types and correction types.
    pub fn district_dashboard(&self) -> Result<district::DistrictDashboard> {
        use district::{ChartSeries, NamedValue};
        let office = self.require_district()?;
        let conn = self.store.conn();
        let today = self.today();
        let cal = self.calendar()?;
        let offices = store::district::offices(conn)?;
        let this_month = today.with_day(1).expect("first of month");
        let months: Vec<NaiveDate> = (0..12).rev().map(|b| this_month.checked_sub_months(chrono::Months::new(b)).expect("a month back")).collect();
        let keys: Vec<String> = months.iter().map(|m| format!("{:04}-{:02}", m.year(), m.month())).collect();
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
        let counts = store::district::monthly_counts(conn, &months[0].to_string(), &today.to_string())?;
        let sum = |kind: &str, office: Option<&str>, month: Option<&str>, from: &str| -> f64 {
            counts
                .iter()
                .filter(|(k, o, m, _)| k == kind && office.is_none_or(|x| x == o) && month.is_none_or(|x| x == m) && m.as_str() >= from)
                .map(|c| c.3 as f64)
                .sum()
        };
        let year_from = format!("{:04}-01", today.year());
        // Subjects in register at month end come from the correction table of each month.
        let in_register = |t: &[batch::StatTable]| -> (f64, Vec<NamedValue>) {
            let Some(c) = t.iter().find(|t| t.kind == "correction") else { return (0.0, Vec::new()) };
            let col = c.columns.iter().position(|x| x.key == "closing").unwrap_or(0);
            let total = c.rows.iter().find(|r| r.total).and_then(|r| r.values[col]).unwrap_or(0.0);
            (total, c.rows.iter().filter(|r| !r.total).map(|r| NamedValue { name: r.label.clone(), value: r.values[col].unwrap_or(0.0) }).collect())
        };
        let mut corrections = Records::default();
        let mut office_register = Vec::new();
        let last_month = *months.get(10).unwrap_or(&this_month);
        let last_period = batch::Period { start: last_month, end: batch::month_end(last_month) };
        for o in &offices {
            let c = conn;
            let subjects = super::batch::parse_rows(store::batch::subjects(c, &o.code)?, "矫正对象")?;
            let events = super::batch::parse_rows(store::batch::events(c, &o.code)?, "矫正事项")?;
            let mine = Records { office_code: o.code.clone(), subjects, events, ..Default::default() };
            office_register.push(in_register(&[batch::stats::correction(&mine, &last_period, &cal, today)]).0);
            corrections.subjects.extend(mine.subjects);
            corrections.events.extend(mine.events);
        }
        let register_trend: Vec<f64> = months
            .iter()
            .map(|m| in_register(&[batch::stats::correction(&corrections, &batch::Period { start: *m, end: batch::month_end(*m) }, &cal, today)]).0)
            .collect();
        let (_, correction_types) = in_register(&[batch::stats::correction(&corrections, &last_period, &cal, today)]);
        let series = |key: &str, name: &str, unit: &str, values: Vec<f64>| ChartSeries { key: key.into(), name: name.into(), unit: unit.into(), values };
        let kinds = [("case", "调解受理", "件"), ("consultation", "法律咨询", "次"), ("application", "法援申请", "件")];
        let mut trend: Vec<ChartSeries> = kinds.iter().map(|(k, n, u)| series(k, n, u, keys.iter().map(|m| sum(k, None, Some(m), "")).collect())).collect();
        trend.push(series("correction", "社区矫正在册", "人", register_trend));
        let mut by_office: Vec<ChartSeries> = kinds.iter().map(|(k, n, u)| series(k, n, u, offices.iter().map(|o| sum(k, Some(&o.code), None, &year_from)).collect())).collect();
        by_office.push(series("correction", "社区矫正在册", "人", office_register));
        let dispute_mix = store::district::dispute_mix(conn, &year_start.to_string(), &today.to_string())?
            .into_iter()
            .map(|(code, n)| NamedValue { name: batch::code_label("disputeType", &code), value: n as f64 })
            .collect();
        let last_key = format!("{:04}-{:02}", last_month.year(), last_month.month());
        let grid = self.submissions(last_month.year())?;
        let mut s = district::SubmissionSummary { period: last_key.clone(), period_label: district::month_label(&last_key), received: 0, late: 0, resent: 0, rejected: 0, missing: 0, not_due: 0, not_started: 0 };
        for row in &grid.rows {
            if let Some(c) = row.cells.iter().find(|c| c.period == last_key) {
                match c.status {
                    SubmissionStatus::Received => s.received += 1,
                    SubmissionStatus::Late => s.late += 1,
                    SubmissionStatus::Resent => s.resent += 1,
                    SubmissionStatus::Rejected => s.rejected += 1,
                    SubmissionStatus::Missing => s.missing += 1,
                    SubmissionStatus::NotStarted => s.not_started += 1,
                    SubmissionStatus::NotDue => s.not_due += 1,
                }
            }
        }
        Ok(district::DistrictDashboard {
            district_name: office.name,
            offices: offices.len() as i64,
            month_labels: keys.iter().map(|k| district::month_label(k)).collect(),
            months: keys,
            trend,
            office_names: offices.iter().map(|o| o.short_name.clone()).collect(),
            by_office,
            year_label: format!("{}年", today.year()),
            dispute_mix,
            correction_types,
            correction_as_of: district::month_label(&last_key),
            submissions: s,
            undecided_duplicates: store::district::undecided_duplicates(conn)?,
            pending_events: store::district::pending_count(conn)?,
        })
    }
}

impl Desk {
    /// The consolidated workbook written into `folder` under its standard name (from the screen).
    pub fn district_report_into(&mut self, actor: &User, period: &str, folder: &Path) -> Result<district::report::ReportResult> {
        let office = self.require_district()?;
        let rp = district::parse_report_period(period, self.today())?;
        batch::check_folder(folder)?;
        let path = folder.join(district::report::default_file_name(&office.code, &rp));
        self.district_report(Actor::User(actor), period, &path).map_err(|e| match e {
            Error::Validation(mut f) => {
                for x in &mut f {
                    if x.field == "out" {
                        x.field = "folder".into();
                    }
                }
                Error::Validation(f)
            }
            e => e,
        })
    }
}
