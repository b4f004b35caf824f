//! Issue 15, item 5: compozy v0.3's layout — one `_spec.md` in two parts
//! (Part I product, Part II technical, `## File References`, `### Build
//! Order`) beside `adrs/adr-NNN.md` — recognised by our built-in profiles
//! (English and Portuguese) and the project's own copy of the template
//! found through its `cy-create-spec` skill; the ADRs beside a spec are
//! checked with it for Status, Context, Decision and Consequences (TS520-TS523),
//! and bad ADR files (empty, binary, not UTF-8) do not stop the run.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_techspec"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn fixture(lang: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compozy-v03")
        .join(lang)
}

/// Every file of the run: `path (template)` then `line code message`.
fn summary(out: &Output) -> String {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut s = String::new();
    for f in v["files"].as_array().unwrap() {
        s.push_str(&format!(
            "{} ({})\n",
            f["path"].as_str().unwrap(),
            f["template"].as_str().unwrap_or("-")
        ));
        for d in f["diagnostics"].as_array().unwrap() {
            s.push_str(&format!(
                "  {} {} {}\n",
                d["line"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            ));
        }
    }
    s
}

#[test]
fn english_spec_set() {
    let out = run(
        &fixture("en"),
        &[
            "check",
            "--format",
            "json",
            ".compozy/tasks/refunds/_spec.md",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    // The two-part spec is held against our v0.3 profile, and its `# Part`
    // headings are no second title.
    assert!(s.contains("_spec.md (compozy-spec)"), "{s}");
    assert!(!s.contains("TS109") && !s.contains("TS101"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn portuguese_spec_set_and_bad_adrs() {
    let out = run(
        &fixture("pt"),
        &[
            "check",
            "--format",
            "json",
            ".compozy/tasks/pedidos/_spec.md",
        ],
    );
    // The binary ADR is an I/O-level problem (exit 2); every other file is
    // still checked.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary(&out);
    assert!(s.contains("_spec.md (compozy-spec-pt)"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_missing_part_i_section_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let spec = std::fs::read_to_string(fixture("en").join(".compozy/tasks/refunds/_spec.md"))
        .unwrap()
        .replace("## Business Rules\n\n- A refund never exceeds the refundable balance of its payment.\n- Only agents with the `refunds` permission can request one.\n\n", "");
    std::fs::write(dir.path().join("_spec.md"), spec).unwrap();
    let out = run(
        dir.path(),
        &["check", "--no-project", "--format", "json", "_spec.md"],
    );
    let s = summary(&out);
    assert!(
        s.contains("TS101 missing required section `## Business Rules`"),
        "{s}"
    );
}

#[test]
fn the_projects_own_spec_template_is_found_through_its_skill() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for d in [
        ".git",
        ".agents/skills/cy-create-spec/references",
        ".compozy/tasks/x",
    ] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(
        root.join(".agents/skills/cy-create-spec/SKILL.md"),
        "---\nname: cy-create-spec\n---\n\n# Create Spec\n\nRead `references/spec-template.md` and fill every section.\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".agents/skills/cy-create-spec/references/spec-template.md"),
        "# Spec Template\n\n# Part I — Product\n\n## Overview\n\n[Why.]\n\n## Goals\n\n[What.]\n\n## Business Rules\n\n[Rules.]\n\n# Part II — Technical\n\n## Executive Summary\n\n[Shape.]\n\n## System Architecture\n\n[Parts.]\n\n## Development Sequencing\n\n### Build Order\n\n[Order.]\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".compozy/tasks/x/_spec.md"),
        "# Spec: X\n\n# Part I — Product\n\n## Overview\n\nWhy.\n\n## Goals\n\nWhat.\n\n# Part II — Technical\n\n## Executive Summary\n\nShape.\n\n## System Architecture\n\nParts.\n\n## Development Sequencing\n\n### Build Order\n\n1. One step.\n",
    )
    .unwrap();
    let out = run(
        root,
        &["check", "--format", "json", ".compozy/tasks/x/_spec.md"],
    );
    let s = summary(&out);
    assert!(
        s.contains("(.agents/skills/cy-create-spec/references/spec-template.md)"),
        "{s}"
    );
    assert!(
        s.contains("TS101 missing required section `## Business Rules`"),
        "{s}"
    );
}

#[test]
fn adr_files_named_anywhere_are_checked_as_adrs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("adr-0007-queues.md"),
        "# ADR-0007: Queues\n\n**Status:** Superseded by ADR-0009\n\n## Context\n\nSlow calls.\n\n## Decision\n\nUse a queue.\n\n## Consequences\n\nOne more service.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("adr-0008-cache.md"),
        "# ADR-0008: Cache\n\n## Status\n\n[Proposed | Accepted]\n\n## Decision\n\nCache reads.\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-project",
            "--format",
            "json",
            "adr-0007-queues.md",
            "adr-0008-cache.md",
        ],
    );
    insta::assert_snapshot!(summary(&out));
}
