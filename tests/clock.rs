//! The PC's clock moved (RELIABILITY.md fault matrix, "clock moved"): month end in UTC+8, an hour
//! back, a year ahead. Records and batches go by the business date, the audit log by its sequence,
//! and a clock behind the log or far ahead of it is reported to the user.

mod common;
use chrono::{DateTime, Duration, FixedOffset};
use common::*;
use serde_json::{Map, Value};
use sifa::audit::AuditFilter;
use sifa::batch::{ledger, xlsx, StatTable};
use sifa::clock::{ClockAnomalyKind, ManualClock};
use sifa::legal_aid::ConsultationInput;
use sifa::Desk;
use std::path::Path;
use std::sync::Arc;

fn instant(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// An office database on a clock the test moves.
fn desk_with(clock: &Arc<ManualClock>) -> (tempfile::TempDir, Desk, sifa::accounts::User) {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = Desk::create(&dir.path().join("sifa.db"), clock.clone(), setup_input()).unwrap();
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    (dir, desk, admin)
}

fn consultation(on: &str) -> ConsultationInput {
    ConsultationInput {
        consulted_on: on.into(),
        channel: "visit".into(),
        service: "answer".into(),
        persons: 1,
        matter: "wages".into(),
        question: "拖欠工资".into(),
        answer: "可申请劳动仲裁".into(),
        staff: "周建华".into(),
        ..Default::default()
    }
}

fn value(t: &StatTable, row: &str, key: &str) -> Option<f64> {
    let i = t.columns.iter().position(|c| c.key == key).unwrap_or_else(|| panic!("no column {key}"));
    t.rows.iter().find(|r| r.label == row).unwrap_or_else(|| panic!("no row {row}")).values[i]
}

/// (cases accepted in the month, consultations in the month), as the month's statistics count them.
fn month_figures(desk: &Desk, period: &str) -> (Option<f64>, Option<f64>) {
    let p = desk.batch_preview(period, "summary").unwrap();
    (value(&p.statistics[0], "合计", "accepted"), value(&p.statistics[1], "本月", "consult"))
}

/// The rows of a ledger in a written batch, read back into field maps.
fn ledger_rows(path: &str, name: &str) -> Vec<Map<String, Value>> {
    let book = xlsx::read(Path::new(path)).unwrap();
    let rows = &book.sheets.iter().find(|(n, _)| n == name).unwrap().1;
    let ids: Vec<String> = rows[2].iter().map(|c| c.as_text().unwrap_or("").to_string()).collect();
    let spec = ledger::specs().into_iter().find(|s| s.name == name).unwrap();
    ledger::decode(&spec, &ids, &rows[3..]).unwrap()
}

fn entries_on(desk: &Desk, admin: &sifa::accounts::User, day: &str) -> Vec<sifa::audit::AuditListItem> {
    let f = AuditFilter { from: Some(day.into()), to: Some(day.into()), page: 1, page_size: 200, ..Default::default() };
    desk.audit_list(admin, &f).unwrap().items
}

#[test]
fn half_past_midnight_on_1_december_in_china_is_december_though_utc_still_says_30_november() {
    // 23:59 on 30 November in the office; the clock is given in UTC, as a machine's clock runs.
    let clock = Arc::new(ManualClock::at(instant("2026-11-30T15:59:00Z")));
    let (_dir, mut desk, admin) = desk_with(&clock);
    assert_eq!(desk.dashboard().unwrap().today, "2026-11-30");
    // The forms take "today" from 工作台; a record of that day belongs to November.
    desk.consultation_create(&admin, consultation("2026-11-30")).unwrap();
    desk.mediation_create(&admin, case("2026-11-30", "张三", "李四", "十一月最后一晚受理")).unwrap();
    let e = desk.consultation_create(&admin, consultation("2026-12-01")).unwrap_err();
    assert_eq!(e.fields()[0].code, "validation.future_date", "1 December is still tomorrow: {e}");
    let e = desk.batch_preview("2026-12", "summary").unwrap_err();
    assert_eq!(e.fields()[0].code, "validation.batch_period_future");

    // 00:30 on 1 December in the office = 16:30 UTC on 30 November.
    clock.advance(Duration::minutes(31));
    let today = desk.dashboard().unwrap().today;
    assert_eq!(today, "2026-12-01");
    let c = desk.consultation_create(&admin, consultation(&today)).unwrap();
    assert_eq!(c.created_at, "2026-12-01T00:30:00.000+08:00", "instants are stored in China time");
    desk.mediation_create(&admin, case(&today, "王五", "赵六", "十二月第一天凌晨受理")).unwrap();

    assert_eq!(month_figures(&desk, "2026-11"), (Some(1.0), Some(1.0)));
    assert_eq!(month_figures(&desk, "2026-12"), (Some(1.0), Some(1.0)));
    let december = desk.batch_preview("2026-12", "full").unwrap();
    assert_eq!((december.period_label.as_str(), december.file_name.as_str()), ("2026年12月", "420202001_202612_full_001.xlsx"));
    assert!(december.statistics[0].title.contains("2026年12月"), "{}", december.statistics[0].title);

    // The audit log files each entry under the office's day.
    let actions = |day: &str| entries_on(&desk, &admin, day).into_iter().map(|e| (e.action, e.at)).collect::<Vec<_>>();
    let first_of_december = actions("2026-12-01");
    assert_eq!(first_of_december.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>(), vec!["create", "create"]);
    assert!(first_of_december.iter().all(|(_, at)| at.starts_with("2026-12-01T00:30")), "{first_of_december:?}");
    assert!(actions("2026-11-30").iter().all(|(_, at)| at.starts_with("2026-11-30T23:59")));
    assert_eq!(desk.clock_anomaly().unwrap(), None);
}

#[test]
fn after_the_clock_goes_back_an_hour_the_log_keeps_its_sequence_its_chain_and_the_next_batch_its_corrections() {
    let clock = Arc::new(ManualClock::at(instant("2026-11-27T10:00:00+08:00")));
    let (dir, mut desk, admin) = desk_with(&clock);
    let corrected = desk.mediation_create(&admin, case("2026-10-09", "甲一", "乙一", "十月受理")).unwrap();
    let untouched = desk.mediation_create(&admin, case("2026-10-10", "甲二", "乙二", "十月受理，未再改动")).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    desk.batch_export(&admin, "2026-10", "full", &out, &mut |_| {}).unwrap();
    let exported = desk.audit_list(&admin, &AuditFilter { page: 1, page_size: 1, ..Default::default() }).unwrap().items.remove(0);
    assert_eq!((exported.action.as_str(), exported.at.as_str()), ("export", "2026-11-27T10:00:00.000+08:00"));

    // Someone sets the PC's clock back an hour; the check at start-up says so.
    clock.set(instant("2026-11-27T09:00:00+08:00"));
    let anomaly = desk.clock_anomaly().unwrap().expect("the clock is behind the log");
    assert_eq!(anomaly.kind, ClockAnomalyKind::Behind);
    assert_eq!(anomaly.message, "电脑的当前时间（2026-11-27 09:00）早于最近一次操作的记录时间（2026-11-27 10:00），请核对电脑的日期和时间后再登记。");
    assert_eq!((anomaly.last_entry_seq, anomaly.last_entry_at.as_str()), (exported.seq, exported.at.as_str()));

    // Work goes on at the wrong time: a correction and a new case, stamped before the batch.
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    let mut fix = corrected.input.clone();
    fix.summary = "十月受理（更正）".into();
    desk.mediation_update(&admin, &corrected.id, corrected.version, fix).unwrap();
    clock.advance(Duration::minutes(5));
    let late = desk.mediation_create(&admin, case("2026-11-20", "甲三", "乙三", "钟拨回后登记")).unwrap();
    assert!(late.created_at.as_str() < exported.at.as_str());

    // 操作日志 lists by sequence, newest first, though the times now run backwards in it.
    let list = desk.audit_list(&admin, &AuditFilter { page: 1, page_size: 200, ..Default::default() }).unwrap().items;
    assert!(list.windows(2).all(|w| w[0].seq == w[1].seq + 1), "sequence numbers keep increasing: {:?}", list.iter().map(|e| e.seq).collect::<Vec<_>>());
    let after: Vec<&str> = list.iter().take_while(|e| e.seq > exported.seq).map(|e| e.action.as_str()).collect();
    assert_eq!(after, vec!["create", "update", "login"]);
    assert!(list.iter().take(3).all(|e| e.at < exported.at), "written after the batch, timed before it");
    assert!(list.windows(2).any(|w| w[0].at < w[1].at), "the list is not ordered by time");
    let check = desk.audit_check().unwrap();
    assert!(check.intact(), "{check:?}");
    assert_eq!(check.entries, list.len() as i64);

    // September: no case has activity in it, so the batch carries exactly what changed since the
    // October batch, found by the audit sequence, not by the (earlier) times of the changes.
    let batch = desk.batch_export(&admin, "2026-09", "full", &out, &mut |_| {}).unwrap();
    let rows = ledger_rows(&batch.path, "调解台账");
    let mut ids: Vec<&str> = rows.iter().map(|m| m["_id"].as_str().unwrap()).collect();
    ids.sort();
    let mut want = vec![corrected.id.as_str(), late.id.as_str()];
    want.sort();
    assert_eq!(ids, want, "not the untouched case {}", untouched.id);
    let row = rows.iter().find(|m| m["_id"] == corrected.id.as_str()).unwrap();
    assert_eq!((row["summary"].as_str(), row["_version"].as_i64()), (Some("十月受理（更正）"), Some(2)));
    assert!(desk.audit_check().unwrap().intact());
}

#[test]
fn with_the_clock_a_year_ahead_a_chosen_month_is_exported_as_that_month() {
    let clock = Arc::new(ManualClock::at(instant("2026-11-03T10:00:00+08:00")));
    let (dir, mut desk, admin) = desk_with(&clock);
    for on in ["2026-09-08", "2026-09-21"] {
        desk.consultation_create(&admin, consultation(on)).unwrap();
    }
    let october: Vec<String> = ["2026-10-09", "2026-10-10", "2026-10-30"].iter().map(|on| desk.consultation_create(&admin, consultation(on)).unwrap().id).collect();
    desk.mediation_create(&admin, case("2026-10-12", "张三", "李四", "十月受理")).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    desk.batch_export(&admin, "2026-09", "full", &out, &mut |_| {}).unwrap();

    // The PC's date jumps to November 2027 (a mistyped year); the office still sends October 2026.
    clock.set(instant("2027-11-05T09:00:00+08:00"));
    let anomaly = desk.clock_anomaly().unwrap().expect("a year without a single entry");
    assert_eq!(anomaly.kind, ClockAnomalyKind::Ahead);
    assert!(anomaly.message.starts_with("电脑的当前时间（2027-11-05 09:00）比最近一次操作的记录时间（2026-11-03 10:00）晚了 366 天"), "{}", anomaly.message);
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    let batch = desk.batch_export(&admin, "2026-10", "full", &out, &mut |_| {}).unwrap();
    assert_eq!((batch.period.as_str(), batch.file_name.as_str()), ("2026-10", "420202001_202610_full_002.xlsx"));
    let report = sifa::batch::verify_file(Path::new(&batch.path));
    assert!(report.ok, "{:?}", report.reason);
    assert_eq!(report.period.as_deref(), Some("2026-10"));
    assert!(report.generated_at.as_deref().unwrap().starts_with("2027-11-05"), "made when the clock says, for the month chosen");
    let mut ids: Vec<String> = ledger_rows(&batch.path, "法援咨询").into_iter().map(|m| m["_id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    let mut want = october.clone();
    want.sort();
    assert_eq!(ids, want, "October's consultations, not September's");

    // The figures are October 2026's, and the year's running total is 2026's.
    let p = desk.batch_preview("2026-10", "summary").unwrap();
    assert!(p.statistics[1].title.contains("2026年10月"), "{}", p.statistics[1].title);
    assert_eq!(value(&p.statistics[1], "本月", "consult"), Some(3.0));
    assert_eq!(value(&p.statistics[1], "本年累计", "consult"), Some(5.0));
    assert_eq!(value(&p.statistics[0], "合计", "accepted"), Some(1.0));
    assert!(desk.audit_check().unwrap().intact());
}

#[test]
fn the_clock_check_names_a_clock_behind_the_log_or_far_ahead_of_it_and_is_quiet_otherwise() {
    let clock = Arc::new(ManualClock::at(instant("2026-11-27T10:30:00+08:00")));
    let dir = tempfile::tempdir().unwrap();
    let blank = Desk::open(&dir.path().join("blank.db"), clock.clone()).unwrap();
    assert_eq!(blank.clock_anomaly().unwrap(), None, "an empty log has nothing to compare with");
    let (mut desk, _) = Desk::create(&dir.path().join("sifa.db"), clock.clone(), setup_input()).unwrap();
    assert_eq!(desk.clock_anomaly().unwrap(), None);

    // The next morning, a long weekend, a time sync stepping back three minutes: all normal.
    for (to, why) in [("2026-11-28T08:00:00+08:00", "next morning"), ("2026-12-02T08:00:00+08:00", "after a long weekend"), ("2026-11-27T10:27:00+08:00", "a time sync")] {
        clock.set(instant(to));
        assert_eq!(desk.clock_anomaly().unwrap(), None, "{why}");
    }

    clock.set(instant("2026-11-27T09:00:00+08:00"));
    let behind = desk.clock_anomaly().unwrap().unwrap();
    assert_eq!(behind.kind, ClockAnomalyKind::Behind);
    assert_eq!(behind.message, "电脑的当前时间（2026-11-27 09:00）早于最近一次操作的记录时间（2026-11-27 10:30），请核对电脑的日期和时间后再登记。");
    // What the shell hands to the window.
    let json = serde_json::to_value(&behind).unwrap();
    assert_eq!(json["kind"], "behind");
    assert_eq!(json["now"], "2026-11-27T09:00:00.000+08:00");
    assert_eq!(json["lastEntryAt"], "2026-11-27T10:30:00.000+08:00");
    assert_eq!(json["lastEntrySeq"], desk.audit_check().unwrap().entries);
    assert!(json["message"].as_str().unwrap().contains("请核对电脑的日期和时间"));

    // The same moment given in UTC is the same anomaly.
    clock.set(instant("2026-11-27T01:00:00Z"));
    assert_eq!(desk.clock_anomaly().unwrap().unwrap(), behind);

    clock.set(instant("2028-01-10T09:00:00+08:00"));
    let ahead = desk.clock_anomaly().unwrap().unwrap();
    assert_eq!(ahead.kind, ClockAnomalyKind::Ahead);
    assert_eq!(
        ahead.message,
        "电脑的当前时间（2028-01-10 09:00）比最近一次操作的记录时间（2026-11-27 10:30）晚了 408 天，电脑的日期可能设错了。如果本系统确实一年多没有使用过，可以忽略本提示；否则请核对电脑的日期和时间后再登记。"
    );
    assert_eq!(serde_json::to_value(&ahead).unwrap()["kind"], "ahead");

    // Put right, the clock raises nothing; the check itself writes nothing to the log.
    clock.set(instant("2026-11-27T11:00:00+08:00"));
    assert_eq!(desk.clock_anomaly().unwrap(), None);
    let entries = desk.audit_check().unwrap().entries;
    desk.login(ADMIN, PASSWORD).unwrap();
    assert_eq!(desk.audit_check().unwrap().entries, entries + 1);
}
