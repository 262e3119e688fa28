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

/// The district enters a year once and sends it as a file; an office previews it, imports it (the
/// year is replaced as a whole, audited, deadlines recomputed), and a second import changes nothing.
#[test]
fn a_year_shared_as_a_file_replaces_the_offices_year_after_a_preview() {
    let mut district = desk_on("2026-11-20");
    for (d, k, n) in [("2027-01-01", "holiday", "元旦"), ("2027-02-06", "holiday", "春节"), ("2027-02-07", "workday", "春节调休"), ("2026-12-31", "holiday", "不属于2027年")] {
        district.desk.holiday_set(&district.admin, entry(d, k, n)).unwrap();
    }
    let usb = district.dir.path().join("U盘");
    std::fs::create_dir_all(&usb).unwrap();
    let file = district.desk.holidays_export(&district.admin, 2027, &usb).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    assert_eq!(name, "2027年节假日安排-石港镇司法所-20261120.json");
    // A year with nothing entered is not exported, and nothing is written.
    let e = district.desk.holidays_export(&district.admin, 2028, &usb).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.to_string().contains("2028年还没有录入节假日")), ("year", true));
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1);

    let mut office = desk_on("2026-11-24");
    assert_eq!(office.desk.holiday_years_missing().unwrap(), vec![2026, 2027]);
    assert_eq!(office.desk.dashboard().unwrap().holiday_years_missing, vec![2026, 2027]);
    office.desk.holiday_set(&office.admin, entry("2027-01-01", "holiday", "元旦节")).unwrap();
    office.desk.holiday_set(&office.admin, entry("2027-05-05", "holiday", "自己加的")).unwrap();
    let audit_before = sifa::store::audit::all(office.desk.store().conn()).unwrap().len();
    let preview = office.desk.holidays_import_preview(&office.admin, &file).unwrap();
    assert_eq!((preview.year, preview.issued_by.name.as_str(), preview.days.len()), (2027, "石港镇司法所", 3));
    assert_eq!((preview.added, preview.changed, preview.applied), (2, 1, false));
    assert_eq!(preview.removed, vec![entry("2027-05-05", "holiday", "自己加的")]);
    assert_eq!(sifa::store::audit::all(office.desk.store().conn()).unwrap().len(), audit_before, "a preview changes nothing");

    let done = office.desk.holidays_import(&office.admin, &file, &preview.digest).unwrap();
    assert!(done.applied);
    let kept: Vec<String> = office.desk.holidays().unwrap().into_iter().map(|e| format!("{} {}", e.day, e.name)).collect();
    assert_eq!(kept, ["2027-01-01 元旦", "2027-02-06 春节", "2027-02-07 春节调休"]);
    assert_eq!(office.desk.holiday_years_missing().unwrap(), vec![2026], "this year is still asked for");
    let entries = sifa::store::audit::all(office.desk.store().conn()).unwrap();
    let import = entries.last().unwrap();
    assert_eq!((import.action.as_str(), import.record_id.as_deref()), ("holiday.import", Some("2027")));
    assert!(import.before_json.as_deref().unwrap().contains("自己加的"));
    assert_eq!(office.desk.verify_audit().unwrap(), None);
    // The same file again: nothing to change.
    let again = office.desk.holidays_import_preview(&office.admin, &file).unwrap();
    assert_eq!((again.added, again.changed, again.removed.len(), again.applied), (0, 0, 0, true));
}

#[test]
fn a_bad_holiday_file_is_refused_in_chinese_and_changes_nothing() {
    let mut t = desk_on("2026-11-24");
    t.desk.holiday_set(&t.admin, entry("2027-01-01", "holiday", "元旦")).unwrap();
    let dir = t.dir.path().to_path_buf();
    let file = t.desk.holidays_export(&t.admin, 2027, &dir).unwrap();
    let good = std::fs::read_to_string(&file).unwrap();
    let digest = t.desk.holidays_import_preview(&t.admin, &file).unwrap().digest;

    let bad = dir.join("坏文件.json");
    std::fs::write(&bad, good.replace("元旦", "元旦节")).unwrap();
    let e = t.desk.holidays_import_preview(&t.admin, &bad).unwrap_err();
    assert_eq!(e.code(), "holidays.invalid_file");
    assert_eq!(e.to_string(), "“坏文件.json”不能导入：文件已损坏或被改动过（校验码不符），请向发文单位重新索取");
    std::fs::write(&bad, "这不是节假日文件").unwrap();
    assert!(t.desk.holidays_import_preview(&t.admin, &bad).unwrap_err().to_string().contains("文件内容无法识别"));
    let e = t.desk.holidays_import_preview(&t.admin, &dir.join("没有这个文件.json")).unwrap_err();
    assert!(e.to_string().contains("文件或文件夹不存在"), "{e}");
    // A file swapped after its preview is not imported.
    std::fs::write(&file, good.replace("\"2027-01-01\"", "\"2027-01-02\"")).unwrap();
    let e = t.desk.holidays_import(&t.admin, &file, &digest).unwrap_err();
    assert_eq!(e.code(), "holidays.invalid_file");
    // Only the office head shares the calendar; a missing folder is named.
    let staff = sifa::accounts::User { id: "s".into(), username: "staff".into(), display_name: "工作人员".into(), role: sifa::accounts::Role::Staff };
    assert_eq!(t.desk.holidays_export(&staff, 2027, &dir).unwrap_err().code(), "auth.forbidden");
    assert_eq!(t.desk.holidays_import_preview(&staff, &file).unwrap_err().code(), "auth.forbidden");
    let e = t.desk.holidays_export(&t.admin, 2027, &dir.join("不存在的文件夹")).unwrap_err();
    assert_eq!(e.fields()[0].field, "folder");
    assert_eq!(t.desk.holidays().unwrap(), vec![entry("2027-01-01", "holiday", "元旦")]);
}
