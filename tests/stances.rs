//! Stances on hand-built documents of a story of our own: holders, polarity, negation, doubt,
//! reported claims, passives, quotes and what must not be a stance.

use whosaid::actors::{ActorRec, ActorSet, Gender, MentionRec};
use whosaid::analysis::{ActorKind, DocumentInput, Polarity, QuoteKind, StanceClass};
use whosaid::quotes::QuoteRec;
use whosaid::stances::{find_stances, StanceRec};
use whosaid::text::Document;

fn doc(text: &str) -> Document {
    Document::new(&DocumentInput {
        id: "d".to_string(),
        text: text.to_string(),
        outlet: None,
        title: None,
    })
}

/// The cast of the story: name, kind, gender, affiliation (index).
const CAST: &[(&str, ActorKind, Gender, Option<usize>)] = &[
    ("Ruritania", ActorKind::Country, Gender::Unknown, None), // 0
    ("Freedonia", ActorKind::Country, Gender::Unknown, None), // 1
    ("Jane Doe", ActorKind::Person, Gender::Female, None),    // 2
    ("Li Wei", ActorKind::Person, Gender::Male, Some(4)),     // 3
    ("Borduria", ActorKind::Country, Gender::Unknown, None),  // 4
    ("the police", ActorKind::Organization, Gender::Unknown, None), // 5
    (
        "the ministry",
        ActorKind::Organization,
        Gender::Unknown,
        None,
    ), // 6
];

/// Actors of the cast, with a mention at every occurrence of a name (or of its last word, or
/// of an extra surface form given as (form, actor)).
fn cast(d: &Document, extra: &[(&str, usize)]) -> ActorSet {
    let mut forms: Vec<(String, usize)> = Vec::new();
    for (i, (name, ..)) in CAST.iter().enumerate() {
        forms.push((name.to_string(), i));
        if let Some(last) = name
            .split(' ')
            .nth(1)
            .filter(|_| CAST[i].1 == ActorKind::Person)
        {
            forms.push((last.to_string(), i));
        }
    }
    forms.extend(extra.iter().map(|(f, a)| (f.to_string(), *a)));
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut mentions: Vec<MentionRec> = Vec::new();
    for (form, actor) in &forms {
        for (at, _) in d.text.match_indices(form.as_str()) {
            let r = at..at + form.len();
            let word_edge = !d.text[..at].ends_with(char::is_alphanumeric)
                && !d.text[r.end..].starts_with(char::is_alphanumeric);
            if word_edge
                && !mentions
                    .iter()
                    .any(|m| m.range.start < r.end && r.start < m.range.end)
            {
                mentions.push(MentionRec {
                    doc: 0,
                    range: r,
                    actor: *actor,
                    role: None,
                });
            }
        }
    }
    mentions.sort_by_key(|m| m.range.start);
    ActorSet {
        actors: CAST
            .iter()
            .map(|(name, kind, gender, aff)| ActorRec {
                id: name.to_lowercase().replace(' ', "-"),
                name: name.to_string(),
                kind: *kind,
                aliases: vec![name.to_string()],
                affiliation: *aff,
                gender: *gender,
            })
            .collect(),
        mentions,
    }
}

fn quote_of(d: &Document, words: &str, speaker: usize) -> QuoteRec {
    let start = d.text.find(words).expect("quote text");
    let end = start + words.len();
    QuoteRec {
        doc: 0,
        range: start..end,
        outer: start.saturating_sub(3)..(end + 3).min(d.text.len()),
        kind: QuoteKind::Direct,
        heading: false,
        nested: false,
        speaker: Some(speaker),
        cue: None,
    }
}

/// (holder name, class, polarity, negated, cue text, target text) of each stance.
fn summary(
    d: &Document,
    a: &ActorSet,
    st: &[StanceRec],
) -> Vec<(String, StanceClass, Polarity, bool, String, String)> {
    for s in st {
        for r in [&s.cue, &s.target, &s.evidence] {
            assert!(
                d.text.get(r.clone()).is_some_and(|t| !t.is_empty()),
                "bad range {r:?}"
            );
        }
        assert!(s.evidence.start <= s.cue.start && s.cue.end <= s.evidence.end);
    }
    st.iter()
        .map(|s| {
            (
                a.actors[s.holder].name.clone(),
                s.class,
                s.polarity,
                s.negated,
                d.text[s.cue.clone()].to_string(),
                d.text[s.target.clone()].to_string(),
            )
        })
        .collect()
}

