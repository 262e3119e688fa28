//! SQL of the monthly batch: every record of the office as the batch reads it, and the history
//! of batches made.

use crate::batch::ledger::Meta;
use crate::batch::{BatchRecord, Profile, SheetCount};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// (meta, body, is_minor) of every record of one table of the office, tombstones included, in
/// the order they were created.
fn rows(conn: &Connection, sql: &str, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    let mut st = conn.prepare(sql)?;
    let out = st
        .query_map([office_code], |r| {
            Ok((
                Meta {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    parent_id: r.get(2)?,
                    version: r.get(3)?,
                    created_at: r.get(4)?,
                    updated_at: r.get(5)?,
                    deleted_at: r.get(6)?,
                },
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub fn cases(conn: &Connection, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    rows(conn, "SELECT id, case_no, '', version, created_at, updated_at, deleted_at, body, 0 FROM mediation_case WHERE office_code = ?1 ORDER BY rid", office_code)
}

pub fn consultations(conn: &Connection, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    rows(conn, "SELECT id, '', '', version, created_at, updated_at, deleted_at, body, 0 FROM legal_aid_consultation WHERE office_code = ?1 ORDER BY rid", office_code)
}

pub fn applications(conn: &Connection, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    rows(conn, "SELECT id, application_no, '', version, created_at, updated_at, deleted_at, body, 0 FROM legal_aid_application WHERE office_code = ?1 ORDER BY rid", office_code)
}

pub fn subjects(conn: &Connection, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    rows(conn, "SELECT id, subject_code, '', version, created_at, updated_at, deleted_at, body, is_minor FROM correction_subject WHERE office_code = ?1 ORDER BY rid", office_code)
}

/// Events, with their subject's minority (a masked batch leaves out a minor's events too).
pub fn events(conn: &Connection, office_code: &str) -> Result<Vec<(Meta, String, bool)>> {
    rows(
        conn,
        "SELECT e.id, '', e.subject_id, e.version, e.created_at, e.updated_at, e.deleted_at, e.body, s.is_minor
         FROM correction_event e JOIN correction_subject s ON s.id = e.subject_id WHERE e.office_code = ?1 ORDER BY e.rid",
        office_code,
    )
}

/// The last batch of a profile.
pub struct LastBatch {
    pub sequence: i64,
    pub digest: String,
    pub created_at: String,
    pub audit_seq: i64,
}

pub fn last(conn: &Connection, office_code: &str, profile: Profile) -> Result<Option<LastBatch>> {
    Ok(conn
        .prepare_cached("SELECT sequence, digest, created_at, audit_seq FROM batch WHERE office_code = ?1 AND profile = ?2 ORDER BY sequence DESC LIMIT 1")?
        .query_row(params![office_code, profile.code()], |r| Ok(LastBatch { sequence: r.get(0)?, digest: r.get(1)?, created_at: r.get(2)?, audit_seq: r.get(3)? }))
        .optional()?)
}

/// Ids of the records changed (created, edited, deleted) after audit entry `seq`.
pub fn changed_since(conn: &Connection, seq: i64) -> Result<std::collections::HashSet<String>> {
    let mut st = conn.prepare("SELECT DISTINCT record_id FROM audit_log WHERE seq > ?1 AND record_id IS NOT NULL")?;
    let out = st.query_map([seq], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// The folder of the latest batch of any profile.
pub fn last_folder(conn: &Connection) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT folder FROM batch ORDER BY rowid DESC LIMIT 1", [], |r| r.get(0)).optional()?)
}

pub fn insert(conn: &Connection, b: &BatchRecord, since: Option<&str>, audit_seq: i64, created_by_id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO batch (id, office_code, period, profile, sequence, digest, previous_digest, since, audit_seq, file_name, folder,
            path, rows, sheets, created_by, created_by_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            b.id, b.office_code, b.period, b.profile.code(), b.sequence, b.digest, b.previous_digest, since, audit_seq, b.file_name,
            b.folder, b.path, b.rows, serde_json::to_string(&b.sheets).expect("counts serialise"), created_by_id, b.created_by, b.created_at
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "id, office_code, period, profile, sequence, digest, previous_digest, file_name, folder, path, rows, sheets, created_by_name, created_at";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<BatchRecord> {
    let profile: String = r.get(3)?;
    let sheets: String = r.get(11)?;
    Ok(BatchRecord {
        id: r.get(0)?,
        office_code: r.get(1)?,
        period: r.get(2)?,
        profile: Profile::parse(&profile).unwrap_or(Profile::Full),
        sequence: r.get(4)?,
        digest: r.get(5)?,
        previous_digest: r.get(6)?,
        file_name: r.get(7)?,
        folder: r.get(8)?,
        path: r.get(9)?,
        rows: r.get(10)?,
        sheets: serde_json::from_str::<Vec<SheetCount>>(&sheets).unwrap_or_default(),
        created_by: r.get(12)?,
        created_at: r.get(13)?,
    })
}

/// Newest first.
pub fn list(conn: &Connection) -> Result<Vec<BatchRecord>> {
    let mut st = conn.prepare(&format!("SELECT {COLUMNS} FROM batch ORDER BY rowid DESC"))?;
    let out = st.query_map([], record)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<BatchRecord>> {
    Ok(conn.prepare(&format!("SELECT {COLUMNS} FROM batch WHERE id = ?1"))?.query_row([id], record).optional()?)
}
