//! A batch that a clerk opens and saves again in a spreadsheet program before sending it
//! (RELIABILITY.md: re-saved batch). LibreOffice, headless, stands in for the users' WPS, Excel and
//! LibreOffice: saved without a change (by LibreOffice, by openpyxl, or by both in turn), a batch of
//! every profile still verifies, and a full one imports as unchanged; edited and saved, it is
//! refused, naming the sheet. The test command installs
//! LibreOffice (scripts/setup.sh); without it these tests fail, they never skip.

mod common;
use common::*;
use sifa::batch::{verify_file, BatchRecord};
use sifa::district::DistrictOffice;
use sifa::record::{Actor, RecordKind};
use sifa::Desk;
use std::path::{Path, PathBuf};
use std::process::Command;

const OFFICE: &str = "420202001";
const TODAY: &str = "2026-11-27";

fn soffice() -> &'static str {
    let ok = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(ok, "LibreOffice (soffice) is not installed: `bash scripts/setup.sh` installs libreoffice-calc-nogui");
    "soffice"
}

/// Opens `file` in LibreOffice and saves it as .xlsx into `out` (what "open, look, press save" does).
fn save_again(file: &Path, out: &Path) -> PathBuf {
    let profile = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(out).unwrap();
    let status = Command::new(soffice())
        .args(["--headless", "--norestore", "--nologo"])
        .arg(format!("-env:UserInstallation=file://{}", profile.path().display()))
        .args(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir"])
        .arg(out)
        .arg(file)
        .output()
        .unwrap();
    let saved = out.join(file.file_name().unwrap());
    assert!(status.status.success() && saved.is_file(), "LibreOffice did not save {}: {}", file.display(), String::from_utf8_lossy(&status.stderr));
    saved
}

/// Loads `file` with openpyxl (the library scripts and some district tools use) and saves it to `out`.
fn save_with_openpyxl(file: &Path, out: &Path) -> PathBuf {
    let saved = out.join(file.file_name().unwrap());
    std::fs::create_dir_all(out).unwrap();
    let script = "import sys, openpyxl\nopenpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])\n";
    let o = Command::new("/usr/bin/python3").args(["-c", script]).arg(file).arg(&saved).output().unwrap();
    assert!(o.status.success(), "openpyxl (Debian's python3-openpyxl) did not save {}: {}", file.display(), String::from_utf8_lossy(&o.stderr));
    saved
}

/// Changes one cell of `file` in LibreOffice and saves it over itself.
fn edit_and_save(file: &Path, sheet: &str, cell: &str, value: &str) {
    let profile = tempfile::tempdir().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/libreoffice/edit_cell.py");
    let out = Command::new("/usr/bin/python3").arg(script).arg(profile.path()).arg(file).args([sheet, cell, value]).output().unwrap();
    assert!(
        out.status.success(),
        "editing {} in LibreOffice failed (Debian's python3-uno is needed): {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A demo office over five months, with text that a spreadsheet program might touch: formulas,
/// leading signs and quotes, tabs, line ends of both kinds, a long number as text.
fn office() -> TestDesk {
    let mut t = demo_office_of_five_months(TODAY);
    let mut tricky = case("2026-11-12", "=HYPERLINK(\"x\")", "+8613800138000", "-1 调解 @SUM(A1) 'quoted' \"双引号\"\t含制表符\n第二行\r\n第三行  ");
    tricky.place = "0012345678901234567890".into();
    t.desk.mediation_create(&t.admin, tricky).unwrap();
    t
}

fn export(t: &mut TestDesk, profile: &str) -> BatchRecord {
    let out = t.dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    t.desk.batch_export(&t.admin.clone(), "2026-11", profile, &out, &mut |_| {}).unwrap()
}

fn district(dir: &Path) -> Desk {
    let mut input = setup_input();
    input.mode = "district".into();
    input.office_code = "420202".into();
    input.office_name = "黄石港区司法局".into();
    let (mut d, _) = Desk::create(&dir.join("district.db"), std::sync::Arc::new(sifa::clock::FixedClock::at_date(day(TODAY))), input).unwrap();
    let office = DistrictOffice { code: OFFICE.into(), name: "石港镇司法所".into(), short_name: "石港".into() };
    d.district_office_save(Actor::Named("测试"), &office, true).unwrap();
    d
}

#[test]
fn a_batch_saved_again_in_libreoffice_verifies_and_imports_as_unchanged() {
    let mut t = office();
    let mut d = district(t.dir.path());
    for profile in ["full", "masked", "summary"] {
        let batch = export(&mut t, profile);
        let original = PathBuf::from(&batch.path);
        let saved = save_again(&original, &t.dir.path().join(format!("saved-{profile}")));
        assert_ne!(std::fs::read(&original).unwrap(), std::fs::read(&saved).unwrap(), "LibreOffice wrote a file of its own");
        let report = verify_file(&saved);
        assert!(report.ok, "{profile}: {:?}", report.reason);
        assert_eq!(report.digest.as_deref(), Some(batch.digest.as_str()));
        // openpyxl, and LibreOffice again on what openpyxl wrote.
        let by_script = save_with_openpyxl(&original, &t.dir.path().join(format!("openpyxl-{profile}")));
        assert!(verify_file(&by_script).ok, "{profile} saved by openpyxl: {:?}", verify_file(&by_script).reason);
        let twice = save_again(&by_script, &t.dir.path().join(format!("openpyxl-then-libreoffice-{profile}")));
        assert!(verify_file(&twice).ok, "{profile} saved by openpyxl, then LibreOffice: {:?}", verify_file(&twice).reason);
        if profile != "full" {
            continue; // the district imports full batches only
        }
        let first = d.import_at_once(Actor::Named("测试"), std::slice::from_ref(&original), false, &mut |_| {}).unwrap();
        assert_eq!((first.accepted, first.rejected), (1, 0), "{:?}", first.files[0].reason);
        let again = d.import_at_once(Actor::Named("测试"), &[saved], false, &mut |_| {}).unwrap();
        assert_eq!((again.accepted, again.rejected), (1, 0), "{profile}: {:?}", again.files[0].reason);
        assert!(again.files[0].already_imported && again.nothing_to_do, "{profile}");
        for k in &again.totals {
            assert_eq!((k.new, k.updated, k.conflict, k.duplicate), (0, 0, 0, 0), "{profile}: {k:?}");
        }
        let rows: i64 = again.totals.iter().map(|k| k.unchanged).sum();
        assert!(rows > 50, "every row read back as unchanged: {rows}");
        assert!(again.totals.iter().any(|k| k.kind == RecordKind::CorrectionSubject.code() && k.unchanged > 0));
    }
}

#[test]
fn a_batch_edited_and_saved_in_libreoffice_is_refused_naming_the_sheet() {
    let mut t = office();
    let batch = export(&mut t, "full");
    let mut d = district(t.dir.path());
    // A word of a case's summary in its ledger; a figure of the statistics.
    for (sheet, cell, value) in [("调解台账", "F4", "text:（已改）"), ("调解统计", "B5", "number:99")] {
        let copy = t.dir.path().join(format!("edited-{sheet}.xlsx"));
        std::fs::copy(&batch.path, &copy).unwrap();
        edit_and_save(&copy, sheet, cell, value);
        let report = verify_file(&copy);
        let reason = report.reason.unwrap_or_default();
        assert!(!report.ok && reason.contains(&format!("「{sheet}」")), "{sheet}: {reason}");
        let imported = d.import_at_once(Actor::Named("测试"), &[copy], false, &mut |_| {}).unwrap();
        assert_eq!((imported.accepted, imported.rejected), (0, 1));
        assert!(imported.files[0].reason.as_deref().unwrap_or("").contains(&format!("「{sheet}」")));
    }
    assert_eq!(d.record_counts().unwrap().mediation_cases, 0, "nothing of an edited file was taken");
}
