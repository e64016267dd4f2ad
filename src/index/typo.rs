//! Near spellings of a query word, found by walking the term dictionary with an automaton.
//!
//! The automaton accepts the terms within `k` edits of the word (k ≤ 2), where an edit is
//! the insertion, deletion or substitution of one character or the swap of two
//! neighbouring ones, and no character is edited twice (the optimal string alignment
//! distance). It runs bit-parallel: for each number of errors d ≤ k a 64-bit mask holds
//! the prefixes of the word that the bytes read so far match with d errors (Wu and
//! Manber's scheme, with one more mask per d for the swaps). Each character read costs a
//! few word operations, and nothing has to be built per query beyond a table of the
//! word's characters: a full Levenshtein DFA for a long word at distance two took longer
//! to build than the rest of a search.
//!
//! The dictionary holds UTF-8 bytes; the automaton gathers the bytes of a character
//! before it moves.

use tantivy_fst::Automaton;

/// The most errors the automaton tracks.
pub const MAX_DISTANCE: u8 = 2;
/// The longest word (in characters) it can take: bit `len` must fit in a `u64`, and a
/// swap looks two bits further.
pub const MAX_CHARS: usize = 61;

/// Accepts the byte strings within `distance` edits of one word.
#[derive(Debug, Clone)]
pub struct NearSpellings {
    /// For each ASCII byte, the mask of the word's positions holding it (bit `j + 1` for
    /// position `j`).
    ascii: [u64; 128],
    /// The same for the word's other characters.
    other: Vec<(char, u64)>,
    len: u32,
    distance: usize,
}

/// Where the automaton is after some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// `matched[d]`: bit `j` set when the characters read match the word's first `j`
    /// characters with at most `d` errors.
    matched: [u64; MAX_DISTANCE as usize + 1],
    /// `swap[d]`: bit `j` set when a swap of the word's characters `j` and `j + 1` is
    /// under way: the first `j` matched with `d - 1` errors and the last character read
    /// is the word's character `j + 1`. `swap[0]` stays empty: a swap is an error.
    swap: [u64; MAX_DISTANCE as usize + 1],
    /// The code point being gathered and how many continuation bytes it still needs.
    partial: u32,
    pending: u8,
}

impl State {
    /// No prefix matched, no character under way: the start of the arithmetic of `step`,
    /// and the state after bytes that are not UTF-8.
    const EMPTY: State =
        State { matched: [0; MAX_DISTANCE as usize + 1], swap: [0; MAX_DISTANCE as usize + 1], partial: 0, pending: 0 };
}

impl NearSpellings {
    /// The automaton for `word` at `distance` (at most [`MAX_DISTANCE`]), or `None` for a
    /// word longer than [`MAX_CHARS`] characters.
    pub fn new(word: &str, distance: u8) -> Option<NearSpellings> {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() > MAX_CHARS {
            return None;
        }
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        for (j, &c) in chars.iter().enumerate() {
            let bit = 1u64 << (j + 1);
            if c.is_ascii() {
                ascii[c as usize] |= bit;
            } else {
                match other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, mask)) => *mask |= bit,
                    None => other.push((c, bit)),
                }
            }
        }
        Some(NearSpellings { ascii, other, len: chars.len() as u32, distance: distance.min(MAX_DISTANCE) as usize })
    }

    fn mask(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.iter().find(|(o, _)| *o == c).map_or(0, |(_, m)| *m)
        }
    }

    /// The state after one more character.
    fn step(&self, s: &State, c: char) -> State {
        let b = self.mask(c);
        let all = (1u64 << (self.len + 1)) - 1;
        let mut next = State::EMPTY;
        next.matched[0] = (s.matched[0] << 1) & b;
        for d in 1..=self.distance {
            let below = s.matched[d - 1];
            next.matched[d] = (((s.matched[d] << 1) & b)
                | below                      // c is an extra character
                | (below << 1)               // c replaces the word's next character
                | (next.matched[d - 1] << 1) // the word's next character is missing
                | ((s.swap[d] & (b >> 1)) << 2))
                & all;
            next.swap[d] = below & (b >> 2);
        }
        next
    }

    /// True if and only if the whole of `text` is within the distance of the word.
    #[cfg(test)]
    fn accepts(&self, text: &str) -> bool {
        let mut s = self.start();
        for b in text.bytes() {
            s = self.accept(&s, b);
        }
        self.is_match(&s)
    }
}

impl Automaton for NearSpellings {
    type State = State;

