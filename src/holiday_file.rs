//! The holiday calendar of one year as a small file (节假日安排文件): the district enters the
//! State Council's dates once and sends the file to its offices, which import it. Nothing here
//! invents a date: a file only carries what a person entered.
//!
//! The file is JSON, readable in a text editor. Its digest covers the year and the days, so that a
//! file damaged on the way, or edited by hand, is refused instead of moving legal deadlines.

use crate::calendar::DayKind;
use crate::error::{Error, FieldError, Result};
use crate::validate::{check_text, parse_date};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FORMAT: &str = "sifa-desk.holidays";
pub const FORMAT_VERSION: u32 = 1;
/// A real year holds some thirty entries; anything far larger is not a holiday file.
const MAX_BYTES: u64 = 256 * 1024;
const MAX_DAYS: usize = 200;

/// One exception to Monday–Friday in the office's holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HolidayEntry {
    /// "YYYY-MM-DD"
    pub day: String,
    /// `holiday` (法定节假日) or `workday` (调休上班).
    pub kind: String,
    /// e.g. 国庆节
    pub name: String,
}

/// Who made the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HolidayIssuer {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HolidayFile {
    format: String,
    format_version: u32,
    year: i32,
    issued_by: HolidayIssuer,
    exported_at: String,
    days: Vec<HolidayEntry>,
    digest: String,
}

/// A checked entry: its date, kind and trimmed name.
pub type CheckedDay = (NaiveDate, DayKind, String);

/// Checks one entry of the calendar; field names are prefixed with `prefix` (empty for the form).
pub fn check_entry(entry: &HolidayEntry, prefix: &str, errors: &mut Vec<FieldError>) -> Option<CheckedDay> {
    let field = |f: &str| if prefix.is_empty() { f.to_string() } else { format!("{prefix}.{f}") };
    let before = errors.len();
    let day = parse_date(&entry.day).map_err(|e| errors.push(FieldError::new(field("day"), "validation.date", format!("日期：{e}")))).ok();
    let kind = match entry.kind.as_str() {
        "holiday" => Some(DayKind::Holiday),
        "workday" => Some(DayKind::Workday),
        _ => {
            errors.push(FieldError::new(field("kind"), "validation.code", "请选择“节假日”或“调休上班”"));
            None
        }
    };
    if let (Some(d), Some(DayKind::Workday)) = (day, kind) {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            let when = if prefix.is_empty() { String::new() } else { format!("（{d}）") };
            errors.push(FieldError::new(field("kind"), "validation.workday", format!("调休上班日应为周六或周日{when}")));
        }
    }
    let name = check_text(&entry.name, 20).map_err(|e| errors.push(FieldError::new(field("name"), "validation.too_long", format!("名称{e}")))).ok();
    match (day, kind, name, errors.len() == before) {
        (Some(d), Some(k), Some(n), true) => Some((d, k, n)),
        _ => None,
    }
}

fn kind_code(k: DayKind) -> &'static str {
    match k {
        DayKind::Holiday => "holiday",
        DayKind::Workday => "workday",
    }
}

/// The digest of a year's days: the year, then one line per day in date order.
fn digest(year: i32, days: &[HolidayEntry]) -> String {
    let mut h = Sha256::new();
    h.update(format!("{FORMAT}/{FORMAT_VERSION}\n{year}\n"));
    for d in days {
        h.update(format!("{}\t{}\t{}\n", d.day, d.kind, d.name));
    }
    hex::encode(h.finalize())
}

