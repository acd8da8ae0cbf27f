//! Total indirect effects with their bootstrap inference; no table when the
//! model has no indirect path.

use super::stat_cols;
use crate::engine::result::AnalysisResult;
use crate::report::cells::{tr, Cell, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    if r.indirect_effects.is_empty() {
        return None;
    }
    let rows = r
        .indirect_effects
        .iter()
        .map(|e| {
            let i = &e.inference;
            vec![Cell::text(format!("{} → {}", e.from, e.to)), Cell::num(i.estimate, lang), Cell::num(i.se, lang), Cell::num(i.t, lang), Cell::p(i.p, lang), Cell::ci(i, lang)]
        })
        .collect();
    let (columns, keys) = stat_cols(lang, ("Effect", "Efek"), ("Estimate", "Estimasi"));
    Some(Table {
        id: "indirect_effects".into(),
        title: tr(lang, "Total indirect effects", "Total efek tidak langsung"),
        note: tr(lang, "Sum of all indirect paths from one construct to another.", "Jumlah semua jalur tidak langsung dari satu konstruk ke konstruk lain."),
        columns,
        keys,
        rows,
    })
}
