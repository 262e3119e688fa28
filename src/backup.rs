//! Backups and restore (RELIABILITY.md): a backup is a `VACUUM INTO` copy of the live database
//! written under a temporary name, flushed, reopened and checked (`integrity_check`, foreign keys,
//! our application id), and only then given its final name; older generations are rotated away.
//! A restore checks the chosen file the same way, keeps the current database aside, then puts the
//! copy in its place.
//!
//! Every file step goes through a `Faults` hook so that tests can fail any one of them.

use crate::error::{Error, Result};
use crate::store::{self, backup::Facts};
use chrono::{DateTime, FixedOffset, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Once a day, at the first start of the application.
    Daily,
    /// By the user, to a folder of their choice (a USB stick).
    Manual,
    /// Just before a newer version changes the database's structure.
    Premigration,
    /// The database as it was just before a restore replaced it.
    Prerestore,
}

impl BackupKind {
    pub fn code(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::Premigration => "premigration",
            BackupKind::Prerestore => "prerestore",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "每日自动备份",
            BackupKind::Manual => "手动备份",
            BackupKind::Premigration => "升级前备份",
            BackupKind::Prerestore => "恢复前的数据",
        }
    }

    fn from_code(c: &str) -> Option<BackupKind> {
        [BackupKind::Daily, BackupKind::Manual, BackupKind::Premigration, BackupKind::Prerestore].into_iter().find(|k| k.code() == c)
    }

    /// Daily and manual copies are rotated; the rare copies made before a migration or a restore
    /// are kept until someone deletes them.
    fn rotated(self) -> bool {
        matches!(self, BackupKind::Daily | BackupKind::Manual)
    }
}

/// A backup file as a folder listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub path: String,
    pub file_name: String,
    pub office_code: String,
    pub kind: BackupKind,
    pub kind_label: String,
    /// Local (China) time the backup was made, `YYYY-MM-DD HH:MM:SS`.
    pub made_at: String,
    pub size_bytes: u64,
}

/// The file steps a backup or restore takes, in order; tests make any of them fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Writing the copy under its temporary name.
    Copy,
    /// Flushing the copy to the disk.
    Sync,
    /// Reopening and checking the copy.
    Verify,
    /// Moving the current database aside (restore only).
    MoveAside,
    /// Giving the copy its final name.
    Rename,
}

pub type Faults<'a> = &'a dyn Fn(Step) -> std::io::Result<()>;

/// No injected faults: what the application runs with.
pub fn no_faults(_: Step) -> std::io::Result<()> {
    Ok(())
}

/// The folder of automatic backups beside a database file.
pub fn default_folder(db_path: &Path) -> PathBuf {
    match db_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join("backups"),
        None => PathBuf::from("backups"),
    }
}

fn file_name(office_code: &str, kind: BackupKind, at: DateTime<FixedOffset>, n: u32) -> String {
    let stamp = at.format("%Y%m%d-%H%M%S");
    if n == 0 {
        format!("sifa_{office_code}_{stamp}_{}.db", kind.code())
    } else {
        format!("sifa_{office_code}_{stamp}-{n}_{}.db", kind.code())
    }
}

/// Reads a backup's name (`sifa_{office}_{YYYYMMDD-HHMMSS}[-n]_{kind}.db`); `None` for other files.
fn parse_name(name: &str) -> Option<(String, NaiveDateTime, BackupKind)> {
    let core = name.strip_prefix("sifa_")?.strip_suffix(".db")?;
    let mut parts = core.split('_');
    let (office, stamp, kind) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || office.is_empty() || !office.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let at = NaiveDateTime::parse_from_str(stamp.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
    Some((office.to_string(), at, BackupKind::from_code(kind)?))
}

/// The backups in `folder` (of one office, if given), newest first. A missing folder has none.
pub fn list(folder: &Path, office_code: Option<&str>) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut files = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((office, at, kind)) = parse_name(&name) else { continue };
        if office_code.is_some_and(|c| c != office) {
            continue;
        }
        let size_bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
        files.push((at, BackupFile {
            path: entry.path().display().to_string(),
            file_name: name,
            office_code: office,
            kind,
            kind_label: kind.label().to_string(),
            made_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
            size_bytes,
        }));
    }
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.file_name.cmp(&a.1.file_name)));
    Ok(files.into_iter().map(|(_, f)| f).collect())
}

