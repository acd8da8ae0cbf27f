//! Plan the sample size: minimum sample sizes by the inverse square-root
//! method, and Monte-Carlo power of every path, interaction term and
//! specific indirect effect.
//!
//! # Minimum sample size (Kock & Hadaya 2018)
//!
//! The inverse square-root method: a path of standardized size β is
//! detected with power 1 − β_II at level α when
//! n > ((z_{1−α'} + z_{1−β_II}) / |β|)², α' = α one-tailed, α/2
//! two-tailed. Kock & Hadaya's tabled constant 2.486 is 1.645 + 0.842
//! (one-tailed 5 %, 80 % power); [`min_sample_size`] takes α and the tails
//! from the settings and reports the z values it used. The model's minimum
//! is the weakest path's. Their gamma-exponential method is not
//! implemented.
//!
//! # Monte-Carlo power: the population
//!
//! A population is built from one estimate of the model (its standardized
//! composite paths, or paths the user sets) as a *composite model*
//! (Henseler et al. 2014; Schuberth, Henseler & Dijkstra 2018), so that
//! PLS-SEM is consistent for it: the population's own PLS weights are the
//! population weights and its composites' paths are the population paths.
//! Data are generated row by row ([`Population::sample`]):
//!
//! 1. **Exogenous constructs** η ~ N(0, R), R the estimate's composite
//!    correlations among the constructs without predecessors.
//! 2. **Interaction terms** are the standardized products
//!    P = (η_a·η_b − σ_ab)/√(1 + σ_ab²) of their constructs (mean and SD of
//!    a product of two standard normal variables with correlation σ_ab),
//!    as the two-stage approach builds them. The population is generated
//!    this way whatever the moderation setting; with product indicators or
//!    the orthogonalizing approach the replications estimate the
//!    interaction as those approaches do, and their population value is
//!    then that of the product of the composites.
//! 3. **Endogenous constructs**, in causal order:
//!    η_j = Σ β_ij·(η_i or P_i) + ζ_j with ζ_j ~ N(0, 1 − β'Σβ), so that
//!    Var(η_j) = 1 and R²_j = β'Σβ.
//!    Σ, the covariance of all nodes, follows from the same equations
//!    ([`node_moments`]): Cov(η_j, ·) = Σ_i β_ij Cov(i, ·); a product is
//!    uncorrelated with every normal construct (zero third moments) and
//!    Cov(P_ab, P_cd) = (σ_ac σ_bd + σ_ad σ_bc)/(s_ab s_cd) (Isserlis 1918).
//!    These moments are exact when every construct of an interaction is
//!    normal, i.e. not itself downstream of an interaction term; otherwise
//!    they are the normal-theory approximation, and
//!    [`Population::exact_moments`] says so.
//! 4. **Indicators** of block j: x_j = λ_j·η_j + e_j with
//!    e_j ~ N(0, S_jj − λ_jλ_j'), S_jj the block's observed correlations,
//!    v_j the population weights (v_j'S_jj v_j = 1) and λ_j = S_jj·v_j its
//!    loadings. Then Var(x_j) = S_jj, Cov(x_i, x_j) = λ_i σ_ij λ_j' (the
//!    composite model's implied correlations, as SRMR's between blocks)
//!    and v_j'x_j = η_j exactly, since v_j'(S_jj − λ_jλ_j')v_j = 0. Mode B
//!    blocks keep the estimated weights: for them every weight vector is
//!    a fixed point of the population's PLS. Mode A blocks take the first
//!    principal component of S_jj: in a composite population Mode A's
//!    outer step maps any weights to S_jj·v_j, so only an eigenvector is a
//!    fixed point, and the first is the one the estimate lies closest to.
//!    Single-item blocks are the construct itself.
//! 5. **Likert scale** (optional): each indicator whose observed values are
//!    integers is cut at the normal quantiles of its observed cumulative
//!    category shares, so the generated item has the data's categories
//!    with the data's marginal shares (exact for a normal indicator).
//!
//! # Replications and the test
//!
//! Replication r at sample size n takes its random stream from ChaCha8
//! keyed by (seed, n, r) alone, and its bootstrap seed from that stream,
//! so results do not depend on the number of threads. Each replication
//! estimates the model with the analysis's settings, bootstraps it with
//! the engine's resamples ([`run_draws`], warm-started from its own
//! estimate) and applies the analysis's verdict rule ([`verdict`]:
//! `significance`, `alpha`, `tails`). A one-tailed test counts only
//! estimates in the population effect's direction (positive for a zero
//! effect), so that its rejection rate at a zero effect is α. Power is the
//! share of significant replications among *all* R: a replication whose
//! estimation fails is counted, by reason, and counts as not significant.
//! With consistent PLS on, the replications' estimates are PLSc's, which
//! disattenuate what a composite population does not attenuate: plan with
//! it off.

