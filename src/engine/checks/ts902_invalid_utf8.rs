//! ## What it does
//! Reports a file that is not valid UTF-8. The invalid bytes are replaced with
//! U+FFFD for checking, so the rest of the findings still apply.
//!
//! ## Why is this bad?
//! Editors, agents and renderers disagree about such files; text may be lost
//! or garbled (often a Windows-1252 file saved without conversion).
//!
//! ## Example
//! A spec saved as Latin-1: `Especifica\xe7\xe3o`.
//!
//! ## Use instead
//! Re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`).

use super::Context;
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{ParseWarningKind, Span};

pub const CODE: &str = "TS902";

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    check_doc(ctx.doc, out);
}

/// The same check on any document (an ADR has no template context).
pub fn check_doc(doc: &crate::model::document::Document, out: &mut Vec<Diagnostic>) {
    for w in doc
        .warnings
        .iter()
        .filter(|w| w.kind == ParseWarningKind::InvalidUtf8)
    {
        out.push(
            Diagnostic::new(CODE, Span::empty(w.offset), w.message.clone())
                .help("re-save the file as UTF-8"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::checks::tests::findings_in;

    #[test]
    fn pass() {
        assert!(findings_in("TS902", "# T\n\nçé\n".as_bytes()).is_empty());
    }

    #[test]
    fn fail() {
        let f = findings_in("TS902", b"# T\n\nEspecifica\xe7\xe3o\n");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].column), (3, 11));
    }
}
