//! Checking a [`RawModel`] against the data's columns.
//!
//! The first problem found is reported, in a fixed order: constructs (in
//! declaration order), explicit interactions, paths (in written order), then
//! whole-model checks (no paths, unused interactions, cycles, isolated
//! constructs).

// `Error` is the crate-wide error type; its size is not ours to change here.
#![allow(clippy::result_large_err)]

use super::*;
use crate::error::{Error, HocProblem, ModelError, Result, Role};
use std::collections::{HashMap, HashSet};

fn err(e: ModelError, line: Option<usize>) -> Error {
    Error::from(e).at_line_opt(line)
}

/// Edit distance over chars (insert, delete, substitute, swap of two
/// neighbours: "CMR" is one edit from "CRM").
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let sub = d[(i - 1) * w + j - 1] + usize::from(a[i - 1] != b[j - 1]);
                let mut best = sub.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * w + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// Close matches of `name` among `candidates`: equal ignoring case, or within
/// a small edit distance (at most 2, less for very short names). Only the
/// closest ones, at most three.
pub(crate) fn suggestions<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let lower = name.to_lowercase();
    let allowed = (lower.chars().count() / 2).clamp(1, 2);
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    let mut seen = HashSet::new();
    for (k, c) in candidates.into_iter().enumerate() {
        if c == name || !seen.insert(c) {
            continue;
        }
        let d = edit_distance(&lower, &c.to_lowercase());
        if d <= allowed {
            found.push((d, k, c));
        }
    }
    found.sort();
    // Only the closest tier: "CMR3" suggests CRM3, not also CRM1 and CRM2.
    let best = found.first().map_or(0, |f| f.0);
    found.into_iter().take_while(|f| f.0 == best).take(3).map(|(_, _, c)| c).collect()
}


fn owned(names: Vec<&str>) -> Vec<String> {
    names.into_iter().map(String::from).collect()
}

/// If `name` is spelled like an interaction (`A*B`, `A:B`, or `A.B` where both
/// sides are constructs), its parts. More than two parts are returned as is
/// (three-way interactions are rejected by the caller).
pub(crate) fn interaction_parts(name: &str, is_construct: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    for sep in ['*', ':'] {
        if name.contains(sep) {
            return Some(name.split(sep).map(str::trim).collect());
        }
    }
    if is_construct(name) {
        return None;
    }
    for (pos, _) in name.match_indices('.') {
        let (a, b) = (&name[..pos], &name[pos + 1..]);
        if is_construct(a) && is_construct(b) {
            return Some(vec![a, b]);
        }
    }
    None
}

struct Builder<'a> {
    raw: &'a RawModel,
    cindex: HashMap<&'a str, usize>,
    interactions: Vec<Interaction>,
    inter_lines: Vec<Option<usize>>,
    /// unordered construct pair → interaction index
    inter_pairs: HashMap<(usize, usize), usize>,
}

impl<'a> Builder<'a> {
    fn nc(&self) -> usize {
        self.raw.constructs.len()
    }

