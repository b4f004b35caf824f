//! ## What it does
//! Reports a code block longer than the limit the template sets for its
//! section — the standard templates say "(≤20 lines per example)" in Main
//! Interfaces, and a team template that says "≤30 lines" gets 30. Blocks in
//! the section's subsections count too. The finding points at the opening
//! fence and gives the block's length and the limit.
//!
//! ## Why is this bad?
//! A tech spec shows the shape of the solution, not its implementation.
//! Long "illustrative" blocks (real specs have 50 to 487 lines) bury the
//! interfaces the reader needs, go stale first, and push the spec far over
//! its word budget.
//!
//! ## Example
//! ````markdown
//! ### Main Interfaces
//!
//! ```go
//! // 80 lines: the whole handler, with its imports and error handling
//! ```
//! ````
//!
//! ## Use instead
//! ````markdown
//! ### Main Interfaces
//!
//! ```go
//! type RefundService interface {
//!     Request(ctx context.Context, req RefundRequest) (Refund, error)
//! }
//! ```
//! ````

use super::Context;
use super::text::{first_line, template_section_of};
use crate::diagnostic::Diagnostic;
use crate::document::BlockKind;

pub const CODE: &str = "TS203";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let t = ctx.template;
    if t.sections.iter().all(|s| s.code_limit.is_none()) {
        return;
    }
    let doc = ctx.doc;
    for b in &doc.blocks {
        let BlockKind::Code {
            lines, unclosed, ..
        } = &b.kind
        else {
            continue;
        };
        // An unclosed fence runs to the end of the file: its length means nothing.
        if *unclosed {
            continue;
        }
        let Some(si) = b.section else { continue };
        // The nearest section the template knows decides the limit.
        let Some(ti) = template_section_of(ctx, si) else {
            continue;
        };
        let Some(limit) = t.sections[ti].code_limit else {
            continue;
        };
        if *lines <= limit {
            continue;
        }
        let title = &t.sections[ti].title;
        out.push(
            Diagnostic::new(
                CODE,
                first_line(doc, b.span),
                format!("code block is {lines} lines long; the template allows at most {limit} lines per example in \"{title}\""),
            )
            .section(title.clone())
            .help(format!(
                "keep only the signatures and types the reader needs (≤{limit} lines), split it into smaller examples, or point to the file instead"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS203", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS203", "fail"));
    }

    #[test]
    fn limit_applies_in_subsections_only_of_limited_sections() {
        let spec = include_str!("../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let long: String = (0..25).map(|i| format!("// line {i}\n")).collect();
        let sub = spec.replace(
            "### Data Models",
            &format!("#### Worker\n\n```go\n{long}```\n\n### Data Models"),
        );
        let f = findings_in("TS203", sub.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("25 lines"), "{}", f[0].message);
        // Outside the limited section: no limit.
        let other = spec.replace(
            "### API Endpoints",
            &format!("```sql\n{long}```\n\n### API Endpoints"),
        );
        assert!(findings_in("TS203", other.as_bytes()).is_empty());
    }
}
