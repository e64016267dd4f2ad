//! Authorities: who imposed a measure, read from the wording of a sentence. One table
//! holds every authority with its German name (the canonical one, stored in the index
//! and in the JSON), its English name (for English answers), the country it acts for
//! and the wording that names it. Some wording names a body without its country ("das
//! Handelsministerium", "the department", "die Behörde"): such a bare name means the
//! body of the country the article has been speaking of, and only without such context
//! the table's default. US states are one more row, read with the state's name.

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

/// The country (or union) an authority acts for: authorities of one country may be one
/// and the same actor told with more or less detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Country {
    Us,
    China,
    Eu,
    Germany,
    Austria,
    Switzerland,
    Uk,
    Netherlands,
    France,
    Italy,
    Canada,
    Japan,
    India,
    Australia,
    Taiwan,
    SouthKorea,
    Russia,
    Turkey,
    Brazil,
    Lithuania,
}

/// One authority of the table.
pub struct Authority {
    /// The canonical (German) name.
    pub de: &'static str,
    pub en: &'static str,
    pub country: Country,
    /// The government as a whole, which any body of its country may be meant by.
    pub generic: bool,
    /// The wording that names it, matched on the lowercased sentence.
    wording: &'static str,
}

const fn row(de: &'static str, en: &'static str, country: Country, wording: &'static str) -> Authority {
    Authority { de, en, country, generic: false, wording }
}

const fn government(de: &'static str, en: &'static str, country: Country, wording: &'static str) -> Authority {
    Authority { de, en, country, generic: true, wording }
}

