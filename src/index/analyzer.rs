//! The text analyzers the index and the query side share, registered with Tantivy by
//! name: `de_text` for German articles, `en_text` for English ones.
//!
//! German: words (letters and digits, umlauts included) → lowercase → stop words removed
//! (on the unfolded word, so "für" and "über" are caught) → ß/umlaut/diacritic folding
//! plus `ae`/`oe`/`ue` normalisation → Snowball German stemmer. Compounds whose last part
//! is a frequent head noun of the domain ("Verkaufsverbot" → "verbot") also emit that
//! head, and a modifier that is itself such a noun ("verkauf"), at the compound's own
//! position, so a search for the short word finds the compound.
//!
//! English: words → lowercase → stop words → diacritic folding → Snowball English stemmer.

use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager};

use crate::model::Lang;

/// The Tantivy name of the German analyzer.
pub const DE_ANALYZER: &str = "de_text";
/// The Tantivy name of the English analyzer.
pub const EN_ANALYZER: &str = "en_text";

/// Words longer than this (in bytes) are not indexed: they are URLs, hashes or noise.
const MAX_WORD_BYTES: usize = 60;

/// German function words, lowercase and unfolded.
const GERMAN_STOP_WORDS: &[&str] = &[
    "aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "ander", "andere", "anderen",
    "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bist", "da", "damit", "dann", "das", "dass", "daß", "dein",
    "deine", "dem", "den", "denn", "der", "des", "dessen", "dich", "die", "dies", "diese", "diesem", "diesen",
    "dieser", "dieses", "dir", "doch", "dort", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er",
    "es", "etwas", "euch", "euer", "für", "gegen", "hab", "habe", "haben", "hat", "hatte", "hatten", "hier", "ich",
    "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "in", "ins", "ist", "jede",
    "jedem", "jeden", "jeder", "jedes", "jetzt", "kann", "kein", "keine", "keinem", "keinen", "keiner", "man", "mich",
    "mir", "mit", "muss", "nach", "nicht", "noch", "nun", "nur", "ob", "oder", "ohne", "sehr", "sein", "seine",
    "seinem", "seinen", "seiner", "seines", "sich", "sie", "sind", "so", "soll", "sollen", "sondern", "um", "und",
    "uns", "unser", "unter", "vom", "von", "vor", "war", "waren", "was", "weil", "wenn", "wer", "werde", "werden",
    "wie", "wieder", "wir", "wird", "wo", "wurde", "wurden", "zu", "zum", "zur", "über", "während", "würde", "würden",
    "wäre",
];

/// English function words, lowercase.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "between", "both", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "more", "most", "no", "not", "of", "on",
    "or", "other", "our", "over", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "under", "until", "up", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "will", "with", "would", "you", "your",
];

/// Frequent head nouns of the domain, folded and lowercase. A German compound ending in
/// one of them (plus an inflection ending) also yields the head; a compound starting with
/// one of them (plus a linking `s`) also yields that modifier.
const COMPOUND_HEADS: &[&str] = &[
    "verbot",
    "sanktion",
    "liste",
    "verkauf",
    "kontrolle",
    "gesetz",
    "ministerium",
    "behorde",
    "markt",
    "handel",
    "export",
    "import",
    "zoll",
    "gericht",
    "klage",
    "regierung",
    "verordnung",
    "anordnung",
    "dekret",
    "erlass",
    "massnahme",
    "pflicht",
    "lizenz",
    "genehmigung",
    "beschrankung",
    "sperre",
    "boykott",
    "embargo",
    "strafe",
    "zahlung",
    "transaktion",
    "geschaft",
    "unternehmen",
    "konzern",
    "firma",
    "hersteller",
    "software",
    "dienst",
    "plattform",
    "netzwerk",
    "daten",
    "sicherheit",
    "bedenken",
    "prufung",
    "untersuchung",
    "frist",
    "abkommen",
    "vertrag",
    "verhandlung",
    "ubernahme",
    "kauf",
    "investition",
    "investor",
    "manager",
    "mitarbeiter",
    "nutzer",
    "kunde",
    "programm",
    "produkt",
    "technologie",
    "chip",
    "halbleiter",
    "smartphone",
    "netz",
    "kommission",
    "agentur",
    "spionage",
    "einfluss",
    "entscheidung",
    "anweisung",
    "verfugung",
    "store",
    "aktie",
    "konto",
    "vermogen",
    "geheimdienst",
    "militar",
    "gesellschaft",
    "bank",
    "finanz",
    "sektor",
    "branche",
];

