//! Text utilities shared by the loader, the extractors and the index.

pub mod charref;
pub(crate) mod memo;
pub mod months;
pub mod segment;

/// `s.to_lowercase()`, faster on text that is mostly ASCII with a letter beyond it here
/// and there, as German is. The standard library lowercases the ASCII that opens a string
/// in blocks, and every character after the first other one by itself (about 25
/// instructions a byte over the sentences of an article); here each run of ASCII is copied
/// and lowercased whole, and only the other characters are mapped one by one. A string
/// with a capital sigma, whose lowercase depends on its place in a word, is left to the
/// standard library.
pub fn lowercase(s: &str) -> String {
    if s.contains('Σ') {
        return s.to_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(ascii);
        let start = out.len();
        out.push_str(run);
        out[start..].make_ascii_lowercase();
        let mut chars = tail.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    #[test]
    fn lowercase_is_the_standard_library_s() {
        for s in [
            "",
            "Die US-Regierung VERBIETET TikTok.",
            "Über Änderungen: ÖFFENTLICHE Straße, GROẞ",
            "İstanbul, ΟΔΟΣ, Σίσυφος ΣΑΣ",
            "ǅ ǈ Ⅻ 𝐀 Ꭰ ＡＢＣ",
            "naïve café — „Zitat“ 5\u{a0}Mio.",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_agrees_on_any_text(s in "\\PC{0,80}") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }

        #[test]
        fn lowercase_agrees_on_mixed_scripts(s in "[A-Za-zÄÖÜäöüßẞİΣσΑ-Ωα-ωА-Яа-я .,;'’-]{0,60}") {
            proptest::prop_assert_eq!(lowercase(&s), s.to_lowercase());
        }
    }
}
