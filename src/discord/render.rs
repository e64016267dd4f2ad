//! Answers as Discord messages: one pure function, `render`, from an `Answer` to a
//! `Message` that stays within every documented limit. Long answers become pages with
//! ◀ ▶ buttons (the button's custom id names the command, its arguments and the page) or
//! end in an "n more" line; text is cut only between citations, sentences or words, and
//! article text and user input are escaped so nothing renders as formatting or a mention.

use chrono::NaiveDate;

use super::message::{limits, ActionRow, Button, Embed, Field, Footer, Image, Message};
use crate::answer::{Answer, ErrorKind, Measure, SearchAnswer, SourcesAnswer, StatusAnswer};
use crate::command::Command;
use crate::model::{Citation, Lang, PartialDate, Status};
use crate::render::text::quotation_marks;

/// The chart's file name, referenced from the timeline embed.
pub const TIMELINE_FILE: &str = "timeline.png";

/// Characters kept free on every page for the footer ("Seite 2/3 · Stand …").
const FOOTER_RESERVE: usize = 200;
/// Characters a page's embeds may use in all.
const PAGE_BUDGET: usize = limits::TOTAL - FOOTER_RESERVE;

const COLOR_IN_FORCE: u32 = 0xC0392B;
const COLOR_PENDING: u32 = 0xE67E22;
const COLOR_CONTESTED: u32 = 0x8E44AD;
const COLOR_ENDED: u32 = 0x7F8C8D;
const COLOR_INFO: u32 = 0x2C7BB6;

/// Renders page `page` (0-based, clamped) of an answer in the reader's language.
pub fn render(answer: &Answer, lang: Lang, page: usize) -> Message {
    let mut msg = match answer {
        Answer::Status(s) => render_status(s, lang, page),
        Answer::Search(s) => render_search(s, lang, page),
        Answer::Timeline(s) => render_timeline(s, lang),
        Answer::Sources(s) => render_sources(s, lang, page),
        Answer::Help(_) => render_help(lang),
        Answer::Error(e) => {
            let text = match e.kind {
                ErrorKind::Question => question_error_text(&e.message, lang),
                ErrorKind::System => t(lang, MSG_INTERNAL).to_string(),
            };
            Message::ephemeral_text(text)
        }
    };
    enforce_limits(&mut msg);
    msg
}

/// Localized texts: (German, English).
type Text = (&'static str, &'static str);

fn t(lang: Lang, text: Text) -> &'static str {
    match lang {
        Lang::De => text.0,
        Lang::En => text.1,
    }
}

pub const MSG_INTERNAL: Text = (
    "Da ist bei mir etwas schiefgegangen. Bitte versuche es gleich noch einmal.",
    "Something went wrong on my side. Please try again in a moment.",
);
pub const MSG_UNKNOWN_COMMAND: Text = (
    "Diesen Befehl kenne ich nicht. Die Befehle sind /status, /search, /timeline, /sources und /help.",
    "I don't know that command. The commands are /status, /search, /timeline, /sources and /help.",
);
pub const MSG_BAD_DATE: Text = (
    "„as_of“ muss ein echtes Datum im Format JJJJ-MM-TT sein, zum Beispiel 2020-10-01.",
    "“as_of” must be a real date written YYYY-MM-DD, for example 2020-10-01.",
);
pub const MSG_MISSING: Text = ("Da fehlt eine Angabe: ", "Something is missing: ");
pub const MSG_TOO_LONG: Text = (
    "Die Frage ist zu lang; bitte fasse dich kürzer (höchstens 500 Zeichen).",
    "The question is too long; please keep it under 500 characters.",
);
pub const MSG_EXPIRED_PAGE: Text =
    ("Diese Seite gibt es nicht mehr. Bitte stelle die Frage noch einmal.", "That page is gone. Please ask again.");

/// The ephemeral reply during a user's cooldown.
pub fn slow_down(lang: Lang, wait_secs: u64) -> Message {
    let text = match lang {
        Lang::De => {
            format!("Nicht so schnell – bitte warte noch {wait_secs} s, dann beantworte ich die nächste Frage.")
        }
        Lang::En => format!("Slow down – please wait {wait_secs} s before the next question."),
    };
    Message::ephemeral_text(text)
}

/// An ephemeral error from a fixed, localized text.
pub fn error_message(lang: Lang, text: Text) -> Message {
    Message::ephemeral_text(t(lang, text))
}

/// An ephemeral "missing option" error.
pub fn missing_option(lang: Lang, option: &str) -> Message {
    Message::ephemeral_text(format!("{}{}", t(lang, MSG_MISSING), escape_markdown(option)))
}

fn question_error_text(message: &str, lang: Lang) -> String {
    match lang {
        // The answer layer words its question errors in English; German readers get
        // the German explanation without it.
        Lang::De => "Diese Frage kann ich so nicht beantworten. /help zeigt, wie man fragt.".to_string(),
        Lang::En => {
            let detail = shorten_plain(&escape_markdown(message), 1500);
            format!("I can't answer that question as asked: {detail}")
        }
    }
}

// ---------------------------------------------------------------------------------
// Text helpers

