//! The project around a spec: its root, its language and the agent rules
//! folders it has.

use std::path::{Path, PathBuf};

/// Rules folders, in the order `new` prefers them.
pub const RULES_DIRS: &[&str] = &[
    ".cursor/rules",
    ".kilocode/rules",
    ".kilo/rules",
    ".claude/rules",
    ".roo/rules",
    ".windsurf/rules",
    ".clinerules",
    ".github/instructions",
    ".continue/rules",
];

/// A repository the spec lives in.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    /// Language and the file that told us (`go`, `go.mod`).
    pub lang: Option<(&'static str, &'static str)>,
    /// Rules folders present (repo-relative, `/`-separated).
    pub rules_dirs: Vec<String>,
}

impl Project {
    /// Reads the project at `root`.
    pub fn open(root: &Path) -> Project {
        Project {
            root: root.to_path_buf(),
            lang: detect_lang(root),
            rules_dirs: detect_rules_dirs(root),
        }
    }
}

/// The nearest ancestor of `start` (itself included) holding `techspec.toml`
/// or `.git`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() { start.parent()? } else { start };
    let abs = std::path::absolute(start).ok()?;
    abs.ancestors()
        .find(|d| d.join("techspec.toml").is_file() || d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// The project language, from its manifest files.
pub fn detect_lang(root: &Path) -> Option<(&'static str, &'static str)> {
    const MARKERS: &[(&str, &str)] = &[
        ("go.mod", "go"),
        ("Cargo.toml", "rust"),
        ("pyproject.toml", "python"),
        ("requirements.txt", "python"),
        ("setup.py", "python"),
        ("pom.xml", "java"),
        ("build.gradle", "java"),
        ("build.gradle.kts", "java"),
    ];
    for (file, lang) in MARKERS {
        if root.join(file).is_file() {
            return Some((lang, file));
        }
    }
    if root.join("package.json").is_file() && root.join("tsconfig.json").is_file() {
        return Some(("typescript", "package.json + tsconfig.json"));
    }
    if let Ok(rd) = std::fs::read_dir(root) {
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".csproj") || name.ends_with(".sln") {
                return Some(("csharp", "*.csproj"));
            }
        }
    }
    None
}

/// The rules folders that exist under `root`.
pub fn detect_rules_dirs(root: &Path) -> Vec<String> {
    RULES_DIRS
        .iter()
        .filter(|d| root.join(d).is_dir())
        .map(|d| d.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_and_rules_folders() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(detect_lang(dir.path()), None);
        std::fs::write(dir.path().join("pyproject.toml"), "").unwrap();
        std::fs::create_dir_all(dir.path().join(".kilocode/rules")).unwrap();
        assert_eq!(detect_lang(dir.path()), Some(("python", "pyproject.toml")));
        assert_eq!(detect_rules_dirs(dir.path()), vec![".kilocode/rules"]);
        std::fs::write(dir.path().join("techspec.toml"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        assert_eq!(find_root(&dir.path().join("a/b")).unwrap(), std::path::absolute(dir.path()).unwrap());
    }
}
