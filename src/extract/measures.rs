//! Measures recognised from the wording of a sentence: which kinds of restriction (or
//! reaction) it reports, who imposed it, and what it says about its standing. The cue
//! tables below are the whole of the knowledge: German and English phrasings, matched
//! on the lowercased sentence. Nothing here knows an article or a company.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

use crate::model::{MeasureKind, Status};

/// One kind of measure a sentence reports, with where the wording was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub kind: MeasureKind,
    /// Byte range in the lowercased sentence (same offsets as the original for the
    /// letters this crate lowercases; used only to place dates and targets).
    pub span: Range<usize>,
}

/// Words that make a restriction out of a noun phrase ("App Store" + "verboten").
const RESTRICTING: &str = r"keine\s+(?:\S+\s+){0,5}?mehr|verbot|verbiet|verboten|verbann|untersag|unterbunden|unterbind|gesperrt|sperr|entfern|beschränk|eingeschränkt|keine\s+möglichkeit|nicht\s+mehr|ausgeschlossen|ausschluss|\bban|prohibit|barred|\bbars?\b|block|restrict|remov|no\s+longer|not\s+allowed|exclud|rip\s+and\s+replace|phase\w*\s+out";

/// (kind, pattern, needs): the pattern finds the wording; `needs`, when set, must also
/// match somewhere in the sentence.
const CUES: &[(MeasureKind, &str, Option<&str>)] = &[
    // Sales bans: "Verkaufsverbot", "den Verkauf von X-Produkten ... zu verbieten".
    (
        MeasureKind::SalesBan,
        r"verkaufsverbot\w*|vertriebsverbot\w*|verkaufsstopp|einfuhrverbot\w*|importverbot\w*|einfuhrstopp|importstopp|(?:nicht\s+mehr|keine\w*\s+(?:\S+\s+){0,4}?mehr)\s+(?:\S+\s+){0,3}?verkauft\s+werden",
        None,
    ),
    (
        MeasureKind::SalesBan,
        r"\bverkauf(?:s|en)?\b(?:\W+\S+){0,16}?\W+(?:zu\s+)?(?:verbiet\w*|verboten|untersag\w*|gestoppt)",
        None,
    ),
    (MeasureKind::SalesBan, r"(?:verbot|verbiet\w*|untersagt\w*)\s+(?:\S+\s+){0,3}?(?:den\s+)?verkauf", None),
    (
        MeasureKind::SalesBan,
        r"(?:produkte?n?|software|programme?n?|geräte?n?)\b\s+(?:\S+\s+){0,3}?zu\s+verbieten",
        None,
    ),
    (
        MeasureKind::SalesBan,
        r"verbot\w*\s+(?:der|von|des|für)\s+(?:\S+\s+){0,2}?\S*(?:software|produkte?n?|programme?n?|geräte?n?)\b",
        None,
    ),
    (
        MeasureKind::SalesBan,
        r"\bsales?\s+ban|\bban\w*\s+(?:on\s+)?(?:the\s+)?sales?\b|prohibit\w*\s+(?:the\s+)?sales?\b|barred\s+from\s+selling|\bban\w*\s+(?:\S+\s+){0,4}?(?:products|software|devices|equipment|approvals?|imports?|cameras|sales?)\b",
        None,
    ),
    // Transaction bans.
    (MeasureKind::TransactionBan, r"transaktionsverbot\w*|zahlungsverbot\w*|handelsverbot\w*|geschäftsverbot\w*", None),
    (
        MeasureKind::TransactionBan,
        r"gesch[äa]fte?n?\s+mit\b(?:\W+\S+){0,12}?\W+(?:verbot\w*|verbiet\w*|untersag\w*)",
        None,
    ),
    (
        MeasureKind::TransactionBan,
        r"(?:transaktion\w*|finanztransaktion\w*|zahlung\w*|überweisung\w*|handel)\b(?:\W+\S+){0,8}?\W+(?:verbot\w*|verbiet\w*|untersag\w*|unterbunden|blockiert)",
        None,
    ),
    (
        MeasureKind::TransactionBan,
        r"(?:verbiet\w*|verbot\w*|untersag\w*)\s+(?:\S+\s+){0,6}?(?:den\s+)?(?:handel|transaktion\w*|finanztransaktion\w*|gesch[äa]fte)",
        None,
    ),
    (
        MeasureKind::TransactionBan,
        r"(?:\bban\w*|prohibit\w*|\bbar\w*|block\w*)\s+(?:\S+\s+){0,4}?(?:transactions?|business\s+with|dealings|payments?)\b|(?:transactions?|dealings)\s+with\b(?:\W+\S+){0,8}?\W+(?:\bban\w*|prohibit\w*|barred|blocked)",
        None,
    ),
    // Entity lists.
    (
        MeasureKind::EntityList,
        r"schwarze\w*\s+liste|entity[\s-]list|handelsliste|exportliste|sanktionsliste|unverified\s+list|blacklist\w*|unzuverlässige\w*\s+(?:unternehmen|einheiten)|unreliable\s+entit\w*|auf\s+(?:die|eine)\s+(?:\S+\s+){0,3}?(?:liste|list)\s+(?:\S+\s+){0,2}?(?:gesetzt|aufgenommen)|covered\s+list|added\s+(?:\S+\s+){0,6}?to\s+(?:the|its|a)\s+(?:\S+\s+){0,2}?list",
        None,
    ),
    // Sanctions on people.
    (
        MeasureKind::SanctionsIndividuals,
        r"(?:sanktion\w*|maßnahme\w*|massnahme\w*)\s+gegen\s+(?:\S+\s+){0,3}?(?:manager\w*|führungskr\w*|chef\w*|vorst\w*|personen|mitarbeiter\w*|führung\w*|gründer\w*|eigentümer\w*|oligarch\w*|executives?|officials?|individuals?|leaders?|managers?)\b",
        None,
    ),
    (
        MeasureKind::SanctionsIndividuals,
        r"sanction\w*\s+(?:\S+\s+){0,6}?(?:executives?|officials?|individuals|managers?|leaders?|founders?|chief|ceo|officers?)\b|(?:executives|officials|managers)\s+(?:\S+\s+){0,4}?(?:were|was|have\s+been)\s+sanctioned",
        None,
    ),
    // Sanctions in general.
    (
        MeasureKind::Sanctions,
        r"sanktion\w*|sanction\w*|vermögen\w*\s+(?:\S+\s+){0,5}?eingefroren|assets?\s+(?:\S+\s+){0,3}?frozen|froze\s+(?:\S+\s+){0,3}?assets|freez\w*\s+(?:\S+\s+){0,3}?assets",
        None,
    ),
    // Export controls and licence requirements.
    (
        MeasureKind::ExportControl,
        r"export\w*kontroll\w*|ausfuhr\w*kontroll\w*|exportverbot\w*|ausfuhrverbot\w*|exportbeschränk\w*|ausfuhrbeschränk\w*|exportgenehmigung\w*|ausfuhrgenehmigung\w*|exportlizenz\w*|ausfuhrlizenz\w*|lizenzpflicht\w*|genehmigungspflicht\w*|exportregel\w*|exportstopp|lieferverbot\w*",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"nur\s+(?:noch\s+)?mit\s+(?:einer\s+)?(?:\S+\s+)?(?:erlaubnis|genehmigung|lizenz)\b(?:\W+\S+){0,8}?\W+(?:ausland|exportiert|ausgeführt|verkauft|geliefert)",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"(?:\bban\w*|barred|prohibit\w*)\s+(?:\S+\s+){0,4}?from\s+(?:selling|exporting|shipping|supplying)\s+(?:\S+\s+){0,6}?to\b|denial\s+order|export\s+privileges",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"export\s+curbs?|curbs?\s+on\s+(?:\S+\s+){0,4}?(?:exports?|shipments?|sales?\s+to\s+china)|restrictions?\s+on\s+(?:\S+\s+){0,4}?exports?|(?:export|ausfuhr)\w*\s+(?:\S+\s+){0,8}?(?:beschränkt|eingeschränkt|untersagt|verboten)\b|lieferstopp\w*|(?:untersag\w*|verbiet\w*|verbot\w*)\s+(?:\S+\s+){0,10}?(?:auszuführen|zu\s+exportieren)\b",
        None,
    ),
    (
        MeasureKind::Sanctions,
        r"\bdesignat\w*\s+(?:\S+\s+){0,8}?(?:under|pursuant|for\s+sanctions)|specially\s+designated|\bsdn\s+list",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"export\s+controls?|export\s+ban|export\s+restrictions?|export\s+licen[cs]es?|licen[cs]e\s+requirements?|requir\w*\s+(?:a\s+)?(?:\S+\s+){0,2}?licen[cs]es?|need\w*\s+(?:a\s+)?(?:\S+\s+){0,2}?licen[cs]es?|licen[cs]es?\s+to\s+export|foreign\s+direct\s+product\s+rule",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"(?:dürfen|darf|dürfe)\s+(?:\S+\s+){0,8}?(?:nicht\s+|keine\s+(?:\S+\s+){0,6}?)mehr\s+(?:\S+\s+){0,4}?(?:liefern|exportieren|ausführen|verkaufen|geliefert|exportiert|ausgeführt)|(?:can|may)\s+no\s+longer\s+(?:\S+\s+){0,3}?(?:export|ship|sell)\s+(?:\S+\s+){0,4}?to\s+china",
        None,
    ),
    // Forced sales and divestitures.
    (
        MeasureKind::ForcedSale,
        r"zwangsverkauf\w*|rückabwick\w*|rückabgewickelt|rückgängig\s+gemacht|veräußerungspflicht|verkaufspflicht|kein\s+eigentum\s+mehr",
        None,
    ),
    (
        MeasureKind::ForcedSale,
        r"(?:\bmuss|müsse|müssen)\s+(?:\S+\s+){0,8}?(?:verkaufen|veräußern|abstoßen|abspalten|abgeben)\b|gezwungen\b(?:\W+\S+){0,8}?\W+(?:zu\s+)?(?:verkaufen|veräußern)|(?:verkaufen|veräußern)\s+(?:muss|müsse|müssen)\b|(?:angewiesen|aufgefordert|verpflichtet|zwingt|zwang)\b(?:\W+\S+){0,12}?\W+(?:zu\s+)?(?:verkaufen|veräußern|abzugeben|abzustoßen)\b|zum\s+verkauf\s+(?:\S+\s+){0,4}?(?:gezwungen|verpflichtet|aufgefordert)|(?:zwingt|zwang)\s+(?:\S+\s+){0,4}?zum\s+verkauf",
        None,
    ),
    (
        MeasureKind::ForcedSale,
        r"\d+\s+(?:days|months)\s+to\s+(?:sell|divest)|\bsell\s+(?:\S+\s+){0,6}?or\s+face\s+(?:a\s+)?(?:\S+\s+)?ban|verkauf\w*\s+(?:\S+\s+){0,6}?oder\s+(?:\S+\s+){0,3}?verbot|divest\w*|forced\s+(?:sale|to\s+sell)|must\s+(?:\S+\s+){0,4}?sell\b|order\w*\s+(?:\S+\s+){0,4}?to\s+(?:sell|divest)\b|unwind\w*|sell[\s-]or[\s-]ban|ban[\s-]or[\s-]sell|verkauf\w*\s+oder\s+verbot|order\w*\s+(?:\S+\s+){0,4}?(?:the\s+)?(?:dissolution|winding[\s-]up|liquidation)\b|order\w*\s+(?:\S+\s+){0,6}?to\s+(?:wind\s+up|dissolve|liquidate)\b|(?:dissolution|winding[\s-]up|liquidation)\s+order|(?:ordnete|ordnet|angeordnet\w*|anordnung)\s+(?:\S+\s+){0,6}?(?:auflösung|abwicklung|liquidation)|(?:auflösung|abwicklung|liquidation)\s+(?:\S+\s+){0,8}?(?:angeordnet|anordnen|verfügt)",
        None,
    ),
    // Data deletion orders.
    (
        MeasureKind::DataDeletion,
        r"daten\b(?:\W+\S+){0,8}?\W+(?:vernichten|löschen|zerstören|vernichtet|gelöscht|zerstört)\b|löschung\s+(?:\S+\s+){0,3}?daten|datenlöschung|(?:delete|destroy|erase)\w*\s+(?:\S+\s+){0,5}?data\b",
        None,
    ),
    // App store bans.
    (
        MeasureKind::AppStoreBan,
        r"app[\s-]?stores?\b|appstores?\b|play[\s-]store|google\s+play|app-läden",
        Some(RESTRICTING),
    ),
    // Hosting, CDN, peering and other services.
    (
        MeasureKind::ServiceBan,
        r"hosting\w*|content[\s-]delivery|\bcdns?\b|peering\w*|cloud-dienst\w*|cloud\s+services?|rechenzentr\w*|dienstleister\w*",
        Some(RESTRICTING),
    ),
    // Bans on government use.
    (
        MeasureKind::GovernmentUseBan,
        r"bundesbehörden|behördenrechner\w*|regierungs\w*geräte\w*|dienstgerät\w*|diensthandys?|staatliche\w*\s+(?:netz\w*|geräte\w*|stellen|rechner\w*)|öffentliche\w*\s+verwaltung|federal\s+(?:agenc\w*|computers|government\s+devices)|government\s+(?:devices|computers|phones|agencies)",
        Some(r"verbann|verbot|verbiet|untersag|entfern|gesperrt|nicht\s+mehr|\bban|prohibit|remov|barred"),
    ),
    // Exclusion from networks (5G, core networks).
    (
        MeasureKind::NetworkBan,
        r"\b5g\b|mobilfunk\w*|kernnetz\w*|telekommunikationsnetz\w*|netzausbau|funknetz\w*|\bnetzen\b|telecom\w*\s+networks?|core\s+networks?",
        Some(
            r"keine\s+(?:\S+\s+){0,5}?mehr|ausschluss|ausgeschlossen|ausschließ|verbann|verbot|verbiet|untersag|entfern|kritische\w*\s+komponent|rip\s+and\s+replace|\bban|exclud|remov|phase\w*\s+out",
        ),
    ),
    // Investment reviews and blocked acquisitions.
    (
        MeasureKind::InvestmentReview,
        r"cfius-prüfung|investitionsprüfung\w*|investitionskontroll\w*|außenwirtschaftsprüfung|übernahme\w*\s+(?:\S+\s+){0,14}?(?:untersagt|blockiert|gestoppt|verboten)|(?:untersagt\w*|blockiert\w*|stoppt\w*|verbietet)\s+(?:\S+\s+){0,6}?übernahme|investment\s+review|national[\s-]security\s+review|blocked\s+(?:\S+\s+){0,3}?(?:acquisition|takeover|merger)|(?:acquisition|takeover|merger)\s+(?:\S+\s+){0,4}?(?:was\s+)?blocked",
        None,
    ),
    // Generic bans and restrictions.
    (
        MeasureKind::Ban,
        r"\bverbot\w*|\bverbiet\w*|\bverboten\b|verbann\w*|untersag\w*|\bgesperrt\b|\bsperre\b|beschränkung\w*|einschränkung\w*|\bbans?\b|\bbanned\b|\bbanning\b|prohibit\w*|\bbarred\b|restrictions?\b|embargo\w*",
        None,
    ),
    // Official warnings (counted only with an authority in the sentence).
    (
        MeasureKind::Warning,
        r"\bgewarnt\b|\bwarnt\b|\bwarnte\w*|\bwarnung\w*|\bwarned\b|\bwarns\b|\bwarning\b|\badvisory\b",
        None,
    ),
    // Reactions: lawsuits, market exits, layoffs.
    (
        MeasureKind::Lawsuit,
        r"\bklag\w*|verklag\w*|vor\s+gericht|\brechtlich\s+(?:\S+\s+){0,4}?(?:vorgehen|vorzugehen|wehren|zu\s+wehren)\b|rechtliche\w*\s+(?:mittel|schritte)\w*|gerichtlich\w*|juristisch\w*|\bsue[sd]?\b|\bsuing\b|lawsuit\w*|legal\s+(?:action|challenge)|court\s+challenge|challeng\w*\s+(?:\S+\s+){0,6}?in\s+court|anfecht\w*|filed\s+(?:a\s+)?(?:suit|complaint)",
        None,
    ),
    (
        MeasureKind::MarketExit,
        r"(?:zieht|ziehen|zog)\s+sich\s+(?:\S+\s+){0,6}?zurück|zurückziehen|rückzug\s+(?:aus|vom)|(?:markt\w*|gesch[äa]ft\w*|aktivitäten)\s+(?:\S+\s+){0,7}?(?:einstellen|einzustellen|aufgeben|aufzugeben|beenden|zu\s+beenden|eingestellt)|\bgibt\s+(?:\S+\s+){0,3}?markt\w*\s+auf|(?:exit\w*|leav\w*|quit\w*|pull\w*\s+out\s+of)\s+(?:the\s+)?(?:\S+\s+)?market|wind\w*\s+down|cease\w*\s+(?:\S+\s+)?operations|shut\w*\s+down\s+(?:its\s+)?(?:\S+\s+)?(?:operations|business)",
        None,
    ),
    (
        MeasureKind::Layoffs,
        r"mitarbeiter\w*\s+(?:\S+\s+){0,5}?(?:kündigen|entlassen|gekündigt)|arbeitsplätze\s+(?:\S+\s+){0,3}?(?:abbauen|streichen|abgebaut|gestrichen)|stellen\s+(?:\S+\s+){0,3}?(?:streichen|abbauen|gestrichen)|stellenabbau|entlassung\w*|\blay\w*\s+off|layoffs?|job\s+cuts|cut\w*\s+(?:\S+\s+){0,3}?jobs",
        None,
    ),
];

