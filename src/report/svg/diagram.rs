//! The path diagram as SVG: what [`layout`] placed, written out. The words
//! and numbers come from the result in the figure's language; every name
//! is escaped.

use super::layout::{layout, layout_moved, ConstructBox, EdgeSpec, IndicatorBox, InteractionSpec, Layout, NodeSpec, PathArrow, Shape, Side, Spec, IND_H, MARGIN};
use super::{esc, f, header, num3};
use crate::engine::result::{AnalysisResult, Num};
use crate::report::thresholds::STARS;
use crate::report::Lang;
use std::collections::HashMap;
use std::fmt::Write;

/// Significance stars of a p-value (see [`STARS`]).
fn stars(p: Num) -> &'static str {
    p.and_then(|p| STARS.iter().find(|(level, _)| p < *level)).map_or("", |(_, s)| s)
}

/// What the diagram shows, from the result: constructs with their
/// indicators' loadings (weights for Mode B) and R², paths with their
/// coefficients (and stars after a bootstrap), interaction terms.
pub fn spec(r: &AnalysisResult, lang: Lang) -> Spec {
    let boot = r.bootstrap.is_some();
    let shown = shown_constructs(r);
    let nodes = shown
        .iter()
        .map(|c| {
            let weights = c.mode == crate::model::Mode::B;
            let src = if weights { &r.outer_weights } else { &r.outer_loadings };
            let items = if c.interaction {
                Vec::new()
            } else {
                c.indicators.iter().map(|i| (i.clone(), num3(src.get(&c.name).and_then(|m| m.get(i)).copied().flatten(), lang))).collect()
            };
            let r2 = r.r_squared.get(&c.name).map(|x| format!("R² = {}", num3(x.r2, lang)));
            NodeSpec { name: c.name.clone(), interaction: c.interaction, weights, items, r2 }
        })
        .collect();
    let idx: HashMap<&str, usize> = shown.iter().enumerate().map(|(i, c)| (c.name.as_str(), i)).collect();
    let edges = r
        .path_coefficients
        .iter()
        .filter_map(|p| {
            let label = format!("{}{}", num3(p.estimate, lang), if boot { stars(p.p) } else { "" });
            Some(EdgeSpec { from: *idx.get(p.from.as_str())?, to: *idx.get(p.to.as_str())?, label })
        })
        .collect();
    let interactions = r
        .model
        .interactions
        .iter()
        .filter_map(|ri| {
            let name = ri.name();
            Some(InteractionSpec { term: *idx.get(name.as_str())?, iv: *idx.get(ri.iv.as_str())?, moderator: *idx.get(ri.moderator.as_str())? })
        })
        .collect();
    Spec { nodes, edges, interactions }
}

/// The constructs drawn: all but the dimensions of higher-order constructs
/// estimated in two stages, which are drawn as their HOC's indicators
/// (boxes with their loadings on the HOC).
fn shown_constructs(r: &AnalysisResult) -> Vec<&crate::engine::result::ConstructInfo> {
    let dims: Vec<&str> = match &r.hoc {
        Some(h) if h.method != crate::engine::settings::HocMethod::Repeated => {
            h.constructs.iter().flat_map(|c| c.dimensions.iter().map(String::as_str)).collect()
        }
        _ => Vec::new(),
    };
    r.constructs.iter().filter(|c| !dims.contains(&c.name.as_str())).collect()
}

/// Path diagram: constructs (ellipses, interaction terms dashed), indicators
/// with loadings (weights for Mode B), structural paths with coefficients
/// and significance stars (*** p < .001, ** p < .01, * p < .05; none without
/// bootstrap). Constructs are layered by the longest structural path from a
/// source (exogenous constructs on the left); see [`layout`].
pub fn path_diagram(r: &AnalysisResult, lang: Lang) -> String {
    let spec = spec(r, lang);
    draw(&spec, &layout(&spec), r.bootstrap.is_some(), lang)
}

/// Constructs moved by hand on the page's model canvas: offset from the
/// automatic layout's place, by construct name.
pub type Moves = std::collections::BTreeMap<String, (f64, f64)>;

