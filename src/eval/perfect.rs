//! The gold annotation written as an analysis: what a perfect engine would return.
//!
//! Useful as a fixture (the page, the CLI and the scorer can be tested on known-right output)
//! and as a ceiling: it scores 1 on every figure the gold fully determines.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::doctext::DocText;
use super::gold::Gold;
use crate::analysis::*;

/// Where one alias of one gold actor occurs in a document: `(actor id, byte ranges)`.
type AliasHits<'a> = (&'a str, Vec<Range<usize>>);

/// The contract's actor kind for a gold kind; kinds the contract lacks ("work") are `Other`.
fn kind_of(gold_kind: &str) -> ActorKind {
    match gold_kind {
        "person" => ActorKind::Person,
        "organization" => ActorKind::Organization,
        "country" => ActorKind::Country,
        "group" => ActorKind::Group,
        _ => ActorKind::Other,
    }
}

/// How far from a quote its cue is looked for, in bytes each side: attribution sits in the
/// same or the next sentence, and a bounded window keeps long documents linear.
const CUE_REACH: usize = 600;

/// The occurrence of `needle` nearest to byte range `near`, not overlapping it, within
/// [`CUE_REACH`] of it.
fn nearest(d: &DocText, needle: &str, near: &Range<usize>) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let text = d.text();
    let mut from = near.start.saturating_sub(CUE_REACH);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (near.end + CUE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to]
        .match_indices(needle)
        .map(|(at, _)| from + at..from + at + needle.len())
        .filter(|r| r.end <= near.start || r.start >= near.end)
        .min_by_key(|r| {
            if r.end <= near.start {
                near.start - r.end
            } else {
                r.start - near.end
            }
        })
}

