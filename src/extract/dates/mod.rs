//! Dates in German and English news text, resolved against the publication date.
//!
//! `extract` finds every date phrase in a sentence ("ab dem 20. Juli", "im Februar 2022",
//! "vor rund einer Woche", "by Nov. 12", "last month"), gives it the precision the text
//! gives (day, month or year), resolves what is relative against the article's
//! publication date, and reads its role (announced, effective, deadline, expires,
//! reported) from the words around it. The rules are written down in `docs/dates.md`.
//! Pure and allocation-light: it runs on every sentence of the corpus.

mod context;
mod patterns;
mod resolve;
#[cfg(test)]
mod tests;

use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::{Captures, Regex, SetMatches};

use crate::model::{DateMention, DateRole, Lang, PartialDate};

use self::context::{Cue, LeftCue, YearReading};
pub(crate) use self::patterns::warm_up;
use self::resolve::Unit;
pub use self::resolve::{resolve_month, resolve_month_day, Direction};

/// What a sentence's dates are resolved against.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub published: Option<NaiveDate>,
    pub lang: Lang,
}

/// Where in a month, year or week the text puts the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// "Anfang", "early", "the beginning of".
    Early,
    /// "Mitte", "mid-".
    Mid,
    /// "Ende", "late", "the end of".
    Late,
    /// "earlier this year", "later this year".
    Vague,
}

/// "next", "last" or "this" before a weekday, weekend or quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Next,
    Last,
    This,
}

/// How a duration relates to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShiftKind {
    /// "vor drei Monaten", "two weeks ago".
    Ago,
    /// "binnen drei Monaten", "within 90 days".
    Within,
    /// "in 45 days", "in zwei Wochen".
    In,
    /// "seit drei Jahren".
    Since,
    /// "knapp einen Monat, nachdem ...": the earlier event lies that far back.
    Before,
    /// "for 180 days", "für die Dauer von sechs Monaten": how long a measure lasts.
    For,
}

/// A date phrase as the patterns read it, before resolution.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Day {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    Month {
        year: Option<i32>,
        month: u32,
        part: Option<Part>,
    },
    Year {
        year: i32,
        part: Option<Part>,
    },
    Quarter {
        year: Option<i32>,
        quarter: Option<u32>,
        rel: Rel,
    },
    DaysFromPublished(i64),
    Weekday {
        weekday: Weekday,
        rel: Option<Rel>,
    },
    Weekend {
        rel: Option<Rel>,
    },
    Relative {
        unit: Unit,
        offset: i32,
        part: Option<Part>,
    },
    Shift {
        amount: u32,
        unit: Unit,
        kind: ShiftKind,
        vague: bool,
    },
    Immediately,
    /// "that month", "im selben Jahr": the date told last, at the unit's precision.
    Anaphor {
        unit: Unit,
        part: Option<Part>,
    },
}

impl Kind {
    /// Phrases whose date is told from another date of the sentence (or of the sentence
    /// before): they are resolved after the phrases that stand on their own.
    fn is_anchored(self) -> bool {
        matches!(
            self,
            Kind::Immediately
                | Kind::Anaphor { .. }
                | Kind::Shift { kind: ShiftKind::Within | ShiftKind::In | ShiftKind::For, .. }
        )
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    span: Range<usize>,
    kind: Kind,
    /// A bare month ("Juni"), a German weekday or a year-less "16.07." is a date only
    /// after a preposition ("im Juni", "am Sonntag").
    needs_cue: bool,
}

/// Every date phrase in `sentence`, resolved and given a role, in text order. Phrases
/// that need the publication date (no year written, "gestern", "vor drei Monaten") are
/// skipped when `ctx.published` is `None`; impossible dates ("31. April") are skipped.
pub fn extract(sentence: &str, ctx: &DateContext) -> Vec<DateMention> {
    extract_after(sentence, ctx, None)
}

/// As [`extract`], for a sentence that follows `previous` in its paragraph: "that month",
/// "im selben Jahr" with no date before them in their own sentence take the last date of
/// `previous` (read only when the sentence holds such a phrase).
pub fn extract_after(sentence: &str, ctx: &DateContext, previous: Option<&str>) -> Vec<DateMention> {
    let hits = patterns::SET.matches(sentence);
    if !hits.matched_any() {
        return Vec::new();
    }
    let candidates = select(collect(sentence, ctx, &hits));
    let mut readings = Vec::with_capacity(candidates.len());
    let mut floor = 0;
    for candidate in &candidates {
        if let Some(reading) = read(sentence, candidate, floor) {
            readings.push(reading);
        }
        floor = floor.max(candidate.span.end);
    }
    // The phrases that stand on their own first; then, in text order, those told from
    // another date: "effective immediately" from the day of the act, "binnen 120 Tagen"
    // in a past clause from the act's date, "for 180 days" from the start, "that month"
    // from the date before it.
    let mut resolved: Vec<Option<DateMention>> =
        readings.iter().map(|r| if r.kind.is_anchored() { None } else { resolve_reading(sentence, r, ctx) }).collect();
    for i in 0..readings.len() {
        if readings[i].kind.is_anchored() {
            resolved[i] = resolve_anchored(sentence, &readings, &resolved, i, ctx, previous);
        }
    }
    resolved.into_iter().flatten().collect()
}

/// Keeps the longest of overlapping candidates, then orders by position.
fn select(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    if candidates.len() < 2 {
        return candidates;
    }
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.span.len()), c.span.start));
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if kept.iter().all(|k| c.span.end <= k.span.start || c.span.start >= k.span.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.span.start);
    kept
}

