//! What is read from a sentence's own words, kept for the sentence's next occurrence.
//!
//! A news corpus repeats sentences word for word: wire copy that several outlets print,
//! stock phrases, a publisher's notes. The cue reader and the authority reader look at
//! nothing but the lowercased sentence (the cue reader may also ask one question of the
//! sentences before it, see [`sentence_cues`]), so what they found the first time is
//! what they would find again. Each thread keeps its own memo, and a full memo starts
//! over: memory stays bounded, and no lock is taken.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use super::authorities::{self, Named};
use super::measures::{self, SentenceCues};

/// Bytes of sentence text a thread's memo holds before it starts over (a few thousand
/// sentences; the values are small beside their keys).
const MEMO_BYTES: usize = 4 << 20;

/// Values keyed by lowercased sentence, up to [`MEMO_BYTES`] of keys.
struct Memo<V> {
    map: FxHashMap<Box<str>, V>,
    bytes: usize,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { map: FxHashMap::default(), bytes: 0 }
    }
}

impl<V> Memo<V> {
    fn get(&self, lower: &str) -> Option<&V> {
        self.map.get(lower)
    }

    fn insert(&mut self, lower: &str, value: V) {
        if self.bytes + lower.len() > MEMO_BYTES {
            self.map.clear();
            self.bytes = 0;
        }
        self.bytes += lower.len();
        self.map.insert(lower.into(), value);
    }
}

/// A sentence's cues, and the answer the reader was given about the sentences before it
/// (`None`: it did not ask).
#[derive(Clone)]
struct Reading {
    cues: SentenceCues,
    asked: Option<bool>,
}

thread_local! {
    static CUES: RefCell<Memo<Reading>> = RefCell::new(Memo::default());
    static NAMED: RefCell<Memo<Option<Named>>> = RefCell::new(Memo::default());
}

/// The cues of a sentence that is no heading: [`measures::read_in`], and where it finds
/// neither a measure nor a standing, a court's ruling or a stopped order that names no
/// measure. `authority_nearby` is asked, as `read_in` asks it, only when the reading
/// depends on it; a remembered reading that depended on it is used only when the answer
/// is the same now.
pub(crate) fn sentence_cues(lower: &str, authority_nearby: impl FnOnce() -> bool) -> SentenceCues {
    let remembered = CUES.with(|m| m.borrow().get(lower).cloned());
    let mut authority_nearby = Some(authority_nearby);
    let mut answer = None;
    if let Some(r) = remembered {
        match r.asked {
            None => return r.cues,
            Some(then) => {
                let now = authority_nearby.take().is_some_and(|f| f());
                if now == then {
                    return r.cues;
                }
                answer = Some(now);
            }
        }
    }
    let mut asked = None;
    let mut cues = measures::read_in(lower, || {
        let now = match answer {
            Some(now) => now,
            None => authority_nearby.take().is_some_and(|f| f()),
        };
        asked = Some(now);
        now
    });
    if cues.cues.is_empty() && cues.status.is_none() {
        // "Eine Bundesrichterin setzte die Einstufung des Konzerns vorläufig aus": a
        // court stopped a measure the sentence does not name (see pass 3).
        cues.status = measures::court_ruling(lower).or_else(|| measures::order_stopped(lower));
    }
    CUES.with(|m| m.borrow_mut().insert(lower, Reading { cues: cues.clone(), asked }));
    cues
}

/// [`authorities::named`], remembered.
pub(crate) fn named(lower: &str) -> Option<Named> {
    if let Some(named) = NAMED.with(|m| m.borrow().get(lower).copied()) {
        return named;
    }
    let named = authorities::named(lower);
    NAMED.with(|m| m.borrow_mut().insert(lower, named));
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_memo_starts_over() {
        let mut m: Memo<usize> = Memo::default();
        let sentence = "x".repeat(MEMO_BYTES / 2 + 1);
        m.insert(&sentence, 1);
        assert_eq!(m.get(&sentence), Some(&1));
        m.insert("kurz", 2);
        assert_eq!(m.bytes, sentence.len() + 4);
        let other = "y".repeat(MEMO_BYTES / 2 + 1);
        m.insert(&other, 3);
        assert_eq!(m.get(&sentence), None, "the memo started over");
        assert_eq!(m.get(&other), Some(&3));
        assert_eq!(m.bytes, other.len());
    }

    /// A sentence whose reading depends on the sentences before it: a warning that names
    /// no authority.
    fn depends_on_context(lower: &str) -> bool {
        let mut asked = false;
        measures::read_in(lower, || {
            asked = true;
            true
        });
        asked
    }

    #[test]
    fn a_reading_that_asked_about_the_context_is_reused_only_for_the_same_answer() {
        let lower = "sie warnt vor dem einsatz der software von vantrix.";
        assert!(depends_on_context(lower), "the test sentence must ask about its context");
        let with = measures::read_in(lower, || true);
        let without = measures::read_in(lower, || false);
        assert_ne!(with, without, "the test sentence must read differently by its context");
        for (first, second) in [(true, false), (false, true), (true, true), (false, false)] {
            CUES.with(|m| *m.borrow_mut() = Memo::default());
            let expect = |nearby: bool| if nearby { with.clone() } else { without.clone() };
            assert_eq!(sentence_cues(lower, || first), expect(first));
            assert_eq!(sentence_cues(lower, || second), expect(second), "{first} then {second}");
        }
    }

    #[test]
    fn a_reading_that_did_not_ask_is_reused_without_asking() {
        let lower = "das handelsministerium setzte vantrix auf die entity list.";
        assert!(!depends_on_context(lower));
        let first = sentence_cues(lower, || panic!("a sentence that names its authority asks nothing"));
        assert!(!first.cues.is_empty());
        let again = sentence_cues(lower, || panic!("a remembered reading asks nothing"));
        assert_eq!(first, again);
    }

    #[test]
    fn remembered_authorities_are_the_readers() {
        for lower in ["das handelsministerium setzte vantrix auf die entity list.", "vantrix wies das zurück.", ""] {
            assert_eq!(named(lower), authorities::named(lower));
            assert_eq!(named(lower), authorities::named(lower), "remembered: {lower}");
        }
    }
}
