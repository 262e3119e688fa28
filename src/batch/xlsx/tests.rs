//! The reader's bounds, one test each, on workbooks made small: a declared size is written into
//! the zip's directory rather than packed, a far cell is one cell, and the bounds that can only be
//! reached by building a large grid are tested with smaller `Limits`.

use super::*;
use std::io::Write;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        z.start_file(*name, options).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The parts of a workbook whose sheets (named S1, S2, …) all show `sheet_data`, with the shared
/// strings given, if any.
fn parts(sheets: usize, sheet_data: &str, shared: Option<&str>) -> Vec<(&'static str, Vec<u8>)> {
    let list: String = (1..=sheets).map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#)).collect();
    let mut p = vec![
        ("_rels/.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{list}</sheets></workbook>"#).into_bytes()),
        ("xl/_rels/workbook.xml.rels", format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#).into_bytes()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>{sheet_data}</sheetData></worksheet>"#).into_bytes()),
    ];
    if let Some(s) = shared {
        p.push(("xl/sharedStrings.xml", s.as_bytes().to_vec()));
    }
    p
}

fn workbook(sheet_data: &str) -> Vec<u8> {
    zip_of(&parts(1, sheet_data, None))
}

/// Writes into the zip's central directory that `name` unpacks to `size` bytes.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut found = false;
    for at in 0..zip.len() - 46 {
        if zip[at..at + 4] != [0x50, 0x4b, 0x01, 0x02] {
            continue;
        }
        let name_len = u16::from_le_bytes([zip[at + 28], zip[at + 29]]) as usize;
        if &zip[at + 46..at + 46 + name_len] == name.as_bytes() {
            zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
            found = true;
        }
    }
    assert!(found, "{name}");
}

fn read_bytes(bytes: &[u8], limits: &Limits) -> Result<ReadBook, ReadError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("batch.xlsx");
    std::fs::write(&path, bytes).unwrap();
    read_within(&path, limits)
}

/// Refused before parsing, with the Chinese reason naming `why`.
fn refused(r: Result<ReadBook, ReadError>, why: &str) {
    let e = r.err().expect("refused");
    let shown = e.to_string();
    assert!(matches!(e, ReadError::Refused(_)), "{e:?}");
    assert!(shown.starts_with("文件过大或已损坏，不是本程序导出的月度报送文件（"), "{shown}");
    assert!(shown.contains(why), "{shown}");
}

fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    c += 1;
    while c > 0 {
        s.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

fn cell(row: u32, col: u32, value: &str) -> String {
    format!(r#"<row r="{}"><c r="{}{}" t="inlineStr"><is><t>{value}</t></is></c></row>"#, row + 1, column_name(col), row + 1)
}

#[test]
fn a_workbook_reads_back_cell_for_cell_from_a1() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(2, 1, "文字").unwrap();
    ws.write_number(2, 3, 12.5).unwrap();
    ws.write_date_with_format(4, 0, rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 10, 31).unwrap(), &date).unwrap();
    ws.write_string(4, 2, "").unwrap();
    ws.write_blank(6, 5, &date).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.xlsx");
    wb.save(&path).unwrap();
    let book = read(&path).unwrap();
    let (name, rows) = &book.sheets[0];
    assert_eq!(name, "表");
    // Rows above and cells left of the first filled one are there, empty; trailing blanks are not.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let expected = vec![vec![], vec![], vec![Cell::Empty, Cell::text("文字"), Cell::Empty, Cell::Number(12.5)], vec![], vec![Cell::Date(day)]];
    assert_eq!(rows, &expected);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.xlsx");
    // Sparse: no disk is used, and nothing in it is a zip, so only the size can refuse it.
    std::fs::File::create(&path).unwrap().set_len(Limits::BATCH.file_bytes + 1).unwrap();
    refused(read(&path), "文件有 64.0 MB");
    let small = Limits { file_bytes: 100, ..Limits::BATCH };
    refused(read_bytes(&workbook(""), &small), "不会超过 0.0 MB");
}

#[test]
fn a_zip_of_too_many_parts_is_refused() {
    let names: Vec<String> = (0..=Limits::BATCH.parts).map(|i| format!("x/{i}.xml")).collect();
    let parts: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (n.as_str(), Vec::new())).collect();
    refused(read_bytes(&zip_of(&parts), &Limits::BATCH), "257 个部件");
}

#[test]
fn a_part_declaring_more_than_its_limit_is_refused_unread() {
    let mut z = workbook(&cell(0, 0, "x"));
    declare_size(&mut z, "xl/worksheets/sheet1.xml", Limits::BATCH.part_bytes as u32 + 1);
    refused(read_bytes(&z, &Limits::BATCH), "部件“xl/worksheets/sheet1.xml”解压后有 128.0 MB，上限为 128.0 MB");
}

