//! Output formats for `check`: one file each.

pub mod codequality;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod links;
pub mod report;
pub mod sarif;

use std::io::{self, Write};

use crate::engine::FileReport;
use crate::model::diagnostic::Severity;

/// Totals of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
    Sarif,
    Github,
    /// JUnit XML (GitLab, Jenkins and Azure test reports).
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Options of the human format.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    pub color: bool,
    /// Only the summary line and errors count.
    pub quiet: bool,
    /// Counts per check and each file's prose words and code lines after
    /// the findings (in JSON: a `statistics` object).
    pub statistics: bool,
}

/// Writes reports in a format. `--quiet` means the same in every format:
/// only errors are reported (the human format keeps its summary line, with
/// every count; the machine formats count what they list).
pub fn write(
    w: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    opts: HumanOptions,
) -> io::Result<()> {
    let errors_only: Vec<FileReport>;
    let reports = if opts.quiet && format != Format::Human {
        errors_only = reports
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.diagnostics.retain(|d| d.severity == Severity::Error);
                r
            })
            .collect();
        &errors_only
    } else {
        reports
    };
    match format {
        Format::Human => human::write(w, reports, opts),
        Format::Json => json::write(w, reports, opts.statistics),
        Format::Sarif => sarif::write(w, reports),
        Format::Github => github::write(w, reports),
        Format::Junit => junit::write(w, reports),
        Format::Gitlab => codequality::write(w, reports),
    }
}

/// A path as written in outputs: relative, with `/` separators.
pub fn display_path(p: &std::path::Path) -> String {
    let s = p.to_string_lossy();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.replace('\\', "/")
}
