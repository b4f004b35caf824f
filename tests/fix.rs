//! `techspec check --fix` and `--fix --dry-run` on every fixture that has
//! fixable findings: the check fixtures (`tests/fixtures/checks/*/fail.md`)
//! and the fixer's own (`tests/fixtures/fix/*.md`: heading levels, missing
//! sections, a BOM with CRLF line endings), with `--unsafe-fixes` so that
//! every fix is exercised.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use techspec::engine::Checker;
use techspec::model::document::Document;
use techspec::model::template::TemplateSet;

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
            &[
                "check",
                "--no-project",
                "--fix",
                "--unsafe-fixes",
                "--dry-run",
                "spec.md",
            ],
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
        let fix = techspec(
            dir.path(),
            &[
                "check",
                "--no-project",
                "--fix",
                "--unsafe-fixes",
                "spec.md",
            ],
        );
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
        let again = techspec(
            dir.path(),
            &[
                "check",
                "--no-project",
                "--fix",
                "--unsafe-fixes",
                "spec.md",
            ],
        );
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
            &[
                "check",
                "--no-project",
                "--fix",
                "--unsafe-fixes",
                "--dry-run",
                "spec.md",
            ],
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

// ---- Issues 12 and 16: `--fix` never makes a spec worse, never corrupts ----

fn corpus_spec(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/specs");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains(name))
        .unwrap_or_else(|| panic!("no corpus spec {name}"));
    std::fs::read_to_string(path).unwrap()
}

/// A temporary repository holding `text` as spec.md.
fn spec_repo(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("spec.md"), text).unwrap();
    dir
}

/// Errors reported for `file` by `check --no-project --format json`.
fn error_count(dir: &Path, file: &str) -> usize {
    let out = techspec(dir, &["check", "--no-project", "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json output");
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count()
}

fn headings(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.starts_with('#')).collect()
}

/// social-challenges: `## Standards Compliance` and `## Relevant Files` are
/// level-3 sections written at level 2; moving only the heading left their
/// `###` children as siblings, and re-checking gave two new TS105 errors.
#[test]
fn a_heading_level_fix_moves_the_whole_subtree() {
    let dir = spec_repo(&corpus_spec("social-challenges"));
    let before = error_count(dir.path(), "spec.md");
    let out = techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
    let h = headings(&after);
    let at = |t: &str| {
        h.iter()
            .position(|l| *l == t)
            .unwrap_or_else(|| panic!("{t} in {h:#?}"))
    };
    let sc = at("### Standards Compliance");
    assert_eq!(h[sc + 1], "#### Swift 6 Concurrency Standards");
    let rf = at("### Relevant Files");
    assert_eq!(h[rf + 1], "#### Files to Create");
    assert_eq!(h[rf + 2], "##### Domain Layer");
    assert!(error_count(dir.path(), "spec.md") <= before);
    let report = techspec(dir.path(), &["check", "--no-project", "spec.md"]);
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(!text.contains("TS105") && !text.contains("TS103"), "{text}");
}

/// whatsapp-telegram-bridge: the Build Order is the numbered list under
/// `## Sequenciamento de Desenvolvimento`; the fix puts the heading over it
/// instead of inserting the template's guidance after it.
#[test]
fn a_missing_build_order_gets_a_heading_over_the_steps_already_there() {
    let dir = spec_repo(&corpus_spec("whatsapp-telegram-bridge"));
    let out = techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
    assert!(
        after.contains(
            "## Sequenciamento de Desenvolvimento\n\n### Ordem de Construção\n\n1.  **Configuração do Backend"
        ),
        "{after}"
    );
    assert!(!after.contains("[Defina a sequência"), "guidance inserted");
    // `### Phase N` subsections: the heading goes over them, they move down.
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
    );
    let phases = std::fs::read_to_string(example).unwrap().replace(
        "### Build Order\n\n1. Migration",
        "### Phase 1: Storage\n\nThe tables first.\n\n### Phase 2: Handlers\n\n1. Migration",
    );
    let dir = spec_repo(&phases);
    techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
    let after = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
    assert!(
        after.contains("## Development Sequencing\n\n### Build Order\n\n#### Phase 1: Storage\n\nThe tables first.\n\n#### Phase 2: Handlers\n\n1. Migration"),
        "{after}"
    );
    assert!(after.contains("\n### Technical Dependencies\n"));
}

