//! Rendering answers as Discord messages: every page of every answer the corpus gives
//! (each entity under /status, /timeline and /search, /sources, broad searches) and of
//! synthetic extremes stays within Discord's limits; quotes shown are exact article text,
//! cut only at a sentence or word; paging buttons lead through all pages.
#![cfg(feature = "discord")]

mod discord_support;

use chrono::NaiveDate;
use discord_support::*;
use serde_json::Value;
use tradewatch::answer::{Answer, Measure, SearchAnswer, SourcesAnswer, StatusAnswer};
use tradewatch::command::Command;
use tradewatch::discord::message::Message;
use tradewatch::discord::render::{parse_custom_id, render};
use tradewatch::discord::Answerer;
use tradewatch::index::SearchHit;
use tradewatch::model::{ArticleMeta, Citation, DateRole, Lang, MeasureKind, PartialDate, Status};

/// Every page of an answer, following the ▶ button's custom id.
fn all_pages(answer: &Answer, lang: Lang) -> Vec<Message> {
    let mut pages = vec![render(answer, lang, 0)];
    for _ in 0..200 {
        let last = pages.last().unwrap();
        let next = last
            .components
            .iter()
            .flat_map(|r| r.components.iter())
            .find(|b| b.label == "▶" && !b.disabled)
            .map(|b| b.custom_id.clone());
        let Some(id) = next else { break };
        let (_, page) = parse_custom_id(&id).expect("our own custom id parses");
        assert_eq!(page, pages.len(), "▶ leads to the next page");
        pages.push(render(answer, lang, page));
    }
    pages
}

/// Undoes `escape_markdown` and drops `**` highlight markers.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\\' => {
                if let Some(n) = it.next() {
                    out.push(n);
                }
            }
            '*' if it.peek() == Some(&'*') => {
                it.next();
            }
            '\u{200B}' if out.ends_with('@') => {}
            c => out.push(c),
        }
    }
    out
}

/// The quote inside a citation or hit value, unescaped, and whether it was shortened.
fn shown_quote(value: &str, lang: Lang) -> Option<(String, bool)> {
    let (open, close) = match lang {
        Lang::De => ("„", "“"),
        Lang::En => ("“", "”"),
    };
    let body = match value.rfind("\n") {
        Some(i) if value[i..].starts_with("\n— ") || value[i..].starts_with("\n[") => &value[..i],
        _ => value,
    };
    let (body, cut) = match body.strip_suffix(" […]") {
        Some(b) => (b, true),
        None => (body, false),
    };
    let inner = body.strip_prefix(open)?.strip_suffix(close)?;
    Some((unescape(inner), cut))
}

/// Checks one page: the limits, and that every quote is exact text of one of `quotes`,
/// whole or cut at a boundary.
fn check_page(msg: &Message, lang: Lang, quotes: &[String]) {
    let json: Value = msg.to_json();
    assert_message_within_limits(&json);
    for e in &msg.embeds {
        for f in &e.fields {
            let Some((q, cut)) = shown_quote(&f.value, lang) else { continue };
            if cut {
                // A shortened quote is the start of a quote, ending where a word ends.
                let ok = quotes.iter().any(|full| {
                    full.starts_with(q.as_str())
                        && full[q.len()..].chars().next().is_none_or(|c| c.is_whitespace() || ",;:–-".contains(c))
                });
                assert!(ok, "shown quote is not a quote cut at a word boundary: {q:?}");
            } else {
                assert!(quotes.contains(&q), "an uncut quote is a whole quote, exactly: {q:?}");
            }
        }
    }
}

fn quotes_of(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Status(s) | Answer::Timeline(s) => {
            s.measures.iter().flat_map(|m| m.citations.iter().map(|c| c.quote.clone())).collect()
        }
        Answer::Search(s) => s.hits.iter().map(|h| h.citation.quote.clone()).collect(),
        _ => Vec::new(),
    }
}

/// Checks every page; returns the pages and the largest page's embed characters.
fn check_answer(answer: &Answer, lang: Lang) -> (Vec<Message>, usize) {
    let quotes = quotes_of(answer);
    let pages = all_pages(answer, lang);
    let mut biggest = 0;
    for p in &pages {
        check_page(p, lang, &quotes);
        biggest = biggest.max(p.embeds.iter().map(|e| e.chars()).sum::<usize>());
    }
    (pages, biggest)
}

// ------------------------------------------------------------------------------
// The real corpus