/// Every authority: a country's government (`generic`) and its bodies. Which one a
/// sentence means is [`named`]'s business.
pub const AUTHORITIES: &[Authority] = &[
    government(
        "Chinesische Regierung",
        "Chinese government",
        Country::China,
        r"chinesische\w*\s+(?:regierung|handelsministeri\w*|\S*behörde\w*|führung|marktaufsicht\w*|außenministeri\w*|ministeri\w*)|(?:regierung|handelsministeri\w*|behörden?|außenministeri\w*|ministeri\w*)\s+(?:in\s+)?(?:peking|beijing)|\bchinese\s+(?:government|authorities|commerce\s+ministry|ministry|foreign\s+ministry|regulators?|officials)|\bchina(?:'s|’s)\s+(?:commerce\s+ministry|ministry|government|regulators?|foreign\s+ministry|market\s+regulator|cyberspace)|\bbeijing(?:'s|’s)\s+(?:decision|move|ministry|government|regulators?)|\bmofcom\b|ministry\s+of\s+commerce|state\s+administration\s+for\s+market\s+regulation|\bsamr\b|cyberspace\s+administration|cyberspace-behörde|\bcac\b|\b(?:hatte|hat)\s+(?:china|peking)\b|\b(?:china|peking|beijing)\s+(?:hat|hatte|verhängt\w*|verbiet\w*|verbot|erl[äa]sst|erließ|kündigt\w*|setzt\w*|hebt|hob|lockert\w*|sperrt\w*|stoppt\w*|untersagt\w*|announced|imposed|banned|has|will|said|added|put|placed|opened|told|also|lifted|blocked|barred|restricted|ordered|suspended)\b",
    ),
    row(
        "US-Handelsministerium",
        "US Commerce Department",
        Country::Us,
        r"us-handelsministeri\w*|handelsministeri\w*\s+der\s+vereinigten\s+staaten|amerikanische\w*\s+handelsministeri\w*|commerce\s+department|department\s+of\s+commerce|bureau\s+of\s+industry|commerce\s+secretary|\bbis\s+(?:added|said|has|had|issued|renewed|imposed|removed|also|first|will|announced)\b|\b(?:the|der|die|us-)\s*entity[\s-]list",
    ),
    // "treasury" but not Canada's "Treasury Board" (the regex engine has no lookahead).
    row(
        "US-Finanzministerium",
        "US Treasury",
        Country::Us,
        r"us-finanzministeri\w*|treasury(?:$|[^\s]|\s+(?:$|[^b]|b[^o]))|\bofac\b",
    ),
    row(
        "US-Heimatschutzministerium",
        "US Department of Homeland Security",
        Country::Us,
        r"heimatschutz\w*|homeland\s+security|\bdhs\b",
    ),
    row("CFIUS", "CFIUS", Country::Us, r"\bcfius\b|committee\s+on\s+foreign\s+investment"),
    row(
        "FCC",
        "FCC",
        Country::Us,
        r"\bfcc\b|federal\s+communications\s+commission|us-telekommunikationsbehörde|telekommunikationsbehörde\s+fcc",
    ),
    row(
        "US-Justizministerium",
        "US Justice Department",
        Country::Us,
        r"us-justizministeri\w*|department\s+of\s+justice|\bdoj\b",
    ),
    row(
        "US-Verteidigungsministerium",
        "US Defense Department",
        Country::Us,
        r"us-verteidigungsministeri\w*|\bpentagon\b|department\s+of\s+defen[cs]e|defen[cs]e\s+department",
    ),
    row(
        "US-Kongress",
        "US Congress",
        Country::Us,
        r"\bkongress\w*|\bcongress\w*|\bsenat\b|\bsenate\b|repräsentantenhaus|house\s+of\s+representatives",
    ),
    row(
        "US-Präsident",
        "US President",
        Country::Us,
        r"us-präsident\w*|präsident\w*\s+(?:\S+\s+)?(?:trump|biden)|\btrump\w*|\bbiden\w*|\bdekret\w*|executive\s+orders?|weiße\w*\s+haus\w*|white\s+house|\bpresident\b",
    ),
    row(
        "EU-Kommission",
        "European Commission",
        Country::Eu,
        r"eu-kommission|europäische\w*\s+kommission|european\s+commission|\bbrüssel\b|\bbrussels\b",
    ),
    government(
        "Europäische Union",
        "European Union",
        Country::Eu,
        r"\beu\s+(?:hat|hatte|verhängt\w*|has|imposed|added|will|wird|sanktioniert\w*|listed|froze|member\s+states|countries|governments|foreign\s+ministers)|\beu-(?:staaten|länder|außenminister\w*|sanktion\w*|rat\b)|\b(?:von|durch)\s+der\s+eu\b|\b(?:folgte|zog)\s+die\s+eu\b|europäische\w*\s+union|european\s+union|\brat\s+der\s+eu\b|council\s+of\s+the\s+eu",
    ),
    government(
        "Österreichische Regierung",
        "Austrian government",
        Country::Austria,
        r"österreichische\w*\s+(?:bundes)?regierung|austrian\s+government|regierung\s+in\s+wien|\bösterreich\s+(?:hat|hatte|verbietet|verbot|verhängt\w*|schließt)",
    ),
    government(
        "Schweizer Regierung",
        "Swiss government",
        Country::Switzerland,
        r"schweizer\w*\s+(?:bundesrat|regierung)|swiss\s+(?:government|federal\s+council)|\bseco\b",
    ),
    government(
        "Bundesregierung",
        "German government",
        Country::Germany,
        r"bundesregierung|bundeskabinett|bundesnetzagentur|bundesinnenminister\w*|bundeswirtschaftsminister\w*|bundesministerium|\bbmwk\b|\bbmwi\b|\bbafa\b|\bbsi\b|german\s+government|deutsche\w*\s+regierung",
    ),
    government(
        "Landesregierung",
        "German state government",
        Country::Germany,
        r"landesregierung|staatskanzlei|(?:baden-württembergische|bayerische|berliner|brandenburgische|bremer|hamburger|hessische|niedersächsische|nordrhein-westfälische|rheinland-pfälzische|saarländische|sächsische|thüringer|schleswig-holsteinische)\w*\s+(?:staats|landes)?(?:ministeri\w*|regierung|senat)",
    ),
    government(
        "Britische Regierung",
        "UK government",
        Country::Uk,
        r"britische\w*\s+(?:regierung|wirtschaftsminister\w*|minister\w*)|british\s+(?:government|business\s+secretary|ministers?|secretary)|\buk\s+(?:government|business\s+secretary|secretary\s+of\s+state|cabinet\s+office|department\s+for\s+business|ministers?|regulators?)|downing\s+street|großbritannien|\bbritain\b|regierung\s+in\s+london",
    ),
    government(
        "Niederländische Regierung",
        "Dutch government",
        Country::Netherlands,
        r"niederländische\w*\s+(?:regierung|wirtschaftsminister\w*|minister\w*|kabinett)|dutch\s+(?:government|economy\s+ministry|economic\s+affairs\s+ministry|ministry|minister|cabinet)|\bden\s+haag\b|the\s+hague|\b(?:die|the)\s+(?:niederlande|netherlands)\b",
    ),
    government(
        "Französische Regierung",
        "French government",
        Country::France,
        r"französische\w*\s+regierung|french\s+government",
    ),
    government(
        "Italienische Regierung",
        "Italian government",
        Country::Italy,
        r"italienische\w*\s+(?:regierung|datenschutzbehörde|behörde\w*)|italian\s+(?:government|data\s+protection|regulators?|authorities)|\bgarante\b|\brom\s+(?:hat|hatte)|\bitalien\s+(?:hat|hatte|verbietet|verbot|sperrt)",
    ),
    government(
        "Kanadische Regierung",
        "Canadian government",
        Country::Canada,
        r"kanadische\w*\s+(?:regierung|\S*ministeri\w*|\S*behörde\w*)|canadian\s+(?:government|\S+\s+ministry|\S+\s+department|authorities)|\bkanada\b|\bcanada\b|\bottawa\b|treasury\s+board",
    ),
    government(
        "Japanische Regierung",
        "Japanese government",
        Country::Japan,
        r"japanische\w*\s+(?:regierung|ministeri\w*)|japanese\s+(?:government|ministry)|\bmeti\b|\bjapan\b|\btokio\b|\btokyo\b",
    ),
    government(
        "Türkische Regierung",
        "Turkish government",
        Country::Turkey,
        r"türkische\w*\s+(?:regierung|\S*ministeri\w*|\S*behörde\w*)|turkish\s+(?:government|\S+\s+ministry|authorities)|\btürkei\b|\bturkey\b|\bankara\b",
    ),
    government(
        "Brasilianische Regierung",
        "Brazilian government",
        Country::Brazil,
        r"brasilianische\w*\s+(?:regierung|\S*ministeri\w*|\S*behörde\w*)|brazilian\s+(?:government|\S+\s+ministry|authorities|regulator)|\bbrasilien\w*|\bbrazil\w*|\banatel\b|\bbrasília\b|\bbrasilia\b",
    ),
    government(
        "Litauische Regierung",
        "Lithuanian government",
        Country::Lithuania,
        r"litauische\w*\s+(?:regierung|\S*ministeri\w*|\S*behörde\w*)|lithuanian\s+(?:government|\S+\s+ministry|authorities|regulator)|\blitauen\b|\blithuania\b|\bvilnius\b",
    ),
    government(
        "Indische Regierung",
        "Indian government",
        Country::India,
        r"indische\w*\s+regierung|indian\s+government|\bindien\b|\bindia\b|neu-delhi|new\s+delhi",
    ),
    government(
        "Australische Regierung",
        "Australian government",
        Country::Australia,
        r"australische\w*\s+(?:regierung|\S*ministeri\w*|\S*behörde\w*)|australian\s+(?:government|\S+\s+ministry|\S+\s+department|authorities)|\baustralien\b|\baustralia\b|\bcanberra\b|\bfirb\b|foreign\s+investment\s+review\s+board",
    ),
    government(
        "Taiwanische Regierung",
        "Taiwanese government",
        Country::Taiwan,
        r"taiwanische\w*\s+regierung|taiwanese\s+government|\btaipeh\b|\btaipei\b|\btaiwan\s+(?:hat|hatte|verbietet|verbot|untersagt\w*|banned|has|barred|told|ordered)\b",
    ),
    government(
        "Südkoreanische Regierung",
        "South Korean government",
        Country::SouthKorea,
        r"südkoreanische\w*\s+regierung|south\s+korean\s+government|\bsüdkorea\b|\bsouth\s+korea\b|\bseoul\b",
    ),
    government(
        "Russische Regierung",
        "Russian government",
        Country::Russia,
        r"russische\w*\s+(?:regierung|zentralbank|behörde\w*|ministeri\w*)|russian\s+(?:government|central\s+bank|authorities)|bank\s+of\s+russia|\bkreml\b|\bkremlin\b|roskomnadsor|roskomnadzor",
    ),
    government(
        "US-Regierung",
        "US government",
        Country::Us,
        r"us-regierung|us-behörden|regierung\s+in\s+washington|\bwashington\b(?:[^'’]|$)|amerikanische\w*\s+regierung|\bu\.?s\.?\s+government|\bu\.?s\.?\s+(?:export\s+|trade\s+|federal\s+)?(?:authorities|officials|regulators)\b|(?:biden|trump)\s+administration|\bthe\s+administration",
    ),
];

