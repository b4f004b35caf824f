//! ## What it does
//! Reports a rule cited in Standards Compliance (`react.mdc`,
//! `.cursor/rules/api.mdc`, `@testing-standards`) that does not exist among
//! the project's agent rules (every format: Cursor, Kilo Code, Claude, Copilot,
//! Windsurf, Cline, Roo, Continue, AGENTS.md...).
//!
//! ## Why is this bad?
//! Citing a rule that never existed gives the reviewer false confidence that
//! a standard was checked; real specs cite rules copied from another
//! repository or invented by the agent.
//!
//! ## Example
//! ```markdown
//! ### Standards Compliance
//! - `react.mdc`: component structure
//! ```
//! (the project has no `react.mdc`)
//!
//! ## Use instead
//! Cite the rules that exist and apply: `techspec rules --spec PATH` lists them.

use super::Context;
use super::project::standards_text;
use crate::diagnostic::Diagnostic;
use crate::document::Span;
use crate::rules::{cited_names, resolve_cited};

pub const CODE: &str = "TS304";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    let Some((start, text)) = standards_text(ctx) else {
        return;
    };
    let rules = project.rules();
    for (name, offset) in cited_names(text) {
        if resolve_cited(rules, &name).is_some() {
            continue;
        }
        let at = start + offset;
        let known: Vec<String> = rules
            .iter()
            .take(5)
            .map(|r| format!("`{}`", r.path_str()))
            .collect();
        let help = if known.is_empty() {
            "this project has no agent rules; remove the citation".to_string()
        } else {
            format!(
                "cite an existing rule, e.g. {}; `techspec rules --spec` lists the applicable ones",
                known.join(", ")
            )
        };
        out.push(
            Diagnostic::new(
                CODE,
                Span::new(at, at + name.len()),
                format!("cites rule `{name}`, which does not exist in this project"),
            )
            .section("Standards Compliance")
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS304", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::checks::tests::render(&project_findings(
            "TS304", "fail"
        )));
    }
}
