//! End-to-end tests in the real application window (Xvfb + tauri-driver + WebKitWebDriver).
//! Screenshots are written to target/e2e-screenshots/.

mod support;
use support::{field, log_in, office_db, App, ENTER, TODAY};

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
    app.wait_text_exact("[data-testid=\"mediation-total\"]", "共 0 条").await;
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
    app.wait_text_exact("[data-testid=\"dashboard-count-overdue\"]", "1").await;
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
    // The first window holds the database: it goes first, since quitting waits for the release.
    first.quit().await;
    second.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_agreement_is_recorded_and_a_case_is_deleted_only_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let app = support::launch_with_boundary_dispute(&db).await;
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
    let desk = support::desk_when_released(&db).await;
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

/// A legal-aid application granted on `decided` and not yet assigned, made through the core.
fn granted_application(desk: &mut sifa::Desk, name: &str, id_no: &str, decided: &str) {
    let admin = desk.login("admin", "mima2026").unwrap();
    let a = sifa::legal_aid::LegalAidInput {
        state: "granted".into(),
        receiving_org: "石港镇司法所".into(),
        competent_org: "黄石港区法律援助中心".into(),
        received_on: "2026-11-16".into(),
        forwarded_on: Some("2026-11-16".into()),
        accepted_on: Some("2026-11-17".into()),
        decision_on: Some(decided.into()),
        name: name.into(),
        id_no: id_no.into(),
        ethnicity: Some("01".into()),
        domicile: "湖北省黄石市黄石港区".into(),
        residence: "石港镇和平村3组".into(),
        phone: "13800138000".into(),
        groups: vec!["migrant_worker".into()],
        case_nature: "civil".into(),
        matter: "work_injury".into(),
        role: "plaintiff".into(),
        stage: "first_instance".into(),
        handling_organ: "黄石港区人民法院".into(),
        reason: "务工受伤，用人单位拒绝赔偿".into(),
        service_form: "civil_agency".into(),
        means_basis: "exempt".into(),
        means_sub_reason: Some("migrant_wages".into()),
        ..Default::default()
    };
    desk.legal_aid_create(&admin, a).unwrap();
}

