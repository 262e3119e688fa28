//! The monthly batch end to end on real files: export, read back with calamine and compare every
//! field with the store; masking and the summary profile; verification of tampered files; the
//! row selection across batches; the statistics; safe writing; history and audit.

mod common;
use common::*;
use rusqlite::Connection;
use serde_json::{Map, Value};
use sifa::accounts::User;
use sifa::batch::grid::Cell;
use sifa::batch::ledger::{self, Meta};
use sifa::batch::xlsx::{self, ReadBook};
use sifa::batch::{verify_file, BatchRecord};
use sifa::correction::{CorrectionEventInput, CorrectionSubjectInput};
use sifa::legal_aid::{ConsultationInput, LegalAidInput};
use sifa::mediation::MediationCaseInput;
use sifa::Desk;
use std::path::{Path, PathBuf};

const OFFICE: &str = "420202001";

/// A demo office followed over five months, plus records whose text looks like formulas.
fn demo_office(today: &str) -> TestDesk {
    let mut t = demo_office_of_five_months(today);
    let mut tricky = case("2026-10-12", "=HYPERLINK(\"x\")", "+8613800138000", "-1 调解 @SUM(A1) 'quoted' \"双引号\"\t含制表符\n第二行");
    tricky.place = "=1+1".into();
    t.desk.mediation_create(&t.admin, tricky).unwrap();
    t
}

fn export(t: &mut TestDesk, period: &str, profile: &str) -> BatchRecord {
    let out = t.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    t.desk.batch_export(&t.admin.clone(), period, profile, &out, &mut |_| {}).unwrap()
}

fn read(path: &str) -> ReadBook {
    xlsx::read(Path::new(path)).unwrap()
}

fn sheet<'a>(book: &'a ReadBook, name: &str) -> &'a Vec<Vec<Cell>> {
    &book.sheets.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sheet {name}")).1
}

/// The rows of a ledger read back into field maps through the hidden id row.
fn ledger_rows(book: &ReadBook, name: &str) -> Vec<Map<String, Value>> {
    let rows = sheet(book, name);
    let ids: Vec<String> = rows[2].iter().map(|c| c.as_text().unwrap_or("").to_string()).collect();
    let spec = ledger::specs().into_iter().find(|s| s.name == name).unwrap();
    ledger::decode(&spec, &ids, &rows[3..]).unwrap()
}

fn meta_of(m: &Map<String, Value>) -> Meta {
    let s = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    Meta {
        id: s("_id"),
        number: s("_number"),
        parent_id: s("_parentId"),
        version: m.get("_version").and_then(Value::as_i64).unwrap_or(0),
        created_at: s("_createdAt"),
        updated_at: s("_updatedAt"),
        deleted_at: Some(s("_deletedAt")).filter(|s| !s.is_empty()),
    }
}

