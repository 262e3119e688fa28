//! Arbitrary bytes as a batch file arriving at the district: read, verified, and, when a file
//! gets through verification, decoded and re-checked record by record, as the district's import
//! does before anything touches its database (`desk::district::load`). Any panic, abort, memory
//! past libFuzzer's limit or input taking too long is a finding; a refusal must be in Chinese.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The reader takes a path, as the import does: one file per fuzzing process, rewritten each run.
fn batch_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("sifa-fuzz-{}.xlsx", std::process::id())))
}

/// The fuzz build checks arithmetic overflow everywhere, as a debug build does. calamine adds up a
/// crafted cell reference in a u32: the shipped (release) build wraps and our grid check refuses the
/// cell; a debug build panics there, and the reader catches the panic and refuses the file. That
/// one panic is let through to the reader's guard; any other still aborts, as libFuzzer's hook does.
fn let_calamine_overflow_unwind() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info.location().is_some_and(|l| l.file().contains("/calamine-"));
            let message = info.payload().downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| info.payload().downcast_ref::<String>().cloned()).unwrap_or_default();
            if !(in_calamine && message.contains("with overflow")) {
                abort(info);
            }
        }));
    });
}

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The parts of a zip found by their local headers alone, each running up to the next header or
/// the directory, packed again (stored) with fresh sizes and checksums; `None` unless every part
/// is stored. The corpus holds batches with stored parts so that a mutation lands in the XML the
/// reader parses; packed again, the mutated XML gets past the zip's checksums and sizes, and the
/// reader goes through all of it instead of stopping at a checksum error.
fn repacked(data: &[u8]) -> Option<Vec<u8>> {
    let next = |from: usize| (from..data.len().saturating_sub(3)).find(|&i| data[i..i + 2] == *b"PK" && matches!(data[i + 2..i + 4], [3, 4] | [1, 2]));
    let u16_at = |i: usize| u16::from_le_bytes([data[i], data[i + 1]]) as usize;
    let mut parts = Vec::new();
    let mut at = next(0)?;
    while data[at + 2..at + 4] == [3, 4] && at + 30 <= data.len() {
        if u16_at(at + 8) != 0 {
            return None;
        }
        let start = at + 30 + u16_at(at + 26) + u16_at(at + 28);
        if start > data.len() {
            break;
        }
        let name = String::from_utf8_lossy(&data[at + 30..at + 30 + u16_at(at + 26)]).into_owned();
        let end = next(start).unwrap_or(data.len());
        parts.push((name, &data[start..end]));
        if end == data.len() {
            break;
        }
        at = end;
    }
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        // A name twice: the writer refuses it; the raw input already covers that case.
        z.start_file(name, stored).ok()?;
        std::io::Write::write_all(&mut z, bytes).ok()?;
    }
    Some(z.finish().ok()?.into_inner())
}

fn read_as_the_district_does(path: &std::path::Path, data: &[u8]) {
    std::fs::write(path, data).expect("temporary file");
    let report = sifa::batch::verify_file(path);
    match sifa::batch::verify::open(path) {
        Err((reason, _)) => {
            assert!(!report.ok);
            assert!(chinese(&reason), "refusal not in Chinese: {reason}");
        }
        Ok(v) => {
            assert!(report.ok);
            let office = v.manifest.get("officeCode").unwrap_or("").to_string();
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
            let calendar = sifa::calendar::Calendar::new([]);
            match sifa::district::arrivals(&v.book, &office) {
                Err(reason) => assert!(chinese(&reason), "refusal not in Chinese: {reason}"),
                Ok(mut records) => {
                    for a in &mut records {
                        let _ = sifa::district::number_parts(&a.meta.number);
                        if a.payload.is_some() {
                            if let Err(reason) = sifa::district::prepare(a, &calendar, today) {
                                assert!(chinese(&reason), "refusal not in Chinese: {reason}");
                            }
                        }
                    }
                }
            }
            for (_, rows) in &v.book.sheets {
                let _ = sifa::district::sheet_values(rows);
            }
        }
    }
}

// On a finding, the file the reader last saw (the input, or the input packed again) is still at
// $TMPDIR/sifa-fuzz-<pid>.xlsx: that file is the regression case.
fuzz_target!(|data: &[u8]| {
    let_calamine_overflow_unwind();
    let path = batch_path();
    read_as_the_district_does(path, data);
    if let Some(again) = repacked(data) {
        read_as_the_district_does(path, &again);
    }
});
