//! The regular expressions that find date phrases, and the small word tables that turn
//! what they capture into numbers. Every pattern is compiled once per process. In these
//! patterns `\b` is rewritten to an ASCII word boundary, which keeps the regex crate on
//! its fast automaton for German text (umlauts never start or end a word they match).

use std::sync::LazyLock;

use chrono::Weekday;
use regex::{Regex, RegexSet};

use crate::text::months;

/// Month names in either language (`text::months`), capitalised as news text writes
/// them; abbreviations need their dot.
static MONTH: LazyLock<String> = LazyLock::new(|| {
    format!(r"(?:(?:{})\b|(?:{})\.)", months::alternation(|f| !f.abbreviation), months::alternation(|f| f.abbreviation))
});

/// English month names, for "April 9" (German never puts the day after the month). An
/// English abbreviation may also go without its dot, as wire copy writes it ("Sept 20",
/// "Jan 27", "Dec 16"); the caller keeps a three-letter one without its dot to English
/// text ("Jan" is a German first name).
static MONTH_EN: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:{})\b|(?:{})\.|(?:{})\b)",
        months::alternation(|f| f.in_english() && !f.abbreviation),
        months::alternation(|f| f.in_english() && f.abbreviation),
        months::alternation(|f| f.in_english() && f.abbreviation),
    )
});

/// A year told from the publication date after a month or day: "March last year", "in
/// March of this year", "im März vergangenen Jahres", "im März des Vorjahres". ("The
/// following year" counts from the story's last date, not from the publication date.)
const REL_YEAR: &str = r"(?i:(?:of\s+)?(?:last|this|next)\s+year|(?:des\s+)?(?:vergangenen|letzten|vorigen|dieses|nächsten|kommenden|laufenden)\s+Jahres|des\s+Vorjahres)";

/// "Anfang", "Mitte", "Ende", "early", "mid-", "late", "the end of" before a month or year.
const PART: &str = r"(?i:Anfang|Mitte|Ende|early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)";

fn compile(pattern: &str) -> Regex {
    let ascii = pattern.replace(r"\b", r"(?-u:\b)");
    // The patterns are constants of this file; a failure here is a programming error that
    // the unit tests catch, never something input can cause.
    Regex::new(&ascii).unwrap_or_else(|e| panic!("date pattern does not compile: {e}"))
}

/// "2024-09-29", "16.07.2024", "30.1.2017", "03.12.24", "16.07." (the last needs a cue).
pub(super) static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"\b(?:(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})|(?P<d>[0-9]{1,2})\.[ \x{a0}]?(?P<m>[0-9]{1,2})\.(?:[ \x{a0}]?(?P<y>[0-9]{4}|[0-9]{2}))?)",
    )
});

/// "20. Juli 2024", "3. März", "9 April 2024", "the 9th of April".
pub(super) static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH.as_str();
    compile(&format!(
        r"\b(?P<d>[0-9]{{1,2}})(?:\.|st\b|nd\b|rd\b|th\b)?\s{{0,3}}(?:of\s+)?(?P<m>{month})(?:,?\s{{1,3}}(?P<y>[0-9]{{4}})\b|\s{{1,3}}(?P<ry>{REL_YEAR})\b)?"
    ))
});

/// "April 9, 2024", "Aug. 31", "Sept. 20".
pub(super) static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH_EN.as_str();
    compile(&format!(
        r"\b(?P<m>{month})\s{{1,3}}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s{{1,3}}(?P<y>[0-9]{{4}})\b|\s{{1,3}}(?P<ry>{REL_YEAR})\b)?"
    ))
});

/// "Februar 2022", "Mitte September", "late August", "mid-September", "Juni" (the bare
/// month needs a preposition before it, checked by the caller).
pub(super) static MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    let month = MONTH.as_str();
    compile(&format!(
        r"(?:\b(?P<q>{PART})(?:-|\s{{1,3}}))?\b(?P<m>{month})(?:\s{{1,3}}(?:of\s+)?(?P<y>[0-9]{{4}})\b|\s{{1,3}}(?P<ry>{REL_YEAR})\b)?"
    ))
});

