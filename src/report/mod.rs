//! View-models of a result: tables with formatted cells, shared by the
//! command line (aligned text, CSV) and the web app. Never computes
//! statistics: every number comes from [`AnalysisResult`].
//!
//! Every title, note, column header and verdict exists in English and
//! Bahasa Indonesia ([`Lang`]). Displayed numbers follow the language
//! (`0.401` / `0,401`); [`to_csv`] always writes machine-readable values
//! (full precision, dot decimals), [`to_tsv`] the displayed text.

pub mod histogram;
pub mod methods;
pub mod svg;
pub mod workbook;

use crate::engine::result::{AnalysisResult, Inference, Num};
use crate::engine::settings::{CiMethod, Settings, Significance};
pub use methods::Lang;
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
    pub fn p(v: Num, lang: Lang) -> Self {
        Cell { text: fmt_p_in(v, lang), value: v, flag: None, export: None }
    }
    fn ci(i: &Inference, lang: Lang) -> Self {
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
fn cols(lang: Lang, pairs: &[(&str, &str)]) -> (Vec<String>, Vec<String>) {
    let shown = pairs.iter().map(|(en, id)| if lang == Lang::En { en } else { id }.to_string()).collect();
    let keys = pairs.iter().map(|(en, _)| en.to_string()).collect();
    (shown, keys)
}

/// Marks a verdict where the p-value and the confidence interval disagree.
pub const DISAGREE_MARK: &str = "⚠";

/// The path table's note: the columns, the verdict rule with its tails, and
/// (when a row is marked) why p and the interval can disagree.
fn paths_note(s: &Settings, disagree: bool, lang: Lang) -> String {
    let en = lang == Lang::En;
    let pct = methods::ci_percent(s);
    let tails = methods::tails_word(s.tails, lang);
    let alpha = num_in(s.alpha, lang);
    let rule = match (s.significance, en) {
        (Significance::PValue, _) => format!("p < {alpha}, {tails}"),
        (Significance::Interval, true) => format!("the {pct}% CI excludes zero ({tails}, α = {alpha})"),
        (Significance::Interval, false) => format!("IK {pct}% tidak memuat nol ({tails}, α = {alpha})"),
    };
    let mut note = if en {
        format!("Original sample (O), bootstrap mean (M), standard deviation (STDEV), t = O/STDEV, {tails} p, {pct}% confidence interval (CI); significant: {rule}. f²: 0.02 small, 0.15 medium, 0.35 large.")
    } else {
        format!("Sampel asli (O), rata-rata bootstrap (M), simpangan baku (SB), t = O/SB, p {tails}, interval kepercayaan (IK) {pct}%; signifikan: {rule}. f²: 0,02 kecil, 0,15 sedang, 0,35 besar.")
    };
    if disagree {
        let bca = s.ci != CiMethod::Bca;
        note += &match (en, bca) {
            (true, true) => format!(" {DISAGREE_MARK} p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram); consider BCa intervals."),
            (true, false) => format!(" {DISAGREE_MARK} p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram)."),
            (false, true) => format!(" {DISAGREE_MARK} p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya); pertimbangkan interval BCa."),
            (false, false) => format!(" {DISAGREE_MARK} p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya)."),
        };
    }
    note
}

/// Every table a paper needs, in reading order, in `lang`.
pub fn tables(r: &AnalysisResult, lang: Lang) -> Vec<Table> {
    let en = lang == Lang::En;
    let tr = |e: &str, i: &str| -> String { if en { e.to_string() } else { i.to_string() } };
    let mut t = Vec::new();
    let boot = r.bootstrap.is_some();

    // Outer loadings and weights
    let mut rows = Vec::new();
    for (c, items) in r.outer_loadings.iter() {
        for (i, l) in items.iter() {
            let w = r.outer_weights.get(c).and_then(|m| m.get(i)).copied().flatten();
            let vif = r.vif.outer.get(c).and_then(|m| m.get(i)).copied().flatten();
            let mut row = vec![
                Cell::text(c.clone()),
                Cell::text(i.clone()),
                Cell::flagged(*l, lang, |x| x >= 0.708),
                Cell::num(w, lang),
                Cell::flagged(vif, lang, |x| x < 5.0),
            ];
            if let Some(b) = &r.bootstrap {
                let inf = b.outer_loadings.get(c).and_then(|m| m.get(i));
                row.push(Cell::num(inf.and_then(|x| x.t), lang));
                row.push(Cell::p(inf.and_then(|x| x.p), lang));
            }
            rows.push(row);
        }
    }
    let mut pairs = vec![("Construct", "Konstruk"), ("Indicator", "Indikator"), ("Loading", "Muatan"), ("Weight", "Bobot"), ("VIF", "VIF")];
    if boot {
        pairs.push(("t (loading)", "t (muatan)"));
        pairs.push(("p (loading)", "p (muatan)"));
    }
    let (columns, keys) = cols(lang, &pairs);
    t.push(Table {
        id: "outer_model".into(),
        title: tr("Outer loadings, weights and indicator VIF", "Muatan luar, bobot dan VIF indikator"),
        note: if en {
            "Loadings ≥ 0.708 indicate indicator reliability; indicator VIF < 5 indicates no critical collinearity.".into()
        } else {
            "Muatan ≥ 0,708 menunjukkan reliabilitas indikator; VIF indikator < 5 menunjukkan tidak ada kolinearitas yang kritis.".into()
        },
        columns,
        keys,
        rows,
    });

    // Reliability
    let rows = r
        .reliability
        .iter()
        .filter(|(c, _)| !r.constructs.iter().any(|k| &k.name == *c && k.interaction))
        .map(|(c, x)| {
            vec![
                Cell::text(c.clone()),
                Cell::flagged(x.alpha, lang, |v| v >= 0.7),
                Cell::flagged(x.rho_a, lang, |v| v >= 0.7),
                Cell::flagged(x.rho_c, lang, |v| v >= 0.7),
                Cell::flagged(x.ave, lang, |v| v >= 0.5),
            ]
        })
        .collect();
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("Cronbach's α", "α Cronbach"), ("ρ_A", "ρ_A"), ("ρ_C", "ρ_C"), ("AVE", "AVE")]);
    t.push(Table {
        id: "reliability".into(),
        title: tr("Construct reliability and validity", "Reliabilitas dan validitas konstruk"),
        note: if en {
            "Cronbach's α, ρ_A and composite reliability ρ_C ≥ 0.70; average variance extracted (AVE) ≥ 0.50.".into()
        } else {
            "α Cronbach, ρ_A dan reliabilitas komposit ρ_C ≥ 0,70; rata-rata varians yang diekstraksi (AVE) ≥ 0,50.".into()
        },
        columns,
        keys,
        rows,
    });

    // Discriminant validity: Fornell-Larcker and HTMT
    let names: Vec<String> = r.fornell_larcker.iter().map(|(k, _)| k.clone()).collect();
    let rows = r
        .fornell_larcker
        .iter()
        .map(|(a, row)| {
            let mut cells = vec![Cell::text(a.clone())];
            for b in &names {
                cells.push(match row.get(b) {
                    Some(v) => Cell::num(*v, lang),
                    None => Cell::text(""),
                });
            }
            cells
        })
        .collect();
    let mut names_cols = vec!["".to_string()];
    names_cols.extend(names.iter().cloned());
    t.push(Table {
        id: "fornell_larcker".into(),
        title: tr("Fornell-Larcker criterion", "Kriteria Fornell-Larcker"),
        note: tr(
            "√AVE on the diagonal should exceed the construct's correlations below it.",
            "√AVE pada diagonal harus melebihi korelasi konstruk di bawahnya.",
        ),
        columns: names_cols.clone(),
        keys: names_cols.clone(),
        rows,
    });
    let rows = names
        .iter()
        .enumerate()
        .map(|(ia, a)| {
            let mut cells = vec![Cell::text(a.clone())];
            for (ib, b) in names.iter().enumerate() {
                if ib < ia {
                    let v = r.htmt.get(a).and_then(|m| m.get(b)).copied().flatten();
                    cells.push(Cell::flagged(v, lang, |x| x < 0.85));
                } else {
                    cells.push(Cell::text(""));
                }
            }
            cells
        })
        .collect();
    t.push(Table {
        id: "htmt".into(),
        title: tr("Heterotrait-monotrait ratio (HTMT)", "Rasio heterotrait-monotrait (HTMT)"),
        note: if en {
            "HTMT < 0.85 (conservative) or < 0.90 indicates discriminant validity.".into()
        } else {
            "HTMT < 0,85 (konservatif) atau < 0,90 menunjukkan validitas diskriminan.".into()
        },
        columns: names_cols.clone(),
        keys: names_cols.clone(),
        rows,
    });
    let rows = r
        .cross_loadings
        .iter()
        .map(|(i, row)| {
            let own = r.constructs.iter().find(|c| c.indicators.contains(i)).map(|c| c.name.clone());
            let mut cells = vec![Cell::text(i.clone())];
            for (c, v) in row.iter() {
                let mut cell = Cell::num(*v, lang);
                if Some(c) == own.as_ref() {
                    cell.flag = Some(Flag::Good);
                }
                cells.push(cell);
            }
            cells
        })
        .collect();
    t.push(Table {
        id: "cross_loadings".into(),
        title: tr("Cross loadings", "Muatan silang"),
        note: tr(
            "Each indicator should load highest on its own construct (marked).",
            "Setiap indikator seharusnya bermuatan paling tinggi pada konstruknya sendiri (ditandai).",
        ),
        columns: names_cols.clone(),
        keys: names_cols,
        rows,
    });

    // Structural model
    let rows = r
        .path_coefficients
        .iter()
        .map(|p| {
            let mut verdict = match p.significant {
                Some(true) => tr("significant", "signifikan"),
                Some(false) => tr("not significant", "tidak signifikan"),
                None => "—".into(),
            };
            if p.p_ci_disagree == Some(true) {
                verdict.push(' ');
                verdict.push_str(DISAGREE_MARK);
            }
            vec![
                Cell::text(format!("{} → {}", p.from, p.to)),
                Cell::num(p.estimate, lang),
                Cell::num(p.mean, lang),
                Cell::num(p.se, lang),
                Cell::num(p.t, lang),
                Cell::p(p.p, lang),
                Cell::ci(&Inference { ci_lower: p.ci_lower, ci_upper: p.ci_upper, ..Default::default() }, lang),
                Cell::num(p.f2, lang),
                Cell { text: verdict, value: None, flag: p.significant.map(|s| if s { Flag::Good } else { Flag::Bad }), export: None },
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[("Path", "Jalur"), ("O", "O"), ("M", "M"), ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK"), ("f²", "f²"), ("Verdict", "Keputusan")],
    );
    let disagree = r.path_coefficients.iter().any(|p| p.p_ci_disagree == Some(true));
    t.push(Table {
        id: "paths".into(),
        title: tr("Path coefficients (bootstrap)", "Koefisien jalur (bootstrap)"),
        note: paths_note(&r.settings, disagree, lang),
        columns,
        keys,
        rows,
    });
    let rows = r
        .r_squared
        .iter()
        .map(|(c, x)| vec![Cell::text(c.clone()), Cell::num(x.r2, lang), Cell::num(x.r2_adj, lang), Cell::flagged(r.q2.get(c).copied().flatten(), lang, |v| v > 0.0)])
        .collect();
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("R²", "R²"), ("Adjusted R²", "R² disesuaikan"), ("Q²", "Q²")]);
    t.push(Table {
        id: "r_squared".into(),
        title: tr("Explained variance and predictive relevance", "Varians yang dijelaskan dan relevansi prediktif"),
        note: if en {
            format!(
                "R² 0.25 weak, 0.50 moderate, 0.75 substantial; Q² > 0 (blindfolding, omission distance {}) indicates predictive relevance.",
                r.settings.blindfold_distance
            )
        } else {
            format!(
                "R² 0,25 lemah, 0,50 moderat, 0,75 substansial; Q² > 0 (blindfolding, jarak omisi {}) menunjukkan relevansi prediktif.",
                r.settings.blindfold_distance
            )
        },
        columns,
        keys,
        rows,
    });
    let mut rows = Vec::new();
    for (c, row) in r.vif.inner.iter() {
        for (p, v) in row.iter() {
            rows.push(vec![Cell::text(format!("{p} → {c}")), Cell::flagged(*v, lang, |x| x < 5.0)]);
        }
    }
    let (columns, keys) = cols(lang, &[("Path", "Jalur"), ("VIF", "VIF")]);
    t.push(Table {
        id: "inner_vif".into(),
        title: tr("Collinearity of predictors (inner VIF)", "Kolinearitas prediktor (VIF dalam)"),
        note: tr(
            "VIF < 5 (ideally < 3) indicates no critical collinearity among a construct's predictors.",
            "VIF < 5 (idealnya < 3) menunjukkan tidak ada kolinearitas kritis di antara prediktor suatu konstruk.",
        ),
        columns,
        keys,
        rows,
    });
    let stat_cols = |first: (&'static str, &'static str), second: (&'static str, &'static str)| {
        cols(lang, &[first, second, ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK")])
    };
    if !r.indirect_effects.is_empty() {
        let rows = r
            .indirect_effects
            .iter()
            .map(|e| {
                let i = &e.inference;
                vec![
                    Cell::text(format!("{} → {}", e.from, e.to)),
                    Cell::num(i.estimate, lang),
                    Cell::num(i.se, lang),
                    Cell::num(i.t, lang),
                    Cell::p(i.p, lang),
                    Cell::ci(i, lang),
                ]
            })
            .collect();
        let (columns, keys) = stat_cols(("Effect", "Efek"), ("Estimate", "Estimasi"));
        t.push(Table {
            id: "indirect_effects".into(),
            title: tr("Total indirect effects", "Total efek tidak langsung"),
            note: tr("Sum of all indirect paths from one construct to another.", "Jumlah semua jalur tidak langsung dari satu konstruk ke konstruk lain."),
            columns,
            keys,
            rows,
        });
    }
    let (columns, keys) = cols(lang, &[("Index", "Indeks"), ("Value", "Nilai")]);
    t.push(Table {
        id: "fit".into(),
        title: tr("Model fit", "Kecocokan model"),
        note: if en {
            "SRMR < 0.08 indicates good fit; GoF 0.10 small, 0.25 medium, 0.36 large (Wetzels et al. 2009).".into()
        } else {
            "SRMR < 0,08 menunjukkan kecocokan yang baik; GoF 0,10 kecil, 0,25 sedang, 0,36 besar (Wetzels dkk. 2009).".into()
        },
        columns,
        keys,
        rows: vec![vec![Cell::text("SRMR"), Cell::flagged(r.srmr, lang, |x| x < 0.08)], vec![Cell::text("GoF"), Cell::num(r.gof, lang)]],
    });
    for s in &r.simple_slopes {
        let rows = s
            .lines
            .iter()
            .map(|l| {
                let i = &l.inference;
                let level = localize(format!("{:+}", l.moderator_level), lang);
                vec![
                    Cell::text(if en { format!("{} at {level} SD", s.moderator) } else { format!("{} pada {level} SB", s.moderator) }),
                    Cell::num(l.slope, lang),
                    Cell::num(i.se, lang),
                    Cell::num(i.t, lang),
                    Cell::p(i.p, lang),
                    Cell::ci(i, lang),
                ]
            })
            .collect();
        let (columns, keys) = stat_cols(("Moderator level", "Tingkat moderator"), ("Slope", "Kemiringan"));
        t.push(Table {
            id: format!("simple_slopes_{}", s.interaction),
            title: if en {
                format!("Simple slopes of {} → {} moderated by {}", s.iv, s.dv, s.moderator)
            } else {
                format!("Kemiringan sederhana {} → {} dimoderasi oleh {}", s.iv, s.dv, s.moderator)
            },
            note: if en {
                format!("Effect of {} on {} when {} is one SD below its mean, at its mean, and one SD above.", s.iv, s.dv, s.moderator)
            } else {
                format!(
                    "Efek {} terhadap {} ketika {} satu simpangan baku (SB) di bawah rata-ratanya, pada rata-ratanya, dan satu SB di atasnya.",
                    s.iv, s.dv, s.moderator
                )
            },
            columns,
            keys,
            rows,
        });
    }
    t
}

/// Aligned plain-text rendering.
pub fn to_text(t: &Table) -> String {
    let ncol = t.columns.len();
    let mut width = vec![0usize; ncol];
    let all = std::iter::once(t.columns.clone()).chain(t.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()));
    let all: Vec<Vec<String>> = all.collect();
    for row in &all {
        for (j, c) in row.iter().enumerate().take(ncol) {
            width[j] = width[j].max(c.chars().count());
        }
    }
    let mut out = format!("{}\n", t.title);
    for (n, row) in all.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .take(ncol)
            .map(|(j, c)| {
                let pad = width[j] - c.chars().count();
                if j == 0 {
                    format!("{c}{}", " ".repeat(pad))
                } else {
                    format!("{}{c}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str("  ");
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
        if n == 0 {
            out.push_str("  ");
            out.push_str(&width.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
            out.push('\n');
        }
    }
    out.push_str(&format!("  {}\n", t.note));
    out
}

/// CSV (comma, full precision where a number is behind the cell, dot
/// decimals in every language; headers and words as displayed).
pub fn to_csv(t: &Table) -> String {
    let esc = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = t.columns.iter().map(|c| esc(c)).collect::<Vec<_>>().join(",");
    out.push('\n');
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match (c.value, &c.export) {
                (Some(v), _) => format!("{v}"),
                (None, Some(e)) => esc(e),
                (None, None) => esc(&c.text),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// Tab-separated with the displayed text (pastes into spreadsheets and Word).
pub fn to_tsv(t: &Table) -> String {
    let mut out = t.columns.join("\t");
    out.push('\n');
    for row in &t.rows {
        out.push_str(&row.iter().map(|c| c.text.replace('\t', " ")).collect::<Vec<_>>().join("\t"));
        out.push('\n');
    }
    out
}

/// The bundled example (crm_sc_bp) analysed with `settings` on one thread,
/// for the report's tests.
#[cfg(test)]
pub(crate) fn example_result(settings: crate::engine::Settings) -> AnalysisResult {
    use crate::data::{read_bytes, ReadOptions};
    use crate::model::{parse_syntax, validate};
    let (ds, _) = read_bytes(include_bytes!("../../www/examples/crm_sc_bp.csv"), &ReadOptions::default()).unwrap();
    let model = validate(&parse_syntax(crate::ui::state::EXAMPLE_MODEL).unwrap(), &ds.names).unwrap();
    crate::engine::analyze(&ds, &model, &crate::engine::Settings { threads: 1, ..settings }, &|_| true).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::Settings;

    fn example() -> AnalysisResult {
        example_result(Settings { bootstrap: 100, seed: 3, ..Settings::smartpls() })
    }

    /// Symbols and names that read the same in both languages.
    const SAME_IN_BOTH: &[&str] = &["", "—", "O", "M", "t", "p", "f²", "R²", "Q²", "VIF", "HTMT", "AVE", "ρ_A", "ρ_C", "SRMR", "GoF", "CI"];

    fn is_number(s: &str) -> bool {
        let s = s.trim_start_matches(['<', ' ', '-', '−']);
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    }

    #[test]
    fn indonesian_tables_translate_every_word() {
        let r = example();
        let names: Vec<String> = r
            .constructs
            .iter()
            .flat_map(|c| std::iter::once(c.name.clone()).chain(c.indicators.iter().cloned()))
            .collect();
        let is_name = |s: &str| names.iter().any(|n| n == s) || s.split(" → ").all(|part| names.iter().any(|n| n == part));
        let en = tables(&r, Lang::En);
        let id = tables(&r, Lang::Id);
        assert_eq!(en.len(), id.len());
        let mut checked = 0;
        for (a, b) in en.iter().zip(&id) {
            assert_eq!(a.id, b.id, "ids are stable");
            assert_eq!(a.keys, b.keys, "column keys are stable");
            assert_eq!(a.keys.len(), a.columns.len());
            assert_ne!(a.title, b.title, "{}: title", a.id);
            assert_ne!(a.note, b.note, "{}: note", a.id);
            let mut pairs: Vec<(&str, &str)> = a.columns.iter().map(String::as_str).zip(b.columns.iter().map(String::as_str)).collect();
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                pairs.extend(ra.iter().map(|c| c.text.as_str()).zip(rb.iter().map(|c| c.text.as_str())));
            }
            for (x, y) in pairs {
                if SAME_IN_BOTH.contains(&x) || is_number(x) || is_name(x) {
                    continue;
                }
                checked += 1;
                assert_ne!(x, y, "{}: {x:?} is not translated", a.id);
            }
        }
        assert!(checked > 20, "only {checked} strings compared");
        let paths = id.iter().find(|t| t.id == "paths").unwrap();
        assert_eq!(paths.columns[0], "Jalur");
        assert!(paths.rows.iter().any(|r| r.last().unwrap().text.contains("signifikan")));
        let slopes = id.iter().find(|t| t.id.starts_with("simple_slopes_")).unwrap();
        assert!(slopes.rows[0][0].text.contains(" pada "), "{}", slopes.rows[0][0].text);
    }

    #[test]
    fn indonesian_numbers_use_a_comma_and_csv_keeps_dots() {
        let r = example();
        let en = tables(&r, Lang::En);
        let id = tables(&r, Lang::Id);
        for (a, b) in en.iter().zip(&id) {
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                for (ca, cb) in ra.iter().zip(rb) {
                    assert_eq!(ca.value, cb.value, "{}: same value behind the cell", a.id);
                    if ca.value.is_some() && ca.text != "—" {
                        assert!(cb.text.contains(',') && !cb.text.contains('.'), "{}: {:?}", a.id, cb.text);
                        assert!(ca.text.contains('.') && !ca.text.contains(','), "{}: {:?}", a.id, ca.text);
                    }
                }
            }
            // CSV: the same numbers, dots only, in both languages.
            let (csv_en, csv_id) = (to_csv(a), to_csv(b));
            let body = |s: &str| s.lines().skip(1).map(str::to_string).collect::<Vec<_>>();
            let (be, bi) = (body(&csv_en), body(&csv_id));
            for (le, li) in be.iter().zip(&bi) {
                let nums = |l: &str| l.split(',').filter(|c| c.parse::<f64>().is_ok()).map(str::to_string).collect::<Vec<_>>();
                assert_eq!(nums(le), nums(li), "{}", a.id);
            }
            // TSV: displayed text.
            assert!(to_tsv(b).lines().next().unwrap().split('\t').eq(b.columns.iter().map(String::as_str)));
        }
        let paths = id.iter().find(|t| t.id == "paths").unwrap();
        let ci = &paths.rows[0][6];
        assert!(ci.text.starts_with('[') && ci.text.contains("; "), "{}", ci.text);
        let csv = to_csv(paths);
        let row = csv.lines().nth(1).unwrap();
        assert!(row.contains(&format!("\"{}\"", ci.export.as_ref().unwrap())), "CI exported in English form: {row}");
        assert!(ci.export.as_ref().unwrap().contains('.'));
        assert!(to_tsv(paths).contains(&ci.text));
    }

    fn paths(r: &AnalysisResult, lang: Lang) -> Table {
        tables(r, lang).into_iter().find(|t| t.id == "paths").unwrap()
    }

    /// The note names the verdict rule and the tails actually used, and the
    /// interval level follows the tails.
    #[test]
    fn path_note_states_the_rule_and_the_tails() {
        use crate::engine::settings::{Significance, Tails};
        let cases = [
            (Significance::PValue, Tails::Two, "two-tailed p, 95% confidence interval (CI); significant: p < 0.05, two-tailed.", "p dua arah, interval kepercayaan (IK) 95%; signifikan: p < 0,05, dua arah."),
            (Significance::PValue, Tails::One, "one-tailed p, 90% confidence interval (CI); significant: p < 0.05, one-tailed.", "p satu arah, interval kepercayaan (IK) 90%; signifikan: p < 0,05, satu arah."),
            (Significance::Interval, Tails::Two, "significant: the 95% CI excludes zero (two-tailed, α = 0.05).", "signifikan: IK 95% tidak memuat nol (dua arah, α = 0,05)."),
            (Significance::Interval, Tails::One, "one-tailed p, 90% confidence interval (CI); significant: the 90% CI excludes zero (one-tailed, α = 0.05).", "signifikan: IK 90% tidak memuat nol (satu arah, α = 0,05)."),
        ];
        for (significance, tails, en, id) in cases {
            let r = example_result(Settings { bootstrap: 60, seed: 3, significance, tails, ..Settings::smartpls() });
            let (a, b) = (paths(&r, Lang::En), paths(&r, Lang::Id));
            assert!(a.note.contains(en), "{significance:?} {tails:?}: {}", a.note);
            assert!(b.note.contains(id), "{significance:?} {tails:?}: {}", b.note);
            // the verdict column follows the engine's verdict, row by row
            for (row, p) in a.rows.iter().zip(&r.path_coefficients) {
                let verdict = &row.last().unwrap().text;
                assert_eq!(verdict.starts_with("significant"), p.significant == Some(true), "{verdict}");
            }
        }
    }

    /// A row where p and the interval disagree is marked, and the note says
    /// why; rows that agree are not marked.
    #[test]
    fn rows_where_p_and_the_interval_disagree_are_marked() {
        let mut r = example();
        assert!(r.path_coefficients.iter().all(|p| p.p_ci_disagree.is_some()), "the engine judges every row");
        let plain = paths(&r, Lang::En);
        if r.path_coefficients.iter().all(|p| p.p_ci_disagree == Some(false)) {
            assert!(!plain.note.contains(DISAGREE_MARK), "{}", plain.note);
        }
        for p in &mut r.path_coefficients {
            p.p_ci_disagree = Some(false);
        }
        r.path_coefficients[1].p_ci_disagree = Some(true);
        for lang in [Lang::En, Lang::Id] {
            let t = paths(&r, lang);
            for (k, row) in t.rows.iter().enumerate() {
                let verdict = row.last().unwrap();
                assert_eq!(verdict.text.ends_with(&format!(" {DISAGREE_MARK}")), k == 1, "{lang:?} row {k}: {}", verdict.text);
                assert_eq!(verdict.flag.is_some(), r.path_coefficients[k].significant.is_some());
            }
            let why = if lang == Lang::En {
                "⚠ p and the confidence interval disagree: the bootstrap distribution is skewed (see its histogram); consider BCa intervals."
            } else {
                "⚠ p dan interval kepercayaan tidak sejalan: distribusi bootstrap menceng (lihat histogramnya); pertimbangkan interval BCa."
            };
            assert!(t.note.ends_with(why), "{}", t.note);
        }
        // with BCa intervals already, the note does not suggest them
        r.settings.ci = CiMethod::Bca;
        let t = paths(&r, Lang::En);
        assert!(t.note.ends_with("skewed (see its histogram).") && !t.note.contains("consider BCa"), "{}", t.note);
        for p in &mut r.path_coefficients {
            p.p_ci_disagree = Some(false);
        }
        assert!(!paths(&r, Lang::En).note.contains(DISAGREE_MARK));
    }

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(fmt3_in(Some(0.4012), Lang::Id), "0,401");
        assert_eq!(fmt3_in(Some(-1.5), Lang::Id), "-1,500");
        assert_eq!(fmt3_in(None, Lang::Id), "—");
        assert_eq!(fmt_p_in(Some(0.0301), Lang::Id), "0,030");
        assert_eq!(fmt_p_in(Some(0.0004), Lang::Id), "< 0,001");
        assert_eq!(fmt_p_in(Some(1.0), Lang::Id), "1,000");
        assert_eq!(fmt_p_in(Some(0.0301), Lang::En), ".030");
        assert_eq!(num_in(0.05, Lang::Id), "0,05");
    }

    #[test]
    fn p_values_in_apa_style() {
        assert_eq!(fmt_p(Some(0.0301)), ".030");
        assert_eq!(fmt_p(Some(0.0004)), "< .001");
        assert_eq!(fmt_p(Some(0.998)), ".998");
        assert_eq!(fmt_p(Some(1.0)), "1.000");
        assert_eq!(fmt_p(None), "—");
    }
}
