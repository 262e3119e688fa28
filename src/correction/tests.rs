use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn levels() -> Vec<SupervisionLevel> {
    let l = |code: &str, r, t, e, s, v| SupervisionLevel {
        code: code.into(),
        reports_per_month: r,
        talks_per_month: t,
        education_hours: e,
        service_hours: s,
        visit_every_days: v,
    };
    // The seed of migration 4.
    vec![l("strict", 4, 4, 12, 12, 30), l("normal", 2, 1, 8, 8, 60), l("lenient", 1, 1, 4, 4, 90)]
}

/// A probationer who reported on Saturday 5 September 2026, on 普管.
fn subject() -> CorrectionSubjectInput {
    CorrectionSubjectInput {
        subject_code: "420202-2026-007".into(),
        name: "赵强".into(),
        id_no: "420202198003150011".into(),
        phone: "13800138000".into(),
        domicile: "湖北省黄石市黄石港区".into(),
        residence: "石港镇和平村3组".into(),
        correction_type: "probation".into(),
        deciding_organ_name: "黄石港区人民法院".into(),
        doc_no: "(2026)鄂0202刑初88号".into(),
        effective_on: Some("2026-09-01".into()),
        charge: "危险驾驶罪".into(),
        charge_class: "02".into(),
        sentence: "拘役三个月，缓刑六个月".into(),
        corr_start: Some("2026-09-01".into()),
        corr_end: Some("2027-08-31".into()),
        reported_on: Some("2026-09-05".into()),
        announced_on: Some("2026-09-05".into()),
        state: "supervising".into(),
        ..Default::default()
    }
}

fn checked() -> CorrectionSubjectInput {
    let mut s = subject();
    validate_subject(&mut s, d("2026-11-27")).unwrap();
    s
}

fn ev(kind: &str, on: &str) -> CorrectionEventInput {
    CorrectionEventInput { kind: kind.into(), event_on: on.into(), staff: "李明".into(), ..Default::default() }
}

fn report(on: &str) -> CorrectionEventInput {
    CorrectionEventInput { report_mode: Some("in_person".into()), ..ev("report", on) }
}

/// Reports every 15 days from 20 September (the 普管 cadence from the report-in), up to `until`.
fn on_time_reports(until: &str) -> Vec<CorrectionEventInput> {
    let mut out = Vec::new();
    let mut on = d("2026-09-20");
    while on <= d(until) {
        out.push(report(&on.to_string()));
        on += chrono::Duration::days(15);
    }
    out
}

fn hours(kind: &str, on: &str, h: f64) -> CorrectionEventInput {
    CorrectionEventInput { hours: Some(h), content: "法治教育".into(), ..ev(kind, on) }
}

fn leave(applied: &str, from: &str, to: &str, decision: &str) -> CorrectionEventInput {
    CorrectionEventInput {
        leave_reason: Some("medical".into()),
        destination: "武汉市".into(),
        leave_from: Some(from.into()),
        leave_to: Some(to.into()),
        decision: Some(decision.into()),
        decided_on: (decision != "pending").then(|| applied.to_string()),
        ..ev("leave", applied)
    }
}

fn sanction(on: &str, code: &str, decision: &str) -> CorrectionEventInput {
    CorrectionEventInput {
        sanction: Some(code.into()),
        content: "未按规定报告".into(),
        decision: Some(decision.into()),
        decided_on: (decision != "pending").then(|| on.to_string()),
        ..ev("sanction", on)
    }
}

fn sup(s: &CorrectionSubjectInput, events: &[CorrectionEventInput], today: &str) -> Supervision {
    supervision(s, events, &levels(), &Calendar::new([]), d(today))
}

fn duty_of<'a>(s: &'a Supervision, kind: &str) -> Option<&'a Duty> {
    s.duties.iter().find(|x| x.kind == kind)
}

