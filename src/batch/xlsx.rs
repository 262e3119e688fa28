//! Writing the workbook with rust_xlsxwriter and reading any `.xlsx` back with calamine, both in
//! terms of `grid::Sheet` cells.

use super::grid::{text_width, Cell, Look, Role, Sheet};
use super::{Manifest, CONFIDENTIAL, META_SHEET};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// Paper size code of A4 in the OOXML page setup.
const A4: u8 = 9;
/// Rows looked at when sizing a ledger's columns (the rest rarely differ, and reading every row
/// of a large batch twice would cost more than a slightly narrow column).
const WIDTH_SAMPLE_ROWS: usize = 500;

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    long: Format,
    date: Format,
    integer: Format,
    money: Format,
    hours: Format,
    percent: Format,
    code: Format,
    label: Format,
    total_label: Format,
    total: [Format; 4],
    stat: [Format; 4],
    note: Format,
    secret: Format,
}

fn styles() -> Styles {
    let base = Format::new().set_font_name("宋体").set_font_size(10.5);
    let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let num = |f: &str| cell.clone().set_num_format(f).set_align(FormatAlign::Right);
    let stat = |f: &str| num(f);
    let bold = |f: Format| f.set_bold().set_background_color(Color::RGB(0xF2F2F2));
    Styles {
        title: base.clone().set_bold().set_font_size(14),
        header: cell.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xDDEBF7)),
        text: cell.clone(),
        long: cell.clone().set_text_wrap(),
        date: num("yyyy-mm-dd").set_align(FormatAlign::Center),
        integer: num("0"),
        money: num("#,##0.00"),
        hours: num("0.0"),
        percent: num("0.0%"),
        code: cell.clone().set_num_format("@"),
        label: cell.clone().set_bold(),
        total_label: bold(cell.clone()),
        total: [bold(stat("0")), bold(stat("0.0%")), bold(stat("0.00")), bold(stat("0.0"))],
        stat: [stat("0"), stat("0.0%"), stat("0.00"), stat("0.0")],
        note: base.clone().set_font_color(Color::RGB(0x595959)),
        secret: base.set_bold().set_font_color(Color::RGB(0xC00000)),
    }
}

fn stat_index(look: Look) -> usize {
    match look {
        Look::Percent => 1,
        Look::Wan => 2,
        Look::Hours => 3,
        _ => 0,
    }
}

fn look_format<'a>(s: &'a Styles, look: Look) -> &'a Format {
    match look {
        Look::Text => &s.text,
        Look::Long => &s.long,
        Look::Date => &s.date,
        Look::Integer => &s.integer,
        Look::Money => &s.money,
        Look::Hours => &s.hours,
        Look::Percent => &s.percent,
        Look::Wan => &s.stat[2],
        Look::Code => &s.code,
    }
}

fn write_cell(ws: &mut Worksheet, row: u32, col: u16, c: &Cell, fmt: &Format) -> Result<(), XlsxError> {
    match c {
        Cell::Empty => {
            ws.write_blank(row, col, fmt)?;
        }
        // Always a string cell: text starting with = + - @ stays text, never a formula.
        Cell::Text(t) => {
            ws.write_string_with_format(row, col, t, fmt)?;
        }
        // What a spreadsheet program would keep of it on a save, so a save changes nothing.
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, super::grid::canonical_number(*n), fmt)?;
        }
        Cell::Date(d) => {
            use chrono::Datelike;
            let x = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_date_with_format(row, col, &x, fmt)?;
        }
    }
    Ok(())
}

fn page_setup(ws: &mut Worksheet, sheet: &Sheet) {
    ws.set_paper_size(A4);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    if sheet.confidential {
        ws.set_header(format!("&L&\"宋体,Bold\"&KC00000{CONFIDENTIAL}&R{}", sheet.name.replace('&', "&&")));
    } else {
        ws.set_header(format!("&R{}", sheet.name.replace('&', "&&")));
    }
    ws.set_footer("&C第 &P 页，共 &N 页");
}

