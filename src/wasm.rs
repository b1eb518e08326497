//! WebAssembly bindings: converts JS values to the engine's types and back, nothing else.

use wasm_bindgen::prelude::*;

use crate::analysis::DocumentInput;

/// `analyze(documents)`: the contract's input list in, the contract's analysis out.
///
/// Throws a JS `Error` naming what is wrong when the input is not a list of documents.
#[wasm_bindgen]
pub fn analyze(documents: JsValue) -> Result<JsValue, JsError> {
    let inputs: Vec<DocumentInput> = serde_wasm_bindgen::from_value(documents).map_err(|e| {
        JsError::new(&format!(
            "analyze: expected a list of {{id, text}} documents: {e}"
        ))
    })?;
    let analysis = crate::analyze(&inputs);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&analysis, &ser).map_err(|e| JsError::new(&format!("analyze: {e}")))
}

/// The engine's version, for the page's footer and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
