//! The office's holiday calendar (节假日): kept by hand by the office head, or taken over as a
//! whole year from the district's holiday file. Every change moves legal deadlines, so the stored
//! due dates are recomputed in the change's own transaction, and every change is audited.

use super::{legal_aid, require_head, to_json, Desk};
use crate::accounts::User;
use crate::audit::Change;
use crate::calendar::DayKind;
use crate::error::{Error, Result};
use crate::holiday_file::{self, CheckedDay, HolidayEntry, HolidayIssuer};
use crate::record::Actor;
use crate::store;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// From this day of the year on, 工作台 asks for next year's calendar too: the State Council
/// publishes it in the autumn, and clocks started in December already run into January.
const NEXT_YEAR_FROM: (u32, u32) = (11, 1);

/// A holiday file read for import, compared with the office's calendar of that year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HolidayImport {
    pub file: String,
    pub year: i32,
    pub issued_by: HolidayIssuer,
    pub exported_at: String,
    /// The file's days, in date order.
    pub days: Vec<HolidayEntry>,
    /// Days of the file that the calendar does not have yet.
    pub added: u32,
    /// Days the calendar has with another kind or name.
    pub changed: u32,
    /// Days of that year in the calendar that the file does not have: the import removes them.
    pub removed: Vec<HolidayEntry>,
    /// The file's digest: the import goes ahead only for the file that was previewed.
    pub digest: String,
    /// Whether the calendar now holds the file's year.
    pub applied: bool,
}

fn entry(day: NaiveDate, kind: DayKind, name: &str) -> HolidayEntry {
    HolidayEntry { day: day.to_string(), kind: if kind == DayKind::Workday { "workday" } else { "holiday" }.into(), name: name.into() }
}

impl Desk {
    pub fn holidays(&self) -> Result<Vec<HolidayEntry>> {
        Ok(store::holidays::all(self.store.conn())?.into_iter().map(|(d, k, n)| entry(d, k, &n)).collect())
    }

    /// The years whose calendar is empty although the legal clocks need it: this year, and from
    /// November on the next one. 工作台 asks for them; nothing is filled in by itself.
    pub fn holiday_years_missing(&self) -> Result<Vec<i32>> {
        let today = self.today();
        let mut years = vec![today.year()];
        if (today.month(), today.day()) >= NEXT_YEAR_FROM {
            years.push(today.year() + 1);
        }
        let kept = store::holidays::all(self.store.conn())?;
        Ok(years.into_iter().filter(|y| !kept.iter().any(|(d, _, _)| d.year() == *y)).collect())
    }

