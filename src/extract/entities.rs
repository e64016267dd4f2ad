//! Entities: the companies and products an article names. Known names and their aliases
//! come from `data/entities.toml`; names not listed there are discovered from the
//! language around them ("der Hersteller X", "X-Produkte", "Geschäfte mit X", camel-case
//! brands, short all-caps names). Matching folds case, ß and umlauts.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

/// The canonical names and aliases of `data/entities.toml`, compiled in.
pub struct Gazetteer {
    names: Vec<String>,
    /// Folded alias (or name) → index into `names`.
    by_key: FxHashMap<String, usize>,
    /// Longest alias in words, to bound the multi-word window.
    max_words: usize,
    /// Folded first words of the aliases of more than one word ("china" for "China
    /// Mobile"): only after these is a longer phrase worth looking up.
    multi_first: FxHashSet<String>,
}

#[derive(Deserialize)]
struct EntityFile {
    entity: Vec<EntityEntry>,
}

#[derive(Deserialize)]
struct EntityEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

const ENTITY_DATA: &str = include_str!("../../data/entities.toml");

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::parse(ENTITY_DATA).unwrap_or_else(|_| Gazetteer::empty()));

/// The compiled-in gazetteer.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

impl Gazetteer {
    fn empty() -> Self {
        Gazetteer { names: Vec::new(), by_key: FxHashMap::default(), max_words: 1, multi_first: FxHashSet::default() }
    }

