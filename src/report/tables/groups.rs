//! Multigroup analysis: per path and pair of groups, the groups'
//! coefficients, their difference and the four tests (PLS-MGA,
//! permutation, parametric, Welch–Satterthwaite).

use crate::engine::result::AnalysisResult;
use crate::engine::result_groups::{GroupPathRow, Measure};
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::Lang;

/// A comparison's cells after its first: the pair, both estimates, the
/// difference and the four p-values.
fn row(label: String, p: &GroupPathRow, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::text(label),
        Cell::text(format!("{} − {}", p.pair[0], p.pair[1])),
        Cell::num(p.estimates[0], lang),
        Cell::num(p.estimates[1], lang),
        Cell::num(p.diff, lang),
        Cell::p(p.p_pls_mga, lang),
        Cell::p(p.p_permutation, lang),
        Cell::p(p.p_parametric, lang),
        Cell::p(p.p_welch, lang),
    ]
}

/// The columns after the first (the groups, estimates, difference, tests).
const COMPARED: [(&str, &str); 8] = [
    ("Groups", "Kelompok"),
    ("first", "pertama"),
    ("second", "kedua"),
    ("Difference", "Selisih"),
    ("p PLS-MGA", "p PLS-MGA"),
    ("p permutation", "p permutasi"),
    ("p parametric", "p parametrik"),
    ("p Welch", "p Welch"),
];

/// Weights, loadings and R² compared between groups (when asked for).
pub fn measures(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let g = r.groups.as_ref().filter(|g| !g.measures.is_empty())?;
    let what = |m: Option<Measure>| match (m, lang) {
        (Some(Measure::Weight), Lang::En) => "weight",
        (Some(Measure::Weight), Lang::Id) => "bobot",
        (Some(Measure::Loading), Lang::En) => "loading",
        (Some(Measure::Loading), Lang::Id) => "muatan",
        _ => "",
    };
    let rows = g
        .measures
        .iter()
        .map(|p| {
            let label = match p.statistic {
                Some(Measure::RSquared) => format!("R² {}", p.from),
                m => format!("{} {} ({})", what(m), p.to, p.from),
            };
            row(label, p, lang)
        })
        .collect();
    let mut pairs = vec![("Statistic", "Statistik")];
    pairs.extend(COMPARED);
    let (columns, keys) = cols(lang, &pairs);
    Some(Table {
        id: "group_measures".into(),
        title: tr(lang, "Multigroup analysis: weights, loadings and R²", "Analisis multigrup: bobot, muatan dan R²"),
        note: match lang {
            Lang::En => "The same tests as for the paths, for every outer weight, loading and R²: PLS-MGA p one-sided (below 0.05 the first group's value is larger), permutation p two-sided, parametric and Welch–Satterthwaite tests from the bootstrap standard errors.".into(),
            Lang::Id => "Uji yang sama seperti untuk jalur, untuk setiap bobot luar, muatan dan R²: p PLS-MGA satu arah (di bawah 0,05 nilai kelompok pertama lebih besar), p permutasi dua arah, uji parametrik dan Welch–Satterthwaite dari galat baku bootstrap.".into(),
        },
        columns,
        keys,
        rows,
    })
}

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let g = r.groups.as_ref()?;
    let rows = g.paths.iter().map(|p| row(format!("{} → {}", p.from, p.to), p, lang)).collect();
    let mut pairs = vec![("Path", "Jalur")];
    pairs.extend(COMPARED);
    // the path table's estimates are coefficients
    pairs[2] = ("β first", "β pertama");
    pairs[3] = ("β second", "β kedua");
    let (columns, keys) = cols(lang, &pairs);
    let sizes: Vec<String> = g.groups.iter().map(|x| format!("{} (n = {})", x.label, x.n)).collect();
    let perms = g.permutations.as_ref().map_or(0, |p| p.permutations);
    Some(Table {
        id: "group_differences".into(),
        title: tr(lang, "Multigroup analysis: path differences", "Analisis multigrup: selisih jalur"),
        note: match lang {
            Lang::En => format!(
                "Groups by {}: {}. PLS-MGA p (Henseler et al. 2009) is one-sided: below 0.05 the first group's path is larger, above 0.95 smaller; permutation p two-sided from {perms} permutations (Chin & Dibbern 2010); parametric and Welch–Satterthwaite tests from the bootstrap standard errors (Sarstedt et al. 2011).",
                g.column,
                sizes.join(", ")
            ),
            Lang::Id => format!(
                "Kelompok menurut {}: {}. p PLS-MGA (Henseler dkk. 2009) satu arah: di bawah 0,05 jalur kelompok pertama lebih besar, di atas 0,95 lebih kecil; p permutasi dua arah dari {perms} permutasi (Chin & Dibbern 2010); uji parametrik dan Welch–Satterthwaite dari galat baku bootstrap (Sarstedt dkk. 2011).",
                g.column,
                sizes.join(", ")
            ),
        },
        columns,
        keys,
        rows,
    })
}
