//! Tokenisation shared by queries and file contents.
//!
//! Text is cut into *words*: maximal runs of alphanumeric characters, so `_`,
//! `-`, `.`, `/` and every other non-alphanumeric character separate words
//! (snake_case, kebab-case, dotted names and path segments). Each word is then
//! split at CamelCase boundaries (`HTTPServer` -> `HTTP`, `Server`;
//! `base64Encode` -> `base64`, `Encode`), lower-cased, and reduced by a very
//! light plural stemmer (`refunds` -> `refund`, `entries` -> `entry`) so that a
//! query about "refunds" finds `refund.rs`.
//!
//! [`for_each_token`] emits every normalised token and is what file contents
//! go through; [`tokenize`] additionally drops stopwords (English and
//! Portuguese), tokens shorter than three characters and pure numbers, and is
//! what queries go through. Because the filters only ever remove query terms,
//! a file token can only match a query term that survived them.

use std::collections::HashMap;

/// Minimum length, in characters, of a searchable term.
pub const MIN_TERM_CHARS: usize = 3;

/// Query weight of a term that appears in backticks or in a path-looking token.
pub const EMPHASIS_WEIGHT: f64 = 2.0;

/// Small English and Portuguese stopword list (only words of three or more
/// characters: shorter ones are dropped anyway). Sorted for binary search.
const STOPWORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "ainda", "all", "also", "among", "and", "any",
    "aos", "apenas", "após", "aquela", "aquele", "aquilo", "are", "assim", "até", "because",
    "been", "before", "being", "below", "between", "both", "but", "cada", "can", "com", "como",
    "could", "dar", "das", "deve", "devem", "did", "does", "doing", "dos", "down", "during",
    "each", "ela", "elas", "ele", "eles", "entre", "era", "essa", "essas", "esse", "esses", "esta",
    "estas", "este", "estes", "está", "estão", "etc", "few", "foi", "for", "from", "further",
    "had", "has", "have", "having", "her", "here", "hers", "him", "his", "how", "into", "isso",
    "isto", "its", "itself", "just", "lhe", "mais", "mas", "may", "mesmo", "might", "more", "most",
    "muito", "must", "nas", "nem", "nor", "nos", "not", "num", "numa", "não", "nós", "onde",
    "only", "onto", "other", "our", "ours", "out", "over", "own", "para", "pela", "pelas", "pelo",
    "pelos", "pode", "podem", "por", "porque", "quais", "qual", "quando", "que", "quem", "same",
    "seja", "sejam", "sem", "ser", "será", "seu", "seus", "shall", "she", "should", "sido", "sob",
    "sobre", "some", "sua", "suas", "such", "são", "também", "tem", "ter", "than", "that", "the",
    "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "too",
    "tão", "uma", "umas", "under", "uns", "until", "upon", "very", "was", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yet", "you", "your",
    "yours", "às", "é",
];

fn is_stopword(word: &str) -> bool {
    // The list is small and must stay sorted for this lookup; a test checks it.
    STOPWORDS.binary_search(&word).is_ok()
}

/// Calls `emit` with every normalised token of `text`, in order, without
/// filtering (see the module docs). The `&str` handed to `emit` is only valid
/// for the duration of the call.
pub fn for_each_token(text: &str, mut emit: impl FnMut(&str)) {
    for_each_token_with(text, &mut String::new(), &mut emit);
}

