//! The project a file is checked in: its configuration, root, spec globs and
//! [`Checker`], resolved one way for every front-end (`check`, `report`,
//! `trace`, the LSP and MCP servers), so that a spec gets the same findings
//! wherever it is checked; [`Workspaces`] keeps one per configuration, and
//! [`select`] with [`Selection::check`] finds and checks the files of a run.

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;
use rayon::prelude::*;

use crate::engine::config::{Config, ConfigError};
use crate::engine::{Checker, FileReport, ProjectMode, TemplateChoice, unreadable};
use crate::io::read::io_message;
use crate::io::root::find_root;
use crate::model::document::Document;
use crate::model::template::{TemplateSet, TemplateSetError};
use crate::project::Project;
use crate::project::specfiles::{DEFAULT_SPECS, GlobError, WalkProblem, globset, walk};

/// Why a workspace could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Template(#[from] TemplateSetError),
    #[error(transparent)]
    Glob(#[from] GlobError),
    #[error("cannot resolve {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start worker threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
}

/// What a run sets over every file's configuration: the CLI's flags, the
/// MCP server's arguments.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// This config file for every file, instead of each file's nearest
    /// `techspec.toml` (`--config`).
    pub config: Option<PathBuf>,
    /// A template name, or a template file relative to the folder given
    /// with it (`--template`).
    pub template: Option<(String, PathBuf)>,
    pub word_budget: Option<usize>,
    pub max_file_size: Option<u64>,
    /// No repository checks (`--no-project`).
    pub no_project: bool,
    /// Also count the agent rules each spec cites (`report`; see
    /// [`Checker::count_rules`]).
    pub count_rules: bool,
}

/// A project opened for checking.
pub struct Workspace {
    /// The project root: the folder of `techspec.toml`, else the nearest
    /// ancestor with `.git`, else the folder the workspace was opened at.
    pub root: PathBuf,
    /// Whether a real project root was found (config or `.git`).
    pub has_project: bool,
    pub config: Config,
    pub checker: Checker,
    /// The spec globs (`specs` of the config, or [`DEFAULT_SPECS`]).
    pub specs: GlobSet,
    pub exclude: GlobSet,
    /// The globs of `specs`, as written (for messages).
    pub spec_globs: Vec<String>,
}

impl Workspace {
    /// Opens the project around `dir` exactly as `techspec check` run in
    /// `dir` would: the nearest `techspec.toml`, the project templates, the
    /// configured template, settings and the project.
    pub fn open(dir: &Path) -> Result<Workspace, WorkspaceError> {
        Self::resolve(dir, &Overrides::default())
    }

    /// The configuration and checker of the files in `dir`: the one
    /// resolution that `check`, `report`, `--fix`, the LSP and the MCP server
    /// share, so that a spec gets the same findings wherever a run starts.
    ///
    /// The configuration is the nearest `techspec.toml` at or above `dir`
    /// (never the current folder's), else the defaults; the project root is
    /// that file's folder, else the nearest folder with `.git`; then
    /// `overrides` apply. Inside a [`crate::io::confine`] scope, configs and
    /// roots outside it are not looked at.
    pub fn resolve(dir: &Path, overrides: &Overrides) -> Result<Workspace, WorkspaceError> {
        let config = match &overrides.config {
            Some(p) => Some(p.clone()),
            None => Config::find(dir),
        };
        let mut ws = Self::build_with(dir, config, find_root(dir), overrides.template.is_some())?;
        if let Some((t, base)) = &overrides.template {
            ws.checker.choice =
                TemplateChoice::Fixed(Box::new(ws.checker.templates.resolve(t, base)?));
        }
        if let Some(n) = overrides.word_budget {
            ws.checker.settings.word_budget = n;
            ws.checker.settings.explicit.word_budget = true;
            ws.checker.settings.word_budget_source = Some("--word-budget".into());
        }
        if let Some(n) = overrides.max_file_size {
            ws.checker.settings.max_file_size = n;
        }
        if overrides.no_project {
            ws.checker.project = ProjectMode::Off;
        }
        ws.checker.count_rules = overrides.count_rules;
        Ok(ws)
    }

