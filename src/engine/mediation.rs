//! Mediation and conditional process statistics over the structural model.
//!
//! All of them are functions of one estimate's path coefficients, so
//! [`Mediation::extract_into`] appends them to a resample's statistics
//! the way [`super::bootstrap::Catalog::extract`] records the paths, and the
//! bootstrap summarizes them like any other statistic.
//!
//! - **Specific indirect effects.** A route is a directed path of the
//!   structural model from a node to a later one through one or more
//!   mediators (serial mediation included); its specific indirect effect is
//!   the product of its path coefficients (Alwin & Hauser 1975; Hair et al.
//!   2022, ch. 7), and the routes between two nodes sum to the total
//!   indirect effect of [`super::evaluate::total_effects`].
//!   Interaction nodes are never mediators: the model checker refuses paths
//!   into an interaction, so no route can pass through one. A route may
//!   *start* at an interaction node (X·W → M → Y): its product is then the
//!   first-stage index of moderated mediation in the reported units (the
//!   interaction's path as reported, rescaled under seminr's scaling), kept
//!   so that the routes still sum to every total indirect effect. Paths on a
//!   route that an interaction moderates enter at the moderator's mean.
//! - **Type of mediation** per route ([`classify`]), from the significance
//!   and signs of the route's indirect effect and of the direct path
//!   (Zhao, Lynch & Chen 2010; Hair et al. 2022, ch. 7), with the variance
//!   accounted for, VAF = indirect / total (Hair, Hult, Ringle & Sarstedt
//!   2014, ch. 7), where it is a share ([`vaf`]).
//! - **Conditional indirect effects** (Hayes 2015; 2018): when an
//!   interaction X·W → v sits on a route's path X → v, the route's effect at
//!   moderator level w (in SD units of W's scores, as the simple slopes) is
//!   the product of the route's standardized paths with (b_X + b_XW·w) in
//!   place of b_X. With one moderated path the effect is linear in w and its
//!   slope is the index of moderated mediation: a₃·b for the first stage
//!   (W moderating X → M), a·b₃ for the second stage (W moderating M → Y),
//!   generally b_XW times the route's other paths. When W moderates two paths
//!   of one route the effect is a polynomial in w and has no index (Hayes
//!   2015 defines it for indirect effects linear in W). Coefficients are
//!   standardized as the simple slopes' are: `est.path(f, t) * est.adjust[f]`.
//! - **Floodlight** (Spiller, Fitzsimons, Lynch & McClelland 2013): for each
//!   interaction, the conditional effect b_X + b_XW·w of its independent
//!   variable on each dependent over a grid of moderator values spanning the
//!   moderator's observed scores; [`Mediation::floodlight_band`] gives the
//!   percentile bounds and the Johnson–Neyman points (Johnson & Neyman 1936;
//!   Hayes 2018), where the bootstrap interval starts or stops
//!   excluding zero, solved exactly rather than interpolated between grid
//!   points (see [`Mediation::floodlight_band`]).

use super::bootstrap::{verdict, Summary, SLOPE_LEVELS};
use super::estimate::{Design, Estimate};
use super::linalg::{column_mean_sd, quantile_select};
use super::pls::Structure;
use super::settings::{Settings, Tails};
use nalgebra::DMatrix;
use serde::{Deserialize, Serialize};

/// What [`Mediation::new`] records besides the model's own structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Moderator levels of the conditional indirect effects, in SD units:
    /// the simple slopes' −1, 0, +1 first, then any the user asks for.
    pub levels: Vec<f64>,
    /// Floodlight grid points per SD of the moderator: the grid holds every
    /// multiple of 1/`grid_per_sd` inside the observed range (so 0, ±1 SD
    /// lie on it exactly) plus the range's two ends.
    pub grid_per_sd: usize,
    /// Stop enumerating routes after this many (a dense model has
    /// exponentially many); [`Mediation::truncated`] says so.
    pub max_routes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { levels: SLOPE_LEVELS.to_vec(), grid_per_sd: 5, max_routes: 10_000 }
    }
}

/// One route: `nodes` = [from, mediators…, to].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub nodes: Vec<usize>,
    /// The route's paths as indices into `Structure::paths`, in order.
    pub edges: Vec<usize>,
}

impl Route {
    pub fn from(&self) -> usize {
        self.nodes[0]
    }
    pub fn to(&self) -> usize {
        *self.nodes.last().expect("a route has at least three nodes")
    }
    pub fn mediators(&self) -> &[usize] {
        &self.nodes[1..self.nodes.len() - 1]
    }
}

