//! The legal-aid register through the desk: numbers, versions, states, audit, lists, clocks on
//! 工作台 and their dependence on the holiday calendar.

mod common;
use common::*;
use rusqlite::Connection;
use sifa::accounts::User;
use sifa::desk::HolidayEntry;
use sifa::legal_aid::{ConsultationFilter, ConsultationInput, LegalAidFilter, LegalAidInput};
use sifa::Error;

fn audit_rows(t: &TestDesk, kind: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let c = Connection::open(&t.path).unwrap();
    let mut st = c.prepare("SELECT action, before_json, after_json FROM audit_log WHERE record_kind = ?1 ORDER BY seq").unwrap();
    st.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(|r| r.unwrap()).collect()
}

/// Received and accepted on Monday 16 November 2026 by the township, forwarded the same day.
fn application(name: &str, id_no: &str) -> LegalAidInput {
    LegalAidInput {
        state: "reviewing".into(),
        receiving_org: "石港镇司法所".into(),
        competent_org: "黄石港区法律援助中心".into(),
        received_on: "2026-11-16".into(),
        forwarded_on: Some("2026-11-16".into()),
        accepted_on: Some("2026-11-16".into()),
        name: name.into(),
        id_no: id_no.into(),
        ethnicity: Some("01".into()),
        domicile: "湖北省黄石市黄石港区".into(),
        residence: "石港镇和平村3组".into(),
        phone: "13800138000".into(),
        groups: vec!["migrant_worker".into()],
        case_nature: "civil".into(),
        matter: "wages".into(),
        role: "applicant".into(),
        stage: "arbitration".into(),
        handling_organ: "黄石港区劳动人事争议仲裁委员会".into(),
        reason: "被拖欠工资两万三千元".into(),
        service_form: "labor_arbitration".into(),
        means_basis: "exempt".into(),
        means_sub_reason: Some("migrant_wages".into()),
        ..Default::default()
    }
}

const WANG: &str = "11010519491231002X";
const ZHAO: &str = "420202198003150011";

fn list(t: &TestDesk, f: LegalAidFilter) -> Vec<String> {
    t.desk.legal_aid_list(&LegalAidFilter { page: 1, page_size: 50, ..f }).unwrap().items.into_iter().map(|i| i.name).collect()
}

fn reader() -> User {
    User { id: "r".into(), username: "reader".into(), display_name: "只读".into(), role: sifa::accounts::Role::ReadOnly }
}

#[test]
fn numbers_run_per_year_and_edits_are_versioned_and_audited() {
    let mut t = desk_on("2026-11-27");
    let a = t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    assert_eq!(a.application_no, "（2026）石援申字第1号");
    assert_eq!(a.version, 1);
    assert_eq!(a.input.groups, vec!["elderly", "women", "migrant_worker"]);
    let b = t.desk.legal_aid_create(&t.admin, application("赵强", ZHAO)).unwrap();
    assert_eq!(b.application_no, "（2026）石援申字第2号");

    let mut next = a.input.clone();
    next.state = "granted".into();
    next.decision_on = Some("2026-11-20".into());
    let a2 = t.desk.legal_aid_update(&t.admin, &a.id, 1, next.clone()).unwrap();
    assert_eq!(a2.version, 2);
    assert_eq!(a2.input.decision.as_deref(), Some("grant"));
    // Saving the same again changes nothing; a stale version is refused.
    assert_eq!(t.desk.legal_aid_update(&t.admin, &a.id, 2, a2.input.clone()).unwrap().version, 2);
    assert!(matches!(t.desk.legal_aid_update(&t.admin, &a.id, 1, next), Err(Error::VersionConflict { current: 2 })));
    // Backwards is refused, naming the state field.
    let mut back = a2.input.clone();
    back.state = "reviewing".into();
    let e = t.desk.legal_aid_update(&t.admin, &a.id, 2, back).unwrap_err();
    assert_eq!(e.fields()[0].field, "state");
    assert!(e.fields()[0].message.contains("办理状态不能从“给予(待指派)”改为“审查中”"), "{e}");

    let rows = audit_rows(&t, "legal_aid_application");
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), vec!["create", "create", "update"]);
    assert!(rows[2].1.as_deref().unwrap().contains("\"state\":\"reviewing\""));
    assert!(rows[2].2.as_deref().unwrap().contains("\"state\":\"granted\""));
    assert!(rows[2].2.as_deref().unwrap().contains("（2026）石援申字第1号"));
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}

