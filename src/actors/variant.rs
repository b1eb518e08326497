//! The second spelling news text gives a gazetteer alias. Shared by `build.rs`, which writes an
//! alias whose variant is also an alias once, flagged, and by the gazetteer reader
//! (`data.rs`), which spells the variant out again: the module carries one of the two.

/// The other spelling of `alias`: a curly apostrophe for a straight one ("People’s"), else dots
/// in each word of two to four capitals ("U.N.", "U.N. General Assembly"); `alias` itself when
/// it has neither.
pub fn variant(alias: &str) -> String {
    if alias.contains('\'') {
        return alias.replace('\'', "\u{2019}");
    }
    let mut out = String::with_capacity(alias.len() + 4);
    for (i, w) in alias.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase()) {
            for c in w.chars() {
                out.push(c);
                out.push('.');
            }
        } else {
            out.push_str(w);
        }
    }
    out
}
