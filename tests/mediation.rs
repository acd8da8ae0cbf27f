//! Mediation and conditional process statistics (`engine::mediation`):
//!
//! - golden: seminr 2.5's `M11_mediation` (specific indirect effects of
//!   Image on Loyalty through 1–4 serial mediators, total indirect
//!   intervals) from the M6b bootstrap of the full ECSI model, replayed
//!   from the recorded resamples (`seminr-2.5/` beside the checkout);
//! - properties on generated first-stage, second-stage, both-stage and
//!   serial moderated-mediation models, in the full sample and in every
//!   resample: routes are products of their paths and sum to the total
//!   indirect effects; the index of moderated mediation is a₃·b or a·b₃;
//!   the conditional indirect effects are the route's products at each
//!   moderator level; the floodlight at the moderator's mean (and ±1 SD)
//!   is the simple slope, so its interval is the slope table's;
//! - recovery: composite populations with a known indirect effect, index
//!   of moderated mediation and Johnson–Neyman point, at large n.

mod common;
mod mobi;

use common::{tol, Checker};
use mobi::{boot_indices, expected, mobi, model, seminr_settings, M2_TEXT};
use nalgebra::DMatrix;
use plsweb::data::Dataset;
use plsweb::engine::bootstrap::{summarize, Resamples, Summary};
use plsweb::engine::estimate::{estimate, EstOptions, Estimate, Purpose};
use plsweb::engine::evaluate::total_effects;
use plsweb::engine::linalg::quantile_sorted;
use plsweb::engine::mediation::{Mediation, MediationKind, Options};
use plsweb::engine::settings::{InteractionScaling, Moderation, PValue};
use plsweb::engine::Settings;
use plsweb::pipeline::{prepare, Analysis};
use plsweb::model::{parse_syntax, validate, ValidModel};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

/// A statistic recomputed from the same coefficients in another order
/// (products, sums over routes vs matrix powers): rounding only.
const ROUNDING: f64 = 1e-12;

// ------------------------------------------------------------ helpers

fn node(a: &Analysis, name: &str) -> usize {
    (0..a.design.n_nodes()).find(|&j| a.design.node_name(j) == name).unwrap_or_else(|| panic!("no construct {name}"))
}

/// One resample's rows written out and estimated as the bootstrap does
/// (its stop rule and warm start), or `None` if the estimation fails.
fn resample(a: &Analysis, rows: &[usize]) -> Option<Estimate> {
    let x = a.x();
    let written = DMatrix::from_fn(rows.len(), x.ncols(), |i, j| x[(rows[i], j)]);
    estimate(&written, &a.design, &EstOptions::new(&a.settings, Purpose::Resample { start: Some(&a.full.weights) })).ok()
}

/// The mediation statistics of the full sample and of each resample that
/// estimates, with the bootstrap catalog's statistics of the same estimate.
struct Boot {
    med: Mediation,
    original: Vec<f64>,
    values: Vec<Vec<f64>>,
    catalog: Vec<Vec<f64>>,
    estimates: Vec<Estimate>,
    failed: usize,
}

fn boot(a: &Analysis, opts: &Options, rows: &[Vec<usize>]) -> Boot {
    let med = Mediation::new(&a.design, &a.scores(), opts);
    let original = med.extract(&a.full);
    let (mut values, mut catalog, mut estimates, mut failed) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for r in rows {
        match resample(a, r) {
            Some(e) => {
                values.push(med.extract(&e));
                catalog.push(a.catalog.extract(&a.design, &e, a.settings.htmt_absolute));
                estimates.push(e);
            }
            None => failed += 1,
        }
    }
    Boot { med, original, values, catalog, estimates, failed }
}

fn summaries(b: &Boot, s: &Settings) -> Vec<Summary> {
    let d: Vec<&Vec<f64>> = b.values.iter().collect();
    summarize(&b.original, &d, s, None)
}

fn route_index(a: &Analysis, med: &Mediation, names: &[&str]) -> usize {
    let nodes: Vec<usize> = names.iter().map(|n| node(a, n)).collect();
    med.routes.iter().position(|r| r.nodes == nodes).unwrap_or_else(|| panic!("no route {names:?}"))
}

// ------------------------------------------------------- golden: M11

fn fixture_row(v: &Value) -> Vec<(String, f64)> {
    let cols = v["columns"].as_array().unwrap();
    cols.iter().zip(v["values"].as_array().unwrap()).map(|(c, x)| (c.as_str().unwrap().to_string(), x.as_f64().unwrap())).collect()
}

/// seminr's columns and our summary fields.
fn summary_field(s: &Summary, column: &str) -> f64 {
    match column {
        "Original Est." => s.estimate,
        "Bootstrap Mean" => s.mean,
        "Bootstrap SD" => s.se,
        "T Stat." => s.t,
        "2.5% CI" => s.lo,
        "97.5% CI" => s.hi,
        "Bootstrap P Val" => s.p,
        other => panic!("column {other}"),
    }
}

