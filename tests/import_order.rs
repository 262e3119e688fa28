//! Duplicate or shuffled import (RELIABILITY.md fault matrix): three offices send three months
//! each (with a deletion, a later correction and the same person registered by two offices);
//! the district imports random sequences of them: subsets, repeats, any order, a file received
//! twice (by USB stick and by e-mail), several files or one per import. Whatever the sequence, a
//! subset leaves the same records as importing that subset at once, all of them the same as one
//! import of everything in order, and a file imported before is reported as such and changes
//! nothing, in the preview and in the import.

mod common;
use sifa::record::Actor;
use chrono::{DateTime, FixedOffset};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use sifa::accounts::User;
use sifa::clock::{FixedClock, ManualClock};
use sifa::correction::CorrectionEventInput;
use sifa::district::{DistrictOffice, ImportPreview};
use sifa::legal_aid::ConsultationInput;
use sifa::office::SetupInput;
use sifa::Desk;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const DISTRICT_TODAY: &str = "2026-12-10";
const OFFICES: [(&str, &str, &str); 3] = [("420202001", "石港镇司法所", "石港"), ("420202002", "花湖司法所", "花湖"), ("420202003", "胜阳港司法所", "胜阳港")];
const MONTHS: usize = 3;
const FILES: usize = OFFICES.len() * MONTHS;
/// The two folders a file may arrive in: the same batch received twice has the same name.
const ARRIVALS: [&str; 2] = ["U盘", "邮件"];

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn consultation(on: &str) -> ConsultationInput {
    ConsultationInput {
        consulted_on: on.into(),
        channel: "visit".into(),
        service: "answer".into(),
        persons: 1,
        matter: "wages".into(),
        question: "拖欠工资".into(),
        answer: "可申请劳动仲裁".into(),
        staff: "周建华".into(),
        ..Default::default()
    }
}

/// One office's September, October and November, each month's batch exported early in the next.
/// Offices 0 and 1 share a person (a subject) and a case's parties and day (office 0 deletes its
/// case later, office 1 keeps it), so likely duplicates arise and, in some orders, go again.
fn office_batches(dir: &Path, n: usize) -> Vec<PathBuf> {
    let (code, name, short) = OFFICES[n];
    let clock = Arc::new(ManualClock::at(at("2026-09-25T10:00:00+08:00")));
    let input = SetupInput { office_code: code.into(), office_name: name.into(), short_name: short.into(), ..setup_input() };
    let (mut desk, _) = Desk::create(&dir.join(format!("office-{n}.db")), clock.clone(), input).unwrap();
    let a: User = desk.login(ADMIN, PASSWORD).unwrap();
    let out = dir.join(ARRIVALS[0]);
    std::fs::create_dir_all(&out).unwrap();
    let export = |desk: &mut Desk, period: &str| PathBuf::from(desk.batch_export(&a, period, "full", &out, &mut |_| {}).unwrap().path);
    let shared = n < 2;
    let own = ["吴一", "郑二", "冯三"][n];

    let boundary = desk.mediation_create(&a, if shared { case("2026-09-03", "赵甲", "钱乙", "宅基地边界纠纷") } else { case("2026-09-03", "孙丙", "李丁", "宅基地边界纠纷") }).unwrap();
    let corrected = desk.mediation_create(&a, case("2026-09-10", own, "陈某", "邻里噪音纠纷")).unwrap();
    desk.consultation_create(&a, consultation("2026-09-12")).unwrap();
    clock.set(at("2026-10-02T09:00:00+08:00"));
    let september = export(&mut desk, "2026-09");

    clock.set(at("2026-10-20T15:00:00+08:00"));
    desk.mediation_create(&a, case("2026-10-09", own, "褚某", "赡养纠纷")).unwrap();
    desk.consultation_create(&a, consultation("2026-10-15")).unwrap();
    if n != 1 {
        desk.mediation_delete(&a, &boundary.id, boundary.version).unwrap();
    }
    clock.set(at("2026-11-02T09:00:00+08:00"));
    let october = export(&mut desk, "2026-10");

    clock.set(at("2026-11-20T11:00:00+08:00"));
    let mut fix = corrected.input.clone();
    fix.summary = "邻里噪音纠纷（更正：补充调解经过）".into();
    desk.mediation_update(&a, &corrected.id, corrected.version, fix).unwrap();
    let id_no = if shared { "420202198001010015" } else { "420202198003150011" };
    let subject = desk.correction_create(&a, probationer(&format!("SQJZ-{}01", n + 1), if shared { "刘某某" } else { "赵强" }, id_no)).unwrap();
    let report = CorrectionEventInput { kind: "report".into(), event_on: "2026-11-05".into(), staff: "李明".into(), report_mode: Some("phone".into()), ..Default::default() };
    desk.correction_event_create(&a, &subject.id, report).unwrap();
    clock.set(at("2026-12-02T09:00:00+08:00"));
    let november = export(&mut desk, "2026-11");
    vec![september, october, november]
}

