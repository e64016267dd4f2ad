//! The plain data that flows between the stages: languages, article metadata, partial
//! dates with their roles, measure kinds and citations. Nothing here does IO.

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The language of an article or of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses "de", "en", "de-DE", "en-US", "EN" ...; `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The answer language for a Discord locale: German for `de`, English otherwise,
    /// German when no locale is given.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            None | Some("") => Lang::De,
            Some(l) => Lang::parse(l).unwrap_or(Lang::En),
        }
    }
}

/// What the front matter (or the file itself) says about an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleMeta {
    /// The file name relative to the corpus folder, with `/` separators.
    pub file: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    /// True when `published` was estimated (front matter `published_estimated: true`)
    /// or read from a dateline in the text rather than stated in the front matter.
    #[serde(default)]
    pub published_estimated: bool,
    pub language: Lang,
}

/// A date with the precision the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }
    pub fn month(year: i32, month: u32) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }
    pub fn day(date: NaiveDate) -> Self {
        PartialDate { year: date.year(), month: Some(date.month()), day: Some(date.day()) }
    }

    /// The earliest calendar day this date can mean.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest calendar day this date can mean.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, m2) = if m == 12 { (self.year + 1, 1) } else { (self.year, m + 1) };
                NaiveDate::from_ymd_opt(y, m2, 1).and_then(|d| d.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    /// Precision rank: 0 year, 1 month, 2 day.
    pub fn precision(&self) -> u8 {
        match (self.month, self.day) {
            (Some(_), Some(_)) => 2,
            (Some(_), None) => 1,
            _ => 0,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        };
        let year = num(parts.first()?, 4)? as i32;
        match parts.len() {
            1 => Some(PartialDate::year(year)),
            2 => {
                let m = num(parts[1], 2)?;
                (1..=12).contains(&m).then(|| PartialDate::month(year, m))
            }
            3 => {
                let d = NaiveDate::from_ymd_opt(year, num(parts[1], 2)?, num(parts[2], 2)?)?;
                Some(PartialDate::day(d))
            }
            _ => None,
        }
    }

    /// True if and only if `other` lies within this date (same year, and same month and
    /// day where this date has them).
    pub fn contains(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && self.month.is_none_or(|m| other.month == Some(m))
            && self.day.is_none_or(|d| other.day == Some(d))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// What a date means for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRole {
    /// When the measure was decided, signed or made public.
    Announced,
    /// When it takes (or took) effect.
    Effective,
    /// A deadline the target must meet, or the end of a grace period.
    Deadline,
    /// When it expires or expired.
    Expires,
    /// A date the text mentions without tying it to the measure's life (a report, a
    /// background event).
    Reported,
}

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub date: PartialDate,
    pub role: DateRole,
    /// Byte range of the phrase inside the sentence it was found in.
    pub span: Range<usize>,
    /// "Mitte September", "rund eine Woche": the text itself is vague.
    pub approximate: bool,
}

/// The kinds of measure (and of reaction to a measure) the extractor recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    SalesBan,
    TransactionBan,
    EntityList,
    SanctionsIndividuals,
    Sanctions,
    ExportControl,
    ForcedSale,
    DataDeletion,
    AppStoreBan,
    ServiceBan,
    GovernmentUseBan,
    NetworkBan,
    /// Operators or buyers told to stop buying a company's products ("critical
    /// infrastructure operators must stop buying products from X").
    ProcurementBan,
    /// A licence or authorisation to operate, withdrawn ("revoked X's authorization to
    /// provide telecommunications services").
    LicenceRevocation,
    /// Duties on a company's goods: countervailing, anti-dumping or punitive tariffs.
    Tariff,
    InvestmentReview,
    UnderReview,
    Ban,
    Warning,
    Lawsuit,
    MarketExit,
    Layoffs,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 22] = [
        MeasureKind::SalesBan,
        MeasureKind::TransactionBan,
        MeasureKind::EntityList,
        MeasureKind::SanctionsIndividuals,
        MeasureKind::Sanctions,
        MeasureKind::ExportControl,
        MeasureKind::ForcedSale,
        MeasureKind::DataDeletion,
        MeasureKind::AppStoreBan,
        MeasureKind::ServiceBan,
        MeasureKind::GovernmentUseBan,
        MeasureKind::NetworkBan,
        MeasureKind::ProcurementBan,
        MeasureKind::LicenceRevocation,
        MeasureKind::Tariff,
        MeasureKind::InvestmentReview,
        MeasureKind::UnderReview,
        MeasureKind::Ban,
        MeasureKind::Warning,
        MeasureKind::Lawsuit,
        MeasureKind::MarketExit,
        MeasureKind::Layoffs,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureKind::SalesBan => "sales_ban",
            MeasureKind::TransactionBan => "transaction_ban",
            MeasureKind::EntityList => "entity_list",
            MeasureKind::SanctionsIndividuals => "sanctions_individuals",
            MeasureKind::Sanctions => "sanctions",
            MeasureKind::ExportControl => "export_control",
            MeasureKind::ForcedSale => "forced_sale",
            MeasureKind::DataDeletion => "data_deletion",
            MeasureKind::AppStoreBan => "app_store_ban",
            MeasureKind::ServiceBan => "service_ban",
            MeasureKind::GovernmentUseBan => "government_use_ban",
            MeasureKind::NetworkBan => "network_ban",
            MeasureKind::ProcurementBan => "procurement_ban",
            MeasureKind::LicenceRevocation => "licence_revocation",
            MeasureKind::Tariff => "tariff",
            MeasureKind::InvestmentReview => "investment_review",
            MeasureKind::UnderReview => "under_review",
            MeasureKind::Ban => "ban",
            MeasureKind::Warning => "warning",
            MeasureKind::Lawsuit => "lawsuit",
            MeasureKind::MarketExit => "market_exit",
            MeasureKind::Layoffs => "layoffs",
        }
    }

    /// A reaction by the target (or others) rather than a measure imposed on it.
    pub fn is_reaction(self) -> bool {
        matches!(self, MeasureKind::Lawsuit | MeasureKind::MarketExit | MeasureKind::Layoffs)
    }

    /// A short label in the answer language.
    pub fn label(self, lang: Lang) -> &'static str {
        use MeasureKind::*;
        match (self, lang) {
            (SalesBan, Lang::De) => "Verkaufsverbot",
            (SalesBan, Lang::En) => "Sales ban",
            (TransactionBan, Lang::De) => "Transaktionsverbot",
            (TransactionBan, Lang::En) => "Transaction ban",
            (EntityList, Lang::De) => "Schwarze Liste (Entity List)",
            (EntityList, Lang::En) => "Entity listing",
            (SanctionsIndividuals, Lang::De) => "Sanktionen gegen Personen",
            (SanctionsIndividuals, Lang::En) => "Sanctions on individuals",
            (Sanctions, Lang::De) => "Sanktionen",
            (Sanctions, Lang::En) => "Sanctions",
            (ExportControl, Lang::De) => "Exportkontrolle / Genehmigungspflicht",
            (ExportControl, Lang::En) => "Export control / licence requirement",
            (ForcedSale, Lang::De) => "Zwangsverkauf / Rückabwicklung",
            (ForcedSale, Lang::En) => "Forced sale / divestiture",
            (DataDeletion, Lang::De) => "Anordnung zur Datenlöschung",
            (DataDeletion, Lang::En) => "Data deletion order",
            (AppStoreBan, Lang::De) => "App-Store-Verbot",
            (AppStoreBan, Lang::En) => "App store ban",
            (ServiceBan, Lang::De) => "Verbot von Diensten (Hosting, CDN)",
            (ServiceBan, Lang::En) => "Service ban (hosting, CDN)",
            (GovernmentUseBan, Lang::De) => "Verbot für Behörden",
            (GovernmentUseBan, Lang::En) => "Government-use ban",
            (NetworkBan, Lang::De) => "Ausschluss aus Netzen (z. B. 5G)",
            (NetworkBan, Lang::En) => "Network exclusion (e.g. 5G)",
            (ProcurementBan, Lang::De) => "Beschaffungsverbot",
            (ProcurementBan, Lang::En) => "Procurement ban",
            (LicenceRevocation, Lang::De) => "Entzug der Lizenz",
            (LicenceRevocation, Lang::En) => "Licence revoked",
            (Tariff, Lang::De) => "Strafzölle",
            (Tariff, Lang::En) => "Duties / tariffs",
            (InvestmentReview, Lang::De) => "Investitionsprüfung",
            (InvestmentReview, Lang::En) => "Investment review",
            (UnderReview, Lang::De) => "Maßnahme in Prüfung",
            (UnderReview, Lang::En) => "Measure under review",
            (Ban, Lang::De) => "Verbot",
            (Ban, Lang::En) => "Ban",
            (Warning, Lang::De) => "Behördliche Warnung",
            (Warning, Lang::En) => "Official warning",
            (Lawsuit, Lang::De) => "Klage",
            (Lawsuit, Lang::En) => "Lawsuit",
            (MarketExit, Lang::De) => "Rückzug vom Markt",
            (MarketExit, Lang::En) => "Market exit",
            (Layoffs, Lang::De) => "Stellenabbau",
            (Layoffs, Lang::En) => "Layoffs",
        }
    }
}

/// Where a measure stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Announced,
    InForce,
    Expired,
    Challenged,
    UnderReview,
    Suspended,
    /// A reaction (lawsuit, market exit) that has been reported.
    Reported,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Announced => "announced",
            Status::InForce => "in_force",
            Status::Expired => "expired",
            Status::Challenged => "challenged",
            Status::UnderReview => "under_review",
            Status::Suspended => "suspended",
            Status::Reported => "reported",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Announced, Lang::De) => "angekündigt",
            (Status::Announced, Lang::En) => "announced",
            (Status::InForce, Lang::De) => "in Kraft",
            (Status::InForce, Lang::En) => "in force",
            (Status::Expired, Lang::De) => "ausgelaufen",
            (Status::Expired, Lang::En) => "expired",
            (Status::Challenged, Lang::De) => "vor Gericht angefochten",
            (Status::Challenged, Lang::En) => "challenged in court",
            (Status::UnderReview, Lang::De) => "in Prüfung",
            (Status::UnderReview, Lang::En) => "under review",
            (Status::Suspended, Lang::De) => "ausgesetzt",
            (Status::Suspended, Lang::En) => "suspended",
            (Status::Reported, Lang::De) => "gemeldet",
            (Status::Reported, Lang::En) => "reported",
        }
    }
}

/// An exact quote from an article, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub article: String,
    pub source: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
    pub quote: String,
    /// Byte range of `quote` in the article file.
    pub range: Range<usize>,
}

/// One sentence's report of a measure against one entity, as extraction finds it.
/// Stored in the index; `/status` groups these into measures at query time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureMention {
    /// The canonical entity name ("TikTok").
    pub entity: String,
    pub kind: MeasureKind,
    /// Who imposed it, in German ("US-Handelsministerium"), when the text says.
    pub authority: Option<String>,
    pub dates: Vec<DateMention>,
    pub citation: Citation,
    /// Block and sentence number in the article, to keep neighbours together.
    pub block: usize,
    pub sentence: usize,
    /// A status the text states outright: suspended, challenged, under review, expired.
    pub stated_status: Option<Status>,
    /// The text says a stopped measure applies again ("the appeals court stayed the
    /// injunction"): what was stated before it no longer holds.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reinstated: bool,
}
