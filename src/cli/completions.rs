use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Status};

#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    shell: Shell,
}

pub fn run(a: CompletionsArgs) -> anyhow::Result<Status> {
    clap_complete::generate(
        a.shell,
        &mut Cli::command(),
        "techspec",
        &mut std::io::stdout(),
    );
    Ok(Status::Clean)
}
