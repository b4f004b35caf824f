//! ## What it does
//! Reports a part of an architecture decision record (Status, Context,
//! Decision or Consequences) whose heading is there with nothing under it,
//! not even in its subsections (`### Positive`, `### Negative`).
//!
//! ## Why is this bad?
//! An empty part looks complete at a glance and hides that the reasoning was
//! never written down: the heading promises context or consequences that a
//! later reader will not find.
//!
//! ## Example
//! ```markdown
//! ## Context
//!
//! ## Decision
//!
//! Use a worker.
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Context
//!
//! The processor answers refund calls in up to 30 seconds.
//!
//! ## Decision
//!
//! Use a worker.
//! ```

use crate::engine::adr::{Adr, Part};
use crate::model::diagnostic::Diagnostic;

pub const CODE: &str = "TS521";

pub fn check(adr: &Adr<'_>, out: &mut Vec<Diagnostic>) {
    for p in Part::ALL {
        let (Some(text), Some(span)) = (adr.text(p), adr.span(p)) else {
            continue;
        };
        let blank = text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let placeholder = matches!(
            text.to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
            "tbd" | "todo" | "n/a" | "..." | "a definir" | ""
        );
        if blank || placeholder {
            let name = adr.part_name(p);
            out.push(
                Diagnostic::new(CODE, span, format!("the ADR's {name} part is empty"))
                    .section(name)
                    .help(format!(
                        "write the {name} down, or remove the heading if the ADR is a draft"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{adr_fixture, check_adr_fixture};

    #[test]
    fn pass() {
        assert!(adr_fixture("TS521", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_adr_fixture("TS521", "fail"));
    }
}
