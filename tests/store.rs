//! The store's promises: settings, migrations, refusing foreign files and second instances.

mod common;
use common::*;
use rusqlite::Connection;
use sifa::store::{self, Store, APPLICATION_ID};
use sifa::Error;

#[test]
fn a_new_database_gets_our_settings_and_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/sifa.db");
    let s = Store::open(&path).unwrap();
    let c = s.conn();
    let get = |p: &str| -> String { c.query_row(&format!("PRAGMA {p}"), [], |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| format!("{v:?}")).unwrap() };
    assert_eq!(get("journal_mode"), "Text(\"wal\")");
    assert_eq!(get("synchronous"), "Integer(2)", "synchronous must be FULL");
    assert_eq!(get("foreign_keys"), "Integer(1)");
    assert_eq!(get("trusted_schema"), "Integer(0)");
    assert_eq!(get("application_id"), format!("Integer({APPLICATION_ID})"));
    assert_eq!(get("user_version"), format!("Integer({})", store::schema_version()));
    s.integrity_check().unwrap();
}

#[test]
fn migrations_apply_from_empty_and_from_every_older_version() {
    for start in 0..store::schema_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        {
            let mut c = Connection::open(&path).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            for (v, sql) in store::MIGRATIONS.iter().filter(|(v, _)| *v <= start) {
                c.execute_batch(sql).unwrap();
                c.pragma_update(None, "user_version", v).unwrap();
            }
            store::migrate(&mut c).unwrap();
            let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(v, store::schema_version());
            // A second run is a no-op.
            store::migrate(&mut c).unwrap();
        }
        Store::open(&path).unwrap().integrity_check().unwrap();
    }
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert!(matches!(e, Error::SchemaTooNew { found: 999, .. }), "{e:?}");
    assert!(e.to_string().contains("升级"));
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (42);").unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "store.foreign_file");
    assert!(e.to_string().contains("不是司法所工作台的数据库"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "store.foreign_file", "{e:?}");
}

#[test]
fn a_second_instance_on_the_same_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sifa.db");
    let first = Store::open(&path).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert_eq!(e.code(), "store.already_open");
    assert!(e.to_string().contains("正被另一个"), "{e}");
    drop(first);
    Store::open(&path).unwrap();
}

#[test]
fn database_path_resolution_prefers_flag_then_environment_then_app_data() {
    let flag = std::path::PathBuf::from("/tmp/flag.db");
    let env = || Some(std::ffi::OsString::from("/tmp/env.db"));
    assert_eq!(store::choose_database_path(Some(flag.clone()), env()), flag, "--db wins over SIFA_DB");
    assert_eq!(store::choose_database_path(None, env()), std::path::PathBuf::from("/tmp/env.db"), "SIFA_DB wins over the default");
    let default = store::default_database_path();
    assert!(default.ends_with("sifa.db"));
    assert!(default.to_string_lossy().contains("sifa-desk"));
    assert_eq!(store::choose_database_path(None, Some(std::ffi::OsString::new())), default, "an empty SIFA_DB counts as unset");
    assert_eq!(store::choose_database_path(None, None), default);
    assert_eq!(store::resolve_database_path(Some(flag.clone())), flag);
}

#[test]
fn a_case_survives_closing_and_reopening() {
    let mut t = desk_on("2026-11-27");
    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "排水沟纠纷")).unwrap();
    drop(t.desk);
    let desk = open_at(&t.path, "2026-11-27");
    assert_eq!(desk.mediation_get(&c.id).unwrap().input.summary, "排水沟纠纷");
}

#[test]
fn a_full_disk_refuses_the_save_in_chinese_changes_nothing_and_recovers() {
    let mut t = desk_on("2026-11-27");
    let conn = t.desk.store().conn();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    conn.query_row(&format!("PRAGMA max_page_count = {}", pages + 2), [], |_| Ok(())).unwrap();
    let counts = |t: &TestDesk| -> (i64, i64) {
        let c = t.desk.store().conn();
        (
            c.query_row("SELECT count(*) FROM mediation_case", [], |r| r.get(0)).unwrap(),
            c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap(),
        )
    };
    let mut failure = None;
    for n in 0..200 {
        let before = counts(&t);
        match t.desk.mediation_create(&t.admin, case("2026-11-20", &format!("甲{n}"), "乙", &"很长的情况说明".repeat(200))) {
            Ok(_) => continue,
            Err(e) => {
                assert_eq!(counts(&t), before, "a failed save must change nothing");
                failure = Some(e);
                break;
            }
        }
    }
    let e = failure.expect("the page limit was reached");
    assert_eq!(e.code(), "store.disk_full");
    assert!(e.to_string().contains("磁盘空间不足"), "{e}");
    t.desk.store().conn().query_row("PRAGMA max_page_count = 1073741823", [], |_| Ok(())).unwrap();
    t.desk.mediation_create(&t.admin, case("2026-11-20", "丙", "丁", "空间释放后")).unwrap();
    t.desk.store().integrity_check().unwrap();
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}
