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
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, *n, fmt)?;
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

/// A workbook as read back: its sheets in order, each as rows of cells from A1.
pub struct ReadBook {
    pub sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

fn to_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(x) => match x.as_datetime() {
            Some(t) if x.is_datetime() && t.time() == chrono::NaiveTime::MIN => Cell::Date(t.date()),
            _ => Cell::Number(x.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text(s.clone()),
        Data::Error(e) => Cell::text(format!("#{e:?}")),
    }
}

/// Reads every sheet of an `.xlsx`. Errors are calamine's, for the caller to word.
pub fn read(path: &std::path::Path) -> Result<ReadBook, calamine::XlsxError> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path)?;
    let names = wb.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = wb.worksheet_range(&name)?;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            let width = range.width();
            for _ in 0..r0 {
                rows.push(Vec::new());
            }
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; c0 as usize];
                cells.reserve(width);
                cells.extend(row.iter().map(to_cell));
                while cells.last() == Some(&Cell::Empty) {
                    cells.pop();
                }
                rows.push(cells);
            }
        }
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        sheets.push((name, rows));
    }
    Ok(ReadBook { sheets })
}
