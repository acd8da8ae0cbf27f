//! Every setting that makes two PLS-SEM tools disagree, named once.
//!
//! A result carries the [`Settings`] that produced it. Presets bundle them:
//! [`Settings::smartpls`] (the default) and [`Settings::seminr`].

use crate::data::MissingPolicy;
use serde::{Deserialize, Serialize};

/// The name a setting's value has in the result JSON (`"two_stage"`,
/// `"student_t"`).
pub fn json_name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// Inner weighting scheme (Lohmöller 1989).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// Regression weights for predecessors, correlations for successors.
    #[default]
    Path,
    /// Correlations with every adjacent construct.
    Factorial,
    /// Signs of the correlations with every adjacent construct.
    Centroid,
}

/// How the interaction term of a moderation is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Moderation {
    /// Product of the stage-1 construct scores as a single indicator
    /// (Chin, Marcolin & Newsted 2003; Henseler & Chin 2010).
    #[default]
    TwoStage,
    /// All pairwise products of the standardized indicators (Chin et al. 2003).
    ProductIndicator,
    /// Product indicators residualized on all indicators of both constructs
    /// (Little, Bovaird & Widaman 2006).
    Orthogonal,
}

/// How a higher-order construct (HOC) is estimated (Becker, Klein &
/// Wetzels 2012; Sarstedt et al. 2019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum HocMethod {
    /// Stage 1: the repeated-indicators model; stage 2: the HOC measured by
    /// its dimensions' stage-1 scores (the Primer's recommendation).
    #[default]
    TwoStageEmbedded,
    /// Stage 1: the dimensions in the HOC's place, linked to its
    /// antecedents and outcomes; stage 2 as above (seminr's `two_stage`).
    TwoStageDisjoint,
    /// One stage: the HOC measured by all its dimensions' indicators, with
    /// paths HOC → dimension (Mode A) or dimension → HOC (Mode B).
    Repeated,
}

/// How the interaction construct's scores are scaled after estimation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum InteractionScaling {
    /// Unit variance like every other construct (SmartPLS, cSEM, plspm).
    #[default]
    Standardized,
    /// seminr: scores multiplied by the loading-weighted mean SD of the raw
    /// product indicators (Henseler & Chin 2010); the reported interaction
    /// path is then not a standardized coefficient.
    Rescaled,
}

/// Where missing values are replaced when bootstrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum BootstrapMissing {
    /// Replace (or delete) once on the full sample, then resample (SmartPLS).
    #[default]
    Once,
    /// Resample the raw rows, then replace with each resample's own means or
    /// delete within the resample (seminr re-runs its missing-value handling).
    PerResample,
}

/// How two-tailed p-values are obtained from the bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum PValue {
    /// t = estimate / bootstrap SE against Student t with B − 1 df (SmartPLS).
    #[default]
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "t"))]
    StudentT,
    /// t against the standard normal.
    Normal,
    /// Share of resamples on the other side of zero, doubled (capped at 1).
    Empirical,
}

/// Bootstrap confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum CiMethod {
    /// Quantiles of the bootstrap distribution (R quantile type 7).
    #[default]
    Percentile,
    /// Bias-corrected and accelerated (Efron 1987); acceleration from the
    /// jackknife, so it costs n extra estimations.
    Bca,
}

/// What makes a path "significant" in the verdict column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    /// p < α (SmartPLS's verdict).
    #[default]
    PValue,
    /// The bootstrap confidence interval excludes zero.
    Interval,
}

