//! The command line: `whosaid analyze FILE... [--json]` and `whosaid eval --gold DIR --docs DIR`.
//!
//! Exit status: 0 on success, 2 on bad input (unreadable, missing, directory, invalid UTF-8,
//! binary or empty files), with every problem named on standard error and nothing on standard
//! output, so a pipeline never sees half an analysis.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use whosaid::analysis::{Analysis, DocumentInput};

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what, and where each actor stands, across news articles on one story."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles: quotes and speakers, actors, quote links, stances.
    Analyze {
        /// Article files (UTF-8 text); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print the analysis as JSON (the contract in ANALYSIS.md) instead of a table.
        #[arg(long)]
        json: bool,
        /// A JSON list of actors with aliases that adds to or overrides the built-in gazetteer.
        #[arg(long, value_name = "FILE")]
        gazetteer: Option<PathBuf>,
    },
    /// Score an analysis against a gold folder (actors.json, quote_links.json, <doc>.json).
    Eval {
        /// The gold folder.
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// The folder of the documents, <doc>.txt for every gold document.
        #[arg(long, value_name = "DIR")]
        docs: PathBuf,
        /// An analysis JSON to score; without it, whosaid analyses the documents itself.
        #[arg(long, value_name = "FILE")]
        analysis: Option<PathBuf>,
        /// Print the figures as one JSON object.
        #[arg(long)]
        json: bool,
        /// List every miss.
        #[arg(long)]
        verbose: bool,
        /// Comma list of figure=minimum (bad_spans=N is a maximum); exit 1 when one is not met.
        #[arg(long, value_name = "BARS", default_value = "")]
        require: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze {
            files,
            json,
            gazetteer,
        } => run_analyze(&files, json, gazetteer.as_deref()),
        Command::Eval {
            gold,
            docs,
            analysis,
            json,
            verbose,
            require,
        } => run_eval(&gold, &docs, analysis.as_deref(), json, verbose, &require),
    }
}

fn run_eval(
    gold_dir: &Path,
    docs_dir: &Path,
    analysis: Option<&Path>,
    json: bool,
    verbose: bool,
    require: &str,
) -> ExitCode {
    let fail = |e: String| {
        eprintln!("whosaid: {e}");
        ExitCode::from(2)
    };
    let (gold, docs) = match whosaid::eval::load_gold(gold_dir, docs_dir) {
        Ok(g) => g,
        Err(e) => return fail(e),
    };
    let analysis: Analysis = match analysis {
        Some(p) => {
            let name = p.display();
            let text = match std::fs::read_to_string(p) {
                Ok(t) => t,
                Err(e) => return fail(format!("{name}: cannot read analysis: {e}")),
            };
            // Lenient, as score.py is: missing optional parts are empty, bad spans count as bad.
            match whosaid::eval::read_analysis(&text) {
                Ok(a) => a,
                Err(e) => return fail(format!("{name}: {e}")),
            }
        }
        None => whosaid::analyze(&docs),
    };
    let report = whosaid::eval::score(&gold, &docs, &analysis);
    let unmet = match report.unmet(require) {
        Ok(u) => u,
        Err(e) => return fail(e),
    };
    if json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render(verbose));
    }
    if unmet.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("below the bar: {}", unmet.join("; "));
        ExitCode::from(1)
    }
}

fn run_analyze(files: &[PathBuf], json: bool, gazetteer: Option<&Path>) -> ExitCode {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match read_document(f) {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    let user = match gazetteer.map(read_gazetteer).transpose() {
        Ok(u) => u.unwrap_or_default(),
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("whosaid: {e}");
        }
        return ExitCode::from(2);
    }
    let analysis = whosaid::analyze_with(&docs, &whosaid::Options { gazetteer: user });
    let out = if json {
        match serde_json::to_string_pretty(&analysis) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("whosaid: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        table(&analysis)
    };
    println!("{out}");
    ExitCode::SUCCESS
}

/// Reads one article; the id is the file stem (`stdin` for `-`).
fn read_document(path: &Path) -> Result<DocumentInput, String> {
    let name = path.display().to_string();
    let (id, bytes) = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        ("stdin".to_string(), buf)
    } else {
        if path.is_dir() {
            return Err(format!("{name}: is a directory, not an article file"));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone());
        (id, bytes)
    };
    if bytes.contains(&0) {
        return Err(format!(
            "{name}: looks like a binary file (it has NUL bytes), not article text"
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim().is_empty() {
        return Err(format!("{name}: is empty"));
    }
    Ok(DocumentInput {
        id,
        text,
        outlet: None,
        title: None,
    })
}

fn read_gazetteer(path: &Path) -> Result<Vec<whosaid::actors::UserActor>, String> {
    let name = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("{name}: cannot read gazetteer: {e}"))?;
    serde_json::from_str(&text).map_err(|e| format!("{name}: not a JSON list of actors: {e}"))
}

/// The readable table: one row per quote (document, speaker, quote), then a count line.
fn table(a: &Analysis) -> String {
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| a.actors.iter().find(|x| &x.id == id))
            .map_or_else(|| "(unknown)".to_string(), |x| x.name.clone())
    };
    let mut rows = vec![(
        "DOCUMENT".to_string(),
        "SPEAKER".to_string(),
        "QUOTE".to_string(),
    )];
    for q in &a.quotes {
        let mut text: String = q.text.chars().take(90).collect();
        if text.len() < q.text.len() {
            text.push('…');
        }
        rows.push((
            q.doc.chars().take(24).collect(),
            name_of(&q.speaker),
            text.replace('\n', " "),
        ));
    }
    let w0 = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r.1.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let mut out = String::new();
    for (d, s, q) in &rows {
        let s: String = s.chars().take(28).collect();
        out.push_str(&format!("{d:w0$}  {s:w1$}  {q}\n"));
    }
    out.push_str(&format!(
        "{} documents, {} actors, {} quotes, {} quote links, {} stances",
        a.documents.len(),
        a.actors.len(),
        a.quotes.len(),
        a.quote_links.len(),
        a.stances.len()
    ));
    out
}
