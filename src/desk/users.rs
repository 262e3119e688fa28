//! The desk's accounts: login with lockout, the one session of the desktop application with its
//! idle lock, password changes, user management and the settings. Every account action is audited
//! in the transaction that makes it.

use super::{require_head, to_json, Desk};
use crate::accounts::{self, NewUserInput, StoredUser, User, UserSummary, UserUpdateInput, LOCKOUT_FAILURES, LOCKOUT_MINUTES};
use crate::audit::Change;
use crate::record::Actor;
use crate::clock::instant_string;
use crate::error::{Error, FieldError, Result};
use crate::store;
use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

/// The logged-in user of the desk and when they last did something.
#[derive(Debug, Clone)]
pub(super) struct Session {
    user: User,
    last_active: DateTime<FixedOffset>,
    locked: bool,
    must_change_password: bool,
}

/// What the window needs to know about the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    pub user: Option<User>,
    /// The screen is locked: only unlocking (or logging out) is possible.
    pub locked: bool,
    /// The password was set by an administrator and must be changed before anything else.
    pub must_change_password: bool,
    /// Idle time after which the screen locks.
    pub idle_seconds: i64,
}

/// The office's settings (系统设置).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Minutes without activity before the screen locks (1–120).
    pub idle_minutes: u32,
    /// Backups kept in each backup folder, older ones are removed (3–100).
    pub backup_keep: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { idle_minutes: 10, backup_keep: 14 }
    }
}

const IDLE_MINUTES: &str = "settings.idle_minutes";
const BACKUP_KEEP: &str = "settings.backup_keep";

fn user_change(action: &str, id: &str, before: Option<String>, after: Option<String>) -> (String, String, Option<String>, Option<String>) {
    (action.to_string(), id.to_string(), before, after)
}