/// seminr's M11 fixture, the M2 model prepared with seminr's settings
/// (100 resamples; "Bootstrap P Val" is the share of resamples beyond 0,
/// doubled: empirical p) and the recorded M6b resamples.
fn m11(mediation: bool) -> (serde_json::Value, plsweb::pipeline::Analysis, Vec<Vec<usize>>) {
    let ds = mobi();
    let mut s = seminr_settings();
    s.bootstrap = 100;
    s.p_value = PValue::Empirical;
    s.mediation = mediation;
    let a = prepare(&ds, &model(M2_TEXT, &ds), &s, &|_| {}).unwrap();
    (expected("M11_mediation"), a, boot_indices("boot_indices_m2.json"))
}

#[test]
fn m11_specific_indirect_effects_replayed() {
    if !mobi::present("m11_specific_indirect_effects_replayed") {
        return;
    }
    let (exp, a, idx) = m11(false);
    let s = a.settings.clone();
    assert_eq!(idx.len(), 100);
    let b = boot(&a, &Options::default(), &idx);
    assert_eq!(b.failed, 0);
    let mut ck = Checker::new();

    // The resamples are the bootstrap's: its draws (rows with counts) have
    // the paths of our written-out resamples, and those are seminr's.
    let draws = a.draws(Resamples::Replay { indices: &idx, start: 0 }, 2, &|_| true).unwrap();
    let st = &a.design.structure;
    let recorded = mobi::Mat::new(&exp["bootPathsDf"]);
    for (r, (d, e)) in draws.values.iter().zip(&b.estimates).enumerate() {
        let d = d.as_ref().unwrap();
        for (p, &(f, t)) in st.paths.iter().enumerate() {
            let ours = e.path(f, t);
            ck.num("resample paths (bootstrap draws)", &format!("{r}: {p}"), &Value::from(d[p]), &Value::from(ours), tol::SAME_RESAMPLE);
            let col = format!("{} -> {}", a.design.node_name(f), a.design.node_name(t));
            let seminr = recorded.get(&format!("{}", r + 1), &col).unwrap();
            ck.num("resample paths (seminr bootPathsDf)", &format!("{r}: {col}"), &Value::from(seminr), &Value::from(ours), tol::REPLAY);
        }
    }

    let sums = summaries(&b, &s);
    let res = a.finish(&[draws]);
    for (key, v) in exp["specificEffects"].as_object().unwrap() {
        let mut names: Vec<&str> = vec![v["from"].as_str().unwrap()];
        names.extend(v["through"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()));
        names.push(v["to"].as_str().unwrap());
        for (col, e) in fixture_row(v) {
            let ours = if names.len() == 2 {
                // the route without mediators is the direct path
                let row = res.path_coefficients.iter().find(|p| p.from == names[0] && p.to == names[1]).unwrap();
                match col.as_str() {
                    "Original Est." => row.estimate,
                    "Bootstrap Mean" => row.mean,
                    "Bootstrap SD" => row.se,
                    "T Stat." => row.t,
                    "2.5% CI" => row.ci_lower,
                    "97.5% CI" => row.ci_upper,
                    _ => row.p,
                }
                .unwrap()
            } else {
                summary_field(&sums[b.med.route_at(route_index(&a, &b.med, &names))], &col)
            };
            ck.num(&format!("specific {} mediators: {col}", names.len() - 2), &format!("{key} {names:?}"), &Value::from(e), &Value::from(ours), tol::REPLAY);
        }
    }
    // Total indirect intervals: the bootstrap's indirect effects, and the
    // same from the sum of the routes in each resample.
    for (key, v) in exp["totalIndirectCis"].as_object().unwrap() {
        let (from, to) = (v["from"].as_str().unwrap(), v["to"].as_str().unwrap());
        let want: Vec<f64> = v["values"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let row = res.indirect_effects.iter().find(|r| r.from == from && r.to == to).unwrap();
        ck.num("total indirect (bootstrap)", &format!("{key} 2.5%"), &Value::from(want[0]), &Value::from(row.inference.ci_lower.unwrap()), tol::REPLAY);
        ck.num("total indirect (bootstrap)", &format!("{key} 97.5%"), &Value::from(want[1]), &Value::from(row.inference.ci_upper.unwrap()), tol::REPLAY);
        let (f, t) = (node(&a, from), node(&a, to));
        let mut sum: Vec<f64> = b
            .values
            .iter()
            .map(|v| b.med.routes.iter().enumerate().filter(|(_, r)| r.from() == f && r.to() == t).map(|(i, _)| v[b.med.route_at(i)]).sum())
            .collect();
        sum.sort_by(|x, y| x.partial_cmp(y).unwrap());
        ck.num("total indirect (sum of routes)", &format!("{key} 2.5%"), &Value::from(want[0]), &Value::from(quantile_sorted(&sum, 0.025)), tol::REPLAY);
        ck.num("total indirect (sum of routes)", &format!("{key} 97.5%"), &Value::from(want[1]), &Value::from(quantile_sorted(&sum, 0.975)), tol::REPLAY);
    }
    // The verdicts by the interval rule at 5 %, read off the fixture's
    // intervals: through Satisfaction alone [0.040, 0.144] and the direct
    // path [0.042, 0.366] exclude zero, both positive (complementary); via
    // Expectation and Satisfaction [−0.009, 0.044] includes it (direct only).
    let mut by_ci = s.clone();
    by_ci.significance = plsweb::engine::settings::Significance::Interval;
    let paths = path_summaries(&a, &b, &by_ci);
    let sums = summarize(&b.original, &b.values.iter().collect::<Vec<_>>(), &by_ci, None);
    let verdicts = b.med.verdicts(&sums, &paths, &by_ci);
    let kind = |names: &[&str]| verdicts[route_index(&a, &b.med, names)].kind.unwrap();
    assert_eq!(kind(&["Image", "Satisfaction", "Loyalty"]), MediationKind::ComplementaryPartial);
    assert_eq!(kind(&["Image", "Expectation", "Satisfaction", "Loyalty"]), MediationKind::DirectOnly);
    ck.finish("M11_mediation");
}

// ------------------------------------------------------ generated data

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    // Box–Muller
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Three items per construct whose equally weighted sum is the construct
/// exactly: x_i = η + u_i with noise u summing to zero within the block, so
/// the items correlate 0.5 and any proxy from other blocks is equally
/// correlated with each item. Mode A then has equal weights in the
/// population and the composite *is* η: PLS estimates the structural
/// coefficients of the η's without attenuation.
fn items_of(eta: &[Vec<f64>], names: &[&str], rng: &mut ChaCha8Rng) -> Dataset {
    let n = eta[0].len();
    let mut cols = Vec::new();
    let mut labels = Vec::new();
    for (c, e) in eta.iter().enumerate() {
        let mut block = (0..3).map(|_| Vec::with_capacity(n)).collect::<Vec<Vec<f64>>>();
        for &v in e {
            let u: Vec<f64> = (0..3).map(|_| normal(rng)).collect();
            let m = u.iter().sum::<f64>() / 3.0;
            for (i, b) in block.iter_mut().enumerate() {
                // Var(u_i − ū) = 2σ²/3 = 0.5 with σ² = 0.75
                b.push(v + 0.75f64.sqrt() * (u[i] - m));
            }
        }
        for (i, b) in block.into_iter().enumerate() {
            labels.push(format!("{}{}", names[c].to_lowercase(), i + 1));
            cols.push(b);
        }
    }
    Dataset { names: labels, columns: cols }
}

fn measurement(names: &[&str]) -> String {
    names.iter().map(|c| { let l = c.to_lowercase(); format!("{c} =~ {l}1 + {l}2 + {l}3\n") }).collect()
}

fn valid(text: &str, ds: &Dataset) -> ValidModel {
    validate(&parse_syntax(text).unwrap(), &ds.names).unwrap()
}

/// Where W moderates a route from X to Y.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stage {
    First,
    Second,
    Both,
}

