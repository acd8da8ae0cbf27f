//! App state and its pure reducer: `reduce(state, action) -> state`.
//!
//! No web types here, so it is tested natively. The reducer also decides
//! which message goes to which worker ([`State::sends`]); the component only
//! posts them, so loading, preparing, scheduling the bootstrap, cancelling
//! and failures are all tested here.

use crate::data::suspect::SuspectCode;
use crate::data::{MissingPolicy, ReadOptions};
use crate::engine::result::AnalysisResult;
use crate::engine::settings::{BootstrapMissing, CiMethod, InteractionScaling, Moderation, PValue, Preset, Scheme, Significance, Tails};
use std::rc::Rc;
use crate::engine::Settings;
use crate::error::{Error, FileError, WorkerError};
use crate::model::{parse_syntax, Mode, RawInteraction, RawPath};
use crate::engine::result_power::PowerResult;
use crate::multigroup::{GroupSpec, Study};
use crate::power::{merge, PowerRequest};
use crate::protocol::{FileBytes, FromWorker, JobId, Preview, ToWorker};
use crate::report::svg::Moves;

/// Bootstrap resamples per message: small enough for a smooth progress bar
/// and a quick Cancel, large enough that messaging costs little.
pub const DEFAULT_CHUNK: u64 = 100;

/// The work of one resample (n × items², the cost of the cross-products)
/// that takes about 0.2 s in a browser worker (measured: 100,000 × 30 at
/// about 0.14 s a resample).
const CHUNK_WORK: f64 = 1.3e8;

/// A resample's cost in one browser worker, in seconds: the PLS iterations
/// and the statistics, per items² (about 7e-8 s: the example, 42 × 18, and
/// ECSI, 250 × 24, spend 20–45 µs a resample), plus the cross-products, per
/// n · items², about 1.2e-10 s while the data stay in the cache (10,000 ×
/// 50: 15.4–17.4 s for 5000 resamples with 1 worker) and 1.5e-9 s beyond
/// (100,000 × 30: 3,500 resamples in 4 minutes with 2 workers).
const FIT_SECONDS_PER_ITEM2: f64 = 7e-8;
const CROSS_SECONDS_IN_CACHE: f64 = 1.2e-10;
const CROSS_SECONDS_OUT_OF_CACHE: f64 = 1.5e-9;
/// Data (n · items · 8 bytes) above this have left the cache.
const CACHE_BYTES: f64 = 8e6;

/// About how long a bootstrap of `resamples` takes in the browser with
/// `workers` workers on `n` cases and `items` indicators, in seconds (the
/// fixed costs of a run, about 0.1 s, left out).
pub fn bootstrap_seconds(n: usize, items: usize, resamples: usize, workers: usize) -> f64 {
    let p2 = (items as f64).powi(2);
    let per_unit = if (n * items * 8) as f64 > CACHE_BYTES { CROSS_SECONDS_OUT_OF_CACHE } else { CROSS_SECONDS_IN_CACHE };
    let one = FIT_SECONDS_PER_ITEM2 * p2 + per_unit * n as f64 * p2;
    resamples as f64 * one / workers.max(1) as f64
}

/// Resamples per message for `n` cases and `items` indicators: Cancel
/// waits for the ranges in flight, so on large data a range is about 0.2 s
/// of work (one resample at the least), on small data [`DEFAULT_CHUNK`].
pub fn chunk_for(n: usize, items: usize) -> u64 {
    let work = n as f64 * (items as f64).powi(2);
    (CHUNK_WORK / work.max(1.0)).floor().clamp(1.0, DEFAULT_CHUNK as f64) as u64
}

/// How long one range of resamples should take a worker: long enough that
/// messaging (a few ms of the page's main thread per answer, which shares
/// the cores with the workers) is a small part of it, short enough for a
/// quick Cancel and a moving progress bar.
pub const RANGE_TARGET_MS: f64 = 100.0;

/// Most resamples in one range however fast they are.
pub const MAX_CHUNK: u64 = 5000;

/// The next range's size after a range of `len` resamples took `elapsed_ms`
/// from send to answer: about [`RANGE_TARGET_MS`] of work at that pace,
/// growing past `base` (the size first chosen, [`chunk_for`]) only up to a
/// half of each worker's share of the `remaining` resamples, so the last
/// ranges are short and the workers finish together. Any split gives the
/// same results (resamples are drawn by index).
pub fn adapted_chunk(base: u64, len: u64, elapsed_ms: f64, remaining: u64, workers: usize) -> u64 {
    let base = base.max(1);
    if len == 0 || !(elapsed_ms.is_finite() && elapsed_ms > 0.0) {
        return base;
    }
    let pace = RANGE_TARGET_MS / (elapsed_ms / len as f64);
    let want = pace.floor().clamp(1.0, MAX_CHUNK as f64) as u64;
    let share = remaining.div_ceil(2 * workers.max(1) as u64);
    want.min(base.max(share))
}

/// A bootstrap expected to take less than this ([`bootstrap_seconds`]) shows
/// its results once, at the end ([`State::holds_point_result`]).
pub const QUICK_RUN_SECONDS: f64 = 1.0;

/// Most bootstrap resamples the page accepts.
pub const MAX_RESAMPLES: usize = 100_000;

/// Largest seed: integers above 2^53 do not survive a trip through
/// JavaScript numbers (and the result JSON read back in a browser).
pub const MAX_SEED: u64 = (1 << 53) - 1;

/// The bundled example (www/examples/crm_sc_bp.csv).
pub const EXAMPLE_URL: &str = "./examples/crm_sc_bp.csv";
pub const EXAMPLE_NAME: &str = "crm_sc_bp.csv";
pub const EXAMPLE_MODEL: &str = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7
SC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6
BP =~ BP1 + BP2 + BP3 + BP4 + BP5
BP ~ CRM + SC + CRM:SC
";

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    #[default]
    Idle,
    /// Reading a file.
    Loading,
    /// Workers estimating the model.
    Preparing,
    Bootstrapping,
    /// Cancel pressed; waiting for the ranges already handed out.
    Cancelling,
    /// Worker 0 combining the draws.
    Finishing,
    Done,
    Cancelled,
    Failed,
}

impl Phase {
    /// The `data-phase` attribute of the page.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Loading => "loading",
            Phase::Preparing => "preparing",
            Phase::Bootstrapping => "bootstrapping",
            Phase::Cancelling => "cancelling",
            Phase::Finishing => "finishing",
            Phase::Done => "done",
            Phase::Cancelled => "cancelled",
            Phase::Failed => "failed",
        }
    }
}

/// A share of a run that one worker computes in one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Bootstrap resamples `start..end`.
    Resamples(u64, u64),
    /// One PLSpredict repetition.
    Repetition(u64),
}

/// A message the component must post to worker `worker`.
#[derive(Debug, Clone, PartialEq)]
pub struct Send {
    pub worker: usize,
    pub msg: ToWorker,
}

/// What produced the result on the page. The result is out of date once
/// the data file, the way it is read, the model or a setting differs.
#[derive(Debug, Clone)]
pub struct RunInputs {
    /// The same bytes (by identity: a file chosen again is new data).
    file: Option<FileBytes>,
    options: ReadOptions,
    /// The model as the parser writes it back, so comments and layout do
    /// not count; the text itself when it does not parse.
    model: String,
    settings: Settings,
    study: Study,
}

impl PartialEq for RunInputs {
    fn eq(&self, o: &Self) -> bool {
        let same_file = match (&self.file, &o.file) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_file && self.options == o.options && self.model == o.model && self.settings == o.settings && self.study == o.study
    }
}

fn normalized_model(text: &str) -> String {
    parse_syntax(text).map(|m| m.to_syntax()).unwrap_or_else(|_| text.to_string())
}

/// Missing-value codes as typed: separated by spaces, commas or semicolons
/// ("-99 99", "-99, 999"), each once. (A code with a decimal part is written
/// with a point: the comma separates.)
pub fn parse_codes(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for code in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';').filter(|c| !c.is_empty()) {
        if !out.iter().any(|c| c == code) {
            out.push(code.to_string());
        }
    }
    out
}

/// A suspect value as the missing-code field takes it ("-99", "999").
pub fn code_text(v: f64) -> String {
    format!("{v}")
}

/// The paths of a model text (interaction terms' included), as the form
/// lists them for deletion (none when the text does not parse).
pub fn model_paths(text: &str) -> Vec<(String, String)> {
    parse_syntax(text).map(|m| model_paths_of(&m)).unwrap_or_default()
}

/// The paths of a parsed model, an interaction's implied path included.
pub fn model_paths_of(m: &crate::model::RawModel) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = m.paths.iter().map(|p| (p.from.clone(), p.to.clone())).collect();
    for i in &m.interactions {
        if let Some(dv) = &i.dv {
            if !out.iter().any(|(f, t)| *f == i.name() && t == dv) {
                out.push((i.name(), dv.clone()));
            }
        }
    }
    out
}

/// The constructs of a model text and how each is measured (none when the
/// text does not parse).
pub fn construct_modes(text: &str) -> Vec<(String, Mode)> {
    parse_syntax(text).map(|m| m.constructs.into_iter().map(|c| (c.name, c.mode)).collect()).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub job: JobId,
    pub phase: Phase,
    /// The data file: name and bytes (kept only in this tab).
    pub file: Option<(String, FileBytes)>,
    pub preview: Option<Rc<Preview>>,
    /// The read options of the last load (the preview shows the file read
    /// with them).
    pub loaded_options: Option<ReadOptions>,
    /// The user answered "no" to the suspect missing codes of this file.
    pub suspects_dismissed: bool,
    /// Why the file could not be read (shown instead of the preview).
    pub data_error: Option<Error>,
    pub model_text: String,
    /// The model last proposed from a file's column names (unchanged, it
    /// is not the user's own work).
    pub proposed_model: String,
    /// The text a new file's proposal replaced, one click away.
    pub previous_model: Option<String>,
    /// The XLSX sheet to read (`None`: the first).
    pub sheet: Option<String>,
    /// A problem with the model (shown under the editor, with its line).
    pub model_error: Option<Error>,
    /// Any other failure of the last run.
    pub run_error: Option<Error>,
    pub settings: Settings,
    /// The missing-code field as typed: any number of codes ([`parse_codes`]).
    /// Applied to the preview when committed, and always before a run.
    pub missing_code: String,
    /// Run as soon as the file is read (the example, `?example=crm`, or Run
    /// pressed while the file was being read again).
    pub run_after_load: bool,
    pub workers: usize,
    pub chunk: u64,
    /// Resamples per message in this run: `chunk`, fewer on large data
    /// ([`chunk_for`]); then as [`adapted_chunk`] finds from the ranges'
    /// times (the page's runtime measures them: [`State::adapt_chunk`]).
    pub run_chunk: u64,
    /// `run_chunk` as first chosen for this run.
    pub base_chunk: u64,
    /// Resamples to draw.
    pub total: u64,
    /// Resamples finished.
    pub done: u64,
    /// First resample not yet handed out.
    pub next: u64,
    /// PLSpredict's repetitions to deal out to the workers after the
    /// resamples (0 when it is off), finished, and the next not yet handed out.
    pub repetitions: u64,
    pub repetitions_done: u64,
    pub next_repetition: u64,
    /// Per worker: prepared for this job, and the unit it is computing.
    pub ready: Vec<bool>,
    pub busy: Vec<Option<Unit>>,
    /// The point result while the bootstrap runs, then the final one
    /// (shared: the page tells a new result by its pointer).
    pub result: Option<Rc<AnalysisResult>>,
    /// True once `result` includes the bootstrap (or none was asked for).
    pub complete: bool,
    /// The inputs `result` came from.
    pub ran_with: Option<RunInputs>,
    /// The data, model or settings changed since `result` was computed.
    pub stale: bool,
    /// Indicators excluded from the results' loadings table, in order.
    pub excluded: Vec<Excluded>,
    /// The complete result before the last exclusion or restoration (the
    /// results then show what changed).
    pub before: Option<Rc<AnalysisResult>>,
    /// Messages to post after this step (replaced on every step).
    pub sends: Vec<Send>,
    /// PLSpredict's training folds done and to do, while worker 0 runs it.
    pub predicting: Option<(u64, u64)>,
    /// The multigroup analysis and IPMA asked for (worker 0 adds them at
    /// the Finish).
    pub study: Study,
    /// The multigroup analysis's step, steps, done and total, while worker
    /// 0 runs it.
    pub comparing: Option<(u64, u64, u64, u64)>,
    /// The power analysis to run ("Plan sample size").
    pub power_request: PowerRequest,
    /// A power analysis under way: each worker's part (its sample sizes),
    /// its result once answered, and its replications done and total.
    pub power_parts: Vec<PowerPart>,
    pub power_result: Option<Rc<PowerResult>>,
    pub power_error: Option<Error>,
    /// Worker 0 was cancelled in the middle of a long message (PLSpredict,
    /// the groups): the page terminates the workers (fresh ones start with
    /// the next message).
    pub terminate: bool,
    /// Constructs moved by hand on the model canvas, by name (kept when the
    /// model changes; a name no longer in the model is ignored).
    pub moves: Rc<Moves>,
}

