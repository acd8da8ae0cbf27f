//! Benchmark: 5000-resample bootstraps of the reference cases and of a
//! generated large study, with 1 thread and all cores; median of 5 runs
//! after a warm-up, min and max shown.
//!
//! cargo run --release --example bench [-- --quick]

#[path = "common/timing.rs"]
mod timing;
use plsweb::data::{read_csv, Dataset, ReadOptions};
use plsweb::engine::bootstrap::Resamples;
use nalgebra::DMatrix;
use plsweb::engine::blindfold;
use plsweb::engine::estimate::{estimate, Design, EstOptions};
use plsweb::engine::estimate::Purpose;
use plsweb::engine::Settings;
use plsweb::pipeline::{prepare, prepare_owned};
use plsweb::model::{parse_syntax, validate, RawModel, ValidModel};
use rand::{RngExt, SeedableRng};
use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

fn load(case: &str) -> (Dataset, ValidModel) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference").join(case);
    let (ds, _) = read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &ReadOptions { missing_codes: vec!["-99".into()], ..Default::default() }).unwrap();
    let raw: RawModel = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
    let m = validate(&raw, &ds.names).unwrap();
    (ds, m)
}

/// 10 constructs × 5 items, a chain of paths plus one interaction.
fn large(n: usize) -> (Dataset, ValidModel) {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let k = 10;
    let mut names = Vec::new();
    let mut cols = vec![Vec::with_capacity(n); k * 5];
    for c in 0..k {
        for i in 0..5 {
            names.push(format!("C{c}_{}", i + 1));
        }
    }
    let mut normal = || {
        let u1: f64 = rng.random::<f64>().max(1e-12);
        let u2: f64 = rng.random();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    };
    for _ in 0..n {
        let mut eta = vec![0.0; k];
        for c in 0..k {
            eta[c] = if c == 0 { normal() } else { 0.5 * eta[c - 1] + 0.8 * normal() };
        }
        for c in 0..k {
            for i in 0..5 {
                cols[c * 5 + i].push(0.8 * eta[c] + 0.6 * normal());
            }
        }
    }
    let ds = Dataset { names, columns: cols };
    let m = validate(&parse_syntax(&large_model(k)).unwrap(), &ds.names).unwrap();
    (ds, m)
}

