//! RELIABILITY.md, first row: a process killed (SIGKILL) while it writes loses no acknowledged
//! case and leaves a consistent database. The child is this test binary itself, re-run with an
//! environment variable that makes `child_writer` write cases in a loop and print each
//! acknowledged case id.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const CHILD_ENV: &str = "SIFA_CRASH_CHILD_DB";

/// Not a test of its own: the child process of the test below.
#[test]
#[ignore = "run as a child process by killing_the_writer_never_loses_an_acknowledged_case"]
fn child_writer() {
    let path = std::env::var(CHILD_ENV).expect("started by the crash test");
    let mut desk = open_at(std::path::Path::new(&path), "2026-11-27");
    let admin = desk.login(ADMIN, PASSWORD).unwrap();
    for n in 0.. {
        let c = desk.mediation_create(&admin, case("2026-11-20", &format!("甲{n}"), "乙", "写入中被中断的测试")).unwrap();
        let mut i = c.input.clone();
        i.summary = format!("第{n}件，已修改");
        let c = desk.mediation_update(&admin, &c.id, 1, i).unwrap();
        println!("ACK {} {}", c.id, c.version);
    }
}

#[test]
fn killing_the_writer_never_loses_an_acknowledged_case() {
    let t = desk_on("2026-11-27");
    drop(t.desk);
    let exe = std::env::current_exe().unwrap();
    let mut acknowledged: Vec<(String, i64)> = Vec::new();
    let rounds = kill_rounds(25);
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_writer", "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &t.path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                // The test harness may print its "test child_writer ..." on the same line as the first ACK.
                if let Some(rest) = line.find("ACK ").map(|i| &line[i + 4..]) {
                    let (id, v) = rest.split_once(' ').unwrap();
                    acks.push((id.to_string(), v.parse::<i64>().unwrap()));
                }
            }
            acks
        });
        // A varying delay, so the kill lands at different points of the write cycle.
        std::thread::sleep(Duration::from_millis(250 + (round * 97) % 600));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let acks = reader.join().unwrap();
        acknowledged.extend(acks);

        let desk = open_at(&t.path, "2026-11-27");
        desk.store().integrity_check().unwrap();
        assert_eq!(desk.verify_audit().unwrap(), None, "audit chain after round {round}");
        for (id, version) in &acknowledged {
            let c = desk.mediation_get(id).unwrap_or_else(|e| panic!("acknowledged case {id} lost in round {round}: {e}"));
            assert!(c.version >= *version);
            assert!(c.input.summary.ends_with("已修改"));
        }
        // Nothing half-applied: every case has its search row, and each creation its audit entry.
        let conn = desk.store().conn();
        let cases: i64 = conn.query_row("SELECT count(*) FROM mediation_case", [], |r| r.get(0)).unwrap();
        let indexed: i64 = conn.query_row("SELECT count(*) FROM mediation_search", [], |r| r.get(0)).unwrap();
        let created: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'create'", [], |r| r.get(0)).unwrap();
        assert_eq!((cases, indexed), (cases, cases));
        assert_eq!(created, cases);
    }
    eprintln!("crash test: {rounds} kill rounds, {} acknowledged commits checked", acknowledged.len());
    assert!(acknowledged.len() >= rounds as usize, "the writer acknowledged too few cases ({}) to mean anything", acknowledged.len());
}

const BACKUP_CHILD_ENV: &str = "SIFA_CRASH_BACKUP_CHILD";

/// Not a test of its own: the child of the backup and restore crash test. Each turn adds a case
/// (named 甲<count>), then either backs the database up or restores the newest backup, which
/// holds one case fewer than the database it replaces: old and new always differ.
#[test]
#[ignore = "run as a child process by killing_a_backup_or_restore_leaves_old_or_new_never_between"]
fn child_backup_restore() {
    let spec = std::env::var(BACKUP_CHILD_ENV).expect("started by the crash test");
    let (db, folder) = spec.split_once('|').unwrap();
    let (db, folder) = (std::path::Path::new(db), std::path::Path::new(folder));
    let at = || sifa::clock::Clock::now(&sifa::clock::SystemClock);
    for n in 0.. {
        let mut desk = open_at(db, "2026-11-27");
        let admin = desk.login(ADMIN, PASSWORD).unwrap();
        let count = case_names(&desk).len();
        desk.mediation_create(&admin, case("2026-11-20", &format!("甲{count}"), "乙", "备份中被中断的测试")).unwrap();
        if n % 2 == 0 {
            let f = sifa::backup::create(desk.store().conn(), folder, "420202001", sifa::backup::BackupKind::Manual, at(), 1000, &sifa::backup::no_faults).unwrap();
            println!("BACKUP {}", f.path);
        } else {
            drop(desk);
            let newest = sifa::backup::list(folder, None).unwrap().into_iter().next().unwrap();
            sifa::backup::restore(db, std::path::Path::new(&newest.path), at(), &sifa::backup::no_faults).unwrap();
            println!("RESTORED {}", newest.path);
        }
    }
}

