//! HTML articles. The file stays the article text, so quotes remain exact substrings of
//! it: the blocks are the byte ranges of the text runs between tags. Runs inside
//! `<script>`, `<style>`, `<nav>`, `<header>`, `<footer>`, `<aside>` (and other page
//! furniture) are skipped. Runs are classified as boilerplate paragraph by paragraph
//! (the runs between two block-level tags, with character references decoded). Sentences
//! are split with each character reference read as the character it stands for; see
//! `Article::passages` for which of them are cited.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::{boilerplate, Block};
use crate::model::Lang;

/// What an HTML page gives the loader.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub title: Option<String>,
    /// The site's name: `og:site_name`, else `application-name`, else a publisher meta tag.
    pub source: Option<String>,
    /// The page's address: `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub language: Option<Lang>,
    pub blocks: Vec<Block>,
}

/// The meta tags that name the site, best first.
const SITE_NAME_KEYS: &[&str] =
    &["og:site_name", "application-name", "publisher", "dc.publisher", "article:publisher", "citation_publisher"];

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "noscript", "template", "svg", "form", "button", "select", "figure", "head",
    "iframe", "object", "canvas", "menu", "dialog",
];
/// Elements whose content is raw text up to the matching end tag.
const RAW: &[&str] = &["script", "style", "title", "textarea"];
/// Elements that start a new paragraph.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "br",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "body",
    "html",
    "figcaption",
    "caption",
];
const VOID: &[&str] =
    &["br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "base", "col", "embed", "track"];

/// Replaces the known character references by the characters they stand for.
pub(crate) fn decode_entities(s: &str) -> String {
    crate::text::charref::decode(s).into_owned()
}

/// A text run between tags.
struct Run {
    range: Range<usize>,
    paragraph: usize,
}

/// Scans an HTML page: its runs of text, `<title>`, `<html lang>` and date meta tags.
pub(crate) fn scan(text: &str) -> Page {
    let bytes = text.as_bytes();
    let mut page = Page::default();
    let mut runs: Vec<Run> = Vec::new();
    let mut heading_paragraphs: Vec<usize> = Vec::new();
    let mut paragraph = 0usize;
    let mut skip_depth = 0usize;
    let mut i = 0usize;
    let mut text_start = 0usize;
    let mut first_h1: Option<String> = None;
    // The site's name, with the rank of the tag it came from (lower wins).
    let mut source: Option<(usize, String)> = None;
    let (mut canonical, mut og_url): (Option<String>, Option<String>) = (None, None);
    let mut in_h1 = false;

    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            i += 1; // a lone "<" in the text
            continue;
        }
        // Flush the text before the tag.
        if skip_depth == 0 && text_start < i {
            let r = super::trim_range(text, text_start..i);
            if text[r.clone()].chars().any(char::is_alphanumeric) {
                if in_h1 && first_h1.is_none() {
                    first_h1 = Some(decode_entities(&text[r.clone()]));
                }
                runs.push(Run { range: r, paragraph });
            }
        }
        if text[i..].starts_with("<!--") {
            i = text[i + 4..].find("-->").map_or(bytes.len(), |e| i + 4 + e + 3);
            text_start = i;
            continue;
        }
        let tag_end = find_tag_end(bytes, i + 1);
        let inner_end = if bytes.get(tag_end.wrapping_sub(1)) == Some(&b'>') { tag_end - 1 } else { tag_end };
        let inner = &text[i + 1..inner_end.max(i + 1)];
        i = tag_end;
        text_start = i;
        if next == b'!' || next == b'?' {
            continue;
        }
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let self_closing = inner.trim_end().ends_with('/');
        if BLOCK_LEVEL.contains(&name.as_str()) {
            paragraph += 1;
        }
        if name == "h1" {
            in_h1 = !closing;
        }
        if name == "body" && !closing {
            skip_depth = 0; // a <head> without its end tag
        }
        if !closing && matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            heading_paragraphs.push(paragraph);
        }
        if closing {
            if SKIPPED.contains(&name.as_str()) {
                skip_depth = skip_depth.saturating_sub(1);
            }
            continue;
        }
        let attrs = attributes(inner);
        match name.as_str() {
            "html" => {
                if let Some(l) = attr(&attrs, "lang").and_then(Lang::parse) {
                    page.language = Some(l);
                }
            }
            "link" if attr(&attrs, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                if let Some(href) = attr(&attrs, "href").filter(|h| is_web_address(h)) {
                    canonical = Some(href.to_string());
                }
            }
            "meta" => {
                let key = attr(&attrs, "name").or_else(|| attr(&attrs, "property")).unwrap_or("").to_ascii_lowercase();
                if key == "og:url" {
                    if let Some(href) = attr(&attrs, "content").filter(|h| is_web_address(h)) {
                        og_url.get_or_insert_with(|| href.to_string());
                    }
                }
                if matches!(key.as_str(), "date" | "article:published_time" | "pubdate" | "dc.date" | "publish-date") {
                    if let Some((_, d)) = attr(&attrs, "content").and_then(super::sniff::find_date) {
                        page.published.get_or_insert(d);
                    }
                }
                if let Some(rank) = SITE_NAME_KEYS.iter().position(|k| *k == key) {
                    let name = attr(&attrs, "content").map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "));
                    // A publisher given as a link ("https://facebook.com/verge") names no one.
                    let name = name.filter(|v| !v.is_empty() && !v.contains("://") && !v.starts_with("www."));
                    if let Some(name) = name {
                        if source.as_ref().is_none_or(|(r, _)| rank < *r) {
                            source = Some((rank, name));
                        }
                    }
                }
                if key == "language" || key == "content-language" {
                    if let Some(l) = attr(&attrs, "content").and_then(Lang::parse) {
                        page.language.get_or_insert(l);
                    }
                }
            }
            _ => {}
        }
        if RAW.contains(&name.as_str()) && !self_closing {
            let close = format!("</{name}");
            let end = find_ci(text, i, &close).unwrap_or(bytes.len());
            if name == "title" && page.title.is_none() {
                let t = decode_entities(text[i..end].trim());
                if !t.trim().is_empty() {
                    page.title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            i = if end < bytes.len() { find_tag_end(bytes, end + 1) } else { end };
            text_start = i;
            continue;
        }
        if SKIPPED.contains(&name.as_str()) && !self_closing && !VOID.contains(&name.as_str()) {
            skip_depth += 1;
        }
    }
    if skip_depth == 0 && text_start < bytes.len() {
        let r = super::trim_range(text, text_start..bytes.len());
        if text[r.clone()].chars().any(char::is_alphanumeric) {
            runs.push(Run { range: r, paragraph });
        }
    }
    if page.title.is_none() {
        page.title = first_h1;
    }
    page.source = source.map(|(_, name)| name);
    page.url = canonical.or(og_url);
    // Without a site name in the meta tags, the site's name that ends the title ("… -
    // Ars Technica", "… | heise online") is the source, and no part of the title.
    if page.source.is_none() {
        if let Some((head, site)) = page.title.as_deref().and_then(title_site) {
            page.source = Some(site.to_string());
            page.title = Some(head.to_string());
        }
    }
    page.blocks = classify_runs(text, &runs, &heading_paragraphs);
    page
}

