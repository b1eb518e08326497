//! Finding actor mentions in one document, before merging across documents.
//!
//! Sources, strongest first when two overlap: titles of works, generic government bodies and
//! groups, discovered people and organisations, gazetteer names, "the North", acronyms, and bare
//! capitalised words (kept only if the merge step can tie them to an actor found elsewhere).
//!
//! Output invariant: `DocScan::raws` is sorted by start, its ranges do not overlap, and each lies
//! on char boundaries of the document text.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use std::ops::Range;

use super::data::{
    AliasClass, Gazetteer, Lexicon, WORD_DIRECTION, WORD_GROUP, WORD_NON_ACTOR, WORD_STARTER,
    WORD_SURNAME, WORD_WORK,
};
use super::names::possessive_len;
use super::tokens::{between, spaced, tokenize, Token};
use super::trie::Trie;
use super::Gender;
use crate::analysis::ActorKind;
use crate::collections::Set;
use crate::text::Document;

/// What a raw mention may be.
#[derive(Debug, Clone, PartialEq)]
pub enum Cand {
    /// A gazetteer entry.
    Gaz { entry: usize, class: AliasClass },
    /// A person discovered by a title, an apposition or a speech verb; `name` has no title.
    Person { name: String },
    /// An organisation discovered by its suffix or a parenthesised acronym.
    Org {
        name: String,
        company: bool,
        acronym: Option<String>,
    },
    /// A generic government body ("foreign ministry"), index into `Lexicon::bodies`.
    Body { body: usize },
    /// A group ("experts", "US media"); `qualifier` is the capitalised word before the noun.
    Group {
        noun: String,
        qualifier: Option<String>,
    },
    /// The title of a work ("The Interview").
    Work { title: String },
    /// "the North": a country named "North …" if the story has one.
    Direction { word: String },
    /// An unknown word in capitals ("KHNP").
    Acronym { text: String },
    /// Capitalised words with no evidence of their own; `with_the` is the form with a preceding
    /// "The" ("The Hague").
    Short {
        text: String,
        with_the: Option<String>,
    },
}

/// One mention before merging.
#[derive(Debug, Clone)]
pub struct Raw {
    /// The mention as written, with a possessive ending if one follows.
    pub range: Range<usize>,
    pub cand: Cand,
    /// A title or role attached to a person.
    pub role: Option<Range<usize>>,
    pub gender: Gender,
    /// Index into `Lexicon::titles` of the title in `role`.
    pub title: Option<usize>,
    /// Gazetteer entry named right before the mention or its role ("Chinese", "US").
    pub qualifier: Option<usize>,
    /// A country given by a party word in the role ("Republican Senator").
    pub party_country: Option<&'static str>,
    /// The role holds a capitalised name no list knows ("Hamas official").
    pub named_in_role: bool,
    pub sentence: usize,
    priority: u8,
}

/// The mentions of one document, and where its capitals are used as places.
#[derive(Debug, Default)]
pub struct DocScan {
    pub raws: Vec<Raw>,
    /// (sentence, gazetteer entry) for a capital used as a place ("talks in Beijing").
    pub places: Vec<(usize, usize)>,
}

const CONNECTORS: &[&str] = &[
    "of", "and", "for", "the", "de", "da", "do", "dos", "van", "von", "bin", "al", "la", "le",
    "del", "&",
];
const ARTICLES: &[&str] = &["a", "an", "the"];
/// Lowercase words inside personal names.
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "van", "von", "der", "bin", "al", "la", "le", "del", "di",
];

struct Ctx<'a> {
    doc: &'a Document,
    text: &'a str,
    toks: Vec<Token>,
    gaz: &'a Gazetteer,
    lex: &'a Lexicon,
    /// Byte ranges where nothing is a mention (photo credits, datelines, handles).
    zones: Vec<Range<usize>>,
    /// For each token, the index in `marks` of a gazetteer or body raw covering it.
    covered: Vec<Option<usize>>,
    /// Gazetteer and body raws (found first; discovery looks at them).
    marks: Vec<Raw>,
    /// Title matches: (range, title index).
    titles: Vec<(Range<usize>, usize)>,
    /// For each token, `WORD_*` flags of the lists it belongs to, as the finders read them
    /// (looked up once per token): a capitalised non-actor, a title or body starter (in lower
    /// case), a group noun (lowercase, or capitalised at a sentence start), a direction, a work
    /// noun.
    tok_flags: Vec<u8>,
    /// Indices of the tokens flagged `WORD_STARTER`, in order: the only places a title or body
    /// can start, listed once for both searches.
    starters: Vec<usize>,
    places: Vec<(usize, usize)>,
}

fn word_at<'t>(text: &'t str, t: &Token) -> &'t str {
    text.get(t.range.clone()).unwrap_or("")
}

/// The nearest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn is_alnum_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(crate::text::is_alphanumeric)
}

fn is_alnum_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(crate::text::is_alphanumeric)
}

impl<'a> Ctx<'a> {
    fn w(&self, i: usize) -> &'a str {
        word_at(self.text, &self.toks[i])
    }

    /// Index of the first token starting at or after byte `b`.
    fn tok_from(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.range.start < b)
    }

    fn in_zone(&self, r: &Range<usize>) -> bool {
        self.zones
            .iter()
            .any(|z| r.start < z.end && z.start < r.end)
    }

    /// Token i-1 when it is in the same sentence and only spaces separate it from token i.
    fn prev_spaced(&self, i: usize) -> Option<usize> {
        let p = i.checked_sub(1)?;
        (self.toks[p].sentence == self.toks[i].sentence
            && spaced(self.text, self.toks[p].range.end, self.toks[i].range.start))
        .then_some(p)
    }

    fn next_spaced(&self, i: usize) -> Option<usize> {
        let n = i + 1;
        (n < self.toks.len()
            && self.toks[n].sentence == self.toks[i].sentence
            && spaced(self.text, self.toks[i].range.end, self.toks[n].range.start))
        .then_some(n)
    }

    /// Token `i` is a person's dotted initials before a surname ("J.K. Rowling"), inside a run
    /// of capitalised words ending before token `b`: a known "U.S." is covered before this.
    fn initials(&self, i: usize, b: usize) -> bool {
        let w = self.w(i);
        w.len() <= 6
            && w.ends_with('.')
            && i + 1 < b
            && self.toks[i + 1].cap
            && !self.toks[i + 1].allcaps
    }

    /// The token right after token `i` (spaced, in its sentence) when it is a speech verb:
    /// "Smith said", "FIFA told".
    fn cue_after(&self, i: usize) -> Option<usize> {
        self.next_spaced(i)
            .filter(|&n| self.lex.name_cues.contains(self.w(n)))
    }

    fn non_actor(&self, i: usize) -> bool {
        self.tok_flags[i] & WORD_NON_ACTOR != 0
    }

    /// A capitalised word that may be part of a name.
    fn name_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        t.cap && !self.non_actor(i) && !self.after_at_sign(i)
    }

    /// A capitalised non-actor that is also a family name ("May"), with no number or date word
    /// beside it to make it a date ("in May", "3 May", "May 3"): it may be part of a name.
    #[inline]
    fn surname_word(&self, i: usize) -> bool {
        // The flag first: it is set on capitalised words only, and on few of them.
        self.tok_flags[i] & WORD_SURNAME != 0 && self.surname_not_date(i)
    }

    /// The rest of `surname_word`'s test, for a capitalised word flagged `WORD_SURNAME`.
    fn surname_not_date(&self, i: usize) -> bool {
        let is_number = |j: usize| self.w(j).starts_with(|c: char| c.is_ascii_digit());
        self.toks[i].cap
            && !self.after_at_sign(i)
            && self.next_spaced(i).is_none_or(|n| !is_number(n))
            && self
                .prev_spaced(i)
                .is_none_or(|p| !is_number(p) && !self.lex.date_words.contains(self.w(p)))
    }

    fn after_at_sign(&self, i: usize) -> bool {
        self.text[..self.toks[i].range.start].ends_with('@')
    }

    fn title_starting_at(&self, b: usize) -> bool {
        let k = self.titles.partition_point(|(r, _)| r.start < b);
        self.titles.get(k).is_some_and(|(r, _)| r.start == b)
    }

    /// The gazetteer match starting exactly at byte `b`, if any (looks a short way ahead only).
    fn gaz_starts_at(&self, b: usize) -> bool {
        let end = ceil_boundary(self.text, (b + 96).min(self.text.len()));
        let Some(hay) = self.text.get(b..end) else {
            return false;
        };
        self.gaz.names.longest_prefix(hay.as_bytes()).is_some()
    }
}

