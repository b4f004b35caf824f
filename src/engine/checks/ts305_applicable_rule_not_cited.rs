//! ## What it does
//! Reports an agent rule that applies to the spec but is not cited in its
//! Standards Compliance: an always-on rule (Cursor `alwaysApply: true`,
//! Windsurf `trigger: always_on`, a Kilo Code or Claude rule without `paths`...)
//! or a rule whose globs match one of the spec's Relevant Files. Memory files
//! (`AGENTS.md`, `CLAUDE.md`, `GEMINI.md`, Copilot's repository instructions)
//! apply to every task and are not required. Rules the agent decides on are
//! only "possibly relevant" (`techspec rules --spec`) and never reported here.
//!
//! ## Why is this bad?
//! The template asks the author to research the rules that apply; an
//! always-on rule that goes uncited is usually one nobody read, and its
//! standards are missing from the design.
//!
//! ## Example
//! ```markdown
//! ### Standards Compliance
//! - `.cursor/rules/go-style.mdc`
//! ```
//! (`.cursor/rules/http-api.mdc` has `globs: internal/**/handler.go`, and the
//! spec lists `internal/refunds/handler.go`)
//!
//! ## Use instead
//! ```markdown
//! - `.cursor/rules/go-style.mdc`: error wrapping, context first.
//! - `.cursor/rules/http-api.mdc`: problem-details errors in the new handler.
//! ```

use super::Context;
use super::project_view::applicable_rules;
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS305";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    let Some(si) = ctx.spec_section("standards-compliance") else {
        return;
    };
    let rules = project.rules();
    let heading = ctx.doc.section_heading(si).span;
    for a in applicable_rules(ctx) {
        if a.cited {
            continue;
        }
        let rule = &rules[a.index];
        out.push(
            Diagnostic::new(
                CODE,
                heading,
                format!(
                    "rule `{}` applies ({}) but is not cited",
                    rule.path_str(),
                    a.reason
                ),
            )
            .section("Standards Compliance")
            .help(format!(
                "cite `{}` and say how the design follows it",
                rule.path_str()
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS305", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS305", "fail"
        )));
    }
}
