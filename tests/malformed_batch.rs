//! Malformed batch files at the district (RELIABILITY.md, fault "malformed spreadsheet"): real
//! exported batches, broken on purpose (byte flips, truncation, zip parts deleted, doubled or
//! renamed, sheets removed, cells of the wrong type, a huge shared string, zip bombs, a million
//! rows), then checked by the verifier and by the district's import preview. Each must be refused
//! with a reason in Chinese, without a panic, and leave the district's database as it was; a file
//! whose change left every cell as exported (a part the reader never opens) may pass, but then it
//! reads exactly as the batch did. A deterministic list first, then a proptest of random damage.

mod common;
use sifa::record::Actor;
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rusqlite::Connection;
use sifa::accounts::User;
use sifa::batch::grid::{sheet_digest, Canon, Cell};
use sifa::batch::xlsx::{self, ReadBook};
use sifa::batch::{verify_file, Manifest, COVER_DIGEST_LABEL, META_SHEET};
use sifa::clock::FixedClock;
use sifa::demo::Generator;
use sifa::district::DistrictOffice;
use sifa::office::SetupInput;
use sifa::Desk;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const TODAY: &str = "2026-11-20";

/// A batch as exported, by profile: its bytes and its sheets as read.
struct Base {
    profile: &'static str,
    bytes: Vec<u8>,
    book: ReadBook,
}

/// An office's October batches (each profile), and a district holding its September batch.
struct Fixture {
    dir: tempfile::TempDir,
    bases: Vec<Base>,
    district: Desk,
    district_path: PathBuf,
    head: User,
    cases: usize,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let input = setup_input();
    let (mut office, _) = Desk::create(&dir.path().join("office.db"), Arc::new(FixedClock::at_date(day(TODAY))), input.clone()).unwrap();
    let admin = office.login(ADMIN, PASSWORD).unwrap();
    let mut g = Generator::new(11, &input.office_code, day("2026-10-31"));
    let cases = g.acceptance_dates(3, 2).iter().map(|d| g.case(*d)).collect();
    office.import_generated(cases, "演示").unwrap();
    let c = g.acceptance_dates(3, 2).iter().map(|d| g.consultation(*d)).collect();
    let a = g.acceptance_dates(3, 1).iter().map(|d| g.application(*d, &input.office_name, "黄石港区法律援助中心")).collect();
    office.import_generated_legal_aid(c, a).unwrap();
    let s = g.acceptance_dates(3, 1).iter().enumerate().map(|(i, d)| g.correction_subject(i, *d)).collect();
    office.import_generated_correction(s).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut export = |period: &str, profile: &str| PathBuf::from(office.batch_export(&admin, period, profile, &out, &mut |_| {}).unwrap().path);
    let september = export("2026-09", "full");
    let bases = ["full", "masked", "summary"]
        .into_iter()
        .map(|profile| {
            let path = export("2026-10", profile);
            Base { profile, bytes: std::fs::read(&path).unwrap(), book: xlsx::read(&path).unwrap() }
        })
        .collect();

    let district_path = dir.path().join("district.db");
    let setup = SetupInput { office_code: "420202".into(), office_name: "黄石港区司法局".into(), short_name: "黄石港区".into(), mode: "district".into(), ..setup_input() };
    let (mut district, _) = Desk::create(&district_path, Arc::new(FixedClock::at_date(day(TODAY))), setup).unwrap();
    district
        .district_office_save(Actor::Named("测试"), &DistrictOffice { code: input.office_code.clone(), name: input.office_name.clone(), short_name: input.short_name.clone() }, true)
        .unwrap();
    let first = district.import_at_once(Actor::Named("测试"), &[september], false, &mut |_| {}).unwrap();
    assert_eq!((first.accepted, first.rejected), (1, 0));
    let head = district.login(ADMIN, PASSWORD).unwrap();
    std::fs::create_dir_all(dir.path().join("cases")).unwrap();
    Fixture { dir, bases, district, district_path, head, cases: 0 }
}

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The district's records and what it received, and the length of its audit log.
fn state(path: &Path) -> (Vec<String>, i64) {
    let audit = Connection::open(path).unwrap().query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0)).unwrap();
    (district_dump(path), audit)
}

