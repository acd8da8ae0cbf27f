//! Shared helpers for the golden tests against the reference cases in
//! `tests/reference/` (and, when present beside the checkout, the two sets of
//! other projects' published files that are never copied into the repository).
#![allow(dead_code)]

use plsweb::data::{read_csv, Dataset, ReadOptions};
use plsweb::model::{validate, RawModel, ValidModel};
use serde_json::Value;
use std::path::PathBuf;

/// Tolerances, each named once with its reason.
pub mod tol {
    /// Point estimates vs a reference run to tight convergence: the issue's
    /// contract ("agree to 1e-6 or better"); the peers agree to 1e-10.
    pub const POINT: f64 = 1e-6;
    /// Bootstrap statistics replayed from the recorded resample indices:
    /// the same resamples, so only the stop rule (1e-7 in every resample, as
    /// in seminr) separates us — the contract is 1e-6.
    pub const REPLAY: f64 = 1e-6;
    /// One resample estimated twice, from its distinct rows with their
    /// counts (the bootstrap) and from its rows written out: only the
    /// summation order differs.
    pub const SAME_RESAMPLE: f64 = 1e-10;
    /// PLSpredict replayed from the recorded fold orders: the same folds and
    /// the same estimates, so only the stop rule (1e-7 in every fold, as
    /// seminr) and rounding separate us — the contract is 1e-6.
    pub const PREDICT: f64 = 1e-6;
}

/// The reference cases computed for plsweb, kept in the repository
/// (`tests/reference/`, with their provenance).
pub fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/reference")
}

/// The folders of other projects' published reference files that tests may
/// read from beside the checkout, each with its place relative to the
/// checkout; they are never copied into the repository.
pub const EXTERNAL: [(&str, &str); 2] = [("seminr-2.5", "../shared/reference/seminr-2.5"), ("smartpls2_ecsi", "../shared/reference/smartpls2_ecsi")];

/// One of [`EXTERNAL`] beside the checkout, or `None` with a plain message
/// on standard error when it is not there: the calling test then checks
/// nothing and says so.
pub fn external(folder: &str, test: &str) -> Option<PathBuf> {
    let Some((_, place)) = EXTERNAL.iter().find(|(name, _)| *name == folder) else {
        panic!("{folder} is not one of the external reference folders");
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(place);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED {test}: {} is not beside the checkout (other projects' published files, not part of this repository)", dir.display());
        None
    }
}

pub struct Case {
    pub name: String,
    pub data: Dataset,
    pub raw_model: RawModel,
    pub model: ValidModel,
    pub model_json: Value,
    pub expected: Value,
}

pub fn load_case(name: &str) -> Case {
    let dir = reference_dir().join(name);
    let model_json: Value = serde_json::from_slice(&std::fs::read(dir.join("model.json")).unwrap()).unwrap();
    let mut opts = ReadOptions::default();
    if let Some(code) = model_json["settings"]["missing_value_code"].as_f64() {
        opts.missing_codes.push(format!("{code}"));
    }
    let (data, _) = read_csv(&std::fs::read(dir.join("data.csv")).unwrap(), &opts).unwrap();
    let raw_model: RawModel = serde_json::from_value(model_json.clone()).unwrap();
    let model = validate(&raw_model, &data.names).unwrap();
    let expected: Value = serde_json::from_slice(&std::fs::read(dir.join("expected.json")).unwrap()).unwrap();
    Case { name: name.to_string(), data, raw_model, model, model_json, expected }
}

/// Read the recorded R resample indices (1-based) as 0-based rows.
pub fn boot_indices(name: &str) -> Vec<Vec<usize>> {
    use std::io::Read;
    let f = std::fs::File::open(reference_dir().join(name).join("boot_indices_R.csv.gz")).unwrap();
    let mut s = String::new();
    flate2::read::GzDecoder::new(f).read_to_string(&mut s).unwrap();
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|v| v.trim().parse::<usize>().unwrap() - 1).collect())
        .collect()
}

/// Compare and collect failures; returns the worst absolute difference.
pub struct Checker {
    pub failures: Vec<String>,
    pub worst: Vec<(String, f64)>,
    pub compared: usize,
}

impl Checker {
    pub fn new() -> Self {
        Checker { failures: Vec::new(), worst: Vec::new(), compared: 0 }
    }
    pub fn num(&mut self, what: &str, key: &str, expected: &Value, actual: &Value, tol: f64) {
        let e = expected.as_f64();
        let a = actual.as_f64();
        match (e, a) {
            (None, None) => {}
            (Some(e), Some(a)) => {
                self.compared += 1;
                let d = (e - a).abs();
                match self.worst.iter_mut().find(|(k, _)| k == what) {
                    Some((_, w)) => *w = w.max(d),
                    None => self.worst.push((what.to_string(), d)),
                }
                if d > tol {
                    self.failures.push(format!("{what} {key}: expected {e}, got {a} (diff {d:.3e})"));
                }
            }
            _ => self.failures.push(format!("{what} {key}: expected {expected}, got {actual}")),
        }
    }
    pub fn finish(&self, case: &str) {
        for (k, w) in &self.worst {
            eprintln!("{case}: {k}: worst |diff| = {w:.2e}");
        }
        assert!(self.compared > 0, "{case}: nothing was compared");
        assert!(self.failures.is_empty(), "{case}: {} mismatches:\n{}", self.failures.len(), self.failures.join("\n"));
    }
}

/// Our item name for a reference item name (seminr's two-stage indicator
/// is `IV*MOD_intxn`; ours is the interaction's name).
pub fn item_name(s: &str) -> String {
    s.strip_suffix("_intxn").unwrap_or(s).to_string()
}
