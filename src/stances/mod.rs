//! Stances: who opposes, denies, accuses, threatens, supports whom or what.
//!
//! How: the words of each sentence are matched against the cue lexicon ([`cues`], data in
//! `data/stance_cues.tsv`, grammar words in `data/stance_grammar.tsv`). For each cue the holder
//! is, in order: the agent after "by" ("accused by Washington"); the modifier of a noun cue
//! ("U.S. accusations", "its opposition"; "the accusation" with nobody named has no holder);
//! nobody for a passive without an agent ("is being urged"); the sentence's subject for a
//! participial ", threatening ..." or a coordinated "... and has vowed"; else the nearest
//! subject-like actor mention or pronoun before the cue in its sentence (not after a
//! preposition, not a possessive or a title before a name; a common noun right before the cue,
//! "as union threatens", names no holder). Pronouns resolve within their clause first, then to
//! the sentence's subject, then to the last fitting actor before. Inside a quote, first person
//! and the speaker's own side (what the speaker speaks for) are the speaker; outside, what a
//! reporting verb's subject says of their own side ("Obama said the U.S. would respond") is
//! theirs. The target is the cue's complement up to the clause end, a comma or a second verb;
//! the evidence is the sentence; for a passive with its agent ("was welcomed by Japan") the target
//! is the passive's subject. A verb cue after a determiner is a noun ("a promise") and no cue. A
//! negator up to three words before the cue ("did not", "would not", "never", and "no" through
//! "longer" or "plans to") sets `negated` and flips the polarity of assertions, doubts, support and
//! opposition; an act not done ("did not criticize") and a cue after "stopped short of" give no
//! stance. Reporting verbs ("said", "claimed") are stances only when what they report is a
//! claim of responsibility, a denial, or is framed "as X said"; at most one stance is kept per
//! sentence, quote, holder, polarity and class.

pub mod cues;

use crate::collections::Set;
use std::ops::Range;

use crate::actors::{ActorSet, Gender};
use crate::analysis::{ActorKind, Polarity, StanceClass};
use crate::links::normalize::{lower_form, stem, RawMap, RawWords};
use crate::quotes::QuoteRec;
use crate::text::Document;

use cues::{lexicon, match_at, Found, Lexicon, Role};

/// One stance, in byte ranges of document `doc`; `holder` indexes `ActorSet::actors`.
///
/// Invariant: `cue`, `target` and `evidence` are non-empty byte ranges on char boundaries of
/// the document's text; `cue` lies inside `evidence`.
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

/// Most words a target runs to after its cue.
const MAX_TARGET_WORDS: usize = 16;
/// Most words after a reporting verb searched for what makes it a claim of responsibility.
const MAX_CLAIM_WORDS: usize = 32;
/// Most words the reader looks back or ahead of a cue for its holder and sentence.
const MAX_REACH: usize = 80;
/// How far back (in words) a negator still governs a cue.
const NEGATION_REACH: usize = 3;

/// What the reader needs to know of one distinct spelling of a word, worked out once per
/// spelling in a call of [`find_stances`] rather than once per occurrence (most words of a
/// corpus are repeats, and this is where the lowercasing, stemming and lookups cost).
struct WordInfo {
    /// `lower_form` of the word as written.
    lower: String,
    /// Id of the light stem of `lower` among the cue stems ([`Lexicon::stem_id`]).
    stem: u32,
    /// Grammatical role of `lower` in `data/stance_grammar.tsv`.
    role: Option<Role>,
    /// A negator: role "negator", any "n't" as written, or "cannot".
    negator: bool,
    /// `lower` is a function word of the links' stopword list.
    stopword: bool,
    /// `lower` is a pronoun that can stand as a clause's subject.
    subject_pronoun: bool,
    /// `lower` is "and" or "but" (what can join a second verb).
    and_or_but: bool,
    /// The word as written ends in "'s" or "’s", in any case.
    possessive: bool,
    /// No character of the word as written is uppercase.
    no_upper: bool,
    /// Every character of the word as written is lowercase (a digit is not).
    all_lower: bool,
    /// The word as written starts with an uppercase character.
    capitalised: bool,
}

impl WordInfo {
    fn new(raw: &str, lex: &Lexicon) -> Self {
        let lower = lower_form(raw);
        let role = lex.roles.get(lower.as_str()).copied();
        let lowered = crate::text::lowercase(raw).into_owned();
        WordInfo {
            stem: lex.stem_id(&stem(&lower)),
            role,
            negator: role == Some(Role::Negator)
                || raw.ends_with("n't")
                || raw.ends_with("n’t")
                || lower == "cannot",
            stopword: crate::links::normalize::is_stopword(&lower),
            subject_pronoun: is_subject_pronoun(&lower),
            and_or_but: matches!(lower.as_str(), "and" | "but"),
            possessive: lowered.ends_with("'s") || lowered.ends_with("’s"),
            no_upper: raw.chars().all(|c| !c.is_uppercase()),
            all_lower: raw.chars().all(|c| c.is_lowercase()),
            capitalised: raw.chars().next().is_some_and(char::is_uppercase),
            lower,
        }
    }
}

/// The distinct spellings of the words read so far, each with its [`WordInfo`] by id.
#[derive(Default)]
struct Vocabulary {
    /// Keyed as [`RawMap`] packs short words: one look-up per word of every document.
    ids: RawMap<u32>,
    infos: Vec<WordInfo>,
}

impl Vocabulary {
    /// The id of spelling `raw`, added with its facts when new.
    fn id(&mut self, raw: &str, lex: &Lexicon) -> u32 {
        if let Some(&id) = self.ids.get(raw) {
            return id;
        }
        let id = self.infos.len() as u32;
        self.infos.push(WordInfo::new(raw, lex));
        self.ids.insert(raw, id);
        id
    }
}