fn run(
    text: &str,
    quotes: &[(&str, usize)],
) -> Vec<(String, StanceClass, Polarity, bool, String, String)> {
    let d = doc(text);
    let a = cast(&d, &[]);
    let qs: Vec<QuoteRec> = quotes.iter().map(|(w, s)| quote_of(&d, w, *s)).collect();
    let st = find_stances(std::slice::from_ref(&d), &qs, &a);
    summary(&d, &a, &st)
}

#[test]
fn denial_and_threat_in_one_sentence() {
    let got = run(
        "Ruritania has denied it was behind the attack on the pipeline and has vowed to hit back against any sanctions.",
        &[],
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1, got[0].2),
        ("Ruritania", StanceClass::Deny, Polarity::Oppose)
    );
    assert_eq!(got[0].4, "denied");
    assert!(got[0].5.starts_with("it was behind the attack"), "{got:?}");
    assert_eq!(
        (got[1].0.as_str(), got[1].1, got[1].2),
        ("Ruritania", StanceClass::Threaten, Polarity::Oppose)
    );
    assert_eq!(got[1].5, "against any sanctions");
}

#[test]
fn no_evidence_is_doubt_of_the_claim_by_who_says_so() {
    let got = run(
        "Freedonia says it condemns all sabotage but there is no evidence that Ruritania is responsible for the blast.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Freedonia", StanceClass::Condemn, Polarity::Oppose),
            ("Freedonia", StanceClass::Doubt, Polarity::Oppose)
        ]
    );
    assert_eq!(got[1].4, "no evidence");
}

#[test]
fn would_not_call_it_flips_to_oppose() {
    let got = run(
        "Senator Jane Doe would not call the blockade an act of aggression.",
        &[],
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let g = &got[0];
    assert_eq!(
        (g.0.as_str(), g.1, g.2, g.3),
        ("Jane Doe", StanceClass::Deny, Polarity::Oppose, true)
    );
    assert_eq!(g.5, "the blockade an act of aggression");
}

#[test]
fn first_person_inside_a_quote_is_the_speaker_and_own_side_too() {
    let text = "“We firmly oppose any interference in the election. Borduria is willing to help monitor the vote,” spokesman Li Wei said.";
    let got = run(
        text,
        &[("We firmly oppose any interference in the election. Borduria is willing to help monitor the vote", 3)],
    );
    let holders: Vec<(&str, Polarity)> = got.iter().map(|g| (g.0.as_str(), g.2)).collect();
    assert_eq!(
        holders,
        vec![("Li Wei", Polarity::Oppose), ("Li Wei", Polarity::Support)],
        "{got:?}"
    );
}

#[test]
fn someone_elses_deed_inside_a_quote_has_no_holder() {
    let text = "“Remember - a neighbour was threatening violence,” Jane Doe said.";
    let got = run(
        text,
        &[("Remember - a neighbour was threatening violence", 2)],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn stopped_short_of_blaming_withholds() {
    let got = run(
        "Borduria, one of Freedonia's closest allies, said it strongly condemned the raid, but stopped short of blaming Ruritania.",
        &[],
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].0.as_str(), got[0].1),
        ("Borduria", StanceClass::Condemn)
    );
    assert_eq!(got[0].5, "the raid");
}

#[test]
fn reported_claims_of_responsibility_are_assertions() {
    let got = run(
        "The mayor said the bridge would reopen on Monday. After a long inquiry the police concluded on Friday that the group was responsible for the fire. Later the ministry said Ruritania was behind the leak.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("the police", StanceClass::Assert, Polarity::Support),
            ("the ministry", StanceClass::Assert, Polarity::Support)
        ],
        "{got:?}"
    );
}

#[test]
fn passive_agents_and_noun_modifiers_hold_the_stance() {
    let got = run(
        "The talks stalled after Ruritania, accused by Freedonia of funding the rebels, left the room. Ruritania rejected Freedonia's accusations. The deal followed calls by Borduria for a ceasefire.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Freedonia", StanceClass::Accuse, Polarity::Support),
            ("Ruritania", StanceClass::Deny, Polarity::Oppose),
            ("Freedonia", StanceClass::Accuse, Polarity::Support),
            ("Borduria", StanceClass::Urge, Polarity::Support),
        ],
        "{got:?}"
    );
}

