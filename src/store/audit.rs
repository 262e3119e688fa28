use crate::record::Actor;
use crate::audit::{AuditCheck, AuditEntry, AuditFilter, Change, GENESIS_HASH};
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

// ── The chain: its only writer and its check ────────────────────────────────────────────────

/// Appends one entry. Call it inside the transaction of the change it records.
pub fn append(conn: &Connection, actor: Actor<'_>, at: &str, change: Change<'_>) -> Result<i64> {
    let (last_seq, prev_hash) = last_hash(conn)?;
    let mut e = AuditEntry {
        seq: last_seq + 1,
        at: at.to_string(),
        user_id: actor.user().map(|u| u.id.clone()),
        username: actor.username().to_string(),
        action: change.action.to_string(),
        record_kind: change.record_kind.to_string(),
        record_id: change.record_id.map(str::to_string),
        before_json: change.before,
        after_json: change.after,
        prev_hash,
        hash: String::new(),
    };
    e.hash = e.compute_hash();
    insert(conn, &e)?;
    // The head of the chain is also kept apart from the log, so that deleting the newest entries
    // (which leaves a chain that is intact as far as it goes) is detected too.
    super::settings::put(conn, HEAD_SETTING, &format!("{}:{}", e.seq, e.hash))?;
    Ok(e.seq)
}

const HEAD_SETTING: &str = "audit.head";

/// Walks the chain from the first entry (streaming; the log can be large) and names the first
/// entry that was edited, deleted or rewritten.
pub fn check(conn: &Connection) -> Result<AuditCheck> {
    let mut prev = GENESIS_HASH.to_string();
    let mut last_seq = 0;
    let mut found: Option<AuditCheck> = None;
    let entries = count(conn)?;
    each(conn, &mut |e| {
        let expected = last_seq + 1;
        let problem = if e.seq != expected {
            Some((expected, format!("第{expected}条操作日志已被删除")))
        } else if e.compute_hash() != e.hash {
            Some((e.seq, format!("第{}条操作日志的内容被改动过", e.seq)))
        } else if e.prev_hash != prev {
            // The entry before was rewritten with a recomputed hash of its own.
            let seq = (e.seq - 1).max(1);
            Some((seq, format!("第{seq}条操作日志被改写过")))
        } else {
            None
        };
        if let Some((seq, reason)) = problem {
            found = Some(AuditCheck::broken(entries, seq, reason));
            return false;
        }
        prev = e.hash.clone();
        last_seq = e.seq;
        true
    })?;
    if let Some(f) = found {
        return Ok(f);
    }
    if let Some(head) = super::settings::get(conn, HEAD_SETTING)? {
        let (seq, hash) = head.split_once(':').unwrap_or(("0", ""));
        let seq: i64 = seq.parse().unwrap_or(0);
        if seq > last_seq {
            let first = last_seq + 1;
            return Ok(AuditCheck::broken(entries, first, format!("第{first}条起的操作日志已被删除（应有{seq}条，现有{last_seq}条）")));
        }
        if seq == last_seq && hash != prev {
            return Ok(AuditCheck::broken(entries, seq, format!("第{seq}条操作日志被改写过")));
        }
    }
    Ok(AuditCheck { entries, first_broken: None, reason: None })
}

/// Checks the chain; returns the sequence number of the first broken entry, if any.
pub fn verify(conn: &Connection) -> Result<Option<i64>> {
    Ok(check(conn)?.first_broken)
}
