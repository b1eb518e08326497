//! Merging raw mentions of all documents into actors.
//!
//! Order: gazetteer entries, government bodies, groups and works first; then discovered
//! organisations (an acronym in brackets joins its expansion, "Sony Pictures" joins "Sony Pictures
//! Entertainment"); then people, longest names first so that "Obama" joins "Barack Obama"; then
//! bare words, acronyms and "the North", each tied to an actor found elsewhere or dropped.
//! Every lookup is by hash key (full name, surname, first word, acronym): no pairwise comparison.

use std::borrow::Cow;

use crate::collections::Map;

use super::data::{AliasClass, Gazetteer, Lexicon};
use super::names::{initials, slug, strip_possessive};
use super::scan::{Cand, DocScan, Raw};
use super::{ActorRec, ActorSet, Gender, MentionRec};
use crate::analysis::ActorKind;
use crate::text::Document;

#[derive(Debug, Clone, Copy, PartialEq)]
enum AffTarget {
    Actor(usize),
    Entry(usize),
}

#[derive(Debug)]
struct Act {
    name: String,
    kind: ActorKind,
    entry: Option<usize>,
    gender: Gender,
    /// Best affiliation so far and its rank (higher is surer).
    aff: Option<(u8, AffTarget)>,
}

struct Builder<'a> {
    gaz: &'a Gazetteer,
    lex: &'a Lexicon,
    scans: &'a [DocScan],
    acts: Vec<Act>,
    keys: Map<String, usize>,
    /// The actor of each gazetteer entry, once made (a table, not a `keys` string per mention).
    entry_acts: Vec<Option<usize>>,
    /// assign[d][k]: actor of raw k of document d.
    assign: Vec<Vec<Option<usize>>>,
    /// Person actors by a word of their name: (actor, 0 last word, 1 first word, 2 other).
    person_words: Map<String, Vec<(usize, u8)>>,
    /// Company actors by their first word ("Sony").
    company_first: Map<String, usize>,
    /// Organisation actors by acronym (bracketed or initials).
    acronyms: Map<String, usize>,
    /// Sorted starts of the mentions of each (document, actor).
    positions: Map<(usize, usize), Vec<usize>>,
    /// Per document: (sentence, index of its first raw), by sentence.
    sent_first: Vec<Vec<(usize, usize)>>,
    /// Per document: the first country it names.
    first_country: Vec<Option<usize>>,
    /// Country actors (filled before the deferred pass).
    countries: Vec<usize>,
}

/// Sorts `v` stably by `key`, as `collections::sort_by_key` does, but only when it is out of
/// order: positions, sentence firsts and mentions are nearly always collected in order already,
/// and a stable sort leaves an ordered list as it is, so the check saves the sort's index
/// vector and its comparisons through a `dyn` comparator.
fn sort_if_needed<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    if v.windows(2).any(|w| key(&w[0]) > key(&w[1])) {
        crate::collections::sort_by_key(v, key);
    }
}

fn norm_name(s: &str) -> String {
    norm_name_ref(s).into_owned()
}

/// `norm_name`, borrowing from `s` when nothing but trimming changes it.
fn norm_name_ref(s: &str) -> Cow<'_, str> {
    let s = strip_possessive(s.trim());
    // Most names are already words joined by single spaces: they stand as they are (the same
    // result as splitting and joining, without the list in between).
    let b = s.as_bytes();
    let plain = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && b.iter()
            .all(|&c| c.is_ascii() && !(0x09..=0x0d).contains(&c))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// `s` in lower case, as `text::lowercase` gives it.
fn lower(s: &str) -> String {
    crate::text::lowercase(s).into_owned()
}

/// The key of generic body `body` (an index into the lexicon's bodies) of country `country`
/// (an actor index), or of no known country: "b:3:12", "b:3:-".
fn body_key(body: usize, country: Option<usize>) -> String {
    let mut key = crate::text::numbered("b:", body);
    key.push(':');
    match country {
        Some(c) => crate::text::push_decimal(&mut key, c),
        None => key.push('-'),
    }
    key
}

fn org_key(s: &str) -> String {
    let n = lower(&norm_name(s));
    n.trim_end_matches('.').to_string()
}

