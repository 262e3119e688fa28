//! Backups and restore (RELIABILITY.md: restore drill, crash or failure during a backup, refused
//! files). The oracle after every fault: the database opens, integrity and foreign keys are clean,
//! every acknowledged commit is there, the audit chain verifies.

mod common;
use sifa::record::Actor;
use common::*;
use sifa::backup::{self, BackupKind, Step};
use sifa::clock::{Clock, FixedClock, ManualClock};
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::at_date(day("2026-11-28")))
}

fn cases(desk: &Desk) -> i64 {
    desk.store().conn().query_row("SELECT count(*) FROM mediation_case WHERE deleted_at IS NULL", [], |r| r.get(0)).unwrap()
}

/// The oracle of RELIABILITY.md on the database at `path`.
fn oracle(path: &Path, expected_cases: i64) -> Desk {
    let desk = Desk::open(path, clock()).unwrap();
    desk.store().integrity_check().unwrap();
    assert_eq!(cases(&desk), expected_cases);
    assert!(desk.audit_check().unwrap().intact(), "{:?}", desk.audit_check().unwrap());
    desk
}

fn names(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder).map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect()).unwrap_or_default();
    v.sort();
    v
}

fn office_with_cases(n: usize) -> TestDesk {
    let mut t = desk_on("2026-11-28");
    for i in 0..n {
        t.desk.mediation_create(&t.admin, case("2026-11-20", &format!("张{i}"), "李四", "邻里纠纷")).unwrap();
    }
    t
}

#[test]
fn a_backup_is_checked_and_a_restore_brings_back_a_deleted_case() {
    let mut t = office_with_cases(3);
    let usb = t.dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let b = t.desk.backup_create(&t.admin, Some(&usb)).unwrap();
    assert_eq!(b.kind, BackupKind::Manual);
    assert!(b.file_name.starts_with("sifa_420202001_") && b.file_name.ends_with("_manual.db"), "{}", b.file_name);
    assert_eq!(names(&usb), vec![b.file_name.clone()], "no temporary file left");
    let facts = backup::inspect(Path::new(&b.path)).unwrap();
    assert_eq!((facts.integrity.as_str(), facts.office_code.as_deref()), ("ok", Some("420202001")));

    let victim: String = t.desk.store().conn().query_row("SELECT id FROM mediation_case LIMIT 1", [], |r| r.get(0)).unwrap();
    let version = t.desk.mediation_get(&victim).unwrap().version;
    t.desk.mediation_delete(&t.admin, &victim, version).unwrap();
    assert_eq!(cases(&t.desk), 2);

    t.desk.restore_check(&t.admin, Path::new(&b.path)).unwrap();
    drop(t.desk);
    let (desk, restored) = Desk::restore(&t.path, clock(), &t.admin, Path::new(&b.path)).unwrap();
    drop(desk);
    let desk = oracle(&t.path, 3);
    assert_eq!(desk.mediation_get(&victim).unwrap().input.summary, "邻里纠纷");
    let actions: Vec<String> = sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions.last().map(String::as_str), Some("backup.restore"));
    // The replaced database (with the deletion) was kept, whole.
    let aside = PathBuf::from(restored.kept_aside.unwrap());
    assert!(aside.file_name().unwrap().to_str().unwrap().ends_with("_prerestore.db"));
    drop(desk);
    let kept = Desk::open(&aside, clock()).unwrap();
    assert_eq!(cases(&kept), 2);
    assert!(kept.audit_check().unwrap().intact());
}

