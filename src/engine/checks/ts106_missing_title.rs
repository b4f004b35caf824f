//! ## What it does
//! Reports a spec without a top-level `#` title.
//!
//! ## Why is this bad?
//! The title names the feature; without it, listings, reports and task files
//! generated from the spec have nothing to call it.
//!
//! ## Example
//! ```markdown
//! ## Executive Summary
//! ```
//!
//! ## Use instead
//! ```markdown
//! # Technical Specification: Payment Refunds
//!
//! ## Executive Summary
//! ```

use super::Context;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS106";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.doc.title.is_some() {
        return;
    }
    let at = ctx.doc.frontmatter.map_or(0, |f| f.end);
    let line = ctx.doc.lines.line_of(at);
    let span = Span::from(ctx.doc.lines.line_range(&ctx.doc.text, line));
    out.push(
        Diagnostic::new(CODE, span, "the spec has no `#` title").help(format!(
            "start the file with `# {}: <Feature Name>`",
            ctx.template.spec_title_prefix()
        )),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS106", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS106", "fail"));
    }
}
