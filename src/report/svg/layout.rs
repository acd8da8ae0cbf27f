//! Geometry of the path diagram: where every construct, indicator, arrow
//! and label goes. Pure arithmetic on a [`Spec`] (names and the label texts
//! as shown); no SVG here, so the geometry can be tested on its own and the
//! drawing (`svg/diagram.rs`) only writes what this module placed.
//!
//! Constructs are layered by the longest structural path from a source
//! (exogenous constructs on the left); an interaction term sits in the layer
//! of its components, left of its dependent. Within a layer, constructs keep
//! model order in the first layer and are sorted by the mean position of
//! their predecessors after that (fewer crossings). Indicators go left of
//! the first layer, right of the last and below the constructs in between.
//! Paths between neighbouring layers are straight; paths that skip a layer
//! arc over the constructs in between.

use super::text_w;
use std::collections::HashMap;

/// Height of an indicator box.
pub const IND_H: f64 = 18.0;
/// Vertical distance between the tops of two indicator boxes.
pub const IND_STEP: f64 = 24.0;
/// Horizontal room between an indicator column and its ellipse.
const IND_GAP: f64 = 70.0;
/// Horizontal room between layers (arrows and their labels).
const LAYER_GAP: f64 = 190.0;
const NODE_VGAP: f64 = 40.0;
pub const MARGIN: f64 = 30.0;
const TITLE_H: f64 = 40.0;
/// Room right of an indicator box below a construct, for its loading.
const LOAD_W: f64 = 46.0;
/// Height of a path's label box.
pub const LABEL_H: f64 = 15.0;

/// What the layout needs to know about a construct.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSpec {
    pub name: String,
    pub interaction: bool,
    /// Mode B: its indicators carry weights (a caption says so).
    pub weights: bool,
    /// Indicators and the label shown beside each (its loading or weight).
    pub items: Vec<(String, String)>,
    /// The R² line under the name ("R² = 0.401"), for dependent constructs.
    pub r2: Option<String>,
}

/// A structural path: indices into [`Spec::nodes`] and its label
/// (coefficient and stars).
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeSpec {
    pub from: usize,
    pub to: usize,
    pub label: String,
}

/// An interaction term and the two constructs it is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InteractionSpec {
    pub term: usize,
    pub iv: usize,
    pub moderator: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Spec {
    pub nodes: Vec<NodeSpec>,
    pub edges: Vec<EdgeSpec>,
    pub interactions: Vec<InteractionSpec>,
}

/// Where a construct's indicators go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Below,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// An axis-aligned box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The interiors meet (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ellipse {
    pub cx: f64,
    pub cy: f64,
    pub rx: f64,
    pub ry: f64,
}

impl Ellipse {
    pub fn bounds(&self) -> Rect {
        Rect { x: self.cx - self.rx, y: self.cy - self.ry, w: 2.0 * self.rx, h: 2.0 * self.ry }
    }

    /// Where the ray from the centre in direction (dx, dy) leaves the ellipse.
    fn boundary(&self, dx: f64, dy: f64) -> Point {
        let t = 1.0 / ((dx / self.rx).powi(2) + (dy / self.ry).powi(2)).sqrt().max(1e-9);
        pt(self.cx + dx * t, self.cy + dy * t)
    }

    /// ((x − cx)/rx)² + ((y − cy)/ry)²: 1 on the outline, below 1 inside.
    pub fn level(&self, p: Point) -> f64 {
        ((p.x - self.cx) / self.rx).powi(2) + ((p.y - self.cy) / self.ry).powi(2)
    }
}

/// A construct as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstructBox {
    pub ellipse: Ellipse,
    pub layer: usize,
    pub side: Side,
    /// Baseline of the name (centred on `ellipse.cx`).
    pub name_y: f64,
    /// Baseline of the R² line.
    pub r2_y: Option<f64>,
    /// Baseline of the Mode B caption above the ellipse.
    pub caption_y: Option<f64>,
}

/// An indicator as placed, with the line to its construct and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorBox {
    pub node: usize,
    pub item: usize,
    pub side: Side,
    pub rect: Rect,
    /// Below a construct, the first indicator also carries the stem that
    /// runs down from the ellipse past every box.
    pub stem: Option<[Point; 3]>,
    /// From the box to the stem or the ellipse.
    pub link: [Point; 2],
    /// Start of the loading label (text anchored at its start, or at its
    /// end right of the last layer).
    pub label: Point,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Between neighbouring layers: boundary to boundary.
    Line { from: Point, to: Point },
    /// Over the layers between: a quadratic Bézier from the top of one
    /// ellipse to the top of the other.
    Arc { from: Point, control: Point, to: Point },
}

