//! German- and English-aware sentence splitting over byte ranges.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets glued to
//! it) when whitespace follows and the next word can open a sentence, and at a `:` that
//! ends a line. A full stop does not end a sentence after an abbreviation ("z. B.",
//! "Dr.", "bzw."), an initial ("U.S.", "Donald J. Trump"), an ordinal or a date ("am 20.
//! Juli", "der 3. Versuch", "16.07.2024"), or when the next word is lower case. Ranges
//! come back trimmed of whitespace (NBSP and zero-width spaces too), of list bullets and
//! of stray full stops, so every range is a clean, exact quote.

use std::ops::Range;

/// Abbreviations after which a full stop never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Prof", "Dipl", "Ing", "Hr", "Hrn", "Fr", "Frl", "St", "Mr", "Mrs", "Ms", "Jr", "Sr", "Gen", "Sen", "Rep",
    "Gov", "Lt", "Col", "Capt", "Sgt", "Mio", "Mrd", "Tsd", "Mill", "Jh", "Jhd", "Hrsg", "Abt", "Co", "bzw", "ca",
    "vgl", "ggf", "evtl", "inkl", "zzgl", "exkl", "sog", "bspw", "insb", "vs", "approx", "Bzw", "Ca", "Vgl", "Ggf",
    "Evtl", "Inkl", "Sog", "Bspw", "Insb", "resp", "ehem", "gem", "lt", "urspr", "ugs", "Chr", "rd", "Rd", "geb",
    "gest", "Verf", "Anm", "Abb", "Tab", "Ziff", "Nrn",
];

/// Abbreviations that only keep the sentence going when a number follows ("Nr. 5",
/// "Art. 3", "Jan. 2020"); before a word they may well end a sentence ("eine neue Art.").
const ABBREVIATIONS_BEFORE_NUMBER: &[&str] = &[
    "Nr", "No", "Art", "Abs", "Bd", "Vol", "Kap", "S", "Jan", "Feb", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Okt", "Oct", "Nov", "Dez", "Dec", "Tel", "Fig",
];

/// The abbreviations of US states as datelines write them after a town and a comma
/// ("NASHVILLE, Tenn. (AP) —", "in Austin, Tex., on Monday"): after a comma, the full
/// stop does not end the sentence. (Dotted ones, "N.J.", are initials anyway.)
const STATE_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Cal", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La",
    "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wisc", "Wyo",
];

/// "etc." and "usw." close many sentences; mid-sentence the lower-case rule keeps them.
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &["etc", "usw"];

/// Legal forms written with a full stop, which may end a sentence but not before a bracket.
const CORPORATE_ABBREVIATIONS: &[&str] = &["Inc", "Corp", "Ltd", "Co", "Bhd", "Pte", "Plc", "Cie", "Sdn"];

/// Words after which a small number with a full stop is an ordinal ("der 3. Versuch").
const ORDINAL_LEADS: &[&str] = &[
    "der", "die", "das", "dem", "den", "des", "am", "im", "zum", "zur", "vom", "beim", "bis", "ab", "seit", "ein",
    "eine", "einem", "einen", "einer", "eines", "jeder", "jede", "jedes", "jeden", "jedem", "dieser", "diese",
    "dieses", "diesem", "diesen", "ihr", "ihre", "ihrem", "ihren", "ihres", "ihrer", "sein", "seine", "seinem",
    "seinen", "seines", "seiner", "unser", "unsere", "unserem", "unseren", "unseres", "unserer", "vor", "nach", "zum",
    "Der", "Die", "Das", "Am", "Im", "Zum", "Zur", "Vom", "Ab", "Seit", "Bis",
];

/// Characters that close a quotation or a parenthesis and stay with the sentence they end.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '’' | '«' | '»' | '‹' | '›' | ')' | ']' | '}')
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Whitespace for trimming: Unicode whitespace plus zero-width characters and BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Splits `text[range]` into sentences, returning byte ranges into `text` trimmed of
/// surrounding whitespace. The ranges are non-empty, ordered, non-overlapping, lie within
/// `range` and start and end on char boundaries. A `range` that is out of bounds or not
/// on char boundaries is clamped to the nearest valid one.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    split(text, range, false)
}

/// [`sentences`] for the text of an HTML page: each character reference (`&#8221;`,
/// `&nbsp;`) is read as the character it stands for, so `wrote.&#8221; The` ends a
/// sentence after the closing quote. The ranges still cover the references as written.
pub fn sentences_of_html(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    split(text, range, true)
}

thread_local! {
    /// The sentences of the paragraphs this thread has split, as ranges within each
    /// paragraph (one memo for plain text, one for HTML): a paragraph that several
    /// outlets print is split once.
    static SPLITS: [std::cell::RefCell<super::memo::Memo<Vec<Range<usize>>>>; 2] = Default::default();
}