/// Review verbs: with a measure in the sentence they make it a measure under review.
static REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\bprüft\b|\bprüfen\b|\bprüfe\b|erwägt|erwägen|erwog|\büberlegt|denkt\s+über|überprüf\w*|\buntersucht\b|untersuchung\w*\s+(?:\S+\s+){0,8}?eingeleitet|eingeleitet\w*\s+(?:\S+\s+){0,3}?untersuchung|\bconsider\w*|\bweigh\w*|\breview\w*|\bmull\w*|investigat\w*|\bprobe\b",
    )
});
/// The measures and dealings a review can be about, shared by the two patterns below.
const REVIEWABLE: &str = r"verbot|sanktion|gesch[äa]ft|aktivitäten|übernahme|maßnahme|beschränk|\bban\b|sanction|business|operations|restriction|acquisition";
/// What a review next to a named measure must be about to replace it: the reviewable
/// things, or a review or investigation itself.
static REVIEW_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(&format!("{REVIEWABLE}|untersuchung|investigat|probe|review")));
/// What a review with no measure named must be about to count: the reviewable things,
/// or an investigation that was opened.
static REVIEW_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(&format!(
        r"{REVIEWABLE}|untersuchung\w*\s+(?:\S+\s+){{0,8}}?eingeleitet|eingeleitet\w*\s+(?:\S+\s+){{0,3}}?untersuchung|opened\s+(?:an?\s+)?(?:\S+\s+)?(?:investigation|probe|review)"
    ))
});
/// A review that has ended: what the sentence reports followed from it.
static CONCLUDED_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\b(?:following|after|upon)\s+(?:an?\s+|the\s+|its\s+)?(?:\S+\s+){0,3}?(?:review|investigation|probe)\b|\b(?:nach|infolge)\s+(?:einer\s+|der\s+)?(?:\S+\s+){0,3}?(?:prüfung|überprüfung|untersuchung)\b|(?:review|investigation|prüfung|untersuchung)\s+(?:\S+\s+){0,3}?(?:concluded|completed|abgeschlossen)",
    )
});