/// Inflection endings tried when looking for a compound head.
const INFLECTIONS: &[&str] = &["", "e", "en", "n", "s", "es", "er", "ern", "nen"];

/// Shortest modifier and head a compound split accepts (bytes of the folded word).
const MIN_MODIFIER: usize = 4;

fn set_of(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

fn is_stop_word(lang: Lang, lower: &str) -> bool {
    static DE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    static EN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    match lang {
        Lang::De => DE.get_or_init(|| set_of(GERMAN_STOP_WORDS)).contains(lower),
        Lang::En => EN.get_or_init(|| set_of(ENGLISH_STOP_WORDS)).contains(lower),
    }
}

fn is_head(word: &str) -> bool {
    static HEADS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    HEADS.get_or_init(|| set_of(COMPOUND_HEADS)).contains(word)
}

/// Folds a lowercase word: ß→ss, umlauts and other Latin diacritics to their base letter,
/// and (German only) `ae`/`oe`/`ue` → `a`/`o`/`u` except in `que`.
pub fn fold(lang: Lang, lower: &str) -> String {
    let mut out = String::with_capacity(lower.len() + 2);
    lower.chars().for_each(|c| push_folded(c, &mut out));
    if lang == Lang::De {
        merge_vowel_e(&mut out);
    }
    out
}

/// Writes `fold(lang, &word.to_lowercase())` into `out` (emptied first) without
/// allocating for an ASCII word (most words), which is lowercased byte by byte.
pub fn fold_word_into(lang: Lang, word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        word.to_lowercase().chars().for_each(|c| push_folded(c, out));
    }
    if lang == Lang::De {
        merge_vowel_e(out);
    }
}

fn push_folded(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
        'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' => out.push('o'),
        'ü' | 'ù' | 'ú' | 'û' => out.push('u'),
        'é' | 'è' | 'ê' | 'ë' => out.push('e'),
        'í' | 'ì' | 'î' | 'ï' => out.push('i'),
        'ç' => out.push('c'),
        'ñ' => out.push('n'),
        _ => out.push(c),
    }
}

/// German transliterated umlauts: `ae`/`oe`/`ue` → `a`/`o`/`u`, except `ue` after `q`.
/// Works on bytes in place: every byte it reads or drops is ASCII, and the byte before a
/// non-ASCII letter's continuation is never `q`.
fn merge_vowel_e(s: &mut String) {
    let bytes = s.as_bytes();
    if !bytes.windows(2).any(|w| w[1] == b'e' && matches!(w[0], b'a' | b'o' | b'u')) {
        return;
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut prev: Option<u8> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        out.push(b);
        let next_is_e = bytes.get(i + 1) == Some(&b'e');
        if next_is_e && (matches!(b, b'a' | b'o') || b == b'u' && prev != Some(b'q')) {
            prev = Some(b'e');
            i += 2;
        } else {
            prev = Some(b);
            i += 1;
        }
    }
    // Only ASCII `e` bytes were dropped, so the rest is still UTF-8.
    *s = String::from_utf8(out).unwrap_or_default();
}

/// The head (and a head-noun modifier) of a folded German compound, if it has one.
fn compound_parts(word: &str) -> (Option<&str>, Option<String>) {
    if word.len() < MIN_MODIFIER + 4 {
        return (None, None);
    }
    let mut best: Option<usize> = None;
    for ending in INFLECTIONS {
        let Some(core) = word.strip_suffix(ending) else { continue };
        for p in MIN_MODIFIER..core.len().saturating_sub(3) {
            if !core.is_char_boundary(p) {
                continue;
            }
            if is_head(&core[p..]) {
                if best.is_none_or(|b| p < b) {
                    best = Some(p);
                }
                break;
            }
        }
    }
    let Some(p) = best else { return (None, None) };
    let modifier = &word[..p];
    let modifier = if is_head(modifier) {
        Some(modifier.to_string())
    } else {
        modifier.strip_suffix('s').filter(|m| is_head(m)).map(str::to_string)
    };
    (Some(&word[p..]), modifier)
}

