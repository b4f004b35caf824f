//! Architecture decision records: `adrs/adr-NNN.md` beside a spec (compozy
//! writes them there) and files named `adr-*.md` anywhere. An ADR is not held
//! against a spec template; it is checked for its four parts, Status,
//! Context, Decision and Consequences (TS520-TS523), under English or
//! Portuguese headings, or as `**Status:** Accepted` fields, or (Status) in
//! the frontmatter.

use std::path::{Path, PathBuf};

use crate::engine::checks::{
    ts520_adr_missing_part, ts521_adr_empty_part, ts522_adr_unknown_status, ts523_adr_empty,
};
use crate::model::diagnostic::Diagnostic;
use crate::model::document::{BlockKind, Document, Span};
use crate::model::identity::normalize;

/// Whether a file is an ADR by its path: `adr-NNN…md` / `adr_NNN…md`, or any
/// Markdown file in an `adrs/` folder (not a template, README or index).
pub fn is_adr_path(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return false;
    };
    if !name.ends_with(".md") || name.contains("template") {
        return false;
    }
    let named = ["adr-", "adr_"].iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    let in_adrs = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d.eq_ignore_ascii_case("adrs"))
        && !matches!(name.as_str(), "readme.md" | "index.md" | "_index.md");
    named || in_adrs
}

/// The ADR files of `adrs/` beside a spec, sorted.
pub fn beside(spec: &Path) -> Vec<PathBuf> {
    let dir = spec
        .parent()
        .map_or_else(|| PathBuf::from("adrs"), |d| d.join("adrs"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_adr_path(p))
        .collect();
    out.sort();
    out
}

/// The four parts of an ADR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Status,
    Context,
    Decision,
    Consequences,
}

impl Part {
    pub const ALL: [Part; 4] = [
        Part::Status,
        Part::Context,
        Part::Decision,
        Part::Consequences,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Part::Status => "Status",
            Part::Context => "Context",
            Part::Decision => "Decision",
            Part::Consequences => "Consequences",
        }
    }

    /// The Portuguese heading, for messages on Portuguese ADRs.
    pub fn nome(self) -> &'static str {
        match self {
            Part::Status => "Status",
            Part::Context => "Contexto",
            Part::Decision => "Decisão",
            Part::Consequences => "Consequências",
        }
    }

    /// Normalised headings (see [`normalize`]) that stand for the part.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Part::Status => &["status", "situacao", "estado", "decision status"],
            Part::Context => &[
                "context",
                "context and problem statement",
                "problem statement",
                "problem",
                "background",
                "contexto",
                "contexto and problema",
                "contexto and declaracao do problema",
                "problema",
            ],
            Part::Decision => &[
                "decision",
                "decision outcome",
                "the decision",
                "decisao",
                "resultado da decisao",
                "decisao tomada",
            ],
            Part::Consequences => &[
                "consequences",
                "consequencias",
                "implications",
                "implicacoes",
            ],
        }
    }

    fn of(heading: &str) -> Option<Part> {
        let n = normalize(heading);
        let n = n.trim();
        Part::ALL.into_iter().find(|p| p.aliases().contains(&n))
    }
}

/// Where an ADR writes a part.
#[derive(Debug, Clone, Copy)]
pub enum Found {
    /// A heading: the section index.
    Section(usize),
    /// A `**Status:** value` field: the value's span.
    Field(Span),
    /// `status: value` in the frontmatter: the value's span.
    Frontmatter(Span),
}

/// A parsed ADR: where each of its parts is.
pub struct Adr<'d> {
    pub doc: &'d Document,
    pub parts: [Option<Found>; 4],
    pub portuguese: bool,
}

