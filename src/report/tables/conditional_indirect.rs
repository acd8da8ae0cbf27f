//! Conditional indirect effects (Hayes 2015; 2018): each route with a
//! moderated path, its effect at the moderator's levels, and the index of
//! moderated mediation; no table without such routes.

use super::specific_indirect::route_text;
use crate::engine::result::AnalysisResult;
use crate::report::cells::{cols, localize, tr, Cell, Table};
use crate::report::{methods, Lang};

/// "W at −1 SD" / "W pada −1 SB"; "W at mean".
pub fn level_text(moderator: &str, at: f64, lang: Lang) -> String {
    let en = lang == Lang::En;
    if at == 0.0 {
        return if en { format!("{moderator} at mean") } else { format!("{moderator} pada rata-rata") };
    }
    let v = localize(format!("{at:+}"), lang).replace('-', "−");
    if en {
        format!("{moderator} at {v} SD")
    } else {
        format!("{moderator} pada {v} SB")
    }
}

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    if r.conditional_indirect_effects.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    for c in &r.conditional_indirect_effects {
        let route = route_text(&c.path);
        for l in &c.levels {
            let i = &l.inference;
            rows.push(vec![
                Cell::text(route.clone()),
                Cell::text(level_text(&c.moderator, l.at, lang)),
                Cell::num(i.estimate, lang),
                Cell::num(i.se, lang),
                Cell::num(i.t, lang),
                Cell::p(i.p, lang),
                Cell::ci(i, lang),
            ]);
        }
        let index = tr(lang, "index of moderated mediation", "indeks mediasi termoderasi");
        match &c.index {
            Some(i) => rows.push(vec![
                Cell::text(route.clone()),
                Cell::text(format!("{index} ({})", c.moderator)),
                Cell::num(i.estimate, lang),
                Cell::num(i.se, lang),
                Cell::num(i.t, lang),
                Cell::p(i.p, lang),
                Cell::ci(i, lang),
            ]),
            None => rows.push(vec![
                Cell::text(route.clone()),
                Cell::text(format!(
                    "{index} ({}): {}",
                    c.moderator,
                    tr(lang, "not defined (moderates several paths)", "tidak terdefinisi (memoderasi beberapa jalur)")
                )),
                Cell::text("—"),
                Cell::text("—"),
                Cell::text("—"),
                Cell::text("—"),
                Cell::text("—"),
            ]),
        }
    }
    let (columns, keys) = cols(
        lang,
        &[("Route", "Rute"), ("Moderator level", "Tingkat moderator"), ("Estimate", "Estimasi"), ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK")],
    );
    let pct = methods::ci_percent(&r.settings);
    let note = if lang == Lang::En {
        format!("The route's product of standardized paths with the moderated path at the moderator's level (SD units); index of moderated mediation: the slope of the indirect effect in the moderator (a₃·b for the first stage, a·b₃ for the second; Hayes 2015). {pct}% CI from the same resamples as the paths.")
    } else {
        format!("Hasil kali jalur terstandardisasi sepanjang rute dengan jalur yang dimoderasi pada tingkat moderator (satuan SB); indeks mediasi termoderasi: kemiringan efek tidak langsung terhadap moderator (a₃·b untuk tahap pertama, a·b₃ untuk tahap kedua; Hayes 2015). IK {pct}% dari sampel ulang yang sama dengan jalur.")
    };
    Some(Table { id: "conditional_indirect_effects".into(), title: tr(lang, "Conditional indirect effects", "Efek tidak langsung bersyarat"), note, columns, keys, rows })
}
