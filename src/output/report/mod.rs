//! `techspec report`: one self-contained HTML page with every spec's status,
//! for a reviewer.
//!
//! [`build`] turns checked files ([`FileReport`]s) into a [`Report`] model:
//! per spec its template, word count, section completeness, counts per
//! severity, rule coverage and findings (with the source line and the
//! check's explanation). [`render_html`] renders the model through the
//! embedded `report.html` template (minijinja, HTML auto-escaping on) into
//! one file with inline CSS and JavaScript: no network, no external assets.

mod docs;
mod render;

pub use docs::{DocBlock, DocBlockKind, doc_blocks, doc_section};
pub use render::{ReportError, render_html};

pub use crate::engine::RuleCoverage;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::engine::FileReport;
use crate::engine::checks;
use crate::model::diagnostic::{Resolved, Severity};
use crate::output::display_path;

/// What the report says about the whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    /// The techspec version that wrote it.
    pub version: &'static str,
    /// When it was written (UTC, `2026-01-31 12:00 UTC`), if the caller says.
    pub generated: Option<String>,
    pub word_budget: usize,
    pub code_budget: usize,
    pub summary: ReportSummary,
    pub specs: Vec<SpecRow>,
    /// The checks that reported something, with their documentation.
    pub checks: Vec<CheckDoc>,
    /// Whether rule coverage was computed for every spec; where it was not,
    /// the rules column shows "—" (and the page says why).
    pub rules_known: bool,
}

/// Totals at the top of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReportSummary {
    pub specs: usize,
    /// No errors and no warnings (infos allowed).
    pub clean: usize,
    /// Warnings but no errors.
    pub with_warnings: usize,
    /// At least one error (unreadable files included).
    pub with_errors: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Required sections present over all readable specs, in percent.
    pub completeness: u32,
    /// Findings recorded in the baseline (see [`Report::mark_baselined`]).
    pub baselined: usize,
}

/// The state of one spec, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpecStatus {
    Unreadable,
    Errors,
    Warnings,
    Clean,
}

/// One row of the table.
#[derive(Debug, Clone, Serialize)]
pub struct SpecRow {
    /// Position in the report, for element ids.
    pub id: usize,
    pub path: String,
    pub template: Option<String>,
    pub status: SpecStatus,
    /// Words of prose (code blocks excluded).
    pub words: Option<usize>,
    pub over_budget: bool,
    /// Lines of code, counted apart from the prose.
    pub code_lines: Option<usize>,
    pub over_code_budget: bool,
    pub sections_found: Option<usize>,
    pub sections_required: Option<usize>,
    /// `sections_found / sections_required`, in percent.
    pub completeness: Option<u32>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub rules: Option<RuleCoverage>,
    pub findings: Vec<Finding>,
}

/// A finding, ready to show.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub section: Option<String>,
    pub help: Option<String>,
    /// The source line the finding starts on (line break removed).
    pub source: String,
    /// Spaces (tabs kept) up to the column, then `^` under the span.
    pub caret: String,
    /// The check's one-line summary.
    pub summary: &'static str,
    /// The "Why is this bad?" part of the check's documentation.
    pub why: String,
    /// Recorded in the baseline: `check --baseline` does not report it.
    pub baselined: bool,
}

/// A check that reported something, with its documentation.
#[derive(Debug, Clone, Serialize)]
pub struct CheckDoc {
    pub code: String,
    pub name: String,
    pub summary: &'static str,
    pub blocks: Vec<DocBlock>,
}

/// Options of [`build`].
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub title: String,
    pub word_budget: usize,
    pub code_budget: usize,
    pub generated: Option<String>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "Technical specifications".into(),
            word_budget: 2500,
            code_budget: 150,
            generated: None,
        }
    }
}

/// Builds the report model from checked files, sorted by path. Rule coverage
/// is left empty ([`Report::rules_known`] false); see [`Report::set_rules`].
pub fn build(reports: &[FileReport], opts: &ReportOptions) -> Report {
    let mut specs: Vec<SpecRow> = reports.iter().map(|r| spec_row(r, opts)).collect();
    specs.sort_by(|a, b| a.path.cmp(&b.path));
    for (i, s) in specs.iter_mut().enumerate() {
        s.id = i + 1;
    }
    let codes: BTreeSet<&str> = specs
        .iter()
        .flat_map(|s| s.findings.iter().map(|f| f.code.as_str()))
        .collect();
    let checks = codes
        .into_iter()
        .map(|code| {
            let info = checks::lookup(code);
            CheckDoc {
                code: code.to_string(),
                name: info.map_or("", |i| i.name).to_string(),
                summary: info.map_or("", |i| i.summary),
                blocks: doc_blocks(checks::docs(code)),
            }
        })
        .collect();
    Report {
        title: opts.title.clone(),
        version: env!("CARGO_PKG_VERSION"),
        generated: opts.generated.clone(),
        word_budget: opts.word_budget,
        code_budget: opts.code_budget,
        summary: summarize(&specs),
        specs,
        checks,
        rules_known: false,
    }
}