fn is_review(kind: MeasureKind) -> bool {
    matches!(kind, MeasureKind::UnderReview | MeasureKind::InvestmentReview)
}

/// Modal wording that turns a measure into a possibility.
static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(r"\bkönnte\w*|\bwürde\w*|\bwäre\w*|\bhätte\w*|\bcould\b|\bmight\b|\bzu\s+können\b")
});
/// Wording of a breach of rules, which names sanctions without imposing any.
static BREACH: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"violat\w*\s+(?:\S+\s+){0,3}?(?:sanctions|export)|(?:sanktion\w*|export\w*)\s+(?:\S+\s+){0,4}?(?:verstoßen|verstößt|verstieß|umgangen|umgeht)|verstoß\w*\s+gegen\s+(?:\S+\s+){0,2}?(?:sanktion|export)|evad\w*\s+(?:\S+\s+){0,2}?sanctions|circumvent\w*",
    )
});
/// Definite reference to a measure already reported: "das Verbot", "die Sanktionen".
static ANAPHORIC: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\b(?:das|dem|den|die|der|des|diese[mnrs]?|dieses|the|this|these)\s+(?:\S+(?:e|en|er|es|em|al|ed|ing)\s+)?(?:verbot\w*|sanktion\w*|maßnahme\w*|massnahme\w*|verordnung|anordnung|verfügung|dekret\w*|entscheidung|beschränkung\w*|regelung|bans?|sanctions|measures?|order|decision|restrictions|rule|denial\s+order|listing)\b",
    )
});

