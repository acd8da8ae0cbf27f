//! The data panel: the example, the file picker and drop zone, loading a result
//! file, and the preview of the file read: its first rows, a summary per
//! column, the values that look like missing-value codes (with the
//! question whether to treat them as missing), and columns whose range
//! does not fit their scale.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::i18n::{fixed, odd_range_text, plain, suspect_question, t, Key, Lang};
use super::state::{code_text, parse_result, Action};
use super::web::{confirm, example_bytes, file_bytes, focus};
use crate::error::Error;
use crate::protocol::Preview;

/// Fetch the example and hand it to the reducer (it then runs at once).
pub fn load_example(on: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        on.emit(match example_bytes().await {
            Ok(bytes) => Action::Example { bytes },
            Err(e) => Action::Error(e),
        })
    });
}

/// Read the first of `files` as data. A file over the limit is refused
/// from its size, before a byte of it is read.
fn read_data(files: Option<web_sys::FileList>, on: Callback<Action>) {
    let Some(file) = files.and_then(|f| f.get(0)) else { return };
    if file.size() > crate::data::MAX_BYTES as f64 {
        on.emit(Action::Error(crate::data::too_large(file.size() as usize)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        on.emit(match file_bytes(&file).await {
            Ok(bytes) => Action::File { name: file.name(), bytes },
            Err(e) => Action::Error(e),
        })
    });
}

/// Read the first of `files` as a result file.
fn read_result(files: Option<web_sys::FileList>, on: Callback<Action>) {
    let Some(file) = files.and_then(|f| f.get(0)) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let action = match file_bytes(&file).await.and_then(|b| parse_result(&b)) {
            Ok(r) => Action::LoadResult(Box::new(r)),
            Err(e) => Action::Error(e),
        };
        on.emit(action)
    });
}

#[derive(Properties, PartialEq)]
pub struct DataProps {
    pub lang: Lang,
    /// A file is being read or an analysis runs: no new file now.
    pub busy: bool,
    pub file_name: Option<String>,
    /// Identity of the file's bytes (a new file moves the focus to its preview).
    pub file_id: usize,
    pub preview: Option<Rc<Preview>>,
    /// The file is being read again (the preview on screen is the old one).
    pub reading: bool,
    pub sheet: Option<String>,
    /// Ask about these suspect codes (empty once answered).
    pub ask_codes: bool,
    pub data_error: Option<Error>,
    /// The model is the user's own: the example asks before replacing it.
    pub model_edited: bool,
    pub on: Callback<Action>,
}

#[function_component]
pub fn DataPanel(p: &DataProps) -> Html {
    let l = p.lang;
    let on_file = {
        let on = p.on.clone();
        Callback::from(move |e: Event| read_data(e.target_unchecked_into::<HtmlInputElement>().files(), on.clone()))
    };
    let on_drop = {
        let on = p.on.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            read_data(e.data_transfer().and_then(|d| d.files()), on.clone())
        })
    };
    let on_json = {
        let on = p.on.clone();
        Callback::from(move |e: Event| read_result(e.target_unchecked_into::<HtmlInputElement>().files(), on.clone()))
    };
    let on_example = {
        let (on, edited) = (p.on.clone(), p.model_edited);
        Callback::from(move |_: MouseEvent| {
            if !edited || confirm(t(l, Key::ConfirmExample)) {
                load_example(on.clone());
            }
        })
    };
    // a new file's preview takes the focus (not the same file read again)
    {
        let focused = use_mut_ref(|| 0usize);
        let ready = p.preview.is_some().then_some(p.file_id);
        use_effect_with(ready, move |ready| {
            if let Some(id) = *ready {
                if *focused.borrow() != id {
                    *focused.borrow_mut() = id;
                    focus("preview");
                }
            }
        });
    }
    let body = if let Some(e) = &p.data_error {
        html! {
            <div id="data-error" class="error" role="alert">
                <strong>{ t(l, Key::CannotRead) }</strong>
                <p>{ crate::messages::error_text(e, l) }</p>
            </div>
        }
    } else if let Some(preview) = &p.preview {
        html! { <PreviewView lang={l} name={p.file_name.clone().unwrap_or_default()} preview={preview.clone()} reading={p.reading}
            sheet={p.sheet.clone()} ask_codes={p.ask_codes} on={p.on.clone()} /> }
    } else {
        html! {}
    };
    html! {
        <section class="data no-print">
            <h2>{ t(l, Key::Data) }</h2>
            <div class="row">
                <button id="example" type="button" onclick={on_example} disabled={p.busy}>{ t(l, Key::Example) }</button>
                <label id="drop" class="drop" ondrop={on_drop} ondragover={Callback::from(|e: DragEvent| e.prevent_default())}>
                    { t(l, Key::ChooseFile) }
                    <input id="file" type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv" onchange={on_file} disabled={p.busy} />
                </label>
                <label class="drop load-json">
                    { t(l, Key::LoadJson) }
                    <input id="load-json" type="file" accept=".json,application/json" onchange={on_json} disabled={p.busy} />
                </label>
            </div>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    lang: Lang,
    name: String,
    preview: Rc<Preview>,
    reading: bool,
    sheet: Option<String>,
    ask_codes: bool,
    on: Callback<Action>,
}

