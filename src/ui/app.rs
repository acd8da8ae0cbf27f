//! The Yew app: a thin shell over [`super::state::reduce`].

use gloo_worker::{Spawnable, WorkerBridge};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::state::{reduce, Action, Phase, State, DEFAULT_CHUNK, DEFAULT_DRAWS};
use crate::protocol::FromWorker;
use crate::worker::JobWorker;

/// Never start more workers than this, however many cores are reported:
/// each holds its own wasm instance and copy of the data.
const MAX_WORKERS: usize = 8;

/// The worker entry point, relative to the page so the app works under any
/// URL prefix. Trunk's loader shim (`data-loader-shim`) imports `worker.js`;
/// spawning it directly avoids gloo-worker's `blob:` shim, which the CSP
/// would have to allow.
const WORKER_URL: &str = "./worker_loader.js";

pub enum Msg {
    SetDraws(String),
    Run,
    Cancel,
    Worker(usize, FromWorker),
    ToggleLang,
}

pub struct App {
    state: State,
    lang: Lang,
    draws: u64,
    n_workers: usize,
    bridges: Vec<WorkerBridge<JobWorker>>,
    started_ms: f64,
    elapsed_ms: Option<f64>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// `navigator.hardwareConcurrency`, at least 1 and at most [`MAX_WORKERS`].
fn worker_count() -> usize {
    let n = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (n as usize).clamp(1, MAX_WORKERS)
}

impl App {
    fn dispatch(&mut self, action: Action) {
        let was_busy = self.state.is_busy();
        self.state = reduce(std::mem::take(&mut self.state), action);
        for send in &self.state.sends {
            self.bridges[send.worker].send(send.msg.clone());
        }
        if was_busy && !self.state.is_busy() {
            self.elapsed_ms = Some(now_ms() - self.started_ms);
        }
    }

    fn ensure_workers(&mut self, ctx: &Context<Self>) {
        while self.bridges.len() < self.n_workers {
            let w = self.bridges.len();
            let link = ctx.link().clone();
            let bridge = JobWorker::spawner()
                .callback(move |out| link.send_message(Msg::Worker(w, out)))
                .with_loader(true)
                .spawn(WORKER_URL);
            self.bridges.push(bridge);
        }
    }

    fn status(&self) -> String {
        let s = &self.state;
        let l = self.lang;
        match &s.phase {
            Phase::Idle => t(l, Key::Idle).to_string(),
            Phase::Running | Phase::Cancelling => {
                let k = if s.phase == Phase::Running {
                    Key::Running
                } else {
                    Key::Cancelling
                };
                format!("{} {}/{}", t(l, k), s.done, s.total)
            }
            Phase::Done => format!("{} {}/{}", t(l, Key::Done), s.done, s.total),
            Phase::Cancelled => format!("{} {}/{}", t(l, Key::Cancelled), s.done, s.total),
            Phase::Failed(m) => format!("{} {m}", t(l, Key::Failed)),
        }
    }
}

fn phase_name(p: &Phase) -> &'static str {
    match p {
        Phase::Idle => "idle",
        Phase::Running => "running",
        Phase::Cancelling => "cancelling",
        Phase::Done => "done",
        Phase::Cancelled => "cancelled",
        Phase::Failed(_) => "failed",
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(_ctx: &Context<Self>) -> Self {
        let lang = web_sys::window()
            .and_then(|w| w.navigator().language())
            .map(|l| Lang::from_tag(&l))
            .unwrap_or_default();
        App {
            state: State::default(),
            lang,
            draws: DEFAULT_DRAWS,
            n_workers: worker_count(),
            bridges: Vec::new(),
            started_ms: 0.0,
            elapsed_ms: None,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::SetDraws(v) => {
                if let Ok(n) = v.trim().parse::<u64>() {
                    self.draws = n.min(1_000_000);
                }
            }
            Msg::Run => {
                self.ensure_workers(ctx);
                self.started_ms = now_ms();
                self.elapsed_ms = None;
                self.dispatch(Action::Start {
                    total: self.draws,
                    chunk: DEFAULT_CHUNK,
                    workers: self.n_workers,
                });
            }
            Msg::Cancel => self.dispatch(Action::Cancel),
            Msg::Worker(w, out) => self.dispatch(Action::Worker {
                worker: w,
                msg: out,
            }),
            Msg::ToggleLang => {
                self.lang = if self.lang == Lang::En {
                    Lang::Id
                } else {
                    Lang::En
                }
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let l = self.lang;
        let s = &self.state;
        let busy = s.is_busy();
        let link = ctx.link();
        let on_draws = link.callback(|e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::SetDraws(input.value())
        });
        let result = match (s.result, self.elapsed_ms) {
            (Some(r), Some(ms)) => html! {
                <p id="result">{ t(l, Key::Result) }{ ": " }<output id="result-value">{ r }</output>
                    <span class="muted">{ format!(" ({:.2} s)", ms / 1000.0) }</span></p>
            },
            (Some(r), None) => {
                html! { <p id="result">{ t(l, Key::Result) }{ ": " }<output id="result-value">{ r }</output></p> }
            }
            _ => html! {},
        };
        html! {
            <main class="app" data-phase={phase_name(&s.phase)}>
                <header>
                    <h1>{ t(l, Key::Title) }</h1>
                    <button class="link" onclick={link.callback(|_| Msg::ToggleLang)}>{ t(l, Key::Language) }</button>
                </header>
                <section class="controls">
                    <label>{ t(l, Key::Draws) }{ " " }
                        <input id="draws" type="number" min="1" max="1000000" value={self.draws.to_string()} oninput={on_draws} disabled={busy} />
                    </label>
                    <span id="workers" class="muted">{ format!("{} {}", self.n_workers, t(l, Key::Workers)) }</span>
                    <button id="run" onclick={link.callback(|_| Msg::Run)} disabled={busy}>{ t(l, Key::Run) }</button>
                    <button id="cancel" onclick={link.callback(|_| Msg::Cancel)} disabled={s.phase != Phase::Running}>{ t(l, Key::Cancel) }</button>
                </section>
                <progress id="progress" max="1000" value={((s.progress() * 1000.0).round() as u32).to_string()}></progress>
                <p id="status" role="status">{ self.status() }</p>
                { result }
            </main>
        }
    }
}

/// Register the service worker (offline use after one visit). Its URL is
/// relative to the page, so its scope is the app's own folder.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
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
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("no document");
    let root = document
        .get_element_by_id("app")
        .expect("index.html has no #app");
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root.unchecked_into::<web_sys::Element>()).render();
    register_service_worker();
}
