use std::path::PathBuf;

use clap::Args;

use super::Status;

#[derive(Args)]
pub struct McpArgs {
    /// The workspace root; the server reads and writes only inside it
    /// (default: the current directory).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Runs the MCP server on stdin/stdout until the client disconnects.
pub fn run(a: McpArgs) -> anyhow::Result<Status> {
    let root = match a.root {
        Some(r) => r,
        None => std::env::current_dir()?,
    };
    techspec::mcp::serve_stdio(&root)?;
    Ok(Status::Clean)
}