/// One- or two-tailed tests. A one-tailed test at α takes the direction of
/// the estimate as the hypothesis: its p is half the two-tailed p (the share
/// of resamples on the other side of zero, for empirical p), and its interval
/// is the (1 − 2α) two-sided one, whose bound on the estimate's near side is
/// the one-sided bound at α (as SmartPLS reports its 5 % and 95 % quantiles
/// for a one-tailed test at α = 0.05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Tails {
    #[default]
    Two,
    One,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    #[default]
    Smartpls,
    Seminr,
    /// Settings changed one by one (not a command-line choice).
    #[cfg_attr(not(target_arch = "wasm32"), value(skip))]
    Custom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub preset: Preset,
    pub scheme: Scheme,
    /// Stop when Σ|w_new − w_old| over all outer weights is below this.
    pub tolerance: f64,
    pub max_iterations: usize,
    pub moderation: Moderation,
    pub interaction_scaling: InteractionScaling,
    /// Consistent PLS (Dijkstra & Henseler 2015) for every Mode A construct.
    pub consistent: bool,
    pub missing: MissingPolicy,
    pub bootstrap_missing: BootstrapMissing,
    /// Number of bootstrap resamples; 0 = no bootstrap.
    pub bootstrap: usize,
    pub seed: u64,
    /// Stop rule inside each resample; `None` = the same as the estimate
    /// (seminr always uses 1e-7 and 300 in its bootstrap).
    pub bootstrap_tolerance: Option<f64>,
    pub bootstrap_max_iterations: Option<usize>,
    /// Stop rule of the two-stage approach's first stage; `None` = the same
    /// as the estimate (seminr always uses 1e-7 and 300 there).
    pub stage1_tolerance: Option<f64>,
    pub stage1_max_iterations: Option<usize>,
    /// Leave out resamples that hit the iteration limit. Off by default:
    /// seminr and SmartPLS keep them; they are always counted and reported.
    pub drop_nonconverged: bool,
    /// Start each resample (and each PLSpredict training fold) from the
    /// full-sample weights instead of all ones.
    pub warm_start: bool,
    pub ci: CiMethod,
    /// Significance level for CIs and verdicts.
    pub alpha: f64,
    pub p_value: PValue,
    /// The verdict rule of the path table.
    pub significance: Significance,
    pub tails: Tails,
    /// Blindfolding omission distance D for Q²; 0 = skip.
    pub blindfold_distance: usize,
    /// HTMT with absolute correlations (seminr, SmartPLS) or signed (cSEM).
    pub htmt_absolute: bool,
    /// f² also for the main effects of an interaction (re-estimating without
    /// them while the interaction term stays, as SmartPLS does); seminr leaves
    /// them out.
    pub f2_main_effects: bool,
    /// Worker threads for the bootstrap (native); 0 = all cores.
    pub threads: usize,
    /// Mediation and conditional process statistics (`engine::mediation`):
    /// specific indirect effects with the type of mediation, conditional
    /// indirect effects with the index of moderated mediation, floodlight
    /// and Johnson–Neyman points, from the bootstrap's own resamples.
    /// Off by default; left out of the result's settings when off.
    #[serde(skip_serializing_if = "is_false")]
    pub mediation: bool,
    /// Moderator levels (SD units) of the conditional indirect effects
    /// besides −1, 0 and +1 SD.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub moderator_levels: Vec<f64>,
    /// How higher-order constructs are estimated; `None` = two-stage
    /// embedded. A result names it only when its model has a higher-order
    /// construct (so other results stay as they were).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hoc: Option<HocMethod>,
    /// Sign-reversed resamples: kept as they are, or corrected.
    #[serde(skip_serializing_if = "SignChange::is_none")]
    pub sign_change: SignChange,
    /// PLSpredict (k-fold cross-validated prediction); `predict.folds` 0 =
    /// off. Recorded in the result only when on.
    #[serde(skip_serializing_if = "crate::engine::predict::PredictSettings::is_off")]
    pub predict: crate::engine::predict::PredictSettings,
    /// CVPAT from the PLSpredict run's out-of-sample errors.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cvpat: bool,
    /// What blindfolding predicts an omitted point from: the construct's
    /// predecessors (cross-validated redundancy, the default) or its own
    /// round scores (cross-validated communality). Recorded only when not
    /// the default.
    #[serde(skip_serializing_if = "Q2Kind::is_redundancy")]
    pub q2: Q2Kind,
}

/// Which Q² blindfolding reports (Hair et al. 2017, ch. 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Q2Kind {
    /// Cross-validated redundancy: λ · Σβ·ξ from the predecessors' scores.
    #[default]
    Redundancy,
    /// Cross-validated communality: λ · ξ from the construct's own round
    /// score.
    Communality,
}

