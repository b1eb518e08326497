//! Reading an analysis file that may not be in the contract's exact shape.
//!
//! Researchers score other systems' output and hand-made files too. `score.py` reads whatever
//! fields are there; this reader does the same, so a file missing optional parts still scores
//! instead of being refused: what is absent takes its empty value, a malformed offset or text
//! makes the span bad (counted in `bad_spans`, as `score.py` counts it), and items that cannot
//! be scored at all are left out.

use serde_json::{Map, Value};

use crate::analysis::*;

/// An offset that no document has: a span holding it is bad.
const NO_OFFSET: usize = usize::MAX - 1;

/// Where a stance's evidence or cue would be, when the file has none. The scorer neither checks
/// nor matches an absent span (as `score.py` skips a missing one); see [`is_absent`].
pub const ABSENT: Span = Span {
    start: usize::MAX,
    end: usize::MAX,
    text: String::new(),
};

/// Whether `span` is [`ABSENT`]: no real span can reach offset `usize::MAX`.
pub fn is_absent(span: &Span) -> bool {
    span.start == usize::MAX && span.end == usize::MAX
}

fn string(o: &Map<String, Value>, key: &str) -> Option<String> {
    o.get(key).and_then(Value::as_str).map(str::to_string)
}

fn offset(o: &Map<String, Value>, key: &str) -> usize {
    o.get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(NO_OFFSET)
}

/// A span from an object's `start`, `end` and `text`; missing or malformed parts make it bad.
fn span(o: &Map<String, Value>) -> Span {
    let text = string(o, "text");
    Span {
        start: if text.is_some() {
            offset(o, "start")
        } else {
            NO_OFFSET
        },
        end: offset(o, "end"),
        text: text.unwrap_or_default(),
    }
}

fn objects<'a>(
    root: &'a Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a Map<String, Value>> {
    root.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

fn actor_kind(s: Option<&str>) -> ActorKind {
    match s {
        Some("person") => ActorKind::Person,
        Some("organization") => ActorKind::Organization,
        Some("country") => ActorKind::Country,
        Some("group") => ActorKind::Group,
        _ => ActorKind::Other,
    }
}

fn stance_class(s: Option<&str>) -> StanceClass {
    let v = Value::String(s.unwrap_or("other").to_string());
    serde_json::from_value(v).unwrap_or(StanceClass::Other)
}

