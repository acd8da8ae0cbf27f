//! The model canvas's model: what the editable diagram in the model panel
//! shows, built from the model text alone (no result needed), and what each
//! gesture on it does to the model. Every gesture becomes one of the
//! reducer's model actions, so the canvas, the text and the form always
//! show the same model. Pure, so the gestures are tested natively; the
//! drawing and the pointer handling are in `canvas_view.rs`.

use super::state::Action;
use crate::model::{parse_syntax, RawModel};
use crate::report::svg::layout::{EdgeSpec, InteractionSpec, NodeSpec, Spec};
use crate::report::svg::Moves;

/// What a line between two constructs on the canvas stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    /// A structural path (from may be an interaction term).
    Path { from: String, to: String },
    /// A higher-order construct and one of the constructs it is measured
    /// by (not a path: it is edited in the text or the form).
    Dimension,
}

/// The model as the canvas draws it: a diagram spec without numbers and
/// what each of its lines is.
#[derive(Debug, Clone, PartialEq)]
pub struct Canvas {
    pub spec: Spec,
    /// One per `spec.edges`.
    pub links: Vec<Link>,
}

impl Canvas {
    fn node(&self, name: &str) -> Option<&NodeSpec> {
        self.spec.nodes.iter().find(|n| n.name == name)
    }

    fn is_construct(&self, name: &str) -> bool {
        self.node(name).is_some_and(|n| !n.interaction)
    }

    /// Every name the model uses as an indicator.
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.spec.nodes.iter().flat_map(|n| n.items.iter().map(|(i, _)| i.as_str()))
    }
}

/// The canvas of a model text (`None` when it does not parse).
pub fn canvas(text: &str) -> Option<Canvas> {
    parse_syntax(text).ok().map(|m| from_model(&m))
}

fn from_model(m: &RawModel) -> Canvas {
    let constructs: Vec<&str> = m.constructs.iter().map(|c| c.name.as_str()).collect();
    let mut nodes: Vec<NodeSpec> = m
        .constructs
        .iter()
        .map(|c| NodeSpec {
            name: c.name.clone(),
            interaction: false,
            weights: c.mode == crate::model::Mode::B,
            items: c.indicators.iter().filter(|i| !constructs.contains(&i.as_str())).map(|i| (i.clone(), String::new())).collect(),
            r2: None,
        })
        .collect();
    let mut interactions = Vec::new();
    for i in &m.interactions {
        let name = i.name();
        if nodes.iter().any(|n| n.name == name) {
            continue;
        }
        nodes.push(NodeSpec { name, interaction: true, weights: false, items: Vec::new(), r2: None });
        let at = |n: &str| constructs.iter().position(|c| *c == n);
        if let (Some(iv), Some(moderator)) = (at(&i.iv), at(&i.moderator)) {
            interactions.push(InteractionSpec { term: nodes.len() - 1, iv, moderator });
        }
    }
    let index = |n: &str| nodes.iter().position(|x| x.name == n);
    let mut edges = Vec::new();
    let mut links = Vec::new();
    for c in &m.constructs {
        for d in c.indicators.iter().filter(|i| constructs.contains(&i.as_str())) {
            if let (Some(from), Some(to)) = (index(&c.name), index(d)) {
                edges.push(EdgeSpec { from, to, label: String::new() });
                links.push(Link::Dimension);
            }
        }
    }
    for (from, to) in super::state::model_paths_of(m) {
        if let (Some(a), Some(b)) = (index(&from), index(&to)) {
            edges.push(EdgeSpec { from: a, to: b, label: String::new() });
            links.push(Link::Path { from, to });
        }
    }
    Canvas { spec: Spec { nodes, edges, interactions }, links }
}

/// A line drawn from `from` to `to`: a new path, unless it would join a
/// construct to itself, start or end at an interaction term (a term's path
/// comes with its moderation), or is already there.
pub fn connect(c: &Canvas, from: &str, to: &str) -> Option<Action> {
    let exists = c.links.iter().any(|l| matches!(l, Link::Path { from: f, to: t } if f == from && t == to));
    (from != to && c.is_construct(from) && c.is_construct(to) && !exists).then(|| Action::AddPath { from: from.into(), to: to.into() })
}

