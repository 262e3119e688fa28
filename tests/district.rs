//! District mode end to end on real files: thirteen offices export a year of batches, the
//! district imports them in shuffled order and twice over, and its figures equal the sum of
//! what the offices entered; corrections win by version; bad files are refused and change
//! nothing; two import orders give the same database.

mod common;
use sifa::record::Actor;
use common::*;
use rusqlite::Connection;
use sifa::accounts::User;
use sifa::clock::FixedClock;
use sifa::demo::Generator;
use sifa::district::{DistrictOffice, ImportPreview, KindCounts};
use sifa::office::SetupInput;
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const TODAY: &str = "2026-11-20";
const MONTHS: [&str; 12] = [
    "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
];
const NAMES: [(&str, &str); 13] = [
    ("石港镇司法所", "石港"),
    ("花湖司法所", "花湖"),
    ("胜阳港司法所", "胜阳港"),
    ("黄石港司法所", "黄石港"),
    ("江北司法所", "江北"),
    ("团城山司法所", "团城山"),
    ("西塞山司法所", "西塞山"),
    ("下陆司法所", "下陆"),
    ("铁山司法所", "铁山"),
    ("陈家湾司法所", "陈家湾"),
    ("阳新司法所", "阳新"),
    ("金湖司法所", "金湖"),
    ("汪仁司法所", "汪仁"),
];

struct Township {
    office: DistrictOffice,
    path: PathBuf,
    desk: Desk,
    admin: User,
}

fn office_code(n: usize) -> String {
    format!("4202020{:02}", n + 1)
}

/// An office with a year of demo records (a few of each kind a month).
fn township(dir: &Path, n: usize) -> Township {
    let (name, short) = NAMES[n];
    let office = DistrictOffice { code: office_code(n), name: name.into(), short_name: short.into() };
    let path = dir.join(format!("office-{n}.db"));
    let input = SetupInput { office_code: office.code.clone(), office_name: office.name.clone(), short_name: office.short_name.clone(), ..setup_input() };
    let (mut desk, _) = Desk::create(&path, Arc::new(FixedClock::at_date(day(TODAY))), input).unwrap();
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    let mut g = Generator::new(100 + n as u64, &office.code, day("2026-10-31"));
    let cases = g.acceptance_dates(12, 3).iter().map(|d| g.case(*d)).collect();
    desk.import_generated(cases, "演示").unwrap();
    let c = g.acceptance_dates(12, 2).iter().map(|d| g.consultation(*d)).collect();
    let a = g.acceptance_dates(12, 1).iter().map(|d| g.application(*d, name, "黄石港区法律援助中心")).collect();
    desk.import_generated_legal_aid(c, a).unwrap();
    let s = g.acceptance_dates(12, 1).iter().enumerate().map(|(i, d)| g.correction_subject(i, *d)).collect();
    desk.import_generated_correction(s).unwrap();
    Township { office, path, desk, admin }
}

fn export(t: &mut Township, period: &str, out: &Path) -> PathBuf {
    std::fs::create_dir_all(out).unwrap();
    PathBuf::from(t.desk.batch_export(&t.admin.clone(), period, "full", out, &mut |_| {}).unwrap().path)
}

fn district_at(path: &Path, offices: &[DistrictOffice]) -> Desk {
    let input = SetupInput {
        office_code: "420202".into(),
        office_name: "黄石港区司法局".into(),
        short_name: "黄石港区".into(),
        district: "黄石港区".into(),
        mode: "district".into(),
        ..setup_input()
    };
    let (mut desk, _) = Desk::create(path, Arc::new(FixedClock::at_date(day(TODAY))), input).unwrap();
    for o in offices {
        desk.district_office_save(Actor::Named("测试"), o, true).unwrap();
    }
    desk
}

fn import(d: &mut Desk, files: &[PathBuf]) -> ImportPreview {
    d.import_at_once(Actor::Named("测试"), files, false, &mut |_| {}).unwrap()
}

fn total(p: &ImportPreview, f: impl Fn(&KindCounts) -> i64) -> i64 {
    p.totals.iter().map(f).sum()
}

/// A deterministic shuffle (the order must be the same on every run of the test).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut v = items.to_vec();
    let mut x = seed;
    for i in (1..v.len()).rev() {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        v.swap(i, (x >> 33) as usize % (i + 1));
    }
    v
}

fn live(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"), [], |r| r.get(0)).unwrap()
}