    fn construct_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.raw.constructs.iter().map(|c| c.name.as_str())
    }

    fn unknown_construct(&self, role: Role, name: &str, line: Option<usize>) -> Error {
        let suggestions = owned(suggestions(name, self.construct_names()));
        err(ModelError::UnknownConstruct { role, name: name.to_string(), suggestions }, line).at_construct(name)
    }

    /// Resolve the two parts of an interaction to construct indices.
    fn interaction_pair(&self, written: &str, parts: &[&str], line: Option<usize>) -> Result<(usize, usize)> {
        if parts.len() != 2 {
            return Err(err(ModelError::ThreeWayInteraction { written: written.to_string() }, line).at_construct(written));
        }
        let mut idx = [0usize; 2];
        for (k, part) in parts.iter().enumerate() {
            match self.cindex.get(part) {
                Some(&i) => idx[k] = i,
                None => {
                    let suggestions = owned(suggestions(part, self.construct_names()));
                    let e = ModelError::InteractionUndefined { written: written.to_string(), part: part.to_string(), suggestions };
                    return Err(err(e, line).at_construct(written));
                }
            }
        }
        // the same construct twice is a quadratic term (X*X)
        Ok((idx[0], idx[1]))
    }

    fn add_interaction(&mut self, iv: usize, moderator: usize, line: Option<usize>) -> usize {
        let name = interaction_name(&self.raw.constructs[iv].name, &self.raw.constructs[moderator].name);
        self.interactions.push(Interaction { name, iv, moderator });
        self.inter_lines.push(line);
        let k = self.interactions.len() - 1;
        self.inter_pairs.insert((iv.min(moderator), iv.max(moderator)), k);
        k
    }

    fn is_interaction_like(&self, name: &str) -> bool {
        interaction_parts(name, |s| self.cindex.contains_key(s)).is_some()
    }

    /// A path target: must be a construct.
    fn target(&self, name: &str, line: Option<usize>) -> Result<usize> {
        if let Some(&i) = self.cindex.get(name) {
            return Ok(i);
        }
        if self.is_interaction_like(name) {
            return Err(err(ModelError::InteractionAsDependent { name: name.to_string() }, line).at_construct(name));
        }
        Err(self.unknown_construct(Role::PathTarget, name, line))
    }

    /// A path source: a construct, a declared interaction, or an interaction
    /// spelled `A*B`, `A:B` or `A.B`, which declares it implicitly.
    fn source(&mut self, name: &str, line: Option<usize>) -> Result<usize> {
        if let Some(&i) = self.cindex.get(name) {
            return Ok(i);
        }
        let Some(parts) = interaction_parts(name, |s| self.cindex.contains_key(s)) else {
            return Err(self.unknown_construct(Role::PathSource, name, line));
        };
        let (iv, moderator) = self.interaction_pair(name, &parts, line)?;
        let k = match self.inter_pairs.get(&(iv.min(moderator), iv.max(moderator))) {
            Some(&k) => k,
            None => self.add_interaction(iv, moderator, line),
        };
        Ok(self.nc() + k)
    }
}