    fn start(&self) -> State {
        let mut s = State::EMPTY;
        for d in 0..=self.distance {
            // The first d characters of the word may be missing.
            s.matched[d] = (1u64 << (d + 1)) - 1;
        }
        s
    }

    fn is_match(&self, s: &State) -> bool {
        s.pending == 0 && s.matched[self.distance] & (1u64 << self.len) != 0
    }

    fn can_match(&self, s: &State) -> bool {
        // A swap under way implies a match with fewer errors, so `matched` alone tells.
        s.matched[self.distance] != 0
    }

    fn accept(&self, s: &State, byte: u8) -> State {
        let (code, pending) = match (s.pending, byte) {
            (0, 0x00..=0x7F) => (u32::from(byte), 0),
            (0, 0xC0..=0xDF) => (u32::from(byte & 0x1F), 1),
            (0, 0xE0..=0xEF) => (u32::from(byte & 0x0F), 2),
            (0, 0xF0..=0xF7) => (u32::from(byte & 0x07), 3),
            (n, 0x80..=0xBF) if n > 0 => ((s.partial << 6) | u32::from(byte & 0x3F), n - 1),
            // Not UTF-8: no term of the dictionary.
            _ => return State::EMPTY,
        };
        if pending > 0 {
            return State { partial: code, pending, ..*s };
        }
        match char::from_u32(code) {
            Some(c) => self.step(s, c),
            None => State::EMPTY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn within(a: &str, b: &str, k: u8) -> bool {
        strsim::osa_distance(a, b) <= k as usize
    }

    #[test]
    fn edits_of_each_kind() {
        let a = NearSpellings::new("sanktion", 2).expect("short word");
        for (text, ok) in [
            ("sanktion", true),
            ("sanktoin", true),     // swap
            ("sanction", true),     // substitution
            ("sanktionen", true),   // two insertions
            ("sankion", true),      // deletion
            ("snaktoin", true),     // two swaps
            ("sanktionene", false), // three insertions
            ("xanktionxx", false),
            ("", false),
        ] {
            assert_eq!(a.accepts(text), ok, "{text}");
        }
        let one = NearSpellings::new("prüfung", 1).expect("short word");
        assert!(one.accepts("prufung"));
        assert!(one.accepts("prüfugn"));
        assert!(!one.accepts("prufugn"));
        assert!(NearSpellings::new(&"a".repeat(MAX_CHARS + 1), 1).is_none());
        assert!(NearSpellings::new(&"a".repeat(MAX_CHARS), 2).is_some_and(|a| a.accepts(&"a".repeat(MAX_CHARS + 2))));
    }

    #[test]
    fn bytes_that_are_not_utf8_match_nothing() {
        let a = NearSpellings::new("ab", 2).expect("short word");
        let mut s = a.start();
        for b in [0xFF, b'a', b'b'] {
            s = a.accept(&s, b);
        }
        assert!(!a.is_match(&s) && !a.can_match(&s));
    }

    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(prop::sample::select(vec!['a', 'b', 'c', 'ä', 'ß', 'é', '中', '😀']), 0..9)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// Acceptance is the optimal string alignment distance, and no prefix of an
        /// accepted text is pruned on the way.
        #[test]
        fn agrees_with_the_edit_distance(w in word(), t in word(), k in 0u8..=2) {
            let a = NearSpellings::new(&w, k).expect("short word");
            prop_assert_eq!(a.accepts(&t), within(&w, &t, k));
            if within(&w, &t, k) {
                let mut s = a.start();
                for b in t.bytes() {
                    prop_assert!(a.can_match(&s));
                    s = a.accept(&s, b);
                }
            }
        }

        /// The same terms as the Levenshtein DFA Tantivy builds for a fuzzy term query
        /// (distance with swaps), which this automaton replaced.
        #[test]
        fn agrees_with_tantivys_automaton(w in word(), t in word(), k in 1u8..=2) {
            let field = tantivy::schema::Field::from_field_id(0);
            let fuzzy = tantivy::query::FuzzyTermQuery::new(tantivy::Term::from_field_text(field, &w), k, true);
            let dfa = fuzzy.automaton().expect("automaton");
            let mut s = dfa.start();
            for b in t.bytes() {
                s = dfa.accept(&s, b);
            }
            let ours = NearSpellings::new(&w, k).expect("short word");
            prop_assert_eq!(ours.accepts(&t), dfa.is_match(&s));
        }
    }
}
