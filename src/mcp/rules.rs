//! `techspec_rules`: the agent rules that apply to a spec.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput};

const DESCRIPTION: &str = "List the project's agent rules (Cursor .mdc, Kilo Code, Claude, Copilot, Windsurf, \
AGENTS.md...) that apply to a spec: always-on rules and rules whose globs match the spec's Relevant Files, each with \
why; rules the agent decides on are listed as possibly relevant. Cite the applicable ones in Standards Compliance.";

/// Parameters of `techspec_rules`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesParams {
    /// The spec file, relative to the workspace root. Omit to list every rule of the project.
    #[serde(default)]
    pub path: Option<String>,
}

/// The applicable rules.
pub fn run(_root: &Root, _p: RulesParams) -> Result<ToolOutput, ToolError> {
    Err(ToolError::Failed("techspec_rules is not available in this build of techspec (agent rule discovery is not built in yet)".into()))
}

#[tool_router(router = rules_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Applicable agent rules", read_only_hint = true))]
    async fn techspec_rules(&self, Parameters(p): Parameters<RulesParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
