//! Every screen of a township office at the window sizes of its PCs: a 1024x768 and a 1366x768
//! screen, less the taskbar and the title bar (a 700 px high window). Each screen is
//! photographed (target/e2e-screenshots/scr-*.png) and checked for what makes a screen unusable
//! there: a page wider than the window, a table that must be scrolled sideways (its fixed 操作
//! column then covers the columns beside it), a sidebar whose last item is below the window, an
//! error text over another field's label, a short value cut off in its box.

mod support;
use sifa::demo::Generator;
use support::{field, log_in, office_db, App, TODAY};

/// The window's inner sizes: the screen's width, its height less some 70 px of taskbar and title.
const SIZES: [(u32, u32); 2] = [(1024, 700), (1366, 700)];

/// What is wrong with the layout of the page as it is now, in words (empty when nothing).
const LAYOUT_PROBLEMS: &str = r#"
const problems = [];
const W = innerWidth, H = innerHeight;
const visible = e => !!(e.offsetParent || e.getClientRects().length);
const name = e => e.closest('[data-testid]')?.getAttribute('data-testid') || e.className;
if (document.scrollingElement.scrollWidth > W + 1) problems.push(`页面比窗口宽：${document.scrollingElement.scrollWidth} > ${W}`);
const main = document.querySelector('[data-testid="app-main"]');
if (main && main.scrollWidth > main.clientWidth + 1) problems.push(`主区域需要横向滚动：${main.scrollWidth} > ${main.clientWidth}`);
for (const t of document.querySelectorAll('.el-table')) {
  // A sheet of the monthly statistics is wider than any screen by design: its first column stays
  // and its scrollbar is always shown.
  if (!visible(t) || t.classList.contains('stat-table')) continue;
  const wrap = t.querySelector('.el-table__body-wrapper .el-scrollbar__wrap') || t.querySelector('.el-table__body-wrapper');
  if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) problems.push(`表格 ${name(t)} 需要横向滚动：${wrap.scrollWidth} > ${wrap.clientWidth}`);
}
const menu = [...document.querySelectorAll('[data-testid="app-menu"] .el-menu-item, [data-testid="app-menu"] .el-sub-menu__title')].filter(visible);
const last = menu[menu.length - 1];
if (last && last.getBoundingClientRect().bottom > H + 1) problems.push(`侧栏“${last.textContent.trim()}”在窗口之外：${Math.round(last.getBoundingClientRect().bottom)} > ${H}`);
const boxes = [...document.querySelectorAll('.el-form-item__label')].filter(visible).map(l => [l, l.getBoundingClientRect()]);
for (const e of document.querySelectorAll('.el-form-item__error')) {
  if (!visible(e)) continue;
  const r = e.getBoundingClientRect();
  for (const [l, b] of boxes) {
    if (l.closest('.el-form-item') === e.closest('.el-form-item')) continue;
    if (r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom) problems.push(`错误提示“${e.textContent.trim()}”压住了“${l.textContent.trim()}”`);
  }
}
for (const i of document.querySelectorAll('input')) {
  if (!visible(i) || !i.value || i.value.length > 20 || i.type === 'hidden') continue;
  if (i.scrollWidth > i.clientWidth + 1) problems.push(`输入框显示不全：${i.value}`);
}
return problems;
"#;

async fn go_to(app: &App, hash: &str) {
    app.client.execute("window.location.hash = arguments[0]", vec![serde_json::json!(hash)]).await.unwrap();
    app.wait_route(hash.trim_start_matches('#')).await;
}

/// Photographs the screen and answers its layout problems, each naming the screen.
async fn look_at(app: &App, size: (u32, u32), screen: &str) -> Vec<String> {
    app.settle().await;
    app.screenshot(&format!("scr-{}-{screen}", size.0)).await;
    let v = app.client.execute(LAYOUT_PROBLEMS, vec![]).await.unwrap();
    let problems: Vec<String> = serde_json::from_value(v).unwrap();
    for p in &problems {
        eprintln!("{}x{} {screen}: {p}", size.0, size.1);
    }
    problems.into_iter().map(|p| format!("{}x{} {screen}: {p}", size.0, size.1)).collect()
}

