//! Checks shared by the integration tests: the contract's span and reference invariants.
//!
//! One checker, used by every test that looks at a whole [`Analysis`]: robustness, properties.
#![allow(dead_code)] // each test crate uses part of this module

use std::collections::{HashMap, HashSet};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use whosaid::analysis::{Analysis, DocumentInput, Span};

/// A document input with no outlet or title.
pub fn doc(id: &str, text: &str) -> DocumentInput {
    DocumentInput {
        id: id.to_string(),
        text: text.to_string(),
        outlet: None,
        title: None,
    }
}

/// Checks that `span` is `start..end` UTF-16 units of `utf16`, on code point boundaries, and
/// that its `text` is exactly that slice.
fn check_span(what: &str, doc_id: &str, utf16: &[u16], span: &Span) -> Result<(), String> {
    if span.start > span.end || span.end > utf16.len() {
        return Err(format!(
            "{what} in {doc_id}: span {}..{} out of bounds (length {})",
            span.start,
            span.end,
            utf16.len()
        ));
    }
    let slice = String::from_utf16(&utf16[span.start..span.end]).map_err(|_| {
        format!(
            "{what} in {doc_id}: span {}..{} splits a surrogate pair",
            span.start, span.end
        )
    })?;
    if slice != span.text {
        return Err(format!(
            "{what} in {doc_id}: span {}..{} slices {:?} but says {:?}",
            span.start, span.end, slice, span.text
        ));
    }
    Ok(())
}

/// Checks every invariant of the contract that can be checked without a gold answer:
/// one document entry per input in order with its UTF-16 length; every span (mentions, quotes,
/// cues, link variants, stance cue/target/evidence) slices its own document exactly; every id
/// referred to exists; quotes of one document never cross (disjoint or one inside the other);
/// linked quotes come from 2+ different documents.
pub fn check_analysis(inputs: &[DocumentInput], a: &Analysis) -> Result<(), String> {
    if a.version != whosaid::CONTRACT_VERSION {
        return Err(format!("version {} is not the contract's", a.version));
    }
    if a.documents.len() != inputs.len() {
        return Err(format!(
            "{} documents in, {} out",
            inputs.len(),
            a.documents.len()
        ));
    }
    let mut utf16: HashMap<&str, Vec<u16>> = HashMap::new();
    for (input, info) in inputs.iter().zip(&a.documents) {
        if input.id != info.id {
            return Err(format!("document {:?} came out as {:?}", input.id, info.id));
        }
        let units: Vec<u16> = input.text.encode_utf16().collect();
        if info.length != units.len() {
            return Err(format!(
                "document {}: length {} but the text has {} UTF-16 units",
                info.id,
                info.length,
                units.len()
            ));
        }
        utf16.insert(input.id.as_str(), units);
    }
    let units_of = |what: &str, id: &str| {
        utf16
            .get(id)
            .ok_or_else(|| format!("{what} names unknown document {id:?}"))
    };
    let actor_ids: HashSet<&str> = a.actors.iter().map(|x| x.id.as_str()).collect();
    if actor_ids.len() != a.actors.len() {
        return Err("two actors share an id".to_string());
    }
    let known_actor = |what: &str, id: &str| {
        if actor_ids.contains(id) {
            Ok(())
        } else {
            Err(format!("{what} names unknown actor {id:?}"))
        }
    };
    for actor in &a.actors {
        if let Some(aff) = &actor.affiliation {
            known_actor("affiliation", aff)?;
        }
    }

    for m in &a.mentions {
        known_actor("mention", &m.actor)?;
        let span = Span {
            start: m.start,
            end: m.end,
            text: m.text.clone(),
        };
        check_span("mention", &m.doc, units_of("mention", &m.doc)?, &span)?;
    }

    let mut quote_doc: HashMap<&str, &str> = HashMap::new();
    let mut quotes_by_doc: HashMap<&str, Vec<(usize, usize, &str)>> = HashMap::new();
    for q in &a.quotes {
        let units = units_of("quote", &q.doc)?;
        let span = Span {
            start: q.start,
            end: q.end,
            text: q.text.clone(),
        };
        check_span("quote", &q.doc, units, &span)?;
        if let Some(cue) = &q.cue {
            check_span("quote cue", &q.doc, units, cue)?;
        }
        if let Some(s) = &q.speaker {
            known_actor("quote speaker", s)?;
        }
        if quote_doc.insert(q.id.as_str(), q.doc.as_str()).is_some() {
            return Err(format!("two quotes share the id {}", q.id));
        }
        quotes_by_doc
            .entry(q.doc.as_str())
            .or_default()
            .push((q.start, q.end, q.id.as_str()));
    }
    for (doc_id, mut qs) in quotes_by_doc {
        // Sorted by start, longest first: a quote may only start inside an earlier one if it
        // also ends inside it (nested), never cross its end.
        qs.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let mut open: Vec<(usize, usize, &str)> = Vec::new();
        for q in qs {
            while open.last().is_some_and(|o| o.1 <= q.0) {
                open.pop();
            }
            if let Some(o) = open.last() {
                if q.1 > o.1 {
                    return Err(format!(
                        "quotes {} ({}..{}) and {} ({}..{}) cross in {doc_id}",
                        o.2, o.0, o.1, q.2, q.0, q.1
                    ));
                }
            }
            open.push(q);
        }
    }

    for link in &a.quote_links {
        let mut docs = HashSet::new();
        for id in &link.quotes {
            let d = quote_doc
                .get(id.as_str())
                .ok_or_else(|| format!("link {} names unknown quote {id}", link.id))?;
            docs.insert(*d);
        }
        if docs.len() < 2 {
            return Err(format!("link {} does not span two documents", link.id));
        }
        for v in &link.variants {
            let d = quote_doc
                .get(v.quote.as_str())
                .ok_or_else(|| format!("link {} variant names unknown quote", link.id))?;
            for span in &v.differing {
                check_span("link variant", d, units_of("link", d)?, span)?;
            }
        }
    }

    for s in &a.stances {
        known_actor("stance holder", &s.holder)?;
        let units = units_of("stance", &s.doc)?;
        check_span("stance cue", &s.doc, units, &s.cue)?;
        check_span("stance target", &s.doc, units, &s.target)?;
        check_span("stance evidence", &s.doc, units, &s.evidence)?;
    }
    Ok(())
}