impl Q2Kind {
    pub fn is_redundancy(&self) -> bool {
        *self == Q2Kind::Redundancy
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Default for Settings {
    fn default() -> Self {
        Settings::smartpls()
    }
}

impl Settings {
    /// SmartPLS-like defaults (DESIGN.md §3).
    pub fn smartpls() -> Self {
        Settings {
            preset: Preset::Smartpls,
            scheme: Scheme::Path,
            tolerance: 1e-7,
            max_iterations: 3000,
            moderation: Moderation::TwoStage,
            interaction_scaling: InteractionScaling::Standardized,
            consistent: false,
            missing: MissingPolicy::MeanReplacement,
            bootstrap_missing: BootstrapMissing::Once,
            bootstrap: 5000,
            seed: 1,
            bootstrap_tolerance: None,
            bootstrap_max_iterations: None,
            stage1_tolerance: None,
            stage1_max_iterations: None,
            drop_nonconverged: false,
            warm_start: true,
            ci: CiMethod::Percentile,
            alpha: 0.05,
            p_value: PValue::StudentT,
            significance: Significance::PValue,
            tails: Tails::Two,
            blindfold_distance: 7,
            htmt_absolute: true,
            f2_main_effects: true,
            threads: 0,
            predict: crate::engine::predict::PredictSettings { folds: 0, ..crate::engine::predict::PredictSettings::smartpls() },
            cvpat: false,
            q2: Q2Kind::Redundancy,
            sign_change: SignChange::None,
            hoc: None,
            mediation: false,
            moderator_levels: Vec::new(),
        }
    }

    /// R seminr 2.x conventions (see reference/seminr-2.5/README.md).
    pub fn seminr() -> Self {
        Settings {
            preset: Preset::Seminr,
            max_iterations: 300,
            moderation: Moderation::ProductIndicator,
            interaction_scaling: InteractionScaling::Rescaled,
            bootstrap_missing: BootstrapMissing::PerResample,
            bootstrap: 500,
            seed: 123,
            bootstrap_tolerance: Some(1e-7),
            bootstrap_max_iterations: Some(300),
            stage1_tolerance: Some(1e-7),
            stage1_max_iterations: Some(300),
            warm_start: false,
            // seminr 2.5's summary reports the empirical two-tailed p
            p_value: PValue::Empirical,
            f2_main_effects: false,
            predict: crate::engine::predict::PredictSettings { folds: 0, ..crate::engine::predict::PredictSettings::seminr() },
            // seminr's two-stage HOC puts the dimensions in the HOC's place
            hoc: Some(HocMethod::TwoStageDisjoint),
            ..Settings::smartpls()
        }
    }

    /// The higher-order method in effect (unset: two-stage embedded).
    pub fn hoc_method(&self) -> HocMethod {
        self.hoc.unwrap_or_default()
    }

    /// A preset's settings (`Custom` starts from the default).
    pub fn preset(p: Preset) -> Self {
        match p {
            Preset::Smartpls | Preset::Custom => Settings::smartpls(),
            Preset::Seminr => Settings::seminr(),
        }
    }
}

/// What to do with bootstrap resamples in which a construct came out
/// sign-reversed relative to the full sample (see [`crate::engine::sign`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SignChange {
    /// Keep every resample as estimated (SmartPLS, seminr). Reversals are
    /// still detected and reported.
    #[default]
    None,
    /// Each bootstrap statistic takes the sign of its full-sample estimate
    /// (cSEM's `individual`).
    Individual,
    /// A reversed construct's weights, loadings and scores are negated and
    /// its paths re-estimated, interaction terms following their
    /// constructs (Tenenhaus et al. 2005; cSEM's `construct_reestimate`).
    Construct,
}

impl SignChange {
    /// No correction (the setting is then left out of the result's JSON, so
    /// results without it read as before).
    pub fn is_none(&self) -> bool {
        *self == SignChange::None
    }
}
