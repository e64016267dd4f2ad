//! The index over the real seed corpus (`corpus/`): the searches a German reader makes,
//! boilerplate that must stay unfindable, near-duplicates, and incremental updates.

use std::path::{Path, PathBuf};

use tradewatch::config::Paths;
use tradewatch::index::{self, Index, SearchHit};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A private copy of the corpus and a fresh index beside it.
fn build() -> (tempfile::TempDir, Paths, Index) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths { corpus: dir.path().join("corpus"), index: dir.path().join("index") };
    std::fs::create_dir_all(&paths.corpus).expect("corpus dir");
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus/") {
        let entry = entry.expect("entry");
        if entry.path().is_file() {
            std::fs::copy(entry.path(), paths.corpus.join(entry.file_name())).expect("copy");
        }
    }
    let report = index::update(&paths, false).expect("update");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.added >= 5, "{report}");
    let idx = Index::open(&paths.index).expect("open");
    (dir, paths, idx)
}

fn quotes(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.citation.quote.as_str()).collect()
}

#[test]
fn the_searches_of_a_german_reader() {
    let (_dir, paths, idx) = build();
    // (query, a word the quote must contain, that word highlighted)
    let cases: &[(&str, &str, &str)] = &[
        ("Verkaufsverbot", "Verkaufsverbot", "**Verkaufsverbot"),
        ("Sanktion", "Sanktionen", "**Sanktionen**"),
        ("Verbot", "verbot", "verbot"),
        ("Massnahme", "Maßnahme", "**Maßnahme**"),
        ("zwolf Manager", "zwölf", "**zwölf**"),
        ("Kasperski", "Kaspersky", "**Kaspersky"),
    ];
    for (query, word, marked) in cases {
        let hits = idx.search(query, 10).expect("search");
        let hit = hits.iter().find(|h| h.citation.quote.contains(word));
        let Some(hit) = hit else { panic!("{query}: no quote with {word:?} in {:?}", quotes(&hits)) };
        assert!(hit.highlighted.contains(marked), "{query}: {}", hit.highlighted);
    }
    // "Verbot" reaches the compounds: the sales ban or the business ban sentence.
    let hits = idx.search("Verbot", 20).expect("search");
    assert!(
        quotes(&hits).iter().any(|q| q.contains("Verkaufsverbot") || q.contains("Geschäftsverbot")),
        "{:?}",
        quotes(&hits)
    );
    // Every quote is the exact text of its file at its range.
    for query in ["Verbot", "TikTok", "Sanktionen", "WeChat"] {
        for h in idx.search(query, 20).expect("search") {
            let text = std::fs::read_to_string(paths.corpus.join(&h.citation.article)).expect("read");
            assert_eq!(text.get(h.citation.range.clone()), Some(h.citation.quote.as_str()), "{query}");
            assert!(h.citation.quote.len() <= 600);
        }
    }
}

#[test]
fn boilerplate_is_never_found() {
    let (_dir, _paths, idx) = build();
    for query in ["Mischenrieder Weg", "HighText Verlag", "Premium-Mitgliedschaft", "DigistoreProfi"] {
        let hits = idx.search(query, 10).expect("search");
        assert!(hits.is_empty(), "{query}: {:?}", quotes(&hits));
    }
}

#[test]
fn the_two_reports_of_the_kaspersky_exit_are_near_duplicates() {
    let (_dir, _paths, idx) = build();
    let dups = idx.near_duplicates().expect("dups");
    let pair = |a: &str, b: &str| dups.get(a).is_some_and(|p| p == b);
    assert!(
        pair("000_3227c956536991ce.md", "001_d11cef67220e3135.md")
            || pair("001_d11cef67220e3135.md", "000_3227c956536991ce.md"),
        "{dups:?}"
    );
    assert_eq!(dups.len(), 1, "no other seed pair tells the same story: {dups:?}");
}

#[test]
fn updates_are_incremental() {
    let (_dir, paths, _idx) = build();
    let again = index::update(&paths, false).expect("update");
    assert!(again.nothing_changed(), "{again}");
    assert!(again.to_string().contains("nothing changed"));
    let fresh = index::ensure_fresh(&paths).expect("fresh");
    assert!(fresh.nothing_changed(), "{fresh}");

    let file = paths.corpus.join("002_40d348138d9ddef1.md");
    let text = std::fs::read_to_string(&file).expect("read");
    // A new first paragraph, right after the front matter.
    let body = text.find("\n---\n").map(|i| i + 5).expect("front matter");
    let added = "Die Regierung prüft außerdem ein Einfuhrverbot für Endgeräte des Herstellers.\n\n";
    std::fs::write(&file, format!("{}{added}{}", &text[..body], &text[body..])).expect("write");
    let report = index::ensure_fresh(&paths).expect("fresh");
    assert_eq!((report.changed, report.added, report.removed), (1, 0, 0), "{report}");
    assert_eq!(report.unchanged, 4, "{report}");
    let idx = Index::open(&paths.index).expect("open");
    assert!(!idx.search("Einfuhrverbot", 3).expect("search").is_empty());
}
