//! Measurement- and structural-model quality criteria.
//!
//! Sources: Cronbach (1951) α, standardized form from the item correlations;
//! ρ_C (Werts, Linn & Jöreskog 1974) and AVE (Fornell & Larcker 1981) from
//! the PLS loadings; ρ_A (Dijkstra & Henseler 2015); HTMT (Henseler, Ringle
//! & Sarstedt 2015); VIF from the inverse correlation matrix; f² (Cohen
//! 1988); GoF (Tenenhaus et al. 2005, as plspm computes it); SRMR (Hu &
//! Bentler 1998) with the composite/common-factor implied correlations of
//! Henseler et al. (2014).

use super::estimate::{estimate, Design, EstOptions, Estimate, Purpose};
use super::settings::Settings;
use super::linalg::{inverse_spd, submatrix};
use super::plsc::rho_a;
use super::pls::{r2_of, Structure};
use crate::model::Mode;
use nalgebra::{DMatrix, SymmetricEigen};

#[derive(Debug, Clone, Copy)]
pub struct Rel {
    pub alpha: f64,
    pub rho_a: f64,
    pub rho_c: f64,
    pub ave: f64,
    pub rho_c_pca: f64,
}

fn rho_c_of(l: &[f64]) -> f64 {
    let s: f64 = l.iter().sum();
    let e: f64 = l.iter().map(|x| 1.0 - x * x).sum();
    s * s / (s * s + e)
}

pub fn reliability(design: &Design, est: &Estimate) -> Vec<Rel> {
    let s = &est.s;
    (0..design.n_nodes())
        .map(|j| {
            let r = design.blocks.ranges[j].clone();
            let k = r.len();
            if k < 2 {
                return Rel { alpha: 1.0, rho_a: 1.0, rho_c: 1.0, ave: 1.0, rho_c_pca: 1.0 };
            }
            let sjj = s.view((r.start, r.start), (k, k)).clone_owned();
            let kf = k as f64;
            let alpha = kf / (kf - 1.0) * (1.0 - kf / sjj.sum());
            let l: Vec<f64> = (0..k).map(|a| est.loading(design, j, a)).collect();
            let rho_c = rho_c_of(&l);
            let ave = l.iter().map(|x| x * x).sum::<f64>() / kf;
            let eig = SymmetricEigen::new(sjj);
            let (imax, _) = eig.eigenvalues.iter().enumerate().fold((0, f64::MIN), |a, (i, &v)| if v > a.1 { (i, v) } else { a });
            let lam = eig.eigenvalues[imax].max(0.0).sqrt();
            let v = eig.eigenvectors.column(imax);
            let sign = if v.sum() < 0.0 { -1.0 } else { 1.0 };
            let lp: Vec<f64> = v.iter().map(|x| sign * x * lam).collect();
            Rel { alpha, rho_a: rho_a(s, design, &est.weights, j), rho_c, ave, rho_c_pca: rho_c_of(&lp) }
        })
        .collect()
}

/// Heterotrait-monotrait ratio for every pair of nodes (diagonal NaN).
/// A single-item block's monotrait mean is taken as 1 (seminr).
pub fn htmt(design: &Design, s: &DMatrix<f64>, absolute: bool) -> DMatrix<f64> {
    let k = design.n_nodes();
    let f = |x: f64| if absolute { x.abs() } else { x };
    let mono: Vec<f64> = (0..k)
        .map(|j| {
            let r = design.blocks.ranges[j].clone();
            if r.len() < 2 {
                return 1.0;
            }
            let mut sum = 0.0;
            let mut cnt = 0.0;
            for a in r.clone() {
                for b in r.start..a {
                    sum += f(s[(a, b)]);
                    cnt += 1.0;
                }
            }
            sum / cnt
        })
        .collect();
    let mut h = DMatrix::from_element(k, k, f64::NAN);
    for i in 0..k {
        for j in 0..i {
            let (ri, rj) = (design.blocks.ranges[i].clone(), design.blocks.ranges[j].clone());
            let mut sum = 0.0;
            for a in ri.clone() {
                for b in rj.clone() {
                    sum += f(s[(a, b)]);
                }
            }
            let hetero = sum / (ri.len() * rj.len()) as f64;
            let v = hetero / (mono[i] * mono[j]).sqrt();
            h[(i, j)] = v;
            h[(j, i)] = v;
        }
    }
    h
}

