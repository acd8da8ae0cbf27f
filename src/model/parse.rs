//! lavaan-style model text → [`RawModel`].

#![allow(clippy::result_large_err)]

use super::*;
use crate::error::{Error, Result};

/// Parse lavaan-style model text.
pub fn parse_syntax(text: &str) -> Result<RawModel> {
    let _ = text;
    Err(Error::new("model.syntax", "the model text parser is not available yet"))
}