fn fields(m: &Map<String, Value>) -> Map<String, Value> {
    m.iter().filter(|(k, _)| !k.starts_with('_')).map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn prevention_sorted(mut c: MediationCaseInput) -> MediationCaseInput {
    let order = |k: &str| sifa::codes::code_tables()["prevention"].iter().position(|i| i.code == k);
    c.prevention.sort_by_key(|p| order(&p.kind));
    c
}

fn stored<T: serde::de::DeserializeOwned>(rows: Vec<(Meta, String, bool)>) -> Vec<(Meta, T)> {
    rows.into_iter().map(|(m, b, _)| (m, serde_json::from_str(&b).unwrap())).collect()
}

#[test]
fn a_full_batch_reads_back_equal_to_the_store_field_by_field() {
    let mut t = demo_office("2026-11-20");
    let b = export(&mut t, "2026-10", "full");
    assert_eq!(b.file_name, "420202001_202610_full_001.xlsx");
    assert!(Path::new(&b.path).is_file());
    let book = read(&b.path);
    let conn = Connection::open(&t.path).unwrap();
    let conn = &conn;

    // 人民调解: the case rows plus their parties, sessions and follow-ups rebuild each case.
    let mut cases: Vec<(Meta, MediationCaseInput)> = Vec::new();
    let children = |name: &str| {
        let mut by: std::collections::HashMap<String, Vec<(i64, Value)>> = Default::default();
        for m in ledger_rows(&book, name) {
            let parent = m["_parentId"].as_str().unwrap().to_string();
            by.entry(parent).or_default().push((m["_index"].as_i64().unwrap(), Value::Object(fields(&m))));
        }
        by
    };
    let (parties, sessions, follow_ups) = (children("调解当事人"), children("调解过程"), children("调解回访"));
    for m in ledger_rows(&book, "调解台账") {
        let meta = meta_of(&m);
        let mut f = fields(&m);
        for (key, kids) in [("parties", &parties), ("sessions", &sessions), ("followUps", &follow_ups)] {
            let mut list = kids.get(&meta.id).cloned().unwrap_or_default();
            list.sort_by_key(|(i, _)| *i);
            f.insert(key.into(), Value::Array(list.into_iter().map(|(_, v)| v).collect()));
        }
        cases.push((meta, serde_json::from_value(Value::Object(f)).unwrap()));
    }
    let expected: Vec<(Meta, MediationCaseInput)> = stored(sifa::store::batch::cases(conn, OFFICE).unwrap());
    assert_eq!(cases.len(), expected.len(), "the first batch carries every case");
    assert!(cases.len() > 50);
    for ((m, c), (em, ec)) in cases.into_iter().zip(expected) {
        assert_eq!(m, em);
        assert_eq!(prevention_sorted(c), prevention_sorted(ec), "case {}", m.number);
    }

    // 法律援助 and 社区矫正: one row per record.
    fn same<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(book: &ReadBook, name: &str, expected: Vec<(Meta, T)>) {
        let got: Vec<(Meta, T)> = ledger_rows(book, name).iter().map(|m| (meta_of(m), serde_json::from_value(Value::Object(fields(m))).unwrap())).collect();
        assert_eq!(got.len(), expected.len(), "{name}");
        assert!(!got.is_empty(), "{name}");
        for ((gm, g), (em, e)) in got.iter().zip(&expected) {
            // A subject's number is its own field (对象编号); the others have none.
            assert_eq!(Meta { number: String::new(), ..gm.clone() }, Meta { number: String::new(), ..em.clone() }, "{name}");
            assert_eq!(g, e, "{name}");
        }
    }
    same::<ConsultationInput>(&book, "法援咨询", stored(sifa::store::batch::consultations(conn, OFFICE).unwrap()));
    same::<LegalAidInput>(&book, "法援申请台账", stored(sifa::store::batch::applications(conn, OFFICE).unwrap()));
    same::<CorrectionSubjectInput>(&book, "矫正对象台账", stored(sifa::store::batch::subjects(conn, OFFICE).unwrap()));
    same::<CorrectionEventInput>(&book, "矫正事件", stored(sifa::store::batch::events(conn, OFFICE).unwrap()));

    // Text that looks like a formula stays text; ID numbers and phones are text cells.
    let rows = sheet(&book, "调解当事人");
    let cells: Vec<&Cell> = rows.iter().flatten().collect();
    assert!(cells.contains(&&Cell::Text("=HYPERLINK(\"x\")".into())));
    assert!(cells.contains(&&Cell::Text("+8613800138000".into())));
    let case_cells: Vec<&Cell> = sheet(&book, "调解台账").iter().flatten().collect();
    assert!(case_cells.contains(&&Cell::Text("=1+1".into())));
    let id_col = rows[2].iter().position(|c| c.as_text() == Some("idNo")).unwrap();
    assert!(rows[3..].iter().filter_map(|r| r.get(id_col)).all(|c| matches!(c, Cell::Text(_) | Cell::Empty)));
    let date_col = sheet(&book, "调解台账")[2].iter().position(|c| c.as_text() == Some("acceptedOn")).unwrap();
    assert!(matches!(sheet(&book, "调解台账")[3][date_col], Cell::Date(_)), "dates are real date cells");

    let report = verify_file(Path::new(&b.path));
    assert!(report.ok, "{:?}", report.reason);
    assert_eq!((report.office_code.as_deref(), report.period.as_deref(), report.sequence), (Some(OFFICE), Some("2026-10"), Some(1)));
}

/// Every full name, ID number and mobile number of a person in the store.
fn personal_data(conn: &Connection) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut numbers = Vec::new();
    for (_, c) in stored::<MediationCaseInput>(sifa::store::batch::cases(conn, OFFICE).unwrap()) {
        for p in c.parties {
            names.push(p.name);
            numbers.push(p.id_no);
            numbers.push(p.phone);
        }
    }
    for (_, c) in stored::<ConsultationInput>(sifa::store::batch::consultations(conn, OFFICE).unwrap()) {
        names.push(c.name);
        numbers.push(c.phone);
    }
    for (_, a) in stored::<LegalAidInput>(sifa::store::batch::applications(conn, OFFICE).unwrap()) {
        names.push(a.name);
        numbers.push(a.id_no);
        numbers.push(a.phone);
    }
    for (_, s) in stored::<CorrectionSubjectInput>(sifa::store::batch::subjects(conn, OFFICE).unwrap()) {
        names.push(s.name);
        numbers.push(s.id_no);
        numbers.push(s.phone);
    }
    names.retain(|n| n.chars().count() >= 2 && !n.starts_with(['=', '+']));
    numbers.retain(|n| n.len() >= 11 && !n.starts_with('+'));
    (names, numbers)
}

