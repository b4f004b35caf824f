//! The project around a spec: its root, its language and the agent rules
//! folders it has.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use crate::rules::{CompiledRules, Discovery, PreparedRules, Rule, discover};

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
pub struct Project {
    pub root: PathBuf,
    /// Language and the file that told us (`go`, `go.mod`).
    pub lang: Option<(&'static str, &'static str)>,
    /// Rules folders present (repo-relative, `/`-separated).
    pub rules_dirs: Vec<String>,
    rules: OnceLock<(Discovery, PreparedRules)>,
    files_by_name: OnceLock<HashMap<String, Vec<String>>>,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("root", &self.root)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// Where a path written in a spec points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStatus {
    /// Exists (repo-relative path).
    Exists(String),
    Missing,
    /// Absolute, or `~/...`, or a drive path.
    Absolute,
    /// Leaves the repository (`../../etc/passwd`); never read.
    Escapes,
}

impl Project {
    /// Reads the project at `root`. Rules and the file index are read lazily.
    pub fn open(root: &Path) -> Project {
        Project {
            root: root.to_path_buf(),
            lang: detect_lang(root),
            rules_dirs: detect_rules_dirs(root),
            rules: OnceLock::new(),
            files_by_name: OnceLock::new(),
        }
    }

    fn loaded(&self) -> &(Discovery, PreparedRules) {
        // Owned by the project: a reloaded workspace drops its rules with it.
        self.rules.get_or_init(|| {
            let d = discover(&self.root);
            let prepared = PreparedRules::new(&d.rules);
            (d, prepared)
        })
    }

    /// The agent rules of the project.
    pub fn rules(&self) -> &[Rule] {
        &self.loaded().0.rules
    }

    /// Rules discovery (rules, folders, problems).
    pub fn discovery(&self) -> &Discovery {
        &self.loaded().0
    }

    /// The rules with their globs compiled.
    pub fn compiled(&self) -> CompiledRules<'_> {
        let (d, prepared) = self.loaded();
        CompiledRules::with(&d.rules, prepared)
    }

    /// Repo-relative paths of the files with this name (for "did you mean").
    pub fn files_named(&self, name: &str) -> &[String] {
        let index = self.files_by_name.get_or_init(|| {
            let mut map: HashMap<String, Vec<String>> = HashMap::new();
            for e in ignore::WalkBuilder::new(&self.root)
                .hidden(false)
                .build()
                .flatten()
            {
                if e.file_type().is_some_and(|t| t.is_file()) {
                    if let Ok(rel) = e.path().strip_prefix(&self.root) {
                        let rel = rel.to_string_lossy().replace('\\', "/");
                        if rel.starts_with(".git/") {
                            continue;
                        }
                        let name = e.file_name().to_string_lossy().into_owned();
                        map.entry(name).or_default().push(rel);
                    }
                }
            }
            for v in map.values_mut() {
                v.sort();
            }
            map
        });
        index.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether the repo-relative `rel` exists (and, for a server, resolves
    /// inside its workspace: a link out of it is as good as missing).
    fn has(&self, rel: &Path) -> bool {
        let p = self.root.join(rel);
        p.exists() && crate::confine::allows(&p)
    }

    /// Resolves a path written in a spec at `spec_dir` (repo-relative or
    /// relative to the spec). Escaping paths are never touched on disk.
    pub fn resolve(&self, path: &str, spec_dir: &Path) -> PathStatus {
        let p = path.trim();
        if p.starts_with('~') || is_drive_path(p) {
            return PathStatus::Absolute;
        }
        if let Some(rest) = p.strip_prefix('/') {
            // `/src/app.ts` written repo-root-relative is accepted when it exists.
            return match normalize(Path::new(rest)) {
                Some(rel) if !rest.is_empty() && self.has(&rel) => PathStatus::Exists(slash(&rel)),
                _ => PathStatus::Absolute,
            };
        }
        let spec_rel = spec_dir.strip_prefix(&self.root).unwrap_or(Path::new(""));
        let mut inside = false;
        for base in [Path::new(""), spec_rel] {
            if let Some(rel) = normalize(&base.join(p)) {
                inside = true;
                if self.has(&rel) {
                    return PathStatus::Exists(slash(&rel));
                }
            }
        }
        if inside {
            PathStatus::Missing
        } else {
            PathStatus::Escapes
        }
    }
}

fn is_drive_path(p: &str) -> bool {
    let b = p.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Lexically normalises a relative path; `None` when it climbs out of the base.
pub fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(x) => out.push(x),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// The nearest ancestor of `start` (itself included) holding `techspec.toml`
/// or `.git`.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let abs = std::path::absolute(start).ok()?;
    abs.ancestors()
        .take_while(|d| crate::confine::allows(d))
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
        assert_eq!(
            find_root(&dir.path().join("a/b")).unwrap(),
            std::path::absolute(dir.path()).unwrap()
        );
    }

    #[test]
    fn resolving_spec_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("tasks/prd-x")).unwrap();
        std::fs::write(root.join("src/api/user.ts"), "").unwrap();
        std::fs::write(root.join("tasks/prd-x/prd.md"), "").unwrap();
        let p = Project::open(root);
        let spec_dir = root.join("tasks/prd-x");
        assert_eq!(
            p.resolve("src/api/user.ts", &spec_dir),
            PathStatus::Exists("src/api/user.ts".into())
        );
        assert_eq!(
            p.resolve("prd.md", &spec_dir),
            PathStatus::Exists("tasks/prd-x/prd.md".into())
        );
        assert_eq!(
            p.resolve("/src/api/user.ts", &spec_dir),
            PathStatus::Exists("src/api/user.ts".into())
        );
        assert_eq!(p.resolve("/home/me/x.ts", &spec_dir), PathStatus::Absolute);
        assert_eq!(p.resolve("C:\\x\\y.ts", &spec_dir), PathStatus::Absolute);
        assert_eq!(
            p.resolve("../../../etc/passwd", &spec_dir),
            PathStatus::Escapes
        );
        assert_eq!(p.resolve("src/missing.ts", &spec_dir), PathStatus::Missing);
        assert_eq!(
            p.resolve("../../src/api/user.ts", &spec_dir),
            PathStatus::Exists("src/api/user.ts".into())
        );
        assert_eq!(p.files_named("user.ts"), ["src/api/user.ts"]);
    }
}
