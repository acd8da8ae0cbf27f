//! Simple slopes of each interaction: the effect of the independent
//! construct at the moderator's mean and one SD either side, one table per
//! interaction.

use super::stat_cols;
use crate::engine::result::{AnalysisResult, SimpleSlopes};
use crate::report::cells::{Cell, Table};
use crate::report::Lang;

pub fn build(r: &AnalysisResult, lang: Lang) -> Vec<Table> {
    r.simple_slopes.iter().map(|s| table(s, lang)).collect()
}

fn table(s: &SimpleSlopes, lang: Lang) -> Table {
    let en = lang == Lang::En;
    let rows = s
        .lines
        .iter()
        .map(|l| {
            let i = &l.inference;
            vec![
                // as the slope plot labels them: "SC at mean", not "at +0 SD"
                Cell::text(super::conditional_indirect::level_text(&s.moderator, l.moderator_level, lang)),
                Cell::num(l.slope, lang),
                Cell::num(i.se, lang),
                Cell::num(i.t, lang),
                Cell::p(i.p, lang),
                Cell::ci(i, lang),
            ]
        })
        .collect();
    let (columns, keys) = stat_cols(lang, ("Moderator level", "Tingkat moderator"), ("Slope", "Kemiringan"));
    Table {
        id: format!("simple_slopes_{}", s.interaction),
        title: if en {
            format!("Simple slopes of {} → {} moderated by {}", s.iv, s.dv, s.moderator)
        } else {
            format!("Kemiringan sederhana {} → {} dimoderasi oleh {}", s.iv, s.dv, s.moderator)
        },
        note: if en {
            format!("Effect of {} on {} when {} is one SD below its mean, at its mean, and one SD above.", s.iv, s.dv, s.moderator)
        } else {
            format!("Efek {} terhadap {} ketika {} satu simpangan baku (SB) di bawah rata-ratanya, pada rata-ratanya, dan satu SB di atasnya.", s.iv, s.dv, s.moderator)
        },
        columns,
        keys,
        rows,
    }
}
