//! plsweb: PLS-SEM with moderation, in the browser and on the command line.
//!
//! The pipeline reads like a paper's method section:
//! read data ([`data`]) → handle missing values → validate the model
//! ([`model`]) → standardize → build interaction terms → estimate weights →
//! scores → paths → evaluate → bootstrap ([`engine`]) → report.

pub mod data;
pub mod error;
pub mod lang;
pub mod messages;
pub mod model;
pub mod protocol;
pub mod ui;
pub mod worker;

pub use error::{Error, Result};
pub mod engine;
pub mod assemble;
pub mod pipeline;
pub mod multigroup;
pub mod power;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
