//! ## What it does
//! Reports a task marked done — checked in the task list (`- [x] 1.0 ...`),
//! `status: completed` / `done` in its file's frontmatter, or a checked box
//! for the task itself — while some of its sub-tasks, tests or success
//! criteria are still unchecked (`- [ ]`), in the task list or in the task's
//! own file (sections Subtasks, Tests, Success / Acceptance Criteria and
//! their Portuguese names). Open questions and other boxes are not counted,
//! nor items that say they are deferred, optional, not applicable or
//! covered in another task.
//!
//! ## Why is this bad?
//! "Done" is what the next task, the reviewer and the release trust. A task
//! closed with its criteria unchecked either skipped them or never updated
//! the boxes; either way the list no longer tells the truth.
//!
//! ## Example
//! ```markdown
//! - [x] 1.0 Refund schema
//!   - [x] 1.1 Migration
//!   - [ ] 1.2 Backfill existing payments
//! ```
//!
//! ## Use instead
//! ```markdown
//! - [ ] 1.0 Refund schema
//!   - [x] 1.1 Migration
//!   - [ ] 1.2 Backfill existing payments
//! ```
//! Or check the items that are really done.

use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS412";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    for task in &cx.tasks.tasks {
        let Some(done) = task.done else { continue };
        let Some(first) = task.open.first() else {
            continue;
        };
        let n = task.open.len();
        let at = cx
            .doc(first.file)
            .map(|d| d.line_col(first.span.start).line)
            .unwrap_or(1);
        let place = format!("{}:{at}", cx.name(first.file));
        out.push(
            Target::File(done.file),
            Diagnostic::new(
                CODE,
                done.span,
                format!(
                    "task {} is marked done but {n} of its sub-tasks, tests or criteria {} unchecked (first: {place})",
                    task.shown(),
                    if n == 1 { "is" } else { "are" }
                ),
            )
            .help("check the items that are done, or reopen the task"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn done_with_an_unchecked_sub_task() {
        let list = b"# Tasks\n\n- [x] 1.0 Schema\n  - [x] 1.1 Migration\n  - [ ] 1.2 Backfill\n";
        let found = findings_beside(REFUNDS, &[("tasks.md", list)], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("tasks.md:3 task 1.0 is marked done but 1 of"),
            "{found:?}"
        );
        let file = b"---\nstatus: completed\n---\n\n# Task 1.0: Schema\n\n## Success Criteria\n\n- [ ] The migration rolls back\n";
        let found = findings_beside(REFUNDS, &[("1_task.md", file)], super::CODE);
        assert!(
            found[0].starts_with("1_task.md:2 task 1.0 is marked done"),
            "{found:?}"
        );
        let deferred = b"# Tasks\n\n- [x] 1.0 Schema\n  - [x] 1.1 Migration\n  - [ ] 1.2 Backfill (deferred)\n";
        assert!(findings_beside(REFUNDS, &[("tasks.md", deferred)], super::CODE).is_empty());
    }

    /// Items that leave their work to another task, or to later, in English
    /// or Portuguese, are not open work; an item that only talks about
    /// coverage still is.
    #[test]
    fn items_left_to_another_task_are_not_open() {
        let left = "---\nstatus: completed\n---\n\n# Tarefa 5.0: Guarda de papéis\n\n## Testes\n\n- [x] Teste unitário do guard\n- [ ] **Teste de integração**: rota protegida redireciona (coberto na task 10.0)\n- [ ] **Testes de unidade com mocks**: documentados em `useRoles.test.ts` (executar quando Vitest for adicionado)\n- [ ] Full HTTP flow (covered in task 8.0)\n";
        let found = findings_beside(REFUNDS, &[("5.0_task.md", left.as_bytes())], super::CODE);
        assert!(found.is_empty(), "{found:?}");
        let open = left.replace(
            "- [ ] Full HTTP flow (covered in task 8.0)",
            "- [ ] Endpoints covered by tests",
        );
        let found = findings_beside(REFUNDS, &[("5.0_task.md", open.as_bytes())], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
