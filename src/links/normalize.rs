//! Normalised words of a quote, so that outlets' versions of one statement compare equal:
//! case, quote marks and punctuation, possessives, dotted acronyms, hyphenation and closed
//! compounds ("cyber attacks" / "cyber-attacks" / "cyberattacks"), trivial British/American
//! spellings and light inflection ("oppose" / "opposes" / "opposed").
//!
//! Invariant: every [`Word::range`] is a byte range on char boundaries of the text it was cut
//! from, offset by the base the caller gave; words are in text order and do not overlap.

use crate::collections::Set;
use crate::text::is_alphanumeric;
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use std::sync::OnceLock;

/// One normalised word of a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range of the word as written (for a merged compound, both parts and what is between).
    pub range: Range<usize>,
    /// Lowercase spelling without apostrophes, dots or possessive "'s".
    pub lower: String,
    /// Light stem of `lower`, spelling-normalised: what comparisons use.
    pub stem: String,
    /// False for function words (`data/link_stopwords.txt`).
    pub content: bool,
    /// True when a sentence ends right after this word (". ", "? ", "! ").
    pub ends_sentence: bool,
}

fn stopwords() -> &'static Set<&'static str> {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        crate::data_file!("link_stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True for a function word that says nothing about which statement is reported.
pub fn is_stopword(lower: &str) -> bool {
    stopwords().contains(lower)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Lowercase form: apostrophes and dots dropped, a possessive "'s" removed.
pub fn lower_form(raw: &str) -> String {
    let mut s: String = crate::text::lowercase(raw).into_owned();
    for suffix in ["'s", "’s", "ʼs"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            break;
        }
    }
    s.chars()
        .filter(|&c| !is_apostrophe(c) && c != '.')
        .collect()
}

/// British → American spelling of a whole word where the rule is mechanical ("-isation").
/// The "-ise" and "-our" endings are handled on the stem, after inflections are gone.
fn spelling(w: &str) -> String {
    match w.strip_suffix("isation") {
        Some(stripped) => crate::join!(stripped, "ization"),
        None => w.to_string(),
    }
}

/// A light stem: plural, "-ed", "-ing" and a final "e" removed, so inflections meet; trivial
/// British/American spellings ("-isation", "-ise", "-our", "defence", "licence", "centre")
/// rewritten the same way on both sides, so a rare wrong rewrite is harmless.
pub fn stem(lower: &str) -> String {
    let mut s = spelling(lower);
    let n = s.chars().count();
    if !s.is_ascii() {
        return s;
    }
    if n > 4 && (s.ends_with("ies") || s.ends_with("ied")) {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if s.ends_with("sses") {
        s.truncate(s.len() - 2);
    } else if n > 3
        && s.ends_with('s')
        && !s.ends_with("ss")
        && !s.ends_with("us")
        && !s.ends_with("is")
    {
        s.truncate(s.len() - 1);
    }
    // Spelling of the singular: "defences" → "defence" → "defense".
    for (from, to) in [
        ("fence", "fense"),
        ("licence", "license"),
        ("centre", "center"),
    ] {
        if let Some(stripped) = s.strip_suffix(from) {
            s = crate::join!(stripped, to);
        }
    }
    let n = s.len();
    if n > 5 && s.ends_with("ing") {
        s.truncate(n - 3);
    } else if n > 4 && s.ends_with("ed") {
        s.truncate(n - 2);
    }
    // "planned" / "planning" → "plan": a doubled final consonant left by the suffix.
    let b = s.as_bytes();
    let n = b.len();
    if n > 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z' | b'e') {
        s.truncate(n - 1);
    }
    if s.len() > 3 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    // "-ise" / "-ize" ("prais", "criticis", "emphasis") and "-our" / "-or" ("behaviour"):
    // rewritten on every inflection alike, and on both sides of any comparison.
    if s.len() >= 5 && s.ends_with("is") {
        s.truncate(s.len() - 1);
        s.push('z');
    }
    if s.len() >= 6 && s.ends_with("our") {
        s.truncate(s.len() - 2);
        s.push('r');
    }
    s
}

/// Raw words of `text` (byte ranges relative to `text`): letters and digits, with inner
/// apostrophes ("don't") and inner dots of acronyms ("U.S.") kept; hyphens split words. Each
/// word comes with whether a sentence ends right after it.
pub fn raw_words(text: &str) -> Vec<(Range<usize>, bool)> {
    RawWords::new(text).collect()
}

/// The char starting at byte `b` of `text` (a char boundary) and its length in bytes; `None` at
/// the end. ASCII, most of any text, is read without UTF-8 decoding.
#[inline]
fn char_at(text: &str, b: usize) -> Option<(char, usize)> {
    let &x = text.as_bytes().get(b)?;
    if x.is_ascii() {
        return Some((x as char, 1));
    }
    let c = text.get(b..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// [`BYTE_CLASS`] of an ASCII letter or digit.
const ALNUM: u8 = 0;
/// [`BYTE_CLASS`] of any other ASCII byte.
const MARK: u8 = 1;
/// [`BYTE_CLASS`] of a byte of a non-ASCII char.
const WIDE: u8 = 2;

/// The class of each byte value: one load per byte where runs of letters or of marks are
/// stepped over, rather than a chain of range tests.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            MARK
        };
        b += 1;
    }
    t
};

/// The length in bytes of the char whose UTF-8 encoding starts with byte `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0x80 => 1,
        0x80..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// The char ending at byte `b` of `text` (a char boundary) and its length; `None` at the start.
#[inline]
fn char_before(text: &str, b: usize) -> Option<(char, usize)> {
    let &x = text.as_bytes().get(b.checked_sub(1)?)?;
    if x.is_ascii() {
        return Some((x as char, 1));
    }
    let c = text.get(..b)?.chars().next_back()?;
    Some((c, c.len_utf8()))
}

/// The words of [`raw_words`], one at a time: reads the text in place, so a whole document can
/// be walked without holding its chars or its words.
pub struct RawWords<'t> {
    text: &'t str,
    /// Byte position where the search for the next word starts (a char boundary).
    pos: usize,
}