impl<'a> Builder<'a> {
    fn new_actor(
        &mut self,
        key: String,
        name: String,
        kind: ActorKind,
        entry: Option<usize>,
    ) -> usize {
        if let Some(&i) = self.keys.get(&key) {
            return i;
        }
        let i = self.acts.len();
        self.acts.push(Act {
            name,
            kind,
            entry,
            gender: Gender::Unknown,
            aff: None,
        });
        self.keys.insert(key, i);
        i
    }

    fn entry_actor(&mut self, e: usize) -> usize {
        let en = &self.gaz.entries[e];
        let i = match self.entry_acts[e] {
            Some(i) => i,
            None => {
                let i = self.acts.len();
                self.acts.push(Act {
                    name: en.name.clone(),
                    kind: en.kind,
                    entry: Some(e),
                    gender: Gender::Unknown,
                    aff: None,
                });
                self.entry_acts[e] = Some(i);
                i
            }
        };
        if let Some(a) = en.affiliation {
            self.offer_aff(i, 9, AffTarget::Entry(a));
        }
        i
    }

    fn offer_aff(&mut self, actor: usize, rank: u8, t: AffTarget) {
        if t == AffTarget::Actor(actor)
            || self.acts[actor]
                .entry
                .is_some_and(|e| t == AffTarget::Entry(e))
        {
            return;
        }
        let a = &mut self.acts[actor];
        if a.aff.is_none_or(|(r, _)| rank > r) {
            a.aff = Some((rank, t));
        }
    }

