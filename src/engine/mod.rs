//! The numeric core: pure math on nalgebra, no UI, no clocks, no web.
//!
//! [`analyze`] is the foreman; it reads like a method section:
//! handle missing values → standardize → build interaction terms → estimate
//! weights → scores → paths → evaluate → blindfold → bootstrap.
//! [`Analysis`] exposes the same steps separately so a Web Worker pool can
//! share the bootstrap ([`Analysis::draws`] per range, then
//! [`Analysis::finish`]).

pub mod blindfold;
pub mod bootstrap;
pub mod estimate;
pub mod evaluate;
pub mod linalg;
pub mod named;
pub mod pls;
pub mod plsc;
pub mod predict;
pub mod result;
pub mod settings;
#[cfg(test)]
mod testdata;

use crate::data::{handle_missing_flat, Dataset, MissingReport};
use crate::error::{Error, Result};
use crate::model::{Mode, ValidModel};
use bootstrap::{run_draws, summarize, BootData, Catalog, Draws, Resamples, Summary, SLOPE_LEVELS};
use estimate::{estimate, Design, EstError, EstOptions, Estimate};
use evaluate::{f2_same_scores, gof, htmt, reliability, srmr, total_effects, vif_inner, vif_outer};
use named::Named;
use nalgebra::DMatrix;
use pls::FitError;
use result::*;
pub use settings::Settings;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Progress of a long analysis, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    Estimating,
    Blindfolding,
    Bootstrapping { done: usize, total: usize },
}

/// Everything fixed for one analysis; cheap to share across threads.
pub struct Analysis {
    pub settings: Settings,
    pub design: Design,
    /// The data: complete (after the missing-value policy), n × observed,
    /// and what resamples are drawn from.
    pub boot: BootData,
    pub full: Estimate,
    pub catalog: Catalog,
    pub original: Vec<f64>,
    pub point: AnalysisResult,
}

/// The dataset's columns as one column-major matrix, each column freed as
/// soon as it is copied.
fn into_matrix(ds: Dataset) -> DMatrix<f64> {
    let (n, p) = (ds.n_rows(), ds.n_cols());
    let mut buf = Vec::with_capacity(n * p);
    for col in ds.columns {
        buf.extend_from_slice(&col);
    }
    DMatrix::from_vec(n, p, buf)
}

/// Turn an estimation failure of the full sample into a user-facing error.
pub fn explain(design: &Design, e: &EstError) -> Error {
    match e {
        EstError::Constant(b) => Error::new(
            "estimate.constant_indicator",
            format!("indicator {} has the same value for every respondent (zero variance); remove it from the model", design.items[*b]),
        )
        .at_column(design.items[*b].clone()),
        EstError::Collinear(j) => Error::new(
            "estimate.orthogonal_singular",
            format!("the indicators of {} are collinear, so the orthogonalized interaction cannot be built", design.node_name(*j)),
        )
        .at_construct(design.node_name(*j)),
        EstError::Fit(FitError::SingularBlock(j)) => Error::new(
            "estimate.mode_b_singular",
            format!(
                "the indicators of the Mode B construct {} are (nearly) perfectly collinear, so its regression weights cannot be computed; drop a redundant indicator or use Mode A (=~)",
                design.node_name(*j)
            ),
        )
        .at_construct(design.node_name(*j)),
        EstError::Fit(FitError::SingularPredecessors(j)) => Error::new(
            "estimate.collinear_predictors",
            format!("the predictors of {} are perfectly collinear; remove one of its paths", design.node_name(*j)),
        )
        .at_construct(design.node_name(*j)),
        EstError::Fit(FitError::ZeroVariance(j)) => Error::new(
            "estimate.zero_variance",
            format!("the scores of {} have zero variance", design.node_name(*j)),
        )
        .at_construct(design.node_name(*j)),
    }
}

impl Analysis {
    /// Complete data (after the missing-value policy), n × observed.
    pub fn x(&self) -> &DMatrix<f64> {
        &self.boot.x
    }

