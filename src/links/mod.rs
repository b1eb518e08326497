//! Quote links: the same utterance carried by several documents, with the words that differ.
//!
//! How: every quote is cut into sentence units of normalised content words ([`normalize`]).
//! Units are clustered longest first: a unit looks up candidate clusters in an inverted index of
//! word pairs (adjacent and one-apart, order-free) of each cluster's representative, and joins
//! the best one whose representative holds most of its words within a window of about its own
//! length (so a three-word partial quote inside a long statement joins it, and paraphrases whose
//! content words agree join too). A unit that joins nothing starts a cluster. Each member keeps
//! the region of the representative it matched; members whose regions share a point are the same
//! utterance, so the groups are the maximal cliques of that interval graph (a long quote can be
//! in several groups, a partial quote only with what overlaps it); a group keeps one quote per
//! document, and a quote nested in another member's quote links only with nested quotes. Work
//! per unit is bounded by the clusters sharing a word pair with it, never by the number of
//! quotes. Finally every sentence of every document (outside quote marks) is looked up in an
//! index of the groups' shortest members, so that an outlet carrying a statement's words without
//! quote marks is found too (`LinkGroup::unquoted`).

pub mod normalize;

use crate::collections::{Map, Set};
use std::ops::Range;

use crate::quotes::QuoteRec;
use crate::text::Document;

use normalize::{DocWords, Normalizer, WordId};

/// A group of quotes (indices into the quote list) that report one utterance, in 2+ documents.
///
/// Invariant: every pair of members is itself a match (a clique, not a chain), members lie in
/// pairwise different documents and are sorted by (document, position); `similarity` and
/// `differing` run parallel to `members` and compare each member with `members[0]`
/// (`similarity[0]` is 1, `differing[0]` empty); differing ranges are byte ranges of the
/// member's own document, inside the member's quote. `unquoted` lists passages of documents
/// holding no member that carry the group's words without quote marks, as (document index,
/// byte range on char boundaries of that document's text), at most one per document.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkGroup {
    pub members: Vec<usize>,
    pub similarity: Vec<f64>,
    pub differing: Vec<Vec<Range<usize>>>,
    pub unquoted: Vec<(usize, Range<usize>)>,
}

/// Share of a unit's distinct content words that a cluster's representative must hold.
const MIN_COVERAGE: f64 = 0.75;
/// Fewest shared content words for a link: one word, however rare, is no evidence.
const MIN_MATCHED: usize = 2;
/// Most candidate clusters scored per unit (those sharing the most word pairs).
const MAX_CANDIDATES: usize = 24;

/// One sentence of one quote, as interned content-word stems.
struct Unit {
    quote: usize,
    stems: Vec<u32>,
}

/// Where a unit matched a representative: share of its distinct words found, how many, and the
/// range of representative positions from the first to the last word matched.
#[derive(Debug, Clone)]
struct Match {
    coverage: f64,
    matched: usize,
    region: Range<usize>,
}

struct Member {
    quote: usize,
    region: Range<usize>,
    coverage: f64,
}

struct Cluster {
    rep: Vec<u32>,
    members: Vec<Member>,
}

/// Reusable per-stem tables for [`window_match`], so a comparison allocates nothing.
///
/// Invariant between calls: every `count` is zero and no `wanted` entry equals `stamp`.
#[derive(Default)]
struct Scratch {
    wanted: Vec<u32>,
    count: Vec<u32>,
    stamp: u32,
}

impl Scratch {
    fn fit(&mut self, n: usize) {
        if self.wanted.len() < n {
            self.wanted.resize(n, 0);
            self.count.resize(n, 0);
        }
    }
}

