//! ## What it does
//! Reports a section written at a different heading level than in the
//! template — `## Build Order` where the template has `### Build Order` under
//! Development Sequencing. The section still counts as present.
//!
//! ## Why is this bad?
//! The level carries the structure: a promoted subsection detaches from its
//! parent in outlines, tables of contents and tools that read the spec tree.
//!
//! ## Example
//! ```markdown
//! ## Development Sequencing
//! ## Build Order
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Development Sequencing
//! ### Build Order
//! ```
//! `techspec check --fix` corrects the level, and moves the subsections
//! under it by as many levels, so they stay under it.

use super::Context;
use crate::model::align::SpecMatch;
use crate::model::diagnostic::{Diagnostic, Edit};
use crate::model::document::Span;

pub const CODE: &str = "TS103";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (si, m) in ctx.align.spec.iter().enumerate() {
        let SpecMatch::Section { template: ti, .. } = *m else {
            continue;
        };
        let want = ctx.template.sections[ti].level;
        let s = &ctx.doc.sections[si];
        if s.level == want {
            continue;
        }
        let h = &ctx.doc.headings[s.heading];
        let mut diag = Diagnostic::new(
            CODE,
            h.span,
            format!(
                "\"{}\" is a level-{} heading; the template has it at level {want} (`{}`)",
                h.text,
                s.level,
                "#".repeat(want as usize)
            ),
        )
        .section(ctx.template.sections[ti].title.clone())
        .help(format!(
            "write it as `{} {}`",
            "#".repeat(want as usize),
            h.text
        ));
        // Fixable for ATX headings only, with the subsections that are not
        // template sections themselves (those are held to their own level):
        // they move by the same number of levels, so they stay under it.
        if let Some(edits) = move_subtree(ctx, si, i16::from(want) - i16::from(s.level)) {
            diag = diag.fix(format!("make it a level-{want} heading"), edits);
        }
        out.push(diag);
    }
}

/// The edits moving the heading of `si` and of its subsections that match no
/// template section by `delta` levels; `None` when a heading is not ATX or
/// would leave levels 1 to 6.
fn move_subtree(ctx: &Context<'_>, si: usize, delta: i16) -> Option<Vec<Edit>> {
    let doc = ctx.doc;
    let mut edits = Vec::new();
    let mut stack = vec![si];
    while let Some(s) = stack.pop() {
        if s != si && matches!(ctx.align.spec[s], SpecMatch::Section { .. }) {
            continue;
        }
        let h = &doc.headings[doc.sections[s].heading];
        let raw = doc.slice(h.span);
        let hashes = raw.trim_start().bytes().take_while(|&b| b == b'#').count();
        let to = i16::try_from(hashes).ok()? + delta;
        if hashes == 0 || !(1..=6).contains(&to) {
            return None;
        }
        let lead = raw.len() - raw.trim_start().len();
        let start = h.span.start + lead;
        edits.push(Edit {
            span: Span::new(start, start + hashes),
            text: "#".repeat(usize::try_from(to).ok()?),
        });
        stack.extend(doc.sections[s].children.iter().copied());
    }
    edits.sort_by_key(|e| e.span.start);
    Some(edits)
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS103", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS103", "fail"));
    }
}