fn errors(r: Result<impl std::fmt::Debug>) -> Vec<(String, String)> {
    match r {
        Err(Error::Validation(v)) => v.into_iter().map(|e| (e.field, e.message)).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

fn has(errs: &[(String, String)], field: &str, text: &str) -> bool {
    errs.iter().any(|(f, m)| f == field && m.contains(text))
}

// ── The subject ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_complete_subject_is_normalised_and_indexed() {
    let mut s = subject();
    let f = validate_subject(&mut s, d("2026-11-27")).unwrap();
    assert_eq!(s.sex.as_deref(), Some("male"));
    assert_eq!(s.birth_date.as_deref(), Some("1980-03-15"));
    assert_eq!(s.doc_no, "（2026）鄂0202刑初88号");
    assert!(!f.is_minor);
    assert_eq!(f.corr_end, Some(d("2027-08-31")));
    assert!(f.search_text.contains("赵强") && f.search_text.contains("420202-2026-007"));
}

#[test]
fn missing_fields_are_named_and_the_assessment_stage_needs_no_ruling() {
    let errs = errors(validate_subject(&mut CorrectionSubjectInput::default(), d("2026-11-27")));
    for (field, text) in [
        ("subjectCode", "请填写对象编号"),
        ("name", "请填写姓名"),
        ("idNo", "请填写证件号码"),
        ("phone", "请填写联系电话"),
        ("correctionType", "请选择矫正类别"),
        ("docNo", "请填写判决"),
        ("effectiveOn", "请填写判决生效日期"),
        ("chargeClass", "请选择罪名类别"),
        ("corrStart", "请填写矫正起始日"),
        ("corrEnd", "请填写矫正期满日"),
    ] {
        assert!(has(&errs, field, text), "{field}: {errs:?}");
    }
    let mut s = subject();
    s.state = "assessing".into();
    s.doc_no.clear();
    s.effective_on = None;
    s.sentence.clear();
    s.corr_start = None;
    s.corr_end = None;
    s.reported_on = None;
    s.announced_on = None;
    validate_subject(&mut s, d("2026-11-27")).unwrap();
}

#[test]
fn dates_follow_the_state_and_each_other() {
    let mut s = subject();
    s.state = "awaiting_report".into();
    s.announced_on = None;
    let errs = errors(validate_subject(&mut s, d("2026-11-27")));
    assert!(has(&errs, "reportedOn", "请先将状态改为“已报到”"), "{errs:?}");

    let mut s = subject();
    s.reported_on = Some("2026-08-30".into());
    s.corr_end = Some("2026-08-01".into());
    let errs = errors(validate_subject(&mut s, d("2026-11-27")));
    assert!(has(&errs, "reportedOn", "报到日期不能早于判决生效日期"), "{errs:?}");
    assert!(has(&errs, "corrEnd", "矫正期满日不能早于矫正起始日"), "{errs:?}");

    let mut s = subject();
    s.announced_on = Some("2026-12-01".into());
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "announcedOn", "不能晚于今天"));
}

#[test]
fn the_temporary_kind_belongs_to_temporary_execution_only() {
    let mut s = subject();
    s.temporary_kind = Some("medical".into());
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "temporaryKind", "仅适用于暂予监外执行"));
    let mut s = subject();
    s.correction_type = "temporary".into();
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "temporaryKind", "请选择暂予监外执行情形"));
}

#[test]
fn e_positioning_lasts_three_months_at_most_per_approval() {
    let mut s = subject();
    s.e_monitoring = vec![EMonitoringPeriod { start: Some("2026-09-10".into()), end: Some("2026-12-09".into()), reason: Some("left_area".into()) }];
    validate_subject(&mut s, d("2026-11-27")).unwrap();
    // At most start + 3 months (DOMAIN.md §3.3), the month's last day where the month is shorter.
    s.e_monitoring[0].end = Some("2026-12-10".into());
    validate_subject(&mut s, d("2026-11-27")).unwrap();
    s.e_monitoring[0].end = Some("2026-12-11".into());
    let errs = errors(validate_subject(&mut s, d("2026-11-27")));
    assert!(has(&errs, "eMonitoring.0.end", "超过三个月（最晚至2026-12-10）"), "{errs:?}");
    let mut short = subject();
    short.e_monitoring = vec![EMonitoringPeriod { start: Some("2026-11-30".into()), end: Some("2027-02-28".into()), reason: Some("left_area".into()) }];
    validate_subject(&mut short, d("2026-11-30")).unwrap();
    // A renewal is a second period after the first.
    s.e_monitoring[0].end = Some("2026-12-09".into());
    s.e_monitoring.push(EMonitoringPeriod { start: Some("2026-12-01".into()), end: Some("2027-02-28".into()), reason: Some("left_area".into()) });
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "eMonitoring.1.start", "须晚于上一段的止日"));
    s.e_monitoring[1].start = Some("2026-12-10".into());
    s.e_monitoring[1].reason = None;
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "eMonitoring.1.reason", "请选择第2段电子定位的原因"));
}

