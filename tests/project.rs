//! Project checks in a fixture repository (Cursor rules, Go files).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::Command;

#[test]
fn a_spec_with_five_project_mistakes_gets_exactly_those_five_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(&root)
        .args(["check", "--format", "json", "specs/five-findings.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, u64, String)> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("TS3"))
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    found.sort();
    let codes: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        codes,
        ["TS301", "TS302", "TS303", "TS304", "TS305"],
        "{found:#?}"
    );
    assert!(found[0].2.contains("internal/refunds/missing.go"));
    assert!(
        found[1]
            .2
            .contains("/home/ana/shop/internal/refunds/handler.go")
    );
    assert!(found[2].2.contains("../../outside/secret.go"));
    assert!(found[3].2.contains("react.mdc"));
    assert!(found[4].2.contains(".cursor/rules/go-style.mdc") && found[4].2.contains("always-on"));
    // No other errors or warnings: the rest of the spec is complete.
    let others: Vec<_> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with("TS3") && d["severity"] != "info")
        .collect();
    assert!(others.is_empty(), "{others:#?}");
}

#[test]
fn no_project_skips_the_repository_checks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(&root)
        .args([
            "check",
            "--no-project",
            "--format",
            "json",
            "specs/five-findings.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // The repository checks are skipped; a machine path needs no repository
    // to be wrong, so TS302 remains.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .filter(|c| c.starts_with("TS3"))
        .collect();
    assert_eq!(codes, ["TS302"], "{text}");
}
