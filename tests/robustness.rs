//! Bad input to the library (issue 7): each case gets a correct analysis, never a panic or a
//! hang, every span slices its text, and a well-formed quote elsewhere in the input is not lost.

mod common;

use std::time::Duration;

use common::{analyze_within, doc, quote_texts};

/// A plain, well-formed news paragraph any English quote finder must read: the quote, its
/// speaker after the cue, and a sentence of reported speech.
const GOOD: &str = "“We will finish the bridge by spring,” said Jane Roe, the transport minister. \
The ministry said in a statement that costs had risen.";
const GOOD_QUOTE: &str = "We will finish the bridge by spring";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn assert_has_quote(a: &whosaid::analysis::Analysis, doc_id: &str, want: &str) {
    let got = quote_texts(a, doc_id);
    assert!(
        got.contains(&want),
        "document {doc_id}: quote {want:?} not found; quotes found: {got:?}"
    );
}

#[test]
fn well_formed_paragraph_yields_its_quote() {
    let a = analyze_within(secs(2), vec![doc("good", GOOD)]);
    assert_has_quote(&a, "good", GOOD_QUOTE);
}

#[test]
fn empty_and_whitespace_only_documents() {
    let inputs = vec![
        doc("empty", ""),
        doc("blank", " \n\t\r\n \u{a0}\u{2003}\u{3000}\n\r\r \n"),
        doc("good", GOOD),
    ];
    let a = analyze_within(secs(2), inputs);
    assert_eq!(a.documents[0].length, 0);
    for id in ["empty", "blank"] {
        assert!(a.quotes.iter().all(|q| q.doc != id), "a quote in {id}");
        assert!(a.mentions.iter().all(|m| m.doc != id), "a mention in {id}");
        assert!(a.stances.iter().all(|s| s.doc != id), "a stance in {id}");
    }
    assert_has_quote(&a, "good", GOOD_QUOTE);
    // No input at all is an empty analysis, not an error.
    let none = analyze_within(secs(1), Vec::new());
    assert!(none.documents.is_empty() && none.quotes.is_empty());
}

/// Costs must grow about linearly: 10 MB of article (1 MB in a debug build) in seconds.
#[test]
fn ten_megabyte_article() {
    let target = if cfg!(debug_assertions) {
        1 << 20
    } else {
        10 << 20
    };
    let mut text = String::from("Bridge delayed again\n\n");
    let mut n = 0;
    while text.len() < target {
        text.push_str(&format!(
            "“We will finish bridge number {n} by spring,” said Jane Roe, the transport \
             minister. Officials in the capital said costs had risen by {n} percent.\n\n"
        ));
        n += 1;
    }
    let a = analyze_within(secs(20), vec![doc("big", &text)]);
    let quotes = quote_texts(&a, "big");
    assert_eq!(quotes.len(), n, "one quote per paragraph");
    for (i, q) in quotes.iter().enumerate().step_by(997) {
        assert_eq!(*q, format!("We will finish bridge number {i} by spring"));
    }
}

/// Stray opening marks never swallow the rest of the article.
#[test]
fn ten_thousand_opening_quote_marks() {
    for mark in ["\"", "“", "‘", "'", "«", "„", "‚", "‹"] {
        let run = mark.repeat(10_000);
        let spaced = format!("{mark}word ").repeat(10_000);
        let inputs = vec![
            doc("run", &format!("{run}\n\n{GOOD}")),
            doc("spaced", &format!("{spaced}\n\n{GOOD}")),
            doc(
                "unclosed",
                &format!("{mark}An opening with no end.\n\n{GOOD}"),
            ),
            doc("trailing", &format!("{GOOD}\n\n{run}")),
        ];
        let a = analyze_within(secs(3), inputs);
        for id in ["run", "spaced", "unclosed", "trailing"] {
            assert_has_quote(&a, id, GOOD_QUOTE);
        }
    }
}

#[test]
fn deeply_nested_quotes() {
    // 5,000 levels of alternating double and single marks, closed properly.
    let depth = 5_000;
    let mut text = String::new();
    for i in 0..depth {
        text.push_str(if i % 2 == 0 { "“level " } else { "‘level " });
    }
    text.push_str("core");
    for i in (0..depth).rev() {
        text.push_str(if i % 2 == 0 { "” " } else { "’ " });
    }
    text.push_str("said Jane Roe.");
    let deep = format!("{text}\n\n{GOOD}");
    // A realistic nesting: a quote inside a quote.
    let nested = "“He told me ‘never again,’ and I believed him,” said Jane Roe.";
    let a = analyze_within(secs(3), vec![doc("deep", &deep), doc("nested", nested)]);
    assert_has_quote(&a, "deep", GOOD_QUOTE);
    assert_has_quote(&a, "nested", "He told me ‘never again,’ and I believed him");
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let lf = format!(
        "Bridge delayed again\n\n{GOOD}\n\n“Costs are rising,” said John Poe.\n\
         He added that work would go on.\n"
    );
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let inputs = vec![doc("lf", &lf), doc("crlf", &crlf), doc("cr", &cr)];
    let a = analyze_within(secs(2), inputs);
    let want = quote_texts(&a, "lf");
    assert!(want.contains(&GOOD_QUOTE), "lf quotes: {want:?}");
    assert!(want.contains(&"Costs are rising"), "lf quotes: {want:?}");
    for id in ["crlf", "cr"] {
        assert_eq!(quote_texts(&a, id), want, "{id} reads differently from lf");
    }
    for d in &a.documents {
        assert_eq!(
            d.title.as_deref(),
            Some("Bridge delayed again"),
            "title of {}",
            d.id
        );
    }
    for q in &a.quotes {
        assert!(
            !q.text.starts_with(['\r', '\n']) && !q.text.ends_with(['\r', '\n']),
            "quote {:?} carries a line break at its edge",
            q.text
        );
    }
}