/// Splits text into words: maximal runs of alphanumeric characters, with byte offsets.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let (start, end) = next_word(text, at)?;
        at = end;
        Some((start, &text[start..end]))
    })
}

/// Distinct words whose terms a tokenizer remembers; the memo is emptied when it is full.
/// Words repeat so much (a tenth of the distinct words makes up most of a text) that
/// the memo spares most of the lowercasing, folding, compound splitting and stemming.
const MEMO_WORDS: usize = 50_000;

/// The terms of one word as it stands in the text: empty for a stop word, else the
/// stemmed word, then its compound head and head-noun modifier if it has them.
type Terms = Box<[String]>;

/// The tokenizer under both analyzers: words, lowercase, stop words, folding, compound
/// parts and stemming, with the terms of each distinct word remembered, and the words of
/// each text it went through to the end.
pub struct WordTokenizer {
    lang: Lang,
    stemmer: frostem::Stemmer,
    /// Each remembered word's place in `known`.
    memo: FxHashMap<Box<str>, usize>,
    known: Vec<Terms>,
    /// The words of each text this tokenizer went through to its end, as (start, end,
    /// place in `known`) of each word with terms: a passage that several outlets print is
    /// split into words once. Emptied with `known`.
    texts: crate::text::memo::Memo<Words>,
    /// How often `known` was emptied: a text's words are remembered only if their
    /// places are still good.
    generation: u64,
}

impl Clone for WordTokenizer {
    /// A clone starts with an empty memo (Tantivy clones one per indexing thread).
    fn clone(&self) -> Self {
        WordTokenizer::new(self.lang)
    }
}

impl WordTokenizer {
    pub fn new(lang: Lang) -> Self {
        let algorithm = match lang {
            Lang::De => frostem::Algorithm::German,
            Lang::En => frostem::Algorithm::English,
        };
        WordTokenizer {
            lang,
            stemmer: frostem::Stemmer::new(algorithm),
            memo: FxHashMap::default(),
            known: Vec::new(),
            texts: Default::default(),
            generation: 0,
        }
    }

    /// The terms of `word`, computed once per distinct word (one hash lookup for a word
    /// seen before).
    #[cfg(test)]
    fn terms(&mut self, word: &str) -> &[String] {
        let i = self.place(word);
        &self.known[i]
    }

    /// The place of `word`'s terms in `known`, computed once per distinct word.
    fn place(&mut self, word: &str) -> usize {
        if let Some(&i) = self.memo.get(word) {
            return i;
        }
        if self.memo.len() >= MEMO_WORDS {
            self.memo.clear();
            self.known.clear();
            self.texts.clear();
            self.generation += 1;
        }
        self.memo.insert(word.into(), self.known.len());
        self.known.push(terms_of(self.lang, &self.stemmer, word));
        self.known.len() - 1
    }
}

/// The terms of one word (see [`Terms`]).
fn terms_of(lang: Lang, stemmer: &frostem::Stemmer, word: &str) -> Terms {
    let lower = word.to_lowercase();
    if is_stop_word(lang, &lower) {
        return Box::new([]);
    }
    let folded = fold(lang, &lower);
    let (head, modifier) = if lang == Lang::De { compound_parts(&folded) } else { (None, None) };
    let mut out = vec![stemmer.stem(&folded).into_owned()];
    if let Some(h) = head {
        out.push(stemmer.stem(h).into_owned());
    }
    if let Some(m) = modifier {
        out.push(stemmer.stem(&m).into_owned());
    }
    out.into_boxed_slice()
}

/// The next word of `text` at or after byte `from`: a maximal run of alphanumeric
/// characters, as a byte range.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let mut start: Option<usize> = None;
    for (i, c) in rest.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => return Some((from + s, from + i)),
            _ => {}
        }
    }
    start.map(|s| (from + s, text.len()))
}