/// [`path_diagram`] with constructs moved by hand (names not drawn are
/// ignored), so the figure keeps the arrangement the user made.
pub fn path_diagram_moved(r: &AnalysisResult, lang: Lang, moves: &Moves) -> String {
    let spec = spec(r, lang);
    let offsets = offsets(&spec, moves);
    draw(&spec, &layout_moved(&spec, &offsets), r.bootstrap.is_some(), lang)
}

/// Each node's offset in `moves` (none: not moved).
pub fn offsets(spec: &Spec, moves: &Moves) -> Vec<(f64, f64)> {
    spec.nodes.iter().map(|n| moves.get(&n.name).copied().unwrap_or((0.0, 0.0))).collect()
}

/// The constructs that mediate: a path into them from a construct (not an
/// interaction term) and a path out of them, so that they lie on an
/// indirect route.
pub fn mediators(spec: &Spec) -> Vec<bool> {
    (0..spec.nodes.len())
        .map(|i| {
            let into = spec.edges.iter().any(|e| e.to == i && !spec.nodes[e.from].interaction);
            !spec.nodes[i].interaction && into && spec.edges.iter().any(|e| e.from == i)
        })
        .collect()
}

/// The legend under the title: what the numbers are, the star levels, and
/// how mediators are marked (when there are any).
fn legend(boot: bool, mediators: bool, lang: Lang) -> String {
    let mark = match (mediators, lang) {
        (false, _) => "",
        (true, Lang::En) => "; orange outline: mediator",
        (true, Lang::Id) => "; garis tepi jingga: mediator",
    };
    format!("{}{mark}", legend_numbers(boot, lang))
}

fn legend_numbers(boot: bool, lang: Lang) -> String {
    let levels = STARS.iter().map(|(level, s)| format!("{s} p &lt; {}", crate::report::thresholds::p_level(*level, lang))).collect::<Vec<_>>().join(", ");
    match (boot, lang) {
        (true, Lang::En) => format!("Paths: coefficient ({levels}); indicators: loadings (weights for Mode B)"),
        (false, Lang::En) => "Paths: coefficient (no bootstrap, no p-values); indicators: loadings (weights for Mode B)".into(),
        (true, Lang::Id) => format!("Jalur: koefisien ({levels}); indikator: muatan (bobot untuk Mode B)"),
        (false, Lang::Id) => "Jalur: koefisien (tanpa bootstrap, tanpa nilai p); indikator: muatan (bobot untuk Mode B)".into(),
    }
}

/// The SVG document of a laid-out diagram: indicators first, then paths,
/// constructs over them and the path labels on top.
pub fn draw(spec: &Spec, l: &Layout, boot: bool, lang: Lang) -> String {
    let mut o = String::new();
    let title = if lang == Lang::En { "PLS path model" } else { "Model jalur PLS" };
    header(&mut o, l.width, l.height, title);
    o.push_str(
        "<defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker>\
<marker id=\"arrowhead-small\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777777\"/></marker></defs>\n",
    );
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{}</text>", f(MARGIN), f(MARGIN + 4.0), title);
    let mediating = mediators(spec);
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555555\">{}</text>", f(MARGIN), f(MARGIN + 20.0), legend(boot, mediating.contains(&true), lang));
    for b in &l.indicators {
        let (item, label) = &spec.nodes[b.node].items[b.item];
        draw_indicator(&mut o, b, item, label);
    }
    let mut labels = String::new();
    for p in &l.paths {
        draw_path(&mut o, &mut labels, spec, p);
    }
    for ((nd, c), &m) in spec.nodes.iter().zip(&l.constructs).zip(&mediating) {
        draw_construct(&mut o, nd, c, m, lang);
    }
    o.push_str(&labels);
    o.push_str("</svg>\n");
    o
}

