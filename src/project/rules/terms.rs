//! Terms for relevance scoring: lower-cased words of at least three letters,
//! CamelCase and snake_case split, common stopwords removed, a plural `s`
//! folded.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

/// English and Portuguese function words that say nothing about a topic,
/// plus words every rule description uses.
const STOPWORDS: &[&str] = &[
    // English
    "the",
    "and",
    "for",
    "are",
    "but",
    "not",
    "you",
    "all",
    "any",
    "can",
    "had",
    "her",
    "was",
    "one",
    "our",
    "out",
    "has",
    "have",
    "how",
    "its",
    "may",
    "new",
    "now",
    "own",
    "see",
    "use",
    "uses",
    "used",
    "using",
    "way",
    "who",
    "why",
    "with",
    "this",
    "that",
    "these",
    "those",
    "from",
    "into",
    "onto",
    "when",
    "what",
    "where",
    "which",
    "while",
    "will",
    "would",
    "should",
    "could",
    "must",
    "shall",
    "been",
    "being",
    "were",
    "they",
    "them",
    "their",
    "there",
    "then",
    "than",
    "also",
    "only",
    "such",
    "each",
    "other",
    "some",
    "more",
    "most",
    "very",
    "just",
    "about",
    "over",
    "under",
    "after",
    "before",
    "between",
    "within",
    "without",
    "your",
    "yours",
    "does",
    "did",
    "doing",
    "done",
    "make",
    "made",
    "via",
    "per",
    "etc",
    "rule",
    "rules",
    "file",
    "files",
    "guideline",
    "guidelines",
    "standard",
    "standards",
    "best",
    "practice",
    "practices",
    "project",
    "code",
    // Portuguese
    "para",
    "com",
    "que",
    "uma",
    "por",
    "dos",
    "das",
    "nos",
    "nas",
    "não",
    "mais",
    "como",
    "sem",
    "sobre",
    "entre",
    "quando",
    "onde",
    "deve",
    "devem",
    "este",
    "esta",
    "isso",
    "seu",
    "sua",
    "seus",
    "suas",
    "pelo",
    "pela",
    "regra",
    "regras",
    "padrão",
    "padrões",
    "código",
    "projeto",
];

static STOPWORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// The set of terms in `text`.
pub(crate) fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for_each_term(text, |t| {
        if !out.contains(t) {
            out.insert(t.to_string());
        }
    });
    out
}

/// Call `f` with every term of `text`, in order, repeats included. Reuses
/// one buffer, so scanning a long spec allocates almost nothing.
pub(crate) fn for_each_term(text: &str, f: impl FnMut(&str)) {
    scan(text, true, f);
}

/// Like [`for_each_term`] without the stopword filter: lower-cased,
/// camel-split, plural-folded words of at least three letters.
pub(crate) fn for_each_word(text: &str, f: impl FnMut(&str)) {
    scan(text, false, f);
}

fn scan(text: &str, skip_stopwords: bool, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        // Fewer than three bytes cannot hold three letters.
        if word.len() < 3 {
            continue;
        }
        camel_parts(word, |part| {
            buf.clear();
            let letters = if part.is_ascii() {
                buf.push_str(part);
                buf.make_ascii_lowercase();
                part.bytes().filter(u8::is_ascii_alphabetic).count()
            } else {
                let mut letters = 0;
                for c in part.chars() {
                    letters += usize::from(c.is_alphabetic());
                    buf.extend(c.to_lowercase());
                }
                letters
            };
            if letters < 3 || (skip_stopwords && STOPWORD_SET.contains(buf.as_str())) {
                return;
            }
            fold_plural(&mut buf);
            f(&buf);
        });
    }
}

/// Split `parseHTTPRequest` into `parse`, `HTTP`, `Request`; a change
/// between letters and digits also splits. (`snake_case` and `kebab-case`
/// are split by the caller, on every non-alphanumeric character.)
fn camel_parts(word: &str, mut f: impl FnMut(&str)) {
    if word.bytes().all(|b| b.is_ascii_lowercase()) {
        f(word);
        return;
    }
    let mut start = 0;
    let mut chars = word.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((pos, c)) = chars.next() {
        if let Some(p) = prev {
            let next_lower = chars.peek().is_some_and(|&(_, n)| n.is_lowercase());
            let boundary = (c.is_uppercase() && p.is_lowercase())
                || (c.is_uppercase() && p.is_uppercase() && next_lower)
                || (c.is_alphabetic() != p.is_alphabetic());
            if boundary {
                f(&word[start..pos]);
                start = pos;
            }
        }
        prev = Some(c);
    }
    if start < word.len() {
        f(&word[start..]);
    }
}

/// `tests` -> `test`, `classes` stays (only a plain trailing `s` after a
/// word of five or more letters, not `ss`/`us`/`is`).
fn fold_plural(word: &mut String) {
    if word.chars().count() >= 5
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Vec<String> {
        terms(text).into_iter().collect()
    }

    #[test]
    fn words_are_lowercased_split_and_filtered() {
        assert_eq!(t("The API uses HTTP"), ["api", "http"]);
        assert_eq!(
            t("parseHTTPRequest user_id"),
            ["http", "parse", "request", "user"]
        );
        assert_eq!(t("kebab-case go is ok"), ["case", "kebab"]);
        assert_eq!(t("Tests and logging tests"), ["logging", "test"]);
        assert_eq!(t("v2 2024 abc1"), ["abc"]);
        assert_eq!(t("Padrões de código para testes"), ["teste"]);
    }

    #[test]
    fn unicode_does_not_panic() {
        let _ = terms("ÉCOLE naïve ǅemal 日本語テキスト 🙂 ΑΒΓδε");
        let _ = terms("");
    }
}
