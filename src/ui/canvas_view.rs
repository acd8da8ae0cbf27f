//! The model canvas: the model drawn as an editable path diagram. What it
//! shows and what each gesture does are in [`super::canvas`]; this file
//! places the shapes (the path diagram's own layout, with the user's
//! moves) and turns pointer and key events into those gestures.
//!
//! The SVG is drawn at its natural size (one user unit per CSS pixel, in a
//! scrolling box), so a pointer's movement in client pixels is its
//! movement in the diagram. A drop target is found under the pointer when
//! it is released, which works for the mouse and for touch alike.

use std::rc::Rc;

use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use super::canvas::{assign, canvas, connect, moderate, moderators, nudge, unused_columns, Canvas, Link};
use super::i18n::{t, Key, Lang};
use super::state::Action;
use crate::report::svg::layout::{layout_moved, Layout, Side, IND_H};
use crate::report::svg::{f, offsets, path_data, Moves};

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
    pub text: String,
    /// The data's numeric columns (those not in the model can be dragged
    /// onto a construct).
    pub columns: Rc<Vec<String>>,
    pub moves: Rc<Moves>,
    pub on: Callback<Action>,
}

/// What the pointer is doing.
#[derive(Debug, Clone, PartialEq)]
enum Drag {
    /// Moving a construct: where the pointer went down, the construct's
    /// offset then, and the offset now.
    Construct { name: String, x0: f64, y0: f64, base: (f64, f64), now: (f64, f64) },
    /// Drawing a path from a construct; the pointer in diagram units.
    Connect { from: String, at: (f64, f64) },
    /// Carrying an item (a column or an indicator); the pointer in diagram
    /// units.
    Item { item: String, at: (f64, f64) },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tool {
    Move,
    Connect,
}

/// Movement (px) below which a press and release is a click.
const CLICK: f64 = 4.0;

/// The construct (or column box) under a client point.
fn construct_at(x: f64, y: f64) -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let el = doc.element_from_point(x as f32, y as f32)?;
    el.closest("[data-construct]").ok()??.get_attribute("data-construct")
}

fn svg_point(svg: &NodeRef, e: &PointerEvent) -> (f64, f64) {
    match svg.cast::<Element>() {
        Some(el) => {
            let r = el.get_bounding_client_rect();
            (e.client_x() as f64 - r.left(), e.client_y() as f64 - r.top())
        }
        None => (0.0, 0.0),
    }
}

