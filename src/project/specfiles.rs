//! Finding the spec files of a run: by the configured globs, or every
//! Markdown file under an explicit directory (walked by [`crate::io::walk`]'s
//! policy).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::io::walk::{Hidden, Walk, walker};

/// The default spec globs.
pub const DEFAULT_SPECS: &[&str] = &[
    "**/techspec.md",
    "**/_techspec.md",
    "**/*.techspec.md",
    "**/tech-spec.md",
    "**/tasks/prd-*/techspec*.md",
    "**/tasks/prd-*/_techspec*.md",
    "**/.compozy/tasks/*/_spec.md",
];

/// Errors building globs.
#[derive(Debug, thiserror::Error)]
#[error("invalid glob `{glob}`: {message}")]
pub struct GlobError {
    pub glob: String,
    pub message: String,
}

/// A problem met while walking (the walk goes on).
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: Option<PathBuf>,
    pub message: String,
}

pub fn globset(globs: &[String]) -> Result<GlobSet, GlobError> {
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| GlobError {
            glob: g.clone(),
            message: e.kind().to_string(),
        })?;
        b.add(glob);
    }
    b.build().map_err(|e| GlobError {
        glob: globs.join(", "),
        message: e.to_string(),
    })
}

/// Markdown files under `root` whose root-relative path matches `include`
/// and not `exclude`. Sorted.
pub fn walk(
    root: &Path,
    include: Option<&GlobSet>,
    exclude: &GlobSet,
) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let found = Mutex::new(Vec::new());
    let problems = Mutex::new(Vec::new());
    // Hidden files and folders are skipped, except `.compozy/` when looking
    // for specs by name (compozy keeps its specs in `.compozy/tasks/<name>/`).
    let hidden = match include {
        Some(_) => Hidden::Enter(&[".compozy"]),
        None => Hidden::Skip,
    };
    let walker = walker(root, Walk::new(hidden)).build_parallel();
    walker.run(|| {
        Box::new(|entry| {
            match entry {
                Ok(e) => {
                    let is_file = e.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                    if !is_file || e.depth() == 0 {
                        return ignore::WalkState::Continue;
                    }
                    let path = e.path();
                    let rel = path.strip_prefix(root).unwrap_or(path);
                    if exclude.is_match(rel) {
                        return ignore::WalkState::Continue;
                    }
                    let ok = match include {
                        Some(set) => set.is_match(rel),
                        None => path.extension().is_some_and(|x| {
                            x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown")
                        }),
                    };
                    if ok {
                        found
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push(path.to_path_buf());
                    }
                }
                Err(err) => {
                    let path = walk_path(&err);
                    problems
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(WalkProblem {
                            path,
                            message: walk_message(&err),
                        });
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut found = found
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    found.sort();
    let mut problems = problems
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    (found, problems)
}

/// The path an error is about, however deep it is wrapped.
fn walk_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn walk_message(err: &ignore::Error) -> String {
    match err {
        ignore::Error::WithPath { err, .. } => walk_message(err),
        ignore::Error::WithDepth { err, .. } => walk_message(err),
        ignore::Error::Loop { ancestor, child } => {
            format!(
                "symbolic link loop: {} points back to {}",
                child.display(),
                ancestor.display()
            )
        }
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            "permission denied".into()
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_globs_find_specs_and_honour_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "tasks/prd-a/techspec.md",
            "docs/x.techspec.md",
            "docs/readme.md",
            "ignored/techspec.md",
            "b/_techspec.md",
            ".compozy/tasks/refunds/_spec.md",
            ".compozy/tasks/refunds/_techspec.md",
            ".compozy/tasks/refunds/_prd.md",
            ".hidden/techspec.md",
        ] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), "# x\n").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
        let include = globset(
            &DEFAULT_SPECS
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let (found, problems) = walk(root, Some(&include), &GlobSet::empty());
        let rel: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        // compozy keeps its specs in `.compozy/tasks/<name>/` (v0.3: `_spec.md`);
        // other hidden folders stay out.
        assert_eq!(
            rel,
            [
                ".compozy/tasks/refunds/_spec.md",
                ".compozy/tasks/refunds/_techspec.md",
                "b/_techspec.md",
                "docs/x.techspec.md",
                "tasks/prd-a/techspec.md"
            ]
        );
        assert!(problems.is_empty());
        let (all, _) = walk(root, None, &globset(&["docs/**".into()]).unwrap());
        assert_eq!(all.len(), 2, "{all:?}");
    }
}
