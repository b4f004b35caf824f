//! ## What it does
//! Reports, for information, a task list (`tasks.md`, `_tasks.md`) in which
//! no task can be found: no checklist item numbered like a task
//! (`- [ ] 1.0 Title`, `1. Title`) and no table numbered in its first
//! column. The checks that compare tasks with the spec then rely on the
//! task files alone.
//!
//! ## Why is this bad?
//! A task list whose tasks cannot be told apart cannot be traced to the
//! spec's Build Order, nor checked for done tasks with open items.
//!
//! ## Example
//! ```markdown
//! # Tasks
//! First the schema, then the API, then the worker.
//! ```
//!
//! ## Use instead
//! ```markdown
//! # Tasks
//! - [ ] 1.0 Schema
//! - [ ] 2.0 API
//! - [ ] 3.0 Worker
//! ```

use crate::engine::trace::{Findings, Kind, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS417";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    for (i, c) in cx.companions.files.iter().enumerate() {
        if c.kind != Kind::TaskList || c.problem.is_some() {
            continue;
        }
        let Some(doc) = &c.doc else { continue };
        if cx
            .tasks
            .tasks
            .iter()
            .any(|t| t.entry.is_some_and(|e| e.file == i))
        {
            continue;
        }
        out.push(
            Target::File(i),
            Diagnostic::new(
                CODE,
                doc.title_or_first_line(),
                "no tasks found in this task list (no items numbered like `- [ ] 1.0 Title`, no table numbered in its first column)",
            )
            .help("list the tasks as numbered checklist items: `- [ ] 1.0 Title`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_task_list_of_prose() {
        let found = findings_beside(
            REFUNDS,
            &[("tasks.md", b"# Tasks\n\nSchema, then API.\n")],
            super::CODE,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let table = b"# T\n\n| # | Title |\n|---|---|\n| 1 | Schema |\n";
        assert!(findings_beside(REFUNDS, &[("_tasks.md", table)], super::CODE).is_empty());
    }
}
