//! One complete estimation: standardize → build interaction terms →
//! estimate weights → paths, from a complete raw data matrix.
//!
//! The bootstrap, blindfolding and f² re-estimations all call [`estimate`],
//! so every resample goes through exactly the same steps as the full sample.

use super::linalg::{cor_of_standardized, cor_scaled, mean_sd, ols_coefficients, standardize_in_place, weighted_mean_sd, weighted_standardize_in_place, with_intercept};
use super::pls::{fit_weights, inner_model, Blocks, FitError, Inner, Structure};
use super::plsc::{consistent, Consistent};
use super::hoc::{fit_subset, repeated_paths, stage_one, HocStage};
use super::settings::{HocMethod, InteractionScaling, Moderation, Scheme, Settings};
use crate::model::{Mode, ValidModel};
use nalgebra::{DMatrix, DVector};

/// What a node of the path model is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A construct measured by observed indicators.
    Construct,
    /// The product term of two constructs (by node index), measured by
    /// generated indicators.
    Interaction { iv: usize, moderator: usize },
}

/// The fixed layout of an analysis: which columns feed which block.
#[derive(Debug, Clone)]
pub struct Design {
    pub model: ValidModel,
    pub moderation: Moderation,
    /// Per node (constructs, then interactions).
    pub kinds: Vec<NodeKind>,
    /// Observed indicator names, construct by construct (a HOC by repeated
    /// indicators after the others, repeating its dimensions'): the columns
    /// of X.
    pub observed: Vec<String>,
    /// All indicator names: observed, then the generated indicators of HOCs
    /// estimated in two stages (their dimensions' names), then those of
    /// interactions.
    pub items: Vec<String>,
    /// Blocks over `items` for every node (constructs, then interactions).
    pub blocks: Blocks,
    pub structure: Structure,
    /// Stage-1 model of the two-stage approach: constructs only, interaction
    /// paths removed.
    pub stage1: Option<(Blocks, Structure)>,
    /// Stage 1 of the higher-order constructs estimated in two stages.
    pub hoc: Option<HocStage>,
    pub hoc_method: HocMethod,
}

impl Design {
    /// The design of `model`, its higher-order constructs (if any) by the
    /// default method.
    pub fn new(model: &ValidModel, moderation: Moderation) -> Self {
        Design::with_hoc(model, moderation, HocMethod::default())
    }

    /// The design of `model` with its higher-order constructs estimated by
    /// `hoc`: by the repeated indicators the HOC's block repeats its
    /// dimensions' columns; by a two-stage method its indicators are the
    /// dimensions' stage-1 scores, generated columns after the observed
    /// ones (and before the interactions').
    pub fn with_hoc(model: &ValidModel, moderation: Moderation, hoc: HocMethod) -> Self {
        let k0 = model.constructs().len();
        let two_stage = !model.hocs().is_empty() && hoc != HocMethod::Repeated;
        let mut observed = Vec::new();
        let mut ranges = vec![0..0; k0];
        let mut modes = Vec::new();
        // dimensions and ordinary constructs first: a repeated block copies them
        for (j, c) in model.constructs().iter().enumerate() {
            if !model.is_hoc(j) {
                let start = observed.len();
                observed.extend(c.indicators.iter().cloned());
                ranges[j] = start..observed.len();
            }
        }
        let mut items = observed.clone();
        let mut hoc_items = Vec::new();
        for h in model.hocs() {
            if two_stage {
                let start = observed.len() + hoc_items.len();
                hoc_items.extend(h.dimensions.iter().map(|&d| model.constructs()[d].name.clone()));
                ranges[h.node] = start..observed.len() + hoc_items.len();
            } else {
                let start = observed.len();
                for &d in &h.dimensions {
                    observed.extend(model.constructs()[d].indicators.iter().cloned());
                }
                ranges[h.node] = start..observed.len();
                items = observed.clone();
            }
        }
        items.extend(hoc_items);
        modes.extend(model.constructs().iter().map(|c| c.mode));
        for it in model.interactions() {
            let start = items.len();
            match moderation {
                Moderation::TwoStage => items.push(it.name.clone()),
                Moderation::ProductIndicator | Moderation::Orthogonal => {
                    for a in ranges[it.iv].clone() {
                        for b in ranges[it.moderator].clone() {
                            items.push(format!("{}*{}", items[a], items[b]));
                        }
                    }
                }
            }
            ranges.push(start..items.len());
            modes.push(Mode::A);
        }
        let mut kinds = vec![NodeKind::Construct; k0];
        kinds.extend(model.interactions().iter().map(|it| NodeKind::Interaction { iv: it.iv, moderator: it.moderator }));
        let mut d = Design {
            model: model.clone(),
            moderation,
            kinds,
            observed,
            items,
            blocks: Blocks { ranges, modes },
            structure: Structure::new(0, &[]),
            stage1: None,
            hoc: None,
            hoc_method: hoc,
        };
        d.set_paths(model.paths());
        d
    }

