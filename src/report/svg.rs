//! Standalone SVG figures of a result: the path diagram and the simple-slope
//! plot. Pure layout: every number shown comes from [`AnalysisResult`]; the
//! slope lines are drawn as y = intercept + slope·x from the stored values.
//!
//! Output is a complete SVG document without scripts or external resources.
//! Every user-provided string (construct and indicator names come from the
//! CSV header) is escaped with [`esc`].
//!
//! Titles, legends and axis labels are in the figure's [`Lang`]; numbers
//! use the decimal comma in Indonesian.

use super::Lang;
use crate::engine::result::{AnalysisResult, Num, SimpleSlopes};
use std::collections::HashMap;
use std::fmt::Write;

/// Escape text for XML content and attribute values (SVG, the results
/// workbook); control characters, which XML 1.0 does not allow, are dropped.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 => {}
            _ => o.push(c),
        }
    }
    o
}

const FONT: &str = "sans-serif";
/// Rough width of a character at font size 12 (layout only).
const CHAR_W: f64 = 7.0;

fn text_w(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * CHAR_W * size / 12.0
}

pub(super) fn f(x: f64) -> String {
    // Compact coordinates.
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn num3(v: Num, lang: Lang) -> String {
    super::fmt3_in(v, lang)
}

fn stars(p: Num) -> &'static str {
    match p {
        Some(p) if p < 0.001 => "***",
        Some(p) if p < 0.01 => "**",
        Some(p) if p < 0.05 => "*",
        _ => "",
    }
}

pub(super) fn header(out: &mut String, w: f64, h: f64, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">\n<title>{t}</title>\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
        w = f(w),
        h = f(h),
        t = esc(title)
    );
}

/// Where a construct's indicators go.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
    Below,
    None,
}

struct Node {
    name: String,
    interaction: bool,
    /// (indicator, loading or weight)
    items: Vec<(String, Num)>,
    weights: bool,
    r2: Option<Num>,
    layer: usize,
    rx: f64,
    ry: f64,
    side: Side,
    cx: f64,
    cy: f64,
}

const IND_H: f64 = 18.0;
const IND_STEP: f64 = 24.0;
/// Horizontal room between an indicator column and its ellipse.
const IND_GAP: f64 = 70.0;
/// Horizontal room between layers (arrows and their labels).
const LAYER_GAP: f64 = 190.0;
const NODE_VGAP: f64 = 40.0;
const MARGIN: f64 = 30.0;
const TITLE_H: f64 = 40.0;

/// Height of the arc of a path spanning `span` layers (0 for neighbours).
fn arc_lift(span: usize) -> f64 {
    if span > 1 {
        30.0 + 28.0 * (span - 2) as f64
    } else {
        0.0
    }
}