/// A moderated-mediation population: X, W independent standard normal,
/// M (and M2 when serial) and Y linear in them plus the products X·W
/// (first stage) and M·W or M2·W (second stage), coefficients given.
#[derive(Debug, Clone)]
struct Case {
    stage: Stage,
    serial: bool,
    /// a (X → M), a2 (W → M), a3 (X·W → M), m (M → M2), b (last mediator
    /// → Y), b2 (W → Y), b3 (mediator·W → Y), c (X → Y)
    coef: [f64; 8],
}

impl Case {
    fn names(&self) -> Vec<&'static str> {
        if self.serial {
            vec!["X", "W", "M", "M2", "Y"]
        } else {
            vec!["X", "W", "M", "Y"]
        }
    }
    fn last(&self) -> &'static str {
        if self.serial {
            "M2"
        } else {
            "M"
        }
    }
    fn first(&self) -> bool {
        self.stage != Stage::Second
    }
    fn second(&self) -> bool {
        self.stage != Stage::First
    }
    fn text(&self) -> String {
        let mut t = measurement(&self.names());
        t += if self.first() { "M ~ X + W + X:W\n" } else { "M ~ X\n" };
        if self.serial {
            t += "M2 ~ M\n";
        }
        let l = self.last();
        t += &if self.second() { format!("Y ~ X + {l} + W + {l}:W\n") } else { format!("Y ~ X + {l}\n") };
        t
    }
    fn data(&self, seed: u64, n: usize) -> Dataset {
        let [a, a2, a3, m, b, b2, b3, c] = self.coef;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut eta = (0..self.names().len()).map(|_| Vec::with_capacity(n)).collect::<Vec<Vec<f64>>>();
        for _ in 0..n {
            let x = normal(&mut rng);
            let w = normal(&mut rng);
            let mut mv = a * x + normal(&mut rng);
            if self.first() {
                mv += a2 * w + a3 * x * w;
            }
            let last = if self.serial { m * mv + normal(&mut rng) } else { mv };
            let mut y = c * x + b * last + normal(&mut rng);
            if self.second() {
                y += b2 * w + b3 * last * w;
            }
            let row: Vec<f64> = if self.serial { vec![x, w, mv, last, y] } else { vec![x, w, mv, y] };
            for (col, v) in eta.iter_mut().zip(row) {
                col.push(v);
            }
        }
        items_of(&eta, &self.names(), &mut rng)
    }
}

