//! The project around a spec: its root, its language and the agent rules
//! folders it has.

pub mod files;
pub mod references;
pub mod research;
pub mod rules;
pub mod specfiles;
pub mod targets;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crate::project::rules::{
    CompiledRules, Discovery, PreparedRules, Rule, discover, discover_walking,
};
use crate::project::targets::Targets;

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
    files: OnceLock<FileIndex>,
    /// Existence lookups so far: past [`INDEX_AFTER`], one walk of the
    /// repository answers them instead of one `stat` each.
    lookups: AtomicUsize,
    /// The index is being built in the background ([`Project::prefetch`]):
    /// lookups ask the disk until it is ready instead of waiting for it.
    indexing: AtomicBool,
    targets: OnceLock<Targets>,
    gitignore: OnceLock<ignore::gitignore::Gitignore>,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project")
            .field("root", &self.root)
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

/// The repository's files and folders, from one walk (`.gitignore`
/// respected, hidden files included, `.git` left out).
#[derive(Default)]
struct FileIndex {
    /// File name -> repo-relative paths of the files with that name, sorted.
    by_name: HashMap<String, Vec<String>, foldhash::fast::RandomState>,
    /// Every repo-relative path walked, files and folders (`/`-separated).
    /// Hashed with foldhash: looked up once or twice per path a spec names.
    paths: HashSet<String, foldhash::fast::RandomState>,
}

impl FileIndex {
    /// Records an entry of the walk of `root` (`.git` and the root itself
    /// are left out).
    fn add(&mut self, root: &Path, e: &ignore::DirEntry) {
        let Ok(rel) = e.path().strip_prefix(root) else {
            return;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.is_empty() || rel == ".git" || rel.starts_with(".git/") {
            return;
        }
        if e.file_type().is_some_and(|t| t.is_file()) {
            let name = e.file_name().to_string_lossy().into_owned();
            self.by_name.entry(name).or_default().push(rel.clone());
        }
        self.paths.insert(rel);
    }

    /// Sorts the namesakes, once the walk is over.
    fn finish(&mut self) {
        for v in self.by_name.values_mut() {
            v.sort();
        }
    }
}

/// How many existence lookups a run makes with `stat` before it walks the
/// repository once instead: a single spec in a big monorepo stays a few
/// `stat`s, 10,000 specs' Relevant Files become hash lookups.
const INDEX_AFTER: usize = 512;

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
            files: OnceLock::new(),
            lookups: AtomicUsize::new(0),
            indexing: AtomicBool::new(false),
            targets: OnceLock::new(),
            gitignore: OnceLock::new(),
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

    /// Reads, on a background thread, what every spec of a long run needs
    /// from the project, in one walk of the repository: the agent rules and
    /// skills, the file index, and what the create-techspec command asks
    /// for. The caller goes on (discovering templates, parsing specs)
    /// meanwhile; a check that needs the rules waits for them, and until the
    /// index is ready existence lookups ask the disk, which answers the same
    /// (see [`Project::has`]).
    pub fn prefetch(self: &Arc<Self>) {
        let p = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("techspec-project".into())
            .spawn(move || {
                p.rules.get_or_init(|| {
                    let mut index = FileIndex::default();
                    let d = discover_walking(&p.root, Some(&mut |e| index.add(&p.root, e)));
                    index.finish();
                    let _ = p.files.set(index);
                    let prepared = PreparedRules::new(&d.rules);
                    (d, prepared)
                });
                // Already there, unless the rules were read first elsewhere.
                p.index();
                p.targets();
            });
        if spawned.is_ok() && self.files.get().is_none() {
            self.indexing.store(true, Ordering::Relaxed);
        }
    }

    /// The agent rules of the project.
    pub fn rules(&self) -> &[Rule] {
        &self.loaded().0.rules
    }