/// Path diagram: constructs (ellipses, interaction terms dashed), indicators
/// with loadings (weights for Mode B), structural paths with coefficients
/// and significance stars (*** p < .001, ** p < .01, * p < .05; none without
/// bootstrap). Constructs are layered by the longest structural path from a
/// source (exogenous constructs on the left).
pub fn path_diagram(r: &AnalysisResult, lang: Lang) -> String {
    let en = lang == Lang::En;
    let boot = r.bootstrap.is_some();
    let mut nodes: Vec<Node> = r
        .constructs
        .iter()
        .map(|c| {
            let weights = c.mode == crate::model::Mode::B;
            let src = if weights {
                &r.outer_weights
            } else {
                &r.outer_loadings
            };
            let items = if c.interaction {
                Vec::new()
            } else {
                c.indicators
                    .iter()
                    .map(|i| {
                        (
                            i.clone(),
                            src.get(&c.name).and_then(|m| m.get(i)).copied().flatten(),
                        )
                    })
                    .collect()
            };
            Node {
                name: c.name.clone(),
                interaction: c.interaction,
                items,
                weights,
                r2: r.r_squared.get(&c.name).map(|x| x.r2),
                layer: 0,
                rx: 0.0,
                ry: 0.0,
                side: Side::None,
                cx: 0.0,
                cy: 0.0,
            }
        })
        .collect();
    let idx: HashMap<&str, usize> = r
        .constructs
        .iter()
        .enumerate()
        .map(|(i, c)| (c.name.as_str(), i))
        .collect();
    let edges: Vec<(usize, usize, usize)> = r
        .path_coefficients
        .iter()
        .enumerate()
        .filter_map(|(k, p)| Some((*idx.get(p.from.as_str())?, *idx.get(p.to.as_str())?, k)))
        .collect();

    // Longest path from a source (bounded so a cycle cannot loop forever).
    let n = nodes.len();
    let mut depth = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for &(a, b, _) in &edges {
            if a != b && depth[b] < depth[a] + 1 && depth[a] + 1 < n.max(1) {
                depth[b] = depth[a] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // An interaction term sits in the layer of its components, left of its dependent.
    for ri in &r.model.interactions {
        let name = ri.name();
        let (Some(&k), Some(&a), Some(&b)) = (
            idx.get(name.as_str()),
            idx.get(ri.iv.as_str()),
            idx.get(ri.moderator.as_str()),
        ) else {
            continue;
        };
        let mut d = depth[a].max(depth[b]);
        for &(from, to, _) in &edges {
            if from == k {
                d = d.min(depth[to].saturating_sub(1));
            }
        }
        depth[k] = d;
    }
    let n_layers = depth.iter().copied().max().map_or(0, |d| d + 1);
    let last = n_layers.saturating_sub(1);

    let ind_w = nodes
        .iter()
        .flat_map(|nd| nd.items.iter())
        .map(|(i, _)| text_w(i, 11.0) + 12.0)
        .fold(44.0, f64::max);
    let load_w = 46.0;

    for (j, nd) in nodes.iter_mut().enumerate() {
        nd.layer = depth[j];
        let mut w = text_w(&nd.name, 13.0) * 1.2;
        if let Some(r2) = nd.r2 {
            w = w.max(text_w(&format!("R² = {}", num3(r2, lang)), 11.0));
        }
        nd.rx = (w / 2.0 + 18.0).max(48.0);
        nd.ry = if nd.r2.is_some() { 28.0 } else { 22.0 };
        nd.side = if nd.items.is_empty() {
            Side::None
        } else if nd.layer == 0 {
            Side::Left
        } else if nd.layer == last {
            Side::Right
        } else {
            Side::Below
        };
    }

    // Order within a layer: model order first, then by the mean position of
    // predecessors (fewer crossings).
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); n_layers];
    for (j, nd) in nodes.iter().enumerate() {
        layers[nd.layer].push(j);
    }
    let mut pos = vec![0.0f64; n];
    for (l, layer) in layers.iter_mut().enumerate() {
        if l > 0 {
            let key = |j: usize| -> f64 {
                let ps: Vec<f64> = edges
                    .iter()
                    .filter(|e| e.1 == j)
                    .map(|e| pos[e.0])
                    .collect();
                if ps.is_empty() {
                    f64::MAX
                } else {
                    ps.iter().sum::<f64>() / ps.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize, usize)> = layer
                .iter()
                .enumerate()
                .map(|(o, &j)| (key(j), o, j))
                .collect();
            keyed.sort_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            });
            *layer = keyed.into_iter().map(|k| k.2).collect();
        }
        let m = layer.len() as f64;
        for (o, &j) in layer.iter().enumerate() {
            pos[j] = (o as f64 + 0.5) / m;
        }
    }

    // Slot heights and layer widths.
    let slot_h = |nd: &Node| -> f64 {
        let stack = nd.items.len() as f64 * IND_STEP;
        match nd.side {
            Side::Left | Side::Right => (2.0 * nd.ry).max(stack),
            Side::Below => 2.0 * nd.ry + 24.0 + stack,
            Side::None => 2.0 * nd.ry,
        }
    };
    let layer_h: Vec<f64> = layers
        .iter()
        .map(|ls| {
            ls.iter().map(|&j| slot_h(&nodes[j])).sum::<f64>()
                + NODE_VGAP * ls.len().saturating_sub(1) as f64
        })
        .collect();
    let body_h = layer_h.iter().copied().fold(0.0, f64::max);
    // Per layer: (room left of the ellipse centres, room right of them).
    let mut x = MARGIN;
    let mut layer_cx = vec![0.0; n_layers];
    let mut width = MARGIN;
    for l in 0..n_layers {
        let mut left: f64 = 0.0;
        let mut right: f64 = 0.0;
        for &j in &layers[l] {
            let nd = &nodes[j];
            let (a, b) = match nd.side {
                Side::Left => (nd.rx + IND_GAP + ind_w, nd.rx),
                Side::Right => (nd.rx, nd.rx + IND_GAP + ind_w),
                Side::Below => (
                    (nd.rx).max(ind_w / 2.0 + 14.0),
                    nd.rx.max(ind_w / 2.0 + load_w + 4.0),
                ),
                Side::None => (nd.rx, nd.rx),
            };
            left = left.max(a);
            right = right.max(b);
        }
        layer_cx[l] = x + left;
        x += left + right + LAYER_GAP;
        width = x - LAYER_GAP + MARGIN;
    }
    // Arcs of equal span are stacked a little apart so their labels do not meet.
    let mut lifts = Vec::with_capacity(edges.len());
    let mut same_span: HashMap<usize, usize> = HashMap::new();
    for &(a, b, _) in &edges {
        let span = depth[b].saturating_sub(depth[a]);
        let k = same_span.entry(span).or_insert(0);
        lifts.push(if span > 1 {
            arc_lift(span) + 16.0 * *k as f64
        } else {
            0.0
        });
        *k += usize::from(span > 1);
    }
    let arc_room = lifts.iter().copied().fold(0.0, f64::max)
        + if lifts.iter().any(|&l| l > 0.0) {
            40.0
        } else {
            0.0
        };
    let height = TITLE_H + arc_room + body_h + 2.0 * MARGIN;
    let width = width.max(320.0);

    for l in 0..n_layers {
        let mut y = TITLE_H + arc_room + MARGIN + (body_h - layer_h[l]) / 2.0;
        for &j in &layers[l] {
            let h = slot_h(&nodes[j]);
            let nd = &mut nodes[j];
            nd.cx = layer_cx[l];
            nd.cy = if nd.side == Side::Below {
                y + nd.ry
            } else {
                y + h / 2.0
            };
            y += h + NODE_VGAP;
        }
    }

    let mut o = String::new();
    let title = if en { "PLS path model" } else { "Model jalur PLS" };
    header(&mut o, width, height, title);
    o.push_str(
        "<defs><marker id=\"arrowhead\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333333\"/></marker>\
<marker id=\"arrowhead-small\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777777\"/></marker></defs>\n",
    );
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{}</text>",
        f(MARGIN),
        f(MARGIN + 4.0),
        title
    );
    let legend = match (boot, en) {
        (true, true) => "Paths: coefficient (*** p &lt; .001, ** p &lt; .01, * p &lt; .05); indicators: loadings (weights for Mode B)",
        (false, true) => "Paths: coefficient (no bootstrap, no p-values); indicators: loadings (weights for Mode B)",
        (true, false) => "Jalur: koefisien (*** p &lt; 0,001, ** p &lt; 0,01, * p &lt; 0,05); indikator: muatan (bobot untuk Mode B)",
        (false, false) => "Jalur: koefisien (tanpa bootstrap, tanpa nilai p); indikator: muatan (bobot untuk Mode B)",
    };
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#555555\">{}</text>",
        f(MARGIN),
        f(MARGIN + 20.0),
        legend
    );

    // Indicators.
    for nd in &nodes {
        let k = nd.items.len() as f64;
        for (a, (item, v)) in nd.items.iter().enumerate() {
            let label = num3(*v, lang);
            match nd.side {
                Side::Left | Side::Right => {
                    let by =
                        nd.cy - k * IND_STEP / 2.0 + a as f64 * IND_STEP + (IND_STEP - IND_H) / 2.0;
                    let (bx, lx0, ex) = if nd.side == Side::Left {
                        let bx = nd.cx - nd.rx - IND_GAP - ind_w;
                        (bx, bx + ind_w, nd.cx - nd.rx)
                    } else {
                        let bx = nd.cx + nd.rx + IND_GAP;
                        (bx, bx, nd.cx + nd.rx)
                    };
                    let ly = by + IND_H / 2.0;
                    // Line from the box to the ellipse (measurement direction is not drawn).
                    let ey = nd.cy + (ly - nd.cy) * 0.25;
                    let _ = writeln!(
                        o,
                        "<line class=\"indicator-link\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\" stroke-width=\"1\"/>",
                        f(lx0),
                        f(ly),
                        f(ex),
                        f(ey)
                    );
                    indicator_box(&mut o, bx, by, ind_w, item);
                    // Label just beside the box, above the line.
                    let (tx, anchor) = if nd.side == Side::Left {
                        (lx0 + 4.0, "start")
                    } else {
                        (lx0 - 4.0, "end")
                    };
                    let t = 12.0 / (ex - lx0).abs().max(1.0);
                    let tyy = ly + (ey - ly) * t - 3.0;
                    let _ = writeln!(
                        o,
                        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#444444\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" text-anchor=\"{anchor}\">{}</text>",
                        f(tx),
                        f(tyy),
                        label
                    );
                }
                Side::Below => {
                    let top = nd.cy + nd.ry + 24.0;
                    let bx = nd.cx - ind_w / 2.0;
                    let by = top + a as f64 * IND_STEP;
                    let stem_x = bx - 10.0;
                    if a == 0 {
                        let _ = writeln!(
                            o,
                            "<polyline class=\"indicator-link\" points=\"{},{} {},{} {},{}\" fill=\"none\" stroke=\"#999999\"/>",
                            f(nd.cx),
                            f(nd.cy + nd.ry),
                            f(stem_x),
                            f(top - 8.0),
                            f(stem_x),
                            f(top + (k - 1.0) * IND_STEP + IND_H / 2.0)
                        );
                    }
                    let _ = writeln!(
                        o,
                        "<line class=\"indicator-link\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999999\"/>",
                        f(stem_x),
                        f(by + IND_H / 2.0),
                        f(bx),
                        f(by + IND_H / 2.0)
                    );
                    indicator_box(&mut o, bx, by, ind_w, item);
                    let _ = writeln!(
                        o,
                        "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#444444\">{}</text>",
                        f(bx + ind_w + 4.0),
                        f(by + 13.0),
                        label
                    );
                }
                Side::None => {}
            }
        }
    }

    // Structural paths (drawn before ellipses' labels so text stays on top).
    let boundary = |nd: &Node, dx: f64, dy: f64| -> (f64, f64) {
        let t = 1.0
            / ((dx / nd.rx).powi(2) + (dy / nd.ry).powi(2))
                .sqrt()
                .max(1e-9);
        (nd.cx + dx * t, nd.cy + dy * t)
    };
    let mut labels = String::new();
    for (e, &(a, b, k)) in edges.iter().enumerate() {
        let p = &r.path_coefficients[k];
        let (s, t) = (&nodes[a], &nodes[b]);
        let (dx, dy) = (t.cx - s.cx, t.cy - s.cy);
        let (x1, y1) = boundary(s, dx, dy);
        let (x2, y2) = boundary(t, -dx, -dy);
        let dashed = if s.interaction {
            " stroke-dasharray=\"6,4\""
        } else {
            ""
        };
        let span = t.layer.saturating_sub(s.layer);
        // Paths that skip a layer arc over the constructs in between.
        let (d, lx, ly) = if span > 1 {
            let (cx0, cy0) = (s.cx, s.cy - s.ry);
            let (cx1, cy1) = (t.cx, t.cy - t.ry);
            // Clear the tops of everything in the layers between.
            let top = nodes
                .iter()
                .filter(|m| m.layer >= s.layer && m.layer <= t.layer)
                .map(|m| m.cy - m.ry)
                .fold(cy0.min(cy1), f64::min);
            let (qx, qy) = (
                (cx0 + cx1) / 2.0,
                2.0 * (top - lifts[e]) - (cy0 + cy1) / 2.0,
            );
            let at = |u: f64| {
                let v = 1.0 - u;
                (
                    v * v * cx0 + 2.0 * v * u * qx + u * u * cx1,
                    v * v * cy0 + 2.0 * v * u * qy + u * u * cy1,
                )
            };
            let (lx, ly) = at(0.5);
            (
                format!(
                    "M{},{} Q{},{} {},{}",
                    f(cx0),
                    f(cy0),
                    f(qx),
                    f(qy),
                    f(cx1),
                    f(cy1)
                ),
                lx,
                ly,
            )
        } else {
            // Labels sit 40 % along the arrow.
            (
                format!("M{},{} L{},{}", f(x1), f(y1), f(x2), f(y2)),
                x1 + (x2 - x1) * 0.4,
                y1 + (y2 - y1) * 0.4,
            )
        };
        let _ = writeln!(
            o,
            "<path class=\"structural-path\" d=\"{d}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.5\"{dashed} marker-end=\"url(#arrowhead)\"><title>{} → {}</title></path>",
            esc(&p.from),
            esc(&p.to)
        );
        let label = format!("{}{}", num3(p.estimate, lang), if boot { stars(p.p) } else { "" });
        let w = text_w(&label, 11.0) + 6.0;
        let _ = writeln!(
            labels,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" fill=\"#ffffff\" fill-opacity=\"0.9\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
            f(lx - w / 2.0),
            f(ly - 8.0),
            f(w),
            f(lx),
            f(ly + 4.0),
            label
        );
    }

    // Constructs.
    for nd in &nodes {
        let dashed = if nd.interaction {
            " stroke-dasharray=\"6,4\""
        } else {
            ""
        };
        let fill = if nd.interaction { "#ffffff" } else { "#e8f0fa" };
        let _ = writeln!(
            o,
            "<ellipse class=\"construct\" cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"{fill}\" stroke=\"#1f4e79\" stroke-width=\"1.5\"{dashed}/>",
            f(nd.cx),
            f(nd.cy),
            f(nd.rx),
            f(nd.ry)
        );
        let name_y = if nd.r2.is_some() {
            nd.cy - 2.0
        } else {
            nd.cy + 4.5
        };
        let _ = writeln!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
            f(nd.cx),
            f(name_y),
            esc(&nd.name)
        );
        if let Some(r2) = nd.r2 {
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">R² = {}</text>",
                f(nd.cx),
                f(nd.cy + 14.0),
                num3(r2, lang)
            );
        }
        if nd.weights && !nd.items.is_empty() {
            let _ = writeln!(
                o,
                "<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#555555\" text-anchor=\"middle\">{}</text>",
                f(nd.cx),
                f(nd.cy - nd.ry - 4.0),
                if en { "Mode B (weights)" } else { "Mode B (bobot)" }
            );
        }
    }
    o.push_str(&labels);
    o.push_str("</svg>\n");
    o
}

