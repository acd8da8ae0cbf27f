//! The foreman: one analysis, step by step, as a method section reads —
//! read the data → handle missing values → estimate → evaluate → verify →
//! blindfold → bootstrap → assemble the result.
//!
//! [`run`] does it all from a file's bytes and the model text (syntax or
//! JSON), as the command line and the tests call it. [`Analysis`] holds a
//! prepared analysis so that a pool of Web Workers can share its bootstrap:
//! each runs [`Analysis::draws`] on a range of resamples, one of them
//! [`Analysis::finish`] on all the draws.

use crate::assemble;
use crate::data::{read_bytes, Dataset, ReadOptions};
use crate::engine::blindfold;
use crate::engine::bootstrap::{run_draws, BootData, Catalog, Draws, Resamples, SLOPE_LEVELS};
use crate::engine::mediation::{Mediation, Options as MediationOptions};
use crate::engine::estimate::{estimate, Design, EstOptions, Estimate, Purpose};
use crate::engine::evaluate::evaluate;
use crate::engine::result::AnalysisResult;
use crate::engine::verify::verify;
use crate::engine::{bootstrap_outcome, explain, model_data, ModelData, Settings, Stage};
use crate::error::{Error, Result};
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
        let ModelData { design, x, raw, missing } = data;
        stage(Stage::Estimating);
        let full = estimate(&x, &design, &EstOptions::new(settings, Purpose::Full)).map_err(|e| explain(&design, &e))?;
        let evaluation = evaluate(&design, &full, &x, settings);
        let admissibility = verify(&design, &full);
        let q2 = (settings.blindfold_distance >= 2).then(|| {
            stage(Stage::Blindfolding);
            blindfold::q2(&x, &design, &EstOptions::new(settings, Purpose::Full), settings.blindfold_distance)
        });
        let mut catalog = Catalog::new(&design);
        if settings.mediation {
            catalog.mediation = mediation_statistics(&x, &design, settings);
        }
        let original = catalog.extract(&design, &full, settings.htmt_absolute);
        let point = assemble::point(&assemble::Point {
            design: &design,
            estimate: &full,
            evaluation: &evaluation,
            admissibility: &admissibility,
            q2: q2.as_deref(),
            catalog: &catalog,
            settings,
            missing: Some(missing),
        });
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
    let (ds, _) = read_bytes(bytes.as_ref(), options)?;
    drop(bytes);
    let model = model::validate(&model::from_text(model_text)?, &ds.names)?;
    prepare_owned(ds, &model, settings, stage)
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
    let which = match replay {
        Some(indices) => Resamples::Replay { indices, start: 0 },
        None if a.settings.bootstrap == 0 => return Ok(a.point.clone()),
        None => Resamples::Seeded { seed: a.settings.seed, range: 0..a.settings.bootstrap },
    };
    let total = match &which {
        Resamples::Replay { indices, .. } => indices.len(),
        Resamples::Seeded { range, .. } => range.len(),
    };
    let draws = a.draws(which, threads(&a.settings), &|done| progress(Stage::Bootstrapping { done, total })).ok_or_else(Error::cancelled)?;
    Ok(a.finish(&[draws]))
}

/// The whole analysis of a dataset, bootstrap included (all cores natively).
pub fn analyze(ds: &Dataset, model: &ValidModel, settings: &Settings, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<AnalysisResult> {
    let a = prepare(ds, model, settings, &|s| {
        progress(s);
    })?;
    bootstrap(&a, None, progress)
}

/// The whole analysis from a file's bytes and the model text.
pub fn run(bytes: &[u8], options: &ReadOptions, model_text: &str, settings: &Settings, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<AnalysisResult> {
    let a = prepare_bytes(bytes, options, model_text, settings, &|s| {
        progress(s);
    })?;
    bootstrap(&a, None, progress)
}
