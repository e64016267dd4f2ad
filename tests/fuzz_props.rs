//! Property-based fuzzing of every place where outside input enters: the slash-command
//! text parser, the date extractor (with any publication date), the article loader
//! (arbitrary bytes, near-valid front matter, near-valid HTML), the measure cues, whole
//! article extraction, and the interaction handler (arbitrary bodies, signed and
//! unsigned, in process and over a loopback connection).
//!
//! Each target runs `FUZZ_CASES` cases in CI (64 unless `PROPTEST_CASES` says more). The
//! `soak_*` tests (ignored) run one target for `FUZZ_SECS` seconds (default 600) with
//! fresh seeds and print how many cases ran:
//! `FUZZ_SECS=600 cargo test --release --test fuzz_props -- --ignored --nocapture soak_parser`.

#[path = "discord_support/mod.rs"]
mod discord;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use serde_json::{json, Value};

use tradewatch::answer::Engine;
use tradewatch::command::{self, Command};
use tradewatch::config::Paths;
use tradewatch::corpus::parse_article;
use tradewatch::discord::dispatch::{Dispatcher, Response};
use tradewatch::discord::interaction::Interaction;
use tradewatch::extract::dates::{self, DateContext};
use tradewatch::extract::{extract_article, measures, MAX_QUOTE_CHARS};
use tradewatch::model::Lang;

// ------------------------------------------------------------------------------
// Running

/// Cases per target in an ordinary test run.
fn ci_config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// How long any single case may take before it counts as a hang.
const SLOW_CASE: Duration = Duration::from_secs(5);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    let started = Instant::now();
    let out = f();
    let took = started.elapsed();
    if took > SLOW_CASE {
        return Err(TestCaseError::fail(format!("{what} took {took:?}")));
    }
    Ok(out)
}

/// Runs `test` over `strategy` with the CI case count; a failure panics with the
/// minimal input.
fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(ci_config());
    if let Err(e) = runner.run(&strategy, test) {
        match e {
            TestError::Fail(why, input) => panic!("{why}\nminimal input: {input:#?}"),
            TestError::Abort(why) => panic!("aborted: {why}"),
        }
    }
}

/// Runs `test` over fresh seeds until `FUZZ_SECS` (default 600) have passed; prints the
/// number of cases and the time.
fn soak<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("FUZZ_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(600);
    let started = Instant::now();
    let counted = AtomicUsize::new(0);
    let mut rounds = 0;
    while started.elapsed() < Duration::from_secs(secs) {
        let config = Config { cases: 256, failure_persistence: None, ..Config::default() };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&strategy, |v| {
            counted.fetch_add(1, Ordering::Relaxed);
            test(v)
        });
        if let Err(e) = result {
            match e {
                TestError::Fail(why, input) => panic!("{name}: {why}\nminimal input: {input:#?}"),
                TestError::Abort(why) => panic!("{name}: aborted: {why}"),
            }
        }
        rounds += 1;
    }
    eprintln!(
        "soak {name}: {} cases ({rounds} rounds of fresh seeds) in {:?}, no failure",
        counted.load(Ordering::Relaxed),
        started.elapsed()
    );
}

/// Any text at all: every char, controls, bidi marks, combining marks, astral planes.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// Text built from the given words and some hostile separators.
fn soup(words: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(words).prop_map(str::to_string),
        2 => prop::sample::select(&[" ", " ", "  ", "\u{a0}", "\t", "\n", ", ", ". ", "-", "/", "\"", "„", "“", ":", "(", ")", "\u{202e}", "\u{200b}", "\u{0}", "&amp;", "&#x26;"][..]).prop_map(str::to_string),
        1 => any_text(6),
        1 => (0u32..100_000).prop_map(|n| n.to_string()),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|v| v.join(" "))
}

// ------------------------------------------------------------------------------
// 1. The slash-command parser

