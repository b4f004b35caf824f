//! `check --write-baseline` and `check --baseline`: adopting techspec on a
//! repository whose specs already have findings (`examples/mistakes`, 13 of
//! them), as a user runs it.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

const SPEC: &str = "tasks/prd-order-export/techspec.md";

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(dir)
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

/// A copy of `examples/mistakes` as a repository of its own.
fn repo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("shop");
    support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mistakes"),
        &root,
    );
    std::fs::create_dir(root.join(".git")).unwrap();
    (dir, root)
}

fn edit(root: &Path, from: &str, to: &str) {
    let p = root.join(SPEC);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from:?} not in the spec");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

fn entries(root: &Path, file: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// The finding lines (`path:line:col: severity[CODE] ...`) of human output.
fn findings(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| l.contains(": error[") || l.contains(": warning[") || l.contains(": info["))
        .collect()
}

/// Records the baseline, checks it holds all 13 findings.
fn with_baseline(root: &Path) {
    let (code, out, _) = run(root, &["check"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&out).len(), 13, "{out}");
    let (code, _, err) = run(root, &["check", "--write-baseline"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("techspec-baseline.json: 13 findings"), "{err}");
    // Nothing configures it yet: the note says how `check` uses it.
    assert!(
        err.contains("`--baseline techspec-baseline.json`") && err.contains("baseline = "),
        "{err}"
    );
    let recorded = entries(root, "techspec-baseline.json");
    assert_eq!(recorded.len(), 13);
    // Repository-relative, forward slashes, the same on every checkout.
    assert!(recorded.iter().all(|e| e["path"] == SPEC), "{recorded:?}");
}

#[test]
fn a_baselined_repository_is_clean_until_something_new_appears() {
    let (_dir, root) = repo();
    with_baseline(&root);
    let (code, out, err) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("no findings"), "{out}");
    assert!(err.contains("13 known findings not shown"), "{err}");

    // A new finding (another TODO) is the only one reported, and fails.
    edit(
        &root,
        "The finance SFTP server",
        "TODO: name the host. The finance SFTP server",
    );
    let (code, out, _) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!(code, 1, "{out}");
    let new = findings(&out);
    assert_eq!(new.len(), 1, "{out}");
    assert!(
        new[0].contains(":60:") && new[0].contains("error[TS202]"),
        "{out}"
    );
}

