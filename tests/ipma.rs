//! The importance-performance map against a hand computation on the ECSI
//! case (tests/reference/ecsi_basic, items on 1–10): the unstandardized
//! scores are built from the reported standardized weights and the raw
//! data, and the unstandardized paths are ordinary least squares on those
//! scores (their total effects the importance), independently of the
//! engine's shortcut through the standardized total effects.

mod common;

use common::load_case;
use nalgebra::{DMatrix, DVector};
use plsweb::engine::Settings;
use plsweb::multigroup::{ipma_of, parse_scale};
use plsweb::pipeline::prepare;

fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    (m, (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)).sqrt())
}

#[test]
fn ecsi_loyalty_by_hand() {
    let case = load_case("ecsi_basic");
    let s = Settings { bootstrap: 0, blindfold_distance: 0, ..Settings::smartpls() };
    let a = prepare(&case.data, &case.model, &s, &|_| {}).unwrap();
    let (lo, hi) = parse_scale("1,10").unwrap();
    let m = ipma_of(&a, "Loyalty", Some((lo, hi))).unwrap();
    let r = &a.point;
    let names: Vec<String> = r.constructs.iter().map(|c| c.name.clone()).collect();
    let n = case.data.n_rows();
    // unstandardized scores per construct
    let mut scores: Vec<Vec<f64>> = Vec::new();
    let mut uw: Vec<Vec<(String, f64, f64)>> = Vec::new();
    for c in &r.constructs {
        let cols: Vec<Vec<f64>> = c.indicators.iter().map(|i| case.data.column(i).unwrap().iter().map(|x| (x - lo) / (hi - lo) * 100.0).collect()).collect();
        let u: Vec<f64> = c.indicators.iter().zip(&cols).map(|(i, col)| r.outer_weights.get(&c.name).unwrap().get(i).unwrap().unwrap() / mean_sd(col).1).collect();
        let total: f64 = u.iter().sum();
        let w: Vec<f64> = u.iter().map(|x| x / total).collect();
        scores.push((0..n).map(|k| cols.iter().zip(&w).map(|(col, wj)| wj * col[k]).sum()).collect());
        uw.push(c.indicators.iter().zip(&w).zip(&cols).map(|((i, wj), col)| (i.clone(), *wj, mean_sd(col).0)).collect());
    }
    // unstandardized direct paths by OLS with intercept, then total effects
    let k = names.len();
    let mut b = DMatrix::<f64>::zeros(k, k);
    for t in 0..k {
        let preds: Vec<usize> = r.path_coefficients.iter().filter(|p| p.to == names[t]).map(|p| names.iter().position(|x| *x == p.from).unwrap()).collect();
        if preds.is_empty() {
            continue;
        }
        let x = DMatrix::from_fn(n, preds.len() + 1, |i, j| if j == 0 { 1.0 } else { scores[preds[j - 1]][i] });
        let y = DVector::from_vec(scores[t].clone());
        let coef = (x.transpose() * &x).cholesky().unwrap().solve(&(x.transpose() * y));
        for (j, &p) in preds.iter().enumerate() {
            b[(p, t)] = coef[j + 1];
        }
    }
    let mut total = b.clone();
    let mut pow = b.clone();
    for _ in 0..k {
        pow = &pow * &b;
        total += &pow;
    }
    let target = names.iter().position(|x| x == "Loyalty").unwrap();
    assert!((m.target_performance.unwrap() - mean_sd(&scores[target]).0).abs() < 1e-9);
    // every construct with an effect on Loyalty: Image, Expectation, Quality, Value, Satisfaction, Complaints
    assert_eq!(m.constructs.len(), 6);
    for c in &m.constructs {
        let j = names.iter().position(|x| *x == c.name).unwrap();
        let (imp, perf) = (c.importance.unwrap(), c.performance.unwrap());
        assert!((imp - total[(j, target)]).abs() < 1e-9, "{}: importance {imp} vs {}", c.name, total[(j, target)]);
        assert!((perf - mean_sd(&scores[j]).0).abs() < 1e-9, "{}: performance {perf}", c.name);
        assert!((0.0..=100.0).contains(&perf));
        for i in m.indicators.iter().filter(|i| i.construct == c.name) {
            let (_, w, p) = uw[j].iter().find(|x| x.0 == i.name).unwrap();
            assert!((i.weight.unwrap() - w).abs() < 1e-12);
            assert!((i.importance.unwrap() - w * total[(j, target)]).abs() < 1e-9);
            assert!((i.performance.unwrap() - p).abs() < 1e-9);
        }
    }
    assert!(m.negative_weights.is_empty());
    // the observed range instead of the scale: every indicator runs 0..100
    let obs = ipma_of(&a, "Loyalty", None).unwrap();
    assert!(obs.scale.is_none());
    assert!(obs.indicators.iter().all(|i| (0.0..=100.0).contains(&i.performance.unwrap())));
    assert_eq!(ipma_of(&a, "Image", None).unwrap_err().code(), "ipma.no_predecessors");
    assert_eq!(ipma_of(&a, "Loyality", None).unwrap_err().code(), "ipma.unknown_target");
    assert_eq!(parse_scale("5,1").unwrap_err().code(), "ipma.bad_scale");
}

