use gloo_worker::{HandlerId, Worker, WorkerScope};

use crate::protocol::{FromWorker, ToWorker};

use super::job;

/// Answers each [`ToWorker::Chunk`] with one [`FromWorker::ChunkDone`].
pub struct JobWorker;

impl Worker for JobWorker {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        JobWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToWorker, id: HandlerId) {
        match msg {
            ToWorker::Chunk {
                job,
                index,
                start,
                end,
            } => {
                let out = if start <= end {
                    FromWorker::ChunkDone {
                        job,
                        index,
                        items: end - start,
                        value: job::chunk(start, end),
                    }
                } else {
                    FromWorker::Failed {
                        job,
                        index,
                        message: format!("empty range {start}..{end}"),
                    }
                };
                scope.respond(id, out);
            }
        }
    }
}
