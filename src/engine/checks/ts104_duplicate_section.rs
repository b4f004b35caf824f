//! ## What it does
//! Reports a template section that appears twice in the spec (under the same
//! or an equivalent title, e.g. "Key Interfaces" after "Main Interfaces").
//!
//! ## Why is this bad?
//! Two places for the same answer drift apart; readers and tools take the
//! first and miss the second.
//!
//! ## Example
//! ```markdown
//! ### Known Risks
//! ...
//! ### Risks
//! ```
//!
//! ## Use instead
//! Merge both into one section.

use super::Context;
use crate::model::align::SpecMatch;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS104";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (si, m) in ctx.align.spec.iter().enumerate() {
        let SpecMatch::Duplicate {
            template: ti,
            first,
        } = *m
        else {
            continue;
        };
        let h = ctx.doc.section_heading(si);
        let first_line = ctx
            .doc
            .line_col(ctx.doc.section_heading(first).span.start)
            .line;
        out.push(
            Diagnostic::new(
                CODE,
                h.span,
                format!(
                    "\"{}\" repeats the section \"{}\" already written at line {first_line}",
                    h.text, ctx.template.sections[ti].title
                ),
            )
            .section(ctx.template.sections[ti].title.clone())
            .help("merge the two sections into one"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS104", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS104", "fail"));
    }
}
