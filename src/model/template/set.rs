//! The templates available in a run: built-in ones and the project's own
//! (`.techspec/templates/*.md`, the file named by `template` in `techspec.toml`,
//! and the tech-spec templates the repository keeps for its agents, found by
//! [`super::discover`]).

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use super::{BUILTINS, Origin, Template};

/// A template available in this run.
#[derive(Debug, Clone)]
pub struct TemplateEntry {
    pub template: Template,
    /// A project template that replaces the built-in of the same name.
    pub shadows_builtin: bool,
}

/// Errors finding or reading a template.
#[derive(Debug, thiserror::Error)]
pub enum TemplateSetError {
    #[error("cannot read template {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("unknown template `{name}`; available: {available}")]
    NotFound { name: String, available: String },
}

static PARSED_BUILTINS: LazyLock<Vec<Template>> = LazyLock::new(|| {
    BUILTINS
        .iter()
        .map(|b| {
            let mut t = Template::parse(b.name, Origin::Builtin, b.text);
            t.description = format!("{}; {}", b.summary, t.description);
            t.family = b.family;
            t
        })
        .collect()
});

/// The set of templates of a run, project templates first.
#[derive(Debug, Clone)]
pub struct TemplateSet {
    pub entries: Vec<TemplateEntry>,
    /// Files found in the repository and not used as templates, and why.
    pub notes: Vec<String>,
}

impl TemplateSet {
    /// Only the built-in templates.
    pub fn builtins() -> TemplateSet {
        TemplateSet {
            entries: PARSED_BUILTINS
                .iter()
                .map(|t| TemplateEntry {
                    template: t.clone(),
                    shadows_builtin: false,
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    /// Built-ins, the templates the repository keeps for its agents (ahead of
    /// the built-ins), `<root>/.techspec/templates/*.md` and, if `extra` names
    /// a file (relative to `root`), that file (ahead of all).
    pub fn load(root: Option<&Path>, extra: Option<&str>) -> Result<TemplateSet, TemplateSetError> {
        let mut set = TemplateSet::builtins();
        let Some(root) = root else { return Ok(set) };
        set.add_discovered(root);
        let dir = root.join(".techspec").join("templates");
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md") && p.is_file())
                .collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        if let Some(extra) = extra.filter(|e| looks_like_path(e)) {
            let p = root.join(extra);
            if !files.contains(&p) {
                files.push(p);
            }
        }
        for path in files {
            set.add_file(&path)?;
        }
        Ok(set)
    }

    /// Adds the tech-spec templates found in the repository at `root`, named
    /// by their root-relative path, after any project templates and before
    /// the built-ins; files that are no usable template become notes.
    pub fn add_discovered(&mut self, root: &Path) {
        let found = super::discover::discover(root);
        self.notes.extend(found.notes);
        let mut at = self
            .entries
            .iter()
            .position(|e| e.template.origin == Origin::Builtin)
            .unwrap_or(self.entries.len());
        for d in found.found {
            let template = Template::parse(
                &d.rel,
                Origin::Discovered {
                    path: d.path,
                    found: d.found,
                },
                &d.text,
            );
            if let Some(why) = super::discover::unusable(&template) {
                let how = template.origin.why().unwrap_or_default();
                self.notes
                    .push(format!("{}: not used as a template ({how}): {why}", d.rel));
                continue;
            }
            self.entries.insert(
                at,
                TemplateEntry {
                    template,
                    shadows_builtin: false,
                },
            );
            at += 1;
        }
    }

    /// Reads and adds a template file; its name is the file stem.
    pub fn add_file(&mut self, path: &Path) -> Result<&Template, TemplateSetError> {
        let read = |source| TemplateSetError::Read {
            path: path.to_path_buf(),
            source,
        };
        crate::io::confine::check(path).map_err(read)?;
        let bytes = std::fs::read(path).map_err(read)?;
        let text = String::from_utf8_lossy(&bytes);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "template".into());
        let template = Template::parse(&name, Origin::File(path.to_path_buf()), &text);
        let shadows = self
            .entries
            .iter()
            .any(|e| e.template.name == name && e.template.origin == Origin::Builtin);
        self.entries.retain(|e| e.template.name != name);
        self.entries.insert(
            0,
            TemplateEntry {
                template,
                shadows_builtin: shadows,
            },
        );
        Ok(&self.entries[0].template)
    }

    /// The template of this name.
    pub fn get(&self, name: &str) -> Option<&Template> {
        self.entries
            .iter()
            .map(|e| &e.template)
            .find(|t| t.name == name)
    }

    /// A template by name, or by path (relative to `base`) when the argument
    /// looks like a file path.
    pub fn resolve(
        &mut self,
        name_or_path: &str,
        base: &Path,
    ) -> Result<Template, TemplateSetError> {
        if let Some(t) = self.get(name_or_path) {
            return Ok(t.clone());
        }
        if looks_like_path(name_or_path) {
            let p = base.join(name_or_path);
            return self.add_file(&p).cloned();
        }
        Err(TemplateSetError::NotFound {
            name: name_or_path.to_string(),
            available: self.names().join(", "),
        })
    }

    pub fn names(&self) -> Vec<&str> {
        self.entries
            .iter()
            .map(|e| e.template.name.as_str())
            .collect()
    }

    pub fn templates(&self) -> impl Iterator<Item = &Template> {
        self.entries.iter().map(|e| &e.template)
    }
}

fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || s.ends_with(".md")
}
