//! Quadratic effects: `Y ~ X + X:X` (or `I(X^2)`) adds the term X*X, built
//! like a two-stage interaction from the stage-1 score of X squared and
//! standardized; it appears in the paths as `X*X`, and its slope plot shows
//! the tangents at −1 SD, the mean and +1 SD of X.

use nalgebra::{DMatrix, DVector};
use plsweb::data::{Dataset, ReadOptions};
use plsweb::engine::linalg::column_mean_sd;
use plsweb::engine::settings::Moderation;
use plsweb::engine::Settings;
use plsweb::model::{parse_syntax, validate, Interaction};
use plsweb::pipeline::prepare;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

const MEASUREMENT: &str = "X =~ x1 + x2 + x3\nY =~ y1 + y2 + y3\n";

fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// Y = 0.4 X + 0.3 (X² − 1) + e, three noisy items per construct.
fn data(n: usize, seed: u64) -> Dataset {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut cols = vec![Vec::with_capacity(n); 6];
    for _ in 0..n {
        let x = normal(&mut rng);
        let y = 0.4 * x + 0.3 * (x * x - 1.0) + 0.8 * normal(&mut rng);
        for (k, eta) in [x, x, x, y, y, y].into_iter().enumerate() {
            cols[k].push(eta + 0.6 * normal(&mut rng));
        }
    }
    Dataset { names: ["x1", "x2", "x3", "y1", "y2", "y3"].iter().map(|s| s.to_string()).collect(), columns: cols }
}

fn csv_bytes(ds: &Dataset) -> Vec<u8> {
    let mut s = ds.names.join(",") + "\n";
    for i in 0..ds.n_rows() {
        s += &(ds.columns.iter().map(|c| format!("{:?}", c[i])).collect::<Vec<_>>().join(",") + "\n");
    }
    s.into_bytes()
}

fn settings() -> Settings {
    Settings { bootstrap: 0, blindfold_distance: 0, tolerance: 1e-12, threads: 1, ..Settings::smartpls() }
}

#[test]
fn both_spellings_declare_the_quadratic_term() {
    let names: Vec<String> = ["x1", "x2", "x3", "y1", "y2", "y3"].iter().map(|s| s.to_string()).collect();
    for text in ["Y ~ X + X:X", "Y ~ X + X*X", "Y ~ X + I(X^2)", "Y ~ X + I( X ^ 2 )"] {
        let raw = parse_syntax(&format!("{MEASUREMENT}{text}\n")).unwrap_or_else(|e| panic!("{text}: {e}"));
        let v = validate(&raw, &names).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(v.interactions(), &[Interaction { name: "X*X".into(), iv: 0, moderator: 0 }], "{text}");
        assert_eq!(v.paths().len(), 2, "{text}");
    }
    // not a square: refused as before
    assert!(parse_syntax(&format!("{MEASUREMENT}Y ~ X + I(X^3)\n")).and_then(|r| validate(&r, &names)).is_err());
}

fn standardized(v: &[f64]) -> Vec<f64> {
    let (m, sd) = column_mean_sd(v);
    v.iter().map(|x| (x - m) / sd).collect()
}

