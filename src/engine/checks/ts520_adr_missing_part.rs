//! ## What it does
//! Reports an architecture decision record (`adrs/adr-NNN.md` beside a
//! spec, or a file named `adr-NNN-*.md`) that lacks one of its four parts:
//! Status, Context, Decision or Consequences. A part may be a heading at any
//! level (English or Portuguese: Contexto, Decisão, Consequências, Situação;
//! MADR's "Context and Problem Statement" and "Decision Outcome" count), a
//! `**Status:** Accepted` field, or, for Status, a `status:` frontmatter key.
//!
//! ## Why is this bad?
//! An ADR is read months later by someone who was not there. Without its
//! status nobody knows whether it still holds; without context the decision
//! cannot be re-examined when the situation changes; without consequences
//! the costs that were accepted are forgotten.
//!
//! ## Example
//! ```markdown
//! # ADR-002: Refund states
//!
//! ## Decision
//!
//! Four states: requested, submitted, settled, failed.
//! ```
//!
//! ## Use instead
//! ```markdown
//! # ADR-002: Refund states
//!
//! ## Status
//!
//! Accepted
//!
//! ## Context
//!
//! The processor settles refunds hours after the request.
//!
//! ## Decision
//!
//! Four states: requested, submitted, settled, failed.
//!
//! ## Consequences
//!
//! The order page shows a pending refund until it settles.
//! ```

use crate::engine::adr::{Adr, Part};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS520";

pub fn check(adr: &Adr<'_>, out: &mut Vec<Diagnostic>) {
    let missing: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|p| adr.parts[*p as usize].is_none())
        .collect();
    let at = adr.doc.title_or_first_line();
    for p in missing {
        let name = adr.part_name(p);
        out.push(
            Diagnostic::new(CODE, at, format!("the ADR has no {name} part"))
                .section(name)
                .help(format!(
                    "add a `## {name}` section{}",
                    if p == Part::Status {
                        " with Proposed, Accepted, Rejected, Deprecated or Superseded"
                    } else {
                        ""
                    }
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{adr_fixture, check_adr_fixture};

    #[test]
    fn pass() {
        assert!(adr_fixture("TS520", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_adr_fixture("TS520", "fail"));
    }
}
