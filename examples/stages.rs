//! Times each stage of the pipeline once on a corpus file (`cargo run --release --example stages
//! -- target/bench-corpus/corpus-1mb.json`): a quick look at where the time goes between full
//! criterion runs. Prints MB/s per stage. With a second argument, writes the analysis as JSON
//! there: two builds' outputs on the same corpus can then be compared byte for byte.

use std::time::Instant;

use whosaid::analysis::DocumentInput;
use whosaid::text::Document;

fn main() {
    let path = std::env::args().nth(1).expect("usage: stages CORPUS.json");
    let json = std::fs::read_to_string(&path).expect("readable corpus");
    let inputs: Vec<DocumentInput> = serde_json::from_str(&json).expect("list of documents");
    let bytes: usize = inputs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / (1 << 20) as f64;
    let report = |stage: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!("{stage:<14} {:>9.1} ms {:>8.1} MB/s", s * 1e3, mb / s);
    };

    let t = Instant::now();
    let _ = whosaid::analyze(&inputs[..1.min(inputs.len())]);
    report("first call", t);

    let t = Instant::now();
    let docs: Vec<Document> = inputs.iter().map(Document::new).collect();
    report("segmentation", t);
    let t = Instant::now();
    let mut actor_set = whosaid::actors::extract_actors(&docs);
    report("actors", t);
    let t = Instant::now();
    let found: Vec<Vec<whosaid::quotes::QuoteRec>> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| whosaid::quotes::find_quotes(d, i))
        .collect();
    report("quotes", t);
    let t = Instant::now();
    for (i, (d, qs)) in docs.iter().zip(&found).enumerate() {
        whosaid::quotes::discover_speakers(d, i, qs, &mut actor_set);
    }
    let mut recs = Vec::new();
    for (d, mut qs) in docs.iter().zip(found) {
        whosaid::quotes::attribute_speakers(d, &mut qs, &actor_set);
        recs.extend(qs);
    }
    report("speakers", t);
    let t = Instant::now();
    let links = whosaid::links::link_quotes(&docs, &recs);
    report("links", t);
    let t = Instant::now();
    let stances = whosaid::stances::find_stances(&docs, &recs, &actor_set);
    report("stances", t);
    println!(
        "({} quotes, {} links, {} stances)",
        recs.len(),
        links.len(),
        stances.len()
    );
    let t = Instant::now();
    let a = whosaid::analyze(&inputs);
    report("analyze", t);
    let t = Instant::now();
    let s = serde_json::to_string(&a).unwrap();
    report("to json", t);
    println!("json {} bytes", s.len());
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(&out, s).expect("writable output path");
    }
}
