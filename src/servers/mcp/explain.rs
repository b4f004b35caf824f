//! `techspec_explain`: what a check finds, why, and what to write instead.

use std::fmt::Write as _;

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput};
use crate::engine::checks::{CHECKS, docs, lookup};

const DESCRIPTION: &str = "Explain a techspec check by its code (`TS101`) or name (`missing-section`): what it \
finds, why it matters, an example and what to write instead. Without `code`, lists every check.";

/// Parameters of `techspec_explain`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainParams {
    /// A check code (`TS101`) or name (`missing-section`); omit to list all checks.
    #[serde(default)]
    pub code: Option<String>,
}

/// The check's documentation, or the catalogue.
pub fn run(_root: &Root, p: ExplainParams) -> Result<ToolOutput, ToolError> {
    let Some(code) = p.code.as_deref().filter(|c| !c.trim().is_empty()) else {
        let mut out = String::new();
        for c in CHECKS {
            let _ = writeln!(out, "{} {} ({}): {}", c.code, c.name, c.severity, c.summary);
        }
        return Ok(ToolOutput::text(out));
    };
    let info = lookup(code).ok_or_else(|| {
        ToolError::Invalid(format!(
            "unknown check `{code}`; call techspec_explain without `code` to list them"
        ))
    })?;
    Ok(ToolOutput::text(format!(
        "# {} {} ({} by default)\n\n{}\n",
        info.code,
        info.name,
        info.severity,
        docs(info.code).trim()
    )))
}

#[tool_router(router = explain_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Explain a check", read_only_hint = true))]
    async fn techspec_explain(&self, Parameters(p): Parameters<ExplainParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
