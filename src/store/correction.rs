//! SQL of community correction: supervision levels, subjects and their events.
//!
//! An office supervises tens of subjects, a district a few thousand: what is due is computed from
//! the events when asked (see `correction::supervision`), so nothing stored depends on the
//! calendar or the levels, and a change of either needs no recomputation.

use crate::correction::{CorrectionListItem, CorrectionSubjectInput, SubjectFacts, SupervisionLevel};
use crate::error::{Error, Result};
use crate::page::Page;
use crate::record::RecordHeader;
use super::{date, page, PageQuery};
use rusqlite::{params, Connection, OptionalExtension, ToSql};

// ── Levels ──────────────────────────────────────────────────────────────────────────────────────

pub fn levels(conn: &Connection) -> Result<Vec<SupervisionLevel>> {
    let mut st = conn.prepare_cached(
        "SELECT code, reports_per_month, talks_per_month, education_hours, service_hours, visit_every_days
         FROM correction_level ORDER BY sort",
    )?;
    let rows = st.query_map([], |r| {
        Ok(SupervisionLevel {
            code: r.get(0)?,
            reports_per_month: r.get(1)?,
            talks_per_month: r.get(2)?,
            education_hours: r.get(3)?,
            service_hours: r.get(4)?,
            visit_every_days: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn level_update(conn: &Connection, l: &SupervisionLevel) -> Result<()> {
    let n = conn.execute(
        "UPDATE correction_level SET reports_per_month = ?2, talks_per_month = ?3, education_hours = ?4,
            service_hours = ?5, visit_every_days = ?6 WHERE code = ?1",
        params![l.code, l.reports_per_month, l.talks_per_month, l.education_hours, l.service_hours, l.visit_every_days],
    )?;
    if n != 1 {
        return Err(Error::NotFound { what: "管理等级" });
    }
    Ok(())
}

// ── Subjects ────────────────────────────────────────────────────────────────────────────────────

pub struct SubjectRow<'a> {
    pub meta: &'a RecordHeader,
    pub input: &'a CorrectionSubjectInput,
    pub facts: &'a SubjectFacts,
    pub body: &'a str,
}

/// Whether another live subject of the office has `code`.
pub fn code_taken(conn: &Connection, office_code: &str, code: &str, except_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM correction_subject WHERE office_code = ?1 AND subject_code = ?2 AND id <> ?3 AND deleted_at IS NULL",
        )?
        .query_row(params![office_code, code, except_id], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn subject_insert(conn: &Connection, row: &SubjectRow<'_>) -> Result<i64> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    conn.prepare_cached(
        "INSERT INTO correction_subject (id, office_code, subject_code, state, correction_type, supervision_level, is_minor,
            corr_start, corr_end, search_text, version, created_at, updated_at, created_by, updated_by, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        m.id, m.office_code, i.subject_code, i.state, i.correction_type, i.supervision_level, f.is_minor,
        date(f.corr_start), date(f.corr_end), f.search_text, m.version, m.created_at, m.updated_at, m.created_by,
        m.updated_by, row.body
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn subject_update(conn: &Connection, row: &SubjectRow<'_>) -> Result<()> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    let n = conn
        .prepare_cached(
            "UPDATE correction_subject SET subject_code = ?2, state = ?3, correction_type = ?4, supervision_level = ?5,
                is_minor = ?6, corr_start = ?7, corr_end = ?8, search_text = ?9, version = ?10, updated_at = ?11,
                updated_by = ?12, body = ?13
             WHERE rid = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            m.rid, i.subject_code, i.state, i.correction_type, i.supervision_level, f.is_minor, date(f.corr_start),
            date(f.corr_end), f.search_text, m.version, m.updated_at, m.updated_by, row.body
        ])?;
    if n != 1 {
        return Err(Error::NotFound { what: "矫正对象" });
    }
    Ok(())
}

/// Tombstones a subject and its events (each event gets a new version, so the deletion of each
/// travels with the next batch).
pub fn subject_tombstone(conn: &Connection, deleted: &RecordHeader, at: &str) -> Result<()> {
    conn.execute(
        "UPDATE correction_event SET deleted_at = ?2, updated_at = ?2, updated_by = ?3, version = version + 1
         WHERE subject_id = ?1 AND deleted_at IS NULL",
        params![deleted.id, at, deleted.updated_by],
    )?;
    super::tombstone(conn, "correction_subject", "", deleted, at)
}

const SUBJECT_META: &str = "rid, id, office_code, subject_code, 0, 0, version, created_at, updated_at, created_by, updated_by, body, is_minor";


/// (header, body) of a live subject.
pub fn subject_record(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
    Ok(subject_get(conn, id)?.map(|(h, body, _)| (h, body)))
}

/// (meta, body, is_minor) of a live subject.
pub fn subject_get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String, bool)>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {SUBJECT_META} FROM correction_subject WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], |r| Ok((super::header_from(r)?, r.get(11)?, r.get(12)?)))
        .optional()?)
}