    /// Parses a gazetteer in the format of `data/entities.toml`.
    pub fn parse(toml_text: &str) -> Result<Self, toml::de::Error> {
        let file: EntityFile = toml::from_str(toml_text)?;
        let mut g = Gazetteer::empty();
        for e in file.entity {
            let idx = match g.names.iter().position(|n| n == &e.name) {
                Some(i) => i,
                None => {
                    g.names.push(e.name.clone());
                    g.names.len() - 1
                }
            };
            for alias in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let key = fold_key(alias);
                if key.is_empty() {
                    continue;
                }
                let words = alias.split_whitespace().count();
                g.max_words = g.max_words.max(words);
                if words > 1 {
                    if let Some(first) = alias.split_whitespace().next() {
                        g.multi_first.insert(fold_key(first));
                    }
                }
                g.by_key.entry(key).or_insert(idx);
            }
        }
        Ok(g)
    }

    /// The canonical name for a name or alias, if listed.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.by_key.get(&fold_key(name)).map(|&i| self.names[i].as_str())
    }

    /// Every listed name and alias with its canonical name.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_key.iter().map(|(k, &i)| (k.as_str(), self.names[i].as_str()))
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// Folds a name for comparison: lowercase, ß→ss, umlauts and accents to their base
/// letter, everything but letters and digits dropped ("Musical.ly" = "musically").
pub fn fold_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out` (see [`fold_key`]).
fn fold_into(s: &str, out: &mut String) {
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Most words: copied and lowercased in place.
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ä' | 'Ä' | 'á' | 'à' | 'â' | 'Á' | 'À' | 'Â' => out.push('a'),
            'ö' | 'Ö' | 'ó' | 'ò' | 'ô' | 'Ó' | 'Ò' | 'Ô' => out.push('o'),
            'ü' | 'Ü' | 'ú' | 'ù' | 'û' | 'Ú' | 'Ù' | 'Û' => out.push('u'),
            'é' | 'è' | 'ê' | 'É' | 'È' | 'Ê' => out.push('e'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
}

/// Capitalised words that are never targets: places, nationalities, authorities, media,
/// politicians, months and days, and German and English function words that start
/// sentences. Folded with `fold_key`.
const NOT_ENTITIES: &[&str] = &[
    // places and peoples
    "usa",
    "us",
    "uk",
    "eu",
    "china",
    "russland",
    "russia",
    "moskau",
    "moscow",
    "washington",
    "peking",
    "beijing",
    "kalifornien",
    "california",
    "europa",
    "europe",
    "deutschland",
    "germany",
    "ukraine",
    "taiwan",
    "japan",
    "niederlande",
    "netherlands",
    "amerika",
    "america",
    "vereinigten",
    "staaten",
    "united",
    "states",
    "hongkong",
    "hong",
    "kong",
    "indien",
    "india",
    "iran",
    "korea",
    "frankreich",
    "france",
    "brussel",
    "brussels",
    "london",
    "berlin",
    "shenzhen",
    "shanghai",
    "asien",
    "asia",
    "nahost",
    "syrien",
    "israel",
    "kanada",
    "canada",
    "australien",
    "australia",
    "schweden",
    "sweden",
    "italien",
    "italy",
    "spanien",
    "spain",
    "polen",
    "poland",
    "westen",
    "west",
    "chinese",
    "american",
    "russian",
    "european",
    "german",
    "british",
    // authorities, institutions, media, agencies
    "cfius",
    "bis",
    "ofac",
    "dhs",
    "fcc",
    "fbi",
    "nsa",
    "cia",
    "bsi",
    "nato",
    "un",
    "uno",
    "wto",
    "who",
    "kongress",
    "congress",
    "senat",
    "senate",
    "house",
    "weisses",
    "white",
    "pentagon",
    "treasury",
    "commerce",
    "department",
    "ministry",
    "bundesregierung",
    "bundestag",
    "kommission",
    "commission",
    "regierung",
    "government",
    "administration",
    "justice",
    "court",
    "supreme",
    "faz",
    "cnbc",
    "afp",
    "dpa",
    "reuters",
    "ap",
    "dw",
    "ard",
    "zdf",
    "bbc",
    "cnn",
    "nyt",
    "wsj",
    "bloomberg",
    "tagesschau",
    "spiegel",
    "heise",
    "golem",
    "handelsblatt",
    "wall",
    "street",
    "journal",
    "times",
    "post",
    "sec",
    "ftc",
    "doj",
    "mofcom",
    "ndrc",
    "cac",
    "eugh",
    "bnetza",
    // people and titles
    "trump",
    "biden",
    "donald",
    "joe",
    "obama",
    "xi",
    "jinping",
    "putin",
    "harris",
    "raimondo",
    "lutnick",
    "president",
    "prasident",
    "minister",
    "ministerin",
    "kanzler",
    "chancellor",
    "secretary",
    "ceo",
    "cto",
    "mr",
    "mrs",
    "ms",
    "dr",
    "herr",
    "frau",
    // days (months come from `text::months`)
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    // abbreviations and generic words
    "it",
    "ki",
    "ai",
    "tv",
    "pc",
    "api",
    "cdn",
    "sdn",
    "app",
    "apps",
    "ios",
    "android",
    "usd",
    "eur",
    "dollar",
    "euro",
    "nr",
    "vs",
    "ok",
    "q1",
    "q2",
    "q3",
    "q4",
    "gmbh",
    "ag",
    "inc",
    "ltd",
    "corp",
    "co",
    "llc",
    "plc",
    "die",
    "der",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "auch",
    "nach",
    "vor",
    "seit",
    "bei",
    "mit",
    "von",
    "fur",
    "uber",
    "unter",
    "auf",
    "aus",
    "wie",
    "als",
    "ob",
    "und",
    "oder",
    "aber",
    "doch",
    "zudem",
    "ausserdem",
    "bereits",
    "zuvor",
    "zuletzt",
    "wahrend",
    "laut",
    "demnach",
    "dabei",
    "damit",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "er",
    "sie",
    "es",
    "wir",
    "ihr",
    "ihre",
    "sein",
    "seine",
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "with",
    "as",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "after",
    "before",
    "since",
    "under",
    "however",
    "also",
    "meanwhile",
    "according",
    "last",
    "next",
    "new",
    "entity",
    "list",
    "stand",
    "uhr",
    "anzeige",
    "empfehlung",
    "bild",
    "foto",
    "quelle",
    "source",
    "update",
    "news",
    "live",
    "ende",
    "anfang",
    "mitte",
    "beginn",
    "end",
    "start",
    "mid",
    "early",
    "late",
    "hosting",
    "cloud",
    "software",
    "internet",
    "online",
    "daten",
    "data",
    "video",
    "foto",
    "smartphone",
    "chip",
    "chips",
    "netz",
    "streaming",
    "social",
    "media",
    "tech",
    "oberste",
    "supreme",
    // more places that open datelines
    "taipei",
    "tokio",
    "tokyo",
    "seoul",
    "paris",
    "frankfurt",
    "munchen",
    "munich",
    "hamburg",
    "zurich",
    "genf",
    "geneva",
    "singapur",
    "singapore",
    "kiew",
    "kyiv",
    "wien",
    "vienna",
    "amsterdam",
    "rotterdam",
    "haag",
    "hague",
    // technical abbreviations that are not companies
    "gpu",
    "gpus",
    "cpu",
    "cpus",
    "ram",
    "ssd",
    "llm",
    "iot",
    "ipo",
    "gdp",
    "bip",
    "duv",
    "euv",
    "dram",
    "nand",
    "hbm",
    "ic",
    "pdf",
    "url",
    "faq",
    "ceo",
    "cfo",
    "coo",
    "ngo",
];

static NOT_ENTITY_SET: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    NOT_ENTITIES.iter().map(|w| w.to_string()).chain(crate::text::months::all_forms().map(fold_key)).collect()
});

/// True if the folded word can never be an entity.
pub fn is_stopword(folded: &str) -> bool {
    NOT_ENTITY_SET.contains(folded)
}

/// German common-noun endings: a capitalised word with one of these is a noun, not a
/// name, unless the gazetteer or a strong cue says otherwise.
const NOUN_ENDINGS: &[&str] = &[
    "ung", "heit", "keit", "schaft", "tion", "sion", "tat", "ismus", "nahme", "ment", "ling", "nis", "ik", "ie", "er",
    "en", "ern", "el", "chen", "lein", "ei", "um", "ur", "ats", "ors", "ste", "ge", "te", "de", "ne", "ing",
];

fn looks_like_common_noun(folded: &str) -> bool {
    static ENDINGS: LazyLock<SuffixTable> = LazyLock::new(|| SuffixTable::new(NOUN_ENDINGS));
    ENDINGS.ending_like(folded).iter().any(|e| folded.len() > e.len() + 2 && folded.ends_with(e))
}

/// A table of suffixes grouped by their last byte: a word is compared only with the
/// suffixes that end in its own last byte (most words end differently from most).
struct SuffixTable(Vec<Vec<&'static str>>);

impl SuffixTable {
    fn new(suffixes: &[&'static str]) -> SuffixTable {
        let mut by_last = vec![Vec::new(); 256];
        for s in suffixes {
            if let Some(&b) = s.as_bytes().last() {
                by_last[usize::from(b)].push(*s);
            }
        }
        SuffixTable(by_last)
    }

    /// The suffixes that end in the last byte of `word` (no empty suffix ever does).
    fn ending_like(&self, word: &str) -> &[&'static str] {
        word.as_bytes().last().map_or(&[], |&b| &self.0[usize::from(b)])
    }

    /// True if `word` ends with one of the suffixes.
    fn ends(&self, word: &str) -> bool {
        self.ending_like(word).iter().any(|s| word.ends_with(s))
    }
}

/// Compound heads that mark the part before the hyphen as a name: "Kaspersky-Produkte",
/// "WeChat-Betreiber", "TikTok-Übernahme".
const COMPANY_HEADS: &[&str] = &[
    "produkt",
    "produkte",
    "produkten",
    "software",
    "manager",
    "managern",
    "ubernahme",
    "betreiber",
    "nutzer",
    "nutzern",
    "mitarbeiter",
    "mitarbeitern",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "chefs",
    "aktie",
    "aktien",
    "app",
    "apps",
    "konzern",
    "konzerns",
    "gerate",
    "geraten",
    "chips",
    "technik",
    "technologie",
    "technologien",
    "ausrustung",
    "zentrale",
    "website",
    "tochter",
    "grunder",
    "kunden",
    "dienst",
    "dienste",
    "plattform",
    "server",
    "komponenten",
    "fuhrung",
    "smartphones",
    "antivirensoftware",
    "programme",
    "netzwerk",
    "mutterkonzern",
    "deal",
    "verbot",
    "verbots",
    "sperre",
    "bann",
    "boss",
    "zentrale",
    "handys",
    "modelle",
    "prozessoren",
    "halbleiter",
    "kameras",
    "drohnen",
    "router",
    "sparte",
    "geschaft",
    "geschafte",
    "mutter",
    "ausrustern",
];

/// Nouns that introduce a company name: "der Hersteller Kaspersky", "Techriese Alibaba".
const CUE_SUFFIXES: &[&str] = &[
    "konzern",
    "konzerns",
    "hersteller",
    "herstellers",
    "unternehmen",
    "unternehmens",
    "firma",
    "anbieter",
    "anbieters",
    "riese",
    "riesen",
    "betreiber",
    "betreibers",
    "plattform",
    "dienst",
    "dienstes",
    "tochter",
    "startup",
    "ausruster",
    "ausrusters",
    "zulieferer",
    "zulieferers",
    "handler",
    "handlers",
    "lieferant",
    "lieferanten",
    "produzent",
    "produzenten",
    "gruppe",
    "holding",
    "owner",
    "parent",
    "company",
    "maker",
    "firm",
    "giant",
    "operator",
    "vendor",
    "supplier",
    "manufacturer",
    "platform",
    "provider",
    "developer",
    "chipmaker",
    "group",
    "carrier",
    "brand",
    "marke",
    "app",
    "messenger",
    "netzwerkausruster",
    "spezialist",
    "spezialisten",
    "entwickler",
    "dienstleister",
];

/// Words that end a company's full name: the word before one is the name's own part
/// ("Marlo Networks", "Velto Technologies", "Brenner AG").
const CORPORATE_SUFFIXES: &[&str] = &[
    "networks",
    "technologies",
    "technology",
    "systems",
    "electronics",
    "semiconductor",
    "semiconductors",
    "microelectronics",
    "robotics",
    "telecom",
    "shipping",
    "logistics",
    "industries",
    "holdings",
    "inc",
    "corp",
    "corporation",
    "ltd",
    "limited",
    "ag",
    "gmbh",
    "se",
    "plc",
];

/// A query without the corporate words that end it: "Marlo Networks" → "Marlo".
fn without_corporate_suffix(query: &str) -> Option<&str> {
    let trimmed = query.trim().trim_end_matches('.');
    let (head, last) = trimmed.rsplit_once(char::is_whitespace)?;
    let mut key = String::new();
    fold_into(last, &mut key);
    CORPORATE_SUFFIXES.contains(&key.as_str()).then(|| head.trim_end()).filter(|h| !h.is_empty())
}

/// What a company owns, after an English possessive that marks its owner as a name:
/// "Flicksy's Canadian business", "Norvex's chips".
const POSSESSED: &[&str] = &[
    "business",
    "businesses",
    "operations",
    "unit",
    "subsidiary",
    "subsidiaries",
    "app",
    "apps",
    "shares",
    "stake",
    "products",
    "devices",
    "chips",
    "software",
    "executives",
    "founder",
    "parent",
    "owner",
    "platform",
];

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

/// The words of `text`: a letter or digit, then letters, digits and `&` ("AT&T"), a dot
/// between letters or digits ("Alibaba.com", "U.S"), and a genitive `'s`.
fn words(text: &str) -> Vec<Word<'_>> {
    let bytes = text.as_bytes();
    // Whether the character at byte `i` (a character boundary) is a letter or digit, and
    // its length; ASCII without decoding.
    let alnum_at = |i: usize| -> (bool, usize) {
        match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
            _ => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
        }
    };
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, n) = if bytes[i].is_ascii() { (bytes[i].is_ascii_alphanumeric(), 1) } else { alnum_at(i) };
        if !alnum {
            i += n;
            continue;
        }
        let start = i;
        let mut end = i + n;
        while end < bytes.len() {
            let take = match bytes[end] {
                b if b.is_ascii_alphanumeric() || b == b'&' => 1,
                b'.' if end + 1 < bytes.len() => match alnum_at(end + 1) {
                    (true, n) => 1 + n,
                    (false, _) => break,
                },
                b'\'' if bytes.get(end + 1) == Some(&b's') => 2,
                // The typographic apostrophe of published copy: "Nippon Steel’s".
                0xE2 if bytes[end..].starts_with("’s".as_bytes()) => "’s".len(),
                b if b.is_ascii() => break,
                _ => match alnum_at(end) {
                    (true, n) => n,
                    (false, _) => break,
                },
            };
            end += take;
        }
        out.push(Word { text: &text[start..end], start, end });
        i = end;
    }
    out
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_camel(w: &str) -> bool {
    // An upper-case letter after a lower-case one inside the word: TikTok, WeChat, iFlytek.
    if w.is_ascii() {
        let b = w.as_bytes();
        return b.iter().skip(1).any(u8::is_ascii_uppercase)
            && b.windows(2).any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
    }
    let mut prev_lower = false;
    for c in w.chars() {
        if c.is_uppercase() && prev_lower {
            return true;
        }
        prev_lower = c.is_lowercase();
    }
    false
}

