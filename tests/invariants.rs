//! Properties any correct PLS-SEM estimator must have, checked on the ECSI
//! reference data and on small generated data (proptest):
//!
//! - construct scores have mean 0 and variance 1;
//! - path coefficients are the OLS regressions of each dependent's scores on
//!   its predecessors' scores (computed here independently), R² in [0, 1];
//! - estimates do not depend on the order of the rows, on the order of the
//!   indicators within a construct, or on the units of an indicator
//!   (a·x + c with a > 0);
//! - the bootstrap is bit-identical for any number of threads and for any
//!   split of the resamples into ranges;
//! - on data whose sample covariance equals a common-factor Σ exactly, PLSc
//!   recovers the population loadings and paths, and plain PLS the
//!   composite-population values derived analytically from Σ.

mod common;
mod mobi;

use mobi::{m1_text, m3_text, m4_text, mobi, M2_TEXT};
use nalgebra::{DMatrix, DVector};
use plsweb::data::Dataset;
use plsweb::engine::bootstrap::{Draws, Resamples};
use plsweb::engine::estimate::{estimate, Design, Estimate};
use plsweb::engine::settings::{InteractionScaling, Moderation};
use plsweb::engine::estimate::{EstOptions, Purpose};
use plsweb::engine::Settings;
use plsweb::pipeline::{analyze, prepare};
use plsweb::model::{parse_syntax, validate, ValidModel};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

/// Invariance of exact re-computations: only floating-point summation order
/// changes, and the stop rule is tight (1e-12), so 1e-10 (relative to
/// max(1, |x|)) is generous.
const INVARIANT: f64 = 1e-10;
/// Properties that hold exactly at convergence (score moments, OLS).
const EXACT: f64 = 1e-10;
/// Population recovery: Σ is reproduced to rounding, the stop rule is 1e-12.
const RECOVERY: f64 = 1e-6;

// ------------------------------------------------------------------ helpers

fn tight(mut s: Settings) -> Settings {
    s.tolerance = 1e-12;
    s.max_iterations = 1000;
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s
}

fn valid(text: &str, ds: &Dataset) -> ValidModel {
    validate(&parse_syntax(text).unwrap(), &ds.names).unwrap()
}

fn matrix(ds: &Dataset, names: &[String]) -> DMatrix<f64> {
    let cols: Vec<&[f64]> = names.iter().map(|n| ds.column(n).unwrap()).collect();
    DMatrix::from_fn(ds.n_rows(), names.len(), |i, j| cols[j][i])
}

fn fit(ds: &Dataset, m: &ValidModel, s: &Settings) -> (Design, Estimate) {
    let design = Design::new(m, s.moderation);
    let x = matrix(ds, &design.observed);
    let mut opts = EstOptions::new(s, Purpose::Full);
    opts.keep_data = true;
    let est = estimate(&x, &design, &opts).unwrap();
    (design, est)
}

/// Walk two result JSONs and list every numeric difference above `tol`
/// (relative to max(1, |x|)) and every structural difference. Object keys
/// are matched by name, so the order of keys does not matter.
fn diff(path: &str, a: &Value, b: &Value, tol: f64, skip: &[&str], out: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            if (x - y).abs() > tol * x.abs().max(1.0) {
                out.push(format!("{path}: {x} vs {y} (diff {:.2e})", (x - y).abs()));
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if skip.contains(&k.as_str()) {
                    continue;
                }
                match y.get(k) {
                    Some(w) => diff(&format!("{path}.{k}"), v, w, tol, skip, out),
                    None => out.push(format!("{path}.{k}: missing on the right")),
                }
            }
            for k in y.keys() {
                if !skip.contains(&k.as_str()) && !x.contains_key(k) {
                    out.push(format!("{path}.{k}: missing on the left"));
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}[{i}]"), v, w, tol, skip, out);
            }
        }
        _ if a == b => {}
        _ => out.push(format!("{path}: {a} vs {b}")),
    }
}

fn assert_same(what: &str, a: &Value, b: &Value, tol: f64, skip: &[&str]) {
    let mut out = Vec::new();
    diff("", a, b, tol, skip, &mut out);
    assert!(out.is_empty(), "{what}: {} differences:\n{}", out.len(), out.iter().take(20).cloned().collect::<Vec<_>>().join("\n"));
}

