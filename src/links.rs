//! Quote links: the same utterance carried by several documents, with the words that differ.

use std::ops::Range;

use crate::quotes::QuoteRec;
use crate::text::Document;

/// A group of quotes (indices into the quote list) that report one utterance, in 2+ documents.
///
/// Invariant: every pair of members is itself a match (a clique, not a chain); `similarity` and
/// `differing` run parallel to `members` and compare each member with `members[0]`.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkGroup {
    pub members: Vec<usize>,
    pub similarity: Vec<f64>,
    pub differing: Vec<Vec<Range<usize>>>,
}

/// Links the quotes of all documents.
pub fn link_quotes(docs: &[Document], quotes: &[QuoteRec]) -> Vec<LinkGroup> {
    let _ = (docs, quotes);
    Vec::new()
}
