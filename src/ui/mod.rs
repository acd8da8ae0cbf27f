//! The user interface: a pure reducer ([`state`]), the strings ([`i18n`]) and
//! the Yew function components (wasm32 only): the page ([`app`]) and one
//! component per panel, each in its own file.

pub mod canvas;
pub mod i18n;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod canvas_view;
#[cfg(target_arch = "wasm32")]
mod data_panel;
#[cfg(target_arch = "wasm32")]
mod figure;
#[cfg(target_arch = "wasm32")]
mod model_panel;
#[cfg(target_arch = "wasm32")]
mod power_panel;
#[cfg(target_arch = "wasm32")]
mod results;
#[cfg(target_arch = "wasm32")]
mod run_bar;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod settings_panel;
#[cfg(target_arch = "wasm32")]
mod table;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
pub use app::{start, App};
