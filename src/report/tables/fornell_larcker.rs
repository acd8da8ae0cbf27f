//! The Fornell-Larcker criterion: √AVE on the diagonal, construct
//! correlations below it.

use super::construct_columns;
use crate::engine::result::AnalysisResult;
use crate::report::cells::{tr, Cell, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let (names, header) = construct_columns(r);
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
    Some(Table {
        id: "fornell_larcker".into(),
        title: tr(lang, "Fornell-Larcker criterion", "Kriteria Fornell-Larcker"),
        note: tr(lang, "√AVE on the diagonal should exceed the construct's correlations below it.", "√AVE pada diagonal harus melebihi korelasi konstruk di bawahnya."),
        columns: header.clone(),
        keys: header,
        rows,
    })
}
