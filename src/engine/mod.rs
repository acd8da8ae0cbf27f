//! The numeric core: pure math on nalgebra, no UI, no clocks, no web, no
//! words.
//!
//! Each step of the method is a module: [`estimate`] (standardize → build
//! interaction terms → PLS weights → scores → paths, on the indicator
//! correlation matrix: [`pls`], [`plsc`]), [`evaluate`] (reliability,
//! validity, collinearity, effect sizes, fit), [`verify`] (admissibility),
//! [`blindfold`] (Q²) and [`bootstrap`] (resamples and their summaries).
//! The foreman that calls them in order, and the one place that names their
//! numbers, are [`crate::pipeline`] and [`crate::assemble`].

pub mod blindfold;
pub mod bootstrap;
pub mod crossprod;
pub mod estimate;
pub mod evaluate;
pub mod ipma;
pub mod hoc;
pub mod hoc_result;
pub mod linalg;
pub mod mediation;
pub mod mga;
pub mod moments;
pub mod named;
pub mod pairwise;
pub mod pls;
pub mod plsc;
pub mod power;
pub mod predict;
pub mod result;
pub mod result_power;
pub mod result_predict;
pub mod result_groups;
pub mod settings;
pub mod sign;
#[cfg(test)]
mod testdata;
pub mod verify;

use crate::data::{handle_missing_flat, Dataset, MissingPolicy, MissingReport};
use crate::error::{DataError, Error, EstimationProblem, ResampleFailure, Result, SettingsError};
use crate::model::ValidModel;
use bootstrap::{summarize, Catalog, Draws, Summary};
use estimate::{estimate, Design, EstError, EstOptions, Purpose};
use nalgebra::DMatrix;
use pls::FitError;
pub use settings::Settings;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Progress of a long analysis, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stage {
    Estimating,
    Blindfolding,
    Bootstrapping { done: usize, total: usize },
    /// PLSpredict: training folds estimated of repetitions × folds.
    Predicting { done: usize, total: usize },
    /// A multigroup analysis: step `step` of `steps` (each group's
    /// bootstrap, then each pair's permutations), `done` of its `total`.
    Comparing { step: usize, steps: usize, done: usize, total: usize },
    /// Power analysis: replications done of sample sizes × replications.
    Power { done: usize, total: usize },
}

/// What an estimation failure concerns, by name.
pub fn problem(design: &Design, e: &EstError) -> EstimationProblem {
    let node = |j: usize| design.node_name(j).to_string();
    match e {
        EstError::Constant(b) => EstimationProblem::ConstantIndicator { item: design.items[*b].clone() },
        EstError::Collinear(j) => EstimationProblem::OrthogonalSingular { construct: node(*j) },
        EstError::Fit(FitError::SingularBlock(j)) => EstimationProblem::ModeBSingular { construct: node(*j) },
        EstError::Fit(FitError::SingularPredecessors(j)) => EstimationProblem::CollinearPredictors { construct: node(*j) },
        EstError::Fit(FitError::ZeroVariance(j)) => EstimationProblem::ZeroVariance { construct: node(*j) },
    }
}

/// An estimation failure of the full sample as a user-facing error, located
/// at the indicator's column or the construct.
pub fn explain(design: &Design, e: &EstError) -> Error {
    let p = problem(design, e);
    let err = Error::from(p.clone());
    match p {
        EstimationProblem::ConstantIndicator { item } => err.at_column(item),
        EstimationProblem::OrthogonalSingular { construct }
        | EstimationProblem::ModeBSingular { construct }
        | EstimationProblem::CollinearPredictors { construct }
        | EstimationProblem::ZeroVariance { construct } => err.at_construct(construct),
    }
}

/// Refuse settings that would make the estimation meaningless.
pub fn check_settings(s: &Settings) -> Result<()> {
    if !(s.tolerance > 0.0 && s.tolerance.is_finite()) {
        return Err(SettingsError::Tolerance.into());
    }
    if s.max_iterations == 0 {
        return Err(SettingsError::MaxIterations.into());
    }
    // a one-tailed test at α reads the (1 − 2α) interval
    let below = if s.tails == settings::Tails::One { 0.5 } else { 1.0 };
    if !(s.alpha > 0.0 && s.alpha < below) {
        return Err(SettingsError::Alpha.into());
    }
    if s.bootstrap == 1 {
        return Err(SettingsError::Bootstrap.into());
    }
    if s.blindfold_distance == 1 {
        return Err(SettingsError::Blindfold.into());
    }
    Ok(())
}

