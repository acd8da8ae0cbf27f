//! Bootstrap: resample rows, re-estimate, summarize.
//!
//! Resample b draws its rows from ChaCha8 seeded with `seed` on stream `b`,
//! so the result depends on (seed, b) alone: identical for any number of
//! threads or Web Workers and any order of completion. Every resample goes
//! through [`estimate`]; a resample that fails (constant indicator, singular
//! matrix, no convergence) is counted by reason and left out of the
//! summaries, never silently.

use super::estimate::{estimate_in_place, estimate_standardized, Design, EstError, EstOptions, Estimate, Purpose, RowWeights};
use super::evaluate::{has_indirect, htmt, path_matrix, slope_coefficients, total_effects};
use super::linalg::{cor_scaled, dot, quantile_select, weighted_sum_sq_dev};
use super::moments::{Moments, BATCH};
use super::settings::{CiMethod, Moderation, PValue, Settings, Significance, Tails};
use crate::data::MissingPolicy;
use crate::error::ResampleFailure;
use nalgebra::{DMatrix, DVector};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Which statistics each resample records, in vector order.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub paths: Vec<(usize, usize)>,
    pub total: Vec<(usize, usize)>,
    pub indirect: Vec<(usize, usize)>,
    pub n_items: usize,
    pub endogenous: Vec<usize>,
    pub htmt_pairs: Vec<(usize, usize)>,
    /// (interaction node, iv, moderator, dv) for simple slopes at −1, 0, +1 SD.
    pub slopes: Vec<(usize, usize, usize, usize)>,
    /// Two-stage approach: the constructs of the interaction terms, whose
    /// stage-1 weights' agreement with the full sample's (w₁·w₁*, the sign
    /// of the scores the product is built from) each resample records last,
    /// for [`super::sign`].
    pub stage1: Vec<usize>,
    /// The full sample's stage-1 weights (see [`Catalog::with_reference`]);
    /// without them the agreements are NaN.
    pub stage1_reference: Option<Vec<DVector<f64>>>,
    /// Mediation and conditional process statistics, recorded after the
    /// slopes when the analysis asks for them (`Settings::mediation`).
    pub mediation: Option<super::mediation::Mediation>,
}

pub const SLOPE_LEVELS: [f64; 3] = [-1.0, 0.0, 1.0];

impl Catalog {
    pub fn new(design: &Design) -> Self {
        let st = &design.structure;
        let k = design.n_nodes();
        let ind = has_indirect(st);
        let mut reach = DMatrix::from_element(k, k, false);
        for &(f, t) in &st.paths {
            reach[(f, t)] = true;
        }
        let mut total = Vec::new();
        let mut indirect = Vec::new();
        for i in 0..k {
            for j in 0..k {
                if reach[(i, j)] || ind[(i, j)] {
                    total.push((i, j));
                }
                if ind[(i, j)] {
                    indirect.push((i, j));
                }
            }
        }
        let mut slopes = Vec::new();
        for node in 0..k {
            if let Some((iv, moderator)) = design.interaction_of(node) {
                for &t in &st.succs[node] {
                    slopes.push((node, iv, moderator, t));
                }
            }
        }
        let mut htmt_pairs = Vec::new();
        for i in 0..k {
            for j in i + 1..k {
                htmt_pairs.push((i, j));
            }
        }
        let mut stage1 = Vec::new();
        if design.stage1.is_some() {
            for it in design.model.interactions() {
                for c in [it.iv, it.moderator] {
                    if !stage1.contains(&c) {
                        stage1.push(c);
                    }
                }
            }
        }
        Catalog {
            paths: st.paths.clone(),
            total,
            indirect,
            n_items: design.items.len(),
            endogenous: st.endogenous().collect(),
            htmt_pairs,
            slopes,
            stage1,
            stage1_reference: None,
            mediation: None,
        }
    }

    /// Record each resample's stage-1 sign against the full sample's
    /// estimate `full` (two-stage approach; otherwise nothing to record).
    pub fn with_reference(mut self, full: &Estimate) -> Self {
        self.stage1_reference = full.interactions.stage1_weights.clone();
        self
    }

