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
//! a [`crate::io::confine`] scope of the root, so that paths the project itself
//! names (`template = "../x.md"`, symlinked templates, config or rules) are
//! not read either.

mod check;
mod explain;
mod files;
mod new;
pub mod resources;
mod root;
mod rules;
mod template;
mod trace;

pub use check::CheckParams;
pub use explain::ExplainParams;
pub use files::FilesParams;
pub use new::NewParams;
pub use root::{Root, RootError, is_project, start_folder, uri_path};
pub use rules::RulesParams;
pub use template::TemplateParams;
pub use trace::TraceParams;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::watch;

use rmcp::ErrorData as McpError;
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::model::{
    CallToolResult, ContentBlock, GetPromptRequestParams, GetPromptResponse, Implementation,
    ListPromptsResult, ListResourceTemplatesResult, ListResourcesResult, PaginatedRequestParams,
    ReadResourceRequestParams, ReadResourceResponse, ServerCapabilities, ServerConfig,
};
use rmcp::service::{NotificationContext, Peer, RequestContext, RoleServer};
use rmcp::{ServerHandler, ServiceExt, tool_handler};

use crate::engine::workspace::WorkspaceError;
use crate::io::write::WriteError;
use crate::model::template::{RenderError, TemplateSetError};

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
        // The text is complete for an agent; the structured data is sent
        // once, as `structuredContent`, not repeated as text.
        let mut r = CallToolResult::success(vec![ContentBlock::text(self.text)]);
        r.structured_content = self.structured;
        r
    }
}

/// Where the workspace comes from when the client offers no roots.
#[derive(Debug, Clone)]
pub struct StartRoot {
    /// `--root DIR`.
    pub flag: Option<PathBuf>,
    /// The folder the server was started in.
    pub cwd: PathBuf,
    /// The user's home folder (never a workspace by itself).
    pub home: Option<PathBuf>,
}

/// The workspace the tools work in: the client's first `file://` root, else
/// `--root`, else the start folder when it lies inside a project, else none
/// (every tool then refuses, saying how to set one).
struct Workspace {
    current: RwLock<Option<Arc<Root>>>,
    fallback: Option<Arc<Root>>,
    start: PathBuf,
    /// False until the client's roots are known (or known not to come).
    ready: watch::Sender<bool>,
}

impl Workspace {
    fn current(&self) -> Option<Arc<Root>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    fn set(&self, root: Option<Arc<Root>>) {
        if let Some(r) = &root {
            // Relative paths inside techspec (reports, project checks) are root-relative.
            let _ = std::env::set_current_dir(r.path());
        }
        if let Ok(mut c) = self.current.write() {
            *c = root;
        }
    }
}

/// How long a tool call waits for the client to answer `roots/list`.
const ROOTS_WAIT: Duration = Duration::from_secs(10);

/// The MCP server.
#[derive(Clone)]
pub struct TechspecMcp {
    workspace: Arc<Workspace>,
    tool_router: ToolRouter<Self>,
}

impl TechspecMcp {
    /// A server confined to `root`.
    pub fn new(root: &Path) -> Result<Self, McpServerError> {
        Self::start(&StartRoot {
            flag: Some(root.to_path_buf()),
            cwd: root.to_path_buf(),
            home: None,
        })
    }

    /// A server whose workspace is resolved from the client's roots, then
    /// `start` ([`StartRoot`]).
    pub fn start(start: &StartRoot) -> Result<Self, McpServerError> {
        let fallback = match &start.flag {
            Some(dir) => Some(Root::new(dir).map_err(|source| McpServerError::Root {
                path: dir.clone(),
                source,
            })?),
            None => root::start_folder(&start.cwd, start.home.as_deref())
                .and_then(|dir| Root::new(&dir).ok()),
        }
        .map(Arc::new);
        let mut tool_router = Self::template_router()
            + Self::new_router()
            + Self::check_router()
            + Self::rules_router()
            + Self::files_router()
            + Self::explain_router()
            + Self::trace_router();
        for route in tool_router.map.values_mut() {
            let mut schema = (*route.attr.input_schema).clone();
            plain_schema(&mut schema);
            route.attr.input_schema = Arc::new(schema);
        }
        Ok(TechspecMcp {
            workspace: Arc::new(Workspace {
                current: RwLock::new(fallback.clone()),
                fallback,
                start: start.cwd.clone(),
                ready: watch::Sender::new(true),
            }),
            tool_router,
        })
    }

    /// The workspace root, if there is one.
    pub fn root(&self) -> Option<Arc<Root>> {
        self.workspace.current()
    }