/// PLSpredict and CVPAT: folds 0 (off) or ≥ 2, not with PLSc, CVPAT only
/// with PLSpredict.
fn check_predict_settings(s: &Settings, n: usize) -> Result<()> {
    let folds = s.predict.folds;
    if folds == 1 || folds > n {
        return Err(SettingsError::PredictFolds { folds, n }.into());
    }
    if folds >= 2 && s.consistent {
        return Err(SettingsError::PredictConsistent.into());
    }
    if s.cvpat && folds < 2 {
        return Err(SettingsError::CvpatWithoutPredict.into());
    }
    Ok(())
}

/// The model's data after the missing-value policy.
pub struct ModelData {
    pub design: Design,
    /// Complete data, n × observed indicators (construct by construct).
    pub x: DMatrix<f64>,
    /// The same columns before the policy (with NaN), kept only when
    /// resamples handle missing values themselves and there are some.
    pub raw: Option<DMatrix<f64>>,
    pub missing: MissingReport,
    /// The same columns with NaN where a cell is missing in the data, when
    /// some are and the rows were kept (blindfolding leaves them out).
    pub with_missing: Option<DMatrix<f64>>,
}

/// Select the model's columns, apply the missing-value policy, and check
/// that enough rows remain.
pub fn model_data(ds: &Dataset, model: &ValidModel, settings: &Settings) -> Result<ModelData> {
    check_settings(settings)?;
    let design = Design::with_hoc(model, settings.moderation, settings.hoc_method());
    let cols: Vec<&str> = design.observed.iter().map(|s| s.as_str()).collect();
    let (complete, missing) = handle_missing_flat(ds, &cols, settings.missing)?;
    let n = missing.n_after;
    if n < 3 {
        return Err(DataError::TooFewRows { rows: n }.into());
    }
    check_predict_settings(settings, n)?;
    let x = DMatrix::from_vec(n, cols.len(), complete);
    // pairwise deletion: every resample computes its own pairwise correlations
    let pairwise = settings.missing == MissingPolicy::PairwiseDeletion;
    let raw = if missing.cells_missing > 0 && (pairwise || settings.bootstrap_missing == settings::BootstrapMissing::PerResample) {
        Some(into_matrix(ds.select(&cols)?))
    } else {
        None
    };
    let with_missing = if missing.cells_missing > 0 && settings.missing != MissingPolicy::CasewiseDeletion {
        Some(into_matrix(ds.select(&cols)?))
    } else {
        None
    };
    Ok(ModelData { design, x, raw, missing, with_missing })
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

/// Add one occurrence of `reason` to a tally (in order of first occurrence).
pub fn count(tally: &mut Vec<(ResampleFailure, usize)>, reason: ResampleFailure) {
    match tally.iter_mut().find(|(k, _)| *k == reason) {
        Some((_, c)) => *c += 1,
        None => tally.push((reason, 1)),
    }
}

/// Leave-one-out estimates of every catalogued statistic (the BCa
/// acceleration), and the failed ones by reason.
pub fn jackknife(x: &DMatrix<f64>, design: &Design, catalog: &Catalog, settings: &Settings) -> (Vec<Vec<f64>>, Vec<(ResampleFailure, usize)>) {
    let n = x.nrows();
    let opts = EstOptions::new(settings, Purpose::Full);
    let mut ok = Vec::with_capacity(n);
    let mut failures = Vec::new();
    for i in 0..n {
        let xi = x.clone().remove_row(i);
        match estimate(&xi, design, &opts) {
            Ok(e) => ok.push(catalog.extract(design, &e, settings.htmt_absolute)),
            Err(e) => count(&mut failures, ResampleFailure::Estimation(problem(design, &e))),
        }
    }
    (ok, failures)
}

/// What a bootstrap gave: a summary per catalogued statistic, and what
/// happened to the resamples.
#[derive(Debug, Clone)]
pub struct BootstrapOutcome {
    pub summaries: Vec<Summary>,
    pub resamples: usize,
    pub succeeded: usize,
    pub not_converged: usize,
    pub failures: Vec<(ResampleFailure, usize)>,
    /// Leave-one-out fits of the BCa jackknife that failed: (count, reasons).
    pub jackknife_failures: Option<(usize, Vec<(ResampleFailure, usize)>)>,
    /// Every successful resample's path coefficients, per path in
    /// `Catalog::paths` order, in resample order (after any sign correction).
    pub path_values: Vec<Vec<f64>>,
    /// Sign-reversed constructs per successful resample, as estimated
    /// (before any correction).
    pub reversals: sign::Reversals,
    /// Resamples that reached the iteration limit (kept or left out): the
    /// weights alternating between two states, or still drifting.
    pub oscillating: usize,
    pub drifting: usize,
    /// Per floodlight of `Catalog::mediation`: its percentile band and
    /// Johnson–Neyman points over the successful resamples.
    pub floodlight: Vec<mediation::FloodlightBand>,
}

/// Summarize the draws of every range (in resample order, whatever order
/// they arrive in): mean, SD, t, p and interval per statistic.
pub fn bootstrap_outcome(x: &DMatrix<f64>, design: &Design, catalog: &Catalog, original: &[f64], draws: &[Draws], settings: &Settings) -> BootstrapOutcome {
    let mut sorted: Vec<&Draws> = draws.iter().collect();
    sorted.sort_by_key(|d| d.start);
    let all: Vec<&std::result::Result<Vec<f64>, ResampleFailure>> = sorted.iter().flat_map(|d| d.values.iter()).collect();
    let ok: Vec<&Vec<f64>> = all.iter().filter_map(|r| r.as_ref().ok()).collect();
    let reversals = sign::detect(design, catalog, original, &ok);
    let correct = |v: &Vec<f64>| {
        let mut v = v.clone();
        sign::correct(design, catalog, original, &mut v, settings.sign_change, settings.htmt_absolute);
        v
    };
    let corrected: Option<Vec<Vec<f64>>> = (!settings.sign_change.is_none()).then(|| ok.iter().map(|&v| correct(v)).collect());
    let ok: Vec<&Vec<f64>> = match &corrected {
        Some(c) => c.iter().collect(),
        None => ok,
    };
    let mut failures = Vec::new();
    for e in all.iter().filter_map(|r| r.as_ref().err()) {
        count(&mut failures, e.clone());
    }
    let (jack, jackknife_failures) = if settings.ci == settings::CiMethod::Bca {
        let (mut values, jfail) = jackknife(x, design, catalog, settings);
        if !settings.sign_change.is_none() {
            values = values.iter().map(correct).collect();
        }
        let k: usize = jfail.iter().map(|(_, c)| *c).sum();
        (Some(values), (k > 0).then_some((k, jfail)))
    } else {
        (None, None)
    };
    let summaries = summarize(original, &ok, settings, jack.as_deref());
    let off = catalog.offsets();
    let path_values = (0..catalog.paths.len()).map(|a| ok.iter().map(|v| v[off.paths + a]).collect()).collect();
    let floodlight = match &catalog.mediation {
        Some(m) if !ok.is_empty() => {
            let mine: Vec<&[f64]> = ok.iter().map(|v| &v[off.mediation..]).collect();
            (0..m.floodlight.len()).map(|f| m.floodlight_band(f, &original[off.mediation..], &mine, settings)).collect()
        }
        _ => Vec::new(),
    };
    BootstrapOutcome {
        summaries,
        resamples: all.len(),
        succeeded: ok.len(),
        not_converged: draws.iter().map(|d| d.not_converged).sum(),
        failures,
        jackknife_failures,
        path_values,
        reversals,
        oscillating: draws.iter().map(|d| d.oscillating).sum(),
        drifting: draws.iter().map(|d| d.drifting).sum(),
        floodlight,
    }
}