fn num<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

/// True if the character before `start` and after `end` do not glue the digits to a
/// larger number, a decimal, a range or an amount ("1.500.000", "2019/20", "$2017").
fn number_stands_alone(s: &str, start: usize, end: usize) -> bool {
    let before = s.get(..start).and_then(|h| h.chars().next_back());
    let after = s.get(end..).map(|t| {
        let mut it = t.chars();
        (it.next(), it.next())
    });
    let glued_before =
        before.is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '$' | '€' | '£' | '#' | '/' | '§'));
    let glued_after = match after {
        Some((Some(c), _)) if c.is_ascii_digit() || matches!(c, '%' | '€' | '$') => true,
        Some((Some('.' | ',' | ':' | '/' | '-'), Some(d))) => d.is_ascii_digit(),
        _ => false,
    };
    !glued_before && !glued_after
}

fn part_of(text: &str) -> Option<Part> {
    let t = text.trim();
    let t = t.get(..4).filter(|h| h.eq_ignore_ascii_case("the ")).map_or(t, |_| t[4..].trim_start());
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    if starts("earlier") || starts("later") {
        Some(Part::Vague)
    } else if starts("anfang") || starts("early") || starts("beginning") || starts("start") {
        Some(Part::Early)
    } else if starts("mitte") || starts("mid") {
        Some(Part::Mid)
    } else if starts("ende") || starts("end") || starts("late") {
        Some(Part::Late)
    } else {
        None
    }
}

fn rel_of(word: &str) -> Option<Rel> {
    let lower = word.to_lowercase();
    let w = lower.split_whitespace().last().unwrap_or("");
    let stem = |p: &str| w.starts_with(p);
    if stem("kommend") || stem("nächst") || matches!(w, "next" | "coming") {
        Some(Rel::Next)
    } else if stem("vergangen")
        || stem("letzt")
        || stem("vorig")
        || stem("gestrig")
        || matches!(w, "last" | "past" | "previous")
    {
        Some(Rel::Last)
    } else if stem("dies")
        || stem("laufend")
        || stem("heutig")
        || matches!(w, "this" | "current" | "des" | "der" | "the")
    {
        Some(Rel::This)
    } else {
        None
    }
}

fn unit_of(word: &str) -> Option<Unit> {
    let lower = word.to_ascii_lowercase();
    if lower.starts_with("tag") || lower.starts_with("day") {
        Some(Unit::Day)
    } else if lower.starts_with("woche") || lower.starts_with("week") {
        Some(Unit::Week)
    } else if lower.starts_with("monat") || lower.starts_with("month") {
        Some(Unit::Month)
    } else if lower.starts_with("jahr") || lower.starts_with("year") {
        Some(Unit::Year)
    } else {
        None
    }
}