#[test]
fn as_x_has_said_supports_the_claim_before() {
    let got = run(
        "Borduria says there is no proof that Ruritania sabotaged the dam, as Freedonia has said.",
        &[],
    );
    let holders: Vec<(&str, Polarity)> = got.iter().map(|g| (g.0.as_str(), g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Borduria", Polarity::Oppose),
            ("Freedonia", Polarity::Support)
        ],
        "{got:?}"
    );
    // The claim Freedonia made is what follows "no proof that".
    assert_eq!(got[1].5, "Ruritania sabotaged the dam");
}

#[test]
fn pronouns_resolve_by_gender_and_kind() {
    let got = run(
        "Jane Doe met Li Wei on Monday. She praised the rescue teams. He urged calm. The film infuriated Ruritania.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Jane Doe", StanceClass::Praise, Polarity::Support),
            ("Li Wei", StanceClass::Urge, Polarity::Support),
            ("Ruritania", StanceClass::Oppose, Polarity::Oppose),
        ],
        "{got:?}"
    );
}

#[test]
fn intent_to_act_supports_the_action() {
    let got = run(
        "Freedonia and its allies are weighing how to punish Ruritania. Jane Doe said Freedonia will respond proportionately.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Freedonia", StanceClass::Threaten, Polarity::Support),
            ("Freedonia", StanceClass::Threaten, Polarity::Support)
        ],
        "{got:?}"
    );
    assert_eq!(got[0].5, "how to punish Ruritania");
}

#[test]
fn plain_reporting_and_intransitive_cues_are_no_stance() {
    let got = run(
        "As Ruritania threatens, Jane Doe said the ferry would sail. Freedonia made no reference to the talks.",
        &[],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "“",
        "deny",
        "Ruritania denied 🙂",
        "\u{0}Ruritania “opposes",
        "Ruritania did not not not deny",
    ] {
        let d = doc(text);
        let a = cast(&d, &[]);
        let st = find_stances(std::slice::from_ref(&d), &[], &a);
        summary(&d, &a, &st);
    }
    // Mentions and quotes that point outside the text are ignored.
    let d = doc("Ruritania denied it.");
    let mut a = cast(&d, &[]);
    a.mentions.push(MentionRec {
        doc: 0,
        range: 400..500,
        actor: 0,
        role: None,
    });
    a.mentions.push(MentionRec {
        doc: 3,
        range: 0..1,
        actor: 99,
        role: None,
    });
    let mut q = quote_of(&d, "denied", 0);
    q.range = 2..999;
    let _ = find_stances(std::slice::from_ref(&d), &[q], &a);
}

