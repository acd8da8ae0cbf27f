//! Replays every saved fuzz input through the fuzz targets' own code
//! (`fuzz/harness.rs`): the inputs in `tests/fuzz_corpus/<target>/` once
//! made a target crash, and the seed corpora in `fuzz/seeds/<target>/` cover
//! the normal paths. None may panic or abort. See `scripts/fuzz.sh` to fuzz.
//!
//! Each input runs in a child process (this test binary again, filtered to
//! the same test), so an abort such as a failed allocation is reported
//! against its file instead of taking the other inputs down with it.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set in a child: the one input it replays.
const ONE: &str = "PLSWEB_FUZZ_REPLAY_ONE";

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md" && e != "py"))
        .collect();
    files.sort();
    files
}

/// Run `f` on every input of `target`; fail listing each input that crashed.
fn replay(target: &str, test: &str, f: fn(&[u8])) {
    if let Ok(path) = std::env::var(ONE) {
        f(&std::fs::read(path).unwrap());
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crashes = inputs(&root.join("tests/fuzz_corpus").join(target));
    let seeds = inputs(&root.join("fuzz/seeds").join(target));
    assert!(!seeds.is_empty(), "no seed inputs for {target}");
    let exe = std::env::current_exe().unwrap();
    let mut failed = Vec::new();
    for path in crashes.iter().chain(&seeds) {
        let out = Command::new(&exe)
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env(ONE, path)
            .env("RUST_BACKTRACE", "0")
            .output()
            .unwrap();
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            let why: Vec<&str> = err
                .lines()
                .skip_while(|l| !(l.contains("panicked at") || l.contains("memory allocation")))
                .take(2)
                .collect();
            failed.push(format!("{} ({}): {}", path.display(), out.status, why.join(" ")));
        }
    }
    assert!(failed.is_empty(), "{target}: {} input(s) crashed:\n{}", failed.len(), failed.join("\n"));
    eprintln!("{target}: {} saved crash input(s) and {} seed(s) replayed", crashes.len(), seeds.len());
}

#[test]
fn read_inputs_do_not_crash() {
    replay("read", "read_inputs_do_not_crash", harness::read);
}

#[test]
fn model_inputs_do_not_crash() {
    replay("model", "model_inputs_do_not_crash", harness::model);
}

#[test]
fn pipeline_inputs_do_not_crash() {
    replay("pipeline", "pipeline_inputs_do_not_crash", harness::pipeline);
}
