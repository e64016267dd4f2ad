//! Guesses what an article does not state: its publication date, from a dateline near the
//! top ("Stand: 16.07.2024 15:11 Uhr", "17.08.2020 - ...", "16. Juli 2024"), and its
//! language, from how often German and English function words occur.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Block;
use crate::model::Lang;

/// How many blocks from the top may hold the dateline.
const DATELINE_BLOCKS: usize = 8;

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(stand|aktualisiert|veröffentlicht|zuletzt aktualisiert|erstellt|datum|published|updated|posted|date)(\s+am|\s+on)?\s*:?\s*").expect("valid built-in regex")
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?-u:\b)").expect("valid built-in regex")
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})").expect("valid built-in regex"));
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})\.?\s+(\p{L}+)\.?\s+(\d{4})(?-u:\b)").expect("valid built-in regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})(?-u:\b)").expect("valid built-in regex"));

/// The first full calendar date written in `s`, in any of the usual forms (a month's
/// abbreviation with or without its dot: "Sept. 3, 2024", "3. Sept. 2024").
pub(crate) fn find_date(s: &str) -> Option<(usize, NaiveDate)> {
    let num = |m: &regex::Captures, i: usize| m.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
    let mut found: Vec<(usize, NaiveDate)> = Vec::new();
    for c in NUMERIC.captures_iter(s) {
        let (Some(d), Some(m), Some(y)) = (num(&c, 1), num(&c, 2), num(&c, 3)) else { continue };
        let y = if y < 100 { 2000 + y } else { y };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            found.push((c.get(0).map_or(0, |g| g.start()), date));
        }
    }
    for c in ISO.captures_iter(s) {
        let (Some(y), Some(m), Some(d)) = (num(&c, 1), num(&c, 2), num(&c, 3)) else { continue };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            found.push((c.get(0).map_or(0, |g| g.start()), date));
        }
    }
    for c in DAY_MONTH_YEAR.captures_iter(s) {
        let (Some(d), Some(m), Some(y)) =
            (num(&c, 1), c.get(2).and_then(|g| crate::text::months::number(g.as_str())), num(&c, 3))
        else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            found.push((c.get(0).map_or(0, |g| g.start()), date));
        }
    }
    for c in MONTH_DAY_YEAR.captures_iter(s) {
        let (Some(m), Some(d), Some(y)) =
            (c.get(1).and_then(|g| crate::text::months::number(g.as_str())), num(&c, 2), num(&c, 3))
        else {
            continue;
        };
        if let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) {
            found.push((c.get(0).map_or(0, |g| g.start()), date));
        }
    }
    found.into_iter().min_by_key(|&(at, _)| at)
}

/// The publication date a dateline near the top of the article gives, if any. A labelled
/// stamp ("Stand:", "Published:") wins over a date that opens a line (after a weekday,
/// if one comes first), which wins over a date in a short line. Image captions
/// ("(Aufnahme vom 30.1.2017)") are not datelines.
pub(crate) fn dateline(text: &str, blocks: &[Block]) -> Option<NaiveDate> {
    let top: Vec<&str> = blocks
        .iter()
        .take(DATELINE_BLOCKS)
        .map(|b| text[b.range.clone()].trim())
        .filter(|t| super::boilerplate::line_feature(t) != Some(super::boilerplate::Feature::Caption))
        .collect();
    let labelled = top.iter().find_map(|t| {
        let m = LABELLED.find(t)?;
        find_date(&t[m.end()..]).filter(|&(at, _)| at == 0).map(|(_, d)| d)
    });
    let opening = || {
        top.iter().find_map(|t| find_date(without_place(without_weekday(t))).filter(|&(at, _)| at == 0).map(|(_, d)| d))
    };
    let short = || top.iter().filter(|t| t.split_whitespace().count() <= 8).find_map(|t| find_date(t).map(|(_, d)| d));
    labelled.or_else(opening).or_else(short)
}

/// The line without the weekday that may open a dateline: "Monday 16 March 2026, 6.12pm",
/// "Montag, 16. März 2026".
fn without_weekday(line: &str) -> &str {
    match line.split_once(char::is_whitespace) {
        Some((first, rest)) if crate::extract::dates::is_weekday_name(first.trim_end_matches(',')) => rest.trim_start(),
        _ => line,
    }
}

/// The line without the place that may open a wire dateline: "OTTAWA, Feb. 12, 2026
/// (Northline Press) - ...", "Frankfurt am Main, 3. März 2026". The place is one to
/// three capitalised words without digits before the first comma.
fn without_place(line: &str) -> &str {
    let Some((place, rest)) = line.split_once(',') else { return line };
    let words: Vec<&str> = place.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let small = |w: &&str| matches!(*w, "am" | "an" | "der" | "im" | "upon" | "on");
    let is_place = (1..=4).contains(&words.len())
        && words.first().is_some_and(capitalised)
        && words.iter().all(|w| capitalised(w) || small(w))
        && !place.chars().any(|c| c.is_ascii_digit());
    if is_place {
        rest.trim_start()
    } else {
        line
    }
}

const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "nicht", "ist", "ein", "eine", "mit", "von", "den", "dem", "zu", "auf", "für", "sich",
    "auch", "im", "des", "wird", "werden", "hat", "dass", "sind", "nach", "bei", "aus", "wie", "oder", "noch",
];
const ENGLISH: &[&str] = &[
    "the", "and", "of", "is", "to", "that", "it", "for", "with", "was", "on", "are", "be", "by", "this", "as", "has",
    "have", "not", "from", "will", "its", "which", "would", "their", "were", "been", "or", "but", "at",
];

/// German or English, by counting function words; German when the text gives no clue.
pub(crate) fn language(texts: &[&str]) -> Lang {
    let (mut de, mut en) = (0usize, 0usize);
    for t in texts {
        for w in t.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            let w = w.to_lowercase();
            if GERMAN.contains(&w.as_str()) {
                de += 1;
            }
            if ENGLISH.contains(&w.as_str()) {
                en += 1;
            }
        }
    }
    if en > de {
        Lang::En
    } else {
        Lang::De
    }
}