fn texts(book: &ReadBook) -> Vec<String> {
    book.sheets.iter().filter(|(n, _)| n != "_meta").flat_map(|(_, rows)| rows.iter().flatten().filter_map(|c| c.as_text().map(str::to_string))).collect()
}

#[test]
fn the_masked_batch_has_no_full_name_id_or_mobile_and_the_summary_no_personal_data() {
    let mut t = demo_office("2026-11-20");
    let conn = Connection::open(&t.path).unwrap();
    let (names, numbers) = personal_data(&conn);
    assert!(names.len() > 100 && numbers.len() > 100);

    let masked = read(&export(&mut t, "2026-10", "masked").path);
    let all = texts(&masked);
    for n in &numbers {
        assert!(!all.iter().any(|t| t.contains(n.as_str())), "{n} appears in the masked batch");
    }
    let name_headers = ["姓名（名称）", "咨询人", "申请人", "姓名", "代理人"];
    for (sheet_name, rows) in masked.sheets.iter().filter(|(n, _)| n != "_meta" && n != "封面") {
        let Some(headers) = rows.get(1) else { continue };
        for (i, h) in headers.iter().enumerate() {
            if !name_headers.contains(&h.as_text().unwrap_or("")) {
                continue;
            }
            for r in rows.iter().skip(3) {
                if let Some(Cell::Text(v)) = r.get(i) {
                    assert!(v.chars().skip(1).all(|c| c == '*' || c == '、'), "{sheet_name}: {v}");
                }
            }
        }
    }
    // The parties column of the case ledger shows masked names only.
    assert!(all.iter().any(|t| t.contains("*（申请人）")));
    // Sensitive columns are gone; minors are left out of the ledgers (counted in the figures).
    let subjects = sheet(&masked, "矫正对象台账");
    let headers: Vec<&str> = subjects[1].iter().filter_map(Cell::as_text).collect();
    for gone in ["罪名", "执行地详址", "健康状况", "三涉", "四史", "电子定位"] {
        assert!(!headers.contains(&gone), "{gone}");
    }
    let minors = stored::<CorrectionSubjectInput>(sifa::store::batch::subjects(&conn, OFFICE).unwrap());
    let minor_codes: Vec<String> = sifa::store::batch::subjects(&conn, OFFICE).unwrap().into_iter().filter(|r| r.2).map(|r| r.0.number).collect();
    assert!(!minor_codes.is_empty(), "the demo has minors");
    assert_eq!(subjects.len() - 3, minors.len() - minor_codes.len());
    for code in &minor_codes {
        assert!(!all.iter().any(|t| t == code), "minor {code} appears");
    }
    assert!(verify_file(Path::new(&export(&mut t, "2026-10", "masked").path)).ok);

    let summary = read(&export(&mut t, "2026-10", "summary").path);
    let sheet_names: Vec<&str> = summary.sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(sheet_names, vec!["封面", "调解统计", "法援统计", "矫正统计", "_meta"]);
    let all = texts(&summary);
    for p in numbers.iter().chain(&names) {
        assert!(!all.iter().any(|t| t.contains(p.as_str())), "{p} appears in the summary");
    }
}

/// Writes a read-back workbook again, as a person editing it in a spreadsheet program would.
fn reason_after(book: &ReadBook, dir: &Path, name: &str, edit: impl FnOnce(&mut ReadBook)) -> String {
    let mut b = ReadBook { sheets: book.sheets.clone() };
    edit(&mut b);
    let p = dir.join(name);
    rewrite(&b, &p);
    let r = verify_file(&p);
    assert!(!r.ok, "{name} passed");
    r.reason.unwrap()
}