/// Escapes Discord markdown so the text shows exactly as written: emphasis, code,
/// spoilers, strike-through, masked links, headings, lists and quotes stay plain, `<@…>`
/// mentions and `<#…>` channel links show as text, and `@everyone`/`@here` are broken
/// with a zero-width space (they could not ping anyway: `allowed_mentions` is empty).
pub fn escape_markdown(s: &str) -> String {
    // Every character that needs care is ASCII, and no byte of a multi-byte character
    // is: the text between two such bytes is copied as one run.
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut line_start = true;
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(
            b,
            b'\\' | b'*' | b'_' | b'~' | b'`' | b'|' | b'<' | b'>' | b'[' | b']' | b'#' | b'-' | b'+' | b'@' | b'\n'
        ) {
            continue;
        }
        let run = &s[run_start..i];
        out.push_str(run);
        if line_start && !run.chars().all(char::is_whitespace) {
            line_start = false;
        }
        match b {
            b'\n' => {
                out.push('\n');
                line_start = true;
            }
            b'#' | b'-' | b'+' => {
                if line_start {
                    out.push('\\');
                }
                out.push(char::from(b));
                line_start = false;
            }
            b'@' => {
                out.push('@');
                let rest = &s[i + 1..];
                if starts_with_ignore_case(rest, "everyone") || starts_with_ignore_case(rest, "here") {
                    out.push('\u{200B}');
                }
                line_start = false;
            }
            _ => {
                out.push('\\');
                out.push(char::from(b));
                line_start = false;
            }
        }
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
    out
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Cuts already-safe text to at most `max` characters at a word boundary, with "…".
fn shorten_plain(s: &str, max: usize) -> String {
    if chars(s) <= max {
        return s.to_string();
    }
    let limit = max.saturating_sub(1);
    let byte_limit = s.char_indices().nth(limit).map_or(s.len(), |(i, _)| i);
    let head = &s[..byte_limit];
    let cut = head.rfind(char::is_whitespace).filter(|&i| i > 0).unwrap_or(byte_limit);
    let mut out = head[..cut].trim_end().to_string();
    // Never leave a dangling escape backslash.
    let trailing = out.chars().rev().take_while(|&c| c == '\\').count();
    if trailing % 2 == 1 {
        out.pop();
    }
    out.push('…');
    out
}

/// Escapes user- or article-supplied text and shortens it at a word boundary.
fn safe(s: &str, max: usize) -> String {
    shorten_plain(&escape_markdown(s), max)
}

pub use crate::answer::status::format_date;
use crate::answer::status::role_label;

pub fn format_day(d: NaiveDate, lang: Lang) -> String {
    format_date(&PartialDate::day(d), lang)
}

fn status_color(s: Status) -> u32 {
    match s {
        Status::InForce => COLOR_IN_FORCE,
        Status::Announced | Status::UnderReview => COLOR_PENDING,
        Status::Challenged | Status::Suspended => COLOR_CONTESTED,
        Status::Expired => COLOR_ENDED,
        Status::Reported => COLOR_INFO,
    }
}

/// How prominent a status is: measures in force first, expired ones last.
fn status_rank(s: Status) -> u8 {
    match s {
        Status::InForce => 0,
        Status::Announced => 1,
        Status::Challenged => 2,
        Status::Suspended => 3,
        Status::UnderReview => 4,
        Status::Reported => 5,
        Status::Expired => 6,
    }
}

/// Makes a URL safe inside a markdown link; `None` for anything but http(s).
fn link_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || u.len() > 1000 {
        return None;
    }
    let mut out = String::with_capacity(u.len());
    for c in u.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            ' ' => out.push_str("%20"),
            '<' | '>' | '"' | '\\' | '`' => return None,
            c if c.is_control() || c.is_whitespace() => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Text with highlighted runs: the pieces between `**` markers, odd ones highlighted.
/// Unbalanced markers make the whole text plain.
fn highlight_pieces(highlighted: &str) -> Vec<(&str, bool)> {
    let parts: Vec<&str> = highlighted.split("**").collect();
    if parts.len().is_multiple_of(2) {
        return vec![(highlighted, false)];
    }
    parts.into_iter().enumerate().filter(|(_, p)| !p.is_empty()).map(|(i, p)| (p, i % 2 == 1)).collect()
}

/// Renders the first `upto` bytes of the pieces' joined text, escaped, highlights bold.
fn render_pieces(pieces: &[(&str, bool)], upto: usize) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for (text, hl) in pieces {
        if pos >= upto {
            break;
        }
        let take = (upto - pos).min(text.len());
        let part = &text[..take];
        pos += text.len();
        if part.is_empty() {
            continue;
        }
        if *hl && !part.trim().is_empty() {
            let trimmed = part.trim();
            let lead = &part[..part.len() - part.trim_start().len()];
            let trail = &part[part.trim_end().len()..];
            out.push_str(lead);
            out.push_str("**");
            out.push_str(&escape_markdown(trimmed));
            out.push_str("**");
            out.push_str(trail);
        } else {
            out.push_str(&escape_markdown(part));
        }
    }
    out
}

