//! End-to-end tests of accounts, the idle lock, 操作日志 and 数据备份 in the real window.
//! Screenshots are written to target/e2e-screenshots/.

mod support;
use std::time::{Duration, Instant};
use support::{field, log_in, office_db, App, TODAY};

/// Logs in as `username` from the login page.
async fn log_in_as(app: &App, username: &str, password: &str) {
    app.find("[data-testid=\"login-page\"]").await;
    app.fill(&field("username", "input"), username).await;
    app.fill(&field("password", "input"), password).await;
    app.click("[data-testid=\"login-submit\"]:not(.is-loading)").await;
}

/// Goes to a route by its address, as someone typing it (or following an old link) would.
async fn go_to(app: &App, hash: &str) {
    app.client.execute("window.location.hash = arguments[0]", vec![serde_json::json!(hash)]).await.unwrap();
    app.wait_route(hash.trim_start_matches('#')).await;
}

/// Whether the lock screen is what the user sees at the centre and the corners of the window.
async fn lock_screen_covers_the_window(app: &App) -> bool {
    let script = "const pts = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
        return pts.every(([x, y]) => {
            const el = document.elementFromPoint(innerWidth * x, innerHeight * y);
            return !!el && !!el.closest('[data-testid=\"lock-screen\"]');
        });";
    app.client.execute(script, vec![]).await.unwrap().as_bool().unwrap_or(false)
}

