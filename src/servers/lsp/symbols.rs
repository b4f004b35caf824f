//! `textDocument/documentSymbol`: the spec's outline, sections nested by
//! level under the title.

use lsp_types::{DocumentSymbol, DocumentSymbolResponse, SymbolKind};

use super::analysis::Analysis;
use super::convert;
use crate::model::align::Alignment;
use crate::model::document::Span;
use crate::model::template::Template;

/// The nested section outline of a spec.
pub fn symbols(a: &Analysis) -> Option<DocumentSymbolResponse> {
    if !a.spec {
        return None;
    }
    let al = a.alignment();
    let roots: Vec<DocumentSymbol> = a.doc.roots.iter().map(|&si| section(a, si, al)).collect();
    let out = match a.doc.title_heading() {
        Some(h) => {
            let range = convert::range(&a.doc, Span::new(h.span.start, a.doc.text.len()));
            vec![symbol(
                h.text.clone(),
                al.map(|(t, _)| format!("template `{}`", t.name)),
                SymbolKind::FILE,
                range,
                convert::range(&a.doc, h.span),
                roots,
            )]
        }
        None => roots,
    };
    Some(DocumentSymbolResponse::Nested(out))
}

fn section(a: &Analysis, si: usize, al: Option<(&Template, &Alignment)>) -> DocumentSymbol {
    let s = &a.doc.sections[si];
    let h = &a.doc.headings[s.heading];
    let detail = al.map(|(t, al)| match al.template_of(si) {
        Some(ti) if t.sections[ti].title != h.text => {
            format!("{} {}", t.heading_marker(ti), t.sections[ti].title)
        }
        Some(_) => String::new(),
        None => "not in the template".to_string(),
    });
    let children = s.children.iter().map(|&c| section(a, c, al)).collect();
    symbol(
        h.text.clone(),
        detail.filter(|d| !d.is_empty()),
        if s.level <= 2 {
            SymbolKind::MODULE
        } else {
            SymbolKind::NAMESPACE
        },
        convert::range(&a.doc, s.span),
        convert::range(&a.doc, h.span),
        children,
    )
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection_range: lsp_types::Range,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        // Clients reject an empty name.
        name: if name.trim().is_empty() {
            "(untitled)".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: Some(children),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;
    use std::rc::Rc;

    #[test]
    fn outline_nests_sections_under_the_title() {
        let dir = tempfile::tempdir().unwrap();
        let text = "# Technical Specification: X\n\n## Implementation Design\n\n### Core Interfaces\n\nx\n\n## Impact Analysis\n\ny\n";
        let a = Analysis::new(text, None, Rc::new(Workspace::fallback(dir.path())));
        let Some(DocumentSymbolResponse::Nested(top)) = symbols(&a) else {
            panic!()
        };
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].name, "Technical Specification: X");
        let kids = top[0].children.as_ref().unwrap();
        assert_eq!(
            kids.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
            ["Implementation Design", "Impact Analysis"]
        );
        let sub = &kids[0].children.as_ref().unwrap()[0];
        assert_eq!(sub.name, "Core Interfaces");
        assert_eq!(sub.detail.as_deref(), Some("### Main Interfaces"));
        assert_eq!(kids[1].detail.as_deref(), Some("not in the template"));
        for k in kids {
            assert!(
                k.range.start <= k.selection_range.start && k.selection_range.end <= k.range.end
            );
        }
    }
}
