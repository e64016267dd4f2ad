//! The table of date phrases in `tests/data/dates.tsv`, spans, and a property test that
//! extraction never panics and returns valid spans for any text and publication date.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{extract, extract_after, DateContext};
use crate::model::{DateMention, DateRole, Lang, PartialDate};

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dates.tsv"));

fn role_name(role: DateRole) -> &'static str {
    match role {
        DateRole::Announced => "announced",
        DateRole::Effective => "effective",
        DateRole::Deadline => "deadline",
        DateRole::Expires => "expires",
        DateRole::Reported => "reported",
    }
}

/// "2024-06~ announced" for a mention, as the table writes it.
fn describe(m: &DateMention) -> String {
    format!("{}{} {}", m.date, if m.approximate { "~" } else { "" }, role_name(m.role))
}

struct Row<'a> {
    line: usize,
    ctx: DateContext,
    expected: Vec<String>,
    sentence: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    let mut out = Vec::new();
    for (i, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "dates.tsv line {}: expected 4 tab-separated columns", i + 1);
        let lang = Lang::parse(cols[0]).unwrap_or_else(|| panic!("dates.tsv line {}: bad language", i + 1));
        let published = match cols[1] {
            "-" => None,
            d => Some(
                NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .unwrap_or_else(|e| panic!("dates.tsv line {}: bad date {d}: {e}", i + 1)),
            ),
        };
        let expected = match cols[2].trim() {
            "-" => Vec::new(),
            items => items.split(';').map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).collect(),
        };
        for item in &expected {
            let date = item.split(' ').next().unwrap_or("").trim_end_matches('~');
            assert!(PartialDate::parse(date).is_some(), "dates.tsv line {}: bad expected date {item}", i + 1);
        }
        out.push(Row { line: i + 1, ctx: DateContext { published, lang }, expected, sentence: cols[3] });
    }
    out
}

