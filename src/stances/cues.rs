//! Stance cues and the grammar words the reader needs, loaded from `data/stance_cues.tsv` and
//! `data/stance_grammar.tsv`, and matched against the words of a text by light stem.
//!
//! Stems are compared as small ids: every distinct stem that occurs in some cue gets one
//! ([`Lexicon::stem_id`]); a text's word whose stem is in no cue gets [`NO_STEM`], which equals
//! no cue word, so matching ids gives exactly what matching the stem strings would.

use crate::collections::Map;
use std::sync::OnceLock;

use crate::analysis::{Polarity, StanceClass};
use crate::links::normalize::stem;

/// What a cue row is for beyond its class and polarity (see the data file's header).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub neg_only: bool,
    pub claim: bool,
    pub intent: bool,
    pub noun: bool,
    pub exp: bool,
    pub withhold: bool,
    pub to: bool,
    /// The cue counts only where it is written as a verb ("backed", "to back").
    pub verb: bool,
    /// A compound holding a cue word that takes no position ("opposition leader").
    pub not_cue: bool,
}

/// One word of a cue.
#[derive(Debug, Clone)]
pub struct CueWord {
    /// The word's light stem.
    pub stem: String,
    /// Id of `stem` in [`Lexicon::stem_ids`].
    pub id: u32,
    /// How many other words may stand before it (0 for a cue's first word).
    pub gap: usize,
}

/// One cue: its words as stems, in order; never empty.
#[derive(Debug, Clone)]
pub struct Cue {
    pub words: Vec<CueWord>,
    /// `None` for a responsibility marker row.
    pub class: Option<StanceClass>,
    pub polarity: Polarity,
    pub flags: Flags,
}

/// The grammatical role of a function word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Boundary,
    Negator,
    Preposition,
    PronounThing,
    PronounMale,
    PronounFemale,
    PronounSelf,
    Determiner,
    Auxiliary,
    Be,
    Reporting,
    Time,
    /// A word through which "no" still negates a cue after it: "no longer", "no plans to".
    Bridge,
}

/// The stem id of a word whose stem occurs in no cue: equal to no cue word's id.
pub const NO_STEM: u32 = u32::MAX;

/// All cues and grammar words.
pub struct Lexicon {
    /// Cues by the stem id of their first word (an empty list for a stem no cue starts with),
    /// longest first within each list and in file order among cues of one length.
    pub cues: Vec<Vec<Cue>>,
    /// Ids `0..stem_ids.len()` of the distinct stems of all cue words.
    pub stem_ids: Map<String, u32>,
    pub roles: Map<String, Role>,
}

impl Lexicon {
    /// True when some cue starts with the stem of id `id`: [`match_at`] finds nothing at a word
    /// whose stem id gives false.
    #[inline]
    pub fn starts_cue(&self, id: u32) -> bool {
        self.cues.get(id as usize).is_some_and(|l| !l.is_empty())
    }

    /// Id of `stem` (a light stem as [`stem`] gives it) among the cue stems, or [`NO_STEM`].
    pub fn stem_id(&self, stem: &str) -> u32 {
        self.stem_ids.get(stem).copied().unwrap_or(NO_STEM)
    }
}

fn parse_class(s: &str) -> Option<Option<StanceClass>> {
    if s == "marker" {
        return Some(None);
    }
    StanceClass::ALL
        .into_iter()
        .find(|c| c.as_str() == s)
        .map(Some)
}

/// One cue row, with every word's id not yet given ([`NO_STEM`]).
fn parse_cue(line: &str) -> Option<Cue> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    let [phrase, class, polarity, flags] = cols.as_slice() else {
        return None;
    };
    let class = parse_class(class)?;
    let polarity = match *polarity {
        "support" => Polarity::Support,
        "oppose" => Polarity::Oppose,
        _ => return None,
    };
    let mut words = Vec::new();
    let mut gap = 0;
    for w in phrase.split_whitespace() {
        if let Some(n) = w.strip_prefix('~') {
            gap = n.parse().ok()?;
            continue;
        }
        let g = if words.is_empty() { 0 } else { gap.max(1) };
        words.push(CueWord {
            stem: stem(&crate::text::lowercase(w)),
            id: NO_STEM,
            gap: g,
        });
        gap = 0;
    }
    if words.is_empty() {
        return None;
    }
    let mut f = Flags::default();
    for flag in flags.split(',').map(str::trim) {
        match flag {
            "neg_only" => f.neg_only = true,
            "claim" => f.claim = true,
            "intent" => f.intent = true,
            "noun" => f.noun = true,
            "exp" => f.exp = true,
            "withhold" => f.withhold = true,
            "to" => f.to = true,
            "verb" => f.verb = true,
            "not_cue" => f.not_cue = true,
            _ => {}
        }
    }
    Some(Cue {
        words,
        class,
        polarity,
        flags: f,
    })
}

