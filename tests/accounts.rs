//! First run, login, lockout, and their audit entries.

mod common;
use common::*;
use sifa::clock::FixedClock;
use sifa::Desk;
use std::sync::Arc;

#[test]
fn setup_refuses_bad_input_with_every_field_named_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(day("2026-11-27")))).unwrap();
    let mut input = setup_input();
    input.office_code = "4202".into();
    input.short_name = "".into();
    input.admin_password = "short".into();
    let e = desk.setup(input).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["shortName", "officeCode", "adminPassword"]);
    assert!(e.fields()[1].message.contains("9位乡镇代码"));
    assert!(desk.office().unwrap().is_none());
    assert!(desk.setup(setup_input()).is_ok());
    assert_eq!(desk.setup(setup_input()).unwrap_err().code(), "setup.done");
}

#[test]
fn create_refuses_an_existing_database() {
    let t = desk_on("2026-11-27");
    drop(t.desk);
    let e = Desk::create(&t.path, Arc::new(FixedClock::at_date(day("2026-11-27"))), setup_input()).unwrap_err();
    assert_eq!(e.code(), "setup.database_exists");
}

#[test]
fn login_succeeds_fails_and_locks_out_after_five_failures() {
    let t = desk_on("2026-11-27");
    let mut desk = t.desk;
    assert_eq!(desk.login("ADMIN", PASSWORD).unwrap().display_name, "王所长");
    assert_eq!(desk.login(ADMIN, "wrong1234").unwrap_err().code(), "auth.wrong_password");
    assert_eq!(desk.login("nobody", PASSWORD).unwrap_err().to_string(), "用户名或密码错误。");
    for _ in 0..3 {
        assert_eq!(desk.login(ADMIN, "wrong1234").unwrap_err().code(), "auth.wrong_password");
    }
    let e = desk.login(ADMIN, "wrong1234").unwrap_err();
    assert_eq!(e.code(), "auth.locked_out");
    assert!(e.to_string().contains("10分钟"), "{e}");
    // Even the right password is refused while locked.
    assert_eq!(desk.login(ADMIN, PASSWORD).unwrap_err().code(), "auth.locked_out");
    drop(desk);
    // Eleven minutes later (the fixed clock is at 10:00 of the same day in each reopen, so move a day).
    let mut later = open_at(&t.path, "2026-11-28");
    assert!(later.login(ADMIN, PASSWORD).is_ok());
    let actions: Vec<String> = sifa::store::audit::all(later.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "login.failed").count(), 5);
    assert_eq!(actions.iter().filter(|a| *a == "login.locked").count(), 1);
    assert_eq!(actions.first().map(String::as_str), Some("setup"));
    assert_eq!(later.verify_audit().unwrap(), None);
}

#[test]
fn audit_tampering_is_detected_at_the_first_broken_entry() {
    let mut t = desk_on("2026-11-27");
    t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    t.desk.logout(&t.admin).unwrap();
    assert_eq!(t.desk.verify_audit().unwrap(), None);
    t.desk.store().conn().execute("UPDATE audit_log SET username = 'someone' WHERE seq = 3", []).unwrap();
    assert_eq!(t.desk.verify_audit().unwrap(), Some(3));
}

#[test]
fn a_failed_create_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut bad = setup_input();
    bad.admin_password = "x".into();
    assert!(Desk::create(&path, Arc::new(FixedClock::at_date(day("2026-11-27"))), bad).is_err());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    Desk::create(&path, Arc::new(FixedClock::at_date(day("2026-11-27"))), setup_input()).unwrap();
}
