//! Sign-reversed bootstrap resamples (`engine::sign`) on a generated study
//! the size of the seed study (42 firms, 7 CRM items, 6 social-competency
//! items, 5 performance items, a two-stage interaction) whose population is
//! known: every loading positive (0.75–0.85), CRM → BP 0.1, SC → BP 0.1,
//! CRM×SC → BP 0.2. With items this weakly correlated some resamples converge to the
//! negated solution of a construct.
//!
//! - the share the bootstrap reports equals a direct count over the same
//!   resamples, each estimated again here from its rows written out;
//! - with construct-level correction no resample stays reversed, the
//!   corrected paths are the uncorrected ones times s_from·s_to, and the
//!   loadings' intervals lie above zero (they do not without correction);
//! - results are identical for any number of threads;
//! - negating every item of one construct changes only the signs that
//!   should change (proptest), with every correction setting;
//! - with correction off the result is the one without the setting.

use nalgebra::DMatrix;
use plsweb::data::Dataset;
use plsweb::engine::bootstrap::Resamples;
use plsweb::engine::estimate::{estimate, EstOptions, Estimate, Purpose};
use plsweb::engine::settings::SignChange;
use plsweb::engine::sign;
use plsweb::engine::Settings;
use plsweb::model::{parse_syntax, validate, ValidModel};
use plsweb::pipeline::{analyze, bootstrap, prepare, Analysis};
use proptest::prelude::*;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const MODEL: &str = "CRM =~ CRM1..CRM7\nSC =~ SC1..SC6\nBP =~ BP1..BP5\nBP ~ CRM + SC + CRM:SC\n";
const LOADINGS: [&[f64]; 3] = [&[0.85, 0.8, 0.75, 0.85, 0.8, 0.75, 0.8], &[0.85, 0.8, 0.75, 0.8, 0.75, 0.8], &[0.85, 0.8, 0.75, 0.8, 0.75]];
const NAMES: [&str; 3] = ["CRM", "SC", "BP"];
/// The seed of the generated study, fixed. With paths this weak, most
/// samples of 42 show reversals; in many (10 of the first 16 seeds of this
/// generator, with 1000 resamples) the full-sample composite of CRM or SC is
/// itself unstable (loadings near zero or of mixed signs), and then some
/// loading intervals reach below zero even after construct-level
/// correction. This sample has reversals of every construct and a coherent
/// measurement, the case the correction is meant for.
const STUDY_SEED: u64 = 1;
/// Exact re-computations (negated data): only rounding differs.
const SAME: f64 = 1e-10;

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// n firms from the population: CRM and SC standard normal with correlation
/// 0.3, BP = 0.1 CRM + 0.1 SC + 0.2 CRM·SC + ζ (unit variance), items
/// λη + √(1 − λ²)ε on a 1–5 scale (3 + 0.9 × value, rounded, clamped).
fn study(n: usize, seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut names = Vec::new();
    for (c, l) in NAMES.iter().zip(LOADINGS) {
        names.extend((1..=l.len()).map(|i| format!("{c}{i}")));
    }
    let mut columns = vec![Vec::with_capacity(n); names.len()];
    let r = 0.3f64;
    // Var(0.1a + 0.1b + 0.2ab) with corr(a, b) = r and Var(ab) = 1 + r²
    let explained = 0.01 + 0.01 + 2.0 * 0.1 * 0.1 * r + 0.04 * (1.0 + r * r);
    for _ in 0..n {
        let a = normal(&mut rng);
        let b = r * a + (1.0 - r * r).sqrt() * normal(&mut rng);
        let y = 0.1 * a + 0.1 * b + 0.2 * a * b + (1.0 - explained).sqrt() * normal(&mut rng);
        let mut col = 0;
        for (eta, l) in [a, b, y].into_iter().zip(LOADINGS) {
            for &lam in l {
                let v = lam * eta + (1.0 - lam * lam).sqrt() * normal(&mut rng);
                columns[col].push((3.0 + 0.9 * v).round().clamp(1.0, 5.0));
                col += 1;
            }
        }
    }
    Dataset { names, columns }
}

