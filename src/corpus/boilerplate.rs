//! Boilerplate is recognised by its form, never by the strings of one publisher: a lone
//! "Anzeige" line, a "Lesen Sie auch" teaser, a byline, a postcode-and-town line, a price
//! per month, an RSS disclaimer, an agency sign-off. Each block gets at most one such
//! `Feature`; then the context decides: a footer zone that opens at a strong marker in
//! the back part of the article takes everything after it, short lines beside an address
//! belong to the address, a line repeated from further up is a duplicate headline.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

/// What a single line looks like, when it looks like boilerplate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// "Anzeige", "Werbung", "Advertisement" on a line of its own.
    AdMarker,
    /// "Empfehlung: ...", "Lesen Sie auch", "Mehr zum Thema", "Read more".
    Teaser,
    /// "Über den Autor", "About the author".
    BioHeading,
    /// A biography: "Seit 1999 bin ich ...", "Jane Doe is a senior writer at ...".
    Bio,
    /// "von Frauke Schobelt", "By Jane Doe", "0 Von".
    Byline,
    /// "Tel.: ...", "Fax: ...", "E-Mail: ...", "Web: ...".
    Contact,
    /// A postcode and town, or a street and house number.
    Address,
    /// A line that is only a web address (or e-mail address).
    Url,
    /// Membership, subscription, newsletter offers; prices per month.
    Promo,
    /// RSS/republishing disclaimers, copyright lines.
    Disclaimer,
    /// "bri/kle (afp, dpa)", "(dpa)".
    AgencySignoff,
    /// "Folgen Sie uns:", "Follow us on", "Besuchen Sie auch:".
    Social,
    /// Image captions and credits: "Bild: ...", "... (Aufnahme vom 30.1.2017)".
    Caption,
    /// A line that is only a date stamp: "Stand: 16.07.2024 15:11 Uhr".
    Dateline,
    /// A talk or event announcement with a date and a time.
    EventTeaser,
}

impl Feature {
    /// How far into the article (0.0 start .. 1.0 end, by bytes) this marker must stand
    /// to open the footer zone; `None` when it never does.
    fn footer_from(self) -> Option<f64> {
        match self {
            Feature::BioHeading | Feature::Bio | Feature::Disclaimer | Feature::AgencySignoff => Some(0.3),
            Feature::Promo | Feature::Social | Feature::Contact | Feature::Address | Feature::EventTeaser => Some(0.35),
            Feature::AdMarker | Feature::Teaser => Some(0.6),
            Feature::Byline | Feature::Url | Feature::Caption | Feature::Dateline => None,
        }
    }
}

/// The verdict on one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Class {
    pub boilerplate: bool,
    pub heading: bool,
}

// Word boundaries are written `(?-u:\b)` (ASCII): a Unicode `\b` sends the regex engine
// down its slow path on any non-ASCII haystack, which German text always is.
macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid built-in regex"));
    };
}