/// [`split_text`], remembered for a piece of text split before: what it splits is the
/// clamped piece alone, wherever it stands.
fn split(text: &str, range: Range<usize>, references: bool) -> Vec<Range<usize>> {
    let (start, end) = clamp(text, range);
    if start >= end {
        return Vec::new();
    }
    let piece = &text[start..end];
    let shifted = |ranges: &[Range<usize>]| ranges.iter().map(|r| r.start + start..r.end + start).collect();
    let memo = usize::from(references);
    if let Some(found) = SPLITS.with(|m| m[memo].borrow().get(piece).map(|r| shifted(r))) {
        return found;
    }
    let ranges = split_text(piece, 0..piece.len(), references);
    let found = shifted(&ranges);
    SPLITS.with(|m| m[memo].borrow_mut().insert(piece, ranges));
    found
}

/// Splits `range` of `text` into sentences, reading character references as their
/// characters when `references` is set.
fn split_text(text: &str, range: Range<usize>, references: bool) -> Vec<Range<usize>> {
    let (start, end) = clamp(text, range);
    if start >= end {
        return Vec::new();
    }
    // Each character with the byte offset where it is written.
    let piece = &text[start..end];
    let chars: Vec<(usize, char)> = if references && piece.contains('&') {
        let mut chars = Vec::with_capacity(piece.len());
        let mut it = piece.char_indices();
        while let Some((i, c)) = it.next() {
            match (c == '&').then(|| super::charref::at(&piece[i..])).flatten() {
                Some((decoded, len)) => {
                    chars.push((i + start, decoded));
                    // The rest of the reference is ASCII: one char per byte.
                    it.nth(len - 2);
                }
                None => chars.push((i + start, c)),
            }
        }
        chars
    } else {
        piece.char_indices().map(|(i, c)| (i + start, c)).collect()
    };
    let mut out = Vec::new();
    let mut sent_start = 0usize; // char index where the current sentence begins
    let mut k = 0usize;
    while k < chars.len() {
        let c = chars[k].1;
        let mut boundary_after: Option<usize> = None; // char index just past the sentence end
        if is_terminal(c) {
            // Take the whole run of terminal punctuation ("?!", "...", ". .") and closers.
            let mut j = k + 1;
            while j < chars.len() && is_terminal(chars[j].1) {
                j += 1;
            }
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            if ends_sentence(&chars, sent_start, k, j) {
                boundary_after = Some(j);
            } else {
                k = j;
                continue;
            }
        } else if c == ':' {
            // A colon ends a sentence only when the line ends after it.
            let mut j = k + 1;
            while j < chars.len() && chars[j].1 != '\n' && is_space(chars[j].1) {
                j += 1;
            }
            if j < chars.len() && chars[j].1 == '\n' {
                boundary_after = Some(k + 1);
            }
        }
        match boundary_after {
            Some(j) => {
                push_trimmed(&chars, sent_start, j, end, &mut out);
                sent_start = j;
                k = j;
            }
            None => k += 1,
        }
    }
    push_trimmed(&chars, sent_start, chars.len(), end, &mut out);
    out
}

/// Clamps a range to `text` and moves its ends inward to char boundaries.
fn clamp(text: &str, range: Range<usize>) -> (usize, usize) {
    let mut s = range.start.min(text.len());
    let mut e = range.end.min(text.len());
    while s < e && !text.is_char_boundary(s) {
        s += 1;
    }
    while e > s && !text.is_char_boundary(e) {
        e -= 1;
    }
    (s, e)
}

/// Decides whether the terminal punctuation at char `k` (with its run and closers up to
/// `j`) ends the sentence that began at char `sent_start`.
fn ends_sentence(chars: &[(usize, char)], sent_start: usize, k: usize, j: usize) -> bool {
    // Whitespace (or the end) must follow: "16.07.2024", "U.S.", "www.x.de" do not split.
    if j < chars.len() && !is_space(chars[j].1) {
        return false;
    }
    let next = next_word(chars, j);
    if let Some(w) = &next {
        if starts_lower(w) {
            return false;
        }
        if w.starts_with([',', ';']) {
            return false;
        }
    }
    // Only a full stop (alone) can belong to an abbreviation or an ordinal.
    if chars[k].1 != '.' || (k + 1 < chars.len() && is_terminal(chars[k + 1].1)) {
        return true;
    }
    let token = token_before(chars, sent_start, k);
    if token.is_empty() {
        return true;
    }
    let last_segment = token.rsplit('.').next().unwrap_or(&token);
    let next_is_number = next.as_deref().is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    // A capitalised month name or abbreviation (see `text::months`).
    let next_is_month = next
        .as_deref()
        .map(trim_word)
        .is_some_and(|w| w.starts_with(char::is_uppercase) && super::months::number(w).is_some());
    // Single letters: initials ("J.", "U.S.") and pieces of "z. B.", "u. a.", "d. h.".
    if last_segment.chars().count() == 1 && last_segment.chars().all(char::is_alphabetic) {
        return false;
    }
    if SENTENCE_FINAL_ABBREVIATIONS.contains(&last_segment) {
        return true;
    }
    // A company's legal form before its short name in brackets: "Technologies, Inc. (CXMT)",
    // or before the rest of the form: "Sdn. Bhd.", "Pte. Ltd.".
    if CORPORATE_ABBREVIATIONS.contains(&last_segment)
        && (chars.get(j + 1).is_some_and(|&(_, c)| c == '(')
            || next.as_deref().map(trim_word).is_some_and(|w| CORPORATE_ABBREVIATIONS.contains(&w)))
    {
        return false;
    }
    if ABBREVIATIONS.contains(&last_segment) {
        return false;
    }
    if ABBREVIATIONS_BEFORE_NUMBER.contains(&last_segment) && next_is_number {
        return false;
    }
    if STATE_ABBREVIATIONS.contains(&last_segment)
        && token.len() == last_segment.len()
        && word_before_token(chars, sent_start, k, token.chars().count()).is_some_and(|w| w.ends_with(','))
    {
        return false;
    }
    // Numbers: ordinals and dates ("20. Juli", "der 3. Versuch", "30.1. 2017").
    if !last_segment.is_empty() && last_segment.chars().all(|c| c.is_ascii_digit()) {
        let small = last_segment.len() <= 2;
        let first_of_sentence = token_is_first(chars, sent_start, k, token.chars().count());
        if small && (next_is_month || next_is_number || first_of_sentence) {
            return false;
        }
        if small {
            if let Some(prev) = word_before_token(chars, sent_start, k, token.chars().count()) {
                if ORDINAL_LEADS.contains(&prev.as_str()) {
                    return false;
                }
            }
        }
        if token.contains('.') && next_is_number {
            return false;
        }
    }
    true
}

