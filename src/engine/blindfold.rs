//! Stone-Geisser Q² by blindfolding, cross-validated redundancy, as the
//! SmartPLS 3 procedure describes it (Hair et al. 2017, ch. 6):
//!
//! For an endogenous construct j with k indicators, number the data points of
//! its block column by column (point m = item·n + row), so that no round
//! omits a whole indicator (row-wise numbering would whenever k is a multiple
//! of D). In round d = 0..D−1 the
//! points with m mod D = d are omitted and replaced by the mean of the
//! remaining points of their column; the whole model is re-estimated and each
//! omitted point is predicted as λ_item · Σ_i β_ij Y_i (the construct's
//! prediction from its predecessors' scores, in the re-estimated model),
//! transformed back to the scale of the full standardized data.
//! Q² = 1 − ΣSSE / ΣSSO over all rounds, with SSO the squared standardized
//! values of the omitted points.

use super::estimate::{estimate, Design, EstOptions};
use super::linalg::mean_sd;
use nalgebra::DMatrix;

/// Q² for each endogenous node (None for interaction nodes and Mode B).
pub fn q2(x: &DMatrix<f64>, design: &Design, opts: &EstOptions, d: usize) -> Vec<Option<f64>> {
    let (mean_full, sd_full) = mean_sd(x);
    let n = x.nrows();
    let mut out = vec![None; design.n_nodes()];
    let endo: Vec<usize> = design.structure.endogenous().collect();
    for &j in &endo {
        if design.is_interaction(j) {
            continue;
        }
        let r = design.blocks.ranges[j].clone();
        let k = r.len();
        let (mut sse, mut sso) = (0.0, 0.0);
        let mut ok = true;
        'rounds: for round in 0..d {
            let mut xm = x.clone();
            let mut omitted = Vec::new();
            for row in 0..n {
                for a in 0..k {
                    if (a * n + row) % d == round {
                        omitted.push((row, a));
                    }
                }
            }
            if omitted.is_empty() {
                continue;
            }
            // column means of the remaining points
            for a in 0..k {
                let col = r.start + a;
                let mut s = 0.0;
                let mut c = 0.0;
                for row in 0..n {
                    if (a * n + row) % d != round {
                        s += x[(row, col)];
                        c += 1.0;
                    }
                }
                if c == 0.0 {
                    ok = false;
                    break 'rounds;
                }
                let m = s / c;
                for &(row, aa) in &omitted {
                    if aa == a {
                        xm[(row, col)] = m;
                    }
                }
            }
            let o = EstOptions { keep_data: true, ..opts.clone() };
            let est = match estimate(&xm, design, &o) {
                Ok(e) => e,
                Err(_) => {
                    ok = false;
                    break;
                }
            };
            let y = est.scores(design).expect("kept data");
            let (mm, sm) = mean_sd(&xm);
            for &(row, a) in &omitted {
                let col = r.start + a;
                let mut yhat = 0.0;
                for &i in &design.structure.preds[j] {
                    yhat += est.inner.beta[(i, j)] * y[(row, i)];
                }
                let lam = est.inner.v[(col, j)];
                let xhat = mm[col] + sm[col] * lam * yhat;
                let zhat = (xhat - mean_full[col]) / sd_full[col];
                let z = (x[(row, col)] - mean_full[col]) / sd_full[col];
                sse += (z - zhat) * (z - zhat);
                sso += z * z;
            }
        }
        if ok && sso > 0.0 {
            out[j] = Some(1.0 - sse / sso);
        }
    }
    out
}
