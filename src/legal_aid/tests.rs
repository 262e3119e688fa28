use super::*;
use crate::calendar::DayKind;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Friday 27 November 2026.
fn today() -> NaiveDate {
    d("2026-11-27")
}

fn weekends_only() -> Calendar {
    Calendar::default()
}

/// 1–7 October 2026 off, Sunday 27 September and Saturday 10 October worked.
fn national_day() -> Calendar {
    let mut days: Vec<(NaiveDate, DayKind)> = (1..=7).map(|n| (d(&format!("2026-10-0{n}")), DayKind::Holiday)).collect();
    days.push((d("2026-09-27"), DayKind::Workday));
    days.push((d("2026-10-10"), DayKind::Workday));
    Calendar::new(days)
}

/// A woman of 76 claiming wages, received and accepted on Monday 16 November, under review.
pub(crate) fn reviewing() -> LegalAidInput {
    LegalAidInput {
        state: "reviewing".into(),
        receiving_org: "石港镇司法所".into(),
        competent_org: "黄石港区法律援助中心".into(),
        received_on: "2026-11-16".into(),
        forwarded_on: Some("2026-11-16".into()),
        accepted_on: Some("2026-11-16".into()),
        name: "王秀英".into(),
        id_no: "11010519491231002X".into(),
        ethnicity: Some("01".into()),
        domicile: "湖北省黄石市黄石港区石港镇".into(),
        residence: "黄石港区石港镇和平村3组".into(),
        phone: "13800138000".into(),
        groups: vec!["migrant_worker".into()],
        case_nature: "civil".into(),
        matter: "wages".into(),
        role: "applicant".into(),
        stage: "arbitration".into(),
        handling_organ: "黄石港区劳动人事争议仲裁委员会".into(),
        reason: "在建筑工地务工八个月，被拖欠工资两万三千元".into(),
        service_form: "labor_arbitration".into(),
        means_basis: "exempt".into(),
        means_sub_reason: Some("migrant_wages".into()),
        ..Default::default()
    }
}

fn granted() -> LegalAidInput {
    let mut a = reviewing();
    a.state = "granted".into();
    a.decision_on = Some("2026-11-20".into());
    a.decision_no = "[2026]黄援决字第15号".into();
    a
}

fn assigned() -> LegalAidInput {
    let mut a = granted();
    a.state = "assigned".into();
    a.decision = Some("grant".into());
    a.assigned_on = Some("2026-11-23".into());
    a.provider = "湖北石港律师事务所".into();
    a.handler = "刘律师".into();
    a.handler_type = Some("lawyer".into());
    a
}

fn closed() -> LegalAidInput {
    let mut a = assigned();
    a.state = "closed".into();
    a.received_on = "2026-09-01".into();
    a.forwarded_on = Some("2026-09-01".into());
    a.accepted_on = Some("2026-09-02".into());
    a.decision_on = Some("2026-09-04".into());
    a.assigned_on = Some("2026-09-07".into());
    a.closed_on = Some("2026-10-20".into());
    a.close_mode = Some("mediation".into());
    a.recovered = Some("23000".into());
    a
}

/// A detained suspect whose defence the court requested.
fn notified() -> LegalAidInput {
    LegalAidInput {
        state: "notified".into(),
        aid_channel: "notified".into(),
        received_via: "custody".into(),
        receiving_org: "黄石港区法律援助中心".into(),
        competent_org: "黄石港区法律援助中心".into(),
        applicant_detained: true,
        received_on: "2026-11-24".into(),
        accepted_on: Some("2026-11-24".into()),
        name: "赵强".into(),
        id_no: "420202198003150011".into(),
        ethnicity: Some("01".into()),
        domicile: "湖北省黄石市".into(),
        residence: "黄石港区看守所".into(),
        groups: vec!["other".into()],
        case_nature: "criminal".into(),
        matter: "criminal_defense".into(),
        role: "accused".into(),
        stage: "first_instance".into(),
        handling_organ: "黄石港区人民法院".into(),
        reason: "被告人可能被判处无期徒刑，法院通知辩护".into(),
        service_form: "criminal_defense".into(),
        ..Default::default()
    }
}

fn fields(r: Result<LegalAidFacts>) -> Vec<String> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

fn messages(r: Result<LegalAidFacts>) -> Vec<String> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.message).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

