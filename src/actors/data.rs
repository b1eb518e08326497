//! The built-in gazetteer and word lists, compiled by `build.rs` from `data/gazetteer/`, plus a
//! user gazetteer layered on top.
//!
//! Invariant: every pattern of `Gazetteer::names` has a `patterns` entry at the same index, and
//! every `entry` index there is in bounds of `entries`; the same holds for titles and bodies.

use crate::collections::{Map, Set};
use std::sync::OnceLock;

use super::trie::Trie;
use super::{Gender, UserActor};
use crate::analysis::ActorKind;

/// The compiled gazetteer and lexicon, exactly as embedded in the engine.
pub const COMPILED: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.txt"));

/// How an alias names its entry, which decides the rules it is matched under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasClass {
    /// A proper name ("North Korea", "Nokor").
    Name,
    /// An acronym or code in capitals ("DPRK", "U.S.").
    Acronym,
    /// A capital or seat: the government only where it is not part of a longer name or a place.
    Seat,
    /// A demonym ("North Korean"): the country when used as an adjective.
    Demonym,
}

/// One known actor: a country, an organisation or a user's entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: ActorKind,
    pub name: String,
    /// Index of the entry this one speaks for.
    pub affiliation: Option<usize>,
    /// The English demonym of a country ("Chinese"), empty otherwise.
    pub demonym: String,
    /// True for entries from a user gazetteer.
    pub user: bool,
}

/// A title or role word ("spokeswoman", "Secretary of State").
#[derive(Debug, Clone)]
pub struct Title {
    pub gender: Gender,
    /// Index into `Lexicon::bodies` of the body its holder works for.
    pub body: Option<usize>,
    /// A government post: its holder speaks for the country the text reports on.
    pub government: bool,
    /// The only country the office exists in, by common name.
    pub country: Option<&'static str>,
    /// An honorific ("Mr.") rather than an office.
    pub honorific: bool,
}

/// Word lists used to find actors no gazetteer knows.
pub struct Lexicon {
    pub titles: Vec<Title>,
    /// Lowercased title phrases, parallel to `titles`, matched ignoring ASCII case.
    pub title_ac: Trie,
    /// Lowercased first words of titles and bodies ("foreign", "secretary", "mr"): only where a
    /// word is one of these can a title or body start.
    pub starters: Set<String>,
    /// Canonical names of generic government bodies ("Foreign Ministry").
    pub bodies: Vec<&'static str>,
    /// For each pattern of `body_ac`, the index into `bodies`.
    pub body_of_pattern: Vec<usize>,
    /// Lowercased body names and variants, matched ignoring ASCII case.
    pub body_ac: Trie,
    pub role_modifiers: Set<&'static str>,
    /// Organisation suffix -> is a company.
    pub org_suffixes: Map<&'static str, bool>,
    pub groups: Set<&'static str>,
    /// Group qualifier -> country common name.
    pub group_qualifiers: Map<&'static str, Option<&'static str>>,
    pub non_actors: Set<&'static str>,
    /// Non-actors that are also family names ("May"): see the `surnames` section.
    pub surnames: Set<&'static str>,
    /// Lowercase words that make a following month name a date ("in", "early").
    pub date_words: Set<&'static str>,
    pub name_cues: Set<&'static str>,
    pub work_nouns: Set<&'static str>,
    pub directions: Set<&'static str>,
    pub locatives: Set<&'static str>,
    /// Every word of the lists above that the scanner looks up per token, with `WORD_*` flags
    /// saying which lists hold it: one hash lookup per word instead of one per list.
    pub word_flags: Map<String, u8>,
    /// Bit `sketch_bit(k)` is set for every key `k` of `word_flags`: a word whose bit is clear
    /// is in none of the lists, known without hashing it (most words of running text).
    word_sketch: Vec<u64>,
}

impl Lexicon {
    /// The `WORD_*` flags of `w`, 0 for a word of none of the lists: always what
    /// `word_flags.get(w)` holds, with the sketch turning most other words away first.
    #[inline]
    pub fn word_flags_of(&self, w: &str) -> u8 {
        let k = sketch_bit(w);
        if self.word_sketch[k / 64] & (1 << (k % 64)) == 0 {
            return 0;
        }
        self.word_flags.get(w).copied().unwrap_or(0)
    }
}