#[test]
fn exits_name_their_type_date_and_document() {
    let mut s = subject();
    s.state = "released".into();
    let errs = errors(validate_subject(&mut s, d("2027-09-01")));
    assert!(has(&errs, "exitType", "请选择解除或终止类型"), "{errs:?}");
    assert!(has(&errs, "exitOn", "请填写解除（终止）日期"), "{errs:?}");
    assert!(has(&errs, "exitDocNo", "请填写文书编号"), "{errs:?}");
    s.exit_type = Some("parole_revoked".into());
    s.exit_on = Some("2026-12-01".into());
    s.exit_doc_no = "黄解字第3号".into();
    let errs = errors(validate_subject(&mut s, d("2027-09-01")));
    assert!(has(&errs, "exitType", "与状态“解除矫正”不符"), "{errs:?}");
    assert!(has(&errs, "exitType", "撤销假释不适用于缓刑的对象"), "{errs:?}");
    s.exit_type = Some("expired".into());
    assert!(has(&errors(validate_subject(&mut s, d("2027-09-01"))), "exitOn", "期满解除日期不能早于矫正期满日"));
    s.exit_on = Some("2027-08-31".into());
    validate_subject(&mut s, d("2027-09-01")).unwrap();
    // Still under supervision: exit data is refused, not dropped.
    let mut s = subject();
    s.exit_on = Some("2026-11-01".into());
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "exitType", "请先将状态改为"));
}

#[test]
fn flags_are_for_subjects_under_supervision_and_derived_ones_are_not_stored() {
    let mut s = subject();
    s.flags = vec!["away".into(), "absconded".into()];
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "abscondedSince", "请填写脱管/失联起始日"));
    s.absconded_since = Some("2026-11-01".into());
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "abscondReason", "请填写脱管/失联原因"));
    s.abscond_reason = "外出务工未告知".into();
    s.missed_reason = "判决未及时送达".into();
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "missedReason", "未标记漏管，不应填写漏管原因"));
    s.flags.push("missed".into());
    validate_subject(&mut s, d("2026-11-27")).unwrap();
    assert_eq!(s.flags, vec!["absconded", "missed"]);
    let mut s = subject();
    s.state = "terminated".into();
    s.exit_type = Some("died".into());
    s.exit_on = Some("2026-11-20".into());
    s.exit_doc_no = "死亡证明第9号".into();
    s.flags = vec!["coercive".into()];
    assert!(has(&errors(validate_subject(&mut s, d("2026-11-27"))), "flags", "不能再有在矫状态标记"));
}

#[test]
fn states_move_forward_only() {
    assert!(can_move("awaiting_report", "supervising"));
    assert!(can_move("supervising", "released"));
    assert!(!can_move("supervising", "reported"));
    assert!(!can_move("released", "supervising"));
    assert_eq!(allowed_states(Some("supervising")), vec!["supervising", "released", "terminated", "transferred_out"]);
    assert_eq!(allowed_states(None).len(), 8);
}

#[test]
fn minors_are_judged_at_the_ruling_and_masked() {
    assert!(minor_at(Some(d("2009-01-10")), Some(d("2026-09-01")), d("2027-05-01")));
    assert!(!minor_at(Some(d("2008-01-10")), Some(d("2026-09-01")), d("2026-11-27")));
    assert!(minor_at(Some(d("2010-01-10")), None, d("2026-11-27")));
    assert_eq!(mask_name("张三丰"), "张**");
    assert_eq!(mask_id("11010519491231002X"), "110105********002X");
    let mut s = subject();
    s.name = "李小军".into();
    assert_eq!(shown_identity(&s, true), ("李**".to_string(), "420202********0011".to_string()));
    assert_eq!(shown_identity(&s, false).0, "李小军");
}

#[test]
fn levels_are_checked() {
    let mut l = levels()[0].clone();
    l.reports_per_month = 40;
    l.code = "gold".into();
    let errs = errors(validate_level(&mut l));
    assert!(has(&errs, "reportsPerMonth", "每月报告次数应为0至31之间的整数"), "{errs:?}");
    assert!(has(&errs, "code", "管理等级的取值无效"), "{errs:?}");
}

// ── Events ──────────────────────────────────────────────────────────────────────────────────────

#[test]
fn events_keep_only_their_kinds_fields_and_name_what_is_missing() {
    let s = checked();
    let mut e = CorrectionEventInput { destination: "武汉".into(), hours: Some(3.0), ..report("2026-11-20") };
    validate_event(&mut e, &s, &[], d("2026-11-27")).unwrap();
    assert_eq!((e.destination.as_str(), e.hours), ("", None));
    let mut e = ev("visit", "2026-11-28");
    let errs = errors(validate_event(&mut e, &s, &[], d("2026-11-27")));
    assert!(has(&errs, "eventOn", "日期不能晚于今天"), "{errs:?}");
    assert!(has(&errs, "place", "请填写查访地点"), "{errs:?}");
    assert!(has(&errs, "content", "请填写查访情况"), "{errs:?}");
    let mut e = hours("education", "2026-11-20", 2.3);
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "hours", "以0.5小时为单位"));
    let mut e = ev("report", "2026-08-20");
    let errs = errors(validate_event(&mut e, &s, &[], d("2026-11-27")));
    assert!(has(&errs, "eventOn", "不能早于判决生效日期"), "{errs:?}");
    assert!(has(&errs, "reportMode", "请选择报告方式"), "{errs:?}");
    let mut e = CorrectionEventInput { content: "状况良好".into(), ..ev("health_report", "2026-11-20") };
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "kind", "仅适用于暂予监外执行"));
}