fn model(ds: &Dataset) -> ValidModel {
    validate(&parse_syntax(MODEL).unwrap(), &ds.names).unwrap()
}

fn settings(b: usize, sign_change: SignChange) -> Settings {
    Settings { bootstrap: b, seed: 11, blindfold_distance: 0, sign_change, threads: 1, ..Settings::smartpls() }
}

fn json(r: &plsweb::engine::result::AnalysisResult) -> Value {
    let mut r = r.clone();
    r.settings.threads = 0;
    serde_json::to_value(&r).unwrap()
}

fn loadings(a: &Analysis, est: &Estimate, j: usize) -> Vec<f64> {
    (0..a.design.blocks.ranges[j].len()).map(|k| est.loading(&a.design, j, k)).collect()
}

/// Per node, the resamples (by position among the successful ones) that are
/// reversed, counted here from each resample estimated again from its rows
/// written out. A two-stage interaction term is the product of the stage-1
/// scores: it is reversed when its own loading turned or exactly one of its
/// constructs' stage-1 weight vectors turned.
fn direct(a: &Analysis, indices: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let d = &a.design;
    let x = a.x();
    let opts = EstOptions::new(&a.settings, Purpose::Resample { start: Some(&a.full.weights) });
    let mut out = vec![Vec::new(); d.n_nodes()];
    let mut ok = 0;
    for idx in indices {
        let xb = DMatrix::from_fn(idx.len(), x.ncols(), |i, j| x[(idx[i], j)]);
        let Ok(est) = estimate(&xb, d, &opts) else { continue };
        for (j, list) in out.iter_mut().enumerate() {
            let own = sign::loading_agreement(&loadings(a, &a.full, j), &loadings(a, &est, j)) < 0.0;
            let rev = match d.interaction_of(j) {
                Some((iv, m)) => {
                    let (w, w0) = (est.interactions.stage1_weights.as_ref().unwrap(), a.full.interactions.stage1_weights.as_ref().unwrap());
                    let turned = |c: usize| w[c].dot(&w0[c]) < 0.0;
                    own ^ turned(iv) ^ turned(m)
                }
                None => own,
            };
            if rev {
                list.push(ok);
            }
        }
        ok += 1;
    }
    out
}

#[test]
fn the_reported_share_equals_a_direct_count_over_the_same_resamples() {
    let ds = study(42, STUDY_SEED);
    let b = 400;
    let a = prepare(&ds, &model(&ds), &settings(b, SignChange::None), &|_| {}).unwrap();
    let indices: Vec<Vec<usize>> = (0..b).map(|i| a.boot.indices(11, i)).collect();
    let replayed = bootstrap(&a, Some(&indices), &|_| true).unwrap();
    let seeded = bootstrap(&a, None, &|_| true).unwrap();
    assert_eq!(replayed, seeded, "replaying the seeded resamples gives the seeded result");
    let expected = direct(&a, &indices);
    let info = replayed.bootstrap.as_ref().unwrap().sign_reversals.as_ref().expect("reversals occur in this study");
    let mut any = false;
    for (j, list) in expected.iter().enumerate() {
        let name = a.design.node_name(j);
        let c = info.constructs.get(name).unwrap();
        assert_eq!(c.count, list.len(), "{name}: reported {} vs counted {}", c.count, list.len());
        assert_eq!(info.reversed.get(name).cloned().unwrap_or_default(), *list, "{name}: which resamples");
        assert!((c.share - list.len() as f64 / info.resamples as f64).abs() < 1e-15);
        any |= !list.is_empty();
    }
    assert!(any, "the study must show reversals for this test to mean anything");
    let shares: Vec<String> = info.constructs.iter().map(|(k, v)| format!("{k} {:.2} %", 100.0 * v.share)).collect();
    eprintln!("reversed shares over {} resamples: {}", info.resamples, shares.join(", "));
    // a warning per reversed construct, in both languages
    let warned: Vec<&str> = replayed.warnings.iter().filter(|w| w.code() == "bootstrap.sign_reversed").map(|w| w.code()).collect();
    assert_eq!(warned.len(), info.constructs.iter().filter(|(_, c)| c.count > 0).count());
}