fn case() -> impl Strategy<Value = Case> {
    let stage = prop_oneof![Just(Stage::First), Just(Stage::Second), Just(Stage::Both)];
    let coef = proptest::array::uniform8(-0.6f64..0.6);
    (stage, any::<bool>(), coef).prop_map(|(stage, serial, coef)| Case { stage, serial, coef })
}

fn moderation() -> impl Strategy<Value = Moderation> {
    prop_oneof![Just(Moderation::TwoStage), Just(Moderation::ProductIndicator), Just(Moderation::Orthogonal)]
}

fn close(what: &str, got: f64, want: f64) -> Result<(), TestCaseError> {
    prop_assert!((got - want).abs() <= ROUNDING * want.abs().max(1.0), "{what}: {got} vs {want}");
    Ok(())
}

/// Every property on one estimate: `v` its mediation statistics, `cat`
/// its bootstrap-catalog statistics.
fn check_estimate(a: &Analysis, case: &Case, med: &Mediation, e: &Estimate, v: &[f64], cat: &[f64]) -> Result<(), TestCaseError> {
    let d = &a.design;
    let k = d.n_nodes();
    let std = |f: &str, t: &str| e.path(node(a, f), node(a, t)) * e.adjust[node(a, f)];
    // routes: products of their paths, summing to the total indirect effects
    let mut sum = DMatrix::zeros(k, k);
    for (r, route) in med.routes.iter().enumerate() {
        let prod: f64 = route.nodes.windows(2).map(|w| e.path(w[0], w[1])).product();
        close(&format!("route {:?}", route.nodes), v[med.route_at(r)], prod)?;
        prop_assert!(route.mediators().iter().all(|&m| !d.is_interaction(m)));
        sum[(route.from(), route.to())] += v[med.route_at(r)];
    }
    let mut bm = DMatrix::zeros(k, k);
    for &(f, t) in &d.structure.paths {
        bm[(f, t)] = e.path(f, t);
    }
    let indirect = total_effects(&bm) - &bm;
    for i in 0..k {
        for j in 0..k {
            close(&format!("total indirect {i} -> {j}"), sum[(i, j)], indirect[(i, j)])?;
        }
    }
    // the index of moderated mediation and the conditional indirect
    // effects of the route X → M (→ M2) → Y moderated by W
    let l = case.last();
    let chain: Vec<&str> = if case.serial { vec!["X", "M", "M2", "Y"] } else { vec!["X", "M", "Y"] };
    let r = route_index(a, med, &chain);
    let c = med.conditional.iter().position(|c| c.route == r && c.moderator == node(a, "W")).expect("W moderates the route");
    let mid = if case.serial { std("M", "M2") } else { 1.0 };
    let (a1, b1) = (std("X", "M"), std(l, "Y"));
    let a3 = if case.first() { std("X*W", "M") } else { 0.0 };
    let b3 = if case.second() { std(&format!("{l}*W"), "Y") } else { 0.0 };
    match (case.stage, med.index_at(c)) {
        (Stage::First, Some(i)) => close("index a3·b", v[i], a3 * mid * b1)?,
        (Stage::Second, Some(i)) => close("index a·b3", v[i], a1 * mid * b3)?,
        (Stage::Both, None) => {}
        (s, i) => prop_assert!(false, "{s:?}: index at {i:?}"),
    }
    for (li, &w) in med.levels.iter().enumerate() {
        close(&format!("conditional indirect at {w}"), v[med.level_at(c, li)], (a1 + a3 * w) * mid * (b1 + b3 * w))?;
    }
    // floodlight at the moderator's mean and ±1 SD: the simple slopes, bit
    // for bit
    let off = a.catalog.offsets();
    for (f, fl) in med.floodlight.iter().enumerate() {
        let slope = a.catalog.slopes.iter().position(|&(q, iv, m, dv)| (q, iv, m, dv) == (fl.interaction, fl.iv, fl.moderator, fl.dv)).unwrap();
        for (lv, level) in [-1.0, 0.0, 1.0].into_iter().enumerate() {
            let g = fl.grid.iter().position(|&x| x == level).expect("the level is on the grid");
            prop_assert_eq!(v[med.grid_at(f, g)].to_bits(), cat[off.slopes + 3 * slope + lv].to_bits(), "floodlight at {}", level);
        }
    }
    Ok(())
}

