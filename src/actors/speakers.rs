//! Speakers no list knows: a capitalised name in a speaker's place ("Feargal Sharkey, the former
//! musician turned campaigner, told …", "said Karine Jean-Pierre") becomes a person, merged with a
//! person already known by the same surname ("Mr Reed" … "Steve Reed").
//!
//! This is the "speakers → actors" step of the data flow: the quote finder knows where a speaker
//! must stand; this module turns the name standing there into an actor and a mention.

use std::ops::Range;

use super::{names, ActorRec, ActorSet, Gender, MentionRec};
use crate::analysis::ActorKind;

/// Lower-case particles allowed inside a personal name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "van", "von", "bin", "al", "da", "di", "du", "le", "la",
];

/// Courtesy titles that stand before a name but are not part of it.
const COURTESY: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Mx",
];

/// Words that are capitalised at a sentence's start or in headlines but never start a name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Speaking",
    "Asked",
    "According",
    "Meanwhile",
    "However",
    "Still",
    "Yet",
    "Later",
    "Earlier",
    "Then",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
];

/// The byte range of a personal name of 2 to 4 capitalised words that ends exactly at `end` in
/// `text` (after white space is skipped), or `None`.
///
/// Guarantee: the range lies on char boundaries inside `text` and starts and ends on a word.
pub fn name_ending_at(text: &str, end: usize) -> Option<Range<usize>> {
    let head = text.get(..end)?.trim_end();
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut cursor = head.len();
    while words.len() < 6 {
        let before = &head[..cursor];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let w = &head[start..cursor];
        if w.is_empty() || !is_name_word(w) {
            break;
        }
        words.push(start..cursor);
        if start == 0 {
            break;
        }
        cursor = before[..start].trim_end().len();
        if cursor == 0 || !before[cursor..start].chars().all(|c| c == ' ') {
            break; // a line break or other space kind ends the name
        }
    }
    words.reverse();
    // Particles may not begin or end a name; courtesy titles and sentence words are dropped.
    while words.first().is_some_and(|r| {
        let w = &head[r.clone()];
        PARTICLES.contains(&w)
            || COURTESY.contains(&w.trim_end_matches('.'))
            || NOT_NAMES.contains(&w)
    }) {
        words.remove(0);
    }
    let capitalised = words
        .iter()
        .filter(|r| !PARTICLES.contains(&&head[(*r).clone()]))
        .count();
    if !(2..=4).contains(&capitalised) {
        return None;
    }
    Some(words.first()?.start..words.last()?.end)
}

/// The range of a personal name of 2 to 4 capitalised words starting at `start` (after white
/// space, a courtesy title and up to `skips` lower-case role words are skipped: "said Red Cross
/// volunteer Janet Obi", "said ministry spokeswoman Hua Chunying"), or `None`.
pub fn name_starting_at(text: &str, start: usize, skips: u8) -> Option<Range<usize>> {
    let tail = text.get(start..)?;
    let lead = tail.len() - tail.trim_start().len();
    let mut pos = start + lead;
    let mut words: Vec<Range<usize>> = Vec::new();
    loop {
        let rest = &text[pos..];
        let len = rest
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '"' | '”' | '’' | ')')
            })
            .unwrap_or(rest.len());
        // Keep an initial's or a leading title's own period ("Sen.") with its word; any other
        // period ends the sentence, and the name ("said Janet Obi. Then …").
        let len = if rest[len..].starts_with('.') && (len == 1 || (words.is_empty() && len <= 3)) {
            len + 1
        } else {
            len
        };
        let w = &rest[..len];
        // A role word is followed by the name, or ends the name before it ("on Monday").
        // Hyphens are allowed in role words: "said season-ticket holder Jo Li".
        if skips > 0
            && w != "that"
            && !w.is_empty()
            && w.chars().all(|c| c.is_lowercase() || c == '-')
        {
            if let Some(r) = name_starting_at(text, pos + len, skips - 1) {
                return Some(r);
            }
        }
        if w.is_empty() || !is_name_word(w) || words.len() == 5 {
            break;
        }
        words.push(pos..pos + len);
        pos += len;
        if !text[pos..].starts_with(' ') {
            break;
        }
        pos += 1;
    }
    while words.first().is_some_and(|r| {
        let w = &text[r.clone()];
        COURTESY.contains(&w.trim_end_matches('.')) || w.ends_with('.') || NOT_NAMES.contains(&w)
    }) {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|r| PARTICLES.contains(&&text[r.clone()]))
    {
        words.pop();
    }
    let capitalised = words
        .iter()
        .filter(|r| !PARTICLES.contains(&&text[(*r).clone()]))
        .count();
    if !(2..=4).contains(&capitalised) {
        return None;
    }
    Some(words.first()?.start..words.last()?.end)
}

