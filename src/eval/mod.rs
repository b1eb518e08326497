//! Scoring an analysis against a gold folder (the format of `tests/gold/`, see its README.md).
//!
//! The figures and their meanings are those of the reference scorer `../shared/tools/score.py`,
//! and they agree with it to the printed precision on the same input (`tests/eval.rs` checks
//! this whenever Python and the reference are at hand). In short:
//!
//! - quotes: a system quote finds a gold quote of the same document when their spans, trimmed
//!   past quote marks and edge punctuation, have IoU >= 0.8; pairs are taken best IoU first,
//!   one-to-one. Precision is over every valid system quote, recall over gold *direct* quotes;
//!   `partial_recall` is the recall of the partial ones.
//! - speakers (of found quotes with a named gold speaker): right when the system actor's name or
//!   an alias equals, case- and spacing-insensitively, the gold actor's id, name or an alias
//!   (`speaker_acc`), or those of an actor it speaks for (`speaker_acc_affil`).
//! - aliases: every gold surface form found (word-bounded) in a document; pairs of them, same
//!   gold actor against same system actor (the one most mentions with that text name).
//! - links: cross-document pairs of quotes, against the gold groups.
//! - stances: same document, evidence overlapping, polarity equal, holder right.
//! - spans: every system span's text must equal its UTF-16 slice (`bad_spans`).
//!
//! Usage: [`load_gold`], then [`score`] an [`crate::analysis::Analysis`], then print the
//! [`Report`]. [`read_analysis`] reads an analysis file leniently (as `score.py` does);
//! [`analysis_from_gold`] writes the gold itself as an analysis.

mod doctext;
mod gold;
mod lenient;
mod matching;
mod perfect;
mod pyfmt;
mod report;
mod score;

pub use doctext::{norm, DocText, EDGE};
pub use gold::{
    load_gold, Gold, GoldActor, GoldDoc, GoldLink, GoldLinkMember, GoldQuote, GoldStance,
};
pub use lenient::{is_absent, read_analysis, ABSENT};
pub use matching::{iou, overlap, MIN_IOU};
pub use perfect::analysis_from_gold;
pub use report::{Counts, Report, FIGURE_NAMES, INTEGER_FIGURES};
pub use score::score;
