//! The model panel: the model text, how each construct is measured, and a form
//! that adds paths and interactions by rewriting the text.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::state::{construct_modes, Action, FormField, PathForm};
use crate::error::Error;
use crate::model::Mode;

#[derive(Properties, PartialEq)]
pub struct ModelProps {
    pub lang: Lang,
    pub text: String,
    pub error: Option<Error>,
    /// The text a new file's proposal replaced (offered back).
    pub previous: Option<String>,
    pub on: Callback<Action>,
}

#[function_component]
pub fn ModelPanel(p: &ModelProps) -> Html {
    let l = p.lang;
    let form = use_state(PathForm::default);
    let modes = construct_modes(&p.text);
    let names: Vec<String> = modes.iter().map(|(n, _)| n.clone()).collect();
    let on_text = p.on.reform(|e: InputEvent| Action::SetModel(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
    let select = |field: FormField, label: Key| {
        let cb = {
            let form = form.clone();
            Callback::from(move |e: Event| form.set(form.with(field, e.target_unchecked_into::<HtmlSelectElement>().value())))
        };
        let value = form.get(field).to_string();
        html! {
            <label>{ t(l, label) }{ " " }
                <select id={field.id()} onchange={cb}>
                    <option value="" selected={value.is_empty()}>{ "—" }</option>
                    { for names.iter().map(|n| html! { <option value={n.clone()} selected={*n == value}>{ n }</option> }) }
                </select>
            </label>
        }
    };
    let submit = |action: Option<Action>| {
        let on = p.on.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = action.clone() {
                on.emit(a)
            }
        })
    };
    html! {
        <section class="model no-print">
            <h2>{ t(l, Key::Model) }</h2>
            <p class="muted">{ t(l, Key::ModelHelp) }</p>
            if p.previous.is_some() {
                <p id="model-replaced" class="row note">
                    { t(l, Key::ModelReplaced) }
                    <button id="restore-model" type="button" class="small secondary" onclick={p.on.reform(|_: MouseEvent| Action::RestoreModel)}>{ t(l, Key::RestoreModel) }</button>
                </p>
            }
            <label for="model" class="sr-only">{ t(l, Key::ModelLabel) }</label>
            <textarea id="model" rows="7" spellcheck="false" value={p.text.clone()} oninput={on_text} />
            if let Some(e) = &p.error {
                <div id="model-error" class="error" role="alert"><strong>{ t(l, Key::ModelProblem) }</strong>{ ": " }{ crate::messages::error_text(e, l) }</div>
            }
            if !modes.is_empty() {
                <ModeChoices lang={l} modes={modes.clone()} on={p.on.clone()} />
            }
            <div class="row form">
                { select(FormField::From, Key::From) }{ select(FormField::To, Key::To) }
                <button id="add-path" type="button" class="secondary" onclick={submit(form.path())}>{ t(l, Key::AddPath) }</button>
            </div>
            <div class="row form">
                { select(FormField::Iv, Key::Iv) }{ select(FormField::Moderator, Key::Moderator) }{ select(FormField::Dv, Key::Dv) }
                <button id="add-interaction" type="button" class="secondary" onclick={submit(form.interaction())}>{ t(l, Key::AddInteraction) }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ModeProps {
    lang: Lang,
    modes: Vec<(String, Mode)>,
    on: Callback<Action>,
}

/// Mode A or Mode B for each construct.
#[function_component]
fn ModeChoices(p: &ModeProps) -> Html {
    let l = p.lang;
    html! {
        <div class="row form" id="modes" role="group" aria-label={t(l, Key::Measurement)}>
            <span class="muted">{ t(l, Key::Measurement) }{ ":" }</span>
            { for p.modes.iter().map(|(name, mode)| {
                let construct = name.clone();
                let cb = p.on.reform(move |e: Event| {
                    let mode = if e.target_unchecked_into::<HtmlSelectElement>().value() == "B" { Mode::B } else { Mode::A };
                    Action::SetMode { construct: construct.clone(), mode }
                });
                html! {
                    <label>{ name }{ " " }
                        <select id={format!("mode-{name}")} data-construct={name.clone()} onchange={cb}>
                            <option value="A" selected={*mode == Mode::A}>{ t(l, Key::ModeA) }</option>
                            <option value="B" selected={*mode == Mode::B}>{ t(l, Key::ModeB) }</option>
                        </select>
                    </label>
                }
            }) }
        </div>
    }
}