    /// [`Workspace::resolve`] for the folder of `file`.
    pub fn for_file(file: &Path, overrides: &Overrides) -> Result<Workspace, WorkspaceError> {
        Self::resolve(&folder_of(file), overrides)
    }

    /// The project's agent rules grouped for the spec at `path` (`rules
    /// --spec`, the MCP tool `techspec_rules`), its sections found by the
    /// alignment `check` makes, so that both read the sections the project
    /// checks read.
    pub fn rules_for_spec(
        &self,
        project: &Project,
        path: &Path,
        doc: &Document,
    ) -> crate::project::research::SpecRules {
        let chosen = self.checker.choose(doc);
        crate::project::research::rules_for_spec(
            project,
            path,
            doc,
            chosen.template,
            &chosen.alignment,
        )
    }

    /// Files with equal keys get equal workspaces from [`Workspace::for_file`]
    /// (cheap: nothing is read), so that callers build one per key.
    pub fn key_for(file: &Path, overrides: &Overrides) -> PathBuf {
        let dir = folder_of(file);
        match &overrides.config {
            Some(p) => p.clone(),
            None => Self::root_for(&dir).unwrap_or(dir),
        }
    }

    /// Like [`Workspace::open`], but nothing above `limit` is looked at: a
    /// `techspec.toml` or `.git` outside it is ignored, and when none is
    /// found inside, `limit` is the project root (for the MCP server, which
    /// must not read outside the folder it serves).
    pub fn open_within(dir: &Path, limit: &Path) -> Result<Workspace, WorkspaceError> {
        let config = Config::find(dir).filter(|p| p.starts_with(limit));
        let found = find_root(dir).filter(|r| r.starts_with(limit));
        let confined = config.is_none() && found.is_none();
        let mut ws = Self::build(
            dir,
            config,
            Some(found.unwrap_or_else(|| limit.to_path_buf())),
        )?;
        if confined {
            ws.checker.project = ProjectMode::Fixed(Arc::new(Project::open(limit)));
        }
        Ok(ws)
    }

    fn build(
        dir: &Path,
        config: Option<PathBuf>,
        fallback_root: Option<PathBuf>,
    ) -> Result<Workspace, WorkspaceError> {
        Self::build_with(dir, config, fallback_root, false)
    }

    /// `template_given`: the run names its own template, so the
    /// configured one is not resolved.
    fn build_with(
        dir: &Path,
        config: Option<PathBuf>,
        fallback_root: Option<PathBuf>,
        template_given: bool,
    ) -> Result<Workspace, WorkspaceError> {
        let config = match config {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        };
        let found_root = config.root().map(Path::to_path_buf).or(fallback_root);
        let has_project = found_root.is_some();
        let root = match found_root {
            Some(r) => r,
            None => std::path::absolute(dir).map_err(|source| WorkspaceError::Io {
                path: dir.to_path_buf(),
                source,
            })?,
        };
        let mut templates = TemplateSet::load(
            has_project.then_some(root.as_path()),
            config.file.template.as_deref(),
        )?;
        let choice = match &config.file.template {
            Some(_) if template_given => TemplateChoice::Auto,
            Some(t) => TemplateChoice::Fixed(Box::new(
                templates.resolve(t, if has_project { &root } else { dir })?,
            )),
            None => TemplateChoice::Auto,
        };
        let settings = config.settings();
        let spec_globs: Vec<String> = config
            .file
            .specs
            .clone()
            .unwrap_or_else(|| DEFAULT_SPECS.iter().map(|s| s.to_string()).collect());
        let specs = globset(&spec_globs)?;
        let exclude = globset(&config.file.exclude.clone().unwrap_or_default())?;
        Ok(Workspace {
            root,
            has_project,
            config,
            checker: Checker {
                templates,
                choice,
                settings,
                project: ProjectMode::per_file(),
                companions: Default::default(),
                count_rules: false,
            },
            specs,
            exclude,
            spec_globs,
        })
    }

