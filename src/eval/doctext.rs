//! A document's text as the scorer sees it: UTF-16 offsets, edge trimming, searching.
//!
//! The scorer reads spans the way the contract writes them (UTF-16 code units, what JavaScript's
//! `String.prototype.slice` takes) and compares them the way `score.py` does: on spans trimmed
//! past quote marks, spaces and edge punctuation. This module is independent of the engine's own
//! offset code on purpose: a scorer that shared the engine's conversion could not catch its bugs.

use std::ops::Range;

use crate::analysis::Span;

/// Characters trimmed from both ends of a quote span before comparing: quote marks of every
/// style, white space and the punctuation annotators may or may not include (`score.py`'s EDGE).
pub const EDGE: &[char] = &[
    ' ', '\t', '\r', '\n', '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '‟', '‚', '‛', ',', '.',
    ';', ':', '!', '?', '…', '—', '–', '-', '(', ')', '[', ']',
];

/// Whether `c` is white space as Python's `str.isspace` (and so `re`'s `\s`) sees it:
/// Unicode White_Space plus the four ASCII information separators U+001C..U+001F.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether `c` is a word character as Python's `re` `\w` sees it: alphanumeric or underscore.
///
/// Rust's `is_alphanumeric` follows the Unicode Alphabetic property, which also holds a few
/// combining vowel signs (Other_Alphabetic) that Python counts as non-word; no news text we know
/// puts such a mark right against an alias, so the two agree in practice.
pub fn is_py_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// A name compared case- and spacing-insensitively: lower case, white space runs made one
/// space, no white space at the ends (`score.py`'s `norm`).
pub fn norm(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for word in lower.split(is_py_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Reads a text file's content the way Python's text mode does ("universal newlines"): every
/// `\r\n` and lone `\r` becomes `\n`. `score.py` counts offsets in that text, so we do too.
pub fn universal_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// One document's text with conversions between byte offsets and UTF-16 offsets.
///
/// Invariant: `bounds` holds `(utf16 offset, byte offset)` for every char boundary of `text`,
/// from `(0, 0)` to `(utf16 length, byte length)`, strictly increasing in both components.
#[derive(Debug, Clone)]
pub struct DocText<'a> {
    text: &'a str,
    bounds: Vec<(usize, usize)>,
}

impl<'a> DocText<'a> {
    /// Indexes `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let mut bounds = Vec::with_capacity(text.len() + 1);
        let mut u = 0;
        for (b, c) in text.char_indices() {
            bounds.push((u, b));
            u += c.len_utf16();
        }
        bounds.push((u, text.len()));
        DocText { text, bounds }
    }

    /// The whole text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Length in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.bounds.last().map_or(0, |b| b.0)
    }

    /// The byte offset of UTF-16 offset `u`, if `u` is a char boundary (not inside a surrogate
    /// pair, not past the end).
    pub fn byte_of(&self, u: usize) -> Option<usize> {
        self.bounds
            .binary_search_by_key(&u, |b| b.0)
            .ok()
            .map(|k| self.bounds[k].1)
    }

    /// The UTF-16 offset of byte offset `b`; a `b` inside a char maps to that char's start,
    /// a `b` past the end to the end.
    pub fn utf16_of(&self, b: usize) -> usize {
        match self.bounds.binary_search_by_key(&b, |x| x.1) {
            Ok(k) => self.bounds[k].0,
            Err(k) => self.bounds[k.saturating_sub(1)].0,
        }
    }

    /// The text of UTF-16 span `start..end`, or `None` when either end is no char boundary or
    /// `start > end`: the test a system span must pass to be valid.
    pub fn slice16(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        let (s, e) = (self.byte_of(start)?, self.byte_of(end)?);
        self.text.get(s..e)
    }

    /// Shrinks UTF-16 span `start..end` past [`EDGE`] characters on both ends. A span whose ends
    /// are no char boundaries is returned unchanged (`score.py` does the same).
    pub fn trim16(&self, start: usize, end: usize) -> (usize, usize) {
        let (Some(s), Some(e)) = (self.byte_of(start), self.byte_of(end)) else {
            return (start, end);
        };
        let Some(inner) = self.text.get(s..e.max(s)) else {
            return (start, end);
        };
        let head = inner.len() - inner.trim_start_matches(EDGE).len();
        let rest = &inner[head..];
        let kept = rest.trim_end_matches(EDGE).len();
        (self.utf16_of(s + head), self.utf16_of(s + head + kept))
    }

    /// The byte range of the `nth` (0-based) occurrence of `needle`, counting overlapping
    /// occurrences (each search starts one char after the previous hit), as Python's
    /// `str.find(needle, pos + 1)` loop does.
    pub fn find_nth(&self, needle: &str, nth: usize) -> Option<Range<usize>> {
        let mut from = 0usize;
        let mut hit = None;
        for _ in 0..=nth {
            if let Some(prev) = hit {
                from = self.next_boundary(prev)?;
            }
            let at = from + self.text.get(from..)?.find(needle)?;
            hit = Some(at);
        }
        hit.map(|at| at..at + needle.len())
    }

    /// For each `(needle, nth)`, the byte range of that occurrence as [`DocText::find_nth`]
    /// finds it, in one pass over the text for all needles together (a gold file with thousands
    /// of quotes in a long document stays linear, where one search per quote would not).
    pub fn find_all_nth(&self, wanted: &[(&str, usize)]) -> Vec<Option<Range<usize>>> {
        let mut patterns: Vec<&str> = wanted
            .iter()
            .map(|&(n, _)| n)
            .filter(|n| !n.is_empty())
            .collect();
        patterns.sort_unstable();
        patterns.dedup();
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); patterns.len()];
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) {
            // Every occurrence of every needle, overlapping ones included; a needle's own
            // occurrences come in order of their ends, so in order of their starts.
            for m in ac.find_overlapping_iter(self.text) {
                starts[m.pattern().as_usize()].push(m.start());
            }
        } else {
            for (k, p) in patterns.iter().enumerate() {
                let mut nth = 0;
                while let Some(r) = self.find_nth(p, nth) {
                    starts[k].push(r.start);
                    nth += 1;
                }
            }
        }
        wanted
            .iter()
            .map(|&(needle, nth)| {
                if needle.is_empty() {
                    return self.bounds.get(nth).map(|&(_, b)| b..b);
                }
                let k = patterns.binary_search(&needle).ok()?;
                let at = *starts[k].get(nth)?;
                Some(at..at + needle.len())
            })
            .collect()
    }

    /// The UTF-16 span of the `nth` occurrence of `needle` (see [`DocText::find_nth`]).
    pub fn find16(&self, needle: &str, nth: usize) -> Option<(usize, usize)> {
        self.find_nth(needle, nth)
            .map(|r| (self.utf16_of(r.start), self.utf16_of(r.end)))
    }

    /// Byte ranges of every occurrence of `needle` that has no word character right before or
    /// right after it (Python's `(?<!\w)needle(?!\w)`), overlapping occurrences included.
    pub fn word_bounded(&self, needle: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut from = 0usize;
        while let Some(rel) = self.text.get(from..).and_then(|t| t.find(needle)) {
            let at = from + rel;
            let end = at + needle.len();
            let before = self.text[..at].chars().next_back();
            let after = self.text[end..].chars().next();
            if !before.is_some_and(is_py_word) && !after.is_some_and(is_py_word) {
                out.push(at..end);
            }
            match self.next_boundary(at) {
                Some(n) => from = n,
                None => break,
            }
        }
        out
    }

    /// Whether `needle` occurs with word boundaries on both sides (see [`DocText::word_bounded`]).
    pub fn has_word_bounded(&self, needle: &str) -> bool {
        let mut from = 0usize;
        while let Some(rel) = self.text.get(from..).and_then(|t| t.find(needle)) {
            let at = from + rel;
            let end = at + needle.len();
            let before = self.text[..at].chars().next_back();
            let after = self.text[end..].chars().next();
            if !before.is_some_and(is_py_word) && !after.is_some_and(is_py_word) {
                return true;
            }
            match self.next_boundary(at) {
                Some(n) => from = n,
                None => return false,
            }
        }
        false
    }

    /// The contract span of byte range `r`, which must lie on char boundaries of the text;
    /// a range that does not is shrunk to the boundaries inside it.
    pub fn span(&self, r: Range<usize>) -> Span {
        let mut s = r.start.min(self.text.len());
        let mut e = r.end.min(self.text.len());
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        while !self.text.is_char_boundary(e) {
            e -= 1;
        }
        let e = e.max(s);
        Span {
            start: self.utf16_of(s),
            end: self.utf16_of(e),
            text: self.text[s..e].to_string(),
        }
    }

    /// The char boundary right after the char starting at byte `b`, or `None` at the end.
    fn next_boundary(&self, b: usize) -> Option<usize> {
        let c = self.text.get(b..)?.chars().next()?;
        Some(b + c.len_utf8())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: slice by UTF-16 code units the way JavaScript does.
    fn js_slice(text: &str, s: usize, e: usize) -> Option<String> {
        let u: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(u.get(s..e)?).ok()
    }

    #[test]
    fn utf16_slices_match_javascript_on_curly_quotes_cjk_and_emoji() {
        let t = "“Hi,” 中国 said 👍🏽 done.";
        let d = DocText::new(t);
        assert_eq!(d.len_utf16(), t.encode_utf16().count());
        let n = d.len_utf16();
        let units: Vec<u16> = t.encode_utf16().collect();
        let inside_pair = |u: usize| units.get(u).is_some_and(|&c| (0xDC00..0xE000).contains(&c));
        for s in 0..=n {
            for e in s..=n {
                match d.slice16(s, e) {
                    Some(got) => assert_eq!(Some(got.to_string()), js_slice(t, s, e)),
                    // Only spans with an end inside a surrogate pair are refused.
                    None => assert!(inside_pair(s) || inside_pair(e), "refused {s}..{e}"),
                }
            }
        }
        let thumb = t.encode_utf16().position(|u| u == 0xD83D).unwrap();
        assert_eq!(d.slice16(thumb, thumb + 2), Some("👍"));
        assert_eq!(d.slice16(thumb, thumb + 1), None, "split surrogate pair");
        assert_eq!(d.slice16(3, 2), None, "reversed");
        assert_eq!(d.slice16(0, n + 1), None, "past the end");
    }

    #[test]
    fn trimming_drops_quote_marks_spaces_and_edge_punctuation_only() {
        let t = "He said: “We oppose it,” and left. 👍“(x)”";
        let d = DocText::new(t);
        let s = t.find('“').unwrap();
        let e = t.find("and").unwrap();
        let (s16, e16) = (d.utf16_of(s), d.utf16_of(e));
        let (a, b) = d.trim16(s16, e16);
        assert_eq!(d.slice16(a, b), Some("We oppose it"));
        // Everything trimmable: collapses to an empty span at the first kept position.
        let (a, b) = d.trim16(d.utf16_of(t.find(',').unwrap()), d.utf16_of(e));
        assert_eq!(a, b);
        // After an emoji: offsets stay in UTF-16 units.
        let q = t.rfind('“').unwrap();
        let (a, b) = d.trim16(d.utf16_of(q), d.len_utf16());
        assert_eq!(d.slice16(a, b), Some("x"));
        // A span inside a surrogate pair is left as it is.
        let thumb = d.utf16_of(t.find('👍').unwrap());
        assert_eq!(
            d.trim16(thumb + 1, d.len_utf16()),
            (thumb + 1, d.len_utf16())
        );
    }

    #[test]
    fn find_nth_counts_overlapping_occurrences_like_python() {
        let d = DocText::new("aaa é aaa");
        assert_eq!(d.find_nth("aa", 0), Some(0..2));
        assert_eq!(d.find_nth("aa", 1), Some(1..3));
        assert_eq!(d.find_nth("aa", 2), Some(7..9));
        assert_eq!(d.find_nth("aa", 4), None);
        assert_eq!(d.find16("aa", 2), Some((6, 8)));
        assert_eq!(d.find_nth("zz", 0), None);
    }

    #[test]
    fn find_all_nth_equals_one_search_each() {
        let d = DocText::new("aaa é aaa “aa” é");
        let wanted = [
            ("aa", 0),
            ("aa", 1),
            ("aa", 4),
            ("aa", 5),
            ("aa", 9),
            ("é", 1),
            ("", 3),
            ("", 99),
            ("zz", 0),
            ("a é a", 0),
        ];
        let one_each: Vec<_> = wanted.iter().map(|&(n, k)| d.find_nth(n, k)).collect();
        assert_eq!(d.find_all_nth(&wanted), one_each);
        assert_eq!(one_each[4], None);
        assert_eq!(one_each[6], Some(3..3));
    }

    #[test]
    fn word_bounded_search_follows_python_lookarounds() {
        let d = DocText::new("Hua said. Huang; Hua_x, (Hua) Chinas China");
        assert_eq!(d.word_bounded("Hua"), vec![0..3, 25..28]);
        assert!(d.has_word_bounded("China"));
        assert!(!d.has_word_bounded("Chin"));
        assert!(d.has_word_bounded("(Hua)"));
        let u = DocText::new("Kimé Kim");
        assert_eq!(u.word_bounded("Kim"), vec![6..9]);
    }

    #[test]
    fn norm_lowercases_and_collapses_python_white_space() {
        assert_eq!(norm("  Hua \t\n Chunying\u{a0}"), "hua chunying");
        assert_eq!(norm("\u{1f}X\u{1c}Y"), "x y");
        assert_eq!(norm(""), "");
    }

    #[test]
    fn universal_newlines_like_python_text_mode() {
        assert_eq!(universal_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }

    #[test]
    fn span_of_byte_range_is_exact_utf16() {
        let t = "👍 ok";
        let d = DocText::new(t);
        let s = d.span(5..7);
        assert_eq!((s.start, s.end, s.text.as_str()), (3, 5, "ok"));
        let s = d.span(1..100);
        assert_eq!(
            js_slice(t, s.start, s.end).as_deref(),
            Some(s.text.as_str())
        );
    }
}
