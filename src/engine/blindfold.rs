//! Stone-Geisser Q² by blindfolding, as SmartPLS 3 computes it (Hair et al.
//! 2017, ch. 6), cross-validated redundancy or communality.
//!
//! For each endogenous construct j measured in Mode A or by a single item,
//! D rounds. The data points of j's block are numbered column-wise through
//! the block (all cases of the first indicator, then the next: point
//! m = item·n + row); round d omits the points with m mod D = d. With n a
//! multiple of D every round omits whole rows (SmartPLS's rule "n / D must
//! not be an integer"; the caller warns).
//!
//! The round's model is estimated with the omitted points — and the data's
//! own missing cells — treated as missing: indicator correlations from the
//! pairwise-complete observations, each indicator standardized over its
//! available cells, scores from each case's available items
//! ([`super::pairwise`]). Each omitted point is predicted in the round's
//! standardized metric (its column's mean and SD over the round's
//! available cells):
//!
//! - redundancy: ẑ = λ · Σ_i β_ij · ξ_i, the predecessors' round scores
//!   times the round's path coefficients and the item's round loading;
//! - communality: ẑ = λ · ξ_j, the construct's own round score (built from
//!   the case's other, available items).
//!
//! SSE = Σ (z − ẑ)² and SSO = Σ z² over the omitted points that were
//! observed (a cell missing in the data is never scored), summed over the
//! rounds; Q² = 1 − SSE/SSO.
//!
//! Cost: a round changes only block j's columns, so the pairwise
//! correlation matrix is built once and a round recomputes block j's rows
//! of it (n·k·p).

use super::estimate::{estimate_standardized, Design, EstOptions};
use super::pairwise::{available_mean_sd, pairwise_cor, update_pairwise_cor};
use super::settings::Q2Kind;
use crate::model::Mode;
use nalgebra::DMatrix;

/// Blindfolding's sums of one construct.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blindfolded {
    pub sso: f64,
    pub sse: f64,
}

impl Blindfolded {
    pub fn q2(&self) -> f64 {
        1.0 - self.sse / self.sso
    }
}

/// Whether blindfolding with omission distance `d` omits whole rows: n a
/// multiple of D.
pub fn omits_whole_rows(n: usize, d: usize) -> bool {
    d >= 2 && n % d == 0
}

/// Which constructs blindfolding predicts: endogenous, not an interaction,
/// Mode A or a single item.
pub fn blindfolded(design: &Design, j: usize) -> bool {
    !design.structure.preds[j].is_empty()
        && !design.is_interaction(j)
        // HOCs measured by their dimensions' scores have no data to omit
        && !design.generated_block(j)
        && (design.blocks.modes[j] == Mode::A || design.blocks.ranges[j].len() == 1)
}

/// The rows of each of the block's k columns that round `round` omits (n
/// rows, omission distance d, column-wise numbering).
pub fn omitted_rows(n: usize, k: usize, d: usize, round: usize) -> Vec<Vec<usize>> {
    (0..k)
        .map(|a| {
            let first = (round + d - (a * n) % d) % d;
            (first..n).step_by(d).collect()
        })
        .collect()
}

