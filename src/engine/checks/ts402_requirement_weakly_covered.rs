//! ## What it does
//! Reports, for information, a requirement of the PRD beside the spec that
//! has no ID (a numbered item under "Functional Requirements" / "Requisitos
//! Funcionais", or a numbered feature) and whose terms the spec covers only
//! weakly: no section holds half of them and the spec as a whole holds less
//! than 70%. The finding names the closest spec section. Coverage is
//! lexical, so this is a hint to look, never an error; a PRD and a spec in
//! different languages are not compared.
//!
//! ## Why is this bad?
//! A requirement the spec does not speak of may be forgotten. Without IDs
//! the only trace from PRD to spec is the words they share.
//!
//! ## Example
//! ```markdown
//! <!-- prd.md, Functional Requirements -->
//! 4. Free plans are shown only when the slider is at US$0.
//! <!-- techspec.md never speaks of free plans -->
//! ```
//!
//! ## Use instead
//! ```markdown
//! <!-- techspec.md, Implementation Design -->
//! The filter shows free plans only at US$0 (requirement 4).
//! ```
//! Numbering requirements with IDs (`RF-04`) in the PRD and citing them in
//! the spec makes the trace exact.

use super::text::spec_name;
use crate::engine::trace::{Findings, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS402";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    let Some(prd) = cx.companions.prd() else {
        return;
    };
    // A Portuguese PRD and an English spec share no words to compare.
    if cx.languages_differ {
        return;
    }
    for (req, cov) in cx.requirements.iter().zip(cx.coverage) {
        if req.id.is_some() || cov.addressed() {
            continue;
        }
        let closest = match cov.closest {
            Some((si, share)) => format!(
                "the closest section is \"{}\" ({:.0}% of its terms)",
                cx.spec.section_title(si),
                share * 100.0
            ),
            None => "no section shares its terms".into(),
        };
        out.push(
            Target::File(prd),
            Diagnostic::new(
                CODE,
                req.span,
                format!(
                    "requirement {} may not be addressed by the spec `{}`: {closest}",
                    req.number,
                    spec_name(cx)
                ),
            )
            .help("check that the spec covers this requirement, or say that it is out of scope"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_numbered_requirement_the_spec_barely_mentions() {
        let prd = b"# PRD\n\n**Functional Requirements:**\n\n1. Agents request a refund of a settled payment up to the refundable balance.\n2. Customers download a yearly tax certificate for loyalty points.\n";
        let found = findings_beside(REFUNDS, &[("_prd.md", prd)], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("_prd.md:6 requirement 2 may not be addressed"),
            "{found:?}"
        );
    }
}
