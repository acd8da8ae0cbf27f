//! Benchmark: the multigroup analysis of the ECSI model
//! (tests/reference/ecsi_basic) by CUEX1 < 8 (108 and 142 respondents):
//! 5000 bootstrap resamples per group, then 1000 permutations with MICOM,
//! with 1 thread and all cores; median of 3 runs (`RUNS=n` for more; on a
//! busy machine the minimum is the better figure) after a warm-up, min and
//! max shown.
//!
//! cargo run --release --example mga_bench

use plsweb::data::{read_csv, ReadOptions};
use plsweb::engine::Settings;
use plsweb::model::{validate, RawModel};
use plsweb::multigroup::{grouping, run_groups, GroupSpec, MgaOptions};
// the command line's allocator (src/main.rs)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[path = "common/timing.rs"]
mod timing;
use timing::time;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/ecsi_basic");
    let (ds, _) = read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &ReadOptions::default()).unwrap();
    let raw: RawModel = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
    let m = validate(&raw, &ds.names).unwrap();
    let g = grouping(&ds, None, &GroupSpec::parse("CUEX1<8").unwrap()).unwrap();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    println!("ECSI by CUEX1 < 8: groups of {} and {}", g.rows[0].len(), g.rows[1].len());
    for threads in [1, cores] {
        let s = Settings { bootstrap: 5000, blindfold_distance: 0, threads, ..Settings::smartpls() };
        let boot_only = MgaOptions { permutations: 0, ..MgaOptions::default() };
        let (bm, bmin, bmax) = time(3, || {
            run_groups(&ds, &g, &m, &s, &boot_only, &|_| true).unwrap();
        });
        let full = MgaOptions { permutations: 1000, micom: true, ..MgaOptions::default() };
        let (fm, fmin, fmax) = time(3, || {
            run_groups(&ds, &g, &m, &s, &full, &|_| true).unwrap();
        });
        println!("{threads} thread(s): 2 × 5000 resamples {bm:.3} s (min {bmin:.3}, max {bmax:.3}); with 1000 permutations + MICOM {fm:.3} s (min {fmin:.3}, max {fmax:.3})");
    }
}
