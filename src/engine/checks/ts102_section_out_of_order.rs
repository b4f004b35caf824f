//! ## What it does
//! Reports a section that appears out of the template's order — for example
//! Testing Approach before Implementation Design. The sections kept in place
//! are the longest run in template order; only the others are reported.
//!
//! ## Why is this bad?
//! The template's order follows how a reader builds understanding (summary,
//! architecture, design, then testing and sequencing). Readers and tools that
//! walk the spec in that order miss or misread moved sections.
//!
//! ## Example
//! ```markdown
//! ## Testing Approach
//! ## Executive Summary
//! ## System Architecture
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Executive Summary
//! ## System Architecture
//! ## Testing Approach
//! ```

use super::Context;
use crate::model::align::SpecMatch;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS102";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &si in &ctx.align.out_of_order {
        let SpecMatch::Section { template: ti, .. } = ctx.align.spec[si] else {
            continue;
        };
        let t = ctx.template;
        // The nearest earlier template section that is present and in order.
        let after = (0..ti)
            .rev()
            .find(|&p| ctx.align.found[p].is_some_and(|s| !ctx.align.out_of_order.contains(&s)))
            .map(|p| t.sections[p].title.clone());
        let h = ctx.doc.section_heading(si);
        let msg = match after {
            Some(prev) => format!(
                "section \"{}\" is out of order: the template puts it after \"{prev}\"",
                h.text
            ),
            None => format!(
                "section \"{}\" is out of order: the template puts it first",
                h.text
            ),
        };
        out.push(
            Diagnostic::new(CODE, h.span, msg)
                .section(t.sections[ti].title.clone())
                .help("move the section to its place in the template's order"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS102", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS102", "fail"));
    }
}