/// The file's name: the year and the issuer, never anything personal.
/// The office name is the user's own text: characters that Windows refuses in a file name are left out.
pub fn file_name(year: i32, issuer: &HolidayIssuer, today: NaiveDate) -> String {
    let issuer: String = issuer.name.chars().filter(|c| !c.is_control() && !r#"/\:*?"<>|"#.contains(*c)).collect();
    format!("{year}年节假日安排-{}-{}.json", issuer.trim(), today.format("%Y%m%d"))
}

/// The file of `year` with the days of that year among `days` (those of other years are left out).
/// Refuses a year with no day entered: an empty file would only look like a calendar.
pub fn write(year: i32, issuer: HolidayIssuer, exported_at: &str, days: &[CheckedDay]) -> Result<Vec<u8>> {
    let mut of_year: Vec<HolidayEntry> = days
        .iter()
        .filter(|(d, _, _)| d.year() == year)
        .map(|(d, k, n)| HolidayEntry { day: d.to_string(), kind: kind_code(*k).into(), name: n.clone() })
        .collect();
    if of_year.is_empty() {
        return Err(Error::field("year", "holidays.empty_year", format!("{year}年还没有录入节假日，不能导出。请先录入国务院公布的{year}年节假日安排。")));
    }
    of_year.sort_by(|a, b| a.day.cmp(&b.day));
    let file = HolidayFile {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        year,
        digest: digest(year, &of_year),
        issued_by: issuer,
        exported_at: exported_at.into(),
        days: of_year,
    };
    Ok(serde_json::to_vec_pretty(&file).expect("a holiday file serialises"))
}

/// A holiday file as read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFile {
    pub year: i32,
    pub issued_by: HolidayIssuer,
    pub exported_at: String,
    pub days: Vec<CheckedDay>,
    pub digest: String,
}

fn bad(file: &str, reason: impl Into<String>) -> Error {
    Error::BadHolidayFile { file: file.into(), reason: reason.into() }
}

/// Reads and checks a holiday file; every problem is refused with its reason in Chinese.
pub fn read(path: &std::path::Path) -> Result<ReadFile> {
    let shown = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string());
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(bad(&shown, "这不是一个文件"));
    }
    if meta.len() > MAX_BYTES {
        return Err(bad(&shown, "文件过大，不是节假日安排文件"));
    }
    let bytes = std::fs::read(path)?;
    parse(&shown, &bytes)
}

