//! `techspec_trace`: the trace matrix of a spec (PRD requirement → spec
//! sections → tasks), as `techspec trace --format json` prints it.

use std::path::PathBuf;

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput};
use crate::engine::trace::matrix::build;
use crate::engine::workspace::{Overrides, Workspace};

const DESCRIPTION: &str = "Trace a technical specification to the PRD and tasks beside it, as `techspec trace \
--format json` does. Give `path`, the spec file relative to the workspace root; its PRD is `prd.md` or `_prd.md` \
in the same folder (or a PRD the spec links), its tasks `tasks.md`/`_tasks.md` and task files (`1_task.md`, \
`task_01.md`). Returns, per requirement (`FR-1`, `RF-01`, or a numbered item of Functional Requirements): its \
status (cited, covered, weak, not-addressed), the spec sections that address it and the tasks that implement it. \
Address every requirement that is not cited or covered, or say in the spec that it is out of scope.";

/// Parameters of `techspec_trace`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TraceParams {
    /// The spec file, relative to the workspace root, e.g. `tasks/prd-payment-refunds/techspec.md`.
    pub path: String,
}

/// Builds the matrix of the spec `p.path`.
pub fn run(root: &Root, p: TraceParams) -> Result<ToolOutput, ToolError> {
    let abs = root.existing(&p.path)?;
    let ws = Workspace::for_file(&abs, &Overrides::default())?;
    let mut matrix = build(&ws.checker, &abs).map_err(|e| {
        // Paths in the message relative to the root.
        ToolError::Invalid(
            e.to_string()
                .replace(&format!("{}/", root.path().display()), ""),
        )
    })?;
    matrix.spec = PathBuf::from(root.relative(&matrix.spec));
    matrix.prd = PathBuf::from(root.relative(&matrix.prd));
    for f in &mut matrix.task_files {
        *f = PathBuf::from(root.relative(f));
    }
    let json = serde_json::to_value(&matrix).map_err(|e| ToolError::Failed(e.to_string()))?;
    Ok(ToolOutput {
        text: matrix.table(),
        structured: Some(json),
    })
}

#[tool_router(router = trace_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Trace a spec to its PRD and tasks", read_only_hint = true))]
    async fn techspec_trace(&self, Parameters(p): Parameters<TraceParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
