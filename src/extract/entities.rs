//! Entities: the companies and products an article names. Known names and their aliases
//! come from `data/entities.toml`; names not listed there are discovered from the
//! language around them ("der Hersteller X", "X-Produkte", "Geschäfte mit X", camel-case
//! brands, short all-caps names). Matching folds case, ß and umlauts.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use crate::model::Lang;

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
    "east",
    "north",
    "south",
    "nord",
    "sud",
    "ost",
    // peoples as objects of a measure's verb ("barred Americans from investing")
    "americans",
    "russians",
    "europeans",
    "britons",
    "germans",
    "iranians",
    "ukrainians",
    "canadians",
    "australians",
    "indians",
    "koreans",
    "citizens",
    // more countries that act against companies ("Im Dezember untersagte Vietnam ...")
    "vietnam",
    "indonesien",
    "indonesia",
    "malaysia",
    "thailand",
    "philippinen",
    "philippines",
    "brasilien",
    "brazil",
    "mexiko",
    "mexico",
    "turkei",
    "turkey",
    "pakistan",
    "bangladesch",
    "bangladesh",
    "nepal",
    "kasachstan",
    "kazakhstan",
    "belarus",
    "weissrussland",
    "litauen",
    "lithuania",
    "estland",
    "estonia",
    "lettland",
    "latvia",
    "danemark",
    "denmark",
    "norwegen",
    "norway",
    "finnland",
    "finland",
    "belgien",
    "belgium",
    "osterreich",
    "austria",
    "schweiz",
    "switzerland",
    "neuseeland",
    "zealand",
    "sudkorea",
    "nordkorea",
    "ottawa",
    "canberra",
    // Chinese cities and provinces that open company names ("Zhuhai Arcwave Technology")
    "zhuhai",
    "wuxi",
    "hangzhou",
    "guangzhou",
    "suzhou",
    "chengdu",
    "wuhan",
    "tianjin",
    "nanjing",
    "dalian",
    "qingdao",
    "xiamen",
    "ningbo",
    "dongguan",
    "hefei",
    "changsha",
    "chongqing",
    "xian",
    "shenyang",
    "harbin",
    "jinan",
    "zhengzhou",
    "kunming",
    "foshan",
    "jiangsu",
    "zhejiang",
    "guangdong",
    "fujian",
    "sichuan",
    "hubei",
    "hunan",
    "shandong",
    "anhui",
    "xinjiang",
    "tibet",
    "macau",
    "macao",
    // (the US states: added from the authorities table in NOT_ENTITY_SET)
    "chinese",
    "american",
    "russian",
    "european",
    "german",
    "british",
    "japanese",
    "korean",
    "taiwanese",
    "turkish",
    "indian",
    "french",
    "dutch",
    "czech",
    "swiss",
    "iranian",
    "israeli",
    "canadian",
    "australian",
    "italian",
    "spanish",
    "swedish",
    "polish",
    "ukrainian",
    "emirati",
    "saudi",
    "singaporean",
    "malaysian",
    "vietnamese",
    "mexican",
    "brazilian",
    // German adjectives of nationality, capitalised at a sentence's start ("Deutsche
    // Industriebetriebe ...")
    "deutsche",
    "deutschen",
    "deutscher",
    "deutsches",
    "chinesische",
    "chinesischen",
    "chinesischer",
    "amerikanische",
    "amerikanischen",
    "russische",
    "russischen",
    "europaische",
    "europaischen",
    "britische",
    "britischen",
    "japanische",
    "japanischen",
    "franzosische",
    "niederlandische",
    // words that open the names of institutions and laws
    "federal",
    "national",
    "international",
    "global",
    "world",
    "foreign",
    "general",
    "central",
    // authorities, institutions, media, agencies
    "roskomnadsor",
    "roskomnadzor",
    "cfius",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "several",
    "exporter",
    "exporters",
    "importer",
    "importers",
    "office",
    "nationals",
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
    "reserve",
    "development",
    "ofsi",
    "fcdo",
    "samr",
    "bafa",
    "seco",
    "bmwk",
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
    // time zones and times of day of datelines ("5:47 PM EDT")
    "am",
    "pm",
    "et",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "cet",
    "cest",
    "mez",
    "mesz",
    "bst",
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
    "neither",
    "weder",
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
    "smartphone",
    "chip",
    "chips",
    "netz",
    "streaming",
    "social",
    "media",
    "tech",
    "oberste",
    // words of government that open or fill a name ("Commerce's Bureau of Industry and
    // Security", "the People's Republic of China", "the EAR", "Washington, D.C.", "the
    // PRC")
    "bureau",
    "agency",
    "people",
    "peoples",
    "republic",
    "prc",
    "ear",
    "foia",
    "dc",
    "nw",
    // English loanwords of German business prose ("Joint Ventures", "Outbound-Regel")
    "joint",
    "venture",
    "ventures",
    "outbound",
    "inbound",
    "startup",
    "startups",
    "equity",
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
    "os",
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
    "cfo",
    "coo",
    "ngo",
];

static NOT_ENTITY_SET: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    NOT_ENTITIES
        .iter()
        .chain(LEGAL_FORMS)
        .map(|w| w.to_string())
        // US states, which name laws, governors and companies' homes: every word of
        // their names ("rhode", "island").
        .chain(super::authorities::STATES.iter().flat_map(|s| s.split(' ')).map(str::to_lowercase))
        .chain(crate::text::months::all_forms().map(fold_key))
        .collect()
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
    static TABLE: LazyLock<SuffixTable> = LazyLock::new(|| SuffixTable::new(NOUN_ENDINGS));
    TABLE.matches(folded, 3)
}

/// A list of suffixes grouped by their last byte: the discovery rules ask, for many
/// words, whether one of some dozens of suffixes ends them, and most words share their
/// last letter with few of them.
struct SuffixTable {
    by_last: Vec<Vec<&'static str>>,
}

impl SuffixTable {
    fn new(suffixes: &[&'static str]) -> SuffixTable {
        let mut by_last = vec![Vec::new(); 256];
        for s in suffixes {
            if let Some(&b) = s.as_bytes().last() {
                by_last[usize::from(b)].push(*s);
            }
        }
        SuffixTable { by_last }
    }

    /// True if a suffix ends `word` with at least `stem` bytes before it.
    fn matches(&self, word: &str, stem: usize) -> bool {
        let Some(&b) = word.as_bytes().last() else {
            return false;
        };
        self.by_last[usize::from(b)].iter().any(|s| word.len() >= s.len() + stem && word.ends_with(s))
    }
}

/// True if the folded word ends in a noun that introduces a company name
/// ([`CUE_SUFFIXES`]): "hersteller", "chiphersteller", "broker".
fn has_cue_suffix(folded: &str) -> bool {
    static TABLE: LazyLock<SuffixTable> = LazyLock::new(|| SuffixTable::new(CUE_SUFFIXES));
    TABLE.matches(folded, 0)
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

/// Company heads that name a kind of product: before a name ("die Kurzvideo-App
/// Clipwave", "die Compliance-Software TradeGuard") the compound describes it.
const PRODUCT_HEADS: &[&str] = &["app", "apps", "software", "plattform", "dienst", "dienste", "programme", "netzwerk"];

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
    "bauer",
    "chatbot",
    "labor",
    "chipmaker",
    "lender",
    "insurer",
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
    "broker",
    "trader",
    "distributor",
    "investor",
    "fund",
    "airline",
    "forwarder",
    "kaufer",
    "bieter",
    "game",
    "spiel",
    "service",
    "network",
    "website",
    "marketplace",
    "retailer",
    "exchange",
    "browser",
];

/// Words that end a company's full name: the word before one is the name's own part
/// ("Marlo Networks", "Velto Technologies", "Brenner AG").
const CORPORATE_SUFFIXES: &[&str] = &[
    "networks",
    "solar",
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
    "communications",
    "photonics",
    "optoelectronics",
    "optics",
    "capital",
    "partners",
    "ventures",
    "securities",
    "services",
    "trading",
    "trade",
    "tools",
    "design",
    "mobile",
    "interactive",
    "cargo",
    "airlines",
    "aviation",
    "aerospace",
    "steel",
    "industrial",
    "group",
    "energy",
    "datacom",
    "satcom",
    "microdevices",
    "devices",
    "labs",
    "analytics",
    "lasers",
    "avionics",
    "dynamics",
    "memory",
    "instruments",
    "pharma",
    "biotech",
    "motors",
    "materials",
    "manufacturing",
    "bank",
    "mining",
    "investment",
    "international",
    "lithium",
    "resources",
    "auto",
    "automobile",
    "motor",
    "inc",
    "corp",
    "corporation",
    "incorporated",
    "ltd",
    "limited",
    "ag",
    "gmbh",
    "se",
    "plc",
    "llc",
    "co",
];

/// Legal forms: they end a company's full name and are never a name on their own
/// (both [`CORPORATE_SUFFIXES`] and the stop words take them).
const LEGAL_FORMS: &[&str] =
    &["fze", "fzco", "jsc", "llp", "sa", "nv", "bv", "spa", "kg", "sdn", "bhd", "pte", "pty", "kk"];

static CORPORATE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| CORPORATE_SUFFIXES.iter().chain(LEGAL_FORMS).copied().collect());

/// True if the folded word is a corporate word ([`CORPORATE_SUFFIXES`]).
fn is_corporate_word(folded: &str) -> bool {
    CORPORATE_SET.contains(folded)
}

/// The words of a query with their byte ranges.
fn query_words(query: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in query.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, query.len()));
    }
    out
}

/// A query without the places that open it and the corporate words that end it: "Marlo
/// Networks" → "Marlo", "Zhuhai Arcwave Technology" → "Arcwave", "Sky Meridian FZE" →
/// "Sky Meridian". None when nothing is stripped or nothing would remain.
fn without_place_and_corporate_words(query: &str) -> Option<&str> {
    let ws = query_words(query);
    let key = |&(a, b): &(usize, usize)| fold_key(&query[a..b]);
    let first = ws.iter().position(|w| !is_stopword(&key(w)))?;
    let last = ws.iter().rposition(|w| !is_corporate_word(&key(w)))?;
    if first > last || (first == 0 && last + 1 == ws.len()) {
        return None;
    }
    Some(&query[ws[first].0..ws[last].1])
}

