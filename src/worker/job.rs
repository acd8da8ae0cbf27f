//! What a worker does with each message, in plain Rust (tested natively).
//!
//! A [`Session`] owns at most one prepared [`Analysis`]; every answer names
//! the job it belongs to so the UI can drop answers to an older job.

use crate::data::suspect::suspects;
use crate::data::{read_bytes, summarize, ReadOptions};
use crate::engine::bootstrap::{Draws, Resamples};
use crate::engine::predict::RepetitionSums;
use crate::engine::{Settings, Stage};
use crate::multigroup::{add_study, MgaOptions, Study};
use crate::pipeline::{add_predict_with, predict_repetition, prepare_bytes, Analysis};
use crate::error::{Error, Result, WorkerError};
use crate::model::propose;
use crate::protocol::{CrashKind, FileBytes, FromWorker, JobId, Preview, TextPreview, ToWorker, PREVIEW_ROWS};

/// A multigroup analysis posts its progress every this many resamples or
/// permutations (each is one message to the page).
const COMPARING_EVERY: usize = 25;

/// A power analysis posts its progress every this many replications.
const POWER_EVERY: usize = 5;

#[derive(Default)]
pub struct Session {
    analysis: Option<(JobId, Analysis)>,
    /// What the Finish adds (multigroup analysis, IPMA), with the file and
    /// model it reads the groups from: kept only when asked for.
    study: Option<StudySource>,
    /// Draws kept for the Finish of the prepared job (worker 0's own and
    /// those the UI forwarded).
    kept: Vec<Draws>,
    /// PLSpredict repetitions kept for the Finish, likewise.
    kept_repetitions: Vec<RepetitionSums>,
}

/// Read a file and describe it: the first rows, a summary per column, the
/// values that look like missing-value codes, and a model proposed from
/// the column names (whose groups of items are also the scales whose
/// ranges are compared).
pub fn load(bytes: &[u8], options: &ReadOptions) -> Result<(Preview, String)> {
    let (ds, mut info) = read_bytes(bytes, options)?;
    // the page gets what the preview shows of the text columns, not every cell
    let text = info.text_columns.iter().map(TextPreview::of).collect();
    info.text_columns.clear();
    let rows = (0..ds.n_rows().min(PREVIEW_ROWS)).map(|i| ds.columns.iter().map(|c| c[i]).collect()).collect();
    let proposed = propose(&ds.names);
    let index = ds.name_index();
    let groups: Vec<Vec<usize>> = proposed.constructs.iter().map(|c| c.indicators.iter().filter_map(|i| index.get(i.as_str()).copied()).collect()).collect();
    let suspects = suspects(&ds, &groups);
    let sheets = if info.format == "xlsx" { sheet_names(bytes) } else { Vec::new() };
    Ok((Preview { names: ds.names.clone(), rows, summary: summarize(&ds), info, suspects, sheets, text }, proposed.to_syntax()))
}

/// The sheets of a workbook that was just read (so it opens).
fn sheet_names(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    calamine::Xlsx::new(std::io::Cursor::new(bytes)).map(|wb| wb.sheet_names()).unwrap_or_default()
}

/// A study's analyses and their sources, for the Finish.
struct StudySource {
    study: Study,
    bytes: FileBytes,
    options: ReadOptions,
    model_text: String,
}

/// Read, parse (syntax or JSON), validate, estimate: the pipeline's entry.
/// The file's bytes are freed once read and the dataset once the analysis
/// holds the model's columns, so a worker never holds more than one of them
/// beside the analysis.
pub fn prepare_analysis(bytes: FileBytes, options: &ReadOptions, model_text: &str, settings: &Settings) -> Result<Analysis> {
    /// The worker's own copy of the bytes, moved into the pipeline.
    struct Owned(FileBytes);
    impl AsRef<[u8]> for Owned {
        fn as_ref(&self) -> &[u8] {
            self.0.as_slice()
        }
    }
    prepare_bytes(Owned(bytes), options, model_text, settings, &|_| {})
}

impl Session {
    /// The answer to a message (`None` for [`ToWorker::Keep`]).
    pub fn handle(&mut self, msg: ToWorker) -> Option<FromWorker> {
        self.handle_with(msg, &|_| {})
    }

