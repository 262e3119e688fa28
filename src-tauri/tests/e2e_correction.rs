//! End-to-end tests of community correction (社区矫正) in the real window: a subject registered,
//! reporting in, due on 工作台 on the right day, checked in from there, away on leave, late with
//! a suggested sanction; and the register of a demo office. Screenshots: target/e2e-screenshots/.

mod support;
use support::{field, log_in, office_db, App, ENTER, TODAY, WAIT};

const TASK: &str = "[data-testid=\"correction-task\"]";

/// The 今日任务 rows of 工作台, once it has loaded.
async fn tasks(app: &App) -> Vec<String> {
    app.find("[data-testid=\"correction-today\"]").await;
    app.settle().await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.text_contents(TASK).await
}

/// Waits until a 今日任务 row holds every one of `wanted`; returns it.
async fn wait_task(app: &App, wanted: &[&str]) -> String {
    let start = std::time::Instant::now();
    loop {
        let rows = app.text_contents(TASK).await;
        if let Some(r) = rows.iter().find(|r| wanted.iter().all(|w| r.contains(w))) {
            return r.clone();
        }
        if start.elapsed() > WAIT {
            app.screenshot("FAILED").await;
            panic!("今日任务 never showed {wanted:?}: {rows:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

async fn open_dashboard(db: &std::path::Path, today: &str) -> App {
    let app = App::launch(db, today).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app
}

/// Opens 赵强's page from the register.
async fn open_subject(app: &App) {
    app.click("[data-testid=\"nav-correction\"]").await;
    app.wait_text("[data-testid=\"correction-row-name\"]", "赵强").await;
    app.click("[data-testid=\"correction-row-code\"]").await;
    app.find("[data-testid=\"correction-events\"]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_subject_reports_in_checks_in_goes_away_on_leave_and_falls_late() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));

    // Friday 27 November: the ruling took effect on the 25th; the subject is registered.
    let app = open_dashboard(&db, TODAY).await;
    app.click("[data-testid=\"nav-correction\"]").await;
    app.click("[data-testid=\"correction-new\"]").await;
    app.find("[data-testid=\"correction-form\"]").await;
    app.fill(&field("subjectCode", "input"), "SQ2026031").await;
    app.fill(&field("name", "input"), "赵强").await;
    app.fill(&field("idNo", "input"), "420202198003150011").await;
    app.fill(&field("phone", "input"), "13800138000").await;
    app.fill(&field("domicile", "input"), "湖北省黄石市黄石港区").await;
    app.fill(&field("residence", "input"), "石港镇和平村3组12号").await;
    app.choose("field-correctionType", "缓刑").await;
    app.fill(&field("decidingOrganName", "input"), "黄石市黄石港区人民法院").await;
    app.fill(&field("docNo", "input"), "(2026)鄂0202刑初88号").await;
    app.fill(&field("effectiveOn", "input"), &format!("2026-11-25{ENTER}")).await;
    app.fill(&field("charge", "input"), "危险驾驶罪").await;
    app.choose("field-chargeClass", "危害公共安全罪").await;
    app.fill(&field("sentence", "input"), "拘役三个月，缓刑六个月").await;
    app.fill(&field("corrStart", "input"), &format!("2026-11-25{ENTER}")).await;
    // A term ending before it starts is refused on its field; nothing is saved.
    app.fill(&field("corrEnd", "input"), &format!("2026-05-24{ENTER}")).await;
    app.click("[data-testid=\"correction-save\"]").await;
    app.wait_text(&field("corrEnd", ".el-form-item__error"), "矫正期满日不能早于矫正起始日").await;
    app.fill(&field("corrEnd", "input"), &format!("2027-05-24{ENTER}")).await;
    // The refusal's message and the date panel have gone before the second 保存.
    app.settle().await;
    app.click("[data-testid=\"correction-save\"]").await;
    app.wait_text("[data-testid=\"correction-version\"]", "版本 1").await;
    assert_eq!(app.value(&field("docNo", "input")).await, "（2026）鄂0202刑初88号");
    // Not yet reported: the ten days run to Monday 7 December (the 5th is a Saturday).
    app.wait_text("[data-testid=\"correction-duties\"]", "2026-12-07").await;

    // The report-in today.
    app.choose("field-state", "已报到").await;
    app.fill(&field("reportedOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.click("[data-testid=\"correction-save\"]").await;
    app.wait_text("[data-testid=\"correction-version\"]", "版本 2").await;
    // 普管: a report every 15 days, the first on 12 December.
    app.wait_text("[data-testid=\"correction-duties\"]", "2026-12-12").await;
    app.scroll_to("[data-testid=\"correction-page\"]").await;
    app.screenshot("40-correction-registered").await;
    app.click("[data-testid=\"correction-back\"]").await;
    app.wait_text("[data-testid=\"correction-row-state\"]", "已报到").await;
    app.screenshot("41-correction-register").await;
    app.quit().await;

    // The day before, nothing is due; on the day, 今日任务 lists the report.
    let app = open_dashboard(&db, "2026-12-11").await;
    app.wait_text_exact("[data-testid=\"dashboard-corr-count-registered\"]", "1").await;
    let rows = tasks(&app).await;
    assert!(rows.iter().all(|r| !r.contains("赵强")), "{rows:?}");
    app.quit().await;
    let app = open_dashboard(&db, "2026-12-12").await;
    let row = wait_task(&app, &["赵强", "今日应办", "定期报告"]).await;
    assert!(row.contains("今日到期"), "{row}");
    app.wait_text_exact("[data-testid=\"dashboard-corr-count-dueToday\"]", "1").await;
    app.scroll_to("[data-testid=\"correction-today\"]").await;
    app.screenshot("42-dashboard-correction-due-today").await;

    // One click: the check-in is recorded and the subject leaves the due list.
    app.click("[data-testid=\"correction-task-record\"]").await;
    app.find("[data-testid=\"correction-event-dialog\"]").await;
    app.settle().await;
    app.screenshot("43-correction-check-in-dialog").await;
    app.click_visible("[data-testid=\"correction-event-save\"]").await;
    app.wait_text_exact("[data-testid=\"dashboard-corr-count-dueToday\"]", "0").await;
    let rows = tasks(&app).await;
    assert!(rows.iter().all(|r| !r.contains("定期报告")), "{rows:?}");

    // Leave from Monday 14 to Friday 18 December, approved by the office.
    open_subject(&app).await;
    app.wait_text("[data-testid=\"correction-events\"]", "按时").await;
    app.click("[data-testid=\"correction-event-new\"]").await;
    app.find("[data-testid=\"correction-event-dialog\"]").await;
    app.choose("field-kind", "外出请假").await;
    app.choose("field-leaveReason", "处理家庭重大事务").await;
    app.fill(&field("destination", "input"), "湖北省武汉市").await;
    app.fill(&field("leaveFrom", "input"), &format!("2026-12-14{ENTER}")).await;
    app.fill(&field("leaveTo", "input"), &format!("2026-12-18{ENTER}")).await;
    app.choose("field-decision", "批准").await;
    app.fill(&field("decidedOn", "input"), &format!("2026-12-12{ENTER}")).await;
    app.click_visible("[data-testid=\"correction-event-save\"]").await;
    app.wait_text("[data-testid=\"correction-events\"]", "湖北省武汉市").await;
    app.wait_text("[data-testid=\"correction-events\"]", "司法所").await;
    app.quit().await;

    let app = open_dashboard(&db, "2026-12-15").await;
    let row = wait_task(&app, &["赵强", "外出中"]).await;
    assert!(row.contains("湖北省武汉市"), "{row}");
    app.wait_text_exact("[data-testid=\"dashboard-corr-count-away\"]", "1").await;
    app.scroll_to("[data-testid=\"correction-today\"]").await;
    app.screenshot("44-dashboard-correction-away").await;
    app.quit().await;

    // Back on the 18th and reported back (销假); the report of 27 December is then missed.
    let app = open_dashboard(&db, "2026-12-19").await;
    open_subject(&app).await;
    app.click("[data-testid=\"correction-event-edit\"]").await;
    app.find("[data-testid=\"correction-event-dialog\"]").await;
    app.fill(&field("returnedOn", "input"), &format!("2026-12-18{ENTER}")).await;
    app.click_visible("[data-testid=\"correction-event-save\"]").await;
    app.wait_text("[data-testid=\"correction-events\"]", "已销假").await;
    app.quit().await;

    // Tuesday 5 January: nine days late; an admonition is suggested, not applied.
    let app = open_dashboard(&db, "2027-01-05").await;
    let row = wait_task(&app, &["赵强", "已逾期", "定期报告"]).await;
    assert!(row.contains("建议提请训诫"), "{row}");
    app.scroll_to("[data-testid=\"correction-today\"]").await;
    app.screenshot("45-dashboard-correction-late").await;
    // The list's late filter finds the subject; the page offers the proposal.
    app.click("[data-testid=\"nav-correction\"]").await;
    app.click("[data-testid=\"correction-late-only\"]").await;
    app.wait_text("[data-testid=\"correction-row-next\"]", "已逾期").await;
    app.click("[data-testid=\"correction-row-code\"]").await;
    app.wait_text("[data-testid=\"correction-hint\"]", "建议提请训诫").await;
    app.scroll_to("[data-testid=\"correction-duties\"]").await;
    app.screenshot("46-correction-subject-late").await;
    app.click("[data-testid=\"correction-hint-propose\"]").await;
    app.find("[data-testid=\"correction-event-dialog\"]").await;
    app.settle().await;
    app.click_visible("[data-testid=\"correction-event-save\"]").await;
    app.wait_text("[data-testid=\"correction-events\"]", "训诫").await;
    // Proposed: the suggestion is answered and goes; the lateness stays until a report.
    let start = std::time::Instant::now();
    while app.exists("[data-testid=\"correction-hint\"]").await {
        assert!(start.elapsed() < WAIT, "the answered hint stayed");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.scroll_to("[data-testid=\"correction-events\"]").await;
    app.screenshot("47-correction-subject-history").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_register_of_a_demo_office_and_its_supervision_levels() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    {
        let mut desk = office_db(&db);
        let mut g = sifa::demo::Generator::new(5, "420202001", TODAY.parse().unwrap());
        let subjects = g.acceptance_dates(24, 2).into_iter().enumerate().map(|(n, d)| g.correction_subject(n, d)).collect();
        desk.import_generated_correction(subjects).unwrap();
    }
    let app = open_dashboard(&db, TODAY).await;
    tasks(&app).await;
    app.scroll_to("[data-testid=\"correction-today\"]").await;
    app.screenshot("48-dashboard-correction-demo").await;
    app.click("[data-testid=\"nav-correction\"]").await;
    app.find("[data-testid=\"correction-row\"]").await;
    app.screenshot("49-correction-register-demo").await;
    // The oldest subject of the page has the longest history.
    app.find("[data-testid=\"correction-row-code\"]").await;
    let codes = app.client.find_all(fantoccini::Locator::Css("[data-testid=\"correction-row-code\"]")).await.unwrap();
    app.click_element(codes.last().unwrap(), "the last subject").await;
    app.find("[data-testid=\"correction-event-row\"]").await;
    let history = app.text_contents("[data-testid=\"correction-event-row\"]").await;
    assert!(history.len() > 10, "{history:?}");
    app.scroll_to("[data-testid=\"correction-duties\"]").await;
    app.screenshot("50-correction-subject-demo").await;

    // The office head changes a level's cadence (普管: three reports a month); the change is kept.
    app.click("[data-testid=\"nav-supervision-levels\"]").await;
    app.find("[data-testid=\"supervision-levels-page\"]").await;
    app.fill("[data-testid=\"level-normal-reportsPerMonth\"] input", "3").await;
    app.click("[data-testid=\"level-save-normal\"]").await;
    app.wait_text(".el-message", "已保存").await;
    app.screenshot("51-supervision-levels").await;
    app.click("[data-testid=\"nav-dashboard\"]").await;
    app.find("[data-testid=\"correction-today\"]").await;
    app.click("[data-testid=\"nav-supervision-levels\"]").await;
    let start = std::time::Instant::now();
    while app.value("[data-testid=\"level-normal-reportsPerMonth\"] input").await != "3" {
        assert!(start.elapsed() < WAIT, "the new cadence was not kept");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.quit().await;
}
