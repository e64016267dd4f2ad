//! Index tests over fixture corpora in temporary folders. The fixture loader below reads
//! a small front matter and splits the body into paragraphs (a paragraph starting with
//! `[ad]` is boilerplate; a line `BROKEN` makes the file fail at that line), so these
//! tests exercise the index on its own; tests over the real corpus use the real loader.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::ingest::ingest_with;
use super::update::{ensure_fresh_with, update_locked, Loader};
use super::*;
use crate::config::Paths;
use crate::corpus::{Article, Block, LoadError};
use crate::model::{ArticleMeta, Lang};

fn fixture_list(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().to_string();
        if [".md", ".txt", ".html"].iter().any(|e| name.ends_with(e)) && !name.starts_with('.') {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

fn fixture_parse(file: &str, bytes: &[u8]) -> Result<Article, LoadError> {
    let err = |line: Option<usize>, message: &str| LoadError { file: file.into(), line, message: message.into() };
    let text = String::from_utf8(bytes.to_vec()).map_err(|_| err(None, "invalid UTF-8"))?;
    if let Some(i) = text.lines().position(|l| l == "BROKEN") {
        return Err(err(Some(i + 1), "broken on purpose"));
    }
    let mut meta = ArticleMeta { file: file.into(), ..ArticleMeta::default() };
    let mut body_start = 0;
    if let Some(rest) = text.strip_prefix("---\n") {
        let end = rest.find("\n---\n").ok_or_else(|| err(Some(1), "unterminated front matter"))?;
        for line in rest[..end].lines() {
            let Some((k, v)) = line.split_once(": ") else { continue };
            match k {
                "title" => meta.title = Some(v.into()),
                "source" => meta.source = Some(v.into()),
                "url" => meta.url = Some(v.into()),
                "published" => meta.published = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok(),
                "published_estimated" => meta.published_estimated = v == "true",
                "language" => meta.language = Lang::parse(v).ok_or_else(|| err(None, "bad language"))?,
                _ => {}
            }
        }
        body_start = 4 + end + 5;
    }
    let mut blocks = Vec::new();
    let mut at = body_start;
    for para in text[body_start..].split("\n\n") {
        let lead = para.len() - para.trim_start().len();
        let trimmed = para.trim();
        if !trimmed.is_empty() {
            let start = at + lead;
            blocks.push(Block {
                range: start..start + trimmed.len(),
                boilerplate: trimmed.starts_with("[ad]"),
                heading: false,
            });
        }
        at += para.len() + 2;
    }
    Ok(Article {
        meta,
        hash: blake3::hash(bytes).to_hex().to_string(),
        body: body_start..text.len(),
        blocks,
        text,
        format: crate::corpus::Format::Markdown,
    })
}

const FIXTURE: Loader = Loader { list: fixture_list, parse: fixture_parse };

struct Setup {
    _dir: tempfile::TempDir,
    paths: Paths,
}

impl Setup {
    fn new(files: &[(&str, &str)]) -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths { corpus: dir.path().join("corpus"), index: dir.path().join("index") };
        std::fs::create_dir_all(&paths.corpus).expect("corpus dir");
        let s = Setup { _dir: dir, paths };
        for (name, text) in files {
            s.write(name, text);
        }
        s
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.paths.corpus.join(name), text).expect("write fixture");
    }

    fn update(&self) -> UpdateReport {
        update_locked(&self.paths, false, FIXTURE).expect("update")
    }

    fn open(&self) -> Index {
        Index::open(&self.paths.index).expect("open")
    }
}

fn article(title: &str, published: &str, lang: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsource: Testquelle\npublished: {published}\nlanguage: {lang}\n---\n{body}\n")
}

/// An article of [`article`] whose date is marked as estimated.
fn estimated(article: String) -> String {
    article.replace("language", "published_estimated: true\nlanguage")
}

fn fixture_files() -> Vec<(&'static str, String)> {
    vec![
        (
            "a.md",
            article(
                "Verbot",
                "2024-06-20",
                "de",
                "Die Regierung verhängte ein Verkaufsverbot für die Software.\n\nBereits im Juni wurden Sanktionen gegen zwölf Manager verhängt.\n\n[ad] Jetzt die Premium-Mitgliedschaft sichern beim HighText Verlag, Mischenrieder Weg 1.",
            ),
        ),
        (
            "b.md",
            article(
                "Geschäfte",
                "2024-07-01",
                "de",
                "Ein Geschäftsverbot trifft den Konzern Kaspersky.\n\nDie Maßnahme gilt ab September.",
            ),
        ),
        (
            "c.md",
            article("Bans", "2020-09-18", "en", "The Commerce Department announced bans on the apps.\n\nCompanies must comply."),
        ),
    ]
}

