//! Word fingerprints: cheap tests of whether words may occur in a word
//! list, so that most text is ruled out before it is compared word by word
//! with the template's guidance. Figures of the guidance are computed once,
//! when the template is loaded; the checks fingerprint the spec's words.

/// A case-insensitive hash of a word from its length and its first and
/// last characters: cheap, and enough for the fingerprints below.
#[inline]
fn word_hash(w: &str) -> u64 {
    let b = w.as_bytes();
    let (Some(&f), Some(&l)) = (b.first(), b.last()) else {
        return 0;
    };
    let (first, last) = if f < 128 && l < 128 {
        (f.to_ascii_lowercase() as u64, l.to_ascii_lowercase() as u64)
    } else {
        let lower = |c: Option<char>| c.map_or(0, |c| c.to_lowercase().next().unwrap_or(c) as u64);
        (lower(w.chars().next()), lower(w.chars().next_back()))
    };
    (first | (last << 21) | ((b.len() as u64) << 42)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A one-bit fingerprint of a word: OR them into a mask to test cheaply
/// whether words may occur in a word list.
pub fn word_bit(w: &str) -> u64 {
    1u64 << (word_hash(w) >> 58)
}

/// A 256-bit fingerprint set of words, for larger word sets.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordSet([u64; 4]);

impl WordSet {
    fn slot(w: &str) -> (usize, u64) {
        let i = (word_hash(w) >> 56) as usize;
        (i >> 6, 1u64 << (i & 63))
    }
    pub fn insert(&mut self, w: &str) {
        let (i, b) = Self::slot(w);
        self.0[i] |= b;
    }
    /// `false` means certainly not in the set.
    pub fn may_contain(&self, w: &str) -> bool {
        let (i, b) = Self::slot(w);
        self.0[i] & b != 0
    }
    pub fn is_empty(&self) -> bool {
        self.0 == [0; 4]
    }
}

/// The fingerprint mask of a word list.
pub fn word_mask<S: AsRef<str>>(words: &[S]) -> u64 {
    words.iter().fold(0, |m, w| m | word_bit(w.as_ref()))
}
