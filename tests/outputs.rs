//! Output formats: JSON round-trips and has the documented shape; SARIF is
//! valid against the SARIF 2.1.0 schema; GitHub annotations are well-formed.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use techspec::output::json::JsonOutput;

fn mistakes() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/mistakes/tasks/prd-order-export/techspec.md")
}

fn check(format: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["check", "--no-project", "--format", format])
        .arg(mistakes())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn json_round_trips_and_matches_the_documented_shape() {
    let (code, out) = check("json");
    assert_eq!(code, 1);
    let parsed: JsonOutput = serde_json::from_str(&out).unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), out.trim_end());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&v), ["files", "summary", "version"]);
    assert_eq!(keys(&v["files"][0]), ["diagnostics", "path", "template"]);
    assert_eq!(
        keys(&v["files"][0]["diagnostics"][0]),
        [
            "code",
            "column",
            "end_column",
            "end_line",
            "help",
            "line",
            "message",
            "name",
            "section",
            "severity"
        ]
    );
    assert_eq!(
        keys(&v["summary"]),
        ["errors", "files", "infos", "warnings"]
    );
    assert!(parsed.summary.errors > 0);
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema_path = root.join("target/sarif-schema/sarif-2.1.0.json");
    if !schema_path.exists() {
        let ok = Command::new("bash")
            .arg(root.join("scripts/sarif-schema.sh"))
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            return support::skip(
                "sarif_is_valid_against_the_2_1_0_schema",
                "fetching the SARIF schema failed (scripts/sarif-schema.sh needs npm with registry access)",
            );
        }
    }
    // The published schema's `language` pattern has a stray `]` that Rust's regex
    // engine (unlike ECMAScript) rejects; escape it so the schema compiles.
    let text = std::fs::read_to_string(&schema_path)
        .unwrap()
        .replace(r"{2}]?$", r"{2}\\]?$");
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let (_, out) = check("sarif");
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject a broken log.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().all(|r| {
        r["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("## What it does")
    }));
}

#[test]
fn github_annotations() {
    let (_, out) = check("github");
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::warning file=") || first.starts_with("::error file="),
        "{first}"
    );
    assert!(
        first.contains(",line=") && first.contains(",title=TS"),
        "{first}"
    );
}
