//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue
//! subset GitLab reads from `artifacts:reports:codequality`), shown in merge
//! requests. Paths are relative to the repository root; each issue's
//! fingerprint is the stable finding fingerprint (`src/engine/fingerprint.rs`,
//! which hashes the path too, so it is unique across files).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::links::RepoPaths;
use crate::engine::FileReport;
use crate::engine::fingerprint;
use crate::model::diagnostic::Severity;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The report as a JSON value.
pub fn to_value(reports: &[FileReport]) -> Value {
    let paths = RepoPaths::for_files(reports.iter().map(|r| r.path.as_path()));
    let mut issues = Vec::new();
    for r in reports {
        let path = match paths.relative(&r.path) {
            Ok(rel) => rel,
            Err(abs) => abs.to_string_lossy().replace('\\', "/"),
        };
        let prints = fingerprint::fingerprints(&path, &r.diagnostics);
        for (d, print) in r.diagnostics.iter().zip(prints) {
            let mut description = format!("{} {}", d.code, d.message);
            if let Some(h) = &d.help {
                description.push_str(" — ");
                description.push_str(h);
            }
            issues.push(json!({
                "type": "issue",
                "description": description,
                "check_name": format!("{} {}", d.code, d.name),
                "fingerprint": print,
                "severity": severity(d.severity),
                "categories": ["Clarity"],
                "location": {
                    "path": path,
                    "lines": {"begin": d.line, "end": d.end_line.max(d.line)},
                },
            }));
        }
    }
    Value::Array(issues)
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(reports))?;
    writeln!(w)
}
