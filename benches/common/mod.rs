//! What the benchmarks share: the business date and a demo database built once under
//! target/bench-data.

use sifa::clock::FixedClock;
use sifa::office::SetupInput;
use sifa::Desk;
use std::path::PathBuf;
use std::sync::Arc;

pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::at_date(today()))
}

pub fn bench_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `target/bench-data/{name}.db`, set up and filled by `fill` the first time (built under a
/// temporary name, so an interrupted build is never taken for a finished one).
pub fn built_once(name: &str, fill: impl FnOnce(&mut Desk)) -> PathBuf {
    let dir = bench_dir();
    let path = dir.join(format!("{name}.db"));
    if path.exists() {
        return path;
    }
    let tmp = dir.join(format!("{name}.building.db"));
    for ext in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{ext}", tmp.display()));
    }
    let input = SetupInput {
        office_code: "420202001".into(),
        office_name: "石港镇司法所".into(),
        short_name: "石".into(),
        district: "黄石港区".into(),
        mode: "township".into(),
        admin_username: "admin".into(),
        admin_display_name: "管理员".into(),
        admin_password: "mima2026".into(),
    };
    let (mut desk, _) = Desk::create(&tmp, clock(), input).unwrap();
    fill(&mut desk);
    drop(desk);
    std::fs::rename(&tmp, &path).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::rename(format!("{}{ext}", tmp.display()), format!("{}{ext}", path.display()));
    }
    path
}

/// Prints p50/p95/max of `runs`, each run five times.
pub fn percentiles<T>(label: &str, runs: &[&dyn Fn() -> T]) {
    let mut times = Vec::new();
    for _ in 0..5 {
        for run in runs {
            let t = std::time::Instant::now();
            std::hint::black_box(run());
            times.push(t.elapsed());
        }
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    eprintln!("{label:<28} n={:<4} p50={:>9.2?} p95={:>9.2?} max={:>9.2?}", times.len(), p(0.5), p(0.95), times[times.len() - 1]);
}
