//! "Plan sample size": a Monte-Carlo power analysis of the model as
//! estimated (sample sizes, replications, resamples per replication,
//! Likert rounding, target power), run in the Web Workers with a progress
//! bar and Cancel; its power table, Kock & Hadaya's minimum sample sizes,
//! the sentence for the paper and the power curves.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::figure::FigureView;
use super::i18n::{t, Key, Lang};
use super::state::Action;
use super::table::TableView;
use crate::engine::result_power::PowerResult;
use crate::error::Error;
use crate::power::PowerRequest;

#[derive(Properties, PartialEq)]
pub struct PowerProps {
    pub lang: Lang,
    pub request: PowerRequest,
    pub can_plan: bool,
    pub planning: bool,
    /// Replications done and to do.
    pub progress: (u64, u64),
    pub result: Option<Rc<PowerResult>>,
    pub error: Option<Error>,
    pub workers: usize,
    pub on: Callback<Action>,
}

/// Sample sizes as typed: whole numbers separated by commas or spaces.
pub fn parse_sizes(text: &str) -> Option<Vec<usize>> {
    let v: Option<Vec<usize>> = text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|s| !s.is_empty()).map(|s| s.parse().ok()).collect();
    v.filter(|v| !v.is_empty())
}

fn value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[function_component]
pub fn PowerPanel(p: &PowerProps) -> Html {
    let l = p.lang;
    // each field sends the whole request with its own part changed
    let field = |edit: fn(&mut PowerRequest, &str) -> bool| {
        let (on, req) = (p.on.clone(), p.request.clone());
        Callback::from(move |e: InputEvent| {
            let mut r = req.clone();
            if edit(&mut r, &value(&e)) {
                on.emit(Action::SetPower(r))
            }
        })
    };
    let on_sizes = field(|r, v| parse_sizes(v).map(|g| r.grid = g).is_some());
    let on_reps = field(|r, v| v.trim().parse().map(|n| r.replications = n).is_ok());
    let on_boot = field(|r, v| v.trim().parse().map(|n| r.resamples = n).is_ok());
    let on_target = field(|r, v| v.trim().replace(',', ".").parse().map(|x| r.target_power = x).is_ok());
    let on_likert = {
        let (on, req) = (p.on.clone(), p.request.clone());
        Callback::from(move |e: Event| on.emit(Action::SetPower(PowerRequest { likert: e.target_unchecked_into::<HtmlInputElement>().checked(), ..req.clone() })))
    };
    let workers = p.workers;
    let sizes = p.request.grid.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", ");
    let (done, total) = p.progress;
    html! {
        <section id="power" class="power">
            <h2>{ t(l, Key::PowerTitle) }</h2>
            <p class="muted no-print">{ t(l, Key::PowerHelp) }</p>
            <div class="grid no-print">
                <label>{ t(l, Key::PowerSizes) }<input id="power-n" type="text" value={sizes} oninput={on_sizes} /></label>
                <label>{ t(l, Key::PowerReplications) }<input id="power-replications" type="text" inputmode="numeric" value={p.request.replications.to_string()} oninput={on_reps} /></label>
                <label>{ t(l, Key::PowerResamples) }<input id="power-resamples" type="text" inputmode="numeric" value={p.request.resamples.to_string()} oninput={on_boot} /></label>
                <label>{ t(l, Key::PowerTarget) }<input id="power-target" type="text" inputmode="decimal" value={p.request.target_power.to_string()} oninput={on_target} /></label>
                <label class="check"><input id="power-likert" type="checkbox" checked={p.request.likert} onchange={on_likert} />{ t(l, Key::PowerLikert) }</label>
            </div>
            <div class="row no-print">
                <button id="plan" type="button" disabled={!p.can_plan} onclick={p.on.reform(move |_: MouseEvent| Action::RunPower { workers })}>{ t(l, Key::PowerRun) }</button>
                <button id="cancel-plan" type="button" class="secondary" disabled={!p.planning} onclick={p.on.reform(|_: MouseEvent| Action::CancelPower)}>{ t(l, Key::Cancel) }</button>
            </div>
            if p.planning {
                <progress id="power-progress" max={total.max(1).to_string()} value={done.to_string()}></progress>
                <p id="power-status" role="status">{ format!("{} {done} {} {total}", t(l, Key::PowerRunning), t(l, Key::Of)) }</p>
            }
            if let Some(e) = &p.error {
                <div id="power-error" class="error" role="alert"><strong>{ t(l, Key::Failed) }</strong>{ ": " }{ crate::messages::error_text(e, l) }</div>
            }
            if let Some(r) = &p.result {
                <PowerResultView lang={l} result={r.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    lang: Lang,
    result: Rc<PowerResult>,
}

#[function_component]
fn PowerResultView(p: &ResultProps) -> Html {
    let l = p.lang;
    let r = &p.result;
    let built = use_memo((Rc::as_ptr(r) as usize, l), |_| {
        let tables: Vec<Rc<crate::report::Table>> = crate::report::power::tables(r, l).into_iter().map(Rc::new).collect();
        (tables, Rc::new(crate::report::svg::power_plot(r, l)), crate::report::power::sentences(r, l))
    });
    let (tables, plot, sentences) = &*built;
    html! {
        <div id="power-result">
            <p id="power-sentence">{ sentences.join(" ") }</p>
            <FigureView lang={l} class={classes!("power-plot")} caption={t(l, Key::PowerCurves)} stem="plsweb_power" doc={plot.clone()} />
            { for tables.iter().map(|tb| html! {
                <TableView key={tb.id.clone()} table={tb.clone()} lang={l} stale={false} hist_keys={None::<Rc<Vec<Option<String>>>>} histogram={None::<(String, Rc<String>)>} on_histogram={Callback::noop()} />
            }) }
        </div>
    }
}
