//! Lowercasing without the standard library's case table.
//!
//! `str::to_lowercase` links a table of one `(char, char)` pair per mapped char (11 KB of the
//! wasm module). The same mapping, taken from std at build time (build.rs), fits in runs of
//! chars that map by one offset: this module answers from those runs.
//!
//! Guarantee: [`lower_char`] is the first char of `char::to_lowercase` for every char, and
//! [`lowercase`] equals `str::to_lowercase` for every string without a capital sigma (std picks
//! the final form "ς" by context; here "Σ" always becomes "σ", which no English word list
//! tells apart).

use std::borrow::Cow;

include!(concat!(env!("OUT_DIR"), "/lowercase.rs"));

/// The lowercase of `c`: the first char of `c.to_lowercase()` (for U+0130 "İ", "i").
pub fn lower_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let c32 = c as u32;
    // The last run starting at or before `c`; runs are sorted and do not overlap.
    let k = LOWER_RUNS.partition_point(|r| r.0 <= c32);
    let Some(&(first, len, stride, delta)) = k.checked_sub(1).and_then(|k| LOWER_RUNS.get(k))
    else {
        return c;
    };
    let off = c32 - first;
    if off % stride as u32 == 0 && off / (stride as u32) < len as u32 {
        char::from_u32(c32.wrapping_add_signed(delta)).unwrap_or(c)
    } else if c == '\u{130}' {
        'i'
    } else {
        c
    }
}

/// `word` in lowercase, as `str::to_lowercase` gives it (but for "Σ", see the module's doc),
/// borrowed when it has no capital to lower (most words of running text).
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        out.push(lower_char(c));
        if c == '\u{130}' {
            // std lowers "İ" to "i" and a combining dot above.
            out.push('\u{307}');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lowers_as_std_does() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(lower_char(c), c.to_lowercase().next().unwrap(), "{c:?}");
            if c != 'Σ' {
                let s = c.to_string();
                assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
            }
        }
    }

    #[test]
    fn words_lower_as_std_does() {
        for w in [
            "Pyongyang",
            "TÜRKIYE",
            "İstanbul",
            "ΑΘΗΝΑ",
            "Ⅻ",
            "Ǆemal",
            "don’t",
            "",
            "ok",
        ] {
            assert_eq!(lowercase(w), w.to_lowercase(), "{w}");
        }
        assert!(matches!(lowercase("already lower"), Cow::Borrowed(_)));
        assert_eq!(lowercase("ΟΔΟΣ"), "οδοσ");
    }
}