fn clock(i: &LegalAidInput, cal: &Calendar, on: &str, rule: &str) -> LegalAidClock {
    let mut i = i.clone();
    validate(&mut i, d(on).max(today())).unwrap_or_else(|e| panic!("{e:?}"));
    clocks(&i, cal, d(on)).into_iter().find(|c| c.rule == rule).unwrap_or_else(|| panic!("no clock {rule}"))
}

fn has_clock(i: &LegalAidInput, rule: &str) -> bool {
    clocks(i, &weekends_only(), today()).iter().any(|c| c.rule == rule)
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_valid_application_is_normalised_and_marked_by_its_id_number() {
    let mut a = reviewing();
    let f = validate(&mut a, today()).unwrap();
    assert_eq!(f.received_on, d("2026-11-16"));
    assert_eq!(a.sex.as_deref(), Some("female"));
    assert_eq!(a.birth_date.as_deref(), Some("1949-12-31"));
    // Women and elderly from the ID number, in the table's order.
    assert_eq!(a.groups, vec!["elderly", "women", "migrant_worker"]);
    assert_eq!(f.groups_text, "|elderly|women|migrant_worker|");
    assert!(f.search_text.contains("王秀英") && f.search_text.contains("13800138000"));
    assert_eq!(format_application_no(2026, "石", 3), "（2026）石援申字第3号");
    // A decision number is written like an application number: （2026）…援决字第N号.
    let mut g = granted();
    validate(&mut g, today()).unwrap();
    assert_eq!(g.decision_no, "（2026）黄援决字第15号");
}

#[test]
fn every_field_error_names_its_field_in_chinese() {
    let mut a = reviewing();
    a.name = " ".into();
    a.id_no = "110105194912310021".into();
    a.phone = "12345".into();
    a.received_on = "2026-11-18".into();
    a.reason.clear();
    let f = fields(validate(&mut a.clone(), today()));
    let r = validate(&mut a, today());
    for want in ["name", "idNo", "phone", "reason", "forwardedOn", "acceptedOn"] {
        assert!(f.contains(&want.to_string()), "{want} missing from {f:?}");
    }
    let m = messages(r).join("|");
    assert!(m.contains("请填写申请人姓名"), "{m}");
    assert!(m.contains("申请人证件号码") && m.contains("校验位"), "{m}");
    assert!(m.contains("受理日期不能早于接收日期"), "{m}");
}

#[test]
fn dates_must_run_received_accepted_decided_assigned_closed() {
    let mut a = closed();
    a.assigned_on = Some("2026-09-03".into());
    a.closed_on = Some("2026-09-05".into());
    let m = messages(validate(&mut a, today()));
    assert!(m.contains(&"指派日期不能早于决定日期".to_string()), "{m:?}");
    let mut a = closed();
    a.closed_on = Some("2026-09-06".into());
    assert!(messages(validate(&mut a, today())).contains(&"结案日期不能早于指派日期".to_string()));
    let mut a = reviewing();
    a.accepted_on = Some("2026-11-28".into());
    assert_eq!(fields(validate(&mut a, today())), vec!["acceptedOn"]);
}

#[test]
fn a_date_for_a_later_step_asks_for_the_state_instead_of_being_dropped() {
    let mut a = granted();
    a.assigned_on = Some("2026-11-23".into());
    let m = messages(validate(&mut a, today()));
    assert_eq!(m, vec!["已填写指派日期，请先将状态改为“已指派”"]);
    let mut a = reviewing();
    a.decision_on = Some("2026-11-20".into());
    assert_eq!(fields(validate(&mut a, today())), vec!["decisionOn"]);
}

#[test]
fn groups_that_contradict_the_id_number_are_refused() {
    let mut a = reviewing();
    a.groups = vec!["minor".into()];
    a.sex = None;
    let m = messages(validate(&mut a, today()));
    assert!(m.iter().any(|m| m.contains("不属于未成年人")), "{m:?}");
    let mut a = reviewing();
    a.id_no = "420202198003150011".into(); // a man born 1980
    a.groups = vec!["women".into(), "elderly".into()];
    let m = messages(validate(&mut a, today()));
    assert!(m.iter().any(|m| m.contains("不属于妇女")) && m.iter().any(|m| m.contains("不属于老年人")), "{m:?}");
}

#[test]
fn a_minor_applies_through_an_agent() {
    let mut a = reviewing();
    a.id_no = "420202201203040022".into(); // a girl born 2012
    a.matter = "support_payment".into();
    a.means_sub_reason = Some("no_income_vulnerable".into());
    assert_eq!(fields(validate(&mut a.clone(), today())), vec!["agentName"]);
    a.agent_name = "李芳".into();
    assert_eq!(fields(validate(&mut a.clone(), today())), vec!["agentType"]);
    a.agent_type = Some("legal".into());
    a.agent_id_no = "11010519491231002x".into();
    validate(&mut a, today()).unwrap();
    assert!(a.groups.contains(&"minor".to_string()));
    assert_eq!(a.agent_id_no, "11010519491231002X");
}

#[test]
fn criminal_matters_roles_and_forms_belong_to_criminal_cases() {
    let mut a = reviewing();
    a.role = "accused".into();
    a.matter = "criminal_defense".into();
    a.service_form = "criminal_defense".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["matter", "role", "serviceForm"]);
    let mut a = notified();
    a.case_nature = "civil".into();
    a.matter = "wages".into();
    a.role = "plaintiff".into();
    a.service_form = "civil_agency".into();
    assert!(fields(validate(&mut a, today())).contains(&"caseNature".to_string()));
}