/// The estimates proper (what a user reads), by name.
const ESTIMATE_KEYS: [&str; 12] = [
    "outer_weights",
    "outer_loadings",
    "path_coefficients",
    "total_effects",
    "indirect_effects",
    "r_squared",
    "reliability",
    "htmt",
    "fornell_larcker",
    "construct_correlations",
    "cross_loadings",
    "vif",
];

fn estimates(res: &Value) -> Value {
    let mut m = serde_json::Map::new();
    for k in ESTIMATE_KEYS {
        m.insert(k.into(), res[k].clone());
    }
    for k in ["gof", "srmr", "q2", "simple_slopes", "n"] {
        m.insert(k.into(), res[k].clone());
    }
    Value::Object(m)
}

fn result(ds: &Dataset, m: &ValidModel, s: &Settings) -> Value {
    let r = analyze(ds, m, s, &|_| true).unwrap();
    assert!(r.converged);
    serde_json::to_value(&r).unwrap()
}

// ------------------------------------------------------- the properties

/// Scores: mean 0, variance 1 (n − 1); paths: OLS on the scores; R² ∈ [0, 1].
fn check_scores_and_ols(ds: &Dataset, m: &ValidModel, s: &Settings) -> Result<(), String> {
    let (design, est) = fit(ds, m, s);
    let y = est.scores(&design).unwrap();
    let n = y.nrows() as f64;
    for j in 0..design.n_nodes() {
        let c = y.column(j);
        let mean = c.sum() / n;
        let var = c.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
        if mean.abs() > EXACT || (var - 1.0).abs() > EXACT {
            return Err(format!("{}: score mean {mean:e}, variance {var}", design.node_name(j)));
        }
    }
    let st = &design.structure;
    for t in 0..design.n_nodes() {
        let preds = &st.preds[t];
        if preds.is_empty() {
            continue;
        }
        let x = DMatrix::from_fn(y.nrows(), preds.len(), |i, a| y[(i, preds[a])]);
        let yt: DVector<f64> = y.column(t).into_owned();
        let xtx = x.transpose() * &x;
        let b = xtx.clone().cholesky().ok_or("X'X not positive definite")?.solve(&(x.transpose() * &yt));
        let resid = &yt - &x * &b;
        let r2 = 1.0 - resid.norm_squared() / yt.norm_squared();
        for (a, &p) in preds.iter().enumerate() {
            // the standardized coefficient (before seminr's rescaling)
            let ours = est.path(p, t) * est.adjust[p];
            if (ours - b[a]).abs() > EXACT {
                return Err(format!("path {} -> {}: engine {ours}, OLS {}", design.node_name(p), design.node_name(t), b[a]));
            }
        }
        let ours = est.r2(t);
        if (ours - r2).abs() > EXACT || !(0.0..=1.0).contains(&ours) {
            return Err(format!("R² of {}: engine {ours}, OLS {r2}", design.node_name(t)));
        }
    }
    Ok(())
}

fn permute_rows(ds: &Dataset, perm: &[usize]) -> Dataset {
    Dataset { names: ds.names.clone(), columns: ds.columns.iter().map(|c| perm.iter().map(|&i| c[i]).collect()).collect() }
}

fn affine(ds: &Dataset, scale: &[f64], shift: &[f64]) -> Dataset {
    Dataset {
        names: ds.names.clone(),
        columns: ds.columns.iter().enumerate().map(|(j, c)| c.iter().map(|v| scale[j] * v + shift[j]).collect()).collect(),
    }
}

/// The model text with each construct's indicators in another order
/// (reversed, then rotated by `rot`).
fn reorder_indicators(text: &str, rot: usize) -> String {
    let raw = parse_syntax(text).unwrap();
    let mut out = String::new();
    for c in &raw.constructs {
        let mut ind = c.indicators.clone();
        ind.reverse();
        let k = ind.len();
        ind.rotate_left(rot % k);
        let op = match c.mode {
            plsweb::model::Mode::A => "=~",
            plsweb::model::Mode::B => "<~",
        };
        out.push_str(&format!("{} {op} {}\n", c.name, ind.join(" + ")));
    }
    for line in text.lines() {
        let t = line.trim();
        if t.contains('~') && !t.contains("=~") && !t.contains("<~") {
            out.push_str(t);
            out.push('\n');
        }
    }
    out
}

