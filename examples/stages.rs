//! Times each stage of the pipeline on a corpus file (`cargo run --release --example stages --
//! target/bench-corpus/corpus-1mb.json [OUT.json] [RUNS]`): a quick look at where the time goes
//! between full criterion runs. Prints the best of RUNS (default 5) in ms and MB/s per stage:
//! on a shared machine the best run is the steadiest figure. With OUT.json, writes the analysis
//! as JSON there, so two builds' outputs on the same corpus can be compared byte for byte.

use std::time::Instant;

use whosaid::analysis::DocumentInput;
use whosaid::quotes::QuoteRec;
use whosaid::text::Document;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stages CORPUS.json [OUT.json] [RUNS]");
    let out = std::env::args().nth(2).filter(|s| !s.is_empty());
    let runs: usize = std::env::args()
        .nth(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let json = std::fs::read_to_string(&path).expect("readable corpus");
    let inputs: Vec<DocumentInput> = serde_json::from_str(&json).expect("list of documents");
    let bytes: usize = inputs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / (1 << 20) as f64;
    let report = |stage: &str, s: f64| {
        println!("{stage:<14} {:>9.1} ms {:>8.1} MB/s", s * 1e3, mb / s);
    };

    let t = Instant::now();
    let _ = whosaid::analyze(&inputs[..1.min(inputs.len())]);
    // One document: the one-off set-up (lexicons, automata) dominates; MB/s would mean nothing.
    println!("first call     {:>9.1} ms", t.elapsed().as_secs_f64() * 1e3);

    const STAGES: [&str; 7] = [
        "segmentation",
        "actors",
        "quotes",
        "speakers",
        "links",
        "stances",
        "analyze",
    ];
    let mut best = [f64::INFINITY; STAGES.len()];
    let mut counts = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let mut lap = Instant::now();
        let mut step = |k: usize| {
            best[k] = best[k].min(lap.elapsed().as_secs_f64());
            lap = Instant::now();
        };
        let docs: Vec<Document> = inputs.iter().map(Document::new).collect();
        step(0);
        let mut actor_set = whosaid::actors::extract_actors(&docs);
        step(1);
        let found: Vec<Vec<QuoteRec>> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| whosaid::quotes::find_quotes(d, i))
            .collect();
        step(2);
        whosaid::quotes::discover_speakers(&docs, &found, &mut actor_set);
        let mut recs = Vec::new();
        for (d, mut qs) in docs.iter().zip(found) {
            whosaid::quotes::attribute_speakers(d, &mut qs, &actor_set);
            recs.extend(qs);
        }
        step(3);
        let links = whosaid::links::link_quotes(&docs, &recs);
        step(4);
        let stances = whosaid::stances::find_stances(&docs, &recs, &actor_set);
        step(5);
        counts = (recs.len(), links.len(), stances.len());
        let _ = whosaid::analyze(&inputs);
        step(6);
    }
    for (stage, s) in STAGES.iter().zip(best) {
        report(stage, s);
    }
    println!(
        "({} quotes, {} links, {} stances)",
        counts.0, counts.1, counts.2
    );
    let a = whosaid::analyze(&inputs);
    let t = Instant::now();
    let s = serde_json::to_string(&a).expect("an analysis serialises");
    report("to json", t.elapsed().as_secs_f64());
    println!("json {} bytes", s.len());
    if let Some(out) = out {
        std::fs::write(&out, s).expect("writable output path");
    }
}
