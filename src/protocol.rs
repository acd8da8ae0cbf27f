//! Messages between the UI and the Web Workers.
//!
//! Stub for the plumbing: the UI hands out work in chunks ("pull" model) and
//! each worker answers one [`FromWorker`] per [`ToWorker`]. Cancelling is the
//! UI not handing out the next chunk, so a worker never needs to be
//! interrupted and a cancelled job is not an error.
//!
//! Later the chunk will name a range of bootstrap draws; the worker will own
//! the dataset and the validated model, sent once per job.

use serde::{Deserialize, Serialize};

/// A job identifier chosen by the UI; answers for an older job are ignored.
pub type JobId = u64;

/// UI → worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Compute items `start..end` of job `job`; `index` is the chunk number.
    Chunk {
        job: JobId,
        index: u32,
        start: u64,
        end: u64,
    },
}

/// Worker → UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The chunk is finished: `value` is its partial result.
    ChunkDone {
        job: JobId,
        index: u32,
        items: u64,
        value: u64,
    },
    /// The chunk could not be computed.
    Failed {
        job: JobId,
        index: u32,
        message: String,
    },
}
