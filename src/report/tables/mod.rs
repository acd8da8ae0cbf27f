//! One file per results table. Each `build` makes its table (or, for simple
//! slopes, one per interaction) in the given language from the result; its
//! words (title, note, column headers) live beside it. [`fn@crate::report::tables`]
//! lists them in reading order.

pub mod blindfolding;
pub mod bootstrap_ci;
pub mod cross_loadings;
pub mod fit;
pub mod fornell_larcker;
pub mod groups;
pub mod hoc;
pub mod htmt;
pub mod indirect_effects;
pub mod specific_indirect;
pub mod conditional_indirect;
pub mod floodlight;
pub mod inner_vif;
pub mod ipma;
pub mod micom;
pub mod outer_model;
pub mod paths;
pub mod predict;
pub mod pruning;
pub mod r_squared;
pub mod reliability;
pub mod simple_slopes;

use super::cells::cols;
use super::Lang;
use crate::engine::result::AnalysisResult;

/// Columns of the tables of bootstrapped effects: the first two, then
/// STDEV, t, p and CI.
fn stat_cols(lang: Lang, first: (&str, &str), second: (&str, &str)) -> (Vec<String>, Vec<String>) {
    cols(lang, &[first, second, ("STDEV", "SB"), ("t", "t"), ("p", "p"), ("CI", "IK")])
}

/// The constructs of the Fornell-Larcker table, and the header of the
/// construct-by-construct tables: an empty corner, then those names.
fn construct_columns(r: &AnalysisResult) -> (Vec<String>, Vec<String>) {
    let names: Vec<String> = r.fornell_larcker.iter().map(|(k, _)| k.clone()).collect();
    let mut header = vec!["".to_string()];
    header.extend(names.iter().cloned());
    (names, header)
}
