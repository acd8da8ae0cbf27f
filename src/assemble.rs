//! The one place where the engine's numbers get their names: a result row
//! per path, effect, item and construct, in model order, and the warnings
//! the user must read, from the estimate's admissibility and the bootstrap.
//! Nothing here computes a statistic, and nothing writes words (warnings are
//! kinds with facts; `crate::messages` words them).

use crate::data::MissingReport;
use crate::engine::bootstrap::{verdict, Catalog, Summary, SLOPE_LEVELS};
use crate::engine::estimate::{Design, Estimate};
use crate::engine::evaluate::{slope_coefficients, Evaluation};
use crate::engine::named::Named;
use crate::engine::result::*;
use crate::engine::settings::{HocMethod, Settings};
use crate::engine::{hoc, verify, BootstrapOutcome, VERSION};
use crate::lang::Lang;
use crate::model::{Mode, ValidModel};

mod mediation;

/// Everything the point result is made of.
pub struct Point<'a> {
    pub design: &'a Design,
    pub estimate: &'a Estimate,
    pub evaluation: &'a Evaluation,
    pub admissibility: &'a verify::Admissibility,
    /// Blindfolding's sums per node, if it ran.
    pub blindfold: Option<&'a [Option<crate::engine::blindfold::Blindfolded>]>,
    pub catalog: &'a Catalog,
    pub settings: &'a Settings,
    pub missing: Option<MissingReport>,
}

/// The result without bootstrap inference.
pub fn point(p: &Point) -> AnalysisResult {
    let (design, est) = (p.design, p.estimate);
    let q2_values: Option<Vec<Option<f64>>> = p.blindfold.map(|b| b.iter().map(|v| v.map(|v| v.q2())).collect());
    let raw = design.model.to_raw();
    let (outer_weights, outer_loadings) = outer(design, est);
    let med = mediation::point(design, est, p.catalog, p.settings);
    AnalysisResult {
        program: "plsweb".into(),
        version: VERSION.into(),
        settings: settings_of(design, p.settings),
        model_syntax: raw.to_syntax(),
        model: raw,
        n: est.n,
        iterations: est.iterations,
        converged: p.admissibility.converged,
        missing: p.missing.clone(),
        constructs: constructs(design),
        outer_weights,
        outer_loadings,
        path_coefficients: path_rows(design, est, p.evaluation),
        total_effects: effect_rows(design, &p.catalog.total, |f, t| p.evaluation.total_effects[(f, t)]),
        indirect_effects: effect_rows(design, &p.catalog.indirect, |f, t| p.evaluation.total_effects[(f, t)] - p.evaluation.paths[(f, t)]),
        r_squared: r_squared(design, est, p.evaluation),
        reliability: reliability(design, p.evaluation),
        htmt: matrix(design, |i, j| (i != j).then(|| num(p.evaluation.htmt[(i, j)]))),
        fornell_larcker: matrix(design, |i, j| match j.cmp(&i) {
            std::cmp::Ordering::Less => Some(num(est.construct_cor()[(i, j)])),
            std::cmp::Ordering::Equal => Some(num(p.evaluation.reliability[i].ave.sqrt())),
            std::cmp::Ordering::Greater => None,
        }),
        construct_correlations: matrix(design, |i, j| Some(num(est.construct_cor()[(i, j)]))),
        cross_loadings: cross_loadings(design, est),
        vif: vif(design, p.evaluation),
        q2: q2(design, q2_values.as_deref()),
        gof: num(p.evaluation.gof),
        srmr: num(p.evaluation.srmr),
        simple_slopes: simple_slopes(design, est, p.catalog),
        specific_indirect_effects: med.specific,
        conditional_indirect_effects: med.conditional,
        floodlight: med.floodlight,
        bootstrap: None,
        admissibility: admissibility(design, p.admissibility),
        warnings: [point_warnings(design, est, p.admissibility, p.settings), reliability_warnings(design, p.evaluation), blindfold_warnings(est.n, p)].concat(),
        blindfolding: p.blindfold.map(|b| blindfolding(design, b)),
        predict: None,
        cvpat: None,
        groups: None,
        group_results: None,
        ipma: None,
        hoc: None,
    }
}