impl<'t> RawWords<'t> {
    /// The raw words of `text`, in text order.
    pub fn new(text: &'t str) -> Self {
        RawWords { text, pos: 0 }
    }
}

impl<'t> RawWords<'t> {
    /// The raw words of `text` from byte `pos` on (a char boundary where a scan of the whole
    /// text would look for its next word: the start of `text` or the end of a word of it).
    pub fn resume(text: &'t str, pos: usize) -> Self {
        RawWords { text, pos }
    }

    /// The next word with what reading it looked at: see [`Scanned`].
    fn read_next(&mut self) -> Option<Scanned> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.pos;
        // Runs of ASCII (most of any text) are stepped over byte by byte, without decoding.
        let (start, first_len) = loop {
            while bytes
                .get(i)
                .is_some_and(|&b| BYTE_CLASS[b as usize] == MARK)
            {
                i += 1;
            }
            let (c, len) = char_at(text, i)?;
            if is_alphanumeric(c) {
                break (i, len);
            }
            i += len;
        };
        let mut j = start + first_len;
        while bytes
            .get(j)
            .is_some_and(|&b| BYTE_CLASS[b as usize] == ALNUM)
        {
            j += 1;
        }
        // Most words end at an ASCII mark that can carry no word on (not an apostrophe or a
        // dot): the loop below would read that mark and the char after it, and stop. That is
        // worked out here from the bytes, reading the same chars.
        let ends_here = bytes.get(j).is_some_and(|&b| {
            b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\'' && b != b'.'
        });
        // One past the last byte read (the end of text read as "nothing" counts as one byte
        // past it), so a caller knows which slices of the text give this word alike.
        let mut far = if ends_here {
            j + 1 + bytes.get(j + 1).map_or(1, |&b| utf8_len(b))
        } else {
            0
        };
        let mut look = |p: usize| {
            let r = char_at(text, p);
            far = far.max(p + r.map_or(1, |(_, l)| l));
            r
        };
        let mut behind = false;
        if !ends_here {
            loop {
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                let Some((c, len)) = look(j) else {
                    break;
                };
                if is_alphanumeric(c) {
                    j += len;
                    continue;
                }
                let next = look(j + len);
                let next_alnum = next.is_some_and(|(n, _)| is_alphanumeric(n));
                if is_apostrophe(c) && next_alnum {
                    j += len;
                    continue;
                }
                if c == '.' && next_alnum {
                    let after = next.and_then(|(_, nl)| look(j + len + nl));
                    if after.is_some_and(|(a, _)| a == '.') {
                        j += len;
                        continue;
                    }
                }
                // The dot closing an acronym ("U.S.") belongs to it when a dot came before.
                if c == '.' {
                    if let Some((p1, l1)) = char_before(text, j) {
                        if p1.is_alphabetic() && p1.is_uppercase() {
                            // Reading before the word's own first char: only a one-letter word.
                            behind = j - l1 <= start;
                            if char_before(text, j - l1).is_some_and(|(p2, _)| p2 == '.') {
                                j += len;
                            }
                        }
                    }
                }
                break;
            }
        }
        let end = j;
        // A sentence ends here when a stop follows and then space and a capital (or nothing);
        // a space or line break right after the word (read above) is no stop.
        let mut k = j;
        let mut stop = false;
        if !(ends_here && matches!(bytes[j], b' ' | b'\n')) {
            while let Some((c, len)) = look(k) {
                if c.is_whitespace() || is_alphanumeric(c) {
                    break;
                }
                if matches!(c, '.' | '!' | '?' | '…') {
                    stop = true;
                }
                k += len;
            }
        }
        let ends = stop && {
            while let Some((c, len)) = look(k) {
                if !c.is_whitespace() {
                    break;
                }
                k += len;
            }
            look(k).is_none_or(|(c, _)| !c.is_lowercase())
        };
        self.pos = j;
        Some(Scanned {
            range: start..end,
            ends,
            reach: far,
            behind,
        })
    }
}