/// A path of a route that a moderator's interaction moderates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// Position of the moderated path within the route (0 = first stage).
    pub position: usize,
    /// The interaction node (X·W) whose path X·W → v moderates it.
    pub interaction: usize,
    /// Index of the path X·W → v in `Structure::paths`.
    pub interaction_edge: usize,
    /// A quadratic term X·X: the effect of X at X = w is b_X + 2·b_XX·w
    /// (the tangent's slope).
    pub quadratic: bool,
}

/// A route with a moderator of one or more of its paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditional {
    /// Index into [`Mediation::routes`].
    pub route: usize,
    pub moderator: usize,
    pub stages: Vec<Stage>,
}

impl Conditional {
    /// The index of moderated mediation exists when W moderates one path.
    pub fn has_index(&self) -> bool {
        self.stages.len() == 1
    }
}

/// The conditional effect of an interaction's independent variable on one
/// of its dependents over a grid of moderator values.
#[derive(Debug, Clone, PartialEq)]
pub struct Floodlight {
    pub interaction: usize,
    pub iv: usize,
    pub moderator: usize,
    pub dv: usize,
    /// Path iv → dv in `Structure::paths` (none: its coefficient is 0).
    pub iv_edge: Option<usize>,
    pub interaction_edge: usize,
    /// A quadratic term (see [`Stage::quadratic`]).
    pub quadratic: bool,
    /// Moderator values, SD units, ascending, spanning the observed scores.
    pub grid: Vec<f64>,
}

/// Which mediation statistics each estimate records, in vector order:
/// the routes' specific indirect effects; per [`Conditional`] its effect at
/// each of `levels`, then its index if it has one; per [`Floodlight`] its
/// effect at each grid point.
#[derive(Debug, Clone, PartialEq)]
pub struct Mediation {
    pub routes: Vec<Route>,
    /// Enumeration stopped at `Options::max_routes`: the routes listed do
    /// not sum to the total indirect effects.
    pub truncated: bool,
    pub conditional: Vec<Conditional>,
    pub levels: Vec<f64>,
    pub floodlight: Vec<Floodlight>,
    /// The structural paths (`Structure::paths`), to read coefficients.
    paths: Vec<(usize, usize)>,
    cond_at: Vec<usize>,
    flood_at: Vec<usize>,
    len: usize,
}

/// Every route of ≥ 2 paths, ordered by (from, to, number of mediators,
/// nodes); at most `max` (then `true`).
fn enumerate_routes(st: &Structure, max: usize) -> (Vec<Route>, bool) {
    let edge_of = |f: usize, t: usize| st.paths.iter().position(|&p| p == (f, t)).expect("a path of the structure");
    let mut succs: Vec<Vec<usize>> = st.succs.clone();
    for s in &mut succs {
        s.sort_unstable();
    }
    let mut routes = Vec::new();
    let mut truncated = false;
    // depth-first from every origin; `next[d]` = the next successor to try
    // at depth d (the model is recursive, so every walk ends)
    'origins: for origin in 0..st.n {
        let mut nodes = vec![origin];
        let mut next = vec![0usize];
        while let Some(&at) = nodes.last() {
            let d = nodes.len() - 1;
            let Some(&v) = succs[at].get(next[d]) else {
                nodes.pop();
                next.pop();
                continue;
            };
            next[d] += 1;
            debug_assert!(!st.preds[v].is_empty());
            nodes.push(v);
            next.push(0);
            if nodes.len() >= 3 {
                if routes.len() == max {
                    truncated = true;
                    break 'origins;
                }
                let edges = nodes.windows(2).map(|w| edge_of(w[0], w[1])).collect();
                routes.push(Route { nodes: nodes.clone(), edges });
            }
        }
    }
    routes.sort_by(|a, b| (a.from(), a.to(), a.nodes.len()).cmp(&(b.from(), b.to(), b.nodes.len())).then_with(|| a.nodes.cmp(&b.nodes)));
    (routes, truncated)
}

/// Per structural path u → v: the (moderator W, interaction node, its
/// path's index) of every interaction of u with W that predicts v.
fn moderators_of_paths(design: &Design) -> Vec<Vec<(usize, usize, usize)>> {
    let st = &design.structure;
    let k0 = design.n_constructs();
    let mut out = vec![Vec::new(); st.paths.len()];
    for (e, &(u, v)) in st.paths.iter().enumerate() {
        for (m, it) in design.model.interactions().iter().enumerate() {
            let q = k0 + m;
            let w = if it.iv == u {
                it.moderator
            } else if it.moderator == u {
                it.iv
            } else {
                continue;
            };
            if let Some(qe) = st.paths.iter().position(|&p| p == (q, v)) {
                out[e].push((w, q, qe));
            }
        }
    }
    out
}

