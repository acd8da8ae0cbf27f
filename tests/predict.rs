//! PLSpredict against R seminr 2.5 (`seminr-2.5/` beside the checkout; each
//! test says that it skipped when the fixtures are not there): the M8
//! cross-validations replayed from their recorded fold orders, and M12's
//! prediction of new rows with a fitted model. seminr's settings at its own
//! stop rule (Σ|Δw| < 1e-7, at most 300 iterations).

mod common;
mod mobi;

use common::{tol, Checker};
use mobi::{expected, m1_text, m4_text, mobi, model, Mat, M2_TEXT};
use nalgebra::DMatrix;
use plsweb::engine::estimate::Design;
use plsweb::engine::predict::{predict, Approach, Fitted, Orders, PredictResult, PredictSettings};
use plsweb::engine::settings::{InteractionScaling, Moderation};
use plsweb::engine::estimate::{EstOptions, Purpose};
use plsweb::engine::Settings;
use plsweb::pipeline::{prepare, Analysis};
use serde_json::Value;

fn seminr_settings(moderation: Moderation) -> Settings {
    let mut s = Settings::seminr();
    s.tolerance = 1e-7;
    s.max_iterations = 300;
    s.bootstrap = 0;
    s.blindfold_distance = 0;
    s.interaction_scaling = InteractionScaling::Rescaled;
    s.moderation = moderation;
    s
}

fn analysis(text: &str, moderation: Moderation) -> Analysis {
    let ds = mobi();
    let m = model(text, &ds);
    prepare(&ds, &m, &seminr_settings(moderation), &|_| {}).unwrap()
}

fn node(d: &Design, name: &str) -> usize {
    (0..d.n_nodes()).find(|&j| d.node_name(j) == name).unwrap_or_else(|| panic!("no construct {name}"))
}

fn observed(d: &Design, name: &str) -> usize {
    d.observed.iter().position(|c| c == name).unwrap_or_else(|| panic!("no indicator {name}"))
}

fn f(x: f64) -> Value {
    Value::from(x)
}

/// Every cell of a rows × names fixture matrix against ours (`col(name)`
/// gives our column, rows are 1-based row numbers).
fn check_matrix(ck: &mut Checker, what: &str, m: &Mat, ours: &DMatrix<f64>, col: impl Fn(&str) -> usize) {
    for (r, c, e) in m.cells() {
        let i: usize = r.parse::<usize>().unwrap() - 1;
        ck.num(what, &format!("{c}[{r}]"), &f(e), &f(ours[(i, col(&c))]), tol::PREDICT);
    }
}

fn run_m8(name: &str, text: &str, moderation: Moderation, approach: Approach) {
    let exp = expected(name);
    let a = analysis(text, moderation);
    let d = &a.design;
    let orders: Vec<Vec<usize>> = exp["shuffleOrder"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize - 1).collect())
        .collect();
    let folds = exp["settings"]["noFolds"].as_u64().unwrap() as usize;
    let settings = PredictSettings { folds, approach, ..PredictSettings::seminr() };
    let res = predict(a.x(), d, &EstOptions::new(&a.settings, Purpose::Full), &settings, Orders::Replay(&orders), 1, &|_| true).unwrap().unwrap();
    assert!(res.failures.is_empty(), "{:?}", res.failures);
    let mut ck = Checker::new();
    check_m8(&mut ck, &exp, d, &res);
    eprintln!("{name}: {} training folds hit the iteration limit", res.not_converged);
    ck.finish(name);
}

fn check_m8(ck: &mut Checker, exp: &Value, d: &Design, res: &PredictResult) {
    let item_col = |c: &str| res.items.iter().position(|&b| d.observed[b] == c).unwrap_or_else(|| panic!("{c} is not endogenous"));
    let node_col = |c: &str| node(d, c);
    check_matrix(ck, "composites_oos", &Mat::new(&exp["compositesOutOfSample"]), &res.out_of_sample.scores, node_col);
    check_matrix(ck, "composites_is", &Mat::new(&exp["compositesInSample"]), &res.in_sample.scores, node_col);
    check_matrix(ck, "items_oos", &Mat::new(&exp["itemsOutOfSample"]), &res.out_of_sample.pls, item_col);
    check_matrix(ck, "items_is", &Mat::new(&exp["itemsInSample"]), &res.in_sample.pls, item_col);
    check_matrix(ck, "lm_oos", &Mat::new(&exp["lmOutOfSample"]), &res.out_of_sample.lm, item_col);
    check_matrix(ck, "lm_is", &Mat::new(&exp["lmInSample"]), &res.in_sample.lm, item_col);
    for (key, what, figs, lm) in [
        ("plsMetricsOutOfSample", "pls_metrics_oos", &res.figures, false),
        ("plsMetricsInSample", "pls_metrics_is", &res.figures_in_sample, false),
        ("lmMetricsOutOfSample", "lm_metrics_oos", &res.figures, true),
        ("lmMetricsInSample", "lm_metrics_is", &res.figures_in_sample, true),
    ] {
        let m = Mat::new(&exp[key]);
        for (stat, item, e) in m.cells() {
            let fig = figs.indicators.iter().find(|x| d.observed[x.item] == item).unwrap();
            let errs = if lm { fig.lm } else { fig.pls };
            let v = if stat == "RMSE" { errs.rmse } else { errs.mae };
            ck.num(what, &format!("{stat} {item}"), &f(e), &f(v), tol::PREDICT);
        }
    }
    let m = Mat::new(&exp["constructError"]);
    for c in &m.cols {
        let j = node(d, c);
        let is = res.figures_in_sample.constructs.iter().find(|x| x.node == j).unwrap();
        let oos = res.figures.constructs.iter().find(|x| x.node == j).unwrap();
        let (is_mse, oos_mse) = (is.rmse * is.rmse, oos.rmse * oos.rmse);
        for (stat, v) in [("IS_MSE", is_mse), ("IS_MAE", is.mae), ("OOS_MSE", oos_mse), ("OOS_MAE", oos.mae), ("overfit", (oos_mse - is_mse) / is_mse)] {
            ck.num("construct_error", &format!("{stat} {c}"), &f(m.get(stat, c).unwrap()), &f(v), tol::PREDICT);
        }
    }
}

