//! A resample's correlation matrix from its counts, many resamples at once.
//!
//! With the columns centred at the full sample's means (x̃ = x − x̄), a
//! resample that draws row i c_i times (Σ c_i = N) has
//!   sums      s_j  = Σ_i c_i x̃_ij,
//!   products  S_jk = Σ_i c_i x̃_ij x̃_ik,
//!   covariance (S_jk − s_j s_k / N) / (N − 1).
//! Both are the counts times a fixed matrix Q = [x̃ | x̃_j ∘ x̃_k (k ≤ j)],
//! n × (p + p(p+1)/2), built once. A batch of resamples is then one matrix
//! product Q'C (C: n × batch counts) instead of, per resample, gathering
//! its rows, standardizing them and p²/2 short dot products. A product of
//! that shape runs near the machine's peak (in wasm, the simd128 kernel of
//! [`super::crossprod`]), where the short dot products did not.
//!
//! Centring at the full sample's means keeps the subtraction harmless: a
//! resample's means lie within a few standard errors of them, so s_j s_k / N
//! is a small share of S_jk.
//!
//! A column is constant in a resample when its variance is below
//! [`CONSTANT`] times its second moment about the full sample's mean (which
//! exact arithmetic would make 0; rounding leaves about 1e-16 of it).

#[cfg(target_arch = "wasm32")]
use super::crossprod::{cross_ab_into, Native};
use nalgebra::DMatrix;

/// Resamples per matrix product.
pub const BATCH: usize = 32;

/// Largest Q (entries) built: 2²¹ (16 MB). Larger data are resampled row
/// by row (there the per-resample products are large enough to run fast).
pub const MAX_ENTRIES: usize = 1 << 21;

/// Largest n · p² resampled in batches (measured: ECSI, 250 × 24 = 144,000,
/// ran 1.5–1.9× faster in batches natively and in the browser; the
/// 10,000 × 50 study, 25 million, runs at speed row by row).
pub const BATCH_UP_TO: usize = 300_000;

/// Relative variance below which a resample's column counts as constant.
pub const CONSTANT: f64 = 1e-12;

/// Q of the module documentation, column-major.
#[derive(Debug, Clone)]
pub struct Moments {
    q: Vec<f64>,
    n: usize,
    p: usize,
}

impl Moments {
    /// Q for complete data x (n × p); `None` when Q would exceed
    /// [`MAX_ENTRIES`] or the row-by-row resamples are as fast (see
    /// [`Moments::worthwhile`]).
    pub fn new(x: &DMatrix<f64>) -> Option<Moments> {
        let (n, p) = x.shape();
        if n < 2 || p == 0 || !Self::worthwhile(n, p) {
            return None;
        }
        let k = p + p * (p + 1) / 2;
        let mut q = Vec::with_capacity(n * k);
        for col in x.column_iter() {
            let mean = col.iter().sum::<f64>() / n as f64;
            q.extend(col.iter().map(|v| v - mean));
        }
        for j in 0..p {
            for l in 0..=j {
                for i in 0..n {
                    let v = q[j * n + i] * q[l * n + i];
                    q.push(v);
                }
            }
        }
        Some(Moments { q, n, p })
    }

    /// Whether batches pay: for n · p² up to [`BATCH_UP_TO`], where the
    /// row-by-row correlation is short dot products (natively) or a product
    /// too small to run at speed (wasm). Beyond it the row-by-row product
    /// runs at speed on about 63 % of the rows Q would read.
    pub fn worthwhile(n: usize, p: usize) -> bool {
        let entries = n * (p + p * (p + 1) / 2);
        entries <= MAX_ENTRIES && n * p * p <= BATCH_UP_TO
    }

    pub fn n(&self) -> usize {
        self.n
    }

    /// Entries per resample in a batch's output.
    pub fn width(&self) -> usize {
        self.p + self.p * (self.p + 1) / 2
    }

    /// Sums and products of `batch` resamples: `counts` is n × batch
    /// (column r: how often resample r drew each row), `out` gets
    /// [`Moments::width`] × batch.
    pub fn batch(&self, counts: &[f64], batch: usize, out: &mut Vec<f64>) {
        let k = self.width();
        out.clear();
        out.resize(k * batch, 0.0);
        product(&self.q, k, counts, batch, self.n, out);
    }

    /// The correlation matrix (p × p) of one resample of `total` rows from
    /// its column of [`Moments::batch`]'s output; `Err(j)` when column j is
    /// constant in it.
    pub fn correlation(&self, g: &[f64], total: usize) -> Result<DMatrix<f64>, usize> {
        let p = self.p;
        let mut s = DMatrix::zeros(p, p);
        let nf = total as f64;
        let f = 1.0 / (nf - 1.0);
        let (sums, prods) = g.split_at(p);
        let tri = |j: usize, l: usize| j * (j + 1) / 2 + l;
        let mut sd = vec![0.0; p];
        for j in 0..p {
            let second = prods[tri(j, j)];
            let var = (second - sums[j] * sums[j] / nf) * f;
            if !(var.is_finite() && var > CONSTANT * second * f) {
                return Err(j);
            }
            sd[j] = var.sqrt();
        }
        for j in 0..p {
            s[(j, j)] = 1.0;
            for l in 0..j {
                let cov = (prods[tri(j, l)] - sums[j] * sums[l] / nf) * f;
                let r = cov / (sd[j] * sd[l]);
                s[(j, l)] = r;
                s[(l, j)] = r;
            }
        }
        Ok(s)
    }
}