#[test]
fn every_answer_the_corpus_gives_fits() {
    let engine = real_engine();
    let entities = engine.entities();
    assert!(entities.iter().any(|e| e.name == "TikTok"), "the corpus knows TikTok");
    let mut commands: Vec<Command> = vec![Command::Sources, Command::Help];
    for q in ["Verbot", "USA", "Sanktionen", "ban", "TikTok WeChat Kaspersky Huawei", "und der die das"] {
        commands.push(Command::Search { query: q.into() });
    }
    for e in &entities {
        commands.push(Command::Status { entity: e.name.clone(), as_of: None });
        commands.push(Command::Status { entity: e.name.clone(), as_of: NaiveDate::from_ymd_opt(2020, 10, 1) });
        commands.push(Command::Timeline { entity: e.name.clone() });
        commands.push(Command::Search { query: e.name.clone() });
    }
    let mut longest = (String::new(), 0usize, 0usize);
    for cmd in &commands {
        for lang in [Lang::De, Lang::En] {
            let answer = Answerer::answer(engine.as_ref(), cmd, lang);
            let (pages, chars) = check_answer(&answer, lang);
            if chars > longest.2 {
                longest = (format!("{cmd:?} {lang:?}"), pages.len(), chars);
            }
        }
    }
    eprintln!(
        "{} answers checked; largest page: {} ({} pages, {} chars)",
        commands.len() * 2,
        longest.0,
        longest.1,
        longest.2
    );
    assert!(longest.2 > 500, "some answer has real content");
}

#[test]
fn tiktok_status_shows_its_measures_with_citations() {
    let engine = real_engine();
    let answer = Answerer::answer(engine.as_ref(), &Command::Status { entity: "tiktok".into(), as_of: None }, Lang::De);
    let Answer::Status(s) = &answer else { panic!("{answer:?}") };
    assert!(!s.measures.is_empty());
    let pages = all_pages(&answer, Lang::De);
    let embeds: usize = pages.iter().map(|p| p.embeds.len()).sum();
    assert_eq!(embeds, s.measures.len(), "one embed per measure over all pages");
    let first = &pages[0].embeds[0];
    assert!(!first.fields.is_empty(), "citations shown");
}

// ------------------------------------------------------------------------------
// Synthetic extremes

const NASTY: &str = "Das US-Handelsministerium teilte mit: **Verbot** _ab_ sofort ~~nicht~~ `code` ||geheim|| \
    <@123> <@&1> @everyone @here [Link](http://evil.example) # keine Überschrift\n- keine Liste\n> kein Zitat. ";

