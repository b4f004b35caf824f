//! `techspec files`: suggest the repository files most relevant to a spec,
//! a PRD or a free-text query.
//!
//! The query text is cut into weighted terms ([`tokenize`]); the repository is
//! walked in parallel honouring `.gitignore` (`walk.rs`), counting only those
//! terms in each text file's contents and path (path terms count 3 times);
//! files are ranked with BM25, k1 = 1.2, b = 0.75 (`bm25.rs`); a long query
//! such as a whole spec is scored on its 32 most salient terms. Each hit
//! carries the terms that made it match, best first.
//!
//! ```no_run
//! use techspec::project::files::{rank, FileQuery};
//! let mut q = FileQuery::new("Refund payments through `RefundService`");
//! q.exclude.push("docs/refunds/techspec.md".into());
//! for hit in rank(".".as_ref(), &q, &|_| {})? {
//!     println!("{:.2} {} ({})", hit.score, hit.path, hit.terms.join(", "));
//! }
//! # Ok::<(), techspec::project::files::FilesError>(())
//! ```

mod bm25;
mod progress;
mod scan;
pub mod tokenize;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use progress::{Progress, SHOW_AFTER, StderrProgress};

/// Default [`FileQuery::limit`].
pub const DEFAULT_LIMIT: usize = 20;
/// Default [`FileQuery::max_file_size`]: 1 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 20;

/// What to look for, and in which files.
#[derive(Debug, Clone, PartialEq)]
pub struct FileQuery {
    /// The query: a spec's or PRD's Markdown, or a few words. Identifiers in
    /// backticks and path-looking tokens weigh more.
    pub text: String,
    /// Files or folders never returned nor scanned (e.g. the spec itself).
    /// Absolute, or relative to the root (then, if that does not exist,
    /// relative to the current directory).
    pub exclude: Vec<PathBuf>,
    /// Maximum number of hits; 0 means all of them.
    pub limit: usize,
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
}

impl Default for FileQuery {
    fn default() -> Self {
        Self::new("")
    }
}

impl FileQuery {
    /// A query for `text` with the default limit and size bound and no exclusion.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            exclude: Vec::new(),
            limit: DEFAULT_LIMIT,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// One suggested file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileHit {
    /// Path relative to the root, with `/` separators.
    pub path: String,
    /// BM25 score (rounded to 4 decimals); only comparable within one result.
    pub score: f64,
    /// The query terms found in the file or its path, largest contribution first.
    pub terms: Vec<String>,
}

/// Why [`rank`] could not run. Unreadable files inside the root are skipped,
/// not reported.
#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    /// The root could not be read.
    #[error("cannot access root {}: {source}", path.display())]
    Root {
        /// The root as given.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The root exists but is not a directory.
    #[error("root {} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// Nothing in the query survives tokenisation (empty, only stopwords,
    /// numbers or one- and two-letter words).
    #[error("query has no searchable terms")]
    EmptyQuery,
}

