//! Higher-order constructs (HOCs) by the two-stage approaches (Becker,
//! Klein & Wetzels 2012; Sarstedt et al. 2019).
//!
//! Stage 1 estimates a model in which each HOC's dimensions are ordinary
//! constructs: the repeated-indicators model (embedded: the HOC measured
//! by all its dimensions' indicators, linked to them by paths HOC →
//! dimension in Mode A or dimension → HOC in Mode B) or the model with the
//! dimensions in the HOC's place (disjoint: every antecedent of the HOC
//! points to each dimension, each dimension to every outcome). The
//! dimensions' stage-1 scores become the HOC's indicators in stage 2, the
//! full model, in which the dimensions keep their stage-1 weights and take
//! no part in the iteration. Both stages run on the correlation matrix, so
//! a bootstrap resample repeats both.
//!
//! The repeated-indicators approach on its own needs nothing here: it is an
//! ordinary model with repeated columns ([`super::estimate::Design`]).

use super::estimate::{EstError, EstOptions};
use super::linalg::{cor_of_standardized, standardize_in_place};
use super::pls::{fit_weights, inner_model, Blocks, FitError, Inner, Structure, WeightFit};
use super::settings::{HocMethod, Scheme};
use crate::model::{Mode, ValidModel};
use nalgebra::{DMatrix, DVector};
use std::ops::Range;

/// Stage 1 of a two-stage HOC estimation.
#[derive(Debug, Clone)]
pub struct HocStage {
    pub method: HocMethod,
    /// Stage-1 columns, as indices into the observed columns.
    pub cols: Vec<usize>,
    /// Stage-1 blocks over `cols`.
    pub blocks: Blocks,
    pub structure: Structure,
    /// Per stage-1 node, the design node of the same construct and whether
    /// its block is the same (then a warm start can use its weights).
    pub origin: Vec<(usize, bool)>,
    /// Per HOC (model order): its node and, per dimension, (design node,
    /// stage-1 node).
    pub dims: Vec<(usize, Vec<(usize, usize)>)>,
    /// Design nodes iterated in stage 2: all but the dimensions.
    pub keep: Vec<usize>,
}

/// Structural paths of the repeated-indicators model: the model's paths
/// among constructs, then per HOC its links to its dimensions.
pub fn repeated_paths(model: &ValidModel, paths: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = paths.to_vec();
    for h in model.hocs() {
        for &d in &h.dimensions {
            out.push(match model.constructs()[h.node].mode {
                Mode::A => (h.node, d),
                Mode::B => (d, h.node),
            });
        }
    }
    out
}

impl HocStage {
    /// Stage 1 for `model` with structural `paths` (design nodes; paths from
    /// interactions are left out, as in the two-stage interaction's first
    /// stage), given each construct's observed column range (dimensions and
    /// ordinary constructs) and `p_obs` observed columns.
    pub fn new(model: &ValidModel, paths: &[(usize, usize)], method: HocMethod, ranges: &[Range<usize>], p_obs: usize) -> HocStage {
        let k0 = model.constructs().len();
        let is_dim = |j: usize| model.hoc_of_dimension(j).is_some();
        let mut cols: Vec<usize> = (0..p_obs).collect();
        let mut s1_ranges = Vec::new();
        let mut modes = Vec::new();
        let mut origin = Vec::new();
        let mut node1 = vec![usize::MAX; k0];
        for (j, c) in model.constructs().iter().enumerate() {
            let range = if model.is_hoc(j) {
                if method == HocMethod::TwoStageDisjoint {
                    continue;
                }
                let h = model.hocs().iter().find(|h| h.node == j).expect("a HOC");
                let start = cols.len();
                for &d in &h.dimensions {
                    cols.extend(ranges[d].clone());
                }
                origin.push((j, false));
                start..cols.len()
            } else {
                origin.push((j, true));
                ranges[j].clone()
            };
            node1[j] = s1_ranges.len();
            s1_ranges.push(range);
            modes.push(c.mode);
        }
        let among: Vec<(usize, usize)> = paths.iter().copied().filter(|&(f, t)| f < k0 && t < k0).collect();
        let mut p1: Vec<(usize, usize)> = Vec::new();
        let mut add = |e: (usize, usize)| {
            if !p1.contains(&e) {
                p1.push(e);
            }
        };
        match method {
            HocMethod::TwoStageDisjoint => {
                let stand_in = |j: usize| -> Vec<usize> {
                    match model.hocs().iter().find(|h| h.node == j) {
                        Some(h) => h.dimensions.iter().map(|&d| node1[d]).collect(),
                        None => vec![node1[j]],
                    }
                };
                for &(f, t) in &among {
                    for a in stand_in(f) {
                        for b in stand_in(t) {
                            add((a, b));
                        }
                    }
                }
            }
            HocMethod::TwoStageEmbedded | HocMethod::Repeated => {
                for (f, t) in repeated_paths(model, &among) {
                    add((node1[f], node1[t]));
                }
            }
        }
        let dims = model
            .hocs()
            .iter()
            .map(|h| (h.node, h.dimensions.iter().map(|&d| (d, node1[d])).collect()))
            .collect();
        let keep = (0..model.n_nodes()).filter(|&j| !(j < k0 && is_dim(j))).collect();
        HocStage {
            method,
            cols,
            structure: Structure::new(s1_ranges.len(), &p1),
            blocks: Blocks { ranges: s1_ranges, modes },
            origin,
            dims,
            keep,
        }
    }

