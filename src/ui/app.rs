//! The Yew app: a thin shell over [`super::state::reduce`]. It posts the
//! reducer's messages to the workers, reads files, and renders.

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::state::{parse_result, reduce, Action, Phase, State, EXAMPLE_URL};
use crate::engine::Settings;
use crate::model::Mode;
use crate::error::{Error, FileError};
use crate::protocol::{CrashKind, FromWorker, ToWorker};
use super::table::TableView;
use crate::engine::result::AnalysisResult;
use crate::report::{self, Table};
use std::rc::Rc;
use crate::worker::{Bridge, WorkerEvent};

/// Never start more workers than this, however many cores are reported:
/// each holds its own wasm instance and copy of the data.
const MAX_WORKERS: usize = 8;

/// The worker entry point, relative to the page so the app works under any
/// URL prefix (Trunk's loader shim; no `blob:` URL for the CSP to allow).
const WORKER_URL: &str = "./worker_loader.js";

/// With no answer from any worker for this long while one is busy, the
/// workers are presumed hung and replaced (a dead worker is reported at once:
/// see [`Msg::Crashed`]). A 100-resample range takes seconds.
const WATCHDOG_MS: f64 = 90_000.0;

pub enum Msg {
    Do(Action),
    Worker(usize, FromWorker),
    /// A worker of generation `.0` died (panic hook or `error` event).
    Crashed(u64, String),
    Files(Option<web_sys::FileList>),
    Example,
    Run,
    ToggleLang,
    Tick,
    Copy(usize),
    Csv(usize),
    Json,
    /// Every table in one Excel workbook.
    Xlsx,
    LoadJson(Option<web_sys::FileList>),
    Print,
    /// Download figure `i` (0 = path diagram, 1.. = slope plots) as PNG or SVG.
    Figure(usize, bool),
    /// Show (or hide, with `None`) the bootstrap histogram of a path ("from -> to").
    Histogram(Option<String>),
    /// Download the histogram shown as SVG.
    HistogramSvg,
    Form(&'static str, String),
    /// Move the next tables to the current result (see [`Shown`]).
    Reveal,
}

/// Table cells moved to a new result per step. A step is one task of its
/// own, so the page stays responsive while a large result is put on screen
/// (the 10,000 × 50 study has about 6,000 cells).
const CELLS_PER_STEP: usize = 800;

/// The results section's content, built once per result and language. When
/// a result arrives, its tables replace the ones on screen a few at a time
/// ([`Msg::Reveal`]); tables equal to the ones shown are kept as they are.
/// Until every table shows the result, `main[data-phase]` reads "rendering"
/// instead of "done".
#[derive(Default)]
struct Shown {
    /// The result and language `target`, `figures` and `hist_keys` belong to.
    result: Option<Rc<AnalysisResult>>,
    lang: Lang,
    target: Vec<Rc<Table>>,
    /// The tables on screen (equal to `target` once every step has run).
    tables: Vec<Rc<Table>>,
    /// (file stem, SVG document) of the path diagram and slope plots.
    figures: Rc<Vec<(String, String)>>,
    /// Per row of the path table: the key of its bootstrap histogram, if any.
    hist_keys: Rc<Vec<Option<String>>>,
    /// The histogram shown (key, SVG document).
    histogram: Option<(String, Rc<String>)>,
    /// A Reveal message is on its way.
    scheduled: bool,
}

impl Shown {
    fn up_to_date(&self) -> bool {
        self.tables.len() == self.target.len() && self.tables.iter().zip(&self.target).all(|(a, b)| Rc::ptr_eq(a, b))
    }

