//! The native engine, stage by stage (`cargo bench --bench pipeline`, or `make bench`):
//! segmentation, quote finding, actors, speaker attribution, quote links, stances, and the whole
//! `analyze`, in bytes per second of input on one core.
//!
//! Inputs: the seed articles, and the ~1 MB and ~10 MB corpora that `scripts/bench-wasm.mjs
//! --corpus` writes to `target/bench-corpus/` (the seeds again and again with varied names, the
//! same text the wasm and compromise benchmarks read). Without those files only the seeds run.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use whosaid::analysis::DocumentInput;
use whosaid::text::Document;

fn seeds() -> Vec<DocumentInput> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable seeds/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| DocumentInput {
            id: p.file_stem().unwrap().to_string_lossy().into_owned(),
            text: std::fs::read_to_string(p).expect("seed is UTF-8"),
            outlet: None,
            title: None,
        })
        .collect()
}

/// The generated corpus `name` (`1mb`, `10mb`), if `scripts/bench-wasm.mjs --corpus` wrote it.
fn corpus(name: &str) -> Option<Vec<DocumentInput>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-corpus")
        .join(format!("corpus-{name}.json"));
    let json = std::fs::read_to_string(&path).ok()?;
    Some(serde_json::from_str(&json).expect("corpus is a list of documents"))
}

fn inputs() -> Vec<(&'static str, Vec<DocumentInput>)> {
    let mut v = vec![("seeds", seeds())];
    for name in ["1mb", "10mb"] {
        match corpus(name) {
            Some(docs) => v.push((name, docs)),
            None => eprintln!(
                "pipeline bench: no target/bench-corpus/corpus-{name}.json; run `make bench` \
                 (or node scripts/bench-wasm.mjs --corpus) to measure it"
            ),
        }
    }
    v
}

fn stages(c: &mut Criterion) {
    for (name, docs) in inputs() {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut g = c.benchmark_group(format!("pipeline/{name}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        if bytes > 100_000 {
            g.sample_size(10);
            g.warm_up_time(Duration::from_secs(1));
            g.measurement_time(Duration::from_secs(if bytes > 2_000_000 { 20 } else { 5 }));
        }
        let prepared: Vec<Document> = docs.iter().map(Document::new).collect();
        let actor_set = whosaid::actors::extract_actors(&prepared);
        let found: Vec<Vec<whosaid::quotes::QuoteRec>> = prepared
            .iter()
            .enumerate()
            .map(|(i, d)| whosaid::quotes::find_quotes(d, i))
            .collect();

        g.bench_function("segmentation", |b| {
            b.iter(|| {
                let docs: Vec<Document> = black_box(&docs).iter().map(Document::new).collect();
                docs
            })
        });
        g.bench_function("quotes", |b| {
            b.iter(|| {
                black_box(&prepared)
                    .iter()
                    .enumerate()
                    .map(|(i, d)| whosaid::quotes::find_quotes(d, i).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("actors", |b| {
            b.iter(|| whosaid::actors::extract_actors(black_box(&prepared)))
        });
        g.bench_function("speakers", |b| {
            b.iter_batched_ref(
                || found.clone(),
                |qs| {
                    for (d, q) in prepared.iter().zip(qs.iter_mut()) {
                        whosaid::quotes::attribute_speakers(d, q, &actor_set);
                    }
                },
                BatchSize::LargeInput,
            )
        });
        let attributed: Vec<whosaid::quotes::QuoteRec> = found
            .iter()
            .cloned()
            .zip(&prepared)
            .flat_map(|(mut q, d)| {
                whosaid::quotes::attribute_speakers(d, &mut q, &actor_set);
                q
            })
            .collect();
        g.bench_function("links", |b| {
            b.iter(|| whosaid::links::link_quotes(black_box(&prepared), black_box(&attributed)))
        });
        g.bench_function("stances", |b| {
            b.iter(|| {
                whosaid::stances::find_stances(
                    black_box(&prepared),
                    black_box(&attributed),
                    &actor_set,
                )
            })
        });
        g.bench_function("analyze", |b| b.iter(|| whosaid::analyze(black_box(&docs))));
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