impl Shape {
    pub fn ends(&self) -> (Point, Point) {
        match *self {
            Shape::Line { from, to } | Shape::Arc { from, to, .. } => (from, to),
        }
    }

    /// The point at parameter u ∈ [0, 1].
    pub fn at(&self, u: f64) -> Point {
        match *self {
            Shape::Line { from, to } => pt(from.x + (to.x - from.x) * u, from.y + (to.y - from.y) * u),
            Shape::Arc { from, control, to } => bezier(from, control, to, u),
        }
    }
}

fn bezier(a: Point, q: Point, b: Point, u: f64) -> Point {
    let v = 1.0 - u;
    pt(v * v * a.x + 2.0 * v * u * q.x + u * u * b.x, v * v * a.y + 2.0 * v * u * q.y + u * u * b.y)
}

/// A structural path as placed.
#[derive(Debug, Clone, PartialEq)]
pub struct PathArrow {
    pub edge: usize,
    pub shape: Shape,
    /// Centre of the label.
    pub label_at: Point,
    pub label_w: f64,
}

impl PathArrow {
    /// The white box behind the label.
    pub fn label_rect(&self) -> Rect {
        Rect { x: self.label_at.x - self.label_w / 2.0, y: self.label_at.y - 8.0, w: self.label_w, h: LABEL_H }
    }
}

/// The whole diagram: view box size and everything in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Width of every indicator box.
    pub ind_w: f64,
    pub constructs: Vec<ConstructBox>,
    pub indicators: Vec<IndicatorBox>,
    pub paths: Vec<PathArrow>,
}

/// Layer of each construct: the longest structural path from a source
/// (bounded so a cycle cannot loop forever), an interaction term in the
/// layer of its components, left of its dependent.
fn depths(spec: &Spec) -> Vec<usize> {
    let n = spec.nodes.len();
    let mut depth = vec![0usize; n];
    for _ in 0..n {
        let mut changed = false;
        for e in &spec.edges {
            let (a, b) = (e.from, e.to);
            if a != b && depth[b] < depth[a] + 1 && depth[a] + 1 < n.max(1) {
                depth[b] = depth[a] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for i in &spec.interactions {
        let mut d = depth[i.iv].max(depth[i.moderator]);
        for e in &spec.edges {
            if e.from == i.term {
                d = d.min(depth[e.to].saturating_sub(1));
            }
        }
        depth[i.term] = d;
    }
    depth
}

/// Ellipse radii from the name and R² line; the side of the indicators.
fn shape_node(nd: &NodeSpec, layer: usize, last: usize) -> (f64, f64, Side) {
    let mut w = text_w(&nd.name, 13.0) * 1.2;
    if let Some(r2) = &nd.r2 {
        w = w.max(text_w(r2, 11.0));
    }
    let rx = (w / 2.0 + 18.0).max(48.0);
    let ry = if nd.r2.is_some() { 28.0 } else { 22.0 };
    let side = if nd.items.is_empty() {
        Side::None
    } else if layer == 0 {
        Side::Left
    } else if layer == last {
        Side::Right
    } else {
        Side::Below
    };
    (rx, ry, side)
}

/// Constructs of each layer, top to bottom: model order in the first layer,
/// then by the mean position of their predecessors (fewer crossings), ties
/// in model order.
fn order_layers(spec: &Spec, depth: &[usize], n_layers: usize) -> Vec<Vec<usize>> {
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); n_layers];
    for (j, &d) in depth.iter().enumerate() {
        layers[d].push(j);
    }
    let mut pos = vec![0.0f64; depth.len()];
    for (l, layer) in layers.iter_mut().enumerate() {
        if l > 0 {
            let key = |j: usize| -> f64 {
                let ps: Vec<f64> = spec.edges.iter().filter(|e| e.to == j).map(|e| pos[e.from]).collect();
                if ps.is_empty() {
                    f64::MAX
                } else {
                    ps.iter().sum::<f64>() / ps.len() as f64
                }
            };
            let mut keyed: Vec<(f64, usize, usize)> = layer.iter().enumerate().map(|(o, &j)| (key(j), o, j)).collect();
            keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1)));
            *layer = keyed.into_iter().map(|k| k.2).collect();
        }
        let m = layer.len() as f64;
        for (o, &j) in layer.iter().enumerate() {
            pos[j] = (o as f64 + 0.5) / m;
        }
    }
    layers
}

/// A construct while it is being placed.
struct Slot {
    rx: f64,
    ry: f64,
    side: Side,
    items: usize,
}