#[test]
fn bad_input_and_forbidden_changes_change_nothing() {
    let mut t = desk_on("2026-11-27");
    let mut bad = application("王秀英", "110105194912310021");
    bad.received_on = "2026-11-17".into();
    let e = t.desk.legal_aid_create(&t.admin, bad).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert!(fields.contains(&"idNo") && fields.contains(&"acceptedOn"), "{fields:?}");
    assert!(matches!(t.desk.legal_aid_create(&reader(), application("王秀英", WANG)), Err(Error::Forbidden)));
    assert_eq!(t.desk.legal_aid_list(&LegalAidFilter { page: 1, page_size: 10, ..Default::default() }).unwrap().total, 0);
    assert!(audit_rows(&t, "legal_aid_application").is_empty());

    let a = t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    let mut other_year = a.input.clone();
    other_year.received_on = "2025-12-30".into();
    other_year.forwarded_on = Some("2025-12-30".into());
    let e = t.desk.legal_aid_update(&t.admin, &a.id, 1, other_year).unwrap_err();
    assert_eq!(e.fields()[0].field, "receivedOn");
    let mut notified = a.input.clone();
    notified.aid_channel = "notified".into();
    notified.state = "notified".into();
    notified.case_nature = "criminal".into();
    notified.matter = "criminal_defense".into();
    notified.role = "accused".into();
    notified.service_form = "criminal_defense".into();
    let e = t.desk.legal_aid_update(&t.admin, &a.id, 1, notified).unwrap_err();
    assert!(e.to_string().contains("申请类型") || e.fields().iter().any(|f| f.field == "aidChannel" || f.field == "state"), "{e}");
    assert!(matches!(t.desk.legal_aid_delete(&reader(), &a.id, 1), Err(Error::Forbidden)));
    assert!(matches!(t.desk.legal_aid_delete(&t.admin, &a.id, 7), Err(Error::VersionConflict { current: 1 })));
    assert_eq!(t.desk.legal_aid_get(&a.id).unwrap().version, 1);
}

#[test]
fn a_deleted_application_leaves_the_lists_and_keeps_its_number() {
    let mut t = desk_on("2026-11-27");
    let a = t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    t.desk.legal_aid_delete(&t.admin, &a.id, 1).unwrap();
    assert!(matches!(t.desk.legal_aid_get(&a.id), Err(Error::NotFound { .. })));
    assert!(list(&t, LegalAidFilter::default()).is_empty());
    let b = t.desk.legal_aid_create(&t.admin, application("赵强", ZHAO)).unwrap();
    assert_eq!(b.application_no, "（2026）石援申字第2号");
    let rows = audit_rows(&t, "legal_aid_application");
    assert_eq!(rows[1].0, "delete");
    assert!(rows[1].1.as_deref().unwrap().contains("王秀英"));
    assert!(t.desk.dashboard().unwrap().due_items.iter().all(|d| d.record_id != a.id));
}

