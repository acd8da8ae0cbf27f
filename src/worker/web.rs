use gloo_worker::{Codec, HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::protocol::{FromWorker, ToWorker};

use super::job::Session;

/// Messages as plain JS values (serde-wasm-bindgen): structured-cloned by
/// `postMessage`, NaN and `#[serde(flatten)]` survive (bincode, gloo's
/// default, cannot read flattened structs back).
pub struct Swb;

impl Codec for Swb {
    fn encode<I: Serialize>(input: I) -> JsValue {
        input.serialize(&serde_wasm_bindgen::Serializer::new()).expect("worker message not serializable")
    }
    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        serde_wasm_bindgen::from_value(input).expect("worker message not readable")
    }
}

/// Answers each [`ToWorker`] with one [`FromWorker`].
pub struct JobWorker {
    session: Session,
}

impl Worker for JobWorker {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        JobWorker { session: Session::default() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: ToWorker, id: HandlerId) {
        let out = self.session.handle(msg);
        scope.respond(id, out);
    }
}
