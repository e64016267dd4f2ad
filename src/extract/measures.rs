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
use smallvec::SmallVec;

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
const RESTRICTING: &str = r"keine\s+(?:\S+\s+){0,5}?mehr|verbot|verbiet|verboten|verbann|untersag|unterbunden|unterbind|gesperrt|sperr|entfern|beschränk|eingeschränkt|keine\s+möglichkeit|nicht\s+mehr|ausgeschlossen|ausschluss|\bban|prohibit|barred|\bbars?\b|block|restrict|remov|no\s+longer|not\s+allowed|must\s+not|exclud|rip\s+and\s+replace|phase\w*\s+out|verschw(?:and|unden|indet)|disappear\w*";

/// A company sanctioned together with its people: "sanctions on X and two of its
/// executives", "X, its chief executive Y and its sales director Z", "X und zwei seiner
/// Manager". Such a sentence reports sanctions on both.
const PEOPLE_BESIDE_THE_COMPANY: &str = r"(?:\band|\bund|,)\s+(?:\S+\s+){0,2}?(?:of\s+its|seine[rnms]?|ihre[rnms]?|dessen|deren)\s+(?:\S+\s+)?(?:executives|officers|directors|managers|führungskräfte\w*|manager\w*|vorstände\w*|chefs?|top-manager\w*)\b|\bits\s+(?:chief\s+executive|ceo|founder|chairman|president|(?:\S+\s+)?director)\b|\bsein\w*\s+(?:chef|gründer|vorstandschef|geschäftsführer)\b";

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
    (
        MeasureKind::TransactionBan,
        r"transaktionsverbot\w*|zahlungsverbot\w*|handelsverbot\w*|geschäftsverbot\w*|(?:dürfen|darf)\s+(?:\S+\s+){0,6}?nicht\s+(?:mehr\s+)?(?:\S+\s+){0,4}?investieren|nicht\s+(?:mehr\s+)?investieren\s+(?:dürfen|darf)|investitionen\s+in\s+(?:\S+\s+){0,4}?(?:verbiet\w*|verboten|untersag\w*)|(?:verbiet\w*|untersag\w*)\s+(?:\S+\s+){0,4}?investitionen|prohibit\w*\s+(?:\S+\s+){0,3}?from\s+(?:acquiring|investing|buying|holding)\s+(?:\S+\s+){0,3}?(?:equity|shares|stakes?|interests?|securities|investments?)|outbound\s+investment",
        None,
    ),
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
        r"(?:verbiet\w*|verbot\w*|untersag\w*),?\s+(?:\S+\s+){0,6}?(?:den\s+)?(?:handel|transaktion\w*|finanztransaktion\w*|\S*gesch[äa]fte)",
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
        r"schwarze\w*\s+liste|entity[\s-]list|end[\s-]user\s+list|handelsliste|exportliste|unverified\s+list|blacklist\w*|unzuverlässige\w*\s+(?:unternehmen|einheiten|entitäten)|liste\s+unzuverlässiger|unreliable\s+entit\w*|auf\s+(?:die|eine|seine|ihre|die\s+eigene)\s+(?:\S+\s+){0,3}?[„“\x22]?(?:liste|list)\S*\s+(?:\S+\s+){0,8}?(?:gesetzt|aufgenommen)|covered\s+list|\b(?:added\s+(?:\S+\s+){0,16}?|add(?:s|ing)?\s+(?:\S+\s+){1,16}?)to\s+(?:the|its|a|their)\s+(?:\S+\s+){0,4}?list|\badded\s+(?:\S+\s+){0,16}?to\s+(?:the\s+)?annex\b|(?:'s|’s)\s+listing\b|\blisting\s+by\s+the\b|kontrollliste\w*",
        None,
    ),
    // Standing on a list an authority keeps: "führt X auf seiner Liste chinesischer
    // Militärunternehmen", "X bleibt auf der Liste", "X remains on the list", and a
    // designation by a quoted label of threat ("names X a \"Chinese military company\"").
    (
        MeasureKind::EntityList,
        r"\bführ(?:t|en|te|ten)\s+(?:\S+\s+){0,6}?auf\s+(?:seiner|ihrer|der|einer)\s+(?:\S+\s+){0,2}?[„“\x22]?liste\b|\bbleib\w*\s+(?:\S+\s+){0,4}?auf\s+(?:der|seiner|ihrer)\s+(?:\S+\s+){0,2}?[„“\x22]?liste\b|\bremain\w*\s+on\s+(?:the|its|a|that)\s+(?:\S+\s+){0,2}?list\b|\bnam(?:es|ed|ing)\s+(?:\S+\s+){1,4}?(?:an?|as\s+an?)\s+[„“\x22][^„“”\x22]{0,60}?(?:military|threat|security\s+risk|entit(?:y|ies))",
        None,
    ),
    // Sanctions on people.
    (
        MeasureKind::SanctionsIndividuals,
        r"(?:sanktion\w*|maßnahme\w*|massnahme\w*)\s+gegen\s+(?:\S+\s+){0,3}?[\w-]*(?:manager\w*|führungskr\w*|chef\w*|vorst\w*|personen|mitarbeiter\w*|führung\w*|gründer\w*|eigentümer\w*|oligarch\w*|executives?|officials?|individuals?|leaders?|managers?)\b",
        None,
    ),
    (
        MeasureKind::SanctionsIndividuals,
        r"sanction\w*\s+(?:\S+\s+){0,12}?(?:executives?|officials?|individuals|managers?|leaders?|founders?|chief|ceo|officers?)\b|(?:executives|officials|managers)\s+(?:\S+\s+){0,4}?(?:were|was|have\s+been)\s+sanctioned|einreiseverbot\w*|einreisesperre\w*|(?:visa|entry|travel)\s+bans?\b",
        None,
    ),
    (
        MeasureKind::SanctionsIndividuals,
        PEOPLE_BESIDE_THE_COMPANY,
        Some(r"sanktion|sanction|specially\s+designated|\bsdn\b|eingefroren|frozen|froze"),
    ),
    // Sanctions in general.
    (
        MeasureKind::Sanctions,
        r"sanktion\w*|sanction\w*|strafma(?:ß|ss)nahme\w*|vermögen\w*\s+(?:\S+\s+){0,5}?eingefroren|(?:bankguthaben|guthaben|konten|bankkonten)\s+(?:\S+\s+){0,12}?eingefroren|assets?\s+(?:\S+\s+){0,3}?frozen|froze\s+(?:\S+\s+){0,3}?assets|freez\w*\s+(?:\S+\s+){0,3}?assets|bereitstellungsverbot\w*|kontosperre\w*|asset\s+freeze|freezing\s+order|(?:friert|frieren|fror|froren)\s+(?:\S+\s+){0,8}?(?:gelder|vermögen\w*|guthaben|ressourcen)\b|gelder\s+(?:\S+\s+){0,12}?eingefroren|(?:freez\w*|froze|frozen)\s+(?:\S+\s+){0,4}?(?:funds|economic\s+resources)\b|(?:ofac|treasury|ofsi|fcdo|hm\s+treasury)\s+(?:\S+\s+){0,3}?designat\w*|designation\s+of\b|(?:has|have)\s+(?:also\s+)?been\s+designated|was\s+designated\s+(?:by|under|on)",
        None,
    ),
    // Export controls and licence requirements.
    (
        MeasureKind::ExportControl,
        r"export\w*kontroll\w*|ausfuhr\w*kontroll\w*|exportverbot\w*|ausfuhrverbot\w*|exportbeschränk\w*|ausfuhrbeschränk\w*|exportgenehmigung\w*|ausfuhrgenehmigung\w*|exportlizenz\w*|ausfuhrlizenz\w*|lizenzpflicht\w*|genehmigungspflicht\w*|exportregel\w*|exportstopp|lieferverbot\w*|ausfuhrsperre\w*|exportsperre\w*|liefersperre\w*",
        None,
    ),
    (
        MeasureKind::ExportControl,
        r"nur\s+(?:noch\s+)?mit\s+(?:einer\s+)?(?:\S+\s+)?(?:erlaubnis|genehmigung|lizenz)\b(?:\W+\S+){0,8}?\W+(?:ausland|exportiert|ausgeführt|verkauft|geliefert)",
        None,
    ),
    // Barred from selling to someone or from exporting at all ("barring X from
    // exporting"), denial orders, refused licences.
    (
        MeasureKind::ExportControl,
        r"(?:\bban\w*|barred|prohibit\w*)\s+(?:\S+\s+){0,4}?from\s+(?:selling|exporting|shipping|supplying)\s+(?:\S+\s+){0,6}?to\b|(?:\bban\w*|\bbar(?:s|red|ring)\b|prohibit\w*|forbid\w*)\s+(?:\S+\s+){0,4}?from\s+export\w*|denial\s+order|\btdos?\b|export\s+privileges|refus\w*\s+(?:\S+\s+){0,3}?(?:applications?|licen[cs]es?)\b|without\s+a\s+(?:\S+\s+)?licen[cs]e|cut\s+off\s+from\s+(?:\S+\s+){0,3}?(?:exports?|parts|technology|supplies|components|chips|software)\b",
        None,
    ),
    // Curbs and bans on exports: "export curbs", "verbot ... die Ausfuhr von X-Chips",
    // "a ban on exports of" (a ban on exports is an export control, not a generic ban).
    (
        MeasureKind::ExportControl,
        r"export\s+curbs?|curbs?\s+on\s+(?:\S+\s+){0,4}?(?:exports?|shipments?|sales?\s+to\s+china)|restrictions?\s+on\s+(?:\S+\s+){0,4}?exports?|(?:export|ausfuhr)\w*\s+(?:\S+\s+){0,8}?(?:beschränkt|eingeschränkt|untersagt|verboten)\b|lieferstopp\w*|(?:untersag\w*|verbiet\w*|verbot\w*)\s+(?:\S+\s+){0,10}?(?:auszuführen|zu\s+exportieren)\b|(?:untersag\w*|verbiet\w*|verbot|stoppt\w*)\s+(?:\S+\s+){0,6}?(?:die|den)\s+(?:ausfuhr|export)\w*\b|\b(?:ban\w*|halt\w*|stop\w*)\s+(?:on\s+)?(?:the\s+)?(?:\S+\s+){0,2}?exports?\s+of\b",
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
    // A licence needed or refused, in wording common in other senses ("benötigt",
    // "Anträge"): searched only where a licence or a refusal is written.
    (
        MeasureKind::ExportControl,
        r"(?:ausfuhr|export|lieferung)\w*\s+(?:\S+\s+){0,10}?(?:genehmigung|lizenz|erlaubnis)\w*\s+(?:\S+\s+){0,4}?(?:benötigt|braucht|brauchen|benötigen|nötig|erforderlich)\b|(?:braucht|benötigt|brauchen|benötigen)\s+(?:\S+\s+){0,12}?für\s+die\s+(?:ausfuhr|lieferung|export)|(?:anträge?|gesuche?)\s+(?:\S+\s+){0,12}?abgelehnt|(?:verweiger\w*|versagt\w*)\s+(?:\S+\s+){0,4}?\S*(?:lizenz|genehmigung)",
        Some(r"genehmigung|lizenz|erlaubnis|abgelehnt"),
    ),
    // Forced sales and divestitures.
    (
        MeasureKind::ForcedSale,
        r"zwangsverkauf\w*|rückabwick\w*|rückabgewickelt|rückgängig\s+gemacht|veräußerungspflicht|verkaufspflicht|kein\s+eigentum\s+mehr",
        None,
    ),
    (
        MeasureKind::ForcedSale,
        r"(?:\bmuss|müsse|müssen)\s+(?:\S+\s+){0,8}?(?:verkaufen|veräußern|abstoßen|abspalten|abgeben|abwickeln|auflösen)\b|gezwungen\b(?:\W+\S+){0,8}?\W+(?:zu\s+)?(?:verkaufen|veräußern)|(?:verkaufen|veräußern)\s+(?:muss|müsse|müssen)\b|(?:angewiesen|aufgefordert|verpflichtet|zwingt|zwang)\b(?:\W+\S+){0,12}?\W+(?:zu\s+)?(?:verkaufen|veräußern|abzugeben|abzustoßen|aufzugeben|aufzulösen|abzuwickeln)\b|zum\s+verkauf\s+(?:\S+\s+){0,4}?(?:gezwungen|verpflichtet|aufgefordert)|(?:zwingt|zwang)\s+(?:\S+\s+){0,4}?zum\s+verkauf|verkauf\w*\s+(?:\S+\s+){0,6}?(?:angeordnet|anordnete|verfügt)\b|(?:ordnete|ordnet)\s+(?:\S+\s+){0,6}?verkauf\w*\s+(?:\S+\s+){0,6}?an\b",
        None,
    ),
    (
        MeasureKind::ForcedSale,
        r"\d+\s+(?:days|months)\s+to\s+(?:sell|divest)|\bsell\s+(?:\S+\s+){0,6}?or\s+face\s+(?:a\s+)?(?:\S+\s+)?ban|verkauf\w*\s+(?:\S+\s+){0,6}?oder\s+(?:\S+\s+){0,3}?verbot|divest\w*|forced\s+(?:sale|to\s+sell)|must\s+(?:\S+\s+){0,4}?sell\b|(?:order\w*|requir(?:es|ed|ing)|compel\w*|direct(?:s|ed|ing)?|forc(?:es|ed|ing))\s+(?:\S+\s+){0,12}?to\s+(?:sell|divest)\b|(?:order\w*|requir(?:es|ed|ing)|forc(?:es|ed|ing))\s+(?:\S+\s+){0,3}?to\s+(?:reduce|cut|pare|sell\s+down)\s+(?:\S+\s+){0,6}?(?:stake|shareholding|holding|interest)\b|unwind\w*|sell[\s-]or[\s-]ban|ban[\s-]or[\s-]sell|verkauf\w*\s+oder\s+verbot|order\w*\s+(?:\S+\s+){0,4}?(?:the\s+)?(?:dissolution|winding[\s-]up|liquidation)\b|order\w*\s+(?:\S+\s+){0,6}?to\s+(?:wind\s+up|dissolve|liquidate)\b|(?:order\w*|requir(?:es|ed|ing))\s+(?:\S+\s+){0,8}?to\s+(?:close|shut\s+down|wind\s+up)\s+(?:its|their|the)\s+(?:\S+\s+){0,3}?(?:subsidiary|business|operations|unit|office|offices)\b|(?:dissolution|winding[\s-]up|liquidation)\s+order|(?:ordnete|ordnet|angeordnet\w*|anordnung)\s+(?:\S+\s+){0,6}?(?:auflösung|abwicklung|liquidation)|(?:auflösung|abwicklung|liquidation)\s+(?:\S+\s+){0,8}?(?:angeordnet|anordnen|verfügt)",
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
    // Downloads stopped or suspended: the app is taken out of the stores ("stoppte die
    // Downloads von X", "Downloads wurden ausgesetzt", "suspended new downloads of X").
    (
        MeasureKind::AppStoreBan,
        r"(?:stopp\w*|gestoppt|sperr\w*|gesperrt|untersag\w*|verbot\w*|verbiet\w*|blockier\w*)\s+(?:\S+\s+){0,6}?(?:neuen?\s+)?downloads?\b|downloads?\s+(?:\S+\s+){0,6}?(?:gestoppt|gesperrt|untersagt|verboten|blockiert|ausgesetzt)\b|(?:suspend\w*|halt\w*|block\w*|\bban\w*|stop\w*|paus\w*)\s+(?:\S+\s+){0,4}?(?:new\s+)?downloads?\b|downloads?\s+(?:\S+\s+){0,6}?(?:were|was|have\s+been|had\s+been)\s+(?:suspended|halted|blocked|banned|stopped|paused)\b",
        None,
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
        r"bundesbehörden|behördenrechner\w*|regierungs\w*geräte\w*|dienstgerät\w*|diensthandys?|dienstlich\w*\s+(?:geräte\w*|handys?|smartphones?|rechner\w*|laptops?)|dienststellen|geräte\w*\s+der\s+(?:bundes)?verwaltung|(?:smartphones|tablets|laptops|rechnern?|computern?|geräten?)\s+(?:\S+\s+){0,4}?der\s+\S*verwaltung|staatliche\w*\s+(?:netz\w*|geräte\w*|stellen|rechner\w*)|öffentliche\w*\s+verwaltung|behörden\s+(?:\S+\s+){0,6}?(?:einsatz|nutzung)|federal\s+(?:agenc\w*|computers|government\s+devices|employees)|government\s+(?:devices|computers|phones|agencies|networks)|(?:state|government)[\s-](?:issued|owned)\s+(?:devices|phones|computers|laptops)|work\s+(?:computers|devices|phones)|official\s+(?:devices|phones)|government\s+networks|government[\s-]funded\s+networks|federal\s+departments",
        Some(
            r"verbann|verbot|verbiet|untersag|entfern|gesperrt|nicht\s+mehr|no\s+longer|\bban|prohibit|remov|barred|must\s+not|block|tabu|lösch|delet|deinstall|uninstall|exclud|(?:stop|ceas)\w*\s+using",
        ),
    ),
    // A government body rids itself of a product: it has it removed ("Das
    // Verteidigungsministerium ließ alle Kameras von X entfernen"), grounds its fleet of
    // them ("ließ seine Flotte von X-Drohnen am Boden") or tells its own people
    // not to use it ("the parliament told its members not to use X").
    (
        MeasureKind::GovernmentUseBan,
        r"(?:ministerium|behörde|regierung|parlament|verwaltung|bundeswehr|armee|pentagon)\w*\s+(?:\S+\s+){0,3}?(?:ließ|ließen|lässt|lassen)\s+(?:\S+\s+){0,8}?(?:entfernen|abbauen|abmontieren|austauschen|deinstallieren)\b|(?:parliament|congress|house|senate|ministry|department|government|agency|pentagon|military|army|navy|commission|council|bundestag)\s+(?:\S+\s+){0,3}?(?:told|tells|instructed|instructs|ordered|orders|asked|asks|directed|directs|advised|advises)\s+(?:its|all)\s+(?:\S+\s+){0,2}?(?:members|staff|employees|officials|lawmakers|servants|ministries|agencies|personnel|workers|departments)\s+(?:\S+\s+){0,2}?not\s+to\s+(?:use|install|download)\b|(?:flotte|fleet)\s+(?:\S+\s+){0,6}?am\s+boden|grounded\s+(?:\S+\s+){0,4}?fleet|grounding\s+(?:of\s+)?(?:\S+\s+){0,4}?fleet|(?:department|ministry|agency|pentagon|military|army|navy|forces)\s+(?:\S+\s+){0,2}?(?:removed|replaced|ripped\s+out|tore\s+out)\s+(?:\S+\s+){0,6}?from\s+(?:its|their|all)\s+(?:\S+\s+){0,2}?(?:sites|bases|offices|buildings|networks|facilities|premises)\b",
        None,
    ),
    // Exclusion from networks (5G, core networks).
    (
        MeasureKind::NetworkBan,
        r"\b5g\b|mobilfunk\w*|kernnetz\w*|telekommunikationsnetz\w*|netzausbau|funknetz\w*|\bnetzen\b|telecom\w*\s+networks?|core\s+networks?",
        Some(
            r"keine\s+(?:\S+\s+){0,5}?mehr|nicht\s+mehr|ausschluss|ausgeschlossen|ausschließ|verbann|verbot|verbiet|untersag|entfern|kritische\w*\s+komponent|rip\s+and\s+replace|\bban|exclud|remov|phase\w*\s+out|strip\w*\s+(?:\S+\s+){0,4}?(?:out|from)|tear\w*\s+out|rip\w*\s+out",
        ),
    ),
    // Procurement bans: buyers told to stop buying a company's products.
    (
        MeasureKind::ProcurementBan,
        r"beschaffungsverbot\w*|(?:stop|cease|halt)\w*\s+(?:\S+\s+){0,2}?(?:buying|purchasing|procuring|sourcing)\b|\b(?:may|can|must)\s+not\s+(?:buy|purchase|procure)\b|\bno\s+longer\s+(?:buy|purchase|procure)\b|\bprocurement\s+ban|barr(?:ed|ing|s)\s+(?:\S+\s+){0,6}?from\s+(?:buying|purchasing|procuring)\b",
        None,
    ),
    (
        MeasureKind::ProcurementBan,
        r"(?:dürfen|darf|durften|durfte)\s+(?:\S+\s+){0,10}?(?:nicht\s+mehr|keine\s+(?:\S+\s+){0,12}?mehr|nicht)\s+(?:\S+\s+){0,3}?(?:kaufen|beschaffen|einkaufen|anschaffen|erwerben)\b",
        Some(r"kaufen|beschaffen|anschaffen|erwerben"),
    ),
    (
        MeasureKind::ProcurementBan,
        r"(?:kauf|einkauf|beschaffung)\s+von\s+(?:\S+\s+){0,3}?\S*(?:produkt|gerät|komponent|chip|technik|ausrüstung|software|batterie|kamera|drohne)\w*\s+(?:\S+\s+){0,8}?(?:untersagt|verboten)",
        Some(r"untersagt|verboten"),
    ),
    (
        MeasureKind::LicenceRevocation,
        r"(?:revok\w*|revocation|rescind\w*|cancel\w*)\s+(?:of\s+)?(?:\S+\s+){0,6}?(?:licen[cs]es?|authori[sz]ations?|authority\s+to\s+(?:provide|operate|offer)|permits?|certificat\w*|operating\s+rights?)\b|(?:licen[cs]e|authori[sz]ation|permit)\s+(?:\S+\s+){0,4}?(?:was\s+|were\s+|been\s+)?(?:revoked|cancell?ed|rescinded)|\S*(?:lizenz|erlaubnis|zulassung|genehmigung)\w*\s+(?:\S+\s+){0,6}?(?:entzogen|entziehen|widerrufen)|(?:entz(?:og|ieht|iehen)|widerr(?:uf|ief|ufen))\w*\s+(?:\S+\s+){0,6}?(?:lizenz|betriebserlaubnis|zulassung|betriebsgenehmigung)\w*|lizenzentzug|\bthe\s+revocation\b|\bder\s+widerruf\b|(?:stop|cease)\w*\s+(?:providing|offering|operating)\s+(?:\S+\s+){0,3}?services?|block\w*\s+(?:\S+\s+){0,4}?from\s+(?:offering|providing|operating)\b",
        None,
    ),
    // Duties on a company's goods: named duties in the plural or singular ("Strafzoll",
    // "Ausgleichszoll"), a duty with its rate or object ("ein Zoll von 17 Prozent",
    // "customs duty", "imposed a duty on ... parcels").
    (
        MeasureKind::Tariff,
        r"countervailing\s+dut\w*|anti-?dumping|anti-?subsidy\s+dut\w*|(?:straf|ausgleichs|antidumping|schutz|zusatz|sonder)(?:zöll|zoll)\w*|\btariffs?\s+(?:of|on)\b|(?:import|extra|additional|punitive|definitive|provisional|customs)\s+(?:dut(?:y|ies)|tariffs?)\b|\bz(?:ölle|oll)\s+(?:von|auf|in\s+höhe)|(?:impos\w*|levy|levies|levied|levying|charg\w*|slap\w*)\s+(?:an?\s+|the\s+)?(?:\S+\s+){0,2}?dut(?:y|ies)\s+on\b|\bdut(?:y|ies)\s+of\s+(?:up\s+to\s+)?\d|will\s+pay\s+an\s+extra\s+\d",
        None,
    ),
    // Investment reviews and blocked acquisitions.
    (
        MeasureKind::InvestmentReview,
        r"cfius-prüfung|investitionsprüf\w*|verkauf\w*\s+(?:\S+\s+){0,8}?an\s+(?:einen|eine|den|die)\s+(?:\S+\s+){0,2}?\S*(?:investor|käufer|konzern|unternehmen|firma|bieter)\w*\s+(?:\S+\s+){0,6}?(?:untersagt|verboten|blockiert|gestoppt)\b|investitionskontroll\w*|außenwirtschaftsprüfung|teiluntersagung\w*|(?:untersag\w*|blockiert\w*|verbiet\w*|verbot)\s+(?:\S+\s+){0,3}?(?:den\s+|die\s+)?(?:erwerb|einstieg|anteilskauf)\b|(?:erwerb|einstieg|anteilskauf)\s+(?:\S+\s+){0,10}?(?:untersagt|blockiert|verboten|gestoppt)\b|(?:block\w*|barred)\s+(?:\S+\s+){0,6}?from\s+(?:acquiring|buying\s+(?:a\s+)?(?:stake|control))\b|cleared\s+(?:\S+\s+){0,8}?(?:takeover|acquisition|merger|deal|bid|purchase)\b|(?:takeover|acquisition|merger|deal|bid)\s+(?:\S+\s+){0,10}?subject\s+to\s+(?:\S+\s+)?conditions|(?:übernahme|erwerb|einstieg|verkauf|kauf)\w*\s+(?:\S+\s+){0,20}?(?:mit|unter)\s+auflagen|(?:mit|unter)\s+auflagen\s+(?:\S+\s+){0,6}?(?:genehmigt|freigegeben|erlaubt)|(?:stoppt\w*|untersagt\w*|blockiert\w*|verbot|verbietet)\s+(?:\S+\s+){0,4}?(?:den\s+)?verkauf\s+(?:\S+\s+){0,10}?an\s+(?:einen|eine|den|die)\s+(?:\S+\s+){0,2}?\S*(?:investor|käufer|konzern|unternehmen|firma|bieter)|national\s+security\s+and\s+investment\s+act|block\w*\s+(?:\S+\s+){0,6}?bid\b|übernahme\w*\s+(?:\S+\s+){0,14}?(?:untersagt|blockiert|gestoppt|verboten)|(?:untersagt\w*|blockiert\w*|stoppt\w*|verbietet)\s+(?:\S+\s+){0,6}?übernahme|investment\s+review|investment[\s-]screening\s+review|national[\s-]security\s+review|blocked\s+(?:\S+\s+){0,3}?(?:acquisition|takeover|merger|purchase|investment)|prohibit\w*\s+(?:\S+\s+){0,3}?(?:acquisition|takeover|merger|purchase)\s+of\b|(?:acquisition|takeover|merger)\s+(?:\S+\s+){0,4}?(?:was\s+)?blocked",
        None,
    ),
    // Generic bans and restrictions.
    (
        MeasureKind::Ban,
        r"verbot\w*|\bverbiet\w*|\bverboten\b|verbann\w*|untersag\w*|\bgesperrt\b|sperre\w*|\bsperr(?:en|t|te|ten)\b|beschränkung\w*|einschränkung\w*|\bblock(?:ed|ing)\b|\bblocks\s+(?:access|the|a|an)\b|\brestrict(?:s|ed|ing)\b|\bblockier(?:t|te|ten|en)\b|\beingeschränkt\b|\bschränk(?:t|te|ten)\s+(?:\S+\s+){0,8}?ein\b|\btabu\b|\bbans?\b|\bbanned\b|\bbanning\b|prohibit\w*|\bbarred\b|restrictions?\b|embargo\w*|\b(?:a|the)\s+(?:\S+\s+)?block\s+on\b|(?:slow\w*\s+down|throttl\w*)\s+(?:\S+\s+){0,3}?traffic\b",
        None,
    ),
    // An order to block or to close down: "ordered telecoms companies to block X",
    // "ordered X to block its chatbot", "ordnete an, dass X sein Geschäft in Kanada
    // einstellen muss", "ordered X to cease operations". An exit a government orders is
    // its measure, not the company's own reaction.
    (
        MeasureKind::Ban,
        r"(?:order\w*|instruct\w*|direct(?:s|ed|ing)|told|tells|requir(?:es|ed|ing)|forc(?:es|ed|ing))\s+(?:\S+\s+){0,6}?to\s+(?:block|ban|suspend|shut\s+down|cease|wind\s+down|close)\b|(?:ordnete|ordnet|angeordnet|anordnung|verfügte|verfügt|verpflichtet\w*|zwingt|zwang|gezwungen)\b(?:\W+\S+){0,10}?\W+(?:gesch[äa]ft\w*|aktivitäten|betrieb\w*|tätigkeit\w*)\s+(?:\S+\s+){0,4}?(?:einstellen|einzustellen|aufgeben|aufzugeben|beenden|zu\s+beenden|schließen|zu\s+schließen)\b",
        None,
    ),
    // "dürfen ... nicht mehr verbaut werden": a ban whatever is forbidden. The long
    // pattern runs only where "mehr" is written (German prose is full of "darf").
    (
        MeasureKind::Ban,
        r"(?:dürfen|darf)\s+(?:\S+\s+){0,10}?(?:nicht\s+mehr|keine\s+(?:\S+\s+){0,8}?mehr)\s+(?:\S+\s+){0,3}?\w+(?:en|t)\b|(?:nicht\s+|keine\s+(?:\S+\s+){0,6}?)mehr\s+(?:\S+\s+){0,5}?\w+\s+(?:werden\s+)?(?:darf|dürfen)\b",
        Some(r"\bmehr\b"),
    ),
    // "is no longer allowed to": a ban whatever is forbidden. The pattern starts at
    // "longer" (a rare word to open the cue for), "no" is what it needs.
    (
        MeasureKind::Ban,
        r"\blonger\s+(?:be\s+)?(?:allowed|permitted)\s+to\b",
        Some(r"\bno\s+longer\s+(?:be\s+)?(?:allowed|permitted)"),
    ),
    // Official warnings (counted only with an authority in the sentence).
    (
        MeasureKind::Warning,
        r"\bgewarnt\b|\bwarnt\b|\bwarnte\w*|\bwarnung\w*|\bwarned\b|\bwarns\b|\bwarning\b|\badvisory\b",
        None,
    ),
    // Reactions: lawsuits (also an application for an interim order, "Antrag auf Erlass
    // einer einstweiligen Anordnung"), market exits, layoffs.
    (
        MeasureKind::Lawsuit,
        r"\bklag\w*|\bgeklagt\b|verklag\w*|vor\s+gericht|(?:beim|vor\s+dem|am)\s+\S*gericht\w*|eilantrag\w*|antrag\s+auf\s+(?:erlass\s+)?(?:einer\s+)?einstweilig\w*\s+(?:anordnung|verfügung|rechtsschutz)|einstweilig\w*\s+(?:anordnung|verfügung|rechtsschutz)\s+(?:\S+\s+){0,3}?beantragt|(?:beschwerde|berufung|revision)\s+(?:\S+\s+){0,3}?(?:eingelegt|einlegen|einzulegen)|\blegt\w*\s+(?:\S+\s+){0,3}?(?:beschwerde|berufung|revision)\s+ein\b|beantragt\w*\s+(?:\S+\s+){0,4}?\S*gericht|an(?:zu|ge)?fecht\w*|judicial\s+review|legal\s+remedies|(?:would|will|to|plans\s+to|intends\s+to)\s+appeal\b|\bappealed\s+(?:the|against)|filed\s+(?:an\s+)?appeal|\brechtlich\s+(?:\S+\s+){0,4}?(?:vorgehen|vorzugehen|wehren|zu\s+wehren)\b|rechtliche\w*\s+(?:mittel|schritte)\w*|gerichtlich\w*|juristisch\w*|\bsue[sd]?\b|\bsuing\b|lawsuit\w*|legal\s+(?:action|challenge)|court\s+challenge|challeng\w*\s+(?:\S+\s+){0,6}?in\s+(?:a\s+|the\s+)?(?:\S+\s+)?court|filed\s+(?:a\s+)?(?:suit|complaint)|filed\s+(?:an?\s+)?(?:annulment\s+|writ\s+)?(?:action|petition)|(?:ask\w*|petition\w*|urg\w*)\s+(?:\S+\s+){0,5}?to\s+(?:annul|overturn|set\s+aside|strike\s+down|quash|vacate)\b|(?:ask\w*|petition\w*)\s+(?:\S+\s+){0,3}?(?:court|circuit)\s+to\s+review|(?:rejected|dismissed|denied|refused|threw\s+out)\s+(?:\S+\s+){0,4}?(?:appeal|lawsuit|suit|challenge|complaint|petition|motion|(?:request|application)\s+for\s+(?:\S+\s+){0,3}?(?:stay|injunction|review))\b",
        None,
    ),
    (
        MeasureKind::MarketExit,
        r"(?:zieht|ziehen|zog)\s+sich\s+(?:\S+\s+){0,8}?zurück|(?:stellt|stellte|stellen|stellten)\s+(?:\S+\s+){0,3}?(?:den\s+)?(?:verkauf|vertrieb)\s+(?:\S+\s+){0,6}?ein\b|zurückziehen|rückzug\s+(?:aus|vom)|(?:markt\w*|gesch[äa]ft\w*|aktivitäten)\s+(?:\S+\s+){0,7}?(?:einstellen|einzustellen|aufgeben|aufzugeben|beenden|zu\s+beenden|eingestellt)|\bgibt\s+(?:\S+\s+){0,3}?markt\w*\s+auf|(?:exit\w*|leav\w*|quit\w*|pull\w*\s+out\s+of)\s+(?:the\s+)?(?:\S+\s+)?market|wind\w*\s+down|cease\w*\s+(?:\S+\s+)?operations|(?:exit\w*|leav\w*|withdraw\w*\s+from|pull\w*\s+out\s+of|quit\w*)\s+(?:russia|china|belarus|iran|the\s+country|the\s+us|the\s+united\s+states|europe|the\s+eu)\b|clos\w*\s+its\s+(?:\S+\s+)?(?:office|offices|operations|plant|factory)\b|stop\w*\s+serving\s+(?:\S+\s+)?(?:customers|clients|users)|\b(?:it|we|the\s+company)\s+(?:will\s+|would\s+|plans\s+to\s+|is\s+to\s+)?stop\w*\s+(?:shipping|selling|supplying|delivering|offering)\b|(?:verlässt|verließ|verlassen)\s+(?:russland|china|den\s+markt)|shut\w*\s+down\s+(?:its\s+)?(?:\S+\s+)?(?:operations|business)",
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
        r"\bprüft\b|\bprüfen\b|\bprüfe\b|erwägt|erwägen|erwog|\büberlegt|denkt\s+über|überprüf\w*|\buntersucht\b|untersuchung\w*\s+(?:\S+\s+){0,8}?eingeleitet|eingeleitet\w*\s+(?:\S+\s+){0,3}?untersuchung|(?:prüfverfahren|verfahren|ermittlung\w*|kartellverfahren)\s+(?:\S+\s+){0,12}?(?:eingeleitet|eröffnet)|(?:entscheiden|beraten|berät|nachdenken|diskutier\w*|debattier\w*|abstimmen)\s+(?:\S+\s+){0,3}?über\s+(?:ein|das|einen|eine)\s+(?:\S+\s+){0,3}?verbot|über\s+(?:ein|das|einen|eine)\s+(?:\S+\s+){0,3}?verbot\w*\s+(?:\S+\s+){0,8}?(?:entscheiden|beraten|nachdenken|diskutieren|debattieren|abstimmen)|\bconsider\w*|\bweigh(?:s|ed|ing)?\s+(?:whether|if|a|an|the|new|possible|further|additional|more|tougher|sanctions|restrictions|options|measures|\w+ing)\b|\breview\w*|\bmull\w*|investigat\w*|\bprobe\b|\bdebat\w*|\bdeliberat\w*|\bexamin(?:es|ed|ing)\b|looking\s+into|\bstudying\b|(?:opened|launched|initiated|started|began)\s+(?:\S+\s+){0,2}?proceedings\b",
    )
});
/// The measures a review can be about: with one of these, anyone's review counts.
const REVIEWABLE_MEASURES: &str =
    r"verbot|sanktion|übernahme|maßnahme|beschränk|\bban\b|sanction|restriction|acquisition";
