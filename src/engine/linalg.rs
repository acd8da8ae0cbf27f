//! Small numeric helpers on top of nalgebra.

use nalgebra::{DMatrix, DVector};

/// Column means and sample standard deviations (n − 1).
pub fn mean_sd(x: &DMatrix<f64>) -> (Vec<f64>, Vec<f64>) {
    let n = x.nrows();
    let mut means = Vec::with_capacity(x.ncols());
    let mut sds = Vec::with_capacity(x.ncols());
    if n == 0 {
        return (vec![f64::NAN; x.ncols()], vec![f64::NAN; x.ncols()]);
    }
    for col in x.as_slice().chunks_exact(n) {
        let (m, sd) = column_mean_sd(col);
        means.push(m);
        sds.push(sd);
    }
    (means, sds)
}

/// Weighted mean and sample SD of a column whose entries carry √weight
/// (h = √w · x; `n` = Σ w): the mean and SD of the data in which each row
/// appears w times.
pub fn weighted_mean_sd(h: &[f64], sqrt_w: &[f64], n: usize) -> (f64, f64) {
    let nf = n as f64;
    let m = h.iter().zip(sqrt_w).map(|(v, s)| v * s).sum::<f64>() / nf;
    let ss: f64 = h.iter().zip(sqrt_w).map(|(v, s)| (v - s * m) * (v - s * m)).sum();
    (m, (ss / (nf - 1.0)).sqrt())
}

/// Standardize in place columns whose entries carry √weight (see
/// [`weighted_mean_sd`]); they keep carrying it. Returns the first column
/// with zero (or non-finite) variance as an error.
pub fn weighted_standardize_in_place(x: &mut DMatrix<f64>, sqrt_w: &[f64], n: usize) -> Result<(), usize> {
    let rows = x.nrows();
    if rows == 0 {
        return Err(0);
    }
    for (j, col) in x.as_mut_slice().chunks_exact_mut(rows).enumerate() {
        let (m, sd) = weighted_mean_sd(col, sqrt_w, n);
        if !(sd.is_finite() && sd > 0.0) {
            return Err(j);
        }
        let f = 1.0 / sd;
        for (v, s) in col.iter_mut().zip(sqrt_w) {
            *v = (*v - s * m) * f;
        }
    }
    Ok(())
}

/// Mean and sample SD of one column (n ≥ 1).
pub fn column_mean_sd(col: &[f64]) -> (f64, f64) {
    let nf = col.len() as f64;
    let m = sum(col) / nf;
    (m, (sum_sq_dev(col, m) / (nf - 1.0)).sqrt())
}