/// An office with some months of every kind of record, as a clerk's screens show them.
fn demo_office(db: &std::path::Path) -> (String, String, String) {
    let mut desk = office_db(db);
    let mut g = Generator::new(3, "420202001", TODAY.parse().unwrap());
    let cases = g.acceptance_dates(4, 30).into_iter().map(|d| g.case(d)).collect();
    desk.import_generated(cases, "演示").unwrap();
    let consultations = g.acceptance_dates(2, 20).into_iter().map(|d| g.consultation(d)).collect();
    let applications = g.acceptance_dates(3, 10).into_iter().map(|d| g.application(d, "石港镇司法所", "黄石港区法律援助中心")).collect();
    desk.import_generated_legal_aid(consultations, applications).unwrap();
    let subjects = g.acceptance_dates(12, 2).into_iter().enumerate().map(|(n, d)| g.correction_subject(n, d)).collect();
    desk.import_generated_correction(subjects).unwrap();
    let case = desk.mediation_list(&Default::default()).unwrap().items.remove(0).id;
    let application = desk.legal_aid_list(&Default::default()).unwrap().items.remove(0).id;
    let subject = desk.correction_list(&Default::default()).unwrap().items.remove(0).id;
    (case, application, subject)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_fits_the_office_screens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let (case, application, subject) = demo_office(&db);
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;

    // (screen, address, what shows it is there)
    let screens: Vec<(&str, String, &str)> = vec![
        ("dashboard", "#/".into(), "[data-testid=\"dashboard-page\"]"),
        ("mediation-list", "#/mediation".into(), "[data-testid=\"mediation-row-caseno\"]"),
        ("mediation-case", format!("#/mediation/{case}"), "[data-testid=\"case-version\"]"),
        ("consultations", "#/legal-aid/consultations".into(), ".el-table__row"),
        ("legal-aid-list", "#/legal-aid/applications".into(), ".el-table__row"),
        ("legal-aid-application", format!("#/legal-aid/applications/{application}"), "[data-testid=\"legal-aid-form\"]"),
        ("correction-list", "#/correction".into(), "[data-testid=\"correction-row\"]"),
        ("correction-subject", format!("#/correction/{subject}"), "[data-testid=\"correction-events\"]"),
        ("supervision-levels", "#/settings/supervision-levels".into(), "[data-testid=\"supervision-levels-page\"]"),
        ("batch", "#/batch".into(), ".el-main .el-card"),
        ("holidays", "#/settings/holidays".into(), ".el-main .el-card"),
        ("users", "#/settings/users".into(), ".el-table__row"),
        ("audit", "#/settings/audit".into(), ".el-table__row"),
        ("backup", "#/settings/backup".into(), ".el-main .el-card"),
        ("settings", "#/settings/system".into(), ".el-main .el-card"),
        ("about", "#/about".into(), "[data-testid=\"about-page\"]"),
    ];
    let mut problems = Vec::new();
    for size in SIZES {
        app.client.set_window_size(size.0, size.1).await.expect("resize the window");
        let inner = app.client.execute("return [innerWidth, innerHeight]", vec![]).await.unwrap();
        assert_eq!(inner, serde_json::json!([size.0, size.1]), "the window has the size asked for");
        for (screen, hash, shown) in &screens {
            go_to(&app, hash).await;
            app.find(shown).await;
            problems.extend(look_at(&app, size, screen).await);
        }
        // A new case with a bad ID number: the error stays under its own field.
        go_to(&app, "#/mediation/new").await;
        app.find("[data-testid=\"case-form\"]").await;
        app.fill(&field("parties.0.name", "input"), "张三").await;
        app.fill(&field("parties.0.idNo", "input"), "110105194912310021").await;
        app.click("[data-testid=\"case-save\"]").await;
        app.wait_text(&field("parties.0.idNo", ".el-form-item__error"), "校验位").await;
        let id_input = app.find(&field("parties.0.idNo", "input")).await;
        app.client.execute("arguments[0].scrollIntoView({ block: 'center' })", vec![serde_json::to_value(&id_input).unwrap()]).await.unwrap();
        problems.extend(look_at(&app, size, "mediation-new-id-error").await);
        // Leaving the unsaved case: 放弃 lets it go.
        app.click("[data-testid=\"nav-dashboard\"]").await;
        app.click_visible(".el-message-box__btns .el-button--primary").await;
        app.find("[data-testid=\"dashboard-page\"]").await;
    }
    assert!(problems.is_empty(), "screens that do not fit:\n{}", problems.join("\n"));
    app.quit().await;
}

