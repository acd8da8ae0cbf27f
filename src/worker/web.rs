//! Both ends of a worker, as plain `web_sys::Worker` messages.
//!
//! Messages are JS values (serde-wasm-bindgen): structured-cloned by
//! `postMessage`, NaN and `#[serde(flatten)]` survive (bincode cannot read
//! flattened structs back).
//!
//! Not gloo-worker: its bridge hides the `Worker` object, so a worker that
//! died (a panic traps, an out-of-memory aborts) went unnoticed until a
//! watchdog gave up. Here the worker's panic hook posts
//! [`FromWorker::Crashed`] before the trap, and the bridge listens to the
//! Worker's `error` and `messageerror` events for deaths without a word.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, WorkerOptions, WorkerType};

use crate::protocol::{FromWorker, ToWorker};

use super::job::Session;

/// The worker's first message: its handler is installed, send the queue.
const READY: &str = "plsweb-worker-ready";

/// A message as the JS value `postMessage` carries. 64-bit integers travel
/// as BigInt: a group's or a permutation's derived seed uses all 64 bits,
/// more than a JS number holds exactly.
pub fn encode<T: Serialize>(v: &T) -> Result<JsValue, serde_wasm_bindgen::Error> {
    v.serialize(&serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true))
}

/// A message back from the JS value `postMessage` delivered.
pub fn decode<T: DeserializeOwned>(v: JsValue) -> Result<T, serde_wasm_bindgen::Error> {
    serde_wasm_bindgen::from_value(v)
}

/// The worker's entry point: answers each [`ToWorker`] with one [`FromWorker`].
pub fn run_worker() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // Runs before a panic's trap, so the page learns at once why the worker
    // died. (An allocation failure aborts without it: the page's `error`
    // event covers that.)
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string().replace('\n', " ");
        web_sys::console::error_1(&JsValue::from_str(&message));
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        if let Ok(v) = encode(&FromWorker::Crashed { message }) {
            let _ = scope.post_message(&v);
        }
    }));
    let session = RefCell::new(Session::default());
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let out = match decode::<ToWorker>(e.data()) {
            Ok(msg) => session.borrow_mut().handle_with(msg, &|progress| {
                // the global scope looked up again: the callback holds nothing
                let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                if let Ok(v) = encode(&progress) {
                    let _ = scope.post_message(&v);
                }
            }),
            Err(err) => panic!("unreadable message for the worker: {err}"),
        };
        if let Some(out) = out {
            let v = encode(&out).unwrap_or_else(|err| panic!("worker answer not serializable: {err}"));
            let _ = reply_to.post_message(&v);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its global scope.
    on_message.forget();
    expose_memory_size();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Defines `plswebMemoryBytes()` in the global scope: the size of this
/// wasm instance's linear memory (it only grows, so it is the peak), read
/// by the benchmark for the page and each worker. Says nothing about the
/// data.
pub fn expose_memory_size() {
    let size = Closure::<dyn Fn() -> f64>::new(|| (core::arch::wasm32::memory_size(0) * 65536) as f64);
    let _ = js_sys::Reflect::set(&js_sys::global(), &JsValue::from_str("plswebMemoryBytes"), size.as_ref());
    size.forget();
}

/// What a [`Bridge`] reports.
pub enum WorkerEvent {
    Answer(FromWorker),
    /// The worker died (panic, out of memory, failed to start); `String` says
    /// what the browser or the panic hook knew.
    Crashed(String),
}

/// The page's end of one worker. Dropping it terminates the worker.
pub struct Bridge {
    worker: web_sys::Worker,
    /// Messages posted before the worker said [`READY`].
    queue: Rc<RefCell<Option<Vec<JsValue>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Bridge {
    /// Start the worker script at `url` (a module: Trunk's loader shim).
    pub fn spawn(url: &str, on_event: impl Fn(WorkerEvent) + 'static) -> Result<Bridge, JsValue> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(url, &options)?;
        let on_event = Rc::new(on_event);
        let queue: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let (worker, queue, on_event) = (worker.clone(), queue.clone(), on_event.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let data = e.data();
                if data.as_string().as_deref() == Some(READY) {
                    for m in queue.borrow_mut().take().unwrap_or_default() {
                        let _ = worker.post_message(&m);
                    }
                    return;
                }
                on_event(match decode::<FromWorker>(data) {
                    Ok(FromWorker::Crashed { message }) => WorkerEvent::Crashed(message),
                    Ok(answer) => WorkerEvent::Answer(answer),
                    Err(err) => WorkerEvent::Crashed(format!("unreadable answer from the worker: {err}")),
                })
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            // Handled here: not also an uncaught error on the page.
            e.prevent_default();
            let message = match e.dyn_ref::<ErrorEvent>() {
                // A trap with no panic report before it: an allocation
                // failure's abort, in practice.
                Some(ee) if ee.message().contains("RuntimeError") => format!("it stopped abruptly, most likely out of memory: {}", ee.message()),
                Some(ee) if !ee.message().is_empty() => ee.message(),
                _ if e.type_() == "messageerror" => "a message from the worker could not be read".to_string(),
                _ => "the worker stopped or could not start".to_string(),
            };
            on_event(WorkerEvent::Crashed(message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Bridge { worker, queue, _on_message: on_message, _on_error: on_error })
    }

    pub fn send(&self, msg: &ToWorker) {
        let v = match encode(msg) {
            Ok(v) => v,
            Err(err) => {
                web_sys::console::error_1(&JsValue::from_str(&format!("message for the worker not serializable: {err}")));
                return;
            }
        };
        match self.queue.borrow_mut().as_mut() {
            Some(q) => q.push(v),
            None => {
                let _ = self.worker.post_message(&v);
            }
        }
    }
}

impl Drop for Bridge {
    fn drop(&mut self) {
        // Events already queued find no handler (the closures go next).
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        self.worker.terminate();
    }
}
