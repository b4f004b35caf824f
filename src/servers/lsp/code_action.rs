//! `textDocument/codeAction`: each finding's fix (insert a missing section
//! with its guidance, fix a heading level, remove leftover guidance...) as a
//! quick fix carrying a workspace edit.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::convert;
use super::diagnostics::to_lsp;

/// The quick fixes of the findings touching `range`.
pub fn actions(a: &Analysis, uri: &Uri, range: Range) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in &a.diagnostics {
        let Some(fix) = &d.fix else { continue };
        let diag = to_lsp(&a.doc, d);
        if !convert::intersects(diag.range, range) {
            continue;
        }
        let edits: Vec<TextEdit> = fix
            .edits
            .iter()
            .map(|e| TextEdit {
                range: convert::range(&a.doc, e.span),
                new_text: e.text.clone(),
            })
            .collect();
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("{} ({})", fix.title, d.code),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diag]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), edits)])),
                ..WorkspaceEdit::default()
            }),
            command: None,
            is_preferred: Some(fix.safety == crate::model::diagnostic::Safety::Safe),
            disabled: None,
            data: None,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;
    use lsp_types::Position;
    use std::rc::Rc;

    #[test]
    fn a_missing_section_fix_inserts_it() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Rc::new(Workspace::fallback(dir.path()));
        let a = Analysis::new(&crate::servers::lsp::tests::missing_monitoring(), None, ws);
        let uri: Uri = "file:///x/techspec.md".parse().unwrap();
        let everything = Range {
            start: Position::new(0, 0),
            end: Position::new(99, 0),
        };
        let acts = actions(&a, &uri, everything);
        assert!(!acts.is_empty());
        let CodeActionOrCommand::CodeAction(act) = &acts[0] else {
            panic!()
        };
        assert_eq!(act.kind, Some(CodeActionKind::QUICKFIX));
        let edits = &act.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert!(
            edits[0]
                .new_text
                .starts_with("## Monitoring and Observability\n\n["),
            "{:?}",
            edits[0]
        );
        assert_eq!(
            act.title,
            "insert section `Monitoring and Observability` with the template's guidance (TS101)"
        );
        let nowhere = Range {
            start: Position::new(0, 0),
            end: Position::new(0, 1),
        };
        assert!(actions(&a, &uri, nowhere).is_empty());
    }
}
