//! Higher-order constructs against R seminr 2.5 (`seminr-2.5/` beside the
//! checkout; each test says that it skipped when the fixtures are absent):
//! M5_hoc_two_stage (both stages), M5b_hoc_two_stage_interaction (a HOC next
//! to a two-stage interaction) and M7_evaluation_m5 (the evaluation suite on
//! M5). seminr's `two_stage` HOC is the disjoint two-stage approach, the
//! `seminr` preset's; the fixtures were made at seminr's stop rule
//! (Σ|Δw| < 1e-7, at most 300 iterations).
//!
//! Not compared: the first stage's scores of constructs other than the
//! dimensions (the result keeps only the dimensions' stage-1 scores, as
//! their HOC's indicators), itCriteria (AIC/BIC, not implemented) and the
//! descriptives' item statistics (not reported).

mod common;
mod mobi;

use common::{tol, Checker};
use mobi::{check_cross_loadings_and_vifs, check_effects, check_outer, expected, mobi, model, seminr_settings, Mat};
use plsweb::engine::settings::HocMethod;
use plsweb::engine::Settings;
use plsweb::pipeline::{prepare, Analysis};
use serde_json::Value;

const M5_TEXT: &str = "
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value =~ PERV1 + PERV2
Satisfaction =~ Image + Value
Complaints =~ CUSCO
Loyalty =~ CUSL1 + CUSL2 + CUSL3
Satisfaction ~ Expectation + Quality
Complaints ~ Satisfaction
Loyalty ~ Satisfaction
";

const M5B_TEXT: &str = "
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5
Loyalty =~ CUSL1 + CUSL2 + CUSL3
Value =~ PERV1 + PERV2
Nick =~ Quality + Loyalty
Satisfaction =~ CUSA1 + CUSA2 + CUSA3
Satisfaction ~ Image + Expectation + Value + Nick + Image*Expectation
";

fn settings() -> Settings {
    let s = seminr_settings();
    assert_eq!(s.hoc_method(), HocMethod::TwoStageDisjoint, "the seminr preset's HOC method");
    s
}

fn run(text: &str, s: &Settings) -> (Analysis, Value) {
    let ds = mobi();
    let m = model(text, &ds);
    let a = prepare(&ds, &m, s, &|_| {}).unwrap();
    assert!(a.point.converged, "did not converge");
    let got = serde_json::to_value(&a.point).unwrap();
    (a, got)
}

fn f(x: f64) -> Value {
    Value::from(x)
}

fn node(a: &Analysis, name: &str) -> usize {
    (0..a.design.n_nodes()).find(|&j| a.design.node_name(j) == name).unwrap_or_else(|| panic!("no construct {name}"))
}

fn check_r2(ck: &mut Checker, what: &str, m: &Mat, got: &Value) {
    for c in &m.cols {
        ck.num(what, c, &f(m.get("Rsq", c).unwrap()), &got[c]["r2"], tol::POINT);
        ck.num(what, &format!("{c} adjusted"), &f(m.get("AdjRsq", c).unwrap()), &got[c]["r2_adj"], tol::POINT);
    }
}

/// Scores of the fixture's constructs (first five rows, mean |score|);
/// seminr keeps an interaction's scores times its rescaling factor.
fn check_scores(ck: &mut Checker, what: &str, head: &Value, absmean: Option<&Value>, a: &Analysis, only: Option<&[&str]>) {
    let y = a.scores();
    let head = Mat::new(head);
    for name in &head.cols {
        if only.is_some_and(|o| !o.contains(&name.as_str())) {
            continue;
        }
        let j = node(a, name);
        let adj = a.full.adjust[j];
        for i in 0..5 {
            let e = head.get(&format!("{}", i + 1), name).unwrap();
            ck.num(what, &format!("{name}[{i}]"), &f(e), &f(y[(i, j)] * adj), tol::POINT);
        }
        if let Some(m) = absmean {
            let v = y.column(j).iter().map(|v| (v * adj).abs()).sum::<f64>() / y.nrows() as f64;
            ck.num(&format!("{what}_abs_mean"), name, &m[name], &f(v), tol::POINT);
        }
    }
}

