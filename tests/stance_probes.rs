//! Stances end to end on short news stories written for these probes (a trade dispute, a UK
//! politics row, a corporate lawsuit, a sports-governance scandal; `tests/stances_stories/`):
//! holder, class, polarity, negation, cue and target of the stances that must be found, and the
//! sentences that must give none ("declined to comment", "stopped short of blaming", an act not
//! done, a compound such as "opposition parties", a third party's reported stance).

mod common;

use whosaid::analysis::{Analysis, Stance};

fn analyse(name: &str) -> Analysis {
    common::analyse_story("stances_stories", name)
}

/// The holder's display name, lowercased.
fn holder(a: &Analysis, s: &Stance) -> String {
    a.actors
        .iter()
        .find(|x| x.id == s.holder)
        .map_or_else(|| s.holder.clone(), |x| x.name.to_lowercase())
}

/// Checks every row of `table`, one expected stance a line, fields split by " | ": a part of
/// its sentence, its cue, a part of its holder's name, class, polarity, "negated" or "-", and
/// how its target starts.
fn expect(a: &Analysis, table: &str) {
    let all: Vec<String> = a
        .stances
        .iter()
        .map(|s| {
            format!(
                "{}: {} {:?} {:?}",
                holder(a, s),
                s.cue.text,
                s.class,
                s.target.text
            )
        })
        .collect();
    for row in table.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = row.split(" | ").collect();
        let [sentence, cue, who, class, polarity, negated, target] = f[..] else {
            panic!("bad row {row:?}");
        };
        let s = a
            .stances
            .iter()
            .find(|s| {
                s.evidence.text.contains(sentence)
                    && s.cue.text == cue
                    && holder(a, s).contains(&who.to_lowercase())
            })
            .unwrap_or_else(|| panic!("missing: {row:?}; stances: {all:#?}"));
        let got = (s.class.as_str(), s.polarity.as_str(), s.negated);
        assert_eq!(got, (class, polarity, negated == "negated"), "{row:?}");
        assert!(
            s.target.text.starts_with(target),
            "{row:?}: target {:?}",
            s.target.text
        );
    }
}

/// No stance in the sentence holding `sentence` whose holder's name holds `who` and whose cue
/// holds `cue` (either empty: any).
fn expect_none(a: &Analysis, sentence: &str, who: &str, cue: &str) {
    let bad: Vec<(String, &str)> = a
        .stances
        .iter()
        .filter(|s| s.evidence.text.contains(sentence) && s.cue.text.contains(cue))
        .map(|s| (holder(a, s), s.cue.text.as_str()))
        .filter(|(h, _)| h.contains(&who.to_lowercase()))
        .collect();
    assert!(bad.is_empty(), "{sentence:?}: unexpected {bad:?}");
}

#[test]
fn trade_dispute() {
    let a = analyse("trade_dispute");
    expect(
        &a,
        "
        Canada on Tuesday condemned | condemned | Canada | condemn | oppose | - | a U.S. plan
        his government rejected | rejected | Carney | deny | oppose | - | the claim that
        Dominic LeBlanc accused | accused | LeBlanc | accuse | support | - | Washington of breaking
        He also denied that Ottawa | denied | LeBlanc | deny | oppose | - | that Ottawa had
        there was no evidence that | no evidence | Lutnick | doubt | oppose | - | that the tariffs
        but he defended them | defended | Lutnick | support | support | - | them
        Lutnick had privately questioned | questioned | Lutnick | doubt | oppose | - | the tariffs
        Mexico welcomed the talks | welcomed | Mexico | support | support | - | the talks
        urged both sides | urged | Mexico | urge | support | - | both sides to avoid
        Doug Ford threatened | threatened | Ford | threaten | oppose | - | to cut electricity
        praised Canada's restraint | praised | European Union | praise | support | - | Canada's
        called for a negotiated | called for | European Union | urge | support | - | a negotiated
        LeBlanc refused to rule out | refused to rule out | LeBlanc | threaten | support | - | retaliatory tariffs
        Economists cast doubt on | cast doubt on | economists | doubt | oppose | - | the administration's
        We will respond in kind | defend | Carney | support | support | - | our workers
        was criticised by Japan | criticised | Japan | condemn | oppose | - | The retaliation plan
        ",
    );
    // An act not done, a blame withheld, a comment declined: no stance.
    expect_none(&a, "Lutnick did not deny", "", "deny");
    expect_none(&a, "stopped short of blaming", "ford", "blam");
    expect_none(&a, "declined to comment", "", "");
    expect_none(&a, "refused to comment", "", "");
    // Carney reports Lutnick's doubt: it is not Carney's.
    expect_none(&a, "Lutnick had privately questioned", "carney", "");
}