#[test]
fn filters_and_search_find_the_right_applications() {
    let mut t = desk_on("2026-11-27");
    t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    let mut z = application("赵强", ZHAO);
    z.case_nature = "civil".into();
    z.matter = "traffic".into();
    z.means_basis = "pledge".into();
    z.means_sub_reason = None;
    z.household_size = Some(3);
    z.monthly_income = Some("1800".into());
    z.groups = vec!["other".into()];
    z.phone = "13912345678".into();
    z.state = "received".into();
    z.accepted_on = None;
    z.forwarded_on = None;
    z.received_on = "2026-11-25".into();
    let zhao = t.desk.legal_aid_create(&t.admin, z).unwrap();

    assert_eq!(list(&t, LegalAidFilter::default()), vec!["赵强", "王秀英"]);
    assert_eq!(list(&t, LegalAidFilter { state: Some("received".into()), ..Default::default() }), vec!["赵强"]);
    assert_eq!(list(&t, LegalAidFilter { matter: Some("wages".into()), ..Default::default() }), vec!["王秀英"]);
    assert_eq!(list(&t, LegalAidFilter { group: Some("women".into()), ..Default::default() }), vec!["王秀英"]);
    assert_eq!(list(&t, LegalAidFilter { group: Some("men".into()), ..Default::default() }), Vec::<String>::new());
    assert_eq!(list(&t, LegalAidFilter { case_nature: Some("civil".into()), ..Default::default() }).len(), 2);
    assert_eq!(list(&t, LegalAidFilter { received_from: Some("2026年11月20日".into()), ..Default::default() }), vec!["赵强"]);
    // Decision due 23 November: overdue on the 27th; 赵强 has no running clock.
    assert_eq!(list(&t, LegalAidFilter { overdue_only: true, ..Default::default() }), vec!["王秀英"]);
    for q in ["秀英", "110105", "1231002x", "13912345678", "(2026)石援申字第2号", "援申字"] {
        let found = list(&t, LegalAidFilter { query: Some(q.into()), ..Default::default() });
        assert!(!found.is_empty(), "{q}");
    }
    assert_eq!(list(&t, LegalAidFilter { query: Some("(2026)石援申字第2号".into()), ..Default::default() }), vec!["赵强"]);
    assert_eq!(list(&t, LegalAidFilter { query: Some("100%_".into()), ..Default::default() }), Vec::<String>::new());
    let e = t.desk.legal_aid_list(&LegalAidFilter { query: Some("王".into()), page: 1, page_size: 10, ..Default::default() }).unwrap_err();
    assert_eq!(e.fields()[0].field, "query");
    let e = t.desk.legal_aid_list(&LegalAidFilter { received_to: Some("2026-13-01".into()), page: 1, page_size: 10, ..Default::default() }).unwrap_err();
    assert_eq!(e.fields()[0].field, "receivedTo");
    let item = t.desk.legal_aid_list(&LegalAidFilter { page: 1, page_size: 10, ..Default::default() }).unwrap().items;
    assert_eq!(item[0].id, zhao.id);
    assert_eq!(item[1].deadline.as_ref().unwrap().level, "overdue");
    // Each kind of term through its own way: Chinese pairs, 3+ characters, two digits.
    let search = |t: &TestDesk, q: &str| list(t, LegalAidFilter { query: Some(q.into()), ..Default::default() });
    assert_eq!(search(&t, "赵强"), vec!["赵强"]);
    assert_eq!(search(&t, "秀英 1949"), vec!["王秀英"]);
    assert_eq!(search(&t, "56"), vec!["赵强"]);
    assert_eq!(search(&t, "赵强 1949"), Vec::<String>::new());
    // A changed name and a deleted application leave the indexes with the rest.
    let mut renamed = zhao.input.clone();
    renamed.name = "赵小强".into();
    let zhao = t.desk.legal_aid_update(&t.admin, &zhao.id, zhao.version, renamed).unwrap();
    assert_eq!(search(&t, "小强"), vec!["赵小强"]);
    assert_eq!(search(&t, "赵强"), Vec::<String>::new());
    t.desk.legal_aid_delete(&t.admin, &zhao.id, zhao.version).unwrap();
    assert_eq!(search(&t, "小强"), Vec::<String>::new());
    assert_eq!(search(&t, "13912345678"), Vec::<String>::new());
}

