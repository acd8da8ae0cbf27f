//! Collinearity among the predictors of each dependent construct.

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, Cell, Table, tr};
use crate::report::thresholds::{VIF, VIF_IDEAL};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let mut rows = Vec::new();
    for (c, row) in r.vif.inner.iter() {
        for (p, v) in row.iter() {
            rows.push(vec![Cell::text(format!("{p} → {c}")), Cell::judged(*v, lang, VIF)]);
        }
    }
    let (columns, keys) = cols(lang, &[("Path", "Jalur"), ("VIF", "VIF")]);
    let (vif, ideal) = (VIF.text(lang), VIF_IDEAL.text(lang));
    Some(Table {
        id: "inner_vif".into(),
        title: tr(lang, "Collinearity of predictors (inner VIF)", "Kolinearitas prediktor (VIF dalam)"),
        note: match lang {
            Lang::En => format!("VIF {vif} (ideally {ideal}) indicates no critical collinearity among a construct's predictors."),
            Lang::Id => format!("VIF {vif} (idealnya {ideal}) menunjukkan tidak ada kolinearitas kritis di antara prediktor suatu konstruk."),
        },
        columns,
        keys,
        rows,
    })
}
