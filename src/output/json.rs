//! `--format json`: the stable, versioned shape of PRODUCT.md.
//!
//! ```json
//! {"version":1,"files":[{"path":"..","template":"standard","diagnostics":[{"code":"TS101",
//!  "name":"missing-section","severity":"error","message":"..","line":1,"column":1,
//!  "end_line":1,"end_column":5,"section":"Relevant Files","help":".."}]}],
//!  "summary":{"files":1,"errors":1,"warnings":0,"infos":0}}
//! ```

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::{Summary, display_path};
use crate::engine::FileReport;
use crate::model::diagnostic::Severity;

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
    /// What to do about it (null when the message says it all).
    pub help: Option<String>,
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
                        help: d.help.clone(),
                    })
                    .collect(),
            })
            .collect(),
        summary: Summary::of(reports),
    }
}

/// Writes the JSON of `reports`, serialising from them directly (the same
/// bytes as [`to_output`], without a second copy of every finding).
pub fn write(w: &mut dyn Write, reports: &[FileReport], statistics: bool) -> io::Result<()> {
    let out = OutRef {
        version: VERSION,
        files: FilesRef(reports),
        summary: Summary::of(reports),
        statistics: statistics.then(|| Statistics::of(reports)),
    };
    // serde writes many small pieces: a buffer of its own keeps them off
    // the dynamic `Write` until a block is full.
    let mut buf = io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer(&mut buf, &out)?;
    writeln!(buf)?;
    buf.flush()
}

#[derive(Serialize)]
struct OutRef<'a> {
    version: u32,
    files: FilesRef<'a>,
    summary: Summary,
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Statistics>,
}

/// `--statistics`: findings per check, and each file's size (prose words and
/// code lines counted apart).
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct Statistics {
    pub checks: Vec<CheckCount>,
    pub files: Vec<FileSize>,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct CheckCount {
    pub code: String,
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct FileSize {
    pub path: String,
    /// Words outside code blocks.
    pub words: usize,
    pub code_lines: usize,
    pub code_blocks: usize,
}

impl Statistics {
    pub fn of(reports: &[FileReport]) -> Statistics {
        let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            *counts
                .entry((d.code.as_str(), d.name.as_str()))
                .or_default() += 1;
        }
        Statistics {
            checks: counts
                .into_iter()
                .map(|((code, name), count)| CheckCount {
                    code: code.into(),
                    name: name.into(),
                    count,
                })
                .collect(),
            files: reports
                .iter()
                .filter_map(|r| {
                    r.stats.map(|s| FileSize {
                        path: display_path(&r.path),
                        words: s.word_count,
                        code_lines: s.code_lines,
                        code_blocks: s.code_blocks,
                    })
                })
                .collect(),
        }
    }
}

struct FilesRef<'a>(&'a [FileReport]);

impl Serialize for FilesRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|r| FileRef {
            path: display_path(&r.path),
            template: r.template.as_deref(),
            diagnostics: DiagnosticsRef(&r.diagnostics),
        }))
    }
}

#[derive(Serialize)]
struct FileRef<'a> {
    path: String,
    template: Option<&'a str>,
    diagnostics: DiagnosticsRef<'a>,
}

struct DiagnosticsRef<'a>(&'a [crate::model::diagnostic::Resolved]);

impl Serialize for DiagnosticsRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|d| DiagnosticRef {
            code: &d.code,
            name: &d.name,
            severity: d.severity,
            message: &d.message,
            line: d.line,
            column: d.column,
            end_line: d.end_line,
            end_column: d.end_column,
            section: d.section.as_deref(),
            help: d.help.as_deref(),
        }))
    }
}

#[derive(Serialize)]
struct DiagnosticRef<'a> {
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    section: Option<&'a str>,
    help: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Checker;
    use crate::model::template::TemplateSet;

    #[test]
    fn streamed_json_is_the_owned_shape() {
        let checker = Checker::new(TemplateSet::builtins());
        let reports = vec![
            checker.check_bytes(
                std::path::Path::new("./a/spec.md"),
                b"# T\n\n## Executive Summary\n\nTBD\n",
            ),
            checker.check_bytes(std::path::Path::new("bin.md"), b"\0"),
        ];
        let mut streamed = Vec::new();
        write(&mut streamed, &reports, false).unwrap();
        let owned = serde_json::to_string(&to_output(&reports)).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), owned);
    }
}