    /// A workspace for `dir` that cannot fail: built-in templates and default
    /// settings, for when [`Workspace::open`] reports an error (a broken
    /// `techspec.toml`) and a server must go on checking.
    pub fn fallback(dir: &Path) -> Workspace {
        let found_root = find_root(dir);
        let has_project = found_root.is_some();
        let root = found_root
            .or_else(|| std::path::absolute(dir).ok())
            .unwrap_or_else(|| dir.to_path_buf());
        let spec_globs: Vec<String> = DEFAULT_SPECS.iter().map(|s| s.to_string()).collect();
        let mut checker = Checker::new(TemplateSet::builtins());
        checker.project = ProjectMode::per_file();
        Workspace {
            specs: globset(&spec_globs).unwrap_or_else(|_| GlobSet::empty()),
            exclude: GlobSet::empty(),
            spec_globs,
            root,
            has_project,
            config: Config::default(),
            checker,
        }
    }

    /// The key a workspace is cached under for a file in `dir`: the folder
    /// `open(dir)` would take as the root (cheap: no templates are read).
    pub fn root_for(dir: &Path) -> Option<PathBuf> {
        Config::find(dir)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| find_root(dir))
    }

    /// Whether `path` is a spec file by the configured globs (and not excluded).
    pub fn matches_spec_globs(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        !self.exclude.is_match(rel) && self.specs.is_match(rel)
    }

    /// Whether a document at `path` is a spec: it matches the spec globs, or
    /// it is Markdown titled as a spec.
    pub fn is_spec(&self, path: Option<&Path>, doc: &Document) -> bool {
        path.is_some_and(|p| self.matches_spec_globs(p))
            || has_spec_title(doc)
            || self.has_spec_structure(doc)
    }

    /// Whether the document is built like a spec of one of the workspace's
    /// templates: at least four of a template's required sections, and at
    /// least half of them, are headings of the document.
    pub fn has_spec_structure(&self, doc: &Document) -> bool {
        let headings: std::collections::HashSet<String> = doc
            .headings
            .iter()
            .map(|h| h.text.trim().to_lowercase())
            .collect();
        if headings.len() < 4 {
            return false;
        }
        self.checker.templates.entries.iter().any(|e| {
            let required: Vec<&str> = e
                .template
                .sections
                .iter()
                .filter(|s| !s.optional)
                .map(|s| s.title.as_str())
                .collect();
            let found = required
                .iter()
                .filter(|t| headings.contains(&t.trim().to_lowercase()))
                .count();
            found >= 4 && found * 2 >= required.len()
        })
    }
}

/// One workspace per configuration, opened on first use: the cache that
/// `check`, `report`, the LSP and the MCP server share. `P` is how a
/// workspace is held (`Arc` to check in parallel, `Rc` in the LSP).
pub struct Workspaces<P = Arc<Workspace>> {
    overrides: Overrides,
    /// Folder of a file -> its key ([`Workspace::key_for`]).
    key_of_dir: HashMap<PathBuf, PathBuf>,
    /// Key -> index into `open`.
    by_key: HashMap<PathBuf, usize>,
    open: Vec<P>,
}

impl<P: Deref<Target = Workspace> + From<Workspace> + Clone> Workspaces<P> {
    /// No workspace opened yet; each is resolved with `overrides`.
    pub fn new(overrides: Overrides) -> Self {
        Workspaces {
            overrides,
            key_of_dir: HashMap::new(),
            by_key: HashMap::new(),
            open: Vec::new(),
        }
    }

    /// The key of `file`'s workspace, resolved once per folder.
    fn key(&mut self, file: &Path) -> PathBuf {
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        self.key_of_dir
            .entry(dir)
            .or_insert_with(|| Workspace::key_for(file, &self.overrides))
            .clone()
    }

