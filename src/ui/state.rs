//! App state and its pure reducer: `reduce(state, action) -> state`.
//!
//! No web types here, so it is tested natively. The reducer also decides
//! which message goes to which worker ([`State::sends`]); the component only
//! posts them, so loading, preparing, scheduling the bootstrap, cancelling
//! and failures are all tested here.

use crate::data::ReadOptions;
use crate::engine::result::AnalysisResult;
use std::rc::Rc;
use crate::engine::Settings;
use crate::error::{Error, FileError, WorkerError};
use crate::model::{parse_syntax, Mode, RawInteraction, RawPath};
use crate::protocol::{FileBytes, FromWorker, JobId, Preview, ToWorker};

/// Bootstrap resamples per message: small enough for a smooth progress bar
/// and a quick Cancel, large enough that messaging costs little.
pub const DEFAULT_CHUNK: u64 = 100;

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
    /// The data file: name and bytes (kept only in this tab).
    pub file: Option<(String, FileBytes)>,
    pub preview: Option<Preview>,
    /// Why the file could not be read (shown instead of the preview).
    pub data_error: Option<Error>,
    pub model_text: String,
    /// A problem with the model (shown under the editor, with its line).
    pub model_error: Option<Error>,
    /// Any other failure of the last run.
    pub run_error: Option<Error>,
    pub settings: Settings,
    /// Extra missing-value code, e.g. "-99".
    pub missing_code: String,
    /// Run as soon as the file is read (the example, `?example=crm`).
    pub run_after_load: bool,
    pub workers: usize,
    pub chunk: u64,
    /// Resamples to draw.
    pub total: u64,
    /// Resamples finished.
    pub done: u64,
    /// First resample not yet handed out.
    pub next: u64,
    /// Per worker: prepared for this job, and the range it is computing.
    pub ready: Vec<bool>,
    pub busy: Vec<Option<(u64, u64)>>,
    /// The point result while the bootstrap runs, then the final one
    /// (shared: the page tells a new result by its pointer).
    pub result: Option<Rc<AnalysisResult>>,
    /// True once `result` includes the bootstrap (or none was asked for).
    pub complete: bool,
    /// Messages to post after this step (replaced on every step).
    pub sends: Vec<Send>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A file was chosen (picker, drop, or the example).
    File { name: String, bytes: Vec<u8> },
    /// The example: its model text, its file, and run it at once.
    Example { bytes: Vec<u8> },
    SetModel(String),
    SetSettings(Settings),
    SetMissingCode(String),
    /// Measure a construct in Mode A (`=~`) or Mode B (`<~`).
    SetMode { construct: String, mode: Mode },
    AddPath { from: String, to: String },
    AddInteraction { iv: String, moderator: String, dv: String },
    Run { workers: usize },
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

    /// Fraction of the bootstrap done, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            return if self.complete { 1.0 } else { 0.0 };
        }
        self.done as f64 / self.total as f64
    }

    /// Waiting for a worker.
    pub fn is_busy(&self) -> bool {
        matches!(self.phase, Phase::Loading | Phase::Preparing | Phase::Bootstrapping | Phase::Cancelling | Phase::Finishing)
    }

    pub fn read_options(&self) -> ReadOptions {
        let code = self.missing_code.trim();
        ReadOptions { missing_codes: if code.is_empty() { vec![] } else { vec![code.to_string()] }, ..ReadOptions::default() }
    }

    fn send(&mut self, worker: usize, msg: ToWorker) {
        self.sends.push(Send { worker, msg });
    }

    /// Hand the next range, if any, to `worker`.
    fn assign(&mut self, worker: usize) {
        if self.phase != Phase::Bootstrapping || self.next >= self.total || self.busy[worker].is_some() {
            return;
        }
        let (start, end) = (self.next, (self.next + self.chunk).min(self.total));
        self.next = end;
        self.busy[worker] = Some((start, end));
        // worker 0 combines the draws at the end: it keeps its own
        self.send(worker, ToWorker::Boot { job: self.job, start, end, keep: worker == 0 });
    }

    fn in_flight(&self) -> usize {
        self.busy.iter().filter(|b| b.is_some()).count()
    }

    fn load(&mut self) {
        if let Some((_, bytes)) = &self.file {
            self.job += 1;
            self.phase = Phase::Loading;
            let msg = ToWorker::Load { job: self.job, bytes: bytes.clone(), options: self.read_options() };
            self.send(0, msg);
        }
    }

    fn fail(&mut self, error: Error) {
        self.phase = Phase::Failed;
        self.busy.iter_mut().for_each(|b| *b = None);
        if error.is_model_error() {
            self.model_error = Some(error);
        } else {
            self.run_error = Some(error);
        }
    }

    /// The model's constructs (parsed from the text), for the form's selects.
    pub fn construct_names(&self) -> Vec<String> {
        self.construct_modes().into_iter().map(|(name, _)| name).collect()
    }

    /// The constructs of the model text and how each is measured.
    pub fn construct_modes(&self) -> Vec<(String, Mode)> {
        parse_syntax(&self.model_text).map(|m| m.constructs.into_iter().map(|c| (c.name, c.mode)).collect()).unwrap_or_default()
    }
}