fn time_boot(ds: &Dataset, m: &ValidModel, b: usize, threads: usize, runs: usize) -> (f64, f64, f64) {
    let s = Settings { bootstrap: b, blindfold_distance: 0, ..Settings::smartpls() };
    let a = prepare(ds, m, &s, &|_| {}).unwrap();
    let go = || {
        let t = Instant::now();
        let d = a.draws(Resamples::Seeded { seed: 1, range: 0..b }, threads, &|_| true).unwrap();
        let r = a.finish(&[d]);
        assert!(r.bootstrap.is_some());
        t.elapsed().as_secs_f64()
    };
    go();
    let mut v: Vec<f64> = (0..runs).map(|_| go()).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// Median of 5 timed runs after a warm-up (`RUNS` overrides the 5).
fn median5(f: impl FnMut()) -> f64 {
    timing::time(5, f).0
}

/// Seconds of one full-sample estimate, of blindfolding with D = 7 (all
/// endogenous constructs), and of one estimate with PLSc.
fn time_extras(ds: &Dataset, m: &ValidModel) -> (f64, f64, f64) {
    let s = Settings::smartpls();
    let design = Design::new(m, s.moderation);
    let cols: Vec<&str> = design.observed.iter().map(|c| c.as_str()).collect();
    let sel = ds.select(&cols).unwrap();
    let x = DMatrix::from_fn(sel.n_rows(), sel.n_cols(), |i, j| sel.columns[j][i]);
    let opts = EstOptions::new(&s, Purpose::Full);
    let plain = median5(|| {
        estimate(&x, &design, &opts).unwrap();
    });
    let q2 = median5(|| {
        blindfold::blindfold(&x, &design, &opts, 7, plsweb::engine::settings::Q2Kind::Redundancy);
    });
    let oc = EstOptions { consistent: true, ..opts.clone() };
    let plsc = median5(|| {
        let _ = estimate(&x, &design, &oc);
    });
    (plain, q2, plsc)
}

/// GFLOP/s of a plain 400 × 400 matrix multiply (nalgebra), best of 5.
fn gemm_gflops() -> f64 {
    let n = 400;
    let a = nalgebra::DMatrix::<f64>::from_fn(n, n, |i, j| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    let b = a.transpose();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        let c = &a * &b;
        std::hint::black_box(c);
        best = best.min(t.elapsed().as_secs_f64());
    }
    2.0 * (n * n * n) as f64 / best / 1e9
}

/// Floating-point operations of one resample, counted from the algorithm:
/// the correlation matrix (n·p² multiply-adds, twice with a two-stage
/// interaction), standardization (3·n·p), and per iteration S·W and the
/// composite correlations (about 2·p² each, two fits).
fn flops_per_resample(ds: &Dataset, m: &ValidModel) -> f64 {
    let n = ds.n_rows() as f64;
    let p = m.indicator_columns().len() as f64 + m.interactions().len() as f64;
    let stages = if m.interactions().is_empty() { 1.0 } else { 2.0 };
    let iterations = 10.0;
    stages * (n * p * p + 3.0 * n * p + iterations * 4.0 * p * p)
}

fn large_model(k: usize) -> String {
    let mut text = String::new();
    for c in 0..k {
        text.push_str(&format!("C{c} =~ C{c}_1 + C{c}_2 + C{c}_3 + C{c}_4 + C{c}_5\n"));
    }
    for c in 1..k {
        text.push_str(&format!("C{c} ~ C{}\n", c - 1));
    }
    text.push_str("C2 ~ C0:C1\n");
    text
}

/// The dataset as CSV text (17 significant digits).
fn csv_text(d: &Dataset) -> String {
    let mut text = d.names.join(",");
    text.push('\n');
    for r in 0..d.n_rows() {
        let row: Vec<String> = d.columns.iter().map(|c| format!("{:.17e}", c[r])).collect();
        text.push_str(&row.join(","));
        text.push('\n');
    }
    text
}

/// Writes the generated large study and its model to `dir` (cli_large.csv,
/// cli_large.model), so the command line can be measured on the same data.
fn write_large(dir: &str, n: usize) {
    let (d, _) = large(n);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/cli_large.csv"), csv_text(&d)).unwrap();
    std::fs::write(format!("{dir}/cli_large.model"), large_model(10)).unwrap();
}

/// The command line's allocator (mimalloc, src/main.rs), counting the
/// bytes the program holds on the heap, and their peak, while
/// COUNTING is on (only in [`memory`]: shared counters would slow down the
/// timed multi-threaded runs).
struct Counting;
static COUNTING: AtomicBool = AtomicBool::new(false);
static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc(l) };
        if !p.is_null() && COUNTING.load(Ordering::Relaxed) {
            let now = HELD.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { MiMalloc.dealloc(p, l) };
        if COUNTING.load(Ordering::Relaxed) {
            HELD.fetch_sub(l.size(), Ordering::Relaxed);
        }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { MiMalloc.realloc(p, l, new) };
        if !q.is_null() && COUNTING.load(Ordering::Relaxed) {
            if new >= l.size() {
                let now = HELD.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                HELD.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak heap (MB) while `f` runs, counting what is already held.
fn peak_mb<T>(f: impl FnOnce() -> T) -> (T, f64) {
    PEAK.store(HELD.load(Ordering::Relaxed), Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) as f64 / 1e6)
}

/// Peak heap of the large study's phases, as in `plsweb analyze`: reading
/// the CSV text (the text included), preparing (estimate, evaluation,
/// blindfolding D = 7; the dataset is freed once the model's columns are
/// copied, as `plsweb analyze` and the Web Workers do), and bootstrapping (5000
/// resamples, 1 thread and all cores) with the summary (the draws included).
/// Figures are MB above what was held before the text existed.
fn memory(n: usize, b: usize, cores: usize) -> serde_json::Value {
    // counts from here on (a block freed later that was allocated before
    // would make HELD wrap: the phases below free only their own)
    COUNTING.store(true, Ordering::SeqCst);
    let base = HELD.load(Ordering::Relaxed) as f64 / 1e6;
    let text = {
        let (d, _) = large(n);
        csv_text(&d).into_bytes()
    };
    let ((ds, _), read) = peak_mb(|| read_csv(&text, &ReadOptions::default()).unwrap());
    let text_mb = text.len() as f64 / 1e6;
    drop(text);
    let m = validate(&parse_syntax(&large_model(10)).unwrap(), &ds.names).unwrap();
    let matrix_mb = (ds.n_rows() * ds.n_cols() * 8) as f64 / 1e6;
    let s = Settings { bootstrap: b, blindfold_distance: 7, ..Settings::smartpls() };
    let (a, prep) = peak_mb(|| prepare_owned(ds, &m, &s, &|_| {}).unwrap());
    let mut boot = Vec::new();
    for threads in [1, cores] {
        let (_, p) = peak_mb(|| {
            let d = a.draws(Resamples::Seeded { seed: 1, range: 0..b }, threads, &|_| true).unwrap();
            a.finish(&[d])
        });
        boot.push(p - base);
    }
    let draws_mb = (a.original.len() * b * 8) as f64 / 1e6;
    drop(a);
    COUNTING.store(false, Ordering::SeqCst);
    serde_json::json!({"memory": {"rows": n, "resamples": b, "matrix_mb": matrix_mb, "csv_text_mb": text_mb,
        "read_mb": read - base, "prepare_mb": prep - base, "bootstrap_1_mb": boot[0], "bootstrap_all_mb": boot[1],
        "draws_mb": draws_mb, "cores": cores}})
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--write-large") {
        write_large(&args[i + 1], 10_000);
        return;
    }
    let quick = std::env::args().any(|a| a == "--quick");
    let json = std::env::args().any(|a| a == "--json");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    if !json {
        println!("plsweb bootstrap benchmark ({} cores), seconds: median [min, max] of 5 runs after a warm-up", cores);
        println!("{:<36} {:>6} {:>26} {:>26}", "case", "B", "1 thread", format!("{cores} threads"));
    }
    let mut cases: Vec<(String, Dataset, ValidModel, usize)> = Vec::new();
    for c in ["synthetic_crm_sc_bp", "mobi_moderation_two_stage", "ecsi_basic"] {
        let (d, m) = load(c);
        cases.push((c.to_string(), d, m, 5000));
    }
    let (d, m) = large(if quick { 1000 } else { 10_000 });
    cases.push((format!("generated {} × 50, 10 constructs", d.n_rows()), d, m, if quick { 200 } else { 5000 }));
    for (name, d, m, b) in &cases {
        let runs = if name.starts_with("generated") && !quick { 1 } else { 5 };
        let one = time_boot(d, m, *b, 1, runs);
        let all = time_boot(d, m, *b, cores, runs);
        let f = |x: (f64, f64, f64)| format!("{:.3} [{:.3}, {:.3}]", x.0, x.1, x.2);
        let gflops = flops_per_resample(d, m) * *b as f64 / one.0 / 1e9;
        let (est, q2, plsc) = time_extras(d, m);
        if json {
            println!(
                "{}",
                serde_json::json!({"case": name, "resamples": b, "threads1": [one.0, one.1, one.2], "threads_all": [all.0, all.1, all.2], "cores": cores, "kernel_gflops_1thread": gflops,
                    "estimate_s": est, "blindfold_d7_s": q2, "plsc_estimate_s": plsc})
            );
        } else {
            println!("{:<36} {:>6} {:>26} {:>26}   ~{:.2} GFLOP/s (1 thread)", name, b, f(one), f(all), gflops);
            println!("    one estimate {:.2} ms, blindfolding D = 7 {:.2} ms ({:.1} estimates), PLSc estimate {:.2} ms", est * 1e3, q2 * 1e3, q2 / est, plsc * 1e3);
        }
    }
    let g = gemm_gflops();
    let mem = memory(if quick { 1000 } else { 10_000 }, if quick { 200 } else { 5000 }, cores);
    if json {
        println!("{}", serde_json::json!({"gemm_gflops": g}));
        println!("{mem}");
    } else {
        println!("plain matrix multiply (nalgebra, 400×400, 1 thread): {g:.2} GFLOP/s");
        println!("peak heap of the large study, MB: {}", mem["memory"]);
    }
}
