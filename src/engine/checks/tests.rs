//! Test harness: each check has `tests/fixtures/checks/<CODE>/{pass,fail}.md`.

use std::path::{Path, PathBuf};

use crate::engine::Checker;
use crate::model::diagnostic::Resolved;
use crate::model::template::TemplateSet;

pub fn fixture_path(code: &str, kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checks")
        .join(code)
        .join(format!("{kind}.md"))
}

/// Findings of `code` in bytes, with built-in templates chosen automatically.
pub fn findings_in(code: &str, bytes: &[u8]) -> Vec<Resolved> {
    let checker = Checker::new(TemplateSet::builtins());
    let report = checker.check_bytes(Path::new("spec.md"), bytes);
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// Findings of `code` in an ADR fixture (`tests/fixtures/checks/<CODE>/`),
/// read as `adrs/adr-001.md` so it is checked as an ADR.
pub fn adr_fixture(code: &str, kind: &str) -> Vec<Resolved> {
    let path = fixture_path(code, kind);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let checker = Checker::new(TemplateSet::builtins());
    checker
        .check_bytes(Path::new("adrs/adr-001.md"), &bytes)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// Findings of `code` in its fixture.
pub fn findings(code: &str, kind: &str) -> Vec<Resolved> {
    let path = fixture_path(code, kind);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    findings_in(code, &bytes)
}

/// The findings of `code` in its ADR fixture, one per line, for a snapshot.
/// Panics if there are none.
pub fn check_adr_fixture(code: &str, kind: &str) -> String {
    let found = adr_fixture(code, kind);
    assert!(
        !found.is_empty(),
        "fixture {code}/{kind}.md gives no {code} finding"
    );
    lines(&found)
}

/// The findings of `code` in its fixture, one per line, for a snapshot.
/// Panics if there are none: a failing fixture must fail.
pub fn check_fixture(code: &str, kind: &str) -> String {
    let found = findings(code, kind);
    assert!(
        !found.is_empty(),
        "fixture {code}/{kind}.md gives no {code} finding"
    );
    lines(&found)
}

#[test]
fn every_check_has_docs_in_the_expected_shape() {
    for c in super::CHECKS {
        let docs = super::docs(c.code);
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
        ] {
            assert!(
                docs.contains(heading),
                "{} ({}) lacks `{heading}` in its doc comment",
                c.code,
                c.name
            );
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for c in super::CHECKS {
        assert!(
            seen.insert(c.code) && seen.insert(c.name),
            "duplicate {} / {}",
            c.code,
            c.name
        );
        assert!(c.code.len() == 5 && c.code.starts_with("TS"), "{}", c.code);
        assert!(
            c.name
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()),
            "{}",
            c.name
        );
        for bad in ["avoid-", "use-", "prefer-", "no-"] {
            assert!(
                !c.name.starts_with(bad),
                "{}: name checks after the pattern they flag",
                c.name
            );
        }
        assert!(super::lookup(c.code).is_some() && super::lookup(c.name).is_some());
    }
}

/// Findings of `code` in `tests/fixtures/project/` (a fake repository with
/// rules and files): the spec `specs/<CODE>-<kind>.md` checked with project checks.
pub fn project_findings(code: &str, kind: &str) -> Vec<Resolved> {
    project_findings_without(code, kind, &[])
}

/// [`project_findings`] with the checks `off` switched off, as `[checks]`
/// in `techspec.toml` would.
pub fn project_findings_without(code: &str, kind: &str, off: &[&'static str]) -> Vec<Resolved> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/project");
    let spec = root.join("specs").join(format!("{code}-{kind}.md"));
    let mut checker = Checker::new(TemplateSet::builtins());
    for &c in off {
        checker
            .settings
            .levels
            .insert(c, crate::engine::settings::Level::Off);
    }
    checker.project = crate::engine::ProjectMode::Fixed(std::sync::Arc::new(
        crate::project::Project::open(&root),
    ));
    let report = checker.check_path(&spec);
    assert!(
        !report.io_error,
        "{}: {:?}",
        spec.display(),
        report.diagnostics
    );
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// Findings one per line, for a snapshot; a failing fixture must fail.
pub fn render(found: &[Resolved]) -> String {
    assert!(!found.is_empty(), "the failing fixture gives no finding");
    lines(found)
}

/// Every finding (any code) in bytes, with built-in templates chosen automatically.
pub fn all_findings_in(bytes: &[u8]) -> Vec<Resolved> {
    let checker = Checker::new(TemplateSet::builtins());
    checker.check_bytes(Path::new("spec.md"), bytes).diagnostics
}

/// Findings at error or warning level, one per line.
fn loud(bytes: &[u8]) -> String {
    let found = all_findings_in(bytes);
    lines(
        found
            .iter()
            .filter(|d| d.severity >= crate::model::diagnostic::Severity::Warning),
    )
}

/// `line:col: severity[CODE] message`, one finding per line.
fn lines<'a>(found: impl IntoIterator<Item = &'a Resolved>) -> String {
    found
        .into_iter()
        .map(|d| {
            format!(
                "{}:{}: {}[{}] {}",
                d.line, d.column, d.severity, d.code, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `pass*.md` fixture is a complete spec (`pass.md` for each check,
/// plus variants: Portuguese, numbered headings with CRLF and a BOM, Python):
/// no finding of any code at error or warning level (infos are allowed).
#[test]
fn pass_fixtures_are_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks");
    // Project checks have their fixtures in a fake repository (`tests/fixtures/project`).
    for c in super::CHECKS
        .iter()
        .filter(|c| c.run.is_some() && c.code != "TS902" && c.category != super::Category::Project)
    {
        assert!(
            fixture_path(c.code, "pass").is_file(),
            "{} has no pass fixture",
            c.code
        );
    }
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
            let path = file.path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !(name.starts_with("pass") && name.ends_with(".md")) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            // The ADR checks' fixtures are ADRs, checked as one.
            let adr = entry.file_name().to_string_lossy().starts_with("TS52");
            let found = if adr {
                let report = Checker::new(TemplateSet::builtins())
                    .check_bytes(Path::new("adrs/adr-001.md"), &bytes);
                lines(
                    report
                        .diagnostics
                        .iter()
                        .filter(|d| d.severity >= crate::model::diagnostic::Severity::Warning),
                )
            } else {
                loud(&bytes)
            };
            assert_eq!(found, "", "{} is not clean", path.display());
            seen += 1;
        }
    }
    assert!(
        seen > 20,
        "only {seen} pass fixtures under {}",
        dir.display()
    );
}

/// The complete example spec gives no error or warning, alone and in its
/// project (Go, with its rules and files).
#[test]
fn refunds_example_is_clean() {
    let bytes = include_bytes!("../../../examples/refunds/tasks/prd-payment-refunds/techspec.md");
    assert_eq!(loud(bytes), "");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds");
    let mut checker = Checker::new(TemplateSet::builtins());
    checker.project = crate::engine::ProjectMode::Fixed(std::sync::Arc::new(
        crate::project::Project::open(&root),
    ));
    let report = checker.check_path(&root.join("tasks/prd-payment-refunds/techspec.md"));
    let loud: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= crate::model::diagnostic::Severity::Warning)
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

/// Snippets that exercise the content checks' parsers at their edges.
const EDGES: &[&str] = &[
    "[",
    "]",
    "[[",
    "[ ]",
    "[x]",
    "<",
    ">",
    "<a",
    "</",
    "<!--",
    "`",
    "``",
    "```",
    "~~~",
    "**",
    "**:",
    ":",
    "|",
    "\\",
    "TODO",
    "TBD.",
    "XXX-",
    "é",
    "ção",
    "😀",
    "\r\n",
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "#### ",
    "## ",
    "> ",
    "    ",
    "[NEEDS CLARIFICATION:",
    "<x y>",
    "GET /",
    "get /a",
    "/a",
    "`a.b`",
    "(counter)",
    "histogram:",
    "1000",
    "ms",
    "p95",
    "[e.g.,",
    "{",
    "}",
    "_total",
    "\u{0}",
    "\u{feff}",
];

/// Mutates a fixture: cuts it at `cut` and splices an edge snippet at `at`.
fn mutate(text: &str, cut: usize, at: usize, edge: &str) -> String {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let cut = floor(cut);
    let at = floor(at).min(cut);
    format!("{}{edge}{}", &text[..at], &text[at..cut])
}

/// The checks never panic on damaged specs (a light, deterministic run; the
/// heavy ones are the `check` and `project` targets of `bench/fuzz.sh`).
#[test]
fn damaged_specs_do_not_panic() {
    let checker = Checker::new(TemplateSet::builtins());
    for code in ["TS201", "TS202", "TS207", "TS208", "TS209", "TS210"] {
        let text = std::fs::read_to_string(fixture_path(code, "fail")).unwrap();
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..60 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let cut = (seed % (text.len() as u64 + 1)) as usize;
            let at = ((seed >> 20) % (text.len() as u64 + 1)) as usize;
            let edge = EDGES[(seed >> 40) as usize % EDGES.len()];
            let _ = checker.check_bytes(
                Path::new("x.md"),
                mutate(&text, text.len().max(cut), at, edge).as_bytes(),
            );
            let _ = checker.check_bytes(Path::new("x.md"), mutate(&text, cut, at, edge).as_bytes());
        }
    }
    for edge in EDGES {
        let _ = checker.check_bytes(Path::new("x.md"), edge.as_bytes());
        let _ = checker.check_bytes(
            Path::new("x.md"),
            format!("# T\n\n## Monitoring\n\n{edge}").as_bytes(),
        );
    }
}

/// Each registry row's code is its module's `CODE` (the macro reads it: the
/// code is written once) and names the file its docs come from.
#[test]
fn registry_codes_come_from_the_modules() {
    for info in super::CHECKS {
        assert!(!super::docs(info.code).is_empty(), "{}", info.code);
        assert!(std::ptr::eq(super::lookup(info.code).unwrap(), info));
    }
    use super::{Category, CheckInfo, ts101_missing_section};
    use crate::model::diagnostic::Severity;
    let row: CheckInfo = check!(
        ts101_missing_section,
        "missing-section",
        Error,
        Structure,
        "A required template section is absent."
    );
    assert_eq!(row.code, ts101_missing_section::CODE);
    assert_eq!(row.severity, Severity::Error);
    assert_eq!(row.category, Category::Structure);
}

/// A spec that follows no template (TS001) is told only what needs no
/// alignment: the rows marked `runs_on_mismatch` (its titles, placeholders,
/// budgets), never a missing or empty section.
#[test]
fn a_spec_that_follows_no_template_gets_only_the_rows_that_run_on_a_mismatch() {
    let found = all_findings_in(&std::fs::read(fixture_path("TS001", "fail")).unwrap());
    assert!(found.iter().any(|d| d.code == "TS001"), "{found:?}");
    for d in &found {
        let row = super::lookup(&d.code).unwrap();
        assert!(row.runs_on_mismatch, "{} ran on a mismatch", d.code);
    }
    let text = "# Technical Specification: [Feature]\n\n# Again\n\n## Notes\n\nTODO: all.\n";
    let found = all_findings_in(text.as_bytes());
    let codes: Vec<&str> = found.iter().map(|d| d.code.as_str()).collect();
    for code in ["TS001", "TS109", "TS202"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert!(
        !codes.contains(&"TS101") && !codes.contains(&"TS105"),
        "{codes:?}"
    );
}
