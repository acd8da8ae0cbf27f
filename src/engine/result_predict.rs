//! The result's predictive-power parts: blindfolding's table, PLSpredict
//! and CVPAT, as the result JSON names them (README, "JSON output"). Each
//! is absent from the JSON when it did not run.

use super::named::Named;
use super::predict::{Approach, Benchmark, LmPredictors, PredictivePower};
use super::result::Num;
use serde::{Deserialize, Serialize};

/// Blindfolding of one construct (SmartPLS's blindfolding table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlindfoldRow {
    /// Σ of the squared observed omitted values (the round's standardized metric).
    pub sso: Num,
    /// Σ of the squared prediction errors of those values.
    pub sse: Num,
    /// 1 − SSE/SSO.
    pub q2: Num,
}

/// PLSpredict's figures of one endogenous indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictIndicator {
    pub rmse: Num,
    pub mae: Num,
    pub mape: Num,
    pub q2_predict: Num,
    pub lm_rmse: Num,
    pub lm_mae: Num,
    pub lm_mape: Num,
    pub ia_rmse: Num,
}

/// PLSpredict's figures of one endogenous construct (its scores).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictConstruct {
    pub rmse: Num,
    pub mae: Num,
    pub q2_predict: Num,
}

/// Indicator and construct figures of one side (out of sample, in sample).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictFigures {
    pub indicators: Named<PredictIndicator>,
    pub constructs: Named<PredictConstruct>,
}

/// A PLSpredict run: how it was run, its out-of-sample figures (flattened),
/// the in-sample ones, and the verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictInfo {
    pub folds: usize,
    pub repetitions: usize,
    pub approach: Approach,
    /// The seed of the fold shuffles; null when the row orders were given.
    pub seed: Option<u64>,
    /// The predictors of the LM benchmark.
    pub lm: LmPredictors,
    pub indicators: Named<PredictIndicator>,
    pub constructs: Named<PredictConstruct>,
    pub in_sample: PredictFigures,
    /// How many endogenous indicators PLS predicts with a lower RMSE than
    /// the LM benchmark, of how many (those with both figures).
    pub lower_rmse_than_lm: usize,
    /// How many of them PLS predicts better than the training mean
    /// (Q²predict > 0).
    #[serde(default)]
    pub positive_q2_predict: usize,
    /// How many have both: what the verdict counts.
    #[serde(default)]
    pub counted_for_verdict: usize,
    pub indicators_compared: usize,
    /// The guidelines' verdict from those counts (report::thresholds).
    pub verdict: PredictivePower,
    /// Training folds that could not be estimated / hit the iteration limit.
    pub failed_folds: usize,
    pub not_converged_folds: usize,
}

/// One CVPAT comparison: PLS against a benchmark, for one construct's
/// indicators or (construct null) all endogenous indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvpatInfo {
    pub construct: Option<String>,
    pub benchmark: Benchmark,
    pub pls_loss: Num,
    pub benchmark_loss: Num,
    /// PLS loss − benchmark loss (negative: PLS predicts better).
    pub loss_difference: Num,
    pub t: Num,
    pub df: Num,
    /// Two-sided p.
    pub p: Num,
    /// One-sided p for H1: PLS's loss is lower.
    pub p_one_sided: Num,
}
