//! The project a long-running server (LSP, MCP) works in: its configuration,
//! root, spec globs and one [`Checker`] built once, the same way `techspec
//! check` builds it, so that the servers report exactly what `check` reports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;

use crate::config::{Config, ConfigError};
use crate::discover::{DEFAULT_SPECS, GlobError, globset};
use crate::document::Document;
use crate::engine::{Checker, ProjectMode, TemplateChoice};
use crate::project::{Project, find_root};
use crate::template::{TemplateSet, TemplateSetError};

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
    /// `overrides` apply. Inside a [`crate::confine`] scope, configs and
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
        Ok(ws)
    }

    /// [`Workspace::resolve`] for the folder of `file`.
    pub fn for_file(file: &Path, overrides: &Overrides) -> Result<Workspace, WorkspaceError> {
        Self::resolve(&folder_of(file), overrides)
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
