//! Test harness: each check has `tests/fixtures/checks/<CODE>/{pass,fail}.md`.

use std::path::{Path, PathBuf};

use crate::diagnostic::Resolved;
use crate::engine::Checker;
use crate::template::TemplateSet;

pub fn fixture_path(code: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks").join(code).join(format!("{kind}.md"))
}

/// Findings of `code` in bytes, with built-in templates chosen automatically.
pub fn findings_in(code: &str, bytes: &[u8]) -> Vec<Resolved> {
    let checker = Checker::new(TemplateSet::builtins());
    let report = checker.check_bytes(Path::new("spec.md"), bytes);
    report.diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// Findings of `code` in its fixture.
pub fn findings(code: &str, kind: &str) -> Vec<Resolved> {
    let path = fixture_path(code, kind);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    findings_in(code, &bytes)
}

/// The findings of `code` in its fixture, one per line, for a snapshot.
/// Panics if there are none: a failing fixture must fail.
pub fn check_fixture(code: &str, kind: &str) -> String {
    let found = findings(code, kind);
    assert!(!found.is_empty(), "fixture {code}/{kind}.md gives no {code} finding");
    found
        .iter()
        .map(|d| format!("{}:{}: {}[{}] {}", d.line, d.column, d.severity, d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_check_has_docs_in_the_expected_shape() {
    for c in super::CHECKS {
        let docs = super::docs(c.code);
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            assert!(docs.contains(heading), "{} ({}) lacks `{heading}` in its doc comment", c.code, c.name);
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for c in super::CHECKS {
        assert!(seen.insert(c.code) && seen.insert(c.name), "duplicate {} / {}", c.code, c.name);
        assert!(c.code.len() == 5 && c.code.starts_with("TS"), "{}", c.code);
        assert!(c.name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()), "{}", c.name);
        for bad in ["avoid-", "use-", "prefer-", "no-"] {
            assert!(!c.name.starts_with(bad), "{}: name checks after the pattern they flag", c.name);
        }
        assert!(super::lookup(c.code).is_some() && super::lookup(c.name).is_some());
    }
}

/// Findings of `code` in `tests/fixtures/project/` (a fake repository with
/// rules and files): the spec `specs/<CODE>-<kind>.md` checked with project checks.
pub fn project_findings(code: &str, kind: &str) -> Vec<Resolved> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let spec = root.join("specs").join(format!("{code}-{kind}.md"));
    let mut checker = Checker::new(TemplateSet::builtins());
    checker.project = crate::engine::ProjectMode::Fixed(std::sync::Arc::new(crate::project::Project::open(&root)));
    let report = checker.check_path(&spec);
    assert!(!report.io_error, "{}: {:?}", spec.display(), report.diagnostics);
    report.diagnostics.into_iter().filter(|d| d.code == code).collect()
}

/// Findings one per line, for a snapshot; a failing fixture must fail.
pub fn render(found: &[Resolved]) -> String {
    assert!(!found.is_empty(), "the failing fixture gives no finding");
    found
        .iter()
        .map(|d| format!("{}:{}: {}[{}] {}", d.line, d.column, d.severity, d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every finding (any code) in bytes, with built-in templates chosen automatically.
pub fn all_findings_in(bytes: &[u8]) -> Vec<Resolved> {
    let checker = Checker::new(TemplateSet::builtins());
    checker.check_bytes(Path::new("spec.md"), bytes).diagnostics
}

/// Findings at error or warning level, one per line.
fn loud(bytes: &[u8]) -> String {
    all_findings_in(bytes)
        .iter()
        .filter(|d| d.severity >= crate::diagnostic::Severity::Warning)
        .map(|d| format!("{}:{}: {}[{}] {}", d.line, d.column, d.severity, d.code, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Development aid: `TECHSPEC_DUMP=path cargo test --lib dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    let path = std::env::var("TECHSPEC_DUMP").expect("TECHSPEC_DUMP=path");
    for d in all_findings_in(&std::fs::read(path).unwrap()) {
        println!("{}:{}: {}[{}] {} (section {:?}; help {:?})", d.line, d.column, d.severity, d.code, d.message, d.section, d.help);
    }
}

/// Every `pass.md` fixture is a complete spec: no finding of any code at
/// error or warning level (only infos, such as an extra section).
#[test]
fn pass_fixtures_are_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    let mut seen = 0;
    for c in super::CHECKS.iter().filter(|c| c.run.is_some() && c.code != "TS902") {
        let path = fixture_path(c.code, "pass");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(loud(&bytes), "", "{} is not clean", path.display());
        seen += 1;
    }
    assert!(seen > 10, "fixtures under {}", dir.display());
}

/// The complete example spec gives no error or warning.
#[test]
fn refunds_example_is_clean() {
    let bytes = include_bytes!("../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
    assert_eq!(loud(bytes), "");
}
