//! Reading data: CSV/XLSX bytes → [`Dataset`], missing-value handling and
//! per-column summaries.
//!
//! Every problem with the file is an [`Error`] that says where (row as a
//! spreadsheet counts it: header = row 1; column name) and what to do.

// `crate::Error` is 128+ bytes; boxing it is a crate-wide decision (error.rs),
// not one for this module.
#![allow(clippy::result_large_err)]

use crate::error::{DataError, Error, FileError, Result};
use serde::{Deserialize, Serialize};

mod cell;
pub mod suspect;
mod csv;
mod missing;
mod xlsx;

#[cfg(test)]
mod tests;

pub use self::csv::read_csv;
pub use self::missing::{handle_missing, handle_missing_flat, ColumnMissing, MissingPolicy, MissingReport};
pub use self::xlsx::read_xlsx;

/// Largest file accepted, in bytes (200 MB).
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// Named numeric columns; missing cells are `f64::NAN`.
///
/// All columns have the same length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub names: Vec<String>,
    pub columns: Vec<Vec<f64>>,
}

impl Dataset {
    pub fn n_rows(&self) -> usize {
        self.columns.first().map_or(0, |c| c.len())
    }
    pub fn n_cols(&self) -> usize {
        self.names.len()
    }
    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.index_of(name).map(|i| self.columns[i].as_slice())
    }
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
    /// Keep only these columns (by name, in this order).
    ///
    /// Error `data.unknown_column` if a name is not in the data.
    pub fn select(&self, names: &[&str]) -> Result<Dataset> {
        let index = self.name_index();
        let mut out = Dataset { names: Vec::with_capacity(names.len()), columns: Vec::with_capacity(names.len()) };
        for &name in names {
            let i = *index.get(name).ok_or_else(|| unknown_column(self, name))?;
            out.names.push(self.names[i].clone());
            out.columns.push(self.columns[i].clone());
        }
        Ok(out)
    }

    /// Name → column index, for lookups of many names without quadratic cost.
    pub(crate) fn name_index(&self) -> std::collections::HashMap<&str, usize> {
        let mut m = std::collections::HashMap::with_capacity(self.names.len());
        for (i, n) in self.names.iter().enumerate() {
            m.entry(n.as_str()).or_insert(i);
        }
        m
    }
}

pub(crate) fn unknown_column(ds: &Dataset, name: &str) -> Error {
    const SHOW: usize = 12;
    let mut available: Vec<String> = ds.names.iter().take(SHOW).cloned().collect();
    if ds.names.len() > SHOW {
        available.push("…".into());
    }
    Error::from(DataError::UnknownColumn { name: name.to_string(), available }).at_column(name)
}

/// How to read a file. `Default` detects everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// `None` = detect among `,` `;` and tab.
    pub delimiter: Option<u8>,
    /// `None` = detect (only possible when the delimiter is `;` or tab).
    pub decimal_comma: Option<bool>,
    /// Extra missing-value markers, e.g. `"-99"`. Matched on the trimmed
    /// text, and numerically (`"-99.0"` matches `-99`).
    pub missing_codes: Vec<String>,
    /// XLSX sheet name; `None` = first sheet.
    pub sheet: Option<String>,
    /// The user answered that the values that look like missing-value codes
    /// (`suspect::suspect_codes`) are answers: no warning about them.
    pub codes_are_answers: bool,
    /// A grouping column (multigroup analysis): its cells are also kept as
    /// text in [`ReadInfo::group_cells`], and it takes any cell (a column
    /// with text is left out of the numeric [`Dataset`], as every text
    /// column is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_column: Option<String>,
}

/// What was found while reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadInfo {
    /// Delimiter used (CSV); 0 for XLSX.
    pub delimiter: u8,
    pub decimal_comma: bool,
    pub rows: usize,
    pub columns: usize,
    /// `"csv"` or `"xlsx"`.
    pub format: String,
    /// The cells of [`ReadOptions::group_column`], trimmed, one per data row
    /// (`None` = missing); `None` without a grouping column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_cells: Option<Vec<Option<String>>>,
    /// Columns that hold text, set aside (not in the numeric data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub text_columns: Vec<TextColumn>,
    /// File rows (1-based) of records without any value between the header
    /// and the last data row, skipped (CSV).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blank_rows: Vec<usize>,
}

impl ReadInfo {
    /// The error for a model that uses a text column as an indicator (its
    /// first cell that is not a number), if any of `names` is one.
    pub fn text_in<'a>(&self, mut names: impl Iterator<Item = &'a str>) -> Option<Error> {
        names.find_map(|n| self.text_columns.iter().find(|t| t.name == n)).map(|t| t.error.clone())
    }
}

/// A column that holds text — a firm's name, a gender, a timestamp: kept
/// aside as text, out of the numeric [`Dataset`], so the preview shows it
/// and it can serve as a group. A model that uses it as an indicator gets
/// `error` (its first cell that is not a number, with row and column).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextColumn {
    pub name: String,
    /// Its place among the file's named columns (0-based).
    pub position: usize,
    /// Its cells, trimmed, one per data row (`None` = empty or missing).
    pub cells: Vec<Option<String>>,
    pub error: Error,
}

