//! Turning one cell's text into a number or a missing value (shared by CSV
//! and XLSX).

use crate::error::{Error, FileError};

/// Built-in missing markers, compared case-insensitively on trimmed text.
const MISSING_MARKERS: [&str; 4] = ["na", "n/a", "nan", "."];

/// Missing-value codes prepared once per file.
pub(crate) struct MissingCodes {
    text: Vec<String>,
    numeric: Vec<f64>,
}

impl MissingCodes {
    pub(crate) fn new(codes: &[String]) -> Self {
        let text: Vec<String> = codes.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
        let numeric = text
            .iter()
            .filter_map(|c| parse_plain(c).or_else(|| parse_plain(&c.replacen(',', ".", 1))))
            .collect();
        MissingCodes { text, numeric }
    }
    fn matches_text(&self, t: &str) -> bool {
        self.text.iter().any(|c| c == t)
    }
    fn matches_number(&self, v: f64) -> bool {
        self.numeric.contains(&v)
    }
}

/// `str::parse::<f64>` restricted to plain decimal notation: no `inf`,
/// `nan`, no leading/trailing junk. Returns `None` if not a number.
fn parse_plain(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    // f64::from_str accepts "inf", "infinity", "nan" in any case; those start
    // with a letter (after an optional sign). Numbers start with a digit or '.'.
    let body = b.strip_prefix(b"+").or_else(|| b.strip_prefix(b"-")).unwrap_or(b);
    match body.first() {
        Some(c) if c.is_ascii_digit() || *c == b'.' => t.parse::<f64>().ok(),
        _ => None,
    }
}

fn looks_infinite(t: &str) -> bool {
    let l = t.trim_start_matches(['+', '-']).to_ascii_lowercase();
    l == "inf" || l == "infinity" || l == "∞"
}

/// `1,234` or `1,234,567.5`: digits grouped by threes with commas.
fn looks_thousands(t: &str, sep: char, dec: char) -> bool {
    let t = t.trim_start_matches(['+', '-']);
    let int = t.split(dec).next().unwrap_or("");
    let rest = &t[int.len()..];
    if !rest.is_empty() && !rest[1..].bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let groups: Vec<&str> = int.split(sep).collect();
    groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups[0].bytes().all(|c| c.is_ascii_digit())
        && groups[1..].iter().all(|g| g.len() == 3 && g.bytes().all(|c| c.is_ascii_digit()))
}

/// Shorten a cell's text for an error message.
pub(crate) fn show(t: &str) -> String {
    const MAX: usize = 40;
    if t.chars().count() > MAX {
        let s: String = t.chars().take(MAX).collect();
        format!("{s}…")
    } else {
        t.to_string()
    }
}

/// Parse a cell. `Ok(NaN)` = missing. The error has no location yet; the
/// caller adds row and column.
pub(crate) fn parse_cell(raw: &str, codes: &MissingCodes, decimal_comma: bool) -> Result<f64, Error> {
    let t = raw.trim();
    if t.is_empty() || MISSING_MARKERS.iter().any(|m| t.eq_ignore_ascii_case(m)) || codes.matches_text(t) {
        return Ok(f64::NAN);
    }
    let v = if decimal_comma {
        if t.contains('.') {
            return Err(if t.contains(',') || looks_thousands(t, '.', ',') {
                FileError::ThousandsDot { text: show(t) }
            } else {
                FileError::DecimalPointInCommaFile { text: show(t), fixed: t.replace('.', ",") }
            }
            .into());
        }
        if t.matches(',').count() == 1 {
            parse_plain(&t.replacen(',', ".", 1))
        } else {
            parse_plain(t)
        }
    } else {
        parse_plain(t)
    };
    match v {
        Some(v) if v.is_finite() => {
            if codes.matches_number(v) {
                Ok(f64::NAN)
            } else {
                Ok(v)
            }
        }
        Some(_) => Err(not_finite(t)),
        None if looks_infinite(t) => Err(not_finite(t)),
        None if !decimal_comma && looks_thousands(t, ',', '.') => Err(if t.contains('.') {
            FileError::ThousandsComma { text: show(t) }
        } else {
            FileError::AmbiguousComma { text: show(t) }
        }
        .into()),
        // 1.234,5 in a file not read with decimal commas (nothing else in
        // it has a decimal comma).
        None if !decimal_comma && looks_thousands(t, '.', ',') && t.contains(',') => Err(FileError::ThousandsDot { text: show(t) }.into()),
        None if !decimal_comma && parse_plain(&t.replacen(',', ".", 1)).is_some() => {
            Err(FileError::DecimalCommaInCommaFile { text: show(t) }.into())
        }
        None => Err(FileError::NotANumber { text: show(t) }.into()),
    }
}

fn not_finite(t: &str) -> Error {
    FileError::NotFinite { text: show(t) }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Result<f64, Error> {
        parse_cell(t, &MissingCodes::new(&["-99".into()]), false)
    }
    fn pc(t: &str) -> Result<f64, Error> {
        parse_cell(t, &MissingCodes::new(&["-99".into()]), true)
    }

    #[test]
    fn numbers_and_markers() {
        assert_eq!(p(" 3.5 ").unwrap(), 3.5);
        assert_eq!(p("-2").unwrap(), -2.0);
        assert_eq!(p("1e3").unwrap(), 1000.0);
        assert_eq!(p(".5").unwrap(), 0.5);
        for m in ["", "  ", "NA", "na", "N/A", "n/a", "NaN", "nan", ".", "-99", "-99.0", "-99.00"] {
            assert!(p(m).unwrap().is_nan(), "{m:?} should be missing");
        }
        assert_eq!(pc("3,5").unwrap(), 3.5);
        assert!(pc("-99,0").unwrap().is_nan());
    }

    #[test]
    fn rejects() {
        assert_eq!(p("abc").unwrap_err().code(), "csv.not_a_number");
        assert_eq!(p("—").unwrap_err().code(), "csv.not_a_number");
        assert_eq!(p("3..5").unwrap_err().code(), "csv.not_a_number");
        assert_eq!(p("-").unwrap_err().code(), "csv.not_a_number");
        assert_eq!(p("0x10").unwrap_err().code(), "csv.not_a_number");
        for t in ["Inf", "-Inf", "Infinity", "+inf", "1e999"] {
            assert_eq!(p(t).unwrap_err().code(), "csv.not_finite", "{t}");
        }
        assert_eq!(p("1,234.5").unwrap_err().code(), "csv.thousands_separator");
        assert_eq!(p("1,234").unwrap_err().code(), "csv.thousands_separator");
        assert!(p("3,5").unwrap_err().message().contains("decimal comma"));
        assert_eq!(pc("1.234,5").unwrap_err().code(), "csv.thousands_separator");
        assert_eq!(pc("3.5").unwrap_err().code(), "csv.not_a_number");
        // Thousands dots in a file whose other cells are whole numbers.
        assert_eq!(p("1.234,5").unwrap_err().code(), "csv.thousands_separator");
        assert_eq!(p("12.345.678,25").unwrap_err().code(), "csv.thousands_separator");
        assert_eq!(p("1.2,5").unwrap_err().code(), "csv.not_a_number");
        let e = p("abc").unwrap_err();
        assert_eq!(e.message(), "'abc' is not a number; fix the cell or add it as a missing-value code");
    }
}
