//! A corpus is a folder of article files (`.md` with front matter, `.txt`, `.html`).
//! Loading keeps the file text verbatim and describes it: metadata, the byte range of
//! the body, and the body's blocks (paragraphs), each marked when it is boilerplate.
//!
//! The pieces: `frontmatter` reads the `key: value` header, `html` finds the text runs of
//! an HTML page, `boilerplate` marks ads, bios, addresses and teasers by their form,
//! `sniff` guesses a missing publication date (from a dateline) and language.

mod boilerplate;
mod frontmatter;
mod html;
mod sniff;

use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::model::ArticleMeta;
use crate::text::segment::is_space;

pub use boilerplate::{is_table_row, line_feature, Feature};

/// One loaded article. `text` is the whole file, byte for byte (after UTF-8 validation);
/// every range below points into it.
#[derive(Debug, Clone)]
pub struct Article {
    pub meta: ArticleMeta,
    pub text: String,
    /// The body: everything after the front matter.
    pub body: Range<usize>,
    /// Paragraph-like blocks of the body, in order.
    pub blocks: Vec<Block>,
    /// blake3 of the file bytes, hex.
    pub hash: String,
    /// How the file was read (by its extension).
    pub format: Format,
}

/// The kinds of article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.md`: optional front matter, then the text.
    Markdown,
    /// `.txt`: the text alone.
    Text,
    /// `.html` / `.htm`: blocks are the text runs between tags.
    Html,
}

impl Format {
    /// The format for a file name, by extension (case-insensitive); `None` when the file
    /// is not an article.
    pub fn of(file: &str) -> Option<Format> {
        let ext = file.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A paragraph of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub range: Range<usize>,
    /// Ads, bios, addresses, teasers, disclaimers: never indexed, never cited.
    pub boilerplate: bool,
    /// A short line without sentence punctuation (a headline or subheading).
    pub heading: bool,
}

/// A citable unit: one sentence of a non-boilerplate block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub range: Range<usize>,
    /// Index into `Article::blocks`.
    pub block: usize,
}

/// Why a file could not be loaded. `line` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct LoadError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl LoadError {
    fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        LoadError { file: file.to_string(), line, message: message.into() }
    }
}

impl Article {
    /// The sentences of every non-boilerplate block, in order. A sentence's range is its
    /// text as the file writes it, so in an HTML page it holds any character references
    /// as written (`Vibely&#8217;s`): the quote stays an exact substring of the file. Pages
    /// are split with each reference read as its character; a sentence holding a
    /// reference that stands for a letter or digit (`f&uuml;r`), or one the loader does not
    /// know, is left out, since read as written its words would be torn apart (see
    /// ARCHITECTURE.md, "Character references").
    pub fn passages(&self) -> Vec<Passage> {
        let html = self.format == Format::Html;
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if b.boilerplate {
                continue;
            }
            let ranges = if html {
                crate::text::segment::sentences_of_html(&self.text, b.range.clone())
            } else {
                crate::text::segment::sentences(&self.text, b.range.clone())
            };
            for r in ranges {
                if html && !crate::text::charref::only_punctuation(&self.text[r.clone()]) {
                    continue;
                }
                out.push(Passage { range: r, block: i });
            }
        }
        out
    }

    pub fn slice(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }

    /// The 1-based line of byte offset `at` in the file.
    pub fn line_of(&self, at: usize) -> usize {
        line_of(self.text.as_bytes(), at)
    }
}

/// The 1-based line that byte offset `at` lies on.
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Files in `dir` (and its subfolders) that look like articles by extension (`.md`,
/// `.txt`, `.html`, `.htm`), sorted, as names relative to `dir` with `/` separators.
/// Hidden files and folders (`.name`), editor and temporary files (`name~`, `*.tmp`,
/// `*.swp`) and `README.md` files are left out; symlinked folders are not followed.
pub fn article_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    walk(dir, "", &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            tracing::warn!(path = %entry.path().display(), "skipping a file whose name is not UTF-8");
            continue;
        };
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".tmp") || name.ends_with(".swp") {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), &format!("{rel}/"), out)?;
        } else if (kind.is_file() || (kind.is_symlink() && entry.path().is_file()))
            && Format::of(&name).is_some()
            && !name.eq_ignore_ascii_case("readme.md")
        {
            out.push(rel);
        }
    }
    Ok(())
}

