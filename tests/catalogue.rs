//! The bad-input catalogue: every case in tests/catalogue/cases.json goes
//! through the whole pipeline exactly as the app and the CLI run it
//! (`read_bytes` → `parse_syntax` / model JSON → `validate_read` → `analyze`) and
//! must end in the expected outcome: a located, translated error, or a
//! correct result with the expected warnings. Nothing may panic.
//!
//! The fixture files are written by tests/catalogue/make_fixtures.py; the
//! 200 MB file and the 5,000-column file are built here, in memory.
//! `CATALOGUE_SHOW=1` prints every message in both languages;
//! `CATALOGUE_ONLY=text` runs the cases whose id contains `text`.

use plsweb::data::{read_bytes, ReadOptions};
use plsweb::engine::result::AnalysisResult;
use plsweb::engine::Settings;
use plsweb::pipeline::{analyze, validate_read};
use plsweb::messages::{self, Lang};
use plsweb::model::{parse_syntax, RawModel};
use plsweb::error::ModelError;
use plsweb::Error;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::OnceLock;

const DEFAULT_MODEL: &str = "X =~ x1 + x2 + x3\nM =~ m1 + m2 + m3\nY =~ y1 + y2 + y3\nY ~ X + M + X*M\n";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    id: String,
    category: String,
    /// What the case is about, in a sentence.
    about: String,
    /// Fixture under tests/catalogue/files.
    #[serde(default)]
    file: Option<String>,
    /// Built in memory: `too_large`, `many_columns`.
    #[serde(default)]
    generate: Option<String>,
    /// Model syntax or JSON; default: X, M, Y with Y ~ X + M + X*M.
    #[serde(default)]
    model: Option<String>,
    /// `ReadOptions` fields to override.
    #[serde(default)]
    read: Option<Value>,
    /// `Settings` fields to override (on top of: smartpls preset, no
    /// bootstrap, one thread).
    #[serde(default)]
    settings: Option<Value>,
    expect: Expect,
    /// A known gap: the expectation is what a demanding user needs; the case
    /// fails until the program meets it.
    #[serde(default)]
    gap: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    row: Option<usize>,
    #[serde(default)]
    column: Option<String>,
    #[serde(default)]
    line: Option<usize>,
    #[serde(default)]
    construct: Option<String>,
    /// Substrings of the English text (case-insensitive).
    #[serde(default)]
    message_contains: Vec<String>,
    #[serde(default)]
    ok: bool,
    /// Warnings that must be present (others are allowed).
    #[serde(default)]
    warning_codes: Vec<String>,
    /// Warnings that must not be present.
    #[serde(default)]
    no_warning_codes: Vec<String>,
    /// Facts about the result: n, converged, columns (read), bootstrap_failed_min,
    /// missing_cells, path_min: {"X -> Y": v}.
    #[serde(default)]
    result: Option<Value>,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("cases.json")).expect("tests/catalogue/cases.json");
    serde_json::from_str(&text).expect("cases.json is valid")
}

/// The 200 MB (+1 byte) file, built once.
fn too_large() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut v = b"x1,x2,x3\n".to_vec();
        let line = b"1,2,3\n";
        let target = plsweb::data::MAX_BYTES + 1;
        v.reserve(target - v.len());
        while v.len() + line.len() <= target {
            v.extend_from_slice(line);
        }
        v.resize(target, b'\n');
        v
    })
}

/// 5,000 columns (the model's nine first, then v10..v5000), 60 rows.
fn many_columns() -> Vec<u8> {
    let base = std::fs::read_to_string(dir().join("files/base.csv")).unwrap();
    let mut out = String::with_capacity(2_000_000);
    for (i, line) in base.lines().take(61).enumerate() {
        out.push_str(line);
        for j in 10..=5000 {
            out.push(',');
            if i == 0 {
                out.push_str(&format!("v{j}"));
            } else {
                out.push_str(&((i * 31 + j * 7) % 7 + 1).to_string());
            }
        }
        out.push('\n');
    }
    out.into_bytes()
}