/// A raw word as [`RawWords`] read it, with the extent of text the reading depended on.
struct Scanned {
    range: Range<usize>,
    ends: bool,
    /// One past the last byte looked at (one past the text's end when its end was seen).
    reach: usize,
    /// True when the char before `range.start` was looked at (a one-letter acronym part).
    behind: bool,
}

impl Iterator for RawWords<'_> {
    type Item = (Range<usize>, bool);

    fn next(&mut self) -> Option<Self::Item> {
        self.read_next().map(|s| (s.range, s.ends))
    }
}

/// Normalised words of `text`, whose first byte sits at `base` in its document.
///
/// `vocabulary` holds stems of words written closed ("cyberattacks"): two neighbouring words
/// whose joined stem is in it become one word, so spaced and hyphenated spellings meet.
pub fn words(text: &str, base: usize, vocabulary: &Set<String>) -> Vec<Word> {
    let mut n = Normalizer::new(vocabulary);
    n.words(text, base)
        .into_iter()
        .map(|w| Word {
            range: w.range,
            lower: n.string(w.lower).to_string(),
            stem: n.string(w.stem).to_string(),
            content: w.content,
            ends_sentence: w.ends_sentence,
        })
        .collect()
}

/// A hash map keyed by raw words as written. A word of up to 15 bytes (nearly all) is packed
/// with its length into one integer key: hashing and comparing it reads no other memory, where
/// a `String` key costs a pointer chase and a `memcmp` call on every look-up.
pub struct RawMap<V> {
    short: crate::collections::Map<u128, V>,
    long: crate::collections::Map<String, V>,
}

impl<V> Default for RawMap<V> {
    fn default() -> Self {
        RawMap {
            short: Default::default(),
            long: Default::default(),
        }
    }
}

/// The packed key of a word of at most 15 bytes: its length, then its bytes, zero-padded (the
/// length keeps "ab" and "ab\0" apart).
#[inline]
fn short_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    // The bytes as a little-endian integer, from two overlapping fixed-size loads: a copy of
    // a variable length would be a `memcpy` call on every look-up.
    let bits = if n >= 8 {
        if n > 15 {
            return None;
        }
        let lo = u64::from_le_bytes(b[..8].try_into().ok()?);
        let hi = u64::from_le_bytes(b[n - 8..].try_into().ok()?);
        // `hi` holds bytes n-8..n: dropping its first 16-n leaves bytes 8..n.
        let hi = hi.checked_shr(8 * (16 - n) as u32).unwrap_or(0);
        u128::from(lo) | u128::from(hi) << 64
    } else if n >= 4 {
        let lo = u32::from_le_bytes(b[..4].try_into().ok()?);
        let hi = u32::from_le_bytes(b[n - 4..].try_into().ok()?);
        let hi = hi.checked_shr(8 * (8 - n) as u32).unwrap_or(0);
        u128::from(lo) | u128::from(hi) << 32
    } else {
        b.iter().rev().fold(0, |k, &x| k << 8 | u128::from(x))
    };
    Some(n as u128 | bits << 8)
}

impl<V> RawMap<V> {
    /// The value stored for `word`, if any.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        match short_key(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        }
    }

    /// Stores `value` for `word`; returns true when `word` had no value before.
    pub fn insert(&mut self, word: &str, value: V) -> bool {
        match short_key(word) {
            Some(k) => self.short.insert(k, value).is_none(),
            None => self.long.insert(word.to_string(), value).is_none(),
        }
    }
}

