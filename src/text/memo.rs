//! A bounded memo of what is computed from a piece of text alone, for the text a corpus
//! repeats word for word: wire copy that several outlets print, stock phrases, a
//! publisher's notes. A memo lives in one thread (no lock is taken), and a full memo
//! starts over, so memory stays bounded.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// Bytes of text a memo holds before it starts over (tens of thousands of sentences).
/// Only the keys are counted: most values are small beside them, and the largest, a
/// line's words for name discovery, take about three times their line.
const MEMO_BYTES: usize = 4 << 20;

/// Values keyed by text, up to [`MEMO_BYTES`] of keys.
pub(crate) struct Memo<V> {
    map: FxHashMap<Box<str>, V>,
    bytes: usize,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { map: FxHashMap::default(), bytes: 0 }
    }
}

impl<V> Memo<V> {
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key)
    }

    pub(crate) fn insert(&mut self, key: &str, value: V) {
        if let Some(old) = self.map.get_mut(key) {
            *old = value;
            return;
        }
        if self.bytes + key.len() > MEMO_BYTES {
            self.clear();
        }
        self.bytes += key.len();
        self.map.insert(key.into(), value);
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.map.clear();
        self.bytes = 0;
    }
}

/// The value `memo` (a thread's own) holds for `key`, computed and kept if it holds
/// none.
pub(crate) fn remembered<V: Clone>(
    memo: &'static LocalKey<RefCell<Memo<V>>>,
    key: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(value) = memo.with(|m| m.borrow().get(key).cloned()) {
        return value;
    }
    // Computed with no borrow held: what it computes may use memos of its own.
    let value = compute();
    memo.with(|m| m.borrow_mut().insert(key, value.clone()));
    value
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

    #[test]
    fn a_sentence_remembered_again_is_counted_once() {
        let mut m: Memo<usize> = Memo::default();
        m.insert("kurz", 1);
        m.insert("kurz", 2);
        assert_eq!((m.get("kurz"), m.bytes), (Some(&2), 4));
    }
}
