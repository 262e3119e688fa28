//! Mediation register at scale: search, filtered list pages and saving one case, on a database
//! of 1,000,000 demo cases (SIFA_BENCH_CASES to change; built once under target/bench-data).
//!
//! Run: cargo bench -p sifa --bench mediation
//! Besides criterion's means, it prints p50/p95 latencies per query kind, which is what the
//! targets in README.md are stated in.

use criterion::{criterion_group, criterion_main, Criterion};
use sifa::demo::Generator;
use sifa::mediation::MediationFilter;
use sifa::Desk;
use std::time::{Duration, Instant};

mod common;
use common::today;

fn bench_db() -> (Desk, sifa::accounts::User) {
    let cases: u32 = std::env::var("SIFA_BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let path = common::built_once(&format!("mediation-{cases}"), |desk| {
        let months = 120;
        let mut g = Generator::new(2026, "420202001", today());
        let dates = g.acceptance_dates(months, cases.div_ceil(months));
        let started = Instant::now();
        for chunk in dates.chunks(50_000) {
            let batch = chunk.iter().map(|d| g.case(*d)).collect();
            desk.import_generated(batch, "benchmark").unwrap();
        }
        eprintln!("generated {} cases in {:.1?}", dates.len(), started.elapsed());
    });
    let mut desk = Desk::open(&path, common::clock()).unwrap();
    let admin = desk.login("admin", "mima2026").unwrap();
    (desk, admin)
}

fn search(q: &str) -> MediationFilter {
    MediationFilter { query: Some(q.into()), page: 1, page_size: 20, ..Default::default() }
}

fn percentiles(desk: &Desk, label: &str, filters: &[MediationFilter]) {
    let runs: Vec<Box<dyn Fn() -> usize + '_>> =
        filters.iter().map(|f| Box::new(move || desk.mediation_list(f).unwrap().items.len()) as Box<dyn Fn() -> usize>).collect();
    common::percentiles(label, &runs.iter().map(|b| b.as_ref()).collect::<Vec<_>>());
}

fn benches(c: &mut Criterion) {
    let (mut desk, admin) = bench_db();
    let long_queries: Vec<MediationFilter> =
        ["宅基地界址", "拖欠务工工资", "排水沟堵塞", "周建华", "1380", "420202198", "征地补偿款", "王秀英", "李建国", "张志强"]
            .iter()
            .map(|q| search(q))
            .collect();
    let short_queries: Vec<MediationFilter> =
        ["张伟", "王芳", "李强", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周杰", "吴娟"].iter().map(|q| search(q)).collect();
    // Two-character words of the summaries, common and rare, and one that is in no case.
    let word_queries: Vec<MediationFilter> =
        ["赔偿", "排水", "工资", "物业", "医疗", "山林", "农机", "污水", "纠纷", "噪音"].iter().map(|q| search(q)).collect();
    let list_filters = vec![
        MediationFilter { page: 1, page_size: 20, ..Default::default() },
        MediationFilter { state: Some("mediating".into()), page: 1, page_size: 20, ..Default::default() },
        MediationFilter { dispute_type: Some("housing_land".into()), page: 3, page_size: 20, ..Default::default() },
        MediationFilter { overdue_only: true, page: 1, page_size: 20, ..Default::default() },
        MediationFilter { accepted_from: Some("2025-03-01".into()), accepted_to: Some("2025-03-31".into()), page: 1, page_size: 20, ..Default::default() },
        MediationFilter { mediator: Some("吴玉兰".into()), state: Some("archived".into()), page: 1, page_size: 20, ..Default::default() },
    ];
    percentiles(&desk, "search, 3+ characters", &long_queries);
    percentiles(&desk, "search, 2 characters", &short_queries);
    percentiles(&desk, "search, 2-character words of the text", &word_queries);
    percentiles(&desk, "filtered list page", &list_filters);

    let mut g = c.benchmark_group("mediation");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.bench_function("search_3plus_chars", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.mediation_list(&long_queries[i % long_queries.len()]).unwrap()
        })
    });
    g.bench_function("search_2_chars", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.mediation_list(&short_queries[i % short_queries.len()]).unwrap()
        })
    });
    g.bench_function("search_2_char_words", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.mediation_list(&word_queries[i % word_queries.len()]).unwrap()
        })
    });
    g.bench_function("filtered_list_page", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            desk.mediation_list(&list_filters[i % list_filters.len()]).unwrap()
        })
    });
    let mut gen = Generator::new(99, "420202001", today());
    g.bench_function("save_case_durable", |b| {
        b.iter(|| {
            let input = gen.case(today());
            desk.mediation_create(&admin, input).unwrap()
        })
    });
    g.finish();
}

criterion_group!(mediation, benches);
criterion_main!(mediation);