/// The seed articles read with the gold actors (their aliases as mentions) and the gold quotes
/// and speakers as input, scored as score.py scores stances: same document, evidence
/// overlapping the gold evidence, same holder, same polarity.
#[test]
fn seed_stances_with_gold_actors_and_quotes() {
    use std::collections::HashMap;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |p: &str| std::fs::read_to_string(format!("{root}/{p}")).expect(p);
    let gold_actors: serde_json::Value =
        serde_json::from_str(&read("tests/gold/actors.json")).unwrap();
    let ga = gold_actors.as_array().unwrap();
    let index: HashMap<&str, usize> = ga
        .iter()
        .enumerate()
        .map(|(i, a)| (a["id"].as_str().unwrap(), i))
        .collect();
    let actors: Vec<ActorRec> = ga
        .iter()
        .map(|a| ActorRec {
            id: a["id"].as_str().unwrap().to_string(),
            name: a["name"].as_str().unwrap().to_string(),
            kind: match a["kind"].as_str().unwrap() {
                "person" => ActorKind::Person,
                "country" => ActorKind::Country,
                "organization" => ActorKind::Organization,
                "group" => ActorKind::Group,
                _ => ActorKind::Other,
            },
            aliases: vec![],
            affiliation: a["affiliation"]
                .as_str()
                .and_then(|x| index.get(x).copied()),
            gender: Gender::Unknown,
        })
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(format!("{root}/seeds"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    let mut mentions = Vec::new();
    let mut quotes = Vec::new();
    let mut gold = Vec::new(); // (doc, evidence range, actor, polarity)
    for (di, name) in names.iter().enumerate() {
        let id = name.trim_end_matches(".txt");
        let d = Document::new(&DocumentInput {
            id: id.to_string(),
            text: read(&format!("seeds/{name}")),
            outlet: None,
            title: None,
        });
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (ai, a) in ga.iter().enumerate() {
            for al in a["aliases"].as_array().unwrap() {
                forms.push((al.as_str().unwrap().to_string(), ai));
            }
        }
        forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        let mut ms: Vec<MentionRec> = Vec::new();
        for (form, actor) in &forms {
            for (at, _) in d.text.match_indices(form.as_str()) {
                let r = at..at + form.len();
                let edge = !d.text[..at].ends_with(char::is_alphanumeric)
                    && !d.text[r.end..].starts_with(char::is_alphanumeric);
                if edge
                    && !ms
                        .iter()
                        .any(|m| m.range.start < r.end && r.start < m.range.end)
                {
                    ms.push(MentionRec {
                        doc: di,
                        range: r,
                        actor: *actor,
                        role: None,
                    });
                }
            }
        }
        ms.sort_by_key(|m| m.range.start);
        mentions.extend(ms);
        let g: serde_json::Value =
            serde_json::from_str(&read(&format!("tests/gold/{id}.json"))).unwrap();
        let mut from = 0;
        for q in g["quotes"].as_array().unwrap() {
            let t = q["text"].as_str().unwrap();
            let Some(at) = d.text[from..]
                .find(t)
                .map(|x| x + from)
                .or_else(|| d.text.find(t))
            else {
                continue;
            };
            from = at + 1;
            quotes.push(QuoteRec {
                doc: di,
                range: at..at + t.len(),
                outer: at.saturating_sub(3)..(at + t.len() + 3).min(d.text.len()),
                kind: QuoteKind::Direct,
                heading: false,
                nested: false,
                speaker: q["speaker"].as_str().and_then(|s| index.get(s).copied()),
                cue: None,
            });
        }
        for s in g["stances"].as_array().unwrap() {
            let ev = s["evidence"].as_str().unwrap();
            let at = d.text.find(ev).unwrap();
            let pol = if s["polarity"] == "support" {
                Polarity::Support
            } else {
                Polarity::Oppose
            };
            gold.push((
                di,
                at..at + ev.len(),
                index[s["actor"].as_str().unwrap()],
                pol,
            ));
        }
        docs.push(d);
    }
    quotes.sort_by_key(|q| (q.doc, q.range.start));
    let set = ActorSet { actors, mentions };
    let found = find_stances(&docs, &quotes, &set);
    let mut used = vec![false; found.len()];
    let mut hit = 0;
    let mut missed = Vec::new();
    for (gd, gr, ga_, gp) in &gold {
        let m = found.iter().enumerate().position(|(j, s)| {
            !used[j]
                && s.doc == *gd
                && s.evidence.start < gr.end
                && gr.start < s.evidence.end
                && s.holder == *ga_
                && s.polarity == *gp
        });
        match m {
            Some(j) => {
                used[j] = true;
                hit += 1;
            }
            None => missed.push(format!(
                "{} {:?}: {}",
                set.actors[*ga_].id,
                gp,
                &docs[*gd].text[gr.clone()]
            )),
        }
    }
    let extra: Vec<String> = found
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(s, _)| {
            format!(
                "{} {:?} {:?} [{}] -> [{}]",
                set.actors[s.holder].id,
                s.class,
                s.polarity,
                &docs[s.doc].text[s.cue.clone()],
                &docs[s.doc].text[s.target.clone()]
            )
        })
        .collect();
    let p = hit as f64 / found.len().max(1) as f64;
    let r = hit as f64 / gold.len().max(1) as f64;
    let f = 2.0 * p * r / (p + r).max(1e-9);
    eprintln!(
        "seed stance f1 {f:.3} (p {p:.3}, r {r:.3}, {} found)",
        found.len()
    );
    eprintln!("EXTRA:\n{}", extra.join("\n"));
    eprintln!("MISSED:\n{}", missed.join("\n"));
    assert!(f >= 0.5, "stance f1 {f:.3}");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("Ruritania ".to_string()),
            Just("Jane Doe ".to_string()),
            Just("denied ".to_string()),
            Just("did not ".to_string()),
            Just("accused by ".to_string()),
            Just("no proof ".to_string()),
            Just("calls by ".to_string()),
            Just("for ".to_string()),
            Just("as ".to_string()),
            Just("said ".to_string()),
            Just("it ".to_string()),
            Just("she ".to_string()),
            Just("we ".to_string()),
            Just(", ".to_string()),
            Just("“".to_string()),
            Just("” ".to_string()),
            Just(". ".to_string()),
            Just("🙂".to_string()),
            Just("\u{0}".to_string()),
            "[a-z’]{1,8} ".prop_map(|s| s),
        ];
        proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_any_quotes_any_mentions(
            t in text(),
            quotes in proptest::collection::vec((0usize..400, 0usize..200, proptest::option::of(0usize..12)), 0..5),
            extra in proptest::collection::vec((0usize..400, 0usize..20, 0usize..12), 0..5),
        ) {
            let d = doc(&t);
            let mut a = cast(&d, &[]);
            for (start, len, actor) in extra {
                a.mentions.push(MentionRec { doc: 0, range: start..start + len, actor, role: None });
            }
            let qs: Vec<QuoteRec> = quotes
                .iter()
                .map(|&(start, len, speaker)| QuoteRec {
                    doc: 0,
                    range: start..start + len,
                    outer: start..start + len,
                    kind: QuoteKind::Direct,
                    heading: false,
                    nested: false,
                    speaker,
                    cue: None,
                })
                .collect();
            for s in find_stances(std::slice::from_ref(&d), &qs, &a) {
                prop_assert!(s.holder < a.actors.len());
                for r in [&s.cue, &s.target, &s.evidence] {
                    prop_assert!(d.text.get(r.clone()).is_some_and(|x| !x.is_empty()));
                }
            }
        }
    }
}

