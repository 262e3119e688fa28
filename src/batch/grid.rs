//! The workbook as data: sheets of typed cells, exactly as a reader finds them in the file. The
//! digest is computed over this form, so the writer and any later reader agree on it without
//! looking at bytes. Since format 1.1 it reads each value in a canonical form (numbers to 15
//! significant digits, line ends as LF) that a spreadsheet program's save leaves alone, so a file
//! opened and saved in Excel, WPS or LibreOffice without edits still verifies.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// Text, or `Empty` for an empty string (an empty string cell reads back as nothing).
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// How a column looks: drives number formats, alignment and width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Text,
    /// Wrapped free text.
    Long,
    Date,
    Integer,
    Money,
    Hours,
    Percent,
    /// 万元, two decimals.
    Wan,
    /// ID and phone numbers: text, never a number, monospaced-looking width.
    Code,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Cover,
    Ledger,
    Statistics,
    Meta,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Cover => "cover",
            Role::Ledger => "ledger",
            Role::Statistics => "statistics",
            Role::Meta => "meta",
        }
    }
}

/// One sheet. For a ledger, `rows` are data rows under a title row, a header row and a hidden
/// row of field ids; for the other sheets `rows` is the whole sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub title: String,
    pub content: String,
    pub role: Role,
    pub confidential: bool,
    pub headers: Vec<String>,
    pub ids: Vec<String>,
    pub looks: Vec<Look>,
    pub rows: Vec<Vec<Cell>>,
    /// Statistics sheets: merged header cells (first row, first column, last row, last column).
    pub merges: Vec<(u32, u16, u32, u16)>,
    pub header_rows: u32,
}

/// Rows above the data in a ledger: title, Chinese headers, field ids (hidden).
pub const LEDGER_HEADER_ROWS: u32 = 3;

impl Sheet {
    /// A cover sheet (封面) of `rows`, named as every batch and report names it.
    pub fn cover(content: &str, confidential: bool, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: crate::batch::COVER_SHEET.into(),
            title: String::new(),
            content: content.into(),
            role: Role::Cover,
            confidential,
            headers: Vec::new(),
            ids: Vec::new(),
            looks: Vec::new(),
            rows,
            merges: Vec::new(),
            header_rows: 0,
        }
    }

    /// The data rows a reader must find, for the manifest's counts.
    pub fn data_rows(&self) -> i64 {
        match self.role {
            Role::Ledger => self.rows.len() as i64,
            _ => 0,
        }
    }

    /// The digest of the sheet as a reader will find it (in the current format's canonical form),
    /// without copying its rows.
    pub fn digest(&self) -> String {
        let canon = Canon::CURRENT;
        match self.role {
            Role::Ledger => {
                let title = vec![Cell::text(self.title.clone())];
                let headers: Vec<Cell> = self.headers.iter().map(|h| Cell::text(h.clone())).collect();
                let ids: Vec<Cell> = self.ids.iter().map(|h| Cell::text(h.clone())).collect();
                digest_rows(&self.name, [&title, &headers, &ids].into_iter().chain(self.rows.iter()), canon)
            }
            _ => digest_rows(&self.name, self.rows.iter(), canon),
        }
    }

    /// The sheet as a reader finds it: every row from the top.
    pub fn grid(&self) -> Vec<Vec<Cell>> {
        match self.role {
            Role::Ledger => {
                let mut g = Vec::with_capacity(self.rows.len() + 3);
                g.push(vec![Cell::text(self.title.clone())]);
                g.push(self.headers.iter().map(|h| Cell::text(h.clone())).collect());
                g.push(self.ids.iter().map(|h| Cell::text(h.clone())).collect());
                g.extend(self.rows.iter().cloned());
                g
            }
            _ => self.rows.clone(),
        }
    }
}

/// Backslash, tab and newline escaped, so a cell can never fake a cell or row boundary.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn push_escaped(out: &mut String, s: &str) {
    if !s.contains(['\\', '\t', '\n', '\r']) {
        out.push_str(s);
        return;
    }
    out.push_str(&escape(s));
}