/// Scans one document.
pub fn scan(doc: &Document, gaz: &Gazetteer, lex: &Lexicon) -> DocScan {
    let toks = tokenize(doc);
    let mut cx = Ctx {
        doc,
        text: &doc.text,
        covered: vec![None; toks.len()],
        toks,
        gaz,
        lex,
        zones: Vec::new(),
        marks: Vec::new(),
        titles: Vec::new(),
        places: Vec::new(),
        tok_flags: Vec::new(),
        starters: Vec::new(),
    };
    cx.tok_flags = token_flags(&cx.toks, cx.text, lex);
    cx.starters = (0..cx.toks.len())
        .filter(|&k| cx.tok_flags[k] & WORD_STARTER != 0)
        .collect();
    find_zones(&mut cx);
    find_titles(&mut cx);
    find_gazetteer(&mut cx);
    find_bodies(&mut cx);
    mark_coverage(&mut cx);
    // A raw is large, so growing the list copies a lot: news text yields about one raw per
    // seven words, gazetteer marks included, so room for one per five plus the marks holds
    // nearly every document's from the start.
    let mut raws = Vec::with_capacity(cx.toks.len() / 5 + cx.marks.len());
    find_chunks(&cx, &mut raws);
    promote_speakers(&cx, &mut raws);
    find_directions(&cx, &mut raws);
    find_groups(&cx, &mut raws);
    find_works(&cx, &mut raws);
    find_sub_bodies(&cx, &mut raws);
    raws.append(&mut cx.marks);
    let text = cx.text;
    // A possessive ending belongs to a proper name's surface form ("North Korea’s", "Obama's");
    // a phrase headed by a common noun ("the North", "hackers", "foreign ministry") is the noun
    // phrase without the clitic, and a title of a work is written as it is.
    for r in &mut raws {
        if matches!(
            r.cand,
            Cand::Gaz { .. }
                | Cand::Person { .. }
                | Cand::Org { .. }
                | Cand::Acronym { .. }
                | Cand::Short { .. }
        ) {
            let ends_s = text[..r.range.end].ends_with('s');
            r.range.end += possessive_len(text, r.range.end, ends_s);
        }
    }
    raws.retain(|r| !cx.in_zone(&r.range));
    DocScan {
        raws: select(raws),
        places: cx.places,
    }
}

/// The `WORD_*` flags of each token (see `Ctx::tok_flags`): one lookup of the word as written,
/// and one of its lowercase form for words with capitals, where that form can matter.
fn token_flags(toks: &[Token], text: &str, lex: &Lexicon) -> Vec<u8> {
    let mut out = Vec::with_capacity(toks.len());
    let mut buf = String::new();
    for t in toks {
        let w = word_at(text, t);
        let exact = lex.word_flags_of(w);
        // The lowercase form gives a group noun only to a capitalised sentence opener, and a
        // starter only where a title or body pattern may begin: `word_matches` tries a starter
        // after the same `may_start` test on the text there, which fails whenever it fails on
        // the word alone (a pattern's first byte pair implies its first byte). Elsewhere the
        // second lookup could not change what is found.
        let lower_matters = || {
            t.cap && t.starts_sentence && !t.allcaps
                || lex.title_ac.may_start(w.as_bytes())
                || lex.body_ac.may_start(w.as_bytes())
        };
        let lower = if (t.cap || t.allcaps) && lower_matters() {
            buf.clear();
            if w.is_ascii() {
                buf.push_str(w);
                buf.make_ascii_lowercase();
            } else {
                buf.push_str(&crate::text::lowercase(w));
            }
            lex.word_flags_of(&buf)
        } else {
            exact
        };
        let mut f = exact & (WORD_DIRECTION | WORD_WORK);
        if t.cap {
            f |= exact & (WORD_NON_ACTOR | WORD_SURNAME);
            if t.starts_sentence && !t.allcaps {
                f |= lower & WORD_GROUP;
            }
        } else {
            f |= exact & WORD_GROUP;
        }
        f |= lower & WORD_STARTER;
        out.push(f);
    }
    out
}

/// Keeps the strongest of overlapping raws: higher priority, then longer, then earlier (then
/// first in `raws`). Raws are taken greedily in that order, each unless it overlaps one taken
/// before; empty ranges never are. The result is in order of start.
fn select(raws: Vec<Raw>) -> Vec<Raw> {
    // Whether a raw is taken depends only on the raws it overlaps, so the greedy pass can run on
    // each cluster of overlapping raws on its own and give what one pass over the whole list
    // gives. Clusters are found in one sweep by start, and are small (most hold one raw): the
    // priority order is then only ever needed among a handful of raws.
    let mut by_start: Vec<usize> = (0..raws.len())
        .filter(|&i| !raws[i].range.is_empty())
        .collect();
    sort_by_start(&mut by_start, |&i| raws[i].range.start);
    // The priority order: a smaller key first, ties by place in `raws`.
    let key = |i: usize| {
        let r = &raws[i];
        (
            Reverse(r.priority),
            Reverse(r.range.end - r.range.start),
            r.range.start,
            i,
        )
    };
    let mut chosen: Vec<usize> = Vec::with_capacity(by_start.len());
    let mut c = 0;
    while c < by_start.len() {
        // The cluster `c..e`: by start, each raw begins before the furthest end so far, so it
        // overlaps the raw reaching that end.
        let mut reach = raws[by_start[c]].range.end;
        let mut e = c + 1;
        while e < by_start.len() && raws[by_start[e]].range.start < reach {
            reach = reach.max(raws[by_start[e]].range.end);
            e += 1;
        }
        let cluster = &mut by_start[c..e];
        c = e;
        if let [only] = *cluster {
            chosen.push(only);
            continue;
        }
        sort_indices_by_key(cluster, key);
        let first = chosen.len();
        // A long cluster (a long run of overlapping raws, rare) keeps its taken ranges by start
        // in a map, which finds the one that could clash at once: taken ranges do not overlap,
        // so only the last one starting before a raw's end can overlap it.
        let mut taken: Option<BTreeMap<usize, usize>> =
            (cluster.len() > SMALL_CLUSTER).then(BTreeMap::new);
        for &i in cluster.iter() {
            let r = &raws[i].range;
            let clash = match &mut taken {
                Some(t) => t
                    .range(..r.end)
                    .next_back()
                    .is_some_and(|(_, &e)| e > r.start),
                None => chosen[first..].iter().any(|&j| {
                    let t = &raws[j].range;
                    t.start < r.end && r.start < t.end
                }),
            };
            if !clash {
                chosen.push(i);
                if let Some(t) = &mut taken {
                    t.insert(r.start, r.end);
                }
            }
        }
        // Taken raws do not overlap and are not empty, so their starts differ.
        sort_indices_by_key(&mut chosen[first..], |i| raws[i].range.start);
    }
    let mut slots: Vec<Option<Raw>> = raws.into_iter().map(Some).collect();
    chosen.iter().filter_map(|&i| slots[i].take()).collect()
}

