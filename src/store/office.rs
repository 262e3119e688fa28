use crate::error::Result;
use crate::office::Office;
use rusqlite::{params, Connection, OptionalExtension};

pub fn get(conn: &Connection) -> Result<Option<Office>> {
    Ok(conn
        .query_row("SELECT code, name, short_name, district, mode FROM office WHERE id = 1", [], |r| {
            Ok(Office { code: r.get(0)?, name: r.get(1)?, short_name: r.get(2)?, district: r.get(3)?, mode: r.get(4)? })
        })
        .optional()?)
}

pub fn insert(conn: &Connection, o: &Office, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO office (id, code, name, short_name, district, mode, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![o.code, o.name, o.short_name, o.district, o.mode, now],
    )?;
    Ok(())
}

/// Writes the changeable part of the profile (name, 简称, 所属区县).
pub fn update_profile(conn: &Connection, o: &Office) -> Result<()> {
    conn.execute("UPDATE office SET name = ?1, short_name = ?2, district = ?3 WHERE id = 1", params![o.name, o.short_name, o.district])?;
    Ok(())
}

/// Hands out the next number of a (office, kind, year) series. Numbers are never reused.
pub fn next_sequence(conn: &Connection, office_code: &str, kind: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO case_counter (office_code, kind, year, last_seq) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT (office_code, kind, year) DO UPDATE SET last_seq = last_seq + 1
         RETURNING last_seq",
        params![office_code, kind, year],
        |r| r.get(0),
    )?)
}