fn check_invariances(ds: &Dataset, text: &str, s: &Settings, perm: &[usize], scale: &[f64], shift: &[f64], rot: usize) {
    let m = valid(text, ds);
    let base = estimates(&result(ds, &m, s));
    let rows = estimates(&result(&permute_rows(ds, perm), &m, s));
    assert_same("rows permuted", &base, &rows, INVARIANT, &[]);
    let units = estimates(&result(&affine(ds, scale, shift), &m, s));
    assert_same("a·x + c", &base, &units, INVARIANT, &[]);
    let text2 = reorder_indicators(text, rot);
    let m2 = valid(&text2, ds);
    let reord = estimates(&result(ds, &m2, s));
    // Named maps are compared by key, so only the values per indicator and
    // per construct matter; VIFs and slopes by name too.
    assert_same("indicators reordered", &base, &reord, INVARIANT, &[]);
}

// --------------------------------------------------- on the ECSI data

fn ecsi_cases() -> Vec<(&'static str, String, Settings)> {
    let sem = tight(Settings::seminr());
    let spl = tight(Settings::smartpls());
    let with = |s: &Settings, m: Moderation| {
        let mut s = s.clone();
        s.moderation = m;
        s
    };
    let mut plsc = sem.clone();
    plsc.consistent = true;
    vec![
        ("M1 (Mode B)", m1_text(), spl.clone()),
        ("M2", M2_TEXT.to_string(), spl.clone()),
        ("M3 PLSc", m3_text(), plsc),
        ("M4 product indicator, rescaled", m4_text(), with(&sem, Moderation::ProductIndicator)),
        ("M4 orthogonal, rescaled", m4_text(), with(&sem, Moderation::Orthogonal)),
        ("M4 two-stage, standardized", m4_text(), with(&spl, Moderation::TwoStage)),
    ]
}