/// Clusters of `select` up to this many raws are sorted and checked for clashes by simple
/// quadratic loops, cheaper than a general sort and a map at this size.
const SMALL_CLUSTER: usize = 32;

/// Sorts indices by `key`, stably: by insertion for a short list (a cluster of `select` holds a
/// few raws, too few for a general sort's set-up to pay), else by the engine's sort.
fn sort_indices_by_key<K: Ord>(v: &mut [usize], key: impl Fn(usize) -> K) {
    if v.len() > SMALL_CLUSTER {
        crate::collections::sort_by_key(v, |&i| key(i));
        return;
    }
    for n in 1..v.len() {
        let mut k = n;
        while k > 0 && key(v[k - 1]) > key(v[k]) {
            v.swap(k - 1, k);
            k -= 1;
        }
    }
}

/// Sorts `v` stably by `start`, as `collections::sort_by_key` does, but returns at once when `v`
/// is already in order (marks and zones are mostly found left to right): a stable sort leaves
/// such a list as it is.
fn sort_by_start<T>(v: &mut [T], start: impl Fn(&T) -> usize) {
    if v.windows(2).any(|w| start(&w[0]) > start(&w[1])) {
        crate::collections::sort_by_key(v, start);
    }
}

fn raw(range: Range<usize>, cand: Cand, sentence: usize, priority: u8) -> Raw {
    Raw {
        range,
        cand,
        role: None,
        gender: Gender::Unknown,
        title: None,
        qualifier: None,
        party_country: None,
        named_in_role: false,
        sentence,
        priority,
    }
}

/// Photo credits ("REUTERS/Jonathan Ernst", "(David Goldman / Associated Press)"), datelines
/// ("BEIJING, China –") and @handles hold no mentions.
fn find_zones(cx: &mut Ctx) {
    let text = cx.text;
    // A credit is short: look at most this far either side of its slash.
    const REACH: usize = 80;
    let mut last_slash_zone_end = 0;
    for (i, _) in text.match_indices('/') {
        if i < last_slash_zone_end {
            continue;
        }
        let lo = floor_boundary(text, i.saturating_sub(REACH));
        let hi = ceil_boundary(text, (i + 1 + REACH).min(text.len()));
        let line_start = text[lo..i].rfind('\n').map_or(lo, |p| lo + p + 1);
        let line_end = text[i..hi].find('\n').map_or(hi, |p| i + p);
        let open = text[line_start..i].rfind('(').map(|p| line_start + p);
        let close = text[i..line_end].find(')').map(|p| i + p + 1);
        if let (Some(o), Some(c)) = (open, close) {
            if !text[o..i].contains(')') {
                cx.zones.push(o..c);
                last_slash_zone_end = c;
                continue;
            }
        }
        // "REUTERS/Name": a word in capitals right before the slash.
        let before = &text[line_start..i];
        // Past the whole separator: it may be several bytes long (“, —, «).
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = &before[word_start..];
        if word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase()) {
            cx.zones.push(line_start + word_start..line_end);
            last_slash_zone_end = line_end;
        }
    }
    for p in &cx.doc.paragraphs {
        let para = &text[p.clone()];
        // Cheap test first: a dateline opens with a word of three or more capitals.
        let caps_run = para.bytes().take_while(u8::is_ascii_uppercase).count();
        let starts_caps = caps_run >= 3 || para.chars().take(3).all(char::is_uppercase);
        if !starts_caps {
            continue;
        }
        let head: &str = match para.char_indices().nth(80) {
            Some((b, _)) => &para[..b],
            None => para,
        };
        let Some(dash) = head.find(['–', '—']).or_else(|| head.find(" - ")) else {
            continue;
        };
        let lead = &head[..dash];
        let first_word = lead
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("");
        let caps_first =
            first_word.chars().count() >= 3 && first_word.chars().all(char::is_uppercase);
        let no_lower_word = lead
            .split(|c: char| !c.is_alphanumeric())
            .all(|w| w.chars().next().is_none_or(|c| !c.is_lowercase()));
        if caps_first && no_lower_word {
            cx.zones.push(p.start..p.start + dash);
        }
    }
    sort_by_start(&mut cx.zones, |z| z.start);
}

/// Leftmost-longest matches of `ac` that start where a word starts (or after a hyphen inside a
/// word: "North" in "US-North Korea"), without overlaps. Searching anchored at word starts
/// only, rather than at every byte, is what keeps matching fast; `upper_only` skips words that
/// do not start with an uppercase letter (no alias of the built-in gazetteer does), and
/// `starters_only` tries only words that begin a title or body.
/// Each match is (start, end, pattern index).
fn word_matches(
    cx: &Ctx,
    ac: &Trie,
    upper_only: bool,
    starters_only: bool,
) -> Vec<(usize, usize, usize)> {
    let text = cx.text;
    let mut out = Vec::new();
    let mut free = 0;
    let try_at = |at: usize, out: &mut Vec<(usize, usize, usize)>, free: &mut usize| {
        if at < *free {
            return;
        }
        if !ac.may_start(&text.as_bytes()[at..]) {
            return;
        }
        if upper_only && !text[at..].chars().next().is_some_and(char::is_uppercase) {
            return;
        }
        if let Some((p, len)) = ac.longest_prefix(&text.as_bytes()[at..]) {
            *free = at + len;
            out.push((at, at + len, p));
        }
    };
    if starters_only {
        for &k in &cx.starters {
            try_at(cx.toks[k].range.start, &mut out, &mut free);
        }
        return out;
    }
    for t in &cx.toks {
        // A token's `cap` is the `upper_only` test at its start, known without decoding.
        if t.cap || !upper_only {
            try_at(t.range.start, &mut out, &mut free);
        }
        if t.hyphen {
            for (h, _) in text[t.range.clone()].match_indices('-') {
                try_at(t.range.start + h + 1, &mut out, &mut free);
            }
        }
    }
    out
}

fn find_titles(cx: &mut Ctx) {
    let text = cx.text;
    for (s, e, pattern) in word_matches(cx, &cx.lex.title_ac, false, true) {
        if is_alnum_before(text, s) || is_alnum_at(text, e) {
            continue;
        }
        let t = &text[s..e];
        // Lowercase ("spokeswoman") or title case ("Foreign Minister"), not shouting capitals.
        let ok = *t == *crate::text::lowercase(t)
            || t.split([' ', '-']).all(|w| {
                w.chars().next().is_none_or(char::is_uppercase) || CONNECTORS.contains(&w)
            });
        if ok {
            cx.titles.push((s..e, pattern));
        }
    }
}

