use std::io::Write;

use anyhow::bail;
use clap::Args;

use super::Status;
use techspec::engine::checks::{CHECKS, lookup};

#[derive(Args)]
pub struct ExplainArgs {
    /// A check code (`TS101`) or name (`missing-section`).
    code: String,
}

pub fn run(a: ExplainArgs) -> anyhow::Result<Status> {
    let Some(info) = lookup(&a.code) else {
        bail!(
            "unknown check `{}`; `techspec checks` lists them all",
            a.code
        );
    };
    let mut out = std::io::stdout().lock();
    write!(out, "{}", techspec::output::links::check_page(info))?;
    Ok(Status::Clean)
}

pub fn list() -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    for c in CHECKS {
        writeln!(
            out,
            "{}  {:<34} {:<8} {}",
            c.code,
            c.name,
            c.severity.as_str(),
            c.summary
        )?;
    }
    Ok(Status::Clean)
}
