//! Replays every saved fuzz input through the fuzz targets' own code
//! (`fuzz/harness.rs`): the inputs in `tests/fuzz_corpus/<target>/` once
//! made a target panic, and the seed corpora in `fuzz/seeds/<target>/` cover
//! the normal paths. None may panic. See `scripts/fuzz.sh` to fuzz.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md" && e != "py"))
        .collect();
    files.sort();
    files
}

/// Run `f` on every input; fail listing each one that panicked.
fn replay(target: &str, f: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crashes = inputs(&root.join("tests/fuzz_corpus").join(target));
    let seeds = inputs(&root.join("fuzz/seeds").join(target));
    assert!(!seeds.is_empty(), "no seed inputs for {target}");
    let mut failed = Vec::new();
    for path in crashes.iter().chain(&seeds) {
        let bytes = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| f(&bytes))).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: {} input(s) panicked: {failed:#?}", failed.len());
    eprintln!("{target}: {} crash input(s) and {} seed(s) replayed", crashes.len(), seeds.len());
}

#[test]
fn read_inputs_do_not_panic() {
    replay("read", harness::read);
}

#[test]
fn model_inputs_do_not_panic() {
    replay("model", harness::model);
}

#[test]
fn pipeline_inputs_do_not_panic() {
    replay("pipeline", harness::pipeline);
}