/// Classifies runs paragraph by paragraph and hands each run its paragraph's verdict.
fn classify_runs(text: &str, runs: &[Run], heading_paragraphs: &[usize]) -> Vec<Block> {
    let mut paragraphs: Vec<(usize, String, usize)> = Vec::new(); // (id, text, first byte)
    for r in runs {
        let piece = decode_entities(&text[r.range.clone()]);
        match paragraphs.last_mut() {
            Some((id, t, _)) if *id == r.paragraph => {
                t.push(' ');
                t.push_str(&piece);
            }
            _ => paragraphs.push((r.paragraph, piece, r.range.start)),
        }
    }
    let texts: Vec<&str> = paragraphs.iter().map(|(_, t, _)| t.as_str()).collect();
    let total = text.len().max(1) as f64;
    let positions: Vec<f64> = paragraphs.iter().map(|&(_, _, at)| at as f64 / total).collect();
    let forced: Vec<bool> = paragraphs.iter().map(|(id, _, _)| heading_paragraphs.contains(id)).collect();
    let classes = boilerplate::classify(&texts, &positions, &forced, &[]);
    runs.iter()
        .map(|r| {
            let k = paragraphs.iter().position(|(id, _, _)| *id == r.paragraph).unwrap_or(0);
            let c = classes.get(k).copied().unwrap_or_default();
            Block { range: r.range.clone(), boilerplate: c.boilerplate, heading: c.heading }
        })
        .collect()
}

/// The index just past the `>` that closes the tag opened before `from`, skipping quoted
/// attribute values; the end of the input when there is none.
fn find_tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut j = from;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return j + 1,
            None => {}
        }
        j += 1;
    }
    bytes.len()
}

/// Case-insensitive search for an ASCII `needle` in `text[from..]`.
fn find_ci(text: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let n = needle.as_bytes();
    (from..hay.len().saturating_sub(n.len() - 1)).find(|&k| hay[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The `name="value"` pairs of a tag's inside (names lower-cased).
fn attributes(inner: &str) -> Vec<(String, String)> {
    static ATTR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))"#)
            .expect("valid built-in regex")
    });
    ATTR.captures_iter(inner)
        .map(|c| {
            let v = c.get(2).or_else(|| c.get(3)).or_else(|| c.get(4)).map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), decode_entities(v))
        })
        .collect()
}

/// An absolute web address, as a citation can link to.
fn is_web_address(href: &str) -> bool {
    (href.starts_with("https://") || href.starts_with("http://")) && !href.contains(char::is_whitespace)
}

/// A title's head and the site name after its last separator (" | ", " - ", " – ", " — "),
/// where the head is the longer part. After " | " the name has at most four words; after a
/// dash, which also joins two halves of a headline, at most three, each capitalised or a
/// domain ("Ars Technica", "ZEIT ONLINE", "tagesschau.de", "heise online" only after " | ").
fn title_site(title: &str) -> Option<(&str, &str)> {
    let (at, sep) = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, *sep)))
        .max_by_key(|(at, _)| *at)?;
    let (head, site) = (title[..at].trim(), title[at + sep.len()..].trim());
    let words: Vec<&str> = site.split_whitespace().collect();
    let named = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || w.contains('.');
    let fits = if sep == " | " {
        (1..=4).contains(&words.len())
    } else {
        (1..=3).contains(&words.len()) && words.iter().all(named)
    };
    (fits && head.len() > site.len() && !site.ends_with(['.', '?', '!', ':'])).then_some((head, site))
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}
