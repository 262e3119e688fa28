//! SQL of district mode: the register of offices, the batches received, and what the merge
//! needs to know about each record id (its version, body, tombstone, pending events, keys).

use crate::district::{DistrictOffice, DuplicateItem, ReceivedBatch, RecordKind};
use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension};

// ── The register ────────────────────────────────────────────────────────────────────────────

pub fn offices(conn: &Connection) -> Result<Vec<DistrictOffice>> {
    let mut st = conn.prepare_cached("SELECT code, name, short_name FROM district_office ORDER BY code")?;
    let out = st
        .query_map([], |r| Ok(DistrictOffice { code: r.get(0)?, name: r.get(1)?, short_name: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub fn office_insert(conn: &Connection, o: &DistrictOffice, now: &str) -> Result<()> {
    conn.execute("INSERT INTO district_office (code, name, short_name, created_at) VALUES (?1, ?2, ?3, ?4)", params![o.code, o.name, o.short_name, now])?;
    Ok(())
}

pub fn office_update(conn: &Connection, o: &DistrictOffice) -> Result<usize> {
    Ok(conn.execute("UPDATE district_office SET name = ?2, short_name = ?3 WHERE code = ?1", params![o.code, o.name, o.short_name])?)
}

/// (code of the office holding the name, short name) when another office already uses either.
pub fn office_name_taken(conn: &Connection, o: &DistrictOffice) -> Result<Option<(String, String, String)>> {
    Ok(conn
        .query_row(
            "SELECT code, name, short_name FROM district_office WHERE code <> ?1 AND (name = ?2 OR short_name = ?3) LIMIT 1",
            params![o.code, o.name, o.short_name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub fn office_records(conn: &Connection, code: &str) -> Result<i64> {
    let mut n = 0;
    for t in ["mediation_case", "legal_aid_consultation", "legal_aid_application", "correction_subject", "correction_event"] {
        n += conn.query_row(&format!("SELECT count(*) FROM {t} WHERE office_code = ?1"), [code], |r| r.get::<_, i64>(0))?;
    }
    Ok(n)
}

// ── Received batches ────────────────────────────────────────────────────────────────────────

pub fn received_insert(conn: &Connection, b: &ReceivedBatch, statistics: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO received_batch (status, reason, office_code, office_name, period, profile, sequence, digest,
            previous_digest, generated_at, generated_by, file_name, rows, counts, warnings, statistics, imported_at, imported_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        b.status, b.reason, b.office_code, b.office_name, b.period, b.profile, b.sequence, b.digest, b.previous_digest,
        b.generated_at, b.generated_by, b.file_name, b.rows, serde_json::to_string(&b.counts).unwrap_or_default(),
        serde_json::to_string(&b.warnings).unwrap_or_default(), statistics, b.imported_at, b.imported_by
    ])?;
    Ok(())
}

const RECEIVED: &str = "status, reason, office_code, office_name, period, profile, sequence, digest, previous_digest,
    generated_at, generated_by, file_name, rows, counts, warnings, imported_at, imported_by";

fn received_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReceivedBatch> {
    Ok(ReceivedBatch {
        status: r.get(0)?,
        reason: r.get(1)?,
        office_code: r.get(2)?,
        office_name: r.get(3)?,
        period: r.get(4)?,
        profile: r.get(5)?,
        sequence: r.get(6)?,
        digest: r.get(7)?,
        previous_digest: r.get(8)?,
        generated_at: r.get(9)?,
        generated_by: r.get(10)?,
        file_name: r.get(11)?,
        rows: r.get(12)?,
        counts: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
        warnings: serde_json::from_str(&r.get::<_, String>(14)?).unwrap_or_default(),
        imported_at: r.get(15)?,
        imported_by: r.get(16)?,
    })
}

/// Every batch received, oldest import first.
pub fn received(conn: &Connection) -> Result<Vec<ReceivedBatch>> {
    let mut st = conn.prepare_cached(&format!("SELECT {RECEIVED} FROM received_batch ORDER BY rid"))?;
    let out = st.query_map([], received_from)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// The accepted batch with this seal.
pub fn received_by_digest(conn: &Connection, digest: &str) -> Result<Option<ReceivedBatch>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {RECEIVED} FROM received_batch WHERE status = 'accepted' AND digest = ?1"))?
        .query_row([digest], received_from)
        .optional()?)
}

/// The accepted batch of an office with this sequence number.
pub fn received_by_sequence(conn: &Connection, office_code: &str, profile: &str, sequence: i64) -> Result<Option<ReceivedBatch>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {RECEIVED} FROM received_batch WHERE status = 'accepted' AND office_code = ?1 AND profile = ?2 AND sequence = ?3"))?
        .query_row(params![office_code, profile, sequence], received_from)
        .optional()?)
}

pub fn sequences(conn: &Connection, office_code: &str, profile: &str) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached("SELECT sequence FROM received_batch WHERE status = 'accepted' AND office_code = ?1 AND profile = ?2 ORDER BY sequence")?;
    let out = st.query_map(params![office_code, profile], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok(out)
}

/// The office's own statistics sheets of its newest accepted batch of a month, as read.
pub fn office_statistics(conn: &Connection, office_code: &str, period: &str) -> Result<Option<(String, i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT statistics, sequence, generated_at FROM received_batch WHERE status = 'accepted' AND office_code = ?1 AND period = ?2
             ORDER BY sequence DESC LIMIT 1",
            params![office_code, period],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

// ── What the district holds of a record ─────────────────────────────────────────────────────

/// The district's copy of a record: live (with its body) or deleted (tombstone only).
#[derive(Debug, Clone)]
pub struct Held {
    pub office_code: String,
    pub version: i64,
    /// `None` for a tombstone.
    pub body: Option<String>,
    /// A correction event waiting for its subject.
    pub pending: bool,
}

fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::MediationCase => "mediation_case",
        RecordKind::LegalAidConsultation => "legal_aid_consultation",
        RecordKind::LegalAidApplication => "legal_aid_application",
        RecordKind::CorrectionSubject => "correction_subject",
        RecordKind::CorrectionEvent => "correction_event",
    }
}

pub fn held(conn: &Connection, kind: RecordKind, id: &str) -> Result<Option<Held>> {
    let live = conn
        .prepare_cached(&format!("SELECT office_code, version, body FROM {} WHERE id = ?1 AND deleted_at IS NULL", table(kind)))?
        .query_row([id], |r| Ok(Held { office_code: r.get(0)?, version: r.get(1)?, body: Some(r.get(2)?), pending: false }))
        .optional()?;
    if live.is_some() {
        return Ok(live);
    }
    if kind == RecordKind::CorrectionEvent {
        let pending = conn
            .prepare_cached("SELECT office_code, version, body FROM pending_event WHERE id = ?1")?
            .query_row([id], |r| Ok(Held { office_code: r.get(0)?, version: r.get(1)?, body: Some(r.get(2)?), pending: true }))
            .optional()?;
        if pending.is_some() {
            return Ok(pending);
        }
    }
    Ok(conn
        .prepare_cached("SELECT office_code, version FROM district_tombstone WHERE id = ?1")?
        .query_row([id], |r| Ok(Held { office_code: r.get(0)?, version: r.get(1)?, body: None, pending: false }))
        .optional()?)
}

pub fn rid(conn: &Connection, kind: RecordKind, id: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached(&format!("SELECT rid FROM {} WHERE id = ?1", table(kind)))?.query_row([id], |r| r.get(0)).optional()?)
}

/// Another live record of the office holding the number a record arrives with (a case's or an
/// application's year and sequence, a subject's code): its id and number.
pub fn number_holder(conn: &Connection, kind: RecordKind, office_code: &str, number: &str, id: &str) -> Result<Option<(String, String)>> {
    let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
    let found = match kind {
        RecordKind::MediationCase | RecordKind::LegalAidApplication => {
            let Some((year, seq)) = crate::district::number_parts(number) else { return Ok(None) };
            let sql = if kind == RecordKind::MediationCase {
                "SELECT id, case_no FROM mediation_case WHERE office_code = ?1 AND case_year = ?2 AND case_seq = ?3 AND id <> ?4"
            } else {
                "SELECT id, application_no FROM legal_aid_application WHERE office_code = ?1 AND app_year = ?2 AND app_seq = ?3 AND id <> ?4"
            };
            conn.prepare_cached(sql)?.query_row(params![office_code, year, seq, id], row).optional()?
        }
        RecordKind::CorrectionSubject => conn
            .prepare_cached("SELECT id, subject_code FROM correction_subject WHERE office_code = ?1 AND subject_code = ?2 AND deleted_at IS NULL AND id <> ?3")?
            .query_row(params![office_code, number, id], row)
            .optional()?,
        _ => None,
    };
    Ok(found)
}

pub fn subject_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM correction_subject WHERE id = ?1")?.query_row([id], |_| Ok(())).optional()?.is_some())
}

/// Removes a live record (the office deleted it); a subject takes its events along, whose ids
/// and versions are returned so they can be kept as tombstones.
pub fn remove(conn: &Connection, kind: RecordKind, id: &str) -> Result<Vec<(String, i64)>> {
    let mut gone = Vec::new();
    match kind {
        RecordKind::MediationCase => {
            if let Some(rid) = rid(conn, kind, id)? {
                super::mediation::unindex(conn, rid)?;
            }
        }
        RecordKind::CorrectionSubject => {
            let mut st = conn.prepare_cached("SELECT id, version FROM correction_event WHERE subject_id = ?1")?;
            gone = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
            conn.prepare_cached("DELETE FROM correction_event WHERE subject_id = ?1")?.execute([id])?;
            let mut st = conn.prepare_cached("SELECT id, version FROM pending_event WHERE subject_id = ?1")?;
            gone.extend(st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?);
            conn.prepare_cached("DELETE FROM pending_event WHERE subject_id = ?1")?.execute([id])?;
        }
        RecordKind::CorrectionEvent => {
            conn.prepare_cached("DELETE FROM pending_event WHERE id = ?1")?.execute([id])?;
        }
        _ => {}
    }
    conn.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", table(kind)))?.execute([id])?;
    Ok(gone)
}

pub fn tombstone_put(conn: &Connection, kind: RecordKind, id: &str, office_code: &str, version: i64, deleted_at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO district_tombstone (id, kind, office_code, version, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET version = max(version, excluded.version),
            deleted_at = CASE WHEN excluded.version > version THEN excluded.deleted_at ELSE deleted_at END",
    )?
    .execute(params![id, kind.code(), office_code, version, deleted_at])?;
    Ok(())
}

pub fn tombstone_drop(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM district_tombstone WHERE id = ?1")?.execute([id])?;
    Ok(())
}

pub struct PendingEvent<'a> {
    pub id: &'a str,
    pub subject_id: &'a str,
    pub office_code: &'a str,
    pub kind: &'a str,
    pub event_on: &'a str,
    pub version: i64,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    pub body: &'a str,
}

