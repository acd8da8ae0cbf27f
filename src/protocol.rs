//! Messages between the UI and the Web Workers.
//!
//! Every worker gets the same [`ToWorker::Prepare`], so each owns its own
//! [`crate::pipeline::Analysis`]; the UI then hands out bootstrap ranges
//! ([`ToWorker::Boot`]) pull-style, one at a time per worker, and worker 0
//! combines the draws ([`ToWorker::Finish`]). Worker 0 keeps its own draws,
//! and the UI forwards every other worker's draws to it as they arrive
//! ([`ToWorker::Keep`]), so the page never holds them all. Resample `b` depends only on
//! the seed and `b`, so the result is the same for any number of workers.
//! Cancelling is the UI not handing out the next range.
//!
//! Encoded with serde-wasm-bindgen (see `crate::worker::web` on wasm32),
//! not bincode: the result uses `#[serde(flatten)]` and NaN, which bincode or
//! JSON would not carry.
//!
//! A worker that panics posts [`FromWorker::Crashed`] from its panic hook
//! before the wasm trap; one that dies without a word (out of memory aborts
//! without running the hook) is noticed by the `error` event on the Worker.
//! Either way the UI terminates all workers and spawns fresh ones.

use serde::{Deserialize, Serialize};

use crate::data::suspect::Suspects;
use crate::data::{ColumnSummary, ReadInfo, ReadOptions};
use crate::engine::bootstrap::Draws;
use crate::engine::predict::RepetitionSums;
use crate::engine::result::AnalysisResult;
use crate::engine::Settings;
use crate::error::Error;
use crate::engine::result_power::PowerResult;
use crate::multigroup::Study;
use crate::power::PowerRequest;

/// A data file's bytes: shared, so the page hands the same bytes to every
/// worker without copying them, and sent as one Uint8Array rather than an
/// array of numbers.
pub type FileBytes = std::sync::Arc<Vec<u8>>;

mod file_bytes {
    use super::FileBytes;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &FileBytes, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(b.as_slice())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<FileBytes, D::Error> {
        // the received buffer itself, not a copy
        Ok(FileBytes::new(serde_bytes::ByteBuf::deserialize(d)?.into_vec()))
    }
}

/// A job identifier chosen by the UI; answers for an older job are ignored.
pub type JobId = u64;

/// Rows shown in the data preview.
pub const PREVIEW_ROWS: usize = 10;

/// UI → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Read a data file; answered by [`FromWorker::Loaded`].
    Load {
        job: JobId,
        #[serde(with = "file_bytes")]
        bytes: FileBytes,
        options: ReadOptions,
    },
    /// Read, parse and validate the model, estimate; the worker keeps the
    /// analysis. Answered by [`FromWorker::Prepared`].
    Prepare {
        job: JobId,
        #[serde(with = "file_bytes")]
        bytes: FileBytes,
        options: ReadOptions,
        model_text: String,
        settings: Settings,
        /// A multigroup analysis and IPMA, which worker 0 adds at the Finish.
        #[serde(default)]
        study: Study,
    },
    /// Bootstrap resamples `start..end` of the prepared analysis. With
    /// `keep`, the worker keeps the draws for its [`ToWorker::Finish`]
    /// instead of sending them back.
    Boot { job: JobId, start: u64, end: u64, keep: bool },
    /// Keep these draws (another worker's) for the Finish. Not answered.
    Keep { job: JobId, draws: Draws },
    /// PLSpredict's repetition `repetition` of the prepared analysis, summed
    /// by row. With `keep`, the worker keeps it for its [`ToWorker::Finish`]
    /// instead of sending it back ([`FromWorker::PredictDone`]).
    Predict { job: JobId, repetition: u64, keep: bool },
    /// Keep this repetition (another worker's) for the Finish. Not answered.
    KeepRepetition { job: JobId, sums: RepetitionSums },
    /// Combine the kept draws and these into the final result; PLSpredict
    /// from the kept repetitions and any the worker still has to run.
    Finish { job: JobId, draws: Vec<Draws> },
    /// A power analysis of the model on these sample sizes of the request's
    /// grid (each worker a part; the page merges them). Answered by
    /// [`FromWorker::PowerDone`], with [`FromWorker::PowerProgress`] on the way.
    Power {
        job: JobId,
        #[serde(with = "file_bytes")]
        bytes: FileBytes,
        options: ReadOptions,
        model_text: String,
        settings: Settings,
        request: PowerRequest,
    },
    /// Test hook: crash on purpose (the page sends it only with
    /// `?crash-test=panic` or `?crash-test=oom` in its URL, once). Never answered.
    Crash { job: JobId, kind: CrashKind },
}

/// How [`ToWorker::Crash`] kills the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CrashKind {
    /// A Rust panic (the panic hook runs, then wasm traps).
    Panic,
    /// Allocate until the allocator fails (wasm aborts; no panic hook).
    OutOfMemory,
}

