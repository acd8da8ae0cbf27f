//! Model specification: constructs (Mode A / Mode B composites), structural
//! paths and interaction terms.
//!
//! A model arrives as lavaan-style text ([`parse_syntax`]) or as JSON
//! ([`RawModel`] via serde), or is proposed from column names ([`propose`]).
//! [`validate`] checks a [`RawModel`] against the data's column names once and
//! returns a [`ValidModel`], the only form the engine accepts.

use serde::{Deserialize, Serialize};

mod hoc;
mod parse;
mod propose;
mod validate;

pub use hoc::Hoc;

pub use parse::parse_syntax;
pub use propose::propose;
pub use validate::validate;

/// A model from text: the lavaan-style syntax, or the JSON form when the
/// text starts with `{` (as the command line and the page accept it).
pub fn from_text(text: &str) -> crate::error::Result<RawModel> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| crate::error::ModelError::Json { reason: e.to_string() }.into())
    } else {
        parse_syntax(text)
    }
}

/// Outer (measurement) mode of a composite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Mode {
    /// Correlation weights (`=~`).
    #[default]
    A,
    /// Regression weights (`<~`).
    B,
}

/// A construct as written by the user, not yet checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawConstruct {
    pub name: String,
    #[serde(default)]
    pub mode: Mode,
    pub indicators: Vec<String>,
    /// 1-based line of the model text it came from (absent for JSON input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// A structural path. `from` may name an interaction (`"CRM*SC"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawPath {
    pub from: String,
    pub to: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// An interaction term `iv × moderator`, named `"{iv}*{moderator}"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawInteraction {
    pub iv: String,
    pub moderator: String,
    /// Optional dependent construct; if given, a path interaction → dv is
    /// implied (and added by [`validate`] if not written explicitly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl RawInteraction {
    pub fn name(&self) -> String {
        interaction_name(&self.iv, &self.moderator)
    }
}

/// The display name of an interaction term: `IV*MOD`.
pub fn interaction_name(iv: &str, moderator: &str) -> String {
    format!("{iv}*{moderator}")
}

/// A model as written: may be inconsistent until [`validate`]d.
/// Unknown JSON fields are ignored, so the reference `model.json` files load.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RawModel {
    pub constructs: Vec<RawConstruct>,
    #[serde(default)]
    pub paths: Vec<RawPath>,
    #[serde(default)]
    pub interactions: Vec<RawInteraction>,
}

/// A construct of a validated model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Construct {
    pub name: String,
    pub mode: Mode,
    /// Indicator column names, in the order written.
    pub indicators: Vec<String>,
}

/// An interaction of a validated model; `iv` and `moderator` index
/// [`ValidModel::constructs`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interaction {
    pub name: String,
    pub iv: usize,
    pub moderator: usize,
}

/// A checked model. Only [`validate`] makes one.
///
/// Nodes of the structural model are numbered: `0..constructs().len()` are the
/// measured constructs, followed by one node per interaction, in the order of
/// [`ValidModel::interactions`]. `paths()` uses these node numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValidModel {
    constructs: Vec<Construct>,
    interactions: Vec<Interaction>,
    paths: Vec<(usize, usize)>,
    /// Higher-order constructs: constructs measured by other constructs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hocs: Vec<Hoc>,
}

