//! `techspec check --fix` and `--fix --dry-run` on every fixture that has
//! fixable findings: the check fixtures (`tests/fixtures/checks/*/fail.md`)
//! and the fixer's own (`tests/fixtures/fix/*.md`: heading levels, missing
//! sections, a BOM with CRLF line endings).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use techspec::document::Document;
use techspec::engine::Checker;
use techspec::template::TemplateSet;

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(root.join("checks")) {
        out.extend(
            rd.flatten()
                .map(|e| e.path().join("fail.md"))
                .filter(|p| p.is_file()),
        );
    }
    let own = std::fs::read_dir(root.join("fix")).expect("tests/fixtures/fix");
    out.extend(
        own.flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "md")),
    );
    out.sort();
    out
}

/// The codes of the findings in `bytes` that carry a fix.
fn fixable_codes(bytes: &[u8]) -> BTreeSet<String> {
    let checker = Checker::new(TemplateSet::builtins());
    let doc = Document::from_bytes(bytes);
    let outcome = checker.check_document(Path::new("spec.md"), &doc);
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.code.to_string())
        .collect()
}

fn techspec(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The codes `check --format json` reports for a file.
fn reported_codes(dir: &Path, file: &str) -> BTreeSet<String> {
    let out = techspec(dir, &["check", "--no-project", "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn fix_clears_fixable_findings_and_is_idempotent() {
    let mut fixed_any = 0;
    for fixture in fixtures() {
        let original = std::fs::read(&fixture).unwrap();
        let codes = fixable_codes(&original);
        if codes.is_empty() {
            continue;
        }
        let name = fixture
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("spec.md");
        std::fs::write(&file, &original).unwrap();

        // Dry run: a diff on stdout, nothing written.
        let dry = techspec(
            dir.path(),
            &["check", "--no-project", "--fix", "--dry-run", "spec.md"],
        );
        let diff = String::from_utf8_lossy(&dry.stdout);
        assert_eq!(
            dry.status.code(),
            Some(1),
            "{name}: --dry-run with pending fixes exits 1"
        );
        assert!(
            diff.starts_with("--- a/spec.md\n+++ b/spec.md\n@@ "),
            "{name}: unified diff:\n{diff}"
        );
        assert_eq!(
            std::fs::read(&file).unwrap(),
            original,
            "{name}: --dry-run wrote the file"
        );

        // Fix: the fixable checks pass afterwards.
        let fix = techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
        assert_ne!(
            fix.status.code(),
            Some(2),
            "{name}: {}",
            String::from_utf8_lossy(&fix.stderr)
        );
        let after = std::fs::read(&file).unwrap();
        assert_ne!(after, original, "{name}: --fix changed nothing");
        let left: Vec<_> = reported_codes(dir.path(), "spec.md")
            .intersection(&codes)
            .cloned()
            .collect();
        assert!(
            left.is_empty(),
            "{name}: still reports {left:?} after --fix:\n{}",
            String::from_utf8_lossy(&after)
        );
        assert_eq!(
            original.starts_with(b"\xEF\xBB\xBF"),
            after.starts_with(b"\xEF\xBB\xBF"),
            "{name}: BOM kept"
        );
        if original.windows(2).any(|w| w == b"\r\n") {
            let lone_lf = after
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\n' && (i == 0 || after[i - 1] != b'\r'))
                .count();
            assert_eq!(lone_lf, 0, "{name}: CRLF file got LF-only lines");
        }

        // Again: nothing to do, nothing written.
        let again = techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
        assert_eq!(
            std::fs::read(&file).unwrap(),
            after,
            "{name}: second --fix changed the file"
        );
        assert!(
            String::from_utf8_lossy(&again.stderr).contains("applied 0 fixes in 0 files"),
            "{name}"
        );
        let dry = techspec(
            dir.path(),
            &["check", "--no-project", "--fix", "--dry-run", "spec.md"],
        );
        assert!(
            dry.stdout.is_empty(),
            "{name}: dry run after --fix shows a diff"
        );
        assert_eq!(dry.status.code(), Some(0));
        fixed_any += 1;
    }
    assert!(
        fixed_any >= 3,
        "only {fixed_any} fixtures with fixable findings"
    );
}

#[test]
fn dry_run_needs_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("spec.md"), "# T\n").unwrap();
    let out = techspec(dir.path(), &["check", "--dry-run", "spec.md"]);
    assert_eq!(out.status.code(), Some(2));
}
