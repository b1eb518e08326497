//! Quote links on hand-built documents: wording variants, partial quotes, paraphrases,
//! cliques rather than chains, nested quotes, and what must never link.

use whosaid::analysis::{DocumentInput, QuoteKind};
use whosaid::links::{link_quotes, LinkGroup};
use whosaid::quotes::QuoteRec;
use whosaid::text::Document;

fn doc(id: &str, text: &str) -> Document {
    Document::new(&DocumentInput {
        id: id.to_string(),
        text: text.to_string(),
        outlet: None,
        title: None,
    })
}

/// A quote record for the `nth` occurrence of `words` in document `d` (index `di`).
fn quote(d: &Document, di: usize, words: &str, nth: usize) -> QuoteRec {
    let start = d
        .text
        .match_indices(words)
        .nth(nth)
        .unwrap_or_else(|| panic!("{words:?} not in {}", d.id))
        .0;
    let end = start + words.len();
    let before = d.text[..start].chars().next_back();
    let after = d.text[end..].chars().next();
    let o_start = match before {
        Some(c) if "\"“‘'".contains(c) => start - c.len_utf8(),
        _ => start,
    };
    let o_end = match after {
        Some(c) if "\"”’'".contains(c) => end + c.len_utf8(),
        _ => end,
    };
    QuoteRec {
        doc: di,
        range: start..end,
        outer: o_start..o_end,
        kind: if words.split_whitespace().count() < 6 {
            QuoteKind::Partial
        } else {
            QuoteKind::Direct
        },
        heading: false,
        nested: false,
        speaker: None,
        cue: None,
    }
}