/// The first party of every case, in the order of their numbers.
fn case_names(desk: &sifa::Desk) -> Vec<String> {
    let mut st = desk.store().conn().prepare("SELECT json_extract(body, '$.parties[0].name') FROM mediation_case").unwrap();
    let mut names: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    names.sort_by_key(|n| n.trim_start_matches('甲').parse::<usize>().unwrap_or(usize::MAX));
    names
}

/// A database as some moment left it: cases 甲0 … 甲(n-1), each with its search row and its
/// creation in the log. A page of the old file mixed with pages of the new one would break this.
fn assert_whole(desk: &sifa::Desk, context: &str) -> usize {
    desk.store().integrity_check().unwrap_or_else(|e| panic!("{context}: {e}"));
    assert!(desk.audit_check().unwrap().intact(), "{context}");
    let names = case_names(desk);
    assert_eq!(names, (0..names.len()).map(|n| format!("甲{n}")).collect::<Vec<_>>(), "{context}");
    let conn = desk.store().conn();
    let indexed: i64 = conn.query_row("SELECT count(*) FROM mediation_search", [], |r| r.get(0)).unwrap();
    let created: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'create'", [], |r| r.get(0)).unwrap();
    assert_eq!((indexed, created), (names.len() as i64, names.len() as i64), "{context}");
    names.len()
}

#[test]
fn killing_a_backup_or_restore_leaves_old_or_new_never_between() {
    let mut t = desk_on("2026-11-27");
    for n in 0..30 {
        t.desk.mediation_create(&t.admin, case("2026-11-20", &format!("甲{n}"), "乙", "备份中被中断的测试")).unwrap();
    }
    drop(t.desk);
    let folder = t.dir.path().join("usb");
    let exe = std::env::current_exe().unwrap();
    let rounds = kill_rounds(20);
    let (mut completed, mut sizes, mut inspected) = (0, std::collections::BTreeSet::new(), std::collections::HashSet::new());
    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args(["--exact", "child_backup_restore", "--ignored", "--nocapture", "--test-threads=1"])
            .env(BACKUP_CHILD_ENV, format!("{}|{}", t.path.display(), folder.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).filter(|l| l.contains("BACKUP ") || l.contains("RESTORED ")).count());
        std::thread::sleep(Duration::from_millis(150 + (round * 113) % 700));
        child.kill().unwrap();
        child.wait().unwrap();
        completed += reader.join().unwrap();

        // Old or new, never between: the database is whole as some moment left it…
        let context = format!("round {round}");
        let desk = open_at(&t.path, "2026-11-27");
        sizes.insert(assert_whole(&desk, &context));
        drop(desk);
        // …and every file under a backup's name is a complete, intact backup of such a moment
        // (each looked into once: they are never written again).
        for f in sifa::backup::list(&folder, None).unwrap().iter().chain(sifa::backup::list(&sifa::backup::default_folder(&t.path), None).unwrap().iter()) {
            if !inspected.insert(f.path.clone()) {
                continue;
            }
            sifa::backup::inspect(std::path::Path::new(&f.path)).unwrap_or_else(|e| panic!("{context}: {}: {e}", f.file_name));
            let copy = t.dir.path().join("inspect.db");
            std::fs::copy(&f.path, &copy).unwrap();
            assert_whole(&open_at(&copy, "2026-11-27"), &format!("{context}, {}", f.file_name));
            std::fs::remove_file(&copy).unwrap();
        }
    }
    eprintln!("backup/restore crash test: {rounds} rounds, {completed} completed backups and restores before the kills; the database held {sizes:?} cases after the kills");
    assert!(completed >= 10, "too few completed operations ({completed}) to mean anything");
    assert!(sizes.len() > 1, "old and new differed");
}