impl TextColumn {
    /// Its distinct values in order of first appearance, at most `max`.
    pub fn distinct(&self, max: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in self.cells.iter().flatten() {
            if out.len() >= max {
                break;
            }
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
        out
    }
}

/// Whether a cell's problem means the column holds text rather than
/// mistyped numbers (a thousands separator or a decimal comma in the
/// wrong file stay errors: they are numbers to fix, not text to keep).
fn is_text(e: &Error) -> bool {
    matches!(&e.kind, crate::error::ErrorKind::File(FileError::NotANumber { .. } | FileError::Boolean { .. } | FileError::DateTime { .. }))
}

/// What the readers do with cells that are not numbers: a column with
/// text is set aside ([`TextColumn`]); the grouping column takes anything
/// and keeps its cells as text ([`ReadInfo::group_cells`]).
pub(crate) struct CellSorter {
    /// Index of the grouping column among the kept columns.
    group: Option<usize>,
    group_cells: Vec<Option<String>>,
    /// Per kept column: the located problem of its first text cell.
    first_text: Vec<Option<Error>>,
}

impl CellSorter {
    pub(crate) fn new(names: &[String], keep: &[usize], opts: &ReadOptions) -> Self {
        let group = opts.group_column.as_ref().and_then(|g| keep.iter().position(|&j| &names[j] == g));
        CellSorter { group, group_cells: Vec::new(), first_text: vec![None; keep.len()] }
    }

    /// Whether kept column `k` is the grouping column (whose cells' text
    /// is recorded).
    pub(crate) fn is_group(&self, k: usize) -> bool {
        self.group == Some(k)
    }

    /// The number for cell `k` of a row (`parsed`, its error already
    /// located); text marks the column as text and reads as missing.
    pub(crate) fn value(&mut self, k: usize, text: &str, parsed: Result<f64>) -> Result<f64> {
        let grouping = self.is_group(k);
        if grouping {
            let t = text.trim();
            let missing = t.is_empty() || matches!(parsed, Ok(v) if v.is_nan());
            self.group_cells.push((!missing).then(|| t.to_string()));
        }
        match parsed {
            Err(e) if grouping || is_text(&e) => {
                self.first_text[k].get_or_insert(e);
                Ok(f64::NAN)
            }
            other => other,
        }
    }

    /// Move the text columns out of the numeric data, their cells from
    /// `cell(k)` (every data row's cell of kept column `k`, trimmed); the
    /// grouping column's cells.
    pub(crate) fn finish(
        self,
        names: &mut Vec<String>,
        columns: &mut Vec<Vec<f64>>,
        cells: impl Fn(usize) -> Vec<Option<String>>,
    ) -> (Vec<TextColumn>, Option<Vec<Option<String>>>) {
        let mut text = Vec::new();
        for (k, error) in self.first_text.into_iter().enumerate().rev() {
            if let Some(error) = error {
                columns.remove(k);
                text.push(TextColumn { name: names.remove(k), position: k, cells: cells(k), error });
            }
        }
        text.reverse();
        (text, self.group.map(|_| self.group_cells))
    }
}

/// A cell's text as a text column keeps it: trimmed, `None` when empty.
pub(crate) fn kept_text(t: &str) -> Option<String> {
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Sniff the format (XLSX = zip magic `PK\x03\x04`) and dispatch.
pub fn read_bytes(bytes: &[u8], opts: &ReadOptions) -> Result<(Dataset, ReadInfo)> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, opts)
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        check_size(bytes)?;
        Err(FileError::OldExcel.into())
    } else {
        read_csv(bytes, opts)
    }
}

/// The error for a file over [`MAX_BYTES`]; the app raises it from the file's
/// size before reading it, so a huge file never freezes the tab.
pub fn too_large(len: usize) -> Error {
    FileError::TooLarge { bytes: len, limit: MAX_BYTES }.into()
}

pub(crate) fn check_size(bytes: &[u8]) -> Result<()> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large(bytes.len()));
    }
    Ok(())
}

/// Spreadsheet column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
/// Header names must be unique (empty names are checked elsewhere);
/// `letter` turns a column index into the spreadsheet letter shown.
pub(crate) fn check_unique_names(names: &[String], header_row: usize, letter: impl Fn(usize) -> String) -> Result<()> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(names.len());
    for (j, n) in names.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(n.as_str(), j) {
            return Err(Error::from(FileError::DuplicateColumn { name: n.clone(), first: letter(first), second: letter(j) })
                .at_row(header_row)
                .at_column(n.clone()));
        }
    }
    Ok(())
}

pub fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Summary of one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    pub name: String,
    /// Observed (non-missing) values.
    pub n: usize,
    pub missing: usize,
    /// NaN when `n == 0`.
    pub mean: f64,
    /// Sample standard deviation (n − 1); NaN when `n < 2`.
    pub sd: f64,
    /// NaN when `n == 0`.
    pub min: f64,
    pub max: f64,
}

pub fn summarize(ds: &Dataset) -> Vec<ColumnSummary> {
    ds.names
        .iter()
        .zip(&ds.columns)
        .map(|(name, col)| {
            let obs = col.iter().copied().filter(|v| !v.is_nan());
            let n = obs.clone().count();
            let (mean, sd, min, max) = if n == 0 {
                (f64::NAN, f64::NAN, f64::NAN, f64::NAN)
            } else {
                let mean = obs.clone().sum::<f64>() / n as f64;
                let sd = if n < 2 {
                    f64::NAN
                } else {
                    (obs.clone().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
                };
                let min = obs.clone().fold(f64::INFINITY, f64::min);
                let max = obs.fold(f64::NEG_INFINITY, f64::max);
                (mean, sd, min, max)
            };
            ColumnSummary { name: name.clone(), n, missing: col.len() - n, mean, sd, min, max }
        })
        .collect()
}
