//! The default, human-readable format, in the style of rustc:
//!
//! ```text
//! spec.md:12:1: error[TS101] missing required section `### Relevant Files`
//!    |
//! 12 | ### Standards Compliance
//!    | ^^^^^^^^^^^^^^^^^^^^^^^^
//!    = help: add a `### Relevant Files` section here
//! ```

use std::io::{self, Write};

use super::{HumanOptions, Summary, display_path};
use crate::engine::FileReport;
use crate::model::diagnostic::{Resolved, Severity};

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn sev(&self, sev: Severity) -> String {
        match sev {
            Severity::Error => self.wrap("1;31", "error"),
            Severity::Warning => self.wrap("1;33", "warning"),
            Severity::Info => self.wrap("1;36", "info"),
        }
    }
}

pub fn write(w: &mut dyn Write, reports: &[FileReport], opts: HumanOptions) -> io::Result<()> {
    let p = Paint { on: opts.color };
    for r in reports {
        if r.diagnostics.is_empty() {
            continue;
        }
        let path = display_path(&r.path);
        if !opts.quiet {
            if let Some(t) = &r.template {
                let how = match (&r.template_note, r.template_auto) {
                    (Some(note), true) => note.clone(),
                    (Some(note), false) => format!("chosen; {note}"),
                    (None, true) => "best match".to_string(),
                    (None, false) => "chosen".to_string(),
                };
                writeln!(
                    w,
                    "{}",
                    p.wrap(
                        "2",
                        &format!("{path}: checked against template `{t}` ({how})")
                    )
                )?;
            }
        }
        for d in &r.diagnostics {
            if opts.quiet && d.severity != Severity::Error {
                continue;
            }
            diagnostic(w, &p, &path, d, opts.quiet)?;
        }
    }
    if opts.statistics {
        statistics(w, reports)?;
    }
    let s = Summary::of(reports);
    let files = plural(s.files, "file", "files");
    if s.errors + s.warnings + s.infos == 0 {
        writeln!(w, "{} {files} checked, no findings", p.wrap("1;32", "ok:"))?;
    } else {
        writeln!(
            w,
            "{files} checked: {}, {}, {}",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "info", "infos")
        )?;
    }
    Ok(())
}

/// The longest run of carets under a span (TS201 quotes 60 characters).
const MAX_CARETS: usize = 60;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn diagnostic(
    w: &mut dyn Write,
    p: &Paint,
    path: &str,
    d: &Resolved,
    short: bool,
) -> io::Result<()> {
    writeln!(
        w,
        "{}: {}{} {}",
        p.wrap("1", &format!("{path}:{}:{}", d.line, d.column)),
        p.sev(d.severity),
        p.wrap("1", &format!("[{}]", d.code)),
        d.message
    )?;
    if short {
        return Ok(());
    }
    let num = d.line.to_string();
    let pad = " ".repeat(num.len());
    let bar = p.wrap("1;34", "|");
    if !d.source_line.is_empty() {
        let line: String = d
            .source_line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let width = line.chars().count();
        let start = d.column.saturating_sub(1).min(width);
        let end = if d.end_line == d.line {
            d.end_column.saturating_sub(1)
        } else {
            width
        };
        let len = end.saturating_sub(start).max(1);
        // A very long span is cut the way TS201 cuts its quote: the first
        // MAX_CARETS characters, then `…`.
        let (line, carets) = if len > MAX_CARETS {
            let shown: String = line.chars().take(start + MAX_CARETS).collect();
            (
                format!("{}…", shown.trim_end()),
                format!("{}…", "^".repeat(MAX_CARETS)),
            )
        } else {
            (line, "^".repeat(len))
        };
        writeln!(w, "{pad} {bar}")?;
        writeln!(w, "{} {bar} {line}", p.wrap("1;34", &num))?;
        let caret = match d.severity {
            Severity::Error => p.wrap("1;31", &carets),
            Severity::Warning => p.wrap("1;33", &carets),
            Severity::Info => p.wrap("1;36", &carets),
        };
        writeln!(w, "{pad} {bar} {}{caret}", " ".repeat(start))?;
    }
    if let Some(help) = &d.help {
        writeln!(
            w,
            "{pad} {} {}: {help}",
            p.wrap("1;34", "="),
            p.wrap("1", "help")
        )?;
    }
    writeln!(w)?;
    Ok(())
}

fn statistics(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let stats = super::json::Statistics::of(reports);
    for c in &stats.checks {
        writeln!(w, "{:>6}  {}  {}", c.count, c.code, c.name)?;
    }
    for f in &stats.files {
        writeln!(
            w,
            "{}: {} of prose, {} of code in {}",
            f.path,
            plural(f.words, "word", "words"),
            plural(f.code_lines, "line", "lines"),
            plural(f.code_blocks, "block", "blocks")
        )?;
    }
    Ok(())
}
