//! Out-of-sample prediction: PLSpredict (Shmueli et al. 2016, 2019) and the
//! cross-validated predictive ability test CVPAT (Liengaard et al. 2021;
//! Sharma et al. 2023), and the prediction of new rows with a fitted model.
//!
//! k-fold cross-validation, repeated r times: repetition r orders the rows
//! (a seeded shuffle drawn from ChaCha8 on stream r, or a given order), and
//! the ordered positions are cut into k folds of (nearly) equal size, as R's
//! `cut(1:n, k)` does (seminr's folds). Each training fold re-estimates the
//! model with the same settings ([`estimate`]); the holdout rows are
//! standardized with the training means and SDs, their interaction
//! indicators built with the training parameters (stage-1 weights,
//! orthogonalizing coefficients, means and SDs of the products), scored with
//! the training weights and predicted through the structural model:
//!
//! - direct antecedents (DA): each endogenous construct from the scores of
//!   its predecessors, η̂_j = Σ_i β_ij · Y_i;
//! - earliest antecedents (EA): the scores of the exogenous constructs are
//!   carried through the structural model in causal order, η̂_j = Σ_i β_ij · η̂_i.
//!
//! An indicator is predicted as x̂ = mean + SD · λ · η̂ of its construct
//! (training mean, SD and loading). Every row is predicted once per
//! repetition; the reported prediction is the mean over repetitions (its
//! in-sample prediction: the mean over the k − 1 training folds that hold it,
//! and over the repetitions), and the error statistics are computed from
//! those predictions, as seminr's `predict_pls` does.
//!
//! Benchmarks: the indicator average (IA: the training mean) and a linear
//! model (LM: each endogenous indicator regressed by OLS with intercept on
//! the indicators of the exogenous constructs, Shmueli et al. 2019; or, as
//! seminr under DA, of the construct's direct antecedents).
//!
//! Q²predict = 1 − Σ(y − ŷ)² / Σ(y − ȳ_train)² per indicator (and on the
//! construct scores, against the full sample's scores). Where seminr 2.5
//! differs from this description it is a setting ([`LmPredictors`],
//! [`InteractionData`]): [`PredictSettings::seminr`] with seminr's recorded
//! fold orders reproduces its `predict_pls` to rounding. Consistent PLS is
//! refused ([`PredictError::Consistent`]).
//!
//! Folds are independent jobs indexed by (repetition, fold). A repetition's
//! folds are summed by row in fold order ([`Plan::repetitions`]) and the
//! repetitions' sums in repetition order ([`Plan::finish`]), so the result
//! does not depend on the number of threads, nor on how the repetitions
//! are dealt out to workers.

use super::bootstrap::{from_le_bytes, p_student, push_le_bytes, run_indexed};
use super::estimate::{estimate, estimate_from_correlation, estimate_standardized, interaction_columns_for, Design, EstError, EstOptions, Estimate};
use super::linalg::{blocked_cross_scaled as cross_lower, cor_of_standardized, dot, mean_sd, solve_spd_columns, submatrix};
use super::moments::CONSTANT;
use super::settings::Moderation;
use nalgebra::{DMatrix, DMatrixView, DVector};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// How endogenous constructs are predicted (Danks 2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Approach {
    /// From the exogenous constructs' scores through the whole structural
    /// model (SmartPLS 4's PLSpredict).
    #[default]
    Earliest,
    /// From the scores of the direct antecedents (seminr's default).
    Direct,
}

/// The predictors of the linear-model benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum LmPredictors {
    /// The indicators of all exogenous constructs (Shmueli et al. 2019;
    /// SmartPLS's PLSpredict).
    #[default]
    Exogenous,
    /// As the approach: the indicators of the construct's direct
    /// antecedents under DA, of the exogenous constructs under EA (seminr).
    AsApproach,
}

/// Which interaction columns the cross-validation uses where the model
/// has interactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InteractionData {
    /// Each fold's own: the training fold's model builds its interaction
    /// indicators from its rows, the holdout's are built with the training
    /// parameters, and the LM benchmark uses the same columns.
    #[default]
    PerFold,
    /// seminr 2.5: as `PerFold`, except that the LM benchmark's interaction
    /// predictors and a two-stage model's holdout (and in-sample)
    /// interaction term are the full sample's interaction columns — seminr's
    /// folds carry the model's interaction columns, which shadow the
    /// rebuilt ones in those two places (the two-stage term is then
    /// standardized with the training fold's mean and SD).
    FullSample,
}

/// The settings of a PLSpredict run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PredictSettings {
    /// k ≥ 2; k = n is leave-one-out.
    pub folds: usize,
    /// r ≥ 1 (ignored when row orders are given).
    pub repetitions: usize,
    pub approach: Approach,
    pub seed: u64,
    pub lm: LmPredictors,
    pub interaction_data: InteractionData,
}

impl Default for PredictSettings {
    fn default() -> Self {
        PredictSettings::smartpls()
    }
}

impl PredictSettings {
    /// SmartPLS 4: 10 folds × 10 repetitions, earliest antecedents.
    pub fn smartpls() -> Self {
        PredictSettings {
            folds: 10,
            repetitions: 10,
            approach: Approach::Earliest,
            seed: 1,
            lm: LmPredictors::Exogenous,
            interaction_data: InteractionData::PerFold,
        }
    }
    /// No PLSpredict run (fewer than 2 folds): how an analysis's settings
    /// say "off".
    pub fn is_off(&self) -> bool {
        self.folds < 2
    }
    /// seminr 2.5's `predict_pls` (direct antecedents), at the Primer's
    /// 10 folds × 10 repetitions.
    pub fn seminr() -> Self {
        PredictSettings {
            approach: Approach::Direct,
            seed: 123,
            lm: LmPredictors::AsApproach,
            interaction_data: InteractionData::FullSample,
            ..PredictSettings::smartpls()
        }
    }
}

/// Where the row orders of the repetitions come from.
pub enum Orders<'a> {
    /// Shuffled: repetition r from ChaCha8(seed) on stream r.
    Seeded,
    /// Given, one repetition each (0-based permutations of the rows).
    Replay(&'a [Vec<usize>]),
}

/// Why a prediction could not be run.
#[derive(Debug, Clone, PartialEq)]
pub enum PredictError {
    /// Fewer than 2 folds, or more folds than rows.
    Folds { folds: usize, n: usize },
    /// No repetition to run.
    NoRepetitions,
    /// Given row order `order` (0-based) is not a permutation of the n rows.
    NotAPermutation { order: usize, n: usize },
    /// New rows with a different number of columns than the observed indicators.
    Columns { expected: usize, found: usize },
    /// Consistent PLS: its paths and loadings describe common factors, not
    /// the composites the prediction is built from.
    Consistent,
    /// Higher-order constructs. In two stages, new rows would need the
    /// first stage's scores, which the prediction does not build; with
    /// repeated indicators, a dimension's indicators are also its HOC's, so
    /// the HOC's score of a holdout case would be built from the very
    /// answers that are to be predicted (a reflective HOC is the direct
    /// antecedent of its dimensions; a formative one is built from them).
    HigherOrder,
    /// The full-sample estimate failed.
    Estimate(EstError),
}

/// A training fold that could not be estimated: its holdout rows have no
/// prediction from that repetition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FoldFailure {
    pub repetition: usize,
    pub fold: usize,
    pub error: EstError,
}

/// Rows `0..n` in the order of repetition `repetition`: a Fisher–Yates
/// shuffle from ChaCha8 seeded with `seed` on stream `repetition`, so it
/// depends on (seed, repetition) alone.
pub fn row_order(n: usize, seed: u64, repetition: usize) -> Vec<usize> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(repetition as u64);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.random_range(0..=i);
        order.swap(i, j);
    }
    order
}

/// The fold (0-based) of each position 1..=n, as R's `cut(1:n, breaks = k)`:
/// k intervals of equal width (n − 1)/k between 1 and n, closed on the
/// right, the outer ends widened by (n − 1)/1000. The breaks are R's
/// `seq(1, n, length.out = k + 1)`: filled from both ends.
pub fn fold_of_positions(n: usize, k: usize) -> Vec<usize> {
    assert!(k >= 1 && n >= k, "{k} folds of {n} rows");
    let (from, to) = (1.0, n as f64);
    let by = (to - from) / k as f64;
    let breaks: Vec<f64> = (0..=k)
        .map(|i| {
            if i == 0 {
                from - (to - from) / 1000.0
            } else if i == k {
                to + (to - from) / 1000.0
            } else if i < k.div_ceil(2) {
                // R fills the first half (i < (k + 1) / 2) from the start
                from + i as f64 * by
            } else {
                to - (k - i) as f64 * by
            }
        })
        .collect();
    let mut fold = 0;
    (1..=n)
        .map(|pos| {
            while pos as f64 > breaks[fold + 1] {
                fold += 1;
            }
            fold
        })
        .collect()
}

/// A model fitted for prediction: the estimate and the means and SDs its
/// data were standardized with.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub est: Estimate,
    pub mean: Vec<f64>,
    pub sd: Vec<f64>,
}

/// Predictions for a set of rows.
#[derive(Debug, Clone)]
pub struct RowPrediction {
    /// Predicted construct scores (rows × nodes): exogenous nodes keep
    /// their composite scores.
    pub scores: DMatrix<f64>,
    /// Predicted indicators in the data's units (rows × observed indicators).
    pub items: DMatrix<f64>,
}

/// (x − mean) / sd column by column, as the estimate standardizes
/// (`standardize_in_place`: times 1/sd). Err(column) for a column whose SD
/// is zero or not finite, when `check`.
fn standardize_with(x: &DMatrix<f64>, mean: &[f64], sd: &[f64], check: bool) -> Result<DMatrix<f64>, usize> {
    let n = x.nrows();
    let mut z = x.clone();
    for (j, col) in z.as_mut_slice().chunks_exact_mut(n.max(1)).enumerate() {
        if check && !(sd[j].is_finite() && sd[j] > 0.0) {
            return Err(j);
        }
        let (m, f) = (mean[j], 1.0 / sd[j]);
        col.iter_mut().for_each(|v| *v = (*v - m) * f);
    }
    Ok(z)
}

/// Standardized rows of a fitted model: observed indicators and
/// interaction indicators (none without interactions).
struct Rows {
    z0: DMatrix<f64>,
    gen: Option<DMatrix<f64>>,
}

impl Fitted {
    /// Estimate on complete raw data `x` (n × observed). Not for consistent
    /// PLS (see [`PredictError::Consistent`]).
    pub fn new(x: &DMatrix<f64>, design: &Design, opts: &EstOptions) -> Result<Fitted, PredictError> {
        if opts.consistent {
            return Err(PredictError::Consistent);
        }
        if !design.model.hocs().is_empty() {
            return Err(PredictError::HigherOrder);
        }
        Fitted::fit(x, None, design, opts).map(|(f, _)| f).map_err(PredictError::Estimate)
    }