impl Slot {
    /// Height of the construct with its indicators.
    fn height(&self) -> f64 {
        let stack = self.items as f64 * IND_STEP;
        match self.side {
            Side::Left | Side::Right => (2.0 * self.ry).max(stack),
            Side::Below => 2.0 * self.ry + 24.0 + stack,
            Side::None => 2.0 * self.ry,
        }
    }

    /// Room left and right of the ellipse centre.
    fn reach(&self, ind_w: f64) -> (f64, f64) {
        match self.side {
            Side::Left => (self.rx + IND_GAP + ind_w, self.rx),
            Side::Right => (self.rx, self.rx + IND_GAP + ind_w),
            Side::Below => ((self.rx).max(ind_w / 2.0 + 14.0), self.rx.max(ind_w / 2.0 + LOAD_W + 4.0)),
            Side::None => (self.rx, self.rx),
        }
    }
}

/// The x of each layer's ellipse centres, and the width of the body.
fn columns(layers: &[Vec<usize>], slots: &[Slot], ind_w: f64) -> (Vec<f64>, f64) {
    let mut x = MARGIN;
    let mut layer_cx = vec![0.0; layers.len()];
    let mut width = MARGIN;
    for (l, layer) in layers.iter().enumerate() {
        let mut left: f64 = 0.0;
        let mut right: f64 = 0.0;
        for &j in layer {
            let (a, b) = slots[j].reach(ind_w);
            left = left.max(a);
            right = right.max(b);
        }
        layer_cx[l] = x + left;
        x += left + right + LAYER_GAP;
        width = x - LAYER_GAP + MARGIN;
    }
    (layer_cx, width)
}

/// Height of the arc of a path spanning `span` layers (0 for neighbours).
fn arc_lift(span: usize) -> f64 {
    if span > 1 {
        30.0 + 28.0 * (span - 2) as f64
    } else {
        0.0
    }
}

/// How far each path's arc rises above the constructs it passes; arcs of
/// equal span are stacked a little apart so their labels do not meet.
fn lifts(spec: &Spec, depth: &[usize]) -> Vec<f64> {
    let mut lifts = Vec::with_capacity(spec.edges.len());
    let mut same_span: HashMap<usize, usize> = HashMap::new();
    for e in &spec.edges {
        let span = depth[e.to].saturating_sub(depth[e.from]);
        let k = same_span.entry(span).or_insert(0);
        lifts.push(if span > 1 { arc_lift(span) + 16.0 * *k as f64 } else { 0.0 });
        *k += usize::from(span > 1);
    }
    lifts
}

/// Positions of every construct, indicator, path and label.
pub fn layout(spec: &Spec) -> Layout {
    let depth = depths(spec);
    let n_layers = depth.iter().copied().max().map_or(0, |d| d + 1);
    let last = n_layers.saturating_sub(1);
    let ind_w = spec.nodes.iter().flat_map(|nd| nd.items.iter()).map(|(i, _)| text_w(i, 11.0) + 12.0).fold(44.0, f64::max);
    let slots: Vec<Slot> = spec
        .nodes
        .iter()
        .zip(&depth)
        .map(|(nd, &d)| {
            let (rx, ry, side) = shape_node(nd, d, last);
            Slot { rx, ry, side, items: nd.items.len() }
        })
        .collect();
    let layers = order_layers(spec, &depth, n_layers);
    let layer_h: Vec<f64> =
        layers.iter().map(|ls| ls.iter().map(|&j| slots[j].height()).sum::<f64>() + NODE_VGAP * ls.len().saturating_sub(1) as f64).collect();
    let body_h = layer_h.iter().copied().fold(0.0, f64::max);
    let (layer_cx, width) = columns(&layers, &slots, ind_w);
    let lifts = lifts(spec, &depth);
    let arc_room = lifts.iter().copied().fold(0.0, f64::max) + if lifts.iter().any(|&l| l > 0.0) { 40.0 } else { 0.0 };
    let height = TITLE_H + arc_room + body_h + 2.0 * MARGIN;
    let width = width.max(320.0);

    let mut ellipses = vec![Ellipse { cx: 0.0, cy: 0.0, rx: 0.0, ry: 0.0 }; spec.nodes.len()];
    for l in 0..n_layers {
        let mut y = TITLE_H + arc_room + MARGIN + (body_h - layer_h[l]) / 2.0;
        for &j in &layers[l] {
            let s = &slots[j];
            let h = s.height();
            let cy = if s.side == Side::Below { y + s.ry } else { y + h / 2.0 };
            ellipses[j] = Ellipse { cx: layer_cx[l], cy, rx: s.rx, ry: s.ry };
            y += h + NODE_VGAP;
        }
    }
    let constructs: Vec<ConstructBox> = spec
        .nodes
        .iter()
        .enumerate()
        .map(|(j, nd)| {
            let e = ellipses[j];
            ConstructBox {
                ellipse: e,
                layer: depth[j],
                side: slots[j].side,
                name_y: if nd.r2.is_some() { e.cy - 2.0 } else { e.cy + 4.5 },
                r2_y: nd.r2.is_some().then_some(e.cy + 14.0),
                caption_y: (nd.weights && !nd.items.is_empty()).then_some(e.cy - e.ry - 4.0),
            }
        })
        .collect();
    let indicators = spec.nodes.iter().enumerate().flat_map(|(j, nd)| place_indicators(j, nd.items.len(), &constructs[j], ind_w)).collect();
    let paths = spec.edges.iter().enumerate().map(|(k, e)| place_path(k, e, &constructs, lifts[k])).collect();
    Layout { width, height, ind_w, constructs, indicators, paths }
}

