//! The foreman: one analysis, step by step, as a method section reads —
//! read the data → handle missing values → estimate → evaluate → verify →
//! blindfold → bootstrap → predict (PLSpredict, CVPAT) → assemble the result.
//!
//! [`run`] does it all from a file's bytes and the model text (syntax or
//! JSON), as the command line and the tests call it. [`Analysis`] holds a
//! prepared analysis so that a pool of Web Workers can share its bootstrap:
//! each runs [`Analysis::draws`] on a range of resamples, one of them
//! [`Analysis::finish`] on all the draws.

use crate::assemble;
use crate::data::{read_bytes, Dataset, ReadInfo, ReadOptions};
use crate::engine::{blindfold, hoc};
use crate::engine::bootstrap::{run_draws, BootData, Catalog, Draws, Resamples, SLOPE_LEVELS};
use crate::engine::mediation::{Mediation, Options as MediationOptions};
use crate::engine::estimate::{estimate, Design, EstOptions, Estimate, Purpose};
use crate::engine::evaluate::evaluate;
use crate::engine::predict::{cvpat, CvpatRow, Orders, Plan, PredictError, PredictResult, RepetitionSums};
use crate::engine::result::AnalysisResult;
use crate::engine::verify::verify;
use crate::engine::{bootstrap_outcome, explain, model_data, ModelData, Settings, Stage};
use crate::error::{Error, Result, SettingsError, Warning, WarningKind};
use crate::model::{self, ValidModel};
use nalgebra::DMatrix;

/// Everything fixed for one analysis; cheap to share across threads.
pub struct Analysis {
    pub settings: Settings,
    pub design: Design,
    /// The data: complete (after the missing-value policy), n × observed,
    /// and what resamples are drawn from.
    pub boot: BootData,
    pub full: Estimate,
    pub catalog: Catalog,
    /// The full sample's value of every catalogued statistic.
    pub original: Vec<f64>,
    /// The result without bootstrap inference.
    pub point: AnalysisResult,
}

impl Analysis {
    /// Estimate → evaluate → verify → blindfold, and the point result.
    pub fn new(data: ModelData, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
        let ModelData { design, x, raw, missing, with_missing } = data;
        stage(Stage::Estimating);
        let full = estimate(&x, &design, &EstOptions::new(settings, Purpose::Full)).map_err(|e| explain(&design, &e))?;
        let evaluation = evaluate(&design, &full, &x, settings);
        let admissibility = verify(&design, &full);
        // blindfolding sees the data's own missing cells as missing
        let blindfolded = (settings.blindfold_distance >= 2).then(|| {
            stage(Stage::Blindfolding);
            let data = with_missing.as_ref().unwrap_or(&x);
            blindfold::blindfold(data, &design, &EstOptions::new(settings, Purpose::Full), settings.blindfold_distance, settings.q2)
        });
        let mut catalog = Catalog::new(&design).with_reference(&full);
        if settings.mediation {
            catalog.mediation = mediation_statistics(&x, &design, settings);
        }
        let original = catalog.extract(&design, &full, settings.htmt_absolute);
        let point = assemble::point(&assemble::Point {
            design: &design,
            estimate: &full,
            evaluation: &evaluation,
            admissibility: &admissibility,
            blindfold: blindfolded.as_deref(),
            catalog: &catalog,
            settings,
            missing: Some(missing),
        });
        let mut point = point;
        // higher-order constructs in two stages: the first stage as estimated
        let first_stage = design.hoc.as_ref().and_then(|h| hoc::first_stage(&x, h, &EstOptions::new(settings, Purpose::Full)).ok());
        point.hoc = assemble::hoc_info(&design, settings, first_stage.as_ref());
        let boot = BootData::new(x, raw, settings);
        Ok(Analysis { settings: settings.clone(), design, boot, full, catalog, original, point })
    }

    /// Complete data (after the missing-value policy), n × observed.
    pub fn x(&self) -> &DMatrix<f64> {
        &self.boot.x
    }

    /// Construct scores of the full sample (n × nodes, unit variance before
    /// any rescaling), from the same estimation repeated: the analysis does
    /// not keep the standardized data.
    pub fn scores(&self) -> DMatrix<f64> {
        let opts = EstOptions { keep_data: true, ..EstOptions::new(&self.settings, Purpose::Full) };
        let est = estimate(self.x(), &self.design, &opts).expect("the same estimation succeeded in prepare");
        est.scores(&self.design).expect("data kept")
    }

