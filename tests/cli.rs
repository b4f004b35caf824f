//! The `techspec` binary as a user runs it.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::Command;

fn techspec(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_techspec"));
    c.current_dir(dir).env("NO_COLOR", "1");
    c
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = techspec(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

#[test]
fn template_show_prints_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    for (name, file) in [
        ("standard", "000_86e8946bf59f97a5.txt"),
        ("extended", "001_7e9b9ce10a85af9e.txt"),
        ("standard-python", "002_8ea018f8d797ec67.txt"),
    ] {
        let (code, out, _) = run(dir.path(), &["template", "show", name]);
        assert_eq!(code, 0);
        let seed = std::fs::read_to_string(Path::new(SEEDS).join(file)).unwrap();
        let mut expected = seed.replace("â‰¤", "≤");
        if name == "standard" {
            expected = expected.replace(
                "existing Grafana dashboards\n\n## Technical",
                "existing Grafana dashboards]\n\n## Technical",
            );
        }
        assert_eq!(
            out.trim_end_matches('\n'),
            expected.trim_end_matches('\n'),
            "{name}"
        );
    }
}

#[test]
fn template_list_names_builtins_and_project_templates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".techspec/templates")).unwrap();
    std::fs::write(dir.path().join("techspec.toml"), "").unwrap();
    std::fs::write(
        dir.path().join(".techspec/templates/standard.md"),
        "# Team Template\n\n## Executive Summary\n\n[Summarize.]\n",
    )
    .unwrap();
    let (code, out, _) = run(dir.path(), &["template", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("replaces the built-in"), "{out}");
    for name in ["extended", "standard-python", "standard-pt", "extended-pt"] {
        assert!(out.contains(name), "{out}");
    }
}

#[test]
fn new_in_an_empty_directory_uses_the_standard_template() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(dir.path(), &["new", "Gestão de Revendedores"]);
    assert_eq!(code, 0, "{err}");
    let spec = std::fs::read_to_string(
        dir.path()
            .join("tasks/prd-gestao-de-revendedores/techspec.md"),
    )
    .unwrap();
    assert!(spec.starts_with("# Technical Specification: Gestão de Revendedores\n"));
    assert!(spec.contains("```go"));
    assert!(spec.contains("@.cursor/rules"));
    assert!(err.contains("template: standard (default)"), "{err}");
}

#[test]
fn new_in_a_go_project() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), "module x\n").unwrap();
    std::fs::create_dir_all(dir.path().join(".cursor/rules")).unwrap();
    std::fs::write(
        dir.path().join(".cursor/rules/go.mdc"),
        "---\ndescription: Go style\nalwaysApply: true\n---\n# Go\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".cursor/rules/web.mdc"),
        "---\ndescription: Web\nglobs: web/**\n---\n# Web\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["new", "Refunds"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("language: go (from go.mod)"), "{err}");
    assert!(err.contains("rules folder: .cursor/rules"), "{err}");
    let spec = std::fs::read_to_string(dir.path().join("tasks/prd-refunds/techspec.md")).unwrap();
    assert!(spec.contains("```go") && spec.contains("@.cursor/rules"));
    assert!(
        spec.contains("- `.cursor/rules/go.mdc`: Go style"),
        "always-on rule listed"
    );
    assert!(
        !spec.contains("web.mdc"),
        "glob rules are left to the author"
    );
}

#[test]
fn new_in_a_python_project_with_kilocode_rules_and_no_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pyproject.toml"), "[project]\nname='x'\n").unwrap();
    std::fs::create_dir_all(dir.path().join(".kilocode/rules")).unwrap();
    let (code, _, err) = run(dir.path(), &["new", "Search API"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("language: python (from pyproject.toml)"),
        "{err}"
    );
    assert!(err.contains("rules folder: .kilocode/rules"), "{err}");
    let path = dir.path().join("tasks/prd-search-api/techspec.md");
    let first = std::fs::read(&path).unwrap();
    let text = String::from_utf8_lossy(&first);
    assert!(text.contains("```python") && !text.contains("```go"));
    assert!(text.contains("@.kilocode/rules"));
    // A second run refuses to overwrite, exits 2 and leaves the file alone.
    std::fs::write(&path, b"my edits").unwrap();
    let (code, _, err) = run(dir.path(), &["new", "Search API"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"my edits");
    let (code, _, _) = run(dir.path(), &["new", "Search API", "--force"]);
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

#[test]
fn new_portuguese() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        dir.path(),
        &[
            "new",
            "Busca Global",
            "--lang-doc",
            "pt",
            "--lang",
            "typescript",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let spec =
        std::fs::read_to_string(dir.path().join("tasks/prd-busca-global/techspec.md")).unwrap();
    assert!(spec.starts_with("# Especificação Técnica: Busca Global\n"));
    assert!(spec.contains("```typescript"));
}

#[test]
fn a_new_spec_checks_with_guidance_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["new", "Refunds"]);
    let (code, out, _) = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1, "an unfilled scaffold has errors");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"][0]["path"], "tasks/prd-refunds/techspec.md");
    assert_eq!(v["files"][0]["template"], "standard");
    let codes: Vec<&str> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.contains(&"TS101"),
        "nothing is missing from a scaffold: {codes:?}"
    );
}

#[test]
fn check_exit_codes_and_unreadable_files() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (code, out, _) = run(
        &examples,
        &["check", "refunds/tasks/prd-payment-refunds/techspec.md"],
    );
    assert_eq!(code, 0, "{out}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "# T\n\n## Executive Summary\n\nTBD\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("bin.md"), b"\x00\x01\x02").unwrap();
    let (code, out, _) = run(dir.path(), &["check", "bad.md", "missing.md", "bin.md"]);
    assert_eq!(code, 2, "I/O problems win: {out}");
    assert!(
        out.contains("missing.md:1:1: error[TS901] no such file or directory"),
        "{out}"
    );
    assert!(
        out.contains("bin.md:1:1: error[TS901] file is binary"),
        "{out}"
    );
    assert!(
        out.contains("bad.md:"),
        "the readable file is still checked: {out}"
    );
}

#[test]
fn explain_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(dir.path(), &["explain", "missing-section"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# TS101 missing-section (error by default)"));
    assert!(out.contains("## Why is this bad?"));
    let (code, _, err) = run(dir.path(), &["explain", "TS999"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown check `TS999`"));
    let (_, out, _) = run(dir.path(), &["checks"]);
    assert!(out.lines().count() >= 10 && out.contains("TS107  unknown-section"));
}

#[test]
fn bad_config_names_the_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("techspec.toml"),
        "template = \"standard\"\nwordbudget = 1\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("techspec.toml") && err.contains("line 2") && err.contains("wordbudget"),
        "{err}"
    );
}

#[test]
fn each_file_uses_its_nearest_config() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/refunds/tasks/prd-payment-refunds/techspec.md"),
    )
    .unwrap();
    for (sub, template) in [("a", "standard"), ("b", "extended")] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(
            dir.path().join(sub).join("techspec.toml"),
            format!("template = \"{template}\"\n"),
        )
        .unwrap();
        std::fs::write(dir.path().join(sub).join("techspec.md"), &spec).unwrap();
    }
    let (_, out, err) = run(dir.path(), &["check", "--format", "json", "a", "b"]);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    assert_eq!(v["files"][0]["template"], "standard");
    assert_eq!(v["files"][1]["template"], "extended");
}

#[test]
fn a_python_spec_is_held_against_the_python_template() {
    let dir = tempfile::tempdir().unwrap();
    let spec = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks/TS204/pass-python.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("techspec.md"), spec).unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "techspec.md"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["template"], "standard-python");
}