fn ledger(ws: &mut Worksheet, s: &Styles, sheet: &Sheet, progress: &mut dyn FnMut(u64)) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.write_string_with_format(0, 0, &sheet.title, &s.title)?;
    ws.set_row_height(0, 24)?;
    for (i, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(1, i as u16, h, &s.header)?;
        ws.write_string(2, i as u16, &sheet.ids[i])?;
    }
    ws.set_row_height(1, 32)?;
    ws.set_row_hidden(2)?;
    // Only cells that need a number format or wrapping carry one: looking a format up for every
    // cell of a large ledger costs as much as writing it. The grid lines print instead of borders.
    let formats: Vec<Option<&Format>> =
        sheet.looks.iter().map(|l| matches!(l, Look::Date | Look::Money | Look::Hours | Look::Long).then(|| look_format(s, *l))).collect();
    for (r, row) in sheet.rows.iter().enumerate() {
        let y = r as u32 + super::grid::LEDGER_HEADER_ROWS;
        for (i, c) in row.iter().enumerate() {
            match (c, formats[i]) {
                (Cell::Empty, _) => {}
                (_, Some(f)) => write_cell(ws, y, i as u16, c, f)?,
                (Cell::Text(t), None) => {
                    ws.write_string(y, i as u16, t)?;
                }
                (Cell::Number(n), None) => {
                    ws.write_number(y, i as u16, *n)?;
                }
                (Cell::Date(_), None) => write_cell(ws, y, i as u16, c, &s.date)?,
            }
        }
        if r % 1000 == 999 {
            progress(1000);
        }
    }
    progress((sheet.rows.len() % 1000) as u64);
    for (i, look) in sheet.looks.iter().enumerate() {
        let mut w = text_width(&sheet.headers[i]).min(16.0);
        for row in sheet.rows.iter().take(WIDTH_SAMPLE_ROWS) {
            w = w.max(match &row[i] {
                Cell::Text(t) => text_width(t),
                Cell::Date(_) => 11.0,
                Cell::Number(n) => super::grid::format_number(*n).len() as f64 + 3.0,
                Cell::Empty => 0.0,
            });
        }
        let w = match look {
            Look::Long => w.clamp(12.0, 40.0),
            Look::Date => 11.5,
            Look::Code => w.clamp(12.0, 22.0),
            _ => w.clamp(6.0, 30.0),
        };
        ws.set_column_width(i as u16, w + 1.0)?;
    }
    if !sheet.rows.is_empty() || !sheet.headers.is_empty() {
        ws.set_freeze_panes(super::grid::LEDGER_HEADER_ROWS, 1)?;
    }
    ws.set_repeat_rows(0, 1)?;
    ws.set_repeat_columns(0, 0)?;
    ws.set_print_gridlines(true);
    Ok(())
}

