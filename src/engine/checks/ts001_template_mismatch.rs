//! ## What it does
//! Reports a spec that matches no template reasonably: fewer than a third of
//! the chosen template's required sections were found. It names the template
//! that came closest and how many of its sections were found. When this
//! fires, the per-section structure checks are skipped, so the spec gets one
//! finding instead of twenty "missing section" errors.
//!
//! ## Why is this bad?
//! A tech spec written "freehand", or from an unrelated document type, cannot
//! be reviewed section by section; the workflow depends on the template.
//!
//! ## Example
//! ```markdown
//! # Notes
//! ## Ideas
//! ## Open questions
//! ```
//!
//! ## Use instead
//! Start from the template (`techspec new "Feature"`) and move the content
//! into its sections, or pick another template with `--template`.

use super::Context;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS001";

/// Whether an alignment is too poor to check section by section.
pub fn is_mismatch(matched_required: usize, required: usize) -> bool {
    required > 0 && matched_required * 3 < required
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let a = ctx.align;
    if !is_mismatch(a.matched_required, a.required) {
        return;
    }
    let span = ctx
        .doc
        .title_heading()
        .map(|h| h.span)
        .unwrap_or_else(|| Span::empty(ctx.doc.frontmatter.map_or(0, |f| f.end)));
    let t = ctx.template;
    let found: Vec<String> = t
        .sections
        .iter()
        .enumerate()
        .filter(|(ti, ts)| ts.required() && a.found[*ti].is_some())
        .map(|(_, ts)| format!("\"{}\"", ts.title))
        .collect();
    let n = a.matched_required;
    let which = if found.is_empty() {
        String::new()
    } else {
        format!(": {}", found.join(", "))
    };
    let message = match n {
        0 => format!(
            "this does not follow any known template: none of the {} required sections of the closest, `{}`, was found",
            a.required, t.name
        ),
        _ => format!(
            "this does not follow any known template: only {n} of the {} required sections of the closest, `{}`, {} found{which}",
            a.required,
            t.name,
            if n == 1 { "was" } else { "were" }
        ),
    };
    out.push(
        Diagnostic::new(CODE, span, message)
            .help("start from `techspec new` or choose a template with `--template NAME|PATH`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS001", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS001", "fail"));
    }
}
