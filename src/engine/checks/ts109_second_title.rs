//! ## What it does
//! Reports a second `#` title written before the first section (`# Technical
//! Specification` followed by `# Payment Refunds`). The sections below it are
//! still checked as the spec's sections; the second title is not taken for a
//! section the template does not know.
//!
//! ## Why is this bad?
//! A document has one title. Tools that read the spec (listings, reports,
//! task generators, Markdown linters) take the first `#` as its name, so the
//! feature named in the second one is lost, and the outline of the document
//! nests every section under the second title.
//!
//! ## Example
//! ```markdown
//! # Technical Specification
//!
//! # Payment Refunds
//!
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
use super::text::names_no_feature;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS109";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let Some(title) = doc.title_heading() else {
        return;
    };
    let title_line = doc.line_col(title.span.start).line;
    for &i in &doc.extra_titles {
        let h = &doc.headings[i];
        let help = if names_no_feature(&title.text) {
            format!(
                "merge the two into one title: `# {}: {}`",
                ctx.template.spec_title_prefix(),
                h.text
            )
        } else {
            "merge it into the title, or make it a `##` section or plain text".to_string()
        };
        out.push(
            Diagnostic::new(
                CODE,
                h.span,
                format!(
                    "a second `#` title \"{}\"; the spec's title is \"{}\" on line {title_line}",
                    h.text, title.text
                ),
            )
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS109", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS109", "fail"));
    }
}
