//! The trace matrix of `techspec trace`: each PRD requirement, the spec
//! sections that address it, and the tasks that implement it.
//!
//! A section addresses a requirement when it cites its ID or holds at least
//! half of its terms ([`super::coverage`]); a task implements it when its
//! title or file cites the ID, or holds at least half of its terms (the
//! three closest).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::engine::Checker;
use crate::engine::checks::Context;
use crate::engine::trace::coverage::{COVERED, terms};
use crate::engine::trace::prd::{ID_ANYWHERE, normalize_id};
use crate::engine::trace::{Kind, Traced, companions};
use crate::io::read::{is_binary, read_limited};
use crate::model::align::SpecHeadings;
use crate::model::document::Document;

/// How a spec addresses a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The spec cites the requirement's ID.
    Cited,
    /// A section (or the spec as a whole) holds most of its terms.
    Covered,
    /// Some of its terms are in the spec, not enough to say.
    Weak,
    /// Neither cited nor near any section.
    NotAddressed,
    /// Not cited, and the PRD and the spec are in different languages.
    Unknown,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Cited => "cited",
            Status::Covered => "covered",
            Status::Weak => "weak",
            Status::NotAddressed => "not addressed",
            Status::Unknown => "not cited",
        }
    }
}

/// A spec section in a row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SectionRef {
    pub title: String,
    /// 1-based line of its heading.
    pub line: usize,
    /// Share of the requirement's terms the section holds (0 to 1).
    pub share: f64,
    /// The section cites the requirement's ID.
    pub cites: bool,
}

/// One requirement of the matrix.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Row {
    /// `FR-1`, or `None` for a requirement without ID.
    pub id: Option<String>,
    /// Position among the PRD's requirements (1-based).
    pub number: usize,
    pub text: String,
    /// 1-based line in the PRD.
    pub line: usize,
    pub status: Status,
    pub sections: Vec<SectionRef>,
    /// Task numbers (`1`, `3`).
    pub tasks: Vec<String>,
}

/// The matrix of a spec.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Matrix {
    pub version: u32,
    pub spec: PathBuf,
    pub prd: PathBuf,
    /// The task list and task files read.
    pub task_files: Vec<PathBuf>,
    pub requirements: Vec<Row>,
}

/// Why no matrix can be made.
#[derive(Debug, thiserror::Error)]
pub enum TraceError {
    #[error("{path}: {message}")]
    Spec { path: PathBuf, message: String },
    #[error(
        "{spec}: no PRD found: looked for prd.md and _prd.md in {dir}, and for a PRD the spec links or names (a `.md` file with `prd` in its name)"
    )]
    NoPrd { spec: PathBuf, dir: String },
    #[error("{prd}: the PRD cannot be read: {message}")]
    Prd { prd: PathBuf, message: String },
}

/// Builds the matrix of the spec at `path`.
pub fn build(checker: &Checker, path: &Path) -> Result<Matrix, TraceError> {
    let limit = checker.settings.max_file_size;
    let bytes = read_limited(path, limit).map_err(|message| TraceError::Spec {
        path: path.to_path_buf(),
        message,
    })?;
    if is_binary(&bytes) {
        return Err(TraceError::Spec {
            path: path.to_path_buf(),
            message: "binary file, not a Markdown spec".into(),
        });
    }
    let doc = Document::from_vec(bytes);
    build_document(checker, path, &doc)
}

/// Builds the matrix of a parsed spec.
pub fn build_document(
    checker: &Checker,
    path: &Path,
    doc: &Document,
) -> Result<Matrix, TraceError> {
    let heads = SpecHeadings::new(doc);
    let (template, alignment, _) = checker.choose(doc, &heads);
    let ctx = Context {
        path,
        doc,
        template,
        align: &alignment,
        settings: &checker.settings,
        project: None,
        memo: Default::default(),
    };
    let found = companions(
        &checker.companions,
        path,
        doc,
        checker.settings.max_file_size,
    );
    let Some(prd) = found.prd() else {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
            _ => ".".into(),
        };
        return Err(TraceError::NoPrd {
            spec: path.to_path_buf(),
            dir,
        });
    };
    if found.files[prd].doc.is_none() {
        return Err(TraceError::Prd {
            prd: found.files[prd].path.clone(),
            message: found.files[prd].problem.clone().unwrap_or_default(),
        });
    }
    let traced = Traced::new(&ctx, found);
    Ok(matrix(&ctx, &traced))
}