/// A word with terms, as (start, end, place in the tokenizer's `known`).
type Word = (u32, u32, u32);

/// A text's words with terms, shared between the memo and a stream replaying them (a
/// stream holds the tokenizer, memo included, mutably, so it takes a handle of its own).
type Words = std::sync::Arc<[Word]>;

/// Where a [`WordStream`] takes its words from.
enum Source {
    /// The text's remembered words, and how many of them were emitted.
    Remembered(Words, usize),
    /// The text itself, met for the first time: its words are kept, with the generation
    /// of `known` their places belong to.
    Recording(Vec<Word>, u64),
    /// The text itself, not to be remembered (longer than 32-bit offsets reach).
    Text,
}

/// The token stream of [`WordTokenizer`]: one token reused for every term, so that a
/// term costs a copy into its buffer rather than an allocation.
pub struct WordStream<'a> {
    tokenizer: &'a mut WordTokenizer,
    text: &'a str,
    at: usize,
    token: Token,
    /// The place in `known` of the current word's terms, and the next of them to emit
    /// (its compound parts follow its first term).
    pending: Option<(usize, usize)>,
    started: bool,
    source: Source,
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((place, next)) = self.pending {
            if let Some(part) = self.tokenizer.known.get(place).and_then(|terms| terms.get(next)) {
                self.token.text.clear();
                self.token.text.push_str(part);
                self.pending = Some((place, next + 1));
                return true;
            }
        }
        // Nothing pending: placing the next word may empty `known`.
        self.pending = None;
        if let Source::Remembered(words, next) = &mut self.source {
            let Some(&(start, end, place)) = words.get(*next) else { return false };
            *next += 1;
            self.emit(start as usize, end as usize, place as usize);
            return true;
        }
        while let Some((start, end)) = next_word(self.text, self.at) {
            self.at = end;
            let word = &self.text[start..end];
            if word.len() > MAX_WORD_BYTES {
                continue;
            }
            let place = self.tokenizer.place(word);
            if self.tokenizer.known[place].is_empty() {
                continue;
            }
            if let Source::Recording(words, _) = &mut self.source {
                // Offsets and places fit in 32 bits: a longer text is not recorded.
                words.push((start as u32, end as u32, place as u32));
            }
            self.emit(start, end, place);
            return true;
        }
        if let Source::Recording(words, generation) = std::mem::replace(&mut self.source, Source::Text) {
            if generation == self.tokenizer.generation {
                self.tokenizer.texts.insert(self.text, words.into());
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl WordStream<'_> {
    /// Makes the token the first term of the word at `start..end`, whose terms are at
    /// `place`, and keeps the rest of its terms for the next calls.
    fn emit(&mut self, start: usize, end: usize, place: usize) {
        let Some(first) = self.tokenizer.known[place].first() else { return };
        self.token.text.clear();
        self.token.text.push_str(first);
        // Then the head, then the modifier.
        self.pending = Some((place, 1));
        self.token.offset_from = start;
        self.token.offset_to = end;
        if self.started {
            self.token.position += 1;
        } else {
            self.token.position = 0;
            self.started = true;
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        let source = match self.texts.get(text) {
            Some(words) => Source::Remembered(words.clone(), 0),
            None if u32::try_from(text.len()).is_ok() => Source::Recording(Vec::new(), self.generation),
            None => Source::Text,
        };
        WordStream { tokenizer: self, text, at: 0, token: Token::default(), pending: None, started: false, source }
    }
}

/// The full analyzer for a language.
pub fn analyzer(lang: Lang) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::new(lang)).build()
}

thread_local! {
    static CACHED: std::cell::RefCell<[TextAnalyzer; 2]> =
        std::cell::RefCell::new([analyzer(Lang::De), analyzer(Lang::En)]);
}

/// Runs `f` with this thread's analyzer for `lang`, built once per thread: a search
/// analyzes its query and every hit it highlights.
pub fn with_analyzer<R>(lang: Lang, f: impl FnOnce(&mut TextAnalyzer) -> R) -> R {
    CACHED.with(|cell| {
        let mut analyzers = cell.borrow_mut();
        let i = match lang {
            Lang::De => 0,
            Lang::En => 1,
        };
        f(&mut analyzers[i])
    })
}

