//! What a model with higher-order constructs adds to the result JSON
//! (`hoc`; absent without higher-order constructs).

use super::named::Named;
use super::result::{Num, R2};
use super::settings::HocMethod;
use crate::model::Mode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HocInfo {
    pub method: HocMethod,
    pub constructs: Vec<HocConstruct>,
    /// The first stage of a two-stage method (null for repeated indicators,
    /// whose one stage is the result itself).
    pub first_stage: Option<HocFirstStage>,
}

/// A higher-order construct and its dimensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HocConstruct {
    pub name: String,
    pub mode: Mode,
    pub dimensions: Vec<String>,
}

/// The first stage's estimate, whose dimension scores measure the HOCs in
/// the second stage (the result's other statistics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HocFirstStage {
    pub iterations: usize,
    pub converged: bool,
    /// Its structural paths: `{from, to, estimate}`.
    pub path_coefficients: Vec<HocPath>,
    pub outer_weights: Named<Named<Num>>,
    pub outer_loadings: Named<Named<Num>>,
    pub r_squared: Named<R2>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HocPath {
    pub from: String,
    pub to: String,
    pub estimate: Num,
}
