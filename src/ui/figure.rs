//! One figure (path diagram, slope plot, bootstrap histogram): the SVG built
//! in Rust, its caption, and buttons that download it as SVG or PNG.

use std::rc::Rc;

use yew::prelude::*;

use super::i18n::{t, Key, Lang};
use super::web::{download, download_png};

/// An SVG document from [`crate::report::svg`] (built in Rust, every text
/// escaped), put on the page as it is.
pub fn svg(doc: &str) -> Html {
    let body = match doc.find("<svg") {
        Some(i) => &doc[i..],
        None => doc,
    };
    Html::from_html_unchecked(AttrValue::from(body.to_string()))
}

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    pub lang: Lang,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
    /// `data-figure` (position among the result's figures).
    #[prop_or_default]
    pub index: Option<usize>,
    /// `data-key` (the histogram's path).
    #[prop_or_default]
    pub data_key: Option<AttrValue>,
    pub caption: AttrValue,
    /// File name without extension.
    pub stem: AttrValue,
    pub doc: Rc<String>,
    /// Offer a PNG beside the SVG.
    #[prop_or(true)]
    pub png: bool,
    /// The result is out of date: no downloads.
    #[prop_or_default]
    pub stale: bool,
    /// A Close button (the histogram).
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

#[function_component]
pub fn FigureView(p: &FigureProps) -> Html {
    let l = p.lang;
    let label = |kind: &str| format!("{} {} {} {kind}", t(l, Key::DownloadWord), p.caption.to_lowercase(), t(l, Key::AsWord));
    let get_svg = {
        let (doc, stem) = (p.doc.clone(), p.stem.clone());
        Callback::from(move |_: MouseEvent| download(&format!("{stem}.svg"), "image/svg+xml", &doc))
    };
    let get_png = {
        let (doc, stem) = (p.doc.clone(), p.stem.clone());
        Callback::from(move |_: MouseEvent| download_png(format!("{stem}.png"), &doc))
    };
    let out_of_date = if p.stale { format!(" ({})", t(l, Key::OutOfDate)) } else { String::new() };
    html! {
        <figure id={p.id.clone()} class={p.class.clone()} data-figure={p.index.map(|i| i.to_string())} data-key={p.data_key.clone()}>
            <figcaption>
                { p.caption.clone() }
                <span class="no-print figure-downloads" role="group" aria-label={t(l, Key::DownloadFigure)}>
                    <button type="button" class="small secondary download-svg" aria-label={label("SVG") + &out_of_date} title={label("SVG")} disabled={p.stale} onclick={get_svg}>{ t(l, Key::DownloadSvg) }</button>
                    if p.png {
                        <button type="button" class="small secondary download-png" aria-label={label("PNG") + &out_of_date} title={label("PNG")} disabled={p.stale} onclick={get_png}>{ t(l, Key::DownloadPng) }</button>
                    }
                    if let Some(close) = &p.on_close {
                        <button type="button" class="small secondary close-histogram" aria-label={t(l, Key::CloseHistogram)} onclick={close.reform(|_: MouseEvent| ())}>{ t(l, Key::Close) }</button>
                    }
                </span>
            </figcaption>
            { svg(&p.doc) }
        </figure>
    }
}
