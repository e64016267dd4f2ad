//! The words around a date phrase: the preposition right before it ("ab dem", "bis zum",
//! "since"), the clause it stands in, the tense of that clause, and the verbs that give
//! the date its role. Works on byte offsets into the sentence and allocates little.

use std::ops::Range;

use crate::model::{DateRole, Lang};

use super::resolve::Direction;

/// What the words right before a date phrase say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// No preposition, or a neutral one ("am", "im", "on", "in").
    Plain,
    /// "ab", "ab dem", "from", "starting", "effective".
    From,
    /// "bis", "bis zum", "spätestens", "by", "until", "no later than", "before".
    Until,
    /// "seit", "since".
    Since,
    /// "nächsten", "kommenden", "next" before a month: strictly after publication.
    Next,
    /// "letzten", "vergangenen", "last" before a month: strictly before publication.
    Last,
    /// "Aufnahme vom", "Stand:", "Bericht vom": a stamp, not an event.
    Stamp,
    /// "Dekret vom", "Regeln von": the day a rule was issued.
    Issued,
}

/// The cue before a phrase and where the phrase, extended over the cue's words, starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct LeftCue {
    pub cue: Cue,
    pub start: usize,
}

/// Case-insensitive (ASCII letters) membership in a word list.
pub(super) fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// The word (letters only) that ends right before `end`, with only whitespace between,
/// and its start. `None` when punctuation or nothing stands there, or the word would
/// start before `floor`.
pub(super) fn word_before(s: &str, end: usize, floor: usize) -> Option<(usize, &str)> {
    let head = s.get(..end)?;
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() && end > 0 {
        // The phrase is glued to what precedes it ("(Aufnahme" is fine, "x20. Juli" is not).
        return None;
    }
    let start = trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
    (start >= floor).then(|| (start, &trimmed[start..]))
}

/// The word (letters only) that starts right after `start`, past whitespace.
pub(super) fn word_after(s: &str, start: usize) -> Option<&str> {
    let tail = s.get(start..)?.trim_start();
    let end = tail.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(tail.len(), |(i, _)| i);
    (end > 0).then(|| &tail[..end])
}

/// The first non-space character at or after `start`.
pub(super) fn char_after(s: &str, start: usize) -> Option<char> {
    s.get(start..)?.trim_start().chars().next()
}

const FROM: &[&str] = &["ab", "from", "starting", "beginning", "effective", "commencing"];
const UNTIL: &[&str] = &["bis", "until", "till", "by", "through", "spätestens", "before"];
const SINCE: &[&str] = &["seit", "since"];
const NEUTRAL: &[&str] = &["am", "an", "im", "in", "on", "during", "zum", "zur", "vom", "von", "of", "um"];
const ARTICLES: &[&str] = &["dem", "den", "der", "the"];
const NEXT: &[&str] = &["nächsten", "kommenden", "next", "coming"];
const LAST: &[&str] = &["letzten", "vergangenen", "vorigen", "last", "past", "previous"];
const STAMP_NOUNS: &[&str] = &[
    "aufnahme",
    "foto",
    "bild",
    "archivbild",
    "archivfoto",
    "bericht",
    "meldung",
    "stand",
    "dated",
    "photo",
    "report",
    "aktualisiert",
    "updated",
];
const ISSUE_NOUNS: &[&str] = &[
    "regeln",
    "regel",
    "dekret",
    "dekrets",
    "verordnung",
    "gesetz",
    "gesetzes",
    "anordnung",
    "erlass",
    "erlasses",
    "beschluss",
    "beschlusses",
    "entscheidung",
    "urteil",
    "urteils",
    "order",
    "rule",
    "rules",
    "decree",
    "law",
    "ruling",
    "decision",
];

/// Reads the cue before a date phrase starting at `start` (not looking before `floor`,
/// the end of the previous phrase). The returned start covers the cue's words, so the
/// span reads "ab dem 20. Juli", "bis zum 12. November", "im Juni".
pub(super) fn left_cue(s: &str, start: usize, floor: usize) -> LeftCue {
    let plain = LeftCue { cue: Cue::Plain, start };
    if stamp_before(s, start, floor) {
        return LeftCue { cue: Cue::Stamp, start };
    }
    let Some((s1, w1)) = word_before(s, start, floor) else {
        return plain;
    };
    let w2 = word_before(s, s1, floor);
    let w3 = w2.and_then(|(s2, _)| word_before(s, s2, floor));
    // "no later than"
    if w1.eq_ignore_ascii_case("than") {
        if let (Some((_, later)), Some((s3, no))) = (w2, w3) {
            if later.eq_ignore_ascii_case("later") && no.eq_ignore_ascii_case("no") {
                return LeftCue { cue: Cue::Until, start: s3 };
            }
        }
        return plain;
    }
    // "ab dem", "bis zum", "seit dem", "vor dem", "by the", "am", "on"
    let (head_start, head, before_head) = if is_one_of(w1, ARTICLES) || is_one_of(w1, &["zum", "zur", "am", "on", "an"])
    {
        match w2 {
            Some((s2, w)) if is_one_of(w, FROM) || is_one_of(w, UNTIL) || is_one_of(w, SINCE) || w == "vor" => {
                (s2, w, w3)
            }
            _ => (s1, w1, w2),
        }
    } else {
        (s1, w1, w2)
    };
    let cue = if is_one_of(head, FROM) {
        Cue::From
    } else if is_one_of(head, UNTIL) || (head == "vor" && head_start != s1) {
        Cue::Until
    } else if is_one_of(head, SINCE) {
        Cue::Since
    } else if is_one_of(head, NEXT) || is_one_of(head, LAST) {
        let cue = if is_one_of(head, NEXT) { Cue::Next } else { Cue::Last };
        // "im kommenden März", "in the next", "ab nächsten Montag"
        return match before_head {
            Some((s2, w)) if is_one_of(w, &["im", "in", "ab", "bis", "am"]) => LeftCue { cue, start: s2 },
            _ => LeftCue { cue, start: head_start },
        };
    } else if is_one_of(head, &["vom", "von", "of"]) {
        match before_head {
            Some((_, noun)) if is_one_of_lower(noun, ISSUE_NOUNS) => Cue::Issued,
            Some((_, noun)) if is_one_of_lower(noun, STAMP_NOUNS) => Cue::Stamp,
            _ => Cue::Plain,
        }
    } else if is_one_of(head, NEUTRAL) || is_one_of(head, ARTICLES) {
        if head.eq_ignore_ascii_case("zum") {
            Cue::From
        } else {
            Cue::Plain
        }
    } else {
        return plain;
    };
    // "bis spätestens", "ab spätestens", "spätestens am", "starting on", "effective on"
    let start = match before_head {
        Some((s2, w)) if is_one_of(w, UNTIL) || is_one_of(w, FROM) => {
            if cue == Cue::Plain || cue == Cue::Until || cue == Cue::From {
                return LeftCue { cue: if is_one_of(w, FROM) { Cue::From } else { Cue::Until }, start: s2 };
            }
            head_start
        }
        _ => head_start,
    };
    LeftCue { cue, start }
}