#[function_component]
fn PreviewView(p: &PreviewProps) -> Html {
    let (l, pv) = (p.lang, &p.preview);
    let odd = |name: &str| pv.suspects.ranges.iter().any(|o| o.column == name);
    let cell = |v: &f64| if v.is_nan() { "·".to_string() } else { plain(*v, l) };
    html! {
        <div id="preview" tabindex="-1" aria-label={t(l, Key::PreviewLabel)} aria-busy={p.reading.to_string()}>
            <div class="row">
                <p class="muted">{ format!("{}: {} {}, {} {}", p.name, pv.info.rows, t(l, Key::Rows), pv.info.columns + pv.text.len(), t(l, Key::Columns)) }</p>
                if pv.sheets.len() > 1 {
                    <SheetPicker lang={l} sheets={pv.sheets.clone()} sheet={p.sheet.clone()} on={p.on.clone()} />
                }
            </div>
            if p.ask_codes {
                <SuspectPrompt lang={l} preview={pv.clone()} on={p.on.clone()} />
            }
            if !pv.suspects.ranges.is_empty() {
                <div id="odd-ranges" class="warnings">
                    <strong>{ t(l, Key::OddRanges) }</strong>
                    <ul>{ for pv.suspects.ranges.iter().map(|o| html! {
                        <li data-column={o.column.clone()}>{ odd_range_text(l, &o.column, (o.min, o.max), (o.usual_min, o.usual_max)) }</li>
                    }) }</ul>
                </div>
            }
            if !pv.text.is_empty() {
                <p id="text-columns" class="muted">{ t(l, Key::TextColumnsNote) }{ " " }{ text_columns_summary(l, &pv.text) }</p>
            }
            <div class="scroll">
                <table class="preview">
                    <thead>
                        <tr><th scope="col">{ t(l, Key::Column) }</th>{ for pv.names.iter().map(|n| if odd(n) {
                            html! { <th scope="col" class="odd-range" data-column={n.clone()} title={t(l, Key::OddRangeTitle)}>{ n }<span class="mark" aria-label={t(l, Key::OddRangeTitle)}>{ " ⚠" }</span></th> }
                        } else {
                            html! { <th scope="col" data-column={n.clone()}>{ n }</th> }
                        }) }{ for pv.text.iter().map(|c| html! {
                            <th scope="col" class="text-column" data-column={c.name.clone()} title={t(l, Key::TextColumnTitle)}>{ &c.name }<span class="mark">{ format!(" ({})", t(l, Key::TextColumn)) }</span></th>
                        }) }</tr>
                    </thead>
                    <tbody>
                        <tr class="stat"><th scope="row">{ "n" }</th>{ for pv.summary.iter().map(|c| html! { <td>{ c.n }</td> }) }{ for pv.text.iter().map(|c| html! { <td>{ c.n }</td> }) }</tr>
                        <tr class="stat missing"><th scope="row">{ t(l, Key::Missing) }</th>{ for pv.summary.iter().map(|c| html! { <td data-column={c.name.clone()}>{ c.missing }</td> }) }{ for pv.text.iter().map(|c| html! { <td data-column={c.name.clone()}>{ pv.info.rows.saturating_sub(c.n) }</td> }) }</tr>
                        <tr class="stat"><th scope="row">{ t(l, Key::Mean) }</th>{ for pv.summary.iter().map(|c| html! { <td>{ fixed(c.mean, 2, l) }</td> }) }{ for pv.text.iter().map(|_| html! { <td>{ "—" }</td> }) }</tr>
                        <tr class="stat last"><th scope="row">{ t(l, Key::Sd) }</th>{ for pv.summary.iter().map(|c| html! { <td>{ fixed(c.sd, 2, l) }</td> }) }{ for pv.text.iter().map(|_| html! { <td>{ "—" }</td> }) }</tr>
                        { for pv.rows.iter().enumerate().map(|(i, r)| html! {
                            <tr><th scope="row">{ i + 1 }</th>{ for r.iter().map(|v| html! { <td>{ cell(v) }</td> }) }{ for pv.text.iter().map(|c| html! {
                                <td class="text-cell">{ c.rows.get(i).cloned().flatten().unwrap_or_else(|| "·".to_string()) }</td>
                            }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// "gender (2 values: F, M), firm (42 values)".
fn text_columns_summary(l: Lang, text: &[crate::protocol::TextPreview]) -> String {
    text.iter()
        .map(|c| {
            let k = c.distinct.len();
            if k <= 5 {
                format!("{} ({} {}: {})", c.name, k, t(l, Key::Values), c.distinct.join(", "))
            } else if k > crate::protocol::PREVIEW_DISTINCT {
                format!("{} (> {} {})", c.name, crate::protocol::PREVIEW_DISTINCT, t(l, Key::Values))
            } else {
                format!("{} ({} {})", c.name, k, t(l, Key::Values))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Properties, PartialEq)]
struct SuspectProps {
    lang: Lang,
    preview: Rc<Preview>,
    on: Callback<Action>,
}

/// "−99 appears 5 times in 4 columns: treat as missing?" with a button
/// that adds the codes to the missing-code field and reads the file again.
#[function_component]
fn SuspectPrompt(p: &SuspectProps) -> Html {
    let l = p.lang;
    let codes = &p.preview.suspects.codes;
    let texts: Vec<String> = codes.iter().map(|c| code_text(c.value)).collect();
    let treat = {
        let (on, texts) = (p.on.clone(), texts.clone());
        Callback::from(move |_: MouseEvent| on.emit(Action::AddMissingCodes(texts.clone())))
    };
    let keep = p.on.reform(|_: MouseEvent| Action::DismissSuspects);
    html! {
        <div id="suspects" class="prompt" role="alert">
            <strong>{ t(l, Key::SuspectTitle) }</strong>
            <ul>{ for codes.iter().zip(&texts).map(|(c, text)| html! {
                <li class="suspect" data-value={text.clone()}>{ suspect_question(l, text, c.count, &c.columns) }</li>
            }) }</ul>
            <div class="row">
                <button id="treat-missing" type="button" onclick={treat}>{ format!("{} ({})", t(l, Key::TreatMissing), texts.join(" ")) }</button>
                <button id="keep-values" type="button" class="secondary" onclick={keep}>{ t(l, Key::KeepValues) }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SheetProps {
    lang: Lang,
    sheets: Vec<String>,
    sheet: Option<String>,
    on: Callback<Action>,
}

/// The workbook's sheets; the first is read unless another is chosen.
#[function_component]
fn SheetPicker(p: &SheetProps) -> Html {
    let current = p.sheet.clone().or_else(|| p.sheets.first().cloned()).unwrap_or_default();
    let on = {
        let (on, sheets) = (p.on.clone(), p.sheets.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            // the first sheet is the default: no name needed
            on.emit(Action::SetSheet((sheets.first() != Some(&v)).then_some(v)))
        })
    };
    html! {
        <label>{ t(p.lang, Key::Sheet) }{ " " }
            <select id="sheet" onchange={on}>
                { for p.sheets.iter().map(|s| html! { <option value={s.clone()} selected={*s == current}>{ s }</option> }) }
            </select>
        </label>
    }
}
