//! Name helpers: stable ids, acronyms, possessive endings.

use crate::text::is_alphanumeric;

/// Latin letters with diacritics and their plain ASCII spelling, for ids ("Élysée" -> "elysee").
const FOLD: &[(&str, &str)] = &[
    ("àáâãäåāăą", "a"),
    ("çćĉċč", "c"),
    ("ďđ", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ţťŧț", "t"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
    ("ß", "ss"),
    ("æ", "ae"),
    ("œ", "oe"),
];

fn fold(c: char) -> Option<&'static str> {
    let lower = crate::text::lower_char(c);
    FOLD.iter()
        .find(|(set, _)| set.contains(lower))
        .map(|(_, to)| *to)
}

/// A stable id from a canonical name: lowercase ASCII letters and digits, words joined by single
/// hyphens ("Hua Chunying" -> "hua-chunying"; "People's" -> "peoples"). Never contains
/// anything else; empty only when the name has no Latin letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        let mut buf = [0u8; 4];
        // ASCII letters and digits are kept, in lower case; no other ASCII char has a fold
        // (and none needs a String of its own).
        let piece: Option<&str> = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().encode_utf8(&mut buf))
        } else if c.is_ascii() {
            None
        } else {
            fold(c)
        };
        match piece {
            Some(p) => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push_str(p);
            }
            // An apostrophe inside a word ("People's") does not split it.
            None if matches!(c, '\'' | '’') => {}
            None => gap = true,
        }
    }
    out
}

/// The initials of the capitalised words of `name` ("Korea Hydro and Nuclear Power Co" ->
/// "KHNPC").
pub fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Length in bytes of a possessive ending starting at `at` in `text` ("’s", "'s", or a lone
/// "’"/"'" after a final s), or 0. The ending must not run on into a word.
pub fn possessive_len(text: &str, at: usize, prev_is_s: bool) -> usize {
    let rest = text.get(at..).unwrap_or("");
    for mark in ["’s", "'s"] {
        if let Some(after) = rest.strip_prefix(mark) {
            if !after.chars().next().is_some_and(is_alphanumeric) {
                return mark.len();
            }
        }
    }
    if prev_is_s {
        for mark in ["’", "'"] {
            if let Some(after) = rest.strip_prefix(mark) {
                if !after.chars().next().is_some_and(is_alphanumeric) {
                    return mark.len();
                }
            }
        }
    }
    0
}

/// `text` without a trailing possessive ending.
pub fn strip_possessive(text: &str) -> &str {
    for mark in ["’s", "'s", "’", "'"] {
        if let Some(s) = text.strip_suffix(mark) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_hyphenated() {
        assert_eq!(slug("North Korea"), "north-korea");
        assert_eq!(slug("Hua Chunying"), "hua-chunying");
        assert_eq!(slug("Chung Yang-ho"), "chung-yang-ho");
        assert_eq!(
            slug("Democratic People's Republic of Korea"),
            "democratic-peoples-republic-of-korea"
        );
        assert_eq!(slug("  Élysée  "), "elysee");
        assert_eq!(slug("U.S."), "u-s");
        assert_eq!(slug("中国"), "");
    }

    #[test]
    fn initials_of_capitalised_words() {
        assert_eq!(initials("Korea Hydro and Nuclear Power Co"), "KHNPC");
        assert_eq!(initials("Federal Bureau of Investigation"), "FBI");
    }

    #[test]
    fn possessives() {
        let t = "North Korea’s army and the hackers’ place, Korea's";
        assert_eq!(possessive_len(t, "North Korea".len(), false), "’s".len());
        let h = t.find("hackers").unwrap() + "hackers".len();
        assert_eq!(possessive_len(t, h, true), "’".len());
        assert_eq!(possessive_len(t, t.len(), false), 0);
        assert_eq!(possessive_len("Korea'sx", 5, false), 0);
        assert_eq!(strip_possessive("North Korea’s"), "North Korea");
        assert_eq!(strip_possessive("hackers’"), "hackers");
        assert_eq!(strip_possessive("'"), "'");
    }
}