fn setup() -> Setup {
    let files = fixture_files();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Setup::new(&refs)
}

fn quotes(hits: &[SearchHit]) -> Vec<String> {
    hits.iter().map(|h| h.citation.quote.clone()).collect()
}

#[test]
fn search_finds_word_forms_compounds_and_typos() {
    let s = setup();
    let report = s.update();
    assert_eq!(report.added, 3, "{report}");
    let index = s.open();
    let cases: &[(&str, &str, &str)] = &[
        ("Verkaufsverbot", "Verkaufsverbot", "**Verkaufsverbot**"),
        ("Sanktion", "Sanktionen gegen", "**Sanktionen**"),
        ("Verbot", "Geschäftsverbot", "**Geschäftsverbot**"),
        ("Massnahme", "Maßnahme gilt", "**Maßnahme**"),
        ("zwolf Manager", "zwölf Manager", "**zwölf** **Manager**"),
        ("Kasperski", "Kaspersky", "**Kaspersky**"),
        ("ban", "bans on the apps", "**bans**"),
        ("company", "Companies must", "**Companies**"),
    ];
    for (query, expected_quote, expected_mark) in cases {
        let hits = index.search(query, 5).expect("search");
        let hit = hits.iter().find(|h| h.citation.quote.contains(expected_quote));
        let Some(hit) = hit else { panic!("{query}: no hit containing {expected_quote:?} in {:?}", quotes(&hits)) };
        assert!(hit.highlighted.contains(expected_mark), "{query}: {}", hit.highlighted);
        assert!(hit.score > 0.0);
    }
    // "Verbot" finds both the sales ban and the business ban sentence.
    let hits = index.search("Verbot", 5).expect("search");
    assert!(quotes(&hits).iter().any(|q| q.contains("Verkaufsverbot")), "{:?}", quotes(&hits));
}

#[test]
fn quotes_are_exact_article_text_with_citation_metadata() {
    let s = setup();
    s.update();
    let index = s.open();
    for query in ["Verbot", "Sanktionen", "bans", "Kaspersky"] {
        for hit in index.search(query, 10).expect("search") {
            let c = &hit.citation;
            let text = std::fs::read_to_string(s.paths.corpus.join(&c.article)).expect("read");
            assert_eq!(&text[c.range.clone()], c.quote, "{query}");
            assert_eq!(hit.highlighted.replace("**", ""), c.quote);
            assert_eq!(c.source.as_deref(), Some("Testquelle"));
            assert!(c.published.is_some());
        }
    }
}

#[test]
fn boilerplate_and_absent_words_find_nothing() {
    let s = setup();
    s.update();
    let index = s.open();
    for query in ["Mischenrieder Weg", "HighText Verlag", "Premium-Mitgliedschaft", "DigistoreProfi", "Weg"] {
        let hits = index.search(query, 5).expect("search");
        assert!(hits.is_empty(), "{query}: {:?}", quotes(&hits));
    }
}

#[test]
fn hostile_queries_never_error() {
    let s = setup();
    s.update();
    let index = s.open();
    let long = "Verbot ".repeat(800);
    let emoji = "🔥".repeat(500);
    let hostile = [
        "",
        " ",
        "AND OR \"(",
        "field:x",
        "title:Verbot",
        "*",
        "\"unbalanced",
        "(((",
        "Verbot AND",
        "NOT",
        "+-!~^",
        "\u{202e}Verbot\u{0}",
        "../../etc/passwd",
        "\\",
        "[1 TO 2]",
        &long,
        &emoji,
        "die der das und",
    ];
    for q in hostile {
        for limit in [0, 1, 10] {
            assert!(index.search(q, limit).is_ok(), "{q:?}");
        }
    }
    assert!(!index.search(&long, 3).expect("long").is_empty());
}

#[test]
fn second_update_does_nothing_and_says_so() {
    let s = setup();
    s.update();
    let again = s.update();
    assert!(again.nothing_changed());
    assert_eq!(again.unchanged, 3);
    assert!(again.to_string().contains("nothing changed"), "{again}");
    let fresh = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert!(fresh.nothing_changed() && fresh.unchanged == 3, "{fresh}");
}