use super::bootstrap::{failure_reason, normal_quantile, run_draws, run_indexed, verdict, BootData, Catalog, Resamples};
use super::estimate::{estimate, Design, EstOptions, Estimate, Purpose};
use super::mediation::Mediation;
use super::settings::{Settings, Tails};
use crate::error::ResampleFailure;
use crate::model::Mode;
use nalgebra::{DMatrix, DVector, SymmetricEigen};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::sync::atomic::{AtomicBool, Ordering};

/// Why a population cannot be built.
#[derive(Debug, Clone, PartialEq)]
pub enum PowerError {
    /// Higher-order constructs are not generated.
    HigherOrder,
    /// The exogenous constructs' correlations are not positive definite.
    Exogenous,
    /// The paths into a node explain all of its variance or more (R² ≥ 1).
    Unexplained(usize, f64),
}

/// Block j of the population: weights, loadings and the square root of
/// the error covariance S_jj − λλ'.
#[derive(Debug, Clone)]
struct Block {
    loadings: DVector<f64>,
    error_root: DMatrix<f64>,
}

/// A population of the model (see the module documentation).
#[derive(Debug, Clone)]
pub struct Population {
    /// Standardized path coefficients, `beta[(from, to)]`.
    pub beta: DMatrix<f64>,
    /// Covariances of all nodes (constructs, then interaction terms).
    pub sigma: DMatrix<f64>,
    /// R² of each node (0 for exogenous ones).
    pub r2: Vec<f64>,
    /// The moments are exact (no interaction of a construct that is
    /// downstream of an interaction term).
    pub exact_moments: bool,
    blocks: Vec<Block>,
    exogenous: Vec<usize>,
    exogenous_root: DMatrix<f64>,
    /// Nodes other than the exogenous constructs, in causal order.
    order: Vec<usize>,
    preds: Vec<Vec<usize>>,
    residual_sd: Vec<f64>,
    /// Per interaction node: (a, b, mean of η_a·η_b, its SD).
    products: Vec<Option<(usize, usize, f64, f64)>>,
    /// Per observed column: (upper thresholds, category values), Likert only.
    categories: Vec<Option<(Vec<f64>, Vec<f64>)>>,
}

/// The population weights of block j (see the module documentation), with
/// unit variance under `s`.
fn population_weights(s: &DMatrix<f64>, mode: Mode, estimated: &DVector<f64>) -> DVector<f64> {
    let v = match mode {
        Mode::B => estimated.clone(),
        Mode::A => {
            let eig = SymmetricEigen::new(s.clone());
            let top = (0..eig.eigenvalues.len()).max_by(|&a, &b| eig.eigenvalues[a].total_cmp(&eig.eigenvalues[b])).unwrap_or(0);
            let v = eig.eigenvectors.column(top).into_owned();
            // the estimate's orientation
            if v.dot(estimated) < 0.0 { -v } else { v }
        }
    };
    let var = (v.transpose() * s * &v)[(0, 0)];
    v / var.sqrt()
}

/// A square root L (L L' = m) of a positive semi-definite matrix, its
/// rounding-negative eigenvalues taken as zero.
fn psd_root(m: &DMatrix<f64>) -> DMatrix<f64> {
    let eig = SymmetricEigen::new(m.clone());
    let mut root = eig.eigenvectors;
    for (mut col, &l) in root.column_iter_mut().zip(eig.eigenvalues.iter()) {
        col *= l.max(0.0).sqrt();
    }
    root
}

fn block(design: &Design, est: &Estimate, j: usize) -> Block {
    let r = design.blocks.ranges[j].clone();
    let s = est.s.view((r.start, r.start), (r.len(), r.len())).into_owned();
    let v = population_weights(&s, design.blocks.modes[j], &est.weights[j]);
    let loadings = &s * &v;
    let error = &s - &loadings * loadings.transpose();
    Block { error_root: psd_root(&error), loadings }
}

