//! The mediation register through the desk: numbering, versions, audit, search, filters,
//! deadlines and the refusal of bad input without any change.

mod common;
use common::*;
use rusqlite::Connection;
use sifa::mediation::MediationFilter;
use sifa::Error;

fn audit_count(c: &Connection) -> i64 {
    c.query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

fn search(t: &TestDesk, q: &str) -> Vec<String> {
    let f = MediationFilter { query: Some(q.into()), page: 1, page_size: 50, ..Default::default() };
    t.desk.mediation_list(&f).unwrap().items.into_iter().map(|i| i.case_no).collect()
}

#[test]
fn case_numbers_run_per_year_and_are_never_reused() {
    let mut t = desk_on("2027-01-10");
    let a = t.desk.mediation_create(&t.admin, case("2026-12-30", "张三", "李四", "纠纷一")).unwrap();
    let b = t.desk.mediation_create(&t.admin, case("2026-12-31", "王五", "赵六", "纠纷二")).unwrap();
    let c = t.desk.mediation_create(&t.admin, case("2027-01-02", "钱七", "孙八", "纠纷三")).unwrap();
    assert_eq!(a.case_no, "（2026）石调字第1号");
    assert_eq!(b.case_no, "（2026）石调字第2号");
    assert_eq!(c.case_no, "（2027）石调字第1号");
    t.desk.mediation_delete(&t.admin, &b.id, b.version).unwrap();
    let d = t.desk.mediation_create(&t.admin, case("2026-12-31", "周九", "吴十", "纠纷四")).unwrap();
    assert_eq!(d.case_no, "（2026）石调字第3号");
}

#[test]
fn edits_bump_the_version_and_are_audited_with_before_and_after() {
    let mut t = desk_on("2026-11-27");
    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "原始情况")).unwrap();
    assert_eq!(c.version, 1);
    assert_eq!(c.created_by, ADMIN);
    let mut input = c.input.clone();
    input.summary = "修改后的情况".into();
    let c2 = t.desk.mediation_update(&t.admin, &c.id, 1, input.clone()).unwrap();
    assert_eq!(c2.version, 2);
    assert_eq!(t.desk.mediation_get(&c.id).unwrap().input.summary, "修改后的情况");
    let (before, after): (String, String) = t
        .desk
        .store()
        .conn()
        .query_row(
            "SELECT before_json, after_json FROM audit_log WHERE action = 'update' AND record_id = ?1",
            [&c.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(before.contains("原始情况") && after.contains("修改后的情况"));
    // A stale version is refused instead of overwriting.
    let e = t.desk.mediation_update(&t.admin, &c.id, 1, input).unwrap_err();
    assert!(matches!(e, Error::VersionConflict { current: 2 }), "{e:?}");
    // Saving without a change is not a new version.
    let same = t.desk.mediation_update(&t.admin, &c.id, 2, c2.input.clone()).unwrap();
    assert_eq!(same.version, 2);
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}

#[test]
fn bad_input_changes_nothing() {
    let mut t = desk_on("2026-11-27");
    let conn_counts = |t: &TestDesk| {
        let c = t.desk.store().conn();
        (audit_count(c), c.query_row("SELECT count(*) FROM mediation_case", [], |r| r.get::<_, i64>(0)).unwrap())
    };
    let before = conn_counts(&t);
    let mut bad = case("2026-11-20", "张三", "李四", "情况");
    bad.parties[0].id_no = "110105194912310021".into();
    let e = t.desk.mediation_create(&t.admin, bad).unwrap_err();
    assert_eq!(e.code(), "validation.id_number");
    assert_eq!(e.fields()[0].field, "parties.0.idNo");
    let mut one_party = case("2026-11-20", "张三", "李四", "情况");
    one_party.parties.pop();
    assert_eq!(t.desk.mediation_create(&t.admin, one_party).unwrap_err().code(), "validation.parties");
    assert_eq!(conn_counts(&t), before);

    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    let after_create = conn_counts(&t);
    let mut future = c.input.clone();
    future.accepted_on = "2026-12-01".into();
    assert_eq!(t.desk.mediation_update(&t.admin, &c.id, 1, future).unwrap_err().code(), "validation.future_date");
    let mut other_year = c.input.clone();
    other_year.accepted_on = "2025-12-01".into();
    other_year.rights_notice_on = Some("2025-12-01".into());
    let e = t.desk.mediation_update(&t.admin, &c.id, 1, other_year).unwrap_err();
    assert_eq!(e.code(), "validation.case_year");
    let mut backwards = c.input.clone();
    backwards.state = "registered".into();
    assert_eq!(t.desk.mediation_update(&t.admin, &c.id, 1, backwards).unwrap_err().code(), "validation.state_transition");
    assert_eq!(conn_counts(&t), after_create);
    assert_eq!(t.desk.mediation_get(&c.id).unwrap().version, 1);
}

#[test]
fn sql_html_and_formulas_are_stored_verbatim() {
    let mut t = desk_on("2026-11-27");
    let nasty = "=HYPERLINK(\"x\") <b>粗体</b> '); DROP TABLE mediation_case; --";
    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", nasty)).unwrap();
    assert_eq!(t.desk.mediation_get(&c.id).unwrap().input.summary, nasty);
    assert_eq!(search(&t, "DROP TABLE"), vec![c.case_no.clone()]);
    assert_eq!(search(&t, "%%%"), Vec::<String>::new());
    let e = t.desk.mediation_list(&MediationFilter { query: Some("%".into()), page: 1, page_size: 20, ..Default::default() }).unwrap_err();
    assert_eq!(e.fields()[0].field, "query");
}

#[test]
fn tombstoned_cases_leave_lists_and_search_but_keep_their_history() {
    let mut t = desk_on("2026-11-27");
    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    t.desk.mediation_delete(&t.admin, &c.id, 1).unwrap();
    assert!(matches!(t.desk.mediation_get(&c.id), Err(Error::NotFound { .. })));
    assert!(search(&t, "张三").is_empty());
    let (deleted_at, version): (Option<String>, i64) = t
        .desk
        .store()
        .conn()
        .query_row("SELECT deleted_at, version FROM mediation_case WHERE id = ?1", [&c.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(deleted_at.is_some());
    assert_eq!(version, 2);
    let actions: Vec<String> = sifa::store::audit::for_record(t.desk.store().conn(), "mediation_case", &c.id).unwrap().into_iter().map(|a| a.1).collect();
    assert_eq!(actions, vec!["create", "delete"]);
}

#[test]
fn search_finds_two_character_names_phrases_ids_and_phones() {
    let mut t = desk_on("2026-11-27");
    let mut a = case("2026-11-20", "张三", "李四", "因宅基地边界发生争执");
    a.parties[0].id_no = "11010519491231002X".into();
    a.parties[1].phone = "13800138000".into();
    let a = t.desk.mediation_create(&t.admin, a).unwrap();
    let b = t.desk.mediation_create(&t.admin, case("2026-11-21", "张三丰", "王五", "因拖欠工资发生纠纷")).unwrap();
    let mut found = search(&t, "张三");
    found.sort();
    assert_eq!(found, vec![a.case_no.clone(), b.case_no.clone()]);
    assert_eq!(search(&t, "李四"), vec![a.case_no.clone()]);
    assert_eq!(search(&t, "宅基地边界"), vec![a.case_no.clone()]);
    assert_eq!(search(&t, "拖欠工资"), vec![b.case_no.clone()]);
    assert_eq!(search(&t, "1101051949"), vec![a.case_no.clone()]);
    assert_eq!(search(&t, "13800138000"), vec![a.case_no.clone()]);
    assert_eq!(search(&t, "张三 拖欠工资"), vec![b.case_no.clone()]);
    // Two characters search names and text alike: a mediator's name, a piece of a three-character
    // name, a word of the summary, two words together, a word with a longer phrase.
    assert_eq!(search(&t, "三丰"), vec![b.case_no.clone()]);
    assert_eq!(search(&t, "建华").len(), 2);
    assert_eq!(search(&t, "工资"), vec![b.case_no.clone()]);
    assert_eq!(search(&t, "边界 争执"), vec![a.case_no.clone()]);
    assert_eq!(search(&t, "王五 拖欠工资"), vec![b.case_no.clone()]);
    assert!(search(&t, "边界 工资").is_empty());
    assert!(search(&t, "排水").is_empty());
    // A changed summary and a deleted case leave the pairs index with the rest.
    let mut changed = b.input.clone();
    changed.summary = "因楼上排水管漏水发生纠纷".into();
    let b = t.desk.mediation_update(&t.admin, &b.id, b.version, changed).unwrap();
    assert!(search(&t, "工资").is_empty());
    assert_eq!(search(&t, "排水"), vec![b.case_no.clone()]);
    assert_eq!(search(&t, "(2026)石调字第2号"), vec![b.case_no.clone()]);
    assert!(search(&t, "不存在的人").is_empty());
    t.desk.mediation_delete(&t.admin, &b.id, b.version).unwrap();
    assert!(search(&t, "排水").is_empty());
}

#[test]
fn filters_and_paging() {
    let mut t = desk_on("2026-11-27");
    for i in 0..25 {
        let mut c = case(&format!("2026-10-{:02}", i + 1), &format!("甲{i}"), &format!("乙{i}"), "情况");
        if i % 5 == 0 {
            c.dispute_type = "marriage_family".into();
            c.mediators = vec!["吴玉兰".into()];
        }
        t.desk.mediation_create(&t.admin, c).unwrap();
    }
    t.desk.mediation_create(&t.admin, case("2026-11-20", "丙", "丁", "最近受理")).unwrap();
    let list = |f: MediationFilter| t.desk.mediation_list(&MediationFilter { page_size: 10, page: f.page.max(1), ..f }).unwrap();
    let p1 = list(MediationFilter::default());
    assert_eq!(p1.total, 26);
    assert_eq!(p1.items.len(), 10);
    assert_eq!(p1.items[0].accepted_on, "2026-11-20", "newest first");
    assert_eq!(p1.items[1].accepted_on, "2026-10-25");
    let p3 = list(MediationFilter { page: 3, ..Default::default() });
    assert_eq!(p3.items.len(), 6);
    assert_eq!(list(MediationFilter { dispute_type: Some("marriage_family".into()), ..Default::default() }).total, 5);
    assert_eq!(list(MediationFilter { mediator: Some("吴玉兰".into()), ..Default::default() }).total, 5);
    assert_eq!(list(MediationFilter { state: Some("accepted".into()), ..Default::default() }).total, 26);
    assert_eq!(list(MediationFilter { state: Some("agreed".into()), ..Default::default() }).total, 0);
    let range = list(MediationFilter { accepted_from: Some("2026-10-05".into()), accepted_to: Some("2026/10/09".into()), ..Default::default() });
    assert_eq!(range.total, 5);
    // Accepted 2026-10-01..25 are due by 11-24 at the latest: overdue on 11-27; the one of 11-20 is not.
    let overdue = list(MediationFilter { overdue_only: true, ..Default::default() });
    assert_eq!(overdue.total, 25);
    assert!(overdue.items.iter().all(|i| i.deadline.as_ref().is_some_and(|d| d.level == "overdue")));
    let e = t.desk.mediation_list(&MediationFilter { accepted_from: Some("2026-13-01".into()), ..Default::default() }).unwrap_err();
    assert_eq!(e.fields()[0].field, "acceptedFrom");
}

#[test]
fn dashboard_counts_and_due_items_follow_the_clock() {
    let t = desk_on("2026-11-27");
    let path = t.path.clone();
    let mut desk = t.desk;
    desk.mediation_create(&t.admin, case("2026-10-20", "张三", "李四", "超期的")).unwrap(); // due 11-19: overdue
    desk.mediation_create(&t.admin, case("2026-11-01", "王五", "赵六", "快到期的")).unwrap(); // due 12-01: warning
    desk.mediation_create(&t.admin, case("2026-11-26", "钱七", "孙八", "新的")).unwrap(); // due 12-26
    let d = desk.dashboard().unwrap();
    assert_eq!(d.today, "2026-11-27");
    assert_eq!(d.counts.active_cases, 3);
    assert_eq!(d.counts.accepted_this_month, 2);
    assert_eq!(d.counts.overdue, 1);
    assert_eq!(d.counts.warning, 1);
    assert_eq!(d.counts.success_rate_this_year, None);
    let items: Vec<_> = d.due_items.iter().map(|i| (i.parties_text.as_str(), i.deadline.level.as_str(), i.deadline.days_left)).collect();
    assert_eq!(items, vec![("张三 与 李四", "overdue", -8), ("王五 与 赵六", "warning", 4)]);
    drop(desk);
    // Thirty days later everything is overdue.
    let later = open_at(&path, "2026-12-27");
    let d = later.dashboard().unwrap();
    assert_eq!(d.counts.overdue, 3);
    assert_eq!(d.due_items.len(), 3);
}

#[test]
fn a_read_only_account_cannot_change_records() {
    let mut t = desk_on("2026-11-27");
    let reader = sifa::accounts::User { id: "r".into(), username: "reader".into(), display_name: "只读".into(), role: sifa::accounts::Role::ReadOnly };
    let e = t.desk.mediation_create(&reader, case("2026-11-20", "张三", "李四", "情况")).unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
    // Refused for who they are before anything is checked of what they typed.
    let e = t.desk.mediation_create(&reader, case("2026-11-20", "张三", "李四", "")).unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
    let e = t.desk.consultation_create(&reader, Default::default()).unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
    let e = t.desk.legal_aid_create(&reader, Default::default()).unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
    let e = t.desk.correction_create(&reader, Default::default()).unwrap_err();
    assert_eq!(e.code(), "auth.forbidden");
}

#[test]
fn a_full_life_cycle_from_acceptance_to_archive() {
    let mut t = desk_on("2026-11-27");
    let c = t.desk.mediation_create(&t.admin, case("2026-11-02", "张三", "李四", "情况")).unwrap();
    let mut i = c.input.clone();
    i.state = "mediating".into();
    i.sessions.push(sifa::mediation::MediationSession { date: "2026-11-03".into(), place: "调解室".into(), ..Default::default() });
    let c = t.desk.mediation_update(&t.admin, &c.id, 1, i.clone()).unwrap();
    i.state = "agreed".into();
    i.agreement_form = Some("written".into());
    i.agreement_no = "(2026)石调协字第1号".into();
    i.agreement_on = Some("2026-11-05".into());
    i.terms = "李四赔偿张三500元".into();
    i.perform_mode = Some("immediate".into());
    i.performance = Some("performed".into());
    let c = t.desk.mediation_update(&t.admin, &c.id, c.version, i.clone()).unwrap();
    assert_eq!(c.input.agreement_no, "（2026）石调协字第1号");
    let titles: Vec<_> = c.deadlines.iter().map(|d| d.title.as_str()).collect();
    assert!(titles.contains(&"回访") && titles.contains(&"司法确认申请期限"), "{titles:?}");
    i.state = "archived".into();
    i.closed_on = Some("2026-11-20".into());
    i.follow_ups.push(sifa::mediation::FollowUp { date: "2026-11-20".into(), visitor: "周建华".into(), mode: "phone".into(), ..Default::default() });
    let c = t.desk.mediation_update(&t.admin, &c.id, c.version, i).unwrap();
    assert_eq!(c.version, 4);
    assert!(c.deadlines.is_empty());
    let d = t.desk.dashboard().unwrap();
    assert_eq!(d.counts.agreed_this_year, 1);
    assert_eq!(d.counts.closed_this_year, 1);
    assert_eq!(d.counts.success_rate_this_year, Some(1.0));
}

#[test]
fn stale_deleted_and_forbidden_changes_are_refused() {
    let mut t = desk_on("2026-11-27");
    let c = t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    let mut i = c.input.clone();
    i.summary = "第二版".into();
    t.desk.mediation_update(&t.admin, &c.id, 1, i.clone()).unwrap();
    assert_eq!(t.desk.mediation_delete(&t.admin, &c.id, 1).unwrap_err().code(), "conflict.version");
    let reader = sifa::accounts::User { id: "r".into(), username: "reader".into(), display_name: "只读".into(), role: sifa::accounts::Role::ReadOnly };
    assert_eq!(t.desk.mediation_update(&reader, &c.id, 2, i.clone()).unwrap_err().code(), "auth.forbidden");
    assert_eq!(t.desk.mediation_delete(&reader, &c.id, 2).unwrap_err().code(), "auth.forbidden");
    t.desk.mediation_delete(&t.admin, &c.id, 2).unwrap();
    let e = t.desk.mediation_update(&t.admin, &c.id, 3, i).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().contains("调解案件不存在"));
    assert_eq!(t.desk.mediation_get("no-such-id").unwrap_err().code(), "not_found");
}

#[test]
fn many_overdue_cases_do_not_hide_the_ones_due_soon() {
    let mut t = desk_on("2026-11-27");
    let old: Vec<_> = (0..320).map(|n| case("2026-08-01", &format!("甲{n}"), "乙", "久拖未结")).collect();
    t.desk.import_generated(old, "test").unwrap();
    t.desk.mediation_create(&t.admin, case("2026-11-01", "王五", "赵六", "快到期的")).unwrap();
    let d = t.desk.dashboard().unwrap();
    assert_eq!(d.counts.overdue, 320);
    assert_eq!(d.counts.warning, 1);
    assert!(d.due_items.iter().any(|i| i.parties_text == "王五 与 赵六" && i.deadline.level == "warning"));
    // Most urgent first.
    assert_eq!(d.due_items[0].deadline.level, "overdue");
}

#[test]
fn search_results_come_newest_entry_first_and_overdue_lists_longest_overdue_first() {
    let mut t = desk_on("2026-11-27");
    t.desk.mediation_create(&t.admin, case("2026-10-01", "张三", "李四", "第一件宅基地纠纷")).unwrap();
    t.desk.mediation_create(&t.admin, case("2026-09-01", "张三", "王五", "第二件宅基地纠纷")).unwrap();
    let parties = |f: MediationFilter| -> Vec<String> {
        t.desk.mediation_list(&MediationFilter { page: 1, page_size: 20, ..f }).unwrap().items.into_iter().map(|i| i.parties_text).collect()
    };
    assert_eq!(parties(MediationFilter { query: Some("宅基地".into()), ..Default::default() }), vec!["张三 与 王五", "张三 与 李四"]);
    assert_eq!(parties(MediationFilter { query: Some("张三".into()), ..Default::default() }), vec!["张三 与 王五", "张三 与 李四"]);
    assert_eq!(parties(MediationFilter { overdue_only: true, ..Default::default() }), vec!["张三 与 王五", "张三 与 李四"]);
    assert_eq!(parties(MediationFilter::default()), vec!["张三 与 李四", "张三 与 王五"]);
}
