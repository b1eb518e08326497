//! Words of a document as byte ranges, with what the actor finder needs to know about each.
//!
//! Invariant: tokens are in order, do not overlap, and each range lies on char boundaries of the
//! text and holds at least one alphanumeric char.

use std::ops::Range;

use crate::text::Document;

/// One word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Two or more letters, all uppercase ("KHNP", "U.S.").
    pub allcaps: bool,
    /// First word of a sentence, or first word inside an opening quote mark or bracket.
    pub starts_sentence: bool,
    /// Holds an ASCII hyphen ("Yang-ho", "US-North"): a name may start after it.
    pub hyphen: bool,
    /// Index of the sentence holding it (the doc's sentence list), or usize::MAX.
    pub sentence: usize,
}

/// `char::is_alphanumeric`, through the text module's fast paths: the curly quotes and dashes met
/// at word ends are answered without the Unicode tables.
#[inline]
fn is_word_char(c: char) -> bool {
    crate::text::is_alphanumeric(c)
}

/// `BYTE_CLASS` bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// `BYTE_CLASS` bit: an ASCII uppercase letter.
const UPPER: u8 = 2;
/// `BYTE_CLASS` bit: an ASCII letter.
const ALPHA: u8 = 4;
/// `NON_ASCII` class: a byte of a multi-byte char (decoded where met).
const NON_ASCII: u8 = 8;

