//! The SQLite store: the only place that holds SQL. Opening applies the settings of
//! DESIGN.md "Store", refuses foreign files and a second instance, and runs the migrations.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod batch;
pub mod correction;
pub mod district;
pub mod holidays;
pub mod legal_aid;
pub mod mediation;
pub mod office;
pub mod settings;

use crate::error::{Error, Result};
use crate::page::Page;
use rusqlite::config::DbConfig;
use rusqlite::{params_from_iter, Connection, OpenFlags, ToSql, Transaction, TransactionBehavior};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// "SIFA" in ASCII; written to the database header so a foreign file is recognised.
pub const APPLICATION_ID: i32 = 0x5349_4641;

/// Numbered migrations, embedded at compile time. Never edit one that has shipped: add a new one.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_holidays.sql")),
    (3, include_str!("migrations/0003_legal_aid.sql")),
    (4, include_str!("migrations/0004_correction.sql")),
    (5, include_str!("migrations/0005_batch.sql")),
    (6, include_str!("migrations/0006_district.sql")),
    (7, include_str!("migrations/0007_accounts.sql")),
    (8, include_str!("migrations/0008_search_indexes.sql")),
];

/// What a migration needs beyond its SQL, run in the same transaction.
fn migration_step(tx: &Transaction<'_>, version: i64) -> Result<()> {
    match version {
        8 => {
            mediation::index_pairs_of_every_case(tx)?;
            legal_aid::index_every_application(tx)
        }
        _ => Ok(()),
    }
}

/// An FTS5 query that asks for every term, each as a quoted phrase (a quote in a term doubled).
pub(crate) fn fts_all_of<T: AsRef<str>>(terms: &[T]) -> String {
    terms.iter().map(|t| format!("\"{}\"", t.as_ref().replace('"', "\"\""))).collect::<Vec<_>>().join(" AND ")
}

/// Every pair of adjacent Chinese characters in `texts`, once each, as words separated by spaces
/// (赔偿金 → 赔偿 偿金): what a two-character search looks up in a kind's pairs index.
pub(crate) fn han_pairs(texts: &[&str]) -> String {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}');
    let mut seen = std::collections::HashSet::new();
    let mut out = String::new();
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for w in chars.windows(2).filter(|w| han(w[0]) && han(w[1])) {
            if seen.insert((w[0], w[1])) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.extend(w);
            }
        }
    }
    out
}

/// A date column's value.
pub(crate) fn date(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// A LIKE pattern matching `term` anywhere, its wildcards escaped (use with `ESCAPE '\\'`).
pub(crate) fn like_pattern(term: &str) -> String {
    let escaped: String = term
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// A page query: its SQL (ending in `LIMIT ? OFFSET ?`), the count SQL (ending in `LIMIT ?`),
/// the filter arguments both share, and the paging.
pub(crate) struct PageQuery<'a> {
    pub sql: &'a str,
    pub count_sql: &'a str,
    pub args: &'a [Box<dyn ToSql>],
    pub limit: i64,
    pub offset: i64,
    /// Counting stops here; bigger totals are reported as "more than".
    pub count_cap: i64,
}

/// Runs a page query. A short page that is not past the end is the last one: its total needs no
/// second scan; otherwise the total is counted up to the cap.
pub(crate) fn page<T>(
    conn: &Connection,
    q: PageQuery<'_>,
    map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Page<T>> {
    let mut page_args: Vec<&dyn ToSql> = q.args.iter().map(|a| a.as_ref()).collect();
    page_args.push(&q.limit);
    page_args.push(&q.offset);
    let items = conn.prepare_cached(q.sql)?.query_map(params_from_iter(page_args), map)?.collect::<Result<Vec<_>, _>>()?;
    let short = (items.len() as i64) < q.limit && (!items.is_empty() || q.offset == 0);
    if short {
        let total = q.offset + items.len() as i64;
        return Ok(Page { items, total: total.min(q.count_cap), total_capped: total > q.count_cap });
    }
    let cap = q.count_cap + 1;
    let mut count_args: Vec<&dyn ToSql> = q.args.iter().map(|a| a.as_ref()).collect();
    count_args.push(&cap);
    let total: i64 = conn.prepare_cached(q.count_sql)?.query_row(params_from_iter(count_args), |r| r.get(0))?;
    Ok(Page { items, total: total.min(q.count_cap), total_capped: total > q.count_cap })
}

pub fn schema_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    // Held for the store's lifetime: the OS lock that keeps a second instance away.
    _lock: File,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

/// Takes the single-instance lock of a database file.
pub(crate) fn take_lock(db: &Path) -> Result<File> {
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(lock_path(db))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Error::AlreadyOpen { path: db.display().to_string() }),
        Err(TryLockError::Error(e)) => Err(Error::Io(e)),
    }
}

