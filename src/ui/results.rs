//! The results: downloads, warnings, the methods paragraph, the figures and
//! every table; marked as out of date once the inputs changed.
//!
//! A large result (the 10,000 × 50 study has about 6,000 cells) is put on
//! screen a few tables at a time, each step a task of its own, so the page
//! stays responsive; tables equal to the ones shown are kept as they are.
//! The page reads "rendering" instead of "done" until every table shows the
//! result ([`ResultsProps::on_rendered`]).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::app::Rendered;
use super::figure::FigureView;
use super::i18n::{t, Key, Lang};
use super::state::{Action, Excluded};
use super::table::TableView;
use super::web::{after_ms, download, download_bytes};
use crate::engine::result::AnalysisResult;
use crate::report::svg::Moves;
use crate::report::{self, Section, Table};

/// Table cells moved to a new result per step.
const CELLS_PER_STEP: usize = 800;

/// A shared value compared by identity (a result is large; a new one is a
/// new allocation).
#[derive(Clone)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

/// What a result shows in one language, built once.
struct Built {
    tables: Vec<Rc<Table>>,
    /// The section of each table, and the sections with their flagged cells.
    sections: Vec<Section>,
    contents: Vec<(Section, usize)>,
    /// (file stem, caption key, SVG document) of the path diagram, then the slope plots.
    figures: Vec<(String, Key, Rc<String>)>,
    /// (file stem, SVG document) of each floodlight plot.
    floodlights: Vec<(String, Rc<String>)>,
    /// Per row of the path table: the key of its bootstrap histogram, if any.
    hist_keys: Rc<Vec<Option<String>>>,
    /// The indicators the loadings table offers to exclude: those of
    /// constructs with more than one (not an interaction's product).
    excludable: Rc<Vec<String>>,
}

impl Built {
    /// `before`: the result before indicators were excluded or restored.
    fn new(r: &AnalysisResult, before: Option<&AnalysisResult>, lang: Lang) -> Built {
        let mut figures = vec![("plsweb_path_diagram".to_string(), Key::Diagram, Rc::new(report::svg::path_diagram(r, lang)))];
        for sl in &r.simple_slopes {
            figures.push((format!("plsweb_slopes_{}", super::web::file_stem(&sl.interaction)), Key::Slopes, Rc::new(report::svg::slope_plot(sl, lang))));
        }
        if let Some(m) = &r.ipma {
            figures.push((format!("plsweb_ipma_{}", super::web::file_stem(&m.target)), Key::IpmaMap, Rc::new(report::svg::ipma::ipma_map(m, lang))));
        }
        let has_dist = |k: &String| r.bootstrap.as_ref().is_some_and(|b| b.path_distributions.get(k).is_some_and(|v| !v.is_empty()));
        let hist_keys = r.path_coefficients.iter().map(|p| Some(report::histogram::path_key(&p.from, &p.to)).filter(has_dist)).collect();
        let floodlights = r
            .floodlight
            .iter()
            .map(|fl| (format!("plsweb_floodlight_{}_{}", super::web::file_stem(&fl.interaction), super::web::file_stem(&fl.dv)), Rc::new(report::svg::floodlight_plot(fl, lang))))
            .collect();
        let mut sectioned = report::sectioned(r, lang);
        // the criteria of this result only: the before → after table repeats them
        let contents = report::contents(&sectioned);
        if let Some(t) = before.and_then(|b| report::tables::pruning::comparison(b, r, lang)) {
            sectioned.insert(0, (Section::Measurement, t));
        }
        let (sections, tables) = sectioned.into_iter().map(|(s, t)| (s, Rc::new(t))).unzip();
        let excludable = r.constructs.iter().filter(|c| !c.interaction && c.indicators.len() > 1).flat_map(|c| c.indicators.iter().cloned()).collect();
        Built { tables, sections, contents, figures, floodlights, hist_keys: Rc::new(hist_keys), excludable: Rc::new(excludable) }
    }
}

/// The tables on screen, moving towards a target a step at a time.
#[derive(Default)]
struct Reveal {
    /// The target: the built tables, with the ones equal to a table on
    /// screen replaced by it (so its component is not rebuilt).
    target: Vec<Rc<Table>>,
    /// Which built tables `target` is for.
    built: usize,
    shown: Vec<Rc<Table>>,
    scheduled: bool,
}

