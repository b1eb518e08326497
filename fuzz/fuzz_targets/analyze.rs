//! Fuzz target: `analyze` on any bytes never panics, and every span of the result slices its
//! document exactly (the same checker the integration tests use, `tests/common`).
//!
//! The input is read as UTF-8 (invalid sequences become U+FFFD, as a caller decoding a file
//! lossily would give it) and split at U+001E (record separator) into up to 8 documents, so
//! cross-document stages (actors, quote links) are fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let inputs: Vec<_> = text
        .split('\u{1e}')
        .take(8)
        .enumerate()
        .map(|(i, t)| common::doc(&format!("d{i}"), t))
        .collect();
    let analysis = whosaid::analyze(&inputs);
    common::assert_analysis_ok(&inputs, &analysis);
});