const TABLES: [&str; 5] = ["mediation_case", "legal_aid_consultation", "legal_aid_application", "correction_subject", "correction_event"];

#[test]
fn thirteen_offices_a_year_shuffled_and_twice_add_up_and_a_correction_replaces_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batches");
    let mut offices: Vec<Township> = (0..13).map(|n| township(dir.path(), n)).collect();
    let mut files = Vec::new();
    for t in &mut offices {
        for m in MONTHS {
            files.push(export(t, m, &out));
        }
    }
    assert_eq!(files.len(), 156);
    let register: Vec<DistrictOffice> = offices.iter().map(|t| t.office.clone()).collect();

    // Shuffled, in four imports, then everything again.
    let district_path = dir.path().join("district.db");
    let mut district = district_at(&district_path, &register);
    let order = shuffled(&files, 7);
    for chunk in order.chunks(40) {
        let p = import(&mut district, chunk);
        assert_eq!(p.rejected, 0, "{:?}", p.files.iter().filter_map(|f| f.reason.clone()).collect::<Vec<_>>());
        assert_eq!(total(&p, |c| c.conflict), 0);
        assert_eq!(total(&p, |c| c.duplicate), 0, "demo offices share no person");
    }
    let again = import(&mut district, &files);
    assert_eq!((again.accepted, again.rejected), (156, 0));
    assert!(again.files.iter().all(|f| f.already_imported && f.warnings.iter().any(|w| w.contains("已") && w.contains("导入过"))));
    assert_eq!(total(&again, |c| c.new + c.updated + c.conflict + c.duplicate), 0, "importing the same batches again changes nothing");
    assert!(again.nothing_to_do);
    assert_eq!(again.pending_events, 0);

    // Every record of every office is at the district, once.
    let dconn = Connection::open(&district_path).unwrap();
    for table in TABLES {
        let entered: i64 = offices.iter().map(|t| live(&Connection::open(&t.path).unwrap(), table)).sum();
        assert_eq!(live(&dconn, table), entered, "{table}");
        assert!(entered > 0, "{table}");
    }
    let dup: i64 = dconn.query_row("SELECT count(*) FROM duplicate_review", [], |r| r.get(0)).unwrap();
    assert_eq!(dup, 0);

    // The district's figures of each month are the sum of what the offices' own figures say, and
    // each office's figures here are its own.
    for m in MONTHS {
        let s = district.district_statistics(m).unwrap();
        assert!(s.mismatches.is_empty(), "{m}: {:?}", &s.mismatches[..s.mismatches.len().min(3)]);
        assert!(s.without_sheet.is_empty(), "{m}: {:?}", s.without_sheet);
        let own: Vec<Vec<sifa::batch::StatTable>> = offices.iter().map(|t| t.desk.batch_preview(m, "summary").unwrap().statistics).collect();
        for (k, table) in s.district.iter().enumerate() {
            for (r, row) in table.rows.iter().enumerate() {
                for (c, col) in table.columns.iter().enumerate() {
                    if col.format == "percent" {
                        continue;
                    }
                    let sum: f64 = own.iter().filter_map(|o| o[k].rows[r].values[c]).sum();
                    let got = row.values[c].unwrap_or(0.0);
                    assert!((got - sum).abs() < 1e-6, "{m} {} {} {}: district {got}, offices {sum}", table.sheet, row.label, col.label);
                }
            }
        }
        for (o, t) in s.offices.iter().zip(&own) {
            for (mine, theirs) in o.tables.iter().zip(t) {
                assert_eq!(mine.rows, theirs.rows, "{m} {} {}", o.office.name, mine.sheet);
            }
        }
    }
    let year = district.district_statistics("2026").unwrap();
    let accepted_in_2026: f64 = year.district[0].rows.last().unwrap().values[0].unwrap();
    assert!(accepted_in_2026 > 0.0);
    let q = district.district_statistics("2026-Q3").unwrap();
    assert!(q.district[0].title.contains("2026年第三季度"), "{}", q.district[0].title);

    // 报送情况: every office sent every month (late: all made on 20 November).
    let grid = district.submissions(2026).unwrap();
    assert_eq!(grid.rows.len(), 13);
    for row in &grid.rows {
        assert!(row.missing_sequences.is_empty());
        for c in &row.cells[..10] {
            assert_eq!(c.status, "late", "{} {}", row.office.name, c.period);
            assert_eq!(c.sequences.len(), 1);
        }
        assert_eq!(row.cells[10].status, "notDue", "November is not over");
    }

    // One office corrects a case of last year and sends a new batch: the district then holds the
    // corrected version, and only it.
    let t = &mut offices[2];
    let (meta, body, _) = sifa::store::batch::cases(&Connection::open(&t.path).unwrap(), &t.office.code).unwrap().into_iter().next().unwrap();
    let mut input: sifa::mediation::MediationCaseInput = serde_json::from_str(&body).unwrap();
    input.summary = format!("{}（更正：补充调解经过）", input.summary);
    // Last year's case is closed: the correction says why.
    t.desk.mediation_amend(&t.admin.clone(), &meta.id, meta.version, input, "补充调解经过").unwrap();
    let corrected = export(t, "2026-10", &out);
    assert!(corrected.to_string_lossy().ends_with("_202610_full_013.xlsx"), "{}", corrected.display());
    let p = import(&mut district, std::slice::from_ref(&corrected));
    assert_eq!(p.accepted, 1);
    let case_counts = &p.files[0].counts[0];
    assert_eq!((case_counts.updated, case_counts.new, case_counts.conflict), (1, 0, 0), "{case_counts:?}");
    let row = p.files[0].rows.iter().find(|r| r.id == meta.id).unwrap();
    assert!(row.diffs.iter().any(|d| d.field.contains("简要情况") || d.after.contains("更正")), "{:?}", row.diffs);
    let (version, stored): (i64, String) =
        dconn.query_row("SELECT version, body FROM mediation_case WHERE id = ?1", [&meta.id], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(version, meta.version + 1);
    assert!(stored.contains("更正：补充调解经过"));
    let copies: i64 = dconn.query_row("SELECT count(*) FROM mediation_case WHERE case_no = ?1", [&meta.number], |r| r.get(0)).unwrap();
    assert_eq!(copies, 1);

    // The same batches (and the correction) in another order, one file at a time: the same database.
    let other_path = dir.path().join("district-reversed.db");
    let mut other = district_at(&other_path, &register);
    let mut reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    reversed.insert(3, corrected.clone());
    for f in &reversed {
        let p = import(&mut other, std::slice::from_ref(f));
        assert_eq!(p.rejected, 0);
    }
    let (a, b) = (district_dump(&district_path), district_dump(&other_path));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }

    // The consolidated workbook of the quarter: district tables, offices side by side, ledgers.
    let report = district.district_report(Actor::Named("测试"), "2026-Q3", &dir.path().join("report.xlsx")).unwrap();
    let book = sifa::batch::xlsx::read(Path::new(&report.path)).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|(n, _)| n.as_str()).collect();
    for want in ["封面", "全区调解统计", "分所调解统计", "分所矫正统计", "调解台账", "矫正事件"] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    let side = &book.sheets.iter().find(|(n, _)| n == "分所调解统计").unwrap().1;
    let labels: Vec<String> = side.iter().filter_map(|r| r.first().and_then(|c| c.as_text()).map(str::to_string)).collect();
    assert!(labels.contains(&"石港镇司法所".to_string()) && labels.contains(&"全区合计".to_string()), "{labels:?}");
    let ledger = &book.sheets.iter().find(|(n, _)| n == "调解台账").unwrap().1;
    let offices_in_ledger: std::collections::BTreeSet<String> = ledger[3..]
        .iter()
        .filter_map(|r| {
            let col = ledger[2].iter().position(|c| c.as_text() == Some("_officeCode"))?;
            r.get(col)?.as_text().map(str::to_string)
        })
        .collect();
    assert_eq!(offices_in_ledger.len(), 13);
}