fn find_gazetteer(cx: &mut Ctx) {
    let text = cx.text;
    let upper_only = !cx.gaz.lower_starts;
    for (s, e, pattern) in word_matches(cx, &cx.gaz.names, upper_only, false) {
        if is_alnum_before(text, s) || is_alnum_at(text, e) || text[..s].ends_with('@') {
            continue;
        }
        let (entry, class) = cx.gaz.patterns[pattern];
        // The token holding the start ("North" of "US-North Korea" is inside "US-North").
        let a = cx.toks.partition_point(|t| t.range.end <= s);
        if a >= cx.toks.len() {
            continue;
        }
        let b = cx.tok_from(e); // first token at or after the end
        let last = b.saturating_sub(1).max(a);
        let single = b <= a + 1;
        let prev = cx.prev_spaced(a);
        let next = cx.next_spaced(last);
        let prev_name = prev
            .is_some_and(|p| cx.name_word(p) && !cx.toks[p].starts_sentence && !cx.toks[p].allcaps);
        let next_name = next.is_some_and(|n| {
            cx.name_word(n)
                && !cx.title_starting_at(cx.toks[n].range.start)
                && !cx.gaz_starts_at(cx.toks[n].range.start)
        });
        let sentence = cx.toks[a].sentence;
        match class {
            AliasClass::Seat => {
                // "George Washington", "Washington Post", "Beijing University": part of a name.
                if prev_name || next_name {
                    continue;
                }
                // "talks in Beijing": the place, not the government.
                if let Some(p) = prev.or_else(|| a.checked_sub(1)) {
                    if cx.lex.locatives.contains(cx.w(p)) {
                        cx.places.push((sentence, entry));
                        continue;
                    }
                }
            }
            // "Michael Jordan", "Chad Smith": a person's name, not the country.
            AliasClass::Name
                if single
                    && cx.gaz.entries[entry].kind == ActorKind::Country
                    && (prev_name || next_name) =>
            {
                continue;
            }
            _ => {}
        }
        cx.marks
            .push(raw(s..e, Cand::Gaz { entry, class }, sentence, 3));
    }
}

fn find_bodies(cx: &mut Ctx) {
    let text = cx.text;
    let mut bodies: Vec<Raw> = Vec::new();
    for (s, e, pattern) in word_matches(cx, &cx.lex.body_ac, false, true) {
        if is_alnum_before(text, s) || is_alnum_at(text, e) {
            continue;
        }
        let t = &text[s..e];
        let ok = *t == *crate::text::lowercase(t)
            || t.split(' ').all(|w| {
                w.chars().next().is_none_or(char::is_uppercase) || CONNECTORS.contains(&w)
            });
        if !ok {
            continue;
        }
        let a = cx.tok_from(s);
        if a >= cx.toks.len() {
            continue;
        }
        // The country is part of a generic body's name: "Chinese foreign ministry", "China's
        // Foreign Ministry" name one body where "foreign ministry" alone needs the context.
        let qualifier = qualifier_mark(cx, s);
        let start = qualifier.map_or(s, |k| cx.marks[k].range.start);
        let body = cx.lex.body_of_pattern[pattern];
        let mut r = raw(start..e, Cand::Body { body }, cx.toks[a].sentence, 5);
        r.qualifier = qualifier.and_then(|k| match cx.marks[k].cand {
            Cand::Gaz { entry, .. } => Some(entry),
            _ => None,
        });
        bodies.push(r);
    }
    // A body replaces the gazetteer matches inside it (both lists are sorted and each is free
    // of overlaps, so one merge pass does it).
    if bodies.is_empty() {
        return;
    }
    let marks = std::mem::take(&mut cx.marks);
    let mut out = Vec::with_capacity(marks.len() + bodies.len());
    let mut bi = 0;
    for g in marks {
        while bi < bodies.len() && bodies[bi].range.end <= g.range.start {
            bi += 1;
        }
        let inside = bodies.get(bi).is_some_and(|b| b.range.start < g.range.end);
        if !inside {
            out.push(g);
        }
    }
    out.extend(bodies);
    sort_by_start(&mut out, |r| r.range.start);
    cx.marks = out;
}

/// A gazetteer country or organisation named right before byte `s` ("Chinese foreign ministry",
/// "China's Foreign Ministry", "US Secretary of State").
fn qualifier_before(cx: &Ctx, s: usize) -> Option<usize> {
    qualifier_mark(cx, s).and_then(|k| match cx.marks[k].cand {
        Cand::Gaz { entry, .. } => Some(entry),
        _ => None,
    })
}

/// Index in `marks` of the gazetteer mark that qualifies what starts at byte `s`.
fn qualifier_mark(cx: &Ctx, s: usize) -> Option<usize> {
    // Marks are sorted and do not overlap, so their ends are sorted too.
    let k = cx
        .marks
        .partition_point(|g| g.range.end <= s)
        .checked_sub(1)?;
    let g = &cx.marks[k];
    if !matches!(g.cand, Cand::Gaz { .. }) {
        return None;
    }
    let gap = between(cx.text, g.range.end, s);
    let gap = gap
        .strip_prefix("’s")
        .or_else(|| gap.strip_prefix("'s"))
        .unwrap_or(gap);
    (!gap.is_empty() && gap.chars().all(|c| c == ' ')).then_some(k)
}

fn mark_coverage(cx: &mut Ctx) {
    sort_by_start(&mut cx.marks, |r| r.range.start);
    for (k, m) in cx.marks.iter().enumerate() {
        let mut i = cx.tok_from(m.range.start);
        // A token partly covered ("US" in "US-based") counts as covered.
        if i > 0 && cx.toks[i - 1].range.end > m.range.start {
            i -= 1;
        }
        while i < cx.toks.len() && cx.toks[i].range.start < m.range.end {
            cx.covered[i] = Some(k);
            i += 1;
        }
    }
}

/// Runs of capitalised words in a sentence, joined by spaces or connectors ("Korea Hydro and
/// Nuclear Power Co"), each classified as an organisation, a titled person, an apposition, a
/// speaker, or left as bare words.
fn find_chunks(cx: &Ctx, out: &mut Vec<Raw>) {
    let n = cx.toks.len();
    let mut i = 0;
    while i < n {
        if !(cx.name_word(i) || cx.surname_word(i)) {
            i += 1;
            continue;
        }
        let a = i;
        let mut b = i + 1;
        loop {
            if b >= n || cx.toks[b].sentence != cx.toks[a].sentence {
                break;
            }
            let gap = between(cx.text, cx.toks[b - 1].range.end, cx.toks[b].range.start);
            let initial = cx.w(b - 1).chars().count() == 1 && gap == ". ";
            if !(gap == " " || initial) {
                break;
            }
            if cx.name_word(b) || cx.surname_word(b) {
                b += 1;
            } else if CONNECTORS.contains(&cx.w(b))
                && b + 1 < n
                && cx.next_spaced(b).is_some()
                && cx.name_word(b + 1)
            {
                b += 2;
            } else {
                break;
            }
        }
        classify_chunk(cx, a, b, out);
        i = b;
    }
}

fn org_suffix(cx: &Ctx, i: usize) -> Option<bool> {
    cx.lex.org_suffixes.get(cx.w(i)).copied()
}

