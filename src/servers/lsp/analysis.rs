//! One open document, parsed and checked: what every request reads.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::engine::workspace::Workspace;
use crate::model::align::{Alignment, SpecHeadings};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Document;
use crate::model::template::Template;

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
    /// The template and alignment `check` chose, worked out on the first
    /// request that needs them and kept for this version of the document.
    aligned: OnceCell<Option<(Template, Alignment)>>,
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
                    crate::engine::checks::ts901_file_not_readable::finding(
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
            aligned: OnceCell::new(),
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
            aligned: OnceCell::new(),
        }
    }

    /// The template and the alignment of the spec's sections with it, as
    /// `check` chose them (chosen once per version of the document, for
    /// every hover, completion and outline).
    pub fn alignment(&self) -> Option<(&Template, &Alignment)> {
        self.aligned
            .get_or_init(|| {
                self.template.as_ref()?;
                let heads = SpecHeadings::new(&self.doc);
                let (t, a, _) = self.workspace.checker.choose(&self.doc, &heads);
                Some((t.clone(), a))
            })
            .as_ref()
            .map(|(t, a)| (t, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hover, completion and the outline read one choice of template per
    /// version of the document, not one each.
    #[test]
    fn the_template_is_chosen_once_per_version() {
        let dir = tempfile::tempdir().unwrap();
        let a = Analysis::new(
            &crate::servers::lsp::tests::missing_monitoring(),
            None,
            Rc::new(Workspace::fallback(dir.path())),
        );
        let (t1, al1) = a.alignment().unwrap();
        let (t2, al2) = a.alignment().unwrap();
        assert_eq!(t1.name, "standard");
        assert!(std::ptr::eq(t1, t2) && std::ptr::eq(al1, al2));
        let other = Analysis::new("# README\n", None, a.workspace.clone());
        assert!(other.alignment().is_none());
    }
}
