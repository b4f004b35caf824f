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
//! `techspec check --fix` corrects the level.

use super::Context;
use crate::align::SpecMatch;
use crate::diagnostic::{Diagnostic, Edit};
use crate::document::Span;

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
        let raw = ctx.doc.slice(h.span);
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
        // Fixable for ATX headings only.
        let hashes = raw.trim_start().bytes().take_while(|&b| b == b'#').count();
        if hashes > 0 {
            let lead = raw.len() - raw.trim_start().len();
            let start = h.span.start + lead;
            diag = diag.fix(
                format!("make it a level-{want} heading"),
                vec![Edit {
                    span: Span::new(start, start + hashes),
                    text: "#".repeat(want as usize),
                }],
            );
        }
        out.push(diag);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS103", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS103", "fail"));
    }
}
