//! The monthly batch: exporting a period of 10,000 and of 100,000 ledger rows (a first batch,
//! which carries every record), against rust_xlsxwriter alone writing the same cells with one
//! date format and nothing else. Demo databases are built once under target/bench-data.
//!
//! Run: cargo bench -p sifa --bench batch
//! Besides criterion's means, it prints p50/p95 of both and the rows of each batch.

use common::{percentiles as timed, today};
use criterion::{criterion_group, criterion_main, Criterion};
use sifa::batch::grid::Cell;
use sifa::demo::Generator;
use sifa::Desk;
use std::time::Duration;

mod common;

/// An office database whose first batch has about `rows` ledger rows.
fn office(rows: u32) -> Desk {
    // A month of the default demo gives about 380 ledger rows (cases with their parties,
    // sessions and follow-ups, consultations, applications, subjects and their events).
    let months = 26;
    let scale = (rows / (380 * months)).max(1);
    let path = common::built_once(&format!("batch-{rows}"), |desk| {
        let mut g = Generator::new(2027, "420202001", today());
        let dates = g.acceptance_dates(months, 40 * scale);
        for chunk in dates.chunks(20_000) {
            let cases = chunk.iter().map(|d| g.case(*d)).collect();
            desk.import_generated(cases, "演示").unwrap();
        }
        let consultations = g.acceptance_dates(months, 30 * scale).iter().map(|d| g.consultation(*d)).collect();
        let applications = g.acceptance_dates(months, 6 * scale).iter().map(|d| g.application(*d, "石港镇司法所", "黄石港区法律援助中心")).collect();
        desk.import_generated_legal_aid(consultations, applications).unwrap();
        let subjects = g.acceptance_dates(months, 2 * scale).iter().enumerate().map(|(n, d)| g.correction_subject(n, *d)).collect();
        desk.import_generated_correction(subjects).unwrap();
    });
    Desk::open(&path, common::clock()).unwrap()
}

/// rust_xlsxwriter alone: the same cells, one date format, straight into a buffer.
fn plain_write(sheets: &[sifa::batch::grid::Sheet]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for s in sheets {
        let ws = wb.add_worksheet();
        for (r, row) in s.grid().iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(n) => {
                        ws.write_number(r, c, *n).unwrap();
                    }
                    Cell::Date(d) => {
                        use chrono::Datelike;
                        let x = rust_xlsxwriter::ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).unwrap();
                        ws.write_date_with_format(r, c, &x, &date).unwrap();
                    }
                }
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The export as the desk does it, from the database to a file on disk (the history entry
/// aside, so every run is a first batch).
fn export(desk: &Desk, out: &std::path::Path, n: &mut u32) -> u64 {
    let plan = desk.batch_build("2026-10", "full", "基准测试", &mut |_, _| {}).unwrap();
    let bytes = sifa::batch::xlsx::write(&plan.built.sheets, &plan.built.manifest, &mut |_| {}).unwrap();
    *n += 1;
    let path = sifa::batch::write_safely(out, &format!("run-{n}.xlsx"), &bytes).unwrap();
    std::fs::remove_file(path).unwrap();
    plan.built.rows() as u64
}

fn bench(c: &mut Criterion) {
    let out = tempfile::tempdir().unwrap();
    for rows in [10_000u32, 100_000] {
        let desk = office(rows);
        let plan = desk.batch_build("2026-10", "full", "基准测试", &mut |_, _| {}).unwrap();
        eprintln!("batch of {rows}: {} ledger rows in {} sheets", plan.built.rows(), plan.built.sheets.len());
        let mut n = 0u32;
        let sheets = plan.built.sheets.clone();
        let mut g = c.benchmark_group(format!("batch-{rows}"));
        g.sample_size(10).measurement_time(Duration::from_secs(if rows > 20_000 { 60 } else { 15 }));
        g.bench_function("export (database to file)", |b| b.iter(|| export(&desk, out.path(), &mut n)));
        g.bench_function("rust_xlsxwriter alone, same cells", |b| b.iter(|| plain_write(&sheets).len()));
        g.finish();
        let n = std::cell::Cell::new(10_000u32);
        timed(&format!("export {rows}"), &[&|| {
            let mut k = n.get();
            let r = export(&desk, out.path(), &mut k);
            n.set(k);
            r
        }]);
        timed(&format!("rust_xlsxwriter alone {rows}"), &[&|| plain_write(&sheets).len()]);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
