//! ## What it does
//! Reports a PRD beside the spec (`prd.md`, `_prd.md`, or one the spec
//! links) that cannot be read as Markdown: empty, binary, over the size
//! limit, unreadable, or not valid UTF-8 (then read with the bad bytes
//! replaced). The spec is checked as usual; its coverage of the PRD is not
//! (or only as far as the text could be read).
//!
//! ## Why is this bad?
//! A PRD that is empty or broken cannot say what the spec must deliver; an
//! empty `prd.md` is often a step of the workflow that was skipped.
//!
//! ## Example
//! ```markdown
//! tasks/prd-invoices/prd.md        (0 bytes)
//! tasks/prd-invoices/techspec.md
//! ```
//!
//! ## Use instead
//! ```markdown
//! tasks/prd-invoices/prd.md        (the product requirements)
//! tasks/prd-invoices/techspec.md
//! ```
//! Or remove the empty file.

use crate::engine::trace::{Findings, Kind, Target, TraceContext};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS403";

pub fn check(cx: &TraceContext<'_>, out: &mut Findings) {
    for (i, c) in cx.companions.files.iter().enumerate() {
        if c.kind != Kind::Prd {
            continue;
        }
        if let Some(problem) = &c.problem {
            out.push(
                Target::File(i),
                Diagnostic::new(
                    CODE,
                    Span::empty(0),
                    format!("the PRD cannot be traced to the spec: {problem}"),
                )
                .help("write the product requirements in this file, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::trace::{REFUNDS, findings_beside};

    #[test]
    fn empty_and_binary_prds() {
        let found = findings_beside(REFUNDS, &[("prd.md", b"")], super::CODE);
        assert_eq!(
            found,
            ["prd.md:1 the PRD cannot be traced to the spec: the file is empty"]
        );
        let found = findings_beside(REFUNDS, &[("prd.md", b"\0\x01")], super::CODE);
        assert!(found[0].contains("binary"), "{found:?}");
        assert!(
            findings_beside(REFUNDS, &[("prd.md", b"# PRD\n\n- FR-1: a\n")], super::CODE)
                .is_empty()
        );
    }
}