/// A word's normalisation: ids of its lowercase form and stem, and whether it is a content word.
type Normal = (u32, u32, bool);

/// A normalised word with its spellings as ids of a [`Normalizer`]'s string table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordId {
    pub range: std::ops::Range<usize>,
    pub lower: u32,
    pub stem: u32,
    pub content: bool,
    pub ends_sentence: bool,
}

/// Normalises words with every distinct spelling worked out once: the raw word, and each pair
/// of neighbours tried as a closed compound, are cached, and spellings are interned as ids.
pub struct Normalizer<'v> {
    /// Borrowed when given; owned and growing while [`Normalizer::learning`] scans documents.
    vocabulary: Cow<'v, Set<String>>,
    /// True while scanned documents' closed words are added to `vocabulary`.
    learn: bool,
    ids: crate::collections::Map<String, u32>,
    strings: Vec<String>,
    raw: RawMap<Normal>,
    /// Keyed by both ids packed into one integer: hashed in one step rather than two.
    joins: crate::collections::Map<u64, Option<Normal>>,
    /// Reused between calls of [`Normalizer::words_into`]: the raw words of the current text
    /// with their normalisations, so normalising a sentence allocates nothing once warm.
    raw_buf: Vec<(Range<usize>, bool, Normal)>,
    /// Reused between calls of [`Normalizer::scan_document`]: the words of the current text.
    doc_buf: Vec<DocWord>,
}

impl<'v> Normalizer<'v> {
    /// A normaliser joining neighbours whose joined stem is in `vocabulary`.
    pub fn new(vocabulary: &'v Set<String>) -> Self {
        Self::with(Cow::Borrowed(vocabulary), false)
    }

    /// A normaliser whose vocabulary is learnt from the documents given to
    /// [`Normalizer::scan_document`] (as [`add_vocabulary`] would), until
    /// [`Normalizer::stop_learning`].
    pub fn learning() -> Self {
        Self::with(Cow::Owned(Set::default()), true)
    }

    fn with(vocabulary: Cow<'v, Set<String>>, learn: bool) -> Self {
        Normalizer {
            vocabulary,
            learn,
            ids: Default::default(),
            strings: Vec::new(),
            raw: Default::default(),
            joins: Default::default(),
            raw_buf: Vec::new(),
            doc_buf: Vec::new(),
        }
    }

    /// Ends the vocabulary: documents scanned from now on add nothing to it. Call before
    /// normalising any text, since joins depend on the whole vocabulary.
    pub fn stop_learning(&mut self) {
        self.learn = false;
    }

    /// The spelling of id `id` (empty for an unknown id).
    pub fn string(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", String::as_str)
    }