#[test]
fn the_means_basis_needs_its_reason_or_the_household_figures() {
    let mut a = reviewing();
    a.means_sub_reason = None;
    assert_eq!(messages(validate(&mut a, today())), vec!["请选择免予核查的情形"]);
    let mut a = reviewing();
    a.means_basis = "pledge".into();
    assert_eq!(fields(validate(&mut a.clone(), today())), vec!["householdSize", "monthlyIncome"]);
    a.household_size = Some(3);
    a.monthly_income = Some("-5".into());
    assert_eq!(fields(validate(&mut a.clone(), today())), vec!["monthlyIncome"]);
    a.monthly_income = Some("1800".into());
    validate(&mut a, today()).unwrap();
    assert_eq!(a.monthly_income.as_deref(), Some("1800.00"));
    assert_eq!(a.means_sub_reason, None);
    let mut a = reviewing();
    a.means_basis = "notified".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["meansBasis"]);
}

#[test]
fn notified_cases_skip_the_means_test_and_the_decision() {
    let mut a = notified();
    a.means_basis = "pledge".into();
    a.decision = Some("refuse".into());
    validate(&mut a, today()).unwrap();
    assert_eq!(a.means_basis, "notified");
    assert_eq!(a.decision, None);
    // A detained applicant needs no phone.
    assert!(a.phone.is_empty());
    let mut a = notified();
    a.state = "reviewing".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["state"]);
    let mut a = reviewing();
    a.state = "notified".into();
    assert!(fields(validate(&mut a, today())).contains(&"state".to_string()));
}

#[test]
fn each_state_requires_its_own_fields() {
    let mut a = assigned();
    a.handler.clear();
    a.handler_type = None;
    assert_eq!(fields(validate(&mut a, today())), vec!["handler", "handlerType"]);
    let mut a = granted();
    a.state = "refused".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["refusalReason"]);
    let mut a = closed();
    a.state = "terminated".into();
    a.closed_on = None;
    assert_eq!(fields(validate(&mut a, today())), vec!["terminatedOn", "terminationGround"]);
    let mut a = closed();
    a.state = "visited".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["fileSubmittedOn", "recipientVisitOn", "satisfaction"]);
    let mut a = reviewing();
    a.state = "supplementing".into();
    assert_eq!(fields(validate(&mut a, today())), vec!["suppNoticeOn"]);
}

#[test]
fn a_closed_case_cannot_also_be_terminated() {
    let mut a = closed();
    a.state = "filed".into();
    a.file_submitted_on = Some("2026-11-01".into());
    a.terminated_on = Some("2026-10-20".into());
    a.termination_ground = Some("own_lawyer".into());
    assert_eq!(fields(validate(&mut a, today())), vec!["closedOn"]);
}