/// Waits until the dashboard's due list holds `number` with a deadline text containing `wanted`.
async fn wait_due(app: &App, number: &str, wanted: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        let rows = app.text_contents("[data-testid=\"dashboard-page\"] .el-table__row").await;
        if let Some(r) = rows.iter().find(|r| r.contains(number) && r.contains(wanted)) {
            return r.clone();
        }
        if start.elapsed() > support::WAIT {
            app.screenshot("FAILED").await;
            panic!("工作台 never showed {number} with “{wanted}”: {rows:?}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn legal_aid_consultation_and_an_application_through_its_clocks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;

    // A consultation, logged in the quick-entry form; a missing answer is named first.
    app.click("[data-testid=\"nav-consultations\"]").await;
    app.find("[data-testid=\"consultation-page\"]").await;
    app.choose("field-matter", "劳动报酬").await;
    app.fill(&field("name", "input"), "李大山").await;
    app.fill(&field("question", "textarea"), "在工地干了半年活，老板拖欠工资不给").await;
    app.click("[data-testid=\"consultation-save\"]").await;
    app.wait_text(&field("answer", ".el-form-item__error"), "请填写答复摘要").await;
    app.fill(&field("answer", "textarea"), "告知可申请劳动仲裁，农民工追索劳动报酬可申请法律援助").await;
    app.click(&field("guided", ".el-checkbox")).await;
    app.click("[data-testid=\"consultation-save\"]").await;
    app.wait_text("[data-testid=\"consultation-row\"]", "李大山").await;
    app.wait_text_exact("[data-testid=\"consultation-total\"]", "共 1 条").await;
    // Ready for the next person: the question is empty again.
    assert_eq!(app.value(&field("question", "textarea")).await, "");
    app.scroll_to("[data-testid=\"consultation-search\"]").await;
    app.screenshot("20-consultations").await;

    // An application: received today by the office, to be forwarded to the county centre.
    app.click("[data-testid=\"nav-legal-aid\"]").await;
    app.click("[data-testid=\"legal-aid-new\"]").await;
    app.find("[data-testid=\"legal-aid-form\"]").await;
    app.fill(&field("name", "input"), "王秀英").await;
    app.fill(&field("idNo", "input"), "11010519491231002X").await;
    app.choose("field-ethnicity", "汉族").await;
    app.fill(&field("phone", "input"), "13800138000").await;
    app.fill(&field("domicile", "input"), "湖北省黄石市黄石港区").await;
    app.fill(&field("residence", "input"), "石港镇和平村3组").await;
    app.choose("field-caseNature", "民事").await;
    app.choose("field-matter", "追索劳动报酬").await;
    app.choose("field-role", "申请人").await;
    app.choose("field-stage", "仲裁").await;
    app.fill(&field("handlingOrgan", "input"), "黄石港区劳动人事争议仲裁委员会").await;
    app.choose("field-serviceForm", "劳动争议调解与仲裁代理").await;
    app.fill(&field("reason", "textarea"), "在建筑工地务工八个月，被拖欠工资两万三千元").await;
    app.choose("field-meansBasis", "免予核查经济困难状况").await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    // The exemption needs its reason: the message is on that field.
    app.wait_text(&field("meansSubReason", ".el-form-item__error"), "请选择免予核查的情形").await;
    app.choose("field-meansSubReason", "农民工追索劳动报酬或工伤赔偿").await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    app.wait_text("[data-testid=\"legal-aid-no\"]", "（2026）石援申字第1号").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 1").await;
    app.scroll_to("[data-testid=\"legal-aid-form\"]").await;
    app.screenshot("21-legal-aid-registered").await;

    // Forwarded and accepted today; materials missing: the decision clock stands still.
    app.choose("field-state", "补充材料中").await;
    app.fill(&field("forwardedOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.fill(&field("acceptedOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.fill(&field("suppNoticeOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.fill(&field("suppItems", "textarea"), "劳动关系证明、欠薪凭证").await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 2").await;
    app.wait_text("[data-testid=\"legal-aid-clocks\"]", "已暂停").await;
    app.scroll_to("[data-testid=\"legal-aid-form\"]").await;
    app.screenshot("22-legal-aid-supplementing").await;
    app.click("[data-testid=\"nav-dashboard\"]").await;
    let row = wait_due(&app, "（2026）石援申字第1号", "已暂停").await;
    assert!(row.contains("审查决定期限"), "{row}");
    app.wait_text_exact("[data-testid=\"dashboard-la-count-supplementing\"]", "1").await;
    app.screenshot("23-dashboard-legal-aid-paused").await;

    // Materials in, granted, assigned: every clock met, nothing left on 工作台.
    app.click("[data-testid=\"nav-legal-aid\"]").await;
    app.click("[data-testid=\"legal-aid-row-no\"]").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 2").await;
    app.choose("field-state", "审查中").await;
    app.fill(&field("suppDoneOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 3").await;
    app.choose("field-state", "给予(待指派)").await;
    app.fill(&field("decisionOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.fill(&field("decisionNo", "input"), "(2026)黄援决字第15号").await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 4").await;
    app.wait_text("[data-testid=\"legal-aid-clocks\"]", "指派期限").await;
    assert_eq!(app.value(&field("decisionNo", "input")).await, "（2026）黄援决字第15号");
    app.choose("field-state", "已指派").await;
    app.fill(&field("assignedOn", "input"), &format!("2026-11-27{ENTER}")).await;
    app.fill(&field("provider", "input"), "湖北石港律师事务所").await;
    app.fill(&field("handler", "input"), "刘志刚").await;
    app.choose("field-handlerType", "律师").await;
    app.click("[data-testid=\"legal-aid-save\"]").await;
    app.wait_text("[data-testid=\"legal-aid-version\"]", "版本 5").await;
    let clocks = app.text_contents("[data-testid=\"legal-aid-clock\"]").await;
    assert!(clocks.iter().any(|c| c.contains("审查决定期限") && c.contains("按时完成")), "{clocks:?}");
    assert!(clocks.iter().any(|c| c.contains("指派期限") && c.contains("按时完成")), "{clocks:?}");
    app.scroll_to("[data-testid=\"legal-aid-form\"]").await;
    app.screenshot("24-legal-aid-assigned").await;
    // The list shows it assigned, with nothing due.
    app.click("[data-testid=\"legal-aid-back\"]").await;
    app.wait_text("[data-testid=\"legal-aid-row-state\"]", "已指派").await;
    app.screenshot("28-legal-aid-list").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unassigned_grant_is_flagged_overdue_when_the_clock_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    {
        let mut desk = office_db(&db);
        // Granted on Friday 20 November: to be assigned by Monday 23rd.
        granted_application(&mut desk, "赵强", "420202198003150011", "2026-11-20");
    }
    let app = App::launch(&db, "2026-11-23").await;
    log_in(&app, "mima2026").await;
    let row = wait_due(&app, "（2026）石援申字第1号", "指派期限").await;
    assert!(!row.contains("超期"), "{row}");
    app.quit().await;

    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    let row = wait_due(&app, "（2026）石援申字第1号", "已超期4天").await;
    assert!(row.contains("赵强") && row.contains("法律援助"), "{row}");
    app.wait_text_exact("[data-testid=\"dashboard-la-count-overdue\"]", "1").await;
    app.screenshot("25-dashboard-legal-aid-overdue").await;

    // The list's overdue filter finds it, with its tag; the form shows the overdue clock.
    app.click("[data-testid=\"nav-legal-aid\"]").await;
    app.click("[data-testid=\"legal-aid-overdue-only\"]").await;
    app.wait_text("[data-testid=\"legal-aid-row-name\"]", "赵强").await;
    app.wait_text("[data-testid=\"legal-aid-list-page\"] .el-table", "已超期").await;
    app.screenshot("26-legal-aid-list-overdue").await;
    app.click("[data-testid=\"legal-aid-row-no\"]").await;
    app.wait_text("[data-testid=\"legal-aid-clocks\"]", "已超期").await;
    app.screenshot("27-legal-aid-form-overdue").await;
    app.quit().await;
}
