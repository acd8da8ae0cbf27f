//! One result table as its own component: the page re-renders it only when
//! its table, language or buttons change, not on every progress message or
//! when another table changes. It copies itself and downloads its CSV.

use std::rc::Rc;

use yew::prelude::*;

use super::figure::FigureView;
use super::i18n::{t, Key, Lang};
use super::web::{copy_text, download, file_stem};
use crate::report::{self, Flag, Table};

#[derive(Properties)]
pub struct TableProps {
    pub table: Rc<Table>,
    pub lang: Lang,
    /// The result is out of date: marked, and nothing to copy or download.
    pub stale: bool,
    /// The path table only: per row, the key of its bootstrap histogram.
    pub hist_keys: Option<Rc<Vec<Option<String>>>>,
    /// The path table only: the histogram shown (key, SVG document).
    pub histogram: Option<(String, Rc<String>)>,
    /// Show (`Some(key)`) or hide the bootstrap histogram of a path.
    pub on_histogram: Callback<Option<String>>,
    /// The first table of a section carries the section's heading (anchor
    /// id, title) for the table of contents.
    #[prop_or_default]
    pub heading: Option<(String, String)>,
    /// The loadings table only: exclude the indicator of a row (its second
    /// column) and run again; `None` while that is not possible.
    #[prop_or_default]
    pub on_exclude: Option<Callback<String>>,
    /// The indicators that `on_exclude` can exclude (a single item or an
    /// interaction's product cannot be).
    #[prop_or_default]
    pub excludable: Option<Rc<Vec<String>>>,
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
            && self.lang == o.lang
            && self.stale == o.stale
            && same(&self.hist_keys, &o.hist_keys)
            && match (&self.histogram, &o.histogram) {
                (Some((k, d)), Some((ko, dog))) => k == ko && Rc::ptr_eq(d, dog),
                (None, None) => true,
                _ => false,
            }
            && self.on_histogram == o.on_histogram
            && self.heading == o.heading
            && self.on_exclude == o.on_exclude
            && same(&self.excludable, &o.excludable)
    }
}

/// One cell: its text, and the ✓/✗ mark of a rule of thumb (in words for
/// screen readers and in the tooltip).
fn cell_html(l: Lang, col: String, c: &report::Cell) -> Html {
    let (class, mark, title) = match c.flag {
        Some(Flag::Good) => ("good", t(l, Key::Good), t(l, Key::GoodTitle)),
        Some(Flag::Bad) => ("bad", t(l, Key::Bad), t(l, Key::BadTitle)),
        None => ("", "", ""),
    };
    html! {
        <td data-col={col} class={classes!((!class.is_empty()).then_some(class))} title={(!title.is_empty()).then_some(title)}>
            { &c.text }
            // a verdict written with its mark ("yes ✓") is not marked twice
            if !mark.is_empty() && !c.text.ends_with(mark) { <span class="mark" aria-label={title}>{ " " }{ mark }</span> }
        </td>
    }
}

#[function_component]
pub fn TableView(p: &TableProps) -> Html {
    let (l, tb) = (p.lang, &p.table);
    let copied = use_state(|| false);
    let on_copy = {
        let (tb, copied) = (tb.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            copy_text(&report::to_tsv(&tb));
            copied.set(true);
        })
    };
    let on_csv = {
        let tb = tb.clone();
        Callback::from(move |_: MouseEvent| download(&format!("plsweb_{}.csv", tb.id), "text/csv", &report::to_csv_local(&tb, l)))
    };
    let open = p.histogram.as_ref().map(|(k, _)| k.as_str());
    let out_of_date = if p.stale { format!(" ({})", t(l, Key::OutOfDate)) } else { String::new() };
    let row_html = |k: usize, row: &Vec<report::Cell>| {
        let key = row.first().map(|c| c.text.clone()).unwrap_or_default();
        // rows of the path table follow `path_coefficients`
        let hist_key = p.hist_keys.as_ref().and_then(|h| h.get(k).cloned().flatten());
        let button = hist_key.map(|hk| {
            let is_open = open == Some(hk.as_str());
            let next = (!is_open).then(|| hk.clone());
            let label = format!("{} {key}", t(l, Key::HistogramOf));
            html! { <button type="button" class="small secondary histogram no-print" aria-pressed={is_open.to_string()} aria-label={label} data-key={hk}
                onclick={p.on_histogram.reform(move |_: MouseEvent| next.clone())}>{ t(l, Key::Histogram) }</button> }
        });
        html! {
            <tr data-row={key.clone()} data-path={p.hist_keys.is_some().then(|| key.clone())}>
                { for row.iter().enumerate().map(|(j, c)| {
                    let col = tb.keys.get(j).or(tb.columns.get(j)).cloned().unwrap_or_default();
                    if j == 0 {
                        html! { <th scope="row" data-col={col}>{ &c.text }{ for button.clone() }</th> }
                    } else if let (1, Some(on), true) = (j, &p.on_exclude, p.excludable.as_ref().is_some_and(|e| e.contains(&c.text))) {
                        let item = c.text.clone();
                        let label = format!("{} {item}", t(l, Key::ExcludeItem));
                        html! {
                            <td data-col={col}>{ &c.text }
                                <button type="button" class="small secondary exclude no-print" aria-label={label} data-item={item.clone()}
                                    onclick={on.reform(move |_: MouseEvent| item.clone())}>{ t(l, Key::Exclude) }</button>
                            </td>
                        }
                    } else {
                        cell_html(l, col, c)
                    }
                }) }
            </tr>
        }
    };
    html! {
        <section class="table" data-table={tb.id.clone()}>
            if let Some((id, title)) = &p.heading {
                <h3 id={id.clone()} class="section-heading" tabindex="-1">{ title.clone() }</h3>
            }
            <div class="row">
                <h3>{ &tb.title }</h3>
                <button type="button" class="small secondary copy no-print" disabled={p.stale} aria-label={format!("{}: {}{out_of_date}", t(l, Key::CopyTable), tb.title)}
                    onclick={on_copy}>{ if *copied { t(l, Key::Copied) } else { t(l, Key::Copy) } }</button>
                <button type="button" class="small secondary csv no-print" disabled={p.stale} aria-label={format!("{}: {}{out_of_date}", t(l, Key::CsvTable), tb.title)}
                    onclick={on_csv}>{ t(l, Key::Csv) }</button>
            </div>
            <p class="note">{ &tb.note }</p>
            <div class="scroll">
                <table>
                    <thead><tr>{ for tb.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }</tr></thead>
                    <tbody>{ for tb.rows.iter().enumerate().map(|(k, row)| row_html(k, row)) }</tbody>
                </table>
            </div>
            if let Some((key, doc)) = &p.histogram {
                <FigureView lang={l} id="histogram" data_key={key.clone()} caption={t(l, Key::Histogram)} stem={format!("plsweb_histogram_{}", file_stem(key))}
                    doc={doc.clone()} png={false} stale={p.stale} on_close={p.on_histogram.reform(|_: ()| None)} />
            }
        </section>
    }
}
