//! Crashes and contention while articles are ingested: `kill -9` in the middle of an
//! ingest (while copying and while indexing), and two ingests started at once. After
//! each, the answers about what was already there are unchanged, a re-run completes,
//! and every article is in the corpus exactly once, whole, and indexed.

#[path = "robust_support/mod.rs"]
mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{Generated, Sandbox};

/// The questions whose answers must not move when unrelated articles arrive.
const WATCHED: &[&str] = &["/status kaspersky", "/status tiktok", "/status wechat"];
const AS_OF: &str = "2025-01-01";

fn answers(sb: &Sandbox) -> Vec<Value> {
    WATCHED
        .iter()
        .map(|q| {
            let (code, v) = sb.ask_json(q, &["--as-of", AS_OF]);
            assert_eq!(code, 0, "{q}: {v}");
            v
        })
        .collect()
}

fn ingest_command(sb: &Sandbox, files: &[(PathBuf, Generated)]) -> std::process::Command {
    let mut c = sb.command();
    c.arg("ingest");
    for (p, _) in files {
        c.arg(p);
    }
    c
}

fn text(out: &Output) -> String {
    format!("stdout: {}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// What must hold at any moment after a crash: every generated article in the corpus is
/// whole (byte-identical to its source), none is stored twice under a hash-suffixed
/// name, and the loader sees nothing but seeds and generated articles (no temporaries).
/// Returns the generated names present.
fn check_corpus_whole(sb: &Sandbox, files: &[(PathBuf, Generated)]) -> BTreeSet<String> {
    let seeds = support::seed_names();
    let by_name: std::collections::HashMap<&str, &Generated> =
        files.iter().map(|(_, g)| (g.name.as_str(), g)).collect();
    let mut present = BTreeSet::new();
    for name in sb.corpus_listing() {
        if seeds.contains(&name) {
            continue;
        }
        if name.starts_with('.') {
            assert!(name.starts_with(".tradewatch-ingest-"), "unexpected hidden file {name}");
            continue;
        }
        let g = by_name.get(name.as_str()).unwrap_or_else(|| panic!("unexpected file in the corpus: {name}"));
        let bytes = std::fs::read(sb.corpus.join(&name)).expect("read corpus file");
        assert!(bytes == g.text.as_bytes(), "{name} is not whole: {} of {} bytes", bytes.len(), g.text.len());
        present.insert(name);
    }
    let expected: BTreeSet<String> = seeds.union(&present).cloned().collect();
    assert_eq!(sb.article_files(), expected, "the loader must see exactly the seeds and the whole copies");
    present
}

/// After a completed ingest: all articles present once, no temporaries at all, the
/// index up to date and listing each article once, the generated companies answerable.
fn check_complete(sb: &Sandbox, files: &[(PathBuf, Generated)], before: &[Value]) {
    let present = check_corpus_whole(sb, files);
    assert_eq!(present.len(), files.len(), "every article is in the corpus");
    let hidden: Vec<String> = sb.corpus_listing().into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(hidden.is_empty(), "temporaries left behind: {hidden:?}");

    let report = sb.index();
    let total = files.len() + support::seed_names().len();
    assert!(report.contains("nothing changed") && report.contains(&format!("({total} articles)")), "{report}");

    let (code, sources) = sb.ask_json("/sources", &[]);
    assert_eq!(code, 0, "{sources}");
    let listed: Vec<&str> =
        sources["articles"].as_array().expect("articles").iter().filter_map(|a| a["article"].as_str()).collect();
    let unique: BTreeSet<&str> = listed.iter().copied().collect();
    assert_eq!(listed.len(), total, "each article listed once");
    assert_eq!(unique.len(), total, "each article listed once");

    assert_eq!(answers(sb), before, "answers about the seed entities changed");

    // A few of the new companies answer with a measure from a generated article.
    for (_, g) in files.iter().step_by((files.len() / 4).max(1)).take(4) {
        let (code, v) = sb.ask_json(&format!("/status {}", g.company), &["--as-of", "2026-06-01"]);
        assert_eq!(code, 0, "{v}");
        let cited: Vec<&str> = v["measures"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|m| m["citations"].as_array().into_iter().flatten())
            .filter_map(|c| c["article"].as_str())
            .collect();
        assert!(cited.iter().any(|a| a.starts_with("gen_")), "/status {} cites no generated article: {v}", g.company);
    }
}

/// Starts an ingest of `files` and kills it with SIGKILL once `when` holds (or after
/// `limit`); returns whether it was still running at the kill.
fn kill_during(sb: &Sandbox, files: &[(PathBuf, Generated)], limit: Duration, when: impl FnMut() -> bool) -> bool {
    let mut child = support::spawn(ingest_command(sb, files));
    support::wait_until(limit, when);
    let running = child.try_wait().expect("try_wait").is_none();
    support::kill9(&mut child);
    running
}

fn generated_in_corpus(sb: &Sandbox) -> usize {
    sb.corpus_listing().iter().filter(|n| n.starts_with("gen_")).count()
}

#[test]
fn kill_9_mid_ingest_keeps_answers_and_a_rerun_completes() {
    let sb = Sandbox::new();
    let before = answers(&sb);
    let inbox = sb.inbox("inbox");
    let files = support::write_articles(&inbox, 0, 300, 0x5eed);

    // 1. Killed while copying: once a third of the files have arrived.
    let third = files.len() / 3;
    let was_running = kill_during(&sb, &files, Duration::from_secs(60), || generated_in_corpus(&sb) >= third);
    assert!(was_running, "the ingest finished before it could be killed; the test proves nothing");
    let present = check_corpus_whole(&sb, &files);
    assert!(!present.is_empty() && present.len() < files.len(), "killed mid-copy: {} present", present.len());
    assert_eq!(answers(&sb), before, "answers changed after a crash mid-copy");

    // 2. Killed while indexing: a re-run copies the rest, then indexes; kill it once all
    //    files have arrived and it has been indexing for a moment.
    let mut all_copied_at: Option<Instant> = None;
    let was_running = kill_during(&sb, &files, Duration::from_secs(120), || {
        if all_copied_at.is_none() && generated_in_corpus(&sb) == files.len() {
            all_copied_at = Some(Instant::now());
        }
        all_copied_at.is_some_and(|t| t.elapsed() > Duration::from_millis(150))
    });
    assert!(was_running, "the indexing finished within 150 ms; the test proves nothing");
    check_corpus_whole(&sb, &files);
    assert_eq!(answers(&sb), before, "answers changed after a crash mid-index");

    // 3. The same ingest again: completes, and everything is there exactly once.
    let out = ingest_command(&sb, &files).output().expect("ingest");
    assert!(out.status.success(), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(&format!("0 file(s) copied into the corpus, {} already there", files.len())), "{stdout}");
    check_complete(&sb, &files, &before);
}

/// The heavy variant: six batches of 2,000 articles, each ingest killed at a random
/// moment (300–900 ms in, or 20–420 ms after the last file was copied, while indexing),
/// the answers checked after each crash,
/// then every batch ingested again. Run with
/// `cargo test --test robust_ingest -- --ignored --nocapture`.
#[test]
#[ignore = "12,000 articles; about a minute"]
fn kill_9_during_thousands_of_articles_repeatedly() {
    let sb = Sandbox::new();
    let before = answers(&sb);
    let mut rng = support::Rng::new(42);
    let mut batches = Vec::new();
    for round in 0..6 {
        let files =
            support::write_articles(&sb.inbox(&format!("inbox{round}")), round * 2000, 2000, 0xfeed + round as u64);
        // Even rounds: a random moment (mostly while copying). Odd rounds: a random
        // moment after the last file arrived (while indexing and committing).
        let delay =
            Duration::from_millis(if round % 2 == 0 { 300 + rng.below(601) } else { 20 + rng.below(400) } as u64);
        let mut copied_at: Option<Instant> = if round % 2 == 0 { Some(Instant::now()) } else { None };
        let names: Vec<String> = files.iter().map(|(_, g)| g.name.clone()).collect();
        let running = kill_during(&sb, &files, Duration::from_secs(60), || {
            if copied_at.is_none() && names.iter().all(|n| sb.corpus.join(n).exists()) {
                copied_at = Some(Instant::now());
            }
            copied_at.is_some_and(|t| t.elapsed() >= delay)
        });
        let all: Vec<(PathBuf, Generated)> = batches.iter().flatten().chain(files.iter()).cloned().collect();
        let present = check_corpus_whole(&sb, &all);
        let in_batch = present.iter().filter(|n| files.iter().any(|(_, g)| &g.name == *n)).count();
        eprintln!(
            "round {round}: killed after {delay:?} (still running: {running}); {in_batch} of {} copied{}",
            files.len(),
            if in_batch == files.len() && running { " (killed while indexing)" } else { "" }
        );
        let t = Instant::now();
        assert_eq!(answers(&sb), before, "round {round}: answers changed");
        eprintln!("  answers unchanged ({:?}, including the catch-up indexing)", t.elapsed());
        batches.push(files);
    }
    let started = Instant::now();
    for files in &batches {
        let out = ingest_command(&sb, files).output().expect("ingest");
        assert!(out.status.success(), "{}", text(&out));
        eprintln!("re-run: {}", String::from_utf8_lossy(&out.stdout).trim());
    }
    eprintln!("all re-runs: {:?}", started.elapsed());
    let all: Vec<(PathBuf, Generated)> = batches.into_iter().flatten().collect();
    check_complete(&sb, &all, &before);
}

#[test]
fn two_ingests_at_once_one_waits_or_stops_clearly_and_nothing_is_lost() {
    let sb = Sandbox::new();
    sb.index();
    let before = answers(&sb);
    let a = support::write_articles(&sb.inbox("a"), 0, 150, 0xa11ce);
    let b = support::write_articles(&sb.inbox("b"), 1000, 150, 0xb0b);
    let first = support::spawn(ingest_command(&sb, &a));
    let second = support::spawn(ingest_command(&sb, &b));
    let outs = [first.wait_with_output().expect("first"), second.wait_with_output().expect("second")];

    let mut expected: Vec<(PathBuf, Generated)> = Vec::new();
    let mut successes = 0;
    for (out, set) in outs.iter().zip([a, b]) {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{}", text(out));
        if out.status.success() {
            successes += 1;
            expected.extend(set);
        } else {
            assert_eq!(out.status.code(), Some(1), "{}", text(out));
            assert!(stderr.contains("another tradewatch index/ingest is running"), "unclear message: {}", text(out));
            // Nothing of the refused set may have entered the corpus.
            for (_, g) in &set {
                assert!(!sb.corpus.join(&g.name).exists(), "{} entered the corpus of a refused ingest", g.name);
            }
        }
    }
    assert!(successes >= 1, "neither ingest succeeded: {}\n{}", text(&outs[0]), text(&outs[1]));
    eprintln!("{successes} of 2 concurrent ingests succeeded");
    check_complete(&sb, &expected, &before);

    // Every article of the successful ingests is searchable by its own wording.
    for (_, g) in expected.iter().step_by(37) {
        let (code, v) = sb.ask_json(&format!("/search {}", g.company), &[]);
        assert_eq!(code, 0, "{v}");
        let hits = v["hits"].as_array().expect("hits");
        assert!(
            hits.iter().any(|h| h["article"].as_str().is_some_and(|a| a.starts_with("gen_"))),
            "/search {} found no generated article: {v}",
            g.company
        );
    }
}

/// Broken files: invalid UTF-8, an unknown language, an impossible date, front matter
/// that never ends, an empty file, a file that is no article.
fn bad_files(dir: &std::path::Path) -> Vec<(PathBuf, &'static str)> {
    let files: [(&str, &[u8], &str); 6] = [
        ("bad_utf8.md", b"---\ntitle: Kaputt\n---\nDas Verbot gilt ab\xff\xfe sofort.\n", "UTF-8"),
        ("bad_lang.md", b"---\ntitle: Falsche Sprache\nlanguage: xx\n---\nText.\n", "language"),
        ("bad_date.md", b"---\ntitle: Unmoeglich\npublished: 2020-02-30\n---\nText.\n", "2020-02-30"),
        ("bad_open.md", b"---\ntitle: Kein Ende\nsource: x\nText ohne Abschluss.\n", ""),
        ("bad_empty.md", b"", ""),
        ("bad_kind.pdf", b"%PDF-1.4", ""),
    ];
    files
        .iter()
        .map(|(name, bytes, hint)| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).expect("write bad file");
            (p, *hint)
        })
        .collect()
}

