//! PLSpredict and CVPAT through the pipeline: the result JSON carries the
//! engine module's numbers (run directly on the same data and options),
//! named by indicator and construct; the command line's flags reach them;
//! with PLSpredict off the keys are absent.

mod common;

use plsweb::engine::estimate::{EstOptions, Purpose};
use plsweb::engine::predict::{cvpat, predict, Approach, Benchmark, Orders};
use plsweb::engine::result::AnalysisResult;
use plsweb::engine::Settings;
use plsweb::pipeline::{add_predict, bootstrap, predict_options, prepare};
use serde_json::Value;

fn settings(approach: Approach) -> Settings {
    let mut s = Settings::smartpls();
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.threads = 2;
    s.predict.folds = 5;
    s.predict.repetitions = 3;
    s.predict.seed = 11;
    s.predict.approach = approach;
    s.cvpat = true;
    s
}

fn same(what: &str, json: &Value, x: f64) {
    let v = json.as_f64().unwrap_or_else(|| panic!("{what}: {json}"));
    assert!(v.to_bits() == x.to_bits(), "{what}: JSON {v} vs engine {x}");
}

#[test]
fn json_carries_the_engine_numbers() {
    for (case, approach) in [("corp_rep_simple", Approach::Earliest), ("ecsi_basic", Approach::Direct)] {
        let c = common::load_case(case);
        let s = settings(approach);
        let a = prepare(&c.data, &c.model, &s, &|_| {}).unwrap();
        let mut res: AnalysisResult = bootstrap(&a, None, &|_| true).unwrap();
        add_predict(&a, &mut res, None, 2, &|_| true).unwrap();
        let json = serde_json::to_value(&res).unwrap();

        let direct = predict(a.x(), &a.design, &predict_options(&a), &s.predict, Orders::Seeded, 1, &|_| true).unwrap().unwrap();
        // the folds start from the full sample's weights (smartpls preset):
        // a cold start reaches the same fixed point to the tolerance
        let cold = predict(a.x(), &a.design, &EstOptions::new(&s, Purpose::Full), &s.predict, Orders::Seeded, 1, &|_| true).unwrap().unwrap();
        for (w, c) in direct.figures.indicators.iter().zip(&cold.figures.indicators) {
            assert!((w.pls.rmse - c.pls.rmse).abs() < 1e-8 && (w.q2_predict - c.q2_predict).abs() < 1e-8, "{case}: warm {w:?} vs cold {c:?}");
        }
        let p = &json["predict"];
        assert_eq!(p["folds"], 5);
        assert_eq!(p["repetitions"], 3);
        assert_eq!(p["seed"], 11);
        assert_eq!(p["approach"], serde_json::to_value(approach).unwrap());
        assert_eq!(p["indicators"].as_object().unwrap().len(), direct.figures.indicators.len());
        for f in &direct.figures.indicators {
            let item = &a.design.observed[f.item];
            let j = &p["indicators"][item];
            for (k, x) in [("rmse", f.pls.rmse), ("mae", f.pls.mae), ("mape", f.pls.mape), ("q2_predict", f.q2_predict), ("lm_rmse", f.lm.rmse), ("lm_mae", f.lm.mae), ("lm_mape", f.lm.mape), ("ia_rmse", f.ia.rmse)] {
                same(&format!("{case} {item} {k}"), &j[k], x);
            }
        }
        for f in &direct.figures_in_sample.indicators {
            let item = &a.design.observed[f.item];
            same(&format!("{case} in-sample {item}"), &p["in_sample"]["indicators"][item]["rmse"], f.pls.rmse);
        }
        for f in &direct.figures.constructs {
            let name = a.design.node_name(f.node);
            same(&format!("{case} {name} q2"), &p["constructs"][name]["q2_predict"], f.q2_predict);
            same(&format!("{case} {name} rmse"), &p["constructs"][name]["rmse"], f.rmse);
        }
        let better = direct.figures.indicators.iter().filter(|f| f.pls.rmse < f.lm.rmse).count();
        assert_eq!(p["lower_rmse_than_lm"], better);
        let rows = cvpat(&direct);
        let cv = json["cvpat"].as_array().unwrap();
        assert_eq!(cv.len(), rows.len());
        for (r, j) in rows.iter().zip(cv) {
            let name = r.construct.map(|n| a.design.node_name(n).to_string());
            assert_eq!(j["construct"], serde_json::to_value(&name).unwrap());
            assert_eq!(j["benchmark"], if r.benchmark == Benchmark::LinearModel { "linear_model" } else { "indicator_average" });
            same(&format!("{case} cvpat d"), &j["loss_difference"], r.loss_difference);
            same(&format!("{case} cvpat t"), &j["t"], r.t);
            same(&format!("{case} cvpat p"), &j["p"], r.p);
        }
        // the report shows them
        let ids: Vec<String> = plsweb::report::tables(&res, plsweb::lang::Lang::En).into_iter().map(|t| t.id).collect();
        for id in ["predict_indicators", "predict_constructs", "predict_verdict", "cvpat"] {
            assert!(ids.iter().any(|i| i == id), "{case}: table {id} missing");
        }
        let methods = plsweb::report::methods::methods_paragraph(&res, plsweb::lang::Lang::En);
        assert!(methods.contains("PLSpredict") && methods.contains("5-fold") && methods.contains("CVPAT"), "{methods}");
    }
}

