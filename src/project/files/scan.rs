//! Parallel repository walk that counts query terms in each file.
//!
//! The walk uses `ignore`'s parallel walker (`.gitignore`, `.ignore` and git
//! excludes honoured even outside a git repository; hidden files and folders
//! skipped; symlinks not followed). Each walker thread reads its files, skips
//! binaries (a NUL byte in the first 8 KiB) and files over the size bound,
//! decodes the rest lossily as UTF-8 and counts only the query terms (see
//! [`TermMatcher`]), so no index of the whole repository is ever built.
#![warn(clippy::arithmetic_side_effects)] // sizes and offsets: no silent overflow

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkState};
use regex::{Regex, RegexBuilder};

use super::Progress;
use super::bm25::{Corpus, Doc};
use super::tokenize::{QueryTerm, for_each_token_with};

/// How many times a term found in a file's path counts, relative to one
/// occurrence in its contents.
pub const PATH_WEIGHT: u32 = 3;

/// Bytes looked at for a NUL byte to decide a file is binary.
pub const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// The progress callback is called every this many files.
const PROGRESS_EVERY: u64 = 64;

/// Counts occurrences of a fixed set of query terms in text, consistently with
/// [`super::tokenize`]: a term matches a whole token, never a substring.
///
/// A case-insensitive alternation of the terms (the regex crate compiles it to
/// an Aho-Corasick/Teddy literal search) finds candidate positions; only the
/// words around those positions are tokenised and looked up. Text with no
/// candidate is never tokenised. For long queries (a whole spec), or if the
/// alternation cannot be compiled, every word is tokenised instead, with the
/// same result.
pub(crate) struct TermMatcher {
    index: HashMap<String, u32, BuildHasherDefault<FxHasher>>,
    /// Byte lengths of the shortest and longest term: a cheap first test.
    min_len: usize,
    max_len: usize,
    /// Bit set of the terms' first two bytes: rejects most tokens before hashing.
    prefix2: Box<[u64; 1024]>,
    prefilter: Option<Regex>,
}

impl TermMatcher {
    /// Builds a matcher for `terms`; term `i` is counted in slot `i`.
    pub fn new(terms: &[QueryTerm]) -> Self {
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.term.clone(), i as u32))
            .collect();
        let mut prefix2 = Box::new([0u64; 1024]);
        for t in terms {
            if let Some(k) = prefix_key(&t.term) {
                prefix2[k >> 6] |= 1 << (k & 63);
            }
        }
        Self {
            index,
            prefix2,
            min_len: terms.iter().map(|t| t.term.len()).min().unwrap_or(0),
            max_len: terms.iter().map(|t| t.term.len()).max().unwrap_or(0),
            prefilter: build_prefilter(terms),
        }
    }

    /// Number of terms (length of the `counts` slice [`Self::count`] expects).
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Adds `weight` to `counts[i]` for each occurrence of term `i` in `text`.
    pub fn count(&self, text: &str, weight: u32, counts: &mut [u32], buf: &mut String) {
        let (min, max) = (self.min_len, self.max_len);
        let mut bump = |tok: &str| {
            if (min..=max).contains(&tok.len())
                && prefix_key(tok).is_some_and(|k| self.prefix2[k >> 6] & (1 << (k & 63)) != 0)
                && let Some(&i) = self.index.get(tok)
            {
                counts[i as usize] = counts[i as usize].saturating_add(weight);
            }
        };
        let Some(re) = &self.prefilter else {
            for_each_token_with(text, buf, &mut bump);
            return;
        };
        let (mut pos, mut candidates) = (0, 0usize);
        while let Some(m) = re.find_at(text, pos) {
            let (start, end) = expand_to_word(text, m.start(), m.end());
            for_each_token_with(&text[start..end], buf, &mut bump);
            pos = end.max(m.end());
            candidates = candidates.saturating_add(1);
            // Dense candidates (common terms in this file): restarting the
            // search costs more than tokenising everything, so do that for the
            // rest of the file. `pos` is at the end of a word: no word is cut.
            if candidates >= DENSE_AFTER && pos < candidates.saturating_mul(DENSE_BYTES) {
                for_each_token_with(&text[pos..], buf, &mut bump);
                return;
            }
        }
    }
}

/// Key of a token's first two bytes in [`TermMatcher::prefix2`].
#[inline]
fn prefix_key(tok: &str) -> Option<usize> {
    match tok.as_bytes() {
        [a, b, ..] => Some(usize::from(*a) << 8 | usize::from(*b)),
        _ => None,
    }
}

/// The Fx hash (as in rustc): much faster than SipHash on short keys. The
/// keys are the query's own terms, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*chunk));
            bytes = rest;
        }
        if let Some((chunk, rest)) = bytes.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*chunk)));
            bytes = rest;
        }
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Once the prefilter has found this many candidates in a text and they
/// average fewer than [`DENSE_BYTES`] apart, the rest of the text is
/// tokenised in full instead.
const DENSE_AFTER: usize = 32;
/// See [`DENSE_AFTER`].
const DENSE_BYTES: usize = 64;

