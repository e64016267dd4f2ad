//! Month names, German and English, full and abbreviated: the one table that the
//! sentence splitter, the date reader, the dateline sniffer, the boilerplate recogniser
//! and the entity stoplist share.

/// Which texts write a form of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    De,
    En,
    Both,
}

/// One way of writing a month: its lowercase letters, which texts write it, and whether
/// it is an abbreviation (which a date writes with a closing dot: "Okt.", "Sept.").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    pub name: &'static str,
    pub written: Written,
    pub abbreviation: bool,
}

impl Form {
    pub fn in_english(&self) -> bool {
        matches!(self.written, Written::En | Written::Both)
    }

    /// The form as news text writes it: "März", "Sept".
    pub fn capitalised(&self) -> String {
        let mut chars = self.name.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }
}

const fn full(name: &'static str, written: Written) -> Form {
    Form { name, written, abbreviation: false }
}

const fn short(name: &'static str, written: Written) -> Form {
    Form { name, written, abbreviation: true }
}

use Written::{Both, De, En};

/// The forms of each month, January first; the first form is the German name.
pub const MONTHS: [&[Form]; 12] = [
    &[full("januar", De), full("jänner", De), full("january", En), short("jän", De), short("jan", Both)],
    &[full("februar", De), full("feber", De), full("february", En), short("feb", Both)],
    &[full("märz", De), full("maerz", De), full("march", En), short("mär", De), short("mar", En)],
    &[full("april", Both), short("apr", Both)],
    &[full("mai", De), full("may", En)],
    &[full("juni", De), full("june", En), short("jun", Both)],
    &[full("juli", De), full("july", En), short("jul", Both)],
    &[full("august", Both), short("aug", Both)],
    &[full("september", Both), short("sept", Both), short("sep", Both)],
    &[full("oktober", De), full("october", En), short("okt", De), short("oct", En)],
    &[full("november", Both), short("nov", Both)],
    &[full("dezember", De), full("december", En), short("dez", De), short("dec", En)],
];

/// The month (1 to 12) a name or abbreviation stands for, in any case, with or without
/// a closing dot ("März", "Sept.", "Jänner", "DECEMBER").
pub fn number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().position(|forms| forms.iter().any(|f| f.name == name)).and_then(|i| u32::try_from(i + 1).ok())
}

/// Every form of every month.
pub fn all_forms() -> impl Iterator<Item = &'static str> {
    MONTHS.iter().flat_map(|forms| forms.iter().map(|f| f.name))
}

/// The forms that `keep` picks, capitalised as news text writes them ("März"), as the
/// alternatives of a regular expression, longest first (so that "Sept" is tried before
/// "Sep" wherever a pattern lets both end at the same place).
pub fn alternation(keep: impl Fn(&Form) -> bool) -> String {
    let mut names: Vec<String> =
        MONTHS.iter().flat_map(|forms| forms.iter()).filter(|f| keep(f)).map(Form::capitalised).collect();
    names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then_with(|| a.cmp(b)));
    names.dedup();
    names.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_numbers() {
        assert_eq!(number("März"), Some(3));
        assert_eq!(number("Sept."), Some(9));
        assert_eq!(number("Jänner"), Some(1));
        assert_eq!(number("Dezember"), Some(12));
        assert_eq!(number("Okt."), Some(10));
        assert_eq!(number("Feber"), Some(2));
        assert_eq!(number("MAY"), Some(5));
        assert_eq!(number("Woche"), None);
        // Whole names only: a word that merely starts like a month is none.
        assert_eq!(number("Mainz"), None);
        assert_eq!(number("Marktführer"), None);
    }

    #[test]
    fn every_form_is_one_months_and_german_comes_first() {
        let mut seen = std::collections::HashSet::new();
        for (i, forms) in MONTHS.iter().enumerate() {
            assert_ne!(forms[0].written, Written::En, "{forms:?}");
            assert!(!forms[0].abbreviation, "{forms:?}");
            for f in forms.iter() {
                assert!(seen.insert(f.name), "{} twice", f.name);
                assert_eq!(f.name, f.name.to_lowercase());
                assert_eq!(number(f.name), u32::try_from(i + 1).ok(), "{}", f.name);
            }
        }
    }

    #[test]
    fn alternations_are_capitalised_and_longest_first() {
        let english_short = alternation(|f| f.abbreviation && f.in_english());
        assert_eq!(english_short, "Sept|Apr|Aug|Dec|Feb|Jan|Jul|Jun|Mar|Nov|Oct|Sep");
        let german_full = alternation(|f| !f.abbreviation && f.written != Written::En);
        assert!(german_full.starts_with("September|Dezember|November|"), "{german_full}");
        assert!(german_full.contains("|März|") && german_full.contains("|Jänner|"), "{german_full}");
        assert!(!german_full.contains("May") && !german_full.contains("Okt|"), "{german_full}");
    }
}