fn settings(moderation: Moderation, rescaled: bool, consistent: bool) -> Settings {
    let mut s = Settings::smartpls();
    s.tolerance = 1e-10;
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.moderation = moderation;
    s.consistent = consistent;
    if rescaled {
        s.interaction_scaling = InteractionScaling::Rescaled;
    }
    s
}

#[test]
fn properties_hold_in_every_resample() {
    use proptest::test_runner::{Config, TestRunner};
    let cases = 48;
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let exercised = std::cell::Cell::new(0usize);
    let strategy = (case(), any::<u64>(), 80usize..250, moderation(), any::<bool>(), prop::bool::weighted(0.25));
    runner
        .run(&strategy, |(case, seed, n, moderation, rescaled, consistent)| {
            let ds = case.data(seed, n);
            let s = settings(moderation, rescaled, consistent);
            let Ok(a) = prepare(&ds, &valid(&case.text(), &ds), &s, &|_| {}) else { return Ok(()) };
            let rows: Vec<Vec<usize>> = (0..10).map(|b| a.boot.indices(seed, b)).collect();
            let b = boot(&a, &Options { levels: vec![-1.0, 0.0, 1.0, -2.0, 0.37], ..Options::default() }, &rows);
            prop_assert!(!b.med.truncated);
            let full = a.catalog.extract(&a.design, &a.full, s.htmt_absolute);
            check_estimate(&a, &case, &b.med, &a.full, &b.original, &full)?;
            for ((e, v), cat) in b.estimates.iter().zip(&b.values).zip(&b.catalog) {
                check_estimate(&a, &case, &b.med, e, v, cat)?;
            }
            // so the floodlight's interval at the mean is the slope table's
            let sums = summaries(&b, &s);
            let cat: Vec<&Vec<f64>> = b.catalog.iter().collect();
            let slopes = summarize(&full, &cat, &s, None);
            let off = a.catalog.offsets();
            for (f, fl) in b.med.floodlight.iter().enumerate() {
                let slope = a.catalog.slopes.iter().position(|&(q, _, _, dv)| (q, dv) == (fl.interaction, fl.dv)).unwrap();
                let g = fl.grid.iter().position(|&x| x == 0.0).unwrap();
                let (ours, table) = (sums[b.med.grid_at(f, g)], slopes[off.slopes + 3 * slope + 1]);
                prop_assert_eq!((ours.lo.to_bits(), ours.hi.to_bits(), ours.se.to_bits()), (table.lo.to_bits(), table.hi.to_bits(), table.se.to_bits()));
            }
            exercised.set(exercised.get() + 1);
            Ok(())
        })
        .unwrap();
    eprintln!("properties_hold_in_every_resample: {} of {cases} cases exercised", exercised.get());
    assert!(exercised.get() * 4 >= cases as usize * 3, "only {} of {cases} generated cases were usable", exercised.get());
}

// ------------------------------------------------------------ recovery

/// Bootstrap `b` resamples seeded like the analysis's own.
fn seeded(a: &Analysis, opts: &Options, b: usize) -> (Boot, Vec<Summary>) {
    let rows: Vec<Vec<usize>> = (0..b).map(|i| a.boot.indices(a.settings.seed, i)).collect();
    let bt = boot(a, opts, &rows);
    assert_eq!(bt.failed, 0);
    let sums = summaries(&bt, &a.settings);
    (bt, sums)
}

/// Within three bootstrap SEs of the truth (a 0.3 % miss rate for a normal
/// sampling distribution); prints the z-score.
fn recovered(what: &str, s: &Summary, truth: f64) {
    let z = (s.estimate - truth) / s.se;
    eprintln!("{what}: estimate {:.4} (truth {truth}), SE {:.4}, z = {z:+.2}, 95 % CI [{:.4}, {:.4}]", s.estimate, s.se, s.lo, s.hi);
    assert!(z.abs() < 3.0, "{what}: {} is {z:.2} SEs from {truth}", s.estimate);
}

/// Summaries of the structural paths (the catalog's first section).
fn path_summaries(a: &Analysis, bt: &Boot, s: &Settings) -> Vec<Summary> {
    let off = a.catalog.offsets();
    let np = a.design.structure.paths.len();
    let orig = a.catalog.extract(&a.design, &a.full, a.settings.htmt_absolute);
    let d: Vec<Vec<f64>> = bt.catalog.iter().map(|v| v[off.paths..off.paths + np].to_vec()).collect();
    summarize(&orig[off.paths..off.paths + np], &d.iter().collect::<Vec<_>>(), s, None)
}

