//! What is read from a sentence's own words, kept for the sentence's next occurrence.
//!
//! A news corpus repeats sentences word for word: wire copy that several outlets print,
//! stock phrases, a publisher's notes. The cue reader and the authority reader look at
//! nothing but the lowercased sentence, entity finding at the sentence and at the
//! names discovered in its article. What the cue reader asks of the sentences before it
//! ([`sentence_cues`]) and what entity finding asks of the discovered names
//! ([`entities_in`]) is kept with the answer, and a remembered reading stands only where
//! the same questions get the same answers. Each thread keeps its own memos ([`Memo`]).

use std::cell::{OnceCell, RefCell};

use rustc_hash::FxHashSet;

use super::authorities::{self, Named};
use super::entities::{self, EntityHit};
use super::measures::{self, SentenceCues};
use crate::text::memo::{remembered, Memo};

/// A sentence's cues, and the answer the reader was given about the sentences before it
/// (`None`: it did not ask).
#[derive(Clone)]
struct Reading {
    cues: SentenceCues,
    asked: Option<bool>,
}

/// The names a sentence was found to hold, and each word that was looked up among the
/// names discovered in its article, with the answer.
#[derive(Clone)]
struct Found {
    hits: Vec<EntityHit>,
    lookups: Vec<(Box<str>, bool)>,
}

thread_local! {
    static FOUND: RefCell<Memo<Found>> = Default::default();
    static CUES: RefCell<Memo<Reading>> = Default::default();
    static NAMED: RefCell<Memo<Option<Named>>> = Default::default();
}

/// The cues of a sentence that is no heading: [`measures::read_in`], and where it finds
/// neither a measure nor a standing, a court's ruling or a stopped order that names no
/// measure. `authority_nearby` is asked, as `read_in` asks it, only when the reading
/// depends on it; a remembered reading that depended on it is used only when the answer
/// is the same now.
pub(crate) fn sentence_cues(lower: &str, authority_nearby: impl FnOnce() -> bool) -> SentenceCues {
    // Asked at most once, whether for the remembered reading or for a new one.
    let answer = OnceCell::new();
    let mut authority_nearby = Some(authority_nearby);
    let mut nearby = || *answer.get_or_init(|| authority_nearby.take().is_some_and(|f| f()));
    if let Some(r) = CUES.with(|m| m.borrow().get(lower).cloned()) {
        if r.asked.is_none_or(|then| nearby() == then) {
            return r.cues;
        }
    }
    let mut asked = None;
    let mut cues = measures::read_in(lower, || {
        let now = nearby();
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

/// [`entities::find`], remembered: a remembered sentence's names stand when every word
/// looked up among the discovered names then gets the same answer in this article.
pub(crate) fn entities_in(sentence: &str, discovered: &FxHashSet<String>) -> Vec<EntityHit> {
    let same = |f: &Found| f.lookups.iter().all(|(w, was)| discovered.contains(&**w) == *was);
    if let Some(hits) = FOUND.with(|m| m.borrow().get(sentence).filter(|f| same(f)).map(|f| f.hits.clone())) {
        return hits;
    }
    let mut lookups = Vec::new();
    let hits = entities::find_with(sentence, |w| {
        let is = discovered.contains(w);
        lookups.push((w.into(), is));
        is
    });
    FOUND.with(|m| m.borrow_mut().insert(sentence, Found { hits: hits.clone(), lookups }));
    hits
}

/// [`authorities::named`], remembered.
pub(crate) fn named(lower: &str) -> Option<Named> {
    remembered(&NAMED, lower, || authorities::named(lower))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            CUES.with(|m| m.borrow_mut().clear());
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
    fn remembered_names_stand_only_for_the_same_discovered_names() {
        let sentence = "Die Regierung setzte Quorvane und Tessaly auf die Liste.";
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<FxHashSet<String>>();
        let sets = [set(&["Quorvane"]), set(&["Quorvane", "Tessaly"]), set(&[]), set(&["Tessaly"])];
        for first in &sets {
            for second in &sets {
                FOUND.with(|m| m.borrow_mut().clear());
                assert_eq!(entities_in(sentence, first), entities::find(sentence, first));
                assert_eq!(
                    entities_in(sentence, second),
                    entities::find(sentence, second),
                    "{first:?} then {second:?}"
                );
            }
        }
        assert_ne!(entities::find(sentence, &sets[0]), entities::find(sentence, &sets[1]));
    }

    #[test]
    fn remembered_authorities_are_the_readers() {
        assert!(authorities::named("das handelsministerium setzte vantrix auf die entity list.").is_some());
        for lower in ["das handelsministerium setzte vantrix auf die entity list.", "vantrix wies das zurück.", ""] {
            assert_eq!(named(lower), authorities::named(lower));
            assert_eq!(named(lower), authorities::named(lower), "remembered: {lower}");
        }
    }
}