/// Short all-caps words (ZTE, DJI, SMIC): names. With digits (Q9, H20, 5G) they are
/// models or standards, not companies.
fn is_all_caps_name(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n) && w.chars().all(|c| c.is_uppercase())
}

/// True when the word at `start..end` is part of a dateline: a run of capitals that opens
/// its paragraph and ends in a dash, a parenthesis or a comma ("NEW DELHI -",
/// "OTTAWA (Reuters) -", "BERLIN, 5. Mai (dpa) -"). Its place is no company.
fn in_dateline(text: &str, start: usize, end: usize) -> bool {
    let capitals = |c: char| c.is_uppercase() || c == ' ' || c == '.';
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..start].chars().all(capitals) || text[line_start..start].split_whitespace().count() > 3 {
        return false;
    }
    let rest = text[end..].trim_start_matches(capitals);
    rest.starts_with(['-', '–', '—', '(', ','])
}

/// A folded word that is no new name: a stop word (places, peoples, ...) or a name the
/// gazetteer lists.
fn is_known_word(folded: &str) -> bool {
    is_stopword(folded) || gazetteer().by_key.contains_key(folded)
}

/// Strips a genitive "s" or "'s" the gazetteer or the article knows without it.
fn strip_genitive(w: &str) -> Option<&str> {
    strip_possessive(w).or_else(|| w.strip_suffix('s')).filter(|s| s.chars().count() >= 2)
}

