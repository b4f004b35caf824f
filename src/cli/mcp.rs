use std::path::PathBuf;

use clap::Args;

use super::Status;

#[derive(Args)]
pub struct McpArgs {
    /// The workspace root; the server reads and writes only inside it.
    /// Default: the client's MCP roots, else the current directory when it
    /// is inside a project (.git, techspec.toml or an agent rules folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Runs the MCP server on stdin/stdout until the client disconnects.
pub fn run(a: McpArgs) -> anyhow::Result<Status> {
    techspec::servers::mcp::serve_stdio(&techspec::servers::mcp::StartRoot {
        flag: a.root,
        cwd: std::env::current_dir()?,
        home: std::env::home_dir(),
    })?;
    Ok(Status::Clean)
}
