//! `techspec mcp`: a Model Context Protocol server over stdio (on `rmcp`),
//! so that an agent writing a spec can scaffold it, research the project
//! and check its own work until `check` is clean.
//!
//! One file per tool: `techspec_template`, `techspec_new`, `techspec_check`,
//! `techspec_rules`, `techspec_files`, `techspec_explain`, `techspec_trace`. Each has a
//! synchronous `run(&Root, Params) -> Result<ToolOutput, ToolError>` (the
//! work, testable without a client) and a thin `#[tool]` method that runs it
//! off the protocol's thread.
//!
//! The server is confined to the workspace root it was started in
//! ([`Root`]): every path a client gives is resolved and refused if it lies
//! outside, through `..` or symbolic links alike; and every tool runs inside
//! a [`crate::confine`] scope of the root, so that paths the project itself
//! names (`template = "../x.md"`, symlinked templates, config or rules) are
//! not read either.

mod check;
mod explain;
mod files;
mod new;
mod root;
mod rules;
mod template;
mod trace;

pub use check::CheckParams;
pub use explain::ExplainParams;
pub use files::FilesParams;
pub use new::NewParams;
pub use root::{Root, RootError};
pub use rules::RulesParams;
pub use template::TemplateParams;
pub use trace::TraceParams;

use std::path::Path;
use std::sync::Arc;

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ServerHandler, ServiceExt, tool_handler};

use crate::fsutil::WriteError;
use crate::template::{RenderError, TemplateSetError};
use crate::workspace::WorkspaceError;

/// The server could not start or stopped on an error.
#[derive(Debug, thiserror::Error)]
pub enum McpServerError {
    #[error("cannot use {} as the workspace root: {source}", path.display())]
    Root {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot start the MCP server: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("MCP session failed to start: {0}")]
    Initialize(String),
    #[error("MCP server task failed: {0}")]
    Task(String),
}

/// Why a tool call failed; the message is returned to the agent as the
/// tool's result with `isError: true`.
#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error(transparent)]
    Path(#[from] RootError),
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    #[error(transparent)]
    Template(#[from] TemplateSetError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Failed(String),
}

/// What a tool returns: text for the agent, and optionally the same as
/// structured JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutput {
    pub text: String,
    pub structured: Option<serde_json::Value>,
}

impl ToolOutput {
    pub fn text(text: impl Into<String>) -> Self {
        ToolOutput {
            text: text.into(),
            structured: None,
        }
    }

    fn into_result(self) -> CallToolResult {
        let mut content = vec![ContentBlock::text(self.text)];
        if let Some(v) = &self.structured {
            // Clients that ignore `structuredContent` still get the JSON.
            content.push(ContentBlock::text(v.to_string()));
        }
        let mut r = CallToolResult::success(content);
        r.structured_content = self.structured;
        r
    }
}

/// The MCP server.
#[derive(Clone)]
pub struct TechspecMcp {
    root: Arc<Root>,
    tool_router: ToolRouter<Self>,
}

impl TechspecMcp {
    /// A server confined to `root`.
    pub fn new(root: &Path) -> Result<Self, McpServerError> {
        let root = Root::new(root).map_err(|source| McpServerError::Root {
            path: root.to_path_buf(),
            source,
        })?;
        Ok(TechspecMcp {
            root: Arc::new(root),
            tool_router: Self::template_router()
                + Self::new_router()
                + Self::check_router()
                + Self::rules_router()
                + Self::files_router()
                + Self::explain_router()
                + Self::trace_router(),
        })
    }

    /// The workspace root.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Every tool, with its schema (what `tools/list` answers).
    pub fn tools(&self) -> Vec<rmcp::model::Tool> {
        self.tool_router.list_all()
    }

    /// Runs a tool's work on the blocking pool; errors and panics become a
    /// tool result with `isError: true`, never a dead server.
    async fn blocking<F>(&self, f: F) -> CallToolResult
    where
        F: FnOnce(&Root) -> Result<ToolOutput, ToolError> + Send + 'static,
    {
        let root = self.root.clone();
        match tokio::task::spawn_blocking(move || {
            // Whatever the project names (templates, config, rules, Relevant
            // Files), nothing outside the root is read during the call.
            let _scope = crate::confine::enter(crate::confine::canonical_roots(&[root
                .path()
                .to_path_buf()]));
            f(&root)
        })
        .await
        {
            Ok(Ok(out)) => out.into_result(),
            Ok(Err(e)) => CallToolResult::error(vec![ContentBlock::text(format!("error: {e}"))]),
            Err(e) => CallToolResult::error(vec![ContentBlock::text(format!(
                "internal error in techspec: {e}"
            ))]),
        }
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for TechspecMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("techspec", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "techspec scaffolds and checks technical specifications written from Markdown templates. \
                 To write a spec: techspec_new scaffolds it from the project's template; techspec_rules and \
                 techspec_files research the agent rules and the repository files it should cite; fill every \
                 section following its [guidance] and remove the guidance; then call techspec_check and fix \
                 each finding until it reports none (techspec_explain CODE says why a check fires). Paths are \
                 relative to the workspace root {}; nothing outside it is read or written.",
                self.root.path().display()
            ))
    }
}

/// Serves MCP on stdin/stdout until the client disconnects, confined to `root`.
pub fn serve_stdio(root: &Path) -> Result<(), McpServerError> {
    let server = TechspecMcp::new(root)?;
    // Relative paths inside techspec (reports, project checks) are root-relative.
    std::env::set_current_dir(server.root.path()).map_err(|source| McpServerError::Root {
        path: root.to_path_buf(),
        source,
    })?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(McpServerError::Runtime)?;
    rt.block_on(async move {
        let running = server
            .serve(rmcp::transport::stdio())
            .await
            .map_err(|e| McpServerError::Initialize(e.to_string()))?;
        running
            .waiting()
            .await
            .map_err(|e| McpServerError::Task(e.to_string()))?;
        Ok(())
    })
}

/// A template argument: a name, or a path that must lie inside the root.
fn template_arg(root: &Root, name_or_path: &str) -> Result<String, ToolError> {
    if name_or_path.contains('/') || name_or_path.contains('\\') || name_or_path.ends_with(".md") {
        Ok(root.existing(name_or_path)?.to_string_lossy().into_owned())
    } else {
        Ok(name_or_path.to_string())
    }
}

#[cfg(test)]
mod tests;