#[test]
fn restore_drill_a_corrupted_database_is_refused_then_restored_from_the_newest_backup() {
    let mut t = office_with_cases(40);
    let daily = t.desk.backup_daily_if_due().unwrap().expect("first start of the day");
    assert!(t.desk.backup_daily_if_due().unwrap().is_none(), "one automatic backup a day");
    drop(t.desk);
    // Garble the middle of the file, where the tables' pages are.
    let mut bytes = std::fs::read(&t.path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 3..len / 3 + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&t.path, &bytes).unwrap();
    let e = Desk::open(&t.path, clock()).unwrap_err();
    assert_eq!(e.code(), "store.corrupt", "{e}");
    let (desk, restored) = Desk::restore(&t.path, clock(), Actor::Named("测试"), Path::new(&daily.path)).unwrap();
    drop(desk);
    oracle(&t.path, 40);
    // Generations kept: the daily backup and the corrupted file set aside.
    let folder = backup::default_folder(&t.path);
    let listed = backup::list(&folder, None).unwrap();
    assert!(listed.iter().any(|f| f.path == daily.path));
    assert!(listed.iter().any(|f| Some(&f.path) == restored.kept_aside.as_ref() && f.kind == BackupKind::Prerestore));
}

#[test]
fn a_damaged_database_is_left_unwritten_and_restored_by_an_administrator_of_the_backup() {
    let mut t = office_with_cases(40);
    let staff_input = sifa::accounts::NewUserInput { username: "xiaoli".into(), display_name: "李小丽".into(), role: "staff".into(), password: "chushi2026".into() };
    let staff = t.desk.user_create(&t.admin, staff_input).unwrap();
    let daily = t.desk.backup_daily_if_due().unwrap().expect("first start of the day");
    drop(t.desk);
    let mut bytes = std::fs::read(&t.path).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len / 2..len / 2 + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&t.path, &bytes).unwrap();
    let sha = |p: &Path| {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(std::fs::read(p).unwrap()))
    };
    let damaged_sha = sha(&t.path);
    let damage = match Desk::open(&t.path, clock()) {
        Err(sifa::Error::Corrupt { detail }) => detail,
        other => panic!("expected a damaged database, got {:?}", other.map(|_| ())),
    };

    // Start-up offers the office's backups, having only read the damaged file.
    let offer = sifa::desk::damaged_database(&t.path, &damage);
    assert_eq!(offer.office_code.as_deref(), Some("420202001"));
    assert_eq!(offer.files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(), vec![daily.path.as_str()]);
    assert_eq!(sha(&t.path), damaged_sha, "the damaged file is not written");

    // Wrong credentials, a staff account, missing fields: refused, nothing changes.
    let restore = |user: &str, pw: &str, file: &Path| Desk::restore_damaged(&t.path, clock(), file, user, pw, &damage).map(|_| ());
    assert_eq!(restore(ADMIN, "cuowu12345", Path::new(&daily.path)).unwrap_err().code(), "auth.wrong_password");
    assert_eq!(restore("nobody", PASSWORD, Path::new(&daily.path)).unwrap_err().code(), "auth.wrong_password");
    assert_eq!(restore(&staff.username, "chushi2026", Path::new(&daily.path)).unwrap_err().code(), "auth.forbidden");
    let e = restore("", "", Path::new("")).unwrap_err();
    assert_eq!(e.fields().iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), vec!["file", "username", "password"]);
    assert!(e.to_string().contains("备份文件"), "{e}");
    let e = restore(ADMIN, PASSWORD, &t.path).unwrap_err();
    assert_eq!(e.code(), "backup.invalid", "the damaged file itself is no backup: {e}");
    assert_eq!(sha(&t.path), damaged_sha);

    let (desk, restored) = Desk::restore_damaged(&t.path, clock(), Path::new(&daily.path), ADMIN, PASSWORD, &damage).unwrap();
    assert!(desk.session_status().unwrap().user.is_none(), "nobody is logged in after a restore");
    let last = sifa::store::audit::all(desk.store().conn()).unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.username.as_str()), ("backup.restore_damaged", ADMIN));
    let after: serde_json::Value = serde_json::from_str(&last.after_json.unwrap()).unwrap();
    assert_eq!(after["damage"], serde_json::Value::String(damage.clone()), "the damage is on record");
    drop(desk);
    oracle(&t.path, 40);
    let aside = restored.kept_aside.expect("the damaged file is kept");
    assert_eq!(sha(Path::new(&aside)), damaged_sha, "kept aside as it was");
}

