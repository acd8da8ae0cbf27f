//! A starting model guessed from column names.

use super::*;
use std::collections::{HashMap, HashSet};

/// The construct stem of a column name: the name without its trailing number
/// and the separator before it (`CRM1`, `CRM_2`, `crm.3`, `SC 4`, `PERQ10`).
/// `None` if the name has no trailing number or nothing is left.
fn stem(column: &str) -> Option<&str> {
    let trimmed = column.trim();
    let without_digits = trimmed.trim_end_matches(|c: char| c.is_ascii_digit());
    if without_digits.len() == trimmed.len() {
        return None;
    }
    let s = without_digits.trim_end_matches(['_', '.', ' ', '-']);
    (!s.is_empty() && !s.contains('*')).then_some(s)
}

/// Propose constructs by grouping columns that share a name stem.
///
/// Each group of columns named like `STEM1`, `STEM_2`, `stem.3` becomes a
/// Mode A construct named after the stem as first written (stems compare
/// ignoring case); groups are in order of first appearance, indicators in
/// column order, and a group of one column is a single-item construct.
/// Columns without a trailing number (`id`, `age`, `gender`) are left out.
/// No paths or interactions are proposed: the structure is the user's call.
pub fn propose(columns: &[String]) -> RawModel {
    let mut constructs: Vec<RawConstruct> = Vec::new();
    let mut by_stem: HashMap<String, usize> = HashMap::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for col in columns {
        let Some(s) = stem(col) else { continue };
        if !seen.insert(col.as_str()) {
            continue;
        }
        let k = *by_stem.entry(s.to_lowercase()).or_insert_with(|| {
            constructs.push(RawConstruct { name: s.to_string(), mode: Mode::A, indicators: Vec::new(), line: None });
            constructs.len() - 1
        });
        constructs[k].indicators.push(col.clone());
    }
    RawModel { constructs, paths: Vec::new(), interactions: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    fn summary(m: &RawModel) -> Vec<(String, Vec<String>)> {
        m.constructs.iter().map(|c| (c.name.clone(), c.indicators.clone())).collect()
    }

    #[test]
    fn stems() {
        assert_eq!(stem("CRM1"), Some("CRM"));
        assert_eq!(stem("CRM_2"), Some("CRM"));
        assert_eq!(stem("crm.3"), Some("crm"));
        assert_eq!(stem("SC 4"), Some("SC"));
        assert_eq!(stem("PERQ10"), Some("PERQ"));
        assert_eq!(stem("Q1_2"), Some("Q1"));
        assert_eq!(stem("age"), None);
        assert_eq!(stem("123"), None);
        assert_eq!(stem("_7"), None);
    }

    #[test]
    fn groups_by_stem_in_first_appearance_order() {
        let m = propose(&cols(&[
            "id", "CRM1", "SC_1", "CRM2", "crm.3", "age", "SC_2", "BP 1", "gender", "PERQ10", "Respondent", "SC_2",
        ]));
        assert_eq!(
            summary(&m),
            [
                ("CRM".to_string(), cols(&["CRM1", "CRM2", "crm.3"])),
                ("SC".to_string(), cols(&["SC_1", "SC_2"])),
                ("BP".to_string(), cols(&["BP 1"])),
                ("PERQ".to_string(), cols(&["PERQ10"])),
            ]
        );
        assert!(m.constructs.iter().all(|c| c.mode == Mode::A && c.line.is_none()));
        assert!(m.paths.is_empty() && m.interactions.is_empty());
    }

    #[test]
    fn three_constructs_get_no_paths_either() {
        let header: Vec<String> = ["CRM", "SC", "BP"]
            .iter()
            .flat_map(|s| (1..=3).map(move |i| format!("{s}{i}")))
            .collect();
        let m = propose(&header);
        assert_eq!(m.constructs.len(), 3);
        assert!(m.paths.is_empty() && m.interactions.is_empty());
    }

    #[test]
    fn reference_headers() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reference/ecsi_basic/data.csv")).expect("reference data in the repository");
        let header: Vec<String> = text.lines().next().unwrap().split(',').map(|s| s.trim().to_string()).collect();
        let m = propose(&header);
        let names: Vec<&str> = m.constructs.iter().map(|c| c.name.as_str()).collect();
        // CUSCO has no number and is left out.
        assert_eq!(names, ["CUEX", "CUSA", "CUSL", "IMAG", "PERQ", "PERV"]);
        assert_eq!(m.constructs[4].indicators.len(), 7);
        // The proposal is a valid measurement model; it only lacks paths.
        let e = validate(&m, &header).unwrap_err();
        assert_eq!(e.code(), "model.no_paths");
    }
}