/// Inserting a section with the template's guidance is unsafe: plain `--fix`
/// leaves it out and says so, `--dry-run` lists it, `--unsafe-fixes` applies
/// it, right after the section that precedes it in the template (never
/// appended at the end: ddd-clean-arch ends with an unknown ADR section).
#[test]
fn inserting_guidance_is_an_unsafe_fix_placed_after_its_predecessor() {
    let text = corpus_spec("ddd-clean-arch-hexagonal-setup");
    let dir = spec_repo(&text);
    let out = techspec(dir.path(), &["check", "--no-project", "--fix", "spec.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("spec.md")).unwrap(),
        text
    );
    assert!(stderr.contains("unsafe fix not applied (use --unsafe-fixes): TS101: insert section `Monitoring and Observability`"), "{stderr}");
    let dry = techspec(
        dir.path(),
        &["check", "--no-project", "--fix", "--dry-run", "spec.md"],
    );
    assert!(String::from_utf8_lossy(&dry.stderr).contains("--unsafe-fixes"));
    let dry = techspec(
        dir.path(),
        &[
            "check",
            "--no-project",
            "--fix",
            "--unsafe-fixes",
            "--dry-run",
            "spec.md",
        ],
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("+## Monitoring and Observability"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("spec.md")).unwrap(),
        text
    );
    techspec(
        dir.path(),
        &[
            "check",
            "--no-project",
            "--fix",
            "--unsafe-fixes",
            "spec.md",
        ],
    );
    let after = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
    let h = headings(&after);
    let at = |t: &str| {
        h.iter()
            .position(|l| *l == t)
            .unwrap_or_else(|| panic!("{t} in {h:#?}"))
    };
    assert_eq!(at("### Technical Dependencies"), at("### Build Order") + 1);
    assert_eq!(
        at("## Monitoring and Observability"),
        at("### Technical Dependencies") + 1
    );
    assert_eq!(
        at("## Architecture Decision Records"),
        at("## Monitoring and Observability") + 1
    );
    assert_eq!(
        at("### Component Overview"),
        at("## System Architecture") + 1
    );
}

/// Issue 16: a refunds example with one stray fence: the missing sections
/// were inserted inside the fence that never closes, round after round, and
/// the file was written anyway (110 lines grew to 400+).
#[test]
fn no_insertion_lands_inside_an_unclosed_fence() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
    );
    let text = std::fs::read_to_string(example).unwrap().replace(
        "## Monitoring and Observability",
        "```\n## Monitoring and Observability",
    );
    for args in [&["--fix"][..], &["--fix", "--unsafe-fixes"]] {
        let dir = spec_repo(&text);
        let mut all = vec!["check", "--no-project"];
        all.extend_from_slice(args);
        all.push("spec.md");
        let out = techspec(dir.path(), &all);
        let after = std::fs::read_to_string(dir.path().join("spec.md")).unwrap();
        assert_eq!(
            after.lines().count(),
            text.lines().count(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A symbolic link to a spec stays a link after `--fix`, its target fixed;
/// a link leading outside the repository is refused with a message.
#[cfg(unix)]
#[test]
fn a_symlinked_spec_stays_a_link() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/refunds/tasks/prd-payment-refunds/techspec.md"
    );
    let broken = std::fs::read_to_string(example)
        .unwrap()
        .replace("### Build Order", "## Build Order");
    let dir = spec_repo("");
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/real.md"), &broken).unwrap();
    std::os::unix::fs::symlink("docs/real.md", dir.path().join("link.md")).unwrap();
    let out = techspec(dir.path(), &["check", "--no-project", "--fix", "link.md"]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.md"))
            .unwrap()
            .is_symlink()
    );
    let real = std::fs::read_to_string(dir.path().join("docs/real.md")).unwrap();
    assert!(real.contains("\n### Build Order\n"), "{real}");

    let outside = tempfile::tempdir().unwrap();
    let far = outside.path().join("spec.md");
    std::fs::write(&far, &broken).unwrap();
    std::os::unix::fs::symlink(&far, dir.path().join("far.md")).unwrap();
    let out = techspec(dir.path(), &["check", "--no-project", "--fix", "far.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the repository"));
    assert_eq!(std::fs::read_to_string(&far).unwrap(), broken);
    assert!(
        std::fs::symlink_metadata(dir.path().join("far.md"))
            .unwrap()
            .is_symlink()
    );
}