/// The audit actions of the database at `db`, once the application has let go of it.
async fn audit_actions(db: &std::path::Path) -> Vec<String> {
    let desk = support::desk_when_released(db).await;
    sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn five_wrong_passwords_lock_the_account_for_ten_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch(&db, TODAY).await;

    for attempt in 1..=4 {
        log_in(&app, &format!("wrong-password{attempt}")).await;
        app.find("[data-testid=\"login-submit\"]:not(.is-loading)").await;
        app.wait_text("[data-testid=\"login-error\"]", "用户名或密码错误").await;
    }
    log_in(&app, "wrong-password5").await;
    let msg = app.wait_text("[data-testid=\"login-error\"]", "已被锁定").await;
    assert!(msg.contains("连续5次密码错误") && msg.contains("10分钟"), "{msg}");
    app.screenshot("acc-01-login-lockout").await;

    // While locked, even the right password is refused.
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"login-submit\"]:not(.is-loading)").await;
    app.wait_text("[data-testid=\"login-error\"]", "已被锁定").await;
    assert!(app.exists("[data-testid=\"login-page\"]").await);
    assert!(!app.exists("[data-testid=\"dashboard-page\"]").await);
    app.quit().await;

    let actions = audit_actions(&db).await;
    let failed = actions.iter().filter(|a| *a == "login.failed").count();
    assert_eq!(failed, 4, "{actions:?}");
    assert!(actions.ends_with(&["login.locked".to_string(), "login.refused_locked".to_string()]), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_idle_window_locks_and_unlocks_with_the_password_keeping_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch_with_env(&db, TODAY, &[("SIFA_IDLE_SECONDS", "4")]).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;

    // Half-typed work, then the clerk walks away.
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.click("[data-testid=\"mediation-new\"]").await;
    app.find("[data-testid=\"case-form\"]").await;
    let summary = "张三与李四因排水沟堵塞发生纠纷";
    app.fill(&field("summary", "textarea"), summary).await;
    let start = Instant::now();
    app.find("[data-testid=\"lock-screen\"]").await;
    app.wait_text("[data-testid=\"lock-user\"]", "王所长").await;
    assert!(start.elapsed() >= Duration::from_secs(2), "locked after {:?}, before the idle time", start.elapsed());
    app.settle().await;
    assert!(lock_screen_covers_the_window(&app).await, "the lock screen leaves part of the window visible");
    app.screenshot("acc-02-idle-lock").await;

    // A wrong password keeps it locked; the right one brings back the form as it was.
    app.fill("input[data-testid=\"unlock-password\"]", "wrong-password1").await;
    app.click("[data-testid=\"unlock-submit\"]:not(.is-loading)").await;
    app.wait_text("[data-testid=\"unlock-error\"]", "密码不正确").await;
    app.fill("input[data-testid=\"unlock-password\"]", "mima2026").await;
    app.click("[data-testid=\"unlock-submit\"]:not(.is-loading)").await;
    let start = Instant::now();
    while app.exists("[data-testid=\"lock-screen\"]").await {
        assert!(start.elapsed() < support::WAIT, "the lock screen stays after the right password");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.value(&field("summary", "textarea")).await, summary);
    app.quit().await;

    let actions = audit_actions(&db).await;
    assert!(actions.contains(&"session.idle_lock".to_string()) || actions.contains(&"session.lock".to_string()), "{actions:?}");
    assert!(actions.contains(&"session.unlock".to_string()), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_staff_account_cannot_open_user_management() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;

    // The office head makes a staff account.
    app.click_visible("[data-testid=\"nav-users\"]").await;
    app.wait_route("/settings/users").await;
    app.wait_text("[data-testid=\"users-table\"]", "王所长").await;
    app.click("[data-testid=\"user-new\"]").await;
    app.fill("input[data-testid=\"user-new-username\"]", "xiaoli").await;
    app.fill("input[data-testid=\"user-new-display-name\"]", "李小丽").await;
    app.choose("field-role", "工作人员").await;
    app.fill("input[data-testid=\"user-new-password\"]", "chushi2026").await;
    app.fill("input[data-testid=\"user-new-password-confirm\"]", "chushi2026").await;
    app.click("[data-testid=\"user-new-save\"]").await;
    app.wait_text("[data-testid=\"users-table\"]", "李小丽").await;
    app.screenshot("acc-03-users").await;
    app.click("[data-testid=\"logout\"]").await;

    // At the first login the staff member must choose a password of their own.
    log_in_as(&app, "xiaoli", "chushi2026").await;
    app.find("[data-testid=\"change-password-forced\"]").await;
    app.fill("input[data-testid=\"change-password-old\"]", "chushi2026").await;
    app.fill("input[data-testid=\"change-password-new\"]", "xiaoli2027").await;
    app.fill("input[data-testid=\"change-password-confirm\"]", "xiaoli2027").await;
    app.click("[data-testid=\"change-password-submit\"]").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.wait_text("[data-testid=\"current-user\"]", "李小丽").await;
    app.settle().await;

    // No 系统管理 in the menu; the address itself gets the core's refusal, not the list.
    assert!(!app.exists("[data-testid=\"nav-system-menu\"]").await);
    go_to(&app, "#/settings/users").await;
    app.wait_text("[data-testid=\"forbidden-message\"]", "没有执行此操作的权限").await;
    assert!(!app.exists("[data-testid=\"users-table\"]").await);
    assert!(!app.text("body").await.contains("王所长"), "the list of accounts shows through");
    app.screenshot("acc-04-staff-forbidden").await;
    app.quit().await;

    let actions = audit_actions(&db).await;
    for a in ["user.create", "password.change"] {
        assert!(actions.contains(&a.to_string()), "{a} missing from {actions:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_made_and_restored_in_the_window_brings_back_a_deleted_case() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let app = support::launch_with_boundary_dispute(&db).await;
    app.find("[data-testid=\"dashboard-page\"]").await;

    // 立即备份: a verified copy appears in the list, next to the day's automatic one.
    app.click_visible("[data-testid=\"nav-backup\"]").await;
    app.wait_route("/settings/backup").await;
    app.wait_text("[data-testid=\"backup-table\"]", "每日自动").await;
    app.click("[data-testid=\"backup-now\"]:not(.is-loading)").await;
    app.wait_text("[data-testid=\"backup-table\"]", "手动").await;
    app.screenshot("acc-05-backup").await;

    // The case is deleted.
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.click("[data-testid=\"mediation-row-caseno\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 1").await;
    app.click("[data-testid=\"case-delete\"]").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    app.find("[data-testid=\"mediation-list-page\"]").await;
    app.wait_text("[data-testid=\"mediation-total\"]", "共 0 条").await;

    // Restore the manual backup: asked first, then everybody logs in again.
    app.click_visible("[data-testid=\"nav-backup\"]").await;
    app.wait_route("/settings/backup").await;
    let kinds = app.texts("[data-testid=\"backup-row-kind\"]").await;
    let manual = kinds.iter().position(|k| k.contains("手动")).unwrap_or_else(|| panic!("no manual backup in {kinds:?}"));
    let buttons = app.client.find_all(fantoccini::Locator::Css("[data-testid=\"backup-restore\"]")).await.unwrap();
    app.click_element(&buttons[manual], "恢复").await;
    app.wait_text(".el-message-box", "替换本机的全部数据").await;
    app.screenshot("acc-06-restore-confirm").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    app.find("[data-testid=\"login-page\"]").await;

    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.wait_text("[data-testid=\"mediation-total\"]", "共 1 条").await;
    app.wait_text("[data-testid=\"mediation-row-parties\"]", "王五").await;

    // 操作日志 shows the restore; the chain of the restored database is intact.
    app.click_visible("[data-testid=\"nav-audit\"]").await;
    app.wait_route("/settings/audit").await;
    app.wait_text("[data-testid=\"audit-chain\"]", "校验通过").await;
    app.wait_text("[data-testid=\"audit-table\"]", "从备份恢复").await;
    app.screenshot("acc-07-audit").await;
    // 查看 of the case's entry: its fields in Chinese, the codes by their labels.
    let kinds = app.texts("[data-testid=\"audit-row-kind\"]").await;
    let case_entry = kinds.iter().position(|k| k == "调解案件").unwrap_or_else(|| panic!("no case entry in {kinds:?}"));
    let rows = app.client.find_all(fantoccini::Locator::Css("[data-testid=\"audit-row\"]")).await.unwrap();
    let detail = rows[case_entry].find(fantoccini::Locator::Css("[data-testid=\"audit-row-detail\"]")).await.unwrap();
    app.click_element(&detail, "查看").await;
    app.wait_text("[data-testid=\"audit-changes\"]", "第1位当事人 · 姓名（名称）").await;
    let shown = app.text("[data-testid=\"audit-changes\"]").await;
    assert!(shown.contains("纠纷类型") && shown.contains("受理日期") && !shown.contains("disputeType"), "{shown}");
    app.screenshot("acc-07b-audit-change").await;

    // The data before the restore was kept aside.
    app.click("[data-testid=\"nav-backup\"]").await;
    app.wait_text("[data-testid=\"backup-table\"]", "恢复前").await;
    app.screenshot("acc-08-backup-after-restore").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_not_opened_for_work_and_is_restored_from_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let cases = {
        let mut desk = office_db(&db);
        let admin = desk.login("admin", "mima2026").unwrap();
        let mut g = sifa::demo::Generator::new(7, "420202001", TODAY.parse().unwrap());
        let cases = g.acceptance_dates(3, 15).into_iter().map(|d| g.case(d)).collect();
        let n = desk.import_generated(cases, "演示").unwrap();
        desk.backup_create(&admin, None).unwrap();
        n
    };
    // Garble the middle of the file, where the tables' pages are.
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 3..len / 3 + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();

    let app = App::launch(&db, TODAY).await;
    app.wait_text("[data-testid=\"damaged-message\"]", "数据库文件已损坏").await;
    assert_eq!(app.texts("[data-testid=\"damaged-backup\"]").await.len(), 1);
    // A staff password or a wrong one is refused; the administrator of the backup restores it.
    app.fill("input[data-testid=\"damaged-username\"]", "admin").await;
    app.fill("input[data-testid=\"damaged-password\"]", "wrong-password1").await;
    app.click("[data-testid=\"damaged-restore\"]").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    app.wait_text("[data-testid=\"damaged-error\"]", "用户名或密码错误").await;
    app.screenshot("acc-09-damaged-database").await;
    app.fill("input[data-testid=\"damaged-password\"]", "mima2026").await;
    app.click("[data-testid=\"damaged-restore\"]:not(.is-loading)").await;
    app.click_visible(".el-message-box__btns .el-button--danger").await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.wait_text("[data-testid=\"mediation-total\"]", &format!("共 {cases} 条")).await;
    app.quit().await;

    let actions = audit_actions(&db).await;
    assert!(actions.contains(&"backup.restore_damaged".to_string()), "{actions:?}");
    let kept = sifa::backup::list(&sifa::backup::default_folder(&db), None).unwrap();
    assert!(kept.iter().any(|f| f.kind == sifa::backup::BackupKind::Prerestore), "the damaged file is kept aside");
}

/// Opens the seeded case and types into its 案情 without saving.
async fn edit_the_case_unsaved(app: &App, summary: &str) {
    app.click("[data-testid=\"nav-mediation\"]").await;
    app.click("[data-testid=\"mediation-row-caseno\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本").await;
    app.fill(&field("summary", "textarea"), summary).await;
}

/// Answers the open question with 继续编辑 and waits until it is gone.
async fn keep_editing(app: &App) {
    app.click_visible(".el-message-box__btns button:not(.el-button--primary)").await;
    app.settle().await;
    let shown = app
        .client
        .execute("return Array.from(document.querySelectorAll('.el-message-box')).some(e => e.offsetParent !== null)", vec![])
        .await
        .unwrap();
    assert_eq!(shown, serde_json::json!(false), "the question stays open after 继续编辑");
}

#[tokio::test(flavor = "multi_thread")]
async fn unsaved_edits_survive_logout_lock_switch_user_and_closing_the_window_until_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    let app = support::launch_with_boundary_dispute(&db).await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    let typed = "王五与赵六因宅基地界址发生纠纷，经现场勘查";
    edit_the_case_unsaved(&app, typed).await;

    // 退出登录 asks first; 继续编辑 keeps the session, the page and the typed text.
    app.click("[data-testid=\"logout\"]").await;
    let question = app.wait_text(".el-message-box", "退出登录后这些修改将丢失").await;
    assert!(question.contains("本案件有尚未保存的修改"), "{question}");
    app.screenshot("acc-10-logout-unsaved").await;
    keep_editing(&app).await;
    assert_eq!(app.value(&field("summary", "textarea")).await, typed);
    assert_eq!(app.text("[data-testid=\"current-user\"]").await, "王所长");
    app.wait_route("/mediation/").await;

    // 锁定 keeps the form beneath; 切换用户 asks, 取消 keeps it; unlocking gives it back as it was.
    app.click("[data-testid=\"lock-now\"]").await;
    app.find("[data-testid=\"lock-screen\"]").await;
    app.click("[data-testid=\"unlock-switch-user\"]").await;
    app.wait_text("[data-testid=\"unlock-switch-confirm\"]", "本案件有尚未保存的修改，切换用户后这些修改将丢失").await;
    app.screenshot("acc-11-switch-user-unsaved").await;
    app.click("[data-testid=\"unlock-switch-cancel\"]").await;
    app.fill("input[data-testid=\"unlock-password\"]", "mima2026").await;
    app.click("[data-testid=\"unlock-submit\"]:not(.is-loading)").await;
    let start = Instant::now();
    while app.exists("[data-testid=\"lock-screen\"]").await {
        assert!(start.elapsed() < support::WAIT, "the lock screen stays after the right password");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.value(&field("summary", "textarea")).await, typed);

    // Closing the window (its ×: the window manager's close request) asks; 继续编辑 keeps the window.
    support::ask_window_to_close();
    app.wait_text(".el-message-box", "关闭窗口后这些修改将丢失").await;
    app.screenshot("acc-12-close-unsaved").await;
    keep_editing(&app).await;
    assert_eq!(app.value(&field("summary", "textarea")).await, typed);

    // Saved, the work is safe; later edits given up with 放弃修改并关闭窗口 close the window.
    app.click("[data-testid=\"case-save\"]").await;
    app.wait_text("[data-testid=\"case-version\"]", "版本 2").await;
    app.fill(&field("summary", "textarea"), "这段修改不保存").await;
    support::ask_window_to_close();
    app.wait_text(".el-message-box", "关闭窗口后这些修改将丢失").await;
    app.settle().await;
    // The window goes away under the click, so WebDriver's answer to it is an error.
    let give_up = app.find(".el-message-box__btns .el-button--primary").await;
    assert_eq!(give_up.text().await.unwrap(), "放弃修改并关闭窗口");
    let _ = give_up.click().await;
    let desk = support::desk_when_released(&db).await;
    let page = desk.mediation_list(&Default::default()).unwrap();
    assert_eq!(page.items.len(), 1);
    let case = desk.mediation_get(&page.items[0].id).unwrap();
    assert_eq!(case.input.summary, typed, "the saved text, not the given-up edit");
    assert_eq!(case.version, 2);
    drop(desk);
    drop(app);

    // Given up at 退出登录, the login page comes (never a blank window); a window without unsaved
    // work closes at once.
    let app = App::launch(&db, TODAY).await;
    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    edit_the_case_unsaved(&app, "又一段不保存的修改").await;
    app.click("[data-testid=\"logout\"]").await;
    app.wait_text(".el-message-box", "退出登录后这些修改将丢失").await;
    app.click_visible(".el-message-box__btns .el-button--primary").await;
    app.find("[data-testid=\"login-page\"]").await;
    app.screenshot("acc-13-logged-out-after-giving-up").await;
    support::ask_window_to_close();
    let desk = support::desk_when_released(&db).await;
    let actions: Vec<String> = sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"logout".to_string()), "{actions:?}");
    drop(app);
}