#[test]
fn no_event_after_the_exit() {
    let mut s = checked();
    s.state = "released".into();
    s.exit_on = Some("2026-11-10".into());
    assert!(has(&errors(validate_event(&mut report("2026-11-12"), &s, &[], d("2026-11-27"))), "eventOn", "已于2026-11-10解除或终止"));
}

#[test]
fn leave_approval_follows_the_7_and_30_day_rules() {
    let s = checked();
    let level = |e: &CorrectionEventInput, others: &[CorrectionEventInput]| {
        let mut e = e.clone();
        validate_event(&mut e, &s, others, d("2026-11-27")).unwrap();
        (e.leave_days.unwrap(), e.approval_level.unwrap(), e.approval_note)
    };
    let (days, lvl, note) = level(&leave("2026-11-20", "2026-11-23", "2026-11-29", "approved"), &[]);
    assert_eq!((days, lvl.as_str()), (7, "office"));
    assert!(note.contains("司法所可审批"), "{note}");
    assert_eq!(level(&leave("2026-11-20", "2026-11-23", "2026-11-30", "pending"), &[]).1, "county");
    let (_, lvl, note) = level(&leave("2026-11-20", "2026-11-23", "2026-12-23", "pending"), &[]);
    assert_eq!(lvl, "higher");
    assert!(note.contains("本次外出31日"), "{note}");
    // 15 days now, and 17 of October's 20 within the two months before its end.
    let earlier = leave("2026-10-01", "2026-10-05", "2026-10-24", "approved");
    let (_, lvl, note) = level(&leave("2026-11-20", "2026-11-23", "2026-12-07", "pending"), std::slice::from_ref(&earlier));
    assert_eq!(lvl, "higher");
    assert!(note.contains("两个月内累计外出32日"), "{note}");
    // A refused leave does not count.
    let refused = leave("2026-10-01", "2026-10-05", "2026-10-24", "refused");
    assert_eq!(level(&leave("2026-11-20", "2026-11-23", "2026-12-07", "pending"), &[refused]).1, "county");
}

#[test]
fn leave_is_checked_against_dates_decisions_and_other_leave() {
    let s = checked();
    let mut e = leave("2026-11-20", "2026-11-25", "2026-11-23", "approved");
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "leaveTo", "外出止日不能早于外出起日"));
    let mut e = leave("2026-11-20", "2026-11-23", "2026-11-25", "approved");
    e.decided_on = None;
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "decidedOn", "请填写审批日期"));
    let mut e = leave("2026-11-20", "2026-11-23", "2026-11-25", "refused");
    e.returned_on = Some("2026-11-25".into());
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "returnedOn", "未批准的外出不应填写销假日期"));
    // Reported back three days after the day it was due: counted, and remembered by the hints.
    let mut e = leave("2026-11-10", "2026-11-12", "2026-11-15", "approved");
    e.returned_on = Some("2026-11-19".into());
    validate_event(&mut e, &s, &[], d("2026-11-27")).unwrap();
    assert_eq!(e.overdue_days, Some(3));
    let hints = supervision(&s, &[e.clone(), report("2026-11-20")], &levels(), &Calendar::new([]), d("2026-11-27")).hints;
    assert!(hints.iter().any(|h| h.text.contains("外出逾期未返回报告，逾期3日，不超过十日（2026-11-19已纠正）")), "{hints:?}");
    let other = leave("2026-11-01", "2026-11-24", "2026-11-26", "approved");
    let mut e = leave("2026-11-20", "2026-11-23", "2026-11-25", "approved");
    assert!(has(&errors(validate_event(&mut e, &s, &[other], d("2026-11-27"))), "leaveFrom", "时间重叠"));
}