    /// [`Session::handle`], posting progress messages on the way
    /// ([`FromWorker::Predicting`]).
    pub fn handle_with(&mut self, msg: ToWorker, post: &(dyn Fn(FromWorker) + Sync)) -> Option<FromWorker> {
        let job = msg.job();
        let out = match msg {
            ToWorker::Load { bytes, options, .. } => load(&bytes, &options).map(|(preview, proposed)| FromWorker::Loaded { job, preview, proposed }),
            ToWorker::Prepare { bytes, options, model_text, settings, study, .. } => {
                self.analysis = None;
                self.kept.clear();
                self.kept_repetitions.clear();
                self.study = (!study.is_empty()).then(|| StudySource { study, bytes: bytes.clone(), options: options.clone(), model_text: model_text.clone() });
                prepare_analysis(bytes, &options, &model_text, &settings).map(|a| {
                    let result = Box::new(a.point.clone());
                    self.analysis = Some((job, a));
                    FromWorker::Prepared { job, result }
                })
            }
            ToWorker::Boot { start, end, keep, .. } => self
                .analysis(job)
                .and_then(|a| {
                    let range = start as usize..end as usize;
                    a.draws(Resamples::Seeded { seed: a.settings.seed, range }, 1, &|_| true).ok_or_else(Error::cancelled)
                })
                .map(|draws| {
                    let draws = if keep {
                        self.kept.push(draws);
                        None
                    } else {
                        Some(draws)
                    };
                    FromWorker::BootDone { job, start, end, draws }
                }),
            ToWorker::Keep { draws, .. } => {
                // draws of an older job are dropped
                if self.analysis(job).is_ok() {
                    self.kept.push(draws);
                }
                return None;
            }
            ToWorker::Predict { repetition, keep, .. } => self.analysis(job).and_then(|a| predict_repetition(a, repetition as usize)).map(|sums| {
                let sums = if keep {
                    self.kept_repetitions.push(sums);
                    None
                } else {
                    Some(sums)
                };
                FromWorker::PredictDone { job, repetition, sums }
            }),
            ToWorker::KeepRepetition { sums, .. } => {
                // a repetition of an older job is dropped
                if self.analysis(job).is_ok() {
                    self.kept_repetitions.push(sums);
                }
                return None;
            }
            ToWorker::Finish { draws, .. } => {
                let mut all = std::mem::take(&mut self.kept);
                all.extend(draws);
                let repetitions = std::mem::take(&mut self.kept_repetitions);
                self.analysis(job).and_then(|a| {
                    let mut result = if a.settings.bootstrap == 0 && all.is_empty() { a.point.clone() } else { a.finish(&all) };
                    // PLSpredict, when asked for, on this worker's one thread
                    let progress = |stage| {
                        match stage {
                            Stage::Predicting { done, total } => post(FromWorker::Predicting { job, done: done as u64, total: total as u64 }),
                            Stage::Comparing { step, steps, done, total } if done % COMPARING_EVERY == 0 || done == total => {
                                post(FromWorker::Comparing { job, step: step as u64, steps: steps as u64, done: done as u64, total: total as u64 })
                            }
                            _ => {}
                        }
                        true
                    };
                    // PLSpredict from the repetitions the workers ran (any
                    // left over run here)
                    add_predict_with(a, &mut result, None, 1, repetitions, &progress)?;
                    if let Some(s) = &self.study {
                        let source = (s.bytes.as_slice(), &s.options, s.model_text.as_str());
                        add_study(a, &mut result, source, &s.study, MgaOptions::default(), &progress)?;
                    }
                    Ok(FromWorker::Finished { job, result: Box::new(result) })
                })
            }
            ToWorker::Power { bytes, options, model_text, settings, request, .. } => {
                let progress = |stage| {
                    if let Stage::Power { done, total } = stage {
                        if done % POWER_EVERY == 0 || done == total {
                            post(FromWorker::PowerProgress { job, done: done as u64, total: total as u64 });
                        }
                    }
                    true
                };
                let settings = Settings { threads: 1, ..settings };
                crate::power::plan_bytes(&bytes, &options, &model_text, &settings, &request, &progress).map(|r| FromWorker::PowerDone { job, result: Box::new(r) })
            }
            ToWorker::Crash { kind, .. } => crash(kind),
        };
        Some(out.unwrap_or_else(|error| FromWorker::Failed { job, error }))
    }

    fn analysis(&self, job: JobId) -> Result<&Analysis> {
        match &self.analysis {
            Some((j, a)) if *j == job => Ok(a),
            _ => Err(WorkerError::NotPrepared.into()),
        }
    }
}

