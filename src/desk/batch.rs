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
        let since = h.since.clone();
        let saved = self.store.write(|tx| {
            let (audit_seq, _) = store::audit::last_hash(tx)?;
            store::batch::insert(tx, &record, since.as_deref(), audit_seq, actor.user().map_or("", |a| a.id.as_str()))?;
            store::audit::append(tx, actor, &record.created_at, Change {
                action: "export",
                record_kind: "batch",
                record_id: Some(&record.id),
                before: None,
                after: Some(after),
            })?;
            Ok(())
        });
        if let Err(e) = saved {
            // A file the history does not know would take this sequence number from the next batch.
            let _ = std::fs::remove_file(&path);
            return Err(self.export_failed(actor, &record.period, record.profile.code(), folder, e));
        }
        progress(BatchProgress { stage: "完成".into(), done: TOTAL, total: TOTAL });
        Ok(record)
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