fn statistics(ws: &mut Worksheet, s: &Styles, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_landscape();
    // Two pages wide with the row labels repeated: one page would shrink the figures past reading.
    ws.set_print_fit_to_pages(2, 0);
    ws.set_repeat_columns(0, 0)?;
    let merged: std::collections::HashSet<(u32, u16)> = sheet.merges.iter().flat_map(|&(r1, c1, r2, c2)| (r1..=r2).flat_map(move |r| (c1..=c2).map(move |c| (r, c)))).collect();
    for &(r1, c1, r2, c2) in &sheet.merges {
        let text = sheet.rows[r1 as usize].get(c1 as usize).and_then(Cell::as_text).unwrap_or("");
        ws.merge_range(r1, c1, r2, c2, text, &s.header)?;
    }
    let header_rows = sheet.header_rows as usize;
    for (r, row) in sheet.rows.iter().enumerate() {
        let y = r as u32;
        let total = row.first().and_then(Cell::as_text) == Some("合计") || row.first().and_then(Cell::as_text) == Some("本年累计");
        for (i, c) in row.iter().enumerate() {
            if merged.contains(&(y, i as u16)) {
                continue;
            }
            let fmt = if r == 0 {
                &s.title
            } else if r < 2 {
                &s.note
            } else if r < header_rows {
                &s.header
            } else if r < header_rows + data_rows(sheet) {
                if i == 0 {
                    if total { &s.total_label } else { &s.label }
                } else {
                    let k = stat_index(sheet.looks.get(i).copied().unwrap_or(Look::Integer));
                    if total { &s.total[k] } else { &s.stat[k] }
                }
            } else {
                &s.note
            };
            if *c != Cell::Empty {
                write_cell(ws, y, i as u16, c, fmt)?;
            }
        }
    }
    ws.set_row_height(0, 24)?;
    ws.set_row_height(3, 62)?;
    ws.set_column_width(0, 18)?;
    for i in 1..sheet.looks.len() {
        ws.set_column_width(i as u16, 7)?;
    }
    ws.set_freeze_panes(sheet.header_rows, 1)?;
    ws.set_repeat_rows(0, sheet.header_rows - 1)?;
    Ok(())
}

/// Rows of figures on a statistics sheet (between the header and the notes).
fn data_rows(sheet: &Sheet) -> usize {
    sheet.rows[sheet.header_rows as usize..].iter().take_while(|r| !r.is_empty()).count()
}

fn cover(ws: &mut Worksheet, s: &Styles, sheet: &Sheet) -> Result<(), XlsxError> {
    const VALUE_WIDTH: f64 = 50.0;
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, VALUE_WIDTH)?;
    ws.set_column_width(2, 8)?;
    ws.set_print_fit_to_pages(1, 0);
    for (r, row) in sheet.rows.iter().enumerate() {
        // Wrapped values get the height of their lines (not every program sizes rows itself).
        if let Some(Cell::Text(t)) = row.get(1) {
            let lines = (text_width(t) / (VALUE_WIDTH - 2.0)).ceil().max(1.0);
            if lines > 1.0 {
                ws.set_row_height(r as u32, 14.5 * lines)?;
            }
        }
        for (i, c) in row.iter().enumerate() {
            let fmt = match (r, i, c) {
                (0, _, _) => &s.title,
                (_, _, Cell::Text(t)) if t == CONFIDENTIAL => &s.secret,
                (_, 0, _) => &s.label,
                (_, _, Cell::Number(_)) => &s.integer,
                _ => &s.long,
            };
            if *c != Cell::Empty {
                write_cell(ws, r as u32, i as u16, c, fmt)?;
            }
        }
    }
    ws.set_row_height(0, 28)?;
    Ok(())
}

/// The whole workbook in memory: the sheets in order, then the very hidden manifest.
pub fn write(sheets: &[Sheet], manifest: &Manifest, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, XlsxError> {
    let s = styles();
    let mut wb = Workbook::new();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        page_setup(ws, sheet);
        match sheet.role {
            Role::Ledger => ledger(ws, &s, sheet, progress)?,
            Role::Statistics => statistics(ws, &s, sheet)?,
            Role::Cover | Role::Meta => cover(ws, &s, sheet)?,
        }
    }
    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET)?;
    for (r, (k, v)) in manifest.0.iter().enumerate() {
        meta.write_string(r as u32, 0, k)?;
        meta.write_string(r as u32, 1, v)?;
    }
    meta.set_very_hidden(true);
    wb.save_to_buffer()
}

// ── Reading ─────────────────────────────────────────────────────────────────────────────────
//
// A batch arrives from outside (a USB stick, an email), and an `.xlsx` is a zip of XML: a few
// kilobytes can declare gigabytes, cells a million rows apart make a dense grid of billions, and
// a sheet list can name the same part over and over. So the file is measured before it is parsed
// and the grid is counted as it is built; anything past `Limits::BATCH` is refused with a reason
// before it can take the memory or the time it asks for.