    /// Put the next tables of `target` on screen, about CELLS_PER_STEP cells.
    fn step(&mut self) {
        self.tables.truncate(self.target.len());
        let mut cells = 0;
        for (i, tb) in self.target.iter().enumerate() {
            if self.tables.get(i).is_some_and(|old| Rc::ptr_eq(old, tb)) {
                continue;
            }
            let size = tb.rows.len() * tb.columns.len().max(1);
            if cells > 0 && cells + size > CELLS_PER_STEP {
                break;
            }
            cells += size;
            if i < self.tables.len() {
                self.tables[i] = tb.clone();
            } else {
                self.tables.push(tb.clone());
            }
        }
    }
}

pub struct App {
    state: State,
    lang: Lang,
    n_workers: usize,
    bridges: Vec<Bridge>,
    /// Bumped whenever the workers are replaced; reports from older workers
    /// are ignored.
    generation: u64,
    /// Test hook `?crash-test=panic|oom`: the first Run crashes worker 0.
    crash_test: Option<CrashKind>,
    last_answer_ms: f64,
    boot_started_ms: Option<f64>,
    elapsed_ms: Option<f64>,
    run_started_ms: f64,
    form: [String; 5],
    copied: Option<usize>,
    /// The path whose bootstrap histogram is shown ("from -> to").
    histogram: Option<String>,
    /// `?embed=1`: no header or footer (for an iframe).
    embed: bool,
    shown: Shown,
    /// One callback for the table components (a new one per render would
    /// make every table render again).
    on_msg: Callback<Msg>,
    _ticker: Option<Closure<dyn FnMut()>>,
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn location_part(f: impl Fn(&web_sys::Location) -> Result<String, JsValue>) -> String {
    web_sys::window().and_then(|w| f(&w.location()).ok()).unwrap_or_default()
}

/// `key=value` from the query string or the fragment.
fn url_param(key: &str) -> Option<String> {
    let both = format!("{}&{}", location_part(|l| l.search()), location_part(|l| l.hash()));
    both.split(['?', '#', '&']).filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
}

/// `navigator.hardwareConcurrency` (or `?workers=N`), in 1..=[`MAX_WORKERS`].
fn worker_count() -> usize {
    let n = url_param("workers")
        .and_then(|v| v.parse::<f64>().ok())
        .or_else(|| web_sys::window().map(|w| w.navigator().hardware_concurrency()))
        .unwrap_or(1.0);
    (n as usize).clamp(1, MAX_WORKERS)
}

fn enum_str<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn parse_enum<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

async fn bytes_of(promise: js_sys::Promise) -> Result<Vec<u8>, JsValue> {
    let buf = JsFuture::from(promise).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// A `blob:` URL of one part: a string or a Uint8Array (the JS Blob
/// constructor takes either; web-sys names its bindings by the first).
fn blob_url(mime: &str, part: &JsValue) -> Option<String> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn click_download(name: &str, url: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(a) = doc.create_element("a") {
            let a: web_sys::HtmlAnchorElement = a.unchecked_into();
            a.set_href(url);
            a.set_download(name);
            a.click();
        }
    }
}

/// Download one part (text, or bytes as a Uint8Array) as a file.
fn download_part(name: &str, mime: &str, part: &JsValue) {
    let Some(url) = blob_url(mime, part) else { return };
    click_download(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn download(name: &str, mime: &str, text: &str) {
    download_part(name, mime, &JsValue::from_str(text));
}

/// PNG of an SVG document at twice its size: the SVG is drawn as an image
/// from a `blob:` URL onto an offscreen canvas (the CSP allows `img-src blob:`).
fn download_png(name: String, svg_doc: &str) {
    let Some(url) = blob_url("image/svg+xml", &JsValue::from_str(svg_doc)) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(canvas) = doc.create_element("canvas") else { return };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        let scale = 2.0;
        canvas.set_width((w as f64 * scale) as u32);
        canvas.set_height((h as f64 * scale) as u32);
        let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
        let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, w as f64 * scale, h as f64 * scale);
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w as f64 * scale, h as f64 * scale);
        if let Ok(data) = canvas.to_data_url_with_type("image/png") {
            click_download(&name, &data);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

/// The figures of a result: the path diagram, then one slope plot per
/// interaction, as (file stem, SVG document).
fn figures(r: &crate::engine::result::AnalysisResult, lang: Lang) -> Vec<(String, String)> {
    let mut out = vec![("plsweb_path_diagram".to_string(), report::svg::path_diagram(r, lang))];
    for sl in &r.simple_slopes {
        let stem: String = sl.interaction.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        out.push((format!("plsweb_slopes_{stem}"), report::svg::slope_plot(sl, lang)));
    }
    out
}

/// An error in the user's language (`crate::messages`).
fn error_text(l: Lang, e: &Error) -> String {
    crate::messages::error_text(e, l)
}

impl App {
    fn dispatch(&mut self, ctx: &Context<Self>, action: Action) {
        let was_busy = self.state.is_busy();
        self.state = reduce(std::mem::take(&mut self.state), action);
        if !self.state.sends.is_empty() {
            self.ensure_workers(ctx);
            if !was_busy {
                self.last_answer_ms = now_ms();
            }
        }
        for send in &self.state.sends {
            if let Some(b) = self.bridges.get(send.worker) {
                b.send(&send.msg);
            }
        }
        if self.state.phase == Phase::Bootstrapping && self.boot_started_ms.is_none() {
            self.boot_started_ms = Some(now_ms());
        }
        if was_busy && !self.state.is_busy() && self.state.phase != Phase::Idle {
            self.elapsed_ms = Some(now_ms() - self.run_started_ms);
        }
    }

    fn ensure_workers(&mut self, ctx: &Context<Self>) {
        while self.bridges.len() < self.n_workers {
            let w = self.bridges.len();
            let generation = self.generation;
            let link = ctx.link().clone();
            let spawned = Bridge::spawn(WORKER_URL, move |event| match event {
                WorkerEvent::Answer(out) => link.send_message(Msg::Worker(w, out)),
                WorkerEvent::Crashed(message) => link.send_message(Msg::Crashed(generation, message)),
            });
            match spawned {
                Ok(bridge) => self.bridges.push(bridge),
                Err(e) => {
                    ctx.link().send_message(Msg::Crashed(generation, format!("the worker could not start: {e:?}")));
                    return;
                }
            }
        }
    }

    /// Terminate every worker (dropping a bridge does); fresh ones are
    /// spawned for the next message. All of them, not just the dead one: the
    /// others hold the dead job's state, and a crash while starting must not
    /// turn into a respawn loop.
    fn replace_workers(&mut self) {
        self.generation += 1;
        self.bridges.clear();
    }

    fn read_file(&self, ctx: &Context<Self>, file: web_sys::File) {
        let link = ctx.link().clone();
        let name = file.name();
        // refuse a huge file from its size, before reading a byte of it
        if file.size() > crate::data::MAX_BYTES as f64 {
            link.send_message(Msg::Do(Action::Error(crate::data::too_large(file.size() as usize))));
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            match bytes_of(file.array_buffer()).await {
                Ok(bytes) => link.send_message(Msg::Do(Action::File { name, bytes })),
                Err(e) => link.send_message(Msg::Do(Action::Error(FileError::Unreadable { name, reason: format!("{e:?}") }.into()))),
            }
        });
    }

    fn fetch_example(&self, ctx: &Context<Self>) {
        let link = ctx.link().clone();
        let Some(window) = web_sys::window() else { return };
        let promise = window.fetch_with_str(EXAMPLE_URL);
        wasm_bindgen_futures::spawn_local(async move {
            let got = async {
                let resp: web_sys::Response = JsFuture::from(promise).await?.dyn_into()?;
                if !resp.ok() {
                    return Err(JsValue::from_str(&format!("HTTP {}", resp.status())));
                }
                bytes_of(resp.array_buffer()?).await
            }
            .await;
            match got {
                Ok(bytes) => link.send_message(Msg::Do(Action::Example { bytes })),
                Err(e) => link.send_message(Msg::Do(Action::Error(FileError::ExampleUnavailable { reason: format!("{e:?}") }.into()))),
            }
        });
    }

    fn set_settings(&mut self, ctx: &Context<Self>, field: &str, v: &str) {
        let mut s = self.state.settings.clone();
        if field == "preset" {
            if let Some(p) = parse_enum(v) {
                s = Settings::preset(p);
            }
        } else {
            match field {
                "scheme" => s.scheme = parse_enum(v).unwrap_or(s.scheme),
                "moderation" => s.moderation = parse_enum(v).unwrap_or(s.moderation),
                "ci" => s.ci = parse_enum(v).unwrap_or(s.ci),
                "missing" => s.missing = parse_enum(v).unwrap_or(s.missing),
                "bootstrap" => s.bootstrap = v.trim().parse::<usize>().map(|n| n.min(100_000)).unwrap_or(s.bootstrap),
                "seed" => s.seed = v.trim().parse::<u64>().map(|n| n.min((1 << 53) - 1)).unwrap_or(s.seed),
                "blindfold" => s.blindfold_distance = v.trim().parse().unwrap_or(s.blindfold_distance),
                _ => return,
            }
            s.preset = crate::engine::settings::Preset::Custom;
        }
        self.dispatch(ctx, Action::SetSettings(s));
    }

    fn status(&self) -> String {
        let s = &self.state;
        let l = self.lang;
        let secs = self.elapsed_ms.map(|ms| format!(" ({:.1} s)", ms / 1000.0)).unwrap_or_default();
        match &s.phase {
            Phase::Idle => String::new(),
            Phase::Loading => t(l, Key::Reading).into(),
            Phase::Preparing => t(l, Key::Estimating).into(),
            Phase::Bootstrapping => {
                let left = match self.boot_started_ms {
                    Some(t0) if s.done > 0 => {
                        let per = (now_ms() - t0) / s.done as f64;
                        format!(", ~{:.0} s {}", per * (s.total - s.done) as f64 / 1000.0, t(l, Key::Left))
                    }
                    _ => String::new(),
                };
                format!("{} {} {} {} {}{left}", t(l, Key::Bootstrapping), s.done, t(l, Key::Of), s.total, t(l, Key::ResamplesWord))
            }
            Phase::Cancelling => t(l, Key::Cancelling).into(),
            Phase::Finishing => t(l, Key::Combining).into(),
            Phase::Done => format!("{}{secs}", t(l, Key::Done)),
            Phase::Cancelled => t(l, Key::Cancelled).into(),
            Phase::Failed => t(l, Key::Failed).into(),
        }
    }

    /// The current result's tables.
    fn tables(&self) -> &[Rc<Table>] {
        &self.shown.target
    }

    /// Rebuild what the results section shows when the result, the language
    /// or the histogram asked for changed. True if anything did.
    fn refresh_shown(&mut self, ctx: &Context<Self>) -> bool {
        let same_result = match (&self.shown.result, &self.state.result) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let mut changed = false;
        if !same_result || self.shown.lang != self.lang {
            changed = true;
            let sh = &mut self.shown;
            sh.lang = self.lang;
            sh.result = self.state.result.clone();
            sh.histogram = None;
            match &self.state.result {
                None => {
                    sh.target.clear();
                    sh.tables.clear();
                    sh.figures = Rc::default();
                    sh.hist_keys = Rc::default();
                }
                Some(r) => {
                    let fresh = report::tables(r, self.lang);
                    sh.target = fresh
                        .into_iter()
                        .enumerate()
                        .map(|(i, tb)| match sh.tables.get(i) {
                            Some(old) if **old == tb => old.clone(),
                            _ => Rc::new(tb),
                        })
                        .collect();
                    sh.figures = Rc::new(figures(r, self.lang));
                    let has_dist = |k: &String| r.bootstrap.as_ref().is_some_and(|b| b.path_distributions.get(k).is_some_and(|v| !v.is_empty()));
                    sh.hist_keys = Rc::new(
                        r.path_coefficients.iter().map(|p| Some(report::histogram::path_key(&p.from, &p.to)).filter(has_dist)).collect(),
                    );
                    sh.step();
                }
            }
        }
        if self.shown.histogram.as_ref().map(|(k, _)| k) != self.histogram.as_ref() {
            changed = true;
            self.shown.histogram = match (&self.histogram, &self.state.result) {
                (Some(k), Some(r)) => report::histogram::bootstrap_histogram(r, k, self.lang).map(|doc| (k.clone(), Rc::new(doc))),
                _ => None,
            };
        }
        if !self.shown.up_to_date() && !self.shown.scheduled {
            self.shown.scheduled = true;
            let link = ctx.link().clone();
            // a zero timeout: the step after this one runs in a task of its own
            wasm_bindgen_futures::spawn_local(async move {
                let tick = js_sys::Promise::new(&mut |resolve, _| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
                    }
                });
                let _ = JsFuture::from(tick).await;
                link.send_message(Msg::Reveal);
            });
        }
        changed
    }
}

/// An SVG document from [`report::svg`] (built in Rust, every text escaped).
pub(super) fn svg(doc: String) -> Html {
    let body = match doc.find("<svg") {
        Some(i) => doc[i..].to_string(),
        None => doc,
    };
    Html::from_html_unchecked(AttrValue::from(body))
}

fn phase_name(p: &Phase) -> &'static str {
    match p {
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

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let lang = url_param("lang")
            .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
            .map(|l| Lang::from_tag(&l))
            .unwrap_or_default();
        let link = ctx.link().clone();
        let ticker = Closure::<dyn FnMut()>::new(move || link.send_message(Msg::Tick));
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(ticker.as_ref().unchecked_ref(), 1000);
        }
        if url_param("example").as_deref() == Some("crm") {
            ctx.link().send_message(Msg::Example);
        }
        App {
            state: State { workers: worker_count(), ..State::new(Settings::smartpls()) },
            lang,
            n_workers: worker_count(),
            bridges: Vec::new(),
            generation: 0,
            crash_test: url_param("crash-test").and_then(|v| CrashKind::from_param(&v)),
            last_answer_ms: 0.0,
            boot_started_ms: None,
            elapsed_ms: None,
            run_started_ms: 0.0,
            form: Default::default(),
            copied: None,
            histogram: None,
            embed: url_param("embed").is_some_and(|v| v != "0"),
            shown: Shown { lang, ..Shown::default() },
            on_msg: ctx.link().callback(|m: Msg| m),
            _ticker: Some(ticker),
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let render = self.handle(ctx, msg);
        self.refresh_shown(ctx) || render
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        self.render(ctx)
    }
}

