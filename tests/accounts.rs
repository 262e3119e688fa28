//! First run, login, lockout, and their audit entries.

mod common;
use common::*;
use sifa::clock::FixedClock;
use sifa::Desk;
use std::sync::Arc;

#[test]
fn setup_refuses_bad_input_with_every_field_named_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(day("2026-11-27")))).unwrap();
    let mut input = setup_input();
    input.office_code = "4202".into();
    input.short_name = "".into();
    input.admin_password = "short".into();
    let e = desk.setup(input).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["shortName", "officeCode", "adminPassword"]);
    assert!(e.fields()[1].message.contains("9位乡镇代码"));
    assert!(desk.office().unwrap().is_none());
    assert!(desk.setup(setup_input()).is_ok());
    assert_eq!(desk.setup(setup_input()).unwrap_err().code(), "setup.done");
}

#[test]
fn create_refuses_an_existing_database() {
    let t = desk_on("2026-11-27");
    drop(t.desk);
    let e = Desk::create(&t.path, Arc::new(FixedClock::at_date(day("2026-11-27"))), setup_input()).unwrap_err();
    assert_eq!(e.code(), "setup.database_exists");
}

#[test]
fn login_succeeds_fails_and_locks_out_after_five_failures() {
    let t = desk_on("2026-11-27");
    let mut desk = t.desk;
    assert_eq!(desk.login("ADMIN", PASSWORD).unwrap().display_name, "王所长");
    assert_eq!(desk.login(ADMIN, "wrong1234").unwrap_err().code(), "auth.wrong_password");
    assert_eq!(desk.login("nobody", PASSWORD).unwrap_err().to_string(), "用户名或密码错误。");
    for _ in 0..3 {
        assert_eq!(desk.login(ADMIN, "wrong1234").unwrap_err().code(), "auth.wrong_password");
    }
    let e = desk.login(ADMIN, "wrong1234").unwrap_err();
    assert_eq!(e.code(), "auth.locked_out");
    assert!(e.to_string().contains("10分钟"), "{e}");
    // Even the right password is refused while locked.
    assert_eq!(desk.login(ADMIN, PASSWORD).unwrap_err().code(), "auth.locked_out");
    drop(desk);
    // Eleven minutes later (the fixed clock is at 10:00 of the same day in each reopen, so move a day).
    let mut later = open_at(&t.path, "2026-11-28");
    assert!(later.login(ADMIN, PASSWORD).is_ok());
    let actions: Vec<String> = sifa::store::audit::all(later.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "login.failed").count(), 5);
    assert_eq!(actions.iter().filter(|a| *a == "login.locked").count(), 1);
    assert_eq!(actions.first().map(String::as_str), Some("setup"));
    assert_eq!(later.verify_audit().unwrap(), None);
}

#[test]
fn audit_tampering_is_detected_at_the_first_broken_entry() {
    let mut t = desk_on("2026-11-27");
    t.desk.mediation_create(&t.admin, case("2026-11-20", "张三", "李四", "情况")).unwrap();
    t.desk.logout(&t.admin).unwrap();
    assert_eq!(t.desk.verify_audit().unwrap(), None);
    t.desk.store().conn().execute("UPDATE audit_log SET username = 'someone' WHERE seq = 3", []).unwrap();
    assert_eq!(t.desk.verify_audit().unwrap(), Some(3));
}

#[test]
fn a_failed_create_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut bad = setup_input();
    bad.admin_password = "x".into();
    assert_eq!(Desk::create(&path, Arc::new(FixedClock::at_date(day("2026-11-27"))), bad).unwrap_err().code(), "validation.password");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    Desk::create(&path, Arc::new(FixedClock::at_date(day("2026-11-27"))), setup_input()).unwrap();
}

// ── User management, sessions, idle lock ───────────────────────────────────────────────────

use sifa::accounts::{NewUserInput, UserUpdateInput};
use sifa::clock::ManualClock;
use sifa::desk::Settings;

/// A set-up office on a clock the test moves; nobody logged in.
fn desk_with_clock() -> (tempfile::TempDir, std::path::PathBuf, Desk, Arc<ManualClock>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sifa.db");
    let clock = Arc::new(ManualClock::at_date(day("2026-11-27")));
    let (desk, _) = Desk::create(&path, clock.clone(), setup_input()).unwrap();
    (dir, path, desk, clock)
}

fn new_user(username: &str, role: &str) -> NewUserInput {
    NewUserInput { username: username.into(), display_name: "李明".into(), role: role.into(), password: "chushi123".into() }
}

fn actions(desk: &Desk) -> Vec<String> {
    sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect()
}