/// The owner of an English possessive, written with a plain or a typographic apostrophe:
/// "Huawei's", "Nippon Steel’s" (most published copy sets the latter).
fn strip_possessive(w: &str) -> Option<&str> {
    w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))
}

/// How often each capitalised word of `ws` is written.
fn capitalised_counts<'a>(ws: &[Word<'a>]) -> FxHashMap<&'a str, usize> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for w in ws.iter().filter(|w| is_capitalised(w.text)) {
        *counts.entry(w.text).or_default() += 1;
    }
    counts
}

/// Names an article introduces that the gazetteer does not list, found from the form of
/// the text. Returns surface forms (as written).
pub fn discover(text: &str) -> FxHashSet<String> {
    let ws = words(text);
    let mut found = FxHashSet::default();
    // How often each capitalised word is written, counted when first needed.
    let mut counts: Option<FxHashMap<&str, usize>> = None;
    static CUES: LazyLock<SuffixTable> = LazyLock::new(|| SuffixTable::new(CUE_SUFFIXES));
    // Every word folded once, into one buffer: the rules below look at a word and at its
    // neighbours.
    let mut buffer = String::with_capacity(text.len());
    let mut ends = Vec::with_capacity(ws.len());
    for w in &ws {
        fold_into(w.text, &mut buffer);
        ends.push(buffer.len());
    }
    let fold = |i: usize| &buffer[if i == 0 { 0 } else { ends[i - 1] }..ends[i]];
    for (i, w) in ws.iter().enumerate() {
        let t = w.text;
        let camel = is_camel(t);
        if !camel && !is_capitalised(t) {
            continue;
        }
        let folded = fold(i);
        if folded.len() < 2 || is_stopword(folded) || folded.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if gazetteer().by_key.contains_key(folded) {
            continue;
        }
        // Camel-case brands and short all-caps names (not the place of a dateline).
        if camel || (is_all_caps_name(t) && !in_dateline(text, w.start, w.end)) {
            found.insert(t.to_string());
            continue;
        }
        // "X-Produkte": the word is followed directly by a hyphen and a company head.
        if text[w.end..].starts_with('-') {
            if let Some(next) = ws.get(i + 1) {
                if next.start == w.end + 1 && COMPANY_HEADS.contains(&fold(i + 1)) {
                    if !looks_like_common_noun(folded) {
                        found.insert(t.to_string());
                    }
                    continue;
                }
            }
        }
        if i == 0 {
            continue;
        }
        // "der Hersteller X", "Techriesen X", "Antivirensoftware-Hersteller X".
        let prev = ws[i - 1];
        let pf = fold(i - 1);
        let gap = &text[prev.end..w.start];
        if gap.trim().is_empty() && CUES.ends(pf) {
            found.insert(t.to_string());
            continue;
        }
        // The capitalised word right after this one, one space on.
        let next = ws.get(i + 1).filter(|n| n.start == w.end + 1 && is_capitalised(n.text));
        // "Marlo Networks", "Brenner AG": the name before a corporate word, even one of
        // German noun form ("Kestrel Shipping"): the corporate word makes it a name.
        if next.is_some() && CORPORATE_SUFFIXES.contains(&fold(i + 1)) {
            found.insert(t.to_string());
            continue;
        }
        // "Flicksy's Canadian business": an English possessor of what a company owns.
        if let Some(owner) = strip_possessive(t).filter(|o| o.chars().count() >= 3) {
            let owned = |j: usize| j < ws.len() && POSSESSED.contains(&fold(j));
            let adjective_first = ws.get(i + 1).is_some_and(|n| is_capitalised(n.text));
            // Folding drops the apostrophe: the owner's key is the word's without its "s".
            let known = is_known_word(folded.strip_suffix('s').unwrap_or(folded));
            if (owned(i + 1) || (adjective_first && owned(i + 2))) && !known {
                found.insert(owner.to_string());
                continue;
            }
            // "Zapflow's Clipto", "China's Novex": the possessor's product or company
            // is a name too, and so is the possessor unless it is a place.
            if let Some(next) = next {
                let next_key = fold(i + 1);
                if !is_known_word(next_key) && next_key.chars().count() >= 3 && strip_possessive(next.text).is_none() {
                    found.insert(next.text.to_string());
                    if !known {
                        found.insert(owner.to_string());
                    }
                    continue;
                }
            }
        }
        // "Geschäfte mit X", "gegen X", "against X": a capitalised word without a noun
        // ending, written at least twice, or once right after such a slot.
        if !looks_like_common_noun(folded) {
            let deal = ["geschaft", "handel", "transaktion", "business", "deal", "transaction", "trade"];
            let in_slot = matches!(pf, "gegen" | "against" | "on")
                || (matches!(pf, "mit" | "with") && i > 1 && deal.iter().any(|d| fold(i - 2).starts_with(d)));
            let repeated =
                in_slot && counts.get_or_insert_with(|| capitalised_counts(&ws)).get(t).copied().unwrap_or(0) >= 2;
            let sentence_start =
                text[..w.start].trim_end().ends_with(['.', '!', '?', ':', '"', '„', '“']) || w.start == 0;
            if in_slot && (repeated || !sentence_start) && t.chars().count() >= 3 {
                found.insert(t.to_string());
            }
        }
    }
    found
}