/// Best window match of `unit` inside `rep`: the window is the unit's length plus half again
/// plus two, so reordered or slightly padded paraphrases still fit but scattered words do not.
/// Stems are dense ids below the scratch tables' size.
fn window_match(unit: &[u32], rep: &[u32], sc: &mut Scratch) -> Option<Match> {
    if unit.is_empty() || rep.is_empty() {
        return None;
    }
    let top = unit
        .iter()
        .chain(rep)
        .map(|&s| s as usize + 1)
        .max()
        .unwrap_or(0);
    sc.fit(top);
    sc.stamp = sc.stamp.wrapping_add(1);
    if sc.stamp == 0 {
        sc.wanted.iter_mut().for_each(|w| *w = 0);
        sc.stamp = 1;
    }
    let stamp = sc.stamp;
    let mut n_wanted = 0usize;
    for &s in unit {
        if sc.wanted[s as usize] != stamp {
            sc.wanted[s as usize] = stamp;
            n_wanted += 1;
        }
    }
    let is_wanted = |sc: &Scratch, s: u32| sc.wanted[s as usize] == stamp;
    let window = (unit.len() + unit.len() / 2 + 2).min(rep.len());
    let mut distinct = 0usize;
    let mut best: Option<(usize, usize)> = None; // (distinct matched, window start)
    for end in 0..rep.len() {
        let s = rep[end];
        if is_wanted(sc, s) {
            sc.count[s as usize] += 1;
            if sc.count[s as usize] == 1 {
                distinct += 1;
            }
        }
        if end >= window {
            let out = rep[end - window];
            if is_wanted(sc, out) {
                sc.count[out as usize] -= 1;
                if sc.count[out as usize] == 0 {
                    distinct -= 1;
                }
            }
        }
        let start = (end + 1).saturating_sub(window);
        if !matches!(best, Some((d, _)) if distinct <= d) {
            best = Some((distinct, start));
        }
    }
    // Restore the invariant: counts of the last window back to zero.
    for &s in &rep[rep.len().saturating_sub(window)..] {
        sc.count[s as usize] = 0;
    }
    let (matched, start) = best?;
    if matched == 0 {
        return None;
    }
    let stop = (start + window).min(rep.len());
    let first = (start..stop).find(|&k| is_wanted(sc, rep[k]))?;
    let last = (start..stop).rev().find(|&k| is_wanted(sc, rep[k]))?;
    Some(Match {
        coverage: matched as f64 / n_wanted as f64,
        matched,
        region: first..last + 1,
    })
}

/// True when a match is evidence of the same utterance.
fn accepted(m: &Match) -> bool {
    m.matched >= MIN_MATCHED && m.coverage >= MIN_COVERAGE
}

/// Calls `f` with each order-free pair of stems at distance one and two, in text order, with
/// repeats: the index keys before sorting.
fn for_each_gram(stems: &[u32], mut f: impl FnMut((u32, u32))) {
    for i in 0..stems.len() {
        for d in 1..=2 {
            if let Some(&b) = stems.get(i + d) {
                let a = stems[i];
                if a != b {
                    f((a.min(b), a.max(b)));
                }
            }
        }
    }
}

/// Order-free pairs of interned stems at distance one and two: the index keys, sorted and
/// without repeats.
fn grams(stems: &[u32]) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(stems.len() * 2);
    for_each_gram(stems, |g| out.push(g));
    crate::collections::sort_by(&mut out, Ord::cmp);
    out.dedup();
    out
}

/// The normalised words of every quote (empty for quotes whose range does not slice its text),
/// with spellings interned by `normalizer`.
/// `doc_words` holds each document's words from [`Normalizer::scan_document`].
fn quote_words(
    docs: &[Document],
    doc_words: &[DocWords],
    quotes: &[QuoteRec],
    normalizer: &mut Normalizer,
) -> Vec<Vec<WordId>> {
    quotes
        .iter()
        .map(|q| {
            let mut out = Vec::new();
            if let Some(d) = docs.get(q.doc) {
                if d.text.get(q.range.clone()).is_some() {
                    normalizer.slice_words_into(
                        &d.text,
                        &doc_words[q.doc],
                        q.range.clone(),
                        &mut out,
                    );
                }
            }
            out
        })
        .collect()
}