/// Speakers known only by what they say. An acronym that speaks ("FIFA said") or a capitalised
/// word that "said it …" ("Google said it would appeal") is an organisation. And full names are
/// confirmed by their surname: "Taylor Swift postponed … Swift said". News style names a person
/// in full once and by surname after, so two or three capitalised words with no evidence of their
/// own are a person's name when their last word stands alone in the same document as a speaker.
/// (Organisations are shortened to their first word: "Goldman".)
fn promote_speakers(cx: &Ctx, raws: &mut [Raw]) {
    // The tokens of a bare run of capitalised words with no "The" before it, if each is a
    // plain capitalised word (not "NATO").
    let words = |r: &Raw| {
        if !matches!(r.cand, Cand::Short { with_the: None, .. }) {
            return None;
        }
        let a = cx.tok_from(r.range.start);
        let b = cx.tok_from(r.range.end);
        (a < b && (a..b).all(|t| cx.toks[t].cap && !cx.toks[t].allcaps)).then_some(a..b)
    };
    // The last words of names given in full ("Margrethe Vestager", "Mr Smith"): a lone word
    // that is one of them is that person, whatever follows it.
    // Sets, not lists: a 10 MB article names thousands of people.
    let name_ends: Set<&str> = raws
        .iter()
        .filter_map(|r| match &r.cand {
            Cand::Person { .. } => cx.tok_from(r.range.end).checked_sub(1).map(|t| cx.w(t)),
            _ => words(r).filter(|t| t.len() >= 2).map(|t| cx.w(t.end - 1)),
        })
        .collect();
    let mut surnames: Set<&str> = Set::default();
    for r in raws.iter_mut() {
        // "FIFA said": an unknown acronym that speaks is an organisation.
        if let Cand::Acronym { text } = &r.cand {
            if cx.cue_after(cx.tok_from(r.range.start)).is_some() {
                r.cand = Cand::Org {
                    name: text.clone(),
                    company: false,
                    acronym: Some(text.clone()),
                };
                r.priority = 4;
            }
            continue;
        }
        let Some(t) = words(r).filter(|t| t.len() == 1) else {
            continue;
        };
        let Some(cue) = cx.cue_after(t.start) else {
            continue;
        };
        let word = cx.w(t.start);
        // "Google said it would appeal": what speaks of itself as "it", and was never named in
        // full as a person, is an organisation.
        if !name_ends.contains(word) && cx.next_spaced(cue).is_some_and(|n| cx.w(n) == "it") {
            r.cand = Cand::Org {
                name: word.to_string(),
                company: true,
                acronym: None,
            };
            r.priority = 4;
        } else {
            surnames.insert(word);
        }
    }
    if surnames.is_empty() {
        return;
    }
    for r in raws.iter_mut() {
        if let Some(t) = words(r).filter(|t| (2..=3).contains(&t.len())) {
            if surnames.contains(cx.w(t.end - 1)) {
                r.cand = Cand::Person {
                    name: cx.text[r.range.clone()].to_string(),
                };
                r.priority = 4;
            }
        }
    }
}

/// An all-capital acronym in brackets right after byte `e`: "… Power Co (KHNP)".
fn bracket_acronym(text: &str, e: usize) -> Option<&str> {
    let rest = text.get(e..)?.strip_prefix(' ').unwrap_or(text.get(e..)?);
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')')?;
    let a = inner[..close].trim();
    (a.len() >= 2 && a.len() <= 8 && a.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
        .then_some(a)
}

fn classify_chunk(cx: &Ctx, a: usize, b: usize, out: &mut Vec<Raw>) {
    let text = cx.text;
    let sentence = cx.toks[a].sentence;
    let span = |x: usize, y: usize| cx.toks[x].range.start..cx.toks[y - 1].range.end;

    // Organisations: a known suffix, or an acronym in brackets after the name.
    let acronym = bracket_acronym(text, cx.toks[b - 1].range.end);
    let suffix = org_suffix(cx, b - 1);
    if suffix.is_some()
        || acronym.is_some_and(|ac| ac.starts_with(cx.w(a).chars().next().unwrap_or(' ')))
    {
        // Leading qualifiers are not part of the name: "North Korean", "US", "China's".
        let mut s = a;
        let mut qualifier = None;
        while s < b {
            let Some(k) = cx.covered[s] else { break };
            let m = &cx.marks[k];
            let Cand::Gaz { entry, class } = m.cand else {
                break;
            };
            let possessive = possessive_len(text, m.range.end, false) > 0;
            if !(possessive
                || matches!(
                    class,
                    AliasClass::Demonym | AliasClass::Acronym | AliasClass::Seat
                ))
            {
                break;
            }
            qualifier = Some(entry);
            while s < b && cx.covered[s] == Some(k) {
                s += 1;
            }
        }
        if b - s >= 2 {
            let whole_known =
                (s..b).all(|t| cx.covered[t].is_some() && cx.covered[t] == cx.covered[s]);
            if !whole_known {
                let name = text[span(s, b)].to_string();
                let mut r = raw(
                    span(s, b),
                    Cand::Org {
                        name,
                        company: suffix.unwrap_or(false),
                        acronym: acronym.map(String::from),
                    },
                    sentence,
                    4,
                );
                r.qualifier = qualifier;
                out.push(r);
                return;
            }
        }
    }

    // Not one organisation: "and" joins two names ("John Kerry and Wang Yi").
    if let Some(k) = (a + 1..b.saturating_sub(1)).find(|&k| matches!(cx.w(k), "and" | "&")) {
        classify_chunk(cx, a, k, out);
        classify_chunk(cx, k + 1, b, out);
        return;
    }
    // A person after a title: "US Secretary of State John Kerry", "spokeswoman Hua Chunying".
    if let Some(r) = titled_person(cx, a, b) {
        out.push(r);
        return;
    }
    let uncovered = (a..b).all(|t| cx.covered[t].is_none());
    let plain =
        uncovered && (a..b).all(|t| !cx.toks[t].allcaps || cx.initials(t, b)) && suffix.is_none();
    // An apposition: "Zuo Xiaodong, vice-president of …, said".
    if plain && (2..=4).contains(&(b - a)) {
        if let Some(role) = apposition_role(cx, b - 1) {
            let mut r = raw(
                span(a, b),
                Cand::Person {
                    name: text[span(a, b)].to_string(),
                },
                sentence,
                4,
            );
            let k = cx.marks.partition_point(|m| m.range.start < role.0.start);
            r.qualifier = cx
                .marks
                .get(k)
                .filter(|m| m.range.end <= role.0.end)
                .and_then(|m| match m.cand {
                    Cand::Gaz { entry, .. } => Some(entry),
                    _ => None,
                });
            r.gender = cx.lex.titles[role.1].gender;
            r.title = Some(role.1);
            r.role = Some(role.0);
            out.push(r);
            return;
        }
    }
    // A speaker: "John Smith said", "said John Smith."
    if plain && (2..=3).contains(&(b - a)) {
        let cue_after = cx.cue_after(b - 1).is_some();
        let cue_before = cx
            .prev_spaced(a)
            .is_some_and(|p| cx.lex.name_cues.contains(cx.w(p)))
            && !is_alnum_at(text, cx.toks[b - 1].range.end)
            && cx.next_spaced(b - 1).is_none();
        if cue_after || cue_before {
            out.push(raw(
                span(a, b),
                Cand::Person {
                    name: text[span(a, b)].to_string(),
                },
                sentence,
                4,
            ));
            return;
        }
    }
    // Bare words: uncovered runs, kept for the merge step to tie to known actors.
    let mut t = a;
    while t < b {
        if cx.covered[t].is_some() {
            t += 1;
            continue;
        }
        let s = t;
        while t < b && cx.covered[t].is_none() {
            t += 1;
        }
        // Trim connectors at the edges.
        let (mut x, mut y) = (s, t);
        while x < y && !cx.toks[x].cap {
            x += 1;
        }
        while y > x && !cx.toks[y - 1].cap {
            y -= 1;
        }
        if x >= y {
            continue;
        }
        if y - x == 1 && cx.toks[x].allcaps {
            let w = cx.w(x);
            if w.chars().count() <= 6 {
                out.push(raw(
                    span(x, y),
                    Cand::Acronym {
                        text: w.replace('.', ""),
                    },
                    sentence,
                    2,
                ));
            }
            continue;
        }
        let with_the = cx
            .prev_spaced(x)
            .filter(|&p| cx.w(p) == "The" || cx.w(p) == "the")
            .map(|p| text[cx.toks[p].range.start..cx.toks[y - 1].range.end].to_string());
        out.push(raw(
            span(x, y),
            Cand::Short {
                text: text[span(x, y)].to_string(),
                with_the,
            },
            sentence,
            1,
        ));
    }
}