/// Fits a quote (as pieces) into `max` characters once `wrap(rendered, was_cut)` has added
/// quote marks and attribution. The quote is kept whole when it fits; otherwise it is cut
/// after a sentence, or else between words, never inside one. `None` when not even the
/// first word fits.
fn fit_quote(pieces: &[(&str, bool)], max: usize, wrap: &dyn Fn(String, bool) -> String) -> Option<String> {
    let full: String = pieces.iter().map(|(t, _)| *t).collect();
    let whole = wrap(render_pieces(pieces, full.len()), false);
    if chars(&whole) <= max {
        return Some(whole);
    }
    let mut word_cuts = Vec::new();
    let mut sentence_cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in full.char_indices() {
        if c.is_whitespace() && prev.is_some_and(|p| !p.is_whitespace()) {
            word_cuts.push(i);
            if prev.is_some_and(|p| matches!(p, '.' | '!' | '?' | '…' | ';' | ':')) {
                sentence_cuts.push(i);
            }
        }
        prev = Some(c);
    }
    let try_cut = |cut: usize| {
        let text = render_pieces(pieces, cut);
        let text = text.trim_end_matches([',', ';', ':', '–', '-', ' ']).to_string();
        let w = wrap(text, true);
        (chars(&w) <= max).then_some(w)
    };
    let (word_at, word_text) = last_fitting(&word_cuts, &try_cut)?;
    let sentence_cuts: Vec<usize> = sentence_cuts.into_iter().filter(|&c| c * 3 >= word_at).collect();
    if let Some((_, w)) = last_fitting(&sentence_cuts, &try_cut) {
        return Some(w);
    }
    Some(word_text)
}

/// The last of the ascending `cuts` for which `fits` gives a text, by binary search (a
/// longer prefix never renders shorter), checked again linearly near the edge.
fn last_fitting(cuts: &[usize], fits: &dyn Fn(usize) -> Option<String>) -> Option<(usize, String)> {
    let (mut lo, mut hi) = (0, cuts.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits(cuts[mid]).is_some() {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    cuts[..lo].iter().rev().take(3).find_map(|&c| fits(c).map(|w| (c, w)))
}

fn source_label(c: &Citation) -> String {
    c.source.clone().filter(|s| !s.trim().is_empty()).unwrap_or_else(|| c.article.clone())
}

fn undated(lang: Lang) -> &'static str {
    t(lang, ("ohne Datum", "undated"))
}

/// "— [Source, date](url)" or "— Source, date".
fn attribution(c: &Citation, lang: Lang) -> String {
    let date = c.published.map(|d| format_day(d, lang)).unwrap_or_else(|| undated(lang).to_string());
    let label = format!("{}, {date}", safe(&source_label(c), 120));
    match c.url.as_deref().and_then(link_url) {
        Some(url) => format!("— [{label}]({url})"),
        None => format!("— {label}"),
    }
}

/// A citation as a field value of at most `max` characters: the exact quote in quotation
/// marks, then who published it when, linked when the article has a URL. A shortened
/// quote ends at a sentence or word, with the ellipsis outside the quotation marks.
fn citation_text(c: &Citation, lang: Lang, max: usize) -> Option<String> {
    let (open, close) = quotation_marks(lang);
    let attr = attribution(c, lang);
    let wrap = move |q: String, cut: bool| {
        let ell = if cut { " […]" } else { "" };
        format!("{open}{}{close}{ell}\n{attr}", q.trim())
    };
    let quote = crate::text::charref::shown(&c.quote, &c.article);
    fit_quote(&[(quote.as_ref(), false)], max, &wrap)
}

// ---------------------------------------------------------------------------------
// Pagination

/// A button's custom id: `tw|<command>|<page>|<p or n>|<arguments>`.
fn custom_id(command: &str, page: usize, dir: char, args: &str) -> String {
    format!("tw|{command}|{page}|{dir}|{args}")
}

/// Reads a pagination button's custom id back into the command and the page it asks for.
pub fn parse_custom_id(id: &str) -> Option<(Command, usize)> {
    let mut parts = id.splitn(5, '|');
    if parts.next()? != "tw" {
        return None;
    }
    let command = parts.next()?;
    let page: usize = parts.next()?.parse().ok()?;
    let dir = parts.next()?;
    if dir != "p" && dir != "n" {
        return None;
    }
    let args = parts.next()?;
    let cmd = match command {
        "status" => {
            let (date, entity) = args.split_once('|')?;
            let as_of = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
            if entity.trim().is_empty() {
                return None;
            }
            Command::Status { entity: entity.to_string(), as_of: Some(as_of) }
        }
        "search" if !args.trim().is_empty() => Command::Search { query: args.to_string() },
        "sources" => Command::Sources,
        _ => return None,
    };
    Some((cmd, page))
}

/// ◀ page/n ▶ buttons, or `None` when there is one page or an id would be too long.
fn page_buttons(command: &str, args: &str, page: usize, pages: usize) -> Option<ActionRow> {
    if pages <= 1 {
        return None;
    }
    let prev = custom_id(command, page.saturating_sub(1), 'p', args);
    let next = custom_id(command, (page + 1).min(pages - 1), 'n', args);
    if chars(&prev) > limits::CUSTOM_ID || chars(&next) > limits::CUSTOM_ID {
        return None;
    }
    Some(ActionRow::new(vec![Button::secondary("◀", prev, page == 0), Button::secondary("▶", next, page + 1 >= pages)]))
}

fn page_label(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::De => format!("Seite {}/{}", page + 1, pages),
        Lang::En => format!("Page {} of {}", page + 1, pages),
    }
}

/// Packs items of the given sizes into pages of at most `max_items` and `budget` chars.
fn pack(sizes: &[usize], max_items: usize, budget: usize) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, &size) in sizes.iter().enumerate() {
        if i > start && (i - start >= max_items || used + size > budget) {
            pages.push(start..i);
            start = i;
            used = 0;
        }
        used += size;
    }
    if start < sizes.len() || pages.is_empty() {
        pages.push(start..sizes.len());
    }
    pages
}

