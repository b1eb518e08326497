//! Finding quotations: every quote-mark style, apostrophes told apart from single quotes,
//! nesting, quotes over several sentences, and a quote continued in the next paragraph.
//!
//! Quotes never cross a paragraph: a stray or unbalanced mark can cost at most its own paragraph,
//! never swallow the rest of the article. Work is linear in the paragraph's length.

use crate::collections::Set;
use std::ops::Range;
use std::sync::OnceLock;

use super::QuoteRec;
use crate::analysis::QuoteKind;
use crate::text::Document;

/// The family of a quote mark: double marks open top-level quotes, single marks nest (or stand
/// alone as scare quotes in headlines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What a mark does where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// A straight mark that could do either: decided by what is open.
    Either,
}

/// A quote mark found in a paragraph: its byte range, family and role.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    family: Family,
    role: Role,
    ch: char,
}

/// Words that, right before a quoted phrase, make it a name rather than a quotation
/// ("an account entitled “…”"). Data: `data/name_markers.txt`.
fn name_markers() -> &'static Set<&'static str> {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_list(crate::data_file!("name_markers.txt")))
}

/// Words that show a quoted fragment has its own subject, so a lower-case quote ending in a
/// full stop is a whole statement ("maybe we will take necessary measures."). Data:
/// `data/subject_words.txt`.
fn subject_words() -> &'static Set<&'static str> {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_list(crate::data_file!("subject_words.txt")))
}

/// Small words that stay lower case inside a title ("State of the Union").
fn title_small_words() -> &'static Set<&'static str> {
    static SET: OnceLock<Set<&'static str>> = OnceLock::new();
    SET.get_or_init(|| word_list(crate::data_file!("title_small_words.txt")))
}

/// The non-comment, non-empty lines of a data file.
pub(crate) fn word_list(data: &'static str) -> Set<&'static str> {
    crate::text::data_lines(data).collect()
}

/// Finds the quotations of document `doc` (its index in the analysed list is `doc_idx`).
///
/// Guarantees: results are sorted by `outer.start`; top-level quotes do not overlap; every
/// nested quote lies inside a top-level one and has `nested == true`; `range` never includes the
/// marks; all ranges are on char boundaries. Quoted titles of works and names are left out.
pub fn find_quotes(doc: &Document, doc_idx: usize) -> Vec<QuoteRec> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    let mut seen_paragraphs: Set<&str> = Set::default();
    for (pi, para) in doc.paragraphs.iter().enumerate() {
        let ptext = &text[para.clone()];
        // A paragraph repeated word for word (a headline printed twice by the page) is furniture.
        if !seen_paragraphs.insert(ptext) {
            continue;
        }
        let continues = doc
            .paragraphs
            .get(pi + 1)
            .and_then(|next| text[next.clone()].chars().next())
            .is_some_and(|c| matches!(c, '“' | '"' | '«' | '„'));
        for (outer, inner, nested) in pair_marks(text, para.clone(), continues) {
            if let Some(q) = classify(doc, doc_idx, para.clone(), outer, inner, nested) {
                out.push(q);
            }
        }
    }
    crate::collections::sort_by_key(&mut out, |q| {
        (q.outer.start, std::cmp::Reverse(q.outer.end))
    });
    out
}