fn sheet_mut<'a>(book: &'a mut ReadBook, name: &str) -> &'a mut Vec<Vec<Cell>> {
    &mut book.sheets.iter_mut().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn verify_tells_an_intact_batch_from_an_edited_truncated_or_foreign_file() {
    let mut t = demo_office("2026-11-20");
    let b = export(&mut t, "2026-10", "full");
    let book = read(&b.path);
    let dir = t.dir.path();

    // Saved again without a change (as Excel or WPS would), the batch still verifies.
    let same = dir.join("same.xlsx");
    rewrite(&book, &same);
    let r = verify_file(&same);
    assert!(r.ok, "{:?}", r.reason);

    let reason = reason_after(&book, dir, "cell.xlsx", |b| {
        let rows = sheet_mut(b, "调解台账");
        rows[5][1] = Cell::text("调解成功");
    });
    assert!(reason.contains("「调解台账」的内容在导出后被修改过"), "{reason}");
    let reason = reason_after(&book, dir, "number.xlsx", |b| {
        let rows = sheet_mut(b, "法援统计");
        rows[4][1] = Cell::Number(999.0);
    });
    assert!(reason.contains("「法援统计」"), "{reason}");

    let reason = reason_after(&book, dir, "row.xlsx", |b| {
        sheet_mut(b, "矫正事件").remove(10);
    });
    assert!(reason.contains("「矫正事件」应有") && reason.contains("删除"), "{reason}");

    let reason = reason_after(&book, dir, "meta.xlsx", |b| {
        let meta = sheet_mut(b, "_meta");
        let row = meta.iter_mut().find(|r| r[0].as_text() == Some("officeName")).unwrap();
        row[1] = Cell::text("另一个司法所");
    });
    assert!(reason.contains("报送清单（_meta）在导出后被修改过"), "{reason}");
    let reason = reason_after(&book, dir, "meta-count.xlsx", |b| {
        let meta = sheet_mut(b, "_meta");
        let row = meta.iter_mut().find(|r| r[0].as_text() == Some("rows.调解台账")).unwrap();
        row[1] = Cell::text("1");
    });
    assert!(reason.contains("「调解台账」应有 1 行"), "{reason}");
    let reason = reason_after(&book, dir, "cover.xlsx", |b| {
        let cover = sheet_mut(b, "封面");
        let row = cover.iter_mut().find(|r| r.first().and_then(Cell::as_text) == Some(sifa::batch::COVER_DIGEST_LABEL)).unwrap();
        row[1] = Cell::text("0".repeat(64));
    });
    assert!(reason.contains("封面上的校验码"), "{reason}");
    let reason = reason_after(&book, dir, "no-sheet.xlsx", |b| {
        b.sheets.retain(|(n, _)| n != "调解回访");
    });
    assert!(reason.contains("缺少工作表「调解回访」"), "{reason}");

    // Truncated in transit.
    let bytes = std::fs::read(&b.path).unwrap();
    let cut = dir.join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = verify_file(&cut);
    assert!(!r.ok && r.reason.as_deref().unwrap().contains("损坏或不完整"), "{:?}", r.reason);

    // A plain spreadsheet, and something that is not a spreadsheet at all.
    let plain = dir.join("plain.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "调解台账").unwrap();
    wb.save(&plain).unwrap();
    let r = verify_file(&plain);
    assert!(r.reason.as_deref().unwrap().contains("不是司法所工作台导出的月度报送文件"), "{:?}", r.reason);
    let text = dir.join("notes.xlsx");
    std::fs::write(&text, "这不是表格").unwrap();
    assert!(verify_file(&text).reason.unwrap().contains("损坏或不完整"));
    assert!(verify_file(&dir.join("missing.xlsx")).reason.unwrap().contains("找不到文件"));
}

#[test]
fn the_next_batch_carries_the_month_and_every_later_correction_and_deletion() {
    let mut t = desk_on("2026-10-20");
    let old = t.desk.mediation_create(&t.admin, case("2026-08-03", "甲一", "乙一", "八月的旧案")).unwrap();
    let gone = t.desk.mediation_create(&t.admin, case("2026-08-05", "甲二", "乙二", "将被删除")).unwrap();
    let first = export(&mut t, "2026-09", "full");
    assert_eq!(first.sequence, 1);
    assert!(first.previous_digest.is_none());
    assert_eq!(first.sheets.iter().find(|s| s.name == "调解台账").unwrap().rows, 2, "the first batch carries everything");
    drop(t.desk);

    // Later: a new October case, a correction of the August case, a deletion.
    t.desk = open_at(&t.path, "2026-11-03");
    let admin = t.desk.login(ADMIN, PASSWORD).unwrap();
    t.admin = admin;
    t.desk.mediation_create(&t.admin, case("2026-10-09", "甲三", "乙三", "十月新案")).unwrap();
    let mut fix = old.input.clone();
    fix.summary = "八月的旧案（更正）".into();
    t.desk.mediation_update(&t.admin, &old.id, old.version, fix).unwrap();
    t.desk.mediation_delete(&t.admin, &gone.id, gone.version).unwrap();

    let preview = t.desk.batch_preview("2026-10", "full").unwrap();
    assert_eq!((preview.sequence, preview.previous_digest.as_deref()), (2, Some(first.digest.as_str())));
    assert_eq!(preview.file_name, "420202001_202610_full_002.xlsx");
    let second = export(&mut t, "2026-10", "full");
    assert_eq!(second.sequence, 2);
    let book = read(&second.path);
    let rows = ledger_rows(&book, "调解台账");
    let by_id = |id: &str| rows.iter().find(|m| m["_id"] == id).cloned();
    assert_eq!(rows.len(), 3, "the October case, the corrected and the deleted one");
    assert_eq!(by_id(&old.id).unwrap()["summary"], "八月的旧案（更正）");
    assert_eq!(by_id(&old.id).unwrap()["_version"], 2);
    let deleted = by_id(&gone.id).unwrap();
    assert!(deleted["_deletedAt"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(deleted.keys().all(|k| k.starts_with('_')), "a deleted case carries no fields: {deleted:?}");
    assert!(!ledger_rows(&book, "调解当事人").iter().any(|m| m["_parentId"] == gone.id.as_str()), "nor its parties");
    let meta = verify_file(Path::new(&second.path));
    assert_eq!(meta.previous_digest.as_deref(), Some(first.digest.as_str()));

    // Nothing changed since: only the month's activity (the two cases still open in October),
    // not the deleted one again.
    drop(t.desk);
    t.desk = open_at(&t.path, "2026-11-04");
    t.admin = t.desk.login(ADMIN, PASSWORD).unwrap();
    let third = export(&mut t, "2026-10", "full");
    let rows = ledger_rows(&read(&third.path), "调解台账");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|m| m["_id"] != gone.id.as_str()));
    // Each profile keeps its own sequence; the history is newest first and audited.
    assert_eq!(export(&mut t, "2026-10", "summary").sequence, 1);
    let history = t.desk.batch_history().unwrap();
    assert_eq!(history.iter().map(|h| (h.profile.code(), h.sequence)).collect::<Vec<_>>(), vec![("summary", 1), ("full", 3), ("full", 2), ("full", 1)]);
    assert_eq!(history[1].created_by, "王所长");
    let c = Connection::open(&t.path).unwrap();
    let exports: i64 = c.query_row("SELECT count(*) FROM audit_log WHERE action = 'export' AND record_kind = 'batch'", [], |r| r.get(0)).unwrap();
    assert_eq!(exports, 4);
    assert_eq!(t.desk.verify_audit().unwrap(), None);
}

/// A probationer whose ruling took effect on 1 September 2026, reported on `reported`.
fn subject(code: &str, name: &str, id_no: &str, reported: &str) -> CorrectionSubjectInput {
    CorrectionSubjectInput {
        effective_on: Some("2026-09-01".into()),
        corr_start: Some("2026-09-01".into()),
        corr_end: Some("2027-02-28".into()),
        reported_on: Some(reported.into()),
        ..probationer(code, name, id_no)
    }
}

fn value(t: &sifa::batch::StatTable, row: &str, key: &str) -> Option<f64> {
    let i = t.columns.iter().position(|c| c.key == key).unwrap_or_else(|| panic!("no column {key}"));
    t.rows.iter().find(|r| r.label == row).unwrap().values[i]
}

#[test]
fn the_statistics_count_the_month_from_the_records_and_the_sheets_show_the_same_figures() {
    let mut t = desk_on("2026-11-10");
    let a = t.admin.clone();
    let mut village = case("2026-10-08", "张三", "李四", "宅基地边界");
    village.committee = "village".into();
    village.source = "proactive".into();
    t.desk.mediation_create(&a, village.clone()).unwrap();
    village.source = "application".into();
    village.accepted_on = "2026-10-15".into();
    village.rights_notice_on = Some("2026-10-15".into());
    t.desk.mediation_create(&a, village).unwrap();
    let mut township = case("2026-10-20", "王五", "赵六", "婚姻家庭");
    township.committee = "township".into();
    township.dispute_type = "marriage_family".into();
    t.desk.mediation_create(&a, township).unwrap();
    let mut september = case("2026-09-01", "钱七", "孙八", "九月受理仍未调结");
    september.committee = "township".into();
    t.desk.mediation_create(&a, september).unwrap();

    let consult = |on: &str, channel: &str, service: &str, persons: i64| ConsultationInput {
        consulted_on: on.into(),
        channel: channel.into(),
        service: service.into(),
        persons,
        matter: "wages".into(),
        question: "拖欠工资".into(),
        answer: "可申请劳动仲裁".into(),
        staff: "周建华".into(),
        ..Default::default()
    };
    t.desk.consultation_create(&a, consult("2026-10-09", "visit", "answer", 2)).unwrap();
    t.desk.consultation_create(&a, consult("2026-10-10", "hotline", "answer", 1)).unwrap();
    t.desk.consultation_create(&a, consult("2026-10-11", "visit", "draft", 1)).unwrap();
    t.desk.consultation_create(&a, consult("2026-09-11", "visit", "answer", 4)).unwrap();

    let s1 = t.desk.correction_create(&a, subject("SQ-1", "赵强", "420202198003150011", "2026-09-05")).unwrap();
    t.desk.correction_create(&a, subject("SQ-2", "钱多", "11010519491231002X", "2026-10-05")).unwrap();
    let report = CorrectionEventInput { kind: "report".into(), event_on: "2026-10-06".into(), staff: "李明".into(), report_mode: Some("phone".into()), ..Default::default() };
    t.desk.correction_event_create(&a, &s1.id, report).unwrap();
    let study = CorrectionEventInput { kind: "education".into(), event_on: "2026-10-12".into(), staff: "李明".into(), hours: Some(2.5), content: "法治教育".into(), ..Default::default() };
    t.desk.correction_event_create(&a, &s1.id, study).unwrap();

    let p = t.desk.batch_preview("2026-10", "summary").unwrap();
    let m = &p.statistics[0];
    assert_eq!(m.rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(), vec!["乡镇(街道)调委会", "村(居)调委会", "行业性专业性调委会", "合计"]);
    assert_eq!(value(m, "村(居)调委会", "accepted"), Some(2.0));
    assert_eq!(value(m, "村(居)调委会", "proactive"), Some(1.0));
    assert_eq!(value(m, "村(居)调委会", "application"), Some(1.0));
    assert_eq!(value(m, "合计", "accepted"), Some(3.0));
    assert_eq!(value(m, "合计", "type.neighbour"), Some(2.0));
    assert_eq!(value(m, "合计", "type.marriage_family"), Some(1.0));
    assert_eq!(value(m, "合计", "successRate"), None, "no case concluded: no rate");
    assert_eq!(value(m, "合计", "overdue"), Some(1.0), "the September case is past its 30 days at the end of October");
    assert_eq!(value(m, "合计", "mediators"), Some(1.0));

    let l = &p.statistics[1];
    assert_eq!(value(l, "本月", "consult"), Some(3.0));
    assert_eq!(value(l, "本月", "consult.visit"), Some(2.0));
    assert_eq!(value(l, "本月", "consult.hotline"), Some(1.0));
    assert_eq!(value(l, "本月", "draft"), Some(1.0));
    assert_eq!(value(l, "本年累计", "consult"), Some(7.0));

    let c = &p.statistics[2];
    assert_eq!(value(c, "缓刑", "opening"), Some(1.0));
    assert_eq!(value(c, "缓刑", "received"), Some(1.0));
    assert_eq!(value(c, "合计", "closing"), Some(2.0));
    assert_eq!(value(c, "合计", "closing.female"), Some(1.0));
    assert_eq!(value(c, "合计", "education.count"), Some(1.0));
    assert_eq!(value(c, "合计", "education.hours"), Some(2.5));
    assert_eq!(value(c, "管制", "closing"), Some(0.0));

    // The file holds the same figures under the same headers.
    let b = export(&mut t, "2026-10", "summary");
    let book = read(&b.path);
    for table in &p.statistics {
        let rows = sheet(&book, &table.sheet);
        assert_eq!(rows[0][0], Cell::text(table.title.clone()));
        for (i, r) in table.rows.iter().enumerate() {
            let line = &rows[4 + i];
            assert_eq!(line[0], Cell::text(r.label.clone()));
            for (j, v) in r.values.iter().enumerate() {
                let expected = match v {
                    Some(x) => Cell::Number(*x),
                    None => Cell::text("—"),
                };
                assert_eq!(line[j + 1], expected, "{} {} {}", table.sheet, r.label, table.columns[j].label);
            }
        }
    }
}

#[test]
fn a_failed_write_leaves_no_file_under_the_final_name_and_no_history() {
    struct FullDisk(usize);
    impl std::io::Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 > 4096 {
                return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
            }
            self.0 += buf.len().min(1024);
            Ok(buf.len().min(1024))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    impl sifa::batch::SinkFile for FullDisk {
        fn sync(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let bytes = vec![7u8; 100_000];
    let e = sifa::batch::write_safely_with(dir.path(), "a.xlsx", &bytes, &|p| {
        std::fs::write(p, b"partial").unwrap();
        Ok(Box::new(FullDisk(0)) as Box<dyn sifa::batch::SinkFile>)
    })
    .unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.code().as_str()), ("folder", "batch.disk_full"));
    assert!(e.to_string().contains("空间不足"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "neither the final nor the temporary file is left");

    // Written once, a second write under the same name is refused rather than overwriting.
    let p = sifa::batch::write_safely(dir.path(), "a.xlsx", b"first").unwrap();
    let e = sifa::batch::write_safely(dir.path(), "a.xlsx", b"second").unwrap_err();
    assert_eq!(e.code(), "batch.exists");
    assert_eq!(std::fs::read(&p).unwrap(), b"first");

    // Through the desk: a missing folder (USB stick pulled out), a file instead of a folder, no folder.
    let mut t = desk_on("2026-11-10");
    let a = t.admin.clone();
    t.desk.mediation_create(&a, case("2026-10-08", "张三", "李四", "宅基地边界")).unwrap();
    let missing: PathBuf = t.dir.path().join("U盘");
    let e = t.desk.batch_export(&a, "2026-10", "full", &missing, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("找不到文件夹") && e.fields()[0].field == "folder", "{e}");
    let file = t.dir.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let e = t.desk.batch_export(&a, "2026-10", "full", &file, &mut |_| {}).unwrap_err();
    assert!(e.to_string().contains("不是文件夹"), "{e}");
    assert!(t.desk.batch_export(&a, "2026-10", "full", Path::new(""), &mut |_| {}).unwrap_err().to_string().contains("请选择"));
    // Bad period and profile name their field; a reader may not export.
    let out = t.dir.path();
    assert_eq!(t.desk.batch_export(&a, "2026/10", "full", out, &mut |_| {}).unwrap_err().fields()[0].field, "period");
    assert_eq!(t.desk.batch_export(&a, "2026-10", "all", out, &mut |_| {}).unwrap_err().fields()[0].field, "profile");
    let reader = User { id: "r".into(), username: "r".into(), display_name: "只读".into(), role: sifa::accounts::Role::ReadOnly };
    assert_eq!(t.desk.batch_export(&reader, "2026-10", "full", out, &mut |_| {}).unwrap_err().code(), "auth.forbidden");
    assert!(t.desk.batch_history().unwrap().is_empty(), "no failed export is in the history");
    assert_eq!(std::fs::read_dir(out).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "xlsx")).count(), 0);

    // Progress is reported up to the end.
    let mut seen = Vec::new();
    let done = t.desk.batch_export(&a, "2026-10", "full", out, &mut |p| seen.push(p)).unwrap();
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.stage.as_str()), (last.total, "完成"));
    assert_eq!(t.desk.batch_get(&done.id).unwrap(), done);
    // 打开所在文件夹 finds the file while it is there, and says so when the stick is gone.
    assert_eq!(t.desk.batch_file(&done.id).unwrap(), PathBuf::from(&done.path));
    std::fs::remove_file(&done.path).unwrap();
    let e = t.desk.batch_file(&done.id).unwrap_err();
    assert!(e.to_string().contains("找不到文件"), "{e}");
    let _: &Desk = &t.desk;
}
