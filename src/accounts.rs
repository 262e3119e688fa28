//! Local accounts: Argon2id password hashes, password rules, login with lockout.

use crate::error::{Error, FieldError, Result};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

/// Consecutive failures that lock an account, and for how long.
pub const LOCKOUT_FAILURES: u32 = 5;
pub const LOCKOUT_MINUTES: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Code of table `role`: head, staff, readonly, district_admin.
    pub role: String,
}

impl User {
    pub fn can_write_records(&self) -> bool {
        self.role != "readonly"
    }

    /// The actor of changes made by the CLI's bulk commands (demo data).
    pub fn system() -> User {
        User { id: "system".into(), username: "system".into(), display_name: "系统".into(), role: "head".into() }
    }
}

#[derive(Debug, Clone)]
pub struct StoredUser {
    pub user: User,
    pub password_hash: String,
    pub failed_logins: u32,
    pub locked_until: Option<String>,
    pub active: bool,
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
    fn usernames() {
        assert_eq!(check_username("u", " admin ").unwrap(), "admin");
        assert!(check_username("u", "").is_err());
        assert!(check_username("u", "a b").is_err());
        assert_eq!(check_username("u", "张所长").unwrap(), "张所长");
    }
}