/// Covariance of a new node with an earlier one, from the covariances
/// known so far (see the module documentation, step 3).
fn covariance(sigma: &DMatrix<f64>, design: &Design, beta: &DMatrix<f64>, c: &DMatrix<f64>, new: usize, earlier: usize) -> f64 {
    let st = &design.structure;
    let through = |node: usize, other: usize| st.preds[node].iter().map(|&p| beta[(p, node)] * sigma[(p, other)]).sum::<f64>();
    if !st.preds[new].is_empty() {
        return through(new, earlier);
    }
    if !st.preds[earlier].is_empty() {
        return through(earlier, new);
    }
    match (design.interaction_of(new), design.interaction_of(earlier)) {
        (None, None) => c[(new, earlier)],
        (Some((a, b)), Some((p, q))) => {
            let s = |x: usize, y: usize| sigma[(x, y)];
            (s(a, p) * s(b, q) + s(a, q) * s(b, p)) / ((1.0 + s(a, b).powi(2)) * (1.0 + s(p, q).powi(2))).sqrt()
        }
        // a product of normal variables and a normal variable: zero third moment
        _ => 0.0,
    }
}

/// Σ of all nodes and each node's R², in causal order `order` (see the
/// module documentation, step 3).
pub fn node_moments(design: &Design, beta: &DMatrix<f64>, c: &DMatrix<f64>, order: &[usize]) -> Result<(DMatrix<f64>, Vec<f64>), PowerError> {
    let k = design.n_nodes();
    let mut sigma = DMatrix::zeros(k, k);
    let mut r2 = vec![0.0; k];
    for (t, &new) in order.iter().enumerate() {
        for &earlier in &order[..t] {
            let v = covariance(&sigma, design, beta, c, new, earlier);
            sigma[(new, earlier)] = v;
            sigma[(earlier, new)] = v;
        }
        let preds = &design.structure.preds[new];
        let explained: f64 = preds.iter().flat_map(|&p| preds.iter().map(move |&q| (p, q))).map(|(p, q)| beta[(p, new)] * beta[(q, new)] * sigma[(p, q)]).sum();
        if !preds.is_empty() && (explained >= 1.0 || explained.is_nan()) {
            return Err(PowerError::Unexplained(new, explained));
        }
        r2[new] = explained;
        sigma[(new, new)] = 1.0;
    }
    Ok((sigma, r2))
}

/// Whether some interaction has a construct downstream of an interaction
/// term (then the moments are approximate).
fn moments_exact(design: &Design, order: &[usize]) -> bool {
    let mut nonnormal = vec![false; design.n_nodes()];
    for &j in order {
        nonnormal[j] = design.is_interaction(j) || design.structure.preds[j].iter().any(|&p| nonnormal[p]);
    }
    (0..design.n_nodes()).filter_map(|j| design.interaction_of(j)).all(|(a, b)| !nonnormal[a] && !nonnormal[b])
}

/// Likert categories of an observed column: its values when they are all
/// integers (at least two), cut at the normal quantiles of their
/// cumulative shares.
fn categories(col: &[f64]) -> Option<(Vec<f64>, Vec<f64>)> {
    let seen: Vec<f64> = col.iter().copied().filter(|v| !v.is_nan()).collect();
    if seen.is_empty() || seen.iter().any(|v| v.fract() != 0.0) {
        return None;
    }
    let mut values = seen.clone();
    values.sort_by(f64::total_cmp);
    values.dedup();
    if values.len() < 2 {
        return None;
    }
    let total = seen.len() as f64;
    let mut below = 0.0;
    let cuts = values[..values.len() - 1]
        .iter()
        .map(|&v| {
            below += seen.iter().filter(|&&x| x == v).count() as f64;
            normal_quantile(below / total)
        })
        .collect();
    Some((cuts, values))
}