    /// What the project's create-techspec command or skill asks for.
    pub fn targets(&self) -> &Targets {
        self.targets
            .get_or_init(|| crate::project::targets::discover(&self.root))
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

    /// Whether a repo-relative path is a local file that the repository
    /// keeps out by design: matched by the root `.gitignore`, or a dotenv
    /// file (`.env`, `.env.local`; not `.env.example`), which holds secrets.
    pub fn is_local_only(&self, rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
        let dotenv = name == ".env"
            || (name.starts_with(".env.")
                && !["example", "sample", "template", "dist"]
                    .iter()
                    .any(|s| name.ends_with(s)));
        if dotenv {
            return true;
        }
        let gi = self.gitignore.get_or_init(|| {
            let mut b = ignore::gitignore::GitignoreBuilder::new(&self.root);
            b.add(self.root.join(".gitignore"));
            b.build()
                .unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
        });
        gi.matched_path_or_any_parents(rel, rel.ends_with('/'))
            .is_ignore()
    }

    /// The file index, walked on first use (or, while
    /// [`Project::prefetch`] walks, when that walk is done).
    fn index(&self) -> &FileIndex {
        if self.indexing.load(Ordering::Relaxed) {
            // The prefetch's walk fills the index with the rules.
            self.loaded();
        }
        self.files.get_or_init(|| {
            let mut index = FileIndex::default();
            for e in crate::io::walk::walker(
                &self.root,
                crate::io::walk::Walk::new(crate::io::walk::Hidden::Walk),
            )
            .build()
            .flatten()
            {
                index.add(&self.root, &e);
            }
            index.finish();
            index
        })
    }

    /// Repo-relative paths of the files named like the last component of
    /// `path` (`src/app.ts` -> every `app.ts`), for "did you mean".
    pub fn namesakes(&self, path: &str) -> &[String] {
        let name = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path);
        self.files_named(name)
    }

