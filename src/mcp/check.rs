//! `techspec_check`: a spec (a file, a folder, inline text, or every spec of
//! the workspace) checked as `techspec check --format json` checks it, plus
//! a summary an agent can work through.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput, template_arg};
use crate::diagnostic::Severity;
use crate::discover::walk;
use crate::engine::{Checker, FileReport, read_limited, unreadable};
use crate::output::json::to_output;
use crate::workspace::{Overrides, Workspace};

const DESCRIPTION: &str = "Check a technical specification against its template and the repository, exactly as \
`techspec check --format json` does. Give `path` (a spec file or folder, relative to the workspace root), or `text` \
(the spec's Markdown; `path` then only names it), or neither to check every spec file of the workspace. Returns the \
findings as JSON ({version, files:[{path, template, diagnostics:[{code, name, severity, message, line, column, \
end_line, end_column, section}]}], summary}) and a summary with one line per finding: `line:col CODE message — help`. \
The PRD and task files beside a spec (prd.md, tasks.md, 1_task.md, task_01.md) are checked with it and listed as their \
own files (codes TS401-TS417). \
Fix every finding and call again until it reports none.";

/// Parameters of `techspec_check`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckParams {
    /// The spec file (or a folder of specs) to check, relative to the workspace root,
    /// e.g. `tasks/prd-payment-refunds/techspec.md`. With `text`, the name the text is checked under.
    #[serde(default)]
    pub path: Option<String>,
    /// The spec's Markdown, to check without writing it to disk.
    #[serde(default)]
    pub text: Option<String>,
    /// A template name (`standard`, `extended`, `standard-python`, `standard-pt`...) or a
    /// template file in the workspace. Default: `template` in techspec.toml, else the best match.
    #[serde(default)]
    pub template: Option<String>,
}

/// Checks what `p` names.
pub fn run(root: &Root, p: CheckParams) -> Result<ToolOutput, ToolError> {
    let top = Workspace::open_within(root.path(), root.path())?;
    let mut checkers = Checkers {
        root,
        template: p.template.clone(),
        by_root: HashMap::new(),
    };
    let reports: Vec<FileReport> = match (&p.path, &p.text) {
        (path, Some(text)) => {
            let abs = match path {
                Some(path) => root.new_path(path)?,
                None => root.path().join("inline.md"),
            };
            let checker = checkers.for_file(&abs)?;
            let mut report = checker.check_bytes(&abs, text.as_bytes());
            report.path = PathBuf::from(root.relative(&abs));
            relative_companions(root, &mut report);
            vec![report]
        }
        (Some(path), None) => {
            let abs = root.existing(path)?;
            if abs.is_dir() {
                // PRD and task files are checked with their spec, not as specs.
                let found = walk(&abs, None, &top.exclude).0.into_iter().filter(|f| {
                    f.file_name()
                        .and_then(|n| n.to_str())
                        .is_none_or(|n| crate::trace::kind_of_name(n).is_none())
                });
                checkers.files(found.collect())?
            } else {
                vec![checkers.read(&abs)?]
            }
        }
        (None, None) => checkers.files(walk(root.path(), Some(&top.specs), &top.exclude).0)?,
    };
    // The PRD and task files beside a spec, after it.
    let reports = crate::engine::flatten(reports);
    if reports.is_empty() {
        return Err(ToolError::Invalid(format!(
            "no spec files found (looked for {}); give `path` or `text`",
            top.spec_globs.join(", ")
        )));
    }
    let json =
        serde_json::to_value(to_output(&reports)).map_err(|e| ToolError::Failed(e.to_string()))?;
    let mut text = summary(&reports);
    for note in &top.checker.templates.notes {
        let _ = writeln!(text, "Note: {note}");
    }
    Ok(ToolOutput {
        text,
        structured: Some(json),
    })
}

/// One checker per project configuration, as `check` has: each file is
/// checked with the nearest `techspec.toml` above it (defaults without one).
struct Checkers<'a> {
    root: &'a Root,
    template: Option<String>,
    by_root: HashMap<PathBuf, Checker>,
}

impl Checkers<'_> {
    /// The checker of a file: [`Workspace::for_file`], as `check` and the
    /// LSP resolve it (the root's confinement keeps it inside).
    fn for_file(&mut self, abs: &Path) -> Result<&Checker, ToolError> {
        let overrides = Overrides {
            template: match &self.template {
                Some(t) => Some((template_arg(self.root, t)?, self.root.path().to_path_buf())),
                None => None,
            },
            ..Overrides::default()
        };
        let key = Workspace::key_for(abs, &overrides);
        if !self.by_root.contains_key(&key) {
            let checker = Workspace::for_file(abs, &overrides)?.checker;
            self.by_root.insert(key.clone(), checker);
        }
        self.by_root
            .get(&key)
            .ok_or_else(|| ToolError::Failed("checker cache".into()))
    }

    /// Reads and checks a file; the report names it relative to the root.
    fn read(&mut self, abs: &Path) -> Result<FileReport, ToolError> {
        let checker = self.for_file(abs)?;
        let mut report = match read_limited(abs, checker.settings.max_file_size) {
            Ok(bytes) => checker.check_bytes(abs, &bytes),
            Err(msg) => unreadable(abs, msg),
        };
        report.path = PathBuf::from(self.root.relative(abs));
        relative_companions(self.root, &mut report);
        Ok(report)
    }

    /// Checks walked files; one that resolves outside the root (a symbolic
    /// link) is reported as unreadable, not read.
    fn files(&mut self, found: Vec<PathBuf>) -> Result<Vec<FileReport>, ToolError> {
        found
            .iter()
            .map(|f| match self.root.existing(&f.to_string_lossy()) {
                Ok(abs) => self.read(&abs),
                Err(e) => Ok(unreadable(Path::new(&self.root.relative(f)), e.to_string())),
            })
            .collect()
    }
}

/// The PRD and task files of a report, named relative to the root.
fn relative_companions(root: &Root, report: &mut FileReport) {
    for c in &mut report.companions {
        c.path = PathBuf::from(root.relative(&c.path));
    }
}

/// One paragraph per file: its totals, then `line:col CODE message — help` per finding.
pub fn summary(reports: &[FileReport]) -> String {
    let mut out = String::new();
    let mut total = 0;
    for r in reports {
        let template = r
            .template
            .as_deref()
            .map(|t| format!(" (template `{t}`)"))
            .unwrap_or_default();
        let n = r.diagnostics.len();
        total += n;
        if n == 0 {
            let _ = writeln!(
                out,
                "{}{template}: no findings.",
                crate::output::display_path(&r.path)
            );
            continue;
        }
        let _ = writeln!(
            out,
            "{}{template}: {} error(s), {} warning(s), {} info(s)",
            crate::output::display_path(&r.path),
            r.count(Severity::Error),
            r.count(Severity::Warning),
            r.count(Severity::Info)
        );
        for d in &r.diagnostics {
            let _ = write!(out, "{}:{} {} {}", d.line, d.column, d.code, d.message);
            if let Some(h) = &d.help {
                let _ = write!(out, " — {h}");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if total == 0 {
        out.push_str("The spec is clean.\n");
    } else {
        out.push_str(
            "Fix every finding (errors first), then call techspec_check again until it reports none; \
             techspec_explain with a code says why a check fires and what to write instead.\n",
        );
    }
    out
}

#[tool_router(router = check_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Check a spec", read_only_hint = true))]
    async fn techspec_check(&self, Parameters(p): Parameters<CheckParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