    /// The estimate and its own standardized rows: the same steps as
    /// `estimate` (standardize, correlate, estimate), keeping the means and
    /// SDs. `s_obs`: the indicators' correlation matrix when known.
    fn fit(x: &DMatrix<f64>, s_obs: Option<DMatrix<f64>>, design: &Design, opts: &EstOptions) -> Result<(Fitted, Rows), EstError> {
        let (mean, sd) = mean_sd(x);
        let z0 = standardize_with(x, &mean, &sd, true).map_err(EstError::Constant)?;
        let s_obs = s_obs.unwrap_or_else(|| cor_of_standardized(&z0));
        let (est, gen) = estimate_standardized(&z0, s_obs, None, design, opts)?;
        let gen = (design.items.len() > design.observed.len()).then_some(gen);
        Ok((Fitted { est, mean, sd }, Rows { z0, gen }))
    }

    fn check_columns(design: &Design, x: &DMatrix<f64>) -> Result<(), PredictError> {
        let expected = design.observed.len();
        if x.ncols() == expected { Ok(()) } else { Err(PredictError::Columns { expected, found: x.ncols() }) }
    }

    /// New rows (raw data) standardized with the fitted means and SDs; their
    /// interaction indicators built with the fitted parameters, or given raw
    /// (standardized with the fitted means and SDs of those columns).
    fn rows(&self, design: &Design, x: &DMatrix<f64>, gen_raw: Option<&DMatrix<f64>>) -> Result<Rows, EstError> {
        let z0 = standardize_with(x, &self.mean, &self.sd, false).expect("not checked");
        let gen = match gen_raw {
            _ if design.items.len() == design.observed.len() => None,
            None => Some(interaction_columns_for(&z0, design, &self.est.interactions)?),
            Some(g) => Some(standardize_with(g, &self.est.interactions.mean, &self.est.interactions.sd, false).expect("not checked")),
        };
        Ok(Rows { z0, gen })
    }

    /// The composite scores of new rows (raw data, rows × observed
    /// indicators) with the fitted weights: standardized with the fitted
    /// means and SDs, the interaction indicators built with the fitted
    /// parameters.
    pub fn composites(&self, design: &Design, x: &DMatrix<f64>) -> Result<DMatrix<f64>, PredictError> {
        Fitted::check_columns(design, x)?;
        let rows = self.rows(design, x, None).map_err(PredictError::Estimate)?;
        Ok(self.composite_scores(design, &rows))
    }

    /// Predict new rows (raw data, rows × observed indicators).
    ///
    /// The structural model works on the composites as the estimate reports
    /// its paths: with seminr's rescaled interaction the interaction's path is
    /// β / rescaling factor while its composite keeps unit variance, which
    /// is what seminr's prediction does.
    pub fn predict(&self, design: &Design, x: &DMatrix<f64>, approach: Approach) -> Result<RowPrediction, PredictError> {
        Fitted::check_columns(design, x)?;
        let rows = self.rows(design, x, None).map_err(PredictError::Estimate)?;
        Ok(self.predict_rows(design, &rows, approach))
    }

    fn composite_scores(&self, design: &Design, rows: &Rows) -> DMatrix<f64> {
        let p0 = rows.z0.ncols();
        let mut y = DMatrix::zeros(rows.z0.nrows(), design.n_nodes());
        for (j, r) in design.blocks.ranges.iter().enumerate() {
            let col = if r.start >= p0 {
                rows.gen.as_ref().expect("interaction columns built").columns(r.start - p0, r.len()) * &self.est.weights[j]
            } else {
                rows.z0.columns(r.start, r.len()) * &self.est.weights[j]
            };
            y.set_column(j, &col);
        }
        y
    }

    fn predict_rows(&self, design: &Design, rows: &Rows, approach: Approach) -> RowPrediction {
        let y = self.composite_scores(design, rows);
        let scores = structural_prediction(design, &self.est, &y, approach);
        let (m, p0) = rows.z0.shape();
        let mut items = DMatrix::zeros(m, p0);
        let sc = scores.as_slice();
        for (j, r) in design.blocks.ranges.iter().enumerate() {
            for (a, b) in r.clone().enumerate().filter(|&(_, b)| b < p0) {
                let (mean, f) = (self.mean[b], self.sd[b] * self.est.loading(design, j, a));
                let dst = &mut items.as_mut_slice()[b * m..(b + 1) * m];
                for (v, s) in dst.iter_mut().zip(&sc[j * m..(j + 1) * m]) {
                    *v = mean + f * s;
                }
            }
        }
        RowPrediction { scores, items }
    }
}

/// Predicted construct scores from composite scores `y` (rows × nodes).
fn structural_prediction(design: &Design, est: &Estimate, y: &DMatrix<f64>, approach: Approach) -> DMatrix<f64> {
    let st = &design.structure;
    let mut out = y.clone();
    let order = match approach {
        Approach::Direct => st.endogenous().collect(),
        // predecessors come first in the causal order, so each endogenous
        // node is built from predictions already made
        Approach::Earliest => design.model.topo_order(),
    };
    for j in order.into_iter().filter(|&j| !st.preds[j].is_empty()) {
        let from = if approach == Approach::Direct { y } else { &out };
        let mut col = DVector::zeros(y.nrows());
        for &i in &st.preds[j] {
            col.axpy(est.path(i, j), &from.column(i), 1.0);
        }
        out.set_column(j, &col);
    }
    out
}

/// The rows `rows` of `m`.
fn select_rows(m: &DMatrix<f64>, rows: &[usize]) -> DMatrix<f64> {
    let (n, p) = m.shape();
    let src = m.as_slice();
    let mut out = DMatrix::zeros(rows.len(), p);
    for (j, dst) in out.as_mut_slice().chunks_exact_mut(rows.len().max(1)).enumerate() {
        let col = &src[j * n..(j + 1) * n];
        for (d, &i) in dst.iter_mut().zip(rows) {
            *d = col[i];
        }
    }
    out
}

/// Columns `cols` (indices into `Design::items`) of standardized rows.
fn item_columns(rows: &Rows, cols: &[usize]) -> DMatrix<f64> {
    let p0 = rows.z0.ncols();
    let mut out = DMatrix::zeros(rows.z0.nrows(), cols.len());
    for (k, &c) in cols.iter().enumerate() {
        let src = if c < p0 { rows.z0.column(c) } else { rows.gen.as_ref().expect("interaction columns").column(c - p0) };
        out.set_column(k, &src);
    }
    out
}

/// What every fold of a run shares.
struct Run<'a> {
    x: &'a DMatrix<f64>,
    design: &'a Design,
    opts: &'a EstOptions<'a>,
    approach: Approach,
    folds: usize,
    /// Row order per repetition.
    orders: Vec<Vec<usize>>,
    /// The positions of an order in each fold.
    fold_at: Vec<std::ops::Range<usize>>,
    /// The full sample's cross-products, for the folds' correlations.
    cross: CrossProducts,
    /// The full sample's raw interaction columns (`InteractionData::FullSample`).
    full_gen: Option<DMatrix<f64>>,
    /// The full sample's construct scores: what construct predictions are
    /// compared with.
    actual: DMatrix<f64>,
    /// Their sums over the rows, per endogenous node.
    actual_sums: Vec<f64>,
    /// Endogenous indicators (indices into `Design::observed`) and nodes.
    items: Vec<usize>,
    endo: Vec<usize>,
    /// The LM's regressions.
    lm_groups: Vec<LmGroup>,
}

/// One LM regression: its predictors (indices into `Design::items`) and
/// targets (column in the endogenous indicators, observed indicator).
type LmGroup = (Vec<usize>, Vec<(usize, usize)>);

/// One fold's predictions.
enum FoldPred {
    Rows(FoldRows),
    Map(FoldMap),
}

/// A fold's predictions of its holdout and training rows (rows of `test`
/// and `train`, columns: nodes for scores, the endogenous indicators
/// otherwise).
struct FoldRows {
    test_scores: DMatrix<f64>,
    test_items: DMatrix<f64>,
    train_scores: DMatrix<f64>,
    train_items: DMatrix<f64>,
    lm_test: DMatrix<f64>,
    lm_train: DMatrix<f64>,
    /// Training means of the endogenous indicators and of the endogenous
    /// nodes' actual scores.
    ia: Vec<f64>,
    score_ia: Vec<f64>,
}

/// A fold of a design that builds no columns: its predictions as one
/// affine map, and the holdout rows' predictions (rows × the map's
/// columns).
struct FoldMap {
    map: Affine,
    held: DMatrix<f64>,
}

/// Predictions of a design that builds no columns as an affine map of a
/// row's indicators, ŷ = a + x̃'B with x̃ the row centred at the full
/// sample's means (columns: the PLS predictions of the endogenous
/// indicators, the LM's, the construct scores), with the training means
/// of the endogenous indicators and of the endogenous nodes' scores.
/// Summed over `folds` folds, it gives the sums of their predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Affine {
    a: Floats,
    /// observed indicators × columns, column-major
    b: Floats,
    ia: Floats,
    score_ia: Floats,
    folds: u32,
}

impl Affine {
    fn zero(p: usize, cols: usize, e: usize, m: usize) -> Affine {
        let z = |len: usize| Floats(vec![0.0; len]);
        Affine { a: z(cols), b: z(p * cols), ia: z(e), score_ia: z(m), folds: 0 }
    }

    /// The predictions of rows `x` (centred).
    fn apply(&self, x: DMatrixView<f64>) -> DMatrix<f64> {
        let cols = self.a.0.len();
        let mut v = x * DMatrixView::from_slice(&self.b.0, x.ncols(), cols);
        for (mut col, a) in v.column_iter_mut().zip(&self.a.0) {
            col.add_scalar_mut(*a);
        }
        v
    }

    fn add(&mut self, other: &Affine) {
        for (t, v) in [(&mut self.a, &other.a), (&mut self.b, &other.b), (&mut self.ia, &other.ia), (&mut self.score_ia, &other.score_ia)] {
            t.0.iter_mut().zip(&v.0).for_each(|(t, v)| *t += v);
        }
        self.folds += other.folds;
    }
}

struct FoldOut {
    /// The positions of the repetition's order held out.
    held: std::ops::Range<usize>,
    pred: Result<FoldPred, EstError>,
    converged: bool,
}