    /// Repo-relative paths of the files with this name (for "did you mean").
    pub fn files_named(&self, name: &str) -> &[String] {
        self.index().by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether the repo-relative `rel` exists (and, for a server, resolves
    /// inside its workspace: a link out of it is as good as missing).
    ///
    /// Past [`INDEX_AFTER`] lookups, a path the walk saw is known to exist
    /// without a `stat`; one it did not see (ignored by `.gitignore`, or
    /// written with other letter case on a case-insensitive disk) still gets
    /// its `stat`, so the answer is the same either way. While
    /// [`Project::prefetch`] builds the index, lookups `stat` without waiting
    /// for it. A server confined to its roots always asks the disk (links are
    /// resolved there).
    fn has(&self, rel: &Path) -> bool {
        if !crate::io::confine::is_confined() {
            let index = self.files.get().or_else(|| {
                (!self.indexing.load(Ordering::Relaxed)
                    && self.lookups.fetch_add(1, Ordering::Relaxed) >= INDEX_AFTER)
                    .then(|| self.index())
            });
            let known = index.is_some_and(|i| match rel.to_str() {
                // The usual case: already the index's spelling, no copy.
                Some(s) if !s.contains('\\') => i.paths.contains(s),
                _ => i.paths.contains(slash(rel).as_str()),
            });
            if known {
                return true;
            }
        }
        let p = self.root.join(rel);
        p.exists() && crate::io::confine::allows(&p)
    }

    /// Resolves a path written in a spec at `spec_dir` (repo-relative or
    /// relative to the spec). Escaping paths are never touched on disk.
    ///
    /// A path with a leading `/` that is not a machine path (`/home/...`,
    /// `/Users/...`, see [`is_machine_path`]) is read as inside the
    /// repository: `/src/app.ts` is `src/app.ts`. A path of two or more
    /// components that is not found from the root or the spec's folder is
    /// looked up inside the repository's folders too (`Domain/User.swift`
    /// written for `App/App/Domain/User.swift` in a project whose code sits
    /// in an app folder).
    pub fn resolve(&self, path: &str, spec_dir: &Path) -> PathStatus {
        let p = path.trim();
        if p.starts_with('~') || is_drive_path(p) || is_machine_path(p) {
            return PathStatus::Absolute;
        }
        if let Some(rest) = p.strip_prefix('/') {
            let rest = rest.trim_start_matches('/');
            return match normalize(Path::new(rest)) {
                Some(rel) if !rest.is_empty() => {
                    if self.has(&rel) {
                        PathStatus::Exists(slash(&rel))
                    } else if let Some(found) = self.find_anchored(&slash(&rel)) {
                        PathStatus::Exists(found)
                    } else {
                        PathStatus::Missing
                    }
                }
                Some(_) => PathStatus::Missing,
                None => PathStatus::Escapes,
            };
        }
        // From the root first; the spec's folder only when that fails.
        let from_root = normalize(Path::new(p));
        if let Some(rel) = &from_root {
            if self.has(rel) {
                return PathStatus::Exists(slash(rel));
            }
        }
        let spec_rel = spec_dir.strip_prefix(&self.root).unwrap_or(Path::new(""));
        let from_spec = normalize(&spec_rel.join(p));
        if let Some(rel) = &from_spec {
            if self.has(rel) {
                return PathStatus::Exists(slash(rel));
            }
        }
        match from_root.or(from_spec) {
            Some(_) => {
                match normalize(Path::new(p)).and_then(|rel| self.find_by_suffix(&slash(&rel))) {
                    Some(found) => PathStatus::Exists(found),
                    None => PathStatus::Missing,
                }
            }
            None => PathStatus::Escapes,
        }
    }

    /// The one file whose repo-relative path ends with `/{rel}`, for a
    /// `rel` of at least two components (`Domain/User.swift`). With several,
    /// the shortest (the least nested) wins.
    pub fn find_by_suffix(&self, rel: &str) -> Option<String> {
        let rel = rel.trim_matches('/');
        let (_, name) = rel.rsplit_once('/')?;
        let suffix = format!("/{rel}");
        self.files_named(name)
            .iter()
            .filter(|f| f.ends_with(&suffix))
            .min_by_key(|f| (f.len(), (*f).clone()))
            .cloned()
    }

    /// Like [`Project::find_by_suffix`], for a path written with a leading
    /// `/` (anchored at the app folder): one component is enough
    /// (`/App.swift` for `App/App/App.swift`).
    fn find_anchored(&self, rel: &str) -> Option<String> {
        let rel = rel.trim_matches('/');
        let name = rel.rsplit('/').next()?;
        let suffix = format!("/{rel}");
        self.files_named(name)
            .iter()
            .filter(|f| f.ends_with(&suffix))
            .min_by_key(|f| (f.len(), (*f).clone()))
            .cloned()
    }

    /// For a machine path that ends in a file of this repository
    /// (`/home/ana/shop/src/app.ts` in a checkout of `shop`), the
    /// repo-relative path (`src/app.ts`): the longest tail that exists.
    pub fn relative_tail(&self, path: &str) -> Option<String> {
        let clean = path.replace('\\', "/");
        let parts: Vec<&str> = clean.split('/').filter(|c| !c.is_empty()).collect();
        (1..parts.len()).find_map(|i| {
            let tail = parts[i..].join("/");
            normalize(Path::new(&tail))
                .filter(|rel| self.root.join(rel).is_file())
                .map(|rel| slash(&rel))
        })
    }
}

/// A path that names a place on one machine: `/home/...`, `/Users/...`,
/// `/tmp/...` and other system folders, `C:\...`, `~/...`, `file://`. A
/// path like `/src/app.ts` or `/Domain/User.swift` is not: specs write
/// those to mean the repository (or its app folder).
pub fn is_machine_path(p: &str) -> bool {
    const SYSTEM: [&str; 16] = [
        "home",
        "users",
        "root",
        "tmp",
        "var",
        "usr",
        "opt",
        "etc",
        "mnt",
        "srv",
        "volumes",
        "private",
        "media",
        "workspaces",
        "library",
        "applications",
    ];
    let p = p.trim();
    if p.starts_with("file://") || p.starts_with('~') || is_drive_path(p) {
        return true;
    }
    let Some(rest) = p.strip_prefix('/') else {
        return false;
    };
    let first = rest.split('/').next().unwrap_or("");
    rest.contains('/') && SYSTEM.contains(&first.to_ascii_lowercase().as_str())
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
            crate::io::root::find_root(&dir.path().join("a/b")).unwrap(),
            std::path::absolute(dir.path()).unwrap()
        );
    }

