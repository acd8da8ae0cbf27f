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
    /// Machine-readable text for CSV where the cell is text made of numbers
    /// (confidence intervals): English formatting whatever the language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<String>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell { text: s.into(), value: None, flag: None, export: None }
    }
    pub fn num(v: Num, lang: Lang) -> Self {
        Cell { text: fmt3_in(v, lang), value: v, flag: None, export: None }
    }
    pub fn flagged(v: Num, lang: Lang, good: impl Fn(f64) -> bool) -> Self {
        Cell { text: fmt3_in(v, lang), value: v, flag: v.map(|x| if good(x) { Flag::Good } else { Flag::Bad }), export: None }
    }
    /// A number flagged by a rule of thumb.
    pub fn judged(v: Num, lang: Lang, rule: Cutoff) -> Self {
        Cell::flagged(v, lang, |x| rule.holds(x))
    }
    pub fn p(v: Num, lang: Lang) -> Self {
        Cell { text: fmt_p_in(v, lang), value: v, flag: None, export: None }
    }
    /// A confidence interval: text in `lang`, exported in English form.
    pub(crate) fn ci(i: &Inference, lang: Lang) -> Self {
        let text = ci_text(i, lang);
        let export = (lang != Lang::En).then(|| ci_text(i, Lang::En));
        Cell { text, value: None, flag: None, export }
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
