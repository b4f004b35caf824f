//! ## What it does
//! Reports an architecture decision record whose Status is not a known ADR
//! status: Proposed, Accepted, Rejected, Deprecated, Superseded (also Draft,
//! Approved, Implemented, Amended) or their Portuguese forms (Proposto,
//! Aceito, Aprovado, Rejeitado, Depreciado, Obsoleto, Substituído, Rascunho,
//! Implementado). The first word decides, so "Superseded by ADR-004" and
//! "Accepted (2026-11-30)" are fine. A template's leftover choice list
//! (`[Proposed | Accepted]`) is reported too.
//!
//! ## Why is this bad?
//! Tools and readers filter decisions by status. A status outside the usual
//! set ("Maybe", "WIP", a choice list never filled in) leaves it unclear
//! whether the decision holds.
//!
//! ## Example
//! ```markdown
//! ## Status
//!
//! Maybe
//! ```
//!
//! ## Use instead
//! ```markdown
//! ## Status
//!
//! Proposed
//! ```

use crate::engine::adr::{Adr, Found, Part};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::Span;

pub const CODE: &str = "TS522";

const KNOWN: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "draft",
    "approved",
    "implemented",
    "amended",
    "proposto",
    "proposta",
    "aceito",
    "aceita",
    "aprovado",
    "aprovada",
    "rejeitado",
    "rejeitada",
    "recusado",
    "recusada",
    "depreciado",
    "depreciada",
    "obsoleto",
    "obsoleta",
    "substituido",
    "substituida",
    "rascunho",
    "implementado",
    "implementada",
];

pub fn check(adr: &Adr<'_>, out: &mut Vec<Diagnostic>) {
    let Some(text) = adr.text(Part::Status) else {
        return;
    };
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.is_empty() {
        return; // empty: TS521
    }
    let value = first_line
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '[');
    // `Status: Accepted` written inside the section.
    let value = ["status:", "situação:", "situacao:"]
        .iter()
        .find_map(|p| {
            value
                .get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| value[p.len()..].trim_start())
        })
        .unwrap_or(value)
        .trim_start_matches(['*', '_', '`']);
    let word: String = value
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    let folded = crate::model::identity::normalize(&word);
    if !value.starts_with('[') && KNOWN.contains(&folded.trim()) {
        return;
    }
    let span = match adr.parts[Part::Status as usize] {
        Some(Found::Section(si)) => {
            let body = adr.doc.sections[si].body;
            let own = adr.doc.slice(body);
            match own.find(first_line.trim()) {
                Some(i) => Span::new(body.start + i, body.start + i + first_line.trim().len()),
                None => adr.doc.section_heading(si).span,
            }
        }
        Some(Found::Field(s) | Found::Frontmatter(s)) => s,
        None => return,
    };
    let shown: String = first_line.trim().chars().take(60).collect();
    out.push(
        Diagnostic::new(
            CODE,
            span,
            format!("the ADR's status `{shown}` is not a known ADR status"),
        )
        .section(adr.part_name(Part::Status))
        .help(if adr.portuguese {
            "use Proposto, Aceito, Rejeitado, Depreciado ou Substituído"
        } else {
            "use Proposed, Accepted, Rejected, Deprecated or Superseded"
        }),
    );
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::{adr_fixture, check_adr_fixture};

    #[test]
    fn pass() {
        assert!(adr_fixture("TS522", "pass").is_empty());
    }

    #[test]
    fn fail() {
        insta::assert_snapshot!(check_adr_fixture("TS522", "fail"));
    }
}
