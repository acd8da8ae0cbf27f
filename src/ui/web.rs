//! What the page needs from the browser: the URL, the clock, timers, file
//! bytes, downloads and the clipboard. Each a small function, so the
//! components read as what they do.

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::state::EXAMPLE_URL;
use crate::error::{Error, FileError};

pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

fn location_part(f: impl Fn(&web_sys::Location) -> Result<String, JsValue>) -> String {
    web_sys::window().and_then(|w| f(&w.location()).ok()).unwrap_or_default()
}

/// `key=value` from the query string or the fragment.
pub fn url_param(key: &str) -> Option<String> {
    let both = format!("{}&{}", location_part(|l| l.search()), location_part(|l| l.hash()));
    both.split(['?', '#', '&']).filter_map(|kv| kv.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
}

/// Run `f` once after `ms` milliseconds (0: in a task of its own). Returns
/// the timer id for [`cancel_timer`].
pub fn after_ms(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let cb = Closure::once_into_js(f);
    web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms).ok()
}

pub fn cancel_timer(id: i32) {
    if let Some(w) = web_sys::window() {
        w.clear_timeout_with_handle(id);
    }
}

/// `window.confirm(question)`; true when there is no window to ask.
pub fn confirm(question: &str) -> bool {
    web_sys::window().map(|w| w.confirm_with_message(question).unwrap_or(true)).unwrap_or(true)
}

/// Move the keyboard focus to the element with this id (it needs a
/// `tabindex` unless it is a control).
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

pub async fn bytes_of(promise: js_sys::Promise) -> Result<Vec<u8>, JsValue> {
    let buf = JsFuture::from(promise).await?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// The bytes of a file the user chose, or an error that says which file.
pub async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, Error> {
    let name = file.name();
    bytes_of(file.array_buffer()).await.map_err(|e| FileError::Unreadable { name, reason: format!("{e:?}") }.into())
}

/// The bundled example's bytes.
pub async fn example_bytes() -> Result<Vec<u8>, Error> {
    let got = async {
        let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
        let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(EXAMPLE_URL)).await?.dyn_into()?;
        if !resp.ok() {
            return Err(JsValue::from_str(&format!("HTTP {}", resp.status())));
        }
        bytes_of(resp.array_buffer()?).await
    }
    .await;
    got.map_err(|e| FileError::ExampleUnavailable { reason: format!("{e:?}") }.into())
}

/// A `blob:` URL of one part: a string or a Uint8Array (the JS Blob
/// constructor takes either; web-sys names its bindings by the first).
fn blob_url(mime: &str, part: &JsValue) -> Option<String> {
    let parts = js_sys::Array::of1(part);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn click_download(name: &str, url: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Ok(a) = doc.create_element("a") {
            let a: web_sys::HtmlAnchorElement = a.unchecked_into();
            a.set_href(url);
            a.set_download(name);
            a.click();
        }
    }
}

/// Download one part (text, or bytes as a Uint8Array) as a file.
fn download_part(name: &str, mime: &str, part: &JsValue) {
    let Some(url) = blob_url(mime, part) else { return };
    click_download(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

pub fn download(name: &str, mime: &str, text: &str) {
    download_part(name, mime, &JsValue::from_str(text));
}

pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) {
    download_part(name, mime, &js_sys::Uint8Array::from(bytes));
}

/// PNG of an SVG document at twice its size: the SVG is drawn as an image
/// from a `blob:` URL onto an offscreen canvas (the CSP allows `img-src blob:`).
pub fn download_png(name: String, svg_doc: &str) {
    let Some(url) = blob_url("image/svg+xml", &JsValue::from_str(svg_doc)) else { return };
    let Ok(img) = web_sys::HtmlImageElement::new() else { return };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let (w, h) = (img2.natural_width().max(1), img2.natural_height().max(1));
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Ok(canvas) = doc.create_element("canvas") else { return };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        let scale = 2.0;
        canvas.set_width((w as f64 * scale) as u32);
        canvas.set_height((h as f64 * scale) as u32);
        let Ok(Some(ctx)) = canvas.get_context("2d") else { return };
        let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, w as f64 * scale, h as f64 * scale);
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w as f64 * scale, h as f64 * scale);
        if let Ok(data) = canvas.to_data_url_with_type("image/png") {
            click_download(&name, &data);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

pub fn copy_text(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// A file name made of letters, digits and underscores.
pub fn file_stem(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// Register the service worker (offline use after one visit). Its URL is
/// relative to the page, so its scope is the app's own folder.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else { return };
    let nav = window.navigator();
    // Absent on insecure origins (plain http other than localhost).
    if !js_sys::Reflect::has(&nav, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let promise = nav.service_worker().register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            web_sys::console::warn_2(&"service worker not registered:".into(), &e);
        }
    });
}

/// `?embed=1`: tell the parent page the document's height whenever it
/// changes, as `{type: "plsweb-height", height}` (README: "Embedding"). Only
/// the height is posted, never anything of the data.
pub fn post_height_to_parent() {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    let last = std::cell::Cell::new(-1.0);
    let post = Closure::<dyn FnMut()>::new(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
        let height = doc.scroll_height() as f64;
        if height == last.get() {
            return;
        }
        last.set(height);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"plsweb-height".into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        let _ = parent.post_message(&msg, "*");
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
        // both live as long as the page
        std::mem::forget(observer);
    }
    post.forget();
}
