//! The PLS-SEM algorithm (Wold 1982; Lohmöller 1989) on the indicator
//! correlation matrix.
//!
//! With standardized indicators Z (n × p) and S = Z'Z/(n−1), every quantity
//! the iteration needs is a function of S and the outer weights W: composite
//! correlations are C = W'SW, Mode A weights are cov(Z_j, proxy_j) =
//! Σ_i e_ij S_{j,i} w_i, Mode B weights are S_jj⁻¹ times the same. So the
//! loop costs O(p²) per iteration whatever n is; scores are formed once, at
//! the end. The update order and the stop rule (Σ|w_new − w_old| over all
//! weights after rescaling every composite to unit variance) follow the
//! textbook algorithm as implemented in seminr, so iteration counts agree.

use super::linalg::{solve_spd, solve_spd_in_place, submatrix};
use super::settings::Scheme;
use crate::model::Mode;
use nalgebra::{Cholesky, DMatrix, DVector, Dyn};
use std::ops::Range;

/// The structural model as adjacency lists over nodes 0..n.
#[derive(Debug, Clone)]
pub struct Structure {
    pub n: usize,
    pub paths: Vec<(usize, usize)>,
    pub preds: Vec<Vec<usize>>,
    pub succs: Vec<Vec<usize>>,
}

impl Structure {
    pub fn new(n: usize, paths: &[(usize, usize)]) -> Self {
        let mut preds = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        for &(f, t) in paths {
            preds[t].push(f);
            succs[f].push(t);
        }
        Structure { n, paths: paths.to_vec(), preds, succs }
    }
    pub fn endogenous(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.n).filter(|&j| !self.preds[j].is_empty())
    }
}

/// Measurement blocks: construct j owns indicator columns `ranges[j]`.
#[derive(Debug, Clone)]
pub struct Blocks {
    pub ranges: Vec<Range<usize>>,
    pub modes: Vec<Mode>,
}

impl Blocks {
    pub fn len(&self) -> usize {
        self.ranges.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
    pub fn n_indicators(&self) -> usize {
        self.ranges.iter().map(|r| r.end).max().unwrap_or(0)
    }
}

/// Why a fit could not be computed.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum FitError {
    /// The indicators of a Mode B block are (nearly) collinear.
    SingularBlock(usize),
    /// The predecessors of a construct are collinear.
    SingularPredecessors(usize),
    /// A composite or inner proxy has zero variance.
    ZeroVariance(usize),
}

#[derive(Debug, Clone)]
pub struct WeightFit {
    /// Outer weights per block, scaled so each composite has unit variance.
    pub weights: Vec<DVector<f64>>,
    /// Iterations as seminr counts them (0 if the start already satisfied
    /// the stop rule).
    pub iterations: usize,
    pub converged: bool,
    /// Without convergence: whether the last iterations alternated between
    /// two states (see [`oscillates`]) rather than drifting.
    pub oscillating: bool,
}

/// Whether an iteration that stopped at its limit alternates between two
/// states: the last weights x_{M+1} are nearer to x_{M−1}, two steps back,
/// than to x_M, one step back (Σ|x_{M+1} − x_{M−1}| < ½ Σ|x_{M+1} − x_M|).
/// A construct whose weights flip their sign from one iteration to the next
/// does this; a slow, monotone approach (drift) has the two-step distance
/// near twice the one-step distance.
pub fn oscillates(last: &[f64], one_back: &[f64], two_back: &[f64]) -> bool {
    let d1: f64 = last.iter().zip(one_back).map(|(a, b)| (a - b).abs()).sum();
    let d2: f64 = last.iter().zip(two_back).map(|(a, b)| (a - b).abs()).sum();
    d2 < 0.5 * d1
}

/// V = S W restricted per block: column j is S[:, B_j] w_j.
fn s_times_w(s: &DMatrix<f64>, blocks: &Blocks, w: &[DVector<f64>], v: &mut DMatrix<f64>) {
    for (j, r) in blocks.ranges.iter().enumerate() {
        let cols = s.columns(r.start, r.len());
        let vj = cols * &w[j];
        v.set_column(j, &vj);
    }
}

/// C = W'SW from V = SW.
fn composite_cor(blocks: &Blocks, w: &[DVector<f64>], v: &DMatrix<f64>, c: &mut DMatrix<f64>) {
    let k = blocks.len();
    for i in 0..k {
        let ri = &blocks.ranges[i];
        for j in 0..k {
            c[(i, j)] = w[i].dot(&v.view((ri.start, j), (ri.len(), 1)).column(0));
        }
    }
}

/// Inner weights E (column j builds the proxy of construct j).
/// Room for the path scheme's regressions, kept across iterations.
#[derive(Default)]
struct PathRoom {
    cpp: Vec<f64>,
    beta: Vec<f64>,
    factor: Vec<f64>,
}

