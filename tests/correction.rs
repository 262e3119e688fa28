//! The community-correction register through the desk: subjects and events, versions, audit,
//! the list and its filters, 今日任务 on 工作台, the supervision levels and roles.

mod common;
use common::*;
use rusqlite::Connection;
use sifa::accounts::User;
use sifa::correction::{CorrectionEventInput, CorrectionFilter, CorrectionSubjectInput};
use sifa::Error;

fn audit_actions(t: &TestDesk, kind: &str) -> Vec<String> {
    let c = Connection::open(&t.path).unwrap();
    let mut st = c.prepare("SELECT action FROM audit_log WHERE record_kind = ?1 ORDER BY seq").unwrap();
    st.query_map([kind], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

/// A probationer who reported on Monday 2 November 2026, on 普管 (a report every 15 days).
fn subject(code: &str, name: &str, id_no: &str) -> CorrectionSubjectInput {
    probationer(code, name, id_no)
}

fn event(kind: &str, on: &str) -> CorrectionEventInput {
    CorrectionEventInput { kind: kind.into(), event_on: on.into(), staff: "李明".into(), report_mode: Some("phone".into()), ..Default::default() }
}

fn staff() -> User {
    User { id: "s".into(), username: "clerk".into(), display_name: "李明".into(), role: sifa::accounts::Role::Staff }
}

fn reader() -> User {
    User { id: "r".into(), username: "reader".into(), display_name: "只读".into(), role: sifa::accounts::Role::ReadOnly }
}

const ZHAO: &str = "420202198003150011";
const MINOR: &str = "420202200901100016";

fn filter(f: CorrectionFilter) -> CorrectionFilter {
    CorrectionFilter { page: 1, page_size: 50, ..f }
}

#[test]
fn subjects_and_events_are_versioned_audited_and_codes_are_unique() {
    let mut t = desk_on("2026-11-17");
    let s = t.desk.correction_create(&t.admin, subject("SQ-001", "赵强", ZHAO)).unwrap();
    assert_eq!((s.version, s.is_minor, s.input.sex.as_deref()), (1, false, Some("male")));
    let e = t.desk.correction_create(&t.admin, subject("SQ-001", "钱多", "11010519491231002X")).unwrap_err();
    assert_eq!(e.fields()[0].field, "subjectCode");
    assert!(e.to_string().contains("已被本所另一名矫正对象使用") || e.fields()[0].message.contains("已被本所另一名矫正对象使用"));

    // Due today (2 Nov + 15 days); a report recorded moves the next one to 2 December.
    assert_eq!(s.supervision.duties[0].kind, "report");
    assert_eq!(s.supervision.duties[0].days_left, 0);
    let s = t.desk.correction_event_create(&t.admin, &s.id, event("report", "2026-11-17")).unwrap();
    assert_eq!(s.events.len(), 1);
    assert_eq!(s.events[0].late_days, Some(0));
    assert!(s.supervision.duties.iter().any(|d| d.kind == "report" && d.due_on == "2026-12-02"));

    // An edit is versioned; a stale version and a change of kind are refused.
    let ev = s.events[0].clone();
    let mut changed = ev.input.clone();
    changed.report_mode = Some("in_person".into());
    let s = t.desk.correction_event_update(&t.admin, &ev.id, 1, changed.clone()).unwrap();
    assert_eq!(s.events[0].version, 2);
    assert!(matches!(t.desk.correction_event_update(&t.admin, &ev.id, 1, changed.clone()), Err(Error::VersionConflict { current: 2 })));
    changed.kind = "talk".into();
    assert_eq!(t.desk.correction_event_update(&t.admin, &ev.id, 2, changed).unwrap_err().fields()[0].field, "kind");

    // The subject moves forward only.
    let mut next = s.input.clone();
    next.state = "supervising".into();
    next.announced_on = Some("2026-11-03".into());
    let s2 = t.desk.correction_update(&t.admin, &s.id, 1, next).unwrap();
    assert_eq!(s2.version, 2);
    let mut back = s2.input.clone();
    back.state = "awaiting_report".into();
    let e = t.desk.correction_update(&t.admin, &s.id, 2, back).unwrap_err();
    assert!(e.fields()[0].message.contains("矫正状态不能从“在矫”改为“待报到”"), "{e}");

    // Deleting the event brings the report due back; deleting the subject tombstones both.
    let s3 = t.desk.correction_event_delete(&t.admin, &ev.id, 2).unwrap();
    assert!(s3.events.is_empty());
    assert_eq!(s3.supervision.duties[0].days_left, 0);
    t.desk.correction_event_create(&t.admin, &s.id, event("report", "2026-11-17")).unwrap();
    t.desk.correction_delete(&t.admin, &s.id, 2).unwrap();
    assert!(matches!(t.desk.correction_get(&s.id), Err(Error::NotFound { .. })));
    let c = Connection::open(&t.path).unwrap();
    let live: i64 = c.query_row("SELECT count(*) FROM correction_event WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(live, 0);
    // The code is free again for a new subject.
    t.desk.correction_create(&t.admin, subject("SQ-001", "钱多", "11010519491231002X")).unwrap();

    assert_eq!(audit_actions(&t, "correction_subject"), vec!["create", "update", "delete", "create"]);
    assert_eq!(audit_actions(&t, "correction_event"), vec!["create", "update", "delete", "create"]);
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}

#[test]
fn bad_input_changes_nothing_and_roles_are_enforced() {
    let mut t = desk_on("2026-11-17");
    let mut bad = subject("SQ-002", "赵强", ZHAO);
    bad.corr_end = Some("2026-01-01".into());
    let e = t.desk.correction_create(&t.admin, bad).unwrap_err();
    assert_eq!(e.fields()[0].field, "corrEnd");
    assert!(matches!(t.desk.correction_create(&reader(), subject("SQ-002", "赵强", ZHAO)), Err(Error::Forbidden)));
    let s = t.desk.correction_create(&staff(), subject("SQ-002", "赵强", ZHAO)).unwrap();
    let e = t.desk.correction_event_create(&t.admin, &s.id, event("visit", "2026-11-17")).unwrap_err();
    assert!(e.fields().iter().any(|f| f.field == "place"));
    assert!(matches!(t.desk.correction_event_create(&reader(), &s.id, event("report", "2026-11-17")), Err(Error::Forbidden)));
    assert!(t.desk.correction_get(&s.id).unwrap().events.is_empty());
    assert_eq!(audit_actions(&t, "correction_event"), Vec::<String>::new());

    // Levels: the office head only, checked, audited; what is due follows at once.
    let mut strict = t.desk.supervision_levels().unwrap().into_iter().find(|l| l.code == "normal").unwrap();
    strict.reports_per_month = 4;
    assert!(matches!(t.desk.supervision_level_set(&staff(), strict.clone()), Err(Error::Forbidden)));
    let mut wrong = strict.clone();
    wrong.visit_every_days = -1;
    assert_eq!(t.desk.supervision_level_set(&t.admin, wrong).unwrap_err().fields()[0].field, "visitEveryDays");
    t.desk.supervision_level_set(&t.admin, strict).unwrap();
    // Every 7 days from 2 November: overdue since the 9th.
    let s = t.desk.correction_get(&s.id).unwrap();
    assert_eq!(s.supervision.duties[0].due_on, "2026-11-09");
    assert_eq!(s.supervision.late_days, 8);
    assert_eq!(audit_actions(&t, "correction_level"), vec!["supervision_level.set"]);
}

#[test]
fn an_assessment_naming_a_level_moves_the_subject_to_it() {
    let mut t = desk_on("2026-11-17");
    let s = t.desk.correction_create(&t.admin, subject("SQ-003", "赵强", ZHAO)).unwrap();
    let a = CorrectionEventInput { period: "2026年11月".into(), score: Some(62), new_level: Some("strict".into()), ..event("assessment", "2026-11-16") };
    let s = t.desk.correction_event_create(&t.admin, &s.id, a).unwrap();
    assert_eq!((s.input.supervision_level.as_str(), s.version), ("strict", 2));
    assert_eq!(t.desk.correction_get(&s.id).unwrap().input.supervision_level, "strict");
    assert_eq!(audit_actions(&t, "correction_subject"), vec!["create", "update"]);
    // The level change is done; editing the assessment cannot undo it behind the subject's back.
    let ev = s.events[0].clone();
    let mut changed = ev.input.clone();
    changed.new_level = Some("lenient".into());
    let e = t.desk.correction_event_update(&t.admin, &ev.id, 1, changed).unwrap_err();
    assert_eq!(e.fields()[0].field, "newLevel");
    let mut score = ev.input.clone();
    score.score = Some(70);
    assert_eq!(t.desk.correction_event_update(&t.admin, &ev.id, 1, score).unwrap().events[0].input.score, Some(70));
}

#[test]
fn the_list_searches_filters_masks_minors_and_finds_the_late() {
    let mut t = desk_on("2026-11-17");
    let zhao = t.desk.correction_create(&t.admin, subject("SQ-010", "赵强", ZHAO)).unwrap();
    let mut young = subject("SQ-011", "李小军", MINOR);
    young.correction_type = "control".into();
    young.sentence = "管制一年".into();
    young.effective_on = Some("2026-11-10".into());
    young.corr_start = Some("2026-11-10".into());
    young.corr_end = Some("2027-11-09".into());
    young.reported_on = Some("2026-11-12".into());
    let young = t.desk.correction_create(&t.admin, young).unwrap();
    assert!(young.is_minor);
    let mut done = subject("SQ-012", "孙立", "110105194912310046");
    done.state = "released".into();
    done.corr_end = Some("2026-11-01".into());
    done.announced_on = Some("2026-11-02".into());
    done.reported_on = Some("2026-10-30".into());
    done.exit_type = Some("expired".into());
    done.exit_on = Some("2026-11-02".into());
    done.exit_doc_no = "黄矫解字第5号".into();
    t.desk.correction_create(&t.admin, done).unwrap();

    let names = |f: CorrectionFilter| t.desk.correction_list(&filter(f)).unwrap().items.into_iter().map(|i| i.name).collect::<Vec<_>>();
    assert_eq!(names(CorrectionFilter { state: Some("active".into()), ..Default::default() }), vec!["李**", "赵强"]);
    assert_eq!(names(CorrectionFilter { state: Some("exited".into()), ..Default::default() }), vec!["孙立"]);
    // The exited subject stays searchable; minors are found by ID but shown masked.
    assert_eq!(names(CorrectionFilter { query: Some("孙立".into()), ..Default::default() }), vec!["孙立"]);
    let found = t.desk.correction_list(&filter(CorrectionFilter { query: Some("200901100016".into()), ..Default::default() })).unwrap();
    assert_eq!((found.items[0].name.as_str(), found.items[0].id_no.as_str()), ("李**", "420202********0016"));
    assert_eq!(names(CorrectionFilter { correction_type: Some("control".into()), ..Default::default() }), vec!["李**"]);
    assert_eq!(t.desk.correction_list(&filter(CorrectionFilter { query: Some("赵".into()), ..Default::default() })).unwrap_err().code(), "validation.query_too_short");
    assert_eq!(t.desk.correction_list(&filter(CorrectionFilter { state: Some("nope".into()), ..Default::default() })).unwrap_err().code(), "validation.code");

    // Ten days on: 赵强's report of the 17th is missed, the minor's of the 27th is due today.
    drop(t.desk);
    t.desk = open_at(&t.path, "2026-11-27");
    let late = t.desk.correction_list(&filter(CorrectionFilter { late_only: true, ..Default::default() })).unwrap();
    assert_eq!(late.items.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), vec!["赵强"]);
    assert_eq!(late.items[0].late_days, 10);
    assert_eq!(late.items[0].next.as_ref().unwrap().kind, "report");

    let dash = t.desk.dashboard().unwrap().correction;
    assert_eq!((dash.registered, dash.awaiting_report, dash.late, dash.due_today), (2, 0, 1, 1));
    let late_task = dash.tasks.iter().find(|x| x.group == "late").unwrap();
    assert_eq!(late_task.subject_id, zhao.id);
    assert!(late_task.hint.as_ref().unwrap().text.contains("建议提请训诫"), "{:?}", late_task.hint);
    let today = dash.tasks.iter().find(|x| x.group == "today").unwrap();
    assert_eq!((today.name.as_str(), today.duty.as_ref().unwrap().kind.as_str()), ("李**", "report"));
}

#[test]
fn leave_shows_the_subject_away_on_the_dashboard() {
    let mut t = desk_on("2026-11-17");
    let s = t.desk.correction_create(&t.admin, subject("SQ-020", "赵强", ZHAO)).unwrap();
    t.desk.correction_event_create(&t.admin, &s.id, event("report", "2026-11-17")).unwrap();
    let trip = CorrectionEventInput {
        leave_reason: Some("family".into()),
        destination: "湖北省武汉市".into(),
        leave_from: Some("2026-11-18".into()),
        leave_to: Some("2026-11-21".into()),
        decision: Some("approved".into()),
        decided_on: Some("2026-11-17".into()),
        ..event("leave", "2026-11-17")
    };
    let s = t.desk.correction_event_create(&t.admin, &s.id, trip).unwrap();
    assert_eq!(s.events.iter().find(|e| e.input.kind == "leave").unwrap().input.approval_level.as_deref(), Some("office"));
    drop(t.desk);
    t.desk = open_at(&t.path, "2026-11-19");
    let dash = t.desk.dashboard().unwrap().correction;
    assert_eq!(dash.away, 1);
    let away = dash.tasks.iter().find(|x| x.group == "away").unwrap();
    assert_eq!(away.away.as_ref().unwrap().destination, "湖北省武汉市");
}

#[test]
fn demo_subjects_are_refused_on_real_correction_records() {
    let mut t = desk_on("2026-11-17");
    t.desk.correction_create(&t.admin, subject("SQ-030", "赵强", ZHAO)).unwrap();
    assert!(matches!(t.desk.import_generated_correction(Vec::new()), Err(Error::DemoOnRealData)));
}

#[test]
fn lists_and_the_dashboard_read_only_what_is_due_and_agree_with_the_full_history() {
    let mut t = desk_on("2026-11-27");
    let mut g = sifa::demo::Generator::new(11, "420202001", day("2026-11-27"));
    let subjects = g.acceptance_dates(36, 3).into_iter().enumerate().map(|(n, d)| g.correction_subject(n, d)).collect();
    t.desk.import_generated_correction(subjects).unwrap();
    let page = t.desk.correction_list(&filter(CorrectionFilter { state: Some("active".into()), page_size: 200, ..Default::default() })).unwrap();
    assert!(page.items.len() > 20, "{}", page.items.len());
    for item in &page.items {
        let full = t.desk.correction_get(&item.id).unwrap().supervision;
        assert_eq!(item.next.as_ref(), full.duties.first(), "{}", item.subject_code);
        assert_eq!((item.late_days, &item.flags), (full.late_days, &full.flags), "{}", item.subject_code);
    }
}

#[test]
fn a_subject_cannot_be_changed_away_from_its_recorded_events() {
    let mut t = desk_on("2026-11-17");
    let s = t.desk.correction_create(&t.admin, subject("SQ-040", "赵强", ZHAO)).unwrap();
    t.desk.correction_event_create(&t.admin, &s.id, event("report", "2026-11-03")).unwrap();
    let revoke = CorrectionEventInput {
        sanction: Some("revoke_probation".into()),
        content: "脱离监管超过一个月".into(),
        decision: Some("pending".into()),
        ..event("sanction", "2026-11-16")
    };
    t.desk.correction_event_create(&t.admin, &s.id, revoke).unwrap();
    let mut later = s.input.clone();
    later.effective_on = Some("2026-11-04".into());
    later.corr_start = Some("2026-11-04".into());
    later.reported_on = Some("2026-11-04".into());
    let e = t.desk.correction_update(&t.admin, &s.id, 1, later).unwrap_err();
    assert!(e.fields().iter().any(|f| f.field == "effectiveOn" && f.message.contains("已登记的事项最早在2026-11-03")), "{e:?}");
    let mut parole = s.input.clone();
    parole.correction_type = "parole".into();
    let e = t.desk.correction_update(&t.admin, &s.id, 1, parole).unwrap_err();
    assert!(e.fields().iter().any(|f| f.field == "correctionType" && f.message.contains("已登记提请撤销缓刑，不适用于假释")), "{e:?}");
    let mut ended = s.input.clone();
    ended.state = "terminated".into();
    ended.announced_on = None;
    ended.exit_type = Some("probation_revoked".into());
    ended.exit_on = Some("2026-11-10".into());
    ended.exit_doc_no = "（2026）鄂0202刑更5号".into();
    let e = t.desk.correction_update(&t.admin, &s.id, 1, ended).unwrap_err();
    assert!(e.fields().iter().any(|f| f.field == "exitOn" && f.message.contains("已登记的事项最晚在2026-11-16")), "{e:?}");
    assert_eq!(t.desk.correction_get(&s.id).unwrap().version, 1);
}

#[test]
fn the_dashboard_counts_people_and_agrees_with_each_subjects_page() {
    let mut t = desk_on("2026-11-27");
    let mut g = sifa::demo::Generator::new(17, "420202001", day("2026-11-27"));
    let subjects = g.acceptance_dates(36, 3).into_iter().enumerate().map(|(n, d)| g.correction_subject(n, d)).collect();
    t.desk.import_generated_correction(subjects).unwrap();
    let dash = t.desk.dashboard().unwrap().correction;
    let people = |group: &str| {
        let mut ids: Vec<&str> = dash.tasks.iter().filter(|x| x.group == group).map(|x| x.subject_id.as_str()).collect();
        ids.sort();
        ids.dedup();
        ids.len() as i64
    };
    assert_eq!((dash.late, dash.due_today, dash.ending_soon, dash.away), (people("late"), people("today"), people("ending"), people("away")));
    assert!(dash.late > 0, "{dash:?}");
    for task in &dash.tasks {
        let page = t.desk.correction_get(&task.subject_id).unwrap().supervision;
        if let Some(d) = &task.duty {
            assert!(page.duties.contains(d), "{}: {d:?} not on the page", task.subject_code);
        }
        if let Some(h) = &task.hint {
            assert!(page.hints.contains(h), "{}: {h:?} not on the page", task.subject_code);
        }
    }
}

#[test]
fn a_long_history_is_read_in_part_without_inventing_lateness() {
    // Reported 2 March, on 普管: a report every 15 days, all on time until one four days late on
    // 16 November; the next, due 1 December, is missed.
    let mut t = desk_on("2026-12-05");
    let mut s = subject("SQ-050", "赵强", ZHAO);
    s.effective_on = Some("2026-02-26".into());
    s.corr_start = Some("2026-02-26".into());
    s.corr_end = Some("2027-02-25".into());
    s.reported_on = Some("2026-03-02".into());
    let s = t.desk.correction_create(&t.admin, s).unwrap();
    let mut on = day("2026-03-17");
    while on < day("2026-11-12") {
        t.desk.correction_event_create(&t.admin, &s.id, event("report", &on.to_string())).unwrap();
        on += chrono::Duration::days(15);
    }
    let page = t.desk.correction_event_create(&t.admin, &s.id, event("report", "2026-11-16")).unwrap();
    assert_eq!(page.events[0].late_days, Some(4));
    let full = page.supervision;
    assert_eq!(full.late_days, 4);
    let dash = t.desk.dashboard().unwrap().correction;
    let task = dash.tasks.iter().find(|x| x.duty.as_ref().is_some_and(|d| d.kind == "report")).unwrap();
    assert_eq!(task.hint.as_ref(), full.hints.first(), "{:?} vs {:?}", task.hint, full.hints);
    assert_eq!(full.hints.iter().map(|h| h.sanction.as_deref()).collect::<Vec<_>>(), vec![Some("admonition")]);
    let listed = t.desk.correction_list(&filter(CorrectionFilter { late_only: true, ..Default::default() })).unwrap();
    assert_eq!(listed.items[0].late_days, 4);
}
