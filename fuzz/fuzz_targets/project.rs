//! The project checks (Relevant Files, agent rules, rules folders) on a
//! generated repository. The input, split at NUL bytes: the spec; then
//! agent rules, each written to the next of [`RULE_FILES`]; then a list of
//! files to create (one repo-relative path a line, made safe). The spec is
//! checked in that repository as `check` checks it (its `techspec.toml`
//! and `.git`): never panics, every position lies inside the spec, and a
//! second check gives the same findings.
#![no_main]

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use libfuzzer_sys::fuzz_target;
use techspec::model::document::Document;
use techspec::engine::workspace::{Overrides, Workspace};

/// Where the rules of the input go, in order.
const RULE_FILES: &[&str] = &[
    ".cursor/rules/a.mdc",
    ".claude/rules/b.md",
    "AGENTS.md",
    ".github/instructions/c.instructions.md",
    ".windsurf/rules/d.md",
    "internal/.cursor/rules/e.mdc",
    ".kilocode/rules/f.md",
    ".clinerules/g.md",
];

static RUN: AtomicUsize = AtomicUsize::new(0);

/// `line` as a path inside the repository: normal components only.
fn safe(line: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in Path::new(line.trim()).components() {
        match c {
            Component::Normal(x) if x != ".git" => out.push(x),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.as_os_str().is_empty() && out.components().count() <= 6).then_some(out)
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let spec = parts.next().unwrap_or_default();
    let rest: Vec<&[u8]> = parts.collect();
    let (files, rules) = match rest.split_last() {
        Some((files, rules)) => (*files, rules),
        None => (&b""[..], &[][..]),
    };
    let repo = std::env::temp_dir().join(format!(
        "techspec-fuzz-project-{}-{}",
        std::process::id(),
        RUN.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(repo.join(".git")).expect("a temp folder");
    std::fs::write(repo.join("techspec.toml"), "").expect("a temp file");
    for (rule, at) in rules.iter().zip(RULE_FILES) {
        let p = repo.join(at);
        if let Some(dir) = p.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(p, rule);
    }
    for line in String::from_utf8_lossy(files).lines().take(64) {
        if let Some(rel) = safe(line) {
            let p = repo.join(rel);
            if let Some(dir) = p.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = std::fs::write(p, "package x\n");
        }
    }
    let path = repo.join("tasks/prd-fuzz/techspec.md");
    let ws = Workspace::for_file(&path, &Overrides::default()).expect("an empty techspec.toml");
    let report = ws.checker.check_bytes(&path, spec);
    if !report.io_error {
        let doc = Document::from_bytes(spec);
        for d in ws.checker.check_document(&path, &doc).diagnostics {
            assert!(
                d.span.start <= d.span.end
                    && d.span.end <= doc.text.len()
                    && doc.text.is_char_boundary(d.span.start)
                    && doc.text.is_char_boundary(d.span.end),
                "{d:?}"
            );
        }
        let lines = doc.lines.line_count().max(1);
        for d in &report.diagnostics {
            assert!(d.line >= 1 && d.end_line >= d.line && d.end_line <= lines + 1, "{d:?}");
        }
        let again = ws.checker.check_bytes(&path, spec);
        let key = |r: &techspec::engine::FileReport| {
            r.diagnostics
                .iter()
                .map(|d| (d.code.clone(), d.line, d.column, d.message.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&report), key(&again), "a second check differs");
    }
    let _ = std::fs::remove_dir_all(&repo);
});