/// Runs every pattern over the sentence and turns the matches into candidates.
fn collect(s: &str, ctx: &DateContext, hits: &SetMatches) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut push = |span: Range<usize>, kind: Kind, needs_cue: bool| out.push(Candidate { span, kind, needs_cue });
    let run = |index: usize, re: &'static Regex| hits.matched(index).then_some(re);

    for caps in run(patterns::I_NUMERIC, &patterns::NUMERIC).into_iter().flat_map(|re| re.captures_iter(s)) {
        let Some(m) = caps.get(0) else { continue };
        if !number_stands_alone(s, m.start(), m.end()) {
            continue;
        }
        if let (Some(year), Some(month), Some(day)) = (num(&caps, "iy"), num(&caps, "im"), num(&caps, "id")) {
            push(m.range(), Kind::Day { year: Some(year), month, day }, false);
            continue;
        }
        let (Some(day), Some(month)) = (num(&caps, "d"), num(&caps, "m")) else { continue };
        let year = caps.name("y").and_then(|y| {
            let value: i32 = y.as_str().parse().ok()?;
            Some(if y.len() == 2 { resolve::expand_two_digit_year(value, ctx.published) } else { value })
        });
        push(m.range(), Kind::Day { year, month, day }, year.is_none());
    }

    let day_patterns = [(patterns::I_DAY_MONTH, &patterns::DAY_MONTH), (patterns::I_MONTH_DAY, &patterns::MONTH_DAY)];
    for re in day_patterns.into_iter().filter_map(|(i, re)| run(i, re)) {
        for caps in re.captures_iter(s) {
            let Some(m) = caps.get(0) else { continue };
            let (Some(day), Some(month)) =
                (num(&caps, "d"), caps.name("m").and_then(|x| crate::text::months::number(x.as_str())))
            else {
                continue;
            };
            if !number_stands_alone(s, m.start(), m.end()) {
                continue;
            }
            // "Jan 27" is a wire date in English text, a first name and a count in German.
            if ctx.lang == Lang::De && caps.name("m").is_some_and(|x| is_bare_short_month(x.as_str())) {
                continue;
            }
            let Some(year) = year_of(&caps, ctx) else { continue };
            push(m.range(), Kind::Day { year, month, day }, false);
        }
    }

    for caps in run(patterns::I_MONTH_ONLY, &patterns::MONTH_ONLY).into_iter().flat_map(|re| re.captures_iter(s)) {
        let Some(m) = caps.get(0) else { continue };
        let Some(month) = caps.name("m").and_then(|x| crate::text::months::number(x.as_str())) else { continue };
        let part = caps.name("q").and_then(|q| part_of(q.as_str()));
        let Some(year) = year_of(&caps, ctx) else { continue };
        push(m.range(), Kind::Month { year, month, part }, year.is_none() && part.is_none());
    }

    for caps in run(patterns::I_YEAR, &patterns::YEAR).into_iter().flat_map(|re| re.captures_iter(s)) {
        let (Some(m), Some(y)) = (caps.get(0), caps.name("y")) else { continue };
        let Ok(year) = y.as_str().parse::<i32>() else { continue };
        let part = caps.name("q").and_then(|q| part_of(q.as_str()));
        if !number_stands_alone(s, y.start(), y.end()) {
            continue;
        }
        if let YearReading::Yes { start } = context::read_year(s, &y.range(), year, part.is_some(), ctx.lang) {
            push(start.min(m.start())..m.end(), Kind::Year { year, part }, false);
        }
    }

    for caps in run(patterns::I_QUARTER, &patterns::QUARTER).into_iter().flat_map(|re| re.captures_iter(s)) {
        let Some(m) = caps.get(0) else { continue };
        let year = num(&caps, "y");
        let (quarter, rel) = match (num::<u32>(&caps, "qn").or_else(|| num(&caps, "qd")), caps.name("qw")) {
            (Some(q), _) => (Some(q), Rel::This),
            (None, Some(w)) => {
                let ordinal = match w.as_str().to_lowercase().as_str() {
                    "ersten" | "first" => Some(1),
                    "zweiten" | "second" => Some(2),
                    "dritten" | "third" => Some(3),
                    "vierten" | "fourth" => Some(4),
                    _ => None,
                };
                match ordinal {
                    Some(q) => (Some(q), Rel::This),
                    None => (None, rel_of(w.as_str()).unwrap_or(Rel::This)),
                }
            }
            _ => continue,
        };
        push(m.range(), Kind::Quarter { year, quarter, rel }, false);
    }

    for caps in run(patterns::I_DEICTIC, &patterns::DEICTIC).into_iter().flat_map(|re| re.captures_iter(s)) {
        let Some(m) = caps.get(0) else { continue };
        let word = m.as_str();
        let offset = match word.to_lowercase().as_str() {
            "heute" | "today" | "tonight" => 0,
            "gestern" | "yesterday" => -1,
            "vorgestern" => -2,
            "morgen" | "tomorrow" => {
                // "Morgen" inside a sentence is the noun "morning".
                if word.starts_with('M') && s[..m.start()].chars().any(|c| !c.is_whitespace()) {
                    continue;
                }
                1
            }
            _ => {
                if s[..m.start()].chars().next_back().is_some_and(char::is_alphabetic) {
                    continue;
                }
                2
            }
        };
        push(m.range(), Kind::DaysFromPublished(offset), false);
    }

    for caps in run(patterns::I_RELATIVE_UNIT, &patterns::RELATIVE_UNIT).into_iter().flat_map(|re| re.captures_iter(s))
    {
        let Some(m) = caps.get(0) else { continue };
        if let Some(c) = caps.name("c") {
            let lower = c.as_str().to_lowercase();
            let (unit, offset, part) = match lower.as_str() {
                "vorwoche" => (Unit::Week, -1, None),
                "vormonat" => (Unit::Month, -1, None),
                "vorjahr" | "vorjahres" => (Unit::Year, -1, None),
                "jahresende" | "year-end" => (Unit::Year, 0, Some(Part::Late)),
                "jahresanfang" | "jahresbeginn" => (Unit::Year, 0, Some(Part::Early)),
                "jahresmitte" => (Unit::Year, 0, Some(Part::Mid)),
                "monatsende" => (Unit::Month, 0, Some(Part::Late)),
                _ => (Unit::Month, 0, Some(Part::Early)),
            };
            push(m.range(), Kind::Relative { unit, offset, part }, false);
            continue;
        }
        let (Some(modifier), Some(unit)) = (caps.name("mod"), caps.name("unit").and_then(|u| unit_of(u.as_str())))
        else {
            continue;
        };
        let part = caps.name("q").and_then(|q| part_of(q.as_str()));
        let article = is_article(modifier.as_str());
        if article && part.is_none() {
            continue;
        }
        let offset = match rel_of(modifier.as_str()) {
            Some(Rel::Next) => 1,
            Some(Rel::Last) => -1,
            Some(Rel::This) => 0,
            None => continue,
        };
        push(m.range(), Kind::Relative { unit, offset, part }, false);
    }

    for caps in run(patterns::I_DURATION, &patterns::DURATION).into_iter().flat_map(|re| re.captures_iter(s)) {
        let (Some(m), Some(n), Some(u)) = (caps.get(0), caps.name("n"), caps.name("u")) else { continue };
        let pre = caps.name("pre").map(|p| p.as_str().to_lowercase());
        let post = caps.name("post").map(|p| p.as_str().trim_start_matches(',').trim().to_lowercase());
        // "years-long", "Drei-Monats-Frist": an adjective, not a span of time.
        if s[m.end()..].starts_with('-') {
            continue;
        }
        let kind = match (pre.as_deref(), post.as_deref()) {
            // "gives ByteDance 270 days to sell", "hat neun Monate Zeit": a deadline.
            (None, Some(p)) if p.starts_with("to ") || p == "zeit" => ShiftKind::Within,
            (Some(p), _) if p.starts_with("for") || p.starts_with("für") => ShiftKind::For,
            (Some("vor"), _) | (None, Some("ago")) => ShiftKind::Ago,
            (Some("seit"), _) => ShiftKind::Since,
            (Some("in"), _) => ShiftKind::In,
            (Some(_), _) => ShiftKind::Within,
            (None, Some(_)) => ShiftKind::Before,
            (None, None) => continue,
        };
        let (Some((amount, vague)), Some(unit)) = (patterns::count_value(n.as_str()), unit_of(u.as_str())) else {
            continue;
        };
        let hedged = caps.name("h").is_some();
        // Only the phrase itself: "vor rund einer Woche", "knapp einen Monat, nachdem".
        let end = if kind == ShiftKind::Ago && post.is_none() { u.end() } else { m.end() };
        push(m.start()..end, Kind::Shift { amount, unit, kind, vague: vague || hedged }, false);
    }

    for caps in run(patterns::I_WEEKDAY, &patterns::WEEKDAY).into_iter().flat_map(|re| re.captures_iter(s)) {
        let (Some(m), Some(wd)) = (caps.get(0), caps.name("wd")) else { continue };
        let rel = caps.name("mod").and_then(|x| rel_of(x.as_str()));
        let name = wd.as_str();
        let english = name.is_ascii() && name.to_ascii_lowercase().ends_with("day");
        if name.eq_ignore_ascii_case("wochenende") || name.eq_ignore_ascii_case("weekend") {
            push(m.range(), Kind::Weekend { rel }, rel.is_none());
        } else if let Some(weekday) = patterns::weekday(name) {
            push(m.range(), Kind::Weekday { weekday, rel }, rel.is_none() && !english);
        }
    }

    for m in run(patterns::I_IMMEDIATE, &patterns::IMMEDIATE).into_iter().flat_map(|re| re.find_iter(s)) {
        push(m.range(), Kind::Immediately, false);
    }

    for caps in run(patterns::I_ANAPHOR, &patterns::ANAPHOR).into_iter().flat_map(|re| re.captures_iter(s)) {
        let Some(m) = caps.get(0) else { continue };
        let Some(unit) = caps.name("u").or_else(|| caps.name("u2")).and_then(|u| unit_of(u.as_str())) else {
            continue;
        };
        // "the same month last year", "im gleichen Monat des Vorjahres": a comparison with
        // the year before, not the date told last.
        if patterns::YEAR_BEFORE.is_match(&s[m.end()..]) {
            continue;
        }
        let part = caps.name("q").or_else(|| caps.name("q2")).map(|_| Part::Vague);
        push(m.range(), Kind::Anaphor { unit, part }, false);
    }
    out
}

