//! The page: a header, the four panels (data, model, settings, run) and the
//! results, each a function component of its own file. The state lives in
//! one reducer ([`super::runtime::Page`] over the pure
//! [`super::state::reduce`]); the panels get what they show and a typed
//! callback for what the user does.

use std::rc::Rc;

use wasm_bindgen::{closure::Closure, JsCast};
use yew::prelude::*;

use super::data_panel::{load_example, DataPanel};
use super::i18n::{t, Key, Lang};
use super::model_panel::ModelPanel;
use super::power_panel::PowerPanel;
use super::results::{ByPtr, ResultsPanel};
use super::run_bar::RunBar;
use super::runtime::{Page, PageMsg, Workers, MAX_WORKERS};
use super::settings_panel::SettingsPanel;
use super::state::{Action, Phase, State};
use super::web::{focus, post_height_to_parent, register_service_worker, url_param};
use crate::engine::Settings;
use crate::protocol::CrashKind;

/// What the URL asks for, read once.
#[derive(PartialEq)]
struct Env {
    lang: Lang,
    /// `?embed=1`: no header or footer (for an iframe), the height posted
    /// to the parent page.
    embed: bool,
    workers: usize,
    crash_test: Option<CrashKind>,
    /// `?example=crm`: load and run the example at once.
    example: bool,
}

impl Env {
    fn read() -> Env {
        let lang = url_param("lang")
            .or_else(|| web_sys::window().and_then(|w| w.navigator().language()))
            .map(|l| Lang::from_tag(&l))
            .unwrap_or_default();
        // `navigator.hardwareConcurrency` (or `?workers=N`)
        let n = url_param("workers")
            .and_then(|v| v.parse::<f64>().ok())
            .or_else(|| web_sys::window().map(|w| w.navigator().hardware_concurrency()))
            .unwrap_or(1.0);
        Env {
            lang,
            embed: url_param("embed").is_some_and(|v| v != "0"),
            workers: (n as usize).clamp(1, MAX_WORKERS),
            crash_test: url_param("crash-test").and_then(|v| CrashKind::from_param(&v)),
            example: url_param("example").as_deref() == Some("crm"),
        }
    }
}

/// A results view fully on screen: which result (by pointer) in which language.
pub type Rendered = Option<(usize, Lang)>;

/// Once a second while the app lives: [`PageMsg::Tick`].
#[hook]
fn use_ticker(page: Callback<PageMsg>) {
    use_effect_with((), move |_| {
        let tick = Closure::<dyn FnMut()>::new(move || page.emit(PageMsg::Tick));
        let id = web_sys::window().and_then(|w| w.set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 1000).ok());
        move || {
            if let (Some(w), Some(id)) = (web_sys::window(), id) {
                w.clear_interval_with_handle(id);
            }
            drop(tick);
        }
    });
}

/// Focus the results when a run has finished (or a result file was
/// loaded), so a keyboard or screen-reader user lands on them.
#[hook]
fn use_focus_results(phase: Phase, has_result: bool) {
    let last = use_mut_ref(|| Phase::Idle);
    use_effect_with((phase, has_result), move |(phase, has_result)| {
        let arrived = matches!(phase, Phase::Done | Phase::Cancelled) && *last.borrow() != *phase;
        if arrived && *has_result {
            focus("results-heading");
        }
        *last.borrow_mut() = phase.clone();
    });
}