/// Repeated indicators with an endogenous Mode B HOC: the antecedents'
/// paths compete with its dimensions (R² ≈ 1).
fn hoc_warnings(design: &Design) -> Vec<WarningKind> {
    let model = &design.model;
    if design.hoc_method != HocMethod::Repeated {
        return Vec::new();
    }
    model
        .hocs()
        .iter()
        .filter(|h| model.constructs()[h.node].mode == Mode::B)
        .filter_map(|h| {
            let antecedents: Vec<String> = model.predecessors(h.node).into_iter().map(|j| design.node_name(j).to_string()).collect();
            (!antecedents.is_empty()).then(|| WarningKind::HocRepeatedModeB { hoc: design.node_name(h.node).into(), antecedents })
        })
        .collect()
}

/// The result's `hoc` section: the higher-order constructs, the method and
/// the first stage's estimate (two-stage methods), by name.
pub fn hoc_info(design: &Design, settings: &Settings, first: Option<&hoc::FirstStage>) -> Option<HocInfo> {
    let model = &design.model;
    if model.hocs().is_empty() {
        return None;
    }
    let constructs = model
        .hocs()
        .iter()
        .map(|h| HocConstruct {
            name: design.node_name(h.node).into(),
            mode: model.constructs()[h.node].mode,
            dimensions: h.dimensions.iter().map(|&d| design.node_name(d).to_string()).collect(),
        })
        .collect();
    let first_stage = design.hoc.as_ref().zip(first).map(|(h, f)| {
        let name = |i: usize| design.node_name(h.origin[i].0).to_string();
        let item = |b: usize| design.observed[h.cols[b]].clone();
        let per_item = |value: &dyn Fn(usize, usize, usize) -> f64| {
            let mut out = Named::new();
            for (i, r) in h.blocks.ranges.iter().enumerate() {
                let mut row = Named::new();
                for (a, b) in r.clone().enumerate() {
                    row.push(item(b), num(value(i, a, b)));
                }
                out.push(name(i), row);
            }
            out
        };
        let mut r_squared = Named::new();
        for i in h.structure.endogenous() {
            r_squared.push(name(i), R2 { r2: num(f.inner.r2[i]), r2_adj: num(f.r2_adj[i]) });
        }
        HocFirstStage {
            iterations: f.iterations,
            converged: f.converged,
            path_coefficients: h
                .structure
                .paths
                .iter()
                .map(|&(a, b)| HocPath { from: name(a), to: name(b), estimate: num(f.inner.beta[(a, b)]) })
                .collect(),
            outer_weights: per_item(&|i, a, _| f.weights[i][a]),
            outer_loadings: per_item(&|i, _, b| f.inner.v[(b, i)]),
            r_squared,
        }
    });
    Some(HocInfo { method: settings.hoc_method(), constructs, first_stage })
}

/// The settings as the result carries them: the higher-order method only
/// when the model has a higher-order construct.
fn settings_of(design: &Design, settings: &Settings) -> Settings {
    let hoc = (!design.model.hocs().is_empty()).then(|| settings.hoc_method());
    Settings { hoc, ..settings.clone() }
}

fn constructs(design: &Design) -> Vec<ConstructInfo> {
    (0..design.n_nodes())
        .map(|j| ConstructInfo {
            name: design.node_name(j).into(),
            mode: design.blocks.modes[j],
            indicators: design.blocks.ranges[j].clone().map(|b| design.items[b].clone()).collect(),
            interaction: design.is_interaction(j),
        })
        .collect()
}