/// Every cross-document pair of quote indices the groups assert, smaller index first.
fn pairs(groups: &[LinkGroup], quotes: &[QuoteRec]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for g in groups {
        for (i, &a) in g.members.iter().enumerate() {
            for &b in &g.members[i + 1..] {
                assert_ne!(quotes[a].doc, quotes[b].doc, "same-document link");
                out.push((a.min(b), a.max(b)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[test]
fn wording_variants_and_a_trimmed_quote_link() {
    let docs = vec![
        doc("a", "The mayor said: \"Before taking any decision there has to be a full review of the flood defences and the budget.\" She left."),
        doc("b", "“Before taking any decision there has to be a full review of the flood defenses and the budgets,” the mayor told reporters."),
        doc("c", "The mayor warned against “taking any decision” before the review."),
    ];
    let quotes = vec![
        quote(&docs[0], 0, "Before taking any decision there has to be a full review of the flood defences and the budget.", 0),
        quote(&docs[1], 1, "Before taking any decision there has to be a full review of the flood defenses and the budgets", 0),
        quote(&docs[2], 2, "taking any decision", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(pairs(&groups, &quotes), vec![(0, 1), (0, 2), (1, 2)]);
    let g = &groups[0];
    assert_eq!(g.members, vec![0, 1, 2]);
    assert_eq!(g.similarity[0], 1.0);
    assert!(g.similarity[1] > 0.99, "{:?}", g.similarity);
    // "defenses" and "budgets" are the words the second outlet wrote differently.
    let shown: Vec<&str> = g.differing[1]
        .iter()
        .map(|r| &docs[1].text[r.clone()])
        .collect();
    assert_eq!(shown, vec!["defenses", "budgets"]);
}

#[test]
fn spaced_hyphenated_and_closed_compounds_meet() {
    let docs = vec![
        doc(
            "a",
            "\"We condemn every cyber attack on hospitals and power stations,\" the minister said.",
        ),
        doc(
            "b",
            "\"We condemn every cyberattack on hospitals and power-stations,\" the minister said.",
        ),
    ];
    let quotes = vec![
        quote(
            &docs[0],
            0,
            "We condemn every cyber attack on hospitals and power stations",
            0,
        ),
        quote(
            &docs[1],
            1,
            "We condemn every cyberattack on hospitals and power-stations",
            0,
        ),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(pairs(&groups, &quotes), vec![(0, 1)]);
    assert!(
        groups[0].differing[1].is_empty(),
        "{:?}",
        groups[0].differing
    );
    assert_eq!(groups[0].similarity[1], 1.0);
}

#[test]
fn paraphrased_translations_link_when_content_words_agree() {
    let docs = vec![
        doc("a", "Beijing \"opposes all forms of violence against civilians and hostage taking\", the envoy said."),
        doc("b", "The envoy said Beijing \"opposes any manner of violence against civilians and hostage-taking\"."),
        doc("c", "Beijing \"opposes violence against civilians and hostage taking in all of its forms,\" a statement said."),
        doc("d", "\"We resolutely oppose all forms of violence against civilians and hostage taking. Meanwhile, we call for calm,\" the envoy said."),
    ];
    let quotes = vec![
        quote(&docs[0], 0, "opposes all forms of violence against civilians and hostage taking", 0),
        quote(&docs[1], 1, "opposes any manner of violence against civilians and hostage-taking", 0),
        quote(&docs[2], 2, "opposes violence against civilians and hostage taking in all of its forms", 0),
        quote(&docs[3], 3, "We resolutely oppose all forms of violence against civilians and hostage taking. Meanwhile, we call for calm", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(
        pairs(&groups, &quotes),
        vec![(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    );
}

#[test]
fn groups_are_cliques_not_chains() {
    // One long statement; two outlets each quote a different sentence of it. Each short quote
    // links with the long one, but the two short quotes are different words: no link between them.
    let docs = vec![
        doc("a", "\"The harbour will reopen on Monday after the inspection. Fishermen will receive compensation for every lost week,\" the governor said."),
        doc("b", "The governor said \"the harbour will reopen on Monday\"."),
        doc("c", "Fishermen \"will receive compensation for every lost week\", the governor said."),
    ];
    let quotes = vec![
        quote(&docs[0], 0, "The harbour will reopen on Monday after the inspection. Fishermen will receive compensation for every lost week", 0),
        quote(&docs[1], 1, "the harbour will reopen on Monday", 0),
        quote(&docs[2], 2, "will receive compensation for every lost week", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(pairs(&groups, &quotes), vec![(0, 1), (0, 2)]);
    assert_eq!(groups.len(), 2);
}

#[test]
fn a_partial_quote_links_with_the_part_of_a_sentence_it_repeats() {
    let docs = vec![
        doc("a", "She \"welcomed the ceasefire agreement, stressing that aid convoys must reach the northern towns\" during the call."),
        doc("b", "She \"welcomed the ceasefire agreement\" during the call."),
        doc("c", "The minister said \"aid convoys must reach the northern towns\"."),
    ];
    let quotes = vec![
        quote(&docs[0], 0, "welcomed the ceasefire agreement, stressing that aid convoys must reach the northern towns", 0),
        quote(&docs[1], 1, "welcomed the ceasefire agreement", 0),
        quote(&docs[2], 2, "aid convoys must reach the northern towns", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(pairs(&groups, &quotes), vec![(0, 1), (0, 2)]);
}

#[test]
fn nested_quotes_link_with_nested_quotes_only() {
    let a = "\"Our answer will be far stronger than the 'measured response' promised by the president,\" the statement said.";
    let b =
        "“Our answer will be far stronger than the ‘measured response’ promised by the president.”";
    let docs = vec![doc("a", a), doc("b", b)];
    let mut quotes = vec![
        quote(&docs[0], 0, "Our answer will be far stronger than the 'measured response' promised by the president", 0),
        quote(&docs[0], 0, "measured response", 0),
        quote(&docs[1], 1, "Our answer will be far stronger than the ‘measured response’ promised by the president.", 0),
        quote(&docs[1], 1, "measured response", 0),
    ];
    quotes[1].nested = true;
    quotes[3].nested = true;
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(pairs(&groups, &quotes), vec![(0, 2), (1, 3)]);
}

#[test]
fn headings_same_document_and_common_words_never_link() {
    let docs = vec![
        doc("a", "\"MEASURED RESPONSE\"\n\n\"The talks were very productive,\" he said. \"The talks were very productive,\" he repeated."),
        doc("b", "The senator promised a \"measured response\". \"The weather was very cold,\" she said."),
    ];
    let mut quotes = vec![
        quote(&docs[0], 0, "MEASURED RESPONSE", 0),
        quote(&docs[0], 0, "The talks were very productive", 0),
        quote(&docs[0], 0, "The talks were very productive", 1),
        quote(&docs[1], 1, "measured response", 0),
        quote(&docs[1], 1, "The weather was very cold", 0),
    ];
    quotes[0].heading = true;
    let groups = link_quotes(&docs, &quotes);
    assert!(groups.is_empty(), "{groups:?}");
}

#[test]
fn one_quote_per_document_in_a_group() {
    let docs = vec![
        doc("a", "\"Prices will fall by the end of the year,\" he said. Later he repeated: \"prices will fall by the end of the year.\""),
        doc("b", "\"Prices will fall by the end of the year,\" the governor said."),
    ];
    let quotes = vec![
        quote(&docs[0], 0, "Prices will fall by the end of the year", 0),
        quote(&docs[0], 0, "prices will fall by the end of the year.", 0),
        quote(&docs[1], 1, "Prices will fall by the end of the year", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members.len(), 2);
    assert!(groups[0].members.contains(&2));
}

#[test]
fn broken_input_is_ignored_without_panic() {
    let docs = vec![doc("a", "x “🙂 ünïcödé” \u{0}"), doc("b", "")];
    let mut q = quote(&docs[0], 0, "🙂 ünïcödé", 0);
    let mut bad = q.clone();
    bad.range = 3..4; // inside the curly mark
    q.doc = 0;
    let mut out_of_doc = q.clone();
    out_of_doc.doc = 7;
    let mut past_end = q.clone();
    past_end.doc = 1;
    let groups = link_quotes(&docs, &[q, bad, out_of_doc, past_end]);
    assert!(groups.is_empty());
    assert!(link_quotes(&[], &[]).is_empty());
}

/// The seed articles with their gold quotes as input: the links found against the gold groups.
#[test]
fn seed_gold_quotes_link_as_annotated() {
    use std::collections::HashSet;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).expect(p);
    let gold_links: serde_json::Value =
        serde_json::from_str(&read("tests/gold/quote_links.json")).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(format!("{root}/seeds"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    let mut quotes = Vec::new();
    let mut key = Vec::new(); // (doc id, quote text) per quote
    for (di, name) in names.iter().enumerate() {
        let id = name.trim_end_matches(".txt");
        docs.push(doc(id, &read(&format!("seeds/{name}"))));
        let g: serde_json::Value =
            serde_json::from_str(&read(&format!("tests/gold/{id}.json"))).unwrap();
        let mut seen: Vec<String> = Vec::new();
        for q in g["quotes"].as_array().unwrap() {
            let t = q["text"].as_str().unwrap().to_string();
            let nth = seen.iter().filter(|s| **s == t).count();
            seen.push(t.clone());
            let mut rec = quote(&docs[di], di, &t, nth);
            rec.heading = q["speaker"] == "unknown" && t.chars().all(|c| !c.is_lowercase());
            quotes.push(rec);
            key.push((id.to_string(), t));
        }
    }
    let mut gold: HashSet<(usize, usize)> = HashSet::new();
    for grp in gold_links.as_array().unwrap() {
        let ms: Vec<usize> = grp["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|m| {
                key.iter().position(|(d, t)| {
                    d == m["doc"].as_str().unwrap() && t == m["text"].as_str().unwrap()
                })
            })
            .collect();
        for &a in &ms {
            for &b in &ms {
                if a < b && quotes[a].doc != quotes[b].doc {
                    gold.insert((a, b));
                }
            }
        }
    }
    let found: HashSet<(usize, usize)> = pairs(&link_quotes(&docs, &quotes), &quotes)
        .into_iter()
        .collect();
    let hit = found.intersection(&gold).count() as f64;
    let p = hit / found.len().max(1) as f64;
    let r = hit / gold.len().max(1) as f64;
    let f = 2.0 * p * r / (p + r).max(1e-9);
    let extra: Vec<_> = found
        .difference(&gold)
        .map(|&(a, b)| (&key[a], &key[b]))
        .collect();
    let missed: Vec<_> = gold
        .difference(&found)
        .map(|&(a, b)| (&key[a], &key[b]))
        .collect();
    eprintln!("seed link f1 {f:.3} (p {p:.3}, r {r:.3}); extra {extra:?}; missed {missed:?}");
    assert!(
        f >= 0.8,
        "link f1 {f:.3} (p {p:.3}, r {r:.3})\nextra {extra:#?}\nmissed {missed:#?}"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Text from pieces that stress tokenising: marks, apostrophes, hyphens, emoji, RTL, NUL.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("war ".to_string()),
            Just("act of ".to_string()),
            Just("cyber-attack ".to_string()),
            Just("cyberattacks ".to_string()),
            Just("U.S. ".to_string()),
            Just("don’t ".to_string()),
            Just("“".to_string()),
            Just("” ".to_string()),
            Just("\"".to_string()),
            Just("'s ".to_string()),
            Just(". ".to_string()),
            Just("🙂".to_string()),
            Just("نص ".to_string()),
            Just("\u{0}".to_string()),
            Just("\n\n".to_string()),
            "[a-zé]{1,8} ".prop_map(|s| s),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_and_any_ranges(
            texts in proptest::collection::vec(text(), 1..4),
            spans in proptest::collection::vec((0usize..4, 0usize..400, 0usize..120, any::<bool>()), 0..12),
        ) {
            let docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| doc(&format!("d{i}"), t)).collect();
            let quotes: Vec<QuoteRec> = spans
                .iter()
                .map(|&(d, start, len, heading)| QuoteRec {
                    doc: d,
                    range: start..start + len,
                    outer: start.saturating_sub(1)..start + len + 1,
                    kind: QuoteKind::Direct,
                    heading,
                    nested: false,
                    speaker: None,
                    cue: None,
                })
                .collect();
            for g in link_quotes(&docs, &quotes) {
                prop_assert!(g.members.len() >= 2);
                prop_assert_eq!(g.members.len(), g.similarity.len());
                prop_assert_eq!(g.members.len(), g.differing.len());
                for (d, r) in &g.unquoted {
                    prop_assert!(docs[*d].text.get(r.clone()).is_some_and(|t| !t.is_empty()));
                }
                for (&m, diff) in g.members.iter().zip(&g.differing) {
                    let d = &docs[quotes[m].doc];
                    for r in diff {
                        prop_assert!(d.text.get(r.clone()).is_some());
                    }
                }
            }
        }
    }
}

#[test]
fn an_outlet_carrying_the_words_without_quote_marks_is_found() {
    let docs = vec![
        doc("a", "\"We will rebuild every school destroyed by the flood before winter,\" the minister said."),
        doc("b", "“We will rebuild every school destroyed by the flood before winter,” she told reporters."),
        doc("c", "The minister promised to rebuild every school destroyed by the flood before winter. Critics called it an \"act of war\" on the budget."),
        doc("d", "Schools reopened in the capital on Monday."),
    ];
    let quotes = vec![
        quote(
            &docs[0],
            0,
            "We will rebuild every school destroyed by the flood before winter",
            0,
        ),
        quote(
            &docs[1],
            1,
            "We will rebuild every school destroyed by the flood before winter",
            0,
        ),
        quote(&docs[2], 2, "act of war", 0),
    ];
    let groups = link_quotes(&docs, &quotes);
    assert_eq!(groups.len(), 1);
    let carried: Vec<(usize, &str)> = groups[0]
        .unquoted
        .iter()
        .map(|(d, r)| (*d, &docs[*d].text[r.clone()]))
        .collect();
    assert_eq!(
        carried,
        vec![(
            2,
            "rebuild every school destroyed by the flood before winter"
        )]
    );
}