/// The batches (by file: office-major, then month, each in both arrival folders), an empty
/// district database with the offices registered, and the states that importing each set of
/// files at once leaves (computed when first asked).
struct Fixture {
    dir: tempfile::TempDir,
    files: Vec<[PathBuf; 2]>,
    template: PathBuf,
    references: Mutex<HashMap<u16, Vec<String>>>,
}

impl Fixture {
    fn build() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let exported: Vec<PathBuf> = (0..OFFICES.len()).flat_map(|n| office_batches(dir.path(), n)).collect();
        let again = dir.path().join(ARRIVALS[1]);
        std::fs::create_dir_all(&again).unwrap();
        let files = exported
            .into_iter()
            .map(|f| {
                let copy = again.join(f.file_name().unwrap());
                std::fs::copy(&f, &copy).unwrap();
                [f, copy]
            })
            .collect();
        let template = dir.path().join("district-template.db");
        let input = SetupInput {
            office_code: "420202".into(),
            office_name: "黄石港区司法局".into(),
            short_name: "黄石港区".into(),
            district: "黄石港区".into(),
            mode: "district".into(),
            ..setup_input()
        };
        let (mut d, _) = Desk::create(&template, Arc::new(FixedClock::at_date(day(DISTRICT_TODAY))), input).unwrap();
        for (code, name, short) in OFFICES {
            d.district_office_save(Actor::Named("测试"), &DistrictOffice { code: code.into(), name: name.into(), short_name: short.into() }, true).unwrap();
        }
        drop(d);
        Fixture { dir, files, template, references: Mutex::new(HashMap::new()) }
    }

    /// A fresh district (a copy of the closed template: setting one up hashes a password).
    fn district(&self, name: &str) -> (PathBuf, Desk) {
        let path = self.dir.path().join("districts").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        for suffix in ["", "-wal"] {
            let from = PathBuf::from(format!("{}{suffix}", self.template.display()));
            let to = PathBuf::from(format!("{}{suffix}", path.display()));
            let _ = std::fs::remove_file(&to);
            if from.exists() {
                std::fs::copy(&from, &to).unwrap();
            }
        }
        let _ = std::fs::remove_file(PathBuf::from(format!("{}-shm", path.display())));
        let desk = Desk::open(&path, Arc::new(FixedClock::at_date(day(DISTRICT_TODAY)))).unwrap();
        (path, desk)
    }

    /// The district after importing the files of `set` (a bit per file) in one go, in order.
    fn reference(&self, set: u16) -> Vec<String> {
        if let Some(r) = self.references.lock().unwrap().get(&set) {
            return r.clone();
        }
        let (path, mut d) = self.district(&format!("reference-{set}.db"));
        let chosen: Vec<PathBuf> = (0..FILES).filter(|i| set & (1 << i) != 0).map(|i| self.files[i][0].clone()).collect();
        if !chosen.is_empty() {
            let p = d.import_at_once(Actor::Named("测试"), &chosen, false, &mut |_| {}).unwrap();
            assert_eq!((p.accepted, p.rejected), (chosen.len() as i64, 0));
        }
        let dump = district_dump(&path);
        drop(d);
        self.references.lock().unwrap().insert(set, dump.clone());
        dump
    }
}