fn matrix(ctx: &Context<'_>, traced: &Traced) -> Matrix {
    let prd_index = traced.companions.prd().unwrap_or(0);
    let prd_doc = traced.companions.files[prd_index].doc.as_ref();
    let task_terms: Vec<(HashSet<String>, HashSet<String>)> = traced
        .tasks
        .tasks
        .iter()
        .map(|t| {
            let mut s = terms(&t.title);
            s.extend(terms(&t.text));
            let ids = ID_ANYWHERE
                .find_iter(&t.text)
                .map(|m| normalize_id(m.as_str()))
                .collect();
            (s, ids)
        })
        .collect();
    let rows = traced
        .requirements
        .iter()
        .zip(&traced.coverage)
        .map(|(r, c)| {
            let status = if !c.cited.is_empty() {
                Status::Cited
            } else if traced.languages_differ {
                Status::Unknown
            } else if c.addressed() {
                Status::Covered
            } else if c.unaddressed() {
                Status::NotAddressed
            } else {
                Status::Weak
            };
            let cited_sections: HashSet<usize> = c
                .cited
                .iter()
                .filter_map(|s| super::coverage::section_at(ctx.doc, s.start))
                .collect();
            // A requirement covered nowhere in particular, or weakly, shows
            // its closest section.
            let listed: Vec<(usize, f64)> = if c.sections.is_empty() {
                c.closest.into_iter().collect()
            } else {
                c.sections.clone()
            };
            let sections = listed
                .iter()
                .map(|&(si, share)| SectionRef {
                    title: ctx.doc.section_heading(si).text.clone(),
                    line: ctx
                        .doc
                        .line_col(ctx.doc.section_heading(si).span.start)
                        .line,
                    share: (share * 100.0).round() / 100.0,
                    cites: cited_sections.contains(&si),
                })
                .collect();
            let want = terms(&r.text);
            let id = r.id.as_deref().map(normalize_id);
            let mut scored: Vec<(usize, f64, bool)> = traced
                .tasks
                .tasks
                .iter()
                .zip(&task_terms)
                .enumerate()
                .map(|(i, (task, (t, ids)))| {
                    let cites = id.as_ref().is_some_and(|id| ids.contains(id));
                    let share = if want.is_empty() {
                        0.0
                    } else {
                        want.iter().filter(|w| t.contains(*w)).count() as f64 / want.len() as f64
                    };
                    // A short task title whose words are mostly the requirement's.
                    let title = terms(&task.title);
                    let title_share = if title.len() < 2 {
                        0.0
                    } else {
                        title.iter().filter(|w| want.contains(*w)).count() as f64
                            / title.len() as f64
                    };
                    (i, share.max(title_share), cites)
                })
                .filter(|(_, s, cites)| *cites || *s >= COVERED)
                .collect();
            scored.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)));
            let cites_some = scored.iter().any(|s| s.2);
            let tasks = scored
                .iter()
                .filter(|s| !cites_some || s.2)
                .take(if cites_some { usize::MAX } else { 3 })
                .map(|s| traced.tasks.tasks[s.0].shown().to_string())
                .collect();
            Row {
                id: r.id.clone(),
                number: r.number,
                text: r.text.clone(),
                line: prd_doc.map_or(1, |d| d.line_col(r.span.start).line),
                status,
                sections,
                tasks,
            }
        })
        .collect();
    Matrix {
        version: 1,
        spec: ctx.path.to_path_buf(),
        prd: traced.companions.files[prd_index].path.clone(),
        task_files: traced
            .companions
            .files
            .iter()
            .filter(|c| c.kind != Kind::Prd)
            .map(|c| c.path.clone())
            .collect(),
        requirements: rows,
    }
}

fn label(r: &Row) -> String {
    r.id.clone().unwrap_or_else(|| format!("#{}", r.number))
}

fn sections_text(r: &Row) -> String {
    if r.sections.is_empty() {
        return "—".into();
    }
    r.sections
        .iter()
        .map(|s| {
            if s.cites || s.share >= COVERED {
                format!("{} (L{})", s.title, s.line)
            } else {
                format!(
                    "closest: {} (L{}, {:.0}%)",
                    s.title,
                    s.line,
                    s.share * 100.0
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn tasks_text(r: &Row) -> String {
    if r.tasks.is_empty() {
        "—".into()
    } else {
        r.tasks.join(", ")
    }
}

fn shorten(s: &str, max: usize) -> String {
    crate::engine::checks::text::excerpt(s, max)
}

impl Matrix {
    /// Counts by status: (cited, covered, weak, not addressed).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let n = |st: Status| self.requirements.iter().filter(|r| r.status == st).count();
        (
            n(Status::Cited),
            n(Status::Covered),
            n(Status::Weak),
            n(Status::NotAddressed),
        )
    }

    fn summary(&self) -> String {
        let (c, v, w, n) = self.counts();
        format!(
            "{} requirements: {c} cited, {v} covered, {w} weakly covered, {n} not addressed",
            self.requirements.len()
        )
    }

    /// A plain-text table.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "PRD:  {}", self.prd.display());
        let _ = writeln!(out, "spec: {}", self.spec.display());
        if !self.task_files.is_empty() {
            let _ = writeln!(
                out,
                "tasks: {}",
                self.task_files
                    .iter()
                    .map(|p| p.file_name().map_or_else(
                        || p.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        out.push('\n');
        let rows: Vec<[String; 5]> = self
            .requirements
            .iter()
            .map(|r| {
                [
                    label(r),
                    r.line.to_string(),
                    r.status.as_str().to_string(),
                    shorten(&sections_text(r), 70),
                    tasks_text(r),
                ]
            })
            .collect();
        let head = ["REQUIREMENT", "LINE", "STATUS", "SPEC SECTIONS", "TASKS"];
        let mut width = head.map(|h| h.chars().count());
        for r in &rows {
            for (w, c) in width.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i + 1 == cells.len() {
                    s.push_str(c);
                } else {
                    let pad = width[i].saturating_sub(c.chars().count());
                    let _ = write!(s, "{c}{}  ", " ".repeat(pad));
                }
            }
            s.trim_end().to_string()
        };
        let _ = writeln!(out, "{}", line(&head.map(String::from)));
        for r in &rows {
            let _ = writeln!(out, "{}", line(r));
        }
        let _ = writeln!(out, "\n{}", self.summary());
        out
    }

    /// A Markdown table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# Trace: {}\n", self.spec.display());
        let _ = writeln!(out, "PRD: `{}`\n", self.prd.display());
        out.push_str("| Requirement | Status | Spec sections | Tasks |\n|---|---|---|---|\n");
        let cell = |s: &str| s.replace('|', "\\|");
        for r in &self.requirements {
            let _ = writeln!(
                out,
                "| {} (PRD line {}): {} | {} | {} | {} |",
                cell(&label(r)),
                r.line,
                cell(&shorten(&r.text, 80)),
                r.status.as_str(),
                cell(&sections_text(r)),
                cell(&tasks_text(r))
            );
        }
        let _ = writeln!(out, "\n{}", self.summary());
        out
    }
}