/// The measures and dealings a review can be about, shared by the two patterns below.
/// A review of dealings alone ("will die US-Geschäfte des Konzerns überprüfen") counts
/// only where an authority reviews them: a company weighing its own business is none.
const REVIEWABLE: &str = r"verbot|sanktion|gesch[äa]ft|aktivitäten|übernahme|maßnahme|beschränk|\bban\b|sanction|business|operations|restriction|acquisition|\bcompl(?:y|ies|iance)\b";
static REVIEWABLE_MEASURE: LazyLock<Regex> = LazyLock::new(|| super::pattern(REVIEWABLE_MEASURES));
/// What a review next to a named measure must be about to replace it: the reviewable
/// things, or a review or investigation itself.
static REVIEW_OBJECT: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(&format!("{REVIEWABLE}|untersuchung|investigat|probe|review")));
/// What a review with no measure named must be about to count: the reviewable things,
/// or an investigation that was opened.
static REVIEW_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(&format!(
        r"{REVIEWABLE}|untersuchung\w*\s+(?:\S+\s+){{0,8}}?eingeleitet|eingeleitet\w*\s+(?:\S+\s+){{0,3}}?untersuchung|(?:prüfverfahren|verfahren|ermittlung\w*|kartellverfahren)\s+(?:\S+\s+){{0,12}}?(?:eingeleitet|eröffnet)|opened\s+(?:an?\s+)?(?:\S+\s+)?(?:investigation|probe|review|proceedings)"
    ))
});
/// What an investment review looks at: a takeover, an acquisition, a stake bought.
static TAKEOVER: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"übernahme|\berwerb|\beinstieg|anteilskauf|acquisition|takeover|merger|\bbuy(?:ing)?\s+(?:a\s+)?stake",
    )
});
/// A review that has ended: what the sentence reports followed from it.
static CONCLUDED_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\b(?:following|after|upon|follows?)\s+(?:an?\s+|the\s+|its\s+)?(?:\S+\s+){0,6}?(?:review|investigation|probe)\b|\b(?:nach|infolge)\s+(?:einer\s+|der\s+)?(?:\S+\s+){0,3}?(?:prüfung|überprüfung|untersuchung)\b|(?:review|investigation|prüfung|untersuchung)\s+(?:\S+\s+){0,3}?(?:concluded|completed|abgeschlossen)",
    )
});