/// A cue whose patterns are compiled when first searched: each thread compiles the cues
/// it meets first, and a cue no sentence can match is never compiled.
struct CompiledCue {
    kind: MeasureKind,
    pattern: &'static str,
    needs: Option<&'static str>,
    re: OnceLock<Regex>,
    needs_re: OnceLock<Option<Regex>>,
}

impl CompiledCue {
    fn re(&self) -> &Regex {
        self.re.get_or_init(|| super::pattern(self.pattern))
    }

    fn needs(&self) -> Option<&Regex> {
        self.needs_re.get_or_init(|| self.needs.map(super::pattern)).as_ref()
    }
}

static COMPILED: LazyLock<Vec<CompiledCue>> = LazyLock::new(|| {
    CUES.iter()
        .map(|(kind, pattern, needs)| CompiledCue {
            kind: *kind,
            pattern,
            needs: *needs,
            re: OnceLock::new(),
            needs_re: OnceLock::new(),
        })
        .collect()
});

/// Which cues can match a sentence, known from the literals every match of a cue starts
/// (or ends) with, as the regex parser extracts them: one scan of the sentence for all
/// of them replaces a search per cue, most of which find nothing. The scan reports
/// overlapping matches, which Aho-Corasick's DFA form runs about three times faster
/// than its default NFA over these literals.
struct CueGate {
    literals: AhoCorasick,
    /// Per literal, the cues (bits in [`CUES`] order) whose matches may start (or end)
    /// with it.
    opens: Vec<u64>,
    /// Cues whose matches start and end with no literal the parser can name: always
    /// searched.
    always: u64,
}

