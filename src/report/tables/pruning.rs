//! Pruning indicators: which ones the usual rule marks for removal, and
//! what changed when some were excluded and the model was estimated again
//! (AVE, ρ_C and the remaining loadings, before → after).
//!
//! The rule (Hair et al. 2022, ch. 4; [`LOADING_KEEP`], [`LOADING`],
//! [`AVE`], [`RELIABILITY`]): an indicator of a reflective construct loading
//! below 0.40 is removed; one loading between 0.40 and 0.708 is a candidate
//! only while its construct's AVE or ρ_C is below its threshold, and is
//! removed only if that lifts them above it; the rest are kept.

use crate::engine::result::{AnalysisResult, Num};
use crate::model::Mode;
use crate::report::cells::{cols, tr, Cell, Flag, Table};
use crate::report::thresholds::{AVE, LOADING, LOADING_KEEP, RELIABILITY};
use crate::report::Lang;

/// What the rule says about one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Candidate {
    /// Loading below 0.40.
    Remove,
    /// Loading in [0.40, 0.708) while the construct's AVE or ρ_C falls short.
    Consider,
}

impl Candidate {
    pub fn text(self, lang: Lang) -> String {
        match self {
            Candidate::Remove => tr(lang, "remove", "hapus"),
            Candidate::Consider => tr(lang, "candidate", "kandidat"),
        }
    }
}

/// The rule applied to `item` of `construct` in `r` (reflective constructs only).
pub fn candidate(r: &AnalysisResult, construct: &str, loading: Num) -> Option<Candidate> {
    let info = r.constructs.iter().find(|c| c.name == construct)?;
    if info.mode != Mode::A || info.interaction || info.indicators.len() < 2 {
        return None;
    }
    let l = loading?.abs();
    if !LOADING_KEEP.holds(l) {
        return Some(Candidate::Remove);
    }
    let rel = r.reliability.get(construct)?;
    let short = |v: Num, rule: crate::report::thresholds::Cutoff| v.is_some_and(|x| !rule.holds(x));
    (!LOADING.holds(l) && (short(rel.ave, AVE) || short(rel.rho_c, RELIABILITY))).then_some(Candidate::Consider)
}

/// The note under the loadings table when some indicator is marked.
pub fn rule_note(lang: Lang) -> String {
    let (keep, l, ave, rel) = (LOADING_KEEP.text(lang), LOADING.text(lang), AVE.text(lang), RELIABILITY.text(lang));
    match lang {
        Lang::En => format!(
            "Removal (Hair et al. 2022): an indicator loading below 0.40 is removed; one loading between 0.40 and 0.708 is a candidate only while AVE {ave} or ρ_C {rel} is not met, and is removed only if that lifts them above the threshold (loadings {keep} kept otherwise; {l} is the target)."
        ),
        Lang::Id => format!(
            "Penghapusan (Hair dkk. 2022): indikator dengan muatan di bawah 0,40 dihapus; indikator dengan muatan antara 0,40 dan 0,708 hanya menjadi kandidat selama AVE {ave} atau ρ_C {rel} belum terpenuhi, dan dihapus hanya bila hal itu menaikkan keduanya melewati batas (selain itu muatan {keep} dipertahankan; targetnya {l})."
        ),
    }
}