/// The class of each byte value, so the tokenizer's hot loops test one table entry per byte:
/// 0 for ASCII punctuation, space and control bytes, `NON_ASCII` for bytes 0x80 and above.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_uppercase() {
            ALNUM | UPPER | ALPHA
        } else if c.is_ascii_lowercase() {
            ALNUM | ALPHA
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The char at byte `i` of `text` (a char boundary) and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Splits `doc` into words. Hyphens and apostrophes between letters stay inside a word
/// ("Yang-ho", "O'Brien"), except a possessive "'s"; dotted acronyms are one word ("U.S.").
pub fn tokenize(doc: &Document) -> Vec<Token> {
    let text = doc.text.as_str();
    let n = text.len();
    // News text has a word every four to five bytes: room for one every four saves growing
    // (and copying) the list midway.
    let mut out = Vec::with_capacity(n / 4 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if c.is_ascii() && !c.is_ascii_alphanumeric() {
            // Skip the whole run of ASCII punctuation and spaces at once.
            i += 1;
            while bytes.get(i).is_some_and(|&b| BYTE_CLASS[b as usize] == 0) {
                i += 1;
            }
            continue;
        }
        if !is_word_char(c) {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        // A dotted acronym: "U.S.", "U.N.".
        if c.is_uppercase() && text.as_bytes().get(end) == Some(&b'.') {
            let mut j = end;
            let mut letters = 1;
            while text.as_bytes().get(j) == Some(&b'.') {
                match char_at(text, j + 1) {
                    Some((l, ll))
                        if l.is_uppercase() && text.as_bytes().get(j + 1 + ll) == Some(&b'.') =>
                    {
                        j += 1 + ll;
                        letters += 1;
                    }
                    _ => break,
                }
            }
            if letters >= 2 {
                end = j + 1;
                out.push(Token {
                    range: start..end,
                    cap: true,
                    allcaps: true,
                    starts_sentence: false,
                    hyphen: false,
                    sentence: usize::MAX,
                });
                i = end;
                continue;
            }
        }
        let mut upper = c.is_uppercase() as usize;
        let mut alpha = c.is_alphabetic() as usize;
        let mut hyphen = false;
        loop {
            // ASCII letters and digits, the bulk of any English text: a run of them is counted
            // through the byte-class table, without decoding a char per byte.
            while let Some(&b) = bytes.get(end) {
                let class = BYTE_CLASS[b as usize];
                if class & ALNUM == 0 {
                    break;
                }
                upper += (class & UPPER != 0) as usize;
                alpha += (class & ALPHA != 0) as usize;
                end += 1;
            }
            let Some((ch, cl)) = char_at(text, end) else {
                break;
            };
            if is_word_char(ch) {
                upper += ch.is_uppercase() as usize;
                alpha += ch.is_alphabetic() as usize;
                end += cl;
                continue;
            }
            // The char after a joiner, read only for a joiner (most words end at a space).
            let after = || char_at(text, end + cl).map(|x| x.0);
            let joins = match ch {
                '-' | '‐' => after().is_some_and(is_word_char),
                '\'' | '’' => {
                    // Not a possessive: "'s" followed by a non-letter ends the word.
                    let rest = &text[end + cl..];
                    let possessive = rest.starts_with('s')
                        && !rest[1..].chars().next().is_some_and(is_word_char);
                    after().is_some_and(char::is_alphabetic) && !possessive
                }
                _ => false,
            };
            if !joins {
                break;
            }
            hyphen |= ch == '-';
            end += cl;
        }
        i = end;
        // Skip a possessive "'s" after the word: it is not a word of its own. (Both marks begin
        // with "'" or 0xE2, the first byte of "’": test that byte before comparing strings.)
        if matches!(text.as_bytes().get(end), Some(b'\'' | 0xE2)) {
            for mark in ["'s", "’s"] {
                if let Some(after) = text[end..].strip_prefix(mark) {
                    if !after.chars().next().is_some_and(is_word_char) {
                        i = end + mark.len();
                    }
                }
            }
        }
        out.push(Token {
            range: start..end,
            cap: c.is_uppercase(),
            allcaps: alpha >= 2 && upper == alpha,
            starts_sentence: false,
            hyphen,
            sentence: usize::MAX,
        });
    }
    mark_sentences(doc, &mut out);
    out
}

fn mark_sentences(doc: &Document, toks: &mut [Token]) {
    let mut s = 0;
    let mut first_of_sentence = true;
    for t in toks.iter_mut() {
        while s < doc.sentences.len() && doc.sentences[s].range.end <= t.range.start {
            s += 1;
            first_of_sentence = true;
        }
        if s < doc.sentences.len() && doc.sentences[s].range.start <= t.range.start {
            t.sentence = s;
            if first_of_sentence {
                t.starts_sentence = true;
                first_of_sentence = false;
            }
        } else {
            // Outside every sentence (should not happen): treat as a sentence of its own.
            t.starts_sentence = true;
        }
        // The first word inside a quote or bracket starts a sentence of its own.
        let before = doc.text[..t.range.start].chars().next_back();
        if before.is_some_and(crate::text::segment::is_opener) {
            t.starts_sentence = true;
        }
    }
}

/// The text between two byte offsets, or "" when out of order or off char boundaries.
pub fn between(text: &str, a: usize, b: usize) -> &str {
    if a <= b {
        text.get(a..b).unwrap_or("")
    } else {
        ""
    }
}

/// True when only spaces (no line break, no punctuation) lie between `a` and `b`.
pub fn spaced(text: &str, a: usize, b: usize) -> bool {
    let g = between(text, a, b);
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::DocumentInput;

    fn doc(text: &str) -> Document {
        Document::new(&DocumentInput {
            id: "d".into(),
            text: text.into(),
            outlet: None,
            title: None,
        })
    }

    fn words(text: &str) -> Vec<String> {
        let d = doc(text);
        tokenize(&d)
            .iter()
            .map(|t| d.text[t.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn words_keep_hyphens_acronyms_and_split_possessives() {
        assert_eq!(
            words("Chung Yang-ho met U.S. officials."),
            ["Chung", "Yang-ho", "met", "U.S.", "officials"]
        );
        assert_eq!(
            words("North Korea’s army, O'Brien's dog"),
            ["North", "Korea", "army", "O'Brien", "dog"]
        );
        assert_eq!(words("hackers’ place"), ["hackers", "place"]);
        assert_eq!(words("the U.N. body"), ["the", "U.N.", "body"]);
        assert_eq!(words("U. S"), ["U", "S"]);
    }

    #[test]
    fn sentence_starts_and_caps() {
        let d = doc("Obama spoke. He said “Our target is clear.” KHNP agreed");
        let t = tokenize(&d);
        let starts: Vec<&str> = t
            .iter()
            .filter(|t| t.starts_sentence)
            .map(|t| &d.text[t.range.clone()])
            .collect();
        assert_eq!(starts, ["Obama", "He", "Our", "KHNP"]);
        assert!(
            t.iter()
                .find(|t| &d.text[t.range.clone()] == "KHNP")
                .unwrap()
                .allcaps
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "", "’", "'s", "U.", "A.B", "\u{0}x", "e\u{301}", "😀 Kim", "-", "x-", "O'",
        ] {
            let d = doc(s);
            for t in tokenize(&d) {
                assert!(d.text.get(t.range.clone()).is_some());
            }
        }
    }
}