#[test]
fn bad_files_are_refused_with_their_reason_and_import_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batches");
    let mut a = township(dir.path(), 0);
    let mut stranger = township(dir.path(), 5);
    let first = export(&mut a, "2026-09", &out);
    let second = export(&mut a, "2026-10", &out);
    let foreign = export(&mut stranger, "2026-10", &out);
    let district_path = dir.path().join("district.db");
    // Office 5 is not in the register.
    let mut district = district_at(&district_path, std::slice::from_ref(&a.office));

    let book = sifa::batch::xlsx::read(&second).unwrap();
    let bad = dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    let tampered = bad.join("tampered.xlsx");
    let mut edited = sifa::batch::xlsx::ReadBook { sheets: book.sheets.clone() };
    let ledger = edited.sheets.iter_mut().find(|(n, _)| n == "调解台账").unwrap();
    let col = ledger.1[2].iter().position(|c| c.as_text() == Some("summary")).unwrap();
    ledger.1[3][col] = sifa::batch::grid::Cell::text("改过的内容");
    rewrite(&edited, &tampered);
    let truncated = bad.join("truncated.xlsx");
    let bytes = std::fs::read(&first).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let masked = PathBuf::from(a.desk.batch_export(&a.admin.clone(), "2026-10", "masked", &bad, &mut |_| {}).unwrap().path);

    // The same office code and sequence 1 from another database: same number, other content.
    let reused_dir = dir.path().join("reused");
    std::fs::create_dir_all(&reused_dir).unwrap();
    let mut twin = {
        let path = reused_dir.join("twin.db");
        let input = SetupInput { office_code: a.office.code.clone(), office_name: a.office.name.clone(), short_name: a.office.short_name.clone(), ..setup_input() };
        let (mut desk, _) = Desk::create(&path, Arc::new(FixedClock::at_date(day(TODAY))), input).unwrap();
        let admin = desk.login(ADMIN, PASSWORD).unwrap();
        desk.mediation_create(&admin, case("2026-09-03", "赵甲", "钱乙", "宅基地边界纠纷")).unwrap();
        Township { office: a.office.clone(), path, desk, admin }
    };
    let reused = export(&mut twin, "2026-09", &reused_dir.join("out"));
    assert!(reused.to_string_lossy().ends_with("_001.xlsx"));

    let ok = import(&mut district, std::slice::from_ref(&first));
    assert_eq!(ok.accepted, 1);
    let dconn = Connection::open(&district_path).unwrap();
    let before = district_dump(&district_path);
    let counts = |c: &Connection| TABLES.map(|t| live(c, t));
    let held = counts(&dconn);

    let cases: [(&PathBuf, &str); 5] = [
        (&tampered, "内容在导出后被修改过"),
        (&truncated, "损坏或不完整"),
        (&foreign, "不在本区司法所名册中"),
        (&reused, "使用同一序号但内容不同"),
        (&masked, "需要“完整版”"),
    ];
    for (file, reason) in cases {
        let dry = district.import_at_once(Actor::Named("测试"), std::slice::from_ref(file), true, &mut |_| {}).unwrap();
        assert_eq!((dry.accepted, dry.rejected), (0, 1));
        let p = import(&mut district, std::slice::from_ref(file));
        assert_eq!((p.accepted, p.rejected), (0, 1), "{}", file.display());
        let r = p.files[0].reason.clone().unwrap();
        assert!(r.contains(reason), "{}: {r}", file.display());
        assert!(p.files[0].counts.iter().all(|c| c.total() == 0));
        assert_eq!(counts(&dconn), held, "a rejected file imports nothing: {}", file.display());
    }
    // Only the rejected attempts were recorded (for 报送情况), nothing else changed.
    let after: Vec<String> = district_dump(&district_path).into_iter().filter(|l| !l.starts_with("received_batch")).collect();
    let before: Vec<String> = before.into_iter().filter(|l| !l.starts_with("received_batch")).collect();
    assert_eq!(after, before);
    let rejected: i64 = dconn.query_row("SELECT count(*) FROM received_batch WHERE status = 'rejected'", [], |r| r.get(0)).unwrap();
    assert_eq!(rejected, 5);
    let grid = district.submissions(2026).unwrap();
    assert_eq!(grid.rows[0].cells[8].status, "late", "September arrived");
    assert!(grid.unmatched.iter().any(|b| b.office_code.as_deref() == Some(&stranger.office.code)));

    // In the window: a preview of only a rejected file writes nothing; confirming it (登记退回)
    // records the rejection and nothing else.
    let head = district.login(ADMIN, PASSWORD).unwrap();
    let preview = district.import_preview(&head, std::slice::from_ref(&tampered), &mut |_| {}).unwrap();
    assert_eq!((preview.accepted, preview.rejected, preview.nothing_to_do), (0, 1, false));
    let recorded = |c: &Connection| c.query_row("SELECT count(*) FROM received_batch WHERE status = 'rejected'", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(recorded(&dconn), 5, "a preview records nothing");
    let done = district.import_confirm(&head, &preview.token, &mut |_| {}).unwrap();
    assert_eq!(done.rejected, 1);
    assert_eq!(recorded(&dconn), 6);
    assert_eq!(counts(&dconn), held);

    // A good and a bad file together: the good one goes in, the bad one is refused.
    let mixed = import(&mut district, &[second.clone(), tampered.clone()]);
    assert_eq!((mixed.accepted, mixed.rejected), (1, 1));
    assert!(mixed.files.iter().find(|f| f.path.ends_with("tampered.xlsx")).unwrap().reason.is_some());

    // A folder with no batch in it, a missing path, and township mode are refused with reasons.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let e = district.import_at_once(Actor::Named("测试"), &[empty], true, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("没有报送文件"), "{e}");
    let missing = import(&mut district, &[dir.path().join("nowhere.xlsx")]);
    assert!(missing.files[0].reason.as_deref().unwrap().contains("找不到文件"));
    let e = a.desk.import_at_once(Actor::Named("测试"), std::slice::from_ref(&first), true, &mut |_| {}).unwrap_err();
    assert_eq!(e.code(), "district.mode_required");
}