pub fn reduce(mut s: State, action: Action) -> State {
    s.sends.clear();
    match action {
        Action::File { name, bytes } => {
            if s.is_busy() {
                return s;
            }
            s.file = Some((name, bytes.into()));
            s.preview = None;
            s.data_error = None;
            s.run_error = None;
            s.run_after_load = false;
            s.load();
        }
        Action::Example { bytes } => {
            if s.is_busy() {
                return s;
            }
            s.model_text = EXAMPLE_MODEL.into();
            s.model_error = None;
            s = reduce(s, Action::File { name: EXAMPLE_NAME.into(), bytes });
            s.run_after_load = true;
        }
        Action::SetModel(text) => {
            s.model_text = text;
            s.model_error = None;
        }
        Action::SetSettings(settings) => s.settings = settings,
        Action::SetMissingCode(code) => {
            s.missing_code = code;
            // The preview's counts depend on it.
            if !s.is_busy() && s.file.is_some() {
                s.data_error = None;
                s.preview = None;
                s.load();
            }
        }
        Action::SetMode { construct, mode } => edit_model(&mut s, |m| {
            if let Some(c) = m.constructs.iter_mut().find(|c| c.name == construct) {
                c.mode = mode;
            }
        }),
        Action::AddPath { from, to } => edit_model(&mut s, |m| {
            if from != to && !m.paths.iter().any(|p| p.from == from && p.to == to) {
                m.paths.push(RawPath { from, to, line: None });
            }
        }),
        Action::AddInteraction { iv, moderator, dv } => edit_model(&mut s, |m| {
            if iv != moderator && iv != dv && moderator != dv && !m.interactions.iter().any(|i| i.iv == iv && i.moderator == moderator && i.dv.as_deref() == Some(&dv)) {
                for from in [&iv, &moderator] {
                    if !m.paths.iter().any(|p| &p.from == from && p.to == dv) {
                        m.paths.push(RawPath { from: from.clone(), to: dv.clone(), line: None });
                    }
                }
                m.interactions.push(RawInteraction { iv, moderator, dv: Some(dv), line: None });
            }
        }),
        Action::Run { workers } => {
            if s.is_busy() {
                return s;
            }
            let Some((_, bytes)) = s.file.clone() else { return s };
            let workers = workers.max(1);
            s.job += 1;
            s.phase = Phase::Preparing;
            s.model_error = None;
            s.run_error = None;
            s.result = None;
            s.complete = false;
            s.workers = workers;
            s.total = s.settings.bootstrap as u64;
            s.chunk = s.chunk.max(1);
            s.done = 0;
            s.next = 0;
            s.ready = vec![false; workers];
            s.busy = vec![None; workers];
            // Without a bootstrap only worker 0 is needed.
            let n = if s.total == 0 { 1 } else { workers };
            for w in 0..n {
                let msg = ToWorker::Prepare { job: s.job, bytes: bytes.clone(), options: s.read_options(), model_text: s.model_text.clone(), settings: s.settings.clone() };
                s.send(w, msg);
            }
        }
        Action::Cancel => match s.phase {
            Phase::Bootstrapping => s.phase = if s.in_flight() == 0 { Phase::Cancelled } else { Phase::Cancelling },
            Phase::Preparing => {
                s.phase = Phase::Cancelled;
                s.job += 1; // answers still on their way are dropped
            }
            _ => {}
        },
        Action::WorkersLost => {
            if s.is_busy() {
                s.job += 1;
                s.fail(WorkerError::Lost.into());
            }
        }
        Action::WorkerCrashed { message } => {
            if s.is_busy() {
                s.job += 1; // answers of the surviving workers are dropped
                s.run_after_load = false;
                s.fail(WorkerError::Crashed { message }.into());
            }
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
        }
        Action::Error(e) => {
            s.phase = Phase::Failed;
            s.run_after_load = false;
            s.data_error = Some(e);
        }
        Action::Worker { worker, msg } => {
            if msg.job() != s.job || worker >= s.workers.max(1) {
                return s;
            }
            on_worker(&mut s, worker, msg);
        }
    }
    s
}

fn on_worker(s: &mut State, worker: usize, msg: FromWorker) {
    match (s.phase.clone(), msg) {
        (Phase::Loading, FromWorker::Loaded { preview, proposed, .. }) => {
            s.preview = Some(preview);
            if s.model_text.trim().is_empty() {
                s.model_text = proposed;
            }
            s.phase = Phase::Idle;
            if std::mem::take(&mut s.run_after_load) {
                let workers = s.workers.max(1);
                *s = reduce(std::mem::take(s), Action::Run { workers });
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
                s.result = Some(Rc::new(*result));
            }
            if s.total == 0 {
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
            if s.busy[worker] != Some((start, end)) {
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
            if s.done >= s.total && s.in_flight() == 0 {
                s.phase = Phase::Finishing;
                s.send(0, ToWorker::Finish { job: s.job, draws: Vec::new() });
            }
        }
        (Phase::Finishing, FromWorker::Finished { result, .. }) => {
            s.result = Some(Rc::new(*result));
            s.complete = true;
            s.phase = Phase::Done;
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

/// Apply `f` to the parsed model and write the text back (comments and
/// layout are normalized). A model that does not parse is left alone and its
/// error shown.
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
}
