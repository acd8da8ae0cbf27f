//! CSV reading: encoding and delimiter detection, decimal commas, precise
//! errors for ragged rows and bad cells.

use super::cell::{parse_cell, MissingCodes};
use super::{check_size, check_unique_names, column_letters, kept_text, CellSorter, Dataset, ReadInfo, ReadOptions};
use crate::error::{Error, FileError, Result};
use std::borrow::Cow;

/// Delimiters tried by detection, in order of preference on ties.
const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
/// Records looked at for delimiter detection.
const SNIFF_RECORDS: usize = 50;

/// Read a CSV (or TSV, or `;`-separated) file.
pub fn read_csv(bytes: &[u8], opts: &ReadOptions) -> Result<(Dataset, ReadInfo)> {
    check_size(bytes)?;
    let text = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        return Err(FileError::Empty.into());
    }

    let delimiter = match opts.delimiter {
        Some(d) => {
            if matches!(d, b'"' | b'\n' | b'\r') || !d.is_ascii() {
                return Err(FileError::BadDelimiter { delimiter: d as char }.into());
            }
            d
        }
        None => detect_delimiter(text, opts.decimal_comma == Some(true)),
    };
    if opts.decimal_comma == Some(true) && delimiter == b',' {
        return Err(FileError::DecimalCommaWithComma.into());
    }

    // Header: the first non-blank record. The text is read twice, first to
    // check the shape and detect decimal commas, then to parse the cells,
    // so no more than the text and the numbers are ever held.
    let mut rows = records(text, delimiter);
    let (header_row, header) = rows
        .next()
        .ok_or_else(|| Error::from(FileError::Empty))?;
    let names: Vec<String> = header.iter().map(|n| clean(n).trim_start_matches('\u{feff}').trim().to_string()).collect();
    let width = names.len();
    let named: Vec<bool> = names.iter().map(|n| !n.is_empty()).collect();

    check_unique_names(&names, header_row, column_letters)?;

    // Data rows, checked for shape.
    let mut n_rows = 0;
    let mut any_decimal_comma = false;
    // First row holding data in each unnamed column.
    let mut unnamed_data: Vec<Option<usize>> = vec![None; width];
    for (row, rec) in rows {
        let n = rec.len();
        let short_named = n < width && named[n..].iter().any(|&b| b);
        let long_filled = n > width && rec.iter().skip(width).any(|c| !c.trim().is_empty());
        if short_named || long_filled {
            // 3,5 with ',' as the delimiter splits one number into two
            // fields: a row of whole numbers, half again to twice as long
            // as the header.
            let decimal_commas = delimiter == b','
                && width >= 2
                && 2 * n >= 3 * width
                && n <= 2 * width
                && rec.iter().all(|c| {
                    let c = c.trim().trim_start_matches(['+', '-']);
                    !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
                });
            return Err(Error::from(FileError::Ragged { expected: width, found: n, delimiter, decimal_commas }).at_row(row));
        }
        for (j, c) in rec.iter().enumerate().take(width) {
            if !named[j] && unnamed_data[j].is_none() && !c.trim().is_empty() {
                unnamed_data[j] = Some(row);
            }
            if named[j] && !any_decimal_comma && delimiter != b',' && looks_decimal_comma(c) {
                any_decimal_comma = true;
            }
        }
        n_rows += 1;
    }
    if n_rows == 0 {
        return Err(Error::from(FileError::NoRows).at_row(header_row));
    }
    // Unnamed columns: dropped when entirely empty (a trailing delimiter),
    // an error when they hold data.
    for j in 0..width {
        if let (false, Some(r)) = (named[j], unnamed_data[j]) {
            let letter = column_letters(j);
            return Err(Error::from(FileError::EmptyColumnName { letter: letter.clone(), number: j + 1, first_row: r })
                .at_row(header_row)
                .at_column(letter));
        }
    }
    let keep: Vec<usize> = (0..width).filter(|&j| named[j]).collect();

    let decimal_comma = opts.decimal_comma.unwrap_or(any_decimal_comma);

    let codes = MissingCodes::new(&opts.missing_codes);
    let mut columns: Vec<Vec<f64>> = keep.iter().map(|_| Vec::with_capacity(n_rows)).collect();
    let mut sorter = CellSorter::new(&names, &keep, opts);
    // records without any value between data rows are skipped, and their
    // file rows kept to report (those at the end are not)
    let (mut blank_rows, mut pending) = (Vec::new(), Vec::new());
    for (row, rec) in all_records(text, delimiter).skip_while(|(_, r)| is_blank(r)).skip(1) {
        if is_blank(&rec) {
            pending.push(row);
            continue;
        }
        blank_rows.append(&mut pending);
        for (k, &j) in keep.iter().enumerate() {
            let cell = clean(rec.get(j).unwrap_or(""));
            let parsed = parse_cell(cell, &codes, decimal_comma).map_err(|e| e.at_row(row).at_column(names[j].clone()));
            columns[k].push(sorter.value(k, cell, parsed)?);
        }
    }
    let mut names: Vec<String> = keep.iter().map(|&j| names[j].clone()).collect();
    let cells = |k: usize| records(text, delimiter).skip(1).map(|(_, rec)| kept_text(clean(rec.get(keep[k]).unwrap_or("")))).collect();
    let (text_columns, group_cells) = sorter.finish(&mut names, &mut columns, cells);
    let info = ReadInfo {
        delimiter,
        decimal_comma,
        rows: n_rows,
        columns: names.len(),
        format: "csv".to_string(),
        group_cells,
        text_columns,
        blank_rows,
    };
    Ok((Dataset { names, columns }, info))
}

