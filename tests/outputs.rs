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

/// Code scanning places alerts by repository-relative, percent-encoded URIs
/// under `%SRCROOT%`, whatever folder `check` ran in and however the file
/// was named; every rule links its page and every result has a fingerprint
/// that survives a line shift. GitHub annotations use the same paths.
#[test]
fn sarif_and_annotations_point_into_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("docs/my specs")).unwrap();
    let spec = repo.join("docs/my specs/spec#1.md");
    let text = std::fs::read_to_string(mistakes()).unwrap();
    std::fs::write(&spec, &text).unwrap();
    let run = |format: &str, cwd: &Path, arg: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
            .args(["check", "--no-project", "--format", format])
            .arg(arg)
            .current_dir(cwd)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // From a subfolder with a relative path, and from elsewhere with an absolute one.
    let a: serde_json::Value = serde_json::from_str(&run(
        "sarif",
        &repo.join("docs"),
        Path::new("my specs/spec#1.md"),
    ))
    .unwrap();
    let b: serde_json::Value = serde_json::from_str(&run("sarif", dir.path(), &spec)).unwrap();
    let run0 = &a["runs"][0];
    let loc = &run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(loc["uri"], "docs/my%20specs/spec%231.md", "{loc}");
    assert_eq!(loc["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        loc,
        &b["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    );
    assert!(
        run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/repo/"),
        "{}",
        run0["originalUriBaseIds"]
    );
    let driver = &run0["tool"]["driver"];
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    for rule in driver["rules"].as_array().unwrap() {
        let code = rule["id"].as_str().unwrap();
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://") && uri.ends_with(&format!("/docs/checks/{code}.md")),
            "{uri}"
        );
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("docs/checks/{code}.md"))
                .is_file()
        );
    }
    let prints = |v: &serde_json::Value| -> Vec<String> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["techspecFinding/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = prints(&a);
    assert!(!before.is_empty());
    assert_eq!(before, prints(&b));
    // Two lines added at the top: every line moves, every fingerprint stays.
    let first_nl = text.find('\n').unwrap();
    std::fs::write(
        &spec,
        format!("{}\n\n{}", &text[..first_nl], &text[first_nl..]),
    )
    .unwrap();
    let c: serde_json::Value = serde_json::from_str(&run("sarif", dir.path(), &spec)).unwrap();
    assert_ne!(
        a["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        c["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    );
    assert_eq!(before, prints(&c));

    let gh = run(
        "github",
        &repo.join("docs"),
        Path::new("my specs/spec#1.md"),
    );
    assert!(
        gh.lines()
            .all(|l| l.contains(" file=docs/my specs/spec#1.md,")),
        "{gh}"
    );
}

/// The JSON shape is the one `schemas/check-output.schema.json` documents,
/// on the corpus and with `--statistics`; the schema does reject other shapes.
#[test]
fn json_matches_its_published_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/check-output.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let corpus = root.join("../shared/corpus/specs");
    for args in [vec!["--statistics"], vec![], vec!["--quiet"]] {
        for target in [mistakes(), corpus.clone()] {
            let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
                .args(["check", "--no-project", "--format", "json"])
                .args(&args)
                .arg(&target)
                .output()
                .unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&v)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{args:?} {}: {errors:#?}",
                target.display()
            );
            assert!(
                v["files"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|f| f["diagnostics"].as_array().unwrap())
                    .any(|d| d["help"].is_string()),
                "{v}"
            );
        }
    }
    let (_, out) = check("json");
    let good: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut bad = good.clone();
    bad["files"][0]["diagnostics"][0]["severity"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = good.clone();
    bad["files"][0]["diagnostics"][0]
        .as_object_mut()
        .unwrap()
        .remove("help");
    assert!(!validator.is_valid(&bad));
}

