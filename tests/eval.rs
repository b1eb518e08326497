//! The project's scorer (`whosaid::eval`) against the reference scorer `../shared/tools/score.py`.
//!
//! Every analysis scored here is also given to score.py (when it and python3 are at hand) and
//! every figure, count and miss line must agree. Without them (CI without ../shared) the
//! cross-check is skipped with a message and the rest still runs on the committed tests/gold.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use whosaid::analysis::*;
use whosaid::eval::{
    analysis_from_gold, load_gold, read_analysis, score, Gold, Report, FIGURE_NAMES,
    INTEGER_FIGURES,
};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed_gold() -> (Gold, Vec<DocumentInput>) {
    load_gold(&root().join("tests/gold"), &root().join("seeds")).expect("tests/gold loads")
}

/// The reference scorer, or `None` (with the reason printed) when it cannot be run here.
fn reference() -> Option<PathBuf> {
    let path = root().join("../shared/tools/score.py");
    if !path.exists() {
        eprintln!("skipping the cross-check: {} not found", path.display());
        return None;
    }
    match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => Some(path),
        _ => {
            eprintln!("skipping the cross-check: python3 cannot be run");
            None
        }
    }
}

/// Runs score.py on `analysis`; returns its stdout.
fn run_reference(script: &Path, gold: &Path, docs: &Path, analysis: &str, flag: &str) -> String {
    let mut child = Command::new("python3")
        .arg(script)
        .args([
            "--gold",
            &gold.to_string_lossy(),
            "--docs",
            &docs.to_string_lossy(),
        ])
        .args(["--analysis", "-", flag])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(analysis.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Scores `analysis` with both scorers and asserts every figure, count and miss agrees.
fn assert_agrees(label: &str, gold_dir: &Path, docs_dir: &Path, analysis: &Analysis) -> Report {
    let json = serde_json::to_string(analysis).expect("analysis serialises");
    assert_agrees_on_json(label, gold_dir, docs_dir, &json, true)
}

/// As [`assert_agrees`], for an analysis file's text: score.py reads it as it is, we read it
/// with [`read_analysis`]. A bad span's miss line shows the span object as the file has it,
/// which only a contract-shaped file lets us reproduce: without `contract_shaped`, those lines
/// are compared up to the object.
fn assert_agrees_on_json(
    label: &str,
    gold_dir: &Path,
    docs_dir: &Path,
    json: &str,
    contract_shaped: bool,
) -> Report {
    let (gold, docs) = load_gold(gold_dir, docs_dir).expect("gold loads");
    let analysis = read_analysis(json).expect("the analysis reads");
    let ours = score(&gold, &docs, &analysis);
    assert_eq!(ours.figures.len(), FIGURE_NAMES.len());
    let Some(script) = reference() else {
        return ours;
    };
    let theirs: Value =
        serde_json::from_str(&run_reference(&script, gold_dir, docs_dir, json, "--json"))
            .expect("score.py prints JSON");
    for name in FIGURE_NAMES {
        let want = theirs[name]
            .as_f64()
            .unwrap_or_else(|| panic!("{label}: score.py has no {name}"));
        let got = ours.figure(name).unwrap();
        // score.py rounds to 4 decimals; the agreement asked for is 3.
        assert!(
            (want - got).abs() < 1e-4,
            "{label}: {name}: score.py {want}, ours {got}"
        );
        if INTEGER_FIGURES.contains(&name) {
            assert_eq!(want, got, "{label}: {name}");
        }
    }
    for (name, n) in ours.counts.named() {
        assert_eq!(
            theirs["counts"][name].as_u64(),
            Some(n as u64),
            "{label}: count {name}"
        );
    }
    // Our JSON has the same shape and values as score.py's.
    let ours_json = ours.to_json();
    for (k, v) in theirs.as_object().unwrap() {
        assert!(ours_json.get(k).is_some(), "{label}: to_json lacks {k}");
        if let (Some(a), Some(b)) = (v.as_f64(), ours_json[k].as_f64()) {
            assert!((a - b).abs() < 1e-9, "{label}: to_json {k}: {a} vs {b}");
        }
    }
    // The misses, in order and wording.
    let text = run_reference(&script, gold_dir, docs_dir, json, "--verbose");
    let shown = |line: &str| -> String {
        match line.find(": {") {
            Some(k) if !contract_shaped && line.starts_with("bad span in ") => line[..k].into(),
            _ => line.into(),
        }
    };
    let their_misses: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(shown)
        .collect();
    let our_misses: Vec<String> = ours.misses.iter().map(|l| shown(l)).collect();
    assert_eq!(their_misses, our_misses, "{label}: miss lines differ");
    // And the figure lines as printed.
    let their_lines: Vec<&str> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    let ours_text = ours.render(false);
    let our_lines: Vec<&str> = ours_text.lines().collect();
    assert_eq!(their_lines, our_lines, "{label}: printed figures differ");
    ours
}

fn seed_dirs() -> (PathBuf, PathBuf) {
    (root().join("tests/gold"), root().join("seeds"))
}

#[test]
fn engine_analysis_of_the_seeds_agrees_with_reference() {
    let (gold_dir, docs_dir) = seed_dirs();
    let (_, docs) = seed_gold();
    let analysis = whosaid::analyze(&docs);
    let report = assert_agrees("engine", &gold_dir, &docs_dir, &analysis);
    eprintln!("engine on the seeds:\n{report}");
}

#[test]
fn perfect_analysis_scores_one() {
    let (gold_dir, docs_dir) = seed_dirs();
    let (gold, docs) = seed_gold();
    let analysis = analysis_from_gold(&gold, &docs);
    let report = assert_agrees("perfect", &gold_dir, &docs_dir, &analysis);
    for name in [
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "partial_recall",
        "speaker_acc",
        "speaker_acc_affil",
        "quote_speaker_recall",
        "alias_precision",
        "alias_recall",
        "alias_f1",
        "alias_coverage",
        "link_precision",
        "link_recall",
        "link_f1",
        "stance_precision",
        "stance_recall",
        "stance_f1",
    ] {
        assert_eq!(report.figure(name), Some(1.0), "{name}\n{report:#}");
    }
    assert_eq!(report.figure("bad_spans"), Some(0.0));
    assert_eq!(report.figure("speaker_null"), Some(0.0));
    assert!(report.misses.is_empty(), "{:?}", report.misses);
    assert_eq!(report.counts.system_quotes, report.counts.gold_quotes);
    assert!(report.counts.gold_quotes >= 40 && report.counts.gold_link_pairs > 0);
}

#[test]
fn perfect_analysis_spans_slice_their_texts_and_serialise() {
    let (gold, docs) = seed_gold();
    let analysis = analysis_from_gold(&gold, &docs);
    let utf16 = |id: &str| -> Vec<u16> {
        docs.iter()
            .find(|d| d.id == id)
            .unwrap()
            .text
            .encode_utf16()
            .collect()
    };
    let check = |doc: &str, s: usize, e: usize, t: &str| {
        let u = utf16(doc);
        assert_eq!(String::from_utf16(&u[s..e]).unwrap(), t, "{doc} {s}..{e}");
    };
    for m in &analysis.mentions {
        check(&m.doc, m.start, m.end, &m.text);
    }
    for q in &analysis.quotes {
        check(&q.doc, q.start, q.end, &q.text);
        if let Some(c) = &q.cue {
            check(&q.doc, c.start, c.end, &c.text);
        }
    }
    for s in &analysis.stances {
        for sp in [&s.cue, &s.target, &s.evidence] {
            check(&s.doc, sp.start, sp.end, &sp.text);
        }
    }
    // Cues were found for the quotes that have one ("said" is everywhere).
    assert!(analysis.quotes.iter().filter(|q| q.cue.is_some()).count() > 30);
    let json = serde_json::to_string(&analysis).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, analysis);
}

/// A small deterministic generator for the perturbations (no dependency needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A span `start..end` of `text` clamped to UTF-16 char boundaries, its text its slice.
fn span16(text: &str, start: usize, end: usize) -> Span {
    let units: Vec<u16> = text.encode_utf16().collect();
    let fix = |mut u: usize| {
        u = u.min(units.len());
        while u > 0 && u < units.len() && (0xDC00..0xE000).contains(&units[u]) {
            u -= 1;
        }
        u
    };
    let (s, e) = (fix(start), fix(end));
    let e = e.max(s);
    Span {
        start: s,
        end: e,
        text: String::from_utf16(&units[s..e]).unwrap(),
    }
}

/// Moves a span by up to `by` units at each end, keeping it valid.
fn jiggle(rng: &mut Rng, text: &str, start: usize, end: usize, by: usize) -> Span {
    let d = |rng: &mut Rng| rng.below(2 * by + 1) as isize - by as isize;
    let s = (start as isize + d(rng)).max(0) as usize;
    let e = (end as isize + d(rng)).max(0) as usize;
    span16(text, s, e.max(s))
}

/// The perfect analysis, damaged at random in every way the scorer must notice.
fn perturbed(gold: &Gold, docs: &[DocumentInput], seed: u64) -> Analysis {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut a = analysis_from_gold(gold, docs);
    let text_of = |id: &str| docs.iter().find(|d| d.id == id).unwrap().text.clone();
    let actor_ids: Vec<String> = a.actors.iter().map(|x| x.id.clone()).collect();

    // Actors: rename some (speaker matches then hang on aliases), merge or drop aliases.
    for act in a.actors.iter_mut() {
        if rng.chance(15) {
            act.name = format!("Someone {}", rng.below(5));
            if rng.chance(50) {
                act.aliases.clear();
            }
        }
    }
    if rng.chance(30) && a.actors.len() > 2 {
        let k = rng.below(a.actors.len());
        let dup = a.actors[k].id.clone();
        let j = (k + 1) % a.actors.len();
        a.actors[j].id = dup; // a duplicate id: the last one counts
    }

    // Mentions: drop, reassign, break.
    let mut mentions = Vec::new();
    for mut m in std::mem::take(&mut a.mentions) {
        if rng.chance(20) {
            continue;
        }
        if rng.chance(15) {
            m.actor = actor_ids[rng.below(actor_ids.len())].clone();
        }
        if rng.chance(5) {
            m.text.push('x'); // bad span, still counted for its surface
        }
        if rng.chance(3) {
            m.doc = "not_a_gold_doc".into();
        }
        mentions.push(m);
    }
    a.mentions = mentions;

    // Quotes: drop, shift, widen, duplicate, wrong speaker, bad span, extra.
    let mut quotes = Vec::new();
    for mut q in std::mem::take(&mut a.quotes) {
        let text = text_of(&q.doc);
        if rng.chance(15) {
            continue;
        }
        if rng.chance(40) {
            let len = q.end - q.start;
            let sp = jiggle(&mut rng, &text, q.start, q.end, len / 6 + 2);
            (q.start, q.end, q.text) = (sp.start, sp.end, sp.text);
        }
        if rng.chance(20) {
            q.speaker = match rng.below(3) {
                0 => None,
                1 => Some(actor_ids[rng.below(actor_ids.len())].clone()),
                _ => Some("no-such-actor".into()),
            };
        }
        if rng.chance(10) {
            let mut dup = q.clone();
            dup.id = format!("{}d", q.id);
            quotes.push(dup);
        }
        if rng.chance(5) {
            q.end = q.start.saturating_sub(1); // reversed: bad
        }
        if rng.chance(3) {
            q.text = q.text.to_uppercase();
        }
        quotes.push(q);
    }
    for (k, d) in docs.iter().enumerate() {
        let n = d.text.encode_utf16().count();
        for e in 0..rng.below(4) {
            let s = rng.below(n);
            let sp = span16(&d.text, s, s + rng.below(80));
            quotes.push(Quote {
                id: format!("x{k}_{e}"),
                doc: d.id.clone(),
                start: sp.start,
                end: sp.end,
                text: sp.text,
                speaker: None,
                cue: None,
                kind: QuoteKind::Direct,
            });
        }
    }
    a.quotes = quotes;

    // Links: drop members, add wrong ones, join two groups, link unknown ids.
    let ids: Vec<String> = a.quotes.iter().map(|q| q.id.clone()).collect();
    for l in a.quote_links.iter_mut() {
        if rng.chance(30) {
            l.quotes.pop();
        }
        if rng.chance(30) {
            l.quotes.push(ids[rng.below(ids.len())].clone());
        }
        if rng.chance(10) {
            l.quotes.push("q-missing".into());
        }
    }
    if a.quote_links.len() > 1 && rng.chance(50) {
        let extra = a.quote_links[1].quotes.clone();
        a.quote_links[0].quotes.extend(extra);
    }
    a.quote_links.push(QuoteLink {
        id: "random".into(),
        quotes: (0..4).map(|_| ids[rng.below(ids.len())].clone()).collect(),
        variants: Vec::new(),
        unquoted: Vec::new(),
    });

    // Stances: flip, move, shrink to the cue, wrong holder, bad spans, duplicates.
    let mut stances = Vec::new();
    for mut s in std::mem::take(&mut a.stances) {
        let text = text_of(&s.doc);
        if rng.chance(15) {
            continue;
        }
        if rng.chance(15) {
            s.polarity = match s.polarity {
                Polarity::Support => Polarity::Oppose,
                Polarity::Oppose => Polarity::Support,
            };
        }
        if rng.chance(15) {
            s.holder = actor_ids[rng.below(actor_ids.len())].clone();
        }
        if rng.chance(15) {
            let n = text.encode_utf16().count();
            let st = rng.below(n);
            s.evidence = span16(&text, st, st + 40);
        }
        if rng.chance(10) {
            s.evidence.text.push('!'); // bad evidence, the cue may still carry it
        }
        if rng.chance(5) {
            s.cue.start = s.cue.end + 1; // bad cue
        }
        if rng.chance(10) {
            stances.push(s.clone());
        }
        stances.push(s);
    }
    a.stances = stances;
    a
}

#[test]
fn perturbed_analyses_agree_with_reference() {
    let (gold_dir, docs_dir) = seed_dirs();
    let (gold, docs) = seed_gold();
    let mut seen_f1 = Vec::new();
    for seed in 1..=8 {
        let a = perturbed(&gold, &docs, seed);
        let r = assert_agrees(&format!("perturbed {seed}"), &gold_dir, &docs_dir, &a);
        seen_f1.push(r.figure("quote_f1").unwrap());
        assert!(r.figure("bad_spans").unwrap() > 0.0);
    }
    // The damage is real: no run is perfect, and the runs differ from each other.
    assert!(seen_f1.iter().all(|&f| f < 1.0), "{seen_f1:?}");
    assert!(seen_f1.windows(2).any(|w| w[0] != w[1]));
}

#[test]
fn wrong_analysis_scores_low_and_agrees() {
    let (gold_dir, docs_dir) = seed_dirs();
    let (gold, docs) = seed_gold();
    let mut a = analysis_from_gold(&gold, &docs);
    // Every quote a few words to the right: IoU below 0.8 for all but the longest.
    for q in a.quotes.iter_mut() {
        let text = &docs.iter().find(|d| d.id == q.doc).unwrap().text;
        let len = q.end - q.start;
        let sp = span16(text, q.start + len / 3, q.end + len / 3);
        (q.start, q.end, q.text) = (sp.start, sp.end, sp.text);
        q.speaker = Some("china".into());
    }
    // One actor for every mention; polarity reversed everywhere.
    for m in a.mentions.iter_mut() {
        m.actor = "china".into();
    }
    for s in a.stances.iter_mut() {
        s.polarity = match s.polarity {
            Polarity::Support => Polarity::Oppose,
            Polarity::Oppose => Polarity::Support,
        };
    }
    let r = assert_agrees("wrong", &gold_dir, &docs_dir, &a);
    assert!(r.figure("quote_f1").unwrap() < 0.3, "{r}");
    assert!(r.figure("stance_f1").unwrap() < 0.2, "{r}");
    assert_eq!(
        r.figure("alias_recall"),
        Some(1.0),
        "all in one cluster: every pair joined"
    );
    assert!(r.figure("alias_precision").unwrap() < 0.2);
    assert!(!r.misses.is_empty());
}

#[test]
fn empty_analysis_scores_zero_and_agrees() {
    let (gold_dir, docs_dir) = seed_dirs();
    let empty = Analysis {
        version: 1,
        documents: vec![],
        actors: vec![],
        mentions: vec![],
        quotes: vec![],
        quote_links: vec![],
        stances: vec![],
    };
    let r = assert_agrees("empty", &gold_dir, &docs_dir, &empty);
    for name in FIGURE_NAMES {
        assert_eq!(r.figure(name), Some(0.0), "{name}");
    }
    assert!(r.counts.gold_quotes > 0 && r.counts.gold_stances > 0);
}

static FIXTURE: AtomicUsize = AtomicUsize::new(0);

/// A fresh folder under the target directory's scratch space.
fn scratch(name: &str) -> PathBuf {
    let n = FIXTURE.fetch_add(1, Ordering::SeqCst);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("eval_{name}_{}_{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A tiny gold folder with what the seeds lack: emoji (surrogate pairs), CRLF line ends,
/// repeated quote texts, an affiliation chain, an alias inside a word, a non-document JSON.
fn write_fixture() -> (PathBuf, PathBuf) {
    let dir = scratch("fixture");
    let (gold, docs) = (dir.join("gold"), dir.join("docs"));
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&docs).unwrap();
    let a = "Flood talks 🌊 stall\r\n\r\nThe ministry spokeswoman Ana Ruiz said: “We reject 👍🏽 the plan.” \
             Ruiz added: “We reject 👍🏽 the plan.” Madrid, she said, “will not yield”.\r\n\
             Critics of Ruizes said “SECTION HEAD” meant nothing. The ministry denied the plan.\r\n";
    let b = "Ruiz told reporters in Madrid: \"We reject the plan.\" 😀 The ministry would \"never\" yield.\n";
    std::fs::write(docs.join("a1.txt"), a).unwrap();
    std::fs::write(docs.join("b2.txt"), b).unwrap();
    let actors = serde_json::json!([
        {"id": "ana_ruiz", "name": "Ana Ruiz", "kind": "person", "aliases": ["Ana Ruiz", "Ruiz"], "affiliation": "ministry"},
        {"id": "ministry", "name": "Ministry of Water", "kind": "organization", "aliases": ["The ministry", "the ministry"], "affiliation": "spain"},
        {"id": "spain", "name": "Spain", "kind": "country", "aliases": ["Madrid"], "affiliation": null},
        {"id": "critics", "kind": "group", "aliases": ["Critics"]}
    ]);
    let doc_a = serde_json::json!({"doc": "a1", "outlet": null, "actors": ["ana_ruiz", "ministry", "spain", "critics"],
    "quotes": [
        {"text": "We reject 👍🏽 the plan.", "speaker": "ana_ruiz", "cue": "said", "kind": "direct"},
        {"text": "We reject 👍🏽 the plan.", "speaker": "ana_ruiz", "cue": "added", "kind": "direct"},
        {"text": "will not yield", "speaker": "spain", "cue": "she said", "kind": "partial"},
        {"text": "SECTION HEAD", "speaker": "unknown", "cue": "", "kind": "partial"}
    ],
    "stances": [
        {"actor": "ministry", "polarity": "oppose", "target": "plan", "cue": "denied", "evidence": "The ministry denied the plan."},
        {"actor": "ana_ruiz", "polarity": "oppose", "target": "plan", "cue": "reject", "evidence": "We reject 👍🏽 the plan."}
    ]});
    let doc_b = serde_json::json!({"doc": "b2", "actors": ["ana_ruiz", "ministry", "spain"],
        "quotes": [
            {"text": "We reject the plan.", "speaker": "ana_ruiz", "cue": "told reporters"},
            {"text": "never", "speaker": "ministry", "cue": "would", "kind": "partial"}
        ],
        "stances": [{"actor": "ana_ruiz", "polarity": "oppose", "evidence": "We reject the plan."}]});
    let links = serde_json::json!([{"id": "reject", "members": [
        {"doc": "a1", "text": "We reject 👍🏽 the plan."}, {"doc": "b2", "text": "We reject the plan."}]}]);
    let put = |name: &str, v: &Value| {
        std::fs::write(gold.join(name), serde_json::to_string_pretty(v).unwrap()).unwrap()
    };
    put("actors.json", &actors);
    put("a1.json", &doc_a);
    put("b2.json", &doc_b);
    put("quote_links.json", &links);
    put(
        "targets.json",
        &serde_json::json!({"plan": "the flood plan"}),
    );
    put("notes.json", &serde_json::json!(["not a document"]));
    (gold, docs)
}

#[test]
fn fixture_with_emoji_and_crlf_agrees_with_reference() {
    let (gold_dir, docs_dir) = write_fixture();
    let (gold, docs) = load_gold(&gold_dir, &docs_dir).unwrap();
    assert_eq!(gold.docs.len(), 2, "notes.json is no document");
    assert!(!docs[0].text.contains('\r'), "read with universal newlines");
    let perfect = analysis_from_gold(&gold, &docs);
    let r = assert_agrees("fixture perfect", &gold_dir, &docs_dir, &perfect);
    assert_eq!(r.figure("quote_f1"), Some(1.0), "{r:#}");
    assert_eq!(r.figure("speaker_acc"), Some(1.0), "{r:#}");
    assert_eq!(r.figure("alias_f1"), Some(1.0), "{r:#}");
    assert_eq!(r.figure("link_f1"), Some(1.0), "{r:#}");
    assert_eq!(r.figure("stance_f1"), Some(1.0), "{r:#}");
    // "Ruiz" inside "Ruizes" is no mention: every "Ruiz" mention ends at a word boundary.
    let ruiz: Vec<&Mention> = perfect
        .mentions
        .iter()
        .filter(|m| m.text == "Ruiz")
        .collect();
    assert_eq!(ruiz.len(), 3, "{ruiz:?}");
    assert!(ruiz.iter().all(|m| {
        let units: Vec<u16> = docs
            .iter()
            .find(|d| d.id == m.doc)
            .unwrap()
            .text
            .encode_utf16()
            .collect();
        !matches!(units.get(m.end), Some(&u) if u == u16::from(b'e'))
    }));

    // Speakers named at the ministry or country level: right only up the affiliation chain.
    let mut up = perfect.clone();
    for q in up.quotes.iter_mut() {
        if q.speaker.as_deref() == Some("ana_ruiz") {
            q.speaker = Some("spain".into());
        }
    }
    let r = assert_agrees("fixture affiliation", &gold_dir, &docs_dir, &up);
    assert!(r.figure("speaker_acc").unwrap() < 1.0);
    assert_eq!(r.figure("speaker_acc_affil"), Some(1.0));

    // A span that splits the emoji's surrogate pair is bad.
    let mut split = perfect.clone();
    let q = &mut split.quotes[0];
    let units: Vec<u16> = docs[0].text.encode_utf16().collect();
    let hi = units
        .iter()
        .position(|&u| (0xD800..0xDC00).contains(&u) && u != 0xD83C)
        .unwrap();
    q.end = hi + 1;
    q.text = "x".into();
    let r = assert_agrees("fixture split pair", &gold_dir, &docs_dir, &split);
    assert_eq!(r.figure("bad_spans"), Some(1.0));

    for seed in 1..=4 {
        let a = perturbed(&gold, &docs, seed);
        assert_agrees(
            &format!("fixture perturbed {seed}"),
            &gold_dir,
            &docs_dir,
            &a,
        );
    }
}

#[test]
fn load_errors_name_the_file_at_fault() {
    let (gold_dir, docs_dir) = write_fixture();
    let empty = scratch("empty");
    let err = load_gold(&empty, &docs_dir).unwrap_err();
    assert!(err.contains("actors.json"), "{err}");

    let no_docs = scratch("nodocs");
    let err = load_gold(&gold_dir, &no_docs).unwrap_err();
    assert!(err.contains("a1.txt"), "{err}");

    std::fs::write(
        gold_dir.join("b2.json"),
        r#"{"doc": "b2", "quotes": [{"text": "words nobody wrote"}]}"#,
    )
    .unwrap();
    let err = load_gold(&gold_dir, &docs_dir).unwrap_err();
    assert!(
        err.contains("b2.json") && err.contains("words nobody wrote"),
        "{err}"
    );

    std::fs::write(gold_dir.join("b2.json"), "{not json").unwrap();
    let err = load_gold(&gold_dir, &docs_dir).unwrap_err();
    assert!(err.contains("b2.json"), "{err}");
}

#[test]
fn sparse_analysis_file_reads_leniently_and_agrees() {
    let (gold_dir, docs_dir) = seed_dirs();
    let (gold, docs) = seed_gold();
    let mut v = serde_json::to_value(perturbed(&gold, &docs, 99)).unwrap();
    let root = v.as_object_mut().unwrap();
    root.remove("documents");
    root.remove("version");
    let strip = |v: &mut Value, list: &str, every: usize, keys: &[&str]| {
        for (k, item) in v[list].as_array_mut().unwrap().iter_mut().enumerate() {
            if k % every == 0 {
                for key in keys {
                    item.as_object_mut().unwrap().remove(*key);
                }
            }
        }
    };
    strip(&mut v, "actors", 3, &["kind", "affiliation", "aliases"]);
    strip(&mut v, "quotes", 2, &["cue", "kind", "speaker"]);
    strip(&mut v, "quotes", 7, &["text"]);
    strip(&mut v, "stances", 2, &["class", "negated", "target"]);
    strip(&mut v, "stances", 5, &["evidence"]);
    strip(&mut v, "mentions", 11, &["start"]);
    let r = assert_agrees_on_json("sparse", &gold_dir, &docs_dir, &v.to_string(), false);
    assert!(r.figure("quote_f1").unwrap() > 0.5, "{r}");
    assert!(r.figure("bad_spans").unwrap() > 0.0);
}

#[test]
fn scoring_a_long_document_stays_fast() {
    use whosaid::eval::{GoldActor, GoldDoc, GoldQuote, GoldStance};
    let mut text = String::new();
    let (mut quotes, mut stances) = (Vec::new(), Vec::new());
    for k in 0..4000 {
        let q = format!("Policy {k} must change now 👍.");
        let ev = format!("Vale opposed plan {k}.");
        text.push_str(&format!("Minister Vale said: “{q}” {ev}\n"));
        quotes.push(GoldQuote {
            text: q,
            speaker: Some("vale".into()),
            cue: Some("said".into()),
            kind: "direct".into(),
        });
        stances.push(GoldStance {
            actor: "vale".into(),
            polarity: "oppose".into(),
            target: None,
            cue: Some("opposed".into()),
            evidence: ev,
        });
    }
    let gold = Gold {
        actors: vec![GoldActor {
            id: "vale".into(),
            name: "Ana Vale".into(),
            kind: "person".into(),
            aliases: vec!["Vale".into(), "Minister Vale".into()],
            descriptions: vec![],
            affiliation: None,
        }],
        links: vec![],
        docs: vec![GoldDoc {
            doc: "long".into(),
            outlet: None,
            actors: vec!["vale".into()],
            quotes,
            stances,
        }],
    };
    let docs = vec![DocumentInput {
        id: "long".into(),
        text,
        outlet: None,
        title: None,
    }];
    let started = std::time::Instant::now();
    let analysis = analysis_from_gold(&gold, &docs);
    let built = started.elapsed();
    let report = score(&gold, &docs, &analysis);
    let took = started.elapsed();
    eprintln!("built in {built:?}");
    assert_eq!(report.figure("quote_f1"), Some(1.0));
    assert_eq!(report.figure("stance_f1"), Some(1.0));
    assert_eq!(report.figure("speaker_acc"), Some(1.0));
    assert_eq!(report.counts.gold_quotes, 4000);
    assert_eq!(
        analysis.mentions.len(),
        12_000,
        "Vale twice, Minister Vale once per line"
    );
    // Quadratic matching of 4000 x 4000 spans would take far longer in a debug build.
    assert!(took.as_secs() < 10, "took {took:?}");
    eprintln!("long document: built and scored in {took:?}");
}

#[test]
fn extreme_offsets_never_panic_and_count_as_bad() {
    let (gold, docs) = seed_gold();
    let mut a = analysis_from_gold(&gold, &docs);
    let huge = [usize::MAX, usize::MAX - 1, usize::MAX / 2, 1 << 40];
    for (k, q) in a.quotes.iter_mut().enumerate().take(8) {
        q.start = huge[k % 4];
        q.end = huge[(k + 1) % 4];
    }
    for (k, m) in a.mentions.iter_mut().enumerate().take(8) {
        m.end = huge[k % 4];
    }
    for s in a.stances.iter_mut().take(3) {
        s.evidence.start = usize::MAX - 1;
        s.cue.end = usize::MAX / 3;
    }
    let r = score(&gold, &docs, &a);
    assert_eq!(r.figure("bad_spans"), Some(8.0 + 8.0 + 6.0), "{r:#}");
    for (name, v) in &r.figures {
        assert!(v.is_finite() && *v >= 0.0, "{name} = {v}");
        if !INTEGER_FIGURES.contains(&name.as_str()) {
            assert!(*v <= 1.0, "{name} = {v}");
        }
    }
    assert_eq!(r.counts.system_quotes, a.quotes.len() - 8);
}