/// A three-letter month abbreviation without its dot ("Jan", "Dec").
fn is_bare_short_month(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.chars().count() == 3
        && crate::text::months::MONTHS.iter().flat_map(|forms| forms.iter()).any(|f| f.abbreviation && f.name == lower)
}

/// The year a day or month phrase writes: the year itself, a year told from the
/// publication date ("March last year": `None` when there is no publication date), or
/// no year (`Some(None)`).
fn year_of(caps: &Captures<'_>, ctx: &DateContext) -> Option<Option<i32>> {
    if let Some(y) = num(caps, "y") {
        return Some(Some(y));
    }
    let Some(rel) = caps.name("ry") else { return Some(None) };
    let lower = rel.as_str().to_lowercase();
    let offset = if ["last", "vergangen", "letzt", "vorig", "vorjahr"].iter().any(|w| lower.contains(w)) {
        -1
    } else if ["next", "nächst", "kommend"].iter().any(|w| lower.contains(w)) {
        1
    } else {
        0
    };
    Some(ctx.published?.year().checked_add(offset))
}

fn is_article(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "des" | "der" | "the")
}

/// One phrase with what the words around it say: its cue, its span (over the cue's
/// words), its clause and its role.
struct Reading {
    kind: Kind,
    cue: Cue,
    span: Range<usize>,
    clause: Range<usize>,
    role: DateRole,
    /// "kommenden Sonntag", "last weekend": never the publication day itself.
    strict: bool,
}

