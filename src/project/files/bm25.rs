//! BM25 scoring over the sparse term counts gathered by the walk.
//!
//! Only query terms are ever counted, so a document is a path, a length and a
//! short list of `(query term, frequency)` pairs; documents that matched no
//! term still count towards the document total and the average length.

use super::FileHit;
use super::tokenize::QueryTerm;

/// BM25 term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25 length normalisation.
pub const B: f64 = 0.75;
/// A long query (a whole spec) is scored on its most salient terms only
/// (query weight times IDF, as Lucene's "more like this" does): otherwise the
/// hundreds of ordinary words of a spec make the largest files win.
pub const MAX_SCORED_TERMS: usize = 32;

/// One file that matched at least one query term.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// Document length (see [`super::walk`]: content bytes plus weighted path bytes).
    pub len: u64,
    /// `(index into the query terms, term frequency)`, frequency > 0.
    pub tfs: Vec<(u32, u32)>,
}

/// Everything the scorer needs from the walk.
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    /// Files that matched at least one term.
    pub docs: Vec<Doc>,
    /// All files scanned (matching or not).
    pub n_docs: u64,
    /// Sum of the lengths of all files scanned.
    pub total_len: u64,
}

impl Corpus {
    /// Folds another partial corpus (from another walker thread) into this one.
    pub fn merge(&mut self, other: Corpus) {
        self.docs.extend(other.docs);
        self.n_docs += other.n_docs;
        self.total_len += other.total_len;
    }
}

/// Scores every document, sorts by score (descending) then path, and keeps
/// the first `limit` (all when `limit` is 0).
///
/// Scores are rounded to 4 decimals before sorting so that the order and the
/// printed figures do not depend on the last bits of `ln` on a platform.
pub(crate) fn score(terms: &[QueryTerm], corpus: &Corpus, limit: usize) -> Vec<FileHit> {
    let n = corpus.n_docs.max(1) as f64;
    let avgdl = if corpus.n_docs == 0 {
        1.0
    } else {
        (corpus.total_len as f64 / corpus.n_docs as f64).max(1.0)
    };
    let mut df = vec![0u64; terms.len()];
    for doc in &corpus.docs {
        for &(t, _) in &doc.tfs {
            df[t as usize] += 1;
        }
    }
    // Lucene's non-negative IDF.
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (1.0 + (n - d as f64 + 0.5) / (d as f64 + 0.5)).ln())
        .collect();

    let scored = salient_terms(terms, &df, &idf);

    let mut hits: Vec<FileHit> = corpus
        .docs
        .iter()
        .filter_map(|doc| {
            let norm = K1 * (1.0 - B + B * doc.len as f64 / avgdl);
            let mut parts: Vec<(f64, &str)> = doc
                .tfs
                .iter()
                .filter(|&&(t, _)| scored[t as usize])
                .map(|&(t, tf)| {
                    let t = t as usize;
                    let tf = f64::from(tf);
                    let s = terms[t].weight * idf[t] * tf * (K1 + 1.0) / (tf + norm);
                    (s, terms[t].term.as_str())
                })
                .collect();
            // Sum in a fixed order (term index order as produced by the walk
            // is fixed too, but sort anyway so the sum never depends on it).
            parts.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            if parts.is_empty() {
                return None;
            }
            let score: f64 = parts.iter().map(|p| p.0).sum();
            Some(FileHit {
                path: doc.path.clone(),
                score: (score * 1e4).round() / 1e4,
                terms: parts.into_iter().map(|p| p.1.to_owned()).collect(),
            })
        })
        .collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.path.cmp(&b.path))
    });
    if limit > 0 {
        hits.truncate(limit);
    }
    hits
}

/// Which terms take part in scoring: all of them for short queries, else the
/// [`MAX_SCORED_TERMS`] found terms with the largest weight times IDF.
fn salient_terms(terms: &[QueryTerm], df: &[u64], idf: &[f64]) -> Vec<bool> {
    if terms.len() <= MAX_SCORED_TERMS {
        return vec![true; terms.len()];
    }
    let mut order: Vec<usize> = (0..terms.len()).filter(|&t| df[t] > 0).collect();
    let salience = |t: usize| terms[t].weight * idf[t];
    order.sort_by(|&a, &b| {
        salience(b)
            .total_cmp(&salience(a))
            .then_with(|| terms[a].term.cmp(&terms[b].term))
    });
    let mut keep = vec![false; terms.len()];
    for &t in order.iter().take(MAX_SCORED_TERMS) {
        keep[t] = true;
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str, w: f64) -> QueryTerm {
        QueryTerm {
            term: t.into(),
            weight: w,
        }
    }

    fn doc(path: &str, len: u64, tfs: &[(u32, u32)]) -> Doc {
        Doc {
            path: path.into(),
            len,
            tfs: tfs.to_vec(),
        }
    }

    #[test]
    fn rarer_terms_and_higher_tf_score_higher() {
        let terms = [term("common", 1.0), term("rare", 1.0)];
        let corpus = Corpus {
            docs: vec![
                doc("a", 100, &[(0, 1)]),
                doc("b", 100, &[(0, 1)]),
                doc("c", 100, &[(0, 1), (1, 1)]),
                doc("d", 100, &[(1, 5)]),
            ],
            n_docs: 10,
            total_len: 1000,
        };
        let hits = score(&terms, &corpus, 0);
        let order: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(order, ["d", "c", "a", "b"]);
        assert_eq!(hits[1].terms, ["rare", "common"]);
        // Ties broken by path.
        assert_eq!(hits[2].score, hits[3].score);
    }

    #[test]
    fn longer_documents_are_normalised_down() {
        let terms = [term("x", 1.0)];
        let corpus = Corpus {
            docs: vec![doc("long", 10_000, &[(0, 2)]), doc("short", 100, &[(0, 2)])],
            n_docs: 2,
            total_len: 10_100,
        };
        let hits = score(&terms, &corpus, 1);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].path, "short");
    }

    #[test]
    fn query_weight_scales_contribution() {
        let terms = [term("a", 1.0), term("b", 2.0)];
        let corpus = Corpus {
            docs: vec![doc("x", 10, &[(0, 1)]), doc("y", 10, &[(1, 1)])],
            n_docs: 4,
            total_len: 40,
        };
        let hits = score(&terms, &corpus, 0);
        assert_eq!(hits[0].path, "y");
        assert!((hits[0].score - 2.0 * hits[1].score).abs() < 1e-3);
    }

    #[test]
    fn long_queries_score_their_salient_terms_only() {
        // Term 0 is everywhere, terms 1.. are rare: only the rare ones count.
        let terms: Vec<QueryTerm> = (0..=MAX_SCORED_TERMS)
            .map(|i| term(&format!("t{i:03}"), 1.0))
            .collect();
        let mut docs = vec![doc("common", 10, &[(0, 50)])];
        for i in 1..=MAX_SCORED_TERMS as u32 {
            docs.push(doc(&format!("rare{i:03}"), 10, &[(0, 1), (i, 1)]));
        }
        let corpus = Corpus {
            n_docs: docs.len() as u64,
            total_len: 10 * docs.len() as u64,
            docs,
        };
        let hits = score(&terms, &corpus, 0);
        assert_eq!(hits.len(), MAX_SCORED_TERMS);
        assert!(
            hits.iter()
                .all(|h| h.terms.len() == 1 && h.terms[0] != "t000")
        );
    }

    #[test]
    fn empty_corpus_gives_no_hits() {
        assert!(score(&[term("a", 1.0)], &Corpus::default(), 10).is_empty());
    }
}