    /// Construct scores of the full sample (n × nodes, unit variance before
    /// any rescaling), from the same estimation repeated: the analysis does
    /// not keep the standardized data.
    pub fn scores(&self) -> DMatrix<f64> {
        let opts = EstOptions { keep_data: true, ..self.options() };
        let est = estimate(self.x(), &self.design, &opts).expect("the same estimation succeeded in prepare");
        est.scores(&self.design).expect("data kept")
    }

    pub fn options(&self) -> EstOptions<'_> {
        est_options(&self.settings)
    }

    /// Run bootstrap resamples (see [`run_draws`]).
    pub fn draws(&self, which: Resamples, threads: usize, progress: &(dyn Fn(usize) -> bool + Sync)) -> Option<Draws> {
        run_draws(&self.boot, &self.design, &self.catalog, &self.settings, Some(&self.full.weights), which, threads, progress)
    }

    /// Leave-one-out estimates for BCa intervals, and the failures by reason.
    fn jackknife(&self) -> (Vec<Vec<f64>>, Named<usize>) {
        let n = self.x().nrows();
        let opts = self.options();
        let mut ok = Vec::with_capacity(n);
        let mut failures: Named<usize> = Named::new();
        for i in 0..n {
            let x = self.x().clone().remove_row(i);
            match estimate(&x, &self.design, &opts) {
                Ok(e) => ok.push(self.catalog.extract(&self.design, &e, self.settings.htmt_absolute)),
                Err(e) => {
                    let reason = bootstrap::failure_reason(&self.design, &e);
                    count(&mut failures, &reason);
                }
            }
        }
        (ok, failures)
    }

    /// The point result plus bootstrap inference from the given draws.
    pub fn finish(&self, draws: &[Draws]) -> AnalysisResult {
        let mut res = self.point.clone();
        let mut all: Vec<&std::result::Result<Vec<f64>, String>> = Vec::new();
        let mut sorted: Vec<&Draws> = draws.iter().collect();
        sorted.sort_by_key(|d| d.start);
        for d in sorted {
            all.extend(d.values.iter());
        }
        let ok: Vec<&Vec<f64>> = all.iter().filter_map(|r| r.as_ref().ok()).collect();
        let mut failures: Named<usize> = Named::new();
        for r in &all {
            if let Err(e) = r {
                count(&mut failures, e);
            }
        }
        let jack = if self.settings.ci == settings::CiMethod::Bca {
            let (values, jfail) = self.jackknife();
            let k: usize = jfail.iter().map(|(_, c)| *c).sum();
            if k > 0 {
                res.warnings.push(Warning {
                    code: "bootstrap.jackknife_failed".into(),
                    message: format!(
                        "{k} of {} leave-one-out estimates for the BCa intervals failed and were left out ({}); the intervals rest on the others",
                        self.x().nrows(),
                        jfail.iter().map(|(r, c)| format!("{c}× {r}")).collect::<Vec<_>>().join("; ")
                    ),
                });
            }
            Some(values)
        } else {
            None
        };
        let sums = summarize(&self.original, &ok, &self.settings, jack.as_deref());
        let off = self.catalog.offsets();
        let inf = |s: &Summary| Inference {
            estimate: num(s.estimate),
            mean: num(s.mean),
            se: num(s.se),
            t: num(s.t),
            p: num(s.p),
            ci_lower: num(s.lo),
            ci_upper: num(s.hi),
        };
        let d = &self.design;
        for (a, row) in res.path_coefficients.iter_mut().enumerate() {
            let s = &sums[off.paths + a];
            row.mean = num(s.mean);
            row.se = num(s.se);
            row.t = num(s.t);
            row.p = num(s.p);
            row.ci_lower = num(s.lo);
            row.ci_upper = num(s.hi);
            (row.significant, row.p_ci_disagree) = bootstrap::verdict(s, &self.settings);
        }
        let effects = |pairs: &[(usize, usize)], at: usize| -> Vec<EffectRow> {
            pairs
                .iter()
                .enumerate()
                .map(|(a, &(f, t))| EffectRow { from: d.node_name(f).into(), to: d.node_name(t).into(), inference: inf(&sums[at + a]) })
                .collect()
        };
        res.total_effects = effects(&self.catalog.total, off.total);
        res.indirect_effects = effects(&self.catalog.indirect, off.indirect);
        let mut weights = Named::new();
        let mut loadings = Named::new();
        for (j, r) in d.blocks.ranges.iter().enumerate() {
            let mut w = Named::new();
            let mut l = Named::new();
            for b in r.clone() {
                w.push(d.items[b].clone(), inf(&sums[off.weights + b]));
                l.push(d.items[b].clone(), inf(&sums[off.loadings + b]));
            }
            weights.push(d.node_name(j), w);
            loadings.push(d.node_name(j), l);
        }
        let mut r2 = Named::new();
        for (a, &j) in self.catalog.endogenous.iter().enumerate() {
            r2.push(d.node_name(j), inf(&sums[off.r2 + a]));
        }
        let mut ht: Named<Named<Inference>> = Named::new();
        for (a, &(i, j)) in self.catalog.htmt_pairs.iter().enumerate() {
            let name = d.node_name(i).to_string();
            if ht.get(&name).is_none() {
                ht.push(name.clone(), Named::new());
            }
            let entry = ht.0.iter_mut().find(|(k, _)| *k == name).expect("just pushed");
            entry.1.push(d.node_name(j), inf(&sums[off.htmt + a]));
        }
        for (a, sl) in res.simple_slopes.iter_mut().enumerate() {
            for (l, line) in sl.lines.iter_mut().enumerate() {
                line.inference = inf(&sums[off.slopes + 3 * a + l]);
            }
        }
        let not_converged: usize = draws.iter().map(|d| d.not_converged).sum();
        if not_converged > 0 {
            res.warnings.push(Warning {
                code: "bootstrap.not_converged".into(),
                message: format!(
                    "{not_converged} of {} bootstrap resamples reached the iteration limit ({}) before converging; they are kept in the statistics",
                    all.len(),
                    self.settings.bootstrap_max_iterations.unwrap_or(self.settings.max_iterations)
                ),
            });
        }
        let failed = all.len() - ok.len();
        if failed > 0 {
            res.warnings.push(Warning {
                code: "bootstrap.failed_resamples".into(),
                message: format!(
                    "{failed} of {} bootstrap resamples failed and were left out of the bootstrap statistics ({})",
                    all.len(),
                    failures.iter().map(|(k, v)| format!("{v}× {k}")).collect::<Vec<_>>().join("; ")
                ),
            });
        }
        res.bootstrap = Some(BootstrapInfo {
            resamples: all.len(),
            seed: self.settings.seed,
            failed,
            succeeded: ok.len(),
            not_converged,
            failures,
            ci: match self.settings.ci {
                settings::CiMethod::Percentile => "percentile".into(),
                settings::CiMethod::Bca => "bca".into(),
            },
            p_value: match self.settings.p_value {
                settings::PValue::StudentT => "student_t".into(),
                settings::PValue::Normal => "normal".into(),
                settings::PValue::Empirical => "empirical".into(),
            },
            outer_weights: weights,
            outer_loadings: loadings,
            r_squared: r2,
            htmt: ht,
            path_distributions: {
                let mut pd = Named::new();
                for (a, &(f, t)) in self.catalog.paths.iter().enumerate() {
                    pd.push(format!("{} -> {}", d.node_name(f), d.node_name(t)), ok.iter().map(|v| v[off.paths + a]).collect());
                }
                pd
            },
        });
        res
    }
}

