//! Missing values: mean replacement or casewise deletion, over the model's
//! indicator columns only.

use super::Dataset;
use crate::error::{DataError, Error, Result};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Each missing cell becomes the mean of its column's observed values.
    #[default]
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "mean"))]
    MeanReplacement,
    /// Rows with any missing cell (in the considered columns) are dropped.
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "casewise"))]
    CasewiseDeletion,
    /// Cells stay missing: each indicator correlation from the rows where
    /// both are observed, each case's scores from its available items
    /// (`engine::pairwise`).
    #[cfg_attr(not(target_arch = "wasm32"), value(name = "pairwise"))]
    PairwiseDeletion,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnMissing {
    pub column: String,
    pub missing: usize,
    /// The mean used for replacement; `None` when nothing was replaced.
    pub replaced_with: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingReport {
    pub policy: MissingPolicy,
    pub n_before: usize,
    pub n_after: usize,
    pub rows_with_missing: usize,
    pub cells_missing: usize,
    /// One per column considered, including those with no missing cell.
    pub columns: Vec<ColumnMissing>,
    /// Deleted data rows, 1-based (first data row = 1; the spreadsheet row
    /// is one more because of the header).
    pub deleted_rows: Vec<usize>,
}

/// Apply the policy considering only `columns` (the model's indicators).
/// Returns the dataset restricted to those columns with no NaN left.
///
/// Errors: unknown column (`data.unknown_column`), a column with no observed
/// value (`data.all_missing`), no rows left after casewise deletion
/// (`data.no_rows_left`), no columns given (`data.no_columns`).
pub fn handle_missing(ds: &Dataset, columns: &[&str], policy: MissingPolicy) -> Result<(Dataset, MissingReport)> {
    let (flat, report) = handle_missing_flat(ds, columns, policy)?;
    let n = report.n_after;
    let names = report.columns.iter().map(|c| c.column.clone()).collect();
    let columns = if n == 0 { vec![Vec::new(); columns.len()] } else { flat.chunks_exact(n).map(|c| c.to_vec()).collect() };
    Ok((Dataset { names, columns }, report))
}

/// [`handle_missing`] writing the result as one column-major buffer
/// (`report.n_after` rows × `columns.len()`), the only copy of the data it
/// makes.
pub fn handle_missing_flat(ds: &Dataset, columns: &[&str], policy: MissingPolicy) -> Result<(Vec<f64>, MissingReport)> {
    if columns.is_empty() {
        return Err(DataError::NoColumns.into());
    }
    let index = ds.name_index();
    let sel: Vec<(&String, &[f64])> = columns
        .iter()
        .map(|&name| {
            let i = *index.get(name).ok_or_else(|| super::unknown_column(ds, name))?;
            Ok((&ds.names[i], ds.columns[i].as_slice()))
        })
        .collect::<Result<_>>()?;
    let n = ds.n_rows();
    let counts: Vec<usize> = sel.iter().map(|(_, c)| c.iter().filter(|v| v.is_nan()).count()).collect();
    for ((name, _), &m) in sel.iter().zip(&counts) {
        if m == n {
            return Err(Error::from(DataError::AllMissing { column: (*name).clone(), cells: n }).at_column((*name).clone()));
        }
    }
    let row_missing: Vec<bool> = (0..n).map(|i| sel.iter().any(|(_, c)| c[i].is_nan())).collect();
    let rows_with_missing = row_missing.iter().filter(|&&b| b).count();
    let cells_missing = counts.iter().sum();

    let mut report_cols = Vec::with_capacity(sel.len());
    let mut deleted_rows = Vec::new();
    let mut flat = Vec::new();
    match policy {
        MissingPolicy::MeanReplacement => {
            flat.reserve_exact(n * sel.len());
            for ((name, col), &m) in sel.iter().zip(&counts) {
                let replaced_with = if m > 0 {
                    let mean = col.iter().filter(|v| !v.is_nan()).sum::<f64>() / (n - m) as f64;
                    flat.extend(col.iter().map(|&v| if v.is_nan() { mean } else { v }));
                    Some(mean)
                } else {
                    flat.extend_from_slice(col);
                    None
                };
                report_cols.push(ColumnMissing { column: (*name).clone(), missing: m, replaced_with });
            }
        }
        MissingPolicy::PairwiseDeletion => {}
        MissingPolicy::CasewiseDeletion => {
            deleted_rows = (0..n).filter(|&i| row_missing[i]).map(|i| i + 1).collect();
            if rows_with_missing == n {
                return Err(DataError::NoRowsLeft { rows: n }.into());
            }
            flat.reserve_exact((n - rows_with_missing) * sel.len());
            for ((name, col), &m) in sel.iter().zip(&counts) {
                flat.extend(col.iter().zip(&row_missing).filter(|(_, &gone)| !gone).map(|(&v, _)| v));
                report_cols.push(ColumnMissing { column: (*name).clone(), missing: m, replaced_with: None });
            }
        }
    }
    if policy == MissingPolicy::PairwiseDeletion {
        // the cells stay missing (NaN); nothing is replaced or deleted
        flat.reserve_exact(n * sel.len());
        for ((name, col), &m) in sel.iter().zip(&counts) {
            flat.extend_from_slice(col);
            report_cols.push(ColumnMissing { column: (*name).clone(), missing: m, replaced_with: None });
        }
    }
    let report = MissingReport {
        policy,
        n_before: n,
        n_after: n - if policy == MissingPolicy::CasewiseDeletion { rows_with_missing } else { 0 },
        rows_with_missing,
        cells_missing,
        columns: report_cols,
        deleted_rows,
    };
    Ok((flat, report))
}