#[test]
fn a_gap_in_the_sequence_is_accepted_with_a_warning_until_the_missing_batch_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batches");
    let mut a = township(dir.path(), 0);
    let files: Vec<PathBuf> = ["2026-08", "2026-09", "2026-10"].iter().map(|m| export(&mut a, m, &out)).collect();
    let mut district = district_at(&dir.path().join("district.db"), std::slice::from_ref(&a.office));
    import(&mut district, &files[..1]);
    let p = import(&mut district, &files[2..]);
    assert_eq!(p.accepted, 1);
    assert!(p.files[0].warnings.iter().any(|w| w.contains("第 2 次报送尚未收到")), "{:?}", p.files[0].warnings);
    let grid = district.submissions(2026).unwrap();
    assert_eq!(grid.rows[0].missing_sequences, vec![2]);
    assert_eq!(grid.rows[0].cells[8].status, "missing");
    let p = import(&mut district, &files[1..2]);
    assert!(p.files[0].warnings.is_empty(), "{:?}", p.files[0].warnings);
    assert!(district.submissions(2026).unwrap().rows[0].missing_sequences.is_empty());
}

#[test]
fn the_same_person_under_two_offices_is_listed_for_a_person_to_decide_and_the_decision_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batches");
    let mut a = township(dir.path(), 0);
    let mut b = township(dir.path(), 1);
    let id_no = "420202198001010015";
    let s1 = probationer("SQJZ-9001", "刘某某", id_no);
    let mut s2 = probationer("SQJZ-7001", "刘某某", &id_no.to_lowercase());
    s2.id_no = format!(" {id_no} ");
    a.desk.correction_create(&a.admin.clone(), s1).unwrap();
    b.desk.correction_create(&b.admin.clone(), s2).unwrap();
    let fa = export(&mut a, "2026-10", &out);
    let fb = export(&mut b, "2026-10", &out);
    let mut district = district_at(&dir.path().join("district.db"), &[a.office.clone(), b.office.clone()]);
    let preview = district.import_at_once(Actor::Named("测试"), &[fa.clone(), fb.clone()], true, &mut |_| {}).unwrap();
    let subjects = |p: &ImportPreview| p.totals.iter().find(|c| c.kind == "correction_subject").unwrap().duplicate;
    assert_eq!(subjects(&preview), 1);
    let flagged = preview.files.iter().flat_map(|f| &f.rows).find(|r| r.status == sifa::district::RowStatus::Duplicate).unwrap();
    assert!(flagged.note.as_deref().unwrap().contains("身份证号相同"), "{:?}", flagged.note);
    let done = import(&mut district, &[fb, fa]);
    assert_eq!(subjects(&done), 1);
    let list = district.duplicates().unwrap();
    assert_eq!(list.len(), 1);
    let d = &list[0];
    assert!(d.first.as_ref().unwrap().label.contains("刘某某") && d.second.is_some());
    let head = district.login(ADMIN, PASSWORD).unwrap();
    let e = district.duplicate_decide(&head, &d.first_id, &d.second_id, "maybe").unwrap_err();
    assert_eq!(e.fields()[0].field, "decision");
    district.duplicate_decide(&head, &d.first_id, &d.second_id, "same").unwrap();
    let decided = &district.duplicates().unwrap()[0];
    assert_eq!((decided.decision.as_deref(), decided.decided_by.as_deref()), (Some("same"), Some("王所长")));
    let conn = Connection::open(dir.path().join("district.db")).unwrap();
    let audited: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'district.duplicate_decide'", [], |r| r.get(0)).unwrap();
    assert_eq!(audited, 1);
}

