//! Blindfolding (SmartPLS's table): SSO, SSE and Q² = 1 − SSE/SSO per
//! construct.

use crate::engine::result::AnalysisResult;
use crate::engine::settings::Q2Kind;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::Q2;
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let b = r.blindfolding.as_ref()?;
    let rows = b.iter().map(|(c, x)| vec![Cell::text(c.clone()), Cell::num(x.sso, lang), Cell::num(x.sse, lang), Cell::judged(x.q2, lang, Q2)]).collect();
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("SSO", "SSO"), ("SSE", "SSE"), ("Q² (= 1 − SSE/SSO)", "Q² (= 1 − SSE/SSO)")]);
    let (d, q2) = (r.settings.blindfold_distance, Q2.text(lang));
    let what = match (r.settings.q2, lang) {
        (Q2Kind::Redundancy, Lang::En) => "cross-validated redundancy",
        (Q2Kind::Communality, Lang::En) => "cross-validated communality",
        (Q2Kind::Redundancy, Lang::Id) => "redundansi tervalidasi silang",
        (Q2Kind::Communality, Lang::Id) => "komunalitas tervalidasi silang",
    };
    Some(Table {
        id: "blindfolding".into(),
        title: tr(lang, "Blindfolding: predictive relevance", "Blindfolding: relevansi prediktif"),
        note: match lang {
            Lang::En => format!("Omission distance {d}, {what}; SSO: squared observations, SSE: squared prediction errors of the omitted points; Q² {q2} indicates predictive relevance."),
            Lang::Id => format!("Jarak omisi {d}, {what}; SSO: kuadrat observasi, SSE: kuadrat galat prediksi titik yang dihilangkan; Q² {q2} menunjukkan relevansi prediktif."),
        },
        columns,
        keys,
        rows,
    })
}