fn inner_weights(st: &Structure, scheme: Scheme, c: &DMatrix<f64>, e: &mut DMatrix<f64>, room: &mut PathRoom) -> Result<(), FitError> {
    e.fill(0.0);
    for j in 0..st.n {
        if st.preds[j].is_empty() && st.succs[j].is_empty() {
            // No structural neighbour (only in a stage-1 model): the composite is
            // its own proxy, i.e. Mode A converges to the first principal component.
            e[(j, j)] = 1.0;
            continue;
        }
        match scheme {
            Scheme::Path => {
                for &s in &st.succs[j] {
                    e[(s, j)] = c[(s, j)];
                }
                let p = &st.preds[j];
                if !p.is_empty() {
                    let PathRoom { cpp, beta, factor } = room;
                    cpp.clear();
                    cpp.extend(p.iter().flat_map(|&b| p.iter().map(move |&a| c[(a, b)])));
                    beta.clear();
                    beta.extend(p.iter().map(|&i| c[(i, j)]));
                    if !solve_spd_in_place(cpp, beta, factor) {
                        return Err(FitError::SingularPredecessors(j));
                    }
                    for (a, &i) in p.iter().enumerate() {
                        e[(i, j)] = beta[a];
                    }
                }
            }
            Scheme::Factorial | Scheme::Centroid => {
                for &i in st.succs[j].iter().chain(st.preds[j].iter()) {
                    let r = c[(i, j)];
                    e[(i, j)] = if scheme == Scheme::Centroid { r.signum() } else { r };
                }
            }
        }
    }
    Ok(())
}

/// Iterate outer weights to convergence.
///
/// `start`: starting weights (any scale); `None` = all ones.
///
/// Blocks are contiguous column ranges, so all outer weights live in one
/// p-vector and every step works on flat buffers allocated once per call:
/// the loop itself allocates nothing.
pub fn fit_weights(
    s: &DMatrix<f64>,
    blocks: &Blocks,
    st: &Structure,
    scheme: Scheme,
    tolerance: f64,
    max_iterations: usize,
    start: Option<&[DVector<f64>]>,
) -> Result<WeightFit, FitError> {
    let k = blocks.len();
    let p = s.nrows();
    let sd = s.as_slice(); // column-major p × p
    // Mode B blocks: factor S_jj once.
    let mut chol: Vec<Option<Cholesky<f64, Dyn>>> = Vec::with_capacity(k);
    for (j, r) in blocks.ranges.iter().enumerate() {
        if blocks.modes[j] == Mode::B && r.len() > 1 {
            let sjj = s.view((r.start, r.start), (r.len(), r.len())).clone_owned();
            let ch = sjj.cholesky().ok_or(FitError::SingularBlock(j))?;
            // guard against near-singularity the factorization lets through
            let d = ch.l_dirty().diagonal();
            let (mx, mn) = d.iter().fold((0.0f64, f64::INFINITY), |(a, b), &v| (a.max(v.abs()), b.min(v.abs())));
            if mn < 1e-7 * mx {
                return Err(FitError::SingularBlock(j));
            }
            chol.push(Some(ch));
        } else {
            chol.push(None);
        }
    }
    // w: all weights, block after block.
    let mut w = vec![1.0; p];
    if let Some(ws) = start {
        for (j, r) in blocks.ranges.iter().enumerate() {
            w[r.clone()].copy_from_slice(ws[j].as_slice());
        }
    }
    let block_var = |w: &[f64], r: &Range<usize>| -> f64 {
        let mut var = 0.0;
        for a in r.clone() {
            let col = &sd[a * p..(a + 1) * p];
            let mut acc = 0.0;
            for b in r.clone() {
                acc += col[b] * w[b];
            }
            var += w[a] * acc;
        }
        var
    };
    for (j, r) in blocks.ranges.iter().enumerate() {
        let var = block_var(&w, r);
        if !(var.is_finite() && var > 1e-300) {
            return Err(FitError::ZeroVariance(j));
        }
        let f = var.sqrt().recip();
        w[r.clone()].iter_mut().for_each(|x| *x *= f);
    }
    let mut v = vec![0.0; p * k]; // V = S W, column j = S[:, B_j] w_j
    let mut c = DMatrix::zeros(k, k);
    let mut e = DMatrix::zeros(k, k);
    let mut wnew = vec![0.0; p];
    let mut room = PathRoom::default();
    let mut iterations = 0;
    let mut converged = false;
    // x_{M−1}, kept at the last iteration to tell oscillation from drift
    let mut two_back: Vec<f64> = Vec::new();
    for it in 0..=max_iterations {
        iterations = it;
        if it == max_iterations && it > 0 {
            two_back.extend_from_slice(&wnew);
        }
        for (j, r) in blocks.ranges.iter().enumerate() {
            let vj = &mut v[j * p..(j + 1) * p];
            vj.fill(0.0);
            for a in r.clone() {
                let wa = w[a];
                let col = &sd[a * p..(a + 1) * p];
                for (x, y) in vj.iter_mut().zip(col) {
                    *x += wa * y;
                }
            }
        }
        for i in 0..k {
            let ri = &blocks.ranges[i];
            for j in 0..k {
                let vj = &v[j * p..(j + 1) * p];
                c[(i, j)] = ri.clone().map(|b| w[b] * vj[b]).sum();
            }
        }
        inner_weights(st, scheme, &c, &mut e, &mut room)?;
        let mut diff = 0.0;
        for (j, r) in blocks.ranges.iter().enumerate() {
            // cov(Z_j, proxy_j) up to a positive factor: Σ_i e_ij S[B_j, B_i] w_i
            let t = &mut wnew[r.clone()];
            t.fill(0.0);
            for i in 0..k {
                let eij = e[(i, j)];
                if eij != 0.0 {
                    let vi = &v[i * p + r.start..i * p + r.end];
                    for (x, y) in t.iter_mut().zip(vi) {
                        *x += eij * y;
                    }
                }
            }
            if let Some(ch) = &chol[j] {
                let sol = ch.solve(&DVector::from_column_slice(t));
                t.copy_from_slice(sol.as_slice());
            }
            let var = block_var(&wnew, r);
            if !(var.is_finite() && var > 1e-300) {
                return Err(FitError::ZeroVariance(j));
            }
            let f = var.sqrt().recip();
            for b in r.clone() {
                wnew[b] *= f;
                diff += (wnew[b] - w[b]).abs();
            }
        }
        std::mem::swap(&mut w, &mut wnew);
        if diff < tolerance {
            converged = true;
            break;
        }
    }
    let oscillating = !converged && !two_back.is_empty() && oscillates(&w, &wnew, &two_back);
    let weights = blocks.ranges.iter().map(|r| DVector::from_column_slice(&w[r.clone()])).collect();
    Ok(WeightFit { weights, iterations, converged, oscillating })
}

