//! `textDocument/publishDiagnostics`: the findings of `check`, positioned in
//! UTF-16.

use lsp_types::{DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Uri};

use super::analysis::Analysis;
use super::convert;
use crate::model::diagnostic::{Diagnostic, Severity};
use crate::model::document::Document;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "techspec";

/// One finding as an LSP diagnostic; the help, if any, is a second line.
pub fn to_lsp(doc: &Document, d: &Diagnostic) -> lsp_types::Diagnostic {
    let severity = match d.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: convert::range(doc, d.span),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

/// All diagnostics of a document (none when it is not a spec).
pub fn diagnostics(a: &Analysis) -> Vec<lsp_types::Diagnostic> {
    a.diagnostics.iter().map(|d| to_lsp(&a.doc, d)).collect()
}

/// The notification parameters for a document at `version`.
pub fn publish(uri: Uri, version: Option<i32>, a: &Analysis) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri,
        diagnostics: diagnostics(a),
        version,
    }
}

/// UTF-16 offset of a 1-based character column in a line.
fn utf16_col(line: &str, column: usize) -> u32 {
    let units: usize = line
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf16)
        .sum();
    u32::try_from(units).unwrap_or(u32::MAX)
}

/// The diagnostics of a PRD or task file beside a spec, from its report.
pub fn companion(r: &crate::engine::FileReport) -> Vec<lsp_types::Diagnostic> {
    r.diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Info => DiagnosticSeverity::INFORMATION,
            };
            let line = |l: usize| u32::try_from(l.saturating_sub(1)).unwrap_or(u32::MAX);
            let start = lsp_types::Position::new(line(d.line), utf16_col(&d.source_line, d.column));
            let end_col = if d.end_line == d.line {
                utf16_col(&d.source_line, d.end_column)
            } else {
                u32::try_from(d.end_column.saturating_sub(1)).unwrap_or(u32::MAX)
            };
            lsp_types::Diagnostic {
                range: lsp_types::Range::new(
                    start,
                    lsp_types::Position::new(line(d.end_line), end_col),
                ),
                severity: Some(severity),
                code: Some(NumberOrString::String(d.code.clone())),
                code_description: None,
                source: Some(SOURCE.to_string()),
                message: match &d.help {
                    Some(help) => format!("{}\nhelp: {help}", d.message),
                    None => d.message.clone(),
                },
                related_information: None,
                tags: None,
                data: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;
    use std::rc::Rc;

    #[test]
    fn findings_become_lsp_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Rc::new(Workspace::fallback(dir.path()));
        let a = Analysis::new(&crate::servers::lsp::tests::missing_monitoring(), None, ws);
        assert!(a.spec);
        let diags = diagnostics(&a);
        let missing = diags
            .iter()
            .find(|d| d.code == Some(NumberOrString::String("TS101".into())))
            .expect("a missing section");
        assert_eq!(missing.source.as_deref(), Some("techspec"));
        assert_eq!(missing.severity, Some(DiagnosticSeverity::ERROR));
        assert!(missing.message.contains("\nhelp: "), "{}", missing.message);
        assert!(missing.code_description.is_none());
        assert_eq!(
            missing.range.start,
            convert::position(
                &a.doc,
                a.doc.text.find("## Technical Considerations").unwrap()
            )
        );
    }

    #[test]
    fn other_markdown_gets_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = Analysis::new(
            "# README\n\nHello.\n",
            Some(&dir.path().join("README.md")),
            Rc::new(Workspace::fallback(dir.path())),
        );
        assert!(!a.spec);
        assert!(diagnostics(&a).is_empty());
    }
}
