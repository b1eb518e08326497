//! The figures of one scoring run and how they are shown: text lines, JSON, required bars.

use std::fmt;

use serde::Serialize;
use serde_json::{json, Map, Value};

/// The figures' names, in the order they are computed and printed (`score.py`'s order).
pub const FIGURE_NAMES: [&str; 20] = [
    "quote_precision",
    "quote_recall",
    "quote_f1",
    "partial_recall",
    "speaker_acc",
    "speaker_acc_affil",
    "speaker_null",
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
    "bad_spans",
    "spans_checked",
];

/// Figures that count things rather than measure a ratio: printed without decimals.
pub const INTEGER_FIGURES: [&str; 3] = ["speaker_null", "bad_spans", "spans_checked"];

/// How many items each side had: the denominators behind the figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold_quotes: usize,
    /// System quotes whose span is valid (invalid ones are not scored).
    pub system_quotes: usize,
    pub gold_stances: usize,
    /// System stances with a valid evidence or cue span.
    pub system_stances: usize,
    /// Cross-document pairs of gold quotes reporting the same utterance.
    pub gold_link_pairs: usize,
    /// Distinct gold surface forms found (with word boundaries) in the documents.
    pub gold_aliases: usize,
    /// Distinct system actor ids.
    pub system_actors: usize,
}

impl Counts {
    /// The counts as `(name, value)` pairs, in `score.py`'s order.
    pub fn named(&self) -> [(&'static str, usize); 7] {
        [
            ("gold_quotes", self.gold_quotes),
            ("system_quotes", self.system_quotes),
            ("gold_stances", self.gold_stances),
            ("system_stances", self.system_stances),
            ("gold_link_pairs", self.gold_link_pairs),
            ("gold_aliases", self.gold_aliases),
            ("system_actors", self.system_actors),
        ]
    }
}

/// Figures of one scoring run, named as `score.py` names them.
///
/// Invariant: `figures` holds every name of [`FIGURE_NAMES`] once, in that order; ratios lie in
/// `0..=1`; the [`INTEGER_FIGURES`] hold whole numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub figures: Vec<(String, f64)>,
    pub counts: Counts,
    /// One line per miss (quote missed or extra, wrong speaker, alias not recognised, stance
    /// missed, bad span), in `score.py`'s order and wording.
    pub misses: Vec<String>,
}

impl Report {
    /// The figure of this name, or a count of [`Counts`] by its field name.
    pub fn figure(&self, name: &str) -> Option<f64> {
        self.figures
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, v)| v)
            .or_else(|| {
                self.counts
                    .named()
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|&(_, v)| v as f64)
            })
    }

    /// The figures as one JSON object, as `score.py --json` prints it: ratios rounded to 4
    /// decimals, integer figures as integers, and `counts` as an object.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (name, v) in &self.figures {
            let value = if is_integer_figure(name) {
                json!(*v as u64)
            } else {
                json!(round4(*v))
            };
            m.insert(name.clone(), value);
        }
        let counts: Map<String, Value> = self
            .counts
            .named()
            .iter()
            .map(|&(n, v)| (n.to_string(), json!(v)))
            .collect();
        m.insert("counts".into(), Value::Object(counts));
        Value::Object(m)
    }

    /// The text report: with `verbose`, every miss first (indented), then one line per figure,
    /// name padded to 22 columns, ratios with 3 decimals, and the counts last.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        if verbose {
            for m in &self.misses {
                out.push_str("  ");
                out.push_str(m);
                out.push('\n');
            }
        }
        for (name, v) in &self.figures {
            if is_integer_figure(name) {
                out.push_str(&format!("{name:22} {}\n", *v as u64));
            } else {
                out.push_str(&format!("{name:22} {v:.3}\n"));
            }
        }
        let counts: Vec<String> = self
            .counts
            .named()
            .iter()
            .map(|(n, v)| format!("'{n}': {v}"))
            .collect();
        out.push_str(&format!("{:22} {{{}}}\n", "counts", counts.join(", ")));
        out
    }

    /// Checks required minimums, given as `score.py --require` takes them: a comma list of
    /// `figure=minimum` (for `bad_spans`, a maximum). Returns the bars not met, each as
    /// `name=value < minimum`; an unknown figure or unreadable number is an error.
    pub fn unmet(&self, bars: &str) -> Result<Vec<String>, String> {
        let mut failed = Vec::new();
        for bar in bars.split(',').map(str::trim).filter(|b| !b.is_empty()) {
            let (key, minimum) = bar.split_once('=').unwrap_or((bar, ""));
            let value = FIGURE_NAMES
                .contains(&key)
                .then(|| self.figure(key))
                .flatten()
                .ok_or_else(|| format!("unknown figure in --require: {key}"))?;
            let bound: f64 = minimum
                .trim()
                .parse()
                .map_err(|_| format!("bad number in --require: {bar}"))?;
            if key == "bad_spans" {
                if value > bound {
                    failed.push(format!("{key}={} > {minimum}", value as u64));
                }
            } else if value < bound {
                failed.push(format!("{key}={value:.3} < {minimum}"));
            }
        }
        Ok(failed)
    }
}