/// Loads every article file of `dir` (in parallel). Files that fail are reported in the
/// second list and do not stop the others; both lists follow the sorted file order.
pub fn load_dir(dir: &Path) -> (Vec<Article>, Vec<LoadError>) {
    let files = match article_files(dir) {
        Ok(f) => f,
        Err(e) => {
            let err = LoadError::new(&dir.display().to_string(), None, format!("cannot read the corpus folder: {e}"));
            return (Vec::new(), vec![err]);
        }
    };
    let results: Vec<Result<Article, LoadError>> = files
        .par_iter()
        .map(|file| match std::fs::read(dir.join(file)) {
            Ok(bytes) => parse_article(file, &bytes),
            Err(e) => Err(LoadError::new(file, None, format!("cannot read the file: {e}"))),
        })
        .collect();
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.push(e),
        }
    }
    (articles, errors)
}

/// Parses one article from its bytes. `file` is the name relative to the corpus folder;
/// its extension picks the format (anything unknown is read like `.md`).
pub fn parse_article(file: &str, bytes: &[u8]) -> Result<Article, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            return Err(LoadError::new(
                file,
                Some(line_of(bytes, at)),
                format!("invalid UTF-8 at byte {at}: the file must be UTF-8 encoded"),
            ));
        }
    };
    if text.chars().all(is_space) {
        return Err(LoadError::new(file, None, "empty file: no article text"));
    }
    let format = Format::of(file).unwrap_or(Format::Markdown);
    let mut meta = ArticleMeta { file: file.to_string(), ..ArticleMeta::default() };
    let mut language_given = false;

    let (body, mut blocks) = match format {
        Format::Html => {
            let page = html::scan(&text);
            meta.title = page.title;
            meta.source = page.source;
            meta.url = page.url;
            meta.published = page.published;
            if let Some(lang) = page.language {
                meta.language = lang;
                language_given = true;
            }
            (0..text.len(), page.blocks)
        }
        Format::Markdown | Format::Text => {
            let body_start = if format == Format::Markdown {
                let fm = frontmatter::parse(file, &text)?;
                if let Some(f) = fm.fields {
                    meta.title = f.title;
                    meta.source = f.source;
                    meta.url = f.url;
                    meta.published = f.published;
                    meta.published_estimated = f.published_estimated && f.published.is_some();
                    if let Some(l) = f.language {
                        meta.language = l;
                        language_given = true;
                    }
                }
                fm.body_start
            } else {
                bom_len(&text)
            };
            let body = body_start..text.len();
            (body.clone(), plain_blocks(&text, body))
        }
    };

    if blocks.is_empty() {
        let line = (body.start > 0).then(|| line_of(bytes, body.start));
        return Err(LoadError::new(file, line, "no article text"));
    }
    if let Some(title) = meta.title.as_deref() {
        mark_title_lines(&text, &mut blocks, title);
    }
    if meta.published.is_none() {
        if let Some(date) = sniff::dateline(&text, &blocks) {
            meta.published = Some(date);
            meta.published_estimated = true;
        }
    }
    if !language_given {
        let sample: Vec<&str> = blocks.iter().filter(|b| !b.boilerplate).map(|b| &text[b.range.clone()]).collect();
        meta.language = sniff::language(&sample);
    }
    if meta.title.is_none() {
        meta.title = blocks.iter().find(|b| b.heading && !b.boilerplate).map(|b| text[b.range.clone()].to_string());
    }
    Ok(Article { meta, hash: blake3::hash(bytes).to_hex().to_string(), text, body, blocks, format })
}

/// How many of the first blocks of the article text may repeat its title.
const TITLE_BLOCKS: usize = 3;

/// Marks as a heading a block among the first of the article text whose words are the
/// title's (a headline is a heading whatever its length). A page title's site name ("... |
/// The Verge") is not needed to match.
fn mark_title_lines(text: &str, blocks: &mut [Block], title: &str) {
    let short = [" | ", " – ", " — ", " - "].iter().filter_map(|sep| title.rsplit_once(sep)).map(|(head, _)| head);
    let short = short.max_by_key(|head| head.len());
    for b in blocks.iter_mut().filter(|b| !b.boilerplate).take(TITLE_BLOCKS) {
        let line = text[b.range.clone()].trim_start_matches('#');
        if same_words(line, title) || short.is_some_and(|head| same_words(line, head)) {
            b.heading = true;
        }
    }
}

