//! Extraction end to end on whole articles: the seed corpus and test articles written in
//! news style about invented companies (`tests/data/articles/`), German and English.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::answer::status::measures;
use crate::answer::Measure;
use crate::model::{Lang, Status};

fn load(dir: &Path) -> Vec<Article> {
    let mut out = Vec::new();
    let mut names: Vec<_> =
        std::fs::read_dir(dir).expect("test folder").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    for p in names {
        if p.extension().is_some_and(|e| e == "md" || e == "txt" || e == "html") {
            let name = p.file_name().and_then(|n| n.to_str()).expect("utf-8 name").to_string();
            let bytes = std::fs::read(&p).expect("read");
            out.push(crate::corpus::parse_article(&name, &bytes).expect("test article parses"));
        }
    }
    out
}

fn by_entity(articles: &[Article]) -> HashMap<String, Vec<MeasureMention>> {
    let mut map: HashMap<String, Vec<MeasureMention>> = HashMap::new();
    for a in articles {
        for m in extract_article(a).mentions {
            map.entry(m.entity.clone()).or_default().push(m);
        }
    }
    map
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

#[test]
fn articles_never_seen_yield_their_measures_and_spare_bystanders() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/articles");
    let articles = load(&dir);
    assert!(articles.len() >= 5);
    let mentions = by_entity(&articles);
    let table = std::fs::read_to_string(dir.join("expected.tsv")).expect("expected.tsv");
    let mut failures = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, entity, kind, date, status) = match cols[..] {
            [file, entity, kind, date] => (file, entity, kind, date, None),
            [file, entity, kind, date, status] => (file, entity, kind, date, Some(status)),
            _ => {
                failures.push(format!("malformed row {line}"));
                continue;
            }
        };
        let ms = measures(
            mentions
                .get(entity)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|m| m.citation.article == file)
                .collect(),
            entity,
            day("2026-11-22"),
            Lang::De,
        );
        if kind == "none" {
            if !ms.is_empty() {
                failures.push(format!(
                    "{file}: bystander {entity} got {:?}",
                    ms.iter().map(|m| &m.summary).collect::<Vec<_>>()
                ));
            }
            continue;
        }
        if let Some(absent) = kind.strip_prefix('!') {
            if let Some(m) = ms.iter().find(|m| m.kind.as_str() == absent) {
                failures.push(format!("{file}: {entity} must have no {absent}, got {:?}", m.citations));
            }
            continue;
        }
        // The measure of that kind that carries the date and standing asked for, else the
        // first of that kind (to say what it lacks).
        let fits = |m: &&Measure| {
            (date == "-" || m.dates.iter().any(|(d, _)| d.to_string() == date))
                && status.is_none_or(|want| m.status.as_str() == want)
        };
        let found = ms
            .iter()
            .filter(|m| m.kind.as_str() == kind)
            .find(fits)
            .or_else(|| ms.iter().find(|m| m.kind.as_str() == kind));
        if let (Some(m), Some(want)) = (found, status) {
            if m.status.as_str() != want {
                failures.push(format!("{file}: {kind} for {entity} is {}, not {want}", m.status.as_str()));
            }
        }
        match found {
            None => failures.push(format!(
                "{file}: no {kind} for {entity}; got {:?}",
                ms.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>()
            )),
            Some(m) if date != "-" && !m.dates.iter().any(|(d, _)| d.to_string() == date) => {
                failures.push(format!("{file}: {kind} for {entity} lacks {date}: {:?}", m.dates))
            }
            Some(m) => {
                for c in &m.citations {
                    let a = articles.iter().find(|a| a.meta.file == c.article).expect("cited article");
                    assert_eq!(&a.text[c.range.clone()], c.quote, "quote must be the exact text at its range");
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_seed_corpus_gives_the_measures_a_reader_expects() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let articles = load(&dir);
    let mentions = by_entity(&articles);
    let get = |e: &str, as_of: &str| measures(mentions.get(e).cloned().unwrap_or_default(), e, day(as_of), Lang::De);

    let kaspersky = get("Kaspersky", "2024-12-01");
    let kinds: Vec<&str> = kaspersky.iter().map(|m| m.kind.as_str()).collect();
    for want in ["sales_ban", "entity_list", "sanctions_individuals", "government_use_ban", "warning"] {
        assert!(kinds.contains(&want), "Kaspersky lacks {want}: {kinds:?}");
    }
    assert!(kaspersky.len() <= 7, "Kaspersky: too many measures {kinds:?}");
    let sales = kaspersky.iter().find(|m| m.kind.as_str() == "sales_ban").expect("sales ban");
    assert!(sales.dates.iter().any(|(d, _)| d.to_string() == "2024-09-29"), "{:?}", sales.dates);
    let files: std::collections::HashSet<&str> = sales.citations.iter().map(|c| c.article.as_str()).collect();
    assert!(files.len() >= 2, "the sales ban is told by 000 and 001: {files:?}");

    // The 20 September measures: announced on the 18th, in force on 1 December.
    for (as_of, want) in [("2020-09-19", Status::Announced), ("2020-12-01", Status::InForce)] {
        for entity in ["TikTok", "WeChat"] {
            let ms = get(entity, as_of);
            let sept = ms.iter().find(|m| m.dates.iter().any(|(d, _)| d.to_string() == "2020-09-20"));
            let sept = sept.unwrap_or_else(|| panic!("{entity}: no 20 September measure in {:#?}", ms));
            assert_eq!(sept.status, want, "{entity} as of {as_of}");
        }
    }
    let tiktok = get("TikTok", "2021-01-01");
    assert!(tiktok.iter().any(|m| m.dates.iter().any(|(d, _)| d.to_string() == "2020-11-12")));
    for bystander in ["Microsoft", "Oracle", "Walmart", "Twitter", "Huawei"] {
        assert!(get(bystander, "2026-01-01").is_empty(), "{bystander} must have no measures");
    }
}

#[test]
fn long_sentences_are_cited_by_their_clause_within_the_limit() {
    let filler = "und weitere Angaben zu den Hintergründen der Entscheidung, ".repeat(12);
    let text = format!(
        "---\ntitle: t\npublished: 2024-01-10\nlanguage: de\n---\nDas US-Handelsministerium setzte den Konzern Zentrix am Montag auf die Entity List, {filler}wie es hieß.\n"
    );
    let a = crate::corpus::parse_article("long.md", text.as_bytes()).expect("parses");
    let ex = extract_article(&a);
    let m = ex.mentions.iter().find(|m| m.entity == "Zentrix").expect("a mention for Zentrix");
    assert!(m.citation.quote.chars().count() <= MAX_QUOTE_CHARS, "{}", m.citation.quote.len());
    assert_eq!(&a.text[m.citation.range.clone()], m.citation.quote);
    assert!(m.citation.quote.contains("Entity List"), "{}", m.citation.quote);
}

#[test]
fn cue_patterns_keep_their_word_boundaries_next_to_ascii_letters() {
    let re = pattern(r"\bban\b|\büberprüf\w*|a\\b");
    assert!(re.is_match("a ban on"));
    assert!(!re.is_match("bandwidth"));
    assert!(!re.is_match("urban"));
    assert!(re.is_match("die Überprüfung".to_lowercase().as_str()));
    assert!(re.is_match(r"a\b"), "an escaped backslash stays a backslash");
}

#[test]
fn a_company_report_in_the_first_person_is_about_its_issuer() {
    let report =
        "---\ntitle: \"Velquor Optics AG – Geschäftsbericht 2025\"\npublished: 2026-03-19\nlanguage: de\n---\n\
        Die Velquor Optics AG entwickelt Sensoren.\n\n\
        Die indische Regierung hatte im März 2024 die Einfuhr unserer Wärmebildmodule untersagt.\n\n\
        Unser größter Kunde, die Dornhal Systems GmbH, wurde im Mai 2025 in die Entity List aufgenommen.\n";
    let a = crate::corpus::parse_article("r.md", report.as_bytes()).expect("parses");
    let ex = extract_article(&a);
    let velquor: Vec<_> = ex.mentions.iter().filter(|m| m.entity == "Velquor").collect();
    assert!(velquor.iter().any(|m| m.citation.quote.contains("unserer Wärmebildmodule")), "{:#?}", ex.mentions);
    assert!(!velquor.iter().any(|m| m.citation.quote.contains("Dornhal")), "the customer's listing is the customer's");
    // The same words in a news story name no one: its "unser" is the paper's.
    let news = report.replace("Geschäftsbericht 2025", "Ein Porträt");
    let a = crate::corpus::parse_article("n.md", news.as_bytes()).expect("parses");
    assert!(!extract_article(&a).mentions.iter().any(|m| m.citation.quote.contains("unserer")));

    let filing =
        "---\ntitle: \"Qelvarn Lasers, Inc. - Form 10-K (excerpt)\"\npublished: 2026-02-26\nlanguage: en\n---\n\
        Shares of Qelvarn Lasers fell sharply in early trading on the news.\n\n\
        In September 2025 the President issued an order prohibiting our proposed acquisition of Brimley Optics Corp.\n";
    let a = crate::corpus::parse_article("f.md", filing.as_bytes()).expect("parses");
    let ex = extract_article(&a);
    assert!(ex.mentions.iter().any(|m| m.entity == "Qelvarn"), "{:#?}", ex.mentions);
    assert!(!ex.mentions.iter().any(|m| m.entity == "Brimley"), "what we buy is no target: {:#?}", ex.mentions);
}

#[test]
fn remembered_sentences_give_the_same_mentions_as_sentences_read_afresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut articles = load(&root.join("corpus"));
    articles.extend(load(&root.join("tests/data/articles")));
    // Each article alone on a thread of its own: nothing remembered from another.
    let afresh: Vec<String> = articles
        .iter()
        .map(|a| std::thread::scope(|s| s.spawn(|| format!("{:?}", extract_article(a))).join().expect("no panic")))
        .collect();
    // One thread reads them all, twice: the second time every sentence is remembered,
    // with the sentences before it from another article than the first time.
    std::thread::scope(|s| {
        s.spawn(|| {
            for round in 0..2 {
                for (a, expect) in articles.iter().zip(&afresh).rev() {
                    assert_eq!(&format!("{:?}", extract_article(a)), expect, "round {round}: {}", a.meta.file);
                }
            }
        })
        .join()
        .expect("no panic")
    });
}
