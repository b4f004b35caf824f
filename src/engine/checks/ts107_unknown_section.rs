//! ## What it does
//! Reports, for information, a section the template does not have — such as
//! "Impact Analysis". Extra sections are allowed; this makes them visible.
//! Subsections inside a template section that has no subsections of its own
//! (for example "Phase 1" under Build Order) are content, not reported.
//!
//! ## Why is this bad?
//! It is not: real specs add useful sections. But a section that is really a
//! renamed template section ("Interfaces Overview") hides that section, and
//! this finding is where to notice it.
//!
//! ## Example
//! ```markdown
//! ## Impact Analysis
//! ```
//!
//! ## Use instead
//! Keep it if it adds something the template lacks; if it is a template
//! section under another name, use the template's title. Turn this check off
//! with `[checks] unknown-section = "off"` in `techspec.toml`.

use super::Context;
use crate::model::align::{SpecMatch, is_leaf_match};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS107";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spec = &ctx.align.spec;
    for (si, m) in spec.iter().enumerate() {
        if *m != SpecMatch::Unknown {
            continue;
        }
        // Only the topmost unknown heading of a subtree, and not inside leaf sections.
        let mut p = ctx.doc.sections[si].parent;
        let mut inside = false;
        while let Some(pi) = p {
            if spec[pi] == SpecMatch::Unknown || is_leaf_match(spec, pi, ctx.template) {
                inside = true;
                break;
            }
            p = ctx.doc.sections[pi].parent;
        }
        if inside {
            continue;
        }
        let h = ctx.doc.section_heading(si);
        out.push(
            Diagnostic::new(CODE, h.span, format!("section \"{}\" is not in the template `{}`", h.text, ctx.template.name))
                .help("fine if intended; if it is a template section under another name, use the template's title"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};

    #[test]
    fn pass() {
        assert!(findings("TS107", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS107", "fail"));
    }
}