/// An item (a column of the data or another construct's indicator)
/// dropped on construct `to`: it becomes one of `to`'s indicators.
pub fn assign(c: &Canvas, item: &str, to: &str) -> Option<Action> {
    let already = c.node(to).is_some_and(|n| n.items.iter().any(|(i, _)| i == item));
    (c.is_construct(to) && !already && !c.is_construct(item)).then(|| Action::MoveItem { item: item.into(), to: to.into() })
}

/// The selected path `from → to` moderated by `moderator` (not when the
/// model has that interaction term already, in either order).
pub fn moderate(c: &Canvas, from: &str, to: &str, moderator: &str) -> Option<Action> {
    let term = |a: &str, b: &str| c.node(&crate::model::interaction_name(a, b)).is_some();
    let ok = c.is_construct(from) && c.is_construct(to) && c.is_construct(moderator) && moderator != from && moderator != to && !term(from, moderator) && !term(moderator, from);
    ok.then(|| Action::AddInteraction { iv: from.into(), moderator: moderator.into(), dv: to.into() })
}

/// The constructs that can moderate the path `from → to`.
pub fn moderators(c: &Canvas, from: &str, to: &str) -> Vec<String> {
    c.spec.nodes.iter().filter(|n| !n.interaction && n.name != from && n.name != to).map(|n| n.name.clone()).collect()
}

/// The data columns no construct uses (offered for dragging onto one).
pub fn unused_columns(c: &Canvas, columns: &[String]) -> Vec<String> {
    columns.iter().filter(|col| !(c.items().any(|i| i == col.as_str()) || c.node(col).is_some())).cloned().collect()
}

/// Pixels an arrow key moves a construct.
pub const KEY_STEP: f64 = 10.0;