/// A title ending right before (or inside) the chunk, followed by a name of 1-4 words.
fn titled_person(cx: &Ctx, a: usize, b: usize) -> Option<Raw> {
    let text = cx.text;
    // The last title that ends at a token p (a-1 <= p < b-1) and is followed by name words.
    let lo = cx.toks[a.saturating_sub(1)].range.start;
    let hi = cx.toks[b - 1].range.start;
    // Titles are sorted and do not overlap: the last one ending by `hi`.
    let k = cx
        .titles
        .partition_point(|(r, _)| r.end <= hi)
        .checked_sub(1)?;
    let (trange, tidx) = cx.titles[k].clone();
    if trange.end <= lo {
        return None;
    }
    let first = cx.tok_from(trange.end);
    if first >= b || first < a {
        return None;
    }
    // Only spaces (or the dot of "Mr.") between the title and the name; or a comma, when the
    // name stands in apposition to the title ("the Labour leader, Keir Starmer, said").
    let gap = between(text, trange.end, cx.toks[first].range.start);
    let apposed = gap == ", ";
    if !(gap == " " || gap == ". " || apposed) {
        return None;
    }
    // Up to four capitalised words, with particles inside ("Lula da Silva", "bin Salman").
    let mut end = first;
    let mut words = 0;
    while end < b
        && words < 4
        && cx.covered[end].is_none()
        && (!cx.toks[end].allcaps || cx.initials(end, b))
    {
        if cx.toks[end].cap {
            words += 1;
        } else if !(NAME_PARTICLES.contains(&cx.w(end)) && end + 1 < b && cx.toks[end + 1].cap) {
            break;
        }
        end += 1;
    }
    if end == first || org_suffix(cx, end - 1).is_some() {
        return None;
    }
    // An apposition closes where the name does: with punctuation, or with the speech verb of a
    // careless "the minister, John Smith said". Otherwise the comma separated a list or clauses.
    if apposed
        && !(end == b
            && (text[cx.toks[end - 1].range.end..].starts_with([',', '.', ';', ':', ')'])
                || text.len() == cx.toks[end - 1].range.end
                || cx.cue_after(end - 1).is_some()))
    {
        return None;
    }
    // A name stops where a known name starts ("President Obama Washington" is not a name).
    let name_range = cx.toks[first].range.start..cx.toks[end - 1].range.end;
    let mut r = raw(
        name_range.clone(),
        Cand::Person {
            name: text[name_range].to_string(),
        },
        cx.toks[first].sentence,
        4,
    );
    let title = &cx.lex.titles[tidx];
    r.gender = title.gender;
    r.title = Some(tidx);
    // Extend the role backwards over modifiers: "Foreign Ministry spokeswoman", "deputy energy minister".
    let mut start = trange.start;
    let mut t = cx.tok_from(trange.start);
    let mut steps = 0;
    while steps < 5 {
        let Some(p) = t
            .checked_sub(1)
            .filter(|_| t < cx.toks.len())
            .and_then(|_| cx.prev_spaced(t))
        else {
            break;
        };
        if let Some(k) = cx.covered[p] {
            let m = &cx.marks[k];
            match m.cand {
                Cand::Body { .. } => {
                    start = m.range.start;
                    t = cx.tok_from(m.range.start);
                    steps += 1;
                    continue;
                }
                Cand::Gaz { entry, .. } => {
                    r.qualifier = Some(entry);
                    break;
                }
                _ => break,
            }
        }
        let w = cx.w(p);
        if let Some(country) = cx.lex.group_qualifiers.get(w) {
            r.party_country = *country;
            start = cx.toks[p].range.start;
        } else if (cx.toks[p].cap && !cx.non_actor(p) && !cx.toks[p].allcaps)
            || cx.lex.role_modifiers.contains(w)
        {
            // "Hamas official": a name in the role says whom the holder speaks for, even where
            // no list knows it; the country around is then no guide.
            let lower_w = crate::text::lowercase(w);
            if cx.toks[p].cap && !cx.lex.role_modifiers.contains(&*lower_w) {
                r.named_in_role = true;
            }
            start = cx.toks[p].range.start;
        } else {
            break;
        }
        t = p;
        steps += 1;
    }
    // "China’s Foreign Minister": a possessive qualifier right before the role.
    if r.qualifier.is_none() {
        r.qualifier = qualifier_before(cx, start);
    }
    r.role = Some(start..trange.end);
    Some(r)
}

/// The role in an apposition after token `last`: ", deputy energy minister," -> (range, title).
fn apposition_role(cx: &Ctx, last: usize) -> Option<(Range<usize>, usize)> {
    let text = cx.text;
    let after = cx.toks[last].range.end;
    let rest = text.get(after..)?;
    if !rest.starts_with(", ") {
        return None;
    }
    let mut k = last + 1;
    if k < cx.toks.len() && ARTICLES.contains(&cx.w(k)) && cx.toks[k].range.start == after + 2 {
        k += 1;
    }
    let first = k;
    if first >= cx.toks.len() || cx.toks[first].sentence != cx.toks[last].sentence {
        return None;
    }
    if between(text, after, cx.toks[first].range.start).contains(['.', ';', '"', '“', '”']) {
        return None;
    }
    // A title among the first words, with only modifiers before it.
    let k = cx
        .titles
        .partition_point(|(r, _)| r.start < cx.toks[first].range.start);
    let (tr, ti) = cx.titles.get(k)?.clone();
    let title_tok = cx.tok_from(tr.start);
    if title_tok >= first + 3 {
        return None;
    }
    for j in first..title_tok {
        let w = cx.w(j);
        if !(cx.lex.role_modifiers.contains(w) || cx.toks[j].cap) {
            return None;
        }
        if j > first && !spaced(text, cx.toks[j - 1].range.end, cx.toks[j].range.start) {
            return None;
        }
    }
    // The role runs to the next comma, stop, quote or speech verb, at most 12 words.
    let mut end_tok = cx.tok_from(tr.end).saturating_sub(1).max(title_tok);
    let mut j = end_tok + 1;
    while j < cx.toks.len() && j - first < 12 && cx.toks[j].sentence == cx.toks[first].sentence {
        let gap = between(text, cx.toks[j - 1].range.end, cx.toks[j].range.start);
        if !gap.chars().all(|c| c == ' ' || c == '-') || gap.is_empty() && j > end_tok + 1 {
            break;
        }
        if cx.lex.name_cues.contains(cx.w(j)) {
            break;
        }
        end_tok = j;
        j += 1;
    }
    let end = cx.toks[end_tok].range.end.max(tr.end);
    Some((cx.toks[first].range.start..end, ti))
}

/// "the North": a country named "North …", resolved at merge time.
fn find_directions(cx: &Ctx, out: &mut Vec<Raw>) {
    for i in 1..cx.toks.len() {
        if cx.tok_flags[i] & WORD_DIRECTION == 0 || cx.covered[i].is_some() {
            continue;
        }
        let w = cx.w(i);
        let Some(p) = cx.prev_spaced(i) else { continue };
        if cx.w(p) != "the" && cx.w(p) != "The" {
            continue;
        }
        // "the North Atlantic" is another name.
        if cx.next_spaced(i).is_some_and(|n| cx.toks[n].cap) {
            continue;
        }
        let r = cx.toks[p].range.start..cx.toks[i].range.end;
        out.push(raw(
            r,
            Cand::Direction {
                word: w.to_string(),
            },
            cx.toks[i].sentence,
            3,
        ));
    }
}