    /// Every tool, with its schema (what `tools/list` answers).
    pub fn tools(&self) -> Vec<rmcp::model::Tool> {
        self.tool_router.list_all()
    }

    /// Uses the client's roots: the first `file://` root that is a folder,
    /// else the fallback.
    pub fn use_client_roots(&self, uris: &[String]) {
        let chosen = uris
            .iter()
            .filter_map(|u| root::uri_path(u))
            .find_map(|p| Root::new(&p).ok().filter(|r| r.path().is_dir()))
            .map(Arc::new);
        self.workspace
            .set(chosen.or_else(|| self.workspace.fallback.clone()));
    }

    /// Asks the client for its roots (in the background: the answer comes
    /// through the same connection), and marks the workspace ready after.
    #[expect(
        deprecated,
        reason = "roots are what today's clients (VS Code, Claude Code, the inspector) offer"
    )]
    fn refresh_roots(&self, peer: Peer<RoleServer>) {
        self.workspace.ready.send_replace(false);
        let this = self.clone();
        tokio::spawn(async move {
            match peer.list_roots().await {
                Ok(list) => {
                    let uris: Vec<String> = list.roots.into_iter().map(|r| r.uri).collect();
                    this.use_client_roots(&uris);
                }
                Err(e) => eprintln!("techspec mcp: the client did not list its roots: {e}"),
            }
            this.workspace.ready.send_replace(true);
        });
    }

    /// The workspace root once the client's roots are known, if any.
    async fn settled_root(&self) -> Option<Arc<Root>> {
        let mut ready = self.workspace.ready.subscribe();
        let _ = tokio::time::timeout(ROOTS_WAIT, ready.wait_for(|r| *r)).await;
        self.workspace.current()
    }

    /// The root a tool works in, once the client's roots are known.
    async fn workspace_root(&self) -> Result<Arc<Root>, ToolError> {
        let mut ready = self.workspace.ready.subscribe();
        let _ = tokio::time::timeout(ROOTS_WAIT, ready.wait_for(|r| *r)).await;
        self.workspace.current().ok_or_else(|| {
            ToolError::Path(RootError::NoWorkspace {
                start: self.workspace.start.clone(),
            })
        })
    }

    /// Runs a tool's work on the blocking pool; errors and panics become a
    /// tool result with `isError: true`, never a dead server.
    async fn blocking<F>(&self, f: F) -> CallToolResult
    where
        F: FnOnce(&Root) -> Result<ToolOutput, ToolError> + Send + 'static,
    {
        let root = match self.workspace_root().await {
            Ok(root) => root,
            Err(e) => {
                return CallToolResult::error(vec![ContentBlock::text(format!("error: {e}"))]);
            }
        };
        match tokio::task::spawn_blocking(move || {
            // Whatever the project names (templates, config, rules, Relevant
            // Files), nothing outside the root is read during the call.
            let _scope = crate::io::confine::enter(crate::io::confine::canonical_roots(&[root
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

/// What every agent is told about the server (MCP `instructions`).
pub const INSTRUCTIONS: &str = "techspec scaffolds and checks technical specifications written from Markdown templates. \
To write a spec: techspec_new scaffolds it from the project's template; techspec_rules and techspec_files research \
the agent rules and the repository files it should cite; fill every section following its [guidance] and remove the \
guidance; then call techspec_check until it reports no errors. Errors must be fixed; warnings should be fixed (or \
the reason to keep them stated in the spec); infos are notes for the author to judge, not tasks. techspec_explain \
CODE says why a check fires. Paths are relative to the workspace root: the client's first root, else the server's \
--root, else the project folder it was started in; nothing outside it is read or written.";

#[tool_handler(router = self.tool_router)]
impl ServerHandler for TechspecMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(
            ServerCapabilities::builder()
                .enable_tools()
                .enable_resources()
                .enable_prompts()
                .build(),
        )
        .with_server_info(Implementation::new("techspec", env!("CARGO_PKG_VERSION")))
        .with_instructions(INSTRUCTIONS)
    }

    async fn on_initialized(&self, context: NotificationContext<RoleServer>) {
        let offers_roots = context
            .peer
            .peer_info()
            .is_some_and(|i| i.capabilities.roots.is_some());
        if offers_roots {
            self.refresh_roots(context.peer);
        }
    }

    async fn on_roots_list_changed(&self, context: NotificationContext<RoleServer>) {
        self.refresh_roots(context.peer);
    }

    async fn list_resources(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourcesResult, McpError> {
        let root = self.settled_root().await;
        let list = confined(root, resources::list).await?;
        Ok(ListResourcesResult::with_all_items(list))
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListResourceTemplatesResult, McpError> {
        Ok(ListResourceTemplatesResult::with_all_items(
            resources::templates(),
        ))
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<ReadResourceResponse, McpError> {
        let root = self.settled_root().await;
        let uri = request.uri.clone();
        confined(root, move |root| resources::read(root, &uri))
            .await?
            .map(ReadResourceResponse::from)
            .map_err(|e| McpError::invalid_params(e.to_string(), None))
    }

    async fn list_prompts(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListPromptsResult, McpError> {
        Ok(ListPromptsResult::with_all_items(resources::prompts()))
    }

    async fn get_prompt(
        &self,
        request: GetPromptRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<GetPromptResponse, McpError> {
        if request.name != resources::CREATE_TECHSPEC {
            return Err(McpError::invalid_params(
                format!(
                    "no prompt `{}`; techspec has `create-techspec`",
                    request.name
                ),
                None,
            ));
        }
        let arg = |k: &str| {
            request
                .arguments
                .as_ref()
                .and_then(|a| a.get(k))
                .and_then(|v| v.as_str())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let feature = arg("feature").ok_or_else(|| {
            McpError::invalid_params("give the `feature` argument (the feature's name)", None)
        })?;
        Ok(resources::create_techspec(&feature, arg("prd").as_deref()).into())
    }
}

/// Runs `f` on the blocking pool, confined to `root` when there is one.
async fn confined<T, F>(root: Option<Arc<Root>>, f: F) -> Result<T, McpError>
where
    T: Send + 'static,
    F: FnOnce(Option<&Root>) -> T + Send + 'static,
{
    tokio::task::spawn_blocking(move || {
        let _scope = root.as_ref().map(|r| {
            crate::io::confine::enter(crate::io::confine::canonical_roots(&[r
                .path()
                .to_path_buf()]))
        });
        f(root.as_deref())
    })
    .await
    .map_err(|e| McpError::internal_error(format!("internal error in techspec: {e}"), None))
}

/// Serves MCP on stdin/stdout until the client disconnects.
pub fn serve_stdio(start: &StartRoot) -> Result<(), McpServerError> {
    let server = TechspecMcp::start(start)?;
    if let Some(root) = server.root() {
        let _ = std::env::set_current_dir(root.path());
    }
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

/// Makes a tool's input schema plain, for every client and model: each
/// optional property has one `type` (no `null`), no `default: null`, no
/// non-standard `format` (`uint`), integers a `minimum`; no `$schema` and no
/// `additionalProperties` (unknown arguments are still refused). This is the
/// subset Gemini's function declarations accept.
pub fn plain_schema(obj: &mut serde_json::Map<String, serde_json::Value>) {
    obj.remove("$schema");
    obj.remove("additionalProperties");
    if let Some(serde_json::Value::Object(props)) = obj.get_mut("properties") {
        for prop in props.values_mut() {
            plain_property(prop);
        }
    }
}

fn plain_property(prop: &mut serde_json::Value) {
    let Some(p) = prop.as_object_mut() else {
        return;
    };
    if let Some(serde_json::Value::Array(types)) = p.get("type") {
        let one: Vec<serde_json::Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        if let [t] = one.as_slice() {
            p.insert("type".into(), t.clone());
        }
    }
    if p.get("default").is_some_and(serde_json::Value::is_null) {
        p.remove("default");
    }
    p.remove("format");
    if p.get("type").is_some_and(|t| t == "integer") && !p.contains_key("minimum") {
        p.insert("minimum".into(), 0.into());
    }
}

/// Arguments some clients send as strings (the MCP inspector's CLI sends
/// every `--tool-arg` value as one): numbers and booleans given as text.
pub(crate) mod lenient {
    use serde::{Deserialize, Deserializer, de::Error};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumOrText {
        Num(usize),
        Text(String),
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum BoolOrText {
        Bool(bool),
        Text(String),
    }

    pub fn usize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
        match Option::<NumOrText>::deserialize(d)? {
            None => Ok(None),
            Some(NumOrText::Num(n)) => Ok(Some(n)),
            Some(NumOrText::Text(t)) => t.trim().parse().map(Some).map_err(|_| {
                D::Error::custom(format!("expected a whole number of 0 or more, got `{t}`"))
            }),
        }
    }

    pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        match Option::<BoolOrText>::deserialize(d)? {
            None => Ok(None),
            Some(BoolOrText::Bool(b)) => Ok(Some(b)),
            Some(BoolOrText::Text(t)) => match t.trim() {
                "true" => Ok(Some(true)),
                "false" => Ok(Some(false)),
                _ => Err(D::Error::custom(format!(
                    "expected true or false, got `{t}`"
                ))),
            },
        }
    }
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