static GATE: LazyLock<CueGate> = LazyLock::new(|| {
    assert!(CUES.len() <= 64, "the cue gate holds 64 cues");
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut opens: Vec<u64> = Vec::new();
    let mut always = 0u64;
    for (i, (_, p, _)) in CUES.iter().enumerate() {
        let bit = 1u64 << i;
        let required = regex_syntax::parse(&super::pattern_source(p)).ok().and_then(|hir| required_literals(&hir));
        match required.as_ref().and_then(|seq| seq.literals()) {
            Some(lits) => {
                for l in lits {
                    match literals.iter().position(|known| known == l.as_bytes()) {
                        Some(j) => opens[j] |= bit,
                        None => {
                            literals.push(l.as_bytes().to_vec());
                            opens.push(bit);
                        }
                    }
                }
            }
            _ => always |= bit,
        }
    }
    let literals = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&literals)
        .unwrap_or_else(|e| panic!("cue literals: {e}"));
    CueGate { literals, opens, always }
});

/// Literals one of which every match of `hir` contains: those all matches start with or,
/// failing those, end with, taken for each alternative of a top-level alternation on its
/// own. `None` when some alternative has neither.
fn required_literals(hir: &Hir) -> Option<Seq> {
    let usable = |seq: &Seq| seq.literals().is_some_and(|l| !l.is_empty() && l.iter().all(|l| !l.is_empty()));
    let of = |hir: &Hir| {
        [ExtractKind::Prefix, ExtractKind::Suffix]
            .into_iter()
            .map(|kind| Extractor::new().kind(kind).extract(hir))
            .find(usable)
    };
    if let Some(whole) = of(hir) {
        return Some(whole);
    }
    let HirKind::Alternation(alternatives) = hir.kind() else { return None };
    let mut all = Seq::empty();
    for alternative in alternatives {
        all.union(&mut of(alternative)?);
    }
    usable(&all).then_some(all)
}

/// The cues (bits in [`CUES`] order) that may match `lower`.
fn possible_cues(lower: &str) -> u64 {
    let gate = &*GATE;
    let mut mask = gate.always;
    for m in gate.literals.find_overlapping_iter(lower) {
        mask |= gate.opens.get(m.pattern().as_usize()).copied().unwrap_or(u64::MAX);
    }
    mask
}

/// Word stems of which every cue contains at least one: a sentence with none of them
/// reports no measure, and most sentences of a long article are ruled out by this one
/// literal search before any cue runs. Plain substrings, searched with one
/// Aho-Corasick automaton (a DFA: the search runs on every sentence).
const TRIGGER_STEMS: &str = "verkauf|verbot|verbiet|auflös|abwickl|dissol|liquidat|verbann|untersag|sanktion|sanction|liste|list|export|ausfuhr|einfuhr|import|lizenz|licen|genehmig|erlaubnis|zwang|rückab|rückgängig|veräuß|divest|unwind|sell|daten|data|store|hosting|delivery|cdn|peering|cloud|rechenzentr|dienstleist|behörd|agenc|government|dienst|5g|netz|network|mobilfunk|übernahme|acquisition|takeover|merger|cfius|investition|investment|prüf|review|klag|gericht|rechtlich|court|sue|suing|lawsuit|legal|markt|market|rückzug|zurück|zieht|zog|mitarbeiter|arbeitsplätze|stellen|entlass|lay|job|warn|advisory|beschränk|einschränk|restrict|ban|prohibit|barred|block|gesperrt|sperre|embargo|transaktion|transaction|zahlung|payment|überweisung|gesch|business|dealing|handel|eigentum|vermögen|asset|frozen|freez|eingefroren|unterbunden|ausgeschlossen|ausschl|exclud|remov|app|muss|müss|gezwungen|must|forced|aktivitäten|operations|wind|cease|shut|staatlich|federal|ministeri|maßnahme|massnahme|exit|leav|quit|pull|liefer|darf|dürf|keine|ship|china|jurist|wehr|challeng|anfecht|denial|privilege|regelung|order|rule|curb|designat|sdn|covered";

static TRIGGERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(TRIGGER_STEMS.split('|'))
        .unwrap_or_else(|e| panic!("trigger stems: {e}"))
});

fn is_generic(kind: MeasureKind) -> bool {
    matches!(kind, MeasureKind::Ban | MeasureKind::Sanctions)
}