/// The layout with constructs moved by hand: construct j (its ellipse,
/// name, indicators) is shifted by `offsets[j]` (missing entries: not
/// moved) from where [`layout`] puts it, and the paths are routed again
/// between the moved ellipses. When anything would then lie left of the
/// margin or over the title, the whole body is shifted right or down; the
/// view box grows to hold everything and never shrinks below the unmoved
/// layout's.
pub fn layout_moved(spec: &Spec, offsets: &[(f64, f64)]) -> Layout {
    let mut l = layout(spec);
    let offset = |j: usize| offsets.get(j).copied().unwrap_or((0.0, 0.0));
    if (0..spec.nodes.len()).all(|j| offset(j) == (0.0, 0.0)) {
        return l;
    }
    let lifts = lifts(spec, &depths(spec));
    for (j, c) in l.constructs.iter_mut().enumerate() {
        let (dx, dy) = offset(j);
        shift_construct(c, dx, dy);
    }
    place_around(spec, &mut l, &lifts);
    let (lo, hi) = extent(spec, &l);
    let (sx, sy) = ((MARGIN - lo.x).max(0.0), (TITLE_H + MARGIN / 2.0 - lo.y).max(0.0));
    if sx > 0.0 || sy > 0.0 {
        for c in l.constructs.iter_mut() {
            shift_construct(c, sx, sy);
        }
        place_around(spec, &mut l, &lifts);
    }
    l.width = l.width.max(hi.x + sx + MARGIN);
    l.height = l.height.max(hi.y + sy + MARGIN);
    l
}

fn shift_construct(c: &mut ConstructBox, dx: f64, dy: f64) {
    c.ellipse.cx += dx;
    c.ellipse.cy += dy;
    c.name_y += dy;
    c.r2_y = c.r2_y.map(|y| y + dy);
    c.caption_y = c.caption_y.map(|y| y + dy);
}

/// Indicators and paths placed again around the constructs where they are.
fn place_around(spec: &Spec, l: &mut Layout, lifts: &[f64]) {
    l.indicators = spec.nodes.iter().enumerate().flat_map(|(j, nd)| place_indicators(j, nd.items.len(), &l.constructs[j], l.ind_w)).collect();
    l.paths = spec.edges.iter().enumerate().map(|(k, e)| place_path(k, e, &l.constructs, lifts[k])).collect();
}

/// The smallest and largest corner of everything placed: ellipses,
/// indicator boxes with their loadings, paths and their labels.
fn extent(spec: &Spec, l: &Layout) -> (Point, Point) {
    let mut lo = pt(f64::MAX, f64::MAX);
    let mut hi = pt(f64::MIN, f64::MIN);
    let mut take = |r: Rect| {
        lo = pt(lo.x.min(r.x), lo.y.min(r.y));
        hi = pt(hi.x.max(r.x + r.w), hi.y.max(r.y + r.h));
    };
    for c in &l.constructs {
        take(c.ellipse.bounds());
        if let Some(y) = c.caption_y {
            take(Rect { x: c.ellipse.cx, y: y - 10.0, w: 0.0, h: 10.0 });
        }
    }
    for b in &l.indicators {
        take(b.rect);
        let w = text_w(&spec.nodes[b.node].items[b.item].1, 10.0);
        let x = if b.side == Side::Right { b.label.x - w } else { b.label.x };
        take(Rect { x, y: b.label.y - 8.0, w, h: 10.0 });
        for q in b.link.iter().chain(b.stem.iter().flatten()) {
            take(Rect { x: q.x, y: q.y, w: 0.0, h: 0.0 });
        }
    }
    for p in &l.paths {
        take(p.label_rect());
        for k in 0..=32 {
            let q = p.shape.at(k as f64 / 32.0);
            take(Rect { x: q.x, y: q.y, w: 0.0, h: 0.0 });
        }
    }
    (lo, hi)
}