impl Reveal {
    fn retarget(&mut self, built: &Rc<Built>) {
        let id = Rc::as_ptr(built) as usize;
        if self.built == id {
            return;
        }
        self.built = id;
        self.target = built.tables.iter().enumerate().map(|(i, tb)| match self.shown.get(i) {
            Some(old) if **old == **tb => old.clone(),
            _ => tb.clone(),
        }).collect();
        // the first step at once, like the rest of the page's change
        self.step();
    }

    fn up_to_date(&self) -> bool {
        self.shown.len() == self.target.len() && self.shown.iter().zip(&self.target).all(|(a, b)| Rc::ptr_eq(a, b))
    }

    /// Put the next tables on screen, about [`CELLS_PER_STEP`] cells.
    fn step(&mut self) {
        self.shown.truncate(self.target.len());
        let mut cells = 0;
        for (i, tb) in self.target.iter().enumerate() {
            if self.shown.get(i).is_some_and(|old| Rc::ptr_eq(old, tb)) {
                continue;
            }
            let size = tb.rows.len() * tb.columns.len().max(1);
            if cells > 0 && cells + size > CELLS_PER_STEP {
                break;
            }
            cells += size;
            if i < self.shown.len() {
                self.shown[i] = tb.clone();
            } else {
                self.shown.push(tb.clone());
            }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub lang: Lang,
    pub result: Option<ByPtr<AnalysisResult>>,
    pub complete: bool,
    pub stale: bool,
    /// The bootstrap was cancelled (the result is the point estimate).
    pub cancelled: bool,
    pub running: bool,
    /// Which result is fully on screen (`None` while it is being put there).
    pub on_rendered: Callback<Rendered>,
    /// The complete result before the last exclusion or restoration.
    pub before: Option<ByPtr<AnalysisResult>>,
    pub excluded: Vec<Excluded>,
    pub on: Callback<Action>,
    /// Constructs moved on the model canvas: the path diagram keeps them.
    #[prop_or_default]
    pub moves: Rc<Moves>,
    /// The page's setting "leave out resamples that did not converge",
    /// offered next to the warning that counts them.
    #[prop_or_default]
    pub drop_nonconverged: bool,
    #[prop_or_default]
    pub on_setting: Option<Callback<super::state::Action>>,
}

#[function_component]
pub fn ResultsPanel(p: &ResultsProps) -> Html {
    match &p.result {
        None => html! {},
        Some(r) => html! {
            <ResultsView lang={p.lang} result={r.clone()} complete={p.complete} stale={p.stale} cancelled={p.cancelled}
                running={p.running} on_rendered={p.on_rendered.clone()} before={p.before.clone()} excluded={p.excluded.clone()} on={p.on.clone()} moves={p.moves.clone()} drop_nonconverged={p.drop_nonconverged} on_setting={p.on_setting.clone()} />
        },
    }
}

#[derive(Properties, PartialEq)]
struct ViewProps {
    lang: Lang,
    result: ByPtr<AnalysisResult>,
    complete: bool,
    stale: bool,
    cancelled: bool,
    running: bool,
    on_rendered: Callback<Rendered>,
    before: Option<ByPtr<AnalysisResult>>,
    excluded: Vec<Excluded>,
    on: Callback<Action>,
    moves: Rc<Moves>,
    drop_nonconverged: bool,
    on_setting: Option<Callback<super::state::Action>>,
}

/// Schedule the next step of the reveal in a task of its own, and report
/// whether the result is on screen.
#[hook]
fn use_reveal(built: Rc<Built>, key: (usize, Lang), on_rendered: Callback<Rendered>) -> Vec<Rc<Table>> {
    let reveal = use_mut_ref(Reveal::default);
    let redraw = use_force_update();
    reveal.borrow_mut().retarget(&built);
    let done = reveal.borrow().up_to_date();
    {
        let reveal: Rc<RefCell<Reveal>> = reveal.clone();
        use_effect(move || {
            if done {
                on_rendered.emit(Some(key));
            } else {
                on_rendered.emit(None);
                if !reveal.borrow().scheduled {
                    reveal.borrow_mut().scheduled = true;
                    after_ms(0, move || {
                        let mut rv = reveal.borrow_mut();
                        rv.scheduled = false;
                        rv.step();
                        redraw.force_update();
                    });
                }
            }
        });
    }
    let shown = reveal.borrow().shown.clone();
    shown
}

#[function_component]
fn ResultsView(p: &ViewProps) -> Html {
    let (l, r) = (p.lang, &p.result.0);
    let built = use_memo((p.result.clone(), p.before.clone(), l), |(r, b, l)| Built::new(&r.0, b.as_ref().map(|b| &*b.0), *l));
    // the path diagram with the canvas's moves (without any, the built one)
    let diagram = use_memo((p.result.clone(), p.moves.clone(), l), |(r, moves, l)| {
        (!moves.is_empty()).then(|| Rc::new(report::svg::path_diagram_moved(&r.0, *l, moves)))
    });
    let can_prune = p.complete && !p.running && !p.stale;
    let on_exclude = use_callback((p.on.clone(), can_prune), |item: String, (on, _)| on.emit(Action::Exclude { item }));
    let shown = use_reveal(built.clone(), (Rc::as_ptr(r) as usize, l), p.on_rendered.clone());
    let histogram = use_state(|| None as Option<String>);
    let hist_doc = use_memo((p.result.clone(), (*histogram).clone(), l), |(r, key, l)| {
        key.as_ref().and_then(|k| report::histogram::bootstrap_histogram(&r.0, k, *l).map(|doc| (k.clone(), Rc::new(doc))))
    });
    let set_histogram = histogram.setter();
    let on_histogram = use_callback((), move |key: Option<String>, _| set_histogram.set(key));
    let out_of_date = if p.stale { format!(" ({})", t(l, Key::OutOfDate)) } else { String::new() };
    let on_json = {
        let r = r.clone();
        Callback::from(move |_: MouseEvent| download("plsweb_result.json", "application/json", &serde_json::to_string_pretty(&*r).unwrap_or_default()))
    };
    let on_xlsx = {
        let (r, built) = (r.clone(), built.clone());
        Callback::from(move |_: MouseEvent| {
            let bytes = report::workbook::workbook(&r, l, &built.tables);
            download_bytes("plsweb_results.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &bytes)
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let point_note = if p.cancelled { Key::PointCancelled } else { Key::PointOnly };
    html! {
        <section id="results" class={classes!("results", p.stale.then_some("stale"))} data-complete={p.complete.to_string()} data-stale={p.stale.to_string()}>
            <h1 class="print-only">{ t(l, Key::ReportTitle) }</h1>
            <div class="row">
                <h2 id="results-heading" tabindex="-1">{ t(l, Key::Results) }</h2>
                <span class="muted">{ format!("n = {} {}", r.n, t(l, Key::Observations)) }</span>
                <button id="download-xlsx" type="button" class="secondary no-print" disabled={p.stale} onclick={on_xlsx}>{ format!("{}{out_of_date}", t(l, Key::DownloadXlsx)) }</button>
                <button id="download-json" type="button" class="secondary no-print" disabled={p.stale} onclick={on_json}>{ format!("{}{out_of_date}", t(l, Key::DownloadJson)) }</button>
                <button id="print" type="button" class="secondary no-print" onclick={on_print}>{ t(l, Key::Print) }</button>
            </div>
            if p.stale {
                <div id="stale" class="stale-banner" role="status">{ t(l, Key::Stale) }</div>
            }
            if !p.complete && (p.running || p.cancelled) {
                <p class="muted">{ t(l, point_note) }</p>
            }
            if !r.warnings.is_empty() {
                <div id="warnings" class="warnings"><strong>{ t(l, Key::Warnings) }</strong>
                    <ul>{ for r.warnings.iter().map(|w| html! { <li data-code={w.code().to_string()}>{ crate::messages::warning_text(w, l) }{ drop_toggle(w, l, p) }</li> }) }</ul>
                </div>
            }
            <Contents lang={l} contents={built.contents.clone()} />
            if !p.excluded.is_empty() {
                <div id="excluded" class="excluded no-print" role="group" aria-label={t(l, Key::Excluded)}>
                    <strong>{ t(l, Key::Excluded) }{ ": " }</strong>
                    { for p.excluded.iter().map(|e| {
                        let (on, item) = (p.on.clone(), e.item.clone());
                        html! {
                            <button type="button" class="small secondary restore" data-item={e.item.clone()} disabled={p.running}
                                aria-label={format!("{} {} ({})", t(l, Key::RestoreItem), e.item, e.construct)}
                                onclick={Callback::from(move |_: MouseEvent| on.emit(Action::Restore { item: item.clone() }))}>{ format!("{} ↺", e.item) }</button>
                        }
                    }) }
                </div>
            }
            <section id="methods" class="methods">
                <h3>{ t(l, Key::Methods) }</h3>
                <p id="methods-text">{ report::methods::methods_paragraph(r, l) }</p>
                <p id="citation" class="muted"><strong>{ t(l, Key::Citation) }{ ": " }</strong>{ report::methods::citation(r, l) }</p>
            </section>
            <div class="plots">
                { for built.figures.iter().enumerate().map(|(i, (stem, caption, doc))| html! {
                    <FigureView lang={l} id={(i == 0).then_some(AttrValue::from("path-diagram"))} class={classes!((i > 0).then_some(if *caption == Key::IpmaMap { "ipma-map" } else { "slope-plot" }))} index={i}
                        caption={t(l, *caption)} stem={stem.clone()} doc={if i == 0 { (*diagram).clone().unwrap_or_else(|| doc.clone()) } else { doc.clone() }} stale={p.stale} />
                }) }
                { for built.floodlights.iter().enumerate().map(|(i, (stem, doc))| html! {
                    <FigureView lang={l} class={classes!("floodlight-plot")} index={built.figures.len() + i}
                        caption={t(l, Key::Floodlight)} stem={stem.clone()} doc={doc.clone()} stale={p.stale} />
                }) }
            </div>
            { for shown.iter().enumerate().map(|(i, tb)| {
                let paths = tb.id == "paths";
                let section = built.sections.get(i).copied();
                let heading = section.filter(|s| i == 0 || built.sections.get(i - 1) != Some(s));
                html! {
                    <TableView key={tb.id.clone()} table={tb.clone()} lang={l} stale={p.stale}
                        hist_keys={paths.then(|| built.hist_keys.clone())}
                        histogram={if paths { (*hist_doc).clone() } else { None }}
                        on_histogram={on_histogram.clone()}
                        heading={heading.map(|s| (format!("section-{}", s.id()), s.title(l).to_string()))}
                        on_exclude={(tb.id == "outer_model" && can_prune).then(|| on_exclude.clone())}
                        excludable={(tb.id == "outer_model").then(|| built.excludable.clone())} />
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ContentsProps {
    lang: Lang,
    contents: Vec<(Section, usize)>,
}

/// The sticky table of contents: a link per section of the report, with
/// the number of criteria its tables flag.
#[function_component]
fn Contents(p: &ContentsProps) -> Html {
    let l = p.lang;
    html! {
        <nav id="toc" class="toc no-print" aria-label={t(l, Key::Contents)}>
            <a href="#methods">{ t(l, Key::Methods) }</a>
            { for p.contents.iter().map(|(s, flagged)| {
                let label = if *flagged > 0 { format!("{}: {flagged} {}", s.title(l), t(l, Key::FlaggedCriteria)) } else { s.title(l).to_string() };
                html! {
                    <a href={format!("#section-{}", s.id())} data-section={s.id()} aria-label={label}>
                        { s.title(l) }
                        if *flagged > 0 { <span class="flag-count" aria-hidden="true">{ format!(" {flagged}") }</span> }
                    </a>
                }
            }) }
        </nav>
    }
}

/// Next to the warning that counts the resamples at the iteration limit:
/// the setting that leaves them out (it takes effect at the next run).
fn drop_toggle(w: &crate::error::Warning, l: Lang, p: &ViewProps) -> Html {
    let Some(on) = &p.on_setting else { return html! {} };
    if w.code() != "bootstrap.iteration_limit_pattern" {
        return html! {};
    }
    let cb = on.reform(|e: Event| {
        let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
        super::state::Action::SetSetting(super::state::SettingChange::DropNonconverged(checked))
    });
    html! {
        <label class="check no-print"> { " " }
            <input id="warn-drop_nonconverged" type="checkbox" checked={p.drop_nonconverged} onchange={cb} />{ t(l, Key::DropNonconverged) }
        </label>
    }
}
