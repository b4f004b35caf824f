//! `--format json`: the stable, versioned shape of PRODUCT.md.
//!
//! ```json
//! {"version":1,"files":[{"path":"..","template":"standard","diagnostics":[{"code":"TS101",
//!  "name":"missing-section","severity":"error","message":"..","line":1,"column":1,
//!  "end_line":1,"end_column":5,"section":"Relevant Files"}]}],
//!  "summary":{"files":1,"errors":1,"warnings":0,"infos":0}}
//! ```

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{Summary, display_path};
use crate::diagnostic::Severity;
use crate::engine::FileReport;

/// The version of the JSON shape.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct JsonOutput {
    pub version: u32,
    pub files: Vec<JsonFile>,
    pub summary: Summary,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct JsonFile {
    pub path: String,
    pub template: Option<String>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct JsonDiagnostic {
    pub code: String,
    pub name: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub section: Option<String>,
}

pub fn to_output(reports: &[FileReport]) -> JsonOutput {
    JsonOutput {
        version: VERSION,
        files: reports
            .iter()
            .map(|r| JsonFile {
                path: display_path(&r.path),
                template: r.template.clone(),
                diagnostics: r
                    .diagnostics
                    .iter()
                    .map(|d| JsonDiagnostic {
                        code: d.code.clone(),
                        name: d.name.clone(),
                        severity: d.severity,
                        message: d.message.clone(),
                        line: d.line,
                        column: d.column,
                        end_line: d.end_line,
                        end_column: d.end_column,
                        section: d.section.clone(),
                    })
                    .collect(),
            })
            .collect(),
        summary: Summary::of(reports),
    }
}

pub fn write(w: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &to_output(reports))?;
    writeln!(w)
}
