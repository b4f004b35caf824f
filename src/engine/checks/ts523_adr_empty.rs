//! ## What it does
//! Reports an architecture decision record file (`adrs/adr-NNN.md`, or a
//! file named `adr-NNN-*.md`) that is empty or holds only whitespace or a
//! title. The rest of the run goes on.
//!
//! ## Why is this bad?
//! The spec links the ADR as the record of a decision; an empty file means
//! the decision was never written down, while every link to it suggests
//! otherwise.
//!
//! ## Example
//! `adrs/adr-003.md` created by the agent and never filled in.
//!
//! ## Use instead
//! Write the decision with its Status, Context, Decision and Consequences,
//! or delete the file and the spec's link to it.

use crate::model::diagnostic::Diagnostic;
use crate::model::document::{Document, Span};

pub const CODE: &str = "TS523";

/// Reports an empty ADR; `true` when it did (no other ADR check then).
pub fn check(doc: &Document, out: &mut Vec<Diagnostic>) -> bool {
    let only_title = doc.sections.is_empty() && doc.blocks.is_empty() && doc.headings.len() <= 1;
    if !only_title {
        return false;
    }
    let at = if doc.title.is_some() {
        doc.title_or_first_line()
    } else {
        Span::empty(0)
    };
    out.push(
        Diagnostic::new(
            CODE,
            at,
            "the ADR is empty: no Status, Context, Decision or Consequences",
        )
        .help("write the decision down, or delete the file and the links to it"),
    );
    true
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{adr_fixture, check_adr_fixture};

    #[test]
    fn pass() {
        assert!(adr_fixture("TS523", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_adr_fixture("TS523", "fail"));
    }
}
