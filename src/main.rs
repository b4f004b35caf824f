//! The `techspec` binary: argument parsing and dispatch live in `cli`; all
//! the work is in the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
