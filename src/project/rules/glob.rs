//! The one glob engine for `globs`, `paths` and `applyTo`.
//!
//! Built on globset with `literal_separator(true)`: `*` and `?` never cross
//! `/`, `**` matches any number of directories, `{a,b}` alternates and
//! `[abc]` classes work. Matching is case-sensitive, like the agents on
//! Linux.
//!
//! Decisions, where agents differ or do not document the behaviour:
//!
//! - **A pattern without `/`** (`*.ts`, `package.json`) matches the full
//!   path *or the file name at any depth*. Cursor users mean "any `.ts`
//!   file" when they write `globs: *.ts`, and gitignore reads such patterns
//!   the same way. (Copilot documents that `src/*.py` does not match nested
//!   files; that pattern has a `/`, so it stays anchored.)
//! - A leading `./` or `/` is removed: patterns are relative to the base.
//! - A trailing `/` (`docs/`) means everything below that directory.
//! - A pattern without glob characters (`src/api`) also matches everything
//!   below it, as a directory.
//! - For a rule scoped to a folder (nested `.cursor/rules`, Windsurf
//!   subfolders), [`RuleGlob::is_match_scoped`] tries the path relative to
//!   the repository root and relative to the scope folder, because the base
//!   is undocumented.

use globset::{GlobBuilder, GlobMatcher};
use thiserror::Error;

/// A pattern that could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid glob {pattern:?}: {message}")]
pub struct GlobError {
    /// The pattern as written.
    pub pattern: String,
    /// Why it is invalid.
    pub message: String,
}

/// One compiled rule pattern.
#[derive(Debug, Clone)]
pub struct RuleGlob {
    pattern: String,
    matcher: GlobMatcher,
    /// The same pattern matched against file names (no `/` in it).
    name_only: bool,
    /// Also match as a directory prefix (`<pattern>/**`).
    dir: Option<GlobMatcher>,
}

impl RuleGlob {
    /// Compile `pattern` (see the module docs for the semantics).
    pub fn new(pattern: &str) -> Result<RuleGlob, GlobError> {
        let err = |message: String| GlobError {
            pattern: pattern.to_string(),
            message,
        };
        let mut p = pattern.trim();
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        let p = p.trim_start_matches('/');
        let (p, trailing_slash) = match p.strip_suffix('/') {
            Some(stripped) => (stripped, true),
            None => (p, false),
        };
        if p.is_empty() {
            return Err(err("empty pattern".to_string()));
        }
        let compile = |glob: &str| {
            GlobBuilder::new(glob)
                .literal_separator(true)
                .backslash_escape(true)
                .empty_alternates(true)
                .build()
                .map(|g| g.compile_matcher())
                .map_err(|e| err(e.kind().to_string()))
        };
        let has_meta = p.contains(['*', '?', '[', '{']);
        let (matcher, dir) = if trailing_slash {
            (compile(&format!("{p}/**"))?, None)
        } else {
            let dir = if has_meta {
                None
            } else {
                Some(compile(&format!("{p}/**"))?)
            };
            (compile(p)?, dir)
        };
        Ok(RuleGlob {
            pattern: pattern.to_string(),
            matcher,
            name_only: !p.contains('/') && !trailing_slash,
            dir,
        })
    }

    /// The pattern as written.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Whether `path` (relative to the repository root; `./` and `\` are
    /// normalised) matches.
    pub fn is_match(&self, path: &str) -> bool {
        let path = normalize_path(path);
        self.matches_normalized(&path)
    }

    /// Whether `path` matches relative to the root or, when it lies under
    /// `scope_dir`, relative to `scope_dir`. An empty `scope_dir` is the root.
    pub fn is_match_scoped(&self, path: &str, scope_dir: &str) -> bool {
        let path = normalize_path(path);
        if self.matches_normalized(&path) {
            return true;
        }
        let scope = normalize_path(scope_dir);
        match strip_dir(&path, &scope) {
            Some(rel) if !scope.is_empty() => self.matches_normalized(rel),
            _ => false,
        }
    }

    fn matches_normalized(&self, path: &str) -> bool {
        if path.is_empty() {
            return false;
        }
        if self.matcher.is_match(path) {
            return true;
        }
        if self.dir.as_ref().is_some_and(|d| d.is_match(path)) {
            return true;
        }
        if self.name_only {
            let name = path.rsplit('/').next().unwrap_or(path);
            return name != path && self.matcher.is_match(name);
        }
        false
    }
}