/// The crash test hook ([`ToWorker::Crash`]): never returns.
fn crash(kind: CrashKind) -> ! {
    match kind {
        CrashKind::Panic => panic!("deliberate crash (crash-test hook)"),
        CrashKind::OutOfMemory => {
            // 256 MiB at a time, kept, until the allocator gives up (wasm32
            // stops at 4 GiB; untouched pages cost the browser little).
            let mut hog: Vec<Vec<u8>> = Vec::new();
            loop {
                let mut block = Vec::<u8>::with_capacity(256 << 20);
                block.push(1);
                hog.push(std::hint::black_box(block));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const EXAMPLE_CSV: &[u8] = include_bytes!("../../www/examples/crm_sc_bp.csv");

    fn settings(b: usize) -> Settings {
        Settings { bootstrap: b, seed: 1, ..Settings::smartpls() }
    }

    fn prepared(s: &mut Session, job: JobId, b: usize) {
        let msg = ToWorker::Prepare {
            job,
            bytes: EXAMPLE_CSV.to_vec().into(),
            options: ReadOptions::default(),
            model_text: crate::ui::state::EXAMPLE_MODEL.into(),
            settings: settings(b),
            study: Default::default(),
        };
        assert!(matches!(s.handle(msg), Some(FromWorker::Prepared { .. })));
    }

    fn boot(s: &mut Session, job: JobId, start: u64, end: u64) -> Draws {
        match s.handle(ToWorker::Boot { job, start, end, keep: false }) {
            Some(FromWorker::BootDone { draws: Some(draws), .. }) => draws,
            other => panic!("{other:?}"),
        }
    }

    fn finish(s: &mut Session, job: JobId, draws: Vec<Draws>) -> crate::engine::result::AnalysisResult {
        match s.handle(ToWorker::Finish { job, draws }) {
            Some(FromWorker::Finished { result, .. }) => *result,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn load_previews_and_proposes() {
        let mut s = Session::default();
        let Some(FromWorker::Loaded { preview, proposed, .. }) = s.handle(ToWorker::Load { job: 3, bytes: EXAMPLE_CSV.to_vec().into(), options: ReadOptions::default() }) else {
            panic!()
        };
        assert_eq!(preview.names.len(), 18);
        assert_eq!(preview.rows.len(), PREVIEW_ROWS);
        assert_eq!(preview.summary.len(), 18);
        assert!(proposed.contains("CRM1"), "{proposed}");
        assert!(preview.suspects.is_empty(), "{:?}", preview.suspects);
    }

    /// The example with −99 written into five cells of four columns: the
    /// preview names the code, and once it is a missing code the cells are
    /// counted as missing and nothing is suspect any more.
    #[test]
    fn load_finds_a_missing_code_and_counts_it_once_given() {
        let text = std::str::from_utf8(EXAMPLE_CSV).unwrap();
        let mut lines: Vec<Vec<String>> = text.lines().map(|l| l.split(',').map(String::from).collect()).collect();
        for (row, col) in [(1, 1), (2, 1), (3, 0), (5, 8), (9, 14)] {
            lines[row][col] = "-99".into();
        }
        let csv: String = lines.iter().map(|l| l.join(",") + "\n").collect();
        let load = |codes: &[&str]| {
            let options = ReadOptions { missing_codes: codes.iter().map(|c| c.to_string()).collect(), ..ReadOptions::default() };
            load(csv.as_bytes(), &options).unwrap().0
        };
        let p = load(&[]);
        assert_eq!(p.suspects.codes.len(), 1, "{:?}", p.suspects);
        let code = &p.suspects.codes[0];
        assert_eq!((code.value, code.count), (-99.0, 5));
        assert_eq!(code.columns, ["CRM1", "CRM2", "SC2", "BP2"]);
        // the columns holding −99 reach far below their scale's 1–5
        let odd: Vec<&str> = p.suspects.ranges.iter().map(|o| o.column.as_str()).collect();
        assert_eq!(odd, ["CRM1", "CRM2", "SC2", "BP2"]);
        let p = load(&["-99"]);
        assert!(p.suspects.is_empty(), "{:?}", p.suspects);
        assert_eq!(p.summary.iter().map(|c| c.missing).sum::<usize>(), 5);
    }

    #[test]
    fn ragged_csv_names_the_row() {
        let mut s = Session::default();
        let out = s.handle(ToWorker::Load { job: 1, bytes: b"a,b\n1,2\n3\n".to_vec().into(), options: ReadOptions::default() });
        let Some(FromWorker::Failed { job: 1, error }) = out else { panic!("{out:?}") };
        assert_eq!(error.location.row, Some(3), "{error:?}");
    }

    #[test]
    fn model_syntax_error_carries_its_line() {
        let mut s = Session::default();
        let out = s.handle(ToWorker::Prepare {
            job: 1,
            bytes: EXAMPLE_CSV.to_vec().into(),
            options: ReadOptions::default(),
            model_text: "CRM =~ CRM1 + CRM2\nBP ~~ ??? CRM".into(),
            settings: settings(0),
            study: Default::default(),
        });
        let Some(FromWorker::Failed { error, .. }) = out else { panic!("{out:?}") };
        assert_eq!(error.location.line, Some(2), "{error:?}");
    }

    #[test]
    fn boot_without_prepare_fails_cleanly() {
        let mut s = Session::default();
        assert!(matches!(s.handle(ToWorker::Boot { job: 1, start: 0, end: 5, keep: false }), Some(FromWorker::Failed { .. })));
    }

    /// Two workers with interleaved ranges give exactly the result of one
    /// worker doing everything, and the engine's own bootstrap.
    #[test]
    fn any_split_across_workers_gives_the_same_result() {
        let (mut one, mut w0, mut w1) = (Session::default(), Session::default(), Session::default());
        for s in [&mut one, &mut w0, &mut w1] {
            prepared(s, 7, 60);
        }
        let whole = boot(&mut one, 7, 0, 60);
        let single = finish(&mut one, 7, vec![whole]);
        let parts = vec![boot(&mut w1, 7, 25, 60), boot(&mut w0, 7, 0, 10), boot(&mut w1, 7, 10, 25)];
        let split = finish(&mut w0, 7, parts);
        assert_eq!(single, split);
        assert!(split.bootstrap.is_some());
        assert!(split.path_coefficients.iter().all(|p| p.se.is_some()));

        let (ds, _) = read_bytes(EXAMPLE_CSV, &ReadOptions::default()).unwrap();
        let model = crate::model::validate(&crate::model::parse_syntax(crate::ui::state::EXAMPLE_MODEL).unwrap(), &ds.names).unwrap();
        let direct = crate::pipeline::analyze(&ds, &model, &Settings { threads: 1, ..settings(60) }, &|_| true).unwrap();
        assert_eq!(direct.path_coefficients, split.path_coefficients);
    }

    /// As the page runs it: worker 0 keeps its own draws, the others' are
    /// forwarded to it with Keep (not answered), Finish brings none.
    #[test]
    fn worker_zero_keeps_and_combines_the_draws() {
        let (mut one, mut w0, mut w1) = (Session::default(), Session::default(), Session::default());
        for s in [&mut one, &mut w0, &mut w1] {
            prepared(s, 7, 60);
        }
        let whole = boot(&mut one, 7, 0, 60);
        let single = finish(&mut one, 7, vec![whole]);
        let kept = w0.handle(ToWorker::Boot { job: 7, start: 0, end: 30, keep: true });
        assert!(matches!(kept, Some(FromWorker::BootDone { draws: None, .. })), "{kept:?}");
        let other = boot(&mut w1, 7, 30, 60);
        assert_eq!(w0.handle(ToWorker::Keep { job: 7, draws: other.clone() }), None);
        // draws for another job are not kept
        assert_eq!(w0.handle(ToWorker::Keep { job: 6, draws: other }), None);
        assert_eq!(finish(&mut w0, 7, vec![]), single);
        // a new Prepare starts with nothing kept
        prepared(&mut w0, 8, 60);
        let FromWorker::Finished { result, .. } = w0.handle(ToWorker::Finish { job: 8, draws: vec![] }).unwrap() else { panic!() };
        assert_eq!(result.bootstrap.map(|b| b.resamples), Some(0));
    }

    /// A workbook's sheets come with its preview; another sheet is read
    /// when asked for.
    #[test]
    fn load_lists_the_sheets_of_a_workbook() {
        use crate::report::{workbook::tables_workbook, Cell, Table};
        let sheet = |title: &str, header: &str, v: f64| Table {
            id: title.into(),
            title: title.into(),
            note: String::new(),
            columns: vec![header.into()],
            keys: vec![],
            rows: (0..3).map(|i| vec![Cell { text: String::new(), value: Some(v + i as f64), flag: None, interval: None }]).collect(),
        };
        let book = tables_workbook(&[sheet("Notes", "x", 1.0), sheet("Survey", "q1", 10.0)], crate::report::Lang::En);
        let (p, _) = load(&book, &ReadOptions::default()).unwrap();
        assert_eq!(p.sheets, ["Notes", "Survey"]);
        assert_eq!(p.names, ["x"]);
        let (p, _) = load(&book, &ReadOptions { sheet: Some("Survey".into()), ..ReadOptions::default() }).unwrap();
        assert_eq!((p.names.as_slice(), p.rows[0][0]), (&["q1".to_string()][..], 10.0));
        let (csv, _) = load(EXAMPLE_CSV, &ReadOptions::default()).unwrap();
        assert!(csv.sheets.is_empty());
    }
}

