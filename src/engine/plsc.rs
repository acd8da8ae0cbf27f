//! Consistent PLS (Dijkstra & Henseler 2015): correct composite
//! correlations for attenuation with ρ_A and re-run the structural
//! regressions; loadings of common factors become w·√ρ_A / (w'w).

use super::estimate::{Design, EstError};
use super::pls::{regressions, FitError, Inner};
use crate::model::Mode;
use nalgebra::{DMatrix, DVector};

#[derive(Debug, Clone)]
pub struct Consistent {
    pub rho_a: Vec<f64>,
    /// Disattenuated construct correlations.
    pub c: DMatrix<f64>,
    pub beta: DMatrix<f64>,
    pub r2: Vec<f64>,
    /// Consistent loadings for Mode A multi-item constructs.
    pub loadings: Vec<Option<DVector<f64>>>,
}

/// Dijkstra-Henseler ρ_A of one block: (w'w)² · w'(S−diag S)w / w'(ww'−diag(ww'))w.
/// 1 for single items, Mode B blocks and interaction terms.
pub fn rho_a(s: &DMatrix<f64>, design: &Design, w: &[DVector<f64>], j: usize) -> f64 {
    let r = &design.blocks.ranges[j];
    if r.len() < 2 || design.blocks.modes[j] == Mode::B || design.is_interaction(j) {
        return 1.0;
    }
    let wj = &w[j];
    let sjj = s.view((r.start, r.start), (r.len(), r.len()));
    let mut num = 0.0;
    let mut den = 0.0;
    for a in 0..r.len() {
        for b in 0..r.len() {
            if a != b {
                num += wj[a] * sjj[(a, b)] * wj[b];
                den += wj[a] * wj[a] * wj[b] * wj[b];
            }
        }
    }
    let ww = wj.dot(wj);
    ww * ww * num / den
}

pub fn consistent(s: &DMatrix<f64>, design: &Design, w: &[DVector<f64>], inner: &Inner) -> Result<Consistent, EstError> {
    let k = design.n_nodes();
    let rho: Vec<f64> = (0..k).map(|j| rho_a(s, design, w, j)).collect();
    let mut c = inner.c.clone();
    for i in 0..k {
        for j in 0..k {
            if i != j {
                c[(i, j)] /= (rho[i] * rho[j]).sqrt();
            }
        }
    }
    let (beta, r2) = regressions(&c, &design.structure).map_err(|e: FitError| EstError::Fit(e))?;
    let loadings = (0..k)
        .map(|j| {
            let r = &design.blocks.ranges[j];
            if design.blocks.modes[j] == Mode::A && r.len() > 1 && !design.is_interaction(j) {
                let wj = &w[j];
                Some(wj * (rho[j].sqrt() / wj.dot(wj)))
            } else {
                None
            }
        })
        .collect();
    Ok(Consistent { rho_a: rho, c, beta, r2, loadings })
}