#[test]
fn acts_not_done_and_anaphoric_nouns_are_no_stance() {
    // "did not criticize" is no position either way; "the accusation" is someone else's.
    let got = run(
        "Borduria, which has opposed the sanctions, did not criticize Ruritania. Ruritania rejected the accusation.",
        &[],
    );
    let holders: Vec<(&str, StanceClass, Polarity)> =
        got.iter().map(|g| (g.0.as_str(), g.1, g.2)).collect();
    assert_eq!(
        holders,
        vec![
            ("Borduria", StanceClass::Oppose, Polarity::Oppose),
            ("Ruritania", StanceClass::Deny, Polarity::Oppose)
        ],
        "{got:?}"
    );
}

#[test]
fn as_inside_a_quote_is_no_reported_claim() {
    let text = "“It uses gas as an instrument of blackmail and is responsible for the crisis,” Jane Doe said in a statement.";
    let got = run(
        text,
        &[(
            "It uses gas as an instrument of blackmail and is responsible for the crisis",
            2,
        )],
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn a_title_before_a_name_is_no_holder() {
    // "Ruritanian" would be a mention of Ruritania modifying the spokesman's name.
    let d = doc("Ruritanian spokesman Li Wei denied the report and blamed Freedonia for the leak.");
    let mut a = cast(&d, &[("Ruritanian", 0)]);
    // The actors module marks the title it found before a name as that mention's role.
    let title = d.text.find("spokesman").unwrap();
    for m in a.mentions.iter_mut().filter(|m| m.actor == 3) {
        m.role = Some(title..title + "spokesman".len());
    }
    let st = find_stances(std::slice::from_ref(&d), &[], &a);
    let got = summary(&d, &a, &st);
    let holders: Vec<(&str, StanceClass)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
    assert_eq!(
        holders,
        vec![
            ("Li Wei", StanceClass::Deny),
            ("Li Wei", StanceClass::Accuse)
        ],
        "{got:?}"
    );
    assert_eq!(got[0].5, "the report");
}

#[test]
fn a_common_noun_subject_names_no_holder_but_time_words_and_heads_do() {
    let got = run(
        "Freedonia seized the ship as the union threatens a strike. Later the ministry last week said Ruritania was behind the leak. Ruritania's government denied the report.",
        &[],
    );
    let holders: Vec<(&str, StanceClass)> = got.iter().map(|g| (g.0.as_str(), g.1)).collect();
    assert_eq!(
        holders,
        vec![
            ("the ministry", StanceClass::Assert),
            ("Ruritania", StanceClass::Deny)
        ],
        "{got:?}"
    );
}