/// Wording that names a body without its country: the article's context decides whose
/// it is; without context, the default named here.
const BARE: &[(&str, &str)] = &[
    ("US-Regierung", r"\bdie\s+regierung\b|\bthe\s+government\b"),
    ("US-Handelsministerium", r"handelsministeri\w*|handelsminister\w*"),
    ("US-Finanzministerium", r"finanzministeri\w*|finanzminister\w*"),
    ("US-Justizministerium", r"justizministeri\w*"),
    ("US-Verteidigungsministerium", r"verteidigungsministeri\w*"),
    (
        "",
        r"außenministeri\w*|\b(?:das|dem|des)\s+ministerium\b|\b(?:die|der)\s+behörde\b|\bthe\s+(?:department|ministry|agency|commission|regulator)\b|\bregulators\b",
    ),
];

/// The table's wordings and the bare bodies', each compiled when the gate first lets a
/// sentence through to it: most of an index run's sentences name no authority, and a
/// corpus may never name most of the table.
static WORDING: [OnceLock<Regex>; AUTHORITIES.len()] = [const { OnceLock::new() }; AUTHORITIES.len()];
static BARE_WORDING: [OnceLock<Regex>; BARE.len()] = [const { OnceLock::new() }; BARE.len()];

/// Row `i`'s wording, compiled.
fn wording(i: usize) -> Option<&'static Regex> {
    Some(WORDING.get(i)?.get_or_init(|| super::pattern(AUTHORITIES[i].wording)))
}

