//! Quotes: finding quoted words ([`find`]) and attributing them to speakers ([`attribute`]).

pub mod attribute;
pub mod find;

use std::ops::Range;

use crate::analysis::QuoteKind;

pub use attribute::{attribute_speakers, discover_speakers};
pub use find::find_quotes;

/// One quotation in byte ranges of document `doc`.
///
/// Invariant: `outer` contains `range`; `range` is the words without their quote marks;
/// quotes of one document are sorted by `outer.start` and do not overlap, except that a nested
/// quote attributed to someone else lies inside its outer quote.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRec {
    pub doc: usize,
    /// The quoted words, without the marks.
    pub range: Range<usize>,
    /// The quoted words with their marks.
    pub outer: Range<usize>,
    pub kind: QuoteKind,
    /// A quotation that stands alone as a paragraph of few words, such as a section heading:
    /// nobody is named where it stands.
    pub heading: bool,
    /// True for a quote inside another quote (kept only when attributed to someone else).
    pub nested: bool,
    /// Speaker, as an index into `ActorSet::actors`.
    pub speaker: Option<usize>,
    /// The attribution cue ("said", "told Reuters").
    pub cue: Option<Range<usize>>,
}
