//! Attributing quotations to speakers: the cue ("said", "told Reuters", "according to") and the
//! speaker on either side of it.
//!
//! Patterns, tried in order for each quote:
//! 1. after the closing mark: `“…,” SPEAKER CUE` or `“…,” CUE SPEAKER` (also "declared by X");
//! 2. before the opening mark, in the same sentence: the last cue and its subject
//!    (`SPEAKER CUE: “…”`, `SPEAKER CUE that … “…”`, `According to SPEAKER, … “…”`);
//! 3. otherwise the speaker of the quote beside it in the paragraph (a quote split around its
//!    attribution), or of the previous paragraph's quote when this paragraph is only a quote.
//!
//! A speaker is an actor mention, a pronoun (resolved to the last fitting actor: "she" to the
//! last woman named, "it" to the last organisation that spoke) or a description ("the minister",
//! "the statement", "the commission") resolved to the actor it stands for.

use crate::collections::Map;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use super::QuoteRec;
use crate::actors::{ActorSet, Gender, MentionRec};
use crate::analysis::ActorKind;
use crate::text::{data_lines, lowercase, word_ranges, Document};

/// How a cue relates to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// A verb of saying: the speaker is its subject, or follows it ("said Hua").
    Speech,
    /// "according to": the speaker follows.
    Source,
    /// A verb that carries quoted words in reported speech ("condemned “cyber terrorism”").
    Stance,
}

/// Nouns that stand for a speaker after a determiner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounClass {
    Role,
    Issuer,
    Body,
    Firm,
}

struct Lexicon {
    /// Single-word cues by lowercase form.
    words: Map<&'static str, CueKind>,
    /// Two-word cues ("according to") by their first word, with the second.
    pairs: Vec<(&'static str, &'static str, CueKind)>,
    nouns: Map<&'static str, NounClass>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut words = Map::default();
        let mut pairs = Vec::new();
        for line in data_lines(crate::data_file!("cues.tsv")) {
            let (form, kind) = line.split_once('\t').unwrap_or((line, "speech"));
            let kind = match kind.trim() {
                "source" => CueKind::Source,
                "stance" => CueKind::Stance,
                _ => CueKind::Speech,
            };
            match form.split_once(' ') {
                Some((a, b)) => pairs.push((a, b, kind)),
                None => {
                    words.insert(form, kind);
                }
            }
        }
        let mut nouns = Map::default();
        for line in data_lines(crate::data_file!("speaker_nouns.tsv")) {
            let (noun, class) = line.split_once('\t').unwrap_or((line, "role"));
            let class = match class.trim() {
                "issuer" => NounClass::Issuer,
                "body" => NounClass::Body,
                "firm" => NounClass::Firm,
                _ => NounClass::Role,
            };
            nouns.insert(noun, class);
        }
        Lexicon {
            words,
            pairs,
            nouns,
        }
    })
}

/// True when the lowercase word `w` is an attribution cue (or the first word of one).
pub fn is_cue_word(w: &str) -> bool {
    let lex = lexicon();
    lex.words.contains_key(w) || lex.pairs.iter().any(|(a, _, _)| *a == w)
}

/// A word of the document with its lowercase form (borrowed from the text when it is already
/// lowercase).
struct Word<'a> {
    range: Range<usize>,
    lower: Cow<'a, str>,
}

/// A cue found in the text.
#[derive(Debug, Clone)]
struct Cue {
    range: Range<usize>,
    kind: CueKind,
}

/// Someone who may be speaking, before resolution.
#[derive(Debug, Clone)]
enum Candidate {
    Mention(usize),
    Pronoun {
        word: String,
        at: Range<usize>,
    },
    Description {
        noun: &'static str,
        class: NounClass,
        at: Range<usize>,
        /// After "a"/"an": someone not named before ("a BHP spokesman"), never merely the last
        /// person named.
        indefinite: bool,
    },
}

impl Candidate {
    fn range(&self, doc_mentions: &[&MentionRec]) -> Range<usize> {
        match self {
            Candidate::Mention(i) => doc_mentions[*i].range.clone(),
            Candidate::Pronoun { at, .. } | Candidate::Description { at, .. } => at.clone(),
        }
    }
}

/// Everything attribution needs to know about one document.
struct Context<'a> {
    doc: &'a Document,
    actors: &'a ActorSet,
    words: Vec<Word<'a>>,
    /// Outer ranges of top-level quotes: cues inside them are the speaker's words, not cues.
    quoted: Vec<Range<usize>>,
    mentions: Vec<&'a MentionRec>,
    /// Speakers of the quotes attributed so far, in order: (quote start, actor).
    spoken: Vec<(usize, usize)>,
}

/// Fills `speaker` and `cue` of each quote of `doc`, and drops nested quotes that nobody else
/// is said to have said (they stay part of their outer quote).
///
/// Guarantee: every `speaker` indexes `actors.actors`; every `cue` lies outside top-level quotes
/// (or, for a nested quote, inside its outer quote after the nested one).
pub fn attribute_speakers(doc: &Document, quotes: &mut Vec<QuoteRec>, actors: &ActorSet) {
    let doc_idx = quotes.first().map_or(usize::MAX, |q| q.doc);
    // Mentions are sorted by document: this document's are one slice, found in O(log n).
    let from = actors.mentions.partition_point(|m| m.doc < doc_idx);
    let to = actors.mentions.partition_point(|m| m.doc <= doc_idx);
    let mentions: Vec<&MentionRec> = actors.mentions[from..to].iter().collect();
    let words = words_near_quotes(doc, quotes);
    let quoted = quotes
        .iter()
        .filter(|q| !q.nested)
        .map(|q| q.outer.clone())
        .collect();
    let mut cx = Context {
        doc,
        actors,
        words,
        quoted,
        mentions,
        spoken: Vec::new(),
    };

    let mut keep = vec![true; quotes.len()];
    for i in 0..quotes.len() {
        if quotes[i].heading {
            continue;
        }
        let found = if quotes[i].nested {
            let r = cx.after_nested(&quotes[i]);
            keep[i] = r.is_some();
            r
        } else {
            cx.after_quote(&quotes[i])
                .or_else(|| cx.before_quote(&quotes[i]))
        };
        if let Some((speaker, cue)) = found {
            quotes[i].speaker = speaker;
            quotes[i].cue = Some(cue);
            if let Some(s) = speaker {
                cx.spoken.push((quotes[i].outer.start, s));
            }
        }
    }
    let mut k = 0;
    quotes.retain(|_| {
        k += 1;
        keep[k - 1]
    });
    inherit_speakers(doc, quotes);
}

