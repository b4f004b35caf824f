//! Where outputs point: each check's documentation page in the repository
//! (`docs/checks/TSnnn.md`, generated from the check's doc comment), and
//! file paths relative to the repository root, as code scanning and
//! annotations expect them.

use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::engine::checks::{CheckInfo, docs};

/// The project's home (Cargo.toml `repository`).
pub const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// The folder of the check pages, relative to the repository root.
pub const CHECK_DOCS_DIR: &str = "docs/checks";

/// The web address of a check's page.
pub fn help_uri(code: &str) -> String {
    format!("{REPOSITORY}/blob/main/{CHECK_DOCS_DIR}/{code}.md")
}

/// A check's page: what `techspec explain CODE` prints and
/// `docs/checks/CODE.md` holds.
pub fn check_page(info: &CheckInfo) -> String {
    let body = match docs(info.code) {
        "" => info.summary,
        d => d,
    };
    format!(
        "# {} {} ({} by default)\n\n{}\n",
        info.code,
        info.name,
        info.severity.as_str(),
        body.trim_end()
    )
}

/// Characters escaped in a URI path segment (RFC 3986: everything that is
/// not unreserved, a sub-delimiter, `:` or `@`).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A `/`-separated relative path as a URI reference, each segment
/// percent-encoded.
pub fn encode_relative(rel: &str) -> String {
    rel.split('/')
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// An absolute path as a `file://` URI (a folder's ends with `/`).
pub fn file_uri(abs: &Path, folder: bool) -> String {
    let s = abs.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix('/').unwrap_or(&s);
    let mut uri = format!("file:///{}", encode_relative(s));
    if folder && !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The repository root of a file: the nearest folder above it with `.git`.
fn git_root(abs: &Path) -> Option<PathBuf> {
    abs.ancestors()
        .skip(1)
        .find(|a| a.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Paths of a run, relative to one base: the repository root of the first
/// file (the current folder when there is none).
pub struct RepoPaths {
    pub root: PathBuf,
}

impl RepoPaths {
    /// The base for files like `first`.
    pub fn for_files<'a>(mut files: impl Iterator<Item = &'a Path>) -> RepoPaths {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = files
            .next()
            .and_then(|f| git_root(&absolute(f)))
            .unwrap_or(cwd);
        RepoPaths { root }
    }

    /// `path` relative to the base, with `/` separators; `Err` with the
    /// absolute path when it lies outside.
    pub fn relative(&self, path: &Path) -> Result<String, PathBuf> {
        let abs = absolute(path);
        match abs.strip_prefix(&self.root) {
            Ok(rel) => Ok(super::display_path(rel)),
            Err(_) => Err(abs),
        }
    }
}

/// The absolute path, without resolving links (resolving only when that
/// keeps it under the same root would be a guess).
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(
            encode_relative("docs/my spec#1.md"),
            "docs/my%20spec%231.md"
        );
        assert_eq!(encode_relative("a/ação.md"), "a/a%C3%A7%C3%A3o.md");
        assert_eq!(file_uri(Path::new("/srv/a b"), true), "file:///srv/a%20b/");
    }

    #[test]
    fn paths_are_relative_to_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("docs/specs")).unwrap();
        let spec = root.join("docs/specs/a.md");
        let paths = RepoPaths::for_files(std::iter::once(spec.as_path()));
        assert_eq!(paths.root, root);
        assert_eq!(paths.relative(&spec), Ok("docs/specs/a.md".to_string()));
        let outside = dir.path().join("b.md");
        assert_eq!(paths.relative(&outside), Err(outside.clone()));
    }
}