#[derive(Debug, Default, Clone)]
pub struct SubjectQuery {
    pub terms: Vec<String>,
    pub correction_type: Option<String>,
    pub supervision_level: Option<String>,
    /// Exact states to keep (empty: any).
    pub states: Vec<String>,
    pub limit: i64,
    pub offset: i64,
    pub count_cap: i64,
}

fn subject_where(q: &SubjectQuery) -> (String, Vec<Box<dyn ToSql>>) {
    let mut conds = vec!["deleted_at IS NULL".to_string()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    for t in &q.terms {
        conds.push("instr(search_text, ?) > 0".into());
        args.push(Box::new(t.to_ascii_uppercase()));
    }
    if let Some(v) = &q.correction_type {
        conds.push("correction_type = ?".into());
        args.push(Box::new(v.clone()));
    }
    if let Some(v) = &q.supervision_level {
        conds.push("supervision_level = ?".into());
        args.push(Box::new(v.clone()));
    }
    if !q.states.is_empty() {
        conds.push(format!("state IN ({})", vec!["?"; q.states.len()].join(", ")));
        for s in &q.states {
            args.push(Box::new(s.clone()));
        }
    }
    (conds.join(" AND "), args)
}

/// A list row without what the desk computes (identity masking, duties).
fn list_item(r: &rusqlite::Row<'_>) -> rusqlite::Result<(CorrectionListItem, String)> {
    Ok((
        CorrectionListItem {
            id: r.get(0)?,
            subject_code: r.get(1)?,
            name: String::new(),
            id_no: String::new(),
            is_minor: r.get(2)?,
            correction_type: r.get(3)?,
            supervision_level: r.get(4)?,
            state: r.get(5)?,
            corr_start: r.get(6)?,
            corr_end: r.get(7)?,
            flags: Vec::new(),
            next: None,
            late_days: 0,
            version: r.get(8)?,
        },
        r.get(9)?,
    ))
}

const LIST_COLUMNS: &str = "id, subject_code, is_minor, correction_type, supervision_level, state, corr_start, corr_end, version, body";
const LIST_ORDER: &str = "corr_start DESC, rid DESC";

/// One page of subjects, latest start first, each with its body.
pub fn subject_list(conn: &Connection, q: &SubjectQuery) -> Result<Page<(CorrectionListItem, String)>> {
    let (where_sql, args) = subject_where(q);
    let sql = format!("SELECT {LIST_COLUMNS} FROM correction_subject WHERE {where_sql} ORDER BY {LIST_ORDER} LIMIT ? OFFSET ?");
    let count_sql = format!("SELECT count(*) FROM (SELECT 1 FROM correction_subject WHERE {where_sql} LIMIT ?)");
    page(
        conn,
        PageQuery { sql: &sql, count_sql: &count_sql, args: &args, limit: q.limit, offset: q.offset, count_cap: q.count_cap },
        list_item,
    )
}

/// Every subject matching `q` (paging ignored), for filters computed by the desk.
pub fn subject_all(conn: &Connection, q: &SubjectQuery) -> Result<Vec<(CorrectionListItem, String)>> {
    let (where_sql, args) = subject_where(q);
    let sql = format!("SELECT {LIST_COLUMNS} FROM correction_subject WHERE {where_sql} ORDER BY {LIST_ORDER}");
    let arg_refs: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(arg_refs), list_item)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────────

/// Inserts an event of the subject `m.parent_id`.
pub fn event_insert(conn: &Connection, m: &RecordHeader, kind: &str, event_on: &str, body: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO correction_event (id, subject_id, office_code, kind, event_on, version, created_at, updated_at,
            created_by, updated_by, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        m.id, m.parent_id, m.office_code, kind, event_on, m.version, m.created_at, m.updated_at, m.created_by, m.updated_by, body
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn event_update(conn: &Connection, m: &RecordHeader, event_on: &str, body: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE correction_event SET event_on = ?2, version = ?3, updated_at = ?4, updated_by = ?5, body = ?6
             WHERE rid = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![m.rid, event_on, m.version, m.updated_at, m.updated_by, body])?;
    if n != 1 {
        return Err(Error::NotFound { what: "矫正事项" });
    }
    Ok(())
}

pub fn event_tombstone(conn: &Connection, deleted: &RecordHeader, at: &str) -> Result<()> {
    super::tombstone(conn, "correction_event", "", deleted, at)
}

const EVENT_COLUMNS: &str = "rid, id, subject_id, office_code, version, created_at, updated_at, created_by, updated_by, body";

fn event_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<(RecordHeader, String)> {
    Ok((
        RecordHeader {
            rid: r.get(0)?,
            id: r.get(1)?,
            parent_id: r.get(2)?,
            office_code: r.get(3)?,
            version: r.get(4)?,
            created_at: r.get(5)?,
            updated_at: r.get(6)?,
            created_by: r.get(7)?,
            updated_by: r.get(8)?,
            ..Default::default()
        },
        r.get(9)?,
    ))
}

pub fn event_get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM correction_event WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], event_from)
        .optional()?)
}