impl Run<'_> {
    fn fold(&self, job: usize) -> FoldOut {
        let (rep, fold) = (job / self.folds, job % self.folds);
        // a fold is a run of consecutive positions of the repetition's order
        let held = self.fold_at[fold].clone();
        let order = &self.orders[rep];
        let test = &order[held.clone()];
        // the holdout rows, centred at the full sample's means
        let held_rows = select_rows(&self.cross.xc, test);
        let moments = self.cross.fold_moments(&held_rows);
        if !self.design.builds_columns() {
            let (pred, converged) = match self.fold_map(moments, test, held_rows) {
                Ok((m, converged)) => (Ok(FoldPred::Map(m)), converged),
                Err(e) => (Err(e), true),
            };
            return FoldOut { held, pred, converged };
        }
        let train: Vec<usize> = order[..held.start].iter().chain(&order[held.end..]).copied().collect();
        let (pred, converged) = match Fitted::fit(&select_rows(self.x, &train), Some(moments.cor), self.design, self.opts) {
            Ok((f, own)) => {
                let converged = f.est.converged && f.est.stage1_converged;
                (self.fold_predictions(&f, own, &train, test).map(FoldPred::Rows), converged)
            }
            Err(e) => (Err(e), true),
        };
        FoldOut { held, pred, converged }
    }

    /// A fold of a design that builds no columns, from the training rows'
    /// moments alone: the estimate from their correlations, its predictions
    /// as an affine map (see [`FoldMap`]).
    fn fold_map(&self, m: FoldMoments, test: &[usize], held_rows: DMatrix<f64>) -> Result<(FoldMap, bool), EstError> {
        let d = self.design;
        let p = m.mean.len();
        let nt = self.x.nrows() - test.len();
        // a column constant on the training rows: its variance vanishes
        // next to its second moment, as in the bootstrap's moments
        if let Some(j) = (0..p).find(|&j| !(m.sd[j].is_finite() && m.sd[j] * m.sd[j] > CONSTANT * m.second[j])) {
            return Err(EstError::Constant(j));
        }
        let f = Fitted { est: estimate_from_correlation(nt, m.cor, d, self.opts)?, mean: m.mean, sd: m.sd };
        let converged = f.est.converged && f.est.stage1_converged;
        let (e, k) = (self.items.len(), d.n_nodes());
        // the map on standardized rows z: scores = z'C (no intercept)
        let unit = Rows { z0: DMatrix::identity(p, p), gen: None };
        let c = structural_prediction(d, &f.est, &f.composite_scores(d, &unit), self.approach);
        let mut a = vec![0.0; 2 * e + k];
        let mut bz = DMatrix::zeros(p, 2 * e + k);
        // an indicator's prediction: its training mean plus a multiple of
        // its construct's (node, multiple, mean)
        let mut of_score = Vec::with_capacity(e);
        let mut col = 0;
        for &j in &self.endo {
            for (i, b) in d.blocks.ranges[j].clone().enumerate() {
                a[col] = f.mean[b];
                let by = f.sd[b] * f.est.loading(d, j, i);
                bz.set_column(col, &(c.column(j) * by));
                of_score.push((j, by, f.mean[b]));
                col += 1;
            }
        }
        let coefs = self.lm_coefficients(&f.est.s);
        for ((preds, targets), coef) in self.lm_groups.iter().zip(&coefs) {
            for (t, &(col, y)) in targets.iter().enumerate() {
                a[e + col] = f.mean[y];
                match &coef {
                    Some(coef) => preds.iter().enumerate().for_each(|(r, &q)| bz[(q, e + col)] = f.sd[y] * coef[(r, t)]),
                    None => bz.column_mut(e + col).fill(f64::NAN),
                }
            }
        }
        bz.columns_mut(2 * e, k).copy_from(&c);
        // z = (x̃ − (training mean − full mean)) / training SD
        let inv_sd: Vec<f64> = f.sd.iter().map(|s| 1.0 / s).collect();
        let shift: Vec<f64> = f.mean.iter().zip(&self.cross.mean).map(|(t, m)| t - m).collect();
        for (col, a) in bz.as_mut_slice().chunks_exact_mut(p).zip(a.iter_mut()) {
            col.iter_mut().zip(&inv_sd).for_each(|(b, f)| *b *= f);
            *a -= dot(col, &shift);
        }
        let score_ia = self.endo.iter().zip(&self.actual_sums).map(|(&j, total)| (total - test.iter().map(|&i| self.actual[(i, j)]).sum::<f64>()) / nt as f64).collect();
        let ia = self.items.iter().map(|&b| f.mean[b]).collect();
        // the holdout rows' predictions as the map gives them, but from
        // the columns that carry them: the construct scores (the
        // indicators' are multiples of those) and the LM's predictors
        let nh = held_rows.nrows();
        let mut held = DMatrix::zeros(nh, 2 * e + k);
        let scores = &held_rows * bz.columns(2 * e, k);
        for j in 0..k {
            let a = a[2 * e + j];
            held.column_mut(2 * e + j).iter_mut().zip(scores.column(j).iter()).for_each(|(h, s)| *h = s + a);
        }
        for (col, &(j, by, m)) in of_score.iter().enumerate() {
            let (items, scores) = held.as_mut_slice().split_at_mut((2 * e + j) * nh);
            items[col * nh..(col + 1) * nh].iter_mut().zip(&scores[..nh]).for_each(|(h, s)| *h = m + by * s);
        }
        for ((preds, targets), coef) in self.lm_groups.iter().zip(&coefs) {
            for &(col, _) in targets {
                let c = e + col;
                let out = &mut held.as_mut_slice()[c * nh..(c + 1) * nh];
                if coef.is_none() {
                    out.fill(f64::NAN);
                    continue;
                }
                out.fill(a[c]);
                for &q in preds {
                    let (b, x) = (bz[(q, c)], &held_rows.as_slice()[q * nh..(q + 1) * nh]);
                    out.iter_mut().zip(x).for_each(|(o, x)| *o += b * x);
                }
            }
        }
        let map = Affine { a: Floats(a), b: Floats(bz.data.into()), ia: Floats(ia), score_ia: Floats(score_ia), folds: 1 };
        Ok((FoldMap { map, held }, converged))
    }

    /// Predictions of a fitted fold for its holdout and training rows, with
    /// the benchmarks. `own`: the training rows as the estimate saw them.
    fn fold_predictions(&self, f: &Fitted, own: Rows, train: &[usize], test: &[usize]) -> Result<FoldRows, EstError> {
        let d = self.design;
        // seminr: the full sample's interaction columns (see InteractionData)
        let full = self.full_gen.as_ref().map(|g| (select_rows(g, train), select_rows(g, test)));
        let two_stage = full.is_some() && d.moderation == Moderation::TwoStage;
        let xh = select_rows(self.x, test);
        let hold = f.rows(d, &xh, if two_stage { full.as_ref().map(|g| &g.1) } else { None })?;
        let own_pred = match &full {
            Some((t, _)) if two_stage => Rows { z0: own.z0.clone(), gen: Some(standardize_with(t, &f.est.interactions.mean, &f.est.interactions.sd, false).expect("not checked")) },
            _ => Rows { z0: own.z0.clone(), gen: own.gen.clone() },
        };
        let ph = f.predict_rows(d, &hold, self.approach);
        let pt = f.predict_rows(d, &own_pred, self.approach);
        let (lm_train, lm_test) = match full {
            // the LM's interaction predictors: the full sample's columns,
            // standardized on the training rows
            Some((t, h)) => {
                let (m, s) = mean_sd(&t);
                let lt = Rows { z0: own.z0, gen: Some(standardize_with(&t, &m, &s, false).expect("not checked")) };
                let lh = Rows { z0: hold.z0, gen: Some(standardize_with(&h, &m, &s, false).expect("not checked")) };
                self.lm(f, &lt, &lh, None)
            }
            None => self.lm(f, &own, &hold, Some(&f.est.s)),
        };
        let e = self.items.len();
        let pick = |m: &DMatrix<f64>| {
            let rn = m.nrows();
            let mut out = DMatrix::zeros(rn, e);
            for (dst, &b) in out.as_mut_slice().chunks_exact_mut(rn.max(1)).zip(&self.items) {
                dst.copy_from_slice(&m.as_slice()[b * rn..(b + 1) * rn]);
            }
            out
        };
        let nt = train.len() as f64;
        Ok(FoldRows {
            test_items: pick(&ph.items),
            train_items: pick(&pt.items),
            test_scores: ph.scores,
            train_scores: pt.scores,
            lm_test,
            lm_train,
            ia: self.items.iter().map(|&b| f.mean[b]).collect(),
            score_ia: self.endo.iter().map(|&j| train.iter().map(|&i| self.actual[(i, j)]).sum::<f64>() / nt).collect(),
        })
    }

    /// The LM benchmark of every endogenous indicator, fitted on the
    /// training rows (standardized, `train`) and evaluated there and at the
    /// holdout rows. OLS with intercept on standardized predictors from
    /// their correlations: b = R_PP⁻¹ R_Py, ŷ = ȳ + s_y · Z_P b (the
    /// intercept's fit). `r`: the correlation matrix of the training
    /// columns when known. A rank-deficient R_PP gives NaN predictions.
    fn lm(&self, f: &Fitted, train: &Rows, hold: &Rows, r: Option<&DMatrix<f64>>) -> (DMatrix<f64>, DMatrix<f64>) {
        let d = self.design;
        let r = match r {
            Some(r) => r.clone(),
            None => cor_of_standardized(&item_columns(train, &(0..d.items.len()).collect::<Vec<_>>())),
        };
        let e = self.items.len();
        let (mut lt, mut lh) = (DMatrix::zeros(train.z0.nrows(), e), DMatrix::zeros(hold.z0.nrows(), e));
        for ((p, targets), b) in self.lm_groups.iter().zip(self.lm_coefficients(&r)) {
            for (out, rows) in [(&mut lt, train), (&mut lh, hold)] {
                let fit = match &b {
                    Some(b) => item_columns(rows, p) * b,
                    None => DMatrix::from_element(rows.z0.nrows(), targets.len(), f64::NAN),
                };
                let rn = fit.nrows();
                for (k, &(col, y)) in targets.iter().enumerate() {
                    let (m, s) = (f.mean[y], f.sd[y]);
                    let dst = &mut out.as_mut_slice()[col * rn..(col + 1) * rn];
                    for (o, v) in dst.iter_mut().zip(&fit.as_slice()[k * rn..(k + 1) * rn]) {
                        *o = m + s * v;
                    }
                }
            }
        }
        (lt, lh)
    }

    /// Per LM regression, its coefficients on the standardized predictors
    /// from the correlations `r`: b = R_PP⁻¹ R_Py (None: R_PP is not
    /// positive definite).
    fn lm_coefficients(&self, r: &DMatrix<f64>) -> Vec<Option<DMatrix<f64>>> {
        self.lm_groups
            .iter()
            .map(|(p, targets)| {
                let ys: Vec<usize> = targets.iter().map(|&(_, b)| b).collect();
                if p.is_empty() { Some(DMatrix::zeros(0, ys.len())) } else { solve_spd_columns(&submatrix(r, p, p), &submatrix(r, p, &ys)) }
            })
            .collect()
    }
}