    /// Number of generated HOC indicators (one per dimension).
    pub fn n_items(&self) -> usize {
        self.dims.iter().map(|(_, d)| d.len()).sum()
    }
}

/// Weights of the nodes `keep` fitted on their own (the others take no part
/// in the iteration), returned per node of `blocks` (zeros for the others).
#[allow(clippy::too_many_arguments)]
pub fn fit_subset(
    s: &DMatrix<f64>,
    blocks: &Blocks,
    st: &Structure,
    keep: &[usize],
    scheme: Scheme,
    tolerance: f64,
    max_iterations: usize,
    start: Option<&[DVector<f64>]>,
) -> Result<WeightFit, FitError> {
    let mut at = vec![usize::MAX; blocks.len()];
    for (a, &j) in keep.iter().enumerate() {
        at[j] = a;
    }
    let sub = Blocks { ranges: keep.iter().map(|&j| blocks.ranges[j].clone()).collect(), modes: keep.iter().map(|&j| blocks.modes[j]).collect() };
    let paths: Vec<(usize, usize)> =
        st.paths.iter().filter(|&&(f, t)| at[f] != usize::MAX && at[t] != usize::MAX).map(|&(f, t)| (at[f], at[t])).collect();
    let sub_st = Structure::new(keep.len(), &paths);
    let sub_start: Option<Vec<DVector<f64>>> = start.map(|w| keep.iter().map(|&j| w[j].clone()).collect());
    let fit = fit_weights(s, &sub, &sub_st, scheme, tolerance, max_iterations, sub_start.as_deref()).map_err(|e| match e {
        FitError::SingularBlock(a) => FitError::SingularBlock(keep[a]),
        FitError::SingularPredecessors(a) => FitError::SingularPredecessors(keep[a]),
        FitError::ZeroVariance(a) => FitError::ZeroVariance(keep[a]),
    })?;
    let mut weights: Vec<DVector<f64>> = blocks.ranges.iter().map(|r| DVector::zeros(r.len())).collect();
    for (a, w) in keep.iter().zip(fit.weights) {
        weights[*a] = w;
    }
    Ok(WeightFit { weights, iterations: fit.iterations, converged: fit.converged, oscillating: fit.oscillating })
}

/// What stage 1 gives stage 2.
pub struct StageOne {
    /// Standardized observed data followed by the dimensions' scores.
    pub z: DMatrix<f64>,
    /// Their correlation matrix.
    pub s: DMatrix<f64>,
    /// Stage-1 weights per design node of a dimension (empty for others).
    pub dim_weights: Vec<Option<DVector<f64>>>,
    pub converged: bool,
}

