//! ## What it does
//! Reports an Executive Summary with more paragraphs than its template
//! section allows ("in 1-2 paragraphs" in the standard templates; a template
//! that says "in 3 paragraphs" gets 3). Paragraphs of the section and of its
//! subsections count; lists, tables and code do not. The finding points at
//! the first paragraph over the bound.
//!
//! ## Why is this bad?
//! The summary is what most readers read. Past two paragraphs it turns into
//! a restatement of the PRD or of the rest of the spec, and the decisions it
//! should surface get lost.
//!
//! ## Example
//! ```markdown
//! ## Executive Summary
//!
//! Background of the feature...
//!
//! The user stories again...
//!
//! The architecture...
//!
//! The rollout...
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Executive Summary
//!
//! What is built and how, in a few sentences.
//!
//! The main decisions and why.
//! ```

use super::Context;
use super::text::{blocks_in, first_line, identity_spans, template_section_of};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::BlockKind;

pub const CODE: &str = "TS206";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(ti) = ctx.template.section_by_identity("executive-summary") else {
        return;
    };
    let Some((_, max)) = ctx.template.sections[ti].paragraphs else {
        return;
    };
    let doc = ctx.doc;
    for (si, span) in identity_spans(ctx, "executive-summary") {
        let blocks = &doc.blocks[blocks_in(doc, span)];
        // `**Label:** value` on one line is a field, not a paragraph.
        let fields: Vec<usize> = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Field { .. }))
            .map(|b| b.span.start)
            .collect();
        let paragraphs: Vec<_> = blocks
            .iter()
            .filter(|b| {
                b.depth == 0
                    && b.kind == BlockKind::Paragraph
                    && !doc.slice(b.span).trim().is_empty()
                    && !(fields.contains(&b.span.start)
                        && doc.lines.line_of(b.span.start)
                            == doc
                                .lines
                                .line_of(b.span.end.saturating_sub(1).max(b.span.start)))
            })
            // Not in a subsection that is another template section (a promoted heading).
            .filter(|b| b.section.and_then(|s| template_section_of(ctx, s)) == Some(ti))
            .collect();
        if paragraphs.len() <= max {
            continue;
        }
        let (min, max) = ctx.template.sections[ti].paragraphs.unwrap_or((1, max));
        let bound = if min == max {
            format!("{max}")
        } else {
            format!("{min}-{max}")
        };
        let first_over = paragraphs[max];
        out.push(
            Diagnostic::new(
                CODE,
                first_line(doc, first_over.span),
                format!(
                    "\"{}\" has {} paragraphs; the template asks for {bound}",
                    doc.section_heading(si).text,
                    paragraphs.len()
                ),
            )
            .section(ctx.template.sections[ti].title.clone())
            .help(format!(
                "keep the overview and the main decisions in {bound} paragraph{}; move details to the sections they belong to",
                if max == 1 { "" } else { "s" }
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    /// ddd-clean-arch L9: two paragraphs and a one-line `**Label:** value`
    /// are two paragraphs; a third real paragraph is still reported.
    #[test]
    fn one_line_label_value_lines_are_not_paragraphs() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let at = spec.find("## System Architecture").unwrap();
        let with = |extra: &str| format!("{}{extra}\n\n{}", &spec[..at], &spec[at..]);
        let label =
            with("**Primary Trade-off:** reusing the gateway client at the cost of coupling.");
        assert!(findings_in("TS206", label.as_bytes()).is_empty());
        let prose = with("A third paragraph that restates the decisions at length.");
        assert_eq!(findings_in("TS206", prose.as_bytes()).len(), 1);
    }

    #[test]
    fn pass() {
        assert!(findings("TS206", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS206", "fail"));
    }
}
