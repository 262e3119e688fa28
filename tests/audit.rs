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
    assert_eq!(rows[2][7], Data::String("改动内容".into()));
    let changes: Vec<&Data> = rows.iter().skip(3).map(|r| &r[7]).collect();
    assert!(changes.iter().any(|d| matches!(d, Data::String(s) if s.contains("简要情况：=HYPERLINK"))), "the new case in words");
    let after_cells: Vec<&Data> = rows.iter().skip(3).map(|r| &r[9]).collect();
    assert!(after_cells.iter().any(|d| matches!(d, Data::String(s) if s.contains("=HYPERLINK"))), "the formula-like text is a string cell");
    let formulas = book.worksheet_formula("操作日志").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no cell holds a formula");
    let actions: Vec<String> = sifa::store::audit::all(t.desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"audit.export_failed".to_string()));
    assert_eq!(actions.last().map(String::as_str), Some("audit.export"));
    assert!(t.desk.audit_check().unwrap().intact());
}

/// 查看 of every kind of entry, in an office after a day of every kind of work and in the district
/// that imports its batch: each row's label is Chinese, and a change marks exactly what changed.
#[test]
fn every_entry_shows_its_change_in_chinese() {
    use sifa::accounts::{NewUserInput, UserUpdateInput};
    use sifa::demo::Generator;
    use sifa::desk::{HolidayEntry, Settings};
    use sifa::district::DistrictOffice;
    use sifa::record::Actor;

    let mut t = desk_on("2026-11-27");
    let admin = t.admin.clone();
    let mut g = Generator::new(7, "420202001", day("2026-11-27"));
    let d = &mut t.desk;
    // Records of every kind: created, changed, deleted.
    let made: Vec<_> = g.acceptance_dates(1, 12).into_iter().map(|on| d.mediation_create(&admin, g.case(on)).unwrap()).collect();
    let mut changed = made[0].input.clone();
    changed.summary.push_str("（补充）");
    changed.parties[0].phone = "13900139000".into();
    d.mediation_update(&admin, &made[0].id, made[0].version, changed).unwrap();
    d.mediation_delete(&admin, &made[1].id, made[1].version).unwrap();
    let c = d.consultation_create(&admin, g.consultation(day("2026-11-20"))).unwrap();
    let mut c2 = c.input.clone();
    c2.answer.push_str("，并告知其可申请法律援助");
    d.consultation_update(&admin, &c.id, c.version, c2).unwrap();
    d.legal_aid_create(&admin, g.application(day("2026-11-18"), "石港镇司法所", "黄石港区法律援助中心")).unwrap();
    let (subject, events) = g.correction_subject(0, day("2026-06-01"));
    let s = d.correction_create(&admin, subject).unwrap();
    for e in events.into_iter().take(6) {
        d.correction_event_create(&admin, &s.id, e).unwrap();
    }
    // Everything else the office does.
    d.holiday_set(&admin, HolidayEntry { day: "2026-12-31".into(), kind: "holiday".into(), name: "元旦".into() }).unwrap();
    d.holiday_remove(&admin, "2026-12-31").unwrap();
    let mut level = d.supervision_levels().unwrap().remove(0);
    level.talks_per_month += 1;
    d.supervision_level_set(&admin, level).unwrap();
    d.settings_save(&admin, Settings { idle_minutes: 20, backup_keep: 10 }).unwrap();
    let profile = |name: &str| sifa::office::OfficeProfileInput { office_name: name.into(), short_name: "石".into(), district: "黄石港区".into() };
    d.update_office(&admin, profile("石港镇司法所（新址）")).unwrap();
    d.update_office(&admin, profile("石港镇司法所")).unwrap();
    d.holiday_set(&admin, HolidayEntry { day: "2027-01-01".into(), kind: "holiday".into(), name: "元旦".into() }).unwrap();
    let share = t.dir.path().join("节假日");
    std::fs::create_dir_all(&share).unwrap();
    let holidays = d.holidays_export(&admin, 2027, &share).unwrap();
    d.holiday_set(&admin, HolidayEntry { day: "2027-01-02".into(), kind: "holiday".into(), name: "自加".into() }).unwrap();
    let preview = d.holidays_import_preview(&admin, &holidays).unwrap();
    d.holidays_import(&admin, &holidays, &preview.digest).unwrap();
    let clerk = NewUserInput { username: "lixl".into(), display_name: "李小丽".into(), role: "staff".into(), password: "chushi2026".into() };
    let clerk = d.user_create(&admin, clerk).unwrap();
    d.user_update(&admin, &clerk.id, UserUpdateInput { display_name: "李小丽".into(), role: "readonly".into(), active: true }).unwrap();
    d.user_reset_password(&admin, &clerk.id, "chongzhi2026").unwrap();
    assert!(d.login("lixl", "wrong-password").is_err());
    let out = t.dir.path().join("u盘");
    std::fs::create_dir_all(&out).unwrap();
    let batch = d.batch_export(&admin, "2026-11", "full", &out, &mut |_| {}).unwrap();
    d.backup_create(&admin, Some(&out)).unwrap();
    d.audit_export(&admin, &AuditFilter::default(), &out).unwrap();
    d.logout(&admin).unwrap();

    // The district takes the batch in.
    let district_path = t.dir.path().join("district.db");
    let input = sifa::office::SetupInput {
        office_code: "420202".into(),
        office_name: "黄石港区司法局".into(),
        short_name: "黄石港区".into(),
        mode: "district".into(),
        ..setup_input()
    };
    let (mut district, _) = Desk::create(&district_path, Arc::new(sifa::clock::FixedClock::at_date(day("2026-12-03"))), input).unwrap();
    let head = district.login(ADMIN, PASSWORD).unwrap();
    let office = DistrictOffice { code: "420202001".into(), name: "石港镇司法所".into(), short_name: "石".into() };
    district.district_office_save(&head, &office, true).unwrap();
    district.district_office_save(&head, &DistrictOffice { name: "石港镇司法所（新）".into(), ..office }, false).unwrap();
    district.import_at_once(Actor::Named("测试"), &[std::path::PathBuf::from(&batch.path)], false, &mut |_| {}).unwrap();

    let mut kinds = std::collections::BTreeSet::new();
    let mut unlabelled = std::collections::BTreeSet::new();
    for (desk, user) in [(&t.desk, &admin), (&district, &head)] {
        let f = AuditFilter { page_size: 200, ..Default::default() };
        let page = desk.audit_list(user, &f).unwrap();
        assert!(!page.total_capped && page.items.len() as i64 == page.total, "one page holds them all");
        for e in &page.items {
            kinds.insert(format!("{} {}", e.action, e.record_kind));
            if std::env::var("SIFA_SHOW_AUDIT_CHANGES").is_ok() {
                eprintln!("#{} {} {} [{}]", e.seq, e.action_label, e.record_kind_label, e.record_label.clone().unwrap_or_default());
                for r in &e.changes {
                    eprintln!("   {} {} | {} | {}", if r.changed { "*" } else { " " }, r.label, r.before, r.after);
                }
            }
            for key in sifa::audit::unlabelled_keys(&e.record_kind, e.before_json.as_deref(), e.after_json.as_deref()) {
                unlabelled.insert(format!("{key} ({} {})", e.action, e.record_kind));
            }
            if e.before_json.is_some() || e.after_json.is_some() {
                assert!(!e.changes.is_empty(), "entry {} ({} {}) shows nothing", e.seq, e.action, e.record_kind);
            }
            if sifa::record::RecordKind::from_code(&e.record_kind).is_some() {
                assert!(e.record_label.is_some(), "entry {} ({} {}) would be shown by its internal id", e.seq, e.action, e.record_kind);
            }
        }
    }
    assert!(unlabelled.is_empty(), "fields without a Chinese label: {unlabelled:#?}");
    assert!(kinds.len() >= 25, "the test covers every kind of entry it means to: {kinds:?}");

    // The edited case: exactly the summary, the phone and the version are marked.
    let f = AuditFilter { action: Some("update".into()), record_kind: Some("mediation_case".into()), page_size: 10, ..Default::default() };
    let update = t.desk.audit_list(&admin, &f).unwrap().items.remove(0);
    let marked: Vec<&str> = update.changes.iter().filter(|r| r.changed).map(|r| r.label.as_str()).collect();
    assert_eq!(marked, ["版本", "简要情况", "第1位当事人 · 电话"]);
    let state = update.changes.iter().find(|r| r.label == "状态").unwrap();
    assert!(!state.changed && state.before.chars().all(|c| !c.is_ascii_alphabetic()), "codes are shown by their label: {state:?}");
}

