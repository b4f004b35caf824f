use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::Status;
use techspec::authoring::init::{self, AgentKind, InitOptions};
use techspec::io::root::find_root;

#[derive(Args)]
pub struct InitArgs {
    /// Install the spec workflow for this agent (repeatable): claude, cursor,
    /// kilocode, copilot, windsurf, codex, gemini, cline, roo.
    /// Default: the agents the repository already shows signs of.
    #[arg(long = "agent", value_name = "AGENT")]
    agents: Vec<AgentKind>,
    /// Replace files (or techspec sections) that differ from what init writes.
    #[arg(long)]
    force: bool,
    /// Do not write techspec.toml.
    #[arg(long)]
    no_config: bool,
    /// Say what would be written, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// The repository root (default: the nearest folder up with .git or techspec.toml, else the current one).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

pub fn run(a: InitArgs) -> anyhow::Result<Status> {
    let cwd = std::env::current_dir()?;
    let root = a
        .root
        .clone()
        .unwrap_or_else(|| find_root(&cwd).unwrap_or_else(|| cwd.clone()));
    let mut out = std::io::stdout().lock();
    let agents = if a.agents.is_empty() {
        let found = init::detect(&root);
        if found.is_empty() {
            writeln!(
                out,
                "no --agent given and no agent detected in {}; writing techspec.toml only (add --agent claude|cursor|kilocode|copilot|windsurf|codex|gemini|cline|roo)",
                root.display()
            )?;
        } else {
            let names: Vec<&str> = found.iter().map(|a| a.name()).collect();
            writeln!(
                out,
                "no --agent given; detected in {}: {}",
                root.display(),
                names.join(", ")
            )?;
        }
        found
    } else {
        a.agents.clone()
    };
    let opts = InitOptions {
        root: root.clone(),
        agents,
        force: a.force,
        write_config: !a.no_config,
    };
    let report = if a.dry_run {
        init::preview(&opts)?
    } else {
        init::apply(&opts)?
    };
    if a.dry_run {
        writeln!(
            out,
            "dry run, nothing written; without --dry-run init would have:"
        )?;
    }
    let indent = if a.dry_run { "  " } else { "" };
    for action in &report.actions {
        writeln!(out, "{indent}{action}")?;
    }
    for (agent, snippet) in &report.mcp_snippets {
        writeln!(
            out,
            "\n{} — MCP server (techspec mcp):\n{}",
            agent.display_name(),
            snippet.trim_end()
        )?;
    }
    Ok(Status::Clean)
}