/// openpls-engine 1.13.0's IPMA of the same case
/// (tests/reference/ecsi_basic/openpls_ipma, with its conventions): what
/// the two conventions share must agree.
#[test]
fn openpls_engine_on_ecsi() {
    let case = load_case("ecsi_basic");
    let dir = common::reference_dir().join("ecsi_basic/openpls_ipma");
    let exp: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    let s = Settings { bootstrap: 0, blindfold_distance: 0, tolerance: 1e-12, ..Settings::smartpls() };
    let a = prepare(&case.data, &case.model, &s, &|_| {}).unwrap();
    let m = ipma_of(&a, "Loyalty", Some((1.0, 10.0))).unwrap();
    let r = &a.point;
    let tol = common::tol::POINT;
    let ours_ind = |name: &str| m.indicators.iter().find(|i| i.name == name).unwrap();
    for e in exp["indicators"].as_array().unwrap() {
        let (c, name) = (e["construct"].as_str().unwrap(), e["name"].as_str().unwrap());
        let f = |k: &str| e[k].as_f64().unwrap();
        let w = r.outer_weights.get(c).unwrap().get(name).unwrap().unwrap();
        // openpls scales the weights to unit variance with the n divisor
        let scaled = w * (r.n as f64 / (r.n as f64 - 1.0)).sqrt();
        assert!((scaled - f("outer_weight")).abs() < tol, "{name}: weight {w} vs {}", f("outer_weight"));
        let block: f64 = r.outer_weights.get(c).unwrap().iter().map(|(_, v)| v.unwrap()).sum();
        assert!((w / block - f("normalized_weight")).abs() < tol, "{name}");
        if c == "Loyalty" {
            continue;
        }
        let p = ours_ind(name).performance.unwrap();
        assert!((p - f("performance")).abs() < 1e-9, "{name}: performance {p} vs {}", f("performance"));
    }
    for e in exp["constructs"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        let te = r.total_effects.iter().find(|t| t.from == name && t.to == "Loyalty").unwrap().inference.estimate.unwrap();
        assert!((te - e["importance"].as_f64().unwrap()).abs() < tol, "{name}: total effect {te} vs {}", e["importance"]);
        // openpls's performance: standardized weights normalized to sum 1
        let ws = r.outer_weights.get(name).unwrap();
        let block: f64 = ws.iter().map(|(_, v)| v.unwrap()).sum();
        let perf: f64 = ws.iter().map(|(i, v)| v.unwrap() / block * ours_ind(i).performance.unwrap()).sum();
        assert!((perf - e["performance"].as_f64().unwrap()).abs() < tol, "{name}: {perf} vs {}", e["performance"]);
        if name == "Complaints" {
            let ours = m.constructs.iter().find(|c| c.name == name).unwrap();
            assert!((ours.performance.unwrap() - e["performance"].as_f64().unwrap()).abs() < 1e-9);
        }
    }
}