/// The next whitespace-delimited word after char index `j`, with leading opening quotes
/// and brackets removed.
fn next_word(chars: &[(usize, char)], j: usize) -> Option<String> {
    let mut i = j;
    while i < chars.len() && is_space(chars[i].1) {
        i += 1;
    }
    if i >= chars.len() {
        return None;
    }
    let mut w = String::new();
    while i < chars.len() && !is_space(chars[i].1) {
        w.push(chars[i].1);
        i += 1;
    }
    let trimmed = w.trim_start_matches(['"', '\'', '„', '“', '”', '‚', '‘', '»', '«', '(', '[']);
    Some(if trimmed.is_empty() { w } else { trimmed.to_string() })
}

fn trim_word(w: &str) -> &str {
    w.trim_end_matches(|c: char| !c.is_alphanumeric())
}

/// True when the word is written in lower case throughout ("die", "ca.") — not "iPhone",
/// "eBay", which may open a sentence.
fn starts_lower(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_lowercase() => !cs.any(char::is_uppercase),
        _ => false,
    }
}

/// The non-whitespace token ending just before char `k`, without opening brackets, quotes
/// or emphasis ("**30." in "- **30. September 2025:**").
fn token_before(chars: &[(usize, char)], sent_start: usize, k: usize) -> String {
    let mut i = k;
    while i > sent_start && !is_space(chars[i - 1].1) {
        i -= 1;
    }
    let t: String = chars[i..k].iter().map(|&(_, c)| c).collect();
    t.trim_start_matches(['"', '\'', '„', '“', '‚', '‘', '»', '«', '(', '[', '*', '_']).to_string()
}

/// True when the token ending at `k` is the first word of the sentence ("1. Punkt").
fn token_is_first(chars: &[(usize, char)], sent_start: usize, k: usize, token_len: usize) -> bool {
    let begin = k.saturating_sub(token_len);
    chars[sent_start..begin].iter().all(|&(_, c)| is_space(c) || is_terminal(c) || matches!(c, '-' | '•' | '*'))
}

/// The word before the token that ends at `k`.
fn word_before_token(chars: &[(usize, char)], sent_start: usize, k: usize, token_len: usize) -> Option<String> {
    let mut i = k.saturating_sub(token_len);
    while i > sent_start && is_space(chars[i - 1].1) {
        i -= 1;
    }
    let end = i;
    while i > sent_start && !is_space(chars[i - 1].1) {
        i -= 1;
    }
    (i < end).then(|| chars[i..end].iter().map(|&(_, c)| c).collect())
}

/// The characters that open an item of a bulleted list.
pub const BULLETS: &[char] = &['•', '·', '▪', '-', '–', '*'];

/// Pushes chars `[from, to)` as a byte range after trimming whitespace, leading list
/// bullets and stray punctuation; drops pieces with no letter or digit.
fn push_trimmed(chars: &[(usize, char)], from: usize, to: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let mut a = from;
    let mut b = to;
    loop {
        while a < b && is_space(chars[a].1) {
            a += 1;
        }
        // Stray full stops left by ". ." runs, and list bullets followed by a space.
        if a < b && (chars[a].1 == '.' || BULLETS.contains(&chars[a].1)) {
            let bullet = chars[a].1 != '.';
            if !bullet || (a + 1 < b && is_space(chars[a + 1].1)) {
                a += 1;
                continue;
            }
        }
        break;
    }
    while b > a && is_space(chars[b - 1].1) {
        b -= 1;
    }
    if a >= b || !chars[a..b].iter().any(|&(_, c)| c.is_alphanumeric()) {
        return;
    }
    let start = chars[a].0;
    let stop = chars.get(b).map(|&(i, _)| i).unwrap_or(end);
    out.push(start..stop);
}

#[cfg(test)]
mod tests;
