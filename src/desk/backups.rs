//! The desk's backups: the daily automatic copy, copies to a chosen folder, the list, and restore.
//! Each is audited, failures too.

use super::{require_head, Desk};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::backup::{self, BackupFile, BackupKind, Restored};
use crate::clock::{instant_string, Clock};
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The backup screen: where automatic backups go and what is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupOverview {
    pub folder: String,
    pub keep: u32,
    pub files: Vec<BackupFile>,
}

impl Desk {
    /// The folder of automatic backups, beside the database file.
    pub fn backup_folder(&self) -> PathBuf {
        backup::default_folder(self.store.path())
    }

    pub fn backups(&self, actor: &User) -> Result<BackupOverview> {
        require_head(actor)?;
        let office = self.require_office()?;
        let folder = self.backup_folder();
        Ok(BackupOverview {
            files: backup::list(&folder, Some(&office.code))?,
            folder: folder.display().to_string(),
            keep: self.settings()?.backup_keep,
        })
    }

    fn make_backup(&mut self, actor: Option<&User>, by: &str, folder: &Path, kind: BackupKind) -> Result<BackupFile> {
        let office = self.require_office()?;
        let keep = self.settings()?.backup_keep as usize;
        let at = self.clock.now();
        let made = backup::create(self.store.conn(), folder, &office.code, kind, at, keep, &backup::no_faults);
        let now = instant_string(at);
        let (action, after) = match &made {
            Ok(f) => ("backup.create", serde_json::json!({ "file": f.path, "kind": f.kind, "sizeBytes": f.size_bytes })),
            Err(e) => ("backup.failed", serde_json::json!({ "folder": folder.display().to_string(), "kind": kind, "reason": e.to_string() })),
        };
        // A failure to audit must not hide the backup's own outcome.
        let audited = self.store.write(|tx| {
            audit::append(tx, actor, by, &now, Change { action, record_kind: "backup", record_id: None, before: None, after: Some(after.to_string()) })
        });
        let file = made?;
        audited?;
        Ok(file)
    }

    /// A backup into `folder` (a USB stick), or into the automatic folder when `None`.
    pub fn backup_create(&mut self, actor: &User, folder: Option<&Path>) -> Result<BackupFile> {
        require_head(actor)?;
        let folder = folder.map(Path::to_path_buf).unwrap_or_else(|| self.backup_folder());
        self.make_backup(Some(actor), "", &folder, BackupKind::Manual)
    }

    pub fn backup_create_from_command_line(&mut self, folder: &Path) -> Result<BackupFile> {
        self.make_backup(None, "命令行（sifa backup）", folder, BackupKind::Manual)
    }

    /// The day's automatic backup, made at the first start of the day; `None` when it exists already
    /// (or the database is not set up yet).
    pub fn backup_daily_if_due(&mut self) -> Result<Option<BackupFile>> {
        let Some(office) = self.office()? else { return Ok(None) };
        let folder = self.backup_folder();
        let today = self.today().format("%Y-%m-%d").to_string();
        let done = backup::list(&folder, Some(&office.code))?.iter().any(|f| f.kind == BackupKind::Daily && f.made_at.starts_with(&today));
        if done {
            return Ok(None);
        }
        self.make_backup(None, "系统（每日自动备份）", &folder, BackupKind::Daily).map(Some)
    }

    /// Whether `actor` may restore `file` into this desk's database: an administrator, and a backup
    /// that is ours, intact and of this office. Checked before the desk is closed for the restore.
    pub fn restore_check(&self, actor: &User, file: &Path) -> Result<crate::store::backup::Facts> {
        require_head(actor)?;
        let office = self.require_office()?;
        let facts = backup::inspect(file)?;
        if facts.office_code.as_deref() != Some(office.code.as_str()) {
            return Err(crate::error::Error::BadBackup {
                file: file.display().to_string(),
                reason: format!("这是“{}”的备份，不是本单位（{}）的", facts.office_name.clone().unwrap_or_default(), office.name),
            });
        }
        Ok(facts)
    }

    /// Replaces the database at `path` with the backup `file` (the desk on it must be closed), keeps
    /// the replaced database in the backup folder, reopens and audits the restore in the restored
    /// database. No one is logged in afterwards.
    pub fn restore(path: &Path, clock: Arc<dyn Clock>, actor: Option<&User>, by: &str, file: &Path) -> Result<(Desk, Restored)> {
        let at = clock.now();
        let restored = backup::restore(path, file, at, &backup::no_faults)?;
        let mut desk = Desk::open(path, clock)?;
        let now = instant_string(at);
        let after = serde_json::to_string(&restored).expect("results serialise");
        desk.store.write(|tx| {
            audit::append(tx, actor, by, &now, Change { action: "backup.restore", record_kind: "backup", record_id: None, before: None, after: Some(after) })
        })?;
        Ok((desk, restored))
    }
}
