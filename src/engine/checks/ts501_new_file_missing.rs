//! ## What it does
//! With `techspec check --implemented`: reports a file that Relevant Files
//! marks as new ("(new)", "to create", "novo", or listed under a "New files"
//! label) and that still does not exist in the repository, looked up from
//! the repository root and from the spec's folder. Glob patterns, and
//! entries whose line calls them optional ("optional", "opcional"), are not
//! looked up.
//!
//! ## Why is this bad?
//! Once the feature is built, a file the spec promised and nobody created
//! means the plan changed without the spec, or a part of the work was
//! skipped. Either the code or the spec is wrong, and the next reader of the
//! spec is misled.
//!
//! ## Example
//! ```markdown
//! ### Relevant Files
//! - `src/refunds/worker.ts` (new)
//! ```
//! (after the merge, the worker lives in `src/jobs/refund-worker.ts`)
//!
//! ## Use instead
//! ```markdown
//! ### Relevant Files
//! - `src/jobs/refund-worker.ts` (new)
//! ```
//! or create the file the spec names.

use crate::engine::implemented::{Implemented, exists};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS501";

pub fn check(ctx: &Implemented<'_>, out: &mut Vec<Diagnostic>) {
    for r in &ctx.exp.new_files {
        if exists(ctx.project, &r.path, ctx.spec_dir) {
            continue;
        }
        let elsewhere = ctx.project.namesakes(&r.path);
        let help = match elsewhere {
            [] => "create it, or update the spec if the plan changed".to_string(),
            [one] => format!("a file of that name is at `{one}`: update the spec"),
            many => format!(
                "files of that name: {}",
                many.iter()
                    .take(3)
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push(
            Diagnostic::new(
                CODE,
                r.span,
                format!(
                    "`{}` is marked new in {} but does not exist after implementation (looked from the repository root and from the spec's folder)",
                    r.path, ctx.exp.relevant_title
                ),
            )
            .section(ctx.exp.relevant_title.clone())
            .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::implemented::{findings_of, temp_repo};

    #[test]
    fn pass() {
        let repo = temp_repo(&[
            (
                "spec.md",
                "# T\n\n## Relevant Files\n\n- `src/a.ts` (new)\n- `src/b.ts`\n- `src/c.test.ts` (new, optional)\n",
            ),
            ("src/a.ts", ""),
        ]);
        assert!(findings_of(repo.path(), "spec.md", "TS501").is_empty());
    }

    #[test]
    fn fail() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/implemented/en");
        assert_eq!(
            findings_of(&root, "specs/refunds.md", "TS501"),
            [
                "56: `src/refunds/worker.ts` is marked new in Relevant Files but does not exist after implementation (looked from the repository root and from the spec's folder)"
            ]
        );
    }
}