#[test]
fn ecsi_scores_are_standardized_and_paths_are_ols() {
    let ds = mobi();
    for (name, text, s) in ecsi_cases() {
        if s.consistent {
            continue; // PLSc paths come from disattenuated correlations, not OLS on scores
        }
        check_scores_and_ols(&ds, &valid(&text, &ds), &s).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn ecsi_invariant_to_rows_units_and_indicator_order() {
    let ds = mobi();
    let n = ds.n_rows();
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        perm.swap(i, rng.random_range(0..=i));
    }
    let scale: Vec<f64> = (0..ds.n_cols()).map(|_| rng.random_range(0.01..100.0)).collect();
    let shift: Vec<f64> = (0..ds.n_cols()).map(|_| rng.random_range(-1000.0..1000.0)).collect();
    for (name, text, s) in ecsi_cases() {
        eprintln!("invariances: {name}");
        check_invariances(&ds, &text, &s, &perm, &scale, &shift, 1);
    }
}

fn q2_under_units(d: usize) -> (Value, Value) {
    let ds = mobi();
    let mut s = tight(Settings::smartpls());
    s.blindfold_distance = d;
    let m = valid(M2_TEXT, &ds);
    let scale: Vec<f64> = (0..ds.n_cols()).map(|j| 0.5 + j as f64).collect();
    let shift: Vec<f64> = (0..ds.n_cols()).map(|j| 10.0 * j as f64 - 50.0).collect();
    let a = result(&ds, &m, &s);
    let b = result(&affine(&ds, &scale, &shift), &m, &s);
    eprintln!("Q² (D = {d}): {}\nQ² (D = {d}) after a·x + c: {}", a["q2"], b["q2"]);
    assert!(a["q2"].as_object().is_some_and(|o| o.len() == 6));
    (a["q2"].clone(), b["q2"].clone())
}

#[test]
fn ecsi_blindfolding_is_invariant_to_units() {
    // Q² omits cells by position, so it may change with the row order, but
    // not with the units of an indicator. D = 5 divides no block size here.
    let (a, b) = q2_under_units(5);
    assert_same("Q² under a·x + c", &a, &b, INVARIANT, &[]);
}

/// Engine bug: blindfolding numbers a block's data points row by row
/// (m = row·k + item), so when the block has a multiple of D indicators
/// (Quality: 7 items, D = 7) every round omits whole indicator columns.
/// The omitted column is then "mean replaced" by the full-sample mean, i.e.
/// made constant: the re-estimate standardizes rounding noise, and Q² is
/// ~1e-15 on the raw data and null (zero variance) after a change of units.
/// Q² of Quality must be a finite, unit-free number like the others.
#[test]
fn ecsi_blindfolding_block_with_d_indicators() {
    let (a, b) = q2_under_units(7);
    let q = a["Quality"].as_f64();
    assert!(q.is_some_and(|q| q.abs() > 1e-6), "Q²(Quality) with 7 items and D = 7 is {:?}", q);
    assert_same("Q² under a·x + c", &a, &b, INVARIANT, &[]);
}

// ------------------------------------------------------------ bootstrap

fn bits(d: &Draws) -> (usize, Vec<Result<Vec<u64>, plsweb::error::ResampleFailure>>, usize) {
    (d.start, d.values.iter().map(|r| r.as_ref().map(|v| v.iter().map(|x| x.to_bits()).collect()).map_err(|e| e.clone())).collect(), d.not_converged)
}

fn check_bootstrap_determinism(ds: &Dataset, text: &str, mut s: Settings) {
    let b = 50;
    s.bootstrap = b;
    s.seed = 77;
    let m = valid(text, ds);
    let a = prepare(ds, &m, &s, &|_| {}).unwrap();
    let run = |range: std::ops::Range<usize>, threads: usize| a.draws(Resamples::Seeded { seed: s.seed, range }, threads, &|_| true).unwrap();
    let one = run(0..b, 1);
    for threads in [2, 3] {
        assert_eq!(bits(&one), bits(&run(0..b, threads)), "{threads} threads differ from 1");
    }
    let (lo, hi) = (run(0..20, 1), run(20..b, 3));
    let mut joined = bits(&lo).1;
    joined.extend(bits(&hi).1);
    assert_eq!(bits(&one).1, joined, "ranges 0..20 + 20..50 differ from 0..50");
    let whole = a.finish(std::slice::from_ref(&one));
    assert_eq!(whole, a.finish(&[lo.clone(), hi.clone()]));
    assert_eq!(whole, a.finish(&[hi, lo]), "finish depends on the order of the ranges");
    // The whole pipeline with Settings.threads.
    let mut r = Vec::new();
    for threads in [1, 2, 3] {
        let mut st = s.clone();
        st.threads = threads;
        let mut res = analyze(ds, &m, &st, &|_| true).unwrap();
        res.settings.threads = 0;
        r.push(serde_json::to_string(&res).unwrap());
    }
    assert_eq!(r[0], r[1], "analyze: 1 vs 2 threads");
    assert_eq!(r[0], r[2], "analyze: 1 vs 3 threads");
    let mut s1 = s.clone();
    s1.threads = 1;
    let mut res = analyze(ds, &m, &s1, &|_| true).unwrap();
    res.settings.threads = 0;
    // finish() from the prepared analysis equals analyze() end to end
    let mut w = whole;
    w.settings.threads = 0;
    assert_eq!(serde_json::to_string(&w).unwrap(), serde_json::to_string(&res).unwrap());
}

#[test]
fn bootstrap_is_bit_identical_across_threads_and_ranges() {
    let ds = mobi();
    check_bootstrap_determinism(&ds, &m1_text(), Settings::smartpls());
    let mut s = Settings::seminr();
    s.moderation = Moderation::TwoStage;
    check_bootstrap_determinism(&ds, &m4_text(), s);
}

// ------------------------------------------------------ generated data

fn normals(rng: &mut ChaCha8Rng, n: usize, p: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, p, |_, _| {
        // Box–Muller
        let u1: f64 = 1.0 - rng.random::<f64>();
        let u2: f64 = rng.random::<f64>();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    })
}

/// A three-construct common-factor population: X → Y, X → Z, Y → Z.
#[derive(Debug, Clone)]
struct Population {
    lambda: [Vec<f64>; 3],
    /// b_xy, b_xz, b_yz (standardized)
    b: [f64; 3],
}

