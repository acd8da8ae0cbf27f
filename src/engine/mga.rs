//! Multigroup analysis: the comparison of two groups' estimates and the
//! measurement invariance of composite models (MICOM).
//!
//! - Henseler's PLS-MGA (Henseler, Ringle & Sinkovics 2009) as R seminr's
//!   `estimate_pls_mga` computes it: with J = the smaller number of
//!   successful resamples (the first J of each group), β̄ᵍ the mean of a
//!   group's J resampled coefficients,
//!   p = 1 − #{(i, j): 2β̄¹ − β¹ᵢ − 2β̄² + β²ⱼ > 0} / J².
//!   It is one-sided: a small p says group 1's coefficient is larger, a p
//!   near 1 that it is smaller.
//! - The parametric test (Keil et al. 2000; Sarstedt, Henseler & Ringle
//!   2011) with pooled standard errors, n₁ + n₂ − 2 df, and the
//!   Welch–Satterthwaite test with unequal variances, both two-tailed from
//!   the groups' bootstrap standard errors.
//! - The permutation test (Chin & Dibbern 2010): the pooled rows of the two
//!   groups are permuted and split into groups of the same sizes; permutation
//!   k draws its order from ChaCha8(seed, stream k) (Fisher–Yates), so it
//!   depends on (seed, k) alone. p = (1 + #{|d*| ≥ |d|}) / (1 + P): the
//!   observed split counts as one of the permutations, so p is never 0.
//! - MICOM (Henseler, Ringle & Sarstedt 2016) from the same permutations:
//!   step 2, c = the correlation of the pooled standardized data's
//!   composites under group 1's and group 2's weights, against the 5 %
//!   quantile of its permutation distribution, p = (1 + #{c* ≤ c}) / (1 + P);
//!   step 3, the differences of the groups' means and of the logarithms of
//!   their variances of the pooled composite scores (pooled weights, unit
//!   variance over the pooled data), against the permutations' 2.5 % and
//!   97.5 % quantiles, p as for the paths.
//!
//! Seeds: group g's bootstrap uses [`group_seed`]`(seed, g)` and the
//! permutations [`permutation_seed`]`(seed)` (SplitMix64 of the seed mixed
//! with a stream number: 0 for the permutations, g + 1 for group g), so each
//! group's resamples are independent of the others' and of the number of
//! threads or workers.

use super::bootstrap::{failure_reason, p_student, run_indexed, Catalog};
use super::estimate::{estimate, Design, EstError, EstOptions, Purpose};
use super::linalg::{cor_of_standardized, quantile_sorted, standardize_in_place};
use super::settings::Settings;
use crate::error::ResampleFailure;
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// SplitMix64's output function (Steele, Lea & Flood 2014).
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The bootstrap seed of group `g` (0-based) for the analysis seed.
pub fn group_seed(seed: u64, g: usize) -> u64 {
    splitmix64(seed ^ splitmix64(g as u64 + 1))
}

/// The seed of the permutations for the analysis seed.
pub fn permutation_seed(seed: u64) -> u64 {
    splitmix64(seed ^ splitmix64(0))
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Henseler's PLS-MGA p-value (seminr's formula, see the module docs).
/// NaN without resamples.
pub fn pls_mga_p(boot1: &[f64], boot2: &[f64]) -> f64 {
    let j = boot1.len().min(boot2.len());
    if j == 0 {
        return f64::NAN;
    }
    let (b1, b2) = (&boot1[..j], &boot2[..j]);
    let (m1, m2) = (mean(b1), mean(b2));
    let mut sorted = b2.to_vec();
    sorted.sort_by(f64::total_cmp);
    // a + b > 0 holds in floating point exactly when b > −a (a rounded sum
    // is zero only when the exact sum is), so counting by binary search
    // gives the same count as evaluating every pair
    let count: usize = b1
        .iter()
        .map(|&x| {
            let a = 2.0 * m1 - x - 2.0 * m2;
            sorted.len() - sorted.partition_point(|&y| y <= -a)
        })
        .sum();
    1.0 - count as f64 / (j as f64 * j as f64)
}

