//! Local accounts: Argon2id password hashes, password rules, login with lockout.

use crate::error::{Error, FieldError, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use crate::office::Mode;
use serde::{Deserialize, Serialize};

/// Consecutive failures that lock an account, and for how long.
pub const LOCKOUT_FAILURES: u32 = 5;
pub const LOCKOUT_MINUTES: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

code_enum! {
    /// What an account may do (codes of table `role`).
    pub enum Role {
        /// 所长 of a township office.
        Head => "head",
        /// 工作人员.
        Staff => "staff",
        /// 只读: reads everything, changes nothing.
        ReadOnly => "readonly",
        /// 区局管理员 of a district bureau.
        DistrictAdmin => "district_admin",
    }
}

impl Role {
    /// 所长 of an office or 区局管理员 of a district: user management, settings, audit, restore.
    pub fn is_admin(self) -> bool {
        matches!(self, Role::Head | Role::DistrictAdmin)
    }
}

impl User {
    pub fn can_write_records(&self) -> bool {
        self.role != Role::ReadOnly
    }

    pub fn is_admin(&self) -> bool {
        self.role.is_admin()
    }

    /// The actor of changes made by the CLI's bulk commands (demo data).
    pub fn system() -> User {
        User { id: "system".into(), username: "system".into(), display_name: "系统".into(), role: Role::Head }
    }
}

#[derive(Debug, Clone)]
pub struct StoredUser {
    pub user: User,
    pub password_hash: String,
    pub failed_logins: u32,
    pub locked_until: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    pub last_login_at: Option<String>,
    pub created_at: String,
}

/// The roles an account may have in an office of this mode: a township office has a 所长, a
/// district bureau a 区局管理员; both have staff and read-only accounts.
pub fn roles_for_mode(mode: Mode) -> &'static [Role] {
    match mode {
        Mode::District => &[Role::DistrictAdmin, Role::Staff, Role::ReadOnly],
        Mode::Township => &[Role::Head, Role::Staff, Role::ReadOnly],
    }
}

/// The administrator role of an office of this mode.
pub fn admin_role_for_mode(mode: Mode) -> Role {
    roles_for_mode(mode)[0]
}

/// One account as user management lists it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub role_label: String,
    pub active: bool,
    /// Set while the account is locked after repeated wrong passwords.
    pub locked_until: Option<String>,
    pub must_change_password: bool,
    pub last_login_at: Option<String>,
    pub created_at: String,
}

impl StoredUser {
    /// The summary as of `now` (an expired lock is not shown).
    pub fn summary(&self, now: chrono::DateTime<chrono::FixedOffset>) -> UserSummary {
        let locked_until = self
            .locked_until
            .clone()
            .filter(|u| chrono::DateTime::parse_from_rfc3339(u).map(|u| u > now).unwrap_or(false));
        UserSummary {
            id: self.user.id.clone(),
            username: self.user.username.clone(),
            display_name: self.user.display_name.clone(),
            role: self.user.role,
            role_label: crate::codes::label("role", self.user.role.code()).unwrap_or(self.user.role.code()).to_string(),
            active: self.active,
            locked_until,
            must_change_password: self.must_change_password,
            last_login_at: self.last_login_at.clone(),
            created_at: self.created_at.clone(),
        }
    }
}

/// A new account, as the administrator fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewUserInput {
    pub username: String,
    pub display_name: String,
    pub role: String,
    /// The first password; the user must change it at the first login.
    pub password: String,
}

/// A change to an account by the administrator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct UserUpdateInput {
    pub display_name: String,
    pub role: String,
    pub active: bool,
}

pub fn check_display_name(field: &str, name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 20 {
        return Err(Error::field(field, "validation.display_name", "请填写姓名（不超过20个字）"));
    }
    Ok(n.to_string())
}

/// A role code allowed in an office of `mode`.
pub fn check_role(field: &str, role: &str, mode: Mode) -> Result<Role> {
    match Role::from_code(role.trim()).filter(|r| roles_for_mode(mode).contains(r)) {
        Some(r) => Ok(r),
        None => {
            let allowed: Vec<&str> = roles_for_mode(mode).iter().filter_map(|r| crate::codes::label("role", r.code())).collect();
            Err(Error::field(field, "validation.role", format!("请选择角色（{}）", allowed.join("、"))))
        }
    }
}

pub fn check_username(field: &str, username: &str) -> Result<String> {
    let u = username.trim();
    if u.is_empty() {
        return Err(Error::field(field, "validation.required", "请填写用户名"));
    }
    if u.chars().count() > 32 || !u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return Err(Error::field(field, "validation.username", "用户名只能包含汉字、字母、数字、下划线或点，最多32个字符"));
    }
    Ok(u.to_string())
}

/// At least 8 characters, with letters and digits.
pub fn check_password(field: &str, password: &str) -> Result<()> {
    let long = password.chars().count() >= 8;
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    if !(long && letters && digits) || password.chars().count() > 128 {
        return Err(Error::Validation(vec![FieldError::new(
            field,
            "validation.password",
            "密码至少8位，且须同时包含字母和数字",
        )]));
    }
    Ok(())
}

pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_password("mima1234").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("mima1234", &h));
        assert!(!verify_password("mima12345", &h));
        assert!(!verify_password("mima1234", "not a hash"));
    }

    #[test]
    fn password_rules() {
        assert!(check_password("p", "abc12345").is_ok());
        assert!(check_password("p", "abcdefgh").is_err());
        assert!(check_password("p", "12345678").is_err());
        assert!(check_password("p", "ab1").is_err());
    }

    #[test]
    fn roles_follow_the_mode() {
        assert_eq!(check_role("role", "staff", Mode::Township).unwrap(), Role::Staff);
        assert!(check_role("role", "district_admin", Mode::Township).unwrap_err().to_string().contains("所长、工作人员、只读"));
        assert!(check_role("role", "head", Mode::District).is_err());
        assert!(check_role("role", "root", Mode::Township).is_err());
        assert_eq!(admin_role_for_mode(Mode::District), Role::DistrictAdmin);
        assert!(check_display_name("d", "  ").is_err());
        assert!(check_display_name("d", &"长".repeat(21)).is_err());
    }

    #[test]
    fn usernames() {
        assert_eq!(check_username("u", " admin ").unwrap(), "admin");
        assert!(check_username("u", "").is_err());
        assert!(check_username("u", "a b").is_err());
        assert_eq!(check_username("u", "张所长").unwrap(), "张所长");
    }
}