#[test]
fn sanctions_fit_the_correction_type_and_decisions_carry_a_date() {
    let s = checked();
    let mut e = sanction("2026-11-20", "revoke_parole", "pending");
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "sanction", "提请撤销假释不适用于缓刑的对象"));
    let mut e = sanction("2026-11-20", "warning", "approved");
    e.decided_on = None;
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "decidedOn", "请填写决定日期"));
    let mut e = sanction("2026-11-20", "warning", "approved");
    e.decided_on = Some("2026-11-19".into());
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "decidedOn", "决定日期不能早于提请（登记）日期"));
    let mut e = sanction("2026-11-20", "admonition", "pending");
    e.decided_on = Some("2026-11-21".into());
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "decidedOn", "尚未决定"));
    let mut e = CorrectionEventInput { period: "2026年第三季度".into(), score: Some(120), ..ev("assessment", "2026-11-20") };
    assert!(has(&errors(validate_event(&mut e, &s, &[], d("2026-11-27"))), "score", "0至100"));
}

// ── What is due ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_new_subject_must_report_within_ten_days_of_the_ruling() {
    let mut s = subject();
    s.state = "awaiting_report".into();
    s.reported_on = None;
    s.announced_on = None;
    // Effective Tuesday 1 September: the tenth day is Friday 11 September.
    let x = sup(&s, &[], "2026-09-08");
    let r = duty_of(&x, "report_in").unwrap();
    assert_eq!((r.due_on.as_str(), r.days_left, r.level.as_str()), ("2026-09-11", 3, "warning"));
    assert!(x.hints.is_empty());
    // A last day on a holiday moves to the next working day.
    let cal = Calendar::new([(d("2026-09-11"), crate::calendar::DayKind::Holiday)]);
    let x = supervision(&s, &[], &levels(), &cal, d("2026-09-08"));
    assert_eq!(duty_of(&x, "report_in").unwrap().due_on, "2026-09-14");
    // Four days late: an admonition is suggested, nothing is applied.
    let x = sup(&s, &[], "2026-09-15");
    assert_eq!((x.late_days, duty_of(&x, "report_in").unwrap().level.as_str()), (4, "overdue"));
    assert_eq!(x.hints[0].sanction.as_deref(), Some("admonition"));
    assert!(x.hints[0].text.contains("未按期报到，逾期4日，不超过十日，建议提请训诫"), "{:?}", x.hints);
    // 暂予监外执行 is handed over by the deciding organ: a late hand-over is not the subject's breach.
    let mut handed = s.clone();
    handed.correction_type = "temporary".into();
    handed.temporary_kind = Some("medical".into());
    let x = sup(&handed, &[], "2026-09-15");
    assert_eq!(x.duties[0].kind, "handover");
    assert_eq!(x.duties[0].title, "交付接收");
    assert!(x.hints.is_empty() && x.late_days == 0, "{:?}", x.hints);
    // Reported in four days late: once reported the lateness is remembered for a month.
    let mut late = s.clone();
    late.state = "reported".into();
    late.reported_on = Some("2026-09-15".into());
    let x = sup(&late, &[], "2026-09-20");
    assert_eq!(x.late_days, 0);
    assert!(x.hints[0].text.contains("未按期报到，逾期4日，不超过十日（2026-09-15已纠正），建议提请训诫"), "{:?}", x.hints);
    assert!(sup(&late, &[], "2026-10-16").hints.iter().all(|h| !h.text.contains("未按期报到")));
}

#[test]
fn each_level_sets_its_own_report_talk_and_visit_cadence() {
    // Reported 5 September; nothing recorded since.
    for (level, report_due, talk_due, visit_due) in [
        ("strict", "2026-09-12", "2026-09-12", "2026-10-05"),
        ("normal", "2026-09-20", "2026-10-05", "2026-11-04"),
        ("lenient", "2026-10-05", "2026-10-05", "2026-12-04"),
    ] {
        let mut s = subject();
        s.supervision_level = level.into();
        let x = sup(&s, &[], "2026-09-06");
        assert_eq!(duty_of(&x, "report").unwrap().due_on, report_due, "{level}");
        assert_eq!(duty_of(&x, "talk").unwrap().due_on, talk_due, "{level}");
        assert_eq!(duty_of(&x, "visit").unwrap().due_on, visit_due, "{level}");
    }
    // A level without scheduled visits or talks has none.
    let mut custom = levels();
    custom[1].visit_every_days = 0;
    custom[1].talks_per_month = 0;
    let x = supervision(&subject(), &[], &custom, &Calendar::new([]), d("2026-09-06"));
    assert!(duty_of(&x, "visit").is_none() && duty_of(&x, "talk").is_none());
}