/// Last words of organisation and place names (data: `data/org_heads.txt`).
fn org_heads() -> &'static crate::collections::Set<&'static str> {
    static SET: std::sync::OnceLock<crate::collections::Set<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| crate::text::data_lines(crate::data_file!("org_heads.txt")).collect())
}

/// True when `name` ends in an organisation's head noun ("Thames Water").
pub fn looks_like_organisation(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .is_some_and(|w| org_heads().contains(w))
}

/// A word that can stand in a personal name: capitalised letters with inner hyphens or
/// apostrophes ("Jean-Pierre", "O’Brien"), or a particle.
fn is_name_word(w: &str) -> bool {
    if PARTICLES.contains(&w) {
        return true;
    }
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let body_ok = w
        .chars()
        .all(|c| matches!(c, '-' | '\'' | '’' | '.') || c.is_alphabetic());
    // An all-capitals word of 2+ letters is an acronym, not a name ("KCNA", "US").
    let acronym =
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    first_upper && body_ok && !acronym
}

impl ActorSet {
    /// Records the person named at `range` of document `doc` (its text is `name`) as a speaker's
    /// mention and returns the actor's index. A person already known by this full name or by its
    /// surname alone takes the mention (and the fuller name); otherwise a new person is added.
    ///
    /// Keeps the set's invariant: mentions stay sorted by `(doc, start)` and non-overlapping
    /// (a range overlapping an existing mention returns that mention's actor unchanged).
    pub fn add_named_speaker(&mut self, doc: usize, range: Range<usize>, name: &str) -> usize {
        let mut adding = Adding::new(self);
        let actor = adding.add(doc, range, name);
        adding.finish();
        actor
    }

    /// Records each `(doc, range, name)` in turn, with the result that many calls of
    /// [`ActorSet::add_named_speaker`] in that order would have, but with the mentions list
    /// rebuilt once: one call per speaker would move every later mention each time, which
    /// grows with the square of the input. (Each speaker still looks through the actors, a
    /// few thousand at most on a long story; an index of them cost 1.5 KB of the wasm.)
    pub fn add_named_speakers(&mut self, speakers: &[(usize, Range<usize>, &str)]) {
        let mut adding = Adding::new(self);
        for (doc, range, name) in speakers {
            adding.add(*doc, range.clone(), name);
        }
        adding.finish();
    }
}

/// Speakers being added to a set, their new mentions held apart until [`Adding::finish`]
/// merges them into the set's list in one pass (inserting each would move every later one).
///
/// Invariant: `new` is sorted by `(doc, start)`, and its ranges overlap neither each other nor
/// the set's mentions.
struct Adding<'s> {
    set: &'s mut ActorSet,
    new: Vec<MentionRec>,
}

impl<'s> Adding<'s> {
    fn new(set: &'s mut ActorSet) -> Self {
        Adding {
            set,
            new: Vec::new(),
        }
    }

    /// The actor of a mention (the set's or a new one) overlapping `range` in `doc`: the one
    /// before it in `(doc, start)` order is asked first, then the one at or after it, as in
    /// one sorted list (in a sorted list of ranges that do not overlap, only those two can).
    fn overlapping(&self, doc: usize, range: &Range<usize>) -> Option<usize> {
        let key = |m: &MentionRec| (m.doc, m.range.start);
        let at = |list: &[MentionRec]| list.partition_point(|m| key(m) < (doc, range.start));
        let (ks, kn) = (at(&self.set.mentions), at(&self.new));
        let (old, new) = (&self.set.mentions, &self.new);
        let before = match (
            ks.checked_sub(1).map(|j| &old[j]),
            kn.checked_sub(1).map(|j| &new[j]),
        ) {
            // At an equal key the set's mention comes last, after the new one.
            (Some(a), Some(b)) => Some(if key(a) >= key(b) { a } else { b }),
            (a, b) => a.or(b),
        };
        let after = match (old.get(ks), new.get(kn)) {
            // At an equal key the new mention comes first, as `add` places it.
            (Some(a), Some(b)) => Some(if key(a) < key(b) { a } else { b }),
            (a, b) => a.or(b),
        };
        [before, after].into_iter().flatten().find_map(|m| {
            (m.doc == doc && m.range.start < range.end && range.start < m.range.end)
                .then_some(m.actor)
        })
    }

