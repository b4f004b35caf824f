//! ## What it does
//! Reports a requirement of the PRD beside the spec (`prd.md`, `_prd.md`, or
//! a PRD the spec links) that has an ID (`FR-3`, `RF-02`, `US-1`...) and that
//! the spec never addresses: the spec does not cite its ID, and no section
//! shares even a third of its terms. The finding points at the requirement's
//! own line in the PRD. A requirement the spec covers in other words (most of
//! its terms in one section) is not reported, nor is any requirement when the
//! PRD and the spec are written in different languages (English and
//! Portuguese: their words cannot be compared). User stories (`US-1`,
//! `HU-1`) speak the user's words, not the spec's: `techspec trace` shows
//! them, no finding is made.
//!
//! ## Why is this bad?
//! The tech spec is how the PRD gets built. A requirement it never mentions
//! is either forgotten, out of scope without saying so, or deferred; the task
//! list made from the spec will not have it either.
//!
//! ## Example
//! ```markdown
//! <!-- prd.md -->
//! 3. **FR-3**: Export the monthly statement as a PDF.
//! <!-- techspec.md says nothing of statements, exports or PDFs -->
//! ```
//!
//! ## Use instead
//! ```markdown
//! <!-- techspec.md, Implementation Design -->
//! The statement exporter renders the monthly statement as a PDF (FR-3).
//! ```
//! Or say in the spec that FR-3 is out of scope. `techspec trace SPEC`
//! shows which section addresses each requirement.

use super::text::spec_name;
use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS401";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    let Some(prd) = cx.companions.prd() else {
        return;
    };
    // A Portuguese PRD and an English spec share no words to compare.
    if cx.languages_differ {
        return;
    }
    for (req, cov) in cx.requirements.iter().zip(cx.coverage) {
        let Some(id) = &req.id else { continue };
        if req.is_user_story() || !cov.unaddressed() {
            continue;
        }
        let closest = match cov.closest {
            Some((si, share)) => format!(
                "; closest section: \"{}\" ({:.0}% of its terms)",
                cx.spec.section_title(si),
                share * 100.0
            ),
            None => String::new(),
        };
        out.push(
            Target::File(prd),
            Diagnostic::new(
                CODE,
                req.span,
                format!(
                    "requirement {id} is not addressed by the spec `{}`: its ID is not cited and no section covers its terms{closest}",
                    spec_name(cx)
                ),
            )
            .help(format!(
                "address {id} in the spec (cite the ID where it is implemented) or state that it is out of scope"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn an_id_the_spec_neither_cites_nor_covers() {
        let prd = b"# PRD\n\n## Functional Requirements\n\n1. **FR-1**: An agent requests a refund of a settled payment up to the refundable balance.\n2. **FR-2**: Customers receive a monthly PDF statement by email.\n";
        let found = findings_beside(REFUNDS, &[("prd.md", prd)], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("prd.md:6 requirement FR-2 is not addressed"),
            "{found:?}"
        );
        let cited = b"# PRD\n\n1. **FR-9**: Export monthly PDF statements by email.\n";
        let spec = REFUNDS.replace(
            "## Integration Points",
            "## Integration Points\n\nFR-9 is out of scope.\n",
        );
        assert!(findings_beside(&spec, &[("prd.md", cited)], super::CODE).is_empty());
    }
}