/// {construct: {item: value}} for every block of `design`.
fn per_item<V>(design: &Design, value: impl Fn(usize, usize, usize) -> V) -> Named<Named<V>> {
    let mut out = Named::new();
    for (j, r) in design.blocks.ranges.iter().enumerate() {
        let mut row = Named::new();
        for (a, b) in r.clone().enumerate() {
            row.push(design.items[b].clone(), value(j, a, b));
        }
        out.push(design.node_name(j), row);
    }
    out
}

fn outer(design: &Design, est: &Estimate) -> (Named<Named<Num>>, Named<Named<Num>>) {
    (per_item(design, |j, a, _| num(est.weights[j][a])), per_item(design, |j, a, _| num(est.loading(design, j, a))))
}

fn path_rows(design: &Design, est: &Estimate, ev: &Evaluation) -> Vec<PathRow> {
    let st = &design.structure;
    st.paths
        .iter()
        .enumerate()
        .map(|(a, &(f, t))| {
            let e = est.path(f, t);
            PathRow {
                from: design.node_name(f).into(),
                to: design.node_name(t).into(),
                estimate: num(e),
                estimate_standardized: num(e * est.adjust[f]),
                mean: None,
                se: None,
                t: None,
                p: None,
                ci_lower: None,
                ci_upper: None,
                significant: None,
                p_ci_disagree: None,
                f2: num(ev.f2[a]),
                f2_same_scores: num(ev.f2_same_scores[a]),
            }
        })
        .collect()
}

fn effect_rows(design: &Design, pairs: &[(usize, usize)], value: impl Fn(usize, usize) -> f64) -> Vec<EffectRow> {
    pairs
        .iter()
        .map(|&(f, t)| EffectRow {
            from: design.node_name(f).into(),
            to: design.node_name(t).into(),
            inference: Inference { estimate: num(value(f, t)), ..Default::default() },
        })
        .collect()
}

fn r_squared(design: &Design, est: &Estimate, ev: &Evaluation) -> Named<R2> {
    let mut out = Named::new();
    for j in design.structure.endogenous() {
        out.push(design.node_name(j), R2 { r2: num(est.r2(j)), r2_adj: num(ev.r2_adj[j]) });
    }
    out
}

fn reliability(design: &Design, ev: &Evaluation) -> Named<Reliability> {
    let mut out = Named::new();
    for (j, r) in ev.reliability.iter().enumerate() {
        out.push(
            design.node_name(j),
            Reliability {
                alpha: num(r.alpha),
                rho_a: num(r.rho_a),
                rho_c: num(r.rho_c),
                ave: num(r.ave),
                // PCA-based ρ_C describes a reflective block only
                rho_c_pca: if design.blocks.modes[j] == Mode::B { None } else { num(r.rho_c_pca) },
            },
        );
    }
    out
}

/// {a: {b: value}} over pairs of nodes; `None` leaves the pair out.
fn matrix(design: &Design, value: impl Fn(usize, usize) -> Option<Num>) -> Named<Named<Num>> {
    let k = design.n_nodes();
    let mut out = Named::new();
    for i in 0..k {
        let mut row = Named::new();
        for j in 0..k {
            if let Some(v) = value(i, j) {
                row.push(design.node_name(j), v);
            }
        }
        out.push(design.node_name(i), row);
    }
    out
}

fn cross_loadings(design: &Design, est: &Estimate) -> Named<Named<Num>> {
    let mut out = Named::new();
    for (b, item) in design.items.iter().enumerate() {
        let mut row = Named::new();
        for j in 0..design.n_nodes() {
            row.push(design.node_name(j), num(est.inner.v[(b, j)]));
        }
        out.push(item.clone(), row);
    }
    out
}

fn vif(design: &Design, ev: &Evaluation) -> Vif {
    let outer = per_item(design, |j, a, _| num(ev.vif_outer[j][a]));
    let mut inner = Named::new();
    for j in design.structure.endogenous() {
        let mut row = Named::new();
        for (a, &p) in design.structure.preds[j].iter().enumerate() {
            row.push(design.node_name(p), num(ev.vif_inner[j][a]));
        }
        inner.push(design.node_name(j), row);
    }
    Vif { outer, inner }
}