/// Normalise a repo-relative path: `\` to `/`, no leading `./` or `/`, no
/// trailing `/`, no empty or `.` components.
pub(crate) fn normalize_path(path: &str) -> String {
    // Already normal (the usual case: a path the index or a spec gave):
    // one copy, no splitting.
    if path.len() == path.trim().len()
        && !path.contains('\\')
        && path.split('/').all(|c| !c.is_empty() && c != ".")
    {
        return path.to_string();
    }
    let path = path.trim().replace('\\', "/");
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// `path` relative to `dir` if it lies under it (both normalised). An empty
/// `dir` is the root, which contains everything.
pub(crate) fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    if dir.is_empty() {
        return Some(path);
    }
    path.strip_prefix(dir)?.strip_prefix('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, path: &str) -> bool {
        RuleGlob::new(pattern).unwrap().is_match(path)
    }

    #[test]
    fn star_does_not_cross_slash() {
        assert!(m("src/*.ts", "src/a.ts"));
        assert!(!m("src/*.ts", "src/a/b.ts"));
        assert!(m("src/**/*.ts", "src/a/b.ts"));
        assert!(m("src/**/*.ts", "src/a.ts"));
        assert!(!m("src/?.ts", "src/a/b.ts"));
    }

    #[test]
    fn unquoted_cursor_glob_matches_nested_file() {
        assert!(m("**/*.ts", "src/a/b.ts"));
        assert!(m("**/*.ts", "b.ts"));
        assert!(!m("**/*.ts", "src/a/b.tsx"));
    }

    #[test]
    fn pattern_without_slash_matches_file_name_at_any_depth() {
        assert!(m("*.ts", "a.ts"));
        assert!(m("*.ts", "src/a/b.ts"));
        assert!(m("package.json", "apps/web/package.json"));
        assert!(!m("*.ts", "src/a/b.tsx"));
        assert!(!m("*.ts", "src.ts/readme"));
    }

    #[test]
    fn braces() {
        assert!(m("src/**/*.{ts,tsx}", "src/ui/App.tsx"));
        assert!(m("src/**/*.{ts,tsx}", "src/api.ts"));
        assert!(!m("src/**/*.{ts,tsx}", "src/api.js"));
        assert!(m("{backend,frontend}/**", "frontend/x/y.css"));
        assert!(m("*.{md,mdx}", "docs/a.mdx"));
    }

    #[test]
    fn classes_and_question_mark() {
        assert!(m("file[0-9].txt", "file3.txt"));
        assert!(!m("file[0-9].txt", "filex.txt"));
        assert!(m("a?c", "abc"));
    }

    #[test]
    fn leading_dot_slash_and_dirs() {
        assert!(m("./src/**", "src/a.rs"));
        assert!(m("/src/*.rs", "src/a.rs"));
        assert!(m("docs/", "docs/a/b.md"));
        assert!(m("src/api", "src/api/user.ts"));
        assert!(m("src/api", "src/api"));
        assert!(!m("src/api", "src/apix/user.ts"));
        assert!(m("**", "anything/at/all.rs"));
        assert!(m("src/**", "./src/x.rs"));
        assert!(m("src/**", "src\\x.rs"));
    }

    #[test]
    fn dotfiles_are_matched() {
        assert!(m(".github/**/*.md", ".github/instructions/a.md"));
        assert!(m("**/*.md", ".claude/rules/x.md"));
    }

    #[test]
    fn scoped_patterns_try_root_and_scope() {
        let g = RuleGlob::new("src/**/*.ts").unwrap();
        assert!(g.is_match_scoped("packages/web/src/a.ts", "packages/web"));
        assert!(g.is_match_scoped("src/a.ts", "packages/web"));
        assert!(!g.is_match_scoped("packages/api/src/a.ts", "packages/web"));
        assert!(!g.is_match_scoped("packages/webx/src/a.ts", "packages/web"));
        assert!(g.is_match_scoped("src/a.ts", ""));
    }

    #[test]
    fn invalid_patterns_are_errors_not_panics() {
        for p in ["", "  ", "./", "a[", "{a,b", "/"] {
            let e = RuleGlob::new(p);
            assert!(e.is_err(), "{p:?} should be invalid");
        }
        let e = RuleGlob::new("src/[").unwrap_err();
        assert_eq!(e.pattern, "src/[");
        assert!(e.to_string().contains("invalid glob"));
    }

    proptest::proptest! {
        /// The shortcut for a path already normal gives what splitting and
        /// joining gives.
        #[test]
        fn normalize_path_shortcut_agrees_with_splitting(path in "( |\\t|a|é|/|\\.|\\\\|b){0,14}") {
            let reference = path
                .trim()
                .replace('\\', "/")
                .split('/')
                .filter(|c| !c.is_empty() && *c != ".")
                .collect::<Vec<_>>()
                .join("/");
            proptest::prop_assert_eq!(normalize_path(&path), reference);
        }

        #[test]
        fn fuzz_globs(pattern in "(\\*\\*|\\*|\\?|/|\\.|\\{|\\}|,|\\[|\\]|!|\\\\|a|é){0,20}",
                      path in "(a|/|\\.|é|\\\\){0,12}") {
            if let Ok(g) = RuleGlob::new(&pattern) {
                let _ = g.is_match(&path);
                let _ = g.is_match_scoped(&path, "a");
            }
        }
    }

    #[test]
    fn normalize() {
        assert_eq!(normalize_path("./a//b/./c/"), "a/b/c");
        assert_eq!(normalize_path("a\\b"), "a/b");
        assert_eq!(strip_dir("a/b/c", "a/b"), Some("c"));
        assert_eq!(strip_dir("a/bc", "a/b"), None);
        assert_eq!(strip_dir("a/b", ""), Some("a/b"));
    }
}