pub fn pending_put(conn: &Connection, e: &PendingEvent<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO pending_event (id, subject_id, office_code, kind, event_on, version, created_at, updated_at, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![e.id, e.subject_id, e.office_code, e.kind, e.event_on, e.version, e.created_at, e.updated_at, e.body])?;
    Ok(())
}

/// Pending events whose subject is now here, taken out of the waiting table.
pub fn pending_take_ready(conn: &Connection) -> Result<Vec<(String, String, String, String, String, i64, String, String, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.subject_id, p.office_code, p.kind, p.event_on, p.version, p.created_at, p.updated_at, p.body
         FROM pending_event p JOIN correction_subject s ON s.id = p.subject_id ORDER BY p.id",
    )?;
    let out = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    conn.execute("DELETE FROM pending_event WHERE subject_id IN (SELECT id FROM correction_subject)", [])?;
    Ok(out)
}

pub fn pending_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM pending_event", [], |r| r.get(0))?)
}

// ── Likely duplicates ───────────────────────────────────────────────────────────────────────

/// Replaces the keys of a record; returns the other records sharing any of them.
pub fn keys_put(conn: &Connection, record_id: &str, keys: &[String]) -> Result<Vec<(String, String)>> {
    keys_drop(conn, record_id)?;
    let mut others = Vec::new();
    let mut find = conn.prepare_cached("SELECT record_id FROM person_key WHERE key = ?1 AND record_id <> ?2")?;
    let mut put = conn.prepare_cached("INSERT OR IGNORE INTO person_key (key, record_id) VALUES (?1, ?2)")?;
    for k in keys {
        for other in find.query_map(params![k, record_id], |r| r.get::<_, String>(0))? {
            others.push((other?, k.clone()));
        }
        put.execute(params![k, record_id])?;
    }
    Ok(others)
}

