//! What the mediation statistics (`engine::mediation`) add to a
//! 5000-resample bootstrap: the bootstrap itself (1 thread, draws and
//! summaries), then over the same 5000 resample estimates the bootstrap
//! catalog's extraction with and without the mediation statistics, and
//! their summaries (floodlight bands and Johnson–Neyman points included).
//! Median of 5 timed runs after a warm-up.
//!
//! cargo run --release --example mediation_cost

#[path = "common/timing.rs"]
mod timing;
use plsweb::data::{read_csv, Dataset, ReadOptions};
use plsweb::engine::bootstrap::{summarize, Resamples};
use plsweb::engine::estimate::{estimate, EstOptions, Estimate, Purpose};
use plsweb::engine::mediation::{Mediation, Options};
use plsweb::engine::Settings;
use plsweb::pipeline::{prepare, Analysis};
use plsweb::model::{parse_syntax, validate};
use nalgebra::DMatrix;
use std::hint::black_box;

const B: usize = 5000;

fn data(case: &str) -> Dataset {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference").join(case);
    read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &ReadOptions::default()).unwrap().0
}

/// Median of 5 timed runs after a warm-up (`RUNS` overrides the 5).
fn median5(f: impl FnMut()) -> f64 {
    timing::time(5, f).0
}

/// The bootstrap's resamples, written out and estimated as it does.
fn estimates(a: &Analysis) -> Vec<Estimate> {
    let opts = EstOptions::new(&a.settings, Purpose::Resample { start: Some(&a.full.weights) });
    let x = a.x();
    (0..B)
        .filter_map(|b| {
            let rows = a.boot.indices(a.settings.seed, b);
            let w = DMatrix::from_fn(rows.len(), x.ncols(), |i, j| x[(rows[i], j)]);
            estimate(&w, &a.design, &opts).ok()
        })
        .collect()
}

fn measure(label: &str, ds: &Dataset, text: &str) {
    let m = validate(&parse_syntax(text).unwrap(), &ds.names).unwrap();
    let s = Settings { bootstrap: B, blindfold_distance: 0, threads: 1, ..Settings::smartpls() };
    let a = prepare(ds, &m, &s, &|_| {}).unwrap();
    let med = Mediation::new(&a.design, &a.scores(), &Options::default());
    let boot = median5(|| {
        let d = a.draws(Resamples::Seeded { seed: s.seed, range: 0..B }, 1, &|_| true).unwrap();
        black_box(a.finish(&[d]));
    });
    let est = estimates(&a);
    let catalog = median5(|| {
        for e in &est {
            black_box(a.catalog.extract(&a.design, e, s.htmt_absolute));
        }
    });
    let with = median5(|| {
        for e in &est {
            let mut v = a.catalog.extract(&a.design, e, s.htmt_absolute);
            med.extract_into(e, &mut v);
            black_box(v);
        }
    });
    let values: Vec<Vec<f64>> = est.iter().map(|e| med.extract(e)).collect();
    let original = med.extract(&a.full);
    let summaries = median5(|| {
        let d: Vec<&Vec<f64>> = values.iter().collect();
        black_box(summarize(&original, &d, &s, None));
        let d: Vec<&[f64]> = values.iter().map(|v| v.as_slice()).collect();
        for f in 0..med.floodlight.len() {
            black_box(med.floodlight_band(f, &original, &d, &s));
        }
    });
    let extra = with - catalog + summaries;
    // the pipeline itself with the mediation statistics kept (`mediation`):
    // the same resamples, the statistics recorded in each and summarized
    let sm = Settings { mediation: true, ..s.clone() };
    let am = prepare(ds, &m, &sm, &|_| {}).unwrap();
    let boot_med = median5(|| {
        let d = am.draws(Resamples::Seeded { seed: sm.seed, range: 0..B }, 1, &|_| true).unwrap();
        black_box(am.finish(&[d]));
    });
    println!(
        "{label}: {} routes, {} conditional, {} floodlight ({} grid points), {} statistics (catalog {})",
        med.routes.len(),
        med.conditional.len(),
        med.floodlight.len(),
        med.floodlight.iter().map(|f| f.grid.len()).sum::<usize>(),
        med.len(),
        a.catalog.len()
    );
    println!(
        "  bootstrap {B} (1 thread, draws + finish) {:.1} ms | catalog extract ×{} {:.2} ms, with mediation {:.2} ms (+{:.2} ms) | mediation summaries + bands {:.2} ms | extra {:.2} ms = {:.1} % of the bootstrap",
        boot * 1e3,
        est.len(),
        catalog * 1e3,
        with * 1e3,
        (with - catalog) * 1e3,
        summaries * 1e3,
        extra * 1e3,
        100.0 * extra / boot
    );
    println!(
        "  pipeline bootstrap {B} with mediation on: {:.1} ms vs {:.1} ms off = {:+.1} %",
        boot_med * 1e3,
        boot * 1e3,
        100.0 * (boot_med - boot) / boot
    );
}

fn main() {
    let crm = data("synthetic_crm_sc_bp");
    let crm_model = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\nBP =~ BP1 + BP2 + BP3 + BP4 + BP5\n";
    measure("example (CRM, SC, CRM*SC -> BP)", &crm, &format!("{crm_model}BP ~ CRM + SC + CRM:SC\n"));
    measure("example with SC as mediator (SC ~ CRM)", &crm, &format!("{crm_model}SC ~ CRM\nBP ~ CRM + SC + CRM:SC\n"));
    let ecsi = data("ecsi_basic");
    let m2 = "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\nExpectation =~ CUEX1 + CUEX2 + CUEX3\nQuality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\nValue =~ PERV1 + PERV2\nSatisfaction =~ CUSA1 + CUSA2 + CUSA3\nComplaints =~ CUSCO\nLoyalty =~ CUSL1 + CUSL2 + CUSL3\nExpectation ~ Image\nQuality ~ Expectation\nValue ~ Expectation + Quality\nSatisfaction ~ Image + Expectation + Quality + Value + Image:Expectation\nComplaints ~ Satisfaction\nLoyalty ~ Image + Satisfaction + Complaints\n";
    measure("ECSI (seven constructs) with Image*Expectation -> Satisfaction", &ecsi, m2);
}