/// What changed between the result `before` and the result `after` some
/// indicators were excluded (or restored): AVE and ρ_C of every construct of
/// `after`, and every loading present in both; `None` without a change of
/// indicators.
pub fn comparison(before: &AnalysisResult, after: &AnalysisResult, lang: Lang) -> Option<Table> {
    let items = |r: &AnalysisResult| r.constructs.iter().flat_map(|c| c.indicators.clone()).collect::<Vec<_>>();
    let (had, has) = (items(before), items(after));
    let excluded: Vec<&String> = had.iter().filter(|i| !has.contains(i)).collect();
    let restored: Vec<&String> = has.iter().filter(|i| !had.contains(i)).collect();
    if excluded.is_empty() && restored.is_empty() {
        return None;
    }
    let diff = |a: Num, b: Num| match (a, b) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    let judged_pair = |a: Num, b: Num, rule: crate::report::thresholds::Cutoff| {
        vec![Cell::judged(a, lang, rule), Cell::judged(b, lang, rule), Cell::num(diff(a, b), lang)]
    };
    let mut rows = Vec::new();
    for c in after.constructs.iter().filter(|c| !c.interaction) {
        let (Some(b), Some(a)) = (before.reliability.get(&c.name), after.reliability.get(&c.name)) else { continue };
        for (label, x, y, rule) in [("AVE", b.ave, a.ave, AVE), ("ρ_C", b.rho_c, a.rho_c, RELIABILITY)] {
            let mut row = vec![Cell::text(c.name.clone()), Cell::text(label)];
            row.extend(judged_pair(x, y, rule));
            rows.push(row);
        }
        let (Some(lb), Some(la)) = (before.outer_loadings.get(&c.name), after.outer_loadings.get(&c.name)) else { continue };
        for (item, &y) in la.iter() {
            if let Some(&x) = lb.get(item) {
                let mut row = vec![Cell::text(c.name.clone()), Cell::text(item.clone())];
                row.extend(judged_pair(x, y, LOADING));
                rows.push(row);
            }
        }
    }
    let (columns, keys) = cols(lang, &[("Construct", "Konstruk"), ("Statistic", "Statistik"), ("Before", "Sebelum"), ("After", "Sesudah"), ("Change", "Perubahan")]);
    let list = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    let mut note = Vec::new();
    if !excluded.is_empty() {
        note.push(format!("{}: {}", tr(lang, "Excluded", "Dikeluarkan"), list(&excluded)));
    }
    if !restored.is_empty() {
        note.push(format!("{}: {}", tr(lang, "Restored", "Dikembalikan"), list(&restored)));
    }
    note.push(tr(
        lang,
        "keep the exclusion only if AVE or ρ_C of its construct rises above the threshold.",
        "pertahankan penghapusan hanya bila AVE atau ρ_C konstruknya naik melewati batas.",
    ));
    Some(Table {
        id: "pruning".into(),
        title: tr(lang, "What changed: before → after excluding indicators", "Yang berubah: sebelum → sesudah indikator dikeluarkan"),
        note: note.join("; "),
        columns,
        keys,
        rows,
    })
}

/// A cell saying what the rule says of one indicator.
pub(crate) fn candidate_cell(c: Option<Candidate>, lang: Lang) -> Cell {
    match c {
        Some(k) => Cell { flag: Some(Flag::Bad), ..Cell::text(k.text(lang)) },
        None => Cell::text(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Settings;
    use crate::report::example_result;

    #[test]
    fn the_rule_reads_the_loading_and_the_construct() {
        let mut r = example_result(Settings { bootstrap: 0, ..Settings::smartpls() });
        let c = r.outer_loadings.iter().next().unwrap().0.clone();
        assert_eq!(candidate(&r, &c, Some(0.30)), Some(Candidate::Remove));
        assert_eq!(candidate(&r, &c, Some(-0.30)), Some(Candidate::Remove));
        assert_eq!(candidate(&r, &c, Some(0.80)), None);
        // 0.60 is a candidate only while AVE or ρ_C falls short
        let rel = r.reliability.0.iter_mut().find(|(k, _)| *k == c).unwrap();
        rel.1.ave = Some(0.55);
        rel.1.rho_c = Some(0.85);
        assert_eq!(candidate(&r, &c, Some(0.60)), None);
        r.reliability.0.iter_mut().find(|(k, _)| *k == c).unwrap().1.ave = Some(0.45);
        assert_eq!(candidate(&r, &c, Some(0.60)), Some(Candidate::Consider));
    }

    #[test]
    fn comparison_lists_before_and_after() {
        let before = example_result(Settings { bootstrap: 0, ..Settings::smartpls() });
        let mut after = before.clone();
        assert!(comparison(&before, &after, Lang::En).is_none(), "nothing changed");
        let (c, item) = {
            let (c, items) = after.outer_loadings.iter().next().unwrap();
            (c.clone(), items.iter().next().unwrap().0.clone())
        };
        after.constructs.iter_mut().find(|k| k.name == c).unwrap().indicators.retain(|i| *i != item);
        after.outer_loadings.0.iter_mut().find(|(k, _)| *k == c).unwrap().1 .0.retain(|(i, _)| *i != item);
        after.reliability.0.iter_mut().find(|(k, _)| *k == c).unwrap().1.ave = Some(0.9);
        let t = comparison(&before, &after, Lang::En).unwrap();
        assert!(t.note.contains(&item), "{}", t.note);
        let ave = t.rows.iter().find(|r| r[0].text == c && r[1].text == "AVE").unwrap();
        let old = before.reliability.get(&c).unwrap().ave.unwrap();
        assert_eq!(ave[2].value, Some(old));
        assert_eq!(ave[3].value, Some(0.9));
        assert!((ave[4].value.unwrap() - (0.9 - old)).abs() < 1e-15);
        assert!(!t.rows.iter().any(|r| r[1].text == item), "an excluded item has no after");
        let id = comparison(&before, &after, Lang::Id).unwrap();
        assert!(id.note.starts_with("Dikeluarkan"));
    }
}