impl<'d> Adr<'d> {
    pub fn read(doc: &'d Document) -> Adr<'d> {
        let mut parts: [Option<Found>; 4] = [None; 4];
        for (si, s) in doc.sections.iter().enumerate() {
            if let Some(p) = Part::of(&doc.headings[s.heading].text) {
                parts[p as usize].get_or_insert(Found::Section(si));
            }
        }
        // `**Status:** Accepted` at the start of any line of a paragraph
        // (several such lines often share one paragraph).
        for b in &doc.blocks {
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Field { .. }) {
                continue;
            }
            let mut at = b.span.start;
            for line in doc.slice(b.span).split_inclusive('\n') {
                let trimmed = line.trim_start();
                let lead = line.len() - trimmed.len();
                if let Some(rest) = trimmed.strip_prefix("**") {
                    if let Some(end) = rest.find("**") {
                        let label = rest[..end].trim().trim_end_matches(':').trim();
                        if let Some(p) = Part::of(label) {
                            let value_start = at + lead + 2 + end + 2;
                            let value_end = at + line.trim_end().len();
                            if value_end >= value_start {
                                let value = Span::new(value_start, value_end);
                                let text = doc.slice(value).trim_start_matches(':').trim();
                                if !text.is_empty() {
                                    parts[p as usize].get_or_insert(Found::Field(value));
                                }
                            }
                        }
                    }
                }
                at += line.len();
            }
        }
        if let Some(fm) = doc.frontmatter {
            let text = doc.slice(fm);
            let mut at = fm.start;
            for line in text.split_inclusive('\n') {
                let l = line.trim_end();
                if let Some((key, value)) = l.split_once(':') {
                    if matches!(
                        key.trim().to_lowercase().as_str(),
                        "status" | "situacao" | "situação"
                    ) && !value.trim().is_empty()
                    {
                        let start = at + key.len() + 1 + (value.len() - value.trim_start().len());
                        parts[0].get_or_insert(Found::Frontmatter(Span::new(
                            start,
                            start + value.trim().len(),
                        )));
                    }
                }
                at += line.len();
            }
        }
        let portuguese = doc.sections.iter().any(|s| {
            let n = normalize(&doc.headings[s.heading].text);
            matches!(
                n.trim(),
                "contexto" | "decisao" | "consequencias" | "situacao"
            )
        });
        Adr {
            doc,
            parts,
            portuguese,
        }
    }

    pub fn part_name(&self, p: Part) -> &'static str {
        if self.portuguese { p.nome() } else { p.name() }
    }

    /// The text of a part: a section's body and subsections (headings
    /// excluded), or a field's value; trimmed.
    pub fn text(&self, p: Part) -> Option<String> {
        let doc = self.doc;
        match self.parts[p as usize]? {
            Found::Section(si) => {
                let mut out = String::new();
                for s in doc.subtree(si) {
                    out.push_str(doc.slice(doc.sections[s].body));
                    out.push('\n');
                }
                Some(out.trim().to_string())
            }
            Found::Field(span) | Found::Frontmatter(span) => Some(
                doc.slice(span)
                    .trim()
                    .trim_start_matches(':')
                    .trim()
                    .to_string(),
            ),
        }
    }

    /// Where a finding about a part points.
    pub fn span(&self, p: Part) -> Option<Span> {
        match self.parts[p as usize]? {
            Found::Section(si) => Some(self.doc.section_heading(si).span),
            Found::Field(span) | Found::Frontmatter(span) => Some(span),
        }
    }
}

/// The findings of an ADR.
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    crate::engine::checks::ts902_invalid_utf8::check_doc(doc, &mut out);
    if ts523_adr_empty::check(doc, &mut out) {
        return out;
    }
    let adr = Adr::read(doc);
    ts520_adr_missing_part::check(&adr, &mut out);
    ts521_adr_empty_part::check(&adr, &mut out);
    ts522_adr_unknown_status::check(&adr, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adr_paths() {
        for p in [
            "adrs/adr-001.md",
            "docs/adr-0007-use-postgres.md",
            "x/adrs/0003-queues.md",
            "ADR_12.md",
        ] {
            assert!(is_adr_path(Path::new(p)), "{p}");
        }
        for p in [
            "skills/cy-create-techspec/references/adr-template.md",
            "adrs/README.md",
            "adr-guide.md",
            "docs/adr.md",
            "adrs/diagram.png",
        ] {
            assert!(!is_adr_path(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn parts_as_headings_fields_or_frontmatter() {
        let doc = Document::parse(
            "---\nstatus: proposed\n---\n# ADR-1: X\n\n**Context:** slow calls.\n\n## Decisão\n\nUse a worker.\n\n## Consequências\n\n### Positivas\n\n- fast\n",
        );
        let adr = Adr::read(&doc);
        assert!(adr.parts.iter().all(Option::is_some));
        assert_eq!(adr.text(Part::Status).as_deref(), Some("proposed"));
        assert_eq!(adr.text(Part::Context).as_deref(), Some("slow calls."));
        assert!(adr.text(Part::Consequences).unwrap().contains("- fast"));
        assert!(adr.portuguese);
    }
}