fn merge(base: &mut Value, over: &Value) {
    if let (Value::Object(b), Value::Object(o)) = (base, over) {
        for (k, v) in o {
            b.insert(k.clone(), v.clone());
        }
    }
}

fn settings_for(c: &Case) -> Settings {
    let mut s = Settings::smartpls();
    s.bootstrap = 0;
    s.threads = 1;
    let mut v = serde_json::to_value(&s).unwrap();
    if let Some(o) = &c.settings {
        merge(&mut v, o);
    }
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{}: bad settings override: {e}", c.id))
}

fn read_options(c: &Case) -> ReadOptions {
    let mut v = serde_json::to_value(ReadOptions::default()).unwrap();
    if let Some(o) = &c.read {
        merge(&mut v, o);
    }
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{}: bad read override: {e}", c.id))
}

/// The model as the app and the CLI take it: JSON if it starts with `{`.
fn load_model(text: &str) -> Result<RawModel, Error> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| ModelError::Json { reason: e.to_string() }.into())
    } else {
        parse_syntax(text)
    }
}

fn bytes_for(c: &Case) -> Vec<u8> {
    match (&c.file, c.generate.as_deref()) {
        (Some(f), None) => std::fs::read(dir().join("files").join(f)).unwrap_or_else(|e| panic!("{}: {f}: {e}", c.id)),
        (None, Some("too_large")) => too_large().to_vec(),
        (None, Some("many_columns")) => many_columns(),
        _ => panic!("{}: give exactly one of file / generate", c.id),
    }
}

struct Outcome {
    result: Result<AnalysisResult, Error>,
    columns: Vec<String>,
}

fn pipeline(bytes: &[u8], c: &Case) -> Outcome {
    let mut columns = Vec::new();
    let result = (|| {
        let (ds, info) = read_bytes(bytes, &read_options(c))?;
        columns = ds.names.clone();
        let raw = load_model(c.model.as_deref().unwrap_or(DEFAULT_MODEL))?;
        let model = validate_read(&raw, &ds, &info)?;
        analyze(&ds, &model, &settings_for(c), &|_| true)
    })();
    Outcome { result, columns }
}

/// Numbers written in a text, as strings of digits.
fn numbers_in(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|t| !t.is_empty()).map(str::to_string).collect()
}

fn check_error(c: &Case, e: &Error) -> Vec<String> {
    let x = &c.expect;
    let mut bad = Vec::new();
    let en = messages::error_text(e, Lang::En);
    let id = messages::error_text(e, Lang::Id);
    if x.ok || x.error_code.is_none() {
        bad.push(format!("expected a result, got error {} — {en}", e.code()));
        return bad;
    }
    if x.error_code.as_deref() != Some(e.code()) {
        bad.push(format!("expected error {}, got {} — {en}", x.error_code.as_deref().unwrap_or("?"), e.code()));
    }
    let l = &e.location;
    if x.row.is_some() && x.row != l.row {
        bad.push(format!("row: expected {:?}, got {:?}", x.row, l.row));
    }
    if x.column.is_some() && x.column != l.column {
        bad.push(format!("column: expected {:?}, got {:?}", x.column, l.column));
    }
    if x.line.is_some() && x.line != l.line {
        bad.push(format!("line: expected {:?}, got {:?}", x.line, l.line));
    }
    if x.construct.is_some() && x.construct != l.construct {
        bad.push(format!("construct: expected {:?}, got {:?}", x.construct, l.construct));
    }
    for s in &x.message_contains {
        if !en.to_lowercase().contains(&s.to_lowercase()) {
            bad.push(format!("English text lacks {s:?}: {en}"));
        }
    }
    // Both languages: non-empty, and the Indonesian names the same places.
    if en.trim().is_empty() || id.trim().is_empty() {
        bad.push("empty message".into());
    }
    if id == en || id.contains(&e.message()) {
        bad.push(format!("Indonesian text is untranslated: {id}"));
    }
    for n in [l.row, l.line].into_iter().flatten() {
        if !numbers_in(&id).contains(&n.to_string()) {
            bad.push(format!("Indonesian text lacks number {n}: {id}"));
        }
    }
    for s in [&l.column, &l.construct].into_iter().flatten() {
        if !id.contains(s.as_str()) {
            bad.push(format!("Indonesian text lacks {s:?}: {id}"));
        }
    }
    let (en_n, id_n) = (numbers_in(&en), numbers_in(&id));
    for n in en_n.difference(&id_n) {
        bad.push(format!("Indonesian text lacks the number {n} of the English one:\n  en: {en}\n  id: {id}"));
    }
    bad
}

