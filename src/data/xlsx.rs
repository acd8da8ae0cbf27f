//! XLSX reading (via calamine). The same error codes as for CSV are used for
//! problems with the table itself (`csv.no_rows`, `csv.not_a_number`, …), so
//! the UI translates them once.

use super::cell::{parse_cell, show, MissingCodes};
use super::{check_size, check_unique_names, column_letters, kept_text, CellSorter, Dataset, ReadInfo, ReadOptions};
use crate::error::{Error, FileError, Result};
use calamine::{Data, Reader, Xlsx, XlsxError};
use std::io::Cursor;

/// Excel's own limits: the last cell of a sheet is XFD1048576.
const MAX_SHEET_ROWS: u32 = 1_048_576;
const MAX_SHEET_COLUMNS: u32 = 16_384;
/// Most cells (rows × columns) taken from one sheet: 160 MB of numbers.
const MAX_CELLS: usize = 20_000_000;

/// Read the first sheet (or `opts.sheet`) of an .xlsx workbook. The first
/// non-empty row is the header.
pub fn read_xlsx(bytes: &[u8], opts: &ReadOptions) -> Result<(Dataset, ReadInfo)> {
    check_size(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::from(FileError::XlsxInvalid { reason: e.to_string() }))?;
    let sheets = wb.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) => {
            if !sheets.iter().any(|n| n == s) {
                return Err(FileError::NoSuchSheet { sheet: s.clone(), available: sheets.clone() }.into());
            }
            s.clone()
        }
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::from(FileError::NoSheets))?,
    };
    // Stream the cells: `worksheet_range` allocates the dense bounding box
    // of all used cells, so a single far-away reference (XFD1048576, or
    // row 4000000000) would ask for terabytes and abort.
    let bad = |e: XlsxError| Error::from(FileError::SheetInvalid { sheet: sheet.clone(), reason: e.to_string() });
    let mut cells: Vec<(u32, u32, Data)> = Vec::new();
    match wb.worksheet_cells_reader(&sheet) {
        Ok(mut reader) => {
            while let Some(cell) = reader.next_cell().map_err(bad)? {
                let (r, c) = cell.get_position();
                if r >= MAX_SHEET_ROWS || c >= MAX_SHEET_COLUMNS {
                    return Err(FileError::CellBeyondLimit { sheet: sheet.clone() }.into());
                }
                let v = Data::from(cell.get_value().clone());
                if v != Data::Empty {
                    cells.push((r, c, v));
                }
            }
        }
        // A chart sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => {}
        Err(e) => return Err(bad(e)),
    }
    // Row order; a cell written twice keeps its last value (as calamine).
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let col0 = cells.iter().map(|&(_, c, _)| c as usize).min().unwrap_or(0);
    let width = cells.iter().map(|&(_, c, _)| c as usize - col0 + 1).max().unwrap_or(0);
    let letter = |j: usize| column_letters(col0 + j);
    let too_large = || Error::from(FileError::SheetTooLarge { sheet: sheet.clone(), max_cells: MAX_CELLS });
    // (sheet row, its cells from column col0 up to its last used one)
    let mut dense: Vec<(usize, Vec<Data>)> = Vec::new();
    let mut total = 0usize;
    for (r, c, v) in cells {
        let (row, j) = (r as usize + 1, c as usize - col0);
        if dense.last().is_none_or(|(last, _)| *last != row) {
            dense.push((row, Vec::new()));
        }
        let line = &mut dense.last_mut().expect("just pushed").1;
        if line.len() <= j {
            total += j + 1 - line.len();
            if total > MAX_CELLS {
                return Err(too_large());
            }
            line.resize(j + 1, Data::Empty);
        }
        line[j] = v;
    }

    let mut rows = dense.iter().filter(|(_, r)| r.iter().any(|c| !is_empty(c)));
    let (header_row, header) = rows
        .next()
        .ok_or_else(|| Error::from(FileError::EmptySheet { sheet: sheet.clone() }))?;
    let header_row = *header_row;
    let mut names: Vec<String> = header.iter().map(header_text).collect();
    names.resize(width, String::new());

    check_unique_names(&names, header_row, letter)?;

    let data: Vec<(usize, &[Data])> = rows.map(|(r, line)| (*r, line.as_slice())).collect();
    if data.is_empty() {
        return Err(Error::from(FileError::NoRowsInSheet { sheet: sheet.clone() }).at_row(header_row));
    }
    for j in (0..width).filter(|&j| names[j].is_empty()) {
        if let Some((r, _)) = data.iter().find(|(_, row)| row.get(j).is_some_and(|c| !is_empty(c))) {
            return Err(Error::from(FileError::EmptyColumnNameInSheet { letter: letter(j), first_row: *r })
                .at_row(header_row)
                .at_column(letter(j)));
        }
    }
    let keep: Vec<usize> = (0..width).filter(|&j| !names[j].is_empty()).collect();
    // Short rows are read as missing, so rows × columns is not bounded by
    // the cells actually in the file.
    if data.len().saturating_mul(keep.len()) > MAX_CELLS {
        return Err(too_large());
    }

    let decimal_comma = opts.decimal_comma.unwrap_or(false);
    let codes = MissingCodes::new(&opts.missing_codes);
    let mut columns: Vec<Vec<f64>> = keep.iter().map(|_| Vec::with_capacity(data.len())).collect();
    let mut sorter = CellSorter::new(&names, &keep, opts);
    for (row, cells) in &data {
        for (k, &j) in keep.iter().enumerate() {
            let c = cells.get(j).unwrap_or(&Data::Empty);
            let text = if sorter.is_group(k) { header_text(c) } else { String::new() };
            let parsed = cell_value(c, &codes, decimal_comma).map_err(|e| e.at_row(*row).at_column(names[j].clone()));
            columns[k].push(sorter.value(k, &text, parsed)?);
        }
    }
    let mut names: Vec<String> = keep.iter().map(|&j| names[j].clone()).collect();
    let cells = |k: usize| data.iter().map(|(_, row)| kept_text(&row.get(keep[k]).map(header_text).unwrap_or_default())).collect();
    let (text_columns, group_cells) = sorter.finish(&mut names, &mut columns, cells);
    let info = ReadInfo { delimiter: 0, decimal_comma, rows: data.len(), columns: names.len(), format: "xlsx".to_string(), group_cells, text_columns, blank_rows: Vec::new() };
    Ok((Dataset { names, columns }, info))
}

fn is_empty(c: &Data) -> bool {
    match c {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

fn header_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        other => other.to_string().trim().to_string(),
    }
}

fn cell_value(c: &Data, codes: &MissingCodes, decimal_comma: bool) -> Result<f64> {
    match c {
        Data::Empty => Ok(f64::NAN),
        // Through text so that numeric missing codes (-99) apply as in CSV;
        // `Display` of f64 round-trips exactly.
        Data::Int(i) => parse_cell(&i.to_string(), codes, false),
        Data::Float(f) => parse_cell(&f.to_string(), codes, false),
        Data::String(s) => parse_cell(s, codes, decimal_comma),
        Data::Bool(b) => Err(FileError::Boolean { value: *b }.into()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(FileError::DateTime { text: show(&c.to_string()) }.into()),
        Data::Error(e) => Err(FileError::SpreadsheetError { error: e.to_string() }.into()),
    }
}