    /// The workspace already opened for `file`, if any.
    pub fn cached(&mut self, file: &Path) -> Option<P> {
        let key = self.key(file);
        self.by_key.get(&key).map(|&i| self.open[i].clone())
    }

    /// The index of `file`'s workspace ([`Workspace::for_file`]), opened on
    /// first use, and whether this call opened it.
    pub fn index_for(&mut self, file: &Path) -> Result<(usize, bool), WorkspaceError> {
        let key = self.key(file);
        if let Some(&i) = self.by_key.get(&key) {
            return Ok((i, false));
        }
        let ws = Workspace::for_file(file, &self.overrides)?;
        Ok((self.insert(key, ws), true))
    }

    /// Like [`Workspaces::index_for`], but a workspace that cannot be
    /// opened (a broken `techspec.toml`) is given to `on_error` and replaced
    /// by [`Workspace::fallback`], kept as the one of its key.
    pub fn index_or_fallback(
        &mut self,
        file: &Path,
        on_error: impl FnOnce(WorkspaceError),
    ) -> (usize, bool) {
        let key = self.key(file);
        if let Some(&i) = self.by_key.get(&key) {
            return (i, false);
        }
        let ws = match Workspace::for_file(file, &self.overrides) {
            Ok(ws) => ws,
            Err(e) => {
                on_error(e);
                Workspace::fallback(&folder_of(file))
            }
        };
        (self.insert(key, ws), true)
    }

    fn insert(&mut self, key: PathBuf, ws: Workspace) -> usize {
        self.open.push(P::from(ws));
        self.by_key.insert(key, self.open.len() - 1);
        self.open.len() - 1
    }

    /// The workspace of index `i` (from [`Workspaces::index_for`]).
    pub fn get(&self, i: usize) -> &P {
        &self.open[i]
    }

    /// Every workspace opened, in the order opened.
    pub fn iter(&self) -> impl Iterator<Item = &P> {
        self.open.iter()
    }

    /// Forgets every workspace (a configuration or template changed).
    pub fn clear(&mut self) {
        self.key_of_dir.clear();
        self.by_key.clear();
        self.open.clear();
    }
}

/// What a run asks to check (the flags of `check` and `report`).
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Files or folders to check; none means the spec files the
    /// configuration's globs find from the project root.
    pub paths: Vec<PathBuf>,
    /// The config file of the run, as given (`--config`), for every file
    /// (it sets `overrides.config`); else each file's nearest `techspec.toml`,
    /// and the current folder's for the spec globs and the baseline.
    pub config: Option<PathBuf>,
    /// A baseline file (`--baseline`), over `baseline` of the configuration.
    pub baseline: Option<PathBuf>,
    pub overrides: Overrides,
}

/// Something a run has to say while it selects files (the CLI prints it on
/// stderr, prefixed `warning:` or `note:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Warning(String),
    Note(String),
}

/// How many specs a run checks before it reads the project in the
/// background from the start ([`Project::prefetch`]): past a few dozen specs,
/// their Relevant Files make the walk of the repository worth it.
const PREFETCH_AFTER: usize = 64;

/// The files of a run, each with the workspace of its nearest
/// `techspec.toml`, and reports for the paths that could not be read.
pub struct Selection {
    pub workspaces: Workspaces,
    /// (index into `workspaces`, file), in the order found.
    pub jobs: Vec<(usize, PathBuf)>,
    pub reports: Vec<FileReport>,
    pub walk_failed: bool,
    /// The request's baseline, else `baseline` of the run's configuration,
    /// resolved against that file's folder.
    pub baseline: Option<PathBuf>,
}

