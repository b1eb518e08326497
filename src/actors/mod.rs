//! Actors: people, organisations, countries and groups, found in every document and merged
//! across all of them, each with every surface form seen.
//!
//! Output invariant: `ActorSet::mentions` is sorted by `(doc, range.start)`, mentions do not
//! overlap within a document, every range lies on char boundaries of its document's text, and
//! every `actor` and `affiliation` index is in bounds of `ActorSet::actors`. Actor ids are unique.
//!
//! How: [`scan`] finds raw mentions in each document (gazetteer names from [`data`], titles,
//! appositions, organisation suffixes, groups, works), [`resolve`] merges them across documents.

pub mod data;
pub mod names;
pub mod resolve;
pub mod scan;
pub mod speakers;
pub mod tokens;
pub mod trie;
pub mod variant;

use std::ops::Range;

use crate::analysis::ActorKind;
use crate::text::Document;

/// What a person's pronouns would be, as far as the text tells (titles, "spokeswoman", "he said").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    #[default]
    Unknown,
    Female,
    Male,
}

/// One actor, merged across documents.
#[derive(Debug, Clone)]
pub struct ActorRec {
    /// Stable id from the canonical name ("north-korea").
    pub id: String,
    /// Canonical display name.
    pub name: String,
    pub kind: ActorKind,
    /// Every surface form seen in the documents (and the canonical name).
    pub aliases: Vec<String>,
    /// Index of the actor this one speaks for.
    pub affiliation: Option<usize>,
    pub gender: Gender,
}

/// One place an actor is named in a document.
#[derive(Debug, Clone)]
pub struct MentionRec {
    /// Index of the document in the analysed list.
    pub doc: usize,
    /// Byte range of the name as written ("Hua Chunying"); a possessive ending that follows the
    /// name is included ("North Korea’s"), as it is part of the surface form readers see.
    pub range: Range<usize>,
    /// Index into `ActorSet::actors`.
    pub actor: usize,
    /// Byte range of a title or role attached to this mention ("Foreign Ministry spokeswoman",
    /// "deputy energy minister"), used to resolve "the minister said" and pronoun gender.
    pub role: Option<Range<usize>>,
}

/// All actors and all their mentions.
#[derive(Debug, Clone, Default)]
pub struct ActorSet {
    pub actors: Vec<ActorRec>,
    pub mentions: Vec<MentionRec>,
}

/// One entry of a user gazetteer (a JSON list of these): adds to or overrides the built-in one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserActor {
    pub name: String,
    #[serde(default)]
    pub kind: Option<ActorKind>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Name or id of the actor this one speaks for.
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// Finds and merges the actors of all `docs` with the built-in gazetteer.
pub fn extract_actors(docs: &[Document]) -> ActorSet {
    extract_actors_with(docs, &[])
}

/// Finds and merges the actors of all `docs`, with `user` entries added to the built-in gazetteer.
pub fn extract_actors_with(docs: &[Document], user: &[UserActor]) -> ActorSet {
    let lex = data::lexicon();
    let owned;
    let gaz = if user.is_empty() {
        data::builtin()
    } else {
        owned = data::with_user(user);
        &owned
    };
    let scans: Vec<scan::DocScan> = docs.iter().map(|d| scan::scan(d, gaz, lex)).collect();
    resolve::resolve(docs, &scans, gaz, lex)
}

/// Size in bytes of the built-in gazetteer and word lists as compiled into the engine.
pub fn builtin_data_size() -> usize {
    data::COMPILED.len()
}