/// The words attribution may read, with their lowercase forms: those of each paragraph holding a
/// quote to attribute, less the words inside its quotes (but for quotes holding a nested quote),
/// with at least two words before and one after each piece kept.
///
/// Guarantee: the list is a series of runs of consecutive words of the whole document, and every
/// word of a kept piece has its two predecessors and its successor in the document (where it has
/// them) right beside it in the list, so index steps of up to two back and one on, and searches
/// by position inside a piece, read as on the whole document's word list.
/// Why: attribution reads words only outside quotes in a quote's paragraph (inside one only after
/// a nested quote), and near them at most two words back or one on; the rest is most of the text.
/// Pieces start and end on a paragraph's edge or a quote's outer edge, and their margins after
/// white space: no word crosses any of these (a quote mark is never part of a word), so scanning
/// a piece finds the document's own words.
fn words_near_quotes<'a>(doc: &'a Document, quotes: &[QuoteRec]) -> Vec<Word<'a>> {
    let text = doc.text.as_str();
    let mut out: Vec<Word<'a>> = Vec::new();
    // End of the text scanned so far: a piece reaching back to it extends the last run.
    let mut cursor = 0;
    let mut scan = |piece: Range<usize>, out: &mut Vec<Word<'a>>| {
        let from = back_over_words(text, cursor, piece.start, 2).max(cursor);
        let to = on_over_words(text, piece.end.max(cursor), 1);
        out.extend(word_ranges(text, from..to).into_iter().map(|r| Word {
            lower: lowercase(&text[r.clone()]),
            range: r,
        }));
        cursor = to;
    };
    // The paragraph being cut into pieces, and where its current piece starts.
    let mut open: Option<(usize, usize)> = None;
    for (i, q) in quotes.iter().enumerate() {
        if q.heading || q.nested {
            continue;
        }
        let Some(p) = doc.paragraph_at(q.outer.start) else {
            continue;
        };
        let piece_start = match open {
            Some((op, at)) if op == p => at,
            _ => {
                if let Some((op, at)) = open {
                    scan(at..doc.paragraphs[op].end, &mut out);
                }
                doc.paragraphs[p].start
            }
        };
        let holds_nested = quotes
            .get(i + 1)
            .is_some_and(|n| n.nested && n.outer.end <= q.outer.end);
        if holds_nested {
            open = Some((p, piece_start));
        } else {
            scan(piece_start..q.outer.start, &mut out);
            open = Some((p, q.outer.end));
        }
    }
    if let Some((op, at)) = open {
        scan(at..doc.paragraphs[op].end, &mut out);
    }
    out
}

/// A point of `text` at or before `at` (which no word crosses) with at least `n` words between
/// it and `at`, or the first such point at or before `floor`; no word crosses the point either,
/// as it follows white space (or is the start).
fn back_over_words(text: &str, floor: usize, at: usize, n: usize) -> usize {
    let (mut x, mut count) = (at, 0);
    while x > floor && count < n {
        let head = text[..x].trim_end();
        let y = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        count += usize::from(has_word(&head[y..]));
        x = y;
    }
    x
}

/// A point of `text` at or after `at` (which no word crosses) with at least `n` words between
/// `at` and it, or the end; no word crosses the point either, as it is white space (or the end).
/// One pass over the characters: each run between white space that holds a word counts once.
fn on_over_words(text: &str, at: usize, n: usize) -> usize {
    let (mut count, mut counted) = (0, false);
    for (i, c) in text[at..].char_indices() {
        if c.is_whitespace() {
            if count >= n {
                return at + i;
            }
            counted = false;
        } else if !counted && crate::text::is_alphanumeric(c) {
            count += 1;
            counted = true;
        }
    }
    text.len()
}

/// True when a run of text without white space holds a word: words are runs of letters and
/// digits, so such a run holds one exactly when it has a letter or digit (and runs apart hold
/// different words), which is cheaper to ask than to list its words.
fn has_word(token: &str) -> bool {
    token.chars().any(crate::text::is_alphanumeric)
}

/// Speakers no list knows: for each quote, a capitalised personal name standing in a cue's
/// subject place ("Feargal Sharkey, the former musician, told", "said Karine Jean-Pierre")
/// becomes a person in `actors` (see [`crate::actors::speakers`]), so that attribution finds it.
/// `quotes[i]` holds the quotes of `docs[i]`; names are added document by document, in order.
pub fn discover_speakers(docs: &[Document], quotes: &[Vec<QuoteRec>], actors: &mut ActorSet) {
    let mut speakers: Vec<(usize, Range<usize>, &str)> = Vec::new();
    for (i, (doc, qs)) in docs.iter().zip(quotes).enumerate() {
        for r in speaker_names(doc, qs) {
            speakers.push((i, r.clone(), &doc.text[r]));
        }
    }
    actors.add_named_speakers(&speakers);
}

