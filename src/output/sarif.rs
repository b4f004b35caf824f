//! `--format sarif`: SARIF 2.1.0, with every check as a rule carrying its docs.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::display_path;
use crate::checks::{CHECKS, docs};
use crate::diagnostic::Severity;
use crate::engine::FileReport;

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log as a JSON value.
pub fn to_value(reports: &[FileReport]) -> Value {
    let rules: Vec<Value> = CHECKS
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "name": c.name,
                "shortDescription": {"text": c.summary},
                "fullDescription": {"text": docs(c.code)},
                "help": {"text": docs(c.code), "markdown": docs(c.code)},
                "defaultConfiguration": {"level": level(c.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let uri = display_path(&r.path);
        for d in &r.diagnostics {
            let index = CHECKS.iter().position(|c| c.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": d.end_column.max(1),
                        }
                    }
                }],
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "techspec",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(reports))?;
    writeln!(w)
}
