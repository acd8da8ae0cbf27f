//! The Web Worker side: reads data, prepares the analysis, runs bootstrap
//! ranges and combines them.
//!
//! [`job`] is plain Rust (tested natively); the worker's message loop and
//! the page's bridge to it (`web`) are compiled for wasm32 only.

pub mod job;

#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use web::{decode, encode, expose_memory_size, run_worker, Bridge, WorkerEvent};