/// What the wording of one sentence says about measures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentenceCues {
    /// The kinds reported, specific ones first in text order; a generic "ban" or
    /// "sanctions" only when nothing more specific was found.
    pub cues: Vec<Cue>,
    /// Every cue is a generic one referring back with a definite article ("das Verbot").
    pub anaphoric: bool,
    /// The sentence refers to a measure with a definite article ("The denial order takes
    /// effect", "Die Regelung tritt in Kraft"), whatever its kinds.
    pub definite: bool,
    /// A standing the sentence states outright.
    pub status: Option<Status>,
    /// A measure the sentence names was dropped as a possibility or a counterfactual
    /// ("wäre ... verboten gewesen"): the sentence tells of no measure, and its dates
    /// belong to none.
    pub hypothetical: bool,
}

/// Reads the kinds of measure a sentence reports. `lower` must be the lowercased
/// sentence.
pub fn read(lower: &str) -> SentenceCues {
    let mut found: Vec<Cue> = Vec::new();
    if TRIGGERS.is_match(lower) {
        let possible = possible_cues(lower);
        for (i, c) in COMPILED.iter().enumerate() {
            if possible & (1u64 << i) == 0 || found.iter().any(|f| f.kind == c.kind) {
                continue;
            }
            if let Some(needs) = c.needs() {
                if !needs.is_match(lower) {
                    continue;
                }
            }
            if let Some(m) = c.re().find(lower) {
                found.push(Cue { kind: c.kind, span: m.range() });
            }
        }
    }
    if found.is_empty() && REVIEW.is_match(lower) && REVIEW_TARGET.is_match(lower) {
        // "will die US-Geschäfte des Konzerns überprüfen": a review with no measure named.
        let span = REVIEW.find(lower).map(|m| m.range()).unwrap_or(0..0);
        return SentenceCues {
            cues: vec![Cue { kind: MeasureKind::UnderReview, span }],
            anaphoric: false,
            definite: false,
            status: Some(Status::UnderReview),
            hypothetical: false,
        };
    }
    // The standing is read only where a measure is named: a sentence that only states
    // one ("wurde ausgesetzt") matters next to a measure, and the extractor asks
    // `stated_status` itself there. Most sentences of a long article are spared it.
    if found.is_empty() {
        return SentenceCues::default();
    }
    let status = stated_status(lower);
    // A review that is over ("following a national security review") led to the measure
    // the sentence names; it is neither pending nor a measure of its own.
    let concluded = found.iter().any(|c| !is_review(c.kind)) && CONCLUDED_REVIEW.is_match(lower);
    if concluded {
        found.retain(|c| !is_review(c.kind));
    }
    // A measure under review is not (yet) the measure itself.
    if !concluded
        && REVIEW.is_match(lower)
        && REVIEW_OBJECT.is_match(lower)
        && !found.iter().all(|c| c.kind.is_reaction())
    {
        let span = REVIEW.find(lower).map(|m| m.range()).unwrap_or(0..0);
        let kind = if found.iter().any(|c| c.kind == MeasureKind::InvestmentReview) {
            MeasureKind::InvestmentReview
        } else {
            MeasureKind::UnderReview
        };
        return SentenceCues {
            cues: vec![Cue { kind, span }],
            anaphoric: false,
            definite: false,
            status: Some(Status::UnderReview),
            hypothetical: false,
        };
    }
    // A lawsuit names the measure it fights; the sentence reports the lawsuit.
    if found.iter().any(|c| c.kind == MeasureKind::Lawsuit) {
        found.retain(|c| c.kind.is_reaction());
    }
    // "violating U.S. sanctions", "gegen Sanktionen verstoßen": a breach, not a measure.
    found
        .retain(|c| !(matches!(c.kind, MeasureKind::Sanctions | MeasureKind::ExportControl) && BREACH.is_match(lower)));
    // Possibilities are not measures.
    let named = found.len();
    found.retain(|c| !is_hypothetical_near(lower, &c.span));
    let hypothetical = found.len() < named;
    // Warnings count only when an authority warns.
    if found.iter().any(|c| c.kind == MeasureKind::Warning) && authority(lower).is_none() {
        found.retain(|c| c.kind != MeasureKind::Warning);
    }
    // Specific kinds make the generic ones redundant.
    if found.iter().any(|c| !is_generic(c.kind) && !c.kind.is_reaction() && c.kind != MeasureKind::Warning) {
        found.retain(|c| !is_generic(c.kind));
    }
    if found.iter().any(|c| c.kind == MeasureKind::SanctionsIndividuals) {
        found.retain(|c| c.kind != MeasureKind::Sanctions);
    }
    if found.iter().any(|c| c.kind == MeasureKind::GovernmentUseBan) {
        found.retain(|c| c.kind != MeasureKind::SalesBan);
    }
    if found.iter().any(|c| c.kind == MeasureKind::Warning) {
        found.retain(|c| c.kind == MeasureKind::Warning || c.kind.is_reaction());
    }
    found.sort_by_key(|c| c.span.start);
    let anaphoric = !found.is_empty() && found.iter().all(|c| is_generic(c.kind)) && ANAPHORIC.is_match(lower);
    SentenceCues { cues: found, anaphoric, definite: ANAPHORIC.is_match(lower), status, hypothetical }
}

