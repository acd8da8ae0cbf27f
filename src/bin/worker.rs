//! The Web Worker's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    plsweb::worker::run_worker();
}

/// Natively there is nothing to run; this keeps `cargo build` and `cargo test` working.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