    /// [`ActorSet::add_named_speaker`], with the mention put in `new`.
    fn add(&mut self, doc: usize, range: Range<usize>, name: &str) -> usize {
        if let Some(actor) = self.overlapping(doc, &range) {
            return actor;
        }
        let actors = &mut self.set.actors;
        let surname = name.split_whitespace().last().unwrap_or(name);
        let known = actors.iter().position(|a| {
            a.kind == ActorKind::Person
                && (a.name == name || a.aliases.iter().any(|x| x == name) || a.name == surname)
        });
        let actor = match known {
            Some(i) => {
                let a = &mut actors[i];
                if a.name == surname && name.len() > a.name.len() {
                    a.name = name.to_string();
                    let id = names::slug(name);
                    if !id.is_empty() && !actors.iter().any(|x| x.id == id) {
                        actors[i].id = id;
                    }
                }
                let a = &mut actors[i];
                if !a.aliases.iter().any(|x| x == name) {
                    a.aliases.push(name.to_string());
                }
                i
            }
            None => {
                let base = names::slug(name);
                let base = if base.is_empty() {
                    "speaker".to_string()
                } else {
                    base
                };
                let mut id = base.clone();
                let mut n = 2;
                while actors.iter().any(|x| x.id == id) {
                    id = crate::text::numbered(&crate::join!(base, "-"), n);
                    n += 1;
                }
                actors.push(ActorRec {
                    id,
                    name: name.to_string(),
                    kind: ActorKind::Person,
                    aliases: vec![name.to_string()],
                    affiliation: None,
                    gender: Gender::Unknown,
                });
                actors.len() - 1
            }
        };
        let k = self
            .new
            .partition_point(|m| (m.doc, m.range.start) < (doc, range.start));
        self.new.insert(
            k,
            MentionRec {
                doc,
                range,
                actor,
                role: None,
            },
        );
        actor
    }