#[test]
fn states_move_forward_only_and_a_paper_case_may_start_anywhere_on_its_path() {
    assert!(can_move("received", "visited"));
    assert!(!can_move("reviewing", "supplementing"), "materials are asked for all at once");
    assert!(!can_move("provisional", "granted"), "先行提供 stays the decision");
    assert!(can_move("refused", "objection_corrected"));
    assert!(can_move("objection_corrected", "assigned"));
    assert!(!can_move("closed", "handling"));
    assert!(!can_move("refused", "reviewing"));
    assert!(!can_move("withdrawn_deemed", "reviewing"));
    let fresh = allowed_states(None, "application");
    assert!(fresh.contains(&LegalAidState::Visited) && !fresh.contains(&LegalAidState::Notified));
    assert_eq!(
        allowed_states(None, "notified"),
        vec!["notified", "assigned", "handling", "closed", "terminated", "filed", "visited"]
    );
    assert_eq!(allowed_states(Some("granted"), "application"), vec!["granted", "assigned", "handling", "closed", "terminated", "filed", "visited"]);
    assert_eq!(allowed_states(Some("objecting"), "application"), vec!["objecting", "objection_upheld", "objection_corrected", "assigned", "handling", "closed", "terminated", "filed", "visited"]);
}

// ── Clocks ──────────────────────────────────────────────────────────────────────────────────────

#[test]
fn the_decision_is_due_seven_days_after_acceptance() {
    let a = reviewing();
    let cal = weekends_only();
    let c = clock(&a, &cal, "2026-11-20", "legal_aid.decide");
    assert_eq!((c.due_on.as_str(), c.status.as_str(), c.days_left), ("2026-11-23", "upcoming", Some(3)));
    assert_eq!(clock(&a, &cal, "2026-11-21", "legal_aid.decide").status, "warning");
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.decide");
    assert_eq!((c.status.as_str(), c.days_left), ("overdue", Some(-4)));
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert_eq!(running_due_on(&v, &cal, today()), Some(d("2026-11-23")));
    assert_eq!(deadlines(&v, &cal, today())[0].title, "审查决定期限");
}

#[test]
fn a_last_day_on_a_holiday_moves_to_the_next_working_day() {
    let mut a = reviewing();
    a.received_on = "2026-09-25".into();
    a.forwarded_on = Some("2026-09-25".into());
    a.accepted_on = Some("2026-09-25".into());
    // 2 October is a national holiday: the decision is due on 8 October.
    assert_eq!(clock(&a, &national_day(), "2026-09-28", "legal_aid.decide").due_on, "2026-10-08");
    assert_eq!(clock(&a, &weekends_only(), "2026-09-28", "legal_aid.decide").due_on, "2026-10-02");
    // Accepted on a Sunday: day 7 is a Sunday, so Monday.
    let mut a = reviewing();
    a.received_on = "2026-11-15".into();
    a.forwarded_on = Some("2026-11-15".into());
    a.accepted_on = Some("2026-11-15".into());
    assert_eq!(clock(&a, &weekends_only(), "2026-11-16", "legal_aid.decide").due_on, "2026-11-23");
}

#[test]
fn the_clock_stands_still_while_materials_are_supplemented_and_resumes_after() {
    let cal = weekends_only();
    let mut a = reviewing();
    a.state = "supplementing".into();
    a.supp_notice_on = Some("2026-11-18".into());
    a.supp_items = "劳动合同或工资欠条".into();
    // One day counted (17th) before the notice: six remain, however long the wait.
    for (on, due) in [("2026-11-20", "2026-11-26"), ("2026-11-25", "2026-12-01"), ("2026-11-27", "2026-12-03")] {
        let c = clock(&a, &cal, on, "legal_aid.decide");
        assert_eq!((c.status.as_str(), c.days_left, c.due_on.as_str()), ("paused", Some(6), due), "on {on}");
    }
    // Not stored as running: it moves every day.
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    let supplement_due = d("2026-12-03"); // notice + 15 days
    assert_eq!(running_due_on(&v, &cal, today()), Some(supplement_due));
    let dl = deadlines(&v, &cal, today());
    assert_eq!(dl.last().unwrap().level, "paused");
    assert_eq!(dl[0].title, "补充材料期限");

    // Materials came on 25 November: 8 days stood still, due 1 December.
    let mut a = a.clone();
    a.state = "reviewing".into();
    a.supp_done_on = Some("2026-11-25".into());
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.decide");
    assert_eq!((c.status.as_str(), c.days_left, c.due_on.as_str()), ("upcoming", Some(4), "2026-12-01"));
    let s = clock(&a, &cal, "2026-11-27", "legal_aid.supplement");
    assert_eq!((s.status.as_str(), s.done_on.as_deref()), ("on_time", Some("2026-11-25")));
}