// ---------------------------------------------------------------------------------
// /status

/// The measures of a status answer, most important first: in force, then the newest.
pub fn by_importance(measures: &[Measure]) -> Vec<&Measure> {
    let mut v: Vec<&Measure> = measures.iter().collect();
    v.sort_by(|a, b| {
        status_rank(a.status)
            .cmp(&status_rank(b.status))
            .then_with(|| b.sort_date().cmp(&a.sort_date()))
            .then_with(|| b.newest_source.cmp(&a.newest_source))
    });
    v
}

fn dates_line(m: &Measure, lang: Lang) -> Option<String> {
    let mut dates = m.dates.clone();
    dates.sort();
    dates.dedup();
    if dates.is_empty() {
        return None;
    }
    let parts: Vec<String> =
        dates.iter().take(8).map(|(d, r)| format!("{} {}", role_label(*r, lang), format_date(d, lang))).collect();
    Some(format!("**{}:** {}", t(lang, ("Daten", "Dates")), parts.join(" · ")))
}

/// One embed for one measure, within `budget` characters: whole citations are dropped
/// from the end first; only a lone citation that still does not fit is shortened.
fn measure_embed(m: &Measure, lang: Lang, budget: usize) -> Embed {
    let title = format!("{} — {}", m.kind.label(lang), m.status.label(lang));
    let mut lines = Vec::new();
    if !m.summary.trim().is_empty() {
        lines.push(safe(&m.summary, 1000));
    }
    if let Some(d) = dates_line(m, lang) {
        lines.push(d);
    }
    if let Some(a) = m.authority.as_deref().filter(|a| !a.trim().is_empty()) {
        let a = crate::answer::status::authority_label(a, lang);
        lines.push(format!("**{}:** {}", t(lang, ("Behörde", "Authority")), safe(a, 200)));
    }
    let base = chars(&title) + lines.iter().map(|l| chars(l) + 1).sum::<usize>() + 80;
    let mut fields = Vec::new();
    let mut used = base;
    let mut dropped = 0;
    let total = m.citations.len();
    for (i, c) in m.citations.iter().enumerate() {
        let name = match lang {
            Lang::De => format!("Beleg {}/{}", i + 1, total),
            Lang::En => format!("Source {}/{}", i + 1, total),
        };
        if fields.len() >= limits::FIELDS - 1 {
            dropped += 1;
            continue;
        }
        let room = budget.saturating_sub(used + chars(&name));
        if room < 120 {
            dropped += 1;
            continue;
        }
        let full = citation_text(c, lang, limits::FIELD_VALUE);
        let value = match full {
            Some(v) if chars(&v) <= room => Some(v),
            // Only the first citation may be shortened to fit; later ones are dropped whole.
            _ if fields.is_empty() => citation_text(c, lang, room.min(limits::FIELD_VALUE)),
            _ => None,
        };
        match value {
            Some(v) => {
                used += chars(&name) + chars(&v);
                fields.push(Field { name, value: v, inline: false });
            }
            None => dropped += 1,
        }
    }
    if dropped > 0 {
        lines.push(match lang {
            Lang::De => format!("_+ {dropped} weitere Belege, hier nicht gezeigt_"),
            Lang::En => format!("_+ {dropped} more sources not shown here_"),
        });
    }
    Embed {
        title: Some(title),
        description: Some(lines.join("\n")).filter(|d| !d.is_empty()),
        color: Some(status_color(m.status)),
        fields,
        ..Embed::default()
    }
}

fn count_measures(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::De, 1) => "1 Maßnahme".into(),
        (Lang::De, n) => format!("{n} Maßnahmen"),
        (Lang::En, 1) => "1 measure".into(),
        (Lang::En, n) => format!("{n} measures"),
    }
}

fn status_header(s: &StatusAnswer, lang: Lang) -> String {
    let entity = safe(&s.entity, 100);
    let as_of = format_day(s.as_of, lang);
    let mut head = match lang {
        Lang::De => format!("**{entity}** — {} in den Quellen, Stand {as_of}", count_measures(s.measures.len(), lang)),
        Lang::En => format!("**{entity}** — {} in the sources, as of {as_of}", count_measures(s.measures.len(), lang)),
    };
    if let Some(from) = s.resolved_from.as_deref().filter(|f| !f.trim().is_empty()) {
        let (open, close) = quotation_marks(lang);
        head.push_str(&match lang {
            Lang::De => format!(" (gefunden über {open}{}{close})", safe(from, 100)),
            Lang::En => format!(" (found via {open}{}{close})", safe(from, 100)),
        });
    }
    if let Some(newest) = s.newest_source {
        head.push_str(&match lang {
            Lang::De => format!("; neueste Quelle vom {}", format_day(newest, lang)),
            Lang::En => format!("; newest source {}", format_day(newest, lang)),
        });
    }
    head
}

fn nothing_found(entity: &str, lang: Lang) -> Embed {
    let (open, close) = quotation_marks(lang);
    let e = safe(entity, 100);
    Embed {
        description: Some(match lang {
            Lang::De => format!("Zu {open}{e}{close} steht in den Quellen keine Maßnahme."),
            Lang::En => format!("The sources report no measure against {open}{e}{close}."),
        }),
        color: Some(COLOR_INFO),
        ..Embed::default()
    }
}