/// Check `raw` against the data's `columns` and build the engine's model.
///
/// Interactions written as path sources (`A*B`, `A:B`, `A.B`) but not
/// declared in `raw.interactions` are declared implicitly (named `A*B`, after
/// the explicit ones, in first-use order). An interaction with a `dv` implies
/// the path interaction → dv, appended after the written paths if missing.
/// Missing main effects (A → Y, B → Y for A*B → Y) are allowed.
pub fn validate(raw: &RawModel, columns: &[String]) -> Result<ValidModel> {
    if raw.constructs.is_empty() {
        return Err(ModelError::Empty.into());
    }
    let column_set: HashSet<&str> = columns.iter().map(String::as_str).collect();
    let mut cindex: HashMap<&str, usize> = HashMap::new();
    // indicator → (construct name)
    let mut used: HashMap<&str, &str> = HashMap::new();
    let mut constructs = Vec::with_capacity(raw.constructs.len());
    let hocs = super::hoc::find(raw)?;

    for (k, c) in raw.constructs.iter().enumerate() {
        let line = c.line;
        let name = c.name.as_str();
        if name.trim().is_empty() {
            return Err(err(ModelError::Unnamed { number: k + 1 }, line));
        }
        if name.contains('*') {
            return Err(err(ModelError::StarInConstructName { name: name.to_string() }, line).at_construct(name));
        }
        if let Some(&first) = cindex.get(name) {
            let e = ModelError::DefinedTwice { name: name.to_string(), first_line: raw.constructs[first].line, first_number: first + 1 };
            return Err(err(e, line).at_construct(name));
        }
        cindex.insert(name, k);
        if c.indicators.is_empty() {
            return Err(err(
                ModelError::NoIndicators { name: name.to_string() },
                line,
            )
            .at_construct(name));
        }
        if hocs.iter().any(|h| h.node == k) {
            // measured by its dimensions, checked by `hoc::find`
            constructs.push(Construct { name: c.name.clone(), mode: c.mode, indicators: c.indicators.clone() });
            continue;
        }
        for ind in &c.indicators {
            let ind = ind.as_str();
            if !column_set.contains(ind) {
                let suggestions = owned(suggestions(ind, columns.iter().map(String::as_str)));
                let available: Vec<String> = if suggestions.is_empty() { columns.iter().take(12).cloned().collect() } else { Vec::new() };
                let more = suggestions.is_empty() && columns.len() > available.len();
                let e = ModelError::UnknownColumn { indicator: ind.to_string(), construct: name.to_string(), suggestions, available, more };
                return Err(err(e, line).at_construct(name).at_column(ind));
            }
            if let Some(&other) = used.get(ind) {
                let e = if other == name {
                    ModelError::ListedTwice { indicator: ind.to_string(), construct: name.to_string() }
                } else {
                    ModelError::IndicatorReused { indicator: ind.to_string(), first: other.to_string(), second: name.to_string() }
                };
                return Err(err(e, line).at_construct(name).at_column(ind));
            }
            used.insert(ind, name);
        }
        if c.mode == Mode::B && c.indicators.len() < 2 {
            return Err(err(
                ModelError::ModeBSingleItem { name: name.to_string() },
                line,
            )
            .at_construct(name));
        }
        constructs.push(Construct { name: c.name.clone(), mode: c.mode, indicators: c.indicators.clone() });
    }

    let mut b = Builder {
        raw,
        cindex,
        interactions: Vec::new(),
        inter_lines: Vec::new(),
        inter_pairs: HashMap::new(),
    };
    let nc = b.nc();

    // Explicit interactions, with their optional dependent.
    let mut implied: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for it in &raw.interactions {
        let line = it.line;
        let written = it.name();
        let (iv, moderator) = b.interaction_pair(&written, &[it.iv.trim(), it.moderator.trim()], line)?;
        let key = (iv.min(moderator), iv.max(moderator));
        if let Some(&k) = b.inter_pairs.get(&key) {
            let first = &b.interactions[k].name;
            let same_as = (*first != written).then(|| first.clone());
            return Err(err(
                ModelError::DuplicateInteraction { written: written.clone(), same_as },
                line,
            )
            .at_construct(written));
        }
        let k = b.add_interaction(iv, moderator, line);
        if let Some(dv) = &it.dv {
            let to = b.target(dv, line)?;
            implied.push((nc + k, to, line));
        }
    }

    // Written paths.
    let mut paths: Vec<(usize, usize)> = Vec::new();
    let mut path_lines: Vec<Option<usize>> = Vec::new();
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for p in &raw.paths {
        let line = p.line;
        let to = b.target(&p.to, line)?;
        let from = b.source(&p.from, line)?;
        let from_name = node_label(&constructs, &b.interactions, from);
        if from == to {
            return Err(err(
                ModelError::SelfLoop { name: from_name.to_string() },
                line,
            )
            .at_construct(from_name));
        }
        if !seen.insert((from, to)) {
            return Err(err(
                ModelError::DuplicatePath { from: from_name.to_string(), to: constructs[to].name.clone() },
                line,
            )
            .at_construct(constructs[to].name.clone()));
        }
        paths.push((from, to));
        path_lines.push(line);
    }
    for &(from, to, line) in &implied {
        if seen.insert((from, to)) {
            paths.push((from, to));
            path_lines.push(line);
        }
    }
    let interactions = b.interactions;
    let inter_lines = b.inter_lines;
    hoc_dimensions_off_structure(&hocs, &constructs, &interactions, &paths, &path_lines, &inter_lines)?;

    if paths.is_empty() {
        return Err(ModelError::NoPaths.into());
    }

    // Every interaction must predict something.
    for (k, it) in interactions.iter().enumerate() {
        if paths.iter().any(|&(f, _)| f == nc + k) {
            continue;
        }
        // Suggest a dependent the iv (and ideally the moderator) already predict.
        let targets_of = |n: usize| paths.iter().filter(move |&&(f, _)| f == n).map(|&(_, t)| t);
        let dv = targets_of(it.iv)
            .find(|t| targets_of(it.moderator).any(|u| u == *t))
            .or_else(|| targets_of(it.iv).next())
            .or_else(|| targets_of(it.moderator).next())
            .map(|t| constructs[t].name.as_str())
            .unwrap_or("Y");
        return Err(err(
            ModelError::InteractionUnused { name: it.name.clone(), dv: dv.to_string() },
            inter_lines[k],
        )
        .at_construct(it.name.clone()));
    }

    if let Some(cycle) = find_cycle(nc, &interactions, &paths) {
        let names: Vec<&str> = cycle.iter().map(|&n| node_label(&constructs, &interactions, n)).collect();
        // Report the latest written line among the cycle's paths.
        let line = cycle
            .windows(2)
            .filter_map(|w| paths.iter().position(|&p| p == (w[0], w[1])).and_then(|i| path_lines[i]))
            .max();
        return Err(err(
            ModelError::Cycle { nodes: names.iter().map(|s| s.to_string()).collect() },
            line,
        )
        .at_construct(names[0]));
    }

    if nc > 1 {
        for (k, c) in constructs.iter().enumerate() {
            let on_path = paths.iter().any(|&(f, t)| f == k || t == k);
            let in_interaction = interactions.iter().any(|i| i.iv == k || i.moderator == k);
            let dimension = hocs.iter().any(|h| h.dimensions.contains(&k));
            if !on_path && !in_interaction && !dimension {
                return Err(err(
                    ModelError::Isolated { name: c.name.clone() },
                    raw.constructs[k].line,
                )
                .at_construct(c.name.clone()));
            }
        }
    }

    Ok(ValidModel::from_checked(constructs, interactions, paths).with_hocs(hocs))
}