impl Desk {
    pub fn settings(&self) -> Result<Settings> {
        let conn = self.store.conn();
        let d = Settings::default();
        let read = |key: &str, default: u32| -> Result<u32> {
            Ok(store::settings::get(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
        };
        Ok(Settings { idle_minutes: read(IDLE_MINUTES, d.idle_minutes)?, backup_keep: read(BACKUP_KEEP, d.backup_keep)? })
    }

    pub fn settings_save(&mut self, actor: &User, input: Settings) -> Result<Settings> {
        require_head(actor)?;
        let mut errors = Vec::new();
        if !(1..=120).contains(&input.idle_minutes) {
            errors.push(FieldError::new("idleMinutes", "validation.range", "自动锁屏时间须在1至120分钟之间"));
        }
        if !(3..=100).contains(&input.backup_keep) {
            errors.push(FieldError::new("backupKeep", "validation.range", "保留备份份数须在3至100之间"));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let before = self.settings()?;
        let now = self.now();
        self.store.write(|tx| {
            store::settings::put(tx, IDLE_MINUTES, &input.idle_minutes.to_string())?;
            store::settings::put(tx, BACKUP_KEEP, &input.backup_keep.to_string())?;
            store::audit::append(tx, Actor::User(actor), &now, Change {
                action: "settings.update",
                record_kind: "settings",
                record_id: None,
                before: Some(to_json(&before)),
                after: Some(to_json(&input)),
            })?;
            Ok(())
        })?;
        Ok(input)
    }

    /// Shortens the idle limit (end-to-end tests of the idle lock; the shell allows it in debug builds only).
    pub fn override_idle_limit(&mut self, seconds: i64) {
        self.idle_override = Some(Duration::seconds(seconds.max(1)));
    }

    fn idle_limit(&self) -> Result<Duration> {
        match self.idle_override {
            Some(d) => Ok(d),
            None => Ok(Duration::minutes(self.settings()?.idle_minutes as i64)),
        }
    }

    fn audit_account(&mut self, actor: Actor<'_>, action: &str, id: Option<&str>) -> Result<()> {
        let now = self.now();
        self.store.write(|tx| {
            store::audit::append(tx, actor, &now, Change { action, record_kind: "user", record_id: id, before: None, after: None })?;
            Ok(())
        })
    }

    /// Checks `password` against the account of `username`, counting failures: five in a row lock
    /// the account for ten minutes. `success` names the audit entry of a match.
    fn authenticate(&mut self, username: &str, password: &str, success: &str) -> Result<StoredUser> {
        self.require_office()?;
        let now_t = self.clock.now();
        let now = instant_string(now_t);
        let name = username.trim().to_string();
        let found = store::accounts::by_username(self.store.conn(), &name)?;
        let Some(stored) = found.filter(|s| s.active) else {
            self.audit_account(Actor::Named(&name), "login.failed", None)?;
            return Err(Error::WrongPassword);
        };
        if let Some(until) = stored.locked_until.as_deref().and_then(|u| DateTime::parse_from_rfc3339(u).ok()) {
            if until > now_t {
                let minutes = (until - now_t).num_minutes() + 1;
                self.audit_account(Actor::User(&stored.user), "login.refused_locked", Some(&stored.user.id))?;
                return Err(Error::LockedOut { failures: LOCKOUT_FAILURES, minutes: minutes.min(LOCKOUT_MINUTES) });
            }
        }
        let user = stored.user.clone();
        if accounts::verify_password(password, &stored.password_hash) {
            self.store.write(|tx| {
                store::accounts::record_login(tx, &user.id, &now)?;
                store::audit::append(tx, Actor::User(&user), &now, Change { action: success, record_kind: "user", record_id: Some(&user.id), before: None, after: None })
            })?;
            return Ok(stored);
        }
        // A stale lock has expired: the count starts again.
        let previous = if stored.locked_until.is_some() { 0 } else { stored.failed_logins };
        let failures = previous + 1;
        let locked_until = (failures >= LOCKOUT_FAILURES).then(|| instant_string(now_t + Duration::minutes(LOCKOUT_MINUTES)));
        self.store.write(|tx| {
            store::accounts::record_login_result(tx, &user.id, if locked_until.is_some() { 0 } else { failures }, locked_until.as_deref(), &now)?;
            let action = if locked_until.is_some() { "login.locked" } else { "login.failed" };
            store::audit::append(tx, Actor::User(&user), &now, Change { action, record_kind: "user", record_id: Some(&user.id), before: None, after: None })
        })?;
        if locked_until.is_some() {
            return Err(Error::LockedOut { failures: LOCKOUT_FAILURES, minutes: LOCKOUT_MINUTES });
        }
        Err(Error::WrongPassword)
    }

    /// Logs in, ending whatever session there was. Failures are counted and audited; five in a row
    /// lock the account for ten minutes.
    pub fn login(&mut self, username: &str, password: &str) -> Result<User> {
        self.session = None;
        let stored = self.authenticate(username, password, "login")?;
        self.session = Some(Session {
            user: stored.user.clone(),
            last_active: self.clock.now(),
            locked: false,
            must_change_password: stored.must_change_password,
        });
        Ok(stored.user)
    }

    /// Ends the session (of `user`, when the caller holds one of its own).
    pub fn logout(&mut self, user: &User) -> Result<()> {
        if self.session.as_ref().is_some_and(|s| s.user.id == user.id) {
            self.session = None;
        }
        self.audit_account(Actor::User(user), "logout", Some(&user.id))
    }

    /// Ends the desk's session, if there is one.
    pub fn session_logout(&mut self) -> Result<()> {
        match self.session.take() {
            Some(s) => self.audit_account(Actor::User(&s.user), "logout", Some(&s.user.id)),
            None => Ok(()),
        }
    }

    pub fn session_status(&self) -> Result<SessionStatus> {
        let idle_seconds = self.idle_limit()?.num_seconds();
        Ok(match &self.session {
            None => SessionStatus { user: None, locked: false, must_change_password: false, idle_seconds },
            Some(s) => SessionStatus {
                user: Some(s.user.clone()),
                locked: s.locked || self.clock.now() - s.last_active >= self.idle_limit()?,
                must_change_password: s.must_change_password,
                idle_seconds,
            },
        })
    }

    /// The session's user, re-read from the store (a changed role or a disabled account takes effect
    /// at once), after the idle check; counts as activity. Every command of the window runs as this user.
    pub fn session_user(&mut self) -> Result<User> {
        let s = self.session_user_for_password_change()?;
        if self.session.as_ref().is_some_and(|s| s.must_change_password) {
            return Err(Error::PasswordChangeRequired);
        }
        Ok(s)
    }

    /// Like `session_user`, but also while the password must still be changed.
    fn session_user_for_password_change(&mut self) -> Result<User> {
        let now = self.clock.now();
        let idle = self.idle_limit()?;
        let Some(s) = self.session.as_mut() else { return Err(Error::AuthRequired) };
        if s.locked {
            return Err(Error::SessionLocked);
        }
        if now - s.last_active >= idle {
            s.locked = true;
            let user = s.user.clone();
            self.audit_account(Actor::User(&user), "session.idle_lock", Some(&user.id))?;
            return Err(Error::SessionLocked);
        }
        let id = s.user.id.clone();
        match store::accounts::by_id(self.store.conn(), &id)?.filter(|u| u.active) {
            Some(fresh) => {
                let s = self.session.as_mut().expect("checked above");
                s.user = fresh.user.clone();
                s.last_active = now;
                Ok(fresh.user)
            }
            None => {
                self.session = None;
                Err(Error::AuthRequired)
            }
        }
    }

    /// Locks the screen now (the window's 锁定 button, or its own idle timer).
    pub fn session_lock(&mut self) -> Result<()> {
        let Some(s) = self.session.as_mut() else { return Err(Error::AuthRequired) };
        if s.locked {
            return Ok(());
        }
        s.locked = true;
        let user = s.user.clone();
        self.audit_account(Actor::User(&user), "session.lock", Some(&user.id))
    }

    /// Unlocks the screen with the session user's password; wrong passwords count towards the lockout.
    pub fn session_unlock(&mut self, password: &str) -> Result<User> {
        let Some(s) = self.session.as_ref() else { return Err(Error::AuthRequired) };
        let username = s.user.username.clone();
        let stored = self.authenticate(&username, password, "session.unlock")?;
        let now = self.clock.now();
        let s = self.session.as_mut().ok_or(Error::AuthRequired)?;
        s.user = stored.user.clone();
        s.locked = false;
        s.last_active = now;
        s.must_change_password = stored.must_change_password;
        Ok(stored.user)
    }

    /// The session user changes their own password, giving the current one.
    pub fn change_password(&mut self, old_password: &str, new_password: &str) -> Result<()> {
        let user = self.session_user_for_password_change()?;
        accounts::check_password("newPassword", new_password)?;
        if old_password == new_password {
            return Err(Error::field("newPassword", "validation.password_same", "新密码不能与原密码相同"));
        }
        match self.authenticate(&user.username, old_password, "password.verify") {
            Ok(_) => {}
            Err(Error::WrongPassword) => return Err(Error::field("oldPassword", "auth.wrong_password", "原密码不正确")),
            Err(e) => return Err(e),
        }
        let hash = accounts::hash_password(new_password)?;
        let now = self.now();
        self.store.write(|tx| {
            store::accounts::set_password(tx, &user.id, &hash, false, &now)?;
            store::audit::append(tx, Actor::User(&user), &now, Change { action: "password.change", record_kind: "user", record_id: Some(&user.id), before: None, after: None })
        })?;
        if let Some(s) = self.session.as_mut() {
            s.must_change_password = false;
        }
        Ok(())
    }

    /// Every account (administrators only).
    pub fn users(&self, actor: &User) -> Result<Vec<UserSummary>> {
        require_head(actor)?;
        let now = self.clock.now();
        Ok(store::accounts::all(self.store.conn())?.iter().map(|u| u.summary(now)).collect())
    }

    fn user_by_id(&self, id: &str) -> Result<StoredUser> {
        store::accounts::by_id(self.store.conn(), id)?.ok_or(Error::NotFound { what: "账号" })
    }

    fn write_user_change(&mut self, actor: &User, change: (String, String, Option<String>, Option<String>), f: impl FnOnce(&rusqlite::Transaction<'_>, &str) -> Result<()>) -> Result<()> {
        let now = self.now();
        let (action, id, before, after) = change;
        self.store.write(|tx| {
            f(tx, &now)?;
            store::audit::append(tx, Actor::User(actor), &now, Change { action: &action, record_kind: "user", record_id: Some(&id), before, after })?;
            Ok(())
        })
    }

    /// A new account; its first password must be changed at the first login.
    pub fn user_create(&mut self, actor: &User, input: NewUserInput) -> Result<UserSummary> {
        require_head(actor)?;
        let office = self.require_office()?;
        let mut errors = Vec::new();
        let username = accounts::check_username("username", &input.username).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        if let Some(u) = &username {
            if store::accounts::by_username(self.store.conn(), u)?.is_some() {
                errors.push(FieldError::new("username", "validation.duplicate", format!("用户名“{u}”已被使用")));
            }
        }
        let display_name = accounts::check_display_name("displayName", &input.display_name).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        let role = accounts::check_role("role", &input.role, office.mode).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        if let Err(e) = accounts::check_password("password", &input.password) {
            errors.extend(e.fields().to_vec());
        }
        let (Some(username), Some(display_name), Some(role), true) = (username, display_name, role, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let hash = accounts::hash_password(&input.password)?;
        let user = User { id: uuid::Uuid::now_v7().to_string(), username, display_name, role };
        let after = Some(to_json(&user));
        self.write_user_change(actor, user_change("user.create", &user.id, None, after), |tx, now| {
            store::accounts::insert_with(tx, &user, &hash, true, now)
        })?;
        Ok(self.user_by_id(&user.id)?.summary(self.clock.now()))
    }

    /// Name, role and whether the account may log in. An administrator cannot demote or disable
    /// their own account, so an office always keeps one.
    pub fn user_update(&mut self, actor: &User, id: &str, input: UserUpdateInput) -> Result<UserSummary> {
        require_head(actor)?;
        let office = self.require_office()?;
        let existing = self.user_by_id(id)?;
        let mut errors = Vec::new();
        let display_name = accounts::check_display_name("displayName", &input.display_name).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        let role = accounts::check_role("role", &input.role, office.mode).map_err(|e| errors.extend(e.fields().to_vec())).ok();
        if id == actor.id && (!input.active || role.is_some_and(|r| r != existing.user.role)) {
            errors.push(FieldError::new(if input.active { "role" } else { "active" }, "user.self", "不能停用自己的账号，也不能更改自己的角色"));
        }
        let (Some(display_name), Some(role), true) = (display_name, role, errors.is_empty()) else {
            return Err(Error::Validation(errors));
        };
        let user = User { id: id.to_string(), username: existing.user.username.clone(), display_name, role };
        let before = serde_json::json!({ "user": existing.user, "active": existing.active }).to_string();
        let after = serde_json::json!({ "user": user, "active": input.active }).to_string();
        self.write_user_change(actor, user_change("user.update", id, Some(before), Some(after)), |tx, now| {
            store::accounts::update(tx, &user, input.active, now)
        })?;
        Ok(self.user_by_id(id)?.summary(self.clock.now()))
    }

    /// Sets a new password for another account (the user forgot theirs); it must be changed at the
    /// next login. Also lifts a lockout.
    pub fn user_reset_password(&mut self, actor: &User, id: &str, new_password: &str) -> Result<UserSummary> {
        require_head(actor)?;
        let existing = self.user_by_id(id)?;
        if id == actor.id {
            return Err(Error::field("password", "user.self", "请在“修改密码”中修改自己的密码"));
        }
        accounts::check_password("password", new_password)?;
        let hash = accounts::hash_password(new_password)?;
        self.write_user_change(actor, user_change("user.reset_password", id, None, Some(to_json(&existing.user))), |tx, now| {
            store::accounts::set_password(tx, id, &hash, true, now)
        })?;
        Ok(self.user_by_id(id)?.summary(self.clock.now()))
    }

    /// Lifts a lockout before its ten minutes are over.
    pub fn user_unlock(&mut self, actor: &User, id: &str) -> Result<UserSummary> {
        require_head(actor)?;
        let existing = self.user_by_id(id)?;
        self.write_user_change(actor, user_change("user.unlock", id, None, Some(to_json(&existing.user))), |tx, now| {
            store::accounts::unlock(tx, id, now)
        })?;
        Ok(self.user_by_id(id)?.summary(self.clock.now()))
    }
}