/// The indicator boxes of construct `node`, its `k` indicators in order.
fn place_indicators(node: usize, k: usize, c: &ConstructBox, ind_w: f64) -> Vec<IndicatorBox> {
    let e = &c.ellipse;
    let kf = k as f64;
    (0..k)
        .filter_map(|a| match c.side {
            Side::Left | Side::Right => {
                let by = e.cy - kf * IND_STEP / 2.0 + a as f64 * IND_STEP + (IND_STEP - IND_H) / 2.0;
                let (bx, lx0, ex) = if c.side == Side::Left {
                    let bx = e.cx - e.rx - IND_GAP - ind_w;
                    (bx, bx + ind_w, e.cx - e.rx)
                } else {
                    let bx = e.cx + e.rx + IND_GAP;
                    (bx, bx, e.cx + e.rx)
                };
                let ly = by + IND_H / 2.0;
                // towards the ellipse, a quarter of the way to its centre line
                let ey = e.cy + (ly - e.cy) * 0.25;
                // the label sits just beside the box, above the line
                let tx = if c.side == Side::Left { lx0 + 4.0 } else { lx0 - 4.0 };
                let t = 12.0 / (ex - lx0).abs().max(1.0);
                let ty = ly + (ey - ly) * t - 3.0;
                Some(IndicatorBox {
                    node,
                    item: a,
                    side: c.side,
                    rect: Rect { x: bx, y: by, w: ind_w, h: IND_H },
                    stem: None,
                    link: [pt(lx0, ly), pt(ex, ey)],
                    label: pt(tx, ty),
                })
            }
            Side::Below => {
                let top = e.cy + e.ry + 24.0;
                let bx = e.cx - ind_w / 2.0;
                let by = top + a as f64 * IND_STEP;
                let stem_x = bx - 10.0;
                let stem = (a == 0).then(|| [pt(e.cx, e.cy + e.ry), pt(stem_x, top - 8.0), pt(stem_x, top + (kf - 1.0) * IND_STEP + IND_H / 2.0)]);
                Some(IndicatorBox {
                    node,
                    item: a,
                    side: c.side,
                    rect: Rect { x: bx, y: by, w: ind_w, h: IND_H },
                    stem,
                    link: [pt(stem_x, by + IND_H / 2.0), pt(bx, by + IND_H / 2.0)],
                    label: pt(bx + ind_w + 4.0, by + 13.0),
                })
            }
            Side::None => None,
        })
        .collect()
}

