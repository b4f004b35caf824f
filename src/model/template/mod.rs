//! The template model: a Markdown template parsed by the same machinery as a
//! spec ([`Document`]), read with the grammar of PRODUCT.md — sections and
//! fields, `[`...`]` guidance blocks, inline placeholders, optional sections and
//! limits stated in the guidance text.

mod builtin;
pub mod discover;
mod parse;
mod render;
mod set;
pub mod wordset;

pub use builtin::{BUILTINS, Builtin, LANGS, lang_example};
pub use render::{RenderError, RenderOptions, render};
pub use set::{TemplateEntry, TemplateSet, TemplateSetError};

use std::path::PathBuf;

use crate::model::document::{Document, Span};

/// Where a template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// A project template given to techspec (`.techspec/templates/`, `template =`, `--template`).
    File(PathBuf),
    /// A template the repository keeps for its agents, found without configuration.
    Discovered {
        path: PathBuf,
        found: discover::Found,
    },
}

impl Origin {
    /// Where the template came from, for headers and listings
    /// (`the project's, named in .cursor/commands/criar-techspec.md`).
    pub fn why(&self) -> Option<String> {
        match self {
            Origin::Discovered {
                found: discover::Found::NamedIn(by),
                ..
            } => Some(format!("the project's, named in {by}")),
            Origin::Discovered {
                found: discover::Found::ByName,
                ..
            } => Some("the project's, found by its file name".into()),
            _ => None,
        }
    }
}

/// The natural language a template (or spec) is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocLang {
    #[default]
    En,
    Pt,
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub origin: Origin,
    pub description: String,
    /// The family of agent templates a built-in profile stands for (`compozy`).
    pub family: Option<&'static str>,
    /// The template source, parsed (mojibake repaired).
    pub doc: Document,
    pub title: String,
    pub lang: DocLang,
    /// Sections in document order; `parent` indexes this vector.
    pub sections: Vec<TemplateSection>,
    pub guidance: Vec<Guidance>,
    pub placeholders: Vec<Placeholder>,
    pub warnings: Vec<TemplateWarning>,
    /// The language of the interface example (`go`, `python`...).
    pub interface_lang: Option<String>,
    /// The interface example code block, fences included.
    pub interface_example: Option<Span>,
    /// The rules folder named in Standards Compliance (`.cursor/rules`), and
    /// where it is written (the `@...` token).
    pub rules_dir: Option<(String, Span)>,
    /// What depends only on the template, computed once when it is loaded.
    pub derived: Derived,
}

/// What the checks and the alignment read from a template on every spec,
/// computed once when the template is parsed (never per document).
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// [`words`] of the title (TS108 compares the spec's title with them).
    pub title_words: Vec<String>,
    /// The deepest section level (3 when there are no sections).
    pub max_level: u8,
    /// Sections not optional.
    pub required: usize,
    /// Whether any section states a limit on code examples (TS203).
    pub code_limits: bool,
    /// The longest unit of all the guidance, in words (a `[`-bracketed
    /// block is compared with all of it).
    pub guidance_max_words: usize,
}

/// Guidance units shorter than this many words match only exactly, and only
/// in brackets.
pub const MIN_UNIT_WORDS: usize = 4;
/// A spec block this many words long or longer may be one sentence of a
/// guidance paragraph.
pub const MIN_FRAGMENT_WORDS: usize = 6;

/// Figures of one section's guidance, for matching spec blocks with it.
#[derive(Debug, Clone, Copy, Default)]
pub struct SectionGuidance {
    /// Longest unit, in words and in bytes (words and one space each).
    pub max_words: usize,
    pub max_bytes: usize,
    /// Words a match may start with: the first words of each unit, and every
    /// word of units long enough to hold a sentence (a fragment may start anywhere).
    pub starts: wordset::WordSet,
}

/// One section of a template.
#[derive(Debug, Clone)]
pub struct TemplateSection {
    pub title: String,
    /// [`crate::model::identity::normalize`]d title.
    pub norm: String,
    pub identity: Option<&'static str>,
    pub level: u8,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Index of the section in `Template::doc`.
    pub doc_section: usize,
    /// Marked optional by its guidance ("Include only if", "If needed"...), or
    /// a container whose sections are all optional, or under an optional section.
    pub optional: bool,
    pub fields: Vec<TemplateField>,
    /// Indices into `Template::guidance`.
    pub guidance: Vec<usize>,
    /// Maximum lines per code block, from "≤20 lines per example".
    pub code_limit: Option<usize>,
    /// Paragraph bounds, from "in 1-2 paragraphs".
    pub paragraphs: Option<(usize, usize)>,
    /// Figures of this section's guidance (computed when the template is loaded).
    pub guidance_figures: SectionGuidance,
}

impl TemplateSection {
    pub fn required(&self) -> bool {
        !self.optional
    }
}

/// A `**Label:**` field inside a section.
#[derive(Debug, Clone)]
pub struct TemplateField {
    pub label: String,
    pub norm: String,
    pub span: Span,
}