fn q2(design: &Design, q2: Option<&[Option<f64>]>) -> Named<Num> {
    let mut out = Named::new();
    for (j, v) in q2.unwrap_or(&[]).iter().enumerate() {
        if !design.structure.preds[j].is_empty() && !design.is_interaction(j) {
            out.push(design.node_name(j), v.and_then(num));
        }
    }
    out
}

fn simple_slopes(design: &Design, est: &Estimate, catalog: &Catalog) -> Vec<SimpleSlopes> {
    let name = |j: usize| design.node_name(j).to_string();
    catalog
        .slopes
        .iter()
        .map(|&(node, iv, m, dv)| {
            let c = slope_coefficients(est, node, iv, m, dv);
            SimpleSlopes {
                interaction: name(node),
                iv: name(iv),
                moderator: name(m),
                dv: name(dv),
                beta_iv: num(c.iv),
                beta_moderator: num(c.moderator),
                beta_interaction: num(c.interaction),
                lines: SLOPE_LEVELS
                    .iter()
                    .map(|&l| SlopeLine {
                        moderator_level: l,
                        slope: num(c.slope(l)),
                        intercept: num(c.intercept(l)),
                        inference: Inference { estimate: num(c.slope(l)), ..Default::default() },
                    })
                    .collect(),
                x_min: -2.0,
                x_max: 2.0,
            }
        })
        .collect()
}

fn admissibility(design: &Design, a: &verify::Admissibility) -> Admissibility {
    let name = |j: usize| design.node_name(j).to_string();
    Admissibility {
        converged: a.converged,
        loadings_above_one: a.loadings_above_one.iter().map(|&b| design.items[b].clone()).collect(),
        correlations_above_one: a.correlations_above_one.iter().map(|&(i, j)| (name(i), name(j))).collect(),
        r2_outside: a.r2_outside.iter().map(|&j| name(j)).collect(),
        construct_correlations_positive_definite: a.construct_correlations_positive_definite,
    }
}

fn point_warnings(design: &Design, est: &Estimate, a: &verify::Admissibility, settings: &Settings) -> Vec<Warning> {
    let name = |j: usize| design.node_name(j).to_string();
    let mut w = Vec::new();
    if !a.converged {
        w.push(WarningKind::NotConverged { max_iterations: settings.max_iterations, tolerance: settings.tolerance });
    }
    let st = &design.structure;
    let max_arrows = (0..design.n_nodes()).map(|j| st.preds[j].len()).max().unwrap_or(0);
    if est.n < 10 * max_arrows.max(1) {
        w.push(WarningKind::SmallSample { n: est.n, needed: 10 * max_arrows, predictors: max_arrows });
    }
    if !a.negative_loadings.is_empty() {
        w.push(WarningKind::NegativeLoading { items: a.negative_loadings.iter().map(|&(b, j)| (design.items[b].clone(), name(j))).collect() });
    }
    if !a.correlations_above_one.is_empty() || !a.r2_outside.is_empty() {
        w.push(WarningKind::PlscInadmissible {
            correlations: a.correlations_above_one.iter().map(|&(i, j)| (name(i), name(j))).collect(),
            r2: a.r2_outside.iter().map(|&j| name(j)).collect(),
        });
    }
    if !a.loadings_above_one.is_empty() {
        w.push(WarningKind::LoadingAboveOne { items: a.loadings_above_one.iter().map(|&b| design.items[b].clone()).collect() });
    }
    if !a.construct_correlations_positive_definite {
        w.push(WarningKind::NotPositiveDefinite);
    }
    w.extend(missing_main_effects(&design.model));
    w.extend(hoc_warnings(design));
    w.into_iter().map(Warning::new).collect()
}