/// A four-digit number, perhaps with "Ende", "early", "mid-" before it; whether it is a
/// year is decided from the words around it.
pub(super) static YEAR: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"(?:\b(?P<q>{PART})(?:-|\s{{1,3}}))?\b(?P<y>[0-9]{{4}})\b")));

/// "Q3 2024", "3. Quartal", "im dritten Quartal", "third quarter of 2024", "last quarter".
pub(super) static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:Q(?P<qn>[1-4])|(?P<qd>[1-4])\.\s?Quartal|(?P<qw>ersten|zweiten|dritten|vierten|first|second|third|fourth|letzten|vergangenen|last|previous|kommenden|nächsten|next|laufenden|current|this|diesem)\s+(?:Quartals|Quartal|quarter))\b(?:\s{1,3}(?:of\s+|des\s+Jahres\s+)?(?P<y>[0-9]{4})\b)?",
    )
});

/// "heute", "gestern", "today", "yesterday", "übermorgen".
pub(super) static DEICTIC: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?P<w>vorgestern|gestern|heute|morgen|today|yesterday|tomorrow|tonight)\b|(?P<u>übermorgen)\b")
});

/// "letzte Woche", "im vergangenen Monat", "Ende des Jahres", "earlier this year",
/// "Mitte der Woche", "im Vorjahr", "Jahresende".
pub(super) static RELATIVE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?P<q>Anfang|Mitte|Ende|(?:the\s+)?(?:end|beginning|start|middle)\s+of|earlier|later|early|late)\s+)?(?P<mod>letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?|kommende[nmrs]?|nächste[nmrs]?|diese[nmrs]?|laufende[nmrs]?|des|der|last|past|next|coming|this|the|previous|current)\s+(?P<unit>Woche|Monats|Monat|Jahres|Jahr|week|month|year)\b|\b(?P<c>Vorwoche|Vormonat|Vorjahres|Vorjahr|Jahresende|Jahresanfang|Jahresbeginn|Jahresmitte|Monatsende|Monatsanfang|year-end)\b",
    )
});

/// "vor rund einer Woche", "binnen drei Monaten", "innerhalb von 90 Tagen", "in 45 days",
/// "two weeks ago", "knapp einen Monat, nachdem", "for 180 days", "für die Dauer von sechs
/// Monaten"; the caller requires a preposition, "ago" or "nachdem/after".
pub(super) static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:\b(?P<pre>vor|binnen|innerhalb\s+von|innerhalb|in|within|seit|for\s+a\s+(?:period|term)\s+of|for\s+the\s+(?:next|coming)|for|für\s+(?:die\s+Dauer|einen\s+Zeitraum)\s+von|für\s+die\s+(?:nächsten|kommenden)|für)\s+)?(?:(?P<h>rund|etwa|ca\.|circa|knapp|gut|fast|über|mehr\s+als|weniger\s+als|nur|bis\s+zu|about|around|nearly|almost|roughly|some|more\s+than|less\s+than|just|only|approximately|over|up\s+to)\s+)?\b(?P<n>[0-9]{1,4}|ein(?:e[mnrs]?)?|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|sechzig|neunzig|wenigen|einigen|ein\s+paar|a\s+few|a\s+couple\s+of|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|few|several)\s+(?P<u>Tagen|Tage|Tages|Tag|Wochen|Woche|Monaten|Monate|Monats|Monat|Jahren|Jahre|Jahres|Jahr|days|day|weeks|week|months|month|years|year)\b(?P<post>\s+ago\b|,?\s+(?:nachdem|after)\b|\s+to\s+(?:sell|divest|comply|leave|find|complete|exit|wind|stop|cease|remove)\b|\s+Zeit\b)?",
    )
});

