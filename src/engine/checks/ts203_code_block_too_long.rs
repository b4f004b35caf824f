//! ## What it does
//! Reports a code block longer than the limit the template sets for its
//! section — the standard templates say "(≤20 lines per example)" in Main
//! Interfaces, and a team template that says "≤30 lines" gets 30. Blocks in
//! the section's subsections count too. The limit is per example: a block
//! holding several top-level declarations separated by blank lines is several
//! examples, each held to the limit (a leading comment or import belongs to
//! the declaration after it). A project's create-techspec command that
//! states its own limit ("snippets ≤ 20 lines"), or `example-lines` in
//! `techspec.toml`, replaces the template's number, and the finding says
//! where it came from. The finding points at the opening fence (or at the
//! example's first line) and gives the length and the limit; blocks longer
//! than `max-code-lines` anywhere are TS211's.
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
use super::text::first_line;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Span};

pub const CODE: &str = "TS203";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let t = ctx.template;
    if !t.derived.code_limits {
        return;
    }
    let doc = ctx.doc;
    for o in ctx.code_over_limit() {
        let b = &doc.blocks[o.block];
        let (limit, title) = (o.limit, &t.sections[o.template_section].title);
        let BlockKind::Code { lines, content, .. } = &b.kind else {
            continue;
        };
        let source = ctx.settings.example_limit_source.as_deref().map_or_else(
            || "the template allows".to_string(),
            |s| format!("`{s}` allows"),
        );
        for e in &o.examples {
            let (span, what) = if e.lines == *lines {
                (first_line(doc, b.span), "code block")
            } else {
                let line = doc.lines.line_of(content.start) + e.first_line;
                let range = doc.lines.line_range(&doc.text, line);
                (first_line(doc, Span::from(range)), "code example")
            };
            out.push(
                Diagnostic::new(
                    CODE,
                    span,
                    format!(
                        "{what} is {} lines long; {source} at most {limit} lines per example in \"{title}\"",
                        e.lines
                    ),
                )
                .section(title.clone())
                .help(format!(
                    "keep only the signatures and types the reader needs (≤{limit} lines), split it into smaller examples, or point to the file instead"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS203", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS203", "fail"));
    }

    /// kanban L41, workout-management L144/L172: several small interfaces in
    /// one block are several examples, each under the limit.
    #[test]
    fn small_declarations_in_one_block_are_separate_examples() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let iface = |n: &str| {
            let m: String = (0..8).map(|i| format!("  m{i}(): void;\n")).collect();
            format!("export interface {n} {{\n{m}}}\n")
        };
        let block = format!(
            "```ts\n// repo.ts\n{}\n{}\n{}```\n\n",
            iface("A"),
            iface("B"),
            iface("C")
        );
        let sub = spec.replace("### Data Models", &format!("{block}### Data Models"));
        assert!(findings_in("TS203", sub.as_bytes()).is_empty());
        // One of them over the limit: reported at its own line.
        let big = (0..22)
            .map(|i| format!("  n{i}(): void;\n"))
            .collect::<String>();
        let block = format!(
            "```ts\n{}\nexport interface Big {{\n{big}}}\n```\n\n",
            iface("A")
        );
        let sub = spec.replace("### Data Models", &format!("{block}### Data Models"));
        let f = findings_in("TS203", sub.as_bytes());
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.starts_with("code example is 24 lines long"),
            "{}",
            f[0].message
        );
        assert_eq!(
            f[0].line,
            sub.lines()
                .position(|l| l.contains("interface Big"))
                .unwrap()
                + 1
        );
    }

    #[test]
    fn limit_applies_in_subsections_only_of_limited_sections() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
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