/// One worker's part of a power analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct PowerPart {
    pub grid: Vec<usize>,
    pub result: Option<PowerResult>,
    pub done: u64,
    pub total: u64,
}

/// An indicator excluded by pruning, with where it goes back.
#[derive(Debug, Clone, PartialEq)]
pub struct Excluded {
    pub item: String,
    pub construct: String,
    /// Its position among the construct's indicators.
    pub position: usize,
}

/// One setting changed on the page. Presets replace every setting; any
/// other change makes the settings "custom". Values out of range are
/// refused (the setting keeps its value).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SettingChange {
    Preset(Preset),
    Scheme(Scheme),
    Moderation(Moderation),
    InteractionScaling(InteractionScaling),
    /// Consistent PLS (PLSc).
    Consistent(bool),
    Missing(MissingPolicy),
    BootstrapMissing(BootstrapMissing),
    /// Resamples, 0 = no bootstrap; at most [`MAX_RESAMPLES`].
    Bootstrap(usize),
    /// At most [`MAX_SEED`].
    Seed(u64),
    Ci(CiMethod),
    /// In (0, 0.5).
    Alpha(f64),
    PValue(PValue),
    Significance(Significance),
    Tails(Tails),
    /// Blindfolding omission distance; 0 = no Q².
    Blindfold(usize),
    /// Stop criterion, > 0.
    Tolerance(f64),
    /// At least 1.
    MaxIterations(usize),
    DropNonconverged(bool),
    WarmStart(bool),
    HtmtAbsolute(bool),
    F2MainEffects(bool),
    /// `None`: the same as the estimate.
    BootstrapTolerance(Option<f64>),
    BootstrapMaxIterations(Option<usize>),
    Stage1Tolerance(Option<f64>),
    Stage1MaxIterations(Option<usize>),
    /// PLSpredict folds: 0 = off, else at least 2.
    PredictFolds(usize),
    /// PLSpredict repetitions, 1 to [`MAX_PREDICT_REPETITIONS`].
    PredictRepetitions(usize),
    PredictApproach(crate::engine::predict::Approach),
    Cvpat(bool),
    /// Sign-reversed resamples: kept, or corrected.
    SignChange(crate::engine::settings::SignChange),
    /// Mediation and conditional process statistics.
    Mediation(bool),
}

/// The most PLSpredict repetitions the page runs.
pub const MAX_PREDICT_REPETITIONS: usize = 100;

fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

impl SettingChange {
    /// Apply to `s`; false (and `s` unchanged) if the value is refused.
    pub fn apply(self, s: &mut Settings) -> bool {
        use SettingChange as C;
        match self {
            C::Preset(p) => {
                *s = match p {
                    Preset::Smartpls => Settings::smartpls(),
                    Preset::Seminr => Settings::seminr(),
                    Preset::Custom => Settings { preset: Preset::Custom, ..s.clone() },
                };
                return true;
            }
            C::Scheme(v) => s.scheme = v,
            C::Moderation(v) => s.moderation = v,
            C::InteractionScaling(v) => s.interaction_scaling = v,
            C::Consistent(v) => s.consistent = v,
            C::Missing(v) => s.missing = v,
            C::BootstrapMissing(v) => s.bootstrap_missing = v,
            C::Bootstrap(n) => s.bootstrap = n.min(MAX_RESAMPLES),
            C::Seed(v) => {
                s.seed = v.min(MAX_SEED);
                s.predict.seed = s.seed;
            }
            C::Ci(v) => s.ci = v,
            C::Alpha(a) if a > 0.0 && a < 0.5 => s.alpha = a,
            C::PValue(v) => s.p_value = v,
            C::Significance(v) => s.significance = v,
            C::Tails(v) => s.tails = v,
            C::Blindfold(d) => s.blindfold_distance = d,
            C::Tolerance(x) if positive(x) => s.tolerance = x,
            C::MaxIterations(n) if n >= 1 => s.max_iterations = n,
            C::DropNonconverged(v) => s.drop_nonconverged = v,
            C::WarmStart(v) => s.warm_start = v,
            C::HtmtAbsolute(v) => s.htmt_absolute = v,
            C::F2MainEffects(v) => s.f2_main_effects = v,
            C::BootstrapTolerance(x) if x.is_none_or(positive) => s.bootstrap_tolerance = x,
            C::BootstrapMaxIterations(n) if n != Some(0) => s.bootstrap_max_iterations = n,
            C::Stage1Tolerance(x) if x.is_none_or(positive) => s.stage1_tolerance = x,
            C::Stage1MaxIterations(n) if n != Some(0) => s.stage1_max_iterations = n,
            C::PredictFolds(k) if k != 1 => s.predict.folds = k,
            C::PredictRepetitions(r) if (1..=MAX_PREDICT_REPETITIONS).contains(&r) => s.predict.repetitions = r,
            C::PredictApproach(a) => s.predict.approach = a,
            C::Cvpat(v) => s.cvpat = v,
            C::SignChange(v) => s.sign_change = v,
            C::Mediation(v) => s.mediation = v,
            _ => return false,
        }
        s.preset = Preset::Custom;
        true
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A file was chosen (picker, drop, or the example).
    File { name: String, bytes: Vec<u8> },
    /// The example: its model text, its file, and run it at once.
    Example { bytes: Vec<u8> },
    SetModel(String),
    SetSetting(SettingChange),
    /// The multigroup analysis and IPMA to run.
    SetStudy(Study),
    /// The power analysis to run.
    SetPower(PowerRequest),
    /// Run the power analysis, its sample sizes shared among the workers.
    RunPower { workers: usize },
    CancelPower,
    /// The missing-code field as typed (not yet applied to the preview).
    SetMissingCode(String),
    /// Apply the missing-code field: read the file again if the codes changed.
    CommitMissingCode,
    /// Add these codes to the field and read the file again (the preview's
    /// "treat as missing?" button).
    AddMissingCodes(Vec<String>),
    /// The suspect codes of this file are answers: stop asking.
    DismissSuspects,
    /// Read another sheet of the workbook.
    SetSheet(Option<String>),
    /// Put back the model a new file's proposal replaced.
    RestoreModel,
    /// Measure a construct in Mode A (`=~`) or Mode B (`<~`).
    SetMode { construct: String, mode: Mode },
    AddPath { from: String, to: String },
    AddInteraction { iv: String, moderator: String, dv: String },
    /// A higher-order construct measured by these constructs (its
    /// dimensions), Mode A until switched.
    AddHoc { name: String, dimensions: Vec<String> },
    /// Delete a path (an interaction term's path deletes the term).
    RemovePath { from: String, to: String },
    /// Make `item` an indicator of construct `to`: taken out of the
    /// construct it was in, or a data column the model did not use.
    MoveItem { item: String, to: String },
    /// A construct moved on the model canvas: its offset from the
    /// automatic layout (the results' path diagram keeps it too).
    PlaceConstruct { name: String, offset: (f64, f64) },
    /// Back to the automatic layout.
    ResetLayout,
    /// Run the analysis; if the file is being read, or must be read again
    /// for changed missing codes, as soon as it is.
    Run { workers: usize },
    /// Take an indicator out of its construct and run again (not the last
    /// one of a construct).
    Exclude { item: String },
    /// Put an excluded indicator back where it was and run again.
    Restore { item: String },
    Cancel,
    Worker { worker: usize, msg: FromWorker },
    /// The workers stopped answering (crashed or hung); they are replaced.
    WorkersLost,
    /// A worker died (a panic, out of memory); the workers are replaced.
    /// Data, model text and settings are kept, so Run works again.
    WorkerCrashed { message: String },
    /// Fetching the example or reading a file in the page failed.
    Error(Error),
    /// A result file (the JSON the app and the CLI write) was loaded: show
    /// it as it is, with its settings and model, without recomputing.
    LoadResult(Box<AnalysisResult>),
}

/// The model form's choices: a path (from → to) and an interaction
/// (independent × moderator → dependent), by construct name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathForm {
    pub from: String,
    pub to: String,
    pub iv: String,
    pub moderator: String,
    pub dv: String,
}

/// One select of the [`PathForm`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    From,
    To,
    Iv,
    Moderator,
    Dv,
}

impl FormField {
    /// The select's id on the page (`form-from`, …).
    pub fn id(self) -> &'static str {
        match self {
            FormField::From => "form-from",
            FormField::To => "form-to",
            FormField::Iv => "form-iv",
            FormField::Moderator => "form-mod",
            FormField::Dv => "form-dv",
        }
    }
}

impl PathForm {
    pub fn get(&self, f: FormField) -> &str {
        match f {
            FormField::From => &self.from,
            FormField::To => &self.to,
            FormField::Iv => &self.iv,
            FormField::Moderator => &self.moderator,
            FormField::Dv => &self.dv,
        }
    }

    pub fn with(&self, f: FormField, value: String) -> PathForm {
        let mut out = self.clone();
        *match f {
            FormField::From => &mut out.from,
            FormField::To => &mut out.to,
            FormField::Iv => &mut out.iv,
            FormField::Moderator => &mut out.moderator,
            FormField::Dv => &mut out.dv,
        } = value;
        out
    }

    /// "Add path", once both ends are chosen.
    pub fn path(&self) -> Option<Action> {
        (!self.from.is_empty() && !self.to.is_empty()).then(|| Action::AddPath { from: self.from.clone(), to: self.to.clone() })
    }

    /// "Add interaction", once all three are chosen.
    pub fn interaction(&self) -> Option<Action> {
        (!self.iv.is_empty() && !self.moderator.is_empty() && !self.dv.is_empty())
            .then(|| Action::AddInteraction { iv: self.iv.clone(), moderator: self.moderator.clone(), dv: self.dv.clone() })
    }
}

/// Parse a downloaded result file (`plsweb_result.json` or the CLI's
/// `--format json`).
pub fn parse_result(bytes: &[u8]) -> Result<AnalysisResult, Error> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::from(FileError::ResultNotUtf8))?;
    serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| FileError::ResultInvalid { reason: e.to_string() }.into())
}

impl State {
    pub fn new(settings: Settings) -> Self {
        State { settings, chunk: DEFAULT_CHUNK, ..State::default() }
    }

    /// Worker 0 combines the draws and adds what runs after the bootstrap
    /// (PLSpredict, the groups, IPMA): the Finish.
    fn start_finish(&mut self) {
        self.phase = Phase::Finishing;
        // the repetitions ran on the workers: worker 0 only combines them
        self.predicting = None;
        if self.study.groups.is_some() {
            self.comparing = Some((0, 0, 0, 0));
        }
        self.send(0, ToWorker::Finish { job: self.job, draws: Vec::new() });
    }

    /// Whether the run has units for the workers (resamples or PLSpredict
    /// repetitions).
    fn has_units(&self) -> bool {
        self.total > 0 || self.repetitions > 0
    }

    /// Fraction of PLSpredict's training folds done, while it runs.
    pub fn predict_progress(&self) -> Option<f64> {
        self.predicting.map(|(done, total)| if total == 0 { 0.0 } else { done as f64 / total as f64 })
    }