/// ρ_A above 1 of a multi-item Mode A construct: not a reliability (it
/// happens in small samples, or when the weights are far from the
/// loadings).
fn reliability_warnings(design: &Design, ev: &Evaluation) -> Vec<Warning> {
    let above: Vec<(String, f64)> = (0..design.n_constructs())
        .filter(|&j| design.blocks.modes[j] == Mode::A && design.blocks.ranges[j].len() > 1)
        .filter(|&j| ev.reliability[j].rho_a > 1.0 + 1e-9)
        .map(|j| (design.node_name(j).to_string(), ev.reliability[j].rho_a))
        .collect();
    if above.is_empty() { Vec::new() } else { vec![Warning::new(WarningKind::RhoAAboveOne { constructs: above })] }
}

/// An interaction's constituents without a path to a construct the
/// interaction predicts (in the model's order).
fn missing_main_effects(model: &ValidModel) -> Vec<WarningKind> {
    let nc = model.constructs().len();
    let paths = model.paths();
    let mut out = Vec::new();
    for (k, it) in model.interactions().iter().enumerate() {
        for &(_, dv) in paths.iter().filter(|&&(f, _)| f == nc + k) {
            for part in [it.iv, it.moderator] {
                if !paths.contains(&(part, dv)) {
                    out.push(WarningKind::MissingMainEffect {
                        interaction: it.name.clone(),
                        missing: model.constructs()[part].name.clone(),
                        dv: model.constructs()[dv].name.clone(),
                    });
                }
            }
        }
    }
    out
}

fn inference(s: &Summary) -> Inference {
    Inference { estimate: num(s.estimate), mean: num(s.mean), se: num(s.se), t: num(s.t), p: num(s.p), ci_lower: num(s.lo), ci_upper: num(s.hi) }
}

/// The point result with the bootstrap's inference: every row of `point`
/// gets its summary, and the bootstrap's own tables and warnings are added.
pub fn with_bootstrap(point: &AnalysisResult, design: &Design, catalog: &Catalog, b: &BootstrapOutcome, settings: &Settings) -> AnalysisResult {
    let mut res = point.clone();
    let sums = &b.summaries;
    let off = catalog.offsets();
    for (a, row) in res.path_coefficients.iter_mut().enumerate() {
        let s = &sums[off.paths + a];
        let i = inference(s);
        (row.mean, row.se, row.t, row.p, row.ci_lower, row.ci_upper) = (i.mean, i.se, i.t, i.p, i.ci_lower, i.ci_upper);
        (row.significant, row.p_ci_disagree) = verdict(s, settings);
    }
    for (rows, at) in [(&mut res.total_effects, off.total), (&mut res.indirect_effects, off.indirect)] {
        for (a, row) in rows.iter_mut().enumerate() {
            row.inference = inference(&sums[at + a]);
        }
    }
    for (a, sl) in res.simple_slopes.iter_mut().enumerate() {
        for (l, line) in sl.lines.iter_mut().enumerate() {
            line.inference = inference(&sums[off.slopes + SLOPE_LEVELS.len() * a + l]);
        }
    }
    let med = mediation::with_bootstrap(design, catalog, b, settings);
    (res.specific_indirect_effects, res.conditional_indirect_effects, res.floodlight) = (med.specific, med.conditional, med.floodlight);
    if let Some((failed, reasons)) = &b.jackknife_failures {
        res.warnings.push(Warning::new(WarningKind::JackknifeFailed { failed: *failed, n: point.n, reasons: reasons.clone() }));
    }
    if b.not_converged > 0 {
        let max_iterations = settings.bootstrap_max_iterations.unwrap_or(settings.max_iterations);
        res.warnings.push(Warning::new(WarningKind::BootstrapNotConverged { count: b.not_converged, total: b.resamples, max_iterations }));
    }
    let failed = b.resamples - b.succeeded;
    if failed > 0 {
        res.warnings.push(Warning::new(WarningKind::BootstrapFailed { failed, total: b.resamples, reasons: b.failures.clone() }));
    }
    res.warnings.extend(sign_warnings(design, b, settings));
    let mut info = bootstrap_info(design, catalog, b, settings);
    (info.sign_reversals, info.iteration_limit) = sign_info(design, b, settings);
    res.bootstrap = Some(info);
    res
}