/// Indicator VIFs per block: diagonal of the inverse item correlation matrix.
pub fn vif_outer(design: &Design, s: &DMatrix<f64>) -> Vec<Vec<f64>> {
    design
        .blocks
        .ranges
        .iter()
        .map(|r| {
            if r.len() < 2 {
                return vec![1.0; r.len()];
            }
            let sjj = s.view((r.start, r.start), (r.len(), r.len())).clone_owned();
            match inverse_spd(&sjj) {
                Some(inv) => inv.diagonal().iter().copied().collect(),
                None => vec![f64::INFINITY; r.len()],
            }
        })
        .collect()
}

/// Predictor VIFs per endogenous node (NaN for a single predictor).
pub fn vif_inner(c: &DMatrix<f64>, st: &Structure) -> Vec<Vec<f64>> {
    (0..st.n)
        .map(|j| {
            let p = &st.preds[j];
            if p.len() < 2 {
                return vec![f64::NAN; p.len()];
            }
            match inverse_spd(&submatrix(c, p, p)) {
                Some(inv) => inv.diagonal().iter().copied().collect(),
                None => vec![f64::INFINITY; p.len()],
            }
        })
        .collect()
}

/// f² from the same scores: (R²_in − R²_out) / (1 − R²_in).
pub fn f2_same_scores(c: &DMatrix<f64>, st: &Structure, from: usize, to: usize, r2_in: f64) -> f64 {
    let others: Vec<usize> = st.preds[to].iter().copied().filter(|&i| i != from).collect();
    match r2_of(c, to, &others) {
        Some(r2_out) => (r2_in - r2_out) / (1.0 - r2_in),
        None => f64::NAN,
    }
}

/// Total effects T = B + B² + … of a DAG's path matrix (`b[(from, to)]`).
pub fn total_effects(b: &DMatrix<f64>) -> DMatrix<f64> {
    let mut total = b.clone();
    let mut pow = b.clone();
    for _ in 0..b.nrows() {
        pow = &pow * b;
        if pow.iter().all(|v| *v == 0.0) {
            break;
        }
        total += &pow;
    }
    total
}

/// Reachability by paths of length ≥ 2 (where an indirect effect exists).
pub fn has_indirect(st: &Structure) -> DMatrix<bool> {
    let k = st.n;
    let mut adj = DMatrix::from_element(k, k, false);
    for &(f, t) in &st.paths {
        adj[(f, t)] = true;
    }
    // reach2[i][j]: a path of length >= 2 from i to j
    let mut reach = adj.clone(); // length >= 1
    for m in 0..k {
        for i in 0..k {
            if reach[(i, m)] {
                for j in 0..k {
                    if reach[(m, j)] {
                        reach[(i, j)] = true;
                    }
                }
            }
        }
    }
    let mut ind = DMatrix::from_element(k, k, false);
    for i in 0..k {
        for m in 0..k {
            if adj[(i, m)] {
                for j in 0..k {
                    if reach[(m, j)] {
                        ind[(i, j)] = true;
                    }
                }
            }
        }
    }
    ind
}

