//! Importance-performance map analysis (Ringle & Sarstedt 2016).
//!
//! Every indicator is rescaled to 0–100 from its scale's minimum and
//! maximum (given, or its observed ones): x̃ = (x − min) / (max − min) · 100.
//! A construct's unstandardized weights are its standardized PLS weights
//! divided by the SD of the rescaled indicators, normalized to sum to 1, so
//! its unstandardized score Σ w̃ x̃ is on the 0–100 scale. Its performance is
//! the mean of that score; its importance for the target is the
//! unstandardized total effect, the standardized total effect times
//! SD(target's unstandardized score) / SD(its unstandardized score) (the
//! scores are linear transformations of the standardized ones). An
//! indicator's performance is the mean of its rescaled values, its
//! importance its unstandardized weight times its construct's importance.

use super::estimate::{Design, Estimate};
use super::evaluate::{path_matrix, total_effects};
use nalgebra::DMatrix;

/// The numbers of the map, by node and item index.
#[derive(Debug, Clone)]
pub struct IpmaNumbers {
    /// (node, importance, performance) of each predecessor of the target
    /// (direct or indirect), in node order.
    pub constructs: Vec<(usize, f64, f64)>,
    pub target_performance: f64,
    /// (item index, node, unstandardized weight, importance, performance).
    pub indicators: Vec<(usize, usize, f64, f64, f64)>,
}

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let s = (v.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)).sqrt();
    (m, s)
}

/// The map for `target` from the complete raw data `x` (n × observed) and
/// the full-sample estimate. `scale`: the indicators' (minimum, maximum);
/// `None` = each indicator's observed ones.
pub fn ipma(x: &DMatrix<f64>, design: &Design, est: &Estimate, target: usize, scale: Option<(f64, f64)>) -> IpmaNumbers {
    let n = x.nrows();
    let k0 = design.n_constructs();
    // rescaled indicators and unstandardized weights, per construct
    let mut rescaled: Vec<Vec<f64>> = Vec::with_capacity(x.ncols());
    for b in 0..x.ncols() {
        let col: Vec<f64> = x.column(b).iter().copied().collect();
        let (lo, hi) = scale.unwrap_or_else(|| {
            (col.iter().copied().fold(f64::INFINITY, f64::min), col.iter().copied().fold(f64::NEG_INFINITY, f64::max))
        });
        rescaled.push(col.iter().map(|v| (v - lo) / (hi - lo) * 100.0).collect());
    }
    let mut weights: Vec<Vec<f64>> = Vec::with_capacity(k0);
    let mut score_sd = vec![f64::NAN; k0];
    let mut performance = vec![f64::NAN; k0];
    for j in 0..k0 {
        let r = design.blocks.ranges[j].clone();
        let u: Vec<f64> = r.clone().map(|b| est.weights[j][b - r.start] / mean_sd(&rescaled[b]).1).collect();
        let total: f64 = u.iter().sum();
        let w: Vec<f64> = u.iter().map(|v| v / total).collect();
        let score: Vec<f64> = (0..n).map(|i| r.clone().zip(&w).map(|(b, wb)| wb * rescaled[b][i]).sum()).collect();
        let (m, s) = mean_sd(&score);
        performance[j] = m;
        score_sd[j] = s;
        weights.push(w);
    }
    let te = total_effects(&path_matrix(design, est));
    let mut constructs = Vec::new();
    let mut indicators = Vec::new();
    for j in (0..k0).filter(|&j| j != target && te[(j, target)] != 0.0) {
        let importance = te[(j, target)] * score_sd[target] / score_sd[j];
        constructs.push((j, importance, performance[j]));
        let r = design.blocks.ranges[j].clone();
        for (a, b) in r.enumerate() {
            let w = weights[j][a];
            indicators.push((b, j, w, w * importance, mean_sd(&rescaled[b]).0));
        }
    }
    IpmaNumbers { constructs, target_performance: performance[target], indicators }
}