/// Loads the configuration(s) and templates and finds the files to check,
/// from `cwd`; what the user should hear goes to `notice`, in order.
pub fn select(
    cwd: &Path,
    request: &Request,
    notice: &mut dyn FnMut(Notice),
) -> Result<Selection, WorkspaceError> {
    let config = match &request.config {
        Some(p) => Config::load(p)?,
        None => match Config::find(cwd) {
            Some(p) => Config::load(&p)?,
            None => Config::default(),
        },
    };
    let root = config
        .root()
        .map(Path::to_path_buf)
        .or_else(|| find_root(cwd));
    let mut overrides = request.overrides.clone();
    if let Some(p) = &request.config {
        overrides.config = Some(std::path::absolute(p).map_err(|source| WorkspaceError::Io {
            path: p.clone(),
            source,
        })?);
    }
    let exclude = globset(&config.file.exclude.clone().unwrap_or_default())?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut reports: Vec<FileReport> = Vec::new();
    let mut walk_failed = false;
    let mut problems = |found: Vec<WalkProblem>, notice: &mut dyn FnMut(Notice)| {
        for p in &found {
            notice(Notice::Warning(match &p.path {
                Some(path) => format!("{}: {}", path.display(), p.message),
                None => p.message.clone(),
            }));
        }
        walk_failed |= !found.is_empty();
    };
    if request.paths.is_empty() {
        let base = root.clone().unwrap_or_else(|| cwd.to_path_buf());
        let globs: Vec<String> = config
            .file
            .specs
            .clone()
            .unwrap_or_else(|| DEFAULT_SPECS.iter().map(|s| s.to_string()).collect());
        let include = globset(&globs)?;
        let (found, walked) = walk(&base, Some(&include), &exclude);
        problems(walked, notice);
        if found.is_empty() {
            notice(Notice::Warning(format!(
                "no spec files found under {} (looked for {}); name files to check them",
                base.display(),
                globs.join(", ")
            )));
        }
        files.extend(found.into_iter().map(|p| relative(&p, cwd)));
    } else {
        for p in &request.paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => {
                    let (found, walked) = specs_under(p, &exclude);
                    problems(walked, notice);
                    files.extend(found);
                }
                Ok(_) => files.push(p.clone()),
                Err(e) => reports.push(unreadable(
                    p,
                    match e.kind() {
                        std::io::ErrorKind::NotFound => "no such file or directory".into(),
                        _ => io_message(&e),
                    },
                )),
            }
        }
    }
    // The ADRs in `adrs/` beside a spec are checked with it.
    let files = with_adrs(files);
    // A long run reads the project's rules and file list in the background
    // while the templates are discovered and the first specs parsed.
    let early = if overrides.no_project || files.len() < PREFETCH_AFTER {
        None
    } else {
        files.first().and_then(|f| {
            let dir = std::path::absolute(f).ok()?.parent()?.to_path_buf();
            let project = Arc::new(Project::open(&find_root(&dir)?));
            project.prefetch();
            Some((f.clone(), project))
        })
    };
    // Each file is checked in the workspace of its own folder (unless
    // --config): the same one the LSP and MCP servers give it.
    let mut workspaces: Workspaces = Workspaces::new(overrides);
    let mut jobs: Vec<(usize, PathBuf)> = Vec::with_capacity(files.len());
    for f in files {
        let (i, opened) = workspaces.index_for(&f)?;
        if opened {
            for note in &workspaces.get(i).checker.templates.notes {
                notice(Notice::Note(note.clone()));
            }
        }
        jobs.push((i, f));
    }
    if let (Some((file, project)), Some((i, _))) = (early, jobs.first()) {
        workspaces.get(*i).checker.adopt_project(&file, project);
    }
    let baseline = match (&request.baseline, &config.file.baseline) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(p)) => Some(config.root().unwrap_or(cwd).join(p)),
        (None, None) => None,
    };
    Ok(Selection {
        workspaces,
        jobs,
        reports,
        walk_failed,
        baseline,
    })
}

impl Selection {
    /// Each file of the run with its checker, in order.
    pub fn files(&self) -> impl Iterator<Item = (&Checker, &Path)> {
        self.jobs
            .iter()
            .map(|(i, f)| (&self.workspaces.get(*i).checker, f.as_path()))
    }