/// The Tantivy name of a language's analyzer.
pub fn analyzer_name(lang: Lang) -> &'static str {
    match lang {
        Lang::De => DE_ANALYZER,
        Lang::En => EN_ANALYZER,
    }
}

/// Registers both analyzers under their names.
pub fn register(manager: &TokenizerManager) {
    manager.register(DE_ANALYZER, analyzer(Lang::De));
    manager.register(EN_ANALYZER, analyzer(Lang::En));
}

/// Analyzes `text` (tokens with byte offsets into `text`; compound parts share the
/// position of their compound).
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: Lang, text: &str) -> Vec<String> {
        analyze(&mut analyzer(lang), text).into_iter().map(|t| t.text).collect()
    }

    fn first(lang: Lang, word: &str) -> String {
        terms(lang, word).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn word_forms_meet() {
        let same: &[(Lang, &str, &str)] = &[
            (Lang::De, "Sanktion", "Sanktionen"),
            (Lang::De, "Massnahme", "Maßnahme"),
            (Lang::De, "Maßnahmen", "Massnahme"),
            (Lang::De, "zwolf", "zwölf"),
            (Lang::De, "Zwoelf", "zwölf"),
            (Lang::De, "Bürger", "Buerger"),
            (Lang::De, "Verbote", "Verbot"),
            (Lang::De, "Behörden", "Behörde"),
            (Lang::De, "Manager", "Managern"),
            (Lang::En, "sanctions", "sanction"),
            (Lang::En, "bans", "ban"),
            (Lang::En, "companies", "company"),
            (Lang::En, "restricted", "restricting"),
        ];
        for (lang, a, b) in same {
            assert_eq!(first(*lang, a), first(*lang, b), "{a} / {b}");
            assert!(!first(*lang, a).is_empty(), "{a}");
        }
        assert_ne!(first(Lang::De, "Verbot"), first(Lang::De, "Verkauf"));
    }

    #[test]
    fn compounds_yield_their_head() {
        let cases: &[(&str, &str, bool)] = &[
            ("Verkaufsverbot", "Verbot", true),
            ("Verkaufsverbote", "Verbot", true),
            ("Geschäftsverbot", "Verbot", true),
            ("Verkaufsverbot", "Verkauf", true),
            ("Finanzsanktionen", "Sanktion", true),
            ("Exportkontrollen", "Kontrolle", true),
            ("Handelsministerium", "Ministerium", true),
            ("US-Bundesbehörden", "Behörde", true),
            ("Verkauf", "Kauf", false),
            ("Verbot", "Bot", false),
        ];
        for (compound, part, expected) in cases {
            let part_term = first(Lang::De, part);
            let all = terms(Lang::De, compound);
            assert_eq!(all.contains(&part_term), *expected, "{compound} → {all:?} / {part_term}");
        }
    }

    #[test]
    fn compound_parts_share_position_and_offsets() {
        let tokens = analyze(&mut analyzer(Lang::De), "Das Verkaufsverbot gilt");
        let compound: Vec<&Token> = tokens.iter().filter(|t| t.offset_from == 4).collect();
        assert!(compound.len() >= 2, "{tokens:?}");
        assert!(compound.iter().all(|t| t.position == compound[0].position && t.offset_to == 18));
    }

    #[test]
    fn compound_parts_follow_their_word_in_a_stream() {
        // A repeated compound yields its terms again (the memo), each word at its own
        // position, its parts sharing it.
        let tokens = analyze(&mut analyzer(Lang::De), "Verkaufsverbot Verkaufsverbot Kontrolle");
        let texts: Vec<&str> = tokens.iter().map(|t| t.text.as_str()).collect();
        let one = terms(Lang::De, "Verkaufsverbot");
        assert!(one.len() == 3, "{one:?}");
        let kontrolle = terms(Lang::De, "Kontrolle");
        let expected: Vec<&str> = one.iter().chain(&one).chain(&kontrolle).map(String::as_str).collect();
        assert_eq!(texts, expected);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 0, 0, 1, 1, 1, 2]);
    }

    #[test]
    fn stop_words_are_removed_before_folding() {
        assert!(terms(Lang::De, "für über die und").is_empty());
        // "fur" (fur, unfolded) is not a stop word; only "für" is.
        assert_eq!(terms(Lang::De, "Fur").len(), 1);
        assert!(terms(Lang::En, "the and of").is_empty());
    }

    #[test]
    fn words_keep_umlauts_digits_and_offsets() {
        let w: Vec<(usize, &str)> = words("US-Markt: 12 Manager, „Führung“ 5G").collect();
        assert_eq!(w, vec![(0, "US"), (3, "Markt"), (10, "12"), (13, "Manager"), (25, "Führung"), (37, "5G")]);
    }

    #[test]
    fn folding() {
        let cases = [("maßnahme", "massnahme"), ("zwölf", "zwolf"), ("quelle", "quelle"), ("bueger", "buger")];
        for (a, b) in cases {
            assert_eq!(fold(Lang::De, a), b);
        }
        assert_eq!(fold(Lang::En, "queen"), "queen");
        assert_eq!(fold(Lang::En, "café"), "cafe");
    }

    /// Every token of `text` as (term, offsets, position).
    fn tokens(tokenizer: &mut WordTokenizer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn a_text_remembered_gives_the_tokens_it_gave() {
        let text = "Die Verkaufsverbote der Behörde gelten ab Montag, sagte das Handelsministerium.";
        let mut tokenizer = WordTokenizer::new(Lang::De);
        let first = tokens(&mut tokenizer, text);
        assert!(first.len() > 8 && first.iter().any(|t| t.3 == first[0].3), "compound parts: {first:?}");
        assert!(tokenizer.texts.get(text).is_some(), "the text is remembered");
        assert_eq!(tokens(&mut tokenizer, text), first);
        // A text not read to its end is not remembered.
        let other = "Ein anderer Satz über Exportkontrollen.";
        tokenizer.token_stream(other).advance();
        assert!(tokenizer.texts.get(other).is_none());
        // Emptying the word memo forgets the texts, whose places were in it.
        for i in 0..MEMO_WORDS + 5 {
            tokenizer.place(&format!("wort{i}"));
        }
        assert!(tokenizer.texts.get(text).is_none());
        assert_eq!(tokens(&mut tokenizer, text), first);
        assert_eq!(tokens(&mut tokenizer, text), first);
    }

    #[test]
    fn a_full_memo_starts_over_and_keeps_answering_right() {
        let mut tokenizer = WordTokenizer::new(Lang::De);
        let expected = terms_of(Lang::De, &tokenizer.stemmer, "Verkaufsverbote");
        assert_eq!(tokenizer.terms("Verkaufsverbote"), &expected[..]);
        for i in 0..MEMO_WORDS + 5 {
            tokenizer.terms(&format!("wort{i}"));
        }
        assert!(tokenizer.memo.len() < MEMO_WORDS && tokenizer.memo.len() == tokenizer.known.len());
        assert_eq!(tokenizer.terms("Verkaufsverbote"), &expected[..]);
        let wort = terms_of(Lang::De, &tokenizer.stemmer, "wort3");
        assert_eq!(tokenizer.terms("wort3"), &wort[..]);
    }

    proptest::proptest! {
        /// The buffer-reusing fold is the allocating one, for words of every case and
        /// script the corpus may hold (and the vowel pairs the German rule merges).
        #[test]
        fn fold_word_into_is_fold_of_lowercase(
            word in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'A', 'e', 'E', 'o', 'O', 'u', 'U', 'q', 'Q', 'ä', 'Ä', 'ß', 'é', 'Σ', 'İ', '1', 'z']),
                0..12,
            ),
            german in proptest::bool::ANY,
        ) {
            let word: String = word.into_iter().collect();
            let lang = if german { Lang::De } else { Lang::En };
            let mut out = String::from("left over");
            fold_word_into(lang, &word, &mut out);
            proptest::prop_assert_eq!(out, fold(lang, &word.to_lowercase()));
        }
    }
}
