//! Benchmark: the power analysis of the bundled example (crm_sc_bp, 42
//! rows, CRM, SC and CRM*SC → BP) at 6 sample sizes, R replications of B
//! bootstrap resamples each, with 1 thread and all cores; fits per second
//! (one estimate per replication plus B per resample) and the projected
//! time of the target, 500 replications × 500 resamples × 6 sizes
//! (about 1.5 million fits). Median of `RUNS` (default 1) runs after a
//! warm-up.
//!
//! cargo run --release --example power_bench [-- R B]   (default R = 50, B = 100)

use plsweb::data::{read_bytes, ReadOptions};
use plsweb::engine::Settings;
use plsweb::model::{parse_syntax, validate};
use plsweb::power::{plan, PowerRequest};
use plsweb::ui::state::EXAMPLE_MODEL;
// the command line's allocator (src/main.rs)
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
#[path = "common/timing.rs"]
mod timing;
use timing::time;

/// README: 5000 resamples of this example take 0.045 s natively and 0.15 s
/// in the browser with 2 workers on the 2-core development machine.
const BROWSER_OVER_NATIVE: f64 = 0.15 / 0.045;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (r, b) = (args.first().copied().unwrap_or(50), args.get(1).copied().unwrap_or(100));
    let grid = vec![40, 60, 100, 150, 200, 300];
    let (ds, _) = read_bytes(include_bytes!("../www/examples/crm_sc_bp.csv"), &ReadOptions::default()).unwrap();
    let model = validate(&parse_syntax(EXAMPLE_MODEL).unwrap(), &ds.names).unwrap();
    println!("model:\n{}", EXAMPLE_MODEL.trim_end());
    println!("sample sizes {grid:?}, R = {r} replications, B = {b} resamples");
    let fits = (grid.len() * r * (b + 1)) as f64;
    let target = (grid.len() * 500 * 501) as f64;
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut threads = vec![1];
    if cores > 1 {
        threads.push(cores);
    }
    for t in threads {
        let settings = Settings { threads: t, ..Settings::smartpls() };
        let req = PowerRequest { grid: grid.clone(), replications: r, resamples: b, ..PowerRequest::default() };
        let mut last = None;
        let (median, min, max) = time(1, || last = Some(plan(&ds, &model, &settings, &req, &|_| true).unwrap()));
        let rate = fits / median;
        println!("{t} thread(s): {median:.2} s (min {min:.2}, max {max:.2}) for {fits} fits = {rate:.0} fits/s; target (500 × 500 × 6 = {target} fits) ≈ {:.0} s natively", target / rate);
        if t == 2 {
            println!("  in the browser with 2 workers (×{BROWSER_OVER_NATIVE:.1}, the README's measured ratio for this example's bootstrap): ≈ {:.0} s", target / rate * BROWSER_OVER_NATIVE);
        }
        if let Some(res) = last {
            for c in &res.power.effects {
                let powers: Vec<String> = c.points.iter().map(|p| format!("{:.2}", p.power)).collect();
                println!("  {:<12} β = {:>6.3}: power {}", c.path.join(" → "), c.population, powers.join(" "));
            }
        }
    }
}