impl Population {
    /// The population of `design` from its estimate `est` on data `x`
    /// (n × observed; used for the Likert categories when `likert`), the
    /// standardized paths replaced by `paths` where given.
    pub fn new(design: &Design, est: &Estimate, x: &DMatrix<f64>, likert: bool, paths: &[((usize, usize), f64)]) -> Result<Population, PowerError> {
        if design.hoc.is_some() || !design.model.hocs().is_empty() {
            return Err(PowerError::HigherOrder);
        }
        let k = design.n_nodes();
        let st = &design.structure;
        let mut beta = DMatrix::zeros(k, k);
        for &(f, t) in &st.paths {
            beta[(f, t)] = est.inner.beta[(f, t)];
        }
        for &((f, t), b) in paths {
            beta[(f, t)] = b;
        }
        let order = design.model.topo_order();
        let (sigma, r2) = node_moments(design, &beta, &est.inner.c, &order)?;
        let exogenous: Vec<usize> = (0..design.n_constructs()).filter(|&j| st.preds[j].is_empty()).collect();
        let exo = DMatrix::from_fn(exogenous.len(), exogenous.len(), |a, b| sigma[(exogenous[a], exogenous[b])]);
        let exogenous_root = nalgebra::Cholesky::new(exo).ok_or(PowerError::Exogenous)?.l();
        let products = (0..k).map(|j| design.interaction_of(j).map(|(a, b)| (a, b, sigma[(a, b)], (1.0 + sigma[(a, b)].powi(2)).sqrt()))).collect();
        let cats = |c: usize| if likert { categories(&x.column(c).iter().copied().collect::<Vec<f64>>()) } else { None };
        Ok(Population {
            exact_moments: moments_exact(design, &order),
            blocks: (0..design.n_constructs()).map(|j| block(design, est, j)).collect(),
            order: order.into_iter().filter(|j| !exogenous.contains(j)).collect(),
            preds: st.preds.clone(),
            residual_sd: r2.iter().map(|r| (1.0 - r).max(0.0).sqrt()).collect(),
            categories: (0..x.ncols()).map(cats).collect(),
            beta,
            sigma,
            r2,
            exogenous,
            exogenous_root,
            products,
        })
    }

    /// `n` rows of indicator data (n × observed, the design's columns).
    pub fn sample(&self, n: usize, rng: &mut ChaCha8Rng) -> DMatrix<f64> {
        let p: usize = self.blocks.iter().map(|b| b.loadings.len()).sum();
        let mut x = DMatrix::zeros(n, p);
        let mut eta = vec![0.0; self.beta.nrows()];
        let mut normal = Normal::default();
        for i in 0..n {
            let z = DVector::from_fn(self.exogenous.len(), |_, _| normal.draw(rng));
            for (e, v) in self.exogenous.iter().zip((&self.exogenous_root * z).iter()) {
                eta[*e] = *v;
            }
            for &j in &self.order {
                eta[j] = match self.products[j] {
                    Some((a, b, mean, sd)) => (eta[a] * eta[b] - mean) / sd,
                    None => self.preds[j].iter().map(|&q| self.beta[(q, j)] * eta[q]).sum::<f64>() + self.residual_sd[j] * normal.draw(rng),
                };
            }
            let mut c = 0;
            for (j, b) in self.blocks.iter().enumerate() {
                let u = DVector::from_fn(b.loadings.len(), |_, _| normal.draw(rng));
                let xj = &b.loadings * eta[j] + &b.error_root * u;
                for v in xj.iter() {
                    x[(i, c)] = self.categorize(c, *v);
                    c += 1;
                }
            }
        }
        x
    }

    /// An indicator value on its Likert scale (unchanged without one).
    fn categorize(&self, column: usize, v: f64) -> f64 {
        match &self.categories[column] {
            Some((cuts, values)) => values[cuts.iter().take_while(|&&t| v > t).count()],
            None => v,
        }
    }
}

/// Standard normal draws by the Box–Muller transform, two per pair of
/// uniforms.
#[derive(Default)]
struct Normal {
    spare: Option<f64>,
}

impl Normal {
    fn draw(&mut self, rng: &mut ChaCha8Rng) -> f64 {
        if let Some(v) = self.spare.take() {
            return v;
        }
        let u: f64 = 1.0 - rng.random::<f64>();
        let radius = (-2.0 * u.ln()).sqrt();
        let (s, c) = (std::f64::consts::TAU * rng.random::<f64>()).sin_cos();
        self.spare = Some(radius * s);
        radius * c
    }
}