/// One word of a document with what the reader needs about it.
struct Tok<'v> {
    range: Range<usize>,
    /// The facts of the word's spelling.
    word: &'v WordInfo,
    /// Index of the sentence holding the word.
    sentence: usize,
    /// A clause starts at this word (boundary word, or punctuation that ends a clause before it).
    clause_start: bool,
    /// Index into `ActorSet::mentions` of the mention covering this word.
    mention: Option<usize>,
    /// A "'s" or "’s" follows the word.
    possessive: bool,
    /// The word is part of a title or role the actors module attached to a mention.
    in_role: bool,
}

/// What the subject search found.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Mention(usize),
    Pronoun(Role, usize),
}

struct Reader<'a, 'v> {
    doc_idx: usize,
    doc: &'a Document,
    toks: Vec<Tok<'v>>,
    /// Per word, the word range of its sentence.
    runs: Vec<Range<usize>>,
    /// Per word, its stem id ([`Lexicon::stem_id`]), what cues are matched against.
    stems: Vec<u32>,
    actors: &'a ActorSet,
    /// This document's quotes, sorted by start (longest first at one start).
    quotes: Vec<&'a QuoteRec>,
    /// The quotes inside no other, sorted by start.
    top_level: Vec<&'a QuoteRec>,
    lex: &'static Lexicon,
}

/// Finds the stances in all documents.
///
/// Never panics; stances whose holder cannot be named are left out.
pub fn find_stances(docs: &[Document], quotes: &[QuoteRec], actors: &ActorSet) -> Vec<StanceRec> {
    // Each document's mentions and quotes, gathered in one pass over each list (a filter per
    // document would cost documents × mentions).
    let mut mentions_of: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for (k, m) in actors.mentions.iter().enumerate() {
        if m.actor < actors.actors.len() {
            if let Some(v) = mentions_of.get_mut(m.doc) {
                v.push(k);
            }
        }
    }
    let mut quotes_of: Vec<Vec<&QuoteRec>> = vec![Vec::new(); docs.len()];
    for q in quotes {
        if let Some(v) = quotes_of.get_mut(q.doc) {
            v.push(q);
        }
    }
    let lex = lexicon();
    let mut vocab = Vocabulary::default();
    let mut out = Vec::new();
    // Reused for every document: grown to the longest once, not reallocated word by word.
    let mut words = Vec::new();
    let mut ids = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        words.clear();
        words.extend(RawWords::new(&doc.text));
        ids.clear();
        ids.extend(
            words
                .iter()
                .map(|(r, _)| vocab.id(&doc.text[r.clone()], lex)),
        );
        let reader = Reader::new(
            di,
            doc,
            (&words, &ids, &vocab),
            &quotes_of[di],
            &mentions_of[di],
            actors,
        );
        reader.read(&mut out);
    }
    out
}

/// True for the pronouns that can stand as a clause's subject.
fn is_subject_pronoun(lower: &str) -> bool {
    matches!(lower, "it" | "they" | "he" | "she" | "we" | "i")
}