/// Links the quotes of all documents.
///
/// Headings (a quoted title standing alone) are not utterances and never link. Never panics;
/// quotes whose range does not slice their document are ignored.
pub fn link_quotes(docs: &[Document], quotes: &[QuoteRec]) -> Vec<LinkGroup> {
    // Links join documents: with quotes in fewer than two there is nothing to do.
    let quoting: Set<usize> = quotes
        .iter()
        .filter(|q| !q.heading && q.doc < docs.len())
        .map(|q| q.doc)
        .collect();
    if quoting.len() < 2 {
        return Vec::new();
    }
    // Each document is read once: its words, normalised, serve the vocabulary of closed
    // compounds, the quotes and the sentences outside quote marks alike.
    let mut normalizer = Normalizer::learning();
    let doc_words: Vec<DocWords> = docs
        .iter()
        .map(|d| normalizer.scan_document(&d.text))
        .collect();
    normalizer.stop_learning();
    let words = quote_words(docs, &doc_words, quotes, &mut normalizer);
    let mut scratch = Scratch::default();
    let mut content_of: Vec<Vec<u32>> = Vec::with_capacity(quotes.len());
    let mut units: Vec<Unit> = Vec::new();
    for (qi, (q, ws)) in quotes.iter().zip(&words).enumerate() {
        let mut all = Vec::with_capacity(ws.len());
        // The units are the runs of `all` between sentence ends: `all[from..]` is the current
        // one. A heading's words count for its content but make no units.
        let mut from = 0;
        for w in ws {
            if w.content {
                all.push(w.stem);
            }
            if w.ends_sentence && all.len() > from {
                if !q.heading {
                    units.push(Unit {
                        quote: qi,
                        stems: all[from..].to_vec(),
                    });
                }
                from = all.len();
            }
        }
        if all.len() > from && !q.heading {
            units.push(Unit {
                quote: qi,
                stems: all[from..].to_vec(),
            });
        }
        content_of.push(all);
    }
    units.retain(|u| u.stems.len() >= MIN_MATCHED);
    crate::collections::sort_by(&mut units, |a, b| {
        b.stems
            .len()
            .cmp(&a.stems.len())
            .then(a.quote.cmp(&b.quote))
    });

    let mut clusters: Vec<Cluster> = Vec::new();
    let mut index: Map<(u32, u32), Vec<usize>> = Map::default();
    // Word pairs each cluster shares with the current unit, by cluster id, and the clusters
    // with a non-zero count: a table cleared by its touched entries rather than whole, since
    // most units touch few of the clusters. Invariant between units: every count is zero.
    let mut hits: Vec<usize> = Vec::new();
    let mut touched: Vec<usize> = Vec::new();
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for unit in &units {
        let gs = grams(&unit.stems);
        for g in &gs {
            if let Some(list) = index.get(g) {
                for &c in list {
                    if hits[c] == 0 {
                        touched.push(c);
                    }
                    hits[c] += 1;
                }
            }
        }
        candidates.clear();
        candidates.extend(touched.iter().map(|&c| (std::mem::take(&mut hits[c]), c)));
        touched.clear();
        crate::collections::sort_by(&mut candidates, |a, b| b.cmp(a));
        candidates.truncate(MAX_CANDIDATES);
        let best = candidates
            .iter()
            .filter_map(|&(_, c)| {
                window_match(&unit.stems, &clusters[c].rep, &mut scratch).map(|m| (c, m))
            })
            .filter(|(_, m)| accepted(m))
            .max_by(|a, b| a.1.coverage.total_cmp(&b.1.coverage).then(b.0.cmp(&a.0)));
        match best {
            Some((c, m)) => clusters[c].members.push(Member {
                quote: unit.quote,
                region: m.region,
                coverage: m.coverage,
            }),
            None => {
                let id = clusters.len();
                hits.push(0);
                for g in gs {
                    index.entry(g).or_default().push(id);
                }
                clusters.push(Cluster {
                    members: vec![Member {
                        quote: unit.quote,
                        region: 0..unit.stems.len(),
                        coverage: 1.0,
                    }],
                    rep: unit.stems.clone(),
                });
            }
        }
    }

    let mut member_sets: Vec<Vec<usize>> = Vec::new();
    for cluster in &clusters {
        if cluster.members.len() < 2 {
            continue;
        }
        for clique in interval_cliques(&cluster.members) {
            let scored: Vec<(usize, f64)> = clique
                .iter()
                .map(|&i| (cluster.members[i].quote, cluster.members[i].coverage))
                .collect();
            for part in split_nested(&scored, quotes) {
                if let Some(set) = one_per_document(&part, quotes) {
                    member_sets.push(set);
                }
            }
        }
    }
    let member_sets = drop_contained(member_sets);
    let mut table = Vec::new();
    let mut groups: Vec<LinkGroup> = member_sets
        .into_iter()
        .map(|members| describe(members, &words, &content_of, &mut scratch, &mut table))
        .collect();
    find_unquoted(
        docs,
        &doc_words,
        quotes,
        &mut groups,
        &content_of,
        &mut normalizer,
        &mut scratch,
    );
    groups
}