#[test]
fn changing_one_file_reindexes_only_that_file() {
    let s = setup();
    s.update();
    let passages_before = s.open().passage_count().expect("count");
    s.write("b.md", &article("Geschäfte", "2024-07-01", "de", "Ein Exportverbot trifft den Konzern."));
    let report = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert_eq!((report.added, report.changed, report.removed, report.unchanged), (0, 1, 0, 2), "{report}");
    let index = s.open();
    assert_eq!(index.article_count().expect("count"), 3);
    assert_eq!(index.passage_count().expect("count"), passages_before - 1);
    assert!(index.search("Geschäftsverbot", 5).expect("search").is_empty());
    assert!(!index.search("Exportverbot", 5).expect("search").is_empty());
    // The next run reads the index with b.md's old documents deleted and its new ones
    // in another segment, and finds nothing to do.
    let again = s.update();
    assert_eq!((again.added, again.changed, again.removed, again.unchanged), (0, 0, 0, 3), "{again}");
}

#[test]
fn ensure_fresh_sees_added_and_removed_files() {
    let s = setup();
    s.update();
    s.write("d.md", &article("Neu", "2024-08-01", "de", "Ein Einfuhrverbot für Chips."));
    let report = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert_eq!((report.added, report.unchanged), (1, 3), "{report}");
    std::fs::remove_file(s.paths.corpus.join("a.md")).expect("remove");
    let report = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert_eq!((report.removed, report.unchanged), (1, 3), "{report}");
    assert!(ensure_fresh_with(&s.paths, FIXTURE).expect("fresh").nothing_changed());
}

#[test]
fn touching_a_file_without_changing_it_writes_nothing() {
    let s = setup();
    s.update();
    let text = std::fs::read(s.paths.corpus.join("a.md")).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(s.paths.corpus.join("a.md"), text).expect("rewrite");
    let report = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert!(report.nothing_changed(), "{report}");
    // The manifest now has the new time: the next check is a pure stat comparison.
    assert!(ensure_fresh_with(&s.paths, FIXTURE).expect("fresh").nothing_changed());
}

#[test]
fn removing_a_file_removes_its_documents() {
    let s = setup();
    s.update();
    std::fs::remove_file(s.paths.corpus.join("c.md")).expect("remove");
    let report = s.update();
    assert_eq!(report.removed, 1, "{report}");
    let index = s.open();
    assert_eq!(index.article_count().expect("count"), 2);
    assert!(index.search("bans", 5).expect("search").is_empty());
    assert!(index.articles().expect("articles").iter().all(|a| a.file != "c.md"));
}

#[test]
fn a_broken_file_is_named_with_its_line_and_keeps_its_previous_documents() {
    let s = setup();
    s.update();
    s.write("a.md", "---\ntitle: x\n---\nBROKEN\n");
    s.write("d.md", &article("Neu", "2024-08-01", "de", "Ein Einfuhrverbot für Chips."));
    let report = s.update();
    assert_eq!(report.errors.len(), 1, "{report}");
    assert_eq!(report.errors[0].file, "a.md");
    assert_eq!(report.errors[0].line, Some(4));
    assert_eq!(report.added, 1, "{report}");
    let index = s.open();
    assert!(!index.search("Verkaufsverbot", 5).expect("search").is_empty(), "a.md's old passages are kept");
    assert!(!index.search("Einfuhrverbot", 5).expect("search").is_empty());
    // The broken file is reported again by the next update, without re-indexing anything.
    let again = s.update();
    assert_eq!(again.errors.len(), 1);
    assert!(again.nothing_changed(), "{again}");
    // ensure_fresh does not retry it until it changes.
    assert!(ensure_fresh_with(&s.paths, FIXTURE).expect("fresh").errors.is_empty());
}