/// What became of a file.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Refused by the verifier, and so by the import, with this reason.
    Refused(String),
    /// Intact for the verifier, refused by the import with this reason.
    RefusedAtImport(String),
    /// Accepted by both: every cell as exported.
    Intact,
}

impl Fixture {
    fn base(&self, profile: &str) -> &Base {
        self.bases.iter().find(|b| b.profile == profile).unwrap()
    }

    fn write(&mut self, bytes: &[u8]) -> PathBuf {
        self.cases += 1;
        let path = self.dir.path().join("cases").join(format!("damaged_{:03}.xlsx", self.cases));
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Verifies the file and previews its import; whatever it is, no panic, a reason in Chinese
    /// for any refusal, and the district's database as it was. A file that verifies must read as
    /// `intact_as` (the batch it was made from, or what it was sealed again with).
    fn check(&mut self, path: &Path, intact_as: &ReadBook) -> Outcome {
        let before = state(&self.district_path);
        let report = verify_file(path);
        let preview = self.district.import_preview(&self.head, &[path.to_path_buf()], &mut |_| {});
        assert_eq!(state(&self.district_path), before, "a preview changes nothing: {}", path.display());
        let preview = match preview {
            Ok(p) => p,
            Err(e) => panic!("the preview itself failed ({e}), rather than refusing the file: {}", path.display()),
        };
        assert_eq!(preview.files.len(), 1);
        let file = &preview.files[0];
        if !report.ok {
            let reason = report.reason.clone().unwrap();
            assert!(chinese(&reason), "{reason}");
            assert!(!file.accepted(), "the import took what the verifier refused: {reason}");
            assert_eq!(file.reason.as_deref(), Some(reason.as_str()), "the import gives the verifier's reason");
            return Outcome::Refused(reason);
        }
        // Verified: then it reads as exported, cell for cell (the seal is over every cell).
        let book = xlsx::read(path).unwrap();
        assert!(book.sheets == intact_as.sheets, "a changed workbook passed verification: {}", path.display());
        match &file.reason {
            Some(reason) if !file.accepted() => {
                assert!(chinese(reason), "{reason}");
                Outcome::RefusedAtImport(reason.clone())
            }
            _ => Outcome::Intact,
        }
    }

    fn full(&self) -> ReadBook {
        ReadBook { sheets: self.base("full").book.sheets.clone() }
    }

    /// A file refused by the verifier and the import with a reason containing `expected`; then
    /// confirmed, it is recorded as rejected and imports nothing.
    fn refused(&mut self, what: &str, path: &Path, expected: &str) {
        match self.check(path, &self.full()) {
            Outcome::Refused(reason) => assert!(reason.contains(expected), "{what}: {reason}"),
            other => panic!("{what}: {other:?}"),
        }
        self.confirm_imports_nothing(what, path);
    }

    /// A file the verifier finds intact (it was sealed again after the change) that the import
    /// refuses with a reason containing `expected`, importing nothing.
    fn refused_at_import(&mut self, what: &str, path: &Path, sealed: &ReadBook, expected: &str) {
        match self.check(path, sealed) {
            Outcome::RefusedAtImport(reason) => assert!(reason.contains(expected), "{what}: {reason}"),
            other => panic!("{what}: {other:?}"),
        }
        self.confirm_imports_nothing(what, path);
    }

    fn confirm_imports_nothing(&mut self, what: &str, path: &Path) {
        let (records, _) = state(&self.district_path);
        let preview = self.district.import_preview(&self.head, &[path.to_path_buf()], &mut |_| {}).unwrap();
        let done = self.district.import_confirm(&self.head, &preview.token, &mut |_| {}).unwrap();
        assert_eq!((done.accepted, done.rejected), (0, 1), "{what}");
        let (after, _) = state(&self.district_path);
        let kept = |lines: Vec<String>| lines.into_iter().filter(|l| !l.starts_with("received_batch")).collect::<Vec<_>>();
        assert_eq!(kept(after), kept(records), "{what}: a rejected file imports nothing");
    }
}

// ── The zip and its parts ───────────────────────────────────────────────────────────────────

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        })
        .collect()
}