/// The floodlight grid over [lo, hi] (see [`Options::grid_per_sd`]).
fn grid(lo: f64, hi: f64, per_sd: usize) -> Vec<f64> {
    let m = per_sd.max(1) as f64;
    let mut g = vec![lo];
    // k / m rather than k · (1/m): 0 and ±1 come out exact
    let mut k = (lo * m).floor() as i64 + 1;
    while (k as f64) / m < hi {
        g.push(k as f64 / m);
        k += 1;
    }
    if hi > lo {
        g.push(hi);
    }
    g
}

impl Mediation {
    /// The statistics of `design`. `scores`: the full sample's construct
    /// scores (n × nodes, as [`Estimate::scores`]), whose moderator columns
    /// give the floodlight grids their range.
    pub fn new(design: &Design, scores: &DMatrix<f64>, opts: &Options) -> Self {
        let st = &design.structure;
        let k0 = design.n_constructs();
        let (routes, truncated) = enumerate_routes(st, opts.max_routes);
        let mods = moderators_of_paths(design);
        let mut conditional = Vec::new();
        for (r, route) in routes.iter().enumerate() {
            if route.from() >= k0 {
                continue; // a route from an interaction is itself an index
            }
            let mut ws: Vec<usize> = route.edges.iter().flat_map(|&e| mods[e].iter().map(|m| m.0)).collect();
            ws.sort_unstable();
            ws.dedup();
            for w in ws {
                let stages = route
                    .edges
                    .iter()
                    .enumerate()
                    .filter_map(|(position, &e)| {
                        mods[e].iter().find(|m| m.0 == w).map(|&(_, interaction, interaction_edge)| Stage {
                            position,
                            interaction,
                            interaction_edge,
                            quadratic: design.interaction_of(interaction).is_some_and(|(a, b)| a == b),
                        })
                    })
                    .collect();
                conditional.push(Conditional { route: r, moderator: w, stages });
            }
        }
        let mut floodlight = Vec::new();
        for (m, it) in design.model.interactions().iter().enumerate() {
            let q = k0 + m;
            let col: Vec<f64> = scores.column(it.moderator).iter().copied().collect();
            let (mean, sd) = column_mean_sd(&col);
            let lo = (col.iter().copied().fold(f64::INFINITY, f64::min) - mean) / sd;
            let hi = (col.iter().copied().fold(f64::NEG_INFINITY, f64::max) - mean) / sd;
            for &dv in &st.succs[q] {
                floodlight.push(Floodlight {
                    interaction: q,
                    iv: it.iv,
                    moderator: it.moderator,
                    dv,
                    iv_edge: st.paths.iter().position(|&p| p == (it.iv, dv)),
                    interaction_edge: st.paths.iter().position(|&p| p == (q, dv)).expect("a successor's path"),
                    quadratic: it.iv == it.moderator,
                    grid: grid(lo, hi, opts.grid_per_sd),
                });
            }
        }
        let mut len = routes.len();
        let mut cond_at = Vec::with_capacity(conditional.len());
        for c in &conditional {
            cond_at.push(len);
            len += opts.levels.len() + usize::from(c.has_index());
        }
        let mut flood_at = Vec::with_capacity(floodlight.len());
        for f in &floodlight {
            flood_at.push(len);
            len += f.grid.len();
        }
        Mediation { routes, truncated, conditional, levels: opts.levels.clone(), floodlight, paths: st.paths.clone(), cond_at, flood_at, len }
    }

    /// Only the routes' specific indirect effects, without conditional
    /// effects or floodlight (what a power analysis tests).
    pub fn routes_only(design: &Design, max_routes: usize) -> Self {
        let (routes, truncated) = enumerate_routes(&design.structure, max_routes);
        let len = routes.len();
        let paths = design.structure.paths.clone();
        Mediation { routes, truncated, conditional: Vec::new(), levels: Vec::new(), floodlight: Vec::new(), paths, cond_at: Vec::new(), flood_at: Vec::new(), len }
    }

    /// Number of statistics per estimate.
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Position of route r's specific indirect effect.
    pub fn route_at(&self, r: usize) -> usize {
        r
    }
    /// Position of conditional c's effect at `levels[l]`.
    pub fn level_at(&self, c: usize, l: usize) -> usize {
        self.cond_at[c] + l
    }
    /// Position of conditional c's index of moderated mediation.
    pub fn index_at(&self, c: usize) -> Option<usize> {
        self.conditional[c].has_index().then(|| self.cond_at[c] + self.levels.len())
    }
    /// Position of floodlight f's effect at `grid[g]`.
    pub fn grid_at(&self, f: usize, g: usize) -> usize {
        self.flood_at[f] + g
    }