    /// The structural model (design nodes) and what follows from it: the
    /// repeated indicators' links, the two stages' first-stage models.
    fn set_paths(&mut self, paths: &[(usize, usize)]) {
        let model = &self.model;
        let k0 = model.constructs().len();
        let repeated = !model.hocs().is_empty() && self.hoc_method == HocMethod::Repeated;
        // the repeated indicators' links are part of the structure already
        // when it is re-set (f²), so add them only to the model's paths
        let paths: Vec<(usize, usize)> = if repeated && paths == model.paths() { repeated_paths(model, paths) } else { paths.to_vec() };
        self.structure = Structure::new(self.blocks.len(), &paths);
        self.hoc = (!model.hocs().is_empty() && !repeated)
            .then(|| HocStage::new(model, &paths, self.hoc_method, &self.blocks.ranges[..k0], self.observed.len()));
        self.stage1 = if self.moderation == Moderation::TwoStage && !model.interactions().is_empty() {
            let p1: Vec<(usize, usize)> = paths.iter().copied().filter(|&(f, t)| f < k0 && t < k0).collect();
            Some((
                Blocks { ranges: self.blocks.ranges[..k0].to_vec(), modes: self.blocks.modes[..k0].to_vec() },
                Structure::new(k0, &p1),
            ))
        } else {
            None
        };
    }

    /// Columns before the interactions' generated ones: the observed
    /// indicators and the HOCs' generated indicators.
    pub fn base(&self) -> usize {
        self.observed.len() + self.hoc.as_ref().map_or(0, |h| h.n_items())
    }

    /// Whether estimating needs the data's rows, not only their correlations:
    /// interaction terms and higher-order constructs build columns from them.
    pub fn builds_columns(&self) -> bool {
        self.hoc.is_some() || self.items.len() > self.base()
    }

    /// Whether node `j`'s indicators are generated (interaction terms and
    /// HOCs estimated in two stages) rather than observed columns.
    pub fn generated_block(&self, j: usize) -> bool {
        self.blocks.ranges[j].start >= self.observed.len()
    }

    pub fn n_nodes(&self) -> usize {
        self.blocks.len()
    }

    /// The same measurement with another structural model (used to
    /// re-estimate without a path, for f²): stage 1 follows suit.
    pub fn with_paths(&self, paths: &[(usize, usize)]) -> Design {
        let mut d = self.clone();
        d.set_paths(paths);
        d
    }
    pub fn n_constructs(&self) -> usize {
        self.model.constructs().len()
    }
    pub fn node_name(&self, j: usize) -> &str {
        self.model.node_name(j)
    }
    pub fn is_interaction(&self, j: usize) -> bool {
        matches!(self.kinds[j], NodeKind::Interaction { .. })
    }
    /// (independent construct, moderator) of an interaction node.
    pub fn interaction_of(&self, j: usize) -> Option<(usize, usize)> {
        match self.kinds[j] {
            NodeKind::Interaction { iv, moderator } => Some((iv, moderator)),
            NodeKind::Construct => None,
        }
    }
}

