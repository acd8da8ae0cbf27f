//! Construct reliability (Cronbach's α, ρ_A, ρ_C) and convergent validity
//! (AVE), for every construct but interaction terms.

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::{AVE, RELIABILITY};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let rows = r
        .reliability
        .iter()
        .filter(|(c, _)| !r.constructs.iter().any(|k| &k.name == *c && k.interaction))
        .map(|(c, x)| {
            vec![
                Cell::text(c.clone()),
                Cell::judged(x.alpha, lang, RELIABILITY),
                Cell::judged(x.rho_a, lang, RELIABILITY),
                Cell::judged(x.rho_c, lang, RELIABILITY),
                Cell::judged(x.ave, lang, AVE),
            ]
        })
        .collect();
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("Cronbach's α", "α Cronbach"), ("ρ_A", "ρ_A"), ("ρ_C", "ρ_C"), ("AVE", "AVE")]);
    let (rel, ave) = (RELIABILITY.text(lang), AVE.text(lang));
    Some(Table {
        id: "reliability".into(),
        title: tr(lang, "Construct reliability and validity", "Reliabilitas dan validitas konstruk"),
        note: match lang {
            Lang::En => format!("Cronbach's α, ρ_A and composite reliability ρ_C {rel}; average variance extracted (AVE) {ave}."),
            Lang::Id => format!("α Cronbach, ρ_A dan reliabilitas komposit ρ_C {rel}; rata-rata varians yang diekstraksi (AVE) {ave}."),
        },
        columns,
        keys,
        rows,
    })
}