/// Sum in four independent lanes (vectorizes; the data are columns of
/// 10,000+ values in large studies).
fn sum(a: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = a.chunks_exact(4);
    let tail: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for l in 0..4 {
            acc[l] += c[l];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Σ (a_i − m)², in four lanes.
fn sum_sq_dev(a: &[f64], m: f64) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = a.chunks_exact(4);
    let tail: f64 = chunks.remainder().iter().map(|v| (v - m) * (v - m)).sum();
    for c in chunks {
        for l in 0..4 {
            let d = c[l] - m;
            acc[l] += d * d;
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// z-scores with the sample SD, in place. Returns the first column with zero
/// (or non-finite) variance as an error.
pub fn standardize_in_place(x: &mut DMatrix<f64>) -> Result<(), usize> {
    let (means, sds) = mean_sd(x);
    let n = x.nrows();
    if n == 0 {
        return Err(0);
    }
    for (j, col) in x.as_mut_slice().chunks_exact_mut(n).enumerate() {
        let sd = sds[j];
        if !(sd.is_finite() && sd > 0.0) {
            return Err(j);
        }
        let (m, f) = (means[j], 1.0 / sd);
        for v in col.iter_mut() {
            *v = (*v - m) * f;
        }
    }
    Ok(())
}

/// From this many multiply-adds (n·p²) on, cross-products come from a
/// blocked matrix multiply; below, from p²/2 dot products. In wasm always
/// the simd128 kernel: its 4 × 2 tiles read 6 values per 8 multiply-adds,
/// a dot product 2 per 1, which made survey-sized bootstraps ~10 % faster.
const GEMM_ABOVE: usize = if cfg!(target_arch = "wasm32") { 0 } else { 200_000 };

/// Correlation matrix of already standardized columns: Z'Z / (n − 1).
pub fn cor_of_standardized(z: &DMatrix<f64>) -> DMatrix<f64> {
    cor_scaled(z, 1.0 / (z.nrows() as f64 - 1.0))
}

/// f · Z'Z with a unit diagonal: the correlation matrix of standardized
/// columns whose rows carry √weight (then f = 1 / (Σ weight − 1)).
pub fn cor_scaled(z: &DMatrix<f64>, f: f64) -> DMatrix<f64> {
    let n = z.nrows();
    let p = z.ncols();
    if n * p * p > GEMM_ABOVE {
        // large data: a blocked matrix multiply beats p²/2 dot products
        let mut s = blocked_cross_scaled(z, f);
        for i in 0..p {
            s[(i, i)] = 1.0;
            for j in 0..i {
                let v = s[(i, j)];
                s[(j, i)] = v;
            }
        }
        return s;
    }
    let d = z.as_slice();
    let mut s = DMatrix::zeros(p, p);
    for i in 0..p {
        let ci = &d[i * n..(i + 1) * n];
        s[(i, i)] = 1.0;
        for j in 0..i {
            let cj = &d[j * n..(j + 1) * n];
            let v = dot(ci, cj) * f;
            s[(i, j)] = v;
            s[(j, i)] = v;
        }
    }
    s
}

/// f · Z'Z, at least its lower triangle (the caller mirrors it): natively
/// matrixmultiply's dgemm; Z' is read in place through strides, not copied.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn blocked_cross_scaled(z: &DMatrix<f64>, f: f64) -> DMatrix<f64> {
    let (n, p) = z.shape();
    let mut s = DMatrix::<f64>::zeros(p, p);
    let zs = z.as_slice();
    // SAFETY: the pointers cover z (n × p, column-major: row stride 1,
    // column stride n) and s (p × p); matrixmultiply reads and writes
    // exactly those elements.
    unsafe {
        matrixmultiply::dgemm(
            p, n, p,
            f,
            zs.as_ptr(), n as isize, 1, // A = Z': element (i, k) at k + i·n
            zs.as_ptr(), 1, n as isize, // B = Z: element (k, j) at k + j·n
            0.0,
            s.as_mut_slice().as_mut_ptr(), 1, p as isize,
        );
    }
    s
}

/// [`blocked_cross_scaled`] in wasm: matrixmultiply has no wasm SIMD kernel
/// (its scalar fallback ran at a seventh of native speed), so the simd128
/// kernel of [`super::crossprod`], lower triangle only.
#[cfg(target_arch = "wasm32")]
pub(crate) fn blocked_cross_scaled(z: &DMatrix<f64>, f: f64) -> DMatrix<f64> {
    let (n, p) = z.shape();
    let mut s = DMatrix::<f64>::zeros(p, p);
    super::crossprod::cross_into::<super::crossprod::Native>(z.as_slice(), n, p, 0..p, true, s.as_mut_slice());
    s.iter_mut().for_each(|v| *v *= f);
    s
}

/// out = f · Z[:, cols]' Z (k × p): natively matrixmultiply's dgemm.
#[cfg(not(target_arch = "wasm32"))]
fn blocked_rows_scaled(z: &DMatrix<f64>, cols: std::ops::Range<usize>, f: f64, out: &mut DMatrix<f64>) {
    let (n, p) = z.shape();
    let k = cols.len();
    let zs = z.as_slice();
    // SAFETY: A = Z[:, cols]' (k × n) starts at column cols.start of z,
    // B = Z (n × p), C = out (k × p, column-major); all inside their buffers.
    unsafe {
        matrixmultiply::dgemm(
            k, n, p,
            f,
            zs.as_ptr().add(cols.start * n), n as isize, 1,
            zs.as_ptr(), 1, n as isize,
            0.0,
            out.as_mut_slice().as_mut_ptr(), 1, k as isize,
        );
    }
}

/// [`blocked_rows_scaled`] in wasm: the simd128 kernel (as
/// [`blocked_cross_scaled`]).
#[cfg(target_arch = "wasm32")]
fn blocked_rows_scaled(z: &DMatrix<f64>, cols: std::ops::Range<usize>, f: f64, out: &mut DMatrix<f64>) {
    let (n, p) = z.shape();
    out.fill(0.0);
    super::crossprod::cross_into::<super::crossprod::Native>(z.as_slice(), n, p, cols, false, out.as_mut_slice());
    out.iter_mut().for_each(|v| *v *= f);
}

/// Correlations of the standardized columns `cols` of `z` with all its
/// columns: Z[:, cols]' Z / (n − 1), k × p. The same arithmetic as
/// [`cor_of_standardized`] (a matrix multiply for large data, dot products
/// otherwise), so its entries equal that matrix's rows.
pub fn cor_rows_of_standardized(z: &DMatrix<f64>, cols: std::ops::Range<usize>) -> DMatrix<f64> {
    let n = z.nrows();
    let p = z.ncols();
    let k = cols.len();
    let f = 1.0 / (n as f64 - 1.0);
    let zs = z.as_slice();
    let mut out = DMatrix::<f64>::zeros(k, p);
    if n * p * p > GEMM_ABOVE {
        blocked_rows_scaled(z, cols.clone(), f, &mut out);
    } else {
        for (a, i) in cols.clone().enumerate() {
            for j in 0..p {
                out[(a, j)] = dot(&zs[i * n..(i + 1) * n], &zs[j * n..(j + 1) * n]) * f;
            }
        }
    }
    for (a, i) in cols.enumerate() {
        out[(a, i)] = 1.0;
    }
    out
}

/// Σ w_i (a_i − m)², in four lanes.
pub fn weighted_sum_sq_dev(a: &[f64], w: &[f64], m: f64) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = a.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            let d = a[4 * c + l] - m;
            acc[l] += w[4 * c + l] * d * d;
        }
    }
    let mut tail = 0.0;
    for i in 4 * chunks..a.len() {
        let d = a[i] - m;
        tail += w[i] * d * d;
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Dot product in four independent lanes (lets the compiler vectorize).
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = a.len() / 4;
    for c in 0..chunks {
        for l in 0..4 {
            acc[l] += a[4 * c + l] * b[4 * c + l];
        }
    }
    let mut tail = 0.0;
    for i in 4 * chunks..a.len() {
        tail += a[i] * b[i];
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// A squared Cholesky pivot below this share of its diagonal entry counts as
/// singular: for a correlation matrix, a variable that the ones before it
/// explain to all but 1e-12. Cholesky itself only fails at a pivot ≤ 0, and a
/// numerically singular system (pivot 1e-16) yields finite garbage (R² = 2.1
/// with paths of 1e8, found by fuzzing).
const SINGULAR: f64 = 1e-12;

fn cholesky(a: &DMatrix<f64>) -> Option<nalgebra::Cholesky<f64, nalgebra::Dyn>> {
    let chol = a.clone().cholesky()?;
    let l = chol.l_dirty();
    (0..a.nrows()).all(|i| l[(i, i)] * l[(i, i)] > SINGULAR * a[(i, i)]).then_some(chol)
}

/// The lower Cholesky factor L (A = LL', column-major n × n, the upper
/// triangle unspecified) of a symmetric positive definite A, `None` at a
/// pivot not positive or below [`SINGULAR`]. Written out rather than
/// nalgebra's: the systems here are small (a node's predecessors, a block's
/// indicators) and solved in every iteration of every resample, where the
/// generic factorization's copies cost more than the arithmetic.
fn cholesky_lower(a: &DMatrix<f64>) -> Option<Vec<f64>> {
    let mut l = Vec::new();
    cholesky_lower_into(a.as_slice(), a.nrows(), &mut l).then_some(l)
}

/// [`cholesky_lower`] of the n × n matrix `a` (column-major) into `l`,
/// which is resized; false where that gives `None`.
fn cholesky_lower_into(a: &[f64], n: usize, l: &mut Vec<f64>) -> bool {
    l.clear();
    l.extend_from_slice(&a[..n * n]);
    for j in 0..n {
        let mut d = l[j * n + j];
        for k in 0..j {
            d -= l[k * n + j] * l[k * n + j];
        }
        if !(d > SINGULAR * a[j * n + j] && d > 0.0) {
            return false;
        }
        let ljj = d.sqrt();
        l[j * n + j] = ljj;
        for i in j + 1..n {
            let mut v = l[j * n + i];
            for k in 0..j {
                v -= l[k * n + i] * l[k * n + j];
            }
            l[j * n + i] = v / ljj;
        }
    }
    true
}

/// x ← A⁻¹ x from A's Cholesky factor `l` (n × n).
fn cholesky_solve_in_place(l: &[f64], x: &mut [f64]) {
    let n = x.len();
    // L y = x, then L' x = y
    for j in 0..n {
        x[j] /= l[j * n + j];
        let v = x[j];
        for i in j + 1..n {
            x[i] -= l[j * n + i] * v;
        }
    }
    for j in (0..n).rev() {
        let mut v = x[j];
        for i in j + 1..n {
            v -= l[j * n + i] * x[i];
        }
        x[j] = v / l[j * n + j];
    }
}

/// Solve A x = b for symmetric positive definite A; `None` if (numerically)
/// singular.
pub fn solve_spd(a: &DMatrix<f64>, b: &DVector<f64>) -> Option<DVector<f64>> {
    let mut x = b.clone();
    let mut l = Vec::new();
    solve_spd_in_place(a.as_slice(), x.as_mut_slice(), &mut l).then_some(x)
}

/// [`solve_spd`] without allocating: x ← A⁻¹ x for the n × n matrix `a`
/// (column-major, n = x.len()), `l` the factor's room; false where
/// [`solve_spd`] gives `None` (then x is unspecified).
pub fn solve_spd_in_place(a: &[f64], x: &mut [f64], l: &mut Vec<f64>) -> bool {
    if !cholesky_lower_into(a, x.len(), l) {
        return false;
    }
    cholesky_solve_in_place(l, x);
    x.iter().all(|v| v.is_finite())
}

/// Solve A X = B for symmetric positive definite A, one factorization for
/// all columns of B; `None` if A is (numerically) singular. The columns
/// are solved together, a row of X at a time (each value takes the same
/// steps as in [`solve_spd`]).
pub fn solve_spd_columns(a: &DMatrix<f64>, b: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    let l = cholesky_lower(a)?;
    let (n, m) = b.shape();
    // X' (m × n): row j of X is column j here, contiguous
    let mut xt = b.transpose();
    let x = xt.as_mut_slice();
    // rows j and i ≠ j of X, the first writable
    fn row(x: &mut [f64], m: usize, j: usize, i: usize) -> (&mut [f64], &[f64]) {
        if j < i {
            let (lo, hi) = x.split_at_mut(i * m);
            (&mut lo[j * m..(j + 1) * m], &hi[..m])
        } else {
            let (lo, hi) = x.split_at_mut(j * m);
            (&mut hi[..m], &lo[i * m..(i + 1) * m])
        }
    }
    // L Y = B, then L' X = Y
    for j in 0..n {
        let d = l[j * n + j];
        x[j * m..(j + 1) * m].iter_mut().for_each(|v| *v /= d);
        for i in j + 1..n {
            let f = l[j * n + i];
            let (xi, xj) = row(x, m, i, j);
            xi.iter_mut().zip(xj).for_each(|(v, w)| *v -= f * w);
        }
    }
    for j in (0..n).rev() {
        for i in j + 1..n {
            let f = l[j * n + i];
            let (xj, xi) = row(x, m, j, i);
            xj.iter_mut().zip(xi).for_each(|(v, w)| *v -= f * w);
        }
        let d = l[j * n + j];
        x[j * m..(j + 1) * m].iter_mut().for_each(|v| *v /= d);
    }
    x.iter().all(|v| v.is_finite()).then(|| xt.transpose())
}

/// Inverse of a symmetric positive definite matrix; `None` if
/// (numerically) singular.
pub fn inverse_spd(a: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    let chol = cholesky(a)?;
    let inv = chol.inverse();
    if inv.iter().all(|v| v.is_finite()) {
        Some(inv)
    } else {
        None
    }
}

/// Sub-matrix with the given rows and columns.
pub fn submatrix(a: &DMatrix<f64>, rows: &[usize], cols: &[usize]) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), cols.len(), |i, j| a[(rows[i], cols[j])])
}

