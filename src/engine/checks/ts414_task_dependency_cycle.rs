//! ## What it does
//! Reports task dependencies that form a cycle (`2.0` depends on `3.0`,
//! which depends on `2.0`), including a task that depends on itself. One
//! finding per cycle, at the dependency of its first task.
//!
//! ## Why is this bad?
//! No task of a cycle can start first: the order cannot be followed, by a
//! person or by an agent that runs tasks in dependency order.
//!
//! ## Example
//! ```markdown
//! - [ ] 2.0 Refund API
//!   - Depends on: 3.0
//! - [ ] 3.0 Refund worker
//!   - Depends on: 2.0
//! ```
//!
//! ## Use instead
//! ```markdown
//! - [ ] 2.0 Refund API
//! - [ ] 3.0 Refund worker
//!   - Depends on: 2.0
//! ```

use std::collections::HashMap;

use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS414";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    let tasks = &cx.tasks.tasks;
    let index: HashMap<&str, usize> = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = tasks
        .iter()
        .map(|t| {
            let mut e: Vec<usize> = t
                .deps
                .iter()
                .filter_map(|(d, _)| index.get(d.as_str()).copied())
                .collect();
            e.dedup();
            e
        })
        .collect();
    // Iterative depth-first search; 0 unseen, 1 on the stack, 2 done.
    let mut state = vec![0u8; tasks.len()];
    let mut reported: Vec<Vec<usize>> = Vec::new();
    for root in 0..tasks.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|(n, _)| *n == to).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|(n, _)| *n).collect();
                        let mut key = cycle.clone();
                        key.sort_unstable();
                        if !reported.contains(&key) {
                            reported.push(key);
                            cycle.push(to);
                            report(cx, &cycle, out);
                        }
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
}

fn report(cx: &TraceContext<'_>, cycle: &[usize], out: &mut Findings) {
    let tasks = &cx.tasks.tasks;
    let (Some(&a), Some(&b)) = (cycle.first(), cycle.get(1)) else {
        return;
    };
    let Some((_, loc)) = tasks[a].deps.iter().find(|(d, _)| *d == tasks[b].id) else {
        return;
    };
    let path = cycle
        .iter()
        .map(|&i| tasks[i].shown())
        .collect::<Vec<_>>()
        .join(" → ");
    let message = if cycle.len() == 2 {
        format!("task {} depends on itself", tasks[a].shown())
    } else {
        format!("task dependencies form a cycle: {path}")
    };
    out.push(
        Target::File(loc.file),
        Diagnostic::new(CODE, loc.span, message)
            .help("remove one dependency of the cycle so that the tasks can be ordered"),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_cycle_and_a_self_dependency() {
        let list = b"# Tasks\n\n- [ ] 1.0 Schema\n- [ ] 2.0 API\n  - Depends on: 3.0\n- [ ] 3.0 Worker\n  - Depends on: 2.0\n";
        let found = findings_beside(REFUNDS, &[("tasks.md", list)], super::CODE);
        assert_eq!(
            found,
            ["tasks.md:5 task dependencies form a cycle: 2.0 → 3.0 → 2.0"]
        );
        let own = b"# Tasks\n\n- [ ] 1.0 Schema\n  - Depends on: 1.0\n";
        let found = findings_beside(REFUNDS, &[("tasks.md", own)], super::CODE);
        assert_eq!(found, ["tasks.md:4 task 1.0 depends on itself"]);
        let fine = b"# Tasks\n\n- [ ] 1.0 Schema\n- [ ] 2.0 API\n  - Depends on: 1.0\n";
        assert!(findings_beside(REFUNDS, &[("tasks.md", fine)], super::CODE).is_empty());
    }
}