/// Reads the cue, clause and role of one candidate; `None` when a bare month or weekday
/// has no preposition before it.
fn read(s: &str, c: &Candidate, floor: usize) -> Option<Reading> {
    let left = match c.kind {
        // "ab sofort" carries its own preposition.
        Kind::Immediately => LeftCue { cue: Cue::Plain, start: c.span.start },
        _ => context::left_cue(s, c.span.start, floor),
    };
    // "vom 3. Dezember an", "von Montag an": a start, its preposition split round the date.
    let left = if left.cue == Cue::Plain
        && left.start < c.span.start
        && context::word_before(s, c.span.start, floor)
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("vom") || w.eq_ignore_ascii_case("von"))
        && context::word_after(s, c.span.end) == Some("an")
    {
        LeftCue { cue: Cue::From, start: left.start }
    } else {
        left
    };
    if c.needs_cue && left.cue == Cue::Plain && left.start == c.span.start {
        return None;
    }
    let span = left.start..c.span.end;
    let clause = context::clause_around(s, &span);
    let role = role_of(s, c.kind, left.cue, &span, &clause);
    let strict = matches!(
        c.kind,
        Kind::Weekday { rel: Some(Rel::Next | Rel::Last), .. } | Kind::Weekend { rel: Some(Rel::Next | Rel::Last) }
    );
    Some(Reading { kind: c.kind, cue: left.cue, span, clause, role, strict })
}

/// Which way from the publication date a phrase points: the phrase itself ("kommenden",
/// "binnen"), then its preposition, then the tense of its clause.
fn direction(s: &str, r: &Reading) -> Direction {
    let explicit = match r.kind {
        // "am heutigen Mittwoch": the publication day, or the day of the dateline before it.
        Kind::Weekday { rel: Some(Rel::This), .. }
            if s.get(r.span.clone()).is_some_and(|p| p.to_lowercase().contains("heutig")) =>
        {
            Some(Direction::Backward)
        }
        Kind::Weekday { rel: Some(rel), .. } | Kind::Weekend { rel: Some(rel) } => match rel {
            Rel::Next | Rel::This => Some(Direction::Forward),
            Rel::Last => Some(Direction::Backward),
        },
        Kind::Shift { kind: ShiftKind::Within | ShiftKind::In | ShiftKind::For, .. } => Some(Direction::Forward),
        Kind::Shift { .. } => Some(Direction::Backward),
        _ => None,
    };
    let from_cue = match r.cue {
        // "downloads were suspended from Saturday": a weekday after "from" that follows
        // a verb in the past is the last one; "ab Sonntag gilt" the next.
        Cue::From
            if matches!(r.kind, Kind::Weekday { rel: None, .. } | Kind::Weekend { rel: None })
                && s.get(..r.span.start).is_some_and(|before| {
                    before.split_whitespace().next_back().is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
                }) =>
        {
            Some(Direction::Backward)
        }
        Cue::From | Cue::Until | Cue::Next => Some(Direction::Forward),
        Cue::Since | Cue::Last => Some(Direction::Backward),
        Cue::Plain | Cue::Stamp | Cue::Issued => None,
    };
    explicit.or(from_cue).unwrap_or_else(|| context::tense_of_phrase(s, &r.clause, &r.span))
}

