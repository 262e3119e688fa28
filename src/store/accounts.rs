use crate::accounts::{StoredUser, User};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str =
    "id, username, display_name, role, password_hash, failed_logins, locked_until, active, must_change_password, last_login_at, created_at";

fn stored(r: &Row<'_>) -> rusqlite::Result<StoredUser> {
    Ok(StoredUser {
        user: User { id: r.get(0)?, username: r.get(1)?, display_name: r.get(2)?, role: r.get(3)? },
        password_hash: r.get(4)?,
        failed_logins: r.get(5)?,
        locked_until: r.get(6)?,
        active: r.get(7)?,
        must_change_password: r.get(8)?,
        last_login_at: r.get(9)?,
        created_at: r.get(10)?,
    })
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM user_account", [], |r| r.get(0))?)
}

/// Active accounts with one of these roles.
pub fn count_active_with_role(conn: &Connection, roles: &[&str]) -> Result<i64> {
    let mut n = 0;
    for role in roles {
        n += conn.query_row("SELECT count(*) FROM user_account WHERE active = 1 AND role = ?1", [role], |r| r.get::<_, i64>(0))?;
    }
    Ok(n)
}

pub fn insert(conn: &Connection, u: &User, password_hash: &str, now: &str) -> Result<()> {
    insert_with(conn, u, password_hash, false, now)
}

pub fn insert_with(conn: &Connection, u: &User, password_hash: &str, must_change_password: bool, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO user_account (id, username, display_name, role, password_hash, must_change_password, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![u.id, u.username, u.display_name, u.role, password_hash, must_change_password, now],
    )?;
    Ok(())
}

pub fn by_username(conn: &Connection, username: &str) -> Result<Option<StoredUser>> {
    let sql = format!("SELECT {COLUMNS} FROM user_account WHERE username = ?1");
    Ok(conn.query_row(&sql, [username], stored).optional()?)
}

pub fn by_id(conn: &Connection, id: &str) -> Result<Option<StoredUser>> {
    let sql = format!("SELECT {COLUMNS} FROM user_account WHERE id = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([id], stored).optional()?)
}

/// Every account, active ones first, then by user name.
pub fn all(conn: &Connection) -> Result<Vec<StoredUser>> {
    let sql = format!("SELECT {COLUMNS} FROM user_account ORDER BY active DESC, username");
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([], stored)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn record_login_result(
    conn: &Connection,
    user_id: &str,
    failed_logins: u32,
    locked_until: Option<&str>,
    now: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET failed_logins = ?2, locked_until = ?3, updated_at = ?4 WHERE id = ?1",
        params![user_id, failed_logins, locked_until, now],
    )?;
    Ok(())
}

pub fn record_login(conn: &Connection, user_id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET failed_logins = 0, locked_until = NULL, last_login_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![user_id, now],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, u: &User, active: bool, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET display_name = ?2, role = ?3, active = ?4, updated_at = ?5 WHERE id = ?1",
        params![u.id, u.display_name, u.role, active, now],
    )?;
    Ok(())
}

/// A new password; also lifts a lockout.
pub fn set_password(conn: &Connection, user_id: &str, password_hash: &str, must_change_password: bool, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE user_account SET password_hash = ?2, must_change_password = ?3, failed_logins = 0, locked_until = NULL, updated_at = ?4
         WHERE id = ?1",
        params![user_id, password_hash, must_change_password, now],
    )?;
    Ok(())
}

pub fn unlock(conn: &Connection, user_id: &str, now: &str) -> Result<()> {
    conn.execute("UPDATE user_account SET failed_logins = 0, locked_until = NULL, updated_at = ?2 WHERE id = ?1", params![user_id, now])?;
    Ok(())
}