fn pack(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).compression_level(Some(1));
    for (name, bytes) in parts {
        z.start_file(name.as_str(), options).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn part<'a>(parts: &'a mut [(String, Vec<u8>)], name: &str) -> &'a mut Vec<u8> {
    &mut parts.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no part {name}")).1
}

/// The batch with one part's text changed.
fn edit(bytes: &[u8], name: &str, change: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut p = parts(bytes);
    let text = part(&mut p, name);
    *text = change(String::from_utf8(std::mem::take(text)).unwrap()).into_bytes();
    pack(&p)
}

/// The part holding a sheet (through the workbook and its relationships, as a reader goes).
fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let p = parts(bytes);
    let text = |n: &str| String::from_utf8(p.iter().find(|(x, _)| x == n).unwrap().1.clone()).unwrap();
    let workbook = text("xl/workbook.xml");
    let at = workbook.find(&format!("name=\"{sheet}\"")).unwrap();
    let rid = workbook[at..].split("r:id=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let rels = text("xl/_rels/workbook.xml.rels");
    let at = rels.find(&format!("Id=\"{rid}\"")).unwrap();
    let tag = &rels[rels[..at].rfind('<').unwrap()..];
    let target = tag.split("Target=\"").nth(1).unwrap().split('"').next().unwrap();
    format!("xl/{}", target.trim_start_matches("/xl/"))
}

/// Writes into the zip's central directory that `name` unpacks to `size` bytes.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut found = false;
    for at in 0..zip.len() - 46 {
        if zip[at..at + 4] == [0x50, 0x4b, 0x01, 0x02] {
            let len = u16::from_le_bytes([zip[at + 28], zip[at + 29]]) as usize;
            if &zip[at + 46..at + 46 + len] == name.as_bytes() {
                zip[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
                found = true;
            }
        }
    }
    assert!(found, "{name}");
}

/// The batch with a second part named `name` (the zip writer refuses to write one: the copy goes
/// in under a stand-in name of the same length, renamed in place).
fn doubled(bytes: &[u8], name: &str, content: Vec<u8>) -> Vec<u8> {
    let stand_in: String = name.chars().rev().collect::<String>().replace('/', "_");
    let mut p = parts(bytes);
    p.push((stand_in.clone(), content));
    let mut z = pack(&p);
    let (from, to) = (stand_in.as_bytes(), name.as_bytes());
    for at in 0..z.len() - from.len() {
        if &z[at..at + from.len()] == from {
            z[at..at + to.len()].copy_from_slice(to);
        }
    }
    z
}

/// The book written again as a workbook (cells only), as someone could make it by hand.
fn rewritten(f: &mut Fixture, book: ReadBook) -> PathBuf {
    f.cases += 1;
    let path = f.dir.path().join("cases").join(format!("damaged_{:03}.xlsx", f.cases));
    rewrite(&book, &path);
    path
}

/// The digests and the seal computed again for the cells as they now are: a file as someone who
/// read DESIGN.md could make, which the verifier cannot tell from an export (the seal is not a
/// signature), so the import's own checks must refuse what it holds.
fn reseal(book: &mut ReadBook) {
    let meta = book.sheets.iter().position(|(n, _)| n == META_SHEET).unwrap();
    let text = |c: Option<&Cell>| match c {
        Some(Cell::Text(t)) => t.clone(),
        Some(Cell::Number(n)) => sifa::batch::grid::format_number(*n),
        _ => String::new(),
    };
    let mut m = Manifest(book.sheets[meta].1.iter().filter(|r| !r.is_empty()).map(|r| (text(r.first()), text(r.get(1)))).collect());
    for (name, rows) in book.sheets.iter().filter(|(n, _)| n != META_SHEET) {
        if m.get(&format!("rows.{name}")).is_some() {
            m.set(&format!("rows.{name}"), (rows.len() - 3).to_string());
        }
        m.set(&format!("digest.{name}"), sheet_digest(name, rows, Canon::CURRENT));
    }
    let seal = m.seal();
    m.set("digest", seal.clone());
    for row in book.sheets[0].1.iter_mut().filter(|r| r.first().and_then(Cell::as_text) == Some(COVER_DIGEST_LABEL)) {
        row[1] = Cell::text(seal.clone());
    }
    book.sheets[meta].1 = m.0.iter().map(|(k, v)| vec![Cell::text(k.clone()), Cell::text(v.clone())]).collect();
}