/// Resolves a phrase that stands on its own.
fn resolve_reading(s: &str, r: &Reading, ctx: &DateContext) -> Option<DateMention> {
    let mention = |(date, approximate): (PartialDate, bool)| DateMention {
        date,
        role: r.role,
        span: r.span.clone(),
        approximate,
    };
    // "last March", "im vergangenen März": the last such month before the publication
    // month, however far back; "next March" the first after it.
    if let (Kind::Month { year: None, month, part }, Cue::Last | Cue::Next) = (r.kind, r.cue) {
        let year = resolve::resolve_month_strict(month, ctx.published?, r.cue == Cue::Next)?;
        return Some(mention((PartialDate::month(year, month), part.is_some())));
    }
    resolve_kind(r.kind, ctx.published, || direction(s, r), r.strict, r.role).map(mention)
}

/// Resolves a phrase told from another date: "effective immediately" is the day the
/// sentence dates the act, else P; "binnen 120 Tagen" in a past clause counts from the
/// act's date (and is dropped in a pluperfect clause that dates no act); "for 180 days"
/// counts from the start or the act, else from P, and is an expiry only where the clause
/// speaks of a measure or an act; "that month" takes the date told before it.
fn resolve_anchored(
    s: &str,
    readings: &[Reading],
    resolved: &[Option<DateMention>],
    i: usize,
    ctx: &DateContext,
    previous: Option<&str>,
) -> Option<DateMention> {
    let r = readings.get(i)?;
    let mention =
        |date: PartialDate, approximate: bool| DateMention { date, role: r.role, span: r.span.clone(), approximate };
    match r.kind {
        Kind::Immediately => match act_date(s, readings, resolved, i, &[DateRole::Announced], true) {
            Some(act) => Some(mention(act.date, act.approximate)),
            None => Some(mention(day(ctx.published?), false)),
        },
        Kind::Shift { amount, unit, kind, vague } => {
            if kind == ShiftKind::For && !context::bounds_a_measure(s, &r.clause, &r.span) {
                return None;
            }
            // "within 60 days of enactment", "binnen 30 Tagen nach Zustellung": from an
            // event, known only when the sentence dates when the measure takes effect.
            if context::counts_from_event(s, &r.span) {
                let start = act_date(s, readings, resolved, i, &[DateRole::Effective], false)?;
                let (date, approximate) = shift_from(start.date, amount, unit)?;
                return Some(mention(date, approximate || vague || start.approximate));
            }
            let anchor = match kind {
                ShiftKind::For => act_date(s, readings, resolved, i, &[DateRole::Effective, DateRole::Announced], true),
                _ if context::tense(s, &r.clause) == Direction::Backward => {
                    act_date(s, readings, resolved, i, &[DateRole::Announced, DateRole::Effective], true)
                }
                _ => None,
            };
            match anchor {
                Some(act) => {
                    let (date, approximate) = shift_from(act.date, amount, unit)?;
                    Some(mention(date, approximate || vague || act.approximate))
                }
                None if context::is_pluperfect(s, &r.clause) => None,
                None => resolve_reading(s, r, ctx),
            }
        }
        Kind::Anaphor { unit, part } => {
            let before = resolved.get(..i)?.iter().rev().flatten().next().cloned();
            let antecedent = match before {
                Some(m) => m,
                None => extract(previous?, ctx).pop()?,
            };
            let (date, coarser) = at_precision(antecedent.date, unit);
            Some(mention(date, coarser || antecedent.approximate || part.is_some()))
        }
        _ => resolve_reading(s, r, ctx),
    }
}

/// The date of the act a sentence reports, for a phrase told from it: the nearest
/// resolved phrase of the sentence with the first of `roles` that any has, else (with
/// `plain`) the nearest plain phrase ("said on Tuesday", "last week") of at least month
/// precision. Phrases told from others, stamps, datelines and "seit" dates are never acts.
fn act_date<'a>(
    s: &str,
    readings: &[Reading],
    resolved: &'a [Option<DateMention>],
    i: usize,
    roles: &[DateRole],
    plain: bool,
) -> Option<&'a DateMention> {
    let at = readings.get(i)?.span.start;
    let own = |j: usize| {
        let reading = readings.get(j)?;
        let m = resolved.get(j)?.as_ref()?;
        (j != i && !reading.kind.is_anchored()).then_some((reading, m))
    };
    let nearest = |keep: &dyn Fn(&Reading, &DateMention) -> bool| {
        (0..readings.len())
            .filter_map(own)
            .filter(|(reading, m)| keep(reading, m))
            .min_by_key(|(reading, _)| reading.span.start.abs_diff(at))
            .map(|(_, m)| m)
    };
    roles.iter().find_map(|&role| nearest(&|_, m| m.role == role)).or_else(|| {
        nearest(&|reading, m| {
            plain
                && m.role == DateRole::Reported
                && reading.cue == Cue::Plain
                && m.date.precision() >= 1
                && !context::is_dateline(s, &reading.span)
        })
    })
}