/// The live events of the subjects `ids` (a JSON array bound as one parameter), newest first.
pub fn events_of(conn: &Connection, ids: &[&str]) -> Result<Vec<(RecordHeader, String)>> {
    let json = serde_json::to_string(ids).expect("ids serialise");
    let mut st = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM correction_event
         WHERE subject_id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL
         ORDER BY subject_id, event_on DESC, rid DESC"
    ))?;
    let rows = st.query_map([json], event_from)?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Kinds whose every row may matter to what is due (leave not yet reported back, sanctions,
/// level changes); of the other kinds only recent rows and the latest date count.
const LONG_LIVED_KINDS: &str = "'leave', 'sanction', 'assessment'";

/// One event as what is due needs it: the whole body, or only kind and date for an older event
/// of a cadence kind (the latest of its kind).
pub enum DueEvent {
    Body(String),
    Dated { kind: String, event_on: String },
}

/// For the subjects `ids`: their events since `since`, every long-lived one, and the date of the
/// latest of each other kind before `since`, as (subject id, event). Reads far less than every body (a subject
/// under supervision for years has hundreds of check-ins).
pub fn due_events(conn: &Connection, ids: &[&str], since: &str) -> Result<Vec<(String, DueEvent)>> {
    let json = serde_json::to_string(ids).expect("ids serialise");
    let mut out = Vec::new();
    let mut st = conn.prepare_cached(&format!(
        "SELECT subject_id, body FROM correction_event
         WHERE subject_id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL
           AND (event_on >= ?2 OR kind IN ({LONG_LIVED_KINDS}))"
    ))?;
    for r in st.query_map(params![json, since], |r| Ok((r.get(0)?, DueEvent::Body(r.get(1)?))))? {
        out.push(r?);
    }
    // The latest before `since` of each kind, even when newer ones follow: a recent report is
    // judged against the one before it.
    let mut st = conn.prepare_cached(&format!(
        "SELECT subject_id, kind, max(event_on) FROM correction_event
         WHERE subject_id IN (SELECT value FROM json_each(?1)) AND deleted_at IS NULL AND kind NOT IN ({LONG_LIVED_KINDS})
           AND event_on < ?2
         GROUP BY subject_id, kind"
    ))?;
    for r in st.query_map(params![json, since], |r| Ok((r.get(0)?, DueEvent::Dated { kind: r.get(1)?, event_on: r.get(2)? })))? {
        out.push(r?);
    }
    Ok(out)
}

/// (subject id, subject code, is_minor, body) of every subject not yet out of correction, for 工作台.
pub fn open_subjects(conn: &Connection) -> Result<Vec<(String, String, bool, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, subject_code, is_minor, body FROM correction_subject
         WHERE deleted_at IS NULL AND state IN ('awaiting_report', 'reported', 'announced', 'supervising')
         ORDER BY subject_code",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// Records entered by people (not generated demo data), tombstoned ones included.
pub fn count_entered_by_users(conn: &Connection, generator: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM correction_subject WHERE created_by <> ?1)
              + (SELECT count(*) FROM correction_event WHERE created_by <> ?1)",
        [generator],
        |r| r.get(0),
    )?)
}

/// (subjects, of which registered, events) not deleted.
pub fn count_live(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM correction_subject WHERE deleted_at IS NULL),
                (SELECT count(*) FROM correction_subject WHERE deleted_at IS NULL AND state IN ('reported', 'announced', 'supervising')),
                (SELECT count(*) FROM correction_event WHERE deleted_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}
