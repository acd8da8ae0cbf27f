//! The repository stands alone: no test, benchmark, example, script or
//! document reads a path outside it. The one exception is the gateway
//! `tests/common/mod.rs::external`, which reads only the two folders of other
//! projects' published reference files beside the checkout (and its callers
//! skip, saying so, when they are not there).

mod common;

use std::path::{Path, PathBuf};

/// Folders that are not the project's own text: build output, installed
/// tools, the copied reference data.
const SKIP_DIRS: [&str; 8] = [".git", "target", "node_modules", "tools", "dist", "reference", "fuzz_corpus", "artifacts"];

/// Ways of naming the folder beside the checkout that holds the external
/// folders (derived from the gateway's own list), or this machine's layout.
fn outside() -> Vec<String> {
    let beside = Path::new(common::EXTERNAL[0].1).ancestors().nth(2).expect("an external folder's place is ../<folder>/reference/<name>");
    let name = beside.file_name().expect("a folder beside the checkout").to_string_lossy();
    let shown = beside.to_string_lossy();
    vec![
        shown.to_string(),
        shown.replace('/', "\\"),
        format!("'..', '{name}'"),
        format!("\"..\", \"{name}\""),
        format!("join(\"..\").join(\"{name}\")"),
        "/work/".to_string(),
    ]
}

const GATEWAY: &str = "tests/common/mod.rs";

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == ".git" {
            continue; // a directory, or a worktree's pointer file
        }
        if path.is_dir() {
            if !SKIP_DIRS.contains(&name.as_str()) {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[test]
fn nothing_reads_outside_the_repository() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    files(&root, &mut all);
    let patterns = outside();
    let mut offending = Vec::new();
    let mut checked = 0;
    for path in &all {
        let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        if rel == GATEWAY || rel == "tests/self_contained.rs" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        checked += 1;
        for (n, line) in text.lines().enumerate() {
            if !patterns.iter().any(|p| line.contains(p.as_str())) {
                continue;
            }
            // a line may say where the two external folders live
            if common::EXTERNAL.iter().any(|(name, _)| line.contains(name)) {
                continue;
            }
            offending.push(format!("{rel}:{}: {}", n + 1, line.trim()));
        }
    }
    assert!(checked > 50, "only {checked} files were read: is the walk wrong?");
    assert!(offending.is_empty(), "these lines name a path outside the repository:\n{}", offending.join("\n"));
}

/// The gateway reads nothing but the two external folders.
#[test]
#[should_panic(expected = "is not one of the external reference folders")]
fn the_gateway_refuses_any_other_folder() {
    common::external("ecsi_basic", "the_gateway_refuses_any_other_folder");
}