/// One entity named in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityHit {
    /// Canonical name (gazetteer) or the discovered surface form.
    pub name: String,
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// Named in a role that is not the target of a measure: "an Microsoft verkaufen",
    /// "durch Microsoft", "Verhandlungen mit Oracle".
    pub bystander: bool,
}

/// The entities a sentence names, given the names discovered in its article.
pub fn find(sentence: &str, discovered: &FxHashSet<String>) -> Vec<EntityHit> {
    let g = gazetteer();
    let ws = words(sentence);
    let mut hits: Vec<EntityHit> = Vec::new();
    let mut first_key = String::new();
    let mut i = 0;
    while i < ws.len() {
        let mut matched = None;
        // A name counts only when its first word is written capitalised or camel-case,
        // so other words need no lookup at all.
        let first_word = ws[i].text;
        if !(is_capitalised(first_word) || is_camel(first_word)) {
            i += 1;
            continue;
        }
        first_key.clear();
        fold_into(first_word, &mut first_key);
        // Longest multi-word alias first.
        let longest = if g.multi_first.contains(&first_key) { g.max_words.min(ws.len() - i) } else { 1 };
        for n in (1..=longest).rev() {
            let first = ws[i];
            let last = ws[i + n - 1];
            let phrase_key;
            let key = if n == 1 {
                first_key.as_str()
            } else {
                phrase_key = fold_key(&sentence[first.start..last.end]);
                phrase_key.as_str()
            };
            let name = g.by_key.get(key).map(|&k| g.names[k].clone()).or_else(|| {
                if n == 1 {
                    // The genitive ("Qintels", "Huaweis") is the same company as the
                    // name without it, when that name is known. Folding drops the
                    // apostrophe, so the stem's key is the word's key without its "s".
                    let w = first.text;
                    strip_genitive(w)
                        .and_then(|s| {
                            key.strip_suffix('s')
                                .and_then(|stem_key| g.by_key.get(stem_key))
                                .map(|&k| g.names[k].clone())
                                .or_else(|| discovered.contains(s).then(|| s.to_string()))
                        })
                        .or_else(|| discovered.contains(w).then(|| w.to_string()))
                } else {
                    None
                }
            });
            if let Some(name) = name {
                // A listed name must be written capitalised (or camel-case) to count:
                // "honor" or "meta" in running text are words, not companies.
                if is_capitalised(first.text)
                    || is_camel(first.text)
                    || first.text.chars().next().is_some_and(|c| c.is_lowercase() && is_camel(first.text))
                {
                    matched = Some((name, first.start..last.end, n));
                    break;
                }
            }
        }
        match matched {
            Some((name, span, n)) => {
                let bystander = is_bystander_slot(sentence, span.start);
                hits.push(EntityHit { name, span, bystander });
                i += n;
            }
            None => i += 1,
        }
    }
    hits
}

