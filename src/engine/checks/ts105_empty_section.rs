//! ## What it does
//! Reports a section with no content, or whose only content is a stand-in
//! such as `TBD`, `TODO`, `...`, `-` or "to be defined". A section whose
//! subsections carry the content (Testing Approach with Unit Tests under it)
//! is not empty. "N/A" and "Not applicable" are content: an explicit answer.
//!
//! ## Why is this bad?
//! An empty heading looks complete in an outline but answers nothing; the
//! agent that implements the spec has to guess.
//!
//! ## Example
//! ```markdown
//! ### Known Risks
//!
//! TBD
//! ```
//!
//! ## Use instead
//! ```markdown
//! ### Known Risks
//!
//! - The refund provider rate-limits at 10 req/s: batch and back off.
//! ```

use super::Context;
use crate::model::align::SpecMatch;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::BlockKind;

pub const CODE: &str = "TS105";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let empty = ctx.empty_sections();
    for (si, m) in ctx.align.spec.iter().enumerate() {
        let SpecMatch::Section { template: ti, .. } = *m else {
            continue;
        };
        if !empty[si] {
            continue;
        }
        let s = &doc.sections[si];
        let blocks = doc.section_blocks(si);
        let h = &doc.headings[s.heading];
        let what = if blocks
            .iter()
            .any(|b| b.depth == 0 && !matches!(b.kind, BlockKind::Html))
        {
            "only a stand-in such as TBD"
        } else {
            "no content"
        };
        out.push(
            Diagnostic::new(CODE, h.span, format!("section \"{}\" has {what}", h.text))
                .section(ctx.template.sections[ti].title.clone())
                .help(if ctx.template.sections[ti].optional {
                    "write its content, or \"N/A\" with the reason (the section is optional: it may also be removed)"
                } else {
                    "write its content, or \"N/A\" with the reason it does not apply"
                }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{check_fixture, findings};
    use crate::engine::checks::text::is_stand_in;

    #[test]
    fn pass() {
        assert!(findings("TS105", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_fixture("TS105", "fail"));
    }

    #[test]
    fn stand_ins() {
        for s in ["TBD", "**TODO**", "...", "…", "-", "A definir"] {
            assert!(is_stand_in(s), "{s}");
        }
        for s in ["N/A", "Not applicable: no external services.", "None."] {
            assert!(!is_stand_in(s), "{s}");
        }
    }
}