impl CrashKind {
    /// The value of the `crash-test` URL parameter.
    pub fn from_param(v: &str) -> Option<CrashKind> {
        match v {
            "panic" => Some(CrashKind::Panic),
            "oom" => Some(CrashKind::OutOfMemory),
            _ => None,
        }
    }
}

impl ToWorker {
    pub fn job(&self) -> JobId {
        match self {
            ToWorker::Load { job, .. }
            | ToWorker::Prepare { job, .. }
            | ToWorker::Boot { job, .. }
            | ToWorker::Keep { job, .. }
            | ToWorker::Predict { job, .. }
            | ToWorker::KeepRepetition { job, .. }
            | ToWorker::Finish { job, .. }
            | ToWorker::Power { job, .. }
            | ToWorker::Crash { job, .. } => *job,
        }
    }
}

/// What the UI shows of a data file before any analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub names: Vec<String>,
    /// The first [`PREVIEW_ROWS`] rows; NaN = missing.
    pub rows: Vec<Vec<f64>>,
    pub summary: Vec<ColumnSummary>,
    pub info: ReadInfo,
    /// Likely missing-value codes and columns with an odd range, for the
    /// page to ask about (`crate::data::suspect`).
    #[serde(default)]
    pub suspects: Suspects,
    /// An XLSX workbook's sheets, in order (empty for CSV).
    #[serde(default)]
    pub sheets: Vec<String>,
    /// The columns that hold text (not in `names`), for the preview and the
    /// choice of a grouping column.
    #[serde(default)]
    pub text: Vec<TextPreview>,
}

/// Most distinct values of a text column the preview lists.
pub const PREVIEW_DISTINCT: usize = 20;

/// A text column as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextPreview {
    pub name: String,
    /// Its place among the file's named columns.
    pub position: usize,
    /// Its first [`PREVIEW_ROWS`] cells.
    pub rows: Vec<Option<String>>,
    /// Its distinct values, at most [`PREVIEW_DISTINCT`] (in order of first appearance).
    pub distinct: Vec<String>,
    /// Its number of non-empty cells.
    pub n: usize,
}

impl TextPreview {
    pub fn of(t: &crate::data::TextColumn) -> Self {
        TextPreview {
            name: t.name.clone(),
            position: t.position,
            rows: t.cells.iter().take(PREVIEW_ROWS).cloned().collect(),
            distinct: t.distinct(PREVIEW_DISTINCT + 1),
            n: t.cells.iter().flatten().count(),
        }
    }
}

/// Worker → UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The file was read; `proposed` is a model guessed from the column names.
    Loaded { job: JobId, preview: Preview, proposed: String },
    /// The analysis is ready; `result` has no bootstrap inference yet.
    Prepared { job: JobId, result: Box<AnalysisResult> },
    /// The range is done; its draws, unless the worker kept them.
    BootDone { job: JobId, start: u64, end: u64, draws: Option<Draws> },
    Finished { job: JobId, result: Box<AnalysisResult> },
    /// The repetition is done; its sums, unless the worker kept them.
    PredictDone { job: JobId, repetition: u64, sums: Option<RepetitionSums> },
    /// PLSpredict's progress in worker 0 before its Finished: training
    /// folds estimated of repetitions × folds.
    Predicting { job: JobId, done: u64, total: u64 },
    /// A multigroup analysis's progress in worker 0 before its Finished:
    /// step `step` of `steps` (a group's bootstrap, a pair's
    /// permutations), `done` of its `total`.
    Comparing { job: JobId, step: u64, steps: u64, done: u64, total: u64 },
    /// A power analysis's replications done of its part's total.
    PowerProgress { job: JobId, done: u64, total: u64 },
    /// A power analysis of the part of the grid asked for.
    PowerDone { job: JobId, result: Box<PowerResult> },
    /// Anything that went wrong, with where (row, column, model line).
    Failed { job: JobId, error: Error },
    /// Posted by the worker's panic hook just before the worker dies; it
    /// belongs to no job (the UI handles it before looking at jobs).
    Crashed { message: String },
}

impl FromWorker {
    pub fn job(&self) -> JobId {
        match self {
            FromWorker::Loaded { job, .. }
            | FromWorker::Prepared { job, .. }
            | FromWorker::BootDone { job, .. }
            | FromWorker::Finished { job, .. }
            | FromWorker::PredictDone { job, .. }
            | FromWorker::Predicting { job, .. }
            | FromWorker::Comparing { job, .. }
            | FromWorker::PowerProgress { job, .. }
            | FromWorker::PowerDone { job, .. }
            | FromWorker::Failed { job, .. } => *job,
            // Job ids start at 1: no job is current for a crash report.
            FromWorker::Crashed { .. } => 0,
        }
    }
}