/// What an estimation is for; its stop rule and start follow from the
/// settings accordingly.
#[derive(Debug, Clone, Copy)]
pub enum Purpose<'a> {
    /// The full sample (and the re-estimations that must match it: f²,
    /// blindfolding rounds, leave-one-out fits).
    Full,
    /// A bootstrap resample: the bootstrap's own stop rule (seminr always
    /// uses 1e-7 and 300), warm-started from `start` if the settings say so.
    Resample { start: Option<&'a [DVector<f64>]> },
}

#[derive(Debug, Clone)]
pub struct EstOptions<'a> {
    pub scheme: Scheme,
    pub tolerance: f64,
    pub max_iterations: usize,
    /// Stop rule of the two-stage approach's first stage.
    pub stage1_tolerance: f64,
    pub stage1_max_iterations: usize,
    pub start: Option<&'a [DVector<f64>]>,
    pub scaling: InteractionScaling,
    pub consistent: bool,
    /// Keep the standardized data so scores can be formed.
    pub keep_data: bool,
}

impl<'a> EstOptions<'a> {
    /// The options of an estimation for `purpose`, built once from the
    /// settings.
    pub fn new(settings: &Settings, purpose: Purpose<'a>) -> Self {
        let (tolerance, max_iterations, start) = match purpose {
            Purpose::Full => (settings.tolerance, settings.max_iterations, None),
            Purpose::Resample { start } => (
                settings.bootstrap_tolerance.unwrap_or(settings.tolerance),
                settings.bootstrap_max_iterations.unwrap_or(settings.max_iterations),
                if settings.warm_start { start } else { None },
            ),
        };
        EstOptions {
            scheme: settings.scheme,
            tolerance,
            max_iterations,
            stage1_tolerance: settings.stage1_tolerance.unwrap_or(settings.tolerance),
            stage1_max_iterations: settings.stage1_max_iterations.unwrap_or(settings.max_iterations),
            start,
            scaling: settings.interaction_scaling,
            consistent: settings.consistent,
            keep_data: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum EstError {
    /// Indicator (index into `Design::items`) has zero variance.
    Constant(usize),
    /// Orthogonalizing regression is rank deficient for an interaction.
    Collinear(usize),
    Fit(FitError),
}

impl From<FitError> for EstError {
    fn from(e: FitError) -> Self {
        EstError::Fit(e)
    }
}

#[derive(Debug, Clone)]
pub struct Estimate {
    pub n: usize,
    /// Correlation matrix of all indicators (`Design::items`).
    pub s: DMatrix<f64>,
    pub weights: Vec<DVector<f64>>,
    /// Standardized inner results (paths, R², composite correlations).
    pub inner: Inner,
    pub iterations: usize,
    pub converged: bool,
    pub stage1_converged: bool,
    /// Without convergence (of either stage): the weights alternated between
    /// two states at the iteration limit instead of drifting.
    pub oscillating: bool,
    /// Per node: factor applied to its scores by seminr's rescaling (1 unless
    /// an interaction under `InteractionScaling::Rescaled`).
    pub adjust: Vec<f64>,
    /// Standardized data of all items (kept on request).
    pub z: Option<DMatrix<f64>>,
    /// Consistent PLS corrections, when requested.
    pub plsc: Option<Consistent>,
    /// How the interaction indicators were built (empty without interactions).
    pub interactions: InteractionBuild,
}

impl Estimate {
    /// Reported path coefficient from → to.
    pub fn path(&self, from: usize, to: usize) -> f64 {
        if let Some(pc) = &self.plsc {
            return pc.beta[(from, to)] / self.adjust[from];
        }
        self.inner.beta[(from, to)] / self.adjust[from]
    }
    /// Reported R².
    pub fn r2(&self, j: usize) -> f64 {
        match &self.plsc {
            Some(pc) => pc.r2[j],
            None => self.inner.r2[j],
        }
    }
    /// Reported loadings of block j (scaled by seminr's adjustment).
    pub fn loading(&self, design: &Design, j: usize, a: usize) -> f64 {
        if let Some(pc) = &self.plsc {
            if let Some(l) = &pc.loadings[j] {
                return l[a];
            }
        }
        let b = design.blocks.ranges[j].start + a;
        self.inner.v[(b, j)] * self.adjust[j]
    }
    /// Construct scores (n × nodes), unit variance (before any rescaling).
    pub fn scores(&self, design: &Design) -> Option<DMatrix<f64>> {
        let z = self.z.as_ref()?;
        let k = design.n_nodes();
        let mut y = DMatrix::zeros(z.nrows(), k);
        for (j, r) in design.blocks.ranges.iter().enumerate() {
            let col = z.columns(r.start, r.len()) * &self.weights[j];
            y.set_column(j, &col);
        }
        Some(y)
    }
    /// Composite correlations used for reporting (PLSc-corrected if on).
    pub fn construct_cor(&self) -> &DMatrix<f64> {
        match &self.plsc {
            Some(pc) => &pc.c,
            None => &self.inner.c,
        }
    }
}

/// Estimate the model on complete raw data `x` (n × observed).
pub fn estimate(x: &DMatrix<f64>, design: &Design, opts: &EstOptions) -> Result<Estimate, EstError> {
    let mut z0 = x.clone();
    let (mut est, gen) = estimate_in_place(&mut z0, design, opts)?;
    if opts.keep_data {
        let p0 = z0.ncols();
        let mut z = z0.resize_horizontally(design.items.len(), 0.0);
        z.columns_mut(p0, gen.ncols()).copy_from(&gen);
        est.z = Some(z);
    }
    Ok(est)
}

/// [`estimate`] on a buffer that is standardized in place (a bootstrap
/// resample, without a copy); also returns the standardized interaction
/// columns. `opts.keep_data` is ignored.
pub fn estimate_in_place(x: &mut DMatrix<f64>, design: &Design, opts: &EstOptions) -> Result<(Estimate, DMatrix<f64>), EstError> {
    if super::pairwise::has_missing(x) {
        return estimate_pairwise_in_place(x, design, opts);
    }
    standardize_in_place(x).map_err(EstError::Constant)?;
    // Correlations of the observed indicators: computed once, shared by the
    // first stage and extended (not recomputed) by the interaction columns.
    let s_obs = cor_of_standardized(x);
    estimate_standardized(x, s_obs, None, design, opts)
}

/// [`estimate_in_place`] of data with missing cells (NaN): pairwise
/// deletion ([`super::pairwise`]): correlations from the rows where both
/// indicators are observed, each indicator standardized over its observed
/// cells, a missing cell adding nothing to its case's scores.
pub fn estimate_pairwise_in_place(x: &mut DMatrix<f64>, design: &Design, opts: &EstOptions) -> Result<(Estimate, DMatrix<f64>), EstError> {
    use super::pairwise::{pairwise_cor, standardize_available_in_place, undefined_pair};
    let s_obs = pairwise_cor(x);
    standardize_available_in_place(x).map_err(EstError::Constant)?;
    if let Some(c) = undefined_pair(&s_obs) {
        return Err(EstError::Constant(c));
    }
    estimate_standardized(x, s_obs, None, design, opts)
}

/// Rows that stand for several rows of the data (a bootstrap resample by
/// its counts): row r stands for w_r rows, the data hold √w_r · z_r, and
/// `n` = Σ w is the number of rows the data stand for.
pub struct RowWeights<'a> {
    pub sqrt_w: &'a [f64],
    pub n: usize,
}

/// How the interaction indicators of an estimation were built from its
/// standardized observed data: enough to build the same indicators for new
/// rows (prediction), with the estimation data's parameters.
#[derive(Debug, Clone, Default)]
pub struct InteractionBuild {
    /// Stage-1 outer weights (two-stage approach).
    pub stage1_weights: Option<Vec<DVector<f64>>>,
    /// Per interaction (orthogonalizing approach): OLS coefficients of its
    /// products on [1, indicators of iv and moderator], (1 + a + b) × products.
    pub ortho: Vec<Option<DMatrix<f64>>>,
    /// Mean and SD (n − 1) of each generated column before it was
    /// standardized (weighted by the rows' counts in a resample by counts).
    pub mean: Vec<f64>,
    pub sd: Vec<f64>,
}

/// Orthogonalizing coefficients: estimated from the data at hand, or the
/// estimation's applied to new rows.
enum Ortho<'a> {
    Fit(&'a mut Vec<Option<DMatrix<f64>>>),
    Apply(&'a [Option<DMatrix<f64>>]),
}

/// The raw interaction columns (rows × generated items) of standardized
/// observed data `z0`: products of stage-1 scores (two-stage) or of
/// standardized indicators (product indicator), those residualized on both
/// constructs' indicators (orthogonal).
fn raw_interaction_columns(z0: &DMatrix<f64>, design: &Design, stage1: Option<&[DVector<f64>]>, mut ortho: Ortho) -> Result<DMatrix<f64>, EstError> {
    let n = z0.nrows();
    let p0 = design.base();
    let k0 = design.n_constructs();
    let model = &design.model;
    let mut gen = DMatrix::zeros(n, design.items.len() - p0);
    // scores of the constructs that form interactions, the others are not needed
    let mut y: Vec<Option<DVector<f64>>> = vec![None; k0];
    if let (Some(w), Some((b1, _))) = (stage1, &design.stage1) {
        for it in model.interactions() {
            for j in [it.iv, it.moderator] {
                let r = &b1.ranges[j];
                y[j].get_or_insert_with(|| z0.columns(r.start, r.len()) * &w[j]);
            }
        }
    }
    for (m, it) in model.interactions().iter().enumerate() {
        let node = k0 + m;
        let r = design.blocks.ranges[node].clone();
        let mut cols = DMatrix::zeros(n, r.len());
        match design.moderation {
            Moderation::TwoStage => {
                let score = |j: usize| y[j].as_ref().expect("scored in stage 1");
                cols.set_column(0, &score(it.iv).component_mul(score(it.moderator)));
            }
            Moderation::ProductIndicator | Moderation::Orthogonal => {
                let ri = design.blocks.ranges[it.iv].clone();
                let rm = design.blocks.ranges[it.moderator].clone();
                let mut c = 0;
                for a in ri.clone() {
                    for b in rm.clone() {
                        cols.set_column(c, &z0.column(a).component_mul(&z0.column(b)));
                        c += 1;
                    }
                }
                if design.moderation == Moderation::Orthogonal {
                    // a quadratic term's block once, not twice
                    let idx: Vec<usize> = if it.iv == it.moderator { ri.collect() } else { ri.chain(rm).collect() };
                    let xs = DMatrix::from_fn(n, idx.len(), |i, j| z0[(i, idx[j])]);
                    let beta = match &mut ortho {
                        Ortho::Fit(store) => {
                            let b = ols_coefficients(&cols, &xs).ok_or(EstError::Collinear(node))?;
                            store.resize(model.interactions().len(), None);
                            store[m] = Some(b);
                            store[m].as_ref().expect("just stored")
                        }
                        Ortho::Apply(coefs) => coefs.get(m).and_then(|b| b.as_ref()).ok_or(EstError::Collinear(node))?,
                    };
                    cols -= with_intercept(&xs) * beta;
                }
            }
        }
        gen.columns_mut(r.start - p0, r.len()).copy_from(&cols);
    }
    Ok(gen)
}

/// The interaction indicators of new rows (standardized observed data `z0`
/// in the estimation's metric), built with the estimation's stage-1
/// weights and orthogonalizing coefficients and standardized with the
/// estimation's means and SDs of the generated columns.
pub fn interaction_columns_for(z0: &DMatrix<f64>, design: &Design, build: &InteractionBuild) -> Result<DMatrix<f64>, EstError> {
    let mut gen = raw_interaction_columns(z0, design, build.stage1_weights.as_deref(), Ortho::Apply(&build.ortho))?;
    let rows = gen.nrows().max(1);
    for (j, col) in gen.as_mut_slice().chunks_exact_mut(rows).enumerate() {
        let (m, f) = (build.mean[j], 1.0 / build.sd[j]);
        col.iter_mut().for_each(|v| *v = (*v - m) * f);
    }
    Ok(gen)
}

/// The estimate of a design that builds no columns
/// ([`Design::builds_columns`]) from its indicators' correlation matrix
/// alone: `n` is the number of rows it stands for.
pub fn estimate_from_correlation(n: usize, s_obs: DMatrix<f64>, design: &Design, opts: &EstOptions) -> Result<Estimate, EstError> {
    assert!(!design.builds_columns(), "the design builds columns from the rows");
    let none = RowWeights { sqrt_w: &[], n };
    estimate_standardized(&DMatrix::zeros(0, 0), s_obs, Some(&none), design, opts).map(|(e, _)| e)
}

/// The estimation from standardized observed data `z0` and their
/// correlation matrix `s_obs`, each row once (`weights` = None) or standing
/// for several ([`RowWeights`]; not for orthogonalized interactions): builds
/// the interaction columns (returned, standardized, rows × generated items)
/// and fits the model. `opts.keep_data` is left to the caller.
pub fn estimate_standardized(
    z0: &DMatrix<f64>,
    s_obs: DMatrix<f64>,
    weights: Option<&RowWeights>,
    design: &Design,
    opts: &EstOptions,
) -> Result<(Estimate, DMatrix<f64>), EstError> {
    debug_assert!(weights.is_none() || design.moderation != Moderation::Orthogonal || !design.builds_columns());
    let n = z0.nrows();
    let n_eff = weights.map_or(n, |w| w.n);
    let k0 = design.n_constructs();
    let p = design.items.len();
    let mut stage1_converged = true;
    let mut stage1_oscillating = false;
    // Higher-order constructs in two stages: the dimensions' stage-1 scores
    // join the data as the HOCs' indicators.
    let (z_base, s_obs, dim_weights) = match &design.hoc {
        Some(h) => {
            let one = stage_one(z0, &s_obs, h, &design.blocks.ranges, opts.scheme, opts.stage1_tolerance, opts.stage1_max_iterations, opts.start)?;
            stage1_converged = one.converged;
            (Some(one.z), one.s, one.dim_weights)
        }
        None => (None, s_obs, Vec::new()),
    };
    let z0 = z_base.as_ref().unwrap_or(z0);
    let p0 = design.base();
    // nodes iterated: all but the HOCs' dimensions (they keep stage 1's weights)
    let keep: Option<&[usize]> = design.hoc.as_ref().map(|h| h.keep.as_slice());
    let mut raw_sd = vec![Vec::new(); design.n_nodes()];
    let mut build = InteractionBuild::default();
    let mut gen = DMatrix::zeros(n, p - p0);
    if p > p0 {
        if let Some((b1, st1)) = &design.stage1 {
            let start1 = opts.start.map(|w| &w[..k0]);
            let fit = match keep {
                None => fit_weights(&s_obs, b1, st1, opts.scheme, opts.stage1_tolerance, opts.stage1_max_iterations, start1)?,
                Some(keep) => {
                    let keep1: Vec<usize> = keep.iter().copied().filter(|&j| j < k0).collect();
                    fit_subset(&s_obs, b1, st1, &keep1, opts.scheme, opts.stage1_tolerance, opts.stage1_max_iterations, start1)?
                }
            };
            stage1_converged &= fit.converged;
            stage1_oscillating = fit.oscillating;
            build.stage1_weights = Some(fit.weights);
        }
        gen = raw_interaction_columns(z0, design, build.stage1_weights.as_deref(), Ortho::Fit(&mut build.ortho))?;
        let (means, sds) = match weights {
            None => mean_sd(&gen),
            Some(w) => {
                // a product of two √w-carrying values carries w: keep √w
                for (mut row, s) in gen.row_iter_mut().zip(w.sqrt_w) {
                    row /= *s;
                }
                gen.column_iter().map(|c| weighted_mean_sd(c.as_slice(), w.sqrt_w, w.n)).unzip()
            }
        };
        for (r, sd) in design.blocks.ranges.iter().zip(raw_sd.iter_mut()).skip(k0) {
            *sd = sds[r.start - p0..r.end - p0].to_vec();
        }
        build.mean = means;
        build.sd = sds;
        match weights {
            None => standardize_in_place(&mut gen),
            Some(w) => weighted_standardize_in_place(&mut gen, w.sqrt_w, w.n),
        }
        .map_err(|j| EstError::Constant(p0 + j))?;
    }
    let s = if p > p0 {
        let f = 1.0 / (n_eff as f64 - 1.0);
        let cross = z0.tr_mul(&gen) * f;
        let gg = cor_scaled(&gen, f);
        let mut s = DMatrix::zeros(p, p);
        s.view_mut((0, 0), (p0, p0)).copy_from(&s_obs);
        s.view_mut((0, p0), (p0, p - p0)).copy_from(&cross);
        s.view_mut((p0, 0), (p - p0, p0)).copy_from(&cross.transpose());
        s.view_mut((p0, p0), (p - p0, p - p0)).copy_from(&gg);
        s
    } else {
        s_obs
    };
    let fit = match keep {
        None => fit_weights(&s, &design.blocks, &design.structure, opts.scheme, opts.tolerance, opts.max_iterations, opts.start)?,
        Some(keep) => {
            let mut fit = fit_subset(&s, &design.blocks, &design.structure, keep, opts.scheme, opts.tolerance, opts.max_iterations, opts.start)?;
            for (j, w) in dim_weights.into_iter().enumerate() {
                if let Some(w) = w {
                    fit.weights[j] = w;
                }
            }
            fit
        }
    };
    let inner = inner_model(&s, &design.blocks, &design.structure, &fit.weights)?;

    let mut adjust = vec![1.0; design.n_nodes()];
    if opts.scaling == InteractionScaling::Rescaled {
        for (j, sds) in raw_sd.iter().enumerate() {
            if sds.is_empty() {
                continue;
            }
            let r = design.blocks.ranges[j].clone();
            let (mut num, mut den) = (0.0, 0.0);
            for (a, b) in r.enumerate() {
                let l = inner.v[(b, j)].abs();
                num += sds[a] * l;
                den += l;
            }
            adjust[j] = num / den;
        }
    }
    let plsc = if opts.consistent {
        Some(consistent(&s, design, &fit.weights, &inner)?)
    } else {
        None
    };
    let est = Estimate {
        n: n_eff,
        s,
        weights: fit.weights,
        inner,
        iterations: fit.iterations,
        converged: fit.converged,
        stage1_converged,
        oscillating: fit.oscillating || stage1_oscillating,
        adjust,
        z: None,
        plsc,
        interactions: build,
    };
    if z_base.is_some() {
        // the generated columns after the observed ones: the HOCs', then the interactions'
        let p_obs = design.observed.len();
        let mut all = z0.columns(p_obs, p0 - p_obs).clone_owned().resize_horizontally(p - p_obs, 0.0);
        all.columns_mut(p0 - p_obs, p - p0).copy_from(&gen);
        return Ok((est, all));
    }
    Ok((est, gen))
}