/// "am Sonntag", "ab kommenden Sonntag", "am gestrigen Donnerstag", "next Sunday", "on Friday",
/// "am Wochenende".
pub(super) static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?P<mod>kommende[nmrs]?|nächste[nmrs]?|vergangene[nmrs]?|letzte[nmrs]?|diese[nmrs]?|vorige[nmrs]?|gestrigen|heutigen|this\s+coming|next|last|this|coming|past|previous)\s+)?(?P<wd>Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Wochenende|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend)(?:abend|morgen|nachmittag|vormittag|mittag|nacht)?\b",
    )
});

/// "effective immediately", "mit sofortiger Wirkung", "ab sofort".
pub(super) static IMMEDIATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:effective\s+immediately|immediately\s+effective|with\s+immediate\s+effect|mit\s+sofortiger\s+Wirkung|ab\s+sofort|sofort\s+wirksam)\b",
    )
});

/// "that month", "the same day", "later that year", "im selben Monat", "am gleichen Tag",
/// "in derselben Woche": the date told last, at the precision of the unit.
pub(super) static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:(?P<q>earlier|later)\s+)?(?:that|the\s+same|that\s+same)\s+(?P<u>day|week|month|year)\b|\b(?:(?P<q2>später|früher)\s+(?:im|am|in\s+der|in)\s+)?(?:selben|gleichen|demselben|derselben|desselben)\s+(?P<u2>Tages|Tag|Woche|Monats|Monat|Jahres|Jahr)\b",
    )
});

/// What follows "the same month" when it compares with the year before, not with the
/// date told last: "last year", "a year earlier", "des Vorjahres", "2023".
pub(super) static YEAR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^,?\s*(?:(?:of\s+|in\s+)?(?:last|the\s+previous|the\s+prior)\s+year|a\s+year\s+(?:earlier|ago|before)|des\s+Vorjahres|im\s+Vorjahr|(?:des\s+)?(?:vergangenen|letzten|vorigen)\s+Jahres|(?:of\s+|des\s+Jahres\s+)?[0-9]{4}\b)",
    )
});

/// The patterns, in the order of the `SET` indices below.
fn all() -> [&'static Regex; 12] {
    [
        &NUMERIC,
        &DAY_MONTH,
        &MONTH_DAY,
        &MONTH_ONLY,
        &YEAR,
        &QUARTER,
        &DEICTIC,
        &RELATIVE_UNIT,
        &DURATION,
        &WEEKDAY,
        &IMMEDIATE,
        &ANAPHOR,
    ]
}

pub(super) const I_NUMERIC: usize = 0;
pub(super) const I_DAY_MONTH: usize = 1;
pub(super) const I_MONTH_DAY: usize = 2;
pub(super) const I_MONTH_ONLY: usize = 3;
pub(super) const I_YEAR: usize = 4;
pub(super) const I_QUARTER: usize = 5;
pub(super) const I_DEICTIC: usize = 6;
pub(super) const I_RELATIVE_UNIT: usize = 7;
pub(super) const I_DURATION: usize = 8;
pub(super) const I_WEEKDAY: usize = 9;
pub(super) const I_IMMEDIATE: usize = 10;
pub(super) const I_ANAPHOR: usize = 11;

/// Compiles the date patterns' set now (see [`crate::extract::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&SET);
}

/// All patterns at once: one pass over a sentence says which of them match anywhere, so
/// a sentence without a date costs one scan and only the patterns that match run again
/// to capture their groups.
pub(super) static SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(all().iter().map(|r| r.as_str())).unwrap_or_else(|e| panic!("date pattern set does not compile: {e}"))
});

