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