/// out = Q'C (k × batch) in wasm: the simd128 kernel.
#[cfg(target_arch = "wasm32")]
fn product(q: &[f64], k: usize, counts: &[f64], batch: usize, n: usize, out: &mut [f64]) {
    cross_ab_into::<Native>(q, k, counts, batch, n, out);
}

/// out = Q'C (k × batch) natively: matrixmultiply's dgemm (its kernels
/// sum each entry over the rows in the same order wherever the entry
/// lies, which `a_resample_gets_the_same_sums_in_any_batch` checks).
#[cfg(not(target_arch = "wasm32"))]
fn product(q: &[f64], k: usize, counts: &[f64], batch: usize, n: usize, out: &mut [f64]) {
    assert!(q.len() >= n * k && counts.len() >= n * batch && out.len() == k * batch);
    // SAFETY: A = Q' (k × n): element (i, r) at r + i·n of q; B = C
    // (n × batch): (r, j) at r + j·n; out k × batch column-major. All
    // inside their buffers (asserted above).
    unsafe {
        matrixmultiply::dgemm(
            k, n, batch,
            1.0,
            q.as_ptr(), n as isize, 1,
            counts.as_ptr(), 1, n as isize,
            0.0,
            out.as_mut_ptr(), 1, k as isize,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::linalg::cor_of_standardized;

    fn data(n: usize, p: usize) -> DMatrix<f64> {
        // Likert-like values with a common factor
        DMatrix::from_fn(n, p, |i, j| (((i * 7 + j * 3) % 5) + ((i * 13) % 3) + 1) as f64)
    }

    /// The resample written out, standardized, then X'X / (N − 1).
    fn written_out(x: &DMatrix<f64>, idx: &[usize]) -> DMatrix<f64> {
        let mut z = DMatrix::from_fn(idx.len(), x.ncols(), |i, j| x[(idx[i], j)]);
        crate::engine::linalg::standardize_in_place(&mut z).unwrap();
        cor_of_standardized(&z)
    }

    #[test]
    fn batched_correlations_equal_the_resamples_written_out() {
        for (n, p) in [(42, 18), (250, 7), (9, 3)] {
            let x = data(n, p);
            let m = Moments::new(&x).unwrap();
            let batch = 5;
            let idxs: Vec<Vec<usize>> = (0..batch).map(|r| (0..n).map(|i| (i * (r + 3) + r * r + i * i) % n).collect()).collect();
            let mut counts = vec![0.0; n * batch];
            for (r, idx) in idxs.iter().enumerate() {
                for &i in idx {
                    counts[r * n + i] += 1.0;
                }
            }
            let mut g = Vec::new();
            m.batch(&counts, batch, &mut g);
            let w = m.width();
            for (r, idx) in idxs.iter().enumerate() {
                let s = m.correlation(&g[r * w..(r + 1) * w], n).unwrap();
                let want = written_out(&x, idx);
                for (a, b) in s.iter().zip(want.iter()) {
                    assert!((a - b).abs() < 1e-13, "n {n} p {p} resample {r}: {a} vs {b}");
                }
            }
        }
    }

    #[test]
    fn a_column_constant_in_the_resample_is_named() {
        // column 1 is 2.0 on even rows: a resample of even rows finds it constant
        let n = 20;
        let x = DMatrix::from_fn(n, 3, |i, j| match j {
            1 => if i % 2 == 0 { 2.0 } else { 0.1 * i as f64 },
            _ => ((i * (j + 2)) % 7) as f64,
        });
        let m = Moments::new(&x).unwrap();
        let mut counts = vec![0.0; n];
        for i in (0..n).step_by(2) {
            counts[i] = 2.0;
        }
        let mut g = Vec::new();
        m.batch(&counts, 1, &mut g);
        assert_eq!(m.correlation(&g, n), Err(1));
    }

    #[test]
    fn a_resample_gets_the_same_sums_in_any_batch() {
        for (n, p) in [(250, 24), (42, 19), (300, 30)] {
            let x = DMatrix::from_fn(n, p, |i, j| ((i * 31 + j * 17) % 7) as f64 + 0.25 * ((i * j) % 3) as f64);
            let m = Moments::new(&x).unwrap();
            let w = m.width();
            let batch = BATCH;
            let counts: Vec<f64> = (0..n * batch).map(|t| ((t * 2654435761usize) >> 7) as f64 % 4.0).collect();
            let mut all = Vec::new();
            m.batch(&counts, batch, &mut all);
            for (lo, hi) in [(0, 1), (3, 4), (5, 12), (31, 32), (1, 32)] {
                let mut part = Vec::new();
                m.batch(&counts[lo * n..hi * n], hi - lo, &mut part);
                for r in lo..hi {
                    for e in 0..w {
                        assert_eq!(part[(r - lo) * w + e].to_bits(), all[r * w + e].to_bits(), "n {n} p {p}: resample {r} of {lo}..{hi}, entry {e}");
                    }
                }
            }
        }
    }
}
