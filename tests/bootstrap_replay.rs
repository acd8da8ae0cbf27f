//! Replaying R seminr's recorded resamples (boot_indices_R.csv.gz) must
//! reproduce its bootstrap tables: mean, SD, t and percentile CI of every
//! path, weight, loading, HTMT and total effect.

mod common;
use common::{boot_indices, item_name, load_case, tol, Checker};
use plsweb::engine::bootstrap::Resamples;
use plsweb::engine::result::AnalysisResult;
use plsweb::engine::settings::{InteractionScaling, Moderation};
use plsweb::engine::Settings;
use plsweb::pipeline::prepare;
use serde_json::Value;

fn replay(name: &str) -> (AnalysisResult, Value) {
    let case = load_case(name);
    let mut s = Settings::seminr();
    s.bootstrap = 5000;
    s.blindfold_distance = 0;
    s.interaction_scaling = InteractionScaling::Rescaled;
    if let Some(m) = case.model_json["interactions"].get(0).and_then(|i| i["method"].as_str()) {
        s.moderation = match m {
            "two_stage" => Moderation::TwoStage,
            "product_indicator" => Moderation::ProductIndicator,
            _ => Moderation::Orthogonal,
        };
    }
    let a = prepare(&case.data, &case.model, &s, &|_| {}).unwrap();
    let idx = boot_indices(name);
    assert_eq!(idx.len(), 5000);
    let draws = a.draws(Resamples::Replay { indices: &idx, start: 0 }, 0usize.max(2), &|_| true).unwrap();
    let res = a.finish(&[draws]);
    (res, case.expected["bootstrap"]["runs"]["seminr_R"].clone())
}

fn stat(ck: &mut Checker, what: &str, key: &str, exp: &Value, inf: &Value) {
    for (e, o) in [("mean", "mean"), ("sd", "se"), ("t", "t"), ("ci_2.5", "ci_lower"), ("ci_97.5", "ci_upper")] {
        // An orthogonalized interaction is uncorrelated with its components
        // by construction: the original HTMT is 0 up to rounding (~1e-17),
        // so t = 0 / SD is rounding noise in both programs.
        if e == "t" && exp["original"].as_f64().is_some_and(|x| x.abs() < 1e-12) {
            assert!(inf["estimate"].as_f64().unwrap().abs() < 1e-12);
            continue;
        }
        ck.num(&format!("{what}.{e}"), key, &exp[e], &inf[o], tol::REPLAY);
    }
}

fn check(name: &str) {
    let (res, r) = replay(name);
    let got = serde_json::to_value(&res).unwrap();
    let boot = &got["bootstrap"];
    assert_eq!(boot["failed"], 0, "{name}: failures {}", boot["failures"]);
    assert_eq!(r["nboot_ok"].as_u64().unwrap(), boot["succeeded"].as_u64().unwrap());
    let mut ck = Checker::new();
    let rows = |list: &Value, key: &str| -> Value {
        let (f, t) = key.split_once(" -> ").unwrap();
        list.as_array().unwrap().iter().find(|x| x["from"] == f && x["to"] == t).cloned().unwrap_or(Value::Null)
    };
    for (k, e) in r["paths"].as_object().unwrap() {
        stat(&mut ck, "paths", k, e, &rows(&got["path_coefficients"], k));
    }
    for (k, e) in r["total_effects"].as_object().unwrap() {
        stat(&mut ck, "total_effects", k, e, &rows(&got["total_effects"], k));
    }
    for (q, ours) in [("weights", "outer_weights"), ("loadings", "outer_loadings")] {
        for (k, e) in r[q].as_object().unwrap() {
            let (item, c) = k.split_once(" -> ").unwrap();
            stat(&mut ck, q, k, e, &boot[ours][c][item_name(item)]);
        }
    }
    for (k, e) in r["htmt"].as_object().unwrap() {
        let (a, b) = k.split_once(" -> ").unwrap();
        let inf = if boot["htmt"][a][b].is_null() { &boot["htmt"][b][a] } else { &boot["htmt"][a][b] };
        stat(&mut ck, "htmt", k, e, inf);
    }
    ck.finish(name);
}

#[test]
fn replay_synthetic_crm_sc_bp() {
    check("synthetic_crm_sc_bp");
}
#[test]
fn replay_ecsi_basic() {
    check("ecsi_basic");
}
#[test]
fn replay_corp_rep_simple() {
    check("corp_rep_simple");
}
#[test]
fn replay_corp_rep_extended() {
    check("corp_rep_extended");
}
#[test]
fn replay_mobi_moderation_two_stage() {
    check("mobi_moderation_two_stage");
}
#[test]
fn replay_mobi_moderation_product_indicator() {
    check("mobi_moderation_product_indicator");
}
#[test]
fn replay_mobi_moderation_orthogonal() {
    check("mobi_moderation_orthogonal");
}