    /// Run bootstrap resamples (see [`run_draws`]).
    pub fn draws(&self, which: Resamples, threads: usize, progress: &(dyn Fn(usize) -> bool + Sync)) -> Option<Draws> {
        run_draws(&self.boot, &self.design, &self.catalog, &self.settings, Some(&self.full.weights), which, threads, progress)
    }

    /// The point result plus bootstrap inference from the given draws.
    pub fn finish(&self, draws: &[Draws]) -> AnalysisResult {
        let outcome = bootstrap_outcome(self.x(), &self.design, &self.catalog, &self.original, draws, &self.settings);
        assemble::with_bootstrap(&self.point, &self.design, &self.catalog, &outcome, &self.settings)
    }
}

/// The mediation statistics the bootstrap records besides its own
/// (`Settings::mediation`): routes, conditional indirect effects at −1, 0,
/// +1 SD and the user's moderator levels, floodlight grids over the full
/// sample's moderator scores; `None` when the model has no route and no
/// interaction.
fn mediation_statistics(x: &DMatrix<f64>, design: &Design, settings: &Settings) -> Option<Mediation> {
    let opts = EstOptions { keep_data: true, ..EstOptions::new(settings, Purpose::Full) };
    let scores = estimate(x, design, &opts).ok()?.scores(design)?;
    let mut levels = SLOPE_LEVELS.to_vec();
    for &l in &settings.moderator_levels {
        if l.is_finite() && !levels.contains(&l) {
            levels.push(l);
        }
    }
    let m = Mediation::new(design, &scores, &MediationOptions { levels, ..MediationOptions::default() });
    (!m.is_empty()).then_some(m)
}

/// Prepare an analysis of a dataset.
pub fn prepare(ds: &Dataset, model: &ValidModel, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
    Analysis::new(model_data(ds, model, settings)?, settings, stage)
}

/// [`prepare`] that frees the dataset as soon as the model's columns are
/// copied out of it, before estimating (a Web Worker's memory never
/// shrinks, so its peak is what it costs).
pub fn prepare_owned(ds: Dataset, model: &ValidModel, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
    let data = model_data(&ds, model, settings)?;
    drop(ds);
    Analysis::new(data, settings, stage)
}

/// Read a file's bytes, parse and check the model (syntax or JSON) against
/// its columns, and prepare the analysis. The bytes are freed once read and
/// the dataset once the analysis holds the model's columns.
pub fn prepare_bytes<B: AsRef<[u8]>>(bytes: B, options: &ReadOptions, model_text: &str, settings: &Settings, stage: &dyn Fn(Stage)) -> Result<Analysis> {
    let (ds, info) = read_bytes(bytes.as_ref(), options)?;
    drop(bytes);
    let model = model_for(model_text, &ds, &info)?;
    // values of the model's indicators that look like missing-value codes
    // (−99 beside 1–5) and were analysed as answers
    let suspect = if options.codes_are_answers {
        Vec::new()
    } else {
        let used = model.indicator_columns();
        crate::data::suspect::suspect_codes_among(&ds, |n| used.contains(&n))
    };
    let mut a = prepare_owned(ds, &model, settings, stage)?;
    if !suspect.is_empty() {
        let codes = suspect.into_iter().map(|c| (c.value, c.count, c.columns)).collect();
        a.point.warnings.push(Warning::new(WarningKind::SuspectCodes { codes }));
    }
    if !info.blank_rows.is_empty() {
        a.point.warnings.push(Warning::new(WarningKind::BlankRows { rows: info.blank_rows }));
    }
    Ok(a)
}

/// Parse the model (syntax or JSON) and check it against the columns read.
/// A model that uses a text column as an indicator gets that column's
/// first cell that is not a number as its error, where it is in the file.
pub fn model_for(model_text: &str, ds: &Dataset, info: &ReadInfo) -> Result<ValidModel> {
    validate_read(&model::from_text(model_text)?, ds, info)
}