impl App {
    fn handle(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Reveal => {
                self.shown.scheduled = false;
                self.shown.step();
            }
            Msg::Do(a) => {
                if matches!(a, Action::Example { .. } | Action::File { .. }) {
                    self.run_started_ms = now_ms();
                    self.boot_started_ms = None;
                    self.elapsed_ms = None;
                }
                self.dispatch(ctx, a)
            }
            Msg::Worker(w, out) => {
                self.last_answer_ms = now_ms();
                self.dispatch(ctx, Action::Worker { worker: w, msg: out })
            }
            Msg::Files(files) => {
                if let Some(f) = files.and_then(|f| f.get(0)) {
                    self.read_file(ctx, f);
                }
                return false;
            }
            Msg::Example => {
                self.fetch_example(ctx);
                return false;
            }
            Msg::Run => {
                self.run_started_ms = now_ms();
                self.boot_started_ms = None;
                self.elapsed_ms = None;
                self.dispatch(ctx, Action::Run { workers: self.n_workers });
                // Test hook, once per page: worker 0 dies after its Prepare.
                if let Some(kind) = self.crash_test.take() {
                    if let (true, Some(b)) = (self.state.is_busy(), self.bridges.first()) {
                        b.send(&ToWorker::Crash { job: self.state.job, kind });
                    }
                }
            }
            Msg::Crashed(generation, message) => {
                if generation != self.generation {
                    return false; // a worker already replaced
                }
                web_sys::console::error_1(&JsValue::from_str(&format!("worker crashed: {message}")));
                self.replace_workers();
                self.dispatch(ctx, Action::WorkerCrashed { message })
            }
            Msg::ToggleLang => self.lang = if self.lang == Lang::En { Lang::Id } else { Lang::En },
            Msg::Tick => {
                if !self.state.is_busy() {
                    return false;
                }
                if now_ms() - self.last_answer_ms > WATCHDOG_MS {
                    self.replace_workers();
                    self.dispatch(ctx, Action::WorkersLost);
                }
            }
            Msg::Copy(i) => {
                if let (Some(table), Some(w)) = (self.tables().get(i), web_sys::window()) {
                    let _ = w.navigator().clipboard().write_text(&report::to_tsv(table));
                    self.copied = Some(i);
                }
            }
            Msg::Csv(i) => {
                if let Some(table) = self.tables().get(i) {
                    download(&format!("plsweb_{}.csv", table.id), "text/csv", &report::to_csv(table));
                }
                return false;
            }
            Msg::Json => {
                if let Some(r) = &self.state.result {
                    download("plsweb_result.json", "application/json", &serde_json::to_string_pretty(&**r).unwrap_or_default());
                }
                return false;
            }
            Msg::Xlsx => {
                if !self.tables().is_empty() {
                    let bytes = report::workbook::workbook(self.tables());
                    let part = js_sys::Uint8Array::from(bytes.as_slice());
                    download_part("plsweb_results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &part);
                }
                return false;
            }
            Msg::LoadJson(files) => {
                let Some(file) = files.and_then(|f| f.get(0)) else { return false };
                let link = ctx.link().clone();
                let name = file.name();
                wasm_bindgen_futures::spawn_local(async move {
                    let msg = match bytes_of(file.array_buffer()).await {
                        Ok(bytes) => match parse_result(&bytes) {
                            Ok(r) => Action::LoadResult(Box::new(r)),
                            Err(e) => Action::Error(e),
                        },
                        Err(e) => Action::Error(FileError::Unreadable { name, reason: format!("{e:?}") }.into()),
                    };
                    link.send_message(Msg::Do(msg));
                });
                return false;
            }
            Msg::Print => {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
                return false;
            }
            Msg::Figure(i, png) => {
                if let Some((stem, doc)) = self.shown.figures.get(i) {
                    if png {
                        download_png(format!("{stem}.png"), doc);
                    } else {
                        download(&format!("{stem}.svg"), "image/svg+xml", doc);
                    }
                }
                return false;
            }
            Msg::Histogram(key) => self.histogram = key,
            Msg::HistogramSvg => {
                let doc = self.state.result.as_ref().zip(self.histogram.as_ref()).and_then(|(r, k)| report::histogram::bootstrap_histogram(r, k, self.lang));
                if let (Some(doc), Some(k)) = (doc, &self.histogram) {
                    let stem: String = k.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
                    download(&format!("plsweb_histogram_{stem}.svg"), "image/svg+xml", &doc);
                }
                return false;
            }
            Msg::Form(field, v) => match field {
                "from" => self.form[0] = v,
                "to" => self.form[1] = v,
                "iv" => self.form[2] = v,
                "mod" => self.form[3] = v,
                "dv" => self.form[4] = v,
                "missing_code" => self.dispatch(ctx, Action::SetMissingCode(v)),
                f => self.set_settings(ctx, f, &v),
            },
        }
        true
    }

