//! Compiles the built-in gazetteer (data/gazetteer/) into one compact text blob in OUT_DIR,
//! embedded by `src/actors/data.rs` with `include_str!`.
//!
//! Compiled form, one line each:
//! - `E<TAB>kind<TAB>name<TAB>affiliation<TAB>demonym<TAB>aliases`, kind `c` (country) or `o`
//!   (organisation); `affiliation` is another entry's name or empty; `aliases` are `|`-separated,
//!   each prefixed by its class: `N` a name, `A` an acronym or code (all capitals), `C` a capital or
//!   seat (the government only where it stands alone), `D` a demonym. A bare `N` is the entry's
//!   own name and a bare `D` its own demonym.
//! - then the lexicon sections of `lexicon.txt`, comments and blank lines removed.
//!
//! It also copies the word lists of `data/` to OUT_DIR without their comments (`data_file!`).
//!
//! Every variant is derived here, not typed: dotted acronyms ("U.N."), curly apostrophes
//! ("People’s"), headline abbreviations of name words ("Nth Korea"). An alias claimed by two
//! entries is kept by the one holding it as a name or acronym if only one does, else by the only
//! UN member among them ("American"), else dropped as ambiguous.
//! The build fails with a message when a data file is malformed or an affiliation names nothing.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[path = "src/actors/variant.rs"]
mod variant;

const DIR: &str = "data/gazetteer";

struct Entry {
    kind: char,
    /// A UN member state: wins an alias it shares with a territory ("American").
    un_member: bool,
    name: String,
    affiliation: String,
    demonym: String,
    /// (class, alias) in insertion order.
    aliases: Vec<(char, String)>,
}

fn data_lines(file: &str) -> Vec<(usize, String)> {
    let path = Path::new(DIR).join(file);
    println!("cargo:rerun-if-changed={}", path.display());
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.trim_end_matches(['\r', '\n']).to_string()))
        .collect()
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty() && *a != "-")
        .map(String::from)
        .collect()
}