#[test]
fn the_register_refuses_bad_codes_and_names_already_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = district_at(&dir.path().join("d.db"), &[]);
    let e = d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: "12345".into(), name: "".into(), short_name: "石港".into() }, true).unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["code", "name"]);
    d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: "420202001".into(), name: "石港镇司法所".into(), short_name: "石港".into() }, true).unwrap();
    let e = d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: "420202002".into(), name: "石港镇司法所".into(), short_name: "花湖".into() }, true).unwrap_err();
    assert_eq!(e.fields()[0].field, "name");
    assert!(e.to_string().contains("420202001"));
    // Adding with a code already registered (a typo) is refused rather than renaming that office.
    let e = d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: "420202001".into(), name: "花湖司法所".into(), short_name: "花湖".into() }, true).unwrap_err();
    assert_eq!(e.fields()[0].field, "code");
    assert!(e.to_string().contains("已在名册中（石港镇司法所）"), "{e}");
    let head = d.login(common::ADMIN, common::PASSWORD).unwrap();
    let e = d.district_office_save(&head, &DistrictOffice { code: "420202009".into(), name: "花湖司法所".into(), short_name: "花湖".into() }, false).unwrap_err();
    assert_eq!(e.fields()[0].field, "code");
    d.district_office_save(&head, &DistrictOffice { code: "420202001".into(), name: "石港街道司法所".into(), short_name: "石港".into() }, false).unwrap();
    assert_eq!(d.district_offices().unwrap()[0].name, "石港街道司法所");
    let conn = Connection::open(dir.path().join("d.db")).unwrap();
    let before: String = conn.query_row("SELECT before_json FROM audit_log WHERE action = 'district.office_update'", [], |r| r.get(0)).unwrap();
    assert!(before.contains("石港镇司法所"), "the correction keeps the old name in the audit: {before}");
}

