//! Near-duplicate detection: articles that tell the same story (a rewrite of an agency
//! report beside the report itself) share many word 5-grams.
//!
//! Each article keeps a sample of its word 5-gram hashes (those whose hash is 0 modulo
//! [`SAMPLE_MODULUS`]; the same 5-gram is kept or dropped in every article, so the sample
//! of an overlap is the overlap of the samples). Two articles are near-duplicates when
//! their sampled overlap is at least [`MIN_OVERLAP`] shingles and at least
//! [`MIN_CONTAINMENT`] of the smaller sample. Candidates come from the articles holding
//! each shingle: among those indexed before, from the `shingle` fast field of article
//! documents (its dictionary read once per chunk of new articles); within the batch being
//! indexed, from [`ShingleIndex`]. A shingle shared by more than [`MAX_POSTINGS`]
//! articles is a stock phrase and is skipped, which keeps the work per article bounded
//! and the whole run sub-quadratic; each article records at most [`MAX_LINKS`] links (its
//! strongest overlaps).
//!
//! Measured on the seed articles: the rewrite 000 and the report 001 share 15% of their
//! 5-grams (12 of 69 sampled ones, 17%); unrelated pairs share none of the sampled ones.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use chrono::NaiveDate;

use super::analyzer::{fold_word_into, words};
use crate::corpus::Article;
use crate::model::Lang;

pub const SAMPLE_MODULUS: u64 = 4;
pub const MIN_OVERLAP: usize = 3;
pub const MIN_CONTAINMENT: f64 = 0.10;
pub const MAX_POSTINGS: usize = 16;
/// At most this many near-duplicate links are recorded per article (the strongest).
pub const MAX_LINKS: usize = 3;
const SHINGLE_WORDS: usize = 5;

thread_local! {
    /// The word hashes of the sentences this thread has hashed: a sentence that several
    /// outlets print is hashed once.
    static WORD_HASHES: std::cell::RefCell<crate::text::memo::Memo<Vec<u64>>> = Default::default();
}

/// The sampled shingle hashes of an article's citable text (boilerplate excluded), over
/// its passages as the indexer segmented them.
pub fn shingles_of(article: &Article, passages: &[crate::corpus::Passage]) -> Vec<u64> {
    // Each word is folded and hashed as it is met; a shingle combines five word hashes.
    let sequence = word_hashes(article, passages);
    let mut out: Vec<u64> =
        sequence.windows(SHINGLE_WORDS).map(shingle_hash).filter(|h| h.is_multiple_of(SAMPLE_MODULUS)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A signature as the index keeps it: each hash in eight little-endian bytes, in order.
pub fn packed(shingles: &[u64]) -> Vec<u8> {
    shingles.iter().flat_map(|s| s.to_le_bytes()).collect()
}

/// The hashes of a signature [`packed`] wrote (bytes after the last whole eight, which it
/// never writes, are ignored).
pub fn unpacked(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()))
}

