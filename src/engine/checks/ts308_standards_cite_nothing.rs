//! ## What it does
//! Reports a Standards Compliance section that cites no rule, skill or
//! standard at all: no rule or skill file or name (`.cursor/rules/api.mdc`,
//! `.claude/skills/testing/`, `` `code-standards` ``), no standards document
//! (`docs/rules/node.md`), no link, no named standard (PEP 8, RFC 7807,
//! OWASP, WCAG, GDPR, a style guide, a named specification with its version
//! such as "OpenAPI 3.1"). Runs with or without a repository; in one, a
//! rule or skill of the project named by its title counts too. A section that
//! says no rule applies ("no project rules apply", "nenhuma regra se aplica")
//! is a research result and is not reported. When a project rule applies
//! and goes uncited, TS305 names it and this check stays silent: one gap,
//! one finding.
//!
//! ## Why is this bad?
//! "Follows SOLID and project conventions" tells the reviewer nothing they
//! can check; the template asks which standards the design follows, so that
//! the implementing agent loads them.
//!
//! ## Example
//! ```markdown
//! ### Standards Compliance
//! - The solution will adhere to the existing patterns.
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Standards Compliance
//! - `.cursor/rules/http-api.mdc`: problem-details errors in the new handler.
//! ```
//! `techspec rules --spec PATH` lists the project's rules and skills.

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::project_view::{standards_citations, standards_text, uncited_rule_reported};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::InlineKind;
use crate::project::references::looks_like_file_path;
use crate::project::rules::is_mention;

pub const CODE: &str = "TS308";

/// Named standards and explicit "none apply" statements (EN, PT).
static STANDARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(style ?guide|guia de estilo|pep ?\d+|rfc ?\d+|owasp|wcag|iso[ /-]?\d+|twelve-factor|12-factor",
        r"|openapi|semver|json schema|gdpr|lgpd|hipaa|pci[ -]?dss|soc ?2|oauth ?2|openid)\b",
        // A named specification with its version: "OpenAPI 3.1", "Swift 6".
        r"|(?-i:\b[A-Z][A-Za-z]+ v?\d+(\.\d+)*\b)"
    ))
    .expect("a valid regex literal")
});
static NONE_APPLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(no (project |agent )?rules?|none apply|no rules? appl|nenhuma regra|não há regras|sem regras)\b").expect("a valid regex literal")
});
/// A rule or skill name written as code: `code-standards`, `golang_patterns`.
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^@?[a-z0-9]+([-_][a-z0-9]+)+$").expect("a valid regex literal"));

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(si) = ctx.spec_section("standards-compliance") else {
        return;
    };
    let Some((start, text)) = standards_text(ctx) else {
        return;
    };
    if text.split_whitespace().nth(2).is_none()
        || cites_something(ctx, start, text)
        || uncited_rule_reported(ctx)
    {
        return;
    }
    let h = ctx.doc.section_heading(si);
    out.push(
        Diagnostic::new(
            CODE,
            h.span,
            format!("\"{}\" cites no rule, skill or standard", h.text),
        )
        .section("Standards Compliance")
        .help("name the project rules and skills the design follows (`techspec rules --spec` lists them), or say that none apply"),
    );
}

fn cites_something(ctx: &Context<'_>, start: usize, text: &str) -> bool {
    if standards_citations(ctx).iter().any(|(n, _)| !is_mention(n))
        || STANDARD.is_match(text)
        || NONE_APPLY.is_match(text)
    {
        return true;
    }
    let end = start + text.len();
    let by_inline = ctx
        .doc
        .inlines
        .iter()
        .filter(|i| i.span.start >= start && i.span.end <= end)
        .any(|i| match &i.kind {
            InlineKind::Link { .. } => true,
            InlineKind::Code => {
                let t = ctx.doc.code_text(i).trim();
                NAME.is_match(t) || (looks_like_file_path(t) && is_doc_file(t))
            }
            _ => false,
        });
    if by_inline
        || text
            .split_whitespace()
            .any(|w| is_doc_file(w.trim_matches(['(', ')', ',', '.', '*', ':'])))
    {
        return true;
    }
    ctx.project.is_some_and(|p| {
        let compiled = p.compiled();
        let lower = text.to_lowercase();
        (0..compiled.rules().len()).any(|i| compiled.cites(i, &lower))
            || p.discovery().skills.iter().any(|s| s.cited_in(text))
    })
}

/// A standards document: a Markdown or rule file (`docs/rules/node.md`).
fn is_doc_file(t: &str) -> bool {
    let lower = t.to_ascii_lowercase();
    [".md", ".mdc", ".markdown"]
        .iter()
        .any(|e| lower.ends_with(e) && lower.len() > e.len())
}

#[cfg(test)]
mod tests {
    use super::STANDARD;
    use crate::engine::checks::tests::{project_findings, project_findings_without};

    #[test]
    fn named_standards() {
        for t in [
            "Follows OpenAPI 3.1.",
            "errors per RFC 7807",
            "Swift 6 concurrency",
            "PEP 8",
            "GDPR",
        ] {
            assert!(STANDARD.is_match(t), "{t}");
        }
        for t in [
            "in step 2",
            "phase 1 first",
            "Follows SOLID",
            "ESLint and Prettier",
        ] {
            assert!(!STANDARD.is_match(t), "{t}");
        }
    }

    #[test]
    fn pass() {
        assert!(project_findings("TS308", "pass").is_empty());
    }

    /// With TS305 off, nothing else says that the section cites nothing.
    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(
            &project_findings_without(
                "TS308",
                "fail",
                &[crate::engine::checks::ts305_applicable_rule_not_cited::CODE]
            )
        ));
    }

    /// The same gap is said once: when an applicable rule goes uncited,
    /// TS305 names it and TS308 stays silent (corpus: duo-tournament and
    /// e2e-dependant got both on one heading).
    #[test]
    fn an_uncited_applicable_rule_is_reported_by_ts305_alone() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
        let mut checker =
            crate::engine::Checker::new(crate::model::template::TemplateSet::builtins());
        checker.project = crate::engine::ProjectMode::Fixed(std::sync::Arc::new(
            crate::project::Project::open(&root),
        ));
        let codes: Vec<String> = checker
            .check_path(&root.join("specs/TS308-fail.md"))
            .diagnostics
            .into_iter()
            .map(|d| d.code)
            .collect();
        assert!(codes.iter().any(|c| c == "TS305"), "{codes:?}");
        assert!(!codes.iter().any(|c| c == "TS308"), "{codes:?}");
    }
}
