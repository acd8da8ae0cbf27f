//! App state and its pure reducer: `reduce(state, action) -> state`.
//!
//! No web types here, so it is tested natively. The reducer also decides which
//! chunk goes to which worker ([`State::sends`]); the component only posts
//! those messages, so scheduling and cancelling are tested here too.

use crate::protocol::{FromWorker, JobId, ToWorker};

/// Default number of draws of the placeholder job.
pub const DEFAULT_DRAWS: u64 = 4000;
/// Default draws per chunk: small enough for a smooth progress bar and a
/// quick Cancel, large enough that messaging costs little.
pub const DEFAULT_CHUNK: u64 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Phase {
    #[default]
    Idle,
    Running,
    /// Cancel pressed; waiting for the chunks already handed out.
    Cancelling,
    Done,
    Cancelled,
    Failed(String),
}

/// A message the component must post to worker `worker`.
#[derive(Debug, Clone, PartialEq)]
pub struct Send {
    pub worker: usize,
    pub msg: ToWorker,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub job: JobId,
    pub phase: Phase,
    pub total: u64,
    pub chunk: u64,
    pub workers: usize,
    /// Items finished.
    pub done: u64,
    /// First item not yet handed out.
    pub next: u64,
    /// Chunk being computed by each worker, if any.
    pub busy: Vec<Option<u32>>,
    /// Partial result per chunk, by chunk number.
    pub partials: Vec<Option<u64>>,
    /// The total, once every chunk is in.
    pub result: Option<u64>,
    /// Messages to post after this step (replaced on every step).
    pub sends: Vec<Send>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Start a new job of `total` items in chunks of `chunk` on `workers` workers.
    Start {
        total: u64,
        chunk: u64,
        workers: usize,
    },
    /// A worker answered.
    Worker {
        worker: usize,
        msg: FromWorker,
    },
    Cancel,
}

impl State {
    /// Fraction done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            return if self.phase == Phase::Done { 1.0 } else { 0.0 };
        }
        self.done as f64 / self.total as f64
    }

    pub fn is_busy(&self) -> bool {
        matches!(self.phase, Phase::Running | Phase::Cancelling)
    }

    fn n_chunks(&self) -> usize {
        if self.chunk == 0 {
            0
        } else {
            self.total.div_ceil(self.chunk) as usize
        }
    }

    /// Hand the next chunk, if any, to `worker`.
    fn assign(&mut self, worker: usize) {
        if self.next >= self.total {
            return;
        }
        let index = (self.next / self.chunk) as u32;
        let start = self.next;
        let end = (start + self.chunk).min(self.total);
        self.next = end;
        self.busy[worker] = Some(index);
        self.sends.push(Send {
            worker,
            msg: ToWorker::Chunk {
                job: self.job,
                index,
                start,
                end,
            },
        });
    }

    fn in_flight(&self) -> usize {
        self.busy.iter().filter(|b| b.is_some()).count()
    }
}

