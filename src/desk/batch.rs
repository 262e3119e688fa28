//! The desk's monthly batch: preview, export (audited), history. The rows and figures come from
//! the store; `crate::batch` turns them into a sealed workbook.

use super::{corrupt, Desk};
use crate::audit::Change;
use crate::record::Actor;
use super::change;
use crate::batch::ledger::{Meta, Rec, Records};
use crate::batch::{self, BatchPreview, BatchProgress, BatchRecord, Built, Header, Period, Profile};
use crate::error::{Error, Result};
use crate::store;
use serde::de::DeserializeOwned;
use std::path::Path;

pub(super) fn parse_rows<T: DeserializeOwned>(rows: Vec<(Meta, String, bool)>, what: &str) -> Result<Vec<Rec<T>>> {
    rows.into_iter()
        .map(|(meta, body, minor)| Ok(Rec { input: serde_json::from_str(&body).map_err(|e| corrupt(what, e))?, meta, minor }))
        .collect()
}

/// A batch built in memory, not yet written: what the preview shows and the export writes.
pub struct BatchPlan {
    pub header: Header,
    pub built: Built,
    pub stats: Vec<batch::StatTable>,
}

/// A failure to record a written batch (the tests inject it): the file is taken away again.
fn record_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::StorageFull {
        return Error::DiskFull;
    }
    let code = e.raw_os_error().map(|n| format!("（系统错误代码 {n}）")).unwrap_or_default();
    Error::field("folder", "batch.write", format!("记入报送历史时出错{code}，报送文件未生成。请重试。"))
}

impl Desk {
    /// Every record of the office, tombstones included.
    pub(super) fn batch_records(&self, office_code: &str) -> Result<Records> {
        let c = self.store.conn();
        let (cases, events) = (store::batch::cases(c, office_code)?, store::batch::events(c, office_code)?);
        let (consultations, applications, subjects) =
            (store::batch::consultations(c, office_code)?, store::batch::applications(c, office_code)?, store::batch::subjects(c, office_code)?);
        // Reading the bodies is most of the reading: the two largest tables on a core each.
        let (cases, events) = std::thread::scope(|scope| {
            let cases = scope.spawn(|| parse_rows(cases, "调解案件"));
            let events = parse_rows(events, "矫正事项");
            (cases.join().expect("reading cases does not panic"), events)
        });
        Ok(Records {
            office_code: office_code.to_string(),
            cases: cases?,
            consultations: parse_rows(consultations, "咨询登记")?,
            applications: parse_rows(applications, "法律援助申请")?,
            subjects: parse_rows(subjects, "矫正对象")?,
            events: events?,
            ..Default::default()
        })
    }

    /// Reads the office's records, selects the rows, computes the figures and seals the
    /// workbook, all in memory; changes nothing.
    pub fn batch_build(&self, period: &str, profile: &str, generated_by: &str, progress: &mut dyn FnMut(&str, usize)) -> Result<BatchPlan> {
        let office = self.require_office()?;
        let (period, profile) = (Period::parse(period, self.today())?, Profile::parse(profile)?);
        let last = store::batch::last(self.store.conn(), &office.code, profile)?;
        // Before the records: a change between the two is carried twice (harmless), never lost.
        let (audit_seq, _) = store::audit::last_hash(self.store.conn())?;
        let all = self.batch_records(&office.code)?;
        let stats = batch::stats::all(&all, &period, &self.calendar()?, self.today());
        let since = last.as_ref().map(|l| l.created_at.clone());
        let changed = match &last {
            Some(l) => store::batch::changed_since(self.store.conn(), l.audit_seq)?,
            None => Default::default(),
        };
        let rows = batch::select(all, &period, last.as_ref().map(|l| batch::Since { instant: &l.created_at, changed: &changed }).as_ref());
        let header = Header {
            office,
            period,
            profile,
            sequence: last.as_ref().map_or(1, |l| l.sequence + 1),
            previous_digest: last.map(|l| l.digest),
            since,
            generated_at: self.now(),
            generated_by: generated_by.to_string(),
            schema_version: store::schema_version(),
            audit_seq,
        };
        let built = batch::build(&header, &rows, &stats, progress);
        Ok(BatchPlan { header, built, stats })
    }