/// Removes the oldest daily and manual backups of `office_code` in `folder` beyond the newest `keep`.
/// Returns the removed files.
pub fn rotate(folder: &Path, office_code: &str, keep: usize) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for old in list(folder, Some(office_code))?.into_iter().filter(|f| f.kind.rotated()).skip(keep.max(1)) {
        std::fs::remove_file(&old.path)?;
        removed.push(PathBuf::from(old.path));
    }
    Ok(removed)
}

fn sync_folder(folder: &Path) {
    // Makes the rename itself durable; not possible (nor needed) on every platform.
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

fn remove_quietly(p: &Path) {
    let _ = std::fs::remove_file(p);
}

/// What a write failure in the backup folder means to the clerk.
fn folder_io_error(folder: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind::*;
    let msg = match e.kind() {
        StorageFull | QuotaExceeded | FileTooLarge => "备份盘空间不足，备份未完成。请换一个 U 盘或清理空间后重试。".to_string(),
        PermissionDenied | ReadOnlyFilesystem => {
            format!("不能写入文件夹“{}”：没有写入权限，或该盘是只读的（U 盘写保护开关是否打开？）", folder.display())
        }
        NotFound => format!("找不到文件夹“{}”（U 盘是否已拔出？）", folder.display()),
        NotADirectory | AlreadyExists => format!("“{}”不是文件夹，请重新选择", folder.display()),
        _ => return Error::Io(e),
    };
    Error::field("folder", "backup.write", msg)
}

/// Checks that `path` is an intact Sifa Desk database this version can open; its facts if so.
pub fn inspect(path: &Path) -> Result<Facts> {
    let bad = |reason: String| Error::BadBackup { file: path.display().to_string(), reason };
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => return Err(bad("这不是一个文件".into())),
        Err(_) => return Err(bad("文件不存在（U 盘是否已拔出？）".into())),
    }
    let facts = store::backup::facts(path).map_err(|_| bad("这不是数据库文件，或文件已严重损坏".into()))?;
    if facts.application_id != store::APPLICATION_ID {
        return Err(bad("这不是司法所工作台的数据库".into()));
    }
    if facts.schema_version > store::schema_version() {
        return Err(bad(format!("它由更新版本的司法所工作台创建（结构版本 {}），请先升级本程序", facts.schema_version)));
    }
    if facts.integrity != "ok" {
        return Err(bad("文件已损坏（数据库完整性检查未通过）".into()));
    }
    if facts.foreign_key_problems > 0 {
        return Err(bad(format!("其中的数据不一致（{}处外键错误）", facts.foreign_key_problems)));
    }
    if facts.office_code.is_none() {
        return Err(bad("其中没有单位信息（是尚未完成首次设置的数据库）".into()));
    }
    Ok(facts)
}