/// The parametric test's two-tailed p (pooled standard errors).
pub fn p_parametric(b1: f64, b2: f64, se1: f64, se2: f64, n1: usize, n2: usize) -> f64 {
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let df = n1f + n2f - 2.0;
    let pooled = ((n1f - 1.0).powi(2) / df * se1 * se1 + (n2f - 1.0).powi(2) / df * se2 * se2).sqrt();
    let t = (b1 - b2) / (pooled * (1.0 / n1f + 1.0 / n2f).sqrt());
    if df <= 0.0 || !t.is_finite() {
        return f64::NAN;
    }
    p_student(t, df)
}

/// The Welch–Satterthwaite test's two-tailed p (Sarstedt et al. 2011).
pub fn p_welch(b1: f64, b2: f64, se1: f64, se2: f64, n1: usize, n2: usize) -> f64 {
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let (v1, v2) = ((n1f - 1.0) / n1f * se1 * se1, (n2f - 1.0) / n2f * se2 * se2);
    let t = (b1 - b2) / (v1 + v2).sqrt();
    let df = (v1 + v2).powi(2) / ((n1f - 1.0) / (n1f * n1f) * se1.powi(4) + (n2f - 1.0) / (n2f * n2f) * se2.powi(4)) - 2.0;
    if !(df > 0.0) || !t.is_finite() {
        return f64::NAN;
    }
    p_student(t, df)
}

/// Permutation k of `0..n`.
pub fn permutation(seed: u64, k: usize, n: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(k as u64);
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        p.swap(i, j);
    }
    p
}

/// Two-sided permutation p: (1 + #{|d*| ≥ |d|}) / (1 + P).
pub fn permutation_p(observed: f64, permuted: &[f64]) -> f64 {
    if !observed.is_finite() {
        return f64::NAN;
    }
    let hits = permuted.iter().filter(|d| d.abs() >= observed.abs()).count();
    (1 + hits) as f64 / (1 + permuted.len()) as f64
}

/// What one split of the pooled rows gives (the observed split or a
/// permutation).
#[derive(Debug, Clone)]
pub struct SplitStats {
    /// Group 1 − group 2, per path of `Design::structure` (reported
    /// coefficients).
    pub diff: Vec<f64>,
    /// MICOM step 2 per construct (interaction nodes left out).
    pub c: Vec<f64>,
    /// MICOM step 3 per construct: mean difference and log variance ratio
    /// of the pooled composite scores.
    pub mean_diff: Vec<f64>,
    pub log_var_diff: Vec<f64>,
    /// Group 1 − group 2 of the catalogued weights, loadings and R² (in
    /// the bootstrap catalog's order), when [`Pooled::measures`] is on.
    pub measures: Vec<f64>,
}

/// The pooled data of two groups (group 1's rows first) and what every
/// split shares: the standardized data, its correlations and the pooled
/// composite scores.
pub struct Pooled<'a> {
    pub x: &'a DMatrix<f64>,
    pub n1: usize,
    pub design: &'a Design,
    pub settings: &'a Settings,
    /// Correlations of the pooled observed indicators.
    s: DMatrix<f64>,
    /// Pooled composite scores per construct (unit variance), n × constructs.
    scores: DMatrix<f64>,
    /// Also compare weights, loadings and R² in every split.
    pub measures: Option<Catalog>,
}

/// Which permutations to run: seeded, or replayed (each a permutation of
/// the pooled rows, 0-based).
pub enum Permutations<'a> {
    Seeded { seed: u64, count: usize },
    Replay(&'a [Vec<usize>]),
}

impl<'a> Pooled<'a> {
    /// Estimate the pooled model (its weights give the composite scores of
    /// MICOM step 3).
    pub fn new(x: &'a DMatrix<f64>, n1: usize, design: &'a Design, settings: &'a Settings) -> Result<Self, EstError> {
        let est = estimate(x, design, &EstOptions::new(settings, Purpose::Full))?;
        let mut z = x.clone();
        standardize_in_place(&mut z).map_err(EstError::Constant)?;
        let s = cor_of_standardized(&z);
        let k0 = design.n_constructs();
        let mut scores = DMatrix::zeros(z.nrows(), k0);
        for j in 0..k0 {
            let r = design.blocks.ranges[j].clone();
            let col = z.columns(r.start, r.len()) * &est.weights[j];
            scores.set_column(j, &col);
        }
        Ok(Pooled { x, n1, design, settings, s, scores, measures: None })
    }