/// Add one occurrence of `reason` to a tally.
fn count(tally: &mut Named<usize>, reason: &str) {
    match tally.0.iter_mut().find(|(k, _)| k == reason) {
        Some((_, c)) => *c += 1,
        None => tally.push(reason, 1),
    }
}

pub fn est_options(settings: &Settings) -> EstOptions<'static> {
    EstOptions {
        scheme: settings.scheme,
        tolerance: settings.tolerance,
        max_iterations: settings.max_iterations,
        stage1_tolerance: settings.stage1_tolerance.unwrap_or(settings.tolerance),
        stage1_max_iterations: settings.stage1_max_iterations.unwrap_or(settings.max_iterations),
        start: None,
        scaling: settings.interaction_scaling,
        consistent: settings.consistent,
        keep_data: false,
    }
}

/// Check settings that could make the estimation meaningless.
fn check_settings(s: &Settings) -> Result<()> {
    if !(s.tolerance > 0.0 && s.tolerance.is_finite()) {
        return Err(Error::new("settings.tolerance", "the stop criterion must be a positive number"));
    }
    if s.max_iterations == 0 {
        return Err(Error::new("settings.max_iterations", "the maximum number of iterations must be at least 1"));
    }
    if !(s.alpha > 0.0 && s.alpha < 1.0) {
        return Err(Error::new("settings.alpha", "the significance level must lie between 0 and 1"));
    }
    if s.bootstrap == 1 {
        return Err(Error::new("settings.bootstrap", "a bootstrap needs at least 2 resamples (or 0 for none)"));
    }
    if s.blindfold_distance == 1 {
        return Err(Error::new("settings.blindfold", "the omission distance must be at least 2 (or 0 to skip Q²)"));
    }
    Ok(())
}