#[test]
fn no_materials_by_the_supplement_deadline_points_to_deemed_withdrawal() {
    let cal = weekends_only();
    let mut a = reviewing();
    a.state = "supplementing".into();
    a.supp_notice_on = Some("2026-11-02".into());
    a.supp_items = "身份证明".into();
    a.supp_due_on = Some("2026-11-12".into());
    a.received_on = "2026-11-02".into();
    a.forwarded_on = Some("2026-11-02".into());
    a.accepted_on = Some("2026-11-02".into());
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.supplement");
    assert_eq!((c.status.as_str(), c.days_left), ("overdue", Some(-15)));
    // Deemed withdrawn: nothing is due any more.
    a.state = "withdrawn_deemed".into();
    a.decision_on = Some("2026-11-13".into());
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert_eq!(v.decision.as_deref(), Some("withdrawn"));
    assert!(deadlines(&v, &cal, today()).is_empty());
    assert_eq!(running_due_on(&v, &cal, today()), None);
}

#[test]
fn a_late_decision_is_allowed_and_flagged() {
    let mut a = granted();
    a.decision_on = Some("2026-11-25".into()); // due 23rd
    let c = clock(&a, &weekends_only(), "2026-11-27", "legal_aid.decide");
    assert_eq!((c.status.as_str(), c.done_on.as_deref()), ("late", Some("2026-11-25")));
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert_eq!(late_rules(&v, &weekends_only(), today()), vec!["legal_aid.decide"]);
}

#[test]
fn a_grant_without_assignment_after_three_days_is_overdue() {
    let cal = weekends_only();
    let a = granted(); // decided Friday 20th: due Monday 23rd
    let c = clock(&a, &cal, "2026-11-23", "legal_aid.assign");
    assert_eq!((c.due_on.as_str(), c.status.as_str(), c.days_left), ("2026-11-23", "warning", Some(0)));
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.assign");
    assert_eq!((c.status.as_str(), c.days_left), ("overdue", Some(-4)));
    let c = clock(&assigned(), &cal, "2026-11-27", "legal_aid.assign");
    assert_eq!(c.status, "on_time");
    let mut late = assigned();
    late.assigned_on = Some("2026-11-24".into());
    assert_eq!(clock(&late, &cal, "2026-11-27", "legal_aid.assign").status, "late");
}

#[test]
fn a_notified_case_is_assigned_within_three_days_of_the_notice() {
    let cal = weekends_only();
    let a = notified(); // Tuesday 24th → Friday 27th
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.assign");
    assert_eq!((c.due_on.as_str(), c.status.as_str(), c.days_left), ("2026-11-27", "warning", Some(0)));
    assert_eq!(clock(&a, &cal, "2026-11-30", "legal_aid.assign").status, "overdue");
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert!(!has_clock(&v, "legal_aid.decide"));
    // Received and competent in the same place: nothing to forward, even for a detained person.
    assert!(!has_clock(&v, "legal_aid.forward_detained"));
}

#[test]
fn a_detained_applicants_request_is_forwarded_within_24_hours_weekend_or_not() {
    let cal = weekends_only();
    let mut a = reviewing();
    a.state = "received".into();
    a.applicant_detained = true;
    a.received_via = "custody".into();
    a.received_on = "2026-11-20".into(); // Friday
    a.forwarded_on = None;
    a.accepted_on = None;
    a.phone.clear();
    let c = clock(&a, &cal, "2026-11-20", "legal_aid.forward_detained");
    assert_eq!((c.due_on.as_str(), c.status.as_str()), ("2026-11-21", "upcoming"));
    assert_eq!(clock(&a, &cal, "2026-11-23", "legal_aid.forward_detained").status, "overdue");
    a.forwarded_on = Some("2026-11-21".into());
    assert_eq!(clock(&a, &cal, "2026-11-23", "legal_aid.forward_detained").status, "on_time");
    a.forwarded_on = Some("2026-11-23".into());
    assert_eq!(clock(&a, &cal, "2026-11-23", "legal_aid.forward_detained").status, "late");
}