/// What a file may ask of the reader. Each bound is several times what the largest batch we could
/// make needs: five years of a big office's records in one first batch (6,000 cases, 9,000
/// consultations, 1,200 applications, 480 subjects with 68,000 events) is 7.6 MB on disk and 65 MB
/// unpacked in 22 parts; its largest part is 33.5 MB, its shared strings 7.9 MB with 173,256
/// strings, no part packs tighter than 9.6:1, and it reads as 13 sheets, 107,890 rows and 3.1
/// million cells (72 columns at most) holding 25 MB of text. A month's batch of a real office is a
/// small fraction of that (a year of an ordinary office: 0.37 MB, 100,765 cells).
///
/// Memory is bounded by the cells and text (10 million cells of 32 bytes, 128 MB of text) plus the
/// shared strings; time by the unpacked bytes, each read at most about once (see `Budget`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// The file on disk.
    pub file_bytes: u64,
    /// Parts in the zip (a batch has 22).
    pub parts: usize,
    /// One part unpacked, as its zip entry declares it (the zip reader stops at the declared size).
    pub part_bytes: u64,
    /// The shared strings, which the reader keeps in memory whole.
    pub shared_strings_bytes: u64,
    /// Distinct shared strings the file may announce (the reader reserves room for them up front).
    pub shared_strings: u64,
    /// Every part unpacked.
    pub total_bytes: u64,
    /// Unpacked over packed size of a part above `ratio_from` bytes: a batch's XML packs at about
    /// 10:1, a zip bomb at about 1000:1.
    pub ratio: u64,
    pub ratio_from: u64,
    /// Sheets in the workbook (a full batch has 13).
    pub sheets: usize,
    /// Rows of all sheets together, blank rows between filled ones included.
    pub rows: usize,
    /// Cells of all sheets together, blank cells left of a filled one included.
    pub cells: usize,
    /// Text in all cells together, in bytes.
    pub text_bytes: usize,
    /// Characters in one cell: Excel's own limit, which the writer cannot exceed either.
    pub cell_chars: usize,
}

impl Limits {
    pub const BATCH: Limits = Limits {
        file_bytes: 64 << 20,
        parts: 256,
        part_bytes: 128 << 20,
        shared_strings_bytes: 64 << 20,
        shared_strings: 2_000_000,
        total_bytes: 256 << 20,
        ratio: 100,
        ratio_from: 1 << 20,
        sheets: 64,
        rows: 1_000_000,
        cells: 10_000_000,
        text_bytes: 128 << 20,
        cell_chars: 32_767,
    };
}

/// Excel's grid: a cell outside it is not from a spreadsheet program.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

/// Why a file could not be read as a workbook. `Display` is the reason for the user, in Chinese.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// Refused without being read through: past one of the `Limits`, or built as no spreadsheet
    /// program builds a workbook. Says which.
    Refused(String),
    /// Not a readable `.xlsx` (broken zip or XML, missing parts); the parser's own words, for a log.
    Unreadable(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Refused(why) => write!(f, "文件过大或已损坏，不是本程序导出的月度报送文件（{why}）。"),
            ReadError::Unreadable(_) => f.write_str("文件已损坏或不完整，无法作为 Excel 文件读取（可能在复制或传送中被截断）。"),
        }
    }
}

impl std::error::Error for ReadError {}

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(e.to_string())
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
}