/// Prepare an analysis: missing values, full-sample estimate, evaluation.
pub fn prepare(ds: &Dataset, model: &ValidModel, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
    let (design, x, raw, report) = model_data(ds, model, settings)?;
    prepare_matrix(design, x, raw, report, settings, stage)
}

/// [`prepare`] that frees the dataset as soon as the model's columns are
/// copied out of it, before estimating (a Web Worker's memory never
/// shrinks, so its peak is what it costs).
pub fn prepare_owned(ds: Dataset, model: &ValidModel, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
    let (design, x, raw, report) = model_data(&ds, model, settings)?;
    drop(ds);
    prepare_matrix(design, x, raw, report, settings, stage)
}

/// The model's columns after the missing-value policy (n × observed), and
/// before it when resamples handle missing values themselves.
#[allow(clippy::type_complexity)]
fn model_data(ds: &Dataset, model: &ValidModel, settings: &Settings) -> Result<(Design, DMatrix<f64>, Option<DMatrix<f64>>, MissingReport)> {
    check_settings(settings)?;
    let design = Design::new(model, settings.moderation);
    let cols: Vec<&str> = design.observed.iter().map(|s| s.as_str()).collect();
    let (complete, report) = handle_missing_flat(ds, &cols, settings.missing)?;
    let n = report.n_after;
    if n < 3 {
        return Err(Error::new("data.too_few_rows", format!("only {n} complete rows: PLS-SEM needs at least 3 (better many more)")));
    }
    let x = DMatrix::from_vec(n, cols.len(), complete);
    let raw = if report.cells_missing > 0 && settings.bootstrap_missing == settings::BootstrapMissing::PerResample {
        Some(into_matrix(ds.select(&cols)?))
    } else {
        None
    };
    Ok((design, x, raw, report))
}

fn prepare_matrix(
    design: Design,
    x: DMatrix<f64>,
    raw: Option<DMatrix<f64>>,
    report: MissingReport,
    settings: &Settings,
    stage: &dyn Fn(Stage),
) -> Result<Analysis> {
    stage(Stage::Estimating);
    let full = estimate(&x, &design, &est_options(settings)).map_err(|e| explain(&design, &e))?;
    let catalog = Catalog::new(&design);
    let original = catalog.extract(&design, &full, settings.htmt_absolute);
    let mut point = point_result(&design, &full, &x, settings, Some(report));
    if settings.blindfold_distance >= 2 {
        stage(Stage::Blindfolding);
        let q = blindfold::q2(&x, &design, &est_options(settings), settings.blindfold_distance);
        for (j, v) in q.iter().enumerate() {
            if design.structure.preds[j].is_empty() || design.is_interaction(j) {
                continue;
            }
            point.q2.push(design.node_name(j), v.and_then(num));
        }
    }
    let boot = BootData::new(x, raw, settings);
    Ok(Analysis { settings: settings.clone(), design, boot, full, catalog, original, point })
}

