//! Every corpus spec checked inside its own real repository, as a user would:
//! `techspec check SPEC` from the repository root, no configuration.
//!
//! `../shared/corpus/repos/` holds each repository at the spec's commit (agent
//! rules, skills, commands and templates with content, every other tracked file
//! empty). Each is copied to a temporary folder with a `.git` marker (the copy in
//! `shared/` has none) and checked there. The findings are pinned in a snapshot
//! that is reviewed line by line: every error and warning in it must be one a
//! careful reviewer agrees with.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn repos_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/repos")
}

/// (repository folder, spec paths) from MANIFEST.tsv.
fn manifest() -> Vec<(String, Vec<String>)> {
    let path = repos_dir().join("MANIFEST.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (shared/ must sit beside the repository)",
            path.display()
        )
    });
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let specs = cols[3].split(',').map(str::to_string).collect();
            (cols[0].to_string(), specs)
        })
        .collect()
}

/// The finding lines (`path:line:col: level[CODE] message`), the header
/// (`checked against ...`) and the summary of a human-format run.
fn findings(out: &str) -> String {
    out.lines()
        .filter(|l| {
            l.contains(": checked against")
                || l.contains(" file checked")
                || l.contains(" files checked")
                || (!l.starts_with(' ')
                    && (l.contains(": error[")
                        || l.contains(": warning[")
                        || l.contains(": info[")))
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn corpus_specs_in_their_repositories() {
    let mut out = String::new();
    let tmp = tempfile::tempdir().unwrap();
    for (dir, specs) in manifest() {
        let repo = tmp.path().join(&dir);
        support::copy_tree(&repos_dir().join(&dir), &repo);
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        for spec in specs {
            let run = Command::cargo_bin("techspec")
                .unwrap()
                .current_dir(&repo)
                .env("NO_COLOR", "1")
                .args(["check", &spec])
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&run.stdout);
            let stderr = String::from_utf8_lossy(&run.stderr);
            out.push_str(&format!(
                "== {dir} :: {spec} (exit {})\n{}{}\n",
                run.status.code().unwrap_or(-1),
                findings(&stdout),
                findings(&stderr)
            ));
        }
    }
    insta::assert_snapshot!(out);
}
