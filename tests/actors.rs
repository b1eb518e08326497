//! Actors end to end: the seed articles, and stories of other countries and people.

use std::collections::HashSet;

use whosaid::actors::{extract_actors, extract_actors_with, ActorSet, Gender, UserActor};
use whosaid::analysis::{ActorKind, DocumentInput};
use whosaid::text::Document;

fn docs_of(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Document::new(&DocumentInput {
                id: format!("d{i}"),
                text: t.to_string(),
                outlet: None,
                title: None,
            })
        })
        .collect()
}

fn seeds() -> Vec<Document> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed text");
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            Document::new(&DocumentInput {
                id,
                text,
                outlet: None,
                title: None,
            })
        })
        .collect()
}

/// The actor that the mention with exactly this text (in any document) belongs to.
fn actor_of<'a>(
    set: &'a ActorSet,
    docs: &[Document],
    text: &str,
) -> Option<&'a whosaid::actors::ActorRec> {
    set.mentions
        .iter()
        .find(|m| docs[m.doc].text.get(m.range.clone()) == Some(text))
        .map(|m| &set.actors[m.actor])
}

fn id_of(set: &ActorSet, docs: &[Document], text: &str) -> String {
    actor_of(set, docs, text)
        .map(|a| a.id.clone())
        .unwrap_or_else(|| panic!("no mention {text:?}"))
}

fn affiliation_of(set: &ActorSet, id: &str) -> Option<String> {
    let a = set.actors.iter().find(|a| a.id == id)?;
    a.affiliation.map(|i| set.actors[i].id.clone())
}

fn check_invariants(set: &ActorSet, docs: &[Document]) {
    let mut ids = HashSet::new();
    for a in &set.actors {
        assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
        assert!(
            a.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "bad id {}",
            a.id
        );
        assert!(a.affiliation.is_none_or(|x| x < set.actors.len()));
    }
    let mut last: Option<(usize, usize)> = None;
    for m in &set.mentions {
        assert!(m.actor < set.actors.len());
        assert!(
            docs[m.doc].text.get(m.range.clone()).is_some(),
            "range off char boundary"
        );
        if let Some((d, end)) = last {
            assert!(
                d < m.doc || end <= m.range.start,
                "mentions overlap or are out of order"
            );
        }
        last = Some((m.doc, m.range.end));
        if let Some(r) = &m.role {
            assert!(docs[m.doc].text.get(r.clone()).is_some());
        }
    }
}

#[test]
fn seeds_merge_aliases_across_documents() {
    let docs = seeds();
    assert_eq!(docs.len(), 5);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let nk = id_of(&set, &docs, "North Korea");
    assert_eq!(nk, "north-korea");
    for alias in [
        "Nth Korea",
        "Nokor",
        "DPRK",
        "Democratic People's Republic of Korea",
        "Pyongyang",
        "North Korean",
        "the North",
        "North Korea’s",
    ] {
        assert_eq!(id_of(&set, &docs, alias), nk, "{alias}");
    }
    let obama = id_of(&set, &docs, "Barack Obama");
    assert_eq!(id_of(&set, &docs, "Obama"), obama);
    assert_eq!(
        id_of(&set, &docs, "U.S."),
        id_of(&set, &docs, "United States")
    );
    assert_eq!(
        id_of(&set, &docs, "Washington"),
        id_of(&set, &docs, "United States")
    );
    assert_eq!(id_of(&set, &docs, "Beijing"), id_of(&set, &docs, "China"));
    assert_eq!(
        id_of(&set, &docs, "Zuo"),
        id_of(&set, &docs, "Zuo Xiaodong")
    );
    assert_eq!(
        id_of(&set, &docs, "Rogers"),
        id_of(&set, &docs, "Mike Rogers")
    );
    assert_eq!(
        id_of(&set, &docs, "KHNP"),
        id_of(&set, &docs, "Korea Hydro and Nuclear Power Co")
    );
    assert_eq!(
        id_of(&set, &docs, "FBI"),
        id_of(&set, &docs, "Federal Bureau Investigation")
    );
    assert_eq!(
        id_of(&set, &docs, "Sony"),
        id_of(&set, &docs, "Sony Pictures")
    );
    assert_eq!(
        id_of(&set, &docs, "The South"),
        id_of(&set, &docs, "South Korea")
    );
    assert_ne!(
        id_of(&set, &docs, "Kim Song"),
        id_of(&set, &docs, "Kim Jong Un")
    );
    assert_eq!(
        id_of(&set, &docs, "Sony hackers"),
        id_of(&set, &docs, "hackers")
    );
    assert_ne!(
        id_of(&set, &docs, "US media"),
        id_of(&set, &docs, "United States")
    );
}