pub fn keys_drop(conn: &Connection, record_id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM person_key WHERE record_id = ?1")?.execute([record_id])?;
    Ok(())
}

pub fn review_put(conn: &Connection, a: &str, b: &str, kind: RecordKind, reason: &str, now: &str) -> Result<()> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    conn.prepare_cached(
        "INSERT OR IGNORE INTO duplicate_review (first_id, second_id, kind, reason, found_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![first, second, kind.code(), reason, now])?;
    Ok(())
}

/// Undecided pairs of a record that is gone.
pub fn review_drop_undecided(conn: &Connection, id: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM duplicate_review WHERE (first_id = ?1 OR second_id = ?1) AND decision IS NULL")?.execute([id])?;
    Ok(())
}

pub fn reviews(conn: &Connection) -> Result<Vec<DuplicateItem>> {
    let mut st = conn.prepare_cached(
        "SELECT first_id, second_id, kind, reason, decision, decided_by, decided_at, found_at FROM duplicate_review
         ORDER BY decision IS NOT NULL, found_at, first_id",
    )?;
    let out = st
        .query_map([], |r| {
            Ok(DuplicateItem {
                first_id: r.get(0)?,
                second_id: r.get(1)?,
                kind: r.get(2)?,
                reason: r.get(3)?,
                decision: r.get(4)?,
                decided_by: r.get(5)?,
                decided_at: r.get(6)?,
                found_at: r.get(7)?,
                first: None,
                second: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub fn review_decide(conn: &Connection, first: &str, second: &str, decision: &str, by: &str, at: &str) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE duplicate_review SET decision = ?3, decided_by = ?4, decided_at = ?5 WHERE first_id = ?1 AND second_id = ?2",
        params![first, second, decision, by, at],
    )?)
}

/// (office code, label, body) of a live record of any kind, for showing both sides of a pair.
pub fn describe(conn: &Connection, kind: RecordKind, id: &str) -> Result<Option<(String, String, String)>> {
    let number = match kind {
        RecordKind::MediationCase => "case_no",
        RecordKind::LegalAidApplication => "application_no",
        RecordKind::CorrectionSubject => "subject_code",
        _ => "''",
    };
    Ok(conn
        .prepare_cached(&format!("SELECT office_code, {number}, body FROM {} WHERE id = ?1", table(kind)))?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

// ── The district 工作台 ─────────────────────────────────────────────────────────────────────

/// (kind, office code, YYYY-MM, count) of cases accepted, consultations and applications
/// received between two days (inclusive).
pub fn monthly_counts(conn: &Connection, from: &str, to: &str) -> Result<Vec<(String, String, String, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT 'case', office_code, substr(accepted_on, 1, 7), count(*) FROM mediation_case
            WHERE deleted_at IS NULL AND accepted_on BETWEEN ?1 AND ?2 AND state NOT IN ('registered', 'not_accepted') GROUP BY 2, 3
         UNION ALL
         SELECT 'consultation', office_code, substr(consulted_on, 1, 7), count(*) FROM legal_aid_consultation
            WHERE deleted_at IS NULL AND consulted_on BETWEEN ?1 AND ?2 GROUP BY 2, 3
         UNION ALL
         SELECT 'application', office_code, substr(received_on, 1, 7), count(*) FROM legal_aid_application
            WHERE deleted_at IS NULL AND received_on BETWEEN ?1 AND ?2 GROUP BY 2, 3",
    )?;
    let out = st.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// (dispute type code, cases) of the cases accepted between two days.
pub fn dispute_mix(conn: &Connection, from: &str, to: &str) -> Result<Vec<(String, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT dispute_type, count(*) FROM mediation_case
         WHERE deleted_at IS NULL AND accepted_on BETWEEN ?1 AND ?2 AND state NOT IN ('registered', 'not_accepted')
         GROUP BY 1 ORDER BY 2 DESC",
    )?;
    let out = st.query_map(params![from, to], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

pub fn undecided_duplicates(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM duplicate_review WHERE decision IS NULL", [], |r| r.get(0))?)
}