/// As `read`, from the bytes of a file called `shown`.
pub fn parse(shown: &str, bytes: &[u8]) -> Result<ReadFile> {
    let file: HolidayFile = serde_json::from_slice(bytes).map_err(|_| bad(shown, "文件内容无法识别，请使用“导出节假日安排”生成的文件"))?;
    if file.format != FORMAT {
        return Err(bad(shown, "文件内容无法识别，请使用“导出节假日安排”生成的文件"));
    }
    if file.format_version != FORMAT_VERSION {
        return Err(bad(shown, format!("文件格式版本为{}，本程序只能读取版本{FORMAT_VERSION}，请升级本程序", file.format_version)));
    }
    if !(2000..=2100).contains(&file.year) {
        return Err(bad(shown, format!("年份{}不正确", file.year)));
    }
    if file.digest != digest(file.year, &file.days) {
        return Err(bad(shown, "文件已损坏或被改动过（校验码不符），请向发文单位重新索取"));
    }
    if file.days.is_empty() || file.days.len() > MAX_DAYS {
        return Err(bad(shown, "文件中没有可用的节假日"));
    }
    let mut errors = Vec::new();
    let mut days = Vec::new();
    for (i, e) in file.days.iter().enumerate() {
        if let Some(d) = check_entry(e, &format!("days[{i}]"), &mut errors) {
            days.push(d);
        }
    }
    if let Some(first) = errors.first() {
        return Err(bad(shown, format!("第{}条：{}", first.field.trim_start_matches("days[").split(']').next().and_then(|n| n.parse::<usize>().ok()).map_or(0, |n| n + 1), first.message)));
    }
    if let Some((d, _, _)) = days.iter().find(|(d, _, _)| d.year() != file.year) {
        return Err(bad(shown, format!("{d}不在{}年内", file.year)));
    }
    days.sort_by_key(|(d, _, _)| *d);
    if let Some(w) = days.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(bad(shown, format!("{}出现了两次", w[0].0)));
    }
    Ok(ReadFile { year: file.year, issued_by: file.issued_by, exported_at: file.exported_at, days, digest: file.digest })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issuer() -> HolidayIssuer {
        HolidayIssuer { code: "420202".into(), name: "黄石港区司法局".into() }
    }

    fn days() -> Vec<CheckedDay> {
        vec![
            ("2027-01-01".parse().unwrap(), DayKind::Holiday, "元旦".into()),
            ("2027-02-07".parse().unwrap(), DayKind::Workday, "春节".into()),
            ("2026-10-01".parse().unwrap(), DayKind::Holiday, "国庆节".into()),
        ]
    }

    #[test]
    fn a_written_year_reads_back_with_its_days_only() {
        let bytes = write(2027, issuer(), "2026-12-07T10:00:00+08:00", &days()).unwrap();
        let read = parse("f.json", &bytes).unwrap();
        assert_eq!(read.year, 2027);
        assert_eq!(read.issued_by, issuer());
        assert_eq!(read.days.len(), 2);
        assert_eq!(read.days[1].1, DayKind::Workday);
    }

    #[test]
    fn the_file_name_leaves_out_what_windows_refuses() {
        let issuer = HolidayIssuer { code: "420202".into(), name: "黄石港区/司法局:\"新\"*?<>|\\\t".into() };
        let today = "2026-12-07".parse().unwrap();
        assert_eq!(file_name(2027, &issuer, today), "2027年节假日安排-黄石港区司法局新-20261207.json");
    }

    #[test]
    fn an_empty_year_is_not_written() {
        let e = write(2028, issuer(), "", &days()).unwrap_err();
        assert!(e.to_string().contains("2028年还没有录入节假日"), "{e}");
    }

    fn tampered(f: impl FnOnce(&mut serde_json::Value)) -> String {
        let bytes = write(2027, issuer(), "", &days()).unwrap();
        let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        f(&mut v);
        parse("节假日.json", &serde_json::to_vec(&v).unwrap()).unwrap_err().to_string()
    }

    #[test]
    fn damaged_or_foreign_files_are_refused_in_chinese() {
        assert!(parse("a.json", b"not json").unwrap_err().to_string().contains("文件内容无法识别"));
        assert!(parse("a.json", br#"{"a":1}"#).unwrap_err().to_string().contains("文件内容无法识别"));
        let e = tampered(|v| v["days"][0]["day"] = "2027-01-02".into());
        assert!(e.contains("校验码不符"), "{e}");
        let e = tampered(|v| v["formatVersion"] = 9.into());
        assert!(e.contains("版本为9"), "{e}");
        let e = tampered(|v| v["format"] = "x".into());
        assert!(e.contains("无法识别"), "{e}");
    }

    /// A file whose digest was recomputed after a bad edit is still checked day by day.
    #[test]
    fn bad_days_are_refused_even_with_a_matching_digest() {
        let redigest = |v: &mut serde_json::Value| {
            let days: Vec<HolidayEntry> = serde_json::from_value(v["days"].clone()).unwrap();
            v["digest"] = digest(v["year"].as_i64().unwrap() as i32, &days).into();
        };
        let e = tampered(|v| {
            v["days"][1]["day"] = "2027-02-08".into();
            redigest(v)
        });
        assert!(e.contains("第2条") && e.contains("调休上班日应为周六或周日"), "{e}");
        let e = tampered(|v| {
            v["days"][0]["day"] = "2026-12-31".into();
            redigest(v)
        });
        assert!(e.contains("2026-12-31不在2027年内"), "{e}");
        let e = tampered(|v| {
            v["days"][1]["day"] = "2027-01-01".into();
            v["days"][1]["kind"] = "holiday".into();
            redigest(v)
        });
        assert!(e.contains("出现了两次"), "{e}");
        let e = tampered(|v| {
            v["days"] = serde_json::json!([]);
            redigest(v)
        });
        assert!(e.contains("没有可用的节假日"), "{e}");
    }
}