    fn render(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let link = ctx.link();
        let phase = if s.phase == Phase::Done && !self.shown.up_to_date() { "rendering" } else { phase_name(&s.phase) };
        html! {
            <main class={classes!("app", self.embed.then_some("embed"))} data-phase={phase} lang={l.tag()}>
                if self.embed {
                    <div class="row embed-bar no-print">
                        <button id="lang" type="button" class="link" onclick={link.callback(|_| Msg::ToggleLang)}>{ t(l, Key::Language) }</button>
                    </div>
                } else {
                    <header class="no-print">
                        <div>
                            <h1>{ "plsweb" }</h1>
                            <p class="tagline">{ t(l, Key::Tagline) }</p>
                        </div>
                        <button id="lang" type="button" class="link" onclick={link.callback(|_| Msg::ToggleLang)}>{ t(l, Key::Language) }</button>
                    </header>
                }
                { self.view_data(ctx) }
                { self.view_model(ctx) }
                { self.view_settings(ctx) }
                { self.view_run(ctx) }
                { self.view_results(ctx) }
                if !self.embed {
                    <footer class="no-print">
                        <p id="offline-note" class="muted">{ t(l, Key::Offline) }</p>
                        <p class="muted">{ format!("plsweb {}", env!("CARGO_PKG_VERSION")) }</p>
                    </footer>
                }
            </main>
        }
    }
}

