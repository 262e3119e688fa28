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
    use grid::{sheet_digest, Cell};
    let a = vec![vec![Cell::text("a"), Cell::Number(1.0)], vec![]];
    let b = vec![vec![Cell::text("a"), Cell::Number(1.0), Cell::Empty]];
    assert_eq!(sheet_digest("x", &a), sheet_digest("x", &b));
    let tab = vec![vec![Cell::text("a\tb")]];
    let two = vec![vec![Cell::text("a"), Cell::text("b")]];
    assert_ne!(sheet_digest("x", &tab), sheet_digest("x", &two));
    assert_ne!(sheet_digest("x", &[vec![Cell::text("1")]]), sheet_digest("x", &[vec![Cell::Number(1.0)]]));
}