#[test]
fn m8_predict_m1_da() {
    if !mobi::present("m8_predict_m1_da") {
        return;
    }
    run_m8("M8_predict_m1_da", &m1_text(), Moderation::ProductIndicator, Approach::Direct);
}

#[test]
fn m8_predict_m2_da() {
    if !mobi::present("m8_predict_m2_da") {
        return;
    }
    run_m8("M8_predict_m2_da", M2_TEXT, Moderation::ProductIndicator, Approach::Direct);
}

#[test]
fn m8_predict_m2_ea() {
    if !mobi::present("m8_predict_m2_ea") {
        return;
    }
    run_m8("M8_predict_m2_ea", M2_TEXT, Moderation::ProductIndicator, Approach::Earliest);
}

#[test]
fn m8_predict_m4pi_da() {
    if !mobi::present("m8_predict_m4pi_da") {
        return;
    }
    run_m8("M8_predict_m4pi_da", &m4_text(), Moderation::ProductIndicator, Approach::Direct);
}

#[test]
fn m8_predict_m4ortho_da() {
    if !mobi::present("m8_predict_m4ortho_da") {
        return;
    }
    run_m8("M8_predict_m4ortho_da", &m4_text(), Moderation::Orthogonal, Approach::Direct);
}

#[test]
fn m8_predict_m4ts_da() {
    if !mobi::present("m8_predict_m4ts_da") {
        return;
    }
    run_m8("M8_predict_m4ts_da", &m4_text(), Moderation::TwoStage, Approach::Direct);
}

/// M12: the model fitted on all 250 rows predicts rows 1–20. seminr's
/// `actualStar` is the fitted model's scores of those rows (its
/// interaction's scores rescaled), `compositeResiduals` = actualStar −
/// predicted.
fn run_m12(key: &str, text: &str, moderation: Moderation, approach: Approach, ck: &mut Checker) {
    let exp = &expected("M12_direct_predict")[key];
    let a = analysis(text, moderation);
    let d = &a.design;
    let fitted = Fitted::new(a.x(), d, &EstOptions::new(&a.settings, Purpose::Full)).unwrap();
    let rows = exp["settings"]["testRows"].as_u64().unwrap_or(20) as usize;
    let x_new = a.x().rows(0, rows).into_owned();
    let p = fitted.predict(d, &x_new, approach).unwrap();
    let obs_col = |c: &str| observed(d, c);
    check_matrix(ck, &format!("{key}.predicted_items"), &Mat::new(&exp["predictedItems"]), &p.items, obs_col);
    let residuals = &x_new - &p.items;
    check_matrix(ck, &format!("{key}.item_residuals"), &Mat::new(&exp["itemResiduals"]), &residuals, obs_col);
    let node_col = |c: &str| node(d, c);
    check_matrix(ck, &format!("{key}.predicted_scores"), &Mat::new(&exp["predictedCompositeScores"]), &p.scores, node_col);
    let mut actual = a.scores().rows(0, rows).into_owned();
    for j in 0..d.n_nodes() {
        actual.column_mut(j).scale_mut(a.full.adjust[j]);
    }
    check_matrix(ck, &format!("{key}.actual_star"), &Mat::new(&exp["actualStar"]), &actual, node_col);
    check_matrix(ck, &format!("{key}.composite_residuals"), &Mat::new(&exp["compositeResiduals"]), &(actual - &p.scores), node_col);
}

#[test]
fn m12_direct_predict() {
    if !mobi::present("m12_direct_predict") {
        return;
    }
    let mut ck = Checker::new();
    run_m12("m2Da", M2_TEXT, Moderation::ProductIndicator, Approach::Direct, &mut ck);
    run_m12("m2Ea", M2_TEXT, Moderation::ProductIndicator, Approach::Earliest, &mut ck);
    run_m12("m4piDa", &m4_text(), Moderation::ProductIndicator, Approach::Direct, &mut ck);
    run_m12("m4orthoDa", &m4_text(), Moderation::Orthogonal, Approach::Direct, &mut ck);
    run_m12("m4tsDa", &m4_text(), Moderation::TwoStage, Approach::Direct, &mut ck);
    ck.finish("M12_direct_predict");
}
