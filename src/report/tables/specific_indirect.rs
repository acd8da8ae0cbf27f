//! Specific indirect effects: every route through one or more mediators,
//! with its bootstrap inference, the type of mediation (Zhao, Lynch & Chen
//! 2010; Hair et al. 2022, ch. 7) and VAF; no table without routes.

use crate::engine::result::{AnalysisResult, MediationKind};
use crate::report::cells::{cols, tr, Cell, Table};
use crate::report::{methods, Lang};

/// The type of mediation in words.
pub fn kind_text(kind: MediationKind, lang: Lang) -> &'static str {
    use MediationKind::*;
    match (kind, lang) {
        (IndirectOnly, Lang::En) => "indirect-only (full mediation)",
        (ComplementaryPartial, Lang::En) => "complementary (partial mediation)",
        (CompetitivePartial, Lang::En) => "competitive (partial mediation)",
        (DirectOnly, Lang::En) => "direct-only (no mediation)",
        (NoEffect, Lang::En) => "no effect (no mediation)",
        (IndirectOnly, Lang::Id) => "hanya tidak langsung (mediasi penuh)",
        (ComplementaryPartial, Lang::Id) => "komplementer (mediasi parsial)",
        (CompetitivePartial, Lang::Id) => "kompetitif (mediasi parsial)",
        (DirectOnly, Lang::Id) => "hanya langsung (tanpa mediasi)",
        (NoEffect, Lang::Id) => "tanpa efek (tanpa mediasi)",
    }
}

