use crate::calendar::DayKind;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

fn kind_code(k: DayKind) -> &'static str {
    match k {
        DayKind::Holiday => "holiday",
        DayKind::Workday => "workday",
    }
}

/// Every entry: (day, kind, name), in date order.
pub fn all(conn: &Connection) -> Result<Vec<(NaiveDate, DayKind, String)>> {
    let mut st = conn.prepare_cached("SELECT day, kind, name FROM holiday ORDER BY day")?;
    let rows = st.query_map([], |r| {
        let day: NaiveDate = r.get(0)?;
        let kind: String = r.get(1)?;
        Ok((day, if kind == "workday" { DayKind::Workday } else { DayKind::Holiday }, r.get(2)?))
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

pub fn get(conn: &Connection, day: NaiveDate) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row("SELECT kind, name FROM holiday WHERE day = ?1", [day], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

pub fn put(conn: &Connection, day: NaiveDate, kind: DayKind, name: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO holiday (day, kind, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name",
        params![day, kind_code(kind), name],
    )?;
    Ok(())
}

pub fn remove(conn: &Connection, day: NaiveDate) -> Result<bool> {
    Ok(conn.execute("DELETE FROM holiday WHERE day = ?1", [day])? > 0)
}