/// Warnings on sign-reversed resamples (one per construct reversed in any)
/// and on how the resamples at the iteration limit ended.
fn sign_warnings(design: &Design, b: &BootstrapOutcome, settings: &Settings) -> Vec<Warning> {
    let mut w = Vec::new();
    if b.oscillating + b.drifting > 0 {
        w.push(WarningKind::IterationLimitPattern { oscillating: b.oscillating, drifting: b.drifting, dropped: settings.drop_nonconverged });
    }
    let rev = &b.reversals;
    for j in 0..design.n_nodes() {
        if rev.count(j) > 0 {
            w.push(WarningKind::SignReversed {
                construct: design.node_name(j).into(),
                count: rev.count(j),
                total: rev.total,
                share: rev.share(j),
                corrected: settings.sign_change != crate::engine::settings::SignChange::None,
                whole_construct: settings.sign_change == crate::engine::settings::SignChange::Construct,
            });
        }
    }
    w.into_iter().map(Warning::new).collect()
}

/// The bootstrap summary's `sign_reversals` (when any construct was
/// reversed or a correction was asked for) and `iteration_limit` (when any
/// resample reached it).
fn sign_info(design: &Design, b: &BootstrapOutcome, settings: &Settings) -> (Option<SignReversals>, Option<IterationLimit>) {
    let rev = &b.reversals;
    let reversals = (rev.any() || !settings.sign_change.is_none()).then(|| {
        let mut constructs = Named::new();
        let mut reversed = Named::new();
        for j in 0..design.n_nodes() {
            constructs.push(design.node_name(j), ReversalCount { count: rev.count(j), share: rev.share(j) });
            if rev.count(j) > 0 {
                reversed.push(design.node_name(j), rev.resamples[j].clone());
            }
        }
        SignReversals { correction: settings.sign_change, resamples: rev.total, constructs, reversed }
    });
    let limit = (b.oscillating + b.drifting > 0).then_some(IterationLimit { oscillating: b.oscillating, drifting: b.drifting });
    (reversals, limit)
}

fn bootstrap_info(design: &Design, catalog: &Catalog, b: &BootstrapOutcome, settings: &Settings) -> BootstrapInfo {
    let sums = &b.summaries;
    let off = catalog.offsets();
    let name = |j: usize| design.node_name(j).to_string();
    let mut r2 = Named::new();
    for (a, &j) in catalog.endogenous.iter().enumerate() {
        r2.push(name(j), inference(&sums[off.r2 + a]));
    }
    let mut htmt: Named<Named<Inference>> = Named::new();
    for (a, &(i, j)) in catalog.htmt_pairs.iter().enumerate() {
        if htmt.get(design.node_name(i)).is_none() {
            htmt.push(name(i), Named::new());
        }
        let row = &mut htmt.0.last_mut().expect("just pushed").1;
        row.push(name(j), inference(&sums[off.htmt + a]));
    }
    let mut path_distributions = Named::new();
    for (&(f, t), values) in catalog.paths.iter().zip(&b.path_values) {
        path_distributions.push(path_key(design.node_name(f), design.node_name(t)), values.clone());
    }
    BootstrapInfo {
        resamples: b.resamples,
        seed: settings.seed,
        failed: b.resamples - b.succeeded,
        succeeded: b.succeeded,
        not_converged: b.not_converged,
        // keyed by the English reason, as the result file always was
        failures: Named(b.failures.iter().map(|(f, c)| (crate::messages::resample_failure_text(f, Lang::En), *c)).collect()),
        ci: settings.ci,
        p_value: settings.p_value,
        outer_weights: per_item(design, |_, _, item| inference(&sums[off.weights + item])),
        outer_loadings: per_item(design, |_, _, item| inference(&sums[off.loadings + item])),
        r_squared: r2,
        htmt,
        path_distributions,
        sign_reversals: None,
        iteration_limit: None,
    }
}