fn rows(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// The cue lexicon, parsed once. Malformed rows are skipped (a unit test checks there are none).
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut stem_ids: Map<String, u32> = Map::default();
        let mut cues: Vec<Vec<Cue>> = Vec::new();
        for line in rows(crate::data_file!("stance_cues.tsv")) {
            if let Some(mut c) = parse_cue(line) {
                for w in &mut c.words {
                    let next = stem_ids.len() as u32;
                    w.id = *stem_ids.entry(w.stem.clone()).or_insert(next);
                }
                let first = c.words[0].id as usize;
                if cues.len() <= first {
                    cues.resize(stem_ids.len(), Vec::new());
                }
                cues[first].push(c);
            }
        }
        cues.resize(stem_ids.len(), Vec::new());
        for list in &mut cues {
            crate::collections::sort_by_key(list, |c| std::cmp::Reverse(c.words.len()));
        }
        let mut roles = Map::default();
        for line in rows(crate::data_file!("stance_grammar.tsv")) {
            let mut it = line.split('\t').map(str::trim);
            let (Some(w), Some(r)) = (it.next(), it.next()) else {
                continue;
            };
            let role = match r {
                "boundary" => Role::Boundary,
                "negator" => Role::Negator,
                "preposition" => Role::Preposition,
                "pronoun-thing" => Role::PronounThing,
                "pronoun-male" => Role::PronounMale,
                "pronoun-female" => Role::PronounFemale,
                "pronoun-self" => Role::PronounSelf,
                "determiner" => Role::Determiner,
                "auxiliary" => Role::Auxiliary,
                "be" => Role::Be,
                "reporting" => Role::Reporting,
                "time" => Role::Time,
                "bridge" => Role::Bridge,
                _ => continue,
            };
            roles.insert(crate::text::lowercase(w).into_owned(), role);
        }
        Lexicon {
            cues,
            stem_ids,
            roles,
        }
    })
}

/// Number of malformed rows in the data files (for a test: it must be zero).
pub fn malformed_rows() -> usize {
    rows(crate::data_file!("stance_cues.tsv"))
        .filter(|l| parse_cue(l).is_none())
        .count()
}

/// A cue found in a run of word stems: which cue and the word indices it covers.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    pub cue: &'a Cue,
    pub first: usize,
    pub last: usize,
}

/// The longest cue starting at word `i` of `stems` (stem ids, [`Lexicon::stem_id`]), within
/// words `..end`.
pub fn match_at<'a>(lex: &'a Lexicon, stems: &[u32], i: usize, end: usize) -> Option<Found<'a>> {
    let list = lex.cues.get(*stems.get(i)? as usize)?;
    'cues: for cue in list {
        let mut at = i;
        for w in &cue.words[1..] {
            let found =
                (at + 1..=(at + 1 + w.gap).min(end.saturating_sub(1))).find(|&k| stems[k] == w.id);
            match found {
                Some(k) => at = k,
                None => continue 'cues,
            }
        }
        return Some(Found {
            cue,
            first: i,
            last: at,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        assert_eq!(malformed_rows(), 0);
        let lex = lexicon();
        assert!(lex.cues.iter().filter(|l| !l.is_empty()).count() > 50);
        assert_eq!(lex.roles.get("but"), Some(&Role::Boundary));
    }

    #[test]
    fn phrases_match_with_gaps_and_inflections() {
        let lex = lexicon();
        let ids =
            |text: &str| -> Vec<u32> { text.split(' ').map(|w| lex.stem_id(&stem(w))).collect() };
        let stems = ids("there was no tangible proof yet");
        let f = match_at(lex, &stems, 2, stems.len()).unwrap();
        assert_eq!((f.first, f.last), (2, 4));
        assert_eq!(f.cue.class, Some(StanceClass::Doubt));
        let stems = ids("denied");
        let f = match_at(lex, &stems, 0, 1).unwrap();
        assert_eq!(f.cue.class, Some(StanceClass::Deny));
    }
}