/// Backs up the database of `conn` into `folder` and returns the new file. The live database is
/// checked first, the copy after it is written; a copy that fails a check never gets its final
/// name. Rotates the folder to `keep` daily/manual generations afterwards.
pub fn create(
    conn: &rusqlite::Connection,
    folder: &Path,
    office_code: &str,
    kind: BackupKind,
    at: DateTime<FixedOffset>,
    keep: usize,
    faults: Faults<'_>,
) -> Result<BackupFile> {
    if folder.as_os_str().is_empty() {
        return Err(Error::field("folder", "validation.required", "请选择备份保存的文件夹"));
    }
    std::fs::create_dir_all(folder).map_err(|e| folder_io_error(folder, e))?;
    if !folder.is_dir() {
        return Err(Error::field("folder", "backup.not_a_folder", format!("“{}”不是文件夹，请重新选择", folder.display())));
    }
    // The live database must be sound: a copy of a damaged file is no backup.
    let source_version = store::backup::sound_schema_version(conn)?;
    let name = (0..100).map(|n| file_name(office_code, kind, at, n)).find(|n| !folder.join(n).exists()).unwrap_or_default();
    if name.is_empty() {
        return Err(Error::field("folder", "backup.exists", "这一秒内已有太多备份，请稍后再试"));
    }
    let target = folder.join(&name);
    let temp = folder.join(format!(".~{name}.part"));
    remove_stale_temporaries(folder, office_code);
    let written = (|| -> Result<()> {
        faults(Step::Copy)?;
        // Created here first, so that a read-only or vanished folder is named as such rather than
        // as SQLite's "unable to open database" (VACUUM INTO takes an empty file).
        File::create(&temp)?;
        // Only the copy is written: a full disk here is the backup folder's.
        store::backup::vacuum_into(conn, &temp).map_err(|e| match e {
            Error::DiskFull => Error::Io(std::io::ErrorKind::StorageFull.into()),
            e => e,
        })?;
        faults(Step::Sync)?;
        File::open(&temp)?.sync_all()?;
        faults(Step::Verify)?;
        let facts = inspect(&temp).map_err(|e| Error::Corrupt { detail: format!("备份写入后核对未通过：{e}") })?;
        if facts.schema_version != source_version || facts.office_code.as_deref() != Some(office_code) {
            return Err(Error::Corrupt { detail: "备份写入后核对未通过：与原数据库不符".into() });
        }
        faults(Step::Rename)?;
        std::fs::rename(&temp, &target)?;
        Ok(())
    })();
    if let Err(e) = written {
        remove_quietly(&temp);
        return Err(match e {
            Error::Io(io) => folder_io_error(folder, io),
            e => e,
        });
    }
    sync_folder(folder);
    rotate(folder, office_code, keep)?;
    let size_bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupFile {
        path: target.display().to_string(),
        file_name: name,
        office_code: office_code.to_string(),
        kind,
        kind_label: kind.label().to_string(),
        made_at: at.format("%Y-%m-%d %H:%M:%S").to_string(),
        size_bytes,
    })
}

/// The outcome of a restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    /// The backup that now is the database.
    pub from: String,
    /// Where the database that was replaced was kept (none if there was no database).
    pub kept_aside: Option<String>,
    pub office_code: String,
    pub office_name: String,
    pub schema_version: i64,
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Replaces the database at `db_path` with the backup `file`, after checking that the backup is
/// ours, intact and of the same office. The current database is kept in the backup folder first;
/// if anything fails it stays where it is, unchanged. The database must not be open (the
/// single-instance lock is taken here).
/// Removes this office's temporary copies that a killed backup left behind (each as large as the
/// database). Only one process at a time backs up a database (it holds the database's lock), so
/// none of them is still being written.
fn remove_stale_temporaries(folder: &Path, office_code: &str) {
    let prefix = format!(".~sifa_{office_code}_");
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with(&prefix) && name.ends_with(".db.part") {
            remove_quietly(&entry.path());
        }
    }
}

