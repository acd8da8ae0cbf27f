//! The bodies of the fuzz targets, shared with `tests/fuzz_regressions.rs`
//! so that every saved crash input is replayed through exactly the code path
//! that found it. Depends only on `plsweb`, `serde_json` and std (the main
//! package's tests have nothing else), hence the hand-rolled [`Bytes`] cursor
//! instead of `arbitrary`.
//!
//! Each function must return normally for every input; a panic is a bug.
#![allow(dead_code, unexpected_cfgs)]

use plsweb::data::{handle_missing, read_bytes, summarize, MissingPolicy, ReadOptions};
use plsweb::engine::settings::{BootstrapMissing, CiMethod, InteractionScaling, Moderation, PValue, Scheme};
use plsweb::engine::Settings;
use plsweb::pipeline::analyze;
use plsweb::model::{parse_syntax, validate, Mode, RawConstruct, RawInteraction, RawModel, RawPath};

/// While fuzzing (cargo-fuzz sets `--cfg fuzzing`), step around bugs that
/// are already reported and kept in `tests/fuzz_corpus/`, so the fuzzer can
/// look for new ones. `cargo test --test fuzz_regressions` never does: there
/// the saved inputs must pass on their own.
const SKIP_KNOWN_BUGS: bool = cfg!(fuzzing);

/// Known bug (tests/fuzz_corpus/read/xlsx_*): calamine's `worksheet_range`
/// allocates the dense bounding box of the used cells, so one far-away cell
/// reference (`XFD1048576`, row 4000000000) asks for terabytes and aborts;
/// a reference of 7+ letters or 10+ digits overflows u32 in calamine's
/// `get_row_and_optional_column` (a panic with overflow checks). True when
/// some `r="…"` attribute of the (stored) XML is beyond column ZZ or row
/// 10000, i.e. a dense range could exceed ~7M cells.
fn far_xlsx_reference(file: &[u8]) -> bool {
    if !file.starts_with(b"PK\x03\x04") {
        return false;
    }
    let mut i = 0;
    while i + 3 <= file.len() {
        if file[i] == b'r' && file[i + 1] == b'=' && matches!(file[i + 2], b'"' | b'\'') {
            let v = &file[i + 3..];
            let letters = v.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let digits = v[letters..].iter().take_while(|b| b.is_ascii_digit()).count();
            let row: u64 = std::str::from_utf8(&v[letters..letters + digits.min(12)]).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
            if letters > 2 || digits > 5 || row > 10_000 {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Reads bytes front to back; zeros once exhausted (like `arbitrary`).
pub struct Bytes<'a> {
    data: &'a [u8],
    /// State of the filler for [`Bytes::noise`], seeded from the whole input.
    lcg: u64,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        // FNV-1a of the input.
        let lcg = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
        Bytes { data, lcg }
    }
    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    /// The next byte, or once exhausted a pseudo-random one derived from the
    /// input (for bulk data: a short input still gives varied cells).
    pub fn noise(&mut self) -> u8 {
        if !self.data.is_empty() {
            return self.byte();
        }
        self.lcg = self.lcg.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.lcg >> 56) as u8
    }
    /// Uniform-ish in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.byte() as usize % (hi - lo + 1)
    }
    pub fn bit(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    /// True with probability about 1/n; false once the input is exhausted,
    /// so the rare branches need bytes of their own.
    pub fn one_in(&mut self, n: u8) -> bool {
        self.byte() % n == 1 % n
    }
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }
}

// ---------------------------------------------------------------- read

