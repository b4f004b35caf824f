use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Status;
use techspec::engine::trace::matrix::{TraceError, build};
use techspec::engine::workspace::{Overrides, Workspace};

/// Output formats of `trace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TraceFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Args)]
pub struct TraceArgs {
    /// The spec whose PRD (prd.md, _prd.md, or one the spec links) and tasks
    /// (tasks.md, _tasks.md, 1_task.md, task_01.md) sit beside it.
    spec: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = TraceFormat::Table)]
    format: TraceFormat,
}

pub fn run(a: TraceArgs) -> anyhow::Result<Status> {
    let ws = Workspace::for_file(&a.spec, &Overrides::default())?;
    let matrix = match build(&ws.checker, &a.spec) {
        Ok(m) => m,
        Err(e @ (TraceError::NoPrd { .. } | TraceError::Prd { .. } | TraceError::Spec { .. })) => {
            eprintln!("techspec: error: {e}");
            return Ok(Status::Error);
        }
    };
    let text = match a.format {
        TraceFormat::Table => matrix.table(),
        TraceFormat::Markdown => matrix.markdown(),
        TraceFormat::Json => serde_json::to_string_pretty(&matrix)? + "\n",
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Status::Clean)
}