fn is_review(kind: MeasureKind) -> bool {
    matches!(kind, MeasureKind::UnderReview | MeasureKind::InvestmentReview)
}

/// Modal wording that turns a measure into a possibility: the German Konjunktiv II
/// ("könnte", "würde", and the singular "müsste", "bräuchte", which reported speech,
/// writing "müsse", "brauche", never uses), "could", "might", and a condition of need
/// ("notfalls", "if necessary": a threat, not a step taken).
static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\bkönnte\w*|\bwürde\w*|\bwäre\w*|\bhätte\w*|\bmüsste\b|\bbräuchte\b|\bcould\b|\bmight\b|\bzu\s+können\b|\bnotfalls\b|\bgegebenenfalls\b|\bif\s+(?:necessary|need\s+be)\b|\bfloat(?:ed|ing)\b|\bmull(?:ed|ing|s)?\b|\bweigh(?:ing|s)\b|\bconsider(?:ing|s)\b|\berwäg\w*|\berwog\w*|\bins\s+spiel\s+gebracht\b",
    )
});
/// A negation of coverage: the sentence says the measure does not reach its subject
/// ("ist von der Regel nicht betroffen", "fielen nicht unter die Beschränkungen", "muss
/// keine Einbußen durch die Sanktionen fürchten", "is not subject to the rule"), or that
/// it does not exist or apply ("Ein Verbot gebe es derzeit nicht", "Für X gilt die
/// Sperre nicht", "gilt nicht für X", "does not apply to"; but "gilt nicht nur für X"
/// extends it), or says it covers neither company ("Neither X nor any other company is
/// named on the list").
static NOT_COVERED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\bnicht\s+(?:\S+\s+){0,2}?betroffen\b|\bnicht\s+(?:\S+\s+){0,2}?unter\b|\bkeine\w*\s+(?:\S+\s+){0,8}?(?:fürchten|befürchten|betroffen)\b|\bausgenommen\b|\bnot\s+(?:\S+\s+){0,2}?(?:affected|subject\s+to|covered)\b|\bexempt\w*\b|\bspared\b|\bverschont\b|\bnot\s+(?:\S+\s+){0,3}?under\s+(?:any\s+)?(?:\S+\s+)?(?:restriction|sanction)|\bg(?:ibt|ebe|äbe)\s+es\s+(?:\S+\s+){0,2}?nicht\b|\bg(?:ilt|elten|elte)\s+(?:\S+\s+){0,3}?nicht(?:\s+(?:für|in|gegen|bei|mehr)\b|\W*$)|\b(?:does|do|did)\s+not\s+apply\b|\bdoesn't\s+apply\b|\bnicht\s+(?:\S+\s+){0,2}?(?:verboten|geplant|vorgesehen|untersagt)\b|\bnot\s+(?:\S+\s+){0,2}?(?:banned|prohibited|planned)\b|\bno\s+plans?\s+to\b|\bkeine\s+pläne\b|\bneither\s+(?:\S+\s+){0,10}?nor\b|\bweder\s+(?:\S+\s+){0,10}?noch\b|\bno\s+exposure\s+to\b",
    )
});
/// A cue word that only qualifies a person or a trade ("a sanctions lawyer", "Sanktionsexpertin").
static PERSON_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"^s?\s*(?:lawyer|attorney|expert|adviser|advisor|specialist|practice|compliance|analyst|scholar|researcher|counsel)s?\b|^(?:experte|expertin|anwalt|anwältin|rechtler\w*|kanzlei|berater\w*)",
    )
});
/// True if the match `m` of a cue of `kind` is no measure in its place: a qualifier of a
/// person ("sanctions lawyer"), a generic noun in a time or cause phrase, or a wind-down
/// an authority allows.
fn is_background(kind: MeasureKind, lower: &str, m: &regex::Match<'_>) -> bool {
    // The words before the cue, nearest first: the rules read back a dozen at most (word
    // lists, not patterns: a pattern of counted words grows a large automaton).
    let before: Vec<&str> = lower[..m.start()].split_whitespace().rev().take(12).collect();
    // The noun a cue follows as a word of its own, not its possessor ("the firm's listing").
    let apart = lower[..m.start()].ends_with(char::is_whitespace);
    match kind {
        MeasureKind::Sanctions => {
            const PERSONS: &[&str] = &["experte", "experten", "expertin", "anwalt", "anwältin", "rechtler", "berater"];
            PERSON_AFTER.is_match(&lower[m.end()..])
                || PERSONS.iter().any(|p| m.as_str().ends_with(p))
                || sanctioned_others_after(m.as_str(), &lower[m.end()..])
                || time_or_cause_before(&before)
                || reason_before(&before)
                || (apart && common_noun_before(&before))
        }
        MeasureKind::Ban => {
            time_or_cause_before(&before)
                || reason_before(&before)
                || (m.as_str().starts_with("block") && court_before(&before))
                || own_channel_after(&lower[m.end()..])
        }
        MeasureKind::SalesBan => own_channel_after(&lower[m.end()..]),
        MeasureKind::EntityList => apart && common_noun_before(&before),
        MeasureKind::MarketExit => allowed_before(&before),
        _ => false,
    }
}