/// A closed record (结案) of each kind changes only with a reason; the audit keeps it as 修改已结案记录
/// with the reason shown in 查看. Without a reason, or with one too long, nothing changes.
#[test]
fn a_closed_record_changes_only_with_a_reason_that_the_audit_keeps() {
    use sifa::demo::Generator;
    let mut t = desk_on("2026-11-27");
    let admin = t.admin.clone();
    let mut g = Generator::new(11, "420202001", day("2026-11-27"));
    let dates = g.acceptance_dates(6, 40);
    let d = &mut t.desk;
    let case = dates.iter().map(|on| g.case(*on)).find(|c| sifa::mediation::is_closed(&c.state)).expect("a closed demo case");
    let case = d.mediation_create(&admin, case).unwrap();
    assert!(case.closed);
    let mut changed = case.input.clone();
    changed.summary.push_str("（更正）");
    let e = d.mediation_update(&admin, &case.id, case.version, changed.clone()).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.to_string().as_str()), ("amendReason", "该记录已结案，修改前请填写修改原因"));
    let e = d.mediation_amend(&admin, &case.id, case.version, changed.clone(), "  ").unwrap_err();
    assert_eq!(e.fields()[0].field, "amendReason");
    let e = d.mediation_amend(&admin, &case.id, case.version, changed.clone(), &"因".repeat(201)).unwrap_err();
    assert_eq!(e.code(), "validation.too_long");
    assert_eq!(d.mediation_get(&case.id).unwrap().version, case.version, "refused changes change nothing");
    let saved = d.mediation_amend(&admin, &case.id, case.version, changed, "简要情况录入时漏字").unwrap();
    assert_eq!(saved.version, case.version + 1);

    let app = dates.iter().map(|on| g.application(*on, "石港镇司法所", "黄石港区法律援助中心")).find(|a| sifa::legal_aid::is_closed(&a.state)).expect("a closed demo application");
    let app = d.legal_aid_create(&admin, app).unwrap();
    assert!(app.closed);
    let mut changed = app.input.clone();
    changed.phone = "13900139001".into();
    assert_eq!(d.legal_aid_update(&admin, &app.id, app.version, changed.clone()).unwrap_err().fields()[0].field, "amendReason");
    d.legal_aid_amend(&admin, &app.id, app.version, changed, "申请人更换了电话").unwrap();

    let (subject, _) = (0..200).map(|n| g.correction_subject(n, day("2024-01-10"))).find(|(s, _)| sifa::correction::is_closed(&s.state)).expect("a closed demo subject");
    let s = d.correction_create(&admin, subject).unwrap();
    assert!(s.closed);
    let mut changed = s.input.clone();
    changed.phone = "13900139002".into();
    assert_eq!(d.correction_update(&admin, &s.id, s.version, changed.clone()).unwrap_err().fields()[0].field, "amendReason");
    let s = d.correction_amend(&admin, &s.id, s.version, changed, "核对档案后更正电话").unwrap();
    // An assessment has no place for a reason, so it cannot move a closed subject's level.
    let other_level = ["strict", "normal", "lenient"].into_iter().find(|l| *l != s.input.supervision_level).unwrap();
    let assessment = sifa::correction::CorrectionEventInput {
        kind: "assessment".into(),
        event_on: "2026-11-20".into(),
        staff: "李明".into(),
        period: "2026年11月".into(),
        score: Some(80),
        new_level: Some(other_level.into()),
        ..Default::default()
    };
    let e = d.correction_event_create(&admin, &s.id, assessment).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.code().as_ref()), ("newLevel", "validation.closed_subject"));
    let after = d.correction_get(&s.id).unwrap();
    assert_eq!((after.version, after.input.supervision_level.as_str(), after.events.len()), (s.version, s.input.supervision_level.as_str(), s.events.len()));

    // An open record needs no reason, and none is kept.
    let open = dates.iter().map(|on| g.case(*on)).find(|c| !sifa::mediation::is_closed(&c.state)).unwrap();
    let open = d.mediation_create(&admin, open).unwrap();
    assert!(!open.closed);
    let mut changed = open.input.clone();
    changed.summary.push_str("（补充）");
    d.mediation_amend(&admin, &open.id, open.version, changed, "不需要的原因").unwrap();

    let f = AuditFilter { action: Some("amend".into()), page_size: 20, ..Default::default() };
    let amended = d.audit_list(&admin, &f).unwrap().items;
    assert_eq!(amended.len(), 3);
    assert!(amended.iter().all(|e| e.action_label == "修改已结案记录"));
    let reasons: Vec<String> = amended.iter().map(|e| e.changes.iter().find(|c| c.label == "修改原因").map(|c| c.after.clone()).unwrap_or_default()).collect();
    assert_eq!(reasons, ["核对档案后更正电话", "申请人更换了电话", "简要情况录入时漏字"]);
    let f = AuditFilter { action: Some("update".into()), record_kind: Some("mediation_case".into()), page_size: 20, ..Default::default() };
    let update = d.audit_list(&admin, &f).unwrap().items.remove(0);
    assert!(update.changes.iter().all(|c| c.label != "修改原因"));
    assert_eq!(d.verify_audit().unwrap(), None);
}
