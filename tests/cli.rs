//! The command line end to end, through the real binary: the answers of `ask` in text
//! and JSON, exit codes, and how `index` treats broken files and unchanged corpora.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A private copy of the seed corpus with its own index folder.
struct Workspace {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    index: PathBuf,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        std::fs::create_dir_all(&corpus).expect("corpus dir");
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        for e in std::fs::read_dir(seeds).expect("corpus/").flatten() {
            if e.path().extension().is_some_and(|x| x == "md") {
                std::fs::copy(e.path(), corpus.join(e.file_name())).expect("copy");
            }
        }
        Workspace { _dir: dir, corpus, index }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_tradewatch"))
            .arg("--corpus")
            .arg(&self.corpus)
            .arg("--index")
            .arg(&self.index)
            .args(args)
            .env_remove("RUST_LOG")
            .output()
            .expect("run tradewatch")
    }

    fn ask_json(&self, question: &str) -> (Value, i32) {
        let out = self.run(&["ask", "--json", question]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let v: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"));
        (v, out.status.code().unwrap_or(-1))
    }
}

#[test]
fn status_answers_in_the_json_of_the_design() {
    let ws = Workspace::new();
    let (v, code) = ws.ask_json("/status entity:tiktok as_of:2020-12-01");
    assert_eq!(code, 0);
    assert_eq!(v["command"], "status");
    assert_eq!(v["entity"], "TikTok");
    assert_eq!(v["as_of"], "2020-12-01");
    assert_eq!(v["newest_source"], "2020-09-18");
    let measures = v["measures"].as_array().expect("measures");
    assert!(measures.len() >= 5, "{v}");
    for m in measures {
        for key in ["kind", "summary", "authority", "dates", "status", "citations"] {
            assert!(m.get(key).is_some(), "measure lacks {key}: {m}");
        }
        for c in m["citations"].as_array().expect("citations") {
            let quote = c["quote"].as_str().expect("quote");
            assert!(quote.chars().count() <= 600);
            let file =
                std::fs::read_to_string(ws.corpus.join(c["article"].as_str().expect("article"))).expect("cited file");
            assert!(file.contains(quote), "quote not verbatim in {}: {quote}", c["article"]);
        }
    }
    let sept = measures
        .iter()
        .find(|m| m["dates"].as_array().is_some_and(|d| d.iter().any(|d| d["date"] == "2020-09-20")))
        .expect("a 20 September measure");
    assert_eq!(sept["status"], "in_force");
    // Reported on the 18th, in force from the 20th.
    let (before, _) = ws.ask_json("/status entity:tiktok as_of:2020-09-19");
    let sept_before = before["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["dates"].as_array().is_some_and(|d| d.iter().any(|d| d["date"] == "2020-09-20")))
        .expect("a 20 September measure");
    assert_eq!(sept_before["status"], "announced");
}

#[test]
fn aliases_typos_and_nothing_found() {
    let ws = Workspace::new();
    for (typed, want) in
        [("Bytedance", "TikTok"), ("Musical.ly", "TikTok"), ("Tencent", "WeChat"), ("Kasperski", "Kaspersky")]
    {
        let (v, code) = ws.ask_json(&format!("/status {typed}"));
        assert_eq!(code, 0);
        assert_eq!(v["entity"], want, "{typed}");
        assert!(!v["measures"].as_array().expect("measures").is_empty(), "{typed}");
    }
    for nobody in ["Huawei", "Microsoft", "Oracle", "Walmart", "Twitter", "Gazprom"] {
        let (v, code) = ws.ask_json(&format!("/status {nobody}"));
        assert_eq!(code, 0);
        assert_eq!(v["measures"].as_array().map(Vec::len), Some(0), "{nobody}: {v}");
        assert!(v["message"].as_str().is_some_and(|m| m.contains("Nichts in den Quellen")), "{v}");
    }
}

#[test]
fn search_sources_help_and_errors() {
    let ws = Workspace::new();
    let (v, code) = ws.ask_json("/search query:Verkaufsverbot");
    assert_eq!(code, 0);
    let hit = &v["hits"][0];
    assert!(hit["highlighted"].as_str().is_some_and(|h| h.contains("**Verkaufsverbot")), "{v}");
    for key in ["article", "source", "published", "url", "quote", "score"] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    let (v, _) = ws.ask_json("/sources");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(5));
    let (v, _) = ws.ask_json("/help");
    assert_eq!(v["command"], "help");
    let (v, code) = ws.ask_json("/frobnicate");
    assert_eq!(code, 2);
    assert!(v["error"].as_str().is_some());
    let (v, code) = ws.ask_json("/status tiktok as_of:2020-02-30");
    assert_eq!(code, 2);
    assert_eq!(v["command"], "status");
    let text = ws.run(&["ask", "/status kaspersky", "--lang", "en"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Measures against Kaspersky"), "{text}");
    assert!(text.contains("in force"), "{text}");
}

#[test]
fn broken_files_are_named_and_the_rest_is_indexed() {
    let ws = Workspace::new();
    let first = ws.run(&["index"]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    std::fs::write(ws.corpus.join("unterminated.md"), "---\ntitle: Kaputt\npublished: 2024-01-01\n\nText ohne Ende.\n")
        .expect("write");
    std::fs::write(ws.corpus.join("impossible.md"), "---\ntitle: Datum\npublished: 2020-02-30\n---\nEin Satz.\n")
        .expect("write");
    std::fs::write(ws.corpus.join("bytes.txt"), b"Gut.\nNoch gut.\n\xff\xfe kaputt\n").expect("write");
    std::fs::write(
        ws.corpus.join("neu.md"),
        "---\ntitle: Neu\nsource: Test\npublished: 2024-03-01\nlanguage: de\n---\nDas US-Handelsministerium hat den Hersteller Zorvex auf die Entity List gesetzt.\n",
    )
    .expect("write");
    let out = ws.run(&["index"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("unterminated.md:1"), "{stderr}");
    assert!(stderr.contains("impossible.md:3"), "{stderr}");
    assert!(stderr.contains("bytes.txt:3"), "{stderr}");
    let (v, code) = ws.ask_json("/status zorvex");
    assert_eq!(code, 0);
    assert_eq!(v["measures"][0]["kind"], "entity_list", "{v}");
    let (v, _) = ws.ask_json("/status kaspersky");
    assert!(v["measures"].as_array().is_some_and(|m| m.len() >= 5), "the rest still answers: {v}");
}

#[test]
fn an_unchanged_corpus_is_not_indexed_again() {
    let ws = Workspace::new();
    assert!(ws.run(&["index"]).status.success());
    let again = ws.run(&["index"]);
    assert!(again.status.success());
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("nothing changed"), "{said}");
    let path = ws.corpus.join("001_d11cef67220e3135.md");
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str("\nDas Handelsministerium prüft zusätzlich ein Einfuhrverbot für Kaspersky-Router.\n");
    std::fs::write(&path, text).expect("write");
    let changed = ws.run(&["index"]);
    let said = String::from_utf8_lossy(&changed.stdout);
    assert!(said.contains("1 changed"), "{said}");
    assert!(said.contains("0 added"), "{said}");
}