/// "sanktionierten Ländern", "sanctioned countries": the participle describes others
/// (places, parties, customers) the sentence speaks of, not a sanction it reports.
fn sanctioned_others_after(cue: &str, after: &str) -> bool {
    const OTHERS: &[&str] = &[
        "länder",
        "ländern",
        "staaten",
        "regionen",
        "gebiete",
        "gebieten",
        "kunden",
        "parteien",
        "personen",
        "entitäten",
        "organisationen",
        "countries",
        "country",
        "regions",
        "jurisdictions",
        "parties",
        "entities",
        "persons",
        "customers",
        "nations",
        "states",
        "territories",
        "regimes",
        "destinations",
    ];
    (cue.starts_with("sanktioniert") || cue == "sanctioned")
        && after
            .split_whitespace()
            .next()
            .is_some_and(|w| OTHERS.contains(&w.trim_end_matches(|c: char| !c.is_alphanumeric())))
}

/// A court as the one who blocks: "A judge temporarily blocked the Defense Department
/// from designating X", "ein Gericht blockierte ...". The block is a ruling against a
/// measure (read as such by `court_ruling`), not a ban. `before` holds the words before
/// the verb, nearest first.
fn court_before(before: &[&str]) -> bool {
    before.iter().take(4).any(|w| ["judge", "court", "justice", "richter", "gericht"].iter().any(|c| w.starts_with(c)))
}

/// A company's rule for what its own channels carry: "Shein said it would ban the sale
/// of sex dolls on its platform", "verbietet den Verkauf der Waffen auf seiner eigenen
/// Plattform". It restricts its own offer: no measure against it.
fn own_channel_after(after: &str) -> bool {
    const OWNERS: &[&str] = &["its", "their", "seiner", "ihrer", "seinen", "ihren", "seinem", "ihrem"];
    const OWN: &[&str] = &["own", "eigenen", "eigene"];
    const CHANNELS: &[&str] = &[
        "platform",
        "platforms",
        "site",
        "sites",
        "website",
        "websites",
        "marketplace",
        "marketplaces",
        "plattform",
        "plattformen",
        "webseite",
        "webseiten",
        "marktplatz",
        "onlineshop",
        "shop",
        "shops",
    ];
    let words: Vec<&str> =
        after.split_whitespace().take(14).map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    (0..words.len()).any(|i| {
        OWNERS.contains(&words[i]) && {
            let next = if words.get(i + 1).is_some_and(|w| OWN.contains(w)) { i + 2 } else { i + 1 };
            words.get(next).is_some_and(|w| CHANNELS.contains(w))
        }
    })
}

/// True if the match `m` of a cue names a measure that a negating determiner says does
/// not exist: "Für X gilt kein Verbot", "keinerlei Beschränkungen", "auf die keine
/// Ausgleichszölle erhoben werden", "there is no ban on X", "ohne Beschränkungen" (one
/// word such as "new" or "generelles" may stand between). Not for reactions, nor for a
/// licence ("keine Exportlizenz", "no licence": the refusal is the restriction), nor for
/// "keine ... mehr" ("keine Geschäfte mehr mit X": no longer allowed, a ban), nor for
/// "no longer".
fn is_negated_noun(kind: MeasureKind, lower: &str, m: &regex::Match<'_>) -> bool {
    const NEGATORS: &[&str] =
        &["kein", "keine", "keinen", "keiner", "keinem", "keines", "keinerlei", "no", "without", "ohne"];
    const LICENCES: &[&str] = &["lizenz", "licen", "genehmigung", "erlaubnis"];
    // The cue "no longer allowed" starts at "longer": its "no" is the ban.
    if kind.is_reaction() || !lower[..m.start()].ends_with(char::is_whitespace) || m.as_str().starts_with("longer") {
        return false;
    }
    let word = |w: &'_ str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    let mut before = lower[..m.start()].split_whitespace().rev().map(word);
    let Some(first) = before.next() else { return false };
    let negated = NEGATORS.contains(&first.as_str())
        || (first != "longer" && before.next().is_some_and(|w| NEGATORS.contains(&w.as_str())));
    negated
        && !LICENCES.iter().any(|l| m.as_str().contains(l))
        && !lower[m.start()..].split_whitespace().take(5).any(|w| word(w) == "mehr")
}

/// A time or cause before a generic measure noun makes it background ("ahead of the April
/// restrictions", "trotz der Sanktionen"): the sentence tells of something else. `before`
/// holds the words before the noun, nearest first; an article and two words may stand
/// between.
fn time_or_cause_before(before: &[&str]) -> bool {
    const ONE: &[&str] = &["before", "despite", "amid", "trotz", "wegen", "angesichts", "infolge"];
    const TWO: &[(&str, &str)] = &[("ahead", "of"), ("because", "of"), ("due", "to")];
    (0..4.min(before.len())).any(|k| {
        let w = before[k];
        ONE.contains(&w)
            || before.get(k + 1).is_some_and(|p| TWO.contains(&(*p, w)))
            || (w == "to" && before.get(k + 1) == Some(&"response") && before.get(k + 2) == Some(&"in"))
    })
}

/// A reason clause the generic noun stands in tells why, not what was imposed: "added X
/// to the Entity List for supplying a sanctioned end user", "because it supplied
/// sanctioned firms", "weil sie sanktionierte Firmen belieferte". The main clause's
/// measure wins. `before` holds the words before the noun, nearest first; the clause
/// ends at a comma.
fn reason_before(before: &[&str]) -> bool {
    for (k, w) in before.iter().take(8).enumerate() {
        if w.ends_with([',', ';', ':']) {
            return false;
        }
        if matches!(*w, "because" | "weil" | "citing") || (*w == "for" && k > 0 && before[k - 1].ends_with("ing")) {
            return true;
        }
    }
    false
}

/// A common noun the measure is told of, not a name: "the Chinese company added to the
/// Entity List this afternoon", "a chipmaker blacklisted by the US". Whoever else the
/// sentence names is not that company.
fn common_noun_before(before: &[&str]) -> bool {
    const NOUNS: &[&str] = &[
        "company",
        "firm",
        "chipmaker",
        "maker",
        "supplier",
        "manufacturer",
        "group",
        "entity",
        "vendor",
        "distributor",
        "bank",
        "lender",
    ];
    const PARTICIPLES: &[&str] =
        &["added", "blacklisted", "listed", "sanctioned", "designated", "placed", "named", "put"];
    let noun = |w: &str| NOUNS.contains(&w) || w.strip_suffix('s').is_some_and(|w| NOUNS.contains(&w));
    (0..6.min(before.len())).any(|n| {
        noun(before[n])
            && (n == 0 || (n <= 5 && PARTICIPLES.contains(&before[n - 1])))
            && (n + 1..n + 4).any(|a| before.get(a).is_some_and(|w| matches!(*w, "the" | "a" | "an")))
    })
}

/// Who winds down when an authority allows or orders it: part of the measure, not the
/// company's own exit ("allowing U.S. companies to wind down", "gave it 60 days to",
/// "ordnete an, dass X sein Geschäft einstellen muss").
fn allowed_before(before: &[&str]) -> bool {
    before.iter().take(10).any(|w| {
        [
            "allow",
            "permit",
            "authori",
            "order",
            "requir",
            "licen",
            "ordnet",
            "angeordnet",
            "anordn",
            "verpflicht",
            "zwing",
            "zwang",
            "gezwungen",
        ]
        .iter()
        .any(|p| w.starts_with(p))
            || matches!(*w, "gave" | "give" | "gives" | "given" | "giving")
    })
}