    fn raw(&self, d: usize, k: usize) -> &'a Raw {
        &self.scans[d].raws[k]
    }

    /// An entry when it is a country.
    fn country(&self, e: Option<usize>) -> Option<usize> {
        e.filter(|&e| self.gaz.entries[e].kind == ActorKind::Country)
    }

    /// The country the text around sentence `s` of document `d` reports on: a capital named as
    /// the place in this sentence, else the country that leads one of the last few
    /// sentences, else the first country of the document.
    fn context_country(&self, d: usize, s: usize, before: usize) -> Option<usize> {
        let scan = &self.scans[d];
        let p = scan.places.partition_point(|(ps, _)| *ps < s);
        if let Some(&(ps, e)) = scan.places.get(p) {
            if ps == s {
                return Some(e);
            }
        }
        let firsts = &self.sent_first[d];
        for sent in (s.saturating_sub(6)..=s).rev() {
            let Ok(x) = firsts.binary_search_by_key(&sent, |&(st, _)| st) else {
                continue;
            };
            let r = &scan.raws[firsts[x].1];
            if r.range.start >= before {
                continue;
            }
            if let Cand::Gaz { entry, .. } = r.cand {
                if let Some(c) = self.country(Some(entry)) {
                    return Some(c);
                }
            }
        }
        self.first_country[d]
    }

    /// Records that raw `k` of document `d` names `actor`.
    /// Positions are appended unsorted; [`Self::sort_positions`] must run before `nearest`.
    fn set(&mut self, d: usize, k: usize, actor: Option<usize>) {
        self.assign[d][k] = actor;
        if let Some(a) = actor {
            let at = self.scans[d].raws[k].range.start;
            self.positions.entry((d, a)).or_default().push(at);
        }
    }

    fn sort_positions(&mut self) {
        for v in self.positions.values_mut() {
            sort_if_needed(v, |&p| p);
        }
    }

    fn index_person(&mut self, actor: usize, name: &str) {
        let words: Vec<&str> = name
            .split(' ')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        if words.len() < 2 {
            return;
        }
        for (i, w) in words.iter().enumerate() {
            let pos = if i + 1 == words.len() {
                0
            } else if i == 0 {
                1
            } else {
                2
            };
            let v = self.person_words.entry(w.to_string()).or_default();
            if !v.iter().any(|(a, _)| *a == actor) {
                v.push((actor, pos));
            }
        }
    }

    /// Pass 1: gazetteer entries, bodies, works, groups with a known qualifier.
    fn pass_known(&mut self) {
        for d in 0..self.scans.len() {
            for k in 0..self.scans[d].raws.len() {
                let r = self.raw(d, k);
                let actor = match &r.cand {
                    Cand::Gaz { entry, .. } => Some(self.entry_actor(*entry)),
                    Cand::Body { body } => {
                        let country = self
                            .country(r.qualifier)
                            .or_else(|| self.context_country(d, r.sentence, r.range.start));
                        let canon = self.lex.bodies[*body];
                        let name = match country {
                            Some(c) => {
                                let en = &self.gaz.entries[c];
                                let who = if en.demonym.is_empty() {
                                    &en.name
                                } else {
                                    &en.demonym
                                };
                                crate::join!(who, " ", canon)
                            }
                            None => canon.to_string(),
                        };
                        let key = body_key(*body, country);
                        let a = self.new_actor(key, name, ActorKind::Organization, None);
                        if let Some(c) = country {
                            self.offer_aff(a, 8, AffTarget::Entry(c));
                        }
                        Some(a)
                    }
                    Cand::Work { title } => {
                        let t = norm_name(title);
                        Some(self.new_actor(crate::join!("w:", t), t, ActorKind::Other, None))
                    }
                    Cand::Group { noun, qualifier } => {
                        let party = qualifier
                            .as_deref()
                            .and_then(|q| self.lex.group_qualifiers.get(q).copied());
                        match (qualifier, r.qualifier, party) {
                            (None, _, _) => Some(self.new_actor(
                                crate::join!("g:", noun),
                                noun.clone(),
                                ActorKind::Group,
                                None,
                            )),
                            (Some(q), Some(entry), _)
                                if self.gaz.entries[entry].kind == ActorKind::Country =>
                            {
                                let name = crate::join!(norm_name(q), " ", noun);
                                let a = self.new_actor(
                                    crate::join!("g:", name),
                                    name,
                                    ActorKind::Group,
                                    None,
                                );
                                self.offer_aff(a, 8, AffTarget::Entry(entry));
                                Some(a)
                            }
                            (Some(q), _, Some(country)) => {
                                let name = crate::join!(q, " ", noun);
                                let a = self.new_actor(
                                    crate::join!("g:", name),
                                    name,
                                    ActorKind::Group,
                                    None,
                                );
                                if let Some(&c) = country.and_then(|c| self.gaz.by_name.get(c)) {
                                    self.offer_aff(a, 8, AffTarget::Entry(c));
                                }
                                Some(a)
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                self.set(d, k, actor);
            }
        }
    }

    /// Pass 2: discovered organisations.
    fn pass_orgs(&mut self) {
        // (document, raw, name, company, acronym, words in the name): the count is taken once
        // here rather than in every comparison of the sort.
        let mut orgs: Vec<(usize, usize, String, bool, Option<String>, usize)> = Vec::new();
        for d in 0..self.scans.len() {
            for (k, r) in self.scans[d].raws.iter().enumerate() {
                if let Cand::Org {
                    name,
                    company,
                    acronym,
                } = &r.cand
                {
                    let name = norm_name(name);
                    let words = name.split(' ').count();
                    orgs.push((d, k, name, *company, acronym.clone(), words));
                }
            }
        }
        // Longest first, so that a shorter company name finds the longer one it begins.
        crate::collections::sort_by_key(&mut orgs, |o| std::cmp::Reverse(o.5));
        for (d, k, name, company, acronym, _) in orgs {
            let key = crate::join!("o:", org_key(&name));
            let known = acronym
                .as_deref()
                .and_then(|a| self.exact_entry(a))
                .or_else(|| self.exact_entry(&name));
            let actor = if let Some(&a) = self.keys.get(&key) {
                a
            } else if let Some(e) = known {
                let a = self.entry_actor(e);
                self.keys.insert(key, a);
                a
            } else if let Some(a) = company.then(|| self.longer_company(&name)).flatten() {
                self.keys.insert(key, a);
                a
            } else {
                let a = self.new_actor(key, name.clone(), ActorKind::Organization, None);
                if let Some(e) = self.raw(d, k).qualifier {
                    self.offer_aff(a, 6, AffTarget::Entry(e));
                }
                if let Some(e) = self.leading_country(&name) {
                    self.offer_aff(a, 5, AffTarget::Entry(e));
                }
                a
            };
            if company {
                if let Some(first) = name.split(' ').next() {
                    self.company_first.entry(first.to_string()).or_insert(actor);
                }
            }
            if let Some(ac) = acronym {
                self.acronyms.entry(ac.replace('.', "")).or_insert(actor);
            }
            if self.acts[actor].entry.is_none() {
                let ini = initials(&name);
                if ini.len() >= 3 {
                    self.acronyms.entry(ini.clone()).or_insert(actor);
                    let words: Vec<&str> = name.split(' ').collect();
                    if words
                        .last()
                        .is_some_and(|w| self.lex.org_suffixes.contains_key(w))
                    {
                        // Initials may be any uppercase letter ("É"): drop the last char.
                        let mut cs = ini.chars();
                        cs.next_back();
                        self.acronyms
                            .entry(cs.as_str().to_string())
                            .or_insert(actor);
                    }
                }
            }
            self.set(d, k, Some(actor));
        }
    }

    /// The gazetteer entry one of whose aliases is exactly `s`.
    fn exact_entry(&self, s: &str) -> Option<usize> {
        self.gaz.names.exact(s).map(|p| self.gaz.patterns[p].0)
    }

    /// A country whose name starts `name` ("China Information Security Research Institute").
    fn leading_country(&self, name: &str) -> Option<usize> {
        let (p, len) = self.gaz.names.longest_prefix(name.as_bytes())?;
        let (e, class) = self.gaz.patterns[p];
        (name[len..].starts_with(' ')
            && class == AliasClass::Name
            && self.gaz.entries[e].kind == ActorKind::Country)
            .then_some(e)
    }

    /// A company already known whose name begins with the words of `name`.
    fn longer_company(&self, name: &str) -> Option<usize> {
        let first = name.split(' ').next()?;
        let &a = self.company_first.get(first)?;
        let longer = &self.acts[a].name;
        (longer.len() > name.len()
            && longer.starts_with(name)
            && longer[name.len()..].starts_with(' '))
        .then_some(a)
    }

    /// Pass 3: people, longest names first.
    fn pass_people(&mut self) {
        // (document, raw, name, words in the name), the count taken once (as in `pass_orgs`).
        let mut people: Vec<(usize, usize, String, usize)> = Vec::new();
        for d in 0..self.scans.len() {
            for (k, r) in self.scans[d].raws.iter().enumerate() {
                if let Cand::Person { name } = &r.cand {
                    let name = norm_name(name);
                    let words = name.split(' ').count();
                    people.push((d, k, name, words));
                }
            }
        }
        crate::collections::sort_by_key(&mut people, |p| std::cmp::Reverse(p.3));
        let mut sorted = false;
        for (d, k, name, _) in people {
            if !sorted && !name.contains(' ') {
                // From here on single words look for the nearest full name.
                self.sort_positions();
                sorted = true;
            }
            let key = crate::join!("p:", name);
            let actor = match self.keys.get(&key) {
                Some(&a) => a,
                None => {
                    let single = !name.contains(' ');
                    let at = self.raw(d, k).range.start;
                    let merged = if single {
                        self.person_by_word(d, &name, at)
                    } else {
                        self.person_by_tail(d, &name, at)
                    };
                    match merged {
                        Some(a) => a,
                        None => {
                            let a =
                                self.new_actor(key.clone(), name.clone(), ActorKind::Person, None);
                            self.index_person(a, &name);
                            a
                        }
                    }
                }
            };
            self.keys.entry(key).or_insert(actor);
            self.set(d, k, Some(actor));
            self.person_evidence(d, k, actor);
        }
    }

    /// Gender and affiliation from one titled mention.
    fn person_evidence(&mut self, d: usize, k: usize, actor: usize) {
        let r = self.raw(d, k);
        if self.acts[actor].gender == Gender::Unknown && r.gender != Gender::Unknown {
            self.acts[actor].gender = r.gender;
        }
        let title = r.title.map(|t| &self.lex.titles[t]);
        let qual_country = self.country(r.qualifier);
        if let Some(e) = r.qualifier {
            self.offer_aff(actor, 5, AffTarget::Entry(e));
        }
        let Some(title) = title else { return };
        let context = if title.government && qual_country.is_none() && !r.named_in_role {
            self.context_country(d, r.sentence, r.range.start)
        } else {
            None
        };
        // "Chinese Foreign Minister": the country's foreign ministry, where the story names it.
        if let (Some(body), Some(c)) = (title.body, qual_country.or(context)) {
            if let Some(&b) = self.keys.get(&body_key(body, Some(c))) {
                self.offer_aff(actor, 6, AffTarget::Actor(b));
            }
        }
        if let Some(&c) = title.country.and_then(|c| self.gaz.by_name.get(c)) {
            self.offer_aff(actor, 4, AffTarget::Entry(c));
        }
        if let Some(&c) = r.party_country.and_then(|c| self.gaz.by_name.get(c)) {
            self.offer_aff(actor, 4, AffTarget::Entry(c));
        }
        if let Some(c) = context {
            self.offer_aff(actor, 1, AffTarget::Entry(c));
        }
    }

    /// An organisation or country named inside the role of raw `k` of document `d`: "Foreign
    /// Ministry spokeswoman", "chairman of …", "Google's chief executive".
    fn role_affiliation(&mut self, d: usize, k: usize, actor: usize) {
        let Some(role) = &self.raw(d, k).role else {
            return;
        };
        let raws = &self.scans[d].raws;
        let from = raws.partition_point(|m| m.range.start < role.start);
        let inside: Vec<usize> = (from..raws.len())
            .take_while(|&j| raws[j].range.start < role.end)
            .filter(|&j| raws[j].range.end <= role.end)
            .filter_map(|j| self.assign[d][j])
            .collect();
        for a in inside {
            let t = match self.acts[a].kind {
                ActorKind::Organization => Some((7, AffTarget::Actor(a))),
                ActorKind::Country => Some((5, AffTarget::Actor(a))),
                _ => None,
            };
            if let Some((rank, t)) = t {
                self.offer_aff(actor, rank, t);
            }
        }
    }

    /// Affiliations named in roles, read once bare words are resolved: an organisation known
    /// only by its name ("Google spokesman Al Verney") is tied to its actor in the last pass.
    fn pass_roles(&mut self) {
        for d in 0..self.scans.len() {
            for k in 0..self.scans[d].raws.len() {
                if let (Some(actor), Cand::Person { .. }) =
                    (self.assign[d][k], &self.raw(d, k).cand)
                {
                    self.role_affiliation(d, k, actor);
                }
            }
        }
    }

    /// The person whose longer name ends with all of `name`'s words: "López Obrador" for
    /// "Andrés Manuel López Obrador", "Lula da Silva" for "Luiz Inácio Lula da Silva".
    fn person_by_tail(&self, d: usize, name: &str, at: usize) -> Option<usize> {
        let last = name.rsplit(' ').next()?;
        let pool: Vec<usize> = self
            .person_words
            .get(last)?
            .iter()
            .filter(|&&(a, p)| {
                let full = &self.acts[a].name;
                p == 0
                    && full.len() > name.len()
                    && full.ends_with(name)
                    && full.as_bytes()[full.len() - name.len() - 1] == b' '
            })
            .map(|&(a, _)| a)
            .collect();
        self.nearest(d, at, &pool)
    }

    /// The person a single word names: by last word, then first word ("Hua" for "Hua Chunying"),
    /// then any other word; among several, the one named nearest before `at` in document `d`.
    fn person_by_word(&self, d: usize, word: &str, at: usize) -> Option<usize> {
        let cands = self.person_words.get(word)?;
        if let [(a, _)] = cands.as_slice() {
            return Some(*a);
        }
        let best_pos = cands.iter().map(|(_, p)| *p).min()?;
        let pool: Vec<usize> = cands
            .iter()
            .filter(|(_, p)| *p == best_pos)
            .map(|(a, _)| *a)
            .collect();
        self.nearest(d, at, &pool)
    }

    /// Among `pool`, the actor mentioned nearest before `at` in document `d`, else nearest after,
    /// else the first.
    fn nearest(&self, d: usize, at: usize, pool: &[usize]) -> Option<usize> {
        if pool.len() <= 1 {
            return pool.first().copied();
        }
        let mut before: Option<(usize, usize)> = None;
        let mut after: Option<(usize, usize)> = None;
        for &a in pool {
            let Some(v) = self.positions.get(&(d, a)) else {
                continue;
            };
            let x = v.partition_point(|&p| p < at);
            if let Some(&p) = x.checked_sub(1).and_then(|y| v.get(y)) {
                if before.is_none_or(|(bp, _)| p > bp) {
                    before = Some((p, a));
                }
            }
            if let Some(&p) = v.get(x) {
                if after.is_none_or(|(ap, _)| p < ap) {
                    after = Some((p, a));
                }
            }
        }
        before
            .or(after)
            .map(|x| x.1)
            .or_else(|| pool.first().copied())
    }

    /// Pass 4: what could only be resolved against the rest: groups qualified by a name, bare
    /// words, acronyms, "the North".
    fn pass_deferred(&mut self) {
        self.sort_positions();
        self.countries = (0..self.acts.len())
            .filter(|&i| self.acts[i].kind == ActorKind::Country)
            .collect();
        for d in 0..self.scans.len() {
            for k in 0..self.scans[d].raws.len() {
                if self.assign[d][k].is_some() {
                    continue;
                }
                let r = self.raw(d, k);
                let actor = match &r.cand {
                    Cand::Group {
                        noun,
                        qualifier: Some(q),
                    } => {
                        // "Sony hackers" are the hackers (of Sony); "Republican critics" a group of their own.
                        if self.resolve_words(d, q, r.range.start).is_some() {
                            Some(self.new_actor(
                                crate::join!("g:", noun),
                                noun.clone(),
                                ActorKind::Group,
                                None,
                            ))
                        } else {
                            let name = crate::join!(q, " ", noun);
                            Some(self.new_actor(
                                crate::join!("g:", name),
                                name,
                                ActorKind::Group,
                                None,
                            ))
                        }
                    }
                    Cand::Short { text, with_the } => with_the
                        .as_ref()
                        .and_then(|t| self.keys.get(&crate::join!("w:", t)).copied())
                        .or_else(|| self.resolve_words(d, text, r.range.start)),
                    Cand::Acronym { text } => self.acronyms.get(text).copied(),
                    Cand::Direction { word } => self.direction(d, word),
                    _ => None,
                };
                self.assign[d][k] = actor;
            }
        }
    }

    /// The actor that capitalised words without evidence of their own name, if any.
    fn resolve_words(&self, d: usize, text: &str, at: usize) -> Option<usize> {
        let owned = norm_name_ref(text);
        let name: &str = &owned;
        // One key buffer for the three namespaces tried in turn.
        let mut key = String::with_capacity(name.len() + 2);
        for (prefix, form) in [("p:", false), ("o:", true), ("w:", false)] {
            key.clear();
            key.push_str(prefix);
            if form && name.is_ascii() {
                key.push_str(name);
                key[prefix.len()..].make_ascii_lowercase();
            } else if form {
                key.push_str(&crate::text::lowercase(name));
            } else {
                key.push_str(name);
            }
            if let Some(&a) = self.keys.get(key.as_str()) {
                return Some(a);
            }
        }
        let (Some((first, _)), Some((_, last))) = (name.split_once(' '), name.rsplit_once(' '))
        else {
            return self
                .person_by_word(d, name, at)
                .or_else(|| self.company_first.get(name).copied())
                .or_else(|| self.acronyms.get(name).copied());
        };
        // "John F. Kerry" for "John Kerry": same first and last word.
        // The first word's list is searched in place rather than copied out.
        let firsts = self.person_words.get(first)?;
        let pool: Vec<usize> = self
            .person_words
            .get(last)?
            .iter()
            .filter(|(a, p)| *p == 0 && firsts.iter().any(|(f, q)| *q == 1 && f == a))
            .map(|(a, _)| *a)
            .collect();
        self.nearest(d, at, &pool)
    }

    /// "the North": the country named "North …" that the documents mention, nearest first.
    fn direction(&self, d: usize, word: &str) -> Option<usize> {
        let prefix = crate::join!(word, " ");
        let pool: Vec<usize> = self
            .countries
            .iter()
            .copied()
            .filter(|&i| self.acts[i].name.starts_with(&prefix))
            .collect();
        if pool.is_empty() {
            return None;
        }
        self.nearest(d, usize::MAX, &pool)
    }

    /// Affiliations to entries become actors; returns the final affiliation of each actor.
    fn settle_affiliations(&mut self) -> Vec<Option<usize>> {
        let mut i = 0;
        let mut out = Vec::new();
        while i < self.acts.len() {
            let t = self.acts[i].aff.map(|(_, t)| t);
            let a = match t {
                Some(AffTarget::Actor(a)) => Some(a),
                Some(AffTarget::Entry(e)) => Some(self.entry_actor(e)),
                None => None,
            };
            out.push(a.filter(|&a| a != i));
            i += 1;
        }
        out
    }
}

/// Merges the scans of all documents into one actor set (see the module doc).
pub fn resolve(docs: &[Document], scans: &[DocScan], gaz: &Gazetteer, lex: &Lexicon) -> ActorSet {
    let mut b = Builder {
        gaz,
        lex,
        scans,
        acts: Vec::new(),
        keys: Map::default(),
        entry_acts: vec![None; gaz.entries.len()],
        assign: scans.iter().map(|s| vec![None; s.raws.len()]).collect(),
        person_words: Map::default(),
        company_first: Map::default(),
        acronyms: Map::default(),
        positions: Map::default(),
        sent_first: Vec::new(),
        first_country: Vec::new(),
        countries: Vec::new(),
    };
    for scan in scans {
        let mut firsts: Vec<(usize, usize)> = Vec::new();
        for (k, r) in scan.raws.iter().enumerate() {
            if firsts.last().is_none_or(|&(s, _)| s != r.sentence) {
                firsts.push((r.sentence, k));
            }
        }
        sort_if_needed(&mut firsts, |&(s, _)| s);
        firsts.dedup_by_key(|x| x.0);
        b.sent_first.push(firsts);
        b.first_country
            .push(scan.raws.iter().find_map(|r| match r.cand {
                Cand::Gaz { entry, .. } => b.country(Some(entry)),
                _ => None,
            }));
    }
    b.pass_known();
    b.pass_orgs();
    b.pass_people();
    b.pass_deferred();
    b.pass_roles();
    let affiliation = b.settle_affiliations();

    // Order actors by first mention; actors only named as an affiliation come last.
    let n = b.acts.len();
    let mut first = vec![(usize::MAX, usize::MAX); n];
    let mut count = vec![0usize; n];
    for (d, ks) in b.assign.iter().enumerate() {
        for (k, a) in ks.iter().enumerate() {
            if let Some(a) = *a {
                count[a] += 1;
                let at = (d, scans[d].raws[k].range.start);
                if at < first[a] {
                    first[a] = at;
                }
            }
        }
    }
    // Keep actors that are mentioned, or that a kept actor speaks for (transitively).
    let mut keep: Vec<bool> = count.iter().map(|&c| c > 0).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..n {
            if keep[i] {
                if let Some(a) = affiliation[i] {
                    if !keep[a] {
                        keep[a] = true;
                        changed = true;
                    }
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    crate::collections::sort_by_key(&mut order, |&i| (first[i], i));
    let mut new_index = vec![usize::MAX; n];
    for (j, &i) in order.iter().enumerate() {
        new_index[i] = j;
    }
    let mut used_ids: Map<String, usize> = Map::default();
    let mut actors: Vec<ActorRec> = order
        .iter()
        .map(|&i| {
            let a = &b.acts[i];
            let mut id = slug(&a.name);
            if id.is_empty() {
                id = "actor".to_string();
            }
            let c = used_ids.entry(id.clone()).or_insert(0);
            *c += 1;
            if *c > 1 {
                id = crate::text::numbered(&crate::join!(id, "-"), *c);
            }
            ActorRec {
                id,
                name: a.name.clone(),
                kind: a.kind,
                aliases: vec![a.name.clone()],
                affiliation: affiliation[i]
                    .map(|x| new_index[x])
                    .filter(|&x| x != usize::MAX),
                gender: a.gender,
            }
        })
        .collect();
    // Ids made unique by a suffix could collide with a natural id ("x-2"): settle once more.
    let mut seen = crate::collections::Set::default();
    for a in &mut actors {
        while !seen.insert(a.id.clone()) {
            a.id.push_str("-x");
        }
    }
    let mut mentions = Vec::new();
    for (d, ks) in b.assign.iter().enumerate() {
        for (k, a) in ks.iter().enumerate() {
            let Some(a) = *a else { continue };
            let j = new_index[a];
            let r = &scans[d].raws[k];
            let surface = docs[d].text.get(r.range.clone()).unwrap_or("");
            for form in [surface, strip_possessive(surface)] {
                if !form.is_empty() && !actors[j].aliases.iter().any(|x| x == form) {
                    actors[j].aliases.push(form.to_string());
                }
            }
            let role = r
                .role
                .clone()
                .filter(|_| b.acts[a].kind == ActorKind::Person);
            mentions.push(MentionRec {
                doc: d,
                range: r.range.clone(),
                actor: j,
                role,
            });
        }
    }
    sort_if_needed(&mut mentions, |m| (m.doc, m.range.start));
    ActorSet { actors, mentions }
}