    /// How many distinct spellings have ids (ids run from 0 to this, exclusive).
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// True when no spelling has an id yet.
    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }

    fn intern(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.clone());
        self.ids.insert(s, id);
        id
    }

    /// The normalisation of `raw`. Nearly every call finds it cached; the first sight of a
    /// spelling is worked out out of line, so the cached path is a small function of its own.
    #[inline]
    fn normalise(&mut self, raw: &str) -> Normal {
        match self.raw.get(raw) {
            Some(&v) => v,
            None => self.normalise_new(raw),
        }
    }

    /// [`Normalizer::normalise`] of a raw word not seen before: worked out and cached.
    #[inline(never)]
    fn normalise_new(&mut self, raw: &str) -> Normal {
        let lower = lower_form(raw);
        let content = !is_stopword(&lower);
        let st = stem(&lower);
        // The rule of `add_vocabulary`, met once per distinct raw word as its `seen` does.
        if self.learn && raw.len() >= 6 && content && lower.chars().count() >= 6 {
            self.vocabulary.to_mut().insert(st.clone());
        }
        let v = (self.intern(lower), self.intern(st), content);
        self.raw.insert(raw, v);
        v
    }

    /// The closed compound of the words with lowercase ids `a` and `b`, if the vocabulary has
    /// it. Cached like [`Normalizer::normalise`]: the cached path is inlined.
    #[inline]
    fn join(&mut self, a: u32, b: u32) -> Option<Normal> {
        let key = (u64::from(a) << 32) | u64::from(b);
        match self.joins.get(&key) {
            Some(&v) => v,
            None => self.join_new(key, a, b),
        }
    }

    /// [`Normalizer::join`] of a pair not seen before (`key` packs `a` and `b`): worked out
    /// and cached.
    #[inline(never)]
    fn join_new(&mut self, key: u64, a: u32, b: u32) -> Option<Normal> {
        let (la, lb) = (self.string(a), self.string(b));
        let v = if la.len() >= 2 && lb.len() >= 2 {
            let joined = crate::join!(la, lb);
            let joined_stem = stem(&joined);
            if self.vocabulary.contains(&joined_stem) {
                let content = !is_stopword(&joined);
                Some((self.intern(joined), self.intern(joined_stem), content))
            } else {
                None
            }
        } else {
            None
        };
        self.joins.insert(key, v);
        v
    }

    /// Normalised words of `text`, whose first byte sits at `base` in its document.
    pub fn words(&mut self, text: &str, base: usize) -> Vec<WordId> {
        let mut out = Vec::new();
        self.words_into(text, base, &mut out);
        out
    }

    /// [`Normalizer::words`] written into `out` (cleared first), so that a caller normalising
    /// many texts reuses one buffer.
    pub fn words_into(&mut self, text: &str, base: usize, out: &mut Vec<WordId>) {
        out.clear();
        let mut raw = std::mem::take(&mut self.raw_buf);
        raw.clear();
        for (r, ends) in RawWords::new(text) {
            let normal = self.normalise(&text[r.clone()]);
            raw.push((r, ends, normal));
        }
        self.join_words(text, base, &raw, out);
        self.raw_buf = raw;
    }

    /// The words of `raw` (the raw words of `text` with their normalisations) written to
    /// `out`, neighbours that form a closed compound of the vocabulary joined.
    fn join_words(
        &mut self,
        text: &str,
        base: usize,
        raw: &[(Range<usize>, bool, Normal)],
        out: &mut Vec<WordId>,
    ) {
        out.reserve(raw.len());
        let mut k = 0;
        while k < raw.len() {
            let (ref r, ends, (lower, st, content)) = raw[k];
            if let Some((r2, ends2, (lower2, _, _))) = raw.get(k + 1) {
                // The gap is one space or dash: "-", " ", "‐" (U+2010) or "–" (U+2013), compared
                // as bytes (both ends are char boundaries, so equal bytes are equal text).
                let joinable = !ends
                    && matches!(
                        text.as_bytes()[r.end..r2.start],
                        [b'-' | b' '] | [0xe2, 0x80, 0x90 | 0x93]
                    );
                if joinable {
                    if let Some((jl, js, jc)) = self.join(lower, *lower2) {
                        out.push(WordId {
                            range: base + r.start..base + r2.end,
                            lower: jl,
                            stem: js,
                            content: jc,
                            ends_sentence: *ends2,
                        });
                        k += 2;
                        continue;
                    }
                }
            }
            out.push(WordId {
                range: base + r.start..base + r.end,
                lower,
                stem: st,
                content,
                ends_sentence: ends,
            });
            k += 1;
        }
    }

    /// Reads a whole document once: its raw words with their normalisations, kept so that
    /// [`Normalizer::slice_words_into`] need not read them again.
    pub fn scan_document(&mut self, text: &str) -> DocWords {
        // Positions are kept as u32 to halve the memory; a larger text is read per slice.
        if u32::try_from(text.len()).is_err() {
            return DocWords {
                words: None,
                hint: Cell::new(0),
            };
        }
        let mut words = std::mem::take(&mut self.doc_buf);
        words.clear();
        let mut scan = RawWords::new(text);
        while let Some(w) = scan.read_next() {
            let normal = self.normalise(&text[w.range.clone()]);
            words.push(DocWord::new(&w, normal));
        }
        // Kept at its exact size: one allocation per document, none for growing.
        let kept = words.as_slice().to_vec();
        self.doc_buf = words;
        DocWords {
            words: Some(kept),
            hint: Cell::new(0),
        }
    }

    /// [`Normalizer::words_into`] of `text[range]` with base `range.start`, where `doc` is
    /// [`Normalizer::scan_document`] of `text`: the same words, taken from `doc` where reading
    /// the slice cannot differ from reading the whole text, and read again only at the slice's
    /// edges (a word cut by the slice's start, the acronym look-behind at its start, the
    /// look-ahead of its last words). `range` must slice `text`.
    pub fn slice_words_into(
        &mut self,
        text: &str,
        doc: &DocWords,
        range: Range<usize>,
        out: &mut Vec<WordId>,
    ) {
        let slice = &text[range.clone()];
        let Some(ws) = &doc.words else {
            return self.words_into(slice, range.start, out);
        };
        out.clear();
        let (s, e) = (range.start, range.end);
        let mut raw = std::mem::take(&mut self.raw_buf);
        raw.clear();
        // Slices usually come in text order (sentence after sentence): the search for the
        // first word starts where the last slice's words ended, reading on rather than jumping.
        let h = doc.hint.get().min(ws.len());
        let mut i = if h == 0 || (ws[h - 1].start as usize) < s {
            let near = ws[h..]
                .iter()
                .take(16)
                .take_while(|w| (w.start as usize) < s);
            let k = h + near.count();
            if k < h + 16 {
                k
            } else {
                k + ws[k..].partition_point(|w| (w.start as usize) < s)
            }
        } else {
            ws.partition_point(|w| (w.start as usize) < s)
        };
        // Where the slice must be read itself, from then on (a slice-relative position where
        // its own scan would look for a word).
        let mut resume = None;
        if i > 0 && ws[i - 1].end().is_none_or(|end| end > s) {
            // A word of the text is cut by the slice's start.
            resume = Some(0);
        } else {
            // Between words of the text there are no letters or digits, so the slice's scan
            // finds the same next word; a word whose reading stayed inside the slice is the same.
            while let Some(w) = ws.get(i) {
                let start = w.start as usize;
                if start >= e {
                    break;
                }
                let end = match w.end() {
                    Some(end) if w.reach() <= e && !(w.behind() && start == s) => end,
                    _ => {
                        resume = Some(start - s);
                        break;
                    }
                };
                raw.push((start - s..end - s, w.ends(), w.normal()));
                i += 1;
            }
        }
        if let Some(pos) = resume {
            let mut scan = RawWords::resume(slice, pos);
            while let Some(w) = scan.read_next() {
                let normal = self.normalise(&slice[w.range.clone()]);
                raw.push((w.range, w.ends, normal));
            }
        }
        doc.hint.set(i);
        self.join_words(slice, s, &raw, out);
        self.raw_buf = raw;
    }
}