/// A dimension of a higher-order construct takes no part in the structural
/// model: its HOC does.
fn hoc_dimensions_off_structure(
    hocs: &[Hoc],
    constructs: &[Construct],
    interactions: &[Interaction],
    paths: &[(usize, usize)],
    path_lines: &[Option<usize>],
    inter_lines: &[Option<usize>],
) -> Result<()> {
    let nc = constructs.len();
    let hoc_of = |j: usize| hocs.iter().find(|h| h.dimensions.contains(&j));
    let fail = |d: usize, hoc: &Hoc, written: String, line: Option<usize>| {
        let (dimension, hoc) = (constructs[d].name.clone(), constructs[hoc.node].name.clone());
        Err(err(ModelError::Hoc(HocProblem::DimensionInStructure { dimension: dimension.clone(), hoc, written }), line).at_construct(dimension))
    };
    for (k, it) in interactions.iter().enumerate() {
        for j in [it.iv, it.moderator] {
            if let Some(h) = hoc_of(j) {
                return fail(j, h, it.name.clone(), inter_lines[k]);
            }
        }
    }
    for (&(f, t), &line) in paths.iter().zip(path_lines) {
        for j in [f, t] {
            if let Some(h) = (j < nc).then(|| hoc_of(j)).flatten() {
                let written = format!("{} → {}", node_label(constructs, interactions, f), node_label(constructs, interactions, t));
                return fail(j, h, written, line);
            }
        }
    }
    Ok(())
}

fn node_label<'a>(constructs: &'a [Construct], interactions: &'a [Interaction], node: usize) -> &'a str {
    if node < constructs.len() {
        &constructs[node].name
    } else {
        &interactions[node - constructs.len()].name
    }
}

/// Edges of the structural graph including the implicit iv → interaction and
/// moderator → interaction dependencies.
pub(super) fn dependency_edges(nc: usize, interactions: &[Interaction], paths: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut edges: Vec<(usize, usize)> = Vec::with_capacity(paths.len() + 2 * interactions.len());
    for (k, it) in interactions.iter().enumerate() {
        edges.push((it.iv, nc + k));
        edges.push((it.moderator, nc + k));
    }
    edges.extend_from_slice(paths);
    edges
}