/// The hash of every folded word of the passages, in order.
fn word_hashes(article: &Article, passages: &[crate::corpus::Passage]) -> Vec<u64> {
    let mut sequence: Vec<u64> = Vec::new();
    let mut folded = String::new();
    WORD_HASHES.with(|memo| {
        let mut memo = memo.borrow_mut();
        for p in passages {
            let Some(text) = article.text.get(p.range.clone()) else { continue };
            if let Some(hashes) = memo.get(text) {
                sequence.extend_from_slice(hashes);
                continue;
            }
            let from = sequence.len();
            sequence.extend(words(text).map(|(_, w)| folded_word_hash(w, &mut folded)));
            memo.insert(text, sequence[from..].to_vec());
        }
    });
    sequence
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a (64 bit) of a folded word. Stable across builds, like [`shingle_hash`].
fn word_hash(word: &str) -> u64 {
    word.bytes().fold(FNV_OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// `word_hash` of the word folded as German (`fold_word_into`), `buffer` being scratch
/// space. An ASCII word (most words) is folded as it is hashed, without a copy: its
/// letters lowercased, an `e` after `a`, `o` or `u` (but not after `qu`) dropped.
fn folded_word_hash(word: &str, buffer: &mut String) -> u64 {
    if !word.is_ascii() {
        fold_word_into(Lang::De, word, buffer);
        return word_hash(buffer);
    }
    let bytes = word.as_bytes();
    let lower = |i: usize| bytes.get(i).map(u8::to_ascii_lowercase);
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while let Some(b) = lower(i) {
        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        let merges = lower(i + 1) == Some(b'e')
            && (matches!(b, b'a' | b'o') || b == b'u' && (i == 0 || lower(i - 1) != Some(b'q')));
        i += if merges { 2 } else { 1 };
    }
    h
}

/// The hash of five consecutive words from their word hashes: each is mixed in by a
/// multiply (so the order counts), then a final avalanche makes the low bits used for
/// sampling depend on every word. Stable across builds: the hashes are stored in the
/// index (and `build.rs` fingerprints this file, so an index hashed otherwise is rebuilt).
fn shingle_hash(words: &[u64]) -> u64 {
    let mut h: u64 = 0x243f_6a88_85a3_08d3;
    for &w in words {
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^= h >> 29;
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The order that decides which of two near-duplicates is the primary: earlier
/// publication first, a stated date before an estimated one, then the file name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PrimaryOrder {
    pub published: Option<NaiveDate>,
    pub estimated: bool,
    pub file: String,
}

impl PrimaryOrder {
    /// Articles without a date sort after dated ones.
    fn key(&self) -> (bool, Option<NaiveDate>, bool, &str) {
        (self.published.is_none(), self.published, self.estimated, &self.file)
    }

    pub fn precedes(&self, other: &PrimaryOrder) -> bool {
        self.key() < other.key()
    }
}

/// True if and only if the sampled overlap makes two articles near-duplicates.
pub fn is_near_duplicate(overlap: usize, len_a: usize, len_b: usize) -> bool {
    let smaller = len_a.min(len_b);
    overlap >= MIN_OVERLAP && smaller > 0 && overlap as f64 / smaller as f64 >= MIN_CONTAINMENT
}

/// An in-memory inverted index of shingles for one batch of articles, with articles
/// numbered from 0 in the order they are added.
///
/// Built for the size of a whole corpus indexed from scratch (one entry per distinct
/// sampled shingle): most shingles belong to one or two articles, whose numbers are kept
/// in the entry itself rather than in a list of their own on the heap.
#[derive(Default)]
pub struct ShingleIndex {
    postings: FxHashMap<u64, SmallVec<[usize; 2]>>,
    /// Overlap counts by article number, all zero between calls of `add`.
    counts: Vec<u32>,
    /// The articles `counts` holds a count for.
    touched: Vec<usize>,
}

impl ShingleIndex {
    /// Adds article `id` and returns its overlap counts (article number, shared
    /// shingles) with every article added before it that shares at least one shingle,
    /// stock phrases skipped, in the order they were met. Each shingle is looked up once,
    /// for the counting and the adding both: the table holds about a million shingles at
    /// 10k articles, and a lookup is mostly a cache miss. `shingles` are distinct, as
    /// [`shingles_of`] gives them.
    pub fn add(&mut self, id: usize, shingles: &[u64]) -> Vec<(usize, usize)> {
        for s in shingles {
            let list = self.postings.entry(*s).or_default();
            // A stock phrase: no evidence, and no longer worth listing.
            if list.len() > MAX_POSTINGS {
                continue;
            }
            for &other in list.iter().filter(|&&other| other != id) {
                if other >= self.counts.len() {
                    self.counts.resize(other + 1, 0);
                }
                if self.counts[other] == 0 {
                    self.touched.push(other);
                }
                self.counts[other] += 1;
            }
            list.push(id);
        }
        let counts = &mut self.counts;
        self.touched.drain(..).map(|o| (o, std::mem::take(&mut counts[o]) as usize)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_sentences_give_the_same_word_hashes() {
        let text = "---\ntitle: T\nsource: S\npublished: 2024-07-16\nlanguage: de\n---\n\nDas Amt sperrte die App von Vantrix am Montag endgültig. Die Firma kündigte eine Klage an und sprach von Willkür.\n\nDas Amt sperrte die App von Vantrix am Montag endgültig. Danach sagte ein Sprecher, man prüfe alle weiteren Schritte genau.\n";
        let article = crate::corpus::parse_article("a.md", text.as_bytes()).expect("parses");
        let passages = article.passages();
        let mut buffer = String::new();
        let expect: Vec<u64> = passages
            .iter()
            .flat_map(|p| words(&article.text[p.range.clone()]).map(|(_, w)| w).collect::<Vec<_>>())
            .map(|w| folded_word_hash(w, &mut buffer))
            .collect();
        assert!(expect.len() > 30, "the test article has words to hash: {}", expect.len());
        std::thread::scope(|s| {
            s.spawn(|| {
                WORD_HASHES.with(|m| m.borrow_mut().clear());
                assert_eq!(word_hashes(&article, &passages), expect, "a sentence remembered within the article");
                assert_eq!(word_hashes(&article, &passages), expect, "every sentence remembered");
            })
            .join()
            .expect("no panic")
        });
    }

    proptest::proptest! {
        /// Folding while hashing gives the hash of the folded word, for words of every
        /// case and the vowel pairs the German rule merges.
        #[test]
        fn a_word_hashed_as_it_is_folded_is_the_folded_words_hash(
            word in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'A', 'e', 'E', 'o', 'O', 'u', 'U', 'q', 'Q', 'z', '1', 'ä', 'ß']),
                0..12,
            ),
        ) {
            let word: String = word.into_iter().collect();
            let mut folded = String::new();
            fold_word_into(Lang::De, &word, &mut folded);
            proptest::prop_assert_eq!(folded_word_hash(&word, &mut String::new()), word_hash(&folded));
        }

        /// A signature packed into the bytes the index keeps unpacks to the same hashes,
        /// in the same order.
        #[test]
        fn a_packed_signature_unpacks_to_its_hashes(shingles in proptest::collection::vec(proptest::num::u64::ANY, 0..64)) {
            let bytes = packed(&shingles);
            proptest::prop_assert_eq!(bytes.len(), 8 * shingles.len());
            proptest::prop_assert_eq!(unpacked(&bytes).collect::<Vec<_>>(), shingles);
        }
    }

    #[test]
    fn containment_threshold() {
        assert!(is_near_duplicate(15, 73, 107));
        assert!(!is_near_duplicate(1, 79, 169));
        assert!(!is_near_duplicate(2, 4, 4), "too few shared shingles");
        assert!(!is_near_duplicate(0, 0, 0));
    }

    #[test]
    fn primary_order_prefers_stated_and_earlier_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let p =
            |date: &str, est: bool, file: &str| PrimaryOrder { published: d(date), estimated: est, file: file.into() };
        assert!(p("2024-07-16", false, "b").precedes(&p("2024-07-16", true, "a")));
        assert!(p("2024-07-15", true, "b").precedes(&p("2024-07-16", false, "a")));
        assert!(p("2024-07-16", false, "a").precedes(&p("2024-07-16", false, "b")));
        assert!(p("2024-07-16", false, "z").precedes(&p("", false, "a")));
    }

    #[test]
    fn stock_phrases_are_capped() {
        let mut idx = ShingleIndex::default();
        for id in 0..(MAX_POSTINGS + 5) {
            idx.add(id, &[7, 1000 + id as u64]);
        }
        let counts = idx.add(MAX_POSTINGS + 5, &[7]);
        assert!(counts.is_empty(), "{counts:?}");
    }

    #[test]
    fn overlaps_count_shared_shingles_and_start_afresh() {
        let mut idx = ShingleIndex::default();
        assert_eq!(idx.add(0, &[1, 2, 3]), vec![]);
        assert_eq!(idx.add(1, &[2, 3, 4]), vec![(0, 2)]);
        assert_eq!(idx.add(2, &[9]), vec![]);
        let mut got = idx.add(3, &[1, 2, 3, 4, 5]);
        got.sort();
        assert_eq!(got, vec![(0, 3), (1, 3)]);
        // The counts of one call do not leak into the next.
        let mut got = idx.add(4, &[4]);
        got.sort();
        assert_eq!(got, vec![(1, 1), (3, 1)]);
    }

    proptest::proptest! {
        /// Each article's overlaps are its shared shingles with each article before it,
        /// counted from the sets themselves, leaving out every shingle that more than
        /// [`MAX_POSTINGS`] earlier articles hold.
        #[test]
        fn overlaps_are_the_shared_shingles_of_earlier_articles(
            articles in proptest::collection::vec(proptest::collection::btree_set(0u64..10, 0..8), 0..40),
        ) {
            let mut idx = ShingleIndex::default();
            for (i, set) in articles.iter().enumerate() {
                let shingles: Vec<u64> = set.iter().copied().collect();
                let mut got = idx.add(i, &shingles);
                got.sort();
                let mut expected = Vec::new();
                for (j, earlier) in articles[..i].iter().enumerate() {
                    let shared = set
                        .intersection(earlier)
                        .filter(|s| articles[..i].iter().filter(|a| a.contains(s)).count() <= MAX_POSTINGS)
                        .count();
                    if shared > 0 {
                        expected.push((j, shared));
                    }
                }
                proptest::prop_assert_eq!(got, expected, "article {}", i);
            }
        }
    }
}