fn is_one_of_lower(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.chars().flat_map(char::to_lowercase).eq(w.chars()))
}

/// True if a stamp word ("Stand:", "Aufnahme vom", "Updated") precedes `start` closely.
fn stamp_before(s: &str, start: usize, floor: usize) -> bool {
    let Some(head) = s.get(floor..start) else {
        return false;
    };
    let head = head.trim_end().trim_end_matches(':').trim_end();
    let head = head.strip_suffix("vom").or_else(|| head.strip_suffix("am")).unwrap_or(head).trim_end();
    let word_start =
        head.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map_or(head.len(), |(i, _)| i);
    let word = &head[word_start..];
    !word.is_empty() && is_one_of_lower(word, STAMP_NOUNS)
}

/// True if the phrase opens its line, alone or after a place in capitals and a comma,
/// and is followed (past an agency in parentheses) by a dash or a bar: a dateline, as in
/// "17.08.2020 - US-Präsident ..." or "WASHINGTON, Jan 27 (Reuters) - The ...".
pub(super) fn is_dateline(s: &str, span: &Range<usize>) -> bool {
    let Some(head) = s.get(..span.start) else {
        return false;
    };
    let line = head.rsplit('\n').next().unwrap_or(head).trim();
    let place = line.strip_suffix(',').is_some_and(|p| {
        let first = p.split(',').next().unwrap_or(p);
        p.len() <= 40
            && first.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !first.chars().any(char::is_lowercase)
    });
    if !(line.is_empty() || place) {
        return false;
    }
    let after = s.get(span.end..).unwrap_or("").trim_start();
    let after = match after.strip_prefix('(').and_then(|t| t.find(')').filter(|&i| i <= 30).map(|i| &t[i + 1..])) {
        Some(rest) => rest.trim_start(),
        None => after,
    };
    matches!(after.chars().next(), Some('-' | '–' | '—' | '|'))
}

/// True if a duration counts from an event the phrase names after it: "within 60 days
/// of enactment", "30 days after the order", "binnen 30 Tagen nach Zustellung".
pub(super) fn counts_from_event(s: &str, span: &Range<usize>) -> bool {
    let last = s.get(span.clone()).and_then(|t| t.split_whitespace().next_back()).unwrap_or("");
    is_one_of(last, &["after", "nachdem"])
        || word_after(s, span.end).is_some_and(|w| is_one_of(w, &["of", "after", "following", "nach", "ab"]))
}

fn is_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '!' | '?' | '–' | '—')
}

/// Conjunctions that close an enumeration: "A, B und C", "A, B or C".
const LIST_END: &[&str] = &["und", "oder", "sowie", "and", "or"];
/// Words that open a clause, never an item of an enumeration.
const CLAUSE_OPENERS: &[&str] = &[
    "dass", "weil", "wenn", "ob", "als", "wie", "nachdem", "um", "da", "bevor", "während", "sondern", "aber", "denn",
    "doch", "which", "who", "whom", "whose", "that", "where", "when", "while", "because", "but", "after", "before",
    "as", "if", "so",
];