#[function_component]
pub fn ModelCanvas(p: &CanvasProps) -> Html {
    let l = p.lang;
    let model = use_memo(p.text.clone(), |text| canvas(text));
    let drag = use_state(|| None::<Drag>);
    let tool = use_state(|| Tool::Move);
    // a path being drawn by clicks or keys: its first construct
    let source = use_state(|| None::<String>);
    let selected = use_state(|| None::<(String, String)>);
    let moderator = use_state(String::new);
    let svg = use_node_ref();
    let Some(c) = (*model).clone() else {
        return html! {};
    };
    if c.spec.nodes.is_empty() {
        return html! {};
    }
    let mut moves = (*p.moves).clone();
    if let Some(Drag::Construct { name, now, .. }) = &*drag {
        moves.insert(name.clone(), *now);
    }
    let lay = layout_moved(&c.spec, &offsets(&c.spec, &moves));
    let unused = unused_columns(&c, &p.columns);

    let start_construct = {
        let (drag, tool, source, on, moves, svg, c) = (drag.clone(), tool.clone(), source.clone(), p.on.clone(), p.moves.clone(), svg.clone(), c.clone());
        move |name: String| {
            let (drag, tool, source, on, moves, svg, c) = (drag.clone(), tool.clone(), source.clone(), on.clone(), moves.clone(), svg.clone(), c.clone());
            Callback::from(move |e: PointerEvent| {
                if e.button() != 0 {
                    return;
                }
                e.prevent_default();
                if let Some(from) = (*source).clone() {
                    // second click of a path drawn by clicks
                    if let Some(a) = connect(&c, &from, &name) {
                        on.emit(a);
                    }
                    source.set(None);
                    return;
                }
                drag.set(Some(match *tool {
                    Tool::Move => {
                        let base = moves.get(&name).copied().unwrap_or((0.0, 0.0));
                        Drag::Construct { name: name.clone(), x0: e.client_x() as f64, y0: e.client_y() as f64, base, now: base }
                    }
                    Tool::Connect => Drag::Connect { from: name.clone(), at: svg_point(&svg, &e) },
                }));
            })
        }
    };
    let start_item = {
        let (drag, svg) = (drag.clone(), svg.clone());
        move |item: String| {
            let (drag, svg) = (drag.clone(), svg.clone());
            Callback::from(move |e: PointerEvent| {
                if e.button() == 0 {
                    e.prevent_default();
                    drag.set(Some(Drag::Item { item: item.clone(), at: svg_point(&svg, &e) }));
                }
            })
        }
    };
    let on_move = {
        let (drag, svg) = (drag.clone(), svg.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(d) = (*drag).clone() else { return };
            drag.set(Some(match d {
                Drag::Construct { name, x0, y0, base, .. } => {
                    let now = (base.0 + e.client_x() as f64 - x0, base.1 + e.client_y() as f64 - y0);
                    Drag::Construct { name, x0, y0, base, now }
                }
                Drag::Connect { from, .. } => Drag::Connect { from, at: svg_point(&svg, &e) },
                Drag::Item { item, .. } => Drag::Item { item, at: svg_point(&svg, &e) },
            }));
        })
    };
    let on_up = {
        let (drag, source, on, c) = (drag.clone(), source.clone(), p.on.clone(), c.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(d) = (*drag).clone() else { return };
            drag.set(None);
            let target = construct_at(e.client_x() as f64, e.client_y() as f64);
            match d {
                Drag::Construct { name, x0, y0, now, .. } => {
                    let far = (e.client_x() as f64 - x0).abs().max((e.client_y() as f64 - y0).abs()) >= CLICK;
                    if far {
                        on.emit(Action::PlaceConstruct { name, offset: now });
                    }
                }
                Drag::Connect { from, .. } => match target {
                    Some(to) if to != from => {
                        if let Some(a) = connect(&c, &from, &to) {
                            on.emit(a);
                        }
                    }
                    // released where it started: the first click of two
                    Some(_) => source.set(Some(from)),
                    None => {}
                },
                Drag::Item { item, .. } => {
                    if let Some(a) = target.and_then(|to| assign(&c, &item, &to)) {
                        on.emit(a);
                    }
                }
            }
        })
    };
    let on_cancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let key_construct = {
        let (on, moves, source, tool, c) = (p.on.clone(), p.moves.clone(), source.clone(), tool.clone(), c.clone());
        move |name: String| {
            let (on, moves, source, tool, c) = (on.clone(), moves.clone(), source.clone(), tool.clone(), c.clone());
            Callback::from(move |e: KeyboardEvent| {
                let key = e.key();
                if let Some(offset) = nudge(&moves, &name, &key) {
                    e.prevent_default();
                    on.emit(Action::PlaceConstruct { name: name.clone(), offset });
                    return;
                }
                match key.as_str() {
                    "Enter" | " " => {
                        e.prevent_default();
                        match (*source).clone() {
                            Some(from) => {
                                if let Some(a) = connect(&c, &from, &name) {
                                    on.emit(a);
                                }
                                source.set(None);
                            }
                            None if *tool == Tool::Connect || key == "Enter" => source.set(Some(name.clone())),
                            None => {}
                        }
                    }
                    "Escape" => source.set(None),
                    _ => {}
                }
            })
        }
    };
    let select_path = {
        let (selected, moderator) = (selected.clone(), moderator.clone());
        move |from: String, to: String| {
            let (selected, moderator) = (selected.clone(), moderator.clone());
            Callback::from(move |_: MouseEvent| {
                selected.set(Some((from.clone(), to.clone())));
                moderator.set(String::new());
            })
        }
    };
    let key_path = {
        let (on, selected, moderator) = (p.on.clone(), selected.clone(), moderator.clone());
        move |from: String, to: String| {
            let (on, selected, moderator) = (on.clone(), selected.clone(), moderator.clone());
            Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                "Delete" | "Backspace" => {
                    e.prevent_default();
                    on.emit(Action::RemovePath { from: from.clone(), to: to.clone() });
                    selected.set(None);
                }
                "Enter" | " " => {
                    e.prevent_default();
                    selected.set(Some((from.clone(), to.clone())));
                    moderator.set(String::new());
                }
                _ => {}
            })
        }
    };
    let set_tool = |v: Tool| {
        let (tool, source) = (tool.clone(), source.clone());
        Callback::from(move |_: Event| {
            tool.set(v);
            source.set(None);
        })
    };
    let reset = p.on.reform(|_: MouseEvent| Action::ResetLayout);
    // the selected path, if it is still in the model
    let chosen = (*selected).clone().filter(|(f, to)| c.links.iter().any(|k| matches!(k, Link::Path { from, to: t } if from == f && t == to)));
    let carrying = match &*drag {
        Some(Drag::Item { item, at }) => Some((item.clone(), *at)),
        _ => None,
    };
    html! {
        <div id="canvas" class={classes!("canvas", carrying.is_some().then_some("carrying"))} role="group" aria-label={t(l, Key::Canvas)}
            onpointermove={on_move} onpointerup={on_up} onpointercancel={on_cancel}>
            <div class="row canvas-tools">
                <strong>{ t(l, Key::Canvas) }</strong>
                <label class="check"><input type="radio" name="canvas-tool" id="tool-move" checked={*tool == Tool::Move} onchange={set_tool(Tool::Move)} />{ t(l, Key::ToolMove) }</label>
                <label class="check"><input type="radio" name="canvas-tool" id="tool-connect" checked={*tool == Tool::Connect} onchange={set_tool(Tool::Connect)} />{ t(l, Key::ToolConnect) }</label>
                <button id="auto-layout" type="button" class="small secondary" disabled={p.moves.is_empty()} onclick={reset}>{ t(l, Key::AutoLayout) }</button>
            </div>
            <p class="muted small-print">{ t(l, Key::CanvasHelp) }</p>
            if let Some(from) = &*source {
                <p id="canvas-source" class="note" role="status">{ format!("{} {from}: {}", t(l, Key::PathFrom), t(l, Key::PathFromHint)) }</p>
            }
            if !unused.is_empty() {
                <div id="canvas-columns" class="canvas-columns">
                    <span class="muted">{ t(l, Key::UnusedColumns) }{ ":" }</span>
                    { for unused.iter().map(|col| html! {
                        <span class="chip" data-column={col.clone()} onpointerdown={start_item(col.clone())}>{ col }</span>
                    }) }
                </div>
            }
            <div class="canvas-scroll">
                <svg ref={svg} id="model-canvas" xmlns="http://www.w3.org/2000/svg" width={f(lay.width)} height={f(lay.height)}
                    viewBox={format!("0 0 {} {}", f(lay.width), f(lay.height))}>
                    <defs>
                        <marker id="canvas-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" fill="#333333" />
                        </marker>
                    </defs>
                    { indicators(&c, &lay, &start_item) }
                    { for lay.paths.iter().map(|a| {
                        let d = path_data(&a.shape);
                        match &c.links[a.edge] {
                            Link::Dimension => html! {
                                <path class="canvas-dimension" d={d} fill="none" stroke="#777777" stroke-width="1.2" stroke-dasharray="2,3" marker-end="url(#canvas-arrow)" />
                            },
                            Link::Path { from, to } => {
                                let on_sel = chosen.as_ref().is_some_and(|(f, tt)| f == from && tt == to);
                                let dashed = c.spec.nodes[c.spec.edges[a.edge].from].interaction;
                                html! {
                                    <g class={classes!("canvas-path", on_sel.then_some("selected"))} data-from={from.clone()} data-to={to.clone()} tabindex="0" role="button"
                                        aria-label={format!("{from} → {to}")} onclick={select_path(from.clone(), to.clone())} onkeydown={key_path(from.clone(), to.clone())}>
                                        <path class="hit" d={d.clone()} fill="none" stroke="transparent" stroke-width="12" />
                                        <path class="line" d={d} fill="none" stroke={if on_sel { "#c55a11" } else { "#333333" }} stroke-width={if on_sel { "2.5" } else { "1.5" }}
                                            stroke-dasharray={dashed.then_some("6,4")} marker-end="url(#canvas-arrow)" />
                                    </g>
                                }
                            }
                        }
                    }) }
                    { for c.spec.nodes.iter().zip(&lay.constructs).map(|(nd, b)| {
                        let e = &b.ellipse;
                        let from_here = source.as_deref() == Some(nd.name.as_str());
                        let label = if nd.interaction { format!("{} ({})", nd.name, t(l, Key::InteractionTerm)) } else { nd.name.clone() };
                        html! {
                            <g class={classes!("canvas-construct", from_here.then_some("source"))} data-construct={nd.name.clone()} tabindex="0" role="button" aria-label={label}
                                onpointerdown={start_construct(nd.name.clone())} onkeydown={key_construct(nd.name.clone())}>
                                <ellipse cx={f(e.cx)} cy={f(e.cy)} rx={f(e.rx)} ry={f(e.ry)}
                                    fill={if nd.interaction { "#ffffff" } else { "#e8f0fa" }} stroke={if from_here { "#c55a11" } else { "#1f4e79" }}
                                    stroke-width={if from_here { "2.5" } else { "1.5" }} stroke-dasharray={nd.interaction.then_some("6,4")} />
                                <text x={f(e.cx)} y={f(e.cy + 4.5)} font-size="13" font-weight="bold" text-anchor="middle">{ &nd.name }</text>
                            </g>
                        }
                    }) }
                    if let Some((item, (x, y))) = &carrying {
                        <text class="carried" x={f(x + 10.0)} y={f(y + 16.0)} font-size="12" fill="#c55a11" font-weight="bold" pointer-events="none">{ item }</text>
                    }
                    if let Some(Drag::Connect { from, at }) = &*drag {
                        if let Some(b) = c.spec.nodes.iter().position(|n| n.name == *from).map(|j| &lay.constructs[j]) {
                            <line class="rubber-band" x1={f(b.ellipse.cx)} y1={f(b.ellipse.cy)} x2={f(at.0)} y2={f(at.1)}
                                stroke="#c55a11" stroke-width="2" stroke-dasharray="4,3" pointer-events="none" />
                        }
                    }
                </svg>
            </div>
            if let Some((from, to)) = chosen {
                { selection(l, &c, &from, &to, &p.on, &selected, &moderator) }
            }
        </div>
    }
}