pub fn restore(db_path: &Path, file: &Path, at: DateTime<FixedOffset>, faults: Faults<'_>) -> Result<Restored> {
    let facts = inspect(file)?;
    let backup_office = facts.office_code.clone().unwrap_or_default();
    let exists = db_path.exists();
    let live_office = if exists { store::backup::facts(db_path).ok().and_then(|f| f.office_code) } else { None };
    if let Some(live) = &live_office {
        if *live != backup_office {
            return Err(Error::BadBackup {
                file: file.display().to_string(),
                reason: format!(
                    "这是“{}”（{}）的备份，本机是另一个单位（{}）的数据库",
                    facts.office_name.clone().unwrap_or_default(),
                    backup_office,
                    live
                ),
            });
        }
    }
    let _lock = store::take_lock(db_path)?;
    let dir = db_path.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let temp = dir.join(".~restore.part");
    remove_quietly(&temp);
    // The copy first, so that a failure here leaves the current database untouched.
    let copied = (|| -> Result<()> {
        faults(Step::Copy)?;
        std::fs::copy(file, &temp)?;
        faults(Step::Sync)?;
        File::open(&temp)?.sync_all()?;
        faults(Step::Verify)?;
        inspect(&temp)?;
        Ok(())
    })();
    if let Err(e) = copied {
        remove_quietly(&temp);
        return Err(e);
    }
    // The current database is kept aside by a second name (a hard link, or a copy where the disk
    // has no links) after its WAL was checkpointed into it, and the restored copy then replaces it
    // with one atomic rename: a crash at any point leaves the old or the new database at `db_path`,
    // never none and never a mix.
    let mut kept_aside = None;
    if exists {
        let folder = default_folder(db_path);
        let aside = (|| -> Result<PathBuf> {
            std::fs::create_dir_all(&folder)?;
            store::backup::checkpoint_quietly(db_path);
            let office = live_office.clone().unwrap_or_else(|| "unknown".into());
            let name = (0..100)
                .map(|n| file_name(&office, BackupKind::Prerestore, at, n))
                .find(|n| !folder.join(n).exists())
                .ok_or_else(|| Error::Io(std::io::Error::from(std::io::ErrorKind::AlreadyExists)))?;
            let aside = folder.join(name);
            faults(Step::MoveAside)?;
            for suffix in ["", "-wal"] {
                let from = with_suffix(db_path, suffix);
                if from.exists() {
                    let to = with_suffix(&aside, suffix);
                    if std::fs::hard_link(&from, &to).is_err() {
                        std::fs::copy(&from, &to)?;
                        File::open(&to)?.sync_all()?;
                    }
                }
            }
            Ok(aside)
        })();
        match aside {
            Ok(a) => kept_aside = Some(a),
            Err(e) => {
                remove_quietly(&temp);
                return Err(e);
            }
        }
    }
    let placed = (|| -> Result<()> {
        faults(Step::Rename)?;
        // A WAL left by a damaged database must not be replayed onto the restored one.
        for suffix in ["-wal", "-shm"] {
            let p = with_suffix(db_path, suffix);
            if p.exists() {
                std::fs::remove_file(p)?;
            }
        }
        std::fs::rename(&temp, db_path)?;
        Ok(())
    })();
    if let Err(e) = placed {
        remove_quietly(&temp);
        if let Some(a) = &kept_aside {
            // The current database is still in place; its second name is not needed.
            remove_quietly(a);
            remove_quietly(&with_suffix(a, "-wal"));
        }
        return Err(e);
    }
    sync_folder(&dir);
    if let Some(a) = &kept_aside {
        sync_folder(a.parent().unwrap_or(Path::new(".")));
    }
    Ok(Restored {
        from: file.display().to_string(),
        kept_aside: kept_aside.map(|p| p.display().to_string()),
        office_code: backup_office,
        office_name: facts.office_name.unwrap_or_default(),
        schema_version: facts.schema_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_foreign_files_are_ignored() {
        let at = crate::clock::FixedClock::at_date(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()).0;
        let n = file_name("420102001", BackupKind::Daily, at, 0);
        assert_eq!(n, "sifa_420102001_20261128-100000_daily.db");
        let (office, when, kind) = parse_name(&n).unwrap();
        assert_eq!((office.as_str(), kind), ("420102001", BackupKind::Daily));
        assert_eq!(when.to_string(), "2026-11-28 10:00:00");
        assert!(parse_name(&file_name("420102001", BackupKind::Manual, at, 2)).is_some());
        for other in ["sifa.db", "sifa_x_y_daily.db", "notes.txt", "sifa_420102001_20261128-100000_weekly.db", ".~sifa_1_20261128-100000_daily.db.part"] {
            assert!(parse_name(other).is_none(), "{other}");
        }
    }
}