fn render_status(s: &StatusAnswer, lang: Lang, page: usize) -> Message {
    let mut content = status_header(s, lang);
    if s.measures.is_empty() {
        return Message { content: Some(content), embeds: vec![nothing_found(&s.entity, lang)], ..Message::default() };
    }
    let ordered = by_importance(&s.measures);
    let embeds: Vec<Embed> = ordered.iter().map(|m| measure_embed(m, lang, PAGE_BUDGET)).collect();
    let sizes: Vec<usize> = embeds.iter().map(Embed::chars).collect();
    let pages = pack(&sizes, limits::EMBEDS, PAGE_BUDGET);
    let page = page.min(pages.len() - 1);
    let range = pages[page].clone();
    let args = format!("{}|{}", s.as_of.format("%Y-%m-%d"), s.entity);
    let buttons = page_buttons("status", &args, page, pages.len());
    let mut shown: Vec<Embed> = embeds[range.clone()].to_vec();
    if buttons.is_none() && pages.len() > 1 {
        let more = s.measures.len() - range.len();
        content.push_str(&match lang {
            Lang::De => format!("\n_… und {more} weitere Maßnahmen — /timeline zeigt alle._"),
            Lang::En => format!("\n_… and {more} more measures — use /timeline to see them all._"),
        });
    }
    if let Some(last) = shown.last_mut() {
        let mut footer = String::new();
        if buttons.is_some() {
            footer.push_str(&page_label(lang, page, pages.len()));
            footer.push_str(" · ");
        }
        footer.push_str(t(lang, ("Zitate wörtlich aus den Artikeln", "Quotes verbatim from the articles")));
        last.footer = Some(Footer { text: footer });
    }
    Message { content: Some(content), embeds: shown, components: buttons.into_iter().collect(), ..Message::default() }
}

// ---------------------------------------------------------------------------------
// /timeline

fn timeline_line(m: &Measure, lang: Lang) -> String {
    let date = m.sort_date().map(|d| format_date(&d, lang)).unwrap_or_else(|| "?".into());
    let mut line = format!("`{date}` **{}** — {}", m.kind.label(lang), m.status.label(lang));
    if let Some(a) = m.authority.as_deref().filter(|a| !a.trim().is_empty()) {
        line.push_str(&format!(" ({})", safe(crate::answer::status::authority_label(a, lang), 120)));
    }
    line
}

fn render_timeline(s: &StatusAnswer, lang: Lang) -> Message {
    let title = match lang {
        Lang::De => format!("{} — Zeitleiste", safe(&s.entity, 200)),
        Lang::En => format!("{} — timeline", safe(&s.entity, 200)),
    };
    if s.measures.is_empty() {
        let mut e = nothing_found(&s.entity, lang);
        e.title = Some(title);
        return Message { embeds: vec![e], ..Message::default() };
    }
    let mut ordered: Vec<&Measure> = s.measures.iter().collect();
    ordered.sort_by_key(|m| m.sort_date());
    let mut desc = String::new();
    let budget = limits::DESCRIPTION - 120;
    let mut shown = 0;
    for m in &ordered {
        let line = timeline_line(m, lang);
        if chars(&desc) + chars(&line) + 1 > budget {
            break;
        }
        desc.push_str(&line);
        desc.push('\n');
        shown += 1;
    }
    if shown < ordered.len() {
        let more = ordered.len() - shown;
        desc.push_str(&match lang {
            Lang::De => format!("_… und {more} weitere Maßnahmen_"),
            Lang::En => format!("_… and {more} more measures_"),
        });
    }
    let footer = match (lang, s.newest_source) {
        (Lang::De, Some(d)) => {
            format!("Stand {} · neueste Quelle vom {}", format_day(s.as_of, lang), format_day(d, lang))
        }
        (Lang::En, Some(d)) => format!("As of {} · newest source {}", format_day(s.as_of, lang), format_day(d, lang)),
        (Lang::De, None) => format!("Stand {}", format_day(s.as_of, lang)),
        (Lang::En, None) => format!("As of {}", format_day(s.as_of, lang)),
    };
    let mut msg = Message {
        embeds: vec![Embed {
            title: Some(title),
            description: Some(desc.trim_end().to_string()),
            color: Some(COLOR_INFO),
            footer: Some(Footer { text: footer }),
            ..Embed::default()
        }],
        ..Message::default()
    };
    match crate::chart::timeline_png(s, lang) {
        Ok(png) => {
            msg.attach(TIMELINE_FILE, png);
            msg.embeds[0].image = Some(Image { url: format!("attachment://{TIMELINE_FILE}") });
        }
        Err(e) => tracing::warn!("timeline chart failed: {e:#}"),
    }
    msg
}

// ---------------------------------------------------------------------------------
// /search

