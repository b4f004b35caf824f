//! The loop around the spec (issue 15): the PRD and the tasks beside a spec,
//! checked with it (TS401-TS417) and traced by `techspec trace`.
//!
//! Fixture projects in `tests/fixtures/trace/`: `en` and `pt` (requirements
//! with IDs, a checklist task list, task files), `en-numbered` and
//! `pt-numbered` (requirements without IDs, a compozy table and
//! frontmatter), `pt-prose` (a PRD with no requirements), `bad` (an empty PRD, a task list with no tasks, a binary
//! and a non-UTF-8 task file), `none` (a spec alone).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trace")
}

fn techspec(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .current_dir(fixtures())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Finding lines and the summary of a human-format run.
fn findings(out: &str) -> String {
    out.lines()
        .filter(|l| {
            !l.starts_with(' ')
                && (l.contains("error[")
                    || l.contains("warning[")
                    || l.contains("info[")
                    || l.contains(" checked"))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Every fixture project, checked as a user would: the findings in the PRD
/// and task files are reported at their own file and line.
#[test]
fn fixture_projects_findings() {
    let mut out = String::new();
    for (dir, spec) in [
        ("en", "techspec.md"),
        ("pt", "techspec.md"),
        ("en-numbered", "_techspec.md"),
        ("pt-numbered", "techspec.md"),
        ("pt-prose", "techspec.md"),
        ("bad", "techspec.md"),
        ("none", "techspec.md"),
    ] {
        let path = format!("{dir}/{spec}");
        let (code, stdout, _) = techspec(&["check", "--no-project", &path]);
        out.push_str(&format!("== {path} (exit {code})\n{}\n", findings(&stdout)));
    }
    insta::assert_snapshot!(out);
}

/// JSON, SARIF and GitHub output name the PRD or task file and its line.
#[test]
fn companion_findings_carry_their_own_path_in_every_format() {
    let (_, json, _) = techspec(&["check", "--no-project", "-f", "json", "en/techspec.md"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["en/techspec.md", "en/prd.md", "en/tasks.md", "en/2_task.md"]
    );
    let prd = &v["files"][1]["diagnostics"][0];
    assert_eq!(prd["code"], "TS401");
    assert_eq!(prd["line"], 12);
    let (_, sarif, _) = techspec(&["check", "--no-project", "-f", "sarif", "en/techspec.md"]);
    assert!(
        sarif.contains("\"uri\": \"en/prd.md\"") || sarif.contains("en/prd.md"),
        "{sarif}"
    );
    let (_, github, _) = techspec(&["check", "--no-project", "-f", "github", "en/techspec.md"]);
    assert!(
        github
            .lines()
            .any(|l| l.contains("en/prd.md,line=12") && l.contains("TS401")),
        "{github}"
    );
}

/// `trace` prints the matrix as a table, JSON or Markdown.
#[test]
fn trace_matrix_in_three_formats() {
    let (code, table, _) = techspec(&["trace", "en/techspec.md"]);
    assert_eq!(code, 0);
    let (code, markdown, _) = techspec(&["trace", "pt/techspec.md", "--format", "markdown"]);
    assert_eq!(code, 0);
    let (code, json, _) = techspec(&["trace", "en-numbered/_techspec.md", "-f", "json"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(format!(
        "{table}\n---- markdown (pt)\n{markdown}\n---- json (en-numbered)\n{json}"
    ));
}

/// With no PRD beside the spec, `trace` says where it looked and exits 2.
#[test]
fn trace_without_a_prd_says_where_it_looked() {
    let (code, stdout, stderr) = techspec(&["trace", "none/techspec.md"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("no PRD found: looked for prd.md and _prd.md in none"),
        "{stderr}"
    );
    let (code, _, stderr) = techspec(&["trace", "bad/techspec.md"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("the file is empty"), "{stderr}");
}

/// The companions are not checked as specs when a folder is checked.
#[test]
fn a_folder_check_takes_companions_with_their_spec_not_as_specs() {
    let (_, stdout, _) = techspec(&["check", "--no-project", "en"]);
    assert!(!stdout.contains("TS001"), "{stdout}");
    assert!(
        stdout.contains("en/prd.md:12:4: warning[TS401]"),
        "{stdout}"
    );
}

/// LD-48 (pandax54/milesControl): every FR of the PRD is listed with the
/// spec sections that address it.
#[test]
fn ld48_trace_lists_every_fr_with_its_sections() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/repos/pandax54__milesControl/tasks/prd-LD-48/techspec.md");
    let out = Command::cargo_bin("techspec")
        .unwrap()
        .args(["trace", "-f", "json"])
        .arg(&spec)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["requirements"].as_array().unwrap();
    let frs: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["id"].as_str().is_some_and(|i| i.starts_with("FR-")))
        .collect();
    assert_eq!(frs.len(), 19, "FR-1 to FR-18 and FR-5.1");
    for r in frs {
        assert!(
            !r["sections"].as_array().unwrap().is_empty(),
            "{} has no section: {r}",
            r["id"]
        );
        assert!(!r["tasks"].as_array().unwrap().is_empty(), "{r}");
    }
}

/// `report` lists the PRD and task files with their findings.
#[test]
fn report_shows_companion_findings() {
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("r.html");
    let (code, _, stderr) = techspec(&[
        "report",
        "--no-project",
        "en/techspec.md",
        "--out",
        html.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(
        text.contains("prd.md") && text.contains("TS401"),
        "no PRD row"
    );
    assert!(
        text.contains("tasks.md") && text.contains("TS412"),
        "no tasks row"
    );
}