/// "Nice" tick positions covering [lo, hi].
pub(super) fn ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![lo];
    }
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).ceil();
    let mut v = Vec::new();
    let mut i = start;
    while i * step <= hi + step * 1e-9 {
        let t = i * step;
        v.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        i += 1.0;
    }
    v
}

pub(super) fn tick_label(t: f64, step: f64, lang: Lang) -> String {
    let dec = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
            + usize::from(step * 10f64.powi(-step.log10().floor() as i32) % 1.0 > 1e-6)
    };
    let s = super::localize(format!("{t:.dec$}"), lang);
    s.replace('-', "−")
}

fn level_text(level: f64, lang: Lang) -> String {
    let en = lang == Lang::En;
    if level == 0.0 {
        if en { "mean" } else { "rata-rata" }.into()
    } else {
        let s = if level.fract() == 0.0 {
            format!("{}", level.abs() as i64)
        } else {
            super::num_in(level.abs(), lang)
        };
        format!("{}{s} {}", if level < 0.0 { "−" } else { "+" }, if en { "SD" } else { "SB" })
    }
}

/// Simple-slope plot: predicted dependent (standardized) against the
/// independent construct (SD units) at moderator levels −1 SD (dashed),
/// mean (solid) and +1 SD (dotted).
pub fn slope_plot(s: &SimpleSlopes, lang: Lang) -> String {
    let en = lang == Lang::En;
    let (w, h) = (620.0, 420.0);
    let (pl, pr, pt, pb) = (70.0, 170.0, 50.0, 55.0);
    let (x0, x1) = if s.x_max > s.x_min {
        (s.x_min, s.x_max)
    } else {
        (-2.0, 2.0)
    };
    let lines: Vec<(f64, f64, f64)> = s
        .lines
        .iter()
        .filter_map(|l| Some((l.moderator_level, l.slope?, l.intercept?)))
        .filter(|(_, b, a)| b.is_finite() && a.is_finite())
        .collect();
    let mut ylo = f64::INFINITY;
    let mut yhi = f64::NEG_INFINITY;
    for &(_, b, a) in &lines {
        for x in [x0, x1] {
            ylo = ylo.min(a + b * x);
            yhi = yhi.max(a + b * x);
        }
    }
    if !ylo.is_finite() {
        ylo = -1.0;
        yhi = 1.0;
    }
    if yhi - ylo < 0.2 {
        let m = (yhi + ylo) / 2.0;
        ylo = m - 0.1;
        yhi = m + 0.1;
    }
    let pad = (yhi - ylo) * 0.08;
    let yt = ticks(ylo - pad, yhi + pad, 6);
    let ystep = if yt.len() > 1 { yt[1] - yt[0] } else { 1.0 };
    let y0 = (ylo - pad).min(yt[0]).min((ylo / ystep).floor() * ystep);
    let y1 = (yhi + pad)
        .max(*yt.last().unwrap())
        .max((yhi / ystep).ceil() * ystep);
    let yt = ticks(y0, y1, 6);
    let xt = ticks(x0, x1, 6);
    let xstep = if xt.len() > 1 { xt[1] - xt[0] } else { 1.0 };

    let (ax0, ax1, ay0, ay1) = (pl, w - pr, h - pb, pt);
    let px = |x: f64| ax0 + (x - x0) / (x1 - x0) * (ax1 - ax0);
    let py = |y: f64| ay0 + (y - y0) / (y1 - y0) * (ay1 - ay0);

    let title = if en {
        format!("Simple slopes: {} → {} moderated by {}", s.iv, s.dv, s.moderator)
    } else {
        format!("Kemiringan sederhana: {} → {} dimoderasi oleh {}", s.iv, s.dv, s.moderator)
    };
    let mut o = String::new();
    header(&mut o, w, h, &title);
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
        f(w / 2.0),
        esc(&title)
    );
    // Grid and ticks.
    for &t in &yt {
        let y = py(t);
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            f(ax0), f(y), f(ax1), f(y),
            f(ax0 - 5.0), f(y), f(ax0), f(y),
            f(ax0 - 8.0), f(y + 4.0), tick_label(t, ystep, lang)
        );
    }
    for &t in &xt {
        let x = px(t);
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e5e5e5\"/><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333333\"/><text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            f(x), f(ay0), f(x), f(ay1),
            f(x), f(ay0), f(x), f(ay0 + 5.0),
            f(x), f(ay0 + 18.0), tick_label(t, xstep, lang)
        );
    }
    let _ = writeln!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333333\"/>",
        f(ax0),
        f(ay1),
        f(ax1 - ax0),
        f(ay0 - ay1)
    );
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{} ({})</text>",
        f((ax0 + ax1) / 2.0),
        f(h - 14.0),
        esc(&s.iv),
        if en { "SD units" } else { "satuan SB" }
    );
    let _ = writeln!(
        o,
        "<text x=\"0\" y=\"0\" font-size=\"12\" text-anchor=\"middle\" transform=\"translate(18,{}) rotate(-90)\">{} ({})</text>",
        f((ay0 + ay1) / 2.0),
        esc(&s.dv),
        if en { "predicted, standardized" } else { "prediksi, terstandardisasi" }
    );
    // Lines and legend.
    let dash = |level: f64| {
        if level < 0.0 {
            " stroke-dasharray=\"9,5\""
        } else if level > 0.0 {
            " stroke-dasharray=\"2,4\" stroke-linecap=\"round\""
        } else {
            ""
        }
    };
    let lx = ax1 + 16.0;
    for (i, &(level, b, a)) in lines.iter().enumerate() {
        let d = dash(level);
        let slope_text = super::localize(format!("{b:.3}"), lang).replace('-', "−");
        let _ = writeln!(
            o,
            "<line class=\"slope-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e79\" stroke-width=\"2.5\"{d}><title>{} {} {}: {} {}</title></line>",
            f(px(x0)),
            f(py(a + b * x0)),
            f(px(x1)),
            f(py(a + b * x1)),
            esc(&s.moderator),
            if en { "at" } else { "pada" },
            level_text(level, lang),
            if en { "slope" } else { "kemiringan" },
            slope_text
        );
        let ly = ay1 + 14.0 + i as f64 * 40.0;
        let _ = writeln!(
            o,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e79\" stroke-width=\"2.5\"{d}/><text x=\"{}\" y=\"{}\" font-size=\"12\">{} {} {}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555555\">{} = {}</text>",
            f(lx),
            f(ly),
            f(lx + 36.0),
            f(ly),
            f(lx + 44.0),
            f(ly + 4.0),
            esc(&s.moderator),
            if en { "at" } else { "pada" },
            level_text(level, lang),
            f(lx + 44.0),
            f(ly + 18.0),
            if en { "slope" } else { "kemiringan" },
            slope_text
        );
    }
    o.push_str("</svg>\n");
    o
}