re!(
    AD_MARKER,
    r"(?i)^[-–—*\[(|\s]*(anzeige|werbung|advertisement|advertising|sponsored|gesponsert|promotion|paid content|ad)[\s\])|*:–—-]*$|^[*\[(]*(anzeige|werbung|advertisement|sponsored|gesponsert|paid content|paid post)[\])*]*\s*:\s*\S"
);
re!(
    TEASER_PHRASE,
    r"(?i)^[-–•»>\s]*(lesen sie (auch|mehr|hier|weiter)|mehr zum thema|mehr zu diesem thema|das könnte sie (auch )?interessieren|auch interessant|weitere artikel|verwandte artikel|ähnliche artikel|read more|read also|read next|see also|you (may|might) also like|more on this|more from)(?-u:\b)"
);
re!(
    TEASER_LABEL,
    r"(?i)^[-–•»>\s]*(empfehlung(en)?|diskussion|kommentare?|weiterlesen|zum weiterlesen|mehr dazu|mehr lesen|meistgelesen|themen|schlagworte|tags|related|recommended|top stories|vorträge zum thema|vorträge|dieses thema im programm|most (read|popular|viewed)( (from|on) \p{Lu}[\p{L}.]*( \p{Lu}[\p{L}.]*){0,2})?)\s*([:›»|>].*)?$"
);
/// The label of an author's bio: "Über den Autor", "Zur Autorin", "About the author".
const BIO_LABEL: &str = r"(über|ueber) (den|die) (autor|autorin|autoren|autorinnen|verfasser|verfasserin)|(zum|zur) (autor|autorin)|about the authors?|about this (newsletter|column|blog|podcast)|über diesen (newsletter|blog|podcast)|über diese kolumne";
re!(BIO_HEADING, &format!(r"(?i)^({BIO_LABEL}|der autor|die autorin|the author)\s*:?$"));
// The label opening the bio on the bio's own line: "Über den Autor: Max Beispiel schreibt ...".
re!(BIO_INLINE, &format!(r"(?i)^({BIO_LABEL})\s*:\s*\S"));
re!(
    BIO_FIRST_PERSON,
    r"(?i)(?-u:\b)(ich bin|bin ich|ich schreibe|schreibe ich|ich arbeite|arbeite ich|halte ich euch|halte ich sie|i am a|i'm a|i have been|i've been|i write|i cover)(?-u:\b)"
);
re!(
    BIO_CAREER,
    r"(?i)(?-u:\b)(seit|since) (\d{4}|\p{L}+ \d{4})(?-u:\b)|(?-u:\b)(redakteur(in)?|journalist(in)?|autor(in)?|blogger(in)?|korrespondent(in)?|editor|writer|reporter|journalist|correspondent)(?-u:\b)"
);
re!(
    BIO_THIRD_PERSON,
    r"^\p{Lu}\p{L}+ (\p{Lu}\.? )?\p{Lu}\p{L}+ (is|ist|was|war) (a|an|ein|eine|seit) .*(?-u:\b)([Ww]riter|[Ee]ditor|[Rr]eporter|[Jj]ournalist|[Cc]orrespondent|Redakteur|Journalist|Korrespondent|Autor|Autorin|Redakteurin|Journalistin)"
);
// A professional's bio: "Nadia Perlman is a senior associate in the firm's government
// contracts group", "Ruth Calloway is a partner in X's international trade practice".
// The firm, practice or group (or "writes frequently on") sets it apart from a news
// sentence that only names someone's job ("Elena Varga is a partner at the law firm X").
re!(
    BIO_PROFESSIONAL,
    r"^\p{Lu}\p{L}+ (\p{Lu}\.? )?\p{Lu}[\p{L}'’-]+ (is|was) (a|an) ([\p{L}-]+ ){0,2}(partner|associate|counsel|attorney|lawyer|member|principal|director|consultant|adviser|advisor) (in|at|with|of|on) .*((?-u:\b)firm['’]s|(?-u:\b)practice|(?-u:\b)group|(?-u:\b)writes (frequently |regularly |often )?(on|about))"
);
re!(
    BYLINE,
    r"^(?:[Vv]on|[Bb]y|BY|VON|Text|Autor|Autorin|Author|Written by|Ein (?:Beitrag|Kommentar|Gastbeitrag) von)\s*:?\s+\p{Lu}[\p{L}.'’-]*(?:(?:\s+|\s*,\s*|\s+(?:und|and|&)\s+)\p{Lu}[\p{L}.'’-]*){0,5}(?:\s*[,|–-]\s*[\p{L}\d. :]*)?$"
);
re!(BYLINE_COUNTER, r"(?i)^\d+\s+(von|by|kommentare?|comments?|likes?|shares?|reaktionen)$");
re!(
    CONTACT,
    r"(?i)^(tel|telefon|phone|fon|fax|telefax|e-?mail|mail|web|internet|website|homepage|mobil|handy|kontakt|contact)\.?\s*:"
);
re!(
    URL_LINE,
    r"(?i)^(https?://\S+|www\.\S+|[\w.-]+@[\w-]+(\.[\w-]+)+|[\w-]+(\.[\w-]+)*\.(de|com|org|net|eu|at|ch|info|io|uk|fr|biz|tv|news)(/\S*)?)$"
);
re!(
    POSTCODE,
    r"^(?:(?:D|A|CH)-\d{4,5}|\d{5})\s+\p{Lu}[\p{L}.'’ -]*$|,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$|^(?:Postfach|P\.\s?O\.\s?Box)\s+\d+"
);
re!(
    STREET,
    r"^(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{L}*(?i:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad|street|st\.|road|rd\.|avenue|ave\.|lane|boulevard|blvd\.)\s+\d{1,4}[a-z]?(?:\s*[-–]\s*\d{1,4}[a-z]?)?$"
);
re!(
    PROMO_WORD,
    r"(?i)(mitgliedschaft|premium-(leistung|zugang|abo|inhalt)|abonnement|abonnier|(^|\s)abo(?-u:\b)|probeabo|newsletter|jetzt ([\p{L}\d-]+ ){0,2}(testen|lesen|bestellen|sichern|kaufen|registrieren|anmelden|spenden|abonnieren|buchen)|gratis testen|kostenlos testen|membership|subscribe|subscription|sign up|unterstützen sie|support (us|our)|donate)"
);
re!(
    PRICE_PER_PERIOD,
    r"(?i)(?-u:\b)(ab|nur|für nur|für|only|from|just)\s+(€|\$|eur\s)?\s*\d+([.,]\d{1,2})?\s*(€|euro|eur|\$|dollar)?\s*(im|pro|je|a|per|/)\s*(monat|month|jahr|year|woche|week|mo)(?-u:\b)"
);
re!(
    CALL_TO_ACTION,
    r"(?i)^(jetzt|hier|now|get|try|sign up|subscribe|join|abonnieren|bestellen|testen|registrieren|unterstützen)(?-u:\b)"
);
re!(READER_DE, r"[\p{L}\d,]\s+(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer)(?-u:\b)");
re!(READER_EN, r"(?i)(?-u:\b)(you|your)(?-u:\b)");
re!(
    DISCLAIMER,
    r"(?i)((?-u:\b)rss[- ]?(feed|dienst|nachrichtendienst)|öffentliche[rn]? rss|distanziert sich|original[- ]?(post|beitrag|artikel|quelle)|(article|story) (was|is) (originally|first) (published|appeared)|originally (published|appeared)|(?-u:\b)republished(?-u:\b)|erschien zuerst|zuerst erschienen|alle rechte vorbehalten|all rights reserved|keine haftung für|ohne gewähr|no responsibility for)|^(©|\(c\)\s|copyright(?-u:\b)|our standards\s*:)|(?-u:\b)this (blog|post|article|alert|site|website|material|content|newsletter|publication|page|communication|update)(?-u:\b).*(not (constitute |intended (as|to be) )?(legal|investment|financial|tax) advice|for (general )?information(al)? purposes only|for general information only)"
);
re!(
    AGENCY,
    r"^\p{Ll}{2,4}(/\p{Ll}{2,4})*\s*\(\s*[\p{L}.]{2,12}(\s*[,/]\s*[\p{L}.]{2,12})*\s*\)$|(?i)^\(?(mit material (von|der)\s+)?(dpa|afp|ap|reuters|rtr|kna|epd|sid|apa|dts|ddp|ots|bloomberg)(\s*[,/]\s*(dpa|afp|ap|reuters|rtr|kna|epd|sid|apa|dts|ddp|ots|bloomberg))*\)?\.?$"
);
/// Names as sign-offs write them: "Daniel Ashford and Priya Raman in Washington".
const SIGNOFF_NAMES: &str = r"\p{Lu}[\p{L}'’.-]*(?:(?:\s+|\s*,\s*|\s+(?:and|und|&|in|from|at)\s+)\p{Lu}[\p{L}'’.-]*)*";
/// The roles of a wire credit line: "Reporting by ...; Editing by ...".
const SIGNOFF_ROLE: &str = r"(?:(?:[Aa]dditional )?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Rr]esearch|[Gg]raphics|[Ff]act[- ]checking|[Pp]roduction|[Vv]ideo)(?: and [a-z]+)? by";
re!(
    SIGNOFF,
    &format!(
        r"^{SIGNOFF_ROLE}\s+{SIGNOFF_NAMES}(?:\s*;\s*{SIGNOFF_ROLE}\s+{SIGNOFF_NAMES})*\.?$|^(?:(?:The )?(?:Associated Press|AP|AFP|Reuters|Bloomberg|dpa) )?(?:(?:staff )?(?:writers?|reporters?|correspondents?) )?\p{{Lu}}[\p{{L}}'’.-]+\s+\p{{Lu}}[\p{{L}}'’.-]*(?:(?:\s+|\s*,\s*|\s+(?:and|&|in|from|at)\s+)\p{{Lu}}[\p{{L}}'’.-]*)* contributed (?:to this (?:report|story|article)|reporting|from \p{{Lu}}[\p{{L}} ,.'’-]*)\.?$|^[—–-]+\s*With (?:additional )?assistance (?:from|by)\s+{SIGNOFF_NAMES}\.?$|^\((?:Updates?|Adds|Recasts|Corrects|Changes|Rewrites|Refiles|Removes|Fixes)(?-u:\b)[^()]*\)\.?$|^Mit (?:Informationen|Material) (?:von|der|des)\s+\p{{Lu}}[^.!?]*$"
    )
);
re!(
    SOCIAL,
    r"(?i)^(folgen sie uns|folge uns|follow us|teilen( sie)?( diesen (artikel|beitrag))?\s*:?$|share (this|on)|jetzt teilen|besuchen sie (uns )?auch|visit us|find us on|like us on)"
);
re!(
    CAPTION_LABEL,
    r"(?i)^[-–•·*\s]*(bild|foto|fotos|image|photo|picture|bildquelle|fotoquelle|quelle|credit|credits|grafik|illustration|titelbild|beitragsbild|symbolbild)\s*:"
);
re!(
    CAPTION_TAIL,
    r"(?i)\((aufnahme|foto|bild|archivbild|archivfoto|symbolbild|archiv|file photo|photo|image|picture)(?-u:\b)[^()]*\)\.?$"
);
// A wire photo credit ending a caption: "REUTERS/Aly Song/File Photo", Reuters' "Purchase
// Licensing Rights, opens new tab", "(AP Photo/Mark Humphrey, File)".
re!(
    CAPTION_AGENCY,
    r"(?-u:\b)(REUTERS|AFP|AP|EPA|XINHUA|KYODO|YONHAP|ANADOLU)(/\p{Lu}(\p{L}|\.\s?\p{Lu}|['’-]\p{L})*(\s\p{Lu}(\p{L}|\.\s?\p{Lu}|['’-]\p{L})*)*){1,3}(\s+Purchase Licensing Rights(,\s*opens new tab)?)?$|\((AP|AFP|Reuters|EPA|dpa|Xinhua) Photo/[^()]*\)\.?$|Purchase Licensing Rights"
);
// A caption that ends in its credit after a full sentence: "Eine Drohne im Einsatz: ...
// verkauft werden. Bild: picture alliance / Zoonar | Heiko Küverling".
re!(
    CAPTION_CREDIT_END,
    r"(?i)[.!?…]\s+(bild|foto|fotos|image|photo|picture|bildquelle|fotoquelle|credit|credits)\s*:\s*[^.!?:]{2,80}[*_]*$"
);
re!(CAPTION_CREDIT, r"(?i)(getty images|picture[- ]alliance|imago images|shutterstock|istockphoto|dpa-bildfunk|©)");
/// A date as a page stamp writes it: "16.07.2024", "2024-07-16", "16. Juli 2024", "Sept. 3,
/// 2024".
const STAMP_DATE: &str =
    r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}";
