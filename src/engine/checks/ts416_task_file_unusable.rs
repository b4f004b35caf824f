//! ## What it does
//! Reports a task list (`tasks.md`, `_tasks.md`) or task file (`1_task.md`,
//! `task_01.md`) beside the spec that cannot be read as Markdown: empty,
//! binary, over the size limit, unreadable, or not valid UTF-8 (then read
//! with the bad bytes replaced). The other task files are checked as usual.
//!
//! ## Why is this bad?
//! An empty or broken task file is a task nobody can follow, and the checks
//! that compare tasks with the spec cannot see it.
//!
//! ## Example
//! ```markdown
//! tasks/prd-invoices/3_task.md     (0 bytes)
//! ```
//!
//! ## Use instead
//! ```markdown
//! tasks/prd-invoices/3_task.md     (# Task 3.0: Invoice PDF ...)
//! ```
//! Or remove the file.

use crate::engine::trace::{Findings, Kind, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS416";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    for (i, c) in cx.companions.files.iter().enumerate() {
        if c.kind == Kind::Prd {
            continue;
        }
        if let Some(problem) = &c.problem {
            let what = if c.kind == Kind::TaskList {
                "task list"
            } else {
                "task file"
            };
            out.push(
                Target::File(i),
                Diagnostic::new(
                    CODE,
                    Span::empty(0),
                    format!("the {what} is unusable: {problem}"),
                )
                .help("write the task in this file, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn empty_binary_and_not_utf8_task_files() {
        let found = findings_beside(
            REFUNDS,
            &[
                ("1_task.md", b""),
                ("2_task.md", b"\0bin"),
                ("3_task.md", b"# T\xe7\n"),
            ],
            super::CODE,
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[2].contains("not valid UTF-8"), "{found:?}");
        assert!(
            findings_beside(REFUNDS, &[("1_task.md", b"# Task 1.0: A\n")], super::CODE).is_empty()
        );
    }
}