#[test]
fn construct_correction_leaves_no_resample_reversed() {
    let ds = study(42, STUDY_SEED);
    let b = 400;
    let m = model(&ds);
    let none = analyze(&ds, &m, &settings(b, SignChange::None), &|_| true).unwrap();
    let fixed = analyze(&ds, &m, &settings(b, SignChange::Construct), &|_| true).unwrap();
    let (bn, bf) = (none.bootstrap.as_ref().unwrap(), fixed.bootstrap.as_ref().unwrap());
    let (rn, rf) = (bn.sign_reversals.as_ref().unwrap(), bf.sign_reversals.as_ref().unwrap());
    // detection is the same (it looks at the resamples as estimated)
    assert_eq!((&rn.constructs, &rn.reversed), (&rf.constructs, &rf.reversed));
    assert_eq!(rf.correction, SignChange::Construct);
    // the corrected paths are the estimated ones times s_from · s_to
    for p in &none.path_coefficients {
        let key = plsweb::engine::result::path_key(&p.from, &p.to);
        let (vn, vf) = (bn.path_distributions.get(&key).unwrap(), bf.path_distributions.get(&key).unwrap());
        let turned = |c: &str, i: usize| rn.reversed.get(c).is_some_and(|l| l.contains(&i));
        for (i, (x, y)) in vn.iter().zip(vf).enumerate() {
            let s = if turned(&p.from, i) ^ turned(&p.to, i) { -1.0 } else { 1.0 };
            assert_eq!(*y, s * x, "{key} resample {i}");
        }
    }
    // after correction no resample is reversed
    let a = prepare(&ds, &m, &settings(b, SignChange::Construct), &|_| {}).unwrap();
    let draws = a.draws(Resamples::Seeded { seed: 11, range: 0..b }, 1, &|_| true).unwrap();
    let mut corrected = 0;
    for v in draws.values.iter().filter_map(|r| r.as_ref().ok()) {
        let mut v = v.clone();
        let before = sign::node_signs(&a.design, &a.catalog, &a.original, &v).any();
        sign::correct(&a.design, &a.catalog, &a.original, &mut v, SignChange::Construct, a.settings.htmt_absolute);
        corrected += before as usize;
        assert!(!sign::node_signs(&a.design, &a.catalog, &a.original, &v).any());
    }
    assert!(corrected > 0);
    // the loadings' intervals lie above zero once corrected; not all did before
    let above = |r: &plsweb::engine::result::AnalysisResult| {
        let l = &r.bootstrap.as_ref().unwrap().outer_loadings;
        l.iter().filter(|(c, _)| NAMES.contains(&c.as_str())).flat_map(|(_, items)| items.iter()).all(|(_, inf)| inf.ci_lower.unwrap() > 0.0)
    };
    assert!(!above(&none), "without correction some loading interval reaches below zero");
    assert!(above(&fixed), "with construct-level correction every loading interval lies above zero");
    // the warnings and the methods paragraph say what was done
    assert!(fixed.warnings.iter().any(|w| w.code() == "bootstrap.sign_reversed" && w.message().contains("corrected")));
    let methods = plsweb::report::methods::methods_paragraph(&fixed, plsweb::lang::Lang::En);
    assert!(methods.contains("construct-level sign changes"), "{methods}");
    assert!(!plsweb::report::methods::methods_paragraph(&none, plsweb::lang::Lang::En).contains("sign-reversed"));
}