/// Wording of a breach of rules, which names sanctions without imposing any.
static BREACH: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"violat\w*\s+(?:\S+\s+){0,3}?(?:sanctions|export)|(?:sanktion\w*|export\w*)\s+(?:\S+\s+){0,4}?(?:verstoßen|verstößt|verstieß|umgangen|umgeht)|verstoß\w*\s+gegen\s+(?:\S+\s+){0,2}?(?:sanktion|export)|evad\w*\s+(?:\S+\s+){0,2}?sanctions|circumvent\w*",
    )
});
/// Definite reference to a measure already reported: "das Verbot", "die Sanktionen".
/// True if the sentence opens with a definite reference to a measure ("The duties take
/// effect on Friday", "Die Sanktionen gelten ab sofort").
pub fn opens_with_reference(lower: &str) -> bool {
    ANAPHORIC
        .find(lower)
        .is_some_and(|m| lower[..m.start()].trim_start_matches(|c: char| !c.is_alphanumeric()).is_empty())
}

static ANAPHORIC: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\b(?:das|dem|den|die|der|des|diese[mnrs]?|dieses|the|this|these)\s+(?:\S+(?:e|en|er|es|em|al|ed|ing)\s+)?(?:verbot\w*|sanktion\w*|maßnahme\w*|massnahme\w*|verordnung|anordnung|verfügung|dekret\w*|entscheidung|beschränkung\w*|regelung|bans?|sanctions|measures?|order|decisions?|restrictions|rule|denial\s+order|listing|revocation|designation|duties|tariffs|widerruf|untersagung|sperre|prohibition|abgaben|zölle|levies|additions?|listings|aufnahme)\b",
    )
});

/// A cue whose patterns are compiled when first searched: each thread compiles the cues
/// it meets first, and a cue no sentence can match is never compiled. The whole pattern
/// (`re`) is searched only for a cue the gate does not split into its alternatives
/// ([`CueGate::branches`]); the tests hold the split search to it.
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

/// Which cues can match a sentence, known from the literals their matches hold: one scan
/// of the sentence for all of them replaces a search per cue, most of which find nothing.
/// Each alternative of a cue's top-level alternation needs up to two literal sets (see
/// [`clauses_of`]): "(?:auf|in) ... liste gesetzt" opens for a sentence that holds
/// "gesetzt" and "liste", not for every German sentence with "gesetzt". The scan reports
/// overlapping matches, which Aho-Corasick's DFA form runs about three times faster than
/// its default NFA over these literals.
struct CueGate {
    literals: AhoCorasick,
    /// Per literal, the cues (bits in [`CUES`] order) whose matches may hold it.
    opens: Vec<u64>,
    /// Cues for which no literal set qualifies: always searched.
    always: u64,
    /// Per cue, its alternatives; per alternative, the literal sets (as literal indices)
    /// that each hold a literal of every match of that alternative.
    alternatives: Vec<Vec<Vec<Vec<usize>>>>,
    /// Per cue, its alternatives as patterns of their own, searched only where their
    /// literals are (see [`CueGate::first_match`]). Empty for a cue searched whole: one
    /// that is always searched, has a single alternative or more than 64, or has one
    /// that can match nothing at all.
    branches: Vec<Vec<Branch>>,
}

/// One alternative of a cue, compiled when first searched.
struct Branch {
    source: String,
    re: OnceLock<Regex>,
}

impl Branch {
    fn re(&self) -> &Regex {
        self.re.get_or_init(|| {
            Regex::new(&self.source).unwrap_or_else(|e| panic!("cue alternative {:?}: {e}", self.source))
        })
    }
}

/// What the gate leaves open in one sentence.
struct Open {
    /// The cues (bits in [`CUES`] order) that may match.
    cues: u64,
    /// Per cue, its alternatives (bits in order) that may match; only for open cues.
    alternatives: [u64; 64],
}

impl CueGate {
    /// The first match of cue `i` (`cue`) in `lower` that `accept` takes: what the cue's
    /// whole pattern would find with `find_iter`, from only the alternatives in `open`.
    ///
    /// An alternation finds, of the leftmost position where any alternative matches, the
    /// first alternative that matches there, in its own match; so the alternatives are
    /// searched each on its own and their leftmost match (of equals, the earlier
    /// alternative's) is the whole pattern's. Every alternative matches at least one byte,
    /// so the next search starts where a refused match ends, as the iterator's does. Each
    /// alternative alone is a small automaton with its own literal prefilter; the whole
    /// alternation of twenty-odd alternatives with counted word gaps builds many more
    /// states, and took 5-30 us a search.
    fn first_match<'h>(
        &self,
        i: usize,
        cue: &CompiledCue,
        lower: &'h str,
        open: u64,
        mut accept: impl FnMut(&regex::Match<'h>) -> bool,
    ) -> Option<regex::Match<'h>> {
        let Some(branches) = self.branches.get(i).filter(|b| !b.is_empty()) else {
            return cue.re().find_iter(lower).find(|m| accept(m));
        };
        let mut at = 0;
        while at <= lower.len() {
            let mut best: Option<regex::Match<'h>> = None;
            let mut bits = open;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let Some(branch) = branches.get(b) else { break };
                if let Some(m) = branch.re().find_at(lower, at) {
                    if best.is_none_or(|x| m.start() < x.start()) {
                        best = Some(m);
                    }
                }
            }
            let m = best?;
            if accept(&m) {
                return Some(m);
            }
            at = m.end().max(at + 1);
        }
        None
    }
}

/// The most literal sets an alternative of a cue is gated on.
const CLAUSES: usize = 2;

/// Builds the cue gate and the trigger search now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&GATE);
    LazyLock::force(&TRIGGERS);
}

static GATE: LazyLock<CueGate> = LazyLock::new(|| {
    assert!(CUES.len() <= 64, "the cue gate holds 64 cues");
    let mut literals: Vec<Vec<u8>> = Vec::new();
    let mut opens: Vec<u64> = Vec::new();
    let mut always = 0u64;
    let mut alternatives = Vec::with_capacity(CUES.len());
    let mut all_branches = Vec::with_capacity(CUES.len());
    for (i, (_, p, _)) in CUES.iter().enumerate() {
        let bit = 1u64 << i;
        let source = super::pattern_source(p);
        let hir = regex_syntax::parse(&source).ok();
        // The alternatives as the source writes them, when they make up the whole pattern;
        // otherwise the pattern is one alternative.
        let split = hir.as_ref().and_then(|whole| alternatives_of(&source, whole));
        let (sources, branches): (Vec<&str>, Vec<Hir>) = match split {
            Some(split) => split.into_iter().unzip(),
            None => (vec![source.as_str()], hir.into_iter().collect()),
        };
        let mut cue: Vec<Vec<Vec<usize>>> = Vec::with_capacity(branches.len());
        for branch in &branches {
            let clauses = clauses_of(branch, CLAUSES);
            if clauses.is_empty() {
                break;
            }
            let mut ids = Vec::with_capacity(clauses.len());
            for clause in clauses {
                let mut clause_ids = Vec::new();
                for l in clause.literals().unwrap_or(&[]) {
                    let j = match literals.iter().position(|known| known == l.as_bytes()) {
                        Some(j) => j,
                        None => {
                            literals.push(l.as_bytes().to_vec());
                            opens.push(0);
                            literals.len() - 1
                        }
                    };
                    opens[j] |= bit;
                    clause_ids.push(j);
                }
                ids.push(clause_ids);
            }
            cue.push(ids);
        }
        if branches.is_empty() || cue.len() < branches.len() {
            always |= bit;
            cue.clear();
        }
        // The alternatives as patterns of their own, the same ones the literals came from,
        // so that bit `b` of an alternative is the `b`-th pattern.
        let searched_apart = !cue.is_empty()
            && (2..=64).contains(&branches.len())
            && branches.iter().all(|b| b.properties().minimum_len().is_some_and(|n| n > 0));
        all_branches.push(if searched_apart {
            sources.iter().map(|s| Branch { source: s.to_string(), re: OnceLock::new() }).collect()
        } else {
            Vec::new()
        });
        alternatives.push(cue);
    }
    let literals = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&literals)
        .unwrap_or_else(|e| panic!("cue literals: {e}"));
    CueGate { literals, opens, always, alternatives, branches: all_branches }
});

