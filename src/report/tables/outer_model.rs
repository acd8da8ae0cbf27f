//! Outer loadings, weights and indicator VIF, with the bootstrap t and p of
//! each loading.

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::{LOADING, VIF};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let mut rows = Vec::new();
    for (c, items) in r.outer_loadings.iter() {
        for (i, l) in items.iter() {
            let w = r.outer_weights.get(c).and_then(|m| m.get(i)).copied().flatten();
            let vif = r.vif.outer.get(c).and_then(|m| m.get(i)).copied().flatten();
            let mut row = vec![Cell::text(c.clone()), Cell::text(i.clone()), Cell::judged(*l, lang, LOADING), Cell::num(w, lang), Cell::judged(vif, lang, VIF)];
            if let Some(b) = &r.bootstrap {
                let inf = b.outer_loadings.get(c).and_then(|m| m.get(i));
                row.push(Cell::num(inf.and_then(|x| x.t), lang));
                row.push(Cell::p(inf.and_then(|x| x.p), lang));
            }
            rows.push(row);
        }
    }
    let mut pairs = vec![("Construct", "Konstruk"), ("Indicator", "Indikator"), ("Loading", "Muatan"), ("Weight", "Bobot"), ("VIF", "VIF")];
    if r.bootstrap.is_some() {
        pairs.push(("t (loading)", "t (muatan)"));
        pairs.push(("p (loading)", "p (muatan)"));
    }
    let (columns, keys) = cols(lang, &pairs);
    let (l, v) = (LOADING.text(lang), VIF.text(lang));
    Some(Table {
        id: "outer_model".into(),
        title: tr(lang, "Outer loadings, weights and indicator VIF", "Muatan luar, bobot dan VIF indikator"),
        note: match lang {
            Lang::En => format!("Loadings {l} indicate indicator reliability; indicator VIF {v} indicates no critical collinearity."),
            Lang::Id => format!("Muatan {l} menunjukkan reliabilitas indikator; VIF indikator {v} menunjukkan tidak ada kolinearitas yang kritis."),
        },
        columns,
        keys,
        rows,
    })
}