const COMMAND_WORDS: &[&str] = &[
    "/status",
    "status",
    "/search",
    "/suche",
    "/timeline",
    "/zeitleiste",
    "/sources",
    "/quellen",
    "/help",
    "/hilfe",
    "/STATUS",
    "/",
    "entity:",
    "as_of:",
    "query:",
    "entity:\"",
    "as_of:2020-10-01",
    "as_of:2020-02-30",
    "as_of:0000-00-00",
    "as_of:9999-12-31",
    "\"",
    "'",
    "tiktok",
    "Kaspersky Lab",
    "ByteDance",
    ":",
    "::",
    "as_of",
    "query:\"a b\"",
    "entity:''",
    "–",
    "ß",
    "İ",
    "ﬁ",
    "𝔘",
    "🔥",
];

fn question() -> impl Strategy<Value = String> {
    prop_oneof![any_text(80), any_text(700), soup(COMMAND_WORDS, 12)]
}

fn check_command(input: String) -> Result<(), TestCaseError> {
    let result = timed("command::parse", || command::parse(&input))?;
    let _ = command::guess_name(&input);
    prop_assert_eq!(&result, &command::parse(&input), "parse is not deterministic");
    if input.chars().count() > command::MAX_QUESTION_CHARS {
        prop_assert!(result.is_err(), "a question over the limit was taken");
    }
    match result {
        Ok(Command::Status { entity, .. }) | Ok(Command::Timeline { entity }) => {
            prop_assert!(!entity.trim().is_empty(), "empty entity taken");
            prop_assert!(!entity.chars().any(char::is_control), "control characters kept in {entity:?}");
        }
        Ok(Command::Search { query }) => prop_assert!(!query.trim().is_empty(), "empty query taken"),
        Ok(_) => {}
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

#[test]
fn fuzz_command_parser() {
    run(question(), check_command);
}

#[test]
#[ignore = "soak"]
fn soak_parser() {
    soak("command parser", question(), check_command);
}

// ------------------------------------------------------------------------------
// 2. The date extractor

const DATE_WORDS: &[&str] = &[
    "am",
    "ab",
    "dem",
    "den",
    "seit",
    "bis",
    "zum",
    "vor",
    "nach",
    "binnen",
    "innerhalb",
    "von",
    "rund",
    "knapp",
    "einer",
    "einem",
    "drei",
    "zwei",
    "zwölf",
    "Woche",
    "Wochen",
    "Monaten",
    "Monat",
    "Jahren",
    "Tagen",
    "Tage",
    "Mitte",
    "Anfang",
    "Ende",
    "Juli",
    "Februar",
    "September",
    "Dezember",
    "März",
    "Mai",
    "April",
    "20.",
    "31.",
    "29.",
    "0.",
    "1.",
    "16.07.",
    "2020",
    "2019/20",
    "1.500.000",
    "$2017",
    "99999",
    "0000",
    "9999",
    "-2020",
    "gestern",
    "heute",
    "morgen",
    "nächsten",
    "vergangenen",
    "Sonntag",
    "Montag",
    "Wochenende",
    "Quartal",
    "Q3",
    "dritten",
    "by",
    "on",
    "in",
    "within",
    "since",
    "until",
    "last",
    "next",
    "this",
    "month",
    "week",
    "year",
    "Nov.",
    "Sept.",
    "12",
    "45",
    "days",
    "ago",
    "earlier",
    "later",
    "mid-",
    "early",
    "late",
    "immediately",
    "sofort",
    "ab sofort",
    "Frist",
    "deadline",
    "effective",
    "tritt",
    "in Kraft",
    "2147483647",
    "4294967296",
    "18446744073709551616",
];

fn date_sentence() -> impl Strategy<Value = String> {
    prop_oneof![3 => soup(DATE_WORDS, 20), 1 => any_text(200)]
}

/// Any day chrono can represent, weighted towards the edges and the present.
fn publication() -> impl Strategy<Value = Option<NaiveDate>> {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(NaiveDate::MIN)),
        1 => Just(Some(NaiveDate::MAX)),
        2 => (min..=max).prop_map(NaiveDate::from_num_days_from_ce_opt),
        4 => (700_000i32..760_000).prop_map(NaiveDate::from_num_days_from_ce_opt),
    ]
}

fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::De), Just(Lang::En)]
}

fn check_dates((sentence, published, lang): (String, Option<NaiveDate>, Lang)) -> Result<(), TestCaseError> {
    let ctx = DateContext { published, lang };
    let found = timed("dates::extract", || dates::extract(&sentence, &ctx))?;
    for m in &found {
        prop_assert!(
            m.span.start <= m.span.end && m.span.end <= sentence.len(),
            "span {:?} out of the sentence",
            m.span
        );
        prop_assert!(sentence.get(m.span.clone()).is_some(), "span {:?} not on char boundaries", m.span);
    }
    Ok(())
}

#[test]
fn fuzz_date_extractor() {
    run((date_sentence(), publication(), lang()), check_dates);
}

#[test]
#[ignore = "soak"]
fn soak_dates() {
    soak("date extractor", (date_sentence(), publication(), lang()), check_dates);
}

// ------------------------------------------------------------------------------
// 3. The article loader

fn file_name() -> impl Strategy<Value = String> {
    prop::sample::select(&["a.md", "a.txt", "a.html", "a.htm", "A.MD", "b.markdown", "noext", "c.md.html"][..])
        .prop_map(str::to_string)
}

const FM_KEYS: &[&str] =
    &["title", "source", "url", "published", "language", "Title", "date", "author", "tags", "", " title", "published "];
const FM_VALUES: &[&str] = &[
    "Kaspersky gibt auf",
    "\"quoted\"",
    "'single'",
    "",
    " ",
    "2024-07-16",
    "2020-02-30",
    "2020-13-01",
    "0000-00-00",
    "24-7-16",
    "2024-07-16T10:00:00Z",
    "de",
    "en",
    "fr",
    "DE",
    "xx-YY",
    "https://example.org/a?b=c",
    "[a, b]",
    "{x: 1}",
    "|",
    ">",
    "- item",
    "\"unterminated",
    "ü\u{200b}",
    "\u{feff}",
    "#comment",
    "key: value: more",
];

/// A markdown file near the valid shape: sometimes a BOM, delimiters that may be wrong or
/// missing, key lines that may be broken, then a body.
fn near_markdown() -> impl Strategy<Value = Vec<u8>> {
    let line = prop_oneof![
        6 => (prop::sample::select(FM_KEYS), prop::sample::select(&[": ", ":", " : ", " "][..]), prop::sample::select(FM_VALUES))
            .prop_map(|(k, s, v)| format!("{k}{s}{v}")),
        1 => any_text(30),
        1 => Just(String::new()),
    ];
    (
        any::<bool>(),
        prop::sample::select(&["---", "---  ", "--", "----", "+++", "", "---\r"][..]),
        prop::collection::vec(line, 0..8),
        prop::sample::select(&["---", "---\r", "...", "", "--- "][..]),
        prop::sample::select(&["\n", "\r\n", "\r"][..]),
        soup(MEASURE_WORDS, 40),
    )
        .prop_map(|(bom, open, lines, close, nl, body)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            s.push_str(open);
            s.push_str(nl);
            for l in lines {
                s.push_str(&l);
                s.push_str(nl);
            }
            s.push_str(close);
            s.push_str(nl);
            s.push_str(&body);
            s.into_bytes()
        })
}