/// [`model_for`] of a parsed model.
pub fn validate_read(raw: &model::RawModel, ds: &Dataset, info: &ReadInfo) -> Result<ValidModel> {
    let is_construct = |i: &str| raw.constructs.iter().any(|c| c.name == i);
    let items = raw.constructs.iter().flat_map(|c| &c.indicators).map(String::as_str).filter(|i| !is_construct(i));
    if let Some(e) = info.text_in(items) {
        return Err(e);
    }
    model::validate(raw, &ds.names)
}

/// Threads for a setting of 0 (all cores) or more.
pub fn threads(settings: &Settings) -> usize {
    if settings.threads == 0 {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    } else {
        settings.threads
    }
}

/// Bootstrap a prepared analysis (all its resamples, or the given ones)
/// and finish it; without resamples, the point result.
pub fn bootstrap(a: &Analysis, replay: Option<&[Vec<usize>]>, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<AnalysisResult> {
    Ok(bootstrap_keeping(a, replay, progress)?.0)
}

/// [`bootstrap`], with the draws it combined (none without resamples).
pub fn bootstrap_keeping(a: &Analysis, replay: Option<&[Vec<usize>]>, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<(AnalysisResult, Option<Draws>)> {
    let which = match replay {
        Some(indices) => Resamples::Replay { indices, start: 0 },
        None if a.settings.bootstrap == 0 => return Ok((a.point.clone(), None)),
        None => Resamples::Seeded { seed: a.settings.seed, range: 0..a.settings.bootstrap },
    };
    let total = match &which {
        Resamples::Replay { indices, .. } => indices.len(),
        Resamples::Seeded { range, .. } => range.len(),
    };
    let draws = a.draws(which, threads(&a.settings), &|done| progress(Stage::Bootstrapping { done, total })).ok_or_else(Error::cancelled)?;
    let result = a.finish(std::slice::from_ref(&draws));
    Ok((result, Some(draws)))
}

/// The whole analysis of a dataset, bootstrap included (all cores natively).
pub fn analyze(ds: &Dataset, model: &ValidModel, settings: &Settings, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<AnalysisResult> {
    let a = prepare(ds, model, settings, &|s| {
        progress(s);
    })?;
    let mut res = bootstrap(&a, None, progress)?;
    add_predict(&a, &mut res, None, threads(&a.settings), progress)?;
    Ok(res)
}

/// The whole analysis from a file's bytes and the model text.
pub fn run(bytes: &[u8], options: &ReadOptions, model_text: &str, settings: &Settings, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<AnalysisResult> {
    let a = prepare_bytes(bytes, options, model_text, settings, &|s| {
        progress(s);
    })?;
    let mut res = bootstrap(&a, None, progress)?;
    add_predict(&a, &mut res, None, threads(&a.settings), progress)?;
    Ok(res)
}

/// A PLSpredict run and its CVPAT rows (when asked for).
pub type Predictive = (PredictResult, Option<Vec<CvpatRow>>);

/// The estimation options of PLSpredict's training folds: the analysis's
/// own, each fold started from the full sample's weights when resamples are
/// (the `warm_start` setting) — the same fixed point in fewer iterations.
pub fn predict_options(a: &Analysis) -> EstOptions<'_> {
    EstOptions { start: a.settings.warm_start.then_some(&a.full.weights[..]), ..EstOptions::new(&a.settings, Purpose::Full) }
}

/// `f` on the PLSpredict plan of a prepared analysis: the same data and
/// estimation options as the estimate; the row orders of the repetitions
/// are `orders` (0-based) when given, else seeded shuffles.
fn with_plan<T>(a: &Analysis, orders: Option<&[Vec<usize>]>, f: impl FnOnce(&Plan) -> T) -> Result<T> {
    let opts = predict_options(a);
    let which = match orders {
        Some(o) => Orders::Replay(o),
        None => Orders::Seeded,
    };
    // under pairwise deletion the prediction's data are mean-replaced: a
    // holdout case needs every indicator to be scored and predicted
    let filled = crate::engine::pairwise::has_missing(a.x()).then(|| mean_filled(a.x()));
    let x = filled.as_ref().unwrap_or(a.x());
    let plan = Plan::new(x, &a.design, &opts, &a.settings.predict, which).map_err(|e| match e {
        PredictError::Folds { folds, n } => Error::from(SettingsError::PredictFolds { folds, n }),
        PredictError::NotAPermutation { order, n } => SettingsError::PredictOrder { line: order + 1, n }.into(),
        PredictError::NoRepetitions => SettingsError::PredictRepetitions.into(),
        PredictError::Consistent => SettingsError::PredictConsistent.into(),
        PredictError::HigherOrder => SettingsError::PredictHigherOrder.into(),
        PredictError::Columns { .. } => unreachable!("the analysis's own data"),
        PredictError::Estimate(e) => explain(&a.design, &e),
    })?;
    Ok(f(&plan))
}

/// PLSpredict of a prepared analysis when its settings ask for it (folds ≥
/// 2), on the same data and estimation options as the estimate; the row
/// orders of the repetitions are `orders` (0-based) when given, else seeded
/// shuffles. `progress` sees [`Stage::Predicting`] after each training
/// fold; returning false cancels.
pub fn predictive(a: &Analysis, orders: Option<&[Vec<usize>]>, threads: usize, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<Option<Predictive>> {
    predictive_with(a, orders, threads, Vec::new(), progress)
}

/// [`predictive`] with the repetitions already computed elsewhere (other
/// workers, [`predict_repetition`]): only the others are run here. The
/// result is the same bit for bit however the repetitions were dealt out.
pub fn predictive_with(a: &Analysis, orders: Option<&[Vec<usize>]>, threads: usize, done: Vec<RepetitionSums>, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<Option<Predictive>> {
    if a.settings.predict.is_off() {
        return Ok(None);
    }
    let res = with_plan(a, orders, |plan| {
        let reps = plan.repetition_count();
        // one of each repetition of this run
        let mut have = vec![false; reps];
        let mut all: Vec<RepetitionSums> = done.into_iter().filter(|r| r.repetition < reps && !std::mem::replace(&mut have[r.repetition], true)).collect();
        let missing: Vec<usize> = (0..reps).filter(|&r| !have[r]).collect();
        let total = missing.len() * plan.folds();
        // runs of consecutive missing repetitions, each on all threads
        let mut base = 0;
        for run in missing.chunk_by(|a, b| b == &(a + 1)) {
            all.extend(plan.repetitions(run[0]..run[run.len() - 1] + 1, threads, &|d| progress(Stage::Predicting { done: base + d, total }))?);
            base += run.len() * plan.folds();
        }
        Some(plan.finish(all))
    })?;
    let res = res.ok_or_else(Error::cancelled)?;
    let cv = a.settings.cvpat.then(|| cvpat(&res));
    Ok(Some((res, cv)))
}

/// One repetition of the analysis's PLSpredict (seeded orders), summed by
/// row: a worker's share of the run ([`predictive_with`] combines them).
pub fn predict_repetition(a: &Analysis, repetition: usize) -> Result<RepetitionSums> {
    let sums = with_plan(a, None, |plan| {
        (repetition < plan.repetition_count()).then(|| plan.repetitions(repetition..repetition + 1, 1, &|_| true).expect("not cancelled").remove(0))
    })?;
    sums.ok_or_else(|| SettingsError::PredictOrder { line: repetition + 1, n: a.x().nrows() }.into())
}

/// Each missing cell replaced by its column's mean of the observed cells.
fn mean_filled(x: &DMatrix<f64>) -> DMatrix<f64> {
    let mut f = x.clone();
    let n = f.nrows();
    for col in f.as_mut_slice().chunks_exact_mut(n.max(1)) {
        let (m, _, _) = crate::engine::pairwise::available_mean_sd(col);
        col.iter_mut().filter(|v| v.is_nan()).for_each(|v| *v = m);
    }
    f
}

/// [`predictive`] added to a result (nothing when it is off).
pub fn add_predict(a: &Analysis, res: &mut AnalysisResult, orders: Option<&[Vec<usize>]>, threads: usize, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<()> {
    add_predict_with(a, res, orders, threads, Vec::new(), progress)
}

/// [`predictive_with`] added to a result (nothing when it is off).
pub fn add_predict_with(a: &Analysis, res: &mut AnalysisResult, orders: Option<&[Vec<usize>]>, threads: usize, done: Vec<RepetitionSums>, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<()> {
    if let Some((p, cv)) = predictive_with(a, orders, threads, done, progress)? {
        assemble::with_predict(res, &a.design, &p, cv.as_deref());
    }
    Ok(())
}