/// Groups that speak or hold positions: "experts", "US media", "Republican critics".
fn find_groups(cx: &Ctx, out: &mut Vec<Raw>) {
    let mut lower = String::new();
    for i in 0..cx.toks.len() {
        if cx.tok_flags[i] & WORD_GROUP == 0 {
            continue;
        }
        let t = &cx.toks[i];
        let w = cx.w(i);
        let noun: &str = if t.cap {
            if !t.starts_sentence || t.allcaps {
                continue;
            }
            lower.clear();
            lower.push_str(&crate::text::lowercase(w));
            &lower
        } else {
            w
        };
        let Some(&noun) = cx.lex.groups.get(noun) else {
            continue;
        };
        let mut start = t.range.start;
        let mut qualifier = None;
        let mut country = None;
        if let Some(p) = cx
            .prev_spaced(i)
            .filter(|&p| cx.toks[p].cap && !cx.non_actor(p))
        {
            if let Some(k) = cx.covered[p] {
                if let Cand::Gaz { entry, .. } = cx.marks[k].cand {
                    start = cx.marks[k].range.start;
                    qualifier = Some(text_of(cx, start..cx.marks[k].range.end));
                    country = Some(entry);
                }
            } else if cx.prev_spaced(p).is_none_or(|pp| !cx.name_word(pp)) {
                // One capitalised word ("Sony hackers"); a longer name before the noun
                // ("George Washington University researchers") is a name of its own.
                start = cx.toks[p].range.start;
                qualifier = Some(cx.w(p).to_string());
            }
        }
        let mut r = raw(
            start..t.range.end,
            Cand::Group {
                noun: noun.to_string(),
                qualifier,
            },
            t.sentence,
            5,
        );
        r.qualifier = country;
        out.push(r);
    }
}

fn text_of(cx: &Ctx, r: Range<usize>) -> String {
    cx.text.get(r).unwrap_or("").to_string()
}

/// Titles of works after or before a work noun: "the comedy “The Interview”", "the comedy movie
/// The Interview", "CNN's "State of the Union" show".
fn find_works(cx: &Ctx, out: &mut Vec<Raw>) {
    let text = cx.text;
    let n = cx.toks.len();
    for i in 0..n {
        if cx.tok_flags[i] & WORD_WORK == 0 {
            continue;
        }
        // After the noun.
        if i + 1 < n {
            let gap = between(text, cx.toks[i].range.end, cx.toks[i + 1].range.start);
            let quoted = gap.contains(['"', '“', '‘']);
            let gap_ok = gap
                .chars()
                .all(|c| matches!(c, ' ' | ',' | '"' | '“' | '‘'));
            if gap_ok && cx.toks[i + 1].cap {
                let first_word = cx.w(i + 1);
                if quoted || matches!(first_word, "The" | "A" | "An") {
                    if let Some(end) = title_run(cx, i + 1, quoted) {
                        let r = cx.toks[i + 1].range.start..cx.toks[end].range.end;
                        out.push(raw(
                            r.clone(),
                            Cand::Work {
                                title: text_of(cx, r),
                            },
                            cx.toks[i].sentence,
                            6,
                        ));
                    }
                }
            }
        }
        // Before the noun: a quoted title.
        if i > 0 {
            let gap = between(text, cx.toks[i - 1].range.end, cx.toks[i].range.start);
            if gap.trim_end() != gap && matches!(gap.trim(), "\"" | "”") {
                // Walk back to the opening mark.
                let mut s = i - 1;
                while s > 0
                    && !between(text, cx.toks[s - 1].range.end, cx.toks[s].range.start)
                        .contains(['"', '“'])
                {
                    if i - s > 6 {
                        break;
                    }
                    s -= 1;
                }
                if i - s <= 6 && cx.toks[s].cap && s > 0 {
                    let r = cx.toks[s].range.start..cx.toks[i - 1].range.end;
                    out.push(raw(
                        r.clone(),
                        Cand::Work {
                            title: text_of(cx, r),
                        },
                        cx.toks[i].sentence,
                        6,
                    ));
                }
            }
        }
    }
}

/// The last token of a title-case run starting at `s` (connectors allowed inside), closed by a
/// quote mark when `quoted`.
fn title_run(cx: &Ctx, s: usize, quoted: bool) -> Option<usize> {
    let text = cx.text;
    let mut e = s;
    while e + 1 < cx.toks.len() && e - s < 6 {
        let gap = between(text, cx.toks[e].range.end, cx.toks[e + 1].range.start);
        if gap != " " {
            break;
        }
        let w = cx.w(e + 1);
        if cx.toks[e + 1].cap
            || (CONNECTORS.contains(&w) || ARTICLES.contains(&w))
                && cx.toks.get(e + 2).is_some_and(|t| t.cap)
        {
            e += 1;
        } else {
            break;
        }
    }
    if quoted {
        let after = text.get(cx.toks[e].range.end..).unwrap_or("");
        let after = after.trim_start_matches([',', '.']);
        if !after.starts_with(['"', '”', '’']) {
            return None;
        }
    }
    Some(e)
}

