//! Messages between the UI and the Web Workers.
//!
//! Every worker gets the same [`ToWorker::Prepare`], so each owns its own
//! [`crate::engine::Analysis`]; the UI then hands out bootstrap ranges
//! ([`ToWorker::Boot`]) pull-style, one at a time per worker, and worker 0
//! combines the draws ([`ToWorker::Finish`]). Resample `b` depends only on
//! the seed and `b`, so the result is the same for any number of workers.
//! Cancelling is the UI not handing out the next range.
//!
//! Encoded with serde-wasm-bindgen ([`crate::worker::codec`] on wasm32), not
//! bincode: the result uses `#[serde(flatten)]` and NaN, which bincode or
//! JSON would not carry.

use serde::{Deserialize, Serialize};

use crate::data::{ColumnSummary, ReadInfo, ReadOptions};
use crate::engine::bootstrap::Draws;
use crate::engine::result::AnalysisResult;
use crate::engine::Settings;
use crate::error::Error;

/// A job identifier chosen by the UI; answers for an older job are ignored.
pub type JobId = u64;

/// Rows shown in the data preview.
pub const PREVIEW_ROWS: usize = 10;

/// UI → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Read a data file; answered by [`FromWorker::Loaded`].
    Load { job: JobId, bytes: Vec<u8>, options: ReadOptions },
    /// Read, parse and validate the model, estimate; the worker keeps the
    /// analysis. Answered by [`FromWorker::Prepared`].
    Prepare { job: JobId, bytes: Vec<u8>, options: ReadOptions, model_text: String, settings: Settings },
    /// Bootstrap resamples `start..end` of the prepared analysis.
    Boot { job: JobId, start: u64, end: u64 },
    /// Combine the draws into the final result.
    Finish { job: JobId, draws: Vec<Draws> },
}

impl ToWorker {
    pub fn job(&self) -> JobId {
        match self {
            ToWorker::Load { job, .. } | ToWorker::Prepare { job, .. } | ToWorker::Boot { job, .. } | ToWorker::Finish { job, .. } => *job,
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
}

/// Worker → UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The file was read; `proposed` is a model guessed from the column names.
    Loaded { job: JobId, preview: Preview, proposed: String },
    /// The analysis is ready; `result` has no bootstrap inference yet.
    Prepared { job: JobId, result: Box<AnalysisResult> },
    BootDone { job: JobId, start: u64, end: u64, draws: Draws },
    Finished { job: JobId, result: Box<AnalysisResult> },
    /// Anything that went wrong, with where (row, column, model line).
    Failed { job: JobId, error: Error },
}

impl FromWorker {
    pub fn job(&self) -> JobId {
        match self {
            FromWorker::Loaded { job, .. }
            | FromWorker::Prepared { job, .. }
            | FromWorker::BootDone { job, .. }
            | FromWorker::Finished { job, .. }
            | FromWorker::Failed { job, .. } => *job,
        }
    }
}
