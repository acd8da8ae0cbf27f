//! The engine and the worker protocol compiled to wasm, in headless
//! Chromium (wasm-bindgen-test): messages cross the same codec the Web
//! Workers use, a bootstrap split across two worker sessions equals one
//! session's, and a bad file's error keeps its place.
//!
//! CHROMEDRIVER=/usr/bin/chromedriver \
//! CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//! cargo test --target wasm32-unknown-unknown --test wasm_browser
#![cfg(target_arch = "wasm32")]

use plsweb::data::ReadOptions;
use plsweb::engine::result::AnalysisResult;
use plsweb::engine::Settings;
use plsweb::protocol::{FromWorker, ToWorker};
use plsweb::worker::job::Session;
use plsweb::worker::{decode, encode};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &[u8] = include_bytes!("../www/examples/crm_sc_bp.csv");
const MODEL: &str = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\nBP =~ BP1 + BP2 + BP3 + BP4 + BP5\nBP ~ CRM + SC + CRM:SC\n";

/// Send a message to a session the way the app does: through the codec
/// both ways. `None`: not answered (Keep).
fn tell(s: &mut Session, msg: ToWorker) -> Option<FromWorker> {
    let msg: ToWorker = decode(encode(&msg).unwrap()).unwrap();
    s.handle(msg).map(|out| decode(encode(&out).unwrap()).unwrap())
}

fn ask(s: &mut Session, msg: ToWorker) -> FromWorker {
    tell(s, msg).expect("an answer")
}

fn prepare(s: &mut Session, job: u64) -> AnalysisResult {
    let settings = Settings { bootstrap: 200, seed: 1, blindfold_distance: 7, ..Settings::smartpls() };
    match ask(s, ToWorker::Prepare { job, bytes: CSV.to_vec().into(), options: ReadOptions::default(), model_text: MODEL.into(), settings, study: Default::default() }) {
        FromWorker::Prepared { result, .. } => *result,
        other => panic!("expected Prepared, got {other:?}"),
    }
}

fn boot(s: &mut Session, job: u64, start: u64, end: u64, keep: bool) -> Option<plsweb::engine::bootstrap::Draws> {
    match ask(s, ToWorker::Boot { job, start, end, keep }) {
        FromWorker::BootDone { draws, .. } => draws,
        other => panic!("expected BootDone, got {other:?}"),
    }
}

fn finish(s: &mut Session, job: u64, draws: Vec<plsweb::engine::bootstrap::Draws>) -> AnalysisResult {
    match ask(s, ToWorker::Finish { job, draws }) {
        FromWorker::Finished { result, .. } => *result,
        other => panic!("expected Finished, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn bootstrap_split_across_workers_equals_one_worker() {
    let (mut a, mut b, mut c) = (Session::default(), Session::default(), Session::default());
    let point = prepare(&mut a, 1);
    prepare(&mut b, 1);
    prepare(&mut c, 1);
    // the point estimate in the browser is the native one (seminr reference
    // 0.4012952107387623 at tight convergence; 1e-7 stop rule here)
    let crm_bp = point.path_coefficients.iter().find(|p| p.from == "CRM" && p.to == "BP").unwrap().estimate.unwrap();
    assert!((crm_bp - 0.4012952107387623).abs() < 1e-6, "CRM -> BP = {crm_bp}");
    // as the page runs it: worker 0 keeps its draws, the other's are
    // forwarded to it, Finish brings none
    let split = {
        assert!(boot(&mut a, 1, 0, 120, true).is_none());
        let d2 = boot(&mut b, 1, 120, 200, false).unwrap();
        assert!(tell(&mut a, ToWorker::Keep { job: 1, draws: d2 }).is_none());
        finish(&mut a, 1, vec![])
    };
    let whole = {
        let d = boot(&mut c, 1, 0, 200, false).unwrap();
        finish(&mut c, 1, vec![d])
    };
    assert_eq!(split, whole);
    let info = whole.bootstrap.as_ref().unwrap();
    assert_eq!(info.resamples, 200);
    assert!(whole.path_coefficients.iter().all(|p| p.se.is_some_and(|s| s > 0.0)));
    assert!(whole.q2.get("BP").copied().flatten().is_some());
}

#[wasm_bindgen_test]
fn a_bad_file_error_keeps_its_place_across_the_codec() {
    let mut s = Session::default();
    match ask(&mut s, ToWorker::Load { job: 7, bytes: b"a,b\n1,2\n3\n".to_vec().into(), options: ReadOptions::default() }) {
        FromWorker::Failed { job, error } => {
            assert_eq!(job, 7);
            assert_eq!(error.code(), "csv.ragged");
            assert_eq!(error.location.row, Some(3));
        }
        other => panic!("expected Failed, got {other:?}"),
    }
}

#[wasm_bindgen_test]
fn a_worker_without_a_prepared_analysis_says_so() {
    let mut s = Session::default();
    match ask(&mut s, ToWorker::Boot { job: 3, start: 0, end: 10, keep: false }) {
        FromWorker::Failed { error, .. } => assert_eq!(error.code(), "worker.not_prepared"),
        other => panic!("expected Failed, got {other:?}"),
    }
}

/// A multigroup analysis through the codec: its derived seeds use all 64
/// bits (more than a JS number holds) and arrive intact, as does the rest.
#[wasm_bindgen_test]
fn a_multigroup_result_crosses_the_codec() {
    let text = std::str::from_utf8(CSV).unwrap();
    let lines: Vec<String> = text.lines().enumerate().map(|(i, l)| format!("{l},{}", if i == 0 { "size" } else if i % 2 == 0 { "small" } else { "large" })).collect();
    let bytes = (lines.join("\n") + "\n").into_bytes();
    let study = plsweb::multigroup::Study { groups: Some("size".into()), permutations: 10, ..Default::default() };
    let settings = Settings { bootstrap: 0, seed: u64::MAX, blindfold_distance: 0, ..Settings::smartpls() };
    let model = "CRM =~ CRM1 + CRM2 + CRM3\nBP =~ BP1 + BP2 + BP3\nBP ~ CRM\n";
    let mut s = Session::default();
    let prepared = ask(&mut s, ToWorker::Prepare { job: 1, bytes: bytes.into(), options: ReadOptions::default(), model_text: model.into(), settings, study });
    assert!(matches!(prepared, FromWorker::Prepared { .. }), "{prepared:?}");
    let r = finish(&mut s, 1, vec![]);
    assert_eq!(r.settings.seed, u64::MAX);
    let g = r.groups.expect("groups");
    assert!(g.groups.iter().any(|x| x.seed > (1u64 << 53)), "{:?}", g.groups);
    assert_eq!(g.groups[0].seed, plsweb::engine::mga::group_seed(u64::MAX, 0));
    assert_eq!(g.permutations.map(|p| p.permutations), Some(10));
}
