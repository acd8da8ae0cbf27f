//! Is the estimate admissible? Failure (an estimate that cannot be computed)
//! is an error; inadmissibility is a set of flags on a computed estimate,
//! shown to the user (the checks of cSEM's `verify()`): non-convergence,
//! standardized loadings beyond ±1, construct correlations beyond ±1 and R²
//! outside [0, 1] after the consistent-PLS correction, and a construct
//! correlation matrix that is not positive definite.

use super::estimate::{Design, Estimate};
use crate::model::Mode;
use nalgebra::{Cholesky, DMatrix};
use serde::{Deserialize, Serialize};

/// Loadings this far beyond 1 are rounding, not inadmissibility.
const LOADING_SLACK: f64 = 1e-9;

/// The admissibility of one estimate, by index (names are given by the
/// result's assembly).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Admissibility {
    /// The PLS algorithm met its stop rule (both stages of a two-stage
    /// interaction).
    pub converged: bool,
    /// Items (indices into `Design::items`) whose standardized loading is
    /// beyond ±1 (uncorrected blocks only).
    pub loadings_above_one: Vec<usize>,
    /// Pairs of nodes whose PLSc-corrected correlation is beyond ±1.
    pub correlations_above_one: Vec<(usize, usize)>,
    /// Endogenous nodes whose PLSc R² lies outside [0, 1].
    pub r2_outside: Vec<usize>,
    /// The (corrected) construct correlation matrix is positive definite.
    pub construct_correlations_positive_definite: bool,
    /// (item, node) of multi-item Mode A construct items loading negatively:
    /// admissible, but usually a reverse-coded item.
    pub negative_loadings: Vec<(usize, usize)>,
}

impl Admissibility {
    /// Nothing to tell the user.
    pub fn is_clean(&self) -> bool {
        self.converged
            && self.loadings_above_one.is_empty()
            && self.correlations_above_one.is_empty()
            && self.r2_outside.is_empty()
            && self.construct_correlations_positive_definite
    }
}

/// Check one estimate.
pub fn verify(design: &Design, est: &Estimate) -> Admissibility {
    let k = design.n_nodes();
    let mut loadings_above_one = Vec::new();
    let mut negative_loadings = Vec::new();
    for j in 0..k {
        let r = design.blocks.ranges[j].clone();
        let multi_item_mode_a = design.blocks.modes[j] == Mode::A && !design.is_interaction(j) && r.len() > 1;
        for (a, b) in r.enumerate() {
            let l = est.loading(design, j, a);
            if l.abs() > 1.0 + LOADING_SLACK && est.adjust[j] == 1.0 {
                loadings_above_one.push(b);
            }
            if multi_item_mode_a && l < 0.0 {
                negative_loadings.push((b, j));
            }
        }
    }
    let mut correlations_above_one = Vec::new();
    let mut r2_outside = Vec::new();
    if let Some(pc) = &est.plsc {
        for i in 0..k {
            for j in 0..i {
                if pc.c[(i, j)].abs() > 1.0 {
                    correlations_above_one.push((i, j));
                }
            }
        }
        r2_outside = design.structure.endogenous().filter(|&j| !(0.0..=1.0).contains(&pc.r2[j])).collect();
    }
    Admissibility {
        converged: est.converged && est.stage1_converged,
        loadings_above_one,
        correlations_above_one,
        r2_outside,
        construct_correlations_positive_definite: positive_definite(est.construct_cor()),
        negative_loadings,
    }
}

fn positive_definite(c: &DMatrix<f64>) -> bool {
    c.iter().all(|v| v.is_finite()) && Cholesky::new(c.clone()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::estimate::{estimate, EstOptions, Purpose};
    use crate::engine::settings::{Moderation, Settings};
    use crate::engine::testdata::study;

    #[test]
    fn a_clean_estimate_is_admissible_and_a_reversed_item_is_flagged() {
        let (mut x, design) = study(300, 3, 4, Moderation::TwoStage);
        let settings = Settings::smartpls();
        let est = estimate(&x, &design, &EstOptions::new(&settings, Purpose::Full)).unwrap();
        let v = verify(&design, &est);
        assert!(v.is_clean() && v.negative_loadings.is_empty(), "{v:?}");
        // reverse the first item of the first construct
        for i in 0..x.nrows() {
            x[(i, 0)] = -x[(i, 0)];
        }
        let est = estimate(&x, &design, &EstOptions::new(&settings, Purpose::Full)).unwrap();
        let v = verify(&design, &est);
        assert_eq!(v.negative_loadings, vec![(0, 0)]);
        // no convergence within one iteration
        let once = Settings { max_iterations: 1, ..settings };
        let est = estimate(&x, &design, &EstOptions::new(&once, Purpose::Full)).unwrap();
        assert!(!verify(&design, &est).converged);
    }

    #[test]
    fn a_correlation_matrix_with_a_duplicate_is_not_positive_definite() {
        let c = DMatrix::from_row_slice(3, 3, &[1.0, 1.0, 0.2, 1.0, 1.0, 0.2, 0.2, 0.2, 1.0]);
        assert!(!positive_definite(&c));
        assert!(positive_definite(&DMatrix::identity(3, 3)));
    }
}
