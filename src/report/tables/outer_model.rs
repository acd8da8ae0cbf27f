//! Outer loadings, weights and indicator VIF, with the bootstrap t and p of
//! each loading.

use crate::engine::result::AnalysisResult;
use super::pruning::{candidate, candidate_cell, rule_note, Candidate};
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::thresholds::{LOADING, VIF};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    let marks: Vec<Option<Candidate>> =
        r.outer_loadings.iter().flat_map(|(c, items)| items.iter().map(move |(_, l)| candidate(r, c, *l))).collect();
    let marked = marks.iter().any(Option::is_some);
    let mut marks = marks.into_iter();
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
            let mark = marks.next().flatten();
            if marked {
                row.push(candidate_cell(mark, lang));
            }
            rows.push(row);
        }
    }
    let mut pairs = vec![("Construct", "Konstruk"), ("Indicator", "Indikator"), ("Loading", "Muatan"), ("Weight", "Bobot"), ("VIF", "VIF")];
    if r.bootstrap.is_some() {
        pairs.push(("t (loading)", "t (muatan)"));
        pairs.push(("p (loading)", "p (muatan)"));
    }
    if marked {
        pairs.push(("Removal", "Penghapusan"));
    }
    let (columns, keys) = cols(lang, &pairs);
    let (l, v) = (LOADING.text(lang), VIF.text(lang));
    let rule = if marked { format!(" {}", rule_note(lang)) } else { String::new() };
    Some(Table {
        id: "outer_model".into(),
        title: tr(lang, "Outer loadings, weights and indicator VIF", "Muatan luar, bobot dan VIF indikator"),
        note: match lang {
            Lang::En => format!("Loadings {l} indicate indicator reliability; indicator VIF {v} indicates no critical collinearity.{rule}"),
            Lang::Id => format!("Muatan {l} menunjukkan reliabilitas indikator; VIF indikator {v} menunjukkan tidak ada kolinearitas yang kritis.{rule}"),
        },
        columns,
        keys,
        rows,
    })
}
