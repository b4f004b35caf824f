//! `techspec_files`: the repository files most relevant to a spec.

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use std::fmt::Write as _;
use std::path::Path;

use super::{Root, TechspecMcp, ToolError, ToolOutput};
use crate::engine::workspace::Workspace;
use crate::io::read::read_limited;
use crate::project::files::{DEFAULT_LIMIT, FileQuery, suggest};

const DESCRIPTION: &str = "Suggest the repository files most relevant to a spec, a PRD or a few words, ranked, \
each with the terms that matched. Use them for the spec's Relevant Files (paths relative to the repository root). \
Other specs, PRDs, task lists and docs are listed apart, as related documents.";

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
    #[serde(default, deserialize_with = "super::lenient::usize")]
    pub limit: Option<usize>,
}

/// The most files a call returns.
const MAX_LIMIT: usize = 200;

/// The suggested files.
pub fn run(root: &Root, p: FilesParams) -> Result<ToolOutput, ToolError> {
    let spec = p
        .path
        .as_deref()
        .map(|path| root.existing(path))
        .transpose()?;
    let mut text = String::new();
    if let Some(spec) = &spec {
        let bytes = read_limited(spec, crate::engine::max_file_size_for(spec))
            .map_err(|e| ToolError::Failed(format!("cannot read {}: {e}", root.relative(spec))))?;
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    if let Some(q) = &p.query {
        text.push('\n');
        text.push_str(q);
    }
    if text.trim().is_empty() {
        return Err(ToolError::Invalid(
            "give `path` (a spec or PRD) or `query` (a few words or identifiers)".into(),
        ));
    }
    let dir = spec
        .as_deref()
        .and_then(Path::parent)
        .unwrap_or(root.path());
    let project_root = Workspace::open_within(dir, root.path())?.root;
    let mut q = FileQuery::new(text);
    q.exclude = spec.into_iter().collect();
    q.limit = p.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let found =
        suggest(&project_root, &q, &|_| {}).map_err(|e| ToolError::Failed(e.to_string()))?;
    let mut out = String::new();
    if found.files.is_empty() {
        out.push_str("No source file shares terms with the query.\n");
    }
    for h in &found.files {
        let terms: Vec<&str> = h.terms.iter().take(6).map(String::as_str).collect();
        let _ = writeln!(out, "{}  ({:.2}: {})", h.path, h.score, terms.join(", "));
    }
    if !found.related.is_empty() {
        out.push_str("Related specs and docs (for cross-references, not Relevant Files):\n");
        for h in &found.related {
            let _ = writeln!(out, "  {}  ({:.2})", h.path, h.score);
        }
    }
    let structured = serde_json::json!({ "files": found.files, "related": found.related });
    Ok(ToolOutput {
        text: out,
        structured: Some(structured),
    })
}

#[tool_router(router = files_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Suggest relevant files", read_only_hint = true))]
    async fn techspec_files(&self, Parameters(p): Parameters<FilesParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
