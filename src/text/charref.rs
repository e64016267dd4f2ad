//! HTML character references ("&amp;", "&#8217;", "&#x2019;", "&rsquo;"): what they stand
//! for. The HTML loader decodes them to judge a paragraph's form, the sentence splitter
//! reads each as the one character it stands for (so `wrote.&#8221; The` ends a sentence
//! after the closing quote), and the terminal shows quotes of HTML pages decoded. The
//! file's bytes, and so every quote, keep the reference as written.

use std::borrow::Cow;

/// A reference at the start of `s`: its text, `&` to `;`, or `None` when `s` does not
/// start with something shaped like one (`&#` and 1 to 7 digits, `&#x` and 1 to 6 hex
/// digits, or `&` and a name of 2 to 32 letters and digits starting with a letter).
fn reference(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    if b.first() != Some(&b'&') {
        return None;
    }
    let (body_start, max, ok): (usize, usize, fn(u8) -> bool) = match (b.get(1), b.get(2)) {
        (Some(b'#'), Some(b'x' | b'X')) => (3, 6, |c| c.is_ascii_hexdigit()),
        (Some(b'#'), _) => (2, 7, |c| c.is_ascii_digit()),
        (Some(c), _) if c.is_ascii_alphabetic() => (1, 32, |c| c.is_ascii_alphanumeric()),
        _ => return None,
    };
    let len = b[body_start..].iter().take(max + 1).take_while(|&&c| ok(c)).count();
    let min = if body_start == 1 { 2 } else { 1 };
    (min..=max).contains(&len).then_some(())?;
    (b.get(body_start + len) == Some(&b';')).then(|| &s[..body_start + len + 1])
}

/// The character a reference at the start of `s` stands for, with the reference's length
/// in bytes; `None` when `s` starts with no reference, or with one this table does not
/// know (it is then text as written).
pub fn at(s: &str) -> Option<(char, usize)> {
    let r = reference(s)?;
    let name = &r[1..r.len() - 1];
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse::<u32>().ok().and_then(char::from_u32)
    } else {
        named(name)
    }?;
    Some((c, r.len()))
}

/// `s` with every known reference replaced by the character it stands for.
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match at(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// True when every reference in `s` is one this table knows and stands for a character
/// that is no letter or digit (a quotation mark, an apostrophe, a dash, a space, `&`):
/// read as written, the words of such text keep their letters.
pub fn only_punctuation(s: &str) -> bool {
    s.match_indices('&').all(|(i, _)| match at(&s[i..]) {
        Some((c, _)) => !c.is_alphanumeric(),
        None => reference(&s[i..]).is_none(),
    })
}

fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "ndash" => '–',
        "mdash" => '—',
        "bdquo" => '„',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "pound" => '£',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "sect" => '§',
        "shy" => '\u{ad}',
        _ => return None,
    })
}

/// A quote as the reader of its page saw it: an HTML page's character references
/// (`Vibely&#8217;s`) decoded; quotes of other files as they are. Answers in JSON keep
/// the quote as the file writes it.
pub fn shown<'a>(quote: &'a str, article_file: &str) -> Cow<'a, str> {
    if crate::corpus::Format::of(article_file) == Some(crate::corpus::Format::Html) {
        decode(quote)
    } else {
        Cow::Borrowed(quote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_to_their_characters() {
        assert_eq!(decode("Vibely&#8217;s app&#x2019;s &rsquo;s"), "Vibely’s app’s ’s");
        assert_eq!(decode("AT&amp;T &uuml;ber &nbsp;x"), "AT&T über \u{a0}x");
        // Unknown, malformed and out-of-range references stay as written.
        assert_eq!(
            decode("&unknown; & &#; &#x110000; &amp &#12345678;"),
            "&unknown; & &#; &#x110000; &amp &#12345678;"
        );
        assert_eq!(at("&#8221; He"), Some(('”', 7)));
        assert_eq!(at("&a;"), None, "a name has two letters at least");
        assert!(matches!(decode("no reference"), Cow::Borrowed(_)));
    }

    #[test]
    fn punctuation_references_keep_the_words() {
        assert!(only_punctuation("granted Vibely&#8217;s request, &#8220;a ban&#8221; &amp; more&nbsp;text"));
        assert!(only_punctuation("Tom & Jerry, a lone & and &#; are text"));
        assert!(!only_punctuation("Verbot f&uuml;r Apps"));
        assert!(!only_punctuation("caf&#233;"));
        assert!(!only_punctuation("an &unknown; reference"));
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics_and_keeps_plain_text(s in "[a-z&#;x0-9 ]{0,40}") {
            let d = decode(&s);
            // A reference is never shorter than what it stands for.
            proptest::prop_assert!(d.len() <= s.len(), "{:?} -> {:?}", s, d);
            if !s.contains('&') {
                proptest::prop_assert_eq!(d.as_ref(), s.as_str());
            }
        }
    }
}