/// The one entity a query of several words names by a part of it: the longest known
/// prefix ("China Unicom Americas" → China Unicom, "Jinlan New Energy" → Jinlan), else
/// its only known word. None when two parts name different entities.
fn known_part(query: &str, known: &KnownNames) -> Option<String> {
    let ws = query_words(query);
    if ws.len() < 2 {
        return None;
    }
    let lookup = |key: &str| -> Option<String> {
        if key.len() < 3 || is_stopword(key) {
            return None;
        }
        let g = gazetteer();
        known
            .by_key
            .get(key)
            .map(|n| g.canonical(n).unwrap_or(n).to_string())
            .or_else(|| g.by_key.get(key).map(|&i| g.names[i].clone()))
    };
    let prefix = (1..ws.len()).rev().find_map(|k| lookup(&fold_key(&query[ws[0].0..ws[k - 1].1])));
    let mut names: Vec<String> = prefix.into_iter().collect();
    for &(a, b) in &ws {
        if let Some(n) = lookup(&fold_key(&query[a..b])) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    match names.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
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
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(|c| c.is_uppercase()),
    }
}

fn is_camel(w: &str) -> bool {
    // An upper-case letter after a lower-case one inside the word: TikTok, WeChat, iFlytek;
    // or two capitals opening a word in lower case, which no noun is written as: VKontakte.
    if w.is_ascii() {
        let b = w.as_bytes();
        let two_capitals = b.len() >= 5
            && b[0].is_ascii_uppercase()
            && b[1].is_ascii_uppercase()
            && b[2..].iter().all(u8::is_ascii_lowercase);
        return two_capitals
            || b.iter().skip(1).any(u8::is_ascii_uppercase)
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

/// True when a hyphen and a code with a digit follow the word that ends at `end`: a
/// product's model number ("IS-T40", "XR-7"), not a company.
fn is_model_code(text: &str, end: usize) -> bool {
    text[end..]
        .strip_prefix('-')
        .is_some_and(|rest| rest.chars().take_while(|c| c.is_alphanumeric()).any(|c| c.is_ascii_digit()))
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

/// True if the word at `start..end` is part of a label in capitals that opens its line:
/// a form's field ("DATES: The prohibition ...", "AGENCY:") or a transcript's speaker
/// ("[00:14] PRIYA DESHMUKH (host): Welcome back").
fn in_label(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    if text[line_start..start].chars().any(char::is_lowercase) {
        return false;
    }
    let rest = text[end..].trim_start_matches(|c: char| c.is_uppercase() || c == ' ' || c == '.' || c == '-');
    let rest = match rest.strip_prefix('(') {
        Some(inner) => inner.find(')').map_or(rest, |i| &inner[i + 1..]),
        None => rest,
    };
    rest.starts_with(':')
}

/// True if the word at `span` stands alone in brackets after a space: "Cindralux
/// Displays (CDLX)", the short form of the name before it.
pub(crate) fn in_brackets(text: &str, span: &Range<usize>) -> bool {
    text[..span.start].ends_with(" (") && text[span.end..].starts_with(')')
}

/// True for a Roman numeral of a section ("II.", "IV"), which names nothing.
fn is_roman(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    !w.is_empty() && w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// True if the folded word is a compound whose last part, of four letters or more, names
/// no company: "Kurzvideo-App", "Sicherheitscloud-Dienst".
fn ends_in_common_word(folded: &str) -> bool {
    folded.char_indices().skip(3).map(|(i, _)| &folded[i..]).any(|tail| tail.chars().count() >= 4 && is_stopword(tail))
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
/// the text. Returns surface forms (as written). `lang` is the article's language: German
/// capitalises every noun, so a capitalised word is read as a noun by its ending only
/// in German text, while English capitalises little but names.
pub fn discover(text: &str, lang: Lang) -> FxHashSet<String> {
    // Every word folded once, into one buffer: the rules below look at a word and at its
    // neighbours.
    let Folded { ws, buffer, ends, cases } = folded_words(text);
    let mut found = FxHashSet::default();
    // How often each capitalised word is written, counted when first needed.
    let mut counts: Option<FxHashMap<&str, usize>> = None;
    let a = Scan { text, ws: &ws, buffer: &buffer, ends: &ends, cases: &cases, lang };
    let fold = |i: usize| a.fold(i);
    let defined = defined_terms(&a);
    let german = lang == Lang::De;
    // "-based" modifiers, rare: their rule runs only in articles that have one.
    let based = ws.iter().any(|w| w.text == "based" && w.start > 0 && text.as_bytes()[w.start - 1] == b'-');
    for (i, w) in ws.iter().enumerate() {
        let t = w.text;
        let camel = cases[i] & CAMEL != 0;
        if !camel && cases[i] & CAPITALISED == 0 {
            continue;
        }
        let folded = fold(i);
        if folded.len() < 2 || is_stopword(folded) || folded.chars().all(|c| c.is_ascii_digit()) {
            // A word that names no company alone may still end a run that does:
            // "Umbraline Cloud Ltd.", "Umbraline Cloud, a company organized ...".
            if is_stopword(folded) && i > 0 && a.joined(i - 1) && a.capitalised(i - 1) {
                let corporate_next = ws.get(i + 1).is_some_and(|n| n.start == w.end + 1 && is_capitalised(n.text))
                    && a.ends_name(i + 1)
                    && !(lang == Lang::En && title_case_line(text, w.start));
                if corporate_next || a.appositive_after(i) {
                    if let Some(n) = a.name_in_run(a.run_start(i), i) {
                        found.insert(ws[n].text.to_string());
                    }
                }
            }
            continue;
        }
        if gazetteer().by_key.contains_key(folded) || (!defined.is_empty() && defined.contains(&t)) {
            continue;
        }
        // "Samsung’s": the possessive of a listed name.
        if strip_possessive(t).is_some() && gazetteer().by_key.contains_key(&folded[..folded.len() - 1]) {
            continue;
        }
        // "Kyrgyzstan-based": a place.
        if text[w.end..].starts_with("-based") {
            continue;
        }
        // Camel-case brands and short all-caps names (not the place of a dateline, nor a
        // product that classifies a company: "the OLED panel maker", "der SSD-Hersteller").
        if camel
            || (is_all_caps_name(t)
                && !in_dateline(text, w.start, w.end)
                && !in_label(text, w.start, w.end)
                && !is_roman(t)
                && !is_model_code(text, w.end)
                && !a.classifies_company(i))
        {
            found.insert(t.to_string());
            // "Cindralux Displays (CDLX)": a short form in brackets makes the words before
            // it a name too.
            let bracketed = i > 0 && ws[i - 1].end + 2 == w.start && in_brackets(text, &(w.start..w.end));
            if bracketed && a.capitalised(i - 1) {
                if let Some(n) = a.name_in_run(a.run_start(i - 1), i - 1) {
                    found.insert(ws[n].text.to_string());
                }
            }
            continue;
        }
        // "X-Produkte": the word is followed directly by a hyphen and a company head. A
        // noun before the head ("Compliance-Software", "Sicherheits-Update") is none.
        if text[w.end..].starts_with('-') {
            if let Some(next) = ws.get(i + 1) {
                if next.start == w.end + 1 && COMPANY_HEADS.contains(&fold(i + 1)) {
                    // "die Kurzvideo-App Clipwave": a product type before the name itself
                    // (not before a noun: "manipulierter Bortek-Software Schaden").
                    let named = PRODUCT_HEADS.contains(&fold(i + 1))
                        && ws.get(i + 2).is_some_and(|n| {
                            n.start == next.end + 1
                                && is_capitalised(n.text)
                                && !(german && looks_like_common_noun(fold(i + 2)))
                        });
                    if !named
                        && !looks_like_common_noun(folded)
                        && !has_english_noun_ending(folded)
                        && !ends_in_common_word(folded)
                    {
                        found.insert(t.to_string());
                    }
                    continue;
                }
            }
        }
        if i == 0 {
            continue;
        }
        // "der Hersteller X", "Techriesen X", "Antivirensoftware-Hersteller X", "the
        // parts broker X", "das Start-up X".
        let prev = ws[i - 1];
        let pf = fold(i - 1);
        let gap = &text[prev.end..w.start];
        let start_up = pf == "up" && i >= 2 && fold(i - 2) == "start" && ws[i - 2].end + 1 == prev.start;
        // ("Labor" heads German names, "Chiplabor X"; in English it is labour: "Forced
        // Labor Prevention Act".)
        let cue = has_cue_suffix(pf) && !(lang == Lang::En && pf.ends_with("labor"));
        if gap.trim().is_empty() && !gap.contains('\n') && (start_up || cue) {
            found.insert(t.to_string());
            continue;
        }
        // "Hangzhou-based DeepSeek", "the Istanbul-based parts broker Yelken".
        if based && after_based_modifier(&a, i) {
            if let Some(n) = a.name_in_run(i, a.run_end(i)) {
                found.insert(ws[n].text.to_string());
            }
            continue;
        }
        // "Suntera Capital, a Hong Kong-based investment firm,": a name the appositive
        // after it classifies.
        if a.appositive_after(i) {
            if let Some(n) = a.name_in_run(a.run_start(i), i) {
                found.insert(ws[n].text.to_string());
            }
            continue;
        }
        // The capitalised word right after this one, one space on.
        let next = ws.get(i + 1).filter(|n| n.start == w.end + 1 && is_capitalised(n.text));
        // "Marlo Networks", "Brenner AG", "Beihai Precision Tools", "Zhuhai Arcwave
        // Technology": the name before a corporate word, even one of German noun form
        // ("Kestrel Shipping"): the corporate word makes it a name. The name is the first
        // word of the run that is no place ("Zhuhai") and no ordinary word.
        if next.is_some() && a.ends_name(i + 1) {
            // A line in title case is a headline, unless the run is a measure's object
            // ("The Commerce Department added Korvane Photonics to the Entity List").
            let object = lang == Lang::En && MEASURE_VERBS_EN.contains(&pf);
            if object || !(lang == Lang::En && title_case_line(text, w.start)) {
                if let Some(n) = a.name_in_run(a.run_start(i), i) {
                    found.insert(ws[n].text.to_string());
                }
            }
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
            // is a name too, and so is the possessor unless it is a place. Not the
            // first word of a list's or a law's name ("the Commission's Covered List").
            let titled = || {
                ws.get(i + 2).is_some_and(|n| n.start == ws[i + 1].end + 1)
                    && matches!(fold(i + 2), "list" | "liste" | "act" | "rule" | "program" | "programme" | "order")
            };
            if let Some(next) = next {
                let next_key = fold(i + 1);
                if !is_known_word(next_key)
                    && next_key.chars().count() >= 3
                    && strip_possessive(next.text).is_none()
                    && !titled()
                {
                    found.insert(next.text.to_string());
                    if !known {
                        found.insert(owner.to_string());
                    }
                    continue;
                }
            }
        }
        // "Geschäfte mit X", "gegen X", "against X", "the designation of X": a capitalised word (in German text,
        // one without a noun ending), written at least twice, or once right after such
        // a slot.
        if !(german && looks_like_common_noun(folded)) {
            let deal = ["geschaft", "handel", "transaktion", "business", "deal", "transaction", "trade"];
            // "the designation of X", "the blocking of X": the object of a measure's noun.
            let measure_nouns = ["designation", "blocking", "blacklisting", "listing", "sanctioning"];
            // "added Lumora to the Entity List", "banned Varnex", "ordered Telegram blocked":
            // in English, the object right after the verb of a measure.
            // The verb written in lower case: "Forced Labor" is a title's words.
            let verb = prev.text.starts_with(|c: char| c.is_lowercase());
            let measure_object = match lang {
                Lang::En => verb && MEASURE_VERBS_EN.contains(&pf),
                // "Vietnam untersagte Qianbao den Betrieb": German objects are nouns by
                // their endings, which the guard above has ruled out.
                // A plural of a loanword ("verbot Kameras", "sperrte Handys") is none.
                // Not across a comma ("untersagt, Dual-Use-Güter zu liefern"), and not the
                // first part of a compound, whose head says what it is.
                Lang::De => {
                    MEASURE_VERBS_DE.contains(&pf)
                        && !folded.ends_with('s')
                        && gap.trim().is_empty()
                        && !text[w.end..].starts_with('-')
                }
            };
            // "blocks Idaho's ban": a place's possessive is no object.
            let place = strip_possessive(t).is_some_and(|o| is_known_word(&fold_key(o)));
            let in_slot = !place
                && (matches!(pf, "gegen" | "against" | "on")
                    || measure_object
                    || (matches!(pf, "mit" | "with") && i > 1 && deal.iter().any(|d| fold(i - 2).starts_with(d)))
                    || (pf == "of" && i > 1 && measure_nouns.contains(&fold(i - 2))));
            let repeated =
                in_slot && counts.get_or_insert_with(|| capitalised_counts(&ws)).get(t).copied().unwrap_or(0) >= 2;
            let sentence_start =
                text[..w.start].trim_end().ends_with(['.', '!', '?', ':', '"', '„', '“']) || w.start == 0;
            if in_slot && (repeated || !sentence_start) && t.chars().count() >= 3 {
                found.insert(t.to_string());
            }
        }
    }
    coordinated(&a, &mut found);
    if text.contains("\n|") || text.starts_with('|') {
        table_column(text, &mut found);
    }
    found
}

/// English verbs of a measure whose object is the company it targets ("added X to the
/// Entity List", "sanctioned X", "ordered X to divest"). Folded forms.
const MEASURE_VERBS_EN: &[&str] = &[
    "added",
    "adds",
    "adding",
    "blacklisted",
    "blacklists",
    "sanctioned",
    "sanctions",
    "sanctioning",
    "designated",
    "designates",
    "designating",
    "banned",
    "bans",
    "banning",
    "blocked",
    "blocks",
    "blocking",
    "barred",
    "bars",
    "barring",
    "delisted",
    "delists",
    "targeted",
    "targets",
    "targeting",
    "ordered",
    "orders",
    "penalized",
    "fined",
    "restricted",
    "restricts",
    "prohibited",
    "prohibits",
    "forced",
    "forces",
    "compelled",
];

/// The first cells of a Markdown table, one of which is a name, are names: a column of
/// companies ("| BYD | 17,0 % |", "| Geely | 18,8 % |"). The header row and cells that
/// are no capitalised words of a name (figures, long phrases, stop words) are left out.
fn table_column(text: &str, found: &mut FxHashSet<String>) {
    let mut table: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if crate::corpus::is_table_row(line) {
            let cell = line[1..].split('|').next().unwrap_or("").trim();
            if !cell.is_empty() && !cell.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
                table.push(cell);
            }
            continue;
        }
        // The header names the column; the rows below it hold its values.
        let cells = table.get(1..).unwrap_or(&[]);
        let named = |c: &str| gazetteer().by_key.contains_key(&fold_key(c)) || found.contains(c);
        if cells.iter().any(|c| named(c)) {
            let new: Vec<&str> = cells
                .iter()
                .copied()
                .filter(|c| {
                    let words: Vec<&str> = c.split_whitespace().collect();
                    words.len() <= 3
                        && words.iter().all(|w| is_capitalised(w) && !w.chars().any(|ch| ch.is_ascii_digit()))
                        && !is_stopword(&fold_key(c))
                        && !named(c)
                })
                .collect();
            found.extend(new.into_iter().map(str::to_string));
        }
        table.clear();
    }
}

/// German verbs of a measure whose object is the company it targets, in the forms that
/// stand before the object ("untersagte X den Betrieb", "sanktionierte X", "belegte X
/// mit Sanktionen"). Folded forms.
const MEASURE_VERBS_DE: &[&str] = &[
    "untersagte",
    "untersagt",
    "verbot",
    "verbietet",
    "sanktionierte",
    "sanktioniert",
    "sperrte",
    "sperrt",
    "blockierte",
    "blockiert",
    "belegte",
    "listete",
    "zwang",
    "zwingt",
    "verbannte",
    "verbannt",
];

/// The words of one line and their folded forms, as [`folded_words`] gives them for a
/// text of that line alone (offsets from the line's start, in 32 bits).
struct LineWords {
    spans: Vec<(u32, u32)>,
    /// The folded words one after another, and where each ends in it.
    folded: String,
    ends: Vec<u32>,
    /// Each word's [`case_of`].
    cases: Vec<u8>,
}

/// The words of a text, every one folded into one buffer (`ends`: where each ends in it),
/// and each word's [`case_of`].
struct Folded<'a> {
    ws: Vec<Word<'a>>,
    buffer: String,
    ends: Vec<usize>,
    cases: Vec<u8>,
}

/// A word's case, as bits: [`CAPITALISED`] ([`is_capitalised`]) and [`CAMEL`] ([`is_camel`]).
const CAPITALISED: u8 = 1;
const CAMEL: u8 = 2;

fn case_of(w: &str) -> u8 {
    (u8::from(is_capitalised(w)) * CAPITALISED) | (u8::from(is_camel(w)) * CAMEL)
}

thread_local! {
    /// The words of the lines this thread has read: a paragraph that several articles
    /// print is split into words and folded once. What a line's words are depends on the
    /// line alone, since no word runs past a line end (see [`words`]).
    static LINE_WORDS: std::cell::RefCell<crate::text::memo::Memo<std::rc::Rc<LineWords>>> = Default::default();
}

/// The words of `text` as [`Folded`] holds them: [`words`], [`fold_into`] and
/// [`case_of`] over the whole text, read line by line. A line end is
/// no letter, digit, `&`, dot or apostrophe, so it ends any word and starts none, and
/// the words of a text are those of its lines.
fn folded_words(text: &str) -> Folded<'_> {
    let mut f = Folded {
        ws: Vec::with_capacity(text.len() / 6),
        buffer: String::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len() / 6),
        cases: Vec::with_capacity(text.len() / 6),
    };
    let mut at = 0;
    for line in text.split('\n') {
        if line.len() > LONGEST_REMEMBERED_LINE {
            // Too long for the memo's offsets (never in practice): read where it stands.
            for w in words(line) {
                fold_into(w.text, &mut f.buffer);
                f.ws.push(Word { text: w.text, start: at + w.start, end: at + w.end });
                f.ends.push(f.buffer.len());
                f.cases.push(case_of(w.text));
            }
        } else {
            let line_words = crate::text::memo::remembered(&LINE_WORDS, line, || std::rc::Rc::new(line_words(line)));
            let base = f.buffer.len();
            f.buffer.push_str(&line_words.folded);
            for (&(start, end), &folded_end) in line_words.spans.iter().zip(&line_words.ends) {
                let (start, end) = (at + start as usize, at + end as usize);
                f.ws.push(Word { text: &text[start..end], start, end });
                f.ends.push(base + folded_end as usize);
            }
            f.cases.extend_from_slice(&line_words.cases);
        }
        at += line.len() + 1;
    }
    f
}