/// `--quiet` means the same in every format: only errors are reported (the
/// exit status still counts everything).
#[test]
fn quiet_reports_only_errors_in_every_format() {
    let run = |format: &str, quiet: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_techspec"));
        cmd.args(["check", "--no-project", "--format", format]);
        if quiet {
            cmd.arg("--quiet");
        }
        let out = cmd.arg(mistakes()).output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (_, full) = run("json", false);
    let full: serde_json::Value = serde_json::from_str(&full).unwrap();
    let errors = full["summary"]["errors"].as_u64().unwrap();
    assert!(errors > 0 && full["summary"]["warnings"].as_u64().unwrap() > 0);

    let (code, quiet) = run("json", true);
    assert_eq!(code, 1);
    let quiet: serde_json::Value = serde_json::from_str(&quiet).unwrap();
    let severities: Vec<&str> = quiet["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities.len() as u64, errors);
    assert!(severities.iter().all(|s| *s == "error"));
    assert_eq!(quiet["summary"]["warnings"], 0);

    let (_, sarif) = run("sarif", true);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let levels: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels.len() as u64, errors);
    assert!(levels.iter().all(|l| *l == "error"));

    let (_, gh) = run("github", true);
    assert_eq!(gh.lines().count() as u64, errors, "{gh}");
    assert!(gh.lines().all(|l| l.starts_with("::error ")), "{gh}");

    let (_, human) = run("human", true);
    assert!(
        !human.contains(": warning[") && human.contains(": error["),
        "{human}"
    );
}

/// `--format junit` is valid against the JUnit schema Jenkins' xUnit plugin
/// publishes (vendored as `schemas/junit-10.xsd`), checked with xmllint, on
/// the corpus and on a file name that needs escaping.
#[test]
fn junit_is_valid_against_its_published_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if Command::new("xmllint").arg("--version").output().is_err() {
        return support::skip(
            "junit_is_valid_against_its_published_schema",
            "xmllint is missing (Debian: apt-get install libxml2-utils)",
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    support::copy_tree(
        &root.join("../shared/corpus/specs"),
        &dir.path().join("specs"),
    );
    std::fs::copy(mistakes(), dir.path().join("specs/a&b <\"x\">.md")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["check", "--no-project", "--format", "junit", "specs"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = dir.path().join("report.xml");
    std::fs::write(&xml, &out.stdout).unwrap();
    let lint = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(root.join("schemas/junit-10.xsd"))
        .arg(&xml)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "{}",
        String::from_utf8_lossy(&lint.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Errors and warnings fail; names are repository-relative and escaped.
    assert!(text.contains(r#"<failure type="error""#), "{text}");
    assert!(
        text.contains(r#"<testsuite name="specs/a&amp;b &lt;&quot;x&quot;&gt;.md""#),
        "{text}"
    );
    // A broken report is refused by the same schema.
    std::fs::write(
        &xml,
        text.replacen("<testsuite name=", "<testsuite nome=", 1),
    )
    .unwrap();
    let lint = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(root.join("schemas/junit-10.xsd"))
        .arg(&xml)
        .output()
        .unwrap();
    assert!(!lint.status.success());
}

/// `--format gitlab` is a GitLab Code Quality report: valid against the
/// schema written from GitLab's published format
/// (`schemas/gitlab-codequality.schema.json`), paths repository-relative,
/// one unique fingerprint per issue.
#[test]
fn gitlab_code_quality_matches_the_published_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schemas/gitlab-codequality.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    support::copy_tree(
        &root.join("../shared/corpus/specs"),
        &dir.path().join("specs"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .args(["check", "--no-project", "--format", "gitlab"])
        .arg(dir.path().join("specs"))
        .current_dir(root)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let issues = report.as_array().unwrap();
    assert!(!issues.is_empty());
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len());
    assert!(issues.iter().all(|i| {
        i["location"]["path"]
            .as_str()
            .unwrap()
            .starts_with("specs/")
    }));
    let mut bad = report.clone();
    bad[0]["severity"] = "error".into();
    assert!(!validator.is_valid(&bad));
}