    /// What an export would contain, with the month's figures, before anything is written.
    pub fn batch_preview(&self, period: &str, profile: &str) -> Result<BatchPreview> {
        let plan = self.batch_build(period, profile, "", &mut |_, _| {})?;
        let h = &plan.header;
        Ok(BatchPreview {
            office_code: h.office.code.clone(),
            office_name: h.office.name.clone(),
            period: h.period.key(),
            period_label: h.period.label(),
            period_start: h.period.start.to_string(),
            period_end: h.period.end.to_string(),
            profile: h.profile,
            sequence: h.sequence,
            file_name: batch::file_name(&h.office.code, &h.period, h.profile, h.sequence),
            previous_digest: h.previous_digest.clone(),
            since: h.since.clone(),
            sheets: plan.built.counts(),
            statistics: plan.stats,
            last_folder: store::batch::last_folder(self.store.conn())?,
        })
    }

    /// Writes the batch into `folder` (temporary name, fsync, rename) and records it in the
    /// history and the audit log. A failed write leaves no file under the final name and no
    /// history entry. The command line may export too (whoever can run it can read the database
    /// file anyway).
    pub fn batch_export<'a>(&mut self, actor: impl Into<Actor<'a>>, period: &str, profile: &str, folder: &Path, progress: &mut dyn FnMut(BatchProgress)) -> Result<BatchRecord> {
        self.batch_export_with_faults(actor, period, profile, folder, &batch::no_faults, progress)
    }

    /// A failed export is audited like a made one (who tried, what, where, and why it failed);
    /// returns the export's own error, which a failure to audit must not hide.
    fn export_failed(&mut self, actor: Actor<'_>, period: &str, profile: &str, folder: &Path, e: Error) -> Error {
        let now = self.now();
        let after = serde_json::json!({ "period": period, "profile": profile, "folder": folder.display().to_string(), "code": e.code(), "reason": e.to_string() });
        let _ = self.store.write(|tx| {
            store::audit::append(tx, actor, &now, Change { action: "export.failed", record_kind: "batch", record_id: None, before: None, after: Some(after.to_string()) })
        });
        e
    }

    /// `batch_export` with a fault hook in the steps of writing the file, for the fault tests of
    /// RELIABILITY.md (transient I/O errors).
    #[doc(hidden)]
    pub fn batch_export_with_faults<'a>(
        &mut self,
        actor: impl Into<Actor<'a>>,
        period: &str,
        profile: &str,
        folder: &Path,
        faults: batch::Faults<'_>,
        progress: &mut dyn FnMut(BatchProgress),
    ) -> Result<BatchRecord> {
        let actor = actor.into();
        change::require_writer(actor)?;
        if let Err(e) = batch::check_folder(folder) {
            return Err(self.export_failed(actor, period, profile, folder, e));
        }
        if let Ok(p) = Profile::parse(profile) {
            self.settle_interrupted_export(actor, p, folder)?;
        }
        // One scale for the whole export: reading and building up to 30 %, writing the sheets up
        // to 95 %, saving the rest.
        const TOTAL: u64 = 1000;
        progress(BatchProgress { stage: "读取记录".into(), done: 0, total: TOTAL });
        let ledgers = batch::ledger::specs().len() as u64;
        let mut built_sheets = 0u64;
        let plan = self.batch_build(period, profile, actor.display_name(), &mut |sheet, _| {
            built_sheets += 1;
            progress(BatchProgress { stage: format!("整理「{sheet}」"), done: 50 + 250 * built_sheets.min(ledgers) / ledgers, total: TOTAL })
        })?;
        let (h, built) = (&plan.header, &plan.built);
        let rows = built.rows().max(1) as u64;
        let mut written = 0u64;
        let bytes = batch::xlsx::write(&built.sheets, &built.manifest, &mut |n| {
            written += n;
            progress(BatchProgress { stage: "写入工作表".into(), done: 300 + 650 * written.min(rows) / rows, total: TOTAL });
        })
        .map_err(|e| Error::Corrupt { detail: format!("生成报送文件失败：{e}") })?;
        progress(BatchProgress { stage: "保存到目标文件夹".into(), done: 960, total: TOTAL });
        let name = batch::file_name(&h.office.code, &h.period, h.profile, h.sequence);
        let path = match batch::write_safely_with_faults(folder, &name, &bytes, faults) {
            Ok(p) => p,
            Err(e) => return Err(self.export_failed(actor, &h.period.key(), h.profile.code(), folder, e)),
        };
        let record = BatchRecord {
            id: uuid::Uuid::now_v7().to_string(),
            office_code: h.office.code.clone(),
            period: h.period.key(),
            profile: h.profile,
            sequence: h.sequence,
            digest: built.digest().to_string(),
            previous_digest: h.previous_digest.clone(),
            file_name: name,
            folder: folder.display().to_string(),
            path: path.display().to_string(),
            rows: built.rows(),
            sheets: built.counts(),
            created_by: actor.display_name().to_string(),
            created_at: h.generated_at.clone(),
        };
        let after = serde_json::to_string(&record).expect("records serialise");
        let (since, audit_seq) = (h.since.clone(), h.audit_seq);
        let saved = faults(batch::Step::Record).map_err(record_error).and_then(|_| self.store.write(|tx| {
            store::batch::insert(tx, &record, since.as_deref(), audit_seq, actor.user().map_or("", |a| a.id.as_str()))?;
            store::audit::append(tx, actor, &record.created_at, Change {
                action: "export",
                record_kind: "batch",
                record_id: Some(&record.id),
                before: None,
                after: Some(after),
            })?;
            Ok(())
        }));
        if let Err(e) = saved {
            // A file the history does not know would take this sequence number from the next batch.
            let _ = std::fs::remove_file(&path);
            return Err(self.export_failed(actor, &record.period, record.profile.code(), folder, e));
        }
        progress(BatchProgress { stage: "完成".into(), done: TOTAL, total: TOTAL });
        Ok(record)
    }

    /// An export killed after its file got the final name but before the history recorded it
    /// leaves a complete batch that holds the next sequence number of its profile. The next export
    /// into that folder records it, if it verifies and continues the chain of the history (it is
    /// the batch it says it is); any other file under that name is renamed aside (`….作废`), so a
    /// sequence number never names two different files. Temporary files of the office's
    /// interrupted writes are removed. Each step is audited.
    fn settle_interrupted_export(&mut self, actor: Actor<'_>, profile: Profile, folder: &Path) -> Result<()> {
        let office = self.require_office()?;
        let last = store::batch::last(self.store.conn(), &office.code, profile)?;
        let sequence = last.as_ref().map_or(1, |l| l.sequence + 1);
        let (prefix, suffix) = (format!("{}_", office.code), format!("_{}_{sequence:03}.xlsx", profile.code()));
        let Ok(entries) = std::fs::read_dir(folder) else { return Ok(()) };
        let mut names: Vec<String> = entries.flatten().filter_map(|e| e.file_name().into_string().ok()).collect();
        names.sort();
        for name in names {
            let path = folder.join(&name);
            if name.starts_with(&format!(".~{prefix}")) && name.ends_with(".part") {
                let _ = std::fs::remove_file(&path);
                continue;
            }
            if !(name.starts_with(&prefix) && name.ends_with(&suffix)) || !path.is_file() {
                continue;
            }
            let (audit_now, _) = store::audit::last_hash(self.store.conn())?;
            let found = batch::verify::open(&path).map_err(|(reason, _)| reason).and_then(|v| {
                let m = v.manifest;
                let expect = |key: &str, want: &str, what: &str| match m.get(key) {
                    Some(v) if v == want => Ok(()),
                    _ => Err(format!("{what}与本所的报送历史不符")),
                };
                expect("officeCode", &office.code, "单位代码")?;
                expect("profile", profile.code(), "报送类型")?;
                expect("sequence", &sequence.to_string(), "序号")?;
                expect("previousDigest", last.as_ref().map_or("", |l| l.digest.as_str()), "上次报送校验码")?;
                expect("since", last.as_ref().map_or("", |l| l.created_at.as_str()), "起始时间")?;
                let audit_seq = m.get("auditSeq").and_then(|v| v.parse::<i64>().ok()).filter(|s| *s <= audit_now).ok_or("缺少导出时的操作日志位置".to_string())?;
                Ok((m, audit_seq))
            });
            match found {
                Ok((m, audit_seq)) => {
                    let record = BatchRecord {
                        id: uuid::Uuid::now_v7().to_string(),
                        office_code: office.code.clone(),
                        period: m.get("period").unwrap_or("").to_string(),
                        profile,
                        sequence,
                        digest: m.get("digest").unwrap_or("").to_string(),
                        previous_digest: last.as_ref().map(|l| l.digest.clone()),
                        file_name: name.clone(),
                        folder: folder.display().to_string(),
                        path: path.display().to_string(),
                        rows: m.sheet_counts().iter().map(|c| c.rows).sum(),
                        sheets: m.sheet_counts(),
                        created_by: m.get("generatedBy").unwrap_or("").to_string(),
                        created_at: m.get("generatedAt").unwrap_or("").to_string(),
                    };
                    let since = last.as_ref().map(|l| l.created_at.clone());
                    let now = self.now();
                    let after = serde_json::to_string(&record).expect("records serialise");
                    self.store.write(|tx| {
                        store::batch::insert(tx, &record, since.as_deref(), audit_seq, actor.user().map_or("", |a| a.id.as_str()))?;
                        store::audit::append(tx, actor, &now, Change {
                            action: "export.recovered",
                            record_kind: "batch",
                            record_id: Some(&record.id),
                            before: None,
                            after: Some(after),
                        })
                    })?;
                    // The next file of this profile now takes the following number.
                    return self.settle_interrupted_export(actor, profile, folder);
                }
                Err(reason) => {
                    let kept_as = (1..)
                        .map(|n| if n == 1 { format!("{name}.作废") } else { format!("{name}.作废{n}") })
                        .find(|n| !folder.join(n).exists())
                        .expect("a free name");
                    std::fs::rename(&path, folder.join(&kept_as)).map_err(|_| {
                        Error::field("folder", "batch.write", format!("文件夹中的“{name}”不是本所报送历史中的文件（{reason}），且不能改名作废。请把它移出该文件夹后重试。"))
                    })?;
                    let now = self.now();
                    let after = serde_json::json!({ "file": name, "keptAs": kept_as, "folder": folder.display().to_string(), "reason": reason }).to_string();
                    self.store.write(|tx| {
                        store::audit::append(tx, actor, &now, Change { action: "export.set_aside", record_kind: "batch", record_id: None, before: None, after: Some(after) })
                    })?;
                }
            }
        }
        Ok(())
    }

    /// Batches made, newest first.
    pub fn batch_history(&self) -> Result<Vec<BatchRecord>> {
        store::batch::list(self.store.conn())
    }

    pub fn batch_get(&self, id: &str) -> Result<BatchRecord> {
        store::batch::get(self.store.conn(), id)?.ok_or(Error::NotFound { what: "报送记录" })
    }

    /// The file of a batch in the history, if it is still where it was written.
    pub fn batch_file(&self, id: &str) -> Result<std::path::PathBuf> {
        let record = self.batch_get(id)?;
        let path = std::path::PathBuf::from(&record.path);
        if path.is_file() {
            Ok(path)
        } else {
            Err(Error::field("path", "batch.file_gone", format!("找不到文件“{}”（U 盘是否已拔出？）", record.path)))
        }
    }
}