fn is_acronym(a: &str) -> bool {
    let n = a.chars().count();
    (2..=5).contains(&n)
        && a.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut entries: Vec<Entry> = Vec::new();

    // Word variants used in headlines ("Nth" for "North").
    let mut word_variants: HashMap<String, Vec<String>> = HashMap::new();
    for (_, l) in data_lines("word-variants.tsv") {
        let f: Vec<&str> = l.split('\t').collect();
        assert!(f.len() == 2, "word-variants.tsv: two columns expected: {l}");
        word_variants.insert(f[0].to_string(), split_list(f[1]));
    }
    let name_variants = |name: &str| -> Vec<String> {
        let mut out = Vec::new();
        let words: Vec<&str> = name.split(' ').collect();
        for (i, w) in words.iter().enumerate() {
            for v in word_variants.get(*w).into_iter().flatten() {
                let mut ws: Vec<String> = words.iter().map(|s| s.to_string()).collect();
                ws[i] = v.clone();
                out.push(ws.join(" "));
            }
        }
        out
    };

    // Countries, from the registry package's extract.
    for (line, l) in data_lines("countries.tsv") {
        let f: Vec<&str> = l.split('\t').collect();
        assert!(
            f.len() == 8,
            "countries.tsv line {line}: 8 columns expected"
        );
        let (common, official) = (f[2], f[3]);
        let demonyms = split_list(f[6]);
        let mut aliases = vec![('N', common.to_string()), ('N', official.to_string())];
        for v in name_variants(common) {
            aliases.push(('N', v));
        }
        // Alternative spellings outside ASCII ("Shqipëri", "Afġānistān") are endonyms English
        // news does not write; the ASCII spelling of a name with accents stays ("Cote d'Ivoire"),
        // and common and official names are kept whatever their letters ("Türkiye"). The
        // endonyms were 0.7 KB of the wasm's gzip.
        for a in split_list(f[4]).into_iter().filter(|a| a.is_ascii()) {
            aliases.push((if is_acronym(&a) { 'A' } else { 'N' }, a));
        }
        for c in split_list(f[5]) {
            aliases.push(('C', c));
        }
        for d in &demonyms {
            aliases.push(('D', d.clone()));
        }
        entries.push(Entry {
            kind: 'c',
            un_member: f[7] == "un",
            name: common.to_string(),
            affiliation: String::new(),
            demonym: demonyms.first().cloned().unwrap_or_default(),
            aliases,
        });
    }
    let mut by_name: HashMap<String, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.name.clone(), i))
        .collect();

    // Curated names and seats of countries.
    for (line, l) in data_lines("country-aliases.tsv") {
        let f: Vec<&str> = l.split('\t').collect();
        assert!(
            f.len() == 4,
            "country-aliases.tsv line {line}: 4 columns expected"
        );
        let &i = by_name
            .get(f[0])
            .unwrap_or_else(|| panic!("country-aliases.tsv line {line}: unknown country {}", f[0]));
        let class = match f[1] {
            "name" => 'N',
            "seat" => 'C',
            other => {
                panic!("country-aliases.tsv line {line}: class must be name or seat, not {other}")
            }
        };
        for a in split_list(f[2]) {
            entries[i].aliases.push((class, a));
        }
    }

    // Curated organisations.
    for (line, l) in data_lines("organisations.tsv") {
        let f: Vec<&str> = l.split('\t').collect();
        assert!(
            f.len() == 5,
            "organisations.tsv line {line}: 5 columns expected"
        );
        assert!(
            f[1] == "organization" || f[1] == "group",
            "organisations.tsv line {line}: bad kind {}",
            f[1]
        );
        assert!(
            !by_name.contains_key(f[0]),
            "organisations.tsv line {line}: duplicate name {}",
            f[0]
        );
        let mut aliases = vec![(if is_acronym(f[0]) { 'A' } else { 'N' }, f[0].to_string())];
        for a in split_list(f[3]) {
            aliases.push((if is_acronym(&a) { 'A' } else { 'N' }, a));
        }
        by_name.insert(f[0].to_string(), entries.len());
        entries.push(Entry {
            kind: if f[1] == "group" { 'g' } else { 'o' },
            un_member: false,
            name: f[0].to_string(),
            affiliation: if f[2] == "-" {
                String::new()
            } else {
                f[2].to_string()
            },
            demonym: String::new(),
            aliases,
        });
    }
    for e in &entries {
        assert!(
            e.affiliation.is_empty() || by_name.contains_key(&e.affiliation),
            "organisations.tsv: {} is affiliated to unknown {}",
            e.name,
            e.affiliation
        );
    }

    // Derived variants: dotted acronyms, curly apostrophes.
    for e in &mut entries {
        let mut extra = Vec::new();
        for (class, a) in &e.aliases {
            if *class == 'A' && a.len() <= 4 && a.chars().all(|c| c.is_ascii_uppercase()) {
                let dotted: String = a.chars().flat_map(|c| [c, '.']).collect();
                extra.push(('A', dotted));
            }
        }
        e.aliases.extend(extra);
        let mut extra = Vec::new();
        for (class, a) in &e.aliases {
            if a.contains('\'') {
                extra.push((*class, a.replace('\'', "\u{2019}")));
            }
            // "UN General Assembly" also as "U.N. General Assembly", and back.
            if a.contains(' ') {
                let words: Vec<String> = a
                    .split(' ')
                    .map(|w| {
                        if (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()) {
                            w.chars().flat_map(|c| [c, '.']).collect()
                        } else if w.len() >= 4
                            && w.len() <= 8
                            && w.ends_with('.')
                            && w.chars().step_by(2).all(|c| c.is_ascii_uppercase())
                            && w.chars().skip(1).step_by(2).all(|c| c == '.')
                        {
                            w.replace('.', "")
                        } else {
                            w.to_string()
                        }
                    })
                    .collect();
                let v = words.join(" ");
                if v != *a {
                    extra.push((*class, v));
                }
            }
        }
        e.aliases.extend(extra);
    }

    // Ambiguity: an alias held by several entries goes to the one holding it as a name or
    // acronym, if exactly one does; otherwise nobody keeps it.
    let mut holders: BTreeMap<String, Vec<(usize, char)>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        for (c, a) in &e.aliases {
            let h = holders.entry(a.clone()).or_default();
            if !h.iter().any(|(j, _)| *j == i) {
                h.push((i, *c));
            }
        }
    }
    let mut dropped = 0;
    for (alias, h) in &holders {
        if h.len() < 2 {
            continue;
        }
        let strong: Vec<usize> = h
            .iter()
            .filter(|(_, c)| matches!(c, 'N' | 'A'))
            .map(|(i, _)| *i)
            .collect();
        let members: Vec<usize> = h
            .iter()
            .filter(|(i, _)| entries[*i].un_member)
            .map(|(i, _)| *i)
            .collect();
        let keep = if strong.len() == 1 {
            Some(strong[0])
        } else if strong.is_empty() && members.len() == 1 {
            Some(members[0])
        } else {
            None
        };
        for (i, _) in h {
            if Some(*i) != keep {
                entries[*i].aliases.retain(|(_, a)| a != alias);
                dropped += 1;
            }
        }
    }

    let mut out = String::new();
    for e in &entries {
        let mut seen = std::collections::HashSet::new();
        let list: Vec<&(char, String)> = e
            .aliases
            .iter()
            .filter(|(_, a)| seen.insert(a.clone()))
            .collect();
        // An alias followed later by its variant of the same class ("UN" and "U.N.") is
        // written once, its class letter in lowercase: the reader spells the variant out.
        let mut consumed = vec![false; list.len()];
        let mut aliases: Vec<String> = Vec::new();
        for (i, (c, a)) in list.iter().map(|x| (x.0, &x.1)).enumerate() {
            if consumed[i] {
                continue;
            }
            let v = variant::variant(a);
            let twin = (i + 1..list.len())
                .find(|&j| !consumed[j] && v != *a && list[j].0 == c && list[j].1 == v);
            let c = match twin {
                Some(j) => {
                    consumed[j] = true;
                    c.to_ascii_lowercase()
                }
                None => c,
            };
            // The entry's own name and demonym are written as the bare class letter: the
            // reader (src/actors/data.rs) fills them in, and the module is smaller by them.
            aliases.push(match c.to_ascii_uppercase() {
                'N' if *a == e.name => c.to_string(),
                'D' if *a == e.demonym => c.to_string(),
                _ => format!("{c}{a}"),
            });
        }
        for field in [&e.name, &e.affiliation, &e.demonym] {
            assert!(
                !field.contains('\t') && !field.contains('\n'),
                "tab or newline in {field}"
            );
        }
        writeln!(
            out,
            "E\t{}\t{}\t{}\t{}\t{}",
            e.kind,
            e.name,
            e.affiliation,
            e.demonym,
            aliases.join("|")
        )
        .unwrap();
    }

    // The lexicon, comments removed.
    let lex_path = Path::new(DIR).join("lexicon.txt");
    println!("cargo:rerun-if-changed={}", lex_path.display());
    let lex = fs::read_to_string(&lex_path).expect("cannot read data/gazetteer/lexicon.txt");
    for l in lex.lines() {
        let l = l.trim_end();
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }

    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo");
    fs::write(Path::new(&out_dir).join("gazetteer.txt"), &out)
        .expect("cannot write the compiled gazetteer");
    compile_word_lists(Path::new(&out_dir));
    compile_lowercase(Path::new(&out_dir));
    println!("cargo:rustc-env=WHOSAID_GAZETTEER_DROPPED={dropped}");
}

