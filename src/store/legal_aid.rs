//! SQL of legal aid: consultations and applications.
//!
//! Consultations (a few thousand a year) are searched by a substring test (`instr`) over a prepared
//! column read from a covering index. Applications are searched through two indexes of their search
//! text and number, as the mediation register is: a trigram index for terms of 3+ characters and an
//! index of Chinese character pairs for two-character terms; other two-character terms (digits,
//! letters) fall back to the substring test. `search_text` is stored with ASCII letters in upper
//! case (the X of ID numbers), and terms are upper-cased the same way.

use crate::error::{Error, Result};
use crate::legal_aid::{ConsultationFacts, ConsultationInput, LegalAidFacts, LegalAidInput, LegalAidListItem};
use crate::page::Page;
use crate::record::RecordHeader;
use super::{date, page, PageQuery};
use rusqlite::{params, Connection, OptionalExtension, ToSql};

// ── Consultations ───────────────────────────────────────────────────────────────────────────────

pub fn consultation_insert(conn: &Connection, m: &RecordHeader, i: &ConsultationInput, f: &ConsultationFacts, body: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO legal_aid_consultation (id, office_code, consulted_on, channel, service, matter, persons, guided,
            search_text, version, created_at, updated_at, created_by, updated_by, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        m.id, m.office_code, f.consulted_on.to_string(), i.channel, i.service, i.matter, i.persons, i.guided,
        f.search_text, m.version, m.created_at, m.updated_at, m.created_by, m.updated_by, body
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn consultation_update(conn: &Connection, m: &RecordHeader, i: &ConsultationInput, f: &ConsultationFacts, body: &str) -> Result<()> {
    let n = conn.prepare_cached(
        "UPDATE legal_aid_consultation SET consulted_on = ?2, channel = ?3, service = ?4, matter = ?5, persons = ?6,
            guided = ?7, search_text = ?8, version = ?9, updated_at = ?10, updated_by = ?11, body = ?12
         WHERE rid = ?1 AND deleted_at IS NULL",
    )?
    .execute(params![
        m.rid, f.consulted_on.to_string(), i.channel, i.service, i.matter, i.persons, i.guided, f.search_text, m.version,
        m.updated_at, m.updated_by, body
    ])?;
    if n != 1 {
        return Err(Error::NotFound { what: "咨询登记" });
    }
    Ok(())
}

pub fn consultation_tombstone(conn: &Connection, deleted: &RecordHeader, at: &str) -> Result<()> {
    super::tombstone(conn, "legal_aid_consultation", "", deleted, at)
}

const CONSULTATION_COLUMNS: &str =
    "rid, id, office_code, '', 0, 0, version, created_at, updated_at, created_by, updated_by, body";

pub fn consultation_get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {CONSULTATION_COLUMNS} FROM legal_aid_consultation WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], |r| Ok((super::header_from(r)?, r.get(11)?)))
        .optional()?)
}

#[derive(Debug, Default, Clone)]
pub struct ConsultationQuery {
    pub terms: Vec<String>,
    pub channel: Option<String>,
    pub matter: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: i64,
    pub offset: i64,
    pub count_cap: i64,
}

/// One page of consultations, newest first, with the capped total.
pub fn consultation_list(conn: &Connection, q: &ConsultationQuery) -> Result<Page<(RecordHeader, String)>> {
    let mut conds = vec!["deleted_at IS NULL".to_string()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    for t in &q.terms {
        conds.push("instr(search_text, ?) > 0".into());
        args.push(Box::new(t.to_ascii_uppercase()));
    }
    let mut eq = |col: &str, v: &Option<String>, op: &str| {
        if let Some(v) = v {
            conds.push(format!("{col} {op} ?"));
            args.push(Box::new(v.clone()));
        }
    };
    eq("channel", &q.channel, "=");
    eq("matter", &q.matter, "=");
    eq("consulted_on", &q.from, ">=");
    eq("consulted_on", &q.to, "<=");
    let where_sql = conds.join(" AND ");
    // A text search is counted in the page's order, so that the count too reads the covering
    // index (left to itself, the planner picks a narrower index and reads whole records).
    let count_order = if q.terms.is_empty() { "" } else { "ORDER BY consulted_on DESC, rid DESC" };
    let sql = format!(
        "SELECT {CONSULTATION_COLUMNS} FROM legal_aid_consultation WHERE {where_sql} ORDER BY consulted_on DESC, rid DESC LIMIT ? OFFSET ?"
    );
    let count_sql = format!("SELECT count(*) FROM (SELECT 1 FROM legal_aid_consultation WHERE {where_sql} {count_order} LIMIT ?)");
    page(
        conn,
        PageQuery { sql: &sql, count_sql: &count_sql, args: &args, limit: q.limit, offset: q.offset, count_cap: q.count_cap },
        |r| Ok((super::header_from(r)?, r.get(11)?)),
    )
}

// ── Applications ────────────────────────────────────────────────────────────────────────────────

pub struct ApplicationRow<'a> {
    pub meta: &'a RecordHeader,
    pub input: &'a LegalAidInput,
    pub facts: &'a LegalAidFacts,
    pub body: &'a str,
}

