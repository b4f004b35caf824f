//! ## What it does
//! When a task list (`tasks.md`, `_tasks.md`) or task files (`1_task.md`,
//! `task_01.md`) sit beside the spec, reports a Build Order step that no task
//! stands for: no task's title or text shares at least 40% of the terms of
//! the step's first line, or of the step with its nested items. Matching is lexical (accents and word endings ignored), so a task
//! that does the step in other words may be missed: a warning, not an error.
//! Tasks written in another language than the spec (English and Portuguese)
//! are not compared.
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

use crate::engine::trace::coverage::terms;
use crate::engine::trace::prd::item_own_span;
use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Document, Span};

pub const CODE: &str = "TS410";

/// A task sharing this share of a step's terms stands for it.
const MATCH: f64 = 0.4;

/// The steps of the Build Order: the items of its outermost lists, else its
/// sub-headings. (span of the first line, first line, whole text with nested items).
pub fn steps(doc: &Document, section: usize) -> Vec<(Span, String, String)> {
    let lists = doc.top_level_lists(section);
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
                let whole = doc.slice(Span::new(own.start, b.span.end)).to_string();
                out.push((Span::new(own.start, own.start + first), text, whole));
            }
        }
    }
    if out.is_empty() {
        for &c in &doc.sections[section].children {
            let h = doc.section_heading(c);
            let body = doc.slice(doc.sections[c].span).to_string();
            out.push((h.span, h.text.clone(), body));
        }
    }
    out
}

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    // Tasks in Portuguese and a spec in English share no words to compare.
    if cx.tasks.tasks.is_empty() || cx.task_languages_differ {
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
    let share = |want: &std::collections::HashSet<String>| {
        task_terms
            .iter()
            .map(|t| {
                want.iter().filter(|w| t.contains(*w)).count() as f64 / want.len().max(1) as f64
            })
            .fold(0.0, f64::max)
    };
    for (n, (span, text, whole)) in steps(cx.spec.doc, section).into_iter().enumerate() {
        let want = step_terms(&text);
        if want.len() < 2 {
            continue;
        }
        // The step's title, or the step with its nested items.
        let best = share(&want).max(share(&step_terms(&whole)));
        if best >= MATCH {
            continue;
        }
        out.push(
            Target::Spec,
            Diagnostic::new(
                CODE,
                span,
                format!(
                    "Build Order step {} has no task: none of the tasks in {where_} shares its terms (\"{}\")",
                    n + 1,
                    crate::engine::checks::text::excerpt(text.trim(), 60)
                ),
            )
            .section(cx.spec.section_title(section))
            .help("add a task for this step, or drop the step if it is no longer planned"),
        );
    }
}

/// Words that number a step, not what it builds.
const STEP_WORDS: &[&str] = &["phase", "fase", "step", "etapa", "passo", "stage", "sprint"];

fn step_terms(text: &str) -> std::collections::HashSet<String> {
    let mut t = terms(text);
    t.retain(|w| !STEP_WORDS.contains(&w.as_str()));
    t
}

/// Where the tasks were read from: `tasks.md and 6 task files`.
pub(crate) fn where_tasks(cx: &TraceContext<'_>) -> String {
    let list = cx
        .companions
        .files
        .iter()
        .enumerate()
        .find(|(_, c)| c.kind == crate::engine::trace::Kind::TaskList)
        .map(|(i, _)| format!("`{}`", cx.name(i)));
    let files = cx
        .companions
        .files
        .iter()
        .filter(|c| c.kind == crate::engine::trace::Kind::TaskFile)
        .count();
    match (list, files) {
        (Some(l), 0) => l,
        (Some(l), 1) => format!("{l} and 1 task file"),
        (Some(l), n) => format!("{l} and {n} task files"),
        (None, 1) => "the task file".into(),
        (None, n) => format!("the {n} task files"),
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_step_no_task_stands_for() {
        let tasks = b"# Tasks\n\n- [ ] 1.0 Migration and Refund model\n- [ ] 2.0 Refundable balance calculation in the ledger\n- [ ] 3.0 API handler and routes\n- [ ] 4.0 Worker and processor client\n- [ ] 5.0 Webhook branch and ledger entry on settlement\n";
        let found = findings_beside(REFUNDS, &[("tasks.md", tasks)], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("techspec.md:74 Build Order step 6 has no task"),
            "{found:?}"
        );
        let all = [&tasks[..], b"- [ ] 6.0 Integration tests and dashboards\n"].concat();
        assert!(findings_beside(REFUNDS, &[("tasks.md", &all)], super::CODE).is_empty());
    }
}