/// The ranges of the names standing in a speaker's place in `doc`, each once, in the order of
/// the quotes they speak.
fn speaker_names(doc: &Document, quotes: &[QuoteRec]) -> Vec<Range<usize>> {
    use crate::actors::speakers::{looks_like_organisation, name_ending_at, name_starting_at};
    let text = doc.text.as_str();
    let quoted: Vec<Range<usize>> = quotes
        .iter()
        .filter(|q| !q.nested)
        .map(|q| q.outer.clone())
        .collect();
    let outside = |r: &Range<usize>| {
        let k = quoted.partition_point(|q| q.start <= r.start);
        !(k > 0 && r.end <= quoted[k - 1].end)
    };
    let mut found: Vec<Range<usize>> = Vec::new();
    for q in quotes.iter().filter(|q| !q.nested && !q.heading) {
        let Some(p) = doc.paragraph_at(q.outer.start) else {
            continue;
        };
        let para = doc.paragraphs[p].clone();
        // The cue after the closing mark (within a few words), else the last one before it.
        // Only the first few words after it count: the scan stops after as many runs holding a
        // word, at white space (where a scan of the whole window splits words the same way).
        let window_end = para.end.min(q.outer.end + 200);
        let after_end = window_end.min(on_over_words(text, q.outer.end, AFTER_WINDOW_WORDS));
        // As in attribution: only a quote ending as an attribution's does is followed by one.
        let follows = attribution_follows(&text[q.range.clone()], &text[q.outer.end..para.end]);
        let after: Vec<Range<usize>> = word_ranges(text, q.outer.end..after_end)
            .into_iter()
            .take(if follows { AFTER_WINDOW_WORDS } else { 0 })
            .take_while(|w| outside(w))
            .collect();
        let is_cue = |w: &Range<usize>| {
            text.get(w.clone())
                .is_some_and(|s| is_cue_word(&lowercase(s)))
        };
        let cue = after
            .iter()
            .position(is_cue)
            .map(|i| (after[i].clone(), i == 0))
            .or_else(|| {
                // Read only when no cue follows the quote.
                let before_from = doc
                    .sentence_at(q.outer.start)
                    .map_or(para.start, |s| doc.sentences[s].range.start);
                word_ranges(
                    text,
                    before_from.max(q.outer.start.saturating_sub(MAX_REACH))..q.outer.start,
                )
                .into_iter()
                .filter(|w| outside(w))
                .rfind(is_cue)
                .map(|w| (w, false))
            });
        let Some((cue, cue_first)) = cue else {
            continue;
        };
        let name = if cue_first {
            // "said Feargal Sharkey" (or "declared by …")
            let mut from = cue.end;
            if text[from..].trim_start().starts_with("by ") {
                from = text[from..].find("by ").map_or(from, |i| from + i + 2);
            }
            name_starting_at(text, from, 2)
        } else {
            let mut head = text[..cue.start].trim_end();
            // Adverbs and auxiliaries before the cue: "Jo Li also said", "Jo Li, who …, had said".
            for _ in 0..2 {
                let w = &head[head.rfind(' ').map_or(0, |i| i + 1)..];
                if w.chars().all(char::is_lowercase)
                    && !clause_word(w)
                    && !matches!(w, "and" | "or" | "but")
                {
                    head = head[..head.len() - w.len()].trim_end();
                }
            }
            if let Some(stripped) = head.strip_suffix(',') {
                // "…, Steve Reed, said" or "Feargal Sharkey, the former musician, told" (or "Jo
                // Li, head of the Patients Association, told": an organisation ends appositions)
                let own = name_ending_at(text, stripped.len())
                    .filter(|r| !looks_like_organisation(&text[r.clone()]));
                own.or_else(|| {
                    let open = stripped.rfind(',')?;
                    (stripped[open..].split_whitespace().count() <= APPOSITION_WORDS)
                        .then(|| name_ending_at(text, open))
                        .flatten()
                })
            } else {
                name_ending_at(text, head.len())
            }
        };
        if let Some(r) = name.filter(|r| !looks_like_organisation(&text[r.clone()])) {
            if !found.contains(&r) {
                found.push(r);
            }
        }
    }
    found
}

/// True when the words after a quote's closing mark may be its attribution: the quote ends in a
/// comma, "!", "?" or a dash, or a comma or dash follows the mark ("…,” she said"); after a full
/// stop a new sentence starts ("…’. He added: …").
#[inline(always)]
fn attribution_follows(inner: &str, after: &str) -> bool {
    inner.trim_end().ends_with([',', '!', '?', '—', '-'])
        || after.trim_start().starts_with([',', '—', '–'])
}