/// Where an arrow key moves construct `name` (its new offset), or `None`
/// for another key.
pub fn nudge(moves: &Moves, name: &str, key: &str) -> Option<(f64, f64)> {
    let (dx, dy) = match key {
        "ArrowLeft" => (-KEY_STEP, 0.0),
        "ArrowRight" => (KEY_STEP, 0.0),
        "ArrowUp" => (0.0, -KEY_STEP),
        "ArrowDown" => (0.0, KEY_STEP),
        _ => return None,
    };
    let (x, y) = moves.get(name).copied().unwrap_or((0.0, 0.0));
    Some((x + dx, y + dy))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::{reduce, State, EXAMPLE_MODEL};

    fn example() -> Canvas {
        canvas(EXAMPLE_MODEL).unwrap()
    }

    #[test]
    fn the_canvas_shows_the_model_text() {
        let c = example();
        let names: Vec<&str> = c.spec.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["CRM", "SC", "BP", "CRM*SC"]);
        assert_eq!(c.spec.nodes[0].items.len(), 7);
        assert_eq!(c.spec.interactions, [InteractionSpec { term: 3, iv: 0, moderator: 1 }]);
        let paths: Vec<String> = c.links.iter().map(|l| format!("{l:?}")).collect();
        assert_eq!(c.links.len(), 3, "{paths:?}");
        assert!(c.links.contains(&Link::Path { from: "CRM*SC".into(), to: "BP".into() }));
    }

    #[test]
    fn higher_order_constructs_link_to_their_dimensions() {
        let c = canvas("A =~ a1 + a2\nB =~ b1 + b2\nH =~ A + B\nY =~ y1 + y2\nY ~ H\n").unwrap();
        let h = c.spec.nodes.iter().find(|n| n.name == "H").unwrap();
        assert!(h.items.is_empty(), "dimensions are not drawn as items");
        assert_eq!(c.links.iter().filter(|l| **l == Link::Dimension).count(), 2);
        assert_eq!(c.links.iter().filter(|l| matches!(l, Link::Path { .. })).count(), 1);
    }

    #[test]
    fn gestures_become_model_actions() {
        let c = example();
        assert_eq!(connect(&c, "CRM", "SC"), Some(Action::AddPath { from: "CRM".into(), to: "SC".into() }));
        assert_eq!(connect(&c, "CRM", "CRM"), None, "not onto itself");
        assert_eq!(connect(&c, "CRM", "BP"), None, "already there");
        assert_eq!(connect(&c, "CRM*SC", "SC"), None, "not from an interaction term");
        assert_eq!(connect(&c, "SC", "CRM*SC"), None, "not into an interaction term");
        assert_eq!(assign(&c, "CRM1", "SC"), Some(Action::MoveItem { item: "CRM1".into(), to: "SC".into() }));
        assert_eq!(assign(&c, "CRM1", "CRM"), None, "already there");
        assert_eq!(assign(&c, "X9", "CRM*SC"), None);
        assert_eq!(assign(&c, "SC", "BP"), None, "a construct is not an item");
        assert_eq!(moderate(&c, "SC", "BP", "CRM"), None, "CRM*SC is there already");
        let c2 = canvas("A =~ a1\nB =~ b1\nY =~ y1\nY ~ A + B\n").unwrap();
        assert_eq!(moderate(&c2, "B", "Y", "A"), Some(Action::AddInteraction { iv: "B".into(), moderator: "A".into(), dv: "Y".into() }));
        assert_eq!(moderate(&c, "CRM*SC", "BP", "CRM"), None);
        assert_eq!(moderate(&c, "CRM", "BP", "BP"), None);
        assert_eq!(moderators(&c, "CRM", "BP"), ["SC"]);
    }

    /// Each gesture's action, through the reducer, changes the text the
    /// way the canvas then shows.
    #[test]
    fn gestures_edit_the_text() {
        let csv = "CRM1,CRM7,extra,age\n1,2,3,4\n2,3,4,5\n3,4,5,5\n";
        let (preview, _) = crate::worker::job::load(csv.as_bytes(), &Default::default()).unwrap();
        let s = State { model_text: EXAMPLE_MODEL.into(), preview: Some(std::rc::Rc::new(preview)), ..State::default() };
        let c = example();
        let s = reduce(s, connect(&c, "CRM", "SC").unwrap());
        let c = canvas(&s.model_text).unwrap();
        assert!(c.links.contains(&Link::Path { from: "CRM".into(), to: "SC".into() }));
        let s = reduce(s, assign(&c, "CRM7", "SC").unwrap());
        let c = canvas(&s.model_text).unwrap();
        let sc = c.spec.nodes.iter().find(|n| n.name == "SC").unwrap();
        assert_eq!(sc.items.last().unwrap().0, "CRM7");
        assert_eq!(c.spec.nodes[0].items.len(), 6);
        // a column the model does not use yet
        let s = reduce(s, assign(&c, "extra", "BP").unwrap());
        let c = canvas(&s.model_text).unwrap();
        assert!(c.spec.nodes.iter().find(|n| n.name == "BP").unwrap().items.iter().any(|(i, _)| i == "extra"));
        assert_eq!(unused_columns(&c, &["extra".into(), "CRM1".into(), "age".into()]), ["age"]);
        // a name neither in the model nor in the data changes nothing
        let before = s.model_text.clone();
        assert_eq!(reduce(s, assign(&c, "typo", "BP").unwrap()).model_text, before);
    }

    #[test]
    fn arrow_keys_nudge() {
        let mut moves = Moves::new();
        assert_eq!(nudge(&moves, "CRM", "ArrowRight"), Some((KEY_STEP, 0.0)));
        moves.insert("CRM".into(), (5.0, 5.0));
        assert_eq!(nudge(&moves, "CRM", "ArrowUp"), Some((5.0, 5.0 - KEY_STEP)));
        assert_eq!(nudge(&moves, "CRM", "Enter"), None);
    }
}