/// A part's name as it may be shown: the file chose it, so it is cut short.
fn part_name(name: &str) -> String {
    let mut s: String = name.chars().filter(|c| !c.is_control()).take(60).collect();
    if name.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// Measures the zip before anything is unpacked: the sizes its entries declare (which the zip
/// reader then holds them to), how tightly they pack, and the number of shared strings announced.
fn check_parts<R: std::io::Read + std::io::Seek>(reader: R, limits: &Limits) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(unreadable)?;
    if zip.len() > limits.parts {
        return Err(ReadError::Refused(format!("压缩包中有 {} 个部件，月度报送文件只有二十余个", zip.len())));
    }
    // Two parts of one name (as the reader compares names: any case, either slash) would let two
    // programs see two different workbooks in one file; no spreadsheet program writes them.
    let twice = || Err(ReadError::Refused("压缩包中有重名的部件".into()));
    if zip.has_duplicate_names() {
        return twice();
    }
    let mut names = std::collections::HashSet::new();
    let mut total = 0u64;
    let mut shared_strings = Vec::new();
    let mut bomb = None;
    for i in 0..zip.len() {
        let entry = zip.by_index_data(i).map_err(unreadable)?;
        let name = entry.name().map_err(unreadable)?.into_owned();
        let (size, packed) = (entry.size(), entry.compressed_size());
        let normal = name.replace('\\', "/").to_ascii_lowercase();
        if !names.insert(normal.clone()) {
            return twice();
        }
        // The reader looks the shared strings up by this name, in whatever folder the workbook is.
        let strings = normal.ends_with("sharedstrings.xml");
        let limit = if strings { limits.shared_strings_bytes } else { limits.part_bytes };
        if size > limit {
            return Err(ReadError::Refused(format!("部件“{}”解压后有 {}，上限为 {}", part_name(&name), mb(size), mb(limit))));
        }
        total = total.saturating_add(size);
        if total > limits.total_bytes {
            return Err(ReadError::Refused(format!("解压后超过 {}", mb(limits.total_bytes))));
        }
        if bomb.is_none() && size > limits.ratio_from && size / packed.max(1) > limits.ratio {
            bomb = Some(format!("部件“{}”的压缩比约为 {}:1（正常文件约 10:1），疑似“压缩炸弹”", part_name(&name), size / packed.max(1)));
        }
        if strings {
            shared_strings.push(i);
        }
    }
    if let Some(why) = bomb {
        return Err(ReadError::Refused(why));
    }
    for i in shared_strings {
        let part = zip.by_index(i).map_err(unreadable)?;
        let most = (part.size() / 5).min(limits.shared_strings);
        check_string_count(std::io::BufReader::new(part), most)?;
    }
    Ok(())
}

/// The reader reserves room for as many strings as `<sst uniqueCount="…">` announces, before it
/// reads one: a number no part of this size could hold (each string takes at least `<si/>`, five
/// bytes) is a request for memory, not a count. The tag is found as the reader finds it: the first
/// start tag named `sst`.
fn check_string_count<R: std::io::BufRead>(part: R, most: u64) -> Result<(), ReadError> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(part);
    xml.config_mut().check_end_names = false;
    xml.config_mut().check_comments = false;
    xml.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let tag = loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => break e.attributes_raw().as_bytes().to_vec(),
            // The reader refuses these files on its own.
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    };
    let key = b"uniqueCount";
    let mut rest = &tag[..];
    while let Some(at) = rest.windows(key.len()).position(|w| w == key) {
        rest = &rest[at + key.len()..];
        let digits: Vec<u8> = rest.iter().skip_while(|b| b.is_ascii_whitespace() || matches!(b, b'=' | b'"' | b'\'')).take_while(|b| b.is_ascii_digit()).copied().collect();
        let count = std::str::from_utf8(&digits).ok().and_then(|d| d.parse::<u64>().ok());
        if count.is_none_or(|n| n > most) {
            let shown = String::from_utf8_lossy(&digits[..digits.len().min(20)]).into_owned();
            let shown = if shown.is_empty() { "无法识别的数目".to_string() } else { format!("{shown} 个") };
            return Err(ReadError::Refused(format!("共享字符串表声明有{shown}字符串，超出文件能容纳的数量")));
        }
    }
    Ok(())
}