/// The quadratic term is the standardized square of X's stage-1 score (the
/// model without the term), and its path is the regression of Y's scores
/// on X's and that term's.
#[test]
fn the_term_is_the_square_of_the_stage_1_score() {
    let ds = data(400, 3);
    let s = settings();
    let with = prepare(&ds, &validate(&parse_syntax(&format!("{MEASUREMENT}Y ~ X + X:X\n")).unwrap(), &ds.names).unwrap(), &s, &|_| {}).unwrap();
    let stage1 = prepare(&ds, &validate(&parse_syntax(&format!("{MEASUREMENT}Y ~ X\n")).unwrap(), &ds.names).unwrap(), &s, &|_| {}).unwrap();
    let x1: Vec<f64> = stage1.scores().column(0).iter().copied().collect();
    let q = standardized(&x1.iter().map(|v| v * v).collect::<Vec<_>>());
    let sc = with.scores();
    let xx = with.design.n_nodes() - 1;
    assert_eq!(with.design.node_name(xx), "X*X");
    for (i, &want) in q.iter().enumerate() {
        assert!((sc[(i, xx)] - want).abs() < 1e-9, "row {i}: {} vs {want}", sc[(i, xx)]);
    }
    // OLS of Y on [X, X*X] (standardized scores, no intercept needed)
    let n = q.len();
    let design = DMatrix::from_fn(n, 2, |i, j| if j == 0 { sc[(i, 0)] } else { q[i] });
    let y = DVector::from_iterator(n, sc.column(1).iter().copied());
    let beta = (design.transpose() * &design).lu().solve(&(design.transpose() * y)).unwrap();
    let path = |f: usize| with.full.path(f, 1);
    assert!((path(0) - beta[0]).abs() < 1e-9 && (path(xx) - beta[1]).abs() < 1e-9, "{} {} vs {beta}", path(0), path(xx));
    assert!(path(xx) > 0.1, "the population's curvature is positive: {}", path(xx));
}

/// Through the pipeline: the term is a path `X*X → Y`; the simple slopes
/// are the tangents b_X + 2·b_XX·x at x = −1, 0, +1 SD, touching the curve
/// b_X·x + b_XX·x²; with the mediation statistics on, the floodlight of X
/// over X is the same tangent slope.
#[test]
fn the_result_has_the_path_and_the_tangent_slopes() {
    let ds = data(300, 8);
    let bytes = csv_bytes(&ds);
    let mut s = settings();
    s.bootstrap = 100;
    s.mediation = true;
    for (moderation, text) in [(Moderation::TwoStage, "Y ~ X + I(X^2)"), (Moderation::ProductIndicator, "Y ~ X + X:X"), (Moderation::Orthogonal, "Y ~ X + X:X")] {
        s.moderation = moderation;
        let r = plsweb::pipeline::run(&bytes, &ReadOptions::default(), &format!("{MEASUREMENT}{text}\n"), &s, &|_| true).unwrap_or_else(|e| panic!("{moderation:?}: {e}"));
        let json = serde_json::to_value(&r).unwrap();
        let paths = json["path_coefficients"].as_array().unwrap();
        let xx = paths.iter().find(|p| p["from"] == "X*X" && p["to"] == "Y").unwrap_or_else(|| panic!("{moderation:?}: no X*X → Y"));
        let bx = paths.iter().find(|p| p["from"] == "X").unwrap()["estimate_standardized"].as_f64().unwrap();
        let bxx = xx["estimate_standardized"].as_f64().unwrap();
        assert!(xx["se"].as_f64().unwrap() > 0.0);
        let sl = &r.simple_slopes[0];
        assert_eq!((sl.iv.as_str(), sl.moderator.as_str(), sl.interaction.as_str()), ("X", "X", "X*X"));
        for line in &sl.lines {
            let w = line.moderator_level;
            assert!((line.slope.unwrap() - (bx + 2.0 * bxx * w)).abs() < 1e-12, "{moderation:?} at {w}");
            // the tangent touches the curve at x = w
            let curve = bx * w + bxx * w * w;
            assert!((line.intercept.unwrap() + line.slope.unwrap() * w - curve).abs() < 1e-12, "{moderation:?} at {w}");
        }
        let fl = &r.floodlight[0];
        for p in &fl.points {
            assert!((p.effect.unwrap() - (bx + 2.0 * bxx * p.at)).abs() < 1e-12, "{moderation:?}");
        }
        let at1 = fl.points.iter().find(|p| p.at == 1.0).unwrap();
        assert_eq!((at1.ci_lower, at1.ci_upper), (sl.lines[2].inference.ci_lower, sl.lines[2].inference.ci_upper));
    }
}