// ---- predictive power: blindfolding, PLSpredict and CVPAT ----

/// SmartPLS's blindfolding table: {construct: {sso, sse, q2}} for every
/// construct blindfolding predicts.
fn blindfolding(design: &Design, b: &[Option<crate::engine::blindfold::Blindfolded>]) -> Named<BlindfoldRow> {
    let mut out = Named::new();
    for (j, v) in b.iter().enumerate() {
        if !design.structure.preds[j].is_empty() && !design.is_interaction(j) {
            out.push(design.node_name(j), BlindfoldRow { sso: v.and_then(|v| num(v.sso)), sse: v.and_then(|v| num(v.sse)), q2: v.and_then(|v| num(v.q2())) });
        }
    }
    out
}

/// n a multiple of the omission distance (every round omits whole rows),
/// and endogenous constructs left without a Q²: a round that could not be
/// estimated, or a Mode B block (HOCs measured by their dimensions' scores
/// have no data to omit and are not named).
fn blindfold_warnings(n: usize, p: &Point) -> Vec<Warning> {
    use crate::engine::blindfold::{blindfolded, omits_whole_rows};
    let Some(b) = p.blindfold else { return Vec::new() };
    let d = p.settings.blindfold_distance;
    let design = p.design;
    let mut out = Vec::new();
    if omits_whole_rows(n, d) {
        out.push(Warning::new(WarningKind::BlindfoldDistance { n, distance: d }));
    }
    if d > n {
        out.push(Warning::new(WarningKind::BlindfoldDistanceBeyondN { n, distance: d }));
    }
    let (mut failed, mut formative) = (Vec::new(), Vec::new());
    for j in (0..design.n_nodes()).filter(|&j| !design.structure.preds[j].is_empty() && !design.is_interaction(j) && !design.generated_block(j)) {
        let name = design.node_name(j).to_string();
        if !blindfolded(design, j) {
            formative.push(name);
        } else if b[j].is_none() {
            failed.push(name);
        }
    }
    if !failed.is_empty() || !formative.is_empty() {
        out.push(Warning::new(WarningKind::BlindfoldMissing { failed, formative }));
    }
    out
}

/// PLSpredict's figures of one side, by name.
fn predict_figures(design: &Design, f: &crate::engine::predict::Figures) -> PredictFigures {
    let mut indicators = Named::new();
    for i in &f.indicators {
        indicators.push(
            design.observed[i.item].clone(),
            PredictIndicator {
                rmse: num(i.pls.rmse),
                mae: num(i.pls.mae),
                mape: num(i.pls.mape),
                q2_predict: num(i.q2_predict),
                lm_rmse: num(i.lm.rmse),
                lm_mae: num(i.lm.mae),
                lm_mape: num(i.lm.mape),
                ia_rmse: num(i.ia.rmse),
            },
        );
    }
    let mut constructs = Named::new();
    for c in &f.constructs {
        constructs.push(design.node_name(c.node), PredictConstruct { rmse: num(c.rmse), mae: num(c.mae), q2_predict: num(c.q2_predict) });
    }
    PredictFigures { indicators, constructs }
}

