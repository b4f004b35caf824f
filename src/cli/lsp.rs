use clap::Args;

use super::Status;

#[derive(Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

/// Runs the language server on stdin/stdout until the editor exits it.
pub fn run(_a: LspArgs) -> anyhow::Result<Status> {
    let clean = techspec::servers::lsp::run_stdio()?;
    // The protocol: exit code 0 after `shutdown`, 1 when `exit` came without it.
    Ok(if clean {
        Status::Clean
    } else {
        Status::Findings
    })
}
