//! Quote linking at scale (`cargo bench --bench links`): one story carried by 10, 100 and 1,000
//! articles, linked in one call. Linking time should grow about linearly with the number of
//! articles, since each quote unit is compared with the cluster representatives that share a
//! word pair with it, never with every other quote.
//!
//! Input: the seed articles, copied round-robin, each copy with its own varied wording so that
//! quotes differ across outlets as they do in the wild: a few words dropped or inflected, quote
//! marks changed between curly and straight, and numbers and a dateline of its own. Quotes come
//! from the engine's own quote finder, run once before timing.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use whosaid::analysis::DocumentInput;
use whosaid::quotes::{find_quotes, QuoteRec};
use whosaid::text::Document;

fn seeds() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable seeds/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed is UTF-8"))
        .collect()
}

/// A small deterministic generator (xorshift), so every run links the same articles.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

/// Article `k` of the cluster: seed `k % seeds`, words varied by its own generator.
fn varied(seed: &str, k: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (k as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut out = format!("Dateline {k}, edition {}\n\n", rng.next() % 97);
    for piece in seed.split_inclusive(' ') {
        let word = piece.trim_end();
        let lower_word = word.chars().all(|c| c.is_ascii_lowercase());
        if lower_word && word.len() > 3 && rng.chance(40) {
            // Dropped word, as when an outlet trims a quote.
            continue;
        }
        if lower_word && word.len() > 4 && rng.chance(40) {
            out.push_str(word);
            out.push_str(if word.ends_with('s') { "es " } else { "s " });
            continue;
        }
        let swapped: String = piece
            .chars()
            .map(|c| match c {
                '“' | '”' if k % 3 == 0 => '"',
                '"' if k % 3 == 1 => '“',
                _ => c,
            })
            .collect();
        out.push_str(&swapped);
    }
    out
}

fn cluster(n: usize, seeds: &[String]) -> (Vec<Document>, Vec<QuoteRec>) {
    let docs: Vec<Document> = (0..n)
        .map(|k| {
            Document::new(&DocumentInput {
                id: format!("a{k}"),
                text: varied(&seeds[k % seeds.len()], k),
                outlet: None,
                title: None,
            })
        })
        .collect();
    let quotes = docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| find_quotes(d, i))
        .collect();
    (docs, quotes)
}

fn bench_links(c: &mut Criterion) {
    let seeds = seeds();
    let mut group = c.benchmark_group("link_quotes");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(4));
    group.sample_size(10);
    for n in [10usize, 100, 1000] {
        let (docs, quotes) = cluster(n, &seeds);
        let groups = whosaid::links::link_quotes(&docs, &quotes);
        eprintln!(
            "{n} articles: {} quotes, {} link groups",
            quotes.len(),
            groups.len()
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| whosaid::links::link_quotes(black_box(&docs), black_box(&quotes)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_links);
criterion_main!(benches);