/// Lists the quote marks of a paragraph, with apostrophes left out.
fn marks_in(text: &str, para: Range<usize>) -> Vec<Mark> {
    let p = &text[para.clone()];
    let mut marks = Vec::new();
    // Every mark is '"', '\'' or a character whose UTF-8 form starts with 0xC2 («, ») or 0xE2
    // (the curly marks, „ ‟ ‚ ‹ ›): only bytes like those are looked at, with the characters
    // either side decoded there, so plain text costs a byte comparison per byte.
    for (i, b) in p.bytes().enumerate() {
        if !matches!(b, b'"' | b'\'' | 0xC2 | 0xE2) {
            continue;
        }
        let Some(c) = p.get(i..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let prev = p[..i].chars().next_back();
        let next = p[i + c.len_utf8()..].chars().next();
        let start = para.start + i;
        let end = start + c.len_utf8();
        let before_space = prev.is_none_or(|b| b.is_whitespace() || is_open_context(b));
        let after_space = next.is_none_or(|n| n.is_whitespace() || is_close_context(n));
        let mark = |family, role| {
            Some(Mark {
                start,
                end,
                family,
                role,
                ch: c,
            })
        };
        let m = match c {
            '“' | '„' | '‟' | '«' => mark(Family::Double, Role::Open),
            '”' | '»' => mark(Family::Double, Role::Close),
            '"' => {
                if before_space && !after_space {
                    mark(Family::Double, Role::Open)
                } else if after_space && !before_space {
                    mark(Family::Double, Role::Close)
                } else {
                    mark(Family::Double, Role::Either)
                }
            }
            '‘' | '‚' | '‹' => {
                // ‘90s written with the wrong mark is still an apostrophe.
                if next.is_some_and(|n| n.is_ascii_digit()) {
                    None
                } else {
                    mark(Family::Single, Role::Open)
                }
            }
            '’' | '\'' | '›' => {
                let letter_before = prev.is_some_and(char::is_alphanumeric);
                let letter_after = next.is_some_and(char::is_alphanumeric);
                let elided_year = before_space && next.is_some_and(|n| n.is_ascii_digit());
                if (letter_before && letter_after) || elided_year {
                    None // China’s, don't, ’90s
                } else if before_space && letter_after && c != '’' && c != '›' {
                    mark(Family::Single, Role::Open)
                } else if before_space && letter_after {
                    // A right mark used to open ('’tis' is rare; treat as a possible opener).
                    mark(Family::Single, Role::Either)
                } else if !before_space {
                    mark(Family::Single, Role::Close) // or a plural possessive: decided on pairing
                } else {
                    None
                }
            }
            _ => None,
        };
        marks.extend(m);
    }
    marks
}

fn is_open_context(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '—' | '–' | '-' | '/' | '“' | '‘' | '"' | '\'' | '«' | '„' | ':'
    )
}

fn is_close_context(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '”' | '’' | '»' | '—' | '–' | '…')
}

/// Pairs the marks of one paragraph into quotes: `(outer, inner, nested)` byte ranges.
///
/// A stack keeps the open double quote and at most one open single quote inside it; a single
/// "close" with nothing open is an apostrophe (hackers’ place). An unclosed double quote runs to
/// the paragraph's end only when the next paragraph reopens it (the continuation convention) or
/// when it opens the paragraph; otherwise it is dropped.
fn pair_marks(
    text: &str,
    para: Range<usize>,
    continues: bool,
) -> Vec<(Range<usize>, Range<usize>, bool)> {
    let marks = marks_in(text, para.clone());
    let mut out = Vec::new();
    let mut open_double: Option<Mark> = None;
    let mut open_single: Option<Mark> = None;
    for m in marks {
        match (m.family, m.role, open_double.is_some()) {
            (Family::Double, Role::Open, false) | (Family::Double, Role::Either, false) => {
                open_double = Some(m);
                open_single = None;
            }
            (Family::Double, Role::Open, true) => {
                if m.ch == '“' && open_double.is_some_and(|o| o.ch == '„') {
                    // German style: „…“ closes with the left mark.
                    if let Some(o) = open_double.take() {
                        out.push((o.start..m.end, o.end..m.start, false));
                    }
                } else {
                    // An opener inside an open quote: the earlier one was never closed.
                    open_double = Some(m);
                }
                open_single = None;
            }
            (Family::Double, Role::Close, true) | (Family::Double, Role::Either, true) => {
                if let Some(o) = open_double.take() {
                    out.push((o.start..m.end, o.end..m.start, false));
                }
                open_single = None;
            }
            (Family::Double, Role::Close, false) => {} // stray closer
            (Family::Single, Role::Open, _) | (Family::Single, Role::Either, _)
                if open_single.is_none() =>
            {
                open_single = Some(m);
            }
            (Family::Single, Role::Close, _) | (Family::Single, Role::Either, _) => {
                if let Some(o) = open_single.take() {
                    out.push((o.start..m.end, o.end..m.start, open_double.is_some()));
                }
            }
            (Family::Single, Role::Open, _) => {
                open_single = Some(m);
            }
        }
    }
    if let Some(o) = open_double {
        let at_start = o.start == para.start;
        if continues || at_start {
            out.push((o.start..para.end, o.end..para.end, false));
        }
    }
    // A nested quote needs an enclosing quote; drop singles whose outer quote was dropped.
    let tops: Vec<Range<usize>> = out.iter().filter(|q| !q.2).map(|q| q.0.clone()).collect();
    // Top-level quotes close in order and never overlap, so `tops` is sorted by start.
    out.retain(|(outer, _, nested)| {
        let k = tops.partition_point(|t| t.start <= outer.start);
        !*nested || (k > 0 && outer.end <= tops[k - 1].end)
    });
    out
}

