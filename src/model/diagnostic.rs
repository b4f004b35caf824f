//! Findings: what a check reports, with byte spans; positions are resolved to
//! 1-based lines and character columns only at the edge ([`Resolved`]).

use crate::model::document::{Document, Span};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text edit: replace `span` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// Whether `check --fix` may apply a fix on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Safety {
    /// Keeps the author's content and meaning: applied by `--fix`.
    #[default]
    Safe,
    /// Adds text the author still has to replace (template guidance): applied
    /// only with `--unsafe-fixes`, listed otherwise.
    Unsafe,
}

/// A fix for a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    pub safety: Safety,
}

/// A finding, positioned by byte offsets in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    /// Filled from the registry when the finding is finalised.
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// The template section the finding is about (its template title).
    pub section: Option<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// The most serious level this finding may have, whatever the check's
    /// level: a check lowers one finding when it is less sure or less grave
    /// than its usual case (a section written in another shape, not absent).
    pub at_most: Option<Severity>,
}

impl Diagnostic {
    pub fn new(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            name: "",
            severity: Severity::Error,
            message: message.into(),
            span,
            section: None,
            help: None,
            fix: None,
            at_most: None,
        }
    }
    /// Caps this finding's severity (see [`Diagnostic::at_most`]).
    pub fn at_most(mut self, severity: Severity) -> Self {
        self.at_most = Some(severity);
        self
    }
    pub fn section(mut self, title: impl Into<String>) -> Self {
        self.section = Some(title.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            safety: Safety::Safe,
        });
        self
    }

    /// Attaches a fix that `--fix` applies only with `--unsafe-fixes`.
    pub fn unsafe_fix(mut self, title: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            title: title.into(),
            edits,
            safety: Safety::Unsafe,
        });
        self
    }
}

/// A finding with 1-based line/column positions and its source line, ready
/// for output; independent of the document it came from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Resolved {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub section: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<String>,
    /// The first source line of the span (for rendering with a caret).
    #[serde(skip)]
    pub source_line: String,
}

impl Resolved {
    pub fn from_diagnostic(doc: &Document, d: &Diagnostic) -> Self {
        let start = doc.line_col(d.span.start);
        let end = doc.line_col(d.span.end.max(d.span.start));
        let line_range = doc.lines.line_range(&doc.text, start.line - 1);
        Resolved {
            code: d.code.to_string(),
            name: d.name.to_string(),
            severity: d.severity,
            message: d.message.clone(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            section: d.section.clone(),
            help: d.help.clone(),
            source_line: doc.text[line_range].to_string(),
        }
    }
}