/// Ranks the files under `root` by relevance to `q`, best first: score
/// descending, then path ascending, so equal inputs give equal outputs.
///
/// `progress` is called from the walker threads every few dozen files and once
/// at the end (pass `&|_| {}` to ignore it, or [`StderrProgress::report`] on the
/// command line). Nothing is printed by this function.
pub fn rank(
    root: &Path,
    q: &FileQuery,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Vec<FileHit>, FilesError> {
    let root_err = |source| FilesError::Root {
        path: root.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(root).map_err(root_err)?;
    if !meta.is_dir() {
        return Err(FilesError::NotADirectory(root.to_path_buf()));
    }
    let canon = std::fs::canonicalize(root).map_err(root_err)?;

    let terms = tokenize::query_terms(&q.text);
    if terms.is_empty() {
        return Err(FilesError::EmptyQuery);
    }
    let matcher = scan::TermMatcher::new(&terms);
    let exclude = exclude_set(root, &canon, &q.exclude);
    let corpus = scan::walk(
        &canon,
        &scan::WalkOptions {
            matcher: &matcher,
            exclude: &exclude,
            max_file_size: q.max_file_size,
            progress,
        },
    );
    Ok(bm25::score(&terms, &corpus, q.limit))
}

/// [`rank`]'s hits split in two: source files, and related documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Suggestions {
    /// Code, configuration, tests, migrations: what Relevant Files lists.
    pub files: Vec<FileHit>,
    /// Other specs, PRDs, task lists and docs (Markdown, text): useful for
    /// cross-references, never ahead of source files.
    pub related: Vec<FileHit>,
}

/// Related documents shown beside the files, at most.
pub const RELATED_LIMIT: usize = 10;

/// Whether a hit is a document (a spec, PRD, task list, ADR, README...)
/// rather than a source file: Markdown, text and other prose formats.
pub fn is_document(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".mdx", ".markdown", ".txt", ".rst", ".adoc", ".org"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// Like [`rank`], with documents moved to [`Suggestions::related`]:
/// `q.limit` applies to the source files, at most [`RELATED_LIMIT`]
/// documents are kept.
pub fn suggest(
    root: &Path,
    q: &FileQuery,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Suggestions, FilesError> {
    let mut all = q.clone();
    all.limit = 0;
    let (related, mut files): (Vec<FileHit>, Vec<FileHit>) = rank(root, &all, progress)?
        .into_iter()
        .partition(|h| is_document(&h.path));
    if q.limit > 0 {
        files.truncate(q.limit);
    }
    let mut related = related;
    related.truncate(RELATED_LIMIT.min(if q.limit == 0 { usize::MAX } else { q.limit }));
    Ok(Suggestions { files, related })
}

/// Resolves the exclusions to root-relative `/` paths.
fn exclude_set(root: &Path, canon: &Path, exclude: &[PathBuf]) -> HashSet<String> {
    let mut set = HashSet::new();
    for p in exclude {
        let candidates = if p.is_absolute() {
            vec![p.clone()]
        } else {
            vec![root.join(p), p.clone()]
        };
        let resolved = candidates
            .iter()
            .find_map(|c| std::fs::canonicalize(c).ok())
            .and_then(|c| scan::relative(canon, &c));
        match resolved {
            Some(rel) => {
                set.insert(rel);
            }
            // A path that does not exist cannot be walked either; keep the
            // lexical form for relative paths all the same.
            None if p.is_relative() => {
                if let Some(rel) = scan::relative(Path::new(""), p) {
                    set.insert(rel.trim_start_matches("./").to_owned());
                }
            }
            None => {}
        }
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A small repository: a payments service, a user module, docs, plus
    /// files that must never be returned.
    fn repo() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let files: &[(&str, &str)] = &[
            (
                "src/payments/refund.rs",
                "pub struct RefundService { gateway: PaymentGateway }\n\
                 impl RefundService {\n    pub fn refund(&self, payment_id: u64, amount: Money) \
                 -> Result<Refund> { self.gateway.refund(payment_id, amount) }\n}\n",
            ),
            (
                "src/payments/gateway.rs",
                "pub trait PaymentGateway { fn charge(&self, amount: Money); }\n",
            ),
            (
                "src/users/auth.rs",
                "pub fn login(user: &User, password: &str) -> Session { hash_password(password); \
                 todo!() }\n// session tokens, password hashing with argon2\n",
            ),
            (
                "src/users/profile.rs",
                "pub struct UserProfile { display_name: String, avatar_url: String }\n",
            ),
            (
                "src/metrics/prometheus_exporter.rs",
                "// Exports counters and histograms in the Prometheus text format.\n\
                 fn export(registry: &Registry) -> String { String::new() }\n",
            ),
            (
                "README.md",
                "# Shop\nA small shop with payments, users and metrics.\n",
            ),
            (
                "docs/refunds/techspec.md",
                "# Refunds\nRefund payments through RefundService and the payment gateway.\n",
            ),
            (".gitignore", "target/\n*.log\n"),
            (
                "target/debug/refund_service.rs",
                "RefundService refund refund refund",
            ),
            ("refund.log", "refund RefundService refund refund"),
            (".hidden/refund.rs", "RefundService refund"),
        ];
        for (path, text) in files {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let mut bin = b"RefundService refund refund\0".to_vec();
        bin.extend_from_slice(&[0xff, 0xfe, 0]);
        fs::write(dir.path().join("src/payments/refund.bin"), bin).unwrap();
        dir
    }

    fn paths(hits: &[FileHit]) -> Vec<&str> {
        hits.iter().map(|h| h.path.as_str()).collect()
    }

    fn run(root: &Path, q: &FileQuery) -> Vec<FileHit> {
        rank(root, q, &|_| {}).unwrap()
    }

    #[test]
    fn obvious_file_ranks_first() {
        let dir = repo();
        let cases = [
            (
                "How do refunds work in `RefundService`?",
                "src/payments/refund.rs",
            ),
            ("login session and password hashing", "src/users/auth.rs"),
            (
                "Export metrics to Prometheus",
                "src/metrics/prometheus_exporter.rs",
            ),
        ];
        for (query, want) in cases {
            let hits = run(dir.path(), &FileQuery::new(query));
            assert_eq!(
                hits.first().map(|h| h.path.as_str()),
                Some(want),
                "{query}: {hits:#?}"
            );
            assert!(!hits[0].terms.is_empty());
        }
    }

    #[test]
    fn ignored_hidden_and_binary_files_never_appear() {
        let dir = repo();
        let mut q = FileQuery::new("refund RefundService refund_service log bin hidden");
        q.limit = 0;
        let hits = run(dir.path(), &q);
        let got = paths(&hits);
        assert!(got.contains(&"src/payments/refund.rs"), "{got:?}");
        for bad in [
            "target/debug/refund_service.rs",
            "refund.log",
            ".hidden/refund.rs",
            "src/payments/refund.bin",
            ".gitignore",
        ] {
            assert!(!got.contains(&bad), "{bad} in {got:?}");
        }
    }

    #[test]
    fn files_over_the_size_bound_are_skipped() {
        let dir = repo();
        let mut q = FileQuery::new("RefundService");
        q.limit = 0;
        q.max_file_size = 100;
        let hits = run(dir.path(), &q);
        let got = paths(&hits);
        assert!(!got.contains(&"src/payments/refund.rs"), "{got:?}");
        assert!(got.contains(&"docs/refunds/techspec.md"), "{got:?}");
    }

    #[test]
    fn excluded_paths_never_appear() {
        let dir = repo();
        let text = "Refund payments through RefundService and the payment gateway";
        let mut q = FileQuery::new(text);
        q.limit = 0;
        assert!(paths(&run(dir.path(), &q)).contains(&"docs/refunds/techspec.md"));

        // Relative to the root, absolute, and a whole folder.
        for ex in [
            PathBuf::from("docs/refunds/techspec.md"),
            dir.path().join("docs/refunds/techspec.md"),
            PathBuf::from("docs"),
        ] {
            q.exclude = vec![ex.clone()];
            let hits = run(dir.path(), &q);
            assert!(
                !paths(&hits).contains(&"docs/refunds/techspec.md"),
                "{ex:?}"
            );
            assert!(!hits.is_empty());
        }
    }

    #[test]
    fn deterministic() {
        let dir = repo();
        let mut q = FileQuery::new("payments users refund metrics shop session");
        q.limit = 0;
        let a = run(dir.path(), &q);
        let b = run(dir.path(), &q);
        assert!(a.len() > 3);
        assert_eq!(a, b);
        assert!(a.windows(2).all(
            |w| w[0].score > w[1].score || (w[0].score == w[1].score && w[0].path < w[1].path)
        ));
    }

    #[test]
    fn limit_applies() {
        let dir = repo();
        let mut q = FileQuery::new("payments users refund metrics shop session");
        q.limit = 2;
        assert_eq!(run(dir.path(), &q).len(), 2);
    }

    #[test]
    fn errors() {
        let dir = repo();
        assert!(matches!(
            rank(dir.path(), &FileQuery::new("the a of 42 x"), &|_| {}),
            Err(FilesError::EmptyQuery)
        ));
        assert_eq!(
            FilesError::EmptyQuery.to_string(),
            "query has no searchable terms"
        );
        assert!(matches!(
            rank(
                &dir.path().join("README.md"),
                &FileQuery::new("shop"),
                &|_| {}
            ),
            Err(FilesError::NotADirectory(_))
        ));
        assert!(matches!(
            rank(&dir.path().join("nope"), &FileQuery::new("shop"), &|_| {}),
            Err(FilesError::Root { .. })
        ));
    }

    #[test]
    fn progress_ends_with_done() {
        let dir = repo();
        let last = std::sync::Mutex::new(None);
        rank(dir.path(), &FileQuery::new("refund"), &|p| {
            *last.lock().unwrap() = Some(p);
        })
        .unwrap();
        let p = last.into_inner().unwrap().unwrap();
        assert!(p.done);
        assert!(p.files >= 7, "{p:?}");
    }

    #[test]
    fn documents_go_to_related_never_ahead_of_code() {
        let dir = repo();
        for (path, text) in [
            (
                "tasks/prd-refunds/prd.md",
                "Refund handler: refunds refund handler requirements",
            ),
            (
                "tasks/prd-refunds/tasks.md",
                "1. Refund handler task, refund handler tests",
            ),
            (
                "tasks/prd-orders/techspec.md",
                "Orders spec mentions the refund handler twice: refund handler",
            ),
            (
                "src/payments/refund_handler.rs",
                "pub fn handle_refund(req: RefundRequest) {}\n",
            ),
        ] {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let s = suggest(dir.path(), &FileQuery::new("refund handler"), &|_| {}).unwrap();
        assert_eq!(s.files[0].path, "src/payments/refund_handler.rs", "{s:#?}");
        assert!(s.files.iter().all(|h| !is_document(&h.path)), "{s:#?}");
        let related = paths(&s.related);
        for doc in [
            "tasks/prd-refunds/prd.md",
            "tasks/prd-refunds/tasks.md",
            "tasks/prd-orders/techspec.md",
        ] {
            assert!(related.contains(&doc), "{doc} not in {related:?}");
        }
    }

    #[test]
    fn serialises_to_json() {
        let hit = FileHit {
            path: "a/b.rs".into(),
            score: 1.5,
            terms: vec!["refund".into()],
        };
        assert_eq!(
            serde_json::to_string(&hit).unwrap(),
            r#"{"path":"a/b.rs","score":1.5,"terms":["refund"]}"#
        );
    }
}