/// Decides what a pair of marks holds: a quotation (direct or partial, or a heading), a title or
/// name (left out), or nothing worth keeping (empty).
fn classify(
    doc: &Document,
    doc_idx: usize,
    para: Range<usize>,
    outer: Range<usize>,
    inner: Range<usize>,
    nested: bool,
) -> Option<QuoteRec> {
    let text = doc.text.as_str();
    let words = text.get(inner.clone())?;
    let content = words.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    if !content.chars().any(char::is_alphanumeric) {
        return None;
    }
    // Trim white space inside the marks so the span starts and ends on words.
    let lead = words.len() - words.trim_start().len();
    let inner = inner.start + lead..inner.start + lead + words.trim().len();
    let n_words = content.split_whitespace().count();
    let before = text[para.start..outer.start].trim_end();
    let after = text[outer.end..para.end].trim_start();
    let heading = before.is_empty() && after.is_empty() && n_words <= 8 && !ends_sentence(content);
    let mut rec = QuoteRec {
        doc: doc_idx,
        range: inner,
        outer,
        kind: QuoteKind::Partial,
        heading,
        nested,
        speaker: None,
        cue: None,
    };
    if heading {
        return Some(rec);
    }
    let prev_word = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if name_markers().contains(&*crate::text::lowercase(prev_word)) {
        return None;
    }
    if is_title(content, n_words) && !followed_by_attribution(after) {
        return None;
    }
    rec.kind = if is_direct(content, before, n_words, after) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    };
    Some(rec)
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

/// A quoted name of a work: few words, each significant one capitalised ("The Interview",
/// "State of the Union"), no sentence punctuation inside.
fn is_title(content: &str, n_words: usize) -> bool {
    let c = content.trim_end_matches([',', '.', ';']);
    if n_words == 0 || n_words > 7 || c.contains(['.', '!', '?', ':']) {
        return false;
    }
    let mut significant = 0;
    for (i, w) in c.split_whitespace().enumerate() {
        let first = w.chars().find(|ch| ch.is_alphanumeric());
        let Some(first) = first else { continue };
        if i > 0 && title_small_words().contains(&*crate::text::lowercase(w)) {
            continue;
        }
        if !(first.is_uppercase() || first.is_ascii_digit()) {
            return false;
        }
        significant += 1;
    }
    // A lone capitalised word is as likely a quoted remark ("Nonsense") as a title.
    significant >= 2 || (n_words == 1 && c.chars().skip(1).any(char::is_uppercase))
}

