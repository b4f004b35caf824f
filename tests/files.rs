//! `techspec files --query` on this repository's own source returns the
//! obviously relevant file first.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::process::Command;

fn top(query: &str, n: usize) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "files",
            "--format",
            "json",
            "-n",
            &n.to_string(),
            "--query",
            query,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn line_and_column_conversion() {
    assert_eq!(
        top("line index utf16 column offset", 3)[0],
        "src/document/line_index.rs"
    );
}

#[test]
fn atomic_writes() {
    assert_eq!(
        top("atomic write temporary file rename overwrite", 3)[0],
        "src/fsutil.rs"
    );
}

#[test]
fn cursor_rule_frontmatter() {
    let hits = top("cursor globs alwaysApply frontmatter lenient yaml", 3);
    assert!(
        hits.iter().any(|h| h == "src/rules/frontmatter.rs"),
        "{hits:?}"
    );
    assert!(
        hits[..2].iter().all(|h| h.starts_with("src/rules/")),
        "{hits:?}"
    );
}

#[test]
fn a_spec_is_never_its_own_suggestion() {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["files", "--format", "json", "--spec", "docs/techspec.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        !paths.is_empty() && !paths.contains(&"docs/techspec.md"),
        "{paths:?}"
    );
}