#[test]
fn shared_strings_over_their_own_limit_are_refused_unread() {
    let sst = format!(r#"<sst xmlns="{NS}" uniqueCount="1"><si><t>a</t></si></sst>"#);
    let mut z = zip_of(&parts(1, "", Some(&sst)));
    declare_size(&mut z, "xl/sharedStrings.xml", Limits::BATCH.shared_strings_bytes as u32 + 1);
    refused(read_bytes(&z, &Limits::BATCH), "上限为 64.0 MB");
}

#[test]
fn parts_together_over_the_total_limit_are_refused_unread() {
    let mut z = zip_of(&[("a.xml", vec![b'a'; 10]), ("b.xml", vec![b'b'; 10]), ("c.xml", vec![b'c'; 10])]);
    for name in ["a.xml", "b.xml", "c.xml"] {
        declare_size(&mut z, name, 100 << 20);
    }
    refused(read_bytes(&z, &Limits::BATCH), "解压后超过 256.0 MB");
}

#[test]
fn a_zip_bomb_is_refused_by_its_packing_ratio() {
    // 16 MB of blanks inside the sheet: within every size limit, packed about 1000:1.
    let blanks = " ".repeat(16 << 20);
    let z = workbook(&blanks);
    assert!(z.len() < 100_000, "{}", z.len());
    refused(read_bytes(&z, &Limits::BATCH), "疑似“压缩炸弹”");
}

#[test]
fn shared_strings_announcing_more_than_they_could_hold_are_refused() {
    for count in ["4000000000", "99999999999999999999999", "lots", ""] {
        let sst = format!(r#"<?xml version="1.0"?><!-- <sst uniqueCount="1"> --><sst xmlns="{NS}" count="1" uniqueCount="{count}"><si><t>a</t></si></sst>"#);
        refused(read_bytes(&zip_of(&parts(1, "", Some(&sst))), &Limits::BATCH), "共享字符串表声明有");
    }
    // A count the part could hold is read as usual.
    let sst = format!(r#"<sst xmlns="{NS}" count="1" uniqueCount='1'><si><t>甲</t></si></sst>"#);
    let book = read_bytes(&zip_of(&parts(1, r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, Some(&sst))), &Limits::BATCH).unwrap();
    assert_eq!(book.sheets[0].1, vec![vec![Cell::text("甲")]]);
}

#[test]
fn too_many_sheets_are_refused() {
    let z = zip_of(&parts(Limits::BATCH.sheets + 1, &cell(0, 0, "x"), None));
    refused(read_bytes(&z, &Limits::BATCH), "65 个工作表");
    let z = zip_of(&parts(Limits::BATCH.sheets, &cell(0, 0, "x"), None));
    assert_eq!(read_bytes(&z, &Limits::BATCH).unwrap().sheets.len(), 64);
}

#[test]
fn rows_past_the_limit_are_refused_before_the_grid_is_built() {
    // One cell a million rows down.
    refused(read_bytes(&workbook(&cell(1_000_000, 0, "x")), &Limits::BATCH), "行数超过 1000000 行");
    // Rows count over the whole book: two sheets of 600,000 rows each.
    let z = zip_of(&parts(2, &cell(599_999, 0, "x"), None));
    refused(read_bytes(&z, &Limits::BATCH), "行数超过");
    assert_eq!(read_bytes(&workbook(&cell(599_999, 0, "x")), &Limits::BATCH).unwrap().sheets[0].1.len(), 600_000);
    // A sheet declaring more rows is refused before its first cell is read.
    let tall = format!(r#"<?xml version="1.0"?><worksheet xmlns="{NS}"><dimension ref="A1:B1000001"/><sheetData>{}</sheetData></worksheet>"#, cell(0, 0, "x"));
    let mut p = parts(1, "", None);
    p.retain(|(n, _)| *n != "xl/worksheets/sheet1.xml");
    p.push(("xl/worksheets/sheet1.xml", tall.into_bytes()));
    refused(read_bytes(&zip_of(&p), &Limits::BATCH), "「S1」声明有 1000001 行");
    // Rows really there are refused as soon as one goes past the limit, not after the sheet.
    let few = Limits { rows: 100, ..Limits::BATCH };
    let rows: String = (0..101).map(|r| cell(r, 0, "x")).collect();
    refused(read_bytes(&workbook(&rows), &few), "行数超过 100 行");
    assert_eq!(read_bytes(&workbook(&rows[..rows.len() - cell(100, 0, "x").len()]), &few).unwrap().sheets[0].1.len(), 100);
}

#[test]
fn cells_past_the_limit_are_refused_before_the_grid_is_built() {
    // 700 rows, each one cell in column 16,000: 11.2 million cells once the blanks are filled in.
    let rows: String = (0..700).map(|r| cell(r, 15_999, "x")).collect();
    refused(read_bytes(&workbook(&rows), &Limits::BATCH), "单元格超过 10000000 个");
    // And as they are read, before any padding.
    let few = Limits { cells: 10, ..Limits::BATCH };
    let rows: String = (0..11).map(|r| cell(r, 0, "x")).collect();
    refused(read_bytes(&workbook(&rows), &few), "单元格超过 10 个");
}

#[test]
fn a_cell_outside_excels_grid_is_refused() {
    for r in [r#"<row r="1048577"><c r="A1048577"><v>1</v></c></row>"#, r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#] {
        refused(read_bytes(&workbook(r), &Limits::BATCH), "Excel 表格范围以外");
    }
}

#[test]
fn text_past_the_limit_is_refused() {
    // One shared string of 100 characters in 11 cells: each cell is its own copy once read.
    let sst = format!(r#"<sst xmlns="{NS}" uniqueCount="1"><si><t>{}</t></si></sst>"#, "a".repeat(100));
    let rows: String = (1..=11).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#)).collect();
    let z = zip_of(&parts(1, &rows, Some(&sst)));
    refused(read_bytes(&z, &Limits { text_bytes: 1_000, ..Limits::BATCH }), "文字超过");
    assert_eq!(read_bytes(&z, &Limits { text_bytes: 1_100, ..Limits::BATCH }).unwrap().sheets[0].1.len(), 11);
}

#[test]
fn a_cell_longer_than_excel_allows_is_refused() {
    let long = "长".repeat(Limits::BATCH.cell_chars + 1);
    refused(read_bytes(&workbook(&cell(0, 0, &long)), &Limits::BATCH), "超过 32767 个字符");
    let longest = "长".repeat(Limits::BATCH.cell_chars);
    assert_eq!(read_bytes(&workbook(&cell(0, 0, &longest)), &Limits::BATCH).unwrap().sheets[0].1[0][0], Cell::text(longest));
}

#[test]
fn sheets_pointing_at_one_part_over_and_over_are_stopped() {
    // A sheet of 2 MB that does not pack (letters at random in a comment), shown by 64 sheets:
    // every size is within limits, but reading it 64 times would read the file 64 times over.
    let mut x = 12345u64;
    let noise: String = (0..2 << 20)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (b'a' + (x >> 59) as u8 % 26) as char
        })
        .collect();
    let data = format!("<!--{noise}-->{}", cell(0, 0, "x"));
    refused(read_bytes(&zip_of(&parts(64, &data, None)), &Limits::BATCH), "同一部分被反复引用");
    assert_eq!(read_bytes(&zip_of(&parts(1, &data, None)), &Limits::BATCH).unwrap().sheets.len(), 1);
}

#[test]
fn a_date_cell_outside_excels_calendar_reads_as_its_number() {
    // chrono panics on these serials; no batch writes them.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, n) in [-1e300, 1e300, -1.0, 3e6, 46326.0].iter().enumerate() {
        ws.write_number_with_format(r as u32, 0, *n, &date).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.xlsx");
    wb.save(&path).unwrap();
    let rows = read(&path).unwrap().sheets.remove(0).1;
    let firsts: Vec<Cell> = rows.into_iter().map(|r| r[0].clone()).collect();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    assert_eq!(firsts, vec![Cell::Number(-1e300), Cell::Number(1e300), Cell::Number(-1.0), Cell::Number(3e6), Cell::Date(day)]);
}

#[test]
fn a_cell_reference_that_overflows_is_refused_not_a_panic() {
    // calamine adds up a reference's letters and digits in a u32: past it, a debug build panics
    // (caught and refused) and a release build wraps (outside the grid, or unreadable).
    for r in [r#"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#, r#"<row r="1"><c r="A99999999999999"><v>1</v></c></row>"#, r#"<row r="99999999999999"><c><v>1</v></c></row>"#] {
        let e = read_bytes(&workbook(r), &Limits::BATCH).err().expect(r);
        assert!(e.to_string().contains("文件"), "{e}");
    }
}

#[test]
fn a_file_that_is_not_a_zip_is_unreadable_in_chinese() {
    let e = read_bytes(b"PK\x03\x04 not really", &Limits::BATCH).err().unwrap();
    assert!(matches!(e, ReadError::Unreadable(_)));
    assert_eq!(e.to_string(), "文件已损坏或不完整，无法作为 Excel 文件读取（可能在复制或传送中被截断）。");
}


#[test]
fn two_parts_of_one_name_are_refused() {
    let mut p = parts(1, &cell(0, 0, "x"), None);
    // The zip writer will not write one name twice: write another and rename it in place.
    p.push(("xl/worksheets/sheetZ.xml", format!(r#"<worksheet xmlns="{NS}"><sheetData>{}</sheetData></worksheet>"#, cell(0, 0, "y")).into_bytes()));
    let mut z = zip_of(&p);
    for at in 0..z.len() - 10 {
        if &z[at..at + 10] == b"sheetZ.xml" {
            z[at + 5] = b'1';
        }
    }
    refused(read_bytes(&z, &Limits::BATCH), "重名的部件");
    let mut p = parts(1, &cell(0, 0, "x"), None);
    p.push(("XL\\Worksheets\\Sheet1.xml", Vec::new()));
    refused(read_bytes(&zip_of(&p), &Limits::BATCH), "重名的部件");
}
