//! One open document, parsed and checked: what every request reads.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::align::{Alignment, SpecHeadings};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::template::Template;
use crate::workspace::Workspace;

/// A document with its findings, computed once per version.
pub struct Analysis {
    pub doc: Document,
    pub path: Option<PathBuf>,
    pub workspace: Rc<Workspace>,
    /// A spec by the workspace's globs or by its title; other documents get
    /// no diagnostics, hovers, completions or symbols.
    pub spec: bool,
    /// The template the spec was held against (`None` when not a spec).
    pub template: Option<String>,
    /// The findings of `check` (empty when not a spec).
    pub diagnostics: Vec<Diagnostic>,
    /// Findings in the PRD and task files beside the spec (as saved on disk).
    pub companions: Vec<crate::engine::FileReport>,
}

impl Analysis {
    /// Parses and, for a spec, checks `text`.
    pub fn new(text: &str, path: Option<&Path>, workspace: Rc<Workspace>) -> Analysis {
        let doc = Document::parse(text);
        let spec = workspace.is_spec(path, &doc);
        let mut template = None;
        let mut diagnostics = Vec::new();
        let mut companions = Vec::new();
        if spec {
            let limit = workspace.checker.settings.max_file_size;
            if text.len() as u64 > limit {
                diagnostics.push(
                    crate::checks::ts901_file_not_readable::finding(
                        format!("file is {} bytes, over the {limit} byte limit (`max-file-size`); not checked", text.len()),
                    )
                    .help("raise `max-file-size` in techspec.toml, or split the spec"),
                );
                crate::engine::finalize(&workspace.checker.settings, &doc, &mut diagnostics);
            } else {
                let unsaved = workspace.root.join("untitled.md");
                let outcome = workspace
                    .checker
                    .check_document(path.unwrap_or(&unsaved), &doc);
                template = Some(outcome.template);
                diagnostics = outcome.diagnostics;
                companions = outcome.companions;
            }
        }
        Analysis {
            doc,
            path: path.map(Path::to_path_buf),
            workspace,
            spec,
            template,
            diagnostics,
            companions,
        }
    }

    /// An analysis with nothing in it (when checking failed).
    pub fn nothing(path: Option<&Path>, workspace: Rc<Workspace>) -> Analysis {
        Analysis {
            doc: Document::default(),
            path: path.map(Path::to_path_buf),
            workspace,
            spec: false,
            template: None,
            diagnostics: Vec::new(),
            companions: Vec::new(),
        }
    }

    /// The template and the alignment of the spec's sections with it, as
    /// `check` chose them.
    pub fn alignment(&self) -> Option<(&Template, Alignment)> {
        self.template.as_ref()?;
        let heads = SpecHeadings::new(&self.doc);
        let (t, a, _) = self.workspace.checker.choose(&self.doc, &heads);
        Some((t, a))
    }
}
