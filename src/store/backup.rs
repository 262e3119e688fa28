//! The SQL of backups: a consistent copy of the live database with `VACUUM INTO`, and the checks
//! that tell whether a file is an intact Sifa Desk database.

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::Path;

/// Writes a consistent, compacted copy of the database (committed data, the WAL included) to `to`,
/// which must not exist.
pub fn vacuum_into(conn: &Connection, to: &Path) -> Result<()> {
    let target = to.to_str().ok_or_else(|| Error::Io(std::io::Error::other("备份路径含有无法识别的字符")))?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}

/// What a database file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub application_id: i32,
    pub schema_version: i64,
    /// `ok`, or the first problems `integrity_check` names.
    pub integrity: String,
    pub foreign_key_problems: i64,
    pub office_code: Option<String>,
    pub office_name: Option<String>,
    pub mode: Option<String>,
}

/// Opens `path` read-only (never creating it, never changing it) and reads its identity and health.
/// `Err` when it is not an SQLite database at all.
pub fn facts(path: &Path) -> Result<Facts> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let integrity: String = {
        let mut st = conn.prepare("PRAGMA integrity_check(5)")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<Vec<_>, _>>()?.join("；")
    };
    let foreign_key_problems: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    let has_office: bool =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'office'", [], |r| r.get::<_, i64>(0))? > 0;
    let office = if has_office {
        conn.query_row("SELECT code, name, mode FROM office WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?
    } else {
        None
    };
    let (office_code, office_name, mode) = match office {
        Some((c, n, m)) => (Some(c), Some(n), Some(m)),
        None => (None, None, None),
    };
    Ok(Facts { application_id, schema_version, integrity, foreign_key_problems, office_code, office_name, mode })
}

/// The office a database file names, read without any check of the rest of the file (a damaged
/// database often still has a readable office row); `None` when even that cannot be read.
pub fn office_of(path: &Path) -> Option<(String, String)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    conn.query_row("SELECT code, name FROM office WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional().ok().flatten()
}

/// The account `username` of the database file at `path`, read-only: whoever restores a damaged
/// database proves who they are with the accounts of the backup itself.
pub fn account_in(path: &Path, username: &str) -> Result<Option<crate::accounts::StoredUser>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    super::accounts::by_username(&conn, username)
}

/// Folds the WAL of a readable database into its main file, so the file alone holds every commit.
/// A damaged database may refuse; it is being replaced anyway.
pub fn checkpoint_quietly(db_path: &Path) {
    if let Ok(conn) = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE) {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

/// The schema version of a live database that passes `integrity_check` and `foreign_key_check`
/// (`Error::Corrupt` otherwise): a copy of a damaged file is no backup.
pub fn sound_schema_version(conn: &Connection) -> Result<i64> {
    let ok: String = conn.query_row("PRAGMA integrity_check(5)", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Corrupt { detail: ok });
    }
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if fk != 0 {
        return Err(Error::Corrupt { detail: format!("{fk}处外键不一致") });
    }
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