/// One raw word of a document as [`Normalizer::scan_document`] keeps it, packed into 16
/// bytes: a whole corpus's words are held at once, so their size is memory traffic.
#[derive(Debug, Clone, Copy)]
struct DocWord {
    start: u32,
    lower: u32,
    stem: u32,
    /// Length in bytes; `u16::MAX` when as long or longer (the end is then not known here).
    len: u16,
    /// Bits 0–12: how far past the word's end its reading looked (see [`Scanned::reach`]),
    /// `FAR` when that far or farther (or the end is not known); then the flags below.
    tail: u16,
}

/// [`DocWord::tail`]'s look-ahead past the end meaning "too far to say".
const FAR: u16 = 0x1fff;
const ENDS: u16 = 1 << 13;
const BEHIND: u16 = 1 << 14;
const CONTENT: u16 = 1 << 15;

impl DocWord {
    fn new(w: &Scanned, (lower, stem, content): Normal) -> Self {
        let len = u16::try_from(w.range.len()).unwrap_or(u16::MAX);
        let ahead = w.reach.saturating_sub(w.range.end);
        let mut tail = if len == u16::MAX {
            FAR
        } else {
            u16::try_from(ahead).map_or(FAR, |a| a.min(FAR))
        };
        tail |= if w.ends { ENDS } else { 0 };
        tail |= if w.behind { BEHIND } else { 0 };
        tail |= if content { CONTENT } else { 0 };
        DocWord {
            start: w.range.start as u32,
            lower,
            stem,
            len,
            tail,
        }
    }

    /// Byte position after the word, when known.
    fn end(&self) -> Option<usize> {
        (self.len != u16::MAX).then(|| self.start as usize + self.len as usize)
    }

    /// One past the last byte its reading looked at; `usize::MAX` when not known.
    fn reach(&self) -> usize {
        match (self.end(), self.tail & FAR) {
            (Some(end), ahead) if ahead != FAR => end + ahead as usize,
            _ => usize::MAX,
        }
    }

    fn ends(&self) -> bool {
        self.tail & ENDS != 0
    }

    fn behind(&self) -> bool {
        self.tail & BEHIND != 0
    }

    fn normal(&self) -> Normal {
        (self.lower, self.stem, self.tail & CONTENT != 0)
    }
}

/// The raw words of one document with their normalisations ([`Normalizer::scan_document`]).
pub struct DocWords {
    /// `None` for a text too long for u32 positions: its slices are read afresh.
    words: Option<Vec<DocWord>>,
    /// Index of the first word after the last slice read: where the next search starts.
    hint: Cell<usize>,
}

