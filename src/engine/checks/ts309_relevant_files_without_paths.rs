//! ## What it does
//! Reports a Relevant Files section that has content but names no file: no
//! path in a list item, a code span, a link or a directory tree. Runs with or
//! without a repository. A section that says no file is involved ("None",
//! "N/A", "Nenhum") is not reported.
//!
//! ## Why is this bad?
//! The implementing agent starts from these files; "the handler and its
//! tests" sends it searching, and no project check can verify a path that
//! is not written.
//!
//! ## Example
//! ```markdown
//! ### Relevant Files
//! The refund handler and the payment client.
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Relevant Files
//! - `internal/refunds/handler.go`
//! - `internal/payments/client.go`
//! ```
//! `techspec files --spec PATH` suggests the files that match the spec.

use super::Context;
use super::project_view::relevant_refs;
use crate::model::diagnostic::Diagnostic;
use crate::project::references::looks_like_path;

pub const CODE: &str = "TS309";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(si) = ctx.spec_section("relevant-files") else {
        return;
    };
    if !relevant_refs(ctx).is_empty() {
        return;
    }
    let h = ctx.doc.section_heading(si);
    let body = ctx.doc.sections[si].span;
    let text = ctx.doc.slice(crate::model::document::Span::new(
        h.span.end.min(body.end),
        body.end,
    ));
    let words: Vec<&str> = text.split_whitespace().collect();
    // Empty or a stand-in ("TBD") is TS105's; "None"/"N/A" is a statement.
    let lower = text.to_lowercase();
    if words.len() < 3
        || (words.len() < 12
            && [
                "none",
                "n/a",
                "nenhum",
                "nenhuma",
                "não se aplica",
                "not applicable",
            ]
            .iter()
            .any(|m| lower.contains(m)))
    {
        return;
    }
    // A path written in prose still names a file (`see src/app.ts`).
    if words.iter().any(|w| {
        w.contains('/') && looks_like_path(w.trim_matches(['(', ')', ',', '.', '*', '`', ':']))
    }) {
        return;
    }
    out.push(
        Diagnostic::new(
            CODE,
            h.span,
            format!("\"{}\" names no file", h.text),
        )
        .section("Relevant Files")
        .help("list the files the change touches, one per line as `path/to/file` (mark new ones \"(new)\"); `techspec files --spec` suggests them"),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::project_findings;

    #[test]
    fn pass() {
        assert!(project_findings("TS309", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(crate::engine::checks::tests::render(&project_findings(
            "TS309", "fail"
        )));
    }
}