impl Report {
    /// Fills the rules column: `coverage(path)` for each spec (by its
    /// displayed path; `None` for a spec outside any repository). Coverage
    /// counts as known when every spec has it.
    pub fn set_rules(&mut self, mut coverage: impl FnMut(&str) -> Option<RuleCoverage>) {
        for s in &mut self.specs {
            s.rules = coverage(&s.path);
        }
        // PRD and task files beside a spec (no template, readable) have no rules.
        self.rules_known = self
            .specs
            .iter()
            .filter(|s| s.template.is_some() || s.status == SpecStatus::Unreadable)
            .all(|s| s.rules.is_some());
    }

    /// Marks the findings a baseline holds: `known(path)` gives, for the
    /// spec of that displayed path, one flag per finding in order
    /// ([`crate::engine::baseline::known`]).
    pub fn mark_baselined(&mut self, mut known: impl FnMut(&str) -> Option<Vec<bool>>) {
        let mut n = 0;
        for s in &mut self.specs {
            let Some(flags) = known(&s.path) else {
                continue;
            };
            for (f, known) in s.findings.iter_mut().zip(flags) {
                f.baselined = known;
                n += usize::from(known);
            }
        }
        self.summary.baselined = n;
    }
}

fn spec_row(r: &FileReport, opts: &ReportOptions) -> SpecRow {
    let errors = r.count(Severity::Error);
    let warnings = r.count(Severity::Warning);
    let infos = r.count(Severity::Info);
    let status = if r.io_error {
        SpecStatus::Unreadable
    } else if errors > 0 {
        SpecStatus::Errors
    } else if warnings > 0 {
        SpecStatus::Warnings
    } else {
        SpecStatus::Clean
    };
    let stats = r.stats;
    SpecRow {
        id: 0,
        path: display_path(&r.path),
        template: r.template.clone(),
        status,
        words: stats.map(|s| s.word_count),
        over_budget: stats.is_some_and(|s| s.word_count > opts.word_budget),
        code_lines: stats.map(|s| s.code_lines),
        over_code_budget: stats.is_some_and(|s| s.code_lines > opts.code_budget),
        sections_found: stats.map(|s| s.sections_found),
        sections_required: stats.map(|s| s.sections_required),
        completeness: stats.map(|s| percent(s.sections_found, s.sections_required)),
        errors,
        warnings,
        infos,
        rules: None,
        findings: r.diagnostics.iter().map(finding).collect(),
    }
}

fn finding(d: &Resolved) -> Finding {
    let source = d.source_line.trim_end_matches(['\n', '\r']).to_string();
    Finding {
        code: d.code.clone(),
        name: d.name.clone(),
        severity: d.severity,
        message: d.message.clone(),
        line: d.line,
        column: d.column,
        section: d.section.clone(),
        help: d.help.clone(),
        caret: caret(&source, d),
        source,
        summary: checks::lookup(&d.code).map_or("", |i| i.summary),
        why: doc_section(checks::docs(&d.code), "Why is this bad?"),
        baselined: false,
    }
}

/// The marker line under `source` for a finding: blanks up to its column
/// (tabs kept, so it lines up), then `^` over its extent on that line.
fn caret(source: &str, d: &Resolved) -> String {
    if source.is_empty() {
        return String::new();
    }
    let chars: Vec<char> = source.chars().collect();
    let start = d.column.saturating_sub(1).min(chars.len());
    let end = if d.end_line == d.line {
        d.end_column.saturating_sub(1).min(chars.len())
    } else {
        chars.len()
    };
    let width = end.saturating_sub(start).max(1);
    let mut out: String = chars[..start]
        .iter()
        .map(|&c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    out.push_str(&"^".repeat(width));
    out
}

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        return 100;
    }
    ((part.min(whole) * 100) as f64 / whole as f64).round() as u32
}

fn summarize(specs: &[SpecRow]) -> ReportSummary {
    let mut s = ReportSummary {
        specs: specs.len(),
        ..ReportSummary::default()
    };
    let (mut found, mut required) = (0, 0);
    for r in specs {
        match r.status {
            SpecStatus::Clean => s.clean += 1,
            SpecStatus::Warnings => s.with_warnings += 1,
            SpecStatus::Errors => s.with_errors += 1,
            SpecStatus::Unreadable => {
                s.with_errors += 1;
                s.unreadable += 1;
            }
        }
        s.errors += r.errors;
        s.warnings += r.warnings;
        s.infos += r.infos;
        found += r.sections_found.unwrap_or(0);
        required += r.sections_required.unwrap_or(0);
    }
    s.completeness = percent(found, required);
    s
}

/// A UTC timestamp for [`ReportOptions::generated`]: `2026-01-31 12:00 UTC`.
pub fn utc_timestamp(t: std::time::SystemTime) -> String {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let mo = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(mo <= 2);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{m:02} UTC")
}

#[cfg(test)]
mod tests;