/// A document's words: their ranges (from `raw_words`), their spellings' ids, and the
/// vocabulary the ids index.
type Words<'w, 'v> = (&'w [(Range<usize>, bool)], &'w [u32], &'v Vocabulary);

impl<'a, 'v> Reader<'a, 'v> {
    fn new(
        doc_idx: usize,
        doc: &'a Document,
        (words, ids, vocab): Words<'_, 'v>,
        quotes: &[&'a QuoteRec],
        mention_ids: &[usize],
        actors: &'a ActorSet,
    ) -> Self {
        let lex = lexicon();
        let text = &doc.text;
        // In text order: the set keeps mentions sorted by (doc, start), and so does this.
        // Their ranges are copied out so that the walk below reads one small array.
        let mentions: Vec<(usize, Range<usize>)> = mention_ids
            .iter()
            .map(|&k| (k, actors.mentions[k].range.clone()))
            .collect();
        let mut toks: Vec<Tok> = Vec::with_capacity(words.len());
        let mut mi = 0;
        let mut prev_end = 0;
        let mut prev_sentence = usize::MAX;
        // Words come in text order, so with sentences in order (ends never decreasing) the
        // sentence of each word is found by walking forward: the same index
        // `Document::sentence_at` finds by binary search, which is kept for any other case.
        let sentences = &doc.sentences;
        let ends_in_order = sentences
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.end);
        let mut si = 0;
        for ((r, _), &id) in words.iter().zip(ids) {
            let word = &vocab.infos[id as usize];
            let sentence = if ends_in_order {
                while si < sentences.len() && sentences[si].range.end <= r.start {
                    si += 1;
                }
                sentences
                    .get(si)
                    .filter(|s| s.range.start <= r.start)
                    .map_or(usize::MAX, |_| si)
            } else {
                doc.sentence_at(r.start).unwrap_or(usize::MAX)
            };
            let gap = text.get(prev_end..r.start).unwrap_or("");
            // Most gaps are one space, which holds none of the marks.
            let punct_break = gap != " "
                && (gap.contains([';', ':', '(', ')', '—', '–', '[', ']']) || gap.contains(" - "));
            let boundary_word = word.role == Some(Role::Boundary);
            while mi < mentions.len() && mentions[mi].1.end <= r.start {
                mi += 1;
            }
            let mention = mentions
                .get(mi)
                .filter(|(_, m)| m.start <= r.start && r.start < m.end)
                .map(|(k, _)| *k);
            let possessive = word.possessive
                || text.as_bytes().get(r.end..).is_some_and(|rest| {
                    rest.starts_with("'s".as_bytes()) || rest.starts_with("’s".as_bytes())
                });
            toks.push(Tok {
                word,
                clause_start: sentence != prev_sentence || punct_break || boundary_word,
                sentence,
                mention,
                possessive,
                in_role: false,
                range: r.clone(),
            });
            prev_end = r.end;
            prev_sentence = sentence;
        }
        for &k in mention_ids {
            if let Some(role) = &actors.mentions[k].role {
                let from = toks.partition_point(|t| t.range.start < role.start);
                for t in toks[from..]
                    .iter_mut()
                    .take_while(|t| t.range.start < role.end)
                {
                    t.in_role = true;
                }
            }
        }
        let stems = toks.iter().map(|t| t.word.stem).collect();
        let mut runs: Vec<Range<usize>> = Vec::with_capacity(toks.len());
        let mut a = 0;
        while a < toks.len() {
            let mut b = a + 1;
            while b < toks.len() && toks[b].sentence == toks[a].sentence {
                b += 1;
            }
            runs.extend((a..b).map(|_| a..b));
            a = b;
        }
        let mut quotes: Vec<&QuoteRec> = quotes
            .iter()
            .copied()
            .filter(|q| text.get(q.range.clone()).is_some())
            .collect();
        crate::collections::sort_by_key(&mut quotes, |q| {
            (q.range.start, std::cmp::Reverse(q.range.end))
        });
        let mut top_level: Vec<&QuoteRec> = Vec::new();
        let mut reach = 0;
        for q in &quotes {
            if q.range.start >= reach || top_level.is_empty() {
                top_level.push(q);
            }
            reach = reach.max(q.range.end);
        }
        Reader {
            doc_idx,
            doc,
            toks,
            runs,
            stems,
            actors,
            quotes,
            top_level,
            lex,
        }
    }

    /// Word index range of the sentence holding word `at`, at most [`MAX_REACH`] words either
    /// side of it (so that text without stops costs linear time).
    fn sentence_words(&self, at: usize) -> Range<usize> {
        let r = self.runs[at].clone();
        r.start.max(at.saturating_sub(MAX_REACH))..r.end.min(at + MAX_REACH)
    }

    /// The innermost quote holding byte `b`.
    fn quote_at(&self, b: usize) -> Option<&'a QuoteRec> {
        let holds = |q: &&&'a QuoteRec| q.range.start <= b && b < q.range.end;
        // The last few quotes starting at or before `b` (nested ones among them), and the
        // outermost quote starting there: a binary search each, never a scan of all quotes.
        let k = self.quotes.partition_point(|q| q.range.start <= b);
        let near = self.quotes[..k].iter().rev().take(16).filter(holds);
        let t = self.top_level.partition_point(|q| q.range.start <= b);
        let outer = self.top_level[..t]
            .iter()
            .next_back()
            .into_iter()
            .filter(holds);
        near.chain(outer).min_by_key(|q| q.range.len()).copied()
    }

    /// True for a determiner or a possessive pronoun ("the", "any", "its", "their").
    fn is_determiner(&self, t: &Tok) -> bool {
        match t.word.role {
            Some(Role::Determiner) => true,
            Some(
                Role::PronounThing | Role::PronounMale | Role::PronounFemale | Role::PronounSelf,
            ) => !t.word.subject_pronoun,
            _ => false,
        }
    }

    /// True when the words before word `k` (skipping determiners) end with a preposition:
    /// "with the United States" is no subject.
    fn after_preposition(&self, k: usize, floor: usize) -> bool {
        let mut j = k;
        while j > floor {
            j -= 1;
            let t = &self.toks[j];
            if t.word.role == Some(Role::Preposition) {
                return true;
            }
            if !self.is_determiner(t) {
                return false;
            }
        }
        false
    }

    /// True when the mention covering word `k` modifies the next one: directly followed by
    /// another mention ("US" in "US Federal Bureau of Investigation"), or followed by a title
    /// (capitalised words, or words the actors module marked as a role) and then a person's
    /// name ("US President Barack Obama", "Kremlin spokesman Dmitry Peskov").
    fn modifies_next_mention(&self, k: usize) -> bool {
        let Some(m) = self.toks[k].mention else {
            return false;
        };
        let mut j = k;
        while j + 1 < self.toks.len() && self.toks[j + 1].mention == Some(m) {
            j += 1;
        }
        if self.toks[j].possessive {
            return false;
        }
        let sentence = self.toks[k].sentence;
        for x in j + 1..(j + 5).min(self.toks.len()) {
            let t = &self.toks[x];
            let gap = self
                .doc
                .text
                .get(self.toks[x - 1].range.end..t.range.start)
                .unwrap_or(",");
            if t.sentence != sentence || !gap.chars().all(char::is_whitespace) {
                return false;
            }
            if let Some(n) = t.mention {
                let next_is_person =
                    self.actors.actors[self.actors.mentions[n].actor].kind == ActorKind::Person;
                return x == j + 1 || next_is_person;
            }
            let title_word = t.in_role || t.word.capitalised;
            if !title_word {
                return false;
            }
        }
        false
    }

    /// First and last word of the mention covering word `j` (or `j` itself twice).
    fn mention_words(&self, j: usize) -> (usize, usize) {
        let m = self.toks[j].mention;
        let (mut a, mut b) = (j, j);
        if m.is_some() {
            while a > 0 && self.toks[a - 1].mention == m {
                a -= 1;
            }
            while b + 1 < self.toks.len() && self.toks[b + 1].mention == m {
                b += 1;
            }
        }
        (a, b)
    }

    /// True when the actor of mention `m` can hold a stance (a film or a place cannot).
    fn can_hold(&self, m: usize) -> bool {
        let actor = self.actors.mentions[m].actor;
        self.actors.actors[actor].kind != ActorKind::Other
    }

    /// The cue starting at word `i` (within words `..end`), unless the words around it show it is
    /// no cue here: inside an actor's name, an adjective ("the alleged hack", "for alleged
    /// crimes"), or a reduced passive with nobody named ("banks blamed on the North").
    fn cue_at(&self, i: usize, end: usize) -> Option<Found<'static>> {
        let found = match_at(self.lex, &self.stems, i, end)?;
        let flags = found.cue.flags;
        if self.toks[found.first].mention.is_some() || flags.not_cue {
            return None;
        }
        let word = &self.toks[found.first].word.lower;
        // A verb cue after a determiner is a noun ("a promise to pensioners", "the support"),
        // whose holder the sentence's subject need not be; a "verb" cue that is also an
        // adverb or noun ("came back") counts only in "-ed" or after "to", an auxiliary or a
        // negator. (At the first word, `prev` is the cue word itself: neither.)
        let prev = &self.toks[i.saturating_sub(1)].word;
        let verb = word.ends_with("ed")
            || prev.negator
            || prev.lower == "to"
            || prev.role == Some(Role::Auxiliary);
        if !flags.noun && prev.role == Some(Role::Determiner) || flags.verb && !verb {
            return None;
        }
        if found.first == found.last && word.ends_with("ed") && i > 0 {
            let prev = &self.toks[i - 1];
            let prev_role = prev.word.role;
            if self.is_determiner(prev) || prev_role == Some(Role::Preposition) {
                return None;
            }
            let next = self.toks.get(i + 1).filter(|_| i + 1 < end);
            let next_prep = next.is_some_and(|t| {
                t.word.role == Some(Role::Preposition)
                    && !matches!(t.word.lower.as_str(), "to" | "by")
            });
            let prev_plain = prev.mention.is_none()
                && prev_role.is_none()
                && !matches!(prev_role, Some(Role::Auxiliary | Role::Be))
                && !self.is_determiner(prev)
                && !prev.word.lower.ends_with("ly")
                && !prev.clause_start
                && prev.word.all_lower;
            if prev_plain && next_prep {
                return None;
            }
        }
        Some(found)
    }

    fn read(&self, out: &mut Vec<StanceRec>) {
        let mut seen: Set<(usize, usize, u8, usize)> = Set::default();
        let mut i = 0;
        let mut withheld_until = 0usize;
        // End byte of the last assertion's claim: assertions inside it ("claimed ... to
        // conclude that ...") are part of it.
        let mut asserted_until = 0usize;
        while i < self.toks.len() {
            // Most words start no cue: skip them before any other work.
            if !self.lex.starts_cue(self.stems[i]) {
                i += 1;
                continue;
            }
            let sent = self.sentence_words(i);
            let Some(found) = self.cue_at(i, sent.end) else {
                i += 1;
                continue;
            };
            let next = found.last + 1;
            if found.cue.class.is_none() {
                i = next;
                continue;
            }
            if found.cue.flags.withhold {
                withheld_until = next + 2;
                i = next;
                continue;
            }
            if i < withheld_until {
                i = next;
                continue;
            }
            let is_assert = found.cue.class == Some(StanceClass::Assert);
            if is_assert && self.toks[i].range.start < asserted_until {
                i = next;
                continue;
            }
            if let Some(rec) = self.stance(&found, sent.clone()) {
                if rec.class == StanceClass::Assert
                    || rec.class == StanceClass::Deny && found.cue.flags.claim
                {
                    asserted_until = rec.target.end.max(rec.cue.end);
                }
                // One stance per sentence (and quote), holder, polarity and class.
                let quote = self
                    .quote_at(rec.cue.start)
                    .map_or(usize::MAX, |q| q.range.start);
                let key = (
                    self.toks[i].sentence,
                    rec.holder,
                    rec.polarity as u8 * 16 + rec.class as u8,
                    quote,
                );
                if seen.insert(key) {
                    out.push(rec);
                }
            }
            i = next;
        }
    }

    /// True when a negator governs the cue starting at word `first`.
    fn negated(&self, first: usize, sent_start: usize) -> bool {
        let mut k = first;
        let mut steps = 0;
        // Only bridge words and "to" since the cue: "no longer support", "no plans to boycott".
        let mut bridged = true;
        while k > sent_start && steps < NEGATION_REACH {
            k -= 1;
            steps += 1;
            let t = &self.toks[k];
            if t.word.negator {
                // "no" negates only what it stands right before ("no proof" is its own cue).
                return t.word.lower != "no" || bridged;
            }
            bridged &= t.word.role == Some(Role::Bridge) || t.word.lower == "to";
            if t.clause_start || t.word.role == Some(Role::Preposition) && t.word.lower != "to" {
                return false;
            }
        }
        false
    }

    /// The first word in `words` that starts a second verb of the same subject ("urged calm
    /// and said ...", "had not cut anyone off and blamed ..."): "and" or "but" followed by a
    /// reporting verb, an auxiliary or a cue.
    fn coordination_end(&self, words: Range<usize>) -> Option<usize> {
        words.clone().find(|&k| {
            let and_verb = self.and_verb(k, words.end);
            // ", has promised": the main clause resumes after a parenthetical.
            let comma_verb = k > words.start
                && self.verb_at(k, words.end)
                && self
                    .doc
                    .text
                    .get(self.toks[k - 1].range.end..self.toks[k].range.start)
                    .is_some_and(|g| g.contains(','));
            and_verb || comma_verb
        })
    }

    /// True when word `k` starts a verb (a reporting verb, an auxiliary or a cue) within `..end`.
    fn verb_at(&self, k: usize, end: usize) -> bool {
        k < end
            && (matches!(
                self.toks[k].word.role,
                Some(Role::Reporting | Role::Auxiliary | Role::Be)
            ) || self.cue_at(k, end).is_some())
    }

    /// True when word `k` is "and" or "but" followed by a verb ([`Self::verb_at`]) within `..end`.
    fn and_verb(&self, k: usize, end: usize) -> bool {
        self.toks[k].word.and_or_but && self.verb_at(k + 1, end)
    }

    /// Word range of the complement after word `last`: up to the clause end, a comma, or the cap.
    fn complement(&self, last: usize, sent_end: usize) -> Range<usize> {
        let start = last + 1;
        let mut end = start;
        while end < sent_end && end - start < MAX_TARGET_WORDS {
            let prev_end = self.toks[end - 1].range.end;
            let gap = self
                .doc
                .text
                .get(prev_end..self.toks[end].range.start)
                .unwrap_or("");
            if self.toks[end].clause_start || gap.contains(',') {
                break;
            }
            // What `coordination_end(end..sent_end) == Some(end)` asks, without scanning the
            // rest of the sentence: only "and"/"but" + verb can start a second verb at `end`.
            if self.and_verb(end, sent_end) {
                break;
            }
            end += 1;
        }
        start..end
    }

    fn byte_range(&self, words: Range<usize>) -> Option<Range<usize>> {
        if words.is_empty() {
            return None;
        }
        Some(self.toks[words.start].range.start..self.toks[words.end - 1].range.end)
    }

    /// True when another cue (not a marker, not a reporting verb; with `assertions` false, not
    /// an assertion such as "conclude" either) starts inside `words`.
    fn holds_cue(&self, words: Range<usize>, assertions: bool) -> bool {
        words.clone().any(|k| {
            self.cue_at(k, words.end).is_some_and(|f| {
                f.cue
                    .class
                    .is_some_and(|c| assertions || c != StanceClass::Assert)
                    && !f.cue.flags.claim
            })
        })
    }

    /// The claim a clause "as X said" refers to: the clause before it, from after its "that"
    /// when it has one ("there is no proof that [North Korea is responsible]").
    fn previous_claim(&self, clause_start: usize, sent_start: usize) -> Range<usize> {
        let prev_start = (sent_start..clause_start)
            .rev()
            .find(|&k| self.toks[k].clause_start)
            .unwrap_or(sent_start);
        let from = (prev_start..clause_start)
            .find(|&k| self.toks[k].word.lower == "that")
            .map_or(prev_start, |k| k + 1);
        from..clause_start
    }

    /// True when the cue at word `first` is a passive participle ("is being urged",
    /// "was blamed"): its subject undergoes the act and does not hold the stance.
    fn passive(&self, found: &Found) -> bool {
        let word = &self.toks[found.first].word.lower;
        let predicative = found
            .cue
            .words
            .last()
            .is_some_and(|w| matches!(w.stem.as_str(), "to" | "of" | "with"));
        if !(word.ends_with("ed") || word.ends_with("en")) || found.cue.flags.exp || predicative {
            return false;
        }
        let mut k = found.first;
        while k > 0 {
            k -= 1;
            let t = &self.toks[k];
            if t.word.lower.ends_with("ly") || t.word.negator {
                continue;
            }
            return t.word.role == Some(Role::Be);
        }
        false
    }

    /// "X denied ... and has vowed ...": a cue right after "and" (auxiliaries, adverbs and
    /// negators aside) shares the sentence's subject.
    fn coordinated_holder(
        &self,
        first: usize,
        sent: Range<usize>,
        quote: Option<&QuoteRec>,
    ) -> Option<usize> {
        if quote.is_some() {
            return None;
        }
        let mut k = first;
        while k > sent.start {
            k -= 1;
            let t = &self.toks[k];
            let r = t.word.role;
            if matches!(r, Some(Role::Auxiliary | Role::Be))
                || t.word.lower.ends_with("ly")
                || t.word.negator
                || matches!(t.word.lower.as_str(), "also" | "again")
            {
                continue;
            }
            if t.word.lower != "and" {
                return None;
            }
            let s = self.subject_after(sent.start, k)?;
            return self.subject_actor(s, quote);
        }
        None
    }

    /// End of a claim's reach from word `start`: the sentence end, at most
    /// [`MAX_CLAIM_WORDS`] on ("claimed that investigators had found what it called enough
    /// information to conclude that ... was responsible").
    fn reach(&self, start: usize, sent_end: usize) -> usize {
        sent_end.min(start + MAX_CLAIM_WORDS).max(start)
    }

    /// True when a responsibility marker stands inside `words`.
    fn holds_marker(&self, words: Range<usize>) -> bool {
        words.clone().any(|k| {
            match_at(self.lex, &self.stems, k, words.end).is_some_and(|f| f.cue.class.is_none())
        })
    }

    fn stance(&self, found: &Found, sent: Range<usize>) -> Option<StanceRec> {
        let cue = found.cue;
        let flags = cue.flags;
        let mut class = cue.class?;
        let mut polarity = cue.polarity;
        let mut negated = self.negated(found.first, sent.start);
        let mut comp = self.complement(found.last, sent.end);
        if flags.to
            && self
                .toks
                .get(found.last + 1)
                .filter(|t| t.word.lower == "to")
                .is_none()
        {
            return None;
        }
        if flags.neg_only && !negated {
            return None;
        }
        let clause_start = (sent.start..=found.first)
            .rev()
            .find(|&k| self.toks[k].clause_start)
            .unwrap_or(sent.start);
        let mut target_words = comp.clone();
        // "..., as the United States has said": "as", then its subject, then the cue, within a
        // few words and no quote mark between ("to use gas as an instrument," she said).
        let opens_as = clause_start > sent.start
            && self.toks[clause_start].word.lower == "as"
            && found.first - clause_start <= 6
            && (clause_start + 1..found.first)
                .any(|k| self.toks[k].mention.is_some() || self.toks[k].word.subject_pronoun)
            && self
                .doc
                .text
                .get(self.toks[clause_start].range.start..self.toks[found.first].range.start)
                .is_some_and(|between| !between.contains(['"', '“', '”', '«', '»']));
        if flags.claim {
            // "as the United States has said": the claim is the clause before.
            let framed_as = opens_as && comp.clone().all(|k| self.toks[k].word.lower != "that");
            if framed_as {
                target_words = self.previous_claim(clause_start, sent.start);
            } else {
                // What is reported runs past the clause ("said on Monday (December 22) that
                // ..."): it is read up to the sentence end, within limits.
                let span = comp.start..self.reach(comp.start, sent.end);
                let span = span.start..self.coordination_end(span.clone()).unwrap_or(span.end);
                if span.is_empty() || self.holds_cue(span.clone(), false) {
                    return None;
                }
                let denied = span.clone().take(8).any(|k| self.toks[k].word.negator);
                if denied {
                    class = StanceClass::Deny;
                    polarity = Polarity::Oppose;
                    negated = true;
                } else if !self.holds_marker(span.clone()) {
                    return None;
                }
                // The claim itself: after "that" when it comes early, else the complement.
                if let Some(that) = span
                    .clone()
                    .take(8)
                    .find(|&k| self.toks[k].word.lower == "that")
                {
                    target_words = self.complement(that, sent.end);
                } else if comp.is_empty() {
                    target_words = span;
                }
            }
        } else if flags.intent {
            if self.holds_cue(comp.clone(), true) {
                return None;
            }
            target_words = found.first..comp.end;
        }
        if negated
            && !flags.claim
            && !flags.neg_only
            && matches!(
                class,
                StanceClass::Condemn
                    | StanceClass::Accuse
                    | StanceClass::Praise
                    | StanceClass::Urge
                    | StanceClass::Threaten
                    | StanceClass::Deny
            )
        {
            // "did not criticize", "did not deny": an act not done is no position either way.
            return None;
        }
        if negated && !flags.claim {
            polarity = match polarity {
                Polarity::Support => Polarity::Oppose,
                Polarity::Oppose => Polarity::Support,
            };
            if class == StanceClass::Assert {
                class = StanceClass::Deny;
            }
        }

        let cue_bytes = self.toks[found.first].range.start..self.toks[found.last].range.end;
        let quote = self.quote_at(cue_bytes.start);
        let after = found.last + 1;
        // The agent: "accused by X", and for a noun also "calls by X for ...", "calls from X".
        let agent_at = |k: usize| {
            self.toks
                .get(k)
                .filter(|t| t.word.lower == "by" || (flags.noun && t.word.lower == "from"))
                .and_then(|_| self.mention_after(k + 1, sent.end, 3))
        };
        let passive_agent = if flags.exp { None } else { agent_at(after) };
        let passive_agent = passive_agent.or_else(|| {
            if flags.noun && found.last > found.first {
                agent_at(found.first + 1)
            } else {
                None
            }
        });
        let holder = if flags.exp {
            // "X infuriated Y": Y holds the stance against X, the subject; "Y was incensed by
            // X": Y, the subject, against X.
            if self.toks.get(after).is_some_and(|t| t.word.lower == "by") {
                target_words = after + 1..comp.end;
                None
            } else {
                target_words = clause_start..found.first;
                comp = after..after;
                self.mention_after(after, sent.end, 3)
            }
        } else {
            None
        };
        let holder = holder
            .or(passive_agent)
            .or_else(|| {
                if flags.noun {
                    // A noun's holder is its modifier or agent ("U.S. accusations").
                    // "the accusation", with nobody named, is someone else's; a bare noun
                    // ("stand in confrontation with") is the subject's.
                    let definite = found.first > sent.start
                        && matches!(
                            self.toks[found.first - 1].word.lower.as_str(),
                            "the" | "this" | "that" | "these" | "those"
                        );
                    self.modifier_of(found.first, sent.start, quote)
                        .or(definite.then_some(usize::MAX))
                } else {
                    None
                }
            })
            .or_else(|| {
                if self.passive(found) {
                    // Nobody named after "by": the holder is not in the sentence.
                    return Some(usize::MAX);
                }
                None
            })
            .or_else(|| self.participle_holder(found.first, sent.clone(), quote))
            .or_else(|| self.coordinated_holder(found.first, sent.clone(), quote))
            .or_else(|| self.subject_holder(found.first, sent.clone(), quote))?;
        if holder == usize::MAX {
            return None;
        }
        let holder = if quote.is_none() {
            self.sayer_side(holder, found.first, sent.clone())
        } else {
            holder
        };
        if passive_agent.is_some() {
            // The agent phrase is not the target: skip "by X".
            let mut k = after + 1;
            while k < comp.end
                && (self.toks[k].mention.is_some() || self.toks[k].word.lower == "the")
            {
                k += 1;
            }
            if !flags.claim && !flags.intent {
                target_words = k..comp.end;
            }
            if target_words.is_empty() && !opens_as {
                // "The move was welcomed by Japan": the passive's subject is the target.
                let mut e = found.first;
                while e > clause_start && matches!(self.toks[e - 1].word.role, Some(Role::Be)) {
                    e -= 1;
                }
                target_words = clause_start..e;
            }
        }
        let holder = self.speaker_side(holder, quote);
        if holder >= self.actors.actors.len() {
            return None;
        }
        if opens_as && !flags.claim && target_words.is_empty() {
            // "as charged by the United States": what is charged is the clause before.
            target_words = self.previous_claim(clause_start, sent.start);
        }
        if flags.noun && target_words.is_empty() {
            // "rejected X's accusations": the noun itself names what is held.
            target_words = found.first..found.last + 1;
        }
        let target = self.byte_range(target_words.clone())?;
        // A target needs words: "As X threatens," has none.
        if target_words.is_empty() {
            return None;
        }
        let evidence = self.sentence_bytes(sent.clone())?;
        let _ = comp;
        Some(StanceRec {
            doc: self.doc_idx,
            holder,
            polarity,
            class,
            negated,
            cue: cue_bytes,
            target,
            evidence,
        })
    }

    /// Byte range of the sentence holding words `sent`, from the document's segmentation.
    fn sentence_bytes(&self, sent: Range<usize>) -> Option<Range<usize>> {
        let first = self.toks.get(sent.start)?;
        self.doc
            .sentences
            .get(first.sentence)
            .map(|s| s.range.clone())
            .filter(|r| self.doc.text.get(r.clone()).is_some())
            .or_else(|| self.byte_range(sent))
    }

    /// The first actor mentioned at words `from..` within `reach` words (skipping "the").
    fn mention_after(&self, from: usize, end: usize, reach: usize) -> Option<usize> {
        (from..end.min(from + reach))
            .find_map(|k| self.toks[k].mention)
            .map(|m| self.actors.mentions[m].actor)
    }

    /// The actor modifying a noun cue: "U.S. accusations", "Washington's decision", "its opposition".
    fn modifier_of(
        &self,
        first: usize,
        sent_start: usize,
        quote: Option<&QuoteRec>,
    ) -> Option<usize> {
        let mut k = first;
        let mut steps = 0;
        while k > sent_start && steps < 2 {
            k -= 1;
            steps += 1;
            let t = &self.toks[k];
            if let Some(m) = t.mention {
                return Some(self.actors.mentions[m].actor);
            }
            if let Some(r) = t.word.role {
                return match r {
                    Role::PronounThing
                    | Role::PronounMale
                    | Role::PronounFemale
                    | Role::PronounSelf => self.resolve(r, k, quote),
                    _ => None,
                };
            }
            // Only an adjective may stand between ("Our toughest counteraction"), not a
            // conjunction or other function word ("the FAA and called for").
            if t.word.stopword {
                return None;
            }
        }
        None
    }

    /// The nearest subject-like actor or pronoun before word `first` in its sentence; inside a
    /// quote, the quote's own words first, then the speaker.
    fn subject_holder(
        &self,
        first: usize,
        sent: Range<usize>,
        quote: Option<&QuoteRec>,
    ) -> Option<usize> {
        if let Some(q) = quote {
            let q_start = (sent.start..=first)
                .find(|&k| self.toks[k].range.start >= q.range.start)
                .unwrap_or(first);
            if let Some(s) = self.subject_between(q_start, first) {
                return self.subject_actor(s, quote);
            }
            // A noun phrase ("a nation-state", "the army") before the cue in the quote and no
            // actor among its words: someone else's deed, not the speaker's stance.
            let has_noun =
                (q_start..first).any(|k| self.toks[k].word.role == Some(Role::Determiner));
            if has_noun {
                return None;
            }
            if q_start > sent.start {
                if let Some(s) = self.subject_between(sent.start, q_start) {
                    return self.subject_actor(s, quote);
                }
            }
            return q.speaker;
        }
        if self.unnamed_subject(first, sent.start) {
            return None;
        }
        let s = self.subject_between(sent.start, first)?;
        self.subject_actor(s, quote)
    }

    /// True when the cue's own subject is a common noun naming no actor ("as union threatens",
    /// "the hermit state threatened"): the word before the cue (auxiliaries, adverbs and
    /// negators aside) is a lowercase content word, not part of a mention and not the head of
    /// one ("U.S. side", "Japan's government").
    fn unnamed_subject(&self, first: usize, sent_start: usize) -> bool {
        let mut k = first;
        while k > sent_start {
            k -= 1;
            let t = &self.toks[k];
            // A comma between: a parenthetical stands between the subject and the cue.
            let gap = self
                .doc
                .text
                .get(t.range.end..self.toks[k + 1].range.start)
                .unwrap_or(",");
            if gap.contains(',') {
                return false;
            }
            let r = t.word.role;
            if matches!(
                r,
                Some(Role::Auxiliary | Role::Be | Role::Time | Role::Bridge)
            ) || t.word.lower.ends_with("ly")
                || t.word.lower.ends_with("ing")
                || t.word.negator
                || matches!(t.word.lower.as_str(), "also" | "again")
            {
                continue;
            }
            let lowercase = t.word.no_upper;
            if t.mention.is_some()
                || r.is_some()
                || !lowercase
                || t.word.stopword
                || t.clause_start && k == first.saturating_sub(1) && t.word.lower == "and"
            {
                return false;
            }
            let head_of_mention = k > sent_start && {
                let p = &self.toks[k - 1];
                p.mention.is_some()
                    || matches!(
                        p.word.role,
                        Some(
                            Role::PronounThing
                                | Role::PronounSelf
                                | Role::PronounMale
                                | Role::PronounFemale
                        )
                    )
            };
            return !head_of_mention;
        }
        false
    }

    /// True when words `from..to` are one or two lowercase words (auxiliaries, adverbs and time
    /// words aside), the head noun of a possessive right before its verb.
    fn heads_cue(&self, from: usize, to: usize) -> bool {
        let mut nouns = 0;
        for t in &self.toks[from..to] {
            let r = t.word.role;
            if matches!(r, Some(Role::Auxiliary | Role::Be | Role::Time))
                || t.word.lower.ends_with("ly")
            {
                continue;
            }
            let lowercase = t.word.no_upper;
            if r.is_some() || !lowercase || t.mention.is_some() {
                return false;
            }
            nouns += 1;
        }
        (1..=2).contains(&nouns)
    }

    /// Nearest subject-like candidate in words `from..to`, searching backward: an actor
    /// mention not after a preposition, not a possessive or other modifier, able to hold a
    /// stance; or a subject pronoun not after a preposition.
    fn subject_between(&self, from: usize, to: usize) -> Option<Subject> {
        let mut k = to;
        while k > from {
            k -= 1;
            let t = &self.toks[k];
            if let Some(m) = t.mention {
                let mut s = k;
                while s > from && self.toks[s - 1].mention == Some(m) {
                    s -= 1;
                }
                // "Washington's decision" is no subject, but "Japan's government denied" is
                // Japan's act: a possessive with one or two lowercase words before the cue.
                let is_possessive = t.possessive && k + 1 < to && !self.heads_cue(k + 1, to);
                if !self.after_preposition(s, from)
                    && !is_possessive
                    && !self.modifies_next_mention(k)
                    && self.can_hold(m)
                {
                    return Some(Subject::Mention(m));
                }
                k = s;
                continue;
            }
            if let Some(r) = t.word.role {
                if t.word.subject_pronoun && !self.after_preposition(k, from) {
                    return Some(Subject::Pronoun(r, k));
                }
            }
        }
        None
    }

    fn subject_actor(&self, s: Subject, quote: Option<&QuoteRec>) -> Option<usize> {
        match s {
            Subject::Mention(m) => Some(self.actors.mentions[m].actor),
            Subject::Pronoun(r, k) => self.resolve(r, k, quote),
        }
    }

    /// The actor a pronoun at word `k` refers to: first person is the quote's speaker; "it",
    /// "they" a non-person, "he"/"she" a person of fitting gender. Preference: the nearest
    /// fitting subject-like mention earlier in the pronoun's clause ("Japan, one of
    /// Washington's allies, said it"), then any fitting mention there ("Washington's decision
    /// to make public its accusations"), then the sentence's subject, then the last fitting
    /// subject-like mention in the three sentences before.
    fn resolve(&self, r: Role, k: usize, quote: Option<&QuoteRec>) -> Option<usize> {
        let fits = |m: usize| -> bool {
            let actor = self.actors.mentions[m].actor;
            let a = &self.actors.actors[actor];
            match r {
                Role::PronounThing => !matches!(a.kind, ActorKind::Person | ActorKind::Other),
                Role::PronounMale => a.kind == ActorKind::Person && a.gender != Gender::Female,
                Role::PronounFemale => a.kind == ActorKind::Person && a.gender != Gender::Male,
                _ => false,
            }
        };
        if r == Role::PronounSelf {
            return quote.and_then(|q| q.speaker);
        }
        let actor_of = |m: usize| self.actors.mentions[m].actor;
        let sent_words = self.sentence_words(k);
        let clause_start = (sent_words.start..=k)
            .rev()
            .find(|&j| self.toks[j].clause_start)
            .unwrap_or(sent_words.start);
        // Subject-like: the whole mention (from its first to its last word) is neither after a
        // preposition, nor possessive, nor modifying another mention.
        let subject_like = |j: usize, floor: usize| {
            let (first, last) = self.mention_words(j);
            !self.toks[last].possessive
                && !self.after_preposition(first, floor)
                && !self.modifies_next_mention(last)
        };
        // 1, 2: the pronoun's own clause, nearest first.
        let mut any_in_clause = None;
        let mut j = k;
        while j > clause_start {
            j -= 1;
            if let Some(m) = self.toks[j].mention {
                if fits(m) {
                    if subject_like(j, clause_start) {
                        return Some(actor_of(m));
                    }
                    any_in_clause.get_or_insert(actor_of(m));
                }
                j = self.mention_words(j).0.max(clause_start);
            }
        }
        if any_in_clause.is_some() {
            return any_in_clause;
        }
        // 3: the sentence's subject, its first subject-like mention.
        let mut j = sent_words.start;
        while j < k {
            if let Some(m) = self.toks[j].mention {
                if subject_like(j, sent_words.start) {
                    if fits(m) {
                        return Some(actor_of(m));
                    }
                    break;
                }
                j = self.mention_words(j).1;
            }
            j += 1;
        }
        // 4: earlier sentences.
        let sent = self.toks[k].sentence;
        let mut j = sent_words.start;
        let floor = j.saturating_sub(MAX_REACH);
        let mut fallback = None;
        while j > floor {
            j -= 1;
            let t = &self.toks[j];
            if t.sentence == usize::MAX || t.sentence + 3 < sent {
                break;
            }
            if let Some(m) = t.mention {
                if fits(m) {
                    if subject_like(j, floor) {
                        return Some(actor_of(m));
                    }
                    fallback.get_or_insert(actor_of(m));
                }
                j = self.mention_words(j).0.max(floor);
            }
        }
        fallback
    }

    /// A cue in "-ing" right after a comma opens a participial clause whose subject is the
    /// sentence's: "X vowed to hit back, threatening the White House" → X.
    fn participle_holder(
        &self,
        first: usize,
        sent: Range<usize>,
        quote: Option<&QuoteRec>,
    ) -> Option<usize> {
        let t = &self.toks[first];
        if !t.word.lower.ends_with("ing") || first == sent.start {
            return None;
        }
        let gap = self
            .doc
            .text
            .get(self.toks[first - 1].range.end..t.range.start)?;
        if !gap.contains(',') {
            return None;
        }
        let s = self.subject_after(sent.start, first)?;
        self.subject_actor(s, quote)
    }

    /// The first subject-like candidate in words `from..to`, searching forward.
    fn subject_after(&self, from: usize, to: usize) -> Option<Subject> {
        let mut k = from;
        while k < to {
            let t = &self.toks[k];
            if let Some(m) = t.mention {
                let mut e = k;
                while e + 1 < to && self.toks[e + 1].mention == Some(m) {
                    e += 1;
                }
                if !self.after_preposition(k, from)
                    && !self.toks[e].possessive
                    && !self.modifies_next_mention(e)
                    && self.can_hold(m)
                {
                    return Some(Subject::Mention(m));
                }
                k = e + 1;
                continue;
            }
            if t.word.subject_pronoun && !self.after_preposition(k, from) {
                if let Some(r) = t.word.role {
                    return Some(Subject::Pronoun(r, k));
                }
            }
            k += 1;
        }
        None
    }

    /// Outside quotes, "X said (that) Y will respond" where Y is the side X speaks for: X holds
    /// it, as a speaker holds what their own side does in their quote.
    fn sayer_side(&self, holder: usize, first: usize, sent: Range<usize>) -> usize {
        let Some(verb) = (sent.start..first)
            .rev()
            .find(|&k| self.toks[k].word.role == Some(Role::Reporting))
        else {
            return holder;
        };
        let Some(sayer) = self
            .subject_between(sent.start, verb)
            .and_then(|s| self.subject_actor(s, None))
        else {
            return holder;
        };
        if self.speaks_for(sayer, holder) {
            sayer
        } else {
            holder
        }
    }

    /// True when `speaker` is `side` or speaks for it (through affiliations).
    fn speaks_for(&self, speaker: usize, side: usize) -> bool {
        let mut a = Some(speaker);
        let mut steps = 0;
        while let Some(x) = a {
            if x == side {
                return true;
            }
            steps += 1;
            if steps > 8 {
                return false;
            }
            a = self.actors.actors.get(x).and_then(|r| r.affiliation);
        }
        false
    }

    /// Inside a quote, the speaker's own side ("China" in a Chinese spokeswoman's words) is the
    /// speaker.
    fn speaker_side(&self, holder: usize, quote: Option<&QuoteRec>) -> usize {
        match quote.and_then(|q| q.speaker) {
            Some(speaker) if self.speaks_for(speaker, holder) => speaker,
            _ => holder,
        }
    }
}