pub fn application_insert(conn: &Connection, row: &ApplicationRow<'_>) -> Result<i64> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    conn.prepare_cached(
        "INSERT INTO legal_aid_application (id, office_code, application_no, app_year, app_seq, state, aid_channel,
            case_nature, matter, groups_text, received_on, due_on, name, competent_org, search_text, version, created_at,
            updated_at, created_by, updated_by, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?
    .execute(params![
        m.id, m.office_code, m.number, m.year, m.seq, i.state, i.aid_channel, i.case_nature, i.matter, f.groups_text,
        f.received_on.to_string(), date(f.due_on), i.name, i.competent_org, f.search_text, m.version, m.created_at,
        m.updated_at, m.created_by, m.updated_by, row.body
    ])?;
    let rid = conn.last_insert_rowid();
    index_application(conn, rid, &f.search_text, &m.number)?;
    Ok(rid)
}

fn index_application(conn: &Connection, rid: i64, search_text: &str, number: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO legal_aid_application_search (rowid, text) VALUES (?1, ?2)")?
        .execute(params![rid, format!("{search_text} {number}")])?;
    let pairs = super::han_pairs(&[search_text, number]);
    if !pairs.is_empty() {
        conn.prepare_cached("INSERT INTO legal_aid_application_pair (rowid, pairs) VALUES (?1, ?2)")?.execute(params![rid, pairs])?;
    }
    Ok(())
}

fn unindex_application(conn: &Connection, rid: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM legal_aid_application_search WHERE rowid = ?1")?.execute([rid])?;
    conn.prepare_cached("DELETE FROM legal_aid_application_pair WHERE rowid = ?1")?.execute([rid])?;
    Ok(())
}

/// The search indexes of every live application (migration 8).
pub(super) fn index_every_application(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare("SELECT rid, search_text, application_no FROM legal_aid_application WHERE deleted_at IS NULL")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (rid, text, number) = row?;
        index_application(conn, rid, &text, &number)?;
    }
    Ok(())
}

pub fn application_update(conn: &Connection, row: &ApplicationRow<'_>) -> Result<()> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    let n = conn
        .prepare_cached(
            "UPDATE legal_aid_application SET state = ?2, aid_channel = ?3, case_nature = ?4, matter = ?5, groups_text = ?6,
                received_on = ?7, due_on = ?8, name = ?9, competent_org = ?10, search_text = ?11, version = ?12,
                updated_at = ?13, updated_by = ?14, body = ?15
             WHERE rid = ?1 AND deleted_at IS NULL",
        )?
        .execute(params![
            m.rid, i.state, i.aid_channel, i.case_nature, i.matter, f.groups_text, f.received_on.to_string(), date(f.due_on),
            i.name, i.competent_org, f.search_text, m.version, m.updated_at, m.updated_by, row.body
        ])?;
    if n != 1 {
        return Err(Error::NotFound { what: "法律援助申请" });
    }
    unindex_application(conn, m.rid)?;
    index_application(conn, m.rid, &f.search_text, &m.number)
}

pub fn application_tombstone(conn: &Connection, deleted: &RecordHeader, at: &str) -> Result<()> {
    super::tombstone(conn, "legal_aid_application", ", due_on = NULL", deleted, at)?;
    unindex_application(conn, deleted.rid)
}

const APPLICATION_META: &str =
    "rid, id, office_code, application_no, app_year, app_seq, version, created_at, updated_at, created_by, updated_by, body";