/// [`for_each_token`] with caller-provided scratch space, for hot loops.
///
/// This is the inner loop of the walk, hence the ASCII fast paths: words are
/// found byte by byte, and an all-lowercase ASCII word (most words of most
/// files) is stemmed and emitted without being copied.
pub(crate) fn for_each_token_with(text: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Skip to the start of a word.
        let class = CLASS[usize::from(bytes[i])];
        if class == SEP {
            i += 1;
            continue;
        }
        if class == NON_ASCII {
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => {}
                Some(c) => {
                    i += c.len_utf8();
                    continue;
                }
                None => break,
            }
        }
        // Scan the word: ASCII bytes first, the slow path only if a
        // non-ASCII character turns up.
        let start = i;
        let mut seen = 0u8;
        while i < n {
            let c = CLASS[usize::from(bytes[i])];
            if c == SEP || c == NON_ASCII {
                break;
            }
            seen |= c;
            i += 1;
        }
        let mut ascii = true;
        while i < n && CLASS[usize::from(bytes[i])] != SEP {
            match text[i..].chars().next() {
                Some(c) if c.is_alphanumeric() => {
                    ascii = false;
                    i += c.len_utf8();
                }
                Some(c) if c.is_ascii() => {
                    seen |= CLASS[usize::from(bytes[i])];
                    i += 1;
                }
                _ => break,
            }
        }
        let word = &text[start..i];
        if !ascii {
            split_unicode(word, buf, emit);
        } else if seen & UPPER != 0 {
            split_ascii(word, buf, emit);
        } else {
            match stem_cut(word) {
                Some(n) => emit(&word[..n]),
                None => {
                    buf.clear();
                    buf.push_str(word);
                    stem(buf);
                    emit(buf);
                }
            }
        }
    }
}

/// Byte classes for the scanner (bit flags, so a word's classes can be or-ed).
const SEP: u8 = 0;
const LOWER: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
const NON_ASCII: u8 = 8;

static CLASS: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            b'A'..=b'Z' => UPPER,
            0x80..=0xff => NON_ASCII,
            _ => SEP,
        };
        b += 1;
    }
    t
};

/// Whether there is a CamelCase boundary before `c`, given the characters
/// around it.
#[inline]
fn camel_boundary(prev: char, c: char, next: Option<char>) -> bool {
    c.is_uppercase()
        && (prev.is_lowercase()
            || prev.is_numeric()
            || (prev.is_uppercase() && next.is_some_and(char::is_lowercase)))
}

/// Splits an ASCII word with at least one capital letter.
fn split_ascii(word: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let b = word.as_bytes();
    let mut part_start = 0;
    for i in 1..b.len() {
        let next = b.get(i + 1).map(|&n| char::from(n));
        if camel_boundary(char::from(b[i - 1]), char::from(b[i]), next) {
            emit_lower_ascii(&word[part_start..i], buf, emit);
            part_start = i;
        }
    }
    emit_lower_ascii(&word[part_start..], buf, emit);
}

fn emit_lower_ascii(part: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    buf.clear();
    buf.push_str(part);
    buf.make_ascii_lowercase();
    stem(buf);
    emit(buf);
}

/// Splits a word with non-ASCII letters at CamelCase boundaries.
fn split_unicode(word: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    let mut part_start = 0;
    let mut chars = word.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        if let Some(p) = prev
            && camel_boundary(p, c, chars.peek().map(|&(_, n)| n))
        {
            emit_lower(&word[part_start..i], buf, emit);
            part_start = i;
        }
        prev = Some(c);
    }
    emit_lower(&word[part_start..], buf, emit);
}

fn emit_lower(part: &str, buf: &mut String, emit: &mut impl FnMut(&str)) {
    buf.clear();
    buf.extend(part.chars().flat_map(char::to_lowercase));
    stem(buf);
    emit(buf);
}

/// Very light plural stemmer applied identically to queries and files:
/// `-ies` -> `-y`, and a trailing `s` is dropped from words longer than four
/// bytes unless they end in `ss`, `us` or `is` (`status`, `class`,
/// `analysis` stay).
fn stem(word: &mut String) {
    match stem_cut(word) {
        Some(n) => word.truncate(n),
        None => {
            word.truncate(word.len() - 3);
            word.push('y');
        }
    }
}

/// The stem of a lower-case word as a prefix length, or `None` when it ends
/// in `ies` (stem: drop `ies`, add `y`).
#[inline]
fn stem_cut(word: &str) -> Option<usize> {
    let len = word.len();
    if len <= 4 || !word.ends_with('s') {
        Some(len)
    } else if word.ends_with("ies") {
        None
    } else if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
        Some(len)
    } else {
        Some(len - 1)
    }
}

