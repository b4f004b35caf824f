//! The repository's own tech-spec template, found without configuration, and
//! the built-in family profiles (`tests/fixtures/templates/`, English and
//! Portuguese). Each fixture is copied to a temporary repository (`.git`).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// A copy of a fixture project as a repository of its own.
fn repo(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(name);
    support::copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/templates")
            .join(name),
        &root,
    );
    std::fs::create_dir_all(root.join(".git")).unwrap();
    (tmp, root)
}

/// (exit code, stdout, stderr) of `techspec ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("techspec")
        .unwrap()
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

/// The header and finding lines of a human-format run.
fn lines(out: &str) -> Vec<&str> {
    out.lines()
        .filter(|l| {
            l.contains(": checked against")
                || (!l.starts_with(' ') && (l.contains(": error[") || l.contains(": warning[")))
        })
        .collect()
}

#[test]
fn a_template_named_by_a_cursor_command_is_the_one_a_spec_is_checked_against() {
    let (_tmp, root) = repo("en-command");
    let (code, out, err) = run(&root, &["check", "tasks/prd-invoices/techspec.md"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        lines(&out),
        [
            "tasks/prd-invoices/techspec.md: checked against template `templates/techspec-template.md` \
             (the project's, named in .cursor/commands/create-techspec.md)",
            "tasks/prd-invoices/techspec.md:13:1: error[TS101] missing required section `## Rollout Plan`",
        ]
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_template_in_a_skills_references_folder_named_by_its_skill_pt() {
    let (_tmp, root) = repo("pt-skill");
    let (code, out, err) = run(&root, &["check", "tasks/prd-faturas/techspec.md"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        lines(&out),
        [
            "tasks/prd-faturas/techspec.md: checked against template \
             `.agents/skills/criar-techspec/references/techspec-template.md` \
             (the project's, named in .agents/skills/criar-techspec/SKILL.md)",
            "tasks/prd-faturas/techspec.md:13:1: error[TS101] missing required section `## Plano de Implantação`",
        ]
    );
}

#[test]
fn template_list_shows_discovered_templates_and_where_they_come_from() {
    let (_tmp, root) = repo("pt-skill");
    let (code, out, _) = run(&root, &["template", "list"]);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.starts_with(".agents/skills/criar-techspec/references/techspec-template.md "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.contains("the project's, named in .agents/skills/criar-techspec/SKILL.md"),
        "{line}"
    );
    assert!(out.contains("\nstandard "), "{out}");
}

#[test]
fn a_named_file_that_is_no_template_is_skipped_with_a_note_pt() {
    let (_tmp, root) = repo("unusable-pt");
    let (code, out, err) = run(&root, &["check", "tasks/prd-faturas/techspec.md"]);
    // Findings (exit 1), not an error (exit 2).
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        err.trim(),
        "note: docs/modelos/techspec-template.md: not used as a template (the project's, named in \
         .github/prompts/criar-techspec.prompt.md): it has no `##` sections"
    );
    assert_eq!(
        lines(&out)[0],
        "tasks/prd-faturas/techspec.md: checked against template `standard-pt` (best match)"
    );
    let (code, out, _) = run(&root, &["template", "list"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("note: docs/modelos/techspec-template.md: not used as a template"),
        "{out}"
    );
    assert!(
        !out.contains("\ndocs/modelos/techspec-template.md "),
        "{out}"
    );
}

#[test]
fn techspec_toml_and_the_template_flag_win_over_the_discovered_template() {
    let (_tmp, root) = repo("en-command");
    let (_, out, _) = run(
        &root,
        &[
            "check",
            "--template",
            "standard",
            "tasks/prd-invoices/techspec.md",
        ],
    );
    assert_eq!(
        lines(&out)[0],
        "tasks/prd-invoices/techspec.md: checked against template `standard` (chosen)"
    );
    std::fs::write(root.join("techspec.toml"), "template = \"extended\"\n").unwrap();
    let (_, out, _) = run(&root, &["check", "tasks/prd-invoices/techspec.md"]);
    assert_eq!(
        lines(&out)[0],
        "tasks/prd-invoices/techspec.md: checked against template `extended` (chosen)"
    );
    // Naming the discovered template in techspec.toml is allowed too.
    std::fs::write(
        root.join("techspec.toml"),
        "template = \"templates/techspec-template.md\"\n",
    )
    .unwrap();
    let (_, out, _) = run(&root, &["check", "tasks/prd-invoices/techspec.md"]);
    assert!(
        lines(&out)[1].contains("missing required section `## Rollout Plan`"),
        "{out}"
    );
}

#[test]
fn a_compozy_family_spec_without_its_template_is_held_against_the_family_profile() {
    let (_tmp, root) = repo("family-en");
    let (code, out, err) = run(&root, &["check", "tasks/prd-invoices/_techspec.md"]);
    assert_eq!(code, 1, "{out}{err}");
    // Not reported missing the seed's Relevant Files, which the family does not have.
    assert_eq!(
        lines(&out),
        [
            "tasks/prd-invoices/_techspec.md: checked against template `compozy` \
             (best match: our profile of the compozy family of agent templates)",
            "tasks/prd-invoices/_techspec.md:66:1: error[TS101] missing required section \
             `### Known Risks` (under \"Technical Considerations\")",
        ]
    );
    let (code, out, err) = run(
        &root,
        &[
            "check",
            "--format",
            "json",
            ".compozy/tasks/invoices/_techspec.md",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["template"], "compozy-adr");
    assert_eq!(v["files"][0]["diagnostics"], serde_json::json!([]));
}

#[test]
fn a_compozy_family_spec_in_portuguese_is_held_against_the_portuguese_profile() {
    let (_tmp, root) = repo("family-pt");
    let (code, out, err) = run(&root, &["check", "tasks/prd-faturas/_techspec.md"]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        lines(&out),
        [
            "tasks/prd-faturas/_techspec.md: checked against template `compozy-pt` \
             (best match: our profile of the compozy family of agent templates)",
            "tasks/prd-faturas/_techspec.md:61:1: error[TS101] missing required section \
             `### Riscos Conhecidos` (under \"Considerações Técnicas\")",
        ]
    );
}
