//! The analysis result: the JSON the CLI writes and the web app downloads.
//! Keys are stable and documented in README.md ("JSON output").
//! Non-finite numbers are written as `null`.

use super::named::Named;
use super::settings::{CiMethod, PValue, Settings};
use crate::data::MissingReport;
pub use crate::error::{Warning, WarningKind};
pub use super::hoc_result::*;
use crate::model::{Mode, RawModel};
use serde::{Deserialize, Serialize};
pub use super::result_predict::{BlindfoldRow, CvpatInfo, PredictConstruct, PredictFigures, PredictIndicator, PredictInfo};

pub type Num = Option<f64>;

/// Map non-finite values to `None` (JSON null).
pub fn num(x: f64) -> Num {
    if x.is_finite() {
        Some(x)
    } else {
        None
    }
}

/// Bootstrap inference for one statistic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inference {
    pub estimate: Num,
    pub mean: Num,
    pub se: Num,
    pub t: Num,
    pub p: Num,
    pub ci_lower: Num,
    pub ci_upper: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathRow {
    pub from: String,
    pub to: String,
    /// "Original sample": the reported coefficient (standardized unless the
    /// interaction scaling is `rescaled`).
    pub estimate: Num,
    /// The fully standardized coefficient (equals `estimate` by default).
    pub estimate_standardized: Num,
    pub mean: Num,
    pub se: Num,
    pub t: Num,
    pub p: Num,
    pub ci_lower: Num,
    pub ci_upper: Num,
    /// Significant by the settings' rule (`significance`: p < α, or the
    /// interval excludes zero); null without bootstrap.
    pub significant: Option<bool>,
    /// The p-value and the confidence interval disagree about significance
    /// (null without bootstrap).
    #[serde(default)]
    pub p_ci_disagree: Option<bool>,
    /// f² with R²_excluded from re-estimating the model without this path
    /// (seminr, SmartPLS); null where the path belongs to an interaction's
    /// main effects (omitting it would break the interaction term).
    pub f2: Num,
    /// f² with R²_excluded from the same construct scores (cSEM).
    pub f2_same_scores: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffectRow {
    pub from: String,
    pub to: String,
    #[serde(flatten)]
    pub inference: Inference,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct R2 {
    pub r2: Num,
    pub r2_adj: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// Standardized Cronbach's α (from the item correlation matrix).
    pub alpha: Num,
    /// Dijkstra-Henseler ρ_A.
    pub rho_a: Num,
    /// Composite reliability ρ_C from the PLS loadings.
    pub rho_c: Num,
    /// Average variance extracted.
    pub ave: Num,
    /// ρ_C from the block's first principal component (plspm's DG rho).
    pub rho_c_pca: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vif {
    /// {construct: {indicator: VIF}}
    pub outer: Named<Named<Num>>,
    /// {dependent: {predictor: VIF}} (null for a single predictor)
    pub inner: Named<Named<Num>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlopeLine {
    /// Moderator level in SD units (−1, 0, +1).
    pub moderator_level: f64,
    /// Simple slope of the dependent on the independent construct.
    pub slope: Num,
    /// Intercept of the line (β_moderator × level).
    pub intercept: Num,
    #[serde(flatten)]
    pub inference: Inference,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimpleSlopes {
    pub interaction: String,
    pub iv: String,
    pub moderator: String,
    pub dv: String,
    /// Standardized coefficients used for the lines.
    pub beta_iv: Num,
    pub beta_moderator: Num,
    pub beta_interaction: Num,
    pub lines: Vec<SlopeLine>,
    /// x range of the plot in SD units.
    pub x_min: f64,
    pub x_max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BootstrapInfo {
    pub resamples: usize,
    pub seed: u64,
    pub failed: usize,
    pub succeeded: usize,
    /// Kept resamples that hit the iteration limit.
    pub not_converged: usize,
    /// Why resamples failed, with counts.
    pub failures: Named<usize>,
    pub ci: CiMethod,
    pub p_value: PValue,
    /// {construct: {indicator: inference}}
    pub outer_weights: Named<Named<Inference>>,
    pub outer_loadings: Named<Named<Inference>>,
    pub r_squared: Named<Inference>,
    /// {a: {b: inference}} upper triangle in model order.
    pub htmt: Named<Named<Inference>>,
    /// Every successful resample's path coefficients, for histograms:
    /// {[`path_key`]: [values in resample order]}.
    #[serde(default)]
    pub path_distributions: Named<Vec<f64>>,
    /// Sign-reversed resamples (see `engine::sign`); present when a construct
    /// was reversed in some resample or a correction was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sign_reversals: Option<SignReversals>,
    /// How the resamples that reached the iteration limit ended; present
    /// when some did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iteration_limit: Option<IterationLimit>,
}


/// The key of a path in `path_distributions`: "from -> to".
pub fn path_key(from: &str, to: &str) -> String {
    format!("{from} -> {to}")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConstructInfo {
    pub name: String,
    pub mode: Mode,
    pub indicators: Vec<String>,
    pub interaction: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisResult {
    pub program: String,
    pub version: String,
    pub settings: Settings,
    pub model: RawModel,
    pub model_syntax: String,
    pub n: usize,
    pub iterations: usize,
    pub converged: bool,
    pub missing: Option<MissingReport>,
    pub constructs: Vec<ConstructInfo>,
    pub outer_weights: Named<Named<Num>>,
    pub outer_loadings: Named<Named<Num>>,
    pub path_coefficients: Vec<PathRow>,
    pub total_effects: Vec<EffectRow>,
    pub indirect_effects: Vec<EffectRow>,
    pub r_squared: Named<R2>,
    pub reliability: Named<Reliability>,
    pub htmt: Named<Named<Num>>,
    /// sqrt(AVE) on the diagonal, construct correlations below it.
    pub fornell_larcker: Named<Named<Num>>,
    pub construct_correlations: Named<Named<Num>>,
    pub cross_loadings: Named<Named<Num>>,
    pub vif: Vif,
    /// Stone-Geisser Q² by blindfolding (cross-validated redundancy).
    pub q2: Named<Num>,
    pub gof: Num,
    pub srmr: Num,
    pub simple_slopes: Vec<SimpleSlopes>,
    /// Every route through one or more mediators, with the type of
    /// mediation (`Settings::mediation`; left out when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specific_indirect_effects: Vec<SpecificIndirect>,
    /// Routes with a moderated path: effects at moderator levels and the
    /// index of moderated mediation (left out when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional_indirect_effects: Vec<ConditionalIndirect>,
    /// Conditional effect of each interaction's independent construct over
    /// the moderator's range, with the Johnson–Neyman points (left out when
    /// empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub floodlight: Vec<Floodlight>,
    pub bootstrap: Option<BootstrapInfo>,
    /// Whether the estimate is admissible (flags, by name).
    #[serde(default)]
    pub admissibility: Admissibility,
    pub warnings: Vec<Warning>,
    /// Blindfolding per construct: {construct: {sso, sse, q2}}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blindfolding: Option<Named<BlindfoldRow>>,
    /// PLSpredict, when it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<PredictInfo>,
    /// CVPAT, when it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cvpat: Option<Vec<CvpatInfo>>,
    // Multigroup analysis and importance-performance map: only when asked
    // for (see `result_groups`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<super::result_groups::Groups>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_results: Option<Vec<super::result_groups::GroupResult>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipma: Option<super::result_groups::Ipma>,
    /// Higher-order constructs: their method, dimensions and first stage
    /// (absent without higher-order constructs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hoc: Option<HocInfo>,
}

/// The admissibility flags of the estimate (see `engine::verify`), by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Admissibility {
    pub converged: bool,
    /// Indicators with a standardized loading beyond ±1.
    pub loadings_above_one: Vec<String>,
    /// Construct pairs with a PLSc-corrected correlation beyond ±1.
    pub correlations_above_one: Vec<(String, String)>,
    /// Constructs with a PLSc R² outside [0, 1].
    pub r2_outside: Vec<String>,
    pub construct_correlations_positive_definite: bool,
}

impl Default for Admissibility {
    fn default() -> Self {
        Admissibility {
            converged: true,
            loadings_above_one: Vec::new(),
            correlations_above_one: Vec::new(),
            r2_outside: Vec::new(),
            construct_correlations_positive_definite: true,
        }
    }
}

/// Sign-reversed bootstrap resamples, counted as estimated (before any
/// correction): construct j is reversed in a resample when Σ_a λ_ja·λ*_ja < 0
/// (its resample loadings λ* against the full sample's λ; see `engine::sign`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignReversals {
    /// The correction applied (`settings.sign_change`).
    pub correction: super::settings::SignChange,
    /// Successful resamples looked at.
    pub resamples: usize,
    /// {construct: {count, share}} for every construct and interaction term.
    pub constructs: Named<ReversalCount>,
    /// {construct: [positions of the reversed resamples]} for the constructs
    /// with any, 0-based in the order of `path_distributions`.
    pub reversed: Named<Vec<usize>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReversalCount {
    pub count: usize,
    /// count / resamples.
    pub share: f64,
}

/// Resamples that reached the iteration limit, kept or left out: the
/// weights alternating between two states (typical of a construct flipping
/// its sign from one iteration to the next), or still drifting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IterationLimit {
    pub oscillating: usize,
    pub drifting: usize,
}

impl SignReversals {
    /// The largest share of the constructs of a path `from -> to` (an
    /// interaction term counts its own reversals, which include its
    /// constructs'), with the construct's name; `None` when neither was
    /// ever reversed.
    pub fn path_share(&self, from: &str, to: &str) -> Option<(&str, f64)> {
        [from, to]
            .into_iter()
            .filter_map(|c| self.constructs.iter().find(|(k, _)| k.as_str() == c).map(|(k, v)| (k.as_str(), v)))
            .filter(|(_, v)| v.count > 0)
            .map(|(k, v)| (k, v.share))
            .fold(None, |best: Option<(&str, f64)>, (k, sh)| match best {
                Some((_, b)) if b >= sh => best,
                _ => Some((k, sh)),
            })
    }

    /// Positions (in `path_distributions` order) of the resamples in which
    /// either construct of the path `from -> to` is reversed, ascending.
    pub fn path_resamples(&self, from: &str, to: &str) -> Vec<usize> {
        let mut v: Vec<usize> = [from, to].into_iter().filter_map(|c| self.reversed.get(c)).flatten().copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

pub use super::mediation::MediationKind;

/// One route's specific indirect effect (product of its paths).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecificIndirect {
    /// [from, mediators…, to]
    pub path: Vec<String>,
    #[serde(flatten)]
    pub inference: Inference,
    /// Significant by the settings' rule (null without bootstrap).
    pub significant: Option<bool>,
    /// Type of mediation (Zhao, Lynch & Chen 2010), from this route's and
    /// the direct path's verdicts; null without bootstrap.
    pub mediation: Option<MediationKind>,
    /// Total effect from → to: the direct path plus every route.
    pub total_effect: Num,
    /// Variance accounted for, indirect / total, where it is a share.
    pub vaf: Num,
}

/// A conditional indirect effect at one moderator level (SD units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionalLevel {
    pub at: f64,
    #[serde(flatten)]
    pub inference: Inference,
}

/// A route with a path moderated by `moderator`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionalIndirect {
    /// [from, mediators…, to]
    pub path: Vec<String>,
    pub moderator: String,
    /// Positions of the moderated paths in the route (0 = first stage).
    pub stages: Vec<usize>,
    pub levels: Vec<ConditionalLevel>,
    /// Index of moderated mediation (Hayes 2015); null when the moderator
    /// moderates more than one path of the route.
    pub index: Option<Inference>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FloodlightPoint {
    /// Moderator value, SD units.
    pub at: f64,
    pub effect: Num,
    pub ci_lower: Num,
    pub ci_upper: Num,
}

/// A moderator value where the interval's verdict changes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct JnPoint {
    pub at: f64,
    /// Significant just above `at` (else just below).
    pub significant_above: bool,
}

/// Conditional effect of `iv` on `dv` across `moderator`'s observed range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Floodlight {
    pub interaction: String,
    pub iv: String,
    pub moderator: String,
    pub dv: String,
    pub points: Vec<FloodlightPoint>,
    /// Johnson–Neyman points inside the range, ascending (percentile bounds).
    pub jn_points: Vec<JnPoint>,
}