/// Split quotes and quote-only paragraphs take the speaker of the quote beside them.
fn inherit_speakers(doc: &Document, quotes: &mut [QuoteRec]) {
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() || quotes[i].heading || quotes[i].nested {
            continue;
        }
        let para = doc.paragraph_at(quotes[i].outer.start);
        let prev = (0..i)
            .rev()
            .find(|&j| !quotes[j].nested && !quotes[j].heading);
        let next = (i + 1..quotes.len()).find(|&j| !quotes[j].nested && !quotes[j].heading);
        let same_para = |j: usize| doc.paragraph_at(quotes[j].outer.start) == para;
        let pick = prev
            .filter(|&j| same_para(j) && quotes[j].speaker.is_some())
            .or_else(|| next.filter(|&j| same_para(j) && quotes[j].speaker.is_some()))
            .or_else(|| {
                // A paragraph that is only a quote continues the previous paragraph's speaker.
                let opens_para =
                    para.is_some_and(|p| doc.paragraphs[p].start == quotes[i].outer.start);
                prev.filter(|&j| {
                    opens_para
                        && quotes[j].speaker.is_some()
                        && para.is_some_and(|p| {
                            doc.paragraph_at(quotes[j].outer.start) == p.checked_sub(1)
                        })
                })
            });
        if let Some(j) = pick {
            quotes[i].speaker = quotes[j].speaker;
            quotes[i].cue = quotes[j].cue.clone();
        }
    }
    // A quote left open at its paragraph's end is continued by the next paragraph's quote, whose
    // attribution covers both (backwards, so a chain of paragraphs takes the last one's speaker).
    for i in (0..quotes.len()).rev() {
        let unclosed = quotes[i].outer.end == quotes[i].range.end;
        if quotes[i].speaker.is_some() || quotes[i].nested || !unclosed {
            continue;
        }
        let para = doc.paragraph_at(quotes[i].outer.start);
        let next = (i + 1..quotes.len()).find(|&j| !quotes[j].nested);
        if let Some(j) = next.filter(|&j| {
            let pj = doc.paragraph_at(quotes[j].outer.start);
            pj.is_some()
                && pj == para.map(|p| p + 1)
                && doc.paragraphs[pj.unwrap_or(0)].start == quotes[j].outer.start
        }) {
            quotes[i].speaker = quotes[j].speaker;
            quotes[i].cue = quotes[j].cue.clone();
        }
    }
}

/// Words allowed between a speaker and its cue without breaking the link ("also", "on Monday",
/// "news agency"): at most this many, and no comma.
const SHORT_GAP_WORDS: usize = 4;
/// Longest apposition between a speaker and its cue (", vice-president of …,").
const APPOSITION_WORDS: usize = 16;
/// How far after a closing mark an attribution may start.
const AFTER_WINDOW_WORDS: usize = 10;
/// The farthest, in bytes, a speaker may stand from its cue or quote: a sentence of news prose
/// is far shorter, and the bound keeps attribution linear on text without sentence breaks.
const MAX_REACH: usize = 1500;
/// How many earlier mentions or sentences a pronoun or description looks back over.
const LOOK_BACK: usize = 400;