/// Bits in `Lexicon::word_sketch`: 4096 (512 bytes) keep the few hundred words of the lists
/// to one bit in ten or so, so that few other words pass.
const SKETCH_BITS: u32 = 12;

/// The bit of `Lexicon::word_sketch` for `w`, from its first and last bytes and its length:
/// cheaper than a full hash, and together they tell most words apart.
fn sketch_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let first = b.first().copied().unwrap_or(0) as u32;
    let last = b.last().copied().unwrap_or(0) as u32;
    let key = first | last << 8 | (b.len().min(0xffff) as u32) << 16;
    // Fibonacci hashing: the top bits of the product depend on every bit of the key.
    (key.wrapping_mul(0x9E37_79B9) >> (32 - SKETCH_BITS)) as usize
}

/// In `Lexicon::word_flags`: a word of `non_actors`.
pub const WORD_NON_ACTOR: u8 = 1;
/// In `Lexicon::word_flags`: a word of `starters`.
pub const WORD_STARTER: u8 = 2;
/// In `Lexicon::word_flags`: a word of `groups`.
pub const WORD_GROUP: u8 = 4;
/// In `Lexicon::word_flags`: a word of `directions`.
pub const WORD_DIRECTION: u8 = 8;
/// In `Lexicon::word_flags`: a word of `work_nouns`.
pub const WORD_WORK: u8 = 16;
/// In `Lexicon::word_flags`: a word of `surnames` (a non-actor that can end a person's name).
pub const WORD_SURNAME: u8 = 32;

/// Entries and the automaton over all their aliases.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Parallel to the automaton's patterns: (entry index, class).
    pub patterns: Vec<(usize, AliasClass)>,
    /// Every alias, parallel to `patterns`, matched exactly (case-sensitively).
    pub names: Trie,
    /// Entry index by exact name.
    pub by_name: Map<String, usize>,
    /// Length in bytes of the longest alias.
    pub max_len: usize,
    /// Some alias starts with something other than an uppercase letter (user entries may).
    pub lower_starts: bool,
}

fn sections() -> Map<&'static str, Vec<&'static str>> {
    let mut out: Map<&'static str, Vec<&'static str>> = Map::default();
    let mut current = "";
    for line in COMPILED.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name;
            out.entry(current).or_default();
        } else if !current.is_empty() {
            out.entry(current).or_default().push(line);
        }
    }
    out
}