/// Bare body `k`'s wording, compiled.
fn bare_wording(k: usize) -> Option<&'static Regex> {
    Some(BARE_WORDING.get(k)?.get_or_init(|| super::pattern(BARE[k].1)))
}

/// The US states, for laws and officials of one state ("a Tennessee law", "Texas
/// Governor Greg Abbott"): a state's name alone is no authority ("Texas Instruments").
/// Washington is left out: news means the federal government by it.
pub(crate) const STATES: &[&str] = &[
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "West Virginia",
    "Wisconsin",
    "Wyoming",
];

/// The authority names of the states, "Bundesstaat Texas" and "State of Texas", made
/// once (the table gives them a `'static` life).
static STATE_NAMES: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| STATES.iter().map(|s| (format!("US-Bundesstaat {s}"), format!("State of {s}"))).collect());

/// One pattern for every state, with the state's name captured: `state` where the
/// name comes after its title, `named` where it comes before the body it qualifies.
static STATE_WORDING: LazyLock<Regex> = LazyLock::new(|| super::pattern(&state_wording()));

/// The source of [`STATE_WORDING`], which the gate reads without compiling it.
fn state_wording() -> String {
    let names = STATES.iter().map(|s| s.to_lowercase().replace(' ', r"\s+")).collect::<Vec<_>>().join("|");
    format!(
        r"(?:state\s+of|governor\s+of|gouverneur\w*\s+von|bundesstaat(?:es)?|us-bundesstaat(?:es)?|parlament\s+von)\s+(?P<state>{names})\b|\b(?P<named>{names})(?:\s+(?:governor|attorney\s+general|legislature|lawmakers|state\s+officials|law|statute|bill)\b|(?:'s|’s)\s+(?:governor|attorney\s+general|legislature|law|government|ban)\b|\s+(?:banned|bans|passed|enacted|became)\b)"
    )
}

/// A state named after "in" ("in Nebraska", "im US-Bundesstaat Texas" is `STATE_WORDING`'s).
static STATE_IN: LazyLock<Regex> = LazyLock::new(|| {
    let names = STATES.iter().map(|s| s.to_lowercase().replace(' ', r"\s+")).collect::<Vec<_>>().join("|");
    super::pattern(&format!(r"\b(?:in|across)\s+(?P<state>{names})\b"))
});

/// The state a sentence places itself in, by any wording.
fn state_in(lower: &str) -> Option<&'static str> {
    let captures = STATE_WORDING.captures(lower).or_else(|| STATE_IN.captures(lower))?;
    state_authority(captures.name("state").or_else(|| captures.name("named"))?.as_str())
}