/// Adds the stems of the closed words of `text` (written as one word, not hyphenated) to
/// `vocabulary`, for [`words`] to join spaced spellings against.
pub fn add_vocabulary(text: &str, vocabulary: &mut Set<String>) {
    add_vocabulary_seen(text, vocabulary, &mut RawMap::default());
}

/// [`add_vocabulary`], skipping raw words already in `seen` (and adding the new ones), so that
/// a word repeated across many documents is normalised once.
pub fn add_vocabulary_seen(text: &str, vocabulary: &mut Set<String>, seen: &mut RawMap<()>) {
    for (r, _) in RawWords::new(text) {
        let raw = &text[r];
        if raw.len() < 6 || !seen.insert(raw, ()) {
            continue;
        }
        let lower = lower_form(raw);
        if lower.chars().count() >= 6 && !is_stopword(&lower) {
            vocabulary.insert(stem(&lower));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first implementation of [`raw_words`], over a collected char list: the reference
    /// the in-place reader must agree with.
    fn raw_words_reference(text: &str) -> Vec<(Range<usize>, bool)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].1.is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = chars[i].0;
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                if c.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                if (is_apostrophe(c) && next_alnum)
                    || (c == '.' && next_alnum && chars.get(j + 2).is_some_and(|&(_, n)| n == '.'))
                {
                    j += 1;
                    continue;
                }
                if c == '.'
                    && j >= 2
                    && chars[j - 2].1 == '.'
                    && chars[j - 1].1.is_alphabetic()
                    && chars[j - 1].1.is_uppercase()
                {
                    j += 1;
                }
                break;
            }
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            let mut k = j;
            let mut stop = false;
            while k < chars.len() && !chars[k].1.is_whitespace() && !chars[k].1.is_alphanumeric() {
                if matches!(chars[k].1, '.' | '!' | '?' | '…') {
                    stop = true;
                }
                k += 1;
            }
            let ends = stop && {
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                k >= chars.len() || !chars[k].1.is_lowercase()
            };
            out.push((start..end, ends));
            i = j;
        }
        out
    }

    proptest! {
        #[test]
        fn raw_words_match_the_reference(
            text in "[aZé9 .!?'’ʼ‘…\\-‐–,\n\u{a0}ÉΣσ🙂\u{300}ǅ]{0,40}"
        ) {
            prop_assert_eq!(raw_words(&text), raw_words_reference(&text));
        }
    }

    /// The char boundary of `text` at or before `b`.
    fn floor_boundary(text: &str, mut b: usize) -> usize {
        b = b.min(text.len());
        while !text.is_char_boundary(b) {
            b -= 1;
        }
        b
    }

    proptest! {
        #[test]
        fn slices_of_a_scanned_document_read_as_the_slice_alone(
            text in "[aZé9 .!?'’ʼ‘…\\-‐–,\n\u{a0}ÉΣσ🙂\u{300}ǅ]{0,60}",
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let mut vocabulary = Set::default();
            add_vocabulary("aZaZaZé9 ZaZaZaZa", &mut vocabulary);
            vocabulary.insert("aaaaaaa".to_string());
            let (a, b) = (floor_boundary(&text, a.min(b)), floor_boundary(&text, a.max(b)));
            let mut n = Normalizer::new(&vocabulary);
            let doc = n.scan_document(&text);
            let mut got = Vec::new();
            n.slice_words_into(&text, &doc, a..b, &mut got);
            let mut want = Vec::new();
            n.words_into(&text[a..b], a, &mut want);
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn scanned_slices_on_prose() {
        let text = "U.S. officials said: \"We don't oppose it.\" A.B.C. e.g. x.Y. .A. \
                    It's China’s call… ok? Yes! 3.5 per cent. ‘Quoted’ – end. I. B.";
        let v = Set::default();
        let mut n = Normalizer::new(&v);
        let doc = n.scan_document(text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        for &a in &bounds {
            for &b in bounds.iter().filter(|&&b| b >= a) {
                let mut got = Vec::new();
                n.slice_words_into(text, &doc, a..b, &mut got);
                let mut want = Vec::new();
                n.words_into(&text[a..b], a, &mut want);
                assert_eq!(got, want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn scanned_slices_with_long_words_and_gaps() {
        let text = format!(
            "ab. {}Cd efg {} yy. U.S. zz",
            " ".repeat(9000),
            "x".repeat(70_000)
        );
        let v = Set::default();
        let mut n = Normalizer::new(&v);
        let doc = n.scan_document(&text);
        let cuts = [
            0, 1, 2, 3, 4, 9004, 9005, 9008, 9009, 79_009, 79_010, 79_015, 79_018,
        ];
        let mut cuts: Vec<usize> = cuts.iter().map(|&c| floor_boundary(&text, c)).collect();
        cuts.push(text.len());
        for &a in &cuts {
            for &b in cuts.iter().filter(|&&b| b >= a) {
                let mut got = Vec::new();
                n.slice_words_into(&text, &doc, a..b, &mut got);
                let mut want = Vec::new();
                n.words_into(&text[a..b], a, &mut want);
                assert_eq!(got, want, "{a}..{b}");
            }
        }
    }

    #[test]
    fn short_keys_are_length_then_bytes() {
        let word = "abcdefghijklmnop\u{e9}";
        for n in 0..=word.len() {
            let Ok(w) = std::str::from_utf8(&word.as_bytes()[..n]) else {
                continue;
            };
            let want = (n <= 15).then(|| {
                let mut buf = [0u8; 16];
                buf[0] = n as u8;
                buf[1..=n].copy_from_slice(w.as_bytes());
                u128::from_le_bytes(buf)
            });
            assert_eq!(short_key(w), want, "{w:?}");
        }
    }

    #[test]
    fn learning_matches_add_vocabulary() {
        let texts = [
            "Cyberattacks and cyber-attacks, CYBERATTACK’s",
            "organisations don't",
        ];
        let mut v = Set::default();
        for t in texts {
            add_vocabulary(t, &mut v);
        }
        let mut n = Normalizer::learning();
        for t in texts {
            n.scan_document(t);
        }
        assert_eq!(*n.vocabulary, v);
    }

    #[test]
    fn raw_words_match_the_reference_on_prose() {
        let text = "U.S. officials said: \"We don't oppose it.\" A.B.C. e.g. x.Y. .A. \
                    It's China’s call… ok? Yes! 3.5 per cent. ‘Quoted’ – end.";
        assert_eq!(raw_words(text), raw_words_reference(text));
    }

    #[test]
    fn stems_meet_across_inflections_and_spellings() {
        assert_eq!(stem("oppose"), stem("opposes"));
        assert_eq!(stem("oppose"), stem("opposed"));
        assert_eq!(stem("opposing"), stem("oppose"));
        assert_eq!(stem("foundation"), stem("foundations"));
        assert_eq!(stem("facilities"), stem("facility"));
        assert_eq!(stem("denied"), stem("deny"));
        assert_eq!(stem("denies"), stem("deny"));
        assert_eq!(stem("emphasising"), stem("emphasizing"));
        assert_eq!(stem("organisation"), stem("organization"));
        assert_eq!(stem("behaviour"), stem("behavior"));
        assert_eq!(stem("defences"), stem("defenses"));
        assert_eq!(stem("praised"), stem("praise"));
        assert_eq!(stem("criticised"), stem("criticize"));
        assert_ne!(stem("war"), stem("was"));
    }

    #[test]
    fn compounds_join_when_written_closed_somewhere() {
        let mut v = Set::default();
        add_vocabulary("cyberattacks happen", &mut v);
        let w = words("cyber attacks and cyber-attack", 10, &v);
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, vec!["cyberattack", "and", "cyberattack"]);
        assert_eq!(w[0].range, 10..23);
        let w = words("cyber attacks", 0, &Set::default());
        assert_eq!(w.len(), 2);
    }

    #[test]
    fn possessives_acronyms_and_apostrophes() {
        let v = Set::default();
        let text = "China’s U.S. side don't";
        let w = words(text, 0, &v);
        let lowers: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(lowers, vec!["china", "us", "side", "dont"]);
        assert_eq!(&text[w[1].range.clone()], "U.S.");
        assert!(!w[3].content);
    }

    #[test]
    fn sentence_ends_are_marked() {
        let w = words("We act. They wait, he said. and", 0, &Set::default());
        let ends: Vec<bool> = w.iter().map(|w| w.ends_sentence).collect();
        assert_eq!(ends, vec![false, true, false, false, false, false, false]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        let v = Set::default();
        for t in ["", "’", "a’", "..", "U.", "🙂 x-", "\u{0}ab’s", "عربي نص"] {
            for w in words(t, 0, &v) {
                assert!(t.get(w.range.clone()).is_some());
            }
        }
    }
}
