//! The gold folder (`tests/gold/`, described in its README.md): loading and checking it.
//!
//! A gold folder holds `actors.json`, an optional `quote_links.json`, and one `<doc>.json` per
//! document (any other `.json` whose top level is an object with a `"doc"` key); the documents'
//! texts are `<doc>.txt` in a separate folder. Loading reads them as `score.py` does, so both
//! scorers count offsets in the same text.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::doctext::{universal_newlines, DocText};
use crate::analysis::DocumentInput;

/// Gold files that are not per-document annotations.
const NOT_DOCUMENTS: [&str; 3] = ["actors.json", "quote_links.json", "targets.json"];

/// One gold actor (cluster level): every surface form that refers to it in the documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldActor {
    pub id: String,
    /// Display name; a missing or null name counts as empty.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// person, organization, country, group, work, ...
    #[serde(default, deserialize_with = "null_as_default")]
    pub kind: String,
    /// Surface forms exactly as written (case-sensitive).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Descriptive references ("the hermit state"); not scored.
    #[serde(default)]
    pub descriptions: Vec<String>,
    /// The actor this one speaks for (a spokeswoman for her ministry, a ministry for its country).
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// One gold quote: the quoted words as an exact substring of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldQuote {
    pub text: String,
    /// Actor id; `None` or `"unknown"` when no speaker is named.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The attribution cue as written ("said", "told Reuters"); may be empty.
    #[serde(default)]
    pub cue: Option<String>,
    /// "direct" or "partial"; anything but "direct" counts as partial.
    #[serde(default = "direct")]
    pub kind: String,
}

fn direct() -> String {
    "direct".to_string()
}

/// One gold stance: an actor's position, with the clause that expresses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldStance {
    pub actor: String,
    /// "support" or "oppose".
    pub polarity: String,
    /// Canonical target key (targets.json); not scored.
    #[serde(default)]
    pub target: Option<String>,
    /// The stance word or phrase as written.
    #[serde(default)]
    pub cue: Option<String>,
    /// Exact substring of the document: the clause or sentence (its first occurrence counts).
    pub evidence: String,
}

/// The gold annotation of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    /// The document id: its text is `<doc>.txt`.
    pub doc: String,
    #[serde(default)]
    pub outlet: Option<String>,
    /// Ids of the actors mentioned in this document.
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    #[serde(default)]
    pub stances: Vec<GoldStance>,
}

/// One member of a gold quote-link group: a quote named by document and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldLinkMember {
    pub doc: String,
    /// The quote's text exactly as in that document's quote list.
    pub text: String,
}

/// Reports of one utterance in different documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldLink {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub members: Vec<GoldLinkMember>,
}

/// A loaded gold folder.
///
/// Invariant (kept by [`load_gold`]): document ids are unique, in the order of their file names;
/// with the texts `load_gold` returned, every gold quote text and stance evidence occurs in its
/// document.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// From actors.json, in file order.
    pub actors: Vec<GoldActor>,
    /// From quote_links.json (empty when the file is absent).
    pub links: Vec<GoldLink>,
    /// One per annotated document.
    pub docs: Vec<GoldDoc>,
}

impl Gold {
    /// The actor with this id; with duplicate ids the last one counts (as in `score.py`).
    pub fn actor(&self, id: &str) -> Option<&GoldActor> {
        self.actors.iter().rev().find(|a| a.id == id)
    }

    /// Actors by id; with duplicate ids the last one counts.
    pub(crate) fn actor_map(&self) -> HashMap<&str, &GoldActor> {
        self.actors.iter().map(|a| (a.id.as_str(), a)).collect()
    }
}

/// Treats an explicit JSON null as the type's default.
fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn read_json(path: &Path) -> Result<Value, String> {
    let raw = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&raw).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(value: Value, path: &Path) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| format!("bad gold file {}: {e}", path.display()))
}

