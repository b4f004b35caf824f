//! ## What it does
//! Reports a rule or skill cited in Standards Compliance (`react.mdc`,
//! `.cursor/rules/api.mdc`, `.claude/skills/testing/`) that does not exist
//! among the project's agent rules (every format: Cursor, Kilo Code, Claude,
//! Copilot, Windsurf, Cline, Roo, Continue, AGENTS.md...) and skills
//! (`.claude/skills`, `.agents/skills`, `.cursor/skills`, `.codex/skills`,
//! `.gemini/skills`), with the closest real name when there is one.
//!
//! Only rule-like references count: a path into a rules or skills folder, a
//! rule file name (`*.mdc`, `*.instructions.md`, `AGENTS.md`...). A bare
//! `@word` is reported only when it is close to a real rule or skill name
//! (`@code-standard` for `code-standards.mdc`): language annotations and
//! decorators (`@MainActor`, `@Injectable`), handles and e-mail addresses
//! are not citations, and neither is anything inside a code block.
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
use super::project_view::{standards_citations, standards_text};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;
use crate::project::rules::{closest_name, is_mention, resolve_cited, resolve_skill};

pub const CODE: &str = "TS304";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    let Some((start, _)) = standards_text(ctx) else {
        return;
    };
    let d = project.discovery();
    let (rules, skills) = (&d.rules[..], &d.skills[..]);
    for (name, offset) in standards_citations(ctx) {
        let (name, offset) = (name.as_str(), *offset);
        if resolve_cited(rules, name).is_some() || resolve_skill(skills, name).is_some() {
            continue;
        }
        // A skill or rules folder that exists but holds no file we read.
        let written = name.trim_start_matches('@').trim_start_matches("./");
        if written.contains('/')
            && !written.starts_with('/')
            && crate::project::normalize(std::path::Path::new(written))
                .is_some_and(|rel| project.root.join(rel).exists())
        {
            continue;
        }
        let closest = closest_name(rules, skills, name);
        // A bare `@Word` is as often an annotation, a decorator or a handle
        // as a rule: it is reported only when it is close to a real name.
        if is_mention(name) && closest.is_none() {
            continue;
        }
        let at = start + offset;
        let skill_like = |n: &str| n.to_lowercase().contains("skills/");
        let what = if skill_like(name)
            || (!name.contains('/') && closest.as_deref().is_some_and(skill_like))
        {
            "skill"
        } else {
            "rule"
        };
        let help = match closest {
            Some(real) => format!("did you mean `{real}`?"),
            None => {
                let known: Vec<String> = rules
                    .iter()
                    .map(|r| format!("`{}`", r.path_str()))
                    .chain(skills.iter().map(|s| format!("`{}`", s.dir)))
                    .take(5)
                    .collect();
                if known.is_empty() {
                    "this project has no agent rules or skills; remove the citation".to_string()
                } else {
                    format!(
                        "cite an existing rule or skill, e.g. {}; `techspec rules --spec` lists them",
                        known.join(", ")
                    )
                }
            }
        };
        out.push(
            Diagnostic::new(
                CODE,
                Span::new(at, at + name.len()),
                format!("cites {what} `{name}`, which does not exist in this project"),
            )
            .section("Standards Compliance")
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS304", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS304", "fail"
        )));
    }
}