    /// Fraction of the bootstrap done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            return if self.complete { 1.0 } else { 0.0 };
        }
        self.done as f64 / self.total as f64
    }

    /// Waiting for a worker.
    pub fn is_busy(&self) -> bool {
        self.phase == Phase::Loading || self.is_running() || self.is_planning()
    }

    /// A power analysis is under way.
    pub fn is_planning(&self) -> bool {
        !self.power_parts.is_empty()
    }

    /// The power analysis's replications done and to do, over all workers.
    pub fn power_progress(&self) -> (u64, u64) {
        self.power_parts.iter().fold((0, 0), |(d, t), p| (d + p.done, t + p.total))
    }

    /// "Plan sample size" may be pressed: a readable file, nothing else
    /// under way.
    pub fn can_plan(&self) -> bool {
        self.file.is_some() && self.data_error.is_none() && !self.is_busy()
    }

    /// The point result is kept off the screen until the run is done: a
    /// short bootstrap (expected under [`QUICK_RUN_SECONDS`]) with nothing
    /// else to run. Drawing the tables twice, once while the workers
    /// bootstrap, cost the workers a core that the page's main thread took.
    pub fn holds_point_result(&self) -> bool {
        matches!(self.phase, Phase::Bootstrapping | Phase::Finishing)
            && self.repetitions == 0
            && self.study.is_empty()
            && self.expected_seconds().is_some_and(|t| t < QUICK_RUN_SECONDS)
    }

    /// An analysis is under way (reading a file is not one).
    pub fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Preparing | Phase::Bootstrapping | Phase::Cancelling | Phase::Finishing)
    }

    /// Run may be pressed: there is a readable file and no analysis under
    /// way. While the file is being read the run waits for it.
    pub fn can_run(&self) -> bool {
        self.file.is_some() && self.data_error.is_none() && !self.is_running() && !self.is_planning()
    }

    pub fn can_cancel(&self) -> bool {
        matches!(self.phase, Phase::Preparing | Phase::Bootstrapping) || (self.phase == Phase::Finishing && (self.predicting.is_some() || self.comparing.is_some()))
    }

    pub fn read_options(&self) -> ReadOptions {
        ReadOptions { missing_codes: parse_codes(&self.missing_code), sheet: self.sheet.clone(), codes_are_answers: self.suspects_dismissed, ..ReadOptions::default() }
    }

    /// The model text is the user's own: not empty, not the example's, not
    /// the one proposed from the columns. Replacing it asks first.
    pub fn model_edited(&self) -> bool {
        let text = normalized_model(&self.model_text);
        !self.model_text.trim().is_empty() && text != normalized_model(EXAMPLE_MODEL) && text != normalized_model(&self.proposed_model)
    }

    /// Whether the model names a column the file does not have (so it
    /// cannot be this file's model).
    fn model_fits(&self, columns: &[String]) -> bool {
        match parse_syntax(&self.model_text) {
            // a higher-order construct's indicators are constructs, not columns
            Ok(m) => m.constructs.iter().flat_map(|c| &c.indicators).all(|i| columns.contains(i) || m.constructs.iter().any(|c| &c.name == i)),
            // a model being written is the user's: keep it
            Err(_) => true,
        }
    }

    /// Why the last run failed, shown beside Run: its own error, or, when
    /// the model or the file was the reason, that error (also shown at the
    /// model or the file, which may be out of view).
    pub fn failure(&self) -> Option<Error> {
        if self.phase != Phase::Failed {
            return self.run_error.clone();
        }
        self.run_error.clone().or_else(|| self.model_error.clone()).or_else(|| self.data_error.clone())
    }

    /// The suspect missing codes to ask about (none once answered).
    pub fn suspect_codes(&self) -> &[SuspectCode] {
        match &self.preview {
            Some(p) if !self.suspects_dismissed => &p.suspects.codes,
            _ => &[],
        }
    }

    fn inputs(&self) -> RunInputs {
        RunInputs {
            file: self.file.as_ref().map(|(_, b)| b.clone()),
            options: self.read_options(),
            model: normalized_model(&self.model_text),
            settings: self.settings.clone(),
            study: self.study.clone(),
        }
    }

    /// Size the next ranges from one that took `elapsed_ms` ([`adapted_chunk`]).
    pub fn adapt_chunk(&mut self, len: u64, elapsed_ms: f64) {
        self.run_chunk = adapted_chunk(self.base_chunk, len, elapsed_ms, self.total.saturating_sub(self.next), self.workers);
    }

    fn send(&mut self, worker: usize, msg: ToWorker) {
        self.sends.push(Send { worker, msg });
    }

    /// Hand the next unit, if any, to `worker`: the resamples' ranges
    /// first, then PLSpredict's repetitions.
    fn assign(&mut self, worker: usize) {
        if self.phase != Phase::Bootstrapping || self.busy[worker].is_some() {
            return;
        }
        // worker 0 combines the draws and repetitions at the end: it keeps its own
        let keep = worker == 0;
        if self.next < self.total {
            let (start, end) = (self.next, (self.next + self.run_chunk.max(1)).min(self.total));
            self.next = end;
            self.busy[worker] = Some(Unit::Resamples(start, end));
            self.send(worker, ToWorker::Boot { job: self.job, start, end, keep });
        } else if self.next_repetition < self.repetitions {
            let repetition = self.next_repetition;
            self.next_repetition += 1;
            self.busy[worker] = Some(Unit::Repetition(repetition));
            self.show_predicting();
            self.send(worker, ToWorker::Predict { job: self.job, repetition, keep });
        }
    }

    /// PLSpredict's progress in training folds, by repetitions finished.
    fn show_predicting(&mut self) {
        let folds = self.settings.predict.folds as u64;
        self.predicting = Some((self.repetitions_done * folds, self.repetitions * folds));
    }

    /// Every unit handed out and answered.
    fn units_finished(&self) -> bool {
        self.done >= self.total && self.repetitions_done >= self.repetitions && self.in_flight() == 0
    }

    fn in_flight(&self) -> usize {
        self.busy.iter().filter(|b| b.is_some()).count()
    }

    /// Read the file (again) with the current options. The preview on
    /// screen stays until the new one arrives.
    fn load(&mut self) {
        if let Some((_, bytes)) = &self.file {
            self.job += 1;
            self.phase = Phase::Loading;
            self.data_error = None;
            let options = self.read_options();
            self.loaded_options = Some(options.clone());
            let msg = ToWorker::Load { job: self.job, bytes: bytes.clone(), options };
            self.send(0, msg);
        }
    }

    /// Whether the missing-code field says something the preview was not
    /// read with.
    fn codes_pending(&self) -> bool {
        self.file.is_some() && self.loaded_options.as_ref() != Some(&self.read_options())
    }

    /// Prepare the analysis on every worker needed.
    fn start_run(&mut self) {
        let Some((_, bytes)) = self.file.clone() else { return };
        let workers = self.workers.max(1);
        self.job += 1;
        self.phase = Phase::Preparing;
        self.model_error = None;
        self.run_error = None;
        self.result = None;
        self.ran_with = Some(self.inputs());
        self.complete = false;
        self.total = self.settings.bootstrap as u64;
        self.chunk = self.chunk.max(1);
        self.run_chunk = self.chunk;
        self.base_chunk = self.chunk;
        self.done = 0;
        self.next = 0;
        self.repetitions = if self.settings.predict.is_off() { 0 } else { self.settings.predict.repetitions as u64 };
        self.repetitions_done = 0;
        self.next_repetition = 0;
        self.ready = vec![false; workers];
        self.busy = vec![None; workers];
        self.predicting = None;
        self.comparing = None;
        // Without a bootstrap or PLSpredict only worker 0 is needed; only
        // it runs the study.
        let n = if self.has_units() { workers } else { 1 };
        for w in 0..n {
            let study = if w == 0 { self.study.clone() } else { Study::default() };
            let msg = ToWorker::Prepare { job: self.job, bytes: bytes.clone(), options: self.read_options(), model_text: self.model_text.clone(), settings: self.settings.clone(), study };
            self.send(w, msg);
        }
    }

    fn fail(&mut self, error: Error) {
        self.phase = Phase::Failed;
        self.predicting = None;
        self.comparing = None;
        self.busy.iter_mut().for_each(|b| *b = None);
        if error.is_model_error() {
            self.model_error = Some(error);
        } else {
            self.run_error = Some(error);
        }
    }

    /// The estimated time of the next run's bootstrap, in seconds: from the
    /// rows of the file read and the model's indicators.
    pub fn expected_seconds(&self) -> Option<f64> {
        let rows = self.preview.as_ref()?.info.rows;
        let items = parse_syntax(&self.model_text).ok()?.constructs.iter().map(|c| c.indicators.len()).sum();
        Some(bootstrap_seconds(rows, items, self.settings.bootstrap, self.workers))
    }

    /// Columns that can group the rows: the text columns, then the numeric
    /// columns the model does not use.
    pub fn group_columns(&self) -> Vec<String> {
        let Some(p) = &self.preview else { return Vec::new() };
        let used: Vec<String> = parse_syntax(&self.model_text).map(|m| m.constructs.into_iter().flat_map(|c| c.indicators).collect()).unwrap_or_default();
        p.text.iter().map(|t| t.name.clone()).chain(p.names.iter().filter(|n| !used.contains(n)).cloned()).collect()
    }

    /// The constructs with a path into them (an IPMA's possible targets).
    pub fn ipma_targets(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for p in parse_syntax(&self.model_text).map(|m| m.paths).unwrap_or_default() {
            if !out.contains(&p.to) {
                out.push(p.to);
            }
        }
        out
    }

    /// The model's constructs (parsed from the text), for the form's selects.
    pub fn construct_names(&self) -> Vec<String> {
        self.construct_modes().into_iter().map(|(name, _)| name).collect()
    }

    /// The constructs of the model text and how each is measured.
    pub fn construct_modes(&self) -> Vec<(String, Mode)> {
        construct_modes(&self.model_text)
    }
}

pub fn reduce(s: State, action: Action) -> State {
    let mut s = step(s, action);
    s.stale = match (&s.result, &s.ran_with) {
        (Some(_), Some(inputs)) => *inputs != s.inputs(),
        _ => false,
    };
    s
}

fn step(mut s: State, action: Action) -> State {
    s.sends.clear();
    s.terminate = false;
    match action {
        Action::File { .. } | Action::Example { .. } | Action::SetMissingCode(_) | Action::CommitMissingCode | Action::AddMissingCodes(_) | Action::DismissSuspects | Action::SetSheet(_) | Action::Error(_) => {
            return data_step(s, action)
        }
        Action::SetModel(_) | Action::SetMode { .. } | Action::AddPath { .. } | Action::AddInteraction { .. } | Action::AddHoc { .. } | Action::RemovePath { .. } | Action::MoveItem { .. } | Action::RestoreModel => {
            s.before = None;
            model_step(&mut s, action)
        }
        Action::Exclude { .. } | Action::Restore { .. } => return prune_step(s, action),
        Action::SetSetting(change) => {
            change.apply(&mut s.settings);
        }
        Action::SetStudy(study) => s.study = study,
        Action::PlaceConstruct { name, offset } => {
            let mut moves = (*s.moves).clone();
            moves.insert(name, offset);
            s.moves = Rc::new(moves);
        }
        Action::ResetLayout => s.moves = Rc::default(),
        Action::SetPower(request) => s.power_request = request,
        Action::RunPower { .. } | Action::CancelPower => return power_step(s, action),
        Action::Worker { worker, msg } if s.is_planning() && msg.job() == s.job => {
            power_answer(&mut s, worker, msg);
        }
        other => return run_step(s, other),
    }
    s
}

/// Reading the data: a file, the example, the missing codes, the sheet.
fn data_step(mut s: State, action: Action) -> State {
    match action {
        Action::File { name, bytes } => {
            if s.is_busy() {
                return s;
            }
            s.file = Some((name, bytes.into()));
            s.excluded.clear();
            s.before = None;
            s.preview = None;
            s.data_error = None;
            s.run_error = None;
            s.run_after_load = false;
            s.suspects_dismissed = false;
            s.sheet = None;
            s.load();
        }
        Action::Example { bytes } => {
            if s.is_busy() {
                return s;
            }
            let old = std::mem::replace(&mut s.model_text, EXAMPLE_MODEL.into());
            s.previous_model = (!old.trim().is_empty() && normalized_model(&old) != normalized_model(EXAMPLE_MODEL)).then_some(old);
            s.model_error = None;
            s = step(s, Action::File { name: EXAMPLE_NAME.into(), bytes });
            s.run_after_load = true;
        }
        Action::SetMissingCode(code) => s.missing_code = code,
        // the preview's counts depend on the codes; a run in progress
        // keeps the file it was started with
        Action::CommitMissingCode if s.codes_pending() && !s.is_running() => {
            let queued = s.run_after_load;
            s.load();
            s.run_after_load = queued;
        }
        Action::AddMissingCodes(codes) => {
            let mut all = parse_codes(&s.missing_code);
            for c in codes {
                if !all.contains(&c) {
                    all.push(c);
                }
            }
            s.missing_code = all.join(" ");
            s = step(s, Action::CommitMissingCode);
        }
        Action::DismissSuspects => s.suspects_dismissed = true,
        Action::SetSheet(sheet) if !s.is_busy() && sheet != s.sheet => {
            s.sheet = sheet;
            s.preview = None;
            s.suspects_dismissed = false;
            s.load();
        }
        Action::Error(e) => {
            s.phase = Phase::Failed;
            s.run_after_load = false;
            s.data_error = Some(e);
        }
        _ => {}
    }
    s
}