/// `v` rounded to 4 decimals, ties to even on the exact binary value, as Python's `round(v, 4)`
/// (Rust's fixed-precision formatting rounds the same way).
fn round4(v: f64) -> f64 {
    format!("{v:.4}").parse().unwrap_or(v)
}

fn is_integer_figure(name: &str) -> bool {
    INTEGER_FIGURES.contains(&name)
}

/// The figures without misses; `{:#}` (alternate form) lists the misses first, as `--verbose`.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(f.alternate()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            figures: FIGURE_NAMES
                .iter()
                .map(|n| {
                    (
                        n.to_string(),
                        if is_integer_figure(n) { 2.0 } else { 0.0625 },
                    )
                })
                .collect(),
            counts: Counts {
                gold_quotes: 5,
                ..Counts::default()
            },
            misses: vec!["quote missed d (direct): 'x'".into()],
        }
    }

    #[test]
    fn lookup_text_and_json() {
        let r = sample();
        assert_eq!(r.figure("quote_f1"), Some(0.0625));
        assert_eq!(r.figure("gold_quotes"), Some(5.0));
        assert_eq!(r.figure("nope"), None);
        let text = r.to_string();
        assert!(text.starts_with("quote_precision        0.062\n"), "{text}");
        assert!(text.contains("\nbad_spans              2\n"));
        assert!(text.ends_with("'gold_quotes': 5, 'system_quotes': 0, 'gold_stances': 0, 'system_stances': 0, 'gold_link_pairs': 0, 'gold_aliases': 0, 'system_actors': 0}\n"));
        assert!(!text.contains("quote missed"));
        assert!(format!("{r:#}").starts_with("  quote missed d (direct): 'x'\n"));
        let j = r.to_json();
        assert_eq!(j["quote_f1"], json!(0.0625));
        assert_eq!(j["bad_spans"], json!(2));
        assert_eq!(j["counts"]["gold_quotes"], json!(5));
    }

    #[test]
    fn rounding_is_pythons() {
        // round(0.03125, 4) == 0.0312 and round(0.71875, 4) == 0.7188 in Python.
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.71875), 0.7188);
        assert_eq!(round4(2.0 / 3.0), 0.6667);
    }

    #[test]
    fn required_bars() {
        let r = sample();
        assert_eq!(
            r.unmet("quote_f1=0.05, bad_spans=2").unwrap(),
            Vec::<String>::new()
        );
        assert_eq!(
            r.unmet("quote_f1=0.9,bad_spans=0").unwrap(),
            vec!["quote_f1=0.062 < 0.9", "bad_spans=2 > 0"]
        );
        assert!(r.unmet("gold_quotes=1").is_err());
        assert!(r.unmet("quote_f1=x").is_err());
    }
}