#[test]
fn seeds_roles_gender_and_affiliations() {
    let docs = seeds();
    let set = extract_actors(&docs);
    let hua = actor_of(&set, &docs, "Hua Chunying").expect("Hua");
    assert_eq!(hua.gender, Gender::Female);
    assert_eq!(hua.kind, ActorKind::Person);
    let ministry = affiliation_of(&set, "hua-chunying").expect("Hua speaks for a body");
    assert_eq!(affiliation_of(&set, &ministry).as_deref(), Some("china"));
    let m = set
        .mentions
        .iter()
        .find(|m| docs[m.doc].text.get(m.range.clone()) == Some("Hua Chunying") && m.role.is_some())
        .expect("a titled mention");
    let role = docs[m.doc]
        .text
        .get(m.role.clone().unwrap())
        .unwrap()
        .to_lowercase();
    assert_eq!(role, "foreign ministry spokeswoman");
    let chung = set
        .mentions
        .iter()
        .find(|m| docs[m.doc].text.get(m.range.clone()) == Some("Chung Yang-ho"))
        .expect("Chung");
    assert_eq!(
        docs[chung.doc].text.get(chung.role.clone().unwrap()),
        Some("deputy energy minister")
    );
    assert_eq!(
        affiliation_of(&set, "chung-yang-ho").as_deref(),
        Some("south-korea")
    );
    assert_eq!(
        affiliation_of(&set, "john-kerry").as_deref(),
        Some("united-states")
    );
    assert_eq!(
        affiliation_of(&set, "yoshihide-suga").as_deref(),
        Some("japan")
    );
    assert_eq!(
        affiliation_of(&set, "kim-song").as_deref(),
        Some("north-korea")
    );
    assert_eq!(
        affiliation_of(&set, "federal-bureau-of-investigation").as_deref(),
        Some("united-states")
    );
    assert_eq!(
        affiliation_of(&set, "korean-central-news-agency").as_deref(),
        Some("north-korea")
    );
    let wang = affiliation_of(&set, "wang-yi").expect("Wang Yi speaks for someone");
    assert!(
        wang == "china" || affiliation_of(&set, &wang).as_deref() == Some("china"),
        "{wang}"
    );
}

#[test]
fn seeds_have_no_furniture_dates_or_sentence_words_as_actors() {
    let docs = seeds();
    let set = extract_actors(&docs);
    let bad = [
        "Monday",
        "Sunday",
        "Friday",
        "December",
        "October",
        "Add",
        "Comment",
        "Print",
        "Mail",
        "Large",
        "Medium",
        "Small",
        "Follow",
        "Twitter",
        "Updated",
        "The",
        "But",
        "He",
        "She",
        "Remember",
        "Sort",
        "Jonathan Ernst",
        "David Goldman",
        "ZHANG YUNBI",
        "SYMMETRIC COUNTERACTION",
        "Hawaii",
        "Atlanta",
    ];
    for a in &set.actors {
        for alias in &a.aliases {
            assert!(
                !bad.contains(&alias.as_str()),
                "{alias} is an alias of {}",
                a.id
            );
        }
    }
    // The photo credit "(David Goldman / Associated Press)" is not a mention of the agency.
    let d4 = docs.iter().position(|d| d.id.starts_with("004")).unwrap();
    let credit = docs[d4].text.find("(David Goldman").unwrap();
    let credit_end = credit + docs[d4].text[credit..].find(')').unwrap();
    assert!(!set
        .mentions
        .iter()
        .any(|m| m.doc == d4 && m.range.start > credit && m.range.start < credit_end));
    // The dateline "BEIJING, China –" is no mention.
    let d3 = docs.iter().position(|d| d.id.starts_with("003")).unwrap();
    let dl = docs[d3].text.find("BEIJING, China").unwrap();
    assert!(!set
        .mentions
        .iter()
        .any(|m| m.doc == d3 && m.range.start >= dl && m.range.start < dl + 16));
}

