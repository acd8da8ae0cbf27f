//! The JSON of a multigroup analysis (`groups`, `group_results`) and of the
//! importance-performance map (`ipma`): optional keys of the result,
//! present only when asked for. Documented in README.md ("JSON output").

use super::result::{AnalysisResult, Num};
use serde::{Deserialize, Serialize};

/// One group's analysis: the full result on its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupResult {
    pub label: String,
    pub result: AnalysisResult,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupInfo {
    pub label: String,
    /// Rows of the data in the group (before the missing-value policy).
    pub n: usize,
    /// The seed of the group's bootstrap (derived from the analysis seed).
    pub seed: u64,
}

/// The comparison of two groups on one path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPathRow {
    /// A path's constructs; for a weight or loading the construct and the
    /// indicator, for R² the construct and "R²".
    pub from: String,
    pub to: String,
    /// What is compared when it is not a path coefficient.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Measure>,
    /// The two groups compared (labels), first minus second.
    pub pair: [String; 2],
    /// The groups' path coefficients.
    pub estimates: [Num; 2],
    /// Their bootstrap means and standard errors.
    pub means: [Num; 2],
    pub se: [Num; 2],
    /// First minus second.
    pub diff: Num,
    /// Henseler's PLS-MGA p as seminr computes it: one-sided, small when
    /// the first group's coefficient is larger.
    pub p_pls_mga: Num,
    /// 2 · min(p, 1 − p) of the one-sided PLS-MGA p.
    pub p_pls_mga_two_sided: Num,
    pub p_permutation: Num,
    pub p_parametric: Num,
    pub p_welch: Num,
}

/// A measurement statistic compared between groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Weight,
    Loading,
    RSquared,
}

/// How the permutations ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PermutationInfo {
    /// Permutations asked for (or replayed), per pair of groups.
    pub permutations: usize,
    pub seed: u64,
    pub replayed: bool,
    /// Failed permutations (an estimation failed in a permuted group).
    pub failed: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// The grouping: a column, or a split such as `CUEX1 < 8`.
    pub column: String,
    pub groups: Vec<GroupInfo>,
    /// Data rows without a group value, left out of every group.
    pub rows_without_group: usize,
    pub paths: Vec<GroupPathRow>,
    /// Weights, loadings and R² compared (when asked for).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<GroupPathRow>,
    pub permutations: Option<PermutationInfo>,
    pub micom: Option<Micom>,
}

/// MICOM step 1: configural invariance, a checklist that plsweb fulfils by
/// construction (the same model, data treatment and algorithm settings in
/// every group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MicomStep1 {
    pub same_indicators: bool,
    pub same_data_treatment: bool,
    pub same_algorithm_settings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Invariance {
    /// Compositional invariance and equal means and variances.
    Full,
    /// Compositional invariance only.
    Partial,
    /// No compositional invariance.
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MicomConstruct {
    pub name: String,
    /// Step 2: correlation of the composites under both groups' weights.
    pub c: Num,
    /// Its permutation distribution's 5 % quantile.
    pub c_quantile_5: Num,
    pub p_c: Num,
    pub compositional_invariance: bool,
    /// Step 3a: difference of the composite means (first − second).
    pub mean_diff: Num,
    pub mean_ci: [Num; 2],
    pub p_mean: Num,
    pub equal_means: bool,
    /// Step 3b: difference of the logarithms of the composite variances.
    pub log_var_diff: Num,
    pub log_var_ci: [Num; 2],
    pub p_log_var: Num,
    pub equal_variances: bool,
    pub invariance: Invariance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MicomPair {
    pub pair: [String; 2],
    pub constructs: Vec<MicomConstruct>,
    /// Full when every construct is fully invariant, partial when every
    /// construct has compositional invariance, none otherwise.
    pub verdict: Invariance,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Micom {
    pub step1: MicomStep1,
    pub pairs: Vec<MicomPair>,
}

/// One point of the importance-performance map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpmaPoint {
    pub name: String,
    /// Unstandardized total effect on the target.
    pub importance: Num,
    /// Mean rescaled to 0–100.
    pub performance: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpmaIndicator {
    pub name: String,
    pub construct: String,
    /// Rescaled (unstandardized, summing to 1 per construct) outer weight.
    pub weight: Num,
    pub importance: Num,
    pub performance: Num,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ipma {
    pub target: String,
    /// Performance of the target itself.
    pub target_performance: Num,
    /// The scale the indicators were rescaled from: given, or each
    /// indicator's observed minimum and maximum (`null` then).
    pub scale: Option<[f64; 2]>,
    pub constructs: Vec<IpmaPoint>,
    pub indicators: Vec<IpmaIndicator>,
    /// Indicators with a negative unstandardized weight (the map assumes
    /// none: Ringle & Sarstedt 2016).
    pub negative_weights: Vec<String>,
}
