//! The desk's backups: the daily automatic copy, copies to a chosen folder, the list, and restore.
//! Each is audited, failures too.

use super::{require_head, Desk};
use crate::accounts::{self, User};
use crate::audit::Change;
use crate::record::Actor;
use crate::store;
use crate::backup::{self, BackupFile, BackupKind, Restored};
use crate::clock::{instant_string, Clock};
use crate::error::{Error, FieldError, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The backup screen: where automatic backups go and what is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
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

    fn make_backup(&mut self, actor: Actor<'_>, folder: &Path, kind: BackupKind) -> Result<BackupFile> {
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
            store::audit::append(tx, actor, &now, Change { action, record_kind: "backup", record_id: None, before: None, after: Some(after.to_string()) })
        });
        let file = made?;
        audited?;
        Ok(file)
    }

    /// A backup into `folder` (a USB stick), or into the automatic folder when `None`.
    /// Administrators only (the command line may too).
    pub fn backup_create<'a>(&mut self, actor: impl Into<Actor<'a>>, folder: Option<&Path>) -> Result<BackupFile> {
        let actor = actor.into();
        if let Some(u) = actor.user() {
            require_head(u)?;
        }
        let folder = folder.map(Path::to_path_buf).unwrap_or_else(|| self.backup_folder());
        self.make_backup(actor, &folder, BackupKind::Manual)
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
        self.make_backup(Actor::Named("系统（每日自动备份）"), &folder, BackupKind::Daily).map(Some)
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
    pub fn restore<'a>(path: &Path, clock: Arc<dyn Clock>, actor: impl Into<Actor<'a>>, file: &Path) -> Result<(Desk, Restored)> {
        Desk::restore_audited(path, clock, actor.into(), file, "backup.restore", None)
    }

    fn restore_audited(
        path: &Path,
        clock: Arc<dyn Clock>,
        actor: Actor<'_>,
        file: &Path,
        action: &str,
        why: Option<&str>,
    ) -> Result<(Desk, Restored)> {
        let at = clock.now();
        let restored = backup::restore(path, file, at, &backup::no_faults)?;
        let mut desk = Desk::open(path, clock)?;
        let now = instant_string(at);
        let mut after = serde_json::to_value(&restored).expect("results serialise");
        if let Some(why) = why {
            after["damage"] = serde_json::Value::String(why.to_string());
        }
        desk.store.write(|tx| {
            store::audit::append(tx, actor, &now, Change { action, record_kind: "backup", record_id: None, before: None, after: Some(after.to_string()) })
        })?;
        Ok((desk, restored))
    }

    /// Restores the database at `path`, which failed its start-up check (`damage` is what the check
    /// found), from `file`. Nobody can log in to a damaged database, so the person proves who they
    /// are with an administrator's account of the backup itself; the damaged file is kept aside.
    pub fn restore_damaged(path: &Path, clock: Arc<dyn Clock>, file: &Path, username: &str, password: &str, damage: &str) -> Result<(Desk, Restored)> {
        let mut missing = Vec::new();
        if file.as_os_str().is_empty() {
            missing.push(FieldError::new("file", "validation.required", "请选择要恢复的备份文件"));
        }
        if username.trim().is_empty() {
            missing.push(FieldError::new("username", "validation.required", "请输入所长（管理员）的用户名"));
        }
        if password.is_empty() {
            missing.push(FieldError::new("password", "validation.required", "请输入密码"));
        }
        if !missing.is_empty() {
            return Err(Error::Validation(missing));
        }
        backup::inspect(file)?;
        let stored = crate::store::backup::account_in(file, username.trim())?
            .filter(|s| s.active && accounts::verify_password(password, &s.password_hash))
            .ok_or(Error::WrongPassword)?;
        if !stored.user.is_admin() {
            return Err(Error::Forbidden);
        }
        Desk::restore_audited(path, clock, Actor::User(&stored.user), file, "backup.restore_damaged", Some(damage))
    }
}

/// What start-up offers when the database failed its health check: nothing is written to it, and
/// the backups of its office can replace it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DamagedDatabase {
    /// What `quick_check` found.
    pub damage: String,
    pub db_path: String,
    pub office_code: Option<String>,
    pub office_name: Option<String>,
    /// The automatic backup folder beside the database.
    pub folder: String,
    /// Its backups (of the office, when the damaged file still names it), newest first.
    pub files: Vec<BackupFile>,
}

/// Reads what can still be read of the damaged database at `path` (read-only) and lists its backups.
pub fn damaged_database(path: &Path, damage: &str) -> DamagedDatabase {
    let office = crate::store::backup::office_of(path);
    let folder = backup::default_folder(path);
    let files = backup::list(&folder, office.as_ref().map(|(code, _)| code.as_str())).unwrap_or_default();
    DamagedDatabase {
        damage: damage.to_string(),
        db_path: path.display().to_string(),
        office_code: office.as_ref().map(|(c, _)| c.clone()),
        office_name: office.map(|(_, n)| n),
        folder: folder.display().to_string(),
        files,
    }
}
