//! The analysis contract (`../shared/ANALYSIS.md`): the one JSON shape that leaves the engine.
//!
//! Every type here serialises with serde to exactly the contract's fields (the CLI's JSON);
//! [`crate::json`] writes the same JSON for the wasm module without serde's generic code. Fields beyond the
//! contract are allowed (the contract says "add fields freely") and are documented where added.
//!
//! Invariant kept by [`crate::analyze`]: every [`Span`] counts UTF-16 code units into its own
//! document's text, `start <= end`, never splits a surrogate pair, and its `text` equals that slice.

use serde::{Deserialize, Serialize};

/// The version of the contract this crate writes.
pub const CONTRACT_VERSION: u32 = 1;

/// One input article: the contract's input list holds these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    /// Caller's identifier, echoed in every span's `doc`.
    pub id: String,
    /// The whole article text.
    pub text: String,
    /// The outlet, when the caller knows it; otherwise the engine may guess from the text.
    #[serde(default)]
    pub outlet: Option<String>,
    /// The title; `None` means "the first non-empty line".
    #[serde(default)]
    pub title: Option<String>,
}

/// A piece of a document: UTF-16 offsets, end exclusive, and the text they slice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The whole analysis of a set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub version: u32,
    pub documents: Vec<DocumentInfo>,
    pub actors: Vec<Actor>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub quote_links: Vec<QuoteLink>,
    pub stances: Vec<Stance>,
}

/// What the analysis says of one input document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// Length of the text in UTF-16 code units.
    pub length: usize,
}

/// The kinds of actor the contract knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
    Group,
    Other,
}

impl ActorKind {
    /// The contract's spelling, as serde writes it: "person", "organization", …
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Group => "group",
            ActorKind::Other => "other",
        }
    }
}

/// A person, organisation, country or group, with every surface form seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Stable id derived from the canonical name (lowercase, hyphenated).
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    /// The actor id this one speaks for, where known.
    pub affiliation: Option<String>,
}

/// One place an actor is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub doc: String,
    pub actor: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Whether a quote is a whole quoted statement or a fragment inside reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
}

impl QuoteKind {
    /// The contract's spelling, as serde writes it: "direct" or "partial".
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
        }
    }
}

/// A quotation: the words without their quote marks, and who said them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Actor id of the speaker; `None` only when nobody can be named.
    pub speaker: Option<String>,
    /// The attribution cue ("said", "told Reuters", "according to").
    pub cue: Option<Span>,
    pub kind: QuoteKind,
}

/// The same utterance carried by two or more documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteLink {
    pub id: String,
    /// Quote ids; every pair of them is the same utterance (a clique, not a chain).
    pub quotes: Vec<String>,
    /// Added field: per member, how it differs from the group's first quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<QuoteVariant>,
    /// Added field: passages of documents with no member that carry the group's words without
    /// quote marks (an outlet paraphrasing or reporting the statement as prose).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unquoted: Vec<UnquotedCopy>,
}

/// Added field of [`QuoteLink`]: the group's words carried without quote marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnquotedCopy {
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Added field of [`QuoteLink`]: one member's wording against the group's reference quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteVariant {
    pub quote: String,
    /// Content-word similarity to the reference quote, 0 to 1.
    pub similarity: f64,
    /// Spans of this quote's words that the reference does not have.
    pub differing: Vec<Span>,
}

/// Which way a stance points toward its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Support,
    Oppose,
}

impl Polarity {
    /// The contract's spelling, as serde writes it: "support" or "oppose".
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Support => "support",
            Polarity::Oppose => "oppose",
        }
    }
}

/// The kind of act a stance cue expresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StanceClass {
    Assert,
    Deny,
    Oppose,
    Condemn,
    Accuse,
    Threaten,
    Support,
    Praise,
    Urge,
    Doubt,
    Other,
}

impl StanceClass {
    /// Every class, in declaration order.
    pub const ALL: [StanceClass; 11] = [
        StanceClass::Assert,
        StanceClass::Deny,
        StanceClass::Oppose,
        StanceClass::Condemn,
        StanceClass::Accuse,
        StanceClass::Threaten,
        StanceClass::Support,
        StanceClass::Praise,
        StanceClass::Urge,
        StanceClass::Doubt,
        StanceClass::Other,
    ];

    /// The contract's spelling, as serde writes it: "assert", "deny", …
    pub fn as_str(self) -> &'static str {
        match self {
            StanceClass::Assert => "assert",
            StanceClass::Deny => "deny",
            StanceClass::Oppose => "oppose",
            StanceClass::Condemn => "condemn",
            StanceClass::Accuse => "accuse",
            StanceClass::Threaten => "threaten",
            StanceClass::Support => "support",
            StanceClass::Praise => "praise",
            StanceClass::Urge => "urge",
            StanceClass::Doubt => "doubt",
            StanceClass::Other => "other",
        }
    }
}

/// Where an actor stands toward something, with the words that say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stance {
    pub doc: String,
    pub holder: String,
    pub polarity: Polarity,
    pub class: StanceClass,
    pub negated: bool,
    pub cue: Span,
    pub target: Span,
    pub evidence: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `as_str` spells every variant as serde does, so the hand-written JSON matches the CLI's.
    #[test]
    fn enum_spellings_are_serdes() {
        let serde = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for k in [
            ActorKind::Person,
            ActorKind::Organization,
            ActorKind::Country,
            ActorKind::Group,
            ActorKind::Other,
        ] {
            assert_eq!(k.as_str(), serde(serde_json::to_value(k).unwrap()));
        }
        for k in [QuoteKind::Direct, QuoteKind::Partial] {
            assert_eq!(k.as_str(), serde(serde_json::to_value(k).unwrap()));
        }
        for p in [Polarity::Support, Polarity::Oppose] {
            assert_eq!(p.as_str(), serde(serde_json::to_value(p).unwrap()));
        }
        for c in StanceClass::ALL {
            assert_eq!(c.as_str(), serde(serde_json::to_value(c).unwrap()));
        }
    }
}