/// The file as the reader sees it, but only so many bytes in all: the reader goes through each
/// part of a batch once, so a workbook that makes it read far more than the file (sheets that
/// all point at one part) is stopped, not parsed again and again.
struct Budget<'a, R> {
    inner: R,
    left: &'a std::cell::Cell<u64>,
}

impl<R: std::io::Read> std::io::Read for Budget<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.left.get();
        if left == 0 && !buf.is_empty() {
            return Err(std::io::Error::other("read budget spent"));
        }
        let most = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..most])?;
        self.left.set(left - n as u64);
        Ok(n)
    }
}

impl<R: std::io::Seek> std::io::Seek for Budget<'_, R> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Rows, cells and text of the whole book so far.
struct Tally<'a> {
    limits: &'a Limits,
    rows: usize,
    cells: usize,
    text: usize,
}

impl Tally<'_> {
    fn cell(&mut self, c: &Cell) -> Result<(), ReadError> {
        self.cells += 1;
        if let Cell::Text(t) = c {
            self.text += t.len();
        }
        self.check()
    }

    fn check(&self) -> Result<(), ReadError> {
        if self.rows > self.limits.rows {
            return Err(ReadError::Refused(format!("行数超过 {} 行", self.limits.rows)));
        }
        if self.cells > self.limits.cells {
            return Err(ReadError::Refused(format!("单元格超过 {} 个", self.limits.cells)));
        }
        if self.text > self.limits.text_bytes {
            return Err(ReadError::Refused(format!("文字超过 {}", mb(self.limits.text_bytes as u64))));
        }
        Ok(())
    }
}

/// Excel's calendar runs from serial 0 to 9999-12-31. chrono panics on a serial whose milliseconds
/// overflow, and no batch holds a date outside the calendar, so such a cell reads as its number.
const LAST_EXCEL_SERIAL: f64 = 2_958_466.0;

fn to_cell(d: &calamine::DataRef<'_>, sheet: &str, limits: &Limits) -> Result<Cell, ReadError> {
    use calamine::DataRef;
    let text = |s: &str| {
        if s.len() > limits.cell_chars && s.chars().count() > limits.cell_chars {
            return Err(ReadError::Refused(format!("「{}」中有单元格超过 {} 个字符（Excel 单元格的上限）", part_name(sheet), limits.cell_chars)));
        }
        Ok(Cell::text(s))
    };
    Ok(match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text(s)?,
        DataRef::SharedString(s) => text(s)?,
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(x) => {
            let serial = x.as_f64();
            let day = (x.is_datetime() && (0.0..LAST_EXCEL_SERIAL).contains(&serial)).then(|| x.as_datetime()).flatten();
            match day {
                Some(t) if t.time() == chrono::NaiveTime::MIN => Cell::Date(t.date()),
                _ => Cell::Number(serial),
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s)?,
        DataRef::Error(e) => Cell::text(format!("#{e:?}")),
    })
}

