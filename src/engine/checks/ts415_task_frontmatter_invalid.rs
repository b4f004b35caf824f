//! ## What it does
//! Validates the frontmatter of task files (compozy writes `status`,
//! `title`, `type`, `complexity` and `dependencies`) when there is one:
//! frontmatter that is not valid YAML, a `status` that is not a known state
//! (`pending`, `in-progress`, `completed`, `done`, `blocked`, `cancelled`...,
//! and the Portuguese words), a `complexity` that is not a known size (`low`,
//! `medium`, `high`, `critical`, `S`/`M`/`L`/`XL`...), an empty `type`, and
//! `dependencies` that are not a list.
//!
//! ## Why is this bad?
//! Tools and agents read these fields to pick the next task and to know
//! what is finished; a misspelt status (`complete d`, `finished?`) reads as
//! not done, or as nothing at all.
//!
//! ## Example
//! ```markdown
//! ---
//! status: finito
//! complexity: huge
//! dependencies: task_01 task_02
//! ---
//! ```
//!
//! ## Use instead
//! ```markdown
//! ---
//! status: completed
//! complexity: high
//! dependencies: [task_01, task_02]
//! ---
//! ```

use crate::engine::trace::{Findings, Kind, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{Document, Span};
use crate::project::rules::{Value, parse_frontmatter};

pub const CODE: &str = "TS415";

const STATUSES: &[&str] = &[
    "pending",
    "todo",
    "to do",
    "to-do",
    "open",
    "not started",
    "not-started",
    "in progress",
    "in-progress",
    "in_progress",
    "wip",
    "doing",
    "started",
    "review",
    "in review",
    "in-review",
    "completed",
    "complete",
    "done",
    "finished",
    "blocked",
    "cancelled",
    "canceled",
    "skipped",
    "deferred",
    "pendente",
    "a fazer",
    "em andamento",
    "em progresso",
    "concluido",
    "concluida",
    "feito",
    "finalizado",
    "finalizada",
    "bloqueado",
    "bloqueada",
    "cancelado",
    "cancelada",
];

const COMPLEXITIES: &[&str] = &[
    "trivial",
    "low",
    "medium",
    "high",
    "critical",
    "very high",
    "very-high",
    "s",
    "m",
    "l",
    "xl",
    "xs",
    "small",
    "large",
    "baixa",
    "baixo",
    "media",
    "medio",
    "alta",
    "alto",
    "critica",
    "muito alta",
];

fn norm(s: &str) -> String {
    deunicode::deunicode(s.trim().trim_matches(['"', '\'']))
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The line of `key:` in the frontmatter.
fn key_line(doc: &Document, fm: Span, key: &str) -> Span {
    let raw = doc.slice(fm);
    let mut off = 0;
    for line in raw.split_inclusive('\n') {
        if line
            .trim_start()
            .to_ascii_lowercase()
            .starts_with(&format!("{key}:"))
        {
            return Span::new(fm.start + off, fm.start + off + line.trim_end().len());
        }
        off += line.len();
    }
    Span::new(fm.start, fm.start)
}

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    for (i, c) in cx.companions.files.iter().enumerate() {
        if c.kind != Kind::TaskFile {
            continue;
        }
        let Some(doc) = &c.doc else { continue };
        let Some(fm) = doc.frontmatter else { continue };
        let parsed = parse_frontmatter(doc.slice(fm));
        let mut push = |span: Span, msg: String, help: &str| {
            out.push(Target::File(i), Diagnostic::new(CODE, span, msg).help(help));
        };
        if !parsed.strict {
            push(
                Span::new(fm.start, fm.start + 3),
                "the task's frontmatter is not valid YAML; it was read line by line".into(),
                "quote values that hold `:`, `#`, `*` or `[`",
            );
        }
        if let Some(v) = parsed.get("status") {
            let s = v.as_str().map(norm).unwrap_or_default();
            if !STATUSES.contains(&s.as_str()) {
                push(
                    key_line(doc, fm, "status"),
                    format!(
                        "unknown task status `{}` (expected pending, in-progress, completed, done, blocked...)",
                        v.as_str().unwrap_or("(a list)")
                    ),
                    "use a known status, so that tools can tell whether the task is done",
                );
            }
        }
        if let Some(v) = parsed.get("complexity") {
            let s = v.as_str().map(norm).unwrap_or_default();
            if !COMPLEXITIES.contains(&s.as_str()) {
                push(
                    key_line(doc, fm, "complexity"),
                    format!(
                        "unknown task complexity `{}` (expected low, medium, high or critical)",
                        v.as_str().unwrap_or("(a list)")
                    ),
                    "use low, medium, high or critical",
                );
            }
        }
        if let Some(v) = parsed.get("type")
            && v.as_str().is_none_or(|s| s.trim().is_empty())
        {
            push(
                key_line(doc, fm, "type"),
                "the task's `type` is empty".into(),
                "name the kind of task (backend, frontend, infra, test, docs...) or remove the key",
            );
        }
        for key in ["dependencies", "blocked_by"] {
            if let Some(Value::String(s)) = parsed.get(key) {
                let t = s.trim();
                let list_like = t.is_empty()
                    || (t.starts_with('[') && t.ends_with(']'))
                    || !t.contains(char::is_whitespace)
                    || t.contains(',');
                if !list_like {
                    push(
                        key_line(doc, fm, key),
                        format!("`{key}` is not a list: `{t}`"),
                        "write the dependencies as a YAML list: `[task_01, task_02]`",
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn unknown_status_and_complexity() {
        let file = b"---\nstatus: finito\ncomplexity: huge\ntype: backend\ndependencies: [task_01]\n---\n\n# Task 2\n";
        let found = findings_beside(REFUNDS, &[("task_02.md", file)], super::CODE);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("task_02.md:2 unknown task status `finito`"),
            "{found:?}"
        );
        let good = b"---\nstatus: em andamento\ncomplexity: medium\n---\n\n# Task 2\n";
        assert!(findings_beside(REFUNDS, &[("task_02.md", good)], super::CODE).is_empty());
    }
}