#[test]
fn a_forwarded_application_keeps_both_dates_and_its_clock_starts_at_acceptance() {
    let mut a = reviewing();
    a.received_via = "in_person".into();
    a.received_on = "2026-11-12".into();
    a.forwarded_on = Some("2026-11-13".into());
    a.accepted_on = Some("2026-11-16".into());
    let c = clock(&a, &weekends_only(), "2026-11-20", "legal_aid.decide");
    assert_eq!(c.due_on, "2026-11-23");
    // The same period from receipt is shown for reference only: not a deadline, never "late".
    let r = clock(&a, &weekends_only(), "2026-11-20", "legal_aid.decide_from_receipt");
    assert_eq!((r.title.as_str(), r.due_on.as_str(), r.status.as_str()), ("审查决定期限（自接收起算）", "2026-11-19", "overdue"));
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert!(deadlines(&v, &weekends_only(), d("2026-11-20")).iter().all(|d| d.title == "审查决定期限"));
    assert_eq!(running_due_on(&v, &weekends_only(), d("2026-11-20")), Some(d("2026-11-23")));
    // 市域通办转出 needs a competent institution elsewhere.
    let mut out = a.clone();
    out.city_transfer_out = true;
    validate(&mut out.clone(), today()).unwrap();
    out.competent_org = out.receiving_org.clone();
    out.forwarded_on = None;
    assert_eq!(fields(validate(&mut out, today())), vec!["cityTransferOut"]);
    // Forwarded applications need the forwarding date once past 申请接收.
    let mut b = a.clone();
    b.forwarded_on = None;
    assert_eq!(fields(validate(&mut b, today())), vec!["forwardedOn"]);
    // An application received by the competent institution itself has none.
    let mut b = a.clone();
    b.receiving_org = b.competent_org.clone();
    assert_eq!(messages(validate(&mut b, today())), vec!["接收机构与受理机构相同，无需填写转交日期"]);
    b.forwarded_on = None;
    validate(&mut b, today()).unwrap();
}

#[test]
fn an_objection_is_decided_within_five_days() {
    let mut a = granted();
    a.state = "objecting".into();
    a.refusal_reason = "申请人家庭经济状况不符合条件".into();
    a.objection_on = Some("2026-11-20".into());
    let c = clock(&a, &weekends_only(), "2026-11-27", "legal_aid.objection");
    assert_eq!((c.due_on.as_str(), c.status.as_str(), c.days_left), ("2026-11-25", "overdue", Some(-2)));
    // Corrected: the assignment clock runs from the objection decision.
    a.state = "objection_corrected".into();
    a.objection_decided_on = Some("2026-11-24".into());
    let c = clock(&a, &weekends_only(), "2026-11-27", "legal_aid.assign");
    assert_eq!((c.due_on.as_str(), c.status.as_str()), ("2026-11-27", "warning"));
    let o = clock(&a, &weekends_only(), "2026-11-27", "legal_aid.objection");
    assert_eq!(o.status, "on_time");
    // And then assigned, with the refusal on record.
    a.state = "assigned".into();
    a.decision = Some("refuse".into());
    a.objection_result = Some("corrected".into());
    a.assigned_on = Some("2026-11-26".into());
    a.provider = "石港法律服务所".into();
    a.handler = "陈某".into();
    a.handler_type = Some("grassroots_worker".into());
    let mut v = a.clone();
    validate(&mut v, today()).unwrap();
    assert_eq!(v.decision.as_deref(), Some("refuse"));
    assert_eq!(v.objection_result.as_deref(), Some("corrected"));
}

#[test]
fn the_case_file_is_due_thirty_days_after_closing_and_then_the_visit() {
    let cal = weekends_only();
    let a = closed(); // closed 20 October → 19 November
    let c = clock(&a, &cal, "2026-11-27", "legal_aid.file_submit");
    assert_eq!((c.due_on.as_str(), c.status.as_str(), c.days_left), ("2026-11-19", "overdue", Some(-8)));
    let v = clock(&a, &cal, "2026-11-27", "legal_aid.recipient_visit");
    assert_eq!(v.status, "overdue");
    let mut f = a.clone();
    f.state = "filed".into();
    f.file_submitted_on = Some("2026-11-10".into());
    assert_eq!(clock(&f, &cal, "2026-11-27", "legal_aid.file_submit").status, "on_time");
    let mut vis = f.clone();
    vis.state = "visited".into();
    vis.recipient_visit_on = Some("2026-11-12".into());
    vis.satisfaction = Some("satisfied".into());
    let mut v = vis.clone();
    validate(&mut v, today()).unwrap();
    assert!(deadlines(&v, &cal, today()).is_empty());
    assert!(late_rules(&v, &cal, today()).is_empty());
}