/// Fewest distinct content words a group's shortest member needs for its words to be looked
/// for outside quote marks: two or three words ("act of war") are too common in prose.
const MIN_CARRIED: usize = 4;

/// True when `stems` holds at least `n` distinct values; reads only as far as it must.
fn has_distinct(stems: &[u32], n: usize) -> bool {
    let mut seen: Vec<u32> = Vec::with_capacity(n);
    for &s in stems {
        if !seen.contains(&s) {
            seen.push(s);
            if seen.len() >= n {
                return true;
            }
        }
    }
    n == 0
}

/// Finds, for each group, the sentences of documents holding no member that carry the words
/// of the group's shortest member without quote marks ("China says it opposes all forms of
/// cyberattacks"). Candidates come from an index of those members' word pairs; every sentence
/// of every document is looked at once, its words taken from `doc_words` (see
/// [`Normalizer::slice_words_into`]).
fn find_unquoted(
    docs: &[Document],
    doc_words: &[DocWords],
    quotes: &[QuoteRec],
    groups: &mut [LinkGroup],
    content_of: &[Vec<u32>],
    normalizer: &mut Normalizer,
    scratch: &mut Scratch,
) {
    let mut cores: Vec<Option<&[u32]>> = Vec::with_capacity(groups.len());
    let mut index: Map<(u32, u32), Vec<usize>> = Map::default();
    for (gi, g) in groups.iter().enumerate() {
        let core = g
            .members
            .iter()
            .map(|&m| content_of[m].as_slice())
            .filter(|c| has_distinct(c, MIN_CARRIED))
            .min_by_key(|c| c.len());
        if let Some(c) = core {
            for gram in grams(c) {
                index.entry(gram).or_default().push(gi);
            }
        }
        cores.push(core);
    }
    if index.is_empty() {
        return;
    }
    let mut quoted: Vec<Vec<Range<usize>>> = vec![Vec::new(); docs.len()];
    for q in quotes {
        if let Some(v) = quoted.get_mut(q.doc) {
            v.push(q.outer.start.min(q.range.start)..q.outer.end.max(q.range.end));
        }
    }
    let mut in_group: Vec<Set<usize>> = vec![Set::default(); groups.len()];
    for (gi, g) in groups.iter().enumerate() {
        in_group[gi].extend(g.members.iter().map(|&m| quotes[m].doc));
    }
    let mut found: Vec<Vec<(usize, Range<usize>, f64)>> = vec![Vec::new(); groups.len()];
    // Stems of some core: a word pair can only be an index key when both its stems are here,
    // which spares most pairs of most sentences the index look-up.
    let mut in_core: Vec<bool> = Vec::new();
    for &s in cores.iter().flatten().flat_map(|c| c.iter()) {
        let s = s as usize;
        if in_core.len() <= s {
            in_core.resize(s + 1, false);
        }
        in_core[s] = true;
    }
    let in_core = |s: u32| in_core.get(s as usize).copied().unwrap_or(false);
    // Buffers reused for every sentence.
    let mut ws: Vec<WordId> = Vec::new();
    let mut stems: Vec<u32> = Vec::new();
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut twice: Vec<usize> = Vec::new();
    let mut reach: Vec<usize> = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        let spans = &mut quoted[di];
        crate::collections::sort_by_key(spans, |r| r.start);
        let is_quoted = |b: usize| {
            let k = spans.partition_point(|r| r.start <= b);
            spans[..k].iter().rev().take(8).any(|r| b < r.end)
        };
        // The farthest end of the first k spans, at k: a sentence that no span starting before
        // its end reaches into has no quoted word, and its words need no look-up.
        reach.clear();
        reach.push(0);
        for r in spans.iter() {
            reach.push(r.end.max(reach[reach.len() - 1]));
        }
        for sentence in &doc.sentences {
            let Some(text) = doc.text.get(sentence.range.clone()) else {
                continue;
            };
            if is_quoted(sentence.range.start) && is_quoted(sentence.range.end.saturating_sub(1)) {
                continue;
            }
            if text.is_empty() {
                ws.clear();
            } else {
                normalizer.slice_words_into(
                    &doc.text,
                    &doc_words[di],
                    sentence.range.clone(),
                    &mut ws,
                );
            }
            stems.clear();
            ranges.clear();
            let before_end = spans.partition_point(|r| r.start < sentence.range.end);
            let unquoted = reach[before_end] <= sentence.range.start;
            for w in &ws {
                if w.content && (unquoted || !is_quoted(w.range.start)) {
                    stems.push(w.stem);
                    ranges.push(w.range.clone());
                }
            }
            if stems.len() < MIN_CARRIED {
                continue;
            }
            // The sentence's word pairs that are index keys (what `grams` would give, less
            // the pairs no core has).
            keys.clear();
            for_each_gram(&stems, |g| {
                if in_core(g.0) && in_core(g.1) && index.contains_key(&g) {
                    keys.push(g);
                }
            });
            // A carrier shares at least two word pairs with the group's core.
            if keys.len() < 2 {
                continue;
            }
            crate::collections::sort_by(&mut keys, Ord::cmp);
            keys.dedup();
            candidates.clear();
            candidates.extend(keys.iter().filter_map(|g| index.get(g)).flatten().copied());
            crate::collections::sort_by(&mut candidates, Ord::cmp);
            twice.clear();
            twice.extend(candidates.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]));
            twice.dedup();
            twice.retain(|&gi| !in_group[gi].contains(&di));
            for &gi in twice.iter().take(MAX_CANDIDATES) {
                let Some(core) = cores[gi] else { continue };
                let Some(m) = window_match(core, &stems, scratch) else {
                    continue;
                };
                if m.matched + 1 < MIN_CARRIED || m.coverage < MIN_COVERAGE {
                    continue;
                }
                let r = ranges[m.region.start].start..ranges[m.region.end - 1].end;
                let slot = &mut found[gi];
                match slot.iter_mut().find(|(d, _, _)| *d == di) {
                    Some(best) if best.2 >= m.coverage => {}
                    Some(best) => *best = (di, r, m.coverage),
                    None => slot.push((di, r, m.coverage)),
                }
            }
        }
    }
    for (g, f) in groups.iter_mut().zip(found) {
        g.unquoted = f.into_iter().map(|(d, r, _)| (d, r)).collect();
    }
}