/// The full sample's cross-products about its means, from which a training
/// fold's correlation matrix follows by removing its holdout rows: the
/// holdout's n_h·p² products instead of the training rows' n_t·p². Centring
/// at the full sample's means keeps the difference accurate (a fold's means
/// differ from them by a fraction of an SD).
struct CrossProducts {
    mean: Vec<f64>,
    /// Σ (x − m)(x − m)' over all rows (lower triangle), and Σ (x − m).
    c: DMatrix<f64>,
    sums: Vec<f64>,
    /// The rows centred: x − m.
    xc: DMatrix<f64>,
}

/// A training fold's correlation matrix, means and SDs, and the second
/// moments of its columns about the full sample's means (n − 1
/// denominators).
struct FoldMoments {
    cor: DMatrix<f64>,
    mean: Vec<f64>,
    sd: Vec<f64>,
    second: Vec<f64>,
}

impl CrossProducts {
    fn new(x: &DMatrix<f64>) -> CrossProducts {
        let (mean, _) = mean_sd(x);
        let xc = DMatrix::from_fn(x.nrows(), x.ncols(), |i, j| x[(i, j)] - mean[j]);
        let sums = xc.column_iter().map(|c| c.sum()).collect();
        CrossProducts { c: cross_lower(&xc, 1.0), sums, mean, xc }
    }

    /// The moments of all rows but the holdout rows `held` (centred, as
    /// [`CrossProducts::xc`]).
    fn fold_moments(&self, held: &DMatrix<f64>) -> FoldMoments {
        let p = self.mean.len();
        let nt = (self.xc.nrows() - held.nrows()) as f64;
        // the holdout rows' sums and products (lower triangle) about the
        // full sample's means
        let mut s = self.sums.clone();
        s.iter_mut().zip(held.column_iter()).for_each(|(s, c)| *s -= c.sum());
        let mut cov = cross_lower(held, 1.0);
        // the training rows' about the full sample's means, then about
        // their own
        let second = (0..p).map(|j| (self.c[(j, j)] - cov[(j, j)]) / (nt - 1.0)).collect();
        for j in 0..p {
            for i in j..p {
                cov[(i, j)] = self.c[(i, j)] - cov[(i, j)] - s[i] * s[j] / nt;
            }
        }
        let inv_root: Vec<f64> = (0..p).map(|j| 1.0 / cov[(j, j)].sqrt()).collect();
        let mut cor = DMatrix::identity(p, p);
        for j in 0..p {
            for i in j + 1..p {
                let r = cov[(i, j)] * inv_root[i] * inv_root[j];
                cor[(i, j)] = r;
                cor[(j, i)] = r;
            }
        }
        let sd = inv_root.iter().map(|r| 1.0 / (r * (nt - 1.0).sqrt())).collect();
        let mean = (0..p).map(|j| self.mean[j] + s[j] / nt).collect();
        FoldMoments { cor, mean, sd, second }
    }
}

/// Error statistics of one prediction against the actual values.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Errors {
    /// √(Σ(y − ŷ)²/n)
    pub rmse: f64,
    /// Σ|y − ŷ|/n
    pub mae: f64,
    /// 100 · Σ|(y − ŷ)/y|/n, in percent (NaN if an actual value is 0).
    pub mape: f64,
}

/// PLSpredict's figures for one endogenous indicator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorFigures {
    /// Index into `Design::observed`.
    pub item: usize,
    pub pls: Errors,
    /// Q²predict = 1 − Σ(y − ŷ_PLS)² / Σ(y − ȳ_train)² (Shmueli et al. 2019):
    /// PLS against the training mean.
    pub q2_predict: f64,
    pub lm: Errors,
    /// The indicator-average benchmark (the training mean).
    pub ia: Errors,
}

/// PLSpredict's figures for one endogenous construct: predicted scores
/// against the full sample's scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConstructFigures {
    pub node: usize,
    pub rmse: f64,
    pub mae: f64,
    /// 1 − Σ(η − η̂)² / Σ(η − η̄_train)².
    pub q2_predict: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub indicators: Vec<IndicatorFigures>,
    pub constructs: Vec<ConstructFigures>,
}

/// Predictions for every row (the mean over the repetitions; in-sample:
/// also over the training folds that hold the row). NaN where a row has
/// none (its folds failed).
#[derive(Debug, Clone)]
pub struct Predictions {
    /// n × endogenous indicators.
    pub pls: DMatrix<f64>,
    pub lm: DMatrix<f64>,
    pub ia: DMatrix<f64>,
    /// n × nodes: predicted construct scores (exogenous: composite scores).
    pub scores: DMatrix<f64>,
    /// n × endogenous nodes: training means of the actual scores.
    pub score_ia: DMatrix<f64>,
}

/// The guidelines' verdict (Shmueli et al. 2019) on PLS against the LM
/// benchmark; the rule is `report::thresholds::predictive_power`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PredictivePower {
    High,
    Medium,
    Low,
    /// None of the indicators: the model lacks predictive power.
    Lacking,
    /// No indicator could be compared: the LM benchmark could not be
    /// fitted (fewer training rows than predictors, or collinear ones).
    NotAssessed,
}

/// Which error statistic the verdict compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ErrorMetric {
    /// The default; MAE for a highly non-symmetric error distribution.
    #[default]
    Rmse,
    Mae,
}

/// The result of a PLSpredict run.
#[derive(Debug, Clone)]
pub struct PredictResult {
    pub folds: usize,
    pub repetitions: usize,
    pub approach: Approach,
    pub lm: LmPredictors,
    pub interaction_data: InteractionData,
    /// The seed of the shuffles; None when the row orders were given.
    pub seed: Option<u64>,
    /// Endogenous indicators (indices into `Design::observed`): the columns
    /// of the indicator predictions.
    pub items: Vec<usize>,
    /// Endogenous nodes: the columns of `score_ia`.
    pub constructs: Vec<usize>,
    /// Per endogenous node: its indicators' columns in `items`.
    pub item_ranges: Vec<std::ops::Range<usize>>,
    /// The data of the endogenous indicators (n × items).
    pub actual_items: DMatrix<f64>,
    /// The full sample's construct scores (n × nodes, unit variance).
    pub actual_scores: DMatrix<f64>,
    pub out_of_sample: Predictions,
    pub in_sample: Predictions,
    pub figures: Figures,
    pub figures_in_sample: Figures,
    pub failures: Vec<FoldFailure>,
    /// Training folds whose estimate hit the iteration limit (kept).
    pub not_converged: usize,
}

/// Run PLSpredict on complete raw data `x` (n × observed indicators) with
/// the estimation options `opts` (the analysis's own; `opts.start`, when
/// set, starts every training fold, not the full-sample estimate). Folds run on
/// `threads` threads; `progress(done)` is called after each of the
/// repetitions × folds estimates and returning false cancels (then
/// `Ok(None)`).
pub fn predict(
    x: &DMatrix<f64>,
    design: &Design,
    opts: &EstOptions,
    settings: &PredictSettings,
    orders: Orders,
    threads: usize,
    progress: &(dyn Fn(usize) -> bool + Sync),
) -> Result<Option<PredictResult>, PredictError> {
    let plan = Plan::new(x, design, opts, settings, orders)?;
    Ok(plan.repetitions(0..plan.repetition_count(), threads, progress).map(|reps| plan.finish(reps)))
}

/// A PLSpredict run's shared parts: the row orders, the folds, the full
/// sample's estimate and cross-products, the LM's regressions. Built the
/// same way wherever a part of the run is computed.
pub struct Plan<'a> {
    run: Run<'a>,
    settings: PredictSettings,
    seed: Option<u64>,
}