#[test]
fn consultations_are_checked_and_searchable() {
    let mut c = ConsultationInput {
        consulted_on: "2026年11月27日".into(),
        matter: "wages".into(),
        question: "被拖欠工资怎么办".into(),
        answer: "可申请劳动仲裁，符合条件的可申请法律援助".into(),
        staff: "周建华".into(),
        phone: "138 0013 8000".into(),
        groups: vec!["migrant_worker".into(), "migrant_worker".into(), "women".into()],
        ..Default::default()
    };
    let f = validate_consultation(&mut c, today()).unwrap();
    assert_eq!(c.consulted_on, "2026-11-27");
    assert_eq!(c.phone, "13800138000");
    assert_eq!(c.groups, vec!["women", "migrant_worker"]);
    assert!(f.search_text.contains("拖欠工资"));
    let mut bad = ConsultationInput { consulted_on: "2026-11-28".into(), persons: 0, channel: "fax".into(), ..Default::default() };
    let errs = match validate_consultation(&mut bad, today()) {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(errs, vec!["consultedOn", "channel", "matter", "persons", "question", "answer", "staff"]);
}

#[test]
fn a_notice_on_the_acceptance_day_pauses_from_the_next_day() {
    let mut a = reviewing();
    a.supp_notice_on = Some("2026-11-16".into());
    a.supp_items = "欠薪凭证".into();
    a.supp_done_on = Some("2026-11-19".into());
    // Days 20–26 counted: due on the 26th, not the 27th.
    assert_eq!(clock(&a, &weekends_only(), "2026-11-20", "legal_aid.decide").due_on, "2026-11-26");
    a.state = "supplementing".into();
    a.supp_done_on = None;
    let c = clock(&a, &weekends_only(), "2026-11-16", "legal_aid.decide");
    assert_eq!((c.status.as_str(), c.days_left), ("paused", Some(7)));
}

#[test]
fn a_provisional_case_terminated_before_assignment_can_be_filed() {
    let mut a = granted();
    a.state = "filed".into();
    a.decision = Some("provisional".into());
    a.provisional_reason = "距诉讼时效届满不足七日".into();
    a.terminated_on = Some("2026-11-24".into());
    a.termination_ground = Some("own_lawyer".into());
    a.file_submitted_on = Some("2026-11-26".into());
    let mut v = a.clone();
    validate(&mut v, today()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(v.assigned_on, None);
    let f = clock(&a, &weekends_only(), "2026-11-27", "legal_aid.file_submit");
    assert_eq!(f.status, "on_time");
}

#[test]
fn contradictions_are_refused_rather_than_dropped() {
    // A termination typed on a closed case.
    let mut a = closed();
    a.terminated_on = Some("2026-10-15".into());
    assert_eq!(fields(validate(&mut a, today())), vec!["terminatedOn"]);
    // A supplement notice before the application is accepted.
    let mut a = reviewing();
    a.state = "received".into();
    a.supp_notice_on = Some("2026-11-17".into());
    a.supp_items = "身份证明".into();
    assert_eq!(messages(validate(&mut a, today())), vec!["已填写补充材料通知日期，请先将状态改为“补充材料中”"]);
    // Deemed withdrawn before the time to supplement ran out, or without a date.
    let mut a = reviewing();
    a.state = "withdrawn_deemed".into();
    a.supp_notice_on = Some("2026-11-17".into());
    a.supp_items = "身份证明".into();
    assert_eq!(fields(validate(&mut a.clone(), today())), vec!["decisionOn"]);
    a.decision_on = Some("2026-11-25".into());
    assert_eq!(messages(validate(&mut a.clone(), today())), vec!["补充期限（2026-12-02）届满后才能视为撤回"]);
    a.supp_due_on = Some("2026-11-24".into());
    validate(&mut a, today()).unwrap();
}

#[test]
fn other_means_none_of_the_listed_groups() {
    let mut a = reviewing();
    a.groups = vec!["other".into()];
    validate(&mut a, today()).unwrap();
    // 妇女 and 老年人 come from the ID number, so 其他 no longer applies.
    assert_eq!(a.groups, vec!["elderly", "women"]);
}

#[test]
fn a_refusal_without_an_objection_yet_refuses_objection_fields() {
    let mut a = granted();
    a.state = "refused".into();
    a.refusal_reason = "不属于法律援助范围".into();
    a.objection_on = Some("2026-11-24".into());
    a.objection_result = Some("corrected".into());
    a.objection_decided_on = Some("2026-11-26".into());
    assert_eq!(messages(validate(&mut a, today())), vec!["已填写提出异议日期，请先将状态改为“异议中”"]);
}
