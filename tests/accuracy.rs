//! Fixture projects for what counts as a rule, skill or file reference, in
//! English and in Portuguese (`tests/fixtures/accuracy/<item>-<lang>/`):
//! skills as standards, rule-like citations only, Relevant Files as people
//! write them. Each is copied with a `.git` marker and checked from its root
//! as a user would; the findings are pinned exactly.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const SPEC: &str = "tasks/prd-refunds/techspec.md";

fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join(name);
    support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/accuracy")
            .join(name),
        &repo,
    );
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    (tmp, repo)
}

fn run(repo: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .current_dir(repo)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Finding lines and their help, as a user reads them.
fn findings(name: &str) -> String {
    let (_tmp, repo) = fixture(name);
    run(&repo, &["check", SPEC])
        .lines()
        .filter(|l| {
            l.contains("]") && l.contains(": ") && l.starts_with("tasks/") || l.contains("= help")
        })
        .map(|l| format!("{}\n", l.trim()))
        .collect()
}

#[test]
fn skills_are_standards() {
    for lang in ["en", "pt"] {
        let out = findings(&format!("skills-{lang}"));
        // Folder, SKILL.md path (through a symlinked folder too) and name
        // resolve; a misspelt skill gets the closest real one; skills are
        // never required (no TS305 for the uncited ones).
        insta::assert_snapshot!(format!("skills_{lang}"), out);
    }
}

#[test]
fn only_rule_like_references_are_citations() {
    for lang in ["en", "pt"] {
        let out = findings(&format!("citations-{lang}"));
        for not_a_rule in [
            "@MainActor",
            "@Injectable",
            "@Transactional",
            "@dataclass",
            "ana@",
            "@ana-silva",
            "missing.mdc",
        ] {
            assert!(
                !out.contains(not_a_rule),
                "{lang}: {not_a_rule} reported:\n{out}"
            );
        }
        insta::assert_snapshot!(format!("citations_{lang}"), out);
    }
}

#[test]
fn relevant_files_as_people_write_them() {
    for lang in ["en", "pt"] {
        let out = findings(&format!("relevant-{lang}"));
        for not_a_file in [
            "person.3.fill",
            ".groups",
            "Refund.settled",
            "log.info",
            "processor.go",
            "webhook.go",
            "events.go",
            "retry.go",
            "backoff.go",
            ".env",
            "processor-sandbox.json",
        ] {
            assert!(
                !out.contains(&format!("`{not_a_file}`"))
                    && !out.contains(&format!("/{not_a_file}`")),
                "{lang}: {not_a_file} reported:\n{out}"
            );
        }
        assert_eq!(out.matches("[TS307]").count(), 1, "{out}");
        assert_eq!(out.matches("[TS302]").count(), 1, "{out}");
        insta::assert_snapshot!(format!("relevant_{lang}"), out);
    }
}

#[test]
fn rules_lists_skills_with_their_descriptions() {
    let (_tmp, repo) = fixture("skills-en");
    let out = run(&repo, &["rules", "--spec", SPEC]);
    let skills = &out[out.find("Skills").expect(&out)..];
    assert!(skills.contains(".claude/skills/go-testing"), "{out}");
    assert!(
        skills.contains("Table-driven Go tests with fakes for external services."),
        "{out}"
    );
    // Cited by folder, by SKILL.md path and by name.
    for line in [
        ".claude/skills/go-testing",
        ".agents/skills/problem-details",
        ".cursor/skills/grafana-dashboards",
    ] {
        let l = skills.lines().find(|l| l.contains(line)).expect(line);
        assert!(l.trim_end().ends_with("cited"), "{l}");
    }
    // Broken frontmatter is read leniently, with a warning.
    assert!(
        skills.contains("warning: frontmatter is not valid YAML"),
        "{out}"
    );
    let all = run(&repo, &["rules"]);
    assert!(
        all.contains("Skills") && all.contains("RFC 7807 bodies"),
        "{all}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&repo, &["rules", "--spec", SPEC, "--format", "json"])).unwrap();
    assert_eq!(json["skills"].as_array().unwrap().len(), 3, "{json}");
}
