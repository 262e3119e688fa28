use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub(crate) fn party(role: &str, name: &str) -> Party {
    Party { role: role.into(), kind: "natural".into(), name: name.into(), ..Default::default() }
}

pub(crate) fn valid_case() -> MediationCaseInput {
    MediationCaseInput {
        state: "accepted".into(),
        accepted_on: "2026-11-20".into(),
        dispute_type: "neighbour".into(),
        summary: "张三与李四因排水沟发生纠纷".into(),
        mediators: vec!["周建华".into()],
        rights_notice_on: Some("2026-11-20".into()),
        parties: vec![party("applicant", "张三"), party("respondent", "李四")],
        ..Default::default()
    }
}

fn agreed_case() -> MediationCaseInput {
    let mut c = valid_case();
    c.state = "agreed".into();
    c.sessions.push(MediationSession { date: "2026-11-21".into(), ..Default::default() });
    c.agreement_form = Some("written".into());
    c.agreement_on = Some("2026-11-22".into());
    c.terms = "李四于三日内疏通排水沟".into();
    c.perform_mode = Some("immediate".into());
    c.performance = Some("performing".into());
    c
}

fn fields(r: Result<CaseFacts>) -> Vec<String> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

fn messages(r: Result<CaseFacts>) -> Vec<String> {
    match r {
        Err(Error::Validation(f)) => f.into_iter().map(|f| f.message).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

#[test]
fn a_valid_case_passes_and_yields_facts() {
    let mut c = valid_case();
    let f = validate(&mut c, today()).unwrap();
    assert_eq!(f.accepted_on, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    assert_eq!(f.due_on, Some(NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()));
    assert_eq!(f.host_mediator, "周建华");
    assert_eq!(f.parties_text, "张三 与 李四");
    assert!(f.search_names.contains("张三") && f.search_names.contains("周建华"));
}

#[test]
fn one_party_is_refused() {
    let mut c = valid_case();
    c.parties.pop();
    assert!(fields(validate(&mut c, today())).contains(&"parties".to_string()));
}

#[test]
fn id_number_checksum_sex_and_birth_are_checked_per_field() {
    let mut c = valid_case();
    c.parties[0].id_no = "110105194912310021".into();
    let m = messages(validate(&mut c.clone(), today()));
    assert!(m[0].contains("第1位当事人的证件号码") && m[0].contains("校验位"), "{m:?}");
    assert_eq!(fields(validate(&mut c, today())), vec!["parties.0.idNo"]);

    let mut c = valid_case();
    c.parties[0].id_no = "11010519491231002x".into();
    c.parties[0].sex = Some("male".into());
    assert_eq!(fields(validate(&mut c, today())), vec!["parties.0.sex"]);

    let mut c = valid_case();
    c.parties[0].id_no = "11010519491231002X".into();
    c.parties[0].birth_date = Some("1949-12-30".into());
    assert_eq!(fields(validate(&mut c, today())), vec!["parties.0.birthDate"]);

    // Impossible birth date inside the number.
    let first17 = "11010519490230002";
    let c17 = crate::validate::id_check_char(first17).unwrap();
    let mut c = valid_case();
    c.parties[1].id_no = format!("{first17}{c17}");
    assert!(messages(validate(&mut c, today()))[0].contains("不存在"));
}

#[test]
fn harmless_variants_are_normalised() {
    let mut c = valid_case();
    c.parties[0].id_no = " １１０１０５１９４９１２３１００２x ".into();
    c.parties[0].phone = "138 0013 8000".into();
    c.accepted_on = "2026年11月20日".into();
    c.amount = Some("1,200.5".into());
    validate(&mut c, today()).unwrap();
    assert_eq!(c.parties[0].id_no, "11010519491231002X");
    assert_eq!(c.parties[0].sex.as_deref(), Some("female"));
    assert_eq!(c.parties[0].birth_date.as_deref(), Some("1949-12-31"));
    assert_eq!(c.parties[0].phone, "13800138000");
    assert_eq!(c.accepted_on, "2026-11-20");
    assert_eq!(c.amount.as_deref(), Some("1200.50"));
}

#[test]
fn dates_in_the_future_and_out_of_order_are_refused() {
    let mut c = valid_case();
    c.accepted_on = "2026-11-28".into();
    assert!(fields(validate(&mut c, today())).contains(&"acceptedOn".to_string()));

    let mut c = agreed_case();
    c.agreement_on = Some("2026-11-19".into());
    let f = fields(validate(&mut c, today()));
    assert!(f.contains(&"agreementOn".to_string()), "{f:?}");

    let mut c = valid_case();
    c.occurred_on = Some("2026-11-21".into());
    assert_eq!(messages(validate(&mut c, today())), vec!["发生日期不能晚于受理日期"]);
}

#[test]
fn negative_amounts_and_long_fields_are_refused() {
    let mut c = valid_case();
    c.amount = Some("-5".into());
    c.parties[0].name = "张".repeat(51);
    let f = fields(validate(&mut c, today()));
    assert_eq!(f, vec!["amount", "parties.0.name"]);
}

#[test]
fn state_conditional_fields_are_enforced() {
    let mut c = valid_case();
    c.state = "agreed".into();
    let f = fields(validate(&mut c, today()));
    for needed in ["agreementForm", "agreementOn", "performMode", "performance"] {
        assert!(f.contains(&needed.to_string()), "{needed} in {f:?}");
    }
    let mut c = valid_case();
    c.state = "failed".into();
    let f = fields(validate(&mut c, today()));
    assert!(f.contains(&"failRoute".to_string()) && f.contains(&"closedOn".to_string()), "{f:?}");
    let mut c = agreed_case();
    c.state = "archived".into();
    c.closed_on = Some("2026-11-25".into());
    assert_eq!(fields(validate(&mut c, today())), vec!["followUps"]);
    let mut c = valid_case();
    c.state = "not_accepted".into();
    c.mediators.clear();
    assert_eq!(fields(validate(&mut c, today())), vec!["notAcceptedReason"]);
}

#[test]
fn agreement_fields_are_cleared_outside_agreed_states() {
    let mut c = agreed_case();
    c.state = "mediating".into();
    validate(&mut c, today()).unwrap();
    assert_eq!(c.agreement_form, None);
    assert_eq!(c.terms, "");
}

#[test]
fn judicial_confirmation_must_be_within_thirty_days() {
    let mut c = agreed_case();
    c.agreement_on = Some("2026-10-01".into());
    c.accepted_on = "2026-09-30".into();
    c.rights_notice_on = Some("2026-09-30".into());
    c.sessions[0].date = "2026-09-30".into();
    c.judicial_confirm = "applied".into();
    c.judicial_court = "区人民法院".into();
    c.judicial_on = Some("2026-11-05".into());
    assert_eq!(fields(validate(&mut c.clone(), today())), vec!["judicialOn"]);
    c.judicial_on = Some("2026-10-31".into());
    validate(&mut c, today()).unwrap();
}

#[test]
fn state_machine_allows_forward_moves_only() {
    assert!(can_move("registered", "archived"));
    assert!(can_move("accepted", "agreed"));
    assert!(can_move("mediating", "mediating"));
    assert!(!can_move("agreed", "mediating"));
    assert!(!can_move("failed", "agreed"));
    assert!(!can_move("not_accepted", "accepted"));
    assert!(!can_move("archived", "agreed"));
}

#[test]
fn conclusion_deadline_warns_from_day_25_and_is_overdue_after_day_30() {
    let c = valid_case(); // accepted 2026-11-20, due 2026-12-20
    let on = |d: u32, m: u32| deadlines(&c, NaiveDate::from_ymd_opt(2026, m, d).unwrap());
    assert_eq!(on(14, 12)[0].level, "upcoming");
    assert_eq!(on(15, 12)[0].level, "warning"); // day 25
    assert_eq!(on(15, 12)[0].days_left, 5);
    assert_eq!(on(20, 12)[0].level, "warning"); // day 30, last day
    assert_eq!(on(21, 12)[0].level, "overdue");
    assert_eq!(on(21, 12)[0].days_left, -1);
    assert_eq!(on(21, 12)[0].title, "调解期限");
}

#[test]
fn judicial_window_and_follow_up_deadlines() {
    let c = agreed_case(); // agreed 2026-11-22, immediate performance
    let d = deadlines(&c, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let titles: Vec<_> = d.iter().map(|d| (d.title.as_str(), d.due_on.as_str())).collect();
    assert!(titles.contains(&("司法确认申请期限", "2026-12-22")), "{titles:?}");
    assert!(titles.contains(&("回访", "2026-12-22")), "{titles:?}");
    // After the window closes it is no longer listed; the visit becomes overdue.
    let d = deadlines(&c, NaiveDate::from_ymd_opt(2026, 12, 23).unwrap());
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].title.as_str(), d[0].level.as_str()), ("回访", "overdue"));
    // A visit made clears it.
    let mut visited = c.clone();
    visited.follow_ups.push(FollowUp { date: "2026-11-25".into(), visitor: "周建华".into(), mode: "phone".into(), ..Default::default() });
    assert!(deadlines(&visited, NaiveDate::from_ymd_opt(2026, 12, 23).unwrap()).is_empty());
    // Performance by a deadline: the visit is due then.
    let mut later = c.clone();
    later.perform_mode = Some("by_deadline".into());
    later.perform_by = Some("2027-01-10".into());
    let d = deadlines(&later, NaiveDate::from_ymd_opt(2026, 12, 23).unwrap());
    assert_eq!(d[0].due_on, "2027-01-10");
}

#[test]
fn text_is_kept_verbatim() {
    let mut c = valid_case();
    c.summary = "=1+1 <script>alert(1)</script>'; DROP TABLE mediation_case; --".into();
    validate(&mut c, today()).unwrap();
    assert_eq!(c.summary, "=1+1 <script>alert(1)</script>'; DROP TABLE mediation_case; --");
}

#[test]
fn case_numbers() {
    assert_eq!(format_case_no(2026, "石", 12), "（2026）石调字第12号");
}

#[test]
fn closing_cannot_precede_the_last_session_or_visit_and_id_types_are_checked() {
    let mut c = agreed_case();
    c.state = "archived".into();
    c.follow_ups.push(FollowUp { date: "2026-11-26".into(), visitor: "周建华".into(), mode: "phone".into(), ..Default::default() });
    c.closed_on = Some("2026-11-25".into());
    assert_eq!(fields(validate(&mut c.clone(), today())), vec!["closedOn"]);
    c.closed_on = Some("2026-11-26".into());
    validate(&mut c, today()).unwrap();

    let mut c = valid_case();
    c.parties[0].id_type = Some("no_such_type".into());
    assert_eq!(fields(validate(&mut c, today())), vec!["parties.0.idType"]);
}
