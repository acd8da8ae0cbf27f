//! Model fit: SRMR and GoF.

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::{levels, GOF, SRMR};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let (columns, keys) = cols(lang, &[("Index", "Indeks"), ("Value", "Nilai")]);
    let srmr = SRMR.text(lang);
    Some(Table {
        id: "fit".into(),
        title: tr(lang, "Model fit", "Kecocokan model"),
        note: match lang {
            Lang::En => {
                let gof = levels(GOF, ["small", "medium", "large"], lang);
                format!("SRMR {srmr} indicates good fit; GoF {gof} (Wetzels et al. 2009).")
            }
            Lang::Id => {
                let gof = levels(GOF, ["kecil", "sedang", "besar"], lang);
                format!("SRMR {srmr} menunjukkan kecocokan yang baik; GoF {gof} (Wetzels dkk. 2009).")
            }
        },
        columns,
        keys,
        rows: vec![vec![Cell::text("SRMR"), Cell::judged(r.srmr, lang, SRMR)], vec![Cell::text("GoF"), Cell::num(r.gof, lang)]],
    })
}