/// Copies each word list of `data/` (`*.txt`, `*.tsv`) to `out_dir` without its comment and blank
/// lines, for `data_file!` to embed: the comments document the lists for their readers and were
/// a sixth of the data a browser downloads. Every other line is copied unchanged, so every
/// reader of these lists parses the same rows as from the file itself.
fn compile_word_lists(out_dir: &Path) {
    println!("cargo:rerun-if-changed=data");
    let mut files: Vec<_> = fs::read_dir("data")
        .expect("cannot list data/")
        .map(|e| e.expect("cannot list data/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "tsv"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut kept = String::with_capacity(text.len());
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            kept.push_str(line);
            kept.push('\n');
        }
        let name = path.file_name().expect("a data file has a name");
        fs::write(out_dir.join(name), kept)
            .unwrap_or_else(|e| panic!("cannot write the compiled {}: {e}", path.display()));
    }
}

/// Writes `lowercase.rs`: the standard library's lowercase mapping of every non-ASCII char, as
/// runs of chars that map by one offset at a stride of 1 or 2 (`(first, len, stride, delta)`),
/// for `src/text/case.rs`. std's own table (one `(char, char)` pair per mapped char) was 11 KB of
/// the wasm module; the runs are 180-odd, taken from std by the toolchain that compiles the
/// engine, so the mapping is the same. The one multi-char mapping (U+0130, "İ" to "i̇") is left
/// to the reader; the build fails if another appears.
fn compile_lowercase(out_dir: &Path) {
    let mut mapped: Vec<(u32, i64)> = Vec::new();
    for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        let mut lower = c.to_lowercase();
        let first = lower.next().expect("a lowercase mapping has a char");
        if lower.next().is_some() {
            assert_eq!(c, '\u{130}', "a new multi-char lowercase mapping: {c:?}");
        } else if first != c {
            mapped.push((c as u32, first as i64 - c as i64));
        }
    }
    let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
    for (c, delta) in mapped {
        if let Some(run) = runs.last_mut() {
            let (first, len, stride, d) = *run;
            let last = first + (len - 1) * stride;
            let step = c - last;
            if d == delta && (step == stride || (len == 1 && step == 2)) {
                *run = (first, len + 1, step, d);
                continue;
            }
        }
        runs.push((c, 1, 1, delta));
    }
    let mut src = String::from(
        "/// Generated by build.rs from std's `char::to_lowercase`: (first, len, stride, delta).\n\
         const LOWER_RUNS: &[(u32, u8, u8, i32)] = &[\n",
    );
    for (first, len, stride, delta) in runs {
        assert!(len < 256, "a lowercase run longer than u8");
        writeln!(src, "    ({first:#x}, {len}, {stride}, {delta}),").unwrap();
    }
    src.push_str("];\n");
    fs::write(out_dir.join("lowercase.rs"), src).expect("cannot write lowercase.rs");
}
