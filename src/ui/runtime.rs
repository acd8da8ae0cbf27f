//! The impure shell around [`super::state::reduce`]: the page's state as a
//! Yew reducer whose every step also posts the reducer's messages to the
//! workers, starts and replaces the workers, and keeps the run's timing.
//!
//! The decisions stay in the pure reducer (tested natively); this only
//! carries them out.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::state::{reduce, Action, Phase, State};
use super::web::now_ms;
use crate::protocol::{CrashKind, FromWorker, ToWorker};
use crate::worker::{Bridge, WorkerEvent};

/// Never start more workers than this, however many cores are reported:
/// each holds its own wasm instance and copy of the data.
pub const MAX_WORKERS: usize = 8;

/// The worker entry point, relative to the page so the app works under any
/// URL prefix (Trunk's loader shim; no `blob:` URL for the CSP to allow).
const WORKER_URL: &str = "./worker_loader.js";

/// With no answer from any worker for this long while one is busy, the
/// workers are presumed hung and replaced (a dead worker is reported at once:
/// see [`PageMsg::Crashed`]). A 100-resample range takes seconds.
const WATCHDOG_MS: f64 = 90_000.0;

/// What reaches the page's reducer.
pub enum PageMsg {
    /// Something the user did (or a file read in the page).
    Do(Action),
    /// An answer from worker `worker` of generation `generation`.
    Worker { generation: u64, worker: usize, msg: FromWorker },
    /// A worker of this generation died (panic hook or `error` event).
    Crashed { generation: u64, message: String },
    /// Once a second: the watchdog.
    Tick,
}

/// When the current run started, when its bootstrap started and how long
/// it took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timing {
    pub run_started_ms: f64,
    pub boot_started_ms: Option<f64>,
    pub elapsed_ms: Option<f64>,
    last_answer_ms: f64,
}

/// The workers: spawned on the first message, replaced after a crash.
pub struct Workers {
    n: usize,
    bridges: RefCell<Vec<Bridge>>,
    /// Bumped whenever the workers are replaced; reports from older
    /// workers are ignored.
    generation: Cell<u64>,
    /// Test hook `?crash-test=panic|oom`: the first Run crashes worker 0.
    crash_test: Cell<Option<CrashKind>>,
    /// Where the workers' answers go (the page's reducer).
    to_page: RefCell<Option<Callback<PageMsg>>>,
}

impl Workers {
    pub fn new(n: usize, crash_test: Option<CrashKind>) -> Rc<Self> {
        Rc::new(Workers { n: n.clamp(1, MAX_WORKERS), bridges: RefCell::default(), generation: Cell::new(0), crash_test: Cell::new(crash_test), to_page: RefCell::default() })
    }

    /// Send the workers' answers to `page` (once, on the first render).
    pub fn connect(&self, page: Callback<PageMsg>) {
        self.to_page.borrow_mut().get_or_insert(page);
    }

    fn ensure_started(&self) {
        let Some(page) = self.to_page.borrow().clone() else { return };
        let mut bridges = self.bridges.borrow_mut();
        while bridges.len() < self.n {
            let (worker, generation, to_page) = (bridges.len(), self.generation.get(), page.clone());
            let spawned = Bridge::spawn(WORKER_URL, move |event| match event {
                WorkerEvent::Answer(msg) => to_page.emit(PageMsg::Worker { generation, worker, msg }),
                WorkerEvent::Crashed(message) => to_page.emit(PageMsg::Crashed { generation, message }),
            });
            match spawned {
                Ok(bridge) => bridges.push(bridge),
                Err(e) => {
                    // reported after this step (the reducer is busy with it)
                    let message = format!("the worker could not start: {e:?}");
                    let page = page.clone();
                    wasm_bindgen_futures::spawn_local(async move { page.emit(PageMsg::Crashed { generation, message }) });
                    return;
                }
            }
        }
    }

    fn post(&self, sends: &[super::state::Send]) {
        if sends.is_empty() {
            return;
        }
        self.ensure_started();
        let bridges = self.bridges.borrow();
        for send in sends {
            if let Some(b) = bridges.get(send.worker) {
                b.send(&send.msg);
            }
        }
    }