/// Where R's type 7 quantile (linear interpolation) of `n` values lies: the
/// two order statistics (0-based) and the weight of the upper one; `None`
/// without data. Shared by [`quantile_sorted`] and [`quantile_select`] so that
/// both give the same value bit for bit.
fn type7(n: usize, p: f64) -> Option<(usize, usize, f64)> {
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    Some((lo, (lo + 1).min(n - 1), h - lo as f64))
}

/// Sample quantile, R's type 7 (linear interpolation), of sorted data.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    match (sorted.len(), type7(sorted.len(), p)) {
        (_, None) => f64::NAN,
        (1, _) => sorted[0],
        (_, Some((lo, hi, w))) => sorted[lo] + w * (sorted[hi] - sorted[lo]),
    }
}

/// The same quantile of unsorted data by selection, without a full sort;
/// `v` is reordered.
pub fn quantile_select(v: &mut [f64], p: f64) -> f64 {
    match (v.len(), type7(v.len(), p)) {
        (_, None) => f64::NAN,
        (1, _) => v[0],
        (_, Some((lo, hi, w))) => {
            let (_, &mut a, rest) = v.select_nth_unstable_by(lo, |x, y| x.partial_cmp(y).expect("finite"));
            let b = if hi == lo { a } else { rest.iter().copied().fold(f64::INFINITY, f64::min) };
            a + w * (b - a)
        }
    }
}