#[test]
fn the_dashboard_shows_a_paused_clock_then_an_overdue_one() {
    let mut t = desk_on("2026-11-18");
    let mut a = application("王秀英", WANG);
    a.state = "supplementing".into();
    a.supp_notice_on = Some("2026-11-18".into());
    a.supp_items = "欠薪凭证".into();
    let a = t.desk.legal_aid_create(&t.admin, a).unwrap();
    let d = t.desk.dashboard().unwrap();
    assert_eq!(d.legal_aid.supplementing, 1);
    assert_eq!(d.legal_aid.awaiting_decision, 1);
    assert_eq!(d.legal_aid.applications_this_month, 1);
    let mine: Vec<_> = d.due_items.iter().filter(|i| i.record_id == a.id).collect();
    assert_eq!(mine.len(), 1, "only the paused decision clock is within a week: {mine:?}");
    assert_eq!(mine[0].deadline.level, "paused");
    assert_eq!(mine[0].deadline.days_left, 6);
    assert_eq!(mine[0].record_kind, sifa::record::WorkArea::LegalAid);
    assert_eq!(mine[0].parties_text, "王秀英（追索劳动报酬）");
    drop(t.desk);

    // Two weeks later, still waiting: the supplement deadline has passed; the decision still stands still.
    let t2 = open_at(&t.path, "2026-12-04");
    let d = t2.dashboard().unwrap();
    let levels: Vec<_> = d.due_items.iter().map(|i| (i.deadline.title.as_str(), i.deadline.level.as_str(), i.deadline.days_left)).collect();
    assert_eq!(levels, vec![("补充材料期限", "overdue", -1), ("审查决定期限", "paused", 6)]);
    assert_eq!(d.legal_aid.overdue, 1);
}

#[test]
fn a_grant_waiting_for_assignment_turns_overdue_and_leaves_once_assigned() {
    let mut t = desk_on("2026-11-20");
    let mut a = application("王秀英", WANG);
    a.state = "granted".into();
    a.decision_on = Some("2026-11-20".into());
    let a = t.desk.legal_aid_create(&t.admin, a).unwrap();
    let d = t.desk.dashboard().unwrap();
    assert_eq!(d.legal_aid.awaiting_assignment, 1);
    let item = d.due_items.iter().find(|i| i.record_id == a.id).unwrap();
    assert_eq!((item.deadline.title.as_str(), item.deadline.level.as_str(), item.deadline.days_left), ("指派期限", "upcoming", 3));
    drop(t.desk);

    let mut desk = open_at(&t.path, "2026-11-25");
    let d = desk.dashboard().unwrap();
    let item = d.due_items.iter().find(|i| i.record_id == a.id).unwrap();
    assert_eq!((item.deadline.level.as_str(), item.deadline.days_left), ("overdue", -2));
    assert_eq!(d.legal_aid.overdue, 1);
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    let mut next = desk.legal_aid_get(&a.id).unwrap().input;
    next.state = "assigned".into();
    next.assigned_on = Some("2026-11-25".into());
    next.provider = "湖北石港律师事务所".into();
    next.handler = "刘律师".into();
    next.handler_type = Some("lawyer".into());
    let saved = desk.legal_aid_update(&admin, &a.id, 1, next).unwrap();
    assert!(saved.deadlines.is_empty());
    assert_eq!(saved.clocks.iter().find(|c| c.rule == "legal_aid.assign").unwrap().status, "late");
    let d = desk.dashboard().unwrap();
    assert!(d.due_items.iter().all(|i| i.record_id != a.id));
    assert_eq!(d.legal_aid.overdue, 0);
}