/// A time of day with its zone: "15:11 Uhr", "at 9:45 AM EST", "10:41 PM GMT+1".
const STAMP_TIME: &str = r"(um\s*|at\s*)?\d{1,2}[:.]\d{2}(\s*(uhr|h|am|pm|a\.m\.|p\.m\.))?(\s*(mez|mesz|utc|gmt|cet|cest|bst|et|est|edt|ct|cst|cdt|pt|pst|pdt)([+-]\d{1,2})?)?";
/// The label of a stamp: "Stand:", "Updated on".
const STAMP_LABEL: &str = r"(stand|aktualisiert|veröffentlicht|published|updated|posted|erstellt|datum|date|zuletzt aktualisiert)(\s+(am|on))?\s*:?\s*";
re!(
    DATE_STAMP,
    &format!(
        r"(?i)^({STAMP_LABEL})?({STAMP_DATE}|{STAMP_TIME})(\s*[,/|·•–-]?\s*({STAMP_LABEL})?({STAMP_DATE}|{STAMP_TIME}|\d+\s+(hours?|minutes?|mins?|days?)\s+ago))*\.?$"
    )
);
re!(
    EVENT_WORD,
    r"(?i)(vortrag|vorträge|key ?note|konferenz|webinar|workshop|seminar|messe|kongress|panel|(?-u:\b)talk(?-u:\b)|conference|summit|meetup|livestream)"
);
re!(EVENT_TIME, r"(?i)(?-u:\b)\d{1,2}[:.]\d{2}\s*(uhr|h(?-u:\b)|am(?-u:\b)|pm(?-u:\b))");
re!(
    EVENT_DATE,
    &format!(
        r"(?-u:\b)\d{{1,2}}\.\d{{1,2}}\.(\d{{2,4}})?|(?i)(?-u:\b)({})(?-u:\b)",
        crate::text::months::alternation(|f| !f.abbreviation)
    )
);