/// Goodness of fit (Tenenhaus et al. 2005), as plspm: sqrt(mean communality
/// over indicators of multi-item blocks × mean R² of endogenous constructs).
pub fn gof(design: &Design, est: &Estimate) -> f64 {
    let mut com = 0.0;
    let mut nc = 0.0;
    for (j, r) in design.blocks.ranges.iter().enumerate() {
        if r.len() > 1 {
            for b in r.clone() {
                let l = est.inner.v[(b, j)];
                com += l * l;
                nc += 1.0;
            }
        }
    }
    let r2: Vec<f64> = design.structure.endogenous().map(|j| est.inner.r2[j]).collect();
    if nc == 0.0 || r2.is_empty() {
        return f64::NAN;
    }
    ((com / nc) * (r2.iter().sum::<f64>() / r2.len() as f64)).sqrt()
}

/// SRMR of the saturated model: implied indicator correlations are λ_aλ_b
/// within a Mode A block (common factor), S itself within a Mode B block
/// (composite), and λ_a·r_ij·λ_b between blocks i and j, with r the
/// composite correlations; the mean is over the lower triangle including the
/// diagonal. Interaction blocks are left out.
pub fn srmr(design: &Design, est: &Estimate) -> f64 {
    let k0 = design.n_constructs();
    let s = &est.s;
    let c = est.construct_cor();
    let mut owner = Vec::new();
    for j in 0..k0 {
        // a HOC's dimensions are measured in stage 1, not in the fitted model
        if design.hoc.as_ref().is_some_and(|h| !h.keep.contains(&j)) {
            continue;
        }
        for b in design.blocks.ranges[j].clone() {
            owner.push((b, j));
        }
    }
    let mut ss = 0.0;
    let mut cnt = 0.0;
    for x in 0..owner.len() {
        for y in 0..=x {
            let (a, i) = owner[x];
            let (b, j) = owner[y];
            let la = est.inner.v[(a, i)];
            let lb = est.inner.v[(b, j)];
            let implied = if a == b {
                1.0
            } else if i == j {
                if design.blocks.modes[i] == Mode::B {
                    s[(a, b)]
                } else {
                    la * lb
                }
            } else {
                la * c[(i, j)] * lb
            };
            let d = s[(a, b)] - implied;
            ss += d * d;
            cnt += 1.0;
        }
    }
    (ss / cnt).sqrt()
}

/// The reported path matrix B (`b[(from, to)]`, in reported units).
pub fn path_matrix(design: &Design, est: &Estimate) -> DMatrix<f64> {
    let k = design.n_nodes();
    let mut b = DMatrix::zeros(k, k);
    for &(f, t) in &design.structure.paths {
        b[(f, t)] = est.path(f, t);
    }
    b
}

/// The standardized coefficients of a simple-slope analysis: the
/// independent construct's, the moderator's and the interaction's paths to
/// the dependent (Aiken & West 1991). The slope at moderator level w (in SD
/// units) is `iv + interaction · w`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlopeCoefficients {
    pub iv: f64,
    pub moderator: f64,
    pub interaction: f64,
    /// A quadratic term X·X (the moderator is the independent construct).
    pub quadratic: bool,
}

impl SlopeCoefficients {
    /// The slope of the dependent on the independent construct at
    /// moderator level w: `iv + interaction · w`; for a quadratic term the
    /// tangent's slope at X = w, `iv + 2 · interaction · w`.
    pub fn slope(&self, w: f64) -> f64 {
        if self.quadratic {
            self.iv + 2.0 * self.interaction * w
        } else {
            self.iv + self.interaction * w
        }
    }
    /// The line's intercept at moderator level w: `moderator · w`; for a
    /// quadratic term the tangent's at X = w, `−interaction · w²` (the curve
    /// iv·x + interaction·x² touches it there).
    pub fn intercept(&self, w: f64) -> f64 {
        if self.quadratic {
            -self.interaction * w * w
        } else {
            self.moderator * w
        }
    }
}

pub fn slope_coefficients(est: &Estimate, node: usize, iv: usize, moderator: usize, dv: usize) -> SlopeCoefficients {
    let std = |from: usize| est.path(from, dv) * est.adjust[from];
    SlopeCoefficients { iv: std(iv), moderator: std(moderator), interaction: std(node), quadratic: iv == moderator }
}