#[test]
fn a_holiday_entered_later_moves_stored_due_dates() {
    // Accepted Monday 16 Nov: due Monday 23 Nov. Making the 23rd a holiday moves it to the 24th.
    let mut t = desk_on("2026-11-24");
    let a = t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    assert_eq!(list(&t, LegalAidFilter { overdue_only: true, ..Default::default() }), vec!["王秀英"]);
    t.desk.holiday_set(&t.admin, HolidayEntry { day: "2026-11-23".into(), kind: "holiday".into(), name: "测试假日".into() }).unwrap();
    assert!(list(&t, LegalAidFilter { overdue_only: true, ..Default::default() }).is_empty());
    let got = t.desk.legal_aid_get(&a.id).unwrap();
    assert_eq!(got.deadlines[0].due_on, "2026-11-24");
    assert_eq!(got.deadlines[0].level, "warning");
    t.desk.holiday_remove(&t.admin, "2026-11-23").unwrap();
    assert_eq!(list(&t, LegalAidFilter { overdue_only: true, ..Default::default() }), vec!["王秀英"]);
}

#[test]
fn a_notified_defence_goes_from_the_notice_to_assignment() {
    let mut t = desk_on("2026-11-27");
    let a = LegalAidInput {
        state: "notified".into(),
        aid_channel: "notified".into(),
        received_via: "custody".into(),
        receiving_org: "黄石港区法律援助中心".into(),
        competent_org: "黄石港区法律援助中心".into(),
        applicant_detained: true,
        received_on: "2026-11-24".into(),
        accepted_on: Some("2026-11-24".into()),
        name: "赵强".into(),
        id_no: ZHAO.into(),
        ethnicity: Some("01".into()),
        domicile: "湖北省黄石市".into(),
        residence: "黄石港区看守所".into(),
        groups: vec!["other".into()],
        case_nature: "criminal".into(),
        matter: "criminal_defense".into(),
        role: "accused".into(),
        stage: "first_instance".into(),
        handling_organ: "黄石港区人民法院".into(),
        reason: "人民法院通知辩护".into(),
        service_form: "criminal_defense".into(),
        means_basis: "pledge".into(),
        ..Default::default()
    };
    let a = t.desk.legal_aid_create(&t.admin, a).unwrap();
    assert_eq!(a.input.means_basis, "notified");
    assert_eq!(a.clocks.iter().map(|c| c.rule.as_str()).collect::<Vec<_>>(), vec!["legal_aid.assign"]);
    assert_eq!(a.deadlines[0].due_on, "2026-11-27");
    assert_eq!(t.desk.legal_aid_states(Some("notified"), "notified"), vec!["notified", "assigned", "handling", "closed", "terminated", "filed", "visited"]);
}

