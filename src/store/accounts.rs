use crate::accounts::{StoredUser, User};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM user_account", [], |r| r.get(0))?)
}

pub fn insert(conn: &Connection, u: &User, password_hash: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO user_account (id, username, display_name, role, password_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![u.id, u.username, u.display_name, u.role, password_hash, now],
    )?;
    Ok(())
}

pub fn by_username(conn: &Connection, username: &str) -> Result<Option<StoredUser>> {
    Ok(conn
        .query_row(
            "SELECT id, username, display_name, role, password_hash, failed_logins, locked_until, active
             FROM user_account WHERE username = ?1",
            [username],
            |r| {
                Ok(StoredUser {
                    user: User { id: r.get(0)?, username: r.get(1)?, display_name: r.get(2)?, role: r.get(3)? },
                    password_hash: r.get(4)?,
                    failed_logins: r.get(5)?,
                    locked_until: r.get(6)?,
                    active: r.get(7)?,
                })
            },
        )
        .optional()?)
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
