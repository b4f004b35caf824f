//! ## What it does
//! Reports a code block, in any section, longer than `max-code-lines` (40
//! lines by default; configurable in `techspec.toml`, and per section under
//! `[max-code-lines-per-section]`). A block that TS203 reports as one example
//! over the template's per-example limit is not reported again. The finding
//! points at the opening fence and gives the block's length and the limit.
//!
//! ## Why is this bad?
//! Templates limit code only where they show code (Main Interfaces), but real
//! specs put whole schemas, migrations, components and directory trees in
//! Data Models, Relevant Files or Testing: blocks of 90 to 487 lines that
//! nobody reviews, that go stale first, and that belong in the code.
//!
//! ## Example
//! ````markdown
//! ### Data Models
//!
//! ```prisma
//! // the whole schema.prisma: 480 lines, every model and enum
//! ```
//! ````
//!
//! ## Use instead
//! ````markdown
//! ### Data Models
//!
//! New models `Alert` and `AlertRule` (see `prisma/schema.prisma`):
//!
//! ```prisma
//! model Alert {
//!   id     String @id @default(cuid())
//!   ruleId String
//!   seenAt DateTime?
//! }
//! ```
//! ````

use super::Context;
use super::code::block_lines;
use super::text::{first_line, template_section_of};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS211";

/// The `max-code-lines` for a spec section: the first configured name on the
/// way up (heading, template title, identity), else the general limit.
fn limit_for(ctx: &Context<'_>, section: Option<usize>) -> usize {
    let s = ctx.settings;
    if s.section_code_lines.is_empty() {
        return s.max_code_lines;
    }
    let mut cur = section;
    while let Some(si) = cur {
        let mut names = vec![ctx.doc.section_heading(si).text.as_str()];
        if let Some(ti) = ctx.align.template_of(si) {
            let t = &ctx.template.sections[ti];
            names.push(t.title.as_str());
            if let Some(id) = t.identity {
                names.push(id);
            }
        }
        if let Some(n) = s.section_max_code_lines(&names) {
            return n;
        }
        cur = ctx.doc.sections[si].parent;
    }
    s.max_code_lines
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let over = ctx.code_over_limit();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let Some(lines) = block_lines(b) else {
            continue;
        };
        let limit = limit_for(ctx, b.section);
        if lines <= limit {
            continue;
        }
        // TS203 already reports a block that is one example over its limit.
        if over
            .iter()
            .any(|o| o.block == bi && o.examples.iter().any(|e| e.lines == lines))
        {
            continue;
        }
        let title = b.section.map(|si| match template_section_of(ctx, si) {
            Some(ti) if ctx.align.template_of(si).is_some() => {
                ctx.template.sections[ti].title.clone()
            }
            _ => doc.section_heading(si).text.clone(),
        });
        let mut d = Diagnostic::new(
            CODE,
            first_line(doc, b.span),
            format!("code block is {lines} lines long, over the {limit}-line limit for any code block (`max-code-lines`)"),
        )
        .help("show only the shape the reader needs (signatures, the fields that change) and point to the file for the rest; raise `max-code-lines` in techspec.toml if this section needs long blocks");
        if let Some(t) = title {
            d = d.section(t);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings, findings_in};

    #[test]
    fn pass() {
        assert!(findings("TS211", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS211", "fail"));
    }

    /// `[max-code-lines-per-section]` raises the limit for one section
    /// (title or identity), subsections included.
    #[test]
    fn per_section_limit_from_the_config() {
        use crate::engine::Checker;
        use crate::engine::config::Config;
        use crate::model::template::TemplateSet;
        let bytes =
            std::fs::read(crate::engine::checks::tests::fixture_path("TS211", "fail")).unwrap();
        let run = |toml: &str| {
            let cfg = Config::parse(std::path::Path::new("techspec.toml"), toml).unwrap();
            let mut c = Checker::new(TemplateSet::builtins());
            c.settings = cfg.settings();
            c.check_bytes(std::path::Path::new("spec.md"), &bytes)
                .diagnostics
                .into_iter()
                .filter(|d| d.code == "TS211")
                .count()
        };
        assert_eq!(run(""), 1);
        assert_eq!(
            run("[max-code-lines-per-section]\n\"Data Models\" = 80\n"),
            0
        );
        assert_eq!(
            run("[max-code-lines-per-section]\n\"data-models\" = 80\n"),
            0
        );
        assert_eq!(run("max-code-lines = 60\n"), 0);
        assert_eq!(
            run("[max-code-lines-per-section]\n\"API Endpoints\" = 80\n"),
            1
        );
    }

    #[test]
    fn a_block_reported_by_ts203_is_not_reported_again() {
        let spec = include_str!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
        let long: String = (0..45).map(|i| format!("    F{i}()\n")).collect();
        let sub = spec.replace(
            "### Data Models",
            &format!("```go\ntype X interface {{\n{long}}}\n```\n\n### Data Models"),
        );
        assert!(findings_in("TS211", sub.as_bytes()).is_empty());
        assert_eq!(findings_in("TS203", sub.as_bytes()).len(), 1);
    }
}
