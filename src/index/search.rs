//! Free-text search over passages: the user's words are analyzed like the articles and
//! searched as a union of term queries scored by BM25, never parsed as query syntax.
//! Words the corpus does not hold also match their near spellings with the same first
//! letter (one edit from 5 characters, two from 8; an edit inserts, deletes or replaces a
//! character or swaps two neighbours), expanded through the term dictionary with the
//! automaton of `typo.rs`, so that the matched index terms are known and can be
//! highlighted like exact ones.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, TantivyDocument, Term};

use super::analyzer::{analyze, with_analyzer, words};
use super::schema::Fields;
use super::typo::NearSpellings;
use super::{stored_date, stored_str, stored_u64, SearchHit};
use crate::model::{Citation, Lang};

/// At most this many query words are used; the rest of a very long query is ignored.
const MAX_QUERY_WORDS: usize = 32;
/// A word found in fewer passages than this also matches its near spellings. Only words
/// the corpus does not hold at all are taken for typos: walking the term dictionary for
/// every rare but correct word was the largest cost of a search at 10,000 articles.
const FEW_HITS: u64 = 1;
/// At most this many near spellings per word.
const MAX_FUZZY_TERMS: usize = 16;
/// Quotes longer than this are cut (at word boundaries) around the first match.
pub const MAX_QUOTE_BYTES: usize = 600;
const FUZZY_BOOST: f32 = 0.6;
/// A near-duplicate's hit loses this share of its score when its primary also matched.
const DUPLICATE_PENALTY: f32 = 0.85;

/// The analyzed query: one group of alternative terms per meaningful word, and the terms
/// (per language) a highlighted word may carry.
struct Plan {
    groups: Vec<Vec<(Term, f32)>>,
    highlight: HashMap<Lang, HashSet<String>>,
}

fn field_for(fields: &Fields, lang: Lang) -> Field {
    match lang {
        Lang::De => fields.de_text,
        Lang::En => fields.en_text,
    }
}

/// The range of terms that start with the first character of `text`: `[first, next)`
/// in byte order.
fn first_char_range(text: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let first = text.chars().next()?;
    let low = first.to_string().into_bytes();
    let mut high = low.clone();
    // The last byte of a UTF-8 character is below 0xFF, so adding one cannot overflow.
    let last = high.last_mut()?;
    *last += 1;
    Some((low, high))
}

/// Index terms within `distance` edits of `text` that start with the same character, in
/// the field of each of `langs` (at most [`MAX_FUZZY_TERMS`] per field), across all
/// segments. Typos in the first letter are rare, and holding it fixed spares the walk
/// through every other branch of the term dictionary (a distance of two matches almost
/// any two-letter start).
fn near_terms(
    searcher: &Searcher,
    fields: &Fields,
    langs: &[Lang],
    text: &str,
    distance: u8,
) -> anyhow::Result<Vec<(Lang, Term)>> {
    // A field no article of the corpus fills (English in a German corpus) holds nothing
    // near and is skipped.
    let has_terms = |field: Field| {
        searcher.segment_readers().iter().any(|s| s.inverted_index(field).is_ok_and(|i| i.terms().num_terms() > 0))
    };
    let targets: Vec<(Lang, Field)> =
        langs.iter().map(|&l| (l, field_for(fields, l))).filter(|(_, f)| has_terms(*f)).collect();
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let (Some((low, high)), Some(automaton)) = (first_char_range(text), NearSpellings::new(text, distance)) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<(Lang, Term)> = Vec::new();
    for (lang, field) in targets {
        let mut found: Vec<String> = Vec::new();
        'segments: for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().search(&automaton).ge(&low).lt(&high).into_stream()?;
            while stream.advance() {
                if let Ok(t) = std::str::from_utf8(stream.key()) {
                    if t != text && !found.iter().any(|o| o == t) {
                        found.push(t.to_string());
                    }
                }
                if found.len() >= MAX_FUZZY_TERMS {
                    break 'segments;
                }
            }
        }
        out.extend(found.into_iter().map(|t| (lang, Term::from_field_text(field, &t))));
    }
    Ok(out)
}

