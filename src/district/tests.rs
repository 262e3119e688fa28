use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn case_and_application_numbers_give_their_year_and_sequence() {
    assert_eq!(number_parts("（2026）石港调字第12号"), Some((2026, 12)));
    assert_eq!(number_parts("（2025）花湖援申字第3号"), Some((2025, 3)));
    assert_eq!(number_parts("2026-12"), None);
    assert_eq!(number_parts("（二〇二六）石港调字第12号"), None);
}

#[test]
fn report_periods_are_a_month_a_quarter_or_a_year() {
    let today = day("2026-11-28");
    let m = parse_report_period("2026-10", today).unwrap();
    assert_eq!((m.key.as_str(), m.label.as_str(), m.months.len()), ("2026-10", "2026年10月", 1));
    assert_eq!((m.period.start, m.period.end), (day("2026-10-01"), day("2026-10-31")));
    let q = parse_report_period("２０２６-q3", today).unwrap();
    assert_eq!((q.key.as_str(), q.label.as_str()), ("2026-Q3", "2026年第三季度"));
    assert_eq!((q.period.start, q.period.end), (day("2026-07-01"), day("2026-09-30")));
    assert_eq!(q.months, vec!["2026-07", "2026-08", "2026-09"]);
    let y = parse_report_period("2025", today).unwrap();
    assert_eq!((y.period.start, y.period.end, y.months.len()), (day("2025-01-01"), day("2025-12-31"), 12));
    for bad in ["", "2026-13", "2026-Q5", "26-10", "2026/10", "abc", "2026-Q0"] {
        let e = parse_report_period(bad, today).unwrap_err();
        assert_eq!(e.fields()[0].field, "period", "{bad}");
        assert!(e.to_string().contains("统计期间"), "{bad}");
    }
    assert_eq!(parse_report_period("2026-12", today).unwrap_err().code(), "validation.report_period_future");
}

#[test]
fn a_register_entry_needs_a_nine_digit_code_a_name_and_a_short_name() {
    let ok = validate_office(&DistrictOffice { code: " ４20202001 ".into(), name: "石港镇司法所".into(), short_name: "石港".into() }).unwrap();
    assert_eq!(ok.code, "420202001");
    let e = validate_office(&DistrictOffice { code: "4202".into(), name: " ".into(), short_name: "石-港".into() }).unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["code", "name", "shortName"]);
    assert!(e.fields().iter().all(|f| f.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))));
}

fn batch(status: &str, seq: i64, made: &str) -> ReceivedBatch {
    ReceivedBatch {
        status: FileVerdict::from_code(status).expect("accepted or rejected"),
        reason: Some("校验码不符".into()),
        office_code: None,
        office_name: None,
        period: None,
        profile: None,
        sequence: Some(seq),
        digest: None,
        previous_digest: None,
        generated_at: Some(format!("{made}T09:00:00+08:00")),
        generated_by: None,
        file_name: String::new(),
        rows: 0,
        counts: Vec::new(),
        warnings: Vec::new(),
        imported_at: String::new(),
        imported_by: String::new(),
    }
}

#[test]
fn a_month_of_an_office_is_received_late_resent_rejected_missing_or_not_due() {
    let today = day("2026-11-28");
    let cell = |p: &str, b: &[ReceivedBatch]| submission_cell(p, &b.iter().collect::<Vec<_>>(), today, None);
    assert_eq!(cell("2026-09", &[batch("accepted", 9, "2026-10-03")]).status, "received");
    assert_eq!(cell("2026-09", &[batch("accepted", 9, "2026-10-09")]).status, "late");
    let resent = cell("2026-09", &[batch("accepted", 9, "2026-10-03"), batch("accepted", 10, "2026-10-20")]);
    assert_eq!((resent.status.code(), resent.sequences.clone()), ("resent", vec![9, 10]));
    let rejected = cell("2026-09", &[batch("rejected", 9, "2026-10-03")]);
    assert_eq!((rejected.status.code(), rejected.note.as_str()), ("rejected", "校验码不符"));
    assert_eq!(cell("2026-09", &[]).status, "missing");
    assert_eq!(cell("2026-11", &[]).status, "notDue");
    assert_eq!(cell("2026-10", &[]).status, "missing", "October was due on 5 November");
    let before_start = submission_cell("2026-05", &[], today, Some("2026-06"));
    assert_eq!((before_start.status.code(), before_start.label.as_str()), ("notStarted", "未启用"));
    assert_eq!(submission_cell("2026-07", &[], today, Some("2026-06")).status, "missing", "a month after the first batch is due");
}

#[test]
fn differences_name_the_fields_in_chinese_with_labels_for_codes() {
    let before = r#"{"disputeType":"marriage_family","summary":"甲","parties":[{"name":"张三"}],"mediators":["王五"]}"#;
    let after = r#"{"disputeType":"neighbour","summary":"乙","parties":[{"name":"张三"},{"name":"李四"}],"mediators":["王五"]}"#;
    let d = diff(RecordKind::MediationCase, before, after);
    let fields: Vec<&str> = d.iter().map(|x| x.field.as_str()).collect();
    assert!(fields.contains(&"纠纷类型"), "{fields:?}");
    assert!(fields.contains(&"当事人"), "{fields:?}");
    assert!(!fields.contains(&"调解员"), "unchanged fields are not listed");
    let t = d.iter().find(|x| x.field == "纠纷类型").unwrap();
    assert!(!t.before.is_ascii() && !t.after.is_ascii(), "labels, not codes: {t:?}");
    assert_eq!(d.iter().find(|x| x.field == "当事人").unwrap().after, "共 2 人：张三、李四");
}

#[test]
fn the_same_person_has_one_key_whatever_the_spelling_of_the_id_number() {
    let mut a = CorrectionSubjectInput::default();
    a.id_no = "42020219800101001x".into();
    let mut b = CorrectionSubjectInput::default();
    b.id_no = " ４２０２０２１９８００１０１００１X".into();
    assert_eq!(person_keys(&Payload::Subject(a)), person_keys(&Payload::Subject(b)));
    assert!(person_keys(&Payload::Subject(CorrectionSubjectInput::default())).is_empty());
}
