//! `textDocument/completion`: after `#` at the start of a line, the headings
//! of the template sections the spec still lacks, marker included.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Documentation,
    MarkupContent, MarkupKind, Position, Range, TextEdit,
};

use super::analysis::Analysis;
use super::convert;
use super::hover::section_text;

/// Completions at `pos`, when the line so far is `#`s and maybe a word.
pub fn complete(a: &Analysis, pos: Position) -> Option<CompletionResponse> {
    if !a.spec {
        return None;
    }
    let at = convert::offset(&a.doc, pos);
    let line = a.doc.lines.line_of(at);
    let line_start = a.doc.lines.line_start(line);
    let prefix = a.doc.text.get(line_start..at)?;
    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &prefix[indent..];
    let hashes = rest.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let after = &rest[hashes..];
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    let (t, al) = a.alignment()?;
    let replace = Range {
        start: convert::position(&a.doc, line_start + indent),
        end: convert::position(&a.doc, at),
    };
    let items: Vec<CompletionItem> = t
        .sections
        .iter()
        .enumerate()
        .filter(|(ti, _)| al.found[*ti].is_none())
        .map(|(ti, s)| {
            let heading = format!("{} {}", t.heading_marker(ti), s.title);
            CompletionItem {
                label: s.title.clone(),
                kind: Some(CompletionItemKind::MODULE),
                detail: Some(format!(
                    "{heading} ({} section of `{}`)",
                    if s.optional { "optional" } else { "required" },
                    t.name
                )),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: section_text(t, ti),
                })),
                sort_text: Some(format!("{ti:04}")),
                filter_text: Some(heading.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: replace,
                    new_text: heading,
                })),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;
    use std::rc::Rc;

    fn labels(text: &str, pos: Position) -> Option<Vec<String>> {
        let dir = tempfile::tempdir().unwrap();
        let a = Analysis::new(text, None, Rc::new(Workspace::fallback(dir.path())));
        match complete(&a, pos)? {
            CompletionResponse::Array(items) => {
                Some(items.into_iter().map(|i| i.filter_text.unwrap()).collect())
            }
            CompletionResponse::List(l) => Some(l.items.into_iter().map(|i| i.label).collect()),
        }
    }

    #[test]
    fn offers_missing_sections_after_hashes() {
        let text = format!("{}\n##", crate::servers::lsp::tests::missing_monitoring());
        let line = text.lines().count() as u32 - 1;
        let got = labels(&text, Position::new(line, 2)).unwrap();
        // Missing: the required Monitoring section and the optional ones the spec skipped.
        assert!(
            got.contains(&"## Monitoring and Observability".to_string()),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|l| l.ends_with("Executive Summary")),
            "{got:?}"
        );
    }

    #[test]
    fn nothing_outside_a_heading_prefix() {
        let text = format!(
            "{}\nShort #\n",
            crate::servers::lsp::tests::missing_monitoring()
        );
        let line = text.lines().count() as u32 - 1;
        assert!(labels(&text, Position::new(line, 7)).is_none());
        assert!(labels(&text, Position::new(line + 40, 7)).is_none());
        assert!(labels("# Notes\n\n#", Position::new(2, 1)).is_none());
    }
}
