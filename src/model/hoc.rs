//! Higher-order constructs: a construct whose indicators are other
//! constructs (`REP =~ COMP + LIKE`), its dimensions. Which constructs are
//! higher-order follows from the names alone: an indicator that names
//! another construct of the model is a dimension.

// `Error` is the crate-wide error type; its size is not ours to change here.
#![allow(clippy::result_large_err)]

use super::RawModel;
use crate::error::{Error, HocProblem, ModelError, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A higher-order construct of a validated model: construct `node` is
/// measured by constructs `dimensions` (indices into
/// [`super::ValidModel::constructs`], in the order written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hoc {
    pub node: usize,
    pub dimensions: Vec<usize>,
}

fn hoc_err(p: HocProblem, line: Option<usize>, construct: &str) -> Error {
    Error::from(ModelError::Hoc(p)).at_line_opt(line).at_construct(construct)
}

/// The higher-order constructs of `raw`: for each construct whose
/// indicators name other constructs, those constructs. Checks that a HOC
/// has only constructs as indicators, at least two of them, that no
/// dimension serves two HOCs and that no HOC is a dimension (third-order
/// constructs, or HOCs measuring each other).
pub(super) fn find(raw: &RawModel) -> Result<Vec<Hoc>> {
    let index: HashMap<&str, usize> = raw.constructs.iter().enumerate().map(|(k, c)| (c.name.as_str(), k)).collect();
    let is_dimension = |own: &str, ind: &str| ind != own && index.contains_key(ind);
    let mut hocs = Vec::new();
    let mut owner: HashMap<usize, usize> = HashMap::new();
    for (k, c) in raw.constructs.iter().enumerate() {
        let name = c.name.as_str();
        if !c.indicators.iter().any(|i| is_dimension(name, i)) {
            continue;
        }
        if let Some(item) = c.indicators.iter().find(|i| !is_dimension(name, i)) {
            let dimension = c.indicators.iter().find(|i| is_dimension(name, i)).cloned().unwrap_or_default();
            return Err(hoc_err(HocProblem::Mixed { hoc: name.into(), item: item.clone(), dimension }, c.line, name));
        }
        let mut dims = Vec::new();
        for ind in &c.indicators {
            let d = index[ind.as_str()];
            if dims.contains(&d) {
                let e = ModelError::ListedTwice { indicator: ind.clone(), construct: name.into() };
                return Err(Error::from(e).at_line_opt(c.line).at_construct(name));
            }
            if let Some(&first) = owner.get(&d) {
                let p = HocProblem::DimensionReused { dimension: ind.clone(), first: raw.constructs[first].name.clone(), second: name.into() };
                return Err(hoc_err(p, c.line, name));
            }
            owner.insert(d, k);
            dims.push(d);
        }
        if dims.len() < 2 {
            return Err(hoc_err(HocProblem::OneDimension { hoc: name.into(), dimension: c.indicators[0].clone() }, c.line, name));
        }
        hocs.push(Hoc { node: k, dimensions: dims });
    }
    let hoc_at = |k: usize| hocs.iter().find(|h| h.node == k);
    for h in &hocs {
        for &d in &h.dimensions {
            if hoc_at(d).is_none() {
                continue;
            }
            // follow the chain of HOCs from the dimension: back at h is a cycle
            let mut frontier = vec![(d, vec![h.node, d])];
            let mut cycle = None;
            while let Some((at, path)) = frontier.pop() {
                if let Some(inner) = hoc_at(at) {
                    for &e in &inner.dimensions {
                        let mut p = path.clone();
                        p.push(e);
                        if e == h.node {
                            cycle = Some(p);
                            break;
                        }
                        if !path.contains(&e) {
                            frontier.push((e, p));
                        }
                    }
                }
                if cycle.is_some() {
                    break;
                }
            }
            let c = &raw.constructs[h.node];
            let names = |v: &[usize]| v.iter().map(|&k| raw.constructs[k].name.clone()).collect::<Vec<_>>();
            let p = match cycle {
                Some(nodes) => HocProblem::Cycle { nodes: names(&nodes) },
                None => HocProblem::Nested { hoc: c.name.clone(), dimension: raw.constructs[d].name.clone() },
            };
            return Err(hoc_err(p, c.line, &c.name));
        }
    }
    Ok(hocs)
}

#[cfg(test)]
mod tests {
    use crate::model::{parse_syntax, validate, ValidModel};

    fn columns() -> Vec<String> {
        ["A1", "A2", "B1", "B2", "C1", "C2", "Y1", "Y2", "X1", "X2"].iter().map(|s| s.to_string()).collect()
    }

