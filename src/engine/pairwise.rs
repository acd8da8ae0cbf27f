//! Pairwise deletion: estimation from data with missing cells (NaN).
//!
//! Each indicator correlation comes from the rows where both indicators are
//! observed (Pearson with the means and SDs of those rows, as R's
//! `cor(use = "pairwise.complete.obs")`); each indicator is standardized
//! with the mean and SD (n − 1) of its observed cells; a case's construct
//! score is the weighted sum of its observed standardized items (a missing
//! item adds nothing: its z-score is set to 0, the observed mean). The PLS
//! algorithm itself runs on the correlation matrix, as always.
//!
//! [`crate::engine::estimate::estimate`] takes this route whenever its data
//! hold a NaN, so every re-estimation (f², bootstrap resamples with their
//! own pairwise correlations, blindfolding rounds) is the same procedure.

use nalgebra::DMatrix;

/// Whether any cell is missing.
pub fn has_missing(x: &DMatrix<f64>) -> bool {
    x.iter().any(|v| v.is_nan())
}

/// Mean and sample SD (n − 1) over the observed cells of a column, and
/// their number.
pub fn available_mean_sd(col: &[f64]) -> (f64, f64, usize) {
    let (mut s, mut c) = (0.0, 0usize);
    for v in col.iter().filter(|v| !v.is_nan()) {
        s += v;
        c += 1;
    }
    let m = s / c as f64;
    let ss: f64 = col.iter().filter(|v| !v.is_nan()).map(|v| (v - m) * (v - m)).sum();
    (m, (ss / (c as f64 - 1.0)).sqrt(), c)
}

/// Standardize each column over its observed cells; missing cells become 0.
/// Returns the first column with fewer than 2 observed cells or zero
/// variance as an error.
pub fn standardize_available_in_place(x: &mut DMatrix<f64>) -> Result<(), usize> {
    let n = x.nrows();
    if n == 0 {
        return Err(0);
    }
    for (j, col) in x.as_mut_slice().chunks_exact_mut(n).enumerate() {
        let (m, sd, c) = available_mean_sd(col);
        if c < 2 || !(sd.is_finite() && sd > 0.0) {
            return Err(j);
        }
        let f = 1.0 / sd;
        for v in col.iter_mut() {
            *v = if v.is_nan() { 0.0 } else { (*v - m) * f };
        }
    }
    Ok(())
}

/// The correlation of two columns over the rows where both are observed
/// (NaN with fewer than 2 such rows or no variance on them).
pub fn pair_cor(a: &[f64], b: &[f64]) -> f64 {
    let (mut sa, mut sb, mut c) = (0.0, 0.0, 0usize);
    for (x, y) in a.iter().zip(b).filter(|(x, y)| !x.is_nan() && !y.is_nan()) {
        sa += x;
        sb += y;
        c += 1;
    }
    if c < 2 {
        return f64::NAN;
    }
    let (ma, mb) = (sa / c as f64, sb / c as f64);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b).filter(|(x, y)| !x.is_nan() && !y.is_nan()) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    sab / (saa * sbb).sqrt()
}

/// Pairwise-complete correlation matrix of raw data with NaN (unit
/// diagonal).
pub fn pairwise_cor(x: &DMatrix<f64>) -> DMatrix<f64> {
    let (n, p) = x.shape();
    let s = x.as_slice();
    let col = |j: usize| &s[j * n..(j + 1) * n];
    let mut r = DMatrix::identity(p, p);
    for a in 0..p {
        for b in 0..a {
            let v = pair_cor(col(a), col(b));
            r[(a, b)] = v;
            r[(b, a)] = v;
        }
    }
    r
}

/// Replace the rows and columns `cols` of a pairwise correlation matrix
/// `r` with those of `x` (the other columns unchanged).
pub fn update_pairwise_cor(r: &mut DMatrix<f64>, x: &DMatrix<f64>, cols: std::ops::Range<usize>) {
    let (n, p) = x.shape();
    let s = x.as_slice();
    let col = |j: usize| &s[j * n..(j + 1) * n];
    for a in cols {
        for b in 0..p {
            let v = if a == b { 1.0 } else { pair_cor(col(a), col(b)) };
            r[(a, b)] = v;
            r[(b, a)] = v;
        }
    }
}

/// The first indicator pair without a correlation (too few rows observed
/// together), as the index of one of its columns.
pub fn undefined_pair(r: &DMatrix<f64>) -> Option<usize> {
    let p = r.ncols();
    (0..p).find(|&a| (0..p).any(|b| !r[(a, b)].is_finite()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairwise_correlation_uses_the_rows_observed_together() {
        let nan = f64::NAN;
        // a, b observed together in rows 0, 1, 3, 4: a = 1 2 4 5, b = 2 1 5 3
        let x = DMatrix::from_column_slice(5, 2, &[1.0, 2.0, nan, 4.0, 5.0, 2.0, 1.0, 9.0, 5.0, 3.0]);
        let r = pairwise_cor(&x);
        // by hand: means 3 and 2.75; deviations a (−2 −1 1 2), b (−0.75 −1.75 2.25 0.25);
        // Σab = 1.5 + 1.75 + 2.25 + 0.5 = 6; Σa² = 10; Σb² = 0.5625 + 3.0625 + 5.0625 + 0.0625 = 8.75
        let want = 6.0 / (10.0f64 * 8.75).sqrt();
        assert!((r[(0, 1)] - want).abs() < 1e-15 && r[(1, 0)] == r[(0, 1)] && r[(0, 0)] == 1.0, "{r}");
        // standardized over the observed cells; the missing one is 0
        let mut z = x.clone();
        standardize_available_in_place(&mut z).unwrap();
        let sd_a = (10.0f64 / 3.0).sqrt();
        assert!((z[(0, 0)] + 2.0 / sd_a).abs() < 1e-15 && z[(2, 0)] == 0.0);
        // without missing cells: the ordinary correlation
        let full = DMatrix::from_column_slice(4, 2, &[1.0, 2.0, 4.0, 5.0, 2.0, 1.0, 5.0, 3.0]);
        assert!((pairwise_cor(&full)[(0, 1)] - want).abs() < 1e-15);
    }

    #[test]
    fn updating_columns_equals_recomputing() {
        let nan = f64::NAN;
        let mut x = DMatrix::from_fn(9, 4, |i, j| ((i * 7 + j * 3) % 5) as f64 + (i as f64) * 0.1 * (j as f64 + 1.0));
        x[(2, 1)] = nan;
        let mut r = pairwise_cor(&x);
        x[(5, 2)] = nan;
        x[(6, 2)] = nan;
        update_pairwise_cor(&mut r, &x, 2..3);
        let want = pairwise_cor(&x);
        assert!((r - want).abs().max() < 1e-15);
    }
}