#[test]
fn near_duplicates_are_recorded_with_the_earlier_article_as_primary() {
    let story = "Der russische Softwarehersteller Vantrix zieht sich aus dem europäischen Markt zurück. \
        Das Unternehmen werde seine Aktivitäten dort ab dem 20. Juli schrittweise einstellen und die Arbeitsplätze \
        abbauen, heißt es in einer Mitteilung. Auf der Website des Unternehmens können Verbraucher bereits keine \
        Produkte mehr kaufen. Der Schritt erfolgt knapp einen Monat, nachdem die Regierung angekündigt hatte, den \
        Verkauf der Produkte ab dem 29. September zu verbieten.";
    let rewrite = format!("Vantrix verlässt Europa. {story} Beobachter erwarten Folgen für die ganze Branche.");
    let other = "Die Kommission prüft Beschwerden gegen einen Suchmaschinenanbieter wegen Marktmacht. \
        Eine Entscheidung wird für das kommende Frühjahr erwartet, teilte die Behörde mit.";
    let s = Setup::new(&[
        ("x_rewrite.md", &estimated(article("Rewrite", "2024-07-16", "de", &rewrite))),
        ("y_report.md", &article("Report", "2024-07-16", "de", story)),
        ("z_other.md", &article("Other", "2024-07-10", "de", other)),
    ]);
    let report = s.update();
    assert_eq!(report.near_duplicates, 1, "{report}");
    let index = s.open();
    let dups = index.near_duplicates().expect("dups");
    assert_eq!(dups.get("x_rewrite.md").map(String::as_str), Some("y_report.md"), "{dups:?}");
    assert_eq!(dups.len(), 1);
    // Replacing the primary drops the link; re-adding it restores it.
    std::fs::remove_file(s.paths.corpus.join("y_report.md")).expect("remove");
    s.update();
    assert!(s.open().near_duplicates().expect("dups").is_empty());
    s.write("y_report.md", &article("Report", "2024-07-16", "de", story));
    let report = s.update();
    assert_eq!(report.near_duplicates, 1, "{report}");
    assert_eq!(s.open().near_duplicate_of("x_rewrite.md").expect("dup"), Some("y_report.md".to_string()));
}

/// An article of one run made of a stock paragraph and words of its own: `i` picks the
/// words, so no two such articles share a 5-gram outside the stock paragraph.
fn stock_article(i: usize) -> String {
    let stock = "Die Behörde teilte am Montag in einer ausführlichen schriftlichen Erklärung mit, dass \
        sie die Lage weiterhin aufmerksam beobachte und zu gegebener Zeit über weitere Schritte \
        entscheiden werde, sobald alle Unterlagen vollständig geprüft worden seien und die \
        beteiligten Stellen ihre Stellungnahmen abgegeben hätten.";
    let own: Vec<String> = (0..12).map(|k| format!("eigenwort{i}x{k}")).collect();
    article(&format!("Meldung {i}"), "2024-07-01", "de", &format!("{stock}\n\n{}.", own.join(" ")))
}

#[test]
fn near_duplicates_of_earlier_runs_are_found_and_stock_phrases_are_no_evidence() {
    // Few earlier articles share the paragraph: the next one is linked to them.
    let s = Setup::new(&[]);
    for i in 0..3 {
        s.write(&format!("early{i}.md"), &stock_article(i));
        s.update();
    }
    s.write("late.md", &stock_article(100));
    let report = s.update();
    assert!(report.near_duplicates >= 1, "{report}");
    assert!(s.open().near_duplicate_of("late.md").expect("dup").is_some());

    // More earlier articles share it than a shingle may have holders: a stock phrase,
    // which links nothing, however many runs (and segments) the articles came in.
    let s = Setup::new(&[]);
    for i in 0..=dedup::MAX_POSTINGS {
        s.write(&format!("early{i:02}.md"), &stock_article(i));
        if i % 4 == 0 {
            s.update();
        }
    }
    s.update();
    s.write("late.md", &stock_article(100));
    let report = s.update();
    assert_eq!(report.near_duplicates, 0, "{report}");
    assert_eq!(s.open().near_duplicate_of("late.md").expect("dup"), None);
}

#[test]
fn the_primary_is_chosen_by_what_an_earlier_run_recorded_of_its_article() {
    // The article of the earlier run is known to the later run only by what its index
    // documents record: its date (a day earlier wins over a smaller file name) and
    // whether that date was estimated (a stated date wins).
    let body = "Der Hersteller Vantrix zieht sich aus dem europäischen Markt zurück. Das Unternehmen werde \
        seine Aktivitäten dort ab dem 20. Juli schrittweise einstellen und die Arbeitsplätze abbauen, heißt \
        es in einer Mitteilung. Auf der Website des Unternehmens können Verbraucher bereits keine Produkte \
        mehr kaufen.";
    let s = Setup::new(&[("b_early.md", &article("Früh", "2024-07-15", "de", body))]);
    s.update();
    s.write("a_late.md", &article("Spät", "2024-07-16", "de", body));
    assert_eq!(s.update().near_duplicates, 1);
    assert_eq!(s.open().near_duplicate_of("a_late.md").expect("dup"), Some("b_early.md".to_string()));

    let s = Setup::new(&[("c_guess.md", &estimated(article("Geschätzt", "2024-07-16", "de", body)))]);
    s.update();
    s.write("d_stated.md", &article("Genannt", "2024-07-16", "de", body));
    assert_eq!(s.update().near_duplicates, 1);
    assert_eq!(s.open().near_duplicate_of("c_guess.md").expect("dup"), Some("d_stated.md".to_string()));
}