    pub fn len(&self) -> usize {
        self.paths.len()
            + self.total.len()
            + self.indirect.len()
            + 2 * self.n_items
            + self.endogenous.len()
            + self.htmt_pairs.len()
            + 3 * self.slopes.len()
            + self.stage1.len()
            + self.mediation.as_ref().map_or(0, |m| m.len())
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Offsets of each section in the vector.
    pub fn offsets(&self) -> Offsets {
        let paths = 0;
        let total = paths + self.paths.len();
        let indirect = total + self.total.len();
        let weights = indirect + self.indirect.len();
        let loadings = weights + self.n_items;
        let r2 = loadings + self.n_items;
        let htmt = r2 + self.endogenous.len();
        let slopes = htmt + self.htmt_pairs.len();
        let stage1 = slopes + 3 * self.slopes.len();
        let mediation = stage1 + self.stage1.len();
        Offsets { paths, total, indirect, weights, loadings, r2, htmt, slopes, stage1, mediation }
    }

    pub fn extract(&self, design: &Design, est: &Estimate, htmt_absolute: bool) -> Vec<f64> {
        let mut v = Vec::with_capacity(self.len());
        for &(f, t) in &self.paths {
            v.push(est.path(f, t));
        }
        let b = path_matrix(design, est);
        let te = total_effects(&b);
        for &(f, t) in &self.total {
            v.push(te[(f, t)]);
        }
        for &(f, t) in &self.indirect {
            v.push(te[(f, t)] - b[(f, t)]);
        }
        for (j, r) in design.blocks.ranges.iter().enumerate() {
            for a in 0..r.len() {
                v.push(est.weights[j][a]);
            }
        }
        for (j, r) in design.blocks.ranges.iter().enumerate() {
            for a in 0..r.len() {
                v.push(est.loading(design, j, a));
            }
        }
        for &j in &self.endogenous {
            v.push(est.r2(j));
        }
        if !self.htmt_pairs.is_empty() {
            let h = htmt(design, &est.s, htmt_absolute);
            v.extend(self.htmt_pairs.iter().map(|&(i, j)| h[(i, j)]));
        }
        for &(node, iv, m, dv) in &self.slopes {
            let c = slope_coefficients(est, node, iv, m, dv);
            for l in SLOPE_LEVELS {
                v.push(c.slope(l));
            }
        }
        for &c in &self.stage1 {
            let agreement = match (&self.stage1_reference, &est.interactions.stage1_weights) {
                (Some(r), Some(w)) => r[c].dot(&w[c]),
                _ => f64::NAN,
            };
            v.push(agreement);
        }
        if let Some(m) = &self.mediation {
            m.extract_into(est, &mut v);
        }
        v
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Offsets {
    pub paths: usize,
    pub total: usize,
    pub indirect: usize,
    pub weights: usize,
    pub loadings: usize,
    pub r2: usize,
    pub htmt: usize,
    pub slopes: usize,
    pub stage1: usize,
    /// Start of the mediation statistics (`Catalog::mediation`).
    pub mediation: usize,
}

/// The raw outcome of a range of resamples.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draws {
    /// Index of the first resample in `values`.
    pub start: usize,
    /// One entry per resample: the statistics, or why it failed.
    #[serde(with = "packed")]
    pub values: Vec<Result<Vec<f64>, ResampleFailure>>,
    /// Resamples kept although the algorithm hit the iteration limit.
    #[serde(default)]
    pub not_converged: usize,
    /// Resamples that hit the iteration limit (kept or left out) with the
    /// weights alternating between two states, and still drifting.
    #[serde(default)]
    pub oscillating: usize,
    #[serde(default)]
    pub drifting: usize,
}

/// How a resample's iteration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convergence {
    Converged,
    /// Iteration limit reached, the weights alternating between two states
    /// (see [`super::pls::oscillates`]).
    Oscillating,
    /// Iteration limit reached, the weights still moving the same way.
    Drifting,
}

/// `values` appended to `out` as little-endian bytes: how numbers travel
/// between the page and its workers (one Uint8Array, copied at memory
/// speed, instead of one JavaScript number each).
pub(crate) fn push_le_bytes(out: &mut Vec<u8>, values: &[f64]) {
    values.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
}

/// The numbers of [`push_le_bytes`] back (`bytes` a multiple of 8 long).
pub(crate) fn from_le_bytes(bytes: &[u8]) -> Vec<f64> {
    bytes.chunks_exact(8).map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes"))).collect()
}

/// How [`Draws::values`] travel between the page and its workers: the
/// statistics of the successful resamples as one block of little-endian f64
/// bytes (a single Uint8Array, copied at memory speed) and the failures by
/// index, instead of one array of numbers per resample.
mod packed {
    use crate::error::ResampleFailure;
    use serde::{de::Error as _, ser::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Packed {
        /// Statistics per successful resample.
        width: usize,
        #[serde(with = "serde_bytes")]
        ok: Vec<u8>,
        /// (position, reason) of each failed resample, in order.
        failed: Vec<(usize, ResampleFailure)>,
    }

    pub fn serialize<S: Serializer>(values: &[Result<Vec<f64>, ResampleFailure>], s: S) -> Result<S::Ok, S::Error> {
        let width = values.iter().find_map(|r| r.as_ref().ok()).map_or(0, |v| v.len());
        let mut ok = Vec::with_capacity(values.len() * width * 8);
        let mut failed = Vec::new();
        for (i, r) in values.iter().enumerate() {
            match r {
                Ok(v) if v.len() == width => super::push_le_bytes(&mut ok, v),
                Ok(v) => return Err(S::Error::custom(format!("resample {i} has {} statistics, not {width}", v.len()))),
                Err(e) => failed.push((i, e.clone())),
            }
        }
        Packed { width, ok, failed }.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Result<Vec<f64>, ResampleFailure>>, D::Error> {
        let p = Packed::deserialize(d)?;
        let row = p.width * 8;
        if (row == 0 && !p.ok.is_empty()) || (row > 0 && p.ok.len() % row != 0) {
            return Err(D::Error::custom("resample statistics are cut short"));
        }
        let n_ok = if row == 0 { 0 } else { p.ok.len() / row };
        let total = n_ok + p.failed.len();
        let mut out = Vec::with_capacity(total);
        let mut rows = p.ok.chunks_exact(row.max(1));
        let mut failed = p.failed.into_iter().peekable();
        for i in 0..total {
            match failed.next_if(|(at, _)| *at == i) {
                Some((_, reason)) => out.push(Err(reason)),
                None => {
                    let bytes = rows.next().ok_or_else(|| D::Error::custom("failed resamples out of order"))?;
                    out.push(Ok(super::from_le_bytes(bytes)));
                }
            }
        }
        if failed.next().is_some() {
            return Err(D::Error::custom("failed resamples out of order"));
        }
        Ok(out)
    }
}

/// The data a resample draws from.
#[derive(Debug, Clone)]
pub struct BootData {
    /// Complete data (after the missing-value policy), n × observed.
    pub x: DMatrix<f64>,
    /// The data before the missing-value policy (with NaN), kept only when
    /// missing values are handled within each resample and there are some.
    pub raw: Option<DMatrix<f64>>,
    /// `Some(policy)`: replace or delete missing values within each resample.
    pub per_resample: Option<MissingPolicy>,
    /// Complete data of a moderate size: resamples' correlations in
    /// batches (see [`super::moments`]).
    pub moments: Option<Moments>,
}

impl BootData {
    /// `raw`: the data before the missing-value policy, given only when
    /// resamples handle missing values themselves (they then apply
    /// `settings.missing`).
    pub fn new(complete: DMatrix<f64>, raw: Option<DMatrix<f64>>, settings: &Settings) -> Self {
        let per_resample = raw.as_ref().map(|_| settings.missing);
        let moments = if per_resample.is_none() { Moments::new(&complete) } else { None };
        BootData { x: complete, raw, per_resample, moments }
    }

    /// The matrix resamples are drawn from.
    fn source(&self) -> &DMatrix<f64> {
        self.raw.as_ref().unwrap_or(&self.x)
    }

    pub fn n(&self) -> usize {
        self.source().nrows()
    }

    /// Rows for resample b.
    pub fn indices(&self, seed: u64, b: usize) -> Vec<usize> {
        let n = self.n();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(b as u64);
        (0..n).map(|_| rng.random_range(0..n)).collect()
    }

    /// The resampled data matrix, missing values handled if needed, written
    /// into `out` (reused across resamples: no allocation when the shape
    /// stays the same).
    pub fn resample_into(&self, idx: &[usize], out: &mut DMatrix<f64>) -> Result<(), ResampleFailure> {
        let x = self.source();
        let p = x.ncols();
        let n = x.nrows();
        let m_rows = idx.len();
        if out.shape() != (m_rows, p) {
            *out = DMatrix::zeros(m_rows, p);
        }
        // column by column: a gather over one contiguous source column
        let src = x.as_slice();
        for (j, dst) in out.as_mut_slice().chunks_exact_mut(m_rows.max(1)).enumerate() {
            let col = &src[j * n..(j + 1) * n];
            for (d, &i) in dst.iter_mut().zip(idx) {
                *d = col[i];
            }
        }
        match self.per_resample {
            None => Ok(()),
            Some(MissingPolicy::MeanReplacement) => {
                for mut col in out.column_iter_mut() {
                    let (s, c) = col.iter().filter(|v| !v.is_nan()).fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
                    if c == 0 {
                        return Err(ResampleFailure::AllMissing);
                    }
                    let mean = s / c as f64;
                    for v in col.iter_mut() {
                        if v.is_nan() {
                            *v = mean;
                        }
                    }
                }
                Ok(())
            }
            // the resample's own pairwise correlations (the estimate sees the NaN)
            Some(MissingPolicy::PairwiseDeletion) => Ok(()),
            Some(MissingPolicy::CasewiseDeletion) => {
                let keep: Vec<usize> = (0..out.nrows()).filter(|&i| out.row(i).iter().all(|v| !v.is_nan())).collect();
                if keep.len() < 3 {
                    return Err(ResampleFailure::TooFewRows);
                }
                *out = DMatrix::from_fn(keep.len(), p, |i, j| out[(keep[i], j)]);
                Ok(())
            }
        }
    }
}

/// A thread's working memory for resamples, reused from one to the next.
#[derive(Default)]
pub struct Scratch {
    /// The resample's data (all rows, or the distinct rows with √count).
    x: DMatrix<f64>,
    counts: Vec<u32>,
    rows: Vec<usize>,
    /// Times drawn, per distinct row, and its square root.
    w: Vec<f64>,
    sqrt_w: Vec<f64>,
    /// A batch's counts (n × batch) and sums and products (see
    /// [`super::moments`]).
    batch_counts: Vec<f64>,
    batch_moments: Vec<f64>,
}

impl BootData {
    /// Whether resamples can be estimated from their distinct rows and
    /// counts: complete data (no per-resample missing values) and no
    /// orthogonalized interaction (its regression is not weighted).
    pub fn by_counts(&self, design: &Design) -> bool {
        self.per_resample.is_none() && design.moderation != Moderation::Orthogonal
    }

    /// The resample's distinct rows, each standardized with the resample's
    /// means and SDs and multiplied by √(times drawn), into `sc.x`;
    /// `sc.sqrt_w` gets the √counts. The correlation matrix of these rows
    /// (f · X'X) is the resample's: a row drawn k times counts k times,
    /// and rows never drawn (about 37 %) cost nothing.
    fn standardized_by_counts(&self, idx: &[usize], sc: &mut Scratch) -> Result<(), EstError> {
        let x = &self.x;
        let (n, p) = x.shape();
        sc.counts.clear();
        sc.counts.resize(n, 0);
        for &i in idx {
            sc.counts[i] += 1;
        }
        sc.rows.clear();
        sc.rows.extend((0..n).filter(|&i| sc.counts[i] > 0));
        sc.w.clear();
        sc.w.extend(sc.rows.iter().map(|&i| sc.counts[i] as f64));
        sc.sqrt_w.clear();
        sc.sqrt_w.extend(sc.w.iter().map(|w| w.sqrt()));
        let m = sc.rows.len();
        // the number of distinct rows changes from resample to resample:
        // reuse the buffer's capacity rather than allocate anew each time
        let mut buf: Vec<f64> = std::mem::replace(&mut sc.x, DMatrix::zeros(0, 0)).data.into();
        if buf.capacity() < m * p {
            // 2 % spare instead of doubling: resamples differ in size by a
            // few rows
            buf.reserve_exact(m * p + m * p / 50 - buf.len());
        }
        buf.resize(m * p, 0.0);
        sc.x = DMatrix::from_vec(m, p, buf);
        let total = idx.len();
        let nf = total as f64;
        let src = x.as_slice();
        for (j, dst) in sc.x.as_mut_slice().chunks_exact_mut(m.max(1)).enumerate() {
            let col = &src[j * n..(j + 1) * n];
            for (d, &i) in dst.iter_mut().zip(&sc.rows) {
                *d = col[i];
            }
            let mean = dot(dst, &sc.w) / nf;
            let sd = (weighted_sum_sq_dev(dst, &sc.w, mean) / (nf - 1.0)).sqrt();
            if !(sd.is_finite() && sd > 0.0) {
                return Err(EstError::Constant(j));
            }
            let f = 1.0 / sd;
            for (d, s) in dst.iter_mut().zip(&sc.sqrt_w) {
                *d = (*d - mean) * f * s;
            }
        }
        Ok(())
    }
}

/// Why one resample failed, by name.
pub fn failure_reason(design: &Design, e: &EstError) -> ResampleFailure {
    ResampleFailure::Estimation(super::problem(design, e))
}

/// One resample: indices → statistics.
pub fn one_draw(
    data: &BootData,
    design: &Design,
    catalog: &Catalog,
    settings: &Settings,
    start: Option<&[DVector<f64>]>,
    idx: &[usize],
    scratch: &mut Scratch,
) -> DrawOutcome {
    let failed = |e: ResampleFailure| (e, Convergence::Converged);
    let opts = EstOptions::new(settings, Purpose::Resample { start });
    let est = if data.by_counts(design) {
        data.standardized_by_counts(idx, scratch).map_err(|e| failed(failure_reason(design, &e)))?;
        let w = RowWeights { sqrt_w: &scratch.sqrt_w, n: idx.len() };
        let s_obs = cor_scaled(&scratch.x, 1.0 / (idx.len() as f64 - 1.0));
        estimate_standardized(&scratch.x, s_obs, Some(&w), design, &opts).map(|(e, _)| e)
    } else {
        data.resample_into(idx, &mut scratch.x).map_err(failed)?;
        estimate_in_place(&mut scratch.x, design, &opts).map(|(e, _)| e)
    }
    .map_err(|e| failed(failure_reason(design, &e)))?;
    conclude(design, catalog, settings, &est)
}

/// A resample's statistics, or why it failed; how its estimate converged.
pub type DrawOutcome = Result<(Vec<f64>, Convergence), (ResampleFailure, Convergence)>;

/// What every resample of a run shares.
struct Setup<'a> {
    data: &'a BootData,
    moments: &'a Moments,
    design: &'a Design,
    catalog: &'a Catalog,
    settings: &'a Settings,
    start: Option<&'a [DVector<f64>]>,
}

/// One resample of a batch: its correlations from the batch's sums and
/// products `g` (see [`super::moments`]); its rows only when the design
/// builds columns from them (interaction terms, higher-order constructs).
fn moment_draw(run: &Setup, idx: &[usize], g: &[f64], scratch: &mut Scratch) -> DrawOutcome {
    let design = run.design;
    let failed = |e: EstError| (failure_reason(design, &e), Convergence::Converged);
    let opts = EstOptions::new(run.settings, Purpose::Resample { start: run.start });
    let s_obs = run.moments.correlation(g, idx.len()).map_err(|j| failed(EstError::Constant(j)))?;
    if design.builds_columns() {
        run.data.standardized_by_counts(idx, scratch).map_err(failed)?;
    } else {
        scratch.sqrt_w.clear();
        if scratch.x.nrows() != 0 {
            scratch.x = DMatrix::zeros(0, 0);
        }
    }
    let w = RowWeights { sqrt_w: &scratch.sqrt_w, n: idx.len() };
    let est = estimate_standardized(&scratch.x, s_obs, Some(&w), design, &opts).map(|(e, _)| e).map_err(failed)?;
    conclude(design, run.catalog, run.settings, &est)
}

/// A fitted resample's statistics, or why it is left out.
fn conclude(design: &Design, catalog: &Catalog, settings: &Settings, est: &Estimate) -> DrawOutcome {
    let convergence = match (est.converged && est.stage1_converged, est.oscillating) {
        (true, _) => Convergence::Converged,
        (false, true) => Convergence::Oscillating,
        (false, false) => Convergence::Drifting,
    };
    if convergence != Convergence::Converged && settings.drop_nonconverged {
        return Err((ResampleFailure::NotConverged, convergence));
    }
    let v = catalog.extract(design, est, settings.htmt_absolute);
    if v.iter().any(|x| x.is_infinite()) {
        return Err((ResampleFailure::Infinite, convergence));
    }
    Ok((v, convergence))
}

/// Resamples `lo..hi` of `which` as one batch (see [`super::moments`]).
fn batch_of_draws(run: &Setup, which: &Resamples, (lo, hi): (usize, usize), scratch: &mut Scratch) -> Vec<DrawOutcome> {
    let (data, moments) = (run.data, run.moments);
    let n = moments.n();
    let idxs: Vec<std::borrow::Cow<[usize]>> = (lo..hi)
        .map(|i| match which {
            Resamples::Seeded { seed, range } => std::borrow::Cow::Owned(data.indices(*seed, range.start + i)),
            Resamples::Replay { indices, .. } => std::borrow::Cow::Borrowed(indices[i].as_slice()),
        })
        .collect();
    let usable = |idx: &[usize]| idx.len() >= 2 && idx.iter().all(|&r| r < n);
    let mut counts = std::mem::take(&mut scratch.batch_counts);
    counts.clear();
    counts.resize(n * idxs.len(), 0.0);
    for (r, idx) in idxs.iter().enumerate() {
        if usable(idx) {
            let col = &mut counts[r * n..(r + 1) * n];
            for &i in idx.iter() {
                col[i] += 1.0;
            }
        }
    }
    let mut g = std::mem::take(&mut scratch.batch_moments);
    moments.batch(&counts, idxs.len(), &mut g);
    let width = moments.width();
    let out = idxs
        .iter()
        .enumerate()
        .map(|(r, idx)| {
            if usable(idx) {
                moment_draw(run, idx, &g[r * width..(r + 1) * width], scratch)
            } else if idx.iter().any(|&i| i >= n) {
                Err((ResampleFailure::ReplayOutOfRange, Convergence::Converged))
            } else {
                // fewer than two rows: as any resample
                one_draw(data, run.design, run.catalog, run.settings, run.start, idx, scratch)
            }
        })
        .collect();
    scratch.batch_counts = counts;
    scratch.batch_moments = g;
    out
}

/// Which resamples to run: by (seed, b), or replayed from given rows.
pub enum Resamples<'a> {
    Seeded { seed: u64, range: std::ops::Range<usize> },
    Replay { indices: &'a [Vec<usize>], start: usize },
}

/// Run resamples on `threads` threads (1 = inline, as in a Web Worker).
/// `progress(done)` is called after each resample; returning false cancels
/// (then `None` is returned).
#[allow(clippy::too_many_arguments)]
pub fn run_draws(
    data: &BootData,
    design: &Design,
    catalog: &Catalog,
    settings: &Settings,
    start: Option<&[DVector<f64>]>,
    which: Resamples,
    threads: usize,
    progress: &(dyn Fn(usize) -> bool + Sync),
) -> Option<Draws> {
    let (first, count) = match &which {
        Resamples::Seeded { range, .. } => (range.start, range.len()),
        Resamples::Replay { indices, start } => (*start, indices.len()),
    };
    let pack = |results: Vec<DrawOutcome>| {
        let how = |r: &DrawOutcome| match r {
            Ok((_, c)) | Err((_, c)) => *c,
        };
        let not_converged = results.iter().filter(|r| matches!(r, Ok((_, c)) if *c != Convergence::Converged)).count();
        let oscillating = results.iter().filter(|r| how(r) == Convergence::Oscillating).count();
        let drifting = results.iter().filter(|r| how(r) == Convergence::Drifting).count();
        let values = results.into_iter().map(|r| r.map(|(v, _)| v).map_err(|(e, _)| e)).collect();
        Draws { start: first, values, not_converged, oscillating, drifting }
    };
    if let (Some(moments), true) = (&data.moments, data.by_counts(design)) {
        // batches of BATCH resamples; a resample's statistics do not depend
        // on the batch it falls in (see `moments`)
        let batches = count.div_ceil(BATCH);
        let run = Setup { data, moments, design, catalog, settings, start };
        let job = |q: usize, scratch: &mut Scratch| {
            let span = (q * BATCH, ((q + 1) * BATCH).min(count));
            batch_of_draws(&run, &which, span, scratch)
        };
        let batch_progress = |done: usize| progress((done * BATCH).min(count));
        return run_indexed(batches, threads, &job, &batch_progress).map(|b| pack(b.into_iter().flatten().collect()));
    }
    // `scratch`: the thread's resample buffer
    let job = |i: usize, scratch: &mut Scratch| -> DrawOutcome {
        match &which {
            Resamples::Seeded { seed, range } => {
                let idx = data.indices(*seed, range.start + i);
                one_draw(data, design, catalog, settings, start, &idx, scratch)
            }
            Resamples::Replay { indices, .. } => {
                let idx = &indices[i];
                if idx.iter().any(|&r| r >= data.n()) {
                    return Err((ResampleFailure::ReplayOutOfRange, Convergence::Converged));
                }
                one_draw(data, design, catalog, settings, start, idx, scratch)
            }
        }
    };
    run_indexed(count, threads, &job, progress).map(pack)
}

/// Run jobs `0..count` on `threads` threads (1 = inline, as in a Web
/// Worker), each thread with its own working memory `S` reused from job to
/// job. The results come back in job order, so they do not depend on the
/// number of threads or on which job finishes first. `progress(done)` is
/// called after each job; returning false cancels (then `None` is returned).
pub fn run_indexed<T: Send, S: Default>(
    count: usize,
    threads: usize,
    job: &(dyn Fn(usize, &mut S) -> T + Sync),
    progress: &(dyn Fn(usize) -> bool + Sync),
) -> Option<Vec<T>> {
    let threads = threads.max(1).min(count.max(1));
    if threads == 1 {
        let mut values = Vec::with_capacity(count);
        let mut scratch = S::default();
        for i in 0..count {
            values.push(job(i, &mut scratch));
            if !progress(i + 1) {
                return None;
            }
        }
        return Some(values);
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let cancel = AtomicBool::new(false);
    let slots: Mutex<Vec<Option<T>>> = Mutex::new((0..count).map(|_| None).collect());
    let work = || {
        let mut scratch = S::default();
        loop {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            let r = job(i, &mut scratch);
            slots.lock().expect("no panics while holding the lock")[i] = Some(r);
            let d = done.fetch_add(1, Ordering::Relaxed) + 1;
            if !progress(d) {
                cancel.store(true, Ordering::Relaxed);
            }
        }
    };
    // the calling thread is one of the workers
    std::thread::scope(|sc| {
        for _ in 1..threads {
            sc.spawn(work);
        }
        work();
    });
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    Some(slots.into_inner().expect("threads joined").into_iter().map(|v| v.expect("every slot filled")).collect())
}

/// The verdicts of one statistic: significant by the setting's rule, and
/// whether the p-value and the interval disagree about it (a skewed or
/// two-humped bootstrap distribution). `None` without p or interval.
pub fn verdict(s: &Summary, settings: &Settings) -> (Option<bool>, Option<bool>) {
    let by_p = (!s.p.is_nan()).then(|| s.p < settings.alpha);
    let by_ci = (s.lo.is_finite() && s.hi.is_finite()).then(|| s.lo > 0.0 || s.hi < 0.0);
    let significant = match settings.significance {
        Significance::PValue => by_p,
        Significance::Interval => by_ci,
    };
    let disagree = by_p.zip(by_ci).map(|(a, b)| a != b);
    (significant, disagree)
}

/// Summary of one statistic over the successful resamples.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub estimate: f64,
    pub mean: f64,
    pub se: f64,
    pub t: f64,
    pub p: f64,
    pub lo: f64,
    pub hi: f64,
}

/// A bootstrap SD below this (relative to the statistic's size) is rounding
/// noise: the statistic is constant across resamples (e.g. the weight of a
/// single indicator), and t and p are not reported.
pub const NO_VARIATION: f64 = 1e-12;

pub fn normal_quantile(p: f64) -> f64 {
    Normal::new(0.0, 1.0).expect("valid").inverse_cdf(p)
}
fn normal_cdf(x: f64) -> f64 {
    Normal::new(0.0, 1.0).expect("valid").cdf(x)
}

/// Two-tailed p-value of t with `df` degrees of freedom, from the upper
/// tail itself (1 − CDF would lose the digits of a p below about 1e-10).
pub fn p_student(t: f64, df: f64) -> f64 {
    if !t.is_finite() {
        return if t.is_nan() { f64::NAN } else { 0.0 };
    }
    let dist = StudentsT::new(0.0, 1.0, df).expect("df > 0");
    2.0 * dist.sf(t.abs())
}

/// Summaries of every statistic. `jack`: leave-one-out estimates for BCa.
pub fn summarize(
    original: &[f64],
    draws: &[&Vec<f64>],
    settings: &Settings,
    jack: Option<&[Vec<f64>]>,
) -> Vec<Summary> {
    let b = draws.len();
    // a one-tailed test at α reads the (1 − 2α) interval (see `Tails`)
    let alpha = match settings.tails {
        Tails::Two => settings.alpha,
        Tails::One => 2.0 * settings.alpha,
    };
    let halve = settings.tails == Tails::One;
    let mut col = Vec::with_capacity(b);
    (0..original.len())
        .map(|s| {
            col.clear();
            col.extend(draws.iter().map(|d| d[s]).filter(|v| v.is_finite()));
            let est = original[s];
            let m = col.len();
            if m < 2 || !est.is_finite() {
                return Summary { estimate: est, mean: f64::NAN, se: f64::NAN, t: f64::NAN, p: f64::NAN, lo: f64::NAN, hi: f64::NAN };
            }
            let mf = m as f64;
            let mean = col.iter().sum::<f64>() / mf;
            let se = (col.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (mf - 1.0)).sqrt();
            // A statistic that never varies (a single-item loading) has no t;
            // its SD is rounding noise, so compare with the value's own scale.
            let t = if se > NO_VARIATION * mean.abs().max(1.0) { est / se } else { f64::NAN };
            let p = if t.is_nan() { f64::NAN } else { match settings.p_value {
                PValue::StudentT => p_student(t, mf - 1.0),
                PValue::Normal => 2.0 * normal_cdf(-t.abs()),
                PValue::Empirical => {
                    let below = col.iter().filter(|&&v| v <= 0.0).count() as f64 / mf;
                    let above = col.iter().filter(|&&v| v >= 0.0).count() as f64 / mf;
                    (2.0 * below.min(above)).min(1.0)
                }
            } };
            let p = if halve { p / 2.0 } else { p };
            let (mut qlo, mut qhi) = (alpha / 2.0, 1.0 - alpha / 2.0);
            if let (CiMethod::Bca, Some(jk)) = (settings.ci, jack) {
                let less = col.iter().filter(|&&v| v < est).count() as f64 / mf;
                let z0 = normal_quantile(less.clamp(0.5 / mf, 1.0 - 0.5 / mf));
                let th: Vec<f64> = jk.iter().map(|v| v[s]).filter(|v| v.is_finite()).collect();
                let tm = th.iter().sum::<f64>() / th.len() as f64;
                let num: f64 = th.iter().map(|v| (tm - v).powi(3)).sum();
                let den: f64 = th.iter().map(|v| (tm - v).powi(2)).sum();
                let a = if den > 0.0 { num / (6.0 * den.powf(1.5)) } else { 0.0 };
                let adj = |q: f64| {
                    let zq = normal_quantile(q);
                    normal_cdf(z0 + (z0 + zq) / (1.0 - a * (z0 + zq)))
                };
                qlo = adj(qlo);
                qhi = adj(qhi);
            }
            Summary {
                estimate: est,
                mean,
                se,
                t,
                p,
                // two selections: the order statistics a sort would give, in
                // linear time (this was most of the summaries' cost)
                lo: quantile_select(&mut col, qlo),
                hi: quantile_select(&mut col, qhi),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn student_t_p_values_match_published_smartpls_tables() {
        // SmartPLS 3 tables with 500 resamples (df = 499), DESIGN.md §3.
        assert!((p_student(2.174, 499.0) - 0.030).abs() < 5e-4);
        assert!((p_student(1.464, 499.0) - 0.144).abs() < 5e-4);
        assert!((p_student(0.003, 499.0) - 0.998).abs() < 5e-4);
    }

    /// Small p-values keep their digits: with 2 df the two-tailed p is
    /// 1 − t/√(t² + 2) = 2/(√(t² + 2)(√(t² + 2) + t)), about 1e-12 at
    /// t = 10⁶, where 1 − CDF is left with about 4 digits.
    #[test]
    fn small_p_values_keep_their_digits() {
        for t in [1e3, 1e5, 1e6] {
            let r = (t * t + 2.0f64).sqrt();
            let exact = 2.0 / (r * (r + t));
            let p = p_student(-t, 2.0);
            assert!(((p - exact) / exact).abs() < 1e-9, "t = {t}: {p:e} vs {exact:e}");
        }
    }

    /// A resample estimated from its distinct rows and counts equals the
    /// same resample with its rows written out.
    #[test]
    fn resamples_by_counts_equal_resamples_written_out() {
        use crate::engine::estimate::estimate;
        use crate::engine::testdata::study;
        let cases = [
            (40, 3, Moderation::TwoStage, Settings::smartpls()),
            (300, 4, Moderation::ProductIndicator, Settings::smartpls()),
            (3000, 8, Moderation::TwoStage, Settings::smartpls()),
            // seminr rescales the interaction by the products' SDs
            (200, 3, Moderation::TwoStage, Settings::seminr()),
            (200, 3, Moderation::ProductIndicator, Settings::seminr()),
        ];
        let mut designs: Vec<(DMatrix<f64>, Design, Settings)> =
            cases.into_iter().map(|(n, items, moderation, settings)| {
                let (x, design) = study(n, 4, items, moderation);
                (x, design, settings)
            }).collect();
        // a Mode B construct, a single-item construct, and PLSc
        let (x, _) = study(250, 4, 3, Moderation::TwoStage);
        let text = "A0 <~ A0_0 + A0_1 + A0_2\nA1 =~ A1_0 + A1_1 + A1_2\nA2 =~ A2_0 + A2_1 + A2_2\nA3 =~ A3_0\nA1 ~ A0\nA2 ~ A1 + A0:A1\nA3 ~ A2\n";
        let names: Vec<String> = (0..4).flat_map(|c| (0..3).map(move |i| format!("A{c}_{i}"))).collect();
        let model = crate::model::validate(&crate::model::parse_syntax(text).unwrap(), &names).unwrap();
        let design = Design::new(&model, Moderation::TwoStage);
        let x = x.columns(0, 10).into_owned();
        designs.push((x.clone(), design, Settings { consistent: true, ..Settings::smartpls() }));
        // no interaction: resamples need no rows at all, only their correlations
        let plain = "A0 =~ A0_0 + A0_1 + A0_2\nA1 =~ A1_0 + A1_1 + A1_2\nA2 <~ A2_0 + A2_1 + A2_2\nA3 =~ A3_0\nA1 ~ A0\nA2 ~ A1 + A0\nA3 ~ A2\n";
        let model = crate::model::validate(&crate::model::parse_syntax(plain).unwrap(), &names).unwrap();
        designs.push((x, Design::new(&model, Moderation::TwoStage), Settings::smartpls()));
        for (x, design, settings) in designs {
            let n = x.nrows();
            let data = BootData::new(x.clone(), None, &settings);
            assert!(data.by_counts(&design));
            // with the full sample's stage-1 weights, so their agreements are compared too
            let reference = estimate(&x, &design, &EstOptions::new(&settings, Purpose::Full)).unwrap();
            let catalog = Catalog::new(&design).with_reference(&reference);
            let mut scratch = Scratch::default();
            // and in batches from the sums and products, where the data are small enough
            let batched = data.moments.as_ref().map(|_| {
                run_draws(&data, &design, &catalog, &settings, None, Resamples::Seeded { seed: 3, range: 0..5 }, 1, &|_| true).unwrap()
            });
            assert_eq!(batched.is_some(), n <= 300, "n = {n}: batches for moderate data only");
            for b in 0..5 {
                let idx = data.indices(3, b);
                let (by_counts, _) = one_draw(&data, &design, &catalog, &settings, None, &idx, &mut scratch).unwrap();
                let written = DMatrix::from_fn(n, x.ncols(), |i, j| x[(idx[i], j)]);
                let opts = EstOptions::new(&settings, Purpose::Resample { start: None });
                let full = catalog.extract(&design, &estimate(&written, &design, &opts).unwrap(), settings.htmt_absolute);
                assert_eq!(by_counts.len(), full.len());
                for (k, (a, e)) in by_counts.iter().zip(&full).enumerate() {
                    assert!((a - e).abs() < 1e-12, "n = {n}, resample {b}, statistic {k}: {a} vs {e}");
                }
                if let Some(d) = &batched {
                    let got = d.values[b].as_ref().unwrap();
                    for (k, (a, e)) in got.iter().zip(&full).enumerate() {
                        assert!((a - e).abs() < 1e-12, "batched, n = {n}, resample {b}, statistic {k}: {a} vs {e}");
                    }
                }
            }
        }
    }

    /// One tail halves p and reads the (1 − 2α) interval; the verdict
    /// follows the rule, and a skewed distribution where p and the
    /// interval disagree is marked.
    #[test]
    fn tails_and_the_verdict_rule() {
        // 0.5 with a long left tail: t is large, but 5 % of the resamples lie
        // below zero, so the 95 % interval reaches past zero
        let mut vals: Vec<Vec<f64>> = (0..940).map(|i| vec![0.45 + 0.1 * (i as f64 / 939.0)]).collect();
        vals.extend((0..60).map(|i| vec![-0.3 + 0.2 * (i as f64 / 59.0)]));
        let draws: Vec<&Vec<f64>> = vals.iter().collect();
        let two = Settings { bootstrap: 1000, ..Settings::smartpls() };
        let one = Settings { tails: Tails::One, ..two.clone() };
        let s2 = summarize(&[0.5], &draws, &two, None)[0];
        let s1 = summarize(&[0.5], &draws, &one, None)[0];
        assert!((s1.p - s2.p / 2.0).abs() < 1e-15 && s2.p < 0.05, "{s1:?} {s2:?}");
        assert!(s2.lo < 0.0 && s1.lo > s2.lo && s1.hi < s2.hi, "{s1:?} {s2:?}");
        let mut sorted: Vec<f64> = vals.iter().map(|v| v[0]).collect();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        assert_eq!(s1.lo, crate::engine::linalg::quantile_sorted(&sorted, 0.05));
        assert_eq!(verdict(&s2, &two), (Some(true), Some(true)));
        let by_ci = Settings { significance: Significance::Interval, ..two.clone() };
        assert_eq!(verdict(&s2, &by_ci), (Some(false), Some(true)));
        // empirical p, one tail: the share below zero, not doubled
        let emp = Settings { p_value: PValue::Empirical, ..one.clone() };
        let se = summarize(&[0.5], &draws, &emp, None)[0];
        assert!((se.p - 0.06).abs() < 1e-12, "{se:?}");
    }

    #[test]
    fn draws_travel_packed_and_come_back_bit_for_bit() {
        let d = Draws {
            start: 100,
            values: vec![
                Err(ResampleFailure::Estimation(crate::error::EstimationProblem::ConstantIndicator { item: "x1".into() })),
                Ok(vec![0.5, f64::NAN, -1e-300]),
                Err(ResampleFailure::NotConverged),
                Ok(vec![2.0, 3.0, f64::INFINITY]),
            ],
            not_converged: 1,
            oscillating: 0,
            drifting: 1,
        };
        let back: Draws = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!((back.start, back.not_converged, back.values.len()), (100, 1, 4));
        for (a, b) in d.values.iter().zip(&back.values) {
            match (a, b) {
                (Ok(a), Ok(b)) => assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()) && a.len() == b.len()),
                (Err(a), Err(b)) => assert_eq!(a, b),
                _ => panic!("{a:?} came back as {b:?}"),
            }
        }
        let all_failed = Draws { start: 0, values: vec![Err(ResampleFailure::TooFewRows)], not_converged: 0, oscillating: 0, drifting: 0 };
        assert_eq!(serde_json::from_str::<Draws>(&serde_json::to_string(&all_failed).unwrap()).unwrap(), all_failed);
        // a failure index beyond the resamples is refused
        let bad = r#"{"start":0,"values":{"width":1,"ok":[0,0,0,0,0,0,240,63],"failed":[[5,"NotConverged"]]},"not_converged":0}"#;
        assert!(serde_json::from_str::<Draws>(bad).is_err());
    }

    #[test]
    fn resample_streams_depend_on_seed_and_index_only() {
        let x = DMatrix::from_fn(30, 2, |i, j| (i * 3 + j) as f64);
        let data = BootData { x, raw: None, per_resample: None, moments: None };
        assert_eq!(data.indices(7, 3), data.indices(7, 3));
        assert_ne!(data.indices(7, 3), data.indices(7, 4));
        assert_ne!(data.indices(7, 3), data.indices(8, 3));
        assert!(data.indices(1, 0).iter().all(|&i| i < 30));
    }
}
