#![allow(dead_code)]
//! Helpers shared by the integration tests: a set-up desk on a temporary database.

pub mod small_disk;

use chrono::NaiveDate;
use sifa::accounts::User;
use sifa::clock::FixedClock;
use sifa::correction::CorrectionSubjectInput;
use sifa::mediation::{MediationCaseInput, Party};
use sifa::office::SetupInput;
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const ADMIN: &str = "admin";
pub const PASSWORD: &str = "mima2026";

pub fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn setup_input() -> SetupInput {
    SetupInput {
        office_code: "420202001".into(),
        office_name: "石港镇司法所".into(),
        short_name: "石".into(),
        district: "黄石港区".into(),
        mode: "township".into(),
        admin_username: ADMIN.into(),
        admin_display_name: "王所长".into(),
        admin_password: PASSWORD.into(),
    }
}

pub struct TestDesk {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub desk: Desk,
    pub admin: User,
}

pub fn open_at(path: &Path, today: &str) -> Desk {
    Desk::open(path, Arc::new(FixedClock::at_date(day(today)))).unwrap()
}

/// A set-up office database in a temporary folder, with the administrator logged in.
pub fn desk_on(today: &str) -> TestDesk {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sifa.db");
    let (mut desk, _) = Desk::create(&path, Arc::new(FixedClock::at_date(day(today))), setup_input()).unwrap();
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    TestDesk { dir, path, desk, admin }
}

pub fn party(role: &str, name: &str) -> Party {
    Party { role: role.into(), kind: "natural".into(), name: name.into(), ..Default::default() }
}

pub fn case(accepted: &str, a: &str, b: &str, summary: &str) -> MediationCaseInput {
    MediationCaseInput {
        state: "accepted".into(),
        accepted_on: accepted.into(),
        dispute_type: "neighbour".into(),
        summary: summary.into(),
        mediators: vec!["周建华".into()],
        rights_notice_on: Some(accepted.into()),
        parties: vec![party("applicant", a), party("respondent", b)],
        ..Default::default()
    }
}

/// A probationer (危险驾驶, 普管): ruling effective 28 October 2026, reported on 2 November.
pub fn probationer(code: &str, name: &str, id_no: &str) -> CorrectionSubjectInput {
    CorrectionSubjectInput {
        subject_code: code.into(),
        name: name.into(),
        id_no: id_no.into(),
        phone: "13800138000".into(),
        domicile: "湖北省黄石市黄石港区".into(),
        residence: "石港镇和平村3组".into(),
        correction_type: "probation".into(),
        deciding_organ_name: "黄石港区人民法院".into(),
        doc_no: "（2026）鄂0202刑初88号".into(),
        effective_on: Some("2026-10-28".into()),
        charge: "危险驾驶罪".into(),
        charge_class: "02".into(),
        sentence: "拘役三个月，缓刑六个月".into(),
        corr_start: Some("2026-10-28".into()),
        corr_end: Some("2027-04-27".into()),
        reported_on: Some("2026-11-02".into()),
        state: "reported".into(),
        ..Default::default()
    }
}

/// Writes the cells of a read workbook into a new file (as a person editing it in Excel might),
/// keeping `_meta` very hidden.
pub fn rewrite(book: &sifa::batch::xlsx::ReadBook, path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (name, rows) in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    sifa::batch::grid::Cell::Empty => {}
                    sifa::batch::grid::Cell::Text(s) => {
                        ws.write_string(r, c, s).unwrap();
                    }
                    sifa::batch::grid::Cell::Number(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    sifa::batch::grid::Cell::Date(d) => {
                        let s = d.to_string();
                        let x = rust_xlsxwriter::ExcelDateTime::parse_from_str(&s).unwrap();
                        ws.write_date_with_format(r, c, &x, &date).unwrap();
                    }
                }
            }
        }
        if name == "_meta" {
            ws.set_very_hidden(true);
        }
    }
    wb.save(path).unwrap();
}

/// Every table of a district's merged records and of what it received, without row ids, import
/// times and the per-import counts and warnings (which say what each import did, and so depend on
/// the order): two districts that received the same batches compare equal whatever the order.
pub fn district_dump(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    let tables = [
        ("mediation_case", "id"),
        ("legal_aid_consultation", "id"),
        ("legal_aid_application", "id"),
        ("correction_subject", "id"),
        ("correction_event", "id"),
        ("district_tombstone", "id"),
        ("pending_event", "id"),
        ("person_key", "key, record_id"),
        ("duplicate_review", "first_id, second_id"),
        ("received_batch", "digest, status, file_name"),
        ("district_office", "code"),
    ];
    let skip = ["rid", "imported_at", "imported_by", "counts", "warnings", "found_at", "created_at_import"];
    for (t, order) in tables {
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .filter(|c| !(skip.contains(&c.as_str()) || (t == "district_office" && c == "created_at")))
            .collect();
        let sql = format!("SELECT {} FROM {t} ORDER BY {order}", cols.iter().map(|c| format!("quote({c})")).collect::<Vec<_>>().join(" || '|' || "));
        let rows: Vec<String> = conn.prepare(&sql).unwrap().query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect();
        out.push(format!("{t}: {} rows", rows.len()));
        out.extend(rows.into_iter().map(|r| format!("{t}: {r}")));
    }
    out
}

/// Kill rounds of a crash test: `default`, or `SIFA_KILL_ROUNDS` for a long run (docs/testing.md).
pub fn kill_rounds(default: u64) -> u64 {
    std::env::var("SIFA_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A demo office (seed 7) followed over the five months before `today`: mediation cases,
/// consultations, legal-aid applications and correction subjects with their events.
pub fn demo_office_of_five_months(today: &str) -> TestDesk {
    let mut t = desk_on(today);
    let mut g = sifa::demo::Generator::new(7, "420202001", day(today));
    let cases = g.acceptance_dates(5, 12).iter().map(|d| g.case(*d)).collect();
    t.desk.import_generated(cases, "演示").unwrap();
    let c = g.acceptance_dates(5, 8).iter().map(|d| g.consultation(*d)).collect();
    let a = g.acceptance_dates(5, 4).iter().map(|d| g.application(*d, "石港镇司法所", "黄石港区法律援助中心")).collect();
    t.desk.import_generated_legal_aid(c, a).unwrap();
    let s = g.acceptance_dates(5, 3).iter().enumerate().map(|(n, d)| g.correction_subject(n, *d)).collect();
    t.desk.import_generated_correction(s).unwrap();
    t
}