fn citation(i: usize, len: usize) -> Citation {
    let mut quote = String::new();
    while quote.chars().count() < len {
        quote.push_str(NASTY);
    }
    let quote: String = quote.chars().take(len).collect();
    let quote = quote.trim().to_string();
    Citation {
        article: format!("{i:03}_{}.md", "x".repeat(40)),
        source: Some(format!("Quelle {i} {}", "mit sehr langem Namen ".repeat(12))),
        published: NaiveDate::from_ymd_opt(2020, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
        url: i.is_multiple_of(2).then(|| format!("https://example.org/artikel_(teil)/{i}?a=b&c=d")),
        range: 0..quote.len(),
        quote,
    }
}

fn measure(i: usize, citations: usize, quote_len: usize) -> Measure {
    Measure {
        kind: MeasureKind::ALL[i % MeasureKind::ALL.len()],
        summary: format!("{} {}", "Zusammenfassung".repeat(3), NASTY.repeat(20)),
        authority: Some(format!("Behörde {} {}", i, "für sehr lange Namen ".repeat(30))),
        dates: vec![
            (PartialDate::parse("2020-09-20").unwrap(), DateRole::Effective),
            (PartialDate::parse("2020-11").unwrap(), DateRole::Deadline),
            (PartialDate::year(2017), DateRole::Announced),
        ],
        status: [Status::InForce, Status::Announced, Status::Expired, Status::Challenged][i % 4],
        citations: (0..citations).map(|c| citation(i * 100 + c, quote_len)).collect(),
        newest_source: NaiveDate::from_ymd_opt(2020, 9, 18),
    }
}

fn status(entity: &str, measures: Vec<Measure>) -> StatusAnswer {
    StatusAnswer {
        entity: entity.into(),
        query: entity.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        newest_source: NaiveDate::from_ymd_opt(2020, 9, 18),
        measures,
        lang: Lang::De,
        resolved_from: Some(format!("{entity} @everyone")),
    }
}

#[test]
fn huge_status_answers_page_within_limits() {
    let cases = vec![
        status("TikTok", (0..40).map(|i| measure(i, 4, 600)).collect()),
        status("TikTok", vec![measure(0, 1, 600)]),
        status("TikTok", vec![measure(1, 60, 600)]),
        status("TikTok", (0..12).map(|i| measure(i, 2, 100)).collect()),
        status(&"Sehr langer Name ".repeat(400), (0..15).map(|i| measure(i, 5, 600)).collect()),
        status("Niemand", vec![]),
    ];
    for (i, s) in cases.into_iter().enumerate() {
        for lang in [Lang::De, Lang::En] {
            let answer = Answer::Status(s.clone());
            let (pages, _) = check_answer(&answer, lang);
            let shown: usize = pages.iter().map(|p| p.embeds.len()).sum();
            let content = pages[0].content.clone().unwrap_or_default();
            let more_line = content.contains("weitere Maßnahmen") || content.contains("more measures");
            if !s.measures.is_empty() {
                assert!(shown == s.measures.len() || more_line, "case {i}: every measure reachable or counted");
            }
            if i == 0 {
                assert!(pages.len() > 1, "40 measures need pages");
            }
            if i == 4 {
                assert!(more_line, "an entity too long for a button id ends in an 'n more' line");
            }
        }
    }
}

#[test]
fn in_force_and_newest_measures_come_first() {
    let mut old = measure(0, 1, 100);
    old.status = Status::Expired;
    let mut newer = measure(1, 1, 100);
    newer.status = Status::InForce;
    newer.dates = vec![(PartialDate::parse("2024-07-16").unwrap(), DateRole::Effective)];
    let mut older = measure(2, 1, 100);
    older.status = Status::InForce;
    older.dates = vec![(PartialDate::parse("2020-09-20").unwrap(), DateRole::Effective)];
    let answer = Answer::Status(status("X", vec![old, older, newer]));
    let msg = render(&answer, Lang::En, 0);
    let titles: Vec<String> = msg.embeds.iter().map(|e| e.title.clone().unwrap()).collect();
    assert!(titles[0].ends_with("in force") && titles[1].ends_with("in force") && titles[2].ends_with("expired"));
    let d0 = msg.embeds[0].description.clone().unwrap();
    assert!(d0.contains("Jul 16, 2024"), "newest in-force first: {d0}");
}

#[test]
fn a_quote_too_long_for_a_field_is_cut_at_a_boundary_outside_the_marks() {
    let mut m = measure(0, 1, 0);
    let words = "Ein Satz mit Wörtern. ".repeat(80);
    m.citations[0].quote = words.trim().to_string();
    let answer = Answer::Status(status("X", vec![m]));
    let msg = render(&answer, Lang::De, 0);
    let value = &msg.embeds[0].fields[0].value;
    assert!(value.chars().count() <= 1024);
    assert!(value.contains("“ […]\n— "), "ellipsis outside the quote marks: {value}");
    check_page(&msg, Lang::De, &[words.trim().to_string()]);
}

#[test]
fn huge_search_sources_and_timeline_fit() {
    let hits: Vec<SearchHit> = (0..60)
        .map(|i| {
            let c = citation(i, 590);
            let highlighted = c.quote.replacen("Verbot", "**Verbot**", 3);
            SearchHit { citation: c, highlighted, score: 1.0 }
        })
        .collect();
    let search = Answer::Search(SearchAnswer { query: "Verbot <@1> @everyone".into(), hits });
    let long_query = Answer::Search(SearchAnswer {
        query: "Verbot ".repeat(70),
        hits: (0..30)
            .map(|i| SearchHit { citation: citation(i, 500), highlighted: String::new(), score: 0.5 })
            .collect(),
    });
    let articles: Vec<ArticleMeta> = (0..800)
        .map(|i| ArticleMeta {
            file: format!("{i:04}.md"),
            title: Some(format!("Titel {i}: {}", "Handelskrieg **eskaliert** <@1> ".repeat(i % 20))),
            source: Some("tagesschau".into()),
            url: Some(format!("https://example.org/{i}")),
            published: NaiveDate::from_ymd_opt(2020, 1, 1 + (i % 28) as u32),
            published_estimated: i % 3 == 0,
            language: Lang::De,
        })
        .collect();
    let sources = Answer::Sources(SourcesAnswer { articles });
    let timeline = Answer::Timeline(status("TikTok", (0..200).map(|i| measure(i, 1, 50)).collect()));
    for answer in [search, long_query, sources, timeline, Answer::Help(Lang::De)] {
        for lang in [Lang::De, Lang::En] {
            check_answer(&answer, lang);
        }
    }
}

#[test]
fn the_timeline_carries_its_chart() {
    let answer = Answer::Timeline(status("TikTok", (0..5).map(|i| measure(i, 1, 50)).collect()));
    let msg = render(&answer, Lang::En, 0);
    assert_eq!(msg.files.len(), 1);
    assert_eq!(msg.files[0].name, "timeline.png");
    assert!(msg.files[0].bytes.starts_with(b"\x89PNG"));
    let json = msg.to_json();
    assert_eq!(json["embeds"][0]["image"]["url"], "attachment://timeline.png");
    assert_eq!(json["attachments"][0]["filename"], "timeline.png");
    let empty = Answer::Timeline(status("Niemand", vec![]));
    assert!(render(&empty, Lang::De, 0).files.is_empty());
}

#[test]
fn errors_are_ephemeral_and_hide_internals() {
    let system = Answer::system_error("status", "cannot open /secret/path/index: permission denied");
    for lang in [Lang::De, Lang::En] {
        let msg = render(&system, lang, 0);
        assert!(msg.is_ephemeral());
        let text = msg.content.clone().unwrap();
        assert!(!text.contains("/secret") && !text.contains("permission"), "{text}");
        assert_message_within_limits(&msg.to_json());
    }
    let question = Answer::question_error("status", "x".repeat(5000));
    let msg = render(&question, Lang::En, 0);
    assert!(msg.is_ephemeral());
    assert_message_within_limits(&msg.to_json());
}
