//! ## What it does
//! Reports a file that could not be checked: it cannot be read (permission
//! denied, it is a directory, it vanished), it is binary (contains NUL bytes),
//! or it is larger than the size limit (`max-file-size`, 10 MB by default; the
//! file is not read at all). The other files of the run are still checked,
//! and the run exits with code 2.
//!
//! ## Why is this bad?
//! A spec that cannot be read cannot be checked; silently skipping it would
//! report a clean run that is not.
//!
//! ## Example
//! `techspec check docs/` where `docs/diagram.md` is a PNG renamed to `.md`.
//!
//! ## Use instead
//! Fix the permission, exclude the file (`exclude = ["docs/diagram.md"]` in
//! `techspec.toml`), or raise `max-file-size`.

pub const CODE: &str = "TS901";

use crate::model::diagnostic::{Diagnostic, Resolved};
use crate::model::document::{Document, Span};

/// What is said of a file with NUL bytes in its first 8 KB.
pub const BINARY: &str = "file is binary (it contains NUL bytes), not Markdown";

/// The finding for a file that could not be checked, at its start; severity
/// and name are filled from the registry when it is finalised.
pub fn finding(message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(CODE, Span::empty(0), message)
}

/// [`finding`] resolved for a report, at the registry's severity: a file
/// that was not read has no text to point into, nor settings to apply.
pub fn resolved(message: impl Into<String>) -> Resolved {
    let mut d = finding(message);
    if let Some(info) = super::lookup(CODE) {
        d.name = info.name;
        d.severity = info.severity;
    }
    Resolved::from_diagnostic(&Document::parse(""), &d)
}