/// Lines longer than this are read without the memo. The offsets of a shorter line and of
/// its folded text fit in 32 bits: folding at most lengthens a letter by half ("İ", two
/// bytes, lowercases to three).
const LONGEST_REMEMBERED_LINE: usize = (u32::MAX / 2) as usize;

/// The words of a line of at most [`LONGEST_REMEMBERED_LINE`] bytes, each folded.
fn line_words(line: &str) -> LineWords {
    let ws = words(line);
    let mut out = LineWords {
        spans: Vec::with_capacity(ws.len()),
        folded: String::new(),
        ends: Vec::with_capacity(ws.len()),
        cases: Vec::with_capacity(ws.len()),
    };
    for w in &ws {
        fold_into(w.text, &mut out.folded);
        out.cases.push(case_of(w.text));
        out.spans.push((w.start as u32, w.end as u32));
        out.ends.push(out.folded.len() as u32);
    }
    out
}

/// An article's words, each folded once and its case read once, with its text and
/// language: what the rules of [`discover`] read.
struct Scan<'a> {
    text: &'a str,
    ws: &'a [Word<'a>],
    buffer: &'a str,
    ends: &'a [usize],
    cases: &'a [u8],
    lang: Lang,
}

/// How many capitalised words before the last one a name may run to ("Zhuhai Arcwave
/// Technology", "Tamar Air Services").
const MAX_RUN: usize = 3;

impl<'a> Scan<'a> {
    fn fold(&self, i: usize) -> &'a str {
        &self.buffer[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }

    /// The folded word without an English possessive ("Steel’s" → "steel").
    fn fold_owner(&self, i: usize) -> &'a str {
        let f = self.fold(i);
        match strip_possessive(self.ws[i].text) {
            Some(_) => f.strip_suffix('s').unwrap_or(f),
            None => f,
        }
    }

    fn capitalised(&self, i: usize) -> bool {
        self.cases[i] != 0
    }

    /// The words `i` and `i + 1` are one space apart, or joined by " & " ("Hollis & Crane").
    fn joined(&self, i: usize) -> bool {
        let gap = &self.text[self.ws[i].end..self.ws[i + 1].start];
        gap == " " || gap == " & "
    }

    /// True if the folded word at `j` is a corporate word that ends a name: "Networks" in
    /// "Marlo Networks said", not "Trade" in "World Trade Organization" (a capitalised
    /// word that is no corporate word follows).
    fn ends_name(&self, j: usize) -> bool {
        if !is_corporate_word(self.fold_owner(j)) {
            return false;
        }
        let ws = self.ws;
        let mut k = j;
        while k + 1 < ws.len() && self.joined(k) && self.capitalised(k + 1) {
            if !is_corporate_word(self.fold_owner(k + 1)) {
                return false;
            }
            k += 1;
        }
        true
    }

    /// The first word of the run of capitalised words that ends at `i`: at most
    /// `MAX_RUN` words back, not past a cue noun ("der Hersteller"), and in German text
    /// not past a common noun ("die Tochter").
    fn run_start(&self, i: usize) -> usize {
        let mut s = i;
        while s > 0 && i - s < MAX_RUN && self.joined(s - 1) && self.capitalised(s - 1) {
            let f = self.fold(s - 1);
            if has_cue_suffix(f) || (self.lang == Lang::De && looks_like_common_noun(f) && !is_stopword(f)) {
                break;
            }
            s -= 1;
        }
        s
    }

    /// The last word of the run of capitalised words that starts at `i`.
    fn run_end(&self, i: usize) -> usize {
        let mut e = i;
        while e + 1 < self.ws.len() && e - i < MAX_RUN && self.joined(e) && self.capitalised(e + 1) {
            e += 1;
        }
        e
    }

    /// The word of the run `from..=to` that names the company: the first that is no stop
    /// word or place ("Zhuhai"), no corporate word and, in English text, no ordinary word
    /// written capitalised at the start of a sentence ("Rival"). None when that word is a
    /// listed name (the gazetteer names it) or the run has none.
    fn name_in_run(&self, from: usize, to: usize) -> Option<usize> {
        // "Taiwan Semiconductor Manufacturing Co.": a listed name of several words.
        if (from + 1..=to)
            .any(|k| gazetteer().by_key.contains_key(&fold_key(&self.text[self.ws[from].start..self.ws[k].end])))
        {
            return None;
        }
        let candidates: Vec<usize> = (from..=to)
            .filter(|&j| {
                let f = self.fold_owner(j);
                f.len() >= 2 && !is_stopword(f) && !is_corporate_word(f) && !f.chars().all(|c| c.is_ascii_digit())
            })
            .collect();
        let last = *candidates.last()?;
        let pick = candidates
            .iter()
            .copied()
            .find(|&j| j == last || !(self.lang == Lang::En && written_lowercase(self.text, self.ws[j].text)))?;
        let f = self.fold_owner(pick);
        (!gazetteer().by_key.contains_key(f)).then_some(pick)
    }

    /// True if the word at `i` is followed, within three lower-case words, by a noun that
    /// introduces companies: it names their product ("the OLED panel maker", "SSD
    /// maker"), not a company.
    fn classifies_company(&self, i: usize) -> bool {
        for k in i + 1..(i + 4).min(self.ws.len()) {
            let gap = &self.text[self.ws[k - 1].end..self.ws[k].start];
            if !(gap == " " || gap == "-") || !self.ws[k].text.starts_with(|c: char| c.is_lowercase()) {
                return false;
            }
            if has_cue_suffix(self.fold(k)) {
                return true;
            }
        }
        false
    }

    /// True if the word at `i` ends a name that an appositive classifies: ", a Hong
    /// Kong-based investment firm", ", the Chinese SSD maker", ", ein Finanzinvestor aus
    /// Shanghai": an article, then within five words a noun that introduces companies.
    fn appositive_after(&self, i: usize) -> bool {
        let ws = self.ws;
        let Some(det) = ws.get(i + 1) else {
            return false;
        };
        if &self.text[ws[i].end..det.start] != ", "
            || !matches!(self.fold(i + 1), "a" | "an" | "the" | "ein" | "eine" | "der" | "die" | "das")
        {
            return false;
        }
        if !det.text.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
        for k in i + 2..(i + 7).min(ws.len()) {
            let gap = &self.text[ws[k - 1].end..ws[k].start];
            if !(gap == " " || gap == "-") {
                return false;
            }
            let f = self.fold(k);
            // The head noun comes before any complement: "a partner at the law firm" is
            // a person.
            if matches!(f, "at" | "of" | "in" | "for" | "with" | "from" | "von" | "bei" | "aus" | "fur" | "mit") {
                return false;
            }
            let lower = ws[k].text.starts_with(|c: char| c.is_lowercase());
            if (lower || self.lang == Lang::De) && has_cue_suffix(f) {
                return true;
            }
        }
        false
    }
}

/// True if the capitalised word at `i` follows a "-based" modifier and at most three
/// lower-case words: "Hangzhou-based DeepSeek", "the Istanbul-based parts broker Yelken".
fn after_based_modifier(a: &Scan<'_>, i: usize) -> bool {
    let ws = a.ws;
    for k in (i.saturating_sub(4)..i).rev() {
        if &a.text[ws[k].end..ws[k + 1].start] != " " || !ws[k].text.starts_with(|c: char| c.is_lowercase()) {
            return false;
        }
        if ws[k].text == "based" {
            return ws[k].start > 0 && a.text.as_bytes()[ws[k].start - 1] == b'-';
        }
    }
    false
}

/// True if `word` is also written in lower case somewhere in `text`: an ordinary word
/// capitalised at the start of a sentence ("Rival", "Earlier"), not a name.
fn written_lowercase(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    if lower == word || lower.is_empty() {
        return false;
    }
    text.match_indices(&lower).any(|(at, m)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// True if the line around byte `at` is a short heading set in title case ("Tech Giants
/// Face New Trade Rules"), where capitals say nothing of names.
fn title_case_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    let mut words = 0;
    let (mut long, mut capitalised) = (0, 0);
    for w in line.split_whitespace() {
        words += 1;
        if words > 14 {
            return false;
        }
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            capitalised += usize::from(is_capitalised(w));
        }
    }
    long >= 3 && capitalised * 4 >= long * 3
}

/// English endings of nouns that German borrows ("Compliance", "Security", "Analytics"),
/// not of brands ("VMware", "Azure", "Legion"):
/// such a word before a company head ("Compliance-Software") is a noun, not a name.
const ENGLISH_NOUN_ENDINGS: &[&str] = &["ance", "ence", "ity", "ness", "ship", "ogy", "ics", "ment", "ism"];

fn has_english_noun_ending(folded: &str) -> bool {
    ENGLISH_NOUN_ENDINGS.iter().any(|e| folded.len() > e.len() + 2 && folded.ends_with(e))
}

/// Short capitalised terms an article defines as things, not companies: an acronym in
/// parentheses right after a lower-case noun phrase or a German compound noun
/// ("temporary denial order (TDO)", "Außenwirtschaftsverordnung (AWV)"), and the law
/// cited after a section number ("§ 7 BSIG", "Art. 5 DSGVO").
fn defined_terms<'a>(a: &Scan<'a>) -> FxHashSet<&'a str> {
    let mut out = FxHashSet::default();
    let (text, ws) = (a.text, a.ws);
    for i in 1..ws.len() {
        // Cheap tests first: most words follow neither a parenthesis nor a number.
        let prev = ws[i - 1].text;
        let paren = text.as_bytes()[ws[i].start - 1] == b'(';
        if !(paren || prev.as_bytes()[0].is_ascii_digit()) {
            continue;
        }
        let t = ws[i].text;
        if !is_all_caps_name(t) {
            continue;
        }
        let gap = &text[ws[i - 1].end..ws[i].start];
        let in_parens = gap == " (" && text[ws[i].end..].starts_with(')');
        let thing = prev.starts_with(|c: char| c.is_lowercase())
            || (a.lang == Lang::De && looks_like_common_noun(a.fold(i - 1)) && !is_all_caps_name(prev));
        let section = prev.starts_with(|c: char| c.is_ascii_digit())
            && gap.trim().is_empty()
            && i >= 2
            && (text[..ws[i - 1].start].trim_end().ends_with('§')
                || matches!(a.fold(i - 2), "art" | "artikel" | "article" | "section" | "abs" | "absatz"));
        if (in_parens && thing) || section {
            out.insert(t);
        }
    }
    out
}

/// Separators of a coordination: "A, B, C and D", "A und B", "A sowie B".
fn separator(gap: &str) -> Option<bool> {
    match gap {
        ", " => Some(false),
        " and " | ", and " | " und " | " sowie " | " or " | ", or " | " oder " => Some(true),
        _ => None,
    }
}

/// English words that may follow the last member of a coordination of names ("Hikvision
/// and Dahua as posing", "RedNote and Lemon8 were"): a noun there would make the last
/// member an adjective ("ZTE and Republican lawmakers").
const AFTER_NAMES: &[&str] = &[
    "to", "as", "from", "in", "on", "at", "for", "with", "of", "by", "into", "over", "after", "before", "which", "who",
    "whose", "that", "also", "both", "said", "say", "says", "were", "was", "are", "is", "have", "has", "had", "will",
    "would", "could", "can", "did", "do", "does", "must", "may", "might", "should", "remain", "remains", "among",
    "under", "until", "since", "while", "and", "or", "but", "all",
];