#[test]
fn the_head_manages_accounts_and_every_action_is_audited() {
    let (_dir, _path, mut desk, _clock) = desk_with_clock();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let staff = desk.user_create(&head, new_user("liming", "staff")).unwrap();
    assert_eq!((staff.role_label.as_str(), staff.must_change_password, staff.active), ("工作人员", true, true));
    assert_eq!(desk.users(&head).unwrap().len(), 2);

    // The first password must be changed before anything else.
    desk.login("liming", "chushi123").unwrap();
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.password_change_required");
    assert!(desk.session_status().unwrap().must_change_password);
    let e = desk.change_password("chushi123", "short").unwrap_err();
    assert_eq!(e.fields()[0].field, "newPassword");
    let e = desk.change_password("wrongold1", "xinmima2026").unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.to_string().as_str()), ("oldPassword", "原密码不正确"));
    assert_eq!(desk.change_password("chushi123", "chushi123").unwrap_err().fields()[0].code, "validation.password_same");
    desk.change_password("chushi123", "xinmima2026").unwrap();
    let me = desk.session_user().unwrap();
    assert_eq!(me.role, "staff");
    // Staff may not manage accounts, settings, the audit log or backups: enforced in the core.
    assert_eq!(desk.users(&me).unwrap_err().code(), "auth.forbidden");
    assert_eq!(desk.user_create(&me, new_user("x1", "staff")).unwrap_err().code(), "auth.forbidden");
    assert_eq!(desk.settings_save(&me, Settings::default()).unwrap_err().code(), "auth.forbidden");
    assert_eq!(desk.audit_list(&me, &Default::default()).unwrap_err().code(), "auth.forbidden");
    assert_eq!(desk.backups(&me).unwrap_err().code(), "auth.forbidden");
    assert_eq!(desk.backup_create(&me, None).unwrap_err().code(), "auth.forbidden");

    // The head resets a forgotten password, edits, unlocks and disables.
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let reset = desk.user_reset_password(&head, &staff.id, "linshi2026").unwrap();
    assert!(reset.must_change_password);
    assert_eq!(desk.user_reset_password(&head, &head.id, "linshi2026").unwrap_err().code(), "user.self");
    let changed = desk.user_update(&head, &staff.id, UserUpdateInput { display_name: "李明明".into(), role: "readonly".into(), active: true }).unwrap();
    assert_eq!((changed.display_name.as_str(), changed.role.code()), ("李明明", "readonly"));
    desk.user_unlock(&head, &staff.id).unwrap();
    desk.user_update(&head, &staff.id, UserUpdateInput { display_name: "李明明".into(), role: "readonly".into(), active: false }).unwrap();
    assert_eq!(desk.login("liming", "linshi2026").unwrap_err().code(), "auth.wrong_password");

    let log = actions(&desk);
    for a in ["user.create", "password.change", "user.reset_password", "user.update", "user.unlock"] {
        assert!(log.iter().any(|x| x == a), "{a} missing from {log:?}");
    }
    assert!(desk.audit_check().unwrap().intact());
}

#[test]
fn bad_account_input_names_the_field_and_changes_nothing() {
    let (_dir, _path, mut desk, _clock) = desk_with_clock();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let before = actions(&desk).len();
    let e = desk.user_create(&head, NewUserInput { username: "a b".into(), display_name: " ".into(), role: "district_admin".into(), password: "123".into() }).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["username", "displayName", "role", "password"]);
    assert!(e.fields()[2].message.contains("所长、工作人员、只读"), "{}", e.fields()[2].message);
    let e = desk.user_create(&head, new_user("ADMIN", "staff")).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.fields()[0].code.as_str()), ("username", "validation.duplicate"));
    // The head can neither disable nor demote themself, so the office keeps an administrator.
    let e = desk.user_update(&head, &head.id, UserUpdateInput { display_name: "王所长".into(), role: "staff".into(), active: true }).unwrap_err();
    assert_eq!(e.fields()[0].field, "role");
    let e = desk.user_update(&head, &head.id, UserUpdateInput { display_name: "王所长".into(), role: "head".into(), active: false }).unwrap_err();
    assert_eq!(e.fields()[0].field, "active");
    assert_eq!(desk.user_update(&head, "no-such-id", UserUpdateInput::default()).unwrap_err().code(), "not_found");
    let e = desk.settings_save(&head, Settings { idle_minutes: 0, backup_keep: 1 }).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["idleMinutes", "backupKeep"]);
    assert_eq!(desk.users(&head).unwrap().len(), 1);
    assert_eq!(desk.settings().unwrap(), Settings::default());
    assert_eq!(actions(&desk).len(), before);
}

#[test]
fn a_district_bureau_has_a_district_administrator() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = setup_input();
    input.mode = "district".into();
    input.office_code = "420202".into();
    let (mut desk, _) = Desk::create(&dir.path().join("d.db"), Arc::new(ManualClock::at_date(day("2026-11-27"))), input).unwrap();
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    assert_eq!(admin.role, "district_admin");
    assert_eq!(desk.user_create(&admin, new_user("clerk", "head")).unwrap_err().code(), "validation.role");
    assert_eq!(desk.user_create(&admin, new_user("clerk", "staff")).unwrap().role, "staff");
}