/// A guidance block: `[` ... `]`, possibly over several paragraphs, lists
/// and code fences.
#[derive(Debug, Clone)]
pub struct Guidance {
    /// From the `[` to the `]` (or to the section's end when unclosed).
    pub span: Span,
    pub section: usize,
    /// Index into the section's `fields` when the guidance follows a field label.
    pub field: Option<usize>,
    pub closed: bool,
    /// Comparable units: the opening text and each list item, normalised to
    /// lower-case words (see [`words`]).
    pub units: Vec<Vec<String>>,
    /// The fingerprint mask of each unit ([`wordset::word_mask`]).
    pub masks: Vec<u64>,
    /// The longest unit, in words.
    pub max_words: usize,
}

/// An inline `[...]` field placeholder inside a list item (`- Latency: [e.g., p95 < 200ms]`).
#[derive(Debug, Clone)]
pub struct Placeholder {
    pub span: Span,
    pub section: usize,
    pub field: Option<usize>,
}

/// A problem with the template itself (not fatal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateWarning {
    pub message: String,
    pub offset: usize,
}

impl Template {
    /// Parses a template from its Markdown text.
    pub fn parse(name: &str, origin: Origin, text: &str) -> Template {
        parse::parse(name, origin, text)
    }

    /// Index of the section with this identity.
    pub fn section_by_identity(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.identity == Some(id))
    }

    /// The source text of the guidance of a section (all its blocks, joined).
    pub fn guidance_text(&self, section: usize) -> String {
        self.sections[section]
            .guidance
            .iter()
            .map(|&g| self.doc.slice(self.guidance[g].span).to_string())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The heading prefix (`##`) of a section.
    pub fn heading_marker(&self, section: usize) -> String {
        "#".repeat(self.sections[section].level as usize)
    }

    /// The title a spec written from this template gets: `Technical Specification`.
    pub fn spec_title_prefix(&self) -> &'static str {
        match self.lang {
            DocLang::En => "Technical Specification",
            DocLang::Pt => "Especificação Técnica",
        }
    }

    /// Required sections (not optional), in order.
    pub fn required_count(&self) -> usize {
        self.derived.required
    }
}

/// Lower-case words of a text (letters and digits), accents kept; used to
/// compare guidance with spec text.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Repairs UTF-8 text that was decoded once as Windows-1252 (`â‰¤` for `≤`).
pub fn fix_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    const PAIRS: &[(&str, &str)] = &[
        ("â‰¤", "≤"),
        ("â‰¥", "≥"),
        ("â€”", "—"),
        ("â€“", "–"),
        ("â€™", "’"),
        ("â€˜", "‘"),
        ("â€œ", "“"),
        ("â€\u{9d}", "”"),
        ("â€¦", "…"),
        ("Ã§", "ç"),
        ("Ã£", "ã"),
        ("Ã¡", "á"),
        ("Ã©", "é"),
        ("Ãª", "ê"),
        ("Ã³", "ó"),
        ("Ãµ", "õ"),
        ("Ã\u{AD}", "í"),
        ("Ãº", "ú"),
        ("Ã¢", "â"),
        ("Ã´", "ô"),
        ("Ã‡", "Ç"),
        ("Ãƒ", "Ã"),
    ];
    if !text.contains('â') && !text.contains('Ã') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (bad, good) in PAIRS {
        if out.contains(bad) {
            out = out.replace(bad, good);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests;

impl Template {
    /// A readable outline of what was read from the template: sections with
    /// their level, identity, optional flag, fields, limits and guidance.
    pub fn outline(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(out, "title: {}", self.title);
        let _ = writeln!(out, "lang: {:?}", self.lang);
        let _ = writeln!(
            out,
            "interface example: {}",
            self.interface_lang.as_deref().unwrap_or("-")
        );
        let _ = writeln!(
            out,
            "rules folder: {}",
            self.rules_dir.as_ref().map_or("-", |r| r.0.as_str())
        );
        for s in &self.sections {
            let indent = "  ".repeat(s.level.saturating_sub(2) as usize);
            let _ = write!(
                out,
                "{indent}{} {} [{}]{}",
                "#".repeat(s.level as usize),
                s.title,
                s.identity.unwrap_or("-"),
                if s.optional { " optional" } else { "" }
            );
            if let Some(n) = s.code_limit {
                let _ = write!(out, " code<={n}");
            }
            if let Some((a, b)) = s.paragraphs {
                let _ = write!(out, " paragraphs={a}-{b}");
            }
            let _ = writeln!(out, " guidance={}", s.guidance.len());
            for (fi, f) in s.fields.iter().enumerate() {
                let g = s
                    .guidance
                    .iter()
                    .filter(|&&g| self.guidance[g].field == Some(fi))
                    .count();
                let p = self
                    .placeholders
                    .iter()
                    .filter(|p| p.section == s.doc_section && p.field == Some(fi))
                    .map(|p| self.doc.slice(p.span))
                    .collect::<Vec<_>>();
                let _ = writeln!(
                    out,
                    "{indent}  field: {} guidance={g} placeholders={p:?}",
                    f.label
                );
            }
            let loose: Vec<_> = self
                .placeholders
                .iter()
                .filter(|p| p.section == s.doc_section && p.field.is_none())
                .map(|p| self.doc.slice(p.span))
                .collect();
            if !loose.is_empty() {
                let _ = writeln!(out, "{indent}  placeholders: {loose:?}");
            }
        }
        for w in &self.warnings {
            let _ = writeln!(out, "warning: {}", w.message);
        }
        out
    }
}