#[test]
fn consultations_are_logged_edited_listed_and_deleted() {
    let mut t = desk_on("2026-11-27");
    let input = |q: &str, on: &str, channel: &str| ConsultationInput {
        consulted_on: on.into(),
        channel: channel.into(),
        matter: "wages".into(),
        question: q.into(),
        answer: "可申请劳动仲裁".into(),
        staff: "周建华".into(),
        ..Default::default()
    };
    let a = t.desk.consultation_create(&t.admin, input("工地老板拖欠工资", "2026-11-27", "visit")).unwrap();
    t.desk.consultation_create(&t.admin, input("工伤认定怎么申请", "2026-11-26", "hotline")).unwrap();
    let mut more = input("离婚财产分割", "2026-10-05", "online");
    more.persons = 3;
    more.matter = "marriage_family".into();
    t.desk.consultation_create(&t.admin, more).unwrap();
    let f = |q: Option<&str>, channel: Option<&str>, from: Option<&str>| ConsultationFilter {
        query: q.map(Into::into),
        channel: channel.map(Into::into),
        from: from.map(Into::into),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    let all = t.desk.consultation_list(&f(None, None, None)).unwrap();
    assert_eq!(all.items.iter().map(|c| c.input.question.as_str()).collect::<Vec<_>>(), vec!["工地老板拖欠工资", "工伤认定怎么申请", "离婚财产分割"]);
    assert_eq!(t.desk.consultation_list(&f(Some("工伤"), None, None)).unwrap().total, 1);
    assert_eq!(t.desk.consultation_list(&f(None, Some("hotline"), None)).unwrap().total, 1);
    assert_eq!(t.desk.consultation_list(&f(None, None, Some("2026-11-01"))).unwrap().total, 2);
    // 人次 this month: 1 + 1 (the October one is not counted).
    assert_eq!(t.desk.dashboard().unwrap().legal_aid.consultations_this_month, 2);

    let mut edit = a.input.clone();
    edit.guided = true;
    let a2 = t.desk.consultation_update(&t.admin, &a.id, 1, edit.clone()).unwrap();
    assert_eq!((a2.version, a2.input.guided), (2, true));
    assert!(matches!(t.desk.consultation_update(&t.admin, &a.id, 1, edit), Err(Error::VersionConflict { current: 2 })));
    let mut bad = a2.input.clone();
    bad.answer.clear();
    assert_eq!(t.desk.consultation_update(&t.admin, &a.id, 2, bad).unwrap_err().fields()[0].field, "answer");
    assert!(matches!(t.desk.consultation_create(&reader(), input("x问题", "2026-11-27", "visit")), Err(Error::Forbidden)));
    t.desk.consultation_delete(&t.admin, &a.id, 2).unwrap();
    assert_eq!(t.desk.consultation_list(&f(None, None, None)).unwrap().total, 2);
    let rows = audit_rows(&t, "legal_aid_consultation");
    assert_eq!(rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(), vec!["create", "create", "create", "update", "delete"]);
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}

#[test]
fn demo_data_is_refused_once_people_entered_legal_aid_records() {
    let mut t = desk_on("2026-11-27");
    let mut g = sifa::demo::Generator::new(1, "420202001", day("2026-11-27"));
    let apps: Vec<_> = g.acceptance_dates(2, 5).into_iter().map(|d| g.application(d, "石港镇司法所", "黄石港区法律援助中心")).collect();
    let cons: Vec<_> = g.acceptance_dates(2, 5).into_iter().map(|d| g.consultation(d)).collect();
    assert_eq!(t.desk.import_generated_legal_aid(cons, apps.clone()).unwrap(), (10, 10));
    t.desk.consultation_create(&t.admin, ConsultationInput {
        consulted_on: "2026-11-27".into(),
        matter: "wages".into(),
        question: "欠薪".into(),
        answer: "可申请仲裁".into(),
        staff: "周建华".into(),
        ..Default::default()
    })
    .unwrap();
    assert!(matches!(t.desk.import_generated_legal_aid(Vec::new(), apps), Err(Error::DemoOnRealData)));
    assert!(matches!(t.desk.import_generated(Vec::new(), "x"), Err(Error::DemoOnRealData)));
}

#[test]
fn stored_due_dates_are_recomputed_once_after_the_time_limits_changed() {
    let mut t = desk_on("2026-11-20");
    let a = t.desk.legal_aid_create(&t.admin, application("王秀英", WANG)).unwrap();
    drop(t.desk);
    // As if an older build with other limits had stored these.
    let c = Connection::open(&t.path).unwrap();
    c.execute("UPDATE legal_aid_application SET due_on = '2030-01-01'", []).unwrap();
    c.execute("UPDATE store_setting SET value = 'older-rules' WHERE key = 'time_limits_fingerprint'", []).unwrap();
    drop(c);
    let desk = open_at(&t.path, "2026-11-27");
    assert_eq!(desk.legal_aid_list(&LegalAidFilter { overdue_only: true, page: 1, page_size: 10, ..Default::default() }).unwrap().total, 1);
    drop(desk);
    let c = Connection::open(&t.path).unwrap();
    let due: String = c.query_row("SELECT due_on FROM legal_aid_application WHERE id = ?1", [&a.id], |r| r.get(0)).unwrap();
    assert_eq!(due, "2026-11-23");
    let fp: String = c.query_row("SELECT value FROM store_setting WHERE key = 'time_limits_fingerprint'", [], |r| r.get(0)).unwrap();
    assert_eq!(fp, sifa::codes::time_limits_fingerprint());
}