/// The canonical name of the state row the captured name stands for.
fn state_authority(lower_name: &str) -> Option<&'static str> {
    let folded: String = lower_name.split_whitespace().collect::<Vec<_>>().join(" ");
    let i = STATES.iter().position(|s| s.to_lowercase() == folded)?;
    STATE_NAMES.get(i).map(|(de, _)| de.as_str())
}

/// What a sentence says about who acted: an authority named outright, or a bare body
/// whose country the article's context decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Explicit(&'static str),
    /// A body named without its country, with the authority it means without context
    /// (`None`: no default, the context alone can tell).
    Bare(Option<&'static str>),
}

/// True if the sentence may name an authority: one pass over it for all the wording of
/// the table, the states and the bare bodies. Most sentences of an article name none.
pub fn may_name(lower: &str) -> bool {
    possible(lower) != 0
}

/// Which wordings may match `lower` (bits: the table's rows, then the bare bodies, then
/// the states), known from a literal every match of each holds (the rarest set the regex
/// parser's HIR yields, `measures::required_literals`): one scan of the sentence for all
/// of them. A wording without such literals is always tried.
fn possible(lower: &str) -> u64 {
    let gate = &*GATE;
    gate.literals.find_overlapping_iter(lower).fold(gate.always, |mask, m| mask | gate.opens[m.pattern().as_usize()])
}

struct Gate {
    literals: AhoCorasick,
    /// Per literal, the wordings (bits) whose matches hold it.
    opens: Vec<u64>,
    always: u64,
}

/// Builds the authority gate now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&GATE);
}

static GATE: LazyLock<Gate> = LazyLock::new(|| {
    let table = AUTHORITIES.iter().map(|a| super::pattern_source(a.wording));
    let bare = BARE.iter().map(|(_, p)| super::pattern_source(p));
    let sources: Vec<String> =
        table.chain(bare).chain(std::iter::once(super::pattern_source(&state_wording()))).collect();
    assert!(sources.len() <= 64, "the authority gate holds 64 wordings");
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut opens: Vec<u64> = Vec::new();
    let mut always = 0u64;
    for (i, source) in sources.iter().enumerate() {
        let required = regex_syntax::parse(source).ok().and_then(|hir| super::measures::required_literals(&hir));
        match required.as_ref().and_then(|seq| seq.literals()) {
            Some(lits) => {
                for l in lits {
                    literals.push(l.as_bytes().to_vec());
                    opens.push(1u64 << i);
                }
            }
            None => always |= 1u64 << i,
        }
    }
    let literals = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&literals)
        .unwrap_or_else(|e| panic!("authority literals: {e}"));
    Gate { literals, opens, always }
});

/// The authority a lowercased sentence names. Of several, the one named first acts
/// ("Die Entscheidung der US-Regierung ... basiert auf Befürchtungen, dass die russische
/// Regierung ..."), and a body of the same country named anywhere says more than its
/// government as a whole ("Washington" and "the Commerce Department"). A state's
/// officials come next, then a body named without its country.
pub fn named(lower: &str) -> Option<Named> {
    let possible = possible(lower);
    if possible == 0 {
        return None;
    }
    let rows = AUTHORITIES.len();
    let matched: Vec<(usize, usize)> = (0..rows)
        .filter(|i| possible & (1u64 << i) != 0)
        .filter_map(|i| wording(i)?.find(lower).map(|m| (m.start(), i)))
        .collect();
    if let Some(&(at, i)) = matched.iter().min() {
        let chosen = &AUTHORITIES[i];
        // An executive order or decree of a state named in the sentence is its
        // governor's ("under an executive order ... in Nebraska"), not the president's.
        if chosen.de == "US-Präsident" && matched.len() == 1 {
            const PRESIDENT: &[&str] = &["president", "präsident", "trump", "biden", "white house", "weiße"];
            let order = lower.get(at..).is_some_and(|rest| rest.starts_with("executive") || rest.starts_with("dekret"))
                && !PRESIDENT.iter().any(|w| lower.contains(w));
            if let Some(name) = order.then(|| state_in(lower)).flatten() {
                return Some(Named::Explicit(name));
            }
        }
        let body = matched
            .iter()
            .map(|&(_, j)| &AUTHORITIES[j])
            .find(|a| chosen.generic && !a.generic && a.country == chosen.country);
        return Some(Named::Explicit(body.unwrap_or(chosen).de));
    }
    if possible & (1u64 << (rows + BARE.len())) != 0 {
        if let Some(state) = STATE_WORDING.captures(lower).and_then(|c| c.name("state").or_else(|| c.name("named"))) {
            if let Some(name) = state_authority(state.as_str()) {
                return Some(Named::Explicit(name));
            }
        }
    }
    BARE.iter()
        .enumerate()
        .find(|&(k, _)| possible & (1u64 << (rows + k)) != 0 && bare_wording(k).is_some_and(|re| re.is_match(lower)))
        .map(|(_, (default, _))| Named::Bare((!default.is_empty()).then_some(*default)))
}