/// Editing the model text (directly or through the form).
fn model_step(s: &mut State, action: Action) {
    match action {
        Action::SetModel(text) => {
            s.model_text = text;
            s.model_error = None;
        }
        Action::SetMode { construct, mode } => edit_model(s, |m| {
            if let Some(c) = m.constructs.iter_mut().find(|c| c.name == construct) {
                c.mode = mode;
            }
        }),
        Action::AddPath { from, to } => edit_model(s, |m| {
            if from != to && !m.paths.iter().any(|p| p.from == from && p.to == to) {
                m.paths.push(RawPath { from, to, line: None });
            }
        }),
        Action::AddInteraction { iv, moderator, dv } => edit_model(s, |m| {
            if iv != moderator && iv != dv && moderator != dv && !m.interactions.iter().any(|i| i.iv == iv && i.moderator == moderator && i.dv.as_deref() == Some(&dv)) {
                for from in [&iv, &moderator] {
                    if !m.paths.iter().any(|p| &p.from == from && p.to == dv) {
                        m.paths.push(RawPath { from: from.clone(), to: dv.clone(), line: None });
                    }
                }
                m.interactions.push(RawInteraction { iv, moderator, dv: Some(dv), line: None });
            }
        }),
        Action::AddHoc { name, dimensions } => edit_model(s, |m| {
            let name = name.trim().to_string();
            if !name.is_empty() && dimensions.len() >= 2 && !m.constructs.iter().any(|c| c.name == name) {
                m.constructs.push(crate::model::RawConstruct { name, mode: Mode::A, indicators: dimensions, line: None });
            }
        }),
        Action::RemovePath { from, to } => edit_model(s, |m| {
            m.paths.retain(|p| !(p.from == from && p.to == to));
            m.interactions.retain(|i| !(i.name() == from && i.dv.as_deref() == Some(&to)));
        }),
        Action::MoveItem { item, to } => {
            let column = s.preview.as_ref().is_some_and(|p| p.names.contains(&item));
            edit_model(s, |m| {
                let construct = |n: &str| m.constructs.iter().any(|c| c.name == n);
                let known = column || m.constructs.iter().any(|c| c.indicators.contains(&item));
                if construct(&to) && !construct(&item) && known {
                    for c in m.constructs.iter_mut() {
                        c.indicators.retain(|i| *i != item);
                    }
                    if let Some(c) = m.constructs.iter_mut().find(|c| c.name == to) {
                        c.indicators.push(item);
                    }
                }
            })
        }
        Action::RestoreModel => {
            if let Some(previous) = s.previous_model.take() {
                s.model_text = previous;
                s.model_error = None;
            }
        }
        _ => {}
    }
}

/// Running, cancelling, the workers' answers and failures, a loaded result.
fn run_step(mut s: State, action: Action) -> State {
    match action {
        Action::Run { workers } => {
            if s.is_running() || s.file.is_none() {
                return s;
            }
            s.workers = workers.max(1);
            if s.phase == Phase::Loading {
                s.run_after_load = true;
            } else if s.codes_pending() {
                // a code typed but not yet applied: read with it, then run
                s.load();
                s.run_after_load = true;
            } else {
                s.start_run();
            }
        }
        Action::Cancel => match s.phase {
            Phase::Bootstrapping => {
                s.phase = if s.in_flight() == 0 { Phase::Cancelled } else { Phase::Cancelling };
                s.predicting = None;
            }
            // PLSpredict and the groups run in one message of worker 0:
            // the workers are terminated, any answer dropped
            Phase::Finishing if s.can_cancel() => {
                s.phase = Phase::Cancelled;
                s.predicting = None;
                s.comparing = None;
                s.job += 1;
                s.terminate = true;
            }
            Phase::Preparing => {
                s.phase = Phase::Cancelled;
                s.job += 1; // answers still on their way are dropped
            }
            _ => {}
        },
        Action::WorkersLost if s.is_planning() => {
            s.job += 1;
            s.power_parts.clear();
            s.power_error = Some(WorkerError::Lost.into());
        }
        Action::WorkerCrashed { message } if s.is_planning() => {
            s.job += 1;
            s.power_parts.clear();
            s.power_error = Some(WorkerError::Crashed { message }.into());
        }
        Action::WorkersLost if s.is_busy() => {
            s.job += 1;
            s.run_after_load = false;
            s.fail(WorkerError::Lost.into());
        }
        Action::WorkerCrashed { message } if s.is_busy() => {
            s.job += 1; // answers of the surviving workers are dropped
            s.run_after_load = false;
            s.fail(WorkerError::Crashed { message }.into());
        }
        Action::LoadResult(r) => {
            if s.is_busy() {
                return s;
            }
            s.job += 1;
            s.settings = r.settings.clone();
            s.model_text = r.model_syntax.clone();
            s.model_error = None;
            s.run_error = None;
            s.data_error = None;
            s.total = r.bootstrap.as_ref().map(|b| b.resamples as u64).unwrap_or(0);
            s.done = s.total;
            s.complete = true;
            s.phase = Phase::Done;
            s.result = Some(Rc::new(*r));
            // what it shows is what it was computed from: not out of date
            s.ran_with = Some(s.inputs());
        }
        Action::Worker { worker, msg } => {
            if msg.job() != s.job || worker >= s.workers.max(1) {
                return s;
            }
            on_worker(&mut s, worker, msg);
        }
        _ => {}
    }
    s
}

fn on_worker(s: &mut State, worker: usize, msg: FromWorker) {
    match (s.phase.clone(), msg) {
        (Phase::Loading, FromWorker::Loaded { preview, proposed, .. }) => {
            // A new file's columns propose a model, unless the text is the
            // user's own and fits the file (the old text stays one click away).
            // A column that holds text is the file's too: a stray text cell
            // in an item keeps the model, and Run then names the cell.
            let columns: Vec<String> = preview.names.iter().cloned().chain(preview.text.iter().map(|t| t.name.clone())).collect();
            if s.model_text.trim().is_empty() || !s.model_fits(&columns) {
                let old = std::mem::replace(&mut s.model_text, proposed.clone());
                s.previous_model = (!old.trim().is_empty() && old != proposed).then_some(old);
                s.model_error = None;
            }
            s.proposed_model = proposed;
            // a grouping column this file does not have is forgotten
            let has = |c: &str| preview.names.iter().any(|n| n == c) || preview.text.iter().any(|t| t.name == c);
            if s.study.groups.as_deref().and_then(|g| GroupSpec::parse(g).ok()).is_some_and(|g| !has(g.column())) {
                s.study.groups = None;
            }
            s.preview = Some(Rc::new(preview));
            s.phase = Phase::Idle;
            if std::mem::take(&mut s.run_after_load) {
                let workers = s.workers.max(1);
                *s = step(std::mem::take(s), Action::Run { workers });
            }
        }
        (Phase::Loading, FromWorker::Failed { error, .. }) => {
            s.phase = Phase::Failed;
            s.run_after_load = false;
            s.data_error = Some(error);
        }
        (Phase::Preparing | Phase::Bootstrapping | Phase::Cancelling, FromWorker::Prepared { result, .. }) => {
            if s.ready.get(worker) != Some(&false) {
                return;
            }
            s.ready[worker] = true;
            if s.result.is_none() {
                let items = result.constructs.iter().filter(|c| !c.interaction).map(|c| c.indicators.len()).sum();
                s.run_chunk = s.chunk.min(chunk_for(result.n, items));
                s.base_chunk = s.run_chunk;
                s.result = Some(Rc::new(*result));
            }
            if !s.has_units() {
                if !s.study.is_empty() {
                    // worker 0 runs the study (after its Prepare, which it
                    // has answered or will have when it reads this)
                    if s.phase == Phase::Preparing {
                        s.start_finish();
                    }
                    return;
                }
                s.phase = Phase::Done;
                s.complete = true;
                return;
            }
            if s.phase == Phase::Preparing {
                s.phase = Phase::Bootstrapping;
            }
            s.assign(worker);
        }
        (Phase::Bootstrapping | Phase::Cancelling, FromWorker::BootDone { start, end, draws, .. }) => {
            if s.busy[worker] != Some(Unit::Resamples(start, end)) {
                return;
            }
            s.busy[worker] = None;
            s.done += end - start;
            if s.phase == Phase::Cancelling {
                if s.in_flight() == 0 {
                    s.phase = Phase::Cancelled;
                }
                return;
            }
            // another worker's draws go straight on to worker 0, which
            // keeps them for the Finish (posted after them, so it has them)
            if let Some(draws) = draws {
                s.send(0, ToWorker::Keep { job: s.job, draws });
            }
            s.assign(worker);
            if s.units_finished() {
                s.start_finish();
            }
        }
        (Phase::Bootstrapping | Phase::Cancelling, FromWorker::PredictDone { repetition, sums, .. }) => {
            if s.busy[worker] != Some(Unit::Repetition(repetition)) {
                return;
            }
            s.busy[worker] = None;
            s.repetitions_done += 1;
            if s.phase == Phase::Cancelling {
                if s.in_flight() == 0 {
                    s.phase = Phase::Cancelled;
                }
                return;
            }
            s.show_predicting();
            if let Some(sums) = sums {
                s.send(0, ToWorker::KeepRepetition { job: s.job, sums });
            }
            s.assign(worker);
            if s.units_finished() {
                s.start_finish();
            }
        }
        (Phase::Finishing, FromWorker::Predicting { done, total, .. }) => {
            s.predicting = Some((done, total));
        }
        (Phase::Finishing, FromWorker::Comparing { step, steps, done, total, .. }) => {
            // PLSpredict, which runs first, is over
            s.predicting = None;
            s.comparing = Some((step, steps, done, total));
        }
        (Phase::Finishing, FromWorker::Finished { result, .. }) => {
            s.result = Some(Rc::new(*result));
            s.complete = true;
            s.phase = Phase::Done;
            s.predicting = None;
            s.comparing = None;
        }
        (Phase::Preparing | Phase::Bootstrapping | Phase::Cancelling | Phase::Finishing, FromWorker::Failed { error, .. }) => {
            if error.is_cancelled() {
                return;
            }
            s.job += 1;
            s.fail(error);
        }
        _ => {}
    }
}

/// Start or cancel a power analysis. The sample sizes are dealt out to the
/// workers by their cost (a replication's work grows with n): the largest
/// first, each to the worker with the least so far. Replication r at size
/// n depends on the seed, n and r alone, so the merged result is the same
/// for any number of workers.
fn power_step(mut s: State, action: Action) -> State {
    match action {
        Action::RunPower { workers } if s.can_plan() => {
            let Some((_, bytes)) = s.file.clone() else { return s };
            let mut grid = s.power_request.grid.clone();
            grid.sort_unstable();
            grid.dedup();
            let w = workers.max(1).min(grid.len().max(1));
            s.job += 1;
            s.power_result = None;
            s.power_error = None;
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); w];
            for &n in grid.iter().rev() {
                let k = (0..w).min_by_key(|&k| parts[k].iter().sum::<usize>()).unwrap_or(0);
                parts[k].push(n);
            }
            s.power_parts = parts
                .into_iter()
                .map(|mut g| {
                    g.sort_unstable();
                    PowerPart { grid: g, result: None, done: 0, total: 0 }
                })
                .collect();
            for k in 0..w {
                let request = PowerRequest { grid: s.power_parts[k].grid.clone(), ..s.power_request.clone() };
                let msg = ToWorker::Power { job: s.job, bytes: bytes.clone(), options: s.read_options(), model_text: s.model_text.clone(), settings: s.settings.clone(), request };
                s.send(k, msg);
            }
        }
        Action::CancelPower if s.is_planning() => {
            s.job += 1;
            s.power_parts.clear();
            s.terminate = true;
        }
        _ => {}
    }
    s
}

/// A worker's answer to its part of the power analysis.
fn power_answer(s: &mut State, worker: usize, msg: FromWorker) {
    let Some(part) = s.power_parts.get_mut(worker) else { return };
    match msg {
        FromWorker::PowerProgress { done, total, .. } => (part.done, part.total) = (done, total),
        FromWorker::PowerDone { result, .. } => {
            part.done = part.total;
            part.result = Some(*result);
            if s.power_parts.iter().all(|p| p.result.is_some()) {
                let parts: Vec<PowerResult> = s.power_parts.drain(..).filter_map(|p| p.result).collect();
                s.power_result = merge(&parts).map(Rc::new);
            }
        }
        FromWorker::Failed { error, .. } if !error.is_cancelled() => {
            s.job += 1;
            s.power_parts.clear();
            s.power_error = Some(error);
        }
        _ => {}
    }
}