/// One sheet as rows of cells from A1, built from the cells the file holds (calamine's own range
/// would first allocate the rectangle around them, however far apart they are).
fn read_sheet<R: std::io::Read + std::io::Seek>(wb: &mut calamine::Xlsx<R>, name: &str, tally: &mut Tally<'_>) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut cells = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells, as calamine's range reader reads it too.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(unreadable(e)),
    };
    // A sheet that says how far it reaches is taken at its word when that is too far (a lie the
    // other way is caught below, cell by cell).
    let declared = cells.dimensions();
    if declared.end.0 as usize + 1 > tally.limits.rows.saturating_sub(tally.rows) {
        return Err(ReadError::Refused(format!("「{}」声明有 {} 行，行数超过 {} 行", part_name(name), declared.end.0 as u64 + 1, tally.limits.rows)));
    }
    let mut found: Vec<(u32, u32, Cell)> = Vec::new();
    while let Some(c) = cells.next_cell().map_err(unreadable)? {
        let cell = to_cell(c.get_value(), name, tally.limits)?;
        if cell == Cell::Empty {
            continue;
        }
        let (r, col) = c.get_position();
        if r >= EXCEL_ROWS || col >= EXCEL_COLUMNS {
            return Err(ReadError::Refused(format!("「{}」中有位于 Excel 表格范围以外的单元格", part_name(name))));
        }
        if tally.rows + r as usize + 1 > tally.limits.rows {
            return Err(ReadError::Refused(format!("行数超过 {} 行", tally.limits.rows)));
        }
        tally.cell(&cell)?;
        found.push((r, col, cell));
    }
    drop(cells);
    // Files list cells row by row; one that does not is read all the same (a stable sort, so the
    // later of two cells at one place wins, as in calamine's range).
    if !found.is_sorted_by_key(|(r, c, _)| (*r, *c)) {
        found.sort_by_key(|(r, c, _)| (*r, *c));
    }
    let Some(&(last_row, _, _)) = found.last() else { return Ok(Vec::new()) };
    // The grid about to be built, blanks between filled cells included, counted before it exists.
    let mut widths: Vec<(u32, usize)> = Vec::new();
    for (r, c, _) in &found {
        match widths.last_mut() {
            Some((row, w)) if row == r => *w = *c as usize + 1,
            _ => widths.push((*r, *c as usize + 1)),
        }
    }
    tally.rows += last_row as usize + 1;
    tally.cells = tally.cells - found.len() + widths.iter().map(|(_, w)| w).sum::<usize>();
    tally.check()?;
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); last_row as usize + 1];
    for (r, w) in widths {
        rows[r as usize] = vec![Cell::Empty; w];
    }
    for (r, c, cell) in found {
        rows[r as usize][c as usize] = cell;
    }
    Ok(rows)
}

/// A workbook as read back: its sheets in order, each as rows of cells from A1.
pub struct ReadBook {
    pub sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

fn read_book<R: std::io::Read + std::io::Seek>(reader: R, limits: &Limits) -> Result<ReadBook, ReadError> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(reader).map_err(unreadable)?;
    let names = wb.sheet_names();
    if names.len() > limits.sheets {
        return Err(ReadError::Refused(format!("有 {} 个工作表，月度报送文件只有十余个", names.len())));
    }
    let mut tally = Tally { limits, rows: 0, cells: 0, text: 0 };
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let rows = read_sheet(&mut wb, &name, &mut tally)?;
        sheets.push((name, rows));
    }
    Ok(ReadBook { sheets })
}

/// Reads every sheet of an `.xlsx`, within `Limits::BATCH`.
pub fn read(path: &std::path::Path) -> Result<ReadBook, ReadError> {
    read_within(path, &Limits::BATCH)
}

/// Reads every sheet of an `.xlsx`, refusing it as soon as it goes past `limits`.
pub fn read_within(path: &std::path::Path, limits: &Limits) -> Result<ReadBook, ReadError> {
    use std::io::Seek;
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > limits.file_bytes {
        return Err(ReadError::Refused(format!("文件有 {}，月度报送文件不会超过 {}", mb(len), mb(limits.file_bytes))));
    }
    let mut file = std::io::BufReader::new(file);
    check_parts(&mut file, limits)?;
    file.rewind().map_err(unreadable)?;
    // Each part once, and the zip's directory: twice the file leaves room to spare.
    let left = std::cell::Cell::new(2 * len + (1 << 20));
    // calamine is not ours to fix: a panic in it (an overflow on a crafted cell reference in a
    // debug build, say) must refuse the file, not take the district's import down with it.
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_book(Budget { inner: &mut file, left: &left }, limits)));
    match read {
        Ok(Err(_)) if left.get() == 0 => Err(ReadError::Refused("文件中的同一部分被反复引用".into())),
        Ok(r) => r,
        Err(_) => Err(ReadError::Unreadable("calamine panicked".into())),
    }
}

#[cfg(test)]
mod tests;