/// True if the words right before `at` put the name in a non-target role.
fn is_bystander_slot(sentence: &str, at: usize) -> bool {
    // Only the two words before the name matter: lowercase those, not the whole prefix.
    let mut before = sentence[..at].split_whitespace().rev().map(str::to_lowercase);
    let Some(last) = before.next() else {
        return false;
    };
    let prev = before.next().unwrap_or_default();
    let (last, prev) = (last.as_str(), prev.as_str());
    match last {
        "an" | "durch" | "to" | "by" | "bei" => true,
        "mit" | "with" => {
            // "Geschäfte mit X" is the target of a transaction ban; "Verhandlungen mit X",
            // "Partnerschaft mit X" are talks.
            !(prev.starts_with("geschäft")
                || prev.starts_with("transaktion")
                || prev.starts_with("handel")
                || prev.starts_with("business")
                || prev.starts_with("transaction")
                || prev.starts_with("dealings")
                || prev == "trade")
        }
        _ => false,
    }
}

/// How a query reached an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The query is the entity's name (case and accents folded).
    Exact(String),
    /// The query is an alias of the entity.
    Alias { name: String, alias: String },
    /// The query is a near miss of a known name.
    Typo { name: String, typed: String },
    /// Nothing the corpus or the gazetteer knows.
    Unknown,
}

/// Resolves what a user typed to an entity: exact name, alias, then a typo-tolerant
/// match against the names in `known` (the entities of the index) and the gazetteer.
/// The names an index knows, folded once for lookups.
#[derive(Debug, Default, Clone)]
pub struct KnownNames {
    /// Folded name → the name as stored.
    by_key: HashMap<String, String>,
    /// Every folded name a typo may be meant for (the index's and the gazetteer's), with
    /// its first character, its length in characters and the name it resolves to,
    /// ordered by those: a typo is looked for among the names that start with the same
    /// character (as for search words: typos in the first letter are rare) and are of
    /// about the typed length (an edit distance is at least the difference in length).
    by_length: Vec<(char, usize, String, String)>,
}

impl KnownNames {
    pub fn new<I: IntoIterator<Item = String>>(names: I) -> KnownNames {
        let mut by_key = HashMap::new();
        for n in names {
            by_key.entry(fold_key(&n)).or_insert(n);
        }
        let g = gazetteer();
        let entry = |k: &str, name: String| (k.chars().next().unwrap_or(' '), k.chars().count(), k.to_string(), name);
        let mut by_length: Vec<(char, usize, String, String)> = by_key
            .iter()
            .map(|(k, n)| entry(k, g.canonical(n).unwrap_or(n).to_string()))
            .chain(g.by_key.iter().map(|(k, &i)| entry(k, g.names[i].clone())))
            .collect();
        by_length.sort();
        KnownNames { by_key, by_length }
    }
}