/// Apply `f` to the parsed model and write the text back (comments and
/// layout are normalized). A model that does not parse is left alone and its
/// error shown.
/// Pruning: exclude or restore one indicator, then run again; the complete
/// result before is kept to show what changed.
fn prune_step(mut s: State, action: Action) -> State {
    if s.is_running() || s.file.is_none() {
        return s;
    }
    let before = s.result.clone().filter(|_| s.complete && !s.stale);
    match action {
        Action::Exclude { item } => {
            let mut found = None;
            edit_model(&mut s, |m| {
                if let Some(c) = m.constructs.iter_mut().find(|c| c.indicators.contains(&item)) {
                    let position = c.indicators.iter().position(|i| *i == item).expect("contained");
                    if c.indicators.len() > 1 {
                        c.indicators.remove(position);
                        found = Some(Excluded { item: item.clone(), construct: c.name.clone(), position });
                    }
                }
            });
            match found {
                Some(e) => s.excluded.push(e),
                None => return s,
            }
        }
        Action::Restore { item } => {
            let Some(k) = s.excluded.iter().position(|e| e.item == item) else { return s };
            let e = s.excluded.remove(k);
            edit_model(&mut s, |m| {
                if let Some(c) = m.constructs.iter_mut().find(|c| c.name == e.construct) {
                    if !c.indicators.contains(&e.item) {
                        c.indicators.insert(e.position.min(c.indicators.len()), e.item.clone());
                    }
                }
            });
        }
        _ => return s,
    }
    if s.model_error.is_some() {
        return s;
    }
    s.before = before;
    let workers = s.workers.max(1);
    run_step(s, Action::Run { workers })
}

