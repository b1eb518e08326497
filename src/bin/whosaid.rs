//! The command line: `whosaid analyze FILE... [--json]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut docs = Vec::new();
    for a in args.iter().skip(1).filter(|a| !a.starts_with("--")) {
        let text = std::fs::read_to_string(a).expect("read");
        let id = std::path::Path::new(a)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        docs.push(whosaid::analysis::DocumentInput {
            id,
            text,
            outlet: None,
            title: None,
        });
    }
    let a = whosaid::analyze(&docs);
    println!("{}", serde_json::to_string_pretty(&a).unwrap());
}