/// The coordination rule: when one member of a list of capitalised names ("Huawei, ZTE,
/// Hytera Communications, Hikvision and Dahua") is a known or discovered name, the other
/// members are names too. In German text, where every noun is capitalised, a member must
/// not read as a noun (by its ending, or by an article before it elsewhere).
fn coordinated(a: &Scan<'_>, found: &mut FxHashSet<String>) {
    let (text, ws) = (a.text, a.ws);
    let gap = |i: usize| &text[ws[i].end..ws[i + 1].start];
    let mut members: Vec<(usize, usize)> = Vec::new();
    // Each conjunction between capitalised words closes a list: its last member is the run
    // after it, the others are the runs before it, separated by commas.
    for k in 1..ws.len().saturating_sub(1) {
        if !(2..=5).contains(&ws[k].text.len())
            || !matches!(a.fold(k), "and" | "und" | "sowie" | "or" | "oder")
            || !is_capitalised(ws[k + 1].text)
            || !is_capitalised(ws[k - 1].text)
            || gap(k) != " "
            || !matches!(gap(k - 1), " " | ", ")
        {
            continue;
        }
        members.clear();
        let mut last = k + 1;
        while last + 1 < ws.len() && gap(last) == " " && is_capitalised(ws[last + 1].text) {
            last += 1;
        }
        members.push((k + 1, last));
        let mut end = k - 1;
        loop {
            let mut start = end;
            while start > 0 && gap(start - 1) == " " && is_capitalised(ws[start - 1].text) {
                start -= 1;
            }
            members.push((start, end));
            if start == 0 || gap(start - 1) != ", " || !is_capitalised(ws[start - 1].text) {
                break;
            }
            end = start - 1;
        }
        members.reverse();
        if a.lang == Lang::En && title_case_line(text, ws[members[0].0].start) {
            continue;
        }
        // Parts of hyphenated compounds ("Prozess-ID und Programmname", "MIME und
        // Nicht-MIME") are no members.
        let bytes = text.as_bytes();
        if members.iter().any(|&(from, to)| {
            (ws[from].start > 0 && bytes[ws[from].start - 1] == b'-') || bytes.get(ws[to].end) == Some(&b'-')
        }) {
            continue;
        }
        let g = gazetteer();
        // A listed name, or a discovered one other than a short all-caps word ("ID",
        // "ADF": the weakest evidence of a name).
        let known = |&(from, to): &(usize, usize)| {
            (from..=to).any(|j| {
                let f = a.fold_owner(j);
                let surface = strip_possessive(ws[j].text).unwrap_or(ws[j].text);
                (!is_stopword(f) && g.by_key.contains_key(f)) || (found.contains(surface) && !is_all_caps_name(surface))
            }) || (to > from
                && g.multi_first.contains(a.fold(from))
                && g.by_key.contains_key(&fold_key(&text[ws[from].start..ws[to].end])))
        };
        if !members.iter().any(known) {
            continue;
        }
        let mut new = Vec::new();
        for (m, member) in members.iter().enumerate() {
            if known(member) {
                continue;
            }
            let (from, to) = *member;
            // "Earlier, Huawei and ZTE ...": a word that opens its sentence before a comma is
            // an adverbial, not a member.
            let opens_sentence =
                ws[from].start == 0 || text[..ws[from].start].trim_end().ends_with(['.', '!', '?', ':', '\n']);
            if m == 0 && from == to && opens_sentence && members.len() > 1 && gap(to) == ", " {
                continue;
            }
            if m + 1 == members.len() && a.lang == Lang::En && !a.ends_list(to) {
                continue;
            }
            let Some(n) = a.name_in_run(from, to) else { continue };
            if a.lang == Lang::De && a.reads_as_german_noun(n) && !a.ends_name(to) {
                continue;
            }
            new.push(ws[n].text);
        }
        found.extend(new.into_iter().map(|t| strip_possessive(t).unwrap_or(t).to_string()));
    }
}

impl Scan<'_> {
    /// True if the word at `i` may end a list of names: punctuation follows, or an
    /// English function word or verb ("as", "were", "said", "declined").
    fn ends_list(&self, i: usize) -> bool {
        let rest = &self.text[self.ws[i].end..];
        let Some(after) = rest.strip_prefix(' ') else {
            return true;
        };
        match self.ws.get(i + 1) {
            Some(next) if next.start == self.ws[i].end + 1 => {
                let f = self.fold(i + 1);
                AFTER_NAMES.contains(&f) || (next.text.ends_with("ed") && next.text.len() > 4)
            }
            _ => !after.starts_with(char::is_alphanumeric),
        }
    }

    /// True if the capitalised word at `i` of German text reads as a common noun: by its
    /// ending, or because an article stands before it somewhere in the text ("den Bund").
    fn reads_as_german_noun(&self, i: usize) -> bool {
        let t = self.ws[i].text;
        if looks_like_common_noun(self.fold(i)) {
            return true;
        }
        const ARTICLES: &[&str] = &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "eines", "im", "am", "vom",
            "zum", "zur", "beim", "ins",
        ];
        let article = |w: &str| ARTICLES.iter().any(|a| w.eq_ignore_ascii_case(a));
        self.text.match_indices(t).any(|(at, m)| {
            let bounded = self.text[at + m.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            // "den Monat", "den aktuellen Monat": an article, or one before an adjective.
            let mut from = at.saturating_sub(40);
            while !self.text.is_char_boundary(from) {
                from += 1;
            }
            let mut before = self.text[from..at].split_whitespace().rev();
            let w1 = before.next().unwrap_or_default();
            let w2 = before.next().unwrap_or_default();
            let after_space = self.text[..at].ends_with(' ');
            bounded && after_space && (article(w1) || (w1.starts_with(|c: char| c.is_lowercase()) && article(w2)))
        })
    }
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
    find_with(sentence, |w| discovered.contains(w))
}

/// [`find`], where `discovered` tells whether a word is a name discovered in the
/// article: the only thing the article adds to what the sentence's words say.
pub(crate) fn find_with(sentence: &str, mut discovered: impl FnMut(&str) -> bool) -> Vec<EntityHit> {
    let g = gazetteer();
    let ws = words(sentence);
    let mut hits: Vec<EntityHit> = Vec::new();
    let stores = std::cell::OnceCell::new();
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
                                .or_else(|| discovered(s).then(|| s.to_string()))
                        })
                        .or_else(|| discovered(w).then(|| w.to_string()))
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
                // A member of a coordination shares the role of the member before it:
                // "Kunden wie Xiaomi und Lenovo", "an Microsoft oder Oracle".
                let coordinated = hits.last().is_some_and(|h: &EntityHit| {
                    h.bystander && separator(&sentence[h.span.end.min(span.start)..span.start]).is_some()
                });
                // "Apple’s", "Apples": the name in the genitive.
                let genitive = || {
                    let w = ws[i].text;
                    n == 1
                        && (strip_possessive(w).is_some()
                            || fold_key(w).strip_suffix('s') == Some(fold_key(&name).as_str()))
                };
                // Most sentences speak of no store: asked once per sentence with a name.
                let stores = *stores.get_or_init(|| sentence.contains("tore"));
                let bystander = coordinated || is_bystander_slot(sentence, span.clone(), stores, genitive);
                hits.push(EntityHit { name, span, bystander });
                i += n;
            }
            None => i += 1,
        }
    }
    hits
}

/// True if the words around the name at `span` put it in a non-target role. `stores` says
/// the sentence speaks of (app) stores; `genitive` tells whether the name is written in
/// the genitive ("Apple’s", "Apples").
fn is_bystander_slot(sentence: &str, span: Range<usize>, stores: bool, genitive: impl Fn() -> bool) -> bool {
    let head = &sentence[..span.start];
    // Mostly the two words before the name matter: lowercase those, not the whole prefix.
    let mut before = head.split_whitespace().rev().map(str::to_lowercase);
    let last = before.next().unwrap_or_default();
    let prev = before.next().unwrap_or_default();
    let (last, prev) = (last.trim_end_matches(','), prev.as_str());
    if stores && app_store_owner(sentence, span.clone(), genitive) {
        return true;
    }
    // "die Übernahme der Pilotwerk AG durch Quectel", "the acquisition of X by Y": the
    // company bought is the object of the deal, its buyer the one an investment review
    // looks at.
    if acquired_by_buyer(head, &sentence[span.end..]) {
        return true;
    }
    match last {
        // "by X" names an agent, but "a licence held by X" its holder, "drives made by
        // X" the maker whose goods a measure covers, and "the acquisition of ... by X"
        // the buyer.
        "by" => {
            !matches!(
                prev,
                "held"
                    | "owned"
                    | "operated"
                    | "controlled"
                    | "run"
                    | "used"
                    | "issued"
                    | "granted"
                    | "made"
                    | "produced"
                    | "manufactured"
                    | "built"
            ) && !takeover_in_clause(head)
        }
        "durch" => !takeover_in_clause(head),
        "an" => !delivery_to_recipient(head),
        "bei" => true,
        // "sell the unit to Oracle" names a buyer; "exports to X", "access to X" the
        // target.
        "to" => sale_to_buyer(head),
        "mit" | "with" => {
            // "Geschäfte mit X" is the target of a transaction ban; "Verhandlungen mit X",
            // "Partnerschaft mit X" are talks.
            !(prev.starts_with("geschäft")
                || prev.starts_with("transaktion")
                || prev.starts_with("handel")
                || prev.starts_with("business")
                || prev.starts_with("transaction")
                || prev.starts_with("dealings")
                || prev.starts_with("venture")
                || prev == "trade")
        }
        // "Telekommunikationskonzerne wie China Mobile", "customers such as X": an
        // example of the class a measure obliges.
        "wie" | "etwa" | "beispielsweise" | "like" | "including" => example_of_obliged(head, 1),
        "as" if prev == "such" => example_of_obliged(head, 2),
        "beispiel" if prev == "zum" => example_of_obliged(head, 2),
        // "treat DeepSeek as agencies have treated Kaspersky": the topic of a comparison.
        "treat" | "treats" | "treated" | "treating" => {
            let rest = sentence[span.end..].trim_start();
            rest.starts_with("as ") || rest.starts_with("like ")
        }
        _ => object_of_sale(sentence, head),
    }
}

/// True for "an X" naming the recipient of a delivery or export ("Ausfuhren von
/// Fertigungsanlagen an X", "Für die Ausfuhr sämtlicher Waren, die ... unterliegen, an X"):
/// the target of a control on it. A sale or a stake before it ("verkauft seine Sparte an
/// X", "Anteile an X") names a buyer or a holding instead.
fn delivery_to_recipient(head: &str) -> bool {
    const DELIVERY: &[&str] = &["ausfuhr", "export", "liefer", "versand", "verschiff", "weitergabe"];
    const NOT: &[&str] = &["verkauf", "veräuß", "anteil", "beteiligung", "kritik"];
    for w in head.split_whitespace().rev().skip(1).take(16) {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if NOT.iter().any(|n| w.contains(n)) {
            return false;
        }
        if DELIVERY.iter().any(|d| w.contains(d)) {
            return true;
        }
    }
    false
}

/// True if a word of `w` (lowercased) names a takeover: "Übernahme", "Erwerb",
/// "acquisition", "takeover".
fn is_takeover_word(w: &str) -> bool {
    const STEMS: &[&str] =
        &["übernahme", "erwerb", "einstieg", "kauf", "acquisition", "takeover", "purchase", "buyout"];
    let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    STEMS.iter().any(|s| w.starts_with(s))
}