fn plan(searcher: &Searcher, fields: &Fields, query: &str) -> anyhow::Result<Plan> {
    let mut groups = Vec::new();
    let mut highlight: HashMap<Lang, HashSet<String>> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (_, word) in words(query).take(MAX_QUERY_WORDS) {
        let analyzed: Vec<(Lang, Vec<String>)> = [Lang::De, Lang::En]
            .into_iter()
            .map(|lang| (lang, with_analyzer(lang, |a| analyze(a, word)).into_iter().map(|t| t.text).collect()))
            .collect();
        // A function word in either language carries no meaning of its own.
        if analyzed.iter().any(|(_, terms)| terms.is_empty()) {
            continue;
        }
        if !seen.insert(word.to_lowercase()) {
            continue;
        }
        let mut group: Vec<(Term, f32)> = Vec::new();
        for (lang, terms) in &analyzed {
            let field = field_for(fields, *lang);
            let set = highlight.entry(*lang).or_default();
            // Only the word itself: a compound in the query ("Einfuhrverbot") should not
            // match every passage with its head ("Verbot"); the reverse is what the
            // index-side compound parts are for.
            if let Some(t) = terms.first() {
                group.push((Term::from_field_text(field, t), 1.0));
                set.insert(t.clone());
            }
        }
        let main_doc_freq: u64 = analyzed
            .iter()
            .filter_map(|(lang, terms)| terms.first().map(|t| (lang, t)))
            .map(|(lang, t)| searcher.doc_freq(&Term::from_field_text(field_for(fields, *lang), t)).unwrap_or(0))
            .sum();
        if main_doc_freq < FEW_HITS {
            // The languages whose analyzers agree on the word share one automaton.
            let mut by_term: Vec<(&str, Vec<Lang>)> = Vec::new();
            for (lang, terms) in &analyzed {
                let Some(main) = terms.first() else { continue };
                match by_term.iter_mut().find(|(t, _)| *t == main.as_str()) {
                    Some((_, langs)) => langs.push(*lang),
                    None => by_term.push((main, vec![*lang])),
                }
            }
            for (main, langs) in by_term {
                let distance = match main.chars().count() {
                    0..=4 => continue,
                    5..=7 => 1,
                    _ => 2,
                };
                for (lang, near) in near_terms(searcher, fields, &langs, main, distance)? {
                    if let Some(text) = near.value().as_str() {
                        highlight.entry(lang).or_default().insert(text.to_string());
                    }
                    group.push((near, FUZZY_BOOST));
                }
            }
        }
        groups.push(group);
    }
    Ok(Plan { groups, highlight })
}

/// How many of `n` word groups a passage must match: all of one or two words, two
/// thirds of longer queries.
fn required_matches(n: usize) -> usize {
    if n <= 2 {
        n
    } else {
        (2 * n).div_ceil(3)
    }
}

fn build_query(plan: &Plan) -> Box<dyn Query> {
    let groups: Vec<(Occur, Box<dyn Query>)> = plan
        .groups
        .iter()
        .map(|group| {
            let alternatives: Vec<(Occur, Box<dyn Query>)> = group
                .iter()
                .map(|(term, boost)| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                    let q: Box<dyn Query> = if *boost == 1.0 { q } else { Box::new(BoostQuery::new(q, *boost)) };
                    (Occur::Should, q)
                })
                .collect();
            (Occur::Should, Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>)
        })
        .collect();
    let required = required_matches(groups.len());
    Box::new(BooleanQuery::with_minimum_required_clauses(groups, required))
}

/// The byte ranges (into `quote`) of the words whose analyzed terms the query matched,
/// merged where they overlap.
fn matched_ranges(quote: &str, lang: Lang, plan: &Plan) -> Vec<Range<usize>> {
    let Some(terms) = plan.highlight.get(&lang) else { return Vec::new() };
    let mut ranges: Vec<Range<usize>> = with_analyzer(lang, |a| analyze(a, quote))
        .into_iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| t.offset_from..t.offset_to)
        .collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Wraps each range of `text` in `**`.
