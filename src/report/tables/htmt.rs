//! Heterotrait-monotrait ratios below the diagonal, flagged by the
//! conservative cut-off.

use super::construct_columns;
use crate::engine::result::AnalysisResult;
use crate::report::cells::{tr, Cell, Table};
use crate::report::thresholds::{HTMT, HTMT_LIBERAL};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let (names, header) = construct_columns(r);
    let rows = names
        .iter()
        .enumerate()
        .map(|(ia, a)| {
            let mut cells = vec![Cell::text(a.clone())];
            for (ib, b) in names.iter().enumerate() {
                if ib < ia {
                    let v = r.htmt.get(a).and_then(|m| m.get(b)).copied().flatten();
                    cells.push(Cell::judged(v, lang, HTMT));
                } else {
                    cells.push(Cell::text(""));
                }
            }
            cells
        })
        .collect();
    let (strict, liberal) = (HTMT.text(lang), HTMT_LIBERAL.text(lang));
    Some(Table {
        id: "htmt".into(),
        title: tr(lang, "Heterotrait-monotrait ratio (HTMT)", "Rasio heterotrait-monotrait (HTMT)"),
        note: match lang {
            Lang::En => format!("HTMT {strict} (conservative) or {liberal} indicates discriminant validity."),
            Lang::Id => format!("HTMT {strict} (konservatif) atau {liberal} menunjukkan validitas diskriminan."),
        },
        columns: header.clone(),
        keys: header,
        rows,
    })
}