/// True if the clause before a name speaks of a takeover ("die Übernahme der X durch"):
/// "durch Y", "by Y" then name the buyer.
fn takeover_in_clause(head: &str) -> bool {
    clause_words(head, 12).iter().any(|w| is_takeover_word(w))
}

/// True for the company bought, named right after the takeover noun, when its buyer
/// follows ("Übernahme der Pilotwerk AG durch Quectel", "acquisition of X by Y").
fn acquired_by_buyer(head: &str, rest: &str) -> bool {
    let ws = clause_words(head, 3);
    let n = ws.len();
    let object = n >= 1 && is_takeover_word(&ws[n - 1])
        || n >= 2
            && is_takeover_word(&ws[n - 2])
            && matches!(ws[n - 1].to_lowercase().as_str(), "der" | "des" | "von" | "of" | "the");
    object && (rest.contains(" durch ") || rest.contains(" by "))
}

/// The lower-case words of `head` from its last clause boundary (",", ";", ":"), at most
/// `max`, in text order.
fn clause_words(head: &str, max: usize) -> Vec<String> {
    let clause = head.rfind([',', ';', ':', '(']).map_or(head, |i| &head[i + 1..]);
    let mut ws: Vec<String> = clause.split_whitespace().rev().take(max).map(str::to_string).collect();
    ws.reverse();
    ws
}

/// Verbs and nouns of a sale or transfer to a buyer.
const SALE_WORDS: &[&str] = &[
    "sell",
    "sells",
    "selling",
    "sold",
    "sale",
    "transfer",
    "transfers",
    "transferred",
    "transferring",
    "divest",
    "divests",
    "divested",
    "divesting",
    "hand",
    "hands",
    "handed",
    "offload",
    "offloaded",
];

/// What a company sells when it sells a part of itself.
const BUSINESS_NOUNS: &[&str] = &[
    "business",
    "businesses",
    "operations",
    "operation",
    "unit",
    "units",
    "subsidiary",
    "subsidiaries",
    "stake",
    "stakes",
    "shares",
    "assets",
    "division",
    "plant",
    "plants",
    "factory",
    "factories",
    "arm",
    "app",
    "company",
    "brand",
];

/// True for "to X" after the sale of a business: "sell its US business to Oracle",
/// "the unit will be sold to Oracle", "sell TikTok to a buyer". A sale of goods ("selling
/// chips to Huawei") or a flow ("exports to X", "access to X") names the target.
fn sale_to_buyer(head: &str) -> bool {
    let ws = clause_words(head, 14);
    // Without the "to" itself.
    let ws = &ws[..ws.len().saturating_sub(1)];
    let lower: Vec<String> = ws.iter().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()).collect();
    let Some(verb) = lower.iter().rposition(|w| SALE_WORDS.contains(&w.as_str())) else {
        return false;
    };
    if lower.iter().any(|w| BUSINESS_NOUNS.contains(&w.as_str())) {
        return true;
    }
    // "sell TikTok to": the object between the verb and "to" is a name.
    let object = &ws[verb + 1..];
    !object.is_empty()
        && object.iter().any(|w| is_capitalised(w))
        && object
            .iter()
            .zip(&lower[verb + 1..])
            .all(|(w, l)| is_capitalised(w) || matches!(l.as_str(), "the" | "its" | "their" | "his" | "her" | "a"))
}

/// Class nouns of the parties a measure obliges: their examples ("Kunden wie Xiaomi") are
/// not its targets.
const OBLIGED_CLASSES: &[&str] = &[
    "kunden",
    "betreiber",
    "betreibern",
    "konzerne",
    "konzernen",
    "abnehmer",
    "abnehmern",
    "nutzer",
    "nutzern",
    "käufer",
    "käufern",
    "verbraucher",
    "customers",
    "operators",
    "carriers",
    "buyers",
    "users",
    "clients",
];

/// True if a class noun of obliged parties stands within three words before the
/// connector of `connector_words` words that ends `head` ("Betreiber kritischer
/// Infrastruktur wie X", "Kunden, etwa X", "customers such as X").
fn example_of_obliged(head: &str, connector_words: usize) -> bool {
    head.split_whitespace().rev().skip(connector_words).take(3).any(|w| {
        let w = w.trim_end_matches(',').to_lowercase();
        OBLIGED_CLASSES.iter().any(|c| w.ends_with(c))
    })
}

/// Nouns of a share in a company.
const STAKE_NOUNS: &[&str] = &[
    "beteiligung",
    "beteiligungen",
    "anteil",
    "anteile",
    "anteilen",
    "aktien",
    "stake",
    "stakes",
    "shares",
    "holding",
    "interest",
    "interests",
    "%",
    "percent",
    "prozent",
];

/// True for the company a stake is held in, in a sentence about selling the stake:
/// "seine Minderheitsbeteiligung an dem kalifornischen Start-up Voltaris zu verkaufen",
/// "to divest its stake in Ridgeline": what is sold, not who must sell.
fn object_of_sale(sentence: &str, head: &str) -> bool {
    // Cheap tests first, on the last bytes before the name: most names follow no "an" or
    // "in", and most of those no stake.
    let mut from = head.len().saturating_sub(80);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    let tail = &head[from..];
    if !(tail.contains(" an ") || tail.contains(" in ") || tail.contains(" of ")) {
        return false;
    }
    if !["eteiligung", "nteil", "ktien", "stake", "shares", "holding", "interest", "%", "percent", "prozent"]
        .iter()
        .any(|s| tail.contains(s))
    {
        return false;
    }
    let ws: Vec<String> = tail.split_whitespace().rev().take(6).map(str::to_lowercase).collect();
    // Back from the name to "an"/"in" with no clause boundary between, then a stake noun.
    // "the 19.9% of X": "of" after a share only.
    let Some(prep) = ws.iter().position(|w| w == "an" || w == "in" || w == "of") else {
        return false;
    };
    if ws[..prep].iter().any(|w| w.ends_with([',', ';', ':', '.'])) {
        return false;
    }
    let share = |w: &String| w.ends_with('%') || w == "percent" || w == "prozent";
    let stake = ws.get(prep + 1).is_some_and(|w| {
        if ws[prep] == "of" {
            share(w)
        } else {
            STAKE_NOUNS.iter().any(|s| w.ends_with(s))
        }
    });
    if !stake {
        return false;
    }
    let lower = sentence.to_lowercase();
    [
        "verkauf",
        "veräußer",
        "abzugeben",
        "abgeben",
        "abstoßen",
        "sell",
        "sold",
        "divest",
        "dispose",
        " sale",
        "acquir",
        "erwerb",
    ]
    .iter()
    .any(|v| lower.contains(v))
}