    /// The statistics of one estimate (see [`Mediation`] for the order).
    pub fn extract(&self, est: &Estimate) -> Vec<f64> {
        let mut v = Vec::with_capacity(self.len);
        self.extract_into(est, &mut v);
        v
    }

    /// [`Mediation::extract`] appended to `out` (a resample's vector).
    pub fn extract_into(&self, est: &Estimate, out: &mut Vec<f64>) {
        // reported and standardized coefficient of every path, read once
        let p: Vec<f64> = self.paths.iter().map(|&(f, t)| est.path(f, t)).collect();
        let s: Vec<f64> = self.paths.iter().zip(&p).map(|(&(f, _), b)| b * est.adjust[f]).collect();
        for r in &self.routes {
            out.push(r.edges.iter().map(|&e| p[e]).product());
        }
        for c in &self.conditional {
            let edges = &self.routes[c.route].edges;
            // the route's paths with the moderated ones at moderator level w
            let at = |w: f64| -> f64 {
                let mut prod = 1.0;
                let mut st = c.stages.iter().peekable();
                for (i, &e) in edges.iter().enumerate() {
                    match st.next_if(|x| x.position == i) {
                        Some(x) if x.quadratic => prod *= s[e] + 2.0 * s[x.interaction_edge] * w,
                        Some(x) => prod *= s[e] + s[x.interaction_edge] * w,
                        None => prod *= s[e],
                    }
                }
                prod
            };
            for &w in &self.levels {
                out.push(at(w));
            }
            if let [only] = c.stages.as_slice() {
                let others: f64 = edges.iter().enumerate().filter(|&(i, _)| i != only.position).map(|(_, &e)| s[e]).product();
                let k = if only.quadratic { 2.0 } else { 1.0 };
                out.push(k * s[only.interaction_edge] * others);
            }
        }
        for f in &self.floodlight {
            let bi = f.iv_edge.map_or(0.0, |e| s[e]);
            let bx = s[f.interaction_edge];
            if f.quadratic {
                out.extend(f.grid.iter().map(|&w| bi + 2.0 * bx * w));
            } else {
                out.extend(f.grid.iter().map(|&w| bi + bx * w));
            }
        }
    }
}

/// Type of mediation (Zhao, Lynch & Chen 2010; Hair et al. 2022, ch. 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediationKind {
    /// Indirect effect significant, direct effect not: full mediation.
    IndirectOnly,
    /// Both significant, indirect × direct positive: partial mediation.
    ComplementaryPartial,
    /// Both significant, indirect × direct negative: partial mediation
    /// (suppression).
    CompetitivePartial,
    /// Direct effect significant, indirect not: no mediation.
    DirectOnly,
    /// Neither significant: no effect, no mediation.
    NoEffect,
}

/// An effect with its bootstrap verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tested {
    pub estimate: f64,
    pub significant: bool,
}

/// The type of mediation of an indirect effect given the direct effect;
/// `None` = the model has no direct path, which fixes the direct effect at
/// zero, i.e. not significant.
pub fn classify(indirect: Tested, direct: Option<Tested>) -> MediationKind {
    let direct_sig = direct.is_some_and(|d| d.significant);
    match (indirect.significant, direct_sig) {
        (true, true) => {
            let d = direct.expect("significant").estimate;
            if indirect.estimate * d > 0.0 {
                MediationKind::ComplementaryPartial
            } else {
                MediationKind::CompetitivePartial
            }
        }
        (true, false) => MediationKind::IndirectOnly,
        (false, true) => MediationKind::DirectOnly,
        (false, false) => MediationKind::NoEffect,
    }
}

/// Variance accounted for, indirect / total (Hair et al. 2014, ch. 7): the
/// share of the total effect carried by the indirect one. Defined only for
/// a significant indirect effect pulling the same way as the direct one
/// (indirect-only, complementary); under competitive mediation the ratio
/// is no share (it can exceed 1 or be negative), and without a
/// significant indirect effect there is nothing to apportion. Nor is it a
/// share when the ratio leaves [0, 1] for another reason: a non-significant
/// direct path, or another route, of the opposite sign (indirect-only with
/// indirect 0.088 and direct −0.032 would give 1.58).
pub fn vaf(kind: MediationKind, indirect: f64, total: f64) -> Option<f64> {
    let share = matches!(kind, MediationKind::IndirectOnly | MediationKind::ComplementaryPartial);
    let ratio = indirect / total;
    (share && total.is_finite() && (0.0..=1.0).contains(&ratio)).then_some(ratio)
}