/// True if the word is capitalised: a name or, in German, a noun.
fn is_name_like(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True if the comma at `at` separates the items of an enumeration of names or nouns
/// ("aus China, der Türkei und den Vereinigten Arabischen Emiraten", "Huawei, ZTE,
/// Hikvision and Dahua"), not two clauses: a name or noun before it, and after it short
/// noun phrases (at most four words, the last one capitalised) up to "und/oder/sowie/and/or".
fn is_list_comma(s: &str, at: usize) -> bool {
    let head = s.get(..at).unwrap_or("").trim_end();
    let before = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map_or("", |(i, _)| &head[i..]);
    if !is_name_like(before) {
        return false;
    }
    let mut from = at + 1;
    for _ in 0..8 {
        let end = s
            .get(from..)
            .and_then(|t| t.char_indices().find(|&(_, c)| is_mark(c)).map(|(i, _)| from + i))
            .unwrap_or(s.len());
        let items: Vec<&str> = s.get(from..end).unwrap_or("").split_whitespace().collect();
        let item_ok = |n: usize| {
            (1..=4).contains(&n)
                && items
                    .first()
                    .is_some_and(|w| !is_one_of(w.trim_matches(|c: char| !c.is_alphanumeric()), CLAUSE_OPENERS))
                && items.get(n - 1).is_some_and(|w| is_name_like(w.trim_matches(|c: char| !c.is_alphanumeric())))
        };
        if let Some(k) = items.iter().position(|w| is_one_of(w, LIST_END)) {
            return item_ok(k);
        }
        if !(s.get(end..).is_some_and(|t| t.starts_with(',')) && item_ok(items.len())) {
            return false;
        }
        from = end + 1;
    }
    false
}

/// The end of a short parenthesis that opens at `at` and holds no clause ("(TDO)",
/// "(BIS)"): at most four words and no mark inside.
fn short_parenthesis_end(s: &str, at: usize) -> Option<usize> {
    let inside = s.get(at + 1..)?;
    let close = inside.find(')')?;
    let content = &inside[..close];
    (content.split_whitespace().count() <= 4 && !content.chars().any(is_mark)).then_some(at + 1 + close + 1)
}

/// The start of a short parenthesis that closes at `at` (see `short_parenthesis_end`).
fn short_parenthesis_start(s: &str, at: usize) -> Option<usize> {
    let open = s.get(..at)?.rfind('(')?;
    (short_parenthesis_end(s, open)? == at + 1).then_some(open)
}

/// The first clause mark at or after `from` (`s.len()` if none), passing over the commas
/// of an enumeration and short parentheses.
fn next_clause_mark(s: &str, from: usize) -> usize {
    let mut at = from;
    while let Some((i, c)) = s.get(at..).and_then(|t| t.char_indices().find(|&(_, c)| is_mark(c))) {
        let i = at + i;
        let skip_to = match c {
            ',' if is_list_comma(s, i) => Some(i + 1),
            '(' => short_parenthesis_end(s, i),
            _ => None,
        };
        match skip_to {
            Some(next) => at = next,
            None => return i,
        }
    }
    s.len()
}

/// Where the clause that ends at `to` starts: right after the last clause mark before
/// `to` (0 if none), passing over the commas of an enumeration and short parentheses.
fn clause_start_before(s: &str, to: usize) -> usize {
    let mut at = to;
    while let Some((i, c)) = s.get(..at).and_then(|h| h.char_indices().rev().find(|&(_, c)| is_mark(c))) {
        let skip_to = match c {
            ',' if is_list_comma(s, i) => Some(i),
            ')' => short_parenthesis_start(s, i),
            _ => None,
        };
        match skip_to {
            Some(prev) => at = prev,
            None => return i + c.len_utf8(),
        }
    }
    0
}

/// The clause around `span`: from the last clause mark before it to the first after it.
/// Clause marks are , ; : ( ) ! ? and dashes set off by spaces; full stops are not,
/// since dates and abbreviations carry them. The commas of an enumeration ("aus China,
/// der Türkei und den Emiraten") and a short parenthesis ("the order (TDO) against")
/// end no clause.
pub(super) fn clause_around(s: &str, span: &Range<usize>) -> Range<usize> {
    let start = clause_start_before(s, span.start);
    let next_mark = |from: usize| next_clause_mark(s, from);
    let end = next_mark(span.end);
    // "Last week, the agency added ...", "In 2017, DHS banned ...": a clause that holds
    // nothing but the date phrase belongs to the clause after it (or, at the end of the
    // sentence, to the one before).
    let only_phrase = s.get(start..span.start).is_some_and(|h| !h.chars().any(char::is_alphabetic))
        && s.get(span.end..end).is_some_and(|t| !t.chars().any(char::is_alphabetic));
    if !only_phrase {
        return start..end;
    }
    if let Some(mark) = s.get(end..).and_then(|t| t.chars().next()) {
        return start..next_mark(end + mark.len_utf8());
    }
    // "The orders take effect in 45 days, on Sept. 20.": an appended date belongs to the
    // clause before it.
    let mark = s.get(..start).and_then(|h| h.char_indices().next_back()).map_or(0, |(i, _)| i);
    clause_start_before(s, mark)..end
}

/// The words (runs of letters) in `s[range]`, with their byte starts.
pub(super) fn words(s: &str, range: Range<usize>) -> Vec<(usize, &str)> {
    let Some(text) = s.get(range.clone()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                out.push((range.start + b, &text[b..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((range.start + b, &text[b..]));
    }
    out
}

const FUTURE_DE: &[&str] = &[
    "wird",
    "werden",
    "wirst",
    "soll",
    "sollen",
    "solle",
    "sollte",
    "sollten",
    "will",
    "wollen",
    "wolle",
    "plant",
    "planen",
    "geplant",
    "künftig",
    "demnächst",
    "bald",
    "voraussichtlich",
    "tritt",
    "treten",
    "beginnt",
];
const FUTURE_EN: &[&str] = &[
    "will",
    "shall",
    "plans",
    "planned",
    "scheduled",
    "expected",
    "upcoming",
    "going",
    "take",
    "takes",
    "starts",
    "begins",
];
const PAST_DE: &[&str] =
    &["hatte", "hatten", "war", "waren", "wurde", "wurden", "worden", "gewesen", "habe", "damals", "zuvor", "bereits"];
const PAST_EN: &[&str] = &["was", "were", "had", "did", "said", "ago", "previously", "earlier", "former"];
/// German strong verbs in the past tense, which no ending marks ("hob ... auf", "verbot",
/// "erließ"): each counts as a past-tense ending does.
const PAST_STRONG_DE: &[&str] = &[
    "hob",
    "hoben",
    "gab",
    "gaben",
    "nahm",
    "nahmen",
    "zog",
    "zogen",
    "entschied",
    "beschloss",
    "erließ",
    "erließen",
    "ließ",
    "ließen",
    "verbot",
    "wies",
    "rief",
    "riefen",
    "trat",
    "traten",
    "stieß",
    "sprach",
    "kam",
    "kamen",
    "ging",
    "gingen",
    "stand",
    "standen",
    "hielt",
    "hielten",
    "schrieb",
    "fand",
    "brach",
    "schloss",
    "schlossen",
    "bat",
    "fiel",
    "blieb",
    "galt",
    "strich",
    "strichen",
    "warf",
    "verwies",
    "bezog",
    "betraf",
    "traf",
    "empfahl",
    "verlor",
    "gewann",
];
/// Lowercase words ending in -te that are adjectives or ordinals, not past-tense verbs.
const NOT_PAST_TE: &[&str] = &[
    "erste",
    "zweite",
    "dritte",
    "vierte",
    "fünfte",
    "letzte",
    "nächste",
    "harte",
    "beste",
    "breite",
    "weite",
    "rechte",
    "echte",
    "feste",
    "leichte",
    "schlechte",
    "gesamte",
    "meiste",
    "bekannte",
    "weitere",
    "mitte",
    "bitte",
    "große",
    "rote",
    "gute",
    "neueste",
    "späte",
    "heute",
    "beliebte",
];

/// The tense of the words: future markers against past markers (auxiliaries count twice
/// as much as a past-tense ending). `None` when they balance.
fn tense_of(words: &[(usize, &str)]) -> Option<Direction> {
    let (mut forward, mut backward) = (0u32, 0u32);
    for &(_, w) in words {
        let lower_initial = w.chars().next().is_some_and(char::is_lowercase);
        if FUTURE_DE.contains(&w) || is_one_of(w, FUTURE_EN) {
            forward += 2;
        } else if PAST_DE.contains(&w) || is_one_of(w, PAST_EN) {
            backward += 2;
        } else if PAST_STRONG_DE.contains(&w) {
            backward += 1;
        } else if lower_initial && w.len() >= 5 {
            // "unterzeichnete", "verhängte"; "announced", "signed"
            let german_past = w.ends_with("te") && !NOT_PAST_TE.contains(&w);
            let english_past = w.is_ascii() && w.ends_with("ed");
            if german_past || english_past {
                backward += 1;
            }
        }
    }
    match forward.cmp(&backward) {
        std::cmp::Ordering::Greater => Some(Direction::Forward),
        std::cmp::Ordering::Less => Some(Direction::Backward),
        std::cmp::Ordering::Equal => None,
    }
}

/// Subjunctive and modal forms that look like a past tense ("könnte" ends like
/// "verhängte") but narrate nothing as done.
const MODAL_DE_EN: &[&str] = &[
    "könnte", "könnten", "müsste", "müssten", "dürfte", "dürften", "möchte", "möchten", "würde", "würden", "hätte",
    "hätten", "wäre", "wären", "could", "would", "might", "should",
];

/// Words that join two clauses without a comma.
const COORDINATING: &[&str] = &["und", "aber", "doch", "sondern", "and", "but", "while", "whereas"];

/// The direction the tense gives a phrase: `Past` when its own clause is told in the
/// past without a modal, else what [`tense`] says. Only the clause's own verbs count for
/// `Past`: in "war im Mai verhängt worden und endet am 20. November" the second date's
/// clause is in the present, and the sentence's past must not pull it a year back.
pub(super) fn tense_of_phrase(s: &str, clause: &Range<usize>, span: &Range<usize>) -> Direction {
    let all = words(s, clause.clone());
    // The clause is cut at "und"/"and" (and their like) on either side of the phrase:
    // a coordinated verb of its own tells its own tense.
    let joins = |w: &str| is_one_of_lower(w, COORDINATING);
    let from = all.iter().rposition(|&(at, w)| at < span.start && joins(w)).map_or(0, |i| i + 1);
    let to = all.iter().position(|&(at, w)| at >= span.end && joins(w)).unwrap_or(all.len());
    let own = all.get(from..to).unwrap_or_default();
    match tense_of(own) {
        Some(Direction::Backward) if !own.iter().any(|&(_, w)| is_one_of_lower(w, MODAL_DE_EN)) => Direction::Past,
        Some(direction) => direction,
        None => tense_of(&words(s, 0..s.len())).unwrap_or(Direction::Neutral),
    }
}

/// The tense around a phrase: the clause's first, the whole sentence's if the clause
/// does not tell.
pub(super) fn tense(s: &str, clause: &Range<usize>) -> Direction {
    tense_of(&words(s, clause.clone())).or_else(|| tense_of(&words(s, 0..s.len()))).unwrap_or(Direction::Neutral)
}

const ANNOUNCED_DE: &[&str] = &[
    "angekündigt",
    "ankündigte",
    "ankündigten",
    "unterzeichnet",
    "unterzeichnete",
    "unterzeichneten",
    "unterschrieben",
    "unterschrieb",
    "verhängt",
    "verhängte",
    "verhängten",
    "beschlossen",
    "beschloss",
    "erlassen",
    "erließ",
    "verkündet",
    "verkündete",
    "verboten",
    "verbot",
    "verbannt",
    "verbannte",
    "gewarnt",
    "warnte",
    "angeordnet",
    "anordnete",
    "ordnete",
    "eingeleitet",
    "leitete",
    "verabschiedet",
    "verabschiedete",
    "genehmigt",
    "genehmigte",
    "gebilligt",
    "billigte",
    "billigten",
    "untersagt",
    "untersagte",
    "sanktioniert",
    "sanktionierte",
    "mitgeteilt",
    "teilte",
    "mitteilte",
    "bekanntgegeben",
    "bekanntgab",
    "veröffentlicht",
    "veröffentlichte",
    "erklärte",
    "verklagt",
    "verklagte",
    "klagte",
    "eingereicht",
    "eingestuft",
    "stufte",
    "gelistet",
    "listete",
    "blockiert",
    "blockierte",
    "gestoppt",
    "stoppte",
    "ausgeschlossen",
    "schloss",
    "verschärft",
    "verschärfte",
    "setzte",
    "gesetzt",
    "entschieden",
    "entschied",
    "eingefroren",
    "ausgesprochen",
    "verfügt",
    "verfügte",
    "erließen",
    "verlängert",
    "verlängerte",
];
const ANNOUNCED_EN: &[&str] = &[
    "announced",
    "signed",
    "imposed",
    "issued",
    "banned",
    "ordered",
    "decided",
    "added",
    "placed",
    "blacklisted",
    "sanctioned",
    "warned",
    "unveiled",
    "published",
    "released",
    "passed",
    "enacted",
    "approved",
    "adopted",
    "declared",
    "barred",
    "prohibited",
    "blocked",
    "designated",
    "listed",
    "filed",
    "sued",
    "proposed",
    "introduced",
    "launched",
    "opened",
    "revealed",
    "excluded",
    "renewed",
    "extended",
    "told",
    "informed",
    "revoked",
    "put",
    "voted",
    "directed",
    "froze",
    "frozen",
];
const EFFECTIVE_DE: &[&str] = &[
    "wirksam",
    "gilt",
    "gelten",
    "galt",
    "galten",
    "greift",
    "greifen",
    "griff",
    "beginnt",
    "beginnen",
    "Inkrafttreten",
];
const EFFECTIVE_EN: &[&str] =
    &["effect", "effective", "applies", "apply", "kicks", "start", "starts", "begin", "begins"];
const EXPIRES_DE: &[&str] =
    &["endet", "enden", "endete", "endeten", "ausgelaufen", "ausläuft", "abläuft", "abgelaufen", "auslaufen"];
const EXPIRES_EN: &[&str] =
    &["expires", "expire", "expired", "expiring", "lapses", "lapse", "lapsed", "sunsets", "ends"];
const DEADLINE_WORDS: &[&str] = &["Frist", "Fristen", "Ultimatum", "spätestens", "deadline", "deadlines"];
/// Words that make "bis" a validity end rather than a deadline ("gilt bis", "läuft bis").
const VALIDITY: &[&str] =
    &["gilt", "gelten", "galt", "läuft", "laufen", "lief", "befristet", "valid", "runs", "lasts", "expires", "endet"];

/// The role one word of the clause gives a date, given the words of the clause.
fn role_of_word(w: &str, i: usize, ws: &[(usize, &str)]) -> Option<DateRole> {
    let prev = i.checked_sub(1).and_then(|j| ws.get(j)).map(|&(_, p)| p);
    let has = |x: &str| ws.iter().any(|&(_, v)| v.eq_ignore_ascii_case(x));
    if EXPIRES_DE.contains(&w) || is_one_of(w, EXPIRES_EN) {
        return Some(DateRole::Expires);
    }
    if matches!(w, "läuft" | "laufen" | "lief" | "liefen") && has("aus") {
        return Some(DateRole::Expires);
    }
    // Separable verbs close their clause with the particle: "sprach ... eine Warnung aus",
    // "fror ... ein", "hob ... auf".
    let particle_last = |p: &str| ws.last().is_some_and(|&(_, v)| v == p);
    if (matches!(w, "sprach" | "sprachen") && particle_last("aus"))
        || (matches!(w, "fror" | "froren") && particle_last("ein"))
    {
        return Some(DateRole::Announced);
    }
    if matches!(w, "hob" | "hoben") && particle_last("auf") {
        return Some(DateRole::Expires);
    }
    // "mit Sanktionen belegt" imposes; "nicht ausreichend belegt" proves.
    if matches!(w, "belegt" | "belegte" | "belegten") {
        return has("mit").then_some(DateRole::Announced);
    }
    // The end of a listing or of a measure: "von der Entity List gestrichen", "removed
    // from the list", "lifted the ban", "aufgehoben" (but a lifted injunction restores
    // the measure).
    let names_list = || {
        ws.iter().any(|&(_, v)| {
            let lower = v.to_lowercase();
            lower.starts_with("list") || lower.ends_with("liste")
        })
    };
    if matches!(w, "gestrichen" | "strich" | "strichen") || is_one_of(w, &["removed", "removing", "removes"]) {
        return names_list().then_some(DateRole::Expires);
    }
    if (is_one_of(w, &["lifted", "rescinded", "delisted"]) || matches!(w, "aufgehoben" | "aufhob" | "aufhoben"))
        && !ws.iter().any(|&(_, v)| is_one_of(v, &["injunction", "Verfügung"]))
    {
        return Some(DateRole::Expires);
    }
    if w == "Kraft" || w.eq_ignore_ascii_case("force") {
        return match prev {
            Some(p) if p.eq_ignore_ascii_case("außer") || p.eq_ignore_ascii_case("of") => Some(DateRole::Expires),
            Some(p) if is_one_of(p, &["in", "into"]) => Some(DateRole::Effective),
            _ => None,
        };
    }
    if EFFECTIVE_DE.contains(&w) || is_one_of(w, EFFECTIVE_EN) {
        return Some(DateRole::Effective);
    }
    if DEADLINE_WORDS.contains(&w) || is_one_of(w, &["deadline", "deadlines"]) {
        return Some(DateRole::Deadline);
    }
    // "it had been told": the telling lies before the date of the saying.
    if is_one_of(w, &["told", "informed"]) && prev.is_some_and(|p| p.eq_ignore_ascii_case("been")) {
        return None;
    }
    if ANNOUNCED_DE.contains(&w) || is_one_of(w, ANNOUNCED_EN) {
        return Some(DateRole::Announced);
    }
    None
}

fn role_rank(role: DateRole) -> u8 {
    match role {
        DateRole::Expires => 0,
        DateRole::Effective => 1,
        DateRole::Deadline => 2,
        DateRole::Announced => 3,
        DateRole::Reported => 4,
    }
}

/// True if the clause ends a measure ("mit Wirkung zum 15. Oktober von der Entity List
/// gestrichen", "removed from the list effective March 14"): a start date in it is the
/// day the measure ended.
pub(super) fn ends_measure(s: &str, clause: &Range<usize>) -> bool {
    let ends = |ws: &[(usize, &str)]| {
        ws.iter().enumerate().any(|(i, &(_, w))| role_of_word(w, i, ws) == Some(DateRole::Expires))
    };
    let ws = words(s, clause.clone());
    // A clause of a few words ("..., effective March 14, 2025") belongs to the sentence's verb.
    ends(&ws) || (ws.len() <= 5 && ends(&words(s, 0..s.len())))
}

/// The role the verbs and nouns of the clause give the phrase at `span`: the nearest such
/// word wins (in words), ties go Expires, Effective, Deadline, Announced.
pub(super) fn role_from_clause(s: &str, clause: &Range<usize>, span: &Range<usize>) -> Option<DateRole> {
    let ws = words(s, clause.clone());
    let mut best: Option<(usize, u8, DateRole)> = None;
    let first_after = ws.iter().position(|&(p, _)| p >= span.end).unwrap_or(ws.len());
    let last_before = ws.iter().rposition(|&(p, _)| p < span.start);
    for (i, &(pos, w)) in ws.iter().enumerate() {
        if pos >= span.start && pos < span.end {
            continue;
        }
        let Some(role) = role_of_word(w, i, &ws) else {
            continue;
        };
        let distance = if pos >= span.end { i + 1 - first_after } else { last_before.map_or(1, |l| l + 1 - i) };
        let key = (distance, role_rank(role), role);
        if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|(_, _, r)| r)
}

/// True if the clause has a word that ends validity at a "bis" date ("gilt bis", "läuft
/// bis") and no word of a deadline ("gilt eine Frist bis": still a deadline).
pub(super) fn has_validity_word(s: &str, clause: &Range<usize>) -> bool {
    let ws = words(s, clause.clone());
    ws.iter().any(|&(_, w)| is_one_of(w, VALIDITY)) && !ws.iter().any(|&(_, w)| is_one_of(w, DEADLINE_WORDS))
}

/// True if "for 180 days", "für sechs Monate" in this clause is how long a measure lasts:
/// the clause tells of an act ("renewed the order for 180 days"), or speaks of a measure
/// in the present or future ("the licence is valid for six months"); a state that has
/// lasted so long ("has been on the list for two years", "was on the list for three
/// years") is no expiry.
pub(super) fn bounds_a_measure(s: &str, clause: &Range<usize>, span: &Range<usize>) -> bool {
    let ws = words(s, clause.clone());
    let has = |list: &[&str]| ws.iter().any(|&(_, w)| is_one_of(w, list));
    if has(&["been"]) {
        return false;
    }
    let past_state = has(&["was", "were", "had", "war", "waren", "hatte", "hatten"]);
    role_from_clause(s, clause, span).is_some() || (speaks_of_measure(s, clause) && !past_state)
}

/// True if the clause is in the pluperfect ("hatte ... angeordnet", "war ... verhängt
/// worden", "had ordered"): it tells of an act before the time of the article.
pub(super) fn is_pluperfect(s: &str, clause: &Range<usize>) -> bool {
    let ws = words(s, clause.clone());
    let has = |list: &[&str]| ws.iter().any(|&(_, w)| is_one_of(w, list));
    has(&["hatte", "hatten", "had"]) || (has(&["war", "waren"]) && has(&["worden"]))
}

/// Words of blocking, halting or suspending, English then German.
const BLOCKING: &[&str] = &["blocked", "blocking", "enjoined", "halted", "stayed", "suspended", "paused"];
const BLOCKING_DE: &[&str] = &["blockiert", "blockierte", "gestoppt", "stoppte", "ausgesetzt"];
/// Courts and their orders.
const COURT: &[&str] =
    &["court", "courts", "judge", "judges", "injunction", "Gericht", "Gerichts", "Richter", "Richterin", "Verfügung"];
/// A measure as a legal instrument, as the object of a blocking.
const INSTRUMENT: &[&str] = &[
    "law",
    "laws",
    "statute",
    "rule",
    "rules",
    "ban",
    "order",
    "measure",
    "Gesetz",
    "Gesetzes",
    "Verbot",
    "Regel",
    "Anordnung",
    "Dekret",
    "Verordnung",
];

/// True if the clause tells of a court or ruling that blocks a measure ("a lower court's
/// order that had blocked the law since December", "das das Gesetz seit Mai blockiert"):
/// a "seit"/"since" date there is when the challenge began, not when the measure did.
pub(super) fn is_challenge(s: &str, clause: &Range<usize>) -> bool {
    let ws = words(s, clause.clone());
    ws.iter().enumerate().any(|(b, &(_, w))| {
        let german = is_one_of(w, BLOCKING_DE);
        if !german && !is_one_of(w, BLOCKING) {
            return false;
        }
        let court = ws.iter().any(|&(_, v)| is_one_of(v, COURT));
        // English puts the object after the verb, German before the participle.
        let after = ws.iter().skip(b + 1).take(3).any(|&(_, v)| is_one_of(v, INSTRUMENT));
        let before = ws[b.saturating_sub(4)..b].iter().any(|&(_, v)| is_one_of(v, INSTRUMENT) && v != "ban");
        court || after || (before && german)
    })
}

/// True if the clause speaks of a measure ("seit 2019 auf der Liste", "since the ban"),
/// which makes a "seit" date the start of that measure.
pub(super) fn speaks_of_measure(s: &str, clause: &Range<usize>) -> bool {
    const STEMS: &[&str] = &[
        "verbot",
        "sanktion",
        "embargo",
        "beschränk",
        "restrikt",
        "kontroll",
        "sperr",
        "bann",
        "ban",
        "sanction",
        "restrict",
        "blacklist",
        "blocked",
        "barred",
        "liste",
        "list",
        "kraft",
        "force",
        "untersagt",
        "gilt",
        "gelten",
    ];
    // Duties and permits: "genehmigungspflichtig", "Lizenzpflicht", "licence".
    const INSIDE: &[&str] = &["pflicht", "genehmig", "lizenz", "licen"];
    words(s, clause.clone()).iter().any(|&(_, w)| {
        let lower = w.to_lowercase();
        STEMS.iter().any(|stem| lower.starts_with(stem) || lower.ends_with(stem) || lower.ends_with("verbot"))
            || INSIDE.iter().any(|stem| lower.contains(stem))
    })
}

/// Words that, after a number, make it a count or an amount, not a year.
const UNITS: &[&str] = &[
    "euro",
    "eur",
    "dollar",
    "us-dollar",
    "mio",
    "million",
    "milliard",
    "mrd",
    "billion",
    "prozent",
    "percent",
    "stück",
    "mitarbeiter",
    "nutzer",
    "kunden",
    "menschen",
    "personen",
    "stellen",
    "jobs",
    "beschäftigt",
    "kilometer",
    "km",
    "meter",
    "tonnen",
    "tons",
    "stunden",
    "minuten",
    "sekunden",
    "tage",
    "wochen",
    "monate",
    "jahre",
    "punkte",
    "einwohner",
    "geräte",
    "unternehmen",
    "firmen",
    "apps",
    "seiten",
    "employees",
    "users",
    "people",
    "customers",
    "workers",
    "units",
    "devices",
    "companies",
    "firms",
    "pages",
    "hours",
    "minutes",
    "days",
    "weeks",
    "months",
    "years",
    "points",
    "miles",
    "dollars",
    "euros",
    "pounds",
    "yuan",
    "shares",
    "aktien",
    "staff",
];
/// Words before a number that make it a quantity ("rund 2000", "mit 2000").
const QUANTIFIERS: &[&str] = &[
    "rund",
    "etwa",
    "ca",
    "circa",
    "über",
    "unter",
    "mehr",
    "weniger",
    "als",
    "knapp",
    "fast",
    "mit",
    "zu",
    "insgesamt",
    "weitere",
    "weiteren",
    "nur",
    "von",
    "um",
    "je",
    "pro",
    "für",
    "auf",
    "und",
    "oder",
    "sowie",
    "nummer",
    "nr",
    "no",
    "version",
    "artikel",
    "paragraf",
    "seite",
    "tel",
    "fax",
    "plz",
    "kapitel",
    "platz",
    "modell",
    "top",
];
/// Prepositions that make a four-digit number a year ("seit 2019", "in 2017", "bis 2025").
const YEAR_PREPOSITIONS: &[&str] = &[
    "in", "seit", "bis", "ab", "von", "vom", "since", "by", "until", "till", "through", "from", "during", "before",
    "after", "nach", "vor", "zwischen", "between", "anno", "of",
];
/// Nouns before "of" that make the year after it a date ("the summer of 2019").
const OF_NOUNS: &[&str] =
    &["summer", "winter", "spring", "fall", "autumn", "end", "beginning", "start", "middle", "year", "half", "quarter"];

fn starts_with_unit(word: &str) -> bool {
    let lower = word.to_lowercase();
    UNITS.iter().any(|u| lower.starts_with(u))
}

/// How a bare four-digit number reads.
pub(super) enum YearReading {
    /// Not a year.
    No,
    /// A year; the phrase starts at `start` ("im Jahr 2017", "in the year 2017").
    Yes { start: usize },
}

/// Decides whether the four-digit number at `span` is a year, from the words around it:
/// "im Jahr 2017", "seit 2019", "in 2017" always; for German text also "die 2017 ...
/// erfolgte Akquisition" and "machte 2022 nach eigenen Angaben" (an article or a verb
/// before, a lowercase word or a stop after). Amounts and counts ("2000 Mitarbeiter",
/// "mit 1500 Euro", "Nr. 2017") are not.
pub(super) fn read_year(s: &str, span: &Range<usize>, year: i32, has_part: bool, lang: Lang) -> YearReading {
    let next_word = word_after(s, span.end);
    let next_char = char_after(s, span.end);
    let unit_after = next_word.is_some_and(starts_with_unit) && !next_char.is_some_and(|c| matches!(c, ',' | '.'));
    if unit_after || !(1000..=2999).contains(&year) {
        return YearReading::No;
    }
    if has_part {
        return YearReading::Yes { start: span.start };
    }
    let Some((p1, w1)) = word_before(s, span.start, 0) else {
        return YearReading::No;
    };
    // "im Jahr 2017", "des Jahres 2017", "in the year 2017", "Geschäftsjahr 2023"
    let lower1 = w1.to_lowercase();
    if matches!(lower1.as_str(), "jahr" | "jahre" | "jahres" | "year") || lower1.ends_with("jahr") {
        let start = match word_before(s, p1, 0) {
            Some((p2, w2)) if is_one_of(w2, &["im", "in", "dem", "des", "das", "the", "vom", "seit"]) => {
                match word_before(s, p2, 0) {
                    Some((p3, w3)) if w2.eq_ignore_ascii_case("the") && is_one_of(w3, &["in", "of", "since"]) => p3,
                    _ => p2,
                }
            }
            _ => p1,
        };
        return YearReading::Yes { start };
    }
    let capital_after = next_word.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && next_char.is_some_and(char::is_alphabetic);
    if is_one_of(w1, YEAR_PREPOSITIONS) {
        if w1.eq_ignore_ascii_case("of") {
            let noun_ok = word_before(s, p1, 0).is_some_and(|(_, n)| is_one_of(n, OF_NOUNS));
            return if noun_ok { YearReading::Yes { start: span.start } } else { YearReading::No };
        }
        // "in 2000 Fällen", "von 2000 Anträgen": a German noun after makes it a count.
        let weak = is_one_of(w1, &["in", "von", "vom", "nach", "vor", "zwischen"]);
        if weak && capital_after && lang == Lang::De {
            return YearReading::No;
        }
        return YearReading::Yes { start: span.start };
    }
    // German prose: "die 2017 für 800 Millionen Dollar erfolgte Akquisition",
    // "Kaspersky machte 2022 nach eigenen Angaben ...".
    if lang == Lang::De && (1950..=2099).contains(&year) {
        let prev_ok = w1.chars().next().is_some_and(char::is_lowercase) && !is_one_of_lower(w1, QUANTIFIERS);
        let next_ok = match next_char {
            None => true,
            Some(',' | '.' | ';' | ':' | ')' | '!' | '?') => true,
            Some(c) if c.is_alphabetic() => !capital_after,
            _ => false,
        };
        if prev_ok && next_ok {
            return YearReading::Yes { start: span.start };
        }
    }
    YearReading::No
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_cues() {
        let s = "Kaspersky wird ab dem 20. Juli kündigen";
        let at = s.find("20.").expect("in text");
        let cue = left_cue(s, at, 0);
        assert_eq!(cue.cue, Cue::From);
        assert_eq!(&s[cue.start..at], "ab dem ");
        let s = "eine Frist bis zum 12. November";
        let at = s.find("12.").expect("in text");
        assert_eq!(left_cue(s, at, 0).cue, Cue::Until);
        let s = "Moskau (Aufnahme vom 30.1.2017)";
        assert_eq!(left_cue(s, s.find("30.").expect("in text"), 0).cue, Cue::Stamp);
        let s = "Stand: 16.07.2024 15:11 Uhr";
        assert_eq!(left_cue(s, s.find("16.").expect("in text"), 0).cue, Cue::Stamp);
        let s = "comply no later than Nov. 12";
        let at = s.find("Nov").expect("in text");
        let cue = left_cue(s, at, 0);
        assert_eq!((cue.cue, &s[cue.start..at]), (Cue::Until, "no later than "));
    }

    #[test]
    fn clauses_stop_at_commas() {
        let s = "Ein Dekret, das Trump am Wochenende unterzeichnete, erhöht den Druck.";
        let at = s.find("am Wochenende").expect("in text");
        let c = clause_around(s, &(at..at + 13));
        assert_eq!(&s[c], " das Trump am Wochenende unterzeichnete");
    }

    #[test]
    fn enumerations_and_short_parentheses_end_no_clause() {
        let clause = |s: &str, phrase: &str| {
            let at = s.find(phrase).expect("in text");
            let c = clause_around(s, &(at..at + phrase.len()));
            s[c].to_string()
        };
        let s = "Der Händler war im Juni 2024 mit Firmen aus China, der Türkei und den Emiraten gelistet worden.";
        assert_eq!(clause(s, "im Juni 2024"), s);
        let s = "Die Firma, die im Juni gelistet wurde, klagt.";
        assert_eq!(clause(s, "im Juni"), " die im Juni gelistet wurde");
        let s = "Am Montag traf er Vertreter aus China, die Regierung verhängte Sanktionen.";
        assert_eq!(clause(s, "Am Montag"), "Am Montag traf er Vertreter aus China");
        let s = "It renewed the order (TDO) against the airline for 180 days, officials said.";
        assert_eq!(clause(s, "for 180 days"), "It renewed the order (TDO) against the airline for 180 days");
        let s = "Moskau (Aufnahme vom 30.1.2017)";
        assert_eq!(clause(s, "30.1.2017"), "Aufnahme vom 30.1.2017");
    }

    #[test]
    fn years_need_a_reason() {
        let check = |s: &str, lang: Lang| {
            let at = s.find("20").expect("a year");
            matches!(
                read_year(s, &(at..at + 4), s[at..at + 4].parse().unwrap_or(0), false, lang),
                YearReading::Yes { .. }
            )
        };
        assert!(check("dass Bytedance die 2017 für 800 Millionen Dollar erfolgte Akquisition", Lang::De));
        assert!(check("Kaspersky machte 2022 nach eigenen Angaben", Lang::De));
        assert!(check("Seit 2019 gilt das Verbot.", Lang::De));
        assert!(check("It bought the app in 2017.", Lang::En));
        assert!(!check("Die Firma hat 2000 Mitarbeiter.", Lang::De));
        assert!(!check("mit 2000 neuen Stellen", Lang::De));
        assert!(!check("bis 2000 Euro", Lang::De));
        assert!(!check("the 2000 employees", Lang::En));
        assert!(!check("Gesetz Nr. 2017 vom Mai", Lang::De));
    }
}
