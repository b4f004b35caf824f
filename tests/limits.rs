//! Issue 16: limits. `max-file-size` cannot wrap, every command that reads a
//! spec honours the techspec.toml limit, and TS201's search for the end of
//! an unclosed `[` guidance paragraph stays linear.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
);

fn techspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn repo_with_spec() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join("spec.md"),
        std::fs::read_to_string(EXAMPLE)
            .unwrap()
            .replace("### Build Order", "## Build Order"),
    )
    .unwrap();
    dir
}

/// `--max-file-size 18446744073709551615` wrapped `limit + 1`: every spec
/// was read as empty (release) or the program panicked (debug).
#[test]
fn the_largest_max_file_size_reads_the_spec() {
    let dir = repo_with_spec();
    let plain = techspec(dir.path(), &["check", "--no-project", "spec.md"]);
    let huge = techspec(
        dir.path(),
        &[
            "check",
            "--no-project",
            "--max-file-size",
            "18446744073709551615",
            "spec.md",
        ],
    );
    assert_eq!(
        huge.status.code(),
        plain.status.code(),
        "{}",
        String::from_utf8_lossy(&huge.stderr)
    );
    assert_eq!(huge.stdout, plain.stdout);
    assert!(String::from_utf8_lossy(&plain.stdout).contains("TS103"));
}

/// `tasks`, `files` and `rules` hard-coded 10 MiB; they honour the limit of
/// techspec.toml like `check`.
#[test]
fn every_command_honours_the_configured_limit() {
    let dir = repo_with_spec();
    std::fs::write(dir.path().join("techspec.toml"), "max-file-size = 100\n").unwrap();
    for args in [
        &["tasks", "spec.md"][..],
        &["files", "--spec", "spec.md"],
        &["rules", "--spec", "spec.md"],
        &["check", "spec.md"],
    ] {
        let out = techspec(dir.path(), args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}: {all}");
        assert!(all.contains("over the 100 byte limit"), "{args:?}: {all}");
    }
    assert!(!dir.path().join("tasks.md").exists());
}

/// A 2.1 MB spec of unclosed `[` guidance paragraphs took 15 s (release):
/// each one searched the rest of its section for a closing `]`.
#[test]
fn many_unclosed_guidance_brackets_are_checked_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let para = "[Brief description of the main components and their responsibilities:\n\n";
    let spec = std::fs::read_to_string(EXAMPLE).unwrap().replace(
        "### Component Overview\n\n",
        &format!(
            "### Component Overview\n\n{}",
            para.repeat(2_100_000 / para.len())
        ),
    );
    std::fs::write(dir.path().join("spec.md"), spec).unwrap();
    let start = Instant::now();
    let out = techspec(dir.path(), &["check", "--no-project", "--quiet", "spec.md"]);
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        took < Duration::from_secs(20),
        "took {took:?} (debug build; linear takes about 2 s)"
    );
}
