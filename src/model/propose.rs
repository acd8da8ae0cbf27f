//! A starting model guessed from column names.

use super::*;

/// Group columns by name stem into constructs (no paths).
pub fn propose(columns: &[String]) -> RawModel {
    let _ = columns;
    RawModel::default()
}
