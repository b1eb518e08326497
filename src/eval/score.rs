//! Scoring one analysis against the gold: quotes, speakers, alias clusters, quote links,
//! stances and span validity, with `score.py`'s semantics (see each section).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::doctext::{norm, DocText};
use super::gold::{Gold, GoldActor};
use super::lenient::is_absent;
use super::matching::{candidate_pairs, greedy_match, overlap, prf, ratio, Indexed, Span16};
use super::pyfmt::{head, py_opt, py_repr};
use super::report::{Counts, Report};
use crate::analysis::{Analysis, DocumentInput, Mention, Polarity, Quote, Span};

/// A gold quote located in its document.
struct GoldQuoteAt<'a> {
    doc: &'a str,
    /// Trimmed past quote marks and edge punctuation.
    span: Span16,
    speaker: Option<&'a str>,
    kind: &'a str,
    text: &'a str,
}

/// A system quote with a valid span.
struct SysQuoteAt<'a> {
    doc: &'a str,
    /// Trimmed past quote marks and edge punctuation.
    span: Span16,
    quote: &'a Quote,
}

/// Whether a gold speaker id names nobody.
fn unnamed(speaker: Option<&str>) -> bool {
    matches!(speaker, None | Some("unknown"))
}

/// Validates system spans (text equals its UTF-16 slice) and keeps the tally.
struct SpanCheck<'t, 'a> {
    texts: &'t HashMap<&'a str, DocText<'a>>,
    checked: usize,
    bad: usize,
}

impl<'a> SpanCheck<'_, 'a> {
    /// The span when valid. A span of a document outside the gold is neither counted nor
    /// scored; an invalid one is counted bad and logged with `describe()`.
    fn check(
        &mut self,
        doc: &str,
        start: usize,
        end: usize,
        text: &str,
        describe: impl FnOnce() -> String,
        misses: &mut Vec<String>,
    ) -> Option<Span16> {
        let d = self.texts.get(doc)?;
        self.checked += 1;
        if d.slice16(start, end) == Some(text) {
            Some((start, end))
        } else {
            self.bad += 1;
            misses.push(format!("bad span in {doc}: {}", describe()));
            None
        }
    }
}

/// Name sets compared to decide whether a system actor is a gold actor.
struct ActorNames<'a> {
    /// System actor id (the last actor with that id) -> its normalised name and aliases.
    system: HashMap<&'a str, HashSet<String>>,
    /// Gold actor id -> normalised id (underscores as spaces), name and aliases.
    gold: HashMap<&'a str, HashSet<String>>,
    /// Gold actor id -> the actor it speaks for.
    affiliation: HashMap<&'a str, Option<&'a str>>,
}

impl<'a> ActorNames<'a> {
    fn new(gold: &HashMap<&'a str, &'a GoldActor>, analysis: &'a Analysis) -> Self {
        let mut system = HashMap::new();
        for a in &analysis.actors {
            let mut names: HashSet<String> = std::iter::once(norm(&a.name))
                .chain(a.aliases.iter().map(|x| norm(x)))
                .collect();
            names.remove("");
            system.insert(a.id.as_str(), names);
        }
        let mut gold_names = HashMap::new();
        let mut affiliation = HashMap::new();
        for (&id, a) in gold {
            let names: HashSet<String> = [norm(&id.replace('_', " ")), norm(&a.name)]
                .into_iter()
                .chain(a.aliases.iter().map(|x| norm(x)))
                .collect();
            gold_names.insert(id, names);
            affiliation.insert(id, a.affiliation.as_deref());
        }
        ActorNames {
            system,
            gold: gold_names,
            affiliation,
        }
    }

    /// A system actor is a gold actor when its name or an alias equals (normalised) the gold
    /// actor's id, name or an alias.
    fn same(&self, sys_id: Option<&str>, gold_id: Option<&str>) -> bool {
        let (Some(s), Some(g)) = (sys_id, gold_id) else {
            return false;
        };
        if g == "unknown" {
            return false;
        }
        match (self.system.get(s), self.gold.get(g)) {
            (Some(a), Some(b)) => !a.is_disjoint(b),
            _ => false,
        }
    }

