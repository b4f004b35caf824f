//! Command-line interface: one file per command.

mod check;
mod completions;
mod explain;
mod files;
mod init;
mod lsp;
mod mcp;
mod new;
mod report;
mod rules;
mod tasks;
mod template;
mod trace;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Scaffold, research and check technical specifications written from Markdown templates.
///
/// A typical loop: `techspec new "Feature"` writes a spec from a template;
/// you (or your agent) fill it; `techspec check` reports where it departs from
/// the template and the repository; `techspec explain CODE` says why and how to fix.
#[derive(Parser)]
#[command(
    name = "techspec",
    version,
    about,
    long_about,
    propagate_version = true
)]
#[command(
    after_help = "Exit codes: 0 clean (warnings allowed), 1 findings at error level (or warnings with --strict), 2 usage or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs against their template (and the repository).
    Check(check::CheckArgs),
    /// Write a new spec from a template.
    New(new::NewArgs),
    /// List or show templates.
    #[command(subcommand)]
    Template(template::TemplateCommand),
    /// Research the agent rules (Cursor, Kilo Code, Claude, Copilot, Windsurf...) that apply to a spec.
    Rules(rules::RulesArgs),
    /// Suggest the repository files most relevant to a spec, a PRD or a query.
    Files(files::FilesArgs),
    /// Explain a check: what it finds, why, and what to write instead.
    Explain(explain::ExplainArgs),
    /// List all checks with code, name, default severity and summary.
    Checks,
    /// Print shell completions.
    Completions(completions::CompletionsArgs),
    /// Install techspec.toml and a spec workflow for your coding agents.
    Init(init::InitArgs),
    /// Run the language server (LSP) on stdio, for editors.
    Lsp(lsp::LspArgs),
    /// Run the Model Context Protocol (MCP) server on stdio, for agents.
    Mcp(mcp::McpArgs),
    /// Write one HTML page with every spec's status, for a reviewer.
    Report(report::ReportArgs),
    /// Write a task list (tasks.md) from a spec's Build Order.
    Tasks(tasks::TasksArgs),
    /// Trace the PRD beside a spec: each requirement, the spec sections that
    /// address it and the tasks that implement it.
    Trace(trace::TraceArgs),
}

/// Exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean = 0,
    Findings = 1,
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                Status::Error.into()
            } else {
                Status::Clean.into()
            };
        }
    };
    let result = match cli.command {
        Command::Check(a) => check::run(a),
        Command::New(a) => new::run(a),
        Command::Template(c) => template::run(c),
        Command::Explain(a) => explain::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Files(a) => files::run(a),
        Command::Checks => explain::list(),
        Command::Completions(a) => completions::run(a),
        Command::Init(a) => init::run(a),
        Command::Lsp(a) => lsp::run(a),
        Command::Mcp(a) => mcp::run(a),
        Command::Report(a) => report::run(a),
        Command::Tasks(a) => tasks::run(a),
        Command::Trace(a) => trace::run(a),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Status::Clean.into();
            }
            let mut stderr = std::io::stderr().lock();
            let red = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let label = if red {
                "\x1b[1;31merror\x1b[0m"
            } else {
                "error"
            };
            let _ = writeln!(stderr, "techspec: {label}: {err:#}");
            Status::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether to colour stdout.
pub fn color_stdout() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}
