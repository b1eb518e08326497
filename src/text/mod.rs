//! Text: documents, their offsets and their segments (paragraphs, sentences).

pub mod case;
pub mod offsets;
pub mod segment;

pub use case::{lower_char, lowercase};

use std::ops::Range;

pub use offsets::Utf16Map;
pub use segment::Sentence;

use crate::analysis::{DocumentInput, Span};

/// One article prepared for analysis: its text, segments and offset map.
///
/// Invariant: every range in `paragraphs` and `sentences` lies on char boundaries of `text`,
/// sentences are in order, and each lies inside its paragraph.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub paragraphs: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    pub utf16: Utf16Map,
}

impl Document {
    /// Segments an input document. The title defaults to the first non-empty line.
    pub fn new(input: &DocumentInput) -> Self {
        let text = input.text.clone();
        let (paragraphs, sentences) = segment::segment(&text);
        let title = input.title.clone().or_else(|| {
            // Lines end at "\n", "\r\n" or a lone "\r" (old Mac files, some pastes).
            text.split(['\n', '\r'])
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(|l| l.chars().take(300).collect())
        });
        let utf16 = Utf16Map::new(&text);
        Document {
            id: input.id.clone(),
            text,
            title,
            outlet: input.outlet.clone(),
            paragraphs,
            sentences,
            utf16,
        }
    }

    /// The contract span of byte range `r`.
    pub fn span(&self, r: Range<usize>) -> Span {
        offsets::span(&self.text, &self.utf16, r)
    }

    /// Index of the sentence holding byte offset `b`, if any.
    pub fn sentence_at(&self, b: usize) -> Option<usize> {
        let k = self.sentences.partition_point(|s| s.range.end <= b);
        (k < self.sentences.len() && self.sentences[k].range.start <= b).then_some(k)
    }

    /// Index of the paragraph holding byte offset `b`, if any.
    pub fn paragraph_at(&self, b: usize) -> Option<usize> {
        let k = self.paragraphs.partition_point(|p| p.end <= b);
        (k < self.paragraphs.len() && self.paragraphs[k].start <= b).then_some(k)
    }
}

/// The lines of a data file in `data/` (word lists, cue tables): trimmed, with blank lines and
/// `#` comment lines left out.
pub fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Appends `n` in decimal to `out` (what `write!(out, "{n}")` does, without `core::fmt`).
pub fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut n = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|&d| d as char));
}

/// `prefix` followed by `n` in decimal: "q12".
pub fn numbered(prefix: &str, n: usize) -> String {
    let mut out = String::with_capacity(prefix.len() + 4);
    out.push_str(prefix);
    push_decimal(&mut out, n);
    out
}

/// Byte ranges of the words of `text[range]`: runs of letters and digits, with an inner hyphen,
/// apostrophe or period kept when a letter or digit follows it ("Yang-ho", "don't", "U.S").
///
/// Guarantee: ranges are in order, non-empty, non-overlapping and on char boundaries.
pub fn word_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let range = offsets::clamp_to_boundaries(text, range);
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Room for a word every four bytes: news text rarely has more, so the list is not regrown.
    let mut out = Vec::with_capacity(n / 4 + 1);
    // The char at byte `i` (a char boundary) and its length: ASCII, most of any text, is read
    // as a byte without decoding.
    let char_at = |i: usize| -> Option<(char, usize)> {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            return Some((b as char, 1));
        }
        let c = s[i..].chars().next()?;
        Some((c, c.len_utf8()))
    };
    let mut i = 0;
    while let Some((c, len)) = char_at(i) {
        if !is_alphanumeric(c) {
            i += len;
            continue;
        }
        // A word starts here: it runs over letters and digits (a run of ASCII ones in one
        // tight loop) and over a joiner that a letter or digit follows.
        let st = i;
        i += len;
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let Some((c, len)) = char_at(i) else { break };
            if is_alphanumeric(c) {
                i += len;
                continue;
            }
            let joins = matches!(c, '-' | '\'' | '’' | '.')
                && char_at(i + len).is_some_and(|(d, _)| is_alphanumeric(d));
            if !joins {
                break;
            }
            i += len;
        }
        out.push(range.start + st..range.start + i);
    }
    out
}

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and for the General
/// Punctuation block (U+2000–U+206F: curly quotes, dashes, spaces), the non-ASCII characters
/// news text is full of and none of which is a letter or digit.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_joins_read_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1000, 123_456_789, usize::MAX] {
            assert_eq!(numbered("q", n), format!("q{n}"));
        }
        let name = String::from("Hua");
        assert_eq!(crate::join!("p:", name, " ", "Chunying"), "p:Hua Chunying");
    }

    #[test]
    fn fast_alphanumeric_agrees_with_the_standard_library() {
        for c in (0..=0x2FFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// `word_ranges` as first written, one decoded char at a time: the fast version must agree.
    fn word_ranges_by_chars(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
        let range = offsets::clamp_to_boundaries(text, range);
        let s = &text[range.clone()];
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let char_at = |i: usize| s.get(i..).and_then(|rest| rest.chars().next());
        let mut i = 0;
        while let Some(c) = char_at(i) {
            let next = i + c.len_utf8();
            if is_alphanumeric(c) {
                start.get_or_insert(i);
            } else {
                let joins = matches!(c, '-' | '\'' | '’' | '.')
                    && start.is_some()
                    && char_at(next).is_some_and(is_alphanumeric);
                if !joins {
                    if let Some(st) = start.take() {
                        out.push(range.start + st..range.start + i);
                    }
                }
            }
            i = next;
        }
        if let Some(st) = start {
            out.push(range.start + st..range.end);
        }
        out
    }

    #[test]
    fn word_ranges_agree_with_the_char_by_char_reading() {
        let texts = [
            "Chung Yang-ho didn’t visit the U.S. — “yes”, 2014.",
            "-a- 'b' ’c’ .d. a--b a-.b x’ ’ é-à ß.Ω 分享-分享 👍a 1.5 U.S.A. end-",
            "",
            "...",
            "a",
            "O'Brien’s e\u{301}t\u{e9}—x\u{2019}y \u{a0}z",
        ];
        for t in texts {
            for a in 0..=t.len() {
                for b in [a, a + 1, a + 3, t.len()] {
                    assert_eq!(
                        word_ranges(t, a..b.min(t.len())),
                        word_ranges_by_chars(t, a..b.min(t.len())),
                        "{t:?} {a}..{b}"
                    );
                }
            }
        }
    }

    #[test]
    fn words_keep_inner_joiners() {
        let t = "Chung Yang-ho didn’t visit the U.S. — “yes”, 2014.";
        let w: Vec<&str> = word_ranges(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            w,
            vec!["Chung", "Yang-ho", "didn’t", "visit", "the", "U.S", "yes", "2014"]
        );
    }
}
