//! Cross loadings: every indicator against every construct, its own
//! construct marked.

use super::construct_columns;
use crate::engine::result::AnalysisResult;
use crate::report::cells::{tr, Cell, Flag, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let (_, header) = construct_columns(r);
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
    Some(Table {
        id: "cross_loadings".into(),
        title: tr(lang, "Cross loadings", "Muatan silang"),
        note: tr(
            lang,
            "Each indicator should load highest on its own construct (marked).",
            "Setiap indikator seharusnya bermuatan paling tinggi pada konstruknya sendiri (ditandai).",
        ),
        columns: header.clone(),
        keys: header,
        rows,
    })
}