fn apply_settings(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Corrupt { detail: format!("无法启用WAL日志模式（{mode}）") });
    }
    // A record the user saw saved must survive a power cut (RELIABILITY.md).
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Whether the file looks like one of ours, a fresh empty database, or something else.
fn check_identity(conn: &Connection, path: &Path) -> Result<bool> {
    let foreign = || Error::ForeignDatabase { path: path.display().to_string() };
    let app_id: i32 = match conn.query_row("PRAGMA application_id", [], |r| r.get(0)) {
        Ok(v) => v,
        Err(rusqlite::Error::SqliteFailure(f, _)) if f.code == rusqlite::ErrorCode::NotADatabase => {
            return Err(foreign())
        }
        Err(e) => return Err(e.into()),
    };
    if app_id == APPLICATION_ID {
        return Ok(false);
    }
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => foreign(),
        e => e.into(),
    })?;
    if app_id == 0 && objects == 0 {
        Ok(true)
    } else {
        Err(foreign())
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrated to the current schema. Nothing
    /// but the migration is written; `Desk::open` backs up an older database before it migrates.
    pub fn open(path: &Path) -> Result<Store> {
        let mut store = Store::open_unmigrated(path)?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens (creating if needed) the database at `path` as it is: its settings applied, its
    /// identity and soundness checked, the schema left as found (`office_before_migration`, `migrate`).
    pub fn open_unmigrated(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let lock = take_lock(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let fresh = check_identity(&conn, path)?;
        apply_settings(&conn)?;
        let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(Error::Corrupt { detail: ok });
        }
        if fresh {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(Store { conn, path: path.to_path_buf(), _lock: lock })
    }

    /// The office of a database whose structure is older than this build's: a migration will
    /// change its data, so it is backed up first. `None` for a new database or a current one.
    pub fn office_before_migration(&self) -> Result<Option<crate::office::Office>> {
        let current: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == 0 || current >= schema_version() {
            return Ok(None);
        }
        office::get(&self.conn)
    }

    /// Applies every migration this build has that the database lacks.
    pub fn migrate(&mut self) -> Result<()> {
        migrate(&mut self.conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one IMMEDIATE transaction; commits when it returns Ok, rolls back otherwise.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in one IMMEDIATE transaction and always rolls it back: a rehearsal that shows what
    /// a change would do through the very code that would do it.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx);
        tx.rollback()?;
        out
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; `Ok` when both are clean.
    pub fn integrity_check(&self) -> Result<()> {
        let ok: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(Error::Corrupt { detail: ok });
        }
        let fk: i64 = self.conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if fk != 0 {
            return Err(Error::Corrupt { detail: format!("{fk}处外键不一致") });
        }
        Ok(())
    }
}

/// Marks the live row `deleted.rid` of `table` deleted at `at`, as version `deleted.version` by
/// `deleted.updated_by`; `also` clears what a deleted record must not keep (`, due_on = NULL`).
fn tombstone(conn: &Connection, table: &str, also: &str, deleted: &crate::record::RecordHeader, at: &str) -> Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE {table} SET deleted_at = ?2, updated_at = ?2, updated_by = ?3, version = ?4{also} WHERE rid = ?1 AND deleted_at IS NULL"
    ))?
    .execute(rusqlite::params![deleted.rid, at, deleted.updated_by, deleted.version])?;
    Ok(())
}

/// A live record's header from the columns rid, id, office_code, number, year, seq, version,
/// created_at, updated_at, created_by, updated_by (0–10).
pub(crate) fn header_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<crate::record::RecordHeader> {
    Ok(crate::record::RecordHeader {
        rid: r.get(0)?,
        id: r.get(1)?,
        office_code: r.get(2)?,
        parent_id: String::new(),
        number: r.get(3)?,
        year: r.get(4)?,
        seq: r.get(5)?,
        version: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        created_by: r.get(9)?,
        updated_by: r.get(10)?,
        deleted_at: None,
    })
}

/// Applies every migration newer than `user_version`, each in its own transaction together with
/// the version bump, so a crash leaves the old or the new schema, never a mix.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    apply_migrations(conn, schema_version())
}

fn apply_migrations(conn: &mut Connection, up_to: i64) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > schema_version() {
        return Err(Error::SchemaTooNew { found: current, supported: schema_version() });
    }
    let pending: Vec<&(i64, &str)> = MIGRATIONS.iter().filter(|(v, _)| *v > current && *v <= up_to).collect();
    if pending.is_empty() {
        return Ok(());
    }
    // All pending migrations in one transaction: a database is at the old version or the new one,
    // never halfway, whatever stops the upgrade.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (version, sql) in pending {
        tx.execute_batch(sql)?;
        migration_step(&tx, *version)?;
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    Ok(())
}

/// Gives an empty or older database the structure of schema `version` and our application id, as
/// an earlier release of the application left it: how the tests of upgrades get an old database.
#[doc(hidden)]
pub fn migrate_to(conn: &mut Connection, version: i64) -> Result<()> {
    if !(1..=schema_version()).contains(&version) {
        return Err(Error::field(
            "version",
            "store.schema_version",
            format!("数据库结构版本应在 1 到 {} 之间，收到的是 {version}", schema_version()),
        ));
    }
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > version {
        return Err(Error::field("version", "store.schema_version", format!("数据库已是结构版本 {current}，不能退回到版本 {version}")));
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    apply_migrations(conn, version)
}

/// Where the database lives when nothing else is said: the OS app-data folder.
pub fn default_database_path() -> PathBuf {
    directories::ProjectDirs::from("cn", "sifa", "sifa-desk")
        .map(|d| d.data_dir().join("sifa.db"))
        .unwrap_or_else(|| PathBuf::from("sifa.db"))
}

/// The environment variable that overrides the default database path.
pub const DB_ENV: &str = "SIFA_DB";

/// `--db` wins, then `SIFA_DB`, then the app-data default.
pub fn resolve_database_path(flag: Option<PathBuf>) -> PathBuf {
    choose_database_path(flag, std::env::var_os(DB_ENV))
}

/// `resolve_database_path` with the value of `SIFA_DB` given (an empty value counts as unset).
pub fn choose_database_path(flag: Option<PathBuf>, environment: Option<std::ffi::OsString>) -> PathBuf {
    flag.or_else(|| environment.filter(|v| !v.is_empty()).map(PathBuf::from)).unwrap_or_else(default_database_path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn han_pairs_are_the_adjacent_chinese_characters_once_each() {
        assert_eq!(super::han_pairs(&["张三 赔偿金", "A栋101 赔偿"]), "张三 赔偿 偿金");
        assert_eq!(super::han_pairs(&["王", "13800138000", ""]), "");
    }
}
