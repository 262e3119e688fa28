use crate::audit::AuditEntry;
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The hash of the newest entry, or the genesis value for an empty log.
pub fn last_hash(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, crate::audit::GENESIS_HASH.to_string())))
}

pub fn insert(conn: &Connection, e: &AuditEntry) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (seq, at, user_id, username, action, record_kind, record_id, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            e.seq, e.at, e.user_id, e.username, e.action, e.record_kind, e.record_id, e.before_json, e.after_json,
            e.prev_hash, e.hash
        ],
    )?;
    Ok(())
}

/// Every entry in sequence order.
pub fn all(conn: &Connection) -> Result<Vec<AuditEntry>> {
    let mut st = conn.prepare(
        "SELECT seq, at, user_id, username, action, record_kind, record_id, before_json, after_json, prev_hash, hash
         FROM audit_log ORDER BY seq",
    )?;
    let rows = st.query_map([], |r| {
        Ok(AuditEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            user_id: r.get(2)?,
            username: r.get(3)?,
            action: r.get(4)?,
            record_kind: r.get(5)?,
            record_id: r.get(6)?,
            before_json: r.get(7)?,
            after_json: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn for_record(conn: &Connection, kind: &str, id: &str) -> Result<Vec<(i64, String, String)>> {
    let mut st = conn.prepare("SELECT seq, action, username FROM audit_log WHERE record_kind = ?1 AND record_id = ?2 ORDER BY seq")?;
    let rows = st.query_map([kind, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