#[test]
fn a_subject_code_used_again_after_a_deletion_waits_for_the_batch_with_the_deletion() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("batches");
    let mut t = township(dir.path(), 0);
    let admin = t.admin.clone();
    let first = export(&mut t, "2026-08", &out);
    let (meta, body, _) = sifa::store::batch::subjects(&Connection::open(&t.path).unwrap(), &t.office.code).unwrap().into_iter().next().unwrap();
    t.desk.correction_delete(&admin, &meta.id, meta.version).unwrap();
    let deletion = export(&mut t, "2026-09", &out);
    let input: sifa::correction::CorrectionSubjectInput = serde_json::from_str(&body).unwrap();
    let code = input.subject_code.clone();
    let again = t.desk.correction_create(&admin, input).unwrap();
    let reentered = export(&mut t, "2026-10", &out);

    let path = dir.path().join("d.db");
    let mut d = district_at(&path, std::slice::from_ref(&t.office));
    import(&mut d, std::slice::from_ref(&first));
    // October arrives before September: the code still belongs to the subject September deletes.
    let p = import(&mut d, std::slice::from_ref(&reentered));
    assert_eq!(p.rejected, 0);
    let subjects = p.files[0].counts.iter().find(|c| c.kind == "correction_subject").unwrap();
    assert_eq!((subjects.conflict, subjects.new), (1, 0), "{subjects:?}");
    let row = p.files[0].rows.iter().find(|r| r.id == again.id).unwrap();
    assert!(row.note.as_deref().unwrap_or("").contains("请先导入该所更早的报送文件"), "{row:?}");
    let holder = |c: &Connection| c.query_row("SELECT id FROM correction_subject WHERE subject_code = ?1", [&code], |r| r.get::<_, String>(0)).unwrap();
    assert_eq!(holder(&Connection::open(&path).unwrap()), meta.id);

    // September, then October again: the new subject takes the code.
    import(&mut d, std::slice::from_ref(&deletion));
    let p = import(&mut d, std::slice::from_ref(&reentered));
    let subjects = p.files[0].counts.iter().find(|c| c.kind == "correction_subject").unwrap();
    assert_eq!((subjects.conflict, subjects.new), (0, 1), "{subjects:?}");
    assert_eq!(holder(&Connection::open(&path).unwrap()), again.id);
}