/// The patterns that scan a whole line, each with literals one of which every match of it
/// contains (letters compared in either case). One scan of a line for all the literals
/// tells which of these patterns can match it; most lines are prose that none can.
#[derive(Clone, Copy)]
enum Scan {
    Disclaimer,
    PromoWord,
    FirstPerson,
    PerPeriod,
    CaptionTail,
    CaptionCredit,
    CaptionAgency,
}

/// The literals of each [`Scan`], read off its pattern: a literal of every alternative
/// (a shorter piece where the alternative holds a letter outside ASCII, which ASCII case
/// folding would miss, or a choice of words).
const SCAN_LITERALS: &[(Scan, &[&str])] = &[
    (
        Scan::Disclaimer,
        &[
            "rss",
            "distanziert sich",
            "original",
            "published",
            "appeared",
            "erschien zuerst",
            "zuerst erschienen",
            "alle rechte vorbehalten",
            "all rights reserved",
            "keine haftung f",
            "ohne gew",
            "no responsibility for",
            "©",
            "(c)",
            "copyright",
            "our standards",
            "advice",
            "purposes only",
            "information only",
        ],
    ),
    (
        Scan::PromoWord,
        &[
            "mitgliedschaft",
            "premium-",
            "abo",
            "newsletter",
            "jetzt ",
            "gratis testen",
            "kostenlos testen",
            "membership",
            "subscri",
            "sign up",
            "tzen sie",
            "support ",
            "donate",
        ],
    ),
    (
        Scan::FirstPerson,
        &[
            "ich bin",
            "bin ich",
            "ich schreibe",
            "schreibe ich",
            "ich arbeite",
            "arbeite ich",
            "halte ich euch",
            "halte ich sie",
            "i am a",
            "i'm a",
            "i have been",
            "i've been",
            "i write",
            "i cover",
        ],
    ),
    (Scan::PerPeriod, &["mo", "jahr", "year", "woche", "week"]),
    (
        Scan::CaptionTail,
        &["(aufnahme", "(foto", "(bild", "(archiv", "(symbolbild", "(file photo", "(photo", "(image", "(picture"],
    ),
    (
        Scan::CaptionCredit,
        &["getty images", "picture", "imago images", "shutterstock", "istockphoto", "dpa-bildfunk", "©"],
    ),
    (
        Scan::CaptionAgency,
        &[
            "reuters/",
            "afp/",
            "ap/",
            "epa/",
            "xinhua/",
            "kyodo/",
            "yonhap/",
            "anadolu/",
            "photo/",
            "purchase licensing rights",
        ],
    ),
];

