//! End-to-end test of district mode in the real window: thirteen offices have sent June to
//! September; the October folder arrives on a USB stick (one file edited on the way); the
//! district previews it, confirms, and sees 报送情况, the charts and the statistics.
//! Screenshots: target/e2e-screenshots/70–77.

mod support;
use sifa::record::Actor;
use sifa::clock::FixedClock;
use sifa::district::DistrictOffice;
use sifa::office::SetupInput;
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::{log_in, App, TODAY};

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

fn day(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

fn setup(code: &str, name: &str, short: &str, mode: &str) -> SetupInput {
    SetupInput {
        office_code: code.into(),
        office_name: name.into(),
        short_name: short.into(),
        district: "黄石港区".into(),
        mode: mode.into(),
        admin_username: "admin".into(),
        admin_display_name: "王所长".into(),
        admin_password: "mima2026".into(),
    }
}

/// Office `n` enters each month's records at the month's end and exports on `send_day` of the
/// next month; returns its batch files by month.
fn office_batches(dir: &Path, n: usize, months: &[&str], out: &Path) -> Vec<(String, PathBuf)> {
    let (name, short) = NAMES[n];
    let code = format!("4202020{:02}", n + 1);
    let path = dir.join(format!("{code}.db"));
    drop(Desk::create(&path, Arc::new(FixedClock::at_date(day("2026-06-01"))), setup(&code, name, short, "township")).unwrap());
    let mut files = Vec::new();
    for (i, m) in months.iter().enumerate() {
        let start = day(&format!("{m}-01"));
        let end = sifa::batch::month_end(start);
        let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(end))).unwrap();
        let mut g = sifa::demo::Generator::new((n * 100 + i) as u64, &code, end);
        let cases = g.acceptance_dates(1, 6 + n as u32 % 5).into_iter().map(|d| g.case(d)).collect();
        desk.import_generated(cases, "演示").unwrap();
        let c = g.acceptance_dates(1, 5).into_iter().map(|d| g.consultation(d)).collect();
        let a = g.acceptance_dates(1, 2).into_iter().map(|d| g.application(d, name, "黄石港区法律援助中心")).collect();
        desk.import_generated_legal_aid(c, a).unwrap();
        let s = g.acceptance_dates(1, 1).into_iter().map(|d| g.correction_subject(i, d)).collect();
        desk.import_generated_correction(s).unwrap();
        drop(desk);
        // 江北 sends late; the others on the 3rd.
        let send = end + chrono::Duration::days(if n == 4 { 12 } else { 3 });
        let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(send))).unwrap();
        let admin = desk.login("admin", "mima2026").unwrap();
        let b = desk.batch_export(&admin, m, "full", out, &mut |_| {}).unwrap();
        files.push((m.to_string(), PathBuf::from(b.path)));
        // 铁山 corrects and sends October again.
        if n == 8 && *m == "2026-10" {
            let b = desk.batch_export(&admin, m, "full", out, &mut |_| {}).unwrap();
            files.push((m.to_string(), PathBuf::from(b.path)));
        }
    }
    files
}