fn hit_field(i: usize, hit: &crate::index::SearchHit, lang: Lang) -> Option<Field> {
    let c = &hit.citation;
    let date = c.published.map(|d| format_day(d, lang)).unwrap_or_else(|| undated(lang).to_string());
    let name = format!("{}. {} · {date}", i + 1, safe(&source_label(c), 180));
    let link = c.url.as_deref().and_then(link_url).map(|u| format!("[{}]({u})", t(lang, ("Artikel", "Article"))));
    let (open, close) = quotation_marks(lang);
    let wrap = move |q: String, cut: bool| {
        let ell = if cut { " […]" } else { "" };
        match &link {
            Some(l) => format!("{open}{}{close}{ell}\n{l}", q.trim()),
            None => format!("{open}{}{close}{ell}", q.trim()),
        }
    };
    // Highlights are trusted only when removing their markers gives back the exact quote
    // (an article's own "**" would make them ambiguous).
    // A page's character references are decoded for the reader, its highlights then
    // dropped (their markers stand in the raw text).
    let quote = crate::text::charref::shown(&c.quote, &c.article);
    let raw = matches!(quote, std::borrow::Cow::Borrowed(_));
    let pieces = if raw && !c.quote.contains("**") && hit.highlighted.replace("**", "") == c.quote {
        highlight_pieces(&hit.highlighted)
    } else {
        vec![(quote.as_ref(), false)]
    };
    let value = fit_quote(&pieces, limits::FIELD_VALUE, &wrap)
        .or_else(|| fit_quote(&[(quote.as_ref(), false)], limits::FIELD_VALUE, &wrap))?;
    Some(Field { name, value, inline: false })
}

fn render_search(s: &SearchAnswer, lang: Lang, page: usize) -> Message {
    let (open, close) = quotation_marks(lang);
    let title = match lang {
        Lang::De => format!("Suche: {open}{}{close}", safe(&s.query, 200)),
        Lang::En => format!("Search: {open}{}{close}", safe(&s.query, 200)),
    };
    let fields: Vec<Field> = s.hits.iter().enumerate().filter_map(|(i, h)| hit_field(i, h, lang)).collect();
    if fields.is_empty() {
        return Message {
            embeds: vec![Embed {
                title: Some(title),
                description: Some(
                    t(
                        lang,
                        ("Dazu habe ich in den Artikeln nichts gefunden.", "Nothing in the articles matches that."),
                    )
                    .into(),
                ),
                color: Some(COLOR_INFO),
                ..Embed::default()
            }],
            ..Message::default()
        };
    }
    let sizes: Vec<usize> = fields.iter().map(|f| chars(&f.name) + chars(&f.value)).collect();
    let pages = pack(&sizes, limits::FIELDS, PAGE_BUDGET - chars(&title));
    let page = page.min(pages.len() - 1);
    let range = pages[page].clone();
    let buttons = page_buttons("search", &s.query, page, pages.len());
    let mut description = None;
    if buttons.is_none() && pages.len() > 1 {
        let more = fields.len() - range.len();
        description = Some(match lang {
            Lang::De => format!("_{more} weitere Treffer nicht gezeigt; eine genauere Suche hilft._"),
            Lang::En => format!("_{more} more hits not shown; a narrower search helps._"),
        });
    }
    let mut footer = match (lang, fields.len()) {
        (Lang::De, n) => format!("{n} Treffer"),
        (Lang::En, 1) => "1 hit".to_string(),
        (Lang::En, n) => format!("{n} hits"),
    };
    if buttons.is_some() {
        footer = format!("{} · {footer}", page_label(lang, page, pages.len()));
    }
    Message {
        embeds: vec![Embed {
            title: Some(title),
            description,
            color: Some(COLOR_INFO),
            fields: fields[range].to_vec(),
            footer: Some(Footer { text: footer }),
            ..Embed::default()
        }],
        components: buttons.into_iter().collect(),
        ..Message::default()
    }
}

// ---------------------------------------------------------------------------------
// /sources and /help

fn source_line(a: &crate::model::ArticleMeta, lang: Lang) -> String {
    let title = a.title.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or(&a.file);
    let mut line = format!("• **{}**", safe(title, 250));
    if let Some(s) = a.source.as_deref().filter(|s| !s.trim().is_empty()) {
        line.push_str(&format!(" — {}", safe(s, 100)));
    }
    match a.published {
        Some(d) if a.published_estimated => {
            line.push_str(&format!(", {} ({})", format_day(d, lang), t(lang, ("geschätzt", "estimated"))))
        }
        Some(d) => line.push_str(&format!(", {}", format_day(d, lang))),
        None => line.push_str(&format!(", {}", undated(lang))),
    }
    if let Some(u) = a.url.as_deref().and_then(link_url) {
        line.push_str(&format!(" · [{}]({u})", t(lang, ("Link", "link"))));
    }
    line
}

fn render_sources(s: &SourcesAnswer, lang: Lang, page: usize) -> Message {
    let title = match lang {
        Lang::De => format!("Quellen ({} Artikel)", s.articles.len()),
        Lang::En => format!("Sources ({} articles)", s.articles.len()),
    };
    if s.articles.is_empty() {
        return Message {
            embeds: vec![Embed {
                title: Some(title),
                description: Some(t(lang, ("Der Korpus ist leer.", "The corpus is empty.")).into()),
                ..Embed::default()
            }],
            ..Message::default()
        };
    }
    let mut articles: Vec<&crate::model::ArticleMeta> = s.articles.iter().collect();
    articles.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.file.cmp(&b.file)));
    let lines: Vec<String> = articles.iter().map(|a| source_line(a, lang)).collect();
    let sizes: Vec<usize> = lines.iter().map(|l| chars(l) + 1).collect();
    let pages = pack(&sizes, usize::MAX, limits::DESCRIPTION - 150);
    let page = page.min(pages.len() - 1);
    let range = pages[page].clone();
    let buttons = page_buttons("sources", "", page, pages.len());
    let mut desc = lines[range.clone()].join("\n");
    if buttons.is_none() && pages.len() > 1 {
        let more = lines.len() - range.len();
        desc.push_str(&match lang {
            Lang::De => format!("\n_… und {more} weitere Artikel_"),
            Lang::En => format!("\n_… and {more} more articles_"),
        });
    }
    let footer = buttons.as_ref().map(|_| Footer { text: page_label(lang, page, pages.len()) });
    Message {
        embeds: vec![Embed {
            title: Some(title),
            description: Some(desc),
            color: Some(COLOR_INFO),
            footer,
            ..Embed::default()
        }],
        components: buttons.into_iter().collect(),
        ..Message::default()
    }
}