#[test]
fn files_that_are_not_intact_backups_of_this_office_are_refused_and_change_nothing() {
    let mut t = office_with_cases(2);
    let dir = t.dir.path().to_path_buf();
    let good = t.desk.backup_create(&t.admin, Some(&dir.join("b"))).unwrap();
    let text = dir.join("notes.db");
    std::fs::write(&text, "不是数据库").unwrap();
    let foreign = dir.join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    let truncated = dir.join("truncated.db");
    let bytes = std::fs::read(&good.path).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let newer = dir.join("newer.db");
    std::fs::copy(&good.path, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let other_office = {
        let d = tempfile::tempdir_in(&dir).unwrap();
        let mut input = setup_input();
        input.office_code = "420202002".into();
        input.office_name = "胜阳港司法所".into();
        let (mut other, _) = Desk::create(&d.path().join("o.db"), clock(), input).unwrap();
        let admin = other.login(ADMIN, PASSWORD).unwrap();
        let b = other.backup_create(&admin, Some(&dir.join("other"))).unwrap();
        std::mem::forget(d);
        b.path
    };
    let cases_before = cases(&t.desk);
    for (file, reason) in [
        (dir.join("missing.db"), "文件不存在"),
        (text.clone(), "不是数据库文件"),
        (foreign.clone(), "不是司法所工作台的数据库"),
        (truncated.clone(), "损坏"),
        (newer.clone(), "更新版本"),
        (PathBuf::from(&other_office), "胜阳港司法所"),
    ] {
        let e = t.desk.restore_check(&t.admin, &file).unwrap_err();
        assert_eq!(e.code(), "backup.invalid", "{file:?}: {e}");
        assert!(e.to_string().contains(reason), "{file:?}: {e}");
    }
    // The same refusals hold when the check before closing is skipped (the command line).
    let live = t.path.clone();
    drop(t.desk);
    for file in [&text, &foreign, &truncated, &newer, &PathBuf::from(&other_office)] {
        let e = backup::restore(&live, file, clock().now(), &backup::no_faults).unwrap_err();
        assert_eq!(e.code(), "backup.invalid", "{file:?}");
    }
    oracle(&live, cases_before);
    assert!(!backup::default_folder(&live).exists(), "nothing was set aside");
}

#[test]
fn a_failure_at_any_step_of_a_backup_leaves_no_file_under_its_name() {
    let t = office_with_cases(5);
    let folder = t.dir.path().join("usb");
    let at = clock().now();
    for step in [Step::Copy, Step::Sync, Step::Verify, Step::Rename] {
        let fail = move |s: Step| if s == step { Err(std::io::Error::from(std::io::ErrorKind::StorageFull)) } else { Ok(()) };
        let e = backup::create(t.desk.store().conn(), &folder, "420202001", BackupKind::Manual, at, 10, &fail).unwrap_err();
        assert!(e.to_string().contains("备份盘空间不足"), "{step:?}: {e}");
        assert_eq!(names(&folder), Vec::<String>::new(), "{step:?}");
    }
    let ok = backup::create(t.desk.store().conn(), &folder, "420202001", BackupKind::Manual, at, 10, &backup::no_faults).unwrap();
    assert_eq!(names(&folder), vec![ok.file_name]);
}

#[test]
fn a_failure_at_any_step_of_a_restore_leaves_the_current_database_as_it_was() {
    let mut t = office_with_cases(3);
    let b = t.desk.backup_create(&t.admin, None).unwrap();
    t.desk.mediation_create(&t.admin, case("2026-11-21", "后来", "的人", "备份之后")).unwrap();
    drop(t.desk);
    let folder = backup::default_folder(&t.path);
    let before = names(&folder);
    for step in [Step::Copy, Step::Sync, Step::Verify, Step::MoveAside, Step::Rename] {
        let fail = move |s: Step| if s == step { Err(std::io::Error::other("注入的故障")) } else { Ok(()) };
        assert_eq!(backup::restore(&t.path, Path::new(&b.path), clock().now(), &fail).unwrap_err().code(), "io", "{step:?}");
        assert_eq!(names(&folder), before, "{step:?}: nothing set aside");
        assert!(!t.dir.path().join(".~restore.part").exists());
        drop(oracle(&t.path, 4));
    }
    backup::restore(&t.path, Path::new(&b.path), clock().now(), &backup::no_faults).unwrap();
    oracle(&t.path, 3);
}

#[test]
fn older_daily_and_manual_backups_are_rotated_the_rare_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::at_date(day("2026-11-01")));
    let (mut desk, _) = Desk::create(&dir.path().join("s.db"), clock.clone(), setup_input()).unwrap();
    let head = desk.login(ADMIN, PASSWORD).unwrap();
    desk.settings_save(&head, sifa::desk::Settings { idle_minutes: 10, backup_keep: 3 }).unwrap();
    let folder = desk.backup_folder();
    // What a backup killed half-way leaves behind goes with the next backup; other offices' files stay.
    std::fs::create_dir_all(&folder).unwrap();
    let stale = folder.join(".~sifa_420202001_20261031-235959_daily.db.part");
    let foreign = folder.join(".~sifa_420202002_20261031-235959_daily.db.part");
    std::fs::write(&stale, vec![0u8; 4096]).unwrap();
    std::fs::write(&foreign, vec![0u8; 4096]).unwrap();
    let keep_me = backup::create(desk.store().conn(), &folder, "420202001", BackupKind::Premigration, clock.now(), 3, &backup::no_faults).unwrap();
    assert!(!stale.exists() && foreign.exists());
    std::fs::remove_file(&foreign).unwrap();
    let mut made = Vec::new();
    for _ in 0..6 {
        clock.advance(chrono::Duration::days(1));
        made.push(desk.backup_daily_if_due().unwrap().unwrap().file_name);
    }
    let listed: Vec<String> = desk.backups(&head).unwrap().files.into_iter().map(|f| f.file_name).collect();
    assert_eq!(listed, vec![made[5].clone(), made[4].clone(), made[3].clone(), keep_me.file_name.clone()]);
    let audit: Vec<String> = sifa::store::audit::all(desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(audit.iter().filter(|a| *a == "backup.create").count(), 6);
}

