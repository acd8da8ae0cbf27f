//! Timing shared by the benchmark examples.

use std::time::Instant;

/// (median, min, max) seconds of `RUNS` runs (default `default_runs`)
/// after a warm-up run.
pub fn time(default_runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    let runs = std::env::var("RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(default_runs).max(1);
    f();
    let mut v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[runs / 2], v[0], v[runs - 1])
}