impl Context<'_> {
    fn text(&self) -> &str {
        &self.doc.text
    }

    /// True when `r` lies inside a top-level quote (`quoted` is sorted and non-overlapping).
    fn in_quote(&self, r: &Range<usize>) -> bool {
        let k = self.quoted.partition_point(|q| q.start <= r.start);
        k > 0 && r.end <= self.quoted[k - 1].end
    }

    /// True when a mention overlaps `r` (mentions are sorted and non-overlapping).
    fn overlaps_mention(&self, r: &Range<usize>) -> bool {
        let k = self.mentions.partition_point(|m| m.range.end <= r.start);
        self.mentions.get(k).is_some_and(|m| overlaps(&m.range, r))
    }

    /// `b` moved back to at most `MAX_REACH` bytes before `to`, on a char boundary.
    fn reach_back(&self, b: usize, to: usize) -> usize {
        let mut b = b.max(to.saturating_sub(MAX_REACH));
        while !self.text().is_char_boundary(b) {
            b += 1;
        }
        b
    }

    /// Index of the first word starting at or after byte `b`.
    fn word_at_or_after(&self, b: usize) -> usize {
        self.words.partition_point(|w| w.range.start < b)
    }

    /// The cue starting at word `wi`, if any (outside quotes unless `inside_ok`).
    fn cue_at(&self, wi: usize, inside_ok: bool) -> Option<Cue> {
        let w = self.words.get(wi)?;
        if !inside_ok && self.in_quote(&w.range) {
            return None;
        }
        let lex = lexicon();
        if let Some(&kind) = lex.words.get(w.lower.as_ref()) {
            return Some(Cue {
                range: w.range.clone(),
                kind,
            });
        }
        let next = self.words.get(wi + 1)?;
        lex.pairs
            .iter()
            .find(|(a, b, _)| *a == w.lower && *b == next.lower)
            .map(|&(_, _, kind)| Cue {
                range: w.range.start..next.range.end,
                kind,
            })
    }

    /// Candidates (mentions, pronouns, descriptions) lying inside `region`, in text order.
    fn candidates_in(&self, region: Range<usize>, inside_ok: bool) -> Vec<Candidate> {
        let mut out: Vec<(usize, Candidate)> = Vec::new();
        let first_mention = self
            .mentions
            .partition_point(|m| m.range.start < region.start);
        for (i, m) in self.mentions.iter().enumerate().skip(first_mention) {
            if m.range.start >= region.end {
                break;
            }
            if m.range.end <= region.end && (inside_ok || !self.in_quote(&m.range)) {
                out.push((m.range.start, Candidate::Mention(i)));
            }
        }
        let lex = lexicon();
        let first = self.word_at_or_after(region.start);
        for wi in first..self.words.len() {
            let w = &self.words[wi];
            if w.range.end > region.end {
                break;
            }
            if (!inside_ok && self.in_quote(&w.range)) || self.overlaps_mention(&w.range) {
                continue;
            }
            if matches!(w.lower.as_ref(), "he" | "she" | "it" | "they") {
                out.push((
                    w.range.start,
                    Candidate::Pronoun {
                        word: w.lower.to_string(),
                        at: w.range.clone(),
                    },
                ));
            } else if let Some((&noun, &class)) = lex.nouns.get_key_value(w.lower.as_ref()) {
                // 2 for "a"/"an", 1 for a definite determiner, 0 for none.
                let det = |k: usize| {
                    wi.checked_sub(k)
                        .and_then(|j| self.words.get(j))
                        .map_or(0, |d| match d.lower.as_ref() {
                            "a" | "an" => 2,
                            "the" | "its" | "this" | "their" => 1,
                            _ => 0,
                        })
                };
                let d = det(1).max(det(2));
                if d > 0 {
                    out.push((
                        w.range.start,
                        Candidate::Description {
                            noun,
                            class,
                            at: w.range.clone(),
                            indefinite: d == 2,
                        },
                    ));
                }
            }
        }
        crate::collections::sort_by_key(&mut out, |(s, _)| *s);
        out.into_iter().map(|(_, c)| c).collect()
    }

    /// The subject of `cue`: the nearest candidate before it, in `region_start..cue`, joined to it
    /// by a short gap or an apposition; a coordinated cue ("and added") takes the subject of the
    /// cue before it; failing both, the first candidate of the clause (its subject).
    fn subject_before(&self, cue: &Cue, region_start: usize, depth: u8) -> Option<Candidate> {
        let region_start = self.reach_back(region_start, cue.range.start);
        let cands = self.candidates_in(region_start..cue.range.start, false);
        for c in cands.iter().rev() {
            let r = c.range(&self.mentions);
            let gap = &self.text()[r.end..cue.range.start];
            if short_gap(gap) || apposition(gap) || self.named_apposition(c, gap) {
                return Some(c.clone());
            }
        }
        let before = self.text()[region_start..cue.range.start].trim_end();
        let coordinated =
            before.ends_with(" and") || before.ends_with(" but") || before.ends_with(',');
        if coordinated && depth < 3 {
            let wi = self.word_at_or_after(region_start);
            let prev_cue = (wi..self.word_at_or_after(cue.range.start))
                .rev()
                .find_map(|k| {
                    self.cue_at(k, false)
                        .filter(|c| c.range.end <= cue.range.start)
                });
            if let Some(pc) = prev_cue {
                if let Some(s) = self.subject_before(&pc, region_start, depth + 1) {
                    return Some(s);
                }
            }
        }
        cands.into_iter().next()
    }

    /// "the environment secretary, Thérèse Coffey, said": a named actor set off by commas right
    /// before the cue names the speaker that the description before it introduced.
    fn named_apposition(&self, c: &Candidate, gap: &str) -> bool {
        let Candidate::Mention(i) = c else {
            return false;
        };
        // The apposition may hold the name's title too: "its chairman, Councillor David Holloway,".
        let m = self.mentions[*i];
        let start = m
            .role
            .as_ref()
            .filter(|r| {
                r.end <= m.range.start && self.text()[r.end..m.range.start].trim().is_empty()
            })
            .map_or(m.range.start, |r| r.start);
        gap.trim() == "," && self.text()[..start].trim_end().ends_with(',')
    }

    /// The speaker right after a cue: "said Hua Chunying", "according to the FBI", "declared by
    /// Obama". A person wins over a body named just before it ("said ministry spokeswoman Hua").
    fn speaker_after(&self, cue: &Cue, limit: usize, inside_ok: bool) -> Option<Candidate> {
        let end = limit.min(self.text().len());
        if cue.range.end >= end {
            return None;
        }
        let cands = self.candidates_in(cue.range.end..end, inside_ok);
        let mut best: Option<Candidate> = None;
        for c in cands {
            let r = c.range(&self.mentions);
            let gap = &self.text()[cue.range.end..r.start];
            let words = gap.split_whitespace().count();
            // A title's period ("said Sen. Ted Cruz") does not break the link; a comma does.
            if gap.contains([',', ';', ':']) && words > 0 {
                break;
            }
            if words > 5 {
                break;
            }
            // "called it “…”": after a cue, "it" is the object, not an inverted subject; and
            // "said in a statement": the medium is no speaker.
            if gap.trim_start().starts_with("in ")
                || matches!(&c, Candidate::Pronoun { word, .. } if word == "it")
            {
                continue;
            }
            let is_person = matches!(&c, Candidate::Mention(i) if self.actor_kind(self.mentions[*i].actor) == ActorKind::Person);
            match &best {
                None => best = Some(c),
                Some(_) if is_person => return Some(c),
                Some(_) => {}
            }
        }
        best
    }

    fn actor_kind(&self, a: usize) -> ActorKind {
        self.actors
            .actors
            .get(a)
            .map_or(ActorKind::Other, |x| x.kind)
    }

    /// Pattern 1: an attribution right after the closing mark.
    fn after_quote(&self, q: &QuoteRec) -> Option<(Option<usize>, Range<usize>)> {
        let text = self.text();
        let para_end = self
            .doc
            .paragraph_at(q.outer.start)
            .map_or(text.len(), |p| self.doc.paragraphs[p].end);
        // The attribution runs to the end of the sentence or the next quote, whichever is first.
        let k = self.quoted.partition_point(|r| r.start < q.outer.end);
        let next_quote = self.quoted.get(k).map_or(para_end, |r| r.start);
        let sent_end = self
            .doc
            .sentence_at(q.outer.end)
            .map_or(para_end, |s| self.doc.sentences[s].range.end)
            .max(q.outer.end);
        let limit = next_quote
            .min(sent_end)
            .min(para_end)
            .min(q.outer.end + MAX_REACH);
        let inner = text.get(q.range.clone()).unwrap_or("");
        let after = text.get(q.outer.end..limit).unwrap_or("");
        if !attribution_follows(inner, after) {
            return None;
        }
        self.attribution_from(q.outer.end, limit, false)
    }

    /// A nested quote is kept only when its own attribution follows it inside the outer quote
    /// ("the ‘symmetric counteraction’ declared by Obama").
    fn after_nested(&self, q: &QuoteRec) -> Option<(Option<usize>, Range<usize>)> {
        let outer_end = self
            .quoted
            .iter()
            .find(|r| r.start <= q.outer.start && q.outer.end <= r.end)?
            .end;
        self.attribution_from(q.outer.end, outer_end, true)
    }

    /// Looks for `[SPEAKER] CUE` or `CUE [by] SPEAKER` starting within a few words of `from`.
    fn attribution_from(
        &self,
        from: usize,
        limit: usize,
        inside_ok: bool,
    ) -> Option<(Option<usize>, Range<usize>)> {
        let first = self.word_at_or_after(from);
        for wi in first..(first + AFTER_WINDOW_WORDS).min(self.words.len()) {
            if self.words[wi].range.end > limit {
                break;
            }
            let Some(cue) = self.cue_at(wi, inside_ok) else {
                continue;
            };
            let cand = if wi == first {
                // "…,” said Hua" / "declared by Obama" / "according to the FBI"
                let mut c = cue.clone();
                if self.words.get(wi + 1).is_some_and(|w| w.lower == "by") {
                    c.range.end = self.words[wi + 1].range.end;
                }
                self.speaker_after(&c, limit, inside_ok)
            } else {
                self.subject_before(&cue, from, 0)
                    .filter(|c| c.range(&self.mentions).start >= from)
            };
            let cand = cand.or_else(|| self.speaker_after(&cue, limit, inside_ok))?;
            return Some((self.resolve(&cand), cue.range));
        }
        None
    }

    /// Pattern 2: the last cue before the opening mark in the same sentence, and its speaker.
    fn before_quote(&self, q: &QuoteRec) -> Option<(Option<usize>, Range<usize>)> {
        let sent = self
            .doc
            .sentence_at(q.outer.start)
            .map(|s| self.doc.sentences[s].range.clone())?;
        let start_w = self.word_at_or_after(self.reach_back(sent.start, q.outer.start));
        let end_w = self.word_at_or_after(q.outer.start);
        // "According to X" anywhere before names the source.
        let mut last: Option<Cue> = None;
        for wi in start_w..end_w {
            if let Some(c) = self.cue_at(wi, false) {
                if c.kind == CueKind::Source {
                    if let Some(s) = self.speaker_after(&c, q.outer.start, false) {
                        return Some((self.resolve(&s), c.range));
                    }
                }
                last = Some(c);
            }
        }
        // Without a cue, a colon right before the quote gives its clause's subject the words:
        // "Starmer: ‘…’", "Mr Reed was blunt: ‘…’".
        let cue = last.or_else(|| {
            let head = self.text()[sent.start..q.outer.start].trim_end();
            let colon = sent.start + head.strip_suffix(':')?.len();
            Some(Cue {
                range: colon..colon + 1,
                kind: CueKind::Speech,
            })
        })?;
        let cand = self
            .subject_before(&cue, sent.start, 0)
            .or_else(|| self.speaker_after(&cue, q.outer.start, false))?;
        Some((self.resolve(&cand), cue.range))
    }

    /// Resolves a candidate to an actor.
    fn resolve(&self, c: &Candidate) -> Option<usize> {
        match c {
            Candidate::Mention(i) => Some(self.mentions[*i].actor),
            Candidate::Pronoun { word, at } => self.resolve_pronoun(word, at.start),
            Candidate::Description {
                noun,
                class,
                at,
                indefinite,
            } => self.resolve_description(noun, *class, at.start, *indefinite),
        }
    }

    fn mentions_before(&self, pos: usize) -> impl Iterator<Item = &MentionRec> + '_ {
        let k = self.mentions.partition_point(|m| m.range.start < pos);
        self.mentions[k.saturating_sub(LOOK_BACK)..k]
            .iter()
            .rev()
            .copied()
    }

    /// "he"/"she": the last person named whose gender fits; "it": the last organisation or
    /// country that spoke (within two paragraphs), else the last one named; "they": the last group.
    fn resolve_pronoun(&self, word: &str, pos: usize) -> Option<usize> {
        let actors = &self.actors.actors;
        match word {
            "he" | "she" => {
                let want = if word == "she" {
                    Gender::Female
                } else {
                    Gender::Male
                };
                let fits = |a: usize| {
                    actors[a].kind == ActorKind::Person && actors[a].gender != opposite(want)
                };
                self.mentions_before(pos)
                    .map(|m| m.actor)
                    .find(|&a| fits(a))
            }
            "it" => {
                let para = self.doc.paragraph_at(pos).unwrap_or(0);
                let org = |a: usize| {
                    matches!(actors[a].kind, ActorKind::Organization | ActorKind::Country)
                };
                let spoke = self.spoken.iter().rev().find(|&&(at, a)| {
                    org(a)
                        && at < pos
                        && self
                            .doc
                            .paragraph_at(at)
                            .is_some_and(|p| para.saturating_sub(p) <= 2)
                });
                spoke
                    .map(|&(_, a)| a)
                    .or_else(|| self.mentions_before(pos).map(|m| m.actor).find(|&a| org(a)))
            }
            _ => {
                let group =
                    |a: usize| matches!(actors[a].kind, ActorKind::Group | ActorKind::Organization);
                self.mentions_before(pos)
                    .map(|m| m.actor)
                    .find(|&a| group(a))
            }
        }
    }

    /// "the minister" → the last person with that title; "the statement" → who issued the last
    /// statement; "the commission" → the last organisation with that word in its name.
    fn resolve_description(
        &self,
        noun: &str,
        class: NounClass,
        pos: usize,
        indefinite: bool,
    ) -> Option<usize> {
        let text = self.text();
        let actors = &self.actors.actors;
        let has_word = |hay: &str| {
            word_ranges(hay, 0..hay.len())
                .iter()
                .any(|r| hay[r.clone()].eq_ignore_ascii_case(noun))
        };
        match class {
            NounClass::Role => {
                let titled = self.mentions_before(pos).find(|m| {
                    actors[m.actor].kind == ActorKind::Person
                        && m.role
                            .as_ref()
                            .and_then(|r| text.get(r.clone()))
                            .is_some_and(has_word)
                });
                titled.map(|m| m.actor).or_else(|| {
                    self.mentions_before(pos)
                        .map(|m| m.actor)
                        .find(|&a| !indefinite && actors[a].kind == ActorKind::Person)
                })
            }
            NounClass::Issuer => {
                // The organisation named in the last earlier sentence that mentions the document.
                let cur = self
                    .doc
                    .sentence_at(pos)
                    .unwrap_or(self.doc.sentences.len());
                let earlier = &self.doc.sentences[cur.saturating_sub(LOOK_BACK)..cur];
                for s in earlier.iter().rev() {
                    let st = text.get(s.range.clone()).unwrap_or("");
                    if !has_word(st) {
                        continue;
                    }
                    let from = self
                        .mentions
                        .partition_point(|m| m.range.start < s.range.start);
                    let in_sentence: Vec<&MentionRec> = self.mentions[from..]
                        .iter()
                        .copied()
                        .take_while(|m| m.range.end <= s.range.end)
                        .collect();
                    let pick = in_sentence
                        .iter()
                        .find(|m| actors[m.actor].kind == ActorKind::Organization)
                        .or_else(|| {
                            in_sentence
                                .iter()
                                .find(|m| actors[m.actor].kind == ActorKind::Country)
                        });
                    if let Some(m) = pick {
                        return Some(m.actor);
                    }
                }
                self.spoken
                    .iter()
                    .rev()
                    .find(|&&(at, _)| at < pos)
                    .map(|&(_, a)| a)
            }
            NounClass::Body | NounClass::Firm => {
                let named = self.mentions_before(pos).find(|m| {
                    actors[m.actor].kind == ActorKind::Organization
                        && (has_word(&actors[m.actor].name)
                            || actors[m.actor].aliases.iter().any(|a| has_word(a)))
                });
                // Only a business noun falls back to the last organisation named.
                named.map(|m| m.actor).or_else(|| {
                    (class == NounClass::Firm)
                        .then(|| {
                            self.mentions_before(pos)
                                .map(|m| m.actor)
                                .find(|&a| actors[a].kind == ActorKind::Organization)
                        })
                        .flatten()
                })
            }
        }
    }
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Female => Gender::Male,
        Gender::Male => Gender::Female,
        Gender::Unknown => Gender::Unknown,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Words that open a clause of their own: a speaker before one of them is not the cue's subject.
