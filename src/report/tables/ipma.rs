//! Importance-performance map (Ringle & Sarstedt 2016): constructs, then
//! indicators, with importance (unstandardized total effect) and
//! performance (0–100).

use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::{fmt3_in, Lang};

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let m = r.ipma.as_ref()?;
    let mut rows: Vec<Vec<Cell>> = m
        .constructs
        .iter()
        .map(|c| vec![Cell::text(c.name.clone()), Cell::text(""), Cell::num(c.importance, lang), Cell::num(c.performance, lang)])
        .collect();
    rows.extend(m.indicators.iter().map(|i| vec![Cell::text(i.name.clone()), Cell::text(i.construct.clone()), Cell::num(i.importance, lang), Cell::num(i.performance, lang)]));
    let (columns, keys) = cols(lang, &[("Construct or indicator", "Konstruk atau indikator"), ("Of construct", "Dari konstruk"), ("Importance", "Kepentingan"), ("Performance", "Kinerja")]);
    let scale = match m.scale {
        Some([a, b]) => format!("{}–{}", fmt3_in(Some(a), lang), fmt3_in(Some(b), lang)),
        None => tr(lang, "each indicator's observed range", "rentang amatan tiap indikator"),
    };
    let perf = fmt3_in(m.target_performance, lang);
    Some(Table {
        id: "ipma".into(),
        title: match lang {
            Lang::En => format!("Importance-performance map of {}", m.target),
            Lang::Id => format!("Peta kepentingan-kinerja {}", m.target),
        },
        note: match lang {
            Lang::En => format!("Importance: unstandardized total effect on {} (performance {perf}); performance: mean score on 0–100, rescaled from {scale}, with unstandardized weights (Ringle & Sarstedt 2016).", m.target),
            Lang::Id => format!("Kepentingan: efek total tak terstandar terhadap {} (kinerja {perf}); kinerja: skor rata-rata 0–100, diskalakan dari {scale}, dengan bobot tak terstandar (Ringle & Sarstedt 2016).", m.target),
        },
        columns,
        keys,
        rows,
    })
}