/// The result with a PLSpredict run (and its CVPAT, if computed) added,
/// and their warning.
pub fn with_predict(res: &mut AnalysisResult, design: &Design, p: &crate::engine::predict::PredictResult, cvpat: Option<&[crate::engine::predict::CvpatRow]>) {
    use crate::engine::predict::ErrorMetric;
    let out = predict_figures(design, &p.figures);
    let counts = p.figures.verdict_counts(ErrorMetric::Rmse);
    let total = counts.compared;
    res.predict = Some(PredictInfo {
        folds: p.folds,
        repetitions: p.repetitions,
        approach: p.approach,
        seed: p.seed,
        lm: p.lm,
        indicators: out.indicators,
        constructs: out.constructs,
        in_sample: predict_figures(design, &p.figures_in_sample),
        lower_rmse_than_lm: counts.lower_than_lm,
        positive_q2_predict: counts.positive_q2,
        counted_for_verdict: counts.counted,
        indicators_compared: total,
        verdict: crate::report::thresholds::predictive_power(counts.counted, total),
        failed_folds: p.failures.len(),
        not_converged_folds: p.not_converged,
    });
    res.cvpat = cvpat.map(|rows| {
        rows.iter()
            .map(|r| CvpatInfo {
                construct: r.construct.map(|j| design.node_name(j).to_string()),
                benchmark: r.benchmark,
                pls_loss: num(r.pls_loss),
                benchmark_loss: num(r.benchmark_loss),
                loss_difference: num(r.loss_difference),
                t: num(r.t),
                df: num(r.df),
                p: num(r.p),
                p_one_sided: num(r.p_one_sided),
            })
            .collect()
    });
    if p.approach == crate::engine::predict::Approach::Earliest {
        for j in (0..design.n_nodes()).filter(|&j| !design.structure.succs[j].is_empty()) {
            let Some((iv, m)) = design.interaction_of(j) else { continue };
            let endogenous: Vec<String> = [iv, m].into_iter().filter(|&c| !design.structure.preds[c].is_empty()).map(|c| design.node_name(c).to_string()).collect();
            if !endogenous.is_empty() {
                let targets = design.structure.succs[j].iter().map(|&t| design.node_name(t).to_string()).collect();
                res.warnings.push(Warning::new(WarningKind::PredictEndogenousInteraction { interaction: design.node_name(j).to_string(), endogenous, targets }));
            }
        }
    }
    // MAPE divides by the actual values: undefined where one is 0
    let no_mape: Vec<String> = p.figures.indicators.iter().filter(|f| f.pls.rmse.is_finite() && !f.pls.mape.is_finite()).map(|f| design.observed[f.item].clone()).collect();
    if !no_mape.is_empty() {
        res.warnings.push(Warning::new(WarningKind::PredictMapeUndefined { items: no_mape }));
    }
    let indicators = p.figures.indicators.len();
    if total < indicators {
        res.warnings.push(Warning::new(WarningKind::PredictLmUnavailable { missing: indicators - total, indicators }));
    }
    if !p.failures.is_empty() || p.not_converged > 0 {
        res.warnings.push(Warning::new(WarningKind::PredictFolds { failed: p.failures.len(), not_converged: p.not_converged, total: p.folds * p.repetitions }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_syntax, validate};

    fn warned(syntax: &str) -> Vec<(String, String, String)> {
        let cols: Vec<String> = ["x1", "x2", "m1", "m2", "y1", "y2"].iter().map(|s| s.to_string()).collect();
        let model = validate(&parse_syntax(syntax).unwrap(), &cols).unwrap();
        missing_main_effects(&model)
            .into_iter()
            .map(|w| match w {
                WarningKind::MissingMainEffect { interaction, missing, dv } => (interaction, missing, dv),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn an_interaction_without_a_main_effect_is_named() {
        let m = "X =~ x1 + x2\nM =~ m1 + m2\nY =~ y1 + y2\n";
        assert!(warned(&format!("{m}Y ~ X + M + X:M")).is_empty());
        let w = warned(&format!("{m}Y ~ X + X:M"));
        assert_eq!(w, vec![("X*M".to_string(), "M".to_string(), "Y".to_string())]);
        let w = warned(&format!("{m}Y ~ X:M"));
        assert_eq!(w.iter().map(|(_, m, _)| m.as_str()).collect::<Vec<_>>(), ["X", "M"]);
    }
}