const HTML_PIECES: &[&str] = &[
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<title>",
    "</title>",
    "<body>",
    "</body>",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<br/>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<html lang=\"de\">",
    "<html lang=fr>",
    "<html lang='en'>",
    "<meta name=\"date\" content=\"2020-09-18\">",
    "<meta property=\"article:published_time\" content=\"2020-02-30T10:00\">",
    "<time datetime=\"2024-07-16\">",
    "</time>",
    "<a href=\"https://x\">",
    "</a>",
    "<",
    ">",
    "</",
    "<p",
    "=\"",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&#99999999999;",
    "&nbsp;",
    "&unknown;",
    "&",
    "<![CDATA[",
    "]]>",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul>",
    "</ul>",
    "<img src=x onerror=alert(1)>",
    "<p class=\"ad\">Anzeige</p>",
    "<?xml ?>",
    "<pre>",
    "</pre>",
    "<table><tr><td>",
];

fn near_html() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => prop::sample::select(HTML_PIECES).prop_map(str::to_string),
        2 => soup(MEASURE_WORDS, 8),
        1 => any_text(10),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat().into_bytes())
}

fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..600),
        1 => any_text(400).prop_map(String::into_bytes),
        3 => near_markdown(),
        3 => near_html(),
    ]
}

fn check_loader((name, bytes): (String, Vec<u8>)) -> Result<(), TestCaseError> {
    let result = timed("parse_article", || parse_article(&name, &bytes))?;
    match result {
        Ok(a) => {
            prop_assert_eq!(a.text.as_bytes(), &bytes[..], "the text is not the file verbatim");
            prop_assert_eq!(&a.meta.file, &name);
            prop_assert!(a.text.get(a.body.clone()).is_some(), "body {:?} out of the text", a.body);
            let mut last = 0;
            for b in &a.blocks {
                prop_assert!(a.text.get(b.range.clone()).is_some(), "block {:?} not a slice", b.range);
                prop_assert!(b.range.start >= last, "blocks out of order");
                last = b.range.end;
            }
            for p in a.passages() {
                prop_assert!(a.text.get(p.range.clone()).is_some(), "passage {:?} not a slice", p.range);
                prop_assert!(p.block < a.blocks.len());
            }
        }
        Err(e) => {
            prop_assert_eq!(&e.file, &name);
            prop_assert!(!e.message.is_empty());
            if let Some(line) = e.line {
                let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
                prop_assert!((1..=lines).contains(&line), "line {line} of a {lines}-line file");
            }
        }
    }
    Ok(())
}

#[test]
fn fuzz_article_loader() {
    run((file_name(), article_bytes()), check_loader);
}

#[test]
#[ignore = "soak"]
fn soak_loader() {
    soak("article loader", (file_name(), article_bytes()), check_loader);
}

// ------------------------------------------------------------------------------
// 4. Measure cues and 5. whole-article extraction

const MEASURE_WORDS: &[&str] = &[
    "Das",
    "US-Handelsministerium",
    "hat",
    "TikTok",
    "Huawei",
    "Kaspersky",
    "WeChat",
    "ByteDance",
    "Tencent",
    "Norvia",
    "Zorvatek",
    "auf",
    "die",
    "Entity",
    "List",
    "gesetzt",
    "Verbot",
    "Verkaufsverbot",
    "verboten",
    "Sanktionen",
    "Exportkontrollen",
    "Ausfuhr",
    "genehmigungspflichtig",
    "Zwangsverkauf",
    "verkaufen",
    "muss",
    "Behörden",
    "dürfen",
    "keine",
    "nicht",
    "mehr",
    "ausgesetzt",
    "aufgehoben",
    "vorerst",
    "Gericht",
    "Klage",
    "geklagt",
    "einstweilige",
    "Verfügung",
    "ban",
    "banned",
    "sanctions",
    "export",
    "controls",
    "divest",
    "blocked",
    "lifted",
    "court",
    "suspended",
    "entity list",
    "Commerce",
    "Department",
    "Treasury",
    "the",
    "company",
    "das Unternehmen",
    "beide Apps",
    "the company",
    "its products",
    "am",
    "20.",
    "September",
    "2020",
    "ab dem",
    "1. Januar 2026",
    "binnen",
    "drei",
    "Monaten",
    "Bundesregierung",
    "Bundesinnenministerium",
    "BSI",
    "warnt",
    "vor",
    "Einsatz",
    "von",
    "Software",
    "5G",
    "Kernnetz",
    "Komponenten",
    "App-Stores",
    "Downloads",
    ".",
    "!",
    "?",
    "Empfehlung:",
    "Anzeige",
    "Mehr zum Thema",
    "@everyone",
    "<@&1>",
    "\u{a0}",
    "–",
    "„",
    "“",
];