impl<'a> Plan<'a> {
    /// Check the request and prepare the run ([`predict`]'s arguments).
    pub fn new(x: &'a DMatrix<f64>, design: &'a Design, opts: &'a EstOptions<'a>, settings: &PredictSettings, orders: Orders) -> Result<Plan<'a>, PredictError> {
        let n = x.nrows();
        if opts.consistent {
            return Err(PredictError::Consistent);
        }
        if !design.model.hocs().is_empty() {
            return Err(PredictError::HigherOrder);
        }
        if settings.folds < 2 || settings.folds > n {
            return Err(PredictError::Folds { folds: settings.folds, n });
        }
        let (orders, seed) = match orders {
            Orders::Seeded => ((0..settings.repetitions).map(|r| row_order(n, settings.seed, r)).collect::<Vec<_>>(), Some(settings.seed)),
            Orders::Replay(given) => {
                for (k, o) in given.iter().enumerate() {
                    let mut seen = vec![false; n];
                    if o.len() != n || !o.iter().all(|&i| i < n && !std::mem::replace(&mut seen[i], true)) {
                        return Err(PredictError::NotAPermutation { order: k, n });
                    }
                }
                (given.to_vec(), None)
            }
        };
        if orders.is_empty() {
            return Err(PredictError::NoRepetitions);
        }
        let full = estimate(x, design, &EstOptions { keep_data: true, start: None, ..opts.clone() }).map_err(PredictError::Estimate)?;
        let full_gen = match settings.interaction_data {
            InteractionData::FullSample if design.items.len() > design.observed.len() => Some(raw_interactions(design, &full)),
            _ => None,
        };
        let st = &design.structure;
        let endo: Vec<usize> = st.endogenous().collect();
        let exogenous: Vec<usize> = (0..design.n_nodes()).filter(|&j| st.preds[j].is_empty()).collect();
        // the LM's regressions, one per distinct predictor set (under EA all
        // endogenous indicators share one): (predictors, [(column in the
        // endogenous indicators, indicator)])
        let mut lm_groups: Vec<LmGroup> = Vec::new();
        let mut at = 0;
        for &j in &endo {
            let nodes = match (settings.lm, settings.approach) {
                (LmPredictors::AsApproach, Approach::Direct) => &st.preds[j],
                _ => &exogenous,
            };
            let p: Vec<usize> = nodes.iter().flat_map(|&i| design.blocks.ranges[i].clone()).collect();
            let targets: Vec<(usize, usize)> = design.blocks.ranges[j].clone().enumerate().map(|(k, b)| (at + k, b)).collect();
            at += targets.len();
            match lm_groups.iter_mut().find(|(q, _)| *q == p) {
                Some((_, t)) => t.extend(targets),
                None => lm_groups.push((p, targets)),
            }
        }
        let actual = full.scores(design).expect("data kept");
        let run = Run {
            x,
            design,
            opts,
            approach: settings.approach,
            folds: settings.folds,
            cross: CrossProducts::new(x),
            fold_at: {
                let fold_of = fold_of_positions(n, settings.folds);
                (0..settings.folds).map(|f| fold_of.partition_point(|&g| g < f)..fold_of.partition_point(|&g| g <= f)).collect()
            },
            actual_sums: endo.iter().map(|&j| actual.column(j).sum()).collect(),
            actual,
            items: endo.iter().flat_map(|&j| design.blocks.ranges[j].clone()).collect(),
            orders,
            full_gen,
            endo,
            lm_groups,
        };
        Ok(Plan { run, settings: settings.clone(), seed })
    }

    pub fn repetition_count(&self) -> usize {
        self.run.orders.len()
    }

    pub fn folds(&self) -> usize {
        self.run.folds
    }

    /// The repetitions `reps` on `threads` threads, each summed by row.
    /// `progress(done)` counts training folds, called after each
    /// repetition (after each fold when there are fewer repetitions than
    /// twice the threads); false cancels (then `None`).
    pub fn repetitions(&self, reps: std::ops::Range<usize>, threads: usize, progress: &(dyn Fn(usize) -> bool + Sync)) -> Option<Vec<RepetitionSums>> {
        let k = self.run.folds;
        if threads > 1 && reps.len() < 2 * threads {
            // few repetitions: their folds on the threads
            let outs = run_indexed(reps.len() * k, threads, &|j, _: &mut ()| self.run.fold(reps.start * k + j), progress)?;
            let mut outs = outs.into_iter();
            return Some(reps.map(|rep| self.sums(rep, outs.by_ref().take(k))).collect());
        }
        // each repetition on one thread, its folds estimated and summed
        // there one at a time: little memory, and the threads share only
        // the small sums (handing every fold's predictions to another
        // thread made two threads slower than one)
        run_indexed(reps.len(), threads, &|i, _: &mut ()| {
            let rep = reps.start + i;
            self.sums(rep, (0..k).map(|f| self.run.fold(rep * k + f)))
        }, &|d| progress(d * k))
    }

    /// One repetition's folds (in fold order) summed by row.
    fn sums(&self, rep: usize, outs: impl Iterator<Item = FoldOut>) -> RepetitionSums {
        let run = &self.run;
        let (n, e, k, m) = (run.x.nrows(), run.items.len(), run.design.n_nodes(), run.endo.len());
        let order = &run.orders[rep];
        // each row once at most: written in place by row
        let mut oos = SideSums { sums: [e, e, e, k, m].map(|c| Floats(vec![0.0; n * c])), count: vec![0; n] };
        // designs that build no columns: the folds' maps summed; others:
        // each training row's predictions
        let mut ins = if run.design.builds_columns() { InSample::Rows(Side::new(n, e, k, m)) } else { InSample::Map(Affine::zero(run.x.ncols(), 2 * e + k, e, m)) };
        let (mut failures, mut not_converged) = (Vec::new(), 0);
        for (fold, o) in outs.enumerate() {
            let h = o.held;
            match (o.pred, &mut ins) {
                (Ok(FoldPred::Rows(p)), InSample::Rows(ins)) => {
                    oos.put(&order[h.clone()], [Ok(p.test_items.as_slice()), Ok(p.lm_test.as_slice()), Err(&p.ia), Ok(p.test_scores.as_slice()), Err(&p.score_ia)]);
                    let train = [(0, 0, h.start), (h.end, h.start, n - h.end)];
                    ins.add(&train, rows(&p.train_items), rows(&p.lm_train), &p.ia, rows(&p.train_scores), &p.score_ia);
                }
                (Ok(FoldPred::Map(f)), InSample::Map(total)) => {
                    let len = h.len();
                    let col = |c: usize, w: usize| Ok(&f.held.as_slice()[c * len..(c + w) * len]);
                    oos.put(&order[h.clone()], [col(0, e), col(e, e), Err(&f.map.ia.0), col(2 * e, k), Err(&f.map.score_ia.0)]);
                    total.add(&f.map);
                }
                (Ok(_), _) => unreachable!("a design's folds are all maps or all rows"),
                (Err(error), _) => {
                    failures.push(FoldFailure { repetition: rep, fold, error });
                    continue;
                }
            }
            not_converged += usize::from(!o.converged);
        }
        let in_sample = match ins {
            InSample::Rows(side) => InSampleSums::Rows(side.by_row(order)),
            InSample::Map(total) => InSampleSums::Map(total),
        };
        RepetitionSums { repetition: rep, out_of_sample: oos, in_sample, failures, not_converged }
    }

    /// The result from the sums of every repetition (in any order).
    ///
    /// # Panics
    /// If a repetition is missing or given twice.
    pub fn finish(&self, mut reps: Vec<RepetitionSums>) -> PredictResult {
        reps.sort_by_key(|r| r.repetition);
        assert!(reps.iter().map(|r| r.repetition).eq(0..self.repetition_count()), "every repetition once");
        combine(&self.run, &self.settings, self.seed, reps)
    }
}

/// The full sample's interaction columns before standardization, rebuilt
/// from its standardized indicators with its own parameters.
fn raw_interactions(design: &Design, full: &Estimate) -> DMatrix<f64> {
    let z = full.z.as_ref().expect("data kept");
    let p0 = design.observed.len();
    let g = design.items.len() - p0;
    let unscaled = super::estimate::InteractionBuild { mean: vec![0.0; g], sd: vec![1.0; g], ..full.interactions.clone() };
    interaction_columns_for(&z.columns(0, p0).into_owned(), design, &unscaled).expect("built the same way in the estimate")
}

/// Sums of predictions and their count by position of one repetition's
/// order, where a fold's rows are consecutive (contiguous adds).
struct Acc {
    pos: DMatrix<f64>,
}

impl Acc {
    fn new(n: usize, cols: usize) -> Acc {
        Acc { pos: DMatrix::zeros(n, cols) }
    }
    /// Add rows `from..from + len` of `m` (None: the constant row `v`) to
    /// the positions `at..at + len`.
    fn add(&mut self, at: usize, from: usize, len: usize, m: Option<Columns>, v: &[f64]) {
        let n = self.pos.nrows();
        for (c, dst) in self.pos.as_mut_slice().chunks_exact_mut(n).enumerate() {
            let dst = &mut dst[at..at + len];
            match m {
                Some((k, m)) => {
                    dst.iter_mut().zip(&m[c * k + from..c * k + from + len]).for_each(|(d, x)| *d += x);
                }
                None => dst.iter_mut().for_each(|d| *d += v[c]),
            }
        }
    }
    /// The sums moved from the positions to the rows of `order`
    /// (column-major, rows × columns).
    fn by_row(&self, order: &[usize]) -> Vec<f64> {
        let n = self.pos.nrows();
        let mut out = vec![0.0; self.pos.len()];
        for (dst, src) in out.chunks_exact_mut(n.max(1)).zip(self.pos.as_slice().chunks_exact(n.max(1))) {
            for (&r, v) in order.iter().zip(src) {
                dst[r] = *v;
            }
        }
        out
    }
}

/// One side's accumulators (PLS items, LM, IA, scores, score IA) and how
/// many predictions each position holds.
struct Side {
    acc: [Acc; 5],
    count: Vec<u32>,
}

/// One block of a fold's rows: positions `at..at + len` of the order are
/// rows `from..from + len` of the fold's matrices.
type Block = (usize, usize, usize);

/// A column-major matrix as (rows, values).
type Columns<'a> = (usize, &'a [f64]);

fn rows(m: &DMatrix<f64>) -> Columns<'_> {
    (m.nrows(), m.as_slice())
}

impl Side {
    fn new(n: usize, items: usize, nodes: usize, endo: usize) -> Side {
        Side { acc: [Acc::new(n, items), Acc::new(n, items), Acc::new(n, items), Acc::new(n, nodes), Acc::new(n, endo)], count: vec![0; n] }
    }
    fn add(&mut self, blocks: &[Block], items: Columns, lm: Columns, ia: &[f64], scores: Columns, score_ia: &[f64]) {
        let [a, b, c, d, e] = &mut self.acc;
        for &(at, from, len) in blocks {
            a.add(at, from, len, Some(items), &[]);
            b.add(at, from, len, Some(lm), &[]);
            c.add(at, from, len, None, ia);
            d.add(at, from, len, Some(scores), &[]);
            e.add(at, from, len, None, score_ia);
            self.count[at..at + len].iter_mut().for_each(|c| *c += 1);
        }
    }

    fn by_row(&self, order: &[usize]) -> SideSums {
        let mut count = vec![0; order.len()];
        for (&r, &c) in order.iter().zip(&self.count) {
            count[r] = c;
        }
        SideSums { sums: self.acc.each_ref().map(|a| Floats(a.by_row(order))), count }
    }
}

/// One side of a repetition by row: the five sums (column-major) and the
/// number of predictions of each row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SideSums {
    sums: [Floats; 5],
    count: Vec<u32>,
}

impl SideSums {
    /// Set the rows `rows` (none set before) to a fold's predictions of
    /// them: per sum, its values (column-major, rows × columns) or a
    /// constant row.
    fn put(&mut self, rows: &[usize], parts: [Result<&[f64], &[f64]>; 5]) {
        let n = self.count.len();
        for (sum, part) in self.sums.iter_mut().zip(parts) {
            for (c, dst) in sum.0.chunks_exact_mut(n.max(1)).enumerate() {
                match part {
                    Ok(v) => rows.iter().zip(&v[c * rows.len()..(c + 1) * rows.len()]).for_each(|(&r, v)| dst[r] = *v),
                    Err(v) => rows.iter().for_each(|&r| dst[r] = v[c]),
                }
            }
        }
        rows.iter().for_each(|&r| self.count[r] = 1);
    }
}

/// Numbers sent between workers as little-endian bytes, as the
/// bootstrap's draws are ([`push_le_bytes`]).
#[derive(Debug, Clone, PartialEq)]
struct Floats(Vec<f64>);

impl Serialize for Floats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(8 * self.0.len());
        push_le_bytes(&mut bytes, &self.0);
        serde_bytes::ByteBuf::from(bytes).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Floats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(d)?;
        if bytes.len() % 8 != 0 {
            return Err(serde::de::Error::custom("numbers cut short"));
        }
        Ok(Floats(from_le_bytes(&bytes)))
    }
}

/// A repetition's in-sample predictions while its folds are added.
enum InSample {
    Rows(Side),
    Map(Affine),
}

/// A repetition's in-sample predictions: summed by row, or for a design
/// that builds no columns, the folds' maps summed (a row's in-sample sum
/// is then the summed map's prediction of it less its out-of-sample
/// predictions: every estimated fold predicts it once, in sample or out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum InSampleSums {
    Rows(SideSums),
    Map(Affine),
}

/// One repetition's predictions summed by row, out of sample and in
/// sample, with its failed folds: what a worker computes of a run
/// ([`Plan::repetitions`]) and [`Plan::finish`] combines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepetitionSums {
    pub repetition: usize,
    out_of_sample: SideSums,
    in_sample: InSampleSums,
    failures: Vec<FoldFailure>,
    not_converged: usize,
}