/// The whole analysis, bootstrap included (all cores natively).
pub fn analyze(
    ds: &Dataset,
    model: &ValidModel,
    settings: &Settings,
    progress: &(dyn Fn(Stage) -> bool + Sync),
) -> Result<AnalysisResult> {
    let a = prepare(ds, model, settings, &|s| {
        progress(s);
    })?;
    if settings.bootstrap == 0 {
        return Ok(a.point.clone());
    }
    let threads = if settings.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        settings.threads
    };
    let total = settings.bootstrap;
    let draws = a
        .draws(Resamples::Seeded { seed: settings.seed, range: 0..total }, threads, &|done| {
            progress(Stage::Bootstrapping { done, total })
        })
        .ok_or_else(Error::cancelled)?;
    Ok(a.finish(&[draws]))
}

fn mode_name(m: Mode) -> String {
    match m {
        Mode::A => "A".into(),
        Mode::B => "B".into(),
    }
}

/// f² by re-estimating the model without the path (seminr, SmartPLS).
fn f2_reestimate(design: &Design, x: &DMatrix<f64>, settings: &Settings, full: &Estimate, from: usize, to: usize) -> f64 {
    let paths: Vec<(usize, usize)> = design.structure.paths.iter().copied().filter(|&p| p != (from, to)).collect();
    let d2 = design.with_paths(&paths);
    match estimate(x, &d2, &est_options(settings)) {
        Ok(e) => {
            let r2_out = if d2.structure.preds[to].is_empty() { 0.0 } else { e.r2(to) };
            let r2_in = full.r2(to);
            (r2_in - r2_out) / (1.0 - r2_in)
        }
        Err(_) => f64::NAN,
    }
}