fn check_cues(text: String) -> Result<(), TestCaseError> {
    let lower = text.to_lowercase();
    let cues = timed("measures::read", || measures::read(&lower))?;
    prop_assert_eq!(&cues, &measures::read(&lower), "read is not deterministic");
    let _ = measures::stated_status(&lower);
    let _ = tradewatch::extract::authorities::authority(&lower);
    Ok(())
}

fn cue_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => soup(MEASURE_WORDS, 30), 1 => any_text(300)]
}

#[test]
fn fuzz_measure_cues() {
    run(cue_text(), check_cues);
}

#[test]
#[ignore = "soak"]
fn soak_cues() {
    soak("measure cues", cue_text(), check_cues);
}

/// Articles that load: front matter with real keys, then paragraphs of measure soup.
fn loadable_article() -> impl Strategy<Value = (String, Vec<u8>)> {
    let paragraph = prop::collection::vec(soup(MEASURE_WORDS, 25), 1..4).prop_map(|s| s.join(". "));
    prop_oneof![
        3 => (
            prop::sample::select(&["2020-09-18", "2024-07-16", "0001-01-01", "9999-12-31", "2020-02-29"][..]),
            lang(),
            prop::collection::vec(paragraph, 1..6),
        )
            .prop_map(|(published, lang, paras)| {
                let text = format!(
                    "---\ntitle: Fuzz\nsource: Fuzz\npublished: {published}\nlanguage: {}\n---\n{}\n",
                    lang.code(),
                    paras.join("\n\n")
                );
                ("fuzz.md".to_string(), text.into_bytes())
            }),
        1 => near_html().prop_map(|b| ("fuzz.html".to_string(), b)),
        1 => near_markdown().prop_map(|b| ("fuzz.md".to_string(), b)),
    ]
}

fn check_extraction((name, bytes): (String, Vec<u8>)) -> Result<(), TestCaseError> {
    let Ok(article) = parse_article(&name, &bytes) else { return Ok(()) };
    let extracted = timed("extract_article", || extract_article(&article))?;
    for m in &extracted.mentions {
        let c = &m.citation;
        prop_assert_eq!(&c.article, &name);
        prop_assert_eq!(article.text.get(c.range.clone()), Some(c.quote.as_str()), "quote is not the file's text");
        prop_assert!(c.quote.chars().count() <= MAX_QUOTE_CHARS, "quote of {} chars", c.quote.chars().count());
        prop_assert!(!m.entity.trim().is_empty(), "mention without an entity");
    }
    for e in &extracted.entities {
        prop_assert!(!e.trim().is_empty(), "empty entity name");
    }
    Ok(())
}

#[test]
fn fuzz_whole_article_extraction() {
    run(loadable_article(), check_extraction);
}

#[test]
#[ignore = "soak"]
fn soak_extraction() {
    soak("article extraction", loadable_article(), check_extraction);
}

// ------------------------------------------------------------------------------
// 6. The interaction handler

/// One engine over a temporary index of the committed corpus.
fn engine() -> Arc<Engine> {
    static ENGINE: OnceLock<(tempfile::TempDir, Arc<Engine>)> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let paths = Paths {
                corpus: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus"),
                index: dir.path().join("ix"),
            };
            tradewatch::index::update(&paths, false).expect("index the corpus");
            let engine = Arc::new(Engine::open(&paths.index).expect("open"));
            (dir, engine)
        })
        .1
        .clone()
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("rt"))
}