pub fn application_get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {APPLICATION_META} FROM legal_aid_application WHERE id = ?1 AND deleted_at IS NULL"))?
        .query_row([id], |r| Ok((super::header_from(r)?, r.get(11)?)))
        .optional()?)
}

#[derive(Debug, Default, Clone)]
pub struct ApplicationQuery {
    pub terms: Vec<String>,
    pub state: Option<String>,
    pub case_nature: Option<String>,
    pub matter: Option<String>,
    pub group: Option<String>,
    pub received_from: Option<String>,
    pub received_to: Option<String>,
    pub overdue_before: Option<String>,
    pub limit: i64,
    pub offset: i64,
    pub count_cap: i64,
}

/// One page of applications (newest first: by date received, or by entry when searching; longest
/// overdue first when only overdue ones are asked for), each with its body for the clocks.
pub fn application_list(conn: &Connection, q: &ApplicationQuery) -> Result<Page<(LegalAidListItem, String)>> {
    let mut conds = vec!["a.deleted_at IS NULL".to_string()];
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    // A search is driven by its index, newest entry first, so a common term (every number has 援申字)
    // stops after one page instead of collecting every match, as in the mediation register: 3+
    // characters through the trigram index, two Chinese characters through the pairs index; a term
    // no index serves (two digits or letters) is tested on the rows the others found.
    let han_pair = |t: &String| t.chars().count() == 2 && !super::han_pairs(&[t]).is_empty();
    let long: Vec<String> = q.terms.iter().filter(|t| t.chars().count() >= 3).map(|t| t.to_ascii_uppercase()).collect();
    let pairs: Vec<String> = q.terms.iter().filter(|t| han_pair(t)).cloned().collect();
    let (from, search_order) = if !long.is_empty() {
        conds.push("s.legal_aid_application_search MATCH ?".into());
        args.push(Box::new(super::fts_all_of(&long)));
        if !pairs.is_empty() {
            conds.push("a.rid IN (SELECT rowid FROM legal_aid_application_pair WHERE legal_aid_application_pair MATCH ?)".into());
            args.push(Box::new(super::fts_all_of(&pairs)));
        }
        ("legal_aid_application_search s JOIN legal_aid_application a ON a.rid = s.rowid", Some("s.rowid DESC"))
    } else if !pairs.is_empty() {
        conds.push("p.legal_aid_application_pair MATCH ?".into());
        args.push(Box::new(super::fts_all_of(&pairs)));
        ("legal_aid_application_pair p JOIN legal_aid_application a ON a.rid = p.rowid", Some("p.rowid DESC"))
    } else {
        ("legal_aid_application a", None)
    };
    for t in q.terms.iter().filter(|t| t.chars().count() < 3 && !han_pair(t)) {
        conds.push("(instr(a.search_text, ?) > 0 OR instr(a.application_no, ?) > 0)".into());
        args.push(Box::new(t.to_ascii_uppercase()));
        args.push(Box::new(t.clone()));
    }
    let mut eq = |col: &str, v: &Option<String>, op: &str| {
        if let Some(v) = v {
            conds.push(format!("{col} {op} ?"));
            args.push(Box::new(v.clone()));
        }
    };
    eq("a.state", &q.state, "=");
    eq("a.case_nature", &q.case_nature, "=");
    eq("a.matter", &q.matter, "=");
    eq("a.received_on", &q.received_from, ">=");
    eq("a.received_on", &q.received_to, "<=");
    eq("a.due_on", &q.overdue_before, "<");
    if let Some(g) = &q.group {
        conds.push("instr(a.groups_text, ?) > 0".into());
        args.push(Box::new(format!("|{g}|")));
    }
    let order = match (q.overdue_before.is_some(), search_order) {
        (true, _) => "a.due_on, a.rid",
        (false, Some(o)) => o,
        (false, None) => "a.received_on DESC, a.rid DESC",
    };
    let where_sql = conds.join(" AND ");
    // Searches and group filters are counted in the page's order: driven by the index that serves
    // it (a search's own, or the covering index), the count stops at its cap.
    let count_order = if q.terms.is_empty() && q.group.is_none() { String::new() } else { format!("ORDER BY {order}") };
    let sql = format!(
        "SELECT a.id, a.application_no, a.received_on, a.name, a.case_nature, a.matter, a.state, a.competent_org, a.version,
            a.updated_at, a.body
         FROM {from} WHERE {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    let count_sql = format!("SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {where_sql} {count_order} LIMIT ?)");
    page(
        conn,
        PageQuery { sql: &sql, count_sql: &count_sql, args: &args, limit: q.limit, offset: q.offset, count_cap: q.count_cap },
        |r| {
            Ok((
                LegalAidListItem {
                    id: r.get(0)?,
                    application_no: r.get(1)?,
                    received_on: r.get(2)?,
                    name: r.get(3)?,
                    case_nature: r.get(4)?,
                    matter: r.get(5)?,
                    state: r.get(6)?,
                    competent_org: r.get(7)?,
                    version: r.get(8)?,
                    updated_at: r.get(9)?,
                    deadline: None,
                },
                r.get(10)?,
            ))
        },
    )
}

/// (id, application_no, body) of applications that may need attention on 工作台: a running clock
/// due by `until` (overdue ones first, at most `overdue_limit`), or a clock standing still.
pub fn application_due(conn: &Connection, today: &str, until: &str, overdue_limit: i64) -> Result<Vec<(String, String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.application_no, a.body FROM (
            SELECT rid FROM (SELECT rid FROM legal_aid_application WHERE deleted_at IS NULL AND due_on IS NOT NULL
                AND due_on < ?1 ORDER BY due_on, rid LIMIT ?3)
            UNION
            SELECT rid FROM legal_aid_application WHERE deleted_at IS NULL AND due_on IS NOT NULL AND due_on >= ?1 AND due_on <= ?2
            UNION
            SELECT rid FROM legal_aid_application WHERE deleted_at IS NULL AND state = 'supplementing'
         ) d JOIN legal_aid_application a ON a.rid = d.rid",
    )?;
    let rows = st.query_map(params![today, until, overdue_limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// (rid, body) of every live application with a running clock, for recomputing `due_on` after
/// the holiday calendar or the time limits changed (neither can start a clock).
pub fn applications_with_clocks(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut st = conn.prepare_cached("SELECT rid, body FROM legal_aid_application WHERE deleted_at IS NULL AND due_on IS NOT NULL")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn set_due_on(conn: &Connection, rid: i64, due_on: Option<chrono::NaiveDate>) -> Result<()> {
    conn.prepare_cached("UPDATE legal_aid_application SET due_on = ?2 WHERE rid = ?1")?.execute(params![rid, date(due_on)])?;
    Ok(())
}

pub struct LegalAidCounts {
    pub consultations_between: i64,
    pub applications_between: i64,
    pub awaiting_decision: i64,
    pub supplementing: i64,
    pub awaiting_assignment: i64,
    pub overdue: i64,
}

pub fn counts(conn: &Connection, from: &str, to: &str) -> Result<LegalAidCounts> {
    let one = |sql: &str, args: &[&dyn ToSql]| -> Result<i64> { Ok(conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?) };
    Ok(LegalAidCounts {
        consultations_between: one(
            "SELECT coalesce(sum(persons), 0) FROM legal_aid_consultation WHERE deleted_at IS NULL AND consulted_on >= ?1 AND consulted_on <= ?2",
            &[&from, &to],
        )?,
        applications_between: one(
            "SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL AND received_on >= ?1 AND received_on <= ?2",
            &[&from, &to],
        )?,
        awaiting_decision: one(
            "SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL AND state IN ('received', 'supplementing', 'reviewing')",
            &[],
        )?,
        supplementing: one("SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL AND state = 'supplementing'", &[])?,
        awaiting_assignment: one(
            "SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL
                AND state IN ('granted', 'provisional', 'notified', 'objection_corrected')",
            &[],
        )?,
        overdue: one("SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL AND due_on IS NOT NULL AND due_on < ?1", &[&to])?,
    })
}

/// Records entered by people (not generated demo data), tombstoned ones included.
pub fn count_entered_by_users(conn: &Connection, generator: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM legal_aid_application WHERE created_by <> ?1)
              + (SELECT count(*) FROM legal_aid_consultation WHERE created_by <> ?1)",
        [generator],
        |r| r.get(0),
    )?)
}

/// (consultations, applications) not deleted.
pub fn count_live(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM legal_aid_consultation WHERE deleted_at IS NULL),
                (SELECT count(*) FROM legal_aid_application WHERE deleted_at IS NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}