/// Maximal sets of members whose regions share a point (each as indices into `members`).
fn interval_cliques(members: &[Member]) -> Vec<Vec<usize>> {
    // (position, 0 = end before 1 = start at the same position, member)
    let mut events: Vec<(usize, u8, usize)> = Vec::with_capacity(members.len() * 2);
    for (i, m) in members.iter().enumerate() {
        if m.region.end > m.region.start {
            events.push((m.region.start, 1, i));
            events.push((m.region.end, 0, i));
        }
    }
    crate::collections::sort_by(&mut events, Ord::cmp);
    let mut active: Vec<usize> = Vec::new();
    let mut added_since_emit = false;
    let mut out = Vec::new();
    for (_, kind, i) in events {
        if kind == 1 {
            active.push(i);
            added_since_emit = true;
        } else {
            if added_since_emit && active.len() >= 2 {
                out.push(active.clone());
            }
            added_since_emit = false;
            active.retain(|&a| a != i);
        }
    }
    out
}

/// Quote indices with the coverage each matched by.
type Scored = Vec<(usize, f64)>;

/// A quote nested inside another member's quote of the same document is someone else's words
/// quoted by that speaker: it links with its own kind, not with the outer quote's reports.
fn split_nested(clique: &[(usize, f64)], quotes: &[QuoteRec]) -> Vec<Scored> {
    // Sorted by document, start, and longest first: a member lies inside another when an
    // earlier one of its document reaches at least as far and is not the same range.
    let mut order: Vec<usize> = (0..clique.len()).collect();
    let key = |i: usize| {
        let q = &quotes[clique[i].0];
        (q.doc, q.outer.start, std::cmp::Reverse(q.outer.end))
    };
    crate::collections::sort_by_key(&mut order, |&i| key(i));
    let mut nested = vec![false; clique.len()];
    let mut reach: Option<(usize, Range<usize>)> = None; // (doc, farthest range so far)
    for &i in &order {
        let q = &quotes[clique[i].0];
        match &reach {
            Some((d, r)) if *d == q.doc => {
                if r.end >= q.outer.end && *r != q.outer {
                    nested[i] = true;
                }
                if q.outer.end > r.end {
                    reach = Some((q.doc, q.outer.clone()));
                }
            }
            _ => reach = Some((q.doc, q.outer.clone())),
        }
    }
    let (mut inner, mut outer): (Scored, Scored) = (Vec::new(), Vec::new());
    for (&m, &n) in clique.iter().zip(&nested) {
        if n {
            inner.push(m);
        } else {
            outer.push(m);
        }
    }
    if inner.is_empty() {
        vec![outer]
    } else {
        vec![outer, inner]
    }
}

