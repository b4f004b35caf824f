//! `--format sarif`: SARIF 2.1.0, with every check as a rule carrying its docs.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::links::{RepoPaths, encode_relative, file_uri, help_uri};
use crate::engine::FileReport;
use crate::engine::checks::{CHECKS, docs};
use crate::engine::fingerprint;
use crate::model::diagnostic::Severity;

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The base of every relative artifact URI.
const SRCROOT: &str = "%SRCROOT%";

/// The SARIF log as a JSON value. Artifact URIs are relative to the
/// repository root (`uriBaseId: %SRCROOT%`), percent-encoded, with `/`;
/// each result carries the stable finding fingerprint.
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
                "helpUri": help_uri(c.code),
                "defaultConfiguration": {"level": level(c.severity)},
            })
        })
        .collect();
    let paths = RepoPaths::for_files(reports.iter().map(|r| r.path.as_path()));
    let mut results = Vec::new();
    for r in reports {
        let (artifact, rel) = match paths.relative(&r.path) {
            Ok(rel) => (
                json!({"uri": encode_relative(&rel), "uriBaseId": SRCROOT}),
                rel,
            ),
            Err(abs) => (
                json!({"uri": file_uri(&abs, false)}),
                abs.to_string_lossy().replace('\\', "/"),
            ),
        };
        let prints = fingerprint::fingerprints(&rel, &r.diagnostics);
        for (d, print) in r.diagnostics.iter().zip(prints) {
            let index = CHECKS.iter().position(|c| c.code == d.code);
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": d.line,
                            "startColumn": d.column,
                            "endLine": d.end_line,
                            "endColumn": d.end_column.max(1),
                        }
                    }
                }],
                "partialFingerprints": {fingerprint::SARIF_KEY: print},
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
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": super::links::REPOSITORY,
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": file_uri(&paths.root, true)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(reports))?;
    writeln!(w)
}
