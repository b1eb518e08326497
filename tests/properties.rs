//! Property tests: for any input, `analyze` does not panic, every span equals its UTF-16 slice,
//! and quotes of one document never cross (they are disjoint, or one lies inside the other).

mod common;

use proptest::prelude::*;

use common::{check_analysis, doc};
use whosaid::analysis::DocumentInput;

/// Pieces news text is made of, and the pieces that break naive code: every quote mark,
/// apostrophes, cue words, names, titles, line endings, abbreviations, emoji with modifiers
/// and joiners, CJK, right-to-left text, NUL and other controls.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "‚",
    "‹",
    "›",
    "said",
    "told",
    "added",
    "according to",
    "in a statement",
    "she said",
    "he said",
    "it said",
    "the minister said",
    "Jane Roe",
    "Roe",
    "John Poe",
    "Mr.",
    "Ms.",
    "Dr.",
    "U.S.",
    "Dec.",
    "Jr.",
    "J.",
    "spokeswoman",
    "Foreign Ministry",
    "North Korea",
    "Reuters",
    "China’s",
    "don't",
    "’90s",
    ",",
    ".",
    ":",
    ";",
    "?",
    "!",
    "…",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{a0}",
    "\u{2028}",
    "the",
    "will",
    "not",
    "act",
    "of",
    "war",
    "we",
    "oppose",
    "condemn",
    "分享",
    "中国",
    "👍🏽",
    "👩🏽‍💻",
    "🇺🇸",
    "\u{200d}",
    "\u{fe0f}",
    "\u{feff}",
    "سنبني",
    "\u{200f}",
    "\u{202e}",
    "\0",
    "\u{1}",
    "&quot;",
    "&amp;",
    "(",
    ")",
    "[",
    "]",
    "-",
    "—",
    "2026",
    "é",
    "e\u{301}",
];

/// A document made of news-like pieces.
fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|v| v.concat())
}

/// Any string at all, or a news-like one.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), newsish(), ".{0,300}"]
}

/// The wasm binding's hand-written JSON parses to what serde_json makes of the same analysis.
fn json_matches_serde(a: &whosaid::analysis::Analysis) -> Result<(), String> {
    let ours: serde_json::Value = serde_json::from_str(&whosaid::json::to_json(a))
        .map_err(|e| format!("json::to_json wrote invalid JSON: {e}"))?;
    let serde = serde_json::to_value(a).map_err(|e| e.to_string())?;
    if ours == serde {
        return Ok(());
    }
    // Name the first top-level field that differs: the whole analysis is too long to print.
    let fields = [
        "version",
        "documents",
        "actors",
        "mentions",
        "quotes",
        "quote_links",
        "stances",
    ];
    let field = fields.into_iter().find(|f| ours.get(f) != serde.get(f));
    Err(format!(
        "json::to_json differs from serde_json in {field:?}"
    ))
}

#[test]
fn seeds_json_matches_serde() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let inputs: Vec<DocumentInput> = names
        .iter()
        .map(|p| {
            doc(
                &p.file_stem().unwrap().to_string_lossy(),
                &std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    let a = whosaid::analyze(&inputs);
    assert!(
        a.quote_links.iter().any(|l| !l.variants.is_empty()),
        "seeds have variants to check"
    );
    json_matches_serde(&a).unwrap();
}

fn docs_of(texts: Vec<String>) -> Vec<DocumentInput> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| doc(&format!("d{i}"), &t))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn one_document_any_text(text in any_text()) {
        let inputs = docs_of(vec![text]);
        let a = whosaid::analyze(&inputs);
        if let Err(e) = check_analysis(&inputs, &a).and_then(|()| json_matches_serde(&a)) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn several_documents_of_news_like_text(texts in prop::collection::vec(newsish(), 1..5)) {
        let inputs = docs_of(texts);
        let a = whosaid::analyze(&inputs);
        if let Err(e) = check_analysis(&inputs, &a).and_then(|()| json_matches_serde(&a)) {
            prop_assert!(false, "{}", e);
        }
    }

    /// A well-formed quote survives whatever comes before and after it in other paragraphs.
    #[test]
    fn a_clean_quote_survives_noise(before in newsish(), after in newsish()) {
        let clean = "“We will finish the bridge by spring,” said Jane Roe.";
        // A paragraph that opens with no quote mark ends any quote left open before it.
        let text = format!("{before}\n\nThe meeting ended.\n\n{clean}\n\n{after}");
        let inputs = docs_of(vec![text]);
        let a = whosaid::analyze(&inputs);
        if let Err(e) = check_analysis(&inputs, &a) {
            prop_assert!(false, "{}", e);
        }
        let found = common::quote_texts(&a, "d0");
        prop_assert!(
            found.contains(&"We will finish the bridge by spring"),
            "clean quote lost; found {:?}", found
        );
    }
}