/// Loads a gold folder and the texts of its documents (`<docs_dir>/<doc>.txt` for every gold
/// document, in gold order).
///
/// Texts are read as `score.py` reads them (UTF-8, `\r\n` and `\r` made `\n`), so offsets agree.
/// Every error names the file at fault: an unreadable or malformed gold file, a missing text, a
/// gold quote or stance evidence that is not a substring of its document.
pub fn load_gold(gold_dir: &Path, docs_dir: &Path) -> Result<(Gold, Vec<DocumentInput>), String> {
    let actors_path = gold_dir.join("actors.json");
    let actors: Vec<GoldActor> = parse(read_json(&actors_path)?, &actors_path)?;
    let links_path = gold_dir.join("quote_links.json");
    let links: Vec<GoldLink> = if links_path.exists() {
        parse(read_json(&links_path)?, &links_path)?
    } else {
        Vec::new()
    };

    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .map_err(|e| format!("cannot read gold folder {}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && !NOT_DOCUMENTS.contains(&n.as_str()))
        .collect();
    names.sort();

    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for name in names {
        let path = gold_dir.join(&name);
        let value = read_json(&path)?;
        if !value.as_object().is_some_and(|o| o.contains_key("doc")) {
            continue; // not a document annotation (score.py skips these too)
        }
        let doc: GoldDoc = parse(value, &path)?;
        // A second file for the same document replaces the first in its place (as a Python
        // dict assignment does); gold folders should not have one, but both scorers agree.
        match docs.iter().position(|d| d.doc == doc.doc) {
            Some(k) => {
                docs[k] = doc;
                files[k] = path;
            }
            None => {
                docs.push(doc);
                files.push(path);
            }
        }
    }

    let mut inputs = Vec::with_capacity(docs.len());
    for (doc, file) in docs.iter().zip(&files) {
        let path = docs_dir.join(format!("{}.txt", doc.doc));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read document {}: {e}", path.display()))?;
        let text = universal_newlines(text);
        check_substrings(doc, &text, file, &path)?;
        inputs.push(DocumentInput {
            id: doc.doc.clone(),
            text,
            outlet: None,
            title: None,
        });
    }
    Ok((
        Gold {
            actors,
            links,
            docs,
        },
        inputs,
    ))
}

/// Where a gold document's quotes and stance evidence are in its text (byte ranges), or `None`
/// for those the text lacks, index for index with `quotes` and `stances`.
pub(crate) struct Located {
    pub quotes: Vec<Option<Range<usize>>>,
    pub stances: Vec<Option<Range<usize>>>,
}

impl GoldDoc {
    /// Locates the quotes and evidence in `d`: the nth listing of a quote text is its nth
    /// occurrence (overlapping ones counted), evidence is its first occurrence.
    pub(crate) fn locate(&self, d: &DocText) -> Located {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut wanted: Vec<(&str, usize)> = Vec::new();
        for q in &self.quotes {
            let nth = seen.entry(q.text.as_str()).or_insert(0);
            wanted.push((&q.text, *nth));
            *nth += 1;
        }
        wanted.extend(self.stances.iter().map(|s| (s.evidence.as_str(), 0)));
        let mut found = d.find_all_nth(&wanted);
        let stances = found.split_off(self.quotes.len());
        Located {
            quotes: found,
            stances,
        }
    }
}

/// Every gold quote (its nth copy for the nth listing) and stance evidence must occur in the text.
fn check_substrings(doc: &GoldDoc, text: &str, file: &Path, txt: &Path) -> Result<(), String> {
    let d = DocText::new(text);
    let at = doc.locate(&d);
    for (q, r) in doc.quotes.iter().zip(&at.quotes) {
        if r.is_none() {
            return Err(format!(
                "{}: gold quote not in {}: {:?}",
                file.display(),
                txt.display(),
                q.text.chars().take(60).collect::<String>()
            ));
        }
    }
    for (s, r) in doc.stances.iter().zip(&at.stances) {
        if r.is_none() {
            return Err(format!(
                "{}: gold stance evidence not in {}: {:?}",
                file.display(),
                txt.display(),
                s.evidence.chars().take(60).collect::<String>()
            ));
        }
    }
    Ok(())
}