    /// Terminate every worker (dropping a bridge does); fresh ones are
    /// spawned for the next message. All of them, not just the dead one: the
    /// others hold the dead job's state, and a crash while starting must not
    /// turn into a respawn loop.
    fn replace(&self) {
        self.generation.set(self.generation.get() + 1);
        self.bridges.borrow_mut().clear();
    }
}

/// The page's state: the pure [`State`], the run's timing, and the workers.
#[derive(Clone)]
pub struct Page {
    pub state: State,
    pub timing: Timing,
    workers: Rc<Workers>,
    /// When each worker was last sent a range of resamples.
    boot_sent_ms: Vec<Option<f64>>,
}

impl Page {
    pub fn new(state: State, workers: Rc<Workers>) -> Self {
        let boot_sent_ms = vec![None; workers.n];
        Page { state, timing: Timing::default(), workers, boot_sent_ms }
    }

    /// Send the workers' answers to `page` (the reducer's own dispatcher).
    pub fn connect(&self, page: Callback<PageMsg>) {
        self.workers.connect(page);
    }

    /// One step of the reducer, its messages posted, the timing kept.
    fn apply(&mut self, action: Action) {
        let now = now_ms();
        let was_busy = self.state.is_busy();
        if matches!(action, Action::Example { .. } | Action::File { .. } | Action::Run { .. }) {
            self.timing = Timing { run_started_ms: now, last_answer_ms: self.timing.last_answer_ms, ..Timing::default() };
        }
        let is_run = matches!(action, Action::Run { .. });
        self.state = reduce(std::mem::take(&mut self.state), action);
        if self.state.terminate {
            // a long message of worker 0 was cancelled: stop it now
            self.workers.replace();
        }
        if !self.state.sends.is_empty() && !was_busy {
            self.timing.last_answer_ms = now;
        }
        self.workers.post(&self.state.sends);
        for send in self.state.sends.iter().filter(|s| matches!(s.msg, ToWorker::Boot { .. })) {
            if let Some(sent) = self.boot_sent_ms.get_mut(send.worker) {
                *sent = Some(now);
            }
        }
        if is_run {
            // Test hook, once per page: worker 0 dies after its Prepare.
            if let (true, Some(kind)) = (self.state.is_running(), self.workers.crash_test.get()) {
                self.workers.crash_test.set(None);
                if let Some(b) = self.workers.bridges.borrow().first() {
                    b.send(&ToWorker::Crash { job: self.state.job, kind });
                }
            }
        }
        if self.state.phase == Phase::Bootstrapping && self.timing.boot_started_ms.is_none() {
            self.timing.boot_started_ms = Some(now);
        }
        if was_busy && !self.state.is_busy() && self.state.phase != Phase::Idle {
            self.timing.elapsed_ms = Some(now - self.timing.run_started_ms);
        }
    }
}

impl Reducible for Page {
    type Action = PageMsg;

    fn reduce(self: Rc<Self>, msg: PageMsg) -> Rc<Self> {
        let current = self.workers.generation.get();
        match &msg {
            // the status line changes with the answers, not with the clock
            PageMsg::Tick if !self.state.is_busy() || now_ms() - self.timing.last_answer_ms <= WATCHDOG_MS => return self,
            PageMsg::Worker { generation, .. } | PageMsg::Crashed { generation, .. } if *generation != current => return self,
            _ => {}
        }
        let mut page = Rc::unwrap_or_clone(self);
        match msg {
            PageMsg::Do(action) => page.apply(action),
            PageMsg::Worker { worker, msg, .. } => {
                page.timing.last_answer_ms = now_ms();
                // size the next ranges by how long this one took
                if let FromWorker::BootDone { job, start, end, .. } = &msg {
                    if let Some(sent) = page.boot_sent_ms.get_mut(worker).and_then(Option::take) {
                        if *job == page.state.job {
                            page.state.adapt_chunk(end - start, page.timing.last_answer_ms - sent);
                        }
                    }
                }
                page.apply(Action::Worker { worker, msg });
            }
            PageMsg::Crashed { message, .. } => {
                web_sys::console::error_1(&JsValue::from_str(&format!("worker crashed: {message}")));
                page.workers.replace();
                page.apply(Action::WorkerCrashed { message });
            }
            PageMsg::Tick => {
                page.workers.replace();
                page.apply(Action::WorkersLost);
            }
        }
        Rc::new(page)
    }
}
