//! SQL of the mediation register.

use crate::error::{Error, Result};
use crate::mediation::{CaseFacts, MediationCaseInput, MediationListItem};
use crate::page::Page;
use crate::record::RecordHeader;
use super::{date, like_pattern, page, PageQuery};
use rusqlite::{params, Connection, OptionalExtension, ToSql};

pub struct CaseRow<'a> {
    pub meta: &'a RecordHeader,
    pub input: &'a MediationCaseInput,
    pub facts: &'a CaseFacts,
    pub body: &'a str,
}

pub fn insert(conn: &Connection, row: &CaseRow<'_>) -> Result<i64> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    conn.prepare_cached(
        "INSERT INTO mediation_case (id, office_code, case_no, case_year, case_seq, state, committee, source, dispute_type,
            accepted_on, concluded_on, closed_on, due_on, judicial_until, host_mediator, mediators, parties_text, summary,
            version, created_at, updated_at, created_by, updated_by, deleted_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, NULL, ?24)",
    )?
    .execute(params![
        m.id, m.office_code, m.number, m.year, m.seq, i.state, i.committee, i.source, i.dispute_type,
        f.accepted_on.to_string(), date(f.concluded_on), date(f.closed_on), date(f.due_on), date(f.judicial_until),
        f.host_mediator, i.mediators.join("、"), f.parties_text, i.summary, m.version, m.created_at, m.updated_at,
        m.created_by, m.updated_by, row.body
    ])?;
    let rid = conn.last_insert_rowid();
    index_for_search(conn, rid, m, f)?;
    Ok(rid)
}

fn index_for_search(conn: &Connection, rid: i64, m: &RecordHeader, f: &CaseFacts) -> Result<()> {
    let other = format!("{} {}", m.number, f.search_other);
    conn.prepare_cached("INSERT INTO mediation_search (rowid, names, other) VALUES (?1, ?2, ?3)")?.execute(params![rid, f.search_names, other])?;
    index_pairs(conn, rid, &[&f.search_names, &other])
}

fn index_pairs(conn: &Connection, rid: i64, texts: &[&str]) -> Result<()> {
    let pairs = super::han_pairs(texts);
    if !pairs.is_empty() {
        conn.prepare_cached("INSERT INTO mediation_pair (rowid, pairs) VALUES (?1, ?2)")?.execute(params![rid, pairs])?;
    }
    Ok(())
}

/// The pairs index of every live case, from the text the trigram index holds (migration 8).
pub(super) fn index_pairs_of_every_case(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare("SELECT rowid, names, other FROM mediation_search")?;
    let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for row in rows {
        let (rid, names, other) = row?;
        index_pairs(conn, rid, &[&names, &other])?;
    }
    Ok(())
}

pub(crate) fn unindex(conn: &Connection, rid: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM mediation_search WHERE rowid = ?1")?.execute([rid])?;
    conn.prepare_cached("DELETE FROM mediation_pair WHERE rowid = ?1")?.execute([rid])?;
    Ok(())
}

pub fn update(conn: &Connection, row: &CaseRow<'_>) -> Result<()> {
    let (m, i, f) = (row.meta, row.input, row.facts);
    let n = conn.prepare_cached(
        "UPDATE mediation_case SET state = ?2, committee = ?3, source = ?4, dispute_type = ?5, accepted_on = ?6,
            concluded_on = ?7, closed_on = ?8, due_on = ?9, judicial_until = ?10, host_mediator = ?11, mediators = ?12,
            parties_text = ?13, summary = ?14, version = ?15, updated_at = ?16, updated_by = ?17, body = ?18
         WHERE rid = ?1 AND deleted_at IS NULL",
    )?
    .execute(params![
        m.rid, i.state, i.committee, i.source, i.dispute_type, f.accepted_on.to_string(), date(f.concluded_on),
        date(f.closed_on), date(f.due_on), date(f.judicial_until), f.host_mediator, i.mediators.join("、"),
        f.parties_text, i.summary, m.version, m.updated_at, m.updated_by, row.body
    ])?;
    if n != 1 {
        return Err(Error::NotFound { what: "调解案件" });
    }
    unindex(conn, m.rid)?;
    index_for_search(conn, m.rid, m, f)
}