fn simple_mediation(c: f64, seed: u64) -> (Analysis, Boot, Vec<Summary>) {
    // standardized population: X → M = 0.5, M → Y = 0.4, X → Y = c
    let (a, b) = (0.5, 0.4);
    let n = 5000;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let ry = (1.0 - (c * c + b * b + 2.0 * a * b * c)).sqrt();
    let mut eta = (0..3).map(|_| Vec::with_capacity(n)).collect::<Vec<Vec<f64>>>();
    for _ in 0..n {
        let x = normal(&mut rng);
        let m = a * x + (1.0 - a * a).sqrt() * normal(&mut rng);
        let y = c * x + b * m + ry * normal(&mut rng);
        for (col, v) in eta.iter_mut().zip([x, m, y]) {
            col.push(v);
        }
    }
    let ds = items_of(&eta, &["X", "M", "Y"], &mut rng);
    let text = format!("{}M ~ X\nY ~ X + M\n", measurement(&["X", "M", "Y"]));
    let mut s = settings(Moderation::TwoStage, false, false);
    s.seed = seed;
    let an = prepare(&ds, &valid(&text, &ds), &s, &|_| {}).unwrap();
    let (bt, sums) = seeded(&an, &Options::default(), 500);
    (an, bt, sums)
}

#[test]
fn recovery_of_a_known_indirect_effect() {
    for (c, kind) in [(0.1, MediationKind::ComplementaryPartial), (-0.25, MediationKind::CompetitivePartial)] {
        let (a, bt, sums) = simple_mediation(c, 2026);
        assert_eq!(bt.med.routes.len(), 1);
        let ab = &sums[bt.med.route_at(0)];
        recovered(&format!("c' = {c}: indirect a·b"), ab, 0.5 * 0.4);
        let paths = path_summaries(&a, &bt, &a.settings);
        let xy = a.design.structure.paths.iter().position(|&p| p == (node(&a, "X"), node(&a, "Y"))).unwrap();
        recovered(&format!("c' = {c}: direct c'"), &paths[xy], c);
        let v = bt.med.verdicts(&sums, &paths, &a.settings)[0];
        eprintln!("c' = {c}: {:?}, VAF {:?} (population {:.3})", v.kind, v.vaf, 0.2 / (0.2 + c));
        assert_eq!(v.kind, Some(kind));
        assert_eq!(v.vaf.is_some(), kind == MediationKind::ComplementaryPartial);
        assert!((v.total - (ab.estimate + paths[xy].estimate)).abs() < ROUNDING);
    }
}

/// First-stage moderated mediation: M = 0.4 X + 0.2 W + 0.25 X·W + e,
/// Y = 0.1 X + 0.4 M + e, X and W independent standard normal, so X·W has
/// unit variance and every coefficient is standardized: index of moderated
/// mediation a₃·b = 0.1, conditional indirect effects 0.06, 0.16, 0.26 at
/// W = −1, 0, +1 SD, and the conditional effect of X on M, 0.4 + 0.25 w,
/// is zero at w = −1.6: between the two Johnson–Neyman points.
#[test]
fn recovery_of_moderated_mediation_and_johnson_neyman() {
    let n = 5000;
    let mut rng = ChaCha8Rng::seed_from_u64(99);
    let rm = (1.0f64 - 0.16 - 0.04 - 0.0625).sqrt();
    let ry = (1.0f64 - (0.01 + 0.16 + 2.0 * 0.1 * 0.4 * 0.4)).sqrt();
    let mut eta = (0..4).map(|_| Vec::with_capacity(n)).collect::<Vec<Vec<f64>>>();
    for _ in 0..n {
        let x = normal(&mut rng);
        let w = normal(&mut rng);
        let m = 0.4 * x + 0.2 * w + 0.25 * x * w + rm * normal(&mut rng);
        let y = 0.1 * x + 0.4 * m + ry * normal(&mut rng);
        for (col, v) in eta.iter_mut().zip([x, w, m, y]) {
            col.push(v);
        }
    }
    let names = ["X", "W", "M", "Y"];
    let ds = items_of(&eta, &names, &mut rng);
    let text = format!("{}M ~ X + W + X:W\nY ~ X + M\n", measurement(&names));
    let mut s = settings(Moderation::TwoStage, false, false);
    s.seed = 7;
    let a = prepare(&ds, &valid(&text, &ds), &s, &|_| {}).unwrap();
    let (bt, sums) = seeded(&a, &Options::default(), 500);
    let r = route_index(&a, &bt.med, &["X", "M", "Y"]);
    let c = bt.med.conditional.iter().position(|c| c.route == r).unwrap();
    recovered("index of moderated mediation a3·b", &sums[bt.med.index_at(c).unwrap()], 0.25 * 0.4);
    for (l, &w) in bt.med.levels.iter().enumerate() {
        recovered(&format!("conditional indirect at W = {w:+} SD"), &sums[bt.med.level_at(c, l)], (0.4 + 0.25 * w) * 0.4);
    }
    let f = bt.med.floodlight.iter().position(|fl| fl.dv == node(&a, "M")).unwrap();
    let draws: Vec<&[f64]> = bt.values.iter().map(|v| v.as_slice()).collect();
    let band = bt.med.floodlight_band(f, &bt.original, &draws, &s);
    let g = &bt.med.floodlight[f].grid;
    eprintln!("floodlight X -> M over W in [{:.2}, {:.2}] ({} points): JN points {:?}", g[0], g[g.len() - 1], g.len(), band.jn);
    assert_eq!(band.jn.len(), 2, "{:?}", band.jn);
    let (lo, hi) = (band.jn[0], band.jn[1]);
    assert!(lo.at < -1.6 && -1.6 < hi.at, "the true zero −1.6 lies between the JN points {} and {}", lo.at, hi.at);
    assert!(!lo.significant_above && hi.significant_above);
    // the effect is significant below the first point (negative) and
    // above the second (positive), not between them
    for p in &band.points {
        let sig = p.ci_lower > 0.0 || p.ci_upper < 0.0;
        assert_eq!(sig, p.at < lo.at || p.at > hi.at, "{p:?}");
    }
}

