//! District import: thirteen offices × twelve monthly batches (about 150,000 ledger rows),
//! imported into an empty district database in one run, against calamine alone reading every
//! cell of the same files. The batches are made once under target/bench-data/district-batches:
//! each office enters a month's records on the month's last day and exports the batch on the
//! 3rd of the next month, as an office would.
//!
//! Run: cargo bench -p sifa --bench district
//! Besides criterion's means, it prints p50/p95 of both and the rows of the batches.

use sifa::record::Actor;
use calamine::Reader;
use common::percentiles as timed;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use sifa::clock::FixedClock;
use sifa::demo::Generator;
use sifa::district::DistrictOffice;
use sifa::office::SetupInput;
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

#[allow(dead_code)]
mod common;

#[global_allocator]
static ALLOCATOR: sifa::Allocator = sifa::Allocator;

const OFFICES: usize = 13;

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn office(n: usize) -> DistrictOffice {
    DistrictOffice { code: format!("4202020{:02}", n + 1), name: format!("第{}司法所", n + 1), short_name: format!("第{}所", n + 1) }
}

fn setup(o: &DistrictOffice, mode: &str) -> SetupInput {
    SetupInput {
        office_code: o.code.clone(),
        office_name: o.name.clone(),
        short_name: o.short_name.clone(),
        district: "黄石港区".into(),
        mode: mode.into(),
        admin_username: "admin".into(),
        admin_display_name: "管理员".into(),
        admin_password: "mima2026".into(),
    }
}

/// The 156 batch files, made once.
fn batches() -> PathBuf {
    let dir = common::bench_dir().join("district-batches");
    if dir.join("complete").exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    let work = common::bench_dir().join("district-offices");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    for n in 0..OFFICES {
        let o = office(n);
        let path = work.join(format!("{}.db", o.code));
        let first = day(2025, 11, 1);
        let (desk, _) = Desk::create(&path, Arc::new(FixedClock::at_date(first)), setup(&o, "township")).unwrap();
        drop(desk);
        for m in 0..12u32 {
            let start = first.checked_add_months(chrono::Months::new(m)).unwrap();
            let end = start.checked_add_months(chrono::Months::new(1)).unwrap().pred_opt().unwrap();
            let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(end))).unwrap();
            let mut g = Generator::new(1000 * n as u64 + m as u64, &o.code, end);
            let cases = g.acceptance_dates(1, 36).iter().map(|d| g.case(*d)).collect();
            desk.import_generated(cases, "演示").unwrap();
            let c = g.acceptance_dates(1, 60).iter().map(|d| g.consultation(*d)).collect();
            let a = g.acceptance_dates(1, 10).iter().map(|d| g.application(*d, &o.name, "黄石港区法律援助中心")).collect();
            desk.import_generated_legal_aid(c, a).unwrap();
            let s = g.acceptance_dates(1, 2).iter().enumerate().map(|(i, d)| g.correction_subject(m as usize * 10 + i, *d)).collect();
            desk.import_generated_correction(s).unwrap();
            drop(desk);
            let next = end.succ_opt().unwrap().with_day0(2).unwrap();
            let mut desk = Desk::open(&path, Arc::new(FixedClock::at_date(next))).unwrap();
            let admin = desk.login("admin", "mima2026").unwrap();
            let period = format!("{:04}-{:02}", chrono::Datelike::year(&start), chrono::Datelike::month(&start));
            desk.batch_export(&admin, &period, "full", &dir, &mut |_| {}).unwrap();
        }
    }
    std::fs::write(dir.join("complete"), "").unwrap();
    dir
}

use chrono::Datelike as _;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "xlsx")).collect();
    v.sort();
    v
}

/// calamine alone: every cell of every sheet of every file, nothing else.
fn calamine_alone(files: &[PathBuf]) -> usize {
    let mut cells = 0;
    for f in files {
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(f).unwrap();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).unwrap();
            cells += range.used_cells().count();
        }
    }
    cells
}

/// calamine alone on both cores, each taking the next file as the import's readers do.
fn calamine_alone_two_cores(files: &[PathBuf]) -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let work = || {
        let mut cells = 0;
        while let Some(f) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
            cells += calamine_alone(std::slice::from_ref(f));
        }
        cells
    };
    std::thread::scope(|s| {
        let other = s.spawn(work);
        work() + other.join().unwrap()
    })
}

/// A district database with the thirteen offices registered and nothing imported.
fn empty_district(dir: &Path, n: &mut u32) -> (Desk, PathBuf) {
    *n += 1;
    let path = dir.join(format!("district-{n}.db"));
    let d = DistrictOffice { code: "420202".into(), name: "黄石港区司法局".into(), short_name: "黄石港".into() };
    let (mut desk, _) = Desk::create(&path, Arc::new(FixedClock::at_date(day(2026, 11, 27))), setup(&d, "district")).unwrap();
    for i in 0..OFFICES {
        desk.district_office_save(Actor::Named("测试"), &office(i), true).unwrap();
    }
    (desk, path)
}

fn import(desk: &mut Desk, dir: &Path) -> i64 {
    let p = desk.import_at_once(Actor::Named("测试"), &[dir.to_path_buf()], false, &mut |_| {}).unwrap();
    assert_eq!((p.accepted, p.rejected), (156, 0));
    p.totals.iter().map(|t| t.total()).sum()
}

fn bench(c: &mut Criterion) {
    let dir = batches();
    let list = files(&dir);
    let rows: i64 = list.iter().map(|f| sifa::batch::verify_file(f).sheets.iter().map(|s| s.rows).sum::<i64>()).sum();
    let bytes: u64 = list.iter().map(|f| std::fs::metadata(f).unwrap().len()).sum();
    eprintln!("{} batch files, {rows} ledger rows, {:.1} MB", list.len(), bytes as f64 / 1e6);
    let work = tempfile::tempdir().unwrap();
    let mut n = 0u32;
    let mut g = c.benchmark_group("district-import-13x12");
    g.sample_size(10).measurement_time(Duration::from_secs(90));
    g.bench_function("import (files to district database)", |b| {
        b.iter_batched(
            || empty_district(work.path(), &mut n),
            |(mut desk, path)| {
                let records = import(&mut desk, &dir);
                drop(desk);
                let _ = std::fs::remove_file(&path);
                records
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("calamine alone, same files", |b| b.iter(|| calamine_alone(&list)));
    g.bench_function("calamine alone, same files, two cores", |b| b.iter(|| calamine_alone_two_cores(&list)));
    g.finish();
    let districts: Vec<std::cell::RefCell<Option<(Desk, PathBuf)>>> = (0..5).map(|_| std::cell::RefCell::new(None)).collect();
    let k = std::cell::Cell::new(0usize);
    // Each timed import gets a fresh district made beforehand, outside the timing.
    let mut m = 1000u32;
    for d in &districts {
        *d.borrow_mut() = Some(empty_district(work.path(), &mut m));
    }
    timed("import 13x12", &[&|| {
        let i = k.get();
        k.set(i + 1);
        match districts.get(i).and_then(|d| d.borrow_mut().take()) {
            Some((mut desk, _)) => import(&mut desk, &dir),
            None => 0,
        }
    }]);
    timed("calamine alone 13x12", &[&|| calamine_alone(&list)]);
    timed("calamine alone 13x12, two cores", &[&|| calamine_alone_two_cores(&list)]);
}

criterion_group!(benches, bench);
criterion_main!(benches);