/// The non-blank records of the text with their spreadsheet rows.
fn records(text: &str, delimiter: u8) -> impl Iterator<Item = (usize, ::csv::StringRecord)> + '_ {
    all_records(text, delimiter).filter(|(_, r)| !is_blank(r))
}

/// Every record of the text, blank ones included, with its spreadsheet row.
fn all_records(text: &str, delimiter: u8) -> impl Iterator<Item = (usize, ::csv::StringRecord)> + '_ {
    let reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut lines = LineCounter { text: text.as_bytes(), pos: 0, line: 1 };
    reader.into_records().map_while(|r| r.ok()).map(move |r| (lines.line_of(&r), r))
}

/// Spreadsheet row of each record. The csv crate's own `Position::line`
/// counts from where it started looking, before skipping blank lines and
/// `\r\n`, so it is off by one or more; count newlines ourselves, once.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_of(&mut self, r: &::csv::StringRecord) -> usize {
        let mut start = r.position().map_or(self.pos, |p| p.byte() as usize).clamp(self.pos, self.text.len());
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        // A line ends at \n, \r\n, or a lone \r (old Mac files).
        let next = |i: usize| self.text.get(i + 1).copied();
        self.line += (self.pos..start)
            .filter(|&i| self.text[i] == b'\n' || (self.text[i] == b'\r' && next(i) != Some(b'\n')))
            .count();
        self.pos = start;
        self.line
    }
}

/// Trimmed cell text; a quoted value after leading spaces (`a, "b"`) is
/// unquoted, as the csv crate only treats a quote at the very start as one.
fn clean(cell: &str) -> &str {
    let t = cell.trim();
    match t.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.trim(),
        _ => t,
    }
}

fn is_blank(r: &::csv::StringRecord) -> bool {
    r.iter().all(|c| c.trim().is_empty())
}


/// `3,5`, `-0,25`, `,5`: a number with one decimal comma.
fn looks_decimal_comma(c: &str) -> bool {
    let t = c.trim();
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    match t.split_once(',') {
        Some((a, b)) => {
            a.bytes().all(|c| c.is_ascii_digit()) && !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Pick the delimiter that splits the first records into the same number
/// (> 1) of fields, respecting quotes. Ties go to the most fields.
fn detect_delimiter(text: &str, decimal_comma: bool) -> u8 {
    let mut best: Option<(usize, u8)> = None;
    let mut fallback: Option<(usize, u8)> = None;
    for &d in &CANDIDATES {
        if decimal_comma && d == b',' {
            continue;
        }
        let counts: Vec<usize> = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(text.as_bytes())
            .records()
            .map_while(|r| r.ok())
            .filter(|r| !is_blank(r))
            .take(SNIFF_RECORDS)
            .map(|r| r.len())
            .collect();
        let Some(&first) = counts.first() else { continue };
        if first > 1 && counts.iter().all(|&c| c == first) {
            if best.is_none_or(|(n, _)| first > n) {
                best = Some((first, d));
            }
        } else if first > 1 && fallback.is_none_or(|(n, _)| first > n) {
            fallback = Some((first, d));
        }
    }
    best.or(fallback).map_or(b',', |(_, d)| d)
}

/// Bytes → text: UTF-8 (BOM stripped), UTF-16 with or without BOM, and
/// otherwise Windows-1252. Binary files are refused.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_cp1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(Cow::Owned(utf16(rest, true)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(Cow::Owned(utf16(rest, false)));
    }
    let head = &bytes[..bytes.len().min(1024)];
    // Documents whose first kilobyte is plain text still are not tables.
    if bytes.starts_with(b"%PDF-") || bytes.starts_with(b"{\\rtf") {
        return Err(binary());
    }
    if head.contains(&0) {
        // UTF-16 without BOM: ASCII text has a NUL in every other byte.
        let pairs = head.len() / 2;
        let even = head.iter().step_by(2).take(pairs).filter(|&&b| b == 0).count();
        let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        if pairs >= 2 && odd * 10 >= pairs * 8 && even * 20 <= pairs {
            return Ok(Cow::Owned(utf16(bytes, true)));
        }
        if pairs >= 2 && even * 10 >= pairs * 8 && odd * 20 <= pairs {
            return Ok(Cow::Owned(utf16(bytes, false)));
        }
        return Err(binary());
    }
    Ok(utf8_or_cp1252(bytes))
}

fn binary() -> Error {
    FileError::Binary.into()
}

fn utf16(bytes: &[u8], little_endian: bool) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| if little_endian { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
        .collect();
    String::from_utf16_lossy(&units)
}

fn utf8_or_cp1252(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| cp1252(b)).collect()),
    }
}

/// Windows-1252 byte → char (Latin-1 except 0x80–0x9F).
fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    if (0x80..0xA0).contains(&b) {
        HIGH[(b - 0x80) as usize]
    } else {
        b as char
    }
}

#[cfg(test)]
pub(super) fn decode_for_test(bytes: &[u8]) -> Result<String> {
    decode(bytes).map(|c| c.into_owned())
}