    /// Checks every file in parallel (`threads` workers, default all
    /// cores), in the selection's order; `progress` is called once per file
    /// checked. With `keep_documents`, each file's parsed document comes
    /// back too, for a pass that needs it after the check (`--implemented`)
    /// without reading and parsing the file a second time. The workers
    /// read under the caller's [`crate::io::confine`] scope (a server's root).
    pub fn check(
        &self,
        threads: Option<usize>,
        keep_documents: bool,
        progress: &(dyn Fn() + Sync),
    ) -> Result<Checked, WorkspaceError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(WorkspaceError::Threads)?;
        let roots = crate::io::confine::current();
        let (reports, documents) = pool.install(|| {
            self.jobs
                .par_iter()
                .map(|(i, f)| {
                    let _scope = crate::io::confine::enter(roots.clone());
                    let (r, doc) = self.workspaces.get(*i).checker.check_path_keeping(f);
                    progress();
                    // Dropped here unless asked for: a run holds one at a time per worker.
                    (r, doc.filter(|_| keep_documents))
                })
                .unzip()
        });
        Ok(Checked { reports, documents })
    }
}

/// What [`Selection::check`] found: a report per file of the selection, in
/// its order, and (when asked) each file's parsed document, `None` where the
/// file could not be read.
pub struct Checked {
    pub reports: Vec<FileReport>,
    pub documents: Vec<Option<Document>>,
}

/// The Markdown files under `dir` (but its `exclude` globs) that are checked
/// as specs: a PRD or task file is checked with the spec beside it instead.
pub fn specs_under(dir: &Path, exclude: &GlobSet) -> (Vec<PathBuf>, Vec<WalkProblem>) {
    let (found, problems) = walk(dir, None, exclude);
    let found = found
        .into_iter()
        .filter(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .is_none_or(|n| crate::engine::trace::kind_of_name(n).is_none())
        })
        .collect();
    (found, problems)
}

/// `files` with, after each spec, the ADRs of the `adrs/` folder beside it
/// that are not in the list already (`check` and the MCP check both walk so).
pub fn with_adrs(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen: std::collections::HashSet<PathBuf> = files.iter().cloned().collect();
    // One look at `adrs/` per folder, however many specs it holds.
    let mut looked: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let adrs = if crate::engine::adr::is_adr_path(&f) || !looked.insert(dir) {
            Vec::new()
        } else {
            crate::engine::adr::beside(&f)
        };
        out.push(f);
        for a in adrs {
            if seen.insert(a.clone()) {
                out.push(a);
            }
        }
    }
    out
}

/// `p` relative to `cwd` when it is inside.
pub fn relative(p: &Path, cwd: &Path) -> PathBuf {
    p.strip_prefix(cwd)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf())
}

/// The absolute folder of a file.
fn folder_of(file: &Path) -> PathBuf {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    abs.parent().map_or(abs.clone(), Path::to_path_buf)
}

/// The title prefixes that make any Markdown file a spec.
pub const SPEC_TITLES: &[&str] = &[
    "Technical Specification",
    "Tech Spec",
    "Especificação Técnica",
    "Especificacao Tecnica",
];