fn render_help(lang: Lang) -> Message {
    let (title, body, footer) = match lang {
        Lang::De => (
            "tradewatch — Hilfe",
            "Ich lese Nachrichtenartikel über Handelsbeschränkungen gegen Tech-Firmen (Verbote, Sanktionen, \
             Schwarze Listen, Exportkontrollen, Zwangsverkäufe) und antworte mit wörtlichen Zitaten und Quellen.\n\n\
             **/status** `entity` `[as_of]` — welche Maßnahmen gegen eine Firma oder ein Produkt gelten, mit Daten, \
             Behörde und Belegen; `as_of` (JJJJ-MM-TT) fragt nach dem Stand an einem Tag.\n\
             **/timeline** `entity` — die Maßnahmen in zeitlicher Folge, mit Diagramm.\n\
             **/search** `query` — die passendsten Sätze aus den Artikeln, Treffer hervorgehoben.\n\
             **/sources** — alle Artikel, auf die ich mich stütze.\n\
             **/help** — diese Hilfe.",
            "Antworten auf Deutsch oder Englisch, je nach Sprache deines Discord-Clients.",
        ),
        Lang::En => (
            "tradewatch — help",
            "I read news articles about trade restrictions on tech companies (bans, sanctions, entity listings, \
             export controls, forced sales) and answer with exact quotes and their sources.\n\n\
             **/status** `entity` `[as_of]` — which measures stand against a company or product, with dates, \
             authority and citations; `as_of` (YYYY-MM-DD) asks how things stood on a given day.\n\
             **/timeline** `entity` — the measures in date order, with a chart.\n\
             **/search** `query` — the best-matching sentences from the articles, matches highlighted.\n\
             **/sources** — every article I rely on.\n\
             **/help** — this help.",
            "Replies come in German or English, following your Discord client's language.",
        ),
    };
    Message {
        embeds: vec![Embed {
            title: Some(title.into()),
            description: Some(body.into()),
            color: Some(COLOR_INFO),
            footer: Some(Footer { text: footer.into() }),
            ..Embed::default()
        }],
        ..Message::default()
    }
}

// ---------------------------------------------------------------------------------
// The last guard