/// A route's type of mediation and VAF; `kind` is `None` where a verdict is
/// missing (no bootstrap, or a statistic without p or interval).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteVerdict {
    pub kind: Option<MediationKind>,
    /// The total effect from → to: the direct path plus every route.
    pub total: f64,
    pub vaf: Option<f64>,
}

impl Mediation {
    /// The type of mediation of every route. `mine`: summaries of this
    /// catalog's statistics; `paths`: summaries of the structural paths in
    /// `Structure::paths` order (the bootstrap catalog's path section).
    pub fn verdicts(&self, mine: &[Summary], paths: &[Summary], settings: &Settings) -> Vec<RouteVerdict> {
        let tested = |s: &Summary| verdict(s, settings).0.map(|significant| Tested { estimate: s.estimate, significant });
        let mut out = Vec::with_capacity(self.routes.len());
        // the routes come grouped by (from, to)
        for group in self.routes.chunk_by(|a, b| (a.from(), a.to()) == (b.from(), b.to())) {
            let (from, to) = (group[0].from(), group[0].to());
            let direct = self.paths.iter().position(|&p| p == (from, to)).map(|e| &paths[e]);
            let first = out.len();
            let total = direct.map_or(0.0, |d| d.estimate) + (first..first + group.len()).map(|r| mine[self.route_at(r)].estimate).sum::<f64>();
            for r in first..first + group.len() {
                let ind = &mine[self.route_at(r)];
                let kind = match (tested(ind), direct.map(tested)) {
                    (Some(i), None) => Some(classify(i, None)),
                    (Some(i), Some(Some(d))) => Some(classify(i, Some(d))),
                    _ => None,
                };
                out.push(RouteVerdict { kind, total, vaf: kind.and_then(|k| vaf(k, ind.estimate, total)) });
            }
        }
        out
    }
}

/// One grid point of a floodlight: the effect and its percentile interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloodlightPoint {
    pub at: f64,
    pub effect: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// A moderator value where the interval's verdict changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JnPoint {
    pub at: f64,
    /// The effect is significant just above `at` (else just below).
    pub significant_above: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FloodlightBand {
    pub points: Vec<FloodlightPoint>,
    /// Ascending; empty when the verdict is the same over the whole range.
    pub jn: Vec<JnPoint>,
}


/// The percentile levels of the bootstrap interval, as
/// [`super::bootstrap::summarize`] reads them: a one-tailed test at α uses
/// the (1 − 2α) interval.
fn percentile_levels(settings: &Settings) -> (f64, f64) {
    let a = match settings.tails {
        Tails::Two => settings.alpha,
        Tails::One => 2.0 * settings.alpha,
    };
    (a / 2.0, 1.0 - a / 2.0)
}