    /// Merges the new mentions into the set's list, keeping it sorted by `(doc, start)`.
    fn finish(self) {
        if self.new.is_empty() {
            return;
        }
        let old = std::mem::take(&mut self.set.mentions);
        let mut merged = Vec::with_capacity(old.len() + self.new.len());
        let mut new = self.new.into_iter().peekable();
        for m in old {
            // At an equal key the new mention goes first, as a binary insertion would put it.
            while let Some(n) = new.next_if(|n| (n.doc, n.range.start) <= (m.doc, m.range.start)) {
                merged.push(n);
            }
            merged.push(m);
        }
        merged.extend(new);
        self.set.mentions = merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before<'a>(t: &'a str, cue: &str) -> Option<&'a str> {
        let end = t.find(cue).unwrap();
        name_ending_at(t, end).map(|r| &t[r])
    }

    #[test]
    fn names_before_a_cue() {
        assert_eq!(
            before("the secretary, Steve Reed, said", ", said"),
            Some("Steve Reed")
        );
        assert_eq!(
            before("Press secretary Karine Jean-Pierre called", " called"),
            Some("Karine Jean-Pierre")
        );
        assert_eq!(
            before("Ursula von der Leyen said", " said"),
            Some("Ursula von der Leyen")
        );
        assert_eq!(before("Mr Reed said", " said"), None);
        assert_eq!(before("The Tories said", " said"), None);
        assert_eq!(before("the KCNA said", " said"), None);
    }

    #[test]
    fn names_after_a_cue() {
        let t = "said Sen. Ted Cruz, R-Texas.";
        let r = name_starting_at(t, 4, 2).unwrap();
        assert_eq!(&t[r], "Ted Cruz");
        assert_eq!(name_starting_at("said the minister.", 4, 2), None);
        let t = "said Janet Obi. Then";
        assert_eq!(&t[name_starting_at(t, 4, 2).unwrap()], "Janet Obi");
        let t = "said Red Cross volunteer Janet Obi on Monday";
        assert_eq!(&t[name_starting_at(t, 4, 2).unwrap()], "Janet Obi");
        let t = "said season-ticket holder Jo Li, 44.";
        assert_eq!(&t[name_starting_at(t, 4, 2).unwrap()], "Jo Li");
        let t = "said Hua Chunying on Monday";
        assert_eq!(&t[name_starting_at(t, 4, 2).unwrap()], "Hua Chunying");
        assert_eq!(
            name_starting_at("said in a statement that Jo Li had", 4, 2),
            None
        );
    }

    #[test]
    fn a_new_speaker_merges_with_a_known_surname() {
        let mut set = ActorSet::default();
        set.actors.push(ActorRec {
            id: "reed".into(),
            name: "Reed".into(),
            kind: ActorKind::Person,
            aliases: vec!["Reed".into()],
            affiliation: None,
            gender: Gender::Unknown,
        });
        set.mentions.push(MentionRec {
            doc: 0,
            range: 50..54,
            actor: 0,
            role: None,
        });
        let a = set.add_named_speaker(0, 10..20, "Steve Reed");
        assert_eq!(a, 0);
        assert_eq!(set.actors[0].name, "Steve Reed");
        assert_eq!(set.actors[0].id, "steve-reed");
        assert_eq!(set.mentions[0].range, 10..20);
        let b = set.add_named_speaker(0, 30..44, "Feargal Sharkey");
        assert_eq!(b, 1);
        assert_eq!(set.mentions.len(), 3);
        assert!(set
            .mentions
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start));
    }

    fn person(id: &str, name: &str) -> ActorRec {
        ActorRec {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: vec![name.into()],
            affiliation: None,
            gender: Gender::Unknown,
        }
    }

    /// Each actor's id, name and aliases, and each mention's document, range and actor.
    type Summary = (
        Vec<(String, String, Vec<String>)>,
        Vec<(usize, Range<usize>, usize)>,
    );

    fn summary(set: &ActorSet) -> Summary {
        (
            set.actors
                .iter()
                .map(|a| (a.id.clone(), a.name.clone(), a.aliases.clone()))
                .collect(),
            set.mentions
                .iter()
                .map(|m| (m.doc, m.range.clone(), m.actor))
                .collect(),
        )
    }

    proptest::proptest! {
        /// Adding many speakers at once ends as adding them one call at a time does (each call
        /// then checking overlaps against the whole list and inserting its mention there).
        #[test]
        fn adding_at_once_is_adding_one_by_one(
            speakers in proptest::collection::vec((0usize..3, 0usize..60, 1usize..8, 0usize..7), 0..40)
        ) {
            const NAMES: [&str; 7] =
                ["Reed", "Steve Reed", "Ann Lee", "Lee", "Bo Lee", "Steve", "Reed Lee"];
            let mut start = ActorSet::default();
            start.actors.push(person("reed", "Reed"));
            start.actors.push(ActorRec { kind: ActorKind::Organization, ..person("lee", "Lee") });
            start.actors.push(person("steve-reed", "Ann Lee"));
            start.mentions.push(MentionRec { doc: 0, range: 20..24, actor: 0, role: None });
            start.mentions.push(MentionRec { doc: 1, range: 5..9, actor: 1, role: None });
            start.mentions.push(MentionRec { doc: 2, range: 40..47, actor: 2, role: None });
            let list: Vec<(usize, Range<usize>, &str)> = speakers
                .iter()
                .map(|&(doc, at, len, name)| (doc, at..at + len, NAMES[name]))
                .collect();
            let mut one_by_one = start.clone();
            for (doc, range, name) in &list {
                one_by_one.add_named_speaker(*doc, range.clone(), name);
            }
            let mut at_once = start;
            at_once.add_named_speakers(&list);
            proptest::prop_assert_eq!(summary(&at_once), summary(&one_by_one));
        }
    }
}
