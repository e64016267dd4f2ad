//! The hot paths of indexing and answering, timed with criterion: the German analyzer
//! over a paragraph, date and measure cues of one sentence, the whole extraction of a
//! seed article, a `/status tiktok` answer over an index of the seed corpus, and the
//! rendering of that answer. Sample counts are small so `cargo bench --bench hot_paths`
//! finishes in a couple of minutes on two cores.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

use tradewatch::answer::Engine;
use tradewatch::command::Command;
use tradewatch::config::Paths;
use tradewatch::extract::dates::{self, DateContext};
use tradewatch::model::Lang;

/// A German news paragraph written for this benchmark: compounds, dates, an authority
/// and a measure, the mix the analyzer and the extractors meet in the corpus.
const PARAGRAPH: &str = "Das US-Handelsministerium hat am 15. Mai 2019 weitere Technologiekonzerne auf seine \
schwarze Liste gesetzt. Amerikanische Zulieferer brauchen seitdem eine Ausfuhrgenehmigung, bevor sie Chips \
oder Software an die betroffenen Unternehmen liefern dürfen. Die Regierung in Peking kündigte binnen drei \
Monaten Gegenmaßnahmen an; das Verkaufsverbot für Netzwerkausrüstung soll ab dem 1. Juli gelten.";

const SENTENCE: &str =
    "Das Verbot tritt ab dem 20. September in Kraft, wie das Handelsministerium am Freitag mitteilte.";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

fn analyzer(c: &mut Criterion) {
    let mut de = tradewatch::index::analyzer(Lang::De);
    c.bench_function("analyzer/de_paragraph", |b| {
        b.iter(|| tradewatch::index::analyze(&mut de, black_box(PARAGRAPH)).len())
    });
}

fn extraction(c: &mut Criterion) {
    let ctx = DateContext { published: NaiveDate::from_ymd_opt(2020, 9, 18), lang: Lang::De };
    c.bench_function("dates/extract_sentence", |b| b.iter(|| dates::extract(black_box(SENTENCE), &ctx).len()));
    let lower = SENTENCE.to_lowercase();
    c.bench_function("measures/read_sentence", |b| {
        b.iter(|| tradewatch::extract::measures::read(black_box(&lower)).cues.len())
    });

    let file = "003_57ced97980afe647.md";
    let bytes = std::fs::read(corpus_dir().join(file)).expect("a seed article in corpus/");
    let article = tradewatch::corpus::parse_article(file, &bytes).expect("the seed article parses");
    c.bench_function("extract/whole_seed_article", |b| {
        b.iter(|| tradewatch::extract::extract_article(black_box(&article)).mentions.len())
    });
}

fn answering(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = Paths { corpus: corpus_dir(), index: dir.path().join("index") };
    tradewatch::index::update(&paths, false).expect("index of the seed corpus");
    let engine = Engine::open(&paths.index).expect("engine");
    let status = Command::Status { entity: "tiktok".to_string(), as_of: None };
    let day = NaiveDate::from_ymd_opt(2024, 1, 1);
    c.bench_function("answer/status_tiktok", |b| b.iter(|| engine.answer(black_box(&status), Lang::De, day)));
    let search = Command::Search { query: "Verkaufsverbot Sicherheitsbedenken".to_string() };
    c.bench_function("answer/search_two_words", |b| b.iter(|| engine.answer(black_box(&search), Lang::De, day)));
    // Two words the corpus lacks, so both are widened to their near spellings (one at
    // distance two): the typo walk of `src/index/typo.rs`.
    let typo = Command::Search { query: "Handelsminsterium Sanktoinen".to_string() };
    c.bench_function("answer/search_typos", |b| b.iter(|| engine.answer(black_box(&typo), Lang::De, day)));

    let answer = engine.answer(&status, Lang::De, day);
    c.bench_function("render/json_status", |b| b.iter(|| tradewatch::render::json::to_string(black_box(&answer))));
    c.bench_function("render/bot_status", |b| b.iter(|| tradewatch::bench::render(black_box(&answer))));
}

criterion_group! {
    name = hot_paths;
    config = config();
    targets = analyzer, extraction, answering
}
criterion_main!(hot_paths);