/// One side's sums over the repetitions, added in repetition order, and
/// the number of predictions of each row.
fn side_sums<'s>(n: usize, cols: [usize; 5], sides: impl Iterator<Item = &'s SideSums>) -> ([Vec<f64>; 5], Vec<u64>) {
    let mut count = vec![0u64; n];
    let mut sums = cols.map(|c| vec![0.0; n * c]);
    for s in sides {
        for (t, v) in sums.iter_mut().zip(&s.sums) {
            t.iter_mut().zip(&v.0).for_each(|(t, v)| *t += v);
        }
        count.iter_mut().zip(&s.count).for_each(|(t, &c)| *t += u64::from(c));
    }
    (sums, count)
}

/// The mean predictions from sums and counts (NaN for a row never
/// predicted).
fn means(n: usize, sums: [Vec<f64>; 5], count: &[u64]) -> Predictions {
    let inv: Vec<f64> = count.iter().map(|&k| if k == 0 { f64::NAN } else { 1.0 / k as f64 }).collect();
    let [pls, lm, ia, scores, score_ia] = sums.map(|mut v| {
        for col in v.chunks_exact_mut(n.max(1)) {
            col.iter_mut().zip(&inv).for_each(|(v, f)| *v *= f);
        }
        let c = v.len() / n.max(1);
        DMatrix::from_vec(n, c, v)
    });
    Predictions { pls, lm, ia, scores, score_ia }
}

/// The in-sample sums of a design that builds no columns: the maps'
/// predictions of every row (summed over the repetitions) less the
/// out-of-sample sums `oos`.
fn in_sample_by_map(run: &Run, maps: &[&Affine], oos: &([Vec<f64>; 5], Vec<u64>)) -> ([Vec<f64>; 5], Vec<u64>) {
    let (e, k, m) = (run.items.len(), run.design.n_nodes(), run.endo.len());
    let mut total = Affine::zero(run.x.ncols(), 2 * e + k, e, m);
    maps.iter().for_each(|a| total.add(a));
    let all = total.apply(run.cross.xc.as_view());
    let n = all.nrows();
    let cols = |first: usize, w: usize| &all.as_slice()[first * n..(first + w) * n];
    let less = |from: &[f64], o: &[f64]| from.iter().zip(o).map(|(a, o)| a - o).collect::<Vec<f64>>();
    let constant = |v: &[f64], o: &[f64]| o.chunks_exact(n.max(1)).zip(v).flat_map(|(col, v)| col.iter().map(move |o| v - o)).collect::<Vec<f64>>();
    let (s, count) = oos;
    let sums = [less(cols(0, e), &s[0]), less(cols(e, e), &s[1]), constant(&total.ia.0, &s[2]), less(cols(2 * e, k), &s[3]), constant(&total.score_ia.0, &s[4])];
    (sums, count.iter().map(|&c| u64::from(total.folds) - c).collect())
}

fn combine(run: &Run, settings: &PredictSettings, seed: Option<u64>, reps: Vec<RepetitionSums>) -> PredictResult {
    let (n, e, k, m) = (run.x.nrows(), run.items.len(), run.design.n_nodes(), run.endo.len());
    let cols = [e, e, e, k, m];
    let oos = side_sums(n, cols, reps.iter().map(|r| &r.out_of_sample));
    let maps: Vec<&Affine> = reps.iter().filter_map(|r| if let InSampleSums::Map(a) = &r.in_sample { Some(a) } else { None }).collect();
    let (ins, ins_count) = if maps.is_empty() {
        side_sums(n, cols, reps.iter().filter_map(|r| if let InSampleSums::Rows(s) = &r.in_sample { Some(s) } else { None }))
    } else {
        in_sample_by_map(run, &maps, &oos)
    };
    let in_sample = means(n, ins, &ins_count);
    let out_of_sample = means(n, oos.0, &oos.1);
    let not_converged = reps.iter().map(|r| r.not_converged).sum();
    let failures = reps.into_iter().flat_map(|r| r.failures).collect();
    let actual_items = DMatrix::from_fn(n, e, |i, c| run.x[(i, run.items[c])]);
    let figures = figures_for(run, &actual_items, &out_of_sample);
    let figures_in_sample = figures_for(run, &actual_items, &in_sample);
    PredictResult {
        folds: run.folds,
        repetitions: run.orders.len(),
        approach: settings.approach,
        lm: settings.lm,
        interaction_data: settings.interaction_data,
        seed,
        items: run.items.clone(),
        constructs: run.endo.clone(),
        item_ranges: {
            let mut at = 0;
            run.endo
                .iter()
                .map(|&j| {
                    let len = run.design.blocks.ranges[j].len();
                    at += len;
                    at - len..at
                })
                .collect()
        },
        actual_items,
        actual_scores: run.actual.clone(),
        out_of_sample,
        in_sample,
        figures,
        figures_in_sample,
        failures,
        not_converged,
    }
}

/// Errors of predictions `pred` against actual values `y` over the rows
/// where both are finite. `inv_y`: 1 / y (NaN where y = 0, which makes
/// the MAPE NaN).
fn errors(y: &[f64], inv_y: &[f64], pred: &[f64]) -> Errors {
    let (mut sse, mut sae, mut sape, mut m) = (0.0, 0.0, 0.0, 0usize);
    for ((&y, &inv), &p) in y.iter().zip(inv_y).zip(pred) {
        if y.is_finite() && p.is_finite() {
            let d = y - p;
            sse += d * d;
            sae += d.abs();
            sape += (d * inv).abs();
            m += 1;
        }
    }
    let mf = if m == 0 { f64::NAN } else { m as f64 };
    Errors { rmse: (sse / mf).sqrt(), mae: sae / mf, mape: 100.0 * sape / mf }
}

fn reciprocals(y: &[f64]) -> Vec<f64> {
    y.iter().map(|&y| if y == 0.0 { f64::NAN } else { 1.0 / y }).collect()
}

/// 1 − SSE(model) / SSE(training mean) over the rows where actual value,
/// prediction and training mean are all finite.
fn q2_predict(actual: &[f64], pred: &[f64], mean: &[f64]) -> f64 {
    let (mut sse, mut sso) = (0.0, 0.0);
    for ((&y, &p), &m) in actual.iter().zip(pred).zip(mean) {
        if y.is_finite() && p.is_finite() && m.is_finite() {
            sse += (y - p) * (y - p);
            sso += (y - m) * (y - m);
        }
    }
    1.0 - sse / sso
}

/// Column `c` of `m`.
fn column(m: &DMatrix<f64>, c: usize) -> &[f64] {
    let n = m.nrows();
    &m.as_slice()[c * n..(c + 1) * n]
}

fn figures_for(run: &Run, actual: &DMatrix<f64>, p: &Predictions) -> Figures {
    let indicators = (0..run.items.len())
        .map(|c| {
            let (y, pls, lm, ia) = (column(actual, c), column(&p.pls, c), column(&p.lm, c), column(&p.ia, c));
            let inv = reciprocals(y);
            IndicatorFigures { item: run.items[c], pls: errors(y, &inv, pls), q2_predict: q2_predict(y, pls, ia), lm: errors(y, &inv, lm), ia: errors(y, &inv, ia) }
        })
        .collect();
    let constructs = run
        .endo
        .iter()
        .enumerate()
        .map(|(a, &j)| {
            let (eta, hat, mean) = (column(&run.actual, j), column(&p.scores, j), column(&p.score_ia, a));
            let e = errors(eta, &reciprocals(eta), hat);
            ConstructFigures { node: j, rmse: e.rmse, mae: e.mae, q2_predict: q2_predict(eta, hat, mean) }
        })
        .collect();
    Figures { indicators, constructs }
}

impl Figures {
    /// How many endogenous indicators PLS predicts with a lower error than
    /// the LM benchmark (equal errors do not count), of how many have both
    /// figures: what the guidelines' verdict counts (the rule:
    /// `report::thresholds`).
    pub fn lower_than_lm(&self, metric: ErrorMetric) -> (usize, usize) {
        let c = self.verdict_counts(metric);
        (c.lower_than_lm, c.compared)
    }

    /// Of the indicators [`Figures::lower_than_lm`] compares: how many PLS
    /// predicts better than the training mean (Q²predict > 0, the
    /// guidelines' first step), and how many both that and with a lower
    /// error than the LM: what the verdict counts, since an indicator that
    /// PLS predicts worse than the mean is not predicted well because the
    /// LM predicts it worse still.
    pub fn verdict_counts(&self, metric: ErrorMetric) -> VerdictCounts {
        let stat = |e: &Errors| match metric {
            ErrorMetric::Rmse => e.rmse,
            ErrorMetric::Mae => e.mae,
        };
        let mut c = VerdictCounts::default();
        // an indicator without both figures (the LM could not be fitted)
        // is not compared
        for f in self.indicators.iter().filter(|f| stat(&f.pls).is_finite() && stat(&f.lm).is_finite()) {
            let (above_mean, below_lm) = (f.q2_predict > 0.0, stat(&f.pls) < stat(&f.lm));
            c.compared += 1;
            c.lower_than_lm += usize::from(below_lm);
            c.positive_q2 += usize::from(above_mean);
            c.counted += usize::from(above_mean && below_lm);
        }
        c
    }
}

/// See [`Figures::verdict_counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerdictCounts {
    pub compared: usize,
    pub lower_than_lm: usize,
    pub positive_q2: usize,
    pub counted: usize,
}

/// The benchmark a CVPAT row compares PLS with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Benchmark {
    IndicatorAverage,
    LinearModel,
}

/// One CVPAT comparison (Liengaard et al. 2021; Sharma et al. 2023).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CvpatRow {
    /// The endogenous node whose indicators are compared; None = all
    /// endogenous indicators (the overall test).
    pub construct: Option<usize>,
    pub benchmark: Benchmark,
    /// Average loss: mean over rows of the mean squared out-of-sample error
    /// over the indicators.
    pub pls_loss: f64,
    pub benchmark_loss: f64,
    /// D̄ = PLS loss − benchmark loss (negative: PLS predicts better).
    pub loss_difference: f64,
    /// Paired t: D̄ / (S_D / √N), with N − 1 degrees of freedom.
    pub t: f64,
    pub df: f64,
    /// Two-sided p-value.
    pub p: f64,
    /// One-sided p-value for H1: PLS's loss is lower (D̄ < 0).
    pub p_one_sided: f64,
}