/// An indicator: its link to the construct (the measurement direction is
/// not drawn), its box with the name, and its loading.
fn draw_indicator(o: &mut String, b: &IndicatorBox, item: &str, label: &str) {
    let [p, q] = b.link;
    if b.side == Side::Below {
        if let Some([s0, s1, s2]) = b.stem {
            let _ = writeln!(
                o,
                "<polyline class=\"indicator-link\" points=\"{},{} {},{} {},{}\" fill=\"none\" stroke=\"#999999\"/>",
                f(s0.x),
                f(s0.y),
                f(s1.x),
                f(s1.y),
                f(s2.x),
                f(s2.y)
            );
        }
        let _ = writeln!(o, "<line class=\"indicator-link\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\"/>", f(p.x), f(p.y), f(q.x), f(q.y));
    } else {
        let _ = writeln!(o, "<line class=\"indicator-link\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\" stroke-width=\"1\"/>", f(p.x), f(p.y), f(q.x), f(q.y));
    }
    let r = &b.rect;
    let _ = writeln!(o, "<rect class=\"indicator\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\" stroke=\"#666666\"/>", f(r.x), f(r.y), f(r.w), f(IND_H));
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>", f(r.x + r.w / 2.0), f(r.y + 13.0), esc(item));
    let (x, y, label) = (f(b.label.x), f(b.label.y), esc(label));
    let _ = match b.side {
        Side::Below => writeln!(o, "<text x=\"{x}\" y=\"{y}\" font-size=\"10\" fill=\"#444444\">{label}</text>"),
        _ => {
            let anchor = if b.side == Side::Left { "start" } else { "end" };
            writeln!(o, "<text x=\"{x}\" y=\"{y}\" font-size=\"10\" fill=\"#444444\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" text-anchor=\"{anchor}\">{label}</text>")
        }
    };
}

/// A structural path into `o` (dashed from an interaction term) and its
/// label into `labels`, which go on top of everything.
fn draw_path(o: &mut String, labels: &mut String, spec: &Spec, p: &PathArrow) {
    let e = &spec.edges[p.edge];
    let (from, to) = (&spec.nodes[e.from], &spec.nodes[e.to]);
    let d = path_data(&p.shape);
    let dashed = if from.interaction { " stroke-dasharray=\"6,4\"" } else { "" };
    let _ = writeln!(
        o,
        "<path class=\"structural-path\" d=\"{d}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"{dashed} marker-end=\"url(#arrowhead)\"><title>{} → {}</title></path>",
        esc(&from.name),
        esc(&to.name)
    );
    let (r, at) = (p.label_rect(), p.label_at);
    let _ = writeln!(
        labels,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" fill=\"#ffffff\" fill-opacity=\"0.9\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
        f(r.x),
        f(r.y),
        f(r.w),
        f(at.x),
        f(at.y + 4.0),
        esc(&e.label)
    );
}

/// The SVG path data (`d`) of a placed path.
pub fn path_data(shape: &Shape) -> String {
    match *shape {
        Shape::Line { from, to } => format!("M{},{} L{},{}", f(from.x), f(from.y), f(to.x), f(to.y)),
        Shape::Arc { from, control, to } => format!("M{},{} Q{},{} {},{}", f(from.x), f(from.y), f(control.x), f(control.y), f(to.x), f(to.y)),
    }
}

/// A construct: its ellipse (dashed and white for an interaction term, an
/// orange outline for a mediator), its name, R² and, for Mode B, a caption
/// saying the numbers are weights.
fn draw_construct(o: &mut String, nd: &NodeSpec, c: &ConstructBox, mediator: bool, lang: Lang) {
    let e = &c.ellipse;
    let dashed = if nd.interaction { " stroke-dasharray=\"6,4\"" } else { "" };
    let fill = if nd.interaction { "#ffffff" } else { "#e8f0fa" };
    let (stroke, width, role) = if mediator { ("#c55a11", "2.5", " data-role=\"mediator\"") } else { ("#1f4e79", "1.5", "") };
    let _ = writeln!(
        o,
        "<ellipse class=\"construct\"{role} cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dashed}/>",
        f(e.cx),
        f(e.cy),
        f(e.rx),
        f(e.ry)
    );
    let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>", f(e.cx), f(c.name_y), esc(&nd.name));
    if let (Some(r2), Some(y)) = (&nd.r2, c.r2_y) {
        let _ = writeln!(o, "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>", f(e.cx), f(y), esc(r2));
    }
    if let Some(y) = c.caption_y {
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#555555\" text-anchor=\"middle\">{}</text>",
            f(e.cx),
            f(y),
            if lang == Lang::En { "Mode B (weights)" } else { "Mode B (bobot)" }
        );
    }
}
