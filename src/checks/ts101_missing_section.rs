//! ## What it does
//! Reports a required template section that the spec does not have, under
//! any of its known titles (numbered, translated, or a common variant such as
//! "Core Interfaces" for "Main Interfaces"). Optional sections — the template
//! marks them "Include only if", "If needed", "If applicable" — may be absent.
//!
//! ## Why is this bad?
//! Reviewers and the agents that turn the spec into tasks look for each
//! section; a missing one usually means the question was never answered
//! (real specs most often drop Relevant Files and Standards Compliance).
//!
//! ## Example
//! ```markdown
//! ## Technical Considerations
//! ### Key Decisions
//! ...
//! (no "### Relevant Files")
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Relevant Files
//! - `internal/payments/refund.go`
//! ```
//! `techspec check --fix` inserts the heading and the template's guidance.

use super::Context;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Span;

pub const CODE: &str = "TS101";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let t = ctx.template;
    let doc = ctx.doc;
    for (ti, ts) in t.sections.iter().enumerate() {
        if ts.optional || ctx.align.found[ti].is_some() {
            continue;
        }
        // Report a missing parent once, not each of its missing children.
        if let Some(p) = ts.parent {
            if ctx.align.found[p].is_none() && !t.sections[p].optional {
                continue;
            }
        }
        let at = insertion_point(ctx, ti);
        let span = next_heading_span(ctx, at).unwrap_or_else(|| parent_heading_span(ctx, ti));
        let marker = t.heading_marker(ti);
        let mut text = format!("{marker} {}\n\n", ts.title);
        for &g in &ts.guidance {
            text.push_str(t.doc.slice(t.guidance[g].span));
            text.push_str("\n\n");
        }
        // Missing children come along with their parent.
        for c in t
            .sections
            .iter()
            .skip(ti + 1)
            .take_while(|c| c.level > ts.level)
        {
            if c.optional {
                continue;
            }
            text.push_str(&format!("{} {}\n\n", "#".repeat(c.level as usize), c.title));
            for &g in &c.guidance {
                text.push_str(t.doc.slice(t.guidance[g].span));
                text.push_str("\n\n");
            }
        }
        let prefix = if at > 0 && !doc.text[..at].ends_with("\n\n") {
            if doc.text[..at].ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            }
        } else {
            ""
        };
        let parent_note = ts
            .parent
            .map(|p| format!(" (under \"{}\")", t.sections[p].title))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                CODE,
                span,
                format!(
                    "missing required section `{marker} {}`{parent_note}",
                    ts.title
                ),
            )
            .section(ts.title.clone())
            .help(format!(
                "add a `{marker} {}` section here, following the template's guidance",
                ts.title
            ))
            .fix(
                format!("insert section `{}`", ts.title),
                vec![Edit {
                    span: Span::empty(at),
                    text: format!("{prefix}{text}"),
                }],
            ),
        );
    }
}

/// Where a missing template section belongs: before the spec section of the
/// next template section that is present (at the same or a higher level), or
/// at the end of the nearest present preceding section's subtree.
pub fn insertion_point(ctx: &Context<'_>, ti: usize) -> usize {
    let t = ctx.template;
    let level = t.sections[ti].level;
    for later in ti + 1..t.sections.len() {
        if let Some(si) = ctx.align.found[later] {
            if t.sections[later].level <= level || t.sections[later].parent == t.sections[ti].parent
            {
                return ctx.doc.sections[si].span.start;
            }
        }
    }
    // Nothing after it is present: append at the end of the parent's subtree, or the document.
    if let Some(p) = t.sections[ti].parent {
        if let Some(si) = ctx.align.found[p] {
            return ctx.doc.sections[si].span.end;
        }
    }
    ctx.doc.text.len()
}

/// The heading of the section starting at `at`, if one does.
fn next_heading_span(ctx: &Context<'_>, at: usize) -> Option<Span> {
    ctx.doc
        .sections
        .iter()
        .find(|s| s.span.start == at)
        .map(|s| ctx.doc.headings[s.heading].span)
}

/// When nothing follows the missing section, the finding points at a
/// heading all the same: its parent's, else the last top-level section's
/// (or the title), never at a paragraph.
fn parent_heading_span(ctx: &Context<'_>, ti: usize) -> Span {
    let doc = ctx.doc;
    let parent = ctx.template.sections[ti]
        .parent
        .and_then(|p| ctx.align.found[p]);
    if let Some(si) = parent.or_else(|| doc.roots.last().copied()) {
        return doc.section_heading(si).span;
    }
    doc.title_heading().map_or_else(
        || Span::empty(doc.frontmatter.map_or(0, |f| f.end)),
        |h| h.span,
    )
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS101", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS101", "fail"));
    }

    /// A last section missing at the end of the spec is reported on its
    /// parent's heading, not on the last paragraph of the file.
    #[test]
    fn a_missing_last_section_points_at_its_parents_heading() {
        let spec = include_str!("../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let cut = &spec[..spec.find("### Relevant Files").unwrap()];
        let f = findings_in("TS101", cut.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        let line = cut.lines().nth(f[0].line - 1).unwrap();
        assert_eq!(line, "## Technical Considerations");
    }
}
