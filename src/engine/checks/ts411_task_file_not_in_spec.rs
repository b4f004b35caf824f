//! ## What it does
//! Reports, for information, a task whose Relevant Files (in its task file)
//! name files that the spec does not: not in the spec's Relevant Files, and
//! not written as a path anywhere in the spec. One finding per task, at the
//! first such file, listing them all. A spec entry for a folder (`src/api/`)
//! or a glob covers the files under it (and a task's folder holding spec
//! files is the spec's too); an entry with the same file name
//! at another depth (`api/handler.ts` and `src/api/handler.ts`) counts as
//! the same file. The PRD, the spec and the task files themselves are not
//! counted. A spec with no Relevant Files section (a template family without
//! one) is not compared.
//!
//! ## Why is this bad?
//! The spec's Relevant Files is where reviewers see the blast radius of a
//! change. Files that only the tasks know about are new to the spec: either
//! the spec is out of date or the task wanders beyond it.
//!
//! ## Example
//! ```markdown
//! <!-- 2_task.md -->
//! ## Relevant Files
//! - `internal/refunds/handler.go`
//! - `internal/audit/log.go`
//! <!-- techspec.md lists internal/refunds/handler.go only -->
//! ```
//!
//! ## Use instead
//! ```markdown
//! <!-- techspec.md, Relevant Files -->
//! - `internal/refunds/handler.go`
//! - `internal/audit/log.go` (audit trail of refunds)
//! ```

use crate::engine::trace::{Findings, Target, TraceContext, kind_of_name};
use crate::model::diagnostic::Diagnostic;
use crate::project::references::{FileRef, path_tokens};

pub const CODE: &str = "TS411";

/// A path without `./`, a leading `/`, or a trailing `/`, lower-cased.
fn norm(p: &str) -> String {
    p.trim()
        .trim_start_matches("./")
        .trim_start_matches('/')
        .trim_end_matches('/')
        .to_ascii_lowercase()
}

/// Whether the spec's paths name `path` (same file, a folder above it, a
/// glob over it, or the same file at another depth).
fn named(spec: &[String], globs: &globset::GlobSet, path: &str) -> bool {
    let p = norm(path);
    if p.is_empty() {
        return true;
    }
    globs.is_match(&p)
        || spec.iter().any(|s| {
            s == &p
                || p.starts_with(&format!("{s}/"))
                || s.starts_with(&format!("{p}/"))
                || s.ends_with(&format!("/{p}"))
                || p.ends_with(&format!("/{s}"))
        })
}

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    // A spec without Relevant Files (a template family without one) lists
    // no files by design.
    if cx.tasks.tasks.iter().all(|t| t.paths.is_empty())
        || cx.spec.spec_section("relevant-files").is_none()
    {
        return;
    }
    let doc = cx.spec.doc;
    let mut spec: Vec<String> = Vec::new();
    let refs: &[FileRef] = crate::engine::checks::project_view::relevant_refs(cx.spec);
    spec.extend(refs.iter().map(|r| norm(&r.path)));
    spec.extend(path_tokens(doc).iter().map(|(p, _)| norm(p)));
    spec.retain(|s| !s.is_empty());
    let mut builder = globset::GlobSetBuilder::new();
    for s in spec.iter().filter(|s| s.contains('*')) {
        if let Ok(g) = globset::Glob::new(s) {
            builder.add(g);
        }
    }
    let globs = builder
        .build()
        .unwrap_or_else(|_| globset::GlobSet::empty());
    let spec_file = cx
        .spec
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    for task in &cx.tasks.tasks {
        let mut missing: Vec<&(String, crate::engine::trace::tasklist::Loc)> = Vec::new();
        for entry in &task.paths {
            let file = entry
                .0
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if kind_of_name(&file).is_some()
                || file == spec_file
                || file.contains("techspec")
                || !crate::project::references::looks_like_file_path(&entry.0)
                || named(&spec, &globs, &entry.0)
                || missing.iter().any(|m| m.0 == entry.0)
            {
                continue;
            }
            missing.push(entry);
        }
        let Some(first) = missing.first() else {
            continue;
        };
        let list = missing
            .iter()
            .take(5)
            .map(|m| format!("`{}`", m.0))
            .collect::<Vec<_>>()
            .join(", ");
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        let n = missing.len();
        out.push(
            Target::File(first.1.file),
            Diagnostic::new(
                CODE,
                first.1.span,
                format!(
                    "task {} names {n} file{} the spec does not: {list}{more}",
                    task.shown(),
                    if n == 1 { "" } else { "s" }
                ),
            )
            .help("add the file to the spec's Relevant Files (new to the spec), or drop it from the task"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn files_only_the_task_names() {
        let task = b"# Task 1.0: Ledger\n\n## Relevant Files\n\n- `internal/payments/ledger.go`\n- `internal/audit/log.go`\n";
        let found = findings_beside(REFUNDS, &[("1_task.md", task)], super::CODE);
        assert_eq!(
            found,
            ["1_task.md:6 task 1.0 names 1 file the spec does not: `internal/audit/log.go`"]
        );
        let known = b"# Task 1.0: Ledger\n\n## Relevant Files\n\n- `internal/payments/ledger.go`\n- `./internal/refunds/`\n";
        assert!(findings_beside(REFUNDS, &[("1_task.md", known)], super::CODE).is_empty());
    }
}