/// The top-level alternatives of the regex `source` (split at each `|` outside groups and
/// classes), each with its syntax tree, if they are the pattern `whole` parsed from it:
/// their alternation must be the same tree, or the pattern is not split (`None`, also for
/// a single alternative). Compiling an alternative from its own source costs less than
/// from a tree printed back, which writes every `\w` out as hundreds of ranges.
fn alternatives_of<'s>(source: &'s str, whole: &Hir) -> Option<Vec<(&'s str, Hir)>> {
    let bytes = source.as_bytes();
    let (mut depth, mut in_class, mut start, mut i) = (0usize, false, 0, 0);
    let mut parts = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            // An escape: the byte after it is no operator (a UTF-8 continuation byte is never
            // one either).
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class => depth += 1,
            b')' if !in_class => depth = depth.checked_sub(1)?,
            b'|' if !in_class && depth == 0 => {
                parts.push(&source[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(source.get(start..)?);
    if parts.len() < 2 {
        return None;
    }
    let trees: Vec<Hir> = parts.iter().map(|p| regex_syntax::parse(p).ok()).collect::<Option<_>>()?;
    (Hir::alternation(trees.clone()) == *whole).then(|| parts.into_iter().zip(trees).collect())
}

/// The shortest literal a set beyond the first of an alternative may have: a short one
/// ("a", "the", "der") is in every sentence, where it only makes the scan report more.
const CLAUSE_MIN_LEN: usize = 4;

/// Up to `most` literal sets of which every match of `hir` holds a literal each, rarest
/// first: the best of [`qualifying_sets`], then the next best ones with other literals,
/// all at least [`CLAUSE_MIN_LEN`] long. Empty when no set qualifies.
fn clauses_of(hir: &Hir, most: usize) -> Vec<Seq> {
    let mut sets = qualifying_sets(hir);
    sets.sort_by_key(|c| std::cmp::Reverse(literal_rank(c)));
    // The same literals, whether exact or a prefix, are the same set.
    fn bytes(seq: &Seq) -> Vec<&[u8]> {
        let mut l: Vec<&[u8]> = seq.literals().unwrap_or(&[]).iter().map(|l| l.as_bytes()).collect();
        l.sort();
        l.dedup();
        l
    }
    let mut out: Vec<Seq> = Vec::with_capacity(most);
    for set in sets {
        if out.len() >= most {
            break;
        }
        let beyond_first = !out.is_empty();
        if beyond_first && literal_rank(&set).0 < CLAUSE_MIN_LEN || out.iter().any(|o| bytes(o) == bytes(&set)) {
            continue;
        }
        out.push(set);
    }
    out
}

/// A set of literals the gates can use: finite, not empty, no empty literal.
fn usable_literals(seq: &Seq) -> bool {
    seq.literals().is_some_and(|l| !l.is_empty() && l.iter().all(|l| !l.is_empty()))
}

/// How rare a set's literals are: longer ones are rarer; of equally long ones, fewer
/// literals match less often.
fn literal_rank(seq: &Seq) -> (usize, std::cmp::Reverse<usize>) {
    let lits = seq.literals().unwrap_or(&[]);
    (lits.iter().map(|l| l.len()).min().unwrap_or(0), std::cmp::Reverse(lits.len()))
}

/// Every literal set of which each match of `hir` holds a literal: the literals every
/// match starts with, those it ends with, and those that qualify for a part every match
/// passes through: an element of a concatenation, the repeated part of a repetition of at
/// least once, a capture's group, or, joined over all its alternatives (each with its
/// rarest set), an alternation.
fn qualifying_sets(hir: &Hir) -> Vec<Seq> {
    let mut sets: Vec<Seq> = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .map(|kind| Extractor::new().kind(kind).extract(hir))
        .collect();
    match hir.kind() {
        HirKind::Concat(parts) => sets.extend(parts.iter().filter_map(required_literals)),
        HirKind::Alternation(alternatives) => {
            let joined = alternatives.iter().try_fold(Seq::empty(), |mut all, alternative| {
                all.union(&mut required_literals(alternative)?);
                Some(all)
            });
            sets.extend(joined);
        }
        HirKind::Capture(capture) => sets.extend(required_literals(&capture.sub)),
        HirKind::Repetition(rep) if rep.min >= 1 => sets.extend(required_literals(&rep.sub)),
        _ => {}
    }
    sets.retain(usable_literals);
    sets
}

/// Literals one of which every match of `hir` contains, chosen to be rare: of the
/// [`qualifying_sets`], the one whose shortest literal is longest (then the smallest):
/// "zurück" of `(?:zieht|zog)\s+sich\s+(?:\S+\s+){0,8}?zurück`, where the opening words
/// are a poorer choice. `None` when no set qualifies.
///
/// The gates of the cue and authority wordings are built from these literals: a
/// literal as short as "a" or "it" (the opening of `\b(?:a|the)\s+(?:\S+\s+)?block\s+on`)
/// occurs in nearly every sentence and would open its wording's gate for all of them.
pub(crate) fn required_literals(hir: &Hir) -> Option<Seq> {
    // The first of equally rare sets: the opening before the ending before the parts.
    qualifying_sets(hir).into_iter().rev().max_by_key(literal_rank)
}

/// The cues (bits in [`CUES`] order) that may match `lower`.
#[cfg(test)]
fn possible_cues(lower: &str) -> u64 {
    open_in(lower).cues
}

/// The cues and their alternatives that may match `lower`.
fn open_in(lower: &str) -> Open {
    let gate = &*GATE;
    let mut mask = gate.always;
    // The literals found, a bit each.
    let mut found: SmallVec<[u64; 16]> = SmallVec::from_elem(0, gate.opens.len().div_ceil(64));
    for m in gate.literals.find_overlapping_iter(lower) {
        let id = m.pattern().as_usize();
        mask |= gate.opens.get(id).copied().unwrap_or(u64::MAX);
        if let Some(word) = found.get_mut(id / 64) {
            *word |= 1u64 << (id % 64);
        }
    }
    let has = |id: usize| found.get(id / 64).is_some_and(|word| word & (1u64 << (id % 64)) != 0);
    // A cue opened by one literal set stays open only if one of its alternatives has a
    // literal of each of its sets; the alternatives that have are the ones searched.
    let mut open = Open { cues: mask, alternatives: [u64::MAX; 64] };
    let mut opened = mask & !gate.always;
    while opened != 0 {
        let i = opened.trailing_zeros() as usize;
        opened &= opened - 1;
        let Some(alternatives) = gate.alternatives.get(i) else { continue };
        // (A cue of more than 64 alternatives is searched whole: its bits past the 64th
        // are not kept, but whether any alternative holds still decides.)
        let mut holding = 0u64;
        let mut any = false;
        for (b, clauses) in alternatives.iter().enumerate() {
            if clauses.iter().all(|clause| clause.iter().any(|&l| has(l))) {
                holding |= 1u64.checked_shl(b as u32).unwrap_or(0);
                any = true;
            }
        }
        if !any && !alternatives.is_empty() {
            open.cues &= !(1u64 << i);
        }
        open.alternatives[i] = holding;
    }
    open
}

/// Word stems of which every cue contains at least one: a sentence with none of them
/// reports no measure, and most sentences of a long article are ruled out by this one
/// literal search before any cue runs. Plain substrings, searched with one
/// Aho-Corasick automaton (a DFA: the search runs on every sentence).
const TRIGGER_STEMS: &str = "verbot|verbiet|auflös|abwickl|dissol|liquidat|untersag|sanktion|sanction|list|export|ausfuhr|einfuhr|import|lizenz|licen|genehmig|erlaubnis|zwang|rückab|rückgängig|veräuß|divest|sell|daten|data|store|hosting|delivery|cdn|peering|cloud|rechenzentr|behörd|agenc|government|regierung|dienst|5g|netz|mobilfunk|übernahme|acquisition|takeover|merger|cfius|investition|investment|prüf|review|klag|gericht|rechtlich|court|sue|suing|lawsuit|legal|markt|market|rückzug|zurück|zieht|zog|mitarbeiter|arbeitsplätze|stellen|entlass|lay|job|warn|advisory|restrict|ban|prohibit|barred|block|embargo|transaktion|transaction|zahlung|payment|überweisung|gesch|business|deal|handel|eigentum|vermögen|asset|frozen|freez|eingefroren|unterbunden|ausschl|exclud|remov|app|muss|müss|gezwungen|must|forced|aktivitäten|operations|wind|cease|shut|staatlich|federal|ministeri|maßnahme|massnahme|exit|leav|quit|pull|liefer|darf|dürf|keine|ship|china|jurist|wehr|challeng|denial|privilege|regelung|order|rule|curb|designat|sdn|covered|fecht|beschwerde|berufung|revision|judicial|remed|kauf|beschaff|procur|purchas|buy|sourc|revok|revoc|rescind|cancel|entz|widerr|authori|permit|certificat|providing|offering|operating|tdo|cut|einreise|visa|entry|travel|bereitstell|sperr|erwerb|einstieg|verwaltung|employee|work|official|state|verschw|manager|officer|director|chief|ceo|founder|chairman|president|chef|gründer|führungskr|vorst|entit|unreliab|zöll|zoll|tariff|duties|duty|countervail|dumping|subsid|clos|serving|verläss|verließ|verlass|schränk|tabu|benötig|brauch|anträg|antrag|verweiger|versagt|kontroll|investier|auflagen|stopp|download|entfernen|abbauen|abmontier|austausch|deinstall|not to use|not to install|names|named|naming|eilig|tätigkeit|betrieb|longer|overturn|annul|quash|vacate|aside|action|petition|suppl|deliver|fleet|flotte|durf|anschaff|filed|throttl|slow|traffic|annex|appeal|stay|injunction|friert|frieren|fror|gelder|froze";

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
    /// The sentence says a stopped measure applies again (see [`reinstates`]).
    pub reinstated: bool,
}

/// Reads the kinds of measure a sentence reports. `lower` must be the lowercased
/// sentence. A warning counts only where an authority warns, named in the sentence.
pub fn read(lower: &str) -> SentenceCues {
    read_in(lower, || false)
}

/// [`read`], where `authority_nearby` tells whether the sentences just before name an
/// authority (asked only for a sentence that warns without naming one).
pub fn read_in(lower: &str, authority_nearby: impl FnOnce() -> bool) -> SentenceCues {
    let mut found: Vec<Cue> = Vec::new();
    if TRIGGERS.is_match(lower) {
        let open = open_in(lower);
        for (i, c) in COMPILED.iter().enumerate() {
            if open.cues & (1u64 << i) == 0 || found.iter().any(|f| f.kind == c.kind) {
                continue;
            }
            // The cheap test first: what the cue needs anywhere in the sentence.
            if c.needs().is_some_and(|needs| !needs.is_match(lower)) {
                continue;
            }
            let alternatives = open.alternatives.get(i).copied().unwrap_or(u64::MAX);
            let Some(m) = GATE.first_match(i, c, lower, alternatives, |m| {
                !is_background(c.kind, lower, m) && !is_negated_noun(c.kind, lower, m)
            }) else {
                continue;
            };
            // What makes the noun a restriction stands in its part of the sentence: "Also
            // blocked was X; its developer is listed on app stores" is no app store ban.
            if let Some(needs) = c.needs() {
                let start = lower[..m.start()].rfind(';').map_or(0, |i| i + 1);
                let end = lower[m.end()..].find(';').map_or(lower.len(), |i| m.end() + i);
                if !needs.is_match(&lower[start..end]) {
                    continue;
                }
            }
            found.push(Cue { kind: c.kind, span: m.range() });
        }
    }
    let reviewing = if REVIEW.is_match(lower) { review(lower) } else { None };
    // "considering its options, including a legal challenge": no lawsuit yet.
    if let Some(r) = &reviewing {
        found.retain(|c| !(c.kind == MeasureKind::Lawsuit && r.start < c.span.start));
    }
    if found.is_empty() && reviewing.is_some() && REVIEW_TARGET.is_match(lower) && reviews_measure(lower) {
        // "will die US-Geschäfte des Konzerns überprüfen": a review with no measure named;
        // a review of a takeover ("prüft die Übernahme der X durch Y") is an investment
        // review.
        let span = reviewing.clone().unwrap_or(0..0);
        let kind = if TAKEOVER.is_match(lower) { MeasureKind::InvestmentReview } else { MeasureKind::UnderReview };
        return SentenceCues {
            cues: vec![Cue { kind, span }],
            status: Some(Status::UnderReview),
            ..SentenceCues::default()
        };
    }
    // The standing is read only where a measure is named: a sentence that only states
    // one ("wurde ausgesetzt") matters next to a measure, and the extractor asks
    // `stated_status` itself there. Most sentences of a long article are spared it.
    if found.is_empty() {
        return SentenceCues::default();
    }
    let (status, reinstated) = stated_standing(lower);
    // A review that is over ("following a national security review") led to the measure
    // the sentence names; it is neither pending nor a measure of its own.
    let concluded = found.iter().any(|c| !is_review(c.kind)) && CONCLUDED_REVIEW.is_match(lower);
    if concluded {
        found.retain(|c| !is_review(c.kind));
    }
    // A measure under review is not (yet) the measure itself; but a review a court is
    // asked for ("will ask a federal appeals court to review the revocation") is a
    // lawsuit against it.
    let judicial = found.iter().any(|c| c.kind == MeasureKind::Lawsuit);
    if !concluded
        && !judicial
        && reviewing.is_some()
        && REVIEW_OBJECT.is_match(lower)
        && !found.iter().all(|c| c.kind.is_reaction())
    {
        let span = reviewing.unwrap_or(0..0);
        let kind = if found.iter().any(|c| c.kind == MeasureKind::InvestmentReview) {
            MeasureKind::InvestmentReview
        } else {
            MeasureKind::UnderReview
        };
        return SentenceCues {
            cues: vec![Cue { kind, span }],
            status: Some(Status::UnderReview),
            ..SentenceCues::default()
        };
    }
    // A lawsuit names the measure it fights; the sentence reports the lawsuit, unless it
    // tells a court's ruling on the measure ("granted X a stay of the order to wind up
    // ..., pending a judicial review"): then the measure stands challenged.
    if judicial && status != Some(Status::Challenged) {
        found.retain(|c| c.kind.is_reaction());
    }
    // "violating U.S. sanctions", "gegen Sanktionen verstoßen": a breach, not a measure.
    found
        .retain(|c| !(matches!(c.kind, MeasureKind::Sanctions | MeasureKind::ExportControl) && BREACH.is_match(lower)));
    // Possibilities are not measures, and neither are measures said not to apply.
    let named = found.len();
    found.retain(|c| !is_hypothetical_near(lower, &c.span));
    let hypothetical = found.len() < named;
    found.retain(|c| c.kind.is_reaction() || !is_negated_coverage(lower, &c.span));
    // Warnings count only when an authority warns: not analysts, a company or its trade
    // body named as the speaker without one ("Some industry analysts warned that ...").
    if found.iter().any(|c| c.kind == MeasureKind::Warning)
        && (super::authorities::authority(lower).is_none() && !authority_nearby()
            || found.iter().any(|c| c.kind == MeasureKind::Warning && unofficial_speaker(lower, c.span.start)))
    {
        found.retain(|c| c.kind != MeasureKind::Warning);
    }
    // A company sanctioned with its people ("X and two of its executives"): both.
    let company_too = found.iter().any(|c| c.kind == MeasureKind::SanctionsIndividuals)
        && found.iter().any(|c| c.kind == MeasureKind::Sanctions)
        && PEOPLE_BESIDE.is_match(lower);
    // Specific kinds make the generic ones redundant.
    if found.iter().any(|c| !is_generic(c.kind) && !c.kind.is_reaction() && c.kind != MeasureKind::Warning) {
        found.retain(|c| !is_generic(c.kind) || (company_too && c.kind == MeasureKind::Sanctions));
    }
    if found.iter().any(|c| c.kind == MeasureKind::SanctionsIndividuals) && !company_too {
        found.retain(|c| c.kind != MeasureKind::Sanctions);
    }
    // An order to sell and a ban on selling: "den Erwerb untersagt und den Verkauf
    // angeordnet" orders the sale; a blocked sale to an investor is the review's.
    if found.iter().any(|c| matches!(c.kind, MeasureKind::ForcedSale | MeasureKind::InvestmentReview)) {
        found.retain(|c| c.kind != MeasureKind::SalesBan);
    }
    // "Exportkontrollliste": one word names the list, not a second measure.
    if let Some(list) = found.iter().find(|c| c.kind == MeasureKind::EntityList).map(|c| c.span.clone()) {
        found.retain(|c| !(c.kind == MeasureKind::ExportControl && c.span.start < list.end && list.start < c.span.end));
    }
    if found.iter().any(|c| c.kind == MeasureKind::GovernmentUseBan) {
        found.retain(|c| !matches!(c.kind, MeasureKind::SalesBan | MeasureKind::ProcurementBan));
    }
    if found.iter().any(|c| c.kind == MeasureKind::Warning) {
        found.retain(|c| c.kind == MeasureKind::Warning || c.kind.is_reaction());
    }
    found.sort_by_key(|c| c.span.start);
    let anaphoric = !found.is_empty() && found.iter().all(|c| is_generic(c.kind)) && ANAPHORIC.is_match(lower);
    SentenceCues { cues: found, anaphoric, definite: ANAPHORIC.is_match(lower), status, hypothetical, reinstated }
}

/// Header words that make a table one of duties: "Zollsatz", "Ausgleichszoll", "duty
/// rate", "tariff". A bare "rate" or "Satz" decides nothing (growth rates, interest rates).
static DUTY_HEADER: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"z(?:oll|ölle)|\bdut(?:y|ies)\b|tariff"));
/// A rate or an amount in a table cell: "17,0 %", "35.3 percent", "€3".
static RATE: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"\d\s*(?:%|prozent\b|percent\b|per\s+cent\b|€|euro\b|eur\b)|[€$]\s*\d"));