/// Panics anywhere in the process (also on the dispatcher's blocking threads, where they
/// would otherwise become a polite "internal error" reply).
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, Ordering::SeqCst);
            previous(info);
        }));
    });
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        any_text(20).prop_map(Value::String),
        prop::sample::select(
            &["status", "search", "timeline", "sources", "help", "entity", "as_of", "query", "de", "en-US"][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(
                            &[
                                "type",
                                "data",
                                "name",
                                "options",
                                "value",
                                "focused",
                                "token",
                                "id",
                                "application_id",
                                "locale",
                                "member",
                                "user",
                                "custom_id",
                                "guild_id"
                            ][..]
                        )
                        .prop_map(str::to_string),
                        any_text(8),
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const FIXTURES: &[&str] = &[
    "status_de.json",
    "status_en.json",
    "ping.json",
    "autocomplete_tik.json",
    "component_page.json",
    "search_mention_bait.json",
    "sources_en.json",
    "timeline_de.json",
    "unknown_command.json",
    "status_bad_date.json",
];

/// A real interaction with one part replaced by something arbitrary.
fn mutated_interaction() -> impl Strategy<Value = Value> {
    let option_value = prop_oneof![
        any_text(30).prop_map(Value::String),
        any_text(700).prop_map(Value::String),
        soup(COMMAND_WORDS, 6).prop_map(Value::String),
        json_value(),
    ];
    let option = (
        prop::sample::select(&["entity", "as_of", "query", "x", ""][..]),
        prop::sample::select(&[3u64, 1, 2, 4, 99][..]),
        option_value,
        any::<bool>(),
    )
        .prop_map(|(n, t, v, f)| json!({"name": n, "type": t, "value": v, "focused": f}));
    (
        prop::sample::select(FIXTURES),
        0usize..8,
        prop::collection::vec(option, 0..4),
        json_value(),
        any_text(40),
        prop::sample::select(&[0i64, 1, 2, 3, 4, 5, 6, -1, 1 << 40][..]),
    )
        .prop_map(|(fixture, what, options, value, text, kind)| {
            let mut v = discord::fixture(fixture);
            let user = format!("{}", 1_000_000 + text.len() as u64 * 7919 + what as u64);
            v["member"]["user"]["id"] = json!(user);
            match what {
                0 => v["data"]["options"] = Value::Array(options),
                1 => v["type"] = json!(kind),
                2 => v["data"]["name"] = Value::String(text),
                3 => v["data"] = value,
                4 => v["locale"] = Value::String(text),
                5 => v["data"]["custom_id"] = Value::String(text),
                6 => v["token"] = value,
                _ => {
                    if let Some(o) = v.as_object_mut() {
                        o.remove(["data", "type", "token", "member", "locale", "id"][text.len() % 6]);
                    }
                }
            }
            v
        })
}

/// What arrives at the endpoint: a body and whether it carries a valid signature.
fn endpoint_input() -> impl Strategy<Value = (Vec<u8>, bool)> {
    let body = prop_oneof![
        4 => mutated_interaction().prop_map(|v| serde_json::to_vec(&v).expect("json")),
        2 => json_value().prop_map(|v| serde_json::to_vec(&v).expect("json")),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ];
    (body, prop::bool::weighted(0.8))
}

fn check_reply(reply: &Value) -> Result<(), TestCaseError> {
    let ok = std::panic::catch_unwind(|| discord::assert_within_discord_limits(reply));
    prop_assert!(ok.is_ok(), "reply breaks Discord's limits: {reply}");
    Ok(())
}

fn check_handler_in_process((body, signed): (Vec<u8>, bool)) -> Result<(), TestCaseError> {
    count_panics();
    static DISPATCHER: OnceLock<Dispatcher> = OnceLock::new();
    let dispatcher =
        DISPATCHER.get_or_init(|| Dispatcher::new(engine(), Duration::ZERO, Duration::from_millis(2000), false));
    let key = discord::public_key();
    let ts = discord::timestamp();
    let sig = if signed { discord::sign(&ts, &body) } else { discord::sign(&ts, b"something else") };
    let verified = key.verify(Some(&sig), Some(&ts), &body);
    prop_assert_eq!(verified.is_ok(), signed, "signature check wrong");
    if !signed {
        return Ok(());
    }
    let Ok(inter) = Interaction::from_slice(&body) else { return Ok(()) };
    let before = PANICS.load(Ordering::SeqCst);
    let started = Instant::now();
    let outcome = runtime().block_on(async {
        let outcome = dispatcher.handle(&inter).await;
        match outcome {
            Ok(o) => {
                let later = match o.later {
                    Some(f) => Some(f.finish().await.0),
                    None => None,
                };
                Ok((o.response, later))
            }
            Err(e) => Err(e),
        }
    });
    prop_assert!(started.elapsed() < SLOW_CASE * 2, "handling took {:?}", started.elapsed());
    prop_assert_eq!(
        PANICS.load(Ordering::SeqCst),
        before,
        "a panic while answering {}",
        String::from_utf8_lossy(&body)
    );
    if let Ok((response, later)) = outcome {
        check_reply(&response.to_json())?;
        if let Some(msg) = later {
            check_reply(&msg.to_json())?;
        }
        if let Response::Message(m) = &response {
            let internal =
                tradewatch::discord::render::error_message(inter.lang(), tradewatch::discord::render::MSG_INTERNAL);
            prop_assert!(m != &internal, "internal error for {}", String::from_utf8_lossy(&body));
        }
    }
    Ok(())
}

#[test]
fn fuzz_interaction_handler_in_process() {
    run(endpoint_input(), check_handler_in_process);
}

#[test]
#[ignore = "soak"]
fn soak_handler_in_process() {
    soak("interaction handler (in process)", endpoint_input(), check_handler_in_process);
}

/// The endpoint over a loopback connection: 401 for every unsigned body, 200 or 400 for
/// signed ones, never a 5xx or a dropped connection.
fn check_endpoint(
    server: &tradewatch::discord::http::TestServer,
    (body, signed): (Vec<u8>, bool),
) -> Result<(), TestCaseError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(15)))
        .build()
        .into();
    let ts = discord::timestamp();
    let sig = if signed { discord::sign(&ts, &body) } else { "00".repeat(64) };
    let resp = agent
        .post(&server.url("/interactions"))
        .header("Content-Type", "application/json")
        .header("X-Signature-Ed25519", &sig)
        .header("X-Signature-Timestamp", &ts)
        .send(&body[..]);
    let mut resp = match resp {
        Ok(r) => r,
        Err(e) => return Err(TestCaseError::fail(format!("request failed: {e}"))),
    };
    let status = resp.status().as_u16();
    let text = resp.body_mut().read_to_string().unwrap_or_default();
    if !signed {
        prop_assert_eq!(status, 401, "unsigned body answered: {}", text);
        return Ok(());
    }
    prop_assert!(status == 200 || status == 400, "status {status} for a signed body: {text}");
    if status == 200 {
        let reply: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))?;
        check_reply(&reply)?;
    }
    Ok(())
}

fn test_server() -> tradewatch::discord::http::TestServer {
    let settings = tradewatch::discord::Settings {
        cooldown: Duration::ZERO,
        api_base: format!(
            "http://127.0.0.1:{}",
            std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(9)
        ),
        refresh: Duration::ZERO,
        ..tradewatch::discord::Settings::default()
    };
    tradewatch::discord::http::spawn_for_test(engine(), discord::public_key(), settings).expect("endpoint")
}

#[test]
fn fuzz_interaction_endpoint_over_loopback() {
    let server = test_server();
    run(endpoint_input(), |input| check_endpoint(&server, input));
}

#[test]
#[ignore = "soak"]
fn soak_endpoint_over_loopback() {
    let server = test_server();
    soak("interaction endpoint (loopback)", endpoint_input(), |input| check_endpoint(&server, input));
}