/// Marks a case deleted (a tombstone the monthly batch carries to the district).
pub fn tombstone(conn: &Connection, deleted: &RecordHeader, at: &str) -> Result<()> {
    super::tombstone(conn, "mediation_case", ", due_on = NULL, judicial_until = NULL", deleted, at)?;
    unindex(conn, deleted.rid)
}

/// A live (not deleted) case by id: its metadata and stored body.
pub fn get(conn: &Connection, id: &str) -> Result<Option<(RecordHeader, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT rid, id, office_code, case_no, case_year, case_seq, version, created_at, updated_at, created_by,
                updated_by, body FROM mediation_case WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id], |r| Ok((super::header_from(r)?, r.get(11)?)))
        .optional()?)
}

/// Filters already checked by the core; `today` is needed for the overdue filter.
#[derive(Debug, Default, Clone)]
pub struct ListQuery {
    pub terms: Vec<String>,
    pub state: Option<String>,
    pub dispute_type: Option<String>,
    pub accepted_from: Option<String>,
    pub accepted_to: Option<String>,
    pub mediator: Option<String>,
    pub overdue_before: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// Counting stops here; bigger totals are reported as "more than".
    pub count_cap: i64,
}

/// Builds FROM, WHERE and ORDER BY. A search is driven by its index, newest entry first, so a
/// common word stops after one page instead of collecting every match: terms of three or more
/// characters through the trigram index, two-character terms through the index of character pairs
/// (both cover names and text; the core refuses shorter terms). Without a search, the newest
/// acceptance comes first, or the longest overdue when only overdue cases are asked for.
fn query_parts(q: &ListQuery) -> (String, String, String, Vec<Box<dyn ToSql>>) {
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    let mut conds = vec!["c.deleted_at IS NULL".to_string()];
    let (long, short): (Vec<&String>, Vec<&String>) = q.terms.iter().partition(|t| t.chars().count() >= 3);
    let (from, order) = if !long.is_empty() {
        conds.push("s.mediation_search MATCH ?".into());
        args.push(Box::new(super::fts_all_of(&long)));
        if !short.is_empty() {
            conds.push("c.rid IN (SELECT rowid FROM mediation_pair WHERE mediation_pair MATCH ?)".into());
            args.push(Box::new(super::fts_all_of(&short)));
        }
        ("mediation_search s JOIN mediation_case c ON c.rid = s.rowid", "s.rowid DESC")
    } else if !short.is_empty() {
        conds.push("p.mediation_pair MATCH ?".into());
        args.push(Box::new(super::fts_all_of(&short)));
        ("mediation_pair p JOIN mediation_case c ON c.rid = p.rowid", "p.rowid DESC")
    } else if q.overdue_before.is_some() {
        ("mediation_case c", "c.due_on, c.rid")
    } else {
        ("mediation_case c", "c.accepted_on DESC, c.rid DESC")
    };
    let mut eq = |col: &str, v: &Option<String>, op: &str| {
        if let Some(v) = v {
            conds.push(format!("{col} {op} ?"));
            args.push(Box::new(v.clone()));
        }
    };
    eq("c.state", &q.state, "=");
    eq("c.dispute_type", &q.dispute_type, "=");
    eq("c.accepted_on", &q.accepted_from, ">=");
    eq("c.accepted_on", &q.accepted_to, "<=");
    eq("c.due_on", &q.overdue_before, "<");
    if let Some(m) = &q.mediator {
        conds.push("c.mediators LIKE ? ESCAPE '\\'".into());
        args.push(Box::new(like_pattern(m)));
    }
    (from.to_string(), conds.join(" AND "), order.to_string(), args)
}