fn build_lexicon() -> Lexicon {
    let s = sections();
    let get = |name: &str| s.get(name).cloned().unwrap_or_default();
    let mut bodies = Vec::new();
    let mut body_patterns = Vec::new();
    let mut body_of_pattern = Vec::new();
    for line in get("bodies") {
        let mut f = line.split('\t');
        let canon = f.next().unwrap_or("").trim();
        if canon.is_empty() {
            continue;
        }
        let i = bodies.len();
        bodies.push(canon);
        body_patterns.push(canon.to_ascii_lowercase());
        body_of_pattern.push(i);
        for v in f
            .next()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            body_patterns.push(v.to_ascii_lowercase());
            body_of_pattern.push(i);
        }
    }
    let body_index = |name: &str| bodies.iter().position(|b| b.eq_ignore_ascii_case(name));
    let mut titles = Vec::new();
    let mut title_patterns = Vec::new();
    for line in get("titles") {
        let f: Vec<&str> = line.split('\t').collect();
        let phrase = f.first().copied().unwrap_or("").trim();
        if phrase.is_empty() {
            continue;
        }
        let gender = match f.get(1).copied() {
            Some("F") => Gender::Female,
            Some("M") => Gender::Male,
            _ => Gender::Unknown,
        };
        let body_field = f.get(2).copied().unwrap_or("-");
        let country = f.get(3).copied().filter(|c| *c != "-" && !c.is_empty());
        let honorific = matches!(
            phrase.trim_end_matches('.'),
            "mr" | "mrs" | "ms" | "miss" | "sir" | "dame" | "lord" | "lady" | "dr"
        );
        titles.push(Title {
            gender,
            body: body_index(body_field),
            government: body_field == "gov" || body_index(body_field).is_some(),
            country,
            honorific,
        });
        title_patterns.push(phrase.to_ascii_lowercase());
    }
    let set = |name: &str| {
        get(name)
            .into_iter()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Set<_>>()
    };
    let pairs = |name: &str| {
        get(name)
            .into_iter()
            .filter_map(|l| {
                let (a, b) = l.split_once('\t')?;
                Some((a.trim(), b.trim()))
            })
            .collect::<Vec<_>>()
    };
    let ci = |pats: &[String]| Trie::new(pats, true);
    let starters: Set<String> = title_patterns
        .iter()
        .chain(&body_patterns)
        .filter_map(|p| p.split(' ').next())
        .map(|w| w.trim_end_matches('.').to_string())
        .collect();
    let groups = set("groups");
    let non_actors = set("non-actors");
    let work_nouns = set("work-nouns");
    let directions = set("directions");
    let surnames = set("surnames");
    let mut word_flags: Map<String, u8> = Map::default();
    for (words, flag) in [
        (&non_actors, WORD_NON_ACTOR),
        (&surnames, WORD_SURNAME),
        (&groups, WORD_GROUP),
        (&directions, WORD_DIRECTION),
        (&work_nouns, WORD_WORK),
    ] {
        for w in words {
            *word_flags.entry(w.to_string()).or_default() |= flag;
        }
    }
    for w in &starters {
        *word_flags.entry(w.clone()).or_default() |= WORD_STARTER;
    }
    let mut word_sketch = vec![0u64; 1 << SKETCH_BITS >> 6];
    for w in word_flags.keys() {
        let k = sketch_bit(w);
        word_sketch[k / 64] |= 1 << (k % 64);
    }
    Lexicon {
        starters,
        title_ac: ci(&title_patterns),
        titles,
        body_ac: ci(&body_patterns),
        bodies,
        body_of_pattern,
        role_modifiers: set("role-modifiers"),
        org_suffixes: pairs("org-suffixes")
            .into_iter()
            .map(|(a, b)| (a, b == "company"))
            .collect(),
        groups,
        group_qualifiers: pairs("group-qualifiers")
            .into_iter()
            .map(|(a, b)| (a, (b != "-").then_some(b)))
            .collect(),
        non_actors,
        surnames,
        date_words: set("date-words"),
        name_cues: set("name-cues"),
        work_nouns,
        directions,
        locatives: set("locatives"),
        word_flags,
        word_sketch,
    }
}

/// The word lists, parsed once.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(build_lexicon)
}

fn class_of(c: char) -> AliasClass {
    match c {
        'A' => AliasClass::Acronym,
        'C' => AliasClass::Seat,
        'D' => AliasClass::Demonym,
        _ => AliasClass::Name,
    }
}

/// Parses the compiled entries: (entries, aliases as (entry, class, text)).
fn builtin_entries() -> (Vec<Entry>, Vec<(usize, AliasClass, String)>) {
    let mut entries = Vec::new();
    let mut raw_aff = Vec::new();
    let mut aliases = Vec::new();
    for line in COMPILED.lines() {
        let Some(rest) = line.strip_prefix("E\t") else {
            continue;
        };
        let f: Vec<&str> = rest.split('\t').collect();
        if f.len() != 5 {
            continue;
        }
        let kind = match f[0] {
            "c" => ActorKind::Country,
            "g" => ActorKind::Group,
            _ => ActorKind::Organization,
        };
        let i = entries.len();
        entries.push(Entry {
            kind,
            name: f[1].to_string(),
            affiliation: None,
            demonym: f[3].to_string(),
            user: false,
        });
        raw_aff.push(f[2]);
        for a in f[4].split('|') {
            let mut cs = a.chars();
            let Some(c) = cs.next() else { continue };
            // A lowercase class letter: the alias and its variant (see build.rs).
            let twin = c.is_ascii_lowercase();
            let c = c.to_ascii_uppercase();
            // A bare class letter stands for the entry's own name or demonym (see build.rs).
            let text = match (c, cs.as_str()) {
                ('N', "") => f[1],
                ('D', "") => f[3],
                (_, "") => continue,
                (_, text) => text,
            };
            aliases.push((i, class_of(c), text.to_string()));
            if twin {
                aliases.push((i, class_of(c), super::variant::variant(text)));
            }
        }
    }
    let by_name: Map<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.as_str(), i))
        .collect();
    let affs: Vec<Option<usize>> = raw_aff.iter().map(|a| by_name.get(a).copied()).collect();
    for (e, a) in entries.iter_mut().zip(affs) {
        e.affiliation = a;
    }
    (entries, aliases)
}