// ------------------------------------------------- through the pipeline

/// A dataset as CSV bytes, as a user's file would be.
fn csv_bytes(ds: &Dataset) -> Vec<u8> {
    let mut s = ds.names.join(",");
    s.push('\n');
    for i in 0..ds.n_rows() {
        let row: Vec<String> = ds.columns.iter().map(|c| format!("{:?}", c[i])).collect();
        s.push_str(&row.join(","));
        s.push('\n');
    }
    s.into_bytes()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// `pipeline::run` with the mediation statistics on writes, for every
/// route, conditional indirect effect and floodlight, the engine module's
/// numbers from the same resamples (seed, b) the paths use; the three keys
/// are absent when the option is off.
#[test]
fn pipeline_json_carries_the_engine_numbers() {
    let case = Case { stage: Stage::Both, serial: true, coef: [0.45, 0.2, 0.25, 0.5, 0.4, 0.1, -0.2, 0.15] };
    let ds = case.data(11, 300);
    let bytes = csv_bytes(&ds);
    let mut s = settings(Moderation::TwoStage, false, false);
    s.bootstrap = 200;
    s.seed = 5;
    s.threads = 2;
    s.mediation = true;
    s.moderator_levels = vec![-2.0, 1.5];
    let opts = plsweb::data::ReadOptions::default();
    let res = plsweb::pipeline::run(&bytes, &opts, &case.text(), &s, &|_| true).unwrap();
    let json = serde_json::to_value(&res).unwrap();
    assert_eq!(json["settings"]["mediation"], Value::Bool(true));

    // the engine, on its own, over the same resamples written out
    let (read, _) = plsweb::data::read_bytes(&bytes, &opts).unwrap();
    let a = prepare(&read, &valid(&case.text(), &read), &s, &|_| {}).unwrap();
    let rows: Vec<Vec<usize>> = (0..s.bootstrap).map(|b| a.boot.indices(s.seed, b)).collect();
    let bt = boot(&a, &Options { levels: vec![-1.0, 0.0, 1.0, -2.0, 1.5], ..Options::default() }, &rows);
    assert_eq!(bt.failed, 0);
    let sums = summaries(&bt, &s);
    let mut ck = Checker::new();
    let same = |ck: &mut Checker, what: &str, key: &str, row: &Value, sm: &Summary| {
        for (field, want) in [("estimate", sm.estimate), ("mean", sm.mean), ("se", sm.se), ("t", sm.t), ("p", sm.p), ("ci_lower", sm.lo), ("ci_upper", sm.hi)] {
            ck.num(what, &format!("{key} {field}"), &Value::from(want), &row[field], tol::SAME_RESAMPLE);
        }
    };
    let specific = json["specific_indirect_effects"].as_array().unwrap();
    assert_eq!(specific.len(), bt.med.routes.len());
    let paths = path_summaries(&a, &bt, &s);
    let verdicts = bt.med.verdicts(&sums, &paths, &s);
    for (r, row) in specific.iter().enumerate() {
        let names: Vec<&str> = row["path"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(route_index(&a, &bt.med, &names), r);
        same(&mut ck, "specific", &format!("{names:?}"), row, &sums[bt.med.route_at(r)]);
        let kind: Option<MediationKind> = serde_json::from_value(row["mediation"].clone()).unwrap();
        assert_eq!(kind, verdicts[r].kind, "{names:?}");
        assert!(kind.is_some(), "{names:?}: a verdict with a bootstrap");
    }
    let cond = json["conditional_indirect_effects"].as_array().unwrap();
    assert_eq!(cond.len(), bt.med.conditional.len());
    assert!(cond.len() >= 2, "first and second stage");
    for (c, row) in cond.iter().enumerate() {
        let levels = row["levels"].as_array().unwrap();
        assert_eq!(levels.iter().map(|l| f(&l["at"])).collect::<Vec<_>>(), vec![-1.0, 0.0, 1.0, -2.0, 1.5]);
        for (l, lv) in levels.iter().enumerate() {
            same(&mut ck, "conditional", &format!("{c} at {}", lv["at"]), lv, &sums[bt.med.level_at(c, l)]);
        }
        match bt.med.index_at(c) {
            Some(i) => same(&mut ck, "index", &format!("{c}"), &row["index"], &sums[i]),
            None => assert!(row["index"].is_null()),
        }
    }
    let flood = json["floodlight"].as_array().unwrap();
    assert_eq!(flood.len(), bt.med.floodlight.len());
    let draws: Vec<&[f64]> = bt.values.iter().map(|v| v.as_slice()).collect();
    for (k, row) in flood.iter().enumerate() {
        let band = bt.med.floodlight_band(k, &bt.original, &draws, &s);
        let pts = row["points"].as_array().unwrap();
        assert_eq!(pts.len(), band.points.len());
        for (p, want) in pts.iter().zip(&band.points) {
            assert_eq!(f(&p["at"]), want.at);
            for (field, w) in [("effect", want.effect), ("ci_lower", want.ci_lower), ("ci_upper", want.ci_upper)] {
                ck.num("floodlight", &format!("{k} at {} {field}", want.at), &Value::from(w), &p[field], tol::SAME_RESAMPLE);
            }
        }
        let jn = row["jn_points"].as_array().unwrap();
        assert_eq!(jn.len(), band.jn.len(), "floodlight {k}");
        for (p, want) in jn.iter().zip(&band.jn) {
            // a bound's zero moves as fast as the bound's slope allows
            ck.num("JN point", &format!("{k}"), &Value::from(want.at), &p["at"], 1e-6);
            assert_eq!(p["significant_above"], Value::Bool(want.significant_above));
        }
        // the floodlight at the mean is the simple-slope table's row
        let slope = res.simple_slopes.iter().find(|sl| sl.interaction == row["interaction"] && sl.dv == row["dv"]).unwrap();
        let at0 = pts.iter().find(|p| f(&p["at"]) == 0.0).unwrap();
        assert_eq!((at0["ci_lower"].as_f64(), at0["ci_upper"].as_f64()), (slope.lines[1].inference.ci_lower, slope.lines[1].inference.ci_upper));
    }
    ck.finish("pipeline mediation JSON");

    // off: no keys, no setting
    s.mediation = false;
    s.moderator_levels.clear();
    s.bootstrap = 20;
    let off = serde_json::to_value(plsweb::pipeline::run(&bytes, &opts, &case.text(), &s, &|_| true).unwrap()).unwrap();
    for key in ["specific_indirect_effects", "conditional_indirect_effects", "floodlight"] {
        assert!(off.get(key).is_none(), "{key} without the option");
    }
    assert!(off["settings"].get("mediation").is_none() && off["settings"].get("moderator_levels").is_none());
}

/// seminr's M11 through the pipeline: the M6b resamples replayed as the
/// command line's `--replay` does, and the result's specific indirect
/// effects compared with seminr's.
#[test]
fn m11_through_the_pipeline() {
    if !mobi::present("m11_through_the_pipeline") {
        return;
    }
    let (exp, a, idx) = m11(true);
    let res = plsweb::pipeline::bootstrap(&a, Some(&idx), &|_| true).unwrap();
    let mut ck = Checker::new();
    let mut compared = 0;
    for (key, v) in exp["specificEffects"].as_object().unwrap() {
        let mut names: Vec<String> = vec![v["from"].as_str().unwrap().into()];
        names.extend(v["through"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()));
        names.push(v["to"].as_str().unwrap().into());
        if names.len() == 2 {
            continue; // the direct path, checked by the replay of M6b
        }
        let row = res.specific_indirect_effects.iter().find(|e| e.path == names).unwrap_or_else(|| panic!("no route {names:?}"));
        let i = &row.inference;
        for (col, e) in fixture_row(v) {
            let ours = match col.as_str() {
                "Original Est." => i.estimate,
                "Bootstrap Mean" => i.mean,
                "Bootstrap SD" => i.se,
                "T Stat." => i.t,
                "2.5% CI" => i.ci_lower,
                "97.5% CI" => i.ci_upper,
                "Bootstrap P Val" => i.p,
                other => panic!("column {other}"),
            };
            ck.num(&format!("pipeline specific {} mediators: {col}", names.len() - 2), &format!("{key} {names:?}"), &Value::from(e), &Value::from(ours.unwrap()), tol::REPLAY);
        }
        compared += 1;
    }
    assert!(compared >= 4, "routes through 1–4 mediators: {compared}");
    ck.finish("M11_mediation through the pipeline");
}