/// How a digest reads the values of a sheet: the batch format's version says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Canon {
    /// Format 1: values exactly as written (numbers in their shortest form, text as it is).
    AsWritten,
    /// Format 1.1: numbers to 15 significant digits, CR LF and CR as LF.
    Saved,
}

impl Canon {
    /// The form new batches are sealed in.
    pub const CURRENT: Canon = Canon::Saved;
}

/// The number a spreadsheet program keeps: Excel, WPS and LibreOffice hold 15 significant
/// digits, and LibreOffice writes no more when it saves. The writer writes this number, and the
/// digest of format 1.1 reads this number, so neither a save nor the 17 digits Excel may write
/// can change what is sealed.
pub fn canonical_number(n: f64) -> f64 {
    if n == 0.0 {
        return 0.0;
    }
    if !n.is_finite() {
        return n;
    }
    format!("{n:.14e}").parse().unwrap_or(n)
}

/// Text with CR LF and lone CR as LF: how format 1.1 reads it, since a spreadsheet program may
/// write either for the LF it was given.
pub fn line_ends_as_lf(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        s.into()
    }
}

fn encode_cell(c: &Cell, out: &mut String, canon: Canon) {
    use std::fmt::Write;
    match c {
        Cell::Empty => {}
        Cell::Text(s) => {
            out.push_str("s:");
            if canon == Canon::Saved {
                push_escaped(out, &line_ends_as_lf(s));
            } else {
                push_escaped(out, s);
            }
        }
        Cell::Number(n) => {
            out.push_str("n:");
            let n = if canon == Canon::Saved { canonical_number(*n) } else { *n };
            if n == 0.0 {
                out.push('0');
            } else {
                let _ = write!(out, "{n}");
            }
        }
        Cell::Date(d) => {
            let _ = write!(out, "d:{d}");
        }
    }
}

/// Shortest form that reads back as the same number (`-0` as `0`).
pub fn format_number(n: f64) -> String {
    if n == 0.0 {
        "0".to_string()
    } else {
        format!("{n}")
    }
}

/// SHA-256 of one sheet's rows in canonical form: trailing empty cells and rows do not count
/// (a reader cannot see them); on the cover the digest's own cell is left out.
pub fn sheet_digest(name: &str, rows: &[Vec<Cell>], canon: Canon) -> String {
    digest_rows(name, rows.iter(), canon)
}

fn digest_rows<'a>(name: &str, rows: impl Iterator<Item = &'a Vec<Cell>>, canon: Canon) -> String {
    let mut h = Sha256::new();
    h.update(b"S\t");
    h.update(escape(name).as_bytes());
    h.update(b"\n");
    let cover = name == super::COVER_SHEET;
    let mut line = String::new();
    // Empty rows count only when a non-empty row follows them.
    let mut pending_empty = 0usize;
    for row in rows {
        // On the cover, the digest's own cell (B of its row) cannot be part of the digest.
        let blank_digest = cover && row.first().and_then(Cell::as_text) == Some(super::COVER_DIGEST_LABEL);
        let visible = |i: usize, c: &Cell| *c != Cell::Empty && !(blank_digest && i == 1);
        let last = row.iter().enumerate().rposition(|(i, c)| visible(i, c)).map_or(0, |i| i + 1);
        if last == 0 {
            pending_empty += 1;
            continue;
        }
        for _ in 0..pending_empty {
            h.update(b"\n");
        }
        pending_empty = 0;
        line.clear();
        for (i, c) in row[..last].iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            if !(blank_digest && i == 1) {
                encode_cell(c, &mut line, canon);
            }
        }
        line.push('\n');
        h.update(line.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Display width of text in Excel's units: a CJK or full-width character takes two.
pub fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 || ('\u{FF01}'..='\u{FF60}').contains(&c) { 1.9 } else { 1.0 })
        .sum()
}