fn assemble(entries: Vec<Entry>, aliases: Vec<(usize, AliasClass, String)>) -> Gazetteer {
    let mut seen: Map<String, usize> = Map::default();
    let mut pats: Vec<String> = Vec::new();
    let mut patterns = Vec::new();
    for (e, class, text) in aliases {
        if text.is_empty() {
            continue;
        }
        // Later (user) aliases override earlier (built-in) ones.
        if let Some(&k) = seen.get(&text) {
            patterns[k] = (e, class);
            continue;
        }
        seen.insert(text.clone(), pats.len());
        pats.push(text);
        patterns.push((e, class));
    }
    let names = Trie::new(&pats, false);
    let max_len = pats.iter().map(String::len).max().unwrap_or(0);
    let lower_starts = pats
        .iter()
        .any(|p| !p.chars().next().is_some_and(char::is_uppercase));
    let by_name = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    Gazetteer {
        entries,
        patterns,
        names,
        by_name,
        max_len,
        lower_starts,
    }
}

/// The built-in gazetteer, built once.
pub fn builtin() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| {
        let (entries, aliases) = builtin_entries();
        assemble(entries, aliases)
    })
}

/// The built-in gazetteer with `user` entries added: a user entry whose name or alias equals a
/// built-in entry's name replaces that entry's kind and affiliation and adds its aliases; an alias
/// the user gives wins over the same built-in alias.
pub fn with_user(user: &[UserActor]) -> Gazetteer {
    let (mut entries, mut aliases) = builtin_entries();
    let mut index: Map<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), i))
        .collect();
    let mut alias_owner: Map<String, usize> = Map::default();
    for (e, _, a) in &aliases {
        alias_owner.entry(a.clone()).or_insert(*e);
    }
    let mut targets = Vec::new();
    for u in user {
        let name = u.name.trim();
        if name.is_empty() {
            targets.push(None);
            continue;
        }
        let existing = index.get(name).or_else(|| alias_owner.get(name)).copied();
        let i = match existing {
            Some(i) => {
                if let Some(k) = u.kind {
                    entries[i].kind = k;
                }
                entries[i].user = true;
                i
            }
            None => {
                let i = entries.len();
                entries.push(Entry {
                    kind: u.kind.unwrap_or(ActorKind::Other),
                    name: name.to_string(),
                    affiliation: None,
                    demonym: String::new(),
                    user: true,
                });
                index.insert(name.to_string(), i);
                i
            }
        };
        targets.push(Some(i));
        aliases.push((i, AliasClass::Name, name.to_string()));
        for a in &u.aliases {
            let a = a.trim();
            if !a.is_empty() {
                let class = if a.len() <= 6 && a.chars().all(|c| c.is_ascii_uppercase() || c == '.')
                {
                    AliasClass::Acronym
                } else {
                    AliasClass::Name
                };
                aliases.push((i, class, a.to_string()));
            }
        }
    }
    // Affiliations last, so that they may name entries given later in the list.
    for (u, t) in user.iter().zip(&targets) {
        let (Some(i), Some(aff)) = (t, u.affiliation.as_deref()) else {
            continue;
        };
        let aff = aff.trim();
        let found = index
            .get(aff)
            .or_else(|| alias_owner.get(aff))
            .copied()
            .or_else(|| {
                entries
                    .iter()
                    .position(|e| super::names::slug(&e.name) == aff)
            });
        if let Some(a) = found.filter(|a| a != i) {
            entries[*i].affiliation = Some(a);
        }
    }
    assemble(entries, aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(g: &Gazetteer, name: &str) -> usize {
        *g.by_name
            .get(name)
            .unwrap_or_else(|| panic!("no entry {name}"))
    }

    #[test]
    fn word_flags_of_answers_as_the_map() {
        let lex = lexicon();
        for (w, &f) in &lex.word_flags {
            assert_eq!(lex.word_flags_of(w), f, "{w}");
        }
        for w in ["", "the", "Zzyzx", "officials", "Monday", "é"] {
            assert_eq!(
                lex.word_flags_of(w),
                lex.word_flags.get(w).copied().unwrap_or(0),
                "{w}"
            );
        }
    }

    fn lookup(g: &Gazetteer, text: &str) -> Option<(usize, AliasClass)> {
        g.names.exact(text).map(|p| g.patterns[p])
    }

    #[test]
    fn countries_have_names_codes_capitals_demonyms() {
        let g = builtin();
        let nk = entry(g, "North Korea");
        assert_eq!(g.entries[nk].kind, ActorKind::Country);
        for (alias, class) in [
            ("North Korea", AliasClass::Name),
            ("Nth Korea", AliasClass::Name),
            ("Nokor", AliasClass::Name),
            ("DPRK", AliasClass::Acronym),
            ("Democratic People's Republic of Korea", AliasClass::Name),
            ("Democratic People’s Republic of Korea", AliasClass::Name),
            ("Pyongyang", AliasClass::Seat),
            ("North Korean", AliasClass::Demonym),
        ] {
            assert_eq!(lookup(g, alias), Some((nk, class)), "{alias}");
        }
        let us = entry(g, "United States");
        for alias in [
            "US",
            "U.S.",
            "USA",
            "United States of America",
            "Washington",
            "American",
            "White House",
        ] {
            assert_eq!(lookup(g, alias).map(|x| x.0), Some(us), "{alias}");
        }
        let ru = entry(g, "Russia");
        for alias in ["Moscow", "Kremlin", "Russian", "Russian Federation"] {
            assert_eq!(lookup(g, alias).map(|x| x.0), Some(ru), "{alias}");
        }
    }

    #[test]
    fn ambiguous_codes_are_not_names() {
        let g = builtin();
        // "IT" (Italy) and "NO" (Norway) are words in capitals; they must not name countries.
        assert_eq!(lookup(g, "IT"), None);
        assert_eq!(lookup(g, "NO"), None);
    }

    #[test]
    fn organisations_carry_affiliations() {
        let g = builtin();
        let fbi = entry(g, "Federal Bureau of Investigation");
        assert_eq!(g.entries[fbi].affiliation, Some(entry(g, "United States")));
        assert_eq!(lookup(g, "FBI").map(|x| x.0), Some(fbi));
        let sc = entry(g, "UN Security Council");
        assert_eq!(g.entries[sc].affiliation, Some(entry(g, "United Nations")));
        assert_eq!(
            lookup(g, "U.N.").map(|x| x.0),
            Some(entry(g, "United Nations"))
        );
        let kcna = entry(g, "Korean Central News Agency");
        assert_eq!(g.entries[kcna].affiliation, Some(entry(g, "North Korea")));
    }

    #[test]
    fn lexicon_lists_are_loaded() {
        let lex = lexicon();
        assert!(lex.groups.contains("experts"));
        assert!(lex.non_actors.contains("Monday") && lex.non_actors.contains("December"));
        assert_eq!(lex.org_suffixes.get("Co"), Some(&true));
        assert_eq!(lex.org_suffixes.get("Institute"), Some(&false));
        let (p, _) = lex
            .title_ac
            .longest_prefix(b"Spokeswoman Hua said")
            .expect("a title");
        assert_eq!(lex.titles[p].gender, Gender::Female);
    }

    #[test]
    fn user_entries_add_and_override() {
        let user = vec![
            UserActor {
                name: "Luiz Inácio Lula da Silva".into(),
                kind: Some(ActorKind::Person),
                aliases: vec!["Lula".into()],
                affiliation: Some("Brazil".into()),
            },
            UserActor {
                name: "Reuters".into(),
                kind: None,
                aliases: vec![],
                affiliation: Some("united-kingdom".into()),
            },
        ];
        let g = with_user(&user);
        let lula = entry(&g, "Luiz Inácio Lula da Silva");
        assert_eq!(g.entries[lula].kind, ActorKind::Person);
        assert_eq!(g.entries[lula].affiliation, Some(entry(&g, "Brazil")));
        assert_eq!(lookup(&g, "Lula").map(|x| x.0), Some(lula));
        let r = entry(&g, "Reuters");
        assert_eq!(g.entries[r].affiliation, Some(entry(&g, "United Kingdom")));
    }

    #[test]
    fn compiled_form_is_small() {
        // The whole built-in data ships in the wasm: keep it well under 64 KiB.
        assert!(
            COMPILED.len() < 64 * 1024,
            "compiled gazetteer is {} bytes",
            COMPILED.len()
        );
    }
}
