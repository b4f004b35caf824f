//! ## What it does
//! Reports a Relevant Files entry written as an absolute path
//! (`/home/dev/project/src/app.ts`, `C:\work\app.cs`, `~/src/app.py`) or as a
//! `file://` link. A path starting with `/` that exists from the repository
//! root (`/src/app.ts`) is accepted as repository-relative.
//!
//! ## Why is this bad?
//! An absolute path is one person's machine: it breaks for everyone else and
//! for the agent in CI, and it leaks local directory names.
//!
//! ## Example
//! ```markdown
//! - [handler](file:///home/ana/shop/internal/refunds/handler.go)
//! ```
//!
//! ## Use instead
//! ```markdown
//! - `internal/refunds/handler.go`
//! ```

use super::Context;
use super::project::{relevant_refs, spec_dir};
use crate::diagnostic::Diagnostic;
use crate::project::PathStatus;

pub const CODE: &str = "TS302";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(project) = ctx.project else { return };
    let dir = spec_dir(ctx);
    for r in relevant_refs(ctx) {
        let file_url = r.raw.starts_with("file://");
        if !file_url && project.resolve(&r.path, &dir) != PathStatus::Absolute {
            continue;
        }
        let what = if file_url {
            "a `file://` link"
        } else {
            "an absolute path"
        };
        let root = project.root.to_string_lossy().replace('\\', "/");
        let help = match r.path.strip_prefix(&format!("{root}/")) {
            Some(rel) => format!("write it relative to the repository root: `{rel}`"),
            None => "write it relative to the repository root".to_string(),
        };
        out.push(
            Diagnostic::new(CODE, r.span, format!("relevant file `{}` is {what}", r.raw))
                .section("Relevant Files")
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS302", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::checks::tests::render(&project_findings(
            "TS302", "fail"
        )));
    }
}