/// Every quality criterion of one estimate, by node, item and path index
/// (the result's assembly gives them names).
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Per node; ρ_A is PLSc's when the estimate is consistent.
    pub reliability: Vec<Rel>,
    /// Adjusted R² per node (NaN for exogenous nodes).
    pub r2_adj: Vec<f64>,
    pub htmt: DMatrix<f64>,
    pub vif_outer: Vec<Vec<f64>>,
    pub vif_inner: Vec<Vec<f64>>,
    /// Per path of `Structure::paths`: f² by re-estimating without the path
    /// (NaN where it is left out), and from the same scores.
    pub f2: Vec<f64>,
    pub f2_same_scores: Vec<f64>,
    /// The reported path matrix and its total effects T = B + B² + ….
    pub paths: DMatrix<f64>,
    pub total_effects: DMatrix<f64>,
    pub gof: f64,
    pub srmr: f64,
}

/// Evaluate an estimate of `x`. `f2` re-estimates the model once per path
/// (seminr, SmartPLS); paths into an interaction's dependent from its main
/// effects are left out unless `settings.f2_main_effects` (omitting them
/// breaks the interaction term).
pub fn evaluate(design: &Design, est: &Estimate, x: &DMatrix<f64>, settings: &Settings) -> Evaluation {
    let st = &design.structure;
    let k = design.n_nodes();
    let n = est.n as f64;
    let mut reliability = reliability(design, est);
    if let Some(pc) = &est.plsc {
        for (r, &rho) in reliability.iter_mut().zip(&pc.rho_a) {
            r.rho_a = rho;
        }
    }
    let r2_adj = (0..k)
        .map(|j| {
            let p = st.preds[j].len() as f64;
            if p == 0.0 {
                f64::NAN
            } else {
                1.0 - (1.0 - est.r2(j)) * (n - 1.0) / (n - p - 1.0)
            }
        })
        .collect();
    let main_effects: Vec<(usize, usize)> = (0..k)
        .filter_map(|j| design.interaction_of(j).map(|(iv, m)| (j, iv, m)))
        .flat_map(|(j, iv, m)| st.succs[j].iter().flat_map(move |&t| [(iv, t), (m, t)]))
        .collect();
    let c = est.construct_cor();
    let f2 = st
        .paths
        .iter()
        .map(|&(f, t)| if !settings.f2_main_effects && main_effects.contains(&(f, t)) { f64::NAN } else { f2_reestimate(design, x, settings, est, f, t) })
        .collect();
    let f2_same_scores = st.paths.iter().map(|&(f, t)| f2_same_scores(c, st, f, t, est.r2(t))).collect();
    let paths = path_matrix(design, est);
    Evaluation {
        reliability,
        r2_adj,
        htmt: htmt(design, &est.s, settings.htmt_absolute),
        vif_outer: vif_outer(design, &est.s),
        vif_inner: vif_inner(&est.inner.c, st),
        f2,
        f2_same_scores,
        total_effects: total_effects(&paths),
        paths,
        gof: gof(design, est),
        srmr: srmr(design, est),
    }
}

/// f² by re-estimating the model without the path (seminr, SmartPLS).
fn f2_reestimate(design: &Design, x: &DMatrix<f64>, settings: &Settings, full: &Estimate, from: usize, to: usize) -> f64 {
    let paths: Vec<(usize, usize)> = design.structure.paths.iter().copied().filter(|&p| p != (from, to)).collect();
    let d2 = design.with_paths(&paths);
    match estimate(x, &d2, &EstOptions::new(settings, Purpose::Full)) {
        Ok(e) => {
            let r2_out = if d2.structure.preds[to].is_empty() { 0.0 } else { e.r2(to) };
            let r2_in = full.r2(to);
            (r2_in - r2_out) / (1.0 - r2_in)
        }
        Err(_) => f64::NAN,
    }
}