/// `[1, x]`: the design matrix of a regression with intercept.
pub fn with_intercept(x: &DMatrix<f64>) -> DMatrix<f64> {
    let n = x.nrows();
    let mut design = DMatrix::zeros(n, x.ncols() + 1);
    design.column_mut(0).fill(1.0);
    design.columns_mut(1, x.ncols()).copy_from(x);
    design
}

/// OLS coefficients of each column of `y` on `[1, x]` ((1 + q) × columns of
/// y, intercept first), from the normal equations; `None` if `x` is rank
/// deficient.
pub fn ols_coefficients(y: &DMatrix<f64>, x: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    let design = with_intercept(x);
    let xtx = design.tr_mul(&design);
    let chol = xtx.cholesky()?;
    let xty = design.tr_mul(y);
    let beta = chol.solve(&xty);
    beta.iter().all(|v| v.is_finite()).then_some(beta)
}

/// OLS residuals of each column of `y` on `[1, x]`; `None` if `x` is rank
/// deficient.
pub fn residualize(y: &DMatrix<f64>, x: &DMatrix<f64>) -> Option<DMatrix<f64>> {
    let beta = ols_coefficients(y, x)?;
    Some(y - with_intercept(x) * beta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantile_matches_r_type7() {
        // R: quantile(c(1,2,3,4,10), c(0.025, 0.5, 0.975), type = 7)
        let s = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert!((quantile_sorted(&s, 0.025) - 1.1).abs() < 1e-12);
        assert!((quantile_sorted(&s, 0.5) - 3.0).abs() < 1e-12);
        assert!((quantile_sorted(&s, 0.975) - 9.4).abs() < 1e-12);
    }

    #[test]
    fn spd_solves_agree_with_lu_and_refuse_singular_systems() {
        for n in [1, 2, 3, 7, 12] {
            // a well-conditioned correlation-like matrix
            let m = DMatrix::from_fn(n + 3, n, |i, j| ((i * 7 + j * 13) as f64 * 0.37).sin() + if i == j { 1.0 } else { 0.0 });
            let a = m.tr_mul(&m);
            let b = DMatrix::from_fn(n, 3, |i, j| (i as f64 + 1.0) * (j as f64 - 1.0) + 0.5);
            let want = a.clone().lu().solve(&b).unwrap();
            let got = solve_spd_columns(&a, &b).unwrap();
            assert!((&got - &want).amax() < 1e-10 * want.amax().max(1.0), "n = {n}");
            let one = solve_spd(&a, &b.column(1).into_owned()).unwrap();
            assert!((&one - want.column(1)).amax() < 1e-10 * want.amax().max(1.0), "n = {n}");
            // the columns together take each value's steps alone
            assert!(got.column(1).iter().zip(one.iter()).all(|(g, o)| g.to_bits() == o.to_bits()), "n = {n}");
        }
        // the third column the sum of the first two: singular, also when
        // rounding leaves a tiny positive pivot
        let a = DMatrix::from_row_slice(3, 3, &[1.0, 0.3, 1.3, 0.3, 1.0, 1.3, 1.3, 1.3, 2.6]);
        assert!(solve_spd(&a, &DVector::from_element(3, 1.0)).is_none());
        assert!(solve_spd_columns(&a, &DMatrix::from_element(3, 2, 1.0)).is_none());
        // not positive definite
        let a = DMatrix::from_row_slice(2, 2, &[1.0, 2.0, 2.0, 1.0]);
        assert!(solve_spd(&a, &DVector::from_element(2, 1.0)).is_none());
        assert!(solve_spd(&DMatrix::from_element(1, 1, f64::NAN), &DVector::from_element(1, 1.0)).is_none());
    }

    #[test]
    fn large_correlation_path_equals_dot_products() {
        // n·p² above the threshold: the strided matrix multiply is used
        let (n, p) = (1500, 40);
        let mut z = DMatrix::from_fn(n, p, |i, j| (((i * 31 + j * 17) % 97) as f64).sin() + (i % (j + 2)) as f64 * 0.1);
        standardize_in_place(&mut z).unwrap();
        assert!(n * p * p > GEMM_ABOVE);
        let s = cor_of_standardized(&z);
        for a in 0..p {
            for b in 0..p {
                let want = if a == b { 1.0 } else { dot(z.column(a).as_slice(), z.column(b).as_slice()) / (n as f64 - 1.0) };
                assert!((s[(a, b)] - want).abs() < 1e-12, "({a}, {b}): {} vs {want}", s[(a, b)]);
            }
        }
    }

    #[test]
    fn residuals_are_orthogonal_to_design() {
        let x = DMatrix::from_row_slice(5, 1, &[1.0, 2.0, 3.0, 4.0, 6.0]);
        let y = DMatrix::from_row_slice(5, 1, &[2.0, 1.0, 4.0, 3.0, 9.0]);
        let r = residualize(&y, &x).unwrap();
        assert!(r.sum().abs() < 1e-12);
        assert!((r.transpose() * &x)[(0, 0)].abs() < 1e-12);
    }
}