#[test]
fn corrected_results_are_identical_for_any_number_of_threads() {
    let ds = study(42, STUDY_SEED);
    let m = model(&ds);
    for mode in [SignChange::Construct, SignChange::Individual] {
        let runs: Vec<Value> = [1, 2, 3]
            .into_iter()
            .map(|t| json(&analyze(&ds, &m, &Settings { threads: t, ..settings(300, mode) }, &|_| true).unwrap()))
            .collect();
        assert_eq!(runs[0], runs[1], "{mode:?}: 1 vs 2 threads");
        assert_eq!(runs[0], runs[2], "{mode:?}: 1 vs 3 threads");
        // and for any split of the resamples
        let a = prepare(&ds, &m, &settings(300, mode), &|_| {}).unwrap();
        let lo = a.draws(Resamples::Seeded { seed: 11, range: 0..120 }, 1, &|_| true).unwrap();
        let hi = a.draws(Resamples::Seeded { seed: 11, range: 120..300 }, 2, &|_| true).unwrap();
        assert_eq!(json(&a.finish(&[hi, lo])), runs[0], "{mode:?}: split resamples");
    }
}

#[test]
fn without_correction_the_setting_leaves_the_result_as_it_was() {
    let ds = study(42, STUDY_SEED);
    let r = analyze(&ds, &model(&ds), &settings(200, SignChange::None), &|_| true).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert!(v["settings"].get("sign_change").is_none(), "the default is not written");
    let with = analyze(&ds, &model(&ds), &settings(200, SignChange::Individual), &|_| true).unwrap();
    assert_eq!(serde_json::to_value(&with).unwrap()["settings"]["sign_change"], "individual");
    // individual sign changes: every path resample has its estimate's sign
    let b = with.bootstrap.as_ref().unwrap();
    for p in &with.path_coefficients {
        let e = p.estimate.unwrap();
        let vals = b.path_distributions.get(&plsweb::engine::result::path_key(&p.from, &p.to)).unwrap();
        assert!(vals.iter().all(|v| v * e >= 0.0), "{} -> {}", p.from, p.to);
    }
}

/// Path-level statistics that negating construct `c`'s items negates:
/// the paths into or out of c and of the interaction built from it.
fn sign_of(from: &str, to: &str, c: &str) -> f64 {
    let turned = |n: &str| n == c || (n == "CRM*SC" && (c == "CRM" || c == "SC"));
    if turned(from) ^ turned(to) {
        -1.0
    } else {
        1.0
    }
}

fn close(a: &Value, b: &Value, what: &str) {
    let (x, y) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
    assert!((x.is_nan() && y.is_nan()) || (x - y).abs() <= SAME * x.abs().max(1.0), "{what}: {x} vs {y}");
}

fn check_negation(seed: u64, c: usize, mode: SignChange) {
    let ds = study(42, seed);
    let m = model(&ds);
    let s = settings(150, mode);
    let mut neg = ds.clone();
    let prefix = NAMES[c];
    for (name, col) in neg.names.iter().zip(neg.columns.iter_mut()) {
        if name.starts_with(prefix) {
            col.iter_mut().for_each(|v| *v = -*v);
        }
    }
    let a = json(&analyze(&ds, &m, &s, &|_| true).unwrap());
    let b = json(&analyze(&neg, &m, &s, &|_| true).unwrap());
    for (p, q) in a["path_coefficients"].as_array().unwrap().iter().zip(b["path_coefficients"].as_array().unwrap()) {
        let f = sign_of(p["from"].as_str().unwrap(), p["to"].as_str().unwrap(), prefix);
        let what = format!("{} -> {} ({mode:?}, {prefix} negated)", p["from"], p["to"]);
        for k in ["estimate", "mean", "t"] {
            close(&Value::from(p[k].as_f64().unwrap() * f), &q[k], &format!("{what} {k}"));
        }
        for k in ["se", "p", "f2", "f2_same_scores"] {
            close(&p[k], &q[k], &format!("{what} {k}"));
        }
        let (lo, hi) = if f < 0.0 { ("ci_upper", "ci_lower") } else { ("ci_lower", "ci_upper") };
        close(&Value::from(p[lo].as_f64().unwrap() * f), &q["ci_lower"], &format!("{what} ci_lower"));
        close(&Value::from(p[hi].as_f64().unwrap() * f), &q["ci_upper"], &format!("{what} ci_upper"));
        assert_eq!((&p["significant"], &p["p_ci_disagree"]), (&q["significant"], &q["p_ci_disagree"]), "{what}");
    }
    // what has no sign, or whose sign the negation does not touch, stays
    for key in ["outer_weights", "outer_loadings", "r_squared", "reliability", "htmt"] {
        same_numbers(&a[key], &b[key], key);
    }
    for key in ["outer_loadings", "outer_weights", "r_squared", "htmt", "sign_reversals", "iteration_limit", "resamples", "failed"] {
        same_numbers(&a["bootstrap"][key], &b["bootstrap"][key], &format!("bootstrap.{key} ({mode:?}, {prefix} negated)"));
    }
    let codes = |v: &Value| v["warnings"].as_array().unwrap().iter().map(|w| w["code"].clone()).collect::<Vec<_>>();
    assert_eq!(codes(&a), codes(&b));
}