pub fn reduce(mut s: State, action: Action) -> State {
    s.sends.clear();
    match action {
        Action::Start {
            total,
            chunk,
            workers,
        } => {
            if s.is_busy() {
                return s;
            }
            let workers = workers.max(1);
            let chunk = chunk.max(1);
            let mut n = State {
                job: s.job + 1,
                phase: Phase::Running,
                total,
                chunk,
                workers,
                busy: vec![None; workers],
                ..State::default()
            };
            n.partials = vec![None; n.n_chunks()];
            for w in 0..workers {
                n.assign(w);
            }
            if n.partials.is_empty() {
                n.phase = Phase::Done;
                n.result = Some(0);
            }
            n
        }
        Action::Cancel => {
            if s.is_busy() {
                s.phase = if s.in_flight() == 0 {
                    Phase::Cancelled
                } else {
                    Phase::Cancelling
                };
            }
            s
        }
        Action::Worker { worker, msg } => {
            let (job, index) = match &msg {
                FromWorker::ChunkDone { job, index, .. }
                | FromWorker::Failed { job, index, .. } => (*job, *index),
            };
            // Stale answers (older job, unknown worker, unexpected chunk) are ignored.
            if job != s.job || !s.is_busy() || s.busy.get(worker).copied().flatten() != Some(index)
            {
                return s;
            }
            s.busy[worker] = None;
            match msg {
                FromWorker::ChunkDone { items, value, .. } => {
                    s.partials[index as usize] = Some(value);
                    s.done += items;
                }
                FromWorker::Failed { message, .. } => {
                    s.phase = Phase::Failed(format!("chunk {index}: {message}"));
                    return s;
                }
            }
            match s.phase {
                Phase::Running => {
                    s.assign(worker);
                    if s.partials.iter().all(Option::is_some) {
                        s.phase = Phase::Done;
                        s.result = Some(s.partials.iter().map(|p| p.unwrap_or(0)).sum());
                    }
                }
                Phase::Cancelling if s.in_flight() == 0 => s.phase = Phase::Cancelled,
                _ => {}
            }
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::job;

    /// Plays the workers: answers every send with the real chunk result, the
    /// oldest send first, until nothing is in flight or `stop_after` answers.
    fn run(mut s: State, stop_after: Option<usize>, cancel_at: Option<usize>) -> State {
        let mut queue: Vec<Send> = s.sends.clone();
        let mut answered = 0;
        while let Some(send) = (!queue.is_empty()).then(|| queue.remove(0)) {
            if Some(answered) == stop_after {
                break;
            }
            if Some(answered) == cancel_at {
                s = reduce(s, Action::Cancel);
            }
            let ToWorker::Chunk {
                job,
                index,
                start,
                end,
            } = send.msg;
            let msg = FromWorker::ChunkDone {
                job,
                index,
                items: end - start,
                value: job::chunk(start, end),
            };
            s = reduce(
                s,
                Action::Worker {
                    worker: send.worker,
                    msg,
                },
            );
            queue.extend(s.sends.iter().cloned());
            answered += 1;
        }
        s
    }

    fn start(total: u64, chunk: u64, workers: usize) -> State {
        reduce(
            State::default(),
            Action::Start {
                total,
                chunk,
                workers,
            },
        )
    }

    #[test]
    fn start_hands_one_chunk_to_each_worker() {
        let s = start(1000, 100, 3);
        assert_eq!(s.phase, Phase::Running);
        assert_eq!(s.sends.len(), 3);
        assert_eq!(
            s.sends[2],
            Send {
                worker: 2,
                msg: ToWorker::Chunk {
                    job: 1,
                    index: 2,
                    start: 200,
                    end: 300
                }
            }
        );
        assert_eq!(s.partials.len(), 10);
    }

    #[test]
    fn more_workers_than_chunks() {
        let s = start(150, 100, 4);
        assert_eq!(s.sends.len(), 2);
        assert_eq!(
            s.sends[1].msg,
            ToWorker::Chunk {
                job: 1,
                index: 1,
                start: 100,
                end: 150
            }
        );
    }

    #[test]
    fn result_is_the_same_for_any_number_of_workers() {
        let one = run(start(250, 30, 1), None, None);
        let four = run(start(250, 30, 4), None, None);
        assert_eq!(one.phase, Phase::Done);
        assert_eq!(four.phase, Phase::Done);
        assert_eq!(one.result, Some(job::chunk(0, 250)));
        assert_eq!(one.result, four.result);
        assert_eq!(four.progress(), 1.0);
    }

    #[test]
    fn cancel_stops_handing_out_chunks_and_waits_for_running_ones() {
        let s = start(1000, 10, 2);
        let s = reduce(s, Action::Cancel);
        assert_eq!(s.phase, Phase::Cancelling);
        assert!(s.sends.is_empty());
        let s = run(
            State {
                sends: vec![
                    Send {
                        worker: 0,
                        msg: ToWorker::Chunk {
                            job: 1,
                            index: 0,
                            start: 0,
                            end: 10,
                        },
                    },
                    Send {
                        worker: 1,
                        msg: ToWorker::Chunk {
                            job: 1,
                            index: 1,
                            start: 10,
                            end: 20,
                        },
                    },
                ],
                ..s
            },
            None,
            None,
        );
        assert_eq!(s.phase, Phase::Cancelled);
        assert_eq!(s.done, 20);
        assert_eq!(s.result, None);
    }

    #[test]
    fn cancel_midway() {
        let s = run(start(1000, 10, 3), None, Some(5));
        assert_eq!(s.phase, Phase::Cancelled);
        assert!(s.done < 1000 && s.done >= 50);
        assert!(s.busy.iter().all(Option::is_none));
    }

    #[test]
    fn stale_and_unexpected_answers_are_ignored() {
        let s = start(100, 10, 2);
        let stale = FromWorker::ChunkDone {
            job: 0,
            index: 0,
            items: 10,
            value: 1,
        };
        let s2 = reduce(
            s.clone(),
            Action::Worker {
                worker: 0,
                msg: stale,
            },
        );
        assert_eq!(s2.done, 0);
        let wrong_chunk = FromWorker::ChunkDone {
            job: 1,
            index: 1,
            items: 10,
            value: 1,
        };
        let s3 = reduce(
            s.clone(),
            Action::Worker {
                worker: 0,
                msg: wrong_chunk,
            },
        );
        assert_eq!(s3.done, 0);
        let no_such_worker = FromWorker::ChunkDone {
            job: 1,
            index: 0,
            items: 10,
            value: 1,
        };
        let s4 = reduce(
            s,
            Action::Worker {
                worker: 9,
                msg: no_such_worker,
            },
        );
        assert_eq!(s4.done, 0);
    }

    #[test]
    fn failure_is_reported_and_start_works_again() {
        let s = start(100, 10, 1);
        let s = reduce(
            s,
            Action::Worker {
                worker: 0,
                msg: FromWorker::Failed {
                    job: 1,
                    index: 0,
                    message: "boom".into(),
                },
            },
        );
        assert_eq!(s.phase, Phase::Failed("chunk 0: boom".into()));
        let s = reduce(
            s,
            Action::Start {
                total: 10,
                chunk: 10,
                workers: 1,
            },
        );
        assert_eq!((s.job, s.phase.clone()), (2, Phase::Running));
    }

    #[test]
    fn start_while_running_is_ignored() {
        let s = start(100, 10, 1);
        let s2 = reduce(
            s.clone(),
            Action::Start {
                total: 5,
                chunk: 1,
                workers: 1,
            },
        );
        assert_eq!(s2.job, s.job);
        assert!(s2.sends.is_empty());
    }

    #[test]
    fn empty_job_is_done_at_once() {
        let s = start(0, 10, 2);
        assert_eq!((s.phase, s.result), (Phase::Done, Some(0)));
    }
}
