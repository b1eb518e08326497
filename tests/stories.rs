//! Stories in other house styles than the seeds (British single quotes, AP straight quotes with
//! inverted attributions and multi-paragraph quotes): who said each quote.

mod common;

use common::assert_said;
use whosaid::analysis::{Analysis, DocumentInput, QuoteKind};

fn analyse(name: &str) -> Analysis {
    common::analyse_story("stories", name)
}

#[test]
fn ap_style_inverted_attribution_and_continuation() {
    let a = analyse("ap_style");
    assert_said(&a, "This bill doesn't secure", "Cruz");
    assert_said(&a, "It makes the problem worse", "Cruz");
    assert_said(&a, "We have a once-in-a-generation", "Schumer");
    assert_said(&a, "I've been in this building", "Schumer");
    assert_said(&a, "I have never seen", "Schumer");
    assert_said(&a, "It abandons the values", "Ocasio-Cortez");
    let first = a
        .quotes
        .iter()
        .find(|q| q.text.starts_with("This bill"))
        .unwrap();
    assert_eq!(first.kind, QuoteKind::Direct);
}

#[test]
fn british_single_quotes_and_appositions() {
    let a = analyse("guardian_style");
    assert_said(&a, "We are taking the strongest action", "Coffey");
    assert_said(&a, "turning a blind eye", "Reed");
    assert_said(&a, "The Tories have let", "Reed");
    assert_said(&a, "Families are paying the price", "Reed");
    assert_said(&a, "nowhere near good enough", "Sharkey");
    assert_said(&a, "committed to improving", "Thames Water");
    // Apostrophes in "Labour’s" must not open quotes.
    assert!(a
        .quotes
        .iter()
        .all(|q| !q.text.contains("shadow environment")));
}

#[test]
fn unquoted_copies_of_a_linked_quote_reach_the_analysis() {
    let words =
        "we will never accept foreign interference in our internal affairs under any circumstances";
    let docs = vec![
        DocumentInput {
            id: "a".into(),
            text: format!("Talks stalled.\n\n“{words},” said the minister Ana Lopes."),
            outlet: None,
            title: None,
        },
        DocumentInput {
            id: "b".into(),
            text: format!("Ana Lopes spoke on Monday.\n\n\"{words},\" Lopes told reporters."),
            outlet: None,
            title: None,
        },
        DocumentInput {
            id: "c".into(),
            text: format!("The minister said {words}, according to state media."),
            outlet: None,
            title: None,
        },
    ];
    let a = whosaid::analyze(&docs);
    let link = a.quote_links.first().expect("the two quotes link");
    assert_eq!(link.quotes.len(), 2);
    let copy = link
        .unquoted
        .iter()
        .find(|u| u.doc == "c")
        .expect("c carries the words unquoted");
    let c: Vec<u16> = docs[2].text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16(&c[copy.start..copy.end]).unwrap(),
        copy.text
    );
    assert!(copy.text.contains("foreign interference"), "{copy:?}");
}
