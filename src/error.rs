//! The one error type of plsweb.
//!
//! Every error carries a stable machine-readable `code` (used by the UI to
//! translate the message), an English `message` that says what was expected
//! and what was found, and where it happened: data row (1-based, counting the
//! header as row 1 like a spreadsheet), column name, model line (1-based) or
//! construct.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a problem was found. All fields optional; fill what is known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based row of the file as a spreadsheet shows it (header = row 1).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<String>,
    /// 1-based line of the model text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub construct: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Error {
    /// Stable identifier, e.g. `csv.not_a_number`, `model.unknown_column`.
    pub code: String,
    /// English message: what is wrong, where, and what to do.
    pub message: String,
    #[serde(default)]
    pub location: Location,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Error { code: code.to_string(), message: message.into(), location: Location::default() }
    }
    pub fn at_row(mut self, row: usize) -> Self {
        self.location.row = Some(row);
        self
    }
    pub fn at_column(mut self, column: impl Into<String>) -> Self {
        self.location.column = Some(column.into());
        self
    }
    pub fn at_line(mut self, line: usize) -> Self {
        self.location.line = Some(line);
        self
    }
    pub fn at_construct(mut self, construct: impl Into<String>) -> Self {
        self.location.construct = Some(construct.into());
        self
    }
    /// The analysis was cancelled by the user. Not a failure: callers show
    /// nothing alarming for it.
    pub fn cancelled() -> Self {
        Error::new("cancelled", "the analysis was cancelled")
    }
    pub fn is_cancelled(&self) -> bool {
        self.code == "cancelled"
    }
}

impl Location {
    /// "line 2, row 5, column X, construct Y", with the given words for
    /// line, row, column and construct; empty when nothing is known.
    pub fn describe(&self, [line, row, column, construct]: [&str; 4]) -> String {
        let mut place = Vec::new();
        if let Some(v) = self.line {
            place.push(format!("{line} {v}"));
        }
        if let Some(v) = self.row {
            place.push(format!("{row} {v}"));
        }
        if let Some(v) = &self.column {
            place.push(format!("{column} {v}"));
        }
        if let Some(v) = &self.construct {
            place.push(format!("{construct} {v}"));
        }
        place.join(", ")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.location.describe(["line", "row", "column", "construct"]);
        if place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{place}: {}", self.message)
        }
    }
}

impl std::error::Error for Error {}
