//! Walking a folder: the one policy every walker of techspec builds on
//! (spec files, agent rules, agent templates, the repository's file list,
//! the source read by `--implemented`, the files `files` ranks).
//!
//! - Symbolic links are never followed: a link out of the repository or a
//!   link loop is not walked.
//! - `.gitignore`, `.ignore` and `.git/info/exclude` are honoured, with or
//!   without a Git repository, and so are those of the folders above the
//!   walk's root; the user's global Git excludes are not, so that findings do
//!   not depend on the machine they are made on.
//! - `.git` is never entered.
//! - Hidden files and folders (a name starting with `.`) follow [`Hidden`],
//!   the one thing the jobs truly differ on, with the folders to leave out
//!   ([`Walk::skip_dirs`]), a depth limit and a file size limit.

use ignore::WalkBuilder;

/// What a walk does with hidden files and folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Left out (`.env`, `.venv`, `.cache`...): source code, the files
    /// `files` ranks.
    Skip,
    /// Walked like any other: agent rules, which live in `.cursor/`,
    /// `.kilocode/`, `.github/`... at any depth; the repository's file list.
    Walk,
    /// Left out, except folders with these names, wherever they are:
    /// `.compozy` for spec files (compozy keeps its specs in
    /// `.compozy/tasks/<name>/`).
    Enter(&'static [&'static str]),
    /// Hidden files are walked; hidden folders only when they are, or are
    /// inside, one of these folders at the top of the walk (the agent
    /// folders where templates are kept).
    EnterAtTop(&'static [&'static str]),
}

/// How to walk a folder, beyond the common policy of this module.
#[derive(Debug, Clone, Copy)]
pub struct Walk {
    pub hidden: Hidden,
    /// Folder names never entered, wherever they are (besides `.git`).
    pub skip_dirs: &'static [&'static str],
    /// How deep to go below the root (`None`: no limit).
    pub max_depth: Option<usize>,
    /// Files larger than this many bytes are left out (`None`: no limit).
    pub max_file_size: Option<u64>,
}

impl Walk {
    /// A walk with `hidden` and no other limit.
    pub const fn new(hidden: Hidden) -> Walk {
        Walk {
            hidden,
            skip_dirs: &[],
            max_depth: None,
            max_file_size: None,
        }
    }
}

/// The walker of `root` with the policy of this module and `walk`'s options;
/// the caller builds it sequential or parallel.
pub fn walker(root: &std::path::Path, walk: Walk) -> WalkBuilder {
    let mut b = WalkBuilder::new(root);
    b.follow_links(false)
        .require_git(false)
        .git_global(false)
        .parents(true)
        .hidden(walk.hidden == Hidden::Skip)
        .max_depth(walk.max_depth)
        .max_filesize(walk.max_file_size);
    let root = root.to_path_buf();
    b.filter_entry(move |e| {
        if e.depth() == 0 {
            return true;
        }
        let is_dir = e.file_type().is_some_and(|t| t.is_dir());
        let name = e.file_name().to_string_lossy();
        if is_dir && (name == ".git" || walk.skip_dirs.contains(&name.as_ref())) {
            return false;
        }
        if !name.starts_with('.') {
            return true;
        }
        match walk.hidden {
            Hidden::Skip | Hidden::Walk => true,
            Hidden::Enter(names) => is_dir && names.contains(&name.as_ref()),
            Hidden::EnterAtTop(names) => {
                !is_dir
                    || e.path()
                        .strip_prefix(&root)
                        .ok()
                        .and_then(|rel| rel.components().next())
                        .is_some_and(|c| names.contains(&c.as_os_str().to_string_lossy().as_ref()))
            }
        }
    });
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(root: &std::path::Path, walk: Walk) -> Vec<String> {
        let mut out: Vec<String> = walker(root, walk)
            .build()
            .flatten()
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| {
                e.path()
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn one_policy_hidden_files_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "a.md",
            ".env",
            ".cursor/rules/x.mdc",
            "sub/.cursor/rules/y.mdc",
            ".compozy/tasks/t/_spec.md",
            ".compozy/.cache/z.md",
            ".git/HEAD",
            "node_modules/m.md",
            "ignored/i.md",
        ] {
            std::fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            std::fs::write(root.join(f), "x").unwrap();
        }
        // Honoured without a Git repository.
        std::fs::write(root.join(".ignore"), "ignored/\n").unwrap();
        let skip = Walk {
            skip_dirs: &["node_modules"],
            ..Walk::new(Hidden::Skip)
        };
        assert_eq!(found(root, skip), ["a.md"]);
        assert_eq!(
            found(root, Walk::new(Hidden::Walk)),
            [
                ".compozy/.cache/z.md",
                ".compozy/tasks/t/_spec.md",
                ".cursor/rules/x.mdc",
                ".env",
                ".ignore",
                "a.md",
                "node_modules/m.md",
                "sub/.cursor/rules/y.mdc"
            ]
        );
        assert_eq!(
            found(root, Walk::new(Hidden::Enter(&[".compozy"]))),
            [".compozy/tasks/t/_spec.md", "a.md", "node_modules/m.md"]
        );
        assert_eq!(
            found(root, Walk::new(Hidden::EnterAtTop(&[".cursor"]))),
            [
                ".cursor/rules/x.mdc",
                ".env",
                ".ignore",
                "a.md",
                "node_modules/m.md"
            ]
        );
    }
}