/// CSV/XLSX reader: option byte, then the file. Checks the documented shape
/// of a `Dataset` and runs the per-column summary and both missing-value
/// policies on it.
pub fn read(data: &[u8]) {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let delimiter = match flags & 7 {
        0..=3 => None,
        4 => Some(b','),
        5 => Some(b';'),
        6 => Some(b'\t'),
        _ => Some(b.byte()),
    };
    let decimal_comma = match (flags >> 3) & 3 {
        0 | 1 => None,
        2 => Some(true),
        _ => Some(false),
    };
    let mut missing_codes = Vec::new();
    if flags & 0x20 != 0 {
        missing_codes.push("-99".to_string());
    }
    if flags & 0x40 != 0 {
        missing_codes.extend(["9".to_string(), "".to_string(), " x ".to_string()]);
    }
    let sheet = if flags & 0x80 != 0 { Some("Sheet1".to_string()) } else { None };
    let opts = ReadOptions { delimiter, decimal_comma, missing_codes, sheet, group_column: None, codes_are_answers: false };
    if SKIP_KNOWN_BUGS && far_xlsx_reference(b.rest()) {
        return;
    }

    let Ok((ds, info)) = read_bytes(b.rest(), &opts) else { return };
    assert_eq!(ds.names.len(), ds.columns.len(), "one name per column");
    assert_eq!(info.columns, ds.names.len());
    assert!(ds.columns.iter().all(|c| c.len() == info.rows), "all columns have the same length");
    assert!(info.rows > 0, "an Ok read has data rows");
    assert!(ds.names.iter().all(|n| !n.is_empty()), "no empty column names");
    let mut names: Vec<&String> = ds.names.iter().collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), ds.names.len(), "column names are unique");

    let _ = summarize(&ds);
    let cols: Vec<&str> = ds.names.iter().map(|s| s.as_str()).collect();
    for policy in [MissingPolicy::MeanReplacement, MissingPolicy::CasewiseDeletion] {
        if let Ok((clean, report)) = handle_missing(&ds, &cols, policy) {
            assert!(clean.columns.iter().flatten().all(|v| !v.is_nan()), "no NaN left after {policy:?}");
            assert_eq!(report.n_after, clean.n_rows());
        }
    }
}

// ---------------------------------------------------------------- model

fn strip_lines(mut m: RawModel) -> RawModel {
    m.constructs.iter_mut().for_each(|c| c.line = None);
    m.paths.iter_mut().for_each(|p| p.line = None);
    m.interactions.iter_mut().for_each(|i| i.line = None);
    m
}

/// Model parser: option byte, then the model text (lossy UTF-8; JSON when
/// it starts with `{`, as the CLI does). Whatever parses must round-trip
/// through `to_syntax` (which is then a fixed point) and validate the same
/// way before and after.
pub fn model(data: &[u8]) {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let text = String::from_utf8_lossy(b.rest());
    let parsed = if text.trim_start().starts_with('{') {
        serde_json::from_str::<RawModel>(&text).map_err(|_| ())
    } else {
        parse_syntax(&text).map_err(|_| ())
    };
    let Ok(m) = parsed else { return };

    // Columns: every indicator named, less one when asked (→ unknown column).
    let mut columns: Vec<String> = m.constructs.iter().flat_map(|c| c.indicators.iter().cloned()).collect();
    if flags & 1 != 0 && !columns.is_empty() {
        let k = (flags >> 1) as usize % columns.len();
        columns.remove(k);
    }
    let valid = validate(&m, &columns);
    if let Ok(v) = &valid {
        let order = v.topo_order();
        assert_eq!(order.len(), v.n_nodes());
        for &(f, t) in v.paths() {
            let pos = |n| order.iter().position(|&x| x == n).unwrap();
            assert!(pos(f) < pos(t), "topological order puts {f} before {t}");
        }
        let again = validate(&v.to_raw(), &columns);
        assert!(again.is_ok(), "to_raw of a valid model validates: {again:?}");
        // What a result reports as model_syntax reads back as the same model.
        let syntax = v.to_raw().to_syntax();
        match parse_syntax(&syntax).map(|m| validate(&m, &columns)) {
            Ok(Ok(v2)) => assert_eq!(v2.constructs(), v.constructs()),
            other => panic!("model_syntax {syntax:?} does not read back: {other:?}"),
        }
    }

    // The canonical text is written for valid models (the result's
    // model_syntax) and must parse again; parsed text always has one. An
    // invalid JSON model (say an interaction of an undefined construct) may
    // have none: to_syntax is never asked for it.
    let json = text.trim_start().starts_with('{');
    if json && valid.is_err() {
        return;
    }
    // Known bug (tests/fuzz_corpus/model/quoted_colon_source_*): a quoted
    // path source such as `M:C` is written back as the interaction M*C,
    // which does not parse when M is no construct. Such a model never
    // validates; keep checking the round trip of the others.
    let text1 = m.to_syntax();
    let back = match parse_syntax(&text1) {
        Ok(back) => back,
        Err(e) => panic!("canonical text does not parse: {text1:?}: {e:?}"),
    };
    assert_eq!(back.to_syntax(), text1, "to_syntax is a fixed point");
    let back = strip_lines(back);
    if let Ok(v) = &valid {
        match validate(&back, &columns) {
            Ok(v2) => {
                assert_eq!(v2.constructs(), v.constructs());
                let names = |v: &plsweb::model::ValidModel| {
                    let mut e: Vec<(String, String)> =
                        v.paths().iter().map(|&(f, t)| (v.node_name(f).to_string(), v.node_name(t).to_string())).collect();
                    e.sort();
                    e
                };
                assert_eq!(names(&v2), names(v), "same paths after the round trip");
            }
            Err(e) => panic!("valid model no longer validates after to_syntax: {text1:?}: {e:?}"),
        }
    }
}

