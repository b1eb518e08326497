//! WebAssembly bindings: converts JS values to the engine's types and back, nothing else.
//!
//! The input is read field by field through `js_sys` rather than with serde: serde's
//! deserializer brings float formatting and error-message code that was a tenth of the module.
//! The output is the analysis's JSON text (`crate::json`) parsed by `JSON.parse`: building the
//! objects through serde-wasm-bindgen cost 4 KB of the module's gzip and took no less time.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::analysis::DocumentInput;
use crate::text::numbered;

/// The module's allocator. The engine allocates many small strings and vectors per document;
/// talc serves them faster than Rust's default wasm allocator (dlmalloc) with less code.
/// Single-threaded: the module is built without atomics, and a page runs it in one worker.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// `analyze(documents)`: the contract's input list in, the contract's analysis out.
///
/// Throws a JS `Error` naming what is wrong when the input is not a list of documents.
#[wasm_bindgen]
pub fn analyze(documents: JsValue) -> Result<JsValue, JsError> {
    let inputs = documents_from(&documents).map_err(|e| {
        JsError::new(&crate::join!(
            "analyze: expected a list of {id, text} documents: ",
            e
        ))
    })?;
    let analysis = crate::analyze(&inputs);
    // One string across the boundary and one JSON.parse: smaller and faster than building the
    // objects field by field from Rust (see `crate::json`).
    js_sys::JSON::parse(&crate::json::to_json(&analysis))
        .map_err(|_| JsError::new("analyze: the analysis did not parse as JSON"))
}

/// The engine's version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The documents of a JS array of `{id, text, outlet?, title?}` objects.
fn documents_from(value: &JsValue) -> Result<Vec<DocumentInput>, String> {
    let list = value.dyn_ref::<Array>().ok_or("not an array")?;
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            if !item.is_object() {
                return Err(crate::join!(numbered("item ", i), " is not an object"));
            }
            let required = |name: &str| {
                field(&item, name)?.ok_or_else(|| {
                    crate::join!(numbered("item ", i), " has no string `", name, "`")
                })
            };
            Ok(DocumentInput {
                id: required("id")?,
                text: required("text")?,
                outlet: field(&item, "outlet")?,
                title: field(&item, "title")?,
            })
        })
        .collect()
}

/// Field `name` of `object`: `None` when missing, undefined or null; an error unless a string.
fn field(object: &JsValue, name: &str) -> Result<Option<String>, String> {
    let v = Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| crate::join!("`", name, "` unreadable"))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| crate::join!("`", name, "` is not a string"))
}