const RUSSIA: &str = "Kremlin says talks with Kyiv stalled\n\n\
MOSCOW (Reuters) - The Kremlin said on Tuesday that peace talks with Ukraine had stalled, as Moscow accused Kyiv of shelling a border town.\n\n\
Kremlin spokesman Dmitry Peskov told reporters that Russia saw no progress. \"There is no movement,\" Peskov said.\n\n\
Ukrainian Foreign Minister Dmytro Kuleba, speaking in Kyiv, said Moscow was not serious. Mr. Putin has not commented.\n\n\
Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing last month. Beijing has backed Moscow. Analysts said Putin wants leverage before winter.\n\n\
The Washington Post reported that Washington was weighing new sanctions. NATO Secretary-General Jens Stoltenberg, a former Norwegian prime minister, urged unity.";

const BRAZIL: &str = "Lula vows to protect the Amazon\n\n\
BRASILIA, Brazil – Brazilian President Luiz Inácio Lula da Silva said on Monday his government would end illegal deforestation. \
Lula spoke after meeting Environment Minister Marina Silva, who said the ministry had doubled inspections.\n\n\
Critics said Brazil could not pay for the plan. Former president Jair Bolsonaro, who lost the election, said the policy would hurt farmers. \
Bolsonaro told supporters in Rio de Janeiro that he would fight it.\n\n\
Petrobras, the state oil company Petróleo Brasileiro SA, declined to comment. George Washington University researchers said deforestation fell 30%.";

