//! `techspec init` in a temporary repository: per agent, the expected files;
//! a second run changes nothing; existing files are left alone without `--force`.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const AGENTS: &[(&str, &str)] = &[
    ("claude", ".claude/commands/create-techspec.md"),
    ("cursor", ".cursor/commands/create-techspec.md"),
    ("kilocode", ".kilocode/workflows/create-techspec.md"),
    ("copilot", ".github/prompts/create-techspec.prompt.md"),
    ("windsurf", ".windsurf/workflows/create-techspec.md"),
    ("codex", "AGENTS.md"),
    ("gemini", "GEMINI.md"),
    ("cline", ".clinerules/workflows/create-techspec.md"),
    ("roo", ".roo/commands/create-techspec.md"),
];

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn init(dir: &Path, args: &[&str]) -> String {
    let out: Output = Command::new(env!("CARGO_BIN_EXE_techspec"))
        .arg("init")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every file below `root` (`.git` aside) with its contents.
fn files(root: &Path) -> BTreeMap<PathBuf, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != ".git") {
                    walk(root, &p, out);
                }
            } else {
                out.insert(
                    p.strip_prefix(root).unwrap().to_path_buf(),
                    std::fs::read_to_string(&p).unwrap(),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn each_agent_gets_its_files_and_a_rerun_changes_nothing() {
    for (agent, path) in AGENTS {
        let dir = repo();
        let out = init(dir.path(), &["--agent", agent]);
        let written = files(dir.path());
        let expected: Vec<PathBuf> = {
            let mut v = vec![PathBuf::from("techspec.toml"), PathBuf::from(path)];
            v.sort();
            v
        };
        assert_eq!(
            written.keys().cloned().collect::<Vec<_>>(),
            expected,
            "{agent}: {out}"
        );
        assert!(out.contains(&format!("created {path}")), "{agent}: {out}");
        assert!(out.contains("created techspec.toml"), "{agent}: {out}");
        assert!(out.contains("MCP server"), "{agent}: {out}");
        let body = &written[Path::new(path)];
        assert!(body.contains("techspec check"), "{agent}: {body}");
        assert!(body.contains("techspec new"), "{agent}: {body}");

        let again = init(dir.path(), &["--agent", agent]);
        assert_eq!(
            files(dir.path()),
            written,
            "{agent}: a second run changed files"
        );
        assert!(
            again.contains(&format!("unchanged {path}")),
            "{agent}: {again}"
        );
        assert!(!again.contains("created"), "{agent}: {again}");
    }
}

#[test]
fn existing_files_are_untouched_without_force() {
    for (agent, path) in AGENTS {
        let dir = repo();
        let mine = if path.ends_with("AGENTS.md") || path.ends_with("GEMINI.md") {
            "# Ours\n\n<!-- techspec:begin -->\nour own words\n<!-- techspec:end -->\n"
        } else {
            "my own command\n"
        };
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, mine).unwrap();
        std::fs::write(
            dir.path().join("techspec.toml"),
            "template = \"extended\"\n",
        )
        .unwrap();

        let out = init(dir.path(), &["--agent", agent]);
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            mine,
            "{agent}: {out}"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("techspec.toml")).unwrap(),
            "template = \"extended\"\n"
        );
        assert!(out.contains(&format!("skipped {path}")), "{agent}: {out}");
        assert!(out.contains("skipped techspec.toml"), "{agent}: {out}");

        let out = init(dir.path(), &["--agent", agent, "--force", "--no-config"]);
        assert_ne!(
            std::fs::read_to_string(&target).unwrap(),
            mine,
            "{agent}: {out}"
        );
        assert!(out.contains(&format!("overwrote {path}")), "{agent}: {out}");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("techspec.toml")).unwrap(),
            "template = \"extended\"\n"
        );
    }
}

#[test]
fn without_agents_it_detects_them_and_says_so() {
    let dir = repo();
    std::fs::create_dir(dir.path().join(".cursor")).unwrap();
    std::fs::write(dir.path().join("CLAUDE.md"), "# rules\n").unwrap();
    let out = init(dir.path(), &[]);
    assert!(out.starts_with("no --agent given; detected in "), "{out}");
    assert!(out.contains(": claude, cursor"), "{out}");
    assert!(
        dir.path()
            .join(".claude/commands/create-techspec.md")
            .is_file()
    );
    assert!(
        dir.path()
            .join(".cursor/commands/create-techspec.md")
            .is_file()
    );

    let empty = repo();
    let out = init(empty.path(), &["--dry-run"]);
    assert!(out.contains("no agent detected"), "{out}");
    assert!(
        out.contains("dry run, nothing written") && out.contains("\n  created techspec.toml"),
        "{out}"
    );
    assert!(files(empty.path()).is_empty(), "--dry-run wrote files");
}

/// Issue 16: `init` appended its section to the file an `AGENTS.md` symbolic
/// link pointed to, outside the repository.
#[cfg(unix)]
#[test]
fn a_link_leaving_the_repository_is_not_written_through() {
    let dir = repo();
    let outside = tempfile::tempdir().unwrap();
    let notes = outside.path().join("notes.md");
    std::fs::write(&notes, "# My private notes\n").unwrap();
    std::os::unix::fs::symlink(&notes, dir.path().join("AGENTS.md")).unwrap();
    // A folder link leading out is refused too.
    std::fs::create_dir(outside.path().join("claude")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("claude"), dir.path().join(".claude")).unwrap();
    let out = init(dir.path(), &["--agent", "codex", "--agent", "claude"]);
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "# My private notes\n"
    );
    assert!(
        std::fs::read_dir(outside.path().join("claude"))
            .unwrap()
            .next()
            .is_none(),
        "wrote into a linked folder outside the repository"
    );
    assert!(out.contains("outside the repository"), "{out}");
    assert!(
        std::fs::symlink_metadata(dir.path().join("AGENTS.md"))
            .unwrap()
            .is_symlink()
    );
}

/// A link inside the repository (AGENTS.md -> CLAUDE.md) is still written through.
#[cfg(unix)]
#[test]
fn a_link_inside_the_repository_is_written_through() {
    let dir = repo();
    std::fs::write(dir.path().join("CLAUDE.md"), "# Shared\n").unwrap();
    std::os::unix::fs::symlink("CLAUDE.md", dir.path().join("AGENTS.md")).unwrap();
    init(dir.path(), &["--agent", "codex"]);
    let shared = std::fs::read_to_string(dir.path().join("CLAUDE.md")).unwrap();
    assert!(
        shared.starts_with("# Shared\n") && shared.contains("techspec"),
        "{shared}"
    );
    assert!(
        std::fs::symlink_metadata(dir.path().join("AGENTS.md"))
            .unwrap()
            .is_symlink()
    );
}
