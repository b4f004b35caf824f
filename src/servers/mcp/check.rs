//! `techspec_check`: a spec (a file, a folder, inline text, or every spec of
//! the workspace) checked as `techspec check --format json` checks it, plus
//! a summary an agent can work through.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::CallToolResult;
use rmcp::{tool, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{Root, TechspecMcp, ToolError, ToolOutput, template_arg};
use crate::engine::workspace::{
    Overrides, Selection, Workspace, Workspaces, specs_under, with_adrs,
};
use crate::engine::{Checker, FileReport, unreadable};
use crate::model::diagnostic::Severity;
use crate::output::json::to_output;
use crate::project::specfiles::walk;

const DESCRIPTION: &str = "Check a technical specification against its template and the repository, as \
`techspec check` does. Give `path` (a spec file or folder, relative to the workspace root), or `text` (the spec's \
Markdown; `path` then only names it), or neither to check every spec file of the workspace. Answers compactly: per \
file its totals, then one line per error and warning (`line CODE message — help`), errors first, at most \
`max_findings` (default 50; page with `offset`); infos only as a count per code unless `include_infos`. The same \
findings with every field (columns, end, section) are in the structured result. Errors must be fixed; warnings \
should be; infos are notes for the author to judge. The PRD and task files beside a spec (prd.md, tasks.md, 1_task.md, \
task_01.md) are checked with it and listed as their own files (codes TS401-TS417). Call again after fixing until no \
errors remain.";

/// Findings listed per call unless `max_findings` says otherwise.
pub const DEFAULT_MAX_FINDINGS: usize = 50;

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
    /// List infos one by one too (default: only a count per code).
    #[serde(default, deserialize_with = "super::lenient::bool")]
    pub include_infos: Option<bool>,
    /// The most findings to list (default 50), errors first.
    #[serde(default, deserialize_with = "super::lenient::usize")]
    pub max_findings: Option<usize>,
    /// How many findings to skip, to see the next page (the answer says the next offset).
    #[serde(default, deserialize_with = "super::lenient::usize")]
    pub offset: Option<usize>,
}

/// Checks what `p` names.
pub fn run(root: &Root, p: CheckParams) -> Result<ToolOutput, ToolError> {
    let top = Workspace::open_within(root.path(), root.path())?;
    let mut checkers = Checkers {
        root,
        template: p.template.clone(),
        workspaces: None,
    };
    let reports: Vec<FileReport> = match (&p.path, &p.text) {
        (path, Some(text)) => {
            let abs = match path {
                Some(path) => root.new_path(path)?,
                None => root.path().join("inline.md"),
            };
            let checker = checkers.for_file(&abs)?;
            vec![relative(root, checker.check_bytes(&abs, text.as_bytes()))]
        }
        (Some(path), None) => {
            let abs = root.existing(path)?;
            if abs.is_dir() {
                // PRD and task files are checked with their spec, not as specs.
                checkers.files(with_adrs(specs_under(&abs, &top.exclude).0))?
            } else {
                checkers.check(vec![Ok(abs)])?
            }
        }
        (None, None) => checkers.files(with_adrs(
            walk(root.path(), Some(&top.specs), &top.exclude).0,
        ))?,
    };
    // The PRD and task files beside a spec, after it.
    let reports = crate::engine::flatten(reports);
    if reports.is_empty() {
        return Err(ToolError::Invalid(format!(
            "no spec files found (looked for {}); give `path` or `text`",
            top.spec_globs.join(", ")
        )));
    }
    let page = Page {
        include_infos: p.include_infos.unwrap_or(false),
        max: p.max_findings.unwrap_or(DEFAULT_MAX_FINDINGS),
        offset: p.offset.unwrap_or(0),
    };
    let (mut text, structured) = compact(&reports, page);
    for note in &top.checker.templates.notes {
        let _ = writeln!(text, "Note: {note}");
    }
    Ok(ToolOutput {
        text,
        structured: Some(structured),
    })
}