    fn check(text: &str) -> crate::error::Result<ValidModel> {
        validate(&parse_syntax(text).unwrap(), &columns())
    }

    fn fails(text: &str, code: &str) -> crate::error::Error {
        match check(text) {
            Ok(m) => panic!("expected {code}, got {m:?}"),
            Err(e) => {
                assert_eq!(e.code(), code, "{}", e.message());
                e
            }
        }
    }

    const DIMS: &str = "A =~ A1 + A2\nB =~ B1 + B2\nY =~ Y1 + Y2\n";

    #[test]
    fn a_construct_of_constructs_is_higher_order() {
        let m = check(&format!("{DIMS}H =~ A + B\nY ~ H\n")).unwrap();
        assert_eq!(m.hocs().len(), 1);
        let h = &m.hocs()[0];
        assert_eq!(m.constructs()[h.node].name, "H");
        assert_eq!(h.dimensions, vec![0, 1]);
        assert!(m.is_hoc(h.node) && !m.is_hoc(0));
        assert_eq!(m.hoc_of_dimension(1).map(|h| h.node), Some(3));
        // the dimensions need no path of their own; the HOC's indicators are not columns
        assert_eq!(m.indicator_columns(), vec!["A1", "A2", "B1", "B2", "Y1", "Y2"]);
        // Mode B HOC, and the syntax round trip keeps it
        let m = check(&format!("{DIMS}H <~ A + B\nY ~ H\n")).unwrap();
        assert_eq!(m.constructs()[3].mode, crate::model::Mode::B);
        let again = check(&m.to_raw().to_syntax()).unwrap();
        assert_eq!(again.hocs(), m.hocs());
        // a single item named like its construct is not a dimension
        let m = check("A1 =~ A1\nY =~ Y1 + Y2\nY ~ A1\n").unwrap();
        assert!(m.hocs().is_empty());
    }

    #[test]
    fn higher_order_mistakes_are_named() {
        let e = fails(&format!("{DIMS}H =~ A\nY ~ H\n"), "model.hoc_one_dimension");
        assert!(e.message().contains("'H'") && e.message().contains("only one dimension"), "{}", e.message());
        assert_eq!(e.location.line, Some(4));
        let e = fails(&format!("{DIMS}H =~ A + B + X1\nY ~ H\n"), "model.hoc_mixed");
        assert!(e.message().contains("X1"), "{}", e.message());
        let e = fails(&format!("{DIMS}H =~ A + B\nG =~ B + Y\nY ~ H\n"), "model.hoc_dimension_reused");
        assert!(e.message().contains("'B'") && e.message().contains("'H'") && e.message().contains("'G'"), "{}", e.message());
        let e = fails(&format!("{DIMS}H =~ A + A\nY ~ H\n"), "model.indicator_reused");
        assert!(e.message().contains("twice"), "{}", e.message());
        let e = fails("A =~ A1 + A2\nB =~ B1 + B2\nC =~ C1 + C2\nH =~ A + B\nT =~ H + C\nY =~ Y1 + Y2\nY ~ T\n", "model.hoc_nested");
        assert!(e.message().contains("third-order"), "{}", e.message());
        let e = fails("A =~ A1 + A2\nH =~ A + G\nG =~ H + B\nB =~ B1 + B2\nY =~ Y1 + Y2\nY ~ H\n", "model.hoc_cycle");
        assert!(e.message().contains("H → G → H"), "{}", e.message());
        let e = fails(&format!("{DIMS}H =~ A + B\nY ~ H + A\n"), "model.hoc_dimension_in_structure");
        assert!(e.message().contains("A → Y") && e.message().contains("use H"), "{}", e.message());
        assert_eq!(e.location.line, Some(5));
        let e = fails(&format!("{DIMS}X =~ X1 + X2\nH =~ A + B\nY ~ H + X + A*X\n"), "model.hoc_dimension_in_structure");
        assert!(e.message().contains("A*X"), "{}", e.message());
        // a HOC in an interaction is fine
        let m = check(&format!("{DIMS}X =~ X1 + X2\nH =~ A + B\nY ~ H + X + H*X\n")).unwrap();
        assert_eq!(m.interactions().len(), 1);
    }

    #[test]
    fn indonesian_words_for_every_problem() {
        for (text, code) in [
            (format!("{DIMS}H =~ A\nY ~ H\n"), "model.hoc_one_dimension"),
            (format!("{DIMS}H =~ A + B\nY ~ H + A\n"), "model.hoc_dimension_in_structure"),
        ] {
            let e = fails(&text, code);
            let id = crate::messages::error_text(&e, crate::lang::Lang::Id);
            assert!(id.contains("konstruk orde tinggi") || id.contains("dimensi"), "{id}");
        }
    }
}