#[test]
fn the_session_locks_after_the_idle_time_and_unlocks_with_the_password() {
    let (_dir, _path, mut desk, clock) = desk_with_clock();
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.required");
    desk.login(ADMIN, PASSWORD).unwrap();
    clock.advance(chrono::Duration::minutes(9));
    desk.session_user().unwrap();
    // Activity moved the idle start: nine more minutes are still fine, ten are not.
    clock.advance(chrono::Duration::minutes(9));
    desk.session_user().unwrap();
    clock.advance(chrono::Duration::minutes(10));
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.session_locked");
    assert!(desk.session_status().unwrap().locked);
    assert_eq!(desk.session_unlock("wrong1234").unwrap_err().code(), "auth.wrong_password");
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.session_locked");
    desk.session_unlock(PASSWORD).unwrap();
    desk.session_user().unwrap();
    // The lock button, and a shorter idle time from the settings.
    desk.session_lock().unwrap();
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.session_locked");
    let head = desk.session_unlock(PASSWORD).unwrap();
    desk.settings_save(&head, Settings { idle_minutes: 1, backup_keep: 14 }).unwrap();
    clock.advance(chrono::Duration::seconds(61));
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.session_locked");
    desk.session_logout().unwrap();
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.required");
    let log = actions(&desk);
    for a in ["session.idle_lock", "session.lock", "session.unlock", "settings.update", "logout"] {
        assert!(log.iter().any(|x| x == a), "{a} missing from {log:?}");
    }
    // A clock moved back an hour does not unlock or break anything.
    desk.login(ADMIN, PASSWORD).unwrap();
    clock.advance(chrono::Duration::hours(-1));
    desk.session_user().unwrap();
    assert!(desk.audit_check().unwrap().intact());
}

#[test]
fn a_role_change_or_disabled_account_takes_effect_in_the_running_session() {
    let (_dir, _path, mut desk, _clock) = desk_with_clock();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    let staff = desk.user_create(&head, new_user("liming", "staff")).unwrap();
    desk.login("liming", "chushi123").unwrap();
    desk.change_password("chushi123", "xinmima2026").unwrap();
    let me = desk.session_user().unwrap();
    assert!(me.can_write_records());
    // The head (acting through the core, as the window would in their own session) demotes the account.
    desk.user_update(&head, &staff.id, UserUpdateInput { display_name: "李明".into(), role: "readonly".into(), active: true }).unwrap();
    let me = desk.session_user().unwrap();
    assert_eq!(me.role, "readonly");
    assert_eq!(desk.mediation_create(&me, case("2026-11-20", "张三", "李四", "情况")).unwrap_err().code(), "auth.forbidden");
    desk.user_update(&head, &staff.id, UserUpdateInput { display_name: "李明".into(), role: "readonly".into(), active: false }).unwrap();
    assert_eq!(desk.session_user().unwrap_err().code(), "auth.required");
}

/// The office profile can be corrected after the first run by an administrator, audited; the code
/// and the mode stay. Bad input names its field and changes nothing.
#[test]
fn the_head_corrects_the_office_profile_and_the_change_is_audited() {
    use sifa::office::OfficeProfileInput;
    let mut t = desk_on("2026-11-24");
    let input = |name: &str, short: &str, district: &str| OfficeProfileInput { office_name: name.into(), short_name: short.into(), district: district.into() };
    let office = t.desk.update_office(&t.admin, input(" 石港镇司法所（新址） ", "石港", "黄石港区")).unwrap();
    assert_eq!((office.code.as_str(), office.name.as_str(), office.short_name.as_str()), ("420202001", "石港镇司法所（新址）", "石港"));
    assert_eq!(t.desk.office().unwrap().unwrap(), office);
    let entries = sifa::store::audit::all(t.desk.store().conn()).unwrap();
    let last = entries.last().unwrap();
    assert_eq!((last.action.as_str(), last.record_kind.as_str()), ("office.update", "office"));
    let changes = sifa::audit::field_changes(&last.record_kind, last.before_json.as_deref(), last.after_json.as_deref());
    let changed: Vec<_> = changes.iter().filter(|c| c.changed).map(|c| (c.label.as_str(), c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(changed, [("名称", "石港镇司法所", "石港镇司法所（新址）"), ("简称", "石", "石港")]);
    // The same profile again writes no entry.
    t.desk.update_office(&t.admin, input("石港镇司法所（新址）", "石港", "黄石港区")).unwrap();
    assert_eq!(sifa::store::audit::all(t.desk.store().conn()).unwrap().len(), entries.len());

    let e = t.desk.update_office(&t.admin, input("", "石-港", &"区".repeat(41))).unwrap_err();
    let fields: Vec<_> = e.fields().iter().map(|f| (f.field.as_str(), f.message.as_str())).collect();
    assert_eq!(fields, [("officeName", "请填写司法所名称"), ("district", "所属区县不能超过40个字（当前41个字）"), ("shortName", "简称只能包含汉字、字母或数字")]);
    let staff = t.desk.user_create(&t.admin, new_user("lixl", "staff")).unwrap();
    let staff = sifa::accounts::User { id: staff.id, username: staff.username, display_name: staff.display_name, role: sifa::accounts::Role::Staff };
    assert_eq!(t.desk.update_office(&staff, input("别的名称", "别", "黄石港区")).unwrap_err().code(), "auth.forbidden");
    assert_eq!(t.desk.office().unwrap().unwrap(), office);
}
