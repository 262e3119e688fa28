//! The consolidated district workbook (区级汇总): the district's statistics, the offices side
//! by side, and the combined ledgers of every office, in the visual standard of the batch.

use super::{DistrictOffice, DistrictStatistics, ReportPeriod};
use crate::batch::grid::{Cell, Role, Sheet};
use crate::batch::ledger::{self, Records};
use crate::batch::{self, Manifest, Profile};
use crate::error::{Error, Result};
use crate::office::Office;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const REPORT_FORMAT: &str = "sifa-district-report";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportResult {
    pub path: String,
    pub period: String,
    pub offices: i64,
}

/// `{district code}_{2026-10 | 2026-Q4 | 2026}_district.xlsx`: ASCII only, like the batches.
pub fn default_file_name(district_code: &str, period: &ReportPeriod) -> String {
    format!("{district_code}_{}_district.xlsx", period.key.replace('-', ""))
}

/// The folder and the file name of `out` (a path ending in .xlsx).
pub fn target(out: &Path) -> Result<(PathBuf, String)> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if !name.to_ascii_lowercase().ends_with(".xlsx") || name.len() <= 5 {
        return Err(Error::field("out", "validation.report_file", "汇总文件名应以 .xlsx 结尾，例如 420202_202610_district.xlsx"));
    }
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    batch::check_folder(&folder).map_err(|e| match e {
        Error::Validation(mut f) => {
            for x in &mut f {
                x.field = "out".into();
            }
            Error::Validation(f)
        }
        e => e,
    })?;
    Ok((folder, name.to_string()))
}

fn cover(district: &Office, period: &ReportPeriod, stats: &DistrictStatistics, body: &[Sheet], generated_at: &str, by: &str) -> Sheet {
    let kv = |k: &str, v: String| vec![Cell::text(k), Cell::text(v)];
    let mut rows = vec![
        vec![Cell::text(format!("{}　{}　司法行政工作汇总", district.name, period.label))],
        Vec::new(),
        kv("汇总单位", district.name.clone()),
        kv("单位代码", district.code.clone()),
        kv("统计期间", format!("{}（{} 至 {}）", period.label, period.period.start, period.period.end)),
        kv("纳入司法所", format!("{} 个：{}", stats.offices.len(), stats.offices.iter().map(|o| o.office.short_name.as_str()).collect::<Vec<_>>().join("、"))),
        kv("生成时间", generated_at.get(..16).unwrap_or(generated_at).replace('T', " ")),
        kv("汇总人", by.to_string()),
        vec![Cell::text("审核人（签字）")],
    ];
    if !stats.without_sheet.is_empty() {
        rows.push(kv("未收到统计表", stats.without_sheet.join("、")));
    }
    if !stats.mismatches.is_empty() {
        rows.push(kv("统计表与台账不符", format!("{} 处，见区司法局工作台“区级统计”", stats.mismatches.len())));
    }
    rows.push(Vec::new());
    rows.push(vec![Cell::text("工作表"), Cell::text("内容"), Cell::text("行数")]);
    for s in body {
        rows.push(vec![
            Cell::text(s.name.clone()),
            Cell::text(s.content.clone()),
            if s.role == Role::Ledger { Cell::Number(s.rows.len() as f64) } else { Cell::Empty },
        ]);
    }
    rows.push(Vec::new());
    rows.push(kv("口径", "全区各项数字为各司法所数字之和；比率按全区合计重新计算。台账为统计期间内有业务活动的记录。".into()));
    rows.push(vec![Cell::text(batch::CONFIDENTIAL)]);
    Sheet::cover("汇总单位、期间、纳入的司法所和各表行数", true, rows)
}

/// The ledgers of every office, one sheet per ledger with the offices' rows one after another.
fn combined_ledgers(ledgers: &[(DistrictOffice, Records)], period_label: &str, district_name: &str) -> Vec<Sheet> {
    let mut sheets = ledger::sheets(&Records::default(), Profile::Full, period_label, district_name, |_, _| {});
    for (o, records) in ledgers {
        for (target, s) in sheets.iter_mut().zip(ledger::sheets(records, Profile::Full, period_label, &o.name, |_, _| {})) {
            target.rows.extend(s.rows);
        }
    }
    sheets
}

/// The workbook as bytes.
pub fn build(district: &Office, period: &ReportPeriod, stats: &DistrictStatistics, ledgers: &[(DistrictOffice, Records)], generated_at: &str, by: &str) -> Result<Vec<u8>> {
    let mut body: Vec<Sheet> = Vec::new();
    for t in &stats.district {
        let mut s = batch::stat_sheet(t, &district.name);
        s.name = format!("全区{}", t.sheet);
        body.push(s);
    }
    for t in &stats.by_office {
        let mut s = batch::stat_sheet(t, &district.name);
        s.content = "各司法所合计一行，末行为全区合计".into();
        body.push(s);
    }
    body.extend(combined_ledgers(ledgers, &period.label, &district.name));
    let mut sheets = vec![cover(district, period, stats, &body, generated_at, by)];
    sheets.extend(body);
    let mut m = Manifest::default();
    m.set("format", REPORT_FORMAT);
    m.set("formatVersion", "1");
    m.set("districtCode", district.code.clone());
    m.set("districtName", district.name.clone());
    m.set("period", period.key.clone());
    m.set("offices", ledgers.iter().map(|(o, _)| o.code.as_str()).collect::<Vec<_>>().join(","));
    m.set("generatedAt", generated_at);
    m.set("generatedBy", by);
    m.set("application", format!("司法所工作台 {}", crate::VERSION));
    m.set("sheets", sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(","));
    for s in sheets.iter().filter(|s| s.role == Role::Ledger) {
        m.set(&format!("rows.{}", s.name), s.rows.len().to_string());
    }
    batch::xlsx::write(&sheets, &m, &mut |_| {}).map_err(|e| Error::Corrupt { detail: format!("生成汇总文件失败：{e}") })
}