    /// The gold actor and those it speaks for, nearest first: hua_chunying -> ministry -> china.
    fn chain(&self, gold_id: &'a str) -> Vec<&'a str> {
        let mut chain = Vec::new();
        let mut cur = Some(gold_id);
        while let Some(id) = cur.filter(|id| !id.is_empty() && !chain.contains(id)) {
            chain.push(id);
            cur = self.affiliation.get(id).copied().flatten();
        }
        chain
    }
}

/// `repr` of a span object as `score.py` prints a bad one.
fn span_repr(s: &Span) -> String {
    format!(
        "{{'start': {}, 'end': {}, 'text': {}}}",
        s.start,
        s.end,
        py_repr(&s.text)
    )
}

fn mention_repr(m: &Mention) -> String {
    format!(
        "{{'doc': {}, 'actor': {}, 'start': {}, 'end': {}, 'text': {}}}",
        py_repr(&m.doc),
        py_repr(&m.actor),
        m.start,
        m.end,
        py_repr(&m.text)
    )
}

fn quote_repr(q: &Quote) -> String {
    let kind = q.kind.as_str();
    format!(
        "{{'id': {}, 'doc': {}, 'start': {}, 'end': {}, 'text': {}, 'speaker': {}, 'cue': {}, 'kind': {}}}",
        py_repr(&q.id),
        py_repr(&q.doc),
        q.start,
        q.end,
        py_repr(&q.text),
        py_opt(q.speaker.as_deref()),
        q.cue.as_ref().map_or_else(|| "None".to_string(), span_repr),
        py_repr(kind)
    )
}

/// `n * (n - 1) / 2`: pairs among `n` items.
fn pairs_of(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// Scores `analysis` against `gold`; `docs` holds the documents' texts (as [`super::load_gold`]
/// returns them; documents not in the gold are ignored, and so is every analysis item about them).
///
/// Agrees with `score.py` figure for figure. Never panics: a gold document without a text, or a
/// gold quote or evidence its text lacks (impossible after `load_gold`), is skipped and logged
/// as a miss.
pub fn score(gold: &Gold, docs: &[DocumentInput], analysis: &Analysis) -> Report {
    let mut misses = Vec::new();
    let gold_actors = gold.actor_map();
    let mut inputs: HashMap<&str, &DocumentInput> = HashMap::new();
    for d in docs {
        inputs.entry(d.id.as_str()).or_insert(d);
    }
    let mut texts: HashMap<&str, DocText> = HashMap::new();
    for g in &gold.docs {
        match inputs.get(g.doc.as_str()) {
            Some(d) => {
                texts.insert(g.doc.as_str(), DocText::new(&d.text));
            }
            None => misses.push(format!("no text for gold document {}", g.doc)),
        }
    }
    let names = ActorNames::new(&gold_actors, analysis);
    let mut spans = SpanCheck {
        texts: &texts,
        checked: 0,
        bad: 0,
    };
    let mut figures: Vec<(String, f64)> = Vec::new();
    let mut put = |name: &str, v: f64| figures.push((name.to_string(), v));

    for m in &analysis.mentions {
        spans.check(
            &m.doc,
            m.start,
            m.end,
            &m.text,
            || mention_repr(m),
            &mut misses,
        );
    }

    // --- Quotes: same document, IoU of trimmed spans >= 0.8, one-to-one by best IoU.
    let mut gold_q: Vec<GoldQuoteAt> = Vec::new();
    for g in &gold.docs {
        let Some(d) = texts.get(g.doc.as_str()) else {
            continue;
        };
        for (q, found) in g.quotes.iter().zip(g.locate(d).quotes) {
            match found {
                Some(r) => gold_q.push(GoldQuoteAt {
                    doc: &g.doc,
                    span: d.trim16(d.utf16_of(r.start), d.utf16_of(r.end)),
                    speaker: q.speaker.as_deref(),
                    kind: &q.kind,
                    text: &q.text,
                }),
                None => misses.push(format!(
                    "gold quote not in {}: {}",
                    g.doc,
                    py_repr(head(&q.text, 60))
                )),
            }
        }
    }
    let mut sys_q: Vec<SysQuoteAt> = Vec::new();
    for q in &analysis.quotes {
        if let Some((s, e)) = spans.check(
            &q.doc,
            q.start,
            q.end,
            &q.text,
            || quote_repr(q),
            &mut misses,
        ) {
            sys_q.push(SysQuoteAt {
                doc: &q.doc,
                span: texts[q.doc.as_str()].trim16(s, e),
                quote: q,
            });
        }
    }
    let mut by_doc: BTreeMap<&str, (Vec<Indexed>, Vec<Indexed>)> = BTreeMap::new();
    for (i, g) in gold_q.iter().enumerate() {
        by_doc.entry(g.doc).or_default().0.push((i, g.span));
    }
    for (j, s) in sys_q.iter().enumerate() {
        by_doc.entry(s.doc).or_default().1.push((j, s.span));
    }
    let candidates: Vec<(f64, usize, usize)> = by_doc
        .values()
        .flat_map(|(g, s)| candidate_pairs(g, s))
        .collect();
    let matched = greedy_match(candidates);
    let mut g2s: Vec<Option<usize>> = vec![None; gold_q.len()];
    let mut s2g: Vec<Option<usize>> = vec![None; sys_q.len()];
    for &(i, j) in &matched {
        g2s[i] = Some(j);
        s2g[j] = Some(i);
    }
    let is_direct = |g: &GoldQuoteAt| g.kind == "direct";
    let direct_total = gold_q.iter().filter(|g| is_direct(g)).count();
    let direct_found = gold_q
        .iter()
        .zip(&g2s)
        .filter(|(g, m)| is_direct(g) && m.is_some())
        .count();
    let partial_total = gold_q.len() - direct_total;
    let partial_found = gold_q
        .iter()
        .zip(&g2s)
        .filter(|(g, m)| !is_direct(g) && m.is_some())
        .count();
    let (p, r, f) = prf(matched.len(), sys_q.len(), direct_found, direct_total);
    put("quote_precision", p);
    put("quote_recall", r);
    put("quote_f1", f);
    put("partial_recall", ratio(partial_found, partial_total));

    // --- Speakers of found quotes whose gold speaker is named: exact actor, or an actor it
    // speaks for; quote_speaker_recall divides by every gold quote with a named speaker.
    let (mut total, mut exact, mut null, mut affil) = (0, 0, 0, 0);
    for &(i, j) in &matched {
        let g = &gold_q[i];
        if unnamed(g.speaker) {
            continue;
        }
        total += 1;
        let got = sys_q[j].quote.speaker.as_deref();
        if got.is_none() {
            null += 1;
        }
        if names.same(got, g.speaker) {
            exact += 1;
        }
        let chain = g.speaker.map(|s| names.chain(s)).unwrap_or_default();
        if chain.iter().any(|&a| names.same(got, Some(a))) {
            affil += 1;
        } else {
            misses.push(format!(
                "speaker {}: gold {}, got {}: {}",
                g.doc,
                g.speaker.unwrap_or("None"),
                got.unwrap_or("None"),
                py_repr(head(g.text, 60))
            ));
        }
    }
    let named_total = gold_q.iter().filter(|g| !unnamed(g.speaker)).count();
    put("speaker_acc", ratio(exact, total));
    put("speaker_acc_affil", ratio(affil, total));
    put("speaker_null", null as f64);
    put("quote_speaker_recall", ratio(exact, named_total.max(1)));
    for (g, m) in gold_q.iter().zip(&g2s) {
        if m.is_none() {
            misses.push(format!(
                "quote missed {} ({}): {}",
                g.doc,
                g.kind,
                py_repr(head(g.text, 70))
            ));
        }
    }
    for (s, m) in sys_q.iter().zip(&s2g) {
        if m.is_none() {
            misses.push(format!(
                "quote extra {}: {}",
                s.doc,
                py_repr(head(&s.quote.text, 70))
            ));
        }
    }

    // --- Alias clusters: every gold surface form found (word-bounded) in a document where its
    // actor is annotated is one item; the system puts it with the actor most of its mentions
    // with exactly that text name. Pairs of items: same gold actor vs same system actor.
    let mut tallies: HashMap<&str, (Vec<&str>, HashMap<&str, usize>)> = HashMap::new();
    for m in &analysis.mentions {
        if texts.contains_key(m.doc.as_str()) {
            let (order, counts) = tallies.entry(m.text.as_str()).or_default();
            let n = counts.entry(m.actor.as_str()).or_insert(0);
            if *n == 0 {
                order.push(m.actor.as_str());
            }
            *n += 1;
        }
    }
    let mut items: BTreeMap<&str, &str> = BTreeMap::new(); // alias -> gold actor (first found)
    for g in &gold.docs {
        let Some(d) = texts.get(g.doc.as_str()) else {
            continue;
        };
        for gid in &g.actors {
            let Some(actor) = gold_actors.get(gid.as_str()) else {
                continue;
            };
            for alias in &actor.aliases {
                if !items.contains_key(alias.as_str()) && d.has_word_bounded(alias) {
                    items.insert(alias.as_str(), gid.as_str());
                }
            }
        }
    }
    // The first actor reaching the highest count wins (Counter.most_common's tie rule).
    let assign = |alias: &str| -> Option<&str> {
        let (order, counts) = tallies.get(alias)?;
        let mut best: Option<(&str, usize)> = None;
        for &a in order {
            let beats = match best {
                Some((_, n)) => counts[a] > n,
                None => true,
            };
            if beats {
                best = Some((a, counts[a]));
            }
        }
        best.map(|(a, _)| a)
    };
    let mut per_gold: HashMap<&str, usize> = HashMap::new();
    let mut per_sys: HashMap<&str, usize> = HashMap::new();
    let mut per_both: HashMap<(&str, &str), usize> = HashMap::new();
    let mut assigned = 0;
    let mut unrecognised = Vec::new();
    for (&alias, &gid) in &items {
        *per_gold.entry(gid).or_insert(0) += 1;
        match assign(alias) {
            Some(sid) => {
                assigned += 1;
                *per_sys.entry(sid).or_insert(0) += 1;
                *per_both.entry((gid, sid)).or_insert(0) += 1;
            }
            None => unrecognised.push(format!("alias not recognised: {} ({gid})", py_repr(alias))),
        }
    }
    let both: usize = per_both.values().map(|&n| pairs_of(n)).sum();
    let same_gold: usize = per_gold.values().map(|&n| pairs_of(n)).sum();
    let same_sys: usize = per_sys.values().map(|&n| pairs_of(n)).sum();
    let (p, r, f) = prf(both, same_sys, both, same_gold);
    put("alias_precision", p);
    put("alias_recall", r);
    put("alias_f1", f);
    put("alias_coverage", ratio(assigned, items.len().max(1)));
    misses.extend(unrecognised);

    // --- Quote links: cross-document pairs of quotes. A gold quote is known by (document,
    // text); a system pair counts against the gold quotes its ends matched, and a pair with an
    // end that matched no gold quote ("loose") only costs precision.
    type Key<'a> = (&'a str, &'a str);
    let keys: Vec<Key> = gold_q.iter().map(|g| (g.doc, g.text)).collect();
    let key_set: BTreeSet<Key> = keys.iter().copied().collect();
    let mut gold_pairs: BTreeSet<(Key, Key)> = BTreeSet::new();
    for grp in &gold.links {
        let members: Vec<Key> = grp
            .members
            .iter()
            .map(|m| (m.doc.as_str(), m.text.as_str()))
            .filter(|k| key_set.contains(k))
            .collect::<BTreeSet<Key>>()
            .into_iter()
            .collect();
        for (a, x) in members.iter().enumerate() {
            for y in &members[a + 1..] {
                if x.0 != y.0 {
                    gold_pairs.insert((*x, *y));
                }
            }
        }
    }
    let mut sys_index: HashMap<&str, usize> = HashMap::new();
    for (j, s) in sys_q.iter().enumerate() {
        sys_index.insert(s.quote.id.as_str(), j);
    }
    let mut sys_pairs: HashSet<(Key, Key)> = HashSet::new();
    let mut loose: HashSet<(usize, usize)> = HashSet::new();
    for link in &analysis.quote_links {
        let mut js: Vec<usize> = link
            .quotes
            .iter()
            .filter_map(|id| sys_index.get(id.as_str()).copied())
            .collect();
        js.sort_unstable();
        js.dedup();
        for (a, &x) in js.iter().enumerate() {
            for &y in &js[a + 1..] {
                if sys_q[x].doc == sys_q[y].doc {
                    continue;
                }
                match (s2g[x], s2g[y]) {
                    (Some(gx), Some(gy)) => {
                        let (kx, ky) = (keys[gx], keys[gy]);
                        sys_pairs.insert((kx.min(ky), kx.max(ky)));
                    }
                    _ => {
                        loose.insert((x, y));
                    }
                }
            }
        }
    }
    let hit = sys_pairs.iter().filter(|p| gold_pairs.contains(p)).count();
    let (p, r, f) = prf(hit, sys_pairs.len() + loose.len(), hit, gold_pairs.len());
    put("link_precision", p);
    put("link_recall", r);
    put("link_f1", f);

    // --- Stances: same document, system evidence (or cue) overlapping the gold evidence,
    // polarity equal, holder the gold actor; each system stance used once, first fit.
    let mut gold_st: Vec<(&str, Span16, &str, &str, &str)> = Vec::new();
    for g in &gold.docs {
        let Some(d) = texts.get(g.doc.as_str()) else {
            continue;
        };
        for (s, found) in g.stances.iter().zip(g.locate(d).stances) {
            match found {
                Some(r) => {
                    let span = (d.utf16_of(r.start), d.utf16_of(r.end));
                    gold_st.push((&g.doc, span, &s.actor, &s.polarity, &s.evidence))
                }
                None => misses.push(format!(
                    "gold evidence not in {}: {}",
                    g.doc,
                    py_repr(head(&s.evidence, 60))
                )),
            }
        }
    }
    // (document, evidence-or-cue, cue-or-evidence, holder, polarity), in analysis order.
    let mut sys_st: Vec<(&str, Span16, Span16, &str, &str)> = Vec::new();
    for s in &analysis.stances {
        let (ev, cue) = (&s.evidence, &s.cue);
        let mut checked = |sp: &Span| {
            if is_absent(sp) {
                return None; // a file without this span (see `read_analysis`)
            }
            spans.check(
                &s.doc,
                sp.start,
                sp.end,
                &sp.text,
                || span_repr(sp),
                &mut misses,
            )
        };
        let ev = checked(ev);
        let cue = checked(cue);
        if let Some(first) = ev.or(cue) {
            let second = cue.or(ev).unwrap_or(first);
            sys_st.push((
                &s.doc,
                first,
                second,
                &s.holder,
                Polarity::as_str(s.polarity),
            ));
        }
    }
    let mut sys_by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, s) in sys_st.iter().enumerate() {
        sys_by_doc.entry(s.0).or_default().push(j);
    }
    let mut used = vec![false; sys_st.len()];
    let mut hit = 0;
    for &(gd, gspan, gact, gpol, gtext) in &gold_st {
        let found = sys_by_doc.get(gd).and_then(|js| {
            js.iter().copied().find(|&j| {
                let (_, ev, cue, holder, pol) = sys_st[j];
                !used[j]
                    && (overlap(ev, gspan) > 0 || overlap(cue, gspan) > 0)
                    && pol == gpol
                    && names.same(Some(holder), Some(gact))
            })
        });
        match found {
            Some(j) => {
                used[j] = true;
                hit += 1;
            }
            None => misses.push(format!(
                "stance missed {gd}: {gact} {gpol}: {}",
                py_repr(head(gtext, 70))
            )),
        }
    }
    let (p, r, f) = prf(hit, sys_st.len(), hit, gold_st.len());
    put("stance_precision", p);
    put("stance_recall", r);
    put("stance_f1", f);
    put("bad_spans", spans.bad as f64);
    put("spans_checked", spans.checked as f64);

    let counts = Counts {
        gold_quotes: gold_q.len(),
        system_quotes: sys_q.len(),
        gold_stances: gold_st.len(),
        system_stances: sys_st.len(),
        gold_link_pairs: gold_pairs.len(),
        gold_aliases: items.len(),
        system_actors: names.system.len(),
    };
    Report {
        figures,
        counts,
        misses,
    }
}
