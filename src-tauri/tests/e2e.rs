//! End-to-end tests in the real application window (Xvfb + tauri-driver + WebKitWebDriver).
//! Screenshots are written to target/e2e-screenshots/.

mod support;
use support::App;

const TODAY: &str = "2026-11-27";

fn field(path: &str, control: &str) -> String {
    format!("[data-testid=\"field-{path}\"] {control}")
}

async fn log_in(app: &App, password: &str) {
    app.find("[data-testid=\"login-page\"]").await;
    app.fill(&field("username", "input"), "admin").await;
    app.fill(&field("password", "input"), password).await;
    // A previous attempt may still be finishing; its button is busy until then.
    app.click("[data-testid=\"login-submit\"]:not(.is-loading)").await;
}

/// Searches the list and waits until the rows' parties are exactly `expected`.
async fn search_expect(app: &App, q: &str, expected: &[&str]) {
    app.fill("input[data-testid=\"mediation-search\"]", q).await;
    app.click("[data-testid=\"mediation-search-button\"]").await;
    let start = std::time::Instant::now();
    loop {
        let mut rows = Vec::new();
        for el in app.client.find_all(fantoccini::Locator::Css("[data-testid=\"mediation-row-parties\"]")).await.unwrap() {
            rows.push(el.text().await.unwrap_or_default());
        }
        if rows == expected {
            return;
        }
        assert!(start.elapsed() < support::WAIT, "search “{q}” shows {rows:?}, expected {expected:?}");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_login_case_search_edit_restart_and_deadlines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let app = App::launch(&db, TODAY).await;

    // First run: office profile and the first administrator.
    app.find("[data-testid=\"setup-page\"]").await;
    app.fill(&field("officeName", "input"), "石港镇司法所").await;
    app.fill(&field("shortName", "input"), "石").await;
    app.fill(&field("officeCode", "input"), "420202001").await;
    app.fill(&field("district", "input"), "黄石港区").await;
    app.fill(&field("adminUsername", "input"), "admin").await;
    app.fill(&field("adminDisplayName", "input"), "王所长").await;
    app.fill(&field("adminPassword", "input"), "mima2026").await;
    app.fill(&field("adminPasswordConfirm", "input"), "mima2026").await;
    app.screenshot("01-setup").await;
    app.click("[data-testid=\"setup-submit\"]").await;

    // A wrong password is refused with a Chinese message; the right one opens 工作台.
    log_in(&app, "wrong-password1").await;
    app.wait_text("[data-testid=\"login-error\"]", "用户名或密码错误").await;
    app.screenshot("02-login-failed").await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.wait_text("[data-testid=\"current-user\"]", "王所长").await;
    app.screenshot("03-dashboard-empty").await;

    // A new case with two parties; a bad ID number gets a message on its field.
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.click("[data-testid=\"mediation-new\"]").await;
    app.find("[data-testid=\"case-form\"]").await;
    app.choose("field-disputeType", "邻里").await;
    app.fill(&field("summary", "textarea"), "张三与李四因排水沟堵塞发生纠纷，双方多次争吵").await;
    app.fill(&field("mediators", "input"), "周建华、吴玉兰").await;
    app.fill(&field("parties.0.name", "input"), "张三").await;
    app.fill(&field("parties.1.name", "input"), "李四").await;
    app.fill(&field("parties.0.idNo", "input"), "110105194912310021").await;
    app.fill(&field("parties.1.phone", "input"), "138 0013 8000").await;
    app.click("[data-testid=\"case-save\"]").await;
    let err = app.wait_text(&field("parties.0.idNo", ".el-form-item__error"), "校验位").await;
    assert!(err.contains("第1位当事人的证件号码"), "{err}");
    app.screenshot("04-case-form-id-error").await;

    app.fill(&field("parties.0.idNo", "input"), "11010519491231002x").await;
    app.click("[data-testid=\"case-save\"]").await;
    app.wait_text("[data-testid=\"case-caseno\"]", "（2026）石调字第1号").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 1").await;
    assert_eq!(app.value(&field("parties.0.idNo", "input")).await, "11010519491231002X");
    app.screenshot("05-case-saved").await;

    // Editing makes version 2.
    app.fill(&field("summary", "textarea"), "张三与李四因排水沟堵塞发生纠纷，双方多次争吵，已初步沟通").await;
    app.click("[data-testid=\"case-save\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 2").await;

    // Found by a two-character name and by a phrase of its summary.
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.find("[data-testid=\"mediation-list-page\"]").await;
    search_expect(&app, "王麻子", &[]).await;
    app.wait_text("[data-testid=\"mediation-total\"]", "0").await;
    search_expect(&app, "李四", &["张三 与 李四"]).await;
    search_expect(&app, "王麻子", &[]).await;
    search_expect(&app, "排水沟堵塞", &["张三 与 李四"]).await;
    app.screenshot("06-list-search").await;
    app.quit().await;

    // Restarted: the case is still there.
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.wait_text("[data-testid=\"mediation-row-caseno\"]", "（2026）石调字第1号").await;
    app.screenshot("07-list-after-restart").await;
    app.quit().await;

    // A month later the case is overdue on 工作台.
    let app = App::launch(&db, "2026-12-30").await;
    log_in(&app, "mima2026").await;
    app.wait_text("[data-testid=\"dashboard-count-overdue\"]", "1").await;
    let due = app.texts("[data-testid=\"due-item\"]").await;
    assert_eq!(due, vec!["（2026）石调字第1号"]);
    app.screenshot("08-dashboard-overdue").await;
    app.click("[data-testid=\"due-item\"]").await;
    app.wait_text("[data-testid=\"case-deadlines\"]", "调解期限").await;
    app.screenshot("09-case-overdue").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_foreign_file_and_a_second_window_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    std::fs::write(&foreign, "不是数据库".repeat(200)).unwrap();
    let app = App::launch(&foreign, TODAY).await;
    app.wait_text("[data-testid=\"app-error\"]", "不是司法所工作台的数据库").await;
    app.screenshot("10-foreign-file").await;
    app.quit().await;

    let db = dir.path().join("office.db");
    let first = App::launch(&db, TODAY).await;
    first.find("[data-testid=\"setup-page\"]").await;
    let second = App::launch(&db, TODAY).await;
    second.wait_text("[data-testid=\"app-error\"]", "正被另一个").await;
    second.screenshot("11-second-instance").await;
    second.quit().await;
    first.quit().await;
}

/// A set-up office database (administrator admin / mima2026), made through the core.
fn office_db(db: &std::path::Path) -> sifa::Desk {
    let input = sifa::office::SetupInput {
        office_code: "420202001".into(),
        office_name: "石港镇司法所".into(),
        short_name: "石".into(),
        district: "黄石港区".into(),
        mode: "township".into(),
        admin_username: "admin".into(),
        admin_display_name: "王所长".into(),
        admin_password: "mima2026".into(),
    };
    let clock = std::sync::Arc::new(sifa::clock::FixedClock::at_date(TODAY.parse().unwrap()));
    sifa::Desk::create(db, clock, input).unwrap().0
}

/// Enter, as WebDriver spells it.
const ENTER: &str = "\u{E007}";

#[tokio::test(flavor = "multi_thread")]
async fn an_agreement_is_recorded_and_a_case_is_deleted_only_after_confirmation() {
    use sifa::clock::FixedClock;
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    {
        let mut desk = office_db(&db);
        let admin = desk.login("admin", "mima2026").unwrap();
        let mut c = sifa::mediation::MediationCaseInput {
            state: "mediating".into(),
            accepted_on: "2026-11-20".into(),
            dispute_type: "housing_land".into(),
            summary: "王五与赵六因宅基地界址发生纠纷".into(),
            mediators: vec!["周建华".into()],
            rights_notice_on: Some("2026-11-20".into()),
            ..Default::default()
        };
        for (role, name) in [("applicant", "王五"), ("respondent", "赵六")] {
            c.parties.push(sifa::mediation::Party { role: role.into(), kind: "natural".into(), name: name.into(), ..Default::default() });
        }
        desk.mediation_create(&admin, c).unwrap();
    }
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.click("[data-testid=\"mediation-row-caseno\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 1").await;

    // Leaving with unsaved changes asks first; 继续编辑 keeps the typed text.
    app.fill(&field("summary", "textarea"), "王五与赵六因宅基地界址发生纠纷，经现场勘查").await;
    app.click("[data-testid=\"nav-dashboard\"]").await;
    app.wait_text(".el-message-box", "尚未保存的修改").await;
    app.screenshot("14-unsaved-changes").await;
    app.click_visible(".el-message-box__btns button:not(.el-button--primary)").await;
    app.settle().await;
    assert!(app.value(&field("summary", "textarea")).await.ends_with("经现场勘查"));

    // Agreement reached: the result fields appear for the new state.
    app.choose("field-state", "调解成功").await;
    app.choose("field-agreementForm", "书面协议").await;
    app.fill(&field("agreementOn", "input"), &format!("2026-11-25{ENTER}")).await;
    app.fill(&field("terms", "textarea"), "赵六于2026年12月10日前拆除越界围墙").await;
    app.choose("field-performMode", "限期一次性履行").await;
    app.fill(&field("performBy", "input"), &format!("2026-12-10{ENTER}")).await;
    app.choose("field-performance", "履行中").await;
    app.click("[data-testid=\"case-save\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 2").await;
    let deadlines = app.wait_text("[data-testid=\"case-deadlines\"]", "司法确认申请期限").await;
    assert!(deadlines.contains("回访"), "{deadlines}");
    app.screenshot("12-case-agreed").await;

    // Delete asks first; cancelling keeps the case, confirming removes it from the list.
    app.click("[data-testid=\"case-delete\"]").await;
    app.wait_text(".el-message-box", "确定删除案件（2026）石调字第1号吗").await;
    app.screenshot("13-delete-confirm").await;
    app.click_visible(".el-message-box__btns button:not(.el-button--danger)").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 2").await;
    app.click("[data-testid=\"case-delete\"]").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    app.find("[data-testid=\"mediation-list-page\"]").await;
    app.wait_text("[data-testid=\"mediation-total\"]", "共 0 条").await;
    app.quit().await;

    // The application releases the database when its process has gone.
    let start = std::time::Instant::now();
    let desk = loop {
        match sifa::Desk::open(&db, Arc::new(FixedClock::at_date(TODAY.parse().unwrap()))) {
            Ok(d) => break d,
            Err(e) if start.elapsed() < support::WAIT => {
                assert_eq!(e.code(), "store.already_open");
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => panic!("{e}"),
        }
    };
    let actions: Vec<String> = sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.ends_with(&["update".to_string(), "delete".to_string()]), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_office_head_keeps_the_holiday_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.click("[data-testid=\"nav-holidays\"]").await;
    app.find("[data-testid=\"holidays-page\"]").await;

    app.fill(&field("day", "input"), &format!("2026-10-01{ENTER}")).await;
    app.fill(&field("name", "input"), "国庆节").await;
    app.click("[data-testid=\"holiday-add\"]").await;
    app.wait_text("[data-testid=\"holiday-row-day\"]", "2026年10月1日").await;

    // A make-up working day must be a weekend day: the error is on the 类型 field.
    app.fill(&field("day", "input"), &format!("2026-10-05{ENTER}")).await;
    app.click(&field("kind", "label:nth-of-type(2)")).await;
    app.click("[data-testid=\"holiday-add\"]").await;
    app.wait_text(&field("kind", ".el-form-item__error"), "调休上班日应为周六或周日").await;
    app.fill(&field("day", "input"), &format!("2026-09-27{ENTER}")).await;
    app.fill(&field("name", "input"), "国庆节调休").await;
    app.click("[data-testid=\"holiday-add\"]").await;
    app.wait_text("[data-testid=\"holidays-page\"] .el-table", "调休上班").await;
    app.screenshot("15-holidays").await;

    app.click("[data-testid=\"holiday-remove-2026-10-01\"]").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    let start = std::time::Instant::now();
    while app.exists("[data-testid=\"holiday-remove-2026-10-01\"]").await {
        assert!(start.elapsed() < support::WAIT, "the removed day is still listed");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.quit().await;
}