#[test]
fn a_failed_backup_says_why_in_chinese_and_is_audited() {
    let mut t = office_with_cases(1);
    let file = t.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let e = t.desk.backup_create(&t.admin, Some(&file.join("sub"))).unwrap_err();
    assert_eq!(e.fields()[0].field, "folder", "{e}");
    let e = t.desk.backup_create(&t.admin, Some(&file)).unwrap_err();
    assert!(e.to_string().contains("不是文件夹"), "{e}");
    let actions: Vec<String> = sifa::store::audit::all(t.desk.store().conn()).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "backup.failed").count(), 2);
    assert!(t.desk.audit_check().unwrap().intact());
}

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let t = office_with_cases(2);
    drop(t.desk);
    // Pretend the file was written by the previous version: undo the last migration.
    {
        let c = rusqlite::Connection::open(&t.path).unwrap();
        c.execute_batch(
            "DROP TABLE mediation_pair; DROP TABLE legal_aid_application_search; DROP TABLE legal_aid_application_pair;
             CREATE TABLE mediation_name_gram (gram TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (gram, rid)) WITHOUT ROWID;
             CREATE INDEX mediation_name_gram_rid ON mediation_name_gram (rid);",
        )
        .unwrap();
        c.pragma_update(None, "user_version", sifa::store::schema_version() - 1).unwrap();
    }
    let desk = oracle(&t.path, 2);
    let kept = backup::list(&backup::default_folder(&t.path), None).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, BackupKind::Premigration);
    let facts = backup::inspect(Path::new(&kept[0].path)).unwrap();
    assert_eq!(facts.schema_version, sifa::store::schema_version() - 1);
    drop(desk);
    // Opening the migrated file again makes no further copy.
    drop(oracle(&t.path, 2));
    assert_eq!(backup::list(&backup::default_folder(&t.path), None).unwrap().len(), 1);
}