fn same_numbers(a: &Value, b: &Value, what: &str) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{what}");
            for (k, v) in x {
                same_numbers(v, &y[k], &format!("{what}.{k}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{what}");
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same_numbers(v, w, &format!("{what}[{i}]"));
            }
        }
        (Value::Number(_), _) | (_, Value::Number(_)) => close(a, b, what),
        _ => assert_eq!(a, b, "{what}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    /// Negating every item of one construct changes no reported statistic
    /// except the signs that should change, whatever the correction.
    #[test]
    fn negating_a_constructs_items_changes_only_its_signs(seed in 0u64..1000, c in 0usize..3, mode in 0usize..3) {
        let mode = [SignChange::None, SignChange::Individual, SignChange::Construct][mode];
        check_negation(seed, c, mode);
    }
}

#[test]
fn negating_crm_on_the_study_with_reversals() {
    for mode in [SignChange::None, SignChange::Construct] {
        check_negation(STUDY_SEED, 0, mode);
    }
}

/// The histograms mark the reversed resamples of a path's constructs, and
/// the path table's note names the share where p and the interval disagree.
#[test]
fn histograms_and_the_path_note_show_the_reversed_resamples() {
    use plsweb::lang::Lang;
    use plsweb::report::histogram::bootstrap_histogram;
    let ds = study(42, STUDY_SEED);
    let mut r = analyze(&ds, &model(&ds), &settings(400, SignChange::None), &|_| true).unwrap();
    let rev = r.bootstrap.as_ref().unwrap().sign_reversals.clone().unwrap();
    for p in &r.path_coefficients {
        let key = plsweb::engine::result::path_key(&p.from, &p.to);
        let marked = rev.path_resamples(&p.from, &p.to).len();
        for lang in [Lang::En, Lang::Id] {
            let svg = bootstrap_histogram(&r, &key, lang).unwrap();
            let drawn: usize = svg
                .split("class=\"bar-reversed\"")
                .skip(1)
                .map(|s| s.split("<title>").nth(1).unwrap().split("</title>").next().unwrap().parse::<usize>().unwrap())
                .sum();
            assert_eq!(drawn, marked, "{key}");
            let legend = if lang == Lang::En { "sign-reversed resamples: " } else { "sampel ulang bertanda terbalik: " };
            assert_eq!(svg.contains(&format!("{legend}{marked}")), marked > 0, "{key}");
        }
    }
    // the note points to the share when the disagreeing row's constructs were reversed
    let row = r.path_coefficients.iter().position(|p| p.from == "CRM").unwrap();
    for (i, p) in r.path_coefficients.iter_mut().enumerate() {
        p.p_ci_disagree = Some(i == row);
    }
    let share = format!("{:.1} %", 100.0 * rev.constructs.get("CRM").unwrap().share);
    let note = |r: &plsweb::engine::result::AnalysisResult, lang| plsweb::report::tables::paths::build(r, lang).unwrap().note;
    assert!(note(&r, Lang::En).contains(&format!("CRM was sign-reversed in {share} of the resamples")), "{}", note(&r, Lang::En));
    assert!(note(&r, Lang::Id).contains(&format!("CRM terbalik tandanya pada {}", share.replace('.', ","))), "{}", note(&r, Lang::Id));
    // no reversal involved: no such note
    r.bootstrap.as_mut().unwrap().sign_reversals = None;
    assert!(!note(&r, Lang::En).contains("sign-reversed"));
}