/// Who imposed what the sentence reports, without context: the most specific authority
/// it names, a bare body taken as its default.
pub fn authority(lower: &str) -> Option<&'static str> {
    in_context(named(lower)?, None)
}

/// The authority `named` means when the article last named `context` outright.
pub fn in_context(named: Named, context: Option<&'static str>) -> Option<&'static str> {
    match named {
        Named::Explicit(a) => Some(a),
        Named::Bare(default) => resolve_bare(default, context),
    }
}

/// The authority a bare body means when the article last spoke of `context`: a body of
/// the context's country (the context itself when that is a government, or the US
/// ministry the wording names for US context), else the default.
pub fn resolve_bare(default: Option<&'static str>, context: Option<&'static str>) -> Option<&'static str> {
    let Some(context) = context.and_then(find) else { return default };
    match default.and_then(find) {
        Some(d) if d.country == context.country => Some(d.de),
        _ => Some(context.de),
    }
}

/// The table row of a canonical name, states included (as US bodies).
fn find(name: &str) -> Option<&'static Authority> {
    AUTHORITIES.iter().find(|a| a.de == name).or_else(|| {
        STATE_NAMES.iter().any(|(de, _)| de == name).then(|| AUTHORITIES.iter().find(|a| a.de == "US-Regierung"))?
    })
}

/// The table's own copy of a canonical name (states included).
pub fn canonical(name: &str) -> Option<&'static str> {
    AUTHORITIES
        .iter()
        .find(|a| a.de == name)
        .map(|a| a.de)
        .or_else(|| STATE_NAMES.iter().find(|(de, _)| de == name).map(|(de, _)| de.as_str()))
}

/// An authority's name in the answer language.
pub fn label(name: &str, english: bool) -> &str {
    if !english {
        return name;
    }
    if let Some(a) = AUTHORITIES.iter().find(|a| a.de == name) {
        return a.en;
    }
    STATE_NAMES.iter().find(|(de, _)| de == name).map_or(name, |(_, en)| en.as_str())
}