/// Calls a command of the application straight from the page, as any script in the window could,
/// and answers its error code ("ok" when it succeeded).
async fn invoke_code(app: &App, command: &str, args: serde_json::Value) -> String {
    let script = "const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
            .then(() => done('ok'), (e) => done((e && e.code) || String(e)));";
    let v = app.client.execute_async(script, vec![serde_json::json!(command), args]).await.unwrap();
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn commands_are_refused_without_a_session_and_while_the_screen_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    drop(office_db(&db));
    let app = App::launch(&db, TODAY).await;
    app.find("[data-testid=\"login-page\"]").await;
    let list = || serde_json::json!({ "filter": {} });
    let create = || serde_json::json!({ "input": support::boundary_dispute() });

    // Nobody logged in: nothing is read or written.
    assert_eq!(invoke_code(&app, "mediation_list", list()).await, "auth.required");
    assert_eq!(invoke_code(&app, "dashboard", serde_json::json!({})).await, "auth.required");
    assert_eq!(invoke_code(&app, "mediation_create", create()).await, "auth.required");

    log_in(&app, "mima2026").await;
    app.find("[data-testid=\"dashboard-page\"]").await;
    assert_eq!(invoke_code(&app, "mediation_list", list()).await, "ok");

    // Locked: refused, though the user is still the session's.
    app.click("[data-testid=\"lock-now\"]").await;
    app.find("[data-testid=\"lock-screen\"]").await;
    assert_eq!(invoke_code(&app, "mediation_list", list()).await, "auth.session_locked");
    assert_eq!(invoke_code(&app, "mediation_create", create()).await, "auth.session_locked");
    app.fill("input[data-testid=\"unlock-password\"]", "mima2026").await;
    app.click("[data-testid=\"unlock-submit\"]:not(.is-loading)").await;
    let start = Instant::now();
    while app.exists("[data-testid=\"lock-screen\"]").await {
        assert!(start.elapsed() < support::WAIT, "the lock screen stays after the right password");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(invoke_code(&app, "mediation_list", list()).await, "ok");
    app.quit().await;

    let desk = support::desk_when_released(&db).await;
    assert_eq!(desk.record_counts().unwrap().mediation_cases, 0, "a refused create wrote nothing");
}
