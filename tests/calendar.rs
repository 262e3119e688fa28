//! The office's holiday calendar: editing it (head only, audited) and counting with it.

mod common;
use common::*;
use sifa::codes::DayUnit;
use sifa::desk::HolidayEntry;

fn entry(day: &str, kind: &str, name: &str) -> HolidayEntry {
    HolidayEntry { day: day.into(), kind: kind.into(), name: name.into() }
}

#[test]
fn holidays_move_deadlines_and_every_change_is_audited() {
    let mut t = desk_on("2026-09-20");
    for n in 1..=7 {
        t.desk.holiday_set(&t.admin, entry(&format!("2026-10-0{n}"), "holiday", "国庆节")).unwrap();
    }
    t.desk.holiday_set(&t.admin, entry("2026年9月27日", "workday", "国庆节调休")).unwrap();
    let cal = t.desk.calendar().unwrap();
    assert_eq!(cal.period_end(day("2026-09-25"), 7, DayUnit::Calendar), day("2026-10-08"));
    assert_eq!(cal.period_end(day("2026-09-25"), 4, DayUnit::Working), day("2026-09-30"));
    let list = t.desk.holidays().unwrap();
    assert_eq!(list.len(), 8);
    assert_eq!(list[0], entry("2026-09-27", "workday", "国庆节调休"));

    // Changing an entry records before and after; removing records what was removed.
    t.desk.holiday_set(&t.admin, entry("2026-10-07", "holiday", "国庆节（补）")).unwrap();
    t.desk.holiday_remove(&t.admin, "2026-10-07").unwrap();
    let entries = sifa::store::audit::all(t.desk.store().conn()).unwrap();
    let set_again = entries.iter().rfind(|e| e.action == "holiday.set" && e.record_id.as_deref() == Some("2026-10-07")).unwrap();
    assert!(set_again.before_json.as_deref().unwrap().contains("国庆节"));
    assert!(set_again.after_json.as_deref().unwrap().contains("国庆节（补）"));
    assert_eq!(entries.last().unwrap().action, "holiday.remove");
    assert_eq!(t.desk.verify_audit().unwrap(), None);
    assert_eq!(t.desk.holidays().unwrap().len(), 7);
}

#[test]
fn bad_calendar_entries_are_refused_with_the_field_named_and_change_nothing() {
    let mut t = desk_on("2026-09-20");
    let e = t.desk.holiday_set(&t.admin, entry("2026-10-05", "workday", "")).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.code().as_str()), ("kind", "validation.workday"));
    let e = t.desk.holiday_set(&t.admin, entry("2026-02-30", "holiday", "")).unwrap_err();
    assert_eq!(e.fields()[0].field, "day");
    let e = t.desk.holiday_set(&t.admin, entry("2026-10-01", "feast", "")).unwrap_err();
    assert_eq!(e.fields()[0].field, "kind");
    let e = t.desk.holiday_set(&t.admin, entry("2026-10-01", "holiday", &"节".repeat(21))).unwrap_err();
    assert_eq!(e.fields()[0].field, "name");
    assert_eq!(t.desk.holiday_remove(&t.admin, "2026-10-01").unwrap_err().code(), "not_found");
    let staff = sifa::accounts::User { id: "s".into(), username: "staff".into(), display_name: "工作人员".into(), role: sifa::accounts::Role::Staff };
    assert_eq!(t.desk.holiday_set(&staff, entry("2026-10-01", "holiday", "国庆节")).unwrap_err().code(), "auth.forbidden");
    assert!(t.desk.holidays().unwrap().is_empty());
}