fn point_result(design: &Design, est: &Estimate, x: &DMatrix<f64>, settings: &Settings, missing: Option<MissingReport>) -> AnalysisResult {
    let k = design.n_nodes();
    let k0 = design.n_constructs();
    let st = &design.structure;
    let n = est.n;
    let name = |j: usize| design.node_name(j).to_string();
    let model = &design.model;
    let mut warnings = Vec::new();
    if !est.converged || !est.stage1_converged {
        warnings.push(Warning {
            code: "estimate.not_converged".into(),
            message: format!(
                "the PLS algorithm did not converge within {} iterations (stop criterion {:e}); results are not trustworthy — raise the iteration limit",
                settings.max_iterations, settings.tolerance
            ),
        });
    }
    let max_arrows = (0..k).map(|j| st.preds[j].len()).max().unwrap_or(0);
    if n < 10 * max_arrows.max(1) {
        warnings.push(Warning {
            code: "data.small_sample".into(),
            message: format!(
                "n = {n} is below the 10-times rule ({} for a construct with {max_arrows} predictors); bootstrap results may be unstable",
                10 * max_arrows
            ),
        });
    }

    let constructs: Vec<ConstructInfo> = (0..k)
        .map(|j| ConstructInfo {
            name: name(j),
            mode: mode_name(design.blocks.modes[j]),
            indicators: design.blocks.ranges[j].clone().map(|b| design.items[b].clone()).collect(),
            interaction: design.is_interaction(j),
        })
        .collect();

    let mut outer_weights = Named::new();
    let mut outer_loadings = Named::new();
    let mut inadmissible = Vec::new();
    for j in 0..k {
        let r = design.blocks.ranges[j].clone();
        let mut w = Named::new();
        let mut l = Named::new();
        for (a, b) in r.enumerate() {
            w.push(design.items[b].clone(), num(est.weights[j][a]));
            let lv = est.loading(design, j, a);
            if lv.abs() > 1.0 + 1e-9 && est.adjust[j] == 1.0 {
                inadmissible.push(design.items[b].clone());
            }
            l.push(design.items[b].clone(), num(lv));
        }
        outer_weights.push(name(j), w);
        outer_loadings.push(name(j), l);
    }
    let mut negative = Vec::new();
    for j in 0..k {
        if design.blocks.modes[j] == Mode::A && !design.is_interaction(j) && design.blocks.ranges[j].len() > 1 {
            for (a, b) in design.blocks.ranges[j].clone().enumerate() {
                if est.loading(design, j, a) < 0.0 {
                    negative.push(format!("{} ({})", design.items[b], name(j)));
                }
            }
        }
    }
    if !negative.is_empty() {
        warnings.push(Warning {
            code: "estimate.negative_loading".into(),
            message: format!(
                "negative loading: {}; reverse-coded items must be recoded (e.g. 8 − x on a 1–7 scale) before the analysis",
                negative.join(", ")
            ),
        });
    }
    if let Some(pc) = &est.plsc {
        let mut bad = Vec::new();
        for i in 0..k {
            for j in 0..i {
                if pc.c[(i, j)].abs() > 1.0 {
                    bad.push(format!("{} and {}", name(i), name(j)));
                }
            }
        }
        let r2_bad: Vec<String> = st.endogenous().filter(|&j| !(0.0..=1.0).contains(&pc.r2[j])).map(name).collect();
        if !bad.is_empty() || !r2_bad.is_empty() {
            warnings.push(Warning {
                code: "estimate.plsc_inadmissible".into(),
                message: format!(
                    "inadmissible consistent PLS solution: corrected correlation beyond ±1 for {}; R² outside [0, 1] for {}; the reliabilities (ρ_A) are too low for the correction — report PLS without PLSc or revise the measurement",
                    if bad.is_empty() { "none".to_string() } else { bad.join(", ") },
                    if r2_bad.is_empty() { "none".to_string() } else { r2_bad.join(", ") }
                ),
            });
        }
    }
    if !inadmissible.is_empty() {
        warnings.push(Warning {
            code: "estimate.loading_above_one".into(),
            message: format!("inadmissible solution: |loading| > 1 for {}", inadmissible.join(", ")),
        });
    }

    // f² needs interaction main effects excluded (seminr): omitting them breaks the term.
    let mut main_effects = Vec::new();
    for (m, it) in model.interactions().iter().enumerate() {
        for &t in &st.succs[k0 + m] {
            main_effects.push((it.iv, t));
            main_effects.push((it.moderator, t));
        }
    }
    let c = est.construct_cor();
    let path_coefficients: Vec<PathRow> = st
        .paths
        .iter()
        .map(|&(f, t)| {
            let e = est.path(f, t);
            let f2 = if !settings.f2_main_effects && main_effects.contains(&(f, t)) { f64::NAN } else { f2_reestimate(design, x, settings, est, f, t) };
            PathRow {
                from: name(f),
                to: name(t),
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
                f2: num(f2),
                f2_same_scores: num(f2_same_scores(c, st, f, t, est.r2(t))),
            }
        })
        .collect();

    let mut b = DMatrix::zeros(k, k);
    for &(f, t) in &st.paths {
        b[(f, t)] = est.path(f, t);
    }
    let te = total_effects(&b);
    let cat = Catalog::new(design);
    let eff = |pairs: &[(usize, usize)], indirect: bool| -> Vec<EffectRow> {
        pairs
            .iter()
            .map(|&(f, t)| EffectRow {
                from: name(f),
                to: name(t),
                inference: Inference { estimate: num(te[(f, t)] - if indirect { b[(f, t)] } else { 0.0 }), ..Default::default() },
            })
            .collect()
    };
    let total_effects_rows = eff(&cat.total, false);
    let indirect_rows = eff(&cat.indirect, true);

    let mut r_squared = Named::new();
    for j in st.endogenous() {
        let r2 = est.r2(j);
        let p = st.preds[j].len() as f64;
        let nf = n as f64;
        r_squared.push(name(j), R2 { r2: num(r2), r2_adj: num(1.0 - (1.0 - r2) * (nf - 1.0) / (nf - p - 1.0)) });
    }

    let rel = reliability(design, est);
    let mut reliability_t = Named::new();
    for (j, r) in rel.iter().enumerate() {
        let rho_a = match &est.plsc {
            Some(pc) => pc.rho_a[j],
            None => r.rho_a,
        };
        reliability_t.push(
            name(j),
            Reliability {
                alpha: num(r.alpha),
                rho_a: num(rho_a),
                rho_c: num(r.rho_c),
                ave: num(r.ave),
                // PCA-based ρ_C describes a reflective block only
                rho_c_pca: if design.blocks.modes[j] == Mode::B { None } else { num(r.rho_c_pca) },
            },
        );
    }

    let h = htmt(design, &est.s, settings.htmt_absolute);
    let mut htmt_t = Named::new();
    let mut fl = Named::new();
    let mut cc = Named::new();
    for i in 0..k {
        let mut row = Named::new();
        let mut flrow = Named::new();
        let mut ccrow = Named::new();
        for j in 0..k {
            if i != j {
                row.push(name(j), num(h[(i, j)]));
            }
            if j < i {
                flrow.push(name(j), num(c[(i, j)]));
            } else if j == i {
                flrow.push(name(j), num(rel[i].ave.sqrt()));
            }
            ccrow.push(name(j), num(c[(i, j)]));
        }
        htmt_t.push(name(i), row);
        fl.push(name(i), flrow);
        cc.push(name(i), ccrow);
    }

    let mut cross = Named::new();
    for (b_, item) in design.items.iter().enumerate() {
        let mut row = Named::new();
        for j in 0..k {
            row.push(name(j), num(est.inner.v[(b_, j)]));
        }
        cross.push(item.clone(), row);
    }

    let vo = vif_outer(design, &est.s);
    let vi = vif_inner(&est.inner.c, st);
    let mut vif_o = Named::new();
    for j in 0..k {
        let mut row = Named::new();
        for (a, b_) in design.blocks.ranges[j].clone().enumerate() {
            row.push(design.items[b_].clone(), num(vo[j][a]));
        }
        vif_o.push(name(j), row);
    }
    let mut vif_i = Named::new();
    for j in st.endogenous() {
        let mut row = Named::new();
        for (a, &p) in st.preds[j].iter().enumerate() {
            row.push(name(p), num(vi[j][a]));
        }
        vif_i.push(name(j), row);
    }

    let mut slopes = Vec::new();
    for &(node, iv, m, dv) in &cat.slopes {
        let bi = est.path(iv, dv) * est.adjust[iv];
        let bm = est.path(m, dv) * est.adjust[m];
        let bx = est.path(node, dv) * est.adjust[node];
        slopes.push(SimpleSlopes {
            interaction: name(node),
            iv: name(iv),
            moderator: name(m),
            dv: name(dv),
            beta_iv: num(bi),
            beta_moderator: num(bm),
            beta_interaction: num(bx),
            lines: SLOPE_LEVELS
                .iter()
                .map(|&l| SlopeLine {
                    moderator_level: l,
                    slope: num(bi + bx * l),
                    intercept: num(bm * l),
                    inference: Inference { estimate: num(bi + bx * l), ..Default::default() },
                })
                .collect(),
            x_min: -2.0,
            x_max: 2.0,
        });
    }

    let raw = model.to_raw();
    AnalysisResult {
        program: "plsweb".into(),
        version: VERSION.into(),
        settings: settings.clone(),
        model_syntax: raw.to_syntax(),
        model: raw,
        n,
        iterations: est.iterations,
        converged: est.converged && est.stage1_converged,
        missing,
        constructs,
        outer_weights,
        outer_loadings,
        path_coefficients,
        total_effects: total_effects_rows,
        indirect_effects: indirect_rows,
        r_squared,
        reliability: reliability_t,
        htmt: htmt_t,
        fornell_larcker: fl,
        construct_correlations: cc,
        cross_loadings: cross,
        vif: Vif { outer: vif_o, inner: vif_i },
        q2: Named::new(),
        gof: num(gof(design, est)),
        srmr: num(srmr(design, est)),
        simple_slopes: slopes,
        bootstrap: None,
        warnings,
    }
}
