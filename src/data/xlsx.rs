//! XLSX reading (via calamine). The same error codes as for CSV are used for
//! problems with the table itself (`csv.no_rows`, `csv.not_a_number`, …), so
//! the UI translates them once.

use super::cell::{parse_cell, show, MissingCodes};
use super::{check_size, column_letters, Dataset, ReadInfo, ReadOptions};
use crate::{Error, Result};
use calamine::{Data, Reader, Xlsx};
use std::collections::HashMap;
use std::io::Cursor;

/// Read the first sheet (or `opts.sheet`) of an .xlsx workbook. The first
/// non-empty row is the header.
pub fn read_xlsx(bytes: &[u8], opts: &ReadOptions) -> Result<(Dataset, ReadInfo)> {
    check_size(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        Error::new(
            "xlsx.invalid",
            format!("this file could not be read as an .xlsx workbook ({e}); save it again from the spreadsheet program as .xlsx or CSV"),
        )
    })?;
    let sheets = wb.sheet_names();
    let sheet = match &opts.sheet {
        Some(s) => {
            if !sheets.iter().any(|n| n == s) {
                return Err(Error::new(
                    "xlsx.no_sheet",
                    format!("the workbook has no sheet named '{s}'; its sheets are: {}", quoted_list(&sheets)),
                ));
            }
            s.clone()
        }
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::new("xlsx.no_sheet", "the workbook has no sheets"))?,
    };
    let range = wb.worksheet_range(&sheet).map_err(|e| {
        Error::new("xlsx.invalid", format!("the sheet '{sheet}' could not be read ({e}); save the workbook again as .xlsx or CSV"))
    })?;
    let (row0, col0) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let sheet_row = |i: usize| row0 + i + 1;
    let letter = |j: usize| column_letters(col0 + j);

    let mut rows = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !is_empty(c)));
    let (hi, header) = rows
        .next()
        .ok_or_else(|| Error::new("csv.empty", format!("the sheet '{sheet}' is empty; choose the sheet with the data")))?;
    let header_row = sheet_row(hi);
    let names: Vec<String> = header.iter().map(header_text).collect();
    let width = names.len();

    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(width);
    for (j, n) in names.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(n.as_str(), j) {
            return Err(Error::new(
                "csv.duplicate_column",
                format!("the column name '{n}' is used twice (columns {} and {}); rename one of them", letter(first), letter(j)),
            )
            .at_row(header_row)
            .at_column(n.clone()));
        }
    }

    let data: Vec<(usize, &[Data])> = rows.map(|(i, r)| (sheet_row(i), r)).collect();
    if data.is_empty() {
        return Err(Error::new(
            "csv.no_rows",
            format!("the sheet '{sheet}' has a header row but no data rows; each respondent should be one row below the header"),
        )
        .at_row(header_row));
    }
    for j in (0..width).filter(|&j| names[j].is_empty()) {
        if let Some((r, _)) = data.iter().find(|(_, row)| row.get(j).is_some_and(|c| !is_empty(c))) {
            return Err(Error::new(
                "csv.empty_column_name",
                format!(
                    "column {} has no name in the header row (merged or empty cell?) but holds data (first in row {r}); give it a name",
                    letter(j)
                ),
            )
            .at_row(header_row)
            .at_column(letter(j)));
        }
    }
    let keep: Vec<usize> = (0..width).filter(|&j| !names[j].is_empty()).collect();

    let decimal_comma = opts.decimal_comma.unwrap_or(false);
    let codes = MissingCodes::new(&opts.missing_codes);
    let mut columns: Vec<Vec<f64>> = keep.iter().map(|_| Vec::with_capacity(data.len())).collect();
    for (row, cells) in &data {
        for (k, &j) in keep.iter().enumerate() {
            let v = cell_value(cells.get(j).unwrap_or(&Data::Empty), &codes, decimal_comma)
                .map_err(|e| e.at_row(*row).at_column(names[j].clone()))?;
            columns[k].push(v);
        }
    }
    let names: Vec<String> = keep.iter().map(|&j| names[j].clone()).collect();
    let info = ReadInfo { delimiter: 0, decimal_comma, rows: data.len(), columns: names.len(), format: "xlsx".to_string() };
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
        Data::Bool(b) => Err(Error::new(
            "csv.not_a_number",
            format!("{} is a true/false value, not a number; code it as 1/0", if *b { "TRUE" } else { "FALSE" }),
        )),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Err(Error::new(
            "csv.not_a_number",
            format!("'{}' is a date or time, not a number; format the column as a number", show(&c.to_string())),
        )),
        Data::Error(e) => Err(Error::new(
            "csv.not_a_number",
            format!("the cell holds the spreadsheet error {e}; fix the formula or clear the cell"),
        )),
    }
}

fn quoted_list(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_string();
    }
    names.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}