fn ledger<'a>(book: &'a mut ReadBook, name: &str) -> &'a mut Vec<Vec<Cell>> {
    &mut book.sheets.iter_mut().find(|(n, _)| n == name).unwrap().1
}

/// The first data row's cell of the column holding field `id` in a ledger.
fn field<'a>(rows: &'a mut [Vec<Cell>], id: &str) -> &'a mut Cell {
    let col = rows[2].iter().position(|c| c.as_text() == Some(id)).unwrap_or_else(|| panic!("no column {id}"));
    let row = &mut rows[3];
    if row.len() <= col {
        row.resize(col + 1, Cell::Empty);
    }
    &mut row[col]
}

fn cell(row: u32, col: &str, value: &str) -> String {
    format!(r#"<row r="{}"><c r="{col}{}"><v>{value}</v></c></row>"#, row + 1, row + 1)
}

// ── The deterministic list ──────────────────────────────────────────────────────────────────

#[test]
fn broken_files_are_refused_in_chinese_and_change_nothing() {
    let mut f = fixture();
    let full = f.base("full").bytes.clone();

    // The harness first: the parts packed again unchanged are still the batch.
    let repacked = f.write(&pack(&parts(&full)));
    assert_eq!(f.check(&repacked, &f.full()), Outcome::Intact);

    let damaged = "损坏或不完整";
    for (what, bytes) in [
        ("empty", Vec::new()),
        ("not a zip", "这不是表格".as_bytes().to_vec()),
        ("truncated to one byte", full[..1].to_vec()),
        ("truncated to half", full[..full.len() / 2].to_vec()),
        ("without the end of the zip directory", full[..full.len() - 22].to_vec()),
        ("one byte short", full[..full.len() - 1].to_vec()),
    ] {
        let path = f.write(&bytes);
        f.refused(what, &path, damaged);
    }
    // The name of a part stands in its local header (just before its packed data) and again in
    // the directory at the end.
    let ledger_part = sheet_part(&full, "调解台账");
    let at = |name: &str, nth: usize| full.windows(name.len()).enumerate().filter(|(_, w)| *w == name.as_bytes()).nth(nth).unwrap().0;
    for (what, at) in [
        ("a byte flipped in a sheet's packed data", at(&ledger_part, 0) + ledger_part.len() + 40),
        ("a byte flipped in the shared strings' packed data", at("xl/sharedStrings.xml", 0) + 200),
        ("a byte flipped in a sheet's name in the directory", at(&ledger_part, 1) + 3),
    ] {
        let mut bytes = full.clone();
        bytes[at] ^= 0x5a;
        let path = f.write(&bytes);
        f.refused(what, &path, "");
    }

    // Too large to read, however it is made.
    let path = f.write(&full);
    std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(64 << 20 | 1).unwrap();
    f.refused("a file of 64 MB (sparse)", &path, "文件过大或已损坏，不是本程序导出的月度报送文件（文件有 64.0 MB");
    let mut bytes = full.clone();
    declare_size(&mut bytes, &ledger_part, 200 << 20);
    let path = f.write(&bytes);
    f.refused("a sheet declaring 200 MB", &path, "解压后有 200.0 MB，上限为 128.0 MB");
    let mut bytes = full.clone();
    declare_size(&mut bytes, "xl/sharedStrings.xml", 65 << 20);
    let path = f.write(&bytes);
    f.refused("shared strings declaring 65 MB", &path, "上限为 64.0 MB");
    let bomb = edit(&full, &ledger_part, |x| x.replace("<sheetData>", &format!("{}<sheetData>", " ".repeat(32 << 20))));
    let path = f.write(&bomb);
    f.refused("a sheet that is a zip bomb", &path, "疑似“压缩炸弹”");
    let mut p = parts(&full);
    p.push(("xl/media/image1.png".into(), vec![0; 64 << 20]));
    let path = f.write(&pack(&p));
    f.refused("a zip bomb beside the sheets", &path, "疑似“压缩炸弹”");
    let path = f.write(&edit(&full, "xl/sharedStrings.xml", |x| x.replacen("<si><t>", &format!("<si><t>{}", "长".repeat(40_000)), 1)));
    f.refused("a huge shared string", &path, "超过 32767 个字符");
    let path = f.write(&edit(&full, "xl/sharedStrings.xml", |x| {
        let at = x.find("uniqueCount=\"").unwrap() + 13;
        let end = at + x[at..].find('"').unwrap();
        format!("{}2000000000{}", &x[..at], &x[end..])
    }));
    f.refused("shared strings announcing two billion", &path, "共享字符串表声明有2000000000 个字符串");
    let path = f.write(&edit(&full, &ledger_part, |x| x.replace("</sheetData>", &format!("{}</sheetData>", cell(1_048_575, "XFD", "1")))));
    f.refused("a cell in the last row of the grid", &path, "行数超过 1000000 行");
    // A million rows really there, the sheet saying so (as a spreadsheet program writes it).
    let mut million = String::with_capacity(40 << 20);
    for r in 4_001..1_004_001 {
        million.push_str("<row r=\"");
        million.push_str(&r.to_string());
        million.push_str("\"><c r=\"A");
        million.push_str(&r.to_string());
        million.push_str("\"><v>1</v></c></row>");
    }
    let path = f.write(&edit(&full, &ledger_part, |x| {
        let at = x.find("<dimension ref=\"").unwrap() + 16;
        let end = at + x[at..].find('"').unwrap();
        format!("{}A1:A1004000{}", &x[..at], &x[end..]).replace("</sheetData>", &format!("{million}</sheetData>"))
    }));
    f.refused("a million rows", &path, "「调解台账」声明有 1004000 行");
    let wide: String = (4_000..4_700).map(|r| cell(r, "WQJ", "1")).collect();
    let path = f.write(&edit(&full, &ledger_part, |x| x.replace("</sheetData>", &format!("{wide}</sheetData>"))));
    f.refused("700 rows reaching column 16,000", &path, "单元格超过 10000000 个");
    let path = f.write(&edit(&full, &ledger_part, |x| x.replace("</sheetData>", &format!("{}</sheetData>", cell(1_048_576, "A", "1")))));
    f.refused("a cell below Excel's grid", &path, "Excel 表格范围以外");
    // calamine adds a reference up in a u32: a debug build panics past it (the reader catches
    // that and refuses the file), a release build wraps. The second is what the fuzzer made of a
    // batch (scripts/fuzz.sh, against the reader before the guard): a reference of letters only.
    let path = f.write(&edit(&full, &ledger_part, |x| x.replace("</sheetData>", &format!("{}</sheetData>", cell(9_999, "AAAAAAAAAAAAAAAAAAAA", "1")))));
    f.refused("a cell reference past u32", &path, "");
    let path = f.write(&edit(&full, &ledger_part, |x| x.replacen("<c r=\"", "<c r=\"lationships\" x=\"", 1)));
    f.refused("a cell reference of letters only (found by the fuzzer)", &path, "");
    let sheets: String = (0..70).map(|i| format!(r#"<sheet name="多{i}" sheetId="{}" r:id="rId1"/>"#, 100 + i)).collect();
    let path = f.write(&edit(&full, "xl/workbook.xml", |x| x.replace("</sheets>", &format!("{sheets}</sheets>"))));
    f.refused("seventy more sheets", &path, "有 83 个工作表");

    // A date cell no calendar holds (chrono would panic converting it).
    let path = f.write(&edit(&full, &ledger_part, |x| {
        // The first date: a number cell (no `t=`) whose serial falls in 2025–2026.
        let at = x
            .match_indices("<v>4")
            .map(|(at, _)| at)
            .find(|&at| {
                let tag = &x[x[..at].rfind("<c ").unwrap()..at];
                let value = &x[at + 3..at + x[at..].find("</v>").unwrap()];
                !tag.contains("t=") && value.parse::<f64>().is_ok_and(|v| (45658.0..46388.0).contains(&v))
            })
            .unwrap();
        let end = at + x[at..].find("</v>").unwrap();
        format!("{}<v>-1e300{}", &x[..at], &x[end..])
    }));
    f.refused("a date of -1e300", &path, "内容在导出后被修改过");

    // Parts missing, doubled, renamed.
    for name in parts(&full).into_iter().map(|(n, _)| n) {
        let p: Vec<(String, Vec<u8>)> = parts(&full).into_iter().filter(|(n, _)| *n != name).collect();
        let path = f.write(&pack(&p));
        let outcome = f.check(&path, &f.full());
        // Only what the reader never opens may go without changing a cell.
        let unread = name.starts_with("docProps/") || name.starts_with("xl/theme/") || name == "[Content_Types].xml";
        assert!(unread || matches!(outcome, Outcome::Refused(_)), "without {name}: {outcome:?}");
    }
    let other = sheet_part(&full, "法援咨询");
    let content = parts(&full).into_iter().find(|(n, _)| *n == other).unwrap().1;
    let path = f.write(&doubled(&full, &ledger_part, content));
    f.refused("a sheet's part twice, the second another sheet", &path, "重名的部件");
    let mut p = parts(&full);
    p.push((ledger_part.to_uppercase(), b"<worksheet/>".to_vec()));
    let path = f.write(&pack(&p));
    f.refused("a sheet's part twice, in capitals", &path, "重名的部件");
    let mut p = parts(&full);
    p.iter_mut().find(|(n, _)| *n == ledger_part).unwrap().0 = format!("{ledger_part}.bak");
    let path = f.write(&pack(&p));
    f.refused("a sheet's part renamed", &path, damaged);
    let mut p = parts(&full);
    p.iter_mut().find(|(n, _)| n == "xl/workbook.xml").unwrap().0 = "xl/workbook2.xml".into();
    let path = f.write(&pack(&p));
    f.refused("the workbook renamed", &path, "没有报送清单");

    // Sheets missing: from the workbook's list, or from a workbook saved again without them.
    let path = f.write(&edit(&full, "xl/workbook.xml", |x| {
        let at = x.find("<sheet name=\"矫正事件\"").unwrap();
        let end = at + x[at..].find("/>").unwrap() + 2;
        format!("{}{}", &x[..at], &x[end..])
    }));
    f.refused("a sheet left out of the workbook", &path, "缺少工作表「矫正事件」");
    let mut book = ReadBook { sheets: f.base("full").book.sheets.clone() };
    book.sheets.retain(|(n, _)| n != "法援申请台账");
    let path = rewritten(&mut f, book);
    f.refused("a sheet deleted and saved", &path, "缺少工作表「法援申请台账」");
    let mut book = ReadBook { sheets: f.base("full").book.sheets.clone() };
    book.sheets.retain(|(n, _)| n != META_SHEET);
    let path = rewritten(&mut f, book);
    f.refused("the manifest deleted", &path, "没有报送清单");

    // Cells of the wrong type: the seal breaks; sealed again by hand, the import's own checks refuse.
    type Change = fn(&mut ReadBook);
    let changes: [(&str, Change, &str); 7] = [
        ("a number for a date", |b| *field(ledger(b, "调解台账"), "acceptedOn") = Cell::Number(46000.5), "应为日期"),
        ("text for a number", |b| *field(ledger(b, "调解台账"), "_version") = Cell::text("第二版"), "应为数字"),
        ("a label not in the code table", |b| *field(ledger(b, "调解台账"), "disputeType") = Cell::text("打架"), "不是代码表中的值"),
        ("a date for a name", |b| *field(ledger(b, "法援咨询"), "staff") = Cell::Date(day("2026-10-01")), "应为文字"),
        ("a word for a yes-or-no", |b| *field(ledger(b, "法援咨询"), "guided") = Cell::text("也许"), "应为“是”或“否”"),
        ("another office's row", |b| *field(ledger(b, "法援申请台账"), "_officeCode") = Cell::text("420202099"), "混入了其他单位的记录"),
        ("a row without its id", |b| *field(ledger(b, "矫正对象台账"), "_id") = Cell::Empty, "缺少记录编号"),
    ];
    for (what, change, expected) in changes {
        let mut book = ReadBook { sheets: f.base("full").book.sheets.clone() };
        change(&mut book);
        let path = rewritten(&mut f, ReadBook { sheets: book.sheets.clone() });
        f.refused(what, &path, "内容在导出后被修改过");
        reseal(&mut book);
        let path = rewritten(&mut f, ReadBook { sheets: book.sheets.clone() });
        f.refused_at_import(&format!("{what}, sealed again"), &path, &book, expected);
    }
}

// ── Random damage ───────────────────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
enum Damage {
    /// Bytes of the file xor-ed.
    Flip(Vec<(prop::sample::Index, u8)>),
    Truncate(prop::sample::Index),
    DeletePart(prop::sample::Index),
    /// A part again under another part's name.
    DoublePart(prop::sample::Index, prop::sample::Index),
    RenamePart(prop::sample::Index, String),
    /// Bytes put into a part's XML (the zip stays sound, the XML does not).
    Garble(prop::sample::Index, prop::sample::Index, Vec<u8>),
    /// A sheet left out of the workbook's list.
    DropSheet(prop::sample::Index),
    /// A cell of a sheet replaced, the file saved again (not sealed).
    WrongCell(prop::sample::Index, prop::sample::Index, prop::sample::Index, u8),
    /// A shared string made longer than a cell may be.
    HugeString(prop::sample::Index, usize),
    /// A part that unpacks to this many MB of nothing.
    Bomb(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        prop::collection::vec((index(), 1..=255u8), 1..8).prop_map(Damage::Flip),
        index().prop_map(Damage::Truncate),
        index().prop_map(Damage::DeletePart),
        (index(), index()).prop_map(|(a, b)| Damage::DoublePart(a, b)),
        (index(), "[a-zA-Z_/.]{1,30}").prop_map(|(a, n)| Damage::RenamePart(a, n)),
        (index(), index(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(a, b, v)| Damage::Garble(a, b, v)),
        index().prop_map(Damage::DropSheet),
        (index(), index(), index(), 0..4u8).prop_map(|(s, r, c, k)| Damage::WrongCell(s, r, c, k)),
        (index(), 32_768..40_000usize).prop_map(|(i, n)| Damage::HugeString(i, n)),
        (2..40usize).prop_map(Damage::Bomb),
    ]
}

/// The base batch with the damage done, written to a file.
fn apply(f: &mut Fixture, base: &str, d: &Damage) -> PathBuf {
    let bytes = f.base(base).bytes.clone();
    let broken = match d {
        Damage::Flip(flips) => {
            let mut b = bytes;
            for (at, x) in flips {
                let at = at.index(b.len());
                b[at] ^= x;
            }
            b
        }
        Damage::Truncate(at) => bytes[..at.index(bytes.len())].to_vec(),
        Damage::DeletePart(i) => {
            let mut p = parts(&bytes);
            p.remove(i.index(p.len()));
            pack(&p)
        }
        Damage::DoublePart(a, b) => {
            let p = parts(&bytes);
            let name = p[a.index(p.len())].0.clone();
            doubled(&bytes, &name, p[b.index(p.len())].1.clone())
        }
        Damage::RenamePart(i, name) => {
            let mut p = parts(&bytes);
            let n = p.len();
            // The zip writer refuses a second part of a name: renamed onto another, that one goes.
            if p.iter().any(|(x, _)| x == name) {
                p.remove(i.index(n));
            } else {
                p[i.index(n)].0 = name.clone();
            }
            pack(&p)
        }
        Damage::Garble(i, at, junk) => {
            let mut p = parts(&bytes);
            let n = p.len();
            let content = &mut p[i.index(n)].1;
            let at = at.index(content.len() + 1);
            content.splice(at..at, junk.iter().copied());
            pack(&p)
        }
        Damage::DropSheet(i) => edit(&bytes, "xl/workbook.xml", |x| {
            let starts: Vec<usize> = x.match_indices("<sheet ").map(|(at, _)| at).collect();
            let at = starts[i.index(starts.len())];
            let end = at + x[at..].find("/>").unwrap() + 2;
            format!("{}{}", &x[..at], &x[end..])
        }),
        Damage::WrongCell(s, r, c, kind) => {
            let mut book = ReadBook { sheets: f.base(base).book.sheets.clone() };
            let n = book.sheets.len();
            let rows = &mut book.sheets[s.index(n)].1;
            if rows.is_empty() {
                rows.push(Vec::new());
            }
            let row = r.index(rows.len());
            let row = &mut rows[row];
            let col = c.index(row.len() + 1);
            if row.len() <= col {
                row.resize(col + 1, Cell::Empty);
            }
            let was = row[col].clone();
            row[col] = match (kind, was) {
                (0, Cell::Text(_)) => Cell::Number(1.0),
                (0, _) => Cell::text("错"),
                (1, Cell::Date(_)) => Cell::text("2026-10-01"),
                (1, _) => Cell::Date(day("2026-10-01")),
                (2, Cell::Empty) => Cell::Number(f64::MAX),
                (2, _) => Cell::Empty,
                (_, Cell::Number(n)) => Cell::Number(n + 1.0),
                _ => Cell::Number(-1.0),
            };
            return rewritten(f, book);
        }
        Damage::HugeString(i, n) => edit(&bytes, "xl/sharedStrings.xml", |x| {
            let starts: Vec<usize> = x.match_indices("<si><t>").map(|(at, _)| at + 7).collect();
            let at = starts[i.index(starts.len())];
            format!("{}{}{}", &x[..at], "长".repeat(*n), &x[at..])
        }),
        Damage::Bomb(mb) => {
            let mut p = parts(&bytes);
            p.push(("xl/media/image1.png".into(), vec![0; mb << 20]));
            pack(&p)
        }
    };
    f.write(&broken)
}

#[test]
fn random_damage_is_refused_or_leaves_every_cell_as_exported() {
    let f = std::cell::RefCell::new(fixture());
    // The same cases on every run (the fuzzer is the open-ended search: scripts/fuzz.sh).
    let config = Config { cases: 64, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let strategy = (prop::sample::select(vec!["full", "masked", "summary"]), damage());
    let tally = std::cell::RefCell::new([0usize; 3]);
    runner
        .run(&strategy, |(base, d)| {
            let f = &mut *f.borrow_mut();
            let path = apply(f, base, &d);
            let intact_as = ReadBook { sheets: f.base(base).book.sheets.clone() };
            let outcome = f.check(&path, &intact_as);
            tally.borrow_mut()[match outcome {
                Outcome::Refused(_) => 0,
                Outcome::RefusedAtImport(_) => 1,
                Outcome::Intact => 2,
            }] += 1;
            std::fs::remove_file(&path).unwrap();
            Ok(())
        })
        .unwrap();
    let [refused, at_import, intact] = *tally.borrow();
    // Most damage must show: a run that lets everything through is testing nothing.
    eprintln!("refused {refused}, at import {at_import}, intact {intact}");
    assert!(refused > 40, "refused {refused}, at import {at_import}, intact {intact}");
}