#[test]
fn a_report_is_due_today_then_met_then_late() {
    let s = subject();
    let x = sup(&s, &[], "2026-09-20");
    let r = duty_of(&x, "report").unwrap();
    assert_eq!((r.days_left, task_group(r)), (0, Some("today")));
    assert!(r.detail.contains("普管每月报告2次；尚无记录"), "{}", r.detail);
    let x = sup(&s, &[report("2026-09-20")], "2026-09-20");
    let r = duty_of(&x, "report").unwrap();
    assert_eq!((r.due_on.as_str(), task_group(r)), ("2026-10-05", None));
    assert!(r.detail.contains("上次2026-09-20"));
    // Missed 5 October: late from the 6th, with the suggestion growing with the delay.
    for (today, late, sanction) in [
        ("2026-10-06", 1, "admonition"),
        ("2026-10-15", 10, "admonition"),
        ("2026-10-16", 11, "warning"),
        // A late periodic report goes no further than a warning (revocation is for absconding).
        ("2026-11-05", 31, "warning"),
    ] {
        let x = sup(&s, &[report("2026-09-20")], today);
        assert_eq!(x.late_days, late, "{today}");
        assert_eq!(task_group(duty_of(&x, "report").unwrap()), Some("late"));
        assert_eq!(x.hints[0].sanction.as_deref(), Some(sanction), "{today}: {:?}", x.hints);
    }
    assert_eq!(sup(&s, &[report("2026-09-20")], "2026-10-06").hints[0].text, "未按规定报告，逾期1日，不超过十日，建议提请训诫");
    // Once staff proposed a sanction for this lateness, the suggestion stops…
    let answered = [report("2026-09-20"), sanction("2026-10-08", "admonition", "pending")];
    let x = sup(&s, &answered, "2026-10-10");
    assert_eq!(x.late_days, 5);
    assert!(x.hints.is_empty(), "{:?}", x.hints);
    // …until the lateness grows to the next step: an admonition does not answer a warning.
    let x = sup(&s, &answered, "2026-10-17");
    assert_eq!(x.hints[0].sanction.as_deref(), Some("warning"), "{:?}", x.hints);
    // A late report once made is remembered for a month: the admonition is still suggested.
    let x = sup(&s, &[report("2026-09-20"), report("2026-10-09")], "2026-10-12");
    assert_eq!(x.late_days, 0);
    assert!(x.hints[0].text.contains("未按规定报告，逾期4日，不超过十日（2026-10-09已纠正）"), "{:?}", x.hints);
    assert!(sup(&s, &[report("2026-09-20"), report("2026-10-09"), report("2026-10-24"), report("2026-11-08")], "2026-11-09").hints.is_empty());
}

#[test]
fn report_lateness_is_shown_in_the_history() {
    let s = subject();
    let events = [report("2026-09-20"), report("2026-10-08"), report("2026-10-20")];
    assert_eq!(report_lateness(&s, &events, &levels()), vec![(d("2026-09-20"), 0), (d("2026-10-08"), 3), (d("2026-10-20"), 0)]);
}

#[test]
fn approved_leave_makes_the_subject_away_and_moves_what_falls_due_meanwhile() {
    let s = subject();
    let trip = leave("2026-09-15", "2026-09-18", "2026-09-22", "approved");
    let x = sup(&s, std::slice::from_ref(&trip), "2026-09-20");
    assert_eq!(x.away.as_ref().unwrap().destination, "武汉市");
    assert!(x.flags.contains(&"away".to_string()));
    // The report due on the 20th is due on return.
    assert_eq!(duty_of(&x, "report").unwrap().due_on, "2026-09-23");
    // Not back and not reported: late from the day after the leave ends.
    let x = sup(&s, std::slice::from_ref(&trip), "2026-09-25");
    assert!(x.away.is_none());
    let r = duty_of(&x, "leave_return").unwrap();
    assert_eq!((r.due_on.as_str(), r.days_left), ("2026-09-23", -2));
    assert!(x.hints.iter().any(|h| h.text.contains("外出逾期未返回报告")), "{:?}", x.hints);
    // Back on time: nothing about the leave remains.
    let back = CorrectionEventInput { returned_on: Some("2026-09-22".into()), ..trip.clone() };
    let x = sup(&s, &[back, report("2026-09-23")], "2026-09-25");
    assert!(duty_of(&x, "leave_return").is_none() && x.away.is_none());
    // A pending or refused leave changes nothing.
    let x = sup(&s, &[leave("2026-09-15", "2026-09-18", "2026-09-22", "pending")], "2026-09-20");
    assert!(x.away.is_none());
    assert_eq!(duty_of(&x, "report").unwrap().due_on, "2026-09-20");
}

