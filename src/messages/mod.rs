//! Errors, resample failures and warnings in words, in English or Bahasa
//! Indonesia.
//!
//! An [`Error`] carries a kind with the facts and a location; a result's
//! [`Warning`] a kind with its facts. [`en`] and [`id`] each render every
//! kind with one exhaustive `match` (no catch-all arm), so a new kind does
//! not compile until both languages have words for it. [`error_text`] adds
//! the place (model line, data row, column, construct) in the same language.

mod en;
mod id;

use crate::error::{Error, Location, ResampleFailure, Warning, WarningKind};
use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::lang::Lang;

/// The error for the user: where, what, what to do.
pub fn error_text(e: &Error, lang: Lang) -> String {
    let body = error_body(e, lang);
    let place = place(&e.location, lang);
    if place.is_empty() {
        capitalize(&body)
    } else {
        format!("{place}: {body}")
    }
}

/// What is wrong and what to do, without the place.
pub fn error_body(e: &Error, lang: Lang) -> String {
    match lang {
        Lang::En => en::error(&e.kind),
        Lang::Id => id::error(&e.kind),
    }
}

/// A result warning in words.
pub fn warning_text(w: &Warning, lang: Lang) -> String {
    capitalize(&match lang {
        Lang::En => en::warning(&w.kind),
        Lang::Id => id::warning(&w.kind),
    })
}

/// Why a resample was left out, in words.
pub fn resample_failure_text(f: &ResampleFailure, lang: Lang) -> String {
    match lang {
        Lang::En => en::resample(f),
        Lang::Id => id::resample(f),
    }
}

#[derive(Serialize, Deserialize)]
struct WarningJson {
    code: String,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    facts: Option<WarningKind>,
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let facts = (!matches!(self.kind, WarningKind::Text { .. })).then(|| self.kind.clone());
        let message = en::warning(&self.kind);
        WarningJson { code: self.code().to_string(), message, facts }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Warning {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = WarningJson::deserialize(d)?;
        Ok(Warning { kind: w.facts.unwrap_or(WarningKind::Text { code: w.code, message: w.message }) })
    }
}

impl Error {
    /// The English message (what is wrong and what to do), without the place.
    pub fn message(&self) -> String {
        en::error(&self.kind)
    }
}

impl Warning {
    /// The English message, as the result's JSON carries it.
    pub fn message(&self) -> String {
        en::warning(&self.kind)
    }
}

impl fmt::Display for Error {
    /// English, with the place, as the command line prints it:
    /// "line 2, column X: …".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = self.location.describe(en::PLACE);
        if place.is_empty() {
            write!(f, "{}", self.message())
        } else {
            write!(f, "{place}: {}", self.message())
        }
    }
}

/// "Baris model 3, baris data 5, kolom x2, konstruk X": the place of an
/// error in either language; facts already named in the text are kept
/// anyway (the page may show only this line).
fn place(l: &Location, lang: Lang) -> String {
    let words = match lang {
        Lang::En => en::PLACE,
        Lang::Id => id::PLACE,
    };
    capitalize(&l.describe(words))
}

/// First letter upper case, except the sample size `n = 10`.
fn capitalize(s: &str) -> String {
    if s.starts_with("n = ") {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// "A, B or C" with the given last word.
fn and_list(items: &[String], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {last_word} {last}", init.join(", ")),
    }
}

/// "'a', 'b'", or `none` for an empty list.
fn quoted(items: &[String], none: &str) -> String {
    if items.is_empty() {
        return none.to_string();
    }
    items.iter().map(|n| format!("'{n}'")).collect::<Vec<_>>().join(", ")
}
