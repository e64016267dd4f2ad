//! A small run of `tradewatch bench` over the seed corpus, as CI runs it: the JSON line
//! carries the contract's keys with figures that make sense for five articles.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tradewatch::config::Paths;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The seed corpus with an index in a fresh temporary folder (built by the bench's own
/// freshness check), and a three-line queries file.
fn setup() -> (tempfile::TempDir, Paths, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths { corpus: corpus_dir(), index: dir.path().join("index") };
    let queries = dir.path().join("queries.txt");
    std::fs::write(&queries, "tiktok\n\nVerkaufsverbot Sicherheitsbedenken\nkaspersky\n").expect("queries file");
    (dir, paths, queries)
}

fn number(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or_else(|| panic!("no number {key:?} in {v}"))
}

#[test]
fn one_json_line_with_the_contract_keys_and_sane_figures() {
    let (_dir, paths, queries) = setup();
    let line = tradewatch::bench::run(&paths, &queries, 1).expect("bench runs");
    assert!(!line.contains('\n'), "one line: {line}");
    let v: Value = serde_json::from_str(&line).expect("the line is JSON");

    let files = std::fs::read_dir(corpus_dir())
        .expect("corpus/")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md" || x == "txt" || x == "html"))
        .count() as f64;
    assert_eq!(number(&v, "articles"), files, "{v}");
    assert!(number(&v, "passages") > 10.0 * files, "every article has many sentences: {v}");

    for cmd in ["search", "status"] {
        let p50 = number(&v, &format!("{cmd}_p50_us"));
        let p99 = number(&v, &format!("{cmd}_p99_us"));
        assert!(p50 > 0.0 && p50 <= p99, "{cmd}: p50 {p50} p99 {p99}");
        assert!(p99 < 5_000_000.0, "{cmd} p99 under five seconds on five articles: {p99}");
    }
    assert_eq!(number(&v, "answers"), 3.0, "three non-blank lines, one round: {v}");
    assert!(number(&v, "search_hits_per_query") >= 1.0, "the queries find passages: {v}");
    assert!(number(&v, "status_measures_per_query") > 0.0, "tiktok has measures: {v}");
    let rss = number(&v, "rss_mb");
    if cfg!(target_os = "linux") {
        assert!(rss > 1.0 && rss < 2048.0, "resident memory in MiB: {rss}");
    }
}

#[test]
fn bad_input_is_a_clear_error() {
    let (dir, paths, queries) = setup();
    let err = tradewatch::bench::run(&paths, &queries, 0).expect_err("repeat 0");
    assert!(err.to_string().contains("repeat"), "{err}");
    let missing = dir.path().join("nope.txt");
    let err = tradewatch::bench::run(&paths, &missing, 1).expect_err("missing file");
    assert!(format!("{err:#}").contains("nope.txt"), "{err:#}");
}