/// Every cell of one sheet rewritten as a person editing it in Excel would.
fn tamper(file: &Path, to: &Path) {
    let mut book = sifa::batch::xlsx::read(file).unwrap();
    let (_, rows) = book.sheets.iter_mut().find(|(n, _)| n == "调解台账").unwrap();
    let col = rows[2].iter().position(|c| c.as_text() == Some("summary")).unwrap();
    rows[3][col] = sifa::batch::grid::Cell::text("（已改动）");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &book.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    sifa::batch::grid::Cell::Text(s) => drop(ws.write_string(r as u32, c as u16, s)),
                    sifa::batch::grid::Cell::Number(x) => drop(ws.write_number(r as u32, c as u16, *x)),
                    sifa::batch::grid::Cell::Date(d) => drop(ws.write_string(r as u32, c as u16, d.to_string())),
                    sifa::batch::grid::Cell::Empty => {}
                }
            }
        }
        if name == "_meta" {
            ws.set_very_hidden(true);
        }
    }
    wb.save(to).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_of_batches_is_previewed_imported_and_shown_in_submissions_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier");
    let usb = dir.path().join("U盘-10月");
    std::fs::create_dir_all(&earlier).unwrap();
    std::fs::create_dir_all(&usb).unwrap();
    let months = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"];
    let mut before = Vec::new();
    for n in 0..13 {
        for (m, f) in office_batches(dir.path(), n, &months, &earlier) {
            // 陈家湾's September batch never arrived; October comes on the stick (金湖's edited on the way).
            if m == "2026-10" {
                let to = usb.join(f.file_name().unwrap());
                if n == 11 {
                    tamper(&f, &to);
                } else {
                    std::fs::copy(&f, &to).unwrap();
                }
            } else if !(n == 9 && m == "2026-09") {
                before.push(f);
            }
        }
    }
    let db = dir.path().join("district.db");
    {
        let (mut d, _) = Desk::create(&db, Arc::new(FixedClock::at_date(day(TODAY))), setup("420202", "黄石港区司法局", "黄石港区", "district")).unwrap();
        for (n, (name, short)) in NAMES.iter().enumerate() {
            d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: format!("4202020{:02}", n + 1), name: (*name).into(), short_name: (*short).into() }, true).unwrap();
        }
        let p = d.import_at_once(Actor::Named("测试"), &before, false, &mut |_| {}).unwrap();
        assert_eq!(p.rejected, 0);
    }

    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"chart-trend\"]").await;

    // The October folder: previewed first, nothing written yet.
    app.click("[data-testid=\"nav-import\"]").await;
    app.wait_route("/district/import").await;
    app.fill("[data-testid=\"import-path\"] input", &usb.display().to_string()).await;
    app.click("[data-testid=\"import-add-path\"]").await;
    app.click("[data-testid=\"import-preview\"]:not(.is-disabled)").await;
    let summary = app.wait_text("[data-testid=\"import-summary\"]", "退回 1 个").await;
    assert!(summary.contains("共 14 个文件") && summary.contains("可接收 13 个"), "{summary}");
    let files = app.text_contents("[data-testid=\"import-files\"]").await.join(" ");
    assert!(files.contains("内容在导出后被修改过"), "the rejected file says why: {files}");
    assert!(files.contains("第 10 次报送尚未收到") || files.contains("尚未收到"), "陈家湾's gap is warned: {files}");
    let totals = app.text_contents("[data-testid=\"import-totals\"]").await.join(" ");
    assert!(totals.contains("调解案件") && totals.contains("新增"), "{totals}");
    app.settle().await;
    app.screenshot("70-district-import-preview").await;
    let conn = rusqlite::Connection::open(&db).unwrap();
    let received = |c: &rusqlite::Connection| c.query_row("SELECT count(*) FROM received_batch", [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(received(&conn), before.len() as i64, "a preview writes nothing");
    app.click_visible("[data-testid=\"import-files\"] .el-table__expand-icon").await;
    app.find("[data-testid=\"import-file-detail\"]").await;
    app.scroll_to("[data-testid=\"import-file-detail\"]").await;
    app.settle().await;
    app.screenshot("71-district-import-preview-rows").await;

    app.click("[data-testid=\"import-confirm\"]:not(.is-disabled)").await;
    let done = app.wait_text("[data-testid=\"import-done\"]", "导入完成").await;
    assert!(done.contains("13"), "{done}");
    app.settle().await;
    app.screenshot("72-district-import-done").await;
    assert_eq!(received(&conn), before.len() as i64 + 14, "13 accepted and the rejected one recorded");

    // 报送情况: received, late, re-sent, missing and rejected months.
    app.click("[data-testid=\"nav-submissions\"]").await;
    app.wait_route("/district/submissions").await;
    let grid = app.wait_text("[data-testid=\"submissions-grid\"]", "重报").await;
    for status in ["已报", "逾期", "缺报", "退回"] {
        assert!(grid.contains(status), "{status} in {grid}");
    }
    app.settle().await;
    app.screenshot("73-district-submissions").await;
    app.scroll_to("[data-testid=\"received-list\"]").await;
    app.settle().await;
    app.screenshot("74-district-received-files").await;

    // The district 工作台: four charts, each with its numbers in a table.
    app.click("[data-testid=\"nav-dashboard\"]").await;
    app.wait_text("[data-testid=\"chart-trend-table\"]", "2026年10月").await;
    let trend = app.text_contents("[data-testid=\"chart-trend-table\"] th").await.join(" ");
    assert!(trend.contains("调解受理") && trend.contains("社区矫正在册"), "{trend}");
    let offices = app.text_contents("[data-testid=\"chart-offices-table\"]").await.join(" ");
    assert!(offices.contains("石港") && offices.contains("汪仁"), "{offices}");
    assert!(app.exists("[data-testid=\"chart-trend\"] canvas").await, "the chart is drawn");
    app.settle().await;
    app.screenshot("75-district-dashboard").await;
    app.scroll_to("[data-testid=\"chart-disputes\"]").await;
    app.settle().await;
    app.screenshot("76-district-dashboard-charts").await;

    // 区级统计 of October: the district's tables, and every office's sheet agrees with its rows.
    app.click("[data-testid=\"nav-district-stats\"]").await;
    app.wait_route("/district/statistics").await;
    app.wait_text("body", "人民调解工作统计表").await;
    app.settle().await;
    app.screenshot("77-district-statistics").await;
    app.click("#tab-check").await;
    // Only 陈家湾 disagrees: its September batch was withheld, so the district's year-to-date
    // figures from its rows are lower than those of its own October sheet.
    app.wait_text("[data-testid=\"stats-check\"]", "统计表与台账不符").await;
    assert!(!app.exists("[data-testid=\"stats-check-ok\"]").await, "the check says every sheet agrees");
    let offices = app.text_contents("[data-testid=\"stats-mismatches\"] .el-table__body tr td:first-child").await;
    assert!(!offices.is_empty(), "no mismatch rows");
    assert!(offices.iter().all(|o| o.contains("陈家湾")), "{offices:?}");
    let rows = app.text_contents("[data-testid=\"stats-mismatches\"] .el-table__body tr td:nth-child(4)").await;
    assert!(rows.iter().all(|r| r == "本年累计"), "{rows:?}");
    app.settle().await;
    app.screenshot("78-district-statistics-check").await;
    app.quit().await;
}
