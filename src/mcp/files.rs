//! `techspec_files`: the repository files most relevant to a spec.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput};

const DESCRIPTION: &str = "Suggest the repository files most relevant to a spec, a PRD or a few words, ranked, \
each with the terms that matched. Use them for the spec's Relevant Files (paths relative to the repository root).";

/// Parameters of `techspec_files`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FilesParams {
    /// A spec or PRD file, relative to the workspace root, whose text is the query.
    #[serde(default)]
    pub path: Option<String>,
    /// A free-text query (used with or instead of `path`).
    #[serde(default)]
    pub query: Option<String>,
    /// The most files to return (default 20).
    #[serde(default)]
    pub limit: Option<usize>,
}

/// The suggested files.
pub fn run(_root: &Root, _p: FilesParams) -> Result<ToolOutput, ToolError> {
    Err(ToolError::Failed("techspec_files is not available in this build of techspec (file suggestion is not built in yet)".into()))
}

#[tool_router(router = files_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Suggest relevant files", read_only_hint = true))]
    async fn techspec_files(&self, Parameters(p): Parameters<FilesParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
