//! ## What it does
//! Reports a Relevant Files entry written as an absolute path
//! (`/home/dev/project/src/app.ts`, `C:\work\app.cs`, `~/src/app.py`) or as a
//! `file://` link, once per path. Runs with or without a repository. A path
//! starting with `/` that names no machine folder (`/src/app.ts`,
//! `/Domain/User.swift`) is read as inside the repository (TS307).
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
use super::project_view::relevant_refs;
use crate::model::diagnostic::Diagnostic;
use crate::project::is_machine_path;

pub const CODE: &str = "TS302";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<String> = Vec::new();
    for r in relevant_refs(ctx) {
        let file_url = r.raw.starts_with("file://");
        if !file_url && !is_machine_path(&r.path) {
            continue;
        }
        if seen.contains(&r.path) {
            continue;
        }
        seen.push(r.path.clone());
        let what = if file_url {
            "a `file://` link"
        } else {
            "an absolute path"
        };
        let tail = ctx.project.and_then(|p| {
            let root = p.root.to_string_lossy().replace('\\', "/");
            r.path
                .strip_prefix(&format!("{root}/"))
                .map(str::to_string)
                .or_else(|| p.relative_tail(&r.path))
        });
        let help = match tail {
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
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS302", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS302", "fail"
        )));
    }
}