/// All literals of [`SCAN_LITERALS`] in one automaton; a match's pattern number indexes
/// [`SCAN_OF`].
static SCAN_GATE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(SCAN_LITERALS.iter().flat_map(|(_, literals)| literals.iter()))
        .expect("valid built-in literals")
});
static SCAN_OF: LazyLock<Vec<Scan>> =
    LazyLock::new(|| SCAN_LITERALS.iter().flat_map(|(scan, literals)| literals.iter().map(|_| *scan)).collect());

/// The [`Scan`] patterns that may match a line (a bit per pattern).
#[derive(Clone, Copy)]
struct MayMatch(u8);

impl MayMatch {
    fn of(line: &str) -> MayMatch {
        // Case-insensitive patterns also match the long s and the Kelvin sign as "s" and
        // "k", which the ASCII case folding of the literals does not: such a line goes to
        // every pattern.
        if !line.is_ascii() && (line.contains('ſ') || line.contains('\u{212a}')) {
            return MayMatch(u8::MAX);
        }
        let mut bits = 0u8;
        for m in SCAN_GATE.find_overlapping_iter(line) {
            bits |= 1 << SCAN_OF[m.pattern().as_usize()] as u8;
        }
        MayMatch(bits)
    }

    fn may(self, scan: Scan) -> bool {
        self.0 & (1 << scan as u8) != 0
    }
}

/// True if a time of day ("09:30", "9.30") may stand in `line`: a digit, a colon or dot,
/// a digit. A necessary condition of [`EVENT_TIME`], checked without a regex search.
fn may_hold_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b == b':' || b == b'.')
            && line[..i].chars().next_back().is_some_and(char::is_numeric)
            && line[i + 1..].chars().next().is_some_and(char::is_numeric)
    })
}

fn has_quotes(line: &str) -> bool {
    line.contains(['"', '„', '“', '”', '»', '«'])
}

/// How many words (runs of characters other than whitespace) `line` has, counting no
/// further than `cap` (a long paragraph is not walked to its end to learn that it is
/// longer than a headline). ASCII bytes are read without decoding.
fn words_upto(line: &str, cap: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for_each_char_space(line, |space| {
        if space {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
        }
        count < cap
    });
    count.min(cap)
}

