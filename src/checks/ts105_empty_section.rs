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
use crate::align::SpecMatch;
use crate::diagnostic::Diagnostic;
use crate::document::BlockKind;

pub const CODE: &str = "TS105";

/// Bodies that stand in for content.
pub fn is_stand_in(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '.' || c == '…' || c.is_whitespace());
    // The longest stand-in ("to be determined") is 16 bytes: longer text is content.
    if t.len() > 24 {
        return false;
    }
    let lower = t.to_lowercase();
    lower.is_empty()
        || matches!(
            lower.as_str(),
            "tbd"
                | "todo"
                | "tba"
                | "wip"
                | "-"
                | "—"
                | "–"
                | "to be defined"
                | "to be determined"
                | "coming soon"
                | "a definir"
                | "a ser definido"
                | "pendente"
                | "em breve"
        )
}

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (si, m) in ctx.align.spec.iter().enumerate() {
        let SpecMatch::Section { template: ti, .. } = *m else {
            continue;
        };
        let s = &doc.sections[si];
        let blocks = doc.section_blocks(si);
        let has_content = blocks.iter().any(|b| {
            b.depth == 0
                && match b.kind {
                    BlockKind::Html | BlockKind::ThematicBreak | BlockKind::Field { .. } => false,
                    BlockKind::Paragraph => !is_stand_in(doc.slice(b.span)),
                    BlockKind::List { .. } => {
                        !is_stand_in(doc.slice(b.span).trim_start_matches(['-', '*', '+']))
                    }
                    _ => true,
                }
        });
        if has_content || !s.children.is_empty() {
            continue;
        }
        // A container in the template whose subsections are simply missing is reported by TS101.
        if !ctx.template.sections[ti].children.is_empty() {
            continue;
        }
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
    use super::is_stand_in;
    use crate::checks::tests::{check_fixture, findings};

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