#[function_component]
pub fn App() -> Html {
    let env = use_memo((), |_| Env::read());
    let lang = use_state(|| env.lang);
    let page = {
        let env = env.clone();
        use_reducer(move || Page::new(State { workers: env.workers, ..State::new(Settings::smartpls()) }, Workers::new(env.workers, env.crash_test)))
    };
    let to_page: Callback<PageMsg> = page.dispatcher().to_callback();
    let act: Callback<Action> = (*use_memo((), {
        let to_page = to_page.clone();
        move |_| to_page.reform(PageMsg::Do)
    }))
    .clone();
    let rendered = use_state_eq(|| None as Rendered);
    use_ticker(to_page.clone());
    {
        let (act, env) = (act.clone(), env.clone());
        let to_page = to_page.clone();
        let page = page.clone();
        use_effect_with((), move |_| {
            page.connect(to_page);
            if env.example {
                load_example(act);
            }
            if env.embed {
                post_height_to_parent();
            }
        });
    }
    let s = &page.state;
    use_focus_results(s.phase.clone(), s.result.is_some());
    let l = *lang;
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_: MouseEvent| lang.set(if *lang == Lang::En { Lang::Id } else { Lang::En }))
    };
    let on_rendered = {
        let set = rendered.setter();
        use_callback((), move |r: Rendered, _| set.set(r))
    };
    // "done" only once every table shows the final result
    let shown_now = s.result.as_ref().map(|r| (Rc::as_ptr(r) as usize, l));
    let phase = if s.phase == Phase::Done && *rendered != shown_now { "rendering" } else { s.phase.name() };
    let lang_button = html! { <button id="lang" type="button" class="link" onclick={toggle}>{ t(l, Key::Language) }</button> };
    html! {
        <main class={classes!("app", env.embed.then_some("embed"))} data-phase={phase} lang={l.tag()}>
            if env.embed {
                <div class="row embed-bar no-print">{ lang_button }</div>
            } else {
                <header class="no-print">
                    <div>
                        <h1>{ "plsweb" }</h1>
                        <p class="tagline">{ t(l, Key::Tagline) }</p>
                    </div>
                    { lang_button }
                </header>
            }
            <DataPanel lang={l} busy={s.is_busy()} file_name={s.file.as_ref().map(|f| f.0.clone())} file_id={s.file.as_ref().map_or(0, |f| std::sync::Arc::as_ptr(&f.1) as usize)}
                preview={s.preview.clone()} reading={s.phase == Phase::Loading} sheet={s.sheet.clone()} ask_codes={!s.suspect_codes().is_empty()}
                data_error={s.data_error.clone()} model_edited={s.model_edited()} on={act.clone()} />
            <ModelPanel lang={l} text={s.model_text.clone()} error={s.model_error.clone()} previous={s.previous_model.clone()} on={act.clone()}
                columns={Rc::new(s.preview.as_ref().map(|p| p.names.clone()).unwrap_or_default())} moves={s.moves.clone()} />
            <SettingsPanel lang={l} settings={s.settings.clone()} missing_code={s.missing_code.clone()} on={act.clone()}
                study={s.study.clone()} group_columns={s.group_columns()} targets={s.ipma_targets()} />
            <RunBar lang={l} phase={s.phase.clone()} can_run={s.can_run()} can_cancel={s.can_cancel()} done={s.done} total={s.total}
                complete={s.complete} has_result={s.result.is_some()} timing={page.timing} workers={env.workers}
                run_error={s.failure()} on={act.clone()} expected_seconds={s.expected_seconds()} predicting={s.predicting} comparing={s.comparing} />
            <ResultsPanel lang={l} result={if s.holds_point_result() { None } else { s.result.clone().map(ByPtr) }} complete={s.complete} stale={s.stale} cancelled={s.phase == Phase::Cancelled}
                running={s.is_running()} on_rendered={on_rendered} before={s.before.clone().map(ByPtr)} excluded={s.excluded.clone()} on={act.clone()} moves={s.moves.clone()} drop_nonconverged={s.settings.drop_nonconverged} on_setting={Some(act.clone())} />
            <PowerPanel lang={l} request={s.power_request.clone()} can_plan={s.can_plan()} planning={s.is_planning()} progress={s.power_progress()}
                result={s.power_result.clone()} error={s.power_error.clone()} workers={env.workers} on={act.clone()} />
            if !env.embed {
                <footer class="no-print">
                    <p id="offline-note" class="muted">{ t(l, Key::Offline) }</p>
                    <p class="muted">{ format!("plsweb {}", env!("CARGO_PKG_VERSION")) }</p>
                </footer>
            }
        </main>
    }
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
