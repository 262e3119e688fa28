use crate::audit::{AuditEntry, AuditFilter};
use crate::error::Result;
use crate::page::Page;
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

const COLUMNS: &str = "seq, at, user_id, username, action, record_kind, record_id, before_json, after_json, prev_hash, hash";

fn entry(r: &Row<'_>) -> rusqlite::Result<AuditEntry> {
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
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?)
}

/// Calls `f` with every entry in sequence order until it returns false, one row in memory at a time.
pub fn each(conn: &Connection, f: &mut dyn FnMut(AuditEntry) -> bool) -> Result<()> {
    let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        if !f(entry(r)?) {
            break;
        }
    }
    Ok(())
}

fn filter_sql(f: &AuditFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut clauses = Vec::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(u) = &f.username {
        clauses.push("username = ? COLLATE NOCASE");
        args.push(Box::new(u.clone()));
    }
    if let Some(a) = &f.action {
        // A category (`login`, `district`) matches its sub-actions too.
        clauses.push("(action = ? OR action LIKE ? ESCAPE '\\')");
        args.push(Box::new(a.clone()));
        args.push(Box::new(format!("{}.%", a.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))));
    }
    if let Some(k) = &f.record_kind {
        clauses.push("record_kind = ?");
        args.push(Box::new(k.clone()));
    }
    if let Some(id) = &f.record_id {
        // Clerks know a record by its 案号 or a name, which only the record's JSON holds.
        clauses.push("(record_id LIKE ? ESCAPE '\\' OR after_json LIKE ? ESCAPE '\\' OR before_json LIKE ? ESCAPE '\\')");
        for _ in 0..3 {
            args.push(Box::new(super::like_pattern(id)));
        }
    }
    // Instants are stored with their +08:00 offset, so a day's entries share its date prefix.
    if let Some(d) = &f.from {
        clauses.push("at >= ?");
        args.push(Box::new(d.clone()));
    }
    if let Some(d) = &f.to {
        clauses.push("at < ?");
        args.push(Box::new(format!("{d}~")));
    }
    let sql = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (sql, args)
}

/// A page of entries matching a checked filter, newest first.
pub fn page(conn: &Connection, f: &AuditFilter, count_cap: i64) -> Result<Page<AuditEntry>> {
    let (filter, args) = filter_sql(f);
    let sql = format!("SELECT {COLUMNS} FROM audit_log {filter} ORDER BY seq DESC LIMIT ? OFFSET ?");
    let count_sql = format!("SELECT count(*) FROM (SELECT 1 FROM audit_log {filter} LIMIT ?)");
    super::page(
        conn,
        super::PageQuery { sql: &sql, count_sql: &count_sql, args: &args, limit: f.page_size, offset: (f.page - 1) * f.page_size, count_cap },
        entry,
    )
}

/// Every entry matching a checked filter, oldest first, up to `limit`.
pub fn matching(conn: &Connection, f: &AuditFilter, limit: i64) -> Result<Vec<AuditEntry>> {
    let (filter, mut args) = filter_sql(f);
    args.push(Box::new(limit));
    let sql = format!("SELECT {COLUMNS} FROM audit_log {filter} ORDER BY seq LIMIT ?");
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), entry)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Distinct user names in the log, for the filter's choices.
pub fn usernames(conn: &Connection) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT DISTINCT username FROM audit_log ORDER BY username")?;
    let rows = st.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// The hash of the newest entry, or the genesis value for an empty log.
pub fn last_hash(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, crate::audit::GENESIS_HASH.to_string())))
}

/// The sequence number and stored time of the newest entry, if any.
pub fn latest(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn.query_row("SELECT seq, at FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
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
    let mut v = Vec::new();
    each(conn, &mut |e| {
        v.push(e);
        true
    })?;
    Ok(v)
}

pub fn for_record(conn: &Connection, kind: &str, id: &str) -> Result<Vec<(i64, String, String)>> {
    let mut st = conn.prepare("SELECT seq, action, username FROM audit_log WHERE record_kind = ?1 AND record_id = ?2 ORDER BY seq")?;
    let rows = st.query_map([kind, id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