#[test]
fn uk_politics_row() {
    let a = analyse("uk_row");
    // "no longer" negates what it stands before, through "longer".
    expect(
        &a,
        "
        Keir Starmer has defended | defended | Starmer | support | support | - | his government's decision
        Kemi Badenoch slammed | slammed | Badenoch | condemn | oppose | - | the cut
        called on the government | called on | Badenoch | urge | support | - | the government to reverse
        She accused Starmer | accused | Badenoch | accuse | support | - | Starmer of breaking
        she could no longer support | support | Graham | support | oppose | negated | Labour
        Graham also criticized | criticized | Graham | condemn | oppose | - | Chancellor Rachel Reeves
        Reeves rejected the union's | rejected | Reeves | deny | oppose | - | the union's demands
        Gordon Brown backed | backed | Brown | support | support | - | the Chancellor
        praised the Chancellor | praised | Streeting | praise | support | - | the Chancellor for her courage
        The Green Party denounced | denounced | Green Party | condemn | oppose | - | the policy
        vowed to force a vote | vowed to | Green Party | threaten | support | - | vowed to force a vote
        Reeves thanked | thanked | Reeves | praise | support | - | the Office for Budget
        ",
    );
    // "opposition parties" is a compound, and "a promise" a noun: no stance of Starmer's.
    expect_none(&a, "opposition parties lined up", "starmer", "opposition");
    expect_none(&a, "breaking a promise to pensioners", "", "promise");
    expect_none(&a, "would not comment", "", "");
}

#[test]
fn corporate_lawsuit() {
    let a = analyse("lawsuit");
    expect(
        &a,
        "
        Orion Motors denied the allegations | denied | Orion | deny | oppose | - | the allegations
        vowed to fight the case | vowed to | Orion | threaten | support | - | vowed to fight
        Priya Nair blamed Orion | blamed | Nair | accuse | support | - | Orion for the collapse
        He also denied that his engineers | denied | Brooks | deny | oppose | - | that his engineers
        Legal experts expressed doubt | doubt | experts | doubt | oppose | - | that Voltaro could
        Investors welcomed | welcomed | investors | support | support | - | Orion's decision
        Nair threatened to seek | threatened | Nair | threaten | oppose | - | to seek an injunction
        questioned the timing | questioned | analysts | doubt | oppose | - | the timing of the lawsuit
        Orion has denied any wrongdoing | denied | Orion | deny | oppose | - | any wrongdoing
        Nair hit out at | hit out at | Nair | condemn | oppose | - | Orion's lawyers
        ",
    );
    expect_none(&a, "Brooks did not deny meeting", "", "deny");
    expect_none(&a, "declined to comment", "", "");
    // "called the lawsuit ..." characterises; "call" is a stance only negated.
    expect_none(&a, "called the lawsuit", "", "call");
}

#[test]
fn sports_governance_scandal() {
    let a = analyse("sports_scandal");
    // "no doubt" is a negated doubt; "no plans to" negates the act planned.
    expect(
        &a,
        "
        Federation condemned the decision | condemned | Federation | condemn | oppose | - | the decision
        She criticised the governing body | criticised | Klaveness | condemn | oppose | - | the governing body
        Infantino dismissed the criticism | dismissed | Infantino | deny | oppose | - | the criticism
        He praised Saudi Arabia | praised | Infantino | praise | support | - | Saudi Arabia for
        had no doubt the tournament | doubt | Infantino | doubt | support | negated | the tournament would
        Amnesty International accused | accused | Amnesty | accuse | support | - | FIFA of turning
        Ceferin backed the Norwegian call | backed | Ceferin | support | support | - | the Norwegian call
        Saudi Arabia denied that | denied | Saudi Arabia | deny | oppose | - | that any workers
        it had no plans to boycott | boycott | English Football Association | oppose | support | negated | the tournament
        Human Rights Watch questioned | questioned | Human Rights Watch | doubt | oppose | - | the credibility
        Klaveness also urged | urged | Klaveness | urge | support | - | national associations
        Infantino congratulated | congratulated | Infantino | praise | support | - | Saudi Arabia on
        Klaveness expressed concern | concern over | Klaveness | doubt | oppose | - | the treatment
        ",
    );
    expect_none(&a, "stopped short of criticising", "ceferin", "criticis");
    expect_none(&a, "would not comment", "", "");
}