/// Everything that follows from converged weights on a correlation matrix.
#[derive(Debug, Clone)]
pub struct Inner {
    /// V = S W: V[b, j] is the correlation of indicator b with composite j
    /// (a loading when b belongs to j, a cross loading otherwise).
    pub v: DMatrix<f64>,
    /// Composite correlations C = W'SW.
    pub c: DMatrix<f64>,
    /// Standardized path coefficients, `beta[(from, to)]`.
    pub beta: DMatrix<f64>,
    /// R² per node (NaN for exogenous nodes).
    pub r2: Vec<f64>,
}

pub fn inner_model(s: &DMatrix<f64>, blocks: &Blocks, st: &Structure, w: &[DVector<f64>]) -> Result<Inner, FitError> {
    let k = blocks.len();
    let mut v = DMatrix::zeros(s.nrows(), k);
    let mut c = DMatrix::zeros(k, k);
    s_times_w(s, blocks, w, &mut v);
    composite_cor(blocks, w, &v, &mut c);
    let (beta, r2) = regressions(&c, st)?;
    Ok(Inner { v, c, beta, r2 })
}

/// OLS of every endogenous node on its predecessors, from a correlation matrix.
pub fn regressions(c: &DMatrix<f64>, st: &Structure) -> Result<(DMatrix<f64>, Vec<f64>), FitError> {
    let k = st.n;
    let mut beta = DMatrix::zeros(k, k);
    let mut r2 = vec![f64::NAN; k];
    for j in st.endogenous() {
        let p = &st.preds[j];
        let cpp = submatrix(c, p, p);
        let cpj = DVector::from_iterator(p.len(), p.iter().map(|&i| c[(i, j)]));
        let b = solve_spd(&cpp, &cpj).ok_or(FitError::SingularPredecessors(j))?;
        r2[j] = b.dot(&cpj);
        for (a, &i) in p.iter().enumerate() {
            beta[(i, j)] = b[a];
        }
    }
    Ok((beta, r2))
}

/// R² of `target` regressed on `preds` from a correlation matrix (0 if none).
pub fn r2_of(c: &DMatrix<f64>, target: usize, preds: &[usize]) -> Option<f64> {
    if preds.is_empty() {
        return Some(0.0);
    }
    let cpp = submatrix(c, preds, preds);
    let cpj = DVector::from_iterator(preds.len(), preds.iter().map(|&i| c[(i, target)]));
    solve_spd(&cpp, &cpj).map(|b| b.dot(&cpj))
}