/// Both stages of a two-stage HOC fixture.
fn check_two_stage(name: &str, text: &str, s: &Settings) {
    let exp = expected(name);
    let (a, got) = run(text, s);
    let mut ck = Checker::new();
    check_effects(&mut ck, "paths", &Mat::new(&exp["pathCoef"]), &got["path_coefficients"], "estimate");
    // the dimensions' rows are their stage-1 loadings and weights
    check_outer(&mut ck, "loadings", &Mat::new(&exp["outerLoadings"]), &got["outer_loadings"]);
    check_outer(&mut ck, "weights", &Mat::new(&exp["outerWeights"]), &got["outer_weights"]);
    check_r2(&mut ck, "r_squared", &Mat::new(&exp["rSquared"]), &got["r_squared"]);
    check_scores(&mut ck, "scores_head", &exp["constructScoresHead"], Some(&exp["constructScoresAbsMean"]), &a, None);
    assert_eq!(got["settings"]["hoc"], "two_stage_disjoint");
    if let Some(first) = exp.get("firstStage") {
        let ours = &got["hoc"]["first_stage"];
        assert!(ours.is_object(), "{name}: no first stage in the result");
        check_effects(&mut ck, "first_stage.paths", &Mat::new(&first["pathCoef"]), &ours["path_coefficients"], "estimate");
        check_outer(&mut ck, "first_stage.weights", &Mat::new(&first["outerWeights"]), &ours["outer_weights"]);
        // the dimensions' stage-1 scores are their scores in the result
        let dims: Vec<&str> = got["hoc"]["constructs"][0]["dimensions"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        check_scores(&mut ck, "first_stage.scores_head", &first["constructScoresHead"], None, &a, Some(&dims));
        eprintln!("{name}: first-stage iterations: seminr {} / plsweb {}", first["iterations"], ours["iterations"]);
    }
    eprintln!("{name}: iterations: seminr {} / plsweb {}", exp["iterations"], got["iterations"]);
    ck.finish(name);
}

#[test]
fn m5_hoc_two_stage() {
    if !mobi::present("m5_hoc_two_stage") {
        return;
    }
    check_two_stage("M5_hoc_two_stage", M5_TEXT, &settings());
}

#[test]
fn m5b_hoc_two_stage_interaction() {
    if !mobi::present("m5b_hoc_two_stage_interaction") {
        return;
    }
    // seminr's interaction_2stage, rescaled as seminr does
    let s = Settings { moderation: plsweb::engine::settings::Moderation::TwoStage, ..settings() };
    check_two_stage("M5b_hoc_two_stage_interaction", M5B_TEXT, &s);
}

#[test]
fn m7_evaluation_m5() {
    if !mobi::present("m7_evaluation_m5") {
        return;
    }
    let name = "M7_evaluation_m5";
    let exp = expected(name);
    let (_, got) = run(M5_TEXT, &settings());
    let mut ck = Checker::new();
    // the HOC's reliability comes from its dimensions' scores, the
    // dimensions' from their items
    let rel = Mat::new(&exp["reliability"]);
    for c in &rel.rows {
        for (col, field) in [("alpha", "alpha"), ("rhoA", "rho_a"), ("rhoC", "rho_c"), ("AVE", "ave")] {
            ck.num(&format!("reliability.{col}"), c, &f(rel.get(c, col).unwrap()), &got["reliability"][c][field], tol::POINT);
        }
    }
    for (a, b, e) in Mat::new(&exp["htmt"]).cells() {
        let o = if got["htmt"][&a][&b].is_null() { &got["htmt"][&b][&a] } else { &got["htmt"][&a][&b] };
        ck.num("htmt", &format!("{a}/{b}"), &f(e), o, tol::POINT);
    }
    for (a, b, e) in Mat::new(&exp["flCriteria"]).cells() {
        let o = if got["fornell_larcker"][&a][&b].is_null() { &got["fornell_larcker"][&b][&a] } else { &got["fornell_larcker"][&a][&b] };
        ck.num("fornell_larcker", &format!("{a}/{b}"), &f(e), o, tol::POINT);
    }
    check_cross_loadings_and_vifs(&mut ck, &exp, &got);
    // f²: each path re-estimated without it, both stages
    let fsq = Mat::new(&exp["fSquare"]);
    for (from, to, e) in fsq.cells() {
        let hit = got["path_coefficients"].as_array().unwrap().iter().find(|r| r["from"] == from.as_str() && r["to"] == to.as_str());
        match hit {
            Some(r) => ck.num("f_squared", &format!("{from} -> {to}"), &f(e), &r["f2"], tol::POINT),
            None => assert_eq!(e, 0.0, "f² {from} -> {to}"),
        }
    }
    check_effects(&mut ck, "total_effects", &Mat::new(&exp["totalEffects"]), &got["total_effects"], "estimate");
    check_effects(&mut ck, "total_indirect", &Mat::new(&exp["totalIndirectEffects"]), &got["indirect_effects"], "estimate");
    for (a, b, e) in Mat::new(&exp["descriptives"]["constructCorrelations"]).cells() {
        ck.num("construct_correlations", &format!("{a}/{b}"), &f(e), &got["construct_correlations"][&a][&b], tol::POINT);
    }
    ck.finish(name);
}

// ------------------------------------------------------------------
// Self-contained checks on the ECSI data of tests/reference/ecsi_basic:
// each stage equals the ordinary model it stands for.

use plsweb::data::Dataset;
use plsweb::engine::bootstrap::Resamples;
use plsweb::engine::estimate::{estimate, EstOptions, Purpose};

fn ecsi() -> Dataset {
    common::load_case("ecsi_basic").data
}

fn with(hoc: HocMethod) -> Settings {
    let mut s = Settings::smartpls();
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.hoc = Some(hoc);
    s
}

fn analyse(ds: &Dataset, text: &str, s: &Settings) -> (Analysis, Value) {
    let a = prepare(ds, &model(text, ds), s, &|_| {}).unwrap();
    let v = serde_json::to_value(&a.point).unwrap();
    (a, v)
}

fn path_of(list: &Value, from: &str, to: &str) -> f64 {
    list.as_array()
        .unwrap()
        .iter()
        .find(|r| r["from"] == from && r["to"] == to)
        .unwrap_or_else(|| panic!("no path {from} -> {to}"))["estimate"]
        .as_f64()
        .unwrap()
}

const MEASURES: &str = "
Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
Expectation =~ CUEX1 + CUEX2 + CUEX3
Quality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7
Value =~ PERV1 + PERV2
Complaints =~ CUSCO
Loyalty =~ CUSL1 + CUSL2 + CUSL3
";

/// Disjoint: stage 1 is the model with Image and Value in Satisfaction's
/// place; stage 2 the model with Satisfaction measured by their scores.
#[test]
fn disjoint_stages_are_the_models_they_stand_for() {
    let ds = ecsi();
    let (a, got) = analyse(&ds, M5_TEXT, &with(HocMethod::TwoStageDisjoint));
    let first = &got["hoc"]["first_stage"];
    let stage1 = format!("{MEASURES}Image ~ Expectation + Quality\nValue ~ Expectation + Quality\nComplaints ~ Image + Value\nLoyalty ~ Image + Value\n");
    let (b, explicit) = analyse(&ds, &stage1, &with(HocMethod::TwoStageDisjoint));
    let mut ck = Checker::new();
    for r in explicit["path_coefficients"].as_array().unwrap() {
        let (from, to) = (r["from"].as_str().unwrap(), r["to"].as_str().unwrap());
        ck.num("stage1.paths", &format!("{from} -> {to}"), &r["estimate"], &f(path_of(&first["path_coefficients"], from, to)), tol::SAME_RESAMPLE);
    }
    assert_eq!(first["path_coefficients"].as_array().unwrap().len(), 8);
    for c in ["Image", "Expectation", "Value", "Loyalty"] {
        for (item, w) in explicit["outer_weights"][c].as_object().unwrap() {
            ck.num("stage1.weights", &format!("{c}/{item}"), w, &first["outer_weights"][c][item], tol::SAME_RESAMPLE);
            ck.num("stage1.loadings", &format!("{c}/{item}"), &explicit["outer_loadings"][c][item], &first["outer_loadings"][c][item], tol::SAME_RESAMPLE);
        }
    }
    // the dimensions keep their stage-1 weights in the result
    for c in ["Image", "Value"] {
        for (item, w) in explicit["outer_weights"][c].as_object().unwrap() {
            ck.num("dimension.weights", &format!("{c}/{item}"), w, &got["outer_weights"][c][item], tol::SAME_RESAMPLE);
        }
    }
    // stage 2: the dimensions' scores as Satisfaction's indicators
    let y = b.scores();
    let mut ds2 = ds.clone();
    for (c, col) in [("Image", "ImageScore"), ("Value", "ValueScore")] {
        let j = (0..b.design.n_nodes()).find(|&j| b.design.node_name(j) == c).unwrap();
        ds2.names.push(col.into());
        ds2.columns.push(y.column(j).iter().copied().collect());
    }
    let stage2 = "Expectation =~ CUEX1 + CUEX2 + CUEX3\nQuality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\nSatisfaction =~ ImageScore + ValueScore\nComplaints =~ CUSCO\nLoyalty =~ CUSL1 + CUSL2 + CUSL3\nSatisfaction ~ Expectation + Quality\nComplaints ~ Satisfaction\nLoyalty ~ Satisfaction\n";
    let (_, two) = analyse(&ds2, stage2, &with(HocMethod::TwoStageDisjoint));
    for r in two["path_coefficients"].as_array().unwrap() {
        let (from, to) = (r["from"].as_str().unwrap(), r["to"].as_str().unwrap());
        ck.num("stage2.paths", &format!("{from} -> {to}"), &r["estimate"], &f(path_of(&got["path_coefficients"], from, to)), tol::SAME_RESAMPLE);
    }
    for (item, ours) in [("ImageScore", "Image"), ("ValueScore", "Value")] {
        ck.num("stage2.weights", item, &two["outer_weights"]["Satisfaction"][item], &got["outer_weights"]["Satisfaction"][ours], tol::SAME_RESAMPLE);
        ck.num("stage2.loadings", item, &two["outer_loadings"]["Satisfaction"][item], &got["outer_loadings"]["Satisfaction"][ours], tol::SAME_RESAMPLE);
    }
    for key in ["alpha", "rho_a", "rho_c", "ave"] {
        ck.num("stage2.reliability", key, &two["reliability"]["Satisfaction"][key], &got["reliability"]["Satisfaction"][key], tol::SAME_RESAMPLE);
    }
    ck.num("stage2.r2", "Loyalty", &two["r_squared"]["Loyalty"]["r2"], &got["r_squared"]["Loyalty"]["r2"], tol::SAME_RESAMPLE);
    assert_eq!(a.point.iterations, serde_json::from_value::<usize>(two["iterations"].clone()).unwrap());
    ck.finish("disjoint stages");
}

/// Embedded: stage 1 is the repeated-indicators model, whose dimension
/// scores measure the HOC in stage 2.
#[test]
fn embedded_first_stage_is_the_repeated_indicators_model() {
    let ds = ecsi();
    let (_, emb) = analyse(&ds, M5_TEXT, &with(HocMethod::TwoStageEmbedded));
    let (_, rep) = analyse(&ds, M5_TEXT, &with(HocMethod::Repeated));
    assert!(rep["hoc"]["first_stage"].is_null());
    assert_eq!(rep["settings"]["hoc"], "repeated");
    assert_eq!(emb["settings"]["hoc"], "two_stage_embedded");
    let first = &emb["hoc"]["first_stage"];
    let mut ck = Checker::new();
    // the repeated model has the paths Satisfaction → Image, Value
    assert_eq!(rep["path_coefficients"].as_array().unwrap().len(), 6);
    for r in rep["path_coefficients"].as_array().unwrap() {
        let (from, to) = (r["from"].as_str().unwrap(), r["to"].as_str().unwrap());
        ck.num("paths", &format!("{from} -> {to}"), &r["estimate"], &f(path_of(&first["path_coefficients"], from, to)), tol::SAME_RESAMPLE);
    }
    // Satisfaction's repeated block: all of Image's and Value's items
    let items: Vec<&String> = rep["outer_weights"]["Satisfaction"].as_object().unwrap().keys().collect();
    assert_eq!(items.len(), 7, "{items:?}");
    for (item, w) in rep["outer_weights"]["Satisfaction"].as_object().unwrap() {
        ck.num("repeated.weights", item, w, &first["outer_weights"]["Satisfaction"][item], tol::SAME_RESAMPLE);
    }
    for c in ["Image", "Value"] {
        for (item, w) in rep["outer_weights"][c].as_object().unwrap() {
            ck.num("dimension.weights", &format!("{c}/{item}"), w, &emb["outer_weights"][c][item], tol::SAME_RESAMPLE);
        }
    }
    // the embedded HOC is measured by two scores, not seven items
    assert_eq!(emb["outer_weights"]["Satisfaction"].as_object().unwrap().len(), 2);
    ck.finish("embedded stages");
}

/// Every resample repeats both stages: by counts (the bootstrap's way)
/// equals the resample written out and estimated from scratch, and any
/// number of threads gives the same draws.
#[test]
fn bootstrap_repeats_both_stages() {
    let ds = ecsi();
    use plsweb::engine::settings::Moderation;
    // a HOC in an interaction: products of its stage-2 scores, or of its
    // indicators (the dimensions' stage-1 scores)
    let hoc_x = format!("{MEASURES}Satisfaction =~ Image + Value\nSatisfaction ~ Expectation + Quality\nLoyalty ~ Satisfaction + Quality + Satisfaction*Quality\nComplaints ~ Satisfaction\n");
    for (hoc, text, moderation) in [
        (HocMethod::TwoStageEmbedded, M5_TEXT, Moderation::TwoStage),
        (HocMethod::TwoStageDisjoint, M5_TEXT, Moderation::TwoStage),
        (HocMethod::TwoStageDisjoint, M5B_TEXT, Moderation::TwoStage),
        (HocMethod::TwoStageEmbedded, hoc_x.as_str(), Moderation::TwoStage),
        (HocMethod::TwoStageEmbedded, hoc_x.as_str(), Moderation::ProductIndicator),
        (HocMethod::Repeated, hoc_x.as_str(), Moderation::TwoStage),
    ] {
        let (a, _) = analyse(&ds, text, &Settings { moderation, ..with(hoc) });
        let n = a.x().nrows();
        let indices: Vec<Vec<usize>> = (0..12).map(|b| (0..n).map(|i| (i * 7 + b * 13 + i * i * b) % n).collect()).collect();
        let one = a.draws(Resamples::Replay { indices: &indices, start: 0 }, 1, &|_| true).unwrap();
        let two = a.draws(Resamples::Replay { indices: &indices, start: 0 }, 2, &|_| true).unwrap();
        assert_eq!(one.values, two.values, "{hoc:?}: threads changed the draws");
        let opts = EstOptions::new(&a.settings, Purpose::Resample { start: Some(&a.full.weights) });
        for (idx, got) in indices.iter().zip(&one.values) {
            let xb = nalgebra::DMatrix::from_fn(n, a.x().ncols(), |i, j| a.x()[(idx[i], j)]);
            let est = estimate(&xb, &a.design, &opts).unwrap();
            let want = a.catalog.extract(&a.design, &est, a.settings.htmt_absolute);
            let got = got.as_ref().unwrap();
            assert_eq!(got.len(), want.len());
            let worst = got.iter().zip(&want).map(|(g, w)| (g - w).abs()).fold(0.0f64, f64::max);
            assert!(worst < tol::SAME_RESAMPLE, "{hoc:?}: by counts vs written out differ by {worst:e}");
        }
        // the resamples' paths vary: the bootstrap sees both stages move
        let p0: Vec<f64> = one.values.iter().map(|v| v.as_ref().unwrap()[0]).collect();
        assert!(p0.iter().any(|v| (v - p0[0]).abs() > 1e-6), "{hoc:?}: resamples all alike");
    }
}

/// The repeated indicators with an endogenous Mode B HOC warn; the
/// two-stage approaches do not.
#[test]
fn repeated_mode_b_endogenous_hoc_warns() {
    let ds = ecsi();
    let text = M5_TEXT.replace("Satisfaction =~ Image + Value", "Satisfaction <~ Image + Value");
    let (_, rep) = analyse(&ds, &text, &with(HocMethod::Repeated));
    let codes: Vec<&str> = rep["warnings"].as_array().unwrap().iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"estimate.hoc_repeated_mode_b"), "{codes:?}");
    // Mode B: the dimensions point to the HOC
    path_of(&rep["path_coefficients"], "Image", "Satisfaction");
    let (_, emb) = analyse(&ds, &text, &with(HocMethod::TwoStageEmbedded));
    assert!(emb["warnings"].as_array().unwrap().iter().all(|w| w["code"] != "estimate.hoc_repeated_mode_b"));
}