fn check_ok(c: &Case, r: &AnalysisResult, columns: &[String]) -> Vec<String> {
    let x = &c.expect;
    let mut bad = Vec::new();
    if !x.ok {
        bad.push(format!(
            "expected error {}, got a result (warnings: {:?})",
            x.error_code.as_deref().unwrap_or("?"),
            r.warnings.iter().map(|w| w.code()).collect::<Vec<_>>()
        ));
        return bad;
    }
    let codes: Vec<&str> = r.warnings.iter().map(|w| w.code()).collect();
    for w in &x.warning_codes {
        if !codes.contains(&w.as_str()) {
            bad.push(format!("missing warning {w} (got {codes:?})"));
        }
    }
    for w in &x.no_warning_codes {
        if codes.contains(&w.as_str()) {
            bad.push(format!("unexpected warning {w}"));
        }
    }
    for w in &r.warnings {
        let id = messages::warning_text(w, Lang::Id);
        let en = messages::warning_text(w, Lang::En);
        if id.trim().is_empty() || en.trim().is_empty() || id.contains(&w.message()) {
            bad.push(format!("warning {} is not translated: {id}", w.code()));
        }
        let (en_n, id_n) = (numbers_in(&en), numbers_in(&id));
        for n in en_n.difference(&id_n) {
            bad.push(format!("Indonesian warning lacks the number {n}:\n  en: {en}\n  id: {id}"));
        }
    }
    // Every reported number is finite or absent; the path estimates exist.
    for p in &r.path_coefficients {
        if p.estimate.is_none() {
            bad.push(format!("path {} -> {} has no estimate", p.from, p.to));
        }
    }
    let Some(Value::Object(facts)) = &x.result else { return bad };
    for (k, v) in facts {
        match k.as_str() {
            "n" => {
                if Some(r.n as u64) != v.as_u64() {
                    bad.push(format!("n: expected {v}, got {}", r.n));
                }
            }
            "converged" => {
                if Some(r.converged) != v.as_bool() {
                    bad.push(format!("converged: expected {v}, got {}", r.converged));
                }
            }
            "columns" => {
                let want: Vec<String> = serde_json::from_value(v.clone()).unwrap();
                if columns.len() < want.len() || columns[..want.len()] != want[..] {
                    bad.push(format!("columns: expected to start with {want:?}, got {:?}", &columns[..columns.len().min(12)]));
                }
            }
            "n_columns" => {
                if Some(columns.len() as u64) != v.as_u64() {
                    bad.push(format!("n_columns: expected {v}, got {}", columns.len()));
                }
            }
            "missing_cells" => {
                let got = r.missing.as_ref().map_or(0, |m| m.cells_missing);
                if Some(got as u64) != v.as_u64() {
                    bad.push(format!("missing_cells: expected {v}, got {got}"));
                }
            }
            "bootstrap_failed_min" => match &r.bootstrap {
                None => bad.push("no bootstrap in the result".into()),
                Some(b) => {
                    if (b.failed as u64) < v.as_u64().unwrap() {
                        bad.push(format!("bootstrap.failed: expected at least {v}, got {}", b.failed));
                    }
                    if b.failed + b.succeeded != b.resamples {
                        bad.push(format!("bootstrap: {} failed + {} succeeded != {} resamples", b.failed, b.succeeded, b.resamples));
                    }
                    let counted: usize = b.failures.0.iter().map(|(_, n)| *n).sum();
                    if counted != b.failed {
                        bad.push(format!("bootstrap: failures by reason sum to {counted}, not {}", b.failed));
                    }
                }
            },
            "bootstrap_not_converged_min" => match &r.bootstrap {
                None => bad.push("no bootstrap in the result".into()),
                Some(b) => {
                    if (b.not_converged as u64) < v.as_u64().unwrap() {
                        bad.push(format!("bootstrap.not_converged: expected at least {v}, got {}", b.not_converged));
                    }
                }
            },
            "all_loadings_positive" => {
                for (c, items) in &r.outer_loadings.0 {
                    for (i, l) in &items.0 {
                        if l.is_some_and(|l| l <= 0.0) {
                            bad.push(format!("loading {c}/{i} = {l:?} is not positive"));
                        }
                    }
                }
            }
            other => panic!("{}: unknown result fact {other}", c.id),
        }
    }
    bad
}