/// Resolves what a user typed to an entity: exact name, alias, then a typo-tolerant
/// match against the names in `known` (the entities of the index) and the gazetteer.
pub fn resolve(query: &str, known: &KnownNames) -> Resolution {
    let key = fold_key(query);
    if key.is_empty() {
        return Resolution::Unknown;
    }
    if let Some(k) = known.by_key.get(&key) {
        if let Some(canon) = gazetteer().canonical(k) {
            if canon != k.as_str() {
                return Resolution::Alias { name: canon.to_string(), alias: query.trim().to_string() };
            }
        }
        return Resolution::Exact(k.clone());
    }
    if let Some(&i) = gazetteer().by_key.get(&key) {
        let name = gazetteer().names[i].clone();
        return if fold_key(&name) == key {
            Resolution::Exact(name)
        } else {
            Resolution::Alias { name, alias: query.trim().to_string() }
        };
    }
    // The full name of a company the index knows by its short one: "Marlo Networks".
    if let Some(short) = without_corporate_suffix(query) {
        match resolve(short, known) {
            Resolution::Unknown => {}
            Resolution::Exact(name) | Resolution::Alias { name, .. } | Resolution::Typo { name, .. } => {
                return Resolution::Alias { name, alias: query.trim().to_string() }
            }
        }
    }
    // A genitive or plural form: "Huaweis".
    if let Some(k) = key.strip_suffix('s').and_then(|stripped| known.by_key.get(stripped)) {
        return Resolution::Exact(k.clone());
    }
    // Typos: the closest name within an edit distance that grows with the length.
    let key_chars = key.chars().count();
    let max_dist = match key_chars {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    };
    if max_dist == 0 {
        return Resolution::Unknown;
    }
    let first = key.chars().next().unwrap_or(' ');
    let low = known.by_length.partition_point(|(c, len, _, _)| (*c, *len + max_dist) < (first, key_chars));
    let high = known.by_length.partition_point(|(c, len, _, _)| (*c, *len) <= (first, key_chars + max_dist));
    let mut best: Option<(usize, &str)> = None;
    for (_, _, ck, name) in known.by_length.get(low..high).unwrap_or(&[]) {
        // Optimal string alignment: edits and swaps of neighbouring letters, the typos
        // people make, without the full Damerau alphabet table per comparison.
        let d = strsim::osa_distance(&key, ck);
        if d <= max_dist && best.is_none_or(|(bd, bn)| d < bd || (d == bd && name.as_str() < bn)) {
            best = Some((d, name));
        }
    }
    match best {
        Some((_, name)) => Resolution::Typo { name: name.to_string(), typed: query.trim().to_string() },
        None => Resolution::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str, discovered: &[&str]) -> Vec<(String, bool)> {
        let d: FxHashSet<String> = discovered.iter().map(|s| s.to_string()).collect();
        find(s, &d).into_iter().map(|h| (h.name, h.bystander)).collect()
    }

    #[test]
    fn aliases_resolve_to_the_canonical_name() {
        let cases = [
            ("Bytedance", "TikTok"),
            ("ByteDance", "TikTok"),
            ("Musical.ly", "TikTok"),
            ("musically", "TikTok"),
            ("Tencent", "WeChat"),
            ("weixin", "WeChat"),
            ("Kaspersky Lab", "Kaspersky"),
        ];
        for (alias, want) in cases {
            assert_eq!(gazetteer().canonical(alias), Some(want), "{alias}");
        }
    }

    #[test]
    fn finds_names_in_sentences_with_their_roles() {
        assert_eq!(
            names(
                "Bytedance habe mitgeteilt, dass es den US-Zweig von TikTok nicht an Microsoft verkaufen wolle.",
                &[]
            ),
            vec![("TikTok".into(), false), ("TikTok".into(), false), ("Microsoft".into(), true)]
        );
        assert_eq!(
            names("Trump hatte per Dekret Geschäfte mit ByteDance und dem WeChat-Betreiber Tencent verboten.", &[]),
            vec![("TikTok".into(), false), ("WeChat".into(), false), ("WeChat".into(), false)]
        );
        assert_eq!(names("Die Übernahme Musicallys wurde geprüft.", &[]), vec![("TikTok".into(), false)]);
        assert_eq!(
            names("Laut Medienberichten laufen Verhandlungen mit Microsoft.", &[]),
            vec![("Microsoft".into(), true)]
        );
        assert_eq!(names("Die Sanktionen treffen Vantrix hart.", &["Vantrix"]), vec![("Vantrix".into(), false)]);
        assert!(names("Die Regierung in Washington verhängte im Juni Sanktionen.", &[]).is_empty());
    }

    #[test]
    fn discovers_unlisted_names_from_the_language() {
        let text = "Die US-Regierung verbot den Verkauf von Zhantek-Produkten. Der Chiphersteller Borvia \
                    reagierte. Geschäfte mit Qinware wurden untersagt. Der Netzwerkausrüster NORTEL-X? \
                    Die Sanktionen gegen Manager wirken. Das Handelsministerium setzte DXT auf die Liste. \
                    Die Behörde prüft auch LumiSoft.";
        let d = discover(text);
        for want in ["Zhantek", "Borvia", "Qinware", "DXT", "LumiSoft"] {
            assert!(d.contains(want), "{want} not in {d:?}");
        }
        for not in ["Manager", "Verkauf", "Sanktionen", "Regierung", "Liste", "Behörde", "US", "Handelsministerium"] {
            assert!(!d.contains(not), "{not} wrongly in {d:?}");
        }
    }

    #[test]
    fn resolves_queries_with_aliases_and_typos() {
        let known = KnownNames::new(["Kaspersky", "TikTok", "WeChat", "Vantrix"].map(String::from));
        assert_eq!(resolve("tiktok", &known), Resolution::Exact("TikTok".into()));
        assert!(matches!(resolve("Bytedance", &known), Resolution::Alias { name, .. } if name == "TikTok"));
        assert!(matches!(resolve("Kasperksy", &known), Resolution::Typo { name, .. } if name == "Kaspersky"));
        assert!(matches!(resolve("Vantirx", &known), Resolution::Typo { name, .. } if name == "Vantrix"));
        assert_eq!(resolve("Huawei", &known), Resolution::Exact("Huawei".into()));
        assert_eq!(resolve("Gazprom", &known), Resolution::Unknown);
        // Within reach in length and edits, but for the first letter.
        assert!(matches!(resolve("Vantrex", &known), Resolution::Typo { name, .. } if name == "Vantrix"));
        assert_eq!(resolve("Bantrix", &known), Resolution::Unknown);
        assert!(matches!(resolve("Wechatt", &known), Resolution::Typo { name, .. } if name == "WeChat"));
        assert_eq!(resolve("", &known), Resolution::Unknown);
        assert_eq!(resolve("x", &known), Resolution::Unknown);
        // A full name the index knows by its short one.
        assert!(matches!(resolve("Vantrix Networks", &known), Resolution::Alias { name, .. } if name == "Vantrix"));
        assert!(matches!(resolve("Kaspersky Lab Inc.", &known), Resolution::Alias { name, .. } if name == "Kaspersky"));
        assert_eq!(resolve("Gazprom AG", &known), Resolution::Unknown);
    }

    #[test]
    fn a_name_before_a_corporate_word_is_discovered() {
        let d = discover("Titel\nThe department removed Marlo Networks and Brenner AG from the list, and sanctioned Kestrel Shipping, whose owner Vantage sold it.");
        for name in ["Marlo", "Brenner", "Kestrel", "Vantage"] {
            assert!(d.contains(name), "{name} not in {d:?}");
        }
        assert!(!d.contains("Networks"), "{d:?}");
    }

    /// The word rule written plainly, one decoded character at a time: the reference the
    /// byte-stepping scanner is held to.
    fn plain_words(text: &str) -> Vec<(usize, usize)> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut k = 0;
        while k < chars.len() {
            if !chars[k].1.is_alphanumeric() {
                k += 1;
                continue;
            }
            let start = chars[k].0;
            k += 1;
            loop {
                match chars.get(k).map(|&(_, c)| c) {
                    Some(c) if c.is_alphanumeric() || c == '&' => k += 1,
                    Some('.') if chars.get(k + 1).is_some_and(|&(_, c)| c.is_alphanumeric()) => k += 2,
                    Some('\'' | '’') if chars.get(k + 1).is_some_and(|&(_, c)| c == 's') => k += 2,
                    _ => break,
                }
            }
            out.push((start, chars.get(k).map_or(text.len(), |&(i, _)| i)));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_scanner_finds_the_plain_rules_words(
            text in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'Z', '7', 'ä', 'ß', '中', '.', '&', '\'', '’', 's', ' ', '-', '\u{a0}', '½']),
                0..24,
            )
        ) {
            let text: String = text.into_iter().collect();
            let got: Vec<(usize, usize)> = words(&text).iter().map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(got, plain_words(&text));
        }
    }

    #[test]
    fn words_keep_dotted_names_ampersands_and_genitives() {
        let cases: &[(&str, &[&str])] = &[
            ("AT&T und Alibaba.com", &["AT&T", "und", "Alibaba.com"]),
            ("Huawei's U.S. unit.", &["Huawei's", "U.S", "unit"]),
            ("Trump's order, 5G-Netz", &["Trump's", "order", "5G", "Netz"]),
            ("Ende. Anfang", &["Ende", "Anfang"]),
            ("Bürger „Übernahme“ ß", &["Bürger", "Übernahme", "ß"]),
            ("it's", &["it's"]),
            ("Nippon Steel’s bid, Apple’s", &["Nippon", "Steel’s", "bid", "Apple’s"]),
            ("rock'n'roll", &["rock", "n", "roll"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            let got: Vec<&str> = words(text).iter().map(|w| w.text).collect();
            assert_eq!(&got, expected, "{text}");
            assert!(words(text).iter().all(|w| &text[w.start..w.end] == w.text));
        }
    }

    #[test]
    fn the_data_file_parses() {
        assert!(Gazetteer::parse(ENTITY_DATA).is_ok());
        assert!(gazetteer().names().len() > 20);
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn short_listed_names_at_any_position() {
        let hits = find("Rival AMD said its MI308 chips were affected as well.", &FxHashSet::default());
        assert_eq!(hits.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), vec!["AMD"]);
    }
}

#[cfg(test)]
mod abbreviation_tests {
    use super::*;

    #[test]
    fn a_genitive_is_the_company_itself() {
        let d: FxHashSet<String> = ["Qintel", "Qintels"].map(String::from).into_iter().collect();
        let hits = find("Die Chips Qintels und Qintel selbst.", &d);
        assert!(hits.iter().all(|h| h.name == "Qintel"), "{hits:?}");
    }

    #[test]
    fn technical_abbreviations_and_datelines_are_not_companies() {
        let d = discover("TAIPEI - Exportkontrollen für EUV-Maschinen und HBM-Chips treffen den Hersteller Zentrix. GPU-Lieferungen stocken.");
        assert!(d.contains("Zentrix"), "{d:?}");
        for not in ["TAIPEI", "EUV", "HBM", "GPU"] {
            assert!(!d.contains(not), "{not} in {d:?}");
        }
    }

    #[test]
    fn a_dateline_of_a_place_no_list_holds_is_no_company() {
        let text = "Titel\nNEW DELHI - India banned the apps of ZTE.\nKUALA LUMPUR (Reuters) - More followed.\nBERGEN, 5. Mai (dpa) - Auch VELTA.";
        let d = discover(text);
        for not in ["NEW", "DELHI", "KUALA", "LUMPUR", "BERGEN"] {
            assert!(!d.contains(not), "{not} in {d:?}");
        }
        assert!(d.contains("VELTA"), "an all-caps name after the dateline stays one: {d:?}");
        assert!(discover("Titel\nIndia banned NOVEX devices.").contains("NOVEX"));
    }

    #[test]
    fn a_possessive_names_the_owner_and_its_product() {
        let d = discover(
            "India banned 59 apps, including Zapflow's Clipto and China's Novex, and Orvia's Canadian business.",
        );
        for name in ["Zapflow", "Clipto", "Novex", "Orvia"] {
            assert!(d.contains(name), "{name} not in {d:?}");
        }
        assert!(!d.contains("China") && !d.contains("Canadian"), "{d:?}");
    }
}