/// One page of cases, each with its stored body (for the deadline), and the capped total.
pub fn list(conn: &Connection, q: &ListQuery) -> Result<Page<(MediationListItem, String)>> {
    let (from, where_sql, order, args) = query_parts(q);
    let sql = format!(
        "SELECT c.id, c.case_no, c.accepted_on, c.dispute_type, c.state, c.parties_text, c.host_mediator,
            substr(c.summary, 1, 80), c.version, c.updated_at, c.body
         FROM {from} WHERE {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    );
    let count_sql = format!("SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {where_sql} LIMIT ?)");
    page(
        conn,
        PageQuery { sql: &sql, count_sql: &count_sql, args: &args, limit: q.limit, offset: q.offset, count_cap: q.count_cap },
        |r| {
            Ok((
                MediationListItem {
                    id: r.get(0)?,
                    case_no: r.get(1)?,
                    accepted_on: r.get(2)?,
                    dispute_type: r.get(3)?,
                    state: r.get(4)?,
                    parties_text: r.get(5)?,
                    host_mediator: r.get(6)?,
                    summary: r.get(7)?,
                    version: r.get(8)?,
                    updated_at: r.get(9)?,
                    deadline: None,
                },
                r.get::<_, String>(10)?,
            ))
        },
    )
}

/// (id, case_no, parties_text, body) of cases that need attention: those overdue (longest
/// overdue first, at most `overdue_limit`), those due from `today` to `must_until`, and those whose
/// judicial-confirmation window closes from `today` to `judicial_until`.
pub fn due_cases(
    conn: &Connection,
    today: &str,
    must_until: &str,
    judicial_until: &str,
    overdue_limit: i64,
) -> Result<Vec<(String, String, String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.case_no, c.parties_text, c.body FROM (
            SELECT rid FROM (SELECT rid FROM mediation_case WHERE deleted_at IS NULL AND due_on IS NOT NULL
                AND due_on < ?1 ORDER BY due_on, rid LIMIT ?4)
            UNION
            SELECT rid FROM mediation_case WHERE deleted_at IS NULL AND due_on IS NOT NULL AND due_on >= ?1 AND due_on <= ?2
            UNION
            SELECT rid FROM mediation_case WHERE deleted_at IS NULL AND judicial_until IS NOT NULL
                AND judicial_until >= ?1 AND judicial_until <= ?3
         ) d JOIN mediation_case c ON c.rid = d.rid",
    )?;
    let rows = st.query_map(params![today, must_until, judicial_until, overdue_limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub struct Counts {
    pub active: i64,
    pub accepted_between: i64,
    pub mediating: i64,
    pub overdue: i64,
    pub agreed_in_year: i64,
    pub failed_in_year: i64,
    pub closed_in_year: i64,
}

pub fn counts(conn: &Connection, today: &str, month_start: &str, year_start: &str) -> Result<Counts> {
    let one = |sql: &str, args: &[&dyn ToSql]| -> Result<i64> { Ok(conn.prepare_cached(sql)?.query_row(args, |r| r.get(0))?) };
    Ok(Counts {
        active: one("SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND state IN ('registered','accepted','mediating')", &[])?,
        accepted_between: one(
            "SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND accepted_on >= ?1 AND accepted_on <= ?2",
            &[&month_start, &today],
        )?,
        mediating: one("SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND state = 'mediating'", &[])?,
        overdue: one("SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND due_on IS NOT NULL AND due_on < ?1", &[&today])?,
        agreed_in_year: one(
            "SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND concluded_on >= ?1 AND concluded_on <= ?2 AND state IN ('agreed','archived')",
            &[&year_start, &today],
        )?,
        failed_in_year: one(
            "SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND concluded_on >= ?1 AND concluded_on <= ?2 AND state = 'failed'",
            &[&year_start, &today],
        )?,
        closed_in_year: one(
            "SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL AND closed_on >= ?1 AND closed_on <= ?2",
            &[&year_start, &today],
        )?,
    })
}

pub fn count_live(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL", [], |r| r.get(0))?)
}

/// Cases entered by people (not generated demo data), tombstoned ones included.
pub fn count_entered_by_users(conn: &Connection, generator: &str) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM mediation_case WHERE created_by <> ?1", [generator], |r| r.get(0))?)
}