/// Replication r at sample size n: its random stream, keyed by (seed, n, r).
pub fn replication_rng(seed: u64, n: usize, r: usize) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&(n as u64).to_le_bytes());
    key[16..24].copy_from_slice(&(r as u64).to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

/// What a power analysis tests: a structural path or a specific indirect
/// effect, by its nodes [from, mediators…, to].
#[derive(Debug, Clone, PartialEq)]
pub struct Effect {
    pub nodes: Vec<usize>,
    /// The population's standardized value (the paths' product for an
    /// indirect effect).
    pub population: f64,
    /// Position of the statistic in the catalogue's vector.
    at: usize,
}

impl Effect {
    pub fn is_indirect(&self) -> bool {
        self.nodes.len() > 2
    }
}

/// The statistics a replication's bootstrap records: every path and every
/// route's specific indirect effect (besides the weights and loadings that
/// sign reversals are judged by).
pub fn catalog(design: &Design) -> Catalog {
    let mut c = Catalog::new(design);
    // not tested: HTMT and simple slopes
    c.htmt_pairs.clear();
    c.slopes.clear();
    let m = Mediation::routes_only(design, 10_000);
    c.mediation = (!m.is_empty()).then_some(m);
    c
}

/// The effects of `catalog` (see [`catalog`]) with their population values.
pub fn effects(catalog: &Catalog, pop: &Population) -> Vec<Effect> {
    let off = catalog.offsets();
    let mut out: Vec<Effect> = catalog.paths.iter().enumerate().map(|(a, &(f, t))| Effect { nodes: vec![f, t], population: pop.beta[(f, t)], at: off.paths + a }).collect();
    if let Some(m) = &catalog.mediation {
        for (r, route) in m.routes.iter().enumerate() {
            let value = route.nodes.windows(2).map(|w| pop.beta[(w[0], w[1])]).product();
            out.push(Effect { nodes: route.nodes.clone(), population: value, at: off.mediation + m.route_at(r) });
        }
    }
    out
}

/// One replication's estimates and verdicts, per effect.
#[derive(Debug, Clone, PartialEq)]
pub struct Replication {
    pub estimates: Vec<f64>,
    pub significant: Vec<bool>,
}

/// Whether a verdict counts as a detection of `e` (see the module
/// documentation: one tail counts the population's direction only).
fn detected(e: &Effect, estimate: f64, significant: Option<bool>, settings: &Settings) -> bool {
    let right_way = settings.tails == Tails::Two || (estimate >= 0.0) == (e.population >= 0.0);
    significant == Some(true) && right_way
}

/// Estimate, bootstrap and test one simulated sample; `None` when cancelled.
pub fn test_sample(x: DMatrix<f64>, design: &Design, catalog: &Catalog, effects: &[Effect], settings: &Settings, boot_seed: u64, cancelled: &AtomicBool) -> Option<Result<Replication, ResampleFailure>> {
    let full = match estimate(&x, design, &EstOptions::new(settings, Purpose::Full)) {
        Ok(e) => e,
        Err(e) => return Some(Err(failure_reason(design, &e))),
    };
    let catalog = catalog.clone().with_reference(&full);
    let original = catalog.extract(design, &full, settings.htmt_absolute);
    let data = BootData::new(x, None, settings);
    let which = Resamples::Seeded { seed: boot_seed, range: 0..settings.bootstrap };
    let draws = run_draws(&data, design, &catalog, settings, Some(&full.weights), which, 1, &|_| !cancelled.load(Ordering::Relaxed))?;
    let summaries = super::bootstrap_outcome(&data.x, design, &catalog, &original, &[draws], settings).summaries;
    let estimates: Vec<f64> = effects.iter().map(|e| original[e.at]).collect();
    let significant = effects.iter().zip(&estimates).map(|(e, &v)| detected(e, v, verdict(&summaries[e.at], settings).0, settings)).collect();
    Some(Ok(Replication { estimates, significant }))
}

/// What a Monte-Carlo power run is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub grid: Vec<usize>,
    pub replications: usize,
    pub seed: u64,
}

/// Every replication of `plan` (sample size by sample size, replication
/// by replication), on `threads` threads; `settings.bootstrap` resamples
/// each. `progress(done)` after each replication; returning false cancels
/// (then `None`).
pub fn simulate(pop: &Population, design: &Design, settings: &Settings, plan: &Plan, threads: usize, progress: &(dyn Fn(usize) -> bool + Sync)) -> Option<Vec<Vec<Result<Replication, ResampleFailure>>>> {
    let catalog = catalog(design);
    let effects = effects(&catalog, pop);
    let cancelled = AtomicBool::new(false);
    let r = plan.replications;
    let job = |i: usize, _: &mut ()| {
        let n = plan.grid[i / r];
        let mut rng = replication_rng(plan.seed, n, i % r);
        let x = pop.sample(n, &mut rng);
        test_sample(x, design, &catalog, &effects, settings, rng.random::<u64>(), &cancelled)
    };
    let tick = |done: usize| {
        let go = progress(done);
        if !go {
            cancelled.store(true, Ordering::Relaxed);
        }
        go
    };
    let all = run_indexed(plan.grid.len() * r, threads, &job, &tick)?;
    let all: Option<Vec<_>> = all.into_iter().collect();
    let mut all = all?.into_iter();
    Some(plan.grid.iter().map(|_| all.by_ref().take(r).collect()).collect())
}