/// The indicator boxes, each of which can be carried to another construct.
fn indicators(c: &Canvas, lay: &Layout, start_item: &impl Fn(String) -> Callback<PointerEvent>) -> Html {
    html! {
        { for lay.indicators.iter().map(|b| {
            let item = c.spec.nodes[b.node].items[b.item].0.clone();
            let [p, q] = b.link;
            let r = &b.rect;
            let stem = b.stem.filter(|_| b.side == Side::Below).map(|[s0, s1, s2]| format!("{},{} {},{} {},{}", f(s0.x), f(s0.y), f(s1.x), f(s1.y), f(s2.x), f(s2.y)));
            html! {
                <g class="canvas-item" data-item={item.clone()} onpointerdown={start_item(item.clone())}>
                    if let Some(points) = stem {
                        <polyline points={points} fill="none" stroke="#999999" />
                    }
                    <line x1={f(p.x)} y1={f(p.y)} x2={f(q.x)} y2={f(q.y)} stroke="#999999" />
                    <rect x={f(r.x)} y={f(r.y)} width={f(r.w)} height={f(IND_H)} fill="#f4f4f4" stroke="#666666" />
                    <text x={f(r.x + r.w / 2.0)} y={f(r.y + 13.0)} font-size="11" text-anchor="middle">{ item }</text>
                </g>
            }
        }) }
    }
}