/// True if a modal verb stands within a few words before or after the cue, or earlier
/// in the cue's clause: the German auxiliary of a counterfactual stands second in its
/// clause and the participle last ("Investoren wäre es damit ab dem 15. März verboten
/// gewesen"), however many words lie between.
fn is_hypothetical_near(lower: &str, span: &Range<usize>) -> bool {
    let start = floor_boundary(lower, span.start);
    let end = floor_boundary(lower, span.end.min(lower.len()));
    let before: Vec<&str> = lower[..start].split_whitespace().rev().take(6).collect();
    let after: Vec<&str> = lower[end..].split_whitespace().take(4).collect();
    let window = format!("{} {}", before.into_iter().rev().collect::<Vec<_>>().join(" "), after.join(" "));
    if HYPOTHETICAL.is_match(&window) {
        return true;
    }
    let clause_start = lower[..start].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause: Vec<&str> = lower[clause_start..start].split_whitespace().rev().take(CLAUSE_WORDS).collect();
    HYPOTHETICAL.is_match(&clause.join(" "))
}

/// How far back in its clause a cue looks for the auxiliary of a counterfactual, in words.
const CLAUSE_WORDS: usize = 12;

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

static SUSPENDED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"ausgesetzt|aufgeschoben|auf\s+eis\s+gelegt|\bsuspend\w*|\bpaused\b|\bpostponed\b|verschoben|\bdelay\w*\s+(?:the\s+)?(?:enforcement|implementation)",
    )
});
static CHALLENGED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"einstweilige\w*\s+verfügung|gericht\w*\s+(?:\S+\s+){0,4}?(?:gestoppt|blockiert|ausgesetzt)|(?:gericht|richter)\w*\s+(?:\S+\s+){0,14}?(?:gestoppt|stoppte\w*|blockierte\w*|ausgesetzt|(?:setzte|setzten|setzt)\s+(?:\S+\s+){0,14}?aus(?:[.,;!]|$))|(?:judge|court)\s+(?:\S+\s+){0,3}?(?:block\w*|halt\w*|suspend\w*|stay\w*|paus\w*)|(?:blocked|halted|suspended|paused)\s+by\s+(?:a\s+)?(?:\S+\s+)?(?:judge|court)|injunction",
    )
});
static EXPIRED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"aufgehoben|zurückgenommen|ausgelaufen|außer\s+kraft|\blifted\b|\brevoked\b|\brescinded\b|\bexpired\b|removed\s+(?:\S+\s+){0,4}?from\s+(?:the|its)\s+(?:\S+\s+){0,2}?list|\blift(?:ed|ing|s)?\s+(?:the\s+)?(?:\S+\s+)?(?:restrictions|sanctions|ban)\b|von\s+der\s+(?:\S+\s+){0,2}?liste?\s+(?:gestrichen|genommen|entfernt)|(?:strich|streicht|nahm|nimmt)\s+(?:\S+\s+){0,6}?von\s+der\s+(?:\S+\s+){0,2}?liste?\b",
    )
});
static IN_FORCE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"in\s+kraft\s+getreten|gilt\s+seit|gelten\s+seit|(?:\bdürfen|\bdarf)\s+(?:\S+\s+){0,10}?(?:nur|nicht|keine)\b|(?:may|can)\s+no\s+longer|\b(?:are|is)\s+(?:now\s+)?(?:barred|banned|prohibited|forbidden)\b|took\s+effect|\bin\s+effect\b|wirksam\s+geworden|(?:\bwurde|\bwurden|\bhat\b|\bhatte|\bhatten|\bhaben\b)\s+(?:\S+\s+){0,25}?(?:verboten|verhängt|gesetzt|verbannt|untersagt|erlassen|eingeschränkt|gesperrt|aufgenommen|angeordnet|angewiesen|verpflichtet|eingefroren|unterzeichnet|beschränkt)\b|\bverbot\s|\bverhängte\b|\bverbannte\b|\buntersagte\b|\bsperrte\b|\bordnete\b|\bordered\b|\bhas\s+(?:\S+\s+)?(?:banned|imposed|added|blocked)|\bwere\s+(?:banned|added|sanctioned)|\bwas\s+(?:banned|added|sanctioned)|\bbanned\b|\bimposed\b|\bwerden\s+(?:\S+\s+){0,4}?eingefroren",
    )
});
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\bwill\b|\bwollen\b|\bplant\b|\bplanen\b|\bsoll\b|\bsollen\b|\bdroht\b|\bdrohen\b|angekündigt|ankündigte|\bkündigte\b|\bplans?\s+to\b|\bintends?\b|\bis\s+set\s+to\b|\bproposed\b|vorgeschlagen|\bwird\s+(?:\S+\s+){0,8}?(?:verbieten|verhängen|einführen|beschränken|setzen)\b",
    )
});

/// The standing a sentence states outright, if any.
/// `Some(Status::Challenged)` when the sentence says a court stopped something: read
/// for sentences that name no measure, so the wording of a court is looked for first.
pub fn court_ruling(lower: &str) -> Option<Status> {
    const COURT_WORDS: &[&str] = &["gericht", "richter", "verfügung", "judge", "court", "injunction"];
    (COURT_WORDS.iter().any(|w| lower.contains(w)) && CHALLENGED.is_match(lower)).then_some(Status::Challenged)
}

pub fn stated_status(lower: &str) -> Option<Status> {
    if CHALLENGED.is_match(lower) {
        Some(Status::Challenged)
    } else if SUSPENDED.is_match(lower) {
        Some(Status::Suspended)
    } else if EXPIRED.is_match(lower) {
        Some(Status::Expired)
    } else if IN_FORCE.is_match(lower) {
        Some(Status::InForce)
    } else if ANNOUNCED.is_match(lower) {
        Some(Status::Announced)
    } else {
        None
    }
}

