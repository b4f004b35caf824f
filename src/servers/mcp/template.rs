//! `techspec_template`: a template, rendered for the project.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput, template_arg};
use crate::engine::workspace::Workspace;
use crate::model::template::{RenderOptions, render};

const DESCRIPTION: &str = "Render a tech-spec template: its sections with the [guidance] for each, the interface \
example in `lang`, and `rules_dir` named in Standards Compliance. Built-in templates: standard, extended, \
standard-python, standard-pt, extended-pt, and the family profiles compozy, compozy-pt, compozy-adr; a project's own \
templates live in .techspec/templates/, and the tech-spec template the repository keeps for its agents is found by its \
path (e.g. templates/techspec-template.md). With `outline`, \
returns what techspec reads from the template instead (sections, required or optional, limits).";

/// Parameters of `techspec_template`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateParams {
    /// A template name or a template file in the workspace. Default: `template` in techspec.toml, else `standard`.
    #[serde(default)]
    pub name: Option<String>,
    /// The interface example's language: go, python, rust, typescript, java, csharp.
    #[serde(default)]
    pub lang: Option<String>,
    /// The rules folder to name in Standards Compliance, e.g. `.kilocode/rules`.
    #[serde(default)]
    pub rules_dir: Option<String>,
    /// Return the template's outline (sections, optional flags, limits) instead of its text.
    #[serde(default, deserialize_with = "super::lenient::bool")]
    pub outline: Option<bool>,
}

/// Renders the template.
pub fn run(root: &Root, p: TemplateParams) -> Result<ToolOutput, ToolError> {
    let ws = Workspace::open_within(root.path(), root.path())?;
    let name = match (&p.name, &ws.config.file.template) {
        (Some(n), _) => template_arg(root, n)?,
        (None, Some(t)) => t.clone(),
        (None, None) => "standard".to_string(),
    };
    let mut templates = ws.checker.templates;
    let t = templates.resolve(&name, &ws.root)?;
    let text = if p.outline.unwrap_or(false) {
        t.outline()
    } else {
        render(
            &t,
            &RenderOptions {
                lang: p.lang,
                rules_dir: p.rules_dir,
            },
        )?
    };
    Ok(ToolOutput::text(text))
}

#[tool_router(router = template_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Render a template", read_only_hint = true))]
    async fn techspec_template(&self, Parameters(p): Parameters<TemplateParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