/// The z values of the inverse square-root method: z_{1−α'} (α' = α one-
/// tailed, α/2 two-tailed) and z_{power}.
pub fn z_values(alpha: f64, tails: Tails, power: f64) -> (f64, f64) {
    let a = match tails {
        Tails::One => alpha,
        Tails::Two => alpha / 2.0,
    };
    (normal_quantile(1.0 - a), normal_quantile(power))
}

/// Kock & Hadaya's (2018) inverse square-root minimum sample size: the
/// smallest n with n > ((z_α + z_power)/|β|)²; `None` for β = 0.
pub fn min_sample_size(beta: f64, z_alpha: f64, z_power: f64) -> Option<usize> {
    let bound = ((z_alpha + z_power) / beta.abs()).powi(2);
    bound.is_finite().then(|| bound.floor() as usize + 1)
}

/// Where a power curve reaches the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reached {
    /// At the grid's first sample size already.
    AtFirst,
    /// Between two grid points, linearly interpolated.
    At(f64),
    /// Not within the grid.
    Above,
}

/// The sample size at which `power` (per `grid` point, ascending n) first
/// reaches `target`.
pub fn reached(grid: &[usize], power: &[f64], target: f64) -> Reached {
    let Some(k) = power.iter().position(|&p| p >= target) else { return Reached::Above };
    if k == 0 {
        return Reached::AtFirst;
    }
    let (n0, n1) = (grid[k - 1] as f64, grid[k] as f64);
    let (p0, p1) = (power[k - 1], power[k]);
    Reached::At(n0 + (target - p0) / (p1 - p0) * (n1 - n0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kock & Hadaya (2018): 2.486 for one-tailed 5 % and 80 % power, and
    /// β = 0.2 needs n > 154.5, i.e. 155; β = 0.197 needs 160.
    #[test]
    fn inverse_square_root_on_tabled_values() {
        let (za, zp) = z_values(0.05, Tails::One, 0.8);
        assert!((za + zp - 2.486).abs() < 5e-4, "{}", za + zp);
        assert_eq!(min_sample_size(0.2, za, zp), Some(155));
        assert_eq!(min_sample_size(-0.197, za, zp), Some(160));
        assert_eq!(min_sample_size(0.0, za, zp), None);
        let (za2, _) = z_values(0.05, Tails::Two, 0.8);
        assert!((za2 - 1.959964).abs() < 1e-6);
        // (2.8016 / 0.2)² = 196.2
        assert_eq!(min_sample_size(0.2, za2, zp), Some(197));
    }

    #[test]
    fn target_is_interpolated_between_grid_points() {
        let grid = [40, 60, 100];
        assert_eq!(reached(&grid, &[0.5, 0.7, 0.9], 0.8), Reached::At(80.0));
        assert_eq!(reached(&grid, &[0.85, 0.9, 0.95], 0.8), Reached::AtFirst);
        assert_eq!(reached(&grid, &[0.1, 0.2, 0.3], 0.8), Reached::Above);
    }

    #[test]
    fn replication_streams_depend_on_seed_size_and_index_only() {
        let draw = |s, n, r| replication_rng(s, n, r).random::<u64>();
        assert_eq!(draw(1, 40, 3), draw(1, 40, 3));
        assert_ne!(draw(1, 40, 3), draw(1, 40, 4));
        assert_ne!(draw(1, 40, 3), draw(1, 60, 3));
        assert_ne!(draw(1, 40, 3), draw(2, 40, 3));
    }

    #[test]
    fn likert_categories_keep_the_observed_shares() {
        let col = [1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 5.0];
        let (cuts, values) = categories(&col).unwrap();
        assert_eq!(values, vec![1.0, 2.0, 3.0, 5.0]);
        assert!((cuts[0] - normal_quantile(1.0 / 8.0)).abs() < 1e-12 && (cuts[2] - normal_quantile(7.0 / 8.0)).abs() < 1e-12);
        assert!(categories(&[1.5, 2.0]).is_none() && categories(&[2.0, 2.0]).is_none());
    }
}
