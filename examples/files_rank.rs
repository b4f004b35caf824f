//! Tiny driver for `techspec::project::files::rank` until the `files` subcommand is
//! wired: `cargo run --release --example files_rank -- ROOT "query text" [LIMIT]`.
//! A query of the form `@FILE` is read from FILE (a spec, say), which is then
//! excluded from the results. Prints one hit per line: score, path, matching
//! terms.

use std::process::ExitCode;

use techspec::project::files::{FileQuery, StderrProgress, rank};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(root), Some(text)) = (args.first(), args.get(1)) else {
        eprintln!("usage: files_rank ROOT \"query text\"|@FILE [LIMIT]");
        return ExitCode::from(2);
    };
    let mut q = match text.strip_prefix('@') {
        Some(file) => match std::fs::read_to_string(file) {
            Ok(spec) => {
                let mut q = FileQuery::new(spec);
                q.exclude.push(file.into());
                q
            }
            Err(e) => {
                eprintln!("files_rank: cannot read {file}: {e}");
                return ExitCode::from(2);
            }
        },
        None => FileQuery::new(text.as_str()),
    };
    if let Some(limit) = args.get(2) {
        match limit.parse() {
            Ok(n) => q.limit = n,
            Err(_) => {
                eprintln!("files_rank: LIMIT must be a number, got {limit:?}");
                return ExitCode::from(2);
            }
        }
    }
    let bar = StderrProgress::new();
    match rank(root.as_ref(), &q, &|p| bar.report(p)) {
        Ok(hits) => {
            for h in hits {
                println!("{:>9.4}  {}  [{}]", h.score, h.path, h.terms.join(", "));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("files_rank: {e}");
            ExitCode::from(2)
        }
    }
}