/// An indicator: a box at (x, y) with its escaped name centred in it.
fn indicator_box(o: &mut String, x: f64, y: f64, w: f64, item: &str) {
    let _ = writeln!(
        o,
        "<rect class=\"indicator\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f4f4f4\" stroke=\"#666666\"/>",
        f(x),
        f(y),
        f(w),
        f(IND_H)
    );
    let _ = writeln!(
        o,
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
        f(x + w / 2.0),
        f(y + 13.0),
        esc(item)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::settings::Settings;
    use crate::model::{parse_syntax, validate, RawModel};

    fn reference(dir: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/reference")
            .join(dir)
    }

    fn run(dir: &str, raw: &RawModel, bootstrap: usize) -> AnalysisResult {
        let bytes = std::fs::read(reference(dir).join("data.csv")).unwrap();
        let (ds, _) = crate::data::read_csv(&bytes, &Default::default()).unwrap();
        let model = validate(raw, &ds.names).unwrap();
        let settings = Settings {
            bootstrap,
            blindfold_distance: 0,
            ..Settings::smartpls()
        };
        crate::pipeline::analyze(&ds, &model, &settings, &|_| true).unwrap()
    }

    const CRM: &str = "CRM =~ CRM1 + CRM2 + CRM3 + CRM4 + CRM5 + CRM6 + CRM7\nSC =~ SC1 + SC2 + SC3 + SC4 + SC5 + SC6\nBP =~ BP1 + BP2 + BP3 + BP4 + BP5\nBP ~ CRM + SC + CRM:SC";

    fn crm() -> AnalysisResult {
        run("synthetic_crm_sc_bp", &parse_syntax(CRM).unwrap(), 200)
    }

    fn ecsi() -> AnalysisResult {
        let raw: RawModel = serde_json::from_slice(
            &std::fs::read(reference("ecsi_basic").join("model.json")).unwrap(),
        )
        .unwrap();
        run("ecsi_basic", &raw, 0)
    }

    fn count(s: &str, pat: &str) -> usize {
        s.matches(pat).count()
    }

    fn well_formed(svg: &str) {
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert_eq!(count(svg, "<svg"), 1);
        assert_eq!(count(svg, "</svg>"), 1);
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(svg.contains("<title>"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("href"));
        assert!(!svg.contains("style="));
        // Every element closes: opening tags = closing tags + self-closed.
        let opens = svg.matches('<').count() - svg.matches("</").count();
        let closes = svg.matches("</").count() + svg.matches("/>").count();
        assert_eq!(opens, closes, "unbalanced tags");
    }

    fn write_out(name: &str, svg: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/svg");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), svg).unwrap();
    }

    #[test]
    fn escapes_every_special_character() {
        assert_eq!(esc("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
    }

    #[test]
    fn crm_path_diagram_and_slope_plot() {
        let r = crm();
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert_eq!(
            count(&svg, "<ellipse class=\"construct\""),
            r.constructs.len()
        );
        assert_eq!(
            r.constructs.len(),
            4,
            "CRM, SC, BP and the interaction term"
        );
        assert_eq!(
            count(&svg, "<path class=\"structural-path\""),
            r.path_coefficients.len()
        );
        assert_eq!(
            count(&svg, "stroke-dasharray=\"6,4\"/>"),
            1,
            "one dashed ellipse"
        );
        assert_eq!(count(&svg, "<rect class=\"indicator\""), 7 + 6 + 5);
        assert!(svg.contains("R² = "));
        assert!(svg.contains('*'), "bootstrap stars");
        write_out("path_diagram.svg", &svg);

        assert_eq!(r.simple_slopes.len(), 1);
        let s = &r.simple_slopes[0];
        let plot = slope_plot(s, Lang::En);
        well_formed(&plot);
        assert_eq!(count(&plot, "class=\"slope-line\""), 3);
        assert!(plot.contains(&format!(
            "Simple slopes: {} → {} moderated by {}",
            s.iv, s.dv, s.moderator
        )));
        assert!(plot.contains(&format!("{} at −1 SD", s.moderator)));
        assert!(plot.contains(&format!("{} at +1 SD", s.moderator)));
        assert!(plot.contains(&format!("{} at mean", s.moderator)));
        write_out("slope_plot.svg", &plot);
    }

    #[test]
    fn indonesian_figures() {
        let r = crm();
        let svg = path_diagram(&r, Lang::Id);
        well_formed(&svg);
        assert!(svg.contains("Model jalur PLS") && svg.contains("Jalur: koefisien"));
        assert!(svg.contains("R² = 0,"), "decimal comma in R²");
        assert!(!svg.contains("PLS path model") && !svg.contains("Paths:") && !svg.contains("R² = 0."));
        let plot = slope_plot(&r.simple_slopes[0], Lang::Id);
        well_formed(&plot);
        let m = &r.simple_slopes[0].moderator;
        for part in ["Kemiringan sederhana:", "dimoderasi oleh", "satuan SB", "prediksi, terstandardisasi", "kemiringan = "] {
            assert!(plot.contains(part), "{part}");
        }
        assert!(plot.contains(&format!("{m} pada −1 SB")) && plot.contains(&format!("{m} pada rata-rata")));
        for english in ["moderated by", "SD units", "predicted", "slope =", " at "] {
            assert!(!plot.contains(english), "{english}");
        }
        write_out("path_diagram_id.svg", &svg);
        write_out("slope_plot_id.svg", &plot);
    }

    #[test]
    fn mode_b_constructs_show_weights() {
        let mut r = crm();
        r.constructs[0].mode = crate::model::Mode::B;
        let name = r.constructs[0].name.clone();
        let item = r.constructs[0].indicators[0].clone();
        let w = r
            .outer_weights
            .get(&name)
            .unwrap()
            .get(&item)
            .copied()
            .flatten();
        let l = r
            .outer_loadings
            .get(&name)
            .unwrap()
            .get(&item)
            .copied()
            .flatten();
        assert_ne!(crate::report::fmt3(w), crate::report::fmt3(l));
        let svg = path_diagram(&r, Lang::En);
        assert!(svg.contains(&format!(">{}</text>", crate::report::fmt3(w))));
        assert!(!svg.contains(&format!(">{}</text>", crate::report::fmt3(l))));
        assert!(svg.contains("Mode B (weights)"));
    }

    #[test]
    fn ecsi_path_diagram() {
        let r = ecsi();
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert_eq!(count(&svg, "<ellipse class=\"construct\""), 7);
        assert_eq!(
            count(&svg, "<path class=\"structural-path\""),
            r.path_coefficients.len()
        );
        assert!(!svg.contains("***"), "no stars without bootstrap");
        write_out("ecsi_path_diagram.svg", &svg);
    }

    #[test]
    fn user_names_appear_only_escaped() {
        let evil = "<img src=x onerror=alert(1)>";
        let mut r = crm();
        let old_c = r.constructs[0].name.clone();
        let old_i = r.constructs[0].indicators[0].clone();
        let ren = |s: &mut String| {
            if *s == old_c {
                *s = evil.to_string();
            } else if *s == old_i {
                *s = format!("{evil}'\"&");
            }
        };
        for c in &mut r.constructs {
            ren(&mut c.name);
            c.indicators.iter_mut().for_each(&ren);
        }
        for m in [&mut r.outer_loadings, &mut r.outer_weights] {
            for (k, v) in &mut m.0 {
                ren(k);
                for (i, _) in &mut v.0 {
                    ren(i);
                }
            }
        }
        for p in &mut r.path_coefficients {
            ren(&mut p.from);
            ren(&mut p.to);
        }
        let svg = path_diagram(&r, Lang::En);
        well_formed(&svg);
        assert!(!svg.contains("<img"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;&#39;&quot;&amp;"));

        let mut s = r.simple_slopes[0].clone();
        s.iv = evil.into();
        s.moderator = format!("{evil}\"'");
        s.dv = evil.into();
        let plot = slope_plot(&s, Lang::En);
        well_formed(&plot);
        assert!(!plot.contains("<img"));
        assert!(plot.contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39; at −1 SD"));
    }
}