/// What a clerk meets in the first hour besides the forms: 工作台 asks for next year's holidays,
/// which come from the district's file; a closed case opens read-only and changes only with a
/// reason, which 操作日志 shows; the office profile is corrected in 系统设置; F1 opens the screen's
/// help.
#[tokio::test(flavor = "multi_thread")]
async fn holidays_from_the_districts_file_a_closed_case_amended_with_a_reason_the_profile_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    // The district's calendar of 2027, written as its holiday file.
    let file = {
        let district_db = dir.path().join("district.db");
        let mut district = office_db(&district_db);
        let head = district.login("admin", "mima2026").unwrap();
        for (day, kind, name) in [("2027-01-01", "holiday", "元旦"), ("2027-02-06", "holiday", "春节"), ("2027-02-07", "workday", "春节调休")] {
            district.holiday_set(&head, sifa::desk::HolidayEntry { day: day.into(), kind: kind.into(), name: name.into() }).unwrap();
        }
        district.holidays_export(&head, 2027, dir.path()).unwrap()
    };
    let closed_case = {
        let mut desk = office_db(&db);
        let head = desk.login("admin", "mima2026").unwrap();
        desk.holiday_set(&head, sifa::desk::HolidayEntry { day: "2026-10-01".into(), kind: "holiday".into(), name: "国庆节".into() }).unwrap();
        let mut g = Generator::new(5, "420202001", TODAY.parse().unwrap());
        let case = g.acceptance_dates(3, 20).into_iter().map(|d| g.case(d)).find(|c| sifa::mediation::is_closed(&c.state)).unwrap();
        let id = desk.mediation_create(&head, case).unwrap().id;
        desk.logout(&head).unwrap();
        id
    };
    let app = App::launch(&db, TODAY).await;
    app.client.set_window_size(1024, 700).await.unwrap();
    log_in(&app, "mima2026").await;

    // 工作台 asks for 2027 (this year's calendar has a day), and the district's file brings it.
    app.wait_text("[data-testid=\"dashboard-holiday-missing\"]", "尚未录入2027年的节假日安排").await;
    app.screenshot("scr-1024-dashboard-holidays-missing").await;
    app.click("[data-testid=\"dashboard-holiday-link\"]").await;
    app.click("[data-testid=\"holiday-open-import\"]").await;
    app.fill("[data-testid=\"holiday-import-file\"]", file.to_str().unwrap()).await;
    app.click("[data-testid=\"holiday-import-preview\"]").await;
    app.wait_text("[data-testid=\"holiday-import-summary\"]", "新增 3 天").await;
    app.screenshot("scr-1024-holiday-import-preview").await;
    app.click("[data-testid=\"holiday-import-confirm\"]").await;
    app.wait_text(".el-message", "已导入2027年节假日安排，共3天").await;
    app.click("[data-testid=\"nav-dashboard\"]").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert!(!app.exists("[data-testid=\"dashboard-holiday-missing\"]").await, "工作台 no longer asks for 2027");

    // A closed case is read-only until 修改 with a reason; the reason is in 操作日志.
    go_to(&app, &format!("#/mediation/{closed_case}")).await;
    app.wait_text("[data-testid=\"record-closed-notice\"]", "本案已结案").await;
    let summary = app.find(&field("summary", "textarea")).await;
    assert!(!summary.is_enabled().await.unwrap(), "a closed case's text cannot be typed into");
    app.screenshot("scr-1024-closed-case").await;
    app.click("[data-testid=\"record-amend\"]").await;
    app.fill("[data-testid=\"amend-reason\"]", "简要情况漏记调解地点，依卷宗补正").await;
    app.click("[data-testid=\"amend-confirm\"]").await;
    app.wait_text("[data-testid=\"record-closed-notice\"]", "正在修改已结案记录").await;
    let before = app.value(&field("summary", "textarea")).await;
    app.fill(&field("summary", "textarea"), &format!("{before}（调解地点：村委会）")).await;
    app.click("[data-testid=\"case-save\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 2").await;
    app.wait_text("[data-testid=\"record-closed-notice\"]", "本案已结案").await;
    app.click("[data-testid=\"nav-audit\"]").await;
    app.wait_text("[data-testid=\"audit-table\"]", "修改已结案记录").await;
    app.screenshot("scr-1024-audit-amend").await;

    // The office profile is corrected by the head; the header shows it at once.
    app.click("[data-testid=\"nav-settings\"]").await;
    app.fill("[data-testid=\"office-profile-name\"]", "石港镇司法所（新址）").await;
    app.click("[data-testid=\"office-profile-save\"]").await;
    app.wait_text(".el-message", "单位信息已保存").await;
    app.screenshot("scr-1024-office-profile").await;
    assert_eq!(app.text_contents("[data-testid=\"office-name\"]").await, ["石港镇司法所（新址）"]);

    // F1: the help of the screen, closed with Esc.
    app.client.active_element().await.unwrap().send_keys("\u{E031}").await.unwrap();
    app.wait_text("[data-testid=\"help-title\"]", "帮助：").await;
    app.screenshot("scr-1024-help").await;
    app.client.active_element().await.unwrap().send_keys("\u{E00C}").await.unwrap();
    let start = std::time::Instant::now();
    let shown = "const t = document.querySelector('[data-testid=\"help-title\"]'); return !!t && t.getClientRects().length > 0;";
    while app.client.execute(shown, vec![]).await.unwrap() == serde_json::json!(true) {
        assert!(start.elapsed() < support::WAIT, "Esc closes the help");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    app.quit().await;

    let desk = support::desk_when_released(&db).await;
    assert_eq!(desk.holidays().unwrap().len(), 4);
    assert_eq!(desk.office().unwrap().unwrap().name, "石港镇司法所（新址）");
}
