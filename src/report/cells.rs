//! Cells, tables and the number formatting they share: what every results
//! table is made of, in either language.

use super::thresholds::Cutoff;
use super::Lang;
use crate::engine::result::{Inference, Num};
use serde::{Deserialize, Serialize};

/// How a cell compares with the usual rule of thumb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Good,
    Bad,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Displayed text, formatted for the table's language.
    pub text: String,
    /// Full-precision value for CSV export.
    pub value: Option<f64>,
    pub flag: Option<Flag>,
    /// The bounds of a confidence interval shown as text: written as two
    /// numeric columns (lower, upper) in CSV files and workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<(f64, f64)>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell { text: s.into(), value: None, flag: None, interval: None }
    }
    pub fn num(v: Num, lang: Lang) -> Self {
        Cell { text: fmt3_in(v, lang), value: v, flag: None, interval: None }
    }
    pub fn flagged(v: Num, lang: Lang, good: impl Fn(f64) -> bool) -> Self {
        Cell { text: fmt3_in(v, lang), value: v, flag: v.map(|x| if good(x) { Flag::Good } else { Flag::Bad }), interval: None }
    }
    /// A number flagged by a rule of thumb.
    pub fn judged(v: Num, lang: Lang, rule: Cutoff) -> Self {
        Cell::flagged(v, lang, |x| rule.holds(x))
    }
    pub fn p(v: Num, lang: Lang) -> Self {
        Cell { text: fmt_p_in(v, lang), value: v, flag: None, interval: None }
    }
    /// A confidence interval: text in `lang`, exported in English form.
    pub(crate) fn ci(i: &Inference, lang: Lang) -> Self {
        let interval = i.ci_lower.zip(i.ci_upper);
        Cell { text: ci_text(i, lang), value: None, flag: None, interval }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable identifier (used for file names; the same in every language).
    pub id: String,
    pub title: String,
    /// One line: what the statistic is and the usual threshold.
    pub note: String,
    /// Column headers in the table's language.
    pub columns: Vec<String>,
    /// Stable column keys (the English headers), for `data-col` and scripts.
    #[serde(default)]
    pub keys: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Use the decimal comma of Indonesian in `s` (a formatted number).
pub(crate) fn localize(s: String, lang: Lang) -> String {
    match lang {
        Lang::En => s,
        Lang::Id => s.replace('.', ","),
    }
}

/// Three decimals, "—" for missing (English).
pub fn fmt3(v: Num) -> String {
    fmt3_in(v, Lang::En)
}

/// Three decimals in `lang`: "0.401" / "0,401"; "—" for missing.
pub fn fmt3_in(v: Num, lang: Lang) -> String {
    match v {
        Some(x) => localize(format!("{x:.3}"), lang),
        None => "—".into(),
    }
}

/// A plain number in `lang` ("0.05" / "0,05"), for notes and figure labels.
pub fn num_in(x: f64, lang: Lang) -> String {
    localize(format!("{x}"), lang)
}

/// p-values, English: APA style ".030", "< .001", "1.000".
pub fn fmt_p(v: Num) -> String {
    fmt_p_in(v, Lang::En)
}

/// p-values in `lang`. English follows APA (no leading zero: ".030",
/// "< .001"). Indonesian keeps the leading zero with a decimal comma
/// ("0,030", "< 0,001"): dropping the zero is an English-language convention,
/// and ",030" is easily misread in Indonesian text, where Indonesian
/// journals and theses write p = 0,030.
pub fn fmt_p_in(v: Num, lang: Lang) -> String {
    let en = lang == Lang::En;
    match v {
        None => "—".into(),
        Some(p) if p < 0.001 => if en { "< .001" } else { "< 0,001" }.into(),
        Some(p) if p >= 0.9995 => if en { "1.000" } else { "1,000" }.into(),
        Some(p) if en => format!("{p:.3}").trim_start_matches('0').to_string(),
        Some(p) => localize(format!("{p:.3}"), lang),
    }
}

/// "[0.123, 0.456]"; Indonesian "[0,123; 0,456]" (the comma is the decimal sign).
fn ci_text(i: &Inference, lang: Lang) -> String {
    match (i.ci_lower, i.ci_upper) {
        (Some(a), Some(b)) => match lang {
            Lang::En => format!("[{a:.3}, {b:.3}]"),
            Lang::Id => format!("[{}; {}]", fmt3_in(Some(a), lang), fmt3_in(Some(b), lang)),
        },
        _ => "—".into(),
    }
}

/// Headers in `lang` and their stable (English) keys.
pub(crate) fn cols(lang: Lang, pairs: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let shown = pairs.iter().map(|(en, id)| if lang == Lang::En { en } else { id }.to_string()).collect();
    let keys = pairs.iter().map(|(en, _)| en.to_string()).collect();
    (shown, keys)
}

/// The English or the Indonesian words.
pub(crate) fn tr(lang: Lang, en: &str, id: &str) -> String {
    if lang == Lang::En { en } else { id }.to_string()
}

/// One exported value: a number at full precision, text, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Export {
    Number(f64),
    Text(String),
    Empty,
}

/// A table as files export it: every column of intervals split into a lower
/// and an upper column of numbers; other cells their number, else their
/// text. Returns the headers and the rows.
pub(crate) fn export_grid(t: &Table, lang: Lang) -> (Vec<String>, Vec<Vec<Export>>) {
    let split: Vec<bool> = (0..t.columns.len()).map(|j| t.rows.iter().any(|r| r.get(j).is_some_and(|c| c.interval.is_some()))).collect();
    let (lower, upper) = match lang {
        Lang::En => ("lower", "upper"),
        Lang::Id => ("bawah", "atas"),
    };
    let mut headers = Vec::new();
    for (h, &s) in t.columns.iter().zip(&split) {
        if s {
            headers.push(format!("{h} {lower}"));
            headers.push(format!("{h} {upper}"));
        } else {
            headers.push(h.clone());
        }
    }
    let one = |c: &Cell| match c.value {
        Some(v) => Export::Number(v),
        None if c.text.is_empty() => Export::Empty,
        None => Export::Text(c.text.clone()),
    };
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let mut out = Vec::new();
            for (j, c) in row.iter().enumerate() {
                match (split.get(j).copied().unwrap_or(false), c.interval) {
                    (true, Some((a, b))) => out.extend([Export::Number(a), Export::Number(b)]),
                    (true, None) => out.extend([Export::Empty, Export::Empty]),
                    (false, _) => out.push(one(c)),
                }
            }
            out
        })
        .collect();
    (headers, rows)
}