#[test]
fn off_by_default_and_absent_from_the_json() {
    let c = common::load_case("corp_rep_simple");
    let s = Settings { bootstrap: 0, ..Settings::smartpls() };
    let a = prepare(&c.data, &c.model, &s, &|_| {}).unwrap();
    let mut res = bootstrap(&a, None, &|_| true).unwrap();
    add_predict(&a, &mut res, None, 1, &|_| true).unwrap();
    let json = serde_json::to_value(&res).unwrap();
    for key in ["predict", "cvpat"] {
        assert!(json.get(key).is_none(), "{key} present");
        assert!(json["settings"].get(key).is_none(), "settings.{key} present");
    }
}

fn plsweb() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_plsweb"))
}

/// The command line's flags: a replayed order file gives the same numbers
/// as the engine on those orders, and bad requests are refused in words.
#[test]
fn command_line_flags_reach_the_prediction() {
    let dir = common::reference_dir().join("corp_rep_simple");
    let c = common::load_case("corp_rep_simple");
    let n = c.data.n_rows();
    // two orders: the identity and the reverse, 1-based
    let orders: Vec<Vec<usize>> = vec![(0..n).collect(), (0..n).rev().collect()];
    let file = std::env::temp_dir().join(format!("plsweb-predict-order-{}.txt", std::process::id()));
    std::fs::write(&file, orders.iter().map(|o| o.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(" ") + "\n").collect::<String>()).unwrap();
    let out = plsweb()
        .args(["analyze", dir.join("data.csv").to_str().unwrap(), "--model", dir.join("model.json").to_str().unwrap(), "--missing-code", "-99"])
        .args(["--bootstrap", "0", "--blindfold", "0", "--predict", "4", "--predict-approach", "direct", "--predict-order", file.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut s = Settings { bootstrap: 0, blindfold_distance: 0, ..Settings::smartpls() };
    s.predict.folds = 4;
    s.predict.approach = Approach::Direct;
    let a = prepare(&c.data, &c.model, &s, &|_| {}).unwrap();
    let direct = predict(a.x(), &a.design, &predict_options(&a), &s.predict, Orders::Replay(&orders), 1, &|_| true).unwrap().unwrap();
    assert_eq!(v["predict"]["seed"], Value::Null);
    assert_eq!(v["predict"]["repetitions"], 2);
    assert_eq!(v["settings"]["predict"]["approach"], "direct");
    for f in &direct.figures.indicators {
        let item = &a.design.observed[f.item];
        same(item, &v["predict"]["indicators"][item]["rmse"], f.pls.rmse);
    }
    assert!(v.get("cvpat").is_none());
    std::fs::write(&file, orders.iter().map(|o| o.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(" ") + "\n").collect::<String>()).unwrap();
    let order_file = file.to_str().unwrap();
    let refusals: [(&[&str], &str); 9] = [
        (&["--predict", "1"], "at least 2 folds"),
        (&["--cvpat"], "turn PLSpredict on"),
        (&["--predict", "5", "--consistent"], "consistent PLS"),
        (&["--predict", "5", "--predict-repetitions", "0"], "at least 1 repetition"),
        (&["--predict-order", order_file], "--predict-order has no effect without --predict"),
        (&["--predict-repetitions", "3"], "--predict-repetitions has no effect without --predict"),
        (&["--predict-approach", "direct"], "--predict-approach has no effect without --predict"),
        (&["--predict", "4", "--predict-order", order_file, "--predict-repetitions", "3"], "has 2 row orders but 3 repetitions"),
        (&["--blindfold", "0", "--q2", "communality"], "--q2 has no effect without blindfolding"),
    ];
    for (args, words) in refusals {
        let out = plsweb()
            .args(["analyze", dir.join("data.csv").to_str().unwrap(), "--model", dir.join("model.json").to_str().unwrap(), "--missing-code", "-99", "--bootstrap", "0"])
            .args(args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{args:?}: {err}");
    }
    std::fs::remove_file(&file).ok();
}

/// The JSON of `plsweb analyze` on `csv` (written to a temporary file)
/// with `model` and `args`.
fn analyze_json(name: &str, csv: &str, model: &str, args: &[&str]) -> Value {
    let file = std::env::temp_dir().join(format!("plsweb-{name}-{}.csv", std::process::id()));
    std::fs::write(&file, csv).unwrap();
    let out = plsweb().args(["analyze", file.to_str().unwrap(), "--model", model, "--bootstrap", "0", "--format", "json"]).args(args).output().unwrap();
    std::fs::remove_file(&file).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn warning_codes(v: &Value) -> Vec<String> {
    v["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap().to_string()).collect()
}

/// Rows of three constructs (A → B → C, three items each) from a seeded
/// generator: `n` rows, items 1..7.
fn three_constructs(n: usize, seed: u64) -> String {
    let mut state = seed;
    let mut unif = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let mut normal = move || {
        let (u, v) = (unif(), unif());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    };
    let mut out = String::from("a1,a2,a3,b1,b2,b3,c1,c2,c3\n");
    for _ in 0..n {
        let a = normal();
        let b = 0.6 * a + 0.8 * normal();
        let c = 0.5 * b + 0.87 * normal();
        let row: Vec<String> = [a, a, a, b, b, b, c, c, c].iter().map(|f| ((4.0 + 1.2 * (0.85 * f + 0.5 * normal())).round().clamp(1.0, 7.0) as i64).to_string()).collect();
        out += &(row.join(",") + "\n");
    }
    out
}

const ABC: &str = "A =~ a1 + a2 + a3\nB =~ b1 + b2 + b3\nC =~ c1 + c2 + c3\nB ~ A\nC ~ B";

/// The LM benchmark cannot be fitted on collinear predictors (here a2 is a
/// copy of a1): its figures are null, the verdict is "not assessed" with a
/// warning, not "no predictive power", and CVPAT's LM rows have no degrees
/// of freedom.
#[test]
fn no_verdict_without_an_lm_benchmark() {
    let copied: String = three_constructs(60, 5)
        .lines()
        .map(|l| {
            let mut c: Vec<&str> = l.split(',').collect();
            c[1] = if c[0] == "a1" { "a2" } else { c[0] };
            c.join(",") + "\n"
        })
        .collect();
    let v = analyze_json("lm", &copied, ABC, &["--blindfold", "0", "--predict", "5", "--predict-repetitions", "2", "--cvpat"]);
    let p = &v["predict"];
    for item in ["b1", "c3"] {
        assert!(p["indicators"][item]["lm_rmse"].is_null(), "{}", p["indicators"][item]);
        assert!(p["indicators"][item]["rmse"].as_f64().is_some(), "{}", p["indicators"][item]);
    }
    assert_eq!(p["indicators_compared"], 0);
    assert_eq!(p["verdict"], "not_assessed");
    assert!(warning_codes(&v).contains(&"predict.lm_unavailable".to_string()), "{:?}", warning_codes(&v));
    for row in v["cvpat"].as_array().unwrap().iter().filter(|r| r["benchmark"] == "linear_model") {
        assert!(row["df"].is_null() && row["p"].is_null(), "{row}");
    }
    // with enough cases every indicator is compared and nothing is said
    let v = analyze_json("lm-ok", &three_constructs(120, 5), ABC, &["--blindfold", "0", "--predict", "5", "--predict-repetitions", "2"]);
    assert_eq!(v["predict"]["indicators_compared"], 6);
    assert_ne!(v["predict"]["verdict"], "not_assessed");
    assert!(!warning_codes(&v).contains(&"predict.lm_unavailable".to_string()));
}

/// Earliest antecedents with an interaction term built from an endogenous
/// construct warn that the term carries the holdout case's own answers;
/// direct antecedents and an interaction of exogenous constructs do not.
#[test]
fn earliest_antecedents_warn_of_an_endogenous_interaction() {
    let csv = three_constructs(100, 9);
    let endogenous = "A =~ a1 + a2 + a3\nB =~ b1 + b2 + b3\nC =~ c1 + c2 + c3\nB ~ A\nC ~ B + A + B*A";
    let exogenous = "A =~ a1 + a2 + a3\nB =~ b1 + b2 + b3\nC =~ c1 + c2 + c3\nC ~ B + A + B*A";
    let code = "predict.endogenous_interaction".to_string();
    let run = |model: &str, approach: &str| warning_codes(&analyze_json("int", &csv, model, &["--blindfold", "0", "--predict", "5", "--predict-repetitions", "1", "--predict-approach", approach]));
    assert!(run(endogenous, "earliest").contains(&code));
    assert!(!run(endogenous, "direct").contains(&code));
    assert!(!run(exogenous, "earliest").contains(&code));
}

/// Blindfolding says why a construct has no Q²: Mode B here.
#[test]
fn blindfolding_names_the_constructs_without_q2() {
    let csv = three_constructs(60, 3);
    let model = "A =~ a1 + a2 + a3\nB <~ b1 + b2 + b3\nC =~ c1 + c2 + c3\nB ~ A\nC ~ B";
    let v = analyze_json("bf", &csv, model, &["--blindfold", "7"]);
    assert!(v["q2"]["B"].is_null() && v["q2"]["C"].as_f64().is_some(), "{}", v["q2"]);
    let w = v["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "blindfold.missing").unwrap_or_else(|| panic!("{}", v["warnings"]));
    let text = w.to_string();
    assert!(text.contains("B") && text.contains("Mode B"), "{text}");
    let v = analyze_json("bf-ok", &csv, ABC, &["--blindfold", "7"]);
    assert!(!warning_codes(&v).contains(&"blindfold.missing".to_string()));
    assert!(!warning_codes(&v).contains(&"blindfold.distance_beyond_n".to_string()));
    // a distance beyond n = 60 is close to leave-one-out: said
    let v = analyze_json("bf-far", &csv, ABC, &["--blindfold", "61"]);
    assert!(warning_codes(&v).contains(&"blindfold.distance_beyond_n".to_string()), "{:?}", warning_codes(&v));
}

/// An indicator with a 0 among its values has no MAPE: the warning names
/// it, and only it.
#[test]
fn mape_without_zero_values_only() {
    let shifted: String = three_constructs(80, 7)
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut c: Vec<String> = l.split(',').map(String::from).collect();
            if i > 0 {
                // c1 on a scale from 0
                c[6] = (c[6].parse::<i64>().unwrap() - 1).to_string();
            }
            c.join(",") + "\n"
        })
        .collect();
    assert!(shifted.lines().skip(1).any(|l| l.split(',').nth(6) == Some("0")), "the test needs a 0 in c1");
    let v = analyze_json("mape", &shifted, ABC, &["--blindfold", "0", "--predict", "5", "--predict-repetitions", "1"]);
    assert!(v["predict"]["indicators"]["c1"]["mape"].is_null() && v["predict"]["indicators"]["c2"]["mape"].is_number());
    let w = v["warnings"].as_array().unwrap().iter().find(|w| w["code"] == "predict.mape_undefined").unwrap_or_else(|| panic!("{}", v["warnings"]));
    let text = w["message"].as_str().unwrap();
    assert!(text.contains("c1") && !text.contains("c2"), "{text}");
}