#[test]
fn bad_files_are_named_and_refused_while_the_good_ones_arrive() {
    let sb = Sandbox::new();
    let before = answers(&sb);
    let inbox = sb.inbox("inbox");
    let good = support::write_articles(&inbox, 0, 20, 0xbad);
    let bad = bad_files(&inbox);
    let mut c = ingest_command(&sb, &good);
    c.args(bad.iter().map(|(p, _)| p));
    let out = c.output().expect("ingest");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "bad files must make the ingest fail: {}", text(&out));
    assert!(!stderr.contains("panicked"), "{stderr}");
    for (p, hint) in &bad {
        let name = p.file_name().and_then(|n| n.to_str()).expect("name");
        let line = stderr.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name} not named: {stderr}"));
        assert!(line.contains(hint), "the error for {name} does not say why ({hint}): {line}");
        assert!(!sb.corpus.join(name).exists(), "{name} entered the corpus");
    }
    check_complete(&sb, &good, &before);

    // The same broken files dropped straight into the corpus folder: `index` names them
    // (with the line where it can) and still indexes everything else.
    for (p, _) in &bad {
        if p.extension().is_some_and(|e| e == "md") {
            std::fs::copy(p, sb.corpus.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    let out = sb.run(&["index"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    for name in ["bad_utf8.md", "bad_lang.md", "bad_date.md", "bad_open.md", "bad_empty.md"] {
        assert!(stderr.contains(name), "{name} not reported by index: {stderr}");
    }
    assert!(stderr.contains("bad_utf8.md:4"), "the line of the bad byte is not given: {stderr}");
    assert_eq!(answers(&sb), before, "a bad file changed the answers");
    let (_, sources) = sb.ask_json("/sources", &[]);
    let n = sources["articles"].as_array().map_or(0, Vec::len);
    assert_eq!(n, good.len() + support::seed_names().len(), "articles lost to a bad neighbour: {sources}");
}