/// One case: None = as expected; Some(problems).
fn run_case(c: &Case) -> Result<(), Vec<String>> {
    let bytes = bytes_for(c);
    let out = catch_unwind(AssertUnwindSafe(|| pipeline(&bytes, c)));
    let problems = match out {
        Err(p) => {
            let msg = p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()));
            vec![format!("PANIC: {}", msg.unwrap_or_default())]
        }
        Ok(Outcome { result: Err(e), .. }) if std::env::var("CATALOGUE_SHOW").is_ok() => {
            println!("{}\n  en: {}\n  id: {}", c.id, messages::error_text(&e, Lang::En), messages::error_text(&e, Lang::Id));
            check_error(c, &e)
        }
        Ok(Outcome { result: Ok(r), columns }) if std::env::var("CATALOGUE_SHOW").is_ok() => {
            println!("{}: ok, n = {}", c.id, r.n);
            for w in &r.warnings {
                println!("  en: {}\n  id: {}", messages::warning_text(w, Lang::En), messages::warning_text(w, Lang::Id));
            }
            check_ok(c, &r, &columns)
        }
        Ok(Outcome { result: Err(e), .. }) => catch_unwind(AssertUnwindSafe(|| check_error(c, &e)))
            .unwrap_or_else(|_| vec!["PANIC while rendering the message".into()]),
        Ok(Outcome { result: Ok(r), columns }) => catch_unwind(AssertUnwindSafe(|| check_ok(c, &r, &columns)))
            .unwrap_or_else(|_| vec!["PANIC while rendering a warning".into()]),
    };
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[test]
fn catalogue() {
    let cases = cases();
    let only = std::env::var("CATALOGUE_ONLY").ok();
    let mut ids = BTreeSet::new();
    for c in &cases {
        assert!(ids.insert(c.id.clone()), "duplicate case id {}", c.id);
        assert!(!c.about.is_empty());
        let x = &c.expect;
        assert!(x.ok != x.error_code.is_some(), "{}: expect either ok or error_code", c.id);
    }
    assert!(cases.len() >= 40, "the catalogue needs at least 40 cases, has {}", cases.len());
    // Silence the default panic printout; panics are reported per case.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut per_cat: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for c in &cases {
        if only.as_deref().is_some_and(|o| !c.id.contains(o)) {
            continue;
        }
        let entry = per_cat.entry(c.category.as_str()).or_default();
        entry.0 += 1;
        match run_case(c) {
            Ok(()) => entry.1 += 1,
            Err(p) => {
                let gap = c.gap.as_deref().map(|g| format!("\n    known gap: {g}")).unwrap_or_default();
                failures.push(format!("{} ({}){gap}\n    {}", c.id, c.about, p.join("\n    ")));
            }
        }
    }
    std::panic::set_hook(hook);
    println!("catalogue: cases per category (passed/total)");
    for (cat, (total, passed)) in &per_cat {
        println!("  {cat:<12} {passed:>3}/{total}");
    }
    let total: usize = per_cat.values().map(|v| v.0).sum();
    println!("  {:<12} {:>3}/{total}", "all", total - failures.len());
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
}

