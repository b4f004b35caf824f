//! ## What it does
//! Reports, for information, a PRD beside the spec in which no requirement
//! can be found: no ID at the start of an item, row or heading (`FR-1`,
//! `RF-01`, `REQ-3`, `US-2`), no list under a "Functional Requirements" /
//! "Requisitos Funcionais" heading or label, and no numbered feature under
//! "Core Features" / "Funcionalidades Principais". The spec's coverage of
//! that PRD is then not checked.
//!
//! ## Why is this bad?
//! Requirements that cannot be told apart cannot be traced: neither
//! `techspec trace` nor a reviewer can say which of them the spec covers.
//!
//! ## Example
//! ```markdown
//! ## Features
//! The app lets users compare plans, filter them and open a plan's site.
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Functional Requirements
//! 1. **FR-1**: Users compare plans side by side.
//! 2. **FR-2**: Users filter plans by monthly price.
//! ```

use crate::engine::trace::{Findings, Kind, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS404";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    if !cx.requirements.is_empty() {
        return;
    }
    for (i, c) in cx.companions.files.iter().enumerate() {
        if c.kind != Kind::Prd || c.problem.is_some() {
            continue;
        }
        let Some(doc) = &c.doc else { continue };
        out.push(
            Target::File(i),
            Diagnostic::new(
                CODE,
                doc.title_or_first_line(),
                "no requirements found in this PRD (no IDs like `FR-1`, no list under a Functional Requirements heading, no numbered features); the spec's coverage of it is not checked",
            )
            .help("number the functional requirements (`FR-1`, `RF-01`...) so that the spec can cite them"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn a_prd_of_prose_only() {
        let prose = b"# PRD\n\n## Features\n\nThe app lets agents refund payments.\n";
        let found = findings_beside(REFUNDS, &[("prd.md", prose)], super::CODE);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("prd.md:1 no requirements found"),
            "{found:?}"
        );
        let ids = b"# PRD\n\n- **FR-1**: Agents refund settled payments.\n";
        assert!(findings_beside(REFUNDS, &[("prd.md", ids)], super::CODE).is_empty());
    }
}
