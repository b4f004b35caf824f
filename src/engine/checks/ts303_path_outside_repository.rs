//! ## What it does
//! Reports a Relevant Files entry whose path leaves the repository
//! (`../../etc/passwd`, `../other-service/src/x.ts`). Such paths are reported
//! and never read or even looked up.
//!
//! ## Why is this bad?
//! A spec describes a change to this repository; a path outside it is either
//! a mistake or points the implementing agent at files it must not touch.
//!
//! ## Example
//! ```markdown
//! - `../../shared-lib/src/client.ts`
//! ```
//!
//! ## Use instead
//! Reference the dependency by its package name in Technical Dependencies,
//! and list only files of this repository.

use super::Context;
use super::project_view::{relevant_refs, resolved_refs};
use crate::model::diagnostic::Diagnostic;
use crate::project::PathStatus;

pub const CODE: &str = "TS303";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (r, status) in relevant_refs(ctx).iter().zip(resolved_refs(ctx)) {
        if *status == PathStatus::Escapes {
            out.push(
                Diagnostic::new(CODE, r.span, format!("relevant file `{}` is outside the repository", r.raw))
                    .section("Relevant Files")
                    .help("list only files of this repository; name external dependencies in Technical Dependencies"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS303", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS303", "fail"
        )));
    }
}
