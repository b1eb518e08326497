//! The command line on good and bad input: `whosaid analyze FILE... [--json] [--gazetteer FILE]`
//! and `whosaid eval --gold DIR --docs DIR [--analysis FILE]`.
//!
//! Bad input (a missing file, a directory, invalid UTF-8, empty input, an unreadable file) gets
//! a clear error naming the file on standard error, exit status 2, and nothing on standard output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_whosaid");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A scratch directory of this test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("whosaid-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("whosaid runs");
    {
        let mut pipe = child.stdin.take().unwrap();
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).unwrap();
        }
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit status 2, nothing on standard output, and standard error naming `names`.
fn assert_clean_failure(out: &Output, names: &str) {
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status; stderr: {}",
        text(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "something was printed on stdout: {}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(err.contains(names), "stderr does not name {names:?}: {err}");
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "exit {:?}; stderr: {}",
        out.status.code(),
        text(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON value")
}

#[test]
fn analyze_seeds_as_json_gives_the_contract() {
    let files = seeds();
    assert!(files.len() >= 5);
    let args: Vec<String> = std::iter::once("analyze".to_string())
        .chain(files.iter().map(|p| p.display().to_string()))
        .chain(std::iter::once("--json".to_string()))
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let v = json(&run(&args, None));
    assert_eq!(v["version"], 1);
    let ids: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let stems: Vec<String> = files
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(ids, stems, "document ids are the file stems, in order");
    for key in ["actors", "mentions", "quotes", "quote_links", "stances"] {
        assert!(v[key].is_array(), "{key} is a list");
    }
    assert!(
        !v["quotes"].as_array().unwrap().is_empty(),
        "the seeds have quotes"
    );
    // Every quote slices its document (UTF-16 offsets).
    for q in v["quotes"].as_array().unwrap() {
        let i = stems.iter().position(|s| q["doc"] == **s).unwrap();
        let body = std::fs::read_to_string(&files[i]).unwrap();
        let units: Vec<u16> = body.encode_utf16().collect();
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[s..e]).unwrap(),
            q["text"].as_str().unwrap()
        );
    }
}

#[test]
fn analyze_prints_a_readable_table_by_default() {
    let files = seeds();
    let first = files[0].display().to_string();
    let out = run(&["analyze", &first], None);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let table = text(&out.stdout);
    let stem = files[0].file_stem().unwrap().to_string_lossy().into_owned();
    assert!(
        !table.trim_start().starts_with('{'),
        "the default is not JSON"
    );
    assert!(
        table.contains(&stem),
        "the table names the document: {table}"
    );
    assert!(table.lines().count() > 1, "the table lists the quotes");
}

#[test]
fn analyze_reads_standard_input_for_dash() {
    let body = "“We will finish the bridge by spring,” said Jane Roe, the transport minister.\n";
    let v = json(&run(&["analyze", "-", "--json"], Some(body.as_bytes())));
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    let quotes = v["quotes"].as_array().unwrap();
    assert!(
        quotes.iter().any(|q| q["text"]
            .as_str()
            .unwrap()
            .starts_with("We will finish the bridge by spring")),
        "quote read from stdin: {quotes:?}"
    );
}

#[test]
fn missing_file_is_a_clean_error() {
    let s = Scratch::new("missing");
    let missing = s.0.join("no-such-article.txt").display().to_string();
    assert_clean_failure(&run(&["analyze", &missing], None), "no-such-article.txt");
    assert_clean_failure(
        &run(&["analyze", &missing, "--json"], None),
        "no-such-article.txt",
    );
}

#[test]
fn directory_is_a_clean_error() {
    let s = Scratch::new("dir");
    let dir = s.0.join("articles");
    std::fs::create_dir_all(&dir).unwrap();
    let dir = dir.display().to_string();
    assert_clean_failure(&run(&["analyze", &dir, "--json"], None), &dir);
}

#[test]
fn invalid_utf8_is_a_clean_error() {
    let s = Scratch::new("utf8");
    let bad = s.file("latin1.txt", b"Caf\xe9 \xff\xfe said \x80 nothing\n");
    let bad = bad.display().to_string();
    assert_clean_failure(&run(&["analyze", &bad, "--json"], None), "latin1.txt");
    assert_clean_failure(&run(&["analyze", "-"], Some(b"\xff\xfe\x00")), "-");
}

#[test]
fn empty_input_is_a_clean_error() {
    let s = Scratch::new("empty");
    let empty = s.file("empty.txt", b"").display().to_string();
    assert_clean_failure(&run(&["analyze", &empty, "--json"], None), "empty.txt");
    assert_clean_failure(&run(&["analyze", "-", "--json"], Some(b"")), "-");
}

/// One bad file among good ones: nothing half-printed, and the bad one is named.
#[test]
fn one_bad_file_among_good_ones_prints_nothing() {
    let s = Scratch::new("mixed");
    let good = s
        .file("good.txt", "“We will finish,” said Jane Roe.\n".as_bytes())
        .display()
        .to_string();
    let bad = s.file("bad.txt", b"\xff\xff").display().to_string();
    let missing = s.0.join("gone.txt").display().to_string();
    assert_clean_failure(&run(&["analyze", &good, &bad, "--json"], None), "bad.txt");
    assert_clean_failure(&run(&["analyze", &good, &missing], None), "gone.txt");
}

#[test]
fn unreadable_file_is_a_clean_error() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("perm");
    let p = s.file("locked.txt", "“Words,” she said.\n".as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Root reads any file; a file that cannot be opened is then a path through a file.
        let through = s.0.join("locked.txt/child.txt").display().to_string();
        assert_clean_failure(&run(&["analyze", &through], None), "child.txt");
        return;
    }
    let p = p.display().to_string();
    assert_clean_failure(&run(&["analyze", &p, "--json"], None), "locked.txt");
}

#[test]
fn missing_gazetteer_is_a_clean_error() {
    let files = seeds();
    let first = files[0].display().to_string();
    assert_clean_failure(
        &run(
            &["analyze", &first, "--gazetteer", "/nonexistent/places.txt"],
            None,
        ),
        "places.txt",
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [&[][..], &["analyze"][..], &["frobnicate"][..]] {
        let out = run(args, None);
        assert_eq!(out.status.code(), Some(2), "whosaid {args:?}");
        assert!(out.stdout.is_empty(), "whosaid {args:?} printed on stdout");
    }
}

#[test]
fn eval_scores_an_analysis_against_the_gold() {
    let s = Scratch::new("eval");
    let files = seeds();
    let mut args = vec!["analyze".to_string()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    args.push("--json".to_string());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, None);
    assert!(out.status.success());
    let analysis = s.file("analysis.json", &out.stdout).display().to_string();
    for extra in [vec![], vec!["--analysis", analysis.as_str()]] {
        let mut a = vec!["eval", "--gold", "tests/gold", "--docs", "seeds"];
        a.extend(extra);
        let out = run(&a, None);
        assert!(out.status.success(), "{a:?}: {}", text(&out.stderr));
        let report = text(&out.stdout);
        assert!(
            report.contains("quote_f1"),
            "eval reports quote_f1: {report}"
        );
    }
}

#[test]
fn eval_with_a_missing_gold_folder_is_a_clean_error() {
    let out = run(
        &["eval", "--gold", "/nonexistent/gold", "--docs", "seeds"],
        None,
    );
    assert_clean_failure(&out, "/nonexistent/gold");
}