/// The weekday a German or English weekday name (or compound such as "Sonntagabend") names.
pub(super) fn weekday(name: &str) -> Option<Weekday> {
    let starts = |p: &str| name.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    let table: [(&str, Weekday); 15] = [
        ("montag", Weekday::Mon),
        ("monday", Weekday::Mon),
        ("dienstag", Weekday::Tue),
        ("tuesday", Weekday::Tue),
        ("mittwoch", Weekday::Wed),
        ("wednesday", Weekday::Wed),
        ("donnerstag", Weekday::Thu),
        ("thursday", Weekday::Thu),
        ("freitag", Weekday::Fri),
        ("friday", Weekday::Fri),
        ("samstag", Weekday::Sat),
        ("sonnabend", Weekday::Sat),
        ("saturday", Weekday::Sat),
        ("sonntag", Weekday::Sun),
        ("sunday", Weekday::Sun),
    ];
    table.iter().find(|(p, _)| starts(p)).map(|&(_, w)| w)
}

/// The value of a count in a duration, and whether the text leaves it vague ("wenigen",
/// "a few"). Digits or a German/English number word.
pub(super) fn count_value(word: &str) -> Option<(u32, bool)> {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok().map(|n| (n, false));
    }
    let lower = word.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let exact: u32 = match first {
        "ein" | "eine" | "einem" | "einen" | "einer" | "eines" | "an" | "one" => 1,
        "a" if lower.split_whitespace().nth(1).is_none() => 1,
        "zwei" | "two" => 2,
        "drei" | "three" => 3,
        "vier" | "four" => 4,
        "fünf" | "five" => 5,
        "sechs" | "six" => 6,
        "sieben" | "seven" => 7,
        "acht" | "eight" => 8,
        "neun" | "nine" => 9,
        "zehn" | "ten" => 10,
        "elf" | "eleven" => 11,
        "zwölf" | "twelve" => 12,
        "fünfzehn" | "fifteen" => 15,
        "zwanzig" | "twenty" => 20,
        "dreißig" | "thirty" => 30,
        "sechzig" | "sixty" => 60,
        "neunzig" | "ninety" => 90,
        _ => 0,
    };
    if exact > 0 {
        // "ein paar" and "a few" start like "ein"/"a" but are vague.
        if lower.contains("paar") {
            return Some((3, true));
        }
        return Some((exact, false));
    }
    if lower.contains("couple") {
        return Some((2, true));
    }
    match first {
        "wenigen" | "einigen" | "a" | "few" | "several" => Some((3, true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_the_set_indices_match() {
        assert_eq!(SET.len(), all().len());
        let probes = [
            (I_NUMERIC, "16.07.2024"),
            (I_DAY_MONTH, "20. Juli"),
            (I_MONTH_DAY, "Nov. 12"),
            (I_MONTH_ONLY, "Mitte September"),
            (I_YEAR, "2017"),
            (I_QUARTER, "Q3"),
            (I_DEICTIC, "gestern"),
            (I_RELATIVE_UNIT, "letzte Woche"),
            (I_DURATION, "binnen drei Monaten"),
            (I_WEEKDAY, "am Sonntag"),
            (I_IMMEDIATE, "ab sofort"),
            (I_ANAPHOR, "that month"),
        ];
        for (index, text) in probes {
            assert!(all()[index].is_match(text), "{text}");
            assert!(SET.matches(text).matched(index), "{text}");
        }
        assert!(!SET.is_match("Die Firma hat keine Angaben gemacht."));
    }

    #[test]
    fn counts_read_words_and_digits() {
        assert_eq!(count_value("drei"), Some((3, false)));
        assert_eq!(count_value("90"), Some((90, false)));
        assert_eq!(count_value("einer"), Some((1, false)));
        assert_eq!(count_value("a"), Some((1, false)));
        assert_eq!(count_value("a few"), Some((3, true)));
        assert_eq!(count_value("ein paar"), Some((3, true)));
        assert_eq!(count_value("wenigen"), Some((3, true)));
        assert_eq!(count_value("99999999999"), None);
    }
}