/// Whether a normalised token is worth searching for: not a stopword, at
/// least [`MIN_TERM_CHARS`] characters, not a pure number.
pub fn is_searchable(token: &str) -> bool {
    token.chars().nth(MIN_TERM_CHARS - 1).is_some()
        && !token.chars().all(|c| c.is_numeric())
        && !is_stopword(token)
}

/// Tokenises `text` into searchable terms, in order, duplicates kept.
///
/// ```
/// use techspec::project::files::tokenize::tokenize;
/// assert_eq!(tokenize("parseHTTPRequest for user_id"), ["parse", "http", "request", "user"]);
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| {
        if is_searchable(t) {
            out.push(t.to_owned());
        }
    });
    out
}

/// One searchable term of a query and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The normalised term.
    pub term: String,
    /// Query-side weight: the term's emphasis ([`EMPHASIS_WEIGHT`] when it was
    /// seen in backticks or in a path-looking token, 1 otherwise) times
    /// `1 + ln(occurrences)`, so a term a spec keeps repeating counts more
    /// without drowning the others.
    pub weight: f64,
}

/// Extracts the weighted query terms of `text`, sorted by term.
///
/// Identifiers in backticks (`` `RefundService` ``) and path-looking tokens
/// (`src/payments/refund.rs`, `Cargo.toml`) weigh [`EMPHASIS_WEIGHT`] times
/// more than plain prose.
pub fn query_terms(text: &str) -> Vec<QueryTerm> {
    // term -> (max emphasis, occurrences)
    let mut acc: HashMap<String, (f64, u32)> = HashMap::new();
    let mut add = |chunk: &str, emphasis: f64| {
        for_each_token(chunk, |t| {
            if is_searchable(t) {
                let e = acc.entry(t.to_owned()).or_insert((emphasis, 0));
                e.0 = e.0.max(emphasis);
                e.1 += 1;
            }
        });
    };
    // Odd-numbered pieces between backticks are code spans (fences included:
    // their contents are code too, which is fine to emphasise).
    for (i, piece) in text.split('`').enumerate() {
        if i % 2 == 1 {
            add(piece, EMPHASIS_WEIGHT);
            continue;
        }
        for chunk in piece.split_whitespace() {
            let emphasis = if looks_like_path(chunk) {
                EMPHASIS_WEIGHT
            } else {
                1.0
            };
            add(chunk, emphasis);
        }
    }
    let mut terms: Vec<QueryTerm> = acc
        .into_iter()
        .map(|(term, (emphasis, n))| QueryTerm {
            term,
            weight: emphasis * (1.0 + f64::from(n).ln()),
        })
        .collect();
    terms.sort_by(|a, b| a.term.cmp(&b.term));
    terms
}