#[test]
fn moved_lines_and_edits_elsewhere_do_not_bring_old_findings_back() {
    let (_dir, root) = repo();
    with_baseline(&root);
    // Every line moves down by three.
    edit(
        &root,
        "# Technical Specification: Order Export\n",
        "# Technical Specification: Order Export\n\n\n\n",
    );
    let (code, out, _) = run(&root, &["check"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(&format!("{SPEC}:55:53: error[TS202]")),
        "{out}"
    );
    let (code, out, err) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!((code, findings(&out).len()), (0, 0), "{out}{err}");

    // An edit in another section (one with no finding) moves the later
    // findings and changes the word count.
    edit(
        &root,
        "The finance SFTP server, with a key stored in the secrets manager.",
        "The finance SFTP server, with a key stored in the secrets manager.\n\nThe upload uses the SFTP client the worker already has.",
    );
    let (code, out, err) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!((code, findings(&out).len()), (0, 0), "{out}{err}");
    assert!(!err.contains("fixed"), "{err}");

    // From a subfolder, the baseline means the same.
    let sub = root.join("tasks/prd-order-export");
    let (code, out, err) = run(
        &sub,
        &[
            "check",
            "--baseline",
            "../../techspec-baseline.json",
            "techspec.md",
        ],
    );
    assert_eq!((code, findings(&out).len()), (0, 0), "{out}{err}");
}

#[test]
fn a_fixed_finding_is_dropped_at_the_next_write() {
    let (_dir, root) = repo();
    with_baseline(&root);
    edit(&root, " TODO: decide retention.", " Kept for 90 days.");
    let (code, out, err) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!((code, findings(&out).len()), (0, 0), "{out}{err}");
    assert!(
        err.contains("12 known findings not shown; 1 fixed"),
        "{err}"
    );

    let (code, _, err) = run(&root, &["check", "--write-baseline"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("12 findings (0 new, 1 dropped)"), "{err}");
    let recorded = entries(&root, "techspec-baseline.json");
    assert_eq!(recorded.len(), 12);
    assert!(
        recorded.iter().all(|e| e["code"] != "TS202"),
        "{recorded:?}"
    );

    // Dropped means dropped: the same mistake made again is new.
    edit(&root, " Kept for 90 days.", " TODO: decide retention.");
    let (code, out, _) = run(&root, &["check", "--baseline", "techspec-baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&out).len(), 1, "{out}");
}

#[test]
fn the_baseline_of_techspec_toml_is_used_and_rewritten() {
    let (_dir, root) = repo();
    let config = root.join("techspec.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("baseline = \"ci/techspec-baseline.json\"\n");
    std::fs::write(&config, text).unwrap();
    // Configured but not written yet: an error, not "no findings".
    let (code, out, err) = run(&root, &["check"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("ci/techspec-baseline.json does not exist"),
        "{err}"
    );

    let (code, _, err) = run(&root, &["check", "--write-baseline"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("note:"), "configured: no note needed: {err}");
    assert_eq!(entries(&root, "ci/techspec-baseline.json").len(), 13);
    let (code, out, _) = run(&root, &["check", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["errors"], 0, "{out}");
    // An explicit --baseline wins over the configured one.
    std::fs::write(
        root.join("empty.json"),
        "{\"version\": {\"format\": 1, \"fingerprint\": 1}, \"findings\": []}",
    )
    .unwrap();
    let (code, out, _) = run(&root, &["check", "--baseline", "empty.json"]);
    assert_eq!((code, findings(&out).len()), (1, 13), "{out}");
}

#[test]
fn a_bad_baseline_is_an_error_naming_the_file() {
    let (_dir, root) = repo();
    std::fs::create_dir(root.join("folder.json")).unwrap();
    let cases = [
        ("missing.json", None, "baseline missing.json does not exist"),
        ("folder.json", None, "cannot read baseline folder.json"),
        (
            "broken.json",
            Some("{\"version\": "),
            "broken.json: not a techspec baseline",
        ),
        (
            "list.json",
            Some("[1, 2]"),
            "list.json: not a techspec baseline: no `version` field",
        ),
        (
            "newer.json",
            Some(
                "{\"version\": {\"format\": 2, \"fingerprint\": 1}, \"findings\": [], \"more\": 1}",
            ),
            "baseline newer.json was written by a newer techspec (format version 2",
        ),
        (
            "newer-fp.json",
            Some("{\"version\": {\"format\": 1, \"fingerprint\": 7}, \"findings\": []}"),
            "baseline newer-fp.json was written by a newer techspec (fingerprint version 7",
        ),
        (
            "old-fp.json",
            Some("{\"version\": {\"format\": 1, \"fingerprint\": 0}, \"findings\": []}"),
            "baseline old-fp.json uses fingerprint version 0",
        ),
    ];
    for (file, text, expected) in cases {
        if let Some(text) = text {
            std::fs::write(root.join(file), text).unwrap();
        }
        for command in ["check", "report"] {
            let (code, out, err) = run(&root, &[command, "--baseline", file]);
            assert_eq!(code, 2, "{command} {file}: {out}{err}");
            assert!(out.is_empty(), "{command} {file}: {out}");
            assert!(err.contains(expected), "{command} {file}: {err}");
        }
    }
    assert!(!root.join("report.html").exists());
}

#[test]
fn write_baseline_replaces_only_a_baseline() {
    let (_dir, root) = repo();
    let spec = std::fs::read(root.join(SPEC)).unwrap();
    let config = std::fs::read(root.join("techspec.toml")).unwrap();
    let (code, _, err) = run(&root, &["check", "--write-baseline=techspec.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("techspec.toml exists and is not a techspec baseline"),
        "{err}"
    );
    assert_eq!(std::fs::read(root.join("techspec.toml")).unwrap(), config);
    // `--write-baseline PATH` with a folder or a Markdown file meant as a
    // path to check: refused, nothing written.
    for target in ["tasks", "tasks/prd-new/techspec.md", SPEC] {
        let (code, _, err) = run(&root, &["check", "--write-baseline", target]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is not a place for a baseline"), "{err}");
    }
    assert!(!root.join("tasks/prd-new").exists());
    assert_eq!(std::fs::read(root.join(SPEC)).unwrap(), spec);
    // With a space, as the help says.
    let (code, _, err) = run(&root, &["check", "--write-baseline", "ci/known.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(entries(&root, "ci/known.json").len(), 13);
    // A newer techspec's baseline is not replaced either.
    let newer = "{\"version\": {\"format\": 9, \"fingerprint\": 1}}";
    std::fs::write(root.join("b.json"), newer).unwrap();
    let (code, _, err) = run(&root, &["check", "--write-baseline=b.json"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(root.join("b.json")).unwrap(), newer);
}

#[test]
fn report_marks_baselined_findings() {
    let (_dir, root) = repo();
    with_baseline(&root);
    edit(
        &root,
        "The finance SFTP server",
        "TODO: name the host. The finance SFTP server",
    );
    let (code, _, err) = run(
        &root,
        &[
            "report",
            "--baseline",
            "techspec-baseline.json",
            "--out",
            "r.html",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let html = std::fs::read_to_string(root.join("r.html")).unwrap();
    assert!(html.contains("13 baselined"), "summary");
    assert_eq!(html.matches("<span class=\"base\"").count(), 13);
    assert_eq!(html.matches("class=\"finding error baselined\"").count(), 6);
    // The new TODO is shown unmarked.
    assert_eq!(html.matches("class=\"finding error\"").count(), 1);
}
