//! ## What it does
//! Reports a file listed under Relevant Files that does not exist in the
//! repository (looked up from the repository root and from the spec's own
//! folder). When a file of the same name exists elsewhere, the finding says
//! where. Entries marked as new ("(new)", "to create", "novo", or listed under
//! a "New files" label) and glob patterns are not looked up, and neither are
//! local files the repository keeps out by design (matched by its
//! `.gitignore`, or a dotenv file such as `.env`).
//!
//! ## Why is this bad?
//! The implementing agent opens these files first; a wrong path sends it to
//! create a duplicate or to guess. Real specs list files that were renamed,
//! never existed, or were invented.
//!
//! ## Example
//! ```markdown
//! ### Relevant Files
//! - `src/services/refund_service.ts`
//! ```
//! (the file is `src/refunds/service.ts`)
//!
//! ## Use instead
//! ```markdown
//! ### Relevant Files
//! - `src/refunds/service.ts`
//! - `src/refunds/worker.ts` (new)
//! ```
//! `techspec files --spec PATH` suggests the files that match the spec.

use super::Context;
use super::project_view::{relevant_refs, resolved_refs};
use crate::model::diagnostic::Diagnostic;
use crate::project::PathStatus;

pub const CODE: &str = "TS301";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    for (r, status) in relevant_refs(ctx).iter().zip(resolved_refs(ctx)) {
        if r.new || r.path.contains(['*', '?', '{']) || r.path.is_empty() {
            continue;
        }
        if *status != PathStatus::Missing || project.is_local_only(r.path.trim_start_matches('/')) {
            continue;
        }
        let elsewhere = project.namesakes(&r.path);
        let mut d = Diagnostic::new(
            CODE,
            r.span,
            format!(
                "relevant file `{}` does not exist in the repository",
                r.path
            ),
        )
        .section("Relevant Files");
        d = match elsewhere {
            [] => d.help("fix the path, or mark the entry \"(new)\" if the feature creates it"),
            [one] => d.help(format!("did you mean `{one}`?")),
            many => d.help(format!(
                "did you mean one of {}?",
                many.iter()
                    .take(3)
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS301", "pass").is_empty());
    }

    #[test]
    fn local_only_files_are_not_missing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "secrets/\n*.local.json\n").unwrap();
        let p = crate::project::Project::open(dir.path());
        for local in [
            ".env",
            "config/.env.production",
            "secrets/key.pem",
            "app.local.json",
        ] {
            assert!(p.is_local_only(local), "{local}");
        }
        for tracked in [".env.example", "src/app.ts", "secrets.md"] {
            assert!(!p.is_local_only(tracked), "{tracked}");
        }
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS301", "fail"
        )));
    }
}