/// Whether a whitespace-free chunk of prose looks like a file path or file
/// name: `a/b`, `a\b`, or `name.ext` with an alphabetic extension. URLs are
/// not paths.
fn looks_like_path(chunk: &str) -> bool {
    let chunk = chunk
        .trim_matches(|c: char| "()[]{}<>,;:\"'*!?".contains(c))
        .trim_end_matches('.');
    if chunk.contains("://") || !chunk.chars().any(char::is_alphanumeric) {
        return false;
    }
    if chunk.contains('/') || chunk.contains('\\') {
        return chunk.len() > 1;
    }
    match chunk.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty()
                && (1..=8).contains(&ext.len())
                && ext.starts_with(|c: char| c.is_ascii_alphabetic())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_tokens(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        for_each_token(text, |t| v.push(t.to_owned()));
        v
    }

    #[test]
    fn stopwords_are_sorted_and_unique() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS, "STOPWORDS must be sorted and unique");
    }

    #[test]
    fn splits_camel_case() {
        assert_eq!(all_tokens("FileQuery"), ["file", "query"]);
        assert_eq!(all_tokens("parseHTTPRequest"), ["parse", "http", "request"]);
        assert_eq!(all_tokens("HTTPServer"), ["http", "server"]);
        assert_eq!(all_tokens("base64Encode"), ["base64", "encode"]);
        assert_eq!(all_tokens("HTTP2Server"), ["http2", "server"]);
        assert_eq!(all_tokens("URL"), ["url"]);
        assert_eq!(all_tokens("ÉcoleNormale"), ["école", "normale"]);
        assert_eq!(
            all_tokens("configuraçãoManager"),
            ["configuração", "manager"]
        );
        assert_eq!(all_tokens("naïveParser x·y"), ["naïve", "parser", "x", "y"]);
        assert_eq!(all_tokens("a\u{0}b\u{feff}c"), ["a", "b", "c"]);
    }

    #[test]
    fn splits_snake_kebab_dotted_and_paths() {
        assert_eq!(tokenize("max_file_size"), ["max", "file", "size"]);
        assert_eq!(
            tokenize("payment-refund-service"),
            ["payment", "refund", "service"]
        );
        assert_eq!(
            tokenize("techspec.files.rank"),
            ["techspec", "file", "rank"]
        );
        assert_eq!(
            tokenize("src/payments/RefundService.java"),
            ["src", "payment", "refund", "service", "java"]
        );
        assert_eq!(
            tokenize(r"C:\repo\config_loader.rs"),
            ["repo", "config", "loader"]
        );
    }

    #[test]
    fn drops_stopwords_short_tokens_and_numbers() {
        assert_eq!(
            tokenize("the API should use a DB for 2024 data"),
            ["api", "use", "data"]
        );
        assert_eq!(
            tokenize("o serviço deve ter uma fila para os pagamentos"),
            ["serviço", "fila", "pagamento"]
        );
        assert_eq!(tokenize("404 3.14 1_000 v2 x86_64"), ["x86"]);
        assert!(tokenize("").is_empty());
        assert!(tokenize("  -- __ // ").is_empty());
    }

    #[test]
    fn light_plural_stemming() {
        assert_eq!(
            tokenize("refunds entries files status class analysis bus"),
            [
                "refund", "entry", "file", "status", "class", "analysis", "bus"
            ]
        );
    }

    #[test]
    fn query_terms_weigh_backticks_and_paths() {
        let terms = query_terms("Add refund support in `RefundService` and src/ledger/book.rs");
        let weight = |t: &str| terms.iter().find(|q| q.term == t).map(|q| q.weight);
        assert_eq!(weight("support"), Some(1.0));
        assert_eq!(weight("service"), Some(EMPHASIS_WEIGHT));
        assert_eq!(weight("ledger"), Some(EMPHASIS_WEIGHT));
        assert_eq!(weight("book"), Some(EMPHASIS_WEIGHT));
        // "refund" appears twice, once emphasised.
        let r = weight("refund").unwrap();
        assert!((r - EMPHASIS_WEIGHT * (1.0 + 2f64.ln())).abs() < 1e-12);
        assert_eq!(weight("and"), None);
        // Sorted by term.
        assert!(terms.windows(2).all(|w| w[0].term < w[1].term));
    }

    #[test]
    fn path_detection() {
        assert!(looks_like_path("src/files/mod.rs"));
        assert!(looks_like_path("(Cargo.toml),"));
        assert!(looks_like_path("README.md."));
        assert!(!looks_like_path("https://example.com/x"));
        assert!(!looks_like_path("end."));
        assert!(!looks_like_path("3.14"));
        assert!(!looks_like_path("/"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "`",
            "``",
            "`unclosed",
            "\u{0}\u{feff}ǅungla",
            "İstanbul ΣΑΣ",
            "a\u{301}b",
        ] {
            let _ = query_terms(s);
            let _ = tokenize(s);
        }
    }
}
