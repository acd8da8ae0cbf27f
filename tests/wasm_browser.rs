//! The engine and the worker protocol compiled to wasm, in headless
//! Chromium (wasm-bindgen-test): messages cross the same codec the Web
//! Workers use, a bootstrap split across two worker sessions equals one
//! session's, a bad file's error keeps its place, and the simd128
//! cross-product equals plain sums.
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

/// Columns of a test matrix, standardized (n × p, column-major).
fn standardized(n: usize, p: usize) -> nalgebra::DMatrix<f64> {
    let mut z = nalgebra::DMatrix::from_fn(n, p, |i, j| (((i * 31 + j * 17) % 97) as f64).sin() + (i % (j + 2)) as f64 * 0.1);
    plsweb::engine::linalg::standardize_in_place(&mut z).unwrap();
    z
}

/// The wasm build's simd128 cross-product (every size) against plain dot
/// products: the same correlations to the last bits, a unit diagonal and a
/// symmetric matrix; and bit for bit the lanes' plain emulation, whose
/// blocking the native tests check.
#[wasm_bindgen_test]
fn the_simd_cross_product_equals_plain_sums() {
    use plsweb::engine::crossprod::{cross_into, Emulated, Simd};
    use plsweb::engine::linalg::{cor_of_standardized, cor_rows_of_standardized};
    // widths that leave every edge tile, an odd row count across row blocks
    for (n, p) in [(1501, 40), (1031, 50), (9001, 7), (3333, 13), (42, 18), (158, 27), (3, 2)] {
        let z = standardized(n, p);
        let s = cor_of_standardized(&z);
        let f = 1.0 / (n as f64 - 1.0);
        for i in 0..p {
            assert_eq!(s[(i, i)], 1.0);
            for j in 0..i {
                let want: f64 = (0..n).map(|k| z[(k, i)] * z[(k, j)]).sum::<f64>() * f;
                assert!((s[(i, j)] - want).abs() < 1e-12, "n {n} p {p} ({i}, {j}): {} vs {want}", s[(i, j)]);
                assert_eq!(s[(i, j)].to_bits(), s[(j, i)].to_bits());
            }
        }
        let rows = cor_rows_of_standardized(&z, 1..p.min(6));
        for (a, i) in (1..p.min(6)).enumerate() {
            for j in 0..p {
                assert!((rows[(a, j)] - s[(i, j)]).abs() < 1e-12, "rows ({i}, {j})");
            }
        }
        let (mut simd, mut plain) = (vec![0.0; p * p], vec![0.0; p * p]);
        cross_into::<Simd>(z.as_slice(), n, p, 0..p, true, &mut simd);
        cross_into::<Emulated>(z.as_slice(), n, p, 0..p, true, &mut plain);
        assert!(simd.iter().zip(&plain).all(|(a, b)| a.to_bits() == b.to_bits()), "n {n} p {p}");
    }
}
