//! The JSON text of an [`Analysis`], as the wasm binding hands it to JavaScript.
//!
//! The CLI writes JSON with serde_json. The wasm module has a download budget, and the generic
//! serialisation code serde brings (through serde_json or serde-wasm-bindgen) was 4 KB of its
//! gzip; the contract's types are few and fixed, so this module writes them directly, and the
//! page parses the text with `JSON.parse` in one call across the boundary.
//!
//! Guarantee: [`to_json`] is valid JSON that parses to the same value as `serde_json::to_string`
//! of the same analysis (same fields in the same order, `null` for `None`, the added
//! `variants`/`unquoted` fields left out when empty), property-tested in `tests/properties.rs`.

use crate::analysis::{Actor, Analysis, DocumentInfo, Mention, Quote, QuoteLink, Span, Stance};

/// The analysis as compact JSON text.
pub fn to_json(a: &Analysis) -> String {
    // Reserved up front: the text is several times the articles' size (every mention, quote and
    // stance repeats its words), and growing it by doubling would copy it over and over.
    // The records' text plus a generous allowance for keys and numbers per record.
    let texts: usize = a.mentions.iter().map(|m| m.text.len() + 80).sum::<usize>()
        + a.quotes.iter().map(|q| q.text.len() + 160).sum::<usize>()
        + a.stances
            .iter()
            .map(|s| s.cue.text.len() + s.target.text.len() + s.evidence.text.len() + 240)
            .sum::<usize>();
    let mut w = Writer(String::with_capacity(texts + 4096));
    w.open('{');
    w.key("version");
    w.num(a.version as usize);
    w.key("documents");
    w.list(&a.documents, Writer::document);
    w.key("actors");
    w.list(&a.actors, Writer::actor);
    w.key("mentions");
    w.list(&a.mentions, Writer::mention);
    w.key("quotes");
    w.list(&a.quotes, Writer::quote);
    w.key("quote_links");
    w.list(&a.quote_links, Writer::link);
    w.key("stances");
    w.list(&a.stances, Writer::stance);
    w.close('}');
    w.0
}

/// Appends JSON to its string. Keys and values are written in order; a comma goes before every
/// key or list item but the first of its object or list, which `open` marks by ending in `{`/`[`.
struct Writer(String);

impl Writer {
    fn open(&mut self, c: char) {
        self.0.push(c);
    }

    fn close(&mut self, c: char) {
        self.0.push(c);
    }

    fn comma(&mut self) {
        if !matches!(self.0.as_bytes().last(), Some(b'{' | b'[')) {
            self.0.push(',');
        }
    }

    fn key(&mut self, k: &str) {
        self.comma();
        self.0.push('"');
        self.0.push_str(k);
        self.0.push_str("\":");
    }