    /// The statistics of the split whose group 1 is the rows `order[..n1]`.
    pub fn split(&self, order: &[usize]) -> Result<SplitStats, EstError> {
        let d = self.design;
        let opts = EstOptions::new(self.settings, Purpose::Full);
        let p = self.x.ncols();
        let rows = |r: &[usize]| DMatrix::from_fn(r.len(), p, |i, j| self.x[(r[i], j)]);
        let (g1, g2) = order.split_at(self.n1);
        let e1 = estimate(&rows(g1), d, &opts)?;
        let e2 = estimate(&rows(g2), d, &opts)?;
        let diff = d.structure.paths.iter().map(|&(f, t)| e1.path(f, t) - e2.path(f, t)).collect();
        let k0 = d.n_constructs();
        let mut c = Vec::with_capacity(k0);
        let mut mean_diff = Vec::with_capacity(k0);
        let mut log_var_diff = Vec::with_capacity(k0);
        for j in 0..k0 {
            let r = d.blocks.ranges[j].clone();
            let sb = self.s.view((r.start, r.start), (r.len(), r.len()));
            let (w1, w2): (&DVector<f64>, &DVector<f64>) = (&e1.weights[j], &e2.weights[j]);
            let c12 = (w1.transpose() * sb * w2)[(0, 0)];
            let c11 = (w1.transpose() * sb * w1)[(0, 0)];
            let c22 = (w2.transpose() * sb * w2)[(0, 0)];
            c.push(c12 / (c11 * c22).sqrt());
            let (m1, v1) = mean_var(g1.iter().map(|&i| self.scores[(i, j)]));
            let (m2, v2) = mean_var(g2.iter().map(|&i| self.scores[(i, j)]));
            mean_diff.push(m1 - m2);
            log_var_diff.push(v1.ln() - v2.ln());
        }
        let measures = match &self.measures {
            Some(cat) => {
                let (v1, v2) = (cat.extract(d, &e1, false), cat.extract(d, &e2, false));
                measure_range(cat).map(|i| v1[i] - v2[i]).collect()
            }
            None => Vec::new(),
        };
        Ok(SplitStats { diff, c, mean_diff, log_var_diff, measures })
    }

    /// The observed split: group 1's rows first.
    pub fn observed(&self) -> Result<SplitStats, EstError> {
        let order: Vec<usize> = (0..self.x.nrows()).collect();
        self.split(&order)
    }

    /// Run permutations on `threads` threads; `None` when cancelled.
    pub fn permute(&self, which: Permutations, threads: usize, progress: &(dyn Fn(usize) -> bool + Sync)) -> Option<Vec<Result<SplitStats, ResampleFailure>>> {
        let n = self.x.nrows();
        let count = match &which {
            Permutations::Seeded { count, .. } => *count,
            Permutations::Replay(p) => p.len(),
        };
        let job = |k: usize, _: &mut ()| {
            match &which {
                Permutations::Seeded { seed, .. } => self.split(&permutation(*seed, k, n)),
                Permutations::Replay(p) => self.split(&p[k]),
            }
            .map_err(|e| failure_reason(self.design, &e))
        };
        run_indexed(count, threads, &job, progress)
    }
}

/// Where a catalog's weights, loadings and R² are (one after the other).
pub fn measure_range(cat: &Catalog) -> std::ops::Range<usize> {
    let o = cat.offsets();
    o.weights..o.htmt
}

/// Mean and variance (n − 1) of a sequence.
fn mean_var(it: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = it.clone().count() as f64;
    let m = it.clone().sum::<f64>() / n;
    let v = it.map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0);
    (m, v)
}

