//! whosaid: who said what, and where each actor stands, across every outlet's version of a story.
//!
//! One data flow, one way: text → segments ([`text`]) → quotes ([`quotes`]) and mentions
//! ([`actors`]) → speakers → actors → links ([`links`]) and stances ([`stances`]) → one
//! [`analysis::Analysis`] value. The engine is pure Rust; [`wasm`] is a thin binding.

/// The text of word list `$name` of `data/`, without its comment and blank lines (build.rs
/// compiles them): every line is a row. Readers still skip comments, so a list read from its
/// source file parses the same.
#[macro_export]
macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $name))
    };
}

/// `format!` for text alone: the pieces (each `AsRef<str>`) joined into a `String`. The engine
/// builds keys and names with it instead of `format!`, whose formatting machinery (`core::fmt`)
/// was a kilobyte of the wasm module's gzip for these calls alone.
#[macro_export]
macro_rules! join {
    ($($piece:expr),+ $(,)?) => {
        [$(::core::convert::AsRef::<str>::as_ref(&$piece)),+].concat()
    };
}

pub mod actors;
pub mod analysis;
pub mod collections;
pub mod eval;
pub mod json;
pub mod links;
pub mod quotes;
pub mod stances;
pub mod text;
pub mod wasm;

use analysis::{Analysis, DocumentInput};

pub use analysis::CONTRACT_VERSION;

/// Options of an analysis beyond the documents themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Options {
    /// User gazetteer entries that add to or override the built-in gazetteer.
    #[serde(default)]
    pub gazetteer: Vec<actors::UserActor>,
}

/// Analyses a set of documents on one story with the built-in gazetteer.
///
/// Never panics on any input; every span in the result slices its own document's text exactly.
pub fn analyze(inputs: &[DocumentInput]) -> Analysis {
    analyze_with(inputs, &Options::default())
}

/// Analyses a set of documents on one story with `options`; the guarantees of [`analyze`] hold.
pub fn analyze_with(inputs: &[DocumentInput], options: &Options) -> Analysis {
    let docs: Vec<text::Document> = inputs.iter().map(text::Document::new).collect();
    let mut actor_set = actors::extract_actors_with(&docs, &options.gazetteer);
    let found: Vec<Vec<quotes::QuoteRec>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| quotes::find_quotes(d, i))
        .collect();
    // Speakers → actors: names standing where a speaker stands join the actors first.
    quotes::discover_speakers(&docs, &found, &mut actor_set);
    let mut quote_recs = Vec::new();
    for (d, mut qs) in docs.iter().zip(found) {
        quotes::attribute_speakers(d, &mut qs, &actor_set);
        quote_recs.extend(qs);
    }
    let links = links::link_quotes(&docs, &quote_recs);
    let stance_recs = stances::find_stances(&docs, &quote_recs, &actor_set);
    assemble(&docs, &actor_set, &quote_recs, &links, &stance_recs)
}

/// Converts the engine's byte-range records into the contract's UTF-16 shape.
fn assemble(
    docs: &[text::Document],
    actor_set: &actors::ActorSet,
    quote_recs: &[quotes::QuoteRec],
    links: &[links::LinkGroup],
    stance_recs: &[stances::StanceRec],
) -> Analysis {
    use analysis::*;
    let actor_id = |i: usize| actor_set.actors[i].id.clone();
    let documents = docs
        .iter()
        .map(|d| DocumentInfo {
            id: d.id.clone(),
            title: d.title.clone(),
            outlet: d.outlet.clone(),
            length: d.utf16.len_utf16(),
        })
        .collect();
    let actors = actor_set
        .actors
        .iter()
        .map(|a| Actor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind,
            aliases: a.aliases.clone(),
            affiliation: a.affiliation.map(actor_id),
        })
        .collect();
    let mentions = actor_set
        .mentions
        .iter()
        .map(|m| {
            let d = &docs[m.doc];
            let s = d.span(m.range.clone());
            Mention {
                doc: d.id.clone(),
                actor: actor_id(m.actor),
                start: s.start,
                end: s.end,
                text: s.text,
            }
        })
        .collect();
    let quote_id = |i: usize| text::numbered("q", i + 1);
    let quotes = quote_recs
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let d = &docs[q.doc];
            let s = d.span(q.range.clone());
            Quote {
                id: quote_id(i),
                doc: d.id.clone(),
                start: s.start,
                end: s.end,
                text: s.text,
                speaker: q.speaker.map(actor_id),
                cue: q.cue.clone().map(|c| d.span(c)),
                kind: q.kind,
            }
        })
        .collect();
    let quote_links = links
        .iter()
        .enumerate()
        .map(|(i, g)| QuoteLink {
            id: text::numbered("l", i + 1),
            quotes: g.members.iter().map(|&m| quote_id(m)).collect(),
            variants: g
                .members
                .iter()
                .zip(&g.similarity)
                .zip(&g.differing)
                .map(|((&m, &sim), diff)| QuoteVariant {
                    quote: quote_id(m),
                    similarity: sim,
                    differing: diff
                        .iter()
                        .map(|r| docs[quote_recs[m].doc].span(r.clone()))
                        .collect(),
                })
                .collect(),
            unquoted: g
                .unquoted
                .iter()
                .map(|(doc, r)| {
                    let d = &docs[*doc];
                    let s = d.span(r.clone());
                    UnquotedCopy {
                        doc: d.id.clone(),
                        start: s.start,
                        end: s.end,
                        text: s.text,
                    }
                })
                .collect(),
        })
        .collect();
    let stances = stance_recs
        .iter()
        .map(|s| {
            let d = &docs[s.doc];
            Stance {
                doc: d.id.clone(),
                holder: actor_id(s.holder),
                polarity: s.polarity,
                class: s.class,
                negated: s.negated,
                cue: d.span(s.cue.clone()),
                target: d.span(s.target.clone()),
                evidence: d.span(s.evidence.clone()),
            }
        })
        .collect();
    Analysis {
        version: CONTRACT_VERSION,
        documents,
        actors,
        mentions,
        quotes,
        quote_links,
        stances,
    }
}