#[test]
fn education_and_service_hours_are_counted_per_month() {
    let s = subject();
    let x = sup(&s, &[hours("education", "2026-11-03", 6.0), hours("service", "2026-11-10", 8.0)], "2026-11-24");
    let e = x.duties.iter().find(|d| d.kind == "education" && d.due_on == "2026-11-30").unwrap();
    assert_eq!(e.level, "warning");
    assert!(e.detail.contains("本月教育学习已完成6小时，应完成8小时"), "{}", e.detail);
    assert!(x.duties.iter().all(|d| !(d.kind == "service" && d.due_on == "2026-11-30")));
    // October, supervised all month, fell short: late during November.
    let short = x.duties.iter().find(|d| d.kind == "service" && d.due_on == "2026-10-31").unwrap();
    assert!(short.detail.contains("10月公益活动仅完成0小时"), "{}", short.detail);
    // September, the month of intake, is not required, neither during it nor after.
    assert!(sup(&s, &[], "2026-09-20").duties.iter().all(|d| !matches!(d.kind.as_str(), "education" | "service")));
    let x = sup(&s, &[], "2026-10-02");
    assert!(x.duties.iter().all(|d| d.due_on != "2026-09-30"));
    // Short hours, like talks and visits the office owes, suggest no sanction.
    let x = sup(&s, &[report("2026-10-20"), report("2026-11-04"), report("2026-11-19")], "2026-11-24");
    let late: Vec<&str> = x.duties.iter().filter(|d| d.days_left < 0).map(|d| d.kind.as_str()).collect();
    assert_eq!(late, vec!["talk", "education", "service", "visit"]);
    assert_eq!(x.late_days, 0);
    assert!(x.hints.is_empty(), "{:?}", x.hints);
}

#[test]
fn temporary_execution_adds_health_reports_and_medical_reviews() {
    let mut s = subject();
    s.correction_type = "temporary".into();
    s.temporary_kind = Some("medical".into());
    let x = sup(&s, &[CorrectionEventInput { content: "病情稳定".into(), ..ev("health_report", "2026-10-01") }], "2026-10-20");
    assert_eq!(duty_of(&x, "health_report").unwrap().due_on, "2026-10-31");
    assert_eq!(duty_of(&x, "medical_review").unwrap().due_on, "2026-12-05");
    let mut health: Vec<CorrectionEventInput> = on_time_reports("2026-12-08");
    for on in ["2026-10-01", "2026-10-30", "2026-11-28"] {
        health.push(CorrectionEventInput { content: "病情稳定".into(), ..ev("health_report", on) });
    }
    let x = sup(&s, &health, "2026-12-08");
    assert_eq!(x.hints.len(), 1, "{:?}", x.hints);
    assert_eq!(x.hints[0].text, "保外就医人员未按规定提交病情复查情况，逾期3日，建议提请警告");
    // A review falling during approved leave is due on return.
    let mut away = health.clone();
    away.push(leave("2026-11-30", "2026-12-03", "2026-12-10", "approved"));
    assert_eq!(duty_of(&sup(&s, &away, "2026-12-08"), "medical_review").unwrap().due_on, "2026-12-11");
    s.temporary_kind = Some("pregnant".into());
    assert!(duty_of(&sup(&s, &[], "2026-10-20"), "medical_review").is_none());
    assert!(duty_of(&sup(&subject(), &[], "2026-10-20"), "health_report").is_none());
}

#[test]
fn the_term_end_and_e_positioning_warn_ahead() {
    let mut s = subject();
    s.e_monitoring = vec![EMonitoringPeriod { start: Some("2026-09-10".into()), end: Some("2026-12-09".into()), reason: Some("left_area".into()) }];
    let x = sup(&s, &[], "2026-12-03");
    let e = duty_of(&x, "e_monitoring").unwrap();
    assert_eq!((e.days_left, task_group(e)), (6, Some("ending")));
    assert!(x.flags.contains(&"e_monitoring".to_string()));
    assert!(duty_of(&sup(&s, &[], "2026-12-10"), "e_monitoring").is_none());
    // Renewed already: no warning for the first period's end.
    let mut renewed = s.clone();
    renewed.e_monitoring.push(EMonitoringPeriod { start: Some("2026-12-10".into()), end: Some("2027-03-09".into()), reason: Some("left_area".into()) });
    let x = sup(&renewed, &[], "2026-12-03");
    assert!(duty_of(&x, "e_monitoring").is_none() && x.flags.contains(&"e_monitoring".to_string()));
    let t = sup(&s, &[], "2027-08-01");
    assert_eq!(task_group(duty_of(&t, "term_end").unwrap()), Some("ending"));
    assert_eq!(task_group(duty_of(&sup(&s, &[], "2027-07-31"), "term_end").unwrap()), None);
    // Past the end and not yet released: late, but not the subject's fault.
    let t = sup(&s, &[], "2027-09-02");
    assert_eq!(task_group(duty_of(&t, "term_end").unwrap()), Some("late"));
    assert!(t.hints.iter().all(|h| !h.text.contains("期满")));
}

