//! More house styles than the seeds: New York Times courtesy titles, BBC single quotes and
//! "told the BBC", a Reuters wire story ("said in a statement", interrupted quotes, pronouns)
//! and AP multi-paragraph quotes. Each story is written for these tests; each assertion names
//! who said a quote (or that a quote's speaker is not someone it is easy to confuse them with).

mod common;

use common::{assert_said, quote, speaker_of};
use whosaid::analysis::{ActorKind, Analysis, QuoteKind};

fn analyse(name: &str) -> Analysis {
    common::analyse_story("stories", name)
}

fn assert_not_said(a: &Analysis, opening: &str, surname: &str) {
    let got = speaker_of(a, opening);
    assert!(
        !got.as_deref().is_some_and(|n| n.contains(surname)),
        "{opening:?}: not {surname}, got {got:?}"
    );
}

/// True when some actor's canonical name is exactly `name`.
fn has_actor(a: &Analysis, name: &str) -> bool {
    a.actors.iter().any(|x| x.name == name)
}

#[test]
fn nyt_courtesy_titles_and_appositions() {
    let a = analyse("nyt_style");
    assert_said(&a, "The jury saw through the spin", "Alvarez");
    assert_said(&a, "They understood that", "Alvarez");
    // "Martin Kessler, who testified for two days, had insisted that … “…”"
    assert_said(&a, "genuinely encouraging", "Kessler");
    assert!(has_actor(&a, "Martin Kessler"), "{:#?}", a.actors);
    assert_said(&a, "We disagree with the verdict", "Kessler");
    assert_said(&a, "Halvorsen has always been honest", "Kessler");
    // "she said" after "Ms. Alvarez said …": the last woman named.
    assert_said(&a, "This is about accountability", "Alvarez");
    assert_said(&a, "Nobody is above the rules", "Alvarez");
    assert_said(&a, "careful and serious work", "Whitfield");
    assert_said(&a, "Juries are increasingly skeptical", "Pryce");
    assert_said(&a, "That is a big change", "Pryce");
    assert_said(&a, "We are confident that the appeals court", "Okafor");
    assert_said(&a, "the most important thing", "Kessler");
    assert_eq!(quote(&a, "genuinely encouraging").kind, QuoteKind::Partial);
    assert_eq!(quote(&a, "We disagree").kind, QuoteKind::Direct);
}

#[test]
fn bbc_single_quotes_and_told_the_bbc() {
    let a = analyse("bbc_style");
    // A headline's "Name: ‘…’" and a body's "Mr Blakeley was blunt: ‘…’" have no verb of saying.
    assert_said(&a, "We will not be bullied", "Pemberton");
    assert_said(&a, "It will never be met", "Blakeley");
    // The attribution follows an apposition ending in an organisation's name.
    assert_said(&a, "Every council says", "Sarah Lennox");
    assert!(!a
        .actors
        .iter()
        .any(|x| x.kind == ActorKind::Person && x.name.contains("Federation")));
    assert_said(&a, "ambitious but achievable", "Pemberton");
    assert_said(&a, "We are not going to be bullied", "Pemberton");
    assert_said(&a, "People are desperate", "Pemberton");
    assert_said(&a, "Yes, it will", "Pemberton");
    assert_said(&a, "concreting over the countryside", "Blakeley");
    assert_said(&a, "This is a top-down target", "Blakeley");
    assert_said(&a, "Where are the schools", "Blakeley");
    assert_said(&a, "You cannot build houses", "Holloway");
    assert_said(&a, "Any government that takes housing", "Natarajan");
    assert_said(&a, "But targets alone", "Natarajan");
    // "don't" and "anyone's" are apostrophes, not quote marks.
    assert!(quote(&a, "We are not going")
        .text
        .contains("in their areas"));
    assert!(quote(&a, "But targets alone")
        .text
        .contains("anyone's head"));
}

#[test]
fn wire_statements_pronouns_and_interrupted_quotes() {
    let a = analyse("wire_style");
    assert_said(&a, "The company has not moved", "Mendoza");
    assert_said(&a, "We are ready to stay out", "Mendoza");
    // "BHP said in a statement that it had presented “…”": the statement is no speaker, and
    // nobody else said it.
    assert_not_said(&a, "a fair and competitive offer", "Mendoza");
    // BHP, an acronym no list knows, speaks: it is an organisation, and the phrase it said is
    // its own. "the ministry" that speaks next is a public body, not that company.
    assert_said(&a, "a fair and competitive offer", "BHP");
    assert_not_said(&a, "We call on both parties", "BHP");
    // “We are,” Mining Minister Rodrigo Fuentes said, “prepared to mediate …”
    assert_said(&a, "We are,", "Fuentes");
    assert_said(&a, "prepared to mediate", "Fuentes");
    assert_said(&a, "The market is pricing", "Zhou");
    assert_said(&a, "If this drags on", "Zhou");
    assert_said(&a, "we could see supply shortfalls", "Zhou");
    // "A BHP spokesman … said": an unnamed spokesman is not the last person named.
    assert_not_said(&a, "will not negotiate through the media", "Zhou");
    assert_said(&a, "Nobody wants a long strike", "Mendoza");
    assert_said(&a, "but nobody is going to accept crumbs", "Mendoza");
    assert_said(&a, "deeply concerned", "Fuentes");
    assert_said(&a, "Copper is the backbone", "Fuentes");
}

#[test]
fn ap_multi_paragraph_quotes_and_role_words_before_names() {
    let a = analyse("ap_multipara");
    assert_said(&a, "We had maybe 10 minutes", "Castillo");
    // The quote left open at its paragraph's end, and the paragraph that continues it.
    assert_said(&a, "You could see the glow", "Castillo");
    assert_said(&a, "I didn't even lock the door", "Castillo");
    assert!(quote(&a, "I didn't even lock")
        .text
        .ends_with("I just drove."));
    assert_said(&a, "extreme fire behavior", "Reyes");
    assert_said(&a, "The wind is our biggest enemy", "Reyes");
    assert_said(&a, "But we need people to leave", "Reyes");
    assert_said(&a, "a threat to lives", "Marsh");
    assert_said(&a, "To everyone who has been forced", "Marsh");
    assert_said(&a, "Some folks didn't want to go", "Brennan");
    assert_said(&a, "This is the kind of setup", "Lindqvist");
    // "said Red Cross volunteer Janet Obi.": the person, not the body before the role word,
    // and without the full stop.
    assert_said(&a, "People are scared", "Janet Obi");
    assert_said(&a, "That's what this town does", "Janet Obi");
    assert!(has_actor(&a, "Janet Obi"), "{:#?}", a.actors);
    assert_said(&a, "We'll rebuild", "Bill Carver");
}
