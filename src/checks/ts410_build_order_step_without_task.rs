//! ## What it does
//! When a task list (`tasks.md`, `_tasks.md`) or task files (`1_task.md`,
//! `task_01.md`) sit beside the spec, reports a Build Order step that no task
//! stands for: no task's title or text shares at least 40% of the step's
//! terms. Matching is lexical (accents and word endings ignored), so a task
//! that does the step in other words may be missed: a warning, not an error.
//!
//! ## Why is this bad?
//! The tasks are how the spec gets built. A step with no task is work that
//! nobody will pick up, or a Build Order that no longer says what the team
//! builds.
//!
//! ## Example
//! ```markdown
//! ### Build Order
//! 1. Migration and `Refund` model.
//! 2. Refund API handler.
//! 3. Reconciliation worker.
//! <!-- tasks.md has tasks for 1 and 2 only -->
//! ```
//!
//! ## Use instead
//! ```markdown
//! - [ ] 3.0 Reconciliation worker
//! ```
//! Or drop the step from the Build Order if it is no longer planned.

use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document, Span};
use crate::trace::coverage::terms;
use crate::trace::prd::item_own_span;
use crate::trace::{Findings, Target, TraceContext};

pub const CODE: &str = "TS410";

/// A task sharing this share of a step's terms stands for it.
const MATCH: f64 = 0.4;

/// The steps of the Build Order: the items of its outermost lists, else its
/// sub-headings. (span, text).
pub fn steps(doc: &Document, section: usize) -> Vec<(Span, String)> {
    let span = doc.sections[section].span;
    let lists: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            span.covers(b.span) && matches!(b.kind, BlockKind::List { .. }) && b.parent.is_none()
        })
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for li in lists {
        for (i, b) in doc.blocks.iter().enumerate().skip(li + 1) {
            if b.span.start >= doc.blocks[li].span.end {
                break;
            }
            if b.parent == Some(li) && matches!(b.kind, BlockKind::Item { .. }) {
                let own = item_own_span(doc, i);
                let text = doc.slice(own).to_string();
                let first = text.lines().next().unwrap_or("").len();
                out.push((Span::new(own.start, own.start + first), text));
            }
        }
    }
    if out.is_empty() {
        for &c in &doc.sections[section].children {
            let h = doc.section_heading(c);
            out.push((h.span, h.text.clone()));
        }
    }
    out
}

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    if cx.tasks.tasks.is_empty() {
        return;
    }
    let Some(section) = cx.spec.spec_section("build-order") else {
        return;
    };
    let task_terms: Vec<_> = cx
        .tasks
        .tasks
        .iter()
        .map(|t| {
            let mut s = terms(&t.title);
            s.extend(terms(&t.text));
            s
        })
        .collect();
    let where_ = where_tasks(cx);
    for (n, (span, text)) in steps(cx.spec.doc, section).into_iter().enumerate() {
        let want = terms(&text);
        if want.len() < 2 {
            continue;
        }
        let best = task_terms
            .iter()
            .map(|t| want.iter().filter(|w| t.contains(*w)).count() as f64 / want.len() as f64)
            .fold(0.0, f64::max);
        if best >= MATCH {
            continue;
        }
        out.push(
            Target::Spec,
            Diagnostic::new(
                CODE,
                span,
                format!(
                    "Build Order step {} has no task: no task in {where_} shares its terms (\"{}\")",
                    n + 1,
                    crate::checks::text::excerpt(text.trim(), 60)
                ),
            )
            .section(cx.spec.section_title(section))
            .help("add a task for this step, or drop the step if it is no longer planned"),
        );
    }
}

/// Where the tasks were read from: `tasks.md and 6 task files`.
pub(crate) fn where_tasks(cx: &TraceContext<'_>) -> String {
    let list = cx
        .companions
        .files
        .iter()
        .enumerate()
        .find(|(_, c)| c.kind == crate::trace::Kind::TaskList)
        .map(|(i, _)| format!("`{}`", cx.name(i)));
    let files = cx
        .companions
        .files
        .iter()
        .filter(|c| c.kind == crate::trace::Kind::TaskFile)
        .count();
    match (list, files) {
        (Some(l), 0) => l,
        (Some(l), 1) => format!("{l} and 1 task file"),
        (Some(l), n) => format!("{l} and {n} task files"),
        (None, 1) => "the task file".into(),
        (None, n) => format!("the {n} task files"),
    }
}