/// Reads an analysis JSON text leniently (see the module doc).
///
/// Errors only when the text is not JSON or its top level is not an object. Left out, because
/// the contract types cannot hold them: list entries that are not objects, mentions, quotes and
/// stances without a `doc` string, and stances whose polarity is neither "support" nor "oppose"
/// or that have neither an evidence nor a cue span. A stance with only one of them gets
/// [`ABSENT`] for the other.
pub fn read_analysis(json: &str) -> Result<Analysis, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let root = value
        .as_object()
        .ok_or_else(|| "the analysis is not a JSON object".to_string())?;

    let documents = objects(root, "documents")
        .filter_map(|o| {
            Some(DocumentInfo {
                id: string(o, "id")?,
                title: string(o, "title"),
                outlet: string(o, "outlet"),
                length: o.get("length").and_then(Value::as_u64).unwrap_or(0) as usize,
            })
        })
        .collect();
    let actors = objects(root, "actors")
        .map(|o| Actor {
            id: string(o, "id").unwrap_or_default(),
            name: string(o, "name").unwrap_or_default(),
            kind: actor_kind(o.get("kind").and_then(Value::as_str)),
            aliases: o
                .get("aliases")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect(),
            affiliation: string(o, "affiliation"),
        })
        .collect();
    let mentions = objects(root, "mentions")
        .filter_map(|o| {
            let s = span(o);
            Some(Mention {
                doc: string(o, "doc")?,
                actor: string(o, "actor").unwrap_or_default(),
                start: s.start,
                end: s.end,
                text: s.text,
            })
        })
        .collect();
    let quotes = objects(root, "quotes")
        .filter_map(|o| {
            let s = span(o);
            Some(Quote {
                id: string(o, "id").unwrap_or_default(),
                doc: string(o, "doc")?,
                start: s.start,
                end: s.end,
                text: s.text,
                speaker: string(o, "speaker"),
                cue: o.get("cue").and_then(Value::as_object).map(span),
                kind: if o.get("kind").and_then(Value::as_str) == Some("partial") {
                    QuoteKind::Partial
                } else {
                    QuoteKind::Direct
                },
            })
        })
        .collect();
    let quote_links = objects(root, "quote_links")
        .map(|o| QuoteLink {
            id: string(o, "id").unwrap_or_default(),
            quotes: o
                .get("quotes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|q| q.as_str().map(str::to_string))
                .collect(),
            variants: Vec::new(),
            unquoted: Vec::new(),
        })
        .collect();
    let stances = objects(root, "stances")
        .filter_map(|o| {
            let polarity = match o.get("polarity").and_then(Value::as_str)? {
                "support" => Polarity::Support,
                "oppose" => Polarity::Oppose,
                _ => return None,
            };
            let part = |k: &str| {
                o.get(k)
                    .and_then(Value::as_object)
                    .filter(|m| !m.is_empty())
            };
            let evidence = part("evidence").map(span);
            let cue = part("cue").map(span);
            if evidence.is_none() && cue.is_none() {
                return None;
            }
            let (evidence, cue) = (evidence.unwrap_or(ABSENT), cue.unwrap_or(ABSENT));
            Some(Stance {
                doc: string(o, "doc")?,
                holder: string(o, "holder").unwrap_or_default(),
                polarity,
                class: stance_class(o.get("class").and_then(Value::as_str)),
                negated: o.get("negated").and_then(Value::as_bool).unwrap_or(false),
                target: part("target").map(span).unwrap_or(Span {
                    start: 0,
                    end: 0,
                    text: String::new(),
                }),
                cue,
                evidence,
            })
        })
        .collect();
    Ok(Analysis {
        version: root
            .get("version")
            .and_then(Value::as_u64)
            .unwrap_or(CONTRACT_VERSION as u64) as u32,
        documents,
        actors,
        mentions,
        quotes,
        quote_links,
        stances,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_file_reads_with_empty_values() {
        let a = read_analysis(
            r#"{"quotes": [{"doc": "d", "start": 0, "end": 2, "text": "hi"},
                           {"doc": "d", "start": -1, "end": 2, "text": "hi"},
                           {"start": 0, "end": 2, "text": "no doc"}, 7],
                "stances": [{"doc": "d", "holder": "x", "polarity": "oppose",
                             "cue": {"start": 0, "end": 1, "text": "h"}},
                            {"doc": "d", "holder": "x", "polarity": "maybe",
                             "cue": {"start": 0, "end": 1, "text": "h"}}],
                "actors": [{"id": "x", "kind": "work"}]}"#,
        )
        .unwrap();
        assert_eq!(a.quotes.len(), 2);
        assert_eq!(a.quotes[0].kind, QuoteKind::Direct);
        assert_eq!(a.quotes[1].start, NO_OFFSET, "negative offset: a bad span");
        assert_eq!(a.stances.len(), 1);
        assert!(is_absent(&a.stances[0].evidence) && !is_absent(&a.stances[0].cue));
        assert_eq!(a.actors[0].kind, ActorKind::Other);
        assert!(a.mentions.is_empty() && a.quote_links.is_empty());
    }

    #[test]
    fn contract_shaped_file_reads_as_serde_does() {
        let a = Analysis {
            version: 1,
            documents: vec![],
            actors: vec![Actor {
                id: "a".into(),
                name: "A".into(),
                kind: ActorKind::Person,
                aliases: vec!["A".into()],
                affiliation: Some("b".into()),
            }],
            mentions: vec![],
            quotes: vec![Quote {
                id: "q1".into(),
                doc: "d".into(),
                start: 1,
                end: 3,
                text: "ab".into(),
                speaker: None,
                cue: Some(Span {
                    start: 4,
                    end: 8,
                    text: "said".into(),
                }),
                kind: QuoteKind::Partial,
            }],
            quote_links: vec![],
            stances: vec![],
        };
        let back = read_analysis(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
        assert!(read_analysis("[1]").is_err());
        assert!(read_analysis("{").is_err());
    }
}