impl Population {
    fn names(&self) -> Vec<String> {
        let mut v = Vec::new();
        for (j, l) in self.lambda.iter().enumerate() {
            for a in 0..l.len() {
                v.push(format!("{}{}", ["x", "y", "z"][j], a + 1));
            }
        }
        v
    }
    fn block(&self, b: usize) -> usize {
        let mut acc = 0;
        for (j, l) in self.lambda.iter().enumerate() {
            acc += l.len();
            if b < acc {
                return j;
            }
        }
        unreachable!()
    }
    /// Factor correlations Φ.
    fn phi(&self) -> DMatrix<f64> {
        let [bxy, bxz, byz] = self.b;
        let xz = bxz + byz * bxy;
        let yz = bxz * bxy + byz;
        DMatrix::from_row_slice(3, 3, &[1.0, bxy, xz, bxy, 1.0, yz, xz, yz, 1.0])
    }
    fn r2_z(&self) -> f64 {
        let phi = self.phi();
        self.b[1] * phi[(0, 2)] + self.b[2] * phi[(1, 2)]
    }
    fn loading(&self, b: usize) -> f64 {
        let j = self.block(b);
        let start: usize = self.lambda[..j].iter().map(|l| l.len()).sum();
        self.lambda[j][b - start]
    }
    /// Indicator correlation matrix Σ (unit diagonal).
    fn sigma(&self) -> DMatrix<f64> {
        let p = self.names().len();
        let phi = self.phi();
        DMatrix::from_fn(p, p, |a, b| if a == b { 1.0 } else { self.loading(a) * self.loading(b) * phi[(self.block(a), self.block(b))] })
    }
    fn text(&self, mode_y: &str, interaction: bool) -> String {
        let names = self.names();
        let mut t = String::new();
        let mut k = 0;
        for (j, l) in self.lambda.iter().enumerate() {
            let op = if j == 1 { mode_y } else { "=~" };
            t.push_str(&format!("{} {op} {}\n", ["X", "Y", "Z"][j], names[k..k + l.len()].join(" + ")));
            k += l.len();
        }
        t.push_str("Y ~ X\n");
        t.push_str(if interaction { "Z ~ X + Y + X:Y\n" } else { "Z ~ X + Y\n" });
        t
    }
    /// n rows drawn from the factor model (sample covariance ≈ Σ).
    fn sample(&self, seed: u64, n: usize, likert: bool) -> Dataset {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let z = normals(&mut rng, n, self.names().len());
        let l = self.sigma().cholesky().expect("Σ positive definite").l();
        let mut x = z * l.transpose();
        if likert {
            x.apply(|v| *v = (3.0 + 1.2 * *v).round().clamp(1.0, 5.0));
        }
        to_dataset(&self.names(), &x)
    }
    /// n rows whose sample covariance (n − 1) is exactly Σ, to rounding.
    fn exact(&self, seed: u64, n: usize) -> Dataset {
        let p = self.names().len();
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut z = normals(&mut rng, n, p);
        for mut c in z.column_iter_mut() {
            let m = c.mean();
            c.add_scalar_mut(-m);
        }
        let s = z.transpose() * &z / (n as f64 - 1.0);
        let lz = s.cholesky().unwrap().l();
        // W = Z L_z^{-T}: sample covariance I
        let w = lz.solve_lower_triangular(&z.transpose()).unwrap().transpose();
        let x = w * self.sigma().cholesky().unwrap().l().transpose();
        to_dataset(&self.names(), &x)
    }
}

fn to_dataset(names: &[String], x: &DMatrix<f64>) -> Dataset {
    Dataset { names: names.to_vec(), columns: (0..x.ncols()).map(|j| x.column(j).iter().copied().collect()).collect() }
}

fn textbook() -> Population {
    Population { lambda: [vec![0.8, 0.7, 0.6], vec![0.85, 0.75, 0.65, 0.7], vec![0.9, 0.8, 0.7]], b: [0.5, 0.3, 0.4] }
}