#[test]
fn other_countries_and_people() {
    let docs = docs_of(&[RUSSIA, BRAZIL]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let ru = id_of(&set, &docs, "Russia");
    assert_eq!(ru, "russia");
    assert_eq!(id_of(&set, &docs, "Kremlin"), ru);
    assert_eq!(id_of(&set, &docs, "Moscow"), ru);
    assert_eq!(id_of(&set, &docs, "Russian"), ru);
    let ua = id_of(&set, &docs, "Ukraine");
    assert_eq!(id_of(&set, &docs, "Kyiv"), ua);
    assert_eq!(id_of(&set, &docs, "Ukrainian"), ua);
    assert_eq!(
        id_of(&set, &docs, "Peskov"),
        id_of(&set, &docs, "Dmitry Peskov")
    );
    assert_eq!(
        affiliation_of(&set, "dmitry-peskov").as_deref(),
        Some("russia")
    );
    assert_eq!(
        actor_of(&set, &docs, "Dmitry Peskov").unwrap().gender,
        Gender::Male
    );
    assert_eq!(id_of(&set, &docs, "Putin"), "vladimir-putin");
    assert_eq!(
        affiliation_of(&set, "vladimir-putin").as_deref(),
        Some("russia")
    );
    assert_eq!(
        affiliation_of(&set, "dmytro-kuleba").as_deref(),
        Some("ukraine")
    );
    assert_eq!(affiliation_of(&set, "xi-jinping").as_deref(), Some("china"));
    assert_eq!(id_of(&set, &docs, "Beijing"), "china");
    assert_eq!(id_of(&set, &docs, "The Washington Post"), "washington-post");
    assert_eq!(id_of(&set, &docs, "Washington"), "united-states");
    assert_eq!(id_of(&set, &docs, "Jens Stoltenberg"), "jens-stoltenberg");
    assert_eq!(
        id_of(&set, &docs, "NATO"),
        "north-atlantic-treaty-organization"
    );
    assert_eq!(
        actor_of(&set, &docs, "Analysts").unwrap().kind,
        ActorKind::Group
    );
    // "Kyiv" after "in" is the place: no mention there, but the sentence still names Kuleba.
    let d0 = &docs[0].text;
    let place = d0.find("speaking in Kyiv").unwrap() + "speaking in ".len();
    assert!(!set
        .mentions
        .iter()
        .any(|m| m.doc == 0 && m.range.start == place));

    let br = id_of(&set, &docs, "Brazil");
    assert_eq!(id_of(&set, &docs, "Brazilian"), br);
    let lula = id_of(&set, &docs, "Luiz Inácio Lula da Silva");
    assert_eq!(id_of(&set, &docs, "Lula"), lula);
    assert_eq!(affiliation_of(&set, &lula).as_deref(), Some("brazil"));
    assert_eq!(
        id_of(&set, &docs, "Bolsonaro"),
        id_of(&set, &docs, "Jair Bolsonaro")
    );
    assert_ne!(id_of(&set, &docs, "Marina Silva"), lula);
    assert_eq!(
        actor_of(&set, &docs, "Critics").unwrap().kind,
        ActorKind::Group
    );
    // Not the capital used as a government: a university named after a person.
    assert_eq!(
        id_of(&set, &docs, "George Washington University"),
        "george-washington-university"
    );
    assert_eq!(
        actor_of(&set, &docs, "Petróleo Brasileiro SA")
            .unwrap()
            .kind,
        ActorKind::Organization
    );
}

/// A family name that is also a month: a name after a given name and alone where the story has
/// the person, a date where a number or a date word stands beside it.
const BRITAIN: &str = "LONDON (Reuters) - British Prime Minister Theresa May said on Tuesday that \
talks would resume in May. \"We will not be blackmailed,\" May told parliament.\n\n\
Labour leader Jeremy Corbyn said the talks begin on 3 May. Officials expect a deal by May 30.";

#[test]
fn a_surname_that_is_also_a_month() {
    let docs = docs_of(&[BRITAIN]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let may = id_of(&set, &docs, "Theresa May");
    assert_eq!(may, "theresa-may");
    assert_eq!(
        affiliation_of(&set, &may).as_deref(),
        Some("united-kingdom")
    );
    let text = &docs[0].text;
    let mentions_at = |at: usize| set.mentions.iter().filter(move |m| m.range.start == at);
    let told = text.find("May told").unwrap();
    assert!(mentions_at(told).any(|m| set.actors[m.actor].id == may));
    for date in ["in May.", "3 May", "May 30"] {
        let at = text.find(date).unwrap() + date.find("May").unwrap();
        assert_eq!(mentions_at(at).count(), 0, "{date} is a date");
    }
}

/// Titles in apposition before the name, and the titles of parliaments, business and sport.
#[test]
fn titles_before_a_comma_and_beyond_government() {
    let text = "The Prime Minister, Boris Johnson, told MPs he would stay. \
        Conservative MP Tobias Ellwood said he could no longer support him. \
        Later the Labour leader, Keir Starmer, spoke. \
        Chelsea manager Mauricio Pochettino and JPMorgan economist Michael Feroli were asked. \
        The governor, New Jersey voters say, is unpopular. \
        Drugmaker BioNTech SE said it agreed.";
    let docs = docs_of(&[text]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    for (mention, id) in [
        ("Boris Johnson", "boris-johnson"),
        ("Tobias Ellwood", "tobias-ellwood"),
        ("Keir Starmer", "keir-starmer"),
        ("Mauricio Pochettino", "mauricio-pochettino"),
        ("Michael Feroli", "michael-feroli"),
        ("BioNTech SE", "biontech-se"),
    ] {
        assert_eq!(id_of(&set, &docs, mention), id, "{mention}");
        let a = set.actors.iter().find(|a| a.id == id).unwrap();
        let kind = if id == "biontech-se" {
            ActorKind::Organization
        } else {
            ActorKind::Person
        };
        assert_eq!(a.kind, kind, "{mention}");
    }
    // A comma after a title followed by words that go on is a clause, not a name.
    assert!(
        actor_of(&set, &docs, "New Jersey").is_none_or(|a| a.kind != ActorKind::Person),
        "New Jersey is not a person"
    );
}

/// A full name with nothing else to go on is a person once its surname speaks on its own.
#[test]
fn a_full_name_confirmed_by_its_surname() {
    let text = "Taylor Swift postponed her concerts on Friday. \
        Swift said on Instagram that she was heartbroken. \
        Manchester United beat Leeds. United won again on Sunday.";
    let docs = docs_of(&[text]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let swift = id_of(&set, &docs, "Taylor Swift");
    assert_eq!(swift, "taylor-swift");
    assert_eq!(id_of(&set, &docs, "Swift"), swift);
    // "United" never speaks: the club is not made a person of.
    assert!(set
        .actors
        .iter()
        .all(|a| !(a.kind == ActorKind::Person && a.name.contains("United"))));
}

/// An organisation no list knows, found by speaking of itself as "it", and the people whose
/// roles name it.
#[test]
fn an_organisation_known_by_what_it_says() {
    let text = "The European Union fined Alphabet Inc's Google on Wednesday. \
        Google said it would appeal. \
        \"Android has created more choice,\" Google spokesman Al Verney said. \
        Sundar Pichai, Google's chief executive, wrote a blog post. \
        Margrethe Vestager spoke first. Vestager said it was a clear case. \
        FIFA said the rules applied to all.";
    let docs = docs_of(&[text]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let google = id_of(&set, &docs, "Google");
    assert_eq!(google, "google");
    let a = set.actors.iter().find(|a| a.id == google).unwrap();
    assert_eq!(a.kind, ActorKind::Organization);
    for person in ["al-verney", "sundar-pichai"] {
        assert_eq!(
            affiliation_of(&set, person).as_deref(),
            Some("google"),
            "{person}"
        );
    }
    let fifa = actor_of(&set, &docs, "FIFA").expect("FIFA is an actor");
    assert_eq!(fifa.kind, ActorKind::Organization);
    // A surname that "said it" is still the person named in full before.
    assert_eq!(id_of(&set, &docs, "Vestager"), "margrethe-vestager");
    assert!(set
        .actors
        .iter()
        .all(|a| a.kind != ActorKind::Organization || a.name != "Vestager"));
}

/// Names of more than two words, shortened to their last two ("López Obrador"), and a person's
/// dotted initials ("J.K. Rowling").
#[test]
fn compound_surnames_and_initials() {
    let text = "Mexican President Andrés Manuel López Obrador said he would not attend. \
        López Obrador told reporters he had other priorities. \
        Author J.K. Rowling criticised the plan. Rowling said it was shameful. \
        U.S. President Joe Biden did not comment.";
    let docs = docs_of(&[text]);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
    let amlo = id_of(&set, &docs, "Andrés Manuel López Obrador");
    assert_eq!(id_of(&set, &docs, "López Obrador"), amlo);
    assert_eq!(id_of(&set, &docs, "J.K. Rowling"), "j-k-rowling");
    assert_eq!(id_of(&set, &docs, "Rowling"), "j-k-rowling");
    // Dotted capitals that are a known name stay that name, not a person's initials.
    assert_eq!(id_of(&set, &docs, "U.S."), "united-states");
    assert_eq!(id_of(&set, &docs, "Joe Biden"), "joe-biden");
}

#[test]
fn user_gazetteer_adds_and_overrides() {
    let docs = docs_of(&[
        "The Acme Widget Guild said prices would rise. AWG members agreed. Globex disagreed.",
    ]);
    let user: Vec<UserActor> = serde_json::from_str(
        r#"[{"name": "Acme Widget Guild", "kind": "organization", "aliases": ["AWG"], "affiliation": "Brazil"},
            {"name": "Globex", "kind": "organization"}]"#,
    )
    .expect("user gazetteer parses");
    let set = extract_actors_with(&docs, &user);
    check_invariants(&set, &docs);
    let guild = id_of(&set, &docs, "Acme Widget Guild");
    assert_eq!(guild, "acme-widget-guild");
    assert_eq!(id_of(&set, &docs, "AWG"), guild);
    assert_eq!(affiliation_of(&set, &guild).as_deref(), Some("brazil"));
    assert_eq!(id_of(&set, &docs, "Globex"), "globex");
    // Without the user gazetteer nothing is known of them.
    let plain = extract_actors(&docs);
    assert!(actor_of(&plain, &docs, "Globex").is_none());
}

#[test]
fn odd_inputs_never_panic_and_keep_invariants() {
    let texts = [
        "",
        "\u{0}\u{0}",
        "’s 's ' ’",
        "😀 President 😀 Obama said. “Kim” (KHNP)",
        "U.S. U.N. U. S. A.B.C. ((( ))) / / /",
        "President",
        "the North",
        "Foreign Ministry spokeswoman",
        "مرحبا North Korea שלום Pyongyang",
        "Mr. Mrs. Ms. Dr.",
        "Chung Yang-ho, deputy energy minister",
        "Nth Korea’s\u{301} Kim-",
        "Élan Ürban Ôrder Co said. ÉÜÔ agreed. Ärger Ömer Ünal Ltd (ÄÖÜ) and ÄÖÜ.",
        "President Ümit Élysée said. Mr. Ü said.",
    ];
    let docs = docs_of(&texts);
    let set = extract_actors(&docs);
    check_invariants(&set, &docs);
}

#[test]
fn built_in_data_is_small() {
    let n = whosaid::actors::builtin_data_size();
    println!("built-in gazetteer and lexicon: {n} bytes compiled");
    assert!(n > 10_000 && n < 64 * 1024, "{n} bytes");
}

/// `n` documents, each a copy of a seed article in turn (ids `m0`, `m1`, ...).
fn seed_copies(seeds: &[Document], n: usize) -> Vec<Document> {
    (0..n)
        .map(|i| {
            let d = &seeds[i % seeds.len()];
            Document::new(&DocumentInput {
                id: format!("m{i}"),
                text: d.text.clone(),
                outlet: None,
                title: None,
            })
        })
        .collect()
}

/// Throughput of actor extraction on the seeds repeated to about 8 MB, in one document and in
/// many. Run with `cargo test --release --test actors -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let seeds = seeds();
    let mut big = String::new();
    while big.len() < 8_000_000 {
        for d in &seeds {
            big.push_str(&d.text);
            big.push_str("\n\n");
        }
    }
    let one = docs_of(&[big.as_str()]);
    let many = seed_copies(&seeds, 8_000_000 / 18_000);
    let many_bytes: usize = many.iter().map(|d| d.text.len()).sum();
    for (label, docs, bytes) in [
        ("one document", &one, big.len()),
        ("many documents", &many, many_bytes),
    ] {
        let t = std::time::Instant::now();
        let set = extract_actors(docs);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{label}: {:.1} MB in {:.3} s = {:.0} MB/s ({} actors, {} mentions)",
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs,
            set.actors.len(),
            set.mentions.len()
        );
    }
}

#[test]
#[ignore]
fn throughput_phases() {
    use whosaid::actors::{data, resolve, scan, tokens};
    let seeds = seeds();
    let many = seed_copies(&seeds, 400);
    let bytes: usize = many.iter().map(|d| d.text.len()).sum();
    let (gaz, lex) = (data::builtin(), data::lexicon());
    // Runs one phase over all documents, prints its rate with what it counted, returns its result.
    fn phase<T>(label: &str, bytes: usize, run: impl FnOnce() -> T, count: fn(&T) -> usize) -> T {
        let t = std::time::Instant::now();
        let out = run();
        let rate = bytes as f64 / 1e6 / t.elapsed().as_secs_f64();
        println!("{label}: {rate:.0} MB/s ({})", count(&out));
        out
    }
    let sum = |n: &usize| *n;
    phase(
        "tokenize",
        bytes,
        || many.iter().map(|d| tokens::tokenize(d).len()).sum(),
        sum,
    );
    phase(
        "gaz trie",
        bytes,
        || {
            many.iter()
                .map(|d| gaz.names.find_iter(&d.text).count())
                .sum()
        },
        sum,
    );
    phase(
        "title trie",
        bytes,
        || {
            many.iter()
                .map(|d| lex.title_ac.find_iter(&d.text).count())
                .sum()
        },
        sum,
    );
    let scans: Vec<_> = phase(
        "scan",
        bytes,
        || many.iter().map(|d| scan::scan(d, gaz, lex)).collect(),
        Vec::len,
    );
    phase(
        "resolve",
        bytes,
        || resolve::resolve(&many, &scans, gaz, lex),
        |set| set.mentions.len(),
    );
}
