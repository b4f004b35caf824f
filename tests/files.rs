//! `techspec files --query` on this repository's own source returns the
//! obviously relevant file first.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::process::Command;

fn top(query: &str, n: usize) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "files",
            "--format",
            "json",
            "-n",
            &n.to_string(),
            "--query",
            query,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn line_and_column_conversion() {
    assert_eq!(
        top("line index utf16 column offset", 3)[0],
        "src/model/document/line_index.rs"
    );
}

#[test]
fn atomic_writes() {
    assert_eq!(
        top("atomic write temporary file rename overwrite", 3)[0],
        "src/io/write.rs"
    );
}

#[test]
fn cursor_rule_frontmatter() {
    let hits = top("cursor globs alwaysApply frontmatter lenient yaml", 3);
    assert!(
        hits.iter().any(|h| h == "src/project/rules/frontmatter.rs"),
        "{hits:?}"
    );
    assert!(
        hits[..2]
            .iter()
            .all(|h| h.starts_with("src/project/rules/")),
        "{hits:?}"
    );
}

#[test]
fn a_spec_is_never_its_own_suggestion() {
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["files", "--format", "json", "--spec", "docs/techspec.md"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        !paths.is_empty() && !paths.contains(&"docs/techspec.md"),
        "{paths:?}"
    );
}

/// In a repository with several specs, PRDs and task lists that all talk
/// about refunds, the refund handler source comes first; the documents are
/// listed apart, as related specs.
#[test]
fn code_first_and_specs_as_related() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/refunds");
    let copy = |rel: &str| {
        let to = repo.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(src.join(rel), to).unwrap();
    };
    for rel in [
        "go.mod",
        "internal/refunds/handler.go",
        "internal/refunds/worker.go",
        "internal/payments/ledger.go",
        "tasks/prd-payment-refunds/techspec.md",
    ] {
        copy(rel);
    }
    for (rel, text) in [
        (
            "tasks/prd-payment-refunds/prd.md",
            "# Refunds PRD\n\nThe refund handler accepts refund requests. Refund handler errors use problem details.\n",
        ),
        (
            "tasks/prd-payment-refunds/tasks.md",
            "- [ ] 1.0 Refund handler\n- [ ] 2.0 Refund handler tests\n",
        ),
        (
            "tasks/prd-partial-refunds/techspec.md",
            "# Partial refunds\n\nThe refund handler gains a partial refund path; the refund handler validates amounts.\n",
        ),
    ] {
        let p = repo.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    std::fs::create_dir(repo.join(".git")).unwrap();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
            .current_dir(repo)
            .args(["files", "--format", format, "--query", "refund handler"])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let v: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let paths = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(paths("files")[0], "internal/refunds/handler.go", "{v:#}");
    assert!(paths("files").iter().all(|p| !p.ends_with(".md")), "{v:#}");
    let related = paths("related");
    for doc in [
        "tasks/prd-payment-refunds/prd.md",
        "tasks/prd-payment-refunds/tasks.md",
        "tasks/prd-partial-refunds/techspec.md",
    ] {
        assert!(related.iter().any(|p| p == doc), "{doc}: {related:?}");
    }
    let human = run("human");
    let first = human.lines().next().unwrap();
    assert!(first.contains("internal/refunds/handler.go"), "{human}");
    let related_at = human.find("Related specs and docs").expect(&human);
    assert!(
        human[related_at..].contains("tasks/prd-partial-refunds/techspec.md"),
        "{human}"
    );
}

/// `files --print-terms` (hidden) prints the terms a spec becomes as a query,
/// sorted, one a line: `bench/run.sh` searches for them with `rg -c -i -F -f`,
/// the reference `files --spec` is measured against.
#[test]
fn print_terms_lists_the_spec_query_terms() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.md");
    std::fs::write(
        &spec,
        "# Refunds\n\nThe `RefundService` retries refunds for the payment entries.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(dir.path())
        .args(["files", "--print-terms", "--spec"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "entry\npayment\nrefund\nretry\nservice\n"
    );
}