#[test]
fn right_to_left_text() {
    let arabic = "قال الوزير «سنبني الجسر قبل الربيع» في بيان.\n\n\
                  \u{200f}وأضاف: \"لن نتراجع\".\u{200e}\n\n";
    let hebrew = "השר אמר: ״נבנה את הגשר עד האביב״.\n\n\u{202e}reversed text\u{202c}\n\n";
    let inputs = vec![
        doc("arabic", &format!("{arabic}{GOOD}")),
        doc("hebrew", &format!("{hebrew}{GOOD}")),
        doc(
            "mixed",
            &format!("{GOOD} \u{202b}{arabic}\u{202c} {hebrew}"),
        ),
    ];
    let a = analyze_within(secs(2), inputs);
    for id in ["arabic", "hebrew", "mixed"] {
        assert_has_quote(&a, id, GOOD_QUOTE);
    }
}

#[test]
fn emoji_with_skin_tones_and_zero_width_joiners() {
    let words = "We did it 👍🏽 and 👩🏽‍💻 built it 🇺🇸 👨‍👩‍👧‍👦";
    let text = format!("🔥 Breaking 🔥\n\n“{words},” said Jane Roe 👋🏿.\n\n👩‍⚕️ {GOOD} 🏳️‍🌈\n\n🙂🙂🙂");
    let a = analyze_within(secs(2), vec![doc("emoji", &text)]);
    assert_has_quote(&a, "emoji", words);
    assert_has_quote(&a, "emoji", GOOD_QUOTE);
}

#[test]
fn html_entities_left_in_text() {
    let text = format!(
        "&lt;p&gt;Bridge delayed &amp; over budget&lt;/p&gt;\n\n\
         “Roe &amp; Partners&#8217; plan will not change,” said Jane Roe.\n\n\
         &quot;It is late,&quot; said John Poe. &ldquo;Very late,&rdquo; he added. &#x201C;&#\n\n\
         {GOOD}\n\n&amp;&amp;&amp;&"
    );
    let a = analyze_within(secs(2), vec![doc("html", &text)]);
    assert_has_quote(&a, "html", "Roe &amp; Partners&#8217; plan will not change");
    assert_has_quote(&a, "html", GOOD_QUOTE);
}

#[test]
fn nul_bytes() {
    let text =
        format!("\0Bridge\0 delayed\n\n“We will\0 finish,” said Jane Roe.\0\n\n\0\0{GOOD}\0");
    let inputs = vec![doc("nul", &text), doc("only-nul", &"\0".repeat(1000))];
    let a = analyze_within(secs(2), inputs);
    assert_has_quote(&a, "nul", "We will\0 finish");
    assert_has_quote(&a, "nul", GOOD_QUOTE);
    assert!(a.quotes.iter().all(|q| q.doc != "only-nul"));
}

/// One bad document among good ones loses nothing of the others.
#[test]
fn bad_documents_among_good_ones_lose_nothing() {
    let marks = "“".repeat(10_000);
    let inputs = vec![
        doc("first", GOOD),
        doc("empty", ""),
        doc("marks", &marks),
        doc("nul", "\0\0\0"),
        doc("rtl", "«سنبني الجسر»"),
        doc("last", GOOD),
    ];
    let a = analyze_within(secs(3), inputs);
    assert_has_quote(&a, "first", GOOD_QUOTE);
    assert_has_quote(&a, "last", GOOD_QUOTE);
    let speaker_of = |doc_id: &str| {
        a.quotes
            .iter()
            .find(|q| q.doc == doc_id)
            .and_then(|q| q.speaker.as_deref())
            .and_then(|id| a.actors.iter().find(|x| x.id == id))
            .map(|x| x.name.as_str())
    };
    assert_eq!(speaker_of("first"), Some("Jane Roe"));
    assert_eq!(speaker_of("last"), Some("Jane Roe"));
}

/// A photo credit ("REUTERS/Jane Roe") right after a curly quote or dash: the word before the
/// slash starts after a multi-byte character (found by the fuzzer as a char-boundary panic).
#[test]
fn photo_credit_after_a_curly_quote() {
    let text = format!(
        "Bridge delayed\n\nPhoto “REUTERS/Jane Roe” here.\n\n—AFP/Getty Images\n\n«AP/Photo»\n\n{GOOD}"
    );
    let a = analyze_within(secs(2), vec![doc("credit", &text)]);
    assert_has_quote(&a, "credit", GOOD_QUOTE);
}