/// Which findings an answer lists.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub include_infos: bool,
    pub max: usize,
    pub offset: usize,
}

/// The compact answer: text with one line per listed finding, and the
/// structured result (the listed findings with every field, totals per file,
/// infos counted per code, the page).
pub fn compact(reports: &[FileReport], page: Page) -> (String, serde_json::Value) {
    let json = to_output(reports);
    // Every listable finding: (file index, diagnostic index), errors first.
    let mut listable: Vec<(usize, usize)> = json
        .files
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| {
            f.diagnostics
                .iter()
                .enumerate()
                .filter(|(_, d)| page.include_infos || d.severity != Severity::Info)
                .map(move |(di, _)| (fi, di))
        })
        .collect();
    listable.sort_by_key(|&(fi, di)| {
        (
            std::cmp::Reverse(json.files[fi].diagnostics[di].severity),
            fi,
            di,
        )
    });
    let total = listable.len();
    let shown: Vec<(usize, usize)> = listable
        .into_iter()
        .skip(page.offset)
        .take(page.max)
        .collect();
    let mut infos: std::collections::BTreeMap<&str, usize> = Default::default();
    for d in json.files.iter().flat_map(|f| &f.diagnostics) {
        if d.severity == Severity::Info {
            *infos.entry(d.code.as_str()).or_default() += 1;
        }
    }

    let s = &json.summary;
    let mut text = format!(
        "{} file(s): {} error(s), {} warning(s), {} info(s).\n",
        s.files, s.errors, s.warnings, s.infos
    );
    if !page.include_infos && !infos.is_empty() {
        let counts: Vec<String> = infos.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
        let _ = writeln!(
            text,
            "Infos (not listed; notes for the author to judge, include_infos=true lists them): {}.",
            counts.join(", ")
        );
    }
    let mut files_out = Vec::new();
    for (fi, f) in json.files.iter().enumerate() {
        let mut mine: Vec<usize> = shown
            .iter()
            .filter(|(sfi, _)| *sfi == fi)
            .map(|&(_, di)| di)
            .collect();
        mine.sort_unstable();
        let count = |sev| f.diagnostics.iter().filter(|d| d.severity == sev).count();
        let (e, w, i) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        if !mine.is_empty() {
            let template = f
                .template
                .as_deref()
                .map(|t| format!(" (template `{t}`)"))
                .unwrap_or_default();
            let _ = writeln!(
                text,
                "\n{}{template}: {e} error(s), {w} warning(s), {i} info(s)",
                f.path
            );
            for &di in &mine {
                let d = &f.diagnostics[di];
                let _ = write!(text, "{} {} {}", d.line, d.code, d.message);
                if let Some(h) = &d.help {
                    let _ = write!(text, " — {h}");
                }
                text.push('\n');
            }
        }
        if e + w + i > 0 || json.files.len() <= 50 {
            files_out.push(serde_json::json!({
                "path": f.path,
                "template": f.template,
                "errors": e,
                "warnings": w,
                "infos": i,
                "diagnostics": mine.iter().map(|&di| &f.diagnostics[di]).collect::<Vec<_>>(),
            }));
        }
    }
    let next = (page.offset + shown.len() < total).then_some(page.offset + shown.len());
    if total == 0 {
        text.push_str(if s.infos == 0 {
            "The spec is clean.\n"
        } else {
            "No errors or warnings.\n"
        });
    } else {
        if shown.is_empty() {
            let _ = writeln!(
                text,
                "\nNone of the {total} listed (offset={}, max_findings={}); call with offset=0 and max_findings above 0.",
                page.offset, page.max
            );
        } else if let Some(next) = next {
            let _ = writeln!(
                text,
                "\nListed {}–{} of {total}; call again with offset={next} for the next ones.",
                page.offset + 1,
                page.offset + shown.len()
            );
        }
        text.push_str(
            "\nErrors must be fixed; warnings should be (or the spec says why not); infos are for the \
             author to judge. Call techspec_check again after fixing; techspec_explain CODE says why a \
             check fires and what to write instead.\n",
        );
    }
    let structured = serde_json::json!({
        "version": json.version,
        "files": files_out,
        "summary": json.summary,
        "infos_by_code": infos,
        "page": {
            "offset": page.offset,
            "listed": shown.len(),
            "total": total,
            "next_offset": next,
        },
    });
    (text, structured)
}