/// Stage 1 on standardized observed data `z0` (rows may carry √counts)
/// with correlation matrix `s_obs`: the dimensions' weights, their scores
/// appended to the data and their correlations to the matrix (from the
/// matrix itself, so a resample by counts stays exact). `ranges` are the
/// design's blocks (observed ranges for the dimensions); `start`, if any,
/// the design's weights to start from.
#[allow(clippy::too_many_arguments)]
pub fn stage_one(
    z0: &DMatrix<f64>,
    s_obs: &DMatrix<f64>,
    h: &HocStage,
    ranges: &[Range<usize>],
    scheme: Scheme,
    tolerance: f64,
    max_iterations: usize,
    start: Option<&[DVector<f64>]>,
) -> Result<StageOne, FitError> {
    let p0 = s_obs.nrows();
    let s1 = DMatrix::from_fn(h.cols.len(), h.cols.len(), |a, b| s_obs[(h.cols[a], h.cols[b])]);
    let start1: Option<Vec<DVector<f64>>> = start.map(|w| {
        h.blocks
            .ranges
            .iter()
            .zip(&h.origin)
            .map(|(r, o)| match o {
                &(j, true) => w[j].clone(),
                _ => DVector::from_element(r.len(), 1.0),
            })
            .collect()
    });
    let fit = fit_weights(&s1, &h.blocks, &h.structure, scheme, tolerance, max_iterations, start1.as_deref()).map_err(|e| match e {
        // report the construct by its design node where there is one
        FitError::SingularBlock(a) => FitError::SingularBlock(h.origin[a].0),
        FitError::SingularPredecessors(a) => FitError::SingularPredecessors(h.origin[a].0),
        FitError::ZeroVariance(a) => FitError::ZeroVariance(h.origin[a].0),
    })?;
    let q = h.n_items();
    let mut dim_weights = vec![None; ranges.len()];
    // per generated column: (observed range, weights)
    let mut gen: Vec<(Range<usize>, DVector<f64>)> = Vec::with_capacity(q);
    for (_, dims) in &h.dims {
        for &(d, i) in dims {
            let w = fit.weights[i].clone();
            gen.push((ranges[d].clone(), w.clone()));
            dim_weights[d] = Some(w);
        }
    }
    let n = z0.nrows();
    let mut z = z0.clone().resize_horizontally(p0 + q, 0.0);
    let mut cross = DMatrix::zeros(p0, q);
    for (c, (r, w)) in gen.iter().enumerate() {
        let score = z0.columns(r.start, r.len()) * w;
        z.set_column(p0 + c, &score);
        cross.set_column(c, &(s_obs.columns(r.start, r.len()) * w));
    }
    let mut s = s_obs.clone().resize(p0 + q, p0 + q, 0.0);
    s.view_mut((0, p0), (p0, q)).copy_from(&cross);
    s.view_mut((p0, 0), (q, p0)).copy_from(&cross.transpose());
    for (c1, (r1, w1)) in gen.iter().enumerate() {
        for (c2, (r2, w2)) in gen.iter().enumerate() {
            s[(p0 + c1, p0 + c2)] = if c1 == c2 { 1.0 } else { w1.dot(&(s_obs.view((r1.start, r2.start), (r1.len(), r2.len())) * w2)) };
        }
    }
    debug_assert_eq!(z.nrows(), n);
    Ok(StageOne { z, s, dim_weights, converged: fit.converged })
}

/// The first stage of a two-stage HOC estimation as an estimate of its own
/// (for the report: its paths, weights, loadings and R²).
#[derive(Debug, Clone)]
pub struct FirstStage {
    pub weights: Vec<DVector<f64>>,
    pub inner: Inner,
    /// Adjusted R² per stage-1 node (NaN for exogenous ones).
    pub r2_adj: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

/// Stage 1 on complete raw data `x` (n × observed), as the estimate runs it.
pub fn first_stage(x: &DMatrix<f64>, h: &HocStage, opts: &EstOptions) -> Result<FirstStage, EstError> {
    let mut z = x.clone();
    standardize_in_place(&mut z).map_err(EstError::Constant)?;
    let s_obs = cor_of_standardized(&z);
    let s1 = DMatrix::from_fn(h.cols.len(), h.cols.len(), |a, b| s_obs[(h.cols[a], h.cols[b])]);
    let fit = fit_weights(&s1, &h.blocks, &h.structure, opts.scheme, opts.stage1_tolerance, opts.stage1_max_iterations, None)?;
    let inner = inner_model(&s1, &h.blocks, &h.structure, &fit.weights)?;
    let n = x.nrows() as f64;
    let r2_adj = (0..h.structure.n)
        .map(|j| match h.structure.preds[j].len() as f64 {
            0.0 => f64::NAN,
            p => 1.0 - (1.0 - inner.r2[j]) * (n - 1.0) / (n - p - 1.0),
        })
        .collect();
    Ok(FirstStage { weights: fit.weights, inner, r2_adj, iterations: fit.iterations, converged: fit.converged })
}