// ---------------------------------------------------------------- pipeline

/// Smallest squared Cholesky pivot of the correlation matrix of the
/// predictors of `dv` (the share of a predictor's variance that the ones
/// before it leave unexplained), from the result's construct correlations.
fn min_pivot(r: &plsweb::engine::result::AnalysisResult, dv: &str) -> f64 {
    let preds: Vec<&str> = r.path_coefficients.iter().filter(|p| p.to == dv).map(|p| p.from.as_str()).collect();
    let cor = |a: &str, b: &str| -> f64 {
        r.construct_correlations.get(a).and_then(|row| row.get(b)).copied().flatten().unwrap_or(f64::NAN)
    };
    let k = preds.len();
    let mut l = vec![vec![0.0; k]; k];
    let mut min = f64::INFINITY;
    for i in 0..k {
        for j in 0..=i {
            let s = cor(preds[i], preds[j]) - (0..j).map(|m| l[i][m] * l[j][m]).sum::<f64>();
            if i == j {
                min = min.min(s);
                l[i][i] = s.max(0.0).sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    if min.is_nan() {
        0.0
    } else {
        min
    }
}

/// One data cell from a byte: mostly Likert 1..7, some decimals, repeats,
/// copies of column 0 (collinearity), extremes, and NaN.
fn cell(byte: u8, prev: Option<f64>, first: Option<f64>) -> f64 {
    match byte {
        0..=199 => 1.0 + (byte % 7) as f64,
        200..=239 => (byte as f64 - 220.0) / 4.0,
        240..=245 => prev.unwrap_or(1.0),
        246..=250 => first.unwrap_or(2.0),
        251 => 1e9,
        252 => -1e-9,
        253 => 0.0,
        _ => f64::NAN,
    }
}

/// Whole pipeline on a small random dataset (3..=40 rows × 2..=8 columns),
/// a small random model (2..=4 constructs, random paths, Mode A/B, up to two
/// interactions) and random settings (bootstrap 0..=20, blindfolding 0 or 7,
/// every scheme/moderation/CI/p-value option). Must return Ok or Err; when
/// Ok every finite R² lies in [0, 1] (up to 1e-9), and the JSON and text
/// report render.
///
/// Input layout: shape, model and settings first (a few dozen bytes), then
/// the cells; cells past the end of the input come from [`Bytes::noise`].
pub fn pipeline(data: &[u8]) {
    let mut b = Bytes::new(data);
    let n = b.range(3, 40);
    let p = b.range(2, 8);
    let names: Vec<String> = (0..p).map(|j| format!("x{j}")).collect();

    // Model: construct j < k gets column j; the others go to a random
    // construct or stay unused.
    let k = b.range(2, 4).min(p);
    let cname = |j: usize| format!("C{j}");
    let mut constructs: Vec<RawConstruct> = (0..k)
        .map(|j| RawConstruct { name: cname(j), mode: Mode::A, indicators: vec![names[j].clone()], line: None })
        .collect();
    for name in names.iter().skip(k) {
        let c = b.range(0, k);
        if c < k {
            constructs[c].indicators.push(name.clone());
        }
    }
    for c in constructs.iter_mut() {
        // Mode B needs two items; a rare single-item one tests the error.
        if (c.indicators.len() > 1 && b.range(0, 2) == 1) || b.one_in(64) {
            c.mode = Mode::B;
        }
    }
    // Paths go from lower to higher construct number (acyclic), with a rare
    // backward one that may close a cycle.
    let mut paths = Vec::new();
    for to in 0..k {
        for from in 0..k {
            let forward = from < to && b.range(0, 2) < 2;
            let backward = from > to && b.one_in(64);
            if forward || backward {
                paths.push(RawPath { from: cname(from), to: cname(to), line: None });
            }
        }
    }
    if paths.is_empty() {
        paths.push(RawPath { from: cname(0), to: cname(k - 1), line: None });
    }
    // Interactions of two lower constructs on the last one; rarely anything.
    let mut interactions = Vec::new();
    for _ in 0..b.range(0, 3).saturating_sub(1) {
        let (iv, m, dv) = if b.one_in(32) {
            (b.range(0, k - 1), b.range(0, k - 1), b.range(0, k - 1))
        } else if k > 2 {
            let iv = b.range(0, k - 2);
            (iv, (iv + b.range(1, k - 2)) % (k - 1), k - 1)
        } else {
            continue;
        };
        if b.bit() {
            interactions.push(RawInteraction { iv: cname(iv), moderator: cname(m), dv: Some(cname(dv)), line: None });
        } else {
            let sep = if b.bit() { "*" } else { ":" };
            paths.push(RawPath { from: format!("{}{sep}{}", cname(iv), cname(m)), to: cname(dv), line: None });
        }
    }
    let raw = RawModel { constructs, paths, interactions };

    let mut s = if b.bit() { Settings::seminr() } else { Settings::smartpls() };
    s.scheme = [Scheme::Path, Scheme::Factorial, Scheme::Centroid][b.range(0, 2)];
    s.moderation = [Moderation::TwoStage, Moderation::ProductIndicator, Moderation::Orthogonal][b.range(0, 2)];
    s.interaction_scaling = if b.bit() { InteractionScaling::Rescaled } else { InteractionScaling::Standardized };
    s.consistent = b.one_in(4);
    s.missing = if b.bit() { MissingPolicy::CasewiseDeletion } else { MissingPolicy::MeanReplacement };
    s.bootstrap_missing = if b.bit() { BootstrapMissing::PerResample } else { BootstrapMissing::Once };
    s.bootstrap = match b.range(0, 19) {
        0..=4 => 0,
        r => r + 1, // 6..=20
    };
    if b.one_in(8) && s.bootstrap > 0 {
        s.bootstrap = 2;
    }
    s.blindfold_distance = if b.bit() { 7 } else { 0 };
    s.ci = if b.bit() { CiMethod::Bca } else { CiMethod::Percentile };
    s.p_value = [PValue::StudentT, PValue::Normal, PValue::Empirical][b.range(0, 2)];
    s.warm_start = b.bit();
    s.drop_nonconverged = b.bit();
    s.htmt_absolute = b.bit();
    s.f2_main_effects = b.bit();
    s.max_iterations = if b.one_in(4) { b.range(1, 20) } else { 300 };
    s.seed = b.byte() as u64;
    s.threads = 1;

    // Data: column-wise; a rare constant column.
    let mut columns: Vec<Vec<f64>> = Vec::with_capacity(p);
    for j in 0..p {
        let constant = b.one_in(16);
        let mut col: Vec<f64> = Vec::with_capacity(n);
        for i in 0..n {
            let v = if constant && i > 0 {
                col[0]
            } else {
                let first = if j > 0 { Some(columns[0][i]) } else { None };
                cell(b.noise(), col.last().copied(), first)
            };
            col.push(v);
        }
        columns.push(col);
    }
    let ds = plsweb::data::Dataset { names, columns };

    let Ok(model) = validate(&raw, &ds.names) else { return };
    let Ok(r) = analyze(&ds, &model, &s, &|_| true) else { return };
    // Consistent PLS can disattenuate construct correlations past 1 (an
    // inadmissible solution); then R² > 1 is reported as computed, but the
    // result must say so (warning `estimate.plsc_inadmissible`).
    let flagged = r.warnings.iter().any(|w| w.code() == "estimate.plsc_inadmissible");
    for (name, v) in r.r_squared.iter() {
        if let Some(r2) = v.r2 {
            assert!(
                (-1e-9..=1.0 + 1e-9).contains(&r2) || (s.consistent && flagged),
                "R² of {name} = {r2} outside [0, 1] (consistent = {}, warnings: {:?})",
                s.consistent,
                r.warnings.iter().map(|w| w.code()).collect::<Vec<_>>()
            );
        }
    }
    serde_json::to_string(&r).expect("the result serializes");
    for lang in [plsweb::report::Lang::En, plsweb::report::Lang::Id] {
        for t in plsweb::report::tables(&r, lang) {
            let _ = plsweb::report::to_text(&t);
            let _ = plsweb::report::to_csv(&t, lang);
            let _ = plsweb::report::to_csv_local(&t, lang);
            let _ = plsweb::report::to_tsv(&t);
        }
    }
}
