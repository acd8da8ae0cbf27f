//! Benchmark: a 10-fold × 10-repetition PLSpredict of the ECSI model
//! (tests/reference/ecsi_basic), next to one 100-resample bootstrap of the
//! same model, with 1 thread and all cores; median of 5 runs (`RUNS=n` for
//! more, on a busy machine the minimum is the better figure) after a
//! warm-up, min and max shown.
//!
//! cargo run --release --example predict_bench [-- --json]
//!
//! With `--json`, one JSON line for bench/table.py (seconds).

use plsweb::data::{read_csv, ReadOptions};
use plsweb::engine::bootstrap::Resamples;
use plsweb::engine::predict::{predict, Orders, PredictSettings};
use plsweb::engine::Settings;
use plsweb::pipeline::{predict_options, prepare, Analysis};
use plsweb::model::{validate, RawModel};
// the command line's allocator (src/main.rs)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[path = "common/timing.rs"]
mod timing;
use timing::time;

fn analysis() -> Analysis {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/ecsi_basic");
    let (ds, _) = read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &ReadOptions::default()).unwrap();
    let raw: RawModel = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
    let m = validate(&raw, &ds.names).unwrap();
    let s = Settings { bootstrap: 0, blindfold_distance: 0, ..Settings::smartpls() };
    prepare(&ds, &m, &s, &|_| {}).unwrap()
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let a = analysis();
    let all = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let settings = PredictSettings::smartpls();
    // the folds as the analysis runs them (smartpls preset: warm-started)
    let opts = predict_options(&a);
    if !json {
        println!(
            "ECSI model, n = {}, {} indicators; PLSpredict {} folds × {} repetitions ({}), bootstrap 100 resamples",
            a.x().nrows(),
            a.x().ncols(),
            settings.folds,
            settings.repetitions,
            if settings.approach == plsweb::engine::predict::Approach::Earliest { "EA" } else { "DA" }
        );
    }
    let mut out = serde_json::Map::new();
    for threads in [1, all] {
        let p = time(5, || {
            let r = predict(a.x(), &a.design, &opts, &settings, Orders::Seeded, threads, &|_| true).unwrap().unwrap();
            assert!(r.failures.is_empty());
        });
        let b = time(5, || {
            let d = a.draws(Resamples::Seeded { seed: 1, range: 0..100 }, threads, &|_| true).unwrap();
            assert!(a.finish(&[d]).bootstrap.is_some());
        });
        let key = if threads == 1 { "threads1" } else { "threads_all" };
        out.insert(key.into(), serde_json::json!({"predict": [p.0, p.1, p.2], "bootstrap100": [b.0, b.1, b.2]}));
        if !json {
            println!(
                "threads {threads}: PLSpredict 10×10 {:.1} ms (min {:.1}, max {:.1}); bootstrap 100 {:.1} ms (min {:.1}, max {:.1}); ratio {:.2}",
                p.0 * 1e3, p.1 * 1e3, p.2 * 1e3, b.0 * 1e3, b.1 * 1e3, b.2 * 1e3, p.0 / b.0
            );
        }
    }
    if json {
        out.insert("cores".into(), all.into());
        println!("{}", serde_json::json!({ "plspredict": out }));
    }
}