/// Check PLSc against the factor population and plain PLS against the
/// composite population implied by Σ: at the population level Mode A
/// weights are proportional to the loadings (each block's covariance with
/// any proxy built from other blocks is λ_j times a scalar), so
/// w_j = λ_j / √(λ_j'Σ_jj λ_j), PLS loadings Σ_jj w_j, composite
/// correlations w_j'Σ_jk w_k and paths the OLS solution on them; PLSc's
/// ρ_A then disattenuates them back to λ and Φ exactly.
fn check_recovery(pop: &Population, ds: &Dataset) -> Result<f64, String> {
    let worst = std::cell::Cell::new(0.0f64);
    let m = valid(&pop.text("=~", false), ds);
    let sigma = pop.sigma();
    let ranges: Vec<std::ops::Range<usize>> = {
        let mut v = Vec::new();
        let mut k = 0;
        for l in &pop.lambda {
            v.push(k..k + l.len());
            k += l.len();
        }
        v
    };
    let names = pop.names();
    let cn = ["X", "Y", "Z"];
    let paths = [("X", "Y", 0usize), ("X", "Z", 1), ("Y", "Z", 2)];
    let close = |what: &str, got: &Value, want: f64| -> Result<(), String> {
        let g = got.as_f64().ok_or(format!("{what}: null"))?;
        worst.set(worst.get().max((g - want).abs()));
        if (g - want).abs() > RECOVERY {
            return Err(format!("{what}: got {g}, population {want} (diff {:.2e})", (g - want).abs()));
        }
        Ok(())
    };
    let path_of = |res: &Value, f: &str, t: &str| -> Value {
        res["path_coefficients"].as_array().unwrap().iter().find(|r| r["from"] == f && r["to"] == t).unwrap()["estimate"].clone()
    };

    // PLSc: the common-factor population.
    let mut s = tight(Settings::smartpls());
    s.consistent = true;
    let res = result(ds, &m, &s);
    for (b, name) in names.iter().enumerate() {
        close(&format!("PLSc loading {name}"), &res["outer_loadings"][cn[pop.block(b)]][name], pop.loading(b))?;
    }
    for (f, t, i) in paths {
        close(&format!("PLSc path {f} -> {t}"), &path_of(&res, f, t), pop.b[i])?;
    }
    close("PLSc R² Z", &res["r_squared"]["Z"]["r2"], pop.r2_z())?;
    close("PLSc R² Y", &res["r_squared"]["Y"]["r2"], pop.b[0] * pop.b[0])?;

    // Plain PLS: the composite population.
    let s = tight(Settings::smartpls());
    let res = result(ds, &m, &s);
    let w: Vec<DVector<f64>> = ranges
        .iter()
        .enumerate()
        .map(|(j, r)| {
            let l = DVector::from_vec(pop.lambda[j].clone());
            let sjj = sigma.view((r.start, r.start), (r.len(), r.len()));
            let v = (l.transpose() * sjj * &l)[(0, 0)];
            l / v.sqrt()
        })
        .collect();
    let c = DMatrix::from_fn(3, 3, |i, j| (w[i].transpose() * sigma.view((ranges[i].start, ranges[j].start), (ranges[i].len(), ranges[j].len())) * &w[j])[(0, 0)]);
    for (j, r) in ranges.iter().enumerate() {
        let sjj = sigma.view((r.start, r.start), (r.len(), r.len()));
        let load = sjj * &w[j];
        for a in 0..r.len() {
            let name = &names[r.start + a];
            close(&format!("PLS weight {name}"), &res["outer_weights"][cn[j]][name], w[j][a])?;
            close(&format!("PLS loading {name}"), &res["outer_loadings"][cn[j]][name], load[a])?;
        }
    }
    // Y ~ X: the correlation; Z ~ X + Y: OLS on C.
    close("PLS path X -> Y", &path_of(&res, "X", "Y"), c[(0, 1)])?;
    let cxx = DMatrix::from_row_slice(2, 2, &[1.0, c[(0, 1)], c[(0, 1)], 1.0]);
    let cxy = DVector::from_vec(vec![c[(0, 2)], c[(1, 2)]]);
    let bz = cxx.cholesky().unwrap().solve(&cxy);
    close("PLS path X -> Z", &path_of(&res, "X", "Z"), bz[0])?;
    close("PLS path Y -> Z", &path_of(&res, "Y", "Z"), bz[1])?;
    close("PLS R² Z", &res["r_squared"]["Z"]["r2"], bz.dot(&cxy))?;
    Ok(worst.get())
}

#[test]
fn population_recovery_textbook_model() {
    let pop = textbook();
    let ds = pop.exact(5, 200);
    // the construction reproduces Σ
    let design_names = pop.names();
    let x = matrix(&ds, &design_names);
    let n = x.nrows() as f64;
    let mut xc = x.clone();
    for mut c in xc.column_iter_mut() {
        let m = c.mean();
        c.add_scalar_mut(-m);
    }
    let s = xc.transpose() * &xc / (n - 1.0);
    assert!((s - pop.sigma()).abs().max() < 1e-12);
    let w = check_recovery(&pop, &ds).unwrap();
    eprintln!("population recovery (PLSc vs factor model, PLS vs composite population): worst |diff| = {w:.2e}");
}

