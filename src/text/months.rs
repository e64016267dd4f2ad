//! Month names, German and English, full and abbreviated: the one table the sentence
//! splitter, the date reader, the dateline sniffer and the entity stoplist share.

/// The lowercase forms of each month, January first.
pub const NAMES: [&[&str]; 12] = [
    &["januar", "jänner", "jän", "january", "jan"],
    &["februar", "feber", "february", "feb"],
    &["märz", "maerz", "march", "mär", "mar"],
    &["april", "apr"],
    &["mai", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov"],
    &["dezember", "december", "dez", "dec"],
];

/// The month (1 to 12) a name or abbreviation stands for, in any case, with or without
/// a closing dot ("März", "Sept.", "Jänner", "DECEMBER").
pub fn number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    NAMES.iter().position(|forms| forms.contains(&name.as_str())).and_then(|i| u32::try_from(i + 1).ok())
}

/// Every form of every month.
pub fn all_forms() -> impl Iterator<Item = &'static str> {
    NAMES.iter().flat_map(|forms| forms.iter().copied())
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
}
