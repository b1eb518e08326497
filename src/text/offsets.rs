//! Byte offsets to UTF-16 code units, the unit JavaScript's `String.prototype.slice` counts in.
//!
//! The engine works on byte ranges of Rust `&str` (always on char boundaries); this module converts
//! them once, at the edge, into the contract's UTF-16 offsets.

use std::ops::Range;

use crate::analysis::Span;

/// Maps byte offsets of one text to UTF-16 offsets.
///
/// Invariant: `shifts` is sorted by byte offset; each entry is `(b, d)` where `b` is the byte
/// offset just past a non-ASCII char and `d` is (bytes - UTF-16 units) for the whole prefix `..b`.
/// An ASCII-only text has no entries and maps every offset to itself.
#[derive(Debug, Clone, Default)]
pub struct Utf16Map {
    shifts: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl Utf16Map {
    /// Builds the map for `text` in one pass.
    pub fn new(text: &str) -> Self {
        let mut shifts = Vec::new();
        let mut delta = 0usize;
        if !text.is_ascii() {
            // Read lead bytes rather than decode chars: in valid UTF-8 a byte of 0xC0 and above
            // starts a char of 2, 3 or 4 bytes (1, 1 and 2 UTF-16 units), and no other byte
            // starts a multi-byte char.
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                // Eight ASCII bytes at a time pass at once.
                if let Some(chunk) = bytes.get(i..i + 8) {
                    let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                    if w & 0x8080_8080_8080_8080 == 0 {
                        i += 8;
                        continue;
                    }
                }
                let b = bytes[i];
                if b >= 0xC0 {
                    let (n, units) = match b {
                        0xF0.. => (4, 2),
                        0xE0.. => (3, 1),
                        _ => (2, 1),
                    };
                    delta += n - units;
                    shifts.push((i + n, delta));
                }
                i += 1;
            }
        }
        Utf16Map {
            shifts,
            len_bytes: text.len(),
        }
    }

    /// The UTF-16 offset of byte offset `b` (which must be a char boundary of the text).
    pub fn utf16(&self, b: usize) -> usize {
        let b = b.min(self.len_bytes);
        // Entries with byte offset <= b have all shifted the prefix.
        let k = self.shifts.partition_point(|&(pos, _)| pos <= b);
        if k == 0 {
            b
        } else {
            b - self.shifts[k - 1].1
        }
    }

    /// Total length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.utf16(self.len_bytes)
    }
}

/// A contract span for byte range `r` of `text`.
///
/// Guarantee: the result's `text` is exactly the UTF-16 slice `start..end`. A range that is out of
/// bounds or not on char boundaries is shrunk to the nearest boundaries inside it rather than panic.
pub fn span(text: &str, map: &Utf16Map, r: Range<usize>) -> Span {
    let r = clamp_to_boundaries(text, r);
    Span {
        start: map.utf16(r.start),
        end: map.utf16(r.end),
        text: text[r].to_string(),
    }
}

/// Shrinks `r` to lie inside `text` on char boundaries, with `start <= end`.
pub fn clamp_to_boundaries(text: &str, r: Range<usize>) -> Range<usize> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len());
    while s < text.len() && !text.is_char_boundary(s) {
        s += 1;
    }
    while e > 0 && !text.is_char_boundary(e) {
        e -= 1;
    }
    if e < s {
        e = s;
    }
    s..e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slice16(text: &str, s: usize, e: usize) -> String {
        let u: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&u[s..e]).unwrap()
    }

    #[test]
    fn ascii_is_identity() {
        let m = Utf16Map::new("hello");
        assert_eq!(m.utf16(3), 3);
        assert_eq!(m.len_utf16(), 5);
    }

    #[test]
    fn curly_quotes_cjk_and_emoji() {
        let t = "“Hi” 分享 👍🏽 done";
        let m = Utf16Map::new(t);
        let b = t.find("done").unwrap();
        let sp = span(t, &m, b..b + 4);
        assert_eq!(slice16(t, sp.start, sp.end), "done");
        let e = t.find('👍').unwrap();
        let sp = span(t, &m, e..e + '👍'.len_utf8());
        assert_eq!(sp.end - sp.start, 2);
        assert_eq!(slice16(t, sp.start, sp.end), "👍");
        assert_eq!(m.len_utf16(), t.encode_utf16().count());
        // Every char boundary maps to the UTF-16 length of the prefix before it.
        for (b, _) in t.char_indices() {
            assert_eq!(m.utf16(b), t[..b].encode_utf16().count());
        }
    }

    #[test]
    #[allow(clippy::reversed_empty_ranges)]
    fn bad_ranges_are_clamped_not_panicking() {
        let t = "a👍b";
        let m = Utf16Map::new(t);
        let sp = span(t, &m, 2..100);
        assert_eq!(sp.text, "b");
        let sp = span(t, &m, 3..1);
        assert_eq!(sp.text, "");
    }
}