fn edit_model(s: &mut State, f: impl FnOnce(&mut crate::model::RawModel)) {
    match parse_syntax(&s.model_text) {
        Ok(mut m) => {
            f(&mut m);
            s.model_text = m.to_syntax();
            s.model_error = None;
        }
        Err(e) => s.model_error = Some(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::job::Session;

    const CSV: &[u8] = include_bytes!("../../www/examples/crm_sc_bp.csv");

    /// Plays `n` real workers (native [`Session`]s): answers every send, the
    /// oldest first, until nothing is left; `cancel_at` presses Cancel after
    /// that many answers.
    fn play(mut s: State, workers: &mut Vec<Session>, cancel_at: Option<usize>) -> State {
        let mut queue: Vec<Send> = s.sends.clone();
        let mut answered = 0;
        while !queue.is_empty() {
            let send = queue.remove(0);
            if Some(answered) == cancel_at {
                s = reduce(s, Action::Cancel);
            }
            while workers.len() <= send.worker {
                workers.push(Session::default());
            }
            // Keep is not answered
            let Some(msg) = workers[send.worker].handle(send.msg) else { continue };
            s = reduce(s, Action::Worker { worker: send.worker, msg });
            queue.extend(s.sends.iter().cloned());
            answered += 1;
        }
        s
    }

    fn with_settings(b: usize) -> State {
        State::new(Settings { bootstrap: b, seed: 1, ..Settings::smartpls() })
    }

    #[test]
    fn the_form_switches_a_construct_between_mode_a_and_b() {
        let s = State { model_text: EXAMPLE_MODEL.into(), ..with_settings(0) };
        assert!(s.construct_modes().iter().all(|(_, m)| *m == Mode::A));
        let s = reduce(s, Action::SetMode { construct: "SC".into(), mode: Mode::B });
        assert!(s.model_text.contains("SC <~"), "{}", s.model_text);
        assert_eq!(s.construct_modes().iter().filter(|(_, m)| *m == Mode::B).map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["SC"]);
        // paths and interactions are kept
        assert_eq!(parse_syntax(&s.model_text).unwrap().paths, parse_syntax(EXAMPLE_MODEL).unwrap().paths);
        let s = reduce(s, Action::SetMode { construct: "SC".into(), mode: Mode::A });
        assert!(s.construct_modes().iter().all(|(_, m)| *m == Mode::A), "{}", s.model_text);
        // an unknown construct changes nothing
        let before = s.model_text.clone();
        assert_eq!(reduce(s, Action::SetMode { construct: "XYZ".into(), mode: Mode::B }).model_text, before);
    }

    #[test]
    fn example_loads_previews_and_runs_to_the_end() {
        let s = reduce(State { workers: 2, ..with_settings(250) }, Action::Example { bytes: CSV.to_vec() });
        assert_eq!(s.phase, Phase::Loading);
        assert_eq!(s.sends.len(), 1);
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert!(s.preview.is_some());
        assert!(s.complete);
        assert_eq!(s.done, 250);
        let r = s.result.unwrap();
        assert_eq!(r.bootstrap.as_ref().map(|b| b.resamples), Some(250));
    }

    /// Excluding an indicator takes it out of the model text and runs again,
    /// keeping the result before; restoring puts it back where it was.
    #[test]
    fn exclude_and_restore_an_indicator_run_again() {
        let s = play(reduce(State { workers: 2, ..with_settings(60) }, Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        let text0 = s.model_text.clone();
        let first = s.result.clone().unwrap();
        let s = reduce(s, Action::Exclude { item: "CRM2".into() });
        assert!(s.is_running(), "runs again at once");
        assert!(!parse_syntax(&s.model_text).unwrap().constructs.iter().any(|c| c.indicators.contains(&"CRM2".to_string())), "{}", s.model_text);
        assert_eq!(s.excluded, [Excluded { item: "CRM2".into(), construct: "CRM".into(), position: 1 }]);
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert!(Rc::ptr_eq(s.before.as_ref().unwrap(), &first));
        let after = s.result.clone().unwrap();
        assert!(after.outer_loadings.get("CRM").unwrap().get("CRM2").is_none());
        assert!(crate::report::tables::pruning::comparison(&first, &after, crate::report::Lang::En).is_some());
        let s = reduce(s, Action::Restore { item: "CRM2".into() });
        let s = play(s, &mut vec![], None);
        assert!(s.excluded.is_empty());
        assert_eq!(parse_syntax(&s.model_text).unwrap().constructs, parse_syntax(&text0).unwrap().constructs);
        assert_eq!(s.result.as_ref().unwrap().outer_loadings, first.outer_loadings);
        // the last indicator of a construct cannot be excluded; unknown items change nothing
        let one = "A =~ CRM1\nB =~ BP1 + BP2\nB ~ A\n";
        let s = reduce(reduce(s, Action::SetModel(one.into())), Action::Exclude { item: "CRM1".into() });
        assert!(s.excluded.is_empty() && !s.is_running());
        let s = reduce(s, Action::Exclude { item: "nope".into() });
        assert!(s.excluded.is_empty() && !s.is_running());
    }

    #[test]
    fn ranges_last_about_the_target_and_shrink_at_the_end() {
        // 100 fast resamples in 2 ms: grows, but to no more than half of
        // each worker's share of what is left
        assert_eq!(adapted_chunk(100, 100, 2.0, 4800, 2), 1200);
        assert_eq!(adapted_chunk(100, 100, 2.0, 1_000_000, 2), 5000.min(MAX_CHUNK));
        // never below the first size for balance alone
        assert_eq!(adapted_chunk(100, 100, 2.0, 40, 2), 100);
        // slow resamples: fewer per range, one at the least
        assert_eq!(adapted_chunk(5, 5, 250.0, 5000, 2), 2);
        assert_eq!(adapted_chunk(1, 1, 900.0, 5000, 2), 1);
        // no usable time: the first size
        assert_eq!(adapted_chunk(7, 0, 10.0, 100, 2), 7);
        assert_eq!(adapted_chunk(7, 3, 0.0, 100, 2), 7);
        assert_eq!(adapted_chunk(7, 3, f64::NAN, 100, 2), 7);
        // the state applies it to the resamples not yet handed out
        let mut s = State { workers: 2, total: 5000, next: 200, base_chunk: 100, run_chunk: 100, ..State::default() };
        s.adapt_chunk(100, 2.0);
        assert_eq!(s.run_chunk, 1200);
        s.next = 5000;
        s.adapt_chunk(100, 2.0);
        assert_eq!(s.run_chunk, 100);
    }

    #[test]
    fn ranges_are_smaller_on_large_data() {
        assert_eq!(chunk_for(42, 18), DEFAULT_CHUNK);
        assert_eq!(chunk_for(250, 24), DEFAULT_CHUNK);
        assert_eq!(chunk_for(100_000, 30), 1);
        let mid = chunk_for(10_000, 50);
        assert!((2..20).contains(&mid), "{mid}");
        assert!(chunk_for(20_000, 50) <= mid);
        assert_eq!(chunk_for(0, 0), DEFAULT_CHUNK);
        // 5000 resamples of 100,000 × 30 with 2 workers: about 6 minutes
        // (measured: 3,500 in 4 minutes)
        let t = bootstrap_seconds(100_000, 30, 5000, 2);
        assert!((300.0..420.0).contains(&t), "{t}");
        assert!(bootstrap_seconds(42, 18, 5000, 2) < 1.0);
        // measured with 1 worker (bench/browser.mjs, bootstrap and fixed
        // costs): 10,000 × 50 15.4–17.4 s, ECSI 0.27–0.40 s, the example 0.26–0.35 s
        let large = bootstrap_seconds(10_000, 50, 5000, 1);
        assert!((12.0..20.0).contains(&large), "{large}");
        let ecsi = bootstrap_seconds(250, 24, 5000, 1);
        assert!((0.15..0.40).contains(&ecsi), "{ecsi}");
        let example = bootstrap_seconds(42, 18, 5000, 1);
        assert!((0.08..0.35).contains(&example), "{example}");
    }

    #[test]
    fn result_is_the_same_for_any_number_of_workers() {
        let run = |w: usize| {
            let s = reduce(with_settings(230), Action::SetModel(EXAMPLE_MODEL.into()));
            let s = reduce(s, Action::File { name: "x.csv".into(), bytes: CSV.to_vec() });
            let s = play(s, &mut vec![], None);
            let s = reduce(s, Action::Run { workers: w });
            assert_eq!(s.sends.len(), w);
            play(s, &mut vec![], None)
        };
        let (one, three) = (run(1), run(3));
        assert_eq!(one.phase, Phase::Done);
        assert_eq!(one.result, three.result);
    }

    /// The downloaded JSON loads back into the same tables, settings and
    /// model (exactly the same text in every cell).
    #[test]
    fn result_json_loads_back_to_the_same_tables() {
        let s = play(reduce(with_settings(120), Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        let r = s.result.clone().unwrap();
        let json = serde_json::to_string_pretty(&*r).unwrap();
        let back = parse_result(json.as_bytes()).unwrap();
        assert_eq!(crate::report::tables(&back, crate::report::Lang::En), crate::report::tables(&r, crate::report::Lang::En));
        let loaded = reduce(State::new(Settings::seminr()), Action::LoadResult(Box::new(back)));
        assert_eq!(loaded.phase, Phase::Done);
        assert!(loaded.complete);
        assert_eq!(loaded.settings, r.settings);
        assert_eq!(loaded.model_text, r.model_syntax);
        assert_eq!(crate::report::svg::path_diagram(loaded.result.as_ref().unwrap(), crate::report::Lang::En), crate::report::svg::path_diagram(&r, crate::report::Lang::En));
        let err = parse_result(b"{\"not\": 1}").unwrap_err();
        assert_eq!(err.code(), "result.invalid");
    }

    #[test]
    fn a_short_bootstrap_shows_its_tables_once_at_the_end() {
        let done = play(reduce(State { workers: 2, ..with_settings(2000) }, Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(done.phase, Phase::Done);
        assert!(!done.holds_point_result());
        let boot = State { phase: Phase::Bootstrapping, ..done.clone() };
        assert!(boot.expected_seconds().unwrap() < QUICK_RUN_SECONDS);
        assert!(boot.holds_point_result());
        assert!(State { phase: Phase::Finishing, ..boot.clone() }.holds_point_result());
        // shown at once: when cancelling, for a long bootstrap, with
        // PLSpredict to run after it
        assert!(!State { phase: Phase::Cancelling, ..boot.clone() }.holds_point_result());
        let long = State { settings: Settings { bootstrap: 100_000, ..boot.settings.clone() }, workers: 1, ..boot.clone() };
        assert!(long.expected_seconds().unwrap() > QUICK_RUN_SECONDS && !long.holds_point_result());
        assert!(!State { repetitions: 10, ..boot.clone() }.holds_point_result());
    }

    #[test]
    fn point_result_first_then_cancel_keeps_it() {
        let s = reduce(State { workers: 2, ..with_settings(2000) }, Action::Example { bytes: CSV.to_vec() });
        let s = play(s, &mut vec![], Some(5));
        assert_eq!(s.phase, Phase::Cancelled);
        assert!(s.done > 0 && s.done < 2000);
        assert!(s.result.is_some() && !s.complete);
        assert!(s.busy.iter().all(Option::is_none));
        // Runs again afterwards.
        let s = reduce(s, Action::Run { workers: 2 });
        assert_eq!(s.phase, Phase::Preparing);
    }

    #[test]
    fn bad_file_shows_error_and_keeps_the_model() {
        let s = reduce(with_settings(0), Action::SetModel("A =~ a".into()));
        let s = play(reduce(s, Action::File { name: "bad.csv".into(), bytes: b"a,b\n1,2\n3\n".to_vec() }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Failed);
        assert_eq!(s.data_error.as_ref().and_then(|e| e.location.row), Some(3));
        assert!(s.preview.is_none());
        assert_eq!(s.model_text, "A =~ a");
    }

    #[test]
    fn model_error_goes_under_the_editor() {
        let s = play(reduce(with_settings(100), Action::File { name: "x.csv".into(), bytes: CSV.to_vec() }), &mut vec![], None);
        let s = reduce(s, Action::SetModel("CRM =~ CRM1 + CRM2\nBP ~ NOPE".into()));
        let s = play(reduce(s, Action::Run { workers: 2 }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Failed);
        assert!(s.model_error.is_some(), "{:?}", s.run_error);
        assert!(s.result.is_none());
    }

    #[test]
    fn stale_answers_are_ignored_and_lost_workers_fail_the_run() {
        let s = play(reduce(with_settings(300), Action::File { name: "x.csv".into(), bytes: CSV.to_vec() }), &mut vec![], None);
        let s = reduce(s, Action::SetModel(EXAMPLE_MODEL.into()));
        let s = reduce(s, Action::Run { workers: 1 });
        let job = s.job;
        let stale = reduce(s.clone(), Action::Worker { worker: 0, msg: FromWorker::Failed { job: job - 1, error: WorkerError::NotPrepared.into() } });
        assert_eq!(stale.phase, Phase::Preparing);
        let lost = reduce(s, Action::WorkersLost);
        assert_eq!(lost.phase, Phase::Failed);
        assert_eq!(lost.run_error.map(|e| e.code()), Some("worker.lost".into()));
    }

    #[test]
    fn a_crashed_worker_fails_the_run_and_keeps_the_inputs() {
        let s = play(reduce(with_settings(300), Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        let s = reduce(s, Action::SetModel(format!("{EXAMPLE_MODEL}\n")));
        let (model, settings, file) = (s.model_text.clone(), s.settings.clone(), s.file.clone());
        let s = reduce(s, Action::Run { workers: 2 });
        let job = s.job;
        let s = reduce(s, Action::WorkerCrashed { message: "panicked at x.rs:1:1: boom".into() });
        assert_eq!(s.phase, Phase::Failed);
        assert_eq!(s.run_error.as_ref().map(|e| e.code()), Some("worker.crashed"));
        assert!(s.run_error.as_ref().unwrap().message().contains("boom"));
        let id = crate::messages::error_text(s.run_error.as_ref().unwrap(), crate::ui::i18n::Lang::Id);
        assert!(id.contains("(panicked at x.rs:1:1: boom)") && id.contains("dimulai ulang"), "{id}");
        assert_eq!((&s.model_text, &s.settings, &s.file), (&model, &settings, &file));
        // what the surviving worker still sends for the dead job is dropped
        let late = reduce(s.clone(), Action::Worker { worker: 1, msg: FromWorker::Failed { job, error: WorkerError::NotPrepared.into() } });
        assert_eq!(late.run_error, s.run_error);
        // fresh workers: the next run completes
        let s = play(reduce(s, Action::Run { workers: 2 }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert!(s.run_error.is_none() && s.result.is_some());
        // a crash report when nothing runs changes nothing
        assert_eq!(reduce(s.clone(), Action::WorkerCrashed { message: "x".into() }), s);
    }

    /// The example with a text column `size` (small, large, …) that
    /// groups its 42 firms into two halves.
    fn csv_with_groups() -> Vec<u8> {
        let text = std::str::from_utf8(CSV).unwrap();
        let lines: Vec<String> = text.lines().enumerate().map(|(i, l)| format!("{l},{}", if i == 0 { "size" } else if i % 2 == 0 { "small" } else { "large" })).collect();
        (lines.join("\n") + "\n").into_bytes()
    }

    /// A grouping column and an IPMA target chosen on the page go to worker
    /// 0 only; its Finish adds both; a changed study makes the result
    /// stale.
    #[test]
    fn the_study_runs_in_worker_zero_at_the_finish() {
        let model = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4\nBP =~ BP1 + BP2 + BP3\nBP ~ CRM\n";
        let s = reduce(State { workers: 2, ..with_settings(20) }, Action::SetModel(model.into()));
        let s = play(reduce(s, Action::File { name: "groups.csv".into(), bytes: csv_with_groups() }), &mut vec![], None);
        assert_eq!(s.preview.as_ref().unwrap().text[0].distinct, ["large", "small"]);
        assert_eq!(s.group_columns()[0], "size");
        assert!(!s.group_columns().contains(&"CRM1".to_string()) && s.group_columns().contains(&"SC1".to_string()));
        assert_eq!(s.ipma_targets(), ["BP"]);
        let study = Study { groups: Some("size".into()), permutations: 20, micom: true, measures: true, ipma: Some("BP".into()), ipma_scale: Some("1,5".into()) };
        let s = reduce(s, Action::SetStudy(study.clone()));
        let s = reduce(s, Action::Run { workers: 2 });
        let studies: Vec<&Study> = s.sends.iter().filter_map(|m| match &m.msg {
            ToWorker::Prepare { study, .. } => Some(study),
            _ => None,
        }).collect();
        assert_eq!(studies, [&study, &Study::default()]);
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done, "{:?}", s.run_error);
        let r = s.result.as_ref().unwrap();
        let g = r.groups.as_ref().expect("groups");
        assert_eq!(g.groups.iter().map(|g| (g.label.as_str(), g.n)).collect::<Vec<_>>(), [("large", 21), ("small", 21)]);
        assert_eq!(g.permutations.as_ref().map(|p| p.permutations), Some(20));
        assert!(g.micom.is_some());
        assert!(!g.measures.is_empty(), "weights, loadings and R² compared");
        assert_eq!(r.group_results.as_ref().map(|v| v.len()), Some(2));
        assert_eq!(r.ipma.as_ref().map(|m| m.target.as_str()), Some("BP"));
        assert!(!s.stale);
        let s = reduce(s, Action::SetStudy(Study { micom: false, ..study }));
        assert!(s.stale);
    }

    /// "Plan sample size": the sizes are dealt out to the workers, the
    /// parts merged; two workers give exactly one worker's result. Cancel
    /// terminates the workers.
    #[test]
    fn the_power_analysis_is_shared_by_the_workers() {
        let plan = |workers: usize| {
            let s = play(reduce(State { workers, ..with_settings(0) }, Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
            let request = PowerRequest { grid: vec![100, 40, 60], replications: 6, resamples: 20, ..PowerRequest::default() };
            let s = reduce(s, Action::SetPower(request));
            assert!(s.can_plan());
            let s = reduce(s, Action::RunPower { workers });
            let grids: Vec<Vec<usize>> = s.sends.iter().filter_map(|m| match &m.msg {
                ToWorker::Power { request, .. } => Some(request.grid.clone()),
                _ => None,
            }).collect();
            assert!(s.is_planning() && !s.can_run() && !s.can_plan());
            (grids, play(s, &mut vec![], None))
        };
        let (grids, two) = plan(2);
        // by cost: 100 to one worker, 60 and 40 to the other
        assert_eq!(grids, [vec![100], vec![40, 60]]);
        let (_, one) = plan(1);
        let r = two.power_result.as_ref().expect("a power result");
        assert!(!two.is_planning() && two.power_error.is_none());
        assert_eq!(r.power.grid, [40, 60, 100]);
        assert_eq!(r, one.power_result.as_ref().unwrap());
        assert!(two.can_run());
        // cancelled: nothing left running, the workers terminated
        let s = reduce(two, Action::RunPower { workers: 2 });
        let s = reduce(s, Action::CancelPower);
        assert!(!s.is_planning() && s.terminate && s.can_plan());
    }

    /// The groups' progress is shown while worker 0 compares; Cancel then
    /// terminates the workers at once.
    #[test]
    fn comparing_groups_shows_progress_and_cancels_by_terminating() {
        let s = State { phase: Phase::Finishing, job: 4, workers: 1, comparing: Some((0, 0, 0, 0)), ..with_settings(20) };
        let s = reduce(s, Action::Worker { worker: 0, msg: FromWorker::Comparing { job: 4, step: 1, steps: 3, done: 50, total: 20 } });
        assert_eq!(s.comparing, Some((1, 3, 50, 20)));
        assert!(s.can_cancel() && !s.terminate);
        let s = reduce(s, Action::Cancel);
        assert_eq!((s.phase.clone(), s.comparing, s.terminate, s.job), (Phase::Cancelled, None, true, 5));
        // the next step does not terminate again
        assert!(!reduce(s, Action::SetModel(String::new())).terminate);
    }

    /// The form adds a higher-order construct over two constructs; the
    /// text then reads it back as one, and it can be switched to Mode B.
    #[test]
    fn form_adds_a_higher_order_construct() {
        let s = reduce(State::default(), Action::SetModel("A =~ a1 + a2\nB =~ b1 + b2\nY =~ y1 + y2\n".into()));
        let s = reduce(s, Action::AddHoc { name: " H ".into(), dimensions: vec!["A".into(), "B".into()] });
        assert!(s.model_text.contains("H =~ A + B"), "{}", s.model_text);
        let s = reduce(s, Action::AddPath { from: "H".into(), to: "Y".into() });
        let s = reduce(s, Action::SetMode { construct: "H".into(), mode: Mode::B });
        assert!(s.model_text.contains("H <~ A + B") && s.model_text.contains("Y ~ H"), "{}", s.model_text);
        let cols: Vec<String> = ["a1", "a2", "b1", "b2", "y1", "y2"].map(String::from).to_vec();
        assert!(crate::model::validate(&parse_syntax(&s.model_text).unwrap(), &cols).is_ok());
        // one dimension, or a name taken, changes nothing
        let before = s.model_text.clone();
        let s = reduce(s, Action::AddHoc { name: "G".into(), dimensions: vec!["A".into()] });
        let s = reduce(s, Action::AddHoc { name: "Y".into(), dimensions: vec!["A".into(), "B".into()] });
        assert_eq!(s.model_text, before);
    }

    /// The form deletes paths (an interaction's with its term) and moves
    /// an indicator between constructs; the text follows.
    #[test]
    fn form_removes_paths_and_moves_indicators() {
        let s = reduce(State::default(), Action::SetModel(EXAMPLE_MODEL.into()));
        assert_eq!(model_paths(&s.model_text), [("CRM", "BP"), ("SC", "BP"), ("CRM*SC", "BP")].map(|(a, b)| (a.to_string(), b.to_string())));
        let s = reduce(s, Action::RemovePath { from: "CRM*SC".into(), to: "BP".into() });
        let m = parse_syntax(&s.model_text).unwrap();
        assert!(m.interactions.is_empty() && m.paths.len() == 2, "{}", s.model_text);
        let s = reduce(s, Action::RemovePath { from: "SC".into(), to: "BP".into() });
        assert_eq!(model_paths(&s.model_text), [("CRM".to_string(), "BP".to_string())]);
        let s = reduce(s, Action::MoveItem { item: "CRM7".into(), to: "SC".into() });
        let m = parse_syntax(&s.model_text).unwrap();
        assert!(!m.constructs[0].indicators.contains(&"CRM7".to_string()));
        assert_eq!(m.constructs[1].indicators.last().map(String::as_str), Some("CRM7"));
        // an indicator neither in the model nor in the data, or an unknown
        // construct, changes nothing
        let before = s.model_text.clone();
        let s = reduce(s, Action::MoveItem { item: "XX".into(), to: "SC".into() });
        let s = reduce(s, Action::MoveItem { item: "CRM1".into(), to: "NOPE".into() });
        assert_eq!(s.model_text, before);
    }

    #[test]
    fn form_adds_paths_and_interactions() {
        let s = reduce(State::default(), Action::SetModel("X =~ x1 + x2\nM =~ m1\nY =~ y1\n".into()));
        let s = reduce(s, Action::AddInteraction { iv: "X".into(), moderator: "M".into(), dv: "Y".into() });
        assert!(s.model_text.contains("Y ~ X + M + X*M"), "{}", s.model_text);
        let before = s.model_text.clone();
        let s = reduce(s, Action::AddPath { from: "X".into(), to: "Y".into() });
        assert_eq!(s.model_text, before, "no duplicate");
        assert_eq!(s.construct_names(), vec!["X", "M", "Y"]);
    }

    #[test]
    fn no_bootstrap_is_done_after_prepare() {
        let s = reduce(State { workers: 4, ..with_settings(0) }, Action::Example { bytes: CSV.to_vec() });
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert!(s.complete && s.result.is_some());
    }

    /// The example with −99 in five cells of four columns.
    fn csv_with_codes() -> Vec<u8> {
        let text = std::str::from_utf8(CSV).unwrap();
        let mut lines: Vec<Vec<String>> = text.lines().map(|l| l.split(',').map(String::from).collect()).collect();
        for (row, col) in [(1, 1), (2, 1), (3, 0), (5, 8), (9, 14)] {
            lines[row][col] = "-99".into();
        }
        lines.iter().map(|l| l.join(",") + "\n").collect::<String>().into_bytes()
    }

    fn loaded(bytes: Vec<u8>, b: usize) -> State {
        let s = reduce(State { workers: 2, ..with_settings(b) }, Action::SetModel(EXAMPLE_MODEL.into()));
        play(reduce(s, Action::File { name: "codes.csv".into(), bytes }), &mut vec![], None)
    }

    /// `action` while the messages of the step before are still on their
    /// way: both sets go to the workers.
    fn meanwhile(s: State, action: Action) -> State {
        let posted = s.sends.clone();
        let mut next = reduce(s, action);
        next.sends = posted.into_iter().chain(next.sends).collect();
        next
    }

    fn missing_cells(p: &Preview) -> usize {
        p.summary.iter().map(|c| c.missing).sum()
    }

    #[test]
    fn several_codes_separated_by_spaces_commas_or_semicolons() {
        assert_eq!(parse_codes("-99 99"), ["-99", "99"]);
        assert_eq!(parse_codes("-99, 999"), ["-99", "999"]);
        assert_eq!(parse_codes(" -99;-9,,  -99 "), ["-99", "-9"]);
        assert_eq!(parse_codes("  "), Vec::<String>::new());
        let s = State { missing_code: "-99, 999 NA".into(), ..State::default() };
        assert_eq!(s.read_options().missing_codes, ["-99", "999", "NA"]);
        assert_eq!(code_text(-99.0), "-99");
        assert_eq!(code_text(999.0), "999");
    }

    /// Typing a code changes the field only; committing it (leaving the
    /// field) reads the file again, once, and the preview counts the cells.
    #[test]
    fn a_typed_code_is_applied_when_committed() {
        let s = loaded(csv_with_codes(), 0);
        assert_eq!(missing_cells(s.preview.as_ref().unwrap()), 0);
        let s = reduce(s, Action::SetMissingCode("-9".into()));
        let s = reduce(s, Action::SetMissingCode("-99".into()));
        assert!(s.sends.is_empty() && s.phase == Phase::Idle);
        let s = reduce(s, Action::CommitMissingCode);
        assert_eq!(s.phase, Phase::Loading);
        assert!(matches!(&s.sends[..], [Send { worker: 0, msg: ToWorker::Load { options, .. } }] if options.missing_codes == ["-99"]));
        let s = play(s, &mut vec![], None);
        assert_eq!(missing_cells(s.preview.as_ref().unwrap()), 5);
        // committing the same codes again reads nothing
        let s = reduce(s, Action::CommitMissingCode);
        assert!(s.sends.is_empty() && s.phase == Phase::Idle);
    }

    /// Issue 12, must fix 2: a code typed and Run pressed at once. The run
    /// reads the file with the code first, then runs with it.
    #[test]
    fn run_right_after_typing_a_code_uses_it() {
        let s = loaded(csv_with_codes(), 0);
        let s = reduce(s, Action::SetMissingCode("-99 999".into()));
        let s = reduce(s, Action::Run { workers: 2 });
        assert_eq!(s.phase, Phase::Loading);
        assert!(s.run_after_load);
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        let r = s.result.as_ref().unwrap();
        assert_eq!(r.missing.as_ref().map(|m| m.cells_missing), Some(5));
        assert_eq!(missing_cells(s.preview.as_ref().unwrap()), 5);
        assert!(!s.stale);
        // the field blurring as the button is clicked: commit, then Run
        // while the file is read: the run waits for it
        let s = reduce(s, Action::SetMissingCode("".into()));
        let s = reduce(s, Action::CommitMissingCode);
        assert_eq!(s.phase, Phase::Loading);
        let s = meanwhile(s, Action::Run { workers: 2 });
        assert_eq!(s.phase, Phase::Loading);
        let s = play(s, &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert_eq!(s.result.as_ref().unwrap().missing.as_ref().map(|m| m.cells_missing), Some(0));
    }

    #[test]
    fn run_is_possible_while_the_file_is_read_but_not_during_a_run() {
        let s = reduce(with_settings(0), Action::File { name: "x.csv".into(), bytes: CSV.to_vec() });
        assert_eq!(s.phase, Phase::Loading);
        assert!(s.can_run() && !s.can_cancel());
        let s = play(meanwhile(s, Action::Run { workers: 1 }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Failed, "the proposed model has no paths: {:?}", s.model_error);
        let s = reduce(s, Action::SetModel(EXAMPLE_MODEL.into()));
        let s = reduce(State { settings: Settings { bootstrap: 300, ..s.settings.clone() }, ..s }, Action::Run { workers: 1 });
        assert_eq!(s.phase, Phase::Preparing);
        assert!(!s.can_run() && s.can_cancel());
        let job = s.job;
        let again = reduce(s.clone(), Action::Run { workers: 1 });
        assert_eq!((again.job, again.sends.len()), (job, 0));
        // a bad file cannot run
        let bad = play(reduce(with_settings(0), Action::File { name: "b.csv".into(), bytes: b"a,b\n1,2\n3\n".to_vec() }), &mut vec![], None);
        assert!(!bad.can_run());
    }

    /// The preview's question: the suspect code, added to the field with
    /// one click, is then counted as missing and no longer asked about.
    #[test]
    fn suspect_codes_are_asked_about_until_added_or_dismissed() {
        let s = loaded(csv_with_codes(), 0);
        let codes: Vec<(f64, usize, usize)> = s.suspect_codes().iter().map(|c| (c.value, c.count, c.columns.len())).collect();
        assert_eq!(codes, [(-99.0, 5, 4)]);
        let s = reduce(State { missing_code: "NA".into(), ..s }, Action::AddMissingCodes(vec!["-99".into()]));
        assert_eq!(s.missing_code, "NA -99");
        assert_eq!(s.phase, Phase::Loading);
        let s = play(s, &mut vec![], None);
        assert!(s.suspect_codes().is_empty());
        assert_eq!(missing_cells(s.preview.as_ref().unwrap()), 5);
        // adding a code already there reads nothing
        let s = reduce(s, Action::AddMissingCodes(vec!["-99".into()]));
        assert!(s.sends.is_empty());
        assert_eq!(s.missing_code, "NA -99");

        let s = loaded(csv_with_codes(), 0);
        let s = reduce(s, Action::DismissSuspects);
        assert!(s.suspect_codes().is_empty());
        assert!(!s.preview.as_ref().unwrap().suspects.codes.is_empty());
        // a new file is asked about again
        let s = play(reduce(s, Action::File { name: "again.csv".into(), bytes: csv_with_codes() }), &mut vec![], None);
        assert_eq!(s.suspect_codes().len(), 1);
    }

    #[test]
    fn every_setting_change_is_typed_and_checked() {
        use SettingChange as C;
        let base = Settings::smartpls();
        let apply = |c: SettingChange| {
            let mut s = base.clone();
            let ok = c.apply(&mut s);
            (ok, s)
        };
        type Check = Box<dyn Fn(&Settings) -> bool>;
        let cases: Vec<(SettingChange, Check)> = vec![
            (C::Scheme(Scheme::Centroid), Box::new(|s| s.scheme == Scheme::Centroid)),
            (C::Moderation(Moderation::Orthogonal), Box::new(|s| s.moderation == Moderation::Orthogonal)),
            (C::InteractionScaling(InteractionScaling::Rescaled), Box::new(|s| s.interaction_scaling == InteractionScaling::Rescaled)),
            (C::Consistent(true), Box::new(|s| s.consistent)),
            (C::Missing(MissingPolicy::CasewiseDeletion), Box::new(|s| s.missing == MissingPolicy::CasewiseDeletion)),
            (C::BootstrapMissing(BootstrapMissing::PerResample), Box::new(|s| s.bootstrap_missing == BootstrapMissing::PerResample)),
            (C::Bootstrap(1000), Box::new(|s| s.bootstrap == 1000)),
            (C::Bootstrap(10_000_000), Box::new(|s| s.bootstrap == MAX_RESAMPLES)),
            (C::Seed(u64::MAX), Box::new(|s| s.seed == MAX_SEED)),
            (C::Ci(CiMethod::Bca), Box::new(|s| s.ci == CiMethod::Bca)),
            (C::Alpha(0.1), Box::new(|s| s.alpha == 0.1)),
            (C::PValue(PValue::Normal), Box::new(|s| s.p_value == PValue::Normal)),
            (C::Significance(Significance::Interval), Box::new(|s| s.significance == Significance::Interval)),
            (C::Tails(Tails::One), Box::new(|s| s.tails == Tails::One)),
            (C::Blindfold(0), Box::new(|s| s.blindfold_distance == 0)),
            (C::Tolerance(1e-5), Box::new(|s| s.tolerance == 1e-5)),
            (C::MaxIterations(50), Box::new(|s| s.max_iterations == 50)),
            (C::DropNonconverged(true), Box::new(|s| s.drop_nonconverged)),
            (C::WarmStart(false), Box::new(|s| !s.warm_start)),
            (C::HtmtAbsolute(false), Box::new(|s| !s.htmt_absolute)),
            (C::F2MainEffects(false), Box::new(|s| !s.f2_main_effects)),
            (C::BootstrapTolerance(Some(1e-6)), Box::new(|s| s.bootstrap_tolerance == Some(1e-6))),
            (C::BootstrapMaxIterations(Some(300)), Box::new(|s| s.bootstrap_max_iterations == Some(300))),
            (C::Stage1Tolerance(Some(1e-6)), Box::new(|s| s.stage1_tolerance == Some(1e-6))),
            (C::Stage1MaxIterations(Some(300)), Box::new(|s| s.stage1_max_iterations == Some(300))),
            (C::SignChange(crate::engine::settings::SignChange::Construct), Box::new(|s| s.sign_change == crate::engine::settings::SignChange::Construct)),
            (C::Mediation(true), Box::new(|s| s.mediation)),
        ];
        for (change, check) in cases {
            let (ok, s) = apply(change);
            assert!(ok && check(&s), "{change:?}");
            assert_eq!(s.preset, Preset::Custom, "{change:?}");
        }
        // refused: the settings stay as they were, preset included
        for bad in [C::Alpha(0.0), C::Alpha(0.7), C::Alpha(f64::NAN), C::Tolerance(0.0), C::Tolerance(-1.0), C::MaxIterations(0), C::BootstrapTolerance(Some(0.0)), C::Stage1MaxIterations(Some(0))] {
            assert_eq!(apply(bad), (false, base.clone()), "{bad:?}");
        }
        // a preset replaces everything; "custom" keeps the values
        let (_, s) = apply(C::Preset(Preset::Seminr));
        assert_eq!(s, Settings::seminr());
        let (_, s) = apply(C::Preset(Preset::Custom));
        assert_eq!(s, Settings { preset: Preset::Custom, ..base.clone() });
        // through the reducer
        let s = reduce(State::new(base.clone()), Action::SetSetting(C::Tails(Tails::One)));
        assert_eq!(s.settings.tails, Tails::One);
    }

    /// The verdict rule and the tails chosen on the page reach the workers
    /// and come back in the result.
    #[test]
    fn rule_and_tails_reach_the_result() {
        let s = loaded(CSV.to_vec(), 200);
        let s = reduce(s, Action::SetSetting(SettingChange::Significance(Significance::Interval)));
        let s = reduce(s, Action::SetSetting(SettingChange::Tails(Tails::One)));
        let s = reduce(s, Action::Run { workers: 2 });
        assert!(s.sends.iter().all(|m| matches!(&m.msg, ToWorker::Prepare { settings, .. } if settings.significance == Significance::Interval && settings.tails == Tails::One)));
        let s = play(s, &mut vec![], None);
        let r = s.result.unwrap();
        assert_eq!((r.settings.significance, r.settings.tails), (Significance::Interval, Tails::One));
        assert!(r.path_coefficients.iter().all(|p| p.significant.is_some()));
    }

    /// Issue 12, must fix 4: a result is out of date once the data, the
    /// missing codes, the model or a setting changed, and up to date again
    /// after the next run (or when the change is undone).
    #[test]
    fn results_go_stale_when_the_inputs_change() {
        let s = loaded(CSV.to_vec(), 0);
        let s = play(reduce(s, Action::Run { workers: 1 }), &mut vec![], None);
        assert_eq!(s.phase, Phase::Done);
        assert!(!s.stale);
        // the model: a real change, undone; a comment does not count
        let edited = reduce(s.clone(), Action::SetModel(EXAMPLE_MODEL.replace(" + CRM:SC", "")));
        assert!(edited.stale);
        assert!(!reduce(edited, Action::SetModel(EXAMPLE_MODEL.into())).stale);
        assert!(!reduce(s.clone(), Action::SetModel(format!("# my model\n{EXAMPLE_MODEL}"))).stale);
        assert!(reduce(s.clone(), Action::SetMode { construct: "SC".into(), mode: Mode::B }).stale);
        assert!(reduce(s.clone(), Action::AddPath { from: "CRM".into(), to: "SC".into() }).stale);
        // a setting
        let changed = reduce(s.clone(), Action::SetSetting(SettingChange::Scheme(Scheme::Factorial)));
        assert!(changed.stale);
        let back = reduce(changed, Action::SetSetting(SettingChange::Scheme(Scheme::Path)));
        assert!(back.stale, "the preset is now custom: a different setting");
        // the missing codes (as typed: they apply to the next run)
        assert!(reduce(s.clone(), Action::SetMissingCode("-99".into())).stale);
        // the data: the same file chosen again is new data
        let again = play(reduce(s.clone(), Action::File { name: "x.csv".into(), bytes: CSV.to_vec() }), &mut vec![], None);
        assert!(again.stale && again.result.is_some());
        // the next run is up to date
        let rerun = play(reduce(again, Action::Run { workers: 1 }), &mut vec![], None);
        assert!(!rerun.stale);
        // a loaded result file is not out of date, until something changes
        let json = serde_json::to_string(&**s.result.as_ref().unwrap()).unwrap();
        let loaded = reduce(State::default(), Action::LoadResult(Box::new(parse_result(json.as_bytes()).unwrap())));
        assert!(!loaded.stale);
        assert!(reduce(loaded, Action::SetSetting(SettingChange::Seed(99))).stale);
        // during a run nothing is stale; a change during the bootstrap is
        let running = reduce(State { settings: Settings { bootstrap: 500, ..s.settings.clone() }, ..s }, Action::Run { workers: 1 });
        assert!(!running.stale);
        let mut w = vec![];
        let point = play(running, &mut w, Some(1));
        assert!(point.result.is_some() && !point.stale);
        assert!(reduce(point, Action::SetSetting(SettingChange::Blindfold(0))).stale);
    }

    #[test]
    fn the_path_form_names_its_fields() {
        let f = PathForm::default();
        assert_eq!(f.path(), None);
        let f = f.with(FormField::From, "CRM".into()).with(FormField::To, "BP".into());
        assert_eq!((f.get(FormField::From), f.get(FormField::To)), ("CRM", "BP"));
        assert_eq!(f.path(), Some(Action::AddPath { from: "CRM".into(), to: "BP".into() }));
        assert_eq!(f.interaction(), None);
        let f = f.with(FormField::Iv, "CRM".into()).with(FormField::Moderator, "SC".into()).with(FormField::Dv, "BP".into());
        assert_eq!(f.interaction(), Some(Action::AddInteraction { iv: "CRM".into(), moderator: "SC".into(), dv: "BP".into() }));
        let ids: Vec<&str> = [FormField::From, FormField::To, FormField::Iv, FormField::Moderator, FormField::Dv].iter().map(|f| f.id()).collect();
        assert_eq!(ids, ["form-from", "form-to", "form-iv", "form-mod", "form-dv"]);
        // through the reducer, the form's actions edit the model
        let s = reduce(State::default(), Action::SetModel("X =~ x1\nY =~ y1\n".into()));
        let s = reduce(s, PathForm { from: "X".into(), to: "Y".into(), ..PathForm::default() }.path().unwrap());
        assert!(s.model_text.contains("Y ~ X"), "{}", s.model_text);
    }

    /// Issue 12: after the example, one's own file proposes a model from its
    /// own columns; the example's text is one click away. A model of one's
    /// own that fits the new file is kept.
    #[test]
    fn own_file_after_the_example_proposes_its_own_model() {
        let s = play(reduce(with_settings(0), Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(s.model_text, EXAMPLE_MODEL);
        assert!(!s.model_edited());
        let own = b"Q1,Q2,Q3,R1,R2\n1,2,3,4,5\n2,3,4,5,1\n3,4,5,1,2\n".to_vec();
        let s = play(reduce(s, Action::File { name: "own.csv".into(), bytes: own.clone() }), &mut vec![], None);
        assert!(s.model_text.contains("Q =~ Q1 + Q2 + Q3"), "{}", s.model_text);
        assert_eq!(s.previous_model.as_deref(), Some(EXAMPLE_MODEL));
        assert!(!s.model_edited());
        let s = reduce(s, Action::RestoreModel);
        assert_eq!((s.model_text.as_str(), s.previous_model.as_ref()), (EXAMPLE_MODEL, None));
        // a model of one's own for these columns stays when the file is read again
        let mine = "Q =~ Q1 + Q2\nR =~ R1 + R2\nR ~ Q\n";
        let s = reduce(s, Action::SetModel(mine.into()));
        let s = play(reduce(s, Action::File { name: "own2.csv".into(), bytes: own }), &mut vec![], None);
        assert_eq!(s.model_text, mine);
        assert!(s.model_edited());
        // and when a stray text cell makes one of its items a text column:
        // the model stays, and Run names the cell
        let stray = b"Q1,Q2,Q3,R1,R2\n1,2,3,4,5\nabc,3,4,5,1\n3,4,5,1,2\n".to_vec();
        let s = play(reduce(s, Action::File { name: "stray.csv".into(), bytes: stray }), &mut vec![], None);
        assert_eq!(s.model_text, mine);
        assert!(s.previous_model.is_none());
        // the example over an edited model keeps it one click away
        let s = play(reduce(s, Action::Example { bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(s.model_text, EXAMPLE_MODEL);
        assert_eq!(s.previous_model.as_deref(), Some(mine));
    }

    #[test]
    fn another_sheet_is_read_when_chosen_and_forgotten_with_the_file() {
        let s = play(reduce(with_settings(0), Action::File { name: "x.csv".into(), bytes: CSV.to_vec() }), &mut vec![], None);
        let s = reduce(s, Action::SetSheet(Some("Survey".into())));
        assert_eq!(s.phase, Phase::Loading);
        assert!(matches!(&s.sends[..], [Send { msg: ToWorker::Load { options, .. }, .. }] if options.sheet.as_deref() == Some("Survey")));
        // chosen again while it is read: nothing new
        assert!(reduce(s.clone(), Action::SetSheet(Some("Other".into()))).sends.is_empty());
        let s = play(s, &mut vec![], None);
        assert!(reduce(s.clone(), Action::SetSheet(Some("Survey".into()))).sends.is_empty());
        let s = play(reduce(s, Action::File { name: "y.csv".into(), bytes: CSV.to_vec() }), &mut vec![], None);
        assert_eq!(s.sheet, None);
        assert_eq!(s.loaded_options.as_ref().map(|o| o.sheet.clone()), Some(None));
    }

    /// PLSpredict from the settings panel: its repetitions are dealt out
    /// to the workers after the resamples (or right after the estimate),
    /// with progress; worker 0 combines them into the same result as one
    /// worker's; the result carries it and its CVPAT; Cancel drops it.
    #[test]
    fn plspredict_repetitions_run_on_the_workers() {
        use crate::engine::predict::Approach;
        use SettingChange as C;
        for b in [0, 20] {
            let s = loaded(CSV.to_vec(), b);
            let changes = [C::PredictFolds(3), C::PredictRepetitions(2), C::Cvpat(true), C::PredictApproach(Approach::Direct), C::Missing(MissingPolicy::PairwiseDeletion)];
            let s = changes.into_iter().fold(s, |s, c| reduce(s, Action::SetSetting(c)));
            assert_eq!((s.settings.predict.folds, s.settings.predict.repetitions, s.settings.cvpat), (3, 2, true));
            let running = reduce(s.clone(), Action::Run { workers: 2 });
            let s = play(running.clone(), &mut vec![], None);
            assert_eq!(s.phase, Phase::Done, "b = {b}");
            let r = s.result.as_ref().unwrap();
            let p = r.predict.as_ref().expect("PLSpredict ran");
            assert_eq!((p.folds, p.repetitions, p.approach), (3, 2, Approach::Direct));
            assert_eq!(r.cvpat.as_ref().map(|c| c.len()), Some(4), "one endogenous construct and overall, two benchmarks");
            assert_eq!(r.bootstrap.is_some(), b > 0);
            assert_eq!(r.settings.missing, MissingPolicy::PairwiseDeletion);
            assert!(s.predicting.is_none());
            // one worker: the same numbers bit for bit
            let alone = play(reduce(s.clone(), Action::Run { workers: 1 }), &mut vec![], None);
            assert_eq!(alone.result.as_ref().unwrap().predict, r.predict, "b = {b}");
            assert_eq!(alone.result.as_ref().unwrap().cvpat, r.cvpat);
            // both workers ran a repetition: progress after the first one
            let mut w = vec![Session::default()];
            let mut st = running.clone();
            let mut queue: Vec<Send> = st.sends.clone();
            let mut asked = [false; 2];
            loop {
                let send = queue.remove(0);
                if let ToWorker::Predict { .. } = send.msg {
                    asked[send.worker] = true;
                }
                while w.len() <= send.worker {
                    w.push(Session::default());
                }
                let Some(msg) = w[send.worker].handle(send.msg) else { continue };
                let first = matches!(msg, FromWorker::PredictDone { .. });
                st = reduce(st, Action::Worker { worker: send.worker, msg });
                queue.extend(st.sends.iter().cloned());
                if first {
                    break;
                }
            }
            assert_eq!(st.phase, Phase::Bootstrapping);
            assert_eq!(st.predict_progress(), Some(0.5), "one repetition of two");
            // Cancel while the other repetition runs: its answer ends the run
            let mut st = reduce(st, Action::Cancel);
            assert_eq!((st.phase.clone(), st.predicting), (Phase::Cancelling, None));
            // the messages still on their way: the other repetition went
            // to the other worker
            for send in &queue {
                if let ToWorker::Predict { .. } = send.msg {
                    asked[send.worker] = true;
                }
            }
            assert_eq!(asked, [true, true], "b = {b}");
            st.sends = queue;
            let st = play(st, &mut w, None);
            assert_eq!(st.phase, Phase::Cancelled);
            // worker 0 still predicts what it was not given, with progress,
            // and Cancel then drops its answer
            let mut w = vec![Session::default()];
            let mut st = running;
            let mut queue: Vec<Send> = st.sends.clone();
            while st.phase != Phase::Finishing {
                let send = queue.remove(0);
                while w.len() <= send.worker {
                    w.push(Session::default());
                }
                let Some(msg) = w[send.worker].handle(send.msg) else { continue };
                st = reduce(st, Action::Worker { worker: send.worker, msg });
                queue.extend(st.sends.iter().cloned());
            }
            assert_eq!(st.phase, Phase::Finishing);
            let job = st.job;
            let st = reduce(st, Action::Worker { worker: 0, msg: FromWorker::Predicting { job, done: 2, total: 6 } });
            assert_eq!(st.predict_progress(), Some(2.0 / 6.0));
            assert!(st.can_cancel());
            let job = st.job;
            let st = reduce(st, Action::Cancel);
            assert_eq!(st.phase, Phase::Cancelled);
            let late = reduce(st, Action::Worker { worker: 0, msg: FromWorker::Finished { job, result: Box::new(r.as_ref().clone()) } });
            assert_eq!(late.phase, Phase::Cancelled);
        }
        // refused: one fold, no or too many repetitions
        let mut st = Settings::smartpls();
        assert!(!C::PredictFolds(1).apply(&mut st) && !C::PredictRepetitions(0).apply(&mut st) && !C::PredictRepetitions(MAX_PREDICT_REPETITIONS + 1).apply(&mut st));
        assert_eq!(st, Settings::smartpls());
        // the seed also seeds the fold shuffles
        assert!(C::Seed(42).apply(&mut st) && st.predict.seed == 42);
    }
}