/// Panics with the first broken invariant of [`check_analysis`].
pub fn assert_analysis_ok(inputs: &[DocumentInput], a: &Analysis) {
    if let Err(e) = check_analysis(inputs, a) {
        panic!("broken analysis: {e}");
    }
}

/// How much slower than release a debug build may be in the time limits below.
pub const DEBUG_SLOWDOWN: u32 = if cfg!(debug_assertions) { 25 } else { 1 };

/// Runs `analyze` on `inputs` on another thread, failing if it takes longer than `limit` (scaled
/// by [`DEBUG_SLOWDOWN`]) so that a hang fails the test instead of stalling the run; then checks
/// the result with [`assert_analysis_ok`].
pub fn analyze_within(limit: Duration, inputs: Vec<DocumentInput>) -> Analysis {
    let limit = limit * DEBUG_SLOWDOWN;
    let (tx, rx) = mpsc::channel();
    let worker_inputs = inputs.clone();
    std::thread::spawn(move || {
        let t = Instant::now();
        let a = whosaid::analyze(&worker_inputs);
        let _ = tx.send((a, t.elapsed()));
    });
    let (a, took) = match rx.recv_timeout(limit) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("analyze took longer than {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("analyze panicked"),
    };
    eprintln!("analyze: {took:?}");
    assert_analysis_ok(&inputs, &a);
    a
}

/// Trims what the scorer trims from a quote: surrounding white space, quote marks and
/// trailing punctuation.
pub fn trimmed_quote(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„')
    })
    .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
}

/// The trimmed texts of the quotes of document `doc_id`, in order.
pub fn quote_texts<'a>(a: &'a Analysis, doc_id: &str) -> Vec<&'a str> {
    a.quotes
        .iter()
        .filter(|q| q.doc == doc_id)
        .map(|q| trimmed_quote(&q.text))
        .collect()
}

/// The analysis of `tests/{dir}/{name}.txt`, a story written for the tests, as one document.
pub fn analyse_story(dir: &str, name: &str) -> Analysis {
    let path = format!("{}/tests/{dir}/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("story file");
    whosaid::analyze(&[DocumentInput {
        id: name.into(),
        text,
        outlet: None,
        title: None,
    }])
}

/// The quote that starts with `opening`; panics, listing the quotes, when there is none.
pub fn quote<'a>(a: &'a Analysis, opening: &str) -> &'a whosaid::analysis::Quote {
    a.quotes
        .iter()
        .find(|q| q.text.starts_with(opening))
        .unwrap_or_else(|| panic!("no quote starts with {opening:?}: {:#?}", a.quotes))
}

/// The speaker's canonical name of the quote that starts with `opening`.
pub fn speaker_of(a: &Analysis, opening: &str) -> Option<String> {
    let id = quote(a, opening).speaker.as_ref()?;
    a.actors
        .iter()
        .find(|x| &x.id == id)
        .map(|x| x.name.clone())
}

/// Asserts that the quote starting with `opening` was said by an actor whose name holds `surname`.
pub fn assert_said(a: &Analysis, opening: &str, surname: &str) {
    let got = speaker_of(a, opening);
    assert!(
        got.as_deref().is_some_and(|n| n.contains(surname)),
        "{opening:?}: expected {surname}, got {got:?}"
    );
}