/// True if the name at `span` owns the app stores that must act: "Apple’s and Google’s
/// app stores", "Apple's App Store", "aus den App-Stores von Apple und Google".
fn app_store_owner(sentence: &str, span: Range<usize>, genitive: impl Fn() -> bool) -> bool {
    // After the name: possessive names and conjunctions, then the store.
    let rest = &sentence[span.end..];
    let mut possessive = genitive();
    let mut after = rest.split_whitespace().map(|w| w.trim_end_matches([',', '.']));
    let mut store = false;
    let mut obliged = false;
    for _ in 0..6 {
        let Some(w) = after.next() else { break };
        let l = w.to_lowercase();
        store = l.starts_with("app-store")
            || l.starts_with("appstore")
            || l.starts_with("store")
            || ((l == "app" || l == "play")
                && after.clone().next().is_some_and(|n| n.to_lowercase().starts_with("store")));
        if store {
            break;
        }
        if matches!(l.as_str(), "and" | "or" | "und" | "oder") {
            continue;
        }
        if is_capitalised(w) {
            // Another owner, or another name of the subject: "Apple and Google must".
            possessive |= strip_possessive(w).is_some();
            continue;
        }
        obliged = matches!(
            l.as_str(),
            "must"
                | "müssen"
                | "muss"
                | "mussten"
                | "musste"
                | "have"
                | "has"
                | "had"
                | "need"
                | "needs"
                | "are"
                | "is"
                | "were"
        );
        break;
    }
    if possessive && store {
        return true;
    }
    // "Apple and Google must remove Vibely from their app stores", "Google und Apple
    // mussten sie aus ihren Stores entfernen": the subject that must act in its own
    // stores.
    if obliged {
        let lower = rest.to_lowercase();
        if [
            "their app store",
            "their stores",
            "ihren app-stores",
            "ihren app stores",
            "ihren stores",
            "ihrem app-store",
        ]
        .iter()
        .any(|s| lower.contains(s))
        {
            return true;
        }
    }
    // Before the name: "Stores von X", "stores of X (and Y)".
    let ws: Vec<String> = sentence[..span.start].split_whitespace().rev().take(4).map(str::to_lowercase).collect();
    let owner_of = |k: usize| {
        ws.get(k).is_some_and(|w| w == "von" || w == "of")
            && ws.get(k + 1).is_some_and(|w| w.ends_with("store") || w.ends_with("stores"))
    };
    owner_of(0) || (ws.first().is_some_and(|w| matches!(w.as_str(), "and" | "or" | "und" | "oder")) && owner_of(2))
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
    // The full name of a company the index knows by its short one: "Marlo Networks",
    // "Zhuhai Arcwave Technology".
    if let Some(short) = without_place_and_corporate_words(query) {
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
    // A longer name than the articles print, or one with words they leave out: "China
    // Unicom Americas", "Jinlan New Energy", "Kaptan Dis Ticaret".
    if let Some(name) = known_part(query, known) {
        return Resolution::Alias { name, alias: query.trim().to_string() };
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
    fn a_corporate_word_of_hardware_or_labs_ends_a_name() {
        let de = "Das BAFA hat Genehmigungen für Lieferungen an Quendrix Microdevices widerrufen. Das \
                  Kabinettsbüro hat Ulmoria Satcom angewiesen, Anteile zu verkaufen.";
        let d = discover(de, Lang::De);
        for want in ["Quendrix", "Ulmoria"] {
            assert!(d.contains(want), "{want} not in {d:?}");
        }
        let en = "The minister ordered a review of the purchase of Tumbrel Labs by a rival.";
        assert!(discover(en, Lang::En).contains("Tumbrel"));
    }

    #[test]
    fn model_numbers_and_compounds_after_a_comma_are_no_names() {
        let d = discover(
            "Chinesischen Exporteuren ist es untersagt, Dual-Use-Güter zu liefern. Indien hatte die Einfuhr \
             der Baureihe IS-T40 untersagt. Die Behörde untersagte Qianbao den Betrieb. Betroffen ist VELTA.",
            Lang::De,
        );
        for not in ["Dual", "IS"] {
            assert!(!d.contains(not), "{not} wrongly in {d:?}");
        }
        for want in ["Qianbao", "VELTA"] {
            assert!(d.contains(want), "{want} not in {d:?}");
        }
    }

    #[test]
    fn discovers_unlisted_names_from_the_language() {
        let text = "Die US-Regierung verbot den Verkauf von Zhantek-Produkten. Der Chiphersteller Borvia \
                    reagierte. Geschäfte mit Qinware wurden untersagt. Der Netzwerkausrüster NORTEL-X? \
                    Die Sanktionen gegen Manager wirken. Das Handelsministerium setzte DXT auf die Liste. \
                    Die Behörde prüft auch LumiSoft.";
        let d = discover(text, Lang::De);
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
        assert_eq!(resolve("Norvexa", &known), Resolution::Unknown);
        // Within reach in length and edits, but for the first letter.
        assert!(matches!(resolve("Vantrex", &known), Resolution::Typo { name, .. } if name == "Vantrix"));
        assert_eq!(resolve("Bantrix", &known), Resolution::Unknown);
        assert!(matches!(resolve("Wechatt", &known), Resolution::Typo { name, .. } if name == "WeChat"));
        assert_eq!(resolve("", &known), Resolution::Unknown);
        assert_eq!(resolve("x", &known), Resolution::Unknown);
        // A full name the index knows by its short one.
        assert!(matches!(resolve("Vantrix Networks", &known), Resolution::Alias { name, .. } if name == "Vantrix"));
        assert!(matches!(resolve("Kaspersky Lab Inc.", &known), Resolution::Alias { name, .. } if name == "Kaspersky"));
        assert_eq!(resolve("Norvexa AG", &known), Resolution::Unknown);
    }

    #[test]
    fn a_name_before_a_corporate_word_is_discovered() {
        let d = discover("Titel\nThe department removed Marlo Networks and Brenner AG from the list, and sanctioned Kestrel Shipping, whose owner Vantage sold it.", Lang::En);
        for name in ["Marlo", "Brenner", "Kestrel", "Vantage"] {
            assert!(d.contains(name), "{name} not in {d:?}");
        }
        assert!(!d.contains("Networks"), "{d:?}");
    }

    #[test]
    fn a_name_ending_in_an_ordinary_word_is_discovered_by_its_appositive_or_legal_form() {
        let text = "Titel\nThe Commission imposed duties on drives made by Nimbrel Storage, the Chinese SSD maker. \
                    The rule covers software of Umbraline Cloud, a company organized under the laws of China. \
                    Officials said they met the lawyers of Corvel Cloud Ltd. on Monday to discuss the order.";
        let d = discover(text, Lang::En);
        for name in ["Nimbrel", "Umbraline", "Corvel"] {
            assert!(d.contains(name), "{name} not in {d:?}");
        }
        assert!(!d.contains("Cloud") && !d.contains("Storage"), "{d:?}");
    }

    #[test]
    fn labels_speakers_and_section_numerals_are_no_names() {
        let text = "[00:14] PRIYA DESHMUKH (host): Welcome back.\nDATES: The rule takes effect on May 1.\n\
                    AGENCY: Bureau of Industry and Security.\nII. Scope\nThe ban hits ZTX, said an official.";
        let d = discover(text, Lang::En);
        assert!(d.contains("ZTX"), "{d:?}");
        for word in ["PRIYA", "DESHMUKH", "DATES", "AGENCY", "II"] {
            assert!(!d.contains(word), "{word} in {d:?}");
        }
    }

    #[test]
    fn the_recipient_of_a_delivery_and_the_maker_of_goods_are_targets() {
        let d = ["Veltrano", "Nimbrel", "Saphiron"].map(String::from).into_iter().collect::<FxHashSet<_>>();
        let roles = |s: &str| find(s, &d).into_iter().map(|h| (h.name, h.bystander)).collect::<Vec<_>>();
        assert_eq!(
            roles("METI will Ausfuhren von Fertigungsanlagen an Veltrano einer Genehmigungspflicht unterwerfen."),
            vec![("Veltrano".to_string(), false)]
        );
        assert_eq!(
            roles("Saphiron verkauft seine Sparte an Veltrano."),
            vec![("Saphiron".to_string(), false), ("Veltrano".to_string(), true)]
        );
        assert_eq!(roles("The EU imposed duties on drives made by Nimbrel."), vec![("Nimbrel".to_string(), false)]);
        assert_eq!(roles("The app was blocked by Nimbrel."), vec![("Nimbrel".to_string(), true)]);
    }

    #[test]
    fn every_word_of_a_us_state_is_no_name() {
        let d = discover(
            "Titel\nThe Rhode Island Senate and the New Hampshire House passed bills that bar Kestrel Shipping from state contracts. The ban covers Kestrel, Rhode Island and New Hampshire.",
            Lang::En,
        );
        assert!(d.contains("Kestrel"), "{d:?}");
        for word in ["Rhode", "Island", "Hampshire", "Rhode Island", "New Hampshire"] {
            assert!(!d.contains(word), "{word} in {d:?}");
        }
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

        #[test]
        fn lines_read_alone_and_remembered_give_the_words_of_the_whole_text(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!['a', 'Z', '7', 'ä', 'İ', 'ß', '.', '&', '\'', '’', 's', ' ', '\r', '-']),
                    0..12,
                ),
                0..6,
            )
        ) {
            let text = lines.into_iter().map(|l| l.into_iter().collect::<String>()).collect::<Vec<_>>().join("\n");
            let whole = words(&text);
            let mut buffer = String::new();
            let mut ends = Vec::new();
            for w in &whole {
                fold_into(w.text, &mut buffer);
                ends.push(buffer.len());
            }
            let spans = |ws: &[Word<'_>]| ws.iter().map(|w| (w.text.to_string(), w.start, w.end)).collect::<Vec<_>>();
            // Twice on this thread: read afresh, then from what the first reading remembered.
            for _ in 0..2 {
                let f = folded_words(&text);
                proptest::prop_assert_eq!(spans(&f.ws), spans(&whole));
                proptest::prop_assert_eq!(&f.buffer, &buffer);
                proptest::prop_assert_eq!(&f.ends, &ends);
                proptest::prop_assert_eq!(f.cases, whole.iter().map(|w| case_of(w.text)).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn a_line_remembered_elsewhere_gives_its_words_where_it_now_stands() {
        let line = "Die Behörde setzte Vantrix Ltd. und iFlytek auf die Liste.";
        let first = format!("{line}\nZweite Zeile");
        let later = format!("Erste Zeile über Bortek's Geschäfte\n\n{line}");
        let _ = folded_words(&first);
        let f = folded_words(&later);
        let vantrix = f.ws.iter().position(|w| w.text == "Vantrix").expect("the line's words are there");
        assert_eq!(&later[f.ws[vantrix].start..f.ws[vantrix].end], "Vantrix");
        assert_eq!(&f.buffer[f.ends[vantrix - 1]..f.ends[vantrix]], "vantrix");
        assert_eq!(f.cases[vantrix], CAPITALISED);
        let iflytek = f.ws.iter().position(|w| w.text == "iFlytek").expect("a camel-case word");
        assert_eq!((f.cases[iflytek], f.cases[iflytek + 1]), (CAMEL, 0), "iFlytek, auf");
        assert_eq!(f.ws.len(), words(&later).len());
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
        let d = discover("TAIPEI - Exportkontrollen für EUV-Maschinen und HBM-Chips treffen den Hersteller Zentrix. GPU-Lieferungen stocken.", Lang::De);
        assert!(d.contains("Zentrix"), "{d:?}");
        for not in ["TAIPEI", "EUV", "HBM", "GPU"] {
            assert!(!d.contains(not), "{not} in {d:?}");
        }
    }

    #[test]
    fn a_dateline_of_a_place_no_list_holds_is_no_company() {
        let text = "Titel\nNEW DELHI - India banned the apps of ZTE.\nKUALA LUMPUR (Reuters) - More followed.\nBERGEN, 5. Mai (dpa) - Auch VELTA.";
        let d = discover(text, Lang::De);
        for not in ["NEW", "DELHI", "KUALA", "LUMPUR", "BERGEN"] {
            assert!(!d.contains(not), "{not} in {d:?}");
        }
        assert!(d.contains("VELTA"), "an all-caps name after the dateline stays one: {d:?}");
        assert!(discover("Titel\nIndia banned NOVEX devices.", Lang::En).contains("NOVEX"));
    }

    #[test]
    fn a_possessive_names_the_owner_and_its_product() {
        let d = discover(
            "India banned 59 apps, including Zapflow's Clipto and China's Novex, and Orvia's Canadian business.",
            Lang::En,
        );
        for name in ["Zapflow", "Clipto", "Novex", "Orvia"] {
            assert!(d.contains(name), "{name} not in {d:?}");
        }
        assert!(!d.contains("China") && !d.contains("Canadian"), "{d:?}");
    }
}

#[cfg(test)]
mod probe_rule_tests {
    use super::*;

    /// (language, text, names that must be discovered, words that must not be).
    type DiscoveryCase = (Lang, &'static str, &'static [&'static str], &'static [&'static str]);

    #[test]
    fn discovery_reads_lists_appositives_modifiers_and_the_language() {
        let cases: &[DiscoveryCase] = &[
            // A list with one known member, or one member before a corporate word.
            (
                Lang::En,
                "The Commerce Department on Friday added Norvale Semiconductor, Quillon, Teskar Photonics and Varrow to the Entity List.",
                &["Norvale", "Quillon", "Teskar", "Varrow"],
                &["Commerce", "Department", "Friday", "Entity", "Semiconductor", "Photonics"],
            ),
            (
                Lang::En,
                "In March, the commission designated Huawei, ZTE, Brixon and Calvane as posing a risk.",
                &["Brixon", "Calvane"],
                &["March"],
            ),
            (
                Lang::En,
                "Dorran Fields and Pellix Technology, two designers of graphics chips, were added in 2023.",
                &["Dorran", "Pellix"],
                &["Fields", "Technology"],
            ),
            (Lang::En, "Texas banned DeepSeek, along with the apps FlickBox and Lumo8, from state devices.", &["Lumo8"], &["Texas"]),
            // Not a list of names: an adverbial before the comma, an adjective before a noun,
            // months and places.
            (
                Lang::En,
                "Earlier, Huawei and Republican lawmakers clashed. Huawei and ZTE met officials in March and April. Meanwhile, ZTE and Berlin disagreed.",
                &[],
                &["Earlier", "Republican", "March", "April", "Meanwhile", "Berlin"],
            ),
            // Appositives and "-based" modifiers.
            (
                Lang::En,
                "The order requires Trevan Capital, a Singapore-based investment firm, to divest. Orlo Labs, a maker of sensors, said nothing.",
                &["Trevan", "Orlo"],
                &["Capital", "Singapore"],
            ),
            (Lang::En, "\"It hurts,\" said Elena Marsh, a partner at the law firm.", &[], &["Elena", "Marsh"]),
            (
                Lang::En,
                "BIS issued an order against the Istanbul-based parts broker Kemer Aero Trade. Hangzhou-based Zolto released a model. Kyrgyzstan-based Altyn Avia Cargo flew on.",
                &["Kemer", "Zolto", "Altyn"],
                &["Istanbul", "Hangzhou", "Kyrgyzstan", "Aero", "Avia"],
            ),
            // Corporate words: the name is the first word that is no place, and legal forms
            // and institutions are no names.
            (
                Lang::En,
                "The list names Zhuhai Arcwave Technology, Sky Meridian FZE and Tamar Air Services, and Taiwan Semiconductor Manufacturing Co. supplies them.",
                &["Arcwave", "Sky", "Tamar"],
                &["Zhuhai", "FZE", "Meridian", "Air", "Manufacturing", "Taiwan"],
            ),
            (
                Lang::En,
                "The World Trade Organization and the Federal Communications Commission met at 5:47 PM EDT.",
                &[],
                &["World", "Trade", "Federal", "PM", "EDT"],
            ),
            (Lang::En, "Why Investors Are Betting on Clean Energy\nThe shift continues.", &[], &["Clean", "Investors"]),
            // A defined acronym names a thing, not a company.
            (
                Lang::En,
                "BIS renewed the temporary denial order (TDO) against Orvane Air. The TDO bars exports to Orvane.",
                &["Orvane"],
                &["TDO"],
            ),
            (
                Lang::De,
                "Grundlage ist die Außenwirtschaftsverordnung (AWV). Nach § 7 BSIG warnte das Amt vor Kameras des Herstellers Vostar. Die Börsenaufsicht (SEC) schwieg.",
                &["Vostar"],
                &["AWV", "BSIG"],
            ),
            // German lists: members must not read as nouns.
            (
                Lang::De,
                "Das Handelsministerium setzte Lentara, Huawei und Morvano auf die Liste.",
                &["Lentara", "Morvano"],
                &["Liste"],
            ),
            (
                Lang::De,
                "Der Bund verhandelt. Huawei, Netzbetreiber und Behörden müssen handeln, ebenso Huawei und Bund. Die Regierung, Huawei und ZTE streiten.",
                &[],
                &["Netzbetreiber", "Behörden", "Bund", "Regierung"],
            ),
            // German cue nouns: investors, dealers, start-ups; product types before names.
            (
                Lang::De,
                "Die Regierung erlaubt dem Finanzinvestor Hanvel Capital nur eine Minderheit. Das kalifornische Start-up Voltrix und der Zwischenhändler Kapra Dis Ticaret klagen.",
                &["Hanvel", "Voltrix", "Kapra"],
                &["Capital", "Dis"],
            ),
            (
                Lang::De,
                "Die Compliance-Software Lexor prüft Lieferketten. Ein Verbot der Kurzvideo-App Clipwave droht. Zhantek-Produkte bleiben.",
                &["Zhantek"],
                &["Compliance", "Kurzvideo"],
            ),
            // German noun endings are a German rule: "Orvane" is a name in English text.
            (Lang::En, "The sanctions against Orvane took effect.", &["Orvane"], &[]),
            (Lang::De, "Die Sanktionen gegen Orvane greifen.", &[], &["Orvane"]),
        ];
        for (lang, text, want, not) in cases {
            let d = discover(text, *lang);
            for w in *want {
                assert!(d.contains(*w), "{w} not discovered in {text:?}: {d:?}");
            }
            for n in *not {
                assert!(!d.contains(*n), "{n} wrongly discovered in {text:?}: {d:?}");
            }
        }
    }

    #[test]
    fn find_knows_buyers_examples_stakes_stores_and_comparisons() {
        let discovered: FxHashSet<String> =
            ["Fennic", "Voltaris", "Ridgeline", "Suntera", "Korvell", "Hanyang", "Vibely"]
                .map(String::from)
                .into_iter()
                .collect();
        let cases: &[(&str, &[(&str, bool)])] = &[
            // "to" names the target of a flow, the buyer only of a business sold.
            ("The Commerce Department banned exports to Fennic Systems.", &[("Fennic", false)]),
            ("Several ministries blocked access to DeepSeek on work computers.", &[("DeepSeek", false)]),
            ("Nvidia was barred from selling chips to Huawei.", &[("Nvidia", false), ("Huawei", false)]),
            (
                "ByteDance agreed to sell TikTok's US business to Oracle.",
                &[("TikTok", false), ("TikTok", false), ("Oracle", true)],
            ),
            ("The unit will be sold to Oracle next year.", &[("Oracle", true)]),
            ("Washington wants ByteDance to sell TikTok to Walmart.", &[("TikTok", false), ("TikTok", false), ("Walmart", true)]),
            // Examples of the class a measure obliges.
            (
                "Betroffen sind vor allem Telekommunikationskonzerne wie China Mobile sowie Banken.",
                &[("China Mobile", true)],
            ),
            ("Kunden wie Xiaomi und Lenovo bestellten mehr.", &[("Xiaomi", true), ("Lenovo", true)]),
            ("Die Sanktionen treffen Huawei und ZTE.", &[("Huawei", false), ("ZTE", false)]),
            // What a forced sale sells.
            (
                "Der Konzern muss seine Minderheitsbeteiligung an dem kalifornischen Start-up Voltaris binnen 90 Tagen verkaufen.",
                &[("Voltaris", true)],
            ),
            (
                "The President ordered Suntera to divest its controlling stake in Ridgeline Photonics.",
                &[("Suntera", false), ("Ridgeline", true)],
            ),
            ("The committee is reviewing Hanyang's stake in Korvell.", &[("Hanyang", false), ("Korvell", false)]),
            // The owners of the app stores that must act.
            ("The app has disappeared from Apple’s and Google’s app stores.", &[("Apple", true), ("Google", true)]),
            ("Apple's App Store removed TikTok.", &[("Apple", true), ("TikTok", false)]),
            (
                "Apple and Google must remove Vibely from their app stores.",
                &[("Apple", true), ("Google", true), ("Vibely", false)],
            ),
            ("Die App verschwand aus den App-Stores von Apple und Google.", &[("Apple", true), ("Google", true)]),
            ("Apple and Google did not comment on the ban.", &[("Apple", false), ("Google", false)]),
            // The topic of a comparison.
            (
                "The advice is to treat DeepSeek as agencies have treated Kaspersky.",
                &[("DeepSeek", true), ("Kaspersky", false)],
            ),
        ];
        for (sentence, want) in cases {
            let got: Vec<(String, bool)> =
                find(sentence, &discovered).into_iter().map(|h| (h.name, h.bystander)).collect();
            let want: Vec<(String, bool)> = want.iter().map(|(n, b)| (n.to_string(), *b)).collect();
            assert_eq!(got, want, "{sentence}");
        }
    }

    proptest::proptest! {
        /// The list, appositive, acronym and slot rules read neighbours and slices of the
        /// text: no text, whatever its letters, makes them panic.
        #[test]
        fn discovery_and_roles_never_panic_on_any_text(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Huawei", "Zolto", "Ärger", "Bestätigung", " und ", " and ", ", ", ", a ", " (", ")", "TDO", "-based ",
                    "Capital", "Systems", " to ", " an ", "Beteiligung", " stake in ", "’s", "'s", "§ 7 ", "der ", "ä", "-",
                    "\n", " wie ", " sell ", " app stores", "Apple", " must ", "中", " ",
                ]),
                0..30,
            )
        ) {
            let text: String = parts.concat();
            for lang in [Lang::De, Lang::En] {
                let d = discover(&text, lang);
                let _ = find(&text, &d);
            }
            let _ = resolve(&text, &KnownNames::new(["Zolto".to_string()]));
        }

        /// The look-behind of the German list rule starts at any byte of any letter.
        #[test]
        fn the_list_rule_looks_back_over_any_letters(filler in "[aä中 ]{0,60}") {
            for lang in [Lang::De, Lang::En] {
                let _ = discover(&format!("{filler}Zolto. Huawei und Zolto."), lang);
            }
        }
    }

    #[test]
    fn full_names_resolve_to_the_short_name_the_articles_use() {
        let known = KnownNames::new(
            ["Arcwave", "Jinlan", "Delmont", "Kaptan", "Hanwei", "Tamar", "Lumacore", "Sky", "Huawei"]
                .map(String::from),
        );
        let cases = [
            ("Zhuhai Arcwave Technology", "Arcwave"),
            ("China Unicom Americas", "China Unicom"),
            ("Delmont Aerospace", "Delmont"),
            ("Lumacore Trading", "Lumacore"),
            ("Jinlan New Energy", "Jinlan"),
            ("Hanwei Datacom", "Hanwei"),
            ("Kaptan Dis Ticaret", "Kaptan"),
            ("Tamar Air Services", "Tamar"),
            ("Sky Meridian FZE", "Sky"),
            ("Delmnot Aerospace", "Delmont"),
        ];
        for (query, want) in cases {
            assert!(
                matches!(resolve(query, &known), Resolution::Alias { ref name, .. } if name == want),
                "{query}: {:?}",
                resolve(query, &known)
            );
        }
        // A place alone, corporate words alone, and two names at once stay unknown.
        for query in ["Zhuhai", "New Energy", "Services Group", "Huawei Kaptan"] {
            assert_eq!(resolve(query, &known), Resolution::Unknown, "{query}");
        }
    }
}
