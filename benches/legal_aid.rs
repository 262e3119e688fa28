//! Legal aid at a scale well beyond one office (a district's applications over many years):
//! list pages, searches, the overdue filter, 工作台, and saving one application, on a database of
//! 50,000 applications and 200,000 consultations (SIFA_BENCH_APPLICATIONS to change; built once
//! under target/bench-data; each run works on a copy).
//!
//! Run: cargo bench -p sifa --bench legal_aid
//! Besides criterion's means, it prints p50/p95 latencies per query kind.

use common::{percentiles as timed, today};
use criterion::{criterion_group, criterion_main, Criterion};
use sifa::demo::Generator;
use sifa::legal_aid::{ConsultationFilter, LegalAidFilter};
use sifa::Desk;
use std::time::{Duration, Instant};

mod common;

fn bench_db() -> (Desk, sifa::accounts::User) {
    let apps: u32 = std::env::var("SIFA_BENCH_APPLICATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let path = common::built_once(&format!("legal-aid-{apps}"), |desk| {
        let months = 60;
        let mut g = Generator::new(2026, "420202001", today());
        let started = Instant::now();
        let app_dates = g.acceptance_dates(months, apps.div_ceil(months));
        let con_dates = g.acceptance_dates(months, (apps * 4).div_ceil(months));
        for (a, c) in app_dates.chunks(10_000).zip(con_dates.chunks(40_000)) {
            let apps = a.iter().map(|d| g.application(*d, "石港镇司法所", "黄石港区法律援助中心")).collect();
            let cons = c.iter().map(|d| g.consultation(*d)).collect();
            desk.import_generated_legal_aid(cons, apps).unwrap();
        }
        eprintln!("generated {} applications and {} consultations in {:.1?}", app_dates.len(), con_dates.len(), started.elapsed());
    });
    // The save benchmark adds thousands of applications received "today", which would load
    // 工作台 on the next run: each run works on a fresh copy.
    let run = common::bench_dir().join(format!("legal-aid-{apps}.run.db"));
    for ext in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{ext}", run.display()));
    }
    std::fs::copy(&path, &run).unwrap();
    let mut desk = Desk::open(&run, common::clock()).unwrap();
    let admin = desk.login("admin", "mima2026").unwrap();
    (desk, admin)
}

fn page(f: LegalAidFilter) -> LegalAidFilter {
    LegalAidFilter { page: 1, page_size: 20, ..f }
}

fn benches(c: &mut Criterion) {
    let (mut desk, admin) = bench_db();
    let searches: Vec<LegalAidFilter> = ["张伟", "王芳", "李强", "420202198", "1380", "援申字第4", "刘志刚", "陈静"]
        .iter()
        .map(|q| page(LegalAidFilter { query: Some(q.to_string()), ..Default::default() }))
        .collect();
    let lists = [
        page(LegalAidFilter::default()),
        page(LegalAidFilter { state: Some("handling".into()), ..Default::default() }),
        page(LegalAidFilter { matter: Some("wages".into()), ..Default::default() }),
        page(LegalAidFilter { group: Some("women".into()), ..Default::default() }),
        page(LegalAidFilter { overdue_only: true, ..Default::default() }),
        page(LegalAidFilter { received_from: Some("2025-03-01".into()), received_to: Some("2025-03-31".into()), ..Default::default() }),
    ];
    let consult = [
        ConsultationFilter { page: 1, page_size: 20, ..Default::default() },
        ConsultationFilter { query: Some("拖欠工资".into()), page: 1, page_size: 20, ..Default::default() },
        ConsultationFilter { channel: Some("hotline".into()), from: Some("2026-11-01".into()), page: 1, page_size: 20, ..Default::default() },
    ];
    let search_runs: Vec<Box<dyn Fn() -> usize>> =
        searches.iter().map(|f| Box::new(|| desk.legal_aid_list(f).unwrap().items.len()) as Box<dyn Fn() -> usize>).collect();
    timed("application search", &search_runs.iter().map(|b| b.as_ref()).collect::<Vec<_>>());
    let list_runs: Vec<Box<dyn Fn() -> usize>> =
        lists.iter().map(|f| Box::new(|| desk.legal_aid_list(f).unwrap().items.len()) as Box<dyn Fn() -> usize>).collect();
    timed("application list page", &list_runs.iter().map(|b| b.as_ref()).collect::<Vec<_>>());
    let consult_runs: Vec<Box<dyn Fn() -> usize>> =
        consult.iter().map(|f| Box::new(|| desk.consultation_list(f).unwrap().items.len()) as Box<dyn Fn() -> usize>).collect();
    timed("consultation list page", &consult_runs.iter().map(|b| b.as_ref()).collect::<Vec<_>>());
    timed("dashboard (工作台)", &[&|| desk.dashboard().unwrap().due_items.len()]);
    drop((search_runs, list_runs, consult_runs));

    let mut g = c.benchmark_group("legal_aid");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("search", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.legal_aid_list(&searches[i % searches.len()]).unwrap()
        })
    });
    g.bench_function("list_page", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.legal_aid_list(&lists[i % lists.len()]).unwrap()
        })
    });
    g.bench_function("dashboard", |b| b.iter(|| desk.dashboard().unwrap()));
    let mut gen = Generator::new(99, "420202001", today());
    g.bench_function("save_application_durable", |b| {
        b.iter(|| {
            let input = gen.application(today(), "石港镇司法所", "黄石港区法律援助中心");
            desk.legal_aid_create(&admin, input).unwrap()
        })
    });
    g.finish();
}

criterion_group!(legal_aid, benches);
criterion_main!(legal_aid);
