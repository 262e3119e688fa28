//! Community correction at a district's scale: 工作台 with 今日任务, list pages (the late filter
//! computes every open subject's duties), a subject's page, and recording a check-in, on a
//! database of 1,500 subjects with their events (SIFA_BENCH_SUBJECTS to change; built once under
//! target/bench-data; each run works on a copy).
//!
//! Run: cargo bench -p sifa --bench correction
//! Besides criterion's means, it prints p50/p95 latencies per query kind.

use common::{percentiles as timed, today};
use criterion::{criterion_group, criterion_main, Criterion};
use sifa::correction::{CorrectionEventInput, CorrectionFilter};
use sifa::demo::Generator;
use sifa::Desk;
use std::time::{Duration, Instant};

mod common;

fn bench_db() -> (Desk, sifa::accounts::User) {
    let subjects: u32 = std::env::var("SIFA_BENCH_SUBJECTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_500);
    let path = common::built_once(&format!("correction-{subjects}"), |desk| {
        let months = 60;
        let mut g = Generator::new(2026, "420202001", today());
        let started = Instant::now();
        let dates = g.acceptance_dates(months, subjects.div_ceil(months));
        let all: Vec<_> = dates.iter().enumerate().map(|(n, d)| g.correction_subject(n, *d)).collect();
        let (s, e) = desk.import_generated_correction(all).unwrap();
        eprintln!("generated {s} subjects with {e} events in {:.1?}", started.elapsed());
    });
    let run = common::bench_dir().join(format!("correction-{subjects}.run.db"));
    for ext in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{ext}", run.display()));
    }
    std::fs::copy(&path, &run).unwrap();
    let mut desk = Desk::open(&run, common::clock()).unwrap();
    let admin = desk.login("admin", "mima2026").unwrap();
    (desk, admin)
}

fn page(f: CorrectionFilter) -> CorrectionFilter {
    CorrectionFilter { page: 1, page_size: 20, ..f }
}

fn benches(c: &mut Criterion) {
    let (mut desk, admin) = bench_db();
    let lists = [
        page(CorrectionFilter { state: Some("active".into()), ..Default::default() }),
        page(CorrectionFilter::default()),
        page(CorrectionFilter { correction_type: Some("parole".into()), ..Default::default() }),
        page(CorrectionFilter { supervision_level: Some("strict".into()), state: Some("active".into()), ..Default::default() }),
        page(CorrectionFilter { query: Some("盗窃".into()), ..Default::default() }),
        page(CorrectionFilter { query: Some("420202".into()), ..Default::default() }),
    ];
    let late = page(CorrectionFilter { late_only: true, state: Some("active".into()), ..Default::default() });
    let open = desk.correction_list(&lists[0]).unwrap();
    let first = open.items.iter().find(|i| i.state == "supervising").expect("a subject under supervision").id.clone();
    eprintln!("open subjects: {}", open.total);
    let list_runs: Vec<Box<dyn Fn() -> usize>> =
        lists.iter().map(|f| Box::new(|| desk.correction_list(f).unwrap().items.len()) as Box<dyn Fn() -> usize>).collect();
    timed("list page", &list_runs.iter().map(|b| b.as_ref()).collect::<Vec<_>>());
    timed("list, late only", &[&|| desk.correction_list(&late).unwrap().total]);
    timed("subject page", &[&|| desk.correction_get(&first).unwrap().events.len()]);
    timed("dashboard (工作台)", &[&|| desk.dashboard().unwrap().correction.tasks.len()]);
    drop(list_runs);

    let mut g = c.benchmark_group("correction");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("list_page", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.correction_list(&lists[i % lists.len()]).unwrap()
        })
    });
    g.bench_function("list_late_only", |b| b.iter(|| desk.correction_list(&late).unwrap()));
    g.bench_function("dashboard", |b| b.iter(|| desk.dashboard().unwrap()));
    g.bench_function("record_check_in_durable", |b| {
        b.iter(|| {
            let e = CorrectionEventInput {
                kind: "report".into(),
                event_on: today().to_string(),
                staff: "李明".into(),
                report_mode: Some("phone".into()),
                ..Default::default()
            };
            desk.correction_event_create(&admin, &first, e).unwrap()
        })
    });
    g.finish();
}

criterion_group!(correction, benches);
criterion_main!(correction);