    /// Past the first lookups the walk's index answers, and it answers as
    /// the disk does: files, folders, a `.gitignore`d file that exists, a
    /// missing one.
    #[test]
    fn lookups_answer_the_same_before_and_after_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("build")).unwrap();
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        std::fs::write(root.join("src/api/user.ts"), "").unwrap();
        std::fs::write(root.join("build/out.js"), "").unwrap();
        let p = Project::open(root);
        let spec_dir = root.to_path_buf();
        let ask = |p: &Project| {
            ["src/api/user.ts", "src/api", "build/out.js", "src/gone.ts"]
                .map(|path| p.resolve(path, &spec_dir))
        };
        p.resolve("src/api/user.ts", &spec_dir);
        assert!(p.files.get().is_none(), "no walk for a few lookups");
        let before = ask(&p);
        for _ in 0..INDEX_AFTER {
            p.resolve("src/api/user.ts", &spec_dir);
        }
        assert!(
            p.files.get().is_some(),
            "the index is built past the threshold"
        );
        assert_eq!(ask(&p), before);
        assert_eq!(before[2], PathStatus::Exists("build/out.js".into()));
        assert_eq!(before[3], PathStatus::Missing);
    }

    /// A project read in the background answers every lookup as one read
    /// on demand, while its index is being built and after: files, folders,
    /// a `.gitignore`d file, a missing one, namesakes and the rules.
    #[test]
    fn a_prefetched_project_answers_like_one_read_on_demand() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("build")).unwrap();
        std::fs::create_dir_all(root.join(".cursor/rules")).unwrap();
        std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
        std::fs::write(root.join("src/api/user.ts"), "").unwrap();
        std::fs::write(root.join("build/out.js"), "").unwrap();
        std::fs::write(
            root.join(".cursor/rules/api.mdc"),
            "---\nglobs: src/**/*.ts\n---\nValidate input.\n",
        )
        .unwrap();
        let spec_dir = root.to_path_buf();
        let ask = |p: &Project| {
            [
                "src/api/user.ts",
                "src/api",
                "build/out.js",
                "src/gone.ts",
                "api/user.ts",
            ]
            .map(|path| p.resolve(path, &spec_dir))
        };
        let lazy = Project::open(root);
        let expected = ask(&lazy);
        let early = Arc::new(Project::open(root));
        early.prefetch();
        let during = ask(&early);
        assert_eq!(early.files_named("user.ts"), ["src/api/user.ts"]);
        assert!(early.files.get().is_some(), "namesakes wait for the index");
        assert_eq!(during, expected);
        assert_eq!(ask(&early), expected);
        let paths = |p: &Project| p.rules().iter().map(|r| r.path_str()).collect::<Vec<_>>();
        assert_eq!(paths(&early), [".cursor/rules/api.mdc"]);
        assert_eq!(paths(&early), paths(&lazy));
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
        assert_eq!(p.resolve("/Users/me/x.ts", &spec_dir), PathStatus::Absolute);
        // A leading `/` that is no machine path means the repository.
        assert_eq!(p.resolve("/src/missing.ts", &spec_dir), PathStatus::Missing);
        assert_eq!(
            p.resolve("/api/user.ts", &spec_dir),
            PathStatus::Exists("src/api/user.ts".into())
        );
        assert_eq!(
            p.resolve("api/user.ts", &spec_dir),
            PathStatus::Exists("src/api/user.ts".into())
        );
        // One component is not enough to search inside folders.
        assert_eq!(p.resolve("user.ts", &spec_dir), PathStatus::Missing);
        assert_eq!(
            p.relative_tail("/home/ana/shop/src/api/user.ts").as_deref(),
            Some("src/api/user.ts")
        );
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