/// Makes sure a message obeys every limit even if a renderer above misjudged: long
/// strings are cut at a word boundary, surplus fields and embeds are dropped. For the
/// answers the renderers build this changes nothing (the tests check that).
pub fn enforce_limits(msg: &mut Message) {
    if let Some(c) = &mut msg.content {
        if chars(c) > limits::CONTENT {
            *c = shorten_plain(c, limits::CONTENT);
        }
    }
    msg.embeds.truncate(limits::EMBEDS);
    for e in &mut msg.embeds {
        if let Some(title) = &mut e.title {
            if chars(title) > limits::TITLE {
                *title = shorten_plain(title, limits::TITLE);
            }
        }
        if let Some(d) = &mut e.description {
            if chars(d) > limits::DESCRIPTION {
                *d = shorten_plain(d, limits::DESCRIPTION);
            }
        }
        e.fields.truncate(limits::FIELDS);
        for f in &mut e.fields {
            if chars(&f.name) > limits::FIELD_NAME {
                f.name = shorten_plain(&f.name, limits::FIELD_NAME);
            }
            if chars(&f.value) > limits::FIELD_VALUE {
                f.value = shorten_plain(&f.value, limits::FIELD_VALUE);
            }
        }
        if let Some(f) = &mut e.footer {
            if chars(&f.text) > limits::FOOTER {
                f.text = shorten_plain(&f.text, limits::FOOTER);
            }
        }
    }
    let mut total = 0;
    let mut keep = 0;
    for e in &msg.embeds {
        if keep > 0 && total + e.chars() > limits::TOTAL {
            break;
        }
        total += e.chars();
        keep += 1;
    }
    msg.embeds.truncate(keep);
    while let Some(e) = msg.embeds.first_mut() {
        if e.chars() <= limits::TOTAL || e.fields.is_empty() {
            break;
        }
        e.fields.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_of_html_pages_show_their_characters() {
        let cite = |article: &str| Citation {
            article: article.into(),
            source: Some("The Verge".into()),
            published: chrono::NaiveDate::from_ymd_opt(2025, 12, 2),
            url: None,
            quote: "A judge granted Vibely&#8217;s request.".into(),
            range: 0..10,
        };
        let html = citation_text(&cite("page.html"), Lang::En, 1024).expect("fits");
        assert!(html.contains("Vibely’s request"), "{html}");
        // A Markdown article that writes "&#8217;" means it literally.
        let md = citation_text(&cite("page.md"), Lang::En, 1024).expect("fits");
        assert!(md.contains("&#8217;"), "{md}");
    }

    #[test]
    fn dates_in_the_readers_format() {
        let cases = [
            (PartialDate::parse("2020-09-20").unwrap(), "20.09.2020", "Sep 20, 2020"),
            (PartialDate::parse("2020-09").unwrap(), "09.2020", "Sep 2020"),
            (PartialDate::parse("2017").unwrap(), "2017", "2017"),
            (PartialDate::parse("2024-07-01").unwrap(), "01.07.2024", "Jul 1, 2024"),
        ];
        for (d, de, en) in cases {
            assert_eq!(format_date(&d, Lang::De), de);
            assert_eq!(format_date(&d, Lang::En), en);
        }
    }

    /// The character-by-character escaping the run-copying one replaced, as the
    /// reference it must agree with.
    fn escape_markdown_by_char(s: &str) -> String {
        let mut out = String::with_capacity(s.len() + s.len() / 8);
        let mut line_start = true;
        for (i, c) in s.char_indices() {
            match c {
                '\\' | '*' | '_' | '~' | '`' | '|' | '<' | '>' | '[' | ']' => {
                    out.push('\\');
                    out.push(c);
                }
                '#' | '-' | '+' if line_start => {
                    out.push('\\');
                    out.push(c);
                }
                '@' => {
                    out.push('@');
                    let rest = &s[i + 1..];
                    if starts_with_ignore_case(rest, "everyone") || starts_with_ignore_case(rest, "here") {
                        out.push('\u{200B}');
                    }
                }
                _ => out.push(c),
            }
            if c == '\n' {
                line_start = true;
            } else if !c.is_whitespace() {
                line_start = false;
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escaping_by_runs_agrees_with_escaping_by_characters(
            s in r"([a-zäöüß \x{a0}\n@#+*_~`|<>\\\[\]-]|everyone|here|Here){0,40}"
        ) {
            proptest::prop_assert_eq!(escape_markdown(&s), escape_markdown_by_char(&s));
        }
    }

    #[test]
    fn escaping_neutralises_markdown_and_mentions() {
        let cases = [
            ("@everyone", "@\u{200B}everyone"),
            ("<@&1> <@123>", "\\<@&1\\> \\<@123\\>"),
            ("**bold** _it_ `code` ||sp|| ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|sp\\|\\| \\~\\~s\\~\\~"),
            ("# head\n- item\n> quote", "\\# head\n\\- item\n\\> quote"),
            ("US-Handelsministerium #1", "US-Handelsministerium #1"),
            ("[x](http://evil)", "\\[x\\](http://evil)"),
        ];
        for (input, want) in cases {
            assert_eq!(escape_markdown(input), want, "{input}");
        }
    }

    #[test]
    fn quotes_are_cut_at_sentences_or_words_only() {
        let quote = "Erster Satz ist hier. Zweiter Satz folgt danach und ist deutlich länger als der erste.";
        let wrap = |q: String, cut: bool| format!("„{q}“{}", if cut { " […]" } else { "" });
        let whole = fit_quote(&[(quote, false)], 500, &wrap).unwrap();
        assert_eq!(whole, format!("„{quote}“"));
        let cut = fit_quote(&[(quote, false)], 40, &wrap).unwrap();
        assert_eq!(cut, "„Erster Satz ist hier.“ […]");
        let cut = fit_quote(&[(quote, false)], 70, &wrap).unwrap();
        assert!(cut.starts_with("„Erster Satz ist hier. Zweiter"), "{cut}");
        let inner = cut.trim_start_matches('„').split('“').next().unwrap();
        assert!(quote.starts_with(inner), "the kept text is exact: {inner}");
        assert!(fit_quote(&[("Donaudampfschifffahrt", false)], 5, &wrap).is_none());
    }

    #[test]
    fn highlights_survive_escaping() {
        let pieces = highlight_pieces("Das **Verkaufsverbot** gilt *ab* Montag");
        let out = render_pieces(&pieces, usize::MAX);
        assert_eq!(out, "Das **Verkaufsverbot** gilt \\*ab\\* Montag");
    }

    #[test]
    fn custom_ids_round_trip() {
        let id = custom_id("status", 2, 'n', "2020-10-01|TikTok");
        let (cmd, page) = parse_custom_id(&id).unwrap();
        assert_eq!(page, 2);
        assert_eq!(cmd, Command::Status { entity: "TikTok".into(), as_of: NaiveDate::from_ymd_opt(2020, 10, 1) });
        assert_eq!(parse_custom_id("tw|search|0|p|a|b").unwrap().0, Command::Search { query: "a|b".into() });
        for bad in
            ["", "tw", "tw|status|x|n|2020-01-01|A", "tw|status|1|n|2020-13-01|A", "tw|rm|1|n|", "xx|sources|0|n|"]
        {
            assert!(parse_custom_id(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn packing_respects_count_and_budget() {
        assert_eq!(pack(&[10, 10, 10], 2, 100), vec![0..2, 2..3]);
        assert_eq!(pack(&[60, 60, 10], 10, 100), vec![0..1, 1..3]);
        assert_eq!(pack(&[500], 10, 100), vec![0..1]);
        assert_eq!(pack(&[], 10, 100), vec![0..0]);
    }

    #[test]
    fn urls_are_made_safe_for_links() {
        assert_eq!(link_url("https://a.b/x_(y)").as_deref(), Some("https://a.b/x_%28y%29"));
        assert_eq!(link_url("javascript:alert(1)"), None);
        assert_eq!(link_url("https://a.b/<@1>"), None);
    }
}
