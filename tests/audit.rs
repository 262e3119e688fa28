//! The audit log: tampering of any kind is named at the first broken entry; 操作日志 filters and
//! exports (RELIABILITY.md: audit tampering, formula injection in the export).

mod common;
use calamine::{Data, Reader};
use common::*;
use sifa::audit::AuditFilter;
use sifa::clock::ManualClock;
use sifa::Desk;
use std::sync::Arc;

/// An office with a day of work in its log: setup, logins, three cases, a logout.
fn office_with_history() -> (TestDesk, i64) {
    let mut t = desk_on("2026-11-27");
    for (a, b) in [("张三", "李四"), ("王五", "赵六"), ("孙七", "周八")] {
        t.desk.mediation_create(&t.admin, case("2026-11-20", a, b, "邻里纠纷")).unwrap();
    }
    t.desk.logout(&t.admin).unwrap();
    let n = t.desk.audit_check().unwrap().entries;
    (t, n)
}

fn exec(t: &TestDesk, sql: &str) {
    t.desk.store().conn().execute(sql, []).unwrap();
}

#[test]
fn an_intact_log_verifies() {
    let (t, n) = office_with_history();
    let c = t.desk.audit_check().unwrap();
    assert!(c.intact());
    assert_eq!((c.entries, c.first_broken, c.reason), (n, None, None));
}

#[test]
fn an_edited_entry_is_named() {
    let (t, _) = office_with_history();
    exec(&t, "UPDATE audit_log SET username = 'someone' WHERE seq = 4");
    let c = t.desk.audit_check().unwrap();
    assert_eq!(c.first_broken, Some(4));
    assert_eq!(c.reason.as_deref(), Some("第4条操作日志的内容被改动过"));
}

#[test]
fn a_deleted_entry_in_the_middle_is_named() {
    let (t, _) = office_with_history();
    exec(&t, "DELETE FROM audit_log WHERE seq = 3");
    let c = t.desk.audit_check().unwrap();
    assert_eq!(c.first_broken, Some(3));
    assert_eq!(c.reason.as_deref(), Some("第3条操作日志已被删除"));
}

#[test]
fn deleting_the_newest_entries_is_detected() {
    let (t, n) = office_with_history();
    exec(&t, &format!("DELETE FROM audit_log WHERE seq >= {}", n - 1));
    let c = t.desk.audit_check().unwrap();
    assert_eq!(c.first_broken, Some(n - 1));
    assert!(c.reason.unwrap().contains(&format!("应有{n}条")));
}

#[test]
fn an_entry_rewritten_with_a_recomputed_hash_is_named() {
    let (t, _) = office_with_history();
    let conn = t.desk.store().conn();
    let mut e = sifa::store::audit::all(conn).unwrap().into_iter().find(|e| e.seq == 2).unwrap();
    e.username = "someone".into();
    e.hash = e.compute_hash();
    conn.execute("UPDATE audit_log SET username = ?1, hash = ?2 WHERE seq = 2", [&e.username, &e.hash]).unwrap();
    assert_eq!(t.desk.audit_check().unwrap().first_broken, Some(2));
}