/// True when the words after a closing mark start an attribution (", he said"), which makes a
/// short capitalised quote a remark rather than a title.
fn followed_by_attribution(after: &str) -> bool {
    let a = after.trim_start_matches([',', ' ']);
    for w in a.split_whitespace().take(4) {
        let w = crate::text::lowercase(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if super::attribute::is_cue_word(&w) {
            return true;
        }
        if matches!(
            &*w,
            "after" | "which" | "who" | "that" | "when" | "before" | "and" | "but"
        ) {
            return false;
        }
    }
    false
}

/// A whole quoted statement rather than a fragment inside reported speech.
///
/// Capitalised quotes that open a sentence (or follow a colon or a cue and comma) are direct;
/// a lower-case quote is direct only when it is a clause of its own: a subject word among its
/// first three and a full stop (or the paragraph's end) at its close.
fn is_direct(content: &str, before: &str, n_words: usize, after: &str) -> bool {
    let first = content
        .chars()
        .find(|c| !matches!(c, '.' | '…' | ' ' | '[' | '(' | '-' | '—'));
    let starts_upper = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let sentence_start = before.is_empty()
        || before.ends_with([':', '.', '!', '?', '”', '"', '—'])
        || (before.ends_with(',') && ends_with_cue(before));
    if starts_upper && (sentence_start || n_words >= 4) {
        return true;
    }
    if n_words < 3 {
        return false;
    }
    let own_subject = content.split_whitespace().take(3).any(|w| {
        subject_words().contains(&*crate::text::lowercase(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
        ))
    });
    own_subject && (ends_sentence(content) || after.is_empty())
}

fn ends_with_cue(before: &str) -> bool {
    let b = before.trim_end_matches(',');
    b.rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|w| super::attribute::is_cue_word(&crate::text::lowercase(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::DocumentInput;

    fn quotes(t: &str) -> Vec<(String, QuoteKind, bool)> {
        let d = Document::new(&DocumentInput {
            id: "d".into(),
            text: t.into(),
            outlet: None,
            title: None,
        });
        find_quotes(&d, 0)
            .into_iter()
            .map(|q| (t[q.range].to_string(), q.kind, q.nested))
            .collect()
    }

    #[test]
    fn curly_and_straight_double_quotes() {
        let q = quotes("“We will respond,” he said. \"It is serious,\" she added.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].0, "We will respond,");
        assert_eq!(q[1].0, "It is serious,");
        assert!(q.iter().all(|x| x.1 == QuoteKind::Direct));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let q = quotes("China’s hackers’ tools from the ’90s don't work, he said.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn nested_single_quotes() {
        let q = quotes("“We surpass the ‘symmetric counteraction’ declared by Obama,” it said.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].0, "symmetric counteraction");
        assert!(q[1].2);
    }

    #[test]
    fn titles_and_names_are_not_quotes() {
        let q = quotes("Sony pulled the comedy, “The Interview,” after he told CNN's \"State of the Union\" show. An account entitled “president of the group” posted.");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn partial_quotes_in_reported_speech() {
        let q = quotes("The FBI found what it called “enough information” to conclude it was “responsible” for the attack.");
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|x| x.1 == QuoteKind::Partial));
    }

    #[test]
    fn lower_case_clause_with_subject_is_direct() {
        let q = quotes(
            "He told reporters that if the council acts, “maybe we will take necessary measures.”",
        );
        assert_eq!(q[0].1, QuoteKind::Direct);
        let q = quotes("He said the studio got into “serious trouble and paid a due price.”");
        assert_eq!(q[0].1, QuoteKind::Partial);
    }

    #[test]
    fn unbalanced_marks_do_not_swallow_the_article() {
        let q =
            quotes("He said “this never closes and goes on.\n\nNext paragraph “has a quote” here.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].0, "has a quote");
    }

    #[test]
    fn continued_paragraph_quote() {
        let q = quotes("“First part of a long statement.\n\n“Second part,” she said.");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].0, "First part of a long statement.");
    }

    #[test]
    fn headings_are_kept_as_headings() {
        let t = "Intro.\n\n\"SYMMETRIC COUNTERACTION\"\n\nBody.";
        let d = Document::new(&DocumentInput {
            id: "d".into(),
            text: t.into(),
            outlet: None,
            title: None,
        });
        let q = find_quotes(&d, 0);
        assert_eq!(q.len(), 1);
        assert!(q[0].heading);
    }

    #[test]
    fn guillemets_and_low_marks() {
        let q = quotes("Il a dit «bonjour tout le monde». Er sagte „hallo und gute Nacht“ heute.");
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "bonjour tout le monde");
        assert_eq!(q[1].0, "hallo und gute Nacht");
    }
}