/// The kind of measure a Markdown table row reports, from its table: a row naming a
/// company beside a figure inherits the kind its header names ("| Hersteller | Zollsatz
/// |") or, failing that, the kind its lead-in names ("Die Ausgleichszölle im
/// Überblick:", "Definitive countervailing duties by company:"). A table of duties needs
/// a rate in the row. `row` and `header` are lowercased; `lead_in` is what the sentence
/// before the table reads. With the kind comes the standing the row states, or in force
/// when the header's column says since when ("| Company | Rate | Since |", "in Kraft seit").
pub fn table_row(row: &str, header: &str, lead_in: Option<&SentenceCues>) -> Option<(MeasureKind, Option<Status>)> {
    let kind = table_row_kind(row, header, lead_in)?;
    let since = || SINCE_HEADER.is_match(header).then_some(Status::InForce);
    Some((kind, stated_status(row).or_else(since)))
}

/// A header column of the day a measure took effect.
static SINCE_HEADER: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"\bsince\b|\bseit\b|\beffective\b|in\s+(?:kraft|force)|wirksam"));

fn table_row_kind(row: &str, header: &str, lead_in: Option<&SentenceCues>) -> Option<MeasureKind> {
    if !row.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let measure = |c: &SentenceCues| {
        c.cues.iter().map(|c| c.kind).find(|k| !k.is_reaction() && *k != MeasureKind::Warning && !is_review(*k))
    };
    let kind = if DUTY_HEADER.is_match(header) {
        MeasureKind::Tariff
    } else {
        measure(&read(header)).or_else(|| lead_in.and_then(measure))?
    };
    (kind != MeasureKind::Tariff || RATE.is_match(row)).then_some(kind)
}

/// True if the sentence tells of a review or investigation being opened ("Die Prüfung
/// hatte die Behörde Ende März eingeleitet", "opened an investigation").
pub fn opens_procedure(lower: &str) -> bool {
    OPENED_PROCEDURE.is_match(lower)
}

static OPENED_PROCEDURE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?:prüfung|überprüfung|untersuchung|verfahren|ermittlung)\w*\s+(?:\S+\s+){0,8}?(?:eingeleitet|eröffnet|aufgenommen)|(?:eingeleitet|eröffnet|leitete|eröffnete)\w*\s+(?:\S+\s+){0,6}?(?:prüfung|untersuchung|verfahren|ermittlung)|(?:opened|launched|began|started|initiated)\s+(?:an?\s+|the\s+|its\s+)?(?:\S+\s+){0,2}?(?:investigation|probe|review|inquiry|proceedings)",
    )
});

/// True if the sentence says of its subject that a measure does not reach it ("ist von
/// dieser Regel nicht betroffen", "is exempt").
pub fn denies_coverage(lower: &str) -> bool {
    NOT_COVERED.is_match(lower)
}

/// Speakers who are no authority: analysts, experts, companies, trade bodies.
static UNOFFICIAL_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\b(?:analysts?|analyst\w*|experts?|experte\w*|observers?|beobachter\w*|critics?|kritiker\w*|economists?|ökonom\w*|investors?|researchers?|forscher\w*|executives?|industry|branche\w*|makers?|manufacturers?|hersteller\w*|suppliers?|zulieferer\w*|compan(?:y|ies)|firms?|konzern\w*|associations?|verband|verbände|lobby\w*)\b",
    )
});

/// True when the words before a warning verb at `at` name an unofficial speaker and no
/// authority: the warning is an opinion, not an official warning.
fn unofficial_speaker(lower: &str, at: usize) -> bool {
    let before = lower.get(..at).unwrap_or("");
    UNOFFICIAL_SPEAKER.is_match(before) && super::authorities::authority(before).is_none()
}

static PEOPLE_BESIDE: LazyLock<Regex> = LazyLock::new(|| super::pattern(PEOPLE_BESIDE_THE_COMPANY));

/// Where the sentence speaks of reviewing, if it does: "judicial review" is a lawsuit,
/// not a review of a measure.
fn review(lower: &str) -> Option<Range<usize>> {
    REVIEW
        .find_iter(lower)
        .find(|m| {
            !lower[..m.start()].trim_end().ends_with("judicial")
                && !lower[..m.start()].ends_with("gerichtliche ")
                // A body's name: "the Foreign Investment Review Board".
                && !lower[m.end()..].starts_with(" board")
        })
        .map(|m| m.range())
}

/// True if a review names a measure, or reviews dealings with an authority reviewing.
/// Dealings a company weighs are its own ("Ostrel erwägt, seine Geschäfte in der Türkei
/// auszubauen"): a country named beside them is where, not who reviews.
fn reviews_measure(lower: &str) -> bool {
    if REVIEWABLE_MEASURE.is_match(lower) {
        return true;
    }
    let mut dealings = REVIEW_TARGET.find_iter(lower).peekable();
    if dealings.peek().is_none() {
        return super::authorities::authority(lower).is_some();
    }
    let mut own = true;
    for m in dealings {
        if !REVIEWABLE_DEALINGS.is_match(m.as_str()) {
            return true;
        }
        let before = lower[..m.start()].split_whitespace().rev().take(2).collect::<Vec<_>>();
        own &= before.iter().any(|w| OWN_POSSESSIVES.contains(w));
    }
    !own && super::authorities::authority(lower).is_some()
}

/// Possessives that make dealings the subject's own.
const OWN_POSSESSIVES: &[&str] =
    &["seine", "seiner", "seinen", "ihre", "ihrer", "ihren", "its", "their", "own", "eigenen", "eigene"];

static REVIEWABLE_DEALINGS: LazyLock<Regex> =
    LazyLock::new(|| super::pattern(r"^(?:gesch[äa]ft\w*|aktivitäten|business|operations|compl(?:y|ies|iance))$"));

/// True if the clause of the cue says the measure does not reach what it speaks of: a
/// negation of coverage in the same clause ("Die Sensoren fielen nicht unter die
/// Beschränkungen", "sei von den Exportkontrollen nicht direkt betroffen").
fn is_negated_coverage(lower: &str, span: &Range<usize>) -> bool {
    let start = floor_boundary(lower, span.start);
    let clause_start = lower[..start].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause_end = lower[start..].find([',', ';', ':']).map_or(lower.len(), |i| start + i);
    NOT_COVERED.is_match(&lower[clause_start..clause_end])
}

/// True if a modal verb stands within a few words before or after the cue, or in the
/// cue's clause: the German auxiliary of a counterfactual stands second in its clause
/// and the participle last ("Investoren wäre es damit ab dem 15. März verboten
/// gewesen"), or last in a subordinate clause ("Das Gesetz, das App-Stores den Vertrieb
/// ab dem 1. März untersagt hätte, ..."), however many words lie between.
fn is_hypothetical_near(lower: &str, span: &Range<usize>) -> bool {
    let start = floor_boundary(lower, span.start);
    let end = floor_boundary(lower, span.end.min(lower.len()));
    let before: Vec<&str> = lower[..start].split_whitespace().rev().take(6).collect();
    let after: Vec<&str> = lower[end..].split_whitespace().take(4).collect();
    let window = format!("{} {}", before.into_iter().rev().collect::<Vec<_>>().join(" "), after.join(" "));
    if HYPOTHETICAL.is_match(&window) || DEMAND.is_match(&lower[..start]) {
        return true;
    }
    // An English conditional: "would" by the cue after an if- or unless-clause ("If no
    // agency completed the audit, DJI would be added to the list"). A condition after
    // the cue is the measure's own ("a law that would ban X unless it is sold"), and
    // without one "would" reports a plan ("said it would ban").
    if window.contains("would")
        && lower[..start]
            .split_whitespace()
            .any(|w| matches!(w.trim_matches(|c: char| !c.is_alphanumeric()), "if" | "unless"))
    {
        return true;
    }
    // A German condition with the verb first, before a main clause in the subjunctive:
    // "Würde die Bundesregierung dem Vorbild folgen, müssten auch X mit Einschränkungen
    // rechnen" (not "Würde man lockern, gilt das Verbot dennoch").
    const CONDITION_OPENERS: &[&str] = &["würde", "würden", "sollte", "sollten", "hätte", "hätten", "wäre", "wären"];
    const SUBJUNCTIVE: &[&str] = &[
        "müsste", "müssten", "würde", "würden", "könnte", "könnten", "wäre", "wären", "hätte", "hätten", "dürfte",
        "dürften",
    ];
    if lower.split_whitespace().next().is_some_and(|w| CONDITION_OPENERS.contains(&w)) {
        if let Some(comma) = lower[..start].find(',') {
            let main = lower[comma..].split(|c: char| !c.is_alphanumeric());
            if main.into_iter().any(|w| SUBJUNCTIVE.contains(&w)) {
                return true;
            }
        }
    }
    let clause_start = lower[..start].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause: Vec<&str> = lower[clause_start..start].split_whitespace().rev().take(CLAUSE_WORDS).collect();
    if HYPOTHETICAL.is_match(&clause.join(" ")) {
        return true;
    }
    let clause_end = lower[end..].find([',', ';', ':']).map_or(lower.len(), |i| end + i);
    let rest: Vec<&str> = lower[end..clause_end].split_whitespace().take(CLAUSE_WORDS).collect();
    rest.len() < CLAUSE_WORDS
        && rest.last().is_some_and(|w| GERMAN_AUXILIARY.is_match(w.trim_end_matches(|c: char| !c.is_alphanumeric())))
}

/// A demand before the cue: what someone calls for is not yet decided ("Einige
/// Abgeordnete fordern, X-Drohnen ganz zu verbannen", "lawmakers called for a ban").
static DEMAND: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(r"\b(?:forder|verlang)(?:n|t|te|ten|en)\s*,|\bcall(?:s|ed|ing)?\s+for\b|\bdemand(?:s|ed|ing)?\b")
});