/// What can be done with the selected path: remove it, or moderate it.
fn selection(l: Lang, c: &Canvas, from: &str, to: &str, on: &Callback<Action>, selected: &UseStateHandle<Option<(String, String)>>, moderator: &UseStateHandle<String>) -> Html {
    let remove = {
        let (on, selected, from, to) = (on.clone(), selected.clone(), from.to_string(), to.to_string());
        Callback::from(move |_: MouseEvent| {
            on.emit(Action::RemovePath { from: from.clone(), to: to.clone() });
            selected.set(None);
        })
    };
    let options = if c.spec.nodes.iter().any(|n| n.name == from && n.interaction) { Vec::new() } else { moderators(c, from, to) };
    let pick = {
        let moderator = moderator.clone();
        Callback::from(move |e: Event| moderator.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let action = moderate(c, from, to, moderator);
    let add = {
        let (on, selected) = (on.clone(), selected.clone());
        let action = action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = action.clone() {
                on.emit(a);
                selected.set(None);
            }
        })
    };
    html! {
        <div id="canvas-selection" class="row form" role="group" aria-label={t(l, Key::SelectedPath)}>
            <strong>{ format!("{}: {from} → {to}", t(l, Key::SelectedPath)) }</strong>
            <button id="canvas-remove-path" type="button" class="small secondary" onclick={remove}>{ t(l, Key::RemovePath) }</button>
            if !options.is_empty() {
                <label>{ t(l, Key::Moderator) }{ " " }
                    <select id="canvas-moderator" onchange={pick}>
                        <option value="" selected={moderator.is_empty()}>{ "—" }</option>
                        { for options.iter().map(|m| html! { <option value={m.clone()} selected={**moderator == *m}>{ m }</option> }) }
                    </select>
                </label>
                <button id="canvas-add-moderator" type="button" class="small secondary" disabled={action.is_none()} onclick={add}>{ t(l, Key::AddModerator) }</button>
            }
        </div>
    }
}