/// Whether `order` is a permutation of `0..n`.
pub fn is_permutation(order: &[usize], n: usize) -> bool {
    if order.len() != n {
        return false;
    }
    let mut seen = vec![false; n];
    order.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

/// Quantile (R type 7) of the finite values.
pub fn quantile(values: &[f64], p: f64) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    quantile_sorted(&v, p)
}

/// MICOM step 2's p: (1 + #{c* ≤ c}) / (1 + P).
pub fn p_below(observed: f64, permuted: &[f64]) -> f64 {
    if !observed.is_finite() {
        return f64::NAN;
    }
    let hits = permuted.iter().filter(|&&c| c <= observed).count();
    (1 + hits) as f64 / (1 + permuted.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair evaluated as seminr writes it.
    fn pls_mga_naive(b1: &[f64], b2: &[f64]) -> f64 {
        let j = b1.len().min(b2.len());
        let (m1, m2) = (mean(&b1[..j]), mean(&b2[..j]));
        let mut count = 0usize;
        for &x in &b1[..j] {
            for &y in &b2[..j] {
                if 2.0 * m1 - x - 2.0 * m2 + y > 0.0 {
                    count += 1;
                }
            }
        }
        1.0 - count as f64 / (j * j) as f64
    }

    #[test]
    fn pls_mga_counts_like_every_pair() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for trial in 0..20 {
            let n1 = 50 + trial;
            let b1: Vec<f64> = (0..n1).map(|_| rng.random_range(0.0..1.0)).collect();
            let b2: Vec<f64> = (0..60).map(|_| rng.random_range(0.2..0.9)).collect();
            assert_eq!(pls_mga_p(&b1, &b2), pls_mga_naive(&b1, &b2));
        }
        // far apart: group 1 larger → p 0; smaller → p 1
        assert_eq!(pls_mga_p(&[0.1, 0.2, 0.3], &[0.5, 0.6, 0.7]), pls_mga_naive(&[0.1, 0.2, 0.3], &[0.5, 0.6, 0.7]));
    }

    #[test]
    fn parametric_and_welch_by_hand() {
        // b1 = 0.5, b2 = 0.3, se 0.1 and 0.15, n 100 and 80
        let df = 178.0;
        let pooled = ((99.0f64).powi(2) / df * 0.01 + (79.0f64).powi(2) / df * 0.0225).sqrt();
        let t = 0.2 / (pooled * (1.0 / 100.0 + 1.0 / 80.0f64).sqrt());
        assert!((p_parametric(0.5, 0.3, 0.1, 0.15, 100, 80) - p_student(t, df)).abs() < 1e-15);
        let (v1, v2): (f64, f64) = (0.99 * 0.01, 79.0 / 80.0 * 0.0225);
        let tw = 0.2 / (v1 + v2).sqrt();
        let dfw = (v1 + v2).powi(2) / (99.0 / 10000.0 * 1e-4 + 79.0 / 6400.0 * 0.15f64.powi(4)) - 2.0;
        assert!((p_welch(0.5, 0.3, 0.1, 0.15, 100, 80) - p_student(tw, dfw)).abs() < 1e-15);
        // equal coefficients: p = 1
        assert!((p_welch(0.4, 0.4, 0.1, 0.2, 50, 60) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn permutations_are_permutations_and_replayable() {
        let a = permutation(5, 3, 40);
        assert!(is_permutation(&a, 40));
        assert_eq!(a, permutation(5, 3, 40));
        assert_ne!(a, permutation(5, 4, 40));
        assert!(!is_permutation(&[0, 0, 1], 3));
        assert!(!is_permutation(&[0, 1], 3));
    }

    #[test]
    fn permutation_p_counts_the_observed_split() {
        assert_eq!(permutation_p(0.5, &[0.1, -0.6, 0.2, 0.5]), 3.0 / 5.0);
        assert_eq!(p_below(0.9, &[0.95, 0.99, 0.9, 0.8]), 3.0 / 5.0);
        assert_ne!(group_seed(1, 0), group_seed(1, 1));
        assert_ne!(group_seed(1, 0), permutation_seed(1));
    }
}