/// Keeps one member per document (the best covered, then the shortest quote) and returns the
/// quote indices, or `None` when fewer than two documents remain.
fn one_per_document(members: &[(usize, f64)], quotes: &[QuoteRec]) -> Option<Vec<usize>> {
    let mut best: Map<usize, (usize, f64)> = Map::default();
    for &(q, cov) in members {
        let doc = quotes[q].doc;
        let len = quotes[q].range.len();
        match best.get(&doc) {
            Some(&(bq, bcov)) if bcov > cov || (bcov == cov && quotes[bq].range.len() <= len) => {}
            _ => {
                best.insert(doc, (q, cov));
            }
        }
    }
    if best.len() < 2 {
        return None;
    }
    let mut out: Vec<usize> = best.into_values().map(|(q, _)| q).collect();
    crate::collections::sort_by_key(&mut out, |&q| (quotes[q].doc, quotes[q].range.start, q));
    Some(out)
}

/// Removes repeated groups and groups whose members all belong to another group.
fn drop_contained(mut sets: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    crate::collections::sort_by(&mut sets, Ord::cmp);
    sets.dedup();
    crate::collections::sort_by(&mut sets, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut by_member: Map<usize, Vec<usize>> = Map::default();
    let mut kept: Vec<Vec<usize>> = Vec::new();
    for set in sets {
        let contained = by_member.get(&set[0]).is_some_and(|gs| {
            gs.iter()
                .any(|&g| set.iter().all(|m| kept[g].binary_search(m).is_ok()))
        });
        if contained {
            continue;
        }
        let id = kept.len();
        for &m in &set {
            by_member.entry(m).or_default().push(id);
        }
        kept.push(set);
    }
    crate::collections::sort_by(&mut kept, Ord::cmp);
    kept
}

/// Similarity and differing words of each member against the first.
fn describe(
    members: Vec<usize>,
    words: &[Vec<WordId>],
    content_of: &[Vec<u32>],
    scratch: &mut Scratch,
    table: &mut Vec<u32>,
) -> LinkGroup {
    let first = members[0];
    let mut similarity = Vec::with_capacity(members.len());
    let mut differing = Vec::with_capacity(members.len());
    // Outlets often carry a quote word for word alike (one wire copy): which words are common
    // with the first member depends only on the spellings, so it is worked out once per
    // distinct spelling sequence.
    let mut common_by_spelling: Map<Vec<u32>, Vec<bool>> = Map::default();
    for (k, &m) in members.iter().enumerate() {
        if k == 0 {
            similarity.push(1.0);
            differing.push(Vec::new());
            continue;
        }
        similarity.push(pair_similarity(&content_of[m], &content_of[first], scratch));
        let spelling: Vec<u32> = words[m].iter().map(|w| w.lower).collect();
        let common = common_by_spelling
            .entry(spelling)
            .or_insert_with(|| common_words(&words[m], &words[first], table));
        differing.push(differing_spans(&words[m], common));
    }
    LinkGroup {
        members,
        similarity,
        differing,
        unquoted: Vec::new(),
    }
}

/// Content-word similarity of two quotes: the shorter one's coverage inside the longer, 0 to 1.
fn pair_similarity(a: &[u32], b: &[u32], scratch: &mut Scratch) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    window_match(short, long, scratch).map_or(0.0, |m| (m.coverage * 1000.0).round() / 1000.0)
}

