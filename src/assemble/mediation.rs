//! The mediation statistics' rows (`Settings::mediation`): specific
//! indirect effects with their type of mediation, conditional indirect
//! effects with the index of moderated mediation, floodlight bands with
//! their Johnson–Neyman points. Names only: every number comes from
//! `engine::mediation` through the bootstrap catalog.

use crate::engine::bootstrap::{verdict, Catalog, Summary};
use crate::engine::estimate::{Design, Estimate};
use crate::engine::mediation::{FloodlightBand, Mediation};
use crate::engine::result::*;
use crate::engine::settings::Settings;
use crate::engine::BootstrapOutcome;

/// The three lists of a result, in the order of `engine::mediation`.
pub struct Rows {
    pub specific: Vec<SpecificIndirect>,
    pub conditional: Vec<ConditionalIndirect>,
    pub floodlight: Vec<Floodlight>,
}

impl Rows {
    fn empty() -> Self {
        Rows { specific: Vec::new(), conditional: Vec::new(), floodlight: Vec::new() }
    }
}

/// A statistic without bootstrap inference.
fn bare(estimate: f64) -> Summary {
    Summary { estimate, mean: f64::NAN, se: f64::NAN, t: f64::NAN, p: f64::NAN, lo: f64::NAN, hi: f64::NAN }
}

/// The rows of the full-sample estimate alone.
pub fn point(design: &Design, est: &Estimate, catalog: &Catalog, settings: &Settings) -> Rows {
    let Some(med) = &catalog.mediation else { return Rows::empty() };
    let mine: Vec<Summary> = med.extract(est).into_iter().map(bare).collect();
    let paths: Vec<Summary> = catalog.paths.iter().map(|&(f, t)| bare(est.path(f, t))).collect();
    rows(design, med, &mine, &paths, None, settings)
}

/// The rows with the bootstrap's inference.
pub fn with_bootstrap(design: &Design, catalog: &Catalog, b: &BootstrapOutcome, settings: &Settings) -> Rows {
    let Some(med) = &catalog.mediation else { return Rows::empty() };
    let off = catalog.offsets();
    let mine = &b.summaries[off.mediation..off.mediation + med.len()];
    let paths = &b.summaries[off.paths..off.paths + catalog.paths.len()];
    rows(design, med, mine, paths, Some(b.floodlight.as_slice()), settings)
}

fn inference(s: &Summary) -> Inference {
    Inference { estimate: num(s.estimate), mean: num(s.mean), se: num(s.se), t: num(s.t), p: num(s.p), ci_lower: num(s.lo), ci_upper: num(s.hi) }
}

fn rows(design: &Design, med: &Mediation, mine: &[Summary], paths: &[Summary], bands: Option<&[FloodlightBand]>, settings: &Settings) -> Rows {
    let name = |j: usize| design.node_name(j).to_string();
    let route_names = |r: usize| med.routes[r].nodes.iter().map(|&j| name(j)).collect::<Vec<String>>();
    let verdicts = med.verdicts(mine, paths, settings);
    let specific = verdicts
        .iter()
        .enumerate()
        .map(|(r, v)| {
            let s = &mine[med.route_at(r)];
            SpecificIndirect {
                path: route_names(r),
                inference: inference(s),
                significant: verdict(s, settings).0,
                mediation: v.kind,
                total_effect: num(v.total),
                vaf: v.vaf.and_then(num),
            }
        })
        .collect();
    let conditional = med
        .conditional
        .iter()
        .enumerate()
        .map(|(c, cond)| ConditionalIndirect {
            path: route_names(cond.route),
            moderator: name(cond.moderator),
            stages: cond.stages.iter().map(|s| s.position).collect(),
            levels: med.levels.iter().enumerate().map(|(l, &at)| ConditionalLevel { at, inference: inference(&mine[med.level_at(c, l)]) }).collect(),
            index: med.index_at(c).map(|i| inference(&mine[i])),
        })
        .collect();
    let floodlight = med
        .floodlight
        .iter()
        .enumerate()
        .map(|(f, fl)| {
            let (points, jn_points) = match bands.and_then(|b| b.get(f)) {
                Some(band) => (
                    band.points.iter().map(|p| FloodlightPoint { at: p.at, effect: num(p.effect), ci_lower: num(p.ci_lower), ci_upper: num(p.ci_upper) }).collect(),
                    band.jn.iter().map(|j| JnPoint { at: j.at, significant_above: j.significant_above }).collect(),
                ),
                None => (
                    fl.grid.iter().enumerate().map(|(g, &at)| FloodlightPoint { at, effect: num(mine[med.grid_at(f, g)].estimate), ci_lower: None, ci_upper: None }).collect(),
                    Vec::new(),
                ),
            };
            Floodlight { interaction: name(fl.interaction), iv: name(fl.iv), moderator: name(fl.moderator), dv: name(fl.dv), points, jn_points }
        })
        .collect();
    Rows { specific, conditional, floodlight }
}