/// Builds the analysis the gold describes, over `docs` (the texts [`super::load_gold`] returned).
///
/// - documents: every gold document that has a text, with the gold outlet;
/// - actors: the gold actors with their gold ids, names, aliases and affiliations;
/// - mentions: every word-bounded occurrence of each alias of the actors a document lists
///   (overlapping ones included, "North Korea" inside "North Korea's"); a surface form two
///   actors claim goes to the one the scorer counts it for (the first found, in gold order);
/// - quotes `q1`, `q2`, ... in gold order: the gold text's span (its nth copy for the nth
///   listing), the speaker (`None` for "unknown"), the nearest occurrence of the gold cue;
/// - quote links: the gold groups, members found among the quotes;
/// - stances: evidence span, cue span (first occurrence inside the evidence, else the
///   evidence itself), target = the evidence (gold targets are keys, not text), class `Other`.
///
/// Every span slices its document exactly. Items the texts lack are left out.
pub fn analysis_from_gold(gold: &Gold, docs: &[DocumentInput]) -> Analysis {
    let actors_by_id = gold.actor_map();
    let texts: Vec<(&super::gold::GoldDoc, &DocumentInput)> = gold
        .docs
        .iter()
        .filter_map(|g| docs.iter().find(|d| d.id == g.doc).map(|d| (g, d)))
        .collect();
    let indexed: Vec<DocText> = texts.iter().map(|(_, d)| DocText::new(&d.text)).collect();

    let documents = texts
        .iter()
        .zip(&indexed)
        .map(|((g, d), t)| DocumentInfo {
            id: d.id.clone(),
            title: d.title.clone().or_else(|| {
                d.text
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .map(str::to_string)
            }),
            outlet: g.outlet.clone().or_else(|| d.outlet.clone()),
            length: t.len_utf16(),
        })
        .collect();

    let actors = gold
        .actors
        .iter()
        .map(|a| Actor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: kind_of(&a.kind),
            aliases: a.aliases.clone(),
            affiliation: a.affiliation.clone(),
        })
        .collect();

    // Mentions. A surface form belongs to the first actor it is found for, in the order the
    // scorer visits them (documents, then each document's actors, then their aliases).
    let mut owner: HashMap<&str, &str> = HashMap::new();
    let mut found: Vec<Vec<AliasHits>> = Vec::new();
    for ((g, _), t) in texts.iter().zip(&indexed) {
        let mut here = Vec::new();
        for gid in &g.actors {
            let Some(actor) = actors_by_id.get(gid.as_str()) else {
                continue;
            };
            for alias in actor.aliases.iter().filter(|a| !a.is_empty()) {
                let hits = t.word_bounded(alias);
                if !hits.is_empty() {
                    owner.entry(alias.as_str()).or_insert(gid.as_str());
                    here.push((gid.as_str(), hits));
                }
            }
        }
        found.push(here);
    }
    let mut mentions = Vec::new();
    for (((g, _), t), here) in texts.iter().zip(&indexed).zip(&found) {
        let mut seen: BTreeMap<(usize, usize), &str> = BTreeMap::new();
        for (gid, hits) in here {
            for r in hits {
                let alias = &t.text()[r.clone()];
                if owner.get(alias) == Some(gid) {
                    seen.entry((r.start, r.end)).or_insert(gid);
                }
            }
        }
        for ((s, e), gid) in seen {
            let span = t.span(s..e);
            mentions.push(Mention {
                doc: g.doc.clone(),
                actor: gid.to_string(),
                start: span.start,
                end: span.end,
                text: span.text,
            });
        }
    }

    // Quotes, and their ids by (document, text) for the links.
    let mut quotes = Vec::new();
    let mut quote_ids: HashMap<(&str, &str), String> = HashMap::new();
    for ((g, _), t) in texts.iter().zip(&indexed) {
        for (q, range) in g.quotes.iter().zip(g.locate(t).quotes) {
            let Some(range) = range else {
                continue;
            };
            let id = format!("q{}", quotes.len() + 1);
            quote_ids
                .entry((g.doc.as_str(), q.text.as_str()))
                .or_insert_with(|| id.clone());
            let cue = q
                .cue
                .as_deref()
                .and_then(|c| nearest(t, c, &range))
                .map(|r| t.span(r));
            let span = t.span(range);
            quotes.push(Quote {
                id,
                doc: g.doc.clone(),
                start: span.start,
                end: span.end,
                text: span.text,
                speaker: q.speaker.clone().filter(|s| s != "unknown"),
                cue,
                kind: if q.kind == "direct" {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Partial
                },
            });
        }
    }

    let mut quote_links = Vec::new();
    for grp in &gold.links {
        let mut members: Vec<String> = Vec::new();
        for m in &grp.members {
            if let Some(id) = quote_ids.get(&(m.doc.as_str(), m.text.as_str())) {
                if !members.contains(id) {
                    members.push(id.clone());
                }
            }
        }
        if members.len() >= 2 {
            quote_links.push(QuoteLink {
                id: grp
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("l{}", quote_links.len() + 1)),
                quotes: members,
                variants: Vec::new(),
                unquoted: Vec::new(),
            });
        }
    }

    let mut stances = Vec::new();
    for ((g, _), t) in texts.iter().zip(&indexed) {
        for (s, ev) in g.stances.iter().zip(g.locate(t).stances) {
            let Some(ev) = ev else {
                continue;
            };
            let polarity = match s.polarity.as_str() {
                "support" => Polarity::Support,
                _ => Polarity::Oppose,
            };
            let cue = s
                .cue
                .as_deref()
                .filter(|c| !c.is_empty())
                .and_then(|c| {
                    t.text()[ev.clone()]
                        .find(c)
                        .map(|at| ev.start + at..ev.start + at + c.len())
                })
                .unwrap_or(ev.clone());
            stances.push(Stance {
                doc: g.doc.clone(),
                holder: s.actor.clone(),
                polarity,
                class: StanceClass::Other,
                negated: false,
                cue: t.span(cue),
                target: t.span(ev.clone()),
                evidence: t.span(ev),
            });
        }
    }

    Analysis {
        version: CONTRACT_VERSION,
        documents,
        actors,
        mentions,
        quotes,
        quote_links,
        stances,
    }
}