/// The workspaces of a call: each file is checked with the nearest
/// `techspec.toml` above it (defaults without one), as `check` does.
struct Checkers<'a> {
    root: &'a Root,
    template: Option<String>,
    /// Made on the first file (the template argument is resolved then).
    workspaces: Option<Workspaces>,
}

impl Checkers<'_> {
    /// The index of a file's workspace, from [`Workspaces`] as `check` and
    /// the LSP resolve it (the root's confinement keeps it inside).
    fn index_for(&mut self, abs: &Path) -> Result<usize, ToolError> {
        let workspaces = match &mut self.workspaces {
            Some(w) => w,
            None => {
                let template = match &self.template {
                    Some(t) => Some((template_arg(self.root, t)?, self.root.path().to_path_buf())),
                    None => None,
                };
                self.workspaces.insert(Workspaces::new(Overrides {
                    template,
                    ..Overrides::default()
                }))
            }
        };
        Ok(workspaces.index_for(abs)?.0)
    }

    /// The checker of a file.
    fn for_file(&mut self, abs: &Path) -> Result<&Checker, ToolError> {
        let i = self.index_for(abs)?;
        let workspaces = self
            .workspaces
            .as_ref()
            .ok_or_else(|| ToolError::Failed("workspace cache".into()))?;
        Ok(&workspaces.get(i).checker)
    }

    /// Checks files (absolute paths inside the root, or the report of one
    /// that is not) in parallel, as `check` does, in their order; each
    /// report names its file relative to the root.
    fn check(
        mut self,
        files: Vec<Result<PathBuf, Box<FileReport>>>,
    ) -> Result<Vec<FileReport>, ToolError> {
        let mut jobs = Vec::new();
        let mut refused = Vec::with_capacity(files.len());
        for f in files {
            match f {
                Ok(abs) => {
                    jobs.push((self.index_for(&abs)?, abs));
                    refused.push(None);
                }
                Err(report) => refused.push(Some(*report)),
            }
        }
        let Some(workspaces) = self.workspaces.take() else {
            return Ok(refused.into_iter().flatten().collect());
        };
        let sel = Selection {
            workspaces,
            jobs,
            reports: Vec::new(),
            walk_failed: false,
            baseline: None,
        };
        let mut checked = sel
            .check(None, false, &|| {})?
            .reports
            .into_iter()
            .map(|report| relative(self.root, report));
        Ok(refused
            .into_iter()
            .filter_map(|r| r.or_else(|| checked.next()))
            .collect())
    }

    /// Checks walked files; one that resolves outside the root (a symbolic
    /// link) is reported as unreadable, not read.
    fn files(self, found: Vec<PathBuf>) -> Result<Vec<FileReport>, ToolError> {
        let root = self.root;
        self.check(
            found
                .iter()
                .map(|f| {
                    root.existing(&f.to_string_lossy()).map_err(|e| {
                        Box::new(unreadable(Path::new(&root.relative(f)), e.to_string()))
                    })
                })
                .collect(),
        )
    }
}

/// A report whose file, and PRD and task files, are named relative to the root.
fn relative(root: &Root, mut report: FileReport) -> FileReport {
    report.path = PathBuf::from(root.relative(&report.path));
    for c in &mut report.companions {
        c.path = PathBuf::from(root.relative(&c.path));
    }
    report
}

#[tool_router(router = check_router, vis = "pub(super)")]
impl TechspecMcp {
    #[tool(description = DESCRIPTION, annotations(title = "Check a spec", read_only_hint = true))]
    async fn techspec_check(&self, Parameters(p): Parameters<CheckParams>) -> CallToolResult {
        self.blocking(move |root| run(root, p)).await
    }
}