    /// A JSON string: quote, backslash and control characters escaped, all else as is.
    fn str(&mut self, s: &str) {
        self.0.push('"');
        // An index loop rather than an iterator chain: the wasm build is optimised for size,
        // and there the iterator adapters stay calls, one per byte of every string written.
        let bytes = s.as_bytes();
        let mut plain = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            // `b` is ASCII, so both cuts are on char boundaries.
            self.0.push_str(&s[plain..i - 1]);
            plain = i;
            match b {
                b'"' => self.0.push_str("\\\""),
                b'\\' => self.0.push_str("\\\\"),
                b'\n' => self.0.push_str("\\n"),
                b'\r' => self.0.push_str("\\r"),
                b'\t' => self.0.push_str("\\t"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    self.0.push(HEX[(b >> 4) as usize] as char);
                    self.0.push(HEX[(b & 15) as usize] as char);
                }
            }
        }
        self.0.push_str(&s[plain..]);
        self.0.push('"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.0.push_str("null"),
        }
    }

    fn num(&mut self, n: usize) {
        crate::text::push_decimal(&mut self.0, n);
    }

    /// A similarity, which the links stage rounds to thousandths: "0.75" parses to the same
    /// double as the rounded value, since both are the double nearest to k / 1000.
    fn thousandths(&mut self, x: f64) {
        let k = (x * 1000.0).round().clamp(0.0, 1000.0) as usize;
        self.num(k / 1000);
        self.0.push('.');
        for d in [k / 100 % 10, k / 10 % 10, k % 10] {
            self.0.push((b'0' + d as u8) as char);
        }
    }

    fn bool(&mut self, b: bool) {
        self.0.push_str(if b { "true" } else { "false" });
    }

    fn list<T>(&mut self, items: &[T], item: fn(&mut Self, &T)) {
        self.open('[');
        for x in items {
            self.comma();
            item(self, x);
        }
        self.close(']');
    }

    fn strings(&mut self, items: &[String]) {
        self.list(items, |w, s| w.str(s));
    }

    /// `"doc":…,"start":…,"end":…,"text":…` for a span-like record.
    fn range(&mut self, doc: Option<&str>, start: usize, end: usize, text: &str) {
        if let Some(doc) = doc {
            self.key("doc");
            self.str(doc);
        }
        self.key("start");
        self.num(start);
        self.key("end");
        self.num(end);
        self.key("text");
        self.str(text);
    }

    fn span(&mut self, s: &Span) {
        self.open('{');
        self.range(None, s.start, s.end, &s.text);
        self.close('}');
    }

    fn document(&mut self, d: &DocumentInfo) {
        self.open('{');
        self.key("id");
        self.str(&d.id);
        self.key("title");
        self.opt_str(d.title.as_deref());
        self.key("outlet");
        self.opt_str(d.outlet.as_deref());
        self.key("length");
        self.num(d.length);
        self.close('}');
    }

    fn actor(&mut self, a: &Actor) {
        self.open('{');
        self.key("id");
        self.str(&a.id);
        self.key("name");
        self.str(&a.name);
        self.key("kind");
        self.str(a.kind.as_str());
        self.key("aliases");
        self.strings(&a.aliases);
        self.key("affiliation");
        self.opt_str(a.affiliation.as_deref());
        self.close('}');
    }

    fn mention(&mut self, m: &Mention) {
        self.open('{');
        self.key("doc");
        self.str(&m.doc);
        self.key("actor");
        self.str(&m.actor);
        self.range(None, m.start, m.end, &m.text);
        self.close('}');
    }

    fn quote(&mut self, q: &Quote) {
        self.open('{');
        self.key("id");
        self.str(&q.id);
        self.range(Some(&q.doc), q.start, q.end, &q.text);
        self.key("speaker");
        self.opt_str(q.speaker.as_deref());
        self.key("cue");
        match &q.cue {
            Some(c) => self.span(c),
            None => self.0.push_str("null"),
        }
        self.key("kind");
        self.str(q.kind.as_str());
        self.close('}');
    }

    fn link(&mut self, l: &QuoteLink) {
        self.open('{');
        self.key("id");
        self.str(&l.id);
        self.key("quotes");
        self.strings(&l.quotes);
        if !l.variants.is_empty() {
            self.key("variants");
            self.list(&l.variants, |w, v| {
                w.open('{');
                w.key("quote");
                w.str(&v.quote);
                w.key("similarity");
                w.thousandths(v.similarity);
                w.key("differing");
                w.list(&v.differing, Writer::span);
                w.close('}');
            });
        }
        if !l.unquoted.is_empty() {
            self.key("unquoted");
            self.list(&l.unquoted, |w, u| {
                w.open('{');
                w.range(Some(&u.doc), u.start, u.end, &u.text);
                w.close('}');
            });
        }
        self.close('}');
    }

    fn stance(&mut self, s: &Stance) {
        self.open('{');
        self.key("doc");
        self.str(&s.doc);
        self.key("holder");
        self.str(&s.holder);
        self.key("polarity");
        self.str(s.polarity.as_str());
        self.key("class");
        self.str(s.class.as_str());
        self.key("negated");
        self.bool(s.negated);
        self.key("cue");
        self.span(&s.cue);
        self.key("target");
        self.span(&s.target);
        self.key("evidence");
        self.span(&s.evidence);
        self.close('}');
    }
}