/// (canonical authority, pattern) in order of precedence: the most specific first.
const AUTHORITIES: &[(&str, &str)] = &[
    (
        "Chinesische Regierung",
        r"chinesische\w*\s+(?:regierung|handelsministeri\w*|behörde\w*|führung)|(?:regierung|handelsministeri\w*|behörden?)\s+(?:in\s+)?(?:peking|beijing)|\bchinese\s+(?:government|authorities|commerce\s+ministry|ministry)|\bmofcom\b|\b(?:hatte|hat)\s+(?:china|peking)\b|\b(?:china|peking|beijing)\s+(?:hat|hatte|verhängt\w*|verbiet\w*|verbot|erl[äa]sst|erließ|kündigt\w*|setzt\w*|announced|imposed|banned|has|will|said|added)\b",
    ),
    (
        "US-Handelsministerium",
        r"handelsministeri\w*|handelsminister\w*|commerce\s+department|department\s+of\s+commerce|bureau\s+of\s+industry|commerce\s+secretary",
    ),
    ("US-Finanzministerium", r"finanzministeri\w*|finanzminister\w*|treasury|\bofac\b"),
    ("US-Heimatschutzministerium", r"heimatschutz\w*|homeland\s+security|\bdhs\b"),
    ("CFIUS", r"\bcfius\b|committee\s+on\s+foreign\s+investment"),
    (
        "FCC",
        r"\bfcc\b|federal\s+communications\s+commission|us-telekommunikationsbehörde|telekommunikationsbehörde\s+fcc",
    ),
    ("US-Justizministerium", r"justizministeri\w*|department\s+of\s+justice|\bdoj\b"),
    (
        "US-Verteidigungsministerium",
        r"verteidigungsministeri\w*|\bpentagon\b|department\s+of\s+defen[cs]e|defen[cs]e\s+department",
    ),
    (
        "US-Kongress",
        r"\bkongress\w*|\bcongress\w*|\bsenat\b|\bsenate\b|repräsentantenhaus|house\s+of\s+representatives",
    ),
    (
        "US-Präsident",
        r"präsident\w*|\btrump\w*|\bbiden\w*|\bdekret\w*|executive\s+orders?|weiße\w*\s+haus\w*|white\s+house|\bpresident\b",
    ),
    ("EU-Kommission", r"eu-kommission|europäische\w*\s+kommission|european\s+commission|\bbrüssel\b|\bbrussels\b"),
    ("Europäische Union", r"\beu\b|europäische\w*\s+union|european\s+union"),
    ("Bundesregierung", r"bundesregierung|bundesnetzagentur|bundesinnenminister\w*|\bbsi\b|german\s+government"),
    (
        "Britische Regierung",
        r"britische\w*\s+regierung|british\s+government|\buk\s+government|downing\s+street|großbritannien|\bbritain\b|regierung\s+in\s+london",
    ),
    ("Niederländische Regierung", r"niederländische\w*\s+regierung|dutch\s+government|\bden\s+haag\b|the\s+hague"),
    ("Französische Regierung", r"französische\w*\s+regierung|french\s+government"),
    ("Kanadische Regierung", r"kanadische\w*\s+regierung|canadian\s+government|\bkanada\b|\bcanada\b|\bottawa\b"),
    ("Japanische Regierung", r"japanische\w*\s+regierung|japanese\s+government|\bjapan\b|\btokio\b|\btokyo\b"),
    ("Indische Regierung", r"indische\w*\s+regierung|indian\s+government|\bindien\b|\bindia\b|neu-delhi|new\s+delhi"),
    (
        "Australische Regierung",
        r"australische\w*\s+regierung|australian\s+government|\baustralien\b|\baustralia\b|\bcanberra\b",
    ),
    ("Taiwanische Regierung", r"taiwanische\w*\s+regierung|taiwanese\s+government|\btaipeh\b|\btaipei\b"),
    (
        "Südkoreanische Regierung",
        r"südkoreanische\w*\s+regierung|south\s+korean\s+government|\bsüdkorea\b|\bsouth\s+korea\b|\bseoul\b",
    ),
    (
        "US-Regierung",
        r"us-regierung|us-behörden|regierung\s+in\s+washington|\bwashington\b|amerikanische\w*\s+regierung|\bu\.?s\.?\s+government|\bus\s+authorities|(?:biden|trump)\s+administration|\bthe\s+administration|\bdie\s+regierung\b|\bthe\s+government\b",
    ),
];

static AUTHORITY_RES: LazyLock<Vec<(&'static str, Regex)>> =
    LazyLock::new(|| AUTHORITIES.iter().map(|(name, p)| (*name, super::pattern(p))).collect());

/// Who imposed what the sentence reports, by the most specific authority it names.
pub fn authority(lower: &str) -> Option<&'static str> {
    AUTHORITY_RES.iter().find(|(_, re)| re.is_match(lower)).map(|(name, _)| *name)
}

/// True if `a` and `b` can be the same authority: equal, one unknown, or one the generic
/// "US-Regierung" and the other a US body.
pub fn authorities_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, _) | (_, None) => true,
        (Some(x), Some(y)) if x == y => true,
        (Some(x), Some(y)) => {
            let us = |s: &str| s.starts_with("US-") || s == "CFIUS" || s == "FCC";
            (x == "US-Regierung" && us(y)) || (y == "US-Regierung" && us(x))
        }
    }
}

/// The kind family: kinds of one family may describe one measure.
pub fn family(kind: MeasureKind) -> u8 {
    use MeasureKind::*;
    match kind {
        MarketExit | Layoffs => 1,
        Lawsuit => 2,
        Warning => 3,
        UnderReview | InvestmentReview => 4,
        SanctionsIndividuals => 5,
        _ => 0,
    }
}

#[cfg(test)]
mod tests;
