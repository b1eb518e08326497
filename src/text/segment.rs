//! Paragraphs and sentences, as byte ranges of the original text.
//!
//! Paragraphs are lines (a plain-text article puts one paragraph on a line); a line that starts
//! with a lowercase letter continues the previous one, so hard-wrapped text still reads as prose.
//! Sentences split after `.`, `!`, `?` or `…` (and any closing quote marks or brackets) when white
//! space and a capital, digit or opening mark follow, except after a known abbreviation
//! (`data/abbreviations.txt`), a single capital initial, or a dotted acronym such as "U.S.".

use crate::collections::Set;
use std::ops::Range;
use std::sync::OnceLock;

/// A sentence: its byte range and the index of the paragraph that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
}

fn abbreviations() -> &'static Set<&'static str> {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| super::data_lines(crate::data_file!("abbreviations.txt")).collect())
}

/// True for marks that close a quotation or bracket and may follow a sentence's final stop.
pub fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

/// True for marks that may open a quotation or bracket.
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '„' | '‚' | '(' | '[' | '‹'
    )
}

/// Byte ranges of the paragraphs of `text`, trimmed of surrounding white space, never empty.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    let mut pos_cut = 0;
    let mut prev_blank = true;
    // The lines, each with its "\n" or "\r" (as `split_inclusive(['\n', '\r'])` gives them),
    // cut where those bytes are: both are ASCII, so no char needs decoding.
    let bytes = text.as_bytes();
    let lines = std::iter::from_fn(|| {
        let rest = &bytes[pos_cut..];
        if rest.is_empty() {
            return None;
        }
        let len = find_any(rest, b"\n\r").map_or(rest.len(), |k| k + 1);
        let line = &text[pos_cut..pos_cut + len];
        pos_cut += len;
        Some(line)
    });
    for line in lines {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            // A lone "\r" or the "\n" of "\r\n" is an empty piece: it does not end a paragraph
            // unless the line itself was blank.
            if line != "\n" || !text[..start].ends_with('\r') {
                prev_blank = true;
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let r = start + lead..start + lead + trimmed.len();
        let continues = !prev_blank
            && !out.is_empty()
            && trimmed.chars().next().is_some_and(|c| c.is_lowercase());
        match out.last_mut() {
            Some(last) if continues => last.end = r.end,
            _ => out.push(r),
        }
        prev_blank = false;
    }
    out
}

/// Splits the paragraph `para` of `text` into sentences.
///
/// Scans bytes for the stops (`.`, `!`, `?` and the UTF-8 form of `…`) and decodes characters
/// only around them: continuation bytes of other characters never equal those bytes.
pub fn sentences_in(text: &str, para: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let p = &text[para.clone()];
    let bytes = p.as_bytes();
    let char_at = |i: usize| p.get(i..).and_then(|rest| rest.chars().next());
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that may start a stop, in one tight loop.
        match find_any(&bytes[i..], b".!?\xE2") {
            Some(k) => i += k,
            None => break,
        }
        let stop = match bytes[i] {
            b'.' | b'!' | b'?' => Some(bytes[i] as char),
            0xE2 if p[i..].starts_with('…') => Some('…'),
            _ => None,
        };
        let Some(c) = stop else {
            i += 1;
            continue;
        };
        // Include closing marks after the stop.
        let mut j = i + c.len_utf8();
        while let Some(n) = char_at(j).filter(|&n| is_closer(n)) {
            j += n.len_utf8();
        }
        let end = j;
        let next_ok = char_at(j).is_some_and(char::is_whitespace) && {
            let mut k = j;
            while let Some(n) = char_at(k).filter(|n| n.is_whitespace()) {
                k += n.len_utf8();
            }
            char_at(k).is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || is_opener(n))
        };
        if next_ok && !(c == '.' && is_abbreviation(p, i)) {
            push_trimmed(p, para.start, start..end, paragraph, out);
            start = end;
        }
        i = j;
    }
    push_trimmed(p, para.start, start..p.len(), paragraph, out);
}

/// Index of the first byte of `bytes` that is one of `targets`. Eight bytes at a time are passed
/// over when none of them is a target (each target's zero-byte test on the word, which is exact),
/// so long runs of prose cost a few operations per eight bytes.
fn find_any(bytes: &[u8], targets: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let hit = targets.iter().any(|&t| {
            let x = w ^ (LO * u64::from(t));
            x.wrapping_sub(LO) & !x & HI != 0
        });
        if hit {
            break;
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|b| targets.contains(b))
        .map(|k| i + k)
}

fn push_trimmed(p: &str, base: usize, r: Range<usize>, paragraph: usize, out: &mut Vec<Sentence>) {
    let s = &p[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        let st = base + r.start + lead;
        out.push(Sentence {
            range: st..st + t.len(),
            paragraph,
        });
    }
}

/// True when the period at byte `dot` of `p` ends an abbreviation rather than a sentence.
fn is_abbreviation(p: &str, dot: usize) -> bool {
    let before = &p[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || is_opener(c))
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let token = &p[word_start..dot + 1];
    let bare = &token[..token.len() - 1];
    if abbreviations().contains(token) {
        return true;
    }
    // A single capital initial: "John F. Kennedy".
    let mut cs = bare.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted acronyms: "U.S.", "U.N.", "a.m." (letters separated by periods).
    bare.contains('.') && bare.split('.').all(|part| part.chars().count() == 1)
}

/// Paragraphs and sentences of `text` in one go.
pub fn segment(text: &str) -> (Vec<Range<usize>>, Vec<Sentence>) {
    let paras = paragraphs(text);
    let mut sents = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        sentences_in(text, p.clone(), i, &mut sents);
    }
    (paras, sents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        segment(t).1.iter().map(|s| &t[s.range.clone()]).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "Mr. Smith met U.S. officials on Dec. 17 in Washington. Then he left.";
        assert_eq!(
            sents(t),
            vec![
                "Mr. Smith met U.S. officials on Dec. 17 in Washington.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn initials_and_closing_quotes() {
        let t = "John F. Kennedy said “no.” Then “yes.” End";
        assert_eq!(
            sents(t),
            vec!["John F. Kennedy said “no.”", "Then “yes.”", "End"]
        );
    }

    #[test]
    fn paragraphs_from_lines_crlf_and_cr() {
        let t = "One.\r\n\r\nTwo\rThree.\n  \nFour";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, vec!["One.", "Two", "Three.", "Four"]);
    }

    #[test]
    fn find_any_agrees_with_a_plain_search() {
        let t = "Hi. A long line of prose without stops\r\nthen “quotes”… and! more? x.".as_bytes();
        for from in 0..t.len() {
            for targets in [&b"\n\r"[..], b".!?\xE2", b"z"] {
                let want = t[from..].iter().position(|b| targets.contains(b));
                assert_eq!(find_any(&t[from..], targets), want, "{from} {targets:?}");
            }
        }
    }

    #[test]
    fn wrapped_lines_join() {
        let t = "This is a long\nwrapped sentence.\nNew paragraph.";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            p,
            vec!["This is a long\nwrapped sentence.", "New paragraph."]
        );
    }
}
