//! RELIABILITY.md, fault test matrix: full and read-only disks that are real file systems, not
//! injected errors. Each test mounts a small tmpfs of its own (CI runs as root; without root or
//! `mount` these tests fail, they never skip) for the database folder, the backup folder or the
//! export target, fills it, and checks that the save, backup or export is refused with a clear
//! Chinese message, changes nothing, and that the next try after space is freed works. A tmpfs
//! mounted read-only stands for a write-protected USB stick (root ignores file permissions, so a
//! read-only folder must be a read-only file system here).
#![cfg(target_os = "linux")]

mod common;
use common::small_disk::SmallDisk;
use common::*;
use sifa::Desk;
use std::path::Path;

fn names(folder: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(folder).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    v.sort();
    v
}

fn cases(desk: &Desk) -> i64 {
    desk.store().conn().query_row("SELECT count(*) FROM mediation_case", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_database_on_a_full_disk_refuses_saves_changes_nothing_and_saves_again_once_space_is_freed() {
    let disk = SmallDisk::mount("8m", false);
    let path = disk.path().join("sifa.db");
    let clock = std::sync::Arc::new(sifa::clock::FixedClock::at_date(day("2026-11-27")));
    let (mut desk, _) = Desk::create(&path, clock, setup_input()).unwrap();
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    let saved = desk.mediation_create(&admin, case("2026-11-20", "张三", "李四", "满盘之前")).unwrap();
    let filler = disk.fill();
    let (before_cases, before_log) = (cases(&desk), desk.audit_check().unwrap().entries);
    let mut refused = None;
    for n in 0..500 {
        match desk.mediation_create(&admin, case("2026-11-21", &format!("甲{n}"), "乙", &"很长的情况说明".repeat(250))) {
            Ok(_) => continue,
            Err(e) => {
                refused = Some((n, e));
                break;
            }
        }
    }
    let (accepted, e) = refused.expect("a full disk refuses a save");
    assert_eq!(e.code(), "store.disk_full", "{e}");
    assert!(e.to_string().contains("磁盘空间不足") && e.to_string().contains("未保存"), "{e}");
    // What was acknowledged is there; the refused save left nothing.
    assert_eq!(cases(&desk), before_cases + accepted as i64);
    assert_eq!(desk.audit_check().unwrap().entries, before_log + accepted as i64);
    // Space freed: the same desk saves again, and everything reads back after a reopen.
    std::fs::remove_file(&filler).unwrap();
    desk.mediation_create(&admin, case("2026-11-22", "丙", "丁", "空间释放后")).unwrap();
    drop(desk);
    let desk = open_at(&path, "2026-11-27");
    desk.store().integrity_check().unwrap();
    assert!(desk.audit_check().unwrap().intact());
    assert_eq!(cases(&desk), before_cases + accepted as i64 + 1);
    assert_eq!(desk.mediation_get(&saved.id).unwrap().input.summary, "满盘之前");
    eprintln!("database on a full 8 MB tmpfs: {accepted} saves fitted after filling it, then refused: {e}");
}

/// An office with enough records that its backup and its batch are larger than what is left.
fn office() -> TestDesk {
    let mut t = desk_on("2026-11-27");
    for n in 0..60 {
        t.desk.mediation_create(&t.admin, case("2026-11-20", &format!("甲{n}"), "乙", &"邻里纠纷的经过".repeat(40))).unwrap();
    }
    t
}

#[test]
fn a_full_backup_disk_refuses_the_backup_leaves_no_file_and_the_next_try_works() {
    let mut t = office();
    let admin = t.admin.clone();
    let disk = SmallDisk::mount("4m", false);
    let filler = disk.fill();
    let e = t.desk.backup_create(&admin, Some(disk.path())).unwrap_err();
    assert_eq!(e.fields().first().map(|f| f.field.as_str()), Some("folder"), "{e} ({})", e.code());
    assert!(e.to_string().contains("备份盘空间不足，备份未完成"), "{e}");
    assert_eq!(names(disk.path()), ["filler.bin"], "no partial backup is left");
    std::fs::remove_file(&filler).unwrap();
    let b = t.desk.backup_create(&admin, Some(disk.path())).unwrap();
    sifa::backup::inspect(Path::new(&b.path)).unwrap();
    eprintln!("backup onto a full tmpfs: {e}; after freeing space: {} ({} bytes)", b.file_name, b.size_bytes);
}

#[test]
fn a_full_export_target_refuses_the_batch_leaves_no_file_and_the_next_try_works() {
    let mut t = office();
    let admin = t.admin.clone();
    let disk = SmallDisk::mount("2m", false);
    let filler = disk.fill();
    let e = t.desk.batch_export(&admin, "2026-11", "full", disk.path(), &mut |_| {}).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.code().as_ref()), ("folder", "batch.disk_full"));
    assert!(e.to_string().contains("目标盘空间不足，报送文件未生成"), "{e}");
    assert_eq!(names(disk.path()), ["filler.bin"], "no partial batch is left");
    assert!(t.desk.batch_history().unwrap().is_empty());
    std::fs::remove_file(&filler).unwrap();
    let r = t.desk.batch_export(&admin, "2026-11", "full", disk.path(), &mut |_| {}).unwrap();
    assert_eq!(r.sequence, 1, "the refused export used no sequence number");
    assert!(sifa::batch::verify_file(Path::new(&r.path)).ok);
    eprintln!("export onto a full tmpfs: {e}; after freeing space: {}", r.file_name);
}

#[test]
fn a_read_only_target_refuses_the_batch_and_the_backup_in_chinese_and_changes_nothing() {
    let mut t = office();
    let admin = t.admin.clone();
    let disk = SmallDisk::mount("2m", true);
    let e = t.desk.batch_export(&admin, "2026-11", "full", disk.path(), &mut |_| {}).unwrap_err();
    assert_eq!((e.fields()[0].field.as_str(), e.code().as_ref()), ("folder", "batch.read_only"));
    assert!(e.to_string().contains("该盘是只读的"), "{e}");
    let b = t.desk.backup_create(&admin, Some(disk.path())).unwrap_err();
    assert_eq!(b.fields().first().map(|f| f.field.as_str()), Some("folder"), "{b} ({})", b.code());
    assert!(b.to_string().contains("该盘是只读的"), "{b}");
    assert!(names(disk.path()).is_empty());
    assert!(t.desk.batch_history().unwrap().is_empty());
    // Another folder: the same export goes through with the first sequence number.
    let out = t.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_eq!(t.desk.batch_export(&admin, "2026-11", "full", &out, &mut |_| {}).unwrap().sequence, 1);
    eprintln!("read-only target: {e} / {b}");
}
