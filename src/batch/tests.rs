use super::*;

#[test]
fn periods() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let p = Period::parse("2026-02", today).unwrap();
    assert_eq!((p.start.to_string(), p.end.to_string(), p.label(), p.compact()), ("2026-02-01".into(), "2026-02-28".into(), "2026年2月".into(), "202602".into()));
    assert_eq!(Period::parse("２０２６-１１", today).unwrap().end.to_string(), "2026-11-30");
    for bad in ["", "2026", "2026-13", "26-10", "2026-1-1", "abcd-10"] {
        let e = Period::parse(bad, today).unwrap_err();
        assert_eq!(e.fields()[0].field, "period", "{bad}");
        assert!(e.to_string().contains("报送月份"), "{bad}");
    }
    assert!(Period::parse("2026-12", today).unwrap_err().to_string().contains("不能晚于本月"));
    assert_eq!(file_name("420202001", &p, Profile::Masked, 7), "420202001_202602_masked_007.xlsx");
    assert!(Profile::parse("all").unwrap_err().to_string().contains("报送类型"));
}

#[test]
fn phones_are_masked() {
    assert_eq!(mask_phone("13812345678"), "138****5678");
    assert_eq!(mask_phone("13812345678、0714-6251234"), "138****5678、071*******34");
    assert_eq!(mask_phone(""), "");
}

#[test]
fn the_digest_ignores_trailing_blanks_and_escapes_separators() {
    use grid::{sheet_digest, Canon, Cell};
    let a = vec![vec![Cell::text("a"), Cell::Number(1.0)], vec![]];
    let b = vec![vec![Cell::text("a"), Cell::Number(1.0), Cell::Empty]];
    assert_eq!(sheet_digest("x", &a, Canon::Saved), sheet_digest("x", &b, Canon::Saved));
    let tab = vec![vec![Cell::text("a\tb")]];
    let two = vec![vec![Cell::text("a"), Cell::text("b")]];
    assert_ne!(sheet_digest("x", &tab, Canon::Saved), sheet_digest("x", &two, Canon::Saved));
    assert_ne!(sheet_digest("x", &[vec![Cell::text("1")]], Canon::Saved), sheet_digest("x", &[vec![Cell::Number(1.0)]], Canon::Saved));
}

#[test]
fn format_1_1_reads_what_a_spreadsheet_save_leaves_and_still_sees_every_change() {
    use grid::{canonical_number, sheet_digest, Canon, Cell};
    // LibreOffice writes 15 significant digits; Excel may write 17 of the same double.
    let rate = 2.0 / 3.0;
    let saved: f64 = "0.666666666666667".parse().unwrap();
    let excel: f64 = format!("{:.16e}", canonical_number(rate)).parse().unwrap();
    let digest = |n: f64| sheet_digest("x", &[vec![Cell::text("成功率"), Cell::Number(n)]], Canon::Saved);
    assert_eq!(digest(rate), digest(saved));
    assert_eq!(digest(rate), digest(excel));
    assert_ne!(digest(rate), digest(0.667), "a changed figure still breaks it");
    assert_ne!(sheet_digest("x", &[vec![Cell::Number(rate)]], Canon::AsWritten), sheet_digest("x", &[vec![Cell::Number(saved)]], Canon::AsWritten));
    assert_eq!(canonical_number(canonical_number(rate)), canonical_number(rate));
    assert_eq!((canonical_number(-0.0).to_string(), canonical_number(12.5), canonical_number(0.1 + 0.2)), ("0".to_string(), 12.5, 0.3));
    // Line ends: a program may write CR LF for LF.
    let text = |s: &str| sheet_digest("x", &[vec![Cell::text(s)]], Canon::Saved);
    assert_eq!(text("甲\n乙"), text("甲\r\n乙"));
    assert_eq!(text("甲\n乙"), text("甲\r乙"));
    assert_ne!(text("甲\n乙"), text("甲乙"));
}
