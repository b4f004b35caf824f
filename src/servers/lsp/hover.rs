//! `textDocument/hover`: on a section heading, that section's template
//! guidance; on a finding, its check's documentation (`techspec explain`).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::Analysis;
use super::convert;
use crate::engine::checks;
use crate::model::document::Span;
use crate::model::template::Template;

/// The hover at `pos`, if there is anything to say.
pub fn hover(a: &Analysis, pos: Position) -> Option<Hover> {
    if !a.spec {
        return None;
    }
    let at = convert::offset(&a.doc, pos);
    let mut parts: Vec<String> = Vec::new();
    let mut span: Option<Span> = None;

    if let Some(h) = a
        .doc
        .headings
        .iter()
        .position(|h| h.span.start <= at && at <= h.span.end)
    {
        let heading = &a.doc.headings[h];
        span = Some(heading.span);
        if a.doc.title == Some(h) {
            if let Some((t, _)) = a.alignment() {
                parts.push(title_text(t));
            }
        } else if let Some(si) = a.doc.sections.iter().position(|s| s.heading == h) {
            if let Some((t, al)) = a.alignment() {
                match al.template_of(si) {
                    Some(ti) => parts.push(section_text(t, ti)),
                    None => parts.push(format!(
                        "**{}** is not a section of template `{}`; techspec reports it for information only.",
                        heading.text, t.name
                    )),
                }
            }
        }
    }

    let mut codes: Vec<&str> = Vec::new();
    for d in &a.diagnostics {
        let inside = d.span.start <= at && at <= d.span.end;
        if inside && !codes.contains(&d.code) {
            codes.push(d.code);
            span.get_or_insert(d.span);
        }
    }
    for code in codes {
        let name = checks::lookup(code).map_or("", |c| c.name);
        parts.push(format!(
            "### {code} {name}\n\n{}",
            checks::docs(code).trim()
        ));
    }

    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: span.map(|s| convert::range(&a.doc, s)),
    })
}

/// The guidance of template section `ti`, as Markdown.
pub fn section_text(t: &Template, ti: usize) -> String {
    let s = &t.sections[ti];
    let mut facts = vec![if s.optional { "optional" } else { "required" }.to_string()];
    if let Some(n) = s.code_limit {
        facts.push(format!("code examples ≤{n} lines"));
    }
    if let Some((lo, hi)) = s.paragraphs {
        facts.push(format!("{lo}-{hi} paragraphs"));
    }
    let mut out = format!(
        "**{} {}** — template `{}`, {}",
        t.heading_marker(ti),
        s.title,
        t.name,
        facts.join(", ")
    );
    let guidance = t.guidance_text(ti);
    let guidance = strip_brackets(&guidance);
    if !guidance.is_empty() {
        out.push_str("\n\n");
        out.push_str(guidance);
    }
    if !s.fields.is_empty() {
        let fields: Vec<String> = s
            .fields
            .iter()
            .map(|f| format!("**{}**", f.label))
            .collect();
        out.push_str(&format!("\n\nFields: {}", fields.join(", ")));
    }
    if !s.children.is_empty() {
        let subs: Vec<&str> = s
            .children
            .iter()
            .map(|&c| t.sections[c].title.as_str())
            .collect();
        out.push_str(&format!("\n\nSubsections: {}", subs.join(", ")));
    }
    out
}

fn title_text(t: &Template) -> String {
    let mut out = format!("Checked against template **`{}`**", t.name);
    if !t.description.is_empty() {
        out.push_str(&format!(": {}", t.description));
    }
    let required = t.required_count();
    out.push_str(&format!(
        "\n\n{} sections, {required} required.",
        t.sections.len()
    ));
    out
}

/// Guidance without its outer `[` and `]`.
fn strip_brackets(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix('[').unwrap_or(t);
    let t = t.strip_suffix(']').unwrap_or(t);
    t.trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::workspace::Workspace;
    use std::rc::Rc;

    fn analysis(text: &str) -> Analysis {
        let dir = tempfile::tempdir().unwrap();
        Analysis::new(text, None, Rc::new(Workspace::fallback(dir.path())))
    }

    fn value(h: Hover) -> String {
        match h.contents {
            HoverContents::Markup(m) => m.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heading_hover_shows_guidance_and_finding_hover_shows_docs() {
        let a = analysis(&crate::servers::lsp::tests::missing_monitoring());
        let h = value(
            hover(
                &a,
                Position {
                    line: 2,
                    character: 5,
                },
            )
            .unwrap(),
        );
        assert!(
            h.starts_with(
                "**## Executive Summary** — template `standard`, required, 1-2 paragraphs"
            ),
            "{h}"
        );
        assert!(h.contains("\n\nProvide a brief technical overview"), "{h}");
        assert!(!h.contains("TS101"), "{h}");
        // The missing section is reported on the next heading: its hover has both.
        let d = a.diagnostics.iter().find(|d| d.code == "TS101").unwrap();
        let p = convert::position(&a.doc, d.span.start);
        let h = value(hover(&a, p).unwrap());
        assert!(h.contains("**## Technical Considerations**"), "{h}");
        assert!(h.contains("### TS101 missing-section"), "{h}");
        assert!(h.contains("What it does"), "{h}");
    }

    #[test]
    fn nothing_to_say_is_none() {
        let a = analysis(&crate::servers::lsp::tests::missing_monitoring());
        assert!(
            hover(
                &a,
                Position {
                    line: 1,
                    character: 0
                }
            )
            .is_none()
        );
        assert!(
            hover(
                &a,
                Position {
                    line: 400,
                    character: 400
                }
            )
            .is_none()
        );
        let other = analysis("# README\n\n## Executive Summary\n");
        assert!(
            hover(
                &other,
                Position {
                    line: 2,
                    character: 3
                }
            )
            .is_none()
        );
    }
}
