//! Explained variance (R², adjusted R²) and predictive relevance (Q²) of
//! every dependent construct.

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::{levels, Q2, R2};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let rows = r
        .r_squared
        .iter()
        .map(|(c, x)| vec![Cell::text(c.clone()), Cell::num(x.r2, lang), Cell::num(x.r2_adj, lang), Cell::judged(r.q2.get(c).copied().flatten(), lang, Q2)])
        .collect();
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("R²", "R²"), ("Adjusted R²", "R² disesuaikan"), ("Q²", "Q²")]);
    let (q2, d) = (Q2.text(lang), r.settings.blindfold_distance);
    Some(Table {
        id: "r_squared".into(),
        title: tr(lang, "Explained variance and predictive relevance", "Varians yang dijelaskan dan relevansi prediktif"),
        note: match lang {
            Lang::En => {
                let r2 = levels(R2, ["weak", "moderate", "substantial"], lang);
                format!("R² {r2}; Q² {q2} (blindfolding, omission distance {d}) indicates predictive relevance.")
            }
            Lang::Id => {
                let r2 = levels(R2, ["lemah", "moderat", "substansial"], lang);
                format!("R² {r2}; Q² {q2} (blindfolding, jarak omisi {d}) menunjukkan relevansi prediktif.")
            }
        },
        columns,
        keys,
        rows,
    })
}
