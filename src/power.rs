//! Plan the sample size of a study: the foreman of a power analysis, from
//! a data set and its model to a [`PowerResult`] with names.
//!
//! Estimate the model → build its population ([`Population`]: the
//! estimate's standardized paths, or the user's) → simulate R replications
//! at every sample size of the grid, each estimated, bootstrapped and
//! tested as the analysis would ([`simulate`]) → power curves with their
//! Monte-Carlo SE and the n at the target power → Kock & Hadaya's
//! inverse square-root minimum sample sizes.
//!
//! [`plan`] is pure and seeded: the web page can call it in a Web Worker
//! with one thread, or give each of its workers part of the grid (same
//! request otherwise) and [`merge`] their results, which equals one run
//! on the whole grid, as the bootstrap splits its resamples.

use crate::data::{read_bytes, Dataset, ReadOptions};
use crate::engine::estimate::{estimate, Design, EstOptions, Purpose};
use crate::engine::named::Named;
use crate::engine::power::{catalog, effects, min_sample_size, reached, simulate, z_values, Effect, Plan, Population, PowerError, Reached, Replication};
use crate::engine::result::num;
use crate::engine::result_power::*;
use crate::engine::{count, explain, model_data, ModelData, Settings, Stage, VERSION};
use crate::error::{Error, ResampleFailure, Result, SettingsError};
use crate::lang::Lang;
use crate::model::ValidModel;

/// The smallest sample size a power analysis simulates.
pub const MIN_N: usize = 10;

/// What to simulate, besides the analysis's settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PowerRequest {
    /// Sample sizes (any order; simulated ascending, each once).
    pub grid: Vec<usize>,
    pub replications: usize,
    /// Bootstrap resamples per replication.
    pub resamples: usize,
    pub likert: bool,
    pub target_power: f64,
    /// Population paths set by the user: "FROM -> TO = value".
    pub paths: Vec<String>,
}

impl Default for PowerRequest {
    fn default() -> Self {
        PowerRequest { grid: vec![40, 60, 80, 100, 150, 200], replications: 500, resamples: 500, likert: false, target_power: 0.8, paths: Vec::new() }
    }
}

fn check(req: &PowerRequest) -> Result<Vec<usize>> {
    let mut grid = req.grid.clone();
    grid.sort_unstable();
    grid.dedup();
    if let Some(&n) = grid.first().filter(|&&n| n < MIN_N) {
        return Err(SettingsError::PowerSampleSize { n, minimum: MIN_N }.into());
    }
    if grid.is_empty() {
        return Err(SettingsError::PowerSampleSize { n: 0, minimum: MIN_N }.into());
    }
    if req.replications == 0 {
        return Err(SettingsError::PowerReplications.into());
    }
    if req.resamples < 2 {
        return Err(SettingsError::PowerResamples.into());
    }
    if !(req.target_power > 0.0 && req.target_power < 1.0) {
        return Err(SettingsError::PowerTarget.into());
    }
    Ok(grid)
}

/// A population path "FROM -> TO = value" of the model (an interaction as
/// `A*B` or `A:B`; a decimal comma is accepted).
pub fn parse_path(design: &Design, text: &str) -> Result<((usize, usize), f64)> {
    let bad = || Error::from(SettingsError::PowerPath { text: text.to_string() });
    let (edge, value) = text.rsplit_once('=').ok_or_else(bad)?;
    let (from, to) = edge.split_once("->").ok_or_else(bad)?;
    let value: f64 = value.trim().replace(',', ".").parse().map_err(|_| bad())?;
    let node = |s: &str| design.model.node_index(&s.trim().replace(':', "*"));
    let path = (node(from).ok_or_else(bad)?, node(to).ok_or_else(bad)?);
    if !design.structure.paths.contains(&path) || !value.is_finite() {
        return Err(bad());
    }
    Ok((path, value))
}

