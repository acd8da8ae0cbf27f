//! View-models of a result: tables with formatted cells, shared by the
//! command line (aligned text, CSV) and the web app. Never computes
//! statistics: every number comes from [`AnalysisResult`].

pub mod methods;
pub mod svg;

use crate::engine::result::{AnalysisResult, Inference, Num};
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
    pub text: String,
    /// Full-precision value for CSV export.
    pub value: Option<f64>,
    pub flag: Option<Flag>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell { text: s.into(), value: None, flag: None }
    }
    pub fn num(v: Num) -> Self {
        Cell { text: fmt3(v), value: v, flag: None }
    }
    pub fn flagged(v: Num, good: impl Fn(f64) -> bool) -> Self {
        Cell { text: fmt3(v), value: v, flag: v.map(|x| if good(x) { Flag::Good } else { Flag::Bad }) }
    }
    pub fn p(v: Num) -> Self {
        Cell { text: fmt_p(v), value: v, flag: None }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable identifier (used for file names and translations).
    pub id: String,
    pub title: String,
    /// One line: what the statistic is and the usual threshold.
    pub note: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Three decimals, "—" for missing.
pub fn fmt3(v: Num) -> String {
    match v {
        Some(x) => format!("{x:.3}"),
        None => "—".into(),
    }
}

/// APA style: ".030", "< .001", "1.000".
pub fn fmt_p(v: Num) -> String {
    match v {
        None => "—".into(),
        Some(p) if p < 0.001 => "< .001".into(),
        Some(p) if p >= 0.9995 => "1.000".into(),
        Some(p) => format!("{p:.3}").trim_start_matches('0').to_string(),
    }
}

fn ci_text(i: &Inference) -> String {
    match (i.ci_lower, i.ci_upper) {
        (Some(a), Some(b)) => format!("[{a:.3}, {b:.3}]"),
        _ => "—".into(),
    }
}

/// Every table a paper needs, in reading order.
pub fn tables(r: &AnalysisResult) -> Vec<Table> {
    let mut t = Vec::new();
    let boot = r.bootstrap.is_some();
    let alpha = r.settings.alpha;

    // Outer loadings and weights
    let mut rows = Vec::new();
    for (c, items) in r.outer_loadings.iter() {
        for (i, l) in items.iter() {
            let w = r.outer_weights.get(c).and_then(|m| m.get(i)).copied().flatten();
            let vif = r.vif.outer.get(c).and_then(|m| m.get(i)).copied().flatten();
            let mut row = vec![Cell::text(c.clone()), Cell::text(i.clone()), Cell::flagged(*l, |x| x >= 0.708), Cell::num(w), Cell::flagged(vif, |x| x < 5.0)];
            if let Some(b) = &r.bootstrap {
                let inf = b.outer_loadings.get(c).and_then(|m| m.get(i));
                row.push(Cell::num(inf.and_then(|x| x.t)));
                row.push(Cell::p(inf.and_then(|x| x.p)));
            }
            rows.push(row);
        }
    }
    let mut cols: Vec<String> = ["Construct", "Indicator", "Loading", "Weight", "VIF"].iter().map(|s| s.to_string()).collect();
    if boot {
        cols.push("t (loading)".into());
        cols.push("p (loading)".into());
    }
    t.push(Table {
        id: "outer_model".into(),
        title: "Outer loadings, weights and indicator VIF".into(),
        note: "Loadings ≥ 0.708 indicate indicator reliability; indicator VIF < 5 indicates no critical collinearity.".into(),
        columns: cols,
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
                Cell::flagged(x.alpha, |v| v >= 0.7),
                Cell::flagged(x.rho_a, |v| v >= 0.7),
                Cell::flagged(x.rho_c, |v| v >= 0.7),
                Cell::flagged(x.ave, |v| v >= 0.5),
            ]
        })
        .collect();
    t.push(Table {
        id: "reliability".into(),
        title: "Construct reliability and validity".into(),
        note: "Cronbach's α, ρ_A and composite reliability ρ_C ≥ 0.70; average variance extracted (AVE) ≥ 0.50.".into(),
        columns: ["Construct", "Cronbach's α", "ρ_A", "ρ_C", "AVE"].iter().map(|s| s.to_string()).collect(),
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
                    Some(v) => Cell::num(*v),
                    None => Cell::text(""),
                });
            }
            cells
        })
        .collect();
    let mut cols = vec!["".to_string()];
    cols.extend(names.iter().cloned());
    t.push(Table {
        id: "fornell_larcker".into(),
        title: "Fornell-Larcker criterion".into(),
        note: "√AVE on the diagonal should exceed the construct's correlations below it.".into(),
        columns: cols.clone(),
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
                    cells.push(Cell::flagged(v, |x| x < 0.85));
                } else {
                    cells.push(Cell::text(""));
                }
            }
            cells
        })
        .collect();
    t.push(Table {
        id: "htmt".into(),
        title: "Heterotrait-monotrait ratio (HTMT)".into(),
        note: "HTMT < 0.85 (conservative) or < 0.90 indicates discriminant validity.".into(),
        columns: cols.clone(),
        rows,
    });
    let rows = r
        .cross_loadings
        .iter()
        .map(|(i, row)| {
            let own = r.constructs.iter().find(|c| c.indicators.contains(i)).map(|c| c.name.clone());
            let mut cells = vec![Cell::text(i.clone())];
            for (c, v) in row.iter() {
                let mut cell = Cell::num(*v);
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
        title: "Cross loadings".into(),
        note: "Each indicator should load highest on its own construct (marked).".into(),
        columns: cols.clone(),
        rows,
    });

    // Structural model
    let rows = r
        .path_coefficients
        .iter()
        .map(|p| {
            let verdict = match p.significant {
                Some(true) => "significant",
                Some(false) => "not significant",
                None => "—",
            };
            vec![
                Cell::text(format!("{} → {}", p.from, p.to)),
                Cell::num(p.estimate),
                Cell::num(p.mean),
                Cell::num(p.se),
                Cell::num(p.t),
                Cell::p(p.p),
                Cell::text(ci_text(&Inference { ci_lower: p.ci_lower, ci_upper: p.ci_upper, ..Default::default() })),
                Cell::num(p.f2),
                Cell {
                    text: verdict.into(),
                    value: None,
                    flag: p.significant.map(|s| if s { Flag::Good } else { Flag::Bad }),
                },
            ]
        })
        .collect();
    t.push(Table {
        id: "paths".into(),
        title: "Path coefficients (bootstrap)".into(),
        note: format!(
            "Original sample (O), bootstrap mean (M), standard deviation (STDEV), t = O/STDEV, two-tailed p, {:.0}% confidence interval; significant at α = {alpha}. f²: 0.02 small, 0.15 medium, 0.35 large.",
            100.0 * (1.0 - alpha)
        ),
        columns: ["Path", "O", "M", "STDEV", "t", "p", "CI", "f²", "Verdict"].iter().map(|s| s.to_string()).collect(),
        rows,
    });
    let rows = r
        .r_squared
        .iter()
        .map(|(c, x)| vec![Cell::text(c.clone()), Cell::num(x.r2), Cell::num(x.r2_adj), Cell::flagged(r.q2.get(c).copied().flatten(), |v| v > 0.0)])
        .collect();
    t.push(Table {
        id: "r_squared".into(),
        title: "Explained variance and predictive relevance".into(),
        note: format!(
            "R² 0.25 weak, 0.50 moderate, 0.75 substantial; Q² > 0 (blindfolding, omission distance {}) indicates predictive relevance.",
            r.settings.blindfold_distance
        ),
        columns: ["Construct", "R²", "Adjusted R²", "Q²"].iter().map(|s| s.to_string()).collect(),
        rows,
    });
    let mut rows = Vec::new();
    for (c, row) in r.vif.inner.iter() {
        for (p, v) in row.iter() {
            rows.push(vec![Cell::text(format!("{p} → {c}")), Cell::flagged(*v, |x| x < 5.0)]);
        }
    }
    t.push(Table {
        id: "inner_vif".into(),
        title: "Collinearity of predictors (inner VIF)".into(),
        note: "VIF < 5 (ideally < 3) indicates no critical collinearity among a construct's predictors.".into(),
        columns: vec!["Path".into(), "VIF".into()],
        rows,
    });
    if !r.indirect_effects.is_empty() {
        let rows = r
            .indirect_effects
            .iter()
            .map(|e| {
                let i = &e.inference;
                vec![Cell::text(format!("{} → {}", e.from, e.to)), Cell::num(i.estimate), Cell::num(i.se), Cell::num(i.t), Cell::p(i.p), Cell::text(ci_text(i))]
            })
            .collect();
        t.push(Table {
            id: "indirect_effects".into(),
            title: "Total indirect effects".into(),
            note: "Sum of all indirect paths from one construct to another.".into(),
            columns: ["Effect", "Estimate", "STDEV", "t", "p", "CI"].iter().map(|s| s.to_string()).collect(),
            rows,
        });
    }
    t.push(Table {
        id: "fit".into(),
        title: "Model fit".into(),
        note: "SRMR < 0.08 indicates good fit; GoF 0.10 small, 0.25 medium, 0.36 large (Wetzels et al. 2009).".into(),
        columns: vec!["Index".into(), "Value".into()],
        rows: vec![
            vec![Cell::text("SRMR"), Cell::flagged(r.srmr, |x| x < 0.08)],
            vec![Cell::text("GoF"), Cell::num(r.gof)],
        ],
    });
    for s in &r.simple_slopes {
        let rows = s
            .lines
            .iter()
            .map(|l| {
                let i = &l.inference;
                vec![
                    Cell::text(format!("{} at {:+} SD", s.moderator, l.moderator_level)),
                    Cell::num(l.slope),
                    Cell::num(i.se),
                    Cell::num(i.t),
                    Cell::p(i.p),
                    Cell::text(ci_text(i)),
                ]
            })
            .collect();
        t.push(Table {
            id: format!("simple_slopes_{}", s.interaction),
            title: format!("Simple slopes of {} → {} moderated by {}", s.iv, s.dv, s.moderator),
            note: format!("Effect of {} on {} when {} is one SD below its mean, at its mean, and one SD above.", s.iv, s.dv, s.moderator),
            columns: ["Moderator level", "Slope", "STDEV", "t", "p", "CI"].iter().map(|s| s.to_string()).collect(),
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

/// CSV (comma, full precision where a number is behind the cell).
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
        let cells: Vec<String> = row.iter().map(|c| match c.value {
            Some(v) => format!("{v}"),
            None => esc(&c.text),
        }).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_in_apa_style() {
        assert_eq!(fmt_p(Some(0.0301)), ".030");
        assert_eq!(fmt_p(Some(0.0004)), "< .001");
        assert_eq!(fmt_p(Some(0.998)), ".998");
        assert_eq!(fmt_p(Some(1.0)), "1.000");
        assert_eq!(fmt_p(None), "—");
    }
}