/// Blindfolding of every node (None where it does not apply or a round
/// could not be estimated). `x`: the model's observed columns, NaN where a
/// cell is missing in the data.
pub fn blindfold(x: &DMatrix<f64>, design: &Design, opts: &EstOptions, d: usize, kind: Q2Kind) -> Vec<Option<Blindfolded>> {
    let mut out = vec![None; design.n_nodes()];
    if x.nrows() < 3 || d < 2 {
        return out;
    }
    let s_full = pairwise_cor(x);
    let opts = EstOptions { keep_data: false, ..opts.clone() };
    let mut xr = x.clone();
    for j in (0..design.n_nodes()).filter(|&j| blindfolded(design, j)) {
        let mut total = Blindfolded { sso: 0.0, sse: 0.0 };
        let mut ok = true;
        for round in 0..d {
            match one_round(x, &mut xr, &s_full, design, &opts, j, d, round, kind) {
                Some(b) => {
                    total.sso += b.sso;
                    total.sse += b.sse;
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        // restore block j's columns
        let n = x.nrows();
        for c in design.blocks.ranges[j].clone() {
            xr.as_mut_slice()[c * n..(c + 1) * n].copy_from_slice(&x.as_slice()[c * n..(c + 1) * n]);
        }
        if ok && total.sso > 0.0 {
            out[j] = Some(total);
        }
    }
    out
}

/// One round of construct j: SSE and SSO of its omitted, observed points.
/// `xr` holds `x` in every column but block j's, which the round writes.
/// None if the round's model cannot be estimated.
#[allow(clippy::too_many_arguments)]
pub fn one_round(
    x: &DMatrix<f64>,
    xr: &mut DMatrix<f64>,
    s_full: &DMatrix<f64>,
    design: &Design,
    opts: &EstOptions,
    j: usize,
    d: usize,
    round: usize,
    kind: Q2Kind,
) -> Option<Blindfolded> {
    let n = x.nrows();
    let p0 = x.ncols();
    let r = design.blocks.ranges[j].clone();
    let omitted = omitted_rows(n, r.len(), d, round);
    if omitted.iter().all(|o| o.is_empty()) {
        return Some(Blindfolded { sso: 0.0, sse: 0.0 });
    }
    for (a, c) in r.clone().enumerate() {
        let dst = &mut xr.as_mut_slice()[c * n..(c + 1) * n];
        dst.copy_from_slice(&x.as_slice()[c * n..(c + 1) * n]);
        for &row in &omitted[a] {
            dst[row] = f64::NAN;
        }
    }
    let mut s = s_full.clone();
    update_pairwise_cor(&mut s, xr, r.clone());
    if s.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // the round's standardized data: each column over its available cells
    let mut z = xr.clone();
    let mut moments = Vec::with_capacity(r.len());
    for (c, col) in z.as_mut_slice().chunks_exact_mut(n).enumerate() {
        let (m, sd, count) = available_mean_sd(col);
        if count < 2 || !(sd.is_finite() && sd > 0.0) {
            return None;
        }
        if r.contains(&c) {
            moments.push((m, sd));
        }
        let f = 1.0 / sd;
        col.iter_mut().for_each(|v| *v = if v.is_nan() { 0.0 } else { (*v - m) * f });
    }
    let (est, gen) = estimate_standardized(&z, s, None, design, opts).ok()?;
    let score = |i: usize, row: usize| -> f64 {
        design.blocks.ranges[i].clone().zip(est.weights[i].iter()).map(|(c, w)| w * if c < p0 { z[(row, c)] } else { gen[(row, c - p0)] }).sum()
    };
    let mut b = Blindfolded { sso: 0.0, sse: 0.0 };
    for (a, c) in r.enumerate() {
        let (m, sd) = moments[a];
        let lambda = est.inner.v[(c, j)];
        for &row in &omitted[a] {
            let v = x[(row, c)];
            if v.is_nan() {
                continue;
            }
            let zo = (v - m) / sd;
            let xi = match kind {
                Q2Kind::Redundancy => design.structure.preds[j].iter().map(|&i| est.inner.beta[(i, j)] * score(i, row)).sum::<f64>(),
                Q2Kind::Communality => score(j, row),
            };
            let e = zo - lambda * xi;
            b.sse += e * e;
            b.sso += zo * zo;
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::estimate::Purpose;
    use crate::engine::settings::{Moderation, Settings};
    use crate::engine::testdata::study;
    use crate::model::{parse_syntax, validate};

    fn design(text: &str, names: &[&str]) -> Design {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        Design::new(&validate(&parse_syntax(text).unwrap(), &names).unwrap(), Moderation::TwoStage)
    }

    /// Mean and SD (n − 1) of the values.
    fn moments(v: &[f64]) -> (f64, f64) {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        (m, (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0)).sqrt())
    }

    fn cor(a: &[f64], b: &[f64]) -> f64 {
        let ((ma, sa), (mb, sb)) = (moments(a), moments(b));
        a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum::<f64>() / ((a.len() as f64 - 1.0) * sa * sb)
    }

    #[test]
    fn points_are_counted_column_wise_through_the_block() {
        // n = 12, D = 5, two items: item 0 holds points 0..11, item 1 points
        // 12..23; round 1 omits points 1, 6, 11 | 16, 21 → rows 4 and 9 of item 1
        assert_eq!(omitted_rows(12, 2, 5, 1), vec![vec![1, 6, 11], vec![4, 9]]);
        // every point exactly once over the rounds
        for (n, k, d) in [(12, 2, 5), (10, 3, 5), (23, 4, 7)] {
            let mut seen = vec![0; n * k];
            for round in 0..d {
                for (a, rows) in omitted_rows(n, k, d, round).iter().enumerate() {
                    rows.iter().for_each(|&row| seen[a * n + row] += 1);
                }
            }
            assert!(seen.iter().all(|&c| c == 1));
        }
        assert!(omits_whole_rows(14, 7) && !omits_whole_rows(12, 5));
    }

    /// One round by hand: X =~ x1 + x2, Y =~ y, Y ~ X, n = 12, D = 5,
    /// round 1 omits y in rows 1, 6, 11. The round's model: y standardized
    /// over its 9 available rows; r(x_a, y) over those rows; X's Mode A
    /// weights w ∝ (r(x1,y), r(x2,y)) scaled to w'R_xx w = 1 (Y is a single
    /// item, so the path scheme converges in one step); β = w'r; λ_y = 1.
    /// Each omitted y is predicted as β · ξ_X with ξ_X = w'z_x in the round's
    /// standardized metric; SSE and SSO sum over the three points.
    #[test]
    fn one_round_by_hand() {
        let x1 = [3.0, 5.0, 1.0, 4.0, 6.0, 2.0, 7.0, 5.0, 3.0, 6.0, 4.0, 2.0];
        let x2 = [2.0, 4.0, 2.0, 5.0, 6.0, 1.0, 6.0, 4.0, 4.0, 7.0, 3.0, 3.0];
        let y = [2.0, 6.0, 1.0, 3.0, 7.0, 3.0, 6.0, 4.0, 4.0, 5.0, 5.0, 1.0];
        let n = 12;
        let x = DMatrix::from_fn(n, 3, |i, c| [x1[i], x2[i], y[i]][c]);
        let d = design("X =~ x1 + x2\nY =~ y\nY ~ X\n", &["x1", "x2", "y"]);
        let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
        let s_full = pairwise_cor(&x);
        let mut xr = x.clone();
        let got = one_round(&x, &mut xr, &s_full, &d, &opts, 1, 5, 1, Q2Kind::Redundancy).unwrap();

        let omitted = [1usize, 6, 11];
        let kept: Vec<usize> = (0..n).filter(|i| !omitted.contains(i)).collect();
        let pick = |v: &[f64]| kept.iter().map(|&i| v[i]).collect::<Vec<f64>>();
        let (ry1, ry2, r12) = (cor(&pick(&x1), &pick(&y)), cor(&pick(&x2), &pick(&y)), cor(&x1, &x2));
        let scale = (ry1 * ry1 + ry2 * ry2 + 2.0 * ry1 * ry2 * r12).sqrt();
        let (w1, w2) = (ry1 / scale, ry2 / scale);
        let beta = w1 * ry1 + w2 * ry2;
        let ((m1, s1), (m2, s2), (my, sy)) = (moments(&x1), moments(&x2), moments(&pick(&y)));
        let (mut sse, mut sso) = (0.0, 0.0);
        for &i in &omitted {
            let xi = w1 * (x1[i] - m1) / s1 + w2 * (x2[i] - m2) / s2;
            let zo = (y[i] - my) / sy;
            sse += (zo - beta * xi).powi(2);
            sso += zo * zo;
        }
        assert!((got.sse - sse).abs() < 1e-12 && (got.sso - sso).abs() < 1e-12, "{got:?} vs sse {sse}, sso {sso}");

        // communality of a single item: ẑ = λ·ξ_Y, and ξ_Y is built from the
        // only item, which is omitted (0): the prediction is 0, SSE = SSO
        let com = one_round(&x, &mut xr, &s_full, &d, &opts, 1, 5, 1, Q2Kind::Communality).unwrap();
        assert!((com.sse - com.sso).abs() < 1e-12 && (com.sso - sso).abs() < 1e-12);
    }

    /// The rule step by step with a whole re-estimation per round (the
    /// omitted points written as NaN, the estimate's pairwise route, scores
    /// of all rows): the same sums as the incremental rounds.
    #[test]
    fn agrees_with_the_rule_by_whole_re_estimation() {
        use crate::engine::estimate::estimate;
        for (moderation, d) in [(Moderation::TwoStage, 7), (Moderation::ProductIndicator, 5)] {
            let (mut x, design) = study(61, 4, 3, moderation);
            x[(4, 2)] = f64::NAN;
            let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
            let fast = blindfold(&x, &design, &opts, d, Q2Kind::Redundancy);
            let n = x.nrows();
            for j in (0..design.n_nodes()).filter(|&j| blindfolded(&design, j)) {
                let r = design.blocks.ranges[j].clone();
                let (mut sse, mut sso) = (0.0, 0.0);
                for round in 0..d {
                    let omitted = |row: usize, a: usize| (a * n + row) % d == round;
                    let mut xr = x.clone();
                    for (a, c) in r.clone().enumerate() {
                        (0..n).filter(|&row| omitted(row, a)).for_each(|row| xr[(row, c)] = f64::NAN);
                    }
                    let est = estimate(&xr, &design, &EstOptions { keep_data: true, ..opts.clone() }).unwrap();
                    let y = est.scores(&design).unwrap();
                    for (a, c) in r.clone().enumerate() {
                        let avail: Vec<f64> = (0..n).map(|row| xr[(row, c)]).filter(|v| !v.is_nan()).collect();
                        let (m, sd) = moments(&avail);
                        for row in (0..n).filter(|&row| omitted(row, a) && !x[(row, c)].is_nan()) {
                            let yhat: f64 = design.structure.preds[j].iter().map(|&i| est.inner.beta[(i, j)] * y[(row, i)]).sum();
                            let z = (x[(row, c)] - m) / sd;
                            sse += (z - est.inner.v[(c, j)] * yhat).powi(2);
                            sso += z * z;
                        }
                    }
                }
                let f = fast[j].unwrap();
                assert!((f.sse - sse).abs() < 1e-9 * sse && (f.sso - sso).abs() < 1e-9 * sso, "{moderation:?} node {j}: {f:?} vs {sse} {sso}");
            }
        }
    }

    /// Cells missing in the data are left out of SSE and SSO, and a round
    /// never predicts a point from itself.
    #[test]
    fn missing_cells_are_not_scored() {
        let (x, design) = study(60, 4, 3, Moderation::TwoStage);
        let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
        let full = blindfold(&x, &design, &opts, 7, Q2Kind::Redundancy);
        let mut holes = x.clone();
        let j = (0..design.n_nodes()).find(|&j| blindfolded(&design, j)).unwrap();
        let c = design.blocks.ranges[j].start;
        holes[(3, c)] = f64::NAN;
        let with = blindfold(&holes, &design, &opts, 7, Q2Kind::Redundancy);
        let (a, b) = (full[j].unwrap(), with[j].unwrap());
        assert!(b.sso < a.sso && a.sso - b.sso < 10.0, "{a:?} {b:?}");
        assert!(full.iter().filter(|v| v.is_some()).count() >= 2);
        for v in full.iter().flatten() {
            assert!(v.q2() < 1.0 && v.q2() > -1.0, "{v:?}");
        }
    }
}