/// "the U.N. General Assembly’s human rights committee": an organisation's possessive, a few
/// lowercase words and a body noun make a body of that organisation.
fn find_sub_bodies(cx: &Ctx, out: &mut Vec<Raw>) {
    let text = cx.text;
    for m in &cx.marks {
        let Cand::Gaz { entry, .. } = m.cand else {
            continue;
        };
        if cx.gaz.entries[entry].kind != ActorKind::Organization {
            continue;
        }
        let pl = possessive_len(text, m.range.end, false);
        if pl == 0 {
            continue;
        }
        let mut k = cx.tok_from(m.range.end + pl);
        let first = k;
        while k < cx.toks.len() && k - first < 4 && !cx.toks[k].cap {
            let w = cx.w(k);
            let is_body = cx.lex.org_suffixes.iter().any(|(s, company)| {
                !company && s.eq_ignore_ascii_case(w) && w.chars().all(char::is_lowercase)
            });
            if is_body && k > first {
                let r = m.range.start..cx.toks[k].range.end;
                let mut x = raw(
                    r.clone(),
                    Cand::Org {
                        name: text_of(cx, r),
                        company: false,
                        acronym: None,
                    },
                    m.sentence,
                    5,
                );
                x.qualifier = Some(entry);
                out.push(x);
                break;
            }
            if k > first && !spaced(text, cx.toks[k - 1].range.end, cx.toks[k].range.start) {
                break;
            }
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::data::{builtin, lexicon};
    use crate::analysis::DocumentInput;

    fn scan_text(text: &str) -> (Document, DocScan) {
        let d = Document::new(&DocumentInput {
            id: "d".into(),
            text: text.into(),
            outlet: None,
            title: None,
        });
        let s = scan(&d, builtin(), lexicon());
        (d, s)
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let (d, s) = scan_text(text);
        s.raws
            .iter()
            .map(|r| {
                let kind = match &r.cand {
                    Cand::Gaz { entry, .. } => format!("gaz:{}", builtin().entries[*entry].name),
                    Cand::Person { name } => format!("person:{name}"),
                    Cand::Org { name, .. } => format!("org:{name}"),
                    Cand::Body { body } => format!("body:{}", lexicon().bodies[*body]),
                    Cand::Group { noun, qualifier } => format!(
                        "group:{}{noun}",
                        qualifier.clone().map(|q| q + " ").unwrap_or_default()
                    ),
                    Cand::Work { title } => format!("work:{title}"),
                    Cand::Direction { word } => format!("direction:{word}"),
                    Cand::Acronym { text } => format!("acronym:{text}"),
                    Cand::Short { text, .. } => format!("short:{text}"),
                };
                (d.text[r.range.clone()].to_string(), kind)
            })
            .collect()
    }

    fn has(v: &[(String, String)], text: &str, kind: &str) -> bool {
        v.iter().any(|(t, k)| t == text && k == kind)
    }

    /// The greedy pass over the whole list, as `select` was first written: its clusters must
    /// choose the same raws in the same order.
    fn select_reference(raws: &[Raw]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..raws.len()).collect();
        order.sort_by_key(|&i| {
            let r = &raws[i];
            (
                Reverse(r.priority),
                Reverse(r.range.end.saturating_sub(r.range.start)),
                r.range.start,
            )
        });
        let mut taken: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for i in order {
            let r = &raws[i].range;
            if r.start >= r.end {
                continue;
            }
            let clash = taken
                .range(..r.end)
                .next_back()
                .is_some_and(|(_, &(e, _))| e > r.start);
            if !clash {
                taken.insert(r.start, (r.end, i));
            }
        }
        taken.values().map(|&(_, i)| i).collect()
    }

    proptest::proptest! {
        #[test]
        fn select_agrees_with_one_greedy_pass(
            spans in proptest::collection::vec((0usize..300, 0usize..40, 1u8..7), 0..120),
        ) {
            let raws: Vec<Raw> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, len, priority))| {
                    // The sentence field carries the raw's place, to tell the chosen apart.
                    raw(start..start + len, Cand::Body { body: 0 }, i, priority)
                })
                .collect();
            let want = select_reference(&raws);
            let got: Vec<usize> = select(raws).iter().map(|r| r.sentence).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn titled_people_and_roles() {
        let text = "\"We oppose it,\" Foreign Ministry spokeswoman Hua Chunying said. US Secretary of State John Kerry and Chinese Foreign Minister Wang Yi met.";
        let (d, s) = scan_text(text);
        let hua = s
            .raws
            .iter()
            .find(|r| &d.text[r.range.clone()] == "Hua Chunying")
            .expect("Hua found");
        assert_eq!(
            &d.text[hua.role.clone().unwrap()],
            "Foreign Ministry spokeswoman"
        );
        assert_eq!(hua.gender, Gender::Female);
        let kerry = s
            .raws
            .iter()
            .find(|r| &d.text[r.range.clone()] == "John Kerry")
            .expect("Kerry found");
        assert_eq!(&d.text[kerry.role.clone().unwrap()], "Secretary of State");
        assert_eq!(
            kerry.qualifier,
            builtin().by_name.get("United States").copied()
        );
        let v = found(text);
        assert!(
            has(&v, "Foreign Ministry", "body:Foreign Ministry"),
            "{v:?}"
        );
        assert!(has(&v, "Chinese", "gaz:China"), "{v:?}");
        assert!(has(&v, "Wang Yi", "person:Wang Yi"), "{v:?}");
    }

    #[test]
    fn appositions_and_speakers() {
        let text = "\"No risk,\" Chung Yang-ho, deputy energy minister, told Reuters. Zuo Xiaodong, vice-president of China Information Security Research Institute, said so. Maria Silva said it.";
        let (d, s) = scan_text(text);
        let chung = s
            .raws
            .iter()
            .find(|r| &d.text[r.range.clone()] == "Chung Yang-ho")
            .expect("Chung found");
        assert_eq!(
            &d.text[chung.role.clone().unwrap()],
            "deputy energy minister"
        );
        let zuo = s
            .raws
            .iter()
            .find(|r| &d.text[r.range.clone()] == "Zuo Xiaodong")
            .expect("Zuo found");
        assert_eq!(
            &d.text[zuo.role.clone().unwrap()],
            "vice-president of China Information Security Research Institute"
        );
        let v = found(text);
        assert!(
            has(
                &v,
                "China Information Security Research Institute",
                "org:China Information Security Research Institute"
            ),
            "{v:?}"
        );
        assert!(has(&v, "Maria Silva", "person:Maria Silva"), "{v:?}");
        assert!(has(&v, "Reuters", "gaz:Reuters"), "{v:?}");
    }

    #[test]
    fn metonymy_and_its_exceptions() {
        let v = found("Washington accused Pyongyang. The Washington Post and George Washington disagreed. Talks were held in Beijing.");
        assert!(has(&v, "Washington", "gaz:United States"), "{v:?}");
        assert!(has(&v, "Pyongyang", "gaz:North Korea"), "{v:?}");
        assert!(
            has(&v, "The Washington Post", "gaz:Washington Post"),
            "{v:?}"
        );
        assert_eq!(
            v.iter().filter(|(_, k)| k == "gaz:United States").count(),
            1,
            "{v:?}"
        );
        assert!(
            !v.iter()
                .any(|(t, k)| t == "Beijing" && !k.starts_with("short")),
            "{v:?}"
        );
        let v = found("BEIJING, China – China said on Monday it opposed the plan.");
        assert_eq!(
            v.iter().filter(|(_, k)| k == "gaz:China").count(),
            1,
            "{v:?}"
        );
    }

    #[test]
    fn possessives_demonyms_and_the_north() {
        let v = found("North Korea’s army and North Korean leader Kim Jong Un. The North's answer came. The South’s Korea Hydro and Nuclear Power Co (KHNP) said.");
        assert!(has(&v, "North Korea’s", "gaz:North Korea"), "{v:?}");
        assert!(has(&v, "North Korean", "gaz:North Korea"), "{v:?}");
        assert!(has(&v, "Kim Jong Un", "person:Kim Jong Un"), "{v:?}");
        assert!(has(&v, "The North", "direction:North"), "{v:?}");
        assert!(has(&v, "The South", "direction:South"), "{v:?}");
        assert!(
            has(
                &v,
                "Korea Hydro and Nuclear Power Co",
                "org:Korea Hydro and Nuclear Power Co"
            ),
            "{v:?}"
        );
        assert!(has(&v, "KHNP", "acronym:KHNP"), "{v:?}");
    }

    #[test]
    fn groups_works_and_furniture() {
        let v = found("Experts said US media and Republican critics spoke. The Sony hackers’ threat. Sony pulled the comedy “The Interview.”\nPrint Mail Large Medium Small\nAdd a Comment\n(David Goldman / Associated Press)\nREUTERS/Jonathan Ernst");
        assert!(has(&v, "Experts", "group:experts"), "{v:?}");
        assert!(has(&v, "US media", "group:US media"), "{v:?}");
        assert!(
            has(&v, "Republican critics", "group:Republican critics"),
            "{v:?}"
        );
        assert!(has(&v, "Sony hackers", "group:Sony hackers"), "{v:?}");
        assert!(has(&v, "The Interview", "work:The Interview"), "{v:?}");
        for bad in [
            "Print",
            "Mail",
            "Add",
            "Comment",
            "Associated Press",
            "David Goldman",
            "Jonathan Ernst",
            "REUTERS",
        ] {
            assert!(
                !v.iter().any(|(t, k)| t == bad && !k.starts_with("short")),
                "{bad} in {v:?}"
            );
        }
    }

    #[test]
    fn sub_bodies_of_organisations() {
        let v = found("the U.N. General Assembly’s human rights committee voted");
        assert!(
            has(
                &v,
                "U.N. General Assembly’s human rights committee",
                "org:U.N. General Assembly’s human rights committee"
            ),
            "{v:?}"
        );
    }
}