/// Whether the document's `#` title starts "Technical Specification",
/// "Tech Spec" (or the Portuguese "Especificação Técnica"), ignoring case.
pub fn has_spec_title(doc: &Document) -> bool {
    let Some(h) = doc.title_heading() else {
        return false;
    };
    let title = h.text.trim_start().to_lowercase();
    SPEC_TITLES.iter().any(|p| {
        title.strip_prefix(&p.to_lowercase()).is_some_and(|rest| {
            // A whole phrase: "Tech Spec: X", not "Tech Specs Guide".
            rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run over many specs reads the project in the background from the
    /// start; each spec still gets the findings a run of that spec alone
    /// gives (files found and missing, an always-on and a glob rule).
    #[test]
    fn a_long_run_finds_what_each_spec_alone_finds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join(".cursor/rules")).unwrap();
        std::fs::create_dir_all(root.join("src/api")).unwrap();
        std::fs::create_dir_all(root.join("specs")).unwrap();
        std::fs::write(root.join("src/api/user.ts"), "").unwrap();
        std::fs::write(
            root.join(".cursor/rules/always.mdc"),
            "---\nalwaysApply: true\n---\nValidate input.\n",
        )
        .unwrap();
        std::fs::write(
            root.join(".cursor/rules/ts.mdc"),
            "---\nglobs: src/**/*.ts\n---\nStrict types.\n",
        )
        .unwrap();
        let n = PREFETCH_AFTER + 6;
        for i in 0..n {
            let files = match i % 3 {
                0 => "- `src/api/user.ts`\n- `src/api/gone.ts`\n",
                1 => "- `api/user.ts`\n",
                _ => "- `docs/x.md`\n",
            };
            std::fs::write(
                root.join(format!("specs/spec-{i:03}.md")),
                format!(
                    "# Technical Specification: S{i}\n\n## Executive Summary\n\nText.\n\n## Standards Compliance\n\n- Follows `.cursor/rules/always.mdc`.\n\n## Relevant Files\n\n{files}"
                ),
            )
            .unwrap();
        }
        let request = |paths: Vec<PathBuf>| Request {
            paths,
            ..Request::default()
        };
        let run = |paths: Vec<PathBuf>| {
            let sel = select(root, &request(paths), &mut |_| {}).unwrap();
            sel.check(Some(2), false, &|| {}).unwrap().reports
        };
        let long = run(vec![root.join("specs")]);
        assert_eq!(long.len(), n);
        let codes: Vec<&str> = long
            .iter()
            .flat_map(|r| &r.diagnostics)
            .map(|d| d.code.as_str())
            .collect();
        for code in ["TS301", "TS305"] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
        for report in &long {
            let alone = run(vec![report.path.clone()]);
            assert_eq!(
                alone[0].diagnostics,
                report.diagnostics,
                "{}",
                report.path.display()
            );
        }
    }

    #[test]
    fn spec_by_title_or_glob() {
        assert!(has_spec_title(&Document::parse(
            "# Technical Specification: X\n"
        )));
        assert!(has_spec_title(&Document::parse(
            "# Especificação Técnica — Busca\n"
        )));
        assert!(!has_spec_title(&Document::parse(
            "# README\n\n## Technical Specification\n"
        )));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        assert!(ws.has_project);
        let doc = Document::parse("# Notes\n");
        assert!(ws.is_spec(Some(&ws.root.join("tasks/prd-a/techspec.md")), &doc));
        assert!(!ws.is_spec(Some(&ws.root.join("docs/notes.md")), &doc));
        assert!(!ws.is_spec(Some(Path::new("/elsewhere/techspec.md")), &doc));
    }

    /// Outside the spec globs, a Markdown file is a spec by a "Tech Spec"
    /// title or by a template's structure; a README or notes are not.
    #[test]
    fn spec_by_tech_spec_title_or_structure() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let ws = Workspace::open(dir.path()).unwrap();
        let notes = ws.root.join("docs/notes.md");
        let spec = |text: &str| ws.is_spec(Some(&notes), &Document::parse(text));
        assert!(spec("# Tech Spec: Payment Refunds\n"));
        assert!(spec("# tech spec - busca global\n"));
        assert!(!spec("# Tech Specs Guide\n"));
        assert!(!spec("# techspec\n\nA checker.\n"));
        assert!(spec(
            "# Refunds\n\n## Executive Summary\n\nx\n\n## System Architecture\n\n### Component Overview\n\nx\n\n\
             ## Implementation Design\n\n### Core Interfaces\n\nx\n\n### Data Models\n\nx\n\n### API Endpoints\n\nx\n\n\
             ## Integration Points\n\nx\n\n## Testing Approach\n\n### Unit Tests\n\nx\n\n## Development Sequencing\n\n\
             ### Build Order\n\nx\n\n## Technical Considerations\n\n### Key Decisions\n\nx\n"
        ));
        assert!(!spec(
            "# Guide\n\n## Install\n\nx\n\n## Usage\n\nx\n\n## Testing Approach\n\nx\n\n## License\n\nx\n"
        ));
    }

    #[test]
    fn open_within_ignores_what_is_above_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(
            dir.path().join("techspec.toml"),
            "template = \"extended\"\n",
        )
        .unwrap();
        let inner = dir.path().join("inner");
        std::fs::create_dir(&inner).unwrap();
        let ws = Workspace::open(&inner).unwrap();
        assert_eq!(ws.root, std::path::absolute(dir.path()).unwrap());
        assert!(ws.config.file.template.is_some());
        let limit = std::path::absolute(&inner).unwrap();
        let ws = Workspace::open_within(&inner, &limit).unwrap();
        assert_eq!(ws.root, limit);
        assert!(ws.config.path.is_none());
        assert!(matches!(&ws.checker.project, ProjectMode::Fixed(p) if p.root == limit));
    }

    #[test]
    fn servers_hold_specs_against_the_template_the_repository_keeps() {
        // The LSP and MCP servers build their checker here: the same discovery as `check`.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates/en-command");
        for rel in [
            ".cursor/commands/create-techspec.md",
            "templates/techspec-template.md",
            "tasks/prd-invoices/techspec.md",
        ] {
            let to = dir.path().join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(fixture.join(rel), to).unwrap();
        }
        let ws = Workspace::open_within(dir.path(), dir.path()).unwrap();
        let report = ws
            .checker
            .check_path(&dir.path().join("tasks/prd-invoices/techspec.md"));
        assert_eq!(
            report.template.as_deref(),
            Some("templates/techspec-template.md")
        );
        assert_eq!(
            report.template_note.as_deref(),
            Some("the project's, named in .cursor/commands/create-techspec.md")
        );
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["TS101"]);
    }

    /// `rules --spec` reads the Standards Compliance that TS305 reads: a
    /// rule named only in example code there is not cited, for both.
    #[test]
    fn rules_for_spec_reads_the_section_the_checks_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join(".git")).unwrap();
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds");
        for rel in [
            ".cursor/rules/go-style.mdc",
            ".cursor/rules/http-api.mdc",
            "internal/refunds/handler.go",
            "tasks/prd-payment-refunds/techspec.md",
        ] {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::copy(example.join(rel), root.join(rel)).unwrap();
        }
        let spec = root.join("tasks/prd-payment-refunds/techspec.md");
        let text = std::fs::read_to_string(&spec).unwrap().replace(
            "- `.cursor/rules/go-style.mdc`: error wrapping",
            "```text\n.cursor/rules/go-style.mdc\n```\n\n- Error wrapping",
        );
        std::fs::write(&spec, &text).unwrap();
        let ws = Workspace::for_file(&spec, &Overrides::default()).unwrap();
        let project = Project::open(&ws.root);
        let groups = ws.rules_for_spec(&project, &spec, &Document::parse(&text));
        let cited = |name: &str| {
            groups
                .applies
                .iter()
                .find(|v| v.path.ends_with(name))
                .map(|v| v.cited)
        };
        assert_eq!(cited("go-style.mdc"), Some(false));
        assert_eq!(cited("http-api.mdc"), Some(true));
        let report = ws.checker.check_path(&spec);
        let ts305: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "TS305")
            .map(|d| d.message.as_str())
            .collect();
        assert!(
            ts305.len() == 1 && ts305[0].contains("go-style.mdc"),
            "{ts305:?}"
        );
    }

    #[test]
    fn a_bad_config_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("techspec.toml"), "nope = 1\n").unwrap();
        let err = Workspace::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("nope"), "{err}");
        let ws = Workspace::fallback(dir.path());
        assert!(ws.matches_spec_globs(&ws.root.join("techspec.md")));
    }
}