/// `amount` units after a date of any precision: from the day itself, the middle of a
/// month, the middle of a year. Days and weeks keep day precision from a day; months and
/// years give months; the result is never finer than the start, and approximate when
/// the start was coarser than a day.
fn shift_from(start: PartialDate, amount: u32, unit: Unit) -> Option<(PartialDate, bool)> {
    let first = start.first_day()?;
    let base = match start.precision() {
        2 => first,
        1 => first.checked_add_days(Days::new(14))?,
        _ => NaiveDate::from_ymd_opt(start.year, 7, 1)?,
    };
    let date = resolve::shift(base, amount, unit, true)?;
    Some(match (start.precision(), unit) {
        (0, _) => (PartialDate::year(date.year()), true),
        (2, Unit::Day | Unit::Week) => (day(date), false),
        (2, _) => (month_of(date), false),
        _ => (month_of(date), true),
    })
}

/// A date cut to the precision of "that day/week/month/year", and whether the cut asked
/// for more than the date has (or for a week, which has no precision of its own).
fn at_precision(date: PartialDate, unit: Unit) -> (PartialDate, bool) {
    let wanted = match unit {
        Unit::Day => 2,
        Unit::Week => 3,
        Unit::Month => 1,
        Unit::Year => 0,
    };
    let cut = match (wanted, date.month) {
        (0, _) | (_, None) => PartialDate::year(date.year),
        (1, Some(m)) => PartialDate::month(date.year, m),
        _ => date,
    };
    (cut, wanted > date.precision())
}

/// The role of a date: stamps and datelines are Reported; then what the phrase itself
/// says ("effective immediately", "binnen"), then the preposition before it, then the
/// nearest verb or noun of its clause; Reported when nothing speaks.
fn role_of(s: &str, kind: Kind, cue: Cue, span: &Range<usize>, clause: &Range<usize>) -> DateRole {
    if cue == Cue::Stamp || context::is_dateline(s, span) {
        return DateRole::Reported;
    }
    match kind {
        Kind::Immediately => return DateRole::Effective,
        Kind::Shift { kind: ShiftKind::Within, .. } => return DateRole::Deadline,
        Kind::Shift { kind: ShiftKind::For, .. } => return DateRole::Expires,
        // "bis heute", "until today": still so, not a deadline.
        Kind::DaysFromPublished(0) if cue == Cue::Until => return DateRole::Reported,
        _ => {}
    }
    match cue {
        Cue::From if context::ends_measure(s, clause) => return DateRole::Expires,
        Cue::From => return DateRole::Effective,
        Cue::Until if context::has_validity_word(s, clause) => return DateRole::Expires,
        Cue::Until => return DateRole::Deadline,
        // "the order that had blocked the law since December": the date of the challenge.
        Cue::Since if context::is_challenge(s, clause) => return DateRole::Reported,
        Cue::Since if context::speaks_of_measure(s, clause) => return DateRole::Effective,
        Cue::Since => return DateRole::Reported,
        Cue::Issued => return DateRole::Announced,
        _ => {}
    }
    if let Kind::Shift { kind: ShiftKind::Since, .. } = kind {
        let starts_measure = context::speaks_of_measure(s, clause) && !context::is_challenge(s, clause);
        return if starts_measure { DateRole::Effective } else { DateRole::Reported };
    }
    context::role_from_clause(s, clause, span).unwrap_or(match kind {
        Kind::Shift { kind: ShiftKind::In, .. } => DateRole::Effective,
        _ => DateRole::Reported,
    })
}

fn day(date: NaiveDate) -> PartialDate {
    PartialDate::day(date)
}

fn month_of(date: NaiveDate) -> PartialDate {
    PartialDate::month(date.year(), date.month())
}

