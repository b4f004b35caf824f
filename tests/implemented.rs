//! `techspec check --implemented` (issue 15, item 4) on two fixture
//! repositories, English and Portuguese: files marked new that were never
//! created (TS501), endpoints no route declares (TS502), Main Interfaces
//! names declared nowhere (TS503). Each fixture holds routes of several
//! frameworks that do match (no finding) beside the ones that do not, and
//! bad source files (binary, empty, not UTF-8) that must not stop the run.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &str, args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/implemented");
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(root.join(dir))
        .args(args)
        .output()
        .unwrap()
}

/// `line code message | help` of the TS5xx findings.
fn ts5(out: &Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("TS5"))
        .map(|d| {
            format!(
                "{} {} {} {}",
                d["line"],
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn implemented_english_fixture() {
    let out = run(
        "en",
        &[
            "check",
            "--implemented",
            "--format",
            "json",
            "specs/refunds.md",
        ],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(ts5(&out));
    // The human output says how much it read; the binary file is not read.
    let human = run("en", &["check", "--implemented", "specs/refunds.md"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("help: looked in 9 source files of the repository (1 binary or over 2 MB, not read) for a route declaration"),
        "{text}"
    );
}

#[test]
fn implemented_portuguese_fixture() {
    let out = run(
        "pt",
        &[
            "check",
            "--implemented",
            "--format",
            "json",
            "docs/pedidos.md",
        ],
    );
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(ts5(&out));
}

#[test]
fn without_the_flag_nothing_is_verified() {
    let out = run("en", &["check", "--format", "json", "specs/refunds.md"]);
    assert_eq!(ts5(&out), "");
    // No repository: a clear note, the spec is still checked.
    let out = run(
        "en",
        &[
            "check",
            "--implemented",
            "--no-project",
            "--format",
            "json",
            "specs/refunds.md",
        ],
    );
    assert_eq!(ts5(&out), "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--implemented needs the spec's repository"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn settings_turn_the_new_checks_off_like_any_other() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("techspec.toml"),
        "[checks]\nTS502 = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("spec.md"),
        "# Technical Specification: X\n\n## API Endpoints\n\n- `GET /nowhere` — none\n\n## Relevant Files\n\n- `src/new.ts` (new)\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(dir.path())
        .args(["check", "--implemented", "--format", "json", "spec.md"])
        .output()
        .unwrap();
    let found = ts5(&out);
    assert!(
        found.contains("TS501") && !found.contains("TS502"),
        "{found}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