fn clause_word(w: &str) -> bool {
    matches!(
        &*crate::text::lowercase(w),
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "when"
            | "after"
            | "before"
            | "because"
            | "if"
            | "while"
            | "as"
    )
}

/// A gap of a few words and no clause break between a speaker and its cue ("also", "on
/// Monday", "’s spokesman").
fn short_gap(gap: &str) -> bool {
    if gap.contains([',', ';', ':', '“', '”', '"', '(', ')', '—']) || gap.contains(". ") {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    words.len() <= SHORT_GAP_WORDS && !words.iter().any(|w| clause_word(w))
}

/// An apposition between a speaker and its cue: ", deputy energy minister," (a couple of words
/// such as "has" or "on Monday" may follow the closing comma).
fn apposition(gap: &str) -> bool {
    let t = gap.trim();
    if !t.starts_with(',') || t.contains([';', ':', '“', '”', '"']) {
        return false;
    }
    let Some(last) = t.rfind(',') else {
        return false;
    };
    if last == 0 {
        return false;
    }
    let inside = t[1..last].split_whitespace().count();
    let tail: Vec<&str> = t[last + 1..].split_whitespace().collect();
    (1..=APPOSITION_WORDS).contains(&inside)
        && tail.len() <= 2
        && !tail.iter().any(|w| clause_word(w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::ActorRec;
    use crate::analysis::DocumentInput;

    /// Attributes the quotes of `text` with actors found by exact name: (name, kind, gender,
    /// role written before the name).
    fn speakers(
        text: &str,
        names: &[(&str, ActorKind, Gender, &str)],
    ) -> Vec<(String, Option<String>)> {
        let doc = Document::new(&DocumentInput {
            id: "d".into(),
            text: text.into(),
            outlet: None,
            title: None,
        });
        let mut set = ActorSet::default();
        for (i, (name, kind, gender, role)) in names.iter().enumerate() {
            set.actors.push(ActorRec {
                id: format!("a{i}"),
                name: name.to_string(),
                kind: *kind,
                aliases: vec![name.to_string()],
                affiliation: None,
                gender: *gender,
            });
            for (at, _) in text.match_indices(name) {
                let role = (!role.is_empty() && text[..at].ends_with(&format!("{role} ")))
                    .then(|| at - role.len() - 1..at - 1);
                set.mentions.push(MentionRec {
                    doc: 0,
                    range: at..at + name.len(),
                    actor: i,
                    role,
                });
            }
        }
        crate::collections::sort_by_key(&mut set.mentions, |m| m.range.start);
        let mut qs = crate::quotes::find_quotes(&doc, 0);
        attribute_speakers(&doc, &mut qs, &set);
        qs.into_iter()
            .map(|q| {
                (
                    text[q.range].to_string(),
                    q.speaker.map(|a| set.actors[a].name.clone()),
                )
            })
            .collect()
    }

    const P: ActorKind = ActorKind::Person;
    const O: ActorKind = ActorKind::Organization;
    const C: ActorKind = ActorKind::Country;

    #[test]
    fn speaker_after_quote_with_role_and_split_quote() {
        let t = "“Facts first,” foreign ministry spokeswoman Hua Chunying said. “China will act.”\n\n“A long statement goes on.\n\n“And ends here,” Hua Chunying said.";
        let s = speakers(
            t,
            &[
                ("foreign ministry", O, Gender::Unknown, ""),
                ("Hua Chunying", P, Gender::Female, ""),
            ],
        );
        assert_eq!(s[0].1.as_deref(), Some("Hua Chunying"));
        assert_eq!(s[1].1.as_deref(), Some("Hua Chunying"));
        assert_eq!(
            s[2],
            (
                "A long statement goes on.".to_string(),
                Some("Hua Chunying".to_string())
            )
        );
    }

    #[test]
    fn apposition_and_cue_first() {
        let t = "“No risk,” Chung Yang-ho, deputy energy minister, told Reuters.\n\n“Soon,” said Kim Song.";
        let s = speakers(
            t,
            &[
                ("Chung Yang-ho", P, Gender::Unknown, ""),
                ("Reuters", O, Gender::Unknown, ""),
                ("Kim Song", P, Gender::Unknown, ""),
            ],
        );
        assert_eq!(s[0].1.as_deref(), Some("Chung Yang-ho"));
        assert_eq!(s[1].1.as_deref(), Some("Kim Song"));
    }

    #[test]
    fn pronouns_follow_the_last_fitting_actor() {
        let t = "Hua Chunying spoke first. Obama put it plainly.\n\n“No, it was not war,” he told CNN.\n\n“We know,” the KCNA news agency said. Korea is the North.\n\n“We will win,” it said.\n\n“Facts,” she said.";
        let s = speakers(
            t,
            &[
                ("Hua Chunying", P, Gender::Female, ""),
                ("Obama", P, Gender::Male, ""),
                ("CNN", O, Gender::Unknown, ""),
                ("KCNA", O, Gender::Unknown, ""),
                ("Korea", C, Gender::Unknown, ""),
            ],
        );
        assert_eq!(s[0].1.as_deref(), Some("Obama"));
        assert_eq!(s[1].1.as_deref(), Some("KCNA"));
        assert_eq!(s[2].1.as_deref(), Some("KCNA"));
        assert_eq!(s[3].1.as_deref(), Some("Hua Chunying"));
    }

    #[test]
    fn descriptions_resolve_to_the_actor() {
        let t = "Kerry briefed Foreign Minister Wang Yi on Sunday.\n\nChina “opposes attacks”, the minister said, and added that it is “opposed to any country doing so”.";
        let s = speakers(
            t,
            &[
                ("Kerry", P, Gender::Male, ""),
                ("Wang Yi", P, Gender::Unknown, "Foreign Minister"),
                ("China", C, Gender::Unknown, ""),
            ],
        );
        assert_eq!(s[0].1.as_deref(), Some("Wang Yi"));
        assert_eq!(s[1].1.as_deref(), Some("Wang Yi"));
    }

    #[test]
    fn source_cue_and_cue_before_quote() {
        let t = "According to the FBI, there is “significant overlap” with other attacks. Obama told CNN in an interview: “I don’t think it was an act of war.”";
        let s = speakers(
            t,
            &[
                ("FBI", O, Gender::Unknown, ""),
                ("Obama", P, Gender::Male, ""),
                ("CNN", O, Gender::Unknown, ""),
            ],
        );
        assert_eq!(s[0].1.as_deref(), Some("FBI"));
        assert_eq!(s[1].1.as_deref(), Some("Obama"));
    }

    #[test]
    fn nested_quote_kept_only_with_its_own_speaker() {
        let t = "“We surpass the ‘symmetric counteraction’ declared by Obama and the ‘great plan’ too,” it said.";
        let s = speakers(t, &[("Obama", P, Gender::Male, "")]);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(
            s[1],
            (
                "symmetric counteraction".to_string(),
                Some("Obama".to_string())
            )
        );
    }

    #[test]
    fn statements_and_unnamed_spokesmen_are_not_the_last_speaker() {
        let t = "“Soon,” said Kim Song.\n\nAcme said in a statement that it had made “a fair offer”.\n\nA company spokesman said it “will not negotiate”.";
        let s = speakers(t, &[("Kim Song", P, Gender::Male, "")]);
        assert_eq!(s[0].1.as_deref(), Some("Kim Song"));
        assert_eq!(s[1].1, None);
        assert_eq!(s[2].1, None);
    }

    #[test]
    fn a_colon_without_a_cue_gives_the_subject_the_words() {
        let t = "Kim: ‘We will win’ in the end\n\nAsked again, Kim Song was blunt: ‘No.’ Obama: nothing.";
        let s = speakers(
            t,
            &[("Kim", P, Gender::Male, ""), ("Obama", P, Gender::Male, "")],
        );
        assert_eq!(s[0].1.as_deref(), Some("Kim"));
        assert_eq!(s[1].1.as_deref(), Some("Kim"));
    }

    #[test]
    fn gaps() {
        assert!(short_gap(" "));
        assert!(short_gap(" news agency "));
        assert!(!short_gap(", "));
        assert!(!short_gap(" who later "));
        assert!(apposition(", deputy energy minister, "));
        assert!(apposition(
            ", while saying the hack was not an act of war, has "
        ));
        assert!(!apposition(", "));
    }
}
