//! ## What it does
//! Reports a task dependency (`Depends on: 3.0`, `dependencies: [task_07]`
//! in a task file's frontmatter, a Dependencies column of the task table)
//! that names a task which does not exist in the task list or the task
//! files beside the spec.
//!
//! ## Why is this bad?
//! A dependency on a missing task cannot be satisfied: the task waits
//! forever, or the order was renumbered and the dependency now points
//! nowhere.
//!
//! ## Example
//! ```markdown
//! - [ ] 2.0 Refund API
//!   - Depends on: 5.0
//! <!-- there is no task 5.0 -->
//! ```
//!
//! ## Use instead
//! ```markdown
//! - [ ] 2.0 Refund API
//!   - Depends on: 1.0
//! ```

use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS413";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    if cx.tasks.tasks.is_empty() {
        return;
    }
    let known: Vec<&str> = cx.tasks.tasks.iter().map(|t| t.id.as_str()).collect();
    let shown: Vec<&str> = cx.tasks.tasks.iter().map(|t| t.shown()).collect();
    for task in &cx.tasks.tasks {
        for (dep, loc) in &task.deps {
            // `2.1` is a sub-task of 2: it exists when 2 does.
            let major = dep.split('.').next().unwrap_or(dep);
            if known.contains(&dep.as_str()) || known.contains(&major) {
                continue;
            }
            let written = cx
                .doc(loc.file)
                .map(|d| d.slice(loc.span).trim().to_string())
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| dep.clone());
            out.push(
                Target::File(loc.file),
                Diagnostic::new(
                    CODE,
                    loc.span,
                    format!(
                        "task {} depends on `{written}`, which is no task here (tasks: {})",
                        task.shown(),
                        shown.join(", ")
                    ),
                )
                .help("point the dependency at an existing task, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_dependency_on_no_task() {
        let list = b"# Tasks\n\n- [ ] 1.0 Schema\n- [ ] 2.0 API\n  - Depends on: 1.0, 5.0\n";
        let found = findings_beside(REFUNDS, &[("tasks.md", list)], super::CODE);
        assert_eq!(
            found,
            ["tasks.md:5 task 2.0 depends on `5.0`, which is no task here (tasks: 1.0, 2.0)"]
        );
    }
}
