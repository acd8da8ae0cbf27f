//! The user interface: a pure reducer ([`state`]), the strings ([`i18n`]) and
//! the Yew components (wasm32 only).

pub mod i18n;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod table;
#[cfg(target_arch = "wasm32")]
pub use app::{start, App};