/// A cycle as a node list whose first and last entries are equal, rotated to
/// start at its smallest node.
fn find_cycle(nc: usize, interactions: &[Interaction], paths: &[(usize, usize)]) -> Option<Vec<usize>> {
    let n = nc + interactions.len();
    let edges = dependency_edges(nc, interactions, paths);
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(f, t) in &edges {
        succ[f].push(t);
    }
    // 0 = unvisited, 1 = on stack, 2 = done
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < succ[node].len() {
                let t = succ[node][*next];
                *next += 1;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => {
                        let pos = stack.iter().position(|&(s, _)| s == t).unwrap_or(0);
                        let mut cyc: Vec<usize> = stack[pos..].iter().map(|&(s, _)| s).collect();
                        let min_at = (0..cyc.len()).min_by_key(|&i| cyc[i]).unwrap_or(0);
                        cyc.rotate_left(min_at);
                        cyc.push(cyc[0]);
                        return Some(cyc);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn c(name: &str, inds: &[&str], line: usize) -> RawConstruct {
        RawConstruct { name: name.into(), mode: Mode::A, indicators: cols(inds), line: Some(line) }
    }

    fn cb(name: &str, inds: &[&str], line: usize) -> RawConstruct {
        RawConstruct { mode: Mode::B, ..c(name, inds, line) }
    }

    fn p(from: &str, to: &str, line: usize) -> RawPath {
        RawPath { from: from.into(), to: to.into(), line: Some(line) }
    }

    fn inter(iv: &str, m: &str, dv: Option<&str>, line: usize) -> RawInteraction {
        RawInteraction { iv: iv.into(), moderator: m.into(), dv: dv.map(Into::into), line: Some(line) }
    }

    fn data_cols() -> Vec<String> {
        let mut v = Vec::new();
        for i in 1..=7 {
            v.push(format!("CRM{i}"));
        }
        for i in 1..=6 {
            v.push(format!("SC{i}"));
        }
        for i in 1..=5 {
            v.push(format!("BP{i}"));
        }
        v
    }

    fn base() -> RawModel {
        RawModel {
            constructs: vec![
                c("CRM", &["CRM1", "CRM2", "CRM3"], 1),
                c("SC", &["SC1", "SC2"], 2),
                c("BP", &["BP1", "BP2"], 3),
            ],
            paths: vec![p("CRM", "BP", 4), p("SC", "BP", 4)],
            interactions: vec![],
        }
    }

    fn fails(m: &RawModel, code: &str) -> Error {
        match validate(m, &data_cols()) {
            Ok(v) => panic!("expected {code}, got Ok({v:?})"),
            Err(e) => {
                assert_eq!(e.code(), code, "{e}");
                e
            }
        }
    }

    #[test]
    fn accepts_simple_model() {
        let v = validate(&base(), &data_cols()).unwrap();
        assert_eq!(v.constructs().len(), 3);
        assert_eq!(v.paths(), &[(0, 2), (1, 2)]);
        assert!(v.interactions().is_empty());
    }

    #[test]
    fn empty_model() {
        let e = fails(&RawModel::default(), "model.empty");
        assert!(e.message().contains("no constructs"));
    }

    #[test]
    fn duplicate_empty_and_star_names() {
        let mut m = base();
        m.constructs.push(c("CRM", &["CRM4"], 7));
        let e = fails(&m, "model.duplicate_construct");
        assert_eq!(e.location.line, Some(7));
        assert!(e.message().contains("'CRM'") && e.message().contains("line 1"), "{}", e.message());

        let mut m = base();
        m.constructs[1].name = " ".into();
        let e = fails(&m, "model.duplicate_construct");
        assert!(e.message().contains("no name"));
        assert_eq!(e.location.line, Some(2));

        let mut m = base();
        m.constructs[1].name = "S*C".into();
        let e = fails(&m, "model.duplicate_construct");
        assert!(e.message().contains("reserved for interactions"));
    }

    #[test]
    fn no_indicators() {
        let mut m = base();
        m.constructs[2].indicators.clear();
        let e = fails(&m, "model.no_indicators");
        assert_eq!(e.location.line, Some(3));
        assert_eq!(e.location.construct.as_deref(), Some("BP"));
    }

    #[test]
    fn unknown_column_suggests() {
        let mut m = base();
        m.constructs[0].indicators[2] = "CMR3".into();
        let e = fails(&m, "model.unknown_column");
        assert!(e.message().contains("did you mean CRM3?"), "{}", e.message());
        assert_eq!(e.location.column.as_deref(), Some("CMR3"));
        assert_eq!(e.location.line, Some(1));

        m.constructs[0].indicators[2] = "crm3".into();
        let e = fails(&m, "model.unknown_column");
        assert!(e.message().contains("did you mean CRM3"), "{}", e.message());

        m.constructs[0].indicators[2] = "Income".into();
        let e = fails(&m, "model.unknown_column");
        assert!(!e.message().contains("did you mean"));
        assert!(e.message().contains("the data has: CRM1"), "{}", e.message());
    }

    #[test]
    fn indicator_reused() {
        let mut m = base();
        m.constructs[1].indicators.push("CRM2".into());
        let e = fails(&m, "model.indicator_reused");
        assert!(e.message().contains("'CRM'") && e.message().contains("'SC'"), "{}", e.message());
        assert_eq!(e.location.line, Some(2));

        let mut m = base();
        m.constructs[2].indicators.push("BP1".into());
        let e = fails(&m, "model.indicator_reused");
        assert!(e.message().contains("twice"), "{}", e.message());
    }

    #[test]
    fn mode_b_single_item() {
        let mut m = base();
        m.constructs[2] = cb("BP", &["BP1"], 3);
        let e = fails(&m, "model.mode_b_single_item");
        assert!(e.message().contains("use =~ for a single item"));
        assert_eq!(e.location.line, Some(3));
        // Mode A single item is fine, Mode B with two too.
        m.constructs[2] = c("BP", &["BP1"], 3);
        validate(&m, &data_cols()).unwrap();
        m.constructs[2] = cb("BP", &["BP1", "BP2"], 3);
        validate(&m, &data_cols()).unwrap();
    }

    #[test]
    fn unknown_construct_in_path() {
        let mut m = base();
        m.paths.push(p("CMR", "BP", 9));
        let e = fails(&m, "model.unknown_construct");
        assert!(e.message().contains("'CMR'") && e.message().contains("did you mean CRM?"), "{}", e.message());
        assert_eq!(e.location.line, Some(9));

        let mut m = base();
        m.paths.push(p("CRM", "Loyalty", 5));
        let e = fails(&m, "model.unknown_construct");
        assert!(e.message().contains("path target 'Loyalty'"), "{}", e.message());

        let mut m = base();
        m.interactions.push(inter("CRM", "SC", Some("Nope"), 6));
        let e = fails(&m, "model.unknown_construct");
        assert_eq!(e.location.line, Some(6));
    }

    #[test]
    fn interaction_errors() {
        let mut m = base();
        m.interactions.push(inter("CRM", "XX", None, 5));
        let e = fails(&m, "model.interaction_undefined");
        assert!(e.message().contains("'XX'"), "{}", e.message());
        assert_eq!(e.location.line, Some(5));

        let mut m = base();
        m.paths.push(p("CRM*Q", "BP", 6));
        let e = fails(&m, "model.interaction_undefined");
        assert_eq!(e.location.line, Some(6));

        let mut m = base();
        m.paths.push(p("CRM*SC*BP", "BP", 6));
        let e = fails(&m, "model.interaction_undefined");
        assert!(e.message().contains("two-way"));


        let mut m = base();
        m.interactions.push(inter("CRM", "SC", Some("BP"), 5));
        m.interactions.push(inter("SC", "CRM", None, 6));
        let e = fails(&m, "model.duplicate_interaction");
        assert!(e.message().contains("same product as CRM*SC"), "{}", e.message());
        assert_eq!(e.location.line, Some(6));
    }

    #[test]
    fn interaction_unused_suggests_dv() {
        let mut m = base();
        m.interactions.push(inter("CRM", "SC", None, 5));
        let e = fails(&m, "model.interaction_unused");
        assert_eq!(
            e.message(),
            "the interaction CRM*SC has no dependent construct; add `BP ~ CRM*SC`"
        );
        assert_eq!(e.location.line, Some(5));
    }

    #[test]
    fn interaction_as_target() {
        let mut m = base();
        m.paths.push(p("BP", "CRM*SC", 6));
        let e = fails(&m, "model.interaction_as_target");
        assert!(e.message().contains("'CRM*SC'"));
        assert_eq!(e.location.line, Some(6));

        let mut m = base();
        m.interactions.push(inter("CRM", "SC", Some("CRM*SC"), 5));
        fails(&m, "model.interaction_as_target");
    }

    #[test]
    fn implicit_interactions_and_spellings() {
        for spelling in ["CRM*SC", "CRM:SC", "CRM.SC"] {
            let mut m = base();
            m.paths.push(p(spelling, "BP", 4));
            let v = validate(&m, &data_cols()).unwrap();
            assert_eq!(v.interactions(), &[Interaction { name: "CRM*SC".into(), iv: 0, moderator: 1 }]);
            assert_eq!(v.paths(), &[(0, 2), (1, 2), (3, 2)]);
            assert_eq!(v.node_name(3), "CRM*SC");
        }
        // Explicit first, implicit after in first-use order; reversed spelling
        // of a declared interaction reuses it.
        let mut m = base();
        m.constructs.push(c("X", &["CRM7"], 5));
        m.interactions.push(inter("SC", "X", Some("BP"), 6));
        m.paths.push(p("CRM:X", "BP", 7));
        m.paths.push(p("X*SC", "CRM", 8));
        let v = validate(&m, &data_cols()).unwrap();
        let names: Vec<&str> = v.interactions().iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["SC*X", "CRM*X"]);
        assert_eq!(v.paths(), &[(0, 2), (1, 2), (5, 2), (4, 0), (4, 2)]);
    }

    #[test]
    fn dv_adds_path_once() {
        let mut m = base();
        m.interactions.push(inter("CRM", "SC", Some("BP"), 5));
        let v = validate(&m, &data_cols()).unwrap();
        assert_eq!(v.paths(), &[(0, 2), (1, 2), (3, 2)]);
        m.paths.push(p("CRM*SC", "BP", 6));
        let v = validate(&m, &data_cols()).unwrap();
        assert_eq!(v.paths(), &[(0, 2), (1, 2), (3, 2)]);
    }

    #[test]
    fn missing_main_effects_allowed() {
        let mut m = base();
        m.paths = vec![p("CRM*SC", "BP", 4)];
        let v = validate(&m, &data_cols()).unwrap();
        assert_eq!(v.paths(), &[(3, 2)]);
    }

    #[test]
    fn self_loop_and_duplicate_path() {
        let mut m = base();
        m.paths.push(p("BP", "BP", 5));
        let e = fails(&m, "model.self_loop");
        assert!(e.message().contains("BP → BP"));
        assert_eq!(e.location.line, Some(5));

        let mut m = base();
        m.paths.push(p("CRM", "BP", 6));
        let e = fails(&m, "model.duplicate_path");
        assert!(e.message().contains("CRM → BP"));
        assert_eq!(e.location.line, Some(6));
    }

    #[test]
    fn cycle_names_constructs_in_order() {
        let mut m = base();
        m.paths = vec![p("CRM", "SC", 4), p("SC", "BP", 5), p("BP", "CRM", 6)];
        let e = fails(&m, "model.cycle");
        assert!(e.message().contains("CRM → SC → BP → CRM"), "{}", e.message());
        assert_eq!(e.location.line, Some(6));

        // An interaction predicting one of its own parts is circular too.
        let mut m = base();
        m.paths.push(p("CRM*SC", "SC", 7));
        let e = fails(&m, "model.cycle");
        assert!(e.message().contains("SC → CRM*SC → SC"), "{}", e.message());
    }

    #[test]
    fn isolated_and_no_paths() {
        let mut m = base();
        m.paths.clear();
        let e = fails(&m, "model.no_paths");
        assert!(e.message().contains("no structural paths"));

        let mut m = base();
        m.paths.pop();
        let e = fails(&m, "model.isolated_construct");
        assert!(e.message().contains("'SC'"));
        assert_eq!(e.location.line, Some(2));

        // A moderator used only through its interaction is connected.
        let mut m = base();
        m.paths = vec![p("CRM", "BP", 4), p("CRM*SC", "BP", 4)];
        validate(&m, &data_cols()).unwrap();
    }

    #[test]
    fn first_error_wins() {
        let mut m = base();
        m.constructs[0].indicators.push("NOPE".into());
        m.paths.push(p("BP", "BP", 9));
        fails(&m, "model.unknown_column");
    }

    #[test]
    fn suggestion_helper() {
        let c = ["CRM1", "CRM2", "SC1", "BP1"];
        assert_eq!(suggestions("CRM3", c), ["CRM1", "CRM2"]);
        assert_eq!(suggestions("CRM", c), ["CRM1", "CRM2"]);
        assert_eq!(suggestions("sc1", c), ["SC1"]);
        assert!(suggestions("Zzzzz", c).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("CMR3", "CRM3"), 1);
        assert_eq!(edit_distance("", "ab"), 2);
    }

    fn header(case: &str) -> Vec<String> {
        let path = format!("{}/tests/reference/{case}/data.csv", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let first = text.lines().next().unwrap().trim_start_matches('\u{feff}');
        first.split(',').map(|s| s.trim().trim_matches('"').to_string()).collect()
    }

    fn reference(case: &str) -> Option<(RawModel, Vec<String>)> {
        let path = format!("{}/tests/reference/{case}/model.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("reference data beside the checkout");
        Some((serde_json::from_str(&text).unwrap(), header(case)))
    }

    #[test]
    fn reference_synthetic() {
        let Some((m, cols)) = reference("synthetic_crm_sc_bp") else { return };
        let v = validate(&m, &cols).unwrap();
        let names: Vec<&str> = v.constructs().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["CRM", "SC", "BP"]);
        assert_eq!(v.interactions(), &[Interaction { name: "CRM*SC".into(), iv: 0, moderator: 1 }]);
        assert_eq!(v.paths(), &[(0, 2), (1, 2), (3, 2)]);
    }

    #[test]
    fn reference_ecsi() {
        let Some((m, cols)) = reference("ecsi_basic") else { return };
        let v = validate(&m, &cols).unwrap();
        assert_eq!(v.constructs().len(), 7);
        assert_eq!(v.paths().len(), 12);
        assert_eq!(v.constructs()[5].indicators, ["CUSCO"]);
    }
}

#[cfg(test)]
mod helper_tests {
    use super::*;

    fn model() -> ValidModel {
        let cols: Vec<String> = ["a1", "b1", "c1", "d1"].iter().map(|s| s.to_string()).collect();
        let mk = |n: &str, i: &str| RawConstruct { name: n.into(), mode: Mode::A, indicators: vec![i.into()], line: None };
        let p = |f: &str, t: &str| RawPath { from: f.into(), to: t.into(), line: None };
        let raw = RawModel {
            constructs: vec![mk("D", "d1"), mk("C", "c1"), mk("A", "a1"), mk("B", "b1")],
            // A → C → D, B → D, A*B → D
            paths: vec![p("C", "D"), p("A", "C"), p("B", "D"), p("A*B", "D")],
            interactions: vec![],
        };
        validate(&raw, &cols).unwrap()
    }

    #[test]
    fn graph_helpers() {
        let v = model();
        assert_eq!(v.node_index("A*B"), Some(4));
        assert_eq!(v.interaction_node(0), 4);
        assert_eq!(v.node_index("nope"), None);
        assert_eq!(v.predecessors(0), [1, 3, 4]);
        assert_eq!(v.successors(2), [1]);
        assert_eq!(v.endogenous(), [0, 1]);
        let order = v.topo_order();
        assert_eq!(order, [2, 1, 3, 4, 0]);
        let pos = |n: usize| order.iter().position(|&x| x == n).unwrap();
        for &(f, t) in v.paths() {
            assert!(pos(f) < pos(t));
        }
        assert!(pos(2) < pos(4) && pos(3) < pos(4));
        // to_raw round-trips through validate
        let cols: Vec<String> = ["a1", "b1", "c1", "d1"].iter().map(|s| s.to_string()).collect();
        assert_eq!(validate(&v.to_raw(), &cols).unwrap(), v);
    }
}