/// True if `a` and `b` can be the same authority: equal, one unknown, or one a whole
/// government and the other a body of its country (a state's law is the state's own).
pub fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, _) | (_, None) => true,
        (Some(x), Some(y)) if x == y => true,
        (Some(x), Some(y)) => {
            let state = |s: &str| STATE_NAMES.iter().any(|(de, _)| de == s);
            if state(x) || state(y) {
                return false;
            }
            match (AUTHORITIES.iter().find(|r| r.de == x), AUTHORITIES.iter().find(|r| r.de == y)) {
                (Some(p), Some(q)) => p.country == q.country && (p.generic || q.generic),
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_compiles() {
        // The wordings compile when a sentence first needs them; here all of them do.
        assert!((0..AUTHORITIES.len()).all(|i| wording(i).is_some()));
        assert!((0..BARE.len()).all(|k| bare_wording(k).is_some()));
        assert!(wording(AUTHORITIES.len()).is_none() && bare_wording(BARE.len()).is_none());
        assert_eq!(STATE_WORDING.as_str(), super::super::pattern_source(&state_wording()));
    }

    #[test]
    fn authorities_from_the_wording() {
        let cases = [
            ("Wie das Handelsministerium der Vereinigten Staaten verkündet", Some("US-Handelsministerium")),
            ("teilte das US-Finanzministerium damals mit", Some("US-Finanzministerium")),
            (
                "Im Jahr 2017 hatte das Heimatschutzministerium die Software verbannt",
                Some("US-Heimatschutzministerium"),
            ),
            ("Trump hatte per Dekret Geschäfte verboten", Some("US-Präsident")),
            (
                "the app has been prohibited on state-owned phones in nebraska since 2023, under an executive order",
                Some("US-Bundesstaat Nebraska"),
            ),
            ("an executive order signed by the president in texas bans the app", Some("US-Präsident")),
            ("Zuvor hatte China einem Verkauf Steine in den Weg gelegt", Some("Chinesische Regierung")),
            ("Peking hebt das Exportverbot wieder auf", Some("Chinesische Regierung")),
            (
                "Das niederländische Wirtschaftsministerium stellt die Firma unter Aufsicht",
                Some("Niederländische Regierung"),
            ),
            ("hatte die Regierung in Washington Sanktionen verhängt", Some("US-Regierung")),
            ("The Commerce Department added Huawei to the Entity List", Some("US-Handelsministerium")),
            ("The Dutch government restricted exports of ASML machines", Some("Niederländische Regierung")),
            ("Lithuania bans Brellin drones from government agencies", Some("Litauische Regierung")),
            ("Die Bundesregierung schließt Komponenten aus", Some("Bundesregierung")),
            ("Die österreichische Bundesregierung hat eine Verordnung beschlossen", Some("Österreichische Regierung")),
            ("Das Bundeskabinett hat am Mittwoch eine Teiluntersagung beschlossen", Some("Bundesregierung")),
            (
                "the State Administration for Market Regulation said it had opened an investigation",
                Some("Chinesische Regierung"),
            ),
            ("Die chinesische Cyberspace-Behörde CAC hat den Kauf untersagt", Some("Chinesische Regierung")),
            ("The UK Business Secretary ordered the company to sell the plant", Some("Britische Regierung")),
            ("Texas Governor Greg Abbott banned the app from state-issued devices", Some("US-Bundesstaat Texas")),
            ("A Tennessee law that would have banned the app", Some("US-Bundesstaat Tennessee")),
            ("Investoren aus Staaten außerhalb der EU", None),
            ("in response to Washington’s latest curbs", None),
            ("Die Zukunft des Unternehmens ist ungewiss", None),
            // A state's name alone is no authority.
            ("Texas Instruments said sales fell", None),
        ];
        for (s, want) in cases {
            assert_eq!(authority(&s.to_lowercase()), want, "{s}");
        }
        assert_eq!(GATE.always, 0, "every authority's wording has literals to gate on");
    }

    #[test]
    fn a_bare_body_takes_the_country_of_its_context() {
        let bare = |s: &str| match named(&s.to_lowercase()) {
            Some(Named::Bare(d)) => d,
            other => panic!("{s}: {other:?}"),
        };
        let commerce = bare("Zuletzt hatte das Handelsministerium im Februar zwei Firmen auf die Liste gesetzt.");
        assert_eq!(commerce, Some("US-Handelsministerium"));
        assert_eq!(resolve_bare(commerce, None), Some("US-Handelsministerium"));
        assert_eq!(resolve_bare(commerce, Some("Chinesische Regierung")), Some("Chinesische Regierung"));
        assert_eq!(resolve_bare(commerce, Some("US-Präsident")), Some("US-Handelsministerium"));
        let department = bare("The department has added more than 140 entities.");
        assert_eq!(resolve_bare(department, None), None);
        assert_eq!(resolve_bare(department, Some("US-Handelsministerium")), Some("US-Handelsministerium"));
    }

    #[test]
    fn compatible_authorities() {
        assert!(compatible(Some("US-Regierung"), Some("US-Handelsministerium")));
        assert!(compatible(None, Some("US-Präsident")));
        assert!(!compatible(Some("US-Präsident"), Some("US-Handelsministerium")));
        assert!(!compatible(Some("US-Regierung"), Some("Chinesische Regierung")));
        assert!(compatible(Some("Europäische Union"), Some("EU-Kommission")));
        assert!(!compatible(Some("US-Regierung"), Some("US-Bundesstaat Texas")));
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(label("US-Handelsministerium", false), "US-Handelsministerium");
        assert_eq!(label("US-Handelsministerium", true), "US Commerce Department");
        assert_eq!(label("US-Bundesstaat Texas", true), "State of Texas");
        assert_eq!(label("Unbekannt", true), "Unbekannt");
    }
}
