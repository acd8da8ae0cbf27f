//! The Web Worker side: computes the chunks the UI hands out.
//!
//! [`job`] is plain Rust (tested natively); the `gloo_worker::Worker` glue is
//! compiled for wasm32 only. Later this module will own the dataset and call
//! the engine for each range of bootstrap draws.

pub mod job;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::JobWorker;