/// Which of `member`'s words are in the longest common word sequence with `reference` (by
/// lowercase spelling), one flag per word. `table` is working space, reused across calls.
/// Empty for an empty member or when the table would be too large.
fn common_words(member: &[WordId], reference: &[WordId], table: &mut Vec<u32>) -> Vec<bool> {
    // Quotes are sentences long; a cap keeps the table small on pathological input.
    if member.is_empty() || member.len() * reference.len() > 4_000_000 {
        return Vec::new();
    }
    // Equal words are always taken as common in the walk below, so a common prefix is common
    // whatever follows: only the rests need the table (none at all for an identical copy).
    let prefix = member
        .iter()
        .zip(reference)
        .take_while(|(a, b)| a.lower == b.lower)
        .count();
    let mut in_common = vec![false; member.len()];
    in_common[..prefix].fill(true);
    let (rest, ref_rest) = (&member[prefix..], &reference[prefix..]);
    let (n, m) = (rest.len(), ref_rest.len());
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let len = at(n + 1, 0);
    if table.len() < len {
        table.resize(len, 0);
    }
    // Only the last row and the last column are read before being written (the cells past the
    // ends): they are set to zero, the rest is left as the last call wrote it.
    table[at(n, 0)..len].fill(0);
    // Row i is filled right to left from row i + 1 below it, walked by iterators (no index
    // checks); `right` carries the cell just filled, starting at row[m].
    for (i, word) in rest.iter().enumerate().rev() {
        let (row, below) = table[at(i, 0)..at(i + 2, 0)].split_at_mut(m + 1);
        row[m] = 0;
        let mut right = 0;
        for ((cell, pair), r) in row.iter_mut().zip(below.windows(2)).zip(ref_rest).rev() {
            right = if word.lower == r.lower {
                pair[1] + 1
            } else {
                pair[0].max(right)
            };
            *cell = right;
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if rest[i].lower == ref_rest[j].lower {
            in_common[prefix + i] = true;
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    in_common
}

/// Byte ranges of `member`'s words not flagged in `common` (from [`common_words`]; none when
/// it is empty), neighbouring words merged into one range.
fn differing_spans(member: &[WordId], common: &[bool]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut prev_differs = false;
    for (w, &common) in member.iter().zip(common) {
        if common {
            prev_differs = false;
            continue;
        }
        match out.last_mut() {
            Some(last) if prev_differs => last.end = w.range.end,
            _ => out.push(w.range.clone()),
        }
        prev_differs = true;
    }
    out
}