#[test]
fn an_index_of_another_schema_is_rebuilt_by_the_next_question() {
    let s = setup();
    s.update();
    // What an older version leaves behind: an index of its own schema, and a manifest
    // that vouches for every file of the folder as it still is, under the same rules.
    let manifest_file = s.paths.index.join(super::manifest::MANIFEST_FILE);
    let manifest = std::fs::read_to_string(&manifest_file).expect("manifest");
    let (header, rest) = manifest.split_once('\n').expect("header line");
    let older = format!("{}\n{rest}", header.split(" schema ").next().unwrap_or(header));
    std::fs::remove_dir_all(&s.paths.index).expect("remove");
    std::fs::create_dir_all(&s.paths.index).expect("recreate");
    let mut schema = tantivy::schema::Schema::builder();
    schema.add_text_field("body", tantivy::schema::TEXT);
    let other = tantivy::Index::create_in_dir(&s.paths.index, schema.build()).expect("other index");
    other.writer_with_num_threads::<TantivyDocument>(1, 15_000_000).expect("writer").commit().expect("commit");
    std::fs::write(&manifest_file, older).expect("write manifest");
    assert!(Index::open(&s.paths.index).is_err(), "the other schema is refused");

    let report = ensure_fresh_with(&s.paths, FIXTURE).expect("fresh");
    assert_eq!((report.added, report.unchanged), (3, 0), "{report}");
    assert!(!s.open().search("Verkaufsverbot", 5).expect("search").is_empty());
}

#[test]
fn articles_are_listed_newest_first() {
    let s = setup();
    s.update();
    let files: Vec<String> = s.open().articles().expect("articles").into_iter().map(|a| a.file).collect();
    assert_eq!(files, ["b.md", "a.md", "c.md"]);
}

#[test]
fn ingest_copies_atomically_and_is_idempotent() {
    let s = setup();
    s.update();
    let outside = tempfile::tempdir().expect("tempdir");
    let new_file = outside.path().join("new.md");
    std::fs::write(&new_file, article("Neu", "2024-09-01", "de", "Ein Investitionsverbot wurde beschlossen."))
        .expect("w");
    let broken = outside.path().join("broken.md");
    std::fs::write(&broken, "---\ntitle: x\n---\n\nBROKEN\n").expect("w");
    let clash = outside.path().join("a.md");
    std::fs::write(&clash, article("Anders", "2024-09-02", "de", "Ein anderer Text über Zölle.")).expect("w");
    let files: Vec<PathBuf> = vec![new_file.clone(), broken.clone(), clash.clone()];

    let report = ingest_with(&s.paths, &files, FIXTURE).expect("ingest");
    assert_eq!((report.copied, report.added), (2, 2), "{report}");
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].line, Some(5));
    assert!(report.errors[0].file.ends_with("broken.md"));
    let names = fixture_list(&s.paths.corpus).expect("list");
    assert!(!names.contains(&"broken.md".to_string()));
    assert!(names.iter().any(|n| n.starts_with("a_") && n.ends_with(".md")), "{names:?}");
    assert!(std::fs::read_dir(&s.paths.corpus)
        .expect("dir")
        .flatten()
        .all(|e| !e.file_name().to_string_lossy().starts_with(".tradewatch")));

    let again = ingest_with(&s.paths, &files[..1], FIXTURE).expect("ingest again");
    assert_eq!((again.copied, again.already_present), (0, 1), "{again}");
    assert!(again.nothing_changed(), "{again}");
    let again = ingest_with(&s.paths, &files[2..], FIXTURE).expect("ingest clash again");
    assert_eq!((again.copied, again.already_present), (0, 1), "{again}");
    assert_eq!(fixture_list(&s.paths.corpus).expect("list").len(), 5);
    assert!(!s.open().search("Investitionsverbot", 3).expect("search").is_empty());
}

#[test]
fn an_open_index_sees_new_commits_after_reload() {
    let s = setup();
    s.update();
    let index = s.open();
    assert!(index.search("Einfuhrverbot", 3).expect("search").is_empty());
    s.write("d.md", &article("Neu", "2024-08-01", "de", "Ein Einfuhrverbot für Chips."));
    s.update();
    index.reload().expect("reload");
    assert!(!index.search("Einfuhrverbot", 3).expect("search").is_empty());
}

#[test]
fn opening_a_missing_index_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let message = Index::open(&dir.path().join("nope")).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("tradewatch index"), "{message}");
}