/// Path `k`: straight between neighbouring layers, labelled 40 % along;
/// over the layers between as an arc that clears the tops of everything in
/// them, labelled at its apex.
fn place_path(k: usize, e: &EdgeSpec, constructs: &[ConstructBox], lift: f64) -> PathArrow {
    let (s, t) = (&constructs[e.from], &constructs[e.to]);
    let (se, te) = (&s.ellipse, &t.ellipse);
    let (dx, dy) = (te.cx - se.cx, te.cy - se.cy);
    let p1 = se.boundary(dx, dy);
    let p2 = te.boundary(-dx, -dy);
    let span = t.layer.saturating_sub(s.layer);
    let (shape, label_at) = if span > 1 {
        let (a, b) = (pt(se.cx, se.cy - se.ry), pt(te.cx, te.cy - te.ry));
        let top = constructs
            .iter()
            .filter(|m| m.layer >= s.layer && m.layer <= t.layer)
            .map(|m| m.ellipse.cy - m.ellipse.ry)
            .fold(a.y.min(b.y), f64::min);
        let q = pt((a.x + b.x) / 2.0, 2.0 * (top - lift) - (a.y + b.y) / 2.0);
        (Shape::Arc { from: a, control: q, to: b }, bezier(a, q, b, 0.5))
    } else {
        (Shape::Line { from: p1, to: p2 }, pt(p1.x + (p2.x - p1.x) * 0.4, p1.y + (p2.y - p1.y) * 0.4))
    };
    PathArrow { edge: k, shape, label_at, label_w: text_w(&e.label, 11.0) + 6.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Lang;

    /// Every way the geometry can go wrong, in words (empty when sound):
    /// two boxes (construct ellipses' bounds, indicator boxes) overlap; a
    /// path label or a loading covers a box; anything placed leaves the view
    /// box; a path does not start and end on the outlines of the two
    /// ellipses it connects; an arc cuts through a construct or an
    /// indicator on its way. Path labels meeting each other is not checked
    /// (the labels of crossing paths between the same two layers can meet).
    fn faults(spec: &Spec, l: &Layout) -> Vec<String> {
        let mut out = Vec::new();
        let name = |j: usize| spec.nodes[j].name.clone();
        let item = |b: &IndicatorBox| spec.nodes[b.node].items[b.item].clone();
        let mut boxes: Vec<(String, Rect)> = Vec::new();
        for (j, c) in l.constructs.iter().enumerate() {
            boxes.push((format!("construct {}", name(j)), c.ellipse.bounds()));
        }
        for b in &l.indicators {
            boxes.push((format!("indicator {}", item(b).0), b.rect));
        }
        for i in 0..boxes.len() {
            for k in i + 1..boxes.len() {
                if boxes[i].1.overlaps(&boxes[k].1) {
                    out.push(format!("{} overlaps {}", boxes[i].0, boxes[k].0));
                }
            }
        }
        let mut labels: Vec<(String, Rect)> = Vec::new();
        for p in &l.paths {
            let e = &spec.edges[p.edge];
            labels.push((format!("label of {} → {}", name(e.from), name(e.to)), p.label_rect()));
        }
        for b in &l.indicators {
            // the loading: 10 px text from its anchor, baseline at label.y
            let w = text_w(&item(b).1, 10.0);
            let x = if b.side == Side::Right { b.label.x - w } else { b.label.x };
            labels.push((format!("loading of {}", item(b).0), Rect { x, y: b.label.y - 8.0, w, h: 10.0 }));
        }
        for (what, r) in &labels {
            for (other, o) in &boxes {
                if r.overlaps(o) {
                    out.push(format!("{what} covers {other}"));
                }
            }
        }
        let inside = |q: Point| q.x >= 0.0 && q.y >= 0.0 && q.x <= l.width && q.y <= l.height;
        for (what, r) in boxes.iter().chain(&labels) {
            if !inside(pt(r.x, r.y)) || !inside(pt(r.x + r.w, r.y + r.h)) {
                out.push(format!("{what} leaves the view box: {r:?}"));
            }
        }
        for b in &l.indicators {
            if !b.link.iter().chain(b.stem.iter().flatten()).all(|&q| inside(q)) {
                out.push(format!("link of {} leaves the view box", item(b).0));
            }
        }
        for p in &l.paths {
            let e = &spec.edges[p.edge];
            let what = format!("path {} → {}", name(e.from), name(e.to));
            let (a, b) = p.shape.ends();
            for (end, j) in [(a, e.from), (b, e.to)] {
                let level = l.constructs[j].ellipse.level(end);
                if (level - 1.0).abs() > 1e-9 {
                    out.push(format!("{what}: end {end:?} is not on the outline of {} (level {level})", name(j)));
                }
            }
            let samples: Vec<Point> = (0..=64).map(|k| p.shape.at(k as f64 / 64.0)).collect();
            if !samples.iter().all(|&q| inside(q)) {
                out.push(format!("{what} leaves the view box"));
            }
            if let Shape::Arc { .. } = p.shape {
                let within = |q: Point, r: &Rect| q.x > r.x && q.x < r.x + r.w && q.y > r.y && q.y < r.y + r.h;
                let cuts = samples[1..64]
                    .iter()
                    .any(|&q| l.constructs.iter().any(|c| c.ellipse.level(q) < 1.0 - 1e-9) || l.indicators.iter().any(|b| within(q, &b.rect)));
                if cuts {
                    out.push(format!("{what} arcs through a construct or an indicator"));
                }
            }
        }
        out
    }

    /// Faults of `spec`, with the count checks: one ellipse per construct,
    /// a box per indicator, an arrow per path, indicators on the side their
    /// layer calls for.
    fn check(what: &str, spec: &Spec) -> Layout {
        let l = layout(spec);
        let faults = faults(spec, &l);
        assert!(faults.is_empty(), "{what}: {} faults:\n{}", faults.len(), faults.join("\n"));
        assert_eq!(l.constructs.len(), spec.nodes.len(), "{what}");
        assert_eq!(l.indicators.len(), spec.nodes.iter().map(|n| n.items.len()).sum::<usize>(), "{what}");
        assert_eq!(l.paths.len(), spec.edges.len(), "{what}");
        let last = l.constructs.iter().map(|c| c.layer).max().unwrap_or(0);
        for (nd, c) in spec.nodes.iter().zip(&l.constructs) {
            let want = match c.layer {
                _ if nd.items.is_empty() => Side::None,
                0 => Side::Left,
                d if d == last => Side::Right,
                _ => Side::Below,
            };
            assert_eq!(c.side, want, "{what}: {}", nd.name);
        }
        for e in &spec.edges {
            let (a, b) = (&l.constructs[e.from], &l.constructs[e.to]);
            if !spec.nodes[e.from].interaction {
                assert!(a.layer < b.layer, "{what}: {} → {} does not go right", spec.nodes[e.from].name, spec.nodes[e.to].name);
            }
        }
        l
    }

    /// Every reference case's model, laid out from its real result, in
    /// both languages, with the widest path labels a bootstrap gives.
    #[test]
    fn reference_diagrams_are_sound() {
        let cases = super::super::reference_results();
        assert!(cases.len() >= 7, "only {} reference cases", cases.len());
        for (case, r) in &cases {
            for lang in [Lang::En, Lang::Id] {
                let mut spec = super::super::diagram::spec(r, lang);
                for e in &mut spec.edges {
                    e.label.push_str("***");
                }
                check(&format!("{case} {lang:?}"), &spec);
            }
        }
    }

    fn node(name: &str, items: usize, r2: bool) -> NodeSpec {
        NodeSpec {
            name: name.into(),
            interaction: false,
            weights: false,
            items: (1..=items).map(|i| (format!("{name}{i}"), "−0.745".into())).collect(),
            r2: r2.then(|| "R² = 0.401".into()),
        }
    }

    fn edge(from: usize, to: usize) -> EdgeSpec {
        EdgeSpec { from, to, label: "−0.115***".into() }
    }

    #[test]
    fn a_single_construct_with_twenty_items() {
        let l = check("single", &Spec { nodes: vec![node("Satisfaction", 20, false)], ..Default::default() });
        assert!(l.height >= 20.0 * IND_STEP, "{}", l.height);
    }

    #[test]
    fn long_names() {
        let long = |s: &str| format!("{s} measured with a rather long construct name");
        let mut spec = Spec { nodes: vec![node(&long("A"), 3, false), node(&long("B"), 4, true), node(&long("C"), 2, true)], ..Default::default() };
        spec.nodes[0].items[1].0 = "an indicator whose name is a whole question?".into();
        spec.nodes[1].weights = true;
        spec.edges = vec![edge(0, 1), edge(1, 2), edge(0, 2)];
        let l = check("long names", &spec);
        // every name fits in its ellipse or box by the layout's own measure
        for (nd, c) in spec.nodes.iter().zip(&l.constructs) {
            assert!(text_w(&nd.name, 13.0) <= 2.0 * c.ellipse.rx, "{}", nd.name);
        }
        assert!(text_w(&spec.nodes[0].items[1].0, 11.0) < l.ind_w);
    }

    /// Paths that skip layers arc above the layers between, stacked apart.
    #[test]
    fn chains_with_paths_over_several_layers() {
        let mut spec = Spec::default();
        for k in 0..6 {
            spec.nodes.push(node(&format!("C{k}"), 3, k > 0));
        }
        spec.edges = (0..5).map(|k| edge(k, k + 1)).collect();
        spec.edges.extend([(0, 2), (0, 3), (0, 5), (1, 4), (1, 3), (2, 5)].map(|(a, b)| edge(a, b)));
        let l = check("chain", &spec);
        let arcs = l.paths.iter().filter(|p| matches!(p.shape, Shape::Arc { .. })).count();
        assert_eq!(arcs, 6);
    }

    /// Fifteen constructs in three layers, every construct of one layer
    /// predicting most of the next.
    #[test]
    fn many_constructs() {
        let mut spec = Spec::default();
        for k in 0..15 {
            spec.nodes.push(node(&format!("K{k}"), 2 + k % 4, k >= 5));
        }
        for a in 0..5 {
            spec.edges.extend((5..10).map(|b| edge(a, b)));
        }
        for a in 5..10 {
            spec.edges.extend((10..15).filter(|b| (a + b) % 2 == 0).map(|b| edge(a, b)));
        }
        check("many", &spec);
    }

    /// Two interaction terms on one dependent that is itself a predictor:
    /// the terms sit left of their dependent, below their components.
    #[test]
    fn interactions() {
        let mut spec = Spec { nodes: vec![node("X", 3, false), node("M", 3, false), node("W", 3, false), node("Y", 3, true), node("Z", 4, true)], ..Default::default() };
        for (term, (iv, moderator)) in [(5, (0, 1)), (6, (0, 2))] {
            let name = format!("{}*{}", spec.nodes[iv].name, spec.nodes[moderator].name);
            spec.nodes.push(NodeSpec { name, interaction: true, weights: false, items: vec![], r2: None });
            spec.interactions.push(InteractionSpec { term, iv, moderator });
        }
        spec.edges = vec![edge(0, 3), edge(1, 3), edge(2, 3), edge(5, 3), edge(6, 3), edge(3, 4), edge(0, 4)];
        let l = check("interactions", &spec);
        for t in [5, 6] {
            assert_eq!(l.constructs[t].layer, 0);
            assert!(l.constructs[t].ellipse.cy > l.constructs[2].ellipse.cy, "interaction terms below the constructs");
        }
    }

    /// A higher-order construct estimated in two stages: its dimensions
    /// are drawn as its indicators (their loadings on it), not as
    /// constructs, and the geometry holds. (By repeated indicators the
    /// dimensions are constructs the HOC points to; that crowded diagram
    /// lets the arc Quality → Loyalty cross a construct, a layout limit
    /// not checked here.)
    #[test]
    fn higher_order_diagrams_are_sound() {
        use crate::engine::settings::{HocMethod, Settings};
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/ecsi_basic/data.csv");
        let (ds, _) = crate::data::read_csv(&std::fs::read(path).unwrap(), &Default::default()).unwrap();
        let text = "Image =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\nExpectation =~ CUEX1 + CUEX2 + CUEX3\nQuality =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\nValue =~ PERV1 + PERV2\nSatisfaction =~ Image + Value\nLoyalty =~ CUSL1 + CUSL2 + CUSL3\nSatisfaction ~ Expectation + Quality\nLoyalty ~ Satisfaction + Quality + Satisfaction*Quality\n";
        let model = crate::model::validate(&crate::model::parse_syntax(text).unwrap(), &ds.names).unwrap();
        for hoc in [HocMethod::TwoStageEmbedded, HocMethod::TwoStageDisjoint] {
            let s = Settings { bootstrap: 0, blindfold_distance: 0, hoc: Some(hoc), ..Settings::smartpls() };
            let r = crate::pipeline::analyze(&ds, &model, &s, &|_| true).unwrap();
            let spec = super::super::diagram::spec(&r, Lang::En);
            check(&format!("HOC {hoc:?}"), &spec);
            let sat = spec.nodes.iter().find(|n| n.name == "Satisfaction").unwrap();
            let items: Vec<&str> = sat.items.iter().map(|(i, _)| i.as_str()).collect();
            let image_drawn = spec.nodes.iter().any(|n| n.name == "Image");
            assert_eq!(items, ["Image", "Value"]);
            assert!(!image_drawn, "{hoc:?}: a dimension drawn as a construct");
            assert_eq!(spec.nodes.len(), 5, "{hoc:?}");
        }
    }

    /// Constructs moved by hand: the moved one (with its indicators) is
    /// exactly where it was put, the others stay, the paths are routed
    /// outline to outline again, and a move past the left or top edge
    /// shifts the body instead of leaving the view box.
    #[test]
    fn moved_constructs() {
        let mut spec = Spec { nodes: vec![node("A", 3, false), node("B", 4, true), node("C", 2, true)], ..Default::default() };
        spec.edges = vec![edge(0, 1), edge(1, 2), edge(0, 2)];
        let base = layout(&spec);
        assert_eq!(layout_moved(&spec, &[]), base, "no offsets: the plain layout");
        let moved = layout_moved(&spec, &[(0.0, 0.0), (40.0, 90.0)]);
        let found = faults(&spec, &moved);
        assert!(found.is_empty(), "{}", found.join("\n"));
        let (b0, b1) = (&base.constructs[1].ellipse, &moved.constructs[1].ellipse);
        let near = |(x, y): (f64, f64)| (x - 40.0).abs() < 1e-9 && (y - 90.0).abs() < 1e-9;
        assert!(near((b1.cx - b0.cx, b1.cy - b0.cy)), "{b0:?} → {b1:?}");
        assert_eq!(moved.constructs[0], base.constructs[0]);
        for (a, b) in base.indicators.iter().zip(&moved.indicators).filter(|(a, _)| a.node == 1) {
            assert!(near((b.rect.x - a.rect.x, b.rect.y - a.rect.y)), "{:?} → {:?}", a.rect, b.rect);
        }
        // far left and up: everything shifted right and down, still sound
        let out = layout_moved(&spec, &[(-500.0, -400.0)]);
        let found = faults(&spec, &out);
        assert!(found.is_empty(), "{}", found.join("\n"));
        let a = &out.constructs[0].ellipse;
        assert!(a.cx - a.rx >= MARGIN - 1e-9 && a.cy - a.ry >= TITLE_H + MARGIN / 2.0 - 1e-9, "{a:?}");
        // the others keep their places relative to each other
        let d = |l: &Layout| l.constructs[2].ellipse.cx - l.constructs[1].ellipse.cx;
        assert!((d(&out) - d(&base)).abs() < 1e-9);
    }
}