#[test]
fn repeated_sanctions_suggest_the_next_step_and_strict_supervision() {
    let s = subject();
    let base = on_time_reports("2026-11-27");
    let with = |extra: &[CorrectionEventInput]| {
        let mut v = base.clone();
        v.extend_from_slice(extra);
        sup(&s, &v, "2026-11-27")
    };
    let x = with(&[sanction("2026-10-01", "admonition", "approved")]);
    assert!(x.hints.is_empty(), "{:?}", x.hints);
    let two = [sanction("2026-10-01", "admonition", "approved"), sanction("2026-11-01", "admonition", "approved")];
    let x = with(&two);
    assert!(x.hints.iter().any(|h| h.sanction.as_deref() == Some("warning") && h.text.contains("已受到2次训诫")), "{:?}", x.hints);
    assert!(x.hints.iter().any(|h| h.level.as_deref() == Some("strict")), "{:?}", x.hints);
    // A warning proposed after the second admonition answers the first hint.
    let mut answered = two.to_vec();
    answered.push(sanction("2026-11-05", "warning", "pending"));
    assert!(with(&answered).hints.iter().all(|h| h.sanction.is_none()));
    let warnings = [sanction("2026-10-01", "warning", "approved"), sanction("2026-11-01", "warning", "approved")];
    let x = with(&warnings);
    assert!(x.hints.iter().any(|h| h.sanction.as_deref() == Some("revoke_probation") && h.text.contains("建议提请撤销缓刑")), "{:?}", x.hints);
    // Already 严管, or re-assessed since: no level hint.
    let mut strict = s.clone();
    strict.supervision_level = "strict".into();
    let x = supervision(&strict, &warnings, &levels(), &Calendar::new([]), d("2026-11-27"));
    assert!(x.hints.iter().all(|h| h.level.is_none()));
    let mut reassessed = warnings.to_vec();
    reassessed.push(CorrectionEventInput { period: "2026年11月".into(), new_level: Some("normal".into()), ..ev("assessment", "2026-11-10") });
    assert!(with(&reassessed).hints.iter().all(|h| h.level.is_none()));
    // A parolee's second warning points to revoking parole; a 管制 subject's to a public-order penalty.
    let mut parolee = s.clone();
    parolee.correction_type = "parole".into();
    assert_eq!(supervision(&parolee, &warnings, &levels(), &Calendar::new([]), d("2026-11-27")).hints[0].sanction.as_deref(), Some("revoke_parole"));
    let mut control = s.clone();
    control.correction_type = "control".into();
    assert_eq!(supervision(&control, &warnings, &levels(), &Calendar::new([]), d("2026-11-27")).hints[0].sanction.as_deref(), Some("security_penalty"));
}

#[test]
fn an_absconded_subject_is_late_from_the_day_they_went_missing() {
    let mut s = subject();
    s.flags = vec!["absconded".into()];
    s.absconded_since = Some("2026-10-01".into());
    s.abscond_reason = "外出务工未告知".into();
    let x = sup(&s, &on_time_reports("2026-10-01"), "2026-11-05");
    let a = duty_of(&x, "absconded").unwrap();
    assert_eq!(a.days_left, -35);
    assert!(a.detail.contains("脱离监管已35日"));
    let h = x.hints.iter().find(|h| h.sanction.as_deref() == Some("revoke_probation")).unwrap();
    assert_eq!(h.text, "脱离监管，逾期35日，超过一个月，建议提请撤销缓刑");
    // Held by the police (强制措施): the subject's own duties stop, and no sanction is suggested.
    let mut held = s.clone();
    held.flags = vec!["coercive".into()];
    held.absconded_since = None;
    held.abscond_reason.clear();
    let x = sup(&held, &[], "2026-11-05");
    assert!(x.duties.iter().all(|d| !SUBJECT_DUTIES.contains(&d.kind.as_str())), "{:?}", x.duties);
    assert!(x.hints.is_empty() && x.late_days == 0);
}

#[test]
fn exited_and_assessed_subjects_owe_nothing() {
    let mut s = subject();
    s.state = "released".into();
    assert!(sup(&s, &[], "2026-11-27").duties.is_empty());
    s.state = "assessing".into();
    assert!(sup(&s, &[], "2026-11-27").duties.is_empty());
}