/// True when `a` and `b` have the same words, letters compared in lower case (and at
/// least one word): their [`boilerplate::repeat_key`]s are equal. Compared word by word,
/// so a long paragraph is given up on at its first word that differs from the title's.
fn same_words(a: &str, b: &str) -> bool {
    let (mut left, mut right) = (a.split_whitespace(), b.split_whitespace());
    let mut any = false;
    loop {
        match (left.next(), right.next()) {
            (None, None) => return any,
            (Some(x), Some(y)) => {
                // Each word lowercased on its own is what the whole key's lowercasing
                // makes of it: Greek final sigma, the one letter whose lowercase depends
                // on its neighbours, looks no further than the spaces around its word.
                let equal = if x.is_ascii() && y.is_ascii() {
                    x.eq_ignore_ascii_case(y)
                } else {
                    x.to_lowercase() == y.to_lowercase()
                };
                if !equal {
                    return false;
                }
                any = true;
            }
            _ => return false,
        }
    }
}

fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    }
}

/// Splits a plain-text body into blocks, one per non-blank line, and classifies them.
/// A long line that breaks off mid-sentence (no closing punctuation, ends in a lower-case
/// word) is joined with the next line when that one continues the sentence; across a
/// blank line only when it ends in a word no sentence ends in ("unter", "the").
fn plain_blocks(text: &str, body: Range<usize>) -> Vec<Block> {
    // Each non-blank line, and whether a blank line stands before it.
    let mut lines: Vec<(Range<usize>, bool)> = Vec::new();
    let mut at = body.start;
    let mut blank = false;
    for line in text[body.clone()].split_inclusive('\n') {
        let r = trim_range(text, at..at + line.len());
        at += line.len();
        if r.is_empty() {
            blank = true;
        } else {
            lines.push((r, blank && !lines.is_empty()));
            blank = false;
        }
    }
    let mut merged: Vec<Range<usize>> = Vec::new();
    // Per merged line: whether the next one follows it without a blank line between.
    let mut glued: Vec<bool> = Vec::new();
    for (r, blank_before) in lines {
        if let Some(prev) = merged.last_mut() {
            if continues_sentence(&text[prev.clone()], &text[r.clone()], blank_before) {
                prev.end = r.end;
                continue;
            }
        }
        if let Some(g) = glued.last_mut() {
            *g = !blank_before;
        }
        merged.push(r);
        glued.push(false);
    }
    let texts: Vec<&str> = merged.iter().map(|r| &text[r.clone()]).collect();
    let span = body.len().max(1) as f64;
    let positions: Vec<f64> = merged.iter().map(|r| (r.start - body.start) as f64 / span).collect();
    let classes = boilerplate::classify(&texts, &positions, &[], &glued);
    merged
        .into_iter()
        .zip(classes)
        .map(|(range, c)| Block { range, boilerplate: c.boilerplate, heading: c.heading })
        .collect()
}

/// Words that cannot end a sentence: a line ending in one broke off mid-sentence.
const DANGLING: &[&str] = &[
    "unter", "auf", "mit", "von", "für", "und", "oder", "aber", "der", "die", "das", "den", "dem", "des", "ein",
    "eine", "einer", "einen", "einem", "zu", "zum", "zur", "im", "in", "an", "am", "bei", "nach", "aus", "über", "vor",
    "durch", "gegen", "ohne", "um", "dass", "wie", "als", "the", "a", "an", "of", "to", "and", "or", "with", "for",
    "from", "on", "at", "by", "that",
];

/// True when `next` carries on the sentence that `prev` broke off: `prev` is long and ends
/// in a word that cannot close a sentence, or (with no blank line between them) is too
/// long to be a heading and ends in a lower-case word other than a web address
/// ("tradeguard.de" completes an ad); `next` is a long line that closes the sentence.
fn continues_sentence(prev: &str, next: &str, blank_between: bool) -> bool {
    // The cheap tests on the last and first letter go first: most lines end a sentence.
    let last = prev.chars().last().unwrap_or('.');
    let first = next.chars().next().unwrap_or('.');
    if !last.is_lowercase() || !first.is_alphanumeric() {
        return false;
    }
    let at_least = |s: &str, n: usize| !boilerplate::at_most_words(s, n - 1);
    let last_word = prev.split_whitespace().next_back().unwrap_or("");
    let dangling = DANGLING.contains(&last_word);
    (dangling && at_least(prev, 8) || !blank_between && at_least(prev, 15) && !boilerplate::is_web_address(last_word))
        && at_least(next, 8)
        && next.trim_end().ends_with(['.', '!', '?', '"', '“', '”', '«', '»'])
        && boilerplate::line_feature(prev).is_none()
        && boilerplate::line_feature(next).is_none()
}

/// Shrinks `r` to exclude surrounding whitespace (NBSP and zero-width spaces too).
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    if lead >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

#[cfg(test)]
mod tests;
