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

//!
//! Cost: a round changes only the columns of block j, so the standardized
//! data and their correlation matrix are built once; a round rewrites block
//! j's columns, recomputes their n·k·p cross-products and re-fits from
//! there. All rounds of all constructs together cost about D correlation
//! matrices, i.e. D estimates, instead of D × (number of endogenous
//! constructs).

use super::estimate::{estimate_standardized, Design, EstOptions};
use super::linalg::{column_mean_sd, cor_of_standardized, cor_rows_of_standardized, mean_sd, standardize_in_place};
use nalgebra::DMatrix;

/// Q² for each endogenous node (None for interaction nodes).
pub fn q2(x: &DMatrix<f64>, design: &Design, opts: &EstOptions, d: usize) -> Vec<Option<f64>> {
    let n = x.nrows();
    let p0 = x.ncols();
    let mut out = vec![None; design.n_nodes()];
    let mut z = x.clone();
    if n < 2 || standardize_in_place(&mut z).is_err() {
        return out;
    }
    let s_full = cor_of_standardized(&z);
    let (mean_full, sd_full) = mean_sd(x);
    let xs = x.as_slice();
    let opts = EstOptions { keep_data: false, ..opts.clone() };
    for j in design.structure.endogenous() {
        // interactions, and HOCs measured by their dimensions' scores
        if design.generated_block(j) {
            continue;
        }
        let r = design.blocks.ranges[j].clone();
        let k = r.len();
        let (mut sse, mut sso) = (0.0, 0.0);
        let mut ok = true;
        // (mean, sd) of each column of the block with this round's points replaced
        let mut moments = vec![(0.0, 0.0); k];
        'rounds: for round in 0..d {
            // point (row, a) is omitted when (a·n + row) mod D = round: in
            // column a the rows first(a), first(a) + D, …
            let first: Vec<usize> = (0..k).map(|a| (round + d - (a * n) % d) % d).collect();
            if first.iter().all(|&f| f >= n) {
                continue;
            }
            for a in 0..k {
                let col = r.start + a;
                let src = &xs[col * n..(col + 1) * n];
                let (mut sum, mut count) = (0.0, 0.0);
                let mut next = first[a];
                for (row, &v) in src.iter().enumerate() {
                    if row == next {
                        next += d;
                    } else {
                        sum += v;
                        count += 1.0;
                    }
                }
                if count == 0.0 {
                    ok = false;
                    break 'rounds;
                }
                let mean_rest = sum / count;
                let dst = &mut z.as_mut_slice()[col * n..(col + 1) * n];
                dst.copy_from_slice(src);
                for row in (first[a]..n).step_by(d) {
                    dst[row] = mean_rest;
                }
                let (m, sd) = column_mean_sd(dst);
                if !(sd.is_finite() && sd > 0.0) {
                    ok = false;
                    break 'rounds;
                }
                let inv = 1.0 / sd;
                dst.iter_mut().for_each(|v| *v = (*v - m) * inv);
                moments[a] = (m, sd);
            }
            // only block j's rows and columns of the correlation matrix change
            let mut s = s_full.clone();
            let rows = cor_rows_of_standardized(&z, r.clone());
            for (a, i) in r.clone().enumerate() {
                for b in 0..p0 {
                    s[(i, b)] = rows[(a, b)];
                    s[(b, i)] = rows[(a, b)];
                }
            }
            let (est, gen) = match estimate_standardized(&z, s, None, design, &opts) {
                Ok(e) => e,
                Err(_) => {
                    ok = false;
                    break;
                }
            };
            // score of node i at one row, from the round's data
            let score = |i: usize, row: usize| -> f64 {
                let ri = design.blocks.ranges[i].clone();
                ri.zip(est.weights[i].iter())
                    .map(|(c, w)| w * if c < p0 { z[(row, c)] } else { gen[(row, c - p0)] })
                    .sum()
            };
            let mut next = first.clone();
            for row in 0..n {
                for a in 0..k {
                    if next[a] != row {
                        continue;
                    }
                    next[a] += d;
                    let col = r.start + a;
                    let yhat: f64 = design.structure.preds[j].iter().map(|&i| est.inner.beta[(i, j)] * score(i, row)).sum();
                    let lam = est.inner.v[(col, j)];
                    let (mm, sm) = moments[a];
                    let xhat = mm + sm * lam * yhat;
                    let zhat = (xhat - mean_full[col]) / sd_full[col];
                    let zo = (xs[col * n + row] - mean_full[col]) / sd_full[col];
                    sse += (zo - zhat) * (zo - zhat);
                    sso += zo * zo;
                }
            }
        }
        // restore block j's full-sample columns
        for col in r {
            let inv = 1.0 / sd_full[col];
            let dst = &mut z.as_mut_slice()[col * n..(col + 1) * n];
            for (v, &raw) in dst.iter_mut().zip(&xs[col * n..(col + 1) * n]) {
                *v = (raw - mean_full[col]) * inv;
            }
        }
        if ok && sso > 0.0 {
            out[j] = Some(1.0 - sse / sso);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::estimate::estimate;
    use crate::engine::settings::{Moderation, Settings};
    use crate::engine::estimate::{EstOptions, Purpose};
    use crate::engine::testdata::study;

    /// Q² by the plain definition: a copy of the data per round with the
    /// omitted points replaced, a full re-estimation, scores of all rows.
    fn q2_by_definition(x: &DMatrix<f64>, design: &Design, opts: &EstOptions, d: usize) -> Vec<Option<f64>> {
        let (mean_full, sd_full) = mean_sd(x);
        let n = x.nrows();
        let mut out = vec![None; design.n_nodes()];
        for j in design.structure.endogenous().filter(|&j| !design.is_interaction(j)) {
            let r = design.blocks.ranges[j].clone();
            let (mut sse, mut sso) = (0.0, 0.0);
            for round in 0..d {
                let omitted = |row: usize, a: usize| (a * n + row) % d == round;
                let mut xm = x.clone();
                for (a, col) in r.clone().enumerate() {
                    let rest: Vec<f64> = (0..n).filter(|&row| !omitted(row, a)).map(|row| x[(row, col)]).collect();
                    let m = rest.iter().sum::<f64>() / rest.len() as f64;
                    (0..n).filter(|&row| omitted(row, a)).for_each(|row| xm[(row, col)] = m);
                }
                let est = estimate(&xm, design, &EstOptions { keep_data: true, ..opts.clone() }).unwrap();
                let y = est.scores(design).unwrap();
                let (mm, sm) = mean_sd(&xm);
                for row in 0..n {
                    for (_, col) in r.clone().enumerate().filter(|&(a, _)| omitted(row, a)) {
                        let yhat: f64 = design.structure.preds[j].iter().map(|&i| est.inner.beta[(i, j)] * y[(row, i)]).sum();
                        let xhat = mm[col] + sm[col] * est.inner.v[(col, j)] * yhat;
                        let zhat = (xhat - mean_full[col]) / sd_full[col];
                        let z = (x[(row, col)] - mean_full[col]) / sd_full[col];
                        sse += (z - zhat) * (z - zhat);
                        sso += z * z;
                    }
                }
            }
            out[j] = Some(1.0 - sse / sso);
        }
        out
    }

    fn assert_agree(n: usize, items: usize, moderation: Moderation, d: usize) {
        let (x, design) = study(n, 4, items, moderation);
        let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
        let fast = q2(&x, &design, &opts, d);
        let plain = q2_by_definition(&x, &design, &opts, d);
        assert_eq!(fast.iter().filter(|v| v.is_some()).count(), 3);
        for (f, p) in fast.iter().zip(&plain) {
            match (f, p) {
                (Some(f), Some(p)) => assert!((f - p).abs() < 1e-12, "n = {n}: {f} vs {p}"),
                (None, None) => {}
                _ => panic!("n = {n}: {fast:?} vs {plain:?}"),
            }
        }
    }

    #[test]
    fn agrees_with_the_definition_on_small_data() {
        assert_agree(60, 3, Moderation::TwoStage, 7);
        assert_agree(61, 4, Moderation::ProductIndicator, 5);
        assert_agree(50, 3, Moderation::Orthogonal, 7);
    }

    #[test]
    fn agrees_with_the_definition_on_large_data() {
        // n·p² above the size where correlations come from a matrix multiply
        assert_agree(3000, 8, Moderation::TwoStage, 7);
    }
}