/// The first line where two dumps differ, for a readable failure.
fn same_state(what: &str, got: &[String], want: &[String]) -> Result<(), TestCaseError> {
    if got == want {
        return Ok(());
    }
    let i = got.iter().zip(want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
    Err(TestCaseError::fail(format!(
        "{what}: {} lines, expected {}; first difference at line {i}:\n  got  {:?}\n  want {:?}",
        got.len(),
        want.len(),
        got.get(i),
        want.get(i)
    )))
}

fn changes(p: &sifa::district::FilePreview) -> i64 {
    p.counts.iter().map(|c| c.new + c.updated + c.conflict + c.duplicate).sum()
}

/// Imports `picks` (file, arrival folder) in one call, previewed first; checks that each file
/// already imported (before, or earlier in this call) is reported as such and changes nothing.
fn import_step(fx: &Fixture, path: &Path, d: &mut Desk, imported: &mut u16, picks: &[(usize, usize)], step: &str) -> Result<(), TestCaseError> {
    // The same path named twice is one file (as a folder and a file in it would be).
    let mut seen = BTreeSet::new();
    let picks: Vec<(usize, usize)> = picks.iter().copied().filter(|p| seen.insert(*p)).collect();
    let paths: Vec<PathBuf> = picks.iter().map(|&(i, via)| fx.files[i][via].clone()).collect();
    let mut repeat = vec![false; picks.len()];
    let mut before_call = *imported;
    for (k, &(i, _)) in picks.iter().enumerate() {
        repeat[k] = before_call & (1 << i) != 0;
        before_call |= 1 << i;
    }
    let state_before = district_dump(path);

    let preview = d.import_at_once(Actor::Named("测试"), &paths, true, &mut |_| {}).unwrap();
    same_state(&format!("{step}: a preview writes nothing"), &district_dump(path), &state_before)?;
    let done = d.import_at_once(Actor::Named("测试"), &paths, false, &mut |_| {}).unwrap();
    for (which, p) in [("preview", &preview), ("import", &done)] {
        prop_assert_eq!((p.accepted, p.rejected), (picks.len() as i64, 0), "{} {}", step, which);
        let files: Vec<&sifa::district::FilePreview> =
            paths.iter().map(|f| p.files.iter().find(|x| Path::new(&x.path) == f.as_path()).expect("every file has its preview")).collect();
        for (k, f) in files.iter().enumerate() {
            prop_assert_eq!(f.already_imported, repeat[k], "{} {}: {}", step, which, f.path);
            if repeat[k] {
                prop_assert!(f.warnings.iter().any(|w| w.contains("导入过") || w.contains("不止一次")), "{} {}: {:?}", step, which, f.warnings);
                prop_assert_eq!(changes(f), 0, "{} {}: a file imported before changes nothing: {:?}", step, which, f.counts);
            }
        }
        prop_assert_eq!(p.nothing_to_do, repeat.iter().all(|r| *r), "{} {}", step, which);
        prop_assert_eq!(p.pending_events, 0, "{} {}: the subject travels with its event", step, which);
    }
    if repeat.iter().all(|r| *r) {
        same_state(&format!("{step}: importing files already imported"), &district_dump(path), &state_before)?;
    }
    *imported = before_call;
    Ok(())
}

fn run(fx: &Fixture, n: usize, steps: Vec<Vec<(usize, usize)>>, rest_one_by_one: bool) -> Result<(), TestCaseError> {
    let (path, mut d) = fx.district(&format!("case-{n}.db"));
    let mut imported = 0u16;
    for (k, picks) in steps.iter().enumerate() {
        import_step(fx, &path, &mut d, &mut imported, picks, &format!("step {k}"))?;
    }
    same_state("the files imported so far, as if imported at once", &district_dump(&path), &fx.reference(imported))?;
    let rest: Vec<(usize, usize)> = (0..FILES).filter(|i| imported & (1 << i) == 0).map(|i| (i, 1)).collect();
    if rest_one_by_one {
        for (k, pick) in rest.iter().enumerate() {
            import_step(fx, &path, &mut d, &mut imported, std::slice::from_ref(pick), &format!("the rest, file {k}"))?;
        }
    } else if !rest.is_empty() {
        import_step(fx, &path, &mut d, &mut imported, &rest, "the rest")?;
    }
    same_state("everything, as one import in order", &district_dump(&path), &fx.reference((1 << FILES) - 1))?;
    // And everything once more: all of it reported as imported before.
    let all: Vec<(usize, usize)> = (0..FILES).map(|i| (i, 0)).collect();
    import_step(fx, &path, &mut d, &mut imported, &all, "everything again")?;
    prop_assert!(d.audit_check().unwrap().intact());
    drop(d);
    std::fs::remove_file(&path).ok();
    Ok(())
}

fn pick() -> impl Strategy<Value = (usize, usize)> {
    (0..FILES, 0..ARRIVALS.len())
}

#[test]
fn any_sequence_of_imports_ends_in_the_state_of_one_import_and_reports_files_imported_before() {
    let fx = Fixture::build();

    // The reference is what the files say: the deletion, the correction and the shared person.
    let everything = fx.reference((1 << FILES) - 1);
    let rows = |table: &str| everything.iter().filter(|l| l.starts_with(&format!("{table}: '"))).count();
    assert_eq!(rows("mediation_case"), 7, "three cases an office, two of them deleted");
    assert_eq!(rows("district_tombstone"), 2);
    assert_eq!(everything.iter().filter(|l| l.starts_with("mediation_case: ") && l.contains("（更正：补充调解经过）")).count(), 3);
    assert_eq!(rows("legal_aid_consultation"), 6);
    assert_eq!((rows("correction_subject"), rows("correction_event")), (3, 3));
    assert_eq!(rows("duplicate_review"), 1, "the subject registered by two offices; the shared case was deleted by one");
    assert_eq!(rows("received_batch"), FILES);

    let strategy = (prop::collection::vec(prop::collection::vec(pick(), 1..=4), 0..=4), any::<bool>());
    let config = Config { cases: 24, max_shrink_iters: 64, source_file: Some(file!()), ..Config::default() };
    let mut runner = TestRunner::new(config);
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&strategy, |(steps, rest_one_by_one)| run(&fx, counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed), steps, rest_one_by_one));
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The preview of files received earlier: the same file by two ways in one import, and again later.
#[test]
fn a_batch_received_by_usb_stick_and_by_e_mail_is_imported_once_and_the_second_copy_reported() {
    let fx = Fixture::build();
    let (path, mut d) = fx.district("twice.db");
    let both = [fx.files[0][0].clone(), fx.files[0][1].clone()];
    let p: ImportPreview = d.import_at_once(Actor::Named("测试"), &both, false, &mut |_| {}).unwrap();
    assert_eq!((p.accepted, p.rejected, p.nothing_to_do), (2, 0, false));
    let second = p.files.iter().find(|f| f.already_imported).expect("one copy is reported");
    assert!(second.warnings.iter().any(|w| w.contains("同一文件在本次导入中出现了不止一次")), "{:?}", second.warnings);
    assert_eq!(changes(second), 0);
    let first = p.files.iter().find(|f| !f.already_imported).unwrap();
    assert!(changes(first) > 0);
    let state = district_dump(&path);

    let head = d.login(ADMIN, PASSWORD).unwrap();
    let preview = d.import_preview(&head, &[fx.files[0][1].clone()], &mut |_| {}).unwrap();
    assert!(preview.nothing_to_do);
    let f = &preview.files[0];
    assert!(f.already_imported);
    assert!(f.warnings.iter().any(|w| w.starts_with("此文件已于 2026-12-10 ") && w.ends_with("导入过，再次导入不会改变任何数据。")), "{:?}", f.warnings);
    assert!(f.counts.iter().all(|c| c.new + c.updated + c.conflict + c.duplicate == 0), "{:?}", f.counts);
    d.import_confirm(&head, &preview.token, &mut |_| {}).unwrap();
    assert_eq!(district_dump(&path), state, "confirming it changes nothing");
}