#[test]
fn table_of_phrases() {
    let rows = rows();
    let mut failures = Vec::new();
    for row in &rows {
        let found: Vec<String> = extract(row.sentence, &row.ctx).iter().map(describe).collect();
        if found != row.expected {
            failures.push(format!(
                "line {}: expected [{}], found [{}]\n    {}",
                row.line,
                row.expected.join("; "),
                found.join("; "),
                row.sentence
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} rows failed:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

#[test]
fn table_is_large_enough() {
    let rows = rows();
    let german = rows.iter().filter(|r| r.ctx.lang == Lang::De).count();
    let english = rows.iter().filter(|r| r.ctx.lang == Lang::En).count();
    let negative = rows.iter().filter(|r| r.expected.is_empty()).count();
    assert!(rows.len() >= 60 && german >= 40 && english >= 15 && negative >= 10, "{german} de, {english} en");
}

fn ctx(published: &str) -> DateContext {
    DateContext { published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(), lang: Lang::De }
}

#[test]
fn spans_cover_the_phrase_and_its_preposition() {
    let cases = [
        ("Kaspersky wird ab dem 20. Juli Mitarbeiter kündigen.", "ab dem 20. Juli"),
        ("eine erweiterte Frist bis zum 12. November eingeräumt", "bis zum 12. November"),
        ("Trump hatte bereits vor rund einer Woche per Dekret", "vor rund einer Woche"),
        ("Der Schritt erfolgt knapp einen Monat, nachdem die Regierung", "knapp einen Monat, nachdem"),
        ("Im Jahr 2017 hatte das Ministerium", "Im Jahr 2017"),
        ("ein Verbot der Plattform ab Mitte September abzielt", "ab Mitte September"),
        ("Ab kommenden Sonntag werden", "Ab kommenden Sonntag"),
        ("den das Trump am Wochenende unterzeichnete", "am Wochenende"),
    ];
    for (sentence, phrase) in cases {
        let found = extract(sentence, &ctx("2020-09-18"));
        let spans: Vec<&str> = found.iter().map(|m| &sentence[m.span.clone()]).collect();
        assert_eq!(spans, vec![phrase], "in {sentence:?}");
    }
}

#[test]
fn non_breaking_spaces_and_both_languages() {
    let sentence = "Ab dem 20.\u{a0}September gilt das Verbot; the ban expires on Nov. 12.";
    let found = extract(sentence, &ctx("2020-09-18"));
    let described: Vec<String> = found.iter().map(describe).collect();
    assert_eq!(described, vec!["2020-09-20 effective", "2020-11-12 expires"]);
}

#[test]
fn that_month_takes_the_last_date_of_the_sentence_before() {
    let en = DateContext { published: NaiveDate::from_ymd_opt(2025, 2, 4), lang: Lang::En };
    let previous = "The measures follow Beijing's decision in December to ban exports of gallium.";
    let sentence = "Regulators also opened an antitrust probe into the chipmaker that month.";
    let described = |found: Vec<DateMention>| found.iter().map(describe).collect::<Vec<_>>();
    assert_eq!(described(extract_after(sentence, &en, Some(previous))), vec!["2024-12 announced"]);
    // Without the sentence before, or when it holds no date, there is nothing to refer to.
    assert!(extract(sentence, &en).is_empty());
    assert!(extract_after(sentence, &en, Some("Beijing has used the list sparingly.")).is_empty());
    // A date of its own sentence comes first.
    let own = "The agency added two firms on Jan. 14 and opened a probe that month.";
    assert_eq!(described(extract_after(own, &en, Some(previous))), vec!["2025-01-14 announced", "2025-01 announced"]);
    let de = DateContext { published: NaiveDate::from_ymd_opt(2025, 2, 4), lang: Lang::De };
    let previous = "Am 12. Dezember hatte Peking die Ausfuhr von Gallium verboten.";
    let sentence = "Am selben Tag leitete die Behörde eine Untersuchung ein.";
    assert_eq!(described(extract_after(sentence, &de, Some(previous))), vec!["2024-12-12 announced"]);
}

#[test]
fn edge_publication_dates_do_not_panic() {
    let sentence = "Ab dem 29. Februar, vor drei Jahren, am Sonntag, in 9999 Tagen, Ende des Jahres, Q4, \
                    binnen 9999 Jahren, last week, next Sunday, am Wochenende, heute, übermorgen, 31.12.99";
    for published in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or(NaiveDate::MIN)] {
        for lang in [Lang::De, Lang::En] {
            let found = extract(sentence, &DateContext { published: Some(published), lang });
            for m in found {
                assert!(sentence.get(m.span.clone()).is_some());
            }
        }
    }
}

fn any_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        Just(Some(NaiveDate::MIN)),
        Just(Some(NaiveDate::MAX)),
        (1i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d.min(28))),
    ]
}

/// Text made of date-like pieces, so the property test reaches the resolution code.
fn datey_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "ab dem ",
        "bis zum ",
        "20. Juli",
        "29. Februar",
        "31. April",
        " 2017 ",
        "im Jahr ",
        "vor rund einer Woche",
        "knapp einen Monat, nachdem",
        "am Sonntag",
        "kommenden ",
        "Mitte ",
        "September",
        "Q3 ",
        "in 45 days",
        "by Nov. 12",
        "last week",
        "Ende des Jahres",
        "16.07.2024",
        "03.12.24",
        "2024-02-30",
        "\u{a0}",
        "ü",
        ", ",
        "Stand: ",
        "heute",
        "9999",
        "0000",
        "99. Dezember",
        "for 180 days",
        "für sechs Monate",
        "that month",
        "im selben Jahr",
        "effective immediately",
        "March last year",
        "im März des Vorjahres",
        "last March",
        "Jan 27",
        "aus China, der Türkei und ",
        "(TDO) ",
        "hatte ",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(text in ".{0,200}", published in any_date(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::De };
        for m in extract(&text, &DateContext { published, lang }) {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
    }

    #[test]
    fn date_like_text_yields_valid_dates(text in datey_text(), published in any_date(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::De };
        let mut last_end = 0;
        for m in extract(&text, &DateContext { published, lang }) {
            prop_assert!(m.span.start < m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.span.start >= last_end, "mentions overlap or are out of order");
            last_end = m.span.end;
            prop_assert!(m.date.first_day().is_some() || m.date.year.abs() > 9999);
        }
    }
}