impl Mediation {
    /// Floodlight f's percentile band and Johnson–Neyman points from the
    /// full-sample statistics `original` and the successful resamples'
    /// `draws` (each this catalog's statistics, from position 0).
    ///
    /// Each resample's conditional effect is a line in w, b_X + b_XW·w, so
    /// the interval's bound at any w is a quantile of B lines, a continuous
    /// piecewise-linear function of w. The JN points are its exact zeros:
    /// a sign change of the verdict between two grid points is located by
    /// bisection on the bound computed from the resamples' lines (each line
    /// read off its grid's two ends), to 1e-12 SD, not by interpolating the
    /// grid's bounds. A verdict that changes twice between two grid points
    /// (1/`grid_per_sd` SD apart) is not seen. The bounds are percentile
    /// bounds whatever the interval setting (BCa's correction depends on the
    /// point and has no line form).
    pub fn floodlight_band(&self, f: usize, original: &[f64], draws: &[&[f64]], settings: &Settings) -> FloodlightBand {
        let fl = &self.floodlight[f];
        let g = &fl.grid;
        let (qlo, qhi) = percentile_levels(settings);
        let mut col = Vec::with_capacity(draws.len());
        let points: Vec<FloodlightPoint> = (0..g.len())
            .map(|i| {
                let at = self.grid_at(f, i);
                col.clear();
                col.extend(draws.iter().map(|d| d[at]).filter(|v| v.is_finite()));
                let lo = quantile_select(&mut col, qlo);
                let hi = quantile_select(&mut col, qhi);
                FloodlightPoint { at: g[i], effect: original[at], ci_lower: lo, ci_upper: hi }
            })
            .collect();
        let (first, last) = (self.grid_at(f, 0), self.grid_at(f, g.len() - 1));
        let span = g[g.len() - 1] - g[0];
        // (intercept, slope) of each resample's line
        let lines: Vec<(f64, f64)> = if span > 0.0 {
            draws
                .iter()
                .filter(|d| d[first].is_finite() && d[last].is_finite())
                .map(|d| {
                    let slope = (d[last] - d[first]) / span;
                    (d[first] - slope * g[0], slope)
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut buf = Vec::with_capacity(lines.len());
        let mut bound = |w: f64, q: f64| -> f64 {
            buf.clear();
            buf.extend(lines.iter().map(|&(a, b)| a + b * w));
            quantile_select(&mut buf, q)
        };
        let mut jn = Vec::new();
        if !lines.is_empty() {
            // significant: the lower bound above 0, or the upper below 0
            for lower in [true, false] {
                let q = if lower { qlo } else { qhi };
                let sig = |v: f64| if lower { v > 0.0 } else { v < 0.0 };
                let at_grid = |p: &FloodlightPoint| sig(if lower { p.ci_lower } else { p.ci_upper });
                for i in 0..g.len() - 1 {
                    let (s0, s1) = (at_grid(&points[i]), at_grid(&points[i + 1]));
                    if s0 == s1 {
                        continue;
                    }
                    let (mut a, mut b) = (g[i], g[i + 1]);
                    while b - a > 1e-12 {
                        let m = 0.5 * (a + b);
                        if sig(bound(m, q)) == s0 {
                            a = m;
                        } else {
                            b = m;
                        }
                    }
                    jn.push(JnPoint { at: 0.5 * (a + b), significant_above: s1 });
                }
            }
        }
        jn.sort_by(|a, b| a.at.partial_cmp(&b.at).expect("finite"));
        FloodlightBand { points, jn }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::linalg::quantile_sorted;
    use crate::model::{parse_syntax, validate};
    use crate::engine::settings::Moderation;

    fn design(text: &str) -> Design {
        let raw = parse_syntax(text).unwrap();
        let names: Vec<String> = raw.constructs.iter().flat_map(|c| c.indicators.clone()).collect();
        Design::new(&validate(&raw, &names).unwrap(), Moderation::TwoStage)
    }

    fn names(d: &Design, r: &Route) -> Vec<String> {
        r.nodes.iter().map(|&j| d.node_name(j).to_string()).collect()
    }

    #[test]
    fn routes_serial_and_parallel_in_a_fixed_order() {
        // X → M1 → M2 → Y, X → M2, X → Y, M1 → Y
        let d = design("X =~ x1\nM1 =~ m1\nM2 =~ m2\nY =~ y1\nM1 ~ X\nM2 ~ M1 + X\nY ~ M2 + X + M1\n");
        let (routes, truncated) = enumerate_routes(&d.structure, 100);
        assert!(!truncated);
        let got: Vec<Vec<String>> = routes.iter().map(|r| names(&d, r)).collect();
        let want: Vec<Vec<&str>> = vec![
            vec!["X", "M1", "M2"],
            vec!["X", "M1", "Y"],
            vec!["X", "M2", "Y"],
            vec!["X", "M1", "M2", "Y"],
            vec!["M1", "M2", "Y"],
        ];
        assert_eq!(got, want);
        for r in &routes {
            for (i, &e) in r.edges.iter().enumerate() {
                assert_eq!(d.structure.paths[e], (r.nodes[i], r.nodes[i + 1]));
            }
        }
        let (few, truncated) = enumerate_routes(&d.structure, 2);
        assert!(truncated && few.len() == 2);
    }

    #[test]
    fn moderated_stages_and_the_interaction_as_origin() {
        // first stage: W moderates X → M; second stage: Z moderates M → Y
        let d = design("X =~ x1\nW =~ w1\nM =~ m1\nZ =~ z1\nY =~ y1\nM ~ X + W + X:W\nY ~ M + X + Z + M:Z\n");
        let y = DMatrix::from_fn(20, d.n_nodes(), |i, j| ((i * 7 + j * 3) % 11) as f64);
        let med = Mediation::new(&d, &y, &Options::default());
        let routes: Vec<Vec<String>> = med.routes.iter().map(|r| names(&d, r)).collect();
        assert_eq!(routes, vec![vec!["X", "M", "Y"], vec!["W", "M", "Y"], vec!["X*W", "M", "Y"]]);
        let cond: Vec<(Vec<String>, String, Vec<usize>)> = med
            .conditional
            .iter()
            .map(|c| (names(&d, &med.routes[c.route]), d.node_name(c.moderator).to_string(), c.stages.iter().map(|s| s.position).collect()))
            .collect();
        assert_eq!(
            cond,
            vec![
                (vec!["X".into(), "M".into(), "Y".into()], "W".into(), vec![0]),
                (vec!["X".into(), "M".into(), "Y".into()], "Z".into(), vec![1]),
                // W's own route W → M → Y: X·W moderates W → M by X
                (vec!["W".into(), "M".into(), "Y".into()], "X".into(), vec![0]),
                (vec!["W".into(), "M".into(), "Y".into()], "Z".into(), vec![1]),
            ]
        );
        assert_eq!(med.floodlight.len(), 2);
        for f in &med.floodlight {
            assert!(f.grid.contains(&0.0) && f.grid.contains(&1.0) && f.grid.contains(&-1.0));
            assert!(f.grid.windows(2).all(|w| w[0] < w[1]));
        }
        assert_eq!(med.len(), 3 + 4 * 4 + med.floodlight.iter().map(|f| f.grid.len()).sum::<usize>());
    }

    #[test]
    fn grid_has_the_range_ends_and_exact_multiples() {
        let g = grid(-1.37, 2.0, 5);
        assert_eq!(g[0], -1.37);
        assert_eq!(*g.last().unwrap(), 2.0);
        assert_eq!(g.iter().filter(|&&v| v == 2.0).count(), 1);
        assert!(g.contains(&-1.0) && g.contains(&0.0) && g.contains(&0.4) && g.contains(&1.0));
        assert_eq!(g.len(), 2 + 16);
    }

    #[test]
    fn classification_follows_zhao_lynch_chen() {
        let t = |estimate, significant| Tested { estimate, significant };
        use MediationKind::*;
        assert_eq!(classify(t(0.2, true), Some(t(0.1, false))), IndirectOnly);
        assert_eq!(classify(t(0.2, true), None), IndirectOnly);
        assert_eq!(classify(t(0.2, true), Some(t(0.1, true))), ComplementaryPartial);
        assert_eq!(classify(t(-0.2, true), Some(t(-0.1, true))), ComplementaryPartial);
        assert_eq!(classify(t(0.2, true), Some(t(-0.1, true))), CompetitivePartial);
        assert_eq!(classify(t(0.2, false), Some(t(0.3, true))), DirectOnly);
        assert_eq!(classify(t(0.2, false), Some(t(0.3, false))), NoEffect);
        assert_eq!(classify(t(0.2, false), None), NoEffect);
        assert_eq!(vaf(ComplementaryPartial, 0.2, 0.3), Some(0.2 / 0.3));
        assert_eq!(vaf(CompetitivePartial, 0.2, 0.1), None);
        assert_eq!(vaf(DirectOnly, 0.01, 0.3), None);
        assert_eq!(vaf(IndirectOnly, 0.2, 0.0), None);
        // a non-significant direct path of the other sign: no share
        assert_eq!(vaf(IndirectOnly, 0.088, 0.088 - 0.032), None);
        assert_eq!(vaf(ComplementaryPartial, -0.2, -0.3), Some(0.2 / 0.3));
    }

    /// Without a direct path the direct effect is fixed at zero: a
    /// significant indirect effect is indirect-only and carries the whole
    /// total effect; with one, the total is direct + routes.
    #[test]
    fn verdicts_read_the_routes_and_the_direct_path() {
        let s = Settings::smartpls();
        let sig = |estimate: f64| Summary { estimate, mean: estimate, se: 0.01, t: estimate / 0.01, p: 0.0, lo: estimate - 0.02, hi: estimate + 0.02 };
        let not = |estimate: f64| Summary { p: 0.5, lo: estimate - 1.0, hi: estimate + 1.0, ..sig(estimate) };
        let y = DMatrix::from_fn(10, 3, |i, j| (i * (j + 1)) as f64);
        let d = design("X =~ x1\nM =~ m1\nY =~ y1\nM ~ X\nY ~ M\n");
        let med = Mediation::new(&d, &y, &Options::default());
        let v = med.verdicts(&[sig(0.2)], &[sig(0.5), sig(0.4)], &s);
        assert_eq!(v, vec![RouteVerdict { kind: Some(MediationKind::IndirectOnly), total: 0.2, vaf: Some(1.0) }]);
        let d = design("X =~ x1\nM =~ m1\nY =~ y1\nM ~ X\nY ~ M + X\n");
        let med = Mediation::new(&d, &y, &Options::default());
        let direct = d.structure.paths.iter().position(|&p| p == (0, 2)).unwrap();
        let mut paths = vec![sig(0.5), sig(0.4), sig(0.4)];
        paths[direct] = not(0.1);
        let v = med.verdicts(&[sig(0.2)], &paths, &s);
        assert_eq!(v[0].kind, Some(MediationKind::IndirectOnly));
        assert!((v[0].total - 0.3).abs() < 1e-15 && (v[0].vaf.unwrap() - 0.2 / 0.3).abs() < 1e-15);
        // no verdict without an interval or p
        let none = Summary { p: f64::NAN, lo: f64::NAN, hi: f64::NAN, ..sig(0.2) };
        assert_eq!(med.verdicts(&[none], &paths, &s)[0].kind, None);
    }

    #[test]
    fn selection_quantile_equals_the_sorted_one() {
        let mut x: Vec<f64> = (0..1001).map(|i| ((i * 7919) % 1009) as f64 / 13.0 - 30.0).collect();
        let mut sorted = x.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        for p in [0.0, 0.005, 0.025, 0.05, 0.5, 0.95, 0.975, 0.995, 1.0] {
            assert_eq!(quantile_select(&mut x, p).to_bits(), quantile_sorted(&sorted, p).to_bits(), "p = {p}");
        }
        assert_eq!(quantile_select(&mut [3.0], 0.3), 3.0);
    }

    /// JN points against a dense scan of the exact bound (every resample's
    /// line evaluated at 20,001 points): a case where significance starts
    /// once inside the range, and one where it stops and starts again.
    #[test]
    fn johnson_neyman_points_are_the_zeros_of_the_bounds() {
        let d = design("X =~ x1\nW =~ w1\nY =~ y1\nY ~ X + W + X:W\n");
        let y = DMatrix::from_fn(40, d.n_nodes(), |i, _| -2.5 + 5.0 * i as f64 / 39.0);
        let med = Mediation::new(&d, &y, &Options::default());
        let g = med.floodlight[0].grid.clone();
        let mut rng = 12345u64;
        let mut unif = || {
            rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (rng >> 11) as f64 / (1u64 << 53) as f64
        };
        // lines b_X + b_XW·w, b_X and b_XW uniform around their centres
        for (bx, sx, bw, sw, count) in [(0.3, 0.2, 0.25, 0.16, 1), (0.1, 0.1, 0.4, 0.1, 2)] {
            let lines: Vec<(f64, f64)> = (0..999).map(|_| (bx + sx * (unif() - 0.5), bw + sw * (unif() - 0.5))).collect();
            let vecs: Vec<Vec<f64>> = lines.iter().map(|&(a, b)| g.iter().map(|&w| a + b * w).collect()).collect();
            let draws: Vec<&[f64]> = vecs.iter().map(|v| v.as_slice()).collect();
            let original: Vec<f64> = g.iter().map(|&w| bx + bw * w).collect();
            let s = Settings::smartpls();
            let band = med.floodlight_band(0, &original, &draws, &s);
            let (qlo, qhi) = percentile_levels(&s);
            let bound = |w: f64, q: f64| {
                let mut v: Vec<f64> = lines.iter().map(|&(a, b)| a + b * w).collect();
                v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                quantile_sorted(&v, q)
            };
            let mut want = Vec::new();
            let n = 20_000;
            let w_at = |i: usize| g[0] + (g[g.len() - 1] - g[0]) * i as f64 / n as f64;
            let sig = |w: f64| bound(w, qlo) > 0.0 || bound(w, qhi) < 0.0;
            let mut prev = sig(w_at(0));
            for i in 1..=n {
                let now = sig(w_at(i));
                if now != prev {
                    want.push((w_at(i), now));
                }
                prev = now;
            }
            assert_eq!(want.len(), count, "the case's JN points: {want:?}");
            assert_eq!(band.jn.len(), want.len(), "{:?} vs {want:?}", band.jn);
            let step = (g[g.len() - 1] - g[0]) / n as f64;
            for (p, (w, above)) in band.jn.iter().zip(&want) {
                assert!((p.at - w).abs() <= step, "{} vs {w}", p.at);
                assert_eq!(p.significant_above, *above);
            }
            // the grid's bounds are the percentile bounds of each grid column
            for (i, p) in band.points.iter().enumerate() {
                let mut c: Vec<f64> = vecs.iter().map(|v| v[i]).collect();
                c.sort_by(|a, b| a.partial_cmp(b).unwrap());
                assert_eq!((p.ci_lower, p.ci_upper), (quantile_sorted(&c, qlo), quantile_sorted(&c, qhi)));
                assert_eq!(p.effect, original[i]);
            }
        }
    }
}