impl App {
    fn view_data(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let link = ctx.link();
        let busy = s.is_busy();
        let on_file = link.callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::Files(input.files())
        });
        let on_drop = link.callback(|e: DragEvent| {
            e.prevent_default();
            Msg::Files(e.data_transfer().and_then(|d| d.files()))
        });
        let on_over = Callback::from(|e: DragEvent| e.prevent_default());
        let on_json = link.callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::LoadJson(input.files())
        });
        let body = if let Some(e) = &s.data_error {
            html! {
                <div id="data-error" class="error" role="alert">
                    <strong>{ t(l, Key::CannotRead) }</strong>
                    <p>{ error_text(l, e) }</p>
                </div>
            }
        } else if let Some(p) = &s.preview {
            let name = s.file.as_ref().map(|f| f.0.clone()).unwrap_or_default();
            html! {
                <div id="preview">
                    <p class="muted">{ format!("{name}: {} {}, {} {}", p.info.rows, t(l, Key::Rows), p.info.columns, t(l, Key::Columns)) }</p>
                    <div class="scroll">
                        <table class="preview">
                            <thead>
                                <tr><th scope="col">{ t(l, Key::Column) }</th>{ for p.names.iter().map(|n| html! { <th scope="col">{ n }</th> }) }</tr>
                            </thead>
                            <tbody>
                                <tr class="stat"><th scope="row">{ "n" }</th>{ for p.summary.iter().map(|c| html! { <td>{ c.n }</td> }) }</tr>
                                <tr class="stat"><th scope="row">{ t(l, Key::Missing) }</th>{ for p.summary.iter().map(|c| html! { <td>{ c.missing }</td> }) }</tr>
                                <tr class="stat"><th scope="row">{ t(l, Key::Mean) }</th>{ for p.summary.iter().map(|c| html! { <td>{ format!("{:.2}", c.mean) }</td> }) }</tr>
                                <tr class="stat last"><th scope="row">{ t(l, Key::Sd) }</th>{ for p.summary.iter().map(|c| html! { <td>{ format!("{:.2}", c.sd) }</td> }) }</tr>
                                { for p.rows.iter().enumerate().map(|(i, r)| html! {
                                    <tr><th scope="row">{ i + 1 }</th>{ for r.iter().map(|v| html! { <td>{ if v.is_nan() { "·".to_string() } else { format!("{v}") } }</td> }) }</tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </div>
            }
        } else {
            html! {}
        };
        html! {
            <section class="data no-print">
                <h2>{ t(l, Key::Data) }</h2>
                <div class="row">
                    <button id="example" onclick={link.callback(|_| Msg::Example)} disabled={busy}>{ t(l, Key::Example) }</button>
                    <label id="drop" class="drop" ondrop={on_drop} ondragover={on_over}>
                        { t(l, Key::ChooseFile) }
                        <input id="file" type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv" onchange={on_file} disabled={busy} />
                    </label>
                    <label class="drop load-json">
                        { t(l, Key::LoadJson) }
                        <input id="load-json" type="file" accept=".json,application/json" onchange={on_json} disabled={busy} />
                    </label>
                </div>
                { body }
            </section>
        }
    }

    fn view_model(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let link = ctx.link();
        let on_text = link.callback(|e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            Msg::Do(Action::SetModel(ta.value()))
        });
        let modes = s.construct_modes();
        let names: Vec<String> = modes.iter().map(|(n, _)| n.clone()).collect();
        let select = |field: &'static str, label: Key, value: &str| {
            let cb = link.callback(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                Msg::Form(field, sel.value())
            });
            html! {
                <label>{ t(l, label) }{ " " }
                    <select id={format!("form-{field}")} onchange={cb}>
                        <option value="" selected={value.is_empty()}>{ "—" }</option>
                        { for names.iter().map(|n| html! { <option value={n.clone()} selected={n == value}>{ n }</option> }) }
                    </select>
                </label>
            }
        };
        let f = self.form.clone();
        let (from, to) = (f[0].clone(), f[1].clone());
        let add_path = link.callback(move |_| Msg::Do(Action::AddPath { from: from.clone(), to: to.clone() }));
        let (iv, md, dv) = (f[2].clone(), f[3].clone(), f[4].clone());
        let add_int = link.callback(move |_| Msg::Do(Action::AddInteraction { iv: iv.clone(), moderator: md.clone(), dv: dv.clone() }));
        html! {
            <section class="model no-print">
                <h2>{ t(l, Key::Model) }</h2>
                <p class="muted">{ t(l, Key::ModelHelp) }</p>
                <label for="model" class="sr-only">{ t(l, Key::ModelLabel) }</label>
                <textarea id="model" rows="7" spellcheck="false" value={s.model_text.clone()} oninput={on_text} />
                if let Some(e) = &s.model_error {
                    <div id="model-error" class="error" role="alert"><strong>{ t(l, Key::ModelProblem) }</strong>{ ": " }{ error_text(l, e) }</div>
                }
                if !modes.is_empty() {
                    <div class="row form" id="modes" role="group" aria-label={t(l, Key::Measurement)}>
                        <span class="muted">{ t(l, Key::Measurement) }{ ":" }</span>
                        { for modes.into_iter().map(|(name, mode)| {
                            let c = name.clone();
                            let cb = link.callback(move |e: Event| {
                                let sel: HtmlSelectElement = e.target_unchecked_into();
                                let mode = if sel.value() == "B" { Mode::B } else { Mode::A };
                                Msg::Do(Action::SetMode { construct: c.clone(), mode })
                            });
                            html! {
                                <label>{ &name }{ " " }
                                    <select id={format!("mode-{name}")} data-construct={name.clone()} onchange={cb}>
                                        <option value="A" selected={mode == Mode::A}>{ t(l, Key::ModeA) }</option>
                                        <option value="B" selected={mode == Mode::B}>{ t(l, Key::ModeB) }</option>
                                    </select>
                                </label>
                            }
                        }) }
                    </div>
                }
                <div class="row form">
                    { select("from", Key::From, &f[0]) }{ select("to", Key::To, &f[1]) }
                    <button class="secondary" onclick={add_path}>{ t(l, Key::AddPath) }</button>
                </div>
                <div class="row form">
                    { select("iv", Key::Iv, &f[2]) }{ select("mod", Key::Moderator, &f[3]) }{ select("dv", Key::Dv, &f[4]) }
                    <button class="secondary" onclick={add_int}>{ t(l, Key::AddInteraction) }</button>
                </div>
            </section>
        }
    }

    fn view_settings(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let st = &self.state.settings;
        let link = ctx.link();
        let choice = |field: &'static str, label: Key, current: String, opts: Vec<(&'static str, String)>| {
            let cb = link.callback(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                Msg::Form(field, sel.value())
            });
            html! {
                <label>{ t(l, label) }
                    <select id={format!("set-{field}")} onchange={cb}>
                        { for opts.into_iter().map(|(v, text)| html! { <option value={v} selected={v == current}>{ text }</option> }) }
                    </select>
                </label>
            }
        };
        let number = |field: &'static str, label: Key, value: String| {
            let cb = link.callback(move |e: Event| {
                let inp: HtmlInputElement = e.target_unchecked_into();
                Msg::Form(field, inp.value())
            });
            html! { <label>{ t(l, label) }<input id={format!("set-{field}")} type="number" min="0" value={value} onchange={cb} /></label> }
        };
        let on_code = link.callback(|e: Event| {
            let inp: HtmlInputElement = e.target_unchecked_into();
            Msg::Form("missing_code", inp.value())
        });
        let o = |v: &'static str| (v, v.replace('_', " "));
        html! {
            <section class="settings no-print">
                <h2>{ t(l, Key::Settings) }</h2>
                <div class="grid">
                    { choice("preset", Key::Preset, enum_str(&st.preset), vec![("smartpls", "SmartPLS".into()), ("seminr", "seminr".into()), ("custom", "custom".into())]) }
                    { choice("scheme", Key::Scheme, enum_str(&st.scheme), vec![o("path"), o("factorial"), o("centroid")]) }
                    { choice("moderation", Key::ModerationMethod, enum_str(&st.moderation), vec![o("two_stage"), o("product_indicator"), o("orthogonal")]) }
                    { number("bootstrap", Key::Resamples, st.bootstrap.to_string()) }
                    { number("seed", Key::Seed, st.seed.to_string()) }
                    { choice("ci", Key::Ci, enum_str(&st.ci), vec![("percentile", "percentile".into()), ("bca", "BCa".into())]) }
                    { number("blindfold", Key::Blindfold, st.blindfold_distance.to_string()) }
                    { choice("missing", Key::MissingHandling, enum_str(&st.missing), vec![("mean_replacement", t(l, Key::MeanReplacement).into()), ("casewise_deletion", t(l, Key::Casewise).into())]) }
                    <label>{ t(l, Key::MissingCode) }<input id="set-missing_code" type="text" placeholder="-99" value={self.state.missing_code.clone()} onchange={on_code} /></label>
                </div>
            </section>
        }
    }

    fn view_run(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let link = ctx.link();
        let can_run = !s.is_busy() && s.file.is_some() && s.data_error.is_none();
        let can_cancel = matches!(s.phase, Phase::Preparing | Phase::Bootstrapping);
        html! {
            <section class="run no-print">
                <div class="row">
                    <button id="run" onclick={link.callback(|_| Msg::Run)} disabled={!can_run}>{ t(l, Key::Run) }</button>
                    <button id="cancel" class="secondary" onclick={link.callback(|_| Msg::Do(Action::Cancel))} disabled={!can_cancel}>{ t(l, Key::Cancel) }</button>
                    <span id="workers" class="muted">{ format!("{} {}", self.n_workers, t(l, Key::Workers)) }</span>
                </div>
                <progress id="progress" max={s.total.max(1).to_string()} value={(if s.complete && s.total == 0 { 1 } else { s.done }).to_string()}></progress>
                <p id="status" role="status">{ self.status() }</p>
                if let Some(e) = &s.run_error {
                    <div id="run-error" class="error" role="alert"><strong>{ t(l, Key::Failed) }</strong>{ ": " }{ error_text(l, e) }</div>
                }
            </section>
        }
    }

    fn view_results(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let Some(r) = &s.result else { return html! {} };
        let link = ctx.link();
        html! {
            <section id="results" class="results" data-complete={s.complete.to_string()}>
                <h1 class="print-only">{ t(l, Key::ReportTitle) }</h1>
                <div class="row">
                    <h2>{ t(l, Key::Results) }</h2>
                    <span class="muted">{ format!("n = {} {}", r.n, t(l, Key::Observations)) }</span>
                    <button id="download-xlsx" type="button" class="secondary no-print" onclick={link.callback(|_| Msg::Xlsx)}>{ t(l, Key::DownloadXlsx) }</button>
                    <button id="download-json" type="button" class="secondary no-print" onclick={link.callback(|_| Msg::Json)}>{ t(l, Key::DownloadJson) }</button>
                    <button id="print" type="button" class="secondary no-print" onclick={link.callback(|_| Msg::Print)}>{ t(l, Key::Print) }</button>
                </div>
                if !s.complete {
                    <p class="muted">{ t(l, Key::PointOnly) }</p>
                }
                if !r.warnings.is_empty() {
                    <div id="warnings" class="warnings"><strong>{ t(l, Key::Warnings) }</strong>
                        <ul>{ for r.warnings.iter().map(|w| html! { <li data-code={w.code().to_string()}>{ crate::messages::warning_text(w, l) }</li> }) }</ul>
                    </div>
                }
                <section id="methods" class="methods">
                    <h3>{ t(l, Key::Methods) }</h3>
                    <p id="methods-text">{ report::methods::methods_paragraph(r, l) }</p>
                    <p id="citation" class="muted"><strong>{ t(l, Key::Citation) }{ ": " }</strong>{ report::methods::citation(r, l) }</p>
                </section>
                <div class="plots">
                    { for self.shown.figures.iter().enumerate().map(|(i, (_, doc))| {
                        let (id, class, caption) = if i == 0 { (Some("path-diagram"), "", t(l, Key::Diagram)) } else { (None, "slope-plot", t(l, Key::Slopes)) };
                        html! {
                            <figure id={id} class={classes!((!class.is_empty()).then_some(class))} data-figure={i.to_string()}>
                                <figcaption>
                                    { caption }
                                    <span class="no-print figure-downloads" role="group" aria-label={t(l, Key::DownloadFigure)}>
                                        <button type="button" class="small secondary download-svg" title={format!("{} SVG", t(l, Key::DownloadFigure))} onclick={link.callback(move |_| Msg::Figure(i, false))}>{ t(l, Key::DownloadSvg) }</button>
                                        <button type="button" class="small secondary download-png" title={format!("{} PNG", t(l, Key::DownloadFigure))} onclick={link.callback(move |_| Msg::Figure(i, true))}>{ t(l, Key::DownloadPng) }</button>
                                    </span>
                                </figcaption>
                                { svg(doc.clone()) }
                            </figure>
                        }
                    }) }
                </div>
                { for self.shown.tables.iter().enumerate().map(|(i, tb)| {
                    let paths = tb.id == "paths";
                    html! {
                        <TableView key={tb.id.clone()} table={tb.clone()} index={i} lang={l} copied={self.copied == Some(i)}
                            hist_keys={paths.then(|| self.shown.hist_keys.clone())}
                            histogram={if paths { self.shown.histogram.clone() } else { None }}
                            on_msg={self.on_msg.clone()} />
                    }
                }) }
            </section>
        }
    }
}

/// Register the service worker (offline use after one visit). Its URL is
/// relative to the page, so its scope is the app's own folder.
fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let nav = window.navigator();
    // Absent on insecure origins (plain http other than localhost).
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = nav.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            web_sys::console::warn_2(&"service worker not registered:".into(), &e);
        }
    });
}

/// Mount the app on `#app` (clearing the "loading" note) and register the
/// service worker.
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document()).expect("no document");
    let root = document.get_element_by_id("app").expect("index.html has no #app");
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root.unchecked_into::<web_sys::Element>()).render();
    register_service_worker();
    crate::worker::expose_memory_size();
}