fn population_error(design: &Design, e: PowerError) -> Error {
    match e {
        PowerError::HigherOrder => SettingsError::PowerHigherOrder.into(),
        PowerError::Exogenous => SettingsError::PowerExogenous.into(),
        PowerError::Unexplained(j, r2) => SettingsError::PowerUnexplained { construct: design.node_name(j).to_string(), r2 }.into(),
    }
}

/// The power analysis of a dataset's model (see the module documentation).
/// `progress` sees [`Stage::Power`] after each replication; returning
/// false cancels.
pub fn plan(ds: &Dataset, model: &ValidModel, settings: &Settings, req: &PowerRequest, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<PowerResult> {
    let grid = check(req)?;
    progress(Stage::Estimating);
    let (data, pop) = population(ds, model, settings, req)?;
    let design = &data.design;
    let settings = Settings { bootstrap: req.resamples, ..settings.clone() };
    let plan = Plan { grid: grid.clone(), replications: req.replications, seed: settings.seed };
    let total = grid.len() * req.replications;
    let runs = simulate(&pop, design, &settings, &plan, crate::pipeline::threads(&settings), &|done| progress(Stage::Power { done, total })).ok_or_else(Error::cancelled)?;
    let effects = effects(&catalog(design), &pop);
    let curves = effects.iter().enumerate().map(|(e, eff)| curve(design, eff, e, &grid, &runs, req.target_power)).collect();
    let r_squared = Named(design.structure.endogenous().map(|j| (design.node_name(j).to_string(), pop.r2[j])).collect());
    Ok(PowerResult {
        program: "plsweb".into(),
        version: VERSION.into(),
        model_syntax: model.to_raw().to_syntax(),
        n_data: data.x.nrows(),
        power: PowerInfo {
            failures: grid.iter().zip(&runs).map(|(&n, reps)| failures(n, reps)).collect(),
            kock_hadaya: kock_hadaya(design, &effects, &settings, req.target_power),
            grid,
            replications: req.replications,
            resamples: req.resamples,
            seed: settings.seed,
            likert: req.likert,
            target_power: req.target_power,
            population: PopulationInfo { user_paths: req.paths.clone(), r_squared, exact_moments: pop.exact_moments },
            effects: curves,
        },
        settings,
    })
}

/// The model's data and its population (the estimate's paths, or the
/// request's).
fn population(ds: &Dataset, model: &ValidModel, settings: &Settings, req: &PowerRequest) -> Result<(ModelData, Population)> {
    let data = model_data(ds, model, settings)?;
    let design = &data.design;
    let full = estimate(&data.x, design, &EstOptions::new(settings, Purpose::Full)).map_err(|e| explain(design, &e))?;
    let paths = req.paths.iter().map(|t| parse_path(design, t)).collect::<Result<Vec<_>>>()?;
    let pop = Population::new(design, &full, &data.x, req.likert, &paths).map_err(|e| population_error(design, e))?;
    Ok((data, pop))
}

/// Kock & Hadaya's minimum sample sizes alone, without simulating: one
/// estimate (the request's paths replace the estimate's; its grid,
/// replications and resamples are not used).
pub fn minimum_sample_sizes(ds: &Dataset, model: &ValidModel, settings: &Settings, req: &PowerRequest) -> Result<KockHadaya> {
    let (data, pop) = population(ds, model, settings, req)?;
    Ok(kock_hadaya(&data.design, &effects(&catalog(&data.design), &pop), settings, req.target_power))
}

/// [`plan`] from a file's bytes and the model text (syntax or JSON).
pub fn plan_bytes(bytes: &[u8], options: &ReadOptions, model_text: &str, settings: &Settings, req: &PowerRequest, progress: &(dyn Fn(Stage) -> bool + Sync)) -> Result<PowerResult> {
    let (ds, info) = read_bytes(bytes, options)?;
    let model = crate::pipeline::model_for(model_text, &ds, &info)?;
    plan(&ds, &model, settings, req, progress)
}

fn kind(design: &Design, e: &Effect) -> EffectKind {
    match e.nodes.as_slice() {
        [from, _] if design.is_interaction(*from) => EffectKind::Interaction,
        [_, _] => EffectKind::Path,
        _ => EffectKind::Indirect,
    }
}

/// Effect `e`'s power curve over the grid.
fn curve(design: &Design, eff: &Effect, e: usize, grid: &[usize], runs: &[Vec<std::result::Result<Replication, ResampleFailure>>], target: f64) -> PowerCurve {
    let points: Vec<PowerPoint> = grid
        .iter()
        .zip(runs)
        .map(|(&n, reps)| {
            let ok: Vec<&Replication> = reps.iter().filter_map(|r| r.as_ref().ok()).collect();
            let significant = ok.iter().filter(|r| r.significant[e]).count();
            let power = significant as f64 / reps.len() as f64;
            let mean = ok.iter().map(|r| r.estimates[e]).sum::<f64>() / ok.len() as f64;
            PowerPoint { n, power, mc_se: (power * (1.0 - power) / reps.len() as f64).sqrt(), significant, mean_estimate: num(mean) }
        })
        .collect();
    let n_at_target = target_n(grid, &points, target);
    PowerCurve { kind: kind(design, eff), path: eff.nodes.iter().map(|&j| design.node_name(j).to_string()).collect(), population: eff.population, points, n_at_target }
}

/// Where a curve's points (one per `grid` size) reach the target power.
fn target_n(grid: &[usize], points: &[PowerPoint], target: f64) -> TargetN {
    let powers: Vec<f64> = points.iter().map(|p| p.power).collect();
    match reached(grid, &powers, target) {
        Reached::AtFirst => TargetN::AtOrBelow { n: grid[0] },
        Reached::At(n) => TargetN::Interpolated { n },
        Reached::Above => TargetN::AboveGrid { largest: *grid.last().expect("a grid") },
    }
}

/// The results of one request run on disjoint parts of its grid (one part
/// per Web Worker, say) as one result, identical to a single run on the
/// whole grid: replication r at sample size n depends on (seed, n, r)
/// alone. `None` for no parts.
pub fn merge(parts: &[PowerResult]) -> Option<PowerResult> {
    let mut out = parts.first()?.clone();
    for p in &parts[1..] {
        out.power.grid.extend(&p.power.grid);
        out.power.failures.extend(p.power.failures.iter().cloned());
        for (a, b) in out.power.effects.iter_mut().zip(&p.power.effects) {
            a.points.extend(b.points.iter().cloned());
        }
    }
    let power = &mut out.power;
    power.grid.sort_unstable();
    power.failures.sort_by_key(|f| f.n);
    for c in &mut power.effects {
        c.points.sort_by_key(|p| p.n);
        c.n_at_target = target_n(&power.grid, &c.points, power.target_power);
    }
    Some(out)
}

fn failures(n: usize, reps: &[std::result::Result<Replication, ResampleFailure>]) -> GridFailures {
    let mut tally = Vec::new();
    for f in reps.iter().filter_map(|r| r.as_ref().err()) {
        count(&mut tally, f.clone());
    }
    let failed = tally.iter().map(|(_, c)| c).sum();
    GridFailures { n, failed, reasons: Named(tally.iter().map(|(f, c)| (crate::messages::resample_failure_text(f, Lang::En), *c)).collect()) }
}

/// The inverse square-root minimum sample size of every path, and the
/// weakest path's.
fn kock_hadaya(design: &Design, effects: &[Effect], settings: &Settings, power: f64) -> KockHadaya {
    let (z_alpha, z_power) = z_values(settings.alpha, settings.tails, power);
    let paths: Vec<MinimumRow> = effects
        .iter()
        .filter(|e| !e.is_indirect())
        .map(|e| MinimumRow {
            from: design.node_name(e.nodes[0]).to_string(),
            to: design.node_name(e.nodes[1]).to_string(),
            beta: e.population,
            n_min: min_sample_size(e.population, z_alpha, z_power),
        })
        .collect();
    let minimum = paths.iter().min_by(|a, b| a.beta.abs().total_cmp(&b.beta.abs())).cloned();
    KockHadaya { alpha: settings.alpha, tails: settings.tails, power, z_alpha, z_power, paths, minimum }
}
