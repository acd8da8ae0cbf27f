//! The model panel: the model text, the model canvas (the same model as an
//! editable diagram), how each construct is measured, and forms that add
//! and remove paths, interactions and indicators by rewriting the text
//! (the keyboard's way to every canvas action).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::canvas_view::ModelCanvas;
use super::i18n::{t, Key, Lang};
use super::state::{construct_modes, Action, FormField, PathForm};
use crate::error::Error;
use crate::model::Mode;
use crate::report::svg::Moves;

#[derive(Properties, PartialEq)]
pub struct ModelProps {
    pub lang: Lang,
    pub text: String,
    pub error: Option<Error>,
    /// The text a new file's proposal replaced (offered back).
    pub previous: Option<String>,
    pub on: Callback<Action>,
    /// The data's numeric columns, for the canvas.
    pub columns: Rc<Vec<String>>,
    /// Constructs moved on the canvas.
    pub moves: Rc<Moves>,
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
            <ModelCanvas lang={l} text={p.text.clone()} columns={p.columns.clone()} moves={p.moves.clone()} on={p.on.clone()} />
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
            if !names.is_empty() {
                <EditForm lang={l} text={p.text.clone()} constructs={names.clone()} on={p.on.clone()} />
            }
            if names.len() >= 2 {
                <HocForm lang={l} constructs={names.clone()} on={p.on.clone()} />
            }
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

#[derive(Properties, PartialEq)]
struct HocProps {
    lang: Lang,
    constructs: Vec<String>,
    on: Callback<Action>,
}

/// A higher-order construct: its name and the constructs it is measured by.
#[function_component]
fn HocForm(p: &HocProps) -> Html {
    let l = p.lang;
    let name = use_state(String::new);
    let picked = use_state(Vec::<String>::new);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add = {
        let (on, name, picked) = (p.on.clone(), name.clone(), picked.clone());
        Callback::from(move |_: MouseEvent| {
            on.emit(Action::AddHoc { name: (*name).clone(), dimensions: (*picked).clone() });
            name.set(String::new());
            picked.set(Vec::new());
        })
    };
    let ready = !name.trim().is_empty() && picked.len() >= 2;
    html! {
        <div class="row form" id="hoc-form" role="group" aria-label={t(l, Key::HocName)}>
            <label>{ t(l, Key::HocName) }{ " " }<input id="hoc-name" type="text" value={(*name).clone()} oninput={on_name} /></label>
            <span class="muted">{ t(l, Key::HocDimensions) }{ ":" }</span>
            { for p.constructs.iter().map(|c| {
                let (state, c2) = (picked.clone(), c.clone());
                let toggle = Callback::from(move |e: Event| {
                    let mut v = (*state).clone();
                    v.retain(|x| *x != c2);
                    if e.target_unchecked_into::<HtmlInputElement>().checked() {
                        v.push(c2.clone());
                    }
                    state.set(v);
                });
                html! { <label class="check"><input type="checkbox" class="hoc-dimension" data-construct={c.clone()} checked={picked.contains(c)} onchange={toggle} />{ c }</label> }
            }) }
            <button id="add-hoc" type="button" class="secondary" disabled={!ready} onclick={add}>{ t(l, Key::AddHoc) }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EditProps {
    lang: Lang,
    text: String,
    constructs: Vec<String>,
    on: Callback<Action>,
}

/// Delete a path; move an indicator to another construct.
#[function_component]
fn EditForm(p: &EditProps) -> Html {
    let l = p.lang;
    let model = crate::model::parse_syntax(&p.text).ok();
    let paths = super::state::model_paths(&p.text);
    let items: Vec<String> = model.iter().flat_map(|m| &m.constructs).flat_map(|c| c.indicators.iter().filter(|i| !p.constructs.contains(i)).cloned()).collect();
    let path = use_state(String::new);
    let item = use_state(String::new);
    let target = use_state(String::new);
    let pick = |id: &str, label: Key, state: &UseStateHandle<String>, options: Vec<(String, String)>| {
        let st = state.clone();
        let cb = Callback::from(move |e: Event| st.set(e.target_unchecked_into::<HtmlSelectElement>().value()));
        html! {
            <label>{ t(l, label) }{ " " }
                <select id={id.to_string()} onchange={cb}>
                    <option value="" selected={state.is_empty()}>{ "—" }</option>
                    { for options.into_iter().map(|(v, text)| html! { <option value={v.clone()} selected={**state == v}>{ text }</option> }) }
                </select>
            </label>
        }
    };
    let path_options = paths.iter().map(|(f, t)| (format!("{f}\u{1f}{t}"), format!("{f} → {t}"))).collect();
    let remove = {
        let (on, path) = (p.on.clone(), path.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((from, to)) = path.split_once('\u{1f}') {
                on.emit(Action::RemovePath { from: from.to_string(), to: to.to_string() });
                path.set(String::new());
            }
        })
    };
    let moved = {
        let (on, item, target) = (p.on.clone(), item.clone(), target.clone());
        Callback::from(move |_: MouseEvent| {
            if !item.is_empty() && !target.is_empty() {
                on.emit(Action::MoveItem { item: (*item).clone(), to: (*target).clone() });
                item.set(String::new());
            }
        })
    };
    let both = |v: &[String]| v.iter().map(|x| (x.clone(), x.clone())).collect::<Vec<_>>();
    html! {
        <>
            <div class="row form" id="remove-path-form">
                { pick("remove-path-select", Key::RemovePath, &path, path_options) }
                <button id="remove-path" type="button" class="secondary" disabled={path.is_empty()} onclick={remove}>{ t(l, Key::RemovePath) }</button>
            </div>
            <div class="row form" id="move-item-form">
                { pick("move-item-select", Key::MoveItem, &item, both(&items)) }
                { pick("move-item-to", Key::ToConstruct, &target, both(&p.constructs)) }
                <button id="move-item" type="button" class="secondary" disabled={item.is_empty() || target.is_empty()} onclick={moved}>{ t(l, Key::MoveItem) }</button>
            </div>
        </>
    }
}
