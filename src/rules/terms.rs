//! Terms for relevance scoring: lower-cased words of at least three letters,
//! CamelCase and snake_case split, common stopwords removed, a plural `s`
//! folded.

use std::collections::BTreeSet;

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

/// The set of terms in `text`.
pub(crate) fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        for part in split_camel(word) {
            let lower = part.to_lowercase();
            if lower.chars().filter(|c| c.is_alphabetic()).count() < 3 {
                continue;
            }
            if lower.chars().all(|c| c.is_ascii_digit()) || STOPWORDS.contains(&lower.as_str()) {
                continue;
            }
            out.insert(fold_plural(lower));
        }
    }
    out
}

/// Split `parseHTTPRequest` into `parse`, `HTTP`, `Request`; digits end a
/// part. (`snake_case` and `kebab-case` are split by the caller, on every
/// non-alphanumeric character.)
fn split_camel(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (pos, c) = chars[i];
        let prev = chars[i - 1].1;
        let next_lower = chars.get(i + 1).is_some_and(|&(_, n)| n.is_lowercase());
        let boundary = (c.is_uppercase() && prev.is_lowercase())
            || (c.is_uppercase() && prev.is_uppercase() && next_lower)
            || (c.is_alphabetic() != prev.is_alphabetic());
        if boundary {
            parts.push(&word[start..pos]);
            start = pos;
        }
    }
    if start < word.len() {
        parts.push(&word[start..]);
    }
    parts
}

/// `tests` -> `test`, `classes` stays (only a plain trailing `s` after a
/// word of five or more letters, not `ss`/`us`/`is`).
fn fold_plural(word: String) -> String {
    let n = word.chars().count();
    if n >= 5
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        let mut w = word;
        w.pop();
        w
    } else {
        word
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