fn wrap(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + 4 * ranges.len());
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str("**");
        out.push_str(&text[r.clone()]);
        out.push_str("**");
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A window of at most `max` bytes of `text` around `focus`, cut at whitespace, trimmed;
/// the returned range is relative to `text`.
pub fn window(text: &str, focus: usize, max: usize) -> Range<usize> {
    if text.len() <= max {
        return 0..text.len();
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut start = floor(focus.saturating_sub(max / 3).min(text.len()));
    if start > 0 {
        // Start after the next whitespace so the window opens on a whole word.
        if let Some(ws) = text[start..].find(char::is_whitespace) {
            if start + ws < focus {
                start += ws;
            }
        }
    }
    let mut end = floor((start + max).min(text.len()));
    if end < text.len() {
        if let Some(ws) = text[start..end].rfind(char::is_whitespace) {
            if start + ws > focus {
                end = start + ws;
            }
        }
    }
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    (start + lead)..(end - trail)
}

fn hit_from_doc(doc: &TantivyDocument, fields: &Fields, plan: &Plan, score: f32) -> Option<SearchHit> {
    let file = stored_str(doc, fields.file)?;
    // The passage's text is stored in the field of its language.
    let (text, lang) = match stored_str(doc, fields.de_text) {
        Some(text) => (text, Lang::De),
        None => (stored_str(doc, fields.en_text)?, Lang::En),
    };
    let start = stored_u64(doc, fields.start)? as usize;
    let ranges = matched_ranges(&text, lang, plan);
    let focus = ranges.first().map(|r| r.start).unwrap_or(0);
    let w = window(&text, focus, MAX_QUOTE_BYTES);
    let quote = text.get(w.clone())?.to_string();
    let shifted: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start >= w.start && r.end <= w.end)
        .map(|r| (r.start - w.start)..(r.end - w.start))
        .collect();
    let highlighted = wrap(&quote, &shifted);
    let begin = start + w.start;
    Some(SearchHit {
        citation: Citation {
            article: file,
            source: stored_str(doc, fields.source),
            published: stored_date(doc, fields.published),
            url: stored_str(doc, fields.url),
            range: begin..begin + quote.len(),
            quote,
        },
        highlighted,
        score,
    })
}

pub(super) fn search(
    searcher: &Searcher,
    fields: &Fields,
    query: &str,
    limit: usize,
) -> anyhow::Result<Vec<SearchHit>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let plan = plan(searcher, fields, query)?;
    if plan.groups.is_empty() {
        return Ok(Vec::new());
    }
    let query = build_query(&plan);
    // Two more than asked, so that demoting a near-duplicate can bring up the next hit;
    // every extra hit costs a stored-document read and a highlighting pass.
    let top = searcher.search(query.as_ref(), &TopDocs::with_limit(limit + 2).order_by_score())?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc = searcher.doc::<TantivyDocument>(addr)?;
        if let Some(hit) = hit_from_doc(&doc, fields, &plan, score) {
            hits.push(hit);
        }
    }
    Ok(hits)
}

/// Ranks a near-duplicate's hit below its primary's when both matched. `links` holds,
/// per hit article, the articles it repeats.
pub(super) fn demote_duplicates(hits: &mut [SearchHit], links: &HashMap<String, Vec<String>>) {
    let present: HashSet<String> = hits.iter().map(|h| h.citation.article.clone()).collect();
    for h in hits.iter_mut() {
        if links.get(&h.citation.article).is_some_and(|ps| ps.iter().any(|p| present.contains(p))) {
            h.score *= DUPLICATE_PENALTY;
        }
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_whole_words_and_bounded() {
        let text = "wort ".repeat(300);
        let w = window(&text, 700, 100);
        assert!(w.len() <= 100);
        assert!(w.contains(&700) || w.start <= 700);
        let s = &text[w];
        assert!(s.starts_with("wort") && s.ends_with("wort"), "{s:?}");
        assert_eq!(window("kurz", 0, 600), 0..4);
    }

    #[test]
    fn wrap_marks_ranges() {
        let one: Vec<Range<usize>> = vec![Range { start: 4, end: 10 }];
        assert_eq!(wrap("Das Verbot gilt", &one), "Das **Verbot** gilt");
        assert_eq!(wrap("ab", &[0..1, 1..2]), "**a****b**");
    }

    #[test]
    fn typo_walk_stays_under_the_first_character() {
        assert_eq!(first_char_range("kasperski"), Some((b"k".to_vec(), b"l".to_vec())));
        assert_eq!(first_char_range("über"), Some((vec![0xC3, 0xBC], vec![0xC3, 0xBD])));
        assert_eq!(first_char_range(""), None);
        // Every word with that first character lies in the range, no other does.
        let (low, high) = first_char_range("über").unwrap_or_default();
        for (word, inside) in [("überall", true), ("ü", true), ("uber", false), ("ý", false), ("z", false)] {
            let b = word.as_bytes();
            assert_eq!(b >= &low[..] && b < &high[..], inside, "{word}");
        }
    }

    #[test]
    fn required_matches_table() {
        assert_eq!([1, 2, 3, 4, 5, 6].map(required_matches), [1, 2, 2, 3, 4, 4]);
    }
}