fn population() -> impl Strategy<Value = Population> {
    let l = |k: std::ops::RangeInclusive<usize>| proptest::collection::vec(0.5f64..0.95, k);
    (l(3..=3), l(2..=4), l(3..=3), -0.6f64..0.6, -0.5f64..0.5, -0.5f64..0.5)
        .prop_filter("Z's R² below 0.9", |(_, _, _, bxy, bxz, byz)| {
            let p = Population { lambda: [vec![], vec![], vec![]], b: [*bxy, *bxz, *byz] };
            p.r2_z() < 0.9 && p.r2_z() > 0.0
        })
        .prop_map(|(lx, ly, lz, bxy, bxz, byz)| Population { lambda: [lx, ly, lz], b: [bxy, bxz, byz] })
}

fn moderation() -> impl Strategy<Value = Option<Moderation>> {
    prop_oneof![Just(None), Just(Some(Moderation::TwoStage)), Just(Some(Moderation::ProductIndicator)), Just(Some(Moderation::Orthogonal))]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_population_is_recovered(pop in population(), seed in any::<u64>(), n in 60usize..200) {
        let ds = pop.exact(seed, n);
        prop_assert!(check_recovery(&pop, &ds).is_ok(), "{:?}: {}", pop, check_recovery(&pop, &ds).unwrap_err());
    }
}

/// The invariants on generated data: 3 constructs (Y Mode A or B), with or
/// without an X × Y interaction of each kind, continuous or 5-point data.
#[test]
fn generated_data_invariants() {
    use proptest::test_runner::{Config, TestRunner};
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cases = 64;
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let exercised = AtomicUsize::new(0);
    let strategy = (population(), any::<u64>(), 30usize..90, any::<bool>(), any::<bool>(), moderation(), any::<bool>(), 0usize..4);
    runner
        .run(&strategy, |(pop, seed, n, likert, mode_b, moderation, rescaled, rot)| {
            let ds = pop.sample(seed, n, likert);
            let text = pop.text(if mode_b { "<~" } else { "=~" }, moderation.is_some());
            let m = valid(&text, &ds);
            let mut s = tight(Settings::smartpls());
            s.moderation = moderation.unwrap_or_default();
            if rescaled {
                s.interaction_scaling = InteractionScaling::Rescaled;
            }
            // Degenerate draws (a constant Likert item, no convergence) are
            // not what these properties are about; they are counted below.
            let Ok(r) = analyze(&ds, &m, &s, &|_| true) else { return Ok(()) };
            if !r.converged {
                return Ok(());
            }
            prop_assert!(check_scores_and_ols(&ds, &m, &s).is_ok(), "{}", check_scores_and_ols(&ds, &m, &s).unwrap_err());
            for (_, r2) in r.r_squared.iter() {
                let v = r2.r2.unwrap();
                prop_assert!((0.0..=1.0).contains(&v), "R² {v}");
            }
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
            let mut perm: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                perm.swap(i, rng.random_range(0..=i));
            }
            let scale: Vec<f64> = (0..ds.n_cols()).map(|_| rng.random_range(0.05..20.0)).collect();
            let shift: Vec<f64> = (0..ds.n_cols()).map(|_| rng.random_range(-100.0..100.0)).collect();
            check_invariances(&ds, &text, &s, &perm, &scale, &shift, rot);
            exercised.fetch_add(1, Ordering::Relaxed);
            Ok(())
        })
        .unwrap();
    let e = exercised.load(Ordering::Relaxed);
    eprintln!("generated_data_invariants: {e} of {cases} cases exercised");
    assert!(e as u32 * 4 >= cases * 3, "only {e} of {cases} generated cases were usable");
}

#[test]
fn generated_bootstrap_is_bit_identical_across_threads_and_ranges() {
    let pop = textbook();
    let ds = pop.sample(11, 60, true);
    check_bootstrap_determinism(&ds, &pop.text("<~", true), Settings::smartpls());
}