/// Calls `f` with whether each character of `line` is whitespace, in order, until `f`
/// returns false. ASCII bytes are classified without decoding.
fn for_each_char_space(line: &str, mut f: impl FnMut(bool) -> bool) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (space, len) = if b.is_ascii() {
            (b.is_ascii_whitespace() || b == 0x0b, 1)
        } else {
            match line[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            }
        };
        if !f(space) {
            break;
        }
        i += len;
    }
}

/// True if `line` has at most `n` words.
pub(crate) fn at_most_words(line: &str, n: usize) -> bool {
    words_upto(line, n + 1) <= n
}

/// Any decimal digit (`\d` in the patterns, which `is_numeric` includes); the bytes are
/// scanned first, since nearly every line with a digit has an ASCII one.
fn has_digit(line: &str) -> bool {
    // Past the ASCII digits, only characters beyond ASCII (from their first byte) can be.
    line.bytes().any(|b| b.is_ascii_digit())
        || line.bytes().enumerate().any(|(i, b)| b >= 0xc0 && line[i..].chars().next().is_some_and(char::is_numeric))
}

/// The key under which a repeated line is recognised: its words, lowercased, joined by
/// single spaces (`None` for a line without words).
pub(crate) fn repeat_key(line: &str) -> Option<String> {
    let key = line.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// A hash that two lines with equal [`repeat_key`]s share, computed without building the
/// key: words are lowercased letter by letter, with final sigma taken as sigma (the one
/// letter whose lowercase depends on its place in the word).
fn repeat_hash(line: &str) -> Option<u64> {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    let mut any = false;
    let mut in_word = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    // Each word's letters, then a word end; ASCII bytes without decoding.
    while let Some(&b) = bytes.get(i) {
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            match line[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        i += len;
        if c.is_whitespace() {
            if in_word {
                h.write_u8(0xff);
                in_word = false;
            }
            continue;
        }
        in_word = true;
        any = true;
        if c.is_ascii() {
            h.write_u32(u32::from(c.to_ascii_lowercase()));
        } else {
            c.to_lowercase().for_each(|l| h.write_u32(if l == 'ς' { 'σ' } else { l } as u32));
        }
    }
    if in_word {
        h.write_u8(0xff);
    }
    any.then(|| h.finish())
}

/// True when `word` is a web or e-mail address ("tradeguard.de", "https://x.org/a").
pub(crate) fn is_web_address(word: &str) -> bool {
    (word.contains('.') || word.contains(':')) && URL_LINE.is_match(word)
}

/// True when the last word of `line` (before closing punctuation) is a web address: "Mehr
/// erfahren unter tradeguard.de".
fn ends_in_web_address(line: &str) -> bool {
    let last = line.split_whitespace().next_back().unwrap_or("");
    is_web_address(last.trim_end_matches(['.', '!', ')', ':']))
}

re!(AD_CLOSING, r"(?i)(mehr erfahren|jetzt informieren|learn more|find out more|more info|mehr infos?)\s*[.!:]?$");

fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(['"', '\'', '“', '”', '’', '«', '»', ')', ' ', '\u{a0}']);
    t.ends_with(['.', '!', '?', '…', ';', ','])
}

thread_local! {
    /// The features of the lines this thread has seen: a publisher's notes and the
    /// paragraphs that several outlets print come back word for word.
    static FEATURES: std::cell::RefCell<crate::text::memo::Memo<Option<Feature>>> = Default::default();
}

/// The boilerplate form of one line on its own, if it has one. Context (what comes before
/// and after) is `classify`'s business.
pub fn line_feature(line: &str) -> Option<Feature> {
    let line = line.trim_matches(crate::text::segment::is_space);
    if line.is_empty() {
        return None;
    }
    // Every count test below is with 40 words or fewer.
    let n = words_upto(line, 41);
    if AD_MARKER.is_match(line) {
        return Some(Feature::AdMarker);
    }
    if BIO_HEADING.is_match(line) {
        return Some(Feature::BioHeading);
    }
    if TEASER_PHRASE.is_match(line) || (TEASER_LABEL.is_match(line) && n <= 20) {
        return Some(Feature::Teaser);
    }
    if SOCIAL.is_match(line) {
        return Some(Feature::Social);
    }
    if CONTACT.is_match(line) {
        return Some(Feature::Contact);
    }
    if URL_LINE.is_match(line) {
        return Some(Feature::Url);
    }
    if n <= 6 && (POSTCODE.is_match(line) || STREET.is_match(line)) {
        return Some(Feature::Address);
    }
    if n <= 8 && AGENCY.is_match(line) || n <= 40 && SIGNOFF.is_match(line) {
        return Some(Feature::AgencySignoff);
    }
    // Cheap tests go first in each conjunction: most lines are prose that no pattern
    // below matches, and the case-insensitive alternations scan the whole line.
    let may = MayMatch::of(line);
    if may.may(Scan::Disclaimer) && DISCLAIMER.is_match(line) {
        return Some(Feature::Disclaimer);
    }
    let reader = || READER_DE.is_match(line) || READER_EN.is_match(line);
    let digit = has_digit(line);
    if may.may(Scan::PromoWord)
        && PROMO_WORD.is_match(line)
        && (line.contains('!') && !has_quotes(line) || CALL_TO_ACTION.is_match(line) || reader())
    {
        return Some(Feature::Promo);
    }
    if digit
        && may.may(Scan::PerPeriod)
        && PRICE_PER_PERIOD.is_match(line)
        && (line.trim_end().ends_with('!') || !ends_like_sentence(line) || reader())
    {
        return Some(Feature::Promo);
    }
    if BIO_INLINE.is_match(line) {
        return Some(Feature::Bio);
    }
    if may.may(Scan::FirstPerson) && !has_quotes(line) && BIO_FIRST_PERSON.is_match(line) && BIO_CAREER.is_match(line) {
        return Some(Feature::Bio);
    }
    if n <= 40 && (BIO_THIRD_PERSON.is_match(line) || BIO_PROFESSIONAL.is_match(line) && !has_quotes(line)) {
        return Some(Feature::Bio);
    }
    if n <= 8 && (BYLINE.is_match(line) || BYLINE_COUNTER.is_match(line)) {
        return Some(Feature::Byline);
    }
    if n <= 30 && CAPTION_LABEL.is_match(line)
        || may.may(Scan::CaptionTail)
            && CAPTION_TAIL.is_match(line)
            && !ends_like_sentence(line.trim_end_matches(['.', ')']))
        || n <= 20 && may.may(Scan::CaptionCredit) && CAPTION_CREDIT.is_match(line)
        || line.contains(':') && CAPTION_CREDIT_END.is_match(line)
        || n <= 40 && may.may(Scan::CaptionAgency) && CAPTION_AGENCY.is_match(line)
    {
        return Some(Feature::Caption);
    }
    if digit && DATE_STAMP.is_match(line) {
        return Some(Feature::Dateline);
    }
    if digit
        && may_hold_time(line)
        && EVENT_TIME.is_match(line)
        && EVENT_WORD.is_match(line)
        && EVENT_DATE.is_match(line)
    {
        return Some(Feature::EventTeaser);
    }
    None
}

/// True for a Markdown table row: a line that opens and closes with a pipe.
pub fn is_table_row(line: &str) -> bool {
    let line = line.trim();
    line.len() > 1 && line.starts_with('|') && line.ends_with('|')
}

/// True for a headline or subheading: a short line without closing sentence punctuation
/// (or a Markdown `#` heading).
pub(crate) fn is_heading(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with('#') {
        return true;
    }
    // A Markdown table row ("| BYD | 17,0 % | in Kraft seit 30.10.2024 |") is a
    // statement of its own, read with the table's header and lead-in, not a heading.
    if is_table_row(line) {
        return false;
    }
    // Most lines are prose that ends like a sentence: that test goes first.
    !ends_like_sentence(line)
        && line.len() <= 110 * 4
        && line.chars().count() <= 110
        && at_most_words(line, 12)
        && line.chars().any(char::is_alphabetic)
}

/// Classifies the blocks of one article. `texts` are the blocks' plain texts in order,
/// `positions` where each starts (0.0 .. 1.0 of the body), `forced_headings` marks blocks
/// the markup calls headings, `glued` the blocks the next one follows without a blank
/// line between them (both may be shorter than `texts`: the rest are false).
pub(crate) fn classify(texts: &[&str], positions: &[f64], forced_headings: &[bool], glued: &[bool]) -> Vec<Class> {
    let n = texts.len();
    let glued = |i: usize| glued.get(i).copied().unwrap_or(false);
    let features: Vec<Option<Feature>> =
        texts.iter().map(|t| crate::text::memo::remembered(&FEATURES, t, || line_feature(t))).collect();
    let mut out: Vec<Class> = (0..n)
        .map(|i| Class {
            boilerplate: features[i].is_some(),
            heading: forced_headings.get(i).copied().unwrap_or(false) || is_heading(texts[i]),
        })
        .collect();

    // A line repeated from further up (the headline printed twice). Lines are compared
    // by hash, and by their keys only when the hashes agree.
    let mut seen: rustc_hash::FxHashMap<u64, Vec<usize>> = rustc_hash::FxHashMap::default();
    for (i, t) in texts.iter().enumerate() {
        let Some(h) = repeat_hash(t) else { continue };
        let earlier = seen.entry(h).or_default();
        if !earlier.is_empty() {
            let key = repeat_key(t);
            if earlier.iter().any(|&j| repeat_key(texts[j]) == key) {
                out[i].boilerplate = true;
            }
        }
        earlier.push(i);
    }

    // After a lone ad marker, the ad itself: a web address, an offer, a contact line, or a
    // paragraph that ends in a web address or "mehr erfahren", or addresses the reader
    // ("prüft Ihre Lieferketten") outside a quotation.
    let mut ad_body = vec![false; n];
    for i in 0..n.saturating_sub(1) {
        if features[i] != Some(Feature::AdMarker) {
            continue;
        }
        let t = texts[i + 1];
        let is_ad = match features[i + 1] {
            Some(Feature::Url | Feature::Promo | Feature::Contact) => true,
            Some(_) => false,
            None => {
                ends_in_web_address(t)
                    || AD_CLOSING.is_match(t)
                    || !has_quotes(t) && (READER_DE.is_match(t) || READER_EN.is_match(t))
            }
        };
        if is_ad {
            out[i + 1].boilerplate = true;
            ad_body[i + 1] = true;
        }
    }

    // A teaser label on a line of its own ("Lesen Sie auch") introduces the teased
    // headline on the next line, and the headlines that run on from it without a blank
    // line ("Most Read from Bloomberg" and its list).
    for i in 0..n.saturating_sub(1) {
        if features[i] == Some(Feature::Teaser) && at_most_words(texts[i], 6) && is_heading(texts[i + 1]) {
            out[i + 1].boilerplate = true;
            let mut j = i + 1;
            while j + 1 < n && glued(j) && features[j + 1].is_none() && is_heading(texts[j + 1]) {
                j += 1;
                out[j].boilerplate = true;
            }
        }
    }

    // A caption paragraph runs straight into its credit line ("Bildquelle: picture
    // alliance / APA", "Foto: dpa"): the line before the credit, when it opens a
    // paragraph of its own, is the caption.
    for i in 1..n.saturating_sub(1) {
        if features[i].is_none()
            && features[i + 1] == Some(Feature::Caption)
            && glued(i)
            && !glued(i - 1)
            && at_most_words(texts[i], 40)
            && at_most_words(texts[i + 1], 12)
            && CAPTION_LABEL.is_match(texts[i + 1])
        {
            out[i].boilerplate = true;
        }
    }

    // Short lines next to an address or contact line belong to it (the publisher's name).
    let is_addr = |f: Option<Feature>| matches!(f, Some(Feature::Address | Feature::Contact));
    for i in 0..n {
        if features[i].is_none() {
            let before = i > 0 && is_addr(features[i - 1]);
            let after = i + 1 < n && is_addr(features[i + 1]);
            let beside = before && after || after && i + 2 < n && is_addr(features[i + 2]);
            if beside && at_most_words(texts[i], 5) && !ends_like_sentence(texts[i]) {
                out[i].boilerplate = true;
            }
        }
    }

    // A bio heading takes the short lines and first-person text that follow it.
    for i in 0..n {
        if features[i] == Some(Feature::BioHeading) {
            for j in i + 1..n.min(i + 5) {
                if features[j] == Some(Feature::Bio) || at_most_words(texts[j], 4) && !ends_like_sentence(texts[j]) {
                    out[j].boilerplate = true;
                } else {
                    break;
                }
            }
        }
    }

    // The footer zone: from the first strong marker in the back part of the article to
    // the end, provided more boilerplate follows it (or it stands at the very end). A
    // paragraph of prose after an ad that no feature claims is the article going on past
    // an ad in its middle: the zone starts after it, at a later marker. (Teasers of other
    // articles, also prose, follow markers of their own and stay in the zone.)
    let prose = |j: usize| {
        features[j].is_none() && !ad_body[j] && words_upto(texts[j], 15) >= 15 && ends_like_sentence(texts[j])
    };
    for i in 0..n {
        let Some(from) = features[i].and_then(Feature::footer_from) else { continue };
        let pos = positions.get(i).copied().unwrap_or(0.0);
        let more_follows = features[i + 1..].iter().any(Option::is_some);
        let at_end = i + 1 == n || pos >= 0.85;
        if matches!(features[i], Some(Feature::AdMarker | Feature::Promo)) && (i + 1..n).any(prose) {
            continue;
        }
        if pos >= from && (more_follows || at_end) {
            for c in &mut out[i..] {
                c.boilerplate = true;
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests;