/// CVPAT of the out-of-sample predictions against the indicator-average
/// and LM benchmarks, per endogenous construct and overall.
///
/// Row i's loss is the mean of its squared out-of-sample errors over the
/// indicators compared; D_i = L_i(PLS) − L_i(benchmark); the test statistic
/// is the paired t, D̄ / √(S²_D / N), against Student t with N − 1 degrees of
/// freedom (Liengaard et al. 2021, the test cSEM's `testCVPAT` computes).
/// Rows without a prediction are left out. With repetitions, the errors
/// are those of the predictions averaged over the repetitions (as the
/// error statistics). SmartPLS 4 runs CVPAT with direct antecedents: run
/// the prediction with `Approach::Direct` for its test.
pub fn cvpat(res: &PredictResult) -> Vec<CvpatRow> {
    let mut groups: Vec<(Option<usize>, Vec<usize>)> =
        res.constructs.iter().zip(&res.item_ranges).map(|(&j, r)| (Some(j), r.clone().collect())).collect();
    groups.push((None, (0..res.items.len()).collect()));
    let mut rows = Vec::new();
    for (benchmark, bench) in [(Benchmark::IndicatorAverage, &res.out_of_sample.ia), (Benchmark::LinearModel, &res.out_of_sample.lm)] {
        for (construct, cols) in &groups {
            rows.push(cvpat_row(*construct, benchmark, &res.actual_items, &res.out_of_sample.pls, bench, cols));
        }
    }
    rows
}

