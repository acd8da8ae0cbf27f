//! The result of a power analysis ("Plan sample size"): the JSON the CLI
//! writes with `plsweb power --format json`. Method: [`super::power`].

use super::named::Named;
use super::result::Num;
use super::settings::{Settings, Tails};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerResult {
    pub program: String,
    pub version: String,
    /// The estimation and test settings of every replication (`bootstrap`
    /// = resamples per replication, `seed` = the power analysis's seed).
    pub settings: Settings,
    pub model_syntax: String,
    /// Rows of the data the population was estimated from.
    pub n_data: usize,
    pub power: PowerInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerInfo {
    /// Sample sizes simulated, ascending.
    pub grid: Vec<usize>,
    /// Replications per sample size.
    pub replications: usize,
    /// Bootstrap resamples per replication.
    pub resamples: usize,
    pub seed: u64,
    /// Indicators generated on the data's Likert categories.
    pub likert: bool,
    pub target_power: f64,
    pub population: PopulationInfo,
    /// Per path and specific indirect effect: its power curve.
    pub effects: Vec<PowerCurve>,
    /// Per sample size: replications whose estimation failed (counted as
    /// not significant), by reason.
    pub failures: Vec<GridFailures>,
    pub kock_hadaya: KockHadaya,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PopulationInfo {
    /// Paths set by the user ("FROM -> TO = value"); the others are the
    /// estimate's standardized paths.
    pub user_paths: Vec<String>,
    /// R² of each endogenous construct in the population.
    pub r_squared: Named<f64>,
    /// The population's moments are exact (no interaction of a construct
    /// downstream of an interaction term); otherwise normal-theory.
    pub exact_moments: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectKind {
    Path,
    Interaction,
    Indirect,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerCurve {
    pub kind: EffectKind,
    /// [from, mediators…, to]
    pub path: Vec<String>,
    /// The population's standardized value.
    pub population: f64,
    pub points: Vec<PowerPoint>,
    pub n_at_target: TargetN,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerPoint {
    pub n: usize,
    /// Significant replications / all replications.
    pub power: f64,
    /// Monte-Carlo standard error √(power (1 − power) / R).
    pub mc_se: f64,
    pub significant: usize,
    /// Mean estimate over the replications that estimated.
    pub mean_estimate: Num,
}

/// The sample size at which the power curve reaches the target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TargetN {
    /// Reached at the smallest sample size simulated already.
    AtOrBelow { n: usize },
    /// Linearly interpolated between the two grid points around it.
    Interpolated { n: f64 },
    /// Not reached up to the largest sample size simulated.
    AboveGrid { largest: usize },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridFailures {
    pub n: usize,
    pub failed: usize,
    pub reasons: Named<usize>,
}

/// Kock & Hadaya's (2018) inverse square-root method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KockHadaya {
    pub alpha: f64,
    pub tails: Tails,
    pub power: f64,
    /// z_{1−α} (one-tailed) or z_{1−α/2} (two-tailed).
    pub z_alpha: f64,
    pub z_power: f64,
    pub paths: Vec<MinimumRow>,
    /// The weakest path's row: the model's minimum sample size.
    pub minimum: Option<MinimumRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinimumRow {
    pub from: String,
    pub to: String,
    pub beta: f64,
    /// Null for a zero path.
    pub n_min: Option<usize>,
}
