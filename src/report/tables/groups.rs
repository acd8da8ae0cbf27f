//! Multigroup analysis: per path and pair of groups, the groups'
//! coefficients, their difference and the four tests (PLS-MGA,
//! permutation, parametric, Welch–Satterthwaite).

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let g = r.groups.as_ref()?;
    let rows = g
        .paths
        .iter()
        .map(|p| {
            vec![
                Cell::text(format!("{} → {}", p.from, p.to)),
                Cell::text(format!("{} − {}", p.pair[0], p.pair[1])),
                Cell::num(p.estimates[0], lang),
                Cell::num(p.estimates[1], lang),
                Cell::num(p.diff, lang),
                Cell::p(p.p_pls_mga, lang),
                Cell::p(p.p_permutation, lang),
                Cell::p(p.p_parametric, lang),
                Cell::p(p.p_welch, lang),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[
            ("Path", "Jalur"),
            ("Groups", "Kelompok"),
            ("β first", "β pertama"),
            ("β second", "β kedua"),
            ("Difference", "Selisih"),
            ("p PLS-MGA", "p PLS-MGA"),
            ("p permutation", "p permutasi"),
            ("p parametric", "p parametrik"),
            ("p Welch", "p Welch"),
        ],
    );
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
