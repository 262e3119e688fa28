//! End-to-end test of the monthly batch (月度报送) in the real window: the month's figures before
//! export, the target folder, the export with its result, the history; the file written is an
//! intact batch; a full and a write-protected stick. Screenshots: target/e2e-screenshots/60–66.

mod support;
use support::{log_in, office_db, App, TODAY};

const FOLDER_INPUT: &str = "input[data-testid=\"batch-folder\"]";

/// The text of a statistics table once it holds `wanted` (read from the DOM: the wide table
/// scrolls sideways, so part of it is out of view).
async fn stats_text(app: &App, kind: &str, wanted: &str) -> String {
    let css = format!("[data-testid=\"batch-stats-{kind}\"]");
    let start = std::time::Instant::now();
    loop {
        let text = app.text_contents(&css).await.join(" ");
        if text.contains(wanted) {
            return text;
        }
        if start.elapsed() > support::WAIT {
            app.screenshot("FAILED").await;
            panic!("{css} never showed {wanted}: {text}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// An office with three months of mediation cases; the generator, for more records.
fn office_with_cases(db: &std::path::Path) -> (sifa::Desk, sifa::demo::Generator) {
    let mut desk = office_db(db);
    let mut g = sifa::demo::Generator::new(11, "420202001", TODAY.parse().unwrap());
    let cases = g.acceptance_dates(3, 15).into_iter().map(|d| g.case(d)).collect();
    desk.import_generated(cases, "演示").unwrap();
    (desk, g)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_month_is_checked_exported_to_a_folder_and_listed_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    {
        let (mut desk, mut g) = office_with_cases(&db);
        let consultations = g.acceptance_dates(3, 10).into_iter().map(|d| g.consultation(d)).collect();
        let applications = g.acceptance_dates(3, 4).into_iter().map(|d| g.application(d, "石港镇司法所", "黄石港区法律援助中心")).collect();
        desk.import_generated_legal_aid(consultations, applications).unwrap();
        let subjects = g.acceptance_dates(6, 2).into_iter().enumerate().map(|(n, d)| g.correction_subject(n, d)).collect();
        desk.import_generated_correction(subjects).unwrap();
    }
    let usb = dir.path().join("U盘");
    std::fs::create_dir(&usb).unwrap();

    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.click("[data-testid=\"nav-batch\"]").await;
    app.wait_route("/batch").await;

    // The previous month is chosen; the preview lists the sheets and the month's figures.
    assert_eq!(app.value("[data-testid=\"batch-period\"] input").await, "2026年10月");
    app.wait_text("[data-testid=\"batch-sheets\"]", "调解台账").await;
    let sheets = app.text("[data-testid=\"batch-sheets\"]").await;
    for name in ["封面", "调解当事人", "法援申请台账", "矫正事件", "矫正统计"] {
        assert!(sheets.contains(name), "{name} missing from {sheets}");
    }
    let figures = stats_text(&app, "mediation", "合计").await;
    assert!(figures.contains("村(居)调委会") && figures.contains("纠纷类型"), "{figures}");
    app.settle().await;
    app.screenshot("60-batch-preview").await;
    app.scroll_to("[data-testid=\"batch-stats\"]").await;
    app.screenshot("61-batch-statistics").await;

    // Without a folder nothing can be exported; with one, the file is written and shown.
    app.scroll_to("[data-testid=\"batch-export\"]").await;
    app.fill(FOLDER_INPUT, &usb.display().to_string()).await;
    app.click("[data-testid=\"batch-export\"]:not(.is-disabled)").await;
    let path = app.wait_text("[data-testid=\"batch-result-path\"]", "420202001_202610_full_001.xlsx").await;
    app.settle().await;
    app.screenshot("62-batch-exported").await;
    let file = usb.join("420202001_202610_full_001.xlsx");
    assert!(path.contains(&file.display().to_string()), "{path}");
    let report = sifa::batch::verify_file(&file);
    assert!(report.ok, "{:?}", report.reason);
    assert_eq!(report.generated_by.as_deref(), Some("王所长"));

    // The history lists it; the next export of the month would be the second.
    app.wait_text("[data-testid=\"batch-history\"]", "420202001_202610_full_001.xlsx").await;
    app.scroll_to("[data-testid=\"batch-history\"]").await;
    app.settle().await;
    app.screenshot("63-batch-history").await;
    let history = app.text_contents("[data-testid=\"batch-history\"]").await.join(" ");
    assert!(history.contains("2026年10月") && history.contains("王所长"), "{history}");
    // The preview moves on to the next sequence.
    app.wait_text("[data-testid=\"batch-file-name\"]", "420202001_202610_full_002.xlsx").await;

    // A folder that is not there (the stick pulled out) is refused with the reason on the field.
    app.fill(FOLDER_INPUT, &dir.path().join("没有这个文件夹").display().to_string()).await;
    app.click("[data-testid=\"batch-export\"]:not(.is-disabled)").await;
    app.wait_text("body", "找不到文件夹").await;
    app.settle().await;
    app.screenshot("64-batch-folder-missing").await;
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1, "nothing else was written");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_or_write_protected_stick_is_refused_with_the_reason_and_the_next_try_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_with_cases(&db));
    let full = support::SmallDisk::mount("1m", false);
    let filler = full.fill();
    let protected = support::SmallDisk::mount("1m", true);

    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.click("[data-testid=\"nav-batch\"]").await;
    app.wait_route("/batch").await;
    app.wait_text("[data-testid=\"batch-sheets\"]", "调解台账").await;
    app.scroll_to("[data-testid=\"batch-export\"]").await;

    // A full stick: the reason under the folder, nothing written, no sequence number used.
    app.fill(FOLDER_INPUT, &full.path().display().to_string()).await;
    app.click("[data-testid=\"batch-export\"]:not(.is-disabled)").await;
    app.wait_text("body", "目标盘空间不足，报送文件未生成").await;
    app.settle().await;
    app.screenshot("65-batch-target-full").await;
    assert_eq!(std::fs::read_dir(full.path()).unwrap().count(), 1, "only the filler is there");

    // A write-protected one.
    app.fill(FOLDER_INPUT, &protected.path().display().to_string()).await;
    app.click("[data-testid=\"batch-export\"]:not(.is-disabled)").await;
    app.wait_text("body", "该盘是只读的").await;
    app.settle().await;
    app.screenshot("66-batch-target-read-only").await;

    // Space freed on the first stick: the same export goes through as the first of its profile.
    std::fs::remove_file(&filler).unwrap();
    app.fill(FOLDER_INPUT, &full.path().display().to_string()).await;
    app.click("[data-testid=\"batch-export\"]:not(.is-disabled)").await;
    app.wait_text("[data-testid=\"batch-result-path\"]", "420202001_202610_full_001.xlsx").await;
    assert!(sifa::batch::verify_file(&full.path().join("420202001_202610_full_001.xlsx")).ok);
    app.quit().await;
}
