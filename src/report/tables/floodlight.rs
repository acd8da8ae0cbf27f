//! Floodlight summary (Spiller et al. 2013): for each interaction and
//! dependent, the moderator's observed range, the Johnson–Neyman points and
//! where the conditional effect is significant; no table without
//! interactions.

use crate::engine::result::{AnalysisResult, Floodlight};
use crate::report::cells::{cols, localize, tr, Cell, Table};
use crate::report::{methods, Lang};

/// A moderator value in SD units, "−1.234".
fn sd(v: f64, lang: Lang) -> String {
    localize(format!("{v:.3}"), lang).replace('-', "−")
}

/// Whether the interval at a floodlight point excludes zero (`None`
/// without an interval).
pub fn significant_at(p: &crate::engine::result::FloodlightPoint) -> Option<bool> {
    match (p.ci_lower, p.ci_upper) {
        (Some(lo), Some(hi)) => Some(lo > 0.0 || hi < 0.0),
        _ => None,
    }
}

/// The stretches of the range where the effect is significant, as
/// (from, to) in SD units: between the ends and the JN points, starting
/// from the verdict at the range's lower end.
pub fn significant_regions(f: &Floodlight) -> Option<Vec<(f64, f64)>> {
    let first = f.points.first()?;
    let last = f.points.last()?;
    let mut sig = significant_at(first)?;
    let mut from = first.at;
    let mut out = Vec::new();
    for j in &f.jn_points {
        if sig {
            out.push((from, j.at));
        }
        sig = j.significant_above;
        from = j.at;
    }
    if sig {
        out.push((from, last.at));
    }
    Some(out)
}

fn region_text(f: &Floodlight, lang: Lang) -> String {
    let en = lang == Lang::En;
    let Some(regions) = significant_regions(f) else { return "—".into() };
    let (lo, hi) = (f.points.first().map_or(0.0, |p| p.at), f.points.last().map_or(0.0, |p| p.at));
    match regions.as_slice() {
        [] => tr(lang, "nowhere in the observed range", "tidak di mana pun dalam rentang teramati"),
        [(a, b)] if *a == lo && *b == hi => tr(lang, "over the whole observed range", "di seluruh rentang teramati"),
        parts => {
            let m = &f.moderator;
            let one = |&(a, b): &(f64, f64)| {
                if a == lo {
                    format!("{m} < {}", sd(b, lang))
                } else if b == hi {
                    format!("{m} > {}", sd(a, lang))
                } else {
                    format!("{} < {m} < {}", sd(a, lang), sd(b, lang))
                }
            };
            let list: Vec<String> = parts.iter().map(one).collect();
            list.join(if en { " and " } else { " dan " })
        }
    }
}

pub fn build(r: &AnalysisResult, lang: Lang) -> Option<Table> {
    if r.floodlight.is_empty() {
        return None;
    }
    let rows = r
        .floodlight
        .iter()
        .map(|f| {
            let (lo, hi) = (f.points.first().map_or(f64::NAN, |p| p.at), f.points.last().map_or(f64::NAN, |p| p.at));
            let jn = if f.jn_points.is_empty() {
                if f.points.iter().any(|p| significant_at(p).is_some()) { tr(lang, "none in the range", "tidak ada dalam rentang") } else { "—".into() }
            } else {
                f.jn_points.iter().map(|j| sd(j.at, lang)).collect::<Vec<_>>().join(if lang == Lang::En { ", " } else { "; " })
            };
            vec![
                Cell::text(format!("{} → {}", f.iv, f.dv)),
                Cell::text(f.moderator.clone()),
                Cell::text(format!("[{}{} {}]", sd(lo, lang), if lang == Lang::En { "," } else { ";" }, sd(hi, lang))),
                Cell::text(jn),
                Cell::text(region_text(f, lang)),
            ]
        })
        .collect();
    let (columns, keys) = cols(
        lang,
        &[("Effect", "Efek"), ("Moderator", "Moderator"), ("Observed range (SD)", "Rentang teramati (SB)"), ("Johnson–Neyman points (SD)", "Titik Johnson–Neyman (SB)"), ("Significant", "Signifikan")],
    );
    let pct = methods::ci_percent(&r.settings);
    let note = if lang == Lang::En {
        format!("Conditional effect of the independent construct across the moderator's observed scores (SD units); Johnson–Neyman points: where the {pct}% bootstrap percentile interval starts or stops excluding zero.")
    } else {
        format!("Efek bersyarat konstruk independen di sepanjang skor moderator yang teramati (satuan SB); titik Johnson–Neyman: tempat interval persentil bootstrap {pct}% mulai atau berhenti tidak memuat nol.")
    };
    Some(Table { id: "floodlight".into(), title: tr(lang, "Floodlight (Johnson–Neyman)", "Analisis floodlight (Johnson–Neyman)"), note, columns, keys, rows })
}