    /// Adds or changes a day of the holiday calendar (office head only: it moves legal deadlines).
    pub fn holiday_set(&mut self, actor: &User, entry: HolidayEntry) -> Result<HolidayEntry> {
        require_head(actor)?;
        let mut errors = Vec::new();
        let Some((day, kind, name)) = holiday_file::check_entry(&entry, "", &mut errors) else {
            return Err(Error::Validation(errors));
        };
        let saved = HolidayEntry { day: day.to_string(), kind: entry.kind.clone(), name };
        let now = self.now();
        let today = self.today();
        self.store.write(|tx| {
            let before = store::holidays::get(tx, day)?.map(|(k, n)| to_json(&HolidayEntry { day: day.to_string(), kind: k, name: n }));
            store::holidays::put(tx, day, kind, &saved.name)?;
            legal_aid::recompute_due_dates(tx, today)?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
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
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "holiday.remove",
                record_kind: "holiday",
                record_id: Some(&day.to_string()),
                before: Some(to_json(&HolidayEntry { day: day.to_string(), kind: k, name: n })),
                after: None,
            })?;
            Ok(())
        })
    }

    /// Writes the calendar of `year` as a holiday file into `folder` (office head or district head).
    pub fn holidays_export(&mut self, actor: &User, year: i32, folder: &Path) -> Result<PathBuf> {
        require_head(actor)?;
        let office = self.require_office()?;
        let issuer = HolidayIssuer { code: office.code, name: office.name };
        let now = self.now();
        let days: Vec<CheckedDay> = store::holidays::all(self.store.conn())?;
        let bytes = holiday_file::write(year, issuer.clone(), &now, &days)?;
        if !folder.is_dir() {
            return Err(Error::field("folder", "holidays.folder", "请选择一个存在的文件夹（如 U 盘）"));
        }
        let path = crate::batch::write_safely(folder, &holiday_file::file_name(year, &issuer, self.today()), &bytes)?;
        self.store.write(|tx| {
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "holiday.export",
                record_kind: "holiday",
                record_id: Some(&year.to_string()),
                before: None,
                after: Some(serde_json::json!({ "year": year, "path": path.display().to_string() }).to_string()),
            })?;
            Ok(())
        })?;
        Ok(path)
    }

    /// Reads a holiday file and says what importing it would change; changes nothing.
    pub fn holidays_import_preview(&self, actor: &User, file: &Path) -> Result<HolidayImport> {
        require_head(actor)?;
        let read = holiday_file::read(file)?;
        self.holiday_import_plan(file, read)
    }

    /// Replaces the calendar of the file's year with the file's days, if the file is still the one
    /// previewed (`digest`). One transaction: the days, the recomputed due dates, the audit entry.
    pub fn holidays_import(&mut self, actor: &User, file: &Path, digest: &str) -> Result<HolidayImport> {
        require_head(actor)?;
        let read = holiday_file::read(file)?;
        if read.digest != digest {
            return Err(Error::BadHolidayFile {
                file: file.display().to_string(),
                reason: "文件在预览之后被换过，请重新预览".into(),
            });
        }
        let mut plan = self.holiday_import_plan(file, read.clone())?;
        let year = read.year;
        let before: Vec<HolidayEntry> = self.holidays()?.into_iter().filter(|e| e.day.starts_with(&format!("{year}-"))).collect();
        let now = self.now();
        let today = self.today();
        let file_name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        self.store.write(|tx| {
            for e in &before {
                store::holidays::remove(tx, e.day.parse().expect("a stored day"))?;
            }
            for (day, kind, name) in &read.days {
                store::holidays::put(tx, *day, *kind, name)?;
            }
            legal_aid::recompute_due_dates(tx, today)?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "holiday.import",
                record_kind: "holiday",
                record_id: Some(&year.to_string()),
                before: Some(serde_json::json!({ "year": year, "days": before }).to_string()),
                after: Some(serde_json::json!({ "year": year, "issuedBy": read.issued_by, "file": file_name, "days": plan.days }).to_string()),
            })?;
            Ok(())
        })?;
        plan.applied = true;
        Ok(plan)
    }

    fn holiday_import_plan(&self, file: &Path, read: holiday_file::ReadFile) -> Result<HolidayImport> {
        let kept: Vec<CheckedDay> = store::holidays::all(self.store.conn())?.into_iter().filter(|(d, _, _)| d.year() == read.year).collect();
        let find = |day: NaiveDate| kept.iter().find(|(d, _, _)| *d == day);
        let added = read.days.iter().filter(|(d, _, _)| find(*d).is_none()).count() as u32;
        let changed = read.days.iter().filter(|(d, k, n)| find(*d).is_some_and(|(_, kk, nn)| kk != k || nn != n)).count() as u32;
        let removed = kept
            .iter()
            .filter(|(d, _, _)| !read.days.iter().any(|(fd, _, _)| fd == d))
            .map(|(d, k, n)| entry(*d, *k, n))
            .collect();
        let applied = added == 0 && changed == 0 && kept.len() == read.days.len();
        Ok(HolidayImport {
            file: file.display().to_string(),
            year: read.year,
            issued_by: read.issued_by,
            exported_at: read.exported_at,
            days: read.days.iter().map(|(d, k, n)| entry(*d, *k, n)).collect(),
            added,
            changed,
            removed,
            digest: read.digest,
            applied,
        })
    }
}