/// The auxiliary of a German counterfactual as the last word of a clause.
static GERMAN_AUXILIARY: LazyLock<Regex> = LazyLock::new(|| super::pattern(r"^(?:hätte\w*|wäre\w*|würde\w*)$"));

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
        r"ausgesetzt|außer\s+vollzug\s+(?:gesetzt|setzt\w*)|aufgeschoben|auf\s+eis\s+gelegt|\b(?:setzt|setzte|setzten)\s+(?:\S+\s+){0,14}?aus(?:[.,;!:]|\s+[–—-]\s|$)|\bsuspend\w*|\bpaused\b|\bpostponed\b|verschoben|\bdelay\w*\s+(?:the\s+)?(?:enforcement|implementation)",
    )
});
static CHALLENGED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"einstweilige\w*\s+verfügung|gericht\w*\s+(?:\S+\s+){0,4}?(?:gestoppt|blockiert|ausgesetzt)|(?:gericht|richter)\w*\s+(?:\S+\s+){0,14}?(?:gestoppt|stoppte\w*|blockierte\w*|ausgesetzt|(?:setzte|setzten|setzt)\s+(?:\S+\s+){0,14}?aus(?:[.,;!]|$))|(?:judge|court)\s+(?:\S+\s+){0,3}?(?:block\w*|halt\w*|suspend\w*|stay\w*|paus\w*)|(?:blocked|halted|suspended|paused)\s+by\s+(?:a\s+)?(?:\S+\s+)?(?:judge|court)|injunction|\bgrant\w*\s+(?:\S+\s+){0,8}?(?:a\s+)?stay\s+of\b|(?:gericht|richter)\w*\s+(?:\S+\s+){0,24}?außer\s+vollzug|für\s+nichtig\s+erklärt|für\s+(?:rechtswidrig|unwirksam|verfassungswidrig)\s+erklärt|\bkipp(?:t|te|ten)\b|\bgekippt\b|gab\s+(?:\S+\s+){0,4}?klage\s+(?:\S+\s+){0,2}?statt|(?:court|judge)\s+(?:\S+\s+){0,6}?(?:struck\s+down|annull?ed|overturned|invalidated)|(?:struck\s+down|annull?ed|invalidated)\s+by\s+(?:a\s+|the\s+)?(?:\S+\s+)?(?:judge|court)",
    )
});
static EXPIRED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"aufgehoben|\b(?:ist|sind)\s+(?:\S+\s+){0,2}?geschichte\b|\b(?:hebt|heben|hob|hoben)\s+(?:\S+\s+){0,12}?auf(?:[.,;!]|\s+und\b|$)|zurückgenommen|ausgelaufen|außer\s+kraft|\blifted\b|(?:ban|order|sanctions?|restrictions?|listing|designation|measure|rule|decree)\s+(?:\S+\s+){0,3}?(?:was|were|has\s+been|have\s+been|is|are)\s+(?:revoked|rescinded|reversed|overturned|withdrawn)|(?:revoked|rescinded|reversed|overturned|withdrew)\s+(?:the\s+|its\s+|a\s+)?(?:\S+\s+)?(?:ban|order|sanctions|restrictions|listing|designation|rule|decree|decision)\b|\blater\s+reversed\b|\bexpired\b|\bauslaufen\b|(?:removed|removing|removes)\s+(?:\S+\s+){0,14}?from\s+(?:the|its|their)\s+(?:\S+\s+){0,3}?list|\blift(?:ed|ing|s)?\s+(?:the\s+)?(?:\S+\s+)?(?:restrictions|sanctions|ban)\b|von\s+der\s+(?:\S+\s+){0,2}?liste?\s+(?:gestrichen|genommen|entfernt)|(?:strich|streicht|nahm|nimmt)\s+(?:\S+\s+){0,6}?von\s+der\s+(?:\S+\s+){0,2}?liste?\b",
    )
});
static IN_FORCE: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"in\s+kraft\s+getreten|in\s+kraft\s+seit|gilt\s+seit|\bstoppte\b|\bstoppten\b|gelten\s+seit|(?:\bdürfen|\bdarf)\s+(?:\S+\s+){0,10}?(?:nur|nicht|keine)\b|(?:may|can)\s+no\s+longer|\b(?:is|are)\s+no\s+longer\s+(?:allowed|permitted)\b|\b(?:are|is)\s+(?:now\s+)?(?:barred|banned|prohibited|forbidden)\b|took\s+effect|\bin\s+effect\b|wirksam\s+geworden|(?:\bwurde|\bwurden|\bhat\b|\bhatte|\bhatten|\bhaben\b)\s+(?:\S+\s+){0,25}?(?:verboten|verhängt|gesetzt|verbannt|untersagt|erlassen|eingeschränkt|gesperrt|blockiert|aufgenommen|angeordnet|angewiesen|verpflichtet|eingefroren|unterzeichnet|beschränkt|festgesetzt|erhoben)\b|\berhebt\b|\bließ\b|\btold\s+(?:\S+\s+){0,3}?not\s+to\b|\bverbot\s|\bverhängte\b|\bverbannte\b|\buntersagte\b|\bsperrte\b|\bordnete\b|\bordered\b|\bhas\s+(?:\S+\s+)?(?:banned|imposed|added|blocked)|\bwere\s+(?:banned|added|sanctioned|blocked)|\bwas\s+(?:banned|added|sanctioned|blocked)|\bbanned\b|\bimposed\b|\bwerden\s+(?:\S+\s+){0,4}?eingefroren|\badded\s+(?:\S+\s+){0,20}?to\b|\b(?:designated|renewed|blacklisted|sanctioned|barred|prohibited|froze|blocked|revoked)\b|\bissued\s+(?:\S+\s+){0,4}?(?:order|ban|rule|licen[cs]e|directive|decree|tdo|sanctions|restrictions|measures)|\bvoted\s+(?:\S+\s+){0,2}?to\b|\bbleibt\s+es\s+bei\b|\bbleib\w*\s+(?:\S+\s+){0,4}?(?:in\s+kraft|bestehen|auf\s+der\s+liste|eingefroren|gesperrt|verboten)|\bremain\w*\s+(?:\S+\s+){0,3}?(?:in\s+(?:place|force|effect)|on\s+the\s+list)|\b(?:put|placed)\s+(?:\S+\s+){0,12}?on\s+(?:the|its|a)\b|\b(?:hat|haben|hatte|hatten)\s+(?:\S+\s+){0,25}?(?:beschlossen|belegt|entzogen|gelistet)\b|\b(?:war|waren)\s+(?:\S+\s+){0,25}?(?:verboten|verhängt|gesetzt|verbannt|untersagt|erlassen|gesperrt|aufgenommen|angeordnet|eingefroren|gelistet|belegt)\s+worden\b|\bbelegte\b|\berließ\b|\bentzog\b|\bfror\b|\bhad\s+disappeared\b|\bverschwunden\b|\bwiderrufen\b|\bwiderrief\b|\bverhängten\b|\beinigten\s+sich\b|\bvereinbarten\b|\b(?:bars|prohibits|forbids)\b|\b(?:cleared|approved)\s+(?:\S+\s+){0,8}?(?:takeover|acquisition|merger|deal|bid|purchase)",
    )
});
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"\bwill\b|\btakes?\s+effect\b|\bwollen\b|\bplant\b|\bplanen\b|\bsoll\b|\bsollen\b|\bdroht\b|\bdrohen\b|angekündigt|ankündigte|\bkündigte\b|\bplans?\s+to\b|\bintends?\b|\bis\s+set\s+to\b|\bproposed\b|vorgeschlagen|\bwird\s+(?:\S+\s+){0,8}?(?:verbieten|verhängen|einführen|beschränken|setzen)\b",
    )
});

/// `Some(Status::Challenged)` when the sentence says a court stopped something: read
/// for sentences that name no measure, so the wording of a court is looked for first.
pub fn court_ruling(lower: &str) -> Option<Status> {
    const COURT_WORDS: &[&str] = &["gericht", "richter", "verfügung", "judge", "court", "injunction"];
    (COURT_WORDS.iter().any(|w| lower.contains(w)) && CHALLENGED.is_match(lower)).then_some(Status::Challenged)
}

/// A government's own order against a company, suspended or lifted, in a sentence that
/// names no kind of measure: "Die niederländische Regierung setzt ihre Anordnung gegen
/// X aus", "The government lifted its order over X", "the Pentagon removed X from the
/// list". Read for sentences that name no
/// measure, so a noun of an order is looked for first.
pub fn order_stopped(lower: &str) -> Option<Status> {
    const ORDER_WORDS: &[&str] = &[
        "anordnung",
        "verfügung",
        "maßnahme",
        "einstufung",
        "liste",
        "order",
        "measure",
        "designation",
        "decision",
        "list",
    ];
    if !ORDER_WORDS.iter().any(|w| lower.contains(w)) {
        return None;
    }
    stopped_or_ended(lower)
}

/// `Suspended` or `Expired` when the sentence says so (an exemption ending is not a
/// measure ending).
fn stopped_or_ended(lower: &str) -> Option<Status> {
    if stated(&SUSPENDED, lower) {
        Some(Status::Suspended)
    } else if stated(&EXPIRED, lower) && !RELIEF_ENDS.is_match(lower) {
        Some(Status::Expired)
    } else {
        None
    }
}

/// The standing a sentence states outright, if any.
pub fn stated_status(lower: &str) -> Option<Status> {
    stated_standing(lower).0
}

/// The standing a sentence states outright, and whether it says a stopped measure
/// applies again (see [`reinstates`]; the standing is then `InForce`).
pub fn stated_standing(lower: &str) -> (Option<Status>, bool) {
    if reinstates(lower) {
        return (Some(Status::InForce), true);
    }
    let status = if stated(&CHALLENGED, lower) {
        Some(Status::Challenged)
    } else if let Some(status) = stopped_or_ended(lower) {
        Some(status)
    } else if IN_FORCE.is_match(lower)
        && IN_FORCE.find_iter(lower).any(|m| !is_noun_verbot(lower, &m) && !modal_before(lower, m.start()))
    {
        Some(Status::InForce)
    } else if ANNOUNCED.is_match(lower) && ANNOUNCED.find_iter(lower).any(|m| !tells_no_plan(lower, &m)) {
        Some(Status::Announced)
    } else {
        None
    };
    (status, false)
}

/// Wording that lets a stopped measure apply again: a court lifting the order that
/// blocked it, a measure reinstated ("stayed the preliminary injunction", "allowed
/// Tennessee to enforce its ban", "hob die einstweilige Verfügung auf").
static REINSTATED: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?:stayed|lifted|vacated|dissolved|overturned|reversed|set\s+aside)\s+(?:\S+\s+){0,6}?(?:injunction|order\s+that\s+had\s+blocked|ruling\s+that\s+had\s+blocked)|allow\w*\s+(?:\S+\s+){0,6}?to\s+enforce|\breinstat\w*|\breimpos\w*|(?:einstweilige\w*\s+verfügung|eilentscheidung)\s+(?:\S+\s+){0,6}?aufgehoben|\bhob\s+(?:\S+\s+){0,8}?(?:verfügung|eilentscheidung|entscheidung\s+der\s+vorinstanz)\s+(?:\S+\s+){0,4}?auf\b|wieder\s+in\s+kraft|(?:darf|dürfen)\s+(?:\S+\s+){0,6}?wieder\s+(?:\S+\s+){0,2}?(?:durchsetzen|vollziehen|anwenden|angewendet)",
    )
});

/// A relief from a measure ending, not the measure: "the wind-down general licence
/// expired", "die Ausnahmegenehmigung läuft aus".
static RELIEF_ENDS: LazyLock<Regex> = LazyLock::new(|| {
    super::pattern(
        r"(?:general\s+licen[cs]e|waiver|exemption|carve-out|generallizenz|ausnahme\w*)\s+(?:\S+\s+){0,6}?(?:expired|expires|lapsed|lapses|ended|ausgelaufen|läuft\s+(?:\S+\s+)?aus|endet)",
    )
});

/// True if the sentence says a stopped measure applies again.
fn reinstates(lower: &str) -> bool {
    stated(&REINSTATED, lower)
}

/// True if `re` matches where no negation or modal stands just before it: "does not
/// lift the restrictions" lifts nothing, "wurde nicht ausgesetzt" suspends nothing, "The
/// measures would be lifted once the companies complied" lifts nothing yet.
fn stated(re: &Regex, lower: &str) -> bool {
    re.is_match(lower)
        && re.find_iter(lower).any(|m| !negated_before(lower, m.start()) && !modal_before(lower, m.start()))
}

/// True if one of the three words before `at` is a modal of possibility or condition
/// ("would be lifted", "could block", "würde ... verboten"): what follows is not the
/// standing of a measure, nor ("agencies would be prohibited from importing", a bill)
/// one in force.
fn modal_before(lower: &str, at: usize) -> bool {
    const MODALS: &[&str] = &["would", "could", "might", "würde", "würden", "könnte", "könnten"];
    lower[..floor_boundary(lower, at)]
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| MODALS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// True if one of the three words before `at` negates.
fn negated_before(lower: &str, at: usize) -> bool {
    const NEGATIONS: &[&str] =
        &["not", "no", "never", "nicht", "kein", "keine", "keinen", "nie", "niemals", "without", "ohne"];
    lower[..floor_boundary(lower, at)]
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| NEGATIONS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())) || w.ends_with("n't"))
}

/// True if the `IN_FORCE` match `m` is the noun "Verbot" after an article or
/// preposition ("über ein Verbot entscheiden"), not the past tense of "verbieten".
fn is_noun_verbot(lower: &str, m: &regex::Match<'_>) -> bool {
    const DETERMINERS: &[&str] =
        &["ein", "das", "dem", "des", "kein", "jedes", "sein", "ihr", "über", "für", "gegen", "vom", "zum", "im"];
    m.as_str().starts_with("verbot")
        && lower[..m.start()].split_whitespace().next_back().is_some_and(|w| DETERMINERS.contains(&w))
}

/// True if the `ANNOUNCED` match `m` is the "sollen" of hearsay ("geliefert haben soll",
/// "gewesen sein sollen"), which tells of what is alleged, or the future of a consequence
/// ([`is_consequence`]): neither tells of what is planned.
fn tells_no_plan(lower: &str, m: &regex::Match<'_>) -> bool {
    m.as_str().starts_with("soll")
        && lower[..m.start()].split_whitespace().next_back().is_some_and(|w| matches!(w, "haben" | "sein" | "worden"))
        || is_consequence(lower, m.start())
}

/// A future told as what a measure already taken means: "Placement on the list means
/// the agency will no longer grant ...", "Das bedeutet, dass ... nicht mehr ... werden".
fn is_consequence(lower: &str, at: usize) -> bool {
    const MEANS: &[&str] = &["means", "meaning", "bedeutet", "heißt", "wodurch", "womit"];
    lower[..at]
        .split_whitespace()
        .rev()
        .take(8)
        .any(|w| MEANS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
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
