//! The browser app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    plsweb::ui::start();
}

/// Natively there is nothing to run; this keeps `cargo build` and `cargo test` working.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