#[test]
fn the_list_filters_by_user_action_record_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::at_date(day("2026-11-25")));
    let (mut desk, _) = Desk::create(&dir.path().join("s.db"), clock.clone(), setup_input()).unwrap();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let c = desk.mediation_create(&head, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    clock.advance(chrono::Duration::days(1));
    assert_eq!(desk.login(ADMIN, "cuowu12345").unwrap_err().code(), "auth.wrong_password");
    desk.login(ADMIN, PASSWORD).unwrap();
    desk.mediation_update(&head, &c.id, c.version, case("2026-11-20", "张三", "李四", "情况有变")).unwrap();
    let list = |f: AuditFilter| desk.audit_list(&head, &AuditFilter { page: 1, page_size: 50, ..f }).unwrap();

    let all = list(AuditFilter::default());
    assert_eq!(all.total, desk.audit_check().unwrap().entries);
    assert!(all.items.windows(2).all(|w| w[0].seq > w[1].seq), "newest first");
    let login = list(AuditFilter { action: Some("login".into()), ..Default::default() });
    let labels: Vec<_> = login.items.iter().map(|i| i.action_label.as_str()).collect();
    assert_eq!(labels, vec!["登录", "登录失败", "登录"]);
    let case_entries = list(AuditFilter { record_id: Some(c.id[c.id.len() - 12..].to_string()), ..Default::default() });
    assert_eq!(case_entries.items.iter().map(|i| i.action.as_str()).collect::<Vec<_>>(), vec!["update", "create"]);
    assert_eq!(case_entries.items[0].record_kind_label, "调解案件");
    assert!(case_entries.items[0].before_json.as_deref().unwrap().contains("情况"));
    // Clerks find a case by its 案号, which the list shows instead of the internal id.
    assert_eq!(case_entries.items[0].record_label.as_deref(), Some(c.case_no.as_str()));
    let by_case_no = list(AuditFilter { record_id: Some(c.case_no.clone()), ..Default::default() });
    assert_eq!(by_case_no.items.iter().map(|i| i.action.as_str()).collect::<Vec<_>>(), vec!["update", "create"]);
    let logins = list(AuditFilter { action: Some("login".into()), ..Default::default() });
    assert_eq!(logins.items[0].record_label.as_deref(), Some(ADMIN));
    let second_day = list(AuditFilter { from: Some("2026-11-26".into()), to: Some("2026-11-26".into()), ..Default::default() });
    assert_eq!(second_day.total, 3);
    let first_day = list(AuditFilter { to: Some("2026年11月25日".into()), ..Default::default() });
    assert_eq!(first_day.total, all.total - 3);
    assert_eq!(list(AuditFilter { username: Some("ADMIN".into()), ..Default::default() }).total, all.total);
    assert_eq!(list(AuditFilter { username: Some("nobody".into()), ..Default::default() }).total, 0);
    let paged = desk.audit_list(&head, &AuditFilter { page: 2, page_size: 2, ..Default::default() }).unwrap();
    assert_eq!((paged.items.len(), paged.items[0].seq), (2, all.items[2].seq));

    let e = desk.audit_list(&head, &AuditFilter { from: Some("2026-13-01".into()), to: Some("x".into()), ..Default::default() }).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["from", "to"]);
    assert!(e.to_string().starts_with("开始日期"), "{e}");
    let e = desk.audit_list(&head, &AuditFilter { from: Some("2026-11-26".into()), to: Some("2026-11-25".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.fields()[0].code, "validation.date_order");
    assert_eq!(desk.audit_usernames(&head).unwrap(), vec!["admin".to_string()]);
}

#[test]
fn the_export_is_text_only_audited_and_a_failed_export_writes_nothing() {
    let mut t = desk_on("2026-11-27");
    // A summary that a spreadsheet would run as a formula if it were written as one.
    t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "=HYPERLINK(\"http://x\",\"点击\")")).unwrap();
    let missing = t.dir.path().join("no-such-stick");
    let e = t.desk.audit_export(&t.admin, &AuditFilter::default(), &missing).unwrap_err();
    assert_eq!(e.fields()[0].field, "folder");
    assert!(e.to_string().contains("U 盘是否已拔出"), "{e}");
    let out = t.dir.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    let path = t.desk.audit_export(&t.admin, &AuditFilter::default(), &out).unwrap();
    assert!(path.file_name().unwrap().to_str().unwrap().starts_with("420202001_audit_"));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1, "no temporary file left");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("操作日志").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows[2][0], Data::String("序号".into()));
    assert!(matches!(&rows[1][0], Data::String(s) if s.contains("日志链校验：完整")));
    let after_cells: Vec<&Data> = rows.iter().skip(3).map(|r| &r[8]).collect();
    assert!(after_cells.iter().any(|d| matches!(d, Data::String(s) if s.contains("=HYPERLINK"))), "the formula-like text is a string cell");
    let formulas = book.worksheet_formula("操作日志").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    let actions: Vec<String> = sifa::store::audit::all(t.desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"audit.export_failed".to_string()));
    assert_eq!(actions.last().map(String::as_str), Some("audit.export"));
    assert!(t.desk.audit_check().unwrap().intact());
}