/// The command line: `--hoc`, the JSON's `hoc` section and `settings.hoc`,
/// the first-stage table and the methods sentence in the text output, a
/// bootstrap of every path.
#[test]
fn command_line_hoc_option() {
    let data = common::reference_dir().join("ecsi_basic/data.csv");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_plsweb"))
            .arg("analyze")
            .arg(&data)
            .args(["--model", M5_TEXT, "--bootstrap", "40", "--threads", "1"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run(&["--hoc", "two-stage-disjoint", "--format", "json"])).unwrap();
    assert_eq!(json["settings"]["hoc"], "two_stage_disjoint");
    assert_eq!(json["hoc"]["method"], "two_stage_disjoint");
    assert_eq!(json["hoc"]["constructs"][0]["dimensions"], serde_json::json!(["Image", "Value"]));
    for r in json["path_coefficients"].as_array().unwrap() {
        assert!(r["se"].as_f64().is_some_and(|se| se > 0.0), "no bootstrap SE for {r}");
    }
    // blindfolding: Q² of the constructs measured by items, none for the HOC
    assert!(json["q2"]["Loyalty"].as_f64().is_some_and(|q| q > 0.0), "{}", json["q2"]);
    assert!(json["q2"]["Satisfaction"].is_null(), "{}", json["q2"]);
    // the HOC's own bootstrap rows: its weights on the dimensions
    assert!(json["bootstrap"]["outer_weights"]["Satisfaction"]["Image"].is_object(), "{}", json["bootstrap"]["outer_weights"]);
    let text = run(&["--hoc", "repeated", "--lang", "id"]);
    assert!(!text.contains("tahap pertama"), "no first stage by repeated indicators");
    let text = run(&[]);
    assert!(text.contains("Higher-order constructs: first stage"), "{text}");
    assert!(text.contains("Satisfaction → Image"), "the repeated-indicators first stage links the HOC to its dimensions");
}

/// PLSpredict refuses higher-order constructs by every method: with
/// repeated indicators a dimension's items are also its HOC's, so a holdout
/// case's HOC score (a reflective HOC is its dimensions' direct antecedent)
/// would be built from the answers it is to predict.
#[test]
fn predict_refuses_higher_order_constructs() {
    let data = common::reference_dir().join("ecsi_basic/data.csv");
    for hoc in ["repeated", "two-stage-embedded", "two-stage-disjoint"] {
        for approach in ["earliest", "direct"] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_plsweb"))
                .arg("analyze")
                .arg(&data)
                .args(["--model", M5_TEXT, "--bootstrap", "0", "--predict", "5", "--predict-repetitions", "1"])
                .args(["--hoc", hoc, "--predict-approach", approach])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{hoc}/{approach}: PLSpredict ran: {}", String::from_utf8_lossy(&out.stdout));
            assert!(err.contains("higher-order constructs"), "{hoc}/{approach}: {err}");
        }
    }
}

/// A multigroup analysis and the IPMA need the constructs' indicators as
/// columns of the data: with HOCs estimated in two stages they are refused
/// in words (they panicked); by repeated indicators both run.
#[test]
fn groups_and_ipma_refuse_two_stage_higher_order_constructs() {
    let data = common::reference_dir().join("ecsi_basic/data.csv");
    let run = |hoc: &str, extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plsweb"))
            .arg("analyze")
            .arg(&data)
            .args(["--model", M5_TEXT, "--bootstrap", "20", "--blindfold", "0", "--threads", "1", "--hoc", hoc])
            .args(extra)
            .output()
            .unwrap()
    };
    let studies: [&[&str]; 2] = [&["--groups", "CUEX1<8", "--permutations", "20", "--micom"], &["--ipma", "Loyalty"]];
    for study in studies {
        for hoc in ["two-stage-embedded", "two-stage-disjoint"] {
            let out = run(hoc, study);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{hoc} {study:?}: {err}");
            assert!(err.contains("higher-order constructs estimated in two stages") && err.contains("--hoc repeated"), "{hoc} {study:?}: {err}");
        }
        let out = run("repeated", study);
        assert!(out.status.success(), "repeated {study:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