/// The date a candidate means, and whether the text leaves it approximate. `direction`
/// is computed only when a year or weekday has to be chosen.
fn resolve_kind(
    kind: Kind,
    published: Option<NaiveDate>,
    direction: impl Fn() -> Direction,
    strict: bool,
    role: DateRole,
) -> Option<(PartialDate, bool)> {
    match kind {
        Kind::Day { year: Some(y), month, day: d } => Some((day(NaiveDate::from_ymd_opt(y, month, d)?), false)),
        Kind::Day { year: None, month, day: d } => {
            Some((day(resolve_month_day(month, d, published?, direction())?), false))
        }
        Kind::Month { year, month, part } => {
            if !(1..=12).contains(&month) {
                return None;
            }
            let y = match year {
                Some(y) => y,
                None => resolve_month(month, published?, direction())?,
            };
            Some((PartialDate::month(y, month), part.is_some()))
        }
        Kind::Year { year, part } => Some(year_with_part(year, part)),
        Kind::Quarter { year, quarter, rel } => {
            let (y, q) = match (quarter, year) {
                (Some(q), Some(y)) => (y, q),
                (Some(q), None) => {
                    let interval = |y: i32| {
                        let first = NaiveDate::from_ymd_opt(y, q * 3 - 2, 1)?;
                        let (_, last) = resolve::month_interval(y, q * 3)?;
                        Some((first, last))
                    };
                    (resolve::pick_year(published?, direction(), interval)?, q)
                }
                (None, _) => {
                    let p = published?;
                    let index = p.year().checked_mul(4)? + (p.month0() / 3) as i32;
                    let index = index
                        + match rel {
                            Rel::Next => 1,
                            Rel::Last => -1,
                            Rel::This => 0,
                        };
                    (index.div_euclid(4), index.rem_euclid(4) as u32 + 1)
                }
            };
            let month = if role == DateRole::Deadline { q * 3 } else { q * 3 - 2 };
            Some((PartialDate::month(y, month), true))
        }
        Kind::DaysFromPublished(n) => {
            let p = published?;
            let days = Days::new(n.unsigned_abs());
            let date = if n >= 0 { p.checked_add_days(days)? } else { p.checked_sub_days(days)? };
            Some((day(date), false))
        }
        Kind::Weekday { weekday, .. } => {
            Some((day(resolve::resolve_weekday(weekday, published?, direction(), strict)?), false))
        }
        Kind::Weekend { .. } => Some((day(resolve::resolve_weekend(published?, direction(), strict)?), true)),
        Kind::Relative { unit, offset, part } => {
            let p = published?;
            let amount = offset.unsigned_abs();
            match unit {
                Unit::Week | Unit::Day => {
                    let target = resolve::shift(p, amount, Unit::Week, offset > 0)?;
                    let weekday_index = match part {
                        Some(Part::Early) => Some(0),
                        Some(Part::Mid) => Some(2),
                        Some(Part::Late) => Some(4),
                        _ => None,
                    };
                    match weekday_index {
                        Some(i) => {
                            let monday = target
                                .checked_sub_days(Days::new(u64::from(target.weekday().num_days_from_monday())))?;
                            Some((day(monday.checked_add_days(Days::new(i))?), true))
                        }
                        None => Some((month_of(target), true)),
                    }
                }
                Unit::Month => {
                    let target = resolve::shift(p, amount, Unit::Month, offset > 0)?;
                    Some((month_of(target), part.is_some()))
                }
                Unit::Year => Some(year_with_part(p.year().checked_add(offset)?, part)),
            }
        }
        Kind::Shift { amount, unit, kind, vague } => {
            let forward = matches!(kind, ShiftKind::Within | ShiftKind::In | ShiftKind::For);
            let date = resolve::shift(published?, amount, unit, forward)?;
            Some(match (kind, unit) {
                (ShiftKind::Before, Unit::Day) => (day(date), true),
                (ShiftKind::Before, _) => (month_of(date), true),
                (_, Unit::Day) => (day(date), vague),
                (ShiftKind::Within | ShiftKind::In | ShiftKind::For, Unit::Week) => (day(date), vague),
                (_, Unit::Week) => (month_of(date), true),
                (ShiftKind::Within | ShiftKind::In | ShiftKind::For, _) => (month_of(date), vague),
                (_, Unit::Month) => (month_of(date), vague),
                (_, Unit::Year) => (PartialDate::year(date.year()), vague),
            })
        }
        Kind::Immediately => Some((day(published?), false)),
        // Told from another date (`resolve_anchored`).
        Kind::Anaphor { .. } => None,
    }
}

/// "2024" as a year; "Ende 2024" as December 2024 and "Anfang/Mitte 2025" as the year,
/// both approximate.
fn year_with_part(year: i32, part: Option<Part>) -> (PartialDate, bool) {
    match part {
        Some(Part::Late) => (PartialDate::month(year, 12), true),
        Some(_) => (PartialDate::year(year), true),
        None => (PartialDate::year(year), false),
    }
}

/// True if `word` is a German or English weekday's name ("Monday", "Montag").
pub(crate) fn is_weekday_name(word: &str) -> bool {
    patterns::weekday(word).is_some()
}