impl ValidModel {
    /// Only the validator builds a `ValidModel`.
    pub(in crate::model) fn from_checked(
        constructs: Vec<Construct>,
        interactions: Vec<Interaction>,
        paths: Vec<(usize, usize)>,
    ) -> Self {
        ValidModel { constructs, interactions, paths, hocs: Vec::new() }
    }
    /// The same model with its higher-order constructs (set by the validator).
    pub(in crate::model) fn with_hocs(mut self, hocs: Vec<Hoc>) -> Self {
        self.hocs = hocs;
        self
    }
    /// Higher-order constructs, in declaration order.
    pub fn hocs(&self) -> &[Hoc] {
        &self.hocs
    }
    /// The higher-order construct whose dimensions include construct `j`.
    pub fn hoc_of_dimension(&self, j: usize) -> Option<&Hoc> {
        self.hocs.iter().find(|h| h.dimensions.contains(&j))
    }
    /// Whether construct `j` is measured by other constructs.
    pub fn is_hoc(&self, j: usize) -> bool {
        self.hocs.iter().any(|h| h.node == j)
    }
    pub fn constructs(&self) -> &[Construct] {
        &self.constructs
    }
    pub fn interactions(&self) -> &[Interaction] {
        &self.interactions
    }
    /// (from node, to node) pairs, in the order written.
    pub fn paths(&self) -> &[(usize, usize)] {
        &self.paths
    }
    /// Number of structural nodes (constructs + interactions).
    pub fn n_nodes(&self) -> usize {
        self.constructs.len() + self.interactions.len()
    }
    /// Name of a structural node.
    pub fn node_name(&self, node: usize) -> &str {
        if node < self.constructs.len() {
            &self.constructs[node].name
        } else {
            &self.interactions[node - self.constructs.len()].name
        }
    }
    /// Every indicator column used by a measured construct, in model order.
    pub fn indicator_columns(&self) -> Vec<&str> {
        (self.constructs.iter().enumerate())
            .filter(|&(j, _)| !self.is_hoc(j))
            .flat_map(|(_, c)| c.indicators.iter().map(|s| s.as_str()))
            .collect()
    }
    /// Node number of a construct or interaction, by name.
    pub fn node_index(&self, name: &str) -> Option<usize> {
        (0..self.n_nodes()).find(|&n| self.node_name(n) == name)
    }
    /// Node number of interaction `k` (index into [`ValidModel::interactions`]).
    pub fn interaction_node(&self, k: usize) -> usize {
        self.constructs.len() + k
    }
    /// Nodes with a structural path into `node`, in the order written.
    pub fn predecessors(&self, node: usize) -> Vec<usize> {
        self.paths.iter().filter(|&&(_, t)| t == node).map(|&(f, _)| f).collect()
    }
    /// Nodes `node` has a structural path to, in the order written.
    pub fn successors(&self, node: usize) -> Vec<usize> {
        self.paths.iter().filter(|&&(f, _)| f == node).map(|&(_, t)| t).collect()
    }
    /// Endogenous nodes (at least one predecessor), ascending. Interactions
    /// are never endogenous.
    pub fn endogenous(&self) -> Vec<usize> {
        (0..self.n_nodes()).filter(|&n| self.paths.iter().any(|&(_, t)| t == n)).collect()
    }
    /// All nodes in an order where every node comes after its predecessors
    /// and every interaction after its iv and moderator; ties go to the
    /// lower node number, so the order is deterministic.
    pub fn topo_order(&self) -> Vec<usize> {
        let n = self.n_nodes();
        let edges = validate::dependency_edges(self.constructs.len(), &self.interactions, &self.paths);
        let mut indeg = vec![0usize; n];
        for &(_, t) in &edges {
            indeg[t] += 1;
        }
        let mut ready: std::collections::BTreeSet<usize> = (0..n).filter(|&v| indeg[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = ready.pop_first() {
            order.push(v);
            for &(f, t) in &edges {
                if f == v {
                    indeg[t] -= 1;
                    if indeg[t] == 0 {
                        ready.insert(t);
                    }
                }
            }
        }
        // A validated model is acyclic, so every node is placed.
        debug_assert_eq!(order.len(), n);
        order
    }
    /// Back to the raw form (for editing and for `to_syntax`).
    pub fn to_raw(&self) -> RawModel {
        RawModel {
            constructs: self
                .constructs
                .iter()
                .map(|c| RawConstruct { name: c.name.clone(), mode: c.mode, indicators: c.indicators.clone(), line: None })
                .collect(),
            paths: self
                .paths
                .iter()
                .map(|&(f, t)| RawPath { from: self.node_name(f).to_string(), to: self.node_name(t).to_string(), line: None })
                .collect(),
            interactions: self
                .interactions
                .iter()
                .map(|i| RawInteraction {
                    iv: self.constructs[i.iv].name.clone(),
                    moderator: self.constructs[i.moderator].name.clone(),
                    dv: None,
                    line: None,
                })
                .collect(),
        }
    }
}