fn cvpat_row(construct: Option<usize>, benchmark: Benchmark, actual: &DMatrix<f64>, pls: &DMatrix<f64>, bench: &DMatrix<f64>, cols: &[usize]) -> CvpatRow {
    let loss = |pred: &DMatrix<f64>, i: usize| cols.iter().map(|&c| (actual[(i, c)] - pred[(i, c)]).powi(2)).sum::<f64>() / cols.len() as f64;
    let (mut lp, mut lb) = (Vec::new(), Vec::new());
    for i in 0..actual.nrows() {
        let (a, b) = (loss(pls, i), loss(bench, i));
        if a.is_finite() && b.is_finite() {
            lp.push(a);
            lb.push(b);
        }
    }
    let nf = lp.len() as f64;
    let mean = |v: &[f64]| v.iter().sum::<f64>() / nf;
    let d: Vec<f64> = lp.iter().zip(&lb).map(|(a, b)| a - b).collect();
    let dbar = mean(&d);
    let var = d.iter().map(|v| (v - dbar) * (v - dbar)).sum::<f64>() / (nf - 1.0);
    let t = dbar / (var / nf).sqrt();
    let df = if nf >= 2.0 { nf - 1.0 } else { f64::NAN };
    let p = if t.is_finite() && df > 0.0 { p_student(t, df) } else { f64::NAN };
    let p_one_sided = if t < 0.0 { p / 2.0 } else { 1.0 - p / 2.0 };
    CvpatRow { construct, benchmark, pls_loss: mean(&lp), benchmark_loss: mean(&lb), loss_difference: dbar, t, df, p, p_one_sided }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::estimate::{EstOptions, Purpose};
    use crate::engine::settings::Settings;
    use crate::engine::testdata::study;
    use crate::model::{parse_syntax, validate};

    fn design(text: &str, names: &[&str], moderation: Moderation) -> Design {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        Design::new(&validate(&parse_syntax(text).unwrap(), &names).unwrap(), moderation)
    }

    fn run(x: &DMatrix<f64>, d: &Design, s: &PredictSettings, orders: Orders, threads: usize) -> PredictResult {
        predict(x, d, &EstOptions::new(&Settings::smartpls(), Purpose::Full), s, orders, threads, &|_| true).unwrap().unwrap()
    }

    fn same_bits(a: &DMatrix<f64>, b: &DMatrix<f64>) -> bool {
        a.shape() == b.shape() && a.iter().zip(b.iter()).all(|(x, y)| x.to_bits() == y.to_bits())
    }

    fn same_result(a: &PredictResult, b: &PredictResult) -> bool {
        [(&a.out_of_sample, &b.out_of_sample), (&a.in_sample, &b.in_sample)].iter().all(|(p, q)| {
            same_bits(&p.pls, &q.pls) && same_bits(&p.lm, &q.lm) && same_bits(&p.ia, &q.ia) && same_bits(&p.scores, &q.scores) && same_bits(&p.score_ia, &q.score_ia)
        }) && format!("{:?}", (&a.figures, &a.figures_in_sample)) == format!("{:?}", (&b.figures, &b.figures_in_sample))
    }

    #[test]
    fn folds_cut_positions_as_r_does() {
        // R: cut(1:11, 3, labels = FALSE) → 1 1 1 1 2 2 2 3 3 3 3; with
        // n = 10 the inner breaks fall on 4 and 7, which close the lower fold
        assert_eq!(fold_of_positions(11, 3), vec![0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
        assert_eq!(fold_of_positions(10, 3), vec![0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
        assert_eq!(fold_of_positions(5, 5), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn folds_partition_the_rows() {
        for (n, k) in [(250, 10), (103, 10), (11, 3), (7, 7), (40, 2)] {
            let fold = fold_of_positions(n, k);
            let mut sizes = vec![0usize; k];
            for w in fold.windows(2) {
                assert!(w[1] == w[0] || w[1] == w[0] + 1, "folds are consecutive runs");
            }
            fold.iter().for_each(|&f| sizes[f] += 1);
            let (lo, hi) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
            assert!(lo >= 1 && hi - lo <= 1, "n = {n}, k = {k}: fold sizes {sizes:?}");
            for rep in 0..3 {
                let order = row_order(n, 7, rep);
                let mut held_out = vec![0usize; n];
                for f in 0..k {
                    for (pos, &row) in order.iter().enumerate() {
                        if fold[pos] == f {
                            held_out[row] += 1;
                        }
                    }
                }
                assert!(held_out.iter().all(|&c| c == 1), "every row is held out exactly once per repetition");
            }
        }
        assert_eq!(row_order(30, 7, 1), row_order(30, 7, 1));
        assert_ne!(row_order(30, 7, 1), row_order(30, 7, 2));
        assert_ne!(row_order(30, 7, 1), row_order(30, 8, 1));
    }

    /// Single-item constructs X → Y: PLS predicts y by the training fold's
    /// regression line ȳ + r·s_y·(x − x̄)/s_x, which is also the LM
    /// benchmark; the IA benchmark is the training mean. Checked against
    /// those formulas, fold by fold, with folds of 3 consecutive rows.
    #[test]
    fn single_items_predict_by_the_training_regression_line() {
        let xs = [3.0, 5.0, 1.0, 4.0, 6.0, 2.0, 7.0, 5.0, 3.0, 6.0, 4.0, 2.0];
        let ys = [2.0, 6.0, 1.0, 3.0, 7.0, 3.0, 6.0, 4.0, 4.0, 5.0, 5.0, 1.0];
        let n = xs.len();
        let x = DMatrix::from_fn(n, 2, |i, j| if j == 0 { xs[i] } else { ys[i] });
        let d = design("X =~ x\nY =~ y\nY ~ X\n", &["x", "y"], Moderation::TwoStage);
        let s = PredictSettings { folds: 4, ..PredictSettings::smartpls() };
        let identity: Vec<usize> = (0..n).collect();
        let res = run(&x, &d, &s, Orders::Replay(&[identity]), 1);
        let (mut sse, mut sso) = (0.0, 0.0);
        for f in 0..4 {
            let train: Vec<usize> = (0..n).filter(|i| i / 3 != f).collect();
            let m = train.len() as f64;
            let mx = train.iter().map(|&i| xs[i]).sum::<f64>() / m;
            let my = train.iter().map(|&i| ys[i]).sum::<f64>() / m;
            let sxy = train.iter().map(|&i| (xs[i] - mx) * (ys[i] - my)).sum::<f64>();
            let sxx = train.iter().map(|&i| (xs[i] - mx).powi(2)).sum::<f64>();
            for i in 3 * f..3 * f + 3 {
                let line = my + sxy / sxx * (xs[i] - mx);
                for (what, got, want) in [("pls", res.out_of_sample.pls[(i, 0)], line), ("lm", res.out_of_sample.lm[(i, 0)], line), ("ia", res.out_of_sample.ia[(i, 0)], my)] {
                    assert!((got - want).abs() < 1e-12, "row {i} {what}: {got} vs {want}");
                }
                sse += (ys[i] - line).powi(2);
                sso += (ys[i] - my).powi(2);
            }
        }
        let fig = &res.figures.indicators[0];
        assert!((fig.q2_predict - (1.0 - sse / sso)).abs() < 1e-12);
        assert!((fig.pls.rmse - (sse / n as f64).sqrt()).abs() < 1e-12);
        assert!((fig.pls.rmse - fig.lm.rmse).abs() < 1e-12);
    }

    #[test]
    fn folds_agree_with_their_models_refitted() {
        // each fold's model estimated anew on its training rows predicts its
        // holdout rows (out of sample) and its training rows (in sample:
        // averaged over the folds that train on a row); the LM by least
        // squares on the raw data
        let n = 40;
        let (x, with) = study(n, 3, 3, Moderation::TwoStage);
        let names: Vec<String> = (0..3).flat_map(|c| (0..3).map(move |i| format!("A{c}_{i}"))).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let blocks = "A0 =~ A0_0 + A0_1 + A0_2\nA1 =~ A1_0 + A1_1 + A1_2\nA2 =~ A2_0 + A2_1 + A2_2\n";
        let without = design(&format!("{blocks}A1 ~ A0\nA2 ~ A1 + A0\n"), &refs, Moderation::TwoStage);
        assert!(!without.builds_columns() && with.builds_columns());
        let (k, folds) = (without.n_nodes(), 4);
        let order = row_order(n, 5, 0);
        let fold_of = fold_of_positions(n, folds);
        let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
        for (d, approach, lm) in [(&without, Approach::Earliest, true), (&without, Approach::Direct, false), (&with, Approach::Earliest, false)] {
            let s = PredictSettings { folds, approach, ..PredictSettings::smartpls() };
            let res = run(&x, d, &s, Orders::Replay(std::slice::from_ref(&order)), 1);
            let e = res.items.len();
            let (mut oos, mut ins) = (DMatrix::<f64>::zeros(n, 2 * e + k), DMatrix::<f64>::zeros(n, 2 * e + k));
            let mut count = vec![0.0; n];
            for f in 0..folds {
                let test: Vec<usize> = (0..n).filter(|&t| fold_of[t] == f).map(|t| order[t]).collect();
                let train: Vec<usize> = (0..n).filter(|i| !test.contains(i)).collect();
                let fit = Fitted::new(&select_rows(&x, &train), d, &opts).unwrap();
                let pred = fit.predict(d, &x, approach).unwrap();
                // the LM (EA): the endogenous indicators on A0's, with intercept
                let design_of = |rows: &[usize]| DMatrix::from_fn(rows.len(), 4, |r, c| if c == 0 { 1.0 } else { x[(rows[r], c - 1)] });
                let xt = design_of(&train);
                let all: Vec<usize> = (0..n).collect();
                let ys = DMatrix::from_fn(train.len(), e, |r, c| x[(train[r], res.items[c])]);
                let beta = (xt.transpose() * &xt).lu().solve(&(xt.transpose() * ys)).unwrap();
                let lm_pred = design_of(&all) * beta;
                for i in 0..n {
                    let row: Vec<f64> = (0..e).map(|c| pred.items[(i, res.items[c])]).chain((0..e).map(|c| lm_pred[(i, c)])).chain((0..k).map(|j| pred.scores[(i, j)])).collect();
                    let out = if test.contains(&i) { &mut oos } else { count[i] += 1.0; &mut ins };
                    out.row_mut(i).iter_mut().zip(&row).for_each(|(o, v)| *o += v);
                }
            }
            for (i, c) in count.iter().enumerate() {
                ins.row_mut(i).iter_mut().for_each(|v| *v /= c);
            }
            for (side, want, got) in [("out of sample", &oos, &res.out_of_sample), ("in sample", &ins, &res.in_sample)] {
                for i in 0..n {
                    for c in 0..e {
                        assert!((got.pls[(i, c)] - want[(i, c)]).abs() < 1e-9, "{side} PLS row {i} item {c}: {} vs {}", got.pls[(i, c)], want[(i, c)]);
                        assert!(!lm || (got.lm[(i, c)] - want[(i, e + c)]).abs() < 1e-9, "{side} LM row {i} item {c}: {} vs {}", got.lm[(i, c)], want[(i, e + c)]);
                    }
                    for j in 0..k {
                        assert!((got.scores[(i, j)] - want[(i, 2 * e + j)]).abs() < 1e-9, "{side} score row {i} node {j}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_exact_relation_is_predicted_exactly() {
        let n = 20;
        let x = DMatrix::from_fn(n, 2, |i, j| {
            let v = ((i * 7) % 11) as f64;
            if j == 0 { v } else { 2.0 * v + 1.0 }
        });
        let d = design("X =~ x\nY =~ y\nY ~ X\n", &["x", "y"], Moderation::TwoStage);
        let res = run(&x, &d, &PredictSettings { folds: 5, repetitions: 2, ..PredictSettings::smartpls() }, Orders::Seeded, 1);
        let fig = &res.figures.indicators[0];
        assert!(fig.pls.rmse < 1e-12 && fig.lm.rmse < 1e-12 && (fig.q2_predict - 1.0).abs() < 1e-12, "{fig:?}");
    }

    #[test]
    fn results_do_not_depend_on_threads_and_replay_repeats_them() {
        for moderation in [Moderation::TwoStage, Moderation::ProductIndicator, Moderation::Orthogonal] {
            let (x, d) = study(120, 4, 3, moderation);
            for approach in [Approach::Direct, Approach::Earliest] {
                let s = PredictSettings { folds: 5, repetitions: 2, approach, seed: 9, ..PredictSettings::seminr() };
                let one = run(&x, &d, &s, Orders::Seeded, 1);
                let three = run(&x, &d, &s, Orders::Seeded, 3);
                assert!(same_result(&one, &three), "{moderation:?} {approach:?}: 1 vs 3 threads");
                let orders: Vec<Vec<usize>> = (0..2).map(|r| row_order(120, 9, r)).collect();
                let replayed = run(&x, &d, &s, Orders::Replay(&orders), 2);
                assert!(same_result(&one, &replayed), "{moderation:?} {approach:?}: seeded vs replayed");
                assert_eq!((replayed.seed, one.seed), (None, Some(9)));
            }
        }
    }

    /// When every endogenous construct has only exogenous predecessors, the
    /// two approaches and the two LM definitions coincide.
    #[test]
    fn direct_and_earliest_agree_on_a_one_step_model() {
        let (x, _) = study(90, 3, 3, Moderation::TwoStage);
        let names: Vec<String> = (0..3).flat_map(|c| (0..3).map(move |i| format!("A{c}_{i}"))).collect();
        let names: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
        let text = "A0 =~ A0_0 + A0_1 + A0_2\nA1 =~ A1_0 + A1_1 + A1_2\nA2 =~ A2_0 + A2_1 + A2_2\nA2 ~ A0 + A1\n";
        let d = design(text, &names, Moderation::TwoStage);
        let base = PredictSettings { folds: 6, repetitions: 1, ..PredictSettings::smartpls() };
        let ea = run(&x, &d, &base, Orders::Seeded, 1);
        let da = run(&x, &d, &PredictSettings { approach: Approach::Direct, lm: LmPredictors::AsApproach, ..base }, Orders::Seeded, 1);
        assert!(same_result(&ea, &da));
    }

    #[test]
    fn a_failed_fold_is_reported_and_its_rows_left_out() {
        // the second indicator varies in one row only: the fold that holds
        // that row out sees a constant indicator
        let n = 30;
        let (x0, _) = study(n, 3, 2, Moderation::TwoStage);
        let mut x = x0.columns(0, 4).into_owned();
        for i in 0..n {
            x[(i, 1)] = if i == 4 { 1.0 } else { 0.0 };
        }
        let d = design("A0 =~ A0_0 + A0_1\nA1 =~ A1_0 + A1_1\nA1 ~ A0\n", &["A0_0", "A0_1", "A1_0", "A1_1"], Moderation::TwoStage);
        let identity: Vec<usize> = (0..n).collect();
        let res = run(&x, &d, &PredictSettings { folds: 5, ..PredictSettings::smartpls() }, Orders::Replay(&[identity]), 1);
        assert_eq!(res.failures, vec![FoldFailure { repetition: 0, fold: 0, error: EstError::Constant(1) }]);
        for i in 0..n {
            assert_eq!(res.out_of_sample.pls[(i, 0)].is_nan(), i < 6, "row {i}");
        }
        assert!(res.figures.indicators.iter().all(|f| f.pls.rmse.is_finite() && f.q2_predict.is_finite()));
    }

    #[test]
    fn bad_requests_are_refused() {
        let (x, d) = study(30, 3, 2, Moderation::TwoStage);
        let opts = EstOptions::new(&Settings::smartpls(), Purpose::Full);
        let s = PredictSettings::smartpls();
        let go = |opts: &EstOptions, s: &PredictSettings, o: Orders| predict(&x, &d, opts, s, o, 1, &|_| true).err();
        assert_eq!(go(&opts, &PredictSettings { folds: 31, ..s.clone() }, Orders::Seeded), Some(PredictError::Folds { folds: 31, n: 30 }));
        assert_eq!(go(&opts, &PredictSettings { folds: 1, ..s.clone() }, Orders::Seeded), Some(PredictError::Folds { folds: 1, n: 30 }));
        let mut twice: Vec<usize> = (0..30).collect();
        twice[3] = 4;
        assert_eq!(go(&opts, &s, Orders::Replay(&[(0..30).collect(), twice])), Some(PredictError::NotAPermutation { order: 1, n: 30 }));
        assert_eq!(go(&opts, &s, Orders::Replay(&[])), Some(PredictError::NoRepetitions));
        let plsc = EstOptions { consistent: true, ..opts.clone() };
        assert_eq!(go(&plsc, &s, Orders::Seeded), Some(PredictError::Consistent));
        let f = Fitted::new(&x, &d, &opts).unwrap();
        assert_eq!(f.predict(&d, &x.columns(0, 3).into_owned(), Approach::Direct).err(), Some(PredictError::Columns { expected: 6, found: 3 }));
    }

    #[test]
    fn cancelling_returns_nothing() {
        let (x, d) = study(40, 3, 2, Moderation::TwoStage);
        let s = PredictSettings { folds: 4, repetitions: 2, ..PredictSettings::smartpls() };
        for threads in [1, 2] {
            let r = predict(&x, &d, &EstOptions::new(&Settings::smartpls(), Purpose::Full), &s, Orders::Seeded, threads, &|done| done < 3).unwrap();
            assert!(r.is_none());
        }
    }

    #[test]
    fn counts_indicators_where_pls_beats_the_lm() {
        let e = |rmse: f64, mae: f64| Errors { rmse, mae, mape: 0.0 };
        let figs = Figures {
            indicators: (0..4)
                .map(|i| IndicatorFigures { item: i, pls: e(1.0, 1.0), q2_predict: 0.5, lm: e([1.5, 1.0, 0.5, 2.0][i], [0.5, 1.0, 1.2, 2.0][i]), ia: e(2.0, 2.0) })
                .collect(),
            constructs: Vec::new(),
        };
        // equal errors do not count as lower
        assert_eq!(figs.lower_than_lm(ErrorMetric::Rmse), (2, 4));
        assert_eq!(figs.lower_than_lm(ErrorMetric::Mae), (2, 4));
        let none = Figures { indicators: figs.indicators[1..2].to_vec(), constructs: Vec::new() };
        assert_eq!(none.lower_than_lm(ErrorMetric::Rmse), (0, 1));
        // the verdict counts only indicators PLS predicts better than the
        // training mean: items 0 and 3 beat the LM, item 3 not the mean
        let mut worse_than_mean = figs.clone();
        worse_than_mean.indicators[3].q2_predict = -0.1;
        let c = worse_than_mean.verdict_counts(ErrorMetric::Rmse);
        assert_eq!((c.compared, c.lower_than_lm, c.positive_q2, c.counted), (4, 2, 3, 1));
        let c = figs.verdict_counts(ErrorMetric::Rmse);
        assert_eq!((c.compared, c.lower_than_lm, c.positive_q2, c.counted), (4, 2, 4, 2));
    }

    /// D = (−1, −2, −3): D̄ = −2, S² = 1, t = −2·√3; with 2 degrees of
    /// freedom P(|T| > |t|) = 1 − |t|/√(t² + 2) in closed form.
    #[test]
    fn cvpat_is_a_paired_t_test_of_the_losses() {
        let actual = DMatrix::zeros(3, 1);
        let pls = DMatrix::zeros(3, 1);
        let bench = DMatrix::from_column_slice(3, 1, &[1.0, 2f64.sqrt(), 3f64.sqrt()]);
        let r = cvpat_row(None, Benchmark::LinearModel, &actual, &pls, &bench, &[0]);
        let t = -2.0 * 3f64.sqrt();
        let p = 1.0 - t.abs() / (t * t + 2.0).sqrt();
        assert!((r.loss_difference + 2.0).abs() < 1e-15 && (r.pls_loss - 0.0).abs() < 1e-15 && (r.benchmark_loss - 2.0).abs() < 1e-12);
        assert!((r.t - t).abs() < 1e-12 && r.df == 2.0, "{r:?}");
        assert!((r.p - p).abs() < 1e-9 && (r.p_one_sided - p / 2.0).abs() < 1e-9, "{r:?} vs p = {p}");
    }
}
