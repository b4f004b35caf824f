//! `techspec_rules`: the agent rules that apply to a spec.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use std::fmt::Write as _;
use std::path::Path;

use super::{Root, TechspecMcp, ToolError, ToolOutput};
use crate::engine::workspace::{Overrides, Workspace};
use crate::io::read::read_limited;
use crate::model::document::Document;
use crate::project::Project;
use crate::project::research::{RuleVerdict, SkillVerdict, skill_verdicts, verdict};
use crate::project::rules::Activation;

const DESCRIPTION: &str = "List the project's agent rules (Cursor .mdc, Kilo Code, Claude, Copilot, Windsurf, \
AGENTS.md...) that apply to a spec: always-on rules and rules whose globs match the spec's Relevant Files, each with \
why; rules the agent decides on are listed as possibly relevant, and so are the project's skills (.claude/skills, \
.agents/skills...), with their descriptions. Cite the applicable ones in Standards Compliance.";

/// Parameters of `techspec_rules`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesParams {
    /// The spec file, relative to the workspace root. Omit to list every rule of the project.
    #[serde(default)]
    pub path: Option<String>,
}

/// The applicable rules (or, without a spec, every rule of the project).
pub fn run(root: &Root, p: RulesParams) -> Result<ToolOutput, ToolError> {
    let spec = p
        .path
        .as_deref()
        .map(|path| root.existing(path))
        .transpose()?;
    let dir = spec
        .as_deref()
        .and_then(Path::parent)
        .unwrap_or(root.path());
    let project_root = Workspace::open_within(dir, root.path())?.root;
    let project = Project::open(&project_root);
    let mut out = String::new();
    let Some(spec) = spec else {
        let d = project.discovery();
        if d.rules.is_empty() && d.skills.is_empty() {
            let _ = writeln!(out, "No agent rules or skills found in the project.");
        }
        for r in &d.rules {
            let _ = writeln!(
                out,
                "{} [{}] {}",
                r.path_str(),
                r.agent.name(),
                activation(&r.activation)
            );
            if let Some(desc) = &r.description {
                let _ = writeln!(out, "    {desc}");
            }
        }
        let rules: Vec<RuleVerdict> = d
            .rules
            .iter()
            .map(|r| verdict(r, String::new(), false))
            .collect();
        let skills = skill_verdicts(&d.skills, "");
        write_skills(&mut out, &skills, false);
        let structured =
            serde_json::json!({ "rules_dirs": d.rules_dirs, "rules": rules, "skills": skills });
        return Ok(ToolOutput {
            text: out,
            structured: Some(structured),
        });
    };
    let bytes = read_limited(&spec, crate::engine::max_file_size_for(&spec))
        .map_err(|e| ToolError::Failed(format!("cannot read {}: {e}", root.relative(&spec))))?;
    let doc = Document::from_bytes(&bytes);
    let ws = Workspace::for_file(&spec, &Overrides::default())
        .unwrap_or_else(|_| Workspace::fallback(&crate::project::research::spec_dir(&spec)));
    let groups = ws.rules_for_spec(&project, &spec, &doc);
    for (title, list) in [
        (
            "Applies — cite each in Standards Compliance",
            &groups.applies,
        ),
        (
            "Possibly relevant — the agent decides by description; cite those the design touches",
            &groups.possibly_relevant,
        ),
    ] {
        let _ = writeln!(out, "{title}:");
        if list.is_empty() {
            let _ = writeln!(out, "  (none)");
        }
        for v in list {
            let cited = if v.cited { "cited" } else { "not cited" };
            let _ = writeln!(out, "  {} ({cited}): {}", v.path, v.reason);
        }
    }
    write_skills(&mut out, &groups.skills, true);
    let _ = writeln!(
        out,
        "Not applicable: {} rule(s).",
        groups.not_applicable.len()
    );
    if groups.candidates.is_empty() {
        let _ = writeln!(
            out,
            "Note: the spec lists no Relevant Files yet, so no glob-scoped rule could match; fill Relevant Files (techspec_files helps) and call again."
        );
    }
    let structured = serde_json::to_value(&groups).map_err(|e| ToolError::Failed(e.to_string()))?;
    Ok(ToolOutput {
        text: out,
        structured: Some(structured),
    })
}

/// The skills with their descriptions (and, for a spec, whether it cites each).
fn write_skills(out: &mut String, skills: &[SkillVerdict], spec: bool) {
    if skills.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "Skills — possibly relevant, loaded when the agent asks; cite those the design relies on:"
    );
    for v in skills {
        let cited = match (spec, v.cited) {
            (true, true) => " (cited)",
            (true, false) => " (not cited)",
            _ => "",
        };
        let desc = v.description.as_deref().unwrap_or("(no description)");
        let _ = writeln!(out, "  {} `{}`{cited}: {desc}", v.path, v.name);
    }
}

fn activation(a: &Activation) -> String {
    match a {
        Activation::Always => "always applies".into(),
        Activation::Globs(g) => format!("applies to {}", g.join(", ")),
        Activation::AgentDecides => "the agent decides (by description)".into(),
        Activation::Manual => "manual (@-mention)".into(),
        Activation::Mode(m) => format!("in mode `{m}`"),
        Activation::Never => "never".into(),
    }
}

#[tool_router(router = rules_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Applicable agent rules", read_only_hint = true))]
    async fn techspec_rules(&self, Parameters(p): Parameters<RulesParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