/// "A → B → C".
pub fn route_text(path: &[String]) -> String {
    path.join(" → ")
}

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    if r.specific_indirect_effects.is_empty() {
        return None;
    }
    let rows = r
        .specific_indirect_effects
        .iter()
        .map(|e| {
            let i = &e.inference;
            vec![
                Cell::text(route_text(&e.path)),
                Cell::num(i.estimate, lang),
                Cell::num(i.mean, lang),
                Cell::num(i.se, lang),
                Cell::num(i.t, lang),
                Cell::p(i.p, lang),
                Cell::ci(i, lang),
                Cell::text(e.mediation.map_or("—", |k| kind_text(k, lang))),
                Cell::num(e.vaf, lang),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[("Route", "Rute"), ("O", "O"), ("M", "M"), ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK"), ("Mediation", "Mediasi"), ("VAF", "VAF")],
    );
    let s = &r.settings;
    let pct = methods::ci_percent(s);
    let note = if lang == Lang::En {
        format!(
            "Product of the paths along each route, from the same resamples as the paths; {pct}% CI. Mediation: the route's indirect effect and the direct path judged by the significance rule of the path table (Zhao, Lynch & Chen 2010); VAF = indirect / total effect, given for full and complementary mediation."
        )
    } else {
        format!(
            "Hasil kali jalur di sepanjang tiap rute, dari sampel ulang yang sama dengan jalur; IK {pct}%. Mediasi: efek tidak langsung rute dan jalur langsung dinilai dengan aturan signifikansi tabel jalur (Zhao, Lynch & Chen 2010); VAF = efek tidak langsung / efek total, diberikan untuk mediasi penuh dan komplementer."
        )
    };
    Some(Table { id: "specific_indirect_effects".into(), title: tr(lang, "Specific indirect effects", "Efek tidak langsung spesifik"), note, columns, keys, rows })
}

#[cfg(test)]
mod tests {
    use crate::data::{read_bytes, ReadOptions};
    use crate::engine::result::AnalysisResult;
    use crate::engine::Settings;
    use crate::model::{parse_syntax, validate};
    use crate::report::{methods, tables, to_text, workbook, Lang};

    /// The bundled example with SC as a mediator of CRM → BP: a route, a
    /// second-stage moderated route (CRM*SC moderates SC → BP by CRM) and
    /// a floodlight.
    fn mediated(bootstrap: usize) -> AnalysisResult {
        let (ds, _) = read_bytes(include_bytes!("../../../www/examples/crm_sc_bp.csv"), &ReadOptions::default()).unwrap();
        let text = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\nBP =~ BP1 + BP2 + BP3 + BP4 + BP5\nSC ~ CRM\nBP ~ CRM + SC + CRM:SC\n";
        let model = validate(&parse_syntax(text).unwrap(), &ds.names).unwrap();
        let s = Settings { bootstrap, seed: 4, threads: 1, mediation: true, blindfold_distance: 0, ..Settings::smartpls() };
        crate::pipeline::analyze(&ds, &model, &s, &|_| true).unwrap()
    }

    #[test]
    fn mediation_tables_in_both_languages() {
        let r = mediated(200);
        assert_eq!(r.specific_indirect_effects.len(), 1);
        assert_eq!(r.conditional_indirect_effects.len(), 1);
        assert_eq!(r.floodlight.len(), 1);
        let ids = ["specific_indirect_effects", "conditional_indirect_effects", "floodlight"];
        let (en, id) = (tables(&r, Lang::En), tables(&r, Lang::Id));
        for want in ids {
            let a = en.iter().find(|t| t.id == want).unwrap_or_else(|| panic!("no table {want}"));
            let b = id.iter().find(|t| t.id == want).unwrap();
            assert_ne!(a.title, b.title, "{want}");
            assert_ne!(a.note, b.note, "{want}");
            assert_eq!(a.keys, b.keys);
            assert_eq!(a.rows.len(), b.rows.len());
            for (ra, rb) in a.rows.iter().zip(&b.rows) {
                for (ca, cb) in ra.iter().zip(rb) {
                    assert_eq!(ca.value, cb.value, "{want}");
                }
            }
        }
        // the verdict words follow the engine's type of mediation
        let e = &r.specific_indirect_effects[0];
        let kind = e.mediation.expect("a verdict with a bootstrap");
        for (ts, lang) in [(&en, Lang::En), (&id, Lang::Id)] {
            let t = ts.iter().find(|t| t.id == "specific_indirect_effects").unwrap();
            assert_eq!(t.rows[0][0].text, "CRM → SC → BP");
            assert_eq!(t.rows[0][7].text, super::kind_text(kind, lang));
        }
        // levels and the index of moderated mediation
        let c = en.iter().find(|t| t.id == "conditional_indirect_effects").unwrap();
        let labels: Vec<&str> = c.rows.iter().map(|r| r[1].text.as_str()).collect();
        assert_eq!(labels, ["CRM at −1 SD", "CRM at mean", "CRM at +1 SD", "index of moderated mediation (CRM)"]);
        assert_eq!(c.rows[3][2].value, r.conditional_indirect_effects[0].index.as_ref().unwrap().estimate);
        let ci = id.iter().find(|t| t.id == "conditional_indirect_effects").unwrap();
        assert_eq!(ci.rows[0][1].text, "CRM pada −1 SB");
        // every word of the floodlight row is in the table's language
        let f = en.iter().find(|t| t.id == "floodlight").unwrap();
        assert_eq!(f.rows[0][0].text, "CRM → BP");
        assert_eq!(f.rows[0][1].text, "SC");
        assert!(f.rows[0][2].text.starts_with('[') && f.rows[0][2].text.contains(", "), "{}", f.rows[0][2].text);
        let fi = id.iter().find(|t| t.id == "floodlight").unwrap();
        assert!(fi.rows[0][2].text.contains("; ") && fi.rows[0][2].text.contains(','), "{}", fi.rows[0][2].text);
        // the command line prints them
        let text: String = en.iter().map(to_text).collect();
        for title in ["Specific indirect effects", "Conditional indirect effects", "Floodlight (Johnson–Neyman)"] {
            assert!(text.contains(title), "{title}");
        }
        // the workbook has a sheet each (stored entries: the names, at most
        // 31 characters, are in the bytes)
        let book = workbook::workbook(&r, Lang::Id, &id);
        for title in ["Efek tidak langsung spesifik", "Efek tidak langsung bersyarat", "Analisis floodlight (Johnson–Neyman)"] {
            let name: String = title.chars().take(31).collect();
            assert!(book.windows(name.len()).any(|w| w == name.as_bytes()), "{name}");
        }
        // and the methods paragraph says what was computed
        let (pe, pi) = (methods::methods_paragraph(&r, Lang::En), methods::methods_paragraph(&r, Lang::Id));
        assert!(pe.contains("Specific indirect effects were computed for every route") && pe.contains("index of moderated mediation (Hayes, 2015)") && pe.contains("Johnson–Neyman"), "{pe}");
        assert!(pi.contains("Efek tidak langsung spesifik dihitung") && pi.contains("indeks mediasi termoderasi") && pi.contains("Johnson–Neyman"), "{pi}");
    }

    /// Without a bootstrap: estimates only, no verdict, no JN points.
    #[test]
    fn mediation_tables_without_bootstrap() {
        let r = mediated(0);
        assert!(r.specific_indirect_effects[0].mediation.is_none());
        assert!(r.floodlight[0].jn_points.is_empty() && r.floodlight[0].points.iter().all(|p| p.ci_lower.is_none()));
        let t = tables(&r, Lang::En);
        let s = t.iter().find(|t| t.id == "specific_indirect_effects").unwrap();
        assert_eq!(s.rows[0][7].text, "—");
        let f = t.iter().find(|t| t.id == "floodlight").unwrap();
        assert_eq!((f.rows[0][3].text.as_str(), f.rows[0][4].text.as_str()), ("—", "—"));
    }
}
