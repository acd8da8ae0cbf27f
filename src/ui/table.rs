//! One result table as its own component: the page re-renders it only when
//! its table, language or buttons change, not on every progress message or
//! when another table changes.

use std::rc::Rc;
use yew::prelude::*;

use super::app::{svg, Msg};
use super::i18n::{t, Key, Lang};
use crate::report::{Flag, Table};

#[derive(Properties)]
pub struct TableProps {
    pub table: Rc<Table>,
    /// Position on the page (for Copy and CSV).
    pub index: usize,
    pub lang: Lang,
    /// "Copied" shown on its Copy button.
    pub copied: bool,
    /// The path table only: per row, the key of its bootstrap histogram.
    pub hist_keys: Option<Rc<Vec<Option<String>>>>,
    /// The path table only: the histogram shown (key, SVG document).
    pub histogram: Option<(String, Rc<String>)>,
    pub on_msg: Callback<Msg>,
}

fn same<T>(a: &Option<Rc<T>>, b: &Option<Rc<T>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// By identity, not content: a table is rebuilt only when its result or
/// language changes, and comparing thousands of cells would cost what the
/// component saves.
impl PartialEq for TableProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.table, &o.table)
            && self.index == o.index
            && self.lang == o.lang
            && self.copied == o.copied
            && same(&self.hist_keys, &o.hist_keys)
            && match (&self.histogram, &o.histogram) {
                (Some((k, d)), Some((ko, dog))) => k == ko && Rc::ptr_eq(d, dog),
                (None, None) => true,
                _ => false,
            }
            && self.on_msg == o.on_msg
    }
}

#[function_component]
pub fn TableView(p: &TableProps) -> Html {
    let (l, i, tb) = (p.lang, p.index, &p.table);
    let send = |m: fn(usize) -> Msg| {
        let cb = p.on_msg.clone();
        Callback::from(move |_: MouseEvent| cb.emit(m(i)))
    };
    let open = p.histogram.as_ref().map(|(k, _)| k.as_str());
    html! {
        <section class="table" data-table={tb.id.clone()}>
            <div class="row">
                <h3>{ &tb.title }</h3>
                <button type="button" class="small secondary copy no-print" onclick={send(Msg::Copy)}>{ if p.copied { t(l, Key::Copied) } else { t(l, Key::Copy) } }</button>
                <button type="button" class="small secondary csv no-print" onclick={send(Msg::Csv)}>{ t(l, Key::Csv) }</button>
            </div>
            <p class="note">{ &tb.note }</p>
            <div class="scroll">
                <table>
                    <thead><tr>{ for tb.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                    <tbody>
                        { for tb.rows.iter().enumerate().map(|(k, row)| {
                            let key = row.first().map(|c| c.text.clone()).unwrap_or_default();
                            // Rows of the path table follow `path_coefficients`.
                            let hist_key = p.hist_keys.as_ref().and_then(|h| h.get(k).cloned().flatten());
                            html! {
                                <tr data-row={key.clone()} data-path={p.hist_keys.is_some().then(|| key.clone())}>
                                    { for row.iter().enumerate().map(|(j, c)| {
                                        let col = tb.keys.get(j).or(tb.columns.get(j)).cloned().unwrap_or_default();
                                        let (class, mark, title) = match c.flag {
                                            Some(Flag::Good) => ("good", t(l, Key::Good), t(l, Key::GoodTitle)),
                                            Some(Flag::Bad) => ("bad", t(l, Key::Bad), t(l, Key::BadTitle)),
                                            None => ("", "", ""),
                                        };
                                        if j == 0 {
                                            let button = hist_key.clone().map(|hk| {
                                                let is_open = open == Some(hk.as_str());
                                                let next = (!is_open).then(|| hk.clone());
                                                let cb = p.on_msg.clone();
                                                html! { <button type="button" class="small secondary histogram no-print" aria-pressed={is_open.to_string()} data-key={hk} onclick={Callback::from(move |_: MouseEvent| cb.emit(Msg::Histogram(next.clone())))}>{ t(l, Key::Histogram) }</button> }
                                            });
                                            html! { <th scope="row" data-col={col}>{ &c.text }{ for button }</th> }
                                        } else {
                                            html! { <td data-col={col} class={classes!((!class.is_empty()).then_some(class))} title={(!title.is_empty()).then_some(title)}>
                                                { &c.text }
                                                if !mark.is_empty() { <span class="mark" aria-label={title}>{ " " }{ mark }</span> }
                                            </td> }
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if let Some((key, doc)) = &p.histogram {
                <figure id="histogram" data-key={key.clone()}>
                    <figcaption>
                        { t(l, Key::Histogram) }
                        <span class="no-print figure-downloads" role="group" aria-label={t(l, Key::DownloadFigure)}>
                            <button type="button" class="small secondary download-svg" title={format!("{} SVG", t(l, Key::DownloadFigure))} onclick={{ let cb = p.on_msg.clone(); Callback::from(move |_: MouseEvent| cb.emit(Msg::HistogramSvg)) }}>{ t(l, Key::DownloadSvg) }</button>
                            <button type="button" class="small secondary close-histogram" onclick={{ let cb = p.on_msg.clone(); Callback::from(move |_: MouseEvent| cb.emit(Msg::Histogram(None))) }}>{ t(l, Key::Close) }</button>
                        </span>
                    </figcaption>
                    { svg(doc.to_string()) }
                </figure>
            }
        </section>
    }
}
