//! Stances: who opposes, denies, accuses, threatens, supports whom or what.

use std::ops::Range;

use crate::actors::ActorSet;
use crate::analysis::{Polarity, StanceClass};
use crate::quotes::QuoteRec;
use crate::text::Document;

/// One stance, in byte ranges of document `doc`; `holder` indexes `ActorSet::actors`.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceRec {
    pub doc: usize,
    pub holder: usize,
    pub polarity: Polarity,
    pub class: StanceClass,
    pub negated: bool,
    pub cue: Range<usize>,
    pub target: Range<usize>,
    pub evidence: Range<usize>,
}

/// Finds the stances in all documents.
pub fn find_stances(docs: &[Document], quotes: &[QuoteRec], actors: &ActorSet) -> Vec<StanceRec> {
    let _ = (docs, quotes, actors);
    Vec::new()
}
