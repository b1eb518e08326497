//! Python-style rendering of strings in miss lines, so `--verbose` reads like `score.py`'s.

/// Whether Python's `str.isprintable` is false for `c`, as far as can be told without the
/// Unicode category tables: controls, separators other than the space, format characters in
/// common use, surrogates and private use.
fn is_unprintable(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00..=0x1f | 0x7f..=0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x1680
        | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xe000..=0xf8ff | 0xfeff | 0xfff9..=0xfffb | 0xf0000..=0x10ffff)
}

/// `repr(s)` as Python 3 writes it: single quotes unless the text has a `'` and no `"`,
/// backslash escapes for quotes, backslashes and unprintable characters.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_unprintable(c) => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The first `n` chars of `s` (Python's `s[:n]`, which counts code points).
pub fn head(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// `repr` of an optional string: `None` for `None`.
pub fn py_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_string(), py_repr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_chooses_quotes_and_escapes_like_python() {
        assert_eq!(py_repr("plain"), "'plain'");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_repr("a\\b\nc\u{a0}d"), "'a\\\\b\\nc\\xa0d'");
        assert_eq!(py_repr("“curly” 中国 👍"), "'“curly” 中国 👍'");
        assert_eq!(py_repr("\u{200b}"), "'\\u200b'");
    }

    #[test]
    fn head_counts_code_points() {
        assert_eq!(head("中国人", 2), "中国");
        assert_eq!(head("ab", 5), "ab");
    }
}