/// Above this many terms the prefilter costs more than it saves (most words
/// of most files then contain some term; measured on 22k files: a wash at
/// about 300 terms), and every word is tokenised instead.
pub const MAX_PREFILTER_TERMS: usize = 200;

/// Case-insensitive alternation of the terms. A stemmed term ending in `y`
/// may come from a word ending in `ies`, so its `y` is left out of the literal.
fn build_prefilter(terms: &[QueryTerm]) -> Option<Regex> {
    if terms.len() > MAX_PREFILTER_TERMS {
        return None;
    }
    let mut lits: Vec<&str> = terms
        .iter()
        .map(|t| t.term.strip_suffix('y').unwrap_or(&t.term))
        .filter(|l| !l.is_empty())
        .collect();
    if lits.is_empty() {
        return None;
    }
    lits.sort_unstable();
    lits.dedup();
    let ascii = lits.iter().all(|l| l.is_ascii());
    let pattern = lits
        .iter()
        .map(|l| regex::escape(l))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&pattern)
        .case_insensitive(true)
        // ASCII-only case folding is much cheaper and loses only exotic
        // matches (KELVIN SIGN for `k`, long s for `s`).
        .unicode(!ascii)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .ok()
}

/// Widens `start..end` to the enclosing run of alphanumeric characters.
fn expand_to_word(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = text[..start]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(start, |(i, _)| i);
    let e = text[end..]
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| end.saturating_add(i));
    (s, e)
}

/// What the walk needs besides the root.
pub(crate) struct WalkOptions<'a> {
    pub matcher: &'a TermMatcher,
    /// Repository-relative paths (files or folders) never scanned.
    pub exclude: &'a HashSet<String>,
    pub max_file_size: u64,
    pub progress: &'a (dyn Fn(Progress) + Sync),
}

/// Walks `root` (which must be a directory) and returns the term counts of
/// every text file in it.
pub(crate) fn walk(root: &Path, opts: &WalkOptions<'_>) -> Corpus {
    let shared = Shared::default();
    let mut builder = Builder {
        root,
        opts,
        shared: &shared,
    };
    crate::io::walk::walker(
        root,
        crate::io::walk::Walk {
            max_file_size: Some(opts.max_file_size),
            ..crate::io::walk::Walk::new(crate::io::walk::Hidden::Skip)
        },
    )
    .build_parallel()
    .visit(&mut builder);
    let corpus = shared
        .corpus
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    (opts.progress)(Progress {
        files: shared.files.load(Ordering::Relaxed),
        bytes: shared.bytes.load(Ordering::Relaxed),
        done: true,
    });
    corpus
}

#[derive(Default)]
struct Shared {
    corpus: Mutex<Corpus>,
    files: AtomicU64,
    bytes: AtomicU64,
}

struct Builder<'a> {
    root: &'a Path,
    opts: &'a WalkOptions<'a>,
    shared: &'a Shared,
}

impl<'s> ParallelVisitorBuilder<'s> for Builder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            opts: self.opts,
            shared: self.shared,
            local: Corpus::default(),
            counts: vec![0; self.opts.matcher.len()],
            buf: Vec::new(),
            scratch: String::new(),
        })
    }
}

struct Visitor<'a> {
    root: &'a Path,
    opts: &'a WalkOptions<'a>,
    shared: &'a Shared,
    local: Corpus,
    counts: Vec<u32>,
    buf: Vec<u8>,
    scratch: String,
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        // Unreadable entries (permissions, races) are skipped, not fatal.
        if let Ok(entry) = entry
            && entry.file_type().is_some_and(|t| t.is_file())
        {
            self.scan(&entry);
        }
        WalkState::Continue
    }
}

impl Visitor<'_> {
    fn scan(&mut self, entry: &DirEntry) {
        let Some(rel) = relative(self.root, entry.path()) else {
            return;
        };
        if is_excluded(&rel, self.opts.exclude) || !self.read(entry.path()) {
            return;
        }
        let len = self.buf.len() as u64;
        self.tick(len);
        if memchr::memchr(0, &self.buf[..self.buf.len().min(BINARY_SNIFF_BYTES)]).is_some() {
            return;
        }
        // `from_utf8` has a faster validator than `from_utf8_lossy`.
        let text = match std::str::from_utf8(&self.buf) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => String::from_utf8_lossy(&self.buf),
        };
        let m = self.opts.matcher;
        self.counts.iter_mut().for_each(|c| *c = 0);
        m.count(&text, 1, &mut self.counts, &mut self.scratch);
        m.count(&rel, PATH_WEIGHT, &mut self.counts, &mut self.scratch);

        let doc_len = len.saturating_add(u64::from(PATH_WEIGHT).saturating_mul(rel.len() as u64));
        self.local.n_docs = self.local.n_docs.saturating_add(1);
        self.local.total_len = self.local.total_len.saturating_add(doc_len);
        let tfs: Vec<(u32, u32)> = self
            .counts
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0)
            .map(|(i, &c)| (i as u32, c))
            .collect();
        if !tfs.is_empty() {
            self.local.docs.push(Doc {
                path: rel,
                len: doc_len,
                tfs,
            });
        }
    }

    /// Reads the file into `self.buf`; false if unreadable or over the bound
    /// (the file may have grown since the walker checked its size).
    fn read(&mut self, path: &Path) -> bool {
        self.buf.clear();
        let max = self.opts.max_file_size;
        match File::open(path) {
            Ok(f) => {
                f.take(max.saturating_add(1))
                    .read_to_end(&mut self.buf)
                    .is_ok()
                    && self.buf.len() as u64 <= max
            }
            Err(_) => false,
        }
    }

    fn tick(&self, bytes: u64) {
        self.shared.bytes.fetch_add(bytes, Ordering::Relaxed);
        let files = self
            .shared
            .files
            .fetch_add(1, Ordering::Relaxed)
            .saturating_add(1);
        if files % PROGRESS_EVERY == 0 {
            (self.opts.progress)(Progress {
                files,
                bytes: self.shared.bytes.load(Ordering::Relaxed),
                done: false,
            });
        }
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let local = std::mem::take(&mut self.local);
        let mut corpus = self.shared.corpus.lock().unwrap_or_else(|e| e.into_inner());
        corpus.merge(local);
    }
}

/// `path` relative to `root`, with `/` separators; `None` if not under root.
pub(crate) fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let mut out = String::new();
    for c in rel.components() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&c.as_os_str().to_string_lossy());
    }
    (!out.is_empty()).then_some(out)
}

fn is_excluded(rel: &str, exclude: &HashSet<String>) -> bool {
    if exclude.is_empty() {
        return false;
    }
    if exclude.contains(rel) {
        return true;
    }
    // A folder in the set excludes everything under it.
    rel.match_indices('/')
        .any(|(i, _)| exclude.contains(&rel[..i]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::files::tokenize::query_terms;

    fn counts(query: &str, text: &str) -> Vec<(String, u32)> {
        let terms = query_terms(query);
        let m = TermMatcher::new(&terms);
        assert!(m.prefilter.is_some());
        let mut c = vec![0; m.len()];
        m.count(text, 1, &mut c, &mut String::new());
        terms.into_iter().map(|t| t.term).zip(c).collect()
    }

    #[test]
    fn counts_whole_tokens_only() {
        let got = counts(
            "file query",
            "FileQuery files profile query_file QUERIES queryset",
        );
        assert_eq!(got, [("file".into(), 3), ("query".into(), 3)]);
    }

    #[test]
    fn prefilter_and_full_tokenisation_agree() {
        let terms = query_terms("refund payments HTTP client `RetryPolicy` configuração");
        let text = "struct RefundPayments; let httpClient = retry_policy(); \
                    refunds.iter(); PaymentRefundHTTPClient Configuração ÇONFIG";
        let m = TermMatcher::new(&terms);
        assert!(m.prefilter.is_some());
        let mut a = vec![0; m.len()];
        m.count(text, 1, &mut a, &mut String::new());
        // Dense candidates switch to full tokenisation mid-text.
        let dense = format!("{text} ").repeat(DENSE_AFTER);
        let mut d = vec![0; m.len()];
        m.count(&dense, 1, &mut d, &mut String::new());
        assert_eq!(
            d,
            a.iter()
                .map(|&c| c * DENSE_AFTER as u32)
                .collect::<Vec<_>>()
        );
        let full = TermMatcher {
            index: m.index.clone(),
            prefilter: None,
            prefix2: m.prefix2.clone(),
            ..m
        };
        let mut b = vec![0; m.len()];
        full.count(text, 1, &mut b, &mut String::new());
        assert_eq!(a, b);
        assert!(a.iter().all(|&c| c > 0), "{a:?}");
    }

    #[test]
    fn exclusion_of_files_and_folders() {
        let ex: HashSet<String> = ["docs/spec.md".into(), "vendor".into()].into();
        assert!(is_excluded("docs/spec.md", &ex));
        assert!(is_excluded("vendor/a/b.rs", &ex));
        assert!(!is_excluded("docs/spec.md.bak", &ex));
        assert!(!is_excluded("vendored/x.rs", &ex));
    }

    #[test]
    fn relative_paths_use_slashes() {
        let root = Path::new("/r");
        assert_eq!(
            relative(root, Path::new("/r/a/b.rs")).as_deref(),
            Some("a/b.rs")
        );
        assert_eq!(relative(root, Path::new("/r")), None);
        assert_eq!(relative(root, Path::new("/elsewhere/x")), None);
    }
}
